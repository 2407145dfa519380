/* Credentials, prctl, personality, priorities and capabilities, as the
 * current user (root or not: every line prints the same either way). */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/syscall.h>
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

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ---- ids ---- */

static void test_ids(void)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    show("getresuid", getresuid(&r, &e, &s));
    printf("resuid match: %d\n", r == getuid() && e == geteuid() && s == geteuid());
    show("getresgid", getresgid(&gr, &ge, &gs));
    printf("resgid match: %d\n", gr == getgid() && ge == getegid() && gs == getegid());
    /* Setting what is already there is allowed to everyone. */
    show("setuid(self)", setuid(getuid()));
    show("setgid(self)", setgid(getgid()));
    show("setreuid(-1,-1)", setreuid(-1, -1));
    show("setregid(-1,-1)", setregid(-1, -1));
    show("setresuid(-1,-1,-1)", setresuid(-1, -1, -1));
    show("setresgid(r,e,s)", setresgid(gr, ge, gs));
    printf("setfsuid query: %d\n", setfsuid(-1) == (int)geteuid());
    printf("setfsgid query: %d\n", setfsgid(-1) == (int)getegid());
    errno = 0;
    show("getresuid(bad)", syscall(SYS_getresuid, BAD_PTR, &e, &s));
    show("getresgid(NULL)", syscall(SYS_getresgid, &gr, NULL, &gs));

    int n = getgroups(0, NULL);
    printf("getgroups count >= 0: %d\n", n >= 0);
    gid_t *list = calloc(n + 1, sizeof(gid_t));
    printf("getgroups again: %d\n", getgroups(n, list) == n);
    if (n > 0) {
        show("getgroups(too small)", getgroups(n - 1, list) == -1 ? -1 : 0);
    }
    show("getgroups(bad)", n > 0 ? getgroups(n, BAD_PTR) : (errno = EFAULT, -1));
    /* Root may set the same list again; others get EPERM. */
    long sg = setgroups(n, list);
    printf("setgroups same: %s\n", sg == 0 ? "ok" : errno == EPERM ? "EPERM" : strerrorname_np(errno));
    long sb = setgroups(1, BAD_PTR);
    printf("setgroups(bad): %s\n", sb == 0 ? "ok" : strerrorname_np(errno));
    free(list);

#ifdef __arm__
    /* The 16-bit forms, which only old binaries use (ARM numbers 24
     * getuid, 47 getgid, 165 getresuid, 70 setreuid): ids past 0xffff
     * read as 65534, and 0xffff means -1. */
    unsigned uid16 = getuid() > 0xffff ? 65534 : getuid();
    unsigned short r16 = 1, e16 = 1, s16 = 1;
    long g16 = syscall(165, &r16, &e16, &s16);
    printf("16-bit ids: %d\n", g16 == 0 && r16 == uid16 && syscall(24) == (long)uid16 &&
                                   syscall(47) == (long)(getgid() > 0xffff ? 65534 : getgid()) &&
                                   syscall(70, 0xffff, 0xffff) == 0);
#else
    printf("16-bit ids: 1\n");
#endif
}

/* ---- prctl ---- */

static char thread_name[16];

static void *name_thread(void *arg)
{
    prctl(PR_GET_NAME, thread_name);
    return NULL;
}

static void test_prctl(const char *argv0)
{
    char name[32];
    memset(name, 'x', sizeof(name));
    show("PR_GET_NAME", prctl(PR_GET_NAME, name));
    char want[16];
    snprintf(want, sizeof(want), "%s", base(argv0));
    printf("initial name is the program's: %d\n", strcmp(name, want) == 0);
    printf("name padded: %d\n", name[15] == 0 && name[16] == 'x');
    show("PR_SET_NAME", prctl(PR_SET_NAME, "a-rather-long-thread-name"));
    prctl(PR_GET_NAME, name);
    printf("name: %s\n", name);
    pthread_t th;
    pthread_create(&th, NULL, name_thread, NULL);
    pthread_join(th, NULL);
    printf("inherited by threads: %s\n", thread_name);
    show("PR_SET_NAME(bad)", prctl(PR_SET_NAME, BAD_PTR));
    show("PR_GET_NAME(bad)", prctl(PR_GET_NAME, BAD_PTR));

    int sig = -1;
    show("PR_SET_PDEATHSIG(SIGUSR1)", prctl(PR_SET_PDEATHSIG, SIGUSR1));
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("pdeathsig: %d\n", sig);
    show("PR_SET_PDEATHSIG(SIGRTMIN+1)", prctl(PR_SET_PDEATHSIG, SIGRTMIN + 1));
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("pdeathsig is SIGRTMIN+1: %d\n", sig == SIGRTMIN + 1);
    show("PR_SET_PDEATHSIG(0)", prctl(PR_SET_PDEATHSIG, 0));
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("pdeathsig: %d\n", sig);
    show("PR_SET_PDEATHSIG(99)", prctl(PR_SET_PDEATHSIG, 99));
    show("PR_GET_PDEATHSIG(bad)", prctl(PR_GET_PDEATHSIG, BAD_PTR));

    show("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    show("PR_SET_DUMPABLE(0)", prctl(PR_SET_DUMPABLE, 0));
    show("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    show("PR_SET_DUMPABLE(1)", prctl(PR_SET_DUMPABLE, 1));
    show("PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    show("PR_SET_NO_NEW_PRIVS(2)", prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0));
    show("PR_SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    show("PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    show("PR_SET_CHILD_SUBREAPER", prctl(PR_SET_CHILD_SUBREAPER, 1));
    int v = -1;
    show("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &v));
    printf("subreaper: %d\n", v);
    show("PR_SET_TIMERSLACK", prctl(PR_SET_TIMERSLACK, 123456));
    show("PR_GET_TIMERSLACK", prctl(PR_GET_TIMERSLACK));
    long cap = prctl(PR_CAPBSET_READ, CAP_CHOWN);
    printf("PR_CAPBSET_READ: %d\n", cap == 0 || cap == 1);
    show("PR_CAPBSET_READ(999)", prctl(PR_CAPBSET_READ, 999));
    show("PR_SET_SECCOMP(99)", prctl(PR_SET_SECCOMP, 99, NULL));
    show("prctl(12345)", prctl(12345, 0, 0, 0, 0));
}

/* ---- personality, priority, capabilities ---- */

static void test_misc(void)
{
    int p = personality(0xffffffff);
    printf("personality: 0x%x\n", p & 0xff);
    printf("set PER_LINUX32 returns old: %d\n", personality(PER_LINUX32) == p);
    printf("now: 0x%x\n", personality(0xffffffff) & 0xff);
    personality(p);
    printf("restored: %d\n", personality(0xffffffff) == p);

    errno = 0;
    int n0 = getpriority(PRIO_PROCESS, 0);
    show("setpriority(+2)", setpriority(PRIO_PROCESS, 0, n0 + 2));
    printf("getpriority delta: %d\n", getpriority(PRIO_PROCESS, 0) - n0);
    errno = 0;
    int n1 = nice(1);
    printf("nice(1) delta: %d errno %d\n", n1 - n0, errno);
    show("getpriority(bad which)", getpriority(99, 0));

    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct d[2];
    show("capget v3", syscall(SYS_capget, &h, d));
    printf("effective within permitted: %d\n", (d[0].effective & ~d[0].permitted) == 0);
    show("capset same", syscall(SYS_capset, &h, d));
    h.version = 0;
    show("capget bad version, NULL data", syscall(SYS_capget, &h, NULL));
    printf("kernel's version: 0x%x\n", h.version);
    h.version = 0;
    show("capget bad version", syscall(SYS_capget, &h, d));
    h.version = _LINUX_CAPABILITY_VERSION_3;
    show("capget(bad data)", syscall(SYS_capget, &h, BAD_PTR));
    show("capget(bad header)", syscall(SYS_capget, BAD_PTR, d));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_ids();
    test_prctl(argv[0]);
    test_misc();
    return 0;
}
