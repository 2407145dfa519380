/*
 * mimic IR -- the intermediate representation between guest decoders and the
 * host backend.  This comment is the IR's specification.
 *
 * SHAPE
 *   A translation block (TB) is a straight list of IROp in an IRContext.  An
 *   op has an opcode (tcg/ir-ops.def), a type, and up to IR_MAX_ARGS
 *   arguments laid out as [outputs][inputs][constants].  Outputs and inputs
 *   are temp indices; constants are raw 64-bit values (conditions, memops,
 *   label ids, offsets, helper pointers).
 *
 * TEMPS
 *   Every value lives in a typed temp: i32, i64, f32, f64 or v128.
 *   - GLOBAL temps are guest state bound to a fixed offset in the CPU state
 *     struct.  They are registered once per frontend and survive across TBs.
 *     The allocator keeps them in host registers inside a TB and writes them
 *     back at exits, at calls that need them and before ops that may fault.
 *   - CONST temps hold a known value.  They are interned, so equal constants
 *     are the same temp, and the backend folds them into immediates.
 *   - LOCAL temps live for the whole TB, across labels.
 *   - NORMAL temps live inside one basic block; their value is undefined
 *     after a label or branch.  Most frontend scratch values are NORMAL.
 *
 * CONTROL
 *   A basic block ends at label, br, brcond, goto_tb, exit_tb and
 *   lookup_and_goto.  goto_tb n is a patchable direct exit: the TB cache
 *   later rewrites it into a jump straight to the successor TB (chaining).
 *   exit_tb returns to the cpu loop, naming the exit slot that may be
 *   chained; lookup_and_goto probes the per-thread jump cache with the
 *   current (pc, tb_flags) and falls back to the loop on a miss.
 *   insn_start marks the first op of each guest instruction and records its
 *   pc; the backend turns these into the TB's host-pc -> guest-pc table.
 *
 * MEMORY
 *   ld/st/cmpxchg take a 32-bit guest address temp, a constant offset added
 *   modulo 2^32, and a memop (size, sign, byte order).  They may fault: the
 *   allocator writes every dirty global back first, so a host fault can be
 *   turned into a precise guest signal using only the pc table.
 *
 * WORKED EXAMPLE: ARM "adds r0, r1, #1" at 0x8000 (flags live afterwards)
 *   IR as emitted by frontends/arm:
 *     insn_start  0x8000, 0
 *     add   i32   t5 <- r1, $1
 *     setcond i32 CF <- t5, r1, ltu        ; carry out of the add
 *     xor   i32   t6 <- t5, r1
 *     xor   i32   t7 <- r1, $1
 *     andc  i32   VF <- t6, t7             ; overflow in bit 31
 *     mov   i32   NF <- t5
 *     mov   i32   ZF <- t5
 *     mov   i32   r0 <- t5
 *   After the optimiser (copy propagation, constant folding of "r1 ^ 1"):
 *     add   i32   r0 <- r1, $1
 *     setcond i32 CF <- r0, r1, ltu
 *     xor   i32   t6 <- r0, r1
 *     andc  i32   VF <- t6, ~...            (folded constant operand)
 *     mov   i32   NF <- r0 ; mov i32 ZF <- r0
 *   x86_64 (r14 = CPU state, r1 already in ebx, r0 allocated to ebp):
 *     lea   ebp, [rbx + 1]
 *     cmp   ebp, ebx ; setb al ; movzx eax, al     ; CF
 *     ...
 *   If a later instruction of the same TB sets the flags again before anyone
 *   reads them, dead-code elimination removes all the flag ops above.
 */
#ifndef MIMIC_TCG_IR_H
#define MIMIC_TCG_IR_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define IR_MAX_ARGS 10

/* Op flags. */
enum {
    IRF_INT     = 1 << 0,   /* integer op; IROp.type is IR_I32 or IR_I64 */
    IRF_SIDE    = 1 << 1,   /* has side effects: never removed */
    IRF_BB_END  = 1 << 2,   /* ends a basic block */
    IRF_FAULT   = 1 << 3,   /* may fault: globals are written back before it */
    IRF_CALL    = 1 << 4,   /* helper call: argument counts from the helper */
    IRF_EXIT    = 1 << 5,   /* leaves the TB */
    IRF_FLT     = 1 << 6,   /* scalar float op; IROp.type is IR_F32 or IR_F64 */
    IRF_VEC     = 1 << 7,   /* vector op; IROp.type is IR_V128 */
    IRF_ANY     = 1 << 8,   /* memory/state op of any type */
};

/* fcmp results. */
enum { IR_FCMP_LT = 0, IR_FCMP_EQ = 1, IR_FCMP_GT = 2, IR_FCMP_UN = 3 };
/* ftoi: truncate, or round as the current host mode says. */
enum { IR_FTOI_TRUNC = 0, IR_FTOI_CUR = 1 };
/* fround modes. */
enum { IR_FROUND_NEAREST = 0, IR_FROUND_FLOOR = 1, IR_FROUND_CEIL = 2, IR_FROUND_TRUNC = 3, IR_FROUND_CUR = 4,
       IR_FROUND_QUIET = 8 /* or'ed in: do not raise inexact */ };

typedef enum IROpcode {
#define DEF(name, nout, nin, nconst, flags) IR_##name,
#include "tcg/ir-ops.def"
#undef DEF
    IR_NB_OPS
} IROpcode;

typedef struct IROpDef {
    const char *name;
    uint8_t nout, nin, nconst;
    uint16_t flags;
} IROpDef;

extern const IROpDef ir_op_defs[IR_NB_OPS];

typedef enum IRType { IR_I32, IR_I64, IR_F32, IR_F64, IR_V128, IR_NB_TYPES } IRType;

/* Conditions.  ORDER COND: ir_cond_invert/swap and the backend's jcc table
 * depend on this order. */
typedef enum IRCond {
    IR_EQ, IR_NE, IR_LT, IR_GE, IR_LE, IR_GT, IR_LTU, IR_GEU, IR_LEU, IR_GTU,
    IR_TSTEQ, IR_TSTNE,     /* (a & b) == 0, (a & b) != 0 */
    IR_ALWAYS, IR_NEVER,
    IR_NB_CONDS
} IRCond;

/* Memops. */
enum {
    IR_MO_8 = 0, IR_MO_16 = 1, IR_MO_32 = 2, IR_MO_64 = 3, IR_MO_128 = 4,
    IR_MO_SIZE = 7,
    IR_MO_SIGN = 8,         /* sign-extend a narrow load */
    IR_MO_BSWAP = 16,       /* guest byte order differs from the host's */
};

enum { IR_MB_FULL = 0 };

/* exit_tb values: the slot that may be chained, or no chaining at all. */
enum { IR_EXIT_SLOT0 = 0, IR_EXIT_SLOT1 = 1, IR_EXIT_NOCHAIN = 3 };

typedef enum IRTempKind { TEMP_GLOBAL, TEMP_LOCAL, TEMP_NORMAL, TEMP_CONST } IRTempKind;

typedef uint32_t IRTemp;
#define IR_NO_TEMP ((IRTemp)-1)

typedef struct IRTempInfo {
    uint8_t type;           /* IRType */
    uint8_t kind;           /* IRTempKind */
    uint8_t fixed_reg;      /* GLOBAL only: pinned to a host register (0 = no) */
    uint8_t pad;
    int32_t mem_offset;     /* GLOBAL: offset in the CPU state */
    uint64_t val;           /* CONST: the value, zero-extended for i32 */
    const char *name;       /* GLOBAL: name for dumps */
} IRTempInfo;

typedef struct IROp {
    uint16_t opc;           /* IROpcode */
    uint8_t type;           /* IRType of the operation */
    uint8_t nargs;          /* total arguments, for calls */
    uint8_t nout, nin;      /* for calls; copies of the op table otherwise */
    uint16_t dead;          /* liveness: bit i set -> arg i dead after the op */
    uint64_t args[IR_MAX_ARGS];
} IROp;

/* Helper calls.  Helpers are declared once in a frontend's helpers.def with
 * DEF_HELPER; the expansion in tcg/helpers.h yields a HelperInfo each. */
enum {
    IRH_NO_RG   = 1 << 0,   /* reads no globals from the CPU state */
    IRH_NO_WG   = 1 << 1,   /* writes no globals */
    IRH_PURE    = 1 << 2,   /* no side effects at all: removable when unused */
};

typedef enum IRHelperType { HT_void, HT_i32, HT_i64, HT_env, HT_ptr } IRHelperType;

typedef struct HelperInfo {
    const char *name;
    void *func;
    uint16_t flags;         /* IRH_* */
    uint8_t ret;            /* IRHelperType */
    uint8_t nargs;
    uint8_t args[6];        /* IRHelperType */
} HelperInfo;

typedef struct IRLabelInfo {
    int32_t host_offset;    /* backend: code offset once emitted, -1 before */
    uint32_t reloc_head;    /* backend: chain of pending relocations */
} IRLabelInfo;

typedef struct IRContext {
    IROp *ops;
    uint32_t nb_ops, max_ops;
    IRTempInfo *temps;
    uint32_t nb_temps, max_temps;
    uint32_t nb_globals;    /* temps [0, nb_globals) are globals */
    uint32_t nb_labels;
    /* Const interning: open-addressed hash from (type, value) to temp. */
    uint32_t *const_hash;
    uint32_t const_hash_mask;
    uint32_t nb_consts;
} IRContext;

void ir_context_init(IRContext *c);
void ir_context_reset(IRContext *c);   /* drop all but the globals */

IRTemp ir_global(IRContext *c, IRType type, int32_t offset, const char *name);
IRTemp ir_temp(IRContext *c, IRType type);
IRTemp ir_local(IRContext *c, IRType type);
IRTemp ir_const(IRContext *c, IRType type, uint64_t val);
static inline IRTemp ir_c32(IRContext *c, uint32_t v) { return ir_const(c, IR_I32, v); }
static inline IRTemp ir_c64(IRContext *c, uint64_t v) { return ir_const(c, IR_I64, v); }

uint32_t ir_new_label(IRContext *c);

static inline IRType ir_temp_type(const IRContext *c, IRTemp t) { return c->temps[t].type; }
static inline bool ir_is_const(const IRContext *c, IRTemp t) { return c->temps[t].kind == TEMP_CONST; }

IROp *ir_emit(IRContext *c, IROpcode opc, IRType type, int n, const uint64_t *args);

/* Typed builders.  The type of an integer op is the type of its first temp. */
#define IR_A(...) ((const uint64_t[]){ __VA_ARGS__ })
#define IR_N(...) (int)(sizeof(IR_A(__VA_ARGS__)) / sizeof(uint64_t))
#define IR_EMIT_T(c, opc, t0, ...) \
    ir_emit((c), IR_##opc, ir_temp_type((c), (t0)), IR_N(t0, __VA_ARGS__), IR_A(t0, __VA_ARGS__))

#define ir_mov(c, d, a)         IR_EMIT_T(c, mov, d, a)
#define ir_add(c, d, a, b)      IR_EMIT_T(c, add, d, a, b)
#define ir_sub(c, d, a, b)      IR_EMIT_T(c, sub, d, a, b)
#define ir_mul(c, d, a, b)      IR_EMIT_T(c, mul, d, a, b)
#define ir_and(c, d, a, b)      IR_EMIT_T(c, and, d, a, b)
#define ir_or(c, d, a, b)       IR_EMIT_T(c, or, d, a, b)
#define ir_xor(c, d, a, b)      IR_EMIT_T(c, xor, d, a, b)
#define ir_andc(c, d, a, b)     IR_EMIT_T(c, andc, d, a, b)
#define ir_shl(c, d, a, b)      IR_EMIT_T(c, shl, d, a, b)
#define ir_shr(c, d, a, b)      IR_EMIT_T(c, shr, d, a, b)
#define ir_sar(c, d, a, b)      IR_EMIT_T(c, sar, d, a, b)
#define ir_rotr(c, d, a, b)     IR_EMIT_T(c, rotr, d, a, b)
#define ir_rotl(c, d, a, b)     IR_EMIT_T(c, rotl, d, a, b)
#define ir_div(c, d, a, b)      IR_EMIT_T(c, div, d, a, b)
#define ir_divu(c, d, a, b)     IR_EMIT_T(c, divu, d, a, b)
#define ir_rem(c, d, a, b)      IR_EMIT_T(c, rem, d, a, b)
#define ir_remu(c, d, a, b)     IR_EMIT_T(c, remu, d, a, b)
#define ir_neg(c, d, a)         IR_EMIT_T(c, neg, d, a)
#define ir_not(c, d, a)         IR_EMIT_T(c, not, d, a)
#define ir_clz(c, d, a)         IR_EMIT_T(c, clz, d, a)
#define ir_ctz(c, d, a)         IR_EMIT_T(c, ctz, d, a)
#define ir_ctpop(c, d, a)       IR_EMIT_T(c, ctpop, d, a)
#define ir_bswap16(c, d, a)     IR_EMIT_T(c, bswap16, d, a)
#define ir_bswap(c, d, a)       IR_EMIT_T(c, bswap, d, a)
#define ir_ext8s(c, d, a)       IR_EMIT_T(c, ext8s, d, a)
#define ir_ext8u(c, d, a)       IR_EMIT_T(c, ext8u, d, a)
#define ir_ext16s(c, d, a)      IR_EMIT_T(c, ext16s, d, a)
#define ir_ext16u(c, d, a)      IR_EMIT_T(c, ext16u, d, a)
#define ir_zext(c, d, a)        IR_EMIT_T(c, zext, d, a)
#define ir_sext(c, d, a)        IR_EMIT_T(c, sext, d, a)
#define ir_trunc(c, d, a)       IR_EMIT_T(c, trunc, d, a)
#define ir_trunch(c, d, a)      IR_EMIT_T(c, trunch, d, a)
#define ir_concat(c, d, lo, hi) IR_EMIT_T(c, concat, d, lo, hi)
#define ir_mulu2(c, lo, hi, a, b) IR_EMIT_T(c, mulu2, lo, hi, a, b)
#define ir_muls2(c, lo, hi, a, b) IR_EMIT_T(c, muls2, lo, hi, a, b)
#define ir_extract(c, d, a, pos, len)  IR_EMIT_T(c, extract, d, a, pos, len)
#define ir_sextract(c, d, a, pos, len) IR_EMIT_T(c, sextract, d, a, pos, len)
#define ir_deposit(c, d, a, b, pos, len) IR_EMIT_T(c, deposit, d, a, b, pos, len)
#define ir_setcond(c, d, a, b, cond)   IR_EMIT_T(c, setcond, d, a, b, cond)
#define ir_movcond(c, d, c1, c2, v1, v2, cond) IR_EMIT_T(c, movcond, d, c1, c2, v1, v2, cond)
#define ir_ld(c, d, addr, off, mo)     IR_EMIT_T(c, ld, d, addr, (uint32_t)(off), mo)
#define ir_st(c, v, addr, off, mo)     IR_EMIT_T(c, st, v, addr, (uint32_t)(off), mo)
#define ir_cmpxchg(c, d, addr, exp, nv, off, mo) IR_EMIT_T(c, cmpxchg, d, addr, exp, nv, (uint32_t)(off), mo)
#define ir_ldenv(c, d, off, mo)        IR_EMIT_T(c, ldenv, d, off, mo)
#define ir_stenv(c, v, off, mo)        IR_EMIT_T(c, stenv, v, off, mo)
#define ir_brcond(c, a, b, cond, lbl)  IR_EMIT_T(c, brcond, a, b, cond, lbl)

/* Float builders: the type is the first temp's, except where a conversion
 * names its float side. */
#define ir_fadd(c, d, a, b)     IR_EMIT_T(c, fadd, d, a, b)
#define ir_fsub(c, d, a, b)     IR_EMIT_T(c, fsub, d, a, b)
#define ir_fmul(c, d, a, b)     IR_EMIT_T(c, fmul, d, a, b)
#define ir_fdiv(c, d, a, b)     IR_EMIT_T(c, fdiv, d, a, b)
#define ir_fsqrt(c, d, a)       IR_EMIT_T(c, fsqrt, d, a)
#define ir_fabs(c, d, a)        IR_EMIT_T(c, fabs, d, a)
#define ir_fneg(c, d, a)        IR_EMIT_T(c, fneg, d, a)
#define ir_fmin(c, d, a, b)     IR_EMIT_T(c, fmin, d, a, b)
#define ir_fmax(c, d, a, b)     IR_EMIT_T(c, fmax, d, a, b)
#define ir_fma(c, d, a, b, ad)  IR_EMIT_T(c, fma, d, a, b, ad)
#define ir_fcvt(c, d, a)        IR_EMIT_T(c, fcvt, d, a)
#define ir_fround(c, d, a, mode) IR_EMIT_T(c, fround, d, a, mode)
#define ir_bitcast(c, d, a)     IR_EMIT_T(c, bitcast, d, a)
/* fcmp and ftoi take their type from the float operand. */
#define ir_fcmp(c, d, a, b) \
    ir_emit((c), IR_fcmp, ir_temp_type((c), (a)), 3, IR_A(d, a, b))
#define ir_fcmpe(c, d, a, b) \
    ir_emit((c), IR_fcmpe, ir_temp_type((c), (a)), 3, IR_A(d, a, b))
#define ir_ftoi(c, d, a, mode) \
    ir_emit((c), IR_ftoi, ir_temp_type((c), (a)), 3, IR_A(d, a, mode))
#define ir_itof(c, d, a, is_signed) IR_EMIT_T(c, itof, d, a, is_signed)

/* Vector builders. */
#define ir_vand(c, d, a, b)             IR_EMIT_T(c, vand, d, a, b)
#define ir_vor(c, d, a, b)              IR_EMIT_T(c, vor, d, a, b)
#define ir_vxor(c, d, a, b)             IR_EMIT_T(c, vxor, d, a, b)
#define ir_vandc(c, d, a, b)            IR_EMIT_T(c, vandc, d, a, b)
#define ir_vadd(c, d, a, b, es)         IR_EMIT_T(c, vadd, d, a, b, es)
#define ir_vsub(c, d, a, b, es)         IR_EMIT_T(c, vsub, d, a, b, es)
#define ir_vmul(c, d, a, b, es)         IR_EMIT_T(c, vmul, d, a, b, es)
#define ir_vcmpeq(c, d, a, b, es)       IR_EMIT_T(c, vcmpeq, d, a, b, es)
#define ir_vcmpgt(c, d, a, b, es)       IR_EMIT_T(c, vcmpgt, d, a, b, es)
#define ir_vmins(c, d, a, b, es)        IR_EMIT_T(c, vmins, d, a, b, es)
#define ir_vmaxs(c, d, a, b, es)        IR_EMIT_T(c, vmaxs, d, a, b, es)
#define ir_vminu(c, d, a, b, es)        IR_EMIT_T(c, vminu, d, a, b, es)
#define ir_vmaxu(c, d, a, b, es)        IR_EMIT_T(c, vmaxu, d, a, b, es)
#define ir_vshli(c, d, a, es, n)        IR_EMIT_T(c, vshli, d, a, es, n)
#define ir_vshri(c, d, a, es, n)        IR_EMIT_T(c, vshri, d, a, es, n)
#define ir_vsari(c, d, a, es, n)        IR_EMIT_T(c, vsari, d, a, es, n)
#define ir_vdup(c, d, a, es)            IR_EMIT_T(c, vdup, d, a, es)
#define ir_vsetlane(c, d, a, s, es, i)  IR_EMIT_T(c, vsetlane, d, a, s, es, i)
/* vgetlane takes its type from the vector. */
#define ir_vgetlane(c, d, a, es, i) \
    ir_emit((c), IR_vgetlane, IR_V128, 4, IR_A(d, a, es, i))

static inline void ir_label(IRContext *c, uint32_t l) { ir_emit(c, IR_label, IR_I32, 1, IR_A(l)); }
static inline void ir_br(IRContext *c, uint32_t l) { ir_emit(c, IR_br, IR_I32, 1, IR_A(l)); }
static inline void ir_goto_tb(IRContext *c, int slot) { ir_emit(c, IR_goto_tb, IR_I32, 1, IR_A(slot)); }
static inline void ir_exit_tb(IRContext *c, int v) { ir_emit(c, IR_exit_tb, IR_I32, 1, IR_A(v)); }
static inline void ir_lookup_and_goto(IRContext *c) { ir_emit(c, IR_lookup_and_goto, IR_I32, 0, NULL); }
static inline void ir_mb(IRContext *c, int kind) { ir_emit(c, IR_mb, IR_I32, 1, IR_A(kind)); }
static inline void ir_insn_start(IRContext *c, uint32_t pc, uint32_t aux)
{
    ir_emit(c, IR_insn_start, IR_I32, 2, IR_A(pc, aux));
}

/* Immediate-operand conveniences used all over the frontends. */
static inline void ir_addi(IRContext *c, IRTemp d, IRTemp a, uint32_t i) { ir_add(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_andi(IRContext *c, IRTemp d, IRTemp a, uint64_t i) { ir_and(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_ori(IRContext *c, IRTemp d, IRTemp a, uint64_t i) { ir_or(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_xori(IRContext *c, IRTemp d, IRTemp a, uint64_t i) { ir_xor(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_shli(IRContext *c, IRTemp d, IRTemp a, unsigned i) { ir_shl(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_shri(IRContext *c, IRTemp d, IRTemp a, unsigned i) { ir_shr(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_sari(IRContext *c, IRTemp d, IRTemp a, unsigned i) { ir_sar(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_rotri(IRContext *c, IRTemp d, IRTemp a, unsigned i) { ir_rotr(c, d, a, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_movi(IRContext *c, IRTemp d, uint64_t i) { ir_mov(c, d, ir_const(c, ir_temp_type(c, d), i)); }
static inline void ir_brcondi(IRContext *c, IRTemp a, uint64_t i, IRCond cond, uint32_t l)
{
    ir_brcond(c, a, ir_const(c, ir_temp_type(c, a), i), cond, l);
}

/* Calls: outputs (0 or 1) then inputs, matching the helper's signature. */
void ir_call(IRContext *c, const HelperInfo *h, IRTemp ret, int nin, const IRTemp *in);
#define ir_call0(c, h, ret) ir_call(c, h, ret, 0, NULL)
#define ir_calln(c, h, ret, ...) \
    ir_call(c, h, ret, (int)(sizeof((IRTemp[]){ __VA_ARGS__ }) / sizeof(IRTemp)), (IRTemp[]){ __VA_ARGS__ })

IRCond ir_cond_invert(IRCond c);
IRCond ir_cond_swap(IRCond c);
bool ir_cond_eval(IRCond c, IRType t, uint64_t a, uint64_t b);

/* The op's layout as seen by the passes. */
static inline int ir_op_nout(const IROp *op) { return op->nout; }
static inline int ir_op_nin(const IROp *op) { return op->nin; }
static inline unsigned ir_op_flags(const IROp *op) { return ir_op_defs[op->opc].flags; }

/* Dump ops to a stream, one per line, for -d op / op_opt. */
void ir_dump(const IRContext *c, FILE *f);
/* Verifier: returns NULL if the op list is well formed, else a message. */
const char *ir_verify(const IRContext *c);

#endif
