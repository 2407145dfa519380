/* IR passes. */
#ifndef MIMIC_TCG_OPT_H
#define MIMIC_TCG_OPT_H

#include "tcg/ir.h"

void ir_optimize(IRContext *c);     /* constant folding, copy propagation */
void ir_liveness(IRContext *c);     /* dead-code elimination, death marks */

#endif
