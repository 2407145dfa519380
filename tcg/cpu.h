/*
 * The part of every guest CPU state that the generic layers use.  Each guest
 * CPU struct begins with a CPUCommon, so translated code and the exec loop
 * reach these fields at the same offsets for every guest.
 */
#ifndef MIMIC_TCG_CPU_H
#define MIMIC_TCG_CPU_H

#include <setjmp.h>
#include <stdint.h>

struct TB;
struct ArchInfo;
struct GuestThread;

typedef struct JumpCacheEntry {
    uint64_t key;               /* pc | (uint64_t)tb_flags << 32; ~0 when empty */
    const void *code;           /* host code of the TB with that key */
} JumpCacheEntry;

#define JC_BITS 12
#define JC_SIZE (1u << JC_BITS)
/* The slot of a pc.  Guest instructions are at least 2-byte aligned. */
#define JC_HASH(pc) (((pc) >> 1) & (JC_SIZE - 1))

/* Exits from the exec loop to the per-guest cpu loop. */
typedef enum Excp {
    EXCP_NONE = 0,
    EXCP_SYSCALL,               /* guest system call instruction */
    EXCP_UDEF,                  /* undefined instruction: SIGILL */
    EXCP_BKPT,                  /* breakpoint instruction: SIGTRAP */
    EXCP_SEGV,                  /* memory fault: exc_addr, exc_code */
    EXCP_BUS,                   /* alignment fault */
    EXCP_FPE,                   /* arithmetic trap */
    EXCP_TRAP,                  /* guest trap instruction */
    EXCP_INTERRUPT,             /* exit_request was set: signals, flush */
    EXCP_KERNEL_HELPER,         /* ARM: a call into the kuser helper page */
    EXCP_DEBUG,                 /* gdbstub single-step / breakpoint */
    EXCP_HLT,                   /* frontend-specific halt (system mode) */
} Excp;

typedef struct CPUCommon {
    uint32_t pc;                /* guest pc of the next instruction */
    uint32_t tb_flags;          /* frontend state that selects a translation */
    volatile int32_t exit_request; /* nonzero: leave translated code at the next TB entry */
    int32_t exception;          /* Excp of the last exit from translated code */
    uint32_t exc_addr;          /* EXCP_SEGV/BUS: faulting guest address */
    int32_t exc_code;           /* si_code for the guest signal */
    JumpCacheEntry *jc;         /* per-thread indirect-branch cache, JC_SIZE entries */
    const struct ArchInfo *arch;   /* the guest architecture */
    struct GuestThread *thread; /* the thread this CPU runs on */
    sigjmp_buf *loop_jmp;       /* where cpu_loop_exit unwinds to */
    uint64_t insn_count;        /* statistics: TBs entered from the loop */
} CPUCommon;

#endif
