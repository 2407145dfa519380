/*
 * Translation blocks and the TB cache.
 *
 * A TB lives in the code buffer: the TB struct, then its host code, then its
 * packed host-pc -> guest-pc table.  The cache is a hash from (pc, tb_flags)
 * to TB with lock-free readers; translation and every change to the cache
 * or to chaining run under tb_lock.  A full code buffer is flushed whole.
 */
#ifndef MIMIC_TCG_TB_H
#define MIMIC_TCG_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* cflags */
enum {
    CF_NO_CHAIN = 1 << 0,       /* never chain into or out of this TB */
    CF_ONE_INSN = 1 << 1,       /* translate a single instruction */
    CF_INVALID  = 1 << 2,       /* removed from the cache; must not be entered */
};

typedef struct TB {
    uint32_t pc;                /* guest pc of the first instruction */
    uint32_t flags;             /* tb_flags the TB was translated for */
    uint32_t size;              /* guest bytes covered */
    uint16_t icount;            /* guest instructions */
    uint16_t cflags;            /* CF_* */
    uint8_t *code;              /* host code */
    uint32_t code_size;         /* host code bytes */
    uint32_t pcmap_size;        /* packed pc table bytes, after the code */
    uint32_t fmap_size;         /* packed fault-site table bytes, after the pc table */
    uint16_t jmp_field[2];      /* code offset of goto_tb n's rel32, 0xffff if unused */
    uint16_t jmp_reset[2];      /* code offset goto_tb n jumps to when unchained */
    struct TB *jmp_dest[2];     /* chained successor of slot n, or NULL */
    uintptr_t jmp_in;           /* incoming jumps: tagged (TB* | slot) list head */
    uintptr_t jmp_in_next[2];   /* next link of this TB's slot n in its target's list */
    struct TB *hash_next;       /* hash bucket chain */
    struct TB *page_next[2];    /* per-page lists, for invalidation */
    uint32_t page[2];           /* guest page(s) holding the code; page[1] = ~0 if one */
} TB;

/* Generic view of a frontend, used by tcg/translate.c. */
struct IRContext;
typedef struct DisasBase DisasBase;

void tb_cache_init(size_t code_size);
TB *tb_find(CPUCommon *cpu, uint32_t pc, uint32_t flags, uint32_t cflags);
void tb_add_jump(TB *from, int slot, TB *to);
void tb_invalidate_range(uint32_t start, uint64_t end);
void tb_flush(void);
TB *tb_from_host_pc(uintptr_t host_pc);
bool tb_code_contains(uintptr_t host_pc);
unsigned tb_flush_count(void);
/* Recover the guest pc (and aux word) of the instruction at host_pc. */
bool tb_restore_pc(TB *tb, uintptr_t host_pc, uint32_t *pc, uint32_t *aux);
/* If host_pc is a guest memory access, write the guest registers it kept in
 * host registers (read from the signal context ctx) back to the CPU state. */
void tb_restore_globals(TB *tb, uintptr_t host_pc, const void *ctx, void *cpu);
void tb_jc_clear(JumpCacheEntry *jc);
/* Tests: compile hand-built IR (ending in exit_tb) and return its code. */
struct IRContext;
void *tb_gen_raw(struct IRContext *ir);

/* Values in the low bits of what translated code returns: 0/1 = the goto_tb
 * slot that may now be chained, TB_EXIT_REQUESTED = exit_request was seen at
 * the TB's entry, so the guest state is that TB's start.  A plain 0 return
 * (no TB pointer) means "no chaining". */
#define TB_EXIT_MASK 3
#define TB_EXIT_REQUESTED 2

/* Enter translated code; returns TB* | exit code. */
typedef uintptr_t (*TBEnterFn)(CPUCommon *cpu, const void *code);
extern TBEnterFn tb_enter;
/* Shared exit paths in the code buffer, for the backend. */
extern const uint8_t *tb_epilogue;

/* Statistics (--stats). */
typedef struct TBStats {
    uint64_t tbs, code_bytes, guest_insns, ir_ops, flushes, chains, translate_ns;
} TBStats;
extern TBStats tb_stats;

void tb_lock(void);
void tb_unlock(void);

#endif
