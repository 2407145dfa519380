/* The translation loop shared by all frontends. */
#include "tcg/translate.h"

#include <stddef.h>

#include "tcg/guest-mem.h"
#include "tcg/util.h"

/* Stop a block that has grown this many IR ops: it bounds register
 * pressure, the spill frame and the cost of a retranslation. */
#define TB_MAX_OPS 3000

void translator_loop(const FrontendOps *ops, DisasBase *db)
{
    db->is_jmp = DISAS_NEXT;
    db->no_chain = db->tb->cflags & CF_NO_CHAIN;
    ops->init_disas(db);
    ops->tb_start(db);
    for (;;) {
        ops->insn_start(db);
        db->num_insns++;
        ops->translate_insn(db);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns || db->ir->nb_ops >= TB_MAX_OPS ||
            ((db->pc_next ^ db->pc_first) & GUEST_PAGE_MASK)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db);
}

bool translator_can_fetch(DisasBase *db, uint32_t pc, uint32_t len)
{
    for (uint64_t a = pc & GUEST_PAGE_MASK; a < (uint64_t)pc + len; a += GUEST_PAGE_SIZE) {
        int f = page_get_flags((uint32_t)a);
        if ((f & (PAGE_VALID | PAGE_EXEC)) == (PAGE_VALID | PAGE_EXEC)) {
            continue;
        }
        if (db->num_insns > 1) {
            /* Let the next block start here and fault on its own. */
            db->is_jmp = DISAS_TOO_MANY;
            return false;
        }
        uint32_t fault = (uint32_t)a < pc ? pc : (uint32_t)a;
        db->is_jmp = DISAS_NORETURN;
        db->fetch_fault = true;
        db->fault_addr = fault;
        db->fault_code = (f & PAGE_VALID) ? 2 /* SEGV_ACCERR */ : 1 /* SEGV_MAPERR */;
        return false;
    }
    return true;
}

void translator_gen_exception(DisasBase *db, IRTemp pc_global, uint32_t pc, int excp, uint32_t addr, int code)
{
    IRContext *c = db->ir;
    ir_movi(c, pc_global, pc);
    ir_stenv(c, ir_c32(c, (uint32_t)excp), offsetof(CPUCommon, exception), IR_MO_32);
    if (excp == EXCP_SEGV || excp == EXCP_BUS) {
        ir_stenv(c, ir_c32(c, addr), offsetof(CPUCommon, exc_addr), IR_MO_32);
        ir_stenv(c, ir_c32(c, (uint32_t)code), offsetof(CPUCommon, exc_code), IR_MO_32);
    }
    ir_exit_tb(c, IR_EXIT_NOCHAIN);
    db->is_jmp = DISAS_NORETURN;
}
