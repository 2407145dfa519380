/* Clocks, timers and sleeping: time32 and time64 forms. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"

#define BE (a->ua->big_endian)

/* struct timespec: two 32-bit words (time32) or two 64-bit words (time64,
 * where tv_nsec is a long long padded in the 32-bit ABIs). */
static int64_t put_timespec(SyscallArgs *a, uint32_t addr, const struct timespec *ts, bool t64)
{
    uint8_t *g = lock_user(addr, t64 ? 16 : 8, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (t64) {
        g_st64(g, (uint64_t)ts->tv_sec, BE);
        g_st64(g + 8, (uint64_t)ts->tv_nsec, BE);
    } else {
        if (ts->tv_sec != (int32_t)ts->tv_sec) {
            return -EOVERFLOW;
        }
        g_st32(g, (uint32_t)ts->tv_sec, BE);
        g_st32(g + 4, (uint32_t)ts->tv_nsec, BE);
    }
    return 0;
}

static int64_t get_timespec(SyscallArgs *a, uint32_t addr, struct timespec *ts, bool t64)
{
    const uint8_t *g = lock_user(addr, t64 ? 16 : 8, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    if (t64) {
        ts->tv_sec = (time_t)g_ld64(g, BE);
        /* The upper half of tv_nsec is padding in 32-bit ABIs. */
        ts->tv_nsec = (long)(int32_t)g_ld32(g + (BE ? 12 : 8), BE);
    } else {
        ts->tv_sec = (int32_t)g_ld32(g, BE);
        ts->tv_nsec = (int32_t)g_ld32(g + 4, BE);
    }
    return 0;
}

static int64_t do_clock_gettime(SyscallArgs *a, bool t64, bool res)
{
    struct timespec ts;
    if ((res ? clock_getres((clockid_t)a->a[0], &ts) : clock_gettime((clockid_t)a->a[0], &ts)) < 0) {
        return -errno;
    }
    if (res && !a->a[1]) {
        return 0;
    }
    return put_timespec(a, a->a[1], &ts, t64);
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
    int64_t e = get_timespec(a, req, &r, t64);
    if (e) {
        return e;
    }
    int ret = clock_nanosleep(clk, flags, &r, &left);
    if (ret == EINTR && rem && !(flags & TIMER_ABSTIME)) {
        put_timespec(a, rem, &left, t64);
    }
    return -ret;
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
