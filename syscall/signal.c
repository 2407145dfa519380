/* Signal syscalls: dispositions and masks. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "syscall/sysutil.h"


/* 0 stays 0 (kill's existence probe); others go through the mapping that
 * also shifts the real-time signals. */
static int sig_to_host(const SyscallArgs *a, int g)
{
    (void)a;
    return g ? signal_to_host(g) : 0;
}

int64_t sys_rt_sigaction(SyscallArgs *a)
{
    int sig = (int)a->a[0];
    const StructConv *sc = a->ua->structs[GS_SIGACTION];
    if (sig < 1 || sig > GUEST_NSIG || a->a[3] != 8) {
        return -EINVAL;
    }
    if (a->a[2]) {
        void *g = lock_user(a->a[2], sc->gsize, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        GuestSigaction ga = guest_sigact[sig];
        const FlagConv *fc = a->ua->flags[GF_SIGACTION];
        if (fc) {
            ga.flags = flags_to_guest(fc, ga.flags);
        }
        struct_to_guest(sc, g, &ga, BE);
    }
    if (a->a[1]) {
        const void *g = lock_user(a->a[1], sc->gsize, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        int hs = sig_to_host(a, sig);
        if (hs == SIGKILL || hs == SIGSTOP) {
            return -EINVAL;
        }
        struct_from_guest(sc, &guest_sigact[sig], g, BE);
        const FlagConv *fc = a->ua->flags[GF_SIGACTION];
        if (fc) {
            guest_sigact[sig].flags = flags_to_host(fc, guest_sigact[sig].flags);
        }
        signal_update_host(sig);
    }
    return 0;
}

int64_t sys_rt_sigprocmask(SyscallArgs *a)
{
    int how = (int)a->a[0];
    if (a->a[3] != 8) {
        return -EINVAL;
    }
    GuestThread *t = current_thread;
    uint64_t old = t->sigmask, mask = old;
    if (a->a[1]) {
        const uint8_t *g = lock_user(a->a[1], 8, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        uint64_t set = (uint64_t)g_ld32(g + 4, BE) << 32 | g_ld32(g, BE);
        switch (how) {
        case SIG_BLOCK: mask |= set; break;
        case SIG_UNBLOCK: mask &= ~set; break;
        case SIG_SETMASK: mask = set; break;
        default: return -EINVAL;
        }
    }
    if (a->a[2]) {
        uint8_t *g = lock_user(a->a[2], 8, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, (uint32_t)old, BE);
        g_st32(g + 4, (uint32_t)(old >> 32), BE);
    }
    if (mask != old) {
        signal_set_mask(t, mask);
    }
    return 0;
}

int64_t sys_kill(SyscallArgs *a)
{
    return kill((pid_t)a->a[0], sig_to_host(a, (int)a->a[1])) < 0 ? -errno : 0;
}

int64_t sys_tkill(SyscallArgs *a)
{
    return syscall(SYS_tkill, (pid_t)a->a[0], sig_to_host(a, (int)a->a[1])) < 0 ? -errno : 0;
}

int64_t sys_tgkill(SyscallArgs *a)
{
    return syscall(SYS_tgkill, (pid_t)a->a[0], (pid_t)a->a[1], sig_to_host(a, (int)a->a[2])) < 0 ? -errno : 0;
}

int64_t sys_rt_sigreturn(SyscallArgs *a)
{
    int64_t r = a->ua->signal_return(a->cpu, true);
    if (r == -EFAULT) {
        force_sig(a->cpu, SIGSEGV, SI_KERNEL, 0);
    }
    return r;
}

int64_t sys_sigreturn(SyscallArgs *a)
{
    int64_t r = a->ua->signal_return(a->cpu, false);
    if (r == -EFAULT) {
        force_sig(a->cpu, SIGSEGV, SI_KERNEL, 0);
    }
    return r;
}

int64_t sys_sigaltstack(SyscallArgs *a)
{
    GuestThread *t = current_thread;
    uint32_t sp = a->ua->cpu_get_sp(a->cpu);
    bool on = signal_on_altstack(t, sp);
    if (a->a[1]) {
        uint8_t *g = lock_user(a->a[1], 12, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, t->ss_sp, BE);
        g_st32(g + 4, on ? SS_ONSTACK : t->ss_size ? 0 : SS_DISABLE, BE);
        g_st32(g + 8, t->ss_size, BE);
    }
    if (a->a[0]) {
        const uint8_t *g = lock_user(a->a[0], 12, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        uint32_t ss_sp = g_ld32(g, BE), flags = g_ld32(g + 4, BE), size = g_ld32(g + 8, BE);
        if (on) {
            return -EPERM;
        }
        if (flags & ~(uint32_t)(SS_DISABLE | 0x80000000u /* SS_AUTODISARM */)) {
            return -EINVAL;
        }
        if (flags & SS_DISABLE) {
            t->ss_sp = 0;
            t->ss_size = 0;
            t->ss_flags = SS_DISABLE;
        } else {
            if (size < 2048) {      /* MINSIGSTKSZ of the 32-bit ABIs */
                return -ENOMEM;
            }
            t->ss_sp = ss_sp;
            t->ss_size = size;
            t->ss_flags = 0;
        }
    }
    return 0;
}

static int64_t write_sigset(SyscallArgs *a, uint32_t addr, uint64_t set)
{
    uint8_t *g = lock_user(addr, 8, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    g_st32(g, (uint32_t)set, BE);
    g_st32(g + 4, (uint32_t)(set >> 32), BE);
    return 0;
}

/* Wait until a signal that the guest would act on is queued, with every
 * catchable host signal blocked around the check so none slips in between
 * the check and the wait.  Signals the guest ignores are dropped. */
static void wait_for_signal(GuestThread *t, uint64_t deliverable)
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    for (;;) {
        uint64_t ready = t->pending & deliverable;
        uint64_t acting = 0;
        for (int g = 1; g <= GUEST_NSIG; g++) {
            if ((ready & (1ull << (g - 1))) && signal_would_act(g)) {
                acting |= 1ull << (g - 1);
            }
        }
        if (acting) {
            break;
        }
        if (ready) {
            __atomic_and_fetch(&t->pending, ~ready, __ATOMIC_SEQ_CST);
            /* Those host signals were held for the guest: release them. */
            for (int g = 1; g <= GUEST_NSIG; g++) {
                if (ready & (1ull << (g - 1))) {
                    sigdelset(&old, signal_to_host(g));
                }
            }
        }
        sigsuspend(&old);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

int64_t sys_rt_sigsuspend(SyscallArgs *a)
{
    GuestThread *t = current_thread;
    uint64_t set;
    if (a->a[1] != 8) {
        return -EINVAL;
    }
    int64_t e = guest_get_sigset(a, a->a[0], 8, &set);
    if (e) {
        return e;
    }
    t->sigsuspend_mask = t->sigmask;
    t->sigsuspend_active = true;
    signal_set_mask(t, set);
    wait_for_signal(t, ~t->sigmask);
    t->signal_pending = 1;
    /* The handler frame records the original mask; if no handler runs,
     * the original mask comes back here. */
    return -EINTR;
}

int64_t sys_pause(SyscallArgs *a)
{
    (void)a;
    GuestThread *t = current_thread;
    wait_for_signal(t, ~t->sigmask);
    t->signal_pending = 1;
    return -EINTR;
}

int64_t sys_rt_sigpending(SyscallArgs *a)
{
    GuestThread *t = current_thread;
    if (a->a[1] > 8) {
        return -EINVAL;
    }
    sigset_t host;
    sigpending(&host);
    uint64_t set = t->pending & t->sigmask;
    for (int g = 1; g <= GUEST_NSIG; g++) {
        int h = signal_to_host(g);
        if (h > 0 && h < NSIG && sigismember(&host, h) && (t->sigmask & (1ull << (g - 1)))) {
            set |= 1ull << (g - 1);
        }
    }
    return write_sigset(a, a->a[0], set);
}

static int64_t do_sigtimedwait(SyscallArgs *a, bool t64)
{
    GuestThread *t = current_thread;
    uint64_t set;
    if (a->a[3] != 8) {
        return -EINVAL;
    }
    int64_t e = guest_get_sigset(a, a->a[0], 8, &set);
    if (e) {
        return e;
    }
    struct timespec ts, *tsp = NULL;
    if (a->a[2]) {
        e = guest_get_timespec(a, a->a[2], &ts, t64);
        if (e) {
            return e;
        }
        tsp = &ts;
    }
    sigset_t hset;
    sigemptyset(&hset);
    for (int g = 1; g <= GUEST_NSIG; g++) {
        if (set & (1ull << (g - 1))) {
            sigaddset(&hset, signal_to_host(g));
        }
    }
    siginfo_t info;
    int gsig = 0;
    uint64_t queued = t->pending & set;
    if (queued) {
        /* Already taken by the host handler and waiting in our queue. */
        gsig = __builtin_ctzll(queued) + 1;
        info = t->pending_info[gsig];
        __atomic_and_fetch(&t->pending, ~(1ull << (gsig - 1)), __ATOMIC_SEQ_CST);
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, signal_to_host(gsig));
        sigprocmask(SIG_UNBLOCK, &one, NULL);
    } else {
        /* The kernel only hands blocked signals to sigtimedwait. */
        sigset_t old;
        sigprocmask(SIG_BLOCK, &hset, &old);
        long r = safe_syscall(SYS_rt_sigtimedwait, &hset, &info, tsp, (long)(_NSIG / 8));
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (r < 0) {
            return r;
        }
        gsig = signal_to_guest((int)r);
    }
    if (a->a[1]) {
        uint8_t *g = lock_user(a->a[1], GUEST_SIGINFO_SIZE, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        siginfo_to_guest(g, &info, gsig);
    }
    return gsig;
}

int64_t sys_rt_sigtimedwait(SyscallArgs *a) { return do_sigtimedwait(a, false); }
int64_t sys_rt_sigtimedwait_time64(SyscallArgs *a) { return do_sigtimedwait(a, true); }

/* Queue a signal with data: the guest's siginfo carries the value. */
static int64_t do_sigqueue(SyscallArgs *a, pid_t tgid, pid_t tid, int gsig, uint32_t info_addr)
{
    const uint8_t *g = lock_user(info_addr, GUEST_SIGINFO_SIZE, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    siginfo_t info;
    memset(&info, 0, sizeof(info));
    info.si_signo = signal_to_host(gsig);
    info.si_code = (int)g_ld32(g + (a->ua->siginfo_code_first ? 4 : 8), BE);
    info.si_pid = (pid_t)g_ld32(g + 12, BE);
    info.si_uid = g_ld32(g + 16, BE);
    info.si_value.sival_ptr = (void *)(uintptr_t)g_ld32(g + 20, BE);
    long r = tid ? syscall(SYS_rt_tgsigqueueinfo, tgid, tid, info.si_signo, &info)
                 : syscall(SYS_rt_sigqueueinfo, tgid, info.si_signo, &info);
    return r < 0 ? -errno : r;
}

int64_t sys_rt_sigqueueinfo(SyscallArgs *a) { return do_sigqueue(a, (pid_t)a->a[0], 0, (int)a->a[1], a->a[2]); }
int64_t sys_rt_tgsigqueueinfo(SyscallArgs *a)
{
    return do_sigqueue(a, (pid_t)a->a[0], (pid_t)a->a[1], (int)a->a[2], a->a[3]);
}
