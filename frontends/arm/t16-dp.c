/* Placeholder: this instruction family is not translated yet. */
#include "frontends/arm/translate.h"

static DecodePattern t16_dp[] = {};
ARM_PATTERN_SET(arm_t16_dp_set, t16_dp);
static DecodePattern t16_misc[] = {};
ARM_PATTERN_SET(arm_t16_misc_set, t16_misc);
