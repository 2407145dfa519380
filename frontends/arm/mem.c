/* Placeholder: this instruction family is not translated yet. */
#include "frontends/arm/translate.h"

static DecodePattern a32_mem[] = {};
ARM_PATTERN_SET(arm_a32_mem_set, a32_mem);
static DecodePattern t32_mem[] = {};
ARM_PATTERN_SET(arm_t32_mem_set, t32_mem);
static DecodePattern t16_mem[] = {};
ARM_PATTERN_SET(arm_t16_mem_set, t16_mem);
