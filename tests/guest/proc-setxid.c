/* set*id in a threaded process: the C library makes every thread change
 * its credentials (a signal between the guest's threads), so each guest
 * thread must run its own per-thread syscall. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static gid_t thread_egid;
static volatile int phase;

static void *egid_thread(void *arg)
{
    while (phase == 0) {
        usleep(1000);
    }
    /* The kernel's credentials of this very thread. */
    gid_t r, e, s;
    syscall(SYS_getresgid, &r, &e, &s);
    thread_egid = e;
    return NULL;
}

int main(void)
{
    pthread_t th;
    pthread_create(&th, NULL, egid_thread, NULL);
    gid_t old = getegid();
    /* Root changes its effective gid and back; others set their own. */
    gid_t want = geteuid() == 0 ? 4321 : old;
    int r1 = setegid(want);
    phase = 1;
    pthread_join(th, NULL);
    int r2 = setegid(old);
    printf("setegid in threads: %d %d %d\n", r1, r2, thread_egid == want);
    printf("main thread back: %d\n", getegid() == old);
    return 0;
}
