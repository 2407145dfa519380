/* Sockets: UNIX domain.  socketpair with read/write/shutdown, sendmsg and
 * recvmsg with scattered buffers, SCM_RIGHTS (passing pipe ends and a
 * file), SCM_CREDENTIALS, control buffers that are too small (MSG_CTRUNC),
 * named and abstract addresses, SOCK_SEQPACKET and SOCK_DGRAM records. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);     \
            return 1;                                                         \
        }                                                                     \
    } while (0)

static int test_pair(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    CHECK(write(sv[0], "ping", 4) == 4);
    char buf[16];
    CHECK(read(sv[1], buf, sizeof(buf)) == 4);
    printf("pair read: %.4s\n", buf);
    CHECK(write(sv[1], "pong!", 5) == 5);
    CHECK(recv(sv[0], buf, sizeof(buf), 0) == 5);
    printf("pair recv: %.5s\n", buf);
    /* Shut one direction: the reader sees end of file, the writer EPIPE,
     * the other direction still works. */
    CHECK(shutdown(sv[0], SHUT_WR) == 0);
    printf("read after peer SHUT_WR: %zd\n", read(sv[1], buf, sizeof(buf)));
    errno = 0;
    ssize_t r = send(sv[0], "x", 1, MSG_NOSIGNAL);
    printf("send after SHUT_WR: %zd %s\n", r, errno == EPIPE ? "EPIPE" : "other");
    CHECK(write(sv[1], "back", 4) == 4);
    CHECK(read(sv[0], buf, sizeof(buf)) == 4);
    printf("other direction: %.4s\n", buf);
    errno = 0;
    r = shutdown(sv[0], 7);
    printf("shutdown bad how: %zd %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    close(sv[0]);
    close(sv[1]);

    /* Non-blocking pair: EAGAIN when empty. */
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) == 0);
    printf("pair flags: nonblock %d cloexec %d\n", (fcntl(sv[0], F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(sv[1], F_GETFD) & FD_CLOEXEC) != 0);
    errno = 0;
    r = read(sv[0], buf, sizeof(buf));
    printf("empty non-blocking read: %zd %s\n", r, errno == EAGAIN ? "EAGAIN" : "other");
    close(sv[0]);
    close(sv[1]);
    return 0;
}

/* sendmsg/recvmsg with iovecs, no control data. */
static int test_iov(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
    char a[] = "scatter", b[] = "-", c[] = "gather";
    struct iovec out[3] = { { a, 7 }, { b, 1 }, { c, 6 } };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = out;
    m.msg_iovlen = 3;
    CHECK(sendmsg(sv[0], &m, 0) == 14);
    char x[5], y[4], z[10];
    memset(z, 0, sizeof(z));
    struct iovec in[3] = { { x, 5 }, { y, 4 }, { z, 10 } };
    memset(&m, 0, sizeof(m));
    m.msg_iov = in;
    m.msg_iovlen = 3;
    CHECK(recvmsg(sv[1], &m, 0) == 14);
    printf("iov: %.5s|%.4s|%s flags %#x\n", x, y, z, m.msg_flags);
    /* A record longer than the buffer: MSG_TRUNC. */
    CHECK(send(sv[0], "0123456789", 10, 0) == 10);
    in[0].iov_len = 4;
    m.msg_iovlen = 1;
    ssize_t n = recvmsg(sv[1], &m, 0);
    printf("truncated record: %zd %.4s trunc %d\n", n, x, (m.msg_flags & MSG_TRUNC) != 0);
    close(sv[0]);
    close(sv[1]);
    return 0;
}

static int send_fds(int s, const int *fds, int n, const char *data)
{
    union {
        char buf[CMSG_SPACE(8 * sizeof(int))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof(u));
    struct iovec iov = { (void *)data, strlen(data) };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(n * sizeof(int));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    return (int)sendmsg(s, &m, 0);
}

/* Receive with a control buffer of ctl bytes; returns the fds received. */
static int recv_fds(int s, int *fds, int max, size_t ctl, int *flags, char *data, size_t dlen)
{
    union {
        char buf[256];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof(u));
    struct iovec iov = { data, dlen };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl ? u.buf : NULL;
    m.msg_controllen = ctl;
    ssize_t r = recvmsg(s, &m, 0);
    if (r < 0) {
        return -1;
    }
    data[r] = 0;
    *flags = m.msg_flags;
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < k && n < max; i++) {
                memcpy(&fds[n++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            }
        } else {
            printf("unexpected cmsg %d/%d\n", c->cmsg_level, c->cmsg_type);
        }
    }
    return n;
}

static int test_rights(void)
{
    int sv[2], p[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    CHECK(pipe(p) == 0);
    /* Pass both pipe ends in one message; talk through the copies. */
    CHECK(send_fds(sv[0], p, 2, "pipe") == 4);
    close(p[0]);
    close(p[1]);
    int got[8], flags;
    char data[32];
    int n = recv_fds(sv[1], got, 8, CMSG_SPACE(2 * sizeof(int)), &flags, data, sizeof(data) - 1);
    printf("received %d fds with \"%s\", ctrunc %d\n", n, data, (flags & MSG_CTRUNC) != 0);
    CHECK(n == 2);
    CHECK(write(got[1], "through", 7) == 7);
    char buf[16];
    CHECK(read(got[0], buf, sizeof(buf)) == 7);
    printf("through the passed pipe: %.7s\n", buf);
    close(got[0]);
    close(got[1]);

    /* A file: the same open file description (shared offset). */
    char path[64];
    snprintf(path, sizeof(path), "/tmp/mimic-net-unix-%d", (int)getpid());
    int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(f >= 0);
    unlink(path);
    CHECK(write(f, "0123456789", 10) == 10);
    CHECK(lseek(f, 3, SEEK_SET) == 3);
    CHECK(send_fds(sv[1], &f, 1, "file") == 4);
    n = recv_fds(sv[0], got, 8, 64, &flags, data, sizeof(data) - 1);
    CHECK(n == 1);
    CHECK(read(got[0], buf, 2) == 2);
    printf("passed file at offset 3: %.2s, original now at %ld\n", buf, (long)lseek(f, 0, SEEK_CUR));
    struct stat s1, s2;
    CHECK(fstat(f, &s1) == 0 && fstat(got[0], &s2) == 0);
    printf("same inode: %d\n", s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev);
    close(got[0]);
    close(f);

    /* Three descriptors, room for one: MSG_CTRUNC, one installed. */
    int three[3] = { 0, 1, 2 };
    CHECK(send_fds(sv[0], three, 3, "three") == 5);
    int before = dup(0);
    close(before);
    n = recv_fds(sv[1], got, 8, CMSG_LEN(sizeof(int)), &flags, data, sizeof(data) - 1);
    printf("room for one: got %d ctrunc %d\n", n, (flags & MSG_CTRUNC) != 0);
    for (int i = 0; i < n; i++) {
        struct stat st;
        printf("  fd usable: %d\n", fstat(got[i], &st) == 0);
        close(got[i]);
    }
    /* The descriptors that did not fit were not left open. */
    int after = dup(0);
    printf("no leaked descriptors: %d\n", after == before);
    close(after);

    /* No control buffer at all. */
    CHECK(send_fds(sv[0], three, 2, "none") == 4);
    n = recv_fds(sv[1], got, 8, 0, &flags, data, sizeof(data) - 1);
    printf("no room: got %d ctrunc %d data %s\n", n, (flags & MSG_CTRUNC) != 0, data);
    after = dup(0);
    printf("no leaked descriptors: %d\n", after == before);
    close(after);

    /* A bogus control message length is refused. */
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof(u));
    struct iovec iov = { "x", 1 };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof(u.buf);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = sizeof(u.buf) + 64;
    errno = 0;
    ssize_t r = sendmsg(sv[0], &m, 0);
    printf("cmsg_len past the buffer: %zd %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    /* A bad descriptor in SCM_RIGHTS. */
    int bad = 999;
    errno = 0;
    r = send_fds(sv[0], &bad, 1, "bad");
    printf("bad fd in SCM_RIGHTS: %zd %s\n", r, errno == EBADF ? "EBADF" : "other");
    close(sv[0]);
    close(sv[1]);
    return 0;
}

static int test_creds(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    int one = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) == 0);
    int v = 0;
    socklen_t vl = sizeof(v);
    CHECK(getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &vl) == 0);
    printf("SO_PASSCRED: %d len %u\n", v, (unsigned)vl);

    /* Explicit credentials plus a descriptor, in one control buffer. */
    union {
        char buf[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof(u));
    struct iovec iov = { "creds", 5 };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof(u.buf);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred uc = { getpid(), getuid(), getgid() };
    memcpy(CMSG_DATA(c), &uc, sizeof(uc));
    c = CMSG_NXTHDR(&m, c);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    int fd0 = 0;
    memcpy(CMSG_DATA(c), &fd0, sizeof(int));
    CHECK(sendmsg(sv[0], &m, 0) == 5);

    /* Without explicit credentials the kernel adds the sender's. */
    CHECK(send(sv[0], "plain", 5, 0) == 5);

    for (int round = 0; round < 2; round++) {
        union {
            char buf[256];
            struct cmsghdr align;
        } r;
        char data[16];
        struct iovec riov = { data, sizeof(data) };
        memset(&m, 0, sizeof(m));
        m.msg_iov = &riov;
        m.msg_iovlen = 1;
        m.msg_control = r.buf;
        m.msg_controllen = sizeof(r.buf);
        ssize_t n = recvmsg(sv[1], &m, 0);
        CHECK(n == 5);
        printf("message %.5s: controllen ok %d flags %#x\n", data,
               m.msg_controllen <= sizeof(r.buf) && m.msg_controllen >= CMSG_SPACE(sizeof(struct ucred)),
               m.msg_flags);
        for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
                struct ucred got;
                memcpy(&got, CMSG_DATA(c), sizeof(got));
                printf("  SCM_CREDENTIALS len ok %d: pid %d uid %d gid %d\n",
                       c->cmsg_len == CMSG_LEN(sizeof(struct ucred)), got.pid == getpid(), got.uid == getuid(),
                       got.gid == getgid());
            } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                int fd;
                memcpy(&fd, CMSG_DATA(c), sizeof(fd));
                struct stat a, b;
                printf("  SCM_RIGHTS: %d fd(s), same as stdin %d\n", (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int)),
                       fstat(fd, &a) == 0 && fstat(0, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev);
                close(fd);
            } else {
                printf("  other %d/%d\n", c->cmsg_level, c->cmsg_type);
            }
        }
    }
    /* Lying about the pid needs privileges (unless it is root). */
    memset(&m, 0, sizeof(m));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(struct ucred));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    uc.pid = 1;
    memcpy(CMSG_DATA(c), &uc, sizeof(uc));
    errno = 0;
    ssize_t r = sendmsg(sv[0], &m, 0);
    printf("foreign pid: %s\n", r == 5 ? (getuid() == 0 ? "allowed (root)" : "allowed?") :
                                errno == EPERM ? (getuid() == 0 ? "EPERM (root)" : "EPERM") : "other");

    /* SO_PEERCRED on a connected pair. */
    int sp[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0);
    struct ucred pc;
    socklen_t pl = sizeof(pc);
    CHECK(getsockopt(sp[0], SOL_SOCKET, SO_PEERCRED, &pc, &pl) == 0);
    printf("SO_PEERCRED: len %u pid %d uid %d gid %d\n", (unsigned)pl, pc.pid == getpid(), pc.uid == getuid(),
           pc.gid == getgid());
    close(sp[0]);
    close(sp[1]);
    close(sv[0]);
    close(sv[1]);
    return 0;
}

static int test_named(void)
{
    /* Abstract address (leading NUL), datagrams with the sender's name. */
    struct sockaddr_un a, b, from;
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    a.sun_family = AF_UNIX;
    b.sun_family = AF_UNIX;
    int la = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "mimic-net-a-%d", (int)getpid()) + 1;
    int lb = snprintf(b.sun_path + 1, sizeof(b.sun_path) - 1, "mimic-net-b-%d", (int)getpid()) + 1;
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + la);
    socklen_t blen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + lb);
    int sa = socket(AF_UNIX, SOCK_DGRAM, 0), sb = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(sa >= 0 && sb >= 0);
    CHECK(bind(sa, (struct sockaddr *)&a, alen) == 0);
    CHECK(bind(sb, (struct sockaddr *)&b, blen) == 0);
    struct sockaddr_un got;
    socklen_t gl = sizeof(got);
    CHECK(getsockname(sa, (struct sockaddr *)&got, &gl) == 0);
    printf("abstract getsockname: len ok %d same %d\n", gl == alen, memcmp(&got, &a, alen) == 0);
    CHECK(sendto(sb, "dgram", 5, 0, (struct sockaddr *)&a, alen) == 5);
    char buf[16];
    socklen_t fl = sizeof(from);
    memset(&from, 0, sizeof(from));
    CHECK(recvfrom(sa, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl) == 5);
    printf("recvfrom: %.5s from b %d\n", buf, fl == blen && memcmp(&from, &b, blen) == 0);
    /* recvmsg with msg_name. */
    CHECK(sendto(sb, "again", 5, 0, (struct sockaddr *)&a, alen) == 5);
    struct iovec iov = { buf, sizeof(buf) };
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    memset(&from, 0, sizeof(from));
    m.msg_name = &from;
    m.msg_namelen = sizeof(from);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    CHECK(recvmsg(sa, &m, 0) == 5);
    printf("recvmsg: %.5s namelen ok %d from b %d\n", buf, m.msg_namelen == blen, memcmp(&from, &b, blen) == 0);
    /* An unnamed sender: the address is just the family. */
    int sc = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(sendto(sc, "anon", 4, 0, (struct sockaddr *)&a, alen) == 4);
    fl = sizeof(from);
    CHECK(recvfrom(sa, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl) == 4);
    printf("unnamed sender: len %u family %d\n", (unsigned)fl, from.sun_family);
    close(sc);

    /* A filesystem path with a stream listener and connect. */
    struct sockaddr_un p;
    memset(&p, 0, sizeof(p));
    p.sun_family = AF_UNIX;
    snprintf(p.sun_path, sizeof(p.sun_path), "/tmp/mimic-net-sock-%d", (int)getpid());
    unlink(p.sun_path);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(l >= 0);
    CHECK(bind(l, (struct sockaddr *)&p, sizeof(p)) == 0);
    CHECK(listen(l, 1) == 0);
    errno = 0;
    int r = bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&p, sizeof(p));
    printf("bind to a used path: %d %s\n", r, errno == EADDRINUSE ? "EADDRINUSE" : "other");
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(connect(cl, (struct sockaddr *)&p, sizeof(p)) == 0);
    struct sockaddr_un peer;
    socklen_t pl = sizeof(peer);
    int ac = accept(l, (struct sockaddr *)&peer, &pl);
    CHECK(ac >= 0);
    printf("accepted unnamed peer: len %u\n", (unsigned)pl);
    pl = sizeof(peer);
    CHECK(getpeername(cl, (struct sockaddr *)&peer, &pl) == 0);
    printf("peer path ok: %d\n", strcmp(peer.sun_path, p.sun_path) == 0);
    unlink(p.sun_path);
    close(ac);
    close(cl);
    close(l);
    close(sa);
    close(sb);
    return 0;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IONBF, 0);
    if (test_pair() || test_iov() || test_rights() || test_creds() || test_named()) {
        return 1;
    }
    printf("done\n");
    return 0;
}
