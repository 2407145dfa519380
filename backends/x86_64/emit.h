/*
 * Tiny x86_64 instruction encoders.  Every encoder here is checked against
 * capstone's disassembly of its bytes by tests/unit/test-emit.c.
 *
 * Opcodes are written as the final opcode byte plus P_* prefix flags, so one
 * generic routine (x86_opc) produces the legacy prefixes, REX and escape
 * bytes for all of them.
 */
#ifndef MIMIC_X86_EMIT_H
#define MIMIC_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "backends/x86_64/target.h"
#include "tcg/codebuf.h"

/* Prefix flags, or'ed with the opcode byte. */
#define P_EXT      0x100    /* 0x0f escape */
#define P_EXT38    0x200    /* 0x0f 0x38 escape */
#define P_EXT3A    0x400    /* 0x0f 0x3a escape */
#define P_DATA16   0x800    /* 0x66 */
#define P_REXW     0x1000   /* 64-bit operand size */
#define P_REXB_R   0x2000   /* reg field names a byte register */
#define P_REXB_RM  0x4000   /* rm field names a byte register */
#define P_SIMDF3   0x8000   /* 0xf3 */
#define P_SIMDF2   0x10000  /* 0xf2 */
#define P_VEXL     0x20000  /* VEX.L = 1 (256-bit) */

/* Common opcodes. */
#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_ARITH_GvEv  0x03            /* + (ALU_op << 3) */
#define OPC_ARITH_EvGv  0x01            /* + (ALU_op << 3) */
#define OPC_MOVL_GvEv   0x8b
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVB_EvGv   (0x88 | P_REXB_R)
#define OPC_MOVL_EvIz   0xc7
#define OPC_MOVB_EvIb   0xc6
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVZBL      (0xb6 | P_EXT | P_REXB_RM)
#define OPC_MOVZWL      (0xb7 | P_EXT)
#define OPC_MOVSBL      (0xbe | P_EXT | P_REXB_RM)
#define OPC_MOVSWL      (0xbf | P_EXT)
#define OPC_MOVSLQ      (0x63 | P_REXW)
#define OPC_LEA         0x8d
#define OPC_SHIFT_1     0xd1
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_cl    0xd3
#define OPC_GRP3_Ev     0xf7
#define OPC_GRP5        0xff
#define OPC_TESTL       0x85
#define OPC_IMUL_GvEv   (0xaf | P_EXT)
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_BSWAP       (0xc8 | P_EXT)
#define OPC_CMOVCC      (0x40 | P_EXT)
#define OPC_SETCC       (0x90 | P_EXT | P_REXB_RM)
#define OPC_JCC_long    (0x80 | P_EXT)
#define OPC_JCC_short   0x70
#define OPC_JMP_long    0xe9
#define OPC_JMP_short   0xeb
#define OPC_CALL_Jz     0xe8
#define OPC_RET         0xc3
#define OPC_PUSH_r32    0x50
#define OPC_POP_r32     0x58
#define OPC_LZCNT       (0xbd | P_EXT | P_SIMDF3)
#define OPC_TZCNT       (0xbc | P_EXT | P_SIMDF3)
#define OPC_POPCNT      (0xb8 | P_EXT | P_SIMDF3)
#define OPC_BSR         (0xbd | P_EXT)
#define OPC_BSF         (0xbc | P_EXT)
#define OPC_MOVBE_GyMy  (0xf0 | P_EXT38)
#define OPC_MOVBE_MyGy  (0xf1 | P_EXT38)
#define OPC_CMPXCHG     (0xb1 | P_EXT)
#define OPC_XCHG        0x87
#define OPC_SHLX        (0xf7 | P_EXT38 | P_DATA16)
#define OPC_SHRX        (0xf7 | P_EXT38 | P_SIMDF2)
#define OPC_SARX        (0xf7 | P_EXT38 | P_SIMDF3)
#define OPC_RORX        (0xf0 | P_EXT3A | P_SIMDF2)
#define OPC_ANDN        (0xf2 | P_EXT38)

/* Group-3 /digit. */
enum { EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4, EXT3_IMUL = 5, EXT3_DIV = 6, EXT3_IDIV = 7 };
/* Group-5 /digit. */
enum { EXT5_CALLN_Ev = 2, EXT5_JMPN_Ev = 4 };

/* Low-level: prefixes, REX and opcode bytes; then ModRM forms. */
void x86_opc(CodeBuf *b, int opc, int r, int rm, int x);
void x86_modrm(CodeBuf *b, int opc, int r, int rm);
/* Memory operand [base + index*2^shift + disp]; base or index may be -1. */
void x86_modrm_mem(CodeBuf *b, int opc, int r, int base, int index, int shift, int32_t disp);
void x86_vex_modrm(CodeBuf *b, int opc, int r, int v, int rm);
void x86_vex_modrm_mem(CodeBuf *b, int opc, int r, int v, int base, int index, int shift, int32_t disp);

/* Moves. */
void x86_mov_rr(CodeBuf *b, bool w64, X86Reg dst, X86Reg src);
void x86_mov_ri(CodeBuf *b, bool w64, X86Reg dst, uint64_t imm);   /* shortest form */
void x86_ld(CodeBuf *b, int opc, X86Reg r, int base, int index, int32_t disp);
void x86_st(CodeBuf *b, int opc, X86Reg r, int base, int index, int32_t disp);
void x86_st_imm(CodeBuf *b, int size_log2, int base, int index, int32_t disp, int32_t imm);
void x86_lea(CodeBuf *b, bool w64, X86Reg dst, int base, int index, int shift, int32_t disp);
void x86_movzx(CodeBuf *b, int opc, X86Reg dst, X86Reg src);       /* OPC_MOVZBL... */
void x86_lea_rip(CodeBuf *b, X86Reg dst, const void *target);       /* lea dst, [rip + target] */

/* ALU. */
void x86_alu_rr(CodeBuf *b, X86Alu op, bool w64, X86Reg dst, X86Reg src);
void x86_alu_ri(CodeBuf *b, X86Alu op, bool w64, X86Reg dst, int32_t imm);
void x86_alu_rm(CodeBuf *b, X86Alu op, bool w64, X86Reg dst, int base, int32_t disp);
void x86_alu_mi(CodeBuf *b, X86Alu op, bool w64, int base, int32_t disp, int32_t imm);
void x86_test_rr(CodeBuf *b, bool w64, X86Reg a, X86Reg c);
void x86_test_ri(CodeBuf *b, bool w64, X86Reg a, uint32_t imm);
void x86_grp3(CodeBuf *b, int ext, bool w64, X86Reg r);              /* not/neg/mul/imul/div/idiv */
void x86_shift_ri(CodeBuf *b, X86Shift op, bool w64, X86Reg r, int count);
void x86_shift_cl(CodeBuf *b, X86Shift op, bool w64, X86Reg r);
void x86_shiftx(CodeBuf *b, int opc, bool w64, X86Reg dst, X86Reg src, X86Reg count);  /* BMI2 */
void x86_rorx(CodeBuf *b, bool w64, X86Reg dst, X86Reg src, int count);
void x86_andn(CodeBuf *b, bool w64, X86Reg dst, X86Reg notsrc, X86Reg src);
void x86_imul_rr(CodeBuf *b, bool w64, X86Reg dst, X86Reg src);
void x86_imul_rri(CodeBuf *b, bool w64, X86Reg dst, X86Reg src, int32_t imm);
void x86_cdq(CodeBuf *b, bool w64);                                  /* cdq / cqo */
void x86_bswap(CodeBuf *b, bool w64, X86Reg r);
void x86_rol16_8(CodeBuf *b, X86Reg r);                              /* rol r16, 8 */
void x86_bitop_rr(CodeBuf *b, int opc, bool w64, X86Reg dst, X86Reg src);  /* lzcnt/tzcnt/popcnt/bsr/bsf */

/* Flags consumers. */
void x86_setcc(CodeBuf *b, X86Cond cc, X86Reg r);
void x86_cmov(CodeBuf *b, X86Cond cc, bool w64, X86Reg dst, X86Reg src);

/* Control transfer.  The rel32 forms return the offset of their 32-bit field
 * so that it can be patched later. */
size_t x86_jmp32(CodeBuf *b, const void *target);
size_t x86_jcc32(CodeBuf *b, X86Cond cc, const void *target);
void x86_jmp8(CodeBuf *b, int8_t rel);
void x86_jcc8(CodeBuf *b, X86Cond cc, int8_t rel);
void x86_call(CodeBuf *b, const void *target);   /* rel32 when in range, else via scratch */
void x86_jmp_r(CodeBuf *b, X86Reg r);
void x86_jmp_m(CodeBuf *b, int base, int32_t disp);
void x86_push(CodeBuf *b, X86Reg r);
void x86_pop(CodeBuf *b, X86Reg r);
void x86_ret(CodeBuf *b);
void x86_nops(CodeBuf *b, int n);
void x86_mfence(CodeBuf *b);
void x86_ud2(CodeBuf *b);

/* Atomics. */
void x86_lock_cmpxchg(CodeBuf *b, int size_log2, X86Reg newv, int base, int index, int32_t disp);

/* Patch a rel32 field at 'field' to reach 'target'. */
void x86_patch_rel32(uint8_t *field, const void *target);
bool x86_rel32_ok(const void *from_end, const void *target);

#endif
