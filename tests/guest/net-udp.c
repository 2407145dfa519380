/* Sockets: UDP over loopback.  sendto/recvfrom, connected datagrams,
 * recvmsg with IP_PKTINFO, IP_TTL and SO_TIMESTAMP(NS) control messages,
 * sendmmsg/recvmmsg (with a timeout), MSG_TRUNC, IPv6 with scope ids. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
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

static int udp_socket(struct sockaddr_in *sa)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) {
        return -1;
    }
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(*sa);
    if (bind(s, (struct sockaddr *)sa, sizeof(*sa)) < 0 || getsockname(s, (struct sockaddr *)sa, &len) < 0) {
        return -1;
    }
    return s;
}

static int test_basic(void)
{
    struct sockaddr_in a, b, from;
    int sa = udp_socket(&a), sb = udp_socket(&b);
    CHECK(sa >= 0 && sb >= 0);
    for (int i = 0; i < 3; i++) {
        char msg[32];
        int n = snprintf(msg, sizeof(msg), "datagram %d", i);
        CHECK(sendto(sa, msg, (size_t)n, 0, (struct sockaddr *)&b, sizeof(b)) == n);
    }
    for (int i = 0; i < 3; i++) {
        char buf[64];
        socklen_t fl = sizeof(from);
        memset(&from, 0, sizeof(from));
        ssize_t n = recvfrom(sb, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
        CHECK(n > 0);
        printf("got \"%.*s\" from a %d len %u\n", (int)n, buf,
               from.sin_port == a.sin_port && from.sin_addr.s_addr == a.sin_addr.s_addr, (unsigned)fl);
    }
    /* A datagram bigger than the buffer is cut, MSG_TRUNC gives its size. */
    CHECK(sendto(sa, "abcdefghij", 10, 0, (struct sockaddr *)&b, sizeof(b)) == 10);
    char small[4];
    ssize_t n = recv(sb, small, sizeof(small), MSG_TRUNC);
    printf("MSG_TRUNC recv: %zd %.4s\n", n, small);
    /* Connected: send/recv without addresses; datagrams from others are
     * filtered. */
    CHECK(connect(sa, (struct sockaddr *)&b, sizeof(b)) == 0);
    CHECK(connect(sb, (struct sockaddr *)&a, sizeof(a)) == 0);
    CHECK(send(sa, "conn", 4, 0) == 4);
    char buf[16];
    CHECK(recv(sb, buf, sizeof(buf), 0) == 4);
    printf("connected: %.4s\n", buf);
    /* AF_UNSPEC dissolves the association. */
    struct sockaddr un;
    memset(&un, 0, sizeof(un));
    un.sa_family = AF_UNSPEC;
    CHECK(connect(sa, &un, sizeof(un)) == 0);
    errno = 0;
    n = send(sa, "x", 1, 0);
    printf("send after disconnect: %zd %s\n", n, errno == EDESTADDRREQ ? "EDESTADDRREQ" : "other");
    /* Nothing to read: MSG_DONTWAIT fails with EAGAIN. */
    errno = 0;
    n = recv(sb, buf, sizeof(buf), MSG_DONTWAIT);
    printf("empty MSG_DONTWAIT: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : "other");
    close(sa);
    close(sb);
    return 0;
}

static int test_cmsg(void)
{
    struct sockaddr_in a, b;
    int sa = udp_socket(&a), sb = udp_socket(&b);
    CHECK(sa >= 0 && sb >= 0);
    int one = 1, ttl = 42;
    CHECK(setsockopt(sb, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) == 0);
    CHECK(setsockopt(sb, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one)) == 0);
    CHECK(setsockopt(sb, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one)) == 0);
    CHECK(setsockopt(sa, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) == 0);
    CHECK(sendto(sa, "cmsg", 4, 0, (struct sockaddr *)&b, sizeof(b)) == 4);

    union {
        char buf[512];
        struct cmsghdr align;
    } u;
    char data[16];
    struct sockaddr_in from;
    struct iovec iov = { data, sizeof(data) };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_name = &from;
    m.msg_namelen = sizeof(from);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof(u.buf);
    struct timeval before;
    gettimeofday(&before, NULL);
    CHECK(recvmsg(sb, &m, 0) == 4);
    printf("recvmsg: %.4s from a %d flags %#x\n", data, from.sin_port == a.sin_port, m.msg_flags);
    size_t total = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        total += CMSG_SPACE(c->cmsg_len - CMSG_LEN(0));
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP) {
            struct timeval tv;
            memcpy(&tv, CMSG_DATA(c), sizeof(tv));
            long long d = (tv.tv_sec - before.tv_sec) * 1000000LL + (tv.tv_usec - before.tv_usec);
            printf("  SCM_TIMESTAMP: len ok %d, recent %d, usec ok %d\n", c->cmsg_len == CMSG_LEN(sizeof(tv)),
                   d > -2000000 && d < 2000000, tv.tv_usec >= 0 && tv.tv_usec < 1000000);
        } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo pi;
            memcpy(&pi, CMSG_DATA(c), sizeof(pi));
            printf("  IP_PKTINFO: len ok %d, ifindex > 0 %d, dst %s\n", c->cmsg_len == CMSG_LEN(sizeof(pi)),
                   pi.ipi_ifindex > 0, inet_ntoa(pi.ipi_addr));
        } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
            int t;
            memcpy(&t, CMSG_DATA(c), sizeof(t));
            printf("  IP_TTL: %d\n", t);
        } else {
            printf("  other: %d/%d\n", c->cmsg_level, c->cmsg_type);
        }
    }
    printf("controllen consistent: %d\n", total == m.msg_controllen);

    /* Nanosecond timestamps instead. */
    CHECK(setsockopt(sb, SOL_SOCKET, SO_TIMESTAMP, &(int){ 0 }, sizeof(int)) == 0);
    CHECK(setsockopt(sb, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) == 0);
    CHECK(setsockopt(sb, IPPROTO_IP, IP_PKTINFO, &(int){ 0 }, sizeof(int)) == 0);
    CHECK(setsockopt(sb, IPPROTO_IP, IP_RECVTTL, &(int){ 0 }, sizeof(int)) == 0);
    CHECK(sendto(sa, "ns", 2, 0, (struct sockaddr *)&b, sizeof(b)) == 2);
    m.msg_controllen = sizeof(u.buf);
    m.msg_namelen = sizeof(from);
    struct timespec t0;
    clock_gettime(CLOCK_REALTIME, &t0);
    CHECK(recvmsg(sb, &m, 0) == 2);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    CHECK(c != NULL);
    struct timespec ts;
    memcpy(&ts, CMSG_DATA(c), sizeof(ts));
    printf("SCM_TIMESTAMPNS: type ok %d len ok %d recent %d nsec ok %d, one message %d\n", c->cmsg_type == SCM_TIMESTAMPNS,
           c->cmsg_len == CMSG_LEN(sizeof(ts)), ts.tv_sec >= t0.tv_sec - 2 && ts.tv_sec <= t0.tv_sec + 2,
           ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000, CMSG_NXTHDR(&m, c) == NULL);

    /* A control buffer too small for the timestamp: MSG_CTRUNC. */
    CHECK(sendto(sa, "tr", 2, 0, (struct sockaddr *)&b, sizeof(b)) == 2);
    m.msg_controllen = CMSG_LEN(0) + 2;
    m.msg_namelen = sizeof(from);
    CHECK(recvmsg(sb, &m, 0) == 2);
    printf("small control buffer: ctrunc %d\n", (m.msg_flags & MSG_CTRUNC) != 0);
    close(sa);
    close(sb);
    return 0;
}

static int test_mmsg(void)
{
    struct sockaddr_in a, b;
    int sa = udp_socket(&a), sb = udp_socket(&b);
    CHECK(sa >= 0 && sb >= 0);
    CHECK(connect(sa, (struct sockaddr *)&b, sizeof(b)) == 0);
    struct mmsghdr out[4];
    struct iovec oiov[4][2];
    static const char *const part1[] = { "one", "two", "three", "four" };
    memset(out, 0, sizeof(out));
    for (int i = 0; i < 4; i++) {
        oiov[i][0].iov_base = (void *)part1[i];
        oiov[i][0].iov_len = strlen(part1[i]);
        oiov[i][1].iov_base = (void *)"!";
        oiov[i][1].iov_len = 1;
        out[i].msg_hdr.msg_iov = oiov[i];
        out[i].msg_hdr.msg_iovlen = 2;
    }
    int n = sendmmsg(sa, out, 4, 0);
    printf("sendmmsg: %d, lengths %u %u %u %u\n", n, out[0].msg_len, out[1].msg_len, out[2].msg_len,
           out[3].msg_len);

    struct mmsghdr in[8];
    char bufs[8][16];
    struct iovec iiov[8];
    struct sockaddr_in froms[8];
    memset(in, 0, sizeof(in));
    for (int i = 0; i < 8; i++) {
        iiov[i].iov_base = bufs[i];
        iiov[i].iov_len = sizeof(bufs[i]);
        in[i].msg_hdr.msg_iov = &iiov[i];
        in[i].msg_hdr.msg_iovlen = 1;
        in[i].msg_hdr.msg_name = &froms[i];
        in[i].msg_hdr.msg_namelen = sizeof(froms[i]);
    }
    struct timespec to = { 1, 0 };
    n = recvmmsg(sb, in, 8, MSG_WAITFORONE, &to);
    printf("recvmmsg: %d\n", n);
    for (int i = 0; i < n; i++) {
        printf("  %.*s len %u from a %d namelen %u\n", (int)in[i].msg_len, bufs[i], in[i].msg_len,
               froms[i].sin_port == a.sin_port, (unsigned)in[i].msg_hdr.msg_namelen);
    }
    printf("timeout updated: %d\n", to.tv_sec == 0 && to.tv_nsec > 0 && to.tv_nsec < 1000000000);
    /* Nothing more: a non-blocking recvmmsg fails at once. */
    errno = 0;
    n = recvmmsg(sb, in, 8, MSG_DONTWAIT, NULL);
    printf("recvmmsg on empty socket: %d %s\n", n, errno == EAGAIN ? "EAGAIN" : "other");
    /* vlen 0 sends nothing. */
    printf("sendmmsg of 0: %d\n", sendmmsg(sa, out, 0, 0));
    close(sa);
    close(sb);
    return 0;
}

static int test_ipv6(void)
{
    int s = socket(AF_INET6, SOCK_DGRAM, 0);
    if (s < 0) {
        printf("no IPv6 sockets\n");
        return 0;
    }
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof(a));
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
        printf("no IPv6 loopback\n");
        close(s);
        return 0;
    }
    socklen_t len = sizeof(a);
    CHECK(getsockname(s, (struct sockaddr *)&a, &len) == 0);
    printf("IPv6 getsockname: len %u family ok %d scope %u\n", (unsigned)len, a.sin6_family == AF_INET6,
           a.sin6_scope_id);
    CHECK(sendto(s, "six", 3, 0, (struct sockaddr *)&a, sizeof(a)) == 3);
    struct sockaddr_in6 from;
    char buf[8];
    len = sizeof(from);
    CHECK(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) == 3);
    printf("IPv6 recvfrom: %.3s loopback %d\n", buf, memcmp(&from.sin6_addr, &in6addr_loopback, 16) == 0);
    int v6only = -1;
    len = sizeof(v6only);
    CHECK(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len) == 0);
    printf("IPV6_V6ONLY readable: %d\n", v6only == 0 || v6only == 1);
    close(s);
    return 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (test_basic() || test_cmsg() || test_mmsg() || test_ipv6()) {
        return 1;
    }
    printf("done\n");
    return 0;
}
