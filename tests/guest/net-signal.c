/* Sockets and signals: a blocking receive or accept interrupted by a
 * handler fails with EINTR without SA_RESTART and restarts with it, except
 * when the socket has a receive timeout (then it is EINTR either way). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);     \
            return 1;                                                         \
        }                                                                     \
    } while (0)

static volatile sig_atomic_t handled;
static int feed_fd = -1;

static void on_alarm(int sig)
{
    handled++;
    if (feed_fd >= 0 && handled == 1) {
        /* Give the restarted call something to return. */
        (void)!write(feed_fd, "late", 4);
    }
}

static void arm_timer(int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    /* Repeating, so a signal that comes before the call blocks is
     * followed by one that interrupts it. */
    struct itimerval it = { { 0, 30000 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm_timer(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static const char *res(long r)
{
    if (r >= 0) {
        return "ok";
    }
    return errno == EINTR ? "EINTR" : errno == EAGAIN ? "EAGAIN" : "other";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    char buf[16];

    /* No SA_RESTART: EINTR. */
    handled = 0;
    arm_timer(0);
    errno = 0;
    ssize_t n = recv(sv[1], buf, sizeof(buf), 0);
    disarm_timer();
    printf("recv, no SA_RESTART: %zd %s, handler ran %d\n", n, res(n), handled > 0);

    /* SA_RESTART: the handler feeds the socket, the receive restarts and
     * gets the data. */
    handled = 0;
    feed_fd = sv[0];
    arm_timer(1);
    errno = 0;
    n = recv(sv[1], buf, sizeof(buf), 0);
    disarm_timer();
    printf("recv, SA_RESTART: %zd \"%.*s\", handler ran %d\n", n, n > 0 ? (int)n : 0, buf, handled > 0);

    /* recvmsg, the same. */
    handled = 0;
    arm_timer(1);
    struct iovec iov = { buf, sizeof(buf) };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    n = recvmsg(sv[1], &m, 0);
    disarm_timer();
    printf("recvmsg, SA_RESTART: %zd \"%.*s\", handler ran %d\n", n, n > 0 ? (int)n : 0, buf, handled > 0);
    feed_fd = -1;

    /* SA_RESTART but a receive timeout longer than the alarm: EINTR. */
    struct timeval tv = { 5, 0 };
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
    handled = 0;
    arm_timer(1);
    errno = 0;
    n = recv(sv[1], buf, sizeof(buf), 0);
    disarm_timer();
    printf("recv with SO_RCVTIMEO, SA_RESTART: %zd %s, handler ran %d\n", n, res(n), handled > 0);

    /* accept, interrupted without SA_RESTART. */
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(l, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(l, 1) == 0);
    handled = 0;
    arm_timer(0);
    errno = 0;
    int c = accept(l, NULL, NULL);
    disarm_timer();
    printf("accept, no SA_RESTART: %d %s, handler ran %d\n", c, res(c), handled > 0);
    close(l);
    close(sv[0]);
    close(sv[1]);
    printf("done\n");
    return 0;
}
