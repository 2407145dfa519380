/*
 * VFP data movement, A32 and T32: VMOV in all its register and immediate
 * forms (core <-> single, two cores <-> double or two singles, core <->
 * scalar lane, register to register, VFPv3 immediates), VLDR/VSTR,
 * VLDM/VSTM (VPUSH/VPOP) and VMRS/VMSR.  No arithmetic: that is the VFP
 * arithmetic family's.
 *
 * Register file: CPUARMState.vfp[32] holds D0-D31; S2n is the low half of
 * Dn and S2n+1 the high half, so on this little-endian host Sn sits at
 * byte 4n of vfp[].  These are not IR globals: they are read and written
 * with ldenv/stenv.
 *
 * Register numbers: the extra bit of a VFP register field (D, N, M) is the
 * low bit of an S register number (Vd:D) and the high bit of a D register
 * number (D:Vd).  The patterns give it its own upper-case letter and prep
 * hooks assemble d, n, m as S or D numbers (by the sz bit z where one
 * pattern covers both), so trans functions see plain register numbers.
 *
 * Fields: d/n/m VFP registers (D/N/M their extra bits), t Rt, T Rt2,
 * o direction (1: to core), z sz (1: double), u U (add; unsigned for a
 * lane), w W, k immediate (imm8, or imm4L of VMOV immediate), h imm4H of
 * VMOV immediate or opc1 of a lane move, H opc2, r system register,
 * c cond (A32 only).
 */
#include "frontends/arm/translate.h"

#include <stddef.h>

#include "frontends/arm/helpers.h"
#include "frontends/arm/vfp.h"
#include "tcg/util.h"

#define VFP_OFF ((int32_t)offsetof(CPUARMState, vfp))
#define FPSCR_OFF ((int32_t)offsetof(CPUARMState, fpscr))

static int32_t vfp_soff(uint32_t s) { return VFP_OFF + (int32_t)(4 * s); }
static int32_t vfp_doff(uint32_t d) { return VFP_OFF + (int32_t)(8 * d); }

/* FPSCR_MASK, the FPSCR bits that exist: frontends/arm/vfp.h. */

/* VMRS/VMSR register number of FPSCR (FPSID 0, MVFR2 5, MVFR1 6, MVFR0 7,
 * FPEXC 8 are privileged). */
enum { VFP_FPSCR = 1 };

/* ---- guest memory ----
 *
 * A D register is two word accesses "in the correct order for the current
 * endianness" (ARM ARM, VLDR/VSTM pseudo-code): low word first for
 * little-endian data, high word first for big-endian data, each word in
 * data byte order.  That is exactly one 64-bit access in data byte order,
 * which arm_gen_ld/st give us with IR_MO_64 in both cases (qemu-arm after
 * SETEND BE agrees).
 */

/* Load or store one S (z == 0) or D register at addr + off. */
static void vfp_gen_xfer(DisasContext *dc, bool load, bool dbl, uint32_t reg, IRTemp addr, int32_t off)
{
    IRContext *c = IRC(dc);
    if (dbl) {
        IRTemp v = arm_tmp64(dc);
        if (load) {
            arm_gen_ld(dc, v, addr, off, IR_MO_64);
            ir_stenv(c, v, vfp_doff(reg), IR_MO_64);
        } else {
            ir_ldenv(c, v, vfp_doff(reg), IR_MO_64);
            arm_gen_st(dc, v, addr, off, IR_MO_64);
        }
    } else {
        IRTemp v = arm_tmp(dc);
        if (load) {
            arm_gen_ld(dc, v, addr, off, IR_MO_32);
            ir_stenv(c, v, vfp_soff(reg), IR_MO_32);
        } else {
            ir_ldenv(c, v, vfp_soff(reg), IR_MO_32);
            arm_gen_st(dc, v, addr, off, IR_MO_32);
        }
    }
}

/* The base of a VLDR/VLDM: Align(PC, 4) for a literal (qemu also accepts
 * pc-relative stores and T32 literal forms, which the ARM ARM leaves
 * UNPREDICTABLE). */
static IRTemp vfp_base(DisasContext *dc, uint32_t rn)
{
    return rn == 15 ? arm_c32(dc, arm_pc_aligned(dc)) : arm_R[rn];
}

/* ---- VMOV between core and VFP registers ---- */

/* APSR.NZCV <- v[31:28], in the split flag form of translate.h. */
static void vfp_gen_set_nzcv(DisasContext *dc, IRTemp v)
{
    IRContext *c = IRC(dc);
    ir_mov(c, arm_NF, v);
    ir_andc(c, arm_ZF, arm_c32(dc, 1u << 30), v);
    ir_extract(c, arm_CF, v, 29, 1);
    ir_shli(c, arm_VF, v, 3);
}

/* VMOV Rt, Sn / VMOV Sn, Rt.  Rt == 15 is UNPREDICTABLE; qemu reads pc
 * and, towards the core, writes NZCV from Sn[31:28] (the old FMRX APSR
 * behaviour), and so do we. */
bool trans_VMOV_rs(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    uint32_t t = F(t);
    if (!F(o)) {
        ir_stenv(c, arm_get_reg(dc, (int)t), vfp_soff(F(n)), IR_MO_32);
        return true;
    }
    IRTemp v = arm_tmp(dc);
    ir_ldenv(c, v, vfp_soff(F(n)), IR_MO_32);
    if (t == 15) {
        vfp_gen_set_nzcv(dc, v);
    } else {
        ir_mov(c, arm_R[t], v);
    }
    return true;
}

/* Rt, Rt2 <-> Sm, Sm+1 or Dm (low word with Rt). */
static bool vfp_mov_rr(DisasContext *dc, const DecodeFields *f, int32_t lo_off)
{
    IRContext *c = IRC(dc);
    uint32_t t = F(t), t2 = F(T);
    if (t == 15 || t2 == 15) {
        return UNPREDICTABLE;
    }
    if (F(o)) {
        /* Rt == Rt2 is UNPREDICTABLE; the later write (Rt2) wins, as in qemu. */
        ir_ldenv(c, arm_R[t], lo_off, IR_MO_32);
        ir_ldenv(c, arm_R[t2], lo_off + 4, IR_MO_32);
    } else {
        ir_stenv(c, arm_R[t], lo_off, IR_MO_32);
        ir_stenv(c, arm_R[t2], lo_off + 4, IR_MO_32);
    }
    return true;
}

/* Sm == S31 is UNPREDICTABLE; qemu takes "S32" to be the low half of D16,
 * which is where vfp_soff puts it too. */
bool trans_VMOV_rrss(DisasContext *dc, const DecodeFields *f)
{
    return vfp_mov_rr(dc, f, vfp_soff(F(m)));
}

bool trans_VMOV_rrd(DisasContext *dc, const DecodeFields *f)
{
    return vfp_mov_rr(dc, f, vfp_doff(F(m)));
}

/* Lane size and byte offset in the D register from opc1:opc2 (h:H);
 * false for the UNDEFINED combinations. */
static bool vfp_lane(uint32_t opc1, uint32_t opc2, int *size, uint32_t *byte)
{
    if (opc1 & 2) {
        *size = IR_MO_8;
        *byte = (opc1 & 1) << 2 | opc2;
    } else if (opc2 & 1) {
        *size = IR_MO_16;
        *byte = ((opc1 & 1) << 1 | opc2 >> 1) * 2;
    } else if (opc2 == 0) {
        *size = IR_MO_32;
        *byte = (opc1 & 1) * 4;
    } else {
        return false;
    }
    return true;
}

/* VMOV.<size> Dd[x], Rt */
bool trans_VMOV_to_lane(DisasContext *dc, const DecodeFields *f)
{
    int size;
    uint32_t byte;
    if (!vfp_lane(F(h), F(H), &size, &byte)) {
        return false;
    }
    if (F(t) == 15) {
        return UNPREDICTABLE;
    }
    ir_stenv(IRC(dc), arm_R[F(t)], vfp_doff(F(d)) + (int32_t)byte, size);
    return true;
}

/* VMOV.<dt> Rt, Dn[x]: narrow lanes are sign- or zero-extended (U). */
bool trans_VMOV_from_lane(DisasContext *dc, const DecodeFields *f)
{
    int size;
    uint32_t byte;
    if (!vfp_lane(F(h), F(H), &size, &byte)) {
        return false;
    }
    if (size == IR_MO_32 && F(u)) {
        return false;       /* U must be 0 for a word */
    }
    if (F(t) == 15) {
        return UNPREDICTABLE;
    }
    ir_ldenv(IRC(dc), arm_R[F(t)], vfp_doff(F(n)) + (int32_t)byte, size | (F(u) ? 0 : IR_MO_SIGN));
    return true;
}

/* ---- VMOV register and immediate ---- */

/* VMOV register and immediate are data processing: UNDEFINED while
 * FPSCR.Len/Stride ask for short vectors (see vfp.c). */
bool trans_VMOV_reg(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    if (dc->base.tb_flags & ARM_TBF_FPVEC) {
        return false;
    }
    if (F(z)) {
        IRTemp v = arm_tmp64(dc);
        ir_ldenv(c, v, vfp_doff(F(m)), IR_MO_64);
        ir_stenv(c, v, vfp_doff(F(d)), IR_MO_64);
    } else {
        IRTemp v = arm_tmp(dc);
        ir_ldenv(c, v, vfp_soff(F(m)), IR_MO_32);
        ir_stenv(c, v, vfp_soff(F(d)), IR_MO_32);
    }
    return true;
}

/* VFPExpandImm: imm8 = a:b:cd:efgh is sign a, exponent NOT(b):b..b:cd,
 * fraction efgh followed by zeros. */
static uint64_t vfp_expand_imm(uint32_t imm8, bool dbl)
{
    uint64_t a = imm8 >> 7, b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3, efgh = imm8 & 15;
    if (dbl) {
        uint64_t exp = (b ^ 1) << 10 | (b ? 0xffu : 0) << 2 | cd;
        return a << 63 | exp << 52 | efgh << 48;
    }
    uint64_t exp = (b ^ 1) << 7 | (b ? 0x1fu : 0) << 2 | cd;
    return a << 31 | exp << 23 | efgh << 19;
}

bool trans_VMOV_imm(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    if (dc->base.tb_flags & ARM_TBF_FPVEC) {
        return false;
    }
    uint64_t v = vfp_expand_imm(F(h) << 4 | F(k), F(z));
    if (F(z)) {
        ir_stenv(c, ir_c64(c, v), vfp_doff(F(d)), IR_MO_64);
    } else {
        ir_stenv(c, arm_c32(dc, (uint32_t)v), vfp_soff(F(d)), IR_MO_32);
    }
    return true;
}

/* ---- loads and stores ---- */

static bool vfp_ldst(DisasContext *dc, const DecodeFields *f, bool load)
{
    int32_t off = (int32_t)(F(k) * 4);
    vfp_gen_xfer(dc, load, F(z), F(d), vfp_base(dc, F(n)), F(u) ? off : -off);
    return true;
}

bool trans_VLDR(DisasContext *dc, const DecodeFields *f) { return vfp_ldst(dc, f, true); }
bool trans_VSTR(DisasContext *dc, const DecodeFields *f) { return vfp_ldst(dc, f, false); }

/*
 * VLDM/VSTM IA (optional writeback) and DB (writeback), VPUSH/VPOP.  The
 * writeback and the pre-decrement cover imm8 words even for the odd imm8
 * of FLDMX/FSTMX, which transfer imm8 / 2 registers.
 *
 * A fault part-way through leaves the base register alone (it is written
 * last) but may have loaded some of the VFP registers: the ARM ARM allows
 * that, the destination registers of an aborted load multiple being
 * UNKNOWN.
 */
static bool vfp_ldstm(DisasContext *dc, const DecodeFields *f, bool load)
{
    IRContext *c = IRC(dc);
    uint32_t imm8 = F(k), rn = F(n), first = F(d);
    bool dbl = F(z), db = !F(u);
    uint32_t n = dbl ? imm8 / 2 : imm8;
    int32_t step = dbl ? 8 : 4;

    if (n == 0 || first + n > 32 || (dbl && n > 16)) {
        return UNPREDICTABLE;
    }
    if (rn == 15 && F(w)) {
        return UNPREDICTABLE;
    }
    IRTemp base = vfp_base(dc, rn);
    int32_t off = db ? -(int32_t)(imm8 * 4) : 0;
    for (uint32_t i = 0; i < n; i++) {
        vfp_gen_xfer(dc, load, dbl, first + i, base, off + (int32_t)i * step);
    }
    if (F(w)) {
        ir_addi(c, arm_R[rn], arm_R[rn], db ? -(imm8 * 4) : imm8 * 4);
    }
    return true;
}

bool trans_VLDM(DisasContext *dc, const DecodeFields *f) { return vfp_ldstm(dc, f, true); }
bool trans_VSTM(DisasContext *dc, const DecodeFields *f) { return vfp_ldstm(dc, f, false); }

/* ---- system registers ---- */

/*
 * In User mode only FPSCR is accessible: the ARM ARM makes VMRS/VMSR of
 * FPSID, MVFR0-2 and FPEXC UNDEFINED at PL0, Linux delivers SIGILL for
 * them, and qemu-arm does the same.
 *
 * FPSCR's cumulative flags live partly in the host MXCSR and its control
 * bits program it (vfp-helper.c), hence the helpers; NZCV alone is always
 * up to date in env->fpscr, which is all VMRS APSR_nzcv needs.
 */
bool trans_VMRS(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    uint32_t t = F(t);
    if (F(r) != VFP_FPSCR) {
        return false;
    }
    IRTemp v = arm_tmp(dc);
    if (t == 15) {
        ir_ldenv(c, v, FPSCR_OFF, IR_MO_32);
        vfp_gen_set_nzcv(dc, v);       /* VMRS APSR_nzcv, FPSCR */
    } else {
        ir_calln(c, &helper_info_vfp_get_fpscr, v);
        ir_mov(c, arm_R[t], v);
    }
    return true;
}

/* Translation depends on FPSCR.FZ and Len/Stride (TB flags), so the block
 * ends here and the next one is looked up with the flags the helper left
 * in the CPU state. */
bool trans_VMSR(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    if (F(r) != VFP_FPSCR) {
        return false;
    }
    if (F(t) == 15) {
        return UNPREDICTABLE;
    }
    ir_calln(c, &helper_info_vfp_set_fpscr, IR_NO_TEMP, arm_R[F(t)]);
    IRTemp fp = arm_tmp(dc);
    ir_andi(c, fp, arm_tbflags, ARM_TBF_FP_MASK);
    ir_ori(c, arm_tbflags, fp, (dc->thumb ? ARM_TBF_THUMB : 0) | (uint32_t)dc->condexec_next << ARM_TBF_IT_SHIFT);
    ir_movi(c, arm_R[15], dc->pc_curr + (uint32_t)dc->insn_len);
    dc->base.is_jmp = DISAS_JUMP;
    return true;
}

/* ---- field preparation: VFP register numbers ---- */

#define L(ch) (f->v[decode_letter_index(ch)])

/* S register: V:X; D register: X:V. */
static uint32_t vfp_sreg(uint32_t v, uint32_t x) { return v << 1 | x; }
static uint32_t vfp_dreg(uint32_t v, uint32_t x) { return x << 4 | v; }

static void prep_sn(DecodeFields *f) { L('n') = vfp_sreg(L('n'), L('N')); }
static void prep_sm(DecodeFields *f) { L('m') = vfp_sreg(L('m'), L('M')); }
static void prep_dd(DecodeFields *f) { L('d') = vfp_dreg(L('d'), L('D')); }
static void prep_dn(DecodeFields *f) { L('n') = vfp_dreg(L('n'), L('N')); }
static void prep_dm(DecodeFields *f) { L('m') = vfp_dreg(L('m'), L('M')); }

/* d by the sz bit. */
static void prep_zd(DecodeFields *f)
{
    L('d') = L('z') ? vfp_dreg(L('d'), L('D')) : vfp_sreg(L('d'), L('D'));
}

/* d and m by the sz bit. */
static void prep_zdm(DecodeFields *f)
{
    prep_zd(f);
    L('m') = L('z') ? vfp_dreg(L('m'), L('M')) : vfp_sreg(L('m'), L('M'));
}

/* ---- encodings ----
 *
 * A VFP encoding in T32 is the A32 one with the condition field replaced
 * by 1110, so each pattern is written once as its low 28 bits and expanded
 * into both tables.  X(name, low 28 bits, extra constraints, prep).
 */
#define VFP_PATTERNS(X)                                                                                  \
    X(VMOV_rs, "1110 000o nnnn tttt 1010 N--1 ----", "", prep_sn)                                        \
    X(VMOV_rrss, "1100 010o TTTT tttt 1010 00M1 mmmm", "", prep_sm)                                      \
    X(VMOV_rrd, "1100 010o TTTT tttt 1011 00M1 mmmm", "", prep_dm)                                       \
    X(VMOV_to_lane, "1110 0hh0 dddd tttt 1011 DHH1 ----", "", prep_dd)                                   \
    X(VMOV_from_lane, "1110 uhh1 nnnn tttt 1011 NHH1 ----", "", prep_dn)                                 \
    X(VMSR, "1110 1110 rrrr tttt 1010 ---1 ----", "", NULL)                                              \
    X(VMRS, "1110 1111 rrrr tttt 1010 ---1 ----", "", NULL)                                              \
    X(VMOV_imm, "1110 1D11 hhhh dddd 101z -0-0 kkkk", "", prep_zd)                                       \
    X(VMOV_reg, "1110 1D11 0000 dddd 101z 01M0 mmmm", "", prep_zdm)                                      \
    X(VSTR, "1101 uD00 nnnn dddd 101z kkkk kkkk", "", prep_zd)                                           \
    X(VLDR, "1101 uD01 nnnn dddd 101z kkkk kkkk", "", prep_zd)                                           \
    /* IA (P=0 U=1) with optional writeback, DB (P=1 U=0 W=1); P=1 W=0 is \
     * VLDR/VSTR above, the other P/U/W combinations are the 64-bit moves \
     * or UNDEFINED. */                                                                                  \
    X(VSTM, "1100 uDw0 nnnn dddd 101z kkkk kkkk", ", u==1", prep_zd)                                     \
    X(VLDM, "1100 uDw1 nnnn dddd 101z kkkk kkkk", ", u==1", prep_zd)                                     \
    X(VSTM, "1101 uDw0 nnnn dddd 101z kkkk kkkk", ", u==0, w==1", prep_zd)                               \
    X(VLDM, "1101 uDw1 nnnn dddd 101z kkkk kkkk", ", u==0, w==1", prep_zd)

#define VFP_A32(name, bits, cons, prep) PATX(name, "cccc " bits " | c!=15" cons, prep),
#define VFP_T32(name, bits, cons, prep) PATX(name, "1110 " bits " | " cons, prep),

static DecodePattern a32_vfp[] = { VFP_PATTERNS(VFP_A32) };
ARM_PATTERN_SET(arm_a32_vfp_set, a32_vfp);
static DecodePattern t32_vfp[] = { VFP_PATTERNS(VFP_T32) };
ARM_PATTERN_SET(arm_t32_vfp_set, t32_vfp);
