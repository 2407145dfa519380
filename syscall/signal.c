/* Signal syscalls: dispositions and masks. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"

#define BE (a->ua->big_endian)

static int sig_to_host(const SyscallArgs *a, int g) { return num_to_host(a->ua->signals, g); }

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
        struct_to_guest(sc, g, &guest_sigact[sig], BE);
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
    uint64_t old = current_thread->sigmask;
    if (a->a[1]) {
        const uint8_t *g = lock_user(a->a[1], 8, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        uint64_t set = (uint64_t)g_ld32(g + 4, BE) << 32 | g_ld32(g, BE);
        /* SIGKILL and SIGSTOP can never be blocked. */
        set &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
        switch (how) {
        case SIG_BLOCK: current_thread->sigmask |= set; break;
        case SIG_UNBLOCK: current_thread->sigmask &= ~set; break;
        case SIG_SETMASK: current_thread->sigmask = set; break;
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
