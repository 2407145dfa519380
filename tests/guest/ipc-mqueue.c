/* POSIX message queues: attributes, priorities, blocking between a parent
 * and its child, timeouts, non-blocking mode and notification. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD_PTR ((void *)0xc0000000u)

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static volatile sig_atomic_t notified;
static volatile int notified_code, notified_value;

static void on_notify(int sig, siginfo_t *si, void *ctx)
{
    notified = sig;
    notified_code = si->si_code;
    notified_value = si->si_value.sival_int;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char name[64];
    snprintf(name, sizeof(name), "/mimic-test-%d", getpid());
    struct mq_attr attr = { .mq_flags = 0, .mq_maxmsg = 4, .mq_msgsize = 64 };
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    if (q == (mqd_t)-1) {
        /* No message queues here (a kernel without them): nothing to test. */
        printf("mq_open: %s\n", strerrorname_np(errno));
        return 0;
    }
    printf("mq_open: ok\n");
    show("mq_open(O_EXCL again)", mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr));
    struct mq_attr got;
    memset(&got, 0x55, sizeof(got));
    show("mq_getattr", mq_getattr(q, &got));
    printf("flags %ld maxmsg %ld msgsize %ld curmsgs %ld\n", got.mq_flags, got.mq_maxmsg, got.mq_msgsize,
           got.mq_curmsgs);

    show("mq_send(prio 5)", mq_send(q, "low", 4, 5));
    show("mq_send(prio 9)", mq_send(q, "high", 5, 9));
    show("mq_send(prio 1)", mq_send(q, "lowest", 7, 1));
    mq_getattr(q, &got);
    printf("curmsgs %ld\n", got.mq_curmsgs);
    char buf[64];
    unsigned prio;
    long n = mq_receive(q, buf, sizeof(buf), &prio);
    printf("received %ld '%s' prio %u\n", n, buf, prio);
    n = mq_receive(q, buf, sizeof(buf), NULL);
    printf("received %ld '%s'\n", n, buf);
    show("mq_receive(small buffer)", mq_receive(q, buf, 16, &prio));
    show("mq_receive(bad buffer): the message is lost", syscall(SYS_mq_timedreceive, q, BAD_PTR, 64, NULL, NULL));
    show("mq_send(too long)", mq_send(q, buf, 65, 0));
    show("mq_send(bad)", mq_send(q, BAD_PTR, 8, 0));

    /* A child sends while the parent waits. */
    pid_t c = fork();
    if (c == 0) {
        usleep(50000);
        mqd_t cq = mq_open(name, O_WRONLY);
        _exit(mq_send(cq, "from the child", 15, 3) == 0 ? 0 : 1);
    }
    n = mq_receive(q, buf, sizeof(buf), &prio);
    printf("parent got %ld '%s' prio %u\n", n, buf, prio);
    int st;
    waitpid(c, &st, 0);
    printf("child: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    show("mq_timedreceive(empty)", mq_timedreceive(q, buf, sizeof(buf), NULL, &ts));
    show("mq_timedreceive(bad timeout)", syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), NULL, BAD_PTR));

    struct mq_attr nb = { .mq_flags = O_NONBLOCK }, old;
    show("mq_setattr(O_NONBLOCK)", mq_setattr(q, &nb, &old));
    printf("old flags %ld\n", old.mq_flags);
    mq_getattr(q, &got);
    printf("non-blocking: %d\n", (got.mq_flags & O_NONBLOCK) != 0);
    show("mq_receive(empty, non-blocking)", mq_receive(q, buf, sizeof(buf), NULL));
    for (int i = 0; i < 4; i++) {
        mq_send(q, "x", 2, 0);
    }
    show("mq_send(full, non-blocking)", mq_send(q, "x", 2, 0));
    while (mq_receive(q, buf, sizeof(buf), NULL) >= 0) {
    }
    show("mq_getsetattr(bad)", syscall(SYS_mq_getsetattr, q, NULL, BAD_PTR));

    /* Notification: a signal when a message arrives in the empty queue. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_notify;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 1234;
    show("mq_notify", mq_notify(q, &sev));
    show("mq_notify(again)", mq_notify(q, &sev));
    mq_send(q, "wake", 5, 0);
    for (int i = 0; i < 100 && !notified; i++) {
        usleep(1000);
    }
    printf("notified: %d code MQ: %d value %d\n", notified == SIGUSR1, notified_code == SI_MESGQ, notified_value);
    show("mq_notify(NULL)", mq_notify(q, NULL));
    show("mq_notify(bad)", syscall(SYS_mq_notify, q, BAD_PTR));
    sev.sigev_notify = 77;
    show("mq_notify(bad notify)", mq_notify(q, &sev));

    show("mq_close", mq_close(q));
    show("mq_unlink", mq_unlink(name));
    show("mq_unlink(again)", mq_unlink(name));
    show("mq_open(missing)", mq_open(name, O_RDONLY));
    show("mq_open(bad name)", syscall(SYS_mq_open, BAD_PTR, O_RDONLY, 0, NULL));
    return 0;
}
