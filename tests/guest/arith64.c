/* arith64: 64-bit integer arithmetic.  On 32-bit ARM this exercises
 * register-pair code (adds/adc, subs/sbc, umull/umlal), inline 64-bit
 * shifts by variable amounts, and libgcc's __aeabi_ldivmod /
 * __aeabi_uldivmod for division and modulo.  Operands come from a fixed-seed
 * xorshift64* PRNG with varied magnitudes. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t xorshift64s(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static uint64_t operand(void)
{
    uint64_t r = xorshift64s();
    switch (r & 7) {
    case 0: case 1: return xorshift64s();
    case 2: return xorshift64s() >> 32;                 /* fits 32 bits */
    case 3: return xorshift64s() >> 48;
    case 4: return xorshift64s() >> (r >> 58);          /* any magnitude */
    case 5: return (uint64_t)-(int64_t)(xorshift64s() >> 40); /* small negative */
    case 6: return (xorshift64s() >> 33) << 32;         /* low word zero */
    default: return (xorshift64s() % 9) - 4;            /* -4..4 */
    }
}

static uint64_t sum = 0xcbf29ce484222325ull;

static void mix(uint64_t v)
{
    sum ^= v;
    sum *= 0x100000001b3ull;
}

static volatile uint64_t vol_sink;
__attribute__((noinline)) static uint64_t opaque(uint64_t v) { vol_sink = v; return vol_sink; }

int main(void)
{
    int64_t m7 = (int64_t)opaque((uint64_t)-7), p2 = (int64_t)opaque(2);
    printf("-7/2=%" PRId64 " -7%%2=%" PRId64 " 7/-2=%" PRId64 " 7%%-2=%" PRId64 "\n",
           m7 / p2, m7 % p2, -m7 / -p2, -m7 % -p2);
    uint64_t umax = opaque(UINT64_MAX);
    printf("UINT64_MAX/3=%" PRIu64 " UINT64_MAX%%1000000007=%" PRIu64 " UINT64_MAX/2^32=%" PRIu64 "\n",
           umax / opaque(3), umax % opaque(1000000007), umax / opaque(1ull << 32));
    int64_t imin = (int64_t)opaque((uint64_t)INT64_MIN);
    printf("INT64_MIN/3=%" PRId64 " INT64_MIN%%10=%" PRId64 " INT64_MAX+1=%" PRId64 "\n",
           imin / (int64_t)opaque(3), imin % (int64_t)opaque(10),
           (int64_t)(opaque(INT64_MAX) + 1u));
    printf("10^18/7=%" PRId64 " 10^18%%7=%" PRId64 " -10^18/(10^9+7)=%" PRId64 "\n",
           (int64_t)opaque(1000000000000000000ull) / 7,
           (int64_t)opaque(1000000000000000000ull) % 7,
           -(int64_t)opaque(1000000000000000000ull) / (int64_t)opaque(1000000007));

    /* Shifts of a 64-bit value by every amount. */
    uint64_t x = opaque(0x8123456789abcdefull);
    uint64_t shsum = 0;
    for (unsigned s = 0; s < 64; s++) {
        unsigned vs = (unsigned)opaque(s);
        uint64_t l = x << vs, r = x >> vs;
        int64_t a = (int64_t)x >> vs;
        uint64_t rot = vs ? (x << vs) | (x >> (64 - vs)) : x;
        shsum = shsum * 31 + (l ^ r ^ (uint64_t)a ^ rot);
        if (s % 9 == 0 || s == 31 || s == 32 || s == 33 || s == 63)
            printf("s=%2u shl=%016" PRIx64 " shr=%016" PRIx64 " sar=%016" PRIx64 " rotl=%016" PRIx64 "\n",
                   s, l, r, (uint64_t)a, rot);
    }
    printf("shift checksum %016" PRIx64 "\n", shsum);

    const int N = 20000;
    int ovf_count = 0;
    for (int i = 0; i < N; i++) {
        uint64_t a = operand(), b = operand();
        int64_t sa = (int64_t)a, sb = (int64_t)b;
        unsigned sh = (unsigned)(xorshift64s() & 63);

        uint64_t add = a + b, sub = a - b, mul = a * b;
        uint64_t udiv = b ? a / b : 0, umod = b ? a % b : 0;
        int64_t sdiv = 0, smod = 0;
        if (sb != 0 && !(sa == INT64_MIN && sb == -1)) {
            sdiv = sa / sb;
            smod = sa % sb;
        }
        /* 32x32->64 multiplies (umull/smull) and multiply-accumulate. */
        uint64_t umul32 = (uint64_t)(uint32_t)a * (uint32_t)b;
        int64_t smul32 = (int64_t)(int32_t)a * (int32_t)b;
        uint64_t mla = umul32 + (uint64_t)(uint32_t)(a >> 32) * (uint32_t)(b >> 32) + add;
        uint64_t cmp = (uint64_t)(sa < sb) | (uint64_t)(a < b) << 1 | (uint64_t)(sa >= sb) << 2 |
                       (uint64_t)(a == b) << 3 | (uint64_t)(sa < 0) << 4;
        int64_t res;
        int ovf = __builtin_add_overflow(sa, sb, &res);
        ovf += __builtin_mul_overflow(sa, sb, &res) << 1;
        uint32_t u32res;
        ovf += __builtin_add_overflow((uint32_t)a, (uint32_t)b, &u32res) << 2;
        ovf_count += ovf != 0;

        /* Conversions between widths. */
        int32_t lo = (int32_t)a;
        int64_t sext = (int64_t)lo;
        uint64_t zext = (uint64_t)(uint32_t)lo;
        int16_t s16 = (int16_t)b;

        mix(add); mix(sub); mix(mul); mix(udiv); mix(umod); mix((uint64_t)sdiv); mix((uint64_t)smod);
        mix(umul32); mix((uint64_t)smul32); mix(mla); mix(cmp); mix((uint64_t)ovf);
        mix(a << sh); mix(a >> sh); mix((uint64_t)(sa >> sh));
        mix((uint64_t)sext); mix(zext); mix((uint64_t)(int64_t)s16);

        if (i % 1000 == 0)
            printf("%5d a=%016" PRIx64 " b=%016" PRIx64 " mul=%016" PRIx64 " udiv=%" PRIu64
                   " umod=%" PRIu64 " sdiv=%" PRId64 " smod=%" PRId64 " smul32=%" PRId64 " ovf=%d\n",
                   i, a, b, mul, udiv, umod, sdiv, smod, smul32, ovf);
    }
    printf("checksum %016" PRIx64 " after %d pairs, %d with overflow\n", sum, N, ovf_count);

    /* Factorials mod a prime and a 64-bit power loop. */
    uint64_t f = 1, p = 1;
    const uint64_t M = 1000000007ull;
    for (uint64_t k = 1; k <= 2000; k++) {
        f = f * k % M;
        p = p * 3 % 0xFFFFFFFFFFFFFFC5ull; /* largest 64-bit prime */
    }
    printf("2000! mod 1e9+7 = %" PRIu64 ", 3^2000 mod p = %" PRIu64 "\n", f, p);

    /* Decimal conversion by repeated 64-bit division. */
    uint64_t v = opaque(18446744073709551557ull);
    char buf[32];
    int n = 0;
    do { buf[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    printf("digits reversed: %.*s\n", n, buf);
    return 0;
}
