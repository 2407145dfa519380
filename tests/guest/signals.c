/* Signals: handlers, masks, sigaltstack, SIGSEGV recovery with siglongjmp,
 * raise and kill to self, SIGCHLD, sigwaitinfo, SA_RESETHAND, SA_NODEFER. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1, got_usr2, nested, depth, max_depth;
static volatile int last_code;
static volatile uintptr_t fault_addr;
static sigjmp_buf jb;
static char *altstack;
static volatile int on_alt;

static void h_usr1(int sig) { got_usr1 += sig; }

static void h_info(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_usr2 = sig;
    last_code = si->si_code;
}

static void h_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    last_code = si->si_code;
    siglongjmp(jb, sig);
}

static void h_alt(int sig)
{
    char here;
    (void)sig;
    on_alt = &here >= altstack && &here < altstack + 65536;
}

static void h_nodefer(int sig)
{
    depth++;
    if (depth > max_depth) {
        max_depth = depth;
    }
    if (depth < 3) {
        raise(sig);
    }
    depth--;
}

int main(void)
{
    struct sigaction sa;
    sigset_t set, old;

    /* A plain handler through raise and kill. */
    signal(SIGUSR1, h_usr1);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("usr1 handler total %d\n", (int)got_usr1);

    /* SA_SIGINFO and si_code for a queued signal. */
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = h_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    union sigval v = { .sival_int = 42 };
    sigqueue(getpid(), SIGUSR2, v);
    printf("usr2 sig %d code is SI_QUEUE: %d\n", (int)got_usr2, last_code == SI_QUEUE);

    /* Blocked signals stay pending until unblocked. */
    got_usr1 = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("pending while blocked: %d, delivered: %d\n", sigismember(&pend, SIGUSR1), (int)got_usr1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("delivered after unblock: %d\n", (int)got_usr1);

    /* SIGSEGV recovery: the handler sees the faulting address. */
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = h_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    volatile int *bad = (int *)(uintptr_t)0x10;
    int r = sigsetjmp(jb, 1);
    if (r == 0) {
        *bad = 1;
        printf("no fault?\n");
    } else {
        printf("recovered from signal %d at address 0x%lx, code %s\n", r, (unsigned long)fault_addr,
               last_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other");
    }
    /* mprotect, then a write fault with SEGV_ACCERR. */
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r = sigsetjmp(jb, 1);
    if (r == 0) {
        page[100] = 1;
        printf("no fault?\n");
    } else {
        printf("write to read-only page: signal %d, offset %ld, code %s\n", r, (long)(fault_addr - (uintptr_t)page),
               last_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
    }
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
    page[100] = 7;
    printf("after mprotect: %d\n", page[100]);

    /* sigaltstack. */
    altstack = malloc(65536);
    stack_t ss = { .ss_sp = altstack, .ss_size = 65536, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGWINCH, &sa, NULL);
    raise(SIGWINCH);
    printf("handler ran on the alternate stack: %d\n", (int)on_alt);

    /* SA_NODEFER lets the handler nest; SA_RESETHAND restores SIG_DFL. */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_nodefer;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGHUP, &sa, NULL);
    raise(SIGHUP);
    printf("nested depth %d\n", (int)max_depth);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_usr1;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    got_usr1 = 0;
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &sa);
    printf("after SA_RESETHAND: got %d, handler is SIG_DFL: %d\n", (int)got_usr1, sa.sa_handler == SIG_DFL);

    /* SIGCHLD and waitpid. */
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    siginfo_t si;
    int sig = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: %d, child matches %d, exited %d, status %d\n", sig, si.si_pid == pid,
           si.si_code == CLD_EXITED, si.si_status);
    int status;
    waitpid(pid, &status, 0);
    printf("waitpid: exited %d code %d\n", WIFEXITED(status), WEXITSTATUS(status));

    /* A child killed by a signal. */
    pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        kill(getpid(), SIGTERM);
        pause();
        _exit(0);
    }
    waitpid(pid, &status, 0);
    printf("child killed: signaled %d sig %d\n", WIFSIGNALED(status), WTERMSIG(status));

    /* An interrupted read on a pipe returns EINTR without SA_RESTART. */
    int p[2];
    if (pipe(p) == 0) {
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = h_usr1;
        sigaction(SIGALRM, &sa, NULL);
        alarm(1);
        char c;
        ssize_t n = read(p[0], &c, 1);
        printf("read interrupted: %zd errno EINTR %d\n", n, errno == EINTR);
    }
    return 0;
}
