/* Pieces of the ARM user-mode target shared between its files. */
#ifndef MIMIC_ARM_USER_H
#define MIMIC_ARM_USER_H

#include "linux-user/user.h"

int arm_syscall_id(uint32_t nr);
extern const StructConv *const arm_structs[GS_NB];
extern const FlagConv *const arm_flags[GF_NB];
bool arm_signal_setup_frame(CPUCommon *cpu, int sig, const GuestSigaction *sa, const uint8_t *ginfo, uint64_t mask);
int64_t arm_signal_return(CPUCommon *cpu, bool rt);
void arm_cpuinfo(FILE *f, CPUCommon *cpu);

#endif
