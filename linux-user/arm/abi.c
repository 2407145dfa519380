/*
 * The ARM EABI Linux ABI as data: syscall numbers, struct layouts and flag
 * values that differ from the host's.  Numbers and layouts come from the
 * kernel uapi headers for arm (asm/stat.h, asm/fcntl.h, asm/signal.h).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "linux-user/user.h"
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
};
const FlagConv *const arm_flags[GF_NB] = {
    [GF_OPEN] = arm_open_flags,
    [GF_MMAP] = NULL,   /* the generic values, as on the host */
};
