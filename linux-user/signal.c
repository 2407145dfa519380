/*
 * Signals: host fault handling for translated code, guest dispositions and
 * the default actions.
 *
 * A host SIGSEGV/SIGBUS inside translated code is a guest memory fault
 * (or a write to a page holding translated code, which only invalidates
 * that code).  The pc table of the faulting TB gives the guest pc; the
 * guest registers are already in the CPU state because the allocator writes
 * them back before every op that may fault.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "tcg/exec.h"
#include "tcg/util.h"

GuestSigaction guest_sigact[GUEST_NSIG + 1];

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
    /* Signals whose default is to be ignored or to stop end up here. */
    _exit(128 + sig);
}

void force_sig(CPUCommon *cpu, int sig, int code, uint32_t addr)
{
    if (strace_enabled) {
        strace_signal(sig, addr);
    }
    (void)code;
    fprintf(stderr, "mimic: guest killed by signal %d (%s) at pc 0x%08x", sig, strsignal(sig), cpu->pc);
    if (sig == SIGSEGV || sig == SIGBUS) {
        fprintf(stderr, ", address 0x%08x", addr);
    }
    fputc('\n', stderr);
    die_by_signal(sig);
}

void signal_update_host(int sig)
{
    (void)sig;
}

void process_pending_signals(CPUCommon *cpu)
{
    (void)cpu;
}

static void host_fault_handler(int sig, siginfo_t *si, void *uc_void)
{
    ucontext_t *uc = uc_void;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t addr = (uintptr_t)si->si_addr;
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    CPUCommon *cpu = current_thread ? current_thread->cpu : NULL;

    if (sig == SIGSEGV && is_write && page_unprotect(addr)) {
        return;     /* a write to translated code: retry the store */
    }
    if (cpu && tb_code_contains(host_pc) && guest_addr_in_window(addr)) {
        cpu_restore_state(cpu, host_pc);
        uint32_t gaddr = (uint32_t)(addr - (uintptr_t)guest_base);
        cpu->exception = sig == SIGBUS ? EXCP_BUS : EXCP_SEGV;
        cpu->exc_addr = gaddr;
        cpu->exc_code = (page_get_flags(gaddr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        /* Leave the handler's mask behind before unwinding. */
        sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
        cpu_loop_exit(cpu);
    }
    /* A fault in mimic itself. */
    char msg[160];
    int n = snprintf(msg, sizeof(msg), "mimic: internal error: host signal %d at pc %p, address %p\n", sig,
                     (void *)host_pc, (void *)addr);
    if (write(2, msg, (size_t)n) < 0) {
        /* nothing more to do */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void signal_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
