/*
 * Argument helpers shared by the handler families: guest paths, dirfds,
 * open-style flags, time values and signal sets in the guest's layout.
 */
#ifndef MIMIC_SYSCALL_SYSUTIL_H
#define MIMIC_SYSCALL_SYSUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <time.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"

#define BE (a->ua->big_endian)

/* A guest path argument, translated for -L; EFAULT if unreadable. */
#define GUEST_PATH(var, arg)                                            \
    char var##_buf[PATH_MAX];                                           \
    const char *var##_g = lock_user_string(arg);                        \
    if (!var##_g) {                                                     \
        return -EFAULT;                                                 \
    }                                                                   \
    const char *var = path_translate(var##_g, var##_buf, sizeof(var##_buf))

static inline int dirfd_arg(uint32_t v) { return (int)(int32_t)v; }

/* O_* style flags (O_CLOEXEC, O_NONBLOCK of eventfd, signalfd, inotify,
 * epoll_create1...) through the guest's open-flags table. */
static inline uint32_t oflags_to_host(const SyscallArgs *a, uint32_t g)
{
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    return fc ? flags_to_host(fc, g) : g;
}
static inline uint32_t oflags_to_guest(const SyscallArgs *a, uint32_t h)
{
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    return fc ? flags_to_guest(fc, h) : h;
}

/* Convert a guest flag word limited to the host flags in 'allowed' (plus
 * 'same', bits equal everywhere); -EINVAL for anything else, as the kernel
 * rejects unknown flags. */
static inline int64_t oflags_checked(const SyscallArgs *a, uint32_t g, uint32_t allowed, uint32_t same)
{
    uint32_t gallowed = oflags_to_guest(a, allowed) | same;
    if (g & ~gallowed) {
        return -EINVAL;
    }
    return (int64_t)((oflags_to_host(a, g & ~same) & allowed) | (g & same));
}

/* struct timespec: two 32-bit words (time32), or two 64-bit words (time64,
 * where the upper half of tv_nsec is padding in the 32-bit ABIs). */
static inline int64_t guest_get_timespec(const SyscallArgs *a, uint32_t addr, struct timespec *ts, bool t64)
{
    const uint8_t *g = lock_user(addr, t64 ? 16 : 8, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    if (t64) {
        ts->tv_sec = (time_t)g_ld64(g, BE);
        ts->tv_nsec = (long)(int32_t)g_ld32(g + (BE ? 12 : 8), BE);
    } else {
        ts->tv_sec = (int32_t)g_ld32(g, BE);
        ts->tv_nsec = (int32_t)g_ld32(g + 4, BE);
    }
    return 0;
}

static inline int64_t guest_put_timespec(const SyscallArgs *a, uint32_t addr, const struct timespec *ts, bool t64)
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

/* A guest sigset_t (64 signals as two 32-bit words); size must be 8. */
static inline int64_t guest_get_sigset(const SyscallArgs *a, uint32_t addr, uint32_t size, uint64_t *set)
{
    if (size != 8) {
        return -EINVAL;
    }
    const uint8_t *g = lock_user(addr, 8, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    *set = (uint64_t)g_ld32(g + 4, BE) << 32 | g_ld32(g, BE);
    return 0;
}

#endif
