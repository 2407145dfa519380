/*
 * Waiting for descriptors: poll, ppoll, select, pselect6 and epoll.
 *
 * Every wait goes through safe_syscall.  The signal mask argument of ppoll,
 * pselect6 and epoll_pwait is installed as the guest's mask (and with it the
 * host's) for the duration of the call.  When a guest signal interrupts the
 * wait, the call fails with EINTR if a guest handler is going to run (the
 * kernel's ERESTARTNOHAND: never restarted, whatever SA_RESTART says) and is
 * restarted otherwise; in the EINTR case the temporary mask stays in place
 * until the handler frame has recorded the original one, as rt_sigsuspend
 * does.  ppoll, pselect6 and select write the time left back to the guest,
 * so a restarted call waits only for the rest.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/sysutil.h"
#include "tcg/util.h"

/* ---- signal masks and interrupted waits ---- */

typedef struct WaitMask {
    bool set;                   /* a temporary mask is installed */
    uint64_t old;               /* the mask to return to */
} WaitMask;

static int64_t wait_mask_begin(SyscallArgs *a, uint32_t addr, uint32_t size, WaitMask *m)
{
    m->set = false;
    if (!addr) {
        return 0;
    }
    uint64_t set;
    int64_t e = guest_get_sigset(a, addr, size, &set);
    if (e) {
        return e;
    }
    GuestThread *t = current_thread;
    m->set = true;
    m->old = t->sigmask;
    signal_set_mask(t, set);
    return 0;
}

/* Will a guest handler run for a signal that is queued and not blocked? */
static bool handler_pending(const GuestThread *t)
{
    uint64_t ready = __atomic_load_n(&t->pending, __ATOMIC_SEQ_CST) & ~t->sigmask;
    for (int g = 1; g <= GUEST_NSIG; g++) {
        if ((ready & (1ull << (g - 1))) && guest_sigact[g].handler > 1) {
            return true;
        }
    }
    return false;
}

static int64_t wait_end(WaitMask *m, int64_t r)
{
    GuestThread *t = current_thread;
    if (r == -MIMIC_ERESTARTSYS && handler_pending(t)) {
        r = -EINTR;
    }
    if (m->set) {
        if (r == -EINTR || r == -MIMIC_ERESTARTSYS) {
            /* Delivery puts the old mask in the handler frame, or restores
             * it if no handler runs. */
            t->sigsuspend_mask = m->old;
            t->sigsuspend_active = true;
        } else {
            signal_set_mask(t, m->old);
        }
    }
    return r;
}

static bool timespec_valid(const struct timespec *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000;
}

/* ---- poll ---- */

/*
 * struct pollfd is { int fd; short events, revents; } everywhere; little-
 * endian guests with the generic POLL* values share it with the host.
 * revents are written back whatever the result, as the kernel does.  The
 * timeout is timeout_ms when ms is set (poll), else tsp (ppoll).
 */
static int64_t do_poll(SyscallArgs *a, uint32_t addr, uint32_t nfds, const struct timespec *tsp, bool ms,
                       int timeout_ms)
{
    const FlagConv *fc = a->ua->flags[GF_POLL];
    uint8_t *g = nfds <= (1u << 28) ? lock_user(addr, nfds * 8, PROT_READ | PROT_WRITE) : NULL;
    if (!g) {
        /* More descriptors than RLIMIT_NOFILE is EINVAL before EFAULT. */
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && nfds > rl.rlim_cur) {
            return -EINVAL;
        }
        return -EFAULT;
    }
    struct pollfd *h = (struct pollfd *)g;
    bool copy = BE || fc;
    if (copy) {
        h = xmalloc((nfds ? nfds : 1) * sizeof(*h));
        for (uint32_t i = 0; i < nfds; i++) {
            uint16_t ev = g_ld16(g + 8 * i + 4, BE);
            h[i].fd = (int)g_ld32(g + 8 * i, BE);
            h[i].events = (short)(fc ? flags_to_host(fc, ev) : ev);
            h[i].revents = 0;
        }
    }
    int64_t r = ms ? safe_syscall(SYS_poll, (long)h, (long)nfds, (long)timeout_ms)
                   : safe_syscall(SYS_ppoll, (long)h, (long)nfds, (long)tsp, 0L, 0L);
    if (copy) {
        for (uint32_t i = 0; i < nfds; i++) {
            uint16_t rev = (uint16_t)h[i].revents;
            g_st16(g + 8 * i + 6, (uint16_t)(fc ? flags_to_guest(fc, rev) : rev), BE);
        }
        free(h);
    }
    return r;
}

int64_t sys_poll(SyscallArgs *a)
{
    WaitMask none = { false, 0 };
    return wait_end(&none, do_poll(a, a->a[0], a->a[1], NULL, true, (int)a->a[2]));
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize) */
static int64_t do_ppoll(SyscallArgs *a, bool t64)
{
    struct timespec ts, *tsp = NULL;
    bool update = false;
    if (a->a[2]) {
        int64_t e = guest_get_timespec(a, a->a[2], &ts, t64);
        if (e) {
            return e;
        }
        if (!timespec_valid(&ts)) {
            return -EINVAL;
        }
        tsp = &ts;
        update = ts.tv_sec || ts.tv_nsec;
    }
    WaitMask m;
    int64_t r = wait_mask_begin(a, a->a[3], a->a[4], &m);
    if (r) {
        return r;
    }
    r = do_poll(a, a->a[0], a->a[1], tsp, false, 0);
    if (update) {
        guest_put_timespec(a, a->a[2], &ts, t64);
    }
    return wait_end(&m, r);
}

int64_t sys_ppoll(SyscallArgs *a) { return do_ppoll(a, false); }
int64_t sys_ppoll_time64(SyscallArgs *a) { return do_ppoll(a, true); }

/* ---- select ---- */

/*
 * An fd_set of a 32-bit guest is an array of 32-bit words in the guest's
 * byte order, fd 32w+i being bit i of word w; the host's words are 64-bit.
 * n larger than any descriptor the process may have is cut down first, as
 * the kernel cuts it to the size of its descriptor table.
 */
static int64_t do_select(SyscallArgs *a, int32_t n, const uint32_t addr[3], const struct timespec *tsp)
{
    if (n < 0) {
        return -EINVAL;
    }
    struct rlimit rl;
    if (n > 1024 && getrlimit(RLIMIT_NOFILE, &rl) == 0 && (uint64_t)n > rl.rlim_cur) {
        n = (int32_t)ALIGN_UP(rl.rlim_cur < 1024 ? 1024 : rl.rlim_cur, 32);
    }
    uint32_t gwords = ((uint32_t)n + 31) / 32, hwords = ((uint32_t)n + 63) / 64;
    uint64_t *buf = xzalloc(3 * (hwords ? hwords : 1) * sizeof(uint64_t));
    uint8_t *g[3];
    uint64_t *h[3];
    for (int k = 0; k < 3; k++) {
        g[k] = NULL;
        h[k] = NULL;
        if (!addr[k]) {
            continue;
        }
        g[k] = lock_user(addr[k], gwords * 4, PROT_READ | PROT_WRITE);
        if (!g[k]) {
            free(buf);
            return -EFAULT;
        }
        h[k] = buf + k * hwords;
        for (uint32_t w = 0; w < gwords; w++) {
            h[k][w / 2] |= (uint64_t)g_ld32(g[k] + 4 * w, BE) << (32 * (w & 1));
        }
    }
    int64_t r = safe_syscall(SYS_pselect6, (long)n, (long)h[0], (long)h[1], (long)h[2], (long)tsp, 0L);
    if (r >= 0) {
        for (int k = 0; k < 3; k++) {
            for (uint32_t w = 0; g[k] && w < gwords; w++) {
                g_st32(g[k] + 4 * w, (uint32_t)(h[k][w / 2] >> (32 * (w & 1))), BE);
            }
        }
    }
    free(buf);
    return r;
}

/* select with a 32-bit struct timeval, which gets the time left. */
int64_t sys_newselect(SyscallArgs *a)
{
    struct timespec ts, *tsp = NULL;
    bool update = false;
    if (a->a[4]) {
        const uint8_t *g = lock_user(a->a[4], 8, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        int32_t sec = (int32_t)g_ld32(g, BE), usec = (int32_t)g_ld32(g + 4, BE);
        if (sec < 0 || usec < 0) {
            return -EINVAL;
        }
        ts.tv_sec = (time_t)sec + usec / 1000000;
        ts.tv_nsec = (long)(usec % 1000000) * 1000;
        tsp = &ts;
        update = ts.tv_sec || ts.tv_nsec;
    }
    WaitMask none = { false, 0 };
    const uint32_t sets[3] = { a->a[1], a->a[2], a->a[3] };
    int64_t r = do_select(a, (int32_t)a->a[0], sets, tsp);
    if (update) {
        uint8_t *g = lock_user(a->a[4], 8, PROT_WRITE);
        if (g) {
            g_st32(g, (uint32_t)ts.tv_sec, BE);
            g_st32(g + 4, (uint32_t)(ts.tv_nsec / 1000), BE);
        }
    }
    return wait_end(&none, r);
}

/* pselect6(n, in, out, ex, timeout, sig): sig points at the pair
 * { sigset_t *mask; size_t size; } of 32-bit words. */
static int64_t do_pselect6(SyscallArgs *a, bool t64)
{
    uint32_t sigp = 0, sigsize = 0;
    if (a->a[5]) {
        const uint8_t *g = lock_user(a->a[5], 8, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        sigp = g_ld32(g, BE);
        sigsize = g_ld32(g + 4, BE);
    }
    struct timespec ts, *tsp = NULL;
    bool update = false;
    if (a->a[4]) {
        int64_t e = guest_get_timespec(a, a->a[4], &ts, t64);
        if (e) {
            return e;
        }
        if (!timespec_valid(&ts)) {
            return -EINVAL;
        }
        tsp = &ts;
        update = ts.tv_sec || ts.tv_nsec;
    }
    WaitMask m;
    int64_t r = wait_mask_begin(a, sigp, sigsize, &m);
    if (r) {
        return r;
    }
    const uint32_t sets[3] = { a->a[1], a->a[2], a->a[3] };
    r = do_select(a, (int32_t)a->a[0], sets, tsp);
    if (update) {
        guest_put_timespec(a, a->a[4], &ts, t64);
    }
    return wait_end(&m, r);
}

int64_t sys_pselect6(SyscallArgs *a) { return do_pselect6(a, false); }
int64_t sys_pselect6_time64(SyscallArgs *a) { return do_pselect6(a, true); }

/* ---- epoll ---- */

#define EPOLL_BATCH 1024        /* events taken from the host per wait */

int64_t sys_epoll_create(SyscallArgs *a)
{
    if ((int32_t)a->a[0] <= 0) {
        return -EINVAL;
    }
    return ERRNO(epoll_create1(0));
}

int64_t sys_epoll_create1(SyscallArgs *a)
{
    int64_t fl = oflags_checked(a, a->a[0], O_CLOEXEC, 0);
    if (fl < 0) {
        return fl;
    }
    return ERRNO(epoll_create1((int)fl));
}

/* struct epoll_event: the guest's layout comes from its ABI table; the
 * EPOLL* bits are the same everywhere. */
int64_t sys_epoll_ctl(SyscallArgs *a)
{
    const StructConv *sc = a->ua->structs[GS_EPOLL_EVENT];
    struct epoll_event ev, *evp = NULL;
    if ((int)a->a[1] != EPOLL_CTL_DEL) {
        const void *g = lock_user(a->a[3], sc->gsize, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        struct_from_guest(sc, &ev, g, BE);
        evp = &ev;
    }
    return ERRNO(epoll_ctl((int)a->a[0], (int)a->a[1], (int)a->a[2], evp));
}

/* epoll_wait(epfd, events, maxevents, timeout...): the events array only
 * has to lie in user space until something is written to it, as with the
 * kernel's access_ok. */
static int64_t do_epoll_wait(SyscallArgs *a, bool ts_form, int timeout_ms, const struct timespec *tsp,
                             uint32_t sigp, uint32_t sigsize)
{
    const StructConv *sc = a->ua->structs[GS_EPOLL_EVENT];
    WaitMask m;
    int64_t r = wait_mask_begin(a, sigp, sigsize, &m);
    if (r) {
        return r;
    }
    int32_t maxevents = (int32_t)a->a[2];
    if (maxevents <= 0 || maxevents > INT32_MAX / sc->gsize) {
        r = -EINVAL;
    } else if ((uint64_t)a->a[1] + (uint64_t)maxevents * sc->gsize > guest_task_size()) {
        r = -EFAULT;
    } else {
        uint32_t n = maxevents < EPOLL_BATCH ? (uint32_t)maxevents : EPOLL_BATCH;
        struct epoll_event *h = xmalloc(n * sizeof(*h));
        long epfd = (int)a->a[0];
        r = ts_form ? safe_syscall(SYS_epoll_pwait2, epfd, (long)h, (long)n, (long)tsp, 0L, 0L)
                    : safe_syscall(SYS_epoll_pwait, epfd, (long)h, (long)n, (long)timeout_ms, 0L, 0L);
        if (r > 0) {
            uint8_t *g = lock_user(a->a[1], (uint32_t)r * sc->gsize, PROT_WRITE);
            for (int64_t i = 0; g && i < r; i++) {
                struct_to_guest(sc, g + i * sc->gsize, &h[i], BE);
            }
            if (!g) {
                r = -EFAULT;
            }
        }
        free(h);
    }
    return wait_end(&m, r);
}

int64_t sys_epoll_wait(SyscallArgs *a) { return do_epoll_wait(a, false, (int)a->a[3], NULL, 0, 0); }

int64_t sys_epoll_pwait(SyscallArgs *a)
{
    return do_epoll_wait(a, false, (int)a->a[3], NULL, a->a[4], a->a[5]);
}

/* epoll_pwait2: a 64-bit struct timespec in every ABI; NULL waits forever. */
int64_t sys_epoll_pwait2(SyscallArgs *a)
{
    struct timespec ts, *tsp = NULL;
    if (a->a[3]) {
        int64_t e = guest_get_timespec(a, a->a[3], &ts, true);
        if (e) {
            return e;
        }
        if (!timespec_valid(&ts)) {
            return -EINVAL;
        }
        tsp = &ts;
    }
    return do_epoll_wait(a, true, 0, tsp, a->a[4], a->a[5]);
}
