/*
 * Media and miscellaneous data processing, A32 and T32: saturating
 * arithmetic (QADD.., SSAT, USAT, SSAT16, USAT16), the parallel add/subtract
 * family with GE flags, SEL, USAD8, PKH, the extends (with and without add),
 * byte and bit reversal, CLZ, CRC32, the bitfield instructions, and from T32
 * the register-controlled shifts and the plain binary immediates (ADDW,
 * SUBW, ADR).
 *
 * Fields (the same letters in both encodings):
 *   d Rd    n Rn    m Rm    a Ra    s Rs (shift amount register)
 *   i shift amount / bitfield lsb    y shift type (SSAT, PKH: 0 LSL, 1 ASR;
 *   register shifts: 0 LSL .. 3 ROR)    k saturation bits / bitfield
 *   msb or width-1 / ADDW immediate    r rotation in bytes (extends)
 *   S set flags    z log2 size and C Castagnoli (CRC32)
 *
 * A destination pc (UNPREDICTABLE) branches, as on qemu: see arm_write_rd.
 * GE is kept as the 4-bit APSR.GE field; SEL expands it to a byte mask and
 * UADD8/USUB8 gather it back with a multiply.
 */
#include "frontends/arm/translate.h"

#include "frontends/arm/helpers.h"

static IRTemp reg(DisasContext *dc, uint32_t r)
{
    return arm_get_reg(dc, (int)r);
}

/* ---- saturating add/subtract ---- */

/* The saturated value for an overflow of a +/- b: INT_MAX or INT_MIN by the
 * sign of a (an overflowing result has the opposite sign). */
static void gen_sat_select(DisasContext *dc, IRTemp r, IRTemp a, IRTemp ov)
{
    IRContext *c = IRC(dc);
    IRTemp sat = arm_tmp(dc), q = arm_tmp(dc);
    ir_sari(c, sat, a, 31);
    ir_xori(c, sat, sat, 0x7fffffff);
    ir_movcond(c, r, ov, arm_c32(dc, 0), sat, r, IR_LT);
    ir_shri(c, q, ov, 31);
    ir_or(c, arm_QF, arm_QF, q);
}

static void gen_qadd(DisasContext *dc, IRTemp r, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp ov = arm_tmp(dc), t = arm_tmp(dc);
    ir_add(c, r, a, b);
    ir_xor(c, ov, r, a);
    ir_xor(c, t, r, b);
    ir_and(c, ov, ov, t);
    gen_sat_select(dc, r, a, ov);
}

static void gen_qsub(DisasContext *dc, IRTemp r, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp ov = arm_tmp(dc), t = arm_tmp(dc);
    ir_sub(c, r, a, b);
    ir_xor(c, ov, a, b);
    ir_xor(c, t, a, r);
    ir_and(c, ov, ov, t);
    gen_sat_select(dc, r, a, ov);
}

/* QADD Rd, Rm, Rn and friends: the first operand is Rm. */
static bool do_qaddsub(DisasContext *dc, const DecodeFields *f, bool dbl, bool sub)
{
    IRTemp b = reg(dc, F(n)), r = arm_tmp(dc);
    if (dbl) {
        IRTemp t = arm_tmp(dc);
        gen_qadd(dc, t, b, b);
        b = t;
    }
    if (sub) {
        gen_qsub(dc, r, reg(dc, F(m)), b);
    } else {
        gen_qadd(dc, r, reg(dc, F(m)), b);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_QADD(DisasContext *dc, const DecodeFields *f) { return do_qaddsub(dc, f, false, false); }
bool trans_QSUB(DisasContext *dc, const DecodeFields *f) { return do_qaddsub(dc, f, false, true); }
bool trans_QDADD(DisasContext *dc, const DecodeFields *f) { return do_qaddsub(dc, f, true, false); }
bool trans_QDSUB(DisasContext *dc, const DecodeFields *f) { return do_qaddsub(dc, f, true, true); }

/* ---- SSAT / USAT ---- */

/* Rn shifted by the SSAT/USAT/PKH immediate (y: LSL or ASR). */
static IRTemp shifted_operand(DisasContext *dc, IRTemp src, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    arm_gen_shift_imm(dc, t, src, F(y) ? 2 : 0, (int)F(i), false);
    return t;
}

/* r = clamp(v, lo, hi) (signed), Q |= r != v. */
static void gen_clamp(DisasContext *dc, IRTemp r, IRTemp v, int32_t lo, int32_t hi)
{
    IRContext *c = IRC(dc);
    IRTemp q = arm_tmp(dc);
    ir_movcond(c, r, v, arm_c32(dc, (uint32_t)hi), arm_c32(dc, (uint32_t)hi), v, IR_GT);
    ir_movcond(c, r, r, arm_c32(dc, (uint32_t)lo), arm_c32(dc, (uint32_t)lo), r, IR_LT);
    ir_setcond(c, q, r, v, IR_NE);
    ir_or(c, arm_QF, arm_QF, q);
}

bool trans_SSAT(DisasContext *dc, const DecodeFields *f)
{
    int bits = (int)F(k) + 1;
    IRTemp v = shifted_operand(dc, reg(dc, F(n)), f);
    if (bits == 32) {
        arm_write_rd(dc, F(d), v);
        return true;
    }
    IRTemp r = arm_tmp(dc);
    gen_clamp(dc, r, v, -(1 << (bits - 1)), (1 << (bits - 1)) - 1);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_USAT(DisasContext *dc, const DecodeFields *f)
{
    int bits = (int)F(k);
    IRTemp v = shifted_operand(dc, reg(dc, F(n)), f), r = arm_tmp(dc);
    gen_clamp(dc, r, v, 0, (int32_t)((1u << bits) - 1));
    arm_write_rd(dc, F(d), r);
    return true;
}

static bool do_sat16(DisasContext *dc, const DecodeFields *f, const HelperInfo *h, uint32_t bits)
{
    IRContext *c = IRC(dc);
    IRTemp r64 = arm_tmp64(dc), q = arm_tmp(dc);
    ir_calln(c, h, r64, reg(dc, F(n)), arm_c32(dc, bits));
    ir_trunch(c, q, r64);
    ir_or(c, arm_QF, arm_QF, q);
    IRTemp r = arm_tmp(dc);
    ir_trunc(c, r, r64);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SSAT16(DisasContext *dc, const DecodeFields *f)
{
    return do_sat16(dc, f, &helper_info_arm_ssat16, F(k) + 1);
}

bool trans_USAT16(DisasContext *dc, const DecodeFields *f)
{
    return do_sat16(dc, f, &helper_info_arm_usat16, F(k));
}

/* ---- parallel add/subtract ---- */

/* Prefixes and operations numbered as in the A32 encoding (bits 22:20 and
 * 7:5), which is also what helper_arm_parallel takes. */
enum { PFX_S = 1, PFX_Q = 2, PFX_SH = 3, PFX_U = 5, PFX_UQ = 6, PFX_UH = 7 };
enum { OP_ADD16 = 0, OP_ASX = 1, OP_SAX = 2, OP_SUB16 = 3, OP_ADD8 = 4, OP_SUB8 = 7 };

/* GE[3:0] from the carry bits 7, 15, 23 and 31 of x: the multiply moves
 * bit 8i to bit 21 + i, and no two partial products meet. */
static void gen_ge_gather(DisasContext *dc, IRTemp x)
{
    IRContext *c = IRC(dc);
    IRTemp t = arm_tmp(dc);
    ir_shri(c, t, x, 7);
    ir_andi(c, t, t, 0x01010101);
    ir_mul(c, t, t, arm_c32(dc, 0x00204081));
    ir_extract(c, arm_GE, t, 21, 4);
}

/* UADD8 and USUB8, inline because glibc's strlen/memchr/strcmp use them.
 * Byte-wise SWAR: add the low seven bits of every byte, then fix bit 7;
 * a carry out of bit 7 is the majority of a7, b7 and the carry in. */
static void gen_uadd8(DisasContext *dc, IRTemp r, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp la = arm_tmp(dc), lb = arm_tmp(dc), axb = arm_tmp(dc), t = arm_tmp(dc), cy = arm_tmp(dc);
    ir_andi(c, la, a, 0x7f7f7f7f);
    ir_andi(c, lb, b, 0x7f7f7f7f);
    ir_add(c, la, la, lb);
    ir_xor(c, axb, a, b);
    ir_andi(c, t, axb, 0x80808080);
    ir_xor(c, la, la, t);
    /* carry out = a & b | (a ^ b) & ~sum */
    ir_and(c, cy, a, b);
    ir_andc(c, t, axb, la);
    ir_or(c, cy, cy, t);
    gen_ge_gather(dc, cy);
    ir_mov(c, r, la);
}

/* a - b = a + ~b + 1 bytewise; GE is the carry (no borrow) out of each byte. */
static void gen_usub8(DisasContext *dc, IRTemp r, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp nb = arm_tmp(dc), ha = arm_tmp(dc), lb = arm_tmp(dc), axnb = arm_tmp(dc), t = arm_tmp(dc),
           cy = arm_tmp(dc);
    ir_not(c, nb, b);
    ir_ori(c, ha, a, 0x80808080);
    ir_andi(c, lb, b, 0x7f7f7f7f);
    ir_sub(c, ha, ha, lb);
    ir_xor(c, axnb, a, nb);
    ir_andi(c, t, axnb, 0x80808080);
    ir_xor(c, ha, ha, t);
    ir_and(c, cy, a, nb);
    ir_andc(c, t, axnb, ha);
    ir_or(c, cy, cy, t);
    gen_ge_gather(dc, cy);
    ir_mov(c, r, ha);
}

static bool do_parallel(DisasContext *dc, const DecodeFields *f, int pfx, int op)
{
    IRContext *c = IRC(dc);
    IRTemp a = reg(dc, F(n)), b = reg(dc, F(m)), r = arm_tmp(dc);
    if (pfx == PFX_U && op == OP_ADD8) {
        gen_uadd8(dc, r, a, b);
    } else if (pfx == PFX_U && op == OP_SUB8) {
        gen_usub8(dc, r, a, b);
    } else {
        IRTemp r64 = arm_tmp64(dc);
        ir_calln(c, &helper_info_arm_parallel, r64, a, b, arm_c32(dc, (uint32_t)(pfx << 3 | op)));
        if (pfx == PFX_S || pfx == PFX_U) {
            ir_trunch(c, arm_GE, r64);
        }
        ir_trunc(c, r, r64);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

#define DO_PAR(PFX, OP) \
    bool trans_##PFX##OP(DisasContext *dc, const DecodeFields *f) { return do_parallel(dc, f, PFX_##PFX, OP_##OP); }
#define DO_PAR_ALL(PFX) \
    DO_PAR(PFX, ADD16) DO_PAR(PFX, ASX) DO_PAR(PFX, SAX) DO_PAR(PFX, SUB16) DO_PAR(PFX, ADD8) DO_PAR(PFX, SUB8)

DO_PAR_ALL(S)
DO_PAR_ALL(Q)
DO_PAR_ALL(SH)
DO_PAR_ALL(U)
DO_PAR_ALL(UQ)
DO_PAR_ALL(UH)

/* SEL: bytes of Rn where GE is set, of Rm elsewhere.  The multiply spreads
 * GE bit i to bit 8i (no partial products collide), then * 0xff widens each
 * bit to its byte. */
bool trans_SEL(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    IRTemp mask = arm_tmp(dc), t = arm_tmp(dc), u = arm_tmp(dc), r = arm_dest(dc, F(d));
    ir_mul(c, mask, arm_GE, arm_c32(dc, 0x00204081));
    ir_andi(c, mask, mask, 0x01010101);
    ir_mul(c, mask, mask, arm_c32(dc, 0xff));
    ir_and(c, t, reg(dc, F(n)), mask);
    ir_andc(c, u, reg(dc, F(m)), mask);
    ir_or(c, r, t, u);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_USAD8(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_dest(dc, F(d));
    ir_calln(IRC(dc), &helper_info_arm_usad8, r, reg(dc, F(n)), reg(dc, F(m)));
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_USADA8(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    ir_calln(IRC(dc), &helper_info_arm_usad8, t, reg(dc, F(n)), reg(dc, F(m)));
    ir_add(IRC(dc), t, t, reg(dc, F(a)));
    arm_write_rd(dc, F(d), t);
    return true;
}

/* ---- PKHBT / PKHTB ---- */

bool trans_PKH(DisasContext *dc, const DecodeFields *f)
{
    IRTemp v = shifted_operand(dc, reg(dc, F(m)), f), r = arm_dest(dc, F(d));
    if (F(y)) {
        /* PKHTB: top from Rn, bottom from the shifted Rm. */
        ir_deposit(IRC(dc), r, reg(dc, F(n)), v, 0, 16);
    } else {
        ir_deposit(IRC(dc), r, v, reg(dc, F(n)), 0, 16);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ---- extends ---- */

enum { EXT_B, EXT_H, EXT_B16 };

/* dst = extend(ror(src, 8 * rot)).  Byte fields and halfwords with rot < 3
 * are contiguous bits, so one (s)extract does the rotate too. */
static void gen_extend(DisasContext *dc, IRTemp dst, IRTemp src, int rot, int kind, bool is_signed)
{
    IRContext *c = IRC(dc);
    IRTemp x = src;
    int pos = 8 * rot;

    if (kind == EXT_B || (kind == EXT_H && rot < 3)) {
        int len = kind == EXT_B ? 8 : 16;
        if (is_signed) {
            ir_sextract(c, dst, src, pos, len);
        } else {
            ir_extract(c, dst, src, pos, len);
        }
        return;
    }
    if (rot) {
        x = arm_tmp(dc);
        ir_rotri(c, x, src, (unsigned)pos);
    }
    if (kind == EXT_H) {
        if (is_signed) {
            ir_ext16s(c, dst, x);
        } else {
            ir_ext16u(c, dst, x);
        }
    } else if (!is_signed) {
        ir_andi(c, dst, x, 0x00ff00ff);
    } else {
        IRTemp hi = arm_tmp(dc), lo = arm_tmp(dc);
        ir_sextract(c, hi, x, 16, 8);
        ir_shli(c, hi, hi, 16);
        ir_ext8s(c, lo, x);
        ir_deposit(c, dst, hi, lo, 0, 16);
    }
}

static bool do_extend(DisasContext *dc, const DecodeFields *f, int kind, bool is_signed)
{
    IRTemp r = arm_dest(dc, F(d));
    gen_extend(dc, r, reg(dc, F(m)), (int)F(r), kind, is_signed);
    arm_write_rd(dc, F(d), r);
    return true;
}

static bool do_extend_add(DisasContext *dc, const DecodeFields *f, int kind, bool is_signed)
{
    IRContext *c = IRC(dc);
    IRTemp e = arm_tmp(dc), n = reg(dc, F(n)), r = arm_dest(dc, F(d));
    gen_extend(dc, e, reg(dc, F(m)), (int)F(r), kind, is_signed);
    if (kind != EXT_B16) {
        ir_add(c, r, n, e);
        arm_write_rd(dc, F(d), r);
        return true;
    }
    /* Two independent 16-bit lanes: the low sum is right in its low half,
     * the high sum must not see the low lane's carry. */
    IRTemp lo = arm_tmp(dc), hn = arm_tmp(dc), he = arm_tmp(dc);
    ir_add(c, lo, n, e);
    ir_andi(c, hn, n, 0xffff0000);
    ir_andi(c, he, e, 0xffff0000);
    ir_add(c, hn, hn, he);
    ir_deposit(c, r, hn, lo, 0, 16);
    arm_write_rd(dc, F(d), r);
    return true;
}

/* Exported: T16 SXTB/SXTH/UXTB/UXTH reuse these (fields d, m, r; T16 has
 * no rotation and must supply r = 0 through a prep hook). */
bool trans_SXTB(DisasContext *dc, const DecodeFields *f) { return do_extend(dc, f, EXT_B, true); }
bool trans_SXTH(DisasContext *dc, const DecodeFields *f) { return do_extend(dc, f, EXT_H, true); }
bool trans_SXTB16(DisasContext *dc, const DecodeFields *f) { return do_extend(dc, f, EXT_B16, true); }
bool trans_UXTB(DisasContext *dc, const DecodeFields *f) { return do_extend(dc, f, EXT_B, false); }
bool trans_UXTH(DisasContext *dc, const DecodeFields *f) { return do_extend(dc, f, EXT_H, false); }
bool trans_UXTB16(DisasContext *dc, const DecodeFields *f) { return do_extend(dc, f, EXT_B16, false); }
bool trans_SXTAB(DisasContext *dc, const DecodeFields *f) { return do_extend_add(dc, f, EXT_B, true); }
bool trans_SXTAH(DisasContext *dc, const DecodeFields *f) { return do_extend_add(dc, f, EXT_H, true); }
bool trans_SXTAB16(DisasContext *dc, const DecodeFields *f) { return do_extend_add(dc, f, EXT_B16, true); }
bool trans_UXTAB(DisasContext *dc, const DecodeFields *f) { return do_extend_add(dc, f, EXT_B, false); }
bool trans_UXTAH(DisasContext *dc, const DecodeFields *f) { return do_extend_add(dc, f, EXT_H, false); }
bool trans_UXTAB16(DisasContext *dc, const DecodeFields *f) { return do_extend_add(dc, f, EXT_B16, false); }

/* ---- reversal and counting (exported for T16: fields d, m) ---- */

bool trans_REV(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_dest(dc, F(d));
    ir_bswap(IRC(dc), r, reg(dc, F(m)));
    arm_write_rd(dc, F(d), r);
    return true;
}

/* Bytes swapped within each halfword: a full swap, then the halves back. */
bool trans_REV16(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    ir_bswap(IRC(dc), t, reg(dc, F(m)));
    ir_rotri(IRC(dc), t, t, 16);
    arm_write_rd(dc, F(d), t);
    return true;
}

bool trans_REVSH(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    ir_bswap16(IRC(dc), t, reg(dc, F(m)));
    ir_ext16s(IRC(dc), t, t);
    arm_write_rd(dc, F(d), t);
    return true;
}

/* RBIT: swap bits, pairs and nibbles, then bytes.  Inline: rbit+clz is
 * how compilers count trailing zeros on ARMv7. */
bool trans_RBIT(DisasContext *dc, const DecodeFields *f)
{
    static const struct { uint32_t mask; unsigned shift; } steps[] = {
        { 0x55555555, 1 }, { 0x33333333, 2 }, { 0x0f0f0f0f, 4 },
    };
    IRContext *c = IRC(dc);
    IRTemp x = reg(dc, F(m));
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        IRTemp hi = arm_tmp(dc), lo = arm_tmp(dc), nx = arm_tmp(dc);
        ir_shri(c, hi, x, steps[i].shift);
        ir_andi(c, hi, hi, steps[i].mask);
        ir_andi(c, lo, x, steps[i].mask);
        ir_shli(c, lo, lo, steps[i].shift);
        ir_or(c, nx, hi, lo);
        x = nx;
    }
    IRTemp r = arm_dest(dc, F(d));
    ir_bswap(c, r, x);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_CLZ(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_dest(dc, F(d));
    ir_clz(IRC(dc), r, reg(dc, F(m)));
    arm_write_rd(dc, F(d), r);
    return true;
}

/* CRC32 / CRC32C (ARMv8): z is log2 of the operand size, C selects CRC32C. */
bool trans_CRC32(DisasContext *dc, const DecodeFields *f)
{
    if (F(z) == 3) {
        return UNPREDICTABLE;
    }
    IRTemp r = arm_dest(dc, F(d));
    ir_calln(IRC(dc), F(C) ? &helper_info_arm_crc32c : &helper_info_arm_crc32, r, reg(dc, F(n)), reg(dc, F(m)),
             arm_c32(dc, 1u << F(z)));
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ---- bitfields: i = lsb, k = width - 1 (extracts) or msb (BFI/BFC) ---- */

static bool do_bfx(DisasContext *dc, const DecodeFields *f, bool is_signed)
{
    uint32_t lsb = F(i), width = F(k) + 1;
    if (lsb + width > 32) {
        return UNPREDICTABLE;
    }
    IRTemp r = arm_dest(dc, F(d));
    if (is_signed) {
        ir_sextract(IRC(dc), r, reg(dc, F(n)), lsb, width);
    } else {
        ir_extract(IRC(dc), r, reg(dc, F(n)), lsb, width);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SBFX(DisasContext *dc, const DecodeFields *f) { return do_bfx(dc, f, true); }
bool trans_UBFX(DisasContext *dc, const DecodeFields *f) { return do_bfx(dc, f, false); }

bool trans_BFC(DisasContext *dc, const DecodeFields *f)
{
    uint32_t lsb = F(i), msb = F(k);
    if (msb < lsb) {
        return UNPREDICTABLE;
    }
    uint32_t width = msb - lsb + 1;
    uint32_t mask = (width == 32 ? ~0u : ((1u << width) - 1)) << lsb;
    IRTemp r = arm_dest(dc, F(d));
    ir_andi(IRC(dc), r, reg(dc, F(d)), ~mask);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_BFI(DisasContext *dc, const DecodeFields *f)
{
    uint32_t lsb = F(i), msb = F(k);
    if (msb < lsb) {
        return UNPREDICTABLE;
    }
    IRTemp r = arm_dest(dc, F(d));
    ir_deposit(IRC(dc), r, reg(dc, F(d)), reg(dc, F(n)), lsb, msb - lsb + 1);
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ---- T32 only ---- */

/* LSL/LSR/ASR/ROR Rd, Rm, Rs (T32 "MOV register-shifted register").
 * Exported for T16's two-register shifts (fields d, m, s, y, S). */
bool trans_SHIFT_reg(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_tmp(dc);
    arm_gen_shift_reg(dc, r, reg(dc, F(m)), (int)F(y), reg(dc, F(s)), F(S));
    if (F(S)) {
        arm_gen_nz(dc, r);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ADDW / SUBW: 12-bit plain immediate, no flags. */
bool trans_ADDW(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_dest(dc, F(d));
    ir_addi(IRC(dc), r, reg(dc, F(n)), F(k));
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SUBW(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_dest(dc, F(d));
    ir_addi(IRC(dc), r, reg(dc, F(n)), -F(k));
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ADR: Align(PC, 4) +/- imm (fields d, k; T16's ADR can reuse the add form
 * with k = imm8 * 4). */
bool trans_ADR(DisasContext *dc, const DecodeFields *f)
{
    arm_write_rd(dc, F(d), arm_c32(dc, arm_pc_aligned(dc) + F(k)));
    return true;
}

bool trans_ADR_sub(DisasContext *dc, const DecodeFields *f)
{
    arm_write_rd(dc, F(d), arm_c32(dc, arm_pc_aligned(dc) - F(k)));
    return true;
}

/* ---- A32 encodings ---- */

#define A32_PAR(PFX, P)                                                      \
    PAT(PFX##ADD16, "cccc 0110 0" P " nnnn dddd 1111 0001 mmmm | c!=15"),   \
    PAT(PFX##ASX, "cccc 0110 0" P " nnnn dddd 1111 0011 mmmm | c!=15"),     \
    PAT(PFX##SAX, "cccc 0110 0" P " nnnn dddd 1111 0101 mmmm | c!=15"),     \
    PAT(PFX##SUB16, "cccc 0110 0" P " nnnn dddd 1111 0111 mmmm | c!=15"),   \
    PAT(PFX##ADD8, "cccc 0110 0" P " nnnn dddd 1111 1001 mmmm | c!=15"),    \
    PAT(PFX##SUB8, "cccc 0110 0" P " nnnn dddd 1111 1111 mmmm | c!=15")

static DecodePattern a32_media[] = {
    /* Miscellaneous space (bits 27:23 = 00010, bit 20 = 0). */
    PAT(QADD, "cccc 0001 0000 nnnn dddd 0000 0101 mmmm | c!=15"),
    PAT(QSUB, "cccc 0001 0010 nnnn dddd 0000 0101 mmmm | c!=15"),
    PAT(QDADD, "cccc 0001 0100 nnnn dddd 0000 0101 mmmm | c!=15"),
    PAT(QDSUB, "cccc 0001 0110 nnnn dddd 0000 0101 mmmm | c!=15"),
    PAT(CLZ, "cccc 0001 0110 1111 dddd 1111 0001 mmmm | c!=15"),
    PAT(CRC32, "cccc 0001 0zz0 nnnn dddd 00C0 0100 mmmm | c!=15"),

    /* Parallel add/subtract. */
    A32_PAR(S, "001"), A32_PAR(Q, "010"), A32_PAR(SH, "011"),
    A32_PAR(U, "101"), A32_PAR(UQ, "110"), A32_PAR(UH, "111"),

    /* Packing, unpacking, saturation and reversal. */
    PAT(PKH, "cccc 0110 1000 nnnn dddd iiii iy01 mmmm | c!=15"),
    PAT(SXTB16, "cccc 0110 1000 1111 dddd rr00 0111 mmmm | c!=15"),
    PAT(SXTAB16, "cccc 0110 1000 nnnn dddd rr00 0111 mmmm | c!=15"),
    PAT(SEL, "cccc 0110 1000 nnnn dddd 1111 1011 mmmm | c!=15"),
    PAT(SSAT16, "cccc 0110 1010 kkkk dddd 1111 0011 nnnn | c!=15"),
    PAT(SSAT, "cccc 0110 101k kkkk dddd iiii iy01 nnnn | c!=15"),
    PAT(SXTB, "cccc 0110 1010 1111 dddd rr00 0111 mmmm | c!=15"),
    PAT(SXTAB, "cccc 0110 1010 nnnn dddd rr00 0111 mmmm | c!=15"),
    PAT(REV, "cccc 0110 1011 1111 dddd 1111 0011 mmmm | c!=15"),
    PAT(SXTH, "cccc 0110 1011 1111 dddd rr00 0111 mmmm | c!=15"),
    PAT(SXTAH, "cccc 0110 1011 nnnn dddd rr00 0111 mmmm | c!=15"),
    PAT(REV16, "cccc 0110 1011 1111 dddd 1111 1011 mmmm | c!=15"),
    PAT(UXTB16, "cccc 0110 1100 1111 dddd rr00 0111 mmmm | c!=15"),
    PAT(UXTAB16, "cccc 0110 1100 nnnn dddd rr00 0111 mmmm | c!=15"),
    PAT(USAT16, "cccc 0110 1110 kkkk dddd 1111 0011 nnnn | c!=15"),
    PAT(USAT, "cccc 0110 111k kkkk dddd iiii iy01 nnnn | c!=15"),
    PAT(UXTB, "cccc 0110 1110 1111 dddd rr00 0111 mmmm | c!=15"),
    PAT(UXTAB, "cccc 0110 1110 nnnn dddd rr00 0111 mmmm | c!=15"),
    PAT(RBIT, "cccc 0110 1111 1111 dddd 1111 0011 mmmm | c!=15"),
    PAT(UXTH, "cccc 0110 1111 1111 dddd rr00 0111 mmmm | c!=15"),
    PAT(UXTAH, "cccc 0110 1111 nnnn dddd rr00 0111 mmmm | c!=15"),
    PAT(REVSH, "cccc 0110 1111 1111 dddd 1111 1011 mmmm | c!=15"),

    /* USAD8, bitfields. */
    PAT(USAD8, "cccc 0111 1000 dddd 1111 mmmm 0001 nnnn | c!=15"),
    PAT(USADA8, "cccc 0111 1000 dddd aaaa mmmm 0001 nnnn | c!=15"),
    PAT(SBFX, "cccc 0111 101k kkkk dddd iiii i101 nnnn | c!=15"),
    PAT(BFC, "cccc 0111 110k kkkk dddd iiii i001 1111 | c!=15"),
    PAT(BFI, "cccc 0111 110k kkkk dddd iiii i001 nnnn | c!=15"),
    PAT(UBFX, "cccc 0111 111k kkkk dddd iiii i101 nnnn | c!=15"),
};
ARM_PATTERN_SET(arm_a32_media_set, a32_media);

/* ---- T32 encodings ---- */

/* T32 numbers the parallel operations differently: bits 22:20 are
 * 001 ADD16, 010 ASX, 110 SAX, 101 SUB16, 000 ADD8, 100 SUB8, and
 * bits 6:4 are U:H:Q. */
#define T32_PAR(PFX, UHQ)                                                    \
    PAT(PFX##ADD16, "1111 1010 1001 nnnn 1111 dddd 0" UHQ " mmmm"),         \
    PAT(PFX##ASX, "1111 1010 1010 nnnn 1111 dddd 0" UHQ " mmmm"),           \
    PAT(PFX##SAX, "1111 1010 1110 nnnn 1111 dddd 0" UHQ " mmmm"),           \
    PAT(PFX##SUB16, "1111 1010 1101 nnnn 1111 dddd 0" UHQ " mmmm"),         \
    PAT(PFX##ADD8, "1111 1010 1000 nnnn 1111 dddd 0" UHQ " mmmm"),          \
    PAT(PFX##SUB8, "1111 1010 1100 nnnn 1111 dddd 0" UHQ " mmmm")

static DecodePattern t32_media[] = {
    /* Data processing (register): bits 31:24 = 1111 1010, 15:12 = 1111. */
    PAT(SHIFT_reg, "1111 1010 0yyS mmmm 1111 dddd 0000 ssss"),
    PAT(SXTH, "1111 1010 0000 1111 1111 dddd 10rr mmmm"),
    PAT(SXTAH, "1111 1010 0000 nnnn 1111 dddd 10rr mmmm"),
    PAT(UXTH, "1111 1010 0001 1111 1111 dddd 10rr mmmm"),
    PAT(UXTAH, "1111 1010 0001 nnnn 1111 dddd 10rr mmmm"),
    PAT(SXTB16, "1111 1010 0010 1111 1111 dddd 10rr mmmm"),
    PAT(SXTAB16, "1111 1010 0010 nnnn 1111 dddd 10rr mmmm"),
    PAT(UXTB16, "1111 1010 0011 1111 1111 dddd 10rr mmmm"),
    PAT(UXTAB16, "1111 1010 0011 nnnn 1111 dddd 10rr mmmm"),
    PAT(SXTB, "1111 1010 0100 1111 1111 dddd 10rr mmmm"),
    PAT(SXTAB, "1111 1010 0100 nnnn 1111 dddd 10rr mmmm"),
    PAT(UXTB, "1111 1010 0101 1111 1111 dddd 10rr mmmm"),
    PAT(UXTAB, "1111 1010 0101 nnnn 1111 dddd 10rr mmmm"),
    T32_PAR(S, "000"), T32_PAR(Q, "001"), T32_PAR(SH, "010"),
    T32_PAR(U, "100"), T32_PAR(UQ, "101"), T32_PAR(UH, "110"),
    /* Miscellaneous operations; Rm is repeated in bits 19:16. */
    PAT(QADD, "1111 1010 1000 nnnn 1111 dddd 1000 mmmm"),
    PAT(QDADD, "1111 1010 1000 nnnn 1111 dddd 1001 mmmm"),
    PAT(QSUB, "1111 1010 1000 nnnn 1111 dddd 1010 mmmm"),
    PAT(QDSUB, "1111 1010 1000 nnnn 1111 dddd 1011 mmmm"),
    PAT(REV, "1111 1010 1001 ---- 1111 dddd 1000 mmmm"),
    PAT(REV16, "1111 1010 1001 ---- 1111 dddd 1001 mmmm"),
    PAT(RBIT, "1111 1010 1001 ---- 1111 dddd 1010 mmmm"),
    PAT(REVSH, "1111 1010 1001 ---- 1111 dddd 1011 mmmm"),
    PAT(SEL, "1111 1010 1010 nnnn 1111 dddd 1000 mmmm"),
    PAT(CLZ, "1111 1010 1011 ---- 1111 dddd 1000 mmmm"),
    PAT(CRC32, "1111 1010 110C nnnn 1111 dddd 10zz mmmm"),

    /* USAD8 lives with the multiplies in T32. */
    PAT(USAD8, "1111 1011 0111 nnnn 1111 dddd 0000 mmmm"),
    PAT(USADA8, "1111 1011 0111 nnnn aaaa dddd 0000 mmmm"),

    /* Packing: data processing (shifted register) opcode 0110, S = 0. */
    PAT(PKH, "1110 1010 1100 nnnn 0iii dddd iiy0 mmmm"),

    /* Plain binary immediate (MOVW/MOVT live in a32-dp.c).  SSAT16/USAT16
     * take a 5-bit width here, bit 4 being (0) in the manual, as qemu does. */
    PAT(ADR, "1111 0k10 0000 1111 0kkk dddd kkkk kkkk"),
    PAT(ADDW, "1111 0k10 0000 nnnn 0kkk dddd kkkk kkkk"),
    PAT(ADR_sub, "1111 0k10 1010 1111 0kkk dddd kkkk kkkk"),
    PAT(SUBW, "1111 0k10 1010 nnnn 0kkk dddd kkkk kkkk"),
    PAT(SSAT16, "1111 0011 0010 nnnn 0000 dddd 000k kkkk"),
    PAT(SSAT, "1111 0011 00y0 nnnn 0iii dddd ii0k kkkk"),
    PAT(SBFX, "1111 0011 0100 nnnn 0iii dddd ii0k kkkk"),
    PAT(BFC, "1111 0011 0110 1111 0iii dddd ii0k kkkk"),
    PAT(BFI, "1111 0011 0110 nnnn 0iii dddd ii0k kkkk"),
    PAT(USAT16, "1111 0011 1010 nnnn 0000 dddd 000k kkkk"),
    PAT(USAT, "1111 0011 10y0 nnnn 0iii dddd ii0k kkkk"),
    PAT(UBFX, "1111 0011 1100 nnnn 0iii dddd ii0k kkkk"),
};
ARM_PATTERN_SET(arm_t32_media_set, t32_media);
