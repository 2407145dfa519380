/*
 * Data processing: the sixteen A32 ALU operations (and T32's ORN) in their
 * immediate, register-shifted-by-immediate and register-shifted-by-register
 * forms, plus MOVW/MOVT.  The same trans functions serve A32 and T32.
 *
 * Fields: S set flags, d Rd, n Rn, m Rm, s Rs, i shift amount, y shift
 * type, k immediate (expanded), R expansion rotated, h/k MOVW halves.
 */
#include "frontends/arm/translate.h"

typedef void GenFn(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b);

static void gen_and(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_and(IRC(dc), d, a, b); }
static void gen_eor(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_xor(IRC(dc), d, a, b); }
static void gen_orr(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_or(IRC(dc), d, a, b); }
static void gen_bic(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_andc(IRC(dc), d, a, b); }
static void gen_orn(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b)
{
    IRTemp t = arm_tmp(dc);
    ir_not(IRC(dc), t, b);
    ir_or(IRC(dc), d, a, t);
}
static void gen_mov(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { (void)a; ir_mov(IRC(dc), d, b); }
static void gen_mvn(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { (void)a; ir_not(IRC(dc), d, b); }
static void gen_add(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_add(IRC(dc), d, a, b); }
static void gen_sub(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_sub(IRC(dc), d, a, b); }
static void gen_rsb(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { ir_sub(IRC(dc), d, b, a); }
static void gen_rsc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { arm_gen_sbc(dc, d, b, a); }
static void gen_rsb_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { arm_gen_sub_cc(dc, d, b, a); }
static void gen_rsc_cc(DisasContext *dc, IRTemp d, IRTemp a, IRTemp b) { arm_gen_sbc_cc(dc, d, b, a); }

/* How the result is used. */
enum { DP_RD, DP_NONE };

typedef struct DpOp {
    GenFn *gen;             /* without flags */
    GenFn *gen_cc;          /* arithmetic with flags; NULL for logical ops */
    uint8_t kind;           /* DP_RD or DP_NONE (compares) */
    bool uses_rn;
} DpOp;

static const DpOp dp_and = { gen_and, NULL, DP_RD, true };
static const DpOp dp_eor = { gen_eor, NULL, DP_RD, true };
static const DpOp dp_orr = { gen_orr, NULL, DP_RD, true };
static const DpOp dp_orn = { gen_orn, NULL, DP_RD, true };
static const DpOp dp_bic = { gen_bic, NULL, DP_RD, true };
static const DpOp dp_mov = { gen_mov, NULL, DP_RD, false };
static const DpOp dp_mvn = { gen_mvn, NULL, DP_RD, false };
static const DpOp dp_tst = { gen_and, NULL, DP_NONE, true };
static const DpOp dp_teq = { gen_eor, NULL, DP_NONE, true };
static const DpOp dp_add = { gen_add, arm_gen_add_cc, DP_RD, true };
static const DpOp dp_sub = { gen_sub, arm_gen_sub_cc, DP_RD, true };
static const DpOp dp_rsb = { gen_rsb, gen_rsb_cc, DP_RD, true };
static const DpOp dp_adc = { arm_gen_adc, arm_gen_adc_cc, DP_RD, true };
static const DpOp dp_sbc = { arm_gen_sbc, arm_gen_sbc_cc, DP_RD, true };
static const DpOp dp_rsc = { gen_rsc, gen_rsc_cc, DP_RD, true };
static const DpOp dp_cmp = { gen_sub, arm_gen_sub_cc, DP_NONE, true };
static const DpOp dp_cmn = { gen_add, arm_gen_add_cc, DP_NONE, true };

/* The compare forms always set flags; the others only with S. */
static bool dp_setflags(const DpOp *op, const DecodeFields *f)
{
    return op->kind == DP_NONE || F(S);
}

static bool dp_finish(DisasContext *dc, const DecodeFields *f, const DpOp *op, IRTemp b)
{
    bool s = dp_setflags(op, f);
    int rd = (int)F(d);
    IRTemp a = op->uses_rn ? arm_get_reg(dc, (int)F(n)) : IR_NO_TEMP;
    IRTemp res = arm_tmp(dc);

    if (s && op->kind == DP_RD && rd == 15) {
        /* SUBS pc, lr and friends return from exceptions: not in user mode. */
        return UNPREDICTABLE;
    }
    if (s && op->gen_cc) {
        op->gen_cc(dc, res, a, b);
    } else {
        op->gen(dc, res, a, b);
        if (s) {
            arm_gen_nz(dc, res);
        }
    }
    if (op->kind == DP_RD) {
        arm_set_reg(dc, rd, res);
    }
    return true;
}

/* Rd, Rn, Rm, shift by immediate. */
static bool dp_rrri(DisasContext *dc, const DecodeFields *f, const DpOp *op)
{
    IRTemp b = arm_tmp(dc);
    bool logic_c = dp_setflags(op, f) && !op->gen_cc;
    arm_gen_shift_imm(dc, b, arm_get_reg(dc, (int)F(m)), (int)F(y), (int)F(i), logic_c);
    return dp_finish(dc, f, op, b);
}

/* Rd, Rn, Rm, shift by Rs (A32 only). */
static bool dp_rrrr(DisasContext *dc, const DecodeFields *f, const DpOp *op)
{
    /* MOV and MVN have no Rn field and the compares no Rd field. */
    if ((op->kind == DP_RD && F(d) == 15) || (op->uses_rn && F(n) == 15) || F(m) == 15 || F(s) == 15) {
        return UNPREDICTABLE;
    }
    IRTemp b = arm_tmp(dc);
    bool logic_c = dp_setflags(op, f) && !op->gen_cc;
    arm_gen_shift_reg(dc, b, arm_get_reg(dc, (int)F(m)), (int)F(y), arm_get_reg(dc, (int)F(s)), logic_c);
    return dp_finish(dc, f, op, b);
}

/* Rd, Rn, modified immediate. */
static bool dp_rri(DisasContext *dc, const DecodeFields *f, const DpOp *op)
{
    uint32_t k = F(k);
    if (dp_setflags(op, f) && !op->gen_cc && F(R)) {
        ir_movi(IRC(dc), arm_CF, k >> 31);
    }
    return dp_finish(dc, f, op, arm_c32(dc, k));
}

#define DO_DP(NAME, op)                                                                                  \
    bool trans_##NAME##_rrri(DisasContext *dc, const DecodeFields *f) { return dp_rrri(dc, f, &op); } \
    bool trans_##NAME##_rrrr(DisasContext *dc, const DecodeFields *f) { return dp_rrrr(dc, f, &op); } \
    bool trans_##NAME##_rri(DisasContext *dc, const DecodeFields *f) { return dp_rri(dc, f, &op); }

DO_DP(AND, dp_and)
DO_DP(EOR, dp_eor)
DO_DP(SUB, dp_sub)
DO_DP(RSB, dp_rsb)
DO_DP(ADD, dp_add)
DO_DP(ADC, dp_adc)
DO_DP(SBC, dp_sbc)
DO_DP(RSC, dp_rsc)
DO_DP(TST, dp_tst)
DO_DP(TEQ, dp_teq)
DO_DP(CMP, dp_cmp)
DO_DP(CMN, dp_cmn)
DO_DP(ORR, dp_orr)
DO_DP(MOV, dp_mov)
DO_DP(BIC, dp_bic)
DO_DP(MVN, dp_mvn)
DO_DP(ORN, dp_orn)

bool trans_MOVW(DisasContext *dc, const DecodeFields *f)
{
    if (F(d) == 15) {   /* ARMv8-A allows sp in T32 */
        return UNPREDICTABLE;
    }
    ir_movi(IRC(dc), arm_R[F(d)], F(h) << 12 | F(k));
    return true;
}

bool trans_MOVT(DisasContext *dc, const DecodeFields *f)
{
    if (F(d) == 15) {   /* ARMv8-A allows sp in T32 */
        return UNPREDICTABLE;
    }
    IRTemp t = arm_tmp(dc);
    ir_andi(IRC(dc), t, arm_R[F(d)], 0xffff);
    ir_ori(IRC(dc), arm_R[F(d)], t, (F(h) << 12 | F(k)) << 16);
    return true;
}

/* ---- A32 encodings ---- */

#define A32_DP(NAME, OPC)                                                                  \
    PAT(NAME##_rrri, "cccc 000" OPC "S nnnn dddd iiii iyy0 mmmm | c!=15"),                 \
    PAT(NAME##_rrrr, "cccc 000" OPC "S nnnn dddd ssss 0yy1 mmmm | c!=15"),                 \
    PATX(NAME##_rri, "cccc 001" OPC "S nnnn dddd rrrr kkkk kkkk | c!=15", arm_expand_imm_a32)

/* Compares have S=1 (S=0 is the miscellaneous space, matched earlier). */
#define A32_CMP(NAME, OPC)                                                                 \
    PAT(NAME##_rrri, "cccc 000" OPC "S nnnn ---- iiii iyy0 mmmm | c!=15, S==1"),           \
    PAT(NAME##_rrrr, "cccc 000" OPC "S nnnn ---- ssss 0yy1 mmmm | c!=15, S==1"),           \
    PATX(NAME##_rri, "cccc 001" OPC "S nnnn ---- rrrr kkkk kkkk | c!=15, S==1", arm_expand_imm_a32)

#define A32_MOV(NAME, OPC)                                                                 \
    PAT(NAME##_rrri, "cccc 000" OPC "S ---- dddd iiii iyy0 mmmm | c!=15"),                 \
    PAT(NAME##_rrrr, "cccc 000" OPC "S ---- dddd ssss 0yy1 mmmm | c!=15"),                 \
    PATX(NAME##_rri, "cccc 001" OPC "S ---- dddd rrrr kkkk kkkk | c!=15", arm_expand_imm_a32)

static DecodePattern a32_dp[] = {
    PAT(MOVW, "cccc 0011 0000 hhhh dddd kkkk kkkk kkkk | c!=15"),
    PAT(MOVT, "cccc 0011 0100 hhhh dddd kkkk kkkk kkkk | c!=15"),
    A32_DP(AND, "0000"), A32_DP(EOR, "0001"), A32_DP(SUB, "0010"), A32_DP(RSB, "0011"),
    A32_DP(ADD, "0100"), A32_DP(ADC, "0101"), A32_DP(SBC, "0110"), A32_DP(RSC, "0111"),
    A32_CMP(TST, "1000"), A32_CMP(TEQ, "1001"), A32_CMP(CMP, "1010"), A32_CMP(CMN, "1011"),
    A32_DP(ORR, "1100"), A32_MOV(MOV, "1101"), A32_DP(BIC, "1110"), A32_MOV(MVN, "1111"),
};
ARM_PATTERN_SET(arm_a32_dp_set, a32_dp);

/* ---- T32 encodings: modified immediate and shifted register ---- */

#define T32_DP(NAME, OPC)                                                                  \
    PATX(NAME##_rri, "1111 0k0" OPC "S nnnn 0kkk dddd kkkk kkkk", arm_expand_imm_t32),     \
    PAT(NAME##_rrri, "1110 101" OPC "S nnnn 0iii dddd iiyy mmmm")
#define T32_CMP(NAME, OPC)                                                                 \
    PATX(NAME##_rri, "1111 0k0" OPC "1 nnnn 0kkk 1111 kkkk kkkk", arm_expand_imm_t32), \
    PAT(NAME##_rrri, "1110 101" OPC "1 nnnn 0iii 1111 iiyy mmmm")
#define T32_MOV(NAME, OPC)                                                                 \
    PATX(NAME##_rri, "1111 0k0" OPC "S 1111 0kkk dddd kkkk kkkk", arm_expand_imm_t32),     \
    PAT(NAME##_rrri, "1110 101" OPC "S 1111 0iii dddd iiyy mmmm")

static DecodePattern t32_dp[] = {
    PAT(MOVW, "1111 0k10 0100 hhhh 0kkk dddd kkkk kkkk"),
    PAT(MOVT, "1111 0k10 1100 hhhh 0kkk dddd kkkk kkkk"),
    /* Rd == 1111 with S: the compare aliases. */
    T32_CMP(TST, "0000"), T32_CMP(TEQ, "0100"), T32_CMP(CMN, "1000"), T32_CMP(CMP, "1101"),
    /* Rn == 1111: the move aliases. */
    T32_MOV(MOV, "0010"), T32_MOV(MVN, "0011"),
    T32_DP(AND, "0000"), T32_DP(BIC, "0001"), T32_DP(ORR, "0010"), T32_DP(ORN, "0011"),
    T32_DP(EOR, "0100"), T32_DP(ADD, "1000"), T32_DP(ADC, "1010"), T32_DP(SBC, "1011"),
    T32_DP(SUB, "1101"), T32_DP(RSB, "1110"),
};
ARM_PATTERN_SET(arm_t32_dp_set, t32_dp);
