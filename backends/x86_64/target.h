/* x86_64 host: registers, condition codes, opcode constants. */
#ifndef MIMIC_X86_TARGET_H
#define MIMIC_X86_TARGET_H

#include <stdint.h>

typedef enum X86Reg {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
    R8, R9, R10, R11, R12, R13, R14, R15,
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7,
    XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15,
    X86_NB_REGS
} X86Reg;

/* Pinned registers.  Callee-saved, so helpers called from translated code
 * keep them, and neither is rbp/r13 (disp8 quirk) nor rsp/r12 (SIB quirk). */
#define REG_ENV     R14     /* the guest CPU state */
#define REG_GBASE   R15     /* host address of guest address 0 */
#define REG_SCRATCH R11     /* never allocated: the backend's own scratch */

#define REGSET(r) (1u << (r))
#define X86_GPR_MASK 0x0000ffffu
#define X86_XMM_MASK 0xffff0000u
/* Clobbered by a SysV call. */
#define X86_CALL_CLOBBER (REGSET(RAX) | REGSET(RCX) | REGSET(RDX) | REGSET(RSI) | REGSET(RDI) | \
                          REGSET(R8) | REGSET(R9) | REGSET(R10) | REGSET(R11) | X86_XMM_MASK)
#define X86_ALLOCATABLE  (X86_GPR_MASK & ~(REGSET(RSP) | REGSET(REG_ENV) | REGSET(REG_GBASE) | \
                                           REGSET(REG_SCRATCH)))

static const X86Reg x86_call_arg_regs[6] = { RDI, RSI, RDX, RCX, R8, R9 };

/* Condition codes as in the Jcc/SETcc/CMOVcc encodings. */
typedef enum X86Cond {
    CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
    CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G,
} X86Cond;

/* Group-1 ALU ops (the /digit of 0x81 and the opcode base 8*op). */
typedef enum X86Alu { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP } X86Alu;

/* Group-2 shift ops. */
typedef enum X86Shift { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 } X86Shift;

/* Host features found by CPUID at start-up. */
typedef struct X86Features {
    uint8_t bmi1, bmi2, lzcnt, popcnt, movbe, sse41, avx, avx2, fma, f16c, aesni, shani, pclmul;
} X86Features;
extern X86Features x86_features;
void x86_features_init(void);

#endif
