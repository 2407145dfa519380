/*
 * Unit tests for the IR core: the builder and constant interning
 * (tcg/ir.c), the verifier, the optimiser (tcg/opt.c: constant folding,
 * algebraic simplification, branch/setcond/movcond folding, copy
 * propagation) and liveness / dead-code elimination (tcg/liveness.c).
 *
 * Folded values are compared with reference implementations written here in
 * plain C on native 32/64-bit types, independently of opt.c's fold().
 */
#include <check.h>

#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/ir.h"
#include "tcg/opt.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Fixture: a context with a few guest globals, as a frontend sets it up. */

static IRContext ctx;
static IRContext *const C = &ctx;
static IRTemp r0, r1, r2, r3, g64;

static void setup(void)
{
    ir_context_init(C);
    r0 = ir_global(C, IR_I32, 0, "r0");
    r1 = ir_global(C, IR_I32, 4, "r1");
    r2 = ir_global(C, IR_I32, 8, "r2");
    r3 = ir_global(C, IR_I32, 12, "r3");
    g64 = ir_global(C, IR_I64, 16, "d0");
}

static void teardown(void)
{
    free(ctx.ops);
    free(ctx.temps);
    free(ctx.const_hash);
    memset(&ctx, 0, sizeof(ctx));
}

/* Helpers for calls.  Never run: the IR only needs their descriptions. */
static uint32_t helper_fn(uint32_t x) { return x; }
static const HelperInfo h_plain = { "plain", (void *)helper_fn, 0, HT_i32, 1, { HT_i32 } };
static const HelperInfo h_pure = { "pure", (void *)helper_fn, IRH_PURE | IRH_NO_RG | IRH_NO_WG, HT_i32, 1, { HT_i32 } };
static const HelperInfo h_no_wg = { "no_wg", (void *)helper_fn, IRH_NO_WG, HT_i32, 1, { HT_i32 } };
static const HelperInfo h_no_rw = { "no_rw", (void *)helper_fn, IRH_NO_RG | IRH_NO_WG, HT_i32, 1, { HT_i32 } };
static const HelperInfo h_void = { "void", (void *)helper_fn, 0, HT_void, 1, { HT_i32 } };

static const char *dump(void)
{
    static char buf[8192];
    FILE *f = fmemopen(buf, sizeof(buf), "w");
    ir_dump(C, f);
    fclose(f);
    return buf;
}

/* Assert the op list is exactly the given opcodes. */
static void expect_opcodes(const int *want, size_t n)
{
    bool ok = ctx.nb_ops == n;
    for (size_t i = 0; ok && i < n; i++) {
        ok = ctx.ops[i].opc == want[i];
    }
    if (!ok) {
        fprintf(stderr, "unexpected op list (want %zu ops):\n%s", n, dump());
    }
    ck_assert_msg(ok, "op list differs (have %u ops, want %zu)", ctx.nb_ops, n);
}
#define EXPECT_OPS(...)                                      \
    do {                                                     \
        static const int w_[] = { __VA_ARGS__ };             \
        expect_opcodes(w_, ARRAY_LEN(w_));                   \
    } while (0)

static void verify_ok(void)
{
    const char *err = ir_verify(C);
    if (err) {
        fprintf(stderr, "%s", dump());
    }
    ck_assert_msg(err == NULL, "ir_verify: %s", err ? err : "");
}

static void verify_fails(const char *what)
{
    const char *err = ir_verify(C);
    if (!err) {
        fprintf(stderr, "%s", dump());
    }
    ck_assert_msg(err != NULL, "ir_verify accepted %s", what);
}

static IROp *op_at(uint32_t i)
{
    ck_assert_uint_lt(i, ctx.nb_ops);
    return &ctx.ops[i];
}

static bool is_const_val(IRTemp t, uint64_t v) { return ir_is_const(C, t) && ctx.temps[t].val == v; }

/* ------------------------------------------------------------------------ */
/* Builder and constants */

START_TEST(test_const_interning)
{
    IRTemp a = ir_const(C, IR_I32, 5);
    IRTemp b = ir_const(C, IR_I32, 5);
    IRTemp c = ir_const(C, IR_I64, 5);
    IRTemp d = ir_const(C, IR_I32, 6);
    ck_assert_uint_eq(a, b);
    ck_assert_uint_ne(a, c);
    ck_assert_uint_ne(a, d);
    ck_assert_uint_eq(ir_c64(C, 5), c);
    ck_assert_uint_eq(ir_c32(C, 5), a);
    ck_assert(ir_is_const(C, a) && ir_is_const(C, c));
    ck_assert_int_eq(ir_temp_type(C, a), IR_I32);
    ck_assert_int_eq(ir_temp_type(C, c), IR_I64);
    ck_assert_uint_eq(ctx.temps[a].val, 5);
    ck_assert_uint_ge(a, ctx.nb_globals);

    /* i32 constants are canonical: zero-extended, upper bits ignored. */
    IRTemp m = ir_const(C, IR_I32, 0xffffffffffffffffull);
    ck_assert_uint_eq(ctx.temps[m].val, 0xffffffffull);
    ck_assert_uint_eq(ir_c32(C, 0xffffffff), m);
    ck_assert_uint_eq(ir_const(C, IR_I32, 0x100000005ull), a);
    /* ... but not for i64. */
    IRTemp m64 = ir_c64(C, ~0ull);
    ck_assert_uint_ne(m64, m);
    ck_assert_uint_eq(ctx.temps[m64].val, ~0ull);
    ck_assert_uint_ne(ir_c64(C, 0xffffffff), m64);
    /* Float types intern separately from the integers. */
    ck_assert_uint_ne(ir_const(C, IR_F64, 5), c);
    ck_assert_uint_ne(ir_const(C, IR_F32, 5), a);
    ck_assert_uint_eq(ir_const(C, IR_F32, 5), ir_const(C, IR_F32, 5));

    /* Non-constant temps are never shared. */
    IRTemp t1 = ir_temp(C, IR_I32), t2 = ir_temp(C, IR_I32);
    ck_assert_uint_ne(t1, t2);
    ck_assert(!ir_is_const(C, t1));
    ck_assert_int_eq(ctx.temps[t1].kind, TEMP_NORMAL);
    ck_assert_int_eq(ctx.temps[ir_local(C, IR_I64)].kind, TEMP_LOCAL);
    ck_assert_int_eq(ctx.temps[r0].kind, TEMP_GLOBAL);
    ck_assert_int_eq(ctx.temps[r1].mem_offset, 4);
    ck_assert_str_eq(ctx.temps[r2].name, "r2");
}
END_TEST

START_TEST(test_const_growth)
{
    /* Far more constants than the initial hash (256 slots) and temp table
     * (512), interleaved with other temps; every lookup must find the
     * original temp again. */
    enum { N = 5000 };
    static IRTemp t32[N], t64[N];
    uint32_t base = ctx.nb_temps;
    for (uint32_t i = 0; i < N; i++) {
        uint64_t v = (uint64_t)i * 0x9e3779b9u;
        t32[i] = ir_const(C, IR_I32, v);
        t64[i] = ir_const(C, IR_I64, v);
        if (i % 7 == 0) {
            ir_temp(C, IR_I32);
        }
    }
    ck_assert_uint_gt(ctx.const_hash_mask, 255);
    for (uint32_t i = 0; i < N; i++) {
        uint64_t v = (uint64_t)i * 0x9e3779b9u;
        ck_assert_uint_eq(ir_const(C, IR_I32, v), t32[i]);
        ck_assert_uint_eq(ir_const(C, IR_I64, v), t64[i]);
        ck_assert_uint_eq(ctx.temps[t32[i]].val, (uint32_t)v);
        ck_assert_uint_eq(ctx.temps[t64[i]].val, v);
        ck_assert_int_eq(ctx.temps[t32[i]].type, IR_I32);
        ck_assert_int_eq(ctx.temps[t64[i]].type, IR_I64);
    }
    /* 2N distinct constants (the i32 truncations are distinct too) plus
     * the plain temps: nothing was created twice. */
    ck_assert_uint_eq(ctx.nb_temps - base, 2 * N + (N + 6) / 7);

    /* Reset drops everything but the globals, and constants with it. */
    uint32_t nglob = ctx.nb_globals;
    ir_context_reset(C);
    ck_assert_uint_eq(ctx.nb_temps, nglob);
    ck_assert_uint_eq(ctx.nb_ops, 0);
    IRTemp a = ir_c32(C, 12345);
    ck_assert_uint_eq(a, nglob);
    ck_assert_uint_eq(ir_c32(C, 12345), a);
    ck_assert_uint_eq(ctx.temps[r3].mem_offset, 12);
}
END_TEST

START_TEST(test_emit_layout)
{
    IRTemp t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_add(C, t, r0, r1);
    IROp *op = op_at(0);
    ck_assert_int_eq(op->opc, IR_add);
    ck_assert_int_eq(op->type, IR_I32);
    ck_assert_int_eq(op->nargs, 3);
    ck_assert_int_eq(op->nout, 1);
    ck_assert_int_eq(op->nin, 2);
    ck_assert_uint_eq(op->args[0], t);
    ck_assert_uint_eq(op->args[1], r0);
    ck_assert_uint_eq(op->args[2], r1);

    /* The type comes from the first temp. */
    ir_mov(C, t64, g64);
    ck_assert_int_eq(op_at(1)->type, IR_I64);

    ir_ld(C, t64, r1, -4, IR_MO_64);
    op = op_at(2);
    ck_assert_int_eq(op->type, IR_I64);
    ck_assert_uint_eq(op->args[2], 0xfffffffc);
    ck_assert_uint_eq(op->args[3], IR_MO_64);

    /* Calls take their counts from the helper. */
    ir_calln(C, &h_plain, t, r2);
    op = op_at(3);
    ck_assert_int_eq(op->opc, IR_call);
    ck_assert_int_eq(op->nout, 1);
    ck_assert_int_eq(op->nin, 1);
    ck_assert_int_eq(op->nargs, 3);
    ck_assert_ptr_eq((const void *)(uintptr_t)op->args[2], &h_plain);
    ir_calln(C, &h_void, IR_NO_TEMP, r2);
    op = op_at(4);
    ck_assert_int_eq(op->nout, 0);
    ck_assert_int_eq(op->nin, 1);
    ck_assert_int_eq(op->nargs, 2);

    ck_assert_uint_eq(ir_new_label(C), 0);
    ck_assert_uint_eq(ir_new_label(C), 1);
    ck_assert_uint_eq(ctx.nb_labels, 2);
    ir_label(C, 0);
    ir_label(C, 1);
    ir_exit_tb(C, IR_EXIT_NOCHAIN);
    verify_ok();

    /* The op array grows. */
    for (int i = 0; i < 3000; i++) {
        ir_addi(C, r0, r0, (uint32_t)i);
    }
    ck_assert_uint_eq(ctx.nb_ops, 3008);
    ck_assert_uint_eq(op_at(3007)->args[0], r0);
    ck_assert(is_const_val((IRTemp)op_at(3007)->args[2], 2999));
    verify_ok();
}
END_TEST

START_TEST(test_global_after_temp_aborts)
{
    /* Runs in a forked child: keep the expected assertion message quiet. */
    if (!freopen("/dev/null", "w", stderr)) {
        ck_abort_msg("freopen");
    }
    ir_temp(C, IR_I32);
    ir_global(C, IR_I32, 32, "late");   /* ASSERT -> abort() */
}
END_TEST

START_TEST(test_dump)
{
    IRTemp t = ir_temp(C, IR_I32);
    uint32_t l = ir_new_label(C);
    ir_insn_start(C, 0x8000, 0);
    ir_add(C, t, r0, ir_c32(C, 0x10));
    ir_brcondi(C, t, 0, IR_LTU, l);
    ir_ld(C, r1, t, 0, IR_MO_16 | IR_MO_SIGN);
    ir_label(C, l);
    ir_calln(C, &h_plain, r2, t);
    ir_exit_tb(C, 0);
    const char *s = dump();
    ck_assert_ptr_nonnull(strstr(s, "00008000"));
    ck_assert_ptr_nonnull(strstr(s, "add"));
    ck_assert_ptr_nonnull(strstr(s, "r0"));
    ck_assert_ptr_nonnull(strstr(s, "$0x10"));
    ck_assert_ptr_nonnull(strstr(s, "ltu"));
    ck_assert_ptr_nonnull(strstr(s, "L0"));
    ck_assert_ptr_nonnull(strstr(s, "s16"));
    ck_assert_ptr_nonnull(strstr(s, "plain"));
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Conditions */

/* Reference comparisons on native types. */
static bool ref_cond(IRCond c, IRType t, uint64_t a, uint64_t b)
{
    if (t == IR_I32) {
        uint32_t x = (uint32_t)a, y = (uint32_t)b;
        int32_t sx = (int32_t)x, sy = (int32_t)y;
        switch (c) {
        case IR_EQ: return x == y;
        case IR_NE: return x != y;
        case IR_LT: return sx < sy;
        case IR_GE: return sx >= sy;
        case IR_LE: return sx <= sy;
        case IR_GT: return sx > sy;
        case IR_LTU: return x < y;
        case IR_GEU: return x >= y;
        case IR_LEU: return x <= y;
        case IR_GTU: return x > y;
        case IR_TSTEQ: return (x & y) == 0;
        case IR_TSTNE: return (x & y) != 0;
        case IR_ALWAYS: return true;
        default: return false;
        }
    }
    int64_t sx = (int64_t)a, sy = (int64_t)b;
    switch (c) {
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sx < sy;
    case IR_GE: return sx >= sy;
    case IR_LE: return sx <= sy;
    case IR_GT: return sx > sy;
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

static const uint64_t CMP_VALS[] = { 0, 1, 2, 0x7f, 0x80, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
                                     0x100000000, 0x7fffffffffffffff, 0x8000000000000000, ~0ull, 0xffffffff00000001 };

START_TEST(test_cond_eval)
{
    for (int t = IR_I32; t <= IR_I64; t++) {
        for (int c = 0; c < IR_NB_CONDS; c++) {
            for (size_t i = 0; i < ARRAY_LEN(CMP_VALS); i++) {
                for (size_t j = 0; j < ARRAY_LEN(CMP_VALS); j++) {
                    uint64_t a = CMP_VALS[i], b = CMP_VALS[j];
                    bool r = ref_cond(c, t, a, b);
                    ck_assert_msg(ir_cond_eval(c, t, a, b) == r, "cond %d type %d %#" PRIx64 " %#" PRIx64, c, t, a, b);
                    ck_assert(ir_cond_eval(ir_cond_invert(c), t, a, b) == !r);
                    ck_assert(ir_cond_eval(ir_cond_swap(c), t, b, a) == r);
                }
            }
            ck_assert_int_eq(ir_cond_invert(ir_cond_invert(c)), c);
            ck_assert_int_eq(ir_cond_swap(ir_cond_swap(c)), c);
        }
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Verifier */

START_TEST(test_verify_accepts)
{
    IRTemp t = ir_temp(C, IR_I32), u = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    IRTemp loc = ir_local(C, IR_I32);
    uint32_t l1 = ir_new_label(C), l2 = ir_new_label(C);
    ir_insn_start(C, 0x1000, 0);
    ir_add(C, t, r0, ir_c32(C, 1));
    ir_setcond(C, u, t, r1, IR_LTU);
    ir_movcond(C, loc, t, u, r2, r3, IR_GE);
    ir_mulu2(C, t, u, r0, r1);
    ir_zext(C, t64, t);
    ir_sext(C, t64, u);
    ir_trunc(C, t, t64);
    ir_trunch(C, u, t64);
    ir_concat(C, g64, t, u);
    ir_extract(C, t, r0, 0, 32);
    ir_extract(C, t, r0, 31, 1);
    ir_sextract(C, t64, g64, 0, 64);
    ir_deposit(C, t, t, u, 8, 24);
    ir_deposit(C, t64, t64, g64, 63, 1);
    ir_ld(C, t64, r1, 8, IR_MO_64);
    ir_ld(C, t, r1, 0, IR_MO_8 | IR_MO_SIGN);
    ir_st(C, t64, r1, 8, IR_MO_64 | IR_MO_BSWAP);
    ir_cmpxchg(C, t, r1, r2, r3, 0, IR_MO_32);
    ir_mb(C, IR_MB_FULL);
    ir_ldenv(C, t, 64, IR_MO_32);
    ir_stenv(C, t, 64, IR_MO_32);
    ir_calln(C, &h_plain, t, r0);
    ir_calln(C, &h_void, IR_NO_TEMP, t);
    ir_brcondi(C, t, 0, IR_EQ, l1);
    ir_br(C, l2);
    ir_label(C, l1);
    ir_goto_tb(C, 0);
    ir_exit_tb(C, IR_EXIT_SLOT0);
    ir_label(C, l2);
    ir_lookup_and_goto(C);
    verify_ok();
    /* An empty list is fine too. */
    ir_context_reset(C);
    verify_ok();
}
END_TEST

START_TEST(test_verify_arg_count)
{
    IRTemp t = ir_temp(C, IR_I32);
    ir_emit(C, IR_add, IR_I32, 2, IR_A(t, r0));
    verify_fails("add with 2 args");
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_emit(C, IR_neg, IR_I32, 3, IR_A(t, r0, r1));
    verify_fails("neg with 3 args");
    ir_context_reset(C);
    ir_emit(C, IR_exit_tb, IR_I32, 0, NULL);
    verify_fails("exit_tb without its constant");
    ir_context_reset(C);
    /* A call with more arguments than the helper's layout says. */
    ir_calln(C, &h_plain, r0, r1);
    ctx.ops[0].nargs++;
    verify_fails("call with an extra argument");
}
END_TEST

START_TEST(test_verify_types)
{
    IRTemp t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_add, IR_I32, 3, IR_A(t, t64, r0));
    verify_fails("i64 input in an i32 add");
    ir_context_reset(C);

    t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_add, IR_I64, 3, IR_A(t64, t64, r0));
    verify_fails("i32 input in an i64 add");
    ir_context_reset(C);

    t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_add, IR_I32, 3, IR_A(t64, r0, r1));
    verify_fails("i64 output of an i32 add");
    ir_context_reset(C);

    t = ir_temp(C, IR_I32);
    ir_emit(C, IR_add, IR_F32, 3, IR_A(t, r0, r1));
    verify_fails("integer op with type f32");
    ir_context_reset(C);

    /* Conversions have fixed operand types. */
    t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_zext, IR_I64, 2, IR_A(t, r0));
    verify_fails("zext to i32");
    ir_context_reset(C);
    t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_trunc, IR_I32, 2, IR_A(t, r0));
    verify_fails("trunc from i32");
    ir_context_reset(C);
    t = ir_temp(C, IR_I32), t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_concat, IR_I64, 3, IR_A(t64, t64, r0));
    verify_fails("concat with an i64 half");
    ir_context_reset(C);

    /* Guest addresses are i32, whatever the value's type. */
    t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_ld, IR_I64, 4, IR_A(t64, t64, 0, IR_MO_64));
    verify_fails("ld with an i64 address");
    ir_context_reset(C);
    t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_st, IR_I64, 4, IR_A(r0, r1, 0, IR_MO_64));
    verify_fails("i64 st of an i32 value");
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    t64 = ir_temp(C, IR_I64);
    ir_emit(C, IR_cmpxchg, IR_I32, 6, IR_A(t, r0, t64, r1, 0, IR_MO_32));
    verify_fails("cmpxchg with an i64 expected value");
    ir_context_reset(C);

    /* Temp index out of range. */
    ir_emit(C, IR_mov, IR_I32, 2, IR_A(r0, 100000));
    verify_fails("a temp out of range");
}
END_TEST

START_TEST(test_verify_const_write)
{
    ir_add(C, ir_c32(C, 7), r0, r1);
    verify_fails("a write to a constant");
    ir_context_reset(C);
    ir_ld(C, ir_c32(C, 7), r0, 0, IR_MO_32);
    verify_fails("a load into a constant");
    ir_context_reset(C);
    ir_calln(C, &h_plain, ir_c32(C, 1), r0);
    verify_fails("a call returning into a constant");
    ir_context_reset(C);
    /* Reading constants is fine. */
    ir_add(C, r0, ir_c32(C, 7), ir_c32(C, 8));
    verify_ok();
}
END_TEST

START_TEST(test_verify_labels)
{
    /* A label that was never allocated. */
    ir_label(C, 0);
    verify_fails("an unallocated label");
    ir_context_reset(C);

    uint32_t l = ir_new_label(C);
    ir_label(C, l);
    ir_label(C, l);
    verify_fails("a label placed twice");
    ir_context_reset(C);

    l = ir_new_label(C);
    ir_br(C, l);
    verify_fails("br to an unplaced label");
    ir_label(C, l);
    verify_ok();
    ir_context_reset(C);

    l = ir_new_label(C);
    ir_brcondi(C, r0, 0, IR_EQ, l);
    verify_fails("brcond to an unplaced label");
    ir_context_reset(C);

    l = ir_new_label(C);
    ir_label(C, l);
    ir_br(C, l + 1);
    verify_fails("br to an unallocated label");
    ir_context_reset(C);

    /* A backward branch is fine. */
    l = ir_new_label(C);
    ir_label(C, l);
    ir_brcondi(C, r0, 0, IR_NE, l);
    verify_ok();
}
END_TEST

START_TEST(test_verify_fields_conds)
{
    static const struct { int type; unsigned pos, len; bool ok; } f[] = {
        { IR_I32, 0, 32, true }, { IR_I32, 31, 1, true }, { IR_I32, 0, 1, true }, { IR_I32, 8, 24, true },
        { IR_I32, 0, 0, false }, { IR_I32, 5, 0, false }, { IR_I32, 1, 32, false }, { IR_I32, 32, 1, false },
        { IR_I32, 0, 33, false }, { IR_I32, 24, 9, false },
        { IR_I64, 0, 64, true }, { IR_I64, 63, 1, true }, { IR_I64, 32, 32, true },
        { IR_I64, 0, 0, false }, { IR_I64, 1, 64, false }, { IR_I64, 64, 1, false }, { IR_I64, 60, 5, false },
    };
    for (size_t i = 0; i < ARRAY_LEN(f); i++) {
        for (int k = 0; k < 3; k++) {
            ir_context_reset(C);
            IRTemp d = ir_temp(C, f[i].type), a = ir_temp(C, f[i].type);
            if (k == 0) {
                ir_extract(C, d, a, f[i].pos, f[i].len);
            } else if (k == 1) {
                ir_sextract(C, d, a, f[i].pos, f[i].len);
            } else {
                ir_deposit(C, d, a, a, f[i].pos, f[i].len);
            }
            const char *err = ir_verify(C);
            ck_assert_msg((err == NULL) == f[i].ok, "%s type %d pos %u len %u: %s", k == 0 ? "extract" : k == 1 ? "sextract" : "deposit",
                          f[i].type, f[i].pos, f[i].len, err ? err : "accepted");
        }
    }
    /* Conditions out of range. */
    ir_context_reset(C);
    IRTemp t = ir_temp(C, IR_I32);
    ir_setcond(C, t, r0, r1, IR_NB_CONDS);
    verify_fails("setcond with a bad condition");
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_movcond(C, t, r0, r1, r2, r3, 99);
    verify_fails("movcond with a bad condition");
    ir_context_reset(C);
    uint32_t l = ir_new_label(C);
    ir_brcond(C, r0, r1, IR_NB_CONDS + 1, l);
    ir_label(C, l);
    verify_fails("brcond with a bad condition");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Constant folding */

/* Reference semantics on native types (tcg/ir-ops.def). */
#define DEFINE_REF(W, U, S)                                                                            \
    static U ref##W(int opc, U a, U b, unsigned pos, unsigned len, bool *ok)                           \
    {                                                                                                  \
        const S smin = (S)((U)1 << (W - 1));                                                           \
        S sa = (S)a, sb = (S)b;                                                                        \
        U lm = len >= W ? (U)~(U)0 : (U)(((U)1 << len) - 1);                                           \
        U r = 0;                                                                                       \
        *ok = true;                                                                                    \
        switch (opc) {                                                                                 \
        case IR_add: return (U)(a + b);                                                                \
        case IR_sub: return (U)(a - b);                                                                \
        case IR_mul: return (U)(a * b);                                                                \
        case IR_and: return a & b;                                                                     \
        case IR_or: return a | b;                                                                      \
        case IR_xor: return a ^ b;                                                                     \
        case IR_andc: return a & (U)~b;                                                                \
        case IR_neg: return (U)((U)0 - a);                                                             \
        case IR_not: return (U)~a;                                                                     \
        case IR_shl: return (U)(a << b);                                                               \
        case IR_shr: return (U)(a >> b);                                                               \
        case IR_sar: return (U)(sa >> b);                                                              \
        case IR_rotl: return b ? (U)((a << b) | (a >> (W - b))) : a;                                   \
        case IR_rotr: return b ? (U)((a >> b) | (a << (W - b))) : a;                                   \
        case IR_divu: return b ? a / b : 0;                                                            \
        case IR_remu: return b ? a % b : a;                                                            \
        case IR_div: return b == 0 ? 0 : (sa == smin && sb == -1) ? a : (U)(sa / sb);                  \
        case IR_rem: return b == 0 ? a : sb == -1 ? 0 : (U)(sa % sb);                                  \
        case IR_clz:                                                                                   \
            for (int i = W - 1; i >= 0 && !((a >> i) & 1); i--) {                                      \
                r++;                                                                                   \
            }                                                                                          \
            return r;                                                                                  \
        case IR_ctz:                                                                                   \
            for (int i = 0; i < W && !((a >> i) & 1); i++) {                                           \
                r++;                                                                                   \
            }                                                                                          \
            return r;                                                                                  \
        case IR_ctpop:                                                                                 \
            for (int i = 0; i < W; i++) {                                                              \
                r += (a >> i) & 1;                                                                     \
            }                                                                                          \
            return r;                                                                                  \
        case IR_bswap:                                                                                 \
            for (int i = 0; i < W / 8; i++) {                                                          \
                r |= (U)(((a >> (8 * i)) & 0xff) << (W - 8 - 8 * i));                                  \
            }                                                                                          \
            return r;                                                                                  \
        case IR_bswap16: return (U)(((a & 0xff) << 8) | ((a >> 8) & 0xff));                            \
        case IR_ext8s: return (U)(S)(int8_t)a;                                                         \
        case IR_ext8u: return (U)(uint8_t)a;                                                           \
        case IR_ext16s: return (U)(S)(int16_t)a;                                                       \
        case IR_ext16u: return (U)(uint16_t)a;                                                         \
        case IR_extract: return (U)(a >> pos) & lm;                                                    \
        case IR_sextract:                                                                              \
            r = (U)(a >> pos) & lm;                                                                    \
            if (len < W && ((r >> (len - 1)) & 1)) {                                                   \
                r |= (U)~lm;                                                                           \
            }                                                                                          \
            return r;                                                                                  \
        case IR_deposit: return (a & (U) ~(U)(lm << pos)) | ((U)(b << pos) & (U)(lm << pos));          \
        default: *ok = false; return 0;                                                                \
        }                                                                                              \
    }
DEFINE_REF(32, uint32_t, int32_t)
DEFINE_REF(64, uint64_t, int64_t)

static uint64_t ref_val(int opc, IRType t, uint64_t a, uint64_t b, unsigned pos, unsigned len)
{
    bool ok;
    uint64_t r = t == IR_I32 ? ref32(opc, (uint32_t)a, (uint32_t)b, pos, len, &ok) : ref64(opc, a, b, pos, len, &ok);
    ck_assert(ok);
    return r;
}

/* Emit "opc d, $a[, $b][, pos, len]" alone, optimise, and return the folded
 * constant; the op must have become "mov d, $const". */
static uint64_t fold_one(int opc, IRType t, uint64_t a, uint64_t b, unsigned pos, unsigned len)
{
    const IROpDef *def = &ir_op_defs[opc];
    ir_context_reset(C);
    IRTemp d = ir_temp(C, t);
    uint64_t args[IR_MAX_ARGS];
    int n = 0;
    args[n++] = d;
    args[n++] = ir_const(C, t, a);
    if (def->nin == 2) {
        args[n++] = ir_const(C, t, b);
    }
    if (def->nconst == 2) {
        args[n++] = pos;
        args[n++] = len;
    }
    ir_emit(C, opc, t, n, args);
    /* A reader keeps d alive; it must see the folded value too. */
    ir_mov(C, t == IR_I32 ? r0 : g64, d);
    verify_ok();
    ir_optimize(C);
    verify_ok();
    IROp *op = op_at(0);
    ck_assert_msg(op->opc == IR_mov && op->nargs == 2 && op->args[0] == d && ir_is_const(C, (IRTemp)op->args[1]),
                  "%s %s %#" PRIx64 ", %#" PRIx64 " (%u,%u) not folded to a constant move:\n%s", def->name,
                  t == IR_I32 ? "i32" : "i64", a, b, pos, len, dump());
    uint64_t v = ctx.temps[op->args[1]].val;
    /* The reader was rewritten to the same constant. */
    IROp *rd = op_at(1);
    ck_assert_msg(ir_is_const(C, (IRTemp)rd->args[1]) && ctx.temps[rd->args[1]].val == v, "use of %s not propagated",
                  def->name);
    ck_assert_int_eq(ctx.temps[op->args[1]].type, t);
    return v;
}

static void check_fold(int opc, IRType t, uint64_t a, uint64_t b, unsigned pos, unsigned len)
{
    uint64_t want = ref_val(opc, t, a, b, pos, len);
    uint64_t got = fold_one(opc, t, a, b, pos, len);
    ck_assert_msg(got == want, "fold %s %s a=%#" PRIx64 " b=%#" PRIx64 " pos=%u len=%u: got %#" PRIx64 ", want %#" PRIx64,
                  ir_op_defs[opc].name, t == IR_I32 ? "i32" : "i64", a, b, pos, len, got, want);
}

static const uint64_t VALS32[] = { 0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x12345678,
                                   0x7fffffff, 0x80000000, 0x80000001, 0xdeadbeef, 0xfffffffe, 0xffffffff };
static const uint64_t VALS64[] = { 0, 1, 2, 3, 7, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
                                   0x123456789abcdef0, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
                                   0xfffffffffffffffe, ~0ull, 0xffffffff00000000 };

static const int BINOPS[] = { IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc,
                              IR_divu, IR_remu, IR_div, IR_rem };
static const int SHIFTOPS[] = { IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr };
static const int UNOPS[] = { IR_neg, IR_not, IR_clz, IR_ctz, IR_ctpop, IR_bswap, IR_bswap16,
                             IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u };

#define VALS(t) ((t) == IR_I32 ? VALS32 : VALS64)
#define NVALS(t) ((t) == IR_I32 ? ARRAY_LEN(VALS32) : ARRAY_LEN(VALS64))

START_TEST(test_fold_binary)
{
    IRType t = _i ? IR_I64 : IR_I32;
    for (size_t o = 0; o < ARRAY_LEN(BINOPS); o++) {
        for (size_t i = 0; i < NVALS(t); i++) {
            for (size_t j = 0; j < NVALS(t); j++) {
                check_fold(BINOPS[o], t, VALS(t)[i], VALS(t)[j], 0, 0);
            }
        }
    }
}
END_TEST

START_TEST(test_fold_div_edges)
{
    /* The total-division rules, spelled out. */
    uint64_t min32 = 0x80000000, m1_32 = 0xffffffff;
    ck_assert_uint_eq(fold_one(IR_div, IR_I32, 1234, 0, 0, 0), 0);
    ck_assert_uint_eq(fold_one(IR_divu, IR_I32, 1234, 0, 0, 0), 0);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I32, 1234, 0, 0, 0), 1234);
    ck_assert_uint_eq(fold_one(IR_remu, IR_I32, 1234, 0, 0, 0), 1234);
    ck_assert_uint_eq(fold_one(IR_div, IR_I32, min32, m1_32, 0, 0), min32);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I32, min32, m1_32, 0, 0), 0);
    ck_assert_uint_eq(fold_one(IR_div, IR_I32, (uint32_t)-7, 2, 0, 0), (uint32_t)-3);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I32, (uint32_t)-7, 2, 0, 0), (uint32_t)-1);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I32, 7, (uint32_t)-2, 0, 0), 1);
    ck_assert_uint_eq(fold_one(IR_divu, IR_I32, (uint32_t)-7, 2, 0, 0), 0x7ffffffc);
    uint64_t min64 = 0x8000000000000000ull;
    ck_assert_uint_eq(fold_one(IR_div, IR_I64, min64, ~0ull, 0, 0), min64);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I64, min64, ~0ull, 0, 0), 0);
    ck_assert_uint_eq(fold_one(IR_div, IR_I64, 5, 0, 0, 0), 0);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I64, 5, 0, 0, 0), 5);
    ck_assert_uint_eq(fold_one(IR_div, IR_I64, (uint64_t)-9, 4, 0, 0), (uint64_t)-2);
    ck_assert_uint_eq(fold_one(IR_rem, IR_I64, (uint64_t)-9, 4, 0, 0), (uint64_t)-1);
    /* i32 0xffffffff is -1: -1 / 2 truncates to 0. */
    ck_assert_uint_eq(fold_one(IR_div, IR_I32, m1_32, 2, 0, 0), 0);
}
END_TEST

START_TEST(test_fold_shift)
{
    IRType t = _i ? IR_I64 : IR_I32;
    unsigned w = t == IR_I32 ? 32 : 64;
    for (size_t o = 0; o < ARRAY_LEN(SHIFTOPS); o++) {
        for (size_t i = 0; i < NVALS(t); i++) {
            for (unsigned s = 0; s < w; s++) {
                check_fold(SHIFTOPS[o], t, VALS(t)[i], s, 0, 0);
            }
        }
    }
    /* A few by hand. */
    ck_assert_uint_eq(fold_one(IR_sar, IR_I32, 0x80000000, 31, 0, 0), 0xffffffff);
    ck_assert_uint_eq(fold_one(IR_shr, IR_I32, 0x80000000, 31, 0, 0), 1);
    ck_assert_uint_eq(fold_one(IR_shl, IR_I32, 0xffffffff, 4, 0, 0), 0xfffffff0);
    ck_assert_uint_eq(fold_one(IR_rotr, IR_I32, 0x12345678, 8, 0, 0), 0x78123456);
    ck_assert_uint_eq(fold_one(IR_rotl, IR_I32, 0x12345678, 8, 0, 0), 0x34567812);
    ck_assert_uint_eq(fold_one(IR_rotr, IR_I64, 1, 1, 0, 0), 0x8000000000000000ull);
    ck_assert_uint_eq(fold_one(IR_sar, IR_I64, 0x8000000000000000ull, 63, 0, 0), ~0ull);
}
END_TEST

START_TEST(test_fold_unary)
{
    IRType t = _i ? IR_I64 : IR_I32;
    unsigned w = t == IR_I32 ? 32 : 64;
    for (size_t o = 0; o < ARRAY_LEN(UNOPS); o++) {
        for (size_t i = 0; i < NVALS(t); i++) {
            check_fold(UNOPS[o], t, VALS(t)[i], 0, 0, 0);
        }
        /* Every single-bit value too. */
        for (unsigned b = 0; b < w; b++) {
            check_fold(UNOPS[o], t, 1ull << b, 0, 0, 0);
        }
    }
    /* clz/ctz of 0 = width. */
    ck_assert_uint_eq(fold_one(IR_clz, t, 0, 0, 0, 0), w);
    ck_assert_uint_eq(fold_one(IR_ctz, t, 0, 0, 0, 0), w);
    ck_assert_uint_eq(fold_one(IR_clz, t, 1, 0, 0, 0), w - 1);
    ck_assert_uint_eq(fold_one(IR_ctz, t, 1ull << (w - 1), 0, 0, 0), w - 1);
    ck_assert_uint_eq(fold_one(IR_ctpop, t, ~0ull, 0, 0, 0), w);
    ck_assert_uint_eq(fold_one(IR_bswap16, t, 0x11223344, 0, 0, 0), 0x4433);
    ck_assert_uint_eq(fold_one(IR_ext8s, t, 0x80, 0, 0, 0), t == IR_I32 ? 0xffffff80 : 0xffffffffffffff80);
    ck_assert_uint_eq(fold_one(IR_neg, t, 1, 0, 0, 0), t == IR_I32 ? 0xffffffff : ~0ull);
}
END_TEST

START_TEST(test_fold_bitfield)
{
    IRType t = _i ? IR_I64 : IR_I32;
    unsigned w = t == IR_I32 ? 32 : 64;
    const uint64_t as[] = { 0, ~0ull, 0x8000000000000001ull, 0x123456789abcdef0ull, 0xa5a5a5a5a5a5a5a5ull };
    const uint64_t bs[] = { 0, ~0ull, 0x5a5a5a5a5a5a5a5aull };
    for (unsigned len = 1; len <= w; len++) {
        for (unsigned pos = 0; pos + len <= w; pos++) {
            for (size_t i = 0; i < ARRAY_LEN(as); i++) {
                check_fold(IR_extract, t, as[i], 0, pos, len);
                check_fold(IR_sextract, t, as[i], 0, pos, len);
            }
            for (size_t i = 0; i < ARRAY_LEN(as); i += 2) {
                for (size_t j = 0; j < ARRAY_LEN(bs); j++) {
                    check_fold(IR_deposit, t, as[i], bs[j], pos, len);
                }
            }
        }
    }
    ck_assert_uint_eq(fold_one(IR_extract, IR_I32, 0xabcd1234, 0, 8, 8), 0x12);
    ck_assert_uint_eq(fold_one(IR_sextract, IR_I32, 0x00008000, 0, 8, 8), 0xffffff80);
    ck_assert_uint_eq(fold_one(IR_sextract, IR_I32, 0x80000000, 0, 0, 32), 0x80000000);
    ck_assert_uint_eq(fold_one(IR_deposit, IR_I32, 0xffffffff, 0, 4, 8), 0xfffff00f);
    ck_assert_uint_eq(fold_one(IR_deposit, IR_I64, 0, ~0ull, 60, 4), 0xf000000000000000ull);
}
END_TEST

START_TEST(test_fold_conversions)
{
    IRTemp t64 = ir_temp(C, IR_I64), u64 = ir_temp(C, IR_I64), t = ir_temp(C, IR_I32), u = ir_temp(C, IR_I32);
    ir_zext(C, t64, ir_c32(C, 0xfffffff0));
    ir_sext(C, u64, ir_c32(C, 0xfffffff0));
    ir_trunc(C, t, ir_c64(C, 0x123456789ull));
    ir_trunch(C, u, ir_c64(C, 0x123456789ull));
    ir_mov(C, g64, t64);
    ir_mov(C, g64, u64);
    ir_mov(C, r0, t);
    ir_mov(C, r1, u);
    ir_optimize(C);
    verify_ok();
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(op_at(i)->opc, IR_mov);
    }
    ck_assert(is_const_val((IRTemp)op_at(0)->args[1], 0xfffffff0));
    ck_assert_int_eq(ir_temp_type(C, (IRTemp)op_at(0)->args[1]), IR_I64);
    ck_assert(is_const_val((IRTemp)op_at(1)->args[1], 0xfffffffffffffff0ull));
    ck_assert(is_const_val((IRTemp)op_at(2)->args[1], 0x23456789));
    ck_assert_int_eq(ir_temp_type(C, (IRTemp)op_at(2)->args[1]), IR_I32);
    ck_assert(is_const_val((IRTemp)op_at(3)->args[1], 1));
    ck_assert(is_const_val((IRTemp)op_at(4)->args[1], 0xfffffff0));
    ck_assert(is_const_val((IRTemp)op_at(5)->args[1], 0xfffffffffffffff0ull));
    ck_assert(is_const_val((IRTemp)op_at(6)->args[1], 0x23456789));
    ck_assert(is_const_val((IRTemp)op_at(7)->args[1], 1));
}
END_TEST

START_TEST(test_fold_chain)
{
    /* Folding feeds folding: ((5 + 3) << 2) ^ 0xff, then a use. Each fold
     * creates a new constant while the optimiser is running. */
    IRTemp a = ir_temp(C, IR_I32), b = ir_temp(C, IR_I32), c = ir_temp(C, IR_I32);
    IRTemp d = ir_temp(C, IR_I32), e = ir_temp(C, IR_I32);
    ir_movi(C, a, 5);
    ir_addi(C, b, a, 3);
    ir_shli(C, c, b, 2);
    ir_xori(C, d, c, 0xff);
    for (int i = 0; i < 200; i++) {
        /* Many fresh constants: the temp table grows mid-pass. */
        ir_addi(C, e, d, (uint32_t)i * 1000);
        ir_mov(C, r0, e);
    }
    ir_exit_tb(C, 0);
    ir_optimize(C);
    verify_ok();
    ck_assert(is_const_val((IRTemp)op_at(3)->args[1], ((5 + 3) << 2) ^ 0xff));
    for (int i = 0; i < 200; i++) {
        IROp *op = op_at(4 + 2 * (uint32_t)i + 1);
        ck_assert_uint_eq(op->args[0], r0);
        ck_assert(is_const_val((IRTemp)op->args[1], (((5 + 3) << 2) ^ 0xff) + (uint32_t)i * 1000));
    }
}
END_TEST

START_TEST(test_no_fold_side_effects)
{
    /* Loads, stores and calls are never folded away, even on constants. */
    IRTemp t = ir_temp(C, IR_I32);
    ir_ld(C, t, ir_c32(C, 0x1000), 0, IR_MO_32);
    ir_st(C, ir_c32(C, 1), ir_c32(C, 0x1000), 0, IR_MO_32);
    ir_calln(C, &h_pure, t, ir_c32(C, 3));
    ir_mov(C, r0, t);
    ir_optimize(C);
    verify_ok();
    EXPECT_OPS(IR_ld, IR_st, IR_call, IR_mov);
    ck_assert_uint_eq(op_at(3)->args[1], t);
}
END_TEST

/* Ops whose only input is followed by raw constants (stenv: value, offset,
 * memop) must not have the constants taken for temps: an offset far beyond
 * the temp table once crashed the optimiser. */
START_TEST(test_no_fold_store_env)
{
    IRTemp t = ir_temp(C, IR_I64);
    ir_mov(C, t, ir_c64(C, 5));
    ir_stenv(C, t, 100000, IR_MO_64);
    ir_stenv(C, ir_c32(C, 7), 200000, IR_MO_32);
    ir_optimize(C);
    verify_ok();
    EXPECT_OPS(IR_mov, IR_stenv, IR_stenv);
    ck_assert_uint_eq(op_at(1)->args[1], 100000);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Algebraic simplification */

/* An operand: the global of the op's type (X) or a constant (K(v)).  Made
 * after the context reset, which drops constants. */
typedef struct Opnd {
    bool is_k;
    uint64_t v;
} Opnd;
#define X ((Opnd){ false, 0 })
#define K(val) ((Opnd){ true, (val) })

static IRTemp opnd(IRType t, Opnd o) { return o.is_k ? ir_const(C, t, o.v) : t == IR_I32 ? r0 : g64; }

/* Emit "opc d, a, b", optimise, and return the op. */
static IROp *simplify_one(int opc, IRType t, Opnd a, Opnd b)
{
    ir_context_reset(C);
    IRTemp d = ir_temp(C, t);
    IRTemp x = opnd(t, a), y = opnd(t, b);
    ir_emit(C, opc, t, 3, IR_A(d, x, y));
    verify_ok();
    ir_optimize(C);
    verify_ok();
    return op_at(0);
}

static void expect_mov_of(IROp *op, IRTemp src, const char *what)
{
    ck_assert_msg(op->opc == IR_mov && op->args[1] == src, "%s: want mov of temp %u, have %s with arg %u\n%s", what, src,
                  ir_op_defs[op->opc].name, (unsigned)op->args[1], dump());
}

static void expect_movi(IROp *op, uint64_t v, const char *what)
{
    ck_assert_msg(op->opc == IR_mov && is_const_val((IRTemp)op->args[1], v), "%s: want mov of $%#" PRIx64 "\n%s", what,
                  v, dump());
}

START_TEST(test_simplify)
{
    for (int t = IR_I32; t <= IR_I64; t++) {
        IRTemp x = t == IR_I32 ? r0 : g64;
        uint64_t m = t == IR_I32 ? 0xffffffff : ~0ull;
        expect_mov_of(simplify_one(IR_add, t, X, K(0)), x, "x+0");
        expect_mov_of(simplify_one(IR_add, t, K(0), X), x, "0+x");
        expect_mov_of(simplify_one(IR_sub, t, X, K(0)), x, "x-0");
        expect_movi(simplify_one(IR_sub, t, X, X), 0, "x-x");
        expect_mov_of(simplify_one(IR_mul, t, X, K(1)), x, "x*1");
        expect_mov_of(simplify_one(IR_mul, t, K(1), X), x, "1*x");
        expect_movi(simplify_one(IR_mul, t, X, K(0)), 0, "x*0");
        expect_movi(simplify_one(IR_mul, t, K(0), X), 0, "0*x");
        expect_movi(simplify_one(IR_and, t, X, K(0)), 0, "x&0");
        expect_movi(simplify_one(IR_and, t, K(0), X), 0, "0&x");
        expect_mov_of(simplify_one(IR_and, t, X, K(m)), x, "x&-1");
        expect_mov_of(simplify_one(IR_and, t, X, X), x, "x&x");
        expect_mov_of(simplify_one(IR_or, t, X, K(0)), x, "x|0");
        expect_movi(simplify_one(IR_or, t, X, K(m)), m, "x|-1");
        expect_movi(simplify_one(IR_or, t, K(m), X), m, "-1|x");
        expect_mov_of(simplify_one(IR_or, t, X, X), x, "x|x");
        expect_mov_of(simplify_one(IR_xor, t, X, K(0)), x, "x^0");
        expect_movi(simplify_one(IR_xor, t, X, X), 0, "x^x");
        expect_mov_of(simplify_one(IR_andc, t, X, K(0)), x, "x&~0");
        expect_movi(simplify_one(IR_andc, t, X, K(m)), 0, "x&~-1");
        expect_movi(simplify_one(IR_andc, t, X, X), 0, "x&~x");
        expect_movi(simplify_one(IR_andc, t, K(0), X), 0, "0&~x");
        static const int sh[] = { IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr };
        for (size_t i = 0; i < ARRAY_LEN(sh); i++) {
            expect_mov_of(simplify_one(sh[i], t, X, K(0)), x, "x shift 0");
            expect_movi(simplify_one(sh[i], t, K(0), X), 0, "0 shift x");
        }

        /* Not simplifiable: stays, with the constant second. */
        IROp *op = simplify_one(IR_add, t, K(1), X);
        ck_assert_int_eq(op->opc, IR_add);
        ck_assert_uint_eq(op->args[1], x);
        ck_assert(is_const_val((IRTemp)op->args[2], 1));
        op = simplify_one(IR_sub, t, K(0), X);
        ck_assert_int_eq(op->opc, IR_sub);
        ck_assert(is_const_val((IRTemp)op->args[1], 0));
        op = simplify_one(IR_or, t, X, K(m - 1));
        ck_assert_int_eq(op->opc, IR_or);
        op = simplify_one(IR_and, t, X, K(1));
        ck_assert_int_eq(op->opc, IR_and);
        op = simplify_one(IR_mul, t, X, K(m));
        ck_assert_int_eq(op->opc, IR_mul);
        op = simplify_one(IR_add, t, X, X);
        ck_assert_int_eq(op->opc, IR_add);
        /* Non-commutative ops keep their order. */
        op = simplify_one(IR_shl, t, K(1), X);
        ck_assert_int_eq(op->opc, IR_shl);
        ck_assert(is_const_val((IRTemp)op->args[1], 1));
        ck_assert_uint_eq(op->args[2], x);
    }
    /* For i32, "-1" is 0xffffffff. */
    expect_movi(simplify_one(IR_or, IR_I32, X, K(0xffffffff)), 0xffffffff, "i32 x|-1");
    IROp *op = simplify_one(IR_or, IR_I64, X, K(0xffffffff));
    ck_assert_int_eq(op->opc, IR_or);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Branches, setcond, movcond */

START_TEST(test_brcond_fold)
{
    for (int t = IR_I32; t <= IR_I64; t++) {
        for (int c = 0; c < IR_NB_CONDS; c++) {
            for (size_t i = 0; i < ARRAY_LEN(CMP_VALS); i += 2) {
                for (size_t j = 1; j < ARRAY_LEN(CMP_VALS); j += 2) {
                    uint64_t a = CMP_VALS[i], b = CMP_VALS[j];
                    ir_context_reset(C);
                    uint32_t l = ir_new_label(C);
                    ir_brcond(C, ir_const(C, t, a), ir_const(C, t, b), c, l);
                    ir_label(C, l);
                    ir_optimize(C);
                    verify_ok();
                    IROp *op = op_at(0);
                    if (ref_cond(c, t, a, b)) {
                        ck_assert_msg(op->opc == IR_br && op->args[0] == l, "brcond %d %#" PRIx64 " %#" PRIx64
                                      " should become br", c, a, b);
                    } else {
                        ck_assert_msg(op->opc == IR_nop,
                                      "brcond %d %#" PRIx64 " %#" PRIx64 " should be deleted", c, a, b);
                    }
                }
            }
        }
    }
    /* One constant operand: it goes second, the condition is swapped. */
    ir_context_reset(C);
    uint32_t l = ir_new_label(C);
    ir_brcond(C, ir_c32(C, 5), r0, IR_LT, l);
    ir_brcond(C, r1, ir_c32(C, 5), IR_GEU, l);
    ir_label(C, l);
    ir_optimize(C);
    verify_ok();
    IROp *op = op_at(0);
    ck_assert_int_eq(op->opc, IR_brcond);
    ck_assert_uint_eq(op->args[0], r0);
    ck_assert(is_const_val((IRTemp)op->args[1], 5));
    ck_assert_int_eq(op->args[2], IR_GT);
    op = op_at(1);
    ck_assert_uint_eq(op->args[0], r1);
    ck_assert_int_eq(op->args[2], IR_GEU);

    /* Through a known value: mov t, $3 ; brcond t, $3, eq -> br. */
    ir_context_reset(C);
    l = ir_new_label(C);
    IRTemp t = ir_temp(C, IR_I32);
    ir_movi(C, t, 3);
    ir_brcondi(C, t, 3, IR_EQ, l);
    ir_label(C, l);
    ir_optimize(C);
    verify_ok();
    ck_assert_int_eq(op_at(1)->opc, IR_br);
}
END_TEST

START_TEST(test_setcond_movcond_fold)
{
    for (int t = IR_I32; t <= IR_I64; t++) {
        for (int c = 0; c < IR_NB_CONDS; c++) {
            for (size_t i = 0; i < ARRAY_LEN(CMP_VALS); i++) {
                for (size_t j = 0; j < ARRAY_LEN(CMP_VALS); j += 3) {
                    uint64_t a = CMP_VALS[i], b = CMP_VALS[j];
                    bool want = ref_cond(c, t, a, b);
                    ir_context_reset(C);
                    IRTemp d = ir_temp(C, t), e = ir_temp(C, t), v1 = ir_temp(C, t), v2 = ir_temp(C, t);
                    ir_setcond(C, d, ir_const(C, t, a), ir_const(C, t, b), c);
                    ir_movcond(C, e, ir_const(C, t, a), ir_const(C, t, b), v1, v2, c);
                    ir_optimize(C);
                    verify_ok();
                    expect_movi(op_at(0), want, "setcond");
                    expect_mov_of(op_at(1), want ? v1 : v2, "movcond");
                }
            }
        }
    }
    /* Constant first operand: swapped. */
    ir_context_reset(C);
    IRTemp d = ir_temp(C, IR_I32), e = ir_temp(C, IR_I32);
    ir_setcond(C, d, ir_c32(C, 7), r0, IR_LTU);
    ir_movcond(C, e, ir_c32(C, 7), r0, r1, r2, IR_LE);
    ir_optimize(C);
    verify_ok();
    IROp *op = op_at(0);
    ck_assert_int_eq(op->opc, IR_setcond);
    ck_assert_uint_eq(op->args[1], r0);
    ck_assert(is_const_val((IRTemp)op->args[2], 7));
    ck_assert_int_eq(op->args[3], IR_GTU);
    op = op_at(1);
    ck_assert_int_eq(op->opc, IR_movcond);
    ck_assert_uint_eq(op->args[1], r0);
    ck_assert(is_const_val((IRTemp)op->args[2], 7));
    ck_assert_uint_eq(op->args[3], r1);
    ck_assert_uint_eq(op->args[4], r2);
    ck_assert_int_eq(op->args[5], IR_GE);

    /* movcond with equal values is a move. */
    ir_context_reset(C);
    e = ir_temp(C, IR_I32);
    ir_movcond(C, e, r0, r1, r2, r2, IR_LT);
    ir_optimize(C);
    expect_mov_of(op_at(0), r2, "movcond x, x");
    /* The result of a folded setcond is known downstream. */
    ir_context_reset(C);
    d = ir_temp(C, IR_I32);
    ir_setcond(C, d, ir_c32(C, 1), ir_c32(C, 2), IR_LT);
    ir_addi(C, r0, d, 41);
    ir_optimize(C);
    verify_ok();
    expect_movi(op_at(1), 42, "setcond + 41");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Copy propagation */

START_TEST(test_copy_prop)
{
    /* mov t, r1 ; add r0, t, 1  ->  add reads r1. */
    IRTemp t = ir_temp(C, IR_I32);
    ir_mov(C, t, r1);
    ir_addi(C, r0, t, 1);
    ir_optimize(C);
    verify_ok();
    ck_assert_int_eq(op_at(1)->opc, IR_add);
    ck_assert_uint_eq(op_at(1)->args[1], r1);

    /* Chains of copies, and a copy of a copy reached from either end. */
    ir_context_reset(C);
    IRTemp a = ir_temp(C, IR_I32), b = ir_temp(C, IR_I32), c = ir_local(C, IR_I32);
    ir_mov(C, a, r2);
    ir_mov(C, b, a);
    ir_mov(C, c, b);
    ir_add(C, r0, c, b);
    ir_optimize(C);
    verify_ok();
    ck_assert_uint_eq(op_at(3)->args[1], r2);
    ck_assert_uint_eq(op_at(3)->args[2], r2);

    /* The source is overwritten: uses of the copy must not read it. */
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_mov(C, t, r1);
    ir_movi(C, r1, 5);
    ir_addi(C, r0, t, 1);
    ir_optimize(C);
    verify_ok();
    ck_assert_uint_eq(op_at(2)->args[1], t);

    /* ... and likewise when the source is the output of an arithmetic op. */
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_mov(C, t, r1);
    ir_add(C, r1, r2, r3);
    ir_mov(C, r0, t);
    ir_optimize(C);
    verify_ok();
    ck_assert_uint_eq(op_at(2)->args[1], t);

    /* The copy is overwritten: it no longer aliases the source. */
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_mov(C, t, r1);
    ir_add(C, t, r2, r3);
    ir_mov(C, r0, t);
    ir_optimize(C);
    verify_ok();
    ck_assert_uint_eq(op_at(2)->args[1], t);

    /* Constants propagate and fold: mov t, $5 ; add r0, t, 1 -> mov r0, $6. */
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_movi(C, t, 5);
    ir_addi(C, r0, t, 1);
    ir_optimize(C);
    verify_ok();
    expect_movi(op_at(1), 6, "5 + 1");

    /* A label drops all knowledge (other paths join there). */
    ir_context_reset(C);
    IRTemp loc = ir_local(C, IR_I32), loc2 = ir_local(C, IR_I32);
    uint32_t l = ir_new_label(C);
    ir_movi(C, loc, 5);
    ir_mov(C, loc2, r1);
    ir_label(C, l);
    ir_addi(C, r0, loc, 1);
    ir_mov(C, r2, loc2);
    ir_brcondi(C, r0, 0, IR_NE, l);
    ir_optimize(C);
    verify_ok();
    ck_assert_int_eq(op_at(3)->opc, IR_add);
    ck_assert_uint_eq(op_at(3)->args[1], loc);
    ck_assert_uint_eq(op_at(4)->args[1], loc2);
}
END_TEST

START_TEST(test_copy_prop_calls)
{
    /* A helper that may write globals invalidates what is known about them. */
    ir_movi(C, r1, 5);
    ir_calln(C, &h_plain, r3, r2);
    ir_addi(C, r0, r1, 1);
    ir_optimize(C);
    verify_ok();
    ck_assert_int_eq(op_at(2)->opc, IR_add);
    ck_assert_uint_eq(op_at(2)->args[1], r1);

    /* A copy of a global is forgotten as well; the temp keeps its value. */
    ir_context_reset(C);
    IRTemp t = ir_temp(C, IR_I32);
    ir_mov(C, t, r1);
    ir_calln(C, &h_plain, r3, r2);
    ir_mov(C, r0, t);
    ir_optimize(C);
    verify_ok();
    ck_assert_uint_eq(op_at(2)->args[1], t);

    /* ... but not across a helper that writes no globals. */
    ir_context_reset(C);
    ir_movi(C, r1, 5);
    ir_calln(C, &h_no_wg, r3, r2);
    ir_addi(C, r0, r1, 1);
    ir_optimize(C);
    verify_ok();
    expect_movi(op_at(2), 6, "r1 + 1 across a NO_WG helper");

    /* A call's output is not a known value. */
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_movi(C, t, 5);
    ir_calln(C, &h_pure, t, r2);
    ir_addi(C, r0, t, 1);
    ir_optimize(C);
    verify_ok();
    ck_assert_int_eq(op_at(2)->opc, IR_add);
    ck_assert_uint_eq(op_at(2)->args[1], t);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Liveness and dead-code elimination */

START_TEST(test_dce_dead_computation)
{
    IRTemp t = ir_temp(C, IR_I32), u = ir_temp(C, IR_I32);
    ir_insn_start(C, 0x1000, 0);
    ir_add(C, t, r0, r1);
    ir_xor(C, u, t, r2);        /* u is never read */
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_insn_start, IR_exit_tb);

    /* A local temp at the end of the TB is dead too. */
    ir_context_reset(C);
    IRTemp loc = ir_local(C, IR_I32);
    ir_add(C, loc, r0, r1);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_exit_tb);

    /* A used computation stays. */
    ir_context_reset(C);
    t = ir_temp(C, IR_I32);
    ir_add(C, t, r0, r1);
    ir_mov(C, r2, t);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_add, IR_mov, IR_exit_tb);
}
END_TEST

START_TEST(test_dce_global_overwrite)
{
    /* Written twice with nothing in between: only the second write stays. */
    ir_mov(C, r0, r1);
    ir_add(C, r0, r2, r3);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_add, IR_exit_tb);

    /* An intervening read keeps it. */
    ir_context_reset(C);
    ir_mov(C, r0, r1);
    ir_addi(C, r2, r0, 1);
    ir_add(C, r0, r2, r3);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_mov, IR_add, IR_add, IR_exit_tb);

    /* An intervening conditional exit keeps it. */
    ir_context_reset(C);
    uint32_t l = ir_new_label(C);
    ir_mov(C, r0, r1);
    ir_brcondi(C, r2, 0, IR_EQ, l);
    ir_mov(C, r0, r3);
    ir_label(C, l);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_mov, IR_brcond, IR_mov, IR_label, IR_exit_tb);

    /* So does a goto_tb exit in between (the other path of a branch). */
    ir_context_reset(C);
    l = ir_new_label(C);
    ir_brcondi(C, r2, 0, IR_EQ, l);
    ir_mov(C, r0, r1);
    ir_goto_tb(C, 0);
    ir_exit_tb(C, IR_EXIT_SLOT0);
    ir_label(C, l);
    ir_mov(C, r0, r3);
    ir_exit_tb(C, IR_EXIT_NOCHAIN);
    ir_liveness(C);
    EXPECT_OPS(IR_brcond, IR_mov, IR_goto_tb, IR_exit_tb, IR_label, IR_mov, IR_exit_tb);

    /* The flag example of tcg/ir.h: the first instruction's flags are
     * overwritten by the second's before anyone reads them.  (Liveness
     * alone: copy propagation may rewrite "mov r0, t5" into a read of the
     * NF global, which then keeps the first NF write.) */
    ir_context_reset(C);
    IRTemp cf = r2, nf = r3, t5 = ir_temp(C, IR_I32), t6 = ir_temp(C, IR_I32);
    ir_insn_start(C, 0x8000, 0);
    ir_addi(C, t5, r1, 1);
    ir_setcond(C, cf, t5, r1, IR_LTU);
    ir_mov(C, nf, t5);
    ir_mov(C, r0, t5);
    ir_insn_start(C, 0x8004, 0);
    ir_addi(C, t6, r0, 2);
    ir_setcond(C, cf, t6, r0, IR_LTU);
    ir_mov(C, nf, t6);
    ir_mov(C, r1, t6);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_insn_start, IR_add, IR_mov, IR_insn_start, IR_add, IR_setcond, IR_mov, IR_mov, IR_exit_tb);
    ck_assert_uint_eq(op_at(2)->args[0], r0);
}
END_TEST

START_TEST(test_dce_fault)
{
    /* A global written before an op that may fault is visible to the
     * signal handler: the write stays even though it is overwritten. */
    IRTemp t = ir_temp(C, IR_I32);
    ir_mov(C, r0, r1);
    ir_ld(C, t, r2, 0, IR_MO_32);
    ir_mov(C, r0, t);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_mov, IR_ld, IR_mov, IR_exit_tb);

    /* Same with a store. */
    ir_context_reset(C);
    ir_mov(C, r0, r1);
    ir_st(C, r3, r2, 0, IR_MO_32);
    ir_mov(C, r0, r3);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_mov, IR_st, IR_mov, IR_exit_tb);

    /* Without the faulting op the first write goes. */
    ir_context_reset(C);
    ir_mov(C, r0, r1);
    ir_ldenv(C, r3, 64, IR_MO_32);
    ir_mov(C, r0, r3);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_ldenv, IR_mov, IR_exit_tb);
}
END_TEST

START_TEST(test_dce_fault_same_global)
{
    /* The faulting op itself writes the global: if the load faults, the
     * guest must still see r0 = r1 from the first instruction. */
    ir_insn_start(C, 0x1000, 0);
    ir_mov(C, r0, r1);
    ir_insn_start(C, 0x1004, 0);
    ir_ld(C, r0, r2, 0, IR_MO_32);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_insn_start, IR_mov, IR_insn_start, IR_ld, IR_exit_tb);

    /* Likewise for a helper that reads the CPU state and returns into the
     * same global. */
    ir_context_reset(C);
    ir_mov(C, r0, r1);
    ir_calln(C, &h_no_wg, r0, r2);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_mov, IR_call, IR_exit_tb);
}
END_TEST

START_TEST(test_dce_side_effects)
{
    IRTemp t = ir_temp(C, IR_I32), u = ir_temp(C, IR_I32), v = ir_temp(C, IR_I32), w = ir_temp(C, IR_I32);
    IRTemp x = ir_temp(C, IR_I32), y = ir_temp(C, IR_I32);
    ir_insn_start(C, 0x1000, 0);
    ir_ld(C, t, r0, 0, IR_MO_32);                   /* unused, but may fault */
    ir_cmpxchg(C, u, r0, r1, r2, 0, IR_MO_32);      /* unused result, stores */
    ir_st(C, r1, r0, 4, IR_MO_32);
    ir_stenv(C, r1, 64, IR_MO_32);
    ir_mb(C, IR_MB_FULL);
    ir_calln(C, &h_plain, v, r1);                   /* unused, not pure */
    ir_calln(C, &h_no_rw, w, r1);                   /* touches no state, still not pure */
    ir_calln(C, &h_void, IR_NO_TEMP, r1);
    ir_calln(C, &h_pure, x, r1);                    /* unused and pure: removable */
    ir_calln(C, &h_pure, y, r1);                    /* pure but used */
    ir_ldenv(C, t, 64, IR_MO_32);                   /* unused env load: removable */
    ir_mov(C, r3, y);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_insn_start, IR_ld, IR_cmpxchg, IR_st, IR_stenv, IR_mb, IR_call, IR_call, IR_call, IR_call, IR_mov,
               IR_exit_tb);
    ck_assert_ptr_eq((const void *)(uintptr_t)op_at(9)->args[2], &h_pure);
    ck_assert_uint_eq(op_at(9)->args[0], y);
}
END_TEST

START_TEST(test_dce_labels)
{
    /* A local lives across a label; a normal temp's computation before a
     * label is dead if nothing in its block reads it. */
    IRTemp loc = ir_local(C, IR_I32), t = ir_temp(C, IR_I32);
    uint32_t l = ir_new_label(C);
    ir_add(C, loc, r0, r1);
    ir_add(C, t, r0, r1);
    ir_br(C, l);
    ir_label(C, l);
    ir_mov(C, r2, loc);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_add, IR_br, IR_label, IR_mov, IR_exit_tb);
    ck_assert_uint_eq(op_at(0)->args[0], loc);

    /* A label no branch reaches changes nothing: the first write of r0 is
     * overwritten before anything reads it. */
    ir_context_reset(C);
    l = ir_new_label(C);
    ir_mov(C, r0, r1);
    ir_label(C, l);
    ir_mov(C, r0, r2);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_label, IR_mov, IR_exit_tb);

    /* A forward branch: a write before it stays if the label's side reads
     * it (here: the TB exit), and a write on the fall-through that every
     * path overwrites goes. */
    ir_context_reset(C);
    l = ir_new_label(C);
    ir_mov(C, r0, r1);
    ir_brcondi(C, r2, 0, IR_EQ, l);
    ir_mov(C, r0, r2);
    ir_mov(C, r3, r1);
    ir_label(C, l);
    ir_mov(C, r3, r2);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_mov, IR_brcond, IR_mov, IR_label, IR_mov, IR_exit_tb);
    ck_assert_uint_eq(op_at(2)->args[0], r0);

    /* A backward branch: its label is assumed to read every global. */
    ir_context_reset(C);
    l = ir_new_label(C);
    ir_label(C, l);
    ir_mov(C, r0, r1);
    ir_brcondi(C, r2, 0, IR_EQ, l);
    ir_mov(C, r0, r2);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_label, IR_mov, IR_brcond, IR_mov, IR_exit_tb);
}
END_TEST

START_TEST(test_dead_bits)
{
    IRTemp t1 = ir_temp(C, IR_I32), t2 = ir_temp(C, IR_I32), t3 = ir_temp(C, IR_I32), t4 = ir_temp(C, IR_I32);
    IRTemp k = ir_c32(C, 1);
    ir_add(C, t1, r0, r1);          /* 0: r0, r1 are globals: live to the exit */
    ir_add(C, t2, t1, k);           /* 1: t1 still read by op 2; last use of k */
    ir_add(C, t3, t1, t2);          /* 2: last use of t1 and t2 */
    ir_ld(C, t4, t3, 0, IR_MO_32);  /* 3: t3 read again later; t4 never read */
    ir_mov(C, r2, t3);              /* 4: last use of t3 */
    ir_exit_tb(C, 0);               /* 5 */
    ir_liveness(C);
    verify_ok();
    EXPECT_OPS(IR_add, IR_add, IR_add, IR_ld, IR_mov, IR_exit_tb);
    ck_assert_uint_eq(op_at(0)->dead, 0);
    ck_assert_uint_eq(op_at(1)->dead, 1u << 2);               /* the constant's last use */
    ck_assert_uint_eq(op_at(2)->dead, (1u << 1) | (1u << 2)); /* t1 and t2 */
    ck_assert_uint_eq(op_at(3)->dead, 1u << 0);               /* output t4 unused */
    ck_assert_uint_eq(op_at(4)->dead, 1u << 1);               /* t3 */
    ck_assert_uint_eq(op_at(5)->dead, 0);

    /* The same temp twice in one op: marked once, as dead after the op. */
    ir_context_reset(C);
    t1 = ir_temp(C, IR_I32);
    ir_add(C, t1, r0, r1);
    ir_mul(C, r2, t1, t1);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    ck_assert_uint_ne(op_at(1)->dead & ((1u << 1) | (1u << 2)), 0);
    /* The output r2 is a global written back at the exit: not dead. */
    ck_assert_uint_eq(op_at(1)->dead & 1u, 0);
    /* t1 is read later; r0 and r1 are globals, live up to the exit. */
    ck_assert_uint_eq(op_at(0)->dead, 0);

    /* A global output overwritten before any reader is dead, even on an op
     * that stays because it may fault. */
    ir_context_reset(C);
    ir_ld(C, r0, r1, 0, IR_MO_32);
    ir_mov(C, r0, r2);
    ir_exit_tb(C, 0);
    ir_liveness(C);
    EXPECT_OPS(IR_ld, IR_mov, IR_exit_tb);
    ck_assert_uint_eq(op_at(0)->dead, 1u << 0);

    /* The dump shows dead arguments with '*'. */
    ck_assert_ptr_nonnull(strstr(dump(), "*"));
}
END_TEST

/* ------------------------------------------------------------------------ */

static TCase *tcase(Suite *s, const char *name)
{
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return tc;
}

static Suite *ir_suite(void)
{
    Suite *s = suite_create("IR");
    TCase *tc;

    tc = tcase(s, "builder");
    tcase_add_test(tc, test_const_interning);
    tcase_add_test(tc, test_const_growth);
    tcase_add_test(tc, test_emit_layout);
    tcase_add_test_raise_signal(tc, test_global_after_temp_aborts, SIGABRT);
    tcase_add_test(tc, test_dump);
    tcase_add_test(tc, test_cond_eval);

    tc = tcase(s, "verify");
    tcase_add_test(tc, test_verify_accepts);
    tcase_add_test(tc, test_verify_arg_count);
    tcase_add_test(tc, test_verify_types);
    tcase_add_test(tc, test_verify_const_write);
    tcase_add_test(tc, test_verify_labels);
    tcase_add_test(tc, test_verify_fields_conds);

    tc = tcase(s, "fold");
    tcase_add_loop_test(tc, test_fold_binary, 0, 2);
    tcase_add_test(tc, test_fold_div_edges);
    tcase_add_loop_test(tc, test_fold_shift, 0, 2);
    tcase_add_loop_test(tc, test_fold_unary, 0, 2);
    tcase_add_loop_test(tc, test_fold_bitfield, 0, 2);
    tcase_add_test(tc, test_fold_conversions);
    tcase_add_test(tc, test_fold_chain);
    tcase_add_test(tc, test_no_fold_side_effects);

    tc = tcase(s, "simplify");
    tcase_add_test(tc, test_simplify);
    tcase_add_test(tc, test_brcond_fold);
    tcase_add_test(tc, test_setcond_movcond_fold);

    tc = tcase(s, "copyprop");
    tcase_add_test(tc, test_copy_prop);
    tcase_add_test(tc, test_copy_prop_calls);

    tc = tcase(s, "liveness");
    tcase_add_test(tc, test_dce_dead_computation);
    tcase_add_test(tc, test_dce_global_overwrite);
    tcase_add_test(tc, test_dce_fault);
    tcase_add_test(tc, test_dce_fault_same_global);
    tcase_add_test(tc, test_dce_side_effects);
    tcase_add_test(tc, test_no_fold_store_env);
    tcase_add_test(tc, test_dce_labels);
    tcase_add_test(tc, test_dead_bits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ir_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
