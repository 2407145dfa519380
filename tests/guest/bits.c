/* bits: shifts of all kinds (immediate and by register, logical and
 * arithmetic, rotates), bit tricks through builtins (clz, ctz, popcount,
 * parity, ffs, clrsb, bswap), bitfield extract/insert with masks (ubfx, sbfx,
 * bfi, bfc at -O2) and a bit-reversal. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static uint32_t rng_state = 88172645u;

static uint32_t xorshift32(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

static uint32_t sum = 0x811c9dc5u;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u; }

static volatile uint32_t vol_sink;
__attribute__((noinline)) static uint32_t opaque(uint32_t v) { vol_sink = v; return vol_sink; }

static uint32_t rotl32(uint32_t x, unsigned s) { return s ? (x << s) | (x >> (32 - s)) : x; }
static uint32_t rotr32(uint32_t x, unsigned s) { return s ? (x >> s) | (x << (32 - s)) : x; }

static uint32_t bitrev32(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
    return (x >> 16) | (x << 16);
}

static int popcount_slow(uint32_t x)
{
    int n = 0;
    while (x) { n += x & 1; x >>= 1; }
    return n;
}

/* Bitfield extract, unsigned and signed, and insert. */
static uint32_t ubfx(uint32_t x, unsigned lsb, unsigned width)
{
    return (x >> lsb) & (width == 32 ? 0xffffffffu : ((1u << width) - 1));
}

static int32_t sbfx(uint32_t x, unsigned lsb, unsigned width)
{
    uint32_t v = ubfx(x, lsb, width);
    uint32_t sign = 1u << (width - 1);
    return (int32_t)((v ^ sign) - sign);
}

static uint32_t bfi(uint32_t dst, uint32_t src, unsigned lsb, unsigned width)
{
    uint32_t mask = (width == 32 ? 0xffffffffu : ((1u << width) - 1)) << lsb;
    return (dst & ~mask) | ((src << lsb) & mask);
}

struct flags { uint32_t raw; };

int main(void)
{
    uint32_t x = opaque(0x80f0a55au);
    int32_t sx = (int32_t)x;
    for (unsigned s = 0; s < 32; s++) {
        unsigned vs = opaque(s);
        printf("s=%2u lsl=%08" PRIx32 " lsr=%08" PRIx32 " asr=%08" PRIx32 " ror=%08" PRIx32
               " rol=%08" PRIx32 "\n",
               s, x << vs, x >> vs, (uint32_t)(sx >> vs), rotr32(x, vs), rotl32(x, vs));
    }
    /* Shifts by constants (immediate forms). */
    printf("imm: %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n",
           x << 1, x >> 1, (uint32_t)(sx >> 1), x << 31, x >> 31, (uint32_t)(sx >> 31));
    printf("imm: %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n", rotl32(x, 7), rotr32(x, 13),
           (x >> 16) | (x << 16));
    /* Narrow shifts with promotion. */
    uint8_t u8 = (uint8_t)opaque(0xb5);
    int8_t s8 = (int8_t)opaque(0xb5);
    uint16_t u16 = (uint16_t)opaque(0xbeef);
    int16_t s16 = (int16_t)opaque(0xbeef);
    printf("narrow: %d %d %d %d %d %d\n", u8 << 4, u8 >> 3, s8 >> 3, (uint8_t)(u8 << 4),
           s16 >> 5, (uint16_t)(u16 << 9));

    /* Fixed values through the builtins. */
    static const uint32_t fixed[] = { 1, 2, 3, 0x80000000u, 0xffffffffu, 0x7fffffffu,
                                      0x00010000u, 0x12345678u, 0xf0000001u, 0x00000100u };
    for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        uint32_t v = opaque(fixed[i]);
        printf("%08" PRIx32 ": clz=%2d ctz=%2d pop=%2d parity=%d ffs=%2d clrsb=%2d bswap=%08" PRIx32
               " bswap16=%04x rev=%08" PRIx32 "\n",
               v, __builtin_clz(v), __builtin_ctz(v), __builtin_popcount(v), __builtin_parity(v),
               __builtin_ffs((int)v), __builtin_clrsb((int)v), __builtin_bswap32(v),
               (unsigned)__builtin_bswap16((uint16_t)v), bitrev32(v));
    }
    printf("ffs(0)=%d clrsb(0)=%d clrsb(-1)=%d\n", __builtin_ffs((int)opaque(0)),
           __builtin_clrsb((int)opaque(0)), __builtin_clrsb((int)opaque(0xffffffffu)));
    uint64_t w = ((uint64_t)opaque(0x00000001u) << 32) | opaque(0x00f00000u);
    printf("64: clzll=%d ctzll=%d popll=%d bswap64=%016" PRIx64 "\n", __builtin_clzll(w),
           __builtin_ctzll(w), __builtin_popcountll(w), __builtin_bswap64(w));

    /* Random values: everything into the checksum, builtins cross-checked. */
    int mismatches = 0;
    for (int i = 0; i < 30000; i++) {
        uint32_t a = xorshift32();
        uint32_t b = xorshift32() >> (a & 31);
        unsigned s = (a >> 7) & 31;
        int32_t sa = (int32_t)a;
        mix(a << s); mix(a >> s); mix((uint32_t)(sa >> s)); mix(rotl32(a, s)); mix(rotr32(b, s));
        if (b) {
            int clz = __builtin_clz(b), ctz = __builtin_ctz(b);
            mix((uint32_t)clz); mix((uint32_t)ctz);
            if ((b >> (31 - clz)) != 1 || ((b >> ctz) & 1) != 1) mismatches++;
        }
        int pc = __builtin_popcount(a);
        if (pc != popcount_slow(a)) mismatches++;
        mix((uint32_t)pc);
        mix(__builtin_bswap32(b));
        mix(bitrev32(a));
        unsigned lsb = b & 31, width = 1 + ((a >> 12) % (32 - lsb));
        mix(ubfx(a, lsb, width));
        mix((uint32_t)sbfx(a, lsb, width));
        mix(bfi(a, b, lsb, width));
        /* Classic tricks. */
        mix(a & (0u - a));                 /* lowest set bit */
        mix(a & (a - 1));                  /* clear lowest set bit */
        mix((a | (a - 1)) + 1);            /* clear trailing ones run */
        mix((uint32_t)((sa >> 31) ^ sa) - (uint32_t)(sa >> 31)); /* abs */
        mix(a ^ b ^ (a & ~b) ^ (a | ~b));
        mix((uint32_t)(a > b) - (uint32_t)(a < b));
        if (i % 3000 == 0)
            printf("%5d a=%08" PRIx32 " b=%08" PRIx32 " s=%2u lsb=%2u w=%2u ubfx=%08" PRIx32
                   " sbfx=%08" PRIx32 " bfi=%08" PRIx32 "\n",
                   i, a, b, s, lsb, width, ubfx(a, lsb, width), (uint32_t)sbfx(a, lsb, width),
                   bfi(a, b, lsb, width));
    }
    printf("checksum %08" PRIx32 ", builtin mismatches %d\n", sum, mismatches);
    return mismatches != 0;
}
