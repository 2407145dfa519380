/*
 * ARM user-mode target: CPU models and hwcaps, the entry state, the cpu
 * loop (syscalls and exceptions) and the ARM-private syscalls.
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frontends/arm/cpu.h"
#include "linux-user/arm/arm-user.h"
#include "linux-user/arm/vectors.h"
#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "tcg/exec.h"
#include "tcg/tb.h"
#include "tcg/util.h"

extern const FrontendOps arm_frontend;

/* What the translator implements; a model advertises the intersection of
 * this with its own features, so AT_HWCAP never promises more than mimic
 * runs. */
#define ARM_IMPLEMENTED_HWCAP (ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT | ARM_HWCAP_EDSP | \
                               ARM_HWCAP_TLS | ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT | ARM_HWCAP_VFP | \
                               ARM_HWCAP_VFPv3 | ARM_HWCAP_VFPv4 | ARM_HWCAP_VFPD32)
#define ARM_IMPLEMENTED_HWCAP2 ARM_HWCAP2_CRC32

typedef struct ArmModel {
    const char *name;
    uint32_t midr;
    uint32_t hwcap, hwcap2;
} ArmModel;

#define V7_COMMON (ARM_HWCAP_SWP | ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT | ARM_HWCAP_VFP | \
                   ARM_HWCAP_EDSP | ARM_HWCAP_NEON | ARM_HWCAP_VFPv3 | ARM_HWCAP_TLS | ARM_HWCAP_VFPv4 | \
                   ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT | ARM_HWCAP_VFPD32)
#define V8_CRYPTO (ARM_HWCAP2_AES | ARM_HWCAP2_PMULL | ARM_HWCAP2_SHA1 | ARM_HWCAP2_SHA2 | ARM_HWCAP2_CRC32)

static const ArmModel arm_models[] = {
    { "cortex-a7", 0x410fc075, V7_COMMON, 0 },
    { "cortex-a15", 0x412fc0f1, V7_COMMON, 0 },
    { "cortex-a53", 0x410fd034, V7_COMMON & ~ARM_HWCAP_SWP, V8_CRYPTO },
    { "max", 0x410fd034, V7_COMMON & ~ARM_HWCAP_SWP, V8_CRYPTO },
};

static const ArmModel *arm_model = &arm_models[3];

static bool arm_cpu_select(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(arm_models); i++) {
        if (!strcasecmp(name, arm_models[i].name)) {
            arm_model = &arm_models[i];
            return true;
        }
    }
    return false;
}

static void arm_cpu_list(FILE *f)
{
    fprintf(f, "Available CPUs (arm):\n");
    for (size_t i = 0; i < ARRAY_SIZE(arm_models); i++) {
        fprintf(f, "  %s\n", arm_models[i].name);
    }
}

static uint32_t arm_hwcap(void) { return arm_model->hwcap & ARM_IMPLEMENTED_HWCAP; }
static uint32_t arm_hwcap2(void) { return arm_model->hwcap2 & ARM_IMPLEMENTED_HWCAP2; }

static void arm_cpu_reset(CPUCommon *cpu)
{
    CPUARMState *env = arm_env(cpu);
    env->exclusive_addr = UINT32_MAX;
    env->ZF = 1;        /* all flags clear at process start, Z included */
    arm_fpscr_set(env, 0);
    env->hwcap = arm_hwcap();
    env->hwcap2 = arm_hwcap2();
    env->midr = arm_model->midr;
    env->fpexc = 1u << 30;
}

static void arm_cpu_set_entry(CPUCommon *cpu, const ImageInfo *info)
{
    CPUARMState *env = arm_env(cpu);
    env->regs[13] = info->sp;
    env->regs[0] = 0;   /* no rtld_fini for static programs */
    cpu->pc = info->start_pc & ~1u;
    cpu->tb_flags = (info->start_pc & 1) ? ARM_TBF_THUMB : 0;
}

static bool arm_elf_flags_ok(uint32_t e_flags, char *err, size_t errlen)
{
    uint32_t eabi = e_flags & 0xff000000u;
    if (eabi != 0x05000000u && eabi != 0x04000000u) {
        snprintf(err, errlen, "unsupported ARM ABI (only EABI v4/v5 binaries run)");
        return false;
    }
    return true;
}

uint32_t arm_cpsr_read(const CPUARMState *env)
{
    uint32_t it = (env->common.tb_flags >> ARM_TBF_IT_SHIFT) & 0xff;
    return (env->NF & 0x80000000u) | (env->ZF == 0) << 30 | (env->CF & 1) << 29 | (env->VF >> 31) << 28 |
           (env->QF != 0) << 27 | (it & 3) << 25 | (env->GE & 0xf) << 16 | (it >> 2) << 10 |
           (env->common.tb_flags & ARM_TBF_THUMB ? 1u << 5 : 0) | 0x10;
}

void arm_cpsr_write(CPUARMState *env, uint32_t cpsr, uint32_t mask)
{
    if (mask & 0xf8000000u) {
        env->NF = cpsr & 0x80000000u;
        env->ZF = !(cpsr & 0x40000000u);
        env->CF = (cpsr >> 29) & 1;
        env->VF = (cpsr << 3) & 0x80000000u;
        env->QF = (cpsr >> 27) & 1;
    }
    if (mask & 0x000f0000u) {
        env->GE = (cpsr >> 16) & 0xf;
    }
    if (mask & 0x0600fc20u) {
        uint32_t it = ((cpsr >> 25) & 3) | ((cpsr >> 8) & 0xfc);
        env->common.tb_flags = (env->common.tb_flags & ARM_TBF_FP_MASK) | ((cpsr & (1u << 5)) ? ARM_TBF_THUMB : 0) | it << ARM_TBF_IT_SHIFT;
    }
}

static void arm_cpu_dump(CPUCommon *cpu, FILE *f)
{
    CPUARMState *env = arm_env(cpu);
    for (int i = 0; i < 16; i++) {
        fprintf(f, "R%02d=%08x%s", i, i == 15 ? cpu->pc : env->regs[i], (i & 3) == 3 ? "\n" : " ");
    }
    uint32_t psr = arm_cpsr_read(env);
    fprintf(f, "PSR=%08x %c%c%c%c %c\n", psr, psr & (1u << 31) ? 'N' : '-', psr & (1u << 30) ? 'Z' : '-',
            psr & (1u << 29) ? 'C' : '-', psr & (1u << 28) ? 'V' : '-', psr & 0x20 ? 'T' : 'A');
}

/* ---- syscall restart, threads, signals ---- */

static uint32_t arm_cpu_get_sp(const CPUCommon *cpu)
{
    return ((const CPUARMState *)cpu)->regs[13];
}

/* The SVC that returned ERESTARTSYS is 2 bytes in Thumb, 4 in ARM. */
static void arm_syscall_rewind(CPUCommon *cpu)
{
    cpu->pc -= (cpu->tb_flags & ARM_TBF_THUMB) ? 2 : 4;
}

static void arm_syscall_eintr(CPUCommon *cpu)
{
    /* pc was rewound to the SVC: step past it again and fail the call. */
    cpu->pc += (cpu->tb_flags & ARM_TBF_THUMB) ? 2 : 4;
    arm_env(cpu)->regs[0] = (uint32_t)-EINTR;
}

static void arm_cpu_clone(CPUCommon *child, uint32_t newsp)
{
    CPUARMState *env = arm_env(child);
    /* The parent's accumulated FP flags belong in the child's copy. */
    env->fpscr = arm_fpscr_get(env);
    if (newsp) {
        env->regs[13] = newsp;
    }
    env->regs[0] = 0;
    env->exclusive_addr = UINT32_MAX;
}

static void arm_cpu_set_tls(CPUCommon *cpu, uint32_t tls)
{
    arm_env(cpu)->tpidruro = tls;
}

static void arm_cpu_thread_start(CPUCommon *cpu)
{
    /* The creator's FP flags were folded into the copied FPSCR (the copy is
     * taken inside a syscall, where cpu_clone reads them); program this
     * thread's host control register to match. */
    arm_fpscr_set(arm_env(cpu), arm_env(cpu)->fpscr);
}

/* ---- ARM-private syscalls ---- */

int64_t sys_arm_set_tls(SyscallArgs *a)
{
    arm_env(a->cpu)->tpidruro = a->a[0];
    return 0;
}

int64_t sys_arm_get_tls(SyscallArgs *a)
{
    return arm_env(a->cpu)->tpidruro;
}

int64_t sys_arm_cacheflush(SyscallArgs *a)
{
    if (a->a[1] < a->a[0]) {
        return -EINVAL;
    }
    tb_invalidate_range(a->a[0], a->a[1]);
    return 0;
}

int64_t sys_arm_breakpoint(SyscallArgs *a)
{
    force_sig(a->cpu, SIGTRAP, TRAP_BRKPT, a->cpu->pc);
    return 0;
}

/* ---- the cpu loop ---- */

static void arm_do_syscall(CPUCommon *cpu)
{
    CPUARMState *env = arm_env(cpu);
    SyscallArgs a;
    uint32_t nr = env->regs[7];

    a.cpu = cpu;
    a.ua = &arm_user;
    for (int i = 0; i < 7; i++) {
        a.a[i] = env->regs[i];
    }
    a.a[7] = 0;
    a.id = arm_syscall_id(nr);
    if (strace_enabled) {
        strace_enter(&a, nr);
    }
    int64_t ret;
    if (a.id < 0) {
        static uint32_t warned = UINT32_MAX;
        if (warned != nr) {
            warned = nr;
            fprintf(stderr, "mimic: unknown syscall number %u\n", nr);
        }
        ret = -ENOSYS;
    } else {
        ret = do_syscall(&a);
    }
    if (strace_enabled && ret != -MIMIC_ESIGRETURN) {
        strace_exit(&a, ret);
    }
    if (ret == -MIMIC_ERESTARTSYS) {
        /* Re-execute the SVC unless a handler without SA_RESTART runs. */
        arm_syscall_rewind(cpu);
        current_thread->syscall_restart = true;
    } else if (ret != -MIMIC_ESIGRETURN) {
        env->regs[0] = (uint32_t)(ret < 0 ? -num_to_guest(arm_user.errnos, (int)-ret) : ret);
    }
}

static noreturn void arm_cpu_loop(CPUCommon *cpu)
{
    for (;;) {
        int e = cpu_exec(cpu);
        switch (e) {
        case EXCP_SYSCALL:
            arm_do_syscall(cpu);
            break;
        case EXCP_UDEF:
            force_sig(cpu, SIGILL, ILL_ILLOPC, cpu->pc);
            break;
        case EXCP_BKPT:
            force_sig(cpu, SIGTRAP, TRAP_BRKPT, cpu->pc);
            break;
        case EXCP_SEGV:
            force_sig(cpu, SIGSEGV, cpu->exc_code, cpu->exc_addr);
            break;
        case EXCP_BUS:
            force_sig(cpu, SIGBUS, BUS_ADRALN, cpu->exc_addr);
            break;
        case EXCP_INTERRUPT:
            break;
        default:
            fatal("unexpected exception %d at pc 0x%08x", e, cpu->pc);
        }
        process_pending_signals(cpu);
    }
}

const ArchInfo arm_arch = {
    .name = "arm",
    .frontend = &arm_frontend,
    .cpu_size = sizeof(CPUARMState),
    .cpu_align = 16,
    .cpu_dump = arm_cpu_dump,
};

const UserArchOps arm_user = {
    .name = "arm",
    .elf_machine = EM_ARM,
    .big_endian = false,
    .arch = &arm_arch,
    .task_size = 0xc0000000u,
    .elf_et_dyn_base = 0x00400000u,
    .stack_align = 8,
    .uname_machine = "armv7l",
    .platform = "v7l",
    .elf_flags_ok = arm_elf_flags_ok,
    .cpu_select = arm_cpu_select,
    .cpu_list = arm_cpu_list,
    .cpu_reset = arm_cpu_reset,
    .cpu_set_entry = arm_cpu_set_entry,
    .hwcap = arm_hwcap,
    .hwcap2 = arm_hwcap2,
    .cpu_loop = arm_cpu_loop,
    .process_init = arm_vectors_map,
    .signal_setup_frame = arm_signal_setup_frame,
    .signal_return = arm_signal_return,
    .cpu_get_sp = arm_cpu_get_sp,
    .syscall_rewind = arm_syscall_rewind,
    .syscall_eintr = arm_syscall_eintr,
    .cpu_clone = arm_cpu_clone,
    .cpu_set_tls = arm_cpu_set_tls,
    .cpu_thread_start = arm_cpu_thread_start,
    .shmlba = 4 * 4096,
    .cpuinfo = arm_cpuinfo,
    .siginfo_code_first = false,
    .syscall_id = arm_syscall_id,
    .structs = arm_structs,
    .flags = arm_flags,
    .errnos = NULL,
    .signals = NULL,
};
