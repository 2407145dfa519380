/* Pieces shared by the integer (lower.c) and float/vector (lower-fp.c)
 * lowering of the x86_64 backend. */
#ifndef MIMIC_X86_LOWER_H
#define MIMIC_X86_LOWER_H

#include "backends/x86_64/emit.h"
#include "tcg/backend.h"

#define R_ALL X86_ALLOCATABLE
#define R_XMM (X86_XMM_MASK & ~REGSET(XMM15))
#define REG_XSCRATCH XMM15  /* never allocated: the float lowering's scratch */

/* The host memory operand of a guest access; may use REG_SCRATCH. */
void x86_guest_operand(CodeBuf *b, const LowArg *addr, uint32_t off, int *index, int32_t *disp);

/* Float and vector ops (lower-fp.c). */
void lower_fp_init(void);
const OpCt *lower_fp_op_ct(const IROp *op);
bool lower_fp_handles(const IROp *op);
void lower_fp_op(CodeGen *g, const IROp *op, const LowArg *out, const LowArg *in);
void lower_fp_mov(CodeBuf *b, IRType t, int dst, int src);
void lower_fp_movi(CodeBuf *b, IRType t, int dst, uint64_t v);
void lower_fp_ld(CodeBuf *b, IRType t, int reg, int base, int index, int32_t disp);
void lower_fp_st(CodeBuf *b, IRType t, int reg, int base, int index, int32_t disp);

static inline bool type_is_x(IRType t) { return t == IR_F32 || t == IR_F64 || t == IR_V128; }

#endif
