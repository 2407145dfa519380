/*
 * Credentials and process attributes: user and group ids (16- and 32-bit
 * forms), supplementary groups, capabilities, personality, priority,
 * prctl and seccomp.
 *
 * Credentials are per thread in the Linux kernel; POSIX wants them
 * process-wide, so glibc's setuid() & co. change the calling thread and
 * then signal every other thread (SIGSETXID) to make each run the same raw
 * syscall.  A guest thread is a host thread, and the guest's C library
 * runs that broadcast itself, between its own threads: every guest thread
 * arrives here in turn.  So these handlers must make the raw, per-thread
 * syscall.  The host glibc's wrappers would instead run mimic's broadcast
 * too, changing every host thread at once behind the guest's back (and
 * before the guest's own broadcast, whose per-thread calls could then
 * fail, e.g. after dropping privileges).
 */
#include <errno.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "tcg/util.h"

#define BE (a->ua->big_endian)

/* ---- user and group ids ---- */

/* The 16-bit calls: -1 is 0xffff on the way in; ids that do not fit read
 * back as the overflow id. */
static uint32_t id_from16(uint32_t v)
{
    v &= 0xffff;
    return v == 0xffff ? UINT32_MAX : v;
}
static uint16_t id_to16(uint32_t v) { return v > 0xffff ? 65534 : (uint16_t)v; }

#define SET_ID1(name, nr)                                                                    \
    int64_t sys_##name(SyscallArgs *a) { return ERRNO(syscall(nr, (uid_t)a->a[0])); }       \
    int64_t sys_##name##16(SyscallArgs *a) { return ERRNO(syscall(nr, (uid_t)id_from16(a->a[0]))); }
#define SET_ID2(name, nr)                                                                                   \
    int64_t sys_##name(SyscallArgs *a) { return ERRNO(syscall(nr, (uid_t)a->a[0], (uid_t)a->a[1])); }      \
    int64_t sys_##name##16(SyscallArgs *a)                                                                  \
    {                                                                                                       \
        return ERRNO(syscall(nr, (uid_t)id_from16(a->a[0]), (uid_t)id_from16(a->a[1])));                  \
    }
#define SET_ID3(name, nr)                                                                                   \
    int64_t sys_##name(SyscallArgs *a)                                                                      \
    {                                                                                                       \
        return ERRNO(syscall(nr, (uid_t)a->a[0], (uid_t)a->a[1], (uid_t)a->a[2]));                         \
    }                                                                                                       \
    int64_t sys_##name##16(SyscallArgs *a)                                                                  \
    {                                                                                                       \
        return ERRNO(syscall(nr, (uid_t)id_from16(a->a[0]), (uid_t)id_from16(a->a[1]),                    \
                             (uid_t)id_from16(a->a[2])));                                                  \
    }

SET_ID1(setuid, SYS_setuid)
SET_ID1(setgid, SYS_setgid)
SET_ID2(setreuid, SYS_setreuid)
SET_ID2(setregid, SYS_setregid)
SET_ID3(setresuid, SYS_setresuid)
SET_ID3(setresgid, SYS_setresgid)

/* setfsuid/setfsgid never fail: they return the previous id. */
int64_t sys_setfsuid(SyscallArgs *a) { return syscall(SYS_setfsuid, (uid_t)a->a[0]); }
int64_t sys_setfsgid(SyscallArgs *a) { return syscall(SYS_setfsgid, (gid_t)a->a[0]); }
int64_t sys_setfsuid16(SyscallArgs *a) { return id_to16((uint32_t)syscall(SYS_setfsuid, (uid_t)id_from16(a->a[0]))); }
int64_t sys_setfsgid16(SyscallArgs *a) { return id_to16((uint32_t)syscall(SYS_setfsgid, (gid_t)id_from16(a->a[0]))); }

static int64_t do_getres(SyscallArgs *a, long nr, bool id16)
{
    uid_t v[3];
    if (syscall(nr, &v[0], &v[1], &v[2]) < 0) {
        return -errno;
    }
    for (int i = 0; i < 3; i++) {
        uint8_t *g = lock_user(a->a[i], id16 ? 2 : 4, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        if (id16) {
            g_st16(g, id_to16(v[i]), BE);
        } else {
            g_st32(g, v[i], BE);
        }
    }
    return 0;
}

int64_t sys_getresuid(SyscallArgs *a) { return do_getres(a, SYS_getresuid, false); }
int64_t sys_getresgid(SyscallArgs *a) { return do_getres(a, SYS_getresgid, false); }
int64_t sys_getresuid16(SyscallArgs *a) { return do_getres(a, SYS_getresuid, true); }
int64_t sys_getresgid16(SyscallArgs *a) { return do_getres(a, SYS_getresgid, true); }

/* ---- supplementary groups: arrays of 16- or 32-bit gids ---- */

#define LINUX_NGROUPS_MAX 65536

static int64_t do_getgroups(SyscallArgs *a, bool g16)
{
    int32_t size = (int32_t)a->a[0];
    if (size < 0) {
        return -EINVAL;
    }
    long n = syscall(SYS_getgroups, 0, NULL);
    if (n < 0 || size == 0) {
        return ERRNO(n);
    }
    if (n > size) {
        return -EINVAL;
    }
    gid_t *h = xmalloc(sizeof(gid_t) * (size_t)(n + 1));
    n = syscall(SYS_getgroups, (int)n, h);
    int64_t ret = ERRNO(n);
    if (n > 0) {
        uint8_t *g = lock_user(a->a[1], (uint32_t)n * (g16 ? 2 : 4), PROT_WRITE);
        if (!g) {
            ret = -EFAULT;
        }
        for (long i = 0; g && i < n; i++) {
            if (g16) {
                g_st16(g + 2 * i, id_to16(h[i]), BE);
            } else {
                g_st32(g + 4 * i, h[i], BE);
            }
        }
    }
    free(h);
    return ret;
}

/* The kernel checks privilege and the count before it reads the list: on
 * a bad list, the host gets NULL and answers in the same order. */
static int64_t do_setgroups(SyscallArgs *a, bool g16)
{
    uint32_t n = a->a[0];
    const uint8_t *g = n <= LINUX_NGROUPS_MAX ? lock_user(a->a[1], n * (g16 ? 2 : 4), PROT_READ) : NULL;
    if (!g) {
        return ERRNO(syscall(SYS_setgroups, (long)(int32_t)n, NULL));
    }
    gid_t *h = xmalloc(sizeof(gid_t) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        h[i] = g16 ? id_from16(g_ld16(g + 2 * i, BE)) : g_ld32(g + 4 * i, BE);
    }
    int64_t ret = ERRNO(syscall(SYS_setgroups, (long)n, h));
    free(h);
    return ret;
}

int64_t sys_getgroups(SyscallArgs *a) { return do_getgroups(a, false); }
int64_t sys_getgroups16(SyscallArgs *a) { return do_getgroups(a, true); }
int64_t sys_setgroups(SyscallArgs *a) { return do_setgroups(a, false); }
int64_t sys_setgroups16(SyscallArgs *a) { return do_setgroups(a, true); }

/* ---- capabilities ----
 *
 * struct __user_cap_header_struct { u32 version; int pid; } and an array
 * of struct __user_cap_data_struct { u32 effective, permitted,
 * inheritable; }: one for version 1, two for versions 2 and 3.  An
 * unknown version makes the kernel write its own into the header. */

static int cap_words(uint32_t version)
{
    switch (version) {
    case _LINUX_CAPABILITY_VERSION_1:
        return 1;
    case _LINUX_CAPABILITY_VERSION_2:
    case _LINUX_CAPABILITY_VERSION_3:
        return 2;
    default:
        return 0;
    }
}

static int64_t cap_header_back(SyscallArgs *a, const struct __user_cap_header_struct *hh, uint32_t version)
{
    if (hh->version != version) {
        uint8_t *g = lock_user(a->a[0], 4, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        g_st32(g, hh->version, BE);
    }
    return 0;
}

int64_t sys_capget(SyscallArgs *a)
{
    const uint8_t *gh = lock_user(a->a[0], 8, PROT_READ);
    if (!gh) {
        return -EFAULT;
    }
    uint32_t version = g_ld32(gh, BE);
    struct __user_cap_header_struct hh = { version, (int)g_ld32(gh + 4, BE) };
    struct __user_cap_data_struct hd[2];
    long r = syscall(SYS_capget, &hh, a->a[1] ? hd : NULL);
    int64_t ret = ERRNO(r);
    int64_t e = cap_header_back(a, &hh, version);
    if (e) {
        return e;
    }
    int n = cap_words(version);
    if (r == 0 && a->a[1] && n) {
        /* The kernel copies the data out last. */
        uint8_t *gd = lock_user(a->a[1], 12 * n, PROT_WRITE);
        if (!gd) {
            return -EFAULT;
        }
        for (int i = 0; i < n; i++) {
            g_st32(gd + 12 * i, hd[i].effective, BE);
            g_st32(gd + 12 * i + 4, hd[i].permitted, BE);
            g_st32(gd + 12 * i + 8, hd[i].inheritable, BE);
        }
    }
    return ret;
}

int64_t sys_capset(SyscallArgs *a)
{
    const uint8_t *gh = lock_user(a->a[0], 8, PROT_READ);
    if (!gh) {
        return -EFAULT;
    }
    uint32_t version = g_ld32(gh, BE);
    struct __user_cap_header_struct hh = { version, (int)g_ld32(gh + 4, BE) };
    struct __user_cap_data_struct hd[2];
    int n = cap_words(version);
    const uint8_t *gd = n ? lock_user(a->a[1], 12 * n, PROT_READ) : NULL;
    for (int i = 0; gd && i < n; i++) {
        hd[i].effective = g_ld32(gd + 12 * i, BE);
        hd[i].permitted = g_ld32(gd + 12 * i + 4, BE);
        hd[i].inheritable = g_ld32(gd + 12 * i + 8, BE);
    }
    /* A bad data pointer goes on as NULL: the kernel checks the version
     * and the pid first. */
    int64_t ret = ERRNO(syscall(SYS_capset, &hh, gd ? hd : NULL));
    int64_t e = cap_header_back(a, &hh, version);
    return e ? e : ret;
}

/* ---- personality, priority ---- */

/*
 * The host keeps the guest's personality, so that it survives fork and
 * the re-execution of mimic, except the address-limit bits: on the host
 * they would squeeze mimic's own mappings below 3 GiB.  The guest still
 * reads them back.  PER_LINUX32 only changes the host's uname machine,
 * which mimic replaces anyway.
 */
#define PERSONA_HOST_UNSAFE (ADDR_LIMIT_32BIT | ADDR_LIMIT_3GB)
static uint32_t persona_kept;

int64_t sys_personality(SyscallArgs *a)
{
    uint32_t p = a->a[0];
    long old = syscall(SYS_personality, p == 0xffffffffu ? 0xffffffffu : p & ~PERSONA_HOST_UNSAFE);
    if (old < 0) {
        return -errno;
    }
    uint32_t ret = (uint32_t)old | persona_kept;
    if (p != 0xffffffffu) {
        persona_kept = p & PERSONA_HOST_UNSAFE;
    }
    return ret;
}

/* The raw calls: getpriority returns 20 - nice, which the guest's C
 * library decodes. */
int64_t sys_getpriority(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_getpriority, (int)a->a[0], (id_t)a->a[1]));
}

int64_t sys_setpriority(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_setpriority, (int)a->a[0], (id_t)a->a[1], (int)a->a[2]));
}

/* nice(inc), which x86_64 lacks: the calling thread's nice value moves by
 * inc, clamped as the kernel does. */
int64_t sys_nice(SyscallArgs *a)
{
    int inc = (int32_t)a->a[0];
    inc = inc < -40 ? -40 : inc > 40 ? 40 : inc;
    long cur = syscall(SYS_getpriority, PRIO_PROCESS, 0);
    if (cur < 0) {
        return -errno;
    }
    int nice = 20 - (int)cur + inc;
    nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
    if (syscall(SYS_setpriority, PRIO_PROCESS, 0, nice) < 0) {
        return errno == EACCES ? -EPERM : -errno;
    }
    return 0;
}

/* ---- prctl ---- */

#ifndef PR_GET_AUXV
#define PR_GET_AUXV 0x41555856
#endif
#ifndef PR_SET_MEMORY_MERGE
#define PR_SET_MEMORY_MERGE 67
#define PR_GET_MEMORY_MERGE 68
#endif

static int64_t put_guest_u32(SyscallArgs *a, uint32_t addr, uint32_t v)
{
    uint8_t *g = lock_user(addr, 4, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    g_st32(g, v, BE);
    return 0;
}

/* PR_SET_NAME: at most 15 bytes, as strncpy_from_user reads them. */
static int64_t prctl_set_name(SyscallArgs *a)
{
    char name[16];
    uint32_t addr = a->a[1];
    int i;
    for (i = 0; i < 15; i++) {
        if (!guest_range_ok(addr + i, 1, PROT_READ)) {
            return -EFAULT;
        }
        name[i] = *(const char *)g2h(addr + i);
        if (!name[i]) {
            break;
        }
    }
    name[i] = 0;
    return ERRNO(prctl(PR_SET_NAME, name, 0, 0, 0));
}

/* Options whose arguments are plain integers and whose effect on the host
 * thread is the guest thread's effect. */
static bool prctl_passthrough(int op)
{
    switch (op) {
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_TIMING:
    case PR_SET_TIMING:
    case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP:
    case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS:
    case PR_SET_TIMERSLACK:
    case PR_GET_TIMERSLACK:
    case PR_TASK_PERF_EVENTS_DISABLE:
    case PR_TASK_PERF_EVENTS_ENABLE:
    case PR_MCE_KILL:
    case PR_MCE_KILL_GET:
    case PR_SET_CHILD_SUBREAPER:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_THP_DISABLE:
    case PR_GET_THP_DISABLE:
    case PR_CAP_AMBIENT:
    case PR_SET_IO_FLUSHER:
    case PR_GET_IO_FLUSHER:
    case PR_SET_MEMORY_MERGE:
    case PR_GET_MEMORY_MERGE:
        return true;
    default:
        return false;
    }
}

int64_t sys_prctl(SyscallArgs *a)
{
    int op = (int)a->a[0];
    unsigned long arg2 = a->a[1], arg3 = a->a[2], arg4 = a->a[3], arg5 = a->a[4];

    if (prctl_passthrough(op)) {
        return ERRNO(prctl(op, arg2, arg3, arg4, arg5));
    }
    switch (op) {
    case PR_SET_NAME:
        return prctl_set_name(a);
    case PR_GET_NAME: {
        uint8_t *g = lock_user(a->a[1], 16, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        char name[16];
        proc_get_comm((int)syscall(SYS_gettid), name);
        memcpy(g, name, 16);
        return 0;
    }
    case PR_SET_PDEATHSIG: {
        /* 0 clears it; a guest signal without a host one cannot be kept. */
        int hsig = arg2 ? signal_to_host((int)arg2) : 0;
        if (arg2 > GUEST_NSIG || hsig < 0) {
            return -EINVAL;
        }
        return ERRNO(prctl(PR_SET_PDEATHSIG, (unsigned long)hsig, 0, 0, 0));
    }
    case PR_GET_PDEATHSIG: {
        int hsig;
        if (prctl(PR_GET_PDEATHSIG, &hsig, 0, 0, 0) < 0) {
            return -errno;
        }
        return put_guest_u32(a, a->a[1], hsig ? (uint32_t)signal_to_guest(hsig) : 0);
    }
    case PR_GET_CHILD_SUBREAPER: {
        int v;
        if (prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) < 0) {
            return -errno;
        }
        return put_guest_u32(a, a->a[1], (uint32_t)v);
    }
    case PR_SET_PTRACER:
        /* PR_SET_PTRACER_ANY is (unsigned long)-1 in every ABI. */
        return ERRNO(prctl(PR_SET_PTRACER, arg2 == 0xffffffffu ? (unsigned long)-1 : arg2, arg3, arg4, arg5));
    case PR_GET_TID_ADDRESS:
        return put_guest_u32(a, a->a[1], current_thread->clear_child_tid);
    case PR_GET_SECCOMP:
        /* No guest filter can be installed (see sys_seccomp). */
        return 0;
    case PR_SET_SECCOMP:
        return -EINVAL;
    case PR_GET_AUXV: {
        if (arg4 || arg5) {
            return -EINVAL;
        }
        uint32_t len = user.image.auxv_len, n = len < a->a[2] ? len : a->a[2];
        uint8_t *g = lock_user(a->a[1], n, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        memmove(g, g2h(user.image.auxv), n);
        return len;
    }
    default: {
        /* Address-taking and architecture-specific options (PR_SET_MM,
         * PR_SET_VMA, PR_GET_ENDIAN, PR_SET_FP_MODE, ...): not for now. */
        static uint8_t warned[128];
        unsigned slot = (unsigned)op % sizeof(warned);
        if (!warned[slot]) {
            warned[slot] = 1;
            fprintf(stderr, "mimic: unsupported prctl option %d\n", op);
        }
        return -EINVAL;
    }
    }
}

/*
 * seccomp filters are BPF programs over syscall numbers and arguments.  A
 * guest filter speaks the guest's numbers and 32-bit arguments, but the
 * host kernel would apply it to mimic's own host syscalls: installing it
 * would kill or break the translator instead of filtering the guest.
 * Refuse every operation, as a kernel without CONFIG_SECCOMP_FILTER does.
 */
int64_t sys_seccomp(SyscallArgs *a)
{
    (void)a;
    return -EINVAL;
}
