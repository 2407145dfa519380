/*
 * Multiplies and divides, A32 and T32: MUL/MLA/MLS, the 64-bit long
 * multiplies, UMAAL, the signed halfword (SMULxy, SMLAxy, SMULWy, SMLAWy,
 * SMLALxy) and dual (SMUAD, SMLSD, SMLALD, ...) forms, the most-significant
 * word forms (SMMUL, SMMLA, SMMLS) and SDIV/UDIV.
 *
 * Fields (the same letters in both encodings):
 *   d Rd (RdHi of the long forms)   a Ra (RdLo of the long forms)
 *   n Rn    m Rm    S set flags (A32 only; T32 patterns zero it in prep)
 *   N take Rn's top half    M take Rm's top half
 *   X exchange Rm's halves (dual forms)    r round (most-significant word)
 *
 * The manual makes the pc UNPREDICTABLE as any operand of these; like
 * qemu-arm, the oracle, a read gives the architectural pc value and a write
 * branches (arm_write_rd).  Long multiplies with RdHi == RdLo write RdLo
 * first, so RdHi wins, again as qemu does.
 */
#include "frontends/arm/translate.h"

/* From media.c. */

/* Patterns without an S bit (T32) use this to read as S = 0. */
static void prep_no_s(DecodeFields *f)
{
    f->v[decode_letter_index('S')] = 0;
}

static IRTemp reg(DisasContext *dc, uint32_t r)
{
    return arm_get_reg(dc, (int)r);
}

/* NZ of a 64-bit result held as two words: N is hi's sign, Z needs both. */
static void gen_nz64(DisasContext *dc, IRTemp lo, IRTemp hi)
{
    ir_mov(IRC(dc), arm_NF, hi);
    ir_or(IRC(dc), arm_ZF, lo, hi);
}

/* Q |= signed overflow of r = a + b. */
static void gen_q_add_overflow(DisasContext *dc, IRTemp r, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp t = arm_tmp(dc), u = arm_tmp(dc);
    ir_xor(c, t, r, a);
    ir_xor(c, u, r, b);
    ir_and(c, t, t, u);
    ir_shri(c, t, t, 31);
    ir_or(c, arm_QF, arm_QF, t);
}

/* Q |= (v64 does not fit in 32 signed bits); the low word goes to r. */
static void gen_q_narrow(DisasContext *dc, IRTemp r, IRTemp v64)
{
    IRContext *c = IRC(dc);
    IRTemp back = arm_tmp64(dc), q64 = arm_tmp64(dc), q = arm_tmp(dc);
    ir_trunc(c, r, v64);
    ir_sext(c, back, r);
    ir_setcond(c, q64, back, v64, IR_NE);
    ir_trunc(c, q, q64);
    ir_or(c, arm_QF, arm_QF, q);
}

/* ---- 32-bit results ---- */

bool trans_MUL(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_tmp(dc);
    ir_mul(IRC(dc), r, reg(dc, F(n)), reg(dc, F(m)));
    if (F(S)) {
        /* MULS leaves C and V alone (C is no longer UNKNOWN from ARMv6). */
        arm_gen_nz(dc, r);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_MLA(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_tmp(dc);
    ir_mul(IRC(dc), r, reg(dc, F(n)), reg(dc, F(m)));
    ir_add(IRC(dc), r, r, reg(dc, F(a)));
    if (F(S)) {
        arm_gen_nz(dc, r);
    }
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_MLS(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_tmp(dc);
    ir_mul(IRC(dc), r, reg(dc, F(n)), reg(dc, F(m)));
    ir_sub(IRC(dc), r, reg(dc, F(a)), r);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SDIV(DisasContext *dc, const DecodeFields *f)
{
    /* The IR's division already follows ARM: x/0 = 0, INT_MIN/-1 = INT_MIN. */
    IRTemp r = arm_dest(dc, F(d));
    ir_div(IRC(dc), r, reg(dc, F(n)), reg(dc, F(m)));
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_UDIV(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_dest(dc, F(d));
    ir_divu(IRC(dc), r, reg(dc, F(n)), reg(dc, F(m)));
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ---- 64-bit results ---- */

/* RdLo, RdHi <- lo, hi, setting NZ first when asked.  Only the UMULL
 * family has an S bit, so the others pass setflags = false and their
 * patterns need no S field. */
static void write_long(DisasContext *dc, const DecodeFields *f, IRTemp lo, IRTemp hi, bool setflags)
{
    if (setflags) {
        gen_nz64(dc, lo, hi);
    }
    arm_write_rd(dc, F(a), lo);
    arm_write_rd(dc, F(d), hi);
}

static void write_long64(DisasContext *dc, const DecodeFields *f, IRTemp v64, bool setflags)
{
    IRTemp lo = arm_tmp(dc), hi = arm_tmp(dc);
    ir_trunc(IRC(dc), lo, v64);
    ir_trunch(IRC(dc), hi, v64);
    write_long(dc, f, lo, hi, setflags);
}

/* The accumulator RdHi:RdLo as one i64. */
static IRTemp acc64(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp64(dc);
    ir_concat(IRC(dc), t, reg(dc, F(a)), reg(dc, F(d)));
    return t;
}

/* Rn * Rm as i64, signed or unsigned. */
static IRTemp mul64(DisasContext *dc, IRTemp x, IRTemp y, bool is_signed)
{
    IRContext *c = IRC(dc);
    IRTemp a = arm_tmp64(dc), b = arm_tmp64(dc);
    if (is_signed) {
        ir_sext(c, a, x);
        ir_sext(c, b, y);
    } else {
        ir_zext(c, a, x);
        ir_zext(c, b, y);
    }
    ir_mul(c, a, a, b);
    return a;
}

static bool do_mull(DisasContext *dc, const DecodeFields *f, bool is_signed)
{
    IRTemp lo = arm_tmp(dc), hi = arm_tmp(dc);
    if (is_signed) {
        ir_muls2(IRC(dc), lo, hi, reg(dc, F(n)), reg(dc, F(m)));
    } else {
        ir_mulu2(IRC(dc), lo, hi, reg(dc, F(n)), reg(dc, F(m)));
    }
    write_long(dc, f, lo, hi, F(S));
    return true;
}

static bool do_mlal(DisasContext *dc, const DecodeFields *f, bool is_signed)
{
    IRTemp p = mul64(dc, reg(dc, F(n)), reg(dc, F(m)), is_signed);
    ir_add(IRC(dc), p, p, acc64(dc, f));
    write_long64(dc, f, p, F(S));
    return true;
}

bool trans_UMULL(DisasContext *dc, const DecodeFields *f) { return do_mull(dc, f, false); }
bool trans_SMULL(DisasContext *dc, const DecodeFields *f) { return do_mull(dc, f, true); }
bool trans_UMLAL(DisasContext *dc, const DecodeFields *f) { return do_mlal(dc, f, false); }
bool trans_SMLAL(DisasContext *dc, const DecodeFields *f) { return do_mlal(dc, f, true); }

/* UMAAL: Rn * Rm + RdLo + RdHi never overflows 64 bits. */
bool trans_UMAAL(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    IRTemp p = mul64(dc, reg(dc, F(n)), reg(dc, F(m)), false);
    IRTemp t = arm_tmp64(dc);
    ir_zext(c, t, reg(dc, F(a)));
    ir_add(c, p, p, t);
    t = arm_tmp64(dc);
    ir_zext(c, t, reg(dc, F(d)));
    ir_add(c, p, p, t);
    write_long64(dc, f, p, false);
    return true;
}

/* ---- signed halfword multiplies ---- */

/* The signed half of r selected by top. */
static IRTemp half(DisasContext *dc, IRTemp r, bool top)
{
    IRTemp t = arm_tmp(dc);
    if (top) {
        ir_sari(IRC(dc), t, r, 16);
    } else {
        ir_ext16s(IRC(dc), t, r);
    }
    return t;
}

/* Rn.half * Rm.half; cannot overflow 32 bits. */
static IRTemp mul_halves(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_tmp(dc);
    ir_mul(IRC(dc), r, half(dc, reg(dc, F(n)), F(N)), half(dc, reg(dc, F(m)), F(M)));
    return r;
}

bool trans_SMULxy(DisasContext *dc, const DecodeFields *f)
{
    arm_write_rd(dc, F(d), mul_halves(dc, f));
    return true;
}

bool trans_SMLAxy(DisasContext *dc, const DecodeFields *f)
{
    IRTemp p = mul_halves(dc, f), r = arm_tmp(dc), a = reg(dc, F(a));
    ir_add(IRC(dc), r, p, a);
    gen_q_add_overflow(dc, r, p, a);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SMLALxy(DisasContext *dc, const DecodeFields *f)
{
    IRTemp p = mul_halves(dc, f), p64 = arm_tmp64(dc);
    ir_sext(IRC(dc), p64, p);
    ir_add(IRC(dc), p64, p64, acc64(dc, f));
    write_long64(dc, f, p64, false);
    return true;
}

/* (Rn * Rm.half) >> 16: bits 47:16 of the 48-bit product. */
static IRTemp mul_wide_half(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    IRTemp lo = arm_tmp(dc), hi = arm_tmp(dc), r = arm_tmp(dc);
    ir_muls2(c, lo, hi, reg(dc, F(n)), half(dc, reg(dc, F(m)), F(M)));
    ir_shri(c, lo, lo, 16);
    ir_deposit(c, r, lo, hi, 16, 16);
    return r;
}

bool trans_SMULWy(DisasContext *dc, const DecodeFields *f)
{
    arm_write_rd(dc, F(d), mul_wide_half(dc, f));
    return true;
}

bool trans_SMLAWy(DisasContext *dc, const DecodeFields *f)
{
    IRTemp p = mul_wide_half(dc, f), r = arm_tmp(dc), a = reg(dc, F(a));
    ir_add(IRC(dc), r, p, a);
    gen_q_add_overflow(dc, r, p, a);
    arm_write_rd(dc, F(d), r);
    return true;
}

/* ---- dual 16-bit multiplies ---- */

/* The two products Rn.lo * Rm'.lo and Rn.hi * Rm'.hi, Rm' = Rm with its
 * halves exchanged when X. */
static void dual_products(DisasContext *dc, const DecodeFields *f, IRTemp *p1, IRTemp *p2)
{
    IRContext *c = IRC(dc);
    IRTemp n = reg(dc, F(n)), m = reg(dc, F(m));
    *p1 = arm_tmp(dc);
    *p2 = arm_tmp(dc);
    ir_mul(c, *p1, half(dc, n, false), half(dc, m, F(X)));
    ir_mul(c, *p2, half(dc, n, true), half(dc, m, !F(X)));
}

/* SMUAD: only (-0x8000)^2 twice overflows, and then Q is set. */
bool trans_SMUAD(DisasContext *dc, const DecodeFields *f)
{
    IRTemp p1, p2, r = arm_tmp(dc);
    dual_products(dc, f, &p1, &p2);
    ir_add(IRC(dc), r, p1, p2);
    gen_q_add_overflow(dc, r, p1, p2);
    arm_write_rd(dc, F(d), r);
    return true;
}

/* SMUSD cannot overflow and never touches Q. */
bool trans_SMUSD(DisasContext *dc, const DecodeFields *f)
{
    IRTemp p1, p2;
    dual_products(dc, f, &p1, &p2);
    IRTemp r = arm_tmp(dc);
    ir_sub(IRC(dc), r, p1, p2);
    arm_write_rd(dc, F(d), r);
    return true;
}

/* SMLAD / SMLSD: Q reports overflow of the exact three-term sum, not of the
 * intermediate steps, so sum in 64 bits. */
static bool do_mlad(DisasContext *dc, const DecodeFields *f, bool sub)
{
    IRContext *c = IRC(dc);
    IRTemp p1, p2, s = arm_tmp64(dc), t = arm_tmp64(dc), r = arm_tmp(dc);
    dual_products(dc, f, &p1, &p2);
    ir_sext(c, s, p1);
    ir_sext(c, t, p2);
    if (sub) {
        ir_sub(c, s, s, t);
    } else {
        ir_add(c, s, s, t);
    }
    t = arm_tmp64(dc);
    ir_sext(c, t, reg(dc, F(a)));
    ir_add(c, s, s, t);
    gen_q_narrow(dc, r, s);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SMLAD(DisasContext *dc, const DecodeFields *f) { return do_mlad(dc, f, false); }
bool trans_SMLSD(DisasContext *dc, const DecodeFields *f) { return do_mlad(dc, f, true); }

static bool do_mlald(DisasContext *dc, const DecodeFields *f, bool sub)
{
    IRContext *c = IRC(dc);
    IRTemp p1, p2, s = arm_tmp64(dc), t = arm_tmp64(dc);
    dual_products(dc, f, &p1, &p2);
    ir_sext(c, s, p1);
    ir_sext(c, t, p2);
    if (sub) {
        ir_sub(c, s, s, t);
    } else {
        ir_add(c, s, s, t);
    }
    ir_add(c, s, s, acc64(dc, f));
    write_long64(dc, f, s, false);
    return true;
}

bool trans_SMLALD(DisasContext *dc, const DecodeFields *f) { return do_mlald(dc, f, false); }
bool trans_SMLSLD(DisasContext *dc, const DecodeFields *f) { return do_mlald(dc, f, true); }

/* ---- most-significant word ---- */

bool trans_SMMUL(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    IRTemp lo = arm_tmp(dc), hi = arm_tmp(dc);
    ir_muls2(c, lo, hi, reg(dc, F(n)), reg(dc, F(m)));
    if (F(r)) {
        /* Adding 0x80000000 carries into the top word iff lo's bit 31 is set. */
        ir_shri(c, lo, lo, 31);
        ir_add(c, hi, hi, lo);
    }
    arm_write_rd(dc, F(d), hi);
    return true;
}

/* SMMLA / SMMLS: (Ra << 32 +/- Rn * Rm [+ 0x80000000]) >> 32. */
static bool do_mmla(DisasContext *dc, const DecodeFields *f, bool sub)
{
    if (F(a) == 15) {
        /* UNPREDICTABLE for SMMLS (SMMLA's is SMMUL); qemu computes SMMUL
         * for both. */
        return trans_SMMUL(dc, f);
    }
    IRContext *c = IRC(dc);
    IRTemp p = mul64(dc, reg(dc, F(n)), reg(dc, F(m)), true);
    IRTemp acc = arm_tmp64(dc), r = arm_tmp(dc);
    ir_concat(c, acc, arm_c32(dc, 0), reg(dc, F(a)));
    if (sub) {
        ir_sub(c, acc, acc, p);
    } else {
        ir_add(c, acc, acc, p);
    }
    if (F(r)) {
        ir_add(c, acc, acc, ir_c64(c, 0x80000000u));
    }
    ir_trunch(c, r, acc);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_SMMLA(DisasContext *dc, const DecodeFields *f) { return do_mmla(dc, f, false); }
bool trans_SMMLS(DisasContext *dc, const DecodeFields *f) { return do_mmla(dc, f, true); }

/* ---- A32 encodings ---- */

static DecodePattern a32_mul[] = {
    PAT(MUL, "cccc 0000 000S dddd 0000 mmmm 1001 nnnn | c!=15"),
    PAT(MLA, "cccc 0000 001S dddd aaaa mmmm 1001 nnnn | c!=15"),
    PAT(UMAAL, "cccc 0000 0100 dddd aaaa mmmm 1001 nnnn | c!=15"),
    PAT(MLS, "cccc 0000 0110 dddd aaaa mmmm 1001 nnnn | c!=15"),
    PAT(UMULL, "cccc 0000 100S dddd aaaa mmmm 1001 nnnn | c!=15"),
    PAT(UMLAL, "cccc 0000 101S dddd aaaa mmmm 1001 nnnn | c!=15"),
    PAT(SMULL, "cccc 0000 110S dddd aaaa mmmm 1001 nnnn | c!=15"),
    PAT(SMLAL, "cccc 0000 111S dddd aaaa mmmm 1001 nnnn | c!=15"),

    PAT(SMLAxy, "cccc 0001 0000 dddd aaaa mmmm 1MN0 nnnn | c!=15"),
    PAT(SMLAWy, "cccc 0001 0010 dddd aaaa mmmm 1M00 nnnn | c!=15"),
    PAT(SMULWy, "cccc 0001 0010 dddd 0000 mmmm 1M10 nnnn | c!=15"),
    PAT(SMLALxy, "cccc 0001 0100 dddd aaaa mmmm 1MN0 nnnn | c!=15"),
    PAT(SMULxy, "cccc 0001 0110 dddd 0000 mmmm 1MN0 nnnn | c!=15"),

    PAT(SMUAD, "cccc 0111 0000 dddd 1111 mmmm 00X1 nnnn | c!=15"),
    PAT(SMLAD, "cccc 0111 0000 dddd aaaa mmmm 00X1 nnnn | c!=15"),
    PAT(SMUSD, "cccc 0111 0000 dddd 1111 mmmm 01X1 nnnn | c!=15"),
    PAT(SMLSD, "cccc 0111 0000 dddd aaaa mmmm 01X1 nnnn | c!=15"),
    PAT(SDIV, "cccc 0111 0001 dddd 1111 mmmm 0001 nnnn | c!=15"),
    PAT(UDIV, "cccc 0111 0011 dddd 1111 mmmm 0001 nnnn | c!=15"),
    PAT(SMLALD, "cccc 0111 0100 dddd aaaa mmmm 00X1 nnnn | c!=15"),
    PAT(SMLSLD, "cccc 0111 0100 dddd aaaa mmmm 01X1 nnnn | c!=15"),
    PAT(SMMUL, "cccc 0111 0101 dddd 1111 mmmm 00r1 nnnn | c!=15"),
    PAT(SMMLA, "cccc 0111 0101 dddd aaaa mmmm 00r1 nnnn | c!=15"),
    PAT(SMMLS, "cccc 0111 0101 dddd aaaa mmmm 11r1 nnnn | c!=15"),
};
ARM_PATTERN_SET(arm_a32_mul_set, a32_mul);

/* ---- T32 encodings: multiply/accumulate, long multiply and divide ---- */

static DecodePattern t32_mul[] = {
    PATX(MUL, "1111 1011 0000 nnnn 1111 dddd 0000 mmmm", prep_no_s),
    PATX(MLA, "1111 1011 0000 nnnn aaaa dddd 0000 mmmm", prep_no_s),
    PAT(MLS, "1111 1011 0000 nnnn aaaa dddd 0001 mmmm"),
    PAT(SMULxy, "1111 1011 0001 nnnn 1111 dddd 00NM mmmm"),
    PAT(SMLAxy, "1111 1011 0001 nnnn aaaa dddd 00NM mmmm"),
    PAT(SMUAD, "1111 1011 0010 nnnn 1111 dddd 000X mmmm"),
    PAT(SMLAD, "1111 1011 0010 nnnn aaaa dddd 000X mmmm"),
    PAT(SMULWy, "1111 1011 0011 nnnn 1111 dddd 000M mmmm"),
    PAT(SMLAWy, "1111 1011 0011 nnnn aaaa dddd 000M mmmm"),
    PAT(SMUSD, "1111 1011 0100 nnnn 1111 dddd 000X mmmm"),
    PAT(SMLSD, "1111 1011 0100 nnnn aaaa dddd 000X mmmm"),
    PAT(SMMUL, "1111 1011 0101 nnnn 1111 dddd 000r mmmm"),
    PAT(SMMLA, "1111 1011 0101 nnnn aaaa dddd 000r mmmm"),
    PAT(SMMLS, "1111 1011 0110 nnnn aaaa dddd 000r mmmm"),

    PATX(SMULL, "1111 1011 1000 nnnn aaaa dddd 0000 mmmm", prep_no_s),
    PAT(SDIV, "1111 1011 1001 nnnn 1111 dddd 1111 mmmm"),
    PATX(UMULL, "1111 1011 1010 nnnn aaaa dddd 0000 mmmm", prep_no_s),
    PAT(UDIV, "1111 1011 1011 nnnn 1111 dddd 1111 mmmm"),
    PATX(SMLAL, "1111 1011 1100 nnnn aaaa dddd 0000 mmmm", prep_no_s),
    PAT(SMLALxy, "1111 1011 1100 nnnn aaaa dddd 10NM mmmm"),
    PAT(SMLALD, "1111 1011 1100 nnnn aaaa dddd 110X mmmm"),
    PAT(SMLSLD, "1111 1011 1101 nnnn aaaa dddd 110X mmmm"),
    PATX(UMLAL, "1111 1011 1110 nnnn aaaa dddd 0000 mmmm", prep_no_s),
    PAT(UMAAL, "1111 1011 1110 nnnn aaaa dddd 0110 mmmm"),
};
ARM_PATTERN_SET(arm_t32_mul_set, t32_mul);
