/*
 * Generic code generation with register allocation.
 *
 * One forward pass over the optimised IR.  Each temp is in a host register,
 * in memory (its CPU-state field for globals, a frame slot otherwise), or a
 * known constant that is only materialised when an op cannot take it as an
 * immediate.  Guest registers (globals) stay in host registers for as long
 * as the basic block allows; they are written back only where a reader
 * outside the block could see them: before an op that may fault, before a
 * helper call that reads CPU state, and at the end of a block.
 *
 * Liveness (tcg/liveness.c) has already marked in op->dead which arguments
 * die at each op, so registers are freed the moment their value dies.
 */
#include "tcg/backend.h"
#include "tcg/tb.h"
#include "tcg/util.h"

#include <stdlib.h>
#include <string.h>

static inline TempState *TS(CodeGen *g, IRTemp t) { return &g->ts[t]; }
static inline const IRTempInfo *TI(CodeGen *g, IRTemp t) { return &g->ir->temps[t]; }
static inline IRType TT(CodeGen *g, IRTemp t) { return (IRType)g->ir->temps[t].type; }
static inline bool is_global(CodeGen *g, IRTemp t) { return TI(g, t)->kind == TEMP_GLOBAL; }
static inline bool is_constk(CodeGen *g, IRTemp t) { return TI(g, t)->kind == TEMP_CONST; }

void cg_init(CodeGen *g, IRContext *ir)
{
    memset(g, 0, sizeof(*g));
    g->ir = ir;
    g->ts_cap = 0;
}

void cg_free(CodeGen *g)
{
    free(g->ts);
    free(g->label_off);
    free(g->label_regs);
    free(g->label_state);
    free(g->relocs);
    free(g->pcmap);
    free(g->fsite);
    free(g->floc);
    free(g->next_use);
    g->next_use = NULL;
    g->next_use_cap = 0;
    g->ts = NULL;
    g->label_off = NULL;
    g->label_regs = NULL;
    g->label_state = NULL;
    g->relocs = NULL;
    g->pcmap = NULL;
    g->fsite = NULL;
    g->floc = NULL;
    g->ts_cap = g->max_relocs = g->max_pcmap = g->max_fsite = g->max_floc = 0;
}

void cg_add_reloc(CodeGen *g, uint32_t label, uint32_t field_off)
{
    if (g->nb_relocs + 2 > g->max_relocs) {
        g->max_relocs = g->max_relocs ? g->max_relocs * 2 : 64;
        g->relocs = xrealloc(g->relocs, g->max_relocs * sizeof(uint32_t));
    }
    g->relocs[g->nb_relocs++] = label;
    g->relocs[g->nb_relocs++] = field_off;
}

static void temp_mem_loc(CodeGen *g, IRTemp t, int *base, int32_t *off)
{
    TempState *ts = TS(g, t);
    if (is_global(g, t)) {
        *base = backend_env_reg;
        *off = TI(g, t)->mem_offset;
        return;
    }
    if (!ts->has_slot) {
        int size = TT(g, t) == IR_V128 ? 16 : 8;
        g->frame_next = (g->frame_next + size - 1) & ~(size - 1);
        if (g->frame_next + size > backend_frame_start + backend_frame_size) {
            /* The TB is too big for the frame; the caller retries smaller. */
            g->overflow = true;
            g->frame_next = backend_frame_start;
        }
        ts->slot = g->frame_next;
        ts->has_slot = true;
        g->frame_next += size;
    }
    *base = backend_frame_reg;
    *off = ts->slot;
}

/*
 * A register may hold several temps with the same value: "mov d, s" makes
 * d share s's register instead of copying it.  reg_to_temp[r] heads the
 * list of r's temps, linked through TempState.alias_next.
 */
static void reg_unlink(CodeGen *g, IRTemp t)
{
    int32_t *p = &g->reg_to_temp[TS(g, t)->reg];
    while (*p != (int32_t)t) {
        p = &TS(g, (IRTemp)*p)->alias_next;
    }
    *p = TS(g, t)->alias_next;
}

static void reg_bind(CodeGen *g, IRTemp t, int r)
{
    TempState *ts = TS(g, t);
    if (ts->val == VAL_REG) {
        if (ts->reg == r) {
            return;
        }
        reg_unlink(g, t);
    }
    ts->val = VAL_REG;
    ts->reg = (int8_t)r;
    ts->alias_next = g->reg_to_temp[r];
    g->reg_to_temp[r] = (int32_t)t;
}

/* t is the only temp in register r. */
static bool reg_sole(CodeGen *g, int r, IRTemp t)
{
    return g->reg_to_temp[r] == (int32_t)t && TS(g, t)->alias_next < 0;
}

/* Bring the memory copy of t up to date; t keeps its register. */
static void temp_sync(CodeGen *g, IRTemp t)
{
    TempState *ts = TS(g, t);
    int base;
    int32_t off;

    if (ts->coherent || is_constk(g, t)) {
        return;
    }
    switch (ts->val) {
    case VAL_REG:
        temp_mem_loc(g, t, &base, &off);
        backend_st(g, TT(g, t), ts->reg, base, off);
        break;
    case VAL_CONST:
        temp_mem_loc(g, t, &base, &off);
        if (!backend_sti(g, TT(g, t), ts->cval, base, off)) {
            backend_movi(g, TT(g, t), backend_scratch_reg, ts->cval);
            backend_st(g, TT(g, t), backend_scratch_reg, base, off);
        }
        break;
    default:
        break;
    }
    ts->coherent = true;
}

/* Move t out of its register, keeping its value in memory (or as a known
 * constant). */
static void temp_spill(CodeGen *g, IRTemp t)
{
    TempState *ts = TS(g, t);
    if (ts->val != VAL_REG) {
        return;
    }
    if (is_constk(g, t)) {
        reg_unlink(g, t);
        ts->val = VAL_CONST;
        return;
    }
    temp_sync(g, t);
    reg_unlink(g, t);
    ts->val = VAL_MEM;
}

/* Empty register r, keeping its temps' values in memory. */
static void reg_evict(CodeGen *g, int r)
{
    while (g->reg_to_temp[r] >= 0) {
        temp_spill(g, (IRTemp)g->reg_to_temp[r]);
    }
}

/* t's value will never be read again. */
static void temp_dead(CodeGen *g, IRTemp t)
{
    TempState *ts = TS(g, t);
    if (ts->val == VAL_REG) {
        reg_unlink(g, t);
    }
    if (is_constk(g, t)) {
        ts->val = VAL_CONST;
        return;
    }
    if (is_global(g, t)) {
        /* Its next definition comes before any reader of the memory copy. */
        ts->val = VAL_MEM;
        ts->coherent = true;
    } else {
        ts->val = VAL_DEAD;
    }
}

/* How costly it is to take r away from its temp: the later its next use,
 * the cheaper (Belady); a value that need not be stored (a constant, or a
 * global whose memory copy is current) is cheaper than one that must be. */
static uint64_t evict_score(CodeGen *g, int r)
{
    uint64_t dist = 0xffffffffull;
    bool free_to_drop = true;
    for (int32_t t = g->reg_to_temp[r]; t >= 0; t = TS(g, (IRTemp)t)->alias_next) {
        const TempState *ts = TS(g, (IRTemp)t);
        if (ts->next_use != UINT32_MAX && ts->next_use - g->cur_op < dist) {
            dist = ts->next_use - g->cur_op;
        }
        free_to_drop &= is_constk(g, (IRTemp)t) || ts->coherent;
    }
    return dist << 1 | free_to_drop;
}

static int reg_alloc(CodeGen *g, uint32_t allowed, uint32_t avoid)
{
    allowed &= ~avoid;
    for (int i = 0; i < backend_nb_alloc; i++) {
        int r = backend_alloc_order[i];
        if ((allowed & (1u << r)) && g->reg_to_temp[r] < 0) {
            return r;
        }
    }
    int best = -1;
    uint64_t best_score = 0;
    for (int i = 0; i < backend_nb_alloc; i++) {
        int r = backend_alloc_order[i];
        if (allowed & (1u << r)) {
            uint64_t sc = evict_score(g, r);
            if (best < 0 || sc > best_score) {
                best = r;
                best_score = sc;
            }
        }
    }
    if (best >= 0) {
        reg_evict(g, best);
        return best;
    }
    /* Registers outside the allocation order (fixed constraints). */
    for (int r = 0; r < CG_MAX_REGS; r++) {
        if (allowed & (1u << r)) {
            reg_evict(g, r);
            return r;
        }
    }
    fatal("register allocation failed (allowed %#x, avoid %#x)", allowed | avoid, avoid);
}

/* Put the value of t into register r without binding r to t. */
static void temp_copy_to(CodeGen *g, IRTemp t, int r)
{
    TempState *ts = TS(g, t);
    int base;
    int32_t off;
    switch (ts->val) {
    case VAL_REG:
        if (ts->reg != r) {
            backend_mov(g, TT(g, t), r, ts->reg);
        }
        break;
    case VAL_CONST:
        backend_movi(g, TT(g, t), r, ts->cval);
        break;
    case VAL_MEM:
        temp_mem_loc(g, t, &base, &off);
        backend_ld(g, TT(g, t), r, base, off);
        break;
    default:
        /* Reading an undefined value (an unset local): anything will do. */
        break;
    }
}

/* Make t live in a register from 'allowed'; returns it. */
static int temp_load(CodeGen *g, IRTemp t, uint32_t allowed, uint32_t avoid)
{
    TempState *ts = TS(g, t);
    if (ts->val == VAL_REG && (allowed & (1u << ts->reg))) {
        return ts->reg;
    }
    int r = reg_alloc(g, allowed, avoid);
    temp_copy_to(g, t, r);
    if (ts->val == VAL_MEM) {
        ts->coherent = true;
    }
    reg_bind(g, t, r);
    return r;
}

static void sync_globals(CodeGen *g)
{
    for (IRTemp t = 0; t < g->ir->nb_globals; t++) {
        temp_sync(g, t);
    }
}

static void sync_locals(CodeGen *g)
{
    for (IRTemp t = g->ir->nb_globals; t < g->ir->nb_temps; t++) {
        if (TI(g, t)->kind == TEMP_LOCAL && TS(g, t)->val != VAL_DEAD) {
            temp_sync(g, t);
        }
    }
}

/* The state at a join, for every temp not left in a register: globals
 * and locals live in memory (written back before the join), normal temps
 * are dead, constants are constants. */
static void settle_temps(CodeGen *g)
{
    for (IRTemp t = 0; t < g->ir->nb_temps; t++) {
        TempState *ts = TS(g, t);
        if (ts->val == VAL_REG) {
            ASSERT(ts->coherent || TI(g, t)->kind == TEMP_NORMAL || TI(g, t)->kind == TEMP_CONST);
            continue;
        }
        switch (TI(g, t)->kind) {
        case TEMP_GLOBAL:
        case TEMP_LOCAL:
            ts->val = VAL_MEM;
            ts->coherent = true;
            break;
        case TEMP_NORMAL:
            ts->val = VAL_DEAD;
            break;
        case TEMP_CONST:
            ts->val = VAL_CONST;
            break;
        }
    }
}

/* Drop every register binding (everything written back). */
static void forget_all(CodeGen *g)
{
    for (int r = 0; r < CG_MAX_REGS; r++) {
        for (int32_t t = g->reg_to_temp[r]; t >= 0; t = TS(g, (IRTemp)t)->alias_next) {
            TS(g, (IRTemp)t)->val = VAL_DEAD;
        }
        g->reg_to_temp[r] = -1;
    }
    settle_temps(g);
}

static void drop_global_regs(CodeGen *g)
{
    for (IRTemp t = 0; t < g->ir->nb_globals; t++) {
        TempState *ts = TS(g, t);
        ASSERT(ts->coherent);
        if (ts->val == VAL_REG) {
            reg_unlink(g, t);
        }
        ts->val = VAL_MEM;
    }
}

static void cg_mov(CodeGen *g, const IROp *op)
{
    IRTemp d = (IRTemp)op->args[0], s = (IRTemp)op->args[1];
    TempState *ds = TS(g, d), *ss = TS(g, s);
    bool s_dead = op->dead & 2, d_dead = op->dead & 1;

    if (d == s) {
        return;
    }
    if (ss->val == VAL_CONST) {
        if (ds->val == VAL_REG) {
            reg_unlink(g, d);
        }
        ds->val = VAL_CONST;
        ds->cval = ss->cval;
        ds->coherent = false;
    } else if (!d_dead) {
        /* d shares s's register: no code until one of them changes. */
        int r = temp_load(g, s, backend_regs_for_type(TT(g, s)), 0);
        reg_bind(g, d, r);
        ds->coherent = false;
    }
    if (s_dead) {
        temp_dead(g, s);
    }
    if (d_dead) {
        temp_dead(g, d);
    }
}

static void cg_call(CodeGen *g, const IROp *op)
{
    const HelperInfo *h = (const HelperInfo *)(uintptr_t)op->args[op->nargs - 1];
    const OpCt *ct = backend_op_ct(g, op);
    LowArg in[8], out[2];
    int nout = op->nout, nin = op->nin;

    g->locked = 0;
    for (int i = 0; i < nin; i++) {
        IRTemp t = (IRTemp)op->args[nout + i];
        uint32_t want = ct->in[i].regs;
        int target = __builtin_ctz(want);
        if (!(TS(g, t)->val == VAL_REG && TS(g, t)->reg == target)) {
            reg_evict(g, target);
        }
        int r = temp_load(g, t, want, 0);
        in[i].val = (uint64_t)r;
        in[i].is_const = false;
        g->locked |= 1u << r;
    }
    if (!(h->flags & (IRH_NO_RG | IRH_PURE)) || !(h->flags & (IRH_NO_WG | IRH_PURE))) {
        sync_globals(g);
    }
    for (int i = 0; i < nin; i++) {
        if (op->dead & (1u << (nout + i))) {
            temp_dead(g, (IRTemp)op->args[nout + i]);
        }
    }
    for (int r = 0; r < CG_MAX_REGS; r++) {
        if (backend_call_clobber & (1u << r)) {
            reg_evict(g, r);
        }
    }
    if (!(h->flags & (IRH_NO_WG | IRH_PURE))) {
        drop_global_regs(g);
    }
    if (nout) {
        out[0].val = (uint64_t)__builtin_ctz(ct->out[0].regs);
        out[0].is_const = false;
    }
    backend_op(g, op, out, in);
    g->locked = 0;
    if (nout) {
        IRTemp t = (IRTemp)op->args[0];
        reg_bind(g, t, (int)out[0].val);
        TS(g, t)->coherent = false;
        if (op->dead & 1) {
            temp_dead(g, t);
        }
    }
}

static FaultSite *fault_site_begin(CodeGen *g);

static void cg_generic(CodeGen *g, const IROp *op)
{
    const IROpDef *def = &ir_op_defs[op->opc];
    const OpCt *ct = backend_op_ct(g, op);
    int nout = op->nout, nin = op->nin;
    LowArg in[8], out[2];
    uint32_t in_regs = 0;

    g->locked = 0;
    for (int i = 0; i < nin; i++) {
        IRTemp t = (IRTemp)op->args[nout + i];
        TempState *ts = TS(g, t);
        const ArgCt *ac = &ct->in[i];
        bool dead = op->dead & (1u << (nout + i));
        bool aliased = false;

        for (int o = 0; o < nout; o++) {
            if ((ct->out[o].flags & CT_ALIAS) && ct->out[o].alias == i) {
                aliased = true;
            }
        }
        if ((ac->flags & CT_CONST) && !aliased &&
            (ts->val == VAL_CONST || (is_constk(g, t))) &&
            backend_const_ok(op, i, is_constk(g, t) ? TI(g, t)->val : ts->cval)) {
            in[i].val = is_constk(g, t) ? TI(g, t)->val : ts->cval;
            in[i].is_const = true;
            continue;
        }
        int r;
        if (aliased && (!dead || is_constk(g, t) ||
                        (ts->val == VAL_REG && ((g->locked & (1u << ts->reg)) || !reg_sole(g, ts->reg, t))))) {
            /* The op overwrites this input's register but the value lives
             * on (in this temp or another sharing the register): give the
             * op its own copy. */
            r = reg_alloc(g, ac->regs, g->locked);
            temp_copy_to(g, t, r);
        } else {
            r = temp_load(g, t, ac->regs, g->locked & ~(ts->val == VAL_REG ? 1u << ts->reg : 0));
        }
        in[i].val = (uint64_t)r;
        in[i].is_const = false;
        g->locked |= 1u << r;
        in_regs |= 1u << r;
    }

    if (def->flags & IRF_BB_END) {
        sync_globals(g);
        sync_locals(g);
    }
    for (int i = 0; i < nin; i++) {
        if (op->dead & (1u << (nout + i))) {
            temp_dead(g, (IRTemp)op->args[nout + i]);
        }
    }
    if (ct->clobber) {
        for (int r = 0; r < CG_MAX_REGS; r++) {
            if (ct->clobber & (1u << r)) {
                reg_evict(g, r);
            }
        }
    }

    uint32_t out_regs = 0;
    for (int o = 0; o < nout; o++) {
        const ArgCt *ac = &ct->out[o];
        int r;
        if (ac->flags & CT_ALIAS) {
            r = (int)in[ac->alias].val;
            reg_evict(g, r);
        } else {
            uint32_t avoid = out_regs | ((ac->flags & CT_NEWREG) ? in_regs : 0);
            /* Prefer the register the output already has. */
            IRTemp t = (IRTemp)op->args[o];
            TempState *ts = TS(g, t);
            if (ts->val == VAL_REG && (ac->regs & ~avoid & (1u << ts->reg)) && reg_sole(g, ts->reg, t)) {
                r = ts->reg;
            } else {
                r = reg_alloc(g, ac->regs, avoid);
            }
        }
        out[o].val = (uint64_t)r;
        out[o].is_const = false;
        out_regs |= 1u << r;
    }

    FaultSite *fs = (def->flags & IRF_FAULT) ? fault_site_begin(g) : NULL;
    backend_op(g, op, out, in);
    if (fs) {
        fs->end = (uint32_t)cb_offset(&g->buf);
    }
    g->locked = 0;

    for (int o = 0; o < nout; o++) {
        IRTemp t = (IRTemp)op->args[o];
        int r = (int)out[o].val;
        for (int32_t u = g->reg_to_temp[r]; u >= 0;) {
            /* An input lived in the output register; its value is now gone
             * from there.  It was spilled above if it was still live. */
            int32_t next = TS(g, (IRTemp)u)->alias_next;
            if ((IRTemp)u != t) {
                reg_unlink(g, (IRTemp)u);
                TS(g, (IRTemp)u)->val = is_constk(g, (IRTemp)u) ? VAL_CONST : VAL_MEM;
            }
            u = next;
        }
        reg_bind(g, t, r);
        TS(g, t)->coherent = false;
        if (op->dead & (1u << o)) {
            temp_dead(g, t);
        }
    }
}

/* Record where every dirty global is, for the op about to be emitted. */
static FaultSite *fault_site_begin(CodeGen *g)
{
    if (g->nb_fsite == g->max_fsite) {
        g->max_fsite = g->max_fsite ? g->max_fsite * 2 : 64;
        g->fsite = xrealloc(g->fsite, g->max_fsite * sizeof(FaultSite));
    }
    FaultSite *fs = &g->fsite[g->nb_fsite++];
    fs->start = fs->end = (uint32_t)cb_offset(&g->buf);
    fs->first = g->nb_floc;
    fs->count = 0;
    for (IRTemp t = 0; t < g->ir->nb_globals; t++) {
        TempState *ts = TS(g, t);
        if (ts->coherent || (ts->val != VAL_REG && ts->val != VAL_CONST)) {
            continue;
        }
        if (g->nb_floc == g->max_floc) {
            g->max_floc = g->max_floc ? g->max_floc * 2 : 256;
            g->floc = xrealloc(g->floc, g->max_floc * sizeof(FaultLoc));
        }
        g->floc[g->nb_floc++] = (FaultLoc){ t, ts->val == VAL_REG ? ts->reg : -1, ts->cval };
        fs->count++;
    }
    return fs;
}

enum { LABEL_NONE, LABEL_REGS, LABEL_BACKWARD };

static bool is_mem_backed(CodeGen *g, IRTemp t)
{
    IRTempKind k = (IRTempKind)TI(g, t)->kind;
    return k == TEMP_GLOBAL || k == TEMP_LOCAL;
}

/* A branch to label l leaves (everything synced): remember, or narrow to,
 * the register bindings this path brings. */
static void label_branch(CodeGen *g, uint32_t l)
{
    int32_t *req = g->label_regs[l];
    if (g->label_state[l] == LABEL_BACKWARD) {
        return;
    }
    for (int r = 0; r < CG_MAX_REGS; r++) {
        /* One global or local per register is remembered. */
        int32_t t = g->reg_to_temp[r];
        while (t >= 0 && !is_mem_backed(g, (IRTemp)t)) {
            t = TS(g, (IRTemp)t)->alias_next;
        }
        if (g->label_state[l] == LABEL_NONE) {
            req[r] = t;
        } else if (req[r] >= 0 && (TS(g, (IRTemp)req[r])->val != VAL_REG || TS(g, (IRTemp)req[r])->reg != r)) {
            req[r] = -1;
        }
    }
    g->label_state[l] = LABEL_REGS;
}

/* The state at label l: what every incoming path agrees on. */
static void label_merge(CodeGen *g, uint32_t l)
{
    if (g->label_state[l] == LABEL_BACKWARD) {
        sync_globals(g);
        sync_locals(g);
        forget_all(g);
        return;
    }
    if (g->label_state[l] == LABEL_NONE) {
        /* Only the fall-through reaches it: nothing changes. */
        return;
    }
    const int32_t *req = g->label_regs[l];
    if (!g->unreachable) {
        sync_globals(g);
        sync_locals(g);
    }
    for (int r = 0; r < CG_MAX_REGS; r++) {
        for (int32_t t = g->reg_to_temp[r]; t >= 0;) {
            int32_t next = TS(g, (IRTemp)t)->alias_next;
            if (g->unreachable || req[r] != t) {
                reg_unlink(g, (IRTemp)t);
                TS(g, (IRTemp)t)->val = VAL_DEAD;   /* fixed up below */
            }
            t = next;
        }
    }
    settle_temps(g);
    if (g->unreachable) {
        for (int r = 0; r < CG_MAX_REGS; r++) {
            if (req[r] >= 0) {
                reg_bind(g, (IRTemp)req[r], r);
                TS(g, (IRTemp)req[r])->coherent = true;
            }
        }
    }
}

/* Labels that a branch reaches from below. */
static void find_backward_labels(CodeGen *g)
{
    IRContext *ir = g->ir;
    memset(g->label_state, LABEL_NONE, ir->nb_labels);
    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        const IROp *op = &ir->ops[i];
        uint32_t l;
        switch (op->opc) {
        case IR_label:
            g->label_off[op->args[0]] = 0;      /* seen; reset below */
            continue;
        case IR_br:
            l = (uint32_t)op->args[0];
            break;
        case IR_brcond:
            l = (uint32_t)op->args[3];
            break;
        default:
            continue;
        }
        if (g->label_off[l] >= 0) {
            g->label_state[l] = LABEL_BACKWARD;
        }
    }
    for (uint32_t l = 0; l < ir->nb_labels; l++) {
        g->label_off[l] = -1;
    }
}

static void bind_label(CodeGen *g, uint32_t label)
{
    uint32_t here = (uint32_t)cb_offset(&g->buf);
    g->label_off[label] = (int32_t)here;
    for (uint32_t i = 0; i < g->nb_relocs; i += 2) {
        if (g->relocs[i] == label) {
            backend_patch_label(g, g->relocs[i + 1], here);
            g->relocs[i] = UINT32_MAX;
        }
    }
}

/* Backward pass: for each op and argument, the next op that reads the
 * same temp (within the TB; labels do not matter for eviction choices). */
static void compute_next_use(CodeGen *g)
{
    IRContext *ir = g->ir;
    if (g->next_use_cap < ir->nb_ops) {
        g->next_use_cap = ir->nb_ops * 2;
        g->next_use = xrealloc(g->next_use, g->next_use_cap * sizeof(*g->next_use));
    }
    uint32_t *last = xmalloc(ir->nb_temps * sizeof(uint32_t));
    memset(last, 0xff, ir->nb_temps * sizeof(uint32_t));
    for (uint32_t i = ir->nb_ops; i-- > 0;) {
        const IROp *op = &ir->ops[i];
        int nout = op->nout, nin = op->nin;
        for (int o = 0; o < nout; o++) {
            IRTemp t = (IRTemp)op->args[o];
            g->next_use[i][o] = last[t];
            last[t] = UINT32_MAX;
        }
        for (int k = 0; k < nin; k++) {
            IRTemp t = (IRTemp)op->args[nout + k];
            g->next_use[i][nout + k] = last[t];
        }
        for (int k = 0; k < nin; k++) {
            last[(IRTemp)op->args[nout + k]] = i;
        }
    }
    /* The first use of every temp, for values live on entry. */
    for (IRTemp t = 0; t < ir->nb_temps; t++) {
        g->ts[t].next_use = last[t];
    }
    free(last);
}

/* After op i: each argument's temp next wanted at its recorded next use. */
static void update_next_use(CodeGen *g, const IROp *op)
{
    for (int a = 0; a < op->nout + op->nin; a++) {
        g->ts[(IRTemp)op->args[a]].next_use = g->next_use[g->cur_op][a];
    }
}

bool cg_generate(CodeGen *g)
{
    IRContext *ir = g->ir;

    if (g->ts_cap < ir->nb_temps) {
        g->ts_cap = ir->nb_temps * 2;
        g->ts = xrealloc(g->ts, g->ts_cap * sizeof(TempState));
    }
    memset(g->ts, 0, ir->nb_temps * sizeof(TempState));
    for (IRTemp t = 0; t < ir->nb_temps; t++) {
        TempState *ts = &g->ts[t];
        switch (ir->temps[t].kind) {
        case TEMP_GLOBAL:
            ts->val = VAL_MEM;
            ts->coherent = true;
            break;
        case TEMP_CONST:
            ts->val = VAL_CONST;
            ts->cval = ir->temps[t].val;
            ts->coherent = true;
            break;
        default:
            ts->val = VAL_DEAD;
            break;
        }
    }
    for (int r = 0; r < CG_MAX_REGS; r++) {
        g->reg_to_temp[r] = -1;
    }
    g->label_off = xrealloc(g->label_off, (ir->nb_labels + 1) * sizeof(int32_t));
    g->label_regs = xrealloc(g->label_regs, (ir->nb_labels + 1) * sizeof(*g->label_regs));
    g->label_state = xrealloc(g->label_state, ir->nb_labels + 1);
    for (uint32_t l = 0; l < ir->nb_labels; l++) {
        g->label_off[l] = -1;
    }
    find_backward_labels(g);
    g->unreachable = false;
    g->nb_relocs = 0;
    g->nb_pcmap = 0;
    g->nb_fsite = 0;
    g->nb_floc = 0;
    g->frame_next = backend_frame_start;
    g->overflow = false;
    for (int i = 0; i < CG_MAX_EXITS; i++) {
        g->jmp_field[i] = g->jmp_reset[i] = 0xffff;
    }

    compute_next_use(g);
    backend_tb_start(g);
    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        const IROp *op = &ir->ops[i];
        g->cur_op = i;
        /* Leave room for the largest single op plus write-backs. */
        if (cb_room(&g->buf) < 4096) {
            g->overflow = true;
            return false;
        }
        switch (op->opc) {
        case IR_insn_start:
            if (g->nb_pcmap == g->max_pcmap) {
                g->max_pcmap = g->max_pcmap ? g->max_pcmap * 2 : 256;
                g->pcmap = xrealloc(g->pcmap, g->max_pcmap * sizeof(PcMapEntry));
            }
            g->pcmap[g->nb_pcmap++] = (PcMapEntry){ (uint32_t)cb_offset(&g->buf), (uint32_t)op->args[0],
                                                    (uint32_t)op->args[1] };
            break;
        case IR_mov:
            cg_mov(g, op);
            break;
        case IR_label:
            label_merge(g, (uint32_t)op->args[0]);
            g->unreachable = false;
            bind_label(g, (uint32_t)op->args[0]);
            break;
        case IR_call:
            cg_call(g, op);
            break;
        default:
            cg_generic(g, op);
            if (op->opc == IR_brcond) {
                label_branch(g, (uint32_t)op->args[3]);
            } else if (op->opc == IR_br) {
                label_branch(g, (uint32_t)op->args[0]);
                g->unreachable = true;
            } else if (op->opc == IR_exit_tb || op->opc == IR_lookup_and_goto) {
                g->unreachable = true;
            }
            break;
        }
        update_next_use(g, op);
    }
    backend_tb_end(g);
    return !g->overflow && cb_room(&g->buf) >= 256;
}
