/* Data transfer and descriptor calls: preadv/pwritev(2), sendfile(64),
 * splice, tee, vmsplice, copy_file_range, sync_file_range, readahead,
 * fadvise, flock, memfd_create, close_range, openat2, sync/syncfs, between
 * files (in a mkdtemp directory under /tmp) and pipes; bad pointers give
 * EFAULT. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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

static void show_read(const char *what, int fd, size_t n)
{
    char buf[256];
    long r = read(fd, buf, n < sizeof(buf) ? n : sizeof(buf));
    if (r < 0) {
        printf("  %s: -1 %s\n", what, strerror(errno));
    } else {
        printf("  %s: %ld \"%.*s\"\n", what, r, (int)r, buf);
    }
}

static int make_file(const char *name, const char *content)
{
    int fd = open(P(name), O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (content && write(fd, content, strlen(content)) < 0) {
        perror("write");
    }
    return fd;
}

static void test_vectored(void)
{
    printf("vectored:\n");
    int fd = make_file("v", "0123456789abcdefghij");
    char a[4] = "AAAA", b[2] = "BB", c[3] = "CCC";
    struct iovec w[3] = { { a, 4 }, { b, 2 }, { c, 3 } };
    check("pwritev @5", pwritev(fd, w, 3, 5));
    char r1[3], r2[5], r3[8];
    memset(r3, '.', sizeof(r3));
    struct iovec r[3] = { { r1, 3 }, { r2, 5 }, { r3, 8 } };
    long n = preadv(fd, r, 3, 2);
    printf("  preadv @2: %ld %.3s|%.5s|%.8s\n", n, r1, r2, r3);
    /* An offset above 4 GiB: the high word matters. */
    check("pwritev @5G", pwritev(fd, w, 1, 5LL << 30));
    memset(r1, 0, sizeof(r1));
    n = preadv(fd, r, 1, (5LL << 30) + 1);
    printf("  preadv @5G+1: %ld %.3s\n", n, r1);
    check("lseek 10", lseek(fd, 10, SEEK_SET));
    n = preadv2(fd, r, 1, -1, 0);
    printf("  preadv2 @cur: %ld %.3s pos=%ld\n", n, r1, (long)lseek(fd, 0, SEEK_CUR));
    check("pwritev2 @0", pwritev2(fd, w + 1, 1, 0, RWF_DSYNC));
    n = preadv2(fd, r, 1, 0, 0);
    printf("  preadv2 @0: %ld %.3s\n", n, r1);
    check("preadv2 bad flags", preadv2(fd, r, 1, 0, 0x40000000));
    check("preadv negative", preadv(fd, r, 1, -5));
    check("preadv zero iov", preadv(fd, r, 0, 0));
    check("preadv bad iov", syscall(SYS_preadv, fd, BADK, 1, 0, 0));
    struct iovec bad = { BADK, 4 };
    check("preadv bad base", preadv(fd, &bad, 1, 0));
    check("pwritev bad base", pwritev(fd, &bad, 1, 0));
    check("preadv 2000 iovs", syscall(SYS_preadv, fd, r, 2000, 0, 0));
    close(fd);
    unlink(P("v"));
}

static void test_sendfile(void)
{
    int p[2];
    printf("sendfile:\n");
    int fd = make_file("s", "The quick brown fox jumps over the lazy dog");
    pipe(p);
    long off = 4;
    check("sendfile off=4", syscall(SYS_sendfile, p[1], fd, &off, 5));
    printf("  off=%ld\n", off);
    show_read("pipe", p[0], 5);
#ifdef SYS_sendfile64
    int64_t off64 = 10;
    check("sendfile64 off=10", syscall(SYS_sendfile64, p[1], fd, &off64, 5));
    printf("  off=%lld\n", (long long)off64);
#else
    long off64 = 10;
    check("sendfile64 off=10", syscall(SYS_sendfile, p[1], fd, &off64, 5));
    printf("  off=%lld\n", (long long)off64);
#endif
    show_read("pipe", p[0], 5);
    check("lseek 16", lseek(fd, 16, SEEK_SET));
    check("sendfile no off", syscall(SYS_sendfile, p[1], fd, NULL, 3));
    printf("  pos=%ld\n", (long)lseek(fd, 0, SEEK_CUR));
    show_read("pipe", p[0], 3);
    int out = make_file("s2", NULL);
    off_t loff = 40;
    check("sendfile to file", sendfile(out, fd, &loff, 100));
    printf("  off=%lld\n", (long long)loff);
    check("sendfile bad off", syscall(SYS_sendfile, p[1], fd, BADK, 3));
    check("sendfile bad fd", syscall(SYS_sendfile, p[1], -1, NULL, 3));
    close(out);
    close(fd);
    close(p[0]);
    close(p[1]);
}

static void test_splice(void)
{
    int p[2], q[2];
    printf("splice:\n");
    int fd = make_file("sp", "splice source text for the test");
    pipe(p);
    pipe(q);
    loff_t in = 7;
    check("splice file->pipe", splice(fd, &in, p[1], NULL, 6, 0));
    printf("  in=%lld\n", (long long)in);
    check("tee", tee(p[0], q[1], 6, 0));
    show_read("tee copy", q[0], 64);
    int out = make_file("sp2", "##########");
    loff_t o = 2;
    check("splice pipe->file", splice(p[0], NULL, out, &o, 6, 0));
    printf("  out=%lld\n", (long long)o);
    lseek(out, 0, SEEK_SET);
    show_read("file", out, 64);
    check("splice empty nonblock", splice(p[0], NULL, out, NULL, 6, SPLICE_F_NONBLOCK));
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    check("splice empty O_NONBLOCK", splice(p[0], NULL, out, NULL, 6, 0));
    check("splice bad off", syscall(SYS_splice, fd, BADK, p[1], NULL, 4, 0));
    check("splice both files", splice(fd, NULL, out, NULL, 4, 0));

    /* vmsplice: user memory into a pipe, and back out of one. */
    static char msg[] = "vmsplice!";
    struct iovec v = { msg, 9 };
    check("vmsplice in", vmsplice(q[1], &v, 1, 0));
    char back[16] = { 0 };
    struct iovec bv = { back, 9 };
    check("vmsplice out", vmsplice(q[0], &bv, 1, 0));
    printf("  back=%s\n", back);
    check("vmsplice bad iov", syscall(SYS_vmsplice, q[1], BADK, 1, 0));
    struct iovec bad = { BADK, 4 };
    check("vmsplice bad base", vmsplice(q[1], &bad, 1, 0));
    close(fd);
    close(out);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
}

static void test_copy_range(void)
{
    printf("copy_file_range:\n");
    int a = make_file("ca", "abcdefghijklmnopqrstuvwxyz");
    int b = make_file("cb", "0123456789");
    loff_t oa = 3, ob = 5;
    check("copy offsets", copy_file_range(a, &oa, b, &ob, 4, 0));
    printf("  oa=%lld ob=%lld\n", (long long)oa, (long long)ob);
    lseek(a, 20, SEEK_SET);
    lseek(b, 0, SEEK_END);
    check("copy positions", copy_file_range(a, NULL, b, NULL, 10, 0));
    printf("  pos a=%ld b=%ld\n", (long)lseek(a, 0, SEEK_CUR), (long)lseek(b, 0, SEEK_CUR));
    lseek(b, 0, SEEK_SET);
    show_read("b", b, 64);
    check("copy bad flags", copy_file_range(a, &oa, b, &ob, 4, 1));
    check("copy bad off", syscall(SYS_copy_file_range, a, BADK, b, NULL, 4, 0));
    check("copy bad out off", syscall(SYS_copy_file_range, a, NULL, b, BAD1, 4, 0));

    printf("hints:\n");
    check("sync_file_range", sync_file_range(b, 0, 0, SYNC_FILE_RANGE_WRITE));
    check("sync_file_range bad", sync_file_range(b, -1, 0, 0));
    check("readahead", readahead(a, 0, 4096));
    check("readahead pipe", readahead(-1, 0, 4096));
    check("fadvise", posix_fadvise(a, 0, 1 << 20, POSIX_FADV_WILLNEED));
    check("fadvise dontneed 5G", posix_fadvise(a, 5LL << 30, 0, POSIX_FADV_DONTNEED));
    printf("fadvise bad advice: %d\n", posix_fadvise(a, 0, 0, 99));
    printf("fadvise bad fd: %d\n", posix_fadvise(-1, 0, 0, POSIX_FADV_NORMAL));
    check("fdatasync", fdatasync(b));
    check("syncfs", syncfs(b));
    sync();
    printf("sync done\n");
    close(a);
    close(b);
}

static void test_fds(void)
{
    printf("flock:\n");
    int a = make_file("lk", "x");
    int b = open(P("lk"), O_RDONLY);
    check("flock ex", flock(a, LOCK_EX));
    check("flock other nb", flock(b, LOCK_EX | LOCK_NB));
    check("flock sh same", flock(a, LOCK_SH));
    check("flock other sh", flock(b, LOCK_SH | LOCK_NB));
    check("flock un", flock(a, LOCK_UN));
    check("flock bad op", flock(a, 99));

    printf("memfd:\n");
    int m = memfd_create("mimic-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    check("memfd write", write(m, "in memory", 9));
    check("memfd seal", fcntl(m, F_ADD_SEALS, F_SEAL_WRITE));
    check("memfd write sealed", write(m, "x", 1));
    lseek(m, 0, SEEK_SET);
    show_read("memfd", m, 64);
    printf("  cloexec=%d\n", fcntl(m, F_GETFD) & FD_CLOEXEC);
    check("memfd bad name", syscall(SYS_memfd_create, BADK, 0));
    check("memfd bad flags", syscall(SYS_memfd_create, "x", 0x1000));
    close(m);

    printf("close_range:\n");
    dup2(a, 100);
    dup2(a, 101);
    dup2(a, 102);
    check("close_range 100-101", syscall(SYS_close_range, 100, 101, 0));
    printf("  100:%d 101:%d 102:%d\n", fcntl(100, F_GETFD) >= 0, fcntl(101, F_GETFD) >= 0, fcntl(102, F_GETFD) >= 0);
    check("close_range cloexec", syscall(SYS_close_range, 102, 102, 4 /* CLOSE_RANGE_CLOEXEC */));
    printf("  102 cloexec=%d\n", fcntl(102, F_GETFD) & FD_CLOEXEC);
    check("close_range bad", syscall(SYS_close_range, 102, 100, 0));
    close(102);
    close(a);
    close(b);

    printf("openat2:\n");
    symlink("lk", P("lk-link"));
    struct open_how how = { .flags = O_RDONLY, .mode = 0, .resolve = RESOLVE_NO_SYMLINKS };
    long fd = syscall(SYS_openat2, AT_FDCWD, P("lk"), &how, sizeof(how));
    check("openat2 file", fd >= 0 ? 0 : -1);
    close((int)fd);
    check("openat2 symlink", syscall(SYS_openat2, AT_FDCWD, P("lk-link"), &how, sizeof(how)));
    struct open_how cr = { .flags = O_CREAT | O_WRONLY | O_EXCL, .mode = 0600 };
    fd = syscall(SYS_openat2, AT_FDCWD, P("new"), &cr, sizeof(cr));
    check("openat2 create", fd >= 0 ? 0 : -1);
    struct stat st;
    fstat((int)fd, &st);
    printf("  mode=%o\n", (unsigned)(st.st_mode & 0777));
    close((int)fd);
    check("openat2 excl again", syscall(SYS_openat2, AT_FDCWD, P("new"), &cr, sizeof(cr)));
    check("openat2 small", syscall(SYS_openat2, AT_FDCWD, P("lk"), &how, 20));
    struct { struct open_how h; uint64_t extra; } big = { { O_RDONLY, 0, 0 }, 1 };
    check("openat2 nonzero tail", syscall(SYS_openat2, AT_FDCWD, P("lk"), &big, sizeof(big)));
    big.extra = 0;
    fd = syscall(SYS_openat2, AT_FDCWD, P("lk"), &big, sizeof(big));
    check("openat2 zero tail", fd >= 0 ? 0 : -1);
    close((int)fd);
    struct open_how badf = { .flags = 1ull << 40 };
    check("openat2 bad flags", syscall(SYS_openat2, AT_FDCWD, P("lk"), &badf, sizeof(badf)));
    check("openat2 bad how", syscall(SYS_openat2, AT_FDCWD, P("lk"), BADK, sizeof(how)));
    check("openat2 bad path", syscall(SYS_openat2, AT_FDCWD, BAD1, &how, sizeof(how)));
    unlink(P("new"));
    unlink(P("lk-link"));
    unlink(P("lk"));
}

int main(void)
{
    strcpy(dir, "/tmp/mimic-fsio-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    umask(022);
    test_vectored();
    test_sendfile();
    test_splice();
    test_copy_range();
    test_fds();
    static const char *const names[] = { "s", "s2", "sp", "sp2", "ca", "cb" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        unlink(P(names[i]));
    }
    check("rmdir", rmdir(dir));
    return 0;
}
