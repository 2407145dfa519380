/*
 * The 16-bit Thumb (T16) data-processing and miscellaneous instructions:
 * shifts by immediate, ADD/SUB/MOV/CMP with registers and small
 * immediates, the ALU group, high-register ADD/CMP/MOV, ADR and the SP
 * arithmetic, the extends and byte reversals, IT and the hints.
 * (Branches live in branch.c, loads and stores in mem.c.)
 *
 * Most of these are narrow encodings of A32/T32 operations: they fill a
 * DecodeFields with the letters of a32-dp.c (S d n m s i y k R) and call
 * the shared trans function, so flag and pc semantics stay in one place.
 * What is T16-specific is the S bit: the flag-setting forms set flags only
 * outside an IT block (arm_t16_setflags).
 */
#include "frontends/arm/translate.h"

#include <string.h>

/* Shared trans functions of a32-dp.c. */
bool trans_ADD_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_SUB_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_ADD_rri(DisasContext *dc, const DecodeFields *f);
bool trans_SUB_rri(DisasContext *dc, const DecodeFields *f);
bool trans_RSB_rri(DisasContext *dc, const DecodeFields *f);
bool trans_MOV_rri(DisasContext *dc, const DecodeFields *f);
bool trans_CMP_rri(DisasContext *dc, const DecodeFields *f);
bool trans_MOV_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_MOV_rrrr(DisasContext *dc, const DecodeFields *f);
bool trans_AND_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_EOR_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_ADC_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_SBC_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_TST_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_CMP_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_CMN_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_ORR_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_BIC_rrri(DisasContext *dc, const DecodeFields *f);
bool trans_MVN_rrri(DisasContext *dc, const DecodeFields *f);

typedef bool DpTrans(DisasContext *dc, const DecodeFields *f);

#define FL(g, ch) ((g)->v[decode_letter_index(ch)])

/* A fresh field set for a shared trans: every letter zero (so "shift LSL
 * #0", "not rotated"), S as given. */
static void t16_fields(DecodeFields *g, bool s)
{
    memset(g, 0, sizeof(*g));
    FL(g, 'S') = s;
}

/* Rd = Rn op (Rm shifted by imm); compares ignore d. */
static bool t16_rrri(DisasContext *dc, DpTrans *fn, bool s, uint32_t d, uint32_t n, uint32_t m, uint32_t y,
                     uint32_t i)
{
    DecodeFields g;
    t16_fields(&g, s);
    FL(&g, 'd') = d;
    FL(&g, 'n') = n;
    FL(&g, 'm') = m;
    FL(&g, 'y') = y;
    FL(&g, 'i') = i;
    return fn(dc, &g);
}

/* Rd = Rn op #k (k is never a rotated immediate here, so a logical op
 * leaves C alone). */
static bool t16_rri(DisasContext *dc, DpTrans *fn, bool s, uint32_t d, uint32_t n, uint32_t k)
{
    DecodeFields g;
    t16_fields(&g, s);
    FL(&g, 'd') = d;
    FL(&g, 'n') = n;
    FL(&g, 'k') = k;
    return fn(dc, &g);
}

/* ---- shift (immediate), add, subtract, move, compare ---- */

/* LSL/LSR/ASR #imm are MOV with a shifted register; LSL #0 is "MOVS Rd, Rm"
 * (outside IT; qemu treats the IT-block form as MOV without flags, which
 * is what the S bit gives). */
bool trans_T16_shift_i(DisasContext *dc, const DecodeFields *f)
{
    return t16_rrri(dc, trans_MOV_rrri, arm_t16_setflags(dc), F(d), 0, F(m), F(y), F(i));
}

bool trans_T16_ADD_rrr(DisasContext *dc, const DecodeFields *f)
{
    return t16_rrri(dc, trans_ADD_rrri, arm_t16_setflags(dc), F(d), F(n), F(m), 0, 0);
}

bool trans_T16_SUB_rrr(DisasContext *dc, const DecodeFields *f)
{
    return t16_rrri(dc, trans_SUB_rrri, arm_t16_setflags(dc), F(d), F(n), F(m), 0, 0);
}

bool trans_T16_ADD_rri(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_ADD_rri, arm_t16_setflags(dc), F(d), F(n), F(k));
}

bool trans_T16_SUB_rri(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_SUB_rri, arm_t16_setflags(dc), F(d), F(n), F(k));
}

bool trans_T16_MOV_i(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_MOV_rri, arm_t16_setflags(dc), F(d), 0, F(k));
}

bool trans_T16_CMP_i(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_CMP_rri, true, 0, F(n), F(k));
}

/* ADD/SUB Rdn, #imm8: the n letter is absent, Rdn is d. */
bool trans_T16_ADD_i8(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_ADD_rri, arm_t16_setflags(dc), F(d), F(d), F(k));
}

bool trans_T16_SUB_i8(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_SUB_rri, arm_t16_setflags(dc), F(d), F(d), F(k));
}

/* ---- the ALU group: Rdn = Rdn op Rm ---- */

#define DO_T16_ALU(NAME, fn)                                                                    \
    bool trans_T16_##NAME(DisasContext *dc, const DecodeFields *f)                              \
    {                                                                                           \
        return t16_rrri(dc, fn, arm_t16_setflags(dc), F(d), F(d), F(m), 0, 0);                  \
    }

DO_T16_ALU(AND, trans_AND_rrri)
DO_T16_ALU(EOR, trans_EOR_rrri)
DO_T16_ALU(ADC, trans_ADC_rrri)
DO_T16_ALU(SBC, trans_SBC_rrri)
DO_T16_ALU(ORR, trans_ORR_rrri)
DO_T16_ALU(BIC, trans_BIC_rrri)
DO_T16_ALU(MVN, trans_MVN_rrri)

/* TST/CMP/CMN always set flags (the shared trans ignores S for them). */
#define DO_T16_CMP(NAME, fn)                                                                    \
    bool trans_T16_##NAME(DisasContext *dc, const DecodeFields *f)                              \
    {                                                                                           \
        return t16_rrri(dc, fn, true, 0, F(d), F(m), 0, 0);                                     \
    }

DO_T16_CMP(TST, trans_TST_rrri)
DO_T16_CMP(CMP, trans_CMP_rrri)
DO_T16_CMP(CMN, trans_CMN_rrri)

/* LSL/LSR/ASR/ROR Rdn, Rm: MOV Rdn, Rdn, <type> Rm. */
static bool t16_shift_r(DisasContext *dc, const DecodeFields *f, uint32_t type)
{
    DecodeFields g;
    t16_fields(&g, arm_t16_setflags(dc));
    FL(&g, 'd') = F(d);
    FL(&g, 'm') = F(d);
    FL(&g, 's') = F(m);
    FL(&g, 'y') = type;
    return trans_MOV_rrrr(dc, &g);
}

bool trans_T16_LSL_r(DisasContext *dc, const DecodeFields *f) { return t16_shift_r(dc, f, 0); }
bool trans_T16_LSR_r(DisasContext *dc, const DecodeFields *f) { return t16_shift_r(dc, f, 1); }
bool trans_T16_ASR_r(DisasContext *dc, const DecodeFields *f) { return t16_shift_r(dc, f, 2); }
bool trans_T16_ROR_r(DisasContext *dc, const DecodeFields *f) { return t16_shift_r(dc, f, 3); }

/* RSB Rd, Rn, #0 (NEG). */
bool trans_T16_RSB(DisasContext *dc, const DecodeFields *f)
{
    return t16_rri(dc, trans_RSB_rri, arm_t16_setflags(dc), F(d), F(n), 0);
}

/* MULS sets N and Z only (C is unchanged from ARMv6 on), so it does not
 * go through the multiply family's shared trans. */
bool trans_T16_MUL(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    ir_mul(IRC(dc), t, arm_R[F(n)], arm_R[F(d)]);
    if (arm_t16_setflags(dc)) {
        arm_gen_nz(dc, t);
    }
    ir_mov(IRC(dc), arm_R[F(d)], t);
    return true;
}

/* ---- high registers: never set flags, except CMP ---- */

/* A write to pc branches, so it must be the last instruction of an IT
 * block.  qemu carries the rest of the IT block over to the branch target;
 * a branch here always leaves ITSTATE clear, so we trap instead of
 * diverging silently. */
static bool t16_pc_write_ok(DisasContext *dc, uint32_t d)
{
    return d != 15 || dc->condexec == 0 || (dc->condexec & 0xf) == 8;
}

/* "ADD pc, pc" is UNPREDICTABLE too, but qemu executes it (pc + 4 twice)
 * and so do we. */
bool trans_T16_ADD_hi(DisasContext *dc, const DecodeFields *f)
{
    if (!t16_pc_write_ok(dc, F(d))) {
        return UNPREDICTABLE;
    }
    return t16_rrri(dc, trans_ADD_rrri, false, F(d), F(d), F(m), 0, 0);
}

/* Low-low and pc operands are UNPREDICTABLE in the ARM ARM; qemu executes
 * them (reading pc as insn + 4), and so do we. */
bool trans_T16_CMP_hi(DisasContext *dc, const DecodeFields *f)
{
    return t16_rrri(dc, trans_CMP_rrri, true, 0, F(n), F(m), 0, 0);
}

bool trans_T16_MOV_hi(DisasContext *dc, const DecodeFields *f)
{
    if (!t16_pc_write_ok(dc, F(d))) {
        return UNPREDICTABLE;
    }
    return t16_rrri(dc, trans_MOV_rrri, false, F(d), 0, F(m), 0, 0);
}

/* ---- pc- and sp-relative arithmetic ---- */

bool trans_T16_ADR(DisasContext *dc, const DecodeFields *f)
{
    ir_movi(IRC(dc), arm_R[F(d)], arm_pc_aligned(dc) + F(k) * 4);
    return true;
}

bool trans_T16_ADD_rsp(DisasContext *dc, const DecodeFields *f)
{
    ir_addi(IRC(dc), arm_R[F(d)], arm_R[13], F(k) * 4);
    return true;
}

bool trans_T16_ADD_sp(DisasContext *dc, const DecodeFields *f)
{
    ir_addi(IRC(dc), arm_R[13], arm_R[13], F(k) * 4);
    return true;
}

bool trans_T16_SUB_sp(DisasContext *dc, const DecodeFields *f)
{
    ir_addi(IRC(dc), arm_R[13], arm_R[13], -(F(k) * 4));
    return true;
}

/* ---- extends and byte reversal ---- */

bool trans_T16_SXTH(DisasContext *dc, const DecodeFields *f)
{
    ir_ext16s(IRC(dc), arm_R[F(d)], arm_R[F(m)]);
    return true;
}

bool trans_T16_SXTB(DisasContext *dc, const DecodeFields *f)
{
    ir_ext8s(IRC(dc), arm_R[F(d)], arm_R[F(m)]);
    return true;
}

bool trans_T16_UXTH(DisasContext *dc, const DecodeFields *f)
{
    ir_ext16u(IRC(dc), arm_R[F(d)], arm_R[F(m)]);
    return true;
}

bool trans_T16_UXTB(DisasContext *dc, const DecodeFields *f)
{
    ir_ext8u(IRC(dc), arm_R[F(d)], arm_R[F(m)]);
    return true;
}

bool trans_T16_REV(DisasContext *dc, const DecodeFields *f)
{
    ir_bswap(IRC(dc), arm_R[F(d)], arm_R[F(m)]);
    return true;
}

/* Bytes b3 b2 b1 b0 -> b2 b3 b0 b1: the full swap rotated by a halfword. */
bool trans_T16_REV16(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    ir_bswap(IRC(dc), t, arm_R[F(m)]);
    ir_rotri(IRC(dc), arm_R[F(d)], t, 16);
    return true;
}

bool trans_T16_REVSH(DisasContext *dc, const DecodeFields *f)
{
    IRTemp t = arm_tmp(dc);
    ir_bswap16(IRC(dc), t, arm_R[F(m)]);
    ir_ext16s(IRC(dc), arm_R[F(d)], t);
    return true;
}

/* ---- IT, hints, processor state ---- */

/*
 * IT only sets ITSTATE for the next instructions: IT[7:0] is
 * firstcond:mask, exactly the byte that translate.c keeps in condexec and
 * in tb_flags.  A firstcond of 1111 (or AL with an "else") is
 * UNPREDICTABLE; like qemu we let 1111 mean "always", which is what the
 * condition-skip code does with it.
 */
bool trans_T16_IT(DisasContext *dc, const DecodeFields *f)
{
    if (dc->condexec) {
        return UNPREDICTABLE;   /* IT inside an IT block */
    }
    dc->condexec_next = (uint8_t)(F(c) << 4 | F(k));
    return true;
}

/* NOP, YIELD, WFE, WFI, SEV and the unallocated hints: nothing to do for
 * a user-mode process. */
bool trans_T16_HINT(DisasContext *dc, const DecodeFields *f)
{
    return true;
}

/* CPS is a NOP in User mode (ARM ARM: it changes nothing unless the mode
 * is privileged; qemu-arm agrees). */
bool trans_T16_CPS(DisasContext *dc, const DecodeFields *f)
{
    return true;
}

/* SETEND LE changes nothing on a little-endian process; SETEND BE would
 * need big-endian data accesses, which the translator does not track
 * (there is no tb_flags bit for CPSR.E), so it is UNDEFINED here, as on
 * ARMv8 kernels that disable SETEND. */
bool trans_T16_SETEND(DisasContext *dc, const DecodeFields *f)
{
    return F(E) == 0;
}

/* ---- encodings ---- */

static DecodePattern t16_dp[] = {
    PAT(T16_ADD_rrr, "0001 100m mmnn nddd"),
    PAT(T16_SUB_rrr, "0001 101m mmnn nddd"),
    PAT(T16_ADD_rri, "0001 110k kknn nddd"),
    PAT(T16_SUB_rri, "0001 111k kknn nddd"),
    PAT(T16_shift_i, "000y yiii iimm mddd | y!=3"),
    PAT(T16_MOV_i, "0010 0ddd kkkk kkkk"),
    PAT(T16_CMP_i, "0010 1nnn kkkk kkkk"),
    PAT(T16_ADD_i8, "0011 0ddd kkkk kkkk"),
    PAT(T16_SUB_i8, "0011 1ddd kkkk kkkk"),

    PAT(T16_AND, "0100 0000 00mm mddd"),
    PAT(T16_EOR, "0100 0000 01mm mddd"),
    PAT(T16_LSL_r, "0100 0000 10mm mddd"),
    PAT(T16_LSR_r, "0100 0000 11mm mddd"),
    PAT(T16_ASR_r, "0100 0001 00mm mddd"),
    PAT(T16_ADC, "0100 0001 01mm mddd"),
    PAT(T16_SBC, "0100 0001 10mm mddd"),
    PAT(T16_ROR_r, "0100 0001 11mm mddd"),
    PAT(T16_TST, "0100 0010 00mm mddd"),
    PAT(T16_RSB, "0100 0010 01nn nddd"),
    PAT(T16_CMP, "0100 0010 10mm mddd"),
    PAT(T16_CMN, "0100 0010 11mm mddd"),
    PAT(T16_ORR, "0100 0011 00mm mddd"),
    PAT(T16_MUL, "0100 0011 01nn nddd"),
    PAT(T16_BIC, "0100 0011 10mm mddd"),
    PAT(T16_MVN, "0100 0011 11mm mddd"),

    PAT(T16_ADD_hi, "0100 0100 dmmm mddd"),
    PAT(T16_CMP_hi, "0100 0101 nmmm mnnn"),
    PAT(T16_MOV_hi, "0100 0110 dmmm mddd"),

    PAT(T16_ADR, "1010 0ddd kkkk kkkk"),
    PAT(T16_ADD_rsp, "1010 1ddd kkkk kkkk"),
};
ARM_PATTERN_SET(arm_t16_dp_set, t16_dp);

static DecodePattern t16_misc[] = {
    PAT(T16_ADD_sp, "1011 0000 0kkk kkkk"),
    PAT(T16_SUB_sp, "1011 0000 1kkk kkkk"),
    PAT(T16_SXTH, "1011 0010 00mm mddd"),
    PAT(T16_SXTB, "1011 0010 01mm mddd"),
    PAT(T16_UXTH, "1011 0010 10mm mddd"),
    PAT(T16_UXTB, "1011 0010 11mm mddd"),
    PAT(T16_SETEND, "1011 0110 0101 E---"),
    PAT(T16_CPS, "1011 0110 011- -aif"),
    PAT(T16_REV, "1011 1010 00mm mddd"),
    PAT(T16_REV16, "1011 1010 01mm mddd"),
    PAT(T16_REVSH, "1011 1010 11mm mddd"),
    PAT(T16_HINT, "1011 1111 hhhh 0000"),
    PAT(T16_IT, "1011 1111 cccc kkkk"),
};
ARM_PATTERN_SET(arm_t16_misc_set, t16_misc);
