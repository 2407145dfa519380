/* Sockets: TCP over loopback with a server thread and a forked client,
 * addresses, non-blocking accept, accept4 flags, shutdown and recv flags. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);     \
            return 1;                                                         \
        }                                                                     \
    } while (0)

static int listener(struct sockaddr_in *sa, int flags)
{
    int s = socket(AF_INET, SOCK_STREAM | flags, 0);
    if (s < 0) {
        return -1;
    }
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa->sin_port = 0;
    if (bind(s, (struct sockaddr *)sa, sizeof(*sa)) < 0 || listen(s, 8) < 0) {
        return -1;
    }
    socklen_t len = sizeof(*sa);
    if (getsockname(s, (struct sockaddr *)sa, &len) < 0 || len != sizeof(*sa)) {
        return -1;
    }
    return s;
}

/* The server thread: accept one client, echo what it sends in upper case
 * until the client shuts its side down, then say goodbye. */
static int server_fd;
static int server_result;

static void *server(void *arg)
{
    struct sockaddr_in peer;
    socklen_t plen = sizeof(peer);
    int c = accept(server_fd, (struct sockaddr *)&peer, &plen);
    if (c < 0 || plen != sizeof(peer) || peer.sin_family != AF_INET ||
        peer.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        server_result = 1;
        return NULL;
    }
    char buf[256];
    long total = 0;
    for (;;) {
        ssize_t n = recv(c, buf, sizeof(buf), 0);
        if (n < 0) {
            server_result = 2;
            return NULL;
        }
        if (n == 0) {
            break;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] >= 'a' && buf[i] <= 'z') {
                buf[i] = (char)(buf[i] - 'a' + 'A');
            }
        }
        total += n;
        if (send(c, buf, (size_t)n, 0) != n) {
            server_result = 3;
            return NULL;
        }
    }
    char bye[32];
    int m = snprintf(bye, sizeof(bye), "bye after %ld", total);
    if (send(c, bye, (size_t)m, MSG_NOSIGNAL) != m) {
        server_result = 4;
    }
    close(c);
    return NULL;
}

static int read_full(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = recv(fd, buf + got, n - got, MSG_WAITALL);
        if (r <= 0) {
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

static int test_thread_server(void)
{
    struct sockaddr_in sa;
    server_fd = listener(&sa, 0);
    CHECK(server_fd >= 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, server, NULL) == 0);

    int c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(c >= 0);
    CHECK(connect(c, (struct sockaddr *)&sa, sizeof(sa)) == 0);
    struct sockaddr_in peer, self;
    socklen_t len = sizeof(peer);
    CHECK(getpeername(c, (struct sockaddr *)&peer, &len) == 0);
    CHECK(len == sizeof(peer) && peer.sin_port == sa.sin_port && peer.sin_family == AF_INET);
    len = sizeof(self);
    CHECK(getsockname(c, (struct sockaddr *)&self, &len) == 0);
    CHECK(self.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && self.sin_port != 0);
    /* A short length truncates the address but reports the full size. */
    len = 4;
    memset(&peer, 0x55, sizeof(peer));
    CHECK(getpeername(c, (struct sockaddr *)&peer, &len) == 0);
    CHECK(len == sizeof(peer) && peer.sin_family == AF_INET && peer.sin_addr.s_addr == 0x55555555u);

    static const char *const words[] = { "hello", "over", "loopback", "tcp" };
    for (unsigned i = 0; i < 4; i++) {
        size_t n = strlen(words[i]);
        CHECK(sendto(c, words[i], n, 0, NULL, 0) == (ssize_t)n);
        char buf[32];
        CHECK(read_full(c, buf, n) == 0);
        buf[n] = 0;
        printf("echo: %s\n", buf);
    }
    /* A bigger transfer, checked byte for byte. */
    static char big[100000], back[100000];
    for (unsigned i = 0; i < sizeof(big); i++) {
        big[i] = (char)('a' + i % 26);
    }
    size_t sent = 0, got = 0;
    while (got < sizeof(big)) {
        if (sent < sizeof(big)) {
            ssize_t n = send(c, big + sent, sizeof(big) - sent > 4096 ? 4096 : sizeof(big) - sent, 0);
            CHECK(n > 0);
            sent += (size_t)n;
        }
        ssize_t n = recv(c, back + got, sizeof(back) - got, sent == sizeof(big) ? 0 : MSG_DONTWAIT);
        if (n < 0) {
            CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
            continue;
        }
        CHECK(n > 0);
        got += (size_t)n;
    }
    int same = 1;
    for (unsigned i = 0; i < sizeof(big); i++) {
        same &= back[i] == (char)('A' + i % 26);
    }
    printf("big transfer: %d\n", same);

    CHECK(shutdown(c, SHUT_WR) == 0);
    char bye[64];
    ssize_t n, total = 0;
    while ((n = recv(c, bye + total, sizeof(bye) - 1 - (size_t)total, 0)) > 0) {
        total += n;
    }
    CHECK(n == 0);
    bye[total] = 0;
    printf("server says: %s\n", bye);
    CHECK(pthread_join(t, NULL) == 0);
    printf("server result: %d\n", server_result);
    /* Sending after the peer closed: EPIPE without a signal. */
    ssize_t r = send(c, "x", 1, MSG_NOSIGNAL);
    if (r == 1) {
        usleep(10000);
        r = send(c, "x", 1, MSG_NOSIGNAL);
    }
    printf("send after shutdown: %zd errno %s\n", r, r < 0 && errno == EPIPE ? "EPIPE" : "other");
    close(c);
    close(server_fd);
    return 0;
}

static int test_fork_client(void)
{
    struct sockaddr_in sa;
    int s = listener(&sa, SOCK_NONBLOCK);
    CHECK(s >= 0);
    CHECK((fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    /* Nothing pending: a non-blocking accept fails at once. */
    struct sockaddr_in peer;
    socklen_t plen = sizeof(peer);
    errno = 0;
    CHECK(accept(s, (struct sockaddr *)&peer, &plen) < 0);
    printf("non-blocking accept: %s\n", errno == EAGAIN || errno == EWOULDBLOCK ? "EAGAIN" : "other");
    CHECK(accept4(s, NULL, NULL, 0x1234) < 0 && errno == EINVAL);

    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (c < 0 || connect(c, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            _exit(10);
        }
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        const char msg[] = "from the child";
        if (send(c, msg, sizeof(msg), 0) != (ssize_t)sizeof(msg)) {
            _exit(11);
        }
        char ack[8];
        if (recv(c, ack, 3, MSG_WAITALL) != 3 || memcmp(ack, "ack", 3) != 0) {
            _exit(12);
        }
        close(c);
        _exit(0);
    }
    /* Wait for the connection with a blocking poll-free loop. */
    int c;
    for (;;) {
        plen = sizeof(peer);
        c = accept4(s, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c >= 0) {
            break;
        }
        CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
        usleep(1000);
    }
    printf("accept4 flags: nonblock %d cloexec %d\n", (fcntl(c, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0);
    int fl = fcntl(c, F_GETFL);
    CHECK(fcntl(c, F_SETFL, fl & ~O_NONBLOCK) == 0);
    char buf[64];
    /* MSG_PEEK leaves the data; MSG_WAITALL collects all of it. */
    ssize_t n = recv(c, buf, 4, MSG_PEEK | MSG_WAITALL);
    CHECK(n == 4);
    printf("peek: %.4s\n", buf);
    n = recvfrom(c, buf, 15, MSG_WAITALL, NULL, NULL);
    CHECK(n == 15);
    printf("child sent: %s\n", buf);
    CHECK(send(c, "ack", 3, 0) == 3);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    printf("child exit: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    n = recv(c, buf, sizeof(buf), 0);
    printf("after child closed: %zd\n", n);
    close(c);
    close(s);
    return 0;
}

/* A connect to a port nobody listens on is refused. */
static int test_refused(void)
{
    struct sockaddr_in sa;
    int s = listener(&sa, 0);
    CHECK(s >= 0);
    close(s);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(c >= 0);
    errno = 0;
    int r = connect(c, (struct sockaddr *)&sa, sizeof(sa));
    printf("connect to closed port: %d %s\n", r, errno == ECONNREFUSED ? "ECONNREFUSED" : "other");
    close(c);
    /* Bad address lengths and families. */
    c = socket(AF_INET, SOCK_STREAM, 0);
    errno = 0;
    r = bind(c, (struct sockaddr *)&sa, 3);
    printf("bind short: %d %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    errno = 0;
    r = bind(c, (struct sockaddr *)&sa, (socklen_t)-1);
    printf("bind huge: %d %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    errno = 0;
    r = socket(AF_INET, 77, 0);
    printf("socket bad type: %d %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    close(c);
    return 0;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IONBF, 0);
    if (test_thread_server() || test_fork_client() || test_refused()) {
        return 1;
    }
    printf("done\n");
    return 0;
}
