/*
 * The pattern sets of the ARM frontend, as found in the objects: the
 * build writes $(BUILD)/tests/diff/diffsets.c from `nm` output (every
 * global arm_{a32,t32,t16}_<family>_set), so a family added to the
 * decoder becomes a test class without touching tests/diff/.
 */
#ifndef MIMIC_DIFFTOOL_H
#define MIMIC_DIFFTOOL_H

#include "frontends/arm/translate.h"

typedef struct DiffSetRef {
    const char *symbol;         /* arm_a32_dp_set */
    const ArmPatternSet *set;
} DiffSetRef;

extern const DiffSetRef diff_sets[];
extern const int diff_nsets;

#endif
