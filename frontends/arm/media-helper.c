/*
 * C helpers of the ARM media family: the SIMD-within-a-register parallel
 * add/subtract family, halfword saturation, USAD8 and CRC32.  These are rare outside DSP
 * code, so one table-driven helper serves all 36 parallel operations; the
 * hot ones (UADD8/USUB8/SEL, used by glibc's string functions) are inline IR
 * in media.c.
 */
#include "frontends/arm/helpers.h"

/* Prefixes and operations as numbered by the A32 encoding. */
enum { PFX_S = 1, PFX_Q = 2, PFX_SH = 3, PFX_U = 5, PFX_UQ = 6, PFX_UH = 7 };
enum { OP_ADD16 = 0, OP_ASX = 1, OP_SAX = 2, OP_SUB16 = 3, OP_ADD8 = 4, OP_SUB8 = 7 };

static int32_t sat_signed(int32_t v, int bits)
{
    int32_t max = (1 << (bits - 1)) - 1, min = -(1 << (bits - 1));
    return v > max ? max : v < min ? min : v;
}

static int32_t sat_unsigned(int32_t v, int bits)
{
    int32_t max = (1 << bits) - 1;
    return v > max ? max : v < 0 ? 0 : v;
}

uint64_t helper_arm_parallel(uint32_t a, uint32_t b, uint32_t code)
{
    int pfx = (int)(code >> 3), op = (int)(code & 7);
    bool is_signed = pfx < 4;
    int lanes = op >= OP_ADD8 ? 4 : 2;
    int bits = 32 / lanes;
    uint32_t lane_mask = (1u << bits) - 1;
    uint32_t res = 0, ge = 0;

    for (int i = 0; i < lanes; i++) {
        /* The other lane of a 16-bit exchange form. */
        int j = (op == OP_ASX || op == OP_SAX) ? 1 - i : i;
        uint32_t xa = (a >> (i * bits)) & lane_mask, xb = (b >> (j * bits)) & lane_mask;
        int32_t va, vb;
        if (is_signed) {
            va = (int32_t)(xa << (32 - bits)) >> (32 - bits);
            vb = (int32_t)(xb << (32 - bits)) >> (32 - bits);
        } else {
            va = (int32_t)xa;
            vb = (int32_t)xb;
        }
        /* ASX subtracts in the low lane and adds in the high one; SAX the
         * reverse. */
        bool sub = op == OP_SUB16 || op == OP_SUB8 || (op == OP_ASX && i == 0) || (op == OP_SAX && i == 1);
        int32_t v = sub ? va - vb : va + vb;
        bool lane_ge;
        switch (pfx) {
        case PFX_S:
            lane_ge = v >= 0;
            break;
        case PFX_U:
            lane_ge = sub ? v >= 0 : v >= (1 << bits);
            break;
        case PFX_Q:
            v = sat_signed(v, bits);
            lane_ge = false;
            break;
        case PFX_UQ:
            v = sat_unsigned(v, bits);
            lane_ge = false;
            break;
        default: /* SH, UH: the sum has one more bit; keep its top bits */
            v >>= 1;
            lane_ge = false;
            break;
        }
        res |= ((uint32_t)v & lane_mask) << (i * bits);
        if (lane_ge) {
            ge |= (lanes == 2 ? 3u : 1u) << (i * (lanes == 2 ? 2 : 1));
        }
    }
    return (uint64_t)ge << 32 | res;
}

/* bits may exceed 16 (T32 encodes a 5-bit width, which qemu honours): any
 * width past 17 saturates a halfword no further than 17 does. */
static uint64_t sat16(uint32_t x, uint32_t bits, bool is_signed)
{
    uint32_t res = 0, q = 0;
    if (bits > 17) {
        bits = 17;
    }
    for (int i = 0; i < 2; i++) {
        int32_t v = (int16_t)(x >> (16 * i)), s;
        s = is_signed ? sat_signed(v, (int)bits) : sat_unsigned(v, (int)bits);
        q |= s != v;
        res |= ((uint32_t)s & 0xffff) << (16 * i);
    }
    return (uint64_t)q << 32 | res;
}

uint64_t helper_arm_ssat16(uint32_t x, uint32_t bits) { return sat16(x, bits, true); }
uint64_t helper_arm_usat16(uint32_t x, uint32_t bits) { return sat16(x, bits, false); }

uint32_t helper_arm_usad8(uint32_t a, uint32_t b)
{
    uint32_t sum = 0;
    for (int i = 0; i < 32; i += 8) {
        int32_t d = (int32_t)((a >> i) & 0xff) - (int32_t)((b >> i) & 0xff);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    return sum;
}

/* ARMv8 CRC32: the reflected CRC update without the usual pre- and
 * post-inversion (software keeps those), one bit at a time. */
static uint32_t crc_update(uint32_t crc, uint32_t val, uint32_t bytes, uint32_t poly)
{
    crc ^= bytes == 4 ? val : val & ((1u << (8 * bytes)) - 1);
    for (uint32_t i = 0; i < 8 * bytes; i++) {
        crc = (crc >> 1) ^ (poly & -(crc & 1));
    }
    return crc;
}

uint32_t helper_arm_crc32(uint32_t crc, uint32_t val, uint32_t bytes) { return crc_update(crc, val, bytes, 0xedb88320u); }
uint32_t helper_arm_crc32c(uint32_t crc, uint32_t val, uint32_t bytes) { return crc_update(crc, val, bytes, 0x82f63b78u); }

#define HELPER_INFO
#include "tcg/helpers.h"
#include "frontends/arm/helpers-media.def"
