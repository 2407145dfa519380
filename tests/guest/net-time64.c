/* Sockets with a 64-bit time_t: the C library then uses SO_RCVTIMEO_NEW,
 * SO_TIMESTAMP_NEW/SO_TIMESTAMPNS_NEW and recvmmsg_time64 on 32-bit
 * guests (the plain options on a 64-bit host). */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
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

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("time_t is 64-bit: %d\n", sizeof(time_t) == 8);
    struct sockaddr_in a, b;
    int sa = udp_socket(&a), sb = udp_socket(&b);
    CHECK(sa >= 0 && sb >= 0);

    /* Receive timeout. */
    struct timeval tv = { 0, 60000 };
    CHECK(setsockopt(sb, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
    memset(&tv, 0x5a, sizeof(tv));
    socklen_t tl = sizeof(tv);
    CHECK(getsockopt(sb, SOL_SOCKET, SO_RCVTIMEO, &tv, &tl) == 0);
    printf("SO_RCVTIMEO: len ok %d, %lld.%06ld\n", tl == sizeof(tv), (long long)tv.tv_sec, (long)tv.tv_usec);
    char buf[16];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    errno = 0;
    ssize_t n = recv(sb, buf, sizeof(buf), 0);
    int e = errno;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
    printf("recv timed out: %zd %s waited %d\n", n, e == EAGAIN ? "EAGAIN" : "other", ms >= 40 && ms < 5000);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    CHECK(setsockopt(sb, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);

    /* Timestamps in both resolutions. */
    for (int ns = 0; ns < 2; ns++) {
        int one = 1, zero = 0;
        CHECK(setsockopt(sb, SOL_SOCKET, ns ? SO_TIMESTAMP : SO_TIMESTAMPNS, &zero, sizeof(zero)) == 0);
        CHECK(setsockopt(sb, SOL_SOCKET, ns ? SO_TIMESTAMPNS : SO_TIMESTAMP, &one, sizeof(one)) == 0);
        CHECK(sendto(sa, "stamp", 5, 0, (struct sockaddr *)&b, sizeof(b)) == 5);
        union {
            char buf[256];
            struct cmsghdr align;
        } u;
        struct iovec iov = { buf, sizeof(buf) };
        struct msghdr m;
        memset(&m, 0, sizeof(m));
        m.msg_iov = &iov;
        m.msg_iovlen = 1;
        m.msg_control = u.buf;
        m.msg_controllen = sizeof(u.buf);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        CHECK(recvmsg(sb, &m, 0) == 5);
        int found = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
            if (c->cmsg_level != SOL_SOCKET) {
                continue;
            }
            if (!ns && c->cmsg_type == SCM_TIMESTAMP && c->cmsg_len == CMSG_LEN(sizeof(struct timeval))) {
                struct timeval t;
                memcpy(&t, CMSG_DATA(c), sizeof(t));
                found = t.tv_sec >= now.tv_sec - 2 && t.tv_sec <= now.tv_sec + 2 && t.tv_usec >= 0 &&
                        t.tv_usec < 1000000;
            } else if (ns && c->cmsg_type == SCM_TIMESTAMPNS && c->cmsg_len == CMSG_LEN(sizeof(struct timespec))) {
                struct timespec t;
                memcpy(&t, CMSG_DATA(c), sizeof(t));
                found = t.tv_sec >= now.tv_sec - 2 && t.tv_sec <= now.tv_sec + 2 && t.tv_nsec >= 0 &&
                        t.tv_nsec < 1000000000;
            }
        }
        printf("%s: found and plausible %d, ctrunc %d\n", ns ? "SCM_TIMESTAMPNS" : "SCM_TIMESTAMP", found,
               (m.msg_flags & MSG_CTRUNC) != 0);
    }

    /* recvmmsg with a 64-bit timeout. */
    CHECK(sendto(sa, "mm1", 3, 0, (struct sockaddr *)&b, sizeof(b)) == 3);
    CHECK(sendto(sa, "mm2", 3, 0, (struct sockaddr *)&b, sizeof(b)) == 3);
    CHECK(setsockopt(sb, SOL_SOCKET, SO_TIMESTAMPNS, &(int){ 0 }, sizeof(int)) == 0);
    struct mmsghdr mm[4];
    char bufs[4][8];
    struct iovec iovs[4];
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 4; i++) {
        iovs[i].iov_base = bufs[i];
        iovs[i].iov_len = sizeof(bufs[i]);
        mm[i].msg_hdr.msg_iov = &iovs[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec to = { 2, 0 };
    int r = recvmmsg(sb, mm, 4, MSG_WAITFORONE, &to);
    printf("recvmmsg: %d: %.3s %.3s, time left below 2s %d\n", r, bufs[0], bufs[1],
           to.tv_sec < 2 && to.tv_nsec >= 0 && to.tv_nsec < 1000000000);
    close(sa);
    close(sb);
    printf("done\n");
    return 0;
}
