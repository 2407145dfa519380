/*
 * The generic syscall layer.  syscall/syscalls.def lists every syscall any
 * guest has, once, with its handler and its -strace format; each guest has
 * a number table (linux-user/<arch>/syscall-nr.h) that maps its numbers to
 * these generic ids.  Handlers live in syscall/<family>.c.
 */
#ifndef MIMIC_SYSCALL_H
#define MIMIC_SYSCALL_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

struct UserArchOps;

typedef struct SyscallArgs {
    uint32_t a[8];                  /* raw guest arguments, in ABI order */
    CPUCommon *cpu;
    const struct UserArchOps *ua;
    int id;                         /* generic id */
} SyscallArgs;

/* Handlers return a value >= 0, or -errno (host numbering). */
typedef int64_t (*SyscallFn)(SyscallArgs *a);

/* Result printing for -strace. */
enum { SR_INT, SR_HEX, SR_NONE };

typedef enum SyscallId {
#define SC(name, fn, ret, fmt) SYSID_##name,
#define SX(name, nargs) SYSID_##name,
#define SN(name, nargs) SYSID_##name,
#include "syscall/syscalls.def"
#undef SC
#undef SX
#undef SN
    SYSID_NB
} SyscallId;

typedef struct SyscallDef {
    const char *name;
    SyscallFn fn;                   /* NULL: not implemented, ENOSYS */
    uint8_t ret;                    /* SR_* */
    const char *fmt;                /* argument formats, see syscalls.def */
    uint8_t nargs;                  /* for unimplemented calls */
    bool quiet;                     /* absent on purpose: no warning */
} SyscallDef;

extern const SyscallDef syscall_defs[SYSID_NB];
extern bool strace_enabled;

/* Run generic syscall id with the arguments; returns a value or -errno. */
int64_t do_syscall(SyscallArgs *a);

/* A host call's result as a syscall result: -errno on failure. */
static inline int64_t sys_result(long r)
{
    return r < 0 ? -(int64_t)errno : (int64_t)r;
}
#define ERRNO(r) sys_result(r)

/* A 64-bit argument passed in an aligned register pair starting at index
 * i (ARM EABI, MIPS o32 and PPC32 all align pairs; the order follows the
 * guest's endianness). */
uint64_t sys_arg64(const SyscallArgs *a, int i);

/* -strace output. */
void strace_enter(const SyscallArgs *a, uint32_t nr);
void strace_exit(const SyscallArgs *a, int64_t ret);
void strace_signal(int sig, uint32_t addr);

/* Handlers defined in syscall/<family>.c and linux-user/<arch>/. */
#define SC(name, fn, ret, fmt) int64_t fn(SyscallArgs *a);
#define SX(name, nargs)
#define SN(name, nargs)
#include "syscall/syscalls.def"
#undef SC
#undef SX
#undef SN

#endif
