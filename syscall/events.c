/*
 * Event descriptors: eventfd, signalfd and inotify, with the converters of
 * what is read from (and written to) them (syscall/fdtrans.h).
 *
 *   eventfd   an 8-byte counter in native order: swapped for big-endian
 *             guests, both ways (fd_trans_u64_be).
 *   signalfd  128-byte struct signalfd_siginfo records, the same layout in
 *             every ABI: the signal number (and errno) need the guest's
 *             numbering on every guest, the fields swapping on big-endian
 *             ones, and pointers read as a 32-bit kernel gives them.
 *   inotify   struct inotify_event { s32 wd; u32 mask, cookie, len; char
 *             name[len]; }: headers swapped for big-endian guests.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/fdtrans.h"
#include "syscall/sysutil.h"

/* ---- eventfd ---- */

static int64_t do_eventfd2(SyscallArgs *a, uint32_t count, uint32_t gflags)
{
    /* EFD_CLOEXEC and EFD_NONBLOCK are the O_* values; EFD_SEMAPHORE is 1. */
    int64_t fl = oflags_checked(a, gflags, O_CLOEXEC | O_NONBLOCK, EFD_SEMAPHORE);
    if (fl < 0) {
        return fl;
    }
    int fd = eventfd(count, (int)fl);
    if (fd < 0) {
        return -errno;
    }
    if (BE) {
        fd_trans_register(fd, &fd_trans_u64_be);
    } else {
        fd_trans_close(fd);
    }
    return fd;
}

int64_t sys_eventfd(SyscallArgs *a) { return do_eventfd2(a, a->a[0], 0); }
int64_t sys_eventfd2(SyscallArgs *a) { return do_eventfd2(a, a->a[0], a->a[1]); }

/* ---- signalfd ---- */

#define SSI_SIZE 128

/* A host pointer-sized value as a 32-bit kernel reports it: the 32-bit
 * value, sign-extended ((long)ptr). */
static uint64_t ssi_ptr32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v; }

static int64_t signalfd_read(const SyscallArgs *a, uint8_t *buf, int64_t r)
{
    bool be = a->ua->big_endian;
    for (int64_t off = 0; off + SSI_SIZE <= r; off += SSI_SIZE) {
        struct signalfd_siginfo s;
        uint8_t *g = buf + off;
        memcpy(&s, g, sizeof(s));
        int gsig = signal_to_guest((int)s.ssi_signo);
        /* 12 32-bit fields from ssi_signo to ssi_int. */
        uint32_t w[12];
        memcpy(w, g, sizeof(w));
        w[0] = (uint32_t)(gsig > 0 ? gsig : (int)s.ssi_signo);
        w[1] = s.ssi_errno > 0 ? (uint32_t)num_to_guest(a->ua->errnos, s.ssi_errno) : (uint32_t)s.ssi_errno;
        for (int i = 0; i < 12; i++) {
            g_st32(g + 4 * i, w[i], be);
        }
        g_st64(g + offsetof(struct signalfd_siginfo, ssi_ptr), ssi_ptr32(s.ssi_ptr), be);
        g_st64(g + offsetof(struct signalfd_siginfo, ssi_utime), s.ssi_utime, be);
        g_st64(g + offsetof(struct signalfd_siginfo, ssi_stime), s.ssi_stime, be);
        uint64_t addr = s.ssi_addr;
        if (guest_addr_in_window((uintptr_t)addr)) {
            addr = (uint32_t)((uintptr_t)addr - (uintptr_t)guest_base);
        }
        g_st64(g + offsetof(struct signalfd_siginfo, ssi_addr), ssi_ptr32(addr), be);
        g_st16(g + offsetof(struct signalfd_siginfo, ssi_addr_lsb), s.ssi_addr_lsb, be);
        g_st32(g + offsetof(struct signalfd_siginfo, ssi_syscall), (uint32_t)s.ssi_syscall, be);
        g_st64(g + offsetof(struct signalfd_siginfo, ssi_call_addr), ssi_ptr32(s.ssi_call_addr), be);
        g_st32(g + offsetof(struct signalfd_siginfo, ssi_arch), s.ssi_arch, be);
    }
    return r;
}

static const FdTrans signalfd_trans = { "signalfd", signalfd_read, NULL };

/* signalfd4(fd, mask, sizemask, flags): the mask is a guest sigset; fd -1
 * makes a new descriptor, anything else changes that one's mask. */
static int64_t do_signalfd4(SyscallArgs *a, uint32_t gflags)
{
    uint64_t gset;
    int64_t fl = oflags_checked(a, gflags, O_CLOEXEC | O_NONBLOCK, 0);
    if (fl < 0) {
        return fl;
    }
    int64_t e = guest_get_sigset(a, a->a[1], a->a[2], &gset);
    if (e) {
        return e;
    }
    sigset_t hset;
    sigemptyset(&hset);
    for (int g = 1; g <= GUEST_NSIG; g++) {
        int h = signal_to_host(g);
        if ((gset & (1ull << (g - 1))) && h > 0) {
            sigaddset(&hset, h);
        }
    }
    long fd = syscall(SYS_signalfd4, (int)a->a[0], &hset, (size_t)(_NSIG / 8), (int)fl);
    if (fd < 0) {
        return -errno;
    }
    fd_trans_register((int)fd, &signalfd_trans);
    return fd;
}

int64_t sys_signalfd(SyscallArgs *a) { return do_signalfd4(a, 0); }
int64_t sys_signalfd4(SyscallArgs *a) { return do_signalfd4(a, a->a[3]); }

/* ---- inotify ---- */

static int64_t inotify_read(const SyscallArgs *a, uint8_t *buf, int64_t r)
{
    for (int64_t off = 0; off + 16 <= r;) {
        uint32_t w[4];
        memcpy(w, buf + off, 16);
        for (int i = 0; i < 4; i++) {
            g_st32(buf + off + 4 * i, w[i], true);
        }
        off += 16 + (int64_t)w[3];
    }
    return r;
}

static const FdTrans inotify_trans = { "inotify", inotify_read, NULL };

static int64_t do_inotify_init1(SyscallArgs *a, uint32_t gflags)
{
    int64_t fl = oflags_checked(a, gflags, O_CLOEXEC | O_NONBLOCK, 0);
    if (fl < 0) {
        return fl;
    }
    int fd = inotify_init1((int)fl);
    if (fd < 0) {
        return -errno;
    }
    if (BE) {
        fd_trans_register(fd, &inotify_trans);
    } else {
        fd_trans_close(fd);
    }
    return fd;
}

int64_t sys_inotify_init(SyscallArgs *a) { return do_inotify_init1(a, 0); }
int64_t sys_inotify_init1(SyscallArgs *a) { return do_inotify_init1(a, a->a[0]); }

/* IN_* event bits are the same in every ABI. */
int64_t sys_inotify_add_watch(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    return ERRNO(inotify_add_watch((int)a->a[0], path, a->a[2]));
}

int64_t sys_inotify_rm_watch(SyscallArgs *a) { return ERRNO(inotify_rm_watch((int)a->a[0], (int)a->a[1])); }
