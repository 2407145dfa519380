/* fp-libm: the C library's floating-point environment (fegetround,
 * fesetround, feclearexcept, fetestexcept, feraiseexcept, fegetenv,
 * fesetenv, feholdexcept, feupdateenv) and the libm functions whose glibc
 * implementations are exact or correctly rounded on every machine: sqrt,
 * fma, floor/ceil/trunc/round, rint/nearbyint/lrint/llrint in each
 * rounding mode, frexp/ldexp/scalbn/ilogb/logb, fabs/copysign,
 * nextafter, fmod/remainder/remquo, modf, fmin/fmax/fdim.  Functions
 * whose last bits may differ between builds (sin, exp, pow...) are not
 * used.  NaNs are only classified. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static const int modes[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
static const char *const mode_name[4] = { "nearest", "upward", "downward", "towardzero" };

static const char *fl(int x)
{
    static char buf[8];
    buf[0] = x & FE_INVALID ? 'I' : '-';
    buf[1] = x & FE_DIVBYZERO ? 'Z' : '-';
    buf[2] = x & FE_OVERFLOW ? 'O' : '-';
    buf[3] = x & FE_UNDERFLOW ? 'U' : '-';
    buf[4] = x & FE_INEXACT ? 'X' : '-';
    buf[5] = 0;
    return buf;
}

/* %a, except that NaNs print without sign or payload. */
static void pd(const char *name, double d)
{
    if (d != d) {
        printf(" %s=nan", name);
    } else {
        printf(" %s=%a", name, d);
    }
}

static volatile double vx, vy, vz;

/* Called through pointers: without -frounding-math compilers expand these
 * inline in ways that only hold when rounding to nearest. */
static double (*volatile p_rint)(double) = rint;
static double (*volatile p_nearbyint)(double) = nearbyint;
static float (*volatile p_rintf)(float) = rintf;
static long (*volatile p_lrint)(double) = lrint;
static long long (*volatile p_llrint)(double) = llrint;
static double (*volatile p_sqrt)(double) = sqrt;
static float (*volatile p_sqrtf)(float) = sqrtf;
static volatile float fx, fy, fz;

static void rounding(void)
{
    static const double v[] = { 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.4999999999999996,
                                4503599627370495.5, -4503599627370496.5, 1e300, -0.0, 0x1p-1074, 3.7, -3.7 };
    for (int m = 0; m < 4; m++) {
        if (fesetround(modes[m]) != 0) {
            printf("fesetround(%s) failed\n", mode_name[m]);
        }
        printf("fegetround %s: %d\n", mode_name[m], fegetround() == modes[m]);
        for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
            vx = v[i];
            feclearexcept(FE_ALL_EXCEPT);
            double r1 = p_rint(vx);
            int f1 = fetestexcept(FE_ALL_EXCEPT);
            feclearexcept(FE_ALL_EXCEPT);
            double r2 = p_nearbyint(vx);
            int f2 = fetestexcept(FE_ALL_EXCEPT);
            long l = fabs(vx) < 1e9 ? p_lrint(vx) : 0;
            long long ll = fabs(vx) < 1e18 ? p_llrint(vx) : 0;
            float rf = p_rintf((float)vx);
            printf("%s %a:", mode_name[m], v[i]);
            pd("rint", r1);
            printf(" %s", fl(f1));
            pd("nearbyint", r2);
            printf(" %s lrint=%ld llrint=%lld rintf=%a\n", fl(f2), l, ll, (double)rf);
        }
        /* Arithmetic and sqrt round in the current mode too. */
        vx = 2.0;
        vy = 10.0;
        double s = p_sqrt(vx), q = 1.0 / vy;
        fx = 2.0f;
        float sf = p_sqrtf(fx);
        fesetround(FE_TONEAREST);
        printf("%s sqrt(2)=%a 1/10=%a sqrtf(2)=%a\n", mode_name[m], s, q, (double)sf);
    }
}

static void exact_functions(void)
{
    static const double v[] = { 0.0, -0.0, 0.75, -1.25, 2.5, -2.5, 1e-310, 123456.789, -9.5, 1e300, 0x1.fffffffffffffp1023,
                                INFINITY, -INFINITY };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        vx = v[i];
        int e;
        double ip, fr = frexp(vx, &e);
        double mf = modf(vx, &ip);
        printf("%a:", v[i]);
        pd("floor", floor(vx));
        pd("ceil", ceil(vx));
        pd("trunc", trunc(vx));
        pd("round", round(vx));
        pd("frexp", fr);
        printf("/%d", isfinite(vx) ? e : 0);
        pd("modf", mf);
        pd("ip", ip);
        pd("ldexp", ldexp(vx, -1070));
        pd("scalbn", scalbn(vx, 3));
        printf(" ilogb=%d", isfinite(vx) && vx != 0 ? ilogb(vx) : 0);
        pd("logb", logb(vx));
        pd("fabs", fabs(vx));
        pd("copysign", copysign(3.0, vx));
        pd("next", nextafter(vx, 0.0));
        pd("sqrt", vx >= 0 ? sqrt(vx) : 0.0);
        printf("\n");
    }
    static const float fv[] = { 0.0f, -0.75f, 2.5f, 1e-40f, 3.4e38f, -9.5f };
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        fx = fv[i];
        printf("f %a: floorf=%a ceilf=%a truncf=%a roundf=%a nextf=%a sqrtf=%a\n", (double)fv[i],
               (double)floorf(fx), (double)ceilf(fx), (double)truncf(fx), (double)roundf(fx),
               (double)nextafterf(fx, 1.0f), (double)(fx >= 0 ? sqrtf(fx) : 0.0f));
    }
}

static void two_operand(void)
{
    static const double p[][2] = { { 10.0, 3.0 }, { -10.0, 3.0 }, { 5.5, -2.0 }, { 1e300, 1e-300 }, { 7.0, 0.5 },
                                   { 0.1, 0.03 }, { -0.0, 1.0 }, { 3.0, 3.0 } };
    for (unsigned i = 0; i < sizeof p / sizeof p[0]; i++) {
        vx = p[i][0];
        vy = p[i][1];
        int quo;
        double rq = remquo(vx, vy, &quo);
        printf("%a %a:", p[i][0], p[i][1]);
        pd("fmod", fmod(vx, vy));
        pd("remainder", remainder(vx, vy));
        pd("remquo", rq);
        printf("/%d", quo & 7);
        pd("fmin", fmin(vx, vy));
        pd("fmax", fmax(vx, vy));
        pd("fdim", fdim(vx, vy));
        pd("nextafter", nextafter(vx, vy));
        printf("\n");
    }
    /* fmin/fmax ignore a quiet NaN operand. */
    vx = NAN;
    vy = -2.0;
    printf("fmin(nan,-2)=%a fmax(-2,nan)=%a\n", fmin(vx, vy), fmax(vy, vx));
}

static void fused(void)
{
    static const double t[][3] = { { 1.0 + 0x1p-52, 1.0 - 0x1p-53, -1.0 }, { 0x1p-600, 0x1p-600, 0x1p-1074 },
                                   { 1e308, 10.0, -1e307 }, { 3.0, 1.0 / 3.0, -1.0 }, { -0.0, 5.0, 0.0 },
                                   { 0x1.fffffffffffffp-1, 0x1.0000000000001p-1022, 0.0 } };
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
            vx = t[i][0];
            vy = t[i][1];
            vz = t[i][2];
            double r = fma(vx, vy, vz);
            fx = (float)t[i][0];
            fy = (float)t[i][1];
            fz = (float)t[i][2];
            float rf = fmaf(fx, fy, fz);
            fesetround(FE_TONEAREST);
            printf("%s fma %u:", mode_name[m], i);
            pd("d", r);
            pd("f", rf);
            printf("\n");
            fesetround(modes[m]);
        }
    }
    fesetround(FE_TONEAREST);
}

static void environment(void)
{
    fenv_t env, held;
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    printf("raised: %s\n", fl(fetestexcept(FE_ALL_EXCEPT)));
    fegetenv(&env);
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    printf("cleared: %s, round upward %d\n", fl(fetestexcept(FE_ALL_EXCEPT)), fegetround() == FE_UPWARD);
    fesetenv(&env);
    printf("restored: %s, round nearest %d\n", fl(fetestexcept(FE_ALL_EXCEPT)), fegetround() == FE_TONEAREST);
    feholdexcept(&held);
    vx = 0.0;
    vy = 1.0 / vx;
    printf("held: %s\n", fl(fetestexcept(FE_ALL_EXCEPT)));
    feupdateenv(&held);
    printf("updated: %s\n", fl(fetestexcept(FE_ALL_EXCEPT)));
    feclearexcept(FE_ALL_EXCEPT);
    vx = -1.0;
    vy = sqrt(vx);
    printf("sqrt(-1): %s %s\n", isnan(vy) ? "nan" : "number", fl(fetestexcept(FE_ALL_EXCEPT)));
    feclearexcept(FE_ALL_EXCEPT);
    vx = 0x1p-1000;
    vy = vx * vx;
    printf("underflow: %a %s\n", vy, fl(fetestexcept(FE_ALL_EXCEPT)));
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    rounding();
    exact_functions();
    two_operand();
    fused();
    environment();
    return 0;
}
