/* Sockets: bad pointers give EFAULT (never a crash), through the raw
 * syscalls so the C library does not look at them first. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);     \
            return 1;                                                         \
        }                                                                     \
    } while (0)

/* Pointers that are never valid: NULL, an unmapped page, and the kernel
 * half of a 32-bit address space (an unmapped user address on a 64-bit
 * host). */
static void *bad[3];
static const char *const bad_name[3] = { "NULL", "unmapped", "0xc0000000" };

static const char *res(long r)
{
    if (r >= 0) {
        return "ok";
    }
    switch (errno) {
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EAGAIN: return "EAGAIN";
    case ENOTCONN: return "ENOTCONN";
    default: return "other";
    }
}

static long sc(long nr, long a, long b, long c, long d, long e, long f)
{
    errno = 0;
    return syscall(nr, a, b, c, d, e, f);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED);
    munmap(m, 4096);
    bad[0] = NULL;
    bad[1] = m;
    bad[2] = (void *)(uintptr_t)0xc0000000u;

    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(u >= 0);
    int t = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(t >= 0);
    socklen_t len = sizeof(sa);
    int v = 1;

    for (int i = 0; i < 3; i++) {
        long p = (long)(uintptr_t)bad[i];
        printf("-- %s\n", bad_name[i]);
        printf("socketpair sv: %s\n", res(sc(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, p, 0, 0)));
        printf("bind addr: %s\n", res(sc(SYS_bind, u, p, sizeof(sa), 0, 0, 0)));
        printf("connect addr: %s\n", res(sc(SYS_connect, t, p, sizeof(sa), 0, 0, 0)));
        printf("getsockname addr: %s\n", res(sc(SYS_getsockname, u, p, (long)&len, 0, 0, 0)));
        len = sizeof(sa);
        printf("getsockname len: %s\n", res(sc(SYS_getsockname, u, (long)&sa, p, 0, 0, 0)));
        printf("getpeername len: %s\n", res(sc(SYS_getpeername, sv[0], (long)&sa, p, 0, 0, 0)));
        printf("sendto buf: %s\n", res(sc(SYS_sendto, sv[0], p, 10, 0, 0, 0)));
        printf("sendto addr: %s\n", res(sc(SYS_sendto, u, (long)"x", 1, 0, p, sizeof(sa))));
        /* Data is waiting, so the receive really copies. */
        CHECK(send(sv[0], "data", 4, 0) == 4);
        printf("recvfrom buf: %s\n", res(sc(SYS_recvfrom, sv[1], p, 10, MSG_DONTWAIT, 0, 0)));
        printf("setsockopt val: %s\n", res(sc(SYS_setsockopt, u, SOL_SOCKET, SO_REUSEADDR, p, 4, 0)));
        printf("getsockopt val: %s\n", res(sc(SYS_getsockopt, u, SOL_SOCKET, SO_REUSEADDR, p, (long)&len, 0)));
        len = sizeof(v);
        printf("getsockopt len: %s\n", res(sc(SYS_getsockopt, u, SOL_SOCKET, SO_REUSEADDR, (long)&v, p, 0)));
        printf("sendmsg msg: %s\n", res(sc(SYS_sendmsg, sv[0], p, 0, 0, 0, 0)));
        CHECK(send(sv[0], "data", 4, 0) == 4);
        printf("recvmsg msg: %s\n", res(sc(SYS_recvmsg, sv[1], p, MSG_DONTWAIT, 0, 0, 0)));

        struct iovec iov = { bad[i], 4 };
        struct msghdr mh;
        memset(&mh, 0, sizeof(mh));
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        printf("sendmsg iov base: %s\n", res(sc(SYS_sendmsg, sv[0], (long)&mh, 0, 0, 0, 0)));
        CHECK(send(sv[0], "data", 4, 0) == 4);
        printf("recvmsg iov base: %s\n", res(sc(SYS_recvmsg, sv[1], (long)&mh, MSG_DONTWAIT, 0, 0, 0)));
        mh.msg_iov = bad[i];
        printf("sendmsg iov array: %s\n", res(sc(SYS_sendmsg, sv[0], (long)&mh, 0, 0, 0, 0)));
        char buf[8];
        iov.iov_base = buf;
        iov.iov_len = sizeof(buf);
        mh.msg_iov = &iov;
        mh.msg_control = bad[i];
        mh.msg_controllen = 64;
        printf("sendmsg control: %s\n", res(sc(SYS_sendmsg, sv[0], (long)&mh, 0, 0, 0, 0)));
        mh.msg_control = NULL;
        mh.msg_controllen = 0;
        mh.msg_name = bad[i];
        mh.msg_namelen = sizeof(sa);
        printf("sendmsg name: %s\n", res(sc(SYS_sendmsg, u, (long)&mh, 0, 0, 0, 0)));
        printf("sendmmsg vec: %s\n", res(sc(SYS_sendmmsg, sv[0], p, 2, 0, 0, 0)));
        printf("recvmmsg vec: %s\n", res(sc(SYS_recvmmsg, sv[1], p, 2, MSG_DONTWAIT, 0, 0)));
        /* Drain what is left. */
        while (recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) > 0) {
        }
    }
    /* A bad address length pointer on accept with nothing pending still
     * reports EAGAIN: the length is only looked at afterwards. */
    struct sockaddr_in l;
    memset(&l, 0, sizeof(l));
    l.sin_family = AF_INET;
    l.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(ls >= 0 && bind(ls, (struct sockaddr *)&l, sizeof(l)) == 0 && listen(ls, 1) == 0);
    printf("accept with bad length, nothing pending: %s\n",
           res(sc(SYS_accept4, ls, (long)&sa, (long)(uintptr_t)bad[1], 0, 0, 0)));
    printf("done\n");
    return 0;
}
