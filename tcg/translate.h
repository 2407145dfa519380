/*
 * The one translation loop shared by all frontends.  A frontend embeds
 * DisasBase at the start of its own DisasContext and fills a FrontendOps.
 */
#ifndef MIMIC_TCG_TRANSLATE_H
#define MIMIC_TCG_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"
#include "tcg/ir.h"
#include "tcg/tb.h"

/* How the block ended. */
typedef enum DisasJump {
    DISAS_NEXT,         /* keep translating */
    DISAS_TOO_MANY,     /* stop here; continue at pc_next through goto_tb */
    DISAS_NORETURN,     /* the frontend already emitted the exit */
    DISAS_JUMP,         /* pc (and tb_flags) are in the CPU state: indirect lookup */
    DISAS_EXIT,         /* pc is in the CPU state: return to the loop */
    DISAS_TARGET_0,     /* first frontend-specific value */
} DisasJump;

typedef struct DisasBase {
    IRContext *ir;
    TB *tb;
    CPUCommon *cpu;
    uint32_t pc_first;      /* guest pc of the first instruction */
    uint32_t pc_next;       /* guest pc of the next instruction to decode */
    uint32_t tb_flags;      /* flags the TB is translated for */
    int is_jmp;             /* DisasJump or frontend value */
    int num_insns;
    int max_insns;
    bool singlestep;        /* one instruction per TB */
    bool no_chain;          /* exit to the loop instead of goto_tb / lookup */
    bool fetch_fault;       /* the first instruction cannot be fetched */
    uint32_t fault_addr;    /* fetch_fault: guest address and si_code */
    int fault_code;
} DisasBase;

typedef struct FrontendOps {
    size_t ctx_size;                            /* sizeof the frontend's DisasContext */
    void (*init_globals)(IRContext *ir);        /* register guest globals, once */
    void (*init_disas)(DisasBase *db);
    void (*tb_start)(DisasBase *db);
    void (*insn_start)(DisasBase *db);          /* emit insn_start */
    void (*translate_insn)(DisasBase *db);
    void (*tb_stop)(DisasBase *db);
    /* Set the guest pc and frontend state from a pc-table entry. */
    void (*restore_state)(CPUCommon *cpu, const TB *tb, uint32_t pc, uint32_t aux);
    /* capstone arch and mode for -d in_asm, for the given tb_flags */
    void (*disas_mode)(uint32_t tb_flags, int *cs_arch, int *cs_mode);
} FrontendOps;

/* Run the frontend over one TB into db->ir. */
void translator_loop(const FrontendOps *ops, DisasBase *db);

/* Check that the guest bytes [pc, pc+len) can be fetched as code.  On the
 * first instruction a fault becomes a guest exception; later in the block
 * the block just ends before the instruction. */
bool translator_can_fetch(DisasBase *db, uint32_t pc, uint32_t len);
/* Emit the standard exit: exception code into the CPU state, pc set. */
void translator_gen_exception(DisasBase *db, IRTemp pc_global, uint32_t pc, int excp, uint32_t addr, int code);

#endif
