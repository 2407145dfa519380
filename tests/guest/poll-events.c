/* Event descriptors: eventfd counter and semaphore semantics, signalfd
 * reading blocked signals sent to self (standard and real-time, with their
 * codes and values), inotify watching a mkdtemp directory under /tmp (mask
 * and name of each event), their readiness under poll, and bad input. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
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

static int readable(int fd)
{
    struct pollfd p = { fd, POLLIN, 0 };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void read_count(const char *what, int fd)
{
    uint64_t v = 0;
    long r = read(fd, &v, 8);
    if (r < 0) {
        printf("  %s: -1 %s\n", what, strerror(errno));
    } else {
        printf("  %s: %ld value=%llu\n", what, r, (unsigned long long)v);
    }
}

static void test_eventfd(void)
{
    printf("eventfd:\n");
    int fd = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    printf("  cloexec=%d nonblock=%d readable=%d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC,
           (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0, readable(fd));
    read_count("read", fd);
    read_count("read empty", fd);
    printf("  readable=%d\n", readable(fd));
    uint64_t v = 5;
    check("write 5", write(fd, &v, 8));
    v = 0x100000000ull;
    check("write 2^32", write(fd, &v, 8));
    read_count("read sum", fd);
    v = UINT64_MAX;
    check("write max", write(fd, &v, 8));
    check("write short", write(fd, &v, 4));
    char small[4];
    check("read short", read(fd, small, 4));
    v = UINT64_MAX - 1;
    check("write max-1", write(fd, &v, 8));
    v = 1;
    check("write overflow nonblock", write(fd, &v, 8));
    read_count("read big", fd);
    check("eventfd_write", eventfd_write(fd, 7));
    eventfd_t got = 0;
    check("eventfd_read", eventfd_read(fd, &got));
    printf("  got=%llu\n", (unsigned long long)got);
    close(fd);

    fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    read_count("sem read", fd);
    read_count("sem read", fd);
    read_count("sem read", fd);
    close(fd);

    fd = (int)syscall(SYS_eventfd, 9);
    read_count("old eventfd", fd);
    close(fd);
    check("eventfd2 bad flags", syscall(SYS_eventfd2, 0, 0x10));
    fd = eventfd(0, 0);
    check("write bad buffer", write(fd, BADK, 8));
    close(fd);
}

static void show_ssi(const struct signalfd_siginfo *s)
{
    int sig = (int)s->ssi_signo;
    char name[16];
    if (sig >= SIGRTMIN) {
        snprintf(name, sizeof(name), "RTMIN+%d", sig - SIGRTMIN);
    } else {
        snprintf(name, sizeof(name), "%s", sigabbrev_np(sig));
    }
    printf("  signo=%s code=%d self=%d uid=%d int=%d ptr=%x\n", name, s->ssi_code, s->ssi_pid == (uint32_t)getpid(),
           s->ssi_uid == getuid(), s->ssi_int, (unsigned)(uint32_t)s->ssi_ptr);
}

static void test_signalfd(void)
{
    printf("signalfd:\n");
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("  cloexec=%d readable=%d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC, readable(fd));
    struct signalfd_siginfo s[4];
    check("read empty", read(fd, s, sizeof(s[0])));

    raise(SIGUSR1);
    printf("  readable=%d\n", readable(fd));
    long n = read(fd, s, sizeof(s));
    check("read raise", n);
    if (n > 0) {
        show_ssi(&s[0]);
    }

    kill(getpid(), SIGUSR1);
    union sigval val = { .sival_int = 0x1234 };
    sigqueue(getpid(), SIGRTMIN + 2, val);
    n = read(fd, s, sizeof(s));
    check("read two", n);
    for (long i = 0; i < n / (long)sizeof(s[0]); i++) {
        show_ssi(&s[i]);
    }
    val.sival_int = -5;
    sigqueue(getpid(), SIGRTMIN + 2, val);
    check("read small buffer", read(fd, s, 64));
    n = read(fd, s, sizeof(s));
    check("read rt", n);
    if (n > 0) {
        show_ssi(&s[0]);
    }

    /* Change the mask of the same descriptor: SIGUSR1 only. */
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, SIGUSR1);
    check("signalfd update", signalfd(fd, &only, 0) == fd ? 0 : -1);
    sigqueue(getpid(), SIGRTMIN + 2, val);
    printf("  readable with RT pending=%d\n", readable(fd));
    sigtimedwait(&mask, NULL, &(struct timespec){ 0, 0 });

    int old = (int)syscall(SYS_signalfd, -1, &only, 8);
    check("old signalfd", old >= 0 ? 0 : -1);
    raise(SIGUSR1);
    n = read(old, s, sizeof(s));
    check("read old", n);
    if (n > 0) {
        show_ssi(&s[0]);
    }
    close(old);
    check("signalfd bad size", syscall(SYS_signalfd4, -1, &only, 4, 0));
    check("signalfd bad mask", syscall(SYS_signalfd4, -1, BADK, 8, 0));
    check("signalfd bad flags", syscall(SYS_signalfd4, -1, &only, 8, 1));
    check("signalfd not signalfd", syscall(SYS_signalfd4, 0, &only, 8, 0));
    close(fd);
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
}

static void read_events(int fd, int wd)
{
    char buf[4096] __attribute__((aligned(8)));
    long n = read(fd, buf, sizeof(buf));
    if (n < 0) {
        printf("  read: -1 %s\n", strerror(errno));
        return;
    }
    for (long off = 0; off < n;) {
        struct inotify_event *e = (struct inotify_event *)(buf + off);
        printf("  wd=%s mask=%x cookie0=%d name=%s\n", e->wd == wd ? "ok" : "?", e->mask, e->cookie == 0,
               e->len ? e->name : "-");
        off += (long)sizeof(*e) + e->len;
    }
}

static void test_inotify(void)
{
    printf("inotify:\n");
    char dir[] = "/tmp/mimic-inotify-XXXXXX", path[64];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return;
    }
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    printf("  cloexec=%d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    int wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM);
    check("add_watch", wd >= 0 ? 0 : -1);
    check("read empty", read(fd, path, sizeof(path)));
    snprintf(path, sizeof(path), "%s/newfile", dir);
    int f = open(path, O_CREAT | O_WRONLY, 0644);
    printf("  readable=%d\n", readable(fd));
    if (write(f, "hello", 5) != 5) {
        return;
    }
    close(f);
    unlink(path);
    read_events(fd, wd);
    mkdir(path, 0755);
    char small[8];
    check("read small", read(fd, small, sizeof(small)));
    rmdir(path);
    read_events(fd, wd);
    check("rm_watch", inotify_rm_watch(fd, wd));
    read_events(fd, wd);
    check("rm_watch again", inotify_rm_watch(fd, wd));
    check("add_watch missing", inotify_add_watch(fd, "/nonexistent/x", IN_CREATE));
    check("add_watch bad path", syscall(SYS_inotify_add_watch, fd, BADK, IN_CREATE));
    check("add_watch no mask", inotify_add_watch(fd, dir, 0));
    close(fd);
    int old = (int)syscall(SYS_inotify_init);
    check("old inotify_init", old >= 0 ? 0 : -1);
    close(old);
    check("inotify_init1 bad", inotify_init1(1));
    check("rmdir", rmdir(dir));
}

int main(void)
{
    test_eventfd();
    test_signalfd();
    test_inotify();
    return 0;
}
