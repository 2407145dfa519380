/*
 * Branches, interworking, supervisor calls and the exception-generating
 * instructions, in A32 and T32.
 *
 * Fields: k branch offset (in units given by the trans), m Rm, H BLX's
 * halfword bit, n Rn (CBZ), k/i CBZ offset.
 */
#include "frontends/arm/translate.h"

#include "tcg/util.h"

static void gen_link(DisasContext *dc)
{
    uint32_t ret = dc->pc_curr + (uint32_t)dc->insn_len;
    ir_movi(IRC(dc), arm_R[14], dc->thumb ? ret | 1 : ret);
}

bool trans_B(DisasContext *dc, const DecodeFields *f)
{
    arm_gen_jmp(dc, dc->pc_curr + (dc->thumb ? 4 : 8) + (uint32_t)F(k));
    return true;
}

bool trans_BL(DisasContext *dc, const DecodeFields *f)
{
    gen_link(dc);
    arm_gen_jmp(dc, dc->pc_curr + (dc->thumb ? 4 : 8) + (uint32_t)F(k));
    return true;
}

/* BLX (immediate): call and switch instruction set. */
bool trans_BLX_i(DisasContext *dc, const DecodeFields *f)
{
    gen_link(dc);
    if (dc->thumb) {
        if (F(k) & 2) {
            return false;   /* H bit must be 0 when targeting ARM */
        }
        arm_gen_bx_imm(dc, arm_pc_aligned(dc) + (uint32_t)F(k));
    } else {
        arm_gen_bx_imm(dc, (dc->pc_curr + 8 + (uint32_t)F(k)) | 1);
    }
    return true;
}

bool trans_BX(DisasContext *dc, const DecodeFields *f)
{
    arm_gen_bx(dc, arm_get_reg(dc, (int)F(m)));
    return true;
}

bool trans_BLX_r(DisasContext *dc, const DecodeFields *f)
{
    if (F(m) == 15) {
        return UNPREDICTABLE;
    }
    /* Read Rm before lr is overwritten: "blx lr" is common. */
    IRTemp t = arm_get_reg_copy(dc, (int)F(m));
    gen_link(dc);
    arm_gen_bx(dc, t);
    return true;
}

bool trans_SVC(DisasContext *dc, const DecodeFields *f)
{
    (void)f;
    arm_gen_exception_next(dc, EXCP_SYSCALL);
    return true;
}

bool trans_BKPT(DisasContext *dc, const DecodeFields *f)
{
    (void)f;
    arm_gen_exception_insn(dc, EXCP_BKPT);
    return true;
}

bool trans_UDF(DisasContext *dc, const DecodeFields *f)
{
    (void)f;
    return false;
}

/* CBZ / CBNZ: compare and branch on (non)zero, forward only, T16. */
bool trans_CBZ(DisasContext *dc, const DecodeFields *f)
{
    if (dc->condexec) {
        return UNPREDICTABLE;
    }
    IRContext *c = IRC(dc);
    uint32_t skip = ir_new_label(c);
    ir_brcondi(c, arm_R[F(n)], 0, F(o) ? IR_EQ : IR_NE, skip);
    dc->condjmp = true;
    dc->condlabel = skip;
    arm_gen_jmp(dc, dc->pc_curr + 4 + F(k) * 2);
    return true;
}

/* TBB / TBH: table branch. */
bool trans_TBB(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    if (F(m) == 15) {   /* ARMv8-A allows sp */
        return UNPREDICTABLE;
    }
    IRTemp addr = arm_tmp(dc), off = arm_tmp(dc), t = arm_tmp(dc);
    if (F(H)) {
        ir_shli(c, t, arm_get_reg(dc, (int)F(m)), 1);
        ir_add(c, addr, arm_get_reg(dc, (int)F(n)), t);
        arm_gen_ld(dc, off, addr, 0, IR_MO_16);
    } else {
        ir_add(c, addr, arm_get_reg(dc, (int)F(n)), arm_get_reg(dc, (int)F(m)));
        arm_gen_ld(dc, off, addr, 0, IR_MO_8);
    }
    ir_shli(c, off, off, 1);
    ir_addi(c, arm_R[15], off, dc->pc_curr + 4);
    ir_movi(c, arm_tbflags, ARM_TBF_THUMB | (dc->base.tb_flags & ARM_TBF_FP_MASK));
    dc->base.is_jmp = DISAS_JUMP;
    return true;
}

/* ---- field preparation for the split branch offsets ---- */

#define L(ch) (f->v[decode_letter_index(ch)])

static void prep_a32_b(DecodeFields *f)
{
    L('k') = (uint32_t)sextract32(L('k'), 0, 24) << 2;
}

static void prep_a32_blx(DecodeFields *f)
{
    L('k') = ((uint32_t)sextract32(L('k'), 0, 24) << 2) | (L('H') << 1);
}

/* T32 B/BL with S:J1:J2 -> I1 = !(J1 ^ S), I2 = !(J2 ^ S). */
static void prep_t32_bl(DecodeFields *f)
{
    uint32_t s = L('s'), j1 = L('j'), j2 = L('J');
    uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
    uint32_t imm = s << 24 | i1 << 23 | i2 << 22 | L('h') << 12 | L('k') << 1;
    L('k') = (uint32_t)sextract32(imm, 0, 25);
}

/* T32 conditional B: S:J2:J1:imm6:imm11:'0'. */
static void prep_t32_bcond(DecodeFields *f)
{
    uint32_t imm = L('s') << 20 | L('J') << 19 | L('j') << 18 | L('h') << 12 | L('k') << 1;
    L('k') = (uint32_t)sextract32(imm, 0, 21);
}

static void prep_t16_b(DecodeFields *f)
{
    L('k') = (uint32_t)sextract32(L('k'), 0, 11) << 1;
}

static void prep_t16_bcond(DecodeFields *f)
{
    L('k') = (uint32_t)sextract32(L('k'), 0, 8) << 1;
}

/* Conditional T32/T16 branches carry their own condition. */
bool trans_Bcond(DisasContext *dc, const DecodeFields *f)
{
    if (dc->condexec) {
        return UNPREDICTABLE;
    }
    int cond = (int)F(c);
    arm_gen_cond_skip(dc, cond);
    arm_gen_jmp(dc, dc->pc_curr + 4 + (uint32_t)F(k));
    return true;
}

static DecodePattern a32_branch[] = {
    PATX(BLX_i, "1111 101H kkkk kkkk kkkk kkkk kkkk kkkk", prep_a32_blx),
    PATX(B, "cccc 1010 kkkk kkkk kkkk kkkk kkkk kkkk | c!=15", prep_a32_b),
    PATX(BL, "cccc 1011 kkkk kkkk kkkk kkkk kkkk kkkk | c!=15", prep_a32_b),
    PAT(BX, "cccc 0001 0010 1111 1111 1111 0001 mmmm | c!=15"),
    PAT(BLX_r, "cccc 0001 0010 1111 1111 1111 0011 mmmm | c!=15"),
    PAT(SVC, "cccc 1111 kkkk kkkk kkkk kkkk kkkk kkkk | c!=15"),
    PAT(BKPT, "cccc 0001 0010 kkkk kkkk kkkk 0111 kkkk | c==14"),
    PAT(UDF, "1110 0111 1111 kkkk kkkk kkkk 1111 kkkk"),
};
ARM_PATTERN_SET(arm_a32_branch_set, a32_branch);

static DecodePattern t32_branch[] = {
    PATX(B, "1111 0shh hhhh hhhh 10j1 Jkkk kkkk kkkk", prep_t32_bl),
    PATX(BL, "1111 0shh hhhh hhhh 11j1 Jkkk kkkk kkkk", prep_t32_bl),
    PATX(BLX_i, "1111 0shh hhhh hhhh 11j0 Jkkk kkkk kkkk", prep_t32_bl),
    PATX(Bcond, "1111 0scc cchh hhhh 10j0 Jkkk kkkk kkkk | c!=14, c!=15", prep_t32_bcond),
    PAT(TBB, "1110 1000 1101 nnnn 1111 0000 000H mmmm"),
    PAT(UDF, "1111 0111 1111 kkkk 1010 kkkk kkkk kkkk"),
};
ARM_PATTERN_SET(arm_t32_branch_set, t32_branch);

static DecodePattern t16_branch[] = {
    PAT(BX, "0100 0111 0mmm m000"),
    PAT(BLX_r, "0100 0111 1mmm m000"),
    PAT(SVC, "1101 1111 kkkk kkkk"),
    PAT(UDF, "1101 1110 kkkk kkkk"),
    PATX(Bcond, "1101 cccc kkkk kkkk", prep_t16_bcond),
    PATX(B, "1110 0kkk kkkk kkkk", prep_t16_b),
    PAT(BKPT, "1011 1110 kkkk kkkk"),
    PAT(CBZ, "1011 o0k1 kkkk knnn"),
};
ARM_PATTERN_SET(arm_t16_branch_set, t16_branch);
