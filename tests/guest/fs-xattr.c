/* Extended attributes on a file and a symlink in a mkdtemp directory under
 * /tmp: set/get/list/remove by path, by lpath and by fd, size queries,
 * flags, errors and bad pointers.  A file system without user xattrs gives
 * the same single line natively and under emulation. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#define BAD1 ((void *)1)
#define BADK ((void *)0xc0000000ul)

static void check(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

/* A list of NUL-separated names, sorted, on one line. */
static void show_list(const char *what, const char *buf, long n)
{
    const char *names[32];
    int k = 0;
    for (long off = 0; off < n && k < 32; off += (long)strlen(buf + off) + 1) {
        names[k++] = buf + off;
    }
    for (int i = 1; i < k; i++) {
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    }
    printf("  %s:", what);
    for (int i = 0; i < k; i++) {
        printf(" %s", names[i]);
    }
    printf("\n");
}

int main(void)
{
    char dir[] = "/tmp/mimic-xattr-XXXXXX";
    char file[64], link[64], buf[256];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(file, sizeof(file), "%s/f", dir);
    snprintf(link, sizeof(link), "%s/l", dir);
    int fd = open(file, O_CREAT | O_RDWR, 0644);
    symlink("f", link);

    if (setxattr(file, "user.probe", "x", 1, 0) < 0) {
        printf("xattrs unsupported here (%s)\n", errno == ENOTSUP ? "ENOTSUP" : "other");
        goto out;
    }
    removexattr(file, "user.probe");

    check("setxattr", setxattr(file, "user.color", "blue", 4, 0));
    check("setxattr create again", setxattr(file, "user.color", "red", 3, XATTR_CREATE));
    check("setxattr replace", setxattr(file, "user.color", "green", 5, XATTR_REPLACE));
    check("setxattr replace missing", setxattr(file, "user.none", "x", 1, XATTR_REPLACE));
    check("fsetxattr", fsetxattr(fd, "user.size", "12345678", 8, 0));
    check("lsetxattr on file", lsetxattr(file, "user.empty", "", 0, 0));
    /* user.* on a symlink itself is not allowed. */
    check("lsetxattr on symlink", lsetxattr(link, "user.x", "1", 1, 0));

    long n = getxattr(file, "user.color", NULL, 0);
    check("getxattr size", n);
    memset(buf, 0, sizeof(buf));
    n = getxattr(file, "user.color", buf, sizeof(buf));
    printf("  getxattr: %ld %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    n = getxattr(link, "user.size", buf, sizeof(buf));
    printf("  getxattr via link: %ld %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    check("lgetxattr on link", lgetxattr(link, "user.size", buf, sizeof(buf)));
    n = fgetxattr(fd, "user.size", buf, sizeof(buf));
    printf("  fgetxattr: %ld %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    check("getxattr small", getxattr(file, "user.color", buf, 2));
    check("getxattr missing", getxattr(file, "user.missing", buf, sizeof(buf)));
    check("getxattr empty", getxattr(file, "user.empty", buf, sizeof(buf)));

    n = listxattr(file, buf, sizeof(buf));
    check("listxattr", n);
    show_list("names", buf, n);
    check("listxattr size", listxattr(file, NULL, 0));
    n = flistxattr(fd, buf, sizeof(buf));
    show_list("fnames", buf, n);
    n = llistxattr(link, buf, sizeof(buf));
    check("llistxattr link", n);
    check("listxattr small", listxattr(file, buf, 3));

    check("removexattr", removexattr(file, "user.color"));
    check("removexattr again", removexattr(file, "user.color"));
    check("fremovexattr", fremovexattr(fd, "user.size"));
    check("lremovexattr", lremovexattr(file, "user.empty"));
    check("listxattr after", listxattr(file, buf, sizeof(buf)));

    printf("bad pointers:\n");
    check("setxattr bad path", syscall(SYS_setxattr, BAD1, "user.a", "1", 1, 0));
    check("setxattr bad name", syscall(SYS_setxattr, file, BADK, "1", 1, 0));
    check("setxattr bad value", syscall(SYS_setxattr, file, "user.a", BADK, 1, 0));
    check("setxattr too big", syscall(SYS_setxattr, file, "user.a", buf, 65537, 0));
    check("getxattr bad buf", syscall(SYS_getxattr, file, "user.a", BADK, 16));
    check("fgetxattr bad name", syscall(SYS_fgetxattr, fd, BAD1, buf, 16));
    check("listxattr bad buf", syscall(SYS_listxattr, file, BADK, 64));
    check("removexattr bad name", syscall(SYS_removexattr, file, BADK));
    check("fsetxattr bad fd", fsetxattr(-1, "user.a", "1", 1, 0));

out:
    close(fd);
    unlink(link);
    unlink(file);
    check("rmdir", rmdir(dir));
    return 0;
}
