/*
 * Guest signals.
 *
 * Host side: every catchable signal the guest does not ignore has
 * host_signal_handler installed, without SA_RESTART.  The handler only
 * queues the signal on the current thread, keeps it blocked on the host
 * until the guest takes it (so further instances stay queued in the
 * kernel), and asks the CPU to leave translated code.  A blocking syscall
 * made through safe_syscall() either sees the request before it enters the
 * kernel or is interrupted with EINTR; either way it returns ERESTARTSYS.
 *
 * Guest side: process_pending_signals() runs between exits from translated
 * code.  It applies the guest's mask and disposition: the default action
 * (mimic dies of the same signal, stops, or ignores), or a handler frame
 * built by the architecture.  A syscall that returned ERESTARTSYS is
 * re-executed after the handler when SA_RESTART is set and returns EINTR
 * otherwise; with no handler it is simply restarted.
 *
 * Synchronous faults of translated code (SIGSEGV/SIGBUS from a guest
 * access) take host_fault_handler, which recovers the guest pc from the
 * TB's pc table; writes to pages holding translated code only invalidate
 * that code.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "tcg/exec.h"
#include "tcg/util.h"

GuestSigaction guest_sigact[GUEST_NSIG + 1];

extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_restart[];
long safe_syscall_base(volatile int *pending, long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/*
 * Signal numbers.  1-31 follow the guest's ABI table.  Real-time signals
 * shift by two: the host C library keeps host 32 and 33 for itself, while
 * the guest's C library needs its own 32 and 33 (thread cancellation and
 * setxid broadcasts), so guest 32..62 run on host 34..64 and guest 63 and
 * 64 have no host signal.
 */
int signal_to_guest(int host_sig)
{
    if (host_sig >= 34 && host_sig <= 64) {
        return host_sig - 2;
    }
    if (host_sig >= 32) {
        return -1;
    }
    return num_to_guest(user.ua ? user.ua->signals : NULL, host_sig);
}

int signal_to_host(int guest_sig)
{
    if (guest_sig >= 32) {
        return guest_sig <= 62 ? guest_sig + 2 : -1;
    }
    if (guest_sig < 1) {
        return -1;
    }
    return num_to_host(user.ua ? user.ua->signals : NULL, guest_sig);
}

/* Faults mimic must always see, whatever the guest blocks. */
static bool host_synchronous(int hsig)
{
    return hsig == SIGSEGV || hsig == SIGBUS || hsig == SIGILL || hsig == SIGFPE || hsig == SIGTRAP;
}

void signal_set_mask(GuestThread *t, uint64_t mask)
{
    mask &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    t->sigmask = mask;
    /* The host blocks what the guest blocks, so the kernel keeps those
     * pending where signalfd, sigtimedwait and sigpending see them, plus
     * what is queued for the guest and not yet taken. */
    sigset_t h;
    sigemptyset(&h);
    uint64_t held = mask | t->pending;
    for (int g = 1; g <= GUEST_NSIG; g++) {
        if (held & (1ull << (g - 1))) {
            int hs = signal_to_host(g);
            if (hs > 0 && !host_synchronous(hs)) {
                sigaddset(&h, hs);
            }
        }
    }
    pthread_sigmask(SIG_SETMASK, &h, NULL);
    signal_mask_changed(t);
}

long safe_syscall(long nr, ...)
{
    static volatile int never;
    va_list ap;
    long a[6];
    va_start(ap, nr);
    for (int i = 0; i < 6; i++) {
        a[i] = va_arg(ap, long);
    }
    va_end(ap);
    volatile int *pending = current_thread ? &current_thread->signal_pending : &never;
    long r = safe_syscall_base(pending, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (r < 0 && r >= -4095) {
        /* A signal for the guest interrupted the call. */
        return r == -EINTR ? -MIMIC_ERESTARTSYS : r;
    }
    return r;
}

noreturn void die_by_signal(int sig)
{
    struct sigaction sa;
    struct rlimit nocore = { 0, 0 };
    sigset_t set;

    fflush(stdout);
    fflush(stderr);
    /* mimic's own core would only mislead: the guest is what crashed. */
    setrlimit(RLIMIT_CORE, &nocore);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Only signals whose default action ignores or stops get here. */
    _exit(128 + sig);
}

/* Signals whose default action is to ignore, and to stop. */
static bool default_ignores(int hsig)
{
    return hsig == SIGCHLD || hsig == SIGURG || hsig == SIGWINCH || hsig == SIGCONT;
}

static bool default_stops(int hsig)
{
    return hsig == SIGSTOP || hsig == SIGTSTP || hsig == SIGTTIN || hsig == SIGTTOU;
}

static void host_signal_handler(int hsig, siginfo_t *info, void *ucv);
static void host_fault_handler(int hsig, siginfo_t *info, void *ucv);

static void install_host(int hsig, bool ignore, uint32_t gflags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    if (hsig == SIGSEGV || hsig == SIGBUS) {
        /* Needed for translated code whatever the guest does. */
        sa.sa_sigaction = host_fault_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    } else if (ignore) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_signal_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        if (hsig == SIGCHLD) {
            sa.sa_flags |= gflags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
        }
    }
    sigaction(hsig, &sa, NULL);
}

void signal_update_host(int gsig)
{
    int hsig = signal_to_host(gsig);
    if (hsig <= 0 || hsig >= NSIG || hsig == SIGKILL || hsig == SIGSTOP) {
        return;
    }
    const GuestSigaction *sa = &guest_sigact[gsig];
    install_host(hsig, sa->handler == 1, sa->flags);
}

void signal_init(void)
{
    for (int hsig = 1; hsig < NSIG; hsig++) {
        if (hsig == SIGKILL || hsig == SIGSTOP || hsig == 32 || hsig == 33) {
            continue;   /* uncatchable, or reserved by the host's libc */
        }
        struct sigaction old;
        sigaction(hsig, NULL, &old);
        int gsig = signal_to_guest(hsig);
        if (gsig >= 1 && gsig <= GUEST_NSIG) {
            /* Inherited dispositions: ignored stays ignored (nohup, sh). */
            guest_sigact[gsig].handler = old.sa_handler == SIG_IGN ? 1 : 0;
        }
        install_host(hsig, old.sa_handler == SIG_IGN, 0);
    }
}

/* ---- queueing (host signal context) ---- */

static void host_signal_handler(int hsig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    GuestThread *t = current_thread;
    int gsig = signal_to_guest(hsig);

    if (!t || gsig < 1 || gsig > GUEST_NSIG) {
        return;
    }
    t->pending_info[gsig] = *info;
    __atomic_or_fetch(&t->pending, 1ull << (gsig - 1), __ATOMIC_SEQ_CST);
    t->signal_pending = 1;
    /* Hold further instances in the kernel until the guest takes this one. */
    sigaddset(&uc->uc_sigmask, hsig);
    cpu_exit(t->cpu);
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uintptr_t)safe_syscall_start && pc < (uintptr_t)safe_syscall_end) {
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_restart;
    }
}

static void host_fault_handler(int hsig, siginfo_t *info, void *ucv)
{
    ucontext_t *uc = ucv;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t addr = (uintptr_t)info->si_addr;
    GuestThread *t = current_thread;
    CPUCommon *cpu = t ? t->cpu : NULL;

    if (info->si_code <= 0) {
        /* Sent by kill/tgkill, not a fault: an ordinary guest signal. */
        host_signal_handler(hsig, info, ucv);
        return;
    }
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    if (hsig == SIGSEGV && is_write && page_unprotect(addr)) {
        return;     /* a write to translated code: retry the store */
    }
    if (cpu && tb_code_contains(host_pc) && guest_addr_in_window(addr)) {
        cpu_restore_state(cpu, host_pc, uc);
        uint32_t gaddr = (uint32_t)(addr - (uintptr_t)guest_base);
        cpu->exception = hsig == SIGBUS ? EXCP_BUS : EXCP_SEGV;
        cpu->exc_addr = gaddr;
        cpu->exc_code = (page_get_flags(gaddr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        /* Leave the handler's mask behind before unwinding. */
        sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
        cpu_loop_exit(cpu);
    }
    char msg[160];
    int n = snprintf(msg, sizeof(msg), "mimic: internal error: host signal %d at pc %p, address %p\n", hsig,
                     (void *)host_pc, (void *)addr);
    if (write(2, msg, (size_t)n) < 0) {
        /* nothing more to do */
    }
    signal(hsig, SIG_DFL);
    raise(hsig);
}

/* ---- delivery (guest thread, outside translated code) ---- */

bool signal_on_altstack(const GuestThread *t, uint32_t sp)
{
    return t->ss_size && sp - t->ss_sp <= t->ss_size;
}

uint32_t signal_frame_sp(const GuestThread *t, const GuestSigaction *sa, uint32_t sp)
{
    if ((sa->flags & SA_ONSTACK) && t->ss_size && !signal_on_altstack(t, sp) && !(t->ss_flags & SS_DISABLE)) {
        return t->ss_sp + t->ss_size;
    }
    return sp;
}

void siginfo_to_guest(uint8_t *g, const siginfo_t *h, int gsig)
{
    bool be = user.big_endian;
    memset(g, 0, GUEST_SIGINFO_SIZE);
    g_st32(g, (uint32_t)gsig, be);
    if (user.ua->siginfo_code_first) {
        g_st32(g + 4, (uint32_t)h->si_code, be);
        g_st32(g + 8, (uint32_t)h->si_errno, be);
    } else {
        g_st32(g + 4, (uint32_t)h->si_errno, be);
        g_st32(g + 8, (uint32_t)h->si_code, be);
    }
    uint8_t *u = g + 12;
    int hsig = h->si_signo;
    if (h->si_code == SI_TIMER) {
        g_st32(u, (uint32_t)h->si_timerid, be);
        g_st32(u + 4, (uint32_t)h->si_overrun, be);
        g_st32(u + 8, (uint32_t)(uintptr_t)h->si_value.sival_ptr, be);
    } else if (h->si_code <= 0 || h->si_code == SI_USER) {
        /* kill, tkill, sigqueue, mq_notify... */
        g_st32(u, (uint32_t)h->si_pid, be);
        g_st32(u + 4, (uint32_t)h->si_uid, be);
        g_st32(u + 8, (uint32_t)(uintptr_t)h->si_value.sival_ptr, be);
    } else if (hsig == SIGCHLD) {
        /* For a child killed, dumped, stopped or trapped, si_status is a
         * signal number, and so the guest's. */
        int st = h->si_status;
        if (h->si_code == CLD_KILLED || h->si_code == CLD_DUMPED || h->si_code == CLD_STOPPED ||
            h->si_code == CLD_TRAPPED) {
            st = signal_to_guest(st);
        }
        g_st32(u, (uint32_t)h->si_pid, be);
        g_st32(u + 4, (uint32_t)h->si_uid, be);
        g_st32(u + 8, (uint32_t)st, be);
        g_st32(u + 12, (uint32_t)h->si_utime, be);
        g_st32(u + 16, (uint32_t)h->si_stime, be);
    } else if (hsig == SIGSEGV || hsig == SIGBUS || hsig == SIGILL || hsig == SIGFPE || hsig == SIGTRAP) {
        uintptr_t a = (uintptr_t)h->si_addr;
        /* A guest address when it lies in the window. */
        g_st32(u, guest_addr_in_window(a) ? (uint32_t)(a - (uintptr_t)guest_base) : (uint32_t)a, be);
    } else if (hsig == SIGIO) {
        g_st32(u, (uint32_t)h->si_band, be);
        g_st32(u + 4, (uint32_t)h->si_fd, be);
    }
}

bool signal_would_act(int gsig)
{
    const GuestSigaction *sa = &guest_sigact[gsig];
    if (sa->handler == 1) {
        return false;
    }
    return sa->handler != 0 || !default_ignores(signal_to_host(gsig));
}

/* Run the default action of a signal nobody handles. */
static void default_action(int gsig)
{
    int hsig = signal_to_host(gsig);
    if (default_ignores(hsig)) {
        return;
    }
    if (default_stops(hsig)) {
        /* Stop the whole process; SIGCONT resumes it here. */
        kill(getpid(), SIGSTOP);
        return;
    }
    die_by_signal(hsig);
}

static void deliver(CPUCommon *cpu, GuestThread *t, int gsig, const uint8_t *ginfo)
{
    GuestSigaction *sa = &guest_sigact[gsig];
    if (strace_enabled) {
        strace_signal(gsig, g_ld32(ginfo + 12, user.big_endian));
    }
    if (sa->handler == 0) {
        default_action(gsig);
        return;
    }
    if (sa->handler == 1) {
        return;
    }
    /* An interrupted syscall: restart it after the handler, or fail it. */
    if (t->syscall_restart) {
        t->syscall_restart = false;
        if (!(sa->flags & SA_RESTART)) {
            user.ua->syscall_eintr(cpu);
        }
    }
    uint64_t saved = t->sigsuspend_active ? t->sigsuspend_mask : t->sigmask;
    t->sigsuspend_active = false;
    if (!user.ua->signal_setup_frame(cpu, gsig, sa, ginfo, saved)) {
        /* The frame could not be written: the kernel forces SIGSEGV. */
        guest_sigact[SIGSEGV].handler = 0;
        die_by_signal(SIGSEGV);
    }
    uint64_t m = t->sigmask | sa->mask;
    if (!(sa->flags & SA_NODEFER)) {
        m |= 1ull << (gsig - 1);
    }
    signal_set_mask(t, m);
    if (sa->flags & SA_RESETHAND) {
        sa->handler = 0;
        signal_update_host(gsig);
    }
}

void process_pending_signals(CPUCommon *cpu)
{
    GuestThread *t = current_thread;
    while (t->signal_pending) {
        t->signal_pending = 0;
        uint64_t ready = __atomic_load_n(&t->pending, __ATOMIC_SEQ_CST) & ~t->sigmask;
        if (!ready) {
            break;
        }
        int gsig = __builtin_ctzll(ready) + 1;
        siginfo_t info = t->pending_info[gsig];
        __atomic_and_fetch(&t->pending, ~(1ull << (gsig - 1)), __ATOMIC_SEQ_CST);
        /* Let the kernel send the next instance. */
        signal_set_mask(t, t->sigmask);
        uint8_t ginfo[GUEST_SIGINFO_SIZE];
        siginfo_to_guest(ginfo, &info, gsig);
        deliver(cpu, t, gsig, ginfo);
        /* Look again: more may be ready, or the handler frame changed the
         * mask. */
        t->signal_pending = 1;
    }
    /* A syscall that returned ERESTARTSYS and met no handler re-executes. */
    t->syscall_restart = false;
    if (t->sigsuspend_active) {
        /* No handler ran: sigsuspend's temporary mask ends here. */
        t->sigsuspend_active = false;
        signal_set_mask(t, t->sigsuspend_mask);
    }
    cpu->exit_request = 0;
}

void signal_mask_changed(GuestThread *t)
{
    if (t->pending & ~t->sigmask) {
        t->signal_pending = 1;
        cpu_exit(t->cpu);
    }
}

void force_sig(CPUCommon *cpu, int gsig, int code, uint32_t addr)
{
    GuestThread *t = current_thread;
    GuestSigaction *sa = &guest_sigact[gsig];
    uint8_t ginfo[GUEST_SIGINFO_SIZE];
    bool be = user.big_endian;

    memset(ginfo, 0, sizeof(ginfo));
    g_st32(ginfo, (uint32_t)gsig, be);
    g_st32(ginfo + (user.ua->siginfo_code_first ? 4 : 8), (uint32_t)code, be);
    g_st32(ginfo + 12, addr, be);
    /* A synchronous fault that is blocked or ignored kills, as the kernel's
     * force_sig does. */
    bool blocked = t->sigmask & (1ull << (gsig - 1));
    if (sa->handler <= 1 || blocked) {
        if (strace_enabled) {
            strace_signal(gsig, addr);
        }
        fprintf(stderr, "mimic: guest killed by signal %d (%s) at pc 0x%08x", gsig, strsignal(signal_to_host(gsig)),
                cpu->pc);
        if (gsig == SIGSEGV || gsig == SIGBUS) {
            fprintf(stderr, ", address 0x%08x", addr);
        }
        fputc('\n', stderr);
        die_by_signal(signal_to_host(gsig));
    }
    deliver(cpu, t, gsig, ginfo);
}
