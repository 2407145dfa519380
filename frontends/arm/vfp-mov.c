/* Placeholder: this instruction family is not translated yet. */
#include "frontends/arm/translate.h"

static DecodePattern a32_vfp[] = {};
ARM_PATTERN_SET(arm_a32_vfp_set, a32_vfp);
static DecodePattern t32_vfp[] = {};
ARM_PATTERN_SET(arm_t32_vfp_set, t32_vfp);
