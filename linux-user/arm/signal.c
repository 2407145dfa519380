/*
 * ARM signal frames, as arch/arm/kernel/signal.c lays them out:
 *
 *   rt_sigframe: siginfo (128) | ucontext (744) | retcode[2]
 *   sigframe:                    ucontext (744) | retcode[2]
 *
 * ucontext: uc_flags, uc_link, uc_stack (12), uc_mcontext = sigcontext
 * (21 words from offset 20), uc_sigmask (8 bytes at 104, padded to 128),
 * uc_regspace (512 bytes at 232) holding the VFP frame and a zero end
 * marker.  Handlers return through sa_restorer, or through the sigreturn
 * trampolines mimic keeps in the vector page, as the kernel's sigpage does.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "frontends/arm/cpu.h"
#include "linux-user/arm/arm-user.h"
#include "linux-user/arm/vectors.h"
#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/convert.h"

#define UC_SIZE 744
#define UC_STACK 8
#define UC_MCONTEXT 20
#define UC_SIGMASK 104
#define UC_REGSPACE 232
#define FRAME_SIZE (UC_SIZE + 8)
#define RT_FRAME_SIZE (GUEST_SIGINFO_SIZE + FRAME_SIZE)

#define VFP_MAGIC 0x56465001u
#define VFP_FRAME_SIZE 288

static void put(uint8_t *p, uint32_t v) { g_st32(p, v, false); }
static uint32_t get(const uint8_t *p) { return g_ld32(p, false); }

static void save_regs(CPUARMState *env, uint8_t *uc, uint64_t mask, const GuestThread *t)
{
    uint8_t *mc = uc + UC_MCONTEXT;
    put(uc, 0);                                     /* uc_flags */
    put(uc + 4, 0);                                 /* uc_link */
    put(uc + UC_STACK, t->ss_sp);
    put(uc + UC_STACK + 4, signal_on_altstack(t, env->regs[13]) ? SS_ONSTACK : t->ss_size ? 0 : SS_DISABLE);
    put(uc + UC_STACK + 8, t->ss_size);
    put(mc + 0, 6);                                 /* trap_no: undefined/syscall vector */
    put(mc + 4, 0);                                 /* error_code */
    put(mc + 8, (uint32_t)mask);                    /* oldmask */
    for (int i = 0; i < 15; i++) {
        put(mc + 12 + 4 * i, env->regs[i]);         /* r0-r10, fp, ip, sp, lr */
    }
    put(mc + 72, env->common.pc);
    put(mc + 76, arm_cpsr_read(env));
    put(mc + 80, env->common.exc_addr);             /* fault_address */
    put(uc + UC_SIGMASK, (uint32_t)mask);
    put(uc + UC_SIGMASK + 4, (uint32_t)(mask >> 32));
    /* The VFP state: magic, size, d0-d31, fpscr, then fpexc/fpinst/fpinst2. */
    uint8_t *vfp = uc + UC_REGSPACE;
    put(vfp, VFP_MAGIC);
    put(vfp + 4, VFP_FRAME_SIZE);
    for (int i = 0; i < 32; i++) {
        g_st64(vfp + 8 + 8 * i, env->vfp[i], false);
    }
    put(vfp + 264, arm_fpscr_get(env));
    /* As Linux does (vfp_preserve_user_clear_hwstate), the handler runs
     * without short vectors. */
    arm_fpscr_set(env, arm_fpscr_get(env) & ~0x00370000u);
    put(vfp + 272, env->fpexc);
    put(vfp + 276, 0);
    put(vfp + 280, 0);
    put(vfp + VFP_FRAME_SIZE, 0);                   /* end of the aux records */
}

bool arm_signal_setup_frame(CPUCommon *cpu, int sig, const GuestSigaction *sa, const uint8_t *ginfo,
                                   uint64_t mask)
{
    CPUARMState *env = arm_env(cpu);
    GuestThread *t = current_thread;
    bool rt = sa->flags & SA_SIGINFO;
    uint32_t size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
    uint32_t sp = (signal_frame_sp(t, sa, env->regs[13]) - size) & ~7u;
    uint8_t *f = lock_user(sp, size, PROT_WRITE);
    if (!f) {
        return false;
    }
    memset(f, 0, size);
    uint8_t *uc = f;
    if (rt) {
        memcpy(f, ginfo, GUEST_SIGINFO_SIZE);
        uc = f + GUEST_SIGINFO_SIZE;
    }
    save_regs(env, uc, mask, t);

    bool thumb_handler = sa->handler & 1;
    uint32_t retaddr;
    if (sa->flags & GSA_RESTORER) {
        retaddr = sa->restorer;
    } else {
        /* The vector page trampolines, in the handler's instruction set. */
        retaddr = rt ? (thumb_handler ? ARM_SIGRETURN_RT_THUMB : ARM_SIGRETURN_RT_ARM)
                     : (thumb_handler ? ARM_SIGRETURN_THUMB : ARM_SIGRETURN_ARM);
    }
    /* The kernel clears the exclusive monitor on exception entry. */
    env->exclusive_addr = UINT32_MAX;
    env->regs[0] = (uint32_t)sig;
    env->regs[1] = rt ? sp : 0;
    env->regs[2] = rt ? sp + GUEST_SIGINFO_SIZE : 0;
    env->regs[13] = sp;
    env->regs[14] = retaddr;
    env->common.pc = sa->handler & ~1u;
    env->common.tb_flags = (env->common.tb_flags & ARM_TBF_FP_MASK) | (thumb_handler ? ARM_TBF_THUMB : 0);   /* IT state cleared */
    return true;
}

int64_t arm_signal_return(CPUCommon *cpu, bool rt)
{
    CPUARMState *env = arm_env(cpu);
    GuestThread *t = current_thread;
    uint32_t sp = env->regs[13];
    uint32_t size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
    /* The frame must be where the handler found it: 8-byte aligned. */
    if (sp & 7) {
        return -EFAULT;
    }
    const uint8_t *f = lock_user(sp, size, PROT_READ);
    if (!f) {
        return -EFAULT;
    }
    const uint8_t *uc = rt ? f + GUEST_SIGINFO_SIZE : f;
    const uint8_t *mc = uc + UC_MCONTEXT;
    for (int i = 0; i < 15; i++) {
        env->regs[i] = get(mc + 12 + 4 * i);
    }
    uint32_t cpsr = get(mc + 76);
    arm_cpsr_write(env, cpsr, 0xffffffffu);
    env->common.pc = get(mc + 72) & ~1u;
    if (!(cpsr & (1u << 5)) && (get(mc + 72) & 1)) {
        return -EFAULT;
    }
    uint64_t mask = (uint64_t)get(uc + UC_SIGMASK + 4) << 32 | get(uc + UC_SIGMASK);
    const uint8_t *vfp = uc + UC_REGSPACE;
    if (get(vfp) == VFP_MAGIC && get(vfp + 4) == VFP_FRAME_SIZE) {
        for (int i = 0; i < 32; i++) {
            env->vfp[i] = g_ld64(vfp + 8 + 8 * i, false);
        }
        arm_fpscr_set(env, get(vfp + 264));
    }
    if (rt) {
        /* Restore the alternate stack settings the frame recorded. */
        uint32_t ss_sp = get(uc + UC_STACK), ss_flags = get(uc + UC_STACK + 4), ss_size = get(uc + UC_STACK + 8);
        if (!signal_on_altstack(t, env->regs[13])) {
            t->ss_sp = ss_sp;
            t->ss_size = (ss_flags & SS_DISABLE) ? 0 : ss_size;
            t->ss_flags = (int)(ss_flags & SS_DISABLE);
        }
    }
    signal_set_mask(t, mask);
    return -MIMIC_ESIGRETURN;
}

