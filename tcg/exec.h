/* The generic execution loop, CPU registry and exclusive sections. */
#ifndef MIMIC_TCG_EXEC_H
#define MIMIC_TCG_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "tcg/cpu.h"
#include "tcg/tb.h"

extern bool exec_no_chain;      /* -d exec/cpu, gdb single-step */
extern bool exec_one_insn;      /* -one-insn-per-tb */
/* Name a guest pc for the perf map (set by the loader); may be NULL. */
extern const char *(*exec_symbolizer)(uint32_t pc, uint32_t *offset);

void cpu_register(CPUCommon *cpu);
void cpu_unregister(CPUCommon *cpu);

/* Run translated code until an exception; returns its Excp. */
int cpu_exec(CPUCommon *cpu);
/* Ask the CPU to leave translated code soon; async-signal-safe. */
static inline void cpu_exit(CPUCommon *cpu) { cpu->exit_request = 1; }
/* From a helper: abandon the TB and return cpu->exception from cpu_exec. */
noreturn void cpu_loop_exit(CPUCommon *cpu);
/* The same, after recovering the guest pc of the host instruction at
 * host_pc (a return address into translated code). */
noreturn void cpu_loop_exit_restore(CPUCommon *cpu, uintptr_t host_pc);
/* Recover the guest state for a host pc inside translated code.  host_ctx
 * (a ucontext_t *) is given for faults: guest registers that lived in host
 * registers at a memory access are taken from it. */
bool cpu_restore_state(CPUCommon *cpu, uintptr_t host_pc, const void *host_ctx);

/* Stop every other CPU outside translated code (TB flush, fork). */
void start_exclusive(void);
void end_exclusive(void);
void cpu_exec_start(CPUCommon *cpu);
void cpu_exec_end(CPUCommon *cpu);
/* In a forked child: forget the CPUs of threads that were not copied. */
void exec_after_fork_child(CPUCommon *self);

void exec_jc_remove(uint32_t pc, const void *code);
void exec_jc_clear_all(void);
void exec_perf_map_add(TB *tb);
void exec_print_stats(void);

#endif
