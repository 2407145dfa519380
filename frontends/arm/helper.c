/* C helpers called from translated ARM code. */
#include "frontends/arm/helpers.h"

/* Register-specified shift with carry out: returns carry << 32 | result.
 * type: 0 LSL, 1 LSR, 2 ASR, 3 ROR; amount is Rs[7:0]. */
uint64_t helper_arm_shift_cc(uint32_t v, uint32_t amount, uint32_t type, uint32_t c)
{
    uint32_t r;
    if (amount == 0) {
        return (uint64_t)c << 32 | v;
    }
    switch (type) {
    case 0:
        r = amount < 32 ? v << amount : 0;
        c = amount <= 32 ? (v >> (32 - amount)) & 1 : 0;
        break;
    case 1:
        r = amount < 32 ? v >> amount : 0;
        c = amount <= 32 ? (v >> (amount - 1)) & 1 : 0;
        break;
    case 2:
        r = amount < 32 ? (uint32_t)((int32_t)v >> amount) : (uint32_t)((int32_t)v >> 31);
        c = amount < 32 ? (v >> (amount - 1)) & 1 : v >> 31;
        break;
    default:
        amount &= 31;
        r = amount ? (v >> amount) | (v << (32 - amount)) : v;
        c = r >> 31;
        break;
    }
    return (uint64_t)c << 32 | r;
}

#define HELPER_INFO
#include "tcg/helpers.h"
#include "frontends/arm/helpers.def"
