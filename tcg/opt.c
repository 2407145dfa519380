/*
 * Forward optimiser: constant folding, algebraic simplification and copy
 * propagation over one TB.  Dead code is removed afterwards by liveness.
 *
 * Each temp may be known to hold a constant, or to be a copy of another
 * temp.  Copies form equivalence classes kept as circular lists; a use is
 * rewritten to the class's best member (a constant, else the oldest value),
 * which turns "mov t, r1; add r0, t, 1" into "add r0, r1, 1" and leaves the
 * mov for DCE.  Knowledge is dropped at labels (other paths join there) and,
 * for globals, at helper calls that may write CPU state.
 */
#include "tcg/opt.h"
#include "tcg/util.h"

#include <stdlib.h>
#include <string.h>

typedef struct OptTemp {
    uint32_t next, prev;        /* copy class ring; self when alone */
    uint32_t birth;             /* op index + 1 of the value's definition; 0 = TB entry */
    bool is_const;
    uint64_t val;
} OptTemp;

typedef struct Opt {
    IRContext *c;
    OptTemp *t;
    uint32_t nb_t;              /* entries in t[] */
    uint32_t now;               /* index + 1 of the op being optimised */
} Opt;

/* Constants interned while the pass runs extend the temp table: give them
 * entries before anything looks them up. */
static void sync_temps(Opt *o)
{
    IRContext *c = o->c;
    if (c->nb_temps > o->nb_t) {
        o->t = xrealloc(o->t, c->nb_temps * sizeof(OptTemp));
        for (IRTemp t = o->nb_t; t < c->nb_temps; t++) {
            o->t[t] = (OptTemp){ t, t, 0, true, c->temps[t].val };
        }
        o->nb_t = c->nb_temps;
    }
}

static uint64_t mask_of(IRType t) { return t == IR_I32 ? 0xffffffffull : ~0ull; }

static void reset_temp(Opt *o, IRTemp t)
{
    OptTemp *ot = &o->t[t];
    /* Unlink from its class. */
    o->t[ot->prev].next = ot->next;
    o->t[ot->next].prev = ot->prev;
    ot->next = ot->prev = t;
    ot->birth = o->now;
    ot->is_const = o->c->temps[t].kind == TEMP_CONST;
    ot->val = o->c->temps[t].val;
}

static void reset_all(Opt *o, bool globals_only)
{
    for (IRTemp t = 0; t < o->c->nb_temps; t++) {
        if (!globals_only || o->c->temps[t].kind == TEMP_GLOBAL) {
            reset_temp(o, t);
        }
    }
}

static bool is_const(Opt *o, IRTemp t) { return o->t[t].is_const; }
static uint64_t cval(Opt *o, IRTemp t) { return o->t[t].val; }

/* The member of t's class that uses should read. */
static IRTemp best_copy(Opt *o, IRTemp t)
{
    IRContext *c = o->c;
    if (o->t[t].is_const) {
        IRTemp k = ir_const(c, (IRType)c->temps[t].type, o->t[t].val);
        sync_temps(o);
        return k;
    }
    /* Read the oldest member: the value's original definition.  Copies made
     * later (flag globals, the destination register) then stay removable
     * when something overwrites them before they are read. */
    IRTemp best = t;
    for (IRTemp i = o->t[t].next; i != t; i = o->t[i].next) {
        if (o->t[i].birth < o->t[best].birth) {
            best = i;
        }
    }
    return best;
}

static void record_copy(Opt *o, IRTemp d, IRTemp s)
{
    reset_temp(o, d);
    if (o->t[s].is_const) {
        o->t[d].is_const = true;
        o->t[d].val = o->t[s].val;
        return;
    }
    /* Insert d after s in s's ring. */
    OptTemp *ds = &o->t[d], *ss = &o->t[s];
    ds->next = ss->next;
    ds->prev = s;
    o->t[ss->next].prev = d;
    ss->next = d;
}

static void make_mov(Opt *o, IROp *op, IRTemp d, IRTemp s)
{
    op->opc = IR_mov;
    op->nargs = 2;
    op->nout = 1;
    op->nin = 1;
    op->args[0] = d;
    op->args[1] = s;
    record_copy(o, d, s);
}

static void make_movi(Opt *o, IROp *op, IRTemp d, uint64_t v)
{
    IRType t = (IRType)o->c->temps[d].type;
    IRTemp k = ir_const(o->c, t, v & mask_of(t));
    sync_temps(o);
    make_mov(o, op, d, k);
}

static unsigned clz_w(uint64_t v, int w) { return v ? (unsigned)__builtin_clzll(v) - (64 - w) : (unsigned)w; }
static unsigned ctz_w(uint64_t v, int w) { return v ? (unsigned)__builtin_ctzll(v) : (unsigned)w; }

/* Fold a unary or binary op on constants.  Returns false if not foldable. */
static bool fold(IROpcode opc, IRType type, uint64_t a, uint64_t b, const uint64_t *k, uint64_t *r)
{
    int w = type == IR_I32 ? 32 : 64;
    uint64_t m = mask_of(type);
    int64_t sa = type == IR_I32 ? (int32_t)a : (int64_t)a;
    int64_t sb = type == IR_I32 ? (int32_t)b : (int64_t)b;
    a &= m;
    b &= m;
    switch (opc) {
    case IR_add: *r = a + b; break;
    case IR_sub: *r = a - b; break;
    case IR_mul: *r = a * b; break;
    case IR_and: *r = a & b; break;
    case IR_or: *r = a | b; break;
    case IR_xor: *r = a ^ b; break;
    case IR_andc: *r = a & ~b; break;
    case IR_neg: *r = -a; break;
    case IR_not: *r = ~a; break;
    case IR_shl: *r = a << (b & (w - 1)); break;
    case IR_shr: *r = a >> (b & (w - 1)); break;
    case IR_sar: *r = (uint64_t)(sa >> (b & (w - 1))); break;
    case IR_rotr: {
        unsigned s = b & (w - 1);
        *r = s ? (a >> s) | (a << (w - s)) : a;
        break;
    }
    case IR_rotl: {
        unsigned s = b & (w - 1);
        *r = s ? (a << s) | (a >> (w - s)) : a;
        break;
    }
    case IR_divu: *r = b ? a / b : 0; break;
    case IR_remu: *r = b ? a % b : a; break;
    case IR_div:
        if (b == 0) {
            *r = 0;
        } else if (sb == -1) {
            *r = -(uint64_t)sa;     /* MIN / -1 = MIN, without signed overflow */
        } else {
            *r = (uint64_t)(sa / sb);
        }
        break;
    case IR_rem:
        if (b == 0) {
            *r = a;
        } else if (sb == -1) {
            *r = 0;
        } else {
            *r = (uint64_t)(sa % sb);
        }
        break;
    case IR_clz: *r = clz_w(a, w); break;
    case IR_ctz: *r = ctz_w(a, w); break;
    case IR_ctpop: *r = (uint64_t)__builtin_popcountll(a); break;
    case IR_bswap: *r = w == 32 ? __builtin_bswap32((uint32_t)a) : __builtin_bswap64(a); break;
    case IR_bswap16: *r = __builtin_bswap16((uint16_t)a); break;
    case IR_ext8s: *r = (uint64_t)(int64_t)(int8_t)a; break;
    case IR_ext8u: *r = (uint8_t)a; break;
    case IR_ext16s: *r = (uint64_t)(int64_t)(int16_t)a; break;
    case IR_ext16u: *r = (uint16_t)a; break;
    case IR_extract: *r = (a >> k[0]) & (k[1] == 64 ? ~0ull : (1ull << k[1]) - 1); break;
    case IR_sextract: {
        uint64_t v = a << (64 - k[0] - k[1]);
        *r = (uint64_t)((int64_t)v >> (64 - k[1]));
        break;
    }
    case IR_deposit: {
        uint64_t fm = (k[1] == 64 ? ~0ull : (1ull << k[1]) - 1) << k[0];
        *r = (a & ~fm) | ((b << k[0]) & fm);
        break;
    }
    default:
        return false;
    }
    *r &= m;
    return true;
}

static bool is_commutative(IROpcode opc)
{
    return opc == IR_add || opc == IR_mul || opc == IR_and || opc == IR_or || opc == IR_xor;
}

/* Algebraic identities with one constant operand.  Returns true if the op
 * was rewritten. */
static bool simplify(Opt *o, IROp *op)
{
    IRTemp d = (IRTemp)op->args[0], a = (IRTemp)op->args[1], b = (IRTemp)op->args[2];
    IRType type = (IRType)op->type;
    uint64_t m = mask_of(type);

    if (!is_const(o, b)) {
        if (a == b) {
            switch (op->opc) {
            case IR_and:
            case IR_or:
                make_mov(o, op, d, a);
                return true;
            case IR_sub:
            case IR_xor:
            case IR_andc:
                make_movi(o, op, d, 0);
                return true;
            default:
                break;
            }
        }
        if (is_const(o, a) && cval(o, a) == 0) {
            switch (op->opc) {
            case IR_and:
            case IR_mul:
            case IR_shl:
            case IR_shr:
            case IR_sar:
            case IR_rotr:
            case IR_rotl:
            case IR_andc:
                make_movi(o, op, d, 0);
                return true;
            default:
                break;
            }
        }
        return false;
    }
    uint64_t v = cval(o, b) & m;
    switch (op->opc) {
    case IR_add:
    case IR_sub:
    case IR_or:
    case IR_xor:
    case IR_shl:
    case IR_shr:
    case IR_sar:
    case IR_rotr:
    case IR_rotl:
    case IR_andc:
        if (v == 0) {
            make_mov(o, op, d, a);
            return true;
        }
        if (op->opc == IR_or && v == m) {
            make_movi(o, op, d, m);
            return true;
        }
        if (op->opc == IR_andc && v == m) {
            make_movi(o, op, d, 0);
            return true;
        }
        break;
    case IR_and:
        if (v == 0) {
            make_movi(o, op, d, 0);
            return true;
        }
        if (v == m) {
            make_mov(o, op, d, a);
            return true;
        }
        break;
    case IR_mul:
        if (v == 0) {
            make_movi(o, op, d, 0);
            return true;
        }
        if (v == 1) {
            make_mov(o, op, d, a);
            return true;
        }
        break;
    default:
        break;
    }
    return false;
}

void ir_optimize(IRContext *c)
{
    Opt o = { c, xmalloc(c->nb_temps * sizeof(OptTemp)), c->nb_temps, 0 };

    for (IRTemp t = 0; t < c->nb_temps; t++) {
        o.t[t] = (OptTemp){ t, t, 0, c->temps[t].kind == TEMP_CONST, c->temps[t].val };
    }

    for (uint32_t i = 0; i < c->nb_ops; i++) {
        IROp *op = &c->ops[i];
        o.now = i + 1;
        const IROpDef *def = &ir_op_defs[op->opc];
        int nout = op->nout, nin = op->nin;

        if (op->opc == IR_label) {
            reset_all(&o, false);
            continue;
        }
        /* Rewrite inputs to the best copies. */
        for (int k = 0; k < nin; k++) {
            op->args[nout + k] = best_copy(&o, (IRTemp)op->args[nout + k]);
        }
        if (op->opc == IR_insn_start) {
            continue;
        }
        if (op->opc == IR_call) {
            const HelperInfo *h = (const HelperInfo *)(uintptr_t)op->args[op->nargs - 1];
            if (!(h->flags & (IRH_NO_WG | IRH_PURE))) {
                reset_all(&o, true);
            }
            for (int k = 0; k < nout; k++) {
                reset_temp(&o, (IRTemp)op->args[k]);
            }
            continue;
        }
        if (op->opc == IR_mov) {
            record_copy(&o, (IRTemp)op->args[0], (IRTemp)op->args[1]);
            continue;
        }
        if (op->opc == IR_brcond) {
            IRTemp a = (IRTemp)op->args[0], b = (IRTemp)op->args[1];
            if (is_const(&o, a) && !is_const(&o, b)) {
                op->args[0] = b;
                op->args[1] = a;
                op->args[2] = ir_cond_swap((IRCond)op->args[2]);
            } else if (is_const(&o, a) && is_const(&o, b)) {
                bool taken = ir_cond_eval((IRCond)op->args[2], (IRType)op->type, cval(&o, a), cval(&o, b));
                if (taken) {
                    uint64_t l = op->args[3];
                    op->opc = IR_br;
                    op->nargs = 1;
                    op->nout = op->nin = 0;
                    op->args[0] = l;
                } else {
                    op->opc = IR_nop;
                    op->nargs = op->nout = op->nin = 0;
                }
            }
            continue;
        }
        if (def->flags & IRF_INT) {
            if (is_commutative((IROpcode)op->opc) && nin == 2 && is_const(&o, (IRTemp)op->args[1]) &&
                !is_const(&o, (IRTemp)op->args[2])) {
                uint64_t t = op->args[1];
                op->args[1] = op->args[2];
                op->args[2] = t;
            }
            if (op->opc == IR_setcond || op->opc == IR_movcond) {
                IRTemp a = (IRTemp)op->args[1], b = (IRTemp)op->args[2];
                int ci = op->opc == IR_setcond ? 3 : 5;
                if (is_const(&o, a) && is_const(&o, b)) {
                    bool r = ir_cond_eval((IRCond)op->args[ci], (IRType)op->type, cval(&o, a), cval(&o, b));
                    if (op->opc == IR_setcond) {
                        make_movi(&o, op, (IRTemp)op->args[0], r);
                    } else {
                        make_mov(&o, op, (IRTemp)op->args[0], (IRTemp)op->args[r ? 3 : 4]);
                    }
                    continue;
                }
                if (is_const(&o, a)) {
                    op->args[1] = b;
                    op->args[2] = a;
                    op->args[ci] = ir_cond_swap((IRCond)op->args[ci]);
                }
                if (op->opc == IR_movcond && op->args[3] == op->args[4]) {
                    make_mov(&o, op, (IRTemp)op->args[0], (IRTemp)op->args[3]);
                    continue;
                }
            }
            if (nout == 1 && (nin == 1 || nin == 2) && def->nconst <= 2 && !(def->flags & (IRF_FAULT | IRF_SIDE)) &&
                op->opc != IR_zext && op->opc != IR_sext && op->opc != IR_trunc && op->opc != IR_trunch &&
                op->opc != IR_concat && op->opc != IR_setcond) {
                IRTemp a = (IRTemp)op->args[1];
                IRTemp b = nin == 2 ? (IRTemp)op->args[2] : a;
                uint64_t r;
                if (is_const(&o, a) && is_const(&o, b) &&
                    fold((IROpcode)op->opc, (IRType)op->type, cval(&o, a), cval(&o, b), &op->args[nout + nin], &r)) {
                    make_movi(&o, op, (IRTemp)op->args[0], r);
                    continue;
                }
                if (nin == 2 && simplify(&o, op)) {
                    continue;
                }
            }
            /* Conversions of constants. */
            if (nout == 1 && nin == 1 && is_const(&o, (IRTemp)op->args[1])) {
                uint64_t v = cval(&o, (IRTemp)op->args[1]);
                switch (op->opc) {
                case IR_zext: make_movi(&o, op, (IRTemp)op->args[0], (uint32_t)v); continue;
                case IR_sext: make_movi(&o, op, (IRTemp)op->args[0], (uint64_t)(int64_t)(int32_t)v); continue;
                case IR_trunc: make_movi(&o, op, (IRTemp)op->args[0], (uint32_t)v); continue;
                case IR_trunch: make_movi(&o, op, (IRTemp)op->args[0], v >> 32); continue;
                default: break;
                }
            }
        }
        for (int k = 0; k < nout; k++) {
            reset_temp(&o, (IRTemp)op->args[k]);
        }
    }
    free(o.t);
}
