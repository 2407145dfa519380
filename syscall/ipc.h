/*
 * System V IPC structures in a host-independent form.  Every guest ABI
 * describes its shmid_ds/semid_ds/msqid_ds layouts (with and without
 * IPC_64) as descriptors over these (UserArchOps.structs[GS_*_DS]); the
 * handlers in syscall/ipc.c fill them from the host's structures.
 *
 * Times are split in 32-bit halves because the 32-bit ABIs store a time
 * as two words, time and time_high, that need not be adjacent; the old
 * layouts simply have no field for the high half.
 */
#ifndef MIMIC_SYSCALL_IPC_H
#define MIMIC_SYSCALL_IPC_H

#include <stdint.h>

typedef struct IpcPerm {
    uint32_t key, uid, gid, cuid, cgid, mode, seq;
} IpcPerm;

typedef struct IpcShmid {
    IpcPerm perm;
    uint64_t segsz;
    uint32_t atime, atime_hi, dtime, dtime_hi, ctime, ctime_hi;
    uint32_t cpid, lpid;
    uint64_t nattch;
} IpcShmid;

typedef struct IpcSemid {
    IpcPerm perm;
    uint32_t otime, otime_hi, ctime, ctime_hi;
    uint64_t nsems;
} IpcSemid;

typedef struct IpcMsqid {
    IpcPerm perm;
    uint32_t stime, stime_hi, rtime, rtime_hi, ctime, ctime_hi;
    uint64_t cbytes, qnum, qbytes;
    uint32_t lspid, lrpid;
    /* The old layout's 16-bit copies, saturated as the kernel does. */
    uint16_t cbytes16, qnum16, qbytes16;
} IpcMsqid;

#endif
