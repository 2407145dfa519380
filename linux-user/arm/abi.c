/*
 * The ARM EABI Linux ABI as data: syscall numbers, struct layouts and flag
 * values that differ from the host's.  Numbers and layouts come from the
 * kernel uapi headers for arm (asm/stat.h, asm/fcntl.h, asm/signal.h).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/epoll.h>
#include <sys/statfs.h>

#include "linux-user/user.h"
#include "syscall/ipc.h"
#include "syscall/syscall.h"
#include "tcg/util.h"

/* Guest number -> generic id. */
/* Entries hold id + 1 so that 0 means "no such syscall". */
static const int16_t sys_map[] = {
#define SYSNR(nr, name) [nr] = SYSID_##name + 1,
#define SYSNR_PRIVATE(nr, name)
#include "linux-user/arm/syscall-nr.h"
#undef SYSNR
#undef SYSNR_PRIVATE
};

/* The ARM-private calls at 0xf0000 + n. */
static const int16_t sys_map_private[] = {
#define SYSNR(nr, name)
#define SYSNR_PRIVATE(nr, name) [nr] = SYSID_##name + 1,
#include "linux-user/arm/syscall-nr.h"
#undef SYSNR
#undef SYSNR_PRIVATE
};

int arm_syscall_id(uint32_t nr)
{
    if (nr < ARRAY_SIZE(sys_map)) {
        return sys_map[nr] - 1;
    }
    if (nr >= 0xf0000 && nr - 0xf0000 < ARRAY_SIZE(sys_map_private)) {
        return sys_map_private[nr - 0xf0000] - 1;
    }
    return -1;
}

/* struct stat64 (EABI: 64-bit members 8-byte aligned). */
static const FieldConv stat64_fields[] = {
    FC(struct stat, st_dev, 0, 8), FC(struct stat, st_ino, 12, 4), FC(struct stat, st_mode, 16, 4),
    FC(struct stat, st_nlink, 20, 4), FC(struct stat, st_uid, 24, 4), FC(struct stat, st_gid, 28, 4),
    FC(struct stat, st_rdev, 32, 8), FCS(struct stat, st_size, 48, 8), FC(struct stat, st_blksize, 56, 4),
    FC(struct stat, st_blocks, 64, 8), FC(struct stat, st_atim.tv_sec, 72, 4),
    FC(struct stat, st_atim.tv_nsec, 76, 4), FC(struct stat, st_mtim.tv_sec, 80, 4),
    FC(struct stat, st_mtim.tv_nsec, 84, 4), FC(struct stat, st_ctim.tv_sec, 88, 4),
    FC(struct stat, st_ctim.tv_nsec, 92, 4), FC(struct stat, st_ino, 96, 8),
};
static STRUCT_CONV(arm_stat64, struct stat, "stat64", 104, stat64_fields);

static const FieldConv statfs64_fields[] = {
    FC(struct statfs, f_type, 0, 4), FC(struct statfs, f_bsize, 4, 4), FC(struct statfs, f_blocks, 8, 8),
    FC(struct statfs, f_bfree, 16, 8), FC(struct statfs, f_bavail, 24, 8), FC(struct statfs, f_files, 32, 8),
    FC(struct statfs, f_ffree, 40, 8), FC(struct statfs, f_fsid.__val[0], 48, 4),
    FC(struct statfs, f_fsid.__val[1], 52, 4), FC(struct statfs, f_namelen, 56, 4),
    FC(struct statfs, f_frsize, 60, 4), FC(struct statfs, f_flags, 64, 4),
};
static STRUCT_CONV(arm_statfs64, struct statfs, "statfs64", 84, statfs64_fields);

/* The 32-bit struct stat of stat/lstat/fstat (asm/stat.h): 16-bit mode,
 * nlink, uid and gid.  The handler checks overflows and encodes st_dev and
 * st_rdev in the old 16-bit form before converting. */
static const FieldConv stat_fields[] = {
    FC(struct stat, st_dev, 0, 4), FC(struct stat, st_ino, 4, 4), FC(struct stat, st_mode, 8, 2),
    FC(struct stat, st_nlink, 10, 2), FC(struct stat, st_uid, 12, 2), FC(struct stat, st_gid, 14, 2),
    FC(struct stat, st_rdev, 16, 4), FC(struct stat, st_size, 20, 4), FC(struct stat, st_blksize, 24, 4),
    FC(struct stat, st_blocks, 28, 4), FC(struct stat, st_atim.tv_sec, 32, 4),
    FC(struct stat, st_atim.tv_nsec, 36, 4), FC(struct stat, st_mtim.tv_sec, 40, 4),
    FC(struct stat, st_mtim.tv_nsec, 44, 4), FC(struct stat, st_ctim.tv_sec, 48, 4),
    FC(struct stat, st_ctim.tv_nsec, 52, 4),
};
static STRUCT_CONV(arm_stat, struct stat, "stat", 64, stat_fields);

/* The 32-bit struct statfs (asm-generic/statfs.h, 32-bit words). */
static const FieldConv statfs_fields[] = {
    FC(struct statfs, f_type, 0, 4), FC(struct statfs, f_bsize, 4, 4), FC(struct statfs, f_blocks, 8, 4),
    FC(struct statfs, f_bfree, 12, 4), FC(struct statfs, f_bavail, 16, 4), FC(struct statfs, f_files, 20, 4),
    FC(struct statfs, f_ffree, 24, 4), FC(struct statfs, f_fsid.__val[0], 28, 4),
    FC(struct statfs, f_fsid.__val[1], 32, 4), FC(struct statfs, f_namelen, 36, 4),
    FC(struct statfs, f_frsize, 40, 4), FC(struct statfs, f_flags, 44, 4),
};
static STRUCT_CONV(arm_statfs, struct statfs, "statfs", 64, statfs_fields);

/* struct epoll_event: the 64-bit data is 8-byte aligned in EABI (16 bytes;
 * x86_64 packs it into 12). */
static const FieldConv epoll_event_fields[] = {
    FC(struct epoll_event, events, 0, 4), FC(struct epoll_event, data.u64, 8, 8),
};
static STRUCT_CONV(arm_epoll_event, struct epoll_event, "epoll_event", 16, epoll_event_fields);

/* System V IPC (asm-generic/ipcbuf.h, shmbuf.h, sembuf.h, msgbuf.h for
 * IPC_64; linux/ipc.h, shm.h, sem.h, msg.h for the old layouts, whose ids
 * are 16-bit on ARM).  Times are split in halves, see syscall/ipc.h. */
#define IPC64_PERM(T)                                                                                      \
    FC(T, perm.key, 0, 4), FC(T, perm.uid, 4, 4), FC(T, perm.gid, 8, 4), FC(T, perm.cuid, 12, 4),           \
    FC(T, perm.cgid, 16, 4), FC(T, perm.mode, 20, 2), FC(T, perm.seq, 24, 2)
#define IPC_OLD_PERM(T)                                                                                    \
    FC(T, perm.key, 0, 4), FC(T, perm.uid, 4, 2), FC(T, perm.gid, 6, 2), FC(T, perm.cuid, 8, 2),            \
    FC(T, perm.cgid, 10, 2), FC(T, perm.mode, 12, 2), FC(T, perm.seq, 14, 2)
static const FieldConv shmid64_fields[] = {
    IPC64_PERM(IpcShmid), FC(IpcShmid, segsz, 36, 4), FC(IpcShmid, atime, 40, 4), FC(IpcShmid, atime_hi, 44, 4),
    FC(IpcShmid, dtime, 48, 4), FC(IpcShmid, dtime_hi, 52, 4), FC(IpcShmid, ctime, 56, 4),
    FC(IpcShmid, ctime_hi, 60, 4), FC(IpcShmid, cpid, 64, 4), FC(IpcShmid, lpid, 68, 4),
    FC(IpcShmid, nattch, 72, 4),
};
static STRUCT_CONV(arm_shmid64, IpcShmid, "shmid64_ds", 84, shmid64_fields);
static const FieldConv semid64_fields[] = {
    IPC64_PERM(IpcSemid), FC(IpcSemid, otime, 36, 4), FC(IpcSemid, otime_hi, 40, 4), FC(IpcSemid, ctime, 44, 4),
    FC(IpcSemid, ctime_hi, 48, 4), FC(IpcSemid, nsems, 52, 4),
};
static STRUCT_CONV(arm_semid64, IpcSemid, "semid64_ds", 64, semid64_fields);
static const FieldConv msqid64_fields[] = {
    IPC64_PERM(IpcMsqid), FC(IpcMsqid, stime, 36, 4), FC(IpcMsqid, stime_hi, 40, 4), FC(IpcMsqid, rtime, 44, 4),
    FC(IpcMsqid, rtime_hi, 48, 4), FC(IpcMsqid, ctime, 52, 4), FC(IpcMsqid, ctime_hi, 56, 4),
    FC(IpcMsqid, cbytes, 60, 4), FC(IpcMsqid, qnum, 64, 4), FC(IpcMsqid, qbytes, 68, 4),
    FC(IpcMsqid, lspid, 72, 4), FC(IpcMsqid, lrpid, 76, 4),
};
static STRUCT_CONV(arm_msqid64, IpcMsqid, "msqid64_ds", 88, msqid64_fields);
static const FieldConv shmid_old_fields[] = {
    IPC_OLD_PERM(IpcShmid), FC(IpcShmid, segsz, 16, 4), FC(IpcShmid, atime, 20, 4), FC(IpcShmid, dtime, 24, 4),
    FC(IpcShmid, ctime, 28, 4), FC(IpcShmid, cpid, 32, 2), FC(IpcShmid, lpid, 34, 2), FC(IpcShmid, nattch, 36, 2),
};
static STRUCT_CONV(arm_shmid_old, IpcShmid, "shmid_ds", 48, shmid_old_fields);
static const FieldConv semid_old_fields[] = {
    IPC_OLD_PERM(IpcSemid), FC(IpcSemid, otime, 16, 4), FC(IpcSemid, ctime, 20, 4), FC(IpcSemid, nsems, 40, 2),
};
static STRUCT_CONV(arm_semid_old, IpcSemid, "semid_ds", 44, semid_old_fields);
static const FieldConv msqid_old_fields[] = {
    IPC_OLD_PERM(IpcMsqid), FC(IpcMsqid, stime, 24, 4), FC(IpcMsqid, rtime, 28, 4), FC(IpcMsqid, ctime, 32, 4),
    FC(IpcMsqid, cbytes, 36, 4), FC(IpcMsqid, qbytes, 40, 4), FC(IpcMsqid, cbytes16, 44, 2),
    FC(IpcMsqid, qnum16, 46, 2), FC(IpcMsqid, qbytes16, 48, 2), FC(IpcMsqid, lspid, 50, 2),
    FC(IpcMsqid, lrpid, 52, 2),
};
static STRUCT_CONV(arm_msqid_old, IpcMsqid, "msqid_ds", 56, msqid_old_fields);

/* struct sigaction as rt_sigaction sees it: handler, flags, restorer, mask. */
static const FieldConv sigaction_fields[] = {
    FC(GuestSigaction, handler, 0, 4), FC(GuestSigaction, flags, 4, 4), FC(GuestSigaction, restorer, 8, 4),
    FC(GuestSigaction, mask, 12, 8),
};
static STRUCT_CONV(arm_sigaction, GuestSigaction, "sigaction", 20, sigaction_fields);

/* O_* flags: arm moves O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE. */
#define SAME(f) { f, f, f, f }
#define MOVED(g, h) { g, g, h, h }
static const FlagConv arm_open_flags[] = {
    { O_ACCMODE, O_RDONLY, O_ACCMODE, O_RDONLY }, { O_ACCMODE, O_WRONLY, O_ACCMODE, O_WRONLY },
    { O_ACCMODE, O_RDWR, O_ACCMODE, O_RDWR },
    SAME(O_CREAT), SAME(O_EXCL), SAME(O_NOCTTY), SAME(O_TRUNC), SAME(O_APPEND), SAME(O_NONBLOCK),
    SAME(O_DSYNC), SAME(FASYNC), SAME(O_NOATIME), SAME(O_CLOEXEC), SAME(O_SYNC & ~O_DSYNC), SAME(O_PATH),
    MOVED(040000, O_DIRECTORY), MOVED(0100000, O_NOFOLLOW), MOVED(0200000, O_DIRECT),
    /* O_LARGEFILE: implied on the 64-bit host, reported back by F_GETFL. */
    MOVED(0400000, 0100000),
    SAME(020000000),    /* __O_TMPFILE; O_TMPFILE adds O_DIRECTORY, moved above */
    { 0, 0, 0, 0 },
};

const StructConv *const arm_structs[GS_NB] = {
    [GS_STAT64] = &arm_stat64,
    [GS_STATFS64] = &arm_statfs64,
    [GS_SIGACTION] = &arm_sigaction,
    [GS_SHMID64_DS] = &arm_shmid64,
    [GS_SEMID64_DS] = &arm_semid64,
    [GS_MSQID64_DS] = &arm_msqid64,
    [GS_SHMID_DS] = &arm_shmid_old,
    [GS_SEMID_DS] = &arm_semid_old,
    [GS_MSQID_DS] = &arm_msqid_old,
    [GS_STAT] = &arm_stat,
    [GS_STATFS] = &arm_statfs,
    [GS_EPOLL_EVENT] = &arm_epoll_event,
};
const FlagConv *const arm_flags[GF_NB] = {
    [GF_OPEN] = arm_open_flags,
    [GF_MMAP] = NULL,   /* the generic values, as on the host */
    [GF_POLL] = NULL,   /* the generic values, as on the host */
    [GF_SOCKTYPE] = NULL,   /* SOCK_*: the generic values, as on the host */
    [GF_SOCKLEVEL] = NULL,  /* SOL_SOCKET = 1, as on the host */
    [GF_SOCKOPT] = NULL,    /* SO_*: asm-generic numbering, as on the host */
};
