/* fp-conv: conversions between integers and floating point, at and near
 * the limits of every integer type (only values C defines: a float to
 * integer conversion of an out-of-range value is undefined), rounding of
 * wide integers to float/double in each IEEE rounding mode, and
 * double<->float narrowing and widening.  The rounding mode is switched
 * with the machine's control register, so no libm is needed. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#if defined(__arm__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static void set_round(int m) { csr_set((csr_get() & ~(3u << 22)) | (uint32_t)m << 22); }  /* RN RP RM RZ */
#elif defined(__x86_64__) || defined(__i386__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory"); }
static void set_round(int m)
{
    static const uint32_t rc[4] = { 0, 2, 1, 3 };
    csr_set((csr_get() & ~(3u << 13)) | rc[m] << 13);
}
#else
#error "unsupported host"
#endif

static const char *const mode_name[4] = { "nearest", "upward", "downward", "towardzero" };

static uint32_t fbits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static uint64_t dbits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static volatile float vf;
static volatile double vd;
static volatile int32_t vi;
static volatile uint32_t vu;
static volatile int64_t vl;
static volatile uint64_t vul;
static volatile int16_t vs;
static volatile uint8_t vb;

/* Float to integer: C truncates whatever the rounding mode. */
static void to_int(void)
{
    static const float fs[] = { 0.0f, -0.0f, 0.5f, -0.5f, 0.99999994f, -0.99999994f, 1.5f, -1.5f, 2.5f, -2.5f,
                                2147483520.0f, -2147483648.0f, 8388607.5f, -8388607.5f, 16777215.0f, 1e-40f,
                                -1e-40f, 123456.789f, -98765.4321f };
    static const double ds[] = { 0.0, -0.0, 0.5, -0.5, 2147483647.0, 2147483647.999999, -2147483648.0,
                                 -2147483648.999999, 4294967295.0, 4294967295.999999, 4503599627370495.5,
                                 -4503599627370495.5, 9007199254740991.0, 9223372036854774784.0,
                                 -9223372036854775808.0, 18446744073709549568.0, 1e-320, 65535.99999, -32768.9,
                                 255.99, 1.0 / 3.0 };
    for (unsigned i = 0; i < sizeof fs / sizeof fs[0]; i++) {
        vf = fs[i];
        float f = vf;
        printf("f %08x: i32 %ld", (unsigned)fbits(f), (long)(int32_t)f);
        if (f > -1.0f) {
            printf(" u32 %lu", (unsigned long)(uint32_t)f);
        }
        printf(" i64 %lld", (long long)(int64_t)f);
        if (f > -1.0f) {
            printf(" u64 %llu", (unsigned long long)(uint64_t)f);
        }
        if (f > -32769.0f && f < 32768.0f) {
            printf(" i16 %d", (int)(int16_t)f);
        }
        printf("\n");
    }
    for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        vd = ds[i];
        double d = vd;
        printf("d %016llx:", (unsigned long long)dbits(d));
        if (d > -2147483649.0 && d < 2147483648.0) {
            printf(" i32 %ld", (long)(int32_t)d);
        }
        if (d > -1.0 && d < 4294967296.0) {
            printf(" u32 %lu", (unsigned long)(uint32_t)d);
        }
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
            printf(" i64 %lld", (long long)(int64_t)d);
        }
        if (d > -1.0 && d < 18446744073709551616.0) {
            printf(" u64 %llu", (unsigned long long)(uint64_t)d);
        }
        if (d > -1.0 && d < 256.0) {
            printf(" u8 %u", (unsigned)(uint8_t)d);
        }
        printf("\n");
    }
}

/* Integer to float: exact, or rounded in the current mode. */
static void from_int(int m)
{
    static const int32_t is[] = { 0, 1, -1, 16777216, 16777217, 16777219, -16777217, 2147483647, -2147483647 - 1,
                                  2147483520, 2147483583, 2147483584, 33554435, -33554435, 123456789 };
    static const uint32_t us[] = { 0, 1, 16777217, 2147483648u, 2147483649u, 4294967295u, 4294967040u,
                                   4294967168u, 3000000001u };
    static const int64_t ls[] = { 0, -1, 9007199254740993ll, -9007199254740993ll, 9223372036854775807ll,
                                  -9223372036854775807ll - 1, 1152921504606846977ll, 36028797018963971ll };
    static const uint64_t uls[] = { 18446744073709551615ull, 9223372036854775809ull, 18446744073709549569ull };
    uint64_t h = 0;
    set_round(m);
    for (unsigned i = 0; i < sizeof is / sizeof is[0]; i++) {
        vi = is[i];
        vf = (float)vi;
        vd = (double)vi;
        h = h * 31 + fbits(vf);
        h = h * 31 + dbits(vd);
    }
    for (unsigned i = 0; i < sizeof us / sizeof us[0]; i++) {
        vu = us[i];
        vf = (float)vu;
        vd = (double)vu;
        h = h * 31 + fbits(vf);
        h = h * 31 + dbits(vd);
    }
    /* 64-bit integers convert in software on 32-bit ARM (libgcc), which
     * always rounds to nearest: only that mode is portable. */
    for (unsigned i = 0; m == 0 && i < sizeof ls / sizeof ls[0]; i++) {
        vl = ls[i];
        vf = (float)vl;
        vd = (double)vl;
        h = h * 31 + fbits(vf);
        h = h * 31 + dbits(vd);
    }
    for (unsigned i = 0; m == 0 && i < sizeof uls / sizeof uls[0]; i++) {
        vul = uls[i];
        vf = (float)vul;
        vd = (double)vul;
        h = h * 31 + fbits(vf);
        h = h * 31 + dbits(vd);
    }
    /* Results go through volatiles: a conversion is a pure operation that
     * the compiler may otherwise move past the rounding-mode change. */
    static volatile float f[4];
    static volatile double d[2];
    vi = 16777217;
    f[0] = (float)vi;
    vi = -16777219;
    f[1] = (float)vi;
    vu = 4294967295u;
    f[2] = (float)vu;
    vs = -32768;
    f[3] = (float)vs;
    vb = 255;
    d[0] = (double)vb;
    vu = 4294967295u;
    d[1] = (double)vu * (double)vu;
    csr_set(csr_get() & ~(3u << 22 | 3u << 13));
    printf("%s: %08x %08x %08x %08x %a %a hash %016llx\n", mode_name[m], (unsigned)fbits(f[0]),
           (unsigned)fbits(f[1]), (unsigned)fbits(f[2]), (unsigned)fbits(f[3]), d[0], d[1], (unsigned long long)h);
}

/* Widening is exact; narrowing rounds, overflows and underflows. */
static void widths(int m)
{
    static const uint64_t ds[] = { 0x3ff0000010000000ull, 0x3ff0000030000000ull, 0x3ff0000010000001ull,
                                   0x47efffffefffffffull, 0x47efffffe0000000ull, 0x47effffff0000000ull,
                                   0x36a0000000000000ull, 0x36a8000000000000ull, 0x3690000000000000ull,
                                   0x380fffffffffffffull, 0x380ffffff0000000ull, 0x3810000000000000ull,
                                   0xc7efffffefffffffull, 0xb6a0000000000001ull, 0x7ff0000000000000ull,
                                   0x0000000000000001ull, 0x8000000000000000ull, 0x3fd5555555555555ull };
    set_round(m);
    uint32_t out[sizeof ds / sizeof ds[0]];
    for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        double d;
        memcpy(&d, &ds[i], 8);
        vd = d;
        vf = (float)vd;
        out[i] = fbits(vf);
    }
    static volatile double w[2];
    vf = 0x1p-149f;
    w[0] = vf;
    vf = -3.4028235e38f;
    w[1] = vf;
    csr_set(csr_get() & ~(3u << 22 | 3u << 13));
    printf("%s narrow:", mode_name[m]);
    for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        printf(" %08x", (unsigned)out[i]);
    }
    printf(" widen %a %a\n", w[0], w[1]);
}

int main(void)
{
    to_int();
    for (int m = 0; m < 4; m++) {
        from_int(m);
        widths(m);
    }
    return 0;
}
