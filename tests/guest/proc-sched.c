/* Scheduling, affinity, memory locking and residency, process handles. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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

struct attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
};

static void test_sched(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    show("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set));
    int n = CPU_COUNT(&set);
    printf("cpus > 0: %d\n", n > 0);
    printf("matches online count: %d\n", n <= sysconf(_SC_NPROCESSORS_ONLN));
    show("sched_setaffinity(same)", sched_setaffinity(0, sizeof(set), &set));
    cpu_set_t one;
    CPU_ZERO(&one);
    for (int c = 0; c < CPU_SETSIZE; c++) {
        if (CPU_ISSET(c, &set)) {
            CPU_SET(c, &one);
            break;
        }
    }
    show("sched_setaffinity(one cpu)", sched_setaffinity(0, sizeof(one), &one));
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof(set), &set);
    printf("now on one cpu: %d\n", CPU_COUNT(&set) == 1 && CPU_EQUAL(&set, &one));
    printf("sched_getcpu is that cpu: %d\n", CPU_ISSET(sched_getcpu(), &one));
    unsigned cpu = 999, node = 999;
    show("getcpu", syscall(SYS_getcpu, &cpu, &node, NULL));
    printf("getcpu cpu is that cpu: %d\n", cpu < CPU_SETSIZE && CPU_ISSET(cpu, &one));
    show("getcpu(bad)", syscall(SYS_getcpu, BAD_PTR, NULL, NULL));
    show("sched_getaffinity(bad)", syscall(SYS_sched_getaffinity, 0, 128, BAD_PTR));
    show("sched_getaffinity(len 3)", syscall(SYS_sched_getaffinity, 0, 3, &set));
    show("sched_setaffinity(bad)", syscall(SYS_sched_setaffinity, 0, 128, BAD_PTR));

    show("sched_getscheduler", sched_getscheduler(0));
    struct sched_param sp = { .sched_priority = 77 };
    show("sched_getparam", sched_getparam(0, &sp));
    printf("priority: %d\n", sp.sched_priority);
    show("sched_setscheduler(OTHER)", sched_setscheduler(0, SCHED_OTHER, &sp));
    show("sched_setparam", sched_setparam(0, &sp));
    show("sched_setparam(NULL)", syscall(SYS_sched_setparam, 0, NULL));
    show("sched_setparam(bad)", syscall(SYS_sched_setparam, 0, BAD_PTR));
    show("sched_getparam(bad)", syscall(SYS_sched_getparam, 0, BAD_PTR));
    show("max FIFO", sched_get_priority_max(SCHED_FIFO));
    show("min FIFO", sched_get_priority_min(SCHED_FIFO));
    show("max OTHER", sched_get_priority_max(SCHED_OTHER));
    show("max bad", sched_get_priority_max(1234));
    struct timespec ts = { 99, 99 };
    show("sched_rr_get_interval", sched_rr_get_interval(0, &ts));
    printf("interval set: %d\n", ts.tv_sec != 99 || ts.tv_nsec != 99);
    show("sched_rr_get_interval(bad)", syscall(SYS_sched_rr_get_interval, 0, BAD_PTR));

    struct attr at;
    memset(&at, 0xff, sizeof(at));
    show("sched_getattr", syscall(SYS_sched_getattr, 0, &at, sizeof(at), 0));
    printf("size %u policy %u nice %d prio %u\n", at.size, at.policy, at.nice, at.priority);
    at.nice = 3;
    at.flags = 0;
    show("sched_setattr(nice 3)", syscall(SYS_sched_setattr, 0, &at, 0));
    memset(&at, 0, sizeof(at));
    syscall(SYS_sched_getattr, 0, &at, sizeof(at), 0);
    printf("nice now %d\n", at.nice);
    show("sched_getattr(small)", syscall(SYS_sched_getattr, 0, &at, 20, 0));
    at.size = 8;
    show("sched_setattr(size 8)", syscall(SYS_sched_setattr, 0, &at, 0));
    printf("size written back: %u\n", at.size);
    show("sched_setattr(bad)", syscall(SYS_sched_setattr, 0, BAD_PTR, 0));
    show("sched_yield", sched_yield());
}

static void test_memory(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    p[2 * pg] = 1;
    unsigned char vec[4] = { 9, 9, 9, 9 };
    show("mincore", mincore(p, 4 * pg, vec));
    printf("resident: %d %d %d\n", vec[0] & 1, vec[2] & 1, vec[3] & 1);
    show("mincore(unaligned)", mincore(p + 1, pg, vec));
    show("mincore(bad vec)", mincore(p, pg, BAD_PTR));
    show("mlock", mlock(p, pg));
    show("munlock", munlock(p, pg));
    show("mlock2(ONFAULT)", mlock2(p, pg, MLOCK_ONFAULT));
    show("munlock", munlock(p, pg));
    show("mlock2(bad flags)", mlock2(p, pg, 0x100));
    show("msync", msync(p, pg, MS_SYNC));
    show("msync(bad flags)", msync(p, pg, MS_SYNC | MS_ASYNC));
    show("msync(unaligned)", msync(p + 1, pg, MS_SYNC));
    show("mlockall(0)", mlockall(0));
    show("munlockall", munlockall());
    munmap(p + 3 * pg, pg);
    show("mincore(partly unmapped)", mincore(p, 4 * pg, vec));
    show("mlock(partly unmapped)", mlock(p, 4 * pg));
    show("msync(partly unmapped)", msync(p, 4 * pg, MS_ASYNC));
    munmap(p, 3 * pg);
}

static int report_fd = -1;

static void report_handler(int sig, siginfo_t *si, void *ctx)
{
    int v[3] = { sig, si->si_code, si->si_value.sival_int };
    write(report_fd, v, sizeof(v));
    _exit(7);
}

/* A child that waits for a signal, once it is running; with report_fd
 * set, it reports SIGRTMIN+2 and exits. */
static pid_t spawn_pausing(void)
{
    int p[2];
    char c;
    pipe(p);
    pid_t child = fork();
    if (child == 0) {
        if (report_fd >= 0) {
            struct sigaction sa;
            memset(&sa, 0, sizeof(sa));
            sa.sa_sigaction = report_handler;
            sa.sa_flags = SA_SIGINFO;
            sigaction(SIGRTMIN + 2, &sa, NULL);
        }
        write(p[1], "r", 1);
        for (;;) {
            pause();
        }
    }
    read(p[0], &c, 1);
    close(p[0]);
    close(p[1]);
    return child;
}

static void test_handles(void)
{
    int fd = syscall(SYS_pidfd_open, getpid(), 0);
    printf("pidfd_open: %d\n", fd >= 0);
    show("pidfd_send_signal(0)", syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
    show("pidfd_open(bad flags)", syscall(SYS_pidfd_open, getpid(), 1));
    close(fd);

    pid_t child = spawn_pausing();
    fd = syscall(SYS_pidfd_open, child, 0);
    show("pidfd_send_signal(SIGUSR2)", syscall(SYS_pidfd_send_signal, fd, SIGUSR2, NULL, 0));
    int st;
    waitpid(child, &st, 0);
    printf("child killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
    close(fd);

    /* A queued real-time signal with data: the child reports what its
     * handler received. */
    int rep[2];
    pipe(rep);
    report_fd = rep[1];
    child = spawn_pausing();
    fd = syscall(SYS_pidfd_open, child, 0);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGRTMIN + 2;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 4242;
    show("pidfd_send_signal(info)", syscall(SYS_pidfd_send_signal, fd, SIGRTMIN + 2, &si, 0));
    int got[3] = { 0, 0, 0 };
    read(rep[0], got, sizeof(got));
    printf("child got SIGRTMIN+2: %d code SI_QUEUE: %d value %d\n", got[0] == SIGRTMIN + 2, got[1] == SI_QUEUE,
           got[2]);
    waitpid(child, &st, 0);
    printf("child exit: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    close(rep[0]);
    close(rep[1]);
    show("pidfd_send_signal(bad info)", syscall(SYS_pidfd_send_signal, fd, SIGUSR1, BAD_PTR, 0));
    close(fd);

    char src[16] = "process_vm", dst[16] = "";
    struct iovec local = { dst, sizeof(dst) }, remote = { src, sizeof(src) };
    show("process_vm_readv(self)", process_vm_readv(getpid(), &local, 1, &remote, 1, 0));
    printf("read: %s\n", dst);
    struct iovec bad = { BAD_PTR, 16 };
    show("process_vm_readv(bad remote)", process_vm_readv(getpid(), &local, 1, &bad, 1, 0));
    show("process_vm_readv(bad local)", process_vm_readv(getpid(), &bad, 1, &remote, 1, 0));
    long k = syscall(SYS_kcmp, getpid(), getpid(), 0 /* KCMP_FILE */, 1, 1);
    printf("kcmp(same fd): %s\n", k == 0 ? "0" : strerrorname_np(errno));
    long io = syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
    printf("ioprio_get >= 0: %d\n", io >= 0);
    show("ioprio_set(same)", syscall(SYS_ioprio_set, 1, 0, io));
    printf("membarrier query >= 0: %d\n", syscall(SYS_membarrier, 0, 0, 0) >= 0);
    show("sethostname(bad)", sethostname(BAD_PTR, 8) == 0 ? 0 : -1);
    static char longname[100000];
    show("setdomainname(too long)", setdomainname(longname, sizeof(longname)) == 0 ? 0 : -1);
    long sz = syscall(SYS_syslog, 10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
    printf("syslog size: %s\n", sz > 0 ? "ok" : strerrorname_np(errno));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_sched();
    test_memory();
    test_handles();
    return 0;
}
