/*
 * Data transfer beyond read/write: vectored I/O at an offset, splice, tee,
 * vmsplice, sendfile, copy_file_range and sync_file_range.  Calls that can
 * wait on a pipe or socket go through safe_syscall.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/fdtrans.h"
#include "syscall/sysutil.h"
#include "tcg/util.h"

#define MAX_NON_LFS 0x7fffffffLL    /* the limit of a 32-bit off_t */

/* A guest iovec array (32-bit base and length); NULL with *err set on a
 * bad array or buffer.  The caller frees the result. */
static struct iovec *iov_import(SyscallArgs *a, uint32_t addr, uint32_t cnt, int prot, int64_t *err)
{
    if (cnt > IOV_MAX) {
        *err = -EINVAL;
        return NULL;
    }
    const uint8_t *g = lock_user(addr, cnt * 8, PROT_READ);
    if (!g) {
        *err = -EFAULT;
        return NULL;
    }
    struct iovec *v = xmalloc((cnt ? cnt : 1) * sizeof(*v));
    for (uint32_t i = 0; i < cnt; i++) {
        uint32_t base = g_ld32(g + i * 8, BE), len = g_ld32(g + i * 8 + 4, BE);
        if (len > INT32_MAX) {
            *err = -EINVAL;
            free(v);
            return NULL;
        }
        void *p = lock_user(base, len, prot);
        if (!p) {
            *err = -EFAULT;
            free(v);
            return NULL;
        }
        v[i].iov_base = p;
        v[i].iov_len = len;
    }
    return v;
}

/*
 * preadv/pwritev(fd, iov, cnt, pos_low, pos_high[, flags]): the offset is
 * split into two words in fixed argument slots, low word first, whatever the
 * guest's byte order (the kernel's pos_from_hilo).  On the 64-bit host the
 * whole offset goes in the low argument.
 */
static int64_t do_prwv(SyscallArgs *a, bool write_op, bool v2)
{
    int fd = (int)a->a[0];
    int64_t err = 0;
    struct iovec *v = iov_import(a, a->a[1], a->a[2], write_op ? PROT_READ : PROT_WRITE, &err);
    if (!v) {
        return err;
    }
    int64_t pos = (int64_t)((uint64_t)a->a[4] << 32 | a->a[3]);
    long flags = v2 ? (long)(int)a->a[5] : 0;
    long nr = v2 ? (write_op ? SYS_pwritev2 : SYS_preadv2) : (write_op ? SYS_pwritev : SYS_preadv);
    int64_t r = safe_syscall(nr, (long)fd, (long)v, (long)a->a[2], (long)pos, 0L, flags);
    if (!write_op) {
        r = fd_trans_readv(a, fd, v, (int)a->a[2], r);
    }
    free(v);
    return r;
}

int64_t sys_preadv(SyscallArgs *a) { return do_prwv(a, false, false); }
int64_t sys_pwritev(SyscallArgs *a) { return do_prwv(a, true, false); }
int64_t sys_preadv2(SyscallArgs *a) { return do_prwv(a, false, true); }
int64_t sys_pwritev2(SyscallArgs *a) { return do_prwv(a, true, true); }

/* An optional guest loff_t in/out argument. */
typedef struct GuestOff {
    uint8_t *g;                 /* NULL: no offset given */
    loff_t v;
} GuestOff;

static int64_t off_import(SyscallArgs *a, uint32_t addr, GuestOff *o)
{
    o->g = NULL;
    if (!addr) {
        return 0;
    }
    o->g = lock_user(addr, 8, PROT_READ | PROT_WRITE);
    if (!o->g) {
        return -EFAULT;
    }
    o->v = (loff_t)g_ld64(o->g, BE);
    return 0;
}

static void off_export(SyscallArgs *a, const GuestOff *o)
{
    if (o->g) {
        g_st64(o->g, (uint64_t)o->v, BE);
    }
}

int64_t sys_splice(SyscallArgs *a)
{
    GuestOff in, out;
    int64_t e = off_import(a, a->a[1], &in);
    if (!e) {
        e = off_import(a, a->a[3], &out);
    }
    if (e) {
        return e;
    }
    /* SPLICE_F_* are the same in every ABI. */
    int64_t r = safe_syscall(SYS_splice, (long)(int)a->a[0], (long)(in.g ? &in.v : NULL), (long)(int)a->a[2],
                             (long)(out.g ? &out.v : NULL), (long)a->a[4], (long)a->a[5]);
    if (r >= 0) {
        off_export(a, &in);
        off_export(a, &out);
    }
    return r;
}

int64_t sys_tee(SyscallArgs *a)
{
    return safe_syscall(SYS_tee, (long)(int)a->a[0], (long)(int)a->a[1], (long)a->a[2], (long)a->a[3]);
}

/* vmsplice maps user memory into a pipe (the pipe's write end: the memory
 * is read) or copies from a pipe (its read end: the memory is written). */
int64_t sys_vmsplice(SyscallArgs *a)
{
    int fd = (int)a->a[0];
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) {
        return -errno;
    }
    int prot = (fl & O_ACCMODE) == O_RDONLY ? PROT_WRITE : PROT_READ;
    int64_t err = 0;
    struct iovec *v = iov_import(a, a->a[1], a->a[2], prot, &err);
    if (!v) {
        return err;
    }
    int64_t r = safe_syscall(SYS_vmsplice, (long)fd, (long)v, (long)a->a[2], (long)a->a[3]);
    free(v);
    return r;
}

/* sendfile with a 32-bit off_t limits the transfer to 2 GiB - 1 as the
 * kernel does; sendfile64 takes a loff_t. */
static int64_t do_sendfile(SyscallArgs *a, bool off64)
{
    long out = (int)a->a[0], in = (int)a->a[1];
    uint32_t count = a->a[3];
    if (!a->a[2]) {
        return safe_syscall(SYS_sendfile, out, in, 0L, (long)count);
    }
    uint8_t *g = lock_user(a->a[2], off64 ? 8 : 4, PROT_READ | PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    off_t pos = off64 ? (off_t)g_ld64(g, BE) : (off_t)(int32_t)g_ld32(g, BE);
    int64_t r;
    if (!off64 && pos + (off_t)count > MAX_NON_LFS) {
        if (pos >= MAX_NON_LFS) {
            return -EOVERFLOW;
        }
        count = (uint32_t)(MAX_NON_LFS - pos);
    }
    r = safe_syscall(SYS_sendfile, out, in, (long)&pos, (long)count);
    if (off64) {
        g_st64(g, (uint64_t)pos, BE);
    } else {
        g_st32(g, (uint32_t)pos, BE);
    }
    return r;
}

int64_t sys_sendfile(SyscallArgs *a) { return do_sendfile(a, false); }
int64_t sys_sendfile64(SyscallArgs *a) { return do_sendfile(a, true); }

int64_t sys_copy_file_range(SyscallArgs *a)
{
    GuestOff in, out;
    int64_t e = off_import(a, a->a[1], &in);
    if (!e) {
        e = off_import(a, a->a[3], &out);
    }
    if (e) {
        return e;
    }
    long r = syscall(SYS_copy_file_range, (int)a->a[0], in.g ? &in.v : NULL, (int)a->a[2], out.g ? &out.v : NULL,
                     (size_t)a->a[4], (unsigned)a->a[5]);
    if (r < 0) {
        return -errno;
    }
    if (r > 0) {
        off_export(a, &in);
        off_export(a, &out);
    }
    return r;
}

/* ARM's sync_file_range2 order: fd, flags, offset pair, length pair. */
int64_t sys_arm_sync_file_range(SyscallArgs *a)
{
    return ERRNO(sync_file_range((int)a->a[0], (off64_t)sys_arg64(a, 2), (off64_t)sys_arg64(a, 4), a->a[1]));
}
