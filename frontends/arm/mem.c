/*
 * Loads and stores, A32, T32 and T16: the single-register forms (LDR, STR,
 * the byte, halfword and signed variants and their unprivileged "T" forms),
 * LDRD/STRD, LDM/STM/PUSH/POP in every mode, the exclusives and the ARMv8
 * load-acquire/store-release forms, CLREX and the preload hints.
 *
 * Fields (the same letters in every encoding; prep hooks fill in what an
 * encoding implies rather than encodes):
 *   t Rt   T Rt2   n Rn   m Rm   d Rd (STREX status)   l register list
 *   p P (index before access)   u U (add)   w W (writeback)
 *   k immediate offset, in bytes after prep   i shift amount   y shift type
 *
 * Behaviour where the manual says UNPREDICTABLE follows qemu-arm, the
 * behavioural oracle: it executes most such forms and UNDEFs a few (noted
 * where they are refused).  One exception: T32 LDM/STM with a single
 * register are executed like the A32 forms, as hardware and current qemu do
 * (Debian's qemu 7.2 UNDEFs them).
 *
 * Precise faults: every guest load of an instruction happens before any
 * guest register is written, and stores come before the base writeback, so
 * a fault leaves the registers as they were before the instruction.
 *
 * Alignment: single accesses may be unaligned (SCTLR.A is clear for Linux
 * user space).  LDRD/STRD/LDM/STM need word alignment on hardware, but
 * Linux's alignment trap completes unaligned ones for user programs, so they
 * are simply performed: no test on the hot PUSH/POP path.  (qemu-arm raises
 * SIGBUS for them instead.)  The exclusives and the acquire/release forms
 * must be naturally aligned even so; for those an inline test raises SIGBUS
 * (see gen_check_align).
 *
 * Memory ordering on the x86 host (TSO): loads are not reordered with later
 * accesses and stores are not reordered with earlier ones, so LDA* is an
 * acquire and STL* a release as plain moves.  The one ordering TSO lacks is
 * store -> later load, which ARMv8 requires between a store-release and a
 * later load-acquire; STL/STLB/STLH therefore end with a full fence.  STREX
 * and STLEX use lock cmpxchg, already a full barrier, so they need none.
 */
#include "frontends/arm/translate.h"

#include <signal.h>
#include <stddef.h>

/* ---- common pieces ---- */

/* The base address register: Align(PC, 4) for literal addressing (in A32
 * the pc value is aligned already). */
static IRTemp ldst_base(DisasContext *dc, int rn)
{
    return rn == 15 ? arm_c32(dc, arm_pc_aligned(dc)) : arm_R[rn];
}

/* The offset register of the register forms, shifted by an immediate. */
static IRTemp ldst_reg_offset(DisasContext *dc, const DecodeFields *f)
{
    IRTemp rm = arm_get_reg(dc, (int)F(m));
    if (F(i) == 0 && F(y) == 0) {
        return rm;
    }
    IRTemp off = arm_tmp(dc);
    arm_gen_shift_imm(dc, off, rm, (int)F(y), (int)F(i), false);
    return off;
}

/*
 * The addressing of a single transfer.  The access goes to addr + disp; if
 * the form writes back, wb_val() yields the new base.  Immediate offsets
 * are folded into the access (disp), so "ldr r0, [r1, #4]" needs no add.
 */
typedef struct LdstAddr {
    IRTemp base;            /* Rn's value */
    IRTemp addr;            /* address temp of the access */
    int32_t disp;           /* constant displacement of the access */
    IRTemp off;             /* register offset (register forms) */
    int32_t imm;            /* signed immediate offset (immediate forms) */
    bool reg, add, wback;
} LdstAddr;

static void ldst_addr_init(DisasContext *dc, const DecodeFields *f, bool reg, LdstAddr *a)
{
    bool p = F(p);
    a->base = ldst_base(dc, (int)F(n));
    a->addr = a->base;
    a->disp = 0;
    a->reg = reg;
    a->add = F(u);
    /* P == 0 always writes back: with W == 1 it is the unprivileged "T"
     * form, which in user mode is an ordinary post-indexed access. */
    a->wback = !p || F(w);
    if (reg) {
        a->off = ldst_reg_offset(dc, f);
        a->imm = 0;
        if (p) {
            a->addr = arm_tmp(dc);
            if (a->add) {
                ir_add(IRC(dc), a->addr, a->base, a->off);
            } else {
                ir_sub(IRC(dc), a->addr, a->base, a->off);
            }
        }
    } else {
        a->off = IR_NO_TEMP;
        a->imm = a->add ? (int32_t)F(k) : -(int32_t)F(k);
        if (p) {
            a->disp = a->imm;
        }
    }
}

/* The written-back base, computed from the original base: call it before
 * any register is written. */
static IRTemp ldst_wb_val(DisasContext *dc, const LdstAddr *a)
{
    IRContext *c = IRC(dc);
    if (a->reg && a->addr != a->base) {
        return a->addr;                 /* pre-indexed: the address itself */
    }
    IRTemp nb = arm_tmp(dc);
    if (!a->reg) {
        ir_addi(c, nb, a->base, (uint32_t)a->imm);
    } else if (a->add) {
        ir_add(c, nb, a->base, a->off);
    } else {
        ir_sub(c, nb, a->base, a->off);
    }
    return nb;
}

/* ---- single loads and stores ---- */

static bool gen_load(DisasContext *dc, const DecodeFields *f, int mo, bool reg)
{
    LdstAddr a;
    IRTemp val = arm_tmp(dc);

    ldst_addr_init(dc, f, reg, &a);
    arm_gen_ld(dc, val, a.addr, a.disp, mo);
    if (a.wback) {
        arm_write_rd(dc, F(n), ldst_wb_val(dc, &a));
    }
    /* After the writeback, so Rt == Rn ends with the loaded value (qemu's
     * choice for this UNPREDICTABLE case). */
    arm_set_reg_bx(dc, (int)F(t), val);
    return true;
}

static bool gen_store(DisasContext *dc, const DecodeFields *f, int mo, bool reg)
{
    LdstAddr a;

    if (dc->thumb && F(n) == 15) {
        return false;           /* UNDEFINED in every Thumb store encoding */
    }
    ldst_addr_init(dc, f, reg, &a);
    /* Rt == 15 stores the architectural pc (A32 +8, Thumb +4). */
    arm_gen_st(dc, arm_get_reg(dc, (int)F(t)), a.addr, a.disp, mo);
    if (a.wback) {
        arm_write_rd(dc, F(n), ldst_wb_val(dc, &a));
    }
    return true;
}

#define DO_LDST(NAME, LOAD, MO)                                                                   \
    bool trans_##NAME##_ri(DisasContext *dc, const DecodeFields *f) { return LOAD(dc, f, MO, false); } \
    bool trans_##NAME##_rr(DisasContext *dc, const DecodeFields *f) { return LOAD(dc, f, MO, true); }

DO_LDST(LDR, gen_load, IR_MO_32)
DO_LDST(LDRB, gen_load, IR_MO_8)
DO_LDST(LDRH, gen_load, IR_MO_16)
DO_LDST(LDRSB, gen_load, IR_MO_8 | IR_MO_SIGN)
DO_LDST(LDRSH, gen_load, IR_MO_16 | IR_MO_SIGN)
DO_LDST(STR, gen_store, IR_MO_32)
DO_LDST(STRB, gen_store, IR_MO_8)
DO_LDST(STRH, gen_store, IR_MO_16)

/* ---- LDRD / STRD ---- */

/* The 64-bit value of a register pair in memory order: Rt is always the
 * word at the lower address. */
static void gen_pair_concat(DisasContext *dc, IRTemp d64, IRTemp first, IRTemp second)
{
    if (dc->be_data) {
        ir_concat(IRC(dc), d64, second, first);
    } else {
        ir_concat(IRC(dc), d64, first, second);
    }
}

static void gen_pair_split(DisasContext *dc, IRTemp first, IRTemp second, IRTemp v64)
{
    IRContext *c = IRC(dc);
    ir_trunc(c, dc->be_data ? second : first, v64);
    ir_trunch(c, dc->be_data ? first : second, v64);
}

/* A32 forms name Rt only (Rt2 = Rt + 1, filled in by prep) and need it
 * even; A32 has no unprivileged LDRD/STRD, so P == 0 with W == 1 is
 * UNDEFINED there. */
static bool dual_ok(DisasContext *dc, const DecodeFields *f)
{
    return dc->thumb || (!(F(t) & 1) && (F(p) || !F(w)));
}

static bool gen_ldrd(DisasContext *dc, const DecodeFields *f, bool reg)
{
    LdstAddr a;
    IRTemp v64 = arm_tmp64(dc), lo = arm_tmp(dc), hi = arm_tmp(dc), nb = IR_NO_TEMP;

    if (!dual_ok(dc, f)) {
        return false;
    }
    ldst_addr_init(dc, f, reg, &a);
    /* One 64-bit access: single-copy atomic, and Rt is not written if the
     * second word faults ("ldrd r2, r3, [r2]"). */
    arm_gen_ld(dc, v64, a.addr, a.disp, IR_MO_64);
    gen_pair_split(dc, lo, hi, v64);
    /* Post-indexed by a register that is also Rt or Rt2 is UNPREDICTABLE;
     * qemu adds Rm as loaded, to the original base. */
    bool rm_late = a.wback && reg && !F(p);
    if (rm_late) {
        a.base = a.addr = arm_get_reg_copy(dc, (int)F(n));
    } else if (a.wback) {
        nb = ldst_wb_val(dc, &a);
    }
    arm_write_rd(dc, F(t), lo);
    arm_write_rd(dc, F(T), hi);
    /* Overlapping writeback is UNPREDICTABLE; qemu writes the base last. */
    if (rm_late) {
        a.off = ldst_reg_offset(dc, f);
        nb = ldst_wb_val(dc, &a);
    }
    if (a.wback) {
        arm_write_rd(dc, F(n), nb);
    }
    return true;
}

static bool gen_strd(DisasContext *dc, const DecodeFields *f, bool reg)
{
    LdstAddr a;
    IRTemp v64 = arm_tmp64(dc);

    if (!dual_ok(dc, f)) {
        return false;
    }
    ldst_addr_init(dc, f, reg, &a);
    gen_pair_concat(dc, v64, arm_get_reg(dc, (int)F(t)), arm_get_reg(dc, (int)F(T)));
    arm_gen_st(dc, v64, a.addr, a.disp, IR_MO_64);
    if (a.wback) {
        arm_write_rd(dc, F(n), ldst_wb_val(dc, &a));
    }
    return true;
}

bool trans_LDRD_ri(DisasContext *dc, const DecodeFields *f) { return gen_ldrd(dc, f, false); }
bool trans_LDRD_rr(DisasContext *dc, const DecodeFields *f) { return gen_ldrd(dc, f, true); }
bool trans_STRD_ri(DisasContext *dc, const DecodeFields *f) { return gen_strd(dc, f, false); }
bool trans_STRD_rr(DisasContext *dc, const DecodeFields *f) { return gen_strd(dc, f, true); }

/* ---- LDM / STM ---- */

/* Displacement of the lowest word from the base, and the base change of
 * the writeback, for n registers in mode P:U (IA, IB, DA, DB). */
static void ldm_layout(const DecodeFields *f, int n, int32_t *first, int32_t *delta)
{
    bool p = F(p), u = F(u);
    if (u) {
        *first = p ? 4 : 0;
        *delta = 4 * n;
    } else {
        *first = p ? -4 * n : -4 * (n - 1);
        *delta = -4 * n;
    }
}

bool trans_LDM(DisasContext *dc, const DecodeFields *f)
{
    IRContext *c = IRC(dc);
    uint32_t list = F(l);
    int rn = (int)F(n), n = __builtin_popcount(list);
    int32_t disp, delta;
    IRTemp vals[16];

    /* An empty list, a pc base, and (A32 from v7, T32) writeback of a
     * loaded base are UNPREDICTABLE; qemu UNDEFs them.  T16 never asks for
     * writeback of a loaded base (its prep clears W). */
    if (n == 0 || rn == 15 || (F(w) && (list >> rn & 1))) {
        return UNPREDICTABLE;
    }
    ldm_layout(f, n, &disp, &delta);
    for (int r = 0; r < 16; r++) {
        if (list >> r & 1) {
            vals[r] = arm_tmp(dc);
            arm_gen_ld(dc, vals[r], arm_R[rn], disp, IR_MO_32);
            disp += 4;
        }
    }
    if (F(w)) {
        ir_addi(c, arm_R[rn], arm_R[rn], (uint32_t)delta);
    }
    for (int r = 0; r < 15; r++) {
        if (list >> r & 1) {
            ir_mov(c, arm_R[r], vals[r]);
        }
    }
    if (list >> 15 & 1) {
        arm_set_reg_bx(dc, 15, vals[15]);
    }
    return true;
}

bool trans_STM(DisasContext *dc, const DecodeFields *f)
{
    uint32_t list = F(l);
    int rn = (int)F(n), n = __builtin_popcount(list);
    int32_t disp, delta;

    if (n == 0 || rn == 15) {
        return UNPREDICTABLE;
    }
    /* T32 with the written-back base in the list: qemu UNDEFs.  A32 and
     * T16 store the base's original value. */
    if (dc->thumb && dc->insn_len == 4 && F(w) && (list >> rn & 1)) {
        return UNPREDICTABLE;
    }
    ldm_layout(f, n, &disp, &delta);
    for (int r = 0; r < 16; r++) {
        if (list >> r & 1) {
            arm_gen_st(dc, arm_get_reg(dc, r), arm_R[rn], disp, IR_MO_32);
            disp += 4;
        }
    }
    if (F(w)) {
        ir_addi(IRC(dc), arm_R[rn], arm_R[rn], (uint32_t)delta);
    }
    return true;
}

/* ---- exclusives and acquire/release ---- */

static IRTemp excl_addr(DisasContext *dc, const DecodeFields *f)
{
    if (F(k) == 0) {
        return arm_R[F(n)];
    }
    IRTemp a = arm_tmp(dc);
    ir_addi(IRC(dc), a, arm_R[F(n)], F(k));
    return a;
}

/*
 * Raise SIGBUS (an alignment fault at this instruction) unless the address
 * is a multiple of the access size.  The fault path is inline code that the
 * aligned case branches over: the IR has no out-of-line section, and a
 * helper call on the fast path would cost more than the branch.  It stores
 * the faulting address itself, because translator_gen_exception only takes
 * a constant one.  Temps do not survive the branch, so callers recompute
 * the address afterwards (it is a register or register + constant).
 */
static void gen_check_align(DisasContext *dc, const DecodeFields *f, int mo)
{
    IRContext *c = IRC(dc);
    uint32_t mask = (1u << (mo & IR_MO_SIZE)) - 1;
    if (mask == 0) {
        return;
    }
    uint32_t ok = ir_new_label(c);
    ir_brcondi(c, excl_addr(dc, f), mask, IR_TSTEQ, ok);
    ir_stenv(c, excl_addr(dc, f), offsetof(CPUCommon, exc_addr), IR_MO_32);
    ir_stenv(c, arm_c32(dc, BUS_ADRALN), offsetof(CPUCommon, exc_code), IR_MO_32);
    ir_stenv(c, arm_c32(dc, EXCP_BUS), offsetof(CPUCommon, exception), IR_MO_32);
    ir_movi(c, arm_tbflags, (dc->base.tb_flags & ARM_TBF_FP_MASK) | (dc->thumb ? ARM_TBF_THUMB : 0) | (uint32_t)dc->condexec << ARM_TBF_IT_SHIFT);
    ir_movi(c, arm_R[15], dc->pc_curr);
    ir_exit_tb(c, IR_EXIT_NOCHAIN);
    ir_label(c, ok);
}

/* A32 LDREXD/STREXD name Rt only and need it even (Rt2 = Rt + 1). */
static bool excl_pair_ok(DisasContext *dc, const DecodeFields *f)
{
    return dc->thumb || !(F(t) & 1);
}

/* LDREX: load, and arm the monitor with the address and the value seen. */
static bool gen_ldrex(DisasContext *dc, const DecodeFields *f, int mo)
{
    IRContext *c = IRC(dc);
    bool pair = (mo & IR_MO_SIZE) == IR_MO_64;
    int rt = (int)F(t), rt2 = pair ? (int)F(T) : -1;

    /* UNPREDICTABLE register choices that qemu UNDEFs. */
    if (F(n) == 15 || rt == 15 || (pair && (!excl_pair_ok(dc, f) || rt2 == 15 || rt2 == rt))) {
        return UNPREDICTABLE;
    }
    gen_check_align(dc, f, mo);
    IRTemp addr = excl_addr(dc, f);
    if (pair) {
        IRTemp v64 = arm_tmp64(dc), lo = arm_tmp(dc), hi = arm_tmp(dc);
        arm_gen_ld(dc, v64, addr, 0, IR_MO_64);
        gen_pair_split(dc, lo, hi, v64);
        ir_mov(c, arm_excl_addr, addr);
        ir_mov(c, arm_excl_val, lo);
        ir_mov(c, arm_excl_hi, hi);
        ir_mov(c, arm_R[rt], lo);
        ir_mov(c, arm_R[rt2], hi);
    } else {
        IRTemp v = arm_tmp(dc);
        arm_gen_ld(dc, v, addr, 0, mo);
        /* addr may be Rt itself: arm the monitor first. */
        ir_mov(c, arm_excl_addr, addr);
        ir_mov(c, arm_excl_val, v);
        ir_mov(c, arm_R[rt], v);
    }
    return true;
}

/*
 * STREX Rd, Rt, [Rn]: succeeds (Rd = 0) only if the monitor holds this
 * address and memory still holds the value LDREX saw, checked and stored
 * atomically with cmpxchg, which is what makes the pair atomic against
 * other host threads.  The monitor is cleared either way.
 */
static bool gen_strex(DisasContext *dc, const DecodeFields *f, int mo)
{
    IRContext *c = IRC(dc);
    bool pair = (mo & IR_MO_SIZE) == IR_MO_64;
    int rd = (int)F(d), rt = (int)F(t), rn = (int)F(n), rt2 = pair ? (int)F(T) : -1;

    if (rd == 15 || rn == 15 || rt == 15 || rd == rn || rd == rt ||
        (pair && (!excl_pair_ok(dc, f) || rt2 == 15 || rd == rt2))) {
        return UNPREDICTABLE;
    }
    uint32_t fail = ir_new_label(c), done = ir_new_label(c);
    ir_brcond(c, excl_addr(dc, f), arm_excl_addr, IR_NE, fail);
    /* Like qemu, only an access that would really store checks alignment. */
    gen_check_align(dc, f, mo);
    IRTemp addr = excl_addr(dc, f);
    IRTemp status = arm_tmp(dc);
    if (pair) {
        IRTemp exp = arm_tmp64(dc), nv = arm_tmp64(dc), old = arm_tmp64(dc), ne = arm_tmp64(dc);
        gen_pair_concat(dc, exp, arm_excl_val, arm_excl_hi);
        gen_pair_concat(dc, nv, arm_R[rt], arm_R[rt2]);
        ir_cmpxchg(c, old, addr, exp, nv, 0, IR_MO_64 | (dc->be_data ? IR_MO_BSWAP : 0));
        ir_setcond(c, ne, old, exp, IR_NE);
        ir_trunc(c, status, ne);
    } else {
        IRTemp old = arm_tmp(dc);
        int bswap = dc->be_data && (mo & IR_MO_SIZE) ? IR_MO_BSWAP : 0;
        ir_cmpxchg(c, old, addr, arm_excl_val, arm_R[rt], 0, mo | bswap);
        ir_setcond(c, status, old, arm_excl_val, IR_NE);
    }
    ir_mov(c, arm_R[rd], status);
    ir_br(c, done);
    ir_label(c, fail);
    ir_movi(c, arm_R[rd], 1);
    ir_label(c, done);
    ir_movi(c, arm_excl_addr, ~0u);
    return true;
}

/* LDA*: plain loads are acquires on TSO; they must still be aligned. */
static bool gen_lda(DisasContext *dc, const DecodeFields *f, int mo)
{
    IRTemp v = arm_tmp(dc);
    if (F(n) == 15 || F(t) == 15) {
        return UNPREDICTABLE;
    }
    gen_check_align(dc, f, mo);
    arm_gen_ld(dc, v, arm_R[F(n)], 0, mo);
    ir_mov(IRC(dc), arm_R[F(t)], v);
    return true;
}

/* STL*: a plain store is a release on TSO; the fence after it keeps a
 * following load-acquire from passing it (see the top of the file). */
static bool gen_stl(DisasContext *dc, const DecodeFields *f, int mo)
{
    if (F(n) == 15 || F(t) == 15) {
        return UNPREDICTABLE;
    }
    gen_check_align(dc, f, mo);
    arm_gen_st(dc, arm_R[F(t)], arm_R[F(n)], 0, mo);
    ir_mb(IRC(dc), IR_MB_FULL);
    return true;
}

#define DO_EXCL(NAME, GEN, MO) \
    bool trans_##NAME(DisasContext *dc, const DecodeFields *f) { return GEN(dc, f, MO); }

DO_EXCL(LDREX, gen_ldrex, IR_MO_32)
DO_EXCL(LDREXB, gen_ldrex, IR_MO_8)
DO_EXCL(LDREXH, gen_ldrex, IR_MO_16)
DO_EXCL(LDREXD, gen_ldrex, IR_MO_64)
DO_EXCL(STREX, gen_strex, IR_MO_32)
DO_EXCL(STREXB, gen_strex, IR_MO_8)
DO_EXCL(STREXH, gen_strex, IR_MO_16)
DO_EXCL(STREXD, gen_strex, IR_MO_64)
/* Acquire/release exclusives: the same code (see the top of the file). */
DO_EXCL(LDAEX, gen_ldrex, IR_MO_32)
DO_EXCL(LDAEXB, gen_ldrex, IR_MO_8)
DO_EXCL(LDAEXH, gen_ldrex, IR_MO_16)
DO_EXCL(LDAEXD, gen_ldrex, IR_MO_64)
DO_EXCL(STLEX, gen_strex, IR_MO_32)
DO_EXCL(STLEXB, gen_strex, IR_MO_8)
DO_EXCL(STLEXH, gen_strex, IR_MO_16)
DO_EXCL(STLEXD, gen_strex, IR_MO_64)
DO_EXCL(LDA, gen_lda, IR_MO_32)
DO_EXCL(LDAB, gen_lda, IR_MO_8)
DO_EXCL(LDAH, gen_lda, IR_MO_16)
DO_EXCL(STL, gen_stl, IR_MO_32)
DO_EXCL(STLB, gen_stl, IR_MO_8)
DO_EXCL(STLH, gen_stl, IR_MO_16)

bool trans_CLREX(DisasContext *dc, const DecodeFields *f)
{
    ir_movi(IRC(dc), arm_excl_addr, ~0u);
    return true;
}

/* SWP/SWPB: UNDEFINED on ARMv7 without the SWP extension (AT_HWCAP does
 * not advertise HWCAP_SWP). */
bool trans_SWP(DisasContext *dc, const DecodeFields *f)
{
    return false;
}

/* Preload hints (PLD, PLDW, PLI, and the unallocated hints that execute as
 * NOP): nothing to do. */
bool trans_PLD(DisasContext *dc, const DecodeFields *f)
{
    return true;
}

/* ---- field preparation ---- */

#define L(ch) (f->v[decode_letter_index(ch)])

static void set_puw(DecodeFields *f, uint32_t p, uint32_t u, uint32_t w)
{
    L('p') = p;
    L('u') = u;
    L('w') = w;
}

/* [Rn, #+imm] */
static void prep_off(DecodeFields *f) { set_puw(f, 1, 1, 0); }
/* [Rn, #+/-imm] (literal forms: U comes from the encoding) */
static void prep_off_u(DecodeFields *f)
{
    L('p') = 1;
    L('w') = 0;
}
/* A32 register forms without a shift (halfword, signed, dual). */
static void prep_noshift(DecodeFields *f)
{
    L('i') = 0;
    L('y') = 0;
}
/* A32 LDRD/STRD: Rt2 = Rt + 1. */
static void prep_a32_dual(DecodeFields *f) { L('T') = L('t') + 1; }
static void prep_a32_dual_rr(DecodeFields *f)
{
    prep_noshift(f);
    prep_a32_dual(f);
}
/* T32 [Rn, Rm, LSL #i] */
static void prep_t32_rr(DecodeFields *f)
{
    set_puw(f, 1, 1, 0);
    L('y') = 0;
}
/* T32 LDRD/STRD, LDREX/STREX: imm8 counts words. */
static void prep_x4(DecodeFields *f) { L('k') <<= 2; }
/* Exclusives without an offset. */
static void prep_ex0(DecodeFields *f) { L('k') = 0; }
static void prep_a32_exd(DecodeFields *f)
{
    L('k') = 0;
    L('T') = L('t') + 1;
}
/* T32 LDM/STM: IA or DB. */
static void prep_ia(DecodeFields *f)
{
    L('p') = 0;
    L('u') = 1;
}
static void prep_db(DecodeFields *f)
{
    L('p') = 1;
    L('u') = 0;
}

/* T16: [Rn, Rm] */
static void prep_t16_rr(DecodeFields *f)
{
    set_puw(f, 1, 1, 0);
    L('i') = 0;
    L('y') = 0;
}
/* T16: [Rn, #imm5 * size] */
static void prep_t16_b(DecodeFields *f) { set_puw(f, 1, 1, 0); }
static void prep_t16_h(DecodeFields *f)
{
    set_puw(f, 1, 1, 0);
    L('k') <<= 1;
}
static void prep_t16_w(DecodeFields *f)
{
    set_puw(f, 1, 1, 0);
    L('k') <<= 2;
}
/* T16: [SP, #imm8 * 4] and [PC, #imm8 * 4] */
static void prep_t16_sp(DecodeFields *f)
{
    prep_t16_w(f);
    L('n') = 13;
}
static void prep_t16_lit(DecodeFields *f)
{
    prep_t16_w(f);
    L('n') = 15;
}
/* T16 STMIA Rn!, and LDMIA Rn{!}: writeback unless Rn is loaded. */
static void prep_t16_stm(DecodeFields *f) { set_puw(f, 0, 1, 1); }
static void prep_t16_ldm(DecodeFields *f) { set_puw(f, 0, 1, !(L('l') >> L('n') & 1)); }
/* T16 PUSH/POP: list bit 8 is lr (PUSH) or pc (POP). */
static void prep_t16_push(DecodeFields *f)
{
    set_puw(f, 1, 0, 1);
    L('n') = 13;
    L('l') = (L('l') & 0xff) | (L('l') >> 8) << 14;
}
static void prep_t16_pop(DecodeFields *f)
{
    set_puw(f, 0, 1, 1);
    L('n') = 13;
    L('l') = (L('l') & 0xff) | (L('l') >> 8) << 15;
}

/* ---- A32 encodings ---- */

/* Word and unsigned byte: immediate and scaled register offsets. */
#define A32_LDST(NAME, BL)                                                                   \
    PAT(NAME##_ri, "cccc 010p u" BL " nnnn tttt kkkk kkkk kkkk | c!=15"),                     \
    PAT(NAME##_rr, "cccc 011p u" BL " nnnn tttt iiii iyy0 mmmm | c!=15")

/* Halfword, signed and dual: split imm4H:imm4L (the letters concatenate) or
 * an unshifted register. */
#define A32_LDST_X(NAME, L_, SH, PREP_RI, PREP_RR)                                           \
    PATX(NAME##_ri, "cccc 000p u1w" L_ " nnnn tttt kkkk 1" SH "1 kkkk | c!=15", PREP_RI),     \
    PATX(NAME##_rr, "cccc 000p u0w" L_ " nnnn tttt 0000 1" SH "1 mmmm | c!=15", PREP_RR)

static void prep_none(DecodeFields *f) { (void)f; }

static DecodePattern a32_mem[] = {
    A32_LDST(STR, "0w0"), A32_LDST(STRB, "1w0"), A32_LDST(LDR, "0w1"), A32_LDST(LDRB, "1w1"),
    A32_LDST_X(STRH, "0", "01", prep_none, prep_noshift),
    A32_LDST_X(LDRD, "0", "10", prep_a32_dual, prep_a32_dual_rr),
    A32_LDST_X(STRD, "0", "11", prep_a32_dual, prep_a32_dual_rr),
    A32_LDST_X(LDRH, "1", "01", prep_none, prep_noshift),
    A32_LDST_X(LDRSB, "1", "10", prep_none, prep_noshift),
    A32_LDST_X(LDRSH, "1", "11", prep_none, prep_noshift),

    PAT(LDM, "cccc 100p u0w1 nnnn llll llll llll llll | c!=15"),
    PAT(STM, "cccc 100p u0w0 nnnn llll llll llll llll | c!=15"),

    PAT(SWP, "cccc 0001 0-00 ---- ---- 0000 1001 ---- | c!=15"),
    PATX(STREX, "cccc 0001 1000 nnnn dddd 1111 1001 tttt | c!=15", prep_ex0),
    PATX(STREXD, "cccc 0001 1010 nnnn dddd 1111 1001 tttt | c!=15", prep_a32_exd),
    PATX(STREXB, "cccc 0001 1100 nnnn dddd 1111 1001 tttt | c!=15", prep_ex0),
    PATX(STREXH, "cccc 0001 1110 nnnn dddd 1111 1001 tttt | c!=15", prep_ex0),
    PATX(STLEX, "cccc 0001 1000 nnnn dddd 1110 1001 tttt | c!=15", prep_ex0),
    PATX(STLEXD, "cccc 0001 1010 nnnn dddd 1110 1001 tttt | c!=15", prep_a32_exd),
    PATX(STLEXB, "cccc 0001 1100 nnnn dddd 1110 1001 tttt | c!=15", prep_ex0),
    PATX(STLEXH, "cccc 0001 1110 nnnn dddd 1110 1001 tttt | c!=15", prep_ex0),
    PATX(STL, "cccc 0001 1000 nnnn 1111 1100 1001 tttt | c!=15", prep_ex0),
    PATX(STLB, "cccc 0001 1100 nnnn 1111 1100 1001 tttt | c!=15", prep_ex0),
    PATX(STLH, "cccc 0001 1110 nnnn 1111 1100 1001 tttt | c!=15", prep_ex0),
    PATX(LDREX, "cccc 0001 1001 nnnn tttt 1111 1001 1111 | c!=15", prep_ex0),
    PATX(LDREXD, "cccc 0001 1011 nnnn tttt 1111 1001 1111 | c!=15", prep_a32_exd),
    PATX(LDREXB, "cccc 0001 1101 nnnn tttt 1111 1001 1111 | c!=15", prep_ex0),
    PATX(LDREXH, "cccc 0001 1111 nnnn tttt 1111 1001 1111 | c!=15", prep_ex0),
    PATX(LDAEX, "cccc 0001 1001 nnnn tttt 1110 1001 1111 | c!=15", prep_ex0),
    PATX(LDAEXD, "cccc 0001 1011 nnnn tttt 1110 1001 1111 | c!=15", prep_a32_exd),
    PATX(LDAEXB, "cccc 0001 1101 nnnn tttt 1110 1001 1111 | c!=15", prep_ex0),
    PATX(LDAEXH, "cccc 0001 1111 nnnn tttt 1110 1001 1111 | c!=15", prep_ex0),
    PATX(LDA, "cccc 0001 1001 nnnn tttt 1100 1001 1111 | c!=15", prep_ex0),
    PATX(LDAB, "cccc 0001 1101 nnnn tttt 1100 1001 1111 | c!=15", prep_ex0),
    PATX(LDAH, "cccc 0001 1111 nnnn tttt 1100 1001 1111 | c!=15", prep_ex0),

    /* Unconditional space: CLREX and the hints (PLD, PLDW, PLI; immediate,
     * literal and register forms). */
    PAT(CLREX, "1111 0101 0111 1111 1111 0000 0001 1111"),
    PAT(PLD, "1111 0101 --01 ---- 1111 ---- ---- ----"),
    PAT(PLD, "1111 0100 -101 ---- 1111 ---- ---- ----"),
    PAT(PLD, "1111 0111 --01 ---- 1111 ---- ---0 ----"),
    PAT(PLD, "1111 0110 -101 ---- 1111 ---- ---0 ----"),
};
ARM_PATTERN_SET(arm_a32_mem_set, a32_mem);

/* ---- T32 encodings ---- */

/* Stores: register, imm8 indexed (W == 1: pre/post with writeback; P == 1,
 * W == 0: negative offset or the "T" form), imm12. */
#define T32_ST(NAME, SZ)                                                                     \
    PATX(NAME##_rr, "1111 1000 0" SZ "0 nnnn tttt 0000 00ii mmmm", prep_t32_rr),             \
    PAT(NAME##_ri, "1111 1000 0" SZ "0 nnnn tttt 1puw kkkk kkkk | w==1"),                    \
    PAT(NAME##_ri, "1111 1000 0" SZ "0 nnnn tttt 1puw kkkk kkkk | p==1"),                    \
    PATX(NAME##_ri, "1111 1000 1" SZ "0 nnnn tttt kkkk kkkk kkkk", prep_off)

/* Loads: literal (any Rn == 15 form), imm12, imm8 indexed, register. */
#define T32_LD(NAME, S, SZ)                                                                  \
    PATX(NAME##_ri, "1111 100" S " u" SZ "1 nnnn tttt kkkk kkkk kkkk | n==15", prep_off_u),  \
    PATX(NAME##_ri, "1111 100" S " 1" SZ "1 nnnn tttt kkkk kkkk kkkk", prep_off),            \
    PAT(NAME##_ri, "1111 100" S " 0" SZ "1 nnnn tttt 1puw kkkk kkkk | w==1"),                \
    PAT(NAME##_ri, "1111 100" S " 0" SZ "1 nnnn tttt 1puw kkkk kkkk | p==1"),                \
    PATX(NAME##_rr, "1111 100" S " 0" SZ "1 nnnn tttt 0000 00ii mmmm", prep_t32_rr)

/* Byte and halfword loads with Rt == 15 in the literal, imm12, negative
 * imm8 and register forms are the preload hints (PLD, PLDW, PLI) or
 * unallocated hints that execute as NOP. */
#define T32_HINT(S, SZ)                                                                      \
    PAT(PLD, "1111 100" S " -" SZ "1 1111 1111 ---- ---- ----"),                             \
    PAT(PLD, "1111 100" S " 1" SZ "1 ---- 1111 ---- ---- ----"),                             \
    PAT(PLD, "1111 100" S " 0" SZ "1 ---- 1111 1100 ---- ----"),                             \
    PAT(PLD, "1111 100" S " 0" SZ "1 ---- 1111 0000 00-- ----")

/* LDRD/STRD: P == 0 needs W == 1 (P == W == 0 is the exclusives' space). */
#define T32_DUAL(NAME, L_)                                                                   \
    PATX(NAME##_ri, "1110 100p u1w" L_ " nnnn tttt TTTT kkkk kkkk | w==1", prep_x4),         \
    PATX(NAME##_ri, "1110 100p u1w" L_ " nnnn tttt TTTT kkkk kkkk | p==1", prep_x4)

static DecodePattern t32_mem[] = {
    /* Exclusives and acquire/release first: they share the dual space. */
    PATX(STREX, "1110 1000 0100 nnnn tttt dddd kkkk kkkk", prep_x4),
    PATX(LDREX, "1110 1000 0101 nnnn tttt 1111 kkkk kkkk", prep_x4),
    PATX(STREXB, "1110 1000 1100 nnnn tttt 1111 0100 dddd", prep_ex0),
    PATX(STREXH, "1110 1000 1100 nnnn tttt 1111 0101 dddd", prep_ex0),
    PATX(STREXD, "1110 1000 1100 nnnn tttt TTTT 0111 dddd", prep_ex0),
    PATX(STLEX, "1110 1000 1100 nnnn tttt 1111 1110 dddd", prep_ex0),
    PATX(STLEXB, "1110 1000 1100 nnnn tttt 1111 1100 dddd", prep_ex0),
    PATX(STLEXH, "1110 1000 1100 nnnn tttt 1111 1101 dddd", prep_ex0),
    PATX(STLEXD, "1110 1000 1100 nnnn tttt TTTT 1111 dddd", prep_ex0),
    PATX(STL, "1110 1000 1100 nnnn tttt 1111 1010 1111", prep_ex0),
    PATX(STLB, "1110 1000 1100 nnnn tttt 1111 1000 1111", prep_ex0),
    PATX(STLH, "1110 1000 1100 nnnn tttt 1111 1001 1111", prep_ex0),
    PATX(LDREXB, "1110 1000 1101 nnnn tttt 1111 0100 1111", prep_ex0),
    PATX(LDREXH, "1110 1000 1101 nnnn tttt 1111 0101 1111", prep_ex0),
    PATX(LDREXD, "1110 1000 1101 nnnn tttt TTTT 0111 1111", prep_ex0),
    PATX(LDAEX, "1110 1000 1101 nnnn tttt 1111 1110 1111", prep_ex0),
    PATX(LDAEXB, "1110 1000 1101 nnnn tttt 1111 1100 1111", prep_ex0),
    PATX(LDAEXH, "1110 1000 1101 nnnn tttt 1111 1101 1111", prep_ex0),
    PATX(LDAEXD, "1110 1000 1101 nnnn tttt TTTT 1111 1111", prep_ex0),
    PATX(LDA, "1110 1000 1101 nnnn tttt 1111 1010 1111", prep_ex0),
    PATX(LDAB, "1110 1000 1101 nnnn tttt 1111 1000 1111", prep_ex0),
    PATX(LDAH, "1110 1000 1101 nnnn tttt 1111 1001 1111", prep_ex0),
    PAT(CLREX, "1111 0011 1011 1111 1000 1111 0010 1111"),

    T32_DUAL(STRD, "0"), T32_DUAL(LDRD, "1"),

    PATX(STM, "1110 1000 10w0 nnnn llll llll llll llll", prep_ia),
    PATX(LDM, "1110 1000 10w1 nnnn llll llll llll llll", prep_ia),
    PATX(STM, "1110 1001 00w0 nnnn llll llll llll llll", prep_db),
    PATX(LDM, "1110 1001 00w1 nnnn llll llll llll llll", prep_db),

    T32_ST(STRB, "00"), T32_ST(STRH, "01"), T32_ST(STR, "10"),
    T32_HINT("0", "00"), T32_HINT("0", "01"), T32_HINT("1", "00"), T32_HINT("1", "01"),
    T32_LD(LDRB, "0", "00"), T32_LD(LDRH, "0", "01"), T32_LD(LDR, "0", "10"),
    T32_LD(LDRSB, "1", "00"), T32_LD(LDRSH, "1", "01"),
};
ARM_PATTERN_SET(arm_t32_mem_set, t32_mem);

/* ---- T16 encodings ---- */

static DecodePattern t16_mem[] = {
    PATX(STR_rr, "0101 000m mmnn nttt", prep_t16_rr),
    PATX(STRH_rr, "0101 001m mmnn nttt", prep_t16_rr),
    PATX(STRB_rr, "0101 010m mmnn nttt", prep_t16_rr),
    PATX(LDRSB_rr, "0101 011m mmnn nttt", prep_t16_rr),
    PATX(LDR_rr, "0101 100m mmnn nttt", prep_t16_rr),
    PATX(LDRH_rr, "0101 101m mmnn nttt", prep_t16_rr),
    PATX(LDRB_rr, "0101 110m mmnn nttt", prep_t16_rr),
    PATX(LDRSH_rr, "0101 111m mmnn nttt", prep_t16_rr),
    PATX(STR_ri, "0110 0kkk kknn nttt", prep_t16_w),
    PATX(LDR_ri, "0110 1kkk kknn nttt", prep_t16_w),
    PATX(STRB_ri, "0111 0kkk kknn nttt", prep_t16_b),
    PATX(LDRB_ri, "0111 1kkk kknn nttt", prep_t16_b),
    PATX(STRH_ri, "1000 0kkk kknn nttt", prep_t16_h),
    PATX(LDRH_ri, "1000 1kkk kknn nttt", prep_t16_h),
    PATX(STR_ri, "1001 0ttt kkkk kkkk", prep_t16_sp),
    PATX(LDR_ri, "1001 1ttt kkkk kkkk", prep_t16_sp),
    PATX(LDR_ri, "0100 1ttt kkkk kkkk", prep_t16_lit),
    PATX(STM, "1100 0nnn llll llll", prep_t16_stm),
    PATX(LDM, "1100 1nnn llll llll", prep_t16_ldm),
    PATX(STM, "1011 010l llll llll", prep_t16_push),
    PATX(LDM, "1011 110l llll llll", prep_t16_pop),
};
ARM_PATTERN_SET(arm_t16_mem_set, t16_mem);
