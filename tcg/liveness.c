/*
 * Backward liveness: removes ops whose results nobody reads (dead code,
 * including flag computations that are overwritten before use) and records
 * in op->dead which arguments die at each op, for the register allocator.
 *
 * Guest globals are live wherever an outside reader could see them: at a
 * TB exit, before an op that may fault (the signal handler reads the CPU
 * state) and at helper calls that access the CPU state.
 *
 * Branches inside a TB go forward, so one backward walk sees a label before
 * every branch to it: a branch's live set is the union of its fall-through
 * and the set recorded at its label.  A label reached backwards (not seen
 * yet) is treated as reading every global and local.  Normal temps never
 * live across a label (the frontends' contract).
 */
#include "tcg/ir.h"
#include "tcg/opt.h"
#include "tcg/util.h"

#include <stdlib.h>
#include <string.h>

static void set_range(uint8_t *live, const IRContext *c, IRTempKind kind, uint8_t v)
{
    for (IRTemp t = 0; t < c->nb_temps; t++) {
        if (c->temps[t].kind == kind) {
            live[t] = v;
        }
    }
}

static bool helper_touches_globals(const IROp *op)
{
    const HelperInfo *h = (const HelperInfo *)(uintptr_t)op->args[op->nargs - 1];
    if (h->flags & IRH_PURE) {
        return false;
    }
    return !(h->flags & IRH_NO_RG) || !(h->flags & IRH_NO_WG);
}

static bool op_removable(const IROp *op)
{
    unsigned f = ir_op_defs[op->opc].flags;
    if (f & (IRF_SIDE | IRF_BB_END)) {
        return false;
    }
    if (f & IRF_CALL) {
        const HelperInfo *h = (const HelperInfo *)(uintptr_t)op->args[op->nargs - 1];
        return (h->flags & IRH_PURE) && op->nout > 0;
    }
    /* A load may fault, and the fault is guest-visible. */
    return !(f & IRF_FAULT);
}

static void live_or(uint8_t *live, const uint8_t *other, uint32_t n)
{
    for (uint32_t t = 0; t < n; t++) {
        live[t] |= other[t];
    }
}

/* What a branch to label l adds to the live set. */
static void live_at_target(uint8_t *live, const IRContext *c, const uint8_t *lab, const uint8_t *seen,
                           uint32_t l)
{
    if (seen[l]) {
        live_or(live, lab + (size_t)l * c->nb_temps, c->nb_temps);
    } else {
        set_range(live, c, TEMP_GLOBAL, 1);
        set_range(live, c, TEMP_LOCAL, 1);
    }
}

void ir_liveness(IRContext *c)
{
    uint32_t nt = c->nb_temps;
    uint8_t *live = xzalloc(nt);
    uint8_t *gone = xzalloc(c->nb_ops ? c->nb_ops : 1);
    uint8_t *lab = xzalloc((size_t)(c->nb_labels ? c->nb_labels : 1) * (nt ? nt : 1));
    uint8_t *seen = xzalloc(c->nb_labels ? c->nb_labels : 1);

    for (uint32_t i = c->nb_ops; i-- > 0;) {
        IROp *op = &c->ops[i];
        unsigned f = ir_op_defs[op->opc].flags;

        if (op->opc == IR_insn_start) {
            continue;
        }
        switch (op->opc) {
        case IR_label: {
            uint32_t l = (uint32_t)op->args[0];
            set_range(live, c, TEMP_NORMAL, 0);
            memcpy(lab + (size_t)l * nt, live, nt);
            seen[l] = 1;
            break;
        }
        case IR_br:
            memset(live, 0, nt);
            live_at_target(live, c, lab, seen, (uint32_t)op->args[0]);
            break;
        case IR_brcond:
            live_at_target(live, c, lab, seen, (uint32_t)op->args[3]);
            break;
        case IR_exit_tb:
        case IR_lookup_and_goto:
            memset(live, 0, nt);
            set_range(live, c, TEMP_GLOBAL, 1);
            break;
        case IR_goto_tb:
            set_range(live, c, TEMP_GLOBAL, 1);
            break;
        default:
            break;
        }

        int nout = op->nout, nin = op->nin;
        bool any_live_out = false;
        for (int o = 0; o < nout; o++) {
            if (live[op->args[o]]) {
                any_live_out = true;
            }
        }
        if (!any_live_out && op_removable(op)) {
            gone[i] = 1;
            continue;
        }
        uint16_t dead = 0;
        for (int o = 0; o < nout; o++) {
            IRTemp t = (IRTemp)op->args[o];
            if (!live[t]) {
                dead |= 1u << o;
            }
            live[t] = 0;
        }
        /* Every global is read before an op that may fault or a helper that
         * accesses the CPU state, including the globals the op itself
         * writes: so mark them after killing the outputs. */
        if ((f & IRF_FAULT) || ((f & IRF_CALL) && helper_touches_globals(op))) {
            set_range(live, c, TEMP_GLOBAL, 1);
        }
        for (int k = 0; k < nin; k++) {
            IRTemp t = (IRTemp)op->args[nout + k];
            if (!live[t]) {
                dead |= 1u << (nout + k);
            }
            live[t] = 1;
        }
        op->dead = dead;
    }

    uint32_t n = 0;
    for (uint32_t i = 0; i < c->nb_ops; i++) {
        if (!gone[i]) {
            c->ops[n++] = c->ops[i];
        }
    }
    c->nb_ops = n;
    free(live);
    free(gone);
    free(lab);
    free(seen);
}
