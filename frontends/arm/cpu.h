/* The 32-bit ARM guest CPU (ARMv7-A/ARMv8-A AArch32 user level). */
#ifndef MIMIC_ARM_CPU_H
#define MIMIC_ARM_CPU_H

#include <stdint.h>

#include "tcg/cpu.h"

/* tb_flags: the state a translation depends on. */
#define ARM_TBF_THUMB       (1u << 0)       /* CPSR.T */
#define ARM_TBF_IT_SHIFT    8               /* CPSR.IT[7:0] (ITSTATE) */
#define ARM_TBF_IT_MASK     (0xffu << ARM_TBF_IT_SHIFT)
/* FPSCR state that VFP translation depends on (frontends/arm/vfp.c); kept
 * in step with env->fpscr by arm_fpscr_set, and carried unchanged across
 * every TB exit and exception restore. */
#define ARM_TBF_FPFZ        (1u << 2)       /* FPSCR.FZ: flush-to-zero checks (vfp.c) */
#define ARM_TBF_FPVEC       (1u << 3)       /* FPSCR.Len/Stride nonzero: data processing UNDEFINED */
#define ARM_TBF_FP_MASK     (ARM_TBF_FPFZ | ARM_TBF_FPVEC)

/* AT_HWCAP bits (arch/arm/include/uapi/asm/hwcap.h). */
enum {
    ARM_HWCAP_SWP = 1 << 0, ARM_HWCAP_HALF = 1 << 1, ARM_HWCAP_THUMB = 1 << 2,
    ARM_HWCAP_FAST_MULT = 1 << 4, ARM_HWCAP_VFP = 1 << 6, ARM_HWCAP_EDSP = 1 << 7,
    ARM_HWCAP_NEON = 1 << 12, ARM_HWCAP_VFPv3 = 1 << 13, ARM_HWCAP_VFPv3D16 = 1 << 14,
    ARM_HWCAP_TLS = 1 << 15, ARM_HWCAP_VFPv4 = 1 << 16, ARM_HWCAP_IDIVA = 1 << 17,
    ARM_HWCAP_IDIVT = 1 << 18, ARM_HWCAP_VFPD32 = 1 << 19, ARM_HWCAP_LPAE = 1 << 20,
};
enum {
    ARM_HWCAP2_AES = 1 << 0, ARM_HWCAP2_PMULL = 1 << 1, ARM_HWCAP2_SHA1 = 1 << 2,
    ARM_HWCAP2_SHA2 = 1 << 3, ARM_HWCAP2_CRC32 = 1 << 4,
};

typedef struct CPUARMState {
    CPUCommon common;           /* pc (r15, without the Thumb bit), tb_flags */
    uint32_t regs[16];          /* r0-r14; regs[15] unused: the pc is common.pc */
    uint32_t NF;                /* N is bit 31 */
    uint32_t ZF;                /* Z is set when ZF == 0 */
    uint32_t CF;                /* C, 0 or 1 */
    uint32_t VF;                /* V is bit 31 */
    uint32_t QF;                /* sticky saturation: nonzero when Q is set */
    uint32_t GE;                /* APSR.GE[3:0] */
    uint32_t exclusive_addr;    /* LDREX monitor address, ~0 when clear */
    uint32_t exclusive_val;     /* value seen by LDREX (low word for LDREXD) */
    uint32_t exclusive_hi;      /* high word seen by LDREXD */
    uint32_t tpidrurw;          /* TPIDRURW, user read/write thread register */
    uint32_t tpidruro;          /* TPIDRURO, the TLS pointer set by set_tls */
    uint32_t fpscr;             /* FPSCR, NZCV included */
    uint32_t fpexc;             /* FPEXC (EN bit only) */
    uint32_t pad;
    uint64_t vfp[32] __attribute__((aligned(16)));    /* D0-D31 (Q0-Q15 in pairs) */
    uint32_t hwcap, hwcap2;     /* features of the selected -cpu model */
    uint32_t midr;              /* main ID register value for /proc/cpuinfo */
} CPUARMState;

static inline CPUARMState *arm_env(CPUCommon *c) { return (CPUARMState *)c; }

/* FPSCR as the guest sees it: the control bits and NZCV kept in env->fpscr
 * merged with the exception flags the host has accumulated in MXCSR; and
 * the write that programs MXCSR (rounding, flush-to-zero) to match.
 * frontends/arm/vfp-helper.c. */
uint32_t arm_fpscr_get(CPUARMState *env);
void arm_fpscr_set(CPUARMState *env, uint32_t val);

/* CPSR as the guest sees it (APSR flags, IT, T; user mode). */
uint32_t arm_cpsr_read(const CPUARMState *env);
void arm_cpsr_write(CPUARMState *env, uint32_t cpsr, uint32_t mask);

struct ArchInfo;
extern const struct ArchInfo arm_arch;

#endif
