/* fp-arith: single and double precision +, -, *, /, multiply-add and the
 * float<->double conversions on operands from a fixed-seed PRNG that
 * favours the interesting ranges (denormals, the edges of the exponent
 * range, near-ties), in each IEEE rounding mode.  Everything printed is
 * the same on any IEEE 754 machine: exact bits (or %a) of finite and
 * infinite results, and just "nan" for NaNs, whose sign and payload x86
 * and ARM choose differently.  The rounding mode is switched with the
 * machine's own control register (VMSR FPSCR / LDMXCSR) so the test
 * needs no libm. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* Rounding modes in IEEE order: nearest, upward, downward, towards zero. */
static const char *const mode_name[4] = { "nearest", "upward", "downward", "towardzero" };

#if defined(__arm__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static void set_round(int m)
{
    static const uint32_t rmode[4] = { 0, 1, 2, 3 };   /* RN, RP, RM, RZ */
    csr_set((csr_get() & ~(3u << 22)) | rmode[m] << 22);
}
#elif defined(__x86_64__) || defined(__i386__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory"); }
static void set_round(int m)
{
    static const uint32_t rc[4] = { 0, 2, 1, 3 };      /* RN, RU, RD, RZ */
    csr_set((csr_get() & ~(3u << 13)) | rc[m] << 13);
}
#else
#error "unsupported host"
#endif

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static double d_of(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint32_t b_of_f(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static uint64_t b_of_d(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

/* A finite (rarely infinite) single with an exponent near e. */
static float rand_f(int e)
{
    uint64_t r = next();
    uint32_t sign = (uint32_t)(r >> 63) << 31, frac = (uint32_t)r & 0x7fffff;
    switch ((r >> 32) & 7) {
    case 0: return f_of(sign | frac);                                    /* denormal or zero */
    case 1: return f_of(sign | (1u << 23) | (frac & 0xff));              /* smallest normals */
    case 2: return f_of(sign | 0x7f000000u | frac);                      /* largest binade */
    case 3: return f_of(sign | (uint32_t)(127 + (int)(r >> 40) % 24) << 23 | (frac & ~0xfffu)); /* short */
    case 4: return r & (1ull << 45) ? f_of(sign | 0x7f800000u) : f_of(sign);
    default: {
        int x = e + (int)((r >> 40) & 7) - 3;
        x = x < 1 ? 1 : x > 254 ? 254 : x;
        return f_of(sign | (uint32_t)x << 23 | frac);
    }
    }
}

static double rand_d(int e)
{
    uint64_t r = next(), q = next();
    uint64_t sign = r & (1ull << 63), frac = q & 0xfffffffffffffull;
    switch ((r >> 32) & 7) {
    case 0: return d_of(sign | frac);
    case 1: return d_of(sign | (1ull << 52) | (frac & 0xffff));
    case 2: return d_of(sign | 0x7fe0000000000000ull | frac);
    case 3: return d_of(sign | (uint64_t)(1023 + (int)(r >> 40) % 53) << 52 | (frac & ~0xffffffull));
    case 4: return r & (1ull << 45) ? d_of(sign | 0x7ff0000000000000ull) : d_of(sign);
    default: {
        int x = e + (int)((r >> 40) & 15) - 7;
        x = x < 1 ? 1 : x > 2046 ? 2046 : x;
        return d_of(sign | (uint64_t)x << 52 | frac);
    }
    }
}

static uint32_t canon_f(float f) { return f != f ? 0x7fc00000u : b_of_f(f); }
static uint64_t canon_d(double d) { return d != d ? 0x7ff8000000000000ull : b_of_d(d); }

static uint64_t sum;

static void mix(uint64_t v)
{
    sum = (sum ^ v) * 0x100000001b3ull;
    sum ^= sum >> 29;
}

/* Operations on volatile operands, so that nothing is folded at compile
 * time or moved across a rounding-mode change. */
static volatile float vf[4];
static volatile double vd[4];

static void single_ops(int mode, int n, int show)
{
    for (int i = 0; i < n; i++) {
        int e1 = 1 + (int)(next() % 254);
        vf[0] = rand_f(e1);
        vf[1] = rand_f(254 - e1);           /* products near 1, quotients spread out */
        vf[2] = rand_f(e1);
        float a = vf[0], b = vf[1], c = vf[2];
        float r[6];
        r[0] = a + b;
        r[1] = a - c;
        r[2] = a * b;
        r[3] = a / b;
        vf[3] = a * b;
        r[4] = vf[3] + c;                   /* rounded product, then the sum */
        r[5] = (float)((double)a * (double)b);
        for (int k = 0; k < 6; k++) {
            mix(canon_f(r[k]));
        }
        if (i < show) {
            printf("%s f: %08x %08x %08x ->", mode_name[mode], (unsigned)b_of_f(a), (unsigned)b_of_f(b),
                   (unsigned)b_of_f(c));
            for (int k = 0; k < 6; k++) {
                printf(" %08x", (unsigned)canon_f(r[k]));
            }
            printf("\n");
        }
    }
}

static void double_ops(int mode, int n, int show)
{
    for (int i = 0; i < n; i++) {
        int e1 = 1 + (int)(next() % 2046);
        vd[0] = rand_d(e1);
        vd[1] = rand_d(2046 - e1);
        vd[2] = rand_d(e1);
        double a = vd[0], b = vd[1], c = vd[2];
        double r[5];
        float s;
        r[0] = a + b;
        r[1] = a - c;
        r[2] = a * b;
        r[3] = a / b;
        vd[3] = a * b;
        r[4] = vd[3] + c;
        s = (float)a;                       /* narrowing: overflow, denormals, ties */
        for (int k = 0; k < 5; k++) {
            mix(canon_d(r[k]));
        }
        mix(canon_f(s));
        if (i < show) {
            printf("%s d: %a %a %a ->", mode_name[mode], a, b, c);
            for (int k = 0; k < 5; k++) {
                if (r[k] != r[k]) {
                    printf(" nan");
                } else {
                    printf(" %a", r[k]);
                }
            }
            printf(" | %08x\n", (unsigned)canon_f(s));
        }
    }
}

/* Values with known answers. */
static void fixed_cases(void)
{
    static const double third = 1.0 / 3.0;
    volatile double one = 1.0, three = 3.0, tiny = 0x1p-1074, big = 0x1.fffffffffffffp1023;
    volatile float fone = 1.0f, fthree = 3.0f, ften = 10.0f;
    printf("1/3 = %a (%s)\n", one / three, one / three == third ? "same as the constant" : "differs");
    printf("1/3f = %a, 1/10f = %a\n", (double)(fone / fthree), (double)(fone / ften));
    printf("tiny/2 = %a, tiny*0.5 = %a, -tiny/2 = %a\n", tiny / 2, tiny * 0.5, -tiny / 2);
    printf("big*2 = %a, -big*2 = %a, big+big/2^53 = %a\n", big * 2, -big * 2, big + big / 0x1p53);
    printf("0.1+0.2 = %a (%.17g)\n", 0.1 * one + 0.2 * one, 0.1 * one + 0.2 * one);
    volatile float f1 = 16777216.0f;
    printf("2^24+1 = %a\n", (double)(f1 + fone));
}

int main(void)
{
    uint32_t saved = csr_get();
    fixed_cases();
    for (int m = 0; m < 4; m++) {
        set_round(m);
        sum = 0;
        single_ops(m, 4000, 6);
        csr_set(saved);
        printf("%s single checksum %016llx\n", mode_name[m], (unsigned long long)sum);
        set_round(m);
        sum = 0;
        double_ops(m, 4000, 6);
        csr_set(saved);
        printf("%s double checksum %016llx\n", mode_name[m], (unsigned long long)sum);
    }
    return 0;
}
