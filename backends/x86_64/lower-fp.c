/*
 * Float and vector lowering: scalar f32/f64 on SSE, v128 on SSE2..SSE4.1.
 * XMM15 is the scratch register of this file.  Where SSE4.1 has no
 * instruction for a lane size the IR verifier refuses the op, so frontends
 * choose a helper instead.
 */
#include <math.h>

#include "backends/x86_64/lower.h"
#include "tcg/util.h"

static OpCt ct_fp[IR_NB_OPS];
static OpCt ct_ld_x, ct_st_x, ct_ldenv_x, ct_stenv_x, ct_i2f, ct_f2i, ct_fma_call;

#define IN(i, r, f)   (ct->in[i] = (ArgCt){ (r), (f), 0 })
#define OUT(o, r, f)  (ct->out[o] = (ArgCt){ (r), (f), 0 })
#define OUT_ALIAS(o, i) (ct->out[o] = (ArgCt){ 0, CT_ALIAS, (i) })

void lower_fp_init(void)
{
    OpCt *ct;
    static const IROpcode bin[] = {
        IR_fadd, IR_fsub, IR_fmul, IR_fdiv, IR_fmin, IR_fmax, IR_vand, IR_vor, IR_vxor, IR_vandc,
        IR_vadd, IR_vsub, IR_vmul, IR_vcmpeq, IR_vcmpgt, IR_vmins, IR_vmaxs, IR_vminu, IR_vmaxu,
    };
    for (size_t i = 0; i < ARRAY_SIZE(bin); i++) {
        ct = &ct_fp[bin[i]];
        OUT(0, R_XMM, 0);
        IN(0, R_XMM, 0);
        IN(1, R_XMM, 0);
    }
    static const IROpcode un[] = { IR_fsqrt, IR_fabs, IR_fneg, IR_fcvt, IR_fround, IR_vshli, IR_vshri, IR_vsari };
    for (size_t i = 0; i < ARRAY_SIZE(un); i++) {
        ct = &ct_fp[un[i]];
        OUT(0, R_XMM, 0);
        IN(0, R_XMM, 0);
    }
    ct = &ct_fp[IR_fma];
    OUT_ALIAS(0, 2);
    IN(0, R_XMM, 0);
    IN(1, R_XMM, 0);
    IN(2, R_XMM, 0);
    /* Without FMA3 the C library's fma does it, as a call. */
    ct = &ct_fma_call;
    OUT(0, REGSET(XMM0), 0);
    IN(0, REGSET(XMM0), 0);
    IN(1, REGSET(XMM1), 0);
    IN(2, REGSET(XMM2), 0);
    ct->clobber = X86_CALL_CLOBBER;
    for (int op = IR_fcmp; op <= IR_fcmpe; op++) {
        ct = &ct_fp[op];
        OUT(0, R_ALL, 0);
        IN(0, R_XMM, 0);
        IN(1, R_XMM, 0);
    }
    ct = &ct_fp[IR_ftoi];
    OUT(0, R_ALL, 0);
    IN(0, R_XMM, 0);
    ct = &ct_fp[IR_itof];
    OUT(0, R_XMM, 0);
    IN(0, R_ALL, 0);
    ct = &ct_fp[IR_vdup];
    OUT(0, R_XMM, 0);
    IN(0, R_ALL, 0);
    ct = &ct_fp[IR_vgetlane];
    OUT(0, R_ALL, 0);
    IN(0, R_XMM, 0);
    ct = &ct_fp[IR_vsetlane];
    OUT_ALIAS(0, 0);
    IN(0, R_XMM, 0);
    IN(1, R_ALL, 0);
    ct = &ct_i2f;
    OUT(0, R_XMM, 0);
    IN(0, R_ALL, 0);
    ct = &ct_f2i;
    OUT(0, R_ALL, 0);
    IN(0, R_XMM, 0);
    ct = &ct_ld_x;
    OUT(0, R_XMM, 0);
    IN(0, R_ALL, CT_CONST);
    ct = &ct_st_x;
    IN(0, R_XMM, 0);
    IN(1, R_ALL, CT_CONST);
    ct = &ct_ldenv_x;
    OUT(0, R_XMM, 0);
    ct = &ct_stenv_x;
    IN(0, R_XMM, 0);
}

bool lower_fp_handles(const IROp *op)
{
    unsigned f = ir_op_defs[op->opc].flags;
    if (f & (IRF_FLT | IRF_VEC)) {
        return true;
    }
    switch (op->opc) {
    case IR_ld:
    case IR_st:
    case IR_ldenv:
    case IR_stenv:
        return type_is_x((IRType)op->type);
    case IR_bitcast:
        return true;
    default:
        return false;
    }
}

const OpCt *lower_fp_op_ct(const IROp *op)
{
    switch (op->opc) {
    case IR_ld: return &ct_ld_x;
    case IR_st: return &ct_st_x;
    case IR_ldenv: return &ct_ldenv_x;
    case IR_stenv: return &ct_stenv_x;
    case IR_bitcast: return type_is_x((IRType)op->type) ? &ct_i2f : &ct_f2i;
    case IR_fma: return x86_features.fma ? &ct_fp[IR_fma] : &ct_fma_call;
    default: return &ct_fp[op->opc];
    }
}

/* ---- moves, loads, stores ---- */

void lower_fp_mov(CodeBuf *b, IRType t, int dst, int src)
{
    (void)t;
    if (dst != src) {
        x86_sse_rr(b, OPC_MOVAPS, dst, src);
    }
}

void lower_fp_movi(CodeBuf *b, IRType t, int dst, uint64_t v)
{
    if (v == 0) {
        x86_sse_rr(b, SSE_PS(OPC_XOR_P), dst, dst);
        return;
    }
    ASSERT(t != IR_V128);   /* the verifier allows only zero vectors */
    x86_mov_ri(b, t == IR_F64, REG_SCRATCH, v);
    x86_modrm(b, OPC_MOVD_XR | (t == IR_F64 ? P_REXW : 0), dst, REG_SCRATCH);
}

static int ld_opc(IRType t)
{
    return t == IR_F32 ? OPC_MOVSS_ld : t == IR_F64 ? OPC_MOVSD_ld : OPC_MOVUPS_ld;
}

static int st_opc(IRType t)
{
    return t == IR_F32 ? OPC_MOVSS_st : t == IR_F64 ? OPC_MOVSD_st : OPC_MOVUPS_st;
}

void lower_fp_ld(CodeBuf *b, IRType t, int reg, int base, int index, int32_t disp)
{
    x86_sse_ld(b, ld_opc(t), reg, base, index, disp);
}

void lower_fp_st(CodeBuf *b, IRType t, int reg, int base, int index, int32_t disp)
{
    x86_sse_ld(b, st_opc(t), reg, base, index, disp);
}

static void guest_ld_x(CodeBuf *b, IRType t, int d, const LowArg *addr, uint32_t off, int mo)
{
    int index;
    int32_t disp;
    x86_guest_operand(b, addr, off, &index, &disp);
    if (mo & IR_MO_BSWAP) {
        /* Big-endian guest: swap through the scratch register. */
        bool w = t == IR_F64;
        ASSERT(t != IR_V128);
        x86_ld(b, OPC_MOVL_GvEv | (w ? P_REXW : 0), REG_SCRATCH, REG_GBASE, index, disp);
        x86_bswap(b, w, REG_SCRATCH);
        x86_modrm(b, OPC_MOVD_XR | (w ? P_REXW : 0), d, REG_SCRATCH);
        return;
    }
    lower_fp_ld(b, t, d, REG_GBASE, index, disp);
}

static void guest_st_x(CodeBuf *b, IRType t, int v, const LowArg *addr, uint32_t off, int mo)
{
    int index;
    int32_t disp;
    x86_guest_operand(b, addr, off, &index, &disp);
    if (mo & IR_MO_BSWAP) {
        bool w = t == IR_F64;
        ASSERT(t != IR_V128);
        /* The scratch register may hold the address: borrow rax then. */
        int tmp = index == REG_SCRATCH ? RAX : REG_SCRATCH;
        if (tmp == RAX) {
            x86_push(b, RAX);
        }
        x86_modrm(b, OPC_MOVD_RX | (w ? P_REXW : 0), v, tmp);
        x86_bswap(b, w, tmp);
        x86_st(b, OPC_MOVL_EvGv | (w ? P_REXW : 0), tmp, REG_GBASE, index, disp);
        if (tmp == RAX) {
            x86_pop(b, RAX);
        }
        return;
    }
    lower_fp_st(b, t, v, REG_GBASE, index, disp);
}

/* ---- scalar float ---- */

static int fop(IRType t, int op) { return t == IR_F32 ? SSE_SS(op) : SSE_SD(op); }

/* d = a op b with two-operand SSE forms. */
static void emit_xbin(CodeBuf *b, int opc, bool commutative, int d, int a, int bb)
{
    if (d == a) {
        x86_sse_rr(b, opc, d, bb);
    } else if (d == bb && commutative) {
        x86_sse_rr(b, opc, d, a);
    } else if (d == bb) {
        x86_sse_rr(b, OPC_MOVAPS, REG_XSCRATCH, bb);
        x86_sse_rr(b, OPC_MOVAPS, d, a);
        x86_sse_rr(b, opc, d, REG_XSCRATCH);
    } else {
        x86_sse_rr(b, OPC_MOVAPS, d, a);
        x86_sse_rr(b, opc, d, bb);
    }
}

/* d = a & mask or a ^ mask, with a one-word mask of the sign bit. */
static void emit_sign_op(CodeBuf *b, IRType t, int opc, uint64_t mask, int d, int a)
{
    x86_mov_ri(b, t == IR_F64, REG_SCRATCH, mask);
    x86_modrm(b, OPC_MOVD_XR | (t == IR_F64 ? P_REXW : 0), REG_XSCRATCH, REG_SCRATCH);
    if (d != a) {
        x86_sse_rr(b, OPC_MOVAPS, d, a);
    }
    x86_sse_rr(b, SSE_PS(opc), d, REG_XSCRATCH);
}

static void emit_fcmp(CodeBuf *b, IRType t, bool signaling, int d, int a, int bb)
{
    /* (u)comis: unordered ZF=PF=CF=1, less CF=1, equal ZF=1, greater none;
     * comis also raises invalid for a quiet NaN. */
    int opc = signaling ? OPC_UCOMI + 1 : OPC_UCOMI;
    x86_sse_rr(b, t == IR_F32 ? SSE_PS(opc) : SSE_PD(opc), a, bb);
    x86_mov_ri32_keepflags(b, REG_SCRATCH, IR_FCMP_GT);
    x86_mov_ri32_keepflags(b, d, IR_FCMP_EQ);
    x86_cmov(b, CC_E, false, REG_SCRATCH, d);
    x86_mov_ri32_keepflags(b, d, IR_FCMP_LT);
    x86_cmov(b, CC_B, false, REG_SCRATCH, d);
    x86_mov_ri32_keepflags(b, d, IR_FCMP_UN);
    x86_cmov(b, CC_P, false, REG_SCRATCH, d);
    x86_mov_rr(b, false, d, REG_SCRATCH);
}

static void emit_fma(CodeBuf *b, IRType t, int d, int a, int bb)
{
    if (x86_features.fma) {
        /* vfmadd231: d = a * b + d, with d holding the addend. */
        x86_vex_modrm(b, OPC_VFMADD231S | (t == IR_F64 ? P_REXW : 0), d, a, bb);
        return;
    }
    x86_call(b, t == IR_F32 ? (const void *)fmaf : (const void *)fma);
}

/* ---- vectors ---- */

static void emit_vdup(CodeBuf *b, int esize, int d, int s)
{
    x86_modrm(b, OPC_MOVD_XR | (esize == 3 ? P_REXW : 0), d, s);
    switch (esize) {
    case 0:
        x86_sse_rr(b, OPC_PXOR, REG_XSCRATCH, REG_XSCRATCH);
        x86_sse_rr(b, OPC_PSHUFB, d, REG_XSCRATCH);
        break;
    case 1:
        x86_sse_rri(b, SSE_SD(0x70), d, d, 0);      /* pshuflw */
        x86_sse_rri(b, OPC_PSHUFD, d, d, 0);
        break;
    case 2:
        x86_sse_rri(b, OPC_PSHUFD, d, d, 0);
        break;
    default:
        x86_sse_rr(b, OPC_PUNPCKLQDQ, d, d);
        break;
    }
}

static void emit_vgetlane(CodeBuf *b, int esize, bool d64, int d, int v, int lane)
{
    static const int opc[4] = { OPC_PEXTRB, OPC_PEXTRW, OPC_PEXTRD, OPC_PEXTRD | P_REXW };
    if (esize == 3 && !d64) {
        /* An i32 gets the low half: pextrq would leave the high half in
         * the upper bits of the register, which must be clear. */
        esize = 2;
        lane *= 2;
    }
    /* pextr*: the xmm is the reg operand, the gpr the r/m destination. */
    x86_modrm(b, opc[esize], v, d);
    emit8(b, (uint8_t)lane);
}

static void emit_vsetlane(CodeBuf *b, int esize, int d, int s, int lane)
{
    static const int opc[4] = { OPC_PINSRB, OPC_PINSRW, OPC_PINSRD, OPC_PINSRD | P_REXW };
    x86_modrm(b, opc[esize], d, s);
    emit8(b, (uint8_t)lane);
}

void lower_fp_op(CodeGen *g, const IROp *op, const LowArg *out, const LowArg *in)
{
    CodeBuf *b = &g->buf;
    IRType t = (IRType)op->type;
    int d = out ? (int)out[0].val : -1;
    int a = (int)in[0].val;
    int bb = op->nin > 1 ? (int)in[1].val : -1;
    const uint64_t *k = &op->args[op->nout + op->nin];
    int vop;

    switch ((IROpcode)op->opc) {
    case IR_ld: guest_ld_x(b, t, d, &in[0], (uint32_t)k[0], (int)k[1]); break;
    case IR_st: guest_st_x(b, t, a, &in[1], (uint32_t)k[0], (int)k[1]); break;
    case IR_ldenv: lower_fp_ld(b, t, d, REG_ENV, -1, (int32_t)k[0]); break;
    case IR_stenv: lower_fp_st(b, t, a, REG_ENV, -1, (int32_t)k[0]); break;
    case IR_bitcast:
        if (type_is_x(t)) {
            x86_modrm(b, OPC_MOVD_XR | (t == IR_F64 ? P_REXW : 0), d, a);
        } else {
            x86_modrm(b, OPC_MOVD_RX | (t == IR_I64 ? P_REXW : 0), a, d);
        }
        break;
    /* Not commutative for the lowering: with two NaN operands x86 returns
     * the first (destination) one, so b + a would pick b's payload. */
    case IR_fadd: emit_xbin(b, fop(t, OPC_ADD_F), false, d, a, bb); break;
    case IR_fsub: emit_xbin(b, fop(t, OPC_SUB_F), false, d, a, bb); break;
    case IR_fmul: emit_xbin(b, fop(t, OPC_MUL_F), false, d, a, bb); break;
    case IR_fdiv: emit_xbin(b, fop(t, OPC_DIV_F), false, d, a, bb); break;
    case IR_fmin: emit_xbin(b, fop(t, OPC_MIN_F), false, d, a, bb); break;
    case IR_fmax: emit_xbin(b, fop(t, OPC_MAX_F), false, d, a, bb); break;
    case IR_fsqrt: x86_sse_rr(b, fop(t, OPC_SQRT_F), d, a); break;
    case IR_fabs:
        emit_sign_op(b, t, OPC_AND_P, t == IR_F32 ? 0x7fffffffu : 0x7fffffffffffffffull, d, a);
        break;
    case IR_fneg:
        emit_sign_op(b, t, OPC_XOR_P, t == IR_F32 ? 0x80000000u : 0x8000000000000000ull, d, a);
        break;
    case IR_fma: emit_fma(b, t, d, a, bb); break;
    case IR_fcmp: emit_fcmp(b, t, false, d, a, bb); break;
    case IR_fcmpe: emit_fcmp(b, t, true, d, a, bb); break;
    case IR_fcvt:
        /* The op's type is the destination's. */
        x86_sse_rr(b, t == IR_F64 ? SSE_SS(OPC_CVT_FF) : SSE_SD(OPC_CVT_FF), d, a);
        break;
    case IR_ftoi: {
        bool w = g->ir->temps[op->args[0]].type == IR_I64;
        int opc = fop(t, k[0] == IR_FTOI_TRUNC ? OPC_CVTTF2SI : OPC_CVTF2SI);
        x86_modrm(b, opc | (w ? P_REXW : 0), d, a);
        break;
    }
    case IR_itof: {
        bool w = g->ir->temps[op->args[1]].type == IR_I64 || !k[0];
        /* Unsigned i32 is zero-extended in its register: convert as i64.
         * Clearing d first breaks a dependency on its old contents. */
        x86_sse_rr(b, SSE_PS(OPC_XOR_P), d, d);
        x86_modrm(b, fop(t, OPC_CVTSI2F) | (w ? P_REXW : 0), d, a);
        break;
    }
    case IR_fround:
        x86_sse_rri(b, t == IR_F32 ? OPC_ROUNDSS : OPC_ROUNDSD, d, a, (uint8_t)k[0]);
        break;
    case IR_vand: emit_xbin(b, OPC_PAND, true, d, a, bb); break;
    case IR_vor: emit_xbin(b, OPC_POR, true, d, a, bb); break;
    case IR_vxor: emit_xbin(b, OPC_PXOR, true, d, a, bb); break;
    case IR_vandc:
        /* pandn computes ~dst & src. */
        x86_sse_rr(b, OPC_MOVAPS, REG_XSCRATCH, bb);
        x86_sse_rr(b, OPC_PANDN, REG_XSCRATCH, a);
        x86_sse_rr(b, OPC_MOVAPS, d, REG_XSCRATCH);
        break;
    case IR_vadd: vop = VEC_ADD; goto vec;
    case IR_vsub: vop = VEC_SUB; goto vec;
    case IR_vmul: vop = VEC_MUL; goto vec;
    case IR_vcmpeq: vop = VEC_CMPEQ; goto vec;
    case IR_vcmpgt: vop = VEC_CMPGT; goto vec;
    case IR_vmins: vop = VEC_MINS; goto vec;
    case IR_vmaxs: vop = VEC_MAXS; goto vec;
    case IR_vminu: vop = VEC_MINU; goto vec;
    case IR_vmaxu: vop = VEC_MAXU; goto vec;
    vec: {
        int opc;
        if (!x86_vec_opc(vop, (int)k[0], &opc)) {
            fatal("backend: %s has no lowering for %d-bit lanes", ir_op_defs[op->opc].name, 8 << k[0]);
        }
        bool comm = vop != VEC_SUB && vop != VEC_CMPGT;
        emit_xbin(b, opc, comm, d, a, bb);
        break;
    }
    case IR_vshli:
    case IR_vshri:
    case IR_vsari:
        if (d != a) {
            x86_sse_rr(b, OPC_MOVAPS, d, a);
        }
        if (!x86_vec_shift_imm(b, op->opc == IR_vshli ? SH_SHL : op->opc == IR_vshri ? SH_SHR : SH_SAR, (int)k[0], d,
                               (int)k[1])) {
            fatal("backend: %s has no lowering for %d-bit lanes", ir_op_defs[op->opc].name, 8 << k[0]);
        }
        break;
    case IR_vdup: emit_vdup(b, (int)k[0], d, a); break;
    case IR_vgetlane:
        emit_vgetlane(b, (int)k[0], g->ir->temps[op->args[0]].type == IR_I64, d, a, (int)k[1]);
        break;
    case IR_vsetlane: emit_vsetlane(b, (int)k[0], d, bb, (int)k[1]); break;
    default:
        fatal("backend: no lowering for op %s", ir_op_defs[op->opc].name);
    }
}
