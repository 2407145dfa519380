/* fp-env: the IEEE exception flags each class of operation raises
 * (invalid, divide-by-zero, overflow, underflow, inexact), their
 * accumulation and clearing, and the rounding-mode field, read and written
 * through the machine's own control register (FPSCR or MXCSR) so that no
 * libm is needed.  Operands avoid the one place where IEEE lets machines
 * differ: whether a result that rounds to the smallest normal underflowed
 * (ARM decides before rounding, x86 after). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

enum { X_INVALID = 1, X_DIVZERO = 2, X_OVERFLOW = 4, X_UNDERFLOW = 8, X_INEXACT = 16 };

#if defined(__arm__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
/* FPSCR: IOC DZC OFC UFC IXC are bits 0-4, in X_* order; IDC (bit 7) is
 * not an IEEE flag. */
static unsigned flags(void) { return csr_get() & 0x1f; }
static void clear(void) { csr_set(csr_get() & ~0x9fu); }
static void raise_flags(unsigned x) { csr_set(csr_get() | x); }
static void set_round(int m) { csr_set((csr_get() & ~(3u << 22)) | (uint32_t)m << 22); }
static int get_round(void) { return (int)(csr_get() >> 22) & 3; }
#elif defined(__x86_64__) || defined(__i386__)
static uint32_t csr_get(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v) : : "memory"); return v; }
static void csr_set(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory"); }
/* MXCSR: IE DE ZE OE UE PE are bits 0-5; DE is not an IEEE flag. */
static unsigned flags(void)
{
    uint32_t m = csr_get();
    return (m & 1) | (m >> 1 & 0x1e);
}
static void clear(void) { csr_set(csr_get() & ~0x3fu); }
static void raise_flags(unsigned x) { csr_set(csr_get() | (x & 1) | (x & 0x1e) << 1); }
static const uint32_t rc_of[4] = { 0, 2, 1, 3 };
static void set_round(int m) { csr_set((csr_get() & ~(3u << 13)) | rc_of[m] << 13); }
static int get_round(void)
{
    uint32_t rc = csr_get() >> 13 & 3;
    return rc == 2 ? 1 : rc == 1 ? 2 : (int)rc;
}
#else
#error "unsupported host"
#endif

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static double d_of(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }

static const char *fl_str(unsigned x)
{
    static char buf[8];
    char *p = buf;
    *p++ = x & X_INVALID ? 'I' : '-';
    *p++ = x & X_DIVZERO ? 'Z' : '-';
    *p++ = x & X_OVERFLOW ? 'O' : '-';
    *p++ = x & X_UNDERFLOW ? 'U' : '-';
    *p++ = x & X_INEXACT ? 'X' : '-';
    *p = 0;
    return buf;
}

static volatile float a, b, r;
static volatile double da, db, dr;
static volatile int32_t ir;
static volatile uint32_t ur;

#define CASE_F(name, x, y, expr) do { \
    a = f_of(x); b = f_of(y); clear(); expr; unsigned f_ = flags(); \
    printf("%-14s %08x %08x: %s\n", name, (unsigned)(x), (unsigned)(y), fl_str(f_)); } while (0)
#define CASE_D(name, x, y, expr) do { \
    da = d_of(x); db = d_of(y); clear(); expr; unsigned f_ = flags(); \
    printf("%-14s %016llx %016llx: %s\n", name, (unsigned long long)(x), (unsigned long long)(y), fl_str(f_)); } while (0)

static void single_flags(void)
{
    static const uint32_t v[] = { 0x3f800000u, 0x40400000u, 0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u,
                                  0x7fc00000u, 0x7f800001u, 0x7f7fffffu, 0x00800000u, 0x00000001u, 0x00400000u,
                                  0x4b800000u, 0x33800000u, 0x3f000001u, 0x0d000000u };
    unsigned n = sizeof v / sizeof v[0];
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j += 3) {
            CASE_F("fadd", v[i], v[j], r = a + b);
            CASE_F("fsub", v[i], v[j], r = a - b);
            CASE_F("fmul", v[i], v[j], r = a * b);
            CASE_F("fdiv", v[i], v[j], r = a / b);
            CASE_F("fcmp.eq", v[i], v[j], ir = a == b);
            CASE_F("fcmp.lt", v[i], v[j], ir = a < b);
        }
        CASE_F("f2i", v[i], 0, if (a > -2147483649.0f && a < 2147483648.0f) ir = (int32_t)a);
        CASE_F("f2u", v[i], 0, if (a > -1.0f && a < 4294967296.0f) ur = (uint32_t)a);
        CASE_F("f2d", v[i], 0, dr = a);
    }
}

static void double_flags(void)
{
    static const uint64_t v[] = { 0x3ff0000000000000ull, 0x4008000000000000ull, 0x0000000000000000ull,
                                  0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
                                  0x7fefffffffffffffull, 0x0010000000000000ull, 0x0000000000000001ull,
                                  0x47efffffe0000000ull, 0x47f0000000000000ull, 0x36a0000000000000ull,
                                  0x3690000000000000ull, 0x3ff0000010000000ull, 0x41e0000000000000ull,
                                  0xc1e0000000200000ull };
    unsigned n = sizeof v / sizeof v[0];
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 1; j < n; j += 4) {
            CASE_D("dadd", v[i], v[j], dr = da + db);
            CASE_D("dmul", v[i], v[j], dr = da * db);
            CASE_D("ddiv", v[i], v[j], dr = da / db);
        }
        CASE_D("d2f", v[i], 0, r = (float)da);
        CASE_D("d2i", v[i], 0, if (da > -2147483649.0 && da < 2147483648.0) ir = (int32_t)da);
        CASE_D("d2u", v[i], 0, if (da > -1.0 && da < 4294967296.0) ur = (uint32_t)da);
    }
    /* Integer to float: inexact when bits are lost. */
    static const int32_t iv[] = { 16777216, 16777217, 2147483647, -2147483647 - 1, 123 };
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
        ir = iv[i];
        clear();
        r = (float)ir;
        unsigned f1 = flags();
        clear();
        dr = (double)ir;
        printf("i2f %ld: %s", (long)iv[i], fl_str(f1));
        printf(" i2d: %s\n", fl_str(flags()));
    }
}

static void sticky(void)
{
    clear();
    da = 1.0;
    db = 3.0;
    dr = da / db;
    unsigned f1 = flags();
    db = 0.0;
    dr = da / db;
    unsigned f2 = flags();
    da = 0.0;
    dr = da / db;
    unsigned f3 = flags();
    printf("sticky: %s", fl_str(f1));
    printf(" %s", fl_str(f2));
    printf(" %s\n", fl_str(f3));
    clear();
    raise_flags(X_OVERFLOW | X_UNDERFLOW);
    unsigned f4 = flags();
    da = 2.0;
    dr = da * da;
    printf("raised: %s", fl_str(f4));
    printf(" after exact op: %s\n", fl_str(flags()));
    clear();
    printf("cleared: %s\n", fl_str(flags()));
    for (int m = 0; m < 4; m++) {
        set_round(m);
        int got = get_round();
        da = 1.0;
        db = 10.0;
        dr = da / db;
        double q = dr;
        set_round(0);
        printf("mode %d reads back %d, 1/10 = %a\n", m, got, q);
    }
}

int main(void)
{
    single_flags();
    double_flags();
    sticky();
    clear();
    return 0;
}
