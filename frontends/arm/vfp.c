/*
 * VFP data processing, A32 and T32: VFPv3-D32/VFPv4 arithmetic, compares
 * and conversions, and the ARMv8 AArch32 additions (VSEL, VMAXNM/VMINNM,
 * VRINT*, VCVTA/N/P/M, half precision to and from double).  Register
 * layout, field letters and the A32/T32 pattern sharing follow vfp-mov.c.
 *
 * Guest arithmetic runs on the host's SSE unit under the host MXCSR, which
 * arm_fpscr_set (vfp-helper.c) programs from FPSCR: RC from RMode, FTZ and
 * DAZ from FZ, all exceptions masked; the exception flags the host
 * accumulates there are the guest's cumulative flags (arm_fpscr_get).
 * Where x86 and ARM differ, the translation fixes the result up:
 *
 *  - NaN results.  ARM returns the first signalling NaN operand quieted,
 *    else the first quiet NaN operand, else the default NaN 0x7fc00000 /
 *    0x7ff8000000000000, and only the default NaN when FPSCR.DN is set.
 *    x86 picks the first NaN operand whether or not a later one signals,
 *    and its default NaN is negative.  Every inline operation is therefore
 *    followed by an integer test of the result's bits; a NaN branches to a
 *    C helper that recomputes the ARM result from the source registers
 *    (DN is read there, at run time).  The branch skips the helper in the
 *    normal case.  VMLA and friends, VFMA and friends, VSQRT, VRINT and
 *    VCVT between widths take the same path.
 *
 *  - Tininess.  ARM detects underflow before rounding, x86 after: a
 *    product, quotient, fused result or narrowing conversion whose exact
 *    value lies just below the smallest normal and rounds up to it raises
 *    UFC on ARM and not UE on x86.  Results of exactly +-smallest-normal
 *    take the helper path too, which decides by redoing the operation
 *    rounding towards zero.  Sums cannot be inexact and tiny, square roots
 *    cannot be tiny, so those skip the test.
 *
 *  - Flush-to-zero (FPSCR.FZ, set by -ffast-math startup code).  The host's
 *    FTZ and DAZ give the right values, but DAZ raises no flag where ARM
 *    raises IDC, and an FTZ flush raises UE and PE where ARM raises UFC
 *    alone -- and a flag once raised cannot be taken back.  FZ is a TB
 *    flag; in FZ mode each instruction first tests its operands' bits: a
 *    denormal operand, or exponents that allow a tiny result (a
 *    conservative bound per operation, see vfp_gen_fz_unsafe), branch to
 *    the helper before the host computes anything, and the helper flushes
 *    inputs and outputs itself.  Otherwise the host's result and flags are
 *    ARM's.
 *
 *  - Float to integer.  ARM saturates (NaN -> 0, too large -> the maximum,
 *    too small -> the minimum) and raises IOC; x86 returns the "integer
 *    indefinite" 0x80000000.  Signed conversions branch to the helper on
 *    that value (which x86 also returns for the genuine -2^31, harmlessly).
 *    Unsigned conversions go through a 64-bit conversion, but only for
 *    inputs in [+0, 2^32) (tested on the bits, before converting, so the
 *    host raises no flag ARM would not); anything else is the helper's.
 *    Fixed-point results, VCVTA/N/P/M and VCVTR's rounding are helpers.
 *
 *  - Fixed point to float rounds to nearest whatever FPSCR.RMode says
 *    (ARMv7 VCVT); 16-bit sources and double results are exact inline, a
 *    32-bit source to single precision is a helper.
 *
 *  - Half precision (VCVTB/VCVTT, with FPSCR.AHP's alternative format),
 *    VMAXNM/VMINNM, VRINTA and the ties-away rounding have no SSE
 *    counterpart: helpers.
 *
 *  - Short vectors.  FPSCR.Len/Stride are not supported, as on every
 *    Cortex-A core: while either is nonzero, the instructions that would
 *    iterate (VMOV immediate and register, VABS, VNEG, VSQRT, the
 *    three-register arithmetic, VMAXNM/VMINNM) are UNDEFINED, which is
 *    what hardware without short vectors and qemu-arm do (the Linux kernel
 *    would emulate them in its VFP support code; we do not).  The state is
 *    a TB flag.
 *
 * Not implemented (UNDEFINED): ARMv8.2 half-precision arithmetic (the
 * coprocessor 9 forms), VJCVT, VMOVX/VINS, BFloat16 conversions.
 *
 * Fields (see vfp-mov.c): d/n/m VFP registers with D/N/M their extra bits,
 * z sz (1: double), o the op bit that selects a variant (VCMPE, the
 * rounding of VCVT, signed for VCVTA), g signed integer, u unsigned fixed
 * point, x sx (32-bit fixed point), k:i the fixed point immediate, H top
 * half (VCVTT), r an ARMv8 rounding mode, c a VSEL condition.
 */
#include "frontends/arm/translate.h"

#include <stddef.h>
#include <string.h>

#include "frontends/arm/helpers.h"
#include "frontends/arm/vfp.h"
#include "tcg/util.h"

#define VFP_OFF ((int32_t)offsetof(CPUARMState, vfp))
#define FPSCR_OFF ((int32_t)offsetof(CPUARMState, fpscr))

static int32_t vfp_off(uint32_t r, bool dbl) { return VFP_OFF + (int32_t)(dbl ? 8 * r : 4 * r); }
static IRType vfp_ftype(bool dbl) { return dbl ? IR_F64 : IR_F32; }
static IRType vfp_itype(bool dbl) { return dbl ? IR_I64 : IR_I32; }
static int vfp_mo(bool dbl) { return dbl ? IR_MO_64 : IR_MO_32; }

static bool vfp_fz(DisasContext *dc) { return dc->base.tb_flags & ARM_TBF_FPFZ; }
static bool vfp_shvec(DisasContext *dc) { return dc->base.tb_flags & ARM_TBF_FPVEC; }

/* A register as a float or as its bits. */
static IRTemp vfp_ldf(DisasContext *dc, uint32_t r, bool dbl)
{
    IRTemp t = ir_temp(IRC(dc), vfp_ftype(dbl));
    ir_ldenv(IRC(dc), t, vfp_off(r, dbl), vfp_mo(dbl));
    return t;
}

static IRTemp vfp_ldi(DisasContext *dc, uint32_t r, bool dbl)
{
    IRTemp t = ir_temp(IRC(dc), vfp_itype(dbl));
    ir_ldenv(IRC(dc), t, vfp_off(r, dbl), vfp_mo(dbl));
    return t;
}

static void vfp_st(DisasContext *dc, IRTemp v, uint32_t r, bool dbl)
{
    ir_stenv(IRC(dc), v, vfp_off(r, dbl), vfp_mo(dbl));
}

static IRTemp vfp_bits(DisasContext *dc, IRTemp f, bool dbl)
{
    IRTemp t = ir_temp(IRC(dc), vfp_itype(dbl));
    ir_bitcast(IRC(dc), t, f);
    return t;
}

/* ---- helper calls ---- */

/* A helper argument: a constant, or a VFP register read at the call. */
typedef struct VfpArg {
    uint8_t kind;
    bool dbl;
    uint32_t v;
} VfpArg;

enum { VA_END, VA_CONST, VA_REG };

#define A_K(v) ((VfpArg){ VA_CONST, false, (v) })
#define A_K64(v) ((VfpArg){ VA_CONST, true, (v) })
#define A_R(r, dbl) ((VfpArg){ VA_REG, (dbl), (r) })

typedef struct VfpCall {
    const HelperInfo *h;
    VfpArg a[5];            /* the arguments after env, VA_END-terminated */
} VfpCall;

static IRTemp vfp_gen_call(DisasContext *dc, const VfpCall *call)
{
    IRContext *c = IRC(dc);
    IRTemp in[5], ret = IR_NO_TEMP;
    int n = 0;
    for (int i = 0; i < 5 && call->a[i].kind != VA_END; i++) {
        const VfpArg *a = &call->a[i];
        in[n++] = a->kind == VA_CONST ? ir_const(c, vfp_itype(a->dbl), a->v) : vfp_ldi(dc, a->v, a->dbl);
    }
    if (call->h->ret == HT_i32) {
        ret = arm_tmp(dc);
    } else if (call->h->ret == HT_i64) {
        ret = arm_tmp64(dc);
    }
    ir_call(c, call->h, ret, n, in);
    return ret;
}

/* Whether the call reads a register that overlaps register d. */
static bool vfp_call_reads(const VfpCall *call, uint32_t d, bool dbl)
{
    int32_t lo = vfp_off(d, dbl), hi = lo + (dbl ? 8 : 4);
    for (int i = 0; i < 5 && call->a[i].kind != VA_END; i++) {
        const VfpArg *a = &call->a[i];
        int32_t alo = vfp_off(a->v, a->dbl), ahi = alo + (a->dbl ? 8 : 4);
        if (a->kind == VA_REG && alo < hi && lo < ahi) {
            return true;
        }
    }
    return false;
}

#define NO_LABEL UINT32_MAX

/*
 * Write res (bits) to register d, unless "key cond thr" fails, in which
 * case the helper call computes what goes there instead.  When the call
 * does not read d, the fast result is stored before the test and the slow
 * path overwrites it; otherwise it waits in a local until the join.  pre,
 * if not NO_LABEL, is where an earlier test branched when the fast path
 * must not even run (vfp_gen_pre).
 */
static void vfp_gen_checked(DisasContext *dc, IRTemp res, uint32_t d, bool dbl, IRTemp key, IRCond cond,
                            uint64_t thr, const VfpCall *slow, uint32_t pre)
{
    IRContext *c = IRC(dc);
    uint32_t done = ir_new_label(c);
    IRTemp k = ir_const(c, ir_temp_type(c, key), thr);
    if (!vfp_call_reads(slow, d, dbl)) {
        vfp_st(dc, res, d, dbl);
        ir_brcond(c, key, k, cond, done);
        if (pre != NO_LABEL) {
            ir_label(c, pre);
        }
        vfp_st(dc, vfp_gen_call(dc, slow), d, dbl);
        ir_label(c, done);
    } else {
        IRTemp l = ir_local(c, vfp_itype(dbl));
        ir_mov(c, l, res);
        ir_brcond(c, key, k, cond, done);
        if (pre != NO_LABEL) {
            ir_label(c, pre);
        }
        ir_mov(c, l, vfp_gen_call(dc, slow));
        ir_label(c, done);
        vfp_st(dc, l, d, dbl);
    }
}

/* The bits shifted left by one, which drops the sign: */
#define KEY_INF(dbl) ((dbl) ? 0xffe0000000000000ull : 0xff000000u)         /* infinity */
#define KEY_MINNORM(dbl) ((dbl) ? 1ull << 53 : 1u << 24)                /* smallest normal */

/*
 * Flush-to-zero mode: an i32, nonzero when one of the call's register
 * arguments is a denormal -- which ARM flushes raising IDC, and the host's
 * DAZ flushes silently.  Denormal means 0 < key < KEY_MINNORM, that is
 * key - 1 < KEY_MINNORM - 1 unsigned.
 */
static IRTemp vfp_gen_any_denormal(DisasContext *dc, const VfpCall *call)
{
    IRContext *c = IRC(dc);
    IRTemp any = IR_NO_TEMP;
    for (int i = 0; i < 5 && call->a[i].kind != VA_END; i++) {
        const VfpArg *a = &call->a[i];
        if (a->kind != VA_REG) {
            continue;
        }
        IRType it = vfp_itype(a->dbl);
        IRTemp t = ir_temp(c, it), b = ir_temp(c, it);
        ir_shli(c, t, vfp_ldi(dc, a->v, a->dbl), 1);
        ir_add(c, t, t, ir_const(c, it, a->dbl ? ~0ull : 0xffffffffu));
        ir_setcond(c, b, t, ir_const(c, it, KEY_MINNORM(a->dbl) - 1), IR_LTU);
        if (a->dbl) {
            IRTemp b32 = arm_tmp(dc);
            ir_trunc(c, b32, b);
            b = b32;
        }
        if (any == IR_NO_TEMP) {
            any = b;
        } else {
            ir_or(c, b, b, any);
            any = b;
        }
    }
    return any;
}

/* key, or bad when flag (an i32) is nonzero. */
static IRTemp vfp_gen_override(DisasContext *dc, IRTemp key, IRTemp flag, uint64_t bad)
{
    IRContext *c = IRC(dc);
    IRType it = ir_temp_type(c, key);
    IRTemp k = ir_temp(c, it);
    if (flag == IR_NO_TEMP) {
        return key;
    }
    if (it == IR_I64) {
        IRTemp f64 = arm_tmp64(dc);
        ir_zext(c, f64, flag);
        flag = f64;
    }
    ir_movcond(c, k, flag, ir_const(c, it, 0), key, ir_const(c, it, bad), IR_EQ);
    return k;
}

/*
 * Flush-to-zero mode: x86's FTZ flush of a tiny result raises UE and PE,
 * where ARM's raises UFC alone, and the flags cannot be taken back once
 * raised.  So in FZ mode the operations that round branch to the helper
 * before computing anything when their result might be tiny, which the
 * operands' exponents tell conservatively, and so do denormal operands
 * (IDC).  Returns the label of the helper path, or NO_LABEL outside FZ
 * mode.  unsafe is an i32, nonzero to take the helper path, or IR_NO_TEMP.
 */
static uint32_t vfp_gen_pre(DisasContext *dc, IRTemp unsafe, const VfpCall *slow)
{
    IRContext *c = IRC(dc);
    if (!vfp_fz(dc)) {
        return NO_LABEL;
    }
    IRTemp any = vfp_gen_any_denormal(dc, slow);
    if (unsafe != IR_NO_TEMP) {
        if (any == IR_NO_TEMP) {
            any = unsafe;
        } else {
            ir_or(c, any, any, unsafe);
        }
    }
    if (any == IR_NO_TEMP) {
        return NO_LABEL;
    }
    uint32_t l = ir_new_label(c);
    ir_brcondi(c, any, 0, IR_NE, l);
    return l;
}

/* The biased exponent of register r, as an i32. */
static IRTemp vfp_gen_exp(DisasContext *dc, uint32_t r, bool dbl)
{
    IRContext *c = IRC(dc);
    IRTemp e = arm_tmp(dc);
    if (dbl) {
        IRTemp hi = arm_tmp(dc);
        ir_ldenv(c, hi, vfp_off(r, true) + 4, IR_MO_32);
        ir_extract(c, e, hi, 20, 11);
    } else {
        ir_extract(c, e, vfp_ldi(dc, r, false), 23, 8);
    }
    return e;
}

/* An i32, nonzero when register r is +-0. */
static IRTemp vfp_gen_iszero(DisasContext *dc, uint32_t r, bool dbl)
{
    IRContext *c = IRC(dc);
    IRType it = vfp_itype(dbl);
    IRTemp k = ir_temp(c, it), z = ir_temp(c, it);
    ir_shli(c, k, vfp_ldi(dc, r, dbl), 1);
    ir_setcond(c, z, k, ir_const(c, it, 0), IR_EQ);
    if (dbl) {
        IRTemp z32 = arm_tmp(dc);
        ir_trunc(c, z32, z);
        z = z32;
    }
    return z;
}

static IRTemp vfp_max(DisasContext *dc, IRTemp a, IRTemp b)
{
    IRTemp t = arm_tmp(dc);
    ir_movcond(IRC(dc), t, a, b, a, b, IR_GT);
    return t;
}

static IRTemp vfp_lt_const(DisasContext *dc, IRTemp a, int32_t k)
{
    IRTemp t = arm_tmp(dc);
    ir_setcond(IRC(dc), t, a, arm_c32(dc, (uint32_t)k), IR_LT);
    return t;
}

/*
 * Flush-to-zero mode: an i32, nonzero when op (VOP_*) might produce a tiny
 * result (or a tiny product in the unfused multiply-accumulates).  With E
 * the biased exponents, B the bias and F the fraction bits, a nonzero
 * result is at least:
 *   n * m      2^(En + Em - 2B): safe when En + Em >= B + 1, or an operand is 0;
 *   n / m      2^(En - Em - 1): safe when En - Em + B >= 2, or n is 0;
 *   n +- m     a multiple of the smaller operand's unit in the last place,
 *              and only close operands cancel: safe when max(En, Em) >= F + 3;
 *   d + n * m  (fused) the same reasoning with the product's finer unit:
 *              safe when max(Ed + B, En + Em) >= 2F + 4 + B.
 * Infinities and NaNs have the largest exponent and count as safe: the host
 * handles them without flushing anything.
 */
static IRTemp vfp_gen_fz_unsafe(DisasContext *dc, int op, bool dbl, uint32_t d, uint32_t n, uint32_t m)
{
    IRContext *c = IRC(dc);
    int32_t bias = dbl ? 1023 : 127, fb = dbl ? 52 : 23;
    IRTemp en = IR_NO_TEMP, em = vfp_gen_exp(dc, m, dbl), u, t, sum;
    if (op != VOP_SQRT) {
        en = vfp_gen_exp(dc, n, dbl);
    }
    switch (op) {
    case VOP_ADD:
    case VOP_SUB:
        return vfp_lt_const(dc, vfp_max(dc, en, em), fb + 3);
    case VOP_DIV:
        t = arm_tmp(dc);
        ir_sub(c, t, en, em);
        u = vfp_lt_const(dc, t, 2 - bias);
        ir_andc(c, u, u, vfp_gen_iszero(dc, n, dbl));
        return u;
    case VOP_SQRT:
        return IR_NO_TEMP;
    default:
        break;
    }
    sum = arm_tmp(dc);
    ir_add(c, sum, en, em);
    if (op == VOP_MUL || op == VOP_NMUL || (op >= VOP_MLA && op <= VOP_NMLS)) {
        /* The (rounded) product must not be tiny. */
        IRTemp z = vfp_gen_iszero(dc, n, dbl);
        ir_or(c, z, z, vfp_gen_iszero(dc, m, dbl));
        u = vfp_lt_const(dc, sum, bias + 1);
        ir_andc(c, u, u, z);
        if (op == VOP_MUL || op == VOP_NMUL) {
            return u;
        }
    } else {
        u = arm_tmp(dc);
        ir_movi(c, u, 0);
    }
    /* The sum with the accumulator must not be tiny either. */
    IRTemp ed = arm_tmp(dc);
    ir_addi(c, ed, vfp_gen_exp(dc, d, dbl), (uint32_t)bias);
    bool fused = op >= VOP_FMA;
    ir_or(c, u, u, vfp_lt_const(dc, vfp_max(dc, ed, sum), (fused ? 2 * fb + 4 : fb + 3) + bias));
    return u;
}

/*
 * Store the float result r to d, checked: a NaN, and with tiny_of a
 * +-smallest-normal value of that temp, go to the helper.  Both tests work
 * on the bits shifted left by one, which drops the sign.  pre: see
 * vfp_gen_checked.
 */
static void vfp_gen_result(DisasContext *dc, IRTemp r, IRTemp tiny_of, uint32_t d, bool dbl, const VfpCall *slow,
                           uint32_t pre)
{
    IRContext *c = IRC(dc);
    IRType it = vfp_itype(dbl);
    IRTemp bits = vfp_bits(dc, r, dbl), key = ir_temp(c, it);
    ir_shli(c, key, bits, 1);
    if (tiny_of != IR_NO_TEMP) {
        IRTemp tk = key;
        if (tiny_of != r) {
            tk = ir_temp(c, it);
            ir_shli(c, tk, vfp_bits(dc, tiny_of, dbl), 1);
        }
        IRTemp k2 = ir_temp(c, it);
        ir_movcond(c, k2, tk, ir_const(c, it, KEY_MINNORM(dbl)), ir_const(c, it, dbl ? ~0ull : 0xffffffffu), key,
                   IR_EQ);
        key = k2;
    }
    vfp_gen_checked(dc, bits, d, dbl, key, IR_LEU, KEY_INF(dbl), slow, pre);
}

/* ---- register number preparation ---- */

#define L(ch) (f->v[decode_letter_index(ch)])

static uint32_t vfp_reg(uint32_t v, uint32_t x, bool dbl) { return dbl ? x << 4 | v : v << 1 | x; }

/* d, n, m by sz */
static void prep_zdnm(DecodeFields *f)
{
    bool z = L('z');
    L('d') = vfp_reg(L('d'), L('D'), z);
    L('n') = vfp_reg(L('n'), L('N'), z);
    L('m') = vfp_reg(L('m'), L('M'), z);
}

/* d and m by sz */
static void prep_zdm(DecodeFields *f)
{
    bool z = L('z');
    L('d') = vfp_reg(L('d'), L('D'), z);
    L('m') = vfp_reg(L('m'), L('M'), z);
}

/* d by sz, m single */
static void prep_zd_sm(DecodeFields *f)
{
    L('d') = vfp_reg(L('d'), L('D'), L('z'));
    L('m') = vfp_reg(L('m'), L('M'), false);
}

/* d single, m by sz */
static void prep_sd_zm(DecodeFields *f)
{
    L('d') = vfp_reg(L('d'), L('D'), false);
    L('m') = vfp_reg(L('m'), L('M'), L('z'));
}

/* VCVT between widths: m by sz, d the other width */
static void prep_cvt(DecodeFields *f)
{
    L('d') = vfp_reg(L('d'), L('D'), !L('z'));
    L('m') = vfp_reg(L('m'), L('M'), L('z'));
}

/* d by sz (fixed point: the operand is d too) */
static void prep_zd(DecodeFields *f)
{
    L('d') = vfp_reg(L('d'), L('D'), L('z'));
}

/* ---- arithmetic ---- */

static VfpCall vfp_arith_call(int op, bool dbl, uint32_t d, uint32_t n, uint32_t m, bool uses_n, bool uses_d)
{
    VfpCall call = { dbl ? &helper_info_vfp_arith_d : &helper_info_vfp_arith_s, { A_K((uint32_t)op) } };
    call.a[1] = uses_n ? A_R(n, dbl) : A_K64(0);
    call.a[2] = A_R(m, dbl);
    call.a[3] = uses_d ? A_R(d, dbl) : A_K64(0);
    if (!dbl) {
        for (int i = 1; i < 4; i++) {
            call.a[i].dbl = false;
        }
    }
    return call;
}

/* The arithmetic of VOP_* op (not VOP_MAXNM and later) inline. */
static bool vfp_gen_arith(DisasContext *dc, int op, bool dbl, uint32_t d, uint32_t n, uint32_t m)
{
    IRContext *c = IRC(dc);
    bool uses_n = op != VOP_SQRT, uses_d = op >= VOP_MLA && op <= VOP_FNMS;
    VfpCall slow = vfp_arith_call(op, dbl, d, n, m, uses_n, uses_d);
    IRType ft = vfp_ftype(dbl);

    if (vfp_shvec(dc)) {
        return false;
    }
    uint32_t pre = vfp_gen_pre(dc, vfp_fz(dc) ? vfp_gen_fz_unsafe(dc, op, dbl, d, n, m) : IR_NO_TEMP, &slow);
    IRTemp a = uses_n ? vfp_ldf(dc, n, dbl) : IR_NO_TEMP, b = vfp_ldf(dc, m, dbl);
    IRTemp acc = uses_d ? vfp_ldf(dc, d, dbl) : IR_NO_TEMP;
    IRTemp r = ir_temp(c, ft), p = IR_NO_TEMP, t = ir_temp(c, ft), u = ir_temp(c, ft);
    switch (op) {
    case VOP_ADD: ir_fadd(c, r, a, b); break;
    case VOP_SUB: ir_fsub(c, r, a, b); break;
    case VOP_MUL: ir_fmul(c, r, a, b); p = r; break;
    case VOP_DIV: ir_fdiv(c, r, a, b); p = r; break;
    case VOP_SQRT: ir_fsqrt(c, r, b); break;
    case VOP_NMUL:
        ir_fmul(c, t, a, b);
        ir_fneg(c, r, t);
        p = r;
        break;
    /* x - y is x + (-y) in IEEE arithmetic, but -(x + y) is not
     * (-x) + (-y) when the sum is an exact zero: hence the forms below,
     * which follow the ARM ARM's negations literally. */
    case VOP_MLA:
        ir_fmul(c, t, a, b);
        ir_fadd(c, r, acc, t);
        p = t;
        break;
    case VOP_MLS:
        ir_fmul(c, t, a, b);
        ir_fsub(c, r, acc, t);
        p = t;
        break;
    case VOP_NMLA:
        ir_fmul(c, t, a, b);
        ir_fneg(c, u, acc);
        ir_fsub(c, r, u, t);
        p = t;
        break;
    case VOP_NMLS:
        ir_fmul(c, t, a, b);
        ir_fsub(c, r, t, acc);
        p = t;
        break;
    case VOP_FMA:
        ir_fma(c, r, a, b, acc);
        p = r;
        break;
    case VOP_FMS:
        ir_fneg(c, t, a);
        ir_fma(c, r, t, b, acc);
        p = r;
        break;
    case VOP_FNMA:
        ir_fneg(c, t, a);
        ir_fneg(c, u, acc);
        ir_fma(c, r, t, b, u);
        p = r;
        break;
    case VOP_FNMS:
        ir_fneg(c, u, acc);
        ir_fma(c, r, a, b, u);
        p = r;
        break;
    default:
        fatal("vfp: arithmetic op %d", op);
    }
    vfp_gen_result(dc, r, p, d, dbl, &slow, pre);
    return true;
}

#define VFP_3OP(name, op)                                                                                \
    bool trans_##name(DisasContext *dc, const DecodeFields *f)                                          \
    {                                                                                                    \
        return vfp_gen_arith(dc, op, F(z), F(d), F(n), F(m));                                            \
    }

VFP_3OP(VADD, VOP_ADD)
VFP_3OP(VSUB, VOP_SUB)
VFP_3OP(VMUL, VOP_MUL)
VFP_3OP(VNMUL, VOP_NMUL)
VFP_3OP(VDIV, VOP_DIV)
VFP_3OP(VMLA, VOP_MLA)
VFP_3OP(VMLS, VOP_MLS)
VFP_3OP(VNMLA, VOP_NMLA)
VFP_3OP(VNMLS, VOP_NMLS)
VFP_3OP(VFMA, VOP_FMA)
VFP_3OP(VFMS, VOP_FMS)
VFP_3OP(VFNMA, VOP_FNMA)
VFP_3OP(VFNMS, VOP_FNMS)

bool trans_VSQRT(DisasContext *dc, const DecodeFields *f)
{
    return vfp_gen_arith(dc, VOP_SQRT, F(z), F(d), 0, F(m));
}

/* VMAXNM/VMINNM: IEEE 754-2008 maxNum/minNum, rare enough for a helper. */
static bool vfp_gen_minmaxnm(DisasContext *dc, const DecodeFields *f, int op)
{
    bool dbl = F(z);
    if (vfp_shvec(dc)) {
        return false;
    }
    VfpCall call = vfp_arith_call(op, dbl, F(d), F(n), F(m), true, false);
    vfp_st(dc, vfp_gen_call(dc, &call), F(d), dbl);
    return true;
}

bool trans_VMAXNM(DisasContext *dc, const DecodeFields *f) { return vfp_gen_minmaxnm(dc, f, VOP_MAXNM); }
bool trans_VMINNM(DisasContext *dc, const DecodeFields *f) { return vfp_gen_minmaxnm(dc, f, VOP_MINNM); }

/* VABS/VNEG only touch the sign bit, NaNs included, and never flush. */
static bool vfp_gen_sign(DisasContext *dc, const DecodeFields *f, bool neg)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z);
    uint64_t sign = dbl ? 1ull << 63 : 1u << 31;
    if (vfp_shvec(dc)) {
        return false;
    }
    IRTemp v = vfp_ldi(dc, F(m), dbl), r = ir_temp(c, vfp_itype(dbl));
    if (neg) {
        ir_xori(c, r, v, sign);
    } else {
        ir_andi(c, r, v, ~sign);
    }
    vfp_st(dc, r, F(d), dbl);
    return true;
}

bool trans_VABS(DisasContext *dc, const DecodeFields *f) { return vfp_gen_sign(dc, f, false); }
bool trans_VNEG(DisasContext *dc, const DecodeFields *f) { return vfp_gen_sign(dc, f, true); }

/* ---- compares ---- */

/* VCMP{E} Dd, Dm / VCMP{E} Dd, #0.0: FPSCR.NZCV from the IR_FCMP_* result
 * through a nibble table: LT 1000, EQ 0110, GT 0010, UN 0011.  VCMPE's
 * compare also raises invalid for a quiet NaN. */
static void vfp_gen_fcmp(DisasContext *dc, bool dbl, uint32_t d, uint32_t m, bool with_zero, bool e)
{
    IRContext *c = IRC(dc);
    IRTemp a = vfp_ldf(dc, d, dbl);
    IRTemp b = with_zero ? ir_const(c, vfp_ftype(dbl), 0) : vfp_ldf(dc, m, dbl);
    IRTemp res = arm_tmp(dc), t = arm_tmp(dc), fpscr = arm_tmp(dc);
    if (e) {
        ir_fcmpe(c, res, a, b);
    } else {
        ir_fcmp(c, res, a, b);
    }
    ir_shli(c, t, res, 2);
    ir_shr(c, t, arm_c32(dc, 0x3268), t);
    ir_shli(c, t, t, 28);
    ir_ldenv(c, fpscr, FPSCR_OFF, IR_MO_32);
    ir_andi(c, fpscr, fpscr, ~FPSCR_NZCV);
    ir_or(c, fpscr, fpscr, t);
    ir_stenv(c, fpscr, FPSCR_OFF, IR_MO_32);
}

/* In flush-to-zero mode a denormal operand must raise IDC: the helper
 * compares when there is one. */
static bool vfp_gen_cmp(DisasContext *dc, const DecodeFields *f, bool with_zero)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z);
    if (with_zero && F(m) != 0) {
        return false;
    }
    if (!vfp_fz(dc)) {
        vfp_gen_fcmp(dc, dbl, F(d), F(m), with_zero, F(o));
        return true;
    }
    VfpCall call = { dbl ? &helper_info_vfp_cmp_d : &helper_info_vfp_cmp_s,
                     { A_R(F(d), dbl), with_zero ? A_K64(0) : A_R(F(m), dbl), A_K(F(o)) } };
    call.a[1].dbl = dbl;
    uint32_t fast = ir_new_label(c), done = ir_new_label(c);
    ir_brcondi(c, vfp_gen_any_denormal(dc, &call), 0, IR_EQ, fast);
    vfp_gen_call(dc, &call);
    ir_br(c, done);
    ir_label(c, fast);
    vfp_gen_fcmp(dc, dbl, F(d), F(m), with_zero, F(o));
    ir_label(c, done);
    return true;
}

bool trans_VCMP(DisasContext *dc, const DecodeFields *f) { return vfp_gen_cmp(dc, f, false); }
bool trans_VCMP0(DisasContext *dc, const DecodeFields *f) { return vfp_gen_cmp(dc, f, true); }

/* ---- conversions ---- */

/* VCVT.F64.F32 Dd, Sm (z = 0) and VCVT.F32.F64 Sd, Dm (z = 1). */
bool trans_VCVT_fw(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    bool from_dbl = F(z);
    VfpCall slow = { from_dbl ? &helper_info_vfp_cvt_sd : &helper_info_vfp_cvt_ds, { A_R(F(m), from_dbl) } };
    IRTemp unsafe = IR_NO_TEMP;
    if (vfp_fz(dc) && from_dbl) {
        /* Below 2^-125 the single result may be tiny. */
        unsafe = vfp_lt_const(dc, vfp_gen_exp(dc, F(m), true), 1023 - 125);
        ir_andc(c, unsafe, unsafe, vfp_gen_iszero(dc, F(m), true));
    }
    uint32_t pre = vfp_gen_pre(dc, unsafe, &slow);
    IRTemp r = ir_temp(c, vfp_ftype(!from_dbl));
    ir_fcvt(c, r, vfp_ldf(dc, F(m), from_dbl));
    /* Widening is exact: only NaNs (FPSCR.DN) need the helper. */
    vfp_gen_result(dc, r, from_dbl ? r : IR_NO_TEMP, F(d), !from_dbl, &slow, pre);
    return true;
}

/* VCVT{R}.S32/U32.F32/F64 Sd, Sm/Dm: o = 1 rounds towards zero, o = 0
 * (VCVTR) as FPSCR.RMode says. */
bool trans_VCVT_toi(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z), rz = F(o), sgn = F(g);
    uint32_t mode = (rz ? VFP_RM_ZERO : VFP_RM_FPSCR) | (sgn ? 0 : VFP_CV_UNSIGNED);
    VfpCall slow = { dbl ? &helper_info_vfp_toi_d : &helper_info_vfp_toi_s, { A_R(F(m), dbl), A_K(mode) } };
    int how = rz ? IR_FTOI_TRUNC : IR_FTOI_CUR;
    /* A denormal input in flush-to-zero mode raises IDC: the helper's. */
    IRTemp denorm = vfp_fz(dc) ? vfp_gen_any_denormal(dc, &slow) : IR_NO_TEMP;

    IRTemp r = arm_tmp(dc);
    if (sgn) {
        ir_ftoi(c, r, vfp_ldf(dc, F(m), dbl), how);
        vfp_gen_checked(dc, r, F(d), false, vfp_gen_override(dc, r, denorm, 0x80000000u), IR_NE, 0x80000000u,
                        &slow, NO_LABEL);
        return true;
    }
    /* Inputs in [+0, T) convert exactly through i64 in every rounding
     * mode (for doubles T is 2^32 - 1, which no rounding can push past the
     * range); the others are not even given to the host, whose flags
     * would be wrong for them.  The clamped input of the fast path is +0
     * for those. */
    IRType it = vfp_itype(dbl);
    uint64_t lim = dbl ? 0x41efffffffe00001ull : 0x4f800000u;
    IRTemp x = vfp_ldi(dc, F(m), dbl), xs = ir_temp(c, it), xf = ir_temp(c, vfp_ftype(dbl));
    IRTemp r64 = arm_tmp64(dc);
    ir_movcond(c, xs, x, ir_const(c, it, lim), x, ir_const(c, it, 0), IR_LTU);
    ir_bitcast(c, xf, xs);
    ir_ftoi(c, r64, xf, how);
    ir_trunc(c, r, r64);
    vfp_gen_checked(dc, r, F(d), false, vfp_gen_override(dc, x, denorm, ~0ull), IR_LTU, lim, &slow, NO_LABEL);
    return true;
}

/* VCVT.F32/F64.S32/U32 Sd/Dd, Sm: g = signed.  Exact or rounded in the
 * FPSCR mode; the result cannot be a NaN or denormal. */
bool trans_VCVT_fromi(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z);
    IRTemp r = ir_temp(c, vfp_ftype(dbl));
    ir_itof(c, r, vfp_ldi(dc, F(m), false), F(g) ? 1 : 0);
    vfp_st(dc, r, F(d), dbl);
    return true;
}

/* VCVT.<type>.F32/F64 Dd, Dd, #fbits and back: o = to fixed point,
 * u = unsigned, x = 32-bit (else 16-bit) fixed point, imm = k:i. */
bool trans_VCVT_fix(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z), uns = F(u), h16 = !F(x);
    int size = h16 ? 16 : 32, fbits = size - (int)(F(k) << 1 | F(i));
    uint32_t d = F(d);
    uint32_t mode = (uns ? VFP_CV_UNSIGNED : 0) | ((uint32_t)fbits & VFP_CV_FBITS_MASK) << VFP_CV_FBITS_SHIFT |
                    (h16 ? VFP_CV_16 : 0);

    /* fbits < 0 (a 16-bit form with an immediate past 16) is UNPREDICTABLE;
     * qemu-arm scales by 2^fbits all the same, and so do we. */
    if (F(o)) {
        VfpCall call = { dbl ? &helper_info_vfp_toi_d : &helper_info_vfp_toi_s,
                         { A_R(d, dbl), A_K(mode | VFP_RM_ZERO) } };
        IRTemp r = vfp_gen_call(dc, &call);
        if (dbl) {
            /* The result is extended to the whole register. */
            IRTemp r64 = arm_tmp64(dc);
            if (uns) {
                ir_zext(c, r64, r);
            } else {
                ir_sext(c, r64, r);
            }
            r = r64;
        }
        vfp_st(dc, r, d, dbl);
        return true;
    }
    if (!dbl && !h16) {
        VfpCall call = { &helper_info_vfp_fixtos, { A_R(d, false), A_K(mode) } };
        vfp_st(dc, vfp_gen_call(dc, &call), d, false);
        return true;
    }
    /* Exact: at most 32 significant bits into a double, or 16 into a
     * single, scaled by a power of two far from the denormals. */
    IRTemp v = arm_tmp(dc), r = ir_temp(c, vfp_ftype(dbl));
    ir_ldenv(c, v, vfp_off(d, dbl), IR_MO_32);
    if (h16) {
        if (uns) {
            ir_ext16u(c, v, v);
        } else {
            ir_ext16s(c, v, v);
        }
    }
    ir_itof(c, r, v, (h16 || !uns) ? 1 : 0);
    if (fbits) {
        uint64_t scale = dbl ? (uint64_t)(1023 - fbits) << 52 : (uint64_t)(127 - fbits) << 23;    /* 2^-fbits */
        ir_fmul(c, r, r, ir_const(c, vfp_ftype(dbl), scale));
    }
    vfp_st(dc, r, d, dbl);
    return true;
}

/* VCVTB/VCVTT.F32/F64.F16: H selects the top half of Sm. */
bool trans_VCVT_from16(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z);
    IRTemp h = arm_tmp(dc), r = dbl ? arm_tmp64(dc) : arm_tmp(dc);
    ir_ldenv(c, h, vfp_off(F(m), false) + (F(H) ? 2 : 0), IR_MO_16);
    ir_calln(c, dbl ? &helper_info_vfp_f16_to_d : &helper_info_vfp_f16_to_s, r, h);
    vfp_st(dc, r, F(d), dbl);
    return true;
}

/* VCVTB/VCVTT.F16.F32/F64: the other half of Sd is kept. */
bool trans_VCVT_to16(DisasContext *dc, const DecodeFields *f)
{
    bool dbl = F(z);
    VfpCall call = { dbl ? &helper_info_vfp_d_to_f16 : &helper_info_vfp_s_to_f16, { A_R(F(m), dbl) } };
    IRTemp r = vfp_gen_call(dc, &call);
    ir_stenv(IRC(dc), r, vfp_off(F(d), false) + (F(H) ? 2 : 0), IR_MO_16);
    return true;
}

/* ---- rounding to integral ---- */

/* VRINT* Sd, Sm: rm a VFP_RM_*, exact for VRINTX (inexact raises IXC). */
static bool vfp_gen_rint(DisasContext *dc, const DecodeFields *f, uint32_t rm, bool exact)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z);
    uint32_t op = VOP_RINT | rm << VOP_RINT_RM_SHIFT | (exact ? VOP_RINT_EXACT : 0);
    VfpCall slow = vfp_arith_call((int)op, dbl, F(d), 0, F(m), false, false);
    static const int fround_mode[] = {
        [VFP_RM_NEAREST] = IR_FROUND_NEAREST, [VFP_RM_PLUSINF] = IR_FROUND_CEIL,
        [VFP_RM_MINUSINF] = IR_FROUND_FLOOR, [VFP_RM_ZERO] = IR_FROUND_TRUNC, [VFP_RM_FPSCR] = IR_FROUND_CUR,
    };
    if (rm == VFP_RM_TIEAWAY) {
        vfp_st(dc, vfp_gen_call(dc, &slow), F(d), dbl);
        return true;
    }
    uint32_t pre = vfp_gen_pre(dc, IR_NO_TEMP, &slow);
    IRTemp r = ir_temp(c, vfp_ftype(dbl));
    ir_fround(c, r, vfp_ldf(dc, F(m), dbl), fround_mode[rm] | (exact ? 0 : IR_FROUND_QUIET));
    vfp_gen_result(dc, r, IR_NO_TEMP, F(d), dbl, &slow, pre);
    return true;
}

bool trans_VRINTR(DisasContext *dc, const DecodeFields *f) { return vfp_gen_rint(dc, f, VFP_RM_FPSCR, false); }
bool trans_VRINTZ(DisasContext *dc, const DecodeFields *f) { return vfp_gen_rint(dc, f, VFP_RM_ZERO, false); }
bool trans_VRINTX(DisasContext *dc, const DecodeFields *f) { return vfp_gen_rint(dc, f, VFP_RM_FPSCR, true); }

/* The ARMv8 rounding-mode field: A(ties away), N, P, M. */
static const uint32_t vfp_rm_field[4] = { VFP_RM_TIEAWAY, VFP_RM_NEAREST, VFP_RM_PLUSINF, VFP_RM_MINUSINF };

bool trans_VRINT_rm(DisasContext *dc, const DecodeFields *f) { return vfp_gen_rint(dc, f, vfp_rm_field[F(r)], false); }

/* VCVTA/N/P/M.S32/U32 Sd, Sm/Dm: o = signed. */
bool trans_VCVT_rm(DisasContext *dc, const DecodeFields *f)
{
    bool dbl = F(z);
    uint32_t mode = vfp_rm_field[F(r)] | (F(o) ? 0 : VFP_CV_UNSIGNED);
    VfpCall call = { dbl ? &helper_info_vfp_toi_d : &helper_info_vfp_toi_s, { A_R(F(m), dbl), A_K(mode) } };
    vfp_st(dc, vfp_gen_call(dc, &call), F(d), false);
    return true;
}

/* ---- VSEL ---- */

/* VSEL<c> Dd, Dn, Dm: Dd <- c ? Dn : Dm on the APSR flags, c one of EQ,
 * VS, GE, GT. */
bool trans_VSEL(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    bool dbl = F(z);
    IRType it = vfp_itype(dbl);
    IRTemp a = vfp_ldi(dc, F(n), dbl), b = vfp_ldi(dc, F(m), dbl), r = ir_temp(c, it);
    IRTemp t = arm_tmp(dc), cond = arm_tmp(dc);
    /* cond: nonzero when the condition holds. */
    switch (F(c)) {
    case 0: ir_setcond(c, cond, arm_ZF, arm_c32(dc, 0), IR_EQ); break;
    case 1: ir_shri(c, cond, arm_VF, 31); break;
    case 2:
        ir_xor(c, t, arm_NF, arm_VF);
        ir_setcond(c, cond, t, arm_c32(dc, 0), IR_GE);
        break;
    default:
        ir_xor(c, t, arm_NF, arm_VF);
        ir_sari(c, t, t, 31);
        ir_andc(c, cond, arm_ZF, t);
        break;
    }
    if (dbl) {
        IRTemp c64 = arm_tmp64(dc);
        ir_zext(c, c64, cond);
        cond = c64;
    }
    ir_movcond(c, r, cond, ir_const(c, it, 0), a, b, IR_NE);
    vfp_st(dc, r, F(d), dbl);
    return true;
}

/* ---- encodings ----
 *
 * Written once as the low 28 bits, as in vfp-mov.c: the conditional forms
 * get cccc (A32) or 1110 (T32) in front, the ARMv8 unconditional ones 1111
 * in both.
 */
#define VFP_DP_PATTERNS(X)                                                                               \
    X(VMLA, "1110 0D00 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                             \
    X(VMLS, "1110 0D00 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                             \
    X(VNMLS, "1110 0D01 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                            \
    X(VNMLA, "1110 0D01 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                            \
    X(VMUL, "1110 0D10 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                             \
    X(VNMUL, "1110 0D10 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                            \
    X(VADD, "1110 0D11 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                             \
    X(VSUB, "1110 0D11 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                             \
    X(VDIV, "1110 1D00 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                             \
    X(VFNMS, "1110 1D01 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                            \
    X(VFNMA, "1110 1D01 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                            \
    X(VFMA, "1110 1D10 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                             \
    X(VFMS, "1110 1D10 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                             \
    X(VABS, "1110 1D11 0000 dddd 101z 11M0 mmmm", prep_zdm)                                              \
    X(VNEG, "1110 1D11 0001 dddd 101z 01M0 mmmm", prep_zdm)                                              \
    X(VSQRT, "1110 1D11 0001 dddd 101z 11M0 mmmm", prep_zdm)                                             \
    X(VCVT_from16, "1110 1D11 0010 dddd 101z H1M0 mmmm", prep_zd_sm)                                     \
    X(VCVT_to16, "1110 1D11 0011 dddd 101z H1M0 mmmm", prep_sd_zm)                                       \
    X(VCMP, "1110 1D11 0100 dddd 101z o1M0 mmmm", prep_zdm)                                              \
    X(VCMP0, "1110 1D11 0101 dddd 101z o1M0 mmmm", prep_zdm)                                             \
    X(VRINTR, "1110 1D11 0110 dddd 101z 01M0 mmmm", prep_zdm)                                            \
    X(VRINTZ, "1110 1D11 0110 dddd 101z 11M0 mmmm", prep_zdm)                                            \
    X(VRINTX, "1110 1D11 0111 dddd 101z 01M0 mmmm", prep_zdm)                                            \
    X(VCVT_fw, "1110 1D11 0111 dddd 101z 11M0 mmmm", prep_cvt)                                           \
    X(VCVT_fromi, "1110 1D11 1000 dddd 101z g1M0 mmmm", prep_zd_sm)                                      \
    X(VCVT_fix, "1110 1D11 1o1u dddd 101z x1i0 kkkk", prep_zd)                                           \
    X(VCVT_toi, "1110 1D11 110g dddd 101z o1M0 mmmm", prep_sd_zm)

#define VFP_V8_PATTERNS(X)                                                                               \
    X(VSEL, "1110 0Dcc nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                             \
    X(VMAXNM, "1110 1D00 nnnn dddd 101z N0M0 mmmm", prep_zdnm)                                           \
    X(VMINNM, "1110 1D00 nnnn dddd 101z N1M0 mmmm", prep_zdnm)                                           \
    X(VRINT_rm, "1110 1D11 10rr dddd 101z 01M0 mmmm", prep_zdm)                                          \
    X(VCVT_rm, "1110 1D11 11rr dddd 101z o1M0 mmmm", prep_sd_zm)

#define VFP_A32(name, bits, prep) PATX(name, "cccc " bits " | c!=15", prep),
#define VFP_T32(name, bits, prep) PATX(name, "1110 " bits, prep),
#define VFP_V8(name, bits, prep) PATX(name, "1111 " bits, prep),

static DecodePattern a32_vfpdp[] = { VFP_DP_PATTERNS(VFP_A32) VFP_V8_PATTERNS(VFP_V8) };
ARM_PATTERN_SET(arm_a32_vfpdp_set, a32_vfpdp);
static DecodePattern t32_vfpdp[] = { VFP_DP_PATTERNS(VFP_T32) VFP_V8_PATTERNS(VFP_V8) };
ARM_PATTERN_SET(arm_t32_vfpdp_set, t32_vfpdp);
