/* fp-special: signed zeros (including the sign of exact zero sums in each
 * rounding mode), infinities, denormals, NaN classification, comparisons
 * involving NaNs, and NaN payloads through the operations where IEEE
 * machines agree (one NaN operand: it is returned quieted; conversions
 * keep the top of the payload).  NaNs made by invalid operations are only
 * classified: x86's default NaN is negative, ARM's positive.  No libm. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#if defined(__arm__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static void set_round(int m) { csr_set((csr_get() & ~(3u << 22)) | (uint32_t)m << 22); }
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

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static double d_of(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint32_t fb(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static uint64_t db(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static volatile float vf[4];
static volatile double vd[4];
static volatile float rf[8];
static volatile double rd[8];

static const char *cls(double d)
{
    switch (__builtin_fpclassify(0, 1, 4, 3, 2, d)) {
    case 0: return "nan";
    case 1: return "inf";
    case 2: return "zero";
    case 3: return "subnormal";
    default: return "normal";
    }
}

static void zeros(void)
{
    static const char *const names[4] = { "nearest", "upward", "downward", "towardzero" };
    uint32_t saved = csr_get();
    for (int m = 0; m < 4; m++) {
        set_round(m);
        vd[0] = 0.0;
        vd[1] = -0.0;
        vd[2] = 1.5;
        rd[0] = vd[0] + vd[1];
        rd[1] = vd[1] + vd[1];
        rd[2] = vd[0] - vd[0];
        rd[3] = vd[2] - vd[2];
        rd[4] = vd[1] * vd[2];
        rd[5] = vd[1] - vd[0];
        rd[6] = -vd[2] + vd[2];
        vf[0] = 1e-30f;
        vf[1] = -1e-30f;
        rf[0] = vf[0] * vf[1];              /* underflows: the sign survives */
        rf[1] = vf[1] * vf[1];
        csr_set(saved);
        printf("zeros %-10s %016llx %016llx %016llx %016llx %016llx %016llx %016llx | %08x %08x\n", names[m],
               (unsigned long long)db(rd[0]), (unsigned long long)db(rd[1]), (unsigned long long)db(rd[2]),
               (unsigned long long)db(rd[3]), (unsigned long long)db(rd[4]), (unsigned long long)db(rd[5]),
               (unsigned long long)db(rd[6]), (unsigned)fb(rf[0]), (unsigned)fb(rf[1]));
    }
    vd[0] = -0.0;
    vd[1] = 0.0;
    printf("-0 == 0: %d, -0 < 0: %d, 1/-0 = %g, 1/+0 = %g\n", vd[0] == vd[1], vd[0] < vd[1], 1.0 / vd[0],
           1.0 / vd[1]);
}

static void infinities(void)
{
    vd[0] = d_of(0x7ff0000000000000ull);
    vd[1] = 1e308;
    rd[0] = vd[0] + vd[1];
    rd[1] = vd[0] * -2.0;
    rd[2] = vd[1] * 10.0;
    rd[3] = vd[1] / 1e-10;
    rd[4] = 1.0 / vd[0];
    rd[5] = -1.0 / vd[0];
    rd[6] = vd[0] - vd[0];
    rd[7] = vd[0] * 0.0;
    for (int i = 0; i < 8; i++) {
        printf("inf %d: %s %s\n", i, cls(rd[i]), rd[i] != rd[i] ? "" : rd[i] < 0 ? "neg" : "pos");
    }
    vf[0] = 3e38f;
    rf[0] = vf[0] * 2.0f;
    rf[1] = -vf[0] * 2.0f;
    rf[2] = (float)(vd[1] * 1e10);
    printf("inf f: %08x %08x %08x\n", (unsigned)fb(rf[0]), (unsigned)fb(rf[1]), (unsigned)fb(rf[2]));
}

static void denormals(void)
{
    vd[0] = d_of(1);                                    /* smallest denormal */
    vd[1] = d_of(0x000fffffffffffffull);                /* largest denormal */
    vd[2] = d_of(0x0010000000000000ull);                /* smallest normal */
    rd[0] = vd[0] + vd[0];
    rd[1] = vd[1] + vd[0];
    rd[2] = vd[2] - vd[0];
    rd[3] = vd[2] / 4.0;
    rd[4] = vd[0] * 0.5;
    rd[5] = vd[0] * 1.5;
    rd[6] = vd[1] * 2.0;
    rd[7] = vd[2] * 0x1p-52;
    for (int i = 0; i < 8; i++) {
        printf("den %d: %016llx %s\n", i, (unsigned long long)db(rd[i]), cls(rd[i]));
    }
    vf[0] = f_of(1);
    vf[1] = f_of(0x007fffff);
    rf[0] = vf[0] + vf[1];
    rf[1] = vf[1] / 3.0f;
    rf[2] = vf[0] * 3.0f * 0.5f;
    rf[3] = (float)(vd[2] * 0x1p+880);
    rd[0] = vf[1];                                      /* denormal single widens to a normal double */
    printf("den f: %08x %08x %08x %08x %016llx\n", (unsigned)fb(rf[0]), (unsigned)fb(rf[1]), (unsigned)fb(rf[2]),
           (unsigned)fb(rf[3]), (unsigned long long)db(rd[0]));
}

static void nans(void)
{
    static const uint32_t fn[] = { 0x7fc00000u, 0x7fc12345u, 0xffc54321u, 0x7f800001u, 0x7fa00abcu, 0xff812345u };
    static const uint64_t dn[] = { 0x7ff8000000000000ull, 0x7ff8123456789abcull, 0xfff8765432100000ull,
                                   0x7ff0000000000001ull, 0x7ff4000000000abcull, 0xfff0123456789abcull };
    for (unsigned i = 0; i < sizeof fn / sizeof fn[0]; i++) {
        vf[0] = f_of(fn[i]);
        vf[1] = 2.0f;
        rf[0] = vf[0] + vf[1];
        rf[1] = vf[1] * vf[0];
        rf[2] = vf[0] / vf[1];
        rf[3] = -vf[0];
        rd[0] = vf[0];
        printf("nan f %08x: %08x %08x %08x %08x %016llx |", (unsigned)fn[i], (unsigned)fb(rf[0]),
               (unsigned)fb(rf[1]), (unsigned)fb(rf[2]), (unsigned)fb(rf[3]), (unsigned long long)db(rd[0]));
        printf(" eq %d ne %d lt %d ge %d unord %d\n", vf[0] == vf[1], vf[0] != vf[1], vf[0] < vf[1],
               vf[0] >= vf[1], __builtin_isunordered(vf[0], vf[1]));
    }
    for (unsigned i = 0; i < sizeof dn / sizeof dn[0]; i++) {
        vd[0] = d_of(dn[i]);
        vd[1] = -3.0;
        rd[0] = vd[0] - vd[1];
        rd[1] = vd[1] * vd[0];
        rf[0] = (float)vd[0];
        printf("nan d %016llx: %016llx %016llx %08x | eq %d lt %d\n", (unsigned long long)dn[i],
               (unsigned long long)db(rd[0]), (unsigned long long)db(rd[1]), (unsigned)fb(rf[0]), vd[0] == vd[0],
               vd[1] < vd[0]);
    }
    /* Invalid operations: a NaN, of whatever sign. */
    vd[0] = 0.0;
    vd[1] = d_of(0x7ff0000000000000ull);
    rd[0] = vd[0] / vd[0];
    rd[1] = vd[1] - vd[1];
    rd[2] = vd[1] * vd[0];
    rf[0] = (float)(vd[0] / vd[0]);
    printf("invalid: %s %s %s %s\n", cls(rd[0]), cls(rd[1]), cls(rd[2]), cls(rf[0]));
}

static void ordering(void)
{
    static const double v[] = { -1e308, -1.0, -0x1p-1074, -0.0, 0.0, 0x1p-1074, 1.0, 1e308 };
    unsigned lt = 0, eq = 0;
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned j = 0; j < 8; j++) {
            vd[0] = v[i];
            vd[1] = v[j];
            lt = lt * 2 + (vd[0] < vd[1]);
            eq = eq * 3 + (vd[0] == vd[1]);
        }
    }
    printf("ordering %08x %08x\n", lt, eq);
}

int main(void)
{
    zeros();
    infinities();
    denormals();
    nans();
    ordering();
    return 0;
}
