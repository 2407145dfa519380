/*
 * File metadata: permissions, ownership, times, links, device nodes, sizes,
 * the 32-bit struct stat and file system statistics.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include "syscall/sysutil.h"
#include "tcg/util.h"

/* ---- permissions and ownership ---- */

int64_t sys_chmod(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(chmod(path, (mode_t)a->a[1]));
}

int64_t sys_fchmod(SyscallArgs *a) { return ERRNO(fchmod((int)a->a[0], (mode_t)a->a[1])); }

int64_t sys_fchmodat(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[1]);
    /* The syscall has no flags argument (glibc's fchmodat has). */
    return ERRNO(syscall(SYS_fchmodat, dirfd_arg(a->a[0]), path, (mode_t)a->a[2]));
}

/* The 16-bit id calls: the kernel takes a 16-bit id, and 0xffff means
 * "unchanged". */
static uint32_t id16_to_host(uint32_t v)
{
    v &= 0xffff;
    return v == 0xffff ? (uint32_t)-1 : v;
}

static int64_t do_fchownat(SyscallArgs *a, int dirfd, uint32_t path_addr, uint32_t uid, uint32_t gid, int flags)
{
    GUEST_PATH(path, path_addr);
    return ERRNO(fchownat(dirfd, path, (uid_t)uid, (gid_t)gid, flags));
}

int64_t sys_chown32(SyscallArgs *a) { return do_fchownat(a, AT_FDCWD, a->a[0], a->a[1], a->a[2], 0); }
int64_t sys_lchown32(SyscallArgs *a)
{
    return do_fchownat(a, AT_FDCWD, a->a[0], a->a[1], a->a[2], AT_SYMLINK_NOFOLLOW);
}
int64_t sys_fchown32(SyscallArgs *a) { return ERRNO(fchown((int)a->a[0], (uid_t)a->a[1], (gid_t)a->a[2])); }
int64_t sys_fchownat(SyscallArgs *a)
{
    return do_fchownat(a, dirfd_arg(a->a[0]), a->a[1], a->a[2], a->a[3], (int)a->a[4]);
}

int64_t sys_chown16(SyscallArgs *a)
{
    return do_fchownat(a, AT_FDCWD, a->a[0], id16_to_host(a->a[1]), id16_to_host(a->a[2]), 0);
}
int64_t sys_lchown16(SyscallArgs *a)
{
    return do_fchownat(a, AT_FDCWD, a->a[0], id16_to_host(a->a[1]), id16_to_host(a->a[2]), AT_SYMLINK_NOFOLLOW);
}
int64_t sys_fchown16(SyscallArgs *a)
{
    return ERRNO(fchown((int)a->a[0], (uid_t)id16_to_host(a->a[1]), (gid_t)id16_to_host(a->a[2])));
}

/* ---- times ---- */

/* utimensat: the path may be NULL (futimens), and the times too (now). */
static int64_t do_utimensat(SyscallArgs *a, bool t64)
{
    struct timespec ts[2], *tsp = NULL;
    if (a->a[2]) {
        int64_t e = guest_get_timespec(a, a->a[2], &ts[0], t64);
        if (!e) {
            e = guest_get_timespec(a, a->a[2] + (t64 ? 16 : 8), &ts[1], t64);
        }
        if (e) {
            return e;
        }
        tsp = ts;
    }
    if (!a->a[1]) {
        return ERRNO(syscall(SYS_utimensat, dirfd_arg(a->a[0]), NULL, tsp, (int)a->a[3]));
    }
    GUEST_PATH(path, a->a[1]);
    return ERRNO(syscall(SYS_utimensat, dirfd_arg(a->a[0]), path, tsp, (int)a->a[3]));
}

int64_t sys_utimensat(SyscallArgs *a) { return do_utimensat(a, false); }
int64_t sys_utimensat_time64(SyscallArgs *a) { return do_utimensat(a, true); }

/* utimes/futimesat: two 32-bit struct timevals, checked by the host. */
static int64_t do_futimesat(SyscallArgs *a, int dirfd, uint32_t path_addr, uint32_t tv_addr)
{
    struct timeval tv[2], *tvp = NULL;
    if (tv_addr) {
        const uint8_t *g = lock_user(tv_addr, 16, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        for (int i = 0; i < 2; i++) {
            tv[i].tv_sec = (int32_t)g_ld32(g + 8 * i, BE);
            tv[i].tv_usec = (int32_t)g_ld32(g + 8 * i + 4, BE);
        }
        tvp = tv;
    }
    if (!path_addr) {
        return ERRNO(syscall(SYS_futimesat, dirfd, NULL, tvp));
    }
    GUEST_PATH(path, path_addr);
    return ERRNO(syscall(SYS_futimesat, dirfd, path, tvp));
}

int64_t sys_utimes(SyscallArgs *a) { return do_futimesat(a, AT_FDCWD, a->a[0], a->a[1]); }
int64_t sys_futimesat(SyscallArgs *a) { return do_futimesat(a, dirfd_arg(a->a[0]), a->a[1], a->a[2]); }

/* ---- links and nodes ---- */

static int64_t do_linkat(SyscallArgs *a, int olddir, uint32_t oldp, int newdir, uint32_t newp, int flags)
{
    GUEST_PATH(from, oldp);
    GUEST_PATH(to, newp);
    return ERRNO(linkat(olddir, from, newdir, to, flags));
}

int64_t sys_link(SyscallArgs *a) { return do_linkat(a, AT_FDCWD, a->a[0], AT_FDCWD, a->a[1], 0); }
int64_t sys_linkat(SyscallArgs *a)
{
    return do_linkat(a, dirfd_arg(a->a[0]), a->a[1], dirfd_arg(a->a[2]), a->a[3], (int)a->a[4]);
}

/* The target of a symlink is its contents: it is not translated. */
static int64_t do_symlinkat(SyscallArgs *a, uint32_t target_addr, int dirfd, uint32_t path_addr)
{
    const char *target = lock_user_string(target_addr);
    if (!target) {
        return -EFAULT;
    }
    GUEST_PATH(path, path_addr);
    return ERRNO(symlinkat(target, dirfd, path));
}

int64_t sys_symlink(SyscallArgs *a) { return do_symlinkat(a, a->a[0], AT_FDCWD, a->a[1]); }
int64_t sys_symlinkat(SyscallArgs *a) { return do_symlinkat(a, a->a[0], dirfd_arg(a->a[1]), a->a[2]); }

/* A 32-bit dev_t in the kernel's "new" encoding: 12-bit major, 20-bit
 * minor split around it. */
static dev_t dev_from_guest(uint32_t d)
{
    return makedev((d & 0xfff00) >> 8, (d & 0xff) | ((d >> 12) & 0xfff00));
}

static int64_t do_mknodat(SyscallArgs *a, int dirfd, uint32_t path_addr, uint32_t mode, uint32_t dev)
{
    GUEST_PATH(path, path_addr);
    return ERRNO(mknodat(dirfd, path, (mode_t)mode, dev_from_guest(dev)));
}

int64_t sys_mknod(SyscallArgs *a) { return do_mknodat(a, AT_FDCWD, a->a[0], a->a[1], a->a[2]); }
int64_t sys_mknodat(SyscallArgs *a) { return do_mknodat(a, dirfd_arg(a->a[0]), a->a[1], a->a[2], a->a[3]); }

int64_t sys_chroot(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(chroot(path));
}

/* ---- sizes ---- */

int64_t sys_truncate(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(truncate(path, (off_t)(int32_t)a->a[1]));
}

int64_t sys_ftruncate(SyscallArgs *a) { return ERRNO(ftruncate((int)a->a[0], (off_t)(int32_t)a->a[1])); }

/* truncate64/ftruncate64: the length is the aligned pair at 2-3. */
int64_t sys_truncate64(SyscallArgs *a)
{
    GUEST_PATH(path, a->a[0]);
    return ERRNO(truncate(path, (off_t)sys_arg64(a, 2)));
}

int64_t sys_ftruncate64(SyscallArgs *a) { return ERRNO(ftruncate((int)a->a[0], (off_t)sys_arg64(a, 2))); }

int64_t sys_fallocate(SyscallArgs *a)
{
    return ERRNO(fallocate((int)a->a[0], (int)a->a[1], (off_t)sys_arg64(a, 2), (off_t)sys_arg64(a, 4)));
}

/* ---- the 32-bit struct stat ---- */

/* The largest value a guest field of the descriptor holds, by host offset. */
static uint64_t guest_field_max(const StructConv *sc, size_t hoff)
{
    for (unsigned i = 0; i < sc->nfields; i++) {
        if (sc->fields[i].hoff == hoff && sc->fields[i].gsize < 8) {
            return (1ull << (8 * sc->fields[i].gsize)) - 1;
        }
    }
    return UINT64_MAX;
}

/* As the kernel's cp_new_stat for 32-bit: devices in the old 8:8 form,
 * EOVERFLOW for what does not fit, ids that do not fit become 65534. */
static int64_t put_old_stat(SyscallArgs *a, uint32_t addr, struct stat st)
{
    const StructConv *sc = a->ua->structs[GS_STAT];
    if (!sc) {
        return -ENOSYS;
    }
    if (major(st.st_dev) > 255 || minor(st.st_dev) > 255 || major(st.st_rdev) > 255 || minor(st.st_rdev) > 255) {
        return -EOVERFLOW;
    }
    if (st.st_size > INT32_MAX || (uint64_t)st.st_ino > guest_field_max(sc, offsetof(struct stat, st_ino)) ||
        (uint64_t)st.st_nlink > guest_field_max(sc, offsetof(struct stat, st_nlink))) {
        return -EOVERFLOW;
    }
    st.st_dev = major(st.st_dev) << 8 | minor(st.st_dev);
    st.st_rdev = major(st.st_rdev) << 8 | minor(st.st_rdev);
    if (st.st_uid > guest_field_max(sc, offsetof(struct stat, st_uid))) {
        st.st_uid = 65534;
    }
    if (st.st_gid > guest_field_max(sc, offsetof(struct stat, st_gid))) {
        st.st_gid = 65534;
    }
    void *g = lock_user(addr, sc->gsize, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    struct_to_guest(sc, g, &st, BE);
    return 0;
}

int64_t sys_fstat(SyscallArgs *a)
{
    struct stat st;
    if (fstat((int)a->a[0], &st) < 0) {
        return -errno;
    }
    return put_old_stat(a, a->a[1], st);
}

static int64_t do_old_stat(SyscallArgs *a, int flags)
{
    struct stat st;
    GUEST_PATH(path, a->a[0]);
    if (fstatat(AT_FDCWD, path, &st, flags) < 0) {
        return -errno;
    }
    return put_old_stat(a, a->a[1], st);
}

int64_t sys_stat(SyscallArgs *a) { return do_old_stat(a, 0); }
int64_t sys_lstat(SyscallArgs *a) { return do_old_stat(a, AT_SYMLINK_NOFOLLOW); }

/* ---- file system statistics ---- */

/* Every count must fit its guest field; -1 ("unknown") always does. */
static bool statfs_fits(const StructConv *sc, const struct statfs *st)
{
    for (unsigned i = 0; i < sc->nfields; i++) {
        const FieldConv *f = &sc->fields[i];
        if (f->gsize >= 8 || f->hsize <= f->gsize) {
            continue;
        }
        uint64_t v = 0;
        memcpy(&v, (const uint8_t *)st + f->hoff, f->hsize);
        if (v >> (8 * f->gsize) && v != UINT64_MAX) {
            return false;
        }
    }
    return true;
}

static int64_t put_statfs(SyscallArgs *a, GuestStruct which, uint32_t addr, const struct statfs *st)
{
    const StructConv *sc = a->ua->structs[which];
    if (!sc) {
        return -ENOSYS;
    }
    if (!statfs_fits(sc, st)) {
        return -EOVERFLOW;
    }
    void *g = lock_user(addr, sc->gsize, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    struct_to_guest(sc, g, st, BE);
    return 0;
}

/* statfs64/fstatfs64 pass the struct size.  ARM's is 84 (packed), and its
 * kernel also takes 88, the size the C library's padded struct has. */
static bool statfs64_size_ok(const SyscallArgs *a, uint32_t size)
{
    const StructConv *sc = a->ua->structs[GS_STATFS64];
    return sc && (size == sc->gsize || size == ALIGN_UP((uint32_t)sc->gsize, 8u));
}

int64_t sys_statfs(SyscallArgs *a)
{
    struct statfs st;
    GUEST_PATH(path, a->a[0]);
    if (statfs(path, &st) < 0) {
        return -errno;
    }
    return put_statfs(a, GS_STATFS, a->a[1], &st);
}

int64_t sys_fstatfs(SyscallArgs *a)
{
    struct statfs st;
    if (fstatfs((int)a->a[0], &st) < 0) {
        return -errno;
    }
    return put_statfs(a, GS_STATFS, a->a[1], &st);
}

int64_t sys_statfs64(SyscallArgs *a)
{
    struct statfs st;
    if (!statfs64_size_ok(a, a->a[1])) {
        return -EINVAL;
    }
    GUEST_PATH(path, a->a[0]);
    if (statfs(path, &st) < 0) {
        return -errno;
    }
    return put_statfs(a, GS_STATFS64, a->a[2], &st);
}

int64_t sys_fstatfs64(SyscallArgs *a)
{
    struct statfs st;
    if (!statfs64_size_ok(a, a->a[1])) {
        return -EINVAL;
    }
    if (fstatfs((int)a->a[0], &st) < 0) {
        return -errno;
    }
    return put_statfs(a, GS_STATFS64, a->a[2], &st);
}
