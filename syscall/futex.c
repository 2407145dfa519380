/* futex: operations act directly on the guest's words in the window. */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "syscall/sysutil.h"


static int64_t do_futex(SyscallArgs *a, bool t64)
{
    uint32_t uaddr = a->a[0], val = a->a[2], uaddr2 = a->a[4], val3 = a->a[5];
    int op = (int)a->a[1];
    int cmd = op & FUTEX_CMD_MASK;
    struct timespec ts, *tsp = NULL;

    if (uaddr & 3) {
        return -EINVAL;
    }
    if (!guest_range_ok(uaddr, 4, PROT_READ)) {
        return -EFAULT;
    }
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (a->a[3]) {
            int64_t e = guest_get_timespec(a, a->a[3], &ts, t64);
            if (e) {
                return e;
            }
            tsp = &ts;
        }
        /* The kernel compares val with the word as it lies in memory. */
        if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAIT_REQUEUE_PI) {
            if (BE) {
                val = __builtin_bswap32(val);
            }
        }
        if (cmd == FUTEX_WAIT_REQUEUE_PI && !guest_range_ok(uaddr2, 4, PROT_READ)) {
            return -EFAULT;
        }
        return safe_syscall(SYS_futex, g2h(uaddr), op, (long)val, tsp,
                            cmd == FUTEX_WAIT_REQUEUE_PI ? g2h(uaddr2) : NULL, (long)val3);
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        return sys_result(syscall(SYS_futex, g2h(uaddr), op, (long)val, NULL, NULL, (long)val3));
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_CMP_REQUEUE_PI:
    case FUTEX_WAKE_OP:
        if ((uaddr2 & 3) || !guest_range_ok(uaddr2, 4, PROT_READ | PROT_WRITE)) {
            return (uaddr2 & 3) ? -EINVAL : -EFAULT;
        }
        if (BE && (cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI)) {
            val3 = __builtin_bswap32(val3);
        }
        /* The fourth argument is the count val2 here, not a timeout. */
        return sys_result(syscall(SYS_futex, g2h(uaddr), op, (long)val, (long)a->a[3], g2h(uaddr2), (long)val3));
    default:
        return -ENOSYS;
    }
}

int64_t sys_futex(SyscallArgs *a) { return do_futex(a, false); }
int64_t sys_futex_time64(SyscallArgs *a) { return do_futex(a, true); }
