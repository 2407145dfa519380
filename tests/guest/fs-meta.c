/* File metadata: chmod, chown (to self), utimensat/utimes/futimesat, links,
 * symlinks, mknod, truncate, fallocate, statfs, the old stat and getdents
 * calls, and EFAULT for bad pointers.  Everything happens in a mkdtemp
 * directory under /tmp. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define BAD1 ((void *)1)
#define BADK ((void *)0xc0000000ul)

static char dir[64];

static const char *P(const char *name)
{
    static char buf[4][128];
    static int i;
    i = (i + 1) & 3;
    snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
    return buf[i];
}

static void check(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static void show(const char *name, int follow)
{
    struct stat st;
    int r = follow ? stat(P(name), &st) : lstat(P(name), &st);
    if (r < 0) {
        printf("  %s: %s\n", name, strerror(errno));
        return;
    }
    printf("  %s: mode=%o nlink=%u size=%lld self=%d/%d\n", name, (unsigned)st.st_mode, (unsigned)st.st_nlink,
           (long long)st.st_size, st.st_uid == getuid(), st.st_gid == getgid());
}

static void show_times(const char *name)
{
    struct stat st;
    if (stat(P(name), &st) < 0) {
        printf("  %s: %s\n", name, strerror(errno));
        return;
    }
    printf("  %s: atime=%lld.%09ld mtime=%lld.%09ld\n", name, (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* The kernel's own timeval/timespec: two longs on both ABIs here. */
struct ktv { long sec, usec; };
struct kts { long sec, nsec; };

static void test_modes(void)
{
    printf("chmod:\n");
    int fd = open(P("f"), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    check("write", write(fd, "hello", 5));
    check("chmod 640", syscall(SYS_chmod, P("f"), 0640));
    show("f", 1);
    check("fchmod 604", fchmod(fd, 0604));
    show("f", 1);
    check("fchmodat 751", fchmodat(AT_FDCWD, P("f"), 0751, 0));
    show("f", 1);
    check("chmod missing", syscall(SYS_chmod, P("nope"), 0644));
    check("chmod bad path", syscall(SYS_chmod, BAD1, 0644));
    check("chmod kernel path", syscall(SYS_chmod, BADK, 0644));

    printf("chown:\n");
    check("chown self", chown(P("f"), getuid(), getgid()));
    check("fchown self", fchown(fd, getuid(), -1));
    check("lchown self", lchown(P("f"), -1, getgid()));
    check("fchownat self", fchownat(AT_FDCWD, P("f"), getuid(), getgid(), AT_SYMLINK_NOFOLLOW));
#ifdef __arm__
    /* The 16-bit calls: 0xffff is "unchanged". */
    check("chown16 self", syscall(SYS_chown, P("f"), getuid() & 0xffff, 0xffff));
    check("lchown16 self", syscall(SYS_lchown, P("f"), 0xffff, getgid() & 0xffff));
    check("fchown16 self", syscall(SYS_fchown, fd, 0xffff, 0xffff));
#else
    check("chown16 self", chown(P("f"), getuid(), -1));
    check("lchown16 self", lchown(P("f"), -1, getgid()));
    check("fchown16 self", fchown(fd, -1, -1));
#endif
    show("f", 1);
    check("chown bad path", syscall(SYS_chown, BAD1, 0, 0));
    close(fd);
}

static void test_times(void)
{
    printf("times:\n");
    struct timespec ts[2] = { { 1000000000, 123456789 }, { 1234567890, 987654321 } };
    check("utimensat", utimensat(AT_FDCWD, P("f"), ts, 0));
    show_times("f");
    ts[0].tv_nsec = UTIME_OMIT;
    ts[1].tv_sec = 1500000000;
    ts[1].tv_nsec = 5;
    check("utimensat omit", utimensat(AT_FDCWD, P("f"), ts, 0));
    show_times("f");
    int fd = open(P("f"), O_RDONLY);
    ts[0].tv_sec = 1600000000;
    ts[0].tv_nsec = 0;
    ts[1].tv_nsec = UTIME_OMIT;
    check("futimens", futimens(fd, ts));
    show_times("f");
    /* The syscalls themselves, with the kernel's structs. */
    struct kts kts[2] = { { 1100000000, 1 }, { 1200000000, 2 } };
    check("utimensat raw", syscall(SYS_utimensat, AT_FDCWD, P("f"), kts, 0));
    show_times("f");
    check("utimensat raw fd", syscall(SYS_utimensat, fd, NULL, kts, 0));
#ifdef SYS_utimensat_time64
    struct { int64_t sec, nsec; } t64[2] = { { 1150000000, 3 }, { 1250000000, 4 } };
    check("utimensat time64", syscall(SYS_utimensat_time64, AT_FDCWD, P("f"), t64, 0));
#else
    struct timespec t64[2] = { { 1150000000, 3 }, { 1250000000, 4 } };
    check("utimensat time64", utimensat(AT_FDCWD, P("f"), t64, 0));
#endif
    show_times("f");
    struct ktv tv[2] = { { 1300000000, 250000 }, { 1400000000, 750000 } };
    check("utimes", syscall(SYS_utimes, P("f"), tv));
    show_times("f");
    tv[1].sec = 1410000000;
    check("futimesat", syscall(SYS_futimesat, AT_FDCWD, P("f"), tv));
    show_times("f");
    tv[0].usec = 1000000;
    check("utimes bad usec", syscall(SYS_utimes, P("f"), tv));
    kts[0].nsec = 1000000000;
    check("utimensat bad nsec", syscall(SYS_utimensat, AT_FDCWD, P("f"), kts, 0));
    check("utimensat bad times", syscall(SYS_utimensat, AT_FDCWD, P("f"), BAD1, 0));
    check("utimensat bad path", syscall(SYS_utimensat, AT_FDCWD, BADK, NULL, 0));
    check("utimes bad times", syscall(SYS_utimes, P("f"), BADK));
    struct stat before, after;
    stat(P("f"), &before);
    check("utimensat now", utimensat(AT_FDCWD, P("f"), NULL, 0));
    stat(P("f"), &after);
    printf("  now moved mtime: %d\n", after.st_mtim.tv_sec > before.st_mtim.tv_sec);
    close(fd);
}

static void test_links(void)
{
    char buf[128];
    printf("links:\n");
    check("link", syscall(SYS_link, P("f"), P("hard")));
    check("linkat", linkat(AT_FDCWD, P("f"), AT_FDCWD, P("hard2"), 0));
    show("f", 1);
    check("link exists", syscall(SYS_link, P("f"), P("hard")));
    check("symlink", syscall(SYS_symlink, "f", P("sym")));
    check("symlinkat", symlinkat("does/not/exist", AT_FDCWD, P("dangling")));
    long n = readlink(P("sym"), buf, sizeof(buf));
    printf("  readlink sym: %.*s\n", (int)(n > 0 ? n : 0), buf);
    n = readlink(P("dangling"), buf, sizeof(buf));
    printf("  readlink dangling: %.*s\n", (int)(n > 0 ? n : 0), buf);
    show("sym", 1);
    show("dangling", 1);
    struct stat st;
    lstat(P("sym"), &st);
    printf("  sym is link: %d\n", S_ISLNK(st.st_mode));
    check("lchown on symlink", lchown(P("sym"), getuid(), getgid()));
    check("symlink bad target", syscall(SYS_symlink, BAD1, P("x")));
    check("link bad new", syscall(SYS_link, P("f"), BADK));
    check("unlink hard2", unlink(P("hard2")));
    show("hard", 1);

    printf("mknod:\n");
    check("mknod fifo", syscall(SYS_mknod, P("fifo"), S_IFIFO | 0644, 0));
    check("mknodat fifo", mknodat(AT_FDCWD, P("fifo2"), S_IFIFO | 0600, 0));
    lstat(P("fifo"), &st);
    printf("  fifo: %d mode=%o\n", S_ISFIFO(st.st_mode), (unsigned)(st.st_mode & 07777));
    lstat(P("fifo2"), &st);
    printf("  fifo2: %d mode=%o\n", S_ISFIFO(st.st_mode), (unsigned)(st.st_mode & 07777));
    check("mknod reg", syscall(SYS_mknod, P("reg"), S_IFREG | 0600, 0));
    show("reg", 1);
    /* A device number through the encoding: character 1:3 (/dev/null). */
    check("mknod chr", mknod(P("null"), S_IFCHR | 0600, makedev(1, 3)));
    if (lstat(P("null"), &st) == 0) {
        printf("  null: chr=%d rdev=%u:%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    }
}

static void test_sizes(void)
{
    struct stat st;
    printf("sizes:\n");
    check("truncate 1000", truncate(P("f"), 1000));
    show("f", 1);
    int fd = open(P("f"), O_RDWR);
    check("ftruncate 10", ftruncate(fd, 10));
    show("f", 1);
    check("truncate64 5G", truncate(P("f"), 5LL << 30));
    stat(P("f"), &st);
    printf("  size=%lld\n", (long long)st.st_size);
    check("ftruncate 3", ftruncate(fd, 3));
    check("truncate -1", syscall(SYS_truncate, P("f"), -1L));
    check("fallocate 64K", fallocate(fd, 0, 0, 65536));
    fstat(fd, &st);
    printf("  size=%lld blocks>0=%d\n", (long long)st.st_size, st.st_blocks > 0);
    check("fallocate keep", fallocate(fd, FALLOC_FL_KEEP_SIZE, 65536, 65536));
    fstat(fd, &st);
    printf("  size=%lld\n", (long long)st.st_size);
    check("fallocate -1", fallocate(fd, 0, -1, 10));
    close(fd);
    check("truncate bad path", syscall(SYS_truncate, BAD1, 0L));
}

/* The old 32-bit struct stat of ARM (asm/stat.h). */
struct old_stat {
    uint32_t dev, ino;
    uint16_t mode, nlink, uid, gid;
    uint32_t rdev, size, blksize, blocks, atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns, pad[2];
};

/* The 32-bit struct statfs. */
struct statfs32 {
    uint32_t type, bsize, blocks, bfree, bavail, files, ffree, fsid[2], namelen, frsize, flags, spare[4];
};

static void test_stat_old(void)
{
    printf("old stat:\n");
    int fd = open(P("f"), O_RDONLY);
#ifdef __arm__
    struct old_stat os;
    long r = syscall(SYS_fstat, fd, &os);
    if (r == 0) {
        printf("  fstat: mode=%o nlink=%u size=%u self=%d\n", os.mode, os.nlink, os.size,
               os.uid == (getuid() & 0xffff));
    } else {
        printf("  fstat: %s\n", strerror(errno));
    }
    r = syscall(SYS_stat, P("hard"), &os);
    if (r == 0) {
        printf("  stat: mode=%o nlink=%u size=%u\n", os.mode, os.nlink, os.size);
    } else {
        printf("  stat: %s\n", strerror(errno));
    }
    r = syscall(SYS_lstat, P("sym"), &os);
    if (r == 0) {
        printf("  lstat: link=%d size=%u\n", S_ISLNK(os.mode), os.size);
    } else {
        printf("  lstat: %s\n", strerror(errno));
    }
    check("fstat bad buf", syscall(SYS_fstat, fd, BADK));
#else
    struct stat st;
    if (fstat(fd, &st) == 0) {
        printf("  fstat: mode=%o nlink=%u size=%u self=%d\n", (unsigned)st.st_mode, (unsigned)st.st_nlink,
               (unsigned)st.st_size, 1);
    }
    if (stat(P("hard"), &st) == 0) {
        printf("  stat: mode=%o nlink=%u size=%u\n", (unsigned)st.st_mode, (unsigned)st.st_nlink,
               (unsigned)st.st_size);
    }
    if (lstat(P("sym"), &st) == 0) {
        printf("  lstat: link=%d size=%u\n", S_ISLNK(st.st_mode), (unsigned)st.st_size);
    }
    check("fstat bad buf", syscall(SYS_fstat, fd, BADK));
#endif
    close(fd);
}

static void test_statfs(void)
{
    printf("statfs:\n");
    struct statfs a, b;
    check("statfs /tmp", statfs("/tmp", &a));
    int fd = open(P("f"), O_RDONLY);
    check("fstatfs", fstatfs(fd, &b));
    printf("  namelen=%ld bsize>0=%d same type=%d\n", (long)a.f_namelen, a.f_bsize > 0, a.f_type == b.f_type);
#ifdef __arm__
    struct statfs32 s32;
    long r = syscall(SYS_statfs, "/tmp", &s32);
    if (r == 0) {
        printf("  statfs32: namelen=%u bsize>0=%d type=%d\n", s32.namelen, s32.bsize > 0,
               s32.type == (uint32_t)a.f_type);
    } else {
        printf("  statfs32: %s\n", strerror(errno));
    }
    r = syscall(SYS_fstatfs, fd, &s32);
    printf("  fstatfs32: %ld namelen=%u\n", r, s32.namelen);
    char buf64[88];
    check("statfs64 84", syscall(SYS_statfs64, "/tmp", 84, buf64));
    check("statfs64 88", syscall(SYS_statfs64, "/tmp", 88, buf64));
    check("statfs64 64", syscall(SYS_statfs64, "/tmp", 64, buf64));
    check("fstatfs64 84", syscall(SYS_fstatfs64, fd, 84, buf64));
    check("fstatfs64 bad", syscall(SYS_fstatfs64, fd, 84, BADK));
#else
    printf("  statfs32: namelen=%ld bsize>0=%d type=%d\n", (long)a.f_namelen, a.f_bsize > 0, 1);
    printf("  fstatfs32: 0 namelen=%ld\n", (long)b.f_namelen);
    check("statfs64 84", 0);
    check("statfs64 88", 0);
    errno = EINVAL;
    check("statfs64 64", -1);
    check("fstatfs64 84", 0);
    errno = EFAULT;
    check("fstatfs64 bad", -1);
#endif
    check("statfs bad buf", syscall(SYS_statfs, "/tmp", BAD1));
    check("statfs bad path", syscall(SYS_statfs, BADK, &a));
    close(fd);
}

/* struct linux_dirent: unsigned longs on both ABIs. */
struct kdirent {
    unsigned long d_ino, d_off;
    unsigned short d_reclen;
    char d_name[];
};

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_getdents(void)
{
    printf("getdents:\n");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[4096];
    char *names[64];
    int n = 0;
    long r;
    while ((r = syscall(SYS_getdents, fd, buf, sizeof(buf))) > 0) {
        for (long off = 0; off < r;) {
            struct kdirent *d = (struct kdirent *)(buf + off);
            unsigned char type = (unsigned char)buf[off + d->d_reclen - 1];
            if (n < 64) {
                names[n] = malloc(strlen(d->d_name) + 8);
                sprintf(names[n], "%s:%u", d->d_name, type);
                n++;
            }
            off += d->d_reclen;
        }
    }
    check("getdents end", r);
    qsort(names, (size_t)n, sizeof(names[0]), cmp);
    for (int i = 0; i < n; i++) {
        printf("  %s\n", names[i]);
        free(names[i]);
    }
    lseek(fd, 0, SEEK_SET);
    check("getdents tiny", syscall(SYS_getdents, fd, buf, 8));
    check("getdents bad buf", syscall(SYS_getdents, fd, BADK, 4096));
    close(fd);
}

/* chroot into the directory, in a child. */
static void test_chroot(void)
{
    printf("chroot:\n");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        check("chroot", chroot(dir));
        check("chdir /", chdir("/"));
        struct stat st;
        check("stat /f", stat("/f", &st));
        check("stat /tmp", stat("/tmp", &st));
        check("chroot bad", syscall(SYS_chroot, BAD1));
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("  child: %d\n", status);
}

static void cleanup(void)
{
    static const char *const names[] = { "f", "hard", "sym", "dangling", "fifo", "fifo2", "reg", "null" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        unlink(P(names[i]));
    }
    check("rmdir", rmdir(dir));
}

int main(void)
{
    strcpy(dir, "/tmp/mimic-fsmeta-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    umask(022);
    test_modes();
    test_times();
    test_links();
    test_sizes();
    test_stat_old();
    test_statfs();
    test_getdents();
    test_chroot();
    cleanup();
    return 0;
}
