/* IR builder, dumper and verifier. */
#include "tcg/ir.h"
#include "tcg/util.h"

#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

const IROpDef ir_op_defs[IR_NB_OPS] = {
#define DEF(name, nout, nin, nconst, flags) { #name, nout, nin, nconst, flags },
#include "tcg/ir-ops.def"
#undef DEF
};

static const char *const type_names[IR_NB_TYPES] = { "i32", "i64", "f32", "f64", "v128" };
static const char *const cond_names[IR_NB_CONDS] = {
    "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu", "tsteq", "tstne", "always", "never"
};

void ir_context_init(IRContext *c)
{
    memset(c, 0, sizeof(*c));
    c->max_ops = 1024;
    c->ops = xmalloc(c->max_ops * sizeof(IROp));
    c->max_temps = 512;
    c->temps = xmalloc(c->max_temps * sizeof(IRTempInfo));
    c->const_hash_mask = 255;
    c->const_hash = xmalloc((c->const_hash_mask + 1) * sizeof(uint32_t));
    ir_context_reset(c);
}

void ir_context_reset(IRContext *c)
{
    c->nb_ops = 0;
    c->nb_temps = c->nb_globals;
    c->nb_labels = 0;
    c->nb_consts = 0;
    memset(c->const_hash, 0xff, (c->const_hash_mask + 1) * sizeof(uint32_t));
}

static IRTemp temp_new(IRContext *c, IRType type, IRTempKind kind)
{
    if (c->nb_temps == c->max_temps) {
        c->max_temps *= 2;
        c->temps = xrealloc(c->temps, c->max_temps * sizeof(IRTempInfo));
    }
    IRTemp t = c->nb_temps++;
    IRTempInfo *ti = &c->temps[t];
    memset(ti, 0, sizeof(*ti));
    ti->type = type;
    ti->kind = kind;
    return t;
}

IRTemp ir_global(IRContext *c, IRType type, int32_t offset, const char *name)
{
    /* Globals must be registered before any TB-local temp exists. */
    ASSERT(c->nb_temps == c->nb_globals);
    IRTemp t = temp_new(c, type, TEMP_GLOBAL);
    c->temps[t].mem_offset = offset;
    c->temps[t].name = name;
    c->nb_globals++;
    return t;
}

IRTemp ir_temp(IRContext *c, IRType type) { return temp_new(c, type, TEMP_NORMAL); }
IRTemp ir_local(IRContext *c, IRType type) { return temp_new(c, type, TEMP_LOCAL); }

static uint64_t const_canon(IRType type, uint64_t val)
{
    return type == IR_I64 || type == IR_F64 ? val : (uint32_t)val;
}

static uint32_t const_hash_fn(IRType type, uint64_t val)
{
    uint64_t h = (val ^ ((uint64_t)type << 61)) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

static void const_hash_grow(IRContext *c)
{
    uint32_t nsize = (c->const_hash_mask + 1) * 2;
    free(c->const_hash);
    c->const_hash = xmalloc(nsize * sizeof(uint32_t));
    memset(c->const_hash, 0xff, nsize * sizeof(uint32_t));
    c->const_hash_mask = nsize - 1;
    for (IRTemp t = c->nb_globals; t < c->nb_temps; t++) {
        if (c->temps[t].kind != TEMP_CONST) {
            continue;
        }
        uint32_t i = const_hash_fn(c->temps[t].type, c->temps[t].val) & c->const_hash_mask;
        while (c->const_hash[i] != UINT32_MAX) {
            i = (i + 1) & c->const_hash_mask;
        }
        c->const_hash[i] = t;
    }
}

IRTemp ir_const(IRContext *c, IRType type, uint64_t val)
{
    val = const_canon(type, val);
    uint32_t i = const_hash_fn(type, val) & c->const_hash_mask;
    for (;;) {
        uint32_t t = c->const_hash[i];
        if (t == UINT32_MAX) {
            break;
        }
        if (c->temps[t].type == type && c->temps[t].val == val) {
            return t;
        }
        i = (i + 1) & c->const_hash_mask;
    }
    IRTemp t = temp_new(c, type, TEMP_CONST);
    c->temps[t].val = val;
    c->const_hash[i] = t;
    /* Keep the load factor under one half. */
    if (++c->nb_consts * 2 > c->const_hash_mask) {
        const_hash_grow(c);
    }
    return t;
}

uint32_t ir_new_label(IRContext *c) { return c->nb_labels++; }

IROp *ir_emit(IRContext *c, IROpcode opc, IRType type, int n, const uint64_t *args)
{
    if (c->nb_ops == c->max_ops) {
        c->max_ops *= 2;
        c->ops = xrealloc(c->ops, c->max_ops * sizeof(IROp));
    }
    IROp *op = &c->ops[c->nb_ops++];
    const IROpDef *def = &ir_op_defs[opc];
    ASSERT(n <= IR_MAX_ARGS);
    op->opc = opc;
    op->type = type;
    op->nargs = n;
    op->nout = def->nout;
    op->nin = def->nin;
    op->dead = 0;
    if (n) {
        memcpy(op->args, args, n * sizeof(uint64_t));   /* args may be NULL when n == 0 */
    }
    return op;
}

void ir_call(IRContext *c, const HelperInfo *h, IRTemp ret, int nin, const IRTemp *in)
{
    uint64_t args[IR_MAX_ARGS];
    int n = 0;
    int nout = h->ret != HT_void;
    ASSERT(nout == (ret != IR_NO_TEMP));
    if (nout) {
        args[n++] = ret;
    }
    for (int i = 0; i < nin; i++) {
        args[n++] = in[i];
    }
    args[n++] = (uintptr_t)h;
    IROp *op = ir_emit(c, IR_call, IR_I32, n, args);
    op->nout = nout;
    op->nin = nin;
}

IRCond ir_cond_invert(IRCond cond)
{
    static const uint8_t inv[IR_NB_CONDS] = {
        [IR_EQ] = IR_NE, [IR_NE] = IR_EQ, [IR_LT] = IR_GE, [IR_GE] = IR_LT,
        [IR_LE] = IR_GT, [IR_GT] = IR_LE, [IR_LTU] = IR_GEU, [IR_GEU] = IR_LTU,
        [IR_LEU] = IR_GTU, [IR_GTU] = IR_LEU, [IR_TSTEQ] = IR_TSTNE, [IR_TSTNE] = IR_TSTEQ,
        [IR_ALWAYS] = IR_NEVER, [IR_NEVER] = IR_ALWAYS,
    };
    return inv[cond];
}

IRCond ir_cond_swap(IRCond cond)
{
    static const uint8_t sw[IR_NB_CONDS] = {
        [IR_EQ] = IR_EQ, [IR_NE] = IR_NE, [IR_LT] = IR_GT, [IR_GE] = IR_LE,
        [IR_LE] = IR_GE, [IR_GT] = IR_LT, [IR_LTU] = IR_GTU, [IR_GEU] = IR_LEU,
        [IR_LEU] = IR_GEU, [IR_GTU] = IR_LTU, [IR_TSTEQ] = IR_TSTEQ, [IR_TSTNE] = IR_TSTNE,
        [IR_ALWAYS] = IR_ALWAYS, [IR_NEVER] = IR_NEVER,
    };
    return sw[cond];
}

bool ir_cond_eval(IRCond cond, IRType t, uint64_t a, uint64_t b)
{
    int64_t sa, sb;
    if (t == IR_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (cond) {
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sa < sb;
    case IR_GE: return sa >= sb;
    case IR_LE: return sa <= sb;
    case IR_GT: return sa > sb;
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_LEU: return a <= b;
    case IR_GTU: return a > b;
    case IR_TSTEQ: return (a & b) == 0;
    case IR_TSTNE: return (a & b) != 0;
    case IR_ALWAYS: return true;
    default: return false;
    }
}

static void dump_temp(const IRContext *c, FILE *f, IRTemp t)
{
    if (t >= c->nb_temps) {
        fprintf(f, "<bad %u>", t);
        return;
    }
    const IRTempInfo *ti = &c->temps[t];
    switch (ti->kind) {
    case TEMP_GLOBAL: fprintf(f, "%s", ti->name); break;
    case TEMP_LOCAL: fprintf(f, "loc%u", t); break;
    case TEMP_NORMAL: fprintf(f, "tmp%u", t); break;
    case TEMP_CONST: fprintf(f, "$0x%" PRIx64, ti->val); break;
    }
}

static void dump_const_arg(FILE *f, const IROp *op, int i, uint64_t v)
{
    int ci = i - op->nout - op->nin;
    switch (op->opc) {
    case IR_setcond:
    case IR_movcond:
        fprintf(f, "%s", v < IR_NB_CONDS ? cond_names[v] : "?");
        return;
    case IR_brcond:
        if (ci == 0) {
            fprintf(f, "%s", v < IR_NB_CONDS ? cond_names[v] : "?");
        } else {
            fprintf(f, "L%" PRIu64, v);
        }
        return;
    case IR_label:
    case IR_br:
        fprintf(f, "L%" PRIu64, v);
        return;
    case IR_call:
        fprintf(f, "%s", ((const HelperInfo *)(uintptr_t)v)->name);
        return;
    case IR_ld:
    case IR_st:
    case IR_cmpxchg:
    case IR_ldenv:
    case IR_stenv:
        if (ci == 1 || (op->opc == IR_ldenv && ci == 1) || (op->opc == IR_stenv && ci == 1)) {
            fprintf(f, "%s%d%s", v & IR_MO_SIGN ? "s" : "u", 8 << (v & IR_MO_SIZE),
                    v & IR_MO_BSWAP ? "_bs" : "");
            return;
        }
        break;
    default:
        break;
    }
    fprintf(f, "$0x%" PRIx64, v);
}

void ir_dump(const IRContext *c, FILE *f)
{
    for (uint32_t i = 0; i < c->nb_ops; i++) {
        const IROp *op = &c->ops[i];
        const IROpDef *def = &ir_op_defs[op->opc];
        if (op->opc == IR_insn_start) {
            fprintf(f, " ---- %08" PRIx64 " %08" PRIx64 "\n", op->args[0], op->args[1]);
            continue;
        }
        fprintf(f, " %-12s", def->name);
        if (def->flags & (IRF_INT | IRF_FLT | IRF_VEC | IRF_ANY)) {
            fprintf(f, " %-4s", type_names[op->type]);
        } else {
            fprintf(f, "     ");
        }
        int ntemps = op->nout + op->nin;
        for (int a = 0; a < op->nargs; a++) {
            fputs(a == 0 ? " " : a == op->nout && op->nout ? " <- " : ", ", f);
            if (a < ntemps) {
                dump_temp(c, f, (IRTemp)op->args[a]);
                if (op->dead & (1u << a)) {
                    fputc('*', f);
                }
            } else {
                dump_const_arg(f, op, a, op->args[a]);
            }
        }
        fputc('\n', f);
    }
}

static bool is_int_type(int t) { return t == IR_I32 || t == IR_I64; }
static bool is_flt_type(int t) { return t == IR_F32 || t == IR_F64; }

static bool type_ok_for_op(const IROp *op)
{
    unsigned f = ir_op_defs[op->opc].flags;
    if (f & IRF_INT) {
        return is_int_type(op->type);
    }
    if (f & IRF_FLT) {
        return is_flt_type(op->type);
    }
    if (f & IRF_VEC) {
        return op->type == IR_V128;
    }
    return op->type < IR_NB_TYPES;
}

/* Whether temp argument i of a typed op may have type t. */
static bool arg_type_ok(const IROp *op, int i, int t)
{
    int ot = op->type;
    switch (op->opc) {
    case IR_zext:
    case IR_sext:
        return t == (i == 0 ? IR_I64 : IR_I32);
    case IR_trunc:
    case IR_trunch:
        return t == (i == 0 ? IR_I32 : IR_I64);
    case IR_concat:
        return t == (i == 0 ? IR_I64 : IR_I32);
    case IR_ld:
    case IR_cmpxchg:
    case IR_st:
        return i == 1 ? t == IR_I32 : t == ot;
    case IR_fcmp:
    case IR_fcmpe:
        return i == 0 ? t == IR_I32 : t == ot;
    case IR_ftoi:
        return i == 0 ? is_int_type(t) : t == ot;
    case IR_itof:
        return i == 0 ? t == ot : is_int_type(t);
    case IR_fcvt:
        return i == 0 ? t == ot : is_flt_type(t) && t != ot;
    case IR_bitcast:
        if (i == 0) {
            return t == ot;
        }
        return (ot == IR_I32 && t == IR_F32) || (ot == IR_F32 && t == IR_I32) || (ot == IR_I64 && t == IR_F64) ||
               (ot == IR_F64 && t == IR_I64);
    case IR_vdup:
        return i == 0 ? t == IR_V128 : is_int_type(t);
    case IR_vgetlane:
        return i == 0 ? is_int_type(t) : t == IR_V128;
    case IR_vsetlane:
        return i == 2 ? is_int_type(t) : t == IR_V128;
    default:
        return t == ot;
    }
}

const char *ir_verify(const IRContext *c)
{
    static char msg[160];
    uint8_t *label_def = calloc(c->nb_labels + 1, 1);
    const char *err = NULL;
    for (uint32_t i = 0; i < c->nb_ops && !err; i++) {
        const IROp *op = &c->ops[i];
        if (op->opc >= IR_NB_OPS) {
            snprintf(msg, sizeof(msg), "op %u: bad opcode %u", i, op->opc);
            err = msg;
            break;
        }
        const IROpDef *def = &ir_op_defs[op->opc];
        int want = def->flags & IRF_CALL ? op->nout + op->nin + 1 : def->nout + def->nin + def->nconst;
        if (op->nargs != want) {
            snprintf(msg, sizeof(msg), "op %u (%s): %d args, want %d", i, def->name, op->nargs, want);
            err = msg;
            break;
        }
        if (!type_ok_for_op(op)) {
            snprintf(msg, sizeof(msg), "op %u (%s): bad type %d", i, def->name, op->type);
            err = msg;
            break;
        }
        for (int a = 0; a < op->nout + op->nin; a++) {
            IRTemp t = (IRTemp)op->args[a];
            if (t >= c->nb_temps) {
                snprintf(msg, sizeof(msg), "op %u (%s): arg %d temp %u out of range", i, def->name, a, t);
                err = msg;
                break;
            }
            if (a < op->nout && c->temps[t].kind == TEMP_CONST) {
                snprintf(msg, sizeof(msg), "op %u (%s): writes a constant", i, def->name);
                err = msg;
                break;
            }
            if ((def->flags & (IRF_INT | IRF_FLT | IRF_VEC | IRF_ANY)) && !arg_type_ok(op, a, c->temps[t].type)) {
                snprintf(msg, sizeof(msg), "op %u (%s %s): arg %d has type %s", i, def->name, type_names[op->type], a,
                         type_names[c->temps[t].type]);
                err = msg;
                break;
            }
        }
        if (err) {
            break;
        }
        if (op->opc == IR_label) {
            uint64_t l = op->args[0];
            if (l >= c->nb_labels || label_def[l]) {
                snprintf(msg, sizeof(msg), "op %u: label L%" PRIu64 " undefined or set twice", i, l);
                err = msg;
            } else {
                label_def[l] = 1;
            }
        }
        if (op->opc == IR_setcond || op->opc == IR_movcond || op->opc == IR_brcond) {
            if (op->args[op->nout + op->nin] >= IR_NB_CONDS) {
                snprintf(msg, sizeof(msg), "op %u (%s): bad condition", i, def->name);
                err = msg;
            }
        }
        if (def->flags & IRF_VEC) {
            /* Lane sizes the ops are defined for (SSE4.1 shapes them). */
            static const uint8_t lanes[IR_NB_OPS] = {
                [IR_vadd] = 0xf, [IR_vsub] = 0xf, [IR_vcmpeq] = 0xf, [IR_vcmpgt] = 0xf, [IR_vmul] = 0x6,
                [IR_vmins] = 0x7, [IR_vmaxs] = 0x7, [IR_vminu] = 0x7, [IR_vmaxu] = 0x7, [IR_vshli] = 0xe,
                [IR_vshri] = 0xe, [IR_vsari] = 0x6, [IR_vdup] = 0xf, [IR_vgetlane] = 0xf, [IR_vsetlane] = 0xf,
            };
            if (def->nconst && (op->args[op->nout + op->nin] > 3 ||
                                !(lanes[op->opc] & (1u << op->args[op->nout + op->nin])))) {
                snprintf(msg, sizeof(msg), "op %u (%s): lane size %" PRIu64 " not allowed", i, def->name,
                         op->args[op->nout + op->nin]);
                err = msg;
            } else if (def->nconst == 2 && op->args[op->nout + op->nin + 1] >=
                                               (op->opc == IR_vgetlane || op->opc == IR_vsetlane
                                                    ? 16u >> op->args[op->nout + op->nin]
                                                    : 8u << op->args[op->nout + op->nin])) {
                snprintf(msg, sizeof(msg), "op %u (%s): lane index or shift out of range", i, def->name);
                err = msg;
            }
        }
        if (op->opc == IR_extract || op->opc == IR_sextract || op->opc == IR_deposit) {
            uint64_t pos = op->args[op->nout + op->nin], len = op->args[op->nout + op->nin + 1];
            unsigned w = op->type == IR_I32 ? 32 : 64;
            if (len == 0 || pos + len > w) {
                snprintf(msg, sizeof(msg), "op %u (%s): bad field %" PRIu64 "+%" PRIu64, i, def->name, pos, len);
                err = msg;
            }
        }
    }
    for (IRTemp t = c->nb_globals; t < c->nb_temps && !err; t++) {
        if (c->temps[t].kind == TEMP_CONST && c->temps[t].type == IR_V128 && c->temps[t].val) {
            snprintf(msg, sizeof(msg), "temp %u: vector constants must be zero", t);
            err = msg;
        }
    }
    /* Every branch target must be placed somewhere. */
    for (uint32_t i = 0; i < c->nb_ops && !err; i++) {
        const IROp *op = &c->ops[i];
        uint64_t l;
        if (op->opc == IR_br) {
            l = op->args[0];
        } else if (op->opc == IR_brcond) {
            l = op->args[3];
        } else {
            continue;
        }
        if (l >= c->nb_labels || !label_def[l]) {
            snprintf(msg, sizeof(msg), "op %u: branch to unplaced label L%" PRIu64, i, l);
            err = msg;
        }
    }
    free(label_def);
    return err;
}
