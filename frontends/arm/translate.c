/*
 * ARM translator driver: the FrontendOps, instruction fetch, conditional
 * execution (A32 condition fields and T32 IT blocks) and the generators
 * shared by every instruction family.
 */
#include "frontends/arm/translate.h"

#include <capstone/capstone.h>
#include <stddef.h>
#include <string.h>

#include "frontends/arm/helpers.h"
#include "tcg/arch.h"
#include "tcg/guest-mem.h"
#include "tcg/util.h"

IRTemp arm_R[16];
IRTemp arm_tbflags, arm_NF, arm_ZF, arm_CF, arm_VF, arm_QF, arm_GE;
IRTemp arm_excl_addr, arm_excl_val, arm_excl_hi;

#define ENV_OFF(f) ((int32_t)offsetof(CPUARMState, f))

static void arm_init_globals(IRContext *ir)
{
    static const char *const names[15] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr",
    };
    arm_R[15] = ir_global(ir, IR_I32, ENV_OFF(common.pc), "pc");
    arm_tbflags = ir_global(ir, IR_I32, ENV_OFF(common.tb_flags), "tbflags");
    for (int i = 0; i < 15; i++) {
        arm_R[i] = ir_global(ir, IR_I32, ENV_OFF(regs[i]), names[i]);
    }
    arm_NF = ir_global(ir, IR_I32, ENV_OFF(NF), "NF");
    arm_ZF = ir_global(ir, IR_I32, ENV_OFF(ZF), "ZF");
    arm_CF = ir_global(ir, IR_I32, ENV_OFF(CF), "CF");
    arm_VF = ir_global(ir, IR_I32, ENV_OFF(VF), "VF");
    arm_QF = ir_global(ir, IR_I32, ENV_OFF(QF), "QF");
    arm_GE = ir_global(ir, IR_I32, ENV_OFF(GE), "GE");
    arm_excl_addr = ir_global(ir, IR_I32, ENV_OFF(exclusive_addr), "excl_addr");
    arm_excl_val = ir_global(ir, IR_I32, ENV_OFF(exclusive_val), "excl_val");
    arm_excl_hi = ir_global(ir, IR_I32, ENV_OFF(exclusive_hi), "excl_hi");
    arm_decode_init();
}

/* ---- registers ---- */

IRTemp arm_get_reg(DisasContext *dc, int r)
{
    if (r == 15) {
        return arm_c32(dc, dc->pc_curr + (dc->thumb ? 4 : 8));
    }
    return arm_R[r];
}

uint32_t arm_pc_aligned(DisasContext *dc)
{
    return (dc->pc_curr + (dc->thumb ? 4 : 8)) & ~3u;
}

IRTemp arm_get_reg_copy(DisasContext *dc, int r)
{
    IRTemp t = arm_tmp(dc);
    ir_mov(IRC(dc), t, arm_get_reg(dc, r));
    return t;
}

static uint32_t tbflags_for(DisasContext *dc, bool thumb, uint8_t it)
{
    /* The FPSCR-derived bits cannot change inside a TB (VMSR ends it). */
    return (dc->base.tb_flags & ARM_TBF_FP_MASK) | (thumb ? ARM_TBF_THUMB : 0) | ((uint32_t)it << ARM_TBF_IT_SHIFT);
}

void arm_gen_bx(DisasContext *dc, IRTemp addr)
{
    IRContext *c = IRC(dc);
    /* Compute both from addr before writing pc: addr may be a global. */
    IRTemp t = arm_tmp(dc);
    ir_andi(c, t, addr, 1);
    ir_andi(c, arm_R[15], addr, ~1u);
    ir_ori(c, arm_tbflags, t, dc->base.tb_flags & ARM_TBF_FP_MASK);
    dc->base.is_jmp = DISAS_JUMP;
}

void arm_gen_bx_imm(DisasContext *dc, uint32_t addr)
{
    IRContext *c = IRC(dc);
    bool thumb = addr & 1;
    ir_movi(c, arm_R[15], thumb ? addr & ~1u : addr & ~3u);
    ir_movi(c, arm_tbflags, tbflags_for(dc, thumb, 0));
    dc->base.is_jmp = DISAS_JUMP;
}

void arm_set_reg(DisasContext *dc, int r, IRTemp v)
{
    if (r != 15) {
        ir_mov(IRC(dc), arm_R[r], v);
        return;
    }
    if (dc->thumb) {
        /* BranchWritePC */
        ir_andi(IRC(dc), arm_R[15], v, ~1u);
        ir_movi(IRC(dc), arm_tbflags, tbflags_for(dc, true, 0));
        dc->base.is_jmp = DISAS_JUMP;
    } else {
        /* ALUWritePC is BXWritePC in ARM state from ARMv7. */
        arm_gen_bx(dc, v);
    }
}

/*
 * Destination registers of instructions whose Rd = pc is UNPREDICTABLE.  The manual
 * makes Rd = pc UNPREDICTABLE for all of them; qemu-arm, the oracle, writes
 * the pc as a plain branch in the current state (bit 0, or bits 1:0 in A32,
 * ignored), and so does this.  Compute into arm_dest(r), then call
 * arm_write_rd(r, v): for r0-r14 the result usually is the register itself
 * and nothing more is emitted. 
 */
IRTemp arm_dest(DisasContext *dc, uint32_t r)
{
    return r == 15 ? arm_tmp(dc) : arm_R[r];
}

void arm_write_rd(DisasContext *dc, uint32_t r, IRTemp v)
{
    IRContext *c = IRC(dc);
    if (r != 15) {
        if (v != arm_R[r]) {
            ir_mov(c, arm_R[r], v);
        }
        return;
    }
    ir_andi(c, arm_R[15], v, dc->thumb ? ~1u : ~3u);
    ir_movi(c, arm_tbflags, (dc->thumb ? ARM_TBF_THUMB : 0) | (dc->base.tb_flags & ARM_TBF_FP_MASK));
    dc->base.is_jmp = DISAS_JUMP;
}

void arm_set_reg_bx(DisasContext *dc, int r, IRTemp v)
{
    if (r == 15) {
        arm_gen_bx(dc, v);
    } else {
        ir_mov(IRC(dc), arm_R[r], v);
    }
}

static bool use_goto_tb(DisasContext *dc, uint32_t dest)
{
    /* Chaining across pages is sound in user mode: invalidating a TB for
     * any reason resets every jump into it. */
    (void)dest;
    return !dc->base.no_chain;
}

static void gen_goto_tb(DisasContext *dc, int slot, uint32_t dest, uint32_t flags)
{
    IRContext *c = IRC(dc);
    if (use_goto_tb(dc, dest)) {
        ir_goto_tb(c, slot);
        ir_movi(c, arm_R[15], dest);
        ir_movi(c, arm_tbflags, flags);
        ir_exit_tb(c, slot);
    } else {
        ir_movi(c, arm_R[15], dest);
        ir_movi(c, arm_tbflags, flags);
        arm_gen_lookup_exit(dc);
    }
}

void arm_gen_lookup_exit(DisasContext *dc)
{
    if (dc->base.no_chain) {
        ir_exit_tb(IRC(dc), IR_EXIT_NOCHAIN);
    } else {
        ir_lookup_and_goto(IRC(dc));
    }
}

void arm_gen_jmp(DisasContext *dc, uint32_t dest)
{
    if (dc->base.singlestep) {
        ir_movi(IRC(dc), arm_R[15], dest);
        ir_movi(IRC(dc), arm_tbflags, tbflags_for(dc, dc->thumb, 0));
        dc->base.is_jmp = DISAS_UPDATE_NOCHAIN;
        return;
    }
    gen_goto_tb(dc, 0, dest, tbflags_for(dc, dc->thumb, 0));
    dc->base.is_jmp = DISAS_NORETURN;
}

void arm_gen_exception_insn(DisasContext *dc, int excp)
{
    IRContext *c = IRC(dc);
    ir_movi(c, arm_tbflags, tbflags_for(dc, dc->thumb, dc->condexec));
    translator_gen_exception(&dc->base, arm_R[15], dc->pc_curr, excp, 0, 0);
}

void arm_gen_exception_next(DisasContext *dc, int excp)
{
    IRContext *c = IRC(dc);
    ir_movi(c, arm_tbflags, tbflags_for(dc, dc->thumb, dc->condexec_next));
    translator_gen_exception(&dc->base, arm_R[15], dc->pc_curr + (uint32_t)dc->insn_len, excp, 0, 0);
}

/* ---- flags ---- */

void arm_gen_nz(DisasContext *dc, IRTemp res)
{
    ir_mov(IRC(dc), arm_NF, res);
    ir_mov(IRC(dc), arm_ZF, res);
}

void arm_gen_add_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp r = arm_tmp(dc), t = arm_tmp(dc), u = arm_tmp(dc);
    ir_add(c, r, a, b);
    ir_setcond(c, arm_CF, r, a, IR_LTU);
    ir_xor(c, t, r, a);
    ir_xor(c, u, a, b);
    ir_andc(c, arm_VF, t, u);
    arm_gen_nz(dc, r);
    ir_mov(c, dst, r);
}

void arm_gen_sub_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp r = arm_tmp(dc), t = arm_tmp(dc), u = arm_tmp(dc);
    ir_sub(c, r, a, b);
    ir_setcond(c, arm_CF, a, b, IR_GEU);
    ir_xor(c, t, r, a);
    ir_xor(c, u, a, b);
    ir_and(c, arm_VF, t, u);
    arm_gen_nz(dc, r);
    ir_mov(c, dst, r);
}

void arm_gen_adc_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b)
{
    IRContext *c = IRC(dc);
    IRTemp a64 = arm_tmp64(dc), b64 = arm_tmp64(dc), c64 = arm_tmp64(dc);
    IRTemp r = arm_tmp(dc), t = arm_tmp(dc), u = arm_tmp(dc);
    ir_zext(c, a64, a);
    ir_zext(c, b64, b);
    ir_zext(c, c64, arm_CF);
    ir_add(c, a64, a64, b64);
    ir_add(c, a64, a64, c64);
    ir_trunc(c, r, a64);
    ir_xor(c, t, r, a);
    ir_xor(c, u, a, b);
    ir_andc(c, arm_VF, t, u);
    ir_trunch(c, arm_CF, a64);
    arm_gen_nz(dc, r);
    ir_mov(c, dst, r);
}

void arm_gen_sbc_cc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b)
{
    /* a - b - !C == a + ~b + C */
    IRTemp nb = arm_tmp(dc);
    ir_not(IRC(dc), nb, b);
    arm_gen_adc_cc(dc, dst, a, nb);
}

void arm_gen_adc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b)
{
    IRTemp t = arm_tmp(dc);
    ir_add(IRC(dc), t, a, b);
    ir_add(IRC(dc), dst, t, arm_CF);
}

void arm_gen_sbc(DisasContext *dc, IRTemp dst, IRTemp a, IRTemp b)
{
    IRTemp t = arm_tmp(dc), nb = arm_tmp(dc);
    ir_not(IRC(dc), nb, b);
    ir_add(IRC(dc), t, a, nb);
    ir_add(IRC(dc), dst, t, arm_CF);
}

/* ---- shifts ---- */

void arm_gen_shift_imm(DisasContext *dc, IRTemp dst, IRTemp src, int type, int amount, bool set_c)
{
    IRContext *c = IRC(dc);
    /* The carry comes from src, which dst may alias: compute it first. */
    IRTemp carry = IR_NO_TEMP;
    switch (type) {
    case 0: /* LSL */
        if (amount == 0) {
            ir_mov(c, dst, src);
            return;
        }
        if (set_c) {
            carry = arm_tmp(dc);
            ir_extract(c, carry, src, 32 - amount, 1);
        }
        ir_shli(c, dst, src, (unsigned)amount);
        break;
    case 1: /* LSR; #0 means #32 */
        if (set_c) {
            carry = arm_tmp(dc);
            ir_extract(c, carry, src, amount ? amount - 1 : 31, 1);
        }
        if (amount == 0) {
            ir_movi(c, dst, 0);
        } else {
            ir_shri(c, dst, src, (unsigned)amount);
        }
        break;
    case 2: /* ASR; #0 means #32 */
        if (set_c) {
            carry = arm_tmp(dc);
            ir_extract(c, carry, src, amount ? amount - 1 : 31, 1);
        }
        ir_sari(c, dst, src, amount ? (unsigned)amount : 31);
        break;
    default: /* ROR; #0 means RRX */
        if (amount == 0) {
            IRTemp t = arm_tmp(dc), old_c = arm_tmp(dc);
            ir_mov(c, old_c, arm_CF);
            if (set_c) {
                carry = arm_tmp(dc);
                ir_andi(c, carry, src, 1);
            }
            ir_shri(c, t, src, 1);
            ir_deposit(c, dst, t, old_c, 31, 1);
        } else {
            if (set_c) {
                carry = arm_tmp(dc);
                ir_extract(c, carry, src, amount - 1, 1);
            }
            ir_rotri(c, dst, src, (unsigned)amount);
        }
        break;
    }
    if (set_c) {
        ir_mov(c, arm_CF, carry);
    }
}


void arm_gen_shift_reg(DisasContext *dc, IRTemp dst, IRTemp src, int type, IRTemp rs, bool set_c)
{
    IRContext *c = IRC(dc);
    IRTemp amt = arm_tmp(dc);
    ir_andi(c, amt, rs, 0xff);
    if (set_c) {
        /* Rare: a pure helper returns carry:result as one i64. */
        IRTemp r64 = arm_tmp64(dc), hi = arm_tmp(dc);
        ir_calln(c, &helper_info_arm_shift_cc, r64, src, amt, arm_c32(dc, (uint32_t)type), arm_CF);
        ir_trunch(c, hi, r64);
        ir_trunc(c, dst, r64);
        ir_mov(c, arm_CF, hi);
        return;
    }
    IRTemp t = arm_tmp(dc), m = arm_tmp(dc);
    switch (type) {
    case 0:
    case 1:
        ir_andi(c, m, amt, 31);
        if (type == 0) {
            ir_shl(c, t, src, m);
        } else {
            ir_shr(c, t, src, m);
        }
        ir_movcond(c, dst, amt, arm_c32(dc, 31), arm_c32(dc, 0), t, IR_GTU);
        break;
    case 2:
        ir_movcond(c, m, amt, arm_c32(dc, 31), arm_c32(dc, 31), amt, IR_GTU);
        ir_sar(c, dst, src, m);
        break;
    default:
        ir_andi(c, m, amt, 31);
        ir_rotr(c, dst, src, m);
        break;
    }
}

/* ---- conditions ---- */

void arm_gen_test_cc(DisasContext *dc, int cond, uint32_t label)
{
    IRContext *c = IRC(dc);
    IRTemp t;
    switch (cond) {
    case 0: ir_brcondi(c, arm_ZF, 0, IR_EQ, label); break;          /* EQ */
    case 1: ir_brcondi(c, arm_ZF, 0, IR_NE, label); break;          /* NE */
    case 2: ir_brcondi(c, arm_CF, 0, IR_NE, label); break;          /* CS */
    case 3: ir_brcondi(c, arm_CF, 0, IR_EQ, label); break;          /* CC */
    case 4: ir_brcondi(c, arm_NF, 0, IR_LT, label); break;          /* MI */
    case 5: ir_brcondi(c, arm_NF, 0, IR_GE, label); break;          /* PL */
    case 6: ir_brcondi(c, arm_VF, 0, IR_LT, label); break;          /* VS */
    case 7: ir_brcondi(c, arm_VF, 0, IR_GE, label); break;          /* VC */
    case 8: /* HI: C && !Z */
    case 9: /* LS: !C || Z */
        t = arm_tmp(dc);
        ir_neg(c, t, arm_CF);
        ir_and(c, t, t, arm_ZF);
        ir_brcondi(c, t, 0, cond == 8 ? IR_NE : IR_EQ, label);
        break;
    case 10: /* GE: N == V */
    case 11: /* LT */
        t = arm_tmp(dc);
        ir_xor(c, t, arm_VF, arm_NF);
        ir_brcondi(c, t, 0, cond == 10 ? IR_GE : IR_LT, label);
        break;
    case 12: /* GT: !Z && N == V */
    case 13: /* LE */
        t = arm_tmp(dc);
        ir_xor(c, t, arm_VF, arm_NF);
        ir_sari(c, t, t, 31);
        ir_andc(c, t, arm_ZF, t);
        ir_brcondi(c, t, 0, cond == 12 ? IR_NE : IR_EQ, label);
        break;
    default:
        ir_br(c, label);
        break;
    }
}

void arm_gen_cond_skip(DisasContext *dc, int cond)
{
    if (cond >= 14) {
        return;
    }
    dc->condlabel = ir_new_label(IRC(dc));
    dc->condjmp = true;
    arm_gen_test_cc(dc, cond ^ 1, dc->condlabel);
}

/* ---- memory ---- */

void arm_gen_ld(DisasContext *dc, IRTemp dst, IRTemp addr, int32_t off, int mo)
{
    if (dc->be_data && (mo & IR_MO_SIZE)) {
        mo |= IR_MO_BSWAP;
    }
    ir_ld(IRC(dc), dst, addr, off, mo);
}

void arm_gen_st(DisasContext *dc, IRTemp val, IRTemp addr, int32_t off, int mo)
{
    if (dc->be_data && (mo & IR_MO_SIZE)) {
        mo |= IR_MO_BSWAP;
    }
    ir_st(IRC(dc), val, addr, off, mo);
}

/* ---- modified immediates ---- */

void arm_expand_imm_a32(DecodeFields *f)
{
    uint32_t rot = f->v[decode_letter_index('r')] * 2;
    uint32_t k = f->v[decode_letter_index('k')];
    f->v[decode_letter_index('k')] = ror32(k, rot);
    f->v[decode_letter_index('R')] = rot != 0;
}

void arm_expand_imm_t32(DecodeFields *f)
{
    uint32_t imm12 = f->v[decode_letter_index('k')];
    uint32_t imm8 = imm12 & 0xff, v;
    bool rotated = false;
    if ((imm12 >> 10) == 0) {
        switch ((imm12 >> 8) & 3) {
        case 0: v = imm8; break;
        case 1: v = imm8 * 0x00010001u; break;
        case 2: v = imm8 * 0x01000100u; break;
        default: v = imm8 * 0x01010101u; break;
        }
    } else {
        v = ror32(0x80 | (imm12 & 0x7f), imm12 >> 7);
        rotated = true;
    }
    f->v[decode_letter_index('k')] = v;
    f->v[decode_letter_index('R')] = rotated;
}

/* ---- the frontend ---- */

static void arm_init_disas(DisasBase *db)
{
    DisasContext *dc = (DisasContext *)db;
    dc->thumb = db->tb_flags & ARM_TBF_THUMB;
    dc->condexec = (uint8_t)(db->tb_flags >> ARM_TBF_IT_SHIFT);
    dc->be_data = false;
}

static void arm_tb_start(DisasBase *db) { (void)db; }

static void arm_insn_start(DisasBase *db)
{
    DisasContext *dc = (DisasContext *)db;
    dc->pc_curr = db->pc_next;
    ir_insn_start(db->ir, dc->pc_curr, dc->condexec);
}

static uint8_t it_advance(uint8_t it)
{
    if ((it & 7) == 0) {
        return 0;
    }
    return (uint8_t)((it & 0xe0) | ((it << 1) & 0x1f));
}

static uint16_t fetch16(uint32_t pc)
{
    uint16_t v;
    memcpy(&v, g2h(pc), 2);
    return v;
}

static uint32_t fetch32(uint32_t pc)
{
    uint32_t v;
    memcpy(&v, g2h(pc), 4);
    return v;
}

static void arm_translate_insn(DisasBase *db)
{
    DisasContext *dc = (DisasContext *)db;
    uint32_t pc = dc->pc_curr;
    bool ok;

    dc->condjmp = false;
    if (!dc->thumb) {
        if ((pc & 3) || !translator_can_fetch(db, pc, 4)) {
            goto fetch_fault;
        }
        dc->insn = fetch32(pc);
        dc->insn_len = 4;
        db->pc_next = pc + 4;
        dc->condexec_next = 0;
        uint32_t cond = dc->insn >> 28;
        if (cond != 14 && cond != 15) {
            arm_gen_cond_skip(dc, (int)cond);
        }
        ok = arm_decode_a32(dc, dc->insn);
    } else {
        if (!translator_can_fetch(db, pc, 2)) {
            goto fetch_fault;
        }
        uint16_t hw1 = fetch16(pc);
        bool is32 = (hw1 >> 11) >= 0x1d;
        if (is32 && !translator_can_fetch(db, pc, 4)) {
            goto fetch_fault;
        }
        dc->insn_len = is32 ? 4 : 2;
        dc->insn = is32 ? (uint32_t)hw1 << 16 | fetch16(pc + 2) : hw1;
        db->pc_next = pc + (uint32_t)dc->insn_len;
        dc->condexec_next = it_advance(dc->condexec);
        if (dc->condexec) {
            int cond = dc->condexec >> 4;
            /* BKPT executes unconditionally inside an IT block. */
            if (!(!is32 && (hw1 & 0xff00) == 0xbe00)) {
                arm_gen_cond_skip(dc, cond);
            }
        }
        ok = is32 ? arm_decode_t32(dc, dc->insn) : arm_decode_t16(dc, dc->insn);
    }
    if (!ok) {
        /* Like the cores qemu models, a conditional UNDEFINED encoding only
         * traps when its condition passes: the skip branch is already out. */
        arm_gen_exception_insn(dc, EXCP_UDEF);
    }
    if (dc->condjmp && db->is_jmp == DISAS_NEXT) {
        ir_label(db->ir, dc->condlabel);
        dc->condjmp = false;
    }
    dc->condexec = dc->condexec_next;
    return;

fetch_fault:
    if (db->is_jmp == DISAS_NORETURN) {
        /* The first instruction: raise the prefetch abort here. */
        ir_movi(db->ir, arm_tbflags, tbflags_for(dc, dc->thumb, dc->condexec));
        translator_gen_exception(db, arm_R[15], pc, EXCP_SEGV, db->fault_addr, db->fault_code);
    }
}

static void gen_exit_next(DisasContext *dc, uint32_t next_flags)
{
    DisasBase *db = &dc->base;
    if (db->singlestep) {
        ir_movi(db->ir, arm_R[15], db->pc_next);
        ir_movi(db->ir, arm_tbflags, next_flags);
        ir_exit_tb(db->ir, IR_EXIT_NOCHAIN);
    } else {
        gen_goto_tb(dc, 1, db->pc_next, next_flags);
    }
}

static void arm_tb_stop(DisasBase *db)
{
    DisasContext *dc = (DisasContext *)db;
    uint32_t next_flags = tbflags_for(dc, dc->thumb, dc->condexec);

    if (dc->condjmp && (db->is_jmp == DISAS_NEXT || db->is_jmp == DISAS_TOO_MANY)) {
        /* The skipped and the executed path both continue at the next
         * instruction: join them before the one exit. */
        ir_label(db->ir, dc->condlabel);
        dc->condjmp = false;
    }
    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_exit_next(dc, next_flags);
        break;
    case DISAS_JUMP:
        arm_gen_lookup_exit(dc);
        break;
    case DISAS_UPDATE_NOCHAIN:
    case DISAS_EXIT:
        ir_exit_tb(db->ir, IR_EXIT_NOCHAIN);
        break;
    default:
        break;
    }
    if (dc->condjmp) {
        /* The last instruction was a conditional branch or exception: its
         * skip path continues with the next instruction. */
        ir_label(db->ir, dc->condlabel);
        dc->condjmp = false;
        gen_exit_next(dc, next_flags);
    }
}

static void arm_restore_state(CPUCommon *cpu, const TB *tb, uint32_t pc, uint32_t aux)
{
    cpu->pc = pc;
    cpu->tb_flags = (tb->flags & (ARM_TBF_THUMB | ARM_TBF_FP_MASK)) | (aux & 0xff) << ARM_TBF_IT_SHIFT;
}

static void arm_disas_mode(uint32_t flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_ARM;
    *cs_mode = (flags & ARM_TBF_THUMB) ? CS_MODE_THUMB : CS_MODE_ARM;
}

const FrontendOps arm_frontend = {
    .ctx_size = sizeof(DisasContext),
    .init_globals = arm_init_globals,
    .init_disas = arm_init_disas,
    .tb_start = arm_tb_start,
    .insn_start = arm_insn_start,
    .translate_insn = arm_translate_insn,
    .tb_stop = arm_tb_stop,
    .restore_state = arm_restore_state,
    .disas_mode = arm_disas_mode,
};
