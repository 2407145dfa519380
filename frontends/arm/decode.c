/*
 * The ARM decode tables: each instruction family contributes a pattern set
 * (declared in its own file); the sets are joined here in decode order.
 * Earlier sets win where encodings overlap.
 *
 * Field letter conventions shared by A32, T32 and T16 patterns, so that one
 * trans function serves every encoding of an operation:
 *   c cond        S set flags       n Rn     d Rd     m Rm     s Rs
 *   t Rt          T Rt2             a Ra     i shift amount / small imm
 *   y shift type  k immediate       R immediate was rotated (after prep)
 *   p P (index)   u U (add)         w W (writeback)    l register list
 *   h high immediate part            H halfword / top select
 */
#include "frontends/arm/translate.h"

#include <string.h>

#include "tcg/util.h"

extern const ArmPatternSet arm_a32_branch_set, arm_a32_mem_set, arm_a32_mul_set, arm_a32_media_set,
    arm_a32_misc_set, arm_a32_dp_set, arm_a32_vfp_set, arm_a32_vfpdp_set;
extern const ArmPatternSet arm_t32_branch_set, arm_t32_mem_set, arm_t32_mul_set, arm_t32_media_set,
    arm_t32_misc_set, arm_t32_dp_set, arm_t32_vfp_set, arm_t32_vfpdp_set;
extern const ArmPatternSet arm_t16_branch_set, arm_t16_mem_set, arm_t16_dp_set, arm_t16_misc_set;

static const ArmPatternSet *const a32_sets[] = {
    &arm_a32_branch_set, &arm_a32_misc_set, &arm_a32_mul_set, &arm_a32_media_set,
    &arm_a32_mem_set, &arm_a32_dp_set, &arm_a32_vfp_set, &arm_a32_vfpdp_set,
};
static const ArmPatternSet *const t32_sets[] = {
    &arm_t32_branch_set, &arm_t32_misc_set, &arm_t32_mul_set, &arm_t32_media_set,
    &arm_t32_mem_set, &arm_t32_dp_set, &arm_t32_vfp_set, &arm_t32_vfpdp_set,
};
static const ArmPatternSet *const t16_sets[] = {
    &arm_t16_branch_set, &arm_t16_misc_set, &arm_t16_mem_set, &arm_t16_dp_set,
};

DecodeTable arm_a32_table = { "a32", NULL, 0, 32, { { 20, 8 }, { 4, 4 } }, 2, 0, NULL };
DecodeTable arm_t32_table = { "t32", NULL, 0, 32, { { 20, 9 }, { 12, 4 } }, 2, 0, NULL };
DecodeTable arm_t16_table = { "t16", NULL, 0, 16, { { 6, 10 } }, 1, 0, NULL };

static void join(DecodeTable *t, const ArmPatternSet *const *sets, size_t nsets)
{
    size_t n = 0;
    for (size_t i = 0; i < nsets; i++) {
        n += sets[i]->n;
    }
    t->pats = xmalloc((n ? n : 1) * sizeof(DecodePattern));
    t->npats = 0;
    for (size_t i = 0; i < nsets; i++) {
        memcpy(t->pats + t->npats, sets[i]->pats, sets[i]->n * sizeof(DecodePattern));
        t->npats += sets[i]->n;
    }
    decode_table_init(t);
}

void arm_decode_init(void)
{
    static bool done;
    if (done) {
        return;
    }
    join(&arm_a32_table, a32_sets, ARRAY_SIZE(a32_sets));
    join(&arm_t32_table, t32_sets, ARRAY_SIZE(t32_sets));
    join(&arm_t16_table, t16_sets, ARRAY_SIZE(t16_sets));
    done = true;
}

bool arm_decode_a32(DisasContext *dc, uint32_t insn) { return decode_run(&arm_a32_table, dc, insn); }
bool arm_decode_t32(DisasContext *dc, uint32_t insn) { return decode_run(&arm_t32_table, dc, insn); }
bool arm_decode_t16(DisasContext *dc, uint32_t insn) { return decode_run(&arm_t16_table, dc, insn); }
