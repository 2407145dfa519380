/*
 * IR -> x86_64 lowering.  The generic allocator (tcg/regalloc.c) has placed
 * every operand; this file states what each op accepts (its OpCt) and emits
 * the instructions for an allocated op.
 *
 * Invariant: an i32 value in a host register always has its upper 32 bits
 * clear.  Every i32 op uses 32-bit forms, which zero-extend, so a guest
 * address register can index the guest window directly.
 */
#include "backends/x86_64/lower.h"
#include "tcg/cpu.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"
#include "tcg/util.h"

#include <stddef.h>

#define R(r) REGSET(r)

const int8_t backend_alloc_order[] = {
    RBX, RBP, R12, R13, RSI, RDI, R8, R9, R10, RDX, RCX, RAX,
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7, XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14,
};
const int backend_nb_alloc = (int)ARRAY_SIZE(backend_alloc_order);
const int backend_env_reg = REG_ENV;
const int backend_frame_reg = RSP;
const int32_t backend_frame_start = 0;
const int32_t backend_frame_size = 4096;
const uint32_t backend_call_clobber = X86_CALL_CLOBBER;
const int backend_scratch_reg = REG_SCRATCH;

uint32_t backend_regs_for_type(IRType t)
{
    return type_is_x(t) ? R_XMM : R_ALL;
}

static OpCt ct_table[IR_NB_OPS];
static OpCt ct_call;
static OpCt ct_mul2_64;     /* i64 mulu2/muls2: one-operand mul/imul, rdx:rax */
static OpCt ct_cmpxchg_far; /* byte-swapped cmpxchg, offset beyond the guard */
static OpCt ct_st_bswap;    /* byte-swapping store without MOVBE: rax free */

#define IN(i, r, f)   (ct->in[i] = (ArgCt){ (r), (f), 0 })
#define OUT(o, r, f)  (ct->out[o] = (ArgCt){ (r), (f), 0 })
#define OUT_ALIAS(o, i) (ct->out[o] = (ArgCt){ 0, CT_ALIAS, (i) })

void backend_init(void)
{
    x86_features_init();
    if (!x86_features.popcnt || !x86_features.sse41) {
        fatal("this host CPU lacks SSE4.1/POPCNT; mimic needs an x86-64-v2 CPU");
    }
    lower_fp_init();
    OpCt *ct;
    static const IROpcode binops[] = { IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc, IR_setcond };
    for (size_t i = 0; i < ARRAY_SIZE(binops); i++) {
        ct = &ct_table[binops[i]];
        OUT(0, R_ALL, 0);
        IN(0, R_ALL, 0);
        IN(1, R_ALL, CT_CONST);
    }
    static const IROpcode unops[] = {
        IR_mov, IR_zext, IR_sext, IR_trunc, IR_trunch, IR_clz, IR_ctz, IR_ctpop, IR_bswap16,
        IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u, IR_extract, IR_sextract,
    };
    for (size_t i = 0; i < ARRAY_SIZE(unops); i++) {
        ct = &ct_table[unops[i]];
        OUT(0, R_ALL, 0);
        IN(0, R_ALL, 0);
    }
    static const IROpcode aliased[] = { IR_neg, IR_not, IR_bswap };
    for (size_t i = 0; i < ARRAY_SIZE(aliased); i++) {
        ct = &ct_table[aliased[i]];
        OUT_ALIAS(0, 0);
        IN(0, R_ALL, 0);
    }
    static const IROpcode shifts[] = { IR_shl, IR_shr, IR_sar };
    for (size_t i = 0; i < ARRAY_SIZE(shifts); i++) {
        ct = &ct_table[shifts[i]];
        if (x86_features.bmi2) {
            OUT(0, R_ALL, 0);
            IN(0, R_ALL, 0);
            IN(1, R_ALL, CT_CONST);
        } else {
            OUT_ALIAS(0, 0);
            IN(0, R_ALL & ~R(RCX), 0);
            IN(1, R(RCX), CT_CONST);
        }
    }
    static const IROpcode rots[] = { IR_rotr, IR_rotl };
    for (size_t i = 0; i < ARRAY_SIZE(rots); i++) {
        ct = &ct_table[rots[i]];
        OUT(0, R_ALL & ~R(RCX), 0);
        IN(0, R_ALL & ~R(RCX), 0);
        IN(1, R(RCX), CT_CONST);
    }
    static const IROpcode divs[] = { IR_div, IR_divu, IR_rem, IR_remu };
    for (size_t i = 0; i < ARRAY_SIZE(divs); i++) {
        ct = &ct_table[divs[i]];
        bool rem = divs[i] == IR_rem || divs[i] == IR_remu;
        OUT(0, rem ? R(RDX) : R(RAX), 0);
        IN(0, R(RAX), 0);
        IN(1, R_ALL & ~(R(RAX) | R(RDX)), 0);
        ct->clobber = R(RAX) | R(RDX);
    }
    ct = &ct_table[IR_concat];
    OUT(0, R_ALL, 0);
    IN(0, R_ALL, 0);
    IN(1, R_ALL, 0);
    ct = &ct_table[IR_deposit];
    OUT(0, R_ALL, 0);
    IN(0, R_ALL, 0);
    IN(1, R_ALL, 0);
    ct = &ct_table[IR_movcond];
    OUT_ALIAS(0, 3);
    IN(0, R_ALL, 0);
    IN(1, R_ALL, CT_CONST);
    IN(2, R_ALL, 0);
    IN(3, R_ALL, 0);
    for (int op = IR_mulu2; op <= IR_muls2; op++) {
        ct = &ct_table[op];
        OUT(0, R_ALL, 0);
        OUT(1, R_ALL, 0);
        IN(0, R_ALL, 0);
        IN(1, R_ALL, 0);
    }
    ct = &ct_mul2_64;
    OUT(0, R(RAX), 0);
    OUT(1, R(RDX), 0);
    IN(0, R(RAX), 0);
    IN(1, R_ALL & ~(R(RAX) | R(RDX)), 0);
    ct->clobber = R(RAX) | R(RDX);
    ct = &ct_table[IR_ld];
    OUT(0, R_ALL, 0);
    IN(0, R_ALL, CT_CONST);
    ct = &ct_table[IR_st];
    IN(0, R_ALL, CT_CONST);
    IN(1, R_ALL, CT_CONST);
    ct = &ct_st_bswap;
    IN(0, R_ALL & ~R(RAX), CT_CONST);
    IN(1, R_ALL & ~R(RAX), CT_CONST);
    ct->clobber = R(RAX);
    ct = &ct_table[IR_cmpxchg];
    OUT_ALIAS(0, 1);
    IN(0, R_ALL & ~R(RAX), 0);
    IN(1, R(RAX), 0);
    IN(2, R_ALL & ~R(RAX), 0);
    ct->clobber = R(RAX);
    /* The scratch register holds the swapped new value, so the address
     * (addr + offset) goes to r10. */
    ct = &ct_cmpxchg_far;
    OUT_ALIAS(0, 1);
    IN(0, R_ALL & ~(R(RAX) | R(R10)), 0);
    IN(1, R(RAX), 0);
    IN(2, R_ALL & ~(R(RAX) | R(R10)), 0);
    ct->clobber = R(RAX) | R(R10);
    ct = &ct_table[IR_ldenv];
    OUT(0, R_ALL, 0);
    ct = &ct_table[IR_stenv];
    IN(0, R_ALL, CT_CONST);
    ct = &ct_table[IR_brcond];
    IN(0, R_ALL, 0);
    IN(1, R_ALL, CT_CONST);
    ct = &ct_table[IR_lookup_and_goto];
    ct->clobber = R(RAX) | R(RCX) | R(RDX);
}

static bool guard_disp_ok(uint32_t off)
{
    int32_t s = (int32_t)off;
    return s >= -GUEST_GUARD && s < GUEST_GUARD;
}

/* A byte-swapped cmpxchg whose offset cannot be a displacement. */
static bool cmpxchg_far(const IROp *op)
{
    int mo = (int)op->args[5];
    return (mo & IR_MO_BSWAP) && (mo & IR_MO_SIZE) && !guard_disp_ok((uint32_t)op->args[4]);
}

const OpCt *backend_op_ct(CodeGen *g, const IROp *op)
{
    (void)g;
    if (lower_fp_handles(op)) {
        return lower_fp_op_ct(op);
    }
    if (op->opc == IR_st && (op->args[3] & IR_MO_BSWAP) && (op->args[3] & IR_MO_SIZE) && !x86_features.movbe) {
        return &ct_st_bswap;
    }
    if ((op->opc == IR_mulu2 || op->opc == IR_muls2) && op->type == IR_I64) {
        return &ct_mul2_64;
    }
    if (op->opc == IR_cmpxchg && cmpxchg_far(op)) {
        return &ct_cmpxchg_far;
    }
    if (op->opc != IR_call) {
        return &ct_table[op->opc];
    }
    const HelperInfo *h = (const HelperInfo *)(uintptr_t)op->args[op->nargs - 1];
    OpCt *ct = &ct_call;
    int k = 0;
    for (int i = 0; i < h->nargs; i++) {
        if (h->args[i] != HT_env) {
            ct->in[k++] = (ArgCt){ R(x86_call_arg_regs[i]), 0, 0 };
        }
    }
    ct->out[0] = (ArgCt){ R(RAX), 0, 0 };
    ct->clobber = X86_CALL_CLOBBER;
    return ct;
}

static bool fits_i32(int64_t v) { return v == (int32_t)v; }

bool backend_const_ok(const IROp *op, int in, uint64_t val)
{
    bool w64 = op->type == IR_I64;
    switch (op->opc) {
    case IR_shl:
    case IR_shr:
    case IR_sar:
    case IR_rotr:
    case IR_rotl:
        return true;
    case IR_ld:
        return true;                /* constant guest address */
    case IR_st:
        if (in == 1) {
            return true;
        }
        {
            int mo = (int)op->args[3];
            return !(mo & IR_MO_BSWAP) && (!w64 || fits_i32((int64_t)val));
        }
    case IR_stenv:
        return !w64 || fits_i32((int64_t)val);
    case IR_sub:
        return !w64 || (fits_i32((int64_t)val) && val != (uint64_t)INT64_MIN && fits_i32(-(int64_t)val));
    case IR_andc:
        return !w64 || fits_i32((int64_t)~val);
    default:
        return !w64 || fits_i32((int64_t)val);
    }
}

void backend_mov(CodeGen *g, IRType t, int dst, int src)
{
    if (type_is_x(t)) {
        lower_fp_mov(&g->buf, t, dst, src);
        return;
    }
    if (dst != src) {
        x86_mov_rr(&g->buf, t == IR_I64, dst, src);
    }
}

void backend_movi(CodeGen *g, IRType t, int dst, uint64_t v)
{
    if (type_is_x(t)) {
        lower_fp_movi(&g->buf, t, dst, v);
        return;
    }
    x86_mov_ri(&g->buf, t == IR_I64, dst, v);
}

void backend_ld(CodeGen *g, IRType t, int reg, int base, int32_t off)
{
    if (type_is_x(t)) {
        lower_fp_ld(&g->buf, t, reg, base, -1, off);
        return;
    }
    x86_ld(&g->buf, OPC_MOVL_GvEv | (t == IR_I64 ? P_REXW : 0), reg, base, -1, off);
}

void backend_st(CodeGen *g, IRType t, int reg, int base, int32_t off)
{
    if (type_is_x(t)) {
        lower_fp_st(&g->buf, t, reg, base, -1, off);
        return;
    }
    x86_st(&g->buf, OPC_MOVL_EvGv | (t == IR_I64 ? P_REXW : 0), reg, base, -1, off);
}

bool backend_sti(CodeGen *g, IRType t, uint64_t v, int base, int32_t off)
{
    if (type_is_x(t)) {
        /* Constants of float types store as their bit patterns; vector
         * constants can only be zero. */
        if (t == IR_F32) {
            x86_st_imm(&g->buf, 2, base, -1, off, (int32_t)v);
        } else if (fits_i32((int64_t)v)) {
            x86_st_imm(&g->buf, 3, base, -1, off, (int32_t)v);
            if (t == IR_V128) {
                x86_st_imm(&g->buf, 3, base, -1, off + 8, 0);
            }
        } else {
            x86_mov_ri(&g->buf, true, REG_SCRATCH, v);
            x86_st(&g->buf, OPC_MOVL_EvGv | P_REXW, REG_SCRATCH, base, -1, off);
        }
        return true;
    }
    if (t == IR_I64 && !fits_i32((int64_t)v)) {
        return false;
    }
    x86_st_imm(&g->buf, t == IR_I64 ? 3 : 2, base, -1, off, (int32_t)v);
    return true;
}

void backend_patch_label(CodeGen *g, uint32_t field_off, uint32_t target_off)
{
    x86_patch_rel32(g->buf.start + field_off, g->buf.start + target_off);
}

/* ORDER COND */
static const X86Cond cond_map[IR_NB_CONDS] = {
    [IR_EQ] = CC_E, [IR_NE] = CC_NE, [IR_LT] = CC_L, [IR_GE] = CC_GE,
    [IR_LE] = CC_LE, [IR_GT] = CC_G, [IR_LTU] = CC_B, [IR_GEU] = CC_AE,
    [IR_LEU] = CC_BE, [IR_GTU] = CC_A, [IR_TSTEQ] = CC_E, [IR_TSTNE] = CC_NE,
};

/* Set EFLAGS for "a cond b". */
static void emit_compare(CodeBuf *b, bool w64, IRCond cond, int a, const LowArg *bb)
{
    if (cond == IR_TSTEQ || cond == IR_TSTNE) {
        if (bb->is_const) {
            if (w64 && bb->val > 0x7fffffff) {
                x86_mov_ri(b, true, REG_SCRATCH, bb->val);
                x86_test_rr(b, true, a, REG_SCRATCH);
            } else {
                x86_test_ri(b, w64, a, (uint32_t)bb->val);
            }
        } else {
            x86_test_rr(b, w64, a, (int)bb->val);
        }
        return;
    }
    if (bb->is_const) {
        if (bb->val == 0 && (cond == IR_EQ || cond == IR_NE || cond == IR_LT || cond == IR_GE)) {
            /* test sets SF and ZF the same as cmp with 0 for these. */
            x86_test_rr(b, w64, a, a);
        } else {
            x86_alu_ri(b, ALU_CMP, w64, a, (int32_t)bb->val);
        }
    } else {
        x86_alu_rr(b, ALU_CMP, w64, a, (int)bb->val);
    }
}

/* Two-operand "d = a op b" for commutative ALU ops. */
static void emit_alu3(CodeBuf *b, X86Alu op, bool w64, bool commutative, int d, int a, const LowArg *bb)
{
    if (bb->is_const) {
        if (d != a) {
            x86_mov_rr(b, w64, d, a);
        }
        x86_alu_ri(b, op, w64, d, (int32_t)bb->val);
        return;
    }
    int r = (int)bb->val;
    if (d == a) {
        x86_alu_rr(b, op, w64, d, r);
    } else if (d == r && commutative) {
        x86_alu_rr(b, op, w64, d, a);
    } else if (d == r) {
        x86_mov_rr(b, w64, REG_SCRATCH, r);
        x86_mov_rr(b, w64, d, a);
        x86_alu_rr(b, op, w64, d, REG_SCRATCH);
    } else {
        x86_mov_rr(b, w64, d, a);
        x86_alu_rr(b, op, w64, d, r);
    }
}

static void emit_add(CodeBuf *b, bool w64, int d, int a, const LowArg *bb)
{
    if (bb->is_const) {
        int32_t imm = (int32_t)bb->val;
        if (imm == 0) {
            if (d != a) {
                x86_mov_rr(b, w64, d, a);
            }
        } else if (d == a) {
            x86_alu_ri(b, ALU_ADD, w64, d, imm);
        } else {
            x86_lea(b, w64, d, a, -1, 0, imm);
        }
        return;
    }
    int r = (int)bb->val;
    if (d == a) {
        x86_alu_rr(b, ALU_ADD, w64, d, r);
    } else if (d == r) {
        x86_alu_rr(b, ALU_ADD, w64, d, a);
    } else {
        x86_lea(b, w64, d, a, r, 0, 0);
    }
}

static void emit_sub(CodeBuf *b, bool w64, int d, int a, const LowArg *bb)
{
    if (bb->is_const) {
        LowArg neg = { w64 ? (uint64_t)-(int64_t)bb->val : (uint32_t)-(uint32_t)bb->val, true };
        emit_add(b, w64, d, a, &neg);
        return;
    }
    int r = (int)bb->val;
    if (d == a) {
        x86_alu_rr(b, ALU_SUB, w64, d, r);
    } else if (d == r) {
        x86_grp3(b, EXT3_NEG, w64, d);
        x86_alu_rr(b, ALU_ADD, w64, d, a);
    } else {
        x86_mov_rr(b, w64, d, a);
        x86_alu_rr(b, ALU_SUB, w64, d, r);
    }
}

static void emit_and(CodeBuf *b, bool w64, int d, int a, const LowArg *bb)
{
    if (bb->is_const) {
        uint64_t m = w64 ? bb->val : (uint32_t)bb->val;
        if (m == 0xff) {
            x86_movzx(b, OPC_MOVZBL, d, a);
            return;
        }
        if (m == 0xffff) {
            x86_movzx(b, OPC_MOVZWL, d, a);
            return;
        }
        if (w64 && m == 0xffffffffu) {
            x86_mov_rr(b, false, d, a);
            return;
        }
    }
    emit_alu3(b, ALU_AND, w64, true, d, a, bb);
}

static void emit_andc(CodeBuf *b, bool w64, int d, int a, const LowArg *bb)
{
    if (bb->is_const) {
        LowArg inv = { w64 ? ~bb->val : (uint32_t)~bb->val, true };
        emit_and(b, w64, d, a, &inv);
        return;
    }
    int r = (int)bb->val;
    if (x86_features.bmi1) {
        x86_andn(b, w64, d, r, a);
    } else if (d == a) {
        x86_mov_rr(b, w64, REG_SCRATCH, r);
        x86_grp3(b, EXT3_NOT, w64, REG_SCRATCH);
        x86_alu_rr(b, ALU_AND, w64, d, REG_SCRATCH);
    } else {
        if (d != r) {
            x86_mov_rr(b, w64, d, r);
        }
        x86_grp3(b, EXT3_NOT, w64, d);
        x86_alu_rr(b, ALU_AND, w64, d, a);
    }
}

static void emit_mul(CodeBuf *b, bool w64, int d, int a, const LowArg *bb)
{
    if (bb->is_const) {
        x86_imul_rri(b, w64, d, a, (int32_t)bb->val);
        return;
    }
    int r = (int)bb->val;
    if (d == a) {
        x86_imul_rr(b, w64, d, r);
    } else if (d == r) {
        x86_imul_rr(b, w64, d, a);
    } else {
        x86_mov_rr(b, w64, d, a);
        x86_imul_rr(b, w64, d, r);
    }
}

static void emit_shift(CodeBuf *b, IROpcode opc, bool w64, int d, int a, const LowArg *bb)
{
    static const X86Shift kind[] = { [IR_shl] = SH_SHL, [IR_shr] = SH_SHR, [IR_sar] = SH_SAR,
                                     [IR_rotr] = SH_ROR, [IR_rotl] = SH_ROL };
    int width = w64 ? 64 : 32;
    if (bb->is_const) {
        int c = (int)(bb->val & (uint64_t)(width - 1));
        if (c == 0) {
            if (d != a) {
                x86_mov_rr(b, w64, d, a);
            }
            return;
        }
        if (x86_features.bmi2 && (opc == IR_rotr || opc == IR_rotl)) {
            x86_rorx(b, w64, d, a, opc == IR_rotr ? c : width - c);
            return;
        }
        if (opc == IR_shl && d != a && c <= 3) {
            x86_lea(b, w64, d, -1, a, c, 0);
            return;
        }
        if (d != a) {
            x86_mov_rr(b, w64, d, a);
        }
        x86_shift_ri(b, kind[opc], w64, d, c);
        return;
    }
    int r = (int)bb->val;
    if (x86_features.bmi2 && opc != IR_rotr && opc != IR_rotl) {
        static const int opx[] = { [IR_shl] = OPC_SHLX, [IR_shr] = OPC_SHRX, [IR_sar] = OPC_SARX };
        x86_shiftx(b, opx[opc], w64, d, a, r);
        return;
    }
    ASSERT(r == RCX && d != RCX);
    if (d != a) {
        x86_mov_rr(b, w64, d, a);
    }
    x86_shift_cl(b, kind[opc], w64, d);
}

/* Total division: see ir-ops.def.  a is in rax, the result goes to rax
 * (quotient) or rdx (remainder). */
static void emit_div(CodeBuf *b, IROpcode opc, bool w64, int r)
{
    bool sign = opc == IR_div || opc == IR_rem;
    bool rem = opc == IR_rem || opc == IR_remu;
    uint8_t *jz, *jm1 = NULL, *jdone1, *jdone2 = NULL;

    x86_test_rr(b, w64, r, r);
    x86_jcc8(b, CC_E, 0);
    jz = b->ptr;
    if (sign) {
        x86_alu_ri(b, ALU_CMP, w64, r, -1);
        x86_jcc8(b, CC_E, 0);
        jm1 = b->ptr;
        x86_cdq(b, w64);
        x86_grp3(b, EXT3_IDIV, w64, r);
    } else {
        x86_mov_ri(b, false, RDX, 0);
        x86_grp3(b, EXT3_DIV, w64, r);
    }
    x86_jmp8(b, 0);
    jdone1 = b->ptr;
    if (sign) {
        /* x / -1 = -x (MIN stays MIN); x % -1 = 0. */
        jm1[-1] = (uint8_t)(b->ptr - jm1);
        if (rem) {
            x86_mov_ri(b, false, RDX, 0);
        } else {
            x86_grp3(b, EXT3_NEG, w64, RAX);
        }
        x86_jmp8(b, 0);
        jdone2 = b->ptr;
    }
    /* x / 0 = 0; x % 0 = x. */
    jz[-1] = (uint8_t)(b->ptr - jz);
    if (rem) {
        x86_mov_rr(b, w64, RDX, RAX);
    } else {
        x86_mov_ri(b, false, RAX, 0);
    }
    jdone1[-1] = (uint8_t)(b->ptr - jdone1);
    if (jdone2) {
        jdone2[-1] = (uint8_t)(b->ptr - jdone2);
    }
}

static void emit_bitcount(CodeBuf *b, IROpcode opc, bool w64, int d, int a)
{
    int width = w64 ? 64 : 32;
    if (opc == IR_ctpop) {
        /* POPCNT is part of the x86-64-v2 baseline checked at start-up. */
        x86_bitop_rr(b, OPC_POPCNT, w64, d, a);
        return;
    }
    if (opc == IR_clz ? x86_features.lzcnt : x86_features.bmi1) {
        x86_bitop_rr(b, opc == IR_clz ? OPC_LZCNT : OPC_TZCNT, w64, d, a);
        return;
    }
    /* bsr/bsf leave the destination undefined for 0: select width then. */
    x86_mov_ri(b, false, REG_SCRATCH, opc == IR_clz ? (uint64_t)(2 * width - 1) : (uint64_t)width);
    x86_bitop_rr(b, opc == IR_clz ? OPC_BSR : OPC_BSF, w64, d, a);
    x86_cmov(b, CC_E, w64, d, REG_SCRATCH);
    if (opc == IR_clz) {
        x86_alu_ri(b, ALU_XOR, w64, d, width - 1);
    }
}

static void emit_extract(CodeBuf *b, bool sign, bool w64, int d, int a, int pos, int len)
{
    int width = w64 ? 64 : 32;
    if (pos == 0 && (len == 8 || len == 16)) {
        int opc = len == 8 ? (sign ? OPC_MOVSBL : OPC_MOVZBL) : (sign ? OPC_MOVSWL : OPC_MOVZWL);
        x86_movzx(b, opc | (w64 && sign ? P_REXW : 0), d, a);
        return;
    }
    if (w64 && pos == 0 && len == 32) {
        if (sign) {
            x86_modrm(b, OPC_MOVSLQ, d, a);
        } else {
            x86_mov_rr(b, false, d, a);
        }
        return;
    }
    if (d != a) {
        x86_mov_rr(b, w64, d, a);
    }
    if (pos + len == width) {
        x86_shift_ri(b, sign ? SH_SAR : SH_SHR, w64, d, pos);
        return;
    }
    if (!sign && pos == 0 && len < 32) {
        x86_alu_ri(b, ALU_AND, w64, d, (int32_t)((1u << len) - 1));
        return;
    }
    if (width - pos - len) {
        x86_shift_ri(b, SH_SHL, w64, d, width - pos - len);
    }
    x86_shift_ri(b, sign ? SH_SAR : SH_SHR, w64, d, width - len);
}

static void emit_deposit(CodeBuf *b, bool w64, int d, int a, int f, int pos, int len)
{
    int width = w64 ? 64 : 32;
    uint64_t lowmask = len == 64 ? ~0ull : (1ull << len) - 1;
    uint64_t mask = lowmask << pos;

    if (len == width) {
        x86_mov_rr(b, w64, d, f);
        return;
    }
    /* The field, positioned, in the scratch register. */
    x86_mov_rr(b, w64, REG_SCRATCH, f);
    if (len < 32) {
        x86_alu_ri(b, ALU_AND, w64, REG_SCRATCH, (int32_t)lowmask);
        if (pos) {
            x86_shift_ri(b, SH_SHL, w64, REG_SCRATCH, pos);
        }
    } else {
        x86_shift_ri(b, SH_SHL, w64, REG_SCRATCH, width - len);
        if (width - len - pos) {
            x86_shift_ri(b, SH_SHR, w64, REG_SCRATCH, width - len - pos);
        }
    }
    if (d != a) {
        x86_mov_rr(b, w64, d, a);
    }
    uint64_t inv = w64 ? ~mask : (uint32_t)~mask;
    if (!w64 || fits_i32((int64_t)inv)) {
        x86_alu_ri(b, ALU_AND, w64, d, (int32_t)inv);
    } else {
        /* Clear the field without a 64-bit mask constant. */
        if (pos) {
            x86_shift_ri(b, SH_ROR, true, d, pos);
        }
        x86_shift_ri(b, SH_SHR, true, d, len);
        x86_shift_ri(b, SH_SHL, true, d, len);
        if (pos) {
            x86_shift_ri(b, SH_ROL, true, d, pos);
        }
    }
    x86_alu_rr(b, ALU_OR, w64, d, REG_SCRATCH);
}

void x86_guest_operand(CodeBuf *b, const LowArg *addr, uint32_t off, int *index, int32_t *disp)
{
    if (addr->is_const) {
        uint32_t ea = (uint32_t)addr->val + off;
        if (ea < 0x80000000u) {
            *index = -1;
            *disp = (int32_t)ea;
        } else {
            x86_mov_ri(b, false, REG_SCRATCH, ea);
            *index = REG_SCRATCH;
            *disp = 0;
        }
        return;
    }
    int32_t s = (int32_t)off;
    if (s >= -GUEST_GUARD && s < GUEST_GUARD) {
        /* Out-of-window results land in the guard areas and fault. */
        *index = (int)addr->val;
        *disp = s;
    } else {
        x86_lea(b, false, REG_SCRATCH, (int)addr->val, -1, 0, s);
        *index = REG_SCRATCH;
        *disp = 0;
    }
}

static void emit_guest_ld(CodeBuf *b, bool w64, int d, const LowArg *addr, uint32_t off, int mo)
{
    int index;
    int32_t disp;
    int size = mo & IR_MO_SIZE;
    bool sign = mo & IR_MO_SIGN, bswap = mo & IR_MO_BSWAP;
    int rexw = w64 ? P_REXW : 0;

    x86_guest_operand(b, addr, off, &index, &disp);
    switch (size) {
    case 0:
        x86_ld(b, (sign ? OPC_MOVSBL | rexw : OPC_MOVZBL), d, REG_GBASE, index, disp);
        break;
    case 1:
        if (bswap) {
            x86_ld(b, OPC_MOVZWL, d, REG_GBASE, index, disp);
            x86_rol16_8(b, d);
            if (sign) {
                x86_movzx(b, OPC_MOVSWL | rexw, d, d);
            }
        } else {
            x86_ld(b, sign ? OPC_MOVSWL | rexw : OPC_MOVZWL, d, REG_GBASE, index, disp);
        }
        break;
    case 2:
        if (bswap) {
            if (x86_features.movbe) {
                x86_ld(b, OPC_MOVBE_GyMy, d, REG_GBASE, index, disp);
            } else {
                x86_ld(b, OPC_MOVL_GvEv, d, REG_GBASE, index, disp);
                x86_bswap(b, false, d);
            }
            if (sign && w64) {
                x86_modrm(b, OPC_MOVSLQ, d, d);
            }
        } else if (sign && w64) {
            x86_ld(b, OPC_MOVSLQ, d, REG_GBASE, index, disp);
        } else {
            x86_ld(b, OPC_MOVL_GvEv, d, REG_GBASE, index, disp);
        }
        break;
    default:
        if (bswap && x86_features.movbe) {
            x86_ld(b, OPC_MOVBE_GyMy | P_REXW, d, REG_GBASE, index, disp);
        } else {
            x86_ld(b, OPC_MOVL_GvEv | P_REXW, d, REG_GBASE, index, disp);
            if (bswap) {
                x86_bswap(b, true, d);
            }
        }
        break;
    }
}

static void emit_swap(CodeBuf *b, int size, int r)
{
    if (size == 1) {
        x86_rol16_8(b, r);
    } else {
        x86_bswap(b, size == 3, r);
    }
}

static void emit_guest_st(CodeBuf *b, const LowArg *val, const LowArg *addr, uint32_t off, int mo)
{
    int index;
    int32_t disp;
    int size = mo & IR_MO_SIZE;
    bool bswap = mo & IR_MO_BSWAP;

    x86_guest_operand(b, addr, off, &index, &disp);
    if (val->is_const) {
        x86_st_imm(b, size, REG_GBASE, index, disp, (int32_t)val->val);
        return;
    }
    int v = (int)val->val;
    static const int opc[4] = { OPC_MOVB_EvGv, OPC_MOVL_EvGv | P_DATA16, OPC_MOVL_EvGv, OPC_MOVL_EvGv | P_REXW };
    if (bswap && size > 0) {
        if (x86_features.movbe) {
            x86_st(b, OPC_MOVBE_MyGy | (size == 1 ? P_DATA16 : size == 3 ? P_REXW : 0), v, REG_GBASE, index, disp);
            return;
        }
        if (index == REG_SCRATCH) {
            /* The address is in the scratch register: swap a copy in rax,
             * which this op's constraints keep free (ct_st_bswap), so v
             * keeps its value if the store faults. */
            x86_mov_rr(b, size == 3, RAX, v);
            emit_swap(b, size, RAX);
            x86_st(b, opc[size], RAX, REG_GBASE, index, disp);
            return;
        }
        x86_mov_rr(b, size == 3, REG_SCRATCH, v);
        emit_swap(b, size, REG_SCRATCH);
        v = REG_SCRATCH;
    }
    x86_st(b, opc[size], v, REG_GBASE, index, disp);
}

static void emit_env_ld(CodeBuf *b, bool w64, int d, int32_t off, int mo)
{
    int size = mo & IR_MO_SIZE;
    bool sign = mo & IR_MO_SIGN;
    int rexw = w64 ? P_REXW : 0;
    static const int u[4] = { OPC_MOVZBL, OPC_MOVZWL, OPC_MOVL_GvEv, OPC_MOVL_GvEv | P_REXW };
    static const int s[4] = { OPC_MOVSBL, OPC_MOVSWL, OPC_MOVSLQ, OPC_MOVL_GvEv | P_REXW };
    int opc = sign && (size < 2 || w64) ? s[size] | (size < 2 ? rexw : 0) : u[size];
    x86_ld(b, opc, d, REG_ENV, -1, off);
}

static void emit_env_st(CodeBuf *b, const LowArg *v, int32_t off, int mo)
{
    int size = mo & IR_MO_SIZE;
    if (v->is_const) {
        x86_st_imm(b, size, REG_ENV, -1, off, (int32_t)v->val);
        return;
    }
    static const int opc[4] = { OPC_MOVB_EvGv, OPC_MOVL_EvGv | P_DATA16, OPC_MOVL_EvGv, OPC_MOVL_EvGv | P_REXW };
    x86_st(b, opc[size], (int)v->val, REG_ENV, -1, off);
}

static void emit_cmpxchg(CodeBuf *b, int newv, int addr, uint32_t off, int mo)
{
    int size = mo & IR_MO_SIZE;
    bool bswap = (mo & IR_MO_BSWAP) && size > 0;
    LowArg a = { (uint64_t)addr, false };
    int index;
    int32_t disp;

    if (bswap) {
        /* Compare and store in guest byte order. */
        x86_mov_rr(b, size == 3, REG_SCRATCH, newv);
        emit_swap(b, size, REG_SCRATCH);
        emit_swap(b, size, RAX);
        newv = REG_SCRATCH;
        if (guard_disp_ok(off)) {
            index = addr;
            disp = (int32_t)off;
        } else {
            /* ct_cmpxchg_far reserved r10 for the address. */
            x86_lea(b, false, R10, addr, -1, 0, (int32_t)off);
            index = R10;
            disp = 0;
        }
    } else {
        x86_guest_operand(b, &a, off, &index, &disp);
    }
    x86_lock_cmpxchg(b, size, newv, REG_GBASE, index, disp);
    if (bswap) {
        emit_swap(b, size, RAX);
    }
    if (size == 0) {
        x86_movzx(b, OPC_MOVZBL, RAX, RAX);
    } else if (size == 1) {
        x86_movzx(b, OPC_MOVZWL, RAX, RAX);
    }
}

static void emit_jump_to_label(CodeGen *g, X86Cond cc, bool uncond, uint32_t label)
{
    CodeBuf *b = &g->buf;
    int32_t target = g->label_off[label];
    size_t field = uncond ? x86_jmp32(b, NULL) : x86_jcc32(b, cc, NULL);
    if (target >= 0) {
        x86_patch_rel32(b->start + field, b->start + target);
    } else {
        cg_add_reloc(g, label, (uint32_t)field);
    }
}

static void emit_exit(CodeBuf *b, const TB *tb, int code)
{
    if (code == IR_EXIT_NOCHAIN) {
        x86_mov_ri(b, false, RAX, 0);
    } else {
        /* rax = tb | code; TBs live in the code buffer, so rip-relative. */
        x86_lea_rip(b, RAX, (const uint8_t *)tb + code);
    }
    x86_jmp32(b, tb_epilogue);
}

static void emit_lookup_and_goto(CodeBuf *b, const TB *tb)
{
    (void)tb;
    /* key = pc | tb_flags << 32 */
    x86_ld(b, OPC_MOVL_GvEv, RAX, REG_ENV, -1, offsetof(CPUCommon, pc));
    x86_ld(b, OPC_MOVL_GvEv, RDX, REG_ENV, -1, offsetof(CPUCommon, tb_flags));
    x86_shift_ri(b, SH_SHL, true, RDX, 32);
    x86_alu_rr(b, ALU_OR, true, RDX, RAX);
    /* slot = jc + JC_HASH(pc) * 16 */
    x86_shift_ri(b, SH_SHR, false, RAX, 1);
    x86_alu_ri(b, ALU_AND, false, RAX, JC_SIZE - 1);
    x86_shift_ri(b, SH_SHL, false, RAX, 4);
    x86_alu_rm(b, ALU_ADD, true, RAX, REG_ENV, offsetof(CPUCommon, jc));
    x86_modrm_mem(b, (OPC_ARITH_GvEv + (ALU_CMP << 3)) | P_REXW, RDX, RAX, -1, 0, 0);
    x86_jcc8(b, CC_NE, 0);
    uint8_t *miss = b->ptr;
    x86_jmp_m(b, RAX, 8);
    miss[-1] = (uint8_t)(b->ptr - miss);
    x86_mov_ri(b, false, RAX, 0);
    x86_jmp32(b, tb_epilogue);
}

void backend_op(CodeGen *g, const IROp *op, const LowArg *out, const LowArg *in)
{
    if (lower_fp_handles(op)) {
        lower_fp_op(g, op, out, in);
        return;
    }
    CodeBuf *b = &g->buf;
    bool w64 = op->type == IR_I64;
    int d = out ? (int)out[0].val : -1;
    int a = (int)in[0].val;
    const uint64_t *k = &op->args[op->nout + op->nin];

    switch ((IROpcode)op->opc) {
    case IR_add: emit_add(b, w64, d, a, &in[1]); break;
    case IR_sub: emit_sub(b, w64, d, a, &in[1]); break;
    case IR_mul: emit_mul(b, w64, d, a, &in[1]); break;
    case IR_and: emit_and(b, w64, d, a, &in[1]); break;
    case IR_or: emit_alu3(b, ALU_OR, w64, true, d, a, &in[1]); break;
    case IR_xor: emit_alu3(b, ALU_XOR, w64, true, d, a, &in[1]); break;
    case IR_andc: emit_andc(b, w64, d, a, &in[1]); break;
    case IR_neg: x86_grp3(b, EXT3_NEG, w64, d); break;
    case IR_not: x86_grp3(b, EXT3_NOT, w64, d); break;
    case IR_shl:
    case IR_shr:
    case IR_sar:
    case IR_rotr:
    case IR_rotl:
        emit_shift(b, (IROpcode)op->opc, w64, d, a, &in[1]);
        break;
    case IR_div:
    case IR_divu:
    case IR_rem:
    case IR_remu:
        emit_div(b, (IROpcode)op->opc, w64, (int)in[1].val);
        break;
    case IR_mulu2:
    case IR_muls2: {
        int lo = d, hi = (int)out[1].val, bb = (int)in[1].val;
        bool s = op->opc == IR_muls2;
        if (w64) {
            /* rdx:rax = rax * b (see ct_mul2_64). */
            x86_grp3(b, s ? EXT3_IMUL : EXT3_MUL, true, bb);
            break;
        }
        if (s) {
            x86_modrm(b, OPC_MOVSLQ, REG_SCRATCH, a);
            x86_modrm(b, OPC_MOVSLQ, hi, bb);
        } else {
            x86_mov_rr(b, false, REG_SCRATCH, a);
            x86_mov_rr(b, false, hi, bb);
        }
        x86_imul_rr(b, true, REG_SCRATCH, hi);
        x86_mov_rr(b, false, lo, REG_SCRATCH);
        x86_shift_ri(b, SH_SHR, true, REG_SCRATCH, 32);
        x86_mov_rr(b, false, hi, REG_SCRATCH);
        break;
    }
    case IR_clz:
    case IR_ctz:
    case IR_ctpop:
        emit_bitcount(b, (IROpcode)op->opc, w64, d, a);
        break;
    case IR_bswap: x86_bswap(b, w64, d); break;
    case IR_bswap16:
        x86_movzx(b, OPC_MOVZWL, d, a);
        x86_rol16_8(b, d);
        break;
    case IR_ext8s: x86_movzx(b, OPC_MOVSBL | (w64 ? P_REXW : 0), d, a); break;
    case IR_ext8u: x86_movzx(b, OPC_MOVZBL, d, a); break;
    case IR_ext16s: x86_movzx(b, OPC_MOVSWL | (w64 ? P_REXW : 0), d, a); break;
    case IR_ext16u: x86_movzx(b, OPC_MOVZWL, d, a); break;
    case IR_zext:
    case IR_trunc:
        x86_mov_rr(b, false, d, a);
        break;
    case IR_sext: x86_modrm(b, OPC_MOVSLQ, d, a); break;
    case IR_trunch:
        x86_mov_rr(b, true, d, a);
        x86_shift_ri(b, SH_SHR, true, d, 32);
        break;
    case IR_concat:
        x86_mov_rr(b, false, REG_SCRATCH, (int)in[1].val);
        x86_shift_ri(b, SH_SHL, true, REG_SCRATCH, 32);
        x86_mov_rr(b, false, d, a);
        x86_alu_rr(b, ALU_OR, true, d, REG_SCRATCH);
        break;
    case IR_extract: emit_extract(b, false, w64, d, a, (int)k[0], (int)k[1]); break;
    case IR_sextract: emit_extract(b, true, w64, d, a, (int)k[0], (int)k[1]); break;
    case IR_deposit: emit_deposit(b, w64, d, a, (int)in[1].val, (int)k[0], (int)k[1]); break;
    case IR_setcond: {
        IRCond c = (IRCond)k[0];
        if (c == IR_ALWAYS || c == IR_NEVER) {
            x86_mov_ri(b, false, d, c == IR_ALWAYS);
            break;
        }
        emit_compare(b, w64, c, a, &in[1]);
        x86_setcc(b, cond_map[c], d);
        x86_movzx(b, OPC_MOVZBL, d, d);
        break;
    }
    case IR_movcond: {
        IRCond c = (IRCond)k[0];
        /* d already holds v2 (aliased); always/never have no x86 cc. */
        if (c == IR_ALWAYS) {
            x86_mov_rr(b, w64, d, (int)in[2].val);
            break;
        }
        if (c == IR_NEVER) {
            break;
        }
        emit_compare(b, w64, c, a, &in[1]);
        x86_cmov(b, cond_map[c], w64, d, (int)in[2].val);
        break;
    }
    case IR_ld: emit_guest_ld(b, w64, d, &in[0], (uint32_t)k[0], (int)k[1]); break;
    case IR_st: emit_guest_st(b, &in[0], &in[1], (uint32_t)k[0], (int)k[1]); break;
    case IR_cmpxchg: emit_cmpxchg(b, (int)in[2].val, a, (uint32_t)k[0], (int)k[1]); break;
    case IR_mb: x86_mfence(b); break;
    case IR_ldenv: emit_env_ld(b, w64, d, (int32_t)k[0], (int)k[1]); break;
    case IR_stenv: emit_env_st(b, &in[0], (int32_t)k[0], (int)k[1]); break;
    case IR_br: emit_jump_to_label(g, CC_O, true, (uint32_t)k[0]); break;
    case IR_brcond: {
        IRCond c = (IRCond)k[0];
        if (c == IR_NEVER) {
            break;
        }
        if (c != IR_ALWAYS) {
            emit_compare(b, w64, c, a, &in[1]);
        }
        emit_jump_to_label(g, cond_map[c], c == IR_ALWAYS, (uint32_t)k[1]);
        break;
    }
    case IR_goto_tb: {
        int slot = (int)k[0];
        /* Keep the rel32 field 4-byte aligned so patching is atomic. */
        int pad = (int)((4 - ((uintptr_t)b->ptr + 1) % 4) % 4);
        x86_nops(b, pad);
        size_t field = x86_jmp32(b, NULL);
        g->jmp_field[slot] = (uint16_t)field;
        g->jmp_reset[slot] = (uint16_t)cb_offset(b);
        break;
    }
    case IR_exit_tb: emit_exit(b, g->tb, (int)k[0]); break;
    case IR_lookup_and_goto: emit_lookup_and_goto(b, g->tb); break;
    case IR_call: {
        const HelperInfo *h = (const HelperInfo *)(uintptr_t)op->args[op->nargs - 1];
        for (int i = 0; i < h->nargs; i++) {
            if (h->args[i] == HT_env) {
                x86_mov_rr(b, true, x86_call_arg_regs[i], REG_ENV);
            }
        }
        x86_call(b, h->func);
        if (h->ret == HT_i32) {
            /* The ABI leaves bits 63:32 of an int return undefined; an i32
             * in a register must have them clear (see the top of file). */
            x86_mov_rr(b, false, RAX, RAX);
        }
        break;
    }
    default:
        fatal("backend: no lowering for op %s", ir_op_defs[op->opc].name);
    }
}

void backend_tb_start(CodeGen *g)
{
    CodeBuf *b = &g->buf;
    /* cmp dword [env + exit_request], 0 ; jne <exit stub at the TB's end> */
    x86_alu_mi(b, ALU_CMP, false, REG_ENV, offsetof(CPUCommon, exit_request), 0);
    g->backend_priv = (uint32_t)x86_jcc32(b, CC_NE, NULL);
}

void backend_tb_end(CodeGen *g)
{
    CodeBuf *b = &g->buf;
    x86_patch_rel32(b->start + g->backend_priv, b->ptr);
    emit_exit(b, g->tb, TB_EXIT_REQUESTED);
}
