/* Waiting on pipes: poll, ppoll, select, pselect6 and epoll with timeouts
 * (which descriptors are ready, the time left written back), descriptors
 * above 32 and 64, the temporary signal masks of ppoll/pselect6/epoll_pwait
 * (EINTR, handler run, mask restored), a signal interrupting a wait, a
 * default-ignored signal that must not, and bad pointers. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD1 ((void *)1)
#define BADK ((void *)0xc0000000ul)

/* The kernel's time32 structs on ARM, its only structs on x86_64: longs. */
struct kts { long sec, nsec; };
struct ktv { long sec, usec; };

static volatile sig_atomic_t got;
static void on_sig(int sig) { got++; }

static void check(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static void show_revents(struct pollfd *p, int n)
{
    for (int i = 0; i < n; i++) {
        printf("  fd%d events=%x revents=%x\n", i, (unsigned)(uint16_t)p[i].events, (unsigned)(uint16_t)p[i].revents);
    }
}

static int usr1_blocked(void)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, SIGUSR1);
}

static int a[2], b[2];          /* a: has data; b: empty */

static void test_poll(void)
{
    printf("poll:\n");
    struct pollfd p[4] = {
        { a[0], POLLIN, 0 }, { b[0], POLLIN, 0 }, { b[1], POLLOUT, 0 }, { -1, POLLIN, 0 },
    };
    check("poll 0", poll(p, 4, 0));
    show_revents(p, 4);
    struct pollfd q[2] = { { b[0], POLLIN, 0 }, { 99, POLLIN, 0 } };
    check("poll closed fd", poll(q, 2, 0));
    show_revents(q, 2);
    check("poll timeout 30", poll(q, 1, 30));
    check("poll none", poll(NULL, 0, 10));
    check("poll bad", syscall(SYS_poll, BADK, 1, 0));
    check("poll bad partial", syscall(SYS_poll, BAD1, 2, 0));

    printf("ppoll:\n");
    struct kts ts = { 0, 20000000 };
    check("ppoll raw timeout", syscall(SYS_ppoll, q, 1, &ts, NULL, 8));
    printf("  left=%ld.%09ld\n", ts.sec, ts.nsec);
    ts.sec = 5;
    ts.nsec = 0;
    check("ppoll raw ready", syscall(SYS_ppoll, p, 3, &ts, NULL, 8));
    printf("  left<=5s: %d\n", ts.sec < 5 || (ts.sec == 5 && ts.nsec == 0));
    struct timespec t = { 0, 1000000 };
    check("ppoll libc", ppoll(p, 3, &t, NULL));
    ts.nsec = 1000000000;
    check("ppoll bad nsec", syscall(SYS_ppoll, q, 1, &ts, NULL, 8));
    check("ppoll bad ts", syscall(SYS_ppoll, q, 1, BADK, NULL, 8));
    sigset_t none;
    sigemptyset(&none);
    check("ppoll bad sigsetsize", syscall(SYS_ppoll, q, 1, NULL, &none, 4));
    check("ppoll bad mask", syscall(SYS_ppoll, q, 1, NULL, BADK, 8));
#ifdef SYS_ppoll_time64
    struct { int64_t sec, nsec; } t64 = { 0, 10000000 };
    check("ppoll_time64", syscall(SYS_ppoll_time64, q, 1, &t64, NULL, 8));
    printf("  left=%lld.%09lld\n", (long long)t64.sec, (long long)t64.nsec);
#else
    check("ppoll_time64", 0);
    printf("  left=0.000000000\n");
#endif
}

static void show_set(const char *what, fd_set *s, int n)
{
    printf("  %s:", what);
    for (int i = 0; i < n; i++) {
        if (FD_ISSET(i, s)) {
            printf(" %d", i);
        }
    }
    printf("\n");
}

static void test_select(void)
{
    printf("select:\n");
    /* Descriptors in the second 32-bit and second 64-bit words. */
    dup2(a[0], 40);
    dup2(b[0], 41);
    dup2(b[1], 70);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(40, &r);
    FD_SET(41, &r);
    FD_SET(a[0], &r);
    FD_SET(70, &w);
    struct ktv tv = { 0, 20000 };
#ifdef SYS__newselect
    long n = syscall(SYS__newselect, 71, &r, &w, NULL, &tv);
#else
    long n = syscall(SYS_select, 71, &r, &w, NULL, &tv);
#endif
    check("select raw", n);
    show_set("read", &r, 71);
    show_set("write", &w, 71);
    FD_ZERO(&r);
    FD_SET(41, &r);
    tv.sec = 0;
    tv.usec = 30000;
#ifdef SYS__newselect
    n = syscall(SYS__newselect, 42, &r, NULL, NULL, &tv);
#else
    n = syscall(SYS_select, 42, &r, NULL, NULL, &tv);
#endif
    check("select raw timeout", n);
    printf("  left=%ld.%06ld\n", tv.sec, tv.usec);
    show_set("read", &r, 42);
    struct timeval lt = { 0, 1000 };
    FD_ZERO(&r);
    FD_SET(40, &r);
    check("select libc", select(41, &r, NULL, NULL, &lt));
    tv.usec = -1;
#ifdef SYS__newselect
    check("select bad usec", syscall(SYS__newselect, 42, &r, NULL, NULL, &tv));
    check("select negative n", syscall(SYS__newselect, -1, &r, NULL, NULL, NULL));
    check("select bad set", syscall(SYS__newselect, 42, BADK, NULL, NULL, NULL));
    check("select bad tv", syscall(SYS__newselect, 42, &r, NULL, NULL, BAD1));
#else
    check("select bad usec", syscall(SYS_select, 42, &r, NULL, NULL, &tv));
    check("select negative n", syscall(SYS_select, -1, &r, NULL, NULL, NULL));
    check("select bad set", syscall(SYS_select, 42, BADK, NULL, NULL, NULL));
    check("select bad tv", syscall(SYS_select, 42, &r, NULL, NULL, BAD1));
#endif
    printf("pselect6:\n");
    FD_ZERO(&r);
    FD_SET(40, &r);
    FD_SET(41, &r);
    struct kts ts = { 0, 10000000 };
    sigset_t none;
    sigemptyset(&none);
    struct { void *p; size_t size; } pack = { &none, 8 };
    check("pselect6 raw", syscall(SYS_pselect6, 42, &r, NULL, NULL, &ts, &pack));
    show_set("read", &r, 42);
    FD_ZERO(&r);
    FD_SET(41, &r);
    check("pselect6 raw timeout", syscall(SYS_pselect6, 42, &r, NULL, NULL, &ts, &pack));
    printf("  left=%ld.%09ld\n", ts.sec, ts.nsec);
    pack.size = 16;
    check("pselect6 bad size", syscall(SYS_pselect6, 42, &r, NULL, NULL, &ts, &pack));
    check("pselect6 bad pack", syscall(SYS_pselect6, 42, &r, NULL, NULL, &ts, BADK));
    pack.p = BADK;
    pack.size = 8;
    check("pselect6 bad mask", syscall(SYS_pselect6, 42, &r, NULL, NULL, &ts, &pack));
    pack.p = NULL;
    ts.nsec = 1000;
    check("pselect6 null mask", syscall(SYS_pselect6, 42, &r, NULL, NULL, &ts, &pack));
    struct timespec lts = { 0, 1000 };
    FD_SET(40, &r);
    check("pselect libc", pselect(42, &r, NULL, NULL, &lts, &none));
#ifdef SYS_pselect6_time64
    struct { int64_t sec, nsec; } t64 = { 0, 10000000 };
    FD_ZERO(&r);
    FD_SET(41, &r);
    check("pselect6_time64", syscall(SYS_pselect6_time64, 42, &r, NULL, NULL, &t64, NULL));
    printf("  left=%lld.%09lld\n", (long long)t64.sec, (long long)t64.nsec);
#else
    check("pselect6_time64", 0);
    printf("  left=0.000000000\n");
#endif
    close(40);
    close(41);
    close(70);
}

static int cmp_ev(const void *x, const void *y)
{
    uint64_t u = ((const struct epoll_event *)x)->data.u64, v = ((const struct epoll_event *)y)->data.u64;
    return u < v ? -1 : u > v;
}

static void show_events(struct epoll_event *ev, int n)
{
    if (n > 0) {
        qsort(ev, (size_t)n, sizeof(*ev), cmp_ev);
    }
    for (int i = 0; i < n; i++) {
        printf("  events=%x data=%llx\n", ev[i].events, (unsigned long long)ev[i].data.u64);
    }
}

static void test_epoll(void)
{
    printf("epoll:\n");
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("  cloexec=%d\n", fcntl(ep, F_GETFD) & FD_CLOEXEC);
    struct epoll_event e = { EPOLLIN, { .u64 = 0x1122334455667788ull } };
    check("ctl add a", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &e));
    e.events = EPOLLIN;
    e.data.u64 = 2;
    check("ctl add b", epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &e));
    e.events = EPOLLOUT;
    e.data.u64 = 0xffffffff00000003ull;
    check("ctl add bw", epoll_ctl(ep, EPOLL_CTL_ADD, b[1], &e));
    check("ctl add again", epoll_ctl(ep, EPOLL_CTL_ADD, b[1], &e));
    struct epoll_event ev[8];
    int n = epoll_wait(ep, ev, 8, 0);
    check("epoll_wait", n);
    show_events(ev, n);
    e.events = EPOLLIN | EPOLLET;
    e.data.u64 = 4;
    check("ctl mod bw", epoll_ctl(ep, EPOLL_CTL_MOD, b[1], &e));
    check("ctl del a", epoll_ctl(ep, EPOLL_CTL_DEL, a[0], NULL));
    n = epoll_wait(ep, ev, 8, 30);
    check("epoll_wait timeout", n);
    check("ctl add a", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &(struct epoll_event){ EPOLLIN, { .u64 = 5 } }));
    n = epoll_wait(ep, ev, 1, 0);
    check("epoll_wait max 1", n);
    show_events(ev, n);
    sigset_t none;
    sigemptyset(&none);
    n = epoll_pwait(ep, ev, 8, 10, &none);
    check("epoll_pwait", n);
    show_events(ev, n);
    struct timespec ts = { 0, 10000000 };
    n = epoll_pwait2(ep, ev, 8, &ts, NULL);
    check("epoll_pwait2", n);
    show_events(ev, n);
    check("epoll_create 0", syscall(SYS_epoll_create, 0) < 0 ? -1 : 0);
    int old = (int)syscall(SYS_epoll_create, 10);
    check("epoll_create 10", old >= 0 ? 0 : -1);
    close(old);
    check("epoll_create1 bad", epoll_create1(1));
    check("ctl bad event", syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, b[0], BADK));
    check("wait maxevents 0", epoll_wait(ep, ev, 0, 0));
    check("wait bad buffer", syscall(SYS_epoll_pwait, ep, BAD1, 8, 0, NULL, 8));
    check("wait kernel buffer", syscall(SYS_epoll_pwait, ep, BADK, 8, 0, NULL, 8));
    check("pwait bad sigsize", syscall(SYS_epoll_pwait, ep, ev, 8, 0, &none, 4));
    ts.tv_nsec = -1;
    check("pwait2 bad ts", epoll_pwait2(ep, ev, 8, &ts, NULL));
    check("wait not epoll", epoll_wait(a[0], ev, 8, 0));
    close(ep);
}

/* A blocked, pending SIGUSR1 that a temporary mask lets in. */
static void test_masks(void)
{
    printf("masks:\n");
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sig;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t usr1, none;
    sigemptyset(&none);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    struct pollfd q = { b[0], POLLIN, 0 };
    struct timespec ts = { 5, 0 };

    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    got = 0;
    check("ppoll unblock", ppoll(&q, 1, &ts, &none));
    printf("  handler=%d blocked after=%d\n", got, usr1_blocked());

    raise(SIGUSR1);
    got = 0;
    fd_set r;
    FD_ZERO(&r);
    FD_SET(b[0], &r);
    check("pselect unblock", pselect(b[0] + 1, &r, NULL, NULL, &ts, &none));
    printf("  handler=%d blocked after=%d\n", got, usr1_blocked());

    int ep = epoll_create1(0);
    struct epoll_event e = { EPOLLIN, { .u64 = 1 } }, ev[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &e);
    raise(SIGUSR1);
    got = 0;
    check("epoll_pwait unblock", epoll_pwait(ep, ev, 2, 5000, &none));
    printf("  handler=%d blocked after=%d\n", got, usr1_blocked());
    raise(SIGUSR1);
    got = 0;
    check("epoll_pwait2 unblock", epoll_pwait2(ep, ev, 2, &ts, &none));
    printf("  handler=%d blocked after=%d\n", got, usr1_blocked());

    /* A mask that keeps it blocked: the wait times out, the signal stays. */
    got = 0;
    raise(SIGUSR1);
    struct timespec shortt = { 0, 10000000 };
    check("ppoll still blocked", ppoll(&q, 1, &shortt, &usr1));
    printf("  handler=%d\n", got);
    /* SA_RESTART does not restart these. */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    check("ppoll restart flag", ppoll(&q, 1, &ts, &none));
    printf("  handler=%d blocked after=%d\n", got, usr1_blocked());
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    close(ep);
}

/* SIGALRM arrives during the wait. */
static void test_interrupt(void)
{
    printf("interrupt:\n");
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sig;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    struct pollfd q = { b[0], POLLIN, 0 };

    got = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    check("poll", poll(&q, 1, 5000));
    printf("  handler=%d\n", got);

    got = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(b[0], &r);
    struct timeval tv = { 5, 0 };
    check("select", select(b[0] + 1, &r, NULL, NULL, &tv));
    printf("  handler=%d left<5s=%d\n", got, tv.tv_sec < 5);

    int ep = epoll_create1(0);
    struct epoll_event e = { EPOLLIN, { .u64 = 1 } }, ev[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &e);
    got = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    check("epoll_wait", epoll_wait(ep, ev, 2, 5000));
    printf("  handler=%d\n", got);
    close(ep);

    /* SIGURG is ignored by default: the wait goes on until the data. */
    int c[2];
    pipe(c);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(30000);
        kill(getppid(), SIGURG);
        usleep(50000);
        if (write(c[1], "z", 1) < 0) {
            _exit(1);
        }
        _exit(0);
    }
    struct pollfd cq = { c[0], POLLIN, 0 };
    check("poll through SIGURG", poll(&cq, 1, 5000));
    printf("  revents=%x\n", (unsigned)cq.revents);
    int st;
    waitpid(pid, &st, 0);
    close(c[0]);
    close(c[1]);
}

int main(void)
{
    pipe(a);
    pipe(b);
    if (write(a[1], "data", 4) != 4) {
        return 1;
    }
    test_poll();
    test_select();
    test_epoll();
    test_masks();
    test_interrupt();
    return 0;
}
