/* Threads: create/join, mutex, condvar, barrier and rwlock with 16 threads,
 * C11 atomics, __thread TLS, and a lost-update check on a shared counter. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NT 16
#define ITER 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t bar;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long locked_counter;
static atomic_long atomic_counter;
static atomic_int cas_counter;
static int turn;
static int order[NT];
static int norder;
static long shared_table[NT];
static __thread int tls_value = 7;
static __thread char tls_name[16];

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    tls_value += id;
    snprintf(tls_name, sizeof(tls_name), "t%02d", id);
    for (int i = 0; i < ITER; i++) {
        pthread_mutex_lock(&mu);
        locked_counter++;
        pthread_mutex_unlock(&mu);
        atomic_fetch_add(&atomic_counter, 2);
        int old = atomic_load(&cas_counter);
        while (!atomic_compare_exchange_weak(&cas_counter, &old, old + 1)) {
        }
    }
    /* Everyone meets here before the ordered phase. */
    pthread_barrier_wait(&bar);
    /* Take turns in id order through the condition variable. */
    pthread_mutex_lock(&mu);
    while (turn != id) {
        pthread_cond_wait(&cv, &mu);
    }
    order[norder++] = id;
    turn++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    /* Writers fill their slot; readers sum under the read lock. */
    pthread_rwlock_wrlock(&rw);
    shared_table[id] = (long)id * id;
    pthread_rwlock_unlock(&rw);
    pthread_barrier_wait(&bar);
    long sum = 0;
    pthread_rwlock_rdlock(&rw);
    for (int i = 0; i < NT; i++) {
        sum += shared_table[i];
    }
    pthread_rwlock_unlock(&rw);
    /* TLS survived everything: report it through the return value. */
    if (tls_value != 7 + id || tls_name[1] != '0' + id / 10) {
        return (void *)(intptr_t)-1;
    }
    return (void *)(intptr_t)sum;
}

int main(void)
{
    pthread_t th[NT];
    pthread_barrier_init(&bar, NULL, NT);
    for (int i = 0; i < NT; i++) {
        if (pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    long sums = 0;
    int bad = 0;
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        if ((intptr_t)ret < 0) {
            bad++;
        } else {
            sums += (long)(intptr_t)ret;
        }
    }
    printf("mutex counter %ld (expected %d)\n", locked_counter, NT * ITER);
    printf("atomic counter %ld (expected %d)\n", (long)atomic_load(&atomic_counter), 2 * NT * ITER);
    printf("cas counter %d (expected %d)\n", atomic_load(&cas_counter), NT * ITER);
    printf("turn order:");
    for (int i = 0; i < NT; i++) {
        printf(" %d", order[i]);
    }
    printf("\nrwlock sums %ld, tls errors %d, main tls %d\n", sums, bad, tls_value);
    return 0;
}
