/*
 * C helpers of the VFP arithmetic family (frontends/arm/vfp.c): the FPSCR
 * accessors that map it onto the host MXCSR, and the complete ARM
 * semantics of every VFP operation for the cases translated code leaves to
 * C -- NaN results, results at the edge of the normal range, flush-to-zero
 * mode, saturating conversions, half precision and the ARMv8 rounding
 * modes.
 *
 * Where the guest's exception flags live: env->fpscr keeps what the guest
 * last wrote with VMSR (control bits, NZCV and cumulative flags), and the
 * host MXCSR accumulates the flags that guest arithmetic has raised since
 * (arm_fpscr_set clears them).  The guest sees the union.  The mapping is
 * IE->IOC, ZE->DZC, OE->OFC, UE->UFC, PE->IXC, and DE->IDC in flush-to-zero
 * mode only: with FZ clear the host's DE merely reports a denormal operand,
 * which ARM does not flag; with FZ set translated code sets the host's
 * DAZ, which never raises DE, so DE then only comes from these helpers.
 *
 * Each helper runs its host operations with a MXCSR of its own (the
 * guest's rounding, no flushing, flags cleared), reads the flags of each
 * operation, turns them into ARM flags, and finally restores the guest's
 * MXCSR with the ARM flags of the whole instruction added.  Host
 * arithmetic is inline SSE so that the compiler can neither fold it nor
 * move it across those MXCSR accesses.
 */
#include "frontends/arm/helpers.h"

#include <math.h>
#include <string.h>

#include "frontends/arm/vfp.h"

/* ---- the host MXCSR ---- */

#define MX_IE       0x0001u
#define MX_DE       0x0002u
#define MX_ZE       0x0004u
#define MX_OE       0x0008u
#define MX_UE       0x0010u
#define MX_PE       0x0020u
#define MX_FLAGS    0x003fu
#define MX_DAZ      0x0040u
#define MX_MASKALL  0x1f80u
#define MX_RC_SHIFT 13
#define MX_FTZ      0x8000u

static inline uint32_t mx_get(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static inline void mx_set(uint32_t v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

/* ARM orders the directed modes +inf, -inf; x86 orders them down, up. */
static uint32_t rm_to_rc(uint32_t rm)
{
    return ((rm & 1) << 1) | ((rm >> 1) & 1);
}

static uint32_t mx_to_fpscr(uint32_t mx, bool fz)
{
    uint32_t f = (mx & MX_IE) | (mx & (MX_ZE | MX_OE | MX_UE | MX_PE)) >> 1;
    if (fz && (mx & MX_DE)) {
        f |= FPSCR_IDC;
    }
    return f;
}

static uint32_t fpscr_to_mx(uint32_t f, bool fz)
{
    uint32_t mx = (f & FPSCR_IOC) | (f & (FPSCR_DZC | FPSCR_OFC | FPSCR_UFC | FPSCR_IXC)) << 1;
    if (fz && (f & FPSCR_IDC)) {
        mx |= MX_DE;
    }
    return mx;
}

uint32_t arm_fpscr_get(CPUARMState *env)
{
    return env->fpscr | mx_to_fpscr(mx_get() & MX_FLAGS, env->fpscr & FPSCR_FZ);
}

void arm_fpscr_set(CPUARMState *env, uint32_t val)
{
    val &= FPSCR_MASK;
    env->fpscr = val;
    uint32_t mx = MX_MASKALL | rm_to_rc((val >> FPSCR_RMODE_SHIFT) & 3) << MX_RC_SHIFT;
    if (val & FPSCR_FZ) {
        mx |= MX_FTZ | MX_DAZ;
    }
    mx_set(mx);
    uint32_t tbf = env->common.tb_flags & ~ARM_TBF_FP_MASK;
    if (val & FPSCR_FZ) {
        tbf |= ARM_TBF_FPFZ;
    }
    if (val & FPSCR_LEN_STRIDE) {
        tbf |= ARM_TBF_FPVEC;
    }
    env->common.tb_flags = tbf;
}

uint32_t helper_vfp_get_fpscr(CPUARMState *env) { return arm_fpscr_get(env); }
void helper_vfp_set_fpscr(CPUARMState *env, uint32_t val) { arm_fpscr_set(env, val); }

/* ---- IEEE formats on bit patterns (dbl: binary64, else binary32) ---- */

static inline uint64_t f_sign(bool dbl) { return dbl ? 1ull << 63 : 1ull << 31; }
static inline uint64_t f_exp(bool dbl) { return dbl ? 0x7ff0000000000000ull : 0x7f800000ull; }
static inline uint64_t f_frac(bool dbl) { return dbl ? 0x000fffffffffffffull : 0x007fffffull; }
static inline uint64_t f_qbit(bool dbl) { return dbl ? 1ull << 51 : 1ull << 22; }
static inline uint64_t f_minnorm(bool dbl) { return dbl ? 1ull << 52 : 1ull << 23; }
static inline uint64_t f_dnan(bool dbl) { return f_exp(dbl) | f_qbit(dbl); }
static inline uint64_t f_mag(bool dbl, uint64_t x) { return x & ~f_sign(dbl); }
static inline bool f_isnan(bool dbl, uint64_t x) { return f_mag(dbl, x) > f_exp(dbl); }
static inline bool f_issnan(bool dbl, uint64_t x) { return f_isnan(dbl, x) && !(x & f_qbit(dbl)); }
static inline bool f_isqnan(bool dbl, uint64_t x) { return f_isnan(dbl, x) && (x & f_qbit(dbl)); }
static inline bool f_isinf(bool dbl, uint64_t x) { return f_mag(dbl, x) == f_exp(dbl); }
static inline bool f_iszero(bool dbl, uint64_t x) { return f_mag(dbl, x) == 0; }
static inline bool f_isdenorm(bool dbl, uint64_t x) { return !(x & f_exp(dbl)) && (x & f_frac(dbl)); }

static inline float bits_f(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline double bits_d(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static inline uint32_t f_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static inline uint64_t d_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

/* a < b for values that are neither NaN nor both zero. */
static bool f_lt(bool dbl, uint64_t a, uint64_t b)
{
    uint64_t s = f_sign(dbl);
    if ((a ^ b) & s) {
        return (a & s) != 0;
    }
    return (a & s) ? a > b : a < b;
}

/* -1, 0, 1 for a <, ==, > b; neither is a NaN. */
static int f_compare(bool dbl, uint64_t a, uint64_t b)
{
    if (a == b || (f_iszero(dbl, a) && f_iszero(dbl, b))) {
        return 0;
    }
    return f_lt(dbl, a, b) ? -1 : 1;
}

/* ---- host arithmetic ---- */

enum { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_FMA, H_CVT };

static bool host_has_fma(void)
{
    static int have = -1;
    if (have < 0) {
        __builtin_cpu_init();
        have = __builtin_cpu_supports("fma") ? 1 : 0;
    }
    return have;
}

/* The C library's fma, for hosts without FMA3; called through a volatile
 * pointer so that the call stays between the MXCSR accesses. */
static float (*volatile libm_fmaf)(float, float, float) = fmaf;
static double (*volatile libm_fma)(double, double, double) = fma;

#define SSE2(insn, d, s) __asm__ volatile(insn " %1, %0" : "+x"(d) : "x"(s))

/* One host operation in rounding mode rm (VFP_RM_NEAREST..ZERO), with every
 * exception masked and nothing flushed; *mxf gets its MXCSR flags.  dbl is
 * the width of the operands, and of the result except for H_CVT, which
 * converts a to the other width.  H_SQRT and H_CVT take a; H_FMA computes
 * a * b + c. */
static uint64_t host_arith(int op, bool dbl, uint64_t a, uint64_t b, uint64_t c, uint32_t rm, uint32_t *mxf)
{
    uint64_t r;
    mx_set(MX_MASKALL | rm_to_rc(rm) << MX_RC_SHIFT);
    if (dbl) {
        double x = bits_d(a), y = bits_d(b), z = bits_d(c);
        float f;
        switch (op) {
        case H_ADD: SSE2("addsd", x, y); break;
        case H_SUB: SSE2("subsd", x, y); break;
        case H_MUL: SSE2("mulsd", x, y); break;
        case H_DIV: SSE2("divsd", x, y); break;
        case H_SQRT: SSE2("sqrtsd", x, x); break;
        case H_FMA:
            if (host_has_fma()) {
                __asm__ volatile("vfmadd231sd %2, %1, %0" : "+x"(z) : "x"(x), "x"(y));
                x = z;
            } else {
                x = libm_fma(x, y, z);
            }
            break;
        default:
            __asm__ volatile("cvtsd2ss %1, %0" : "=x"(f) : "x"(x));
            *mxf = mx_get() & MX_FLAGS;
            return f_bits(f);
        }
        r = d_bits(x);
    } else {
        float x = bits_f((uint32_t)a), y = bits_f((uint32_t)b), z = bits_f((uint32_t)c);
        double d;
        switch (op) {
        case H_ADD: SSE2("addss", x, y); break;
        case H_SUB: SSE2("subss", x, y); break;
        case H_MUL: SSE2("mulss", x, y); break;
        case H_DIV: SSE2("divss", x, y); break;
        case H_SQRT: SSE2("sqrtss", x, x); break;
        case H_FMA:
            if (host_has_fma()) {
                __asm__ volatile("vfmadd231ss %2, %1, %0" : "+x"(z) : "x"(x), "x"(y));
                x = z;
            } else {
                x = libm_fmaf(x, y, z);
            }
            break;
        default:
            __asm__ volatile("cvtss2sd %1, %0" : "=x"(d) : "x"(x));
            *mxf = mx_get() & MX_FLAGS;
            return d_bits(d);
        }
        r = f_bits(x);
    }
    *mxf = mx_get() & MX_FLAGS;
    return r;
}

/* Round to an integral value in rm (any VFP_RM_* but FPSCR), raising
 * nothing; x is finite. */
static double host_rint_d(double x, uint32_t rm)
{
    double r;
    switch (rm) {
    case VFP_RM_NEAREST: __asm__ volatile("roundsd $8, %1, %0" : "=x"(r) : "x"(x)); break;
    case VFP_RM_MINUSINF: __asm__ volatile("roundsd $9, %1, %0" : "=x"(r) : "x"(x)); break;
    case VFP_RM_PLUSINF: __asm__ volatile("roundsd $10, %1, %0" : "=x"(r) : "x"(x)); break;
    case VFP_RM_ZERO: __asm__ volatile("roundsd $11, %1, %0" : "=x"(r) : "x"(x)); break;
    default: {
        /* Ties away from zero: the fraction x - trunc(x) is exact. */
        __asm__ volatile("roundsd $11, %1, %0" : "=x"(r) : "x"(x));
        double frac = x - r;
        if (fabs(frac) >= 0.5) {
            r += copysign(1.0, x);
        }
        break;
    }
    }
    return r;
}

/* ---- the ARM rules ---- */

typedef struct FpState {
    uint32_t saved;         /* the guest's MXCSR on entry */
    uint32_t fpscr;         /* its FPSCR (DN, FZ, AHP, RMode) */
    uint32_t rm;            /* FPSCR.RMode as a VFP_RM_* */
    uint32_t exc;           /* ARM flags raised by this instruction */
} FpState;

static void fp_enter(FpState *s, CPUARMState *env)
{
    s->saved = mx_get();
    s->fpscr = env->fpscr;
    s->rm = (s->fpscr >> FPSCR_RMODE_SHIFT) & 3;
    s->exc = 0;
    mx_set(MX_MASKALL | rm_to_rc(s->rm) << MX_RC_SHIFT);
}

static void fp_leave(FpState *s)
{
    mx_set(s->saved | fpscr_to_mx(s->exc, s->fpscr & FPSCR_FZ));
}

/* FPUnpack's flush of a denormal input. */
static uint64_t fp_flush_in(FpState *s, bool dbl, uint64_t x)
{
    if ((s->fpscr & FPSCR_FZ) && f_isdenorm(dbl, x)) {
        s->exc |= FPSCR_IDC;
        return x & f_sign(dbl);
    }
    return x;
}

/* FPProcessNaN */
static uint64_t fp_nan1(FpState *s, bool dbl, uint64_t x)
{
    if (f_issnan(dbl, x)) {
        s->exc |= FPSCR_IOC;
        x |= f_qbit(dbl);
    }
    return (s->fpscr & FPSCR_DN) ? f_dnan(dbl) : x;
}

/* FPProcessNaNs: the first signalling NaN, else the first quiet one. */
static bool fp_nans(FpState *s, bool dbl, const uint64_t *v, int n, uint64_t *r)
{
    for (int i = 0; i < n; i++) {
        if (f_issnan(dbl, v[i])) {
            *r = fp_nan1(s, dbl, v[i]);
            return true;
        }
    }
    for (int i = 0; i < n; i++) {
        if (f_isnan(dbl, v[i])) {
            *r = fp_nan1(s, dbl, v[i]);
            return true;
        }
    }
    return false;
}

/*
 * A host operation on operands without NaNs, with its result and flags
 * brought to ARM's rules:
 *  - a NaN result is an invalid operation: the default NaN (x86's is
 *    negative);
 *  - tininess is detected before rounding: a result that rounded up to the
 *    smallest normal is tiny if the same operation rounded towards zero
 *    stays below it (x86 detects it after rounding);
 *  - in flush-to-zero mode a tiny result becomes a zero of its sign and
 *    raises only UFC; otherwise a tiny inexact result raises UFC.
 * dbl is the width of the result.
 */
static uint64_t fp_host(FpState *s, int op, bool dbl, uint64_t a, uint64_t b, uint64_t c)
{
    uint32_t mxf, mxz;
    bool in_dbl = op == H_CVT ? !dbl : dbl;
    uint64_t r = host_arith(op, in_dbl, a, b, c, s->rm, &mxf);
    if (f_isnan(dbl, r)) {
        s->exc |= FPSCR_IOC;
        return f_dnan(dbl);
    }
    uint64_t mag = f_mag(dbl, r), mn = f_minnorm(dbl);
    bool inexact = mxf & MX_PE;
    bool tiny = mag < mn && (mag != 0 || inexact);
    if (mag == mn && inexact) {
        uint64_t z = host_arith(op, in_dbl, a, b, c, VFP_RM_ZERO, &mxz);
        tiny = f_mag(dbl, z) < mn;
    }
    uint32_t exc = mx_to_fpscr(mxf & ~(MX_DE | MX_UE), false);
    if (tiny && (s->fpscr & FPSCR_FZ)) {
        r &= f_sign(dbl);
        exc = FPSCR_UFC;
    } else if (tiny && inexact) {
        exc |= FPSCR_UFC;
    }
    s->exc |= exc;
    return r;
}

/* FPAdd, FPSub, FPMul, FPDiv */
static uint64_t fp_binop(FpState *s, int op, bool dbl, uint64_t a, uint64_t b)
{
    uint64_t v[2] = { fp_flush_in(s, dbl, a), fp_flush_in(s, dbl, b) }, r;
    if (fp_nans(s, dbl, v, 2, &r)) {
        return r;
    }
    return fp_host(s, op, dbl, v[0], v[1], 0);
}

/* FPMulAdd(addend, a, b): one rounding of addend + a * b. */
static uint64_t fp_muladd(FpState *s, bool dbl, uint64_t addend, uint64_t a, uint64_t b)
{
    uint64_t v[3] = { fp_flush_in(s, dbl, addend), fp_flush_in(s, dbl, a), fp_flush_in(s, dbl, b) }, r;
    bool infzero = (f_isinf(dbl, v[1]) && f_iszero(dbl, v[2])) || (f_iszero(dbl, v[1]) && f_isinf(dbl, v[2]));
    if (f_isqnan(dbl, v[0]) && infzero) {
        s->exc |= FPSCR_IOC;
        return f_dnan(dbl);
    }
    if (fp_nans(s, dbl, v, 3, &r)) {
        return r;
    }
    return fp_host(s, H_FMA, dbl, v[1], v[2], v[0]);
}

/* FPMaxNum / FPMinNum: a quiet NaN loses to anything else. */
static uint64_t fp_minmaxnum(FpState *s, bool dbl, uint64_t a, uint64_t b, bool max)
{
    uint64_t v[2] = { fp_flush_in(s, dbl, a), fp_flush_in(s, dbl, b) }, r;
    uint64_t inf = f_exp(dbl) | (max ? f_sign(dbl) : 0);
    if (f_isqnan(dbl, v[0]) && !f_isqnan(dbl, v[1])) {
        v[0] = inf;
    } else if (!f_isqnan(dbl, v[0]) && f_isqnan(dbl, v[1])) {
        v[1] = inf;
    }
    if (fp_nans(s, dbl, v, 2, &r)) {
        return r;
    }
    if (f_iszero(dbl, v[0]) && f_iszero(dbl, v[1])) {
        return max ? v[0] & v[1] : v[0] | v[1];
    }
    bool a_first = max ? f_lt(dbl, v[1], v[0]) : f_lt(dbl, v[0], v[1]);
    return a_first ? v[0] : v[1];
}

/* FPRoundInt */
static uint64_t fp_rint(FpState *s, bool dbl, uint64_t x, uint32_t rm, bool exact)
{
    x = fp_flush_in(s, dbl, x);
    if (f_isnan(dbl, x)) {
        return fp_nan1(s, dbl, x);
    }
    if (f_isinf(dbl, x) || f_iszero(dbl, x)) {
        return x;
    }
    uint64_t r;
    if (dbl) {
        r = d_bits(host_rint_d(bits_d(x), rm));
    } else {
        /* Every single is exact as a double, and so is its rounding. */
        double d = host_rint_d((double)bits_f((uint32_t)x), rm);
        r = f_bits((float)d) | (x & f_sign(false));
    }
    if (exact && r != x) {
        s->exc |= FPSCR_IXC;
    }
    return r;
}

static uint64_t fp_arith(CPUARMState *env, uint32_t op, bool dbl, uint64_t n, uint64_t m, uint64_t d)
{
    FpState s;
    uint64_t sign = f_sign(dbl), r;
    fp_enter(&s, env);
    switch (op & 0xff) {
    case VOP_ADD: r = fp_binop(&s, H_ADD, dbl, n, m); break;
    case VOP_SUB: r = fp_binop(&s, H_SUB, dbl, n, m); break;
    case VOP_MUL: r = fp_binop(&s, H_MUL, dbl, n, m); break;
    case VOP_DIV: r = fp_binop(&s, H_DIV, dbl, n, m); break;
    case VOP_SQRT:
        m = fp_flush_in(&s, dbl, m);
        r = f_isnan(dbl, m) ? fp_nan1(&s, dbl, m) : fp_host(&s, H_SQRT, dbl, m, 0, 0);
        break;
    /* FPNeg is a plain sign flip, NaNs included, done where the ARM ARM
     * does it: after the product is rounded, before the addition. */
    case VOP_NMUL: r = fp_binop(&s, H_MUL, dbl, n, m) ^ sign; break;
    case VOP_MLA: r = fp_binop(&s, H_ADD, dbl, d, fp_binop(&s, H_MUL, dbl, n, m)); break;
    case VOP_MLS: r = fp_binop(&s, H_ADD, dbl, d, fp_binop(&s, H_MUL, dbl, n, m) ^ sign); break;
    case VOP_NMLA: r = fp_binop(&s, H_ADD, dbl, d ^ sign, fp_binop(&s, H_MUL, dbl, n, m) ^ sign); break;
    case VOP_NMLS: r = fp_binop(&s, H_ADD, dbl, d ^ sign, fp_binop(&s, H_MUL, dbl, n, m)); break;
    case VOP_FMA: r = fp_muladd(&s, dbl, d, n, m); break;
    case VOP_FMS: r = fp_muladd(&s, dbl, d, n ^ sign, m); break;
    case VOP_FNMA: r = fp_muladd(&s, dbl, d ^ sign, n ^ sign, m); break;
    case VOP_FNMS: r = fp_muladd(&s, dbl, d ^ sign, n, m); break;
    case VOP_MAXNM: r = fp_minmaxnum(&s, dbl, n, m, true); break;
    case VOP_MINNM: r = fp_minmaxnum(&s, dbl, n, m, false); break;
    default: {
        uint32_t rm = (op >> VOP_RINT_RM_SHIFT) & 7;
        r = fp_rint(&s, dbl, m, rm == VFP_RM_FPSCR ? s.rm : rm, op & VOP_RINT_EXACT);
        break;
    }
    }
    fp_leave(&s);
    return r;
}

uint32_t helper_vfp_arith_s(CPUARMState *env, uint32_t op, uint32_t n, uint32_t m, uint32_t d)
{
    return (uint32_t)fp_arith(env, op, false, n, m, d);
}

uint64_t helper_vfp_arith_d(CPUARMState *env, uint32_t op, uint64_t n, uint64_t m, uint64_t d)
{
    return fp_arith(env, op, true, n, m, d);
}

/* FPCompare: FPSCR.NZCV <- less 1000, equal 0110, greater 0010, unordered
 * 0011; a signalling NaN, or with VCMPE any NaN, is an invalid operation. */
static void fp_cmp(CPUARMState *env, bool dbl, uint64_t a, uint64_t b, uint32_t quiet_nan_exc)
{
    FpState s;
    uint32_t nzcv;
    fp_enter(&s, env);
    a = fp_flush_in(&s, dbl, a);
    b = fp_flush_in(&s, dbl, b);
    if (f_isnan(dbl, a) || f_isnan(dbl, b)) {
        nzcv = 0x3;
        if (quiet_nan_exc || f_issnan(dbl, a) || f_issnan(dbl, b)) {
            s.exc |= FPSCR_IOC;
        }
    } else {
        int c = f_compare(dbl, a, b);
        nzcv = c < 0 ? 0x8 : c == 0 ? 0x6 : 0x2;
    }
    env->fpscr = (env->fpscr & ~FPSCR_NZCV) | nzcv << 28;
    fp_leave(&s);
}

void helper_vfp_cmp_s(CPUARMState *env, uint32_t a, uint32_t b, uint32_t e) { fp_cmp(env, false, a, b, e); }
void helper_vfp_cmp_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t e) { fp_cmp(env, true, a, b, e); }

/* FPConvert between single and double; dbl is the destination. */
static uint64_t fp_cvt(CPUARMState *env, bool dbl, uint64_t x)
{
    FpState s;
    uint64_t r;
    fp_enter(&s, env);
    x = fp_flush_in(&s, !dbl, x);
    if (f_isnan(!dbl, x)) {
        /* FPConvertNaN keeps the sign and the top of the payload. */
        uint64_t frac = x & f_frac(!dbl);
        frac = dbl ? frac << 29 : frac >> 29;
        r = (x >> (dbl ? 31 : 63) ? f_sign(dbl) : 0) | f_exp(dbl) | f_qbit(dbl) | frac;
        if (f_issnan(!dbl, x)) {
            s.exc |= FPSCR_IOC;
        }
        r = fp_nan1(&s, dbl, r);
    } else if (f_isinf(!dbl, x) || f_iszero(!dbl, x)) {
        /* Exact; the host's conversion would do, this is quicker. */
        r = (x >> (dbl ? 31 : 63) ? f_sign(dbl) : 0) | (f_isinf(!dbl, x) ? f_exp(dbl) : 0);
    } else {
        r = fp_host(&s, H_CVT, dbl, x, 0, 0);
    }
    fp_leave(&s);
    return r;
}

uint64_t helper_vfp_cvt_ds(CPUARMState *env, uint32_t a) { return fp_cvt(env, true, a); }
uint32_t helper_vfp_cvt_sd(CPUARMState *env, uint64_t a) { return (uint32_t)fp_cvt(env, false, a); }

/* FPToFixed: round x * 2^fbits to an integer in the mode's rounding and
 * saturate; a saturated result raises IOC and not IXC. */
static uint32_t fp_toi(CPUARMState *env, bool dbl, uint64_t x, uint32_t mode)
{
    FpState s;
    uint32_t rm = mode & VFP_CV_RM_MASK;
    int fbits = vfp_cv_fbits(mode);
    bool uns = mode & VFP_CV_UNSIGNED, h16 = mode & VFP_CV_16;
    double lo = uns ? 0.0 : h16 ? -32768.0 : -2147483648.0;
    double hi = uns ? (h16 ? 65535.0 : 4294967295.0) : (h16 ? 32767.0 : 2147483647.0);
    uint32_t res;

    fp_enter(&s, env);
    if (rm == VFP_RM_FPSCR) {
        rm = s.rm;
    }
    x = fp_flush_in(&s, dbl, x);
    if (f_isnan(dbl, x)) {
        s.exc |= FPSCR_IOC;
        res = 0;
    } else {
        /* Exact, but for an infinity (which saturates) and the negative
         * fbits of the UNPREDICTABLE 16-bit forms, where a double operand
         * may underflow: any nonzero value below one rounds like the
         * smallest denormal. */
        double x0 = dbl ? bits_d(x) : (double)bits_f((uint32_t)x);
        double v = x0 * ldexp(1.0, fbits);
        if (v == 0.0 && x0 != 0.0) {
            v = copysign(0x1p-1074, x0);
        }
        double r = isinf(v) ? v : host_rint_d(v, rm);
        if (r > hi || r < lo) {
            s.exc |= FPSCR_IOC;
            r = r > hi ? hi : lo;
        } else if (r != v) {
            s.exc |= FPSCR_IXC;
        }
        res = (uint32_t)(int64_t)r;
        if (h16 && !uns) {
            res = (uint32_t)(int32_t)(int16_t)res;
        }
    }
    fp_leave(&s);
    return res;
}

uint32_t helper_vfp_toi_s(CPUARMState *env, uint32_t a, uint32_t mode) { return fp_toi(env, false, a, mode); }
uint32_t helper_vfp_toi_d(CPUARMState *env, uint64_t a, uint32_t mode) { return fp_toi(env, true, a, mode); }

/* FixedToFP for a 32-bit source and a single result: the ARMv7 VCVT rounds
 * to nearest whatever FPSCR.RMode says. */
uint32_t helper_vfp_fixtos(CPUARMState *env, uint32_t v, uint32_t mode)
{
    FpState s;
    uint32_t mxf;
    double d = (mode & VFP_CV_UNSIGNED) ? (double)v : (double)(int32_t)v;
    fp_enter(&s, env);
    d *= ldexp(1.0, -vfp_cv_fbits(mode));
    uint32_t r = (uint32_t)host_arith(H_CVT, true, d_bits(d), 0, 0, VFP_RM_NEAREST, &mxf);
    s.exc |= mx_to_fpscr(mxf & MX_PE, false);
    fp_leave(&s);
    return r;
}

/* ---- half precision ---- */

/* Half to single or double: exact, but for NaNs.  Half inputs are never
 * flushed (FPUnpackCV), and the alternative format has no NaNs or
 * infinities: its largest exponent is an ordinary one. */
static uint64_t fp_from_f16(CPUARMState *env, bool dbl, uint32_t h)
{
    FpState s;
    uint64_t sign = (h & 0x8000) ? f_sign(dbl) : 0, r;
    uint32_t exp = (h >> 10) & 31, frac = h & 0x3ff;
    int fbits = dbl ? 52 : 23, bias = dbl ? 1023 : 127;

    fp_enter(&s, env);
    if (exp == 31 && !(s.fpscr & FPSCR_AHP)) {
        if (frac == 0) {
            r = sign | f_exp(dbl);
        } else {
            r = fp_nan1(&s, dbl, sign | f_exp(dbl) | (uint64_t)frac << (fbits - 10));
        }
    } else if (exp == 0 && frac == 0) {
        r = sign;
    } else {
        int e = exp ? (int)exp - 15 : -14;
        uint32_t m = exp ? frac | 0x400 : frac;
        while (!(m & 0x400)) {
            m <<= 1;
            e--;
        }
        r = sign | (uint64_t)(e + bias) << fbits | (uint64_t)(m & 0x3ff) << (fbits - 10);
    }
    fp_leave(&s);
    return r;
}

/*
 * FPRound to half precision of (-1)^sign * m * 2^q, m != 0: rounding mode
 * rm, tininess before rounding, no flushing (FPRoundCV), and in the
 * alternative format an exponent past the largest saturates with IOC.
 */
static uint32_t fp_round_f16(FpState *s, bool sign, uint64_t m, int q, bool ahp)
{
    int bl = 64 - __builtin_clzll(m);
    int exponent = q + bl - 1;                  /* floor(log2(value)) */
    int e = exponent < -14 ? -14 : exponent;    /* exponent of the result's unit */
    int shift = e - 10 - q;                     /* value / 2^(e - 10) = m >> shift */
    uint64_t mant, rem = 0, halfway = 0;
    bool above = false, exact_half = false;
    int biased = exponent < -14 ? 0 : exponent + 15;

    if (shift <= 0) {
        mant = m << -shift;
    } else if (shift >= 64 || shift > bl + 1) {
        mant = 0;
        rem = 1;                                /* some fraction below one half */
    } else {
        mant = m >> shift;
        rem = m & ((1ull << shift) - 1);
        halfway = 1ull << (shift - 1);
        above = rem > halfway;
        exact_half = rem == halfway;
    }
    if (biased == 0 && rem) {
        s->exc |= FPSCR_UFC;
    }
    bool up;
    switch (s->rm) {
    case VFP_RM_NEAREST: up = above || (exact_half && (mant & 1)); break;
    case VFP_RM_PLUSINF: up = rem && !sign; break;
    case VFP_RM_MINUSINF: up = rem && sign; break;
    default: up = false; break;
    }
    if (up) {
        mant++;
        if (mant == 0x400 && biased == 0) {
            biased = 1;                         /* a denormal rounded up to normal */
        } else if (mant == 0x800) {
            mant >>= 1;
            biased++;
        }
    }
    uint32_t r;
    if (!ahp && biased >= 31) {
        bool to_inf = s->rm == VFP_RM_NEAREST || (s->rm == VFP_RM_PLUSINF && !sign) ||
                      (s->rm == VFP_RM_MINUSINF && sign);
        s->exc |= FPSCR_OFC | FPSCR_IXC;
        return (sign ? 0x8000u : 0) | (to_inf ? 0x7c00u : 0x7bffu);
    }
    if (ahp && biased >= 32) {
        s->exc |= FPSCR_IOC;
        return (sign ? 0x8000u : 0) | 0x7fffu;
    }
    r = (sign ? 0x8000u : 0) | (uint32_t)biased << 10 | (uint32_t)(mant & 0x3ff);
    if (rem) {
        s->exc |= FPSCR_IXC;
    }
    return r;
}

/* Single or double to half: FPConvert with FZ applying to the input. */
static uint32_t fp_to_f16(CPUARMState *env, bool dbl, uint64_t x)
{
    FpState s;
    bool sign, ahp;
    uint32_t r;

    fp_enter(&s, env);
    ahp = s.fpscr & FPSCR_AHP;
    x = fp_flush_in(&s, dbl, x);
    sign = (x & f_sign(dbl)) != 0;
    if (f_isnan(dbl, x)) {
        if (ahp) {
            s.exc |= FPSCR_IOC;
            r = sign ? 0x8000u : 0;
        } else {
            if (f_issnan(dbl, x)) {
                s.exc |= FPSCR_IOC;
            }
            uint32_t frac = (uint32_t)((x & f_frac(dbl)) >> (dbl ? 42 : 13));
            r = (s.fpscr & FPSCR_DN) ? 0x7e00u : (sign ? 0x8000u : 0) | 0x7e00u | frac;
        }
    } else if (f_isinf(dbl, x)) {
        if (ahp) {
            s.exc |= FPSCR_IOC;
            r = (sign ? 0x8000u : 0) | 0x7fffu;
        } else {
            r = (sign ? 0x8000u : 0) | 0x7c00u;
        }
    } else if (f_iszero(dbl, x)) {
        r = sign ? 0x8000u : 0;
    } else {
        int fbits = dbl ? 52 : 23, bias = dbl ? 1023 : 127;
        uint64_t exp = (x & f_exp(dbl)) >> fbits, m = x & f_frac(dbl);
        int q;
        if (exp) {
            m |= 1ull << fbits;
            q = (int)exp - bias - fbits;
        } else {
            q = 1 - bias - fbits;
        }
        r = fp_round_f16(&s, sign, m, q, ahp);
    }
    fp_leave(&s);
    return r;
}

uint32_t helper_vfp_f16_to_s(CPUARMState *env, uint32_t h) { return (uint32_t)fp_from_f16(env, false, h & 0xffff); }
uint64_t helper_vfp_f16_to_d(CPUARMState *env, uint32_t h) { return fp_from_f16(env, true, h & 0xffff); }
uint32_t helper_vfp_s_to_f16(CPUARMState *env, uint32_t a) { return fp_to_f16(env, false, a); }
uint32_t helper_vfp_d_to_f16(CPUARMState *env, uint64_t a) { return fp_to_f16(env, true, a); }

#define HELPER_INFO
#include "tcg/helpers.h"
#include "frontends/arm/helpers-vfp.def"
