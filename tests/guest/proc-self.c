/* The guest's view of /proc/self: stat, status, comm, task/<tid>, and
 * /proc/cpuinfo. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static int initialized_data = 42;

static char *slurp(const char *path)
{
    static char buf[1 << 16];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return NULL;
    }
    ssize_t n, len = 0;
    while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0) {
        len += n;
    }
    close(fd);
    buf[len] = 0;
    return buf;
}

/* Fields of a stat line, numbered as in proc(5); field 2 is the name. */
static char comm[64];
static unsigned long long field[64];

static int parse_stat(const char *path)
{
    char *s = slurp(path);
    if (!s) {
        return 0;
    }
    char *open = strchr(s, '('), *close = strrchr(s, ')');
    field[1] = strtoull(s, NULL, 10);
    snprintf(comm, sizeof(comm), "%.*s", (int)(close - open - 1), open + 1);
    char *p = close + 2;
    int n = 3;
    for (; *p && n < 64; n++) {
        if (n == 3) {
            field[3] = (unsigned char)*p;
            p++;
        } else {
            field[n] = strtoull(p, &p, 10);
        }
        while (*p == ' ') {
            p++;
        }
    }
    return n - 1;
}

static const char *status_line(const char *status, const char *key)
{
    static char line[256];
    const char *p = strstr(status, key);
    if (!p) {
        return "(none)";
    }
    snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
    return line;
}

static void on_usr2(int sig) { (void)sig; }

static volatile int worker_go;
static pid_t worker_tid;
static char worker_seen[16];

static void *worker(void *arg)
{
    worker_tid = (pid_t)syscall(SYS_gettid);
    prctl(PR_SET_NAME, "worker");
    while (worker_go == 0) {
        usleep(1000);
    }
    prctl(PR_GET_NAME, worker_seen);
    while (worker_go == 1) {
        usleep(1000);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int stack_local = 0;
    prctl(PR_SET_NAME, "statname");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGUSR2, on_usr2);
    signal(SIGPIPE, SIG_IGN);

    int n = parse_stat("/proc/self/stat");
    printf("fields >= 52: %d\n", n >= 52);
    printf("pid: %d\n", field[1] == (unsigned long long)getpid());
    printf("comm: %s\n", comm);
    printf("state: %c\n", (char)field[3]);
    printf("ppid: %d\n", field[4] == (unsigned long long)getppid());
    printf("threads: %llu\n", field[20]);
    uintptr_t code = (uintptr_t)&main, local = (uintptr_t)&stack_local, data = (uintptr_t)&initialized_data;
    printf("main in start_code..end_code: %d\n", field[26] <= code && code < field[27]);
    printf("locals below start_stack: %d\n", local < field[28] && field[28] - local < (1u << 20));
    printf("kstkesp kstkeip: %llu %llu\n", field[29], field[30]);
    printf("blocked: %llu\n", field[32]);
    printf("SIGPIPE ignored: %d\n", (int)((field[33] >> (SIGPIPE - 1)) & 1));
    printf("SIGUSR2 caught: %d\n", (int)((field[34] >> (SIGUSR2 - 1)) & 1));
    printf("exit_signal: %llu\n", field[38]);
    printf("data in start_data..end_data: %d\n", field[45] <= data && data < field[46]);
    printf("start_brk <= brk: %d\n", field[47] <= (uintptr_t)sbrk(0) && field[47] > field[46] - 1);
    printf("argv in arg_start..arg_end: %d\n",
           field[48] <= (uintptr_t)argv[0] && (uintptr_t)argv[argc - 1] < field[49] && field[49] - field[48] > 0);
    printf("environ in env_start..env_end: %d\n",
           !environ[0] || (field[50] <= (uintptr_t)environ[0] && (uintptr_t)environ[0] < field[51]));
    printf("vsize > 0: %d\n", field[23] > 0);

    char *st = slurp("/proc/self/status");
    printf("%s\n", status_line(st, "Name:"));
    printf("%s\n", status_line(st, "SigBlk:"));
    unsigned long long cgt = strtoull(status_line(st, "SigCgt:") + 7, NULL, 16);
    unsigned long long ign = strtoull(status_line(st, "SigIgn:") + 7, NULL, 16);
    printf("status SIGUSR2 caught: %d SIGPIPE ignored: %d\n", (int)((cgt >> (SIGUSR2 - 1)) & 1),
           (int)((ign >> (SIGPIPE - 1)) & 1));
    char want[64];
    snprintf(want, sizeof(want), "Tgid:\t%d", getpid());
    printf("Tgid: %d\n", strcmp(status_line(st, "Tgid:"), want) == 0);
    printf("comm file: %s", slurp("/proc/self/comm"));
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/comm", getpid());
    printf("/proc/<pid>/comm: %s", slurp(path));

    /* Threads: their own names, through task/<tid>. */
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    while (!worker_tid) {
        usleep(1000);
    }
    usleep(20000);
    char name[16];
    pthread_getname_np(th, name, sizeof(name));
    printf("worker name: %s\n", name);
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", worker_tid);
    parse_stat(path);
    printf("task stat: tid %d comm %s\n", field[1] == (unsigned long long)worker_tid, comm);
    pthread_setname_np(th, "renamed");
    worker_go = 1;
    while (!worker_seen[0]) {
        usleep(1000);
    }
    printf("worker sees: %s\n", worker_seen);
    snprintf(path, sizeof(path), "/proc/self/task/%d/status", worker_tid);
    printf("task %s\n", status_line(slurp(path), "Name:"));
    worker_go = 2;
    pthread_join(th, NULL);
    printf("thread-self comm: %s", slurp("/proc/thread-self/comm"));
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", 999999);
    printf("missing task: %d\n", slurp(path) == NULL);

    char *ci = slurp("/proc/cpuinfo");
    int procs = 0;
    for (char *l = ci; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        procs += !strncmp(l, "processor", 9);
    }
    printf("cpuinfo has processor lines: %d\n", procs > 0);
    printf("one per online cpu: %d\n", procs == sysconf(_SC_NPROCESSORS_ONLN));
    return 0;
}
