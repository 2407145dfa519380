/* Placeholder: this instruction family is not translated yet. */
#include "frontends/arm/translate.h"

static DecodePattern a32_mul[] = {};
ARM_PATTERN_SET(arm_a32_mul_set, a32_mul);
static DecodePattern t32_mul[] = {};
ARM_PATTERN_SET(arm_t32_mul_set, t32_mul);
