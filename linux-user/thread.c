/*
 * Guest threads and processes.
 *
 * A guest thread is a host thread with its own CPU state; the TB cache and
 * the address space are shared.  fork is a host fork taken with every
 * other CPU stopped and the translator and mmap locks held, so the child
 * never inherits a lock owned by a thread that does not exist there.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/thread.h"
#include "linux-user/user.h"
#include "tcg/exec.h"
#include "tcg/tb.h"
#include "tcg/util.h"

static pthread_mutex_t thread_lock = PTHREAD_MUTEX_INITIALIZER;
static GuestThread *threads;
static int nb_threads;

void thread_register_main(GuestThread *t)
{
    t->tid = (int)syscall(SYS_gettid);
    threads = t;
    t->next = NULL;
    nb_threads = 1;
}

static CPUCommon *cpu_copy(const CPUCommon *parent)
{
    const ArchInfo *arch = parent->arch;
    CPUCommon *cpu = aligned_alloc(arch->cpu_align, ALIGN_UP(arch->cpu_size, arch->cpu_align));
    memcpy(cpu, parent, arch->cpu_size);
    cpu->jc = NULL;
    cpu->thread = NULL;
    cpu->loop_jmp = NULL;
    cpu->exit_request = 0;
    cpu->exception = EXCP_NONE;
    return cpu;
}

typedef struct ThreadStart {
    GuestThread *t;
    uint32_t flags, ptid, ctid;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool started;
    sigset_t host_mask;
} ThreadStart;

static void put_tid(uint32_t addr, int tid)
{
    uint8_t *p = lock_user(addr, 4, PROT_WRITE);
    if (p) {
        g_st32(p, (uint32_t)tid, user.big_endian);
    }
}

static void *thread_main(void *arg)
{
    ThreadStart *s = arg;
    GuestThread *t = s->t;
    sigset_t mask = s->host_mask;

    current_thread = t;
    t->tid = (int)syscall(SYS_gettid);
    cpu_register(t->cpu);
    if (s->flags & CLONE_CHILD_SETTID) {
        put_tid(s->ctid, t->tid);
    }
    if (s->flags & CLONE_PARENT_SETTID) {
        put_tid(s->ptid, t->tid);
    }
    if (s->flags & CLONE_CHILD_CLEARTID) {
        t->clear_child_tid = s->ctid;
    }
    pthread_mutex_lock(&thread_lock);
    t->next = threads;
    threads = t;
    nb_threads++;
    pthread_mutex_unlock(&thread_lock);

    pthread_mutex_lock(&s->lock);
    s->started = true;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
    /* s belongs to the parent from here on. */
    if (user.ua->cpu_thread_start) {
        user.ua->cpu_thread_start(t->cpu);
    }
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    user.ua->cpu_loop(t->cpu);
    abort();
}

int64_t thread_create(CPUCommon *parent, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    GuestThread *pt = current_thread;
    GuestThread *t = xzalloc(sizeof(*t));
    t->cpu = cpu_copy(parent);
    t->sigmask = pt->sigmask;
    t->ss_flags = SS_DISABLE;
    user.ua->cpu_clone(t->cpu, newsp);
    if (flags & CLONE_SETTLS) {
        user.ua->cpu_set_tls(t->cpu, tls);
    }

    ThreadStart s = { .t = t, .flags = flags, .ptid = ptid, .ctid = ctid };
    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.cond, NULL);
    /* The new thread starts with every signal blocked until it knows who
     * it is; then it takes the creator's host mask. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &s.host_mask);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, &s);
    pthread_attr_destroy(&attr);
    if (e == 0) {
        pthread_mutex_lock(&s.lock);
        while (!s.started) {
            pthread_cond_wait(&s.cond, &s.lock);
        }
        pthread_mutex_unlock(&s.lock);
    }
    pthread_sigmask(SIG_SETMASK, &s.host_mask, NULL);
    pthread_mutex_destroy(&s.lock);
    pthread_cond_destroy(&s.cond);
    if (e) {
        free(t->cpu);
        free(t);
        return -e;
    }
    return t->tid;
}

noreturn void thread_exit(int status)
{
    GuestThread *t = current_thread;
    pthread_mutex_lock(&thread_lock);
    if (nb_threads == 1) {
        pthread_mutex_unlock(&thread_lock);
        user_exit(status);
    }
    for (GuestThread **pp = &threads; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    nb_threads--;
    pthread_mutex_unlock(&thread_lock);

    if (t->clear_child_tid) {
        /* What pthread_join and the C library wait for. */
        put_tid(t->clear_child_tid, 0);
        syscall(SYS_futex, g2h(t->clear_child_tid), FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
    }
    cpu_unregister(t->cpu);
    free(t->cpu);
    current_thread = NULL;
    free(t);
    pthread_exit(NULL);
}

int64_t process_fork(CPUCommon *cpu, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    GuestThread *t = current_thread;
    /* Signals wait until both sides know their state: one arriving in the
     * child before its queue is reset would be lost. */
    sigset_t all, saved;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &saved);
    /* Nothing may hold a lock the child would need.  This thread is in a
     * syscall, so it is not running translated code itself. */
    start_exclusive();
    mmap_lock();
    tb_lock();
    pthread_mutex_lock(&thread_lock);
    pid_t pid = fork();
    if (pid == 0) {
        /* Only this thread exists in the child. */
        pthread_mutex_init(&thread_lock, NULL);
        threads = t;
        t->next = NULL;
        nb_threads = 1;
        t->tid = (int)syscall(SYS_gettid);
        exec_after_fork_child(cpu);
        tb_unlock();
        mmap_unlock();
        t->pending = 0;
        t->signal_pending = 0;
        if (newsp || (flags & CLONE_SETTLS)) {
            user.ua->cpu_clone(cpu, newsp);
            if (flags & CLONE_SETTLS) {
                user.ua->cpu_set_tls(cpu, tls);
            }
        }
        if (flags & CLONE_CHILD_SETTID) {
            put_tid(ctid, t->tid);
        }
        if (flags & CLONE_CHILD_CLEARTID) {
            t->clear_child_tid = ctid;
        }
        /* The child starts with nothing queued, and the parent's mask. */
        signal_set_mask(t, t->sigmask);
        return 0;
    }
    pthread_mutex_unlock(&thread_lock);
    tb_unlock();
    mmap_unlock();
    end_exclusive();
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    if (pid < 0) {
        return -errno;
    }
    if (flags & CLONE_PARENT_SETTID) {
        put_tid(ptid, pid);
    }
    return pid;
}
