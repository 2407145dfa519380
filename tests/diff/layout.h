/*
 * Shared by the guest harness (tests/diff/harness.c, ARM) and the host
 * tool (tests/diff/difftool.c): the fixed guest addresses, the layout of
 * the register block, and the generator of the initial memory contents
 * (so the host can show the bytes a case started from without storing
 * 4 KiB per case).
 *
 * Guest address map (all fixed, so that pc-relative values and fault
 * addresses are the same under every emulator):
 *
 *   DIFF_RESERVE .. +2 MiB            PROT_NONE reservation (guards)
 *   DIFF_CODE    .. +16 KiB           RWX: page 0 zero (literal-load slack)
 *                                          page 1 test code at DIFF_ENTRY
 *                                          page 2 zero, exit stub at DIFF_STUB
 *                                          page 3 register save area
 *   DIFF_MEM     .. +4 KiB            RW: the memory block a case may access
 *
 * The memory block has 512 KiB of PROT_NONE guard below and ~508 KiB
 * above: every address a generated memory instruction can form lies either
 * in the block or in a guard, so an access outside the block is a
 * deterministic SIGSEGV in both emulators.
 */
#ifndef MIMIC_DIFF_LAYOUT_H
#define MIMIC_DIFF_LAYOUT_H

#include <stdint.h>

#define DIFF_RESERVE 0x20000000u
#define DIFF_RESERVE_SIZE 0x200000u
#define DIFF_CODE 0x20080000u
#define DIFF_CODE_SIZE 0x4000u
#define DIFF_ENTRY (DIFF_CODE + 0x1000u)
#define DIFF_STUB (DIFF_CODE + 0x2f00u)
#define DIFF_SAVE (DIFF_CODE + 0x3000u)
#define DIFF_MEM 0x20180000u
#define DIFF_MEM_SIZE 0x1000u
#define DIFF_MEM_WORDS (DIFF_MEM_SIZE / 4)

/* Most instruction words in one case (the generator makes at most 4; an
 * IT block may add up to 4 more). */
#define DIFF_MAX_INSNS 10

/* Register block: the input of a case and the save area of the exit stub
 * share this layout (harness-asm.S hard-codes the offsets). */
typedef struct DiffRegs {
    uint32_t r[15];             /* 0: r0-r14 */
    uint32_t psr;               /* 60: APSR (NZCVQ, GE) */
    uint32_t fpscr;             /* 64 */
    uint32_t uwr;               /* 68: TPIDRURW */
    uint64_t d[32];             /* 72: D0-D31 */
} DiffRegs;

/* The APSR bits a case sets and compares (NZCVQ, GE[3:0]). */
#define DIFF_APSR_MASK 0xf80f0000u
/* CPSR bits compared after a signal: the APSR, IT[7:0] and T. */
#define DIFF_CPSR_SIG_MASK (DIFF_APSR_MASK | 0x0600fc00u | 0x20u)
/* TPIDRURW at the start of every case. */
#define DIFF_UWR_INIT 0x5eed1e55u

static inline uint32_t diff_xorshift(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Word i of the initial memory block of a case with this seed: mostly
 * random, with zeros, all-ones and small numbers mixed in. */
static inline void diff_mem_fill(uint32_t *words, uint32_t seed)
{
    uint32_t s = seed ? seed : 0x9e3779b9u;
    for (uint32_t i = 0; i < DIFF_MEM_WORDS; i++) {
        uint32_t r = diff_xorshift(&s), v = diff_xorshift(&s);
        switch (r & 15) {
        case 0: v = 0; break;
        case 1: v = 0xffffffffu; break;
        case 2: v &= 0xff; break;
        case 3: v = (v & 0x80ff) * 0x10001u; break;
        default: break;
        }
        words[i] = v;
    }
}

#endif
