/* Placeholder: this instruction family is not translated yet. */
#include "frontends/arm/translate.h"

static DecodePattern a32_misc[] = {};
ARM_PATTERN_SET(arm_a32_misc_set, a32_misc);
static DecodePattern t32_misc[] = {};
ARM_PATTERN_SET(arm_t32_misc_set, t32_misc);
