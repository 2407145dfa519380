/* Clocks, timers and sleeping: time32 and time64 forms. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include <time.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "syscall/sysutil.h"


static int64_t do_clock_gettime(SyscallArgs *a, bool t64, bool res)
{
    struct timespec ts;
    if ((res ? clock_getres((clockid_t)a->a[0], &ts) : clock_gettime((clockid_t)a->a[0], &ts)) < 0) {
        return -errno;
    }
    if (res && !a->a[1]) {
        return 0;
    }
    return guest_put_timespec(a, a->a[1], &ts, t64);
}

int64_t sys_clock_gettime(SyscallArgs *a) { return do_clock_gettime(a, false, false); }
int64_t sys_clock_gettime64(SyscallArgs *a) { return do_clock_gettime(a, true, false); }
int64_t sys_clock_getres(SyscallArgs *a) { return do_clock_gettime(a, false, true); }
int64_t sys_clock_getres64(SyscallArgs *a) { return do_clock_gettime(a, true, true); }

int64_t sys_gettimeofday(SyscallArgs *a)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0) {
        return -errno;
    }
    if (a->a[0]) {
        uint8_t *g = lock_user(a->a[0], 8, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, (uint32_t)tv.tv_sec, BE);
        g_st32(g + 4, (uint32_t)tv.tv_usec, BE);
    }
    if (a->a[1]) {
        uint8_t *g = lock_user(a->a[1], 8, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, (uint32_t)tz.tz_minuteswest, BE);
        g_st32(g + 4, (uint32_t)tz.tz_dsttime, BE);
    }
    return 0;
}

static int64_t do_nanosleep(SyscallArgs *a, clockid_t clk, int flags, uint32_t req, uint32_t rem, bool t64)
{
    struct timespec r, left;
    int64_t e = guest_get_timespec(a, req, &r, t64);
    if (e) {
        return e;
    }
    long ret = safe_syscall(SYS_clock_nanosleep, (long)clk, (long)flags, &r, &left);
    if (ret == -MIMIC_ERESTARTSYS && rem && !(flags & TIMER_ABSTIME)) {
        /* Interrupted by a guest signal: report the time left, as EINTR
         * would.  A restart after the handler sleeps the full time again. */
        guest_put_timespec(a, rem, &left, t64);
    }
    return ret;
}

int64_t sys_nanosleep(SyscallArgs *a) { return do_nanosleep(a, CLOCK_REALTIME, 0, a->a[0], a->a[1], false); }
int64_t sys_clock_nanosleep(SyscallArgs *a)
{
    return do_nanosleep(a, (clockid_t)a->a[0], (int)a->a[1], a->a[2], a->a[3], false);
}
int64_t sys_clock_nanosleep64(SyscallArgs *a)
{
    return do_nanosleep(a, (clockid_t)a->a[0], (int)a->a[1], a->a[2], a->a[3], true);
}

/* ---- interval timers ---- */

static int64_t get_timeval_pair(SyscallArgs *a, uint32_t addr, struct itimerval *it)
{
    const uint8_t *g = lock_user(addr, 16, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    it->it_interval.tv_sec = (int32_t)g_ld32(g, BE);
    it->it_interval.tv_usec = (int32_t)g_ld32(g + 4, BE);
    it->it_value.tv_sec = (int32_t)g_ld32(g + 8, BE);
    it->it_value.tv_usec = (int32_t)g_ld32(g + 12, BE);
    return 0;
}

static int64_t put_timeval_pair(SyscallArgs *a, uint32_t addr, const struct itimerval *it)
{
    uint8_t *g = lock_user(addr, 16, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    g_st32(g, (uint32_t)it->it_interval.tv_sec, BE);
    g_st32(g + 4, (uint32_t)it->it_interval.tv_usec, BE);
    g_st32(g + 8, (uint32_t)it->it_value.tv_sec, BE);
    g_st32(g + 12, (uint32_t)it->it_value.tv_usec, BE);
    return 0;
}

int64_t sys_getitimer(SyscallArgs *a)
{
    struct itimerval it;
    if (getitimer((int)a->a[0], &it) < 0) {
        return -errno;
    }
    return put_timeval_pair(a, a->a[1], &it);
}

int64_t sys_setitimer(SyscallArgs *a)
{
    struct itimerval nv, ov;
    if (a->a[1]) {
        int64_t e = get_timeval_pair(a, a->a[1], &nv);
        if (e) {
            return e;
        }
    } else {
        memset(&nv, 0, sizeof(nv));
    }
    if (setitimer((int)a->a[0], &nv, &ov) < 0) {
        return -errno;
    }
    return a->a[2] ? put_timeval_pair(a, a->a[2], &ov) : 0;
}

/* struct itimerspec: two timespecs, time32 or time64. */
static int64_t get_itimerspec(SyscallArgs *a, uint32_t addr, struct itimerspec *its, bool t64)
{
    int64_t e = guest_get_timespec(a, addr, &its->it_interval, t64);
    return e ? e : guest_get_timespec(a, addr + (t64 ? 16 : 8), &its->it_value, t64);
}

static int64_t put_itimerspec(SyscallArgs *a, uint32_t addr, const struct itimerspec *its, bool t64)
{
    int64_t e = guest_put_timespec(a, addr, &its->it_interval, t64);
    return e ? e : guest_put_timespec(a, addr + (t64 ? 16 : 8), &its->it_value, t64);
}

int64_t sys_timer_create(SyscallArgs *a)
{
    struct sigevent sev, *sevp = NULL;
    if (a->a[1]) {
        /* struct sigevent (32-bit): value, signo, notify, then the thread id. */
        const uint8_t *g = lock_user(a->a[1], 16, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        memset(&sev, 0, sizeof(sev));
        sev.sigev_value.sival_ptr = (void *)(uintptr_t)g_ld32(g, BE);
        sev.sigev_signo = signal_to_host((int)g_ld32(g + 4, BE));
        sev.sigev_notify = (int)g_ld32(g + 8, BE);
        if (sev.sigev_notify == SIGEV_THREAD_ID) {
            sev._sigev_un._tid = (int)g_ld32(g + 12, BE);
        } else if (sev.sigev_notify != SIGEV_SIGNAL && sev.sigev_notify != SIGEV_NONE) {
            return -EINVAL;     /* SIGEV_THREAD is the C library's business */
        }
        sevp = &sev;
    }
    uint8_t *gid = lock_user(a->a[2], 4, PROT_WRITE);
    if (!gid) {
        return -EFAULT;
    }
    int id;
    if (syscall(SYS_timer_create, (clockid_t)a->a[0], sevp, &id) < 0) {
        return -errno;
    }
    g_st32(gid, (uint32_t)id, BE);
    return 0;
}

static int64_t do_timer_settime(SyscallArgs *a, bool t64)
{
    struct itimerspec nv, ov;
    int64_t e = get_itimerspec(a, a->a[2], &nv, t64);
    if (e) {
        return e;
    }
    if (syscall(SYS_timer_settime, (int)a->a[0], (int)a->a[1], &nv, a->a[3] ? &ov : NULL) < 0) {
        return -errno;
    }
    return a->a[3] ? put_itimerspec(a, a->a[3], &ov, t64) : 0;
}

static int64_t do_timer_gettime(SyscallArgs *a, bool t64)
{
    struct itimerspec cur;
    if (syscall(SYS_timer_gettime, (int)a->a[0], &cur) < 0) {
        return -errno;
    }
    return put_itimerspec(a, a->a[1], &cur, t64);
}

int64_t sys_timer_settime(SyscallArgs *a) { return do_timer_settime(a, false); }
int64_t sys_timer_settime64(SyscallArgs *a) { return do_timer_settime(a, true); }
int64_t sys_timer_gettime(SyscallArgs *a) { return do_timer_gettime(a, false); }
int64_t sys_timer_gettime64(SyscallArgs *a) { return do_timer_gettime(a, true); }
int64_t sys_timer_getoverrun(SyscallArgs *a) { return sys_result(syscall(SYS_timer_getoverrun, (int)a->a[0])); }
int64_t sys_timer_delete(SyscallArgs *a) { return sys_result(syscall(SYS_timer_delete, (int)a->a[0])); }

int64_t sys_timerfd_create(SyscallArgs *a)
{
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    int flags = (int)(fc ? flags_to_host(fc, a->a[1]) : a->a[1]);
    return sys_result(timerfd_create((int)a->a[0], flags & (TFD_CLOEXEC | TFD_NONBLOCK)));
}

static int64_t do_timerfd_settime(SyscallArgs *a, bool t64)
{
    struct itimerspec nv, ov;
    int64_t e = get_itimerspec(a, a->a[2], &nv, t64);
    if (e) {
        return e;
    }
    if (timerfd_settime((int)a->a[0], (int)a->a[1], &nv, a->a[3] ? &ov : NULL) < 0) {
        return -errno;
    }
    return a->a[3] ? put_itimerspec(a, a->a[3], &ov, t64) : 0;
}

static int64_t do_timerfd_gettime(SyscallArgs *a, bool t64)
{
    struct itimerspec cur;
    if (timerfd_gettime((int)a->a[0], &cur) < 0) {
        return -errno;
    }
    return put_itimerspec(a, a->a[1], &cur, t64);
}

int64_t sys_timerfd_settime(SyscallArgs *a) { return do_timerfd_settime(a, false); }
int64_t sys_timerfd_settime64(SyscallArgs *a) { return do_timerfd_settime(a, true); }
int64_t sys_timerfd_gettime(SyscallArgs *a) { return do_timerfd_gettime(a, false); }
int64_t sys_timerfd_gettime64(SyscallArgs *a) { return do_timerfd_gettime(a, true); }
