/*
 * Shared pieces of the ARM translator: the decode context, the guest
 * globals and the small generators every instruction family uses.
 *
 * A32 and T32 share their trans_*() functions wherever the operation is the
 * same: their pattern tables give the fields the same letters (see
 * a32-decode.c for the letter conventions), and the few ISA differences
 * (the pc offset, what a write to pc means, IT-block flag setting) live in
 * the generators below.
 */
#ifndef MIMIC_ARM_TRANSLATE_H
#define MIMIC_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontends/arm/cpu.h"
#include "tcg/decode.h"
#include "tcg/ir.h"
#include "tcg/translate.h"

typedef struct DisasContext {
    DisasBase base;
    uint32_t pc_curr;           /* address of the instruction being translated */
    uint32_t insn;              /* its encoding (T32: hw1 << 16 | hw2) */
    int insn_len;               /* 2 or 4 */
    bool thumb;                 /* translating T32 */
    uint8_t condexec;           /* ITSTATE for this instruction (0 outside IT) */
    uint8_t condexec_next;      /* ITSTATE for the next instruction */
    bool condjmp;               /* a conditional skip label is open */
    uint32_t condlabel;
    bool be_data;               /* big-endian data accesses */
} DisasContext;

/* Frontend-specific DisasJump values. */
enum {
    DISAS_UPDATE_NOCHAIN = DISAS_TARGET_0,  /* pc/tb_flags written: exit, no lookup */
};

/* Guest globals. */
extern IRTemp arm_R[16];        /* r0-r14; arm_R[15] is the pc global */
extern IRTemp arm_tbflags, arm_NF, arm_ZF, arm_CF, arm_VF, arm_QF, arm_GE;
extern IRTemp arm_excl_addr, arm_excl_val, arm_excl_hi;

static inline IRContext *IRC(DisasContext *dc) { return dc->base.ir; }
static inline IRTemp arm_tmp(DisasContext *dc) { return ir_temp(dc->base.ir, IR_I32); }
static inline IRTemp arm_tmp64(DisasContext *dc) { return ir_temp(dc->base.ir, IR_I64); }
static inline IRTemp arm_c32(DisasContext *dc, uint32_t v) { return ir_c32(dc->base.ir, v); }

/* The value of r: the global itself for r0-r14 (do not write to it), the
 * architectural pc (insn + 8, or + 4 in Thumb) for r15. */
IRTemp arm_get_reg(DisasContext *dc, int r);
/* Align(PC, 4) for literal loads and ADR. */
uint32_t arm_pc_aligned(DisasContext *dc);
/* A fresh copy of r that the caller may modify. */
IRTemp arm_get_reg_copy(DisasContext *dc, int r);

/* Write r; a write to r15 is a branch: interworking in A32 (ALUWritePC),
 * a plain branch in T32. */
void arm_set_reg(DisasContext *dc, int r, IRTemp v);
/* Rd of an operation whose Rd = pc is UNPREDICTABLE: compute into
 * arm_dest(r) and finish with arm_write_rd(r, v), which for pc does what
 * qemu does, a plain branch in the current instruction set. */
IRTemp arm_dest(DisasContext *dc, uint32_t r);
void arm_write_rd(DisasContext *dc, uint32_t r, IRTemp v);
/* LoadWritePC / BXWritePC semantics for r15: always interworking. */
void arm_set_reg_bx(DisasContext *dc, int r, IRTemp v);
void arm_gen_bx(DisasContext *dc, IRTemp addr);
void arm_gen_bx_imm(DisasContext *dc, uint32_t addr);   /* BLX imm: switch state */
void arm_gen_jmp(DisasContext *dc, uint32_t dest);      /* direct branch, same state */
void arm_gen_exception_insn(DisasContext *dc, int excp); /* at this instruction */
void arm_gen_exception_next(DisasContext *dc, int excp); /* after it (SVC) */
void arm_gen_lookup_exit(DisasContext *dc);

/* Flag setting. */
void arm_gen_nz(DisasContext *dc, IRTemp res);
void arm_gen_add_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b);
void arm_gen_sub_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b);
void arm_gen_adc_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b);
void arm_gen_sbc_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b);
void arm_gen_adc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b);
void arm_gen_sbc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b);

/* Shifts: type is 0 LSL, 1 LSR, 2 ASR, 3 ROR (imm 0 = RRX); set_c updates C
 * with the shifter carry-out. */
void arm_gen_shift_imm(DisasContext *dc, IRTemp dst, IRTemp src, int type, int amount, bool set_c);
void arm_gen_shift_reg(DisasContext *dc, IRTemp dst, IRTemp src, int type, IRTemp rs, bool set_c);

/* Conditions: branch to label when cond (0-14) holds. */
void arm_gen_test_cc(DisasContext *dc, int cond, uint32_t label);
/* Open a skip label for a conditional instruction. */
void arm_gen_cond_skip(DisasContext *dc, int cond);

/* Guest memory with the data endianness applied. */
void arm_gen_ld(DisasContext *dc, IRTemp dst, IRTemp addr, int32_t off, int mo);
void arm_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, int32_t off, int mo);

/* Set flags in T32 16-bit data-processing: only outside IT blocks. */
static inline bool arm_t16_setflags(DisasContext *dc) { return dc->condexec == 0; }

/* UNPREDICTABLE encodings are treated as UNDEFINED (the trans returns
 * false) where real cores trap; these document why. */
#define UNPREDICTABLE false

/* Per-family pattern tables, joined in decode order by a32-decode.c and
 * t32-decode.c. */
typedef struct ArmPatternSet {
    DecodePattern *pats;
    size_t n;
} ArmPatternSet;

#define ARM_PATTERN_SET(name, arr) const ArmPatternSet name = { arr, sizeof(arr) / sizeof(arr[0]) }

/* Field preprocessing for modified immediates: k <- value, R <- 1 when the
 * expansion rotated (so logical ops with S take C from bit 31). */
void arm_expand_imm_a32(DecodeFields *f);
void arm_expand_imm_t32(DecodeFields *f);

/* Decoders. */
void arm_decode_init(void);
bool arm_decode_a32(DisasContext *dc, uint32_t insn);
bool arm_decode_t32(DisasContext *dc, uint32_t insn);
bool arm_decode_t16(DisasContext *dc, uint32_t insn);
extern DecodeTable arm_a32_table, arm_t32_table, arm_t16_table;

#endif
