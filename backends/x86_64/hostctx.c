/* Reading host registers out of a signal context, for fault recovery. */
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "backends/x86_64/target.h"
#include "tcg/backend.h"

uint64_t backend_ctx_reg(const void *ctx, int reg)
{
    /* X86Reg numbering to the kernel's gregs[] order. */
    static const int greg[16] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    const ucontext_t *uc = ctx;
    if (reg < 16) {
        return (uint64_t)uc->uc_mcontext.gregs[greg[reg]];
    }
    uint64_t v;
    memcpy(&v, &uc->uc_mcontext.fpregs->_xmm[reg - XMM0], sizeof(v));
    return v;
}
