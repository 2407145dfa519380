/*
 * The contract between the generic code generator (tcg/regalloc.c) and a
 * host backend (backends/<host>/lower.c).
 *
 * The generic side walks the optimised IR once, keeps each temp's location
 * (register, memory, or known constant), satisfies each op's operand
 * constraints and asks the backend to emit the op with concrete registers.
 * The backend never allocates registers itself: it only says what each op
 * accepts (OpCt) and emits code for a fully allocated op.
 */
#ifndef MIMIC_TCG_BACKEND_H
#define MIMIC_TCG_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/codebuf.h"
#include "tcg/ir.h"

struct TB;

/* Operand constraints. */
enum {
    CT_CONST  = 1 << 0,     /* a constant is accepted if backend_const_ok says so */
    CT_ALIAS  = 1 << 1,     /* output: must be in the same register as input 'alias' */
    CT_NEWREG = 1 << 2,     /* output: must not share a register with any input */
};

typedef struct ArgCt {
    uint32_t regs;          /* acceptable host registers */
    uint8_t flags;          /* CT_* */
    int8_t alias;           /* CT_ALIAS: index of the input (0 = first input) */
} ArgCt;

typedef struct OpCt {
    ArgCt out[2];
    ArgCt in[8];
    uint32_t clobber;       /* registers the emitted code destroys */
} OpCt;

/* One allocated argument, as handed to backend_op. */
typedef struct LowArg {
    uint64_t val;           /* register number, or the constant's value */
    bool is_const;
} LowArg;

typedef enum TempVal { VAL_DEAD, VAL_REG, VAL_MEM, VAL_CONST } TempVal;

typedef struct TempState {
    uint8_t val;            /* TempVal */
    int8_t reg;             /* VAL_REG: host register */
    bool coherent;          /* memory copy is up to date */
    bool has_slot;          /* a frame slot has been assigned */
    int32_t slot;           /* frame offset of the slot */
    int32_t alias_next;     /* VAL_REG: next temp sharing the register, or -1 */
    uint32_t next_use;      /* index of the next op reading it (UINT32_MAX: none in the TB) */
    uint64_t cval;          /* VAL_CONST: value */
} TempState;

typedef struct PcMapEntry {
    uint32_t host_off;
    uint32_t pc;
    uint32_t aux;
} PcMapEntry;

/* Where the dirty guest globals are while a faulting op runs, so a fault
 * can rebuild the guest state from the host registers instead of every
 * global being written back before every memory access. */
typedef struct FaultSite {
    uint32_t start, end;            /* host code offsets of the op */
    uint32_t first, count;          /* its entries in CodeGen.floc */
} FaultSite;

typedef struct FaultLoc {
    uint32_t temp;                  /* the global */
    int32_t reg;                    /* host register, or -1 for a constant */
    uint64_t cval;
} FaultLoc;

#define CG_MAX_REGS 32
#define CG_MAX_EXITS 2

typedef struct CodeGen {
    IRContext *ir;
    CodeBuf buf;
    struct TB *tb;
    TempState *ts;
    uint32_t ts_cap;
    int32_t reg_to_temp[CG_MAX_REGS];   /* -1 when free */
    uint32_t locked;                    /* registers pinned for the current op */
    int32_t frame_next;                 /* next free spill offset */
    /* For each op and argument, the index of the temp's next use after
     * that op (UINT32_MAX: none); drives eviction. */
    uint32_t (*next_use)[IR_MAX_ARGS];
    uint32_t next_use_cap;
    uint32_t cur_op;
    /* Labels: bound offsets and pending rel32 fixups. */
    int32_t *label_off;
    /* Per label: which global or local each host register holds on every
     * branch that reaches it (all values synced), and LABEL_* state. */
    int32_t (*label_regs)[CG_MAX_REGS];
    uint8_t *label_state;
    bool unreachable;                   /* after br/exit_tb, before a label */
    uint32_t *relocs;                   /* pairs (label, field offset) */
    uint32_t nb_relocs, max_relocs;
    /* Host offset -> guest pc records, one per insn_start. */
    PcMapEntry *pcmap;
    uint32_t nb_pcmap, max_pcmap;
    /* Fault sites of this TB. */
    FaultSite *fsite;
    uint32_t nb_fsite, max_fsite;
    FaultLoc *floc;
    uint32_t nb_floc, max_floc;
    /* goto_tb sites. */
    uint16_t jmp_field[CG_MAX_EXITS];
    uint16_t jmp_reset[CG_MAX_EXITS];
    bool overflow;                      /* code buffer or frame exhausted */
    uint32_t backend_priv;              /* backend scratch: entry-check fixup */
} CodeGen;

/* Registers the backend gives to the allocator, in preference order. */
extern const int8_t backend_alloc_order[];
extern const int backend_nb_alloc;
extern const int backend_env_reg;
extern const int backend_frame_reg;
extern const int32_t backend_frame_start, backend_frame_size;
extern const uint32_t backend_call_clobber;
extern const int backend_scratch_reg;   /* never allocated; free for the generic code */

uint32_t backend_regs_for_type(IRType t);

void backend_init(void);
const OpCt *backend_op_ct(CodeGen *g, const IROp *op);
bool backend_const_ok(const IROp *op, int in_index, uint64_t val);
void backend_mov(CodeGen *g, IRType t, int dst, int src);
void backend_movi(CodeGen *g, IRType t, int dst, uint64_t v);
void backend_ld(CodeGen *g, IRType t, int reg, int base, int32_t off);
void backend_st(CodeGen *g, IRType t, int reg, int base, int32_t off);
bool backend_sti(CodeGen *g, IRType t, uint64_t v, int base, int32_t off);
void backend_op(CodeGen *g, const IROp *op, const LowArg *out, const LowArg *in);
void backend_tb_start(CodeGen *g);
void backend_tb_end(CodeGen *g);
void backend_patch_label(CodeGen *g, uint32_t field_off, uint32_t target_off);
/* The value host register reg had in a signal context (ucontext_t *). */
uint64_t backend_ctx_reg(const void *ctx, int reg);

/* Used by backends while emitting. */
void cg_add_reloc(CodeGen *g, uint32_t label, uint32_t field_off);

/* Generate code for the IR in g->ir; returns false on overflow. */
bool cg_generate(CodeGen *g);
void cg_init(CodeGen *g, IRContext *ir);
void cg_free(CodeGen *g);

#endif
