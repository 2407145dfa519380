/*
 * Declaring translator helpers once.  A frontend lists its helpers in a
 * helpers.def file:
 *
 *     DEF_HELPER(arm_shift_cc, IRH_PURE, i64, i32, i32, i32, i32)
 *
 * name, IRH_* flags, return type, argument types; types are void, i32,
 * i64, env (the CPU state pointer) and ptr.  Including the .def with
 * HELPER_PROTOTYPES defined yields the C prototypes (so the compiler checks
 * every definition against its declaration) and the extern HelperInfo
 * declarations; with HELPER_INFO defined it yields the HelperInfo tables
 * that ir_call uses.
 */
#ifndef MIMIC_TCG_HELPERS_H
#define MIMIC_TCG_HELPERS_H

#include <stdint.h>

#include "tcg/ir.h"

#ifndef HELPER_ENV_TYPE
#define HELPER_ENV_TYPE void *
#endif

#define HT_C_void void
#define HT_C_i32 uint32_t
#define HT_C_i64 uint64_t
#define HT_C_env HELPER_ENV_TYPE
#define HT_C_ptr void *
#define HT_C(t) HT_C_##t
#define HT_E(t) HT_##t

#define HMAP_1(m, a) m(a)
#define HMAP_2(m, a, ...) m(a), HMAP_1(m, __VA_ARGS__)
#define HMAP_3(m, a, ...) m(a), HMAP_2(m, __VA_ARGS__)
#define HMAP_4(m, a, ...) m(a), HMAP_3(m, __VA_ARGS__)
#define HMAP_5(m, a, ...) m(a), HMAP_4(m, __VA_ARGS__)
#define HMAP_6(m, a, ...) m(a), HMAP_5(m, __VA_ARGS__)
#define HMAP_PICK(_1, _2, _3, _4, _5, _6, N, ...) N
#define HMAP(m, ...) HMAP_PICK(__VA_ARGS__, HMAP_6, HMAP_5, HMAP_4, HMAP_3, HMAP_2, HMAP_1, _)(m, __VA_ARGS__)
#define HCOUNT(...) HMAP_PICK(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)

#endif

#undef DEF_HELPER
#if defined(HELPER_PROTOTYPES)
#define DEF_HELPER(name, flags, ret, ...) \
    HT_C(ret) helper_##name(HMAP(HT_C, __VA_ARGS__)); \
    extern const HelperInfo helper_info_##name;
#elif defined(HELPER_INFO)
#define DEF_HELPER(name, flags, ret, ...) \
    const HelperInfo helper_info_##name = { #name, (void *)helper_##name, (flags), HT_E(ret), \
                                            HCOUNT(__VA_ARGS__), { HMAP(HT_E, __VA_ARGS__) } };
#endif
