/*
 * Status register access, hints, barriers and coprocessor 15, A32 and T32:
 * MRS/MSR (APSR), NOP/YIELD/WFE/WFI/SEV/SEVL/DBG/CSDB and the rest of the
 * hint space, DMB/DSB/ISB/SB (SB: nothing speculates here, so a fence is
 * plenty), CPS and SETEND, and MRC/MCR for the user-visible cp15
 * registers.
 *
 * Fields: d Rd    n Rn    q MSR mask (A32 bits 19:16 = f s x c; T32 bits
 * 11:8, the same order)    k/r MSR immediate (expanded in prep)    h hint
 * number    E SETEND's endianness    o opc1    O opc2    t Rt    n CRn
 * m CRm.
 *
 * User-mode choices (qemu-arm is the oracle):
 * - The pc as an operand is UNPREDICTABLE; as on qemu, reads give its value
 *   and MRS to pc branches.
 * - MRS returns NZCVQ, GE and the user mode number 0x10; the execution state
 *   bits (T, IT, E) read as zero, as on qemu.
 * - MSR writes only NZCVQ (mask f) and GE (mask s); x and c have no effect.
 *   The E bit cannot be set here: big-endian data is not supported.
 * - CPS is a NOP in user mode (the manual's pseudocode does nothing outside
 *   privileged modes).  SRS, RFE and the SPSR forms are not matched, so
 *   they are UNDEFINED.
 * - SETEND LE is a NOP (data is little-endian already); SETEND BE is
 *   UNDEFINED because big-endian data accesses are not supported.
 * - cp15: TPIDRURW (c13,c0,2) read/write, TPIDRURO (c13,c0,3) read only,
 *   the ID registers qemu-arm exposes to user code (MIDR, MPIDR, REVIDR),
 *   and the ARMv6 barrier operations c7,c10,5 (DMB), c7,c10,4 (DSB) and
 *   c7,c5,4 (ISB).  Every other coprocessor access is UNDEFINED (cp10/cp11
 *   belong to VFP and are never matched here).
 */
#include "frontends/arm/translate.h"

#include <stddef.h>

#define ENV_OFF(fld) ((int32_t)offsetof(CPUARMState, fld))


/* ---- APSR ---- */

/* The APSR value: N Z C V Q at bits 31-27, GE at 19:16, user mode 0x10. */
static void gen_read_apsr(DisasContext *dc, IRTemp r)
{
    IRContext *c = IRC(dc);
    IRTemp t = arm_tmp(dc), u = arm_tmp(dc);
    ir_andi(c, r, arm_NF, 0x80000000u);
    ir_setcond(c, t, arm_ZF, arm_c32(dc, 0), IR_EQ);
    ir_shli(c, t, t, 30);
    ir_or(c, r, r, t);
    ir_shli(c, t, arm_CF, 29);
    ir_or(c, r, r, t);
    ir_shri(c, t, arm_VF, 31);
    ir_shli(c, t, t, 28);
    ir_or(c, r, r, t);
    ir_setcond(c, u, arm_QF, arm_c32(dc, 0), IR_NE);
    ir_shli(c, u, u, 27);
    ir_or(c, r, r, u);
    ir_shli(c, u, arm_GE, 16);
    ir_or(c, r, r, u);
    ir_ori(c, r, r, 0x10);
}

/* NZCV from bits 31:28 of v (MSR f, MRC to APSR_nzcv). */
static void gen_write_nzcv(DisasContext *dc, IRTemp v)
{
    IRContext *c = IRC(dc);
    IRTemp z = arm_tmp(dc);
    ir_andi(c, z, v, 0x40000000u);
    ir_xori(c, arm_ZF, z, 0x40000000u);
    ir_extract(c, arm_CF, v, 29, 1);
    ir_shli(c, arm_VF, v, 3);
    ir_andi(c, arm_NF, v, 0x80000000u);
}

static void gen_write_apsr(DisasContext *dc, IRTemp v, uint32_t mask)
{
    if (mask & 8) {
        gen_write_nzcv(dc, v);
        ir_extract(IRC(dc), arm_QF, v, 27, 1);
    }
    if (mask & 4) {
        ir_extract(IRC(dc), arm_GE, v, 16, 4);
    }
}

bool trans_MRS(DisasContext *dc, const DecodeFields *f)
{
    IRTemp r = arm_tmp(dc);
    gen_read_apsr(dc, r);
    arm_write_rd(dc, F(d), r);
    return true;
}

bool trans_MSR_reg(DisasContext *dc, const DecodeFields *f)
{
    gen_write_apsr(dc, arm_get_reg(dc, (int)F(n)), F(q));
    return true;
}

bool trans_MSR_imm(DisasContext *dc, const DecodeFields *f)
{
    gen_write_apsr(dc, arm_c32(dc, F(k)), F(q));
    return true;
}

/* ---- hints ---- */

/* Every hint, allocated or not, executes as a NOP at user level: YIELD,
 * WFE, WFI, SEV and SEVL have no observable effect for a single thread,
 * and a thread spinning on WFE still reaches the TB-entry exit check.
 * Exported for T16 (field h; T16 must not route IT here). */
bool trans_HINT(DisasContext *dc, const DecodeFields *f)
{
    (void)dc;
    (void)f;
    return true;
}

/* CPS at user level does nothing.  Exported for T16 (no fields). */
bool trans_CPS(DisasContext *dc, const DecodeFields *f)
{
    (void)dc;
    (void)f;
    return true;
}

/* Exported for T16 (field E). */
bool trans_SETEND(DisasContext *dc, const DecodeFields *f)
{
    (void)dc;
    return F(E) == 0;
}

/* ---- barriers ---- */

static void gen_isb(DisasContext *dc)
{
    /* End the TB so that code modified before the ISB is fetched again.
     * A conditional ISB's skip path goes the same way: close it here, as
     * both paths continue at the next instruction. */
    if (dc->condjmp) {
        ir_label(IRC(dc), dc->condlabel);
        dc->condjmp = false;
    }
    dc->base.is_jmp = DISAS_TOO_MANY;
}

bool trans_DMB(DisasContext *dc, const DecodeFields *f)
{
    (void)f;
    ir_mb(IRC(dc), IR_MB_FULL);
    return true;
}

bool trans_ISB(DisasContext *dc, const DecodeFields *f)
{
    (void)f;
    gen_isb(dc);
    return true;
}

/* ---- coprocessor 15 ---- */

#define CP15(opc1, crn, crm, opc2) ((opc1) << 12 | (crn) << 8 | (crm) << 4 | (opc2))

static uint32_t cp15_key(const DecodeFields *f)
{
    return CP15(F(o), F(n), F(m), F(O));
}

bool trans_MRC(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    IRTemp v = F(t) == 15 ? arm_tmp(dc) : arm_R[F(t)];
    switch (cp15_key(f)) {
    case CP15(0, 13, 0, 2): ir_ldenv(c, v, ENV_OFF(tpidrurw), IR_MO_32); break;
    case CP15(0, 13, 0, 3): ir_ldenv(c, v, ENV_OFF(tpidruro), IR_MO_32); break;
    /* qemu-arm lets user code read these ID registers (Linux would not);
     * MIDR is the selected model's, as in /proc/cpuinfo. */
    case CP15(0, 0, 0, 0): ir_ldenv(c, v, ENV_OFF(midr), IR_MO_32); break;
    case CP15(0, 0, 0, 5): ir_movi(c, v, 0x80000000u); break;     /* MPIDR: uniprocessor format */
    case CP15(0, 0, 0, 6): ir_movi(c, v, 0); break;               /* REVIDR */
    default: return false;
    }
    if (F(t) == 15) {
        /* MRC to APSR_nzcv: the flags take bits 31:28. */
        gen_write_nzcv(dc, v);
    }
    return true;
}

bool trans_MCR(DisasContext *dc, const DecodeFields *f)
{
    switch (cp15_key(f)) {
    case CP15(0, 13, 0, 2):
        ir_stenv(IRC(dc), arm_get_reg(dc, (int)F(t)), ENV_OFF(tpidrurw), IR_MO_32);
        return true;
    case CP15(0, 7, 10, 4): /* CP15DSB */
    case CP15(0, 7, 10, 5): /* CP15DMB */
        ir_mb(IRC(dc), IR_MB_FULL);
        return true;
    case CP15(0, 7, 5, 4): /* CP15ISB */
        gen_isb(dc);
        return true;
    default:
        return false;   /* TPIDRURO is read-only at PL0; the rest is PL1 */
    }
}

/* ---- A32 encodings ---- */

static DecodePattern a32_misc[] = {
    PAT(MRS, "cccc 0001 0000 1111 dddd 0000 0000 0000 | c!=15"),
    PAT(MSR_reg, "cccc 0001 0010 qqqq 1111 0000 0000 nnnn | c!=15"),
    /* MSR immediate with mask 0 is the hint space. */
    PAT(HINT, "cccc 0011 0010 0000 1111 ---- hhhh hhhh | c!=15"),
    PATX(MSR_imm, "cccc 0011 0010 qqqq 1111 rrrr kkkk kkkk | c!=15", arm_expand_imm_a32),
    /* Unconditional space. */
    PAT(CPS, "1111 0001 0000 ---0 0000 000- --0- ----"),
    PAT(SETEND, "1111 0001 0000 0001 0000 00E0 0000 0000"),
    PAT(DMB, "1111 0101 0111 1111 1111 0000 0100 ----"),   /* DSB */
    PAT(DMB, "1111 0101 0111 1111 1111 0000 0101 ----"),
    PAT(ISB, "1111 0101 0111 1111 1111 0000 0110 ----"),
    PAT(DMB, "1111 0101 0111 1111 1111 0000 0111 0000"),   /* SB */
    /* Coprocessor 15 register transfers (MRC2/MCR2 stay UNDEFINED). */
    PAT(MCR, "cccc 1110 ooo0 nnnn tttt 1111 OOO1 mmmm | c!=15"),
    PAT(MRC, "cccc 1110 ooo1 nnnn tttt 1111 OOO1 mmmm | c!=15"),
};
ARM_PATTERN_SET(arm_a32_misc_set, a32_misc);

/* ---- T32 encodings: branches and miscellaneous control ---- */

static DecodePattern t32_misc[] = {
    PAT(MSR_reg, "1111 0011 1000 nnnn 1000 qqqq 0000 0000"),
    PAT(HINT, "1111 0011 1010 1111 1000 0000 hhhh hhhh"),
    PAT(CPS, "1111 0011 1010 1111 1000 0--- ---- ----"),
    PAT(DMB, "1111 0011 1011 1111 1000 1111 0100 ----"),   /* DSB */
    PAT(DMB, "1111 0011 1011 1111 1000 1111 0101 ----"),
    PAT(ISB, "1111 0011 1011 1111 1000 1111 0110 ----"),
    PAT(DMB, "1111 0011 1011 1111 1000 1111 0111 0000"),   /* SB */
    PAT(MRS, "1111 0011 1110 1111 1000 dddd 0000 0000"),
    /* Coprocessor 15: the A32 encoding with cond = 1110. */
    PAT(MCR, "1110 1110 ooo0 nnnn tttt 1111 OOO1 mmmm"),
    PAT(MRC, "1110 1110 ooo1 nnnn tttt 1111 OOO1 mmmm"),
};
ARM_PATTERN_SET(arm_t32_misc_set, t32_misc);
