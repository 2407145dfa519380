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

/* SSE.  XMM registers are X86Reg XMM0..XMM15; the generic ModRM forms take
 * them directly (REX and ModRM use the low four bits). */
#define SSE_SS(op)      ((op) | P_EXT | P_SIMDF3)
#define SSE_SD(op)      ((op) | P_EXT | P_SIMDF2)
#define SSE_PS(op)      ((op) | P_EXT)
#define SSE_PD(op)      ((op) | P_EXT | P_DATA16)
#define SSE_66_38(op)   ((op) | P_EXT38 | P_DATA16)
#define SSE_66_3A(op)   ((op) | P_EXT3A | P_DATA16)

#define OPC_MOVSS_ld    SSE_SS(0x10)    /* also movsd with SSE_SD, movups with SSE_PS */
#define OPC_MOVSS_st    SSE_SS(0x11)
#define OPC_MOVSD_ld    SSE_SD(0x10)
#define OPC_MOVSD_st    SSE_SD(0x11)
#define OPC_MOVUPS_ld   SSE_PS(0x10)
#define OPC_MOVUPS_st   SSE_PS(0x11)
#define OPC_MOVAPS      SSE_PS(0x28)
#define OPC_MOVD_XR     SSE_PD(0x6e)    /* xmm <- r/m32; with P_REXW r/m64 */
#define OPC_MOVD_RX     SSE_PD(0x7e)    /* r/m32 <- xmm; reg field is the xmm */
#define OPC_ADD_F       0x58
#define OPC_MUL_F       0x59
#define OPC_CVT_FF      0x5a            /* cvtss2sd (SS) / cvtsd2ss (SD) */
#define OPC_SUB_F       0x5c
#define OPC_MIN_F       0x5d
#define OPC_DIV_F       0x5e
#define OPC_MAX_F       0x5f
#define OPC_SQRT_F      0x51
#define OPC_AND_P       0x54
#define OPC_ANDN_P      0x55
#define OPC_OR_P        0x56
#define OPC_XOR_P       0x57
#define OPC_UCOMI       0x2e            /* ucomiss (PS) / ucomisd (PD) */
#define OPC_CVTSI2F     0x2a            /* cvtsi2ss (SS) / cvtsi2sd (SD); P_REXW: 64-bit source */
#define OPC_CVTTF2SI    0x2c            /* truncating */
#define OPC_CVTF2SI     0x2d            /* current rounding */
#define OPC_ROUNDSS     SSE_66_3A(0x0a)
#define OPC_ROUNDSD     SSE_66_3A(0x0b)
#define OPC_PAND        SSE_PD(0xdb)
#define OPC_PANDN       SSE_PD(0xdf)
#define OPC_POR         SSE_PD(0xeb)
#define OPC_PXOR        SSE_PD(0xef)
#define OPC_PSHUFD      SSE_PD(0x70)
#define OPC_PSHUFB      SSE_66_38(0x00)
#define OPC_PINSRB      SSE_66_3A(0x20)
#define OPC_PINSRW      SSE_PD(0xc4)
#define OPC_PINSRD      SSE_66_3A(0x22) /* P_REXW: pinsrq */
#define OPC_PEXTRB      SSE_66_3A(0x14)
#define OPC_PEXTRW      SSE_66_3A(0x15)
#define OPC_PEXTRD      SSE_66_3A(0x16) /* P_REXW: pextrq */
#define OPC_PUNPCKLQDQ  SSE_PD(0x6c)
#define OPC_VFMADD231S  (0xb9 | P_EXT38 | P_DATA16)     /* VEX; P_REXW for the double form */

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
void x86_mov_ri(CodeBuf *b, bool w64, X86Reg dst, uint64_t imm);   /* shortest form (may use xor: flags!) */
void x86_mov_ri32_keepflags(CodeBuf *b, X86Reg dst, uint32_t imm);  /* always mov r32, imm32 */
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

/* SSE helpers. */
void x86_sse_rr(CodeBuf *b, int opc, int dst, int src);
void x86_sse_rri(CodeBuf *b, int opc, int dst, int src, uint8_t imm);
void x86_sse_ld(CodeBuf *b, int opc, int reg, int base, int index, int32_t disp);
/* Packed integer lane op by lane size (0..3): add, sub, mul, cmpeq, cmpgt,
 * min/max signed/unsigned; false if SSE4.1 has no such form. */
bool x86_vec_opc(int op, int esize, int *opc);
enum { VEC_ADD, VEC_SUB, VEC_MUL, VEC_CMPEQ, VEC_CMPGT, VEC_MINS, VEC_MAXS, VEC_MINU, VEC_MAXU };
/* Shift all lanes by an immediate: kind is SH_SHL, SH_SHR or SH_SAR. */
bool x86_vec_shift_imm(CodeBuf *b, X86Shift kind, int esize, int reg, int count);

/* Atomics. */
void x86_lock_cmpxchg(CodeBuf *b, int size_log2, X86Reg newv, int base, int index, int32_t disp);

/* Patch a rel32 field at 'field' to reach 'target'. */
void x86_patch_rel32(uint8_t *field, const void *target);
bool x86_rel32_ok(const void *from_end, const void *target);

#endif
