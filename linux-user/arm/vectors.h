/* The ARM vector page at 0xffff0000: kuser helpers and sigreturn code. */
#ifndef MIMIC_ARM_VECTORS_H
#define MIMIC_ARM_VECTORS_H

#define ARM_VECTORS_BASE        0xffff0000u
#define ARM_SIGRETURN_ARM       (ARM_VECTORS_BASE + 0x500)
#define ARM_SIGRETURN_THUMB     (ARM_VECTORS_BASE + 0x508 + 1)
#define ARM_SIGRETURN_RT_ARM    (ARM_VECTORS_BASE + 0x510)
#define ARM_SIGRETURN_RT_THUMB  (ARM_VECTORS_BASE + 0x518 + 1)

void arm_vectors_map(void);

#endif
