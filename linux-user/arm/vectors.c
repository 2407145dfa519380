/*
 * The vector page user space sees on ARM Linux at 0xffff0000: the kuser
 * helpers at its top (__kuser_get_tls, __kuser_cmpxchg, __kuser_memory_
 * barrier, __kuser_cmpxchg64, __kuser_helper_version) and the sigreturn
 * trampolines at 0x500, where the kernel keeps KERN_SIGRETURN_CODE.
 *
 * They are real ARM code, built from the kernel's ARMv7 SMP sequences
 * (LDREX/STREX with DMB), so they run through the translator like any
 * guest code and inherit its atomicity guarantees.
 */
#include <string.h>
#include <sys/mman.h>

#include "linux-user/arm/vectors.h"
#include "linux-user/mmap.h"
#include "tcg/util.h"

static const struct {
    uint16_t off;
    uint32_t word;
} vector_code[] = {
    /* sigreturn (ARM): mov r7, #119; svc #0 */
    { 0x500, 0xe3a07077 }, { 0x504, 0xef000000 },
    /* sigreturn (Thumb): movs r7, #119; svc #0; nop; nop */
    { 0x508, 0xdf002777 }, { 0x50c, 0x46c046c0 },
    /* rt_sigreturn (ARM): mov r7, #173; svc #0 */
    { 0x510, 0xe3a070ad }, { 0x514, 0xef000000 },
    /* rt_sigreturn (Thumb): movs r7, #173; svc #0; nop; nop */
    { 0x518, 0xdf0027ad }, { 0x51c, 0x46c046c0 },
    /* __kuser_cmpxchg64 (0xffff0f60): r0 = &old, r1 = &new, r2 = ptr */
    { 0xf60, 0xe92d00f0 },  /* push {r4-r7} */
    { 0xf64, 0xe1c040d0 },  /* ldrd r4, r5, [r0] */
    { 0xf68, 0xe1c160d0 },  /* ldrd r6, r7, [r1] */
    { 0xf6c, 0xf57ff05b },  /* dmb ish */
    { 0xf70, 0xe1b20f9f },  /* 1: ldrexd r0, r1, [r2] */
    { 0xf74, 0xe0303004 },  /* eors r3, r0, r4 */
    { 0xf78, 0x00313005 },  /* eorseq r3, r1, r5 */
    { 0xf7c, 0x01a23f96 },  /* strexdeq r3, r6, r7, [r2] */
    { 0xf80, 0x03330001 },  /* teqeq r3, #1 */
    { 0xf84, 0x0afffff9 },  /* beq 1b */
    { 0xf88, 0xf57ff05b },  /* dmb ish */
    { 0xf8c, 0xe2730000 },  /* rsbs r0, r3, #0 */
    { 0xf90, 0xe8bd00f0 },  /* pop {r4-r7} */
    { 0xf94, 0xe12fff1e },  /* bx lr */
    /* __kuser_memory_barrier (0xffff0fa0) */
    { 0xfa0, 0xf57ff05b },  /* dmb ish */
    { 0xfa4, 0xe12fff1e },  /* bx lr */
    /* __kuser_cmpxchg (0xffff0fc0): r0 = old, r1 = new, r2 = ptr */
    { 0xfc0, 0xf57ff05b },  /* dmb ish */
    { 0xfc4, 0xe1923f9f },  /* 1: ldrex r3, [r2] */
    { 0xfc8, 0xe0533000 },  /* subs r3, r3, r0 */
    { 0xfcc, 0x01823f91 },  /* strexeq r3, r1, [r2] */
    { 0xfd0, 0x03330001 },  /* teqeq r3, #1 */
    { 0xfd4, 0x0afffffa },  /* beq 1b */
    { 0xfd8, 0xe2730000 },  /* rsbs r0, r3, #0 */
    { 0xfdc, 0xeaffffef },  /* b __kuser_memory_barrier */
    /* __kuser_get_tls (0xffff0fe0) */
    { 0xfe0, 0xee1d0f70 },  /* mrc p15, 0, r0, c13, c0, 3 */
    { 0xfe4, 0xe12fff1e },  /* bx lr */
    /* __kuser_helper_version: five 32-byte helper slots */
    { 0xffc, 0x00000005 },
};

void arm_vectors_map(void)
{
    uint8_t *page = mmap(g2h(ARM_VECTORS_BASE), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (page == MAP_FAILED) {
        fatal("cannot map the ARM vector page");
    }
    for (size_t i = 0; i < ARRAY_SIZE(vector_code); i++) {
        memcpy(page + vector_code[i].off, &vector_code[i].word, 4);
    }
    mprotect(page, GUEST_PAGE_SIZE, PROT_READ);
    guest_reserve_range(ARM_VECTORS_BASE, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    mmap_set_name(ARM_VECTORS_BASE, GUEST_PAGE_SIZE, "[vectors]");
}
