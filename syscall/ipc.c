/*
 * System V IPC (shared memory, semaphores, message queues) and POSIX
 * message queues.
 *
 * The 32-bit ABIs call shmget, semop, msgsnd, ... as separate syscalls
 * (ARM EABI has no ipc() multiplexer).  Their ...ctl commands carry IPC_64
 * (0x100) when the caller expects the 64-bit layouts, which is what glibc
 * and musl always pass on ARM; without it the kernel uses the old layouts
 * with 16-bit ids.  Both are data in UserArchOps.structs (GS_*_DS over the
 * forms of syscall/ipc.h).  The host side uses the raw syscalls: x86_64
 * has one layout, which glibc's structures match.
 */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/ipc.h"
#include "syscall/syscall.h"
#include "syscall/sysutil.h"
#include "tcg/util.h"


#define GUEST_IPC_64 0x100

/* The guest layout a ...ctl command asks for; strips IPC_64 from *cmd. */
static const StructConv *ipc_layout(const SyscallArgs *a, int *cmd, GuestStruct g64, GuestStruct gold, bool *v64)
{
    bool is64 = (*cmd & GUEST_IPC_64) != 0;
    *cmd &= ~GUEST_IPC_64;
    const StructConv *old = a->ua->structs[gold];
    *v64 = is64 || !old;
    return *v64 ? a->ua->structs[g64] : old;
}

/* The old layouts hold 16-bit ids: larger ones read as the overflow id. */
static uint32_t ipc_id(uint32_t id, bool v64) { return v64 || id <= 0xffff ? id : 65534; }

static void perm_to_ipc(IpcPerm *p, const struct ipc_perm *h, bool v64)
{
    p->key = (uint32_t)h->__key;
    p->uid = ipc_id(h->uid, v64);
    p->gid = ipc_id(h->gid, v64);
    p->cuid = ipc_id(h->cuid, v64);
    p->cgid = ipc_id(h->cgid, v64);
    p->mode = h->mode;
    p->seq = h->__seq;
}

/* What IPC_SET changes: owner and mode. */
static void perm_from_ipc(struct ipc_perm *h, const IpcPerm *p)
{
    h->uid = p->uid;
    h->gid = p->gid;
    h->mode = p->mode;
}

static void split_time(uint32_t *lo, uint32_t *hi, time_t t)
{
    *lo = (uint32_t)t;
    *hi = (uint32_t)((uint64_t)t >> 32);
}

/* ---- shared memory ---- */

int64_t sys_shmget(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_shmget, (key_t)a->a[0], (size_t)a->a[1], (int)a->a[2]));
}

int64_t sys_shmat(SyscallArgs *a)
{
    return target_shmat((int)a->a[0], a->a[1], (int)a->a[2], a->ua->shmlba);
}

int64_t sys_shmdt(SyscallArgs *a)
{
    return target_shmdt(a->a[0]);
}

int64_t sys_shmctl(SyscallArgs *a)
{
    int id = (int)a->a[0], cmd = (int)a->a[1];
    uint32_t buf = a->a[2];
    bool v64;
    const StructConv *c = ipc_layout(a, &cmd, GS_SHMID64_DS, GS_SHMID_DS, &v64);
    if (!c) {
        return -ENOSYS;
    }
    switch (cmd) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
        uint8_t *g = lock_user(buf, c->gsize, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        struct shmid_ds ds;
        long r = syscall(SYS_shmctl, id, cmd, &ds);
        if (r < 0) {
            return -errno;
        }
        IpcShmid s = { 0 };
        perm_to_ipc(&s.perm, &ds.shm_perm, v64);
        s.segsz = ds.shm_segsz;
        split_time(&s.atime, &s.atime_hi, ds.shm_atime);
        split_time(&s.dtime, &s.dtime_hi, ds.shm_dtime);
        split_time(&s.ctime, &s.ctime_hi, ds.shm_ctime);
        s.cpid = (uint32_t)ds.shm_cpid;
        s.lpid = (uint32_t)ds.shm_lpid;
        s.nattch = ds.shm_nattch;
        struct_to_guest(c, g, &s, BE);
        return r;
    }
    case IPC_SET: {
        const uint8_t *g = lock_user(buf, c->gsize, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        IpcShmid s;
        struct_from_guest(c, &s, g, BE);
        struct shmid_ds ds;
        memset(&ds, 0, sizeof(ds));
        perm_from_ipc(&ds.shm_perm, &s.perm);
        return ERRNO(syscall(SYS_shmctl, id, IPC_SET, &ds));
    }
    case IPC_RMID:
    case SHM_LOCK:
    case SHM_UNLOCK:
        return ERRNO(syscall(SYS_shmctl, id, cmd, NULL));
    case IPC_INFO: {
        /* struct shminfo64 (nine longs) or the old shminfo (five ints);
         * shmmax is capped to INT_MAX as the kernel's compat code does. */
        uint32_t n = v64 ? 9 : 5;
        uint8_t *g = lock_user(buf, 4 * n, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        unsigned long si[9];
        long r = syscall(SYS_shmctl, id, IPC_INFO, si);
        if (r < 0) {
            return -errno;
        }
        memset(g, 0, 4 * n);
        g_st32(g, si[0] > INT32_MAX ? INT32_MAX : (uint32_t)si[0], BE);
        for (int i = 1; i < 5; i++) {
            g_st32(g + 4 * i, (uint32_t)si[i], BE);
        }
        return r;
    }
    case SHM_INFO: {
        uint8_t *g = lock_user(buf, 24, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        struct shm_info si;
        long r = syscall(SYS_shmctl, id, SHM_INFO, &si);
        if (r < 0) {
            return -errno;
        }
        g_st32(g, (uint32_t)si.used_ids, BE);
        g_st32(g + 4, (uint32_t)si.shm_tot, BE);
        g_st32(g + 8, (uint32_t)si.shm_rss, BE);
        g_st32(g + 12, (uint32_t)si.shm_swp, BE);
        g_st32(g + 16, (uint32_t)si.swap_attempts, BE);
        g_st32(g + 20, (uint32_t)si.swap_successes, BE);
        return r;
    }
    default:
        return -EINVAL;
    }
}

/* ---- semaphores ---- */

int64_t sys_semget(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_semget, (key_t)a->a[0], (int)a->a[1], (int)a->a[2]));
}

/* The fourth argument is a union semun passed by value: an int or a guest
 * pointer, by command. */
int64_t sys_semctl(SyscallArgs *a)
{
    int id = (int)a->a[0], num = (int)a->a[1], cmd = (int)a->a[2];
    uint32_t arg = a->a[3];
    bool v64;
    const StructConv *c = ipc_layout(a, &cmd, GS_SEMID64_DS, GS_SEMID_DS, &v64);
    if (!c) {
        return -ENOSYS;
    }
    switch (cmd) {
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
        uint8_t *g = lock_user(arg, c->gsize, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        struct semid_ds ds;
        long r = syscall(SYS_semctl, id, num, cmd, &ds);
        if (r < 0) {
            return -errno;
        }
        IpcSemid s = { 0 };
        perm_to_ipc(&s.perm, &ds.sem_perm, v64);
        split_time(&s.otime, &s.otime_hi, ds.sem_otime);
        split_time(&s.ctime, &s.ctime_hi, ds.sem_ctime);
        s.nsems = ds.sem_nsems;
        struct_to_guest(c, g, &s, BE);
        return r;
    }
    case IPC_SET: {
        const uint8_t *g = lock_user(arg, c->gsize, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        IpcSemid s;
        struct_from_guest(c, &s, g, BE);
        struct semid_ds ds;
        memset(&ds, 0, sizeof(ds));
        perm_from_ipc(&ds.sem_perm, &s.perm);
        return ERRNO(syscall(SYS_semctl, id, num, IPC_SET, &ds));
    }
    case IPC_RMID:
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
        return ERRNO(syscall(SYS_semctl, id, num, cmd, 0L));
    case SETVAL:
        return ERRNO(syscall(SYS_semctl, id, num, SETVAL, (unsigned long)arg));
    case GETALL:
    case SETALL: {
        /* Arrays of unsigned short, one per semaphore of the set. */
        struct semid_ds ds;
        if (syscall(SYS_semctl, id, 0, IPC_STAT, &ds) < 0) {
            return -errno;
        }
        uint32_t n = (uint32_t)ds.sem_nsems;
        uint8_t *g = lock_user(arg, 2 * n, cmd == GETALL ? PROT_WRITE : PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        unsigned short *h = xmalloc(2 * (size_t)n + 2);
        for (uint32_t i = 0; cmd == SETALL && i < n; i++) {
            h[i] = g_ld16(g + 2 * i, BE);
        }
        long r = syscall(SYS_semctl, id, 0, cmd, h);
        int64_t ret = ERRNO(r);
        for (uint32_t i = 0; r >= 0 && cmd == GETALL && i < n; i++) {
            g_st16(g + 2 * i, h[i], BE);
        }
        free(h);
        return ret;
    }
    case IPC_INFO:
    case SEM_INFO: {
        /* struct seminfo: ten ints. */
        uint8_t *g = lock_user(arg, 40, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        int si[10];
        long r = syscall(SYS_semctl, id, num, cmd, si);
        if (r < 0) {
            return -errno;
        }
        for (int i = 0; i < 10; i++) {
            g_st32(g + 4 * i, (uint32_t)si[i], BE);
        }
        return r;
    }
    default:
        return -EINVAL;
    }
}

/* The kernel checks the count before reading the operations; look the
 * limit up only for counts past the kernel's minimum (SEMOPM_FAST). */
static int64_t semop_count_ok(uint32_t n)
{
    if (n < 1 || n > INT32_MAX) {
        return -EINVAL;
    }
    if (n > 64) {
        int si[10];
        if (syscall(SYS_semctl, 0, 0, IPC_INFO, si) >= 0 && n > (uint32_t)si[5]) {
            return -E2BIG;
        }
    }
    return 0;
}

static int64_t do_semtimedop(SyscallArgs *a, uint32_t tsaddr, bool t64)
{
    int id = (int)a->a[0];
    uint32_t n = a->a[2];
    if (id < 0) {
        return -EINVAL;
    }
    int64_t e = semop_count_ok(n);
    if (e) {
        return e;
    }
    /* struct sembuf: three 16-bit fields, the same in every ABI. */
    const uint8_t *g = lock_user(a->a[1], 6 * n, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    struct timespec ts;
    if (tsaddr) {
        e = guest_get_timespec(a, tsaddr, &ts, t64);
        if (e) {
            return e;
        }
    }
    struct sembuf *h = xmalloc(sizeof(*h) * n);
    for (uint32_t i = 0; i < n; i++) {
        h[i].sem_num = g_ld16(g + 6 * i, BE);
        h[i].sem_op = (short)g_ld16(g + 6 * i + 2, BE);
        h[i].sem_flg = (short)g_ld16(g + 6 * i + 4, BE);
    }
    long r = safe_syscall(SYS_semtimedop, (long)id, h, (long)n, tsaddr ? &ts : NULL);
    free(h);
    return r;
}

int64_t sys_semop(SyscallArgs *a) { return do_semtimedop(a, 0, false); }
int64_t sys_semtimedop(SyscallArgs *a) { return do_semtimedop(a, a->a[3], false); }
int64_t sys_semtimedop_time64(SyscallArgs *a) { return do_semtimedop(a, a->a[3], true); }

/* ---- message queues ---- */

int64_t sys_msgget(SyscallArgs *a)
{
    return ERRNO(syscall(SYS_msgget, (key_t)a->a[0], (int)a->a[1]));
}

/* The largest message the host accepts now (MSGMAX), to bound the host
 * buffers of large requests. */
static uint32_t msg_max(void)
{
    struct msginfo mi;
    return syscall(SYS_msgctl, 0, IPC_INFO, &mi) < 0 ? UINT32_MAX : (uint32_t)mi.msgmax;
}

/* A message is a long mtype (4 bytes in the guest, 8 on the host)
 * followed by the text. */
int64_t sys_msgsnd(SyscallArgs *a)
{
    int id = (int)a->a[0];
    uint32_t size = a->a[2];
    if ((int32_t)size < 0 || id < 0 || (size > 65536 && size > msg_max())) {
        return -EINVAL;
    }
    /* The kernel reads mtype, checks it, then reads the text. */
    const uint8_t *g = lock_user(a->a[1], 4, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    long mtype = (int32_t)g_ld32(g, BE);
    if (mtype < 1) {
        return -EINVAL;
    }
    g = lock_user(a->a[1], 4 + size, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    uint8_t *h = xmalloc(8 + (size_t)size);
    memcpy(h, &mtype, 8);
    memcpy(h + 8, g + 4, size);
    long r = safe_syscall(SYS_msgsnd, (long)id, h, (long)size, (long)(int)a->a[3]);
    free(h);
    return r;
}

int64_t sys_msgrcv(SyscallArgs *a)
{
    int id = (int)a->a[0];
    uint32_t size = a->a[2];
    if ((int32_t)size < 0 || id < 0) {
        return -EINVAL;
    }
    /* The kernel looks at the buffer only once it has a message (which is
     * lost if the buffer is bad): receive into a host buffer first.  No
     * message is longer than MSGMAX, so a larger one need not exist. */
    uint32_t hsize = size;
    if (hsize > 65536) {
        uint32_t max = msg_max();
        hsize = max < hsize ? max : hsize;
    }
    uint8_t *h = xmalloc(8 + (size_t)hsize);
    long r = safe_syscall(SYS_msgrcv, (long)id, h, (long)hsize, (long)(int32_t)a->a[3], (long)(int)a->a[4]);
    if (r >= 0) {
        uint8_t *g = lock_user(a->a[1], 4 + (uint32_t)r, PROT_WRITE);
        if (!g) {
            r = -EFAULT;
        } else {
            long mtype;
            memcpy(&mtype, h, 8);
            g_st32(g, (uint32_t)mtype, BE);
            memcpy(g + 4, h + 8, (size_t)r);
        }
    }
    free(h);
    return r;
}

int64_t sys_msgctl(SyscallArgs *a)
{
    int id = (int)a->a[0], cmd = (int)a->a[1];
    uint32_t buf = a->a[2];
    bool v64;
    const StructConv *c = ipc_layout(a, &cmd, GS_MSQID64_DS, GS_MSQID_DS, &v64);
    if (!c) {
        return -ENOSYS;
    }
    switch (cmd) {
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
        uint8_t *g = lock_user(buf, c->gsize, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        struct msqid_ds ds;
        long r = syscall(SYS_msgctl, id, cmd, &ds);
        if (r < 0) {
            return -errno;
        }
        IpcMsqid m = { 0 };
        perm_to_ipc(&m.perm, &ds.msg_perm, v64);
        split_time(&m.stime, &m.stime_hi, ds.msg_stime);
        split_time(&m.rtime, &m.rtime_hi, ds.msg_rtime);
        split_time(&m.ctime, &m.ctime_hi, ds.msg_ctime);
        m.cbytes = ds.__msg_cbytes;
        m.qnum = ds.msg_qnum;
        m.qbytes = ds.msg_qbytes;
        m.lspid = (uint32_t)ds.msg_lspid;
        m.lrpid = (uint32_t)ds.msg_lrpid;
        m.cbytes16 = m.cbytes > 0xffff ? 0xffff : (uint16_t)m.cbytes;
        m.qnum16 = m.qnum > 0xffff ? 0xffff : (uint16_t)m.qnum;
        m.qbytes16 = m.qbytes > 0xffff ? 0xffff : (uint16_t)m.qbytes;
        struct_to_guest(c, g, &m, BE);
        return r;
    }
    case IPC_SET: {
        const uint8_t *g = lock_user(buf, c->gsize, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        IpcMsqid m;
        struct_from_guest(c, &m, g, BE);
        struct msqid_ds ds;
        memset(&ds, 0, sizeof(ds));
        perm_from_ipc(&ds.msg_perm, &m.perm);
        /* The old layout's 16-bit msg_qbytes, unless 0: then msg_lqbytes. */
        ds.msg_qbytes = !v64 && m.qbytes16 ? m.qbytes16 : m.qbytes;
        return ERRNO(syscall(SYS_msgctl, id, IPC_SET, &ds));
    }
    case IPC_RMID:
        return ERRNO(syscall(SYS_msgctl, id, IPC_RMID, NULL));
    case IPC_INFO:
    case MSG_INFO: {
        /* struct msginfo: seven ints and an unsigned short. */
        uint8_t *g = lock_user(buf, 32, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        struct msginfo mi;
        long r = syscall(SYS_msgctl, id, cmd, &mi);
        if (r < 0) {
            return -errno;
        }
        const int v[7] = { mi.msgpool, mi.msgmap, mi.msgmax, mi.msgmnb, mi.msgmni, mi.msgssz, mi.msgtql };
        memset(g, 0, 32);
        for (int i = 0; i < 7; i++) {
            g_st32(g + 4 * i, (uint32_t)v[i], BE);
        }
        g_st16(g + 28, mi.msgseg, BE);
        return r;
    }
    default:
        return -EINVAL;
    }
}

/* ---- POSIX message queues ---- */

/* struct mq_attr: four longs and four reserved ones, 32 bytes in every
 * 32-bit ABI.  mq_flags holds O_NONBLOCK, in the guest's numbering. */
static int64_t get_mq_attr(SyscallArgs *a, uint32_t addr, struct mq_attr *h)
{
    const uint8_t *g = lock_user(addr, 32, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    uint32_t fl = g_ld32(g, BE);
    memset(h, 0, sizeof(*h));
    h->mq_flags = fc ? flags_to_host(fc, fl) : fl;
    h->mq_maxmsg = (int32_t)g_ld32(g + 4, BE);
    h->mq_msgsize = (int32_t)g_ld32(g + 8, BE);
    h->mq_curmsgs = (int32_t)g_ld32(g + 12, BE);
    return 0;
}

static void put_mq_attr(SyscallArgs *a, uint8_t *g, const struct mq_attr *h)
{
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    memset(g, 0, 32);
    g_st32(g, fc ? flags_to_guest(fc, (uint32_t)h->mq_flags) : (uint32_t)h->mq_flags, BE);
    g_st32(g + 4, (uint32_t)h->mq_maxmsg, BE);
    g_st32(g + 8, (uint32_t)h->mq_msgsize, BE);
    g_st32(g + 12, (uint32_t)h->mq_curmsgs, BE);
}

int64_t sys_mq_open(SyscallArgs *a)
{
    const char *name = lock_user_string(a->a[0]);
    if (!name) {
        return -EFAULT;
    }
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    int flags = (int)(fc ? flags_to_host(fc, a->a[1]) : a->a[1]);
    struct mq_attr attr;
    if (a->a[3]) {
        int64_t e = get_mq_attr(a, a->a[3], &attr);
        if (e) {
            return e;
        }
    }
    return ERRNO(syscall(SYS_mq_open, name, flags, (mode_t)a->a[2], a->a[3] ? &attr : NULL));
}

int64_t sys_mq_unlink(SyscallArgs *a)
{
    const char *name = lock_user_string(a->a[0]);
    if (!name) {
        return -EFAULT;
    }
    return ERRNO(syscall(SYS_mq_unlink, name));
}

static int64_t do_mq_timedsend(SyscallArgs *a, bool t64)
{
    struct timespec ts;
    if (a->a[4]) {
        int64_t e = guest_get_timespec(a, a->a[4], &ts, t64);
        if (e) {
            return e;
        }
    }
    /* The kernel checks the priority, the queue and the length before it
     * reads the message: a bad one goes on as NULL, for the host to
     * answer in the same order. */
    const void *msg = lock_user(a->a[1], a->a[2], PROT_READ);
    return safe_syscall(SYS_mq_timedsend, (long)(int)a->a[0], msg, (long)a->a[2], (long)a->a[3],
                        a->a[4] ? &ts : NULL);
}

static int64_t do_mq_timedreceive(SyscallArgs *a, bool t64)
{
    uint32_t len = a->a[2];
    struct timespec ts;
    if (a->a[4]) {
        int64_t e = guest_get_timespec(a, a->a[4], &ts, t64);
        if (e) {
            return e;
        }
    }
    /* As for msgrcv: the kernel copies out once it has a message.  The
     * host buffer is as large as the queue's largest message at most. */
    struct mq_attr qa;
    if (syscall(SYS_mq_getsetattr, (int)a->a[0], NULL, &qa) == 0 && (uint64_t)qa.mq_msgsize < len) {
        len = (uint32_t)qa.mq_msgsize;
    }
    uint8_t *h = xmalloc(len ? len : 1);
    unsigned prio = 0;
    long r = safe_syscall(SYS_mq_timedreceive, (long)(int)a->a[0], h, (long)len, &prio, a->a[4] ? &ts : NULL);
    if (r >= 0) {
        uint8_t *g = lock_user(a->a[1], (uint32_t)r, PROT_WRITE);
        uint8_t *gp = a->a[3] ? lock_user(a->a[3], 4, PROT_WRITE) : NULL;
        if (!g || (a->a[3] && !gp)) {
            r = -EFAULT;
        } else {
            memcpy(g, h, (size_t)r);
            if (gp) {
                g_st32(gp, prio, BE);
            }
        }
    }
    free(h);
    return r;
}

int64_t sys_mq_timedsend(SyscallArgs *a) { return do_mq_timedsend(a, false); }
int64_t sys_mq_timedsend_time64(SyscallArgs *a) { return do_mq_timedsend(a, true); }
int64_t sys_mq_timedreceive(SyscallArgs *a) { return do_mq_timedreceive(a, false); }
int64_t sys_mq_timedreceive_time64(SyscallArgs *a) { return do_mq_timedreceive(a, true); }

#define NOTIFY_COOKIE_LEN 32

int64_t sys_mq_notify(SyscallArgs *a)
{
    if (!a->a[1]) {
        return ERRNO(syscall(SYS_mq_notify, (int)a->a[0], NULL));
    }
    /* struct sigevent (32-bit): value, signo, notify, then the thread id. */
    const uint8_t *g = lock_user(a->a[1], 16, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    uint32_t value = g_ld32(g, BE);
    int gsig = (int)g_ld32(g + 4, BE);
    sev.sigev_notify = (int)g_ld32(g + 8, BE);
    sev.sigev_value.sival_ptr = (void *)(uintptr_t)value;
    switch (sev.sigev_notify) {
    case SIGEV_NONE:
        break;
    case SIGEV_SIGNAL:
        /* Signal 0 is valid here: the notification then sends nothing. */
        sev.sigev_signo = gsig ? signal_to_host(gsig) : 0;
        if (sev.sigev_signo < 0 || gsig < 0 || gsig > GUEST_NSIG) {
            return -EINVAL;
        }
        break;
    case SIGEV_THREAD: {
        /* glibc's SIGEV_THREAD: sigev_signo is a netlink socket and the
         * value points to the cookie the kernel sends on it. */
        void *cookie = lock_user(value, NOTIFY_COOKIE_LEN, PROT_READ);
        if (!cookie) {
            return -EFAULT;
        }
        sev.sigev_signo = gsig;
        sev.sigev_value.sival_ptr = cookie;
        break;
    }
    default:
        return -EINVAL;
    }
    return ERRNO(syscall(SYS_mq_notify, (int)a->a[0], &sev));
}

int64_t sys_mq_getsetattr(SyscallArgs *a)
{
    struct mq_attr nv, ov;
    if (a->a[1]) {
        int64_t e = get_mq_attr(a, a->a[1], &nv);
        if (e) {
            return e;
        }
    }
    uint8_t *gold = NULL;
    if (a->a[2]) {
        gold = lock_user(a->a[2], 32, PROT_WRITE);
        if (!gold) {
            return -EFAULT;
        }
    }
    if (syscall(SYS_mq_getsetattr, (int)a->a[0], a->a[1] ? &nv : NULL, gold ? &ov : NULL) < 0) {
        return -errno;
    }
    if (gold) {
        put_mq_attr(a, gold, &ov);
    }
    return 0;
}
