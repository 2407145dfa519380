/* File and directory syscalls. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/fdtrans.h"
#include "syscall/syscall.h"
#include "syscall/sysutil.h"
#include "tcg/util.h"

int64_t sys_read(SyscallArgs *a)
{
    void *p = lock_user(a->a[1], a->a[2], PROT_WRITE);
    if (!p) {
        return -EFAULT;
    }
    return fd_trans_read(a, (int)a->a[0], p, safe_syscall(SYS_read, (long)(int)a->a[0], (long)p, (long)a->a[2]));
}

int64_t sys_write(SyscallArgs *a)
{
    void *p = lock_user(a->a[1], a->a[2], PROT_READ);
    if (!p) {
        return -EFAULT;
    }
    int64_t r;
    if (fd_trans_write(a, (int)a->a[0], p, a->a[2], &r)) {
        return r;
    }
    return safe_syscall(SYS_write, (long)(int)a->a[0], (long)p, (long)a->a[2]);
}

int64_t sys_pread64(SyscallArgs *a)
{
    void *p = lock_user(a->a[1], a->a[2], PROT_WRITE);
    if (!p) {
        return -EFAULT;
    }
    return ERRNO(pread((int)a->a[0], p, a->a[2], (off_t)sys_arg64(a, 4)));
}

int64_t sys_pwrite64(SyscallArgs *a)
{
    void *p = lock_user(a->a[1], a->a[2], PROT_READ);
    if (!p) {
        return -EFAULT;
    }
    return ERRNO(pwrite((int)a->a[0], p, a->a[2], (off_t)sys_arg64(a, 4)));
}

/* Convert a guest iovec array; returns NULL and sets *err on failure. */
static struct iovec *iov_from_guest(SyscallArgs *a, uint32_t addr, uint32_t cnt, int prot, int64_t *err)
{
    if (cnt > IOV_MAX) {
        *err = -EINVAL;
        return NULL;
    }
    const uint8_t *g = lock_user(addr, cnt * 8, PROT_READ);
    if (!g && cnt) {
        *err = -EFAULT;
        return NULL;
    }
    struct iovec *v = xmalloc((cnt ? cnt : 1) * sizeof(*v));
    for (uint32_t i = 0; i < cnt; i++) {
        uint32_t base = g_ld32(g + i * 8, BE), len = g_ld32(g + i * 8 + 4, BE);
        void *p = lock_user(base, len, prot);
        if (!p && len) {
            free(v);
            *err = -EFAULT;
            return NULL;
        }
        v[i].iov_base = p;
        v[i].iov_len = len;
    }
    return v;
}

static int64_t do_rwv(SyscallArgs *a, bool write_op)
{
    int64_t err = 0;
    struct iovec *v = iov_from_guest(a, a->a[1], a->a[2], write_op ? PROT_READ : PROT_WRITE, &err);
    if (!v) {
        return err;
    }
    int64_t ret = safe_syscall(write_op ? SYS_writev : SYS_readv, (long)(int)a->a[0], (long)v, (long)a->a[2]);
    if (!write_op) {
        ret = fd_trans_readv(a, (int)a->a[0], v, (int)a->a[2], ret);
    }
    free(v);
    return ret;
}

int64_t sys_readv(SyscallArgs *a) { return do_rwv(a, false); }
int64_t sys_writev(SyscallArgs *a) { return do_rwv(a, true); }

int64_t sys_openat(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    int flags = (int)oflags_to_host(a, a->a[2]);
    int64_t special;
    if (proc_open_special(dirfd_arg(a->a[0]), path_g, flags, &special)) {
        return special;
    }
    return ERRNO(openat(dirfd_arg(a->a[0]), path, flags, (mode_t)a->a[3]));
}

int64_t sys_open(SyscallArgs *a)
{
    SyscallArgs b = *a;
    b.a[0] = (uint32_t)AT_FDCWD;
    b.a[1] = a->a[0];
    b.a[2] = a->a[1];
    b.a[3] = a->a[2];
    return sys_openat(&b);
}

int64_t sys_creat(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(creat(path, (mode_t)a->a[1]));
}

int64_t sys_close(SyscallArgs *a)
{
    int fd = (int)a->a[0];
    int64_t r = ERRNO(close(fd));
    if (r != -EBADF) {
        fd_trans_close(fd);
    }
    return r;
}

int64_t sys_lseek(SyscallArgs *a)
{
    off_t r = lseek((int)a->a[0], (off_t)(int32_t)a->a[1], (int)a->a[2]);
    if (r < 0) {
        return -errno;
    }
    if (r > INT32_MAX) {
        return -EOVERFLOW;
    }
    return r;
}

int64_t sys_llseek(SyscallArgs *a)
{
    off_t off = (off_t)((uint64_t)a->a[1] << 32 | a->a[2]);
    uint8_t *res = lock_user(a->a[3], 8, PROT_WRITE);
    if (!res) {
        return -EFAULT;
    }
    off_t r = lseek((int)a->a[0], off, (int)a->a[4]);
    if (r < 0) {
        return -errno;
    }
    g_st64(res, (uint64_t)r, BE);
    return 0;
}

static int64_t put_stat64(SyscallArgs *a, uint32_t addr, const struct stat *st)
{
    const StructConv *sc = a->ua->structs[GS_STAT64];
    void *g = lock_user(addr, sc->gsize, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    struct_to_guest(sc, g, st, BE);
    return 0;
}

int64_t sys_fstat64(SyscallArgs *a)
{
    struct stat st;
    if (fstat((int)a->a[0], &st) < 0) {
        return -errno;
    }
    return put_stat64(a, a->a[1], &st);
}

static int64_t do_fstatat(SyscallArgs *a, int dirfd, uint32_t path_addr, uint32_t buf, int flags)
{
    struct stat st;
    GUEST_PATH(path, path_addr);
    if (fstatat(dirfd, path, &st, flags) < 0) {
        return -errno;
    }
    return put_stat64(a, buf, &st);
}

int64_t sys_stat64(SyscallArgs *a) { return do_fstatat(a, AT_FDCWD, a->a[0], a->a[1], 0); }
int64_t sys_lstat64(SyscallArgs *a) { return do_fstatat(a, AT_FDCWD, a->a[0], a->a[1], AT_SYMLINK_NOFOLLOW); }
int64_t sys_fstatat64(SyscallArgs *a) { return do_fstatat(a, dirfd_arg(a->a[0]), a->a[1], a->a[2], (int)a->a[3]); }

int64_t sys_statx(SyscallArgs *a)
{
    struct statx stx;
    GUEST_PATH(path, a->a[1]);
    uint8_t *g = lock_user(a->a[4], sizeof(stx), PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (syscall(SYS_statx, dirfd_arg(a->a[0]), path, (int)a->a[2], (unsigned)a->a[3], &stx) < 0) {
        return -errno;
    }
    if (!BE) {
        memcpy(g, &stx, sizeof(stx));
        return 0;
    }
    /* struct statx has one layout everywhere; only the byte order moves. */
    static const FieldConv f[] = {
        FC(struct statx, stx_mask, 0, 4), FC(struct statx, stx_blksize, 4, 4),
        FC(struct statx, stx_attributes, 8, 8), FC(struct statx, stx_nlink, 16, 4),
        FC(struct statx, stx_uid, 20, 4), FC(struct statx, stx_gid, 24, 4), FC(struct statx, stx_mode, 28, 2),
        FC(struct statx, stx_ino, 32, 8), FC(struct statx, stx_size, 40, 8), FC(struct statx, stx_blocks, 48, 8),
        FC(struct statx, stx_attributes_mask, 56, 8), FC(struct statx, stx_atime.tv_sec, 64, 8),
        FC(struct statx, stx_atime.tv_nsec, 72, 4), FC(struct statx, stx_btime.tv_sec, 80, 8),
        FC(struct statx, stx_btime.tv_nsec, 88, 4), FC(struct statx, stx_ctime.tv_sec, 96, 8),
        FC(struct statx, stx_ctime.tv_nsec, 104, 4), FC(struct statx, stx_mtime.tv_sec, 112, 8),
        FC(struct statx, stx_mtime.tv_nsec, 120, 4), FC(struct statx, stx_rdev_major, 128, 4),
        FC(struct statx, stx_rdev_minor, 132, 4), FC(struct statx, stx_dev_major, 136, 4),
        FC(struct statx, stx_dev_minor, 140, 4),
    };
    static STRUCT_CONV(statx_conv, struct statx, "statx", sizeof(struct statx), f);
    struct_to_guest(&statx_conv, g, &stx, BE);
    return 0;
}

static int64_t do_readlinkat(SyscallArgs *a, int dirfd, uint32_t path_addr, uint32_t buf, uint32_t len)
{
    GUEST_PATH(path, path_addr);
    char *p = lock_user(buf, len, PROT_WRITE);
    if (!p) {
        return -EFAULT;
    }
    int64_t special;
    if (proc_readlink_special(dirfd, path_g, p, len, &special)) {
        return special;
    }
    return ERRNO(readlinkat(dirfd, path, p, len));
}

int64_t sys_readlink(SyscallArgs *a) { return do_readlinkat(a, AT_FDCWD, a->a[0], a->a[1], a->a[2]); }
int64_t sys_readlinkat(SyscallArgs *a) { return do_readlinkat(a, dirfd_arg(a->a[0]), a->a[1], a->a[2], a->a[3]); }

int64_t sys_access(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(access(path, (int)a->a[1]));
}

int64_t sys_faccessat(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    return ERRNO(faccessat(dirfd_arg(a->a[0]), path, (int)a->a[2], 0));
}

int64_t sys_faccessat2(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    return ERRNO(syscall(SYS_faccessat2, dirfd_arg(a->a[0]), path, (int)a->a[2], (int)a->a[3]));
}

int64_t sys_getcwd(SyscallArgs *a)
{
    char *p = lock_user(a->a[0], a->a[1], PROT_WRITE);
    if (!p) {
        return -EFAULT;
    }
    long r = syscall(SYS_getcwd, p, (size_t)a->a[1]);
    return r < 0 ? -errno : r;
}

int64_t sys_chdir(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(chdir(path));
}

int64_t sys_fchdir(SyscallArgs *a) { return ERRNO(fchdir((int)a->a[0])); }
int64_t sys_dup(SyscallArgs *a)
{
    int r = dup((int)a->a[0]);
    if (r < 0) {
        return -errno;
    }
    fd_trans_dup((int)a->a[0], r);
    return r;
}

int64_t sys_dup2(SyscallArgs *a)
{
    int r = dup2((int)a->a[0], (int)a->a[1]);
    if (r < 0) {
        return -errno;
    }
    fd_trans_dup((int)a->a[0], r);
    return r;
}

int64_t sys_dup3(SyscallArgs *a)
{
    int r = dup3((int)a->a[0], (int)a->a[1], (int)oflags_to_host(a, a->a[2]));
    if (r < 0) {
        return -errno;
    }
    fd_trans_dup((int)a->a[0], r);
    return r;
}

static int64_t do_pipe(SyscallArgs *a, uint32_t addr, int flags)
{
    int fds[2];
    uint8_t *g = lock_user(addr, 8, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (pipe2(fds, flags) < 0) {
        return -errno;
    }
    g_st32(g, (uint32_t)fds[0], BE);
    g_st32(g + 4, (uint32_t)fds[1], BE);
    return 0;
}

int64_t sys_pipe(SyscallArgs *a) { return do_pipe(a, a->a[0], 0); }
int64_t sys_pipe2(SyscallArgs *a) { return do_pipe(a, a->a[0], (int)oflags_to_host(a, a->a[1])); }

/* struct flock64 in the 32-bit ABIs: type, whence, (pad), start, len, pid. */
static const FieldConv flock64_fields[] = {
    FCS(struct flock, l_type, 0, 2), FCS(struct flock, l_whence, 2, 2), FCS(struct flock, l_start, 8, 8),
    FCS(struct flock, l_len, 16, 8), FCS(struct flock, l_pid, 24, 4),
};
static STRUCT_CONV(flock64_conv, struct flock, "flock64", 32, flock64_fields);

/* The generic 32-bit fcntl command numbers (ARM, PPC; MIPS shares them
 * except for the lock commands, see the arch's table). */
enum {
    G_F_GETLK64 = 12, G_F_SETLK64 = 13, G_F_SETLKW64 = 14,
};

int64_t sys_fcntl64(SyscallArgs *a)
{
    int fd = (int)a->a[0];
    int cmd = (int)a->a[1];
    uint32_t arg = a->a[2];
    struct flock fl;
    uint8_t *g;
    int r;

    switch (cmd) {
    case F_GETFL:
        r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)oflags_to_guest(a, (uint32_t)r);
    case F_SETFL:
        return ERRNO(fcntl(fd, F_SETFL, (int)oflags_to_host(a, arg)));
    case G_F_GETLK64:
    case G_F_SETLK64:
    case G_F_SETLKW64:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        g = lock_user(arg, 32, cmd == G_F_GETLK64 || cmd == F_OFD_GETLK ? PROT_READ | PROT_WRITE : PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        struct_from_guest(&flock64_conv, &fl, g, BE);
        {
            int hcmd = cmd == G_F_GETLK64 ? F_GETLK : cmd == G_F_SETLK64 ? F_SETLK : cmd == G_F_SETLKW64 ? F_SETLKW : cmd;
            r = fcntl(fd, hcmd, &fl);
            if (r < 0) {
                return -errno;
            }
            if (hcmd == F_GETLK || hcmd == F_OFD_GETLK) {
                struct_to_guest(&flock64_conv, g, &fl, BE);
            }
        }
        return r;
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        r = fcntl(fd, cmd, arg);
        if (r < 0) {
            return -errno;
        }
        fd_trans_dup(fd, r);
        return r;
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETSIG:
    case F_SETSIG:
    case F_GETLEASE:
    case F_SETLEASE:
    case F_NOTIFY:
    case F_SETPIPE_SZ:
    case F_GETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return ERRNO(fcntl(fd, cmd, arg));
    default:
        return -EINVAL;
    }
}

int64_t sys_getdents64(SyscallArgs *a)
{
    uint32_t count = a->a[2];
    uint8_t *g = lock_user(a->a[1], count, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    long r = syscall(SYS_getdents64, (int)a->a[0], g, (size_t)count);
    if (r < 0) {
        return -errno;
    }
    if (BE) {
        /* The layout is the same everywhere; fix the byte order in place. */
        for (long off = 0; off < r;) {
            uint8_t *d = g + off;
            uint64_t ino, doff;
            uint16_t reclen;
            memcpy(&ino, d, 8);
            memcpy(&doff, d + 8, 8);
            memcpy(&reclen, d + 16, 2);
            g_st64(d, ino, true);
            g_st64(d + 8, doff, true);
            g_st16(d + 16, reclen, true);
            off += reclen;
        }
    }
    return r;
}

int64_t sys_mkdir(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(mkdir(path, (mode_t)a->a[1]));
}

int64_t sys_mkdirat(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    return ERRNO(mkdirat(dirfd_arg(a->a[0]), path, (mode_t)a->a[2]));
}

int64_t sys_rmdir(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(rmdir(path));
}

int64_t sys_unlink(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(unlink(path));
}

int64_t sys_unlinkat(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    return ERRNO(unlinkat(dirfd_arg(a->a[0]), path, (int)a->a[2]));
}

static int64_t do_renameat2(SyscallArgs *a, int odir, uint32_t op, int ndir, uint32_t np, unsigned flags)
{
    GUEST_PATH(oldp, op);
    GUEST_PATH(newp, np);
    return ERRNO(syscall(SYS_renameat2, odir, oldp, ndir, newp, flags));
}

int64_t sys_rename(SyscallArgs *a) { return do_renameat2(a, AT_FDCWD, a->a[0], AT_FDCWD, a->a[1], 0); }
int64_t sys_renameat(SyscallArgs *a)
{
    return do_renameat2(a, dirfd_arg(a->a[0]), a->a[1], dirfd_arg(a->a[2]), a->a[3], 0);
}
int64_t sys_renameat2(SyscallArgs *a)
{
    return do_renameat2(a, dirfd_arg(a->a[0]), a->a[1], dirfd_arg(a->a[2]), a->a[3], a->a[4]);
}

int64_t sys_umask(SyscallArgs *a) { return umask((mode_t)a->a[0]); }
int64_t sys_fsync(SyscallArgs *a) { return ERRNO(fsync((int)a->a[0])); }
int64_t sys_fdatasync(SyscallArgs *a) { return ERRNO(fdatasync((int)a->a[0])); }
