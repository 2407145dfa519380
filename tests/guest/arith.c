/* arith: 32-bit integer arithmetic, signed/unsigned division and modulo
 * (through __aeabi_idiv/__aeabi_uidivmod on ARMv7-A), division by constants,
 * wrap-around, comparisons and mixed-width conversions.  Operands come from
 * a fixed-seed xorshift PRNG; a running checksum covers every result and a
 * sample of the values is printed. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>

static uint32_t rng_state = 2463534242u;

static uint32_t xorshift32(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

/* An operand of varied magnitude: full 32-bit, 16-bit, 8-bit or tiny. */
static uint32_t operand(void)
{
    uint32_t r = xorshift32();
    switch (r & 3) {
    case 0: return xorshift32();
    case 1: return xorshift32() >> 16;
    case 2: return xorshift32() >> (r >> 27);
    default: return (xorshift32() % 17) - 8;    /* -8..8, as uint32 */
    }
}

static uint32_t sum = 0x811c9dc5u;

static void mix(uint32_t v)
{
    sum ^= v;
    sum *= 16777619u;
}

/* Keep the compiler from folding divisions whose operands it could see. */
static volatile uint32_t vol_sink;
__attribute__((noinline)) static uint32_t opaque(uint32_t v) { vol_sink = v; return vol_sink; }

int main(void)
{
    /* Fixed cases first. */
    int32_t n7 = (int32_t)opaque((uint32_t)-7), p7 = (int32_t)opaque(7);
    int32_t n2 = (int32_t)opaque((uint32_t)-2), p2 = (int32_t)opaque(2);
    printf("-7/2=%d -7%%2=%d 7/-2=%d 7%%-2=%d -7/-2=%d -7%%-2=%d\n",
           (int)(n7 / p2), (int)(n7 % p2), (int)(p7 / n2), (int)(p7 % n2),
           (int)(n7 / n2), (int)(n7 % n2));
    uint32_t umax = opaque(UINT32_MAX);
    printf("UINT32_MAX/3=%" PRIu32 " UINT32_MAX%%7=%" PRIu32 " UINT32_MAX/UINT32_MAX=%" PRIu32 "\n",
           umax / opaque(3), umax % opaque(7), umax / umax);
    int32_t imin = (int32_t)opaque((uint32_t)INT32_MIN);
    printf("INT32_MIN/2=%" PRId32 " INT32_MIN%%3=%" PRId32 " INT32_MIN/INT32_MAX=%" PRId32 "\n",
           imin / (int32_t)opaque(2), imin % (int32_t)opaque(3), imin / (int32_t)opaque(INT32_MAX));

    /* Wrap-around, done in unsigned arithmetic (signed overflow is UB). */
    uint32_t imax = opaque(INT32_MAX);
    printf("INT32_MAX+1=%" PRId32 " UINT32_MAX+1=%" PRIu32 " 0-1=%" PRIu32 " -INT32_MIN=%" PRId32 "\n",
           (int32_t)(imax + 1u), umax + opaque(1), opaque(0) - 1u, (int32_t)(0u - (uint32_t)imin));
    printf("0x10000*0x10000=%" PRIu32 " 0xffff*0xffff=%" PRIu32 " 65537*65537=%" PRIu32 "\n",
           opaque(0x10000) * opaque(0x10000), opaque(0xffff) * opaque(0xffff),
           opaque(65537) * opaque(65537));

    /* Division by constants: gcc uses multiply-high sequences at -O2. */
    for (int i = 0; i < 12; i++) {
        int32_t s = (int32_t)opaque((uint32_t)(i * 123456789 - 600000000));
        uint32_t u = opaque((uint32_t)i * 358765432u);
        printf("s=%" PRId32 " s/3=%" PRId32 " s%%3=%" PRId32 " s/7=%" PRId32 " s/10=%" PRId32
               " s%%10=%" PRId32 " s/-5=%" PRId32 " s/16=%" PRId32 " s%%16=%" PRId32 "\n",
               s, s / 3, s % 3, s / 7, s / 10, s % 10, s / -5, s / 16, s % 16);
        printf("u=%" PRIu32 " u/3=%" PRIu32 " u/7=%" PRIu32 " u/10=%" PRIu32 " u%%10=%" PRIu32
               " u/1000=%" PRIu32 " u%%641=%" PRIu32 "\n",
               u, u / 3, u / 7, u / 10, u % 10, u / 1000, u % 641);
    }

    /* Random operand pairs. */
    const int N = 20000;
    for (int i = 0; i < N; i++) {
        uint32_t a = operand(), b = operand();
        int32_t sa = (int32_t)a, sb = (int32_t)b;

        uint32_t add = a + b, sub = a - b, mul = a * b;
        uint32_t udiv = b ? a / b : 0, umod = b ? a % b : 0;
        int32_t sdiv = 0, smod = 0;
        if (sb != 0 && !(sa == INT32_MIN && sb == -1)) {
            sdiv = sa / sb;
            smod = sa % sb;
        }
        uint32_t mulhu = (uint32_t)(((uint64_t)a * b) >> 32);
        int32_t mulhs = (int32_t)(((int64_t)sa * sb) >> 32);
        uint32_t cmp = (uint32_t)(sa < sb) | (uint32_t)(a < b) << 1 | (uint32_t)(sa <= sb) << 2 |
                       (uint32_t)(a >= b) << 3 | (uint32_t)(a == b) << 4 | (uint32_t)(sa > 0) << 5;
        int32_t mn = sa < sb ? sa : sb, mx = sa > sb ? sa : sb;
        uint32_t umn = a < b ? a : b;
        int32_t abs_a = sa < 0 ? (int32_t)(0u - a) : sa;

        /* Mixed-width conversions. */
        int8_t s8 = (int8_t)a;
        uint8_t u8 = (uint8_t)a;
        int16_t s16 = (int16_t)b;
        uint16_t u16 = (uint16_t)b;
        int64_t sx = (int64_t)s16 * s8;
        uint32_t widen = (uint32_t)(int32_t)s8 + (uint32_t)u8 + (uint32_t)(int32_t)s16 + (uint32_t)u16;

        mix(add); mix(sub); mix(mul); mix(udiv); mix(umod);
        mix((uint32_t)sdiv); mix((uint32_t)smod); mix(mulhu); mix((uint32_t)mulhs);
        mix(cmp); mix((uint32_t)mn); mix((uint32_t)mx); mix(umn); mix((uint32_t)abs_a);
        mix(widen); mix((uint32_t)sx); mix((uint32_t)(sx >> 32));

        if (i % 1000 == 0)
            printf("%5d a=%08" PRIx32 " b=%08" PRIx32 " add=%08" PRIx32 " sub=%08" PRIx32
                   " mul=%08" PRIx32 " udiv=%" PRIu32 " umod=%" PRIu32 " sdiv=%" PRId32
                   " smod=%" PRId32 " mulhu=%08" PRIx32 " mulhs=%08" PRIx32 " cmp=%02" PRIx32
                   " s8=%d u8=%u s16=%d u16=%u\n",
                   i, a, b, add, sub, mul, udiv, umod, sdiv, smod, mulhu, (uint32_t)mulhs, cmp,
                   (int)s8, (unsigned)u8, (int)s16, (unsigned)u16);
    }
    printf("checksum %08" PRIx32 " after %d pairs\n", sum, N);

    /* A quick triangle-number / digit-sum loop (loop-carried arithmetic). */
    uint32_t tri = 0, digits = 0;
    for (uint32_t k = 1; k <= 100000; k++) {
        tri += k;
        uint32_t t = k;
        while (t) { digits += t % 10; t /= 10; }
    }
    printf("tri=%" PRIu32 " digitsum=%" PRIu32 "\n", tri, digits);
    return 0;
}
