/*
 * Scheduling, CPU affinity, memory locking and residency, process handles
 * (pidfd, kcmp, process_vm_*), host names and the kernel log.
 *
 * Scheduling attributes are per thread in Linux; a guest thread is a host
 * thread, so the raw host calls act on the right one.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "tcg/util.h"

#define BE (a->ua->big_endian)

/* ---- policy and parameters ---- */

/* struct sched_param is one int in every ABI.  The kernel rejects a NULL
 * one and a negative pid before it reads the struct. */
static int64_t get_sched_param(SyscallArgs *a, uint32_t addr, struct sched_param *p)
{
    if ((int32_t)a->a[0] < 0 || !addr) {
        return -EINVAL;
    }
    const uint8_t *g = lock_user(addr, 4, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    p->sched_priority = (int)g_ld32(g, BE);
    return 0;
}

int64_t sys_sched_setscheduler(SyscallArgs *a)
{
    struct sched_param p;
    int64_t e = get_sched_param(a, a->a[2], &p);
    return e ? e : ERRNO(syscall(SYS_sched_setscheduler, (pid_t)a->a[0], (int)a->a[1], &p));
}

int64_t sys_sched_setparam(SyscallArgs *a)
{
    struct sched_param p;
    int64_t e = get_sched_param(a, a->a[1], &p);
    return e ? e : ERRNO(syscall(SYS_sched_setparam, (pid_t)a->a[0], &p));
}

int64_t sys_sched_getparam(SyscallArgs *a)
{
    if ((int32_t)a->a[0] < 0 || !a->a[1]) {
        return -EINVAL;
    }
    struct sched_param p;
    if (syscall(SYS_sched_getparam, (pid_t)a->a[0], &p) < 0) {
        return -errno;
    }
    uint8_t *g = lock_user(a->a[1], 4, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    g_st32(g, (uint32_t)p.sched_priority, BE);
    return 0;
}

int64_t sys_sched_getscheduler(SyscallArgs *a) { return ERRNO(syscall(SYS_sched_getscheduler, (pid_t)a->a[0])); }
int64_t sys_sched_get_priority_max(SyscallArgs *a) { return ERRNO(sched_get_priority_max((int)a->a[0])); }
int64_t sys_sched_get_priority_min(SyscallArgs *a) { return ERRNO(sched_get_priority_min((int)a->a[0])); }

static int64_t do_rr_get_interval(SyscallArgs *a, bool t64)
{
    struct timespec ts;
    if (syscall(SYS_sched_rr_get_interval, (pid_t)a->a[0], &ts) < 0) {
        return -errno;
    }
    uint8_t *g = lock_user(a->a[1], t64 ? 16 : 8, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (t64) {
        g_st64(g, (uint64_t)ts.tv_sec, BE);
        g_st64(g + 8, (uint64_t)ts.tv_nsec, BE);
    } else {
        g_st32(g, (uint32_t)ts.tv_sec, BE);
        g_st32(g + 4, (uint32_t)ts.tv_nsec, BE);
    }
    return 0;
}

int64_t sys_sched_rr_get_interval(SyscallArgs *a) { return do_rr_get_interval(a, false); }
int64_t sys_sched_rr_get_interval_time64(SyscallArgs *a) { return do_rr_get_interval(a, true); }

/*
 * struct sched_attr: fixed-width fields with the same offsets in every ABI
 * (u32 size, u32 policy, u64 flags, s32 nice, u32 priority, u64 runtime,
 * deadline, period, u32 util_min, util_max), converted word by word for
 * the guest's byte order.  The struct is versioned by its size: bytes past
 * the fields known here are copied as they are (the kernel requires them
 * to be zero on input).
 */
#define SCHED_ATTR_KNOWN 56
#define SCHED_ATTR_VER0 48

static const uint8_t sched_attr_words[] = { 0, 4, 8, 16, 20, 24, 32, 40, 48, 52 };

static void sched_attr_convert(uint8_t *dst, const uint8_t *src, uint32_t size, bool be, bool to_guest)
{
    for (size_t i = 0; i < ARRAY_SIZE(sched_attr_words); i++) {
        uint32_t off = sched_attr_words[i];
        bool wide = off == 8 || off == 24 || off == 32 || off == 40;
        if (off + (wide ? 8 : 4) > size) {
            break;
        }
        if (wide) {
            uint64_t v;
            if (to_guest) {
                memcpy(&v, src + off, 8);
                g_st64(dst + off, v, be);
            } else {
                v = g_ld64(src + off, be);
                memcpy(dst + off, &v, 8);
            }
        } else {
            uint32_t v;
            if (to_guest) {
                memcpy(&v, src + off, 4);
                g_st32(dst + off, v, be);
            } else {
                v = g_ld32(src + off, be);
                memcpy(dst + off, &v, 4);
            }
        }
    }
    if (size > SCHED_ATTR_KNOWN) {
        memcpy(dst + SCHED_ATTR_KNOWN, src + SCHED_ATTR_KNOWN, size - SCHED_ATTR_KNOWN);
    }
}

/* A size the kernel refuses: it answers with the size it knows. */
static int64_t sched_attr_e2big(SyscallArgs *a, uint32_t ksize)
{
    uint8_t *g = lock_user(a->a[1], 4, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    g_st32(g, ksize, BE);
    return -E2BIG;
}

int64_t sys_sched_setattr(SyscallArgs *a)
{
    if (!a->a[1] || (int32_t)a->a[0] < 0 || a->a[2]) {
        return -EINVAL;
    }
    const uint8_t *g = lock_user(a->a[1], 4, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    uint32_t size = g_ld32(g, BE);
    if (size == 0) {
        size = SCHED_ATTR_VER0;
    }
    if (size < SCHED_ATTR_VER0 || size > GUEST_PAGE_SIZE) {
        return sched_attr_e2big(a, SCHED_ATTR_KNOWN);
    }
    g = lock_user(a->a[1], size, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    uint8_t h[GUEST_PAGE_SIZE];
    sched_attr_convert(h, g, size, BE, false);
    memcpy(h, &size, 4);
    if (syscall(SYS_sched_setattr, (pid_t)a->a[0], h, 0u) < 0) {
        if (errno == E2BIG) {
            uint32_t ksize;
            memcpy(&ksize, h, 4);
            return sched_attr_e2big(a, ksize);
        }
        return -errno;
    }
    return 0;
}

int64_t sys_sched_getattr(SyscallArgs *a)
{
    uint32_t usize = a->a[2];
    if (!a->a[1] || (int32_t)a->a[0] < 0 || usize > GUEST_PAGE_SIZE || usize < SCHED_ATTR_VER0 || a->a[3]) {
        return -EINVAL;
    }
    uint8_t h[GUEST_PAGE_SIZE];
    memset(h, 0, usize);
    if (syscall(SYS_sched_getattr, (pid_t)a->a[0], h, usize, 0u) < 0) {
        return -errno;
    }
    /* The kernel fills the whole user buffer, zeroing what it does not know. */
    uint8_t *g = lock_user(a->a[1], usize, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    sched_attr_convert(g, h, usize, BE, true);
    return 0;
}

/* ---- affinity ----
 *
 * A CPU mask is an array of longs: 32-bit words in the guest, 64-bit on
 * the host.  On the little-endian host both are the same bytes as an
 * array of 32-bit words, so only the guest's byte order needs care. */

#define HOST_MASK_MAX 8192      /* bytes: 65536 CPUs */

int64_t sys_sched_setaffinity(SyscallArgs *a)
{
    uint32_t len = a->a[1];
    uint32_t words = (uint32_t)(((uint64_t)len + 3) / 4);
    const uint8_t *g = lock_user(a->a[2], words * 4, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    if (words > HOST_MASK_MAX / 4) {
        /* Bits past the host's CPUs do not matter: the kernel ignores them. */
        words = HOST_MASK_MAX / 4;
        len = HOST_MASK_MAX;
    }
    uint32_t hmask[HOST_MASK_MAX / 4];
    memset(hmask, 0, sizeof(hmask));
    for (uint32_t i = 0; i < words; i++) {
        hmask[i] = g_ld32(g + 4 * i, BE);
    }
    if (len & 3) {
        hmask[words - 1] &= (1u << (8 * (len & 3))) - 1;
    }
    return ERRNO(syscall(SYS_sched_setaffinity, (pid_t)a->a[0], (size_t)ALIGN_UP(words * 4, 8), hmask));
}

int64_t sys_sched_getaffinity(SyscallArgs *a)
{
    uint32_t len = a->a[1];
    if (len & 3) {
        return -EINVAL;
    }
    uint32_t hlen = len > HOST_MASK_MAX ? HOST_MASK_MAX : ALIGN_UP(len, 8);
    uint32_t hmask[HOST_MASK_MAX / 4];
    long r = syscall(SYS_sched_getaffinity, (pid_t)a->a[0], (size_t)hlen, hmask);
    if (r < 0) {
        return -errno;
    }
    uint32_t n = (uint32_t)r < len ? (uint32_t)r : len;
    uint8_t *g = lock_user(a->a[2], n, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    for (uint32_t i = 0; i < n / 4; i++) {
        g_st32(g + 4 * i, hmask[i], BE);
    }
    return n;
}

int64_t sys_getcpu(SyscallArgs *a)
{
    unsigned cpu, node;
    uint8_t *gc = NULL, *gn = NULL;
    if (a->a[0] && !(gc = lock_user(a->a[0], 4, PROT_WRITE))) {
        return -EFAULT;
    }
    if (a->a[1] && !(gn = lock_user(a->a[1], 4, PROT_WRITE))) {
        return -EFAULT;
    }
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0) {
        return -errno;
    }
    if (gc) {
        g_st32(gc, cpu, BE);
    }
    if (gn) {
        g_st32(gn, node, BE);
    }
    return 0;
}

int64_t sys_ioprio_get(SyscallArgs *a) { return ERRNO(syscall(SYS_ioprio_get, (int)a->a[0], (int)a->a[1])); }
int64_t sys_ioprio_set(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_ioprio_set, (int)a->a[0], (int)a->a[1], (int)a->a[2]));
}

/* The guest's threads are host threads: the barriers mean the same. */
int64_t sys_membarrier(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_membarrier, (int)a->a[0], (unsigned)a->a[1], (int)a->a[2]));
}

/* ---- memory locking and residency ---- */

/* [addr, addr+len) rounded out to pages lies in the guest's mappings:
 * otherwise Linux answers ENOMEM.  Unmapped guest pages are host
 * reservation pages, which the host would accept. */
static bool guest_range_mapped(uint32_t addr, uint32_t len)
{
    uint64_t end = ALIGN_UP((uint64_t)addr + len, GUEST_PAGE_SIZE);
    if (end > guest_task_size()) {
        return false;
    }
    for (uint64_t p = addr & GUEST_PAGE_MASK; p < end; p += GUEST_PAGE_SIZE) {
        if (!(page_get_flags((uint32_t)p) & PAGE_VALID)) {
            return false;
        }
    }
    return true;
}

static int64_t do_mlock(uint32_t addr, uint32_t len, unsigned flags, bool lock)
{
    if (!len) {
        return 0;
    }
    if (!guest_range_mapped(addr, len)) {
        return -ENOMEM;
    }
    void *h = g2h(addr);
    if (!lock) {
        return ERRNO(munlock(h, len));
    }
    return ERRNO(flags ? syscall(SYS_mlock2, h, (size_t)len, flags) : mlock(h, len));
}

int64_t sys_mlock(SyscallArgs *a) { return do_mlock(a->a[0], a->a[1], 0, true); }
int64_t sys_munlock(SyscallArgs *a) { return do_mlock(a->a[0], a->a[1], 0, false); }
int64_t sys_mlock2(SyscallArgs *a)
{
    if (a->a[2] & ~(uint32_t)MLOCK_ONFAULT) {
        return -EINVAL;
    }
    return do_mlock(a->a[0], a->a[1], a->a[2], true);
}

/*
 * mlockall on the host would lock mimic too: the whole code buffer, and
 * with MCL_FUTURE every later host allocation.  Lock the guest's current
 * mappings instead; MCL_FUTURE is accepted without effect (later guest
 * mappings are not locked).
 */
int64_t sys_mlockall(SyscallArgs *a)
{
    uint32_t flags = a->a[0];
    if (!flags || (flags & ~(uint32_t)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT) {
        return -EINVAL;
    }
    if (!(flags & MCL_CURRENT)) {
        return 0;
    }
    unsigned mflags = flags & MCL_ONFAULT ? MLOCK_ONFAULT : 0;
    const int access = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    uint64_t top = guest_task_size();
    for (uint64_t p = 0; p < top;) {
        /* Runs of mapped, accessible pages: PROT_NONE guest pages cannot
         * be faulted in, and Linux skips them rather than fail. */
        int f = page_get_flags((uint32_t)p);
        if (!(f & PAGE_VALID) || !(f & access)) {
            p += GUEST_PAGE_SIZE;
            continue;
        }
        uint64_t e = p;
        while (e < top && (page_get_flags((uint32_t)e) & PAGE_VALID) && (page_get_flags((uint32_t)e) & access)) {
            e += GUEST_PAGE_SIZE;
        }
        if (syscall(SYS_mlock2, g2h((uint32_t)p), (size_t)(e - p), mflags) < 0) {
            return -errno;
        }
        p = e;
    }
    return 0;
}

int64_t sys_munlockall(SyscallArgs *a) { (void)a; return ERRNO(munlockall()); }

int64_t sys_mincore(SyscallArgs *a)
{
    uint32_t addr = a->a[0], len = a->a[1];
    if (addr & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (!len) {
        return 0;
    }
    if (!guest_range_mapped(addr, len)) {
        return -ENOMEM;
    }
    uint32_t pages = (uint32_t)(ALIGN_UP((uint64_t)len, GUEST_PAGE_SIZE) >> GUEST_PAGE_BITS);
    unsigned char *vec = lock_user(a->a[2], pages, PROT_WRITE);
    if (!vec) {
        return -EFAULT;
    }
    return ERRNO(mincore(g2h(addr), len, vec));
}

int64_t sys_msync(SyscallArgs *a)
{
    uint32_t addr = a->a[0], len = a->a[1];
    int flags = (int)a->a[2];
    if ((addr & (GUEST_PAGE_SIZE - 1)) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC))) {
        return -EINVAL;
    }
    if (!len) {
        return 0;
    }
    if (!guest_range_mapped(addr, len)) {
        return -ENOMEM;
    }
    return ERRNO(msync(g2h(addr), len, flags));
}

/* ---- process handles ---- */

#define KCMP_EPOLL_TFD 7

int64_t sys_kcmp(SyscallArgs *a)
{
    unsigned long idx2 = a->a[4];
    uint32_t slot[3];
    if ((int)a->a[2] == KCMP_EPOLL_TFD) {
        /* struct kcmp_epoll_slot: three u32s. */
        const uint8_t *g = lock_user(a->a[4], 12, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        for (int i = 0; i < 3; i++) {
            slot[i] = g_ld32(g + 4 * i, BE);
        }
        idx2 = (unsigned long)(uintptr_t)slot;
    }
    return ERRNO(syscall(SYS_kcmp, (pid_t)a->a[0], (pid_t)a->a[1], (int)a->a[2], (unsigned long)a->a[3], idx2));
}

int64_t sys_pidfd_open(SyscallArgs *a)
{
    /* PIDFD_NONBLOCK is O_NONBLOCK, in the guest's numbering. */
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    unsigned flags = fc ? flags_to_host(fc, a->a[1]) : a->a[1];
    uint32_t known = O_NONBLOCK | O_EXCL;  /* PIDFD_NONBLOCK, PIDFD_THREAD */
    if (a->a[1] & ~(fc ? flags_to_guest(fc, known) : known)) {
        return -EINVAL;
    }
    return ERRNO(syscall(SYS_pidfd_open, (pid_t)a->a[0], flags));
}

int64_t sys_pidfd_getfd(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_pidfd_getfd, (int)a->a[0], (int)a->a[1], (unsigned)a->a[2]));
}

int64_t sys_pidfd_send_signal(SyscallArgs *a)
{
    int gsig = (int)a->a[1];
    int hsig = gsig ? signal_to_host(gsig) : 0;
    if (hsig < 0) {
        return -EINVAL;
    }
    siginfo_t info, *ip = NULL;
    if (a->a[2]) {
        /* The fields a sender may set: signo, errno, code, pid, uid, value. */
        const uint8_t *g = lock_user(a->a[2], GUEST_SIGINFO_SIZE, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        bool code_first = a->ua->siginfo_code_first;
        int gs = (int)g_ld32(g, BE);
        memset(&info, 0, sizeof(info));
        info.si_signo = gs ? signal_to_host(gs) : 0;
        info.si_errno = (int)g_ld32(g + (code_first ? 8 : 4), BE);
        info.si_code = (int)g_ld32(g + (code_first ? 4 : 8), BE);
        info.si_pid = (pid_t)g_ld32(g + 12, BE);
        info.si_uid = g_ld32(g + 16, BE);
        info.si_value.sival_ptr = (void *)(uintptr_t)g_ld32(g + 20, BE);
        ip = &info;
    }
    return ERRNO(syscall(SYS_pidfd_send_signal, (int)a->a[0], hsig, ip, (unsigned)a->a[3]));
}

/*
 * process_vm_readv/writev name addresses of another process's guest, whose
 * window lies at a host address only that process knows: there is no way
 * to reach it from here.  Only the caller's own memory (pid == getpid())
 * is served; other processes get ENOSYS so that callers fall back.
 */
static int64_t do_process_vm(SyscallArgs *a, bool write_op)
{
    pid_t pid = (pid_t)a->a[0];
    uint32_t lcnt = a->a[2], rcnt = a->a[4];
    if (a->a[5]) {
        return -EINVAL;
    }
    if (lcnt > IOV_MAX || rcnt > IOV_MAX) {
        return -EINVAL;
    }
    if (pid != getpid()) {
        return -ENOSYS;
    }
    const uint8_t *gl = lock_user(a->a[1], lcnt * 8, PROT_READ);
    const uint8_t *gr = lock_user(a->a[3], rcnt * 8, PROT_READ);
    if ((!gl && lcnt) || (!gr && rcnt)) {
        return -EFAULT;
    }
    struct iovec *lv = xmalloc(sizeof(*lv) * (lcnt + 1)), *rv = xmalloc(sizeof(*rv) * (rcnt + 1));
    int64_t ret = 0;
    for (uint32_t i = 0; i < lcnt; i++) {
        uint32_t base = g_ld32(gl + 8 * i, BE), len = g_ld32(gl + 8 * i + 4, BE);
        lv[i].iov_base = lock_user(base, len, write_op ? PROT_READ : PROT_WRITE);
        lv[i].iov_len = len;
        if (!lv[i].iov_base) {
            ret = -EFAULT;
            goto out;
        }
    }
    /* A bad remote range ends the transfer there (a partial result), as
     * the kernel's copy would stop at it. */
    uint32_t n;
    for (n = 0; n < rcnt; n++) {
        uint32_t base = g_ld32(gr + 8 * n, BE), len = g_ld32(gr + 8 * n + 4, BE);
        rv[n].iov_base = lock_user(base, len, write_op ? PROT_WRITE : PROT_READ);
        rv[n].iov_len = len;
        if (!rv[n].iov_base) {
            break;
        }
    }
    if (n == 0 && rcnt) {
        ret = -EFAULT;
        goto out;
    }
    ret = ERRNO(syscall(write_op ? SYS_process_vm_writev : SYS_process_vm_readv, pid, lv, (unsigned long)lcnt, rv,
                        (unsigned long)n, 0ul));
out:
    free(lv);
    free(rv);
    return ret;
}

int64_t sys_process_vm_readv(SyscallArgs *a) { return do_process_vm(a, false); }
int64_t sys_process_vm_writev(SyscallArgs *a) { return do_process_vm(a, true); }

/* ---- host names and the kernel log ---- */

/*
 * The kernel checks privilege and length before it reads the name.  A bad
 * guest pointer is passed on as NULL: the host then answers as the guest's
 * kernel would (EPERM, EINVAL, or EFAULT when it reads).
 */
static int64_t do_set_name(SyscallArgs *a, long nr)
{
    int32_t len = (int32_t)a->a[1];
    const void *p = len >= 0 ? lock_user(a->a[0], (uint32_t)len, PROT_READ) : NULL;
    return ERRNO(syscall(nr, p, (long)len));
}

int64_t sys_sethostname(SyscallArgs *a) { return do_set_name(a, SYS_sethostname); }
int64_t sys_setdomainname(SyscallArgs *a) { return do_set_name(a, SYS_setdomainname); }

enum { SYSLOG_READ = 2, SYSLOG_READ_ALL = 3, SYSLOG_READ_CLEAR = 4 };

int64_t sys_syslog(SyscallArgs *a)
{
    int type = (int)a->a[0];
    int32_t len = (int32_t)a->a[2];
    void *buf = NULL;
    if (type == SYSLOG_READ || type == SYSLOG_READ_ALL || type == SYSLOG_READ_CLEAR) {
        if (len < 0) {
            return -EINVAL;
        }
        /* A bad buffer goes on as NULL: the host checks privilege first. */
        buf = len ? lock_user(a->a[1], (uint32_t)len, PROT_WRITE) : NULL;
    }
    /* SYSLOG_ACTION_READ waits for messages. */
    return safe_syscall(SYS_syslog, (long)type, buf, (long)len);
}
