/* Prototypes and HelperInfo declarations of the ARM helpers. */
#ifndef MIMIC_ARM_HELPERS_H
#define MIMIC_ARM_HELPERS_H

#include "frontends/arm/cpu.h"

#define HELPER_ENV_TYPE CPUARMState *
#define HELPER_PROTOTYPES
#include "tcg/helpers.h"
#include "frontends/arm/helpers.def"
#include "frontends/arm/helpers-media.def"
#include "frontends/arm/helpers-mem.def"
#include "frontends/arm/helpers-vfp.def"
#undef HELPER_PROTOTYPES

#endif
