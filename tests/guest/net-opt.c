/* Sockets: setsockopt/getsockopt.  int options at several levels, SO_TYPE,
 * SO_ERROR, SO_LINGER, SO_RCVTIMEO with a timeout that expires, short
 * option buffers, unknown options and levels. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);     \
            return 1;                                                         \
        }                                                                     \
    } while (0)

static const char *err(int r)
{
    if (r == 0) {
        return "ok";
    }
    switch (errno) {
    case EINVAL: return "EINVAL";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EBADF: return "EBADF";
    case ENOTSOCK: return "ENOTSOCK";
    case EFAULT: return "EFAULT";
    case EPERM: return "EPERM";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "other";
    }
}

static int get_int(int s, int level, int name, int *v)
{
    socklen_t l = sizeof(*v);
    *v = -12345;
    int r = getsockopt(s, level, name, v, &l);
    if (r == 0 && l != sizeof(*v)) {
        printf("  (length %u)\n", (unsigned)l);
    }
    return r;
}

static void roundtrip(int s, int level, int name, const char *what, int value)
{
    int r = setsockopt(s, level, name, &value, sizeof(value));
    int got;
    int r2 = get_int(s, level, name, &got);
    printf("%s: set %d -> %s, get %s = %d\n", what, value, err(r), err(r2), got);
}

static int test_ints(void)
{
    int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(t >= 0 && u >= 0);
    int v;
    CHECK(get_int(t, SOL_SOCKET, SO_TYPE, &v) == 0);
    printf("SO_TYPE stream %d\n", v == SOCK_STREAM);
    CHECK(get_int(u, SOL_SOCKET, SO_TYPE, &v) == 0);
    printf("SO_TYPE dgram %d\n", v == SOCK_DGRAM);
    CHECK(get_int(u, SOL_SOCKET, SO_DOMAIN, &v) == 0);
    printf("SO_DOMAIN inet %d\n", v == AF_INET);
    CHECK(get_int(u, SOL_SOCKET, SO_PROTOCOL, &v) == 0);
    printf("SO_PROTOCOL udp %d\n", v == IPPROTO_UDP);
    CHECK(get_int(t, SOL_SOCKET, SO_ERROR, &v) == 0);
    printf("SO_ERROR %d\n", v);
    CHECK(get_int(t, SOL_SOCKET, SO_ACCEPTCONN, &v) == 0);
    printf("SO_ACCEPTCONN %d\n", v);
    roundtrip(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", 1);
    roundtrip(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", 0);
    roundtrip(t, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", 1);
    roundtrip(t, SOL_SOCKET, SO_OOBINLINE, "SO_OOBINLINE", 1);
    roundtrip(u, SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST", 1);
    roundtrip(t, SOL_SOCKET, SO_RCVLOWAT, "SO_RCVLOWAT", 100);
    roundtrip(t, SOL_SOCKET, SO_PRIORITY, "SO_PRIORITY", 5);
    roundtrip(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", 1);
    roundtrip(t, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE", 77);
    roundtrip(t, IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL", 9);
    roundtrip(t, IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT", 4);
    roundtrip(t, IPPROTO_TCP, TCP_MAXSEG, "TCP_MAXSEG", 1000);
    roundtrip(u, IPPROTO_IP, IP_TTL, "IP_TTL", 33);
    roundtrip(u, IPPROTO_IP, IP_TOS, "IP_TOS", 0x10);
    roundtrip(u, IPPROTO_IP, IP_MULTICAST_TTL, "IP_MULTICAST_TTL", 3);
    roundtrip(u, IPPROTO_IP, IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP", 0);
    roundtrip(u, IPPROTO_UDP, UDP_CORK, "UDP_CORK", 1);
    /* The buffer sizes are doubled and clamped by the kernel: only check
     * that they grew. */
    int before, after;
    CHECK(get_int(u, SOL_SOCKET, SO_RCVBUF, &before) == 0);
    int want = before * 2;
    CHECK(setsockopt(u, SOL_SOCKET, SO_RCVBUF, &want, sizeof(want)) == 0);
    CHECK(get_int(u, SOL_SOCKET, SO_RCVBUF, &after) == 0);
    printf("SO_RCVBUF grew or stayed: %d\n", after >= before);

    /* A one-byte IP_TTL value is accepted by the kernel too. */
    unsigned char ttl8 = 17;
    int r = setsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, &ttl8, 1);
    CHECK(get_int(u, IPPROTO_IP, IP_MULTICAST_TTL, &v) == 0);
    printf("IP_MULTICAST_TTL byte: %s -> %d\n", err(r), v);
    /* Reading into a short buffer. */
    unsigned char c = 0xee;
    socklen_t cl = 1;
    r = getsockopt(u, IPPROTO_IP, IP_TTL, &c, &cl);
    printf("IP_TTL into one byte: %s len %u value %u\n", err(r), (unsigned)cl, c);

    /* SO_LINGER. */
    struct linger lg = { 1, 7 };
    r = setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    memset(&lg, 0, sizeof(lg));
    socklen_t ll = sizeof(lg);
    int r2 = getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &ll);
    printf("SO_LINGER: %s %s len %u onoff %d linger %d\n", err(r), err(r2), (unsigned)ll, lg.l_onoff, lg.l_linger);

    /* SO_BINDTODEVICE with "lo" (may need privileges). */
    r = setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
    char dev[16] = "";
    socklen_t dl = sizeof(dev);
    r2 = getsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, dev, &dl);
    printf("SO_BINDTODEVICE: %s, get %s \"%s\"\n", err(r), err(r2), r == 0 ? dev : "-");

    /* Errors: short values, unknown options and levels, not a socket. */
    short sh = 1;
    r = setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &sh, sizeof(sh));
    printf("short SO_KEEPALIVE: %s\n", err(r));
    r = setsockopt(t, SOL_SOCKET, 9999, &v, sizeof(v));
    printf("unknown SOL_SOCKET option: %s\n", err(r));
    r = get_int(t, SOL_SOCKET, 9999, &v);
    printf("get unknown SOL_SOCKET option: %s\n", err(r));
    r = setsockopt(t, 12345, 1, &v, sizeof(v));
    printf("unknown level: %s\n", err(r));
    r = get_int(0 + 1000, SOL_SOCKET, SO_TYPE, &v);
    printf("bad fd: %s\n", err(r));
    int p[2];
    CHECK(pipe(p) == 0);
    r = get_int(p[0], SOL_SOCKET, SO_TYPE, &v);
    printf("pipe: %s\n", err(r));
    close(p[0]);
    close(p[1]);
    socklen_t neg = (socklen_t)-1;
    r = getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &neg);
    printf("negative optlen: %s\n", err(r));
    r = setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &v, (socklen_t)-1);
    printf("negative setsockopt length: %s\n", err(r));
    close(t);
    close(u);
    return 0;
}

static int test_timeout(void)
{
    struct sockaddr_in a;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(s >= 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0);

    struct timeval tv = { 0, 100000 };
    CHECK(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
    memset(&tv, 0x5a, sizeof(tv));
    socklen_t tl = sizeof(tv);
    CHECK(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &tl) == 0);
    printf("SO_RCVTIMEO: len ok %d, %ld.%06ld\n", tl == sizeof(tv), (long)tv.tv_sec, (long)tv.tv_usec);

    struct timespec t0, t1;
    char buf[8];
    clock_gettime(CLOCK_MONOTONIC, &t0);
    errno = 0;
    ssize_t n = recv(s, buf, sizeof(buf), 0);
    int e = errno;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("recv with SO_RCVTIMEO: %zd %s, waited about the timeout %d\n", n,
           e == EAGAIN || e == EWOULDBLOCK ? "EAGAIN" : "other", ms >= 80 && ms < 5000);

    /* The same through recvmsg and recvfrom. */
    struct iovec iov = { buf, sizeof(buf) };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    errno = 0;
    n = recvmsg(s, &m, 0);
    printf("recvmsg with SO_RCVTIMEO: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : "other");

    /* A bad microsecond count. */
    tv.tv_sec = 0;
    tv.tv_usec = 2000000;
    int r = setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    printf("SO_RCVTIMEO usec 2000000: %s%s\n", err(r), r < 0 && errno == EDOM ? " (EDOM)" : "");
    /* Too short a value. */
    r = setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, 4);
    printf("SO_SNDTIMEO 4 bytes: %s\n", err(r));
    /* Zero means no timeout. */
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    CHECK(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == 0);
    tl = sizeof(tv);
    CHECK(getsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, &tl) == 0);
    printf("SO_SNDTIMEO: %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
    close(s);
    return 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (test_ints() || test_timeout()) {
        return 1;
    }
    printf("done\n");
    return 0;
}
