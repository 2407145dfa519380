/* Placeholder: this instruction family is not translated yet. */
#include "frontends/arm/translate.h"

static DecodePattern a32_media[] = {};
ARM_PATTERN_SET(arm_a32_media_set, a32_media);
static DecodePattern t32_media[] = {};
ARM_PATTERN_SET(arm_t32_media_set, t32_media);
