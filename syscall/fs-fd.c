/*
 * Descriptor-level file calls: openat2, memfd_create, close_range, flock,
 * I/O hints (readahead, fadvise), syncing, and the old getdents.
 */
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/fdtrans.h"
#include "syscall/sysutil.h"
#include "tcg/util.h"

/* struct open_how: flags, mode, resolve (three u64); a larger struct from
 * a newer guest is fine if its extra bytes are zero. */
#define OPEN_HOW_SIZE0 24

int64_t sys_openat2(SyscallArgs *a)
{
    uint32_t size = a->a[3];
    if (size < OPEN_HOW_SIZE0) {
        return -EINVAL;
    }
    if (size > GUEST_PAGE_SIZE) {
        return -E2BIG;
    }
    const uint8_t *g = lock_user(a->a[2], size, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    for (uint32_t i = OPEN_HOW_SIZE0; i < size; i++) {
        if (g[i]) {
            return -E2BIG;
        }
    }
    uint64_t gflags = g_ld64(g, BE);
    struct open_how how = { .mode = g_ld64(g + 8, BE), .resolve = g_ld64(g + 16, BE) };
    /* Flags the guest's table cannot map are unknown flags: EINVAL, as the
     * kernel says for them. */
    uint32_t gacc = (uint32_t)gflags & O_ACCMODE, grest = (uint32_t)gflags & ~O_ACCMODE;
    uint32_t hrest = oflags_to_host(a, grest) & ~O_ACCMODE;
    if (gflags >> 32 || oflags_to_guest(a, hrest) != grest) {
        return -EINVAL;
    }
    how.flags = hrest | gacc;
    GUEST_PATH(path, a->a[1]);
    int64_t special;
    if (!how.resolve && proc_open_special(dirfd_arg(a->a[0]), path_g, (int)how.flags, &special)) {
        return special;
    }
    return ERRNO(syscall(SYS_openat2, dirfd_arg(a->a[0]), path, &how, sizeof(how)));
}

int64_t sys_memfd_create(SyscallArgs *a)
{
    const char *name = lock_user_string(a->a[0]);
    if (!name) {
        return -EFAULT;
    }
    /* MFD_* are the same in every ABI. */
    return ERRNO(syscall(SYS_memfd_create, name, (unsigned)a->a[1]));
}

int64_t sys_close_range(SyscallArgs *a)
{
    unsigned first = a->a[0], last = a->a[1], flags = a->a[2];
    long r = syscall(SYS_close_range, first, last, flags);
    if (r < 0) {
        return -errno;
    }
    if (!(flags & CLOSE_RANGE_CLOEXEC)) {
        fd_trans_close_range(first, last);
    }
    return r;
}

/* flock may wait for the lock: interruptible. */
int64_t sys_flock(SyscallArgs *a) { return safe_syscall(SYS_flock, (long)(int)a->a[0], (long)(int)a->a[1]); }

int64_t sys_readahead(SyscallArgs *a)
{
    return ERRNO(readahead((int)a->a[0], (off64_t)sys_arg64(a, 2), a->a[4]));
}

/* ARM's order puts advice second so that the pairs stay aligned. */
int64_t sys_arm_fadvise64_64(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_fadvise64, (int)a->a[0], (off_t)sys_arg64(a, 2), (off_t)sys_arg64(a, 4), (int)a->a[1]));
}

int64_t sys_sync(SyscallArgs *a)
{
    (void)a;
    sync();
    return 0;
}

int64_t sys_syncfs(SyscallArgs *a) { return ERRNO(syncfs((int)a->a[0])); }

/*
 * getdents: struct linux_dirent of the 32-bit ABIs, converted from the
 * host's getdents64 records:
 *   u32 d_ino, u32 d_off, u16 d_reclen, char d_name[] NUL, pad, u8 d_type
 * with d_reclen rounded up to 4.  Each guest record is shorter than its
 * host record, so everything read fits the guest buffer.  An inode number
 * that does not fit in 32 bits stops the listing with EOVERFLOW, as on a
 * 32-bit kernel; the directory position is left at that entry.
 */
int64_t sys_getdents(SyscallArgs *a)
{
    int fd = (int)a->a[0];
    uint32_t count = a->a[2];
    uint8_t *g = lock_user(a->a[1], count, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    off_t start = lseek(fd, 0, SEEK_CUR);
    uint8_t *h = xmalloc(count ? count : 1);
    long r = syscall(SYS_getdents64, fd, h, (size_t)count);
    if (r < 0) {
        free(h);
        return -errno;
    }
    uint32_t out = 0;
    off_t resume = start;
    bool overflow = false;
    for (long off = 0; off < r;) {
        uint64_t ino, doff;
        uint16_t hrec;
        memcpy(&ino, h + off, 8);
        memcpy(&doff, h + off + 8, 8);
        memcpy(&hrec, h + off + 16, 2);
        uint8_t type = h[off + 18];
        const char *name = (const char *)h + off + 19;
        size_t namlen = strnlen(name, hrec - 19);
        uint32_t grec = ALIGN_UP((uint32_t)(10 + namlen + 2), 4u);
        if (ino > UINT32_MAX) {
            overflow = true;
            break;
        }
        uint8_t *d = g + out;
        g_st32(d, (uint32_t)ino, BE);
        g_st32(d + 4, (uint32_t)doff, BE);
        g_st16(d + 8, (uint16_t)grec, BE);
        memcpy(d + 10, name, namlen);
        memset(d + 10 + namlen, 0, grec - 10 - namlen);
        d[grec - 1] = type;
        out += grec;
        resume = (off_t)doff;
        off += hrec;
    }
    free(h);
    if (overflow) {
        if (start >= 0) {
            lseek(fd, resume, SEEK_SET);
        }
        if (!out) {
            return -EOVERFLOW;
        }
    }
    return out;
}
