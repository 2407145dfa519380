/* Process identity, limits, scheduling and exit. */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/thread.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"

#define BE (a->ua->big_endian)

int64_t sys_restart_syscall(SyscallArgs *a)
{
    (void)a;
    return -EINTR;
}

int64_t sys_exit(SyscallArgs *a)
{
    thread_exit((int)a->a[0] & 0xff);
}

int64_t sys_exit_group(SyscallArgs *a)
{
    user_exit((int)a->a[0] & 0xff);
}

int64_t sys_getpid(SyscallArgs *a) { (void)a; return getpid(); }
int64_t sys_getppid(SyscallArgs *a) { (void)a; return getppid(); }
int64_t sys_gettid(SyscallArgs *a) { (void)a; return syscall(SYS_gettid); }
int64_t sys_getuid(SyscallArgs *a) { (void)a; return getuid(); }
int64_t sys_geteuid(SyscallArgs *a) { (void)a; return geteuid(); }
int64_t sys_getgid(SyscallArgs *a) { (void)a; return getgid(); }
int64_t sys_getegid(SyscallArgs *a) { (void)a; return getegid(); }

/* The 16-bit id calls: ids that do not fit read as the overflow id. */
static int64_t id16(uint32_t id) { return id > 0xffff ? 65534 : id; }
int64_t sys_getuid16(SyscallArgs *a) { (void)a; return id16(getuid()); }
int64_t sys_geteuid16(SyscallArgs *a) { (void)a; return id16(geteuid()); }
int64_t sys_getgid16(SyscallArgs *a) { (void)a; return id16(getgid()); }
int64_t sys_getegid16(SyscallArgs *a) { (void)a; return id16(getegid()); }

int64_t sys_getpgrp(SyscallArgs *a) { (void)a; return getpgrp(); }
int64_t sys_getpgid(SyscallArgs *a) { return ERRNO(getpgid((pid_t)a->a[0])); }
int64_t sys_setpgid(SyscallArgs *a) { return ERRNO(setpgid((pid_t)a->a[0], (pid_t)a->a[1])); }
int64_t sys_getsid(SyscallArgs *a) { return ERRNO(getsid((pid_t)a->a[0])); }
int64_t sys_setsid(SyscallArgs *a) { (void)a; return ERRNO(setsid()); }

int64_t sys_set_tid_address(SyscallArgs *a)
{
    current_thread->clear_child_tid = a->a[0];
    return current_thread->tid;
}

int64_t sys_set_robust_list(SyscallArgs *a)
{
    if (a->a[1] != 12) {
        return -EINVAL;     /* sizeof(struct robust_list_head) on 32-bit */
    }
    current_thread->robust_list = a->a[0];
    current_thread->robust_len = a->a[1];
    return 0;
}

int64_t sys_uname(SyscallArgs *a)
{
    struct utsname u;
    char *g = lock_user(a->a[0], sizeof(u), PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (uname(&u) < 0) {
        return -errno;
    }
    /* Same layout: six 65-byte strings. */
    snprintf(u.machine, sizeof(u.machine), "%s", a->ua->uname_machine);
    memcpy(g, &u, sizeof(u));
    return 0;
}

/* rlimits: 64-bit in prlimit64, 32-bit in getrlimit with saturation. */
static void put_rlimit64(uint8_t *g, const struct rlimit *r, bool be)
{
    g_st64(g, r->rlim_cur, be);
    g_st64(g + 8, r->rlim_max, be);
}

int64_t sys_prlimit64(SyscallArgs *a)
{
    struct rlimit nv, ov;
    uint8_t *gnew = NULL, *gold = NULL;
    if (a->a[2]) {
        gnew = lock_user(a->a[2], 16, PROT_READ);
        if (!gnew) {
            return -EFAULT;
        }
        nv.rlim_cur = g_ld64(gnew, BE);
        nv.rlim_max = g_ld64(gnew + 8, BE);
    }
    if (a->a[3]) {
        gold = lock_user(a->a[3], 16, PROT_WRITE);
        if (!gold) {
            return -EFAULT;
        }
    }
    int res = (int)a->a[1];
    /* The guest's stack and address-space limits are not the host's. */
    if (gnew && (res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK)) {
        gnew = NULL;
    }
    if (prlimit((pid_t)a->a[0], res, gnew ? &nv : NULL, gold ? &ov : NULL) < 0) {
        return -errno;
    }
    if (gold) {
        put_rlimit64(gold, &ov, BE);
    }
    return 0;
}

static uint32_t rlim32(rlim_t v) { return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v; }

int64_t sys_ugetrlimit(SyscallArgs *a)
{
    struct rlimit r;
    uint8_t *g = lock_user(a->a[1], 8, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (getrlimit((int)a->a[0], &r) < 0) {
        return -errno;
    }
    g_st32(g, rlim32(r.rlim_cur), BE);
    g_st32(g + 4, rlim32(r.rlim_max), BE);
    return 0;
}

int64_t sys_setrlimit(SyscallArgs *a)
{
    uint8_t *g = lock_user(a->a[1], 8, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    struct rlimit r;
    uint32_t cur = g_ld32(g, BE), max = g_ld32(g + 4, BE);
    r.rlim_cur = cur == 0xffffffffu ? RLIM_INFINITY : cur;
    r.rlim_max = max == 0xffffffffu ? RLIM_INFINITY : max;
    int res = (int)a->a[0];
    if (res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK) {
        return 0;
    }
    return ERRNO(setrlimit(res, &r));
}

int64_t sys_sched_yield(SyscallArgs *a) { (void)a; return ERRNO(sched_yield()); }

int64_t sys_sysinfo(SyscallArgs *a)
{
    struct sysinfo si;
    uint8_t *g = lock_user(a->a[0], 64, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (sysinfo(&si) < 0) {
        return -errno;
    }
    /* 32-bit layout: longs and pointers are 4 bytes.  Grow mem_unit until
     * the sizes fit, as the kernel's compat code does. */
    uint64_t mu = si.mem_unit ? si.mem_unit : 1, unit = mu;
    while (((uint64_t)si.totalram * mu / unit > 0xffffffffu || (uint64_t)si.totalswap * mu / unit > 0xffffffffu) &&
           unit < (1u << 30)) {
        unit <<= 1;
    }
#define SCALE(v) (uint32_t)((uint64_t)(v) * mu / unit)
    memset(g, 0, 64);
    g_st32(g + 0, (uint32_t)si.uptime, BE);
    for (int i = 0; i < 3; i++) {
        g_st32(g + 4 + 4 * i, (uint32_t)si.loads[i], BE);
    }
    g_st32(g + 16, SCALE(si.totalram), BE);
    g_st32(g + 20, SCALE(si.freeram), BE);
    g_st32(g + 24, SCALE(si.sharedram), BE);
    g_st32(g + 28, SCALE(si.bufferram), BE);
    g_st32(g + 32, SCALE(si.totalswap), BE);
    g_st32(g + 36, SCALE(si.freeswap), BE);
    g_st16(g + 40, si.procs, BE);
    g_st32(g + 44, SCALE(si.totalhigh), BE);
    g_st32(g + 48, SCALE(si.freehigh), BE);
    g_st32(g + 52, (uint32_t)unit, BE);
#undef SCALE
    return 0;
}

int64_t sys_times(SyscallArgs *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (a->a[0]) {
        uint8_t *g = lock_user(a->a[0], 16, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, (uint32_t)t.tms_utime, BE);
        g_st32(g + 4, (uint32_t)t.tms_stime, BE);
        g_st32(g + 8, (uint32_t)t.tms_cutime, BE);
        g_st32(g + 12, (uint32_t)t.tms_cstime, BE);
    }
    return (int64_t)(int32_t)(uint32_t)r;
}

int64_t sys_getrandom(SyscallArgs *a)
{
    void *p = lock_user(a->a[0], a->a[1], PROT_WRITE);
    if (!p) {
        return -EFAULT;
    }
    return ERRNO(syscall(SYS_getrandom, p, (size_t)a->a[1], (unsigned)a->a[2]));
}

/* ---- creation ---- */

/* clone's argument order on ARM, MIPS o32 and PowerPC (CLONE_BACKWARDS):
 * flags, newsp, parent_tid, tls, child_tid. */
static int64_t do_clone(SyscallArgs *a, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    const uint32_t thread_flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
    if (flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
                 CLONE_NEWCGROUP | CLONE_PTRACE | CLONE_PIDFD)) {
        return -EINVAL;
    }
    if (flags & CLONE_VM) {
        if ((flags & thread_flags) == thread_flags) {
            return thread_create(a->cpu, flags, newsp, ptid, tls, ctid);
        }
        if (!(flags & CLONE_VFORK)) {
            /* A second process sharing our memory cannot be built from a
             * host process; threads are the only CLONE_VM users we run. */
            return -EINVAL;
        }
    }
    /* fork, vfork and CLONE_VM|CLONE_VFORK (posix_spawn) run as a fork: the
     * child gets a copy of memory and, if asked, its own stack.  The host
     * child always reports SIGCHLD, whatever termination signal was asked. */
    return process_fork(a->cpu, flags, newsp, ptid, tls, ctid);
}

int64_t sys_clone(SyscallArgs *a) { return do_clone(a, a->a[0], a->a[1], a->a[2], a->a[3], a->a[4]); }
int64_t sys_fork(SyscallArgs *a) { return do_clone(a, SIGCHLD, 0, 0, 0, 0); }
int64_t sys_vfork(SyscallArgs *a) { return do_clone(a, CLONE_VFORK | SIGCHLD, 0, 0, 0, 0); }

/* ---- waiting ---- */

/* struct rusage of the 32-bit ABIs: two timevals then fourteen longs. */
static int64_t put_rusage(SyscallArgs *a, uint32_t addr, const struct rusage *ru)
{
    uint8_t *g = lock_user(addr, 72, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    g_st32(g, (uint32_t)ru->ru_utime.tv_sec, BE);
    g_st32(g + 4, (uint32_t)ru->ru_utime.tv_usec, BE);
    g_st32(g + 8, (uint32_t)ru->ru_stime.tv_sec, BE);
    g_st32(g + 12, (uint32_t)ru->ru_stime.tv_usec, BE);
    const long *rest = &ru->ru_maxrss;
    for (int i = 0; i < 14; i++) {
        g_st32(g + 16 + 4 * i, (uint32_t)rest[i], BE);
    }
    return 0;
}

/* The signal numbers inside a wait status are the guest's. */
static int wait_status_to_guest(int status)
{
    if (WIFSIGNALED(status)) {
        return (status & ~0x7f) | (signal_to_guest(WTERMSIG(status)) & 0x7f);
    }
    if (WIFSTOPPED(status)) {
        return (status & 0xff) | (signal_to_guest(WSTOPSIG(status)) << 8) | (status & ~0xffff);
    }
    return status;
}

int64_t sys_wait4(SyscallArgs *a)
{
    int status;
    struct rusage ru;
    long r = safe_syscall(SYS_wait4, (long)(int32_t)a->a[0], &status, (long)a->a[2], a->a[3] ? &ru : NULL);
    if (r < 0) {
        return r;
    }
    if (r > 0 && a->a[1]) {
        uint8_t *g = lock_user(a->a[1], 4, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, (uint32_t)wait_status_to_guest(status), BE);
    }
    if (r > 0 && a->a[3]) {
        int64_t e = put_rusage(a, a->a[3], &ru);
        if (e) {
            return e;
        }
    }
    return r;
}

int64_t sys_waitid(SyscallArgs *a)
{
    siginfo_t info;
    struct rusage ru;
    memset(&info, 0, sizeof(info));
    long r = safe_syscall(SYS_waitid, (long)a->a[0], (long)(int32_t)a->a[1], &info, (long)a->a[3],
                          a->a[4] ? &ru : NULL);
    if (r < 0) {
        return r;
    }
    if (a->a[2]) {
        uint8_t *g = lock_user(a->a[2], GUEST_SIGINFO_SIZE, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        if (info.si_pid) {
            siginfo_to_guest(g, &info, info.si_signo ? signal_to_guest(info.si_signo) : 0);
        } else {
            memset(g, 0, GUEST_SIGINFO_SIZE);
        }
    }
    if (a->a[4]) {
        return put_rusage(a, a->a[4], &ru);
    }
    return r;
}

int64_t sys_getrusage(SyscallArgs *a)
{
    struct rusage ru;
    if (getrusage((int)a->a[0], &ru) < 0) {
        return -errno;
    }
    return put_rusage(a, a->a[1], &ru);
}
