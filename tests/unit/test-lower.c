/*
 * Execution tests of the whole code generator: hand-built IR is optimised,
 * register-allocated (tcg/regalloc.c) and lowered to x86_64
 * (backends/x86_64/lower.c, lower-fp.c) by tb_gen_raw(), then run with
 * tb_enter() on a test CPU state, and the resulting state (globals, output
 * slots, guest memory) is compared with the same computation done in C.
 *
 * Each op is built in several operand "shapes" so that every path of the
 * allocator and of the lowering is taken: operands as globals, constants in
 * either position (folded into immediates or materialised), temps that die
 * at the op or live on after it, output == first or second input (the
 * two-operand aliasing cases), both inputs the same temp, and all of it
 * again with every allocatable register holding a live value (spills,
 * fixed-register evictions for div/shift/cmpxchg/call operands).
 *
 * Covered: every integer op (i32 and i64), guest loads/stores/cmpxchg of
 * every size, sign and byte order with constant, global and temp addresses
 * and small, large and wrapping offsets, ldenv/stenv, scalar float ops
 * bit-for-bit (x86 NaN rules made explicit in the reference; float runs use
 * all four MXCSR rounding modes), vector ops for every allowed lane size,
 * helper calls (argument shuffles, env, pure/side-effect flags, values live
 * across calls), labels/branches/loops/exits/lookup_and_goto, register
 * pressure and spill-frame overflow, and random programs checked against an
 * interpreter of the IR as built (so the optimiser is checked as well).
 * Every i32 result held in a temp is also fed to an unsigned itof, which
 * reads the whole host register: the backend's invariant that an i32 has
 * the upper half of its register clear is checked everywhere.
 *
 * Every test runs in two configurations (TCases "native/..." and
 * "fallback/..."): with the host's CPU features, and with BMI1, BMI2,
 * LZCNT, MOVBE and FMA forced off before backend_init, which selects the
 * fallback lowerings (shifts in cl, bsr/bsf, bswap+mov, fma via libm).
 * (x86_features_init detects once, so the cleared features survive
 * backend_init.)
 *
 * A mismatch prints the op, type, shape, inputs, expected and actual
 * values, then the IR as built and after optimisation/liveness, and the
 * host code (capstone).
 */
#include <check.h>
#include <capstone/capstone.h>

#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backends/x86_64/emit.h"
#include "linux-user/mmap.h"
#include "tcg/backend.h"
#include "tcg/cpu.h"
#include "tcg/guest-mem.h"
#include "tcg/ir.h"
#include "tcg/tb.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* The test CPU: a CPUCommon, then the slots the IR globals live in, then
 * scratch input/output slots reached with ldenv/stenv. */

#define NW 8
#define NX 8
#define NF 8
#define NV 8
#define NIN 64
#define NOUT 96
#define NVS 32

typedef struct TestCPU {
    CPUCommon common;
    uint32_t w[NW];                 /* i32 globals W0..W7 */
    uint64_t x[NX];                 /* i64 globals X0..X7 */
    uint32_t f[NF];                 /* f32 globals F0..F7 (bit patterns) */
    uint64_t d[NF];                 /* f64 globals D0..D7 */
    uint8_t v[NV][16];              /* v128 globals V0..V3 */
    uint64_t in[NIN];               /* ldenv inputs */
    uint64_t out[NOUT];             /* stenv outputs */
    uint8_t vin[NVS][16];           /* v128 ldenv inputs */
    uint8_t vout[NVS][16];          /* v128 stenv outputs */
} TestCPU;

static TestCPU cpu __attribute__((aligned(64)));
static TestCPU want __attribute__((aligned(64)));

#define OFF(field) ((int32_t)offsetof(TestCPU, field))
#define OFF_IN(i) (OFF(in) + 8 * (i))
#define OFF_OUT(i) (OFF(out) + 8 * (i))
#define OFF_VIN(i) (OFF(vin) + 16 * (i))
#define OFF_VOUT(i) (OFF(vout) + 16 * (i))

/* Guest memory used by the load/store tests. */
#define MEM_LO 0x00010000u
#define MEM_HI 0x80010000u
#define MEM_SIZE 0x2000u
static uint8_t shadow_lo[MEM_SIZE], shadow_hi[MEM_SIZE];

/* ------------------------------------------------------------------------ */
/* IR context with the globals registered over the test CPU. */

static IRContext ctx;
#define C (&ctx)
static IRTemp W[NW], X[NX], F[NF], D[NF], V[NV];
static const char *const wnames[NW] = { "W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7" };
static const char *const xnames[NX] = { "X0", "X1", "X2", "X3", "X4", "X5", "X6", "X7" };
static const char *const fnames[NF] = { "F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7" };
static const char *const dnames[NF] = { "D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7" };
static const char *const vnames[NV] = { "V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7" };

static void ir_setup(void)
{
    ir_context_init(C);
    for (int i = 0; i < NW; i++) {
        W[i] = ir_global(C, IR_I32, OFF(w) + 4 * i, wnames[i]);
    }
    for (int i = 0; i < NX; i++) {
        X[i] = ir_global(C, IR_I64, OFF(x) + 8 * i, xnames[i]);
    }
    for (int i = 0; i < NF; i++) {
        F[i] = ir_global(C, IR_F32, OFF(f) + 4 * i, fnames[i]);
        D[i] = ir_global(C, IR_F64, OFF(d) + 8 * i, dnames[i]);
    }
    for (int i = 0; i < NV; i++) {
        V[i] = ir_global(C, IR_V128, OFF(v) + 16 * i, vnames[i]);
    }
}

static IRTemp G(IRType t, int i)
{
    switch (t) {
    case IR_I32: return W[i];
    case IR_I64: return X[i];
    case IR_F32: return F[i];
    case IR_F64: return D[i];
    default: return V[i];
    }
}
static IRTemp K(IRType t, uint64_t v) { return ir_const(C, t, v); }
static int tbits(IRType t) { return t == IR_I32 || t == IR_F32 ? 32 : 64; }
static uint64_t tmask(IRType t) { return tbits(t) == 32 ? 0xffffffffull : ~0ull; }
static int mo_of(IRType t) { return t == IR_V128 ? IR_MO_128 : tbits(t) == 32 ? IR_MO_32 : IR_MO_64; }
static const char *tname(IRType t)
{
    static const char *const n[] = { "i32", "i64", "f32", "f64", "v128" };
    return n[t];
}

/* A fresh temp loaded from input slot i (ldenv: the optimiser cannot see
 * through it, so the temp is a real register value). */
static IRTemp ld_in(IRType t, int i)
{
    IRTemp r = ir_temp(C, t);
    if (t == IR_V128) {
        ir_ldenv(C, r, OFF_VIN(i), IR_MO_128);
    } else {
        ir_ldenv(C, r, OFF_IN(i), mo_of(t));
    }
    return r;
}

static void st_out(IRTemp v, int i)
{
    IRType t = ir_temp_type(C, v);
    if (t == IR_V128) {
        ir_stenv(C, v, OFF_VOUT(i), IR_MO_128);
    } else {
        ir_stenv(C, v, OFF_OUT(i), mo_of(t));
    }
}

/* ------------------------------------------------------------------------ */
/* PRNG (fixed seeds) and value generators. */

static uint64_t rng_state;
static void rng_seed(uint64_t s) { rng_state = s * 0x9E3779B97F4A7C15ull + 0x1234567; }
static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

static const uint64_t edge64[] = {
    0, 1, 2, 3, 5, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
    0x80000001, 0xfffffffe, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, 0xffffffffffffffffull, 0xfffffffffffffffeull, 0xffffffff80000000ull,
    0xffffffff7fffffffull, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
};

/* Edge values of a type, without duplicates. */
static int edges(IRType t, uint64_t *out)
{
    int n = 0;
    for (size_t i = 0; i < ARRAY_LEN(edge64); i++) {
        uint64_t v = edge64[i] & tmask(t);
        bool dup = false;
        for (int j = 0; j < n; j++) {
            dup |= out[j] == v;
        }
        if (!dup) {
            out[n++] = v;
        }
    }
    return n;
}

static uint64_t rnd_int(IRType t)
{
    uint64_t v;
    switch (rndn(8)) {
    case 0: v = edge64[rndn(ARRAY_LEN(edge64))]; break;
    case 1: v = (uint64_t)((int64_t)rndn(65) - 32); break;
    case 2: v = (1ull << rndn(64)) + (uint64_t)((int64_t)rndn(3) - 1); break;
    case 3: v = -(1ull << rndn(64)); break;
    case 4: v = rnd() >> rndn(64); break;
    default: v = rnd(); break;
    }
    return v & tmask(t);
}

/* ------------------------------------------------------------------------ */
/* Reporting. */

static const char *cfg_name = "?";
static X86Features native_features;
static csh cs;
static int nfail;               /* mismatches in the current test */
static int ndumps;              /* programs dumped in the current test */
static bool prog_dumped;        /* the current program was dumped */
static char what[512];          /* what the current run computes */
#define MAX_REPORTS 12
#define MAX_DUMPS 3

/* The IR as built, kept for dumps (tb_gen_raw optimises in place). */
static IROp *saved_ops;
static uint32_t saved_nb, saved_cap;
static void *cur_code;

#define TB_HDR ((sizeof(TB) + 15) & ~(size_t)15)

static void dump_program(void)
{
    IRContext view = ctx;
    view.ops = saved_ops;
    view.nb_ops = saved_nb;
    fprintf(stderr, "  IR as built:\n");
    ir_dump(&view, stderr);
    fprintf(stderr, "  IR after optimisation and liveness:\n");
    ir_dump(C, stderr);
    if (cur_code) {
        const TB *tb = (const TB *)((const uint8_t *)cur_code - TB_HDR);
        cs_insn *insn;
        size_t n = cs_disasm(cs, cur_code, tb->code_size, (uintptr_t)cur_code, 0, &insn);
        fprintf(stderr, "  host code (%u bytes):\n", tb->code_size);
        for (size_t i = 0; i < n; i++) {
            fprintf(stderr, "    %4" PRIx64 ":  %-8s %s\n", insn[i].address - (uintptr_t)cur_code, insn[i].mnemonic,
                    insn[i].op_str);
        }
        if (n) {
            cs_free(insn, n);
        }
    }
}

static void failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failf(const char *fmt, ...)
{
    if (++nfail > MAX_REPORTS) {
        return;
    }
    va_list ap;
    fprintf(stderr, "FAIL [%s] %s: ", cfg_name, what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (!prog_dumped && ndumps < MAX_DUMPS) {
        prog_dumped = true;
        ndumps++;
        dump_program();
    }
}

#define WHAT(...) snprintf(what, sizeof(what), __VA_ARGS__)

static void mem_random(void);
static int cur_round = FE_TONEAREST;    /* MXCSR rounding for the runs of a program */

static void test_begin(uint64_t seed)
{
    nfail = 0;
    ndumps = 0;
    /* MIMIC_TEST_SEED=n varies every test's fixed seed (to search for
     * rarer failures); unset, the runs are reproducible. */
    const char *env_seed = getenv("MIMIC_TEST_SEED");
    rng_seed(seed + (env_seed ? strtoull(env_seed, NULL, 0) * 1000003u : 0));
    tb_flush();
    cur_round = FE_TONEAREST;
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    mem_random();
}

static void test_end(void)
{
    fesetround(FE_TONEAREST);
    ck_assert_msg(nfail == 0, "[%s] %d mismatches (see stderr)", cfg_name, nfail);
}

/* ------------------------------------------------------------------------ */
/* Building, compiling and running programs. */

static void prog_begin(void)
{
    ir_context_reset(C);
    cur_code = NULL;
    prog_dumped = false;
}

/* Terminate the program with exit_tb, verify and compile it. */
static void *prog_compile(void)
{
    ir_exit_tb(C, IR_EXIT_NOCHAIN);
    if (saved_cap < C->nb_ops) {
        saved_cap = C->nb_ops * 2;
        saved_ops = realloc(saved_ops, saved_cap * sizeof(IROp));
    }
    memcpy(saved_ops, C->ops, C->nb_ops * sizeof(IROp));
    saved_nb = C->nb_ops;
    const char *err = ir_verify(C);
    if (err) {
        failf("IR verifier: %s", err);
        return NULL;
    }
    void *code = tb_gen_raw(C);
    if (!code) {
        /* Code buffer full: flush and retry with the IR as built. */
        tb_flush();
        memcpy(C->ops, saved_ops, saved_nb * sizeof(IROp));
        C->nb_ops = saved_nb;
        code = tb_gen_raw(C);
    }
    if (!code) {
        failf("tb_gen_raw failed");
    }
    cur_code = code;
    return code;
}

static void run(void *code)
{
    cpu.common.exit_request = 0;
    uintptr_t r = tb_enter(&cpu.common, code);
    if (r != 0) {
        failf("tb_enter returned %#" PRIxPTR ", want 0", r);
    }
}

/* Random contents for every slot of the state; 'want' starts as a copy. */
static void state_random(void)
{
    uint64_t *p = (uint64_t *)&cpu.w;
    size_t n = (sizeof(cpu) - offsetof(TestCPU, w)) / 8;
    for (size_t i = 0; i < n; i++) {
        p[i] = rnd();
    }
    memset(&cpu.common, 0, sizeof(cpu.common));
}

static void want_begin(void) { want = cpu; }

static void want_out(IRType t, int i, uint64_t v)
{
    if (tbits(t) == 32) {
        uint32_t v32 = (uint32_t)v;
        memcpy(&want.out[i], &v32, 4);
    } else {
        want.out[i] = v;
    }
}

static void set_g(TestCPU *s, IRType t, int i, uint64_t v)
{
    switch (t) {
    case IR_I32: s->w[i] = (uint32_t)v; break;
    case IR_I64: s->x[i] = v; break;
    case IR_F32: s->f[i] = (uint32_t)v; break;
    case IR_F64: s->d[i] = v; break;
    default: ck_abort_msg("set_g: v128"); break;
    }
}

static uint64_t get_g(const TestCPU *s, IRType t, int i) { return t == IR_I32 ? s->w[i] : s->x[i]; }

static void set_in(IRType t, int i, uint64_t v)
{
    /* ldenv of an i32 reads the low half; keep the high half random. */
    if (tbits(t) == 32) {
        uint32_t v32 = (uint32_t)v;
        memcpy(&cpu.in[i], &v32, 4);
    } else {
        cpu.in[i] = v;
    }
}

static void print_bytes(char *buf, size_t n, const uint8_t *p, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 3 < n; i++) {
        k += (size_t)snprintf(buf + k, n - k, "%02x", p[len - 1 - i]);
    }
}

/* Compare the state with 'want'; report every differing field. */
static bool state_check(void)
{
    size_t start = offsetof(TestCPU, w);
    bool ok = memcmp((uint8_t *)&cpu + start, (uint8_t *)&want + start, sizeof(cpu) - start) == 0;
    if (memcmp(g2h(MEM_LO), shadow_lo, MEM_SIZE) || memcmp(g2h(MEM_HI), shadow_hi, MEM_SIZE)) {
        ok = false;
    }
    if (ok) {
        return true;
    }
    char buf[1024];
    size_t k = 0;
#define DIFF(fmt, ...) (k += (size_t)snprintf(buf + k, k < sizeof(buf) ? sizeof(buf) - k : 0, fmt, __VA_ARGS__))
    for (int i = 0; i < NW; i++) {
        if (cpu.w[i] != want.w[i]) {
            DIFF(" W%d: want %#x got %#x;", i, want.w[i], cpu.w[i]);
        }
    }
    for (int i = 0; i < NX; i++) {
        if (cpu.x[i] != want.x[i]) {
            DIFF(" X%d: want %#" PRIx64 " got %#" PRIx64 ";", i, want.x[i], cpu.x[i]);
        }
    }
    for (int i = 0; i < NF; i++) {
        if (cpu.f[i] != want.f[i]) {
            DIFF(" F%d: want %#x (%g) got %#x (%g);", i, want.f[i], (double)*(float *)&want.f[i], cpu.f[i],
                 (double)*(float *)&cpu.f[i]);
        }
        if (cpu.d[i] != want.d[i]) {
            DIFF(" D%d: want %#" PRIx64 " (%g) got %#" PRIx64 " (%g);", i, want.d[i], *(double *)&want.d[i],
                 cpu.d[i], *(double *)&cpu.d[i]);
        }
    }
    for (int i = 0; i < NV; i++) {
        if (memcmp(cpu.v[i], want.v[i], 16)) {
            char a[40], b[40];
            print_bytes(a, sizeof(a), want.v[i], 16);
            print_bytes(b, sizeof(b), cpu.v[i], 16);
            DIFF(" V%d: want %s got %s;", i, a, b);
        }
    }
    if (memcmp(cpu.in, want.in, sizeof(cpu.in)) || memcmp(cpu.vin, want.vin, sizeof(cpu.vin))) {
        DIFF("%s", " input slots modified;");
    }
    for (int i = 0; i < NOUT; i++) {
        if (cpu.out[i] != want.out[i]) {
            DIFF(" out[%d]: want %#" PRIx64 " got %#" PRIx64 ";", i, want.out[i], cpu.out[i]);
        }
    }
    for (int i = 0; i < NVS; i++) {
        if (memcmp(cpu.vout[i], want.vout[i], 16)) {
            char a[40], b[40];
            print_bytes(a, sizeof(a), want.vout[i], 16);
            print_bytes(b, sizeof(b), cpu.vout[i], 16);
            DIFF(" vout[%d]: want %s got %s;", i, a, b);
        }
    }
    for (int m = 0; m < 2; m++) {
        const uint8_t *h = g2h(m ? MEM_HI : MEM_LO), *s = m ? shadow_hi : shadow_lo;
        for (uint32_t i = 0; i < MEM_SIZE; i++) {
            if (h[i] != s[i]) {
                DIFF(" mem[%#x]: want %02x got %02x;", (m ? MEM_HI : MEM_LO) + i, s[i], h[i]);
                if (k > 700) {
                    break;
                }
            }
        }
    }
#undef DIFF
    failf("%s", buf);
    return false;
}

/* Random contents for the guest test pages, and the shadow copy the
 * expected stores are applied to. */
static void mem_random(void)
{
    for (uint32_t i = 0; i < MEM_SIZE; i += 8) {
        uint64_t a = rnd(), b = rnd();
        memcpy((uint8_t *)g2h(MEM_LO) + i, &a, 8);
        memcpy((uint8_t *)g2h(MEM_HI) + i, &b, 8);
    }
    memcpy(shadow_lo, g2h(MEM_LO), MEM_SIZE);
    memcpy(shadow_hi, g2h(MEM_HI), MEM_SIZE);
}

/* Host pointer into the shadow of a guest address in the test pages. */
static uint8_t *shadow(uint32_t ga)
{
    if (ga >= MEM_LO && ga < MEM_LO + MEM_SIZE) {
        return shadow_lo + (ga - MEM_LO);
    }
    if (ga >= MEM_HI && ga < MEM_HI + MEM_SIZE) {
        return shadow_hi + (ga - MEM_HI);
    }
    ck_abort_msg("guest address %#x outside the test pages", ga);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Integer reference, on native C types. */

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

static const char *const cond_name[IR_NB_CONDS] = {
    "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu", "tsteq", "tstne", "always", "never",
};

static uint32_t ref32(IROpcode opc, uint32_t x, uint32_t y, const uint64_t *k)
{
    int32_t sx = (int32_t)x, sy = (int32_t)y;
    switch (opc) {
    case IR_mov: return x;
    case IR_add: return x + y;
    case IR_sub: return x - y;
    case IR_mul: return x * y;
    case IR_and: return x & y;
    case IR_or: return x | y;
    case IR_xor: return x ^ y;
    case IR_andc: return x & ~y;
    case IR_neg: return -x;
    case IR_not: return ~x;
    case IR_shl: return x << y;
    case IR_shr: return x >> y;
    case IR_sar: return (uint32_t)(sx >> y);
    case IR_rotr: return y ? (x >> y) | (x << (32 - y)) : x;
    case IR_rotl: return y ? (x << y) | (x >> (32 - y)) : x;
    case IR_div: return y == 0 ? 0 : (sx == INT32_MIN && sy == -1) ? x : (uint32_t)(sx / sy);
    case IR_divu: return y ? x / y : 0;
    case IR_rem: return y == 0 ? x : sy == -1 ? 0 : (uint32_t)(sx % sy);
    case IR_remu: return y ? x % y : x;
    case IR_clz: return x ? (uint32_t)__builtin_clz(x) : 32;
    case IR_ctz: return x ? (uint32_t)__builtin_ctz(x) : 32;
    case IR_ctpop: return (uint32_t)__builtin_popcount(x);
    case IR_bswap16: return ((x & 0xff) << 8) | ((x >> 8) & 0xff);
    case IR_bswap: return __builtin_bswap32(x);
    case IR_ext8s: return (uint32_t)(int32_t)(int8_t)x;
    case IR_ext8u: return (uint8_t)x;
    case IR_ext16s: return (uint32_t)(int32_t)(int16_t)x;
    case IR_ext16u: return (uint16_t)x;
    case IR_extract: return (x >> k[0]) & (k[1] == 32 ? ~0u : (1u << k[1]) - 1);
    case IR_sextract: return (uint32_t)((int32_t)(x << (32 - k[0] - k[1])) >> (32 - k[1]));
    case IR_deposit: {
        uint32_t m = (k[1] == 32 ? ~0u : (1u << k[1]) - 1) << k[0];
        return (x & ~m) | ((y << k[0]) & m);
    }
    default: ck_abort_msg("ref32: op %s", ir_op_defs[opc].name); return 0;
    }
}

static uint64_t ref64(IROpcode opc, uint64_t x, uint64_t y, const uint64_t *k)
{
    int64_t sx = (int64_t)x, sy = (int64_t)y;
    switch (opc) {
    case IR_mov: return x;
    case IR_add: return x + y;
    case IR_sub: return x - y;
    case IR_mul: return x * y;
    case IR_and: return x & y;
    case IR_or: return x | y;
    case IR_xor: return x ^ y;
    case IR_andc: return x & ~y;
    case IR_neg: return -x;
    case IR_not: return ~x;
    case IR_shl: return x << y;
    case IR_shr: return x >> y;
    case IR_sar: return (uint64_t)(sx >> y);
    case IR_rotr: return y ? (x >> y) | (x << (64 - y)) : x;
    case IR_rotl: return y ? (x << y) | (x >> (64 - y)) : x;
    case IR_div: return y == 0 ? 0 : (sx == INT64_MIN && sy == -1) ? x : (uint64_t)(sx / sy);
    case IR_divu: return y ? x / y : 0;
    case IR_rem: return y == 0 ? x : sy == -1 ? 0 : (uint64_t)(sx % sy);
    case IR_remu: return y ? x % y : x;
    case IR_clz: return x ? (uint64_t)__builtin_clzll(x) : 64;
    case IR_ctz: return x ? (uint64_t)__builtin_ctzll(x) : 64;
    case IR_ctpop: return (uint64_t)__builtin_popcountll(x);
    case IR_bswap16: return ((x & 0xff) << 8) | ((x >> 8) & 0xff);
    case IR_bswap: return __builtin_bswap64(x);
    case IR_ext8s: return (uint64_t)(int64_t)(int8_t)x;
    case IR_ext8u: return (uint8_t)x;
    case IR_ext16s: return (uint64_t)(int64_t)(int16_t)x;
    case IR_ext16u: return (uint16_t)x;
    case IR_extract: return (x >> k[0]) & (k[1] == 64 ? ~0ull : (1ull << k[1]) - 1);
    case IR_sextract: return (uint64_t)((int64_t)(x << (64 - k[0] - k[1])) >> (64 - k[1]));
    case IR_deposit: {
        uint64_t m = (k[1] == 64 ? ~0ull : (1ull << k[1]) - 1) << k[0];
        return (x & ~m) | ((y << k[0]) & m);
    }
    default: ck_abort_msg("ref64: op %s", ir_op_defs[opc].name); return 0;
    }
}

/* One integer op: opcode, result and operand types, raw constant args. */
typedef struct OpDesc {
    IROpcode opc;
    IRType tout, tin;
    int nk;
    uint64_t k[2];
    IRType top;             /* IROp.type: tout, except fcmp/ftoi (tin) */
} OpDesc;

static OpDesc opd(IROpcode opc, IRType tout, IRType tin)
{
    OpDesc o = { opc, tout, tin, 0, { 0, 0 }, tout };
    return o;
}

static uint64_t ref_flt(const OpDesc *o, uint64_t a, uint64_t b);
static bool is_flt(IRType t) { return t == IR_F32 || t == IR_F64; }
static uint64_t rnd_flt(IRType t);
static int flt_specials(IRType t, uint64_t *out);
static const char *round_name(void)
{
    switch (cur_round) {
    case FE_DOWNWARD: return " [round down]";
    case FE_UPWARD: return " [round up]";
    case FE_TOWARDZERO: return " [round to zero]";
    default: return "";
    }
}

static uint64_t ref_op(const OpDesc *o, uint64_t a, uint64_t b)
{
    if ((ir_op_defs[o->opc].flags & IRF_FLT) || o->opc == IR_bitcast) {
        return ref_flt(o, a, b);
    }
    switch (o->opc) {
    case IR_zext: return (uint32_t)a;
    case IR_sext: return (uint64_t)(int64_t)(int32_t)a;
    case IR_trunc: return (uint32_t)a;
    case IR_trunch: return (uint32_t)(a >> 32);
    case IR_concat: return (uint32_t)a | ((uint64_t)(uint32_t)b << 32);
    case IR_setcond: return ref_cond((IRCond)o->k[0], o->tin, a, b);
    default: break;
    }
    return o->tin == IR_I32 ? ref32(o->opc, (uint32_t)a, (uint32_t)b, o->k) : ref64(o->opc, a, b, o->k);
}

static bool is_count_op(IROpcode opc)
{
    return opc == IR_shl || opc == IR_shr || opc == IR_sar || opc == IR_rotr || opc == IR_rotl;
}

static void emit_op(const OpDesc *o, IRTemp d, IRTemp a, IRTemp b)
{
    uint64_t args[8];
    int n = 0;
    args[n++] = d;
    args[n++] = a;
    if (b != IR_NO_TEMP) {
        args[n++] = b;
    }
    for (int i = 0; i < o->nk; i++) {
        args[n++] = o->k[i];
    }
    ir_emit(C, o->opc, o->top, n, args);
}

static void op_name(char *buf, size_t n, const OpDesc *o)
{
    int k = snprintf(buf, n, "%s %s", ir_op_defs[o->opc].name, tname(o->tout));
    if (o->tin != o->tout) {
        k += snprintf(buf + k, n - (size_t)k, "<-%s", tname(o->tin));
    }
    if (o->opc == IR_setcond || o->opc == IR_movcond) {
        snprintf(buf + k, n - (size_t)k, " %s", cond_name[o->k[0]]);
    } else if (o->nk == 2) {
        snprintf(buf + k, n - (size_t)k, " pos=%" PRIu64 " len=%" PRIu64, o->k[0], o->k[1]);
    } else if (o->nk == 1) {
        snprintf(buf + k, n - (size_t)k, " $%" PRIu64, o->k[0]);
    }
}

/* ------------------------------------------------------------------------ */
/* Register pressure around an op: 12 live i64 temps (as many as there are
 * allocatable GPRs) and dirty globals, all checked afterwards. */

#define NFILL 12
#define FILL_SLOT 16
#define NXFILL 15
#define XFILL_SLOT 8
static IRTemp fill[NFILL], xfill[NXFILL];

static void press_begin(void)
{
    ir_xori(C, W[3], W[3], 0x5a5a5a5a);
    ir_addi(C, X[3], X[3], 12345);
    for (int i = 0; i < NXFILL; i++) {
        xfill[i] = ld_in(IR_V128, XFILL_SLOT + i);
    }
    for (int i = 0; i < NFILL; i++) {
        fill[i] = ld_in(IR_I64, FILL_SLOT + i);
    }
}

static void press_end(void)
{
    for (int i = 0; i < NFILL; i++) {
        st_out(fill[i], FILL_SLOT + i);
    }
    for (int i = 0; i < NXFILL; i++) {
        st_out(xfill[i], XFILL_SLOT + i);
    }
    ir_xori(C, W[4], W[4], 1);
}

static void press_want(void)
{
    want.w[3] ^= 0x5a5a5a5a;
    want.x[3] += 12345;
    want.w[4] ^= 1;
    for (int i = 0; i < NFILL; i++) {
        want.out[FILL_SLOT + i] = cpu.in[FILL_SLOT + i];
    }
    for (int i = 0; i < NXFILL; i++) {
        memcpy(want.vout[XFILL_SLOT + i], cpu.vin[XFILL_SLOT + i], 16);
    }
}

/* The backend keeps the upper half of a 64-bit register holding an i32
 * clear, and code relies on it (guest address indexes, unsigned itof,
 * 64-bit lanes).  An unsigned itof reads the whole register, so feeding it
 * every i32 result exposes garbage there. */
#define PROBE_SLOT 6

static void probe_i32(IRTemp r)
{
    if (ir_temp_type(C, r) == IR_I32) {
        IRTemp f = ir_temp(C, IR_F64);
        ir_itof(C, f, r, 0);
        st_out(f, PROBE_SLOT);
    }
}

static void want_probe_i32(IRType t, uint64_t r)
{
    if (t == IR_I32) {
        double d = (double)(uint32_t)r;
        memcpy(&want.out[PROBE_SLOT], &d, 8);
    }
}

/* ------------------------------------------------------------------------ */
/* Binary integer ops in every shape. */

enum {
    B_GG,           /* g0 = op(g1, g2) */
    B_GK,           /* g0 = op(g1, K) */
    B_KG,           /* g0 = op(K, g2) */
    B_DA,           /* g1 = op(g1, g2): output is the first input */
    B_DB,           /* g2 = op(g1, g2): output is the second input */
    B_SAME,         /* g0 = op(g1, g1) */
    B_TT,           /* temps, both die; a loaded first */
    B_TTR,          /* temps, both die; b loaded first */
    B_TTLIVE,       /* temps live after the op */
    B_TK,           /* temp op K, temp dies */
    B_KT,           /* K op temp */
    B_TKLIVE,       /* temp op K, temp lives on */
    B_PRESS,        /* all registers busy; inputs die */
    B_PRESSLIVE,    /* all registers busy; inputs live on */
    B_PRESSK,       /* all registers busy; temp op K */
    B_NB
};
static const char *const bshape_name[B_NB] = {
    "g0=op(g1,g2)", "g0=op(g1,K)", "g0=op(K,g2)", "g1=op(g1,g2)", "g2=op(g1,g2)", "g0=op(g1,g1)",
    "temps(dead)", "temps(dead,b first)", "temps(live)", "op(temp,K)", "op(K,temp)", "op(temp,K)(live)",
    "pressure", "pressure(live)", "pressure op(temp,K)",
};

static bool bshape_has_k(int s) { return s == B_GK || s == B_KG || s == B_TK || s == B_KT || s == B_TKLIVE || s == B_PRESSK; }
static bool bshape_k_first(int s) { return s == B_KG || s == B_KT; }

static void build_bin(const OpDesc *o, int shape, uint64_t k)
{
    IRType ti = o->tin, to = o->tout;
    IRTemp a, b, r;
    prog_begin();
    switch (shape) {
    case B_GG: emit_op(o, G(to, 0), G(ti, 1), G(ti, 2)); break;
    case B_GK: emit_op(o, G(to, 0), G(ti, 1), K(ti, k)); break;
    case B_KG: emit_op(o, G(to, 0), K(ti, k), G(ti, 2)); break;
    case B_DA: emit_op(o, G(to, 1), G(ti, 1), G(ti, 2)); break;
    case B_DB: emit_op(o, G(to, 2), G(ti, 1), G(ti, 2)); break;
    case B_SAME: emit_op(o, G(to, 0), G(ti, 1), G(ti, 1)); break;
    case B_TT:
    case B_TTR:
    case B_TTLIVE:
        if (shape == B_TTR) {
            b = ld_in(ti, 1);
            a = ld_in(ti, 0);
        } else {
            a = ld_in(ti, 0);
            b = ld_in(ti, 1);
        }
        r = ir_temp(C, to);
        emit_op(o, r, a, b);
        st_out(r, 0);
        probe_i32(r);
        if (shape == B_TTLIVE) {
            st_out(a, 1);
            st_out(b, 2);
        }
        break;
    case B_TK:
    case B_TKLIVE:
        a = ld_in(ti, 0);
        r = ir_temp(C, to);
        emit_op(o, r, a, K(ti, k));
        st_out(r, 0);
        probe_i32(r);
        if (shape == B_TKLIVE) {
            st_out(a, 1);
        }
        break;
    case B_KT:
        b = ld_in(ti, 1);
        r = ir_temp(C, to);
        emit_op(o, r, K(ti, k), b);
        st_out(r, 0);
        probe_i32(r);
        break;
    case B_PRESS:
    case B_PRESSLIVE:
    case B_PRESSK:
        press_begin();
        a = ld_in(ti, 0);
        b = shape == B_PRESSK ? K(ti, k) : ld_in(ti, 1);
        r = ir_temp(C, to);
        emit_op(o, r, a, b);
        st_out(r, 0);
        probe_i32(r);
        if (shape == B_PRESSLIVE) {
            st_out(a, 1);
            st_out(b, 2);
        }
        press_end();
        break;
    }
}

/* Apply the reference for one run of build_bin to 'want'. */
static void want_bin(const OpDesc *o, int shape, uint64_t a, uint64_t b, uint64_t r)
{
    IRType ti = o->tin, to = o->tout;
    switch (shape) {
    case B_GG:
    case B_GK:
    case B_KG:
    case B_SAME: set_g(&want, to, 0, r); break;
    case B_DA: set_g(&want, to, 1, r); break;
    case B_DB: set_g(&want, to, 2, r); break;
    case B_PRESS:
    case B_PRESSLIVE:
    case B_PRESSK:
        press_want();
        /* fall through */
    default:
        want_out(to, 0, r);
        want_probe_i32(to, r);
        if (shape == B_TTLIVE || shape == B_PRESSLIVE) {
            want_out(ti, 1, a);
            want_out(ti, 2, b);
        }
        if (shape == B_TKLIVE) {
            want_out(ti, 1, a);
        }
        break;
    }
}

static bool shape_ok(const OpDesc *o, int shape)
{
    if ((shape == B_DA || shape == B_DB) && o->tin != o->tout) {
        return false;
    }
    return true;
}

static void run_bin_inputs(const OpDesc *o, int shape, uint64_t k, void *code, uint64_t a, uint64_t b)
{
    IRType ti = o->tin;
    char on[64];
    if (shape == B_SAME) {
        b = a;
    }
    state_random();
    set_g(&cpu, ti, 1, a);
    set_g(&cpu, ti, 2, b);
    set_in(ti, 0, a);
    set_in(ti, 1, b);
    want_begin();
    uint64_t A = bshape_k_first(shape) ? k : a;
    uint64_t B = bshape_has_k(shape) && !bshape_k_first(shape) ? k : b;
    fesetround(cur_round);
    uint64_t r = ref_op(o, A, B);
    want_bin(o, shape, a, b, r);
    op_name(on, sizeof(on), o);
    WHAT("%s, shape %s, a=%#" PRIx64 " b=%#" PRIx64 " (expect %#" PRIx64 ")%s", on, bshape_name[shape], A, B, r,
         round_name());
    run(code);
    fesetround(FE_TONEAREST);
    state_check();
}

/* Operand values: a count in [0, width) for shifts and rotates. */
static int operand_values(const OpDesc *o, bool count, uint64_t *v, int max)
{
    int n;
    if (count) {
        int w = tbits(o->tin);
        static const int cnt[] = { 0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 48, 62, 63 };
        n = 0;
        for (size_t i = 0; i < ARRAY_LEN(cnt); i++) {
            if (cnt[i] < w) {
                v[n++] = (uint64_t)cnt[i];
            }
        }
        v[n++] = (uint64_t)(w - 2);
        while (n < max && n < 20) {
            v[n++] = rndn((unsigned)w);
        }
        return n;
    }
    if (is_flt(o->tin)) {
        n = flt_specials(o->tin, v);
        for (int i = 0; i < 6 && n < max; i++) {
            v[n++] = rnd_flt(o->tin);
        }
        return n;
    }
    n = edges(o->tin, v);
    for (int i = 0; i < 4 && n < max; i++) {
        v[n++] = rnd_int(o->tin);
    }
    return n;
}

static uint64_t rnd_val(IRType t) { return is_flt(t) ? rnd_flt(t) : rnd_int(t); }

#define NRND_PAIRS 48
#define NRND_SINGLE 24

static void pick_round(const OpDesc *o)
{
    static const int modes[] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };
    bool flt = (ir_op_defs[o->opc].flags & IRF_FLT) != 0;
    cur_round = flt && rndn(2) ? modes[1 + rndn(3)] : FE_TONEAREST;
}

static void test_bin_op(const OpDesc *o)
{
    bool count = is_count_op(o->opc);
    for (int shape = 0; shape < B_NB && nfail <= MAX_REPORTS; shape++) {
        pick_round(o);
        if (!shape_ok(o, shape)) {
            continue;
        }
        uint64_t av[64], bv[64], kv[64];
        int na = operand_values(o, false, av, 64);
        int nb = operand_values(o, count, bv, 64);
        if (bshape_has_k(shape)) {
            bool kfirst = bshape_k_first(shape);
            int nk = operand_values(o, count && !kfirst, kv, 64);
            for (int ki = 0; ki < nk && nfail <= MAX_REPORTS; ki++) {
                build_bin(o, shape, kv[ki]);
                void *code = prog_compile();
                if (!code) {
                    continue;
                }
                /* The variable operand: a (K second) or b (K first). */
                int nvar = kfirst ? nb : na;
                for (int i = 0; i < nvar + NRND_SINGLE; i++) {
                    uint64_t x = i < nvar ? (kfirst ? bv[i] : av[i])
                                          : kfirst && count ? rndn((unsigned)tbits(o->tin)) : rnd_val(o->tin);
                    run_bin_inputs(o, shape, kv[ki], code, kfirst ? rnd_val(o->tin) : x, kfirst ? x : 0);
                }
            }
            continue;
        }
        build_bin(o, shape, 0);
        void *code = prog_compile();
        if (!code) {
            continue;
        }
        if (shape == B_SAME) {
            /* Both operands are one value: for shifts it must be a count. */
            int n = count ? nb : na;
            for (int i = 0; i < n + NRND_SINGLE; i++) {
                uint64_t x = i < n ? (count ? bv[i] : av[i]) : count ? rndn((unsigned)tbits(o->tin)) : rnd_val(o->tin);
                run_bin_inputs(o, shape, 0, code, x, x);
            }
            continue;
        }
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                run_bin_inputs(o, shape, 0, code, av[i], bv[j]);
            }
        }
        for (int i = 0; i < NRND_PAIRS; i++) {
            uint64_t a = rnd_val(o->tin);
            uint64_t b = count ? rndn((unsigned)tbits(o->tin)) : rndn(4) == 0 ? a : rnd_val(o->tin);
            run_bin_inputs(o, shape, 0, code, a, b);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Unary integer ops (and conversions) in every shape. */

enum {
    U_GG,           /* g0 = op(g1) */
    U_DA,           /* g1 = op(g1) */
    U_T,            /* temp dies */
    U_TLIVE,        /* temp lives on */
    U_PRESS,
    U_PRESSLIVE,
    U_K,            /* constant input (folded by the optimiser, mostly) */
    U_NB
};
static const char *const ushape_name[U_NB] = {
    "g0=op(g1)", "g1=op(g1)", "temp(dead)", "temp(live)", "pressure", "pressure(live)", "op(K)",
};

static void build_un(const OpDesc *o, int shape, uint64_t k)
{
    IRType ti = o->tin, to = o->tout;
    IRTemp a, r;
    prog_begin();
    switch (shape) {
    case U_GG: emit_op(o, G(to, 0), G(ti, 1), IR_NO_TEMP); break;
    case U_DA: emit_op(o, G(to, 1), G(ti, 1), IR_NO_TEMP); break;
    case U_K: emit_op(o, G(to, 0), K(ti, k), IR_NO_TEMP); break;
    case U_T:
    case U_TLIVE:
        a = ld_in(ti, 0);
        r = ir_temp(C, to);
        emit_op(o, r, a, IR_NO_TEMP);
        st_out(r, 0);
        probe_i32(r);
        if (shape == U_TLIVE) {
            st_out(a, 1);
        }
        break;
    case U_PRESS:
    case U_PRESSLIVE:
        press_begin();
        a = ld_in(ti, 0);
        r = ir_temp(C, to);
        emit_op(o, r, a, IR_NO_TEMP);
        st_out(r, 0);
        probe_i32(r);
        if (shape == U_PRESSLIVE) {
            st_out(a, 1);
        }
        press_end();
        break;
    }
}

static void run_un_input(const OpDesc *o, int shape, void *code, uint64_t a)
{
    IRType ti = o->tin, to = o->tout;
    char on[64];
    state_random();
    set_g(&cpu, ti, 1, a);
    set_in(ti, 0, a);
    want_begin();
    fesetround(cur_round);
    uint64_t r = ref_op(o, a, 0);
    switch (shape) {
    case U_GG:
    case U_K: set_g(&want, to, 0, r); break;
    case U_DA: set_g(&want, to, 1, r); break;
    case U_PRESS:
    case U_PRESSLIVE:
        press_want();
        /* fall through */
    default:
        want_out(to, 0, r);
        want_probe_i32(to, r);
        if (shape == U_TLIVE || shape == U_PRESSLIVE) {
            want_out(ti, 1, a);
        }
        break;
    }
    op_name(on, sizeof(on), o);
    WHAT("%s, shape %s, a=%#" PRIx64 " (expect %#" PRIx64 ")%s", on, ushape_name[shape], a, r, round_name());
    run(code);
    fesetround(FE_TONEAREST);
    state_check();
}

static void test_un_op(const OpDesc *o, int nrnd)
{
    uint64_t av[64];
    int na = operand_values(o, false, av, 64);
    for (int shape = 0; shape < U_NB && nfail <= MAX_REPORTS; shape++) {
        pick_round(o);
        if (shape == U_DA && o->tin != o->tout) {
            continue;
        }
        if (shape == U_K) {
            for (int i = 0; i < na; i++) {
                build_un(o, shape, av[i]);
                void *code = prog_compile();
                if (code) {
                    run_un_input(o, shape, code, av[i]);
                }
            }
            continue;
        }
        build_un(o, shape, 0);
        void *code = prog_compile();
        if (!code) {
            continue;
        }
        for (int i = 0; i < na + nrnd; i++) {
            run_un_input(o, shape, code, i < na ? av[i] : rnd_val(o->tin));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Integer op tests. */

static const IRType int_types[] = { IR_I32, IR_I64 };

static void test_bin_list(const IROpcode *ops, size_t n)
{
    for (size_t t = 0; t < ARRAY_LEN(int_types); t++) {
        for (size_t i = 0; i < n && nfail <= MAX_REPORTS; i++) {
            OpDesc o = opd(ops[i], int_types[t], int_types[t]);
            test_bin_op(&o);
        }
    }
}

START_TEST(test_int_alu)
{
    static const IROpcode ops[] = { IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc };
    test_begin(1);
    test_bin_list(ops, ARRAY_LEN(ops));
    test_end();
}
END_TEST

START_TEST(test_int_shift)
{
    static const IROpcode ops[] = { IR_shl, IR_shr, IR_sar, IR_rotr, IR_rotl };
    test_begin(2);
    test_bin_list(ops, ARRAY_LEN(ops));
    test_end();
}
END_TEST

START_TEST(test_int_div)
{
    static const IROpcode ops[] = { IR_div, IR_divu, IR_rem, IR_remu };
    test_begin(3);
    test_bin_list(ops, ARRAY_LEN(ops));
    test_end();
}
END_TEST

START_TEST(test_int_unary)
{
    static const IROpcode ops[] = {
        IR_mov, IR_neg, IR_not, IR_clz, IR_ctz, IR_ctpop, IR_bswap16, IR_bswap, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u,
    };
    test_begin(4);
    for (size_t t = 0; t < ARRAY_LEN(int_types); t++) {
        for (size_t i = 0; i < ARRAY_LEN(ops) && nfail <= MAX_REPORTS; i++) {
            OpDesc o = opd(ops[i], int_types[t], int_types[t]);
            test_un_op(&o, 64);
        }
    }
    test_end();
}
END_TEST

START_TEST(test_int_conv)
{
    test_begin(5);
    OpDesc o = opd(IR_zext, IR_I64, IR_I32);
    test_un_op(&o, 64);
    o = opd(IR_sext, IR_I64, IR_I32);
    test_un_op(&o, 64);
    o = opd(IR_trunc, IR_I32, IR_I64);
    test_un_op(&o, 64);
    o = opd(IR_trunch, IR_I32, IR_I64);
    test_un_op(&o, 64);
    o = opd(IR_concat, IR_I64, IR_I32);
    test_bin_op(&o);
    test_end();
}
END_TEST

START_TEST(test_int_setcond)
{
    test_begin(6);
    for (size_t t = 0; t < ARRAY_LEN(int_types); t++) {
        for (int c = 0; c < IR_NB_CONDS && nfail <= MAX_REPORTS; c++) {
            OpDesc o = opd(IR_setcond, int_types[t], int_types[t]);
            o.nk = 1;
            o.k[0] = (uint64_t)c;
            test_bin_op(&o);
        }
    }
    test_end();
}
END_TEST

/* extract/sextract/deposit: every (pos, len) in a plain shape, a sample in
 * every shape. */
START_TEST(test_int_field)
{
    static const IROpcode ops[] = { IR_extract, IR_sextract, IR_deposit };
    test_begin(7);
    for (size_t t = 0; t < ARRAY_LEN(int_types); t++) {
        IRType ty = int_types[t];
        int w = tbits(ty);
        for (size_t oi = 0; oi < ARRAY_LEN(ops) && nfail <= MAX_REPORTS; oi++) {
            bool bin = ops[oi] == IR_deposit;
            for (int pos = 0; pos < w; pos++) {
                for (int len = 1; pos + len <= w && nfail <= MAX_REPORTS; len++) {
                    OpDesc o = opd(ops[oi], ty, ty);
                    o.nk = 2;
                    o.k[0] = (uint64_t)pos;
                    o.k[1] = (uint64_t)len;
                    bool full = pos == 0 || pos + len == w || len == 1 || len == 8 || len == 16 || len == 32 ||
                                rndn(16) == 0;
                    int nshapes = bin ? B_NB : U_NB;
                    for (int shape = 0; shape < nshapes; shape++) {
                        if (!full && shape != 0) {
                            continue;
                        }
                        if (bin) {
                            if (bshape_has_k(shape)) {
                                uint64_t k = rnd_int(ty);
                                build_bin(&o, shape, k);
                                void *code = prog_compile();
                                for (int i = 0; code && i < 6; i++) {
                                    run_bin_inputs(&o, shape, k, code, rnd_int(ty), rnd_int(ty));
                                }
                            } else {
                                build_bin(&o, shape, 0);
                                void *code = prog_compile();
                                for (int i = 0; code && i < 8; i++) {
                                    run_bin_inputs(&o, shape, 0, code, rnd_int(ty), rnd_int(ty));
                                }
                            }
                        } else {
                            uint64_t k = rnd_int(ty);
                            build_un(&o, shape, k);
                            void *code = prog_compile();
                            for (int i = 0; code && i < (shape == U_K ? 1 : 8); i++) {
                                run_un_input(&o, shape, code, shape == U_K ? k : rnd_int(ty));
                            }
                        }
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* movcond: d = (c1 cond c2) ? v1 : v2, for every condition and operand
 * arrangement. */
enum {
    M_GG,           /* g0 = movcond(g1, g2, g3, g4) */
    M_C2K,          /* c2 constant */
    M_C1K,          /* c1 constant (the optimiser swaps the comparison) */
    M_DV2,          /* g4 = movcond(g1, g2, g3, g4): output is v2 */
    M_DV1,          /* g3 = ...: output is v1 */
    M_DC1,          /* g1 = ...: output is c1 */
    M_V1K,          /* v1 constant */
    M_V2K,          /* v2 constant */
    M_MINMAX,       /* g0 = movcond(g1, g2, g1, g2) */
    M_T,            /* temps, all die */
    M_TC1V2,        /* temps, c1 and v2 the same dying temp */
    M_TLIVE,        /* temps live on */
    M_PRESS,
    M_NB
};
static const char *const mshape_name[M_NB] = {
    "g0=movcond(g1,g2,g3,g4)", "c2=K", "c1=K", "g4=movcond(..,g3,g4)", "g3=movcond(..,g3,g4)",
    "g1=movcond(g1,..)", "v1=K", "v2=K", "g0=movcond(g1,g2,g1,g2)", "temps(dead)", "temps(c1==v2)",
    "temps(live)", "pressure",
};

static void build_movcond(IRType t, IRCond cond, int shape, uint64_t k)
{
    IRTemp g0 = G(t, 0), g1 = G(t, 1), g2 = G(t, 2), g3 = G(t, 3), g4 = G(t, 4);
    IRTemp c1, c2, v1, v2, r;
    prog_begin();
    switch (shape) {
    case M_GG: ir_movcond(C, g0, g1, g2, g3, g4, cond); break;
    case M_C2K: ir_movcond(C, g0, g1, K(t, k), g3, g4, cond); break;
    case M_C1K: ir_movcond(C, g0, K(t, k), g2, g3, g4, cond); break;
    case M_DV2: ir_movcond(C, g4, g1, g2, g3, g4, cond); break;
    case M_DV1: ir_movcond(C, g3, g1, g2, g3, g4, cond); break;
    case M_DC1: ir_movcond(C, g1, g1, g2, g3, g4, cond); break;
    case M_V1K: ir_movcond(C, g0, g1, g2, K(t, k), g4, cond); break;
    case M_V2K: ir_movcond(C, g0, g1, g2, g3, K(t, k), cond); break;
    case M_MINMAX: ir_movcond(C, g0, g1, g2, g1, g2, cond); break;
    case M_T:
    case M_TLIVE:
    case M_PRESS:
        if (shape == M_PRESS) {
            press_begin();
        }
        c1 = ld_in(t, 0);
        c2 = ld_in(t, 1);
        v1 = ld_in(t, 2);
        v2 = ld_in(t, 3);
        r = ir_temp(C, t);
        ir_movcond(C, r, c1, c2, v1, v2, cond);
        st_out(r, 0);
        probe_i32(r);
        if (shape == M_TLIVE) {
            st_out(c1, 1);
            st_out(c2, 2);
            st_out(v1, 3);
            st_out(v2, 4);
        }
        if (shape == M_PRESS) {
            press_end();
        }
        break;
    case M_TC1V2:
        c1 = ld_in(t, 0);
        c2 = ld_in(t, 1);
        v1 = ld_in(t, 2);
        r = ir_temp(C, t);
        ir_movcond(C, r, c1, c2, v1, c1, cond);
        st_out(r, 0);
        probe_i32(r);
        break;
    }
}

START_TEST(test_int_movcond)
{
    test_begin(8);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        uint64_t ev[64];
        int ne = edges(t, ev);
        for (int cond = 0; cond < IR_NB_CONDS && nfail <= MAX_REPORTS; cond++) {
            for (int shape = 0; shape < M_NB; shape++) {
                bool hask = shape == M_C2K || shape == M_C1K || shape == M_V1K || shape == M_V2K;
                int nprog = hask ? 6 : 1;
                for (int p = 0; p < nprog; p++) {
                    uint64_t k = p < 3 ? ev[rndn((unsigned)ne)] : rnd_int(t);
                    build_movcond(t, (IRCond)cond, shape, k);
                    void *code = prog_compile();
                    if (!code) {
                        continue;
                    }
                    for (int i = 0; i < 40; i++) {
                        uint64_t in[4];
                        for (int j = 0; j < 4; j++) {
                            in[j] = rndn(3) == 0 ? ev[rndn((unsigned)ne)] : rnd_int(t);
                        }
                        if (rndn(3) == 0) {
                            in[1] = in[0];      /* equal compare operands */
                        }
                        if (shape == M_C1K && rndn(3) == 0) {
                            in[1] = k;
                        }
                        if (shape == M_C2K && rndn(3) == 0) {
                            in[0] = k;
                        }
                        state_random();
                        for (int j = 0; j < 4; j++) {
                            set_g(&cpu, t, 1 + j, in[j]);
                            set_in(t, j, in[j]);
                        }
                        want_begin();
                        uint64_t c1 = in[0], c2 = in[1], v1 = in[2], v2 = in[3];
                        switch (shape) {
                        case M_C2K: c2 = k; break;
                        case M_C1K: c1 = k; break;
                        case M_V1K: v1 = k; break;
                        case M_V2K: v2 = k; break;
                        case M_MINMAX: v1 = c1; v2 = c2; break;
                        case M_TC1V2: v2 = c1; break;
                        default: break;
                        }
                        uint64_t r = ref_cond((IRCond)cond, t, c1, c2) ? v1 : v2;
                        switch (shape) {
                        case M_DV2: set_g(&want, t, 4, r); break;
                        case M_DV1: set_g(&want, t, 3, r); break;
                        case M_DC1: set_g(&want, t, 1, r); break;
                        case M_T:
                        case M_TC1V2:
                        case M_TLIVE:
                        case M_PRESS:
                            want_out(t, 0, r);
                            want_probe_i32(t, r);
                            if (shape == M_TLIVE) {
                                for (int j = 0; j < 4; j++) {
                                    want_out(t, 1 + j, in[j]);
                                }
                            }
                            if (shape == M_PRESS) {
                                press_want();
                            }
                            break;
                        default: set_g(&want, t, 0, r); break;
                        }
                        WHAT("movcond %s %s, shape %s: c1=%#" PRIx64 " c2=%#" PRIx64 " v1=%#" PRIx64 " v2=%#" PRIx64
                             " (expect %#" PRIx64 ")",
                             tname(t), cond_name[cond], mshape_name[shape], c1, c2, v1, v2, r);
                        run(code);
                        state_check();
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* mulu2/muls2: (lo, hi) = a * b, with the outputs on top of the inputs. */
enum { D_GG, D_LOA, D_HIA, D_LOB, D_HIB, D_LOAHIB, D_LOBHIA, D_K2, D_K1, D_SAME, D_T, D_TLIVE, D_PRESS, D_NB };
static const char *const dshape_name[D_NB] = {
    "(g0,g3)=op(g1,g2)", "(g1,g3)=op(g1,g2)", "(g3,g1)=op(g1,g2)", "(g2,g3)=op(g1,g2)", "(g3,g2)=op(g1,g2)",
    "(g1,g2)=op(g1,g2)", "(g2,g1)=op(g1,g2)", "op(g1,K)", "op(K,g2)", "op(g1,g1)", "temps(dead)",
    "temps(live)", "pressure",
};

static void ref_mul2(bool sgn, IRType t, uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    if (t == IR_I32) {
        uint64_t p = sgn ? (uint64_t)((int64_t)(int32_t)a * (int64_t)(int32_t)b) : (uint64_t)(uint32_t)a * (uint32_t)b;
        *lo = (uint32_t)p;
        *hi = (uint32_t)(p >> 32);
    } else {
        unsigned __int128 p = sgn ? (unsigned __int128)((__int128)(int64_t)a * (__int128)(int64_t)b)
                                  : (unsigned __int128)a * b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)(p >> 64);
    }
}

START_TEST(test_int_mul2)
{
    test_begin(9);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        uint64_t ev[64];
        int ne = edges(t, ev);
        for (int sgn = 0; sgn < 2; sgn++) {
            IROpcode opc = sgn ? IR_muls2 : IR_mulu2;
            for (int shape = 0; shape < D_NB && nfail <= MAX_REPORTS; shape++) {
                int nprog = shape == D_K1 || shape == D_K2 ? ne : 1;
                for (int p = 0; p < nprog; p++) {
                    uint64_t k = ev[p];
                    IRTemp g0 = G(t, 0), g1 = G(t, 1), g2 = G(t, 2), g3 = G(t, 3), a, b, lo, hi;
                    prog_begin();
                    switch (shape) {
                    case D_GG: ir_emit(C, opc, t, 4, IR_A(g0, g3, g1, g2)); break;
                    case D_LOA: ir_emit(C, opc, t, 4, IR_A(g1, g3, g1, g2)); break;
                    case D_HIA: ir_emit(C, opc, t, 4, IR_A(g3, g1, g1, g2)); break;
                    case D_LOB: ir_emit(C, opc, t, 4, IR_A(g2, g3, g1, g2)); break;
                    case D_HIB: ir_emit(C, opc, t, 4, IR_A(g3, g2, g1, g2)); break;
                    case D_LOAHIB: ir_emit(C, opc, t, 4, IR_A(g1, g2, g1, g2)); break;
                    case D_LOBHIA: ir_emit(C, opc, t, 4, IR_A(g2, g1, g1, g2)); break;
                    case D_K2: ir_emit(C, opc, t, 4, IR_A(g0, g3, g1, K(t, k))); break;
                    case D_K1: ir_emit(C, opc, t, 4, IR_A(g0, g3, K(t, k), g2)); break;
                    case D_SAME: ir_emit(C, opc, t, 4, IR_A(g0, g3, g1, g1)); break;
                    default:
                        if (shape == D_PRESS) {
                            press_begin();
                        }
                        a = ld_in(t, 0);
                        b = ld_in(t, 1);
                        lo = ir_temp(C, t);
                        hi = ir_temp(C, t);
                        ir_emit(C, opc, t, 4, IR_A(lo, hi, a, b));
                        st_out(lo, 0);
                        st_out(hi, 1);
                        probe_i32(hi);
                        if (shape == D_TLIVE) {
                            st_out(a, 2);
                            st_out(b, 3);
                        }
                        if (shape == D_PRESS) {
                            press_end();
                        }
                        break;
                    }
                    void *code = prog_compile();
                    if (!code) {
                        continue;
                    }
                    for (int i = 0; i < 60; i++) {
                        uint64_t av = i < ne ? ev[i] : rnd_int(t), bv = i < ne ? ev[(i * 7) % ne] : rnd_int(t);
                        if (shape == D_K2) {
                            bv = k;
                        } else if (shape == D_K1) {
                            av = k;
                        } else if (shape == D_SAME) {
                            bv = av;
                        }
                        state_random();
                        set_g(&cpu, t, 1, av);
                        set_g(&cpu, t, 2, bv);
                        set_in(t, 0, av);
                        set_in(t, 1, bv);
                        want_begin();
                        uint64_t rl, rh;
                        ref_mul2(sgn, t, av, bv, &rl, &rh);
                        int lo_g = 0, hi_g = 3;
                        switch (shape) {
                        case D_LOA: lo_g = 1; break;
                        case D_HIA: lo_g = 3; hi_g = 1; break;
                        case D_LOB: lo_g = 2; break;
                        case D_HIB: lo_g = 3; hi_g = 2; break;
                        case D_LOAHIB: lo_g = 1; hi_g = 2; break;
                        case D_LOBHIA: lo_g = 2; hi_g = 1; break;
                        default: break;
                        }
                        if (shape >= D_T) {
                            want_out(t, 0, rl);
                            want_out(t, 1, rh);
                            want_probe_i32(t, rh);
                            if (shape == D_TLIVE) {
                                want_out(t, 2, av);
                                want_out(t, 3, bv);
                            }
                            if (shape == D_PRESS) {
                                press_want();
                            }
                        } else {
                            set_g(&want, t, lo_g, rl);
                            set_g(&want, t, hi_g, rh);
                        }
                        WHAT("%s %s, shape %s: a=%#" PRIx64 " b=%#" PRIx64 " (expect lo %#" PRIx64 " hi %#" PRIx64 ")",
                             ir_op_defs[opc].name, tname(t), dshape_name[shape], av, bv, rl, rh);
                        run(code);
                        state_check();
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Floating point: reference (x86 NaN rules made explicit) and values. */

static float u2f(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static uint32_t f2u(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
static double u2d(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}
static uint64_t d2u(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}
static bool fnan(IRType t, uint64_t u)
{
    return t == IR_F32 ? (u & 0x7fffffffu) > 0x7f800000u : (u & ~(1ull << 63)) > 0x7ff0000000000000ull;
}
static uint64_t fquiet(IRType t, uint64_t u) { return t == IR_F32 ? (u | 0x00400000u) : (u | 0x0008000000000000ull); }
static uint64_t fdefnan(IRType t) { return t == IR_F32 ? 0xffc00000u : 0xfff8000000000000ull; }
/* Both widths computed in double: exact for f32 inputs. */
static double fval(IRType t, uint64_t u) { return t == IR_F32 ? (double)u2f((uint32_t)u) : u2d(u); }

static const uint64_t fspec32[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001,
    0xff800001, 0x7fa00000, 0x7fc12345, 0xffd00001, 0x00000001, 0x007fffff, 0x80000001, 0x807fffff, 0x00800000,
    0x7f7fffff, 0xff7fffff, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4effffff, 0x4f000000,
    0xcf000000, 0xcf000001, 0x5effffff, 0x5f000000, 0xdf000000, 0xdf000001, 0x4f800000, 0x3eaaaaab, 0x40490fdb,
    0x4b000001, 0x4b7fffff,
};
static const uint64_t fspec64[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull,
    0xfff0000000000001ull, 0x7ff4000000000000ull, 0x7ff8000000012345ull, 0xfffc000000000001ull, 1,
    0x000fffffffffffffull, 0x8000000000000001ull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0xffefffffffffffffull, 0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0xc004000000000000ull, 0x41dfffffffc00000ull, 0x41dfffffffe00000ull,
    0x41e0000000000000ull, 0xc1e0000000000000ull, 0xc1e0000000200000ull, 0xc1e00000001fffffull,
    0x43dfffffffffffffull, 0x43e0000000000000ull, 0xc3e0000000000000ull, 0xc3e0000000000001ull,
    0x41f0000000000000ull, 0x3fd5555555555555ull, 0x400921fb54442d18ull, 0x4330000000000001ull,
    0x36a0000000000000ull, 0x47efffffe0000000ull, 0x47effffff0000000ull, 0x3810000000000000ull,
};

static int flt_specials(IRType t, uint64_t *out)
{
    const uint64_t *src = t == IR_F32 ? fspec32 : fspec64;
    int n = t == IR_F32 ? (int)ARRAY_LEN(fspec32) : (int)ARRAY_LEN(fspec64);
    memcpy(out, src, (size_t)n * sizeof(uint64_t));
    return n;
}

static uint64_t from_double(IRType t, double d) { return t == IR_F32 ? f2u((float)d) : d2u(d); }

static uint64_t rnd_flt(IRType t)
{
    uint64_t sign = rndn(2) ? (t == IR_F32 ? 0x80000000u : 1ull << 63) : 0;
    switch (rndn(7)) {
    case 0: return t == IR_F32 ? fspec32[rndn(ARRAY_LEN(fspec32))] : fspec64[rndn(ARRAY_LEN(fspec64))];
    case 1: return rnd() & tmask(t);
    case 2: return from_double(t, (double)((int64_t)rnd() >> rndn(64)) + 0.25 * rndn(4));
    case 3: {
        /* Near the limits of the integer conversions. */
        static const double lim[] = { 2147483648.0, 4294967296.0, 9223372036854775808.0, 18446744073709551616.0 };
        double v = lim[rndn(4)];
        uint64_t u = from_double(t, v) + (uint64_t)((int64_t)rndn(9) - 4);
        return u | sign;
    }
    case 4: /* denormal */
        return (t == IR_F32 ? (rnd() & 0x007fffffu) : (rnd() & 0x000fffffffffffffull)) | sign;
    case 5: /* NaN with a random payload */
        return (t == IR_F32 ? 0x7f800001u | (rnd() & 0x007fffffu) : 0x7ff0000000000001ull | (rnd() & 0x000fffffffffffffull)) |
               sign;
    default: /* a moderate normal number */
        if (t == IR_F32) {
            return (uint32_t)(((uint64_t)(127 - 30 + rndn(60)) << 23) | (rnd() & 0x007fffffu)) | (uint32_t)sign;
        }
        return ((uint64_t)(1023 - 60 + rndn(120)) << 52) | (rnd() & 0x000fffffffffffffull) | sign;
    }
}

/* Round a finite double to an integral value: 0 nearest-even, 1 floor,
 * 2 ceil, 3 trunc.  Done with integer arithmetic rather than libm: glibc
 * 2.36's floor(+0.0) returns -0.0 when the rounding mode is downward. */
static double round_int(double x, int m)
{
    if (x == 0 || fabs(x) >= 4503599627370496.0) {
        return x;
    }
    double t = (double)(int64_t)x, frac = x - t, r = t;
    switch (m) {
    case 1: r = frac < 0 ? t - 1 : t; break;
    case 2: r = frac > 0 ? t + 1 : t; break;
    case 3: break;
    default:
        if (fabs(frac) > 0.5 || (fabs(frac) == 0.5 && fmod(t, 2.0) != 0)) {
            r = t + (x < 0 ? -1 : 1);
        }
        break;
    }
    return r == 0 ? copysign(0.0, x) : r;
}

static int cur_round_mode(void)
{
    switch (cur_round) {
    case FE_DOWNWARD: return 1;
    case FE_UPWARD: return 2;
    case FE_TOWARDZERO: return 3;
    default: return 0;
    }
}

static uint64_t ref_fround(IRType t, uint64_t a, int mode)
{
    if (fnan(t, a)) {
        return fquiet(t, a);
    }
    int m = mode & 7;
    double r = round_int(fval(t, a), m == IR_FROUND_CUR ? cur_round_mode() : m);
    return t == IR_F32 ? f2u((float)r) : d2u(r);
}

static uint64_t ref_flt(const OpDesc *o, uint64_t a, uint64_t b)
{
    IRType t = o->tin;
    switch (o->opc) {
    case IR_bitcast: return a & tmask(t);
    case IR_fcvt:
        if (o->tout == IR_F64) {
            volatile float x = u2f((uint32_t)a);
            return d2u((double)x);
        } else {
            volatile double x = u2d(a);
            return f2u((float)x);
        }
    case IR_ftoi: {
        if (fnan(t, a)) {
            return o->tout == IR_I32 ? 0x80000000u : 0x8000000000000000ull;
        }
        volatile double v = fval(t, a);
        double r = round_int(v, o->k[0] == IR_FTOI_TRUNC ? 3 : cur_round_mode());
        if (o->tout == IR_I32) {
            return r < -2147483648.0 || r > 2147483647.0 ? 0x80000000u : (uint32_t)(int32_t)r;
        }
        return r < -9223372036854775808.0 || r >= 9223372036854775808.0 ? 0x8000000000000000ull
                                                                         : (uint64_t)(int64_t)r;
    }
    case IR_itof: {
        volatile uint64_t x = a;
        if (o->tout == IR_F32) {
            float r = t == IR_I64 ? (float)(int64_t)x : o->k[0] ? (float)(int32_t)(uint32_t)x : (float)(uint32_t)x;
            return f2u(r);
        }
        double r = t == IR_I64 ? (double)(int64_t)x : o->k[0] ? (double)(int32_t)(uint32_t)x : (double)(uint32_t)x;
        return d2u(r);
    }
    case IR_fcmp:
#ifdef ir_fcmpe
    case IR_fcmpe:
#endif
    {
        double x = fval(t, a), y = fval(t, b);
        return isunordered(x, y) ? IR_FCMP_UN : x < y ? IR_FCMP_LT : x == y ? IR_FCMP_EQ : IR_FCMP_GT;
    }
    case IR_fround: return ref_fround(t, a, (int)o->k[0]);
    case IR_fmin: return fval(t, a) < fval(t, b) ? a : b;
    case IR_fmax: return fval(t, a) > fval(t, b) ? a : b;
    case IR_fabs:
        if (t == IR_F32) {
            volatile float x = u2f((uint32_t)a);
            return f2u(fabsf(x));
        } else {
            volatile double x = u2d(a);
            return d2u(fabs(x));
        }
    case IR_fneg:
        if (t == IR_F32) {
            volatile float x = u2f((uint32_t)a);
            return f2u(-x);
        } else {
            volatile double x = u2d(a);
            return d2u(-x);
        }
    default: break;
    }
    /* Arithmetic: a NaN operand propagates quietened, the first one first
     * (x86's choice); an invalid operation gives the default NaN. */
    if (fnan(t, a)) {
        return fquiet(t, a);
    }
    bool unary = o->opc == IR_fsqrt;
    if (!unary && fnan(t, b)) {
        return fquiet(t, b);
    }
    uint64_t r;
    if (t == IR_F32) {
        volatile float x = u2f((uint32_t)a), y = u2f((uint32_t)b);
        float z;
        switch (o->opc) {
        case IR_fadd: z = x + y; break;
        case IR_fsub: z = x - y; break;
        case IR_fmul: z = x * y; break;
        case IR_fdiv: z = x / y; break;
        case IR_fsqrt: z = sqrtf(x); break;
        default: ck_abort_msg("ref_flt: op %s", ir_op_defs[o->opc].name); z = 0;
        }
        r = f2u(z);
    } else {
        volatile double x = u2d(a), y = u2d(b);
        double z;
        switch (o->opc) {
        case IR_fadd: z = x + y; break;
        case IR_fsub: z = x - y; break;
        case IR_fmul: z = x * y; break;
        case IR_fdiv: z = x / y; break;
        case IR_fsqrt: z = sqrt(x); break;
        default: ck_abort_msg("ref_flt: op %s", ir_op_defs[o->opc].name); z = 0;
        }
        r = d2u(z);
    }
    return fnan(t, r) ? fdefnan(t) : r;
}

static const IRType flt_types[] = { IR_F32, IR_F64 };

START_TEST(test_flt_arith)
{
    static const IROpcode ops[] = { IR_fadd, IR_fsub, IR_fmul, IR_fdiv, IR_fmin, IR_fmax };
    test_begin(20);
    for (size_t t = 0; t < ARRAY_LEN(flt_types); t++) {
        for (size_t i = 0; i < ARRAY_LEN(ops) && nfail <= MAX_REPORTS; i++) {
            OpDesc o = opd(ops[i], flt_types[t], flt_types[t]);
            test_bin_op(&o);
        }
    }
    test_end();
}
END_TEST

START_TEST(test_flt_unary)
{
    static const IROpcode ops[] = { IR_fsqrt, IR_fabs, IR_fneg };
    static const int modes[] = {
        IR_FROUND_NEAREST, IR_FROUND_FLOOR, IR_FROUND_CEIL, IR_FROUND_TRUNC, IR_FROUND_CUR,
        IR_FROUND_NEAREST | IR_FROUND_QUIET, IR_FROUND_FLOOR | IR_FROUND_QUIET, IR_FROUND_CEIL | IR_FROUND_QUIET,
        IR_FROUND_TRUNC | IR_FROUND_QUIET, IR_FROUND_CUR | IR_FROUND_QUIET,
    };
    test_begin(21);
    for (size_t t = 0; t < ARRAY_LEN(flt_types); t++) {
        for (size_t i = 0; i < ARRAY_LEN(ops) && nfail <= MAX_REPORTS; i++) {
            OpDesc o = opd(ops[i], flt_types[t], flt_types[t]);
            test_un_op(&o, 200);
        }
        for (size_t m = 0; m < ARRAY_LEN(modes) && nfail <= MAX_REPORTS; m++) {
            OpDesc o = opd(IR_fround, flt_types[t], flt_types[t]);
            o.nk = 1;
            o.k[0] = (uint64_t)modes[m];
            test_un_op(&o, 200);
        }
    }
    test_end();
}
END_TEST

START_TEST(test_flt_conv)
{
    test_begin(22);
    OpDesc o = opd(IR_fcvt, IR_F64, IR_F32);
    test_un_op(&o, 200);
    o = opd(IR_fcvt, IR_F32, IR_F64);
    test_un_op(&o, 200);
    for (size_t t = 0; t < ARRAY_LEN(flt_types); t++) {
        for (size_t it = 0; it < ARRAY_LEN(int_types); it++) {
            for (int mode = 0; mode < 2; mode++) {
                o = opd(IR_ftoi, int_types[it], flt_types[t]);
                o.top = flt_types[t];
                o.nk = 1;
                o.k[0] = (uint64_t)(mode ? IR_FTOI_CUR : IR_FTOI_TRUNC);
                test_un_op(&o, 200);
            }
            for (int sgn = 1; sgn >= (int_types[it] == IR_I32 ? 0 : 1); sgn--) {
                o = opd(IR_itof, flt_types[t], int_types[it]);
                o.nk = 1;
                o.k[0] = (uint64_t)sgn;
                test_un_op(&o, 200);
            }
        }
    }
    static const IRType pairs[4][2] = { { IR_I32, IR_F32 }, { IR_F32, IR_I32 }, { IR_I64, IR_F64 }, { IR_F64, IR_I64 } };
    for (int i = 0; i < 4; i++) {
        o = opd(IR_bitcast, pairs[i][0], pairs[i][1]);
        test_un_op(&o, 100);
    }
    test_end();
}
END_TEST

START_TEST(test_flt_cmp)
{
    test_begin(23);
    for (size_t t = 0; t < ARRAY_LEN(flt_types); t++) {
        OpDesc o = opd(IR_fcmp, IR_I32, flt_types[t]);
        o.top = flt_types[t];
        test_bin_op(&o);
#ifdef ir_fcmpe
        o.opc = IR_fcmpe;
        test_bin_op(&o);
#endif
    }
    /* Exceptions: fcmp raises invalid only for a signalling NaN, fcmpe for
     * any NaN. */
    for (size_t t = 0; t < ARRAY_LEN(flt_types); t++) {
        IRType ft = flt_types[t];
        for (int e = 0; e < 2; e++) {
#ifndef ir_fcmpe
            if (e) {
                break;
            }
#endif
            prog_begin();
            ir_emit(C, e ? IR_fcmp + 1 : IR_fcmp, ft, 3, IR_A(W[0], G(ft, 1), G(ft, 2)));
            void *code = prog_compile();
            uint64_t vals[4] = { from_double(ft, 1.0), ft == IR_F32 ? 0x7fc00000u : 0x7ff8000000000000ull,
                                 ft == IR_F32 ? 0x7f800001u : 0x7ff0000000000001ull, from_double(ft, -2.0) };
            for (int i = 0; code && i < 16; i++) {
                uint64_t a = vals[i / 4], b = vals[i % 4];
                state_random();
                set_g(&cpu, ft, 1, a);
                set_g(&cpu, ft, 2, b);
                want_begin();
                OpDesc o = opd(IR_fcmp, IR_I32, ft);
                want.w[0] = (uint32_t)ref_flt(&o, a, b);
                bool snan = (fnan(ft, a) && !(fquiet(ft, a) == a)) || (fnan(ft, b) && !(fquiet(ft, b) == b));
                bool inv_want = e ? fnan(ft, a) || fnan(ft, b) : snan;
                WHAT("%s %s a=%#" PRIx64 " b=%#" PRIx64, e ? "fcmpe" : "fcmp", tname(ft), a, b);
                feclearexcept(FE_ALL_EXCEPT);
                run(code);
                bool inv = fetestexcept(FE_INVALID) != 0;
                state_check();
                if (inv != inv_want) {
                    failf("invalid exception %s, want %s", inv ? "raised" : "not raised", inv_want ? "raised" : "not");
                }
            }
        }
    }
    test_end();
}
END_TEST

/* fma: a * b + c with one rounding.  With a NaN operand x86 returns one of
 * them quietened, but which one depends on the form (vfmadd231 prefers the
 * addend, libm's fma the product operands), so any of them is accepted. */
enum { FM_GG, FM_DA, FM_DB, FM_DC, FM_SAME, FM_KC, FM_KA, FM_T, FM_TLIVE, FM_PRESS, FM_NB };
static const char *const fmshape_name[FM_NB] = {
    "g0=fma(g1,g2,g3)", "g1=fma(g1,g2,g3)", "g2=fma(g1,g2,g3)", "g3=fma(g1,g2,g3)", "g0=fma(g1,g1,g1)",
    "g0=fma(g1,g2,K)", "g0=fma(K,g2,g3)", "temps(dead)", "temps(live)", "pressure",
};

static uint64_t ref_fma(IRType t, uint64_t a, uint64_t b, uint64_t c)
{
    if (t == IR_F32) {
        volatile float x = u2f((uint32_t)a), y = u2f((uint32_t)b), z = u2f((uint32_t)c);
        return f2u(fmaf(x, y, z));
    }
    volatile double x = u2d(a), y = u2d(b), z = u2d(c);
    return d2u(fma(x, y, z));
}

START_TEST(test_flt_fma)
{
    test_begin(24);
    for (size_t ti = 0; ti < ARRAY_LEN(flt_types); ti++) {
        IRType t = flt_types[ti];
        uint64_t sp[64];
        int ns = flt_specials(t, sp);
        for (int shape = 0; shape < FM_NB && nfail <= MAX_REPORTS; shape++) {
            int nprog = shape == FM_KC || shape == FM_KA ? 8 : 1;
            for (int p = 0; p < nprog; p++) {
                OpDesc od = opd(IR_fma, t, t);
                pick_round(&od);
                uint64_t k = p < 4 ? sp[rndn((unsigned)ns)] : rnd_flt(t);
                IRTemp g0 = G(t, 0), g1 = G(t, 1), g2 = G(t, 2), g3 = G(t, 3), a, b, c, r;
                prog_begin();
                switch (shape) {
                case FM_GG: ir_fma(C, g0, g1, g2, g3); break;
                case FM_DA: ir_fma(C, g1, g1, g2, g3); break;
                case FM_DB: ir_fma(C, g2, g1, g2, g3); break;
                case FM_DC: ir_fma(C, g3, g1, g2, g3); break;
                case FM_SAME: ir_fma(C, g0, g1, g1, g1); break;
                case FM_KC: ir_fma(C, g0, g1, g2, K(t, k)); break;
                case FM_KA: ir_fma(C, g0, K(t, k), g2, g3); break;
                default:
                    if (shape == FM_PRESS) {
                        press_begin();
                    }
                    a = ld_in(t, 0);
                    b = ld_in(t, 1);
                    c = ld_in(t, 2);
                    r = ir_temp(C, t);
                    ir_fma(C, r, a, b, c);
                    st_out(r, 0);
                    if (shape == FM_TLIVE) {
                        st_out(a, 1);
                        st_out(b, 2);
                        st_out(c, 3);
                    }
                    if (shape == FM_PRESS) {
                        press_end();
                    }
                    break;
                }
                void *code = prog_compile();
                for (int i = 0; code && i < 300; i++) {
                    uint64_t in[3];
                    for (int j = 0; j < 3; j++) {
                        in[j] = rndn(3) == 0 ? sp[rndn((unsigned)ns)] : rnd_flt(t);
                    }
                    if (rndn(4) == 0) {
                        /* Make the sum cancel: c = -(a*b) rounded. */
                        double prod = fval(t, in[0]) * fval(t, in[1]);
                        in[2] = from_double(t, -prod);
                    }
                    state_random();
                    for (int j = 0; j < 3; j++) {
                        set_g(&cpu, t, 1 + j, in[j]);
                        set_in(t, j, in[j]);
                    }
                    want_begin();
                    uint64_t A = in[0], B = in[1], Cc = in[2];
                    if (shape == FM_SAME) {
                        B = Cc = A;
                    } else if (shape == FM_KC) {
                        Cc = k;
                    } else if (shape == FM_KA) {
                        A = k;
                    }
                    fesetround(cur_round);
                    uint64_t rr = ref_fma(t, A, B, Cc);
                    int dst = shape == FM_DA ? 1 : shape == FM_DB ? 2 : shape == FM_DC ? 3 : 0;
                    WHAT("fma %s, shape %s: a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64 " (expect %#" PRIx64 ")%s",
                         tname(t), fmshape_name[shape], A, B, Cc, rr, round_name());
                    run(code);
                    fesetround(FE_TONEAREST);
                    uint64_t got = shape >= FM_T ? (t == IR_F32 ? (uint32_t)cpu.out[0] : cpu.out[0])
                                                 : (t == IR_F32 ? cpu.f[dst] : cpu.d[dst]);
                    bool anynan = fnan(t, A) || fnan(t, B) || fnan(t, Cc);
                    if (anynan && (got == fquiet(t, A) || got == fquiet(t, B) || got == fquiet(t, Cc)) && fnan(t, got)) {
                        rr = got;   /* one of the NaN operands: accepted */
                    }
                    if (shape >= FM_T) {
                        want_out(t, 0, rr);
                        if (shape == FM_TLIVE) {
                            for (int j = 0; j < 3; j++) {
                                want_out(t, 1 + j, in[j]);
                            }
                        }
                        if (shape == FM_PRESS) {
                            press_want();
                        }
                    } else {
                        set_g(&want, t, dst, rr);
                    }
                    state_check();
                }
            }
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Guest memory: ld/st of every size, sign and byte order; cmpxchg. */

static uint64_t mem_get(uint32_t ga, int mo, IRType t)
{
    int n = 1 << (mo & IR_MO_SIZE);
    uint8_t *p = shadow(ga);
    uint64_t v = 0;
    for (int i = 0; i < n; i++) {
        int j = mo & IR_MO_BSWAP ? i : n - 1 - i;
        v = (v << 8) | p[j];
    }
    if ((mo & IR_MO_SIGN) && n < 8) {
        v = (uint64_t)((int64_t)(v << (64 - 8 * n)) >> (64 - 8 * n));
    }
    return v & tmask(t);
}

static void mem_put(uint32_t ga, int mo, uint64_t v)
{
    int n = 1 << (mo & IR_MO_SIZE);
    uint8_t *p = shadow(ga);
    for (int i = 0; i < n; i++) {
        int j = mo & IR_MO_BSWAP ? n - 1 - i : i;
        p[j] = (uint8_t)(v >> (8 * i));
    }
}

static void mo_name(char *buf, size_t n, int mo)
{
    snprintf(buf, n, "%s%d%s", mo & IR_MO_SIGN ? "s" : "u", 8 << (mo & IR_MO_SIZE), mo & IR_MO_BSWAP ? "_bs" : "");
}

/* Address shapes: where the address comes from and the constant offset. */
enum {
    A_K,            /* constant address below 2^31 (absolute disp32) */
    A_KOFF,         /* constant address + offset */
    A_KHI,          /* constant address above 2^31 (through the scratch register) */
    A_KWRAP,        /* constant address + offset wrapping modulo 2^32 */
    A_G,            /* global address, offset 0 */
    A_GPOS,         /* global + small positive offset */
    A_GNEG,         /* global + small negative offset */
    A_GBIG,         /* global + offset beyond the guard (lea into scratch) */
    A_GNEGBIG,      /* global + large negative offset */
    A_GWRAP,        /* global + 0x80000000: the sum wraps */
    A_T,            /* temp address, dies */
    A_TLIVE,        /* temp address, lives on */
    A_TSELF,        /* ld: the result overwrites the address temp */
    A_PRESS,        /* every register busy */
    A_PRESSBIG,     /* every register busy, large offset */
    A_NB
};
static const char *const ashape_name[A_NB] = {
    "const", "const+off", "const>=2^31", "const+off wraps", "global", "global+0x7f0", "global-0x400",
    "global+0x12345", "global-0x23456", "global+0x80000000", "temp", "temp(live)", "temp=ld(temp)",
    "pressure", "pressure+0x12345",
};
static const uint32_t ashape_off[A_NB] = {
    0, 0x40, 0, 0x80000000u, 0, 0x7f0, (uint32_t)-0x400, 0x12345, (uint32_t)-0x23456, 0x80000000u, 0x10,
    (uint32_t)-8, 0x20, 0x30, 0x12345,
};

static bool ashape_const(int as) { return as <= A_KWRAP; }
static bool ashape_global(int as) { return as >= A_G && as <= A_GWRAP; }
static bool ashape_press(int as) { return as == A_PRESS || as == A_PRESSBIG; }

/* A random target address in one of the test pages with room for n bytes. */
static uint32_t rnd_target(int as, int n)
{
    uint32_t base = as == A_KHI ? MEM_HI : rndn(2) ? MEM_HI : MEM_LO;
    return base + rndn(MEM_SIZE - (unsigned)n + 1);
}

/* The address operand of a shape (for constant shapes, of address av). */
static IRTemp addr_operand(int as, uint32_t av)
{
    if (ashape_const(as)) {
        return K(IR_I32, av);
    }
    if (ashape_global(as)) {
        return W[1];
    }
    return ld_in(IR_I32, 0);
}

static void set_addr(int as, uint32_t av)
{
    set_g(&cpu, IR_I32, 1, av);
    set_in(IR_I32, 0, av);
}

START_TEST(test_mem_ld)
{
    test_begin(30);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        for (int size = 0; size <= (t == IR_I64 ? 3 : 2); size++) {
            for (int flags = 0; flags < 4; flags++) {
                int mo = size | (flags & 1 ? IR_MO_SIGN : 0) | (flags & 2 ? IR_MO_BSWAP : 0);
                if (size == 3 && (mo & IR_MO_SIGN)) {
                    continue;
                }
                char mon[16];
                mo_name(mon, sizeof(mon), mo);
                for (int as = 0; as < A_NB && nfail <= MAX_REPORTS; as++) {
                    if (as == A_TSELF && t != IR_I32) {
                        continue;
                    }
                    int nprog = ashape_const(as) ? 6 : 1;
                    for (int p = 0; p < nprog; p++) {
                        uint32_t off = ashape_off[as];
                        uint32_t tgt = rnd_target(as, 8);
                        uint32_t cav = tgt - off;
                        prog_begin();
                        if (ashape_press(as)) {
                            press_begin();
                        }
                        IRTemp a = addr_operand(as, cav), r;
                        if (as == A_TSELF) {
                            ir_ld(C, a, a, off, mo);
                            st_out(a, 0);
                        } else {
                            r = ashape_global(as) ? G(t, 0) : ir_temp(C, t);
                            ir_ld(C, r, a, off, mo);
                            if (!ashape_global(as)) {
                                st_out(r, 0);
                                probe_i32(r);
                            }
                            if (as == A_TLIVE) {
                                st_out(a, 1);
                            }
                        }
                        if (ashape_press(as)) {
                            press_end();
                        }
                        void *code = prog_compile();
                        for (int i = 0; code && i < 12; i++) {
                            if (!ashape_const(as)) {
                                tgt = rnd_target(as, 8);
                            }
                            uint32_t av = tgt - off;
                            state_random();
                            mem_random();
                            set_addr(as, av);
                            want_begin();
                            uint64_t v = mem_get(tgt, mo, t);
                            if (ashape_global(as)) {
                                set_g(&want, t, 0, v);
                            } else {
                                want_out(as == A_TSELF ? IR_I32 : t, 0, v);
                                if (as != A_TSELF) {
                                    want_probe_i32(t, v);
                                }
                            }
                            if (as == A_TLIVE) {
                                want_out(IR_I32, 1, av);
                            }
                            if (ashape_press(as)) {
                                press_want();
                            }
                            WHAT("ld %s %s, address %s: addr=%#x off=%#x -> %#x (expect %#" PRIx64 ")", tname(t), mon,
                                 ashape_name[as], av, off, tgt, v);
                            run(code);
                            state_check();
                        }
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* Store value shapes. */
enum { SV_G, SV_K, SV_T, SV_TLIVE, SV_ADDR, SV_NB };
static const char *const svshape_name[SV_NB] = { "global", "const", "temp", "temp(live)", "the address" };

START_TEST(test_mem_st)
{
    test_begin(31);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        uint64_t ev[64];
        int ne = edges(t, ev);
        for (int size = 0; size <= (t == IR_I64 ? 3 : 2); size++) {
            for (int bs = 0; bs < 2; bs++) {
                int mo = size | (bs ? IR_MO_BSWAP : 0);
                char mon[16];
                mo_name(mon, sizeof(mon), mo);
                for (int as = 0; as < A_NB && nfail <= MAX_REPORTS; as++) {
                    if (as == A_TSELF) {
                        continue;
                    }
                    for (int vs = 0; vs < SV_NB; vs++) {
                        if (vs == SV_ADDR && (t != IR_I32 || ashape_const(as))) {
                            continue;
                        }
                        /* Every value shape with a few address shapes, every
                         * address shape with a global value. */
                        if (vs != SV_G && !(as == A_K || as == A_KHI || as == A_G || as == A_GBIG || as == A_T ||
                                            as == A_PRESS || as == A_PRESSBIG)) {
                            continue;
                        }
                        int nprog = vs == SV_K ? 8 : ashape_const(as) ? 3 : 1;
                        for (int p = 0; p < nprog; p++) {
                            uint32_t off = ashape_off[as];
                            uint32_t tgt = rnd_target(as, 8);
                            uint64_t k = p < 4 ? ev[rndn((unsigned)ne)] : rnd_int(t);
                            prog_begin();
                            if (ashape_press(as)) {
                                press_begin();
                            }
                            IRTemp a = addr_operand(as, tgt - off), v;
                            switch (vs) {
                            case SV_G: v = G(t, 2); break;
                            case SV_K: v = K(t, k); break;
                            case SV_ADDR: v = a; break;
                            default: v = ld_in(t, 1); break;
                            }
                            ir_st(C, v, a, off, mo);
                            if (vs == SV_TLIVE) {
                                st_out(v, 2);
                            }
                            if (as == A_TLIVE) {
                                st_out(a, 3);
                            }
                            if (ashape_press(as)) {
                                press_end();
                            }
                            void *code = prog_compile();
                            for (int i = 0; code && i < 10; i++) {
                                if (!ashape_const(as)) {
                                    tgt = rnd_target(as, 8);
                                }
                                uint32_t av = tgt - off;
                                uint64_t val = vs == SV_K ? k : vs == SV_ADDR ? av : rnd_int(t);
                                state_random();
                                mem_random();
                                set_addr(as, av);
                                set_g(&cpu, t, 2, val);
                                set_in(t, 1, val);
                                want_begin();
                                mem_put(tgt, mo, val);
                                if (vs == SV_TLIVE) {
                                    want_out(t, 2, val);
                                }
                                if (as == A_TLIVE) {
                                    want_out(IR_I32, 3, av);
                                }
                                if (ashape_press(as)) {
                                    press_want();
                                }
                                WHAT("st %s %s, address %s, value %s: addr=%#x off=%#x -> %#x value %#" PRIx64, tname(t),
                                     mon, ashape_name[as], svshape_name[vs], av, off, tgt, val);
                                run(code);
                                state_check();
                            }
                        }
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* Float and vector loads and stores (and their byte-swapped forms). */
START_TEST(test_mem_x)
{
    static const IRType xt[] = { IR_F32, IR_F64, IR_V128 };
    test_begin(32);
    for (size_t ti = 0; ti < ARRAY_LEN(xt); ti++) {
        IRType t = xt[ti];
        int n = t == IR_F32 ? 4 : t == IR_F64 ? 8 : 16;
        for (int bs = 0; bs < (t == IR_V128 ? 1 : 2); bs++) {
            int mo = mo_of(t) | (bs ? IR_MO_BSWAP : 0);
            for (int st = 0; st < 2; st++) {
                for (int as = 0; as < A_NB && nfail <= MAX_REPORTS; as++) {
                    if (as == A_TSELF) {
                        continue;
                    }
                    for (int glob = 0; glob < 2; glob++) {
                        uint32_t off = ashape_off[as];
                        uint32_t tgt = rnd_target(as, 16);
                        prog_begin();
                        if (ashape_press(as)) {
                            press_begin();
                        }
                        IRTemp a = addr_operand(as, tgt - off);
                        IRTemp v = glob ? G(t, 1) : st ? ld_in(t, 1) : ir_temp(C, t);
                        if (st) {
                            ir_st(C, v, a, off, mo);
                        } else {
                            ir_ld(C, v, a, off, mo);
                            if (!glob) {
                                st_out(v, 2);
                            }
                        }
                        if (as == A_TLIVE) {
                            st_out(a, 3);
                        }
                        if (ashape_press(as)) {
                            press_end();
                        }
                        void *code = prog_compile();
                        for (int i = 0; code && i < 8; i++) {
                            if (!ashape_const(as)) {
                                tgt = rnd_target(as, 16);
                            }
                            uint32_t av = tgt - off;
                            state_random();
                            mem_random();
                            set_addr(as, av);
                            uint8_t val[16], *slot;
                            for (int j = 0; j < 16; j++) {
                                val[j] = (uint8_t)rnd();
                            }
                            if (glob) {
                                slot = t == IR_F32 ? (uint8_t *)&cpu.f[1] : t == IR_F64 ? (uint8_t *)&cpu.d[1] : cpu.v[1];
                            } else {
                                slot = t == IR_V128 ? cpu.vin[1] : (uint8_t *)&cpu.in[1];
                            }
                            if (st) {
                                memcpy(slot, val, (size_t)n);
                            }
                            want_begin();
                            uint8_t *ws = glob ? (t == IR_F32   ? (uint8_t *)&want.f[1]
                                                  : t == IR_F64 ? (uint8_t *)&want.d[1]
                                                                : want.v[1])
                                               : (t == IR_V128 ? want.vout[2] : (uint8_t *)&want.out[2]);
                            uint8_t *m = shadow(tgt);
                            for (int j = 0; j < n; j++) {
                                int k = bs ? n - 1 - j : j;
                                if (st) {
                                    m[k] = val[j];
                                } else {
                                    ws[j] = m[k];
                                }
                            }
                            if (as == A_TLIVE) {
                                want_out(IR_I32, 3, av);
                            }
                            if (ashape_press(as)) {
                                press_want();
                            }
                            WHAT("%s %s%s, address %s, value %s: addr=%#x off=%#x -> %#x", st ? "st" : "ld", tname(t),
                                 bs ? " bswap" : "", ashape_name[as], glob ? "global" : "temp", av, off, tgt);
                            run(code);
                            state_check();
                        }
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* cmpxchg: success and failure for every size, with its operands in every
 * arrangement. */
enum { X_G, X_T, X_TLIVE, X_KEXP, X_KNEW, X_SAME, X_BIGOFF, X_PRESS, X_NB };
static const char *const xshape_name[X_NB] = {
    "globals", "temps(dead)", "temps(live)", "expected=K", "new=K", "expected==new", "offset 0x12345", "pressure",
};

START_TEST(test_mem_cmpxchg)
{
    test_begin(33);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        for (int size = 0; size <= (t == IR_I64 ? 3 : 2); size++) {
            for (int bs = 0; bs < 2; bs++) {
                int mo = size | (bs ? IR_MO_BSWAP : 0);
                int nbytes = 1 << size;
                uint64_t smask = size == 3 ? ~0ull : (1ull << (8 * nbytes)) - 1;
                char mon[16];
                mo_name(mon, sizeof(mon), mo);
                for (int xs = 0; xs < X_NB && nfail <= MAX_REPORTS; xs++) {
                    int nprog = xs == X_KEXP || xs == X_KNEW ? 4 : 1;
                    for (int p = 0; p < nprog; p++) {
                        uint32_t off = xs == X_BIGOFF ? 0x12345 : xs == X_T ? 4 : 0;
                        uint64_t k = rnd_int(t) & smask;
                        /* A fixed target for constant expected values, so
                         * both outcomes happen. */
                        uint32_t ktgt = (rndn(2) ? MEM_HI : MEM_LO) + (rndn(MEM_SIZE / 8) * 8);
                        prog_begin();
                        if (xs == X_PRESS) {
                            press_begin();
                        }
                        IRTemp a, e, nv, r;
                        if (xs == X_G || xs == X_BIGOFF) {
                            a = W[1];
                            e = G(t, 2);
                            nv = G(t, 3);
                            r = G(t, 0);
                        } else {
                            a = ld_in(IR_I32, 0);
                            e = xs == X_KEXP ? K(t, k) : ld_in(t, 1);
                            nv = xs == X_KNEW ? K(t, k) : xs == X_SAME ? e : ld_in(t, 2);
                            r = ir_temp(C, t);
                        }
                        ir_cmpxchg(C, r, a, e, nv, off, mo);
                        if (!(xs == X_G || xs == X_BIGOFF)) {
                            st_out(r, 0);
                            probe_i32(r);
                        }
                        if (xs == X_TLIVE) {
                            st_out(a, 1);
                            st_out(e, 2);
                            st_out(nv, 3);
                        }
                        if (xs == X_PRESS) {
                            press_end();
                        }
                        void *code = prog_compile();
                        for (int i = 0; code && i < 16; i++) {
                            uint32_t tgt = xs == X_KEXP ? ktgt : (rndn(2) ? MEM_HI : MEM_LO) + (rndn(MEM_SIZE / 8) * 8);
                            uint32_t av = tgt - off;
                            state_random();
                            mem_random();
                            uint64_t old = mem_get(tgt, mo, t);
                            bool succeed = i & 1;
                            uint64_t ev = succeed ? old : (old ^ (1ull << rndn(8 * (unsigned)nbytes))) & smask;
                            uint64_t newv = rnd_int(t);
                            if (xs == X_KEXP) {
                                ev = k;
                                if (succeed) {
                                    mem_put(tgt, mo, k);    /* make it match */
                                    memcpy(g2h(tgt), shadow(tgt), (size_t)nbytes);
                                    old = k;
                                }
                            }
                            if (xs == X_KNEW) {
                                newv = k;
                            }
                            if (xs == X_SAME) {
                                newv = ev;
                            }
                            set_addr(0, av);
                            set_g(&cpu, t, 2, ev);
                            set_g(&cpu, t, 3, newv);
                            set_in(t, 1, ev);
                            set_in(t, 2, newv);
                            want_begin();
                            bool ok = old == (ev & tmask(t));
                            if (ok) {
                                mem_put(tgt, mo, newv);
                            }
                            if (xs == X_G || xs == X_BIGOFF) {
                                set_g(&want, t, 0, old);
                            } else {
                                want_out(t, 0, old);
                                want_probe_i32(t, old);
                            }
                            if (xs == X_TLIVE) {
                                want_out(IR_I32, 1, av);
                                want_out(t, 2, ev);
                                want_out(t, 3, newv);
                            }
                            if (xs == X_PRESS) {
                                press_want();
                            }
                            WHAT("cmpxchg %s %s, shape %s: addr=%#x off=%#x -> %#x old=%#" PRIx64 " expected=%#" PRIx64
                                 " new=%#" PRIx64 " (%s)",
                                 tname(t), mon, xshape_name[xs], av, off, tgt, old, ev, newv, ok ? "succeeds" : "fails");
                            run(code);
                            state_check();
                        }
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Vectors: lane-by-lane reference. */

static uint64_t lane_get(const uint8_t *v, int es, int i)
{
    uint64_t x = 0;
    memcpy(&x, v + (i << es), (size_t)1 << es);
    return x;
}

static void lane_set(uint8_t *v, int es, int i, uint64_t x) { memcpy(v + (i << es), &x, (size_t)1 << es); }

static int64_t lane_sext(uint64_t x, int es)
{
    int bits = 8 << es;
    return bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

static void ref_vec(IROpcode opc, int es, int cnt, const uint8_t *a, const uint8_t *b, uint8_t *r)
{
    int n = 16 >> es, bits = 8 << es;
    uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
    for (int i = 0; i < n; i++) {
        uint64_t x = lane_get(a, es, i), y = b ? lane_get(b, es, i) : 0, z;
        int64_t sx = lane_sext(x, es), sy = lane_sext(y, es);
        switch (opc) {
        case IR_vand: z = x & y; break;
        case IR_vor: z = x | y; break;
        case IR_vxor: z = x ^ y; break;
        case IR_vandc: z = x & ~y; break;
        case IR_vadd: z = x + y; break;
        case IR_vsub: z = x - y; break;
        case IR_vmul: z = x * y; break;
        case IR_vcmpeq: z = x == y ? m : 0; break;
        case IR_vcmpgt: z = sx > sy ? m : 0; break;
        case IR_vmins: z = sx < sy ? x : y; break;
        case IR_vmaxs: z = sx > sy ? x : y; break;
        case IR_vminu: z = x < y ? x : y; break;
        case IR_vmaxu: z = x > y ? x : y; break;
        case IR_vshli: z = x << cnt; break;
        case IR_vshri: z = x >> cnt; break;
        case IR_vsari: z = (uint64_t)(sx >> cnt); break;
        default: ck_abort_msg("ref_vec: op %s", ir_op_defs[opc].name); z = 0;
        }
        lane_set(r, es, i, z & m);
    }
}

static void rnd_vec(uint8_t *v, int es)
{
    int n = 16 >> es, bits = 8 << es;
    uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
    for (int i = 0; i < n; i++) {
        uint64_t x;
        switch (rndn(6)) {
        case 0: x = 0; break;
        case 1: x = m; break;
        case 2: x = m >> 1; break;             /* signed max */
        case 3: x = (m >> 1) + 1; break;       /* signed min */
        case 4: x = rndn(3); break;
        default: x = rnd(); break;
        }
        lane_set(v, es, i, x & m);
    }
}

static void vec_str(char *buf, size_t n, const uint8_t *v)
{
    print_bytes(buf, n, v, 16);
}

/* Binary vector shapes. */
enum { VB_GG, VB_DA, VB_DB, VB_SAME, VB_TT, VB_TTLIVE, VB_KZ, VB_ZK, VB_PRESS, VB_NB };
static const char *const vbshape_name[VB_NB] = {
    "V0=op(V1,V2)", "V1=op(V1,V2)", "V2=op(V1,V2)", "V0=op(V1,V1)", "temps(dead)", "temps(live)", "op(V1,zero)",
    "op(zero,V2)", "pressure",
};

static void test_vec_bin(IROpcode opc, int es, bool has_es)
{
    for (int shape = 0; shape < VB_NB && nfail <= MAX_REPORTS; shape++) {
        IRTemp a, b, r, z;
        prog_begin();
        z = K(IR_V128, 0);      /* the only vector constant there is */
        uint64_t args[4];
        int n = 0;
        IRTemp d = V[0], x = V[1], y = V[2];
        switch (shape) {
        case VB_DA: d = V[1]; break;
        case VB_DB: d = V[2]; break;
        case VB_SAME: y = V[1]; break;
        case VB_KZ: y = z; break;
        case VB_ZK: x = z; break;
        default: break;
        }
        if (shape == VB_TT || shape == VB_TTLIVE || shape == VB_PRESS) {
            if (shape == VB_PRESS) {
                press_begin();
            }
            a = ld_in(IR_V128, 0);
            b = ld_in(IR_V128, 1);
            r = ir_temp(C, IR_V128);
            d = r;
            x = a;
            y = b;
        }
        args[n++] = d;
        args[n++] = x;
        args[n++] = y;
        if (has_es) {
            args[n++] = (uint64_t)es;
        }
        ir_emit(C, opc, IR_V128, n, args);
        if (shape == VB_TT || shape == VB_TTLIVE || shape == VB_PRESS) {
            st_out(d, 2);
            if (shape == VB_TTLIVE) {
                st_out(x, 3);
                st_out(y, 4);
            }
            if (shape == VB_PRESS) {
                press_end();
            }
        }
        void *code = prog_compile();
        for (int i = 0; code && i < 40; i++) {
            uint8_t va[16], vb[16], vr[16];
            rnd_vec(va, es);
            rnd_vec(vb, es);
            if (rndn(4) == 0) {
                /* Some equal lanes. */
                for (int l = 0; l < (16 >> es); l++) {
                    if (rndn(2)) {
                        lane_set(vb, es, l, lane_get(va, es, l));
                    }
                }
            }
            state_random();
            memcpy(cpu.v[1], va, 16);
            memcpy(cpu.v[2], vb, 16);
            memcpy(cpu.vin[0], va, 16);
            memcpy(cpu.vin[1], vb, 16);
            want_begin();
            const uint8_t *A = va, *B = vb;
            static const uint8_t zero[16];
            if (shape == VB_SAME) {
                B = va;
            } else if (shape == VB_KZ) {
                B = zero;
            } else if (shape == VB_ZK) {
                A = zero;
            }
            ref_vec(opc, es, 0, A, B, vr);
            switch (shape) {
            case VB_DA: memcpy(want.v[1], vr, 16); break;
            case VB_DB: memcpy(want.v[2], vr, 16); break;
            case VB_TT:
            case VB_TTLIVE:
            case VB_PRESS:
                memcpy(want.vout[2], vr, 16);
                if (shape == VB_TTLIVE) {
                    memcpy(want.vout[3], va, 16);
                    memcpy(want.vout[4], vb, 16);
                }
                if (shape == VB_PRESS) {
                    press_want();
                }
                break;
            default: memcpy(want.v[0], vr, 16); break;
            }
            char sa[40], sb[40], sr[40];
            vec_str(sa, sizeof(sa), A);
            vec_str(sb, sizeof(sb), B);
            vec_str(sr, sizeof(sr), vr);
            WHAT("%s v128 lane %d, shape %s: a=%s b=%s (expect %s)", ir_op_defs[opc].name, 8 << es, vbshape_name[shape],
                 sa, sb, sr);
            run(code);
            state_check();
        }
    }
}

START_TEST(test_vec_arith)
{
    static const struct {
        IROpcode opc;
        uint8_t lanes;          /* allowed lane sizes (bit es), as the verifier says */
    } ops[] = {
        { IR_vadd, 0xf }, { IR_vsub, 0xf }, { IR_vcmpeq, 0xf }, { IR_vcmpgt, 0xf }, { IR_vmul, 0x6 },
        { IR_vmins, 0x7 }, { IR_vmaxs, 0x7 }, { IR_vminu, 0x7 }, { IR_vmaxu, 0x7 },
    };
    static const IROpcode logic[] = { IR_vand, IR_vor, IR_vxor, IR_vandc };
    test_begin(40);
    for (size_t i = 0; i < ARRAY_LEN(logic); i++) {
        test_vec_bin(logic[i], 0, false);
    }
    for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
        for (int es = 0; es < 4; es++) {
            if (ops[i].lanes & (1 << es)) {
                test_vec_bin(ops[i].opc, es, true);
            }
        }
    }
    test_end();
}
END_TEST

START_TEST(test_vec_shift)
{
    static const struct {
        IROpcode opc;
        uint8_t lanes;
    } ops[] = { { IR_vshli, 0xe }, { IR_vshri, 0xe }, { IR_vsari, 0x6 } };
    test_begin(41);
    for (size_t oi = 0; oi < ARRAY_LEN(ops); oi++) {
        for (int es = 0; es < 4; es++) {
            if (!(ops[oi].lanes & (1 << es))) {
                continue;
            }
            for (int cnt = 0; cnt < (8 << es) && nfail <= MAX_REPORTS; cnt++) {
                for (int shape = 0; shape < 4; shape++) {   /* V0=op(V1), V1=op(V1), temp, pressure */
                    prog_begin();
                    IRTemp d = shape == 1 ? V[1] : V[0], a = V[1];
                    if (shape == 3) {
                        press_begin();
                    }
                    if (shape >= 2) {
                        a = ld_in(IR_V128, 0);
                        d = ir_temp(C, IR_V128);
                    }
                    ir_emit(C, ops[oi].opc, IR_V128, 4, IR_A(d, a, (uint64_t)es, (uint64_t)cnt));
                    if (shape >= 2) {
                        st_out(d, 2);
                        st_out(a, 3);
                    }
                    if (shape == 3) {
                        press_end();
                    }
                    void *code = prog_compile();
                    for (int i = 0; code && i < 6; i++) {
                        uint8_t va[16], vr[16];
                        rnd_vec(va, es);
                        state_random();
                        memcpy(cpu.v[1], va, 16);
                        memcpy(cpu.vin[0], va, 16);
                        want_begin();
                        ref_vec(ops[oi].opc, es, cnt, va, NULL, vr);
                        if (shape >= 2) {
                            memcpy(want.vout[2], vr, 16);
                            memcpy(want.vout[3], va, 16);
                            if (shape == 3) {
                                press_want();
                            }
                        } else {
                            memcpy(want.v[shape == 1 ? 1 : 0], vr, 16);
                        }
                        char sa[40], sr[40];
                        vec_str(sa, sizeof(sa), va);
                        vec_str(sr, sizeof(sr), vr);
                        WHAT("%s v128 lane %d count %d, shape %d: a=%s (expect %s)", ir_op_defs[ops[oi].opc].name,
                             8 << es, cnt, shape, sa, sr);
                        run(code);
                        state_check();
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* vdup, vgetlane, vsetlane: every lane size and lane, scalars of both
 * widths as globals, temps and constants. */
START_TEST(test_vec_lanes)
{
    test_begin(42);
    for (int es = 0; es < 4; es++) {
        int nl = 16 >> es;
        uint64_t lm = es == 3 ? ~0ull : (1ull << (8 << es)) - 1;
        /* vdup */
        for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
            IRType st = int_types[ti];
            for (int shape = 0; shape < 4 && nfail <= MAX_REPORTS; shape++) {     /* global, temp, const, pressure */
                int nprog = shape == 2 ? 4 : 1;
                for (int p = 0; p < nprog; p++) {
                    uint64_t k = rnd_int(st);
                    prog_begin();
                    if (shape == 3) {
                        press_begin();
                    }
                    IRTemp s = shape == 0 ? G(st, 1) : shape == 2 ? K(st, k) : ld_in(st, 0);
                    IRTemp d = shape == 0 || shape == 2 ? V[0] : ir_temp(C, IR_V128);
                    ir_vdup(C, d, s, es);
                    if (d != V[0]) {
                        st_out(d, 2);
                        st_out(s, 3);
                    }
                    if (shape == 3) {
                        press_end();
                    }
                    void *code = prog_compile();
                    for (int i = 0; code && i < 8; i++) {
                        uint64_t sv = shape == 2 ? k : rnd_int(st);
                        state_random();
                        set_g(&cpu, st, 1, sv);
                        set_in(st, 0, sv);
                        want_begin();
                        uint8_t vr[16];
                        for (int l = 0; l < nl; l++) {
                            lane_set(vr, es, l, sv & lm);
                        }
                        if (d == V[0]) {
                            memcpy(want.v[0], vr, 16);
                        } else {
                            memcpy(want.vout[2], vr, 16);
                            want_out(st, 3, sv);
                            if (shape == 3) {
                                press_want();
                            }
                        }
                        WHAT("vdup lane %d from %s, shape %d: scalar %#" PRIx64, 8 << es, tname(st), shape, sv);
                        run(code);
                        state_check();
                    }
                }
            }
        }
        for (int lane = 0; lane < nl; lane++) {
            /* vgetlane into i32 and i64 (an i32 from a 64-bit lane gets
             * its low half) */
            for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
                IRType dt = int_types[ti];
                for (int shape = 0; shape < 3 && nfail <= MAX_REPORTS; shape++) {  /* global, temp, pressure */
                    prog_begin();
                    if (shape == 2) {
                        press_begin();
                    }
                    IRTemp v = shape == 0 ? V[1] : ld_in(IR_V128, 0);
                    IRTemp d = shape == 0 ? G(dt, 0) : ir_temp(C, dt);
                    ir_vgetlane(C, d, v, es, lane);
                    if (shape) {
                        st_out(d, 0);
                        probe_i32(d);
                        /* Use the result as a guest address offset too:
                         * the upper half of an i32 must be clear. */
                        if (dt == IR_I32 && es < 3) {
                            IRTemp t = ir_temp(C, IR_I32);
                            ir_ld(C, t, d, MEM_LO, IR_MO_8);
                            st_out(t, 1);
                        }
                    }
                    if (shape == 2) {
                        press_end();
                    }
                    void *code = prog_compile();
                    for (int i = 0; code && i < 8; i++) {
                        uint8_t va[16];
                        rnd_vec(va, es);
                        if (dt == IR_I32 && shape && es < 3) {
                            /* Keep the lane a valid offset into the page. */
                            lane_set(va, es, lane, rndn(256));
                        }
                        state_random();
                        memcpy(cpu.v[1], va, 16);
                        memcpy(cpu.vin[0], va, 16);
                        want_begin();
                        uint64_t r = lane_get(va, es, lane) & tmask(dt);
                        if (shape == 0) {
                            set_g(&want, dt, 0, r);
                        } else {
                            want_out(dt, 0, r);
                            want_probe_i32(dt, r);
                            if (dt == IR_I32 && es < 3) {
                                want_out(IR_I32, 1, *shadow(MEM_LO + (uint32_t)r));
                            }
                            if (shape == 2) {
                                press_want();
                            }
                        }
                        WHAT("vgetlane lane %d[%d] -> %s, shape %d (expect %#" PRIx64 ")", 8 << es, lane, tname(dt), shape,
                             r);
                        run(code);
                        state_check();
                    }
                }
            }
            /* vsetlane */
            for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
                IRType st = int_types[ti];
                for (int shape = 0; shape < 6 && nfail <= MAX_REPORTS; shape++) {
                    /* 0: V0=set(V1,g)  1: V1=set(V1,g)  2: V0=set(V1,K)  3: temps dead  4: temps live  5: pressure */
                    uint64_t k = rnd_int(st);
                    prog_begin();
                    if (shape == 5) {
                        press_begin();
                    }
                    IRTemp v = shape <= 2 ? V[1] : ld_in(IR_V128, 0);
                    IRTemp sc = shape == 2 ? K(st, k) : shape <= 1 ? G(st, 2) : ld_in(st, 1);
                    IRTemp d = shape == 1 ? V[1] : shape <= 2 ? V[0] : ir_temp(C, IR_V128);
                    ir_vsetlane(C, d, v, sc, es, lane);
                    if (shape >= 3) {
                        st_out(d, 2);
                    }
                    if (shape == 4) {
                        st_out(v, 3);
                        st_out(sc, 4);
                    }
                    if (shape == 5) {
                        press_end();
                    }
                    void *code = prog_compile();
                    for (int i = 0; code && i < 6; i++) {
                        uint8_t va[16], vr[16];
                        rnd_vec(va, es);
                        uint64_t sv = shape == 2 ? k : rnd_int(st);
                        state_random();
                        memcpy(cpu.v[1], va, 16);
                        memcpy(cpu.vin[0], va, 16);
                        set_g(&cpu, st, 2, sv);
                        set_in(st, 1, sv);
                        want_begin();
                        memcpy(vr, va, 16);
                        lane_set(vr, es, lane, sv & lm);
                        if (shape <= 2) {
                            memcpy(want.v[shape == 1 ? 1 : 0], vr, 16);
                        } else {
                            memcpy(want.vout[2], vr, 16);
                            if (shape == 4) {
                                memcpy(want.vout[3], va, 16);
                                want_out(st, 4, sv);
                            }
                            if (shape == 5) {
                                press_want();
                            }
                        }
                        WHAT("vsetlane lane %d[%d] from %s, shape %d: scalar %#" PRIx64, 8 << es, lane, tname(st), shape,
                             sv);
                        run(code);
                        state_check();
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Helper calls. */

static int ncalls;

static uint32_t h_mix3(uint32_t a, uint32_t b, uint32_t c)
{
    ncalls++;
    return a * 3 + (b ^ 0x55aa) + (c >> 3);
}
static uint64_t ref_mix3(uint32_t a, uint32_t b, uint32_t c) { return (uint32_t)(a * 3 + (b ^ 0x55aa) + (c >> 3)); }

static uint64_t h_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    ncalls++;
    return a ^ (b * 3) ^ (c << 7) ^ (d >> 5) ^ (e * 0x9E37) ^ ~f;
}
static uint64_t ref_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    return a ^ (b * 3) ^ (c << 7) ^ (d >> 5) ^ (e * 0x9E37) ^ ~f;
}

static uint32_t h_env_read(void *env, uint32_t x)
{
    TestCPU *c = env;
    ncalls++;
    return c->w[3] * 7 + x + (uint32_t)c->x[3];
}

static void h_env_write(void *env, uint64_t v)
{
    TestCPU *c = env;
    ncalls++;
    c->x[4] = v * 5;
    c->w[5] = (uint32_t)~v;
}

static uint32_t h_pure(uint32_t x)
{
    ncalls++;   /* counts calls only: the result depends on x alone */
    return x * 0x01000193u;
}

static uint64_t h_env_mid(uint32_t a, void *env, uint64_t b)
{
    ncalls++;
    return ((uint64_t)a << 32) ^ b ^ (uint64_t)(uintptr_t)((TestCPU *)env == &cpu);
}

static uint32_t h_noargs(void)
{
    ncalls++;
    return 0x1234abcd;
}

static void h_void(uint32_t x)
{
    ncalls += 1 + (int)(x & 0);
}

/* Returns its i32 argument with garbage in the upper half of rax, which the
 * SysV ABI allows for a 32-bit return value (gcc does it for a truncation
 * of a 64-bit value, for instance). */
uint32_t test_h_dirty32(uint32_t x);
__asm__(".text\n"
        ".globl test_h_dirty32\n"
        ".type test_h_dirty32, @function\n"
        "test_h_dirty32:\n"
        "    movabsq $0xdeadbeef00000000, %rax\n"
        "    orq %rdi, %rax\n"
        "    ret\n"
        ".size test_h_dirty32, .-test_h_dirty32\n");

static const HelperInfo hi_mix3 = { "mix3", (void *)h_mix3, IRH_NO_RG | IRH_NO_WG, HT_i32, 3, { HT_i32, HT_i32, HT_i32 } };
static const HelperInfo hi_mix3_pure = {
    "mix3_pure", (void *)h_mix3, IRH_PURE | IRH_NO_RG | IRH_NO_WG, HT_i32, 3, { HT_i32, HT_i32, HT_i32 },
};
static const HelperInfo hi_mix6 = {
    "mix6", (void *)h_mix6, IRH_NO_RG | IRH_NO_WG, HT_i64, 6, { HT_i64, HT_i64, HT_i64, HT_i64, HT_i64, HT_i64 },
};
static const HelperInfo hi_env_read = { "env_read", (void *)h_env_read, IRH_NO_WG, HT_i32, 2, { HT_env, HT_i32 } };
static const HelperInfo hi_env_read0 = { "env_read0", (void *)h_env_read, 0, HT_i32, 2, { HT_env, HT_i32 } };
static const HelperInfo hi_env_write = { "env_write", (void *)h_env_write, 0, HT_void, 2, { HT_env, HT_i64 } };
static const HelperInfo hi_pure = { "pure", (void *)h_pure, IRH_PURE | IRH_NO_RG | IRH_NO_WG, HT_i32, 1, { HT_i32 } };
static const HelperInfo hi_impure = { "impure", (void *)h_pure, 0, HT_i32, 1, { HT_i32 } };
static const HelperInfo hi_env_mid = { "env_mid", (void *)h_env_mid, IRH_NO_WG, HT_i64, 3, { HT_i32, HT_env, HT_i64 } };
static const HelperInfo hi_noargs = { "noargs", (void *)h_noargs, IRH_NO_RG | IRH_NO_WG, HT_i32, 0, { 0 } };
static const HelperInfo hi_void = { "void", (void *)h_void, IRH_NO_RG | IRH_NO_WG, HT_void, 1, { HT_i32 } };
static const HelperInfo hi_dirty = { "dirty32", (void *)test_h_dirty32, IRH_NO_RG | IRH_NO_WG, HT_i32, 1, { HT_i32 } };

static void call_check(int want_calls)
{
    if (ncalls != want_calls) {
        failf("%d helper calls, want %d", ncalls, want_calls);
    }
}

/* 12 live i64 temps (one per allocatable GPR) around a call, passed to
 * mix6 in random orders, so arguments sit in the wrong argument registers,
 * in callee-saved registers and in memory. */
START_TEST(test_call_args)
{
    test_begin(50);
    for (int p = 0; p < 120 && nfail <= MAX_REPORTS; p++) {
        int pick[6];
        uint64_t k = rnd_int(IR_I64);
        bool with_x = p & 1;
        prog_begin();
        ir_xori(C, W[3], W[3], 0x77);           /* dirty globals in registers */
        ir_addi(C, X[3], X[3], 0x1234);
        if (with_x) {
            for (int i = 0; i < NXFILL; i++) {
                xfill[i] = ld_in(IR_V128, XFILL_SLOT + i);
            }
        }
        for (int i = 0; i < NFILL; i++) {
            fill[i] = ld_in(IR_I64, FILL_SLOT + i);
        }
        IRTemp args[6];
        for (int i = 0; i < 6; i++) {
            int c = rndn(16);
            pick[i] = c;
            args[i] = c < 12 ? fill[c] : c == 12 ? X[1] : c == 13 ? X[3] : c == 14 ? K(IR_I64, k) : X[2];
        }
        IRTemp r = ir_temp(C, IR_I64);
        ir_call(C, &hi_mix6, r, 6, args);
        st_out(r, 0);
        for (int i = 0; i < NFILL; i++) {
            st_out(fill[i], FILL_SLOT + i);
        }
        if (with_x) {
            for (int i = 0; i < NXFILL; i++) {
                st_out(xfill[i], XFILL_SLOT + i);
            }
        }
        ir_addi(C, W[3], W[3], 1);
        void *code = prog_compile();
        for (int i = 0; code && i < 8; i++) {
            state_random();
            want_begin();
            want.w[3] = (cpu.w[3] ^ 0x77) + 1;
            want.x[3] = cpu.x[3] + 0x1234;
            uint64_t v[6];
            for (int j = 0; j < 6; j++) {
                int c = pick[j];
                v[j] = c < 12 ? cpu.in[FILL_SLOT + c] : c == 12 ? cpu.x[1] : c == 13 ? want.x[3] : c == 14 ? k : cpu.x[2];
            }
            want.out[0] = ref_mix6(v[0], v[1], v[2], v[3], v[4], v[5]);
            for (int j = 0; j < NFILL; j++) {
                want.out[FILL_SLOT + j] = cpu.in[FILL_SLOT + j];
            }
            if (with_x) {
                for (int j = 0; j < NXFILL; j++) {
                    memcpy(want.vout[XFILL_SLOT + j], cpu.vin[XFILL_SLOT + j], 16);
                }
            }
            WHAT("call mix6(args %d %d %d %d %d %d) with 12 live temps%s", pick[0], pick[1], pick[2], pick[3], pick[4],
                 pick[5], with_x ? " and 15 live vectors" : "");
            ncalls = 0;
            run(code);
            state_check();
            call_check(1);
        }
    }
    /* The same temp in every argument; i32 arguments and constants. */
    for (int p = 0; p < 3; p++) {
        prog_begin();
        IRTemp t = ld_in(IR_I32, 0), r = ir_temp(C, IR_I32);
        if (p == 0) {
            ir_calln(C, &hi_mix3, r, t, t, t);
        } else if (p == 1) {
            ir_calln(C, &hi_mix3, r, K(IR_I32, 0x80000000u), t, K(IR_I32, 0xffffffffu));
        } else {
            ir_calln(C, &hi_mix3, r, W[2], W[1], t);
        }
        st_out(r, 0);
        st_out(t, 1);
        void *code = prog_compile();
        for (int i = 0; code && i < 8; i++) {
            state_random();
            uint32_t x = (uint32_t)cpu.in[0];
            want_begin();
            want_out(IR_I32, 0,
                     p == 0 ? ref_mix3(x, x, x) : p == 1 ? ref_mix3(0x80000000u, x, 0xffffffffu) : ref_mix3(cpu.w[2], cpu.w[1], x));
            want_out(IR_I32, 1, x);
            WHAT("call mix3 variant %d", p);
            ncalls = 0;
            run(code);
            state_check();
            call_check(1);
        }
    }
    test_end();
}
END_TEST

/* Helpers that read and write CPU state: dirty globals must be written
 * back before, and re-read after a helper that may write them. */
START_TEST(test_call_env)
{
    test_begin(51);
    for (int v = 0; v < 2; v++) {
        /* read: W3 and X3 modified in registers just before the call */
        prog_begin();
        ir_addi(C, W[3], W[3], 5);
        IRTemp t = ld_in(IR_I64, 0);
        ir_mov(C, X[3], t);
        ir_calln(C, v ? &hi_env_read0 : &hi_env_read, W[0], W[1]);
        ir_addi(C, W[3], W[3], 1);
        void *code = prog_compile();
        for (int i = 0; code && i < 8; i++) {
            state_random();
            want_begin();
            want.w[3] = cpu.w[3] + 5;
            want.x[3] = cpu.in[0];
            want.w[0] = want.w[3] * 7 + cpu.w[1] + (uint32_t)want.x[3];
            want.w[3] += 1;
            WHAT("call %s: the helper reads globals modified before it", v ? "env_read0" : "env_read");
            ncalls = 0;
            run(code);
            state_check();
            call_check(1);
        }
    }
    /* write: X4 dirty before, read after */
    prog_begin();
    ir_addi(C, X[4], X[4], 9);
    ir_addi(C, W[5], W[5], 9);
    ir_calln(C, &hi_env_write, IR_NO_TEMP, X[1]);
    ir_addi(C, X[0], X[4], 3);
    ir_xori(C, W[0], W[5], 1);
    void *code = prog_compile();
    for (int i = 0; code && i < 8; i++) {
        state_random();
        want_begin();
        want.x[4] = cpu.x[1] * 5;
        want.w[5] = (uint32_t)~cpu.x[1];
        want.x[0] = want.x[4] + 3;
        want.w[0] = want.w[5] ^ 1;
        WHAT("call env_write: globals written by the helper are re-read");
        ncalls = 0;
        run(code);
        state_check();
        call_check(1);
    }
    /* env in the middle of the arguments */
    prog_begin();
    ir_calln(C, &hi_env_mid, X[0], W[1], X[2]);
    code = prog_compile();
    for (int i = 0; code && i < 8; i++) {
        state_random();
        want_begin();
        want.x[0] = ((uint64_t)cpu.w[1] << 32) ^ cpu.x[2] ^ 1;
        WHAT("call env_mid(i32, env, i64)");
        ncalls = 0;
        run(code);
        state_check();
        call_check(1);
    }
    test_end();
}
END_TEST

/* Pure helpers whose result is unused are removed; others are not. */
START_TEST(test_call_flags)
{
    test_begin(52);
    static const struct {
        const HelperInfo *h;
        bool use;
        int calls;
    } cases[] = {
        { &hi_pure, false, 0 }, { &hi_pure, true, 1 }, { &hi_impure, false, 1 }, { &hi_impure, true, 1 },
        { &hi_mix3_pure, false, 0 },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        prog_begin();
        IRTemp r = ir_temp(C, IR_I32);
        if (cases[c].h == &hi_mix3_pure) {
            ir_calln(C, cases[c].h, r, W[1], W[2], W[3]);
        } else {
            ir_calln(C, cases[c].h, r, W[1]);
        }
        if (cases[c].use) {
            ir_mov(C, W[0], r);
        }
        ir_xori(C, W[6], W[6], 3);
        void *code = prog_compile();
        for (int i = 0; code && i < 4; i++) {
            state_random();
            want_begin();
            if (cases[c].use) {
                want.w[0] = cpu.w[1] * 0x01000193u;
            }
            want.w[6] ^= 3;
            WHAT("call %s, result %s", cases[c].h->name, cases[c].use ? "used" : "unused");
            ncalls = 0;
            run(code);
            state_check();
            call_check(cases[c].calls);
        }
    }
    /* No arguments; void result. */
    prog_begin();
    ir_call0(C, &hi_noargs, W[0]);
    ir_calln(C, &hi_void, IR_NO_TEMP, W[1]);
    void *code = prog_compile();
    state_random();
    want_begin();
    want.w[0] = 0x1234abcd;
    WHAT("call noargs; call void");
    ncalls = 0;
    if (code) {
        run(code);
        state_check();
        call_check(2);
    }
    test_end();
}
END_TEST

/* Values live across calls in every kind of register, floats included. */
START_TEST(test_call_live)
{
    test_begin(53);
    for (int p = 0; p < 40 && nfail <= MAX_REPORTS; p++) {
        prog_begin();
        int nt = 4 + rndn(12), nx = rndn(6);
        IRTemp t[16], x[8];
        for (int i = 0; i < nt; i++) {
            t[i] = ld_in(rndn(2) ? IR_I32 : IR_I64, 30 + i);
        }
        for (int i = 0; i < nx; i++) {
            x[i] = ld_in(IR_F64, 50 + i);
        }
        ir_fadd(C, F[0], F[1], F[2]);           /* a dirty float global */
        ir_addi(C, W[2], W[2], 17);
        int ncall = 1 + rndn(3);
        for (int c = 0; c < ncall; c++) {
            ir_calln(C, &hi_mix3, W[0], W[0], W[2], W[1]);
        }
        for (int i = 0; i < nt; i++) {
            st_out(t[i], 30 + i);
        }
        for (int i = 0; i < nx; i++) {
            IRTemp y = ir_temp(C, IR_F64);
            ir_fadd(C, y, x[i], x[i]);
            st_out(y, 50 + i);
        }
        ir_fadd(C, F[3], F[0], F[0]);
        void *code = prog_compile();
        for (int i = 0; code && i < 4; i++) {
            state_random();
            for (int j = 0; j < 8; j++) {
                cpu.in[50 + j] = d2u((double)(int64_t)(rnd() >> 20));
            }
            cpu.f[1] = f2u(1.5f);
            cpu.f[2] = f2u((float)(rnd() & 0xffff));
            want_begin();
            for (int j = 0; j < nt; j++) {
                IRType ty = ir_temp_type(C, t[j]);
                want_out(ty, 30 + j, cpu.in[30 + j]);
            }
            for (int j = 0; j < nx; j++) {
                want.out[50 + j] = d2u(u2d(cpu.in[50 + j]) * 2);
            }
            want.f[0] = f2u(u2f(cpu.f[1]) + u2f(cpu.f[2]));
            want.f[3] = f2u(u2f(want.f[0]) * 2);
            want.w[2] += 17;
            for (int c = 0; c < ncall; c++) {
                want.w[0] = (uint32_t)ref_mix3(want.w[0], want.w[2], want.w[1]);
            }
            WHAT("%d calls with %d int and %d f64 temps live", ncall, nt, nx);
            ncalls = 0;
            run(code);
            state_check();
            call_check(ncall);
        }
    }
    test_end();
}
END_TEST

/* An i32 helper result must be usable as a 64-bit register value: as a
 * guest address index, as an unsigned itof operand, as a 64-bit lane. */
START_TEST(test_call_ret32)
{
    test_begin(54);
    for (int p = 0; p < 3; p++) {
        prog_begin();
        IRTemp r = ir_temp(C, IR_I32);
        ir_calln(C, &hi_dirty, r, W[1]);
        switch (p) {
        case 0: ir_itof(C, D[0], r, 0); break;
        case 1: ir_vdup(C, V[0], r, 3); break;
        case 2: {
            IRTemp v = ir_temp(C, IR_I32);
            ir_ld(C, v, r, 0, IR_MO_32);
            ir_mov(C, W[0], v);
            break;
        }
        }
        void *code = prog_compile();
        for (int i = 0; code && i < 4; i++) {
            state_random();
            cpu.w[1] = MEM_LO + rndn(MEM_SIZE - 4);
            want_begin();
            uint32_t x = cpu.w[1];
            switch (p) {
            case 0: want.d[0] = d2u((double)x); break;
            case 1:
                memcpy(want.v[0], &(uint64_t){ x }, 8);
                memcpy(want.v[0] + 8, &(uint64_t){ x }, 8);
                break;
            case 2: memcpy(&want.w[0], shadow(x), 4); break;
            }
            WHAT("i32 result of a helper (upper half of rax garbage) used %s",
                 p == 0 ? "by itof unsigned" : p == 1 ? "by vdup.64" : "as a guest address");
            run(code);
            state_check();
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Control flow. */

/* A counted loop with locals: sum += i * W1 for i in [0, N), do-while. */
START_TEST(test_ctrl_loop)
{
    test_begin(60);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        for (int v = 0; v < 3; v++) {
            prog_begin();
            IRTemp i = ir_local(C, t), sum = ir_local(C, t);
            uint32_t l = ir_new_label(C);
            ir_movi(C, i, 0);
            ir_movi(C, sum, 0);
            IRTemp pressure[14];
            int np = v == 2 ? 14 : 0;
            for (int k = 0; k < np; k++) {
                pressure[k] = ir_local(C, IR_I64);
                ir_ldenv(C, pressure[k], OFF_IN(20 + k), IR_MO_64);
            }
            ir_label(C, l);
            IRTemp m = ir_temp(C, t);
            ir_mul(C, m, i, G(t, 1));
            ir_add(C, sum, sum, m);
            for (int k = 0; k < np; k++) {
                ir_add(C, pressure[k], pressure[k], K(IR_I64, (uint64_t)k + 1));
            }
            ir_addi(C, i, i, 1);
            if (v == 1) {
                ir_brcond(C, G(t, 2), i, IR_GTU, l);    /* N > i */
            } else {
                ir_brcond(C, i, G(t, 2), IR_LTU, l);
            }
            ir_mov(C, G(t, 0), sum);
            ir_mov(C, G(t, 3), i);
            for (int k = 0; k < np; k++) {
                st_out(pressure[k], 20 + k);
            }
            void *code = prog_compile();
            for (int r = 0; code && r < 12; r++) {
                state_random();
                uint64_t n = r == 0 ? 0 : r == 1 ? 1 : rndn(300);
                set_g(&cpu, t, 2, n);
                want_begin();
                uint64_t iv = 0, sv = 0, w1 = get_g(&cpu, t, 1);
                do {
                    sv = (sv + iv * w1) & tmask(t);
                    iv++;
                } while (iv < n);
                set_g(&want, t, 0, sv);
                set_g(&want, t, 3, iv);
                for (int k = 0; k < np; k++) {
                    want.out[20 + k] = cpu.in[20 + k] + iv * (uint64_t)(k + 1);
                }
                WHAT("loop %s variant %d, N=%" PRIu64, tname(t), v, n);
                run(code);
                state_check();
            }
        }
    }
    /* A loop over globals only. */
    prog_begin();
    uint32_t l = ir_new_label(C);
    ir_label(C, l);
    ir_add(C, W[0], W[0], W[1]);
    ir_xor(C, X[0], X[0], X[1]);
    ir_addi(C, X[1], X[1], 3);
    ir_sub(C, W[3], W[3], K(IR_I32, 1));
    ir_brcondi(C, W[3], 0, IR_NE, l);
    void *code = prog_compile();
    for (int r = 0; code && r < 8; r++) {
        state_random();
        cpu.w[3] = 1 + rndn(100);
        want_begin();
        do {
            want.w[0] += want.w[1];
            want.x[0] ^= want.x[1];
            want.x[1] += 3;
            want.w[3]--;
        } while (want.w[3]);
        WHAT("loop over globals, %u iterations", cpu.w[3]);
        run(code);
        state_check();
    }
    test_end();
}
END_TEST

/* if/else on every condition, with the operands as globals, constants and
 * temps, globals modified on both paths. */
START_TEST(test_ctrl_branch)
{
    test_begin(61);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        uint64_t ev[64];
        int ne = edges(t, ev);
        for (int cond = 0; cond < IR_NB_CONDS && nfail <= MAX_REPORTS; cond++) {
            for (int shape = 0; shape < 6; shape++) {   /* GG, GK, KG, TT, TK, dirty globals */
                int nprog = shape == 1 || shape == 2 || shape == 4 ? 4 : 1;
                for (int p = 0; p < nprog; p++) {
                    uint64_t k = ev[rndn((unsigned)ne)];
                    prog_begin();
                    IRTemp a = G(t, 1), b = G(t, 2);
                    if (shape == 5) {
                        ir_addi(C, G(t, 1), G(t, 1), 1);
                        ir_addi(C, W[5], W[5], 1);
                    }
                    if (shape == 1 || shape == 4) {
                        b = K(t, k);
                    }
                    if (shape == 2) {
                        a = K(t, k);
                    }
                    if (shape == 3 || shape == 4) {
                        a = ld_in(t, 0);
                    }
                    if (shape == 3) {
                        b = ld_in(t, 1);
                    }
                    uint32_t lelse = ir_new_label(C), lend = ir_new_label(C);
                    ir_brcond(C, a, b, (IRCond)cond, lelse);
                    ir_addi(C, W[0], W[0], 1);
                    ir_movi(C, X[0], 111);
                    ir_br(C, lend);
                    ir_label(C, lelse);
                    ir_addi(C, W[0], W[0], 2);
                    ir_movi(C, X[0], 222);
                    ir_label(C, lend);
                    ir_xori(C, W[4], W[4], 5);
                    void *code = prog_compile();
                    for (int r = 0; code && r < 24; r++) {
                        state_random();
                        uint64_t av = rndn(3) ? rnd_int(t) : ev[rndn((unsigned)ne)];
                        uint64_t bv = rndn(3) == 0 ? av : rndn(2) ? rnd_int(t) : ev[rndn((unsigned)ne)];
                        set_g(&cpu, t, 1, av);
                        set_g(&cpu, t, 2, bv);
                        set_in(t, 0, av);
                        set_in(t, 1, bv);
                        want_begin();
                        if (shape == 5) {
                            av = (av + 1) & tmask(t);
                            set_g(&want, t, 1, av);
                            want.w[5]++;
                        }
                        uint64_t A = shape == 2 ? k : av, B = shape == 1 || shape == 4 ? k : bv;
                        bool taken = ref_cond((IRCond)cond, t, A, B);
                        want.w[0] += taken ? 2 : 1;
                        want.x[0] = taken ? 222 : 111;
                        want.w[4] ^= 5;
                        WHAT("brcond %s %s, shape %d: a=%#" PRIx64 " b=%#" PRIx64 " (%s)", tname(t), cond_name[cond], shape,
                             A, B, taken ? "taken" : "not taken");
                        run(code);
                        state_check();
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* Several exits: globals written on every path; goto_tb and exit_tb
 * return codes; exit_request. */
START_TEST(test_ctrl_exits)
{
    test_begin(62);
    prog_begin();
    uint32_t l1 = ir_new_label(C);
    ir_addi(C, W[1], W[1], 1);
    ir_addi(C, X[1], X[1], 2);
    ir_brcondi(C, W[2], 7, IR_EQ, l1);
    IRTemp t = ir_temp(C, IR_I32);
    ir_mul(C, t, W[1], K(IR_I32, 3));
    ir_mov(C, W[1], t);
    ir_exit_tb(C, IR_EXIT_NOCHAIN);
    ir_label(C, l1);
    ir_movi(C, W[3], 7);
    ir_xor(C, X[1], X[1], X[2]);
    void *code = prog_compile();
    for (int r = 0; code && r < 8; r++) {
        state_random();
        cpu.w[2] = r & 1 ? 7 : (uint32_t)rnd_int(IR_I32) | 8;
        want_begin();
        want.w[1]++;
        want.x[1] += 2;
        if (r & 1) {
            want.w[3] = 7;
            want.x[1] ^= want.x[2];
        } else {
            want.w[1] *= 3;
        }
        WHAT("two exits, W2=%#x", cpu.w[2]);
        run(code);
        state_check();
    }

    /* goto_tb n; exit_tb n returns TB | n while unchained. */
    for (int slot = 0; slot < 2; slot++) {
        prog_begin();
        ir_addi(C, W[0], W[0], 1);
        ir_goto_tb(C, slot);
        ir_exit_tb(C, slot);
        code = prog_compile();
        state_random();
        want_begin();
        want.w[0]++;
        WHAT("goto_tb %d; exit_tb %d", slot, slot);
        uintptr_t ret = code ? tb_enter(&cpu.common, code) : 0;
        uintptr_t tb = (uintptr_t)code - TB_HDR;
        if (code && ret != (tb | (uintptr_t)slot)) {
            failf("returned %#" PRIxPTR ", want TB %#" PRIxPTR " | %d", ret, tb, slot);
        }
        state_check();
    }

    /* exit_request: the TB leaves at entry, nothing changes. */
    prog_begin();
    ir_addi(C, W[0], W[0], 1);
    code = prog_compile();
    state_random();
    want_begin();
    cpu.common.exit_request = 1;
    want.common.exit_request = 1;
    WHAT("exit_request set");
    uintptr_t ret = code ? tb_enter(&cpu.common, code) : 0;
    if (code && ret != (((uintptr_t)code - TB_HDR) | TB_EXIT_REQUESTED)) {
        failf("returned %#" PRIxPTR ", want TB | TB_EXIT_REQUESTED", ret);
    }
    state_check();
    cpu.common.exit_request = 0;

    /* brcond always / never, br over code. */
    for (int c = 0; c < 2; c++) {
        prog_begin();
        uint32_t l = ir_new_label(C), l2 = ir_new_label(C);
        ir_brcond(C, W[1], W[2], c ? IR_ALWAYS : IR_NEVER, l);
        ir_movi(C, W[0], 1);
        ir_br(C, l2);
        ir_label(C, l);
        ir_movi(C, W[0], 2);
        ir_label(C, l2);
        code = prog_compile();
        state_random();
        want_begin();
        want.w[0] = c ? 2 : 1;
        WHAT("brcond %s", c ? "always" : "never");
        if (code) {
            run(code);
            state_check();
        }
    }
    test_end();
}
END_TEST

/* ldenv/stenv of every size and sign. */
START_TEST(test_env_access)
{
    test_begin(63);
    for (size_t ti = 0; ti < ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        uint64_t ev[64];
        int ne = edges(t, ev);
        for (int size = 0; size <= (t == IR_I64 ? 3 : 2); size++) {
            for (int sgn = 0; sgn < 2; sgn++) {
                int mo = size | (sgn ? IR_MO_SIGN : 0);
                if (size == 3 && sgn) {
                    continue;
                }
                char mon[16];
                mo_name(mon, sizeof(mon), mo);
                for (int shape = 0; shape < 5; shape++) {
                    /* 0: ldenv to a global  1: ldenv to a temp  2: stenv a global
                     * 3: stenv a temp  4: stenv a constant */
                    int nprog = shape == 4 ? ne : 1;
                    for (int p = 0; p < nprog; p++) {
                        uint64_t k = ev[p];
                        int32_t byte = (int32_t)rndn(8);    /* unaligned offsets too */
                        prog_begin();
                        IRTemp r;
                        switch (shape) {
                        case 0: ir_ldenv(C, G(t, 0), OFF_IN(1) + byte, mo); break;
                        case 1:
                            r = ir_temp(C, t);
                            ir_ldenv(C, r, OFF_IN(1) + byte, mo);
                            st_out(r, 0);
                            probe_i32(r);
                            break;
                        case 2: ir_stenv(C, G(t, 1), OFF_OUT(1) + byte, mo); break;
                        case 3: ir_stenv(C, ld_in(t, 0), OFF_OUT(1) + byte, mo); break;
                        default: ir_stenv(C, K(t, k), OFF_OUT(1) + byte, mo); break;
                        }
                        void *code = prog_compile();
                        for (int i = 0; code && i < 8; i++) {
                            state_random();
                            uint64_t val = shape == 4 ? k : rnd_int(t);
                            set_g(&cpu, t, 1, val);
                            set_in(t, 0, val);
                            want_begin();
                            int n = 1 << size;
                            if (shape <= 1) {
                                uint64_t v = 0;
                                memcpy(&v, (uint8_t *)cpu.in + 8 + byte, (size_t)n);
                                if (sgn && n < 8) {
                                    v = (uint64_t)((int64_t)(v << (64 - 8 * n)) >> (64 - 8 * n));
                                }
                                v &= tmask(t);
                                if (shape == 0) {
                                    set_g(&want, t, 0, v);
                                } else {
                                    want_out(t, 0, v);
                                    want_probe_i32(t, v);
                                }
                                val = v;
                            } else {
                                memcpy((uint8_t *)want.out + 8 + byte, &val, (size_t)n);
                            }
                            WHAT("%s %s %s at +%d, shape %d: value %#" PRIx64, shape <= 1 ? "ldenv" : "stenv", tname(t), mon,
                                 byte, shape, val);
                            run(code);
                            state_check();
                        }
                    }
                }
            }
        }
    }
    test_end();
}
END_TEST

/* lookup_and_goto: a hit in the jump cache continues in the cached code,
 * a miss returns 0 to the loop. */
START_TEST(test_ctrl_lookup)
{
    test_begin(64);
    /* (tb_jc_new is declared in tcg/tb.h but not defined.) */
    JumpCacheEntry *jc = calloc(JC_SIZE, sizeof(JumpCacheEntry));
    /* the target */
    prog_begin();
    ir_addi(C, W[1], W[1], 100);
    void *target = prog_compile();
    for (int hit = 0; hit < 2; hit++) {
        uint32_t pc = 0x12344 + 8 * (uint32_t)hit, flags = 0x55;
        prog_begin();
        IRTemp t = ld_in(IR_I64, 0);            /* live values in rax/rcx/rdx... */
        ir_addi(C, W[0], W[0], 1);
        ir_stenv(C, K(IR_I32, pc), (int32_t)offsetof(CPUCommon, pc), IR_MO_32);
        ir_stenv(C, t, OFF_OUT(0), IR_MO_64);
        ir_lookup_and_goto(C);
        void *code = prog_compile();
        if (!code || !target) {
            continue;
        }
        tb_jc_clear(jc);
        jc[JC_HASH(0x12344)].key = 0x12344 | (uint64_t)flags << 32;
        jc[JC_HASH(0x12344)].code = target;
        state_random();
        cpu.common.jc = jc;
        cpu.common.tb_flags = flags;
        want_begin();
        want.common.pc = pc;
        want.w[0]++;
        want.out[0] = cpu.in[0];
        if (!hit) {
            want.w[1] += 100;
        }
        WHAT("lookup_and_goto, jump cache %s", hit ? "miss" : "hit");
        uintptr_t ret = tb_enter(&cpu.common, code);
        if (ret != 0) {
            failf("returned %#" PRIxPTR ", want 0", ret);
        }
        if (cpu.common.pc != pc) {
            failf("pc %#x, want %#x", cpu.common.pc, pc);
        }
        cpu.common = want.common;
        state_check();
    }
    memset(&cpu.common, 0, sizeof(cpu.common));
    free(jc);
    test_end();
}
END_TEST

/* fround with IR_FROUND_QUIET must not raise inexact. */
START_TEST(test_flt_round_flags)
{
    test_begin(25);
    for (size_t ti = 0; ti < ARRAY_LEN(flt_types); ti++) {
        IRType t = flt_types[ti];
        for (int m = 0; m <= IR_FROUND_CUR; m++) {
            prog_begin();
            ir_fround(C, G(t, 0), G(t, 1), m | IR_FROUND_QUIET);
            void *code = prog_compile();
            for (int i = 0; code && i < 8; i++) {
                state_random();
                uint64_t v = from_double(t, (double)(int)rndn(1000) + 0.25 + 0.25 * rndn(3));
                set_g(&cpu, t, 1, v);
                want_begin();
                OpDesc o = opd(IR_fround, t, t);
                o.nk = 1;
                o.k[0] = (uint64_t)(m | IR_FROUND_QUIET);
                set_g(&want, t, 0, ref_flt(&o, v, 0));
                WHAT("fround %s mode %d|quiet of %g", tname(t), m, fval(t, v));
                feclearexcept(FE_ALL_EXCEPT);
                run(code);
                if (fetestexcept(FE_INEXACT)) {
                    failf("inexact raised");
                }
                state_check();
            }
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Register pressure: many more live values than registers. */

START_TEST(test_pressure_int)
{
    test_begin(70);
    for (int v = 0; v < 4 && nfail <= MAX_REPORTS; v++) {
        /* 40 live inputs, then 40 results computed while all inputs are
         * still live; variants add fixed-register ops in the middle. */
        enum { N = 40 };
        prog_begin();
        IRTemp t[N], u[N];
        for (int i = 0; i < N; i++) {
            t[i] = ld_in(i & 1 ? IR_I64 : IR_I64, i);
        }
        for (int i = 0; i < N; i++) {
            u[i] = ir_temp(C, IR_I64);
            IRTemp m = ir_temp(C, IR_I64);
            ir_mul(C, m, t[i], K(IR_I64, (uint64_t)i + 3));
            ir_add(C, u[i], m, t[(i + 7) % N]);
            if (v >= 1 && i % 5 == 0) {
                /* rax/rdx for division, rcx for a shift count */
                IRTemp q = ir_temp(C, IR_I64), c = ir_temp(C, IR_I64), sh = ir_temp(C, IR_I64);
                ir_divu(C, q, u[i], t[(i + 3) % N]);
                ir_andi(C, c, t[(i + 11) % N], 63);
                ir_shl(C, sh, q, c);
                ir_xor(C, u[i], u[i], sh);
            }
            if (v >= 2 && i % 7 == 0) {
                IRTemp lo = ir_temp(C, IR_I64), hi = ir_temp(C, IR_I64);
                ir_mulu2(C, lo, hi, u[i], t[(i + 13) % N]);
                ir_add(C, u[i], lo, hi);
            }
            if (v >= 3 && i % 9 == 0) {
                IRTemp r = ir_temp(C, IR_I64);
                ir_calln(C, &hi_mix6, r, t[i], u[i], t[(i + 1) % N], t[(i + 2) % N], K(IR_I64, 5), t[(i + 5) % N]);
                ir_mov(C, u[i], r);
            }
        }
        for (int i = 0; i < N; i++) {
            st_out(t[i], i);
            st_out(u[i], N + i);
        }
        void *code = prog_compile();
        for (int r = 0; code && r < 6; r++) {
            state_random();
            want_begin();
            uint64_t *in = cpu.in;
            for (int i = 0; i < N; i++) {
                uint64_t x = in[i] * (uint64_t)(i + 3) + in[(i + 7) % N];
                if (v >= 1 && i % 5 == 0) {
                    uint64_t d = in[(i + 3) % N];
                    uint64_t q = d ? x / d : 0;
                    x ^= q << (in[(i + 11) % N] & 63);
                }
                if (v >= 2 && i % 7 == 0) {
                    unsigned __int128 pr = (unsigned __int128)x * in[(i + 13) % N];
                    x = (uint64_t)pr + (uint64_t)(pr >> 64);
                }
                if (v >= 3 && i % 9 == 0) {
                    x = ref_mix6(in[i], x, in[(i + 1) % N], in[(i + 2) % N], 5, in[(i + 5) % N]);
                }
                want.out[i] = in[i];
                want.out[N + i] = x;
            }
            WHAT("80 live i64 values, variant %d", v);
            ncalls = 0;
            run(code);
            state_check();
        }
    }
    test_end();
}
END_TEST

START_TEST(test_pressure_xmm)
{
    test_begin(71);
    enum { N = 24 };
    prog_begin();
    IRTemp vt[N], ft[N];
    for (int i = 0; i < N; i++) {
        vt[i] = ld_in(IR_V128, i);
        ft[i] = ld_in(IR_F64, i);
    }
    for (int i = 0; i < N; i++) {
        IRTemp a = ir_temp(C, IR_V128), b = ir_temp(C, IR_F64);
        ir_vadd(C, a, vt[i], vt[(i + 5) % N], 2);
        ir_fmul(C, b, ft[i], ft[(i + 3) % N]);
        st_out(a, i);           /* vout[i] */
        st_out(b, 40 + i);      /* out[40+i] */
    }
    for (int i = 0; i < N; i++) {
        IRTemp x = ir_temp(C, IR_V128), bits = ir_temp(C, IR_I64);
        ir_vxor(C, x, vt[i], vt[(i + 1) % N]);
        ir_bitcast(C, bits, ft[i]);
        ir_vsetlane(C, x, x, bits, 3, 1);
        ir_stenv(C, x, OFF(vin) + 16 * i, IR_MO_128);   /* overwrite the input slot */
    }
    void *code = prog_compile();
    for (int r = 0; code && r < 8; r++) {
        state_random();
        for (int i = 0; i < N; i++) {
            cpu.in[i] = d2u((double)(int32_t)rnd() / 7.0);
        }
        want_begin();
        for (int i = 0; i < N; i++) {
            ref_vec(IR_vadd, 2, 0, cpu.vin[i], cpu.vin[(i + 5) % N], want.vout[i]);
            want.out[40 + i] = d2u(u2d(cpu.in[i]) * u2d(cpu.in[(i + 3) % N]));
            ref_vec(IR_vxor, 0, 0, cpu.vin[i], cpu.vin[(i + 1) % N], want.vin[i]);
            memcpy(want.vin[i] + 8, &cpu.in[i], 8);
        }
        WHAT("48 live xmm values");
        run(code);
        /* The input slots are rewritten on purpose here. */
        state_check();
    }
    test_end();
}
END_TEST

/* More live values than the spill frame holds: the generator must report
 * failure rather than emit bad code. */
START_TEST(test_pressure_frame_overflow)
{
    test_begin(72);
    enum { N = 700 };
    prog_begin();
    IRTemp *t = malloc(N * sizeof(IRTemp));
    for (int i = 0; i < N; i++) {
        t[i] = ir_temp(C, IR_I64);
        ir_ldenv(C, t[i], OFF_IN(i % NIN), IR_MO_64);
    }
    for (int i = 0; i < N; i++) {
        ir_stenv(C, t[i], OFF_OUT(i % NOUT), IR_MO_64);
    }
    ir_exit_tb(C, IR_EXIT_NOCHAIN);
    WHAT("%d live i64 temps", N);
    void *code = tb_gen_raw(C);
    if (code) {
        failf("tb_gen_raw succeeded with %d live values (%d spill bytes needed, frame is %d)", N, (N - 12) * 8,
              (int)backend_frame_size);
    }
    free(t);
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Random programs checked against an interpreter of the IR as built. */

static const HelperInfo *const fuzz_helpers[] = { &hi_mix3, &hi_mix6, &hi_env_read, &hi_env_write };

static uint64_t it_get(const TestCPU *st, const uint64_t *vals, IRTemp t)
{
    const IRTempInfo *ti = &ctx.temps[t];
    if (ti->kind == TEMP_GLOBAL) {
        uint64_t v = 0;
        memcpy(&v, (const uint8_t *)st + ti->mem_offset, ti->type == IR_I32 ? 4 : 8);
        return v;
    }
    if (ti->kind == TEMP_CONST) {
        return ti->val;
    }
    return vals[t];
}

static void it_set(TestCPU *st, uint64_t *vals, IRTemp t, uint64_t v)
{
    const IRTempInfo *ti = &ctx.temps[t];
    v &= tmask((IRType)ti->type);
    if (ti->kind == TEMP_GLOBAL) {
        memcpy((uint8_t *)st + ti->mem_offset, &v, ti->type == IR_I32 ? 4 : 8);
    } else {
        vals[t] = v;
    }
}

/* Run the saved IR on 'want' and the shadow memory. */
static void interpret(void)
{
    uint64_t *vals = calloc(ctx.nb_temps, sizeof(uint64_t));
    uint32_t *label_at = calloc(ctx.nb_labels + 1, sizeof(uint32_t));
    for (uint32_t i = 0; i < saved_nb; i++) {
        if (saved_ops[i].opc == IR_label) {
            label_at[saved_ops[i].args[0]] = i;
        }
    }
    TestCPU *st = &want;
    for (uint32_t pc = 0; pc < saved_nb; pc++) {
        const IROp *op = &saved_ops[pc];
        const uint64_t *a = op->args;
        IRType t = (IRType)op->type;
#define IN(i) it_get(st, vals, (IRTemp)a[op->nout + (i)])
        switch (op->opc) {
        case IR_label:
        case IR_insn_start:
        case IR_nop:
        case IR_mb:
            break;
        case IR_exit_tb:
            pc = saved_nb;
            break;
        case IR_br:
            pc = label_at[a[0]];
            break;
        case IR_brcond:
            if (ref_cond((IRCond)a[2], t, IN(0), IN(1))) {
                pc = label_at[a[3]];
            }
            break;
        case IR_ldenv: {
            uint64_t v = 0;
            memcpy(&v, (uint8_t *)st + a[1], (size_t)1 << (a[2] & IR_MO_SIZE));
            it_set(st, vals, (IRTemp)a[0], v);
            break;
        }
        case IR_stenv: {
            uint64_t v = IN(0);
            memcpy((uint8_t *)st + a[1], &v, (size_t)1 << (a[2] & IR_MO_SIZE));
            break;
        }
        case IR_ld:
            it_set(st, vals, (IRTemp)a[0], mem_get((uint32_t)(IN(0) + a[2]), (int)a[3], t));
            break;
        case IR_st:
            mem_put((uint32_t)(IN(1) + a[2]), (int)a[3], IN(0));
            break;
        case IR_cmpxchg: {
            uint32_t ga = (uint32_t)(IN(0) + a[4]);
            uint64_t old = mem_get(ga, (int)a[5], t);
            if (old == IN(1)) {
                mem_put(ga, (int)a[5], IN(2));
            }
            it_set(st, vals, (IRTemp)a[0], old);
            break;
        }
        case IR_movcond:
            it_set(st, vals, (IRTemp)a[0], ref_cond((IRCond)a[5], t, IN(0), IN(1)) ? IN(2) : IN(3));
            break;
        case IR_mulu2:
        case IR_muls2: {
            uint64_t lo, hi;
            ref_mul2(op->opc == IR_muls2, t, IN(0), IN(1), &lo, &hi);
            it_set(st, vals, (IRTemp)a[0], lo);
            it_set(st, vals, (IRTemp)a[1], hi);
            break;
        }
        case IR_call: {
            const HelperInfo *h = (const HelperInfo *)(uintptr_t)a[op->nargs - 1];
            uint64_t r = 0;
            if (h == &hi_mix3) {
                r = ref_mix3((uint32_t)IN(0), (uint32_t)IN(1), (uint32_t)IN(2));
            } else if (h == &hi_mix6) {
                r = ref_mix6(IN(0), IN(1), IN(2), IN(3), IN(4), IN(5));
            } else if (h == &hi_env_read) {
                r = h_env_read(st, (uint32_t)IN(0));
            } else if (h == &hi_env_write) {
                h_env_write(st, IN(0));
            } else {
                ck_abort_msg("interpret: helper %s", h->name);
            }
            if (op->nout) {
                it_set(st, vals, (IRTemp)a[0], r);
            }
            break;
        }
        default: {
            OpDesc o = opd((IROpcode)op->opc, t, t);
            IRTemp d = (IRTemp)a[0];
            o.tout = (IRType)ctx.temps[d].type;
            o.tin = (IRType)ctx.temps[a[1]].type;
            o.nk = ir_op_defs[op->opc].nconst;
            for (int k = 0; k < o.nk; k++) {
                o.k[k] = a[op->nout + op->nin + k];
            }
            it_set(st, vals, d, ref_op(&o, IN(0), op->nin > 1 ? IN(1) : 0));
            break;
        }
        }
#undef IN
    }
    free(vals);
    free(label_at);
}

typedef struct Pool {
    IRTemp v[2][64];        /* by type: readable values */
    int n[2];
} Pool;

static int ti_of(IRType t) { return t == IR_I64; }

static void pool_add(Pool *p, IRTemp t)
{
    int k = ti_of(ir_temp_type(C, t));
    for (int i = 0; i < p->n[k]; i++) {
        if (p->v[k][i] == t) {
            return;
        }
    }
    if (p->n[k] < 64) {
        p->v[k][p->n[k]++] = t;
    }
}

/* NORMAL temps die at labels and branches. */
static void pool_drop_normals(Pool *p)
{
    for (int k = 0; k < 2; k++) {
        int j = 0;
        for (int i = 0; i < p->n[k]; i++) {
            if (ctx.temps[p->v[k][i]].kind != TEMP_NORMAL) {
                p->v[k][j++] = p->v[k][i];
            }
        }
        p->n[k] = j;
    }
}

static IRTemp pool_pick(Pool *p, IRType t, bool allow_const)
{
    if (allow_const && rndn(4) == 0) {
        uint64_t ev[64];
        int ne = edges(t, ev);
        return K(t, rndn(2) ? ev[rndn((unsigned)ne)] : rnd_int(t));
    }
    int k = ti_of(t);
    return p->v[k][rndn((unsigned)p->n[k])];
}

static IRTemp pool_dest(Pool *p, IRType t)
{
    int r = rndn(10);
    IRTemp d;
    if (r < 3) {
        d = G(t, (int)rndn(8));
    } else if (r < 5) {
        /* an existing normal or local temp, overwritten */
        int k = ti_of(t);
        d = p->v[k][rndn((unsigned)p->n[k])];
        if (ctx.temps[d].kind == TEMP_CONST) {
            d = ir_temp(C, t);
        }
    } else {
        d = ir_temp(C, t);
    }
    pool_add(p, d);
    return d;
}

static IRTemp fuzz_addr(Pool *p, uint32_t *off)
{
    IRTemp x = pool_pick(p, IR_I32, false), m = ir_temp(C, IR_I32), a = ir_temp(C, IR_I32);
    bool far = rndn(4) == 0;
    uint32_t base = (rndn(2) ? MEM_HI : MEM_LO) + 0x40;
    ir_andi(C, m, x, 0x7f0);
    *off = (uint32_t)((int32_t)rndn(0x80) - 0x40);
    if (far) {
        base -= 0x12345;
        *off += 0x12345;
    }
    ir_addi(C, a, m, base);
    return a;
}

static void gen_fuzz(int nops)
{
    static const IROpcode bin[] = {
        IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc, IR_div, IR_divu, IR_rem, IR_remu,
        IR_shl, IR_shr, IR_sar, IR_rotr, IR_rotl,
    };
    static const IROpcode un[] = {
        IR_mov, IR_neg, IR_not, IR_clz, IR_ctz, IR_ctpop, IR_bswap16, IR_bswap, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u,
    };
    Pool p = { .n = { 0, 0 } };
    uint32_t pending[16];
    int npend = 0;

    prog_begin();
    for (int i = 0; i < NW; i++) {
        pool_add(&p, W[i]);
        pool_add(&p, X[i]);
    }
    for (int i = 0; i < 6; i++) {
        IRType t = i & 1 ? IR_I64 : IR_I32;
        IRTemp l = ir_local(C, t);
        ir_ldenv(C, l, OFF_IN(i), mo_of(t));
        pool_add(&p, l);
    }
    int nout = 0;
    for (int n = 0; n < nops; n++) {
        IRType t = rndn(2) ? IR_I64 : IR_I32;
        int w = tbits(t);
        int r = rndn(100);
        if (r < 30) {
            IROpcode opc = bin[rndn(ARRAY_LEN(bin))];
            IRTemp a = pool_pick(&p, t, true), b;
            if (is_count_op(opc)) {
                if (rndn(3) == 0) {
                    b = K(t, rndn((unsigned)w));
                } else {
                    b = ir_temp(C, t);
                    ir_andi(C, b, pool_pick(&p, t, false), (uint64_t)w - 1);
                }
            } else {
                b = pool_pick(&p, t, true);
            }
            IRTemp d = pool_dest(&p, t);
            ir_emit(C, opc, t, 3, IR_A(d, a, b));
        } else if (r < 42) {
            IROpcode opc = un[rndn(ARRAY_LEN(un))];
            IRTemp a = pool_pick(&p, t, opc == IR_mov), d = pool_dest(&p, t);
            ir_emit(C, opc, t, 2, IR_A(d, a));
        } else if (r < 47) {
            /* (The builder macros evaluate their arguments more than once.) */
            IRTemp s32 = pool_pick(&p, IR_I32, false), s64 = pool_pick(&p, IR_I64, false), d;
            switch (rndn(5)) {
            case 0: d = pool_dest(&p, IR_I64); ir_zext(C, d, s32); break;
            case 1: d = pool_dest(&p, IR_I64); ir_sext(C, d, s32); break;
            case 2: d = pool_dest(&p, IR_I32); ir_trunc(C, d, s64); break;
            case 3: d = pool_dest(&p, IR_I32); ir_trunch(C, d, s64); break;
            default: {
                IRTemp lo = pool_pick(&p, IR_I32, true), hi = pool_pick(&p, IR_I32, true);
                d = pool_dest(&p, IR_I64);
                ir_concat(C, d, lo, hi);
                break;
            }
            }
        } else if (r < 53) {
            int pos = rndn((unsigned)w), len = 1 + rndn((unsigned)(w - pos));
            IRTemp a = pool_pick(&p, t, false), b = pool_pick(&p, t, false), d = pool_dest(&p, t);
            switch (rndn(3)) {
            case 0: ir_extract(C, d, a, pos, len); break;
            case 1: ir_sextract(C, d, a, pos, len); break;
            default: ir_deposit(C, d, a, b, pos, len); break;
            }
        } else if (r < 60) {
            IRCond c = (IRCond)rndn(IR_NB_CONDS);
            IRTemp a = pool_pick(&p, t, true), b = pool_pick(&p, t, true);
            IRTemp v1 = pool_pick(&p, t, true), v2 = pool_pick(&p, t, true), d = pool_dest(&p, t);
            if (rndn(2)) {
                ir_setcond(C, d, a, b, c);
            } else {
                ir_movcond(C, d, a, b, v1, v2, c);
            }
        } else if (r < 63) {
            IRTemp a = pool_pick(&p, t, true), b = pool_pick(&p, t, true);
            IRTemp lo = pool_dest(&p, t), hi = pool_dest(&p, t);
            if (lo == hi) {
                hi = ir_temp(C, t);
                pool_add(&p, hi);
            }
            ir_emit(C, rndn(2) ? IR_mulu2 : IR_muls2, t, 4, IR_A(lo, hi, a, b));
        } else if (r < 72) {
            uint32_t off;
            IRTemp a = fuzz_addr(&p, &off);
            int size = rndn(t == IR_I64 ? 4 : 3);
            int mo = size | (rndn(2) ? IR_MO_BSWAP : 0) | (size < 3 && rndn(2) ? IR_MO_SIGN : 0);
            IRTemp v;
            switch (rndn(3)) {
            case 0:
                v = pool_dest(&p, t);
                ir_ld(C, v, a, off, mo);
                break;
            case 1:
                v = pool_pick(&p, t, true);
                ir_st(C, v, a, off, mo & ~IR_MO_SIGN);
                break;
            default: {
                /* full-width compare so the expected value needs no masking */
                mo = (t == IR_I64 ? IR_MO_64 : IR_MO_32) | (mo & IR_MO_BSWAP);
                IRTemp e = pool_pick(&p, t, false);
                if (rndn(2)) {
                    IRTemp cur = ir_temp(C, t);
                    ir_ld(C, cur, a, off, mo);
                    e = cur;    /* make success likely */
                }
                IRTemp nv = pool_pick(&p, t, false);
                v = pool_dest(&p, t);
                ir_cmpxchg(C, v, a, e, nv, off, mo);
                break;
            }
            }
        } else if (r < 78) {
            if (nout < 32) {
                st_out(pool_pick(&p, t, false), 64 + nout);
                nout++;
            }
        } else if (r < 83) {
            const HelperInfo *h = fuzz_helpers[rndn(ARRAY_LEN(fuzz_helpers))];
            IRTemp args[6];
            int k = 0;
            for (int i = 0; i < h->nargs; i++) {
                if (h->args[i] != HT_env) {
                    args[k++] = pool_pick(&p, h->args[i] == HT_i64 ? IR_I64 : IR_I32, true);
                }
            }
            IRTemp d = h->ret == HT_void ? IR_NO_TEMP : pool_dest(&p, h->ret == HT_i64 ? IR_I64 : IR_I32);
            ir_call(C, h, d, k, args);
        } else if (r < 89) {
            if (npend < 16) {
                uint32_t l = ir_new_label(C);
                pending[npend++] = l;
                if (rndn(5) == 0) {
                    ir_br(C, l);
                } else {
                    IRTemp a = pool_pick(&p, t, true), b = pool_pick(&p, t, true);
                    ir_brcond(C, a, b, (IRCond)rndn(IR_NB_CONDS), l);
                }
                pool_drop_normals(&p);
            }
        } else if (r < 95) {
            if (npend) {
                int i = rndn((unsigned)npend);
                ir_label(C, pending[i]);
                pending[i] = pending[--npend];
                pool_drop_normals(&p);
            }
        } else if (r < 97) {
            if (rndn(2)) {
                ir_insn_start(C, 0x8000 + 4 * (uint32_t)n, 0);
            } else {
                ir_mb(C, IR_MB_FULL);
            }
        } else {
            IRTemp d = pool_dest(&p, t);
            ir_ldenv(C, d, OFF_IN(8 + rndn(8)), mo_of(t));
        }
    }
    while (npend) {
        ir_label(C, pending[--npend]);
    }
}

START_TEST(test_fuzz)
{
    test_begin(80);
    for (int p = 0; p < 600 && nfail <= MAX_REPORTS; p++) {
        gen_fuzz(20 + rndn(100));
        void *code = prog_compile();
        for (int r = 0; code && r < 6; r++) {
            state_random();
            mem_random();
            want_begin();
            interpret();
            WHAT("random program %d, run %d", p, r);
            run(code);
            state_check();
        }
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Minimal reproducers of the backend bugs these tests found (all fixed in
 * backends/x86_64; the systematic tests above cover them too). */

START_TEST(test_regressions)
{
    void *code;
    test_begin(90);

    /* 1. movcond with IR_ALWAYS / IR_NEVER: cond_map has no x86 condition
     *    for them (0 = CC_O), so "cmp; cmovo" picked v2 for always. */
    for (int c = 0; c < 2; c++) {
        prog_begin();
        ir_movcond(C, W[0], W[1], W[2], W[3], W[4], c ? IR_ALWAYS : IR_NEVER);
        code = prog_compile();
        state_random();
        want_begin();
        want.w[0] = c ? cpu.w[3] : cpu.w[4];
        WHAT("regression: movcond i32 W0 <- W1, W2, W3, W4, %s", c ? "always" : "never");
        if (code) {
            run(code);
            state_check();
        }
    }

    /* 2. mulu2/muls2 i64: the lowering asserted !w64. */
    for (int sgn = 0; sgn < 2; sgn++) {
        prog_begin();
        ir_emit(C, sgn ? IR_muls2 : IR_mulu2, IR_I64, 4, IR_A(X[0], X[3], X[1], X[2]));
        code = prog_compile();
        state_random();
        want_begin();
        ref_mul2(sgn, IR_I64, cpu.x[1], cpu.x[2], &want.x[0], &want.x[3]);
        WHAT("regression: %s i64 X0, X3 <- X1, X2", sgn ? "muls2" : "mulu2");
        if (code) {
            run(code);
            state_check();
        }
    }

    /* 3. cmpxchg with IR_MO_BSWAP and an offset outside +-GUEST_GUARD:
     *    the scratch register holds the swapped new value, so the address
     *    had nowhere to go (ASSERT). */
    prog_begin();
    ir_cmpxchg(C, W[0], W[1], W[2], W[3], 0x12345, IR_MO_32 | IR_MO_BSWAP);
    code = prog_compile();
    state_random();
    mem_random();
    cpu.w[1] = MEM_LO + 0x100 - 0x12345;
    cpu.w[2] = (uint32_t)mem_get(MEM_LO + 0x100, IR_MO_32 | IR_MO_BSWAP, IR_I32);
    want_begin();
    want.w[0] = cpu.w[2];
    mem_put(MEM_LO + 0x100, IR_MO_32 | IR_MO_BSWAP, cpu.w[3]);
    WHAT("regression: cmpxchg i32 W0 <- W1, W2, W3, $0x12345, u32_bs");
    if (code) {
        run(code);
        state_check();
    }

    /* 4. fadd/fmul with the output in the second operand's register were
     *    emitted as b + a; with two NaNs x86 returns the first source, so
     *    the result had b's payload instead of a's. */
    for (int m = 0; m < 2; m++) {
        prog_begin();
        IRTemp a = ld_in(IR_F32, 0), r = ir_temp(C, IR_F32);
        IRTemp b = ir_temp(C, IR_F32);
        ir_ldenv(C, b, OFF_IN(1), IR_MO_32);
        ir_emit(C, m ? IR_fmul : IR_fadd, IR_F32, 3, IR_A(r, a, b));    /* r may take b's register */
        st_out(r, 0);
        st_out(a, 1);
        code = prog_compile();
        state_random();
        set_in(IR_F32, 0, 0x7fc00001);
        set_in(IR_F32, 1, 0x7fc00002);
        want_begin();
        want_out(IR_F32, 0, 0x7fc00001);
        want_out(IR_F32, 1, 0x7fc00001);
        WHAT("regression: %s f32 qNaN(1), qNaN(2) with the result in b's register", m ? "fmul" : "fadd");
        if (code) {
            run(code);
            state_check();
        }
    }

    /* 5. A helper's i32 result was used with bits 63:32 of rax as the
     *    callee left them (undefined in the SysV ABI). */
    prog_begin();
    {
        IRTemp r = ir_temp(C, IR_I32);
        ir_calln(C, &hi_dirty, r, W[1]);
        ir_itof(C, D[0], r, 0);
    }
    code = prog_compile();
    state_random();
    want_begin();
    want.d[0] = d2u((double)cpu.w[1]);
    WHAT("regression: call dirty32 (rax = 0xdeadbeef:x); itof unsigned");
    if (code) {
        run(code);
        state_check();
    }

    /* 6. vgetlane of a 64-bit lane into an i32 used pextrq, leaving the
     *    lane's high half in the upper half of the i32's register. */
    prog_begin();
    {
        IRTemp r = ir_temp(C, IR_I32);
        ir_vgetlane(C, r, V[1], 3, 1);
        ir_itof(C, D[0], r, 0);
    }
    code = prog_compile();
    state_random();
    want_begin();
    want.d[0] = d2u((double)(uint32_t)lane_get(cpu.v[1], 3, 1));
    WHAT("regression: vgetlane i32 <- V1 lane 64[1]; itof unsigned");
    if (code) {
        run(code);
        state_check();
    }
    test_end();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Suite: every test in both configurations. */

static void cfg_native(void)
{
    x86_features = native_features;
    backend_init();
    cfg_name = "native";
}

static void cfg_fallback(void)
{
    x86_features = native_features;
    x86_features.bmi1 = 0;
    x86_features.bmi2 = 0;
    x86_features.lzcnt = 0;
    x86_features.movbe = 0;
    x86_features.fma = 0;
    backend_init();
    cfg_name = "fallback";
    if (x86_features.bmi1 || x86_features.bmi2 || x86_features.lzcnt || x86_features.movbe || x86_features.fma) {
        fprintf(stderr, "test-lower: backend_init re-detected the CPU features; the fallback config is not tested\n");
        cfg_name = "fallback(NOT FORCED)";
    }
}

typedef struct TestDef {
    const char *name;
    const TTest *fn;
} TestDef;

#define TEST_LIST(X) \
    X("int alu", test_int_alu) \
    X("int shift", test_int_shift) \
    X("int div", test_int_div) \
    X("int unary", test_int_unary) \
    X("int conv", test_int_conv) \
    X("int setcond", test_int_setcond) \
    X("int field", test_int_field) \
    X("int movcond", test_int_movcond) \
    X("int mul2", test_int_mul2) \
    X("flt arith", test_flt_arith) \
    X("flt unary", test_flt_unary) \
    X("flt conv", test_flt_conv) \
    X("flt cmp", test_flt_cmp) \
    X("flt fma", test_flt_fma) \
    X("mem ld", test_mem_ld) \
    X("mem st", test_mem_st) \
    X("mem float/vector", test_mem_x) \
    X("mem cmpxchg", test_mem_cmpxchg) \
    X("vec arith", test_vec_arith) \
    X("vec shift", test_vec_shift) \
    X("vec lanes", test_vec_lanes) \
    X("call args", test_call_args) \
    X("call env", test_call_env) \
    X("call flags", test_call_flags) \
    X("call live", test_call_live) \
    X("call i32 result", test_call_ret32) \
    X("ctrl loop", test_ctrl_loop) \
    X("ctrl branch", test_ctrl_branch) \
    X("ctrl exits", test_ctrl_exits) \
    X("ctrl lookup_and_goto", test_ctrl_lookup) \
    X("env access", test_env_access) \
    X("flt round flags", test_flt_round_flags) \
    X("pressure int", test_pressure_int) \
    X("pressure xmm", test_pressure_xmm) \
    X("pressure frame overflow", test_pressure_frame_overflow) \
    X("fuzz", test_fuzz) \
    X("regressions", test_regressions) \

static Suite *lower_suite(void)
{
    Suite *s = suite_create("x86_64 lowering (execution)");
#define ENTRY(n, f) { n, f },
    const TestDef tests[] = { TEST_LIST(ENTRY) };
#undef ENTRY
    for (int cfg = 0; cfg < 2; cfg++) {
        for (size_t i = 0; i < ARRAY_LEN(tests); i++) {
            char *name;
            if (asprintf(&name, "%s/%s", cfg ? "fallback" : "native", tests[i].name) < 0) {
                abort();
            }
            TCase *tc = tcase_create(name);
            tcase_set_timeout(tc, 600);
            tcase_add_unchecked_fixture(tc, cfg ? cfg_fallback : cfg_native, NULL);
            _tcase_add_test(tc, tests[i].fn, 0, 0, 0, 1);
            suite_add_tcase(s, tc);
        }
    }
    return s;
}

int main(void)
{
    x86_features_init();
    native_features = x86_features;
    guest_mem_init(0xc0000000u);
    tb_cache_init(64u << 20);
    if (target_mmap(MEM_LO, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
            MEM_LO ||
        target_mmap(MEM_HI, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
            MEM_HI) {
        fprintf(stderr, "test-lower: cannot map the guest test pages\n");
        return EXIT_FAILURE;
    }
    ir_setup();
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fprintf(stderr, "test-lower: cs_open failed\n");
        return EXIT_FAILURE;
    }
    fprintf(stderr, "test-lower: host features bmi1=%d bmi2=%d lzcnt=%d movbe=%d fma=%d\n", native_features.bmi1,
            native_features.bmi2, native_features.lzcnt, native_features.movbe, native_features.fma);
    SRunner *sr = srunner_create(lower_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    cs_close(&cs);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
