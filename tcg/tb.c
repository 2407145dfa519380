/*
 * The TB cache: code buffer, translation driver, hash lookup, chaining,
 * invalidation and flushing.
 */
#include "tcg/tb.h"

#include <capstone/capstone.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "backends/x86_64/emit.h"
#include "tcg/arch.h"
#include "tcg/backend.h"
#include "tcg/exec.h"
#include "tcg/guest-mem.h"
#include "tcg/log.h"
#include "tcg/opt.h"
#include "tcg/util.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define TB_HDR_SIZE ALIGN_UP(sizeof(TB), 16)
#define TB_MIN_ROOM (256 * 1024)
#define TB_MAX_INSNS 512

TBStats tb_stats;
TBEnterFn tb_enter;
const uint8_t *tb_epilogue;

static uint8_t *code_buf, *code_start, *code_ptr, *code_end;
static size_t code_size;
static TB *hash_tab[TB_HASH_SIZE];
static uintptr_t *page_heads;       /* per guest page: tagged TB list */
static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static IRContext ir_ctx;
static CodeGen cg;
static bool ir_ready;
static unsigned flush_count;
static csh cs_host;
static TB **tb_index;               /* every TB since the last flush, by address */
static size_t tb_index_n, tb_index_cap;

void tb_lock(void) { pthread_mutex_lock(&tb_mutex); }
void tb_unlock(void) { pthread_mutex_unlock(&tb_mutex); }

static inline uint32_t tb_hash(uint32_t pc, uint32_t flags)
{
    uint32_t h = pc * 0x9E3779B1u ^ flags * 0x85EBCA77u;
    return (h ^ (h >> 16)) & (TB_HASH_SIZE - 1);
}

static inline TB *tb_of_code(const void *code) { return (TB *)((uint8_t *)code - TB_HDR_SIZE); }

/* The prologue saves the SysV callee-saved registers, pins the state and
 * guest-base registers and reserves the spill frame; the epilogue undoes it.
 * Both are emitted once at the start of the buffer. */
static void gen_prologue(void)
{
    CodeBuf b;
    static const X86Reg saved[] = { RBP, RBX, R12, R13, R14, R15 };
    /* After the return address and six pushes rsp is 8 mod 16, so a frame
     * of 8 mod 16 bytes leaves it aligned for calls from translated code. */
    int32_t frame = backend_frame_size + 8;

    cb_init(&b, code_buf, code_size);
    tb_enter = (TBEnterFn)(void *)b.ptr;
    for (size_t i = 0; i < ARRAY_SIZE(saved); i++) {
        x86_push(&b, saved[i]);
    }
    x86_mov_rr(&b, true, REG_ENV, RDI);
    x86_mov_ri(&b, true, REG_GBASE, (uint64_t)(uintptr_t)guest_base);
    x86_alu_ri(&b, ALU_SUB, true, RSP, frame);
    x86_jmp_r(&b, RSI);
    x86_nops(&b, (int)(16 - cb_offset(&b) % 16) % 16);
    tb_epilogue = b.ptr;
    x86_alu_ri(&b, ALU_ADD, true, RSP, frame);
    for (size_t i = ARRAY_SIZE(saved); i-- > 0;) {
        x86_pop(&b, saved[i]);
    }
    x86_ret(&b);
    code_start = (uint8_t *)ALIGN_UP((uintptr_t)b.ptr, 64);
    code_ptr = code_start;
}

static void *alloc_code_buffer(size_t size)
{
    /* Keep the buffer within rel32 reach of mimic's own text so that calls
     * to helpers are direct: below the text for a PIE build, above it for a
     * static build linked low in the address space. */
    uintptr_t text = (uintptr_t)&alloc_code_buffer;
    for (uintptr_t delta = 64u << 20; delta < (1u << 30); delta += 256u << 20) {
        uintptr_t hints[2] = { text > size + delta ? ALIGN_DOWN(text - size - delta, 1u << 21) : 0,
                               ALIGN_UP(text + delta, 1u << 21) };
        for (int i = 0; i < 2; i++) {
            if (!hints[i] || !x86_rel32_ok((void *)text, (void *)(hints[i] + size)) ||
                !x86_rel32_ok((void *)(hints[i] + size), (void *)text)) {
                continue;
            }
            void *p = mmap((void *)hints[i], size, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
            if (p != MAP_FAILED) {
                return p;
            }
        }
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        fatal("cannot allocate a %zu MiB code buffer", size >> 20);
    }
    return p;
}

void tb_cache_init(size_t size)
{
    code_size = size;
    code_buf = alloc_code_buffer(size);
    code_end = code_buf + size;
    page_heads = mmap(NULL, GUEST_NB_PAGES * sizeof(uintptr_t), PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (page_heads == MAP_FAILED) {
        fatal("cannot allocate the TB page table");
    }
    backend_init();
    gen_prologue();
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs_host) != CS_ERR_OK) {
        cs_host = 0;
    }
}

static TB *hash_find(uint32_t pc, uint32_t flags)
{
    for (TB *tb = __atomic_load_n(&hash_tab[tb_hash(pc, flags)], __ATOMIC_ACQUIRE); tb;
         tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->flags == flags && !(tb->cflags & CF_INVALID)) {
            return tb;
        }
    }
    return NULL;
}

static void log_guest_code(const ArchInfo *arch, TB *tb)
{
    int csa, csm;
    csh h;
    arch->frontend->disas_mode(tb->flags, &csa, &csm);
    fprintf(log_file, "IN: pc=0x%08x flags=0x%x\n", tb->pc, tb->flags);
    if (cs_open((cs_arch)csa, (cs_mode)csm, &h) != CS_ERR_OK) {
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, g2h(tb->pc), tb->size, tb->pc, 0, &insn);
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        fprintf(log_file, "0x%08" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic, insn[i].op_str);
        done += insn[i].size;
    }
    if (done < tb->size) {
        fprintf(log_file, "0x%08x:  (%u bytes capstone cannot decode)\n", tb->pc + (uint32_t)done,
                tb->size - (uint32_t)done);
    }
    cs_free(insn, n);
    cs_close(&h);
    fputc('\n', log_file);
}

static void log_host_code(TB *tb)
{
    cs_insn *insn;
    if (!cs_host) {
        return;
    }
    fprintf(log_file, "OUT: [size=%u]\n", tb->code_size);
    size_t n = cs_disasm(cs_host, tb->code, tb->code_size, (uintptr_t)tb->code, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(log_file, "  0x%012" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic, insn[i].op_str);
    }
    cs_free(insn, n);
    fputc('\n', log_file);
}

/* Pack the pc table: per entry, varint host delta and zigzag varint pc
 * delta, then the aux word as a varint. */
static uint8_t *put_varint(uint8_t *p, uint32_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static const uint8_t *get_varint(const uint8_t *p, uint32_t *v)
{
    uint32_t r = 0;
    int s = 0;
    while (*p & 0x80) {
        r |= (uint32_t)(*p++ & 0x7f) << s;
        s += 7;
    }
    *v = r | (uint32_t)*p++ << s;
    return p;
}

static uint32_t pack_pcmap(TB *tb, uint8_t *out, uint8_t *limit)
{
    uint8_t *p = out;
    uint32_t prev_host = 0, prev_pc = tb->pc;
    for (uint32_t i = 0; i < cg.nb_pcmap; i++) {
        if (p + 15 > limit) {
            return UINT32_MAX;
        }
        const PcMapEntry *e = &cg.pcmap[i];
        int32_t dpc = (int32_t)(e->pc - prev_pc);
        p = put_varint(p, e->host_off - prev_host);
        p = put_varint(p, (uint32_t)((dpc << 1) ^ (dpc >> 31)));
        p = put_varint(p, e->aux);
        prev_host = e->host_off;
        prev_pc = e->pc;
    }
    return (uint32_t)(p - out);
}

static uint8_t *put_varint64(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static const uint8_t *get_varint64(const uint8_t *p, uint64_t *v)
{
    uint64_t r = 0;
    int s = 0;
    while (*p & 0x80) {
        r |= (uint64_t)(*p++ & 0x7f) << s;
        s += 7;
    }
    *v = r | (uint64_t)*p++ << s;
    return p;
}

/* Fault sites: start delta, length, count, then per global: temp index,
 * register + 1 (0: a constant, whose value follows). */
static uint32_t pack_fmap(uint8_t *out, uint8_t *limit)
{
    uint8_t *p = out;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < cg.nb_fsite; i++) {
        const FaultSite *fs = &cg.fsite[i];
        if (p + 16 + (size_t)fs->count * 15 > limit) {
            return UINT32_MAX;
        }
        p = put_varint(p, fs->start - prev);
        p = put_varint(p, fs->end - fs->start);
        p = put_varint(p, fs->count);
        for (uint32_t k = 0; k < fs->count; k++) {
            const FaultLoc *l = &cg.floc[fs->first + k];
            p = put_varint(p, l->temp);
            p = put_varint(p, (uint32_t)(l->reg + 1));
            if (l->reg < 0) {
                p = put_varint64(p, l->cval);
            }
        }
        prev = fs->start;
    }
    return (uint32_t)(p - out);
}

void tb_restore_globals(TB *tb, uintptr_t host_pc, const void *ctx, void *cpu)
{
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    const uint8_t *p = tb->code + tb->code_size + tb->pcmap_size, *end = p + tb->fmap_size;
    uint32_t start = 0;
    while (p < end) {
        uint32_t ds, len, count;
        p = get_varint(p, &ds);
        p = get_varint(p, &len);
        p = get_varint(p, &count);
        start += ds;
        bool hit = off >= start && off < start + len;
        for (uint32_t k = 0; k < count; k++) {
            uint32_t temp, reg1;
            uint64_t v = 0;
            p = get_varint(p, &temp);
            p = get_varint(p, &reg1);
            if (reg1 == 0) {
                p = get_varint64(p, &v);
            } else if (hit) {
                v = backend_ctx_reg(ctx, (int)reg1 - 1);
            }
            if (hit) {
                const IRTempInfo *ti = &ir_ctx.temps[temp];
                size_t n = ti->type == IR_I64 || ti->type == IR_F64 ? 8 : 4;
                memcpy((uint8_t *)cpu + ti->mem_offset, &v, n);
            }
        }
        if (hit) {
            return;
        }
    }
}

bool tb_restore_pc(TB *tb, uintptr_t host_pc, uint32_t *pc, uint32_t *aux)
{
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    const uint8_t *p = tb->code + tb->code_size, *end = p + tb->pcmap_size;
    uint32_t host = 0, cur_pc = tb->pc, cur_aux = 0;
    bool found = false;
    while (p < end) {
        uint32_t dh, zz, a;
        p = get_varint(p, &dh);
        p = get_varint(p, &zz);
        p = get_varint(p, &a);
        if (host + dh > off && found) {
            break;
        }
        host += dh;
        cur_pc += (uint32_t)((int32_t)(zz >> 1) ^ -(int32_t)(zz & 1));
        cur_aux = a;
        found = true;
    }
    *pc = cur_pc;
    *aux = cur_aux;
    return found;
}

static void page_list_add(TB *tb, int n, uint32_t page)
{
    uintptr_t *head = &page_heads[page >> GUEST_PAGE_BITS];
    tb->page[n] = page;
    tb->page_next[n] = (TB *)*head;
    *head = (uintptr_t)tb | (uintptr_t)n;
    page_protect_code(page);
}

static void page_list_remove(TB *tb, int n)
{
    uintptr_t *pp = &page_heads[tb->page[n] >> GUEST_PAGE_BITS];
    while (*pp) {
        TB *t = (TB *)(*pp & ~(uintptr_t)3);
        int k = (int)(*pp & 3);
        if (t == tb && k == n) {
            *pp = (uintptr_t)tb->page_next[n];
            return;
        }
        pp = (uintptr_t *)&t->page_next[k];
    }
}

/* Translate one TB; returns NULL if the code buffer is full. */
static TB *tb_gen_code(CPUCommon *cpu, uint32_t pc, uint32_t flags, uint32_t cflags)
{
    const ArchInfo *arch = cpu->arch;
    const FrontendOps *fe = arch->frontend;
    int max_insns = (cflags & CF_ONE_INSN) ? 1 : TB_MAX_INSNS;
    struct timespec t0, t1;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!ir_ready) {
        ir_context_init(&ir_ctx);
        fe->init_globals(&ir_ctx);
        cg_init(&cg, &ir_ctx);
        ir_ready = true;
    }
    for (;;) {
        if ((size_t)(code_end - code_ptr) < TB_MIN_ROOM) {
            return NULL;
        }
        TB *tb = (TB *)code_ptr;
        memset(tb, 0, sizeof(*tb));
        tb->pc = pc;
        tb->flags = flags;
        tb->cflags = (uint16_t)cflags;
        tb->code = code_ptr + TB_HDR_SIZE;
        tb->page[1] = UINT32_MAX;

        union {
            DisasBase db;
            uint8_t space[512];
        } u;
        ASSERT(fe->ctx_size <= sizeof(u));
        memset(&u, 0, fe->ctx_size);
        DisasBase *db = &u.db;
        ir_context_reset(&ir_ctx);
        db->ir = &ir_ctx;
        db->tb = tb;
        db->cpu = cpu;
        db->pc_first = db->pc_next = pc;
        db->tb_flags = flags;
        db->max_insns = max_insns;
        db->singlestep = cflags & CF_ONE_INSN;
        translator_loop(fe, db);
        tb->size = db->pc_next - pc;
        tb->icount = (uint16_t)db->num_insns;

        if (log_enabled(LOG_IN_ASM)) {
            log_guest_code(arch, tb);
        }
        if (log_enabled(LOG_OP)) {
            fprintf(log_file, "OP:\n");
            ir_dump(&ir_ctx, log_file);
            fputc('\n', log_file);
        }
        uint32_t nops = ir_ctx.nb_ops;
        ir_optimize(&ir_ctx);
        ir_liveness(&ir_ctx);
#ifdef MIMIC_DEBUG
        const char *err = ir_verify(&ir_ctx);
        if (err) {
            fatal("IR verifier: %s", err);
        }
#endif
        if (log_enabled(LOG_OP_OPT)) {
            fprintf(log_file, "OP after optimization and liveness analysis:\n");
            ir_dump(&ir_ctx, log_file);
            fputc('\n', log_file);
        }

        cg.tb = tb;
        cb_init(&cg.buf, tb->code, (size_t)(code_end - tb->code));
        if (!cg_generate(&cg)) {
            if (cb_room(&cg.buf) < 4096) {
                return NULL;
            }
            /* The spill frame overflowed: retry with half the block. */
            ASSERT(db->num_insns > 1);
            max_insns = db->num_insns / 2;
            continue;
        }
        tb->code_size = (uint32_t)cb_offset(&cg.buf);
        tb->jmp_field[0] = cg.jmp_field[0];
        tb->jmp_field[1] = cg.jmp_field[1];
        tb->jmp_reset[0] = cg.jmp_reset[0];
        tb->jmp_reset[1] = cg.jmp_reset[1];
        uint32_t pm = pack_pcmap(tb, tb->code + tb->code_size, code_end);
        if (pm == UINT32_MAX) {
            return NULL;
        }
        tb->pcmap_size = pm;
        uint32_t fm = pack_fmap(tb->code + tb->code_size + pm, code_end);
        if (fm == UINT32_MAX) {
            return NULL;
        }
        tb->fmap_size = fm;
        code_ptr = (uint8_t *)ALIGN_UP((uintptr_t)(tb->code + tb->code_size + pm + fm), 64);

        if (log_enabled(LOG_OUT_ASM)) {
            log_host_code(tb);
        }

        /* Publish: page lists first, then the hash chain head. */
        uint32_t last = pc + (tb->size ? tb->size - 1 : 0);
        page_list_add(tb, 0, pc & GUEST_PAGE_MASK);
        if ((last & GUEST_PAGE_MASK) != (pc & GUEST_PAGE_MASK)) {
            page_list_add(tb, 1, last & GUEST_PAGE_MASK);
        }
        if (tb_index_n == tb_index_cap) {
            tb_index_cap = tb_index_cap ? tb_index_cap * 2 : 4096;
            tb_index = xrealloc(tb_index, tb_index_cap * sizeof(TB *));
        }
        tb_index[tb_index_n++] = tb;
        uint32_t h = tb_hash(pc, flags);
        tb->hash_next = hash_tab[h];
        __atomic_store_n(&hash_tab[h], tb, __ATOMIC_RELEASE);

        clock_gettime(CLOCK_MONOTONIC, &t1);
        tb_stats.tbs++;
        tb_stats.code_bytes += tb->code_size;
        tb_stats.guest_insns += tb->icount;
        tb_stats.ir_ops += nops;
        tb_stats.translate_ns += (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000000u + (uint64_t)(t1.tv_nsec - t0.tv_nsec);
        exec_perf_map_add(tb);
        return tb;
    }
}

void *tb_gen_raw(IRContext *ir)
{
    /* Tests: optimise and compile hand-built IR into the code buffer, with
     * a TB header like any other so exits and the pc table work. */
    tb_lock();
    TB *tb = (TB *)code_ptr;
    memset(tb, 0, sizeof(*tb));
    tb->code = code_ptr + TB_HDR_SIZE;
    tb->page[1] = UINT32_MAX;
    ir_optimize(ir);
    ir_liveness(ir);
    CodeGen g;
    cg_init(&g, ir);
    g.tb = tb;
    cb_init(&g.buf, tb->code, (size_t)(code_end - tb->code));
    bool ok = cg_generate(&g);
    cg_free(&g);
    tb->code_size = (uint32_t)cb_offset(&g.buf);
    code_ptr = (uint8_t *)ALIGN_UP((uintptr_t)(tb->code + tb->code_size), 64);
    tb_unlock();
    return ok ? tb->code : NULL;
}

TB *tb_find(CPUCommon *cpu, uint32_t pc, uint32_t flags, uint32_t cflags)
{
    uint64_t key = pc | (uint64_t)flags << 32;
    JumpCacheEntry *e = &cpu->jc[JC_HASH(pc)];
    if (e->key == key) {
        return tb_of_code(e->code);
    }
    TB *tb = hash_find(pc, flags);
    if (!tb) {
        tb_lock();
        tb = hash_find(pc, flags);
        if (!tb) {
            tb = tb_gen_code(cpu, pc, flags, cflags);
        }
        tb_unlock();
        if (!tb) {
            return NULL;        /* full: the caller flushes and retries */
        }
    }
    e->code = tb->code;
    __atomic_store_n(&e->key, key, __ATOMIC_RELEASE);
    return tb;
}

void tb_add_jump(TB *from, int slot, TB *to)
{
    if (from->jmp_field[slot] == 0xffff) {
        return;
    }
    tb_lock();
    if (!from->jmp_dest[slot] && !((from->cflags | to->cflags) & (CF_INVALID | CF_NO_CHAIN))) {
        from->jmp_dest[slot] = to;
        from->jmp_in_next[slot] = to->jmp_in;
        to->jmp_in = (uintptr_t)from | (uintptr_t)slot;
        x86_patch_rel32(from->code + from->jmp_field[slot], to->code);
        tb_stats.chains++;
    }
    tb_unlock();
}

static void tb_reset_jump(TB *tb, int slot)
{
    x86_patch_rel32(tb->code + tb->jmp_field[slot], tb->code + tb->jmp_reset[slot]);
    tb->jmp_dest[slot] = NULL;
}

/* Remove tb from the incoming list of its slot-n successor. */
static void tb_unlink_out(TB *tb, int n)
{
    TB *dest = tb->jmp_dest[n];
    if (!dest) {
        return;
    }
    uintptr_t *pp = &dest->jmp_in;
    while (*pp) {
        TB *t = (TB *)(*pp & ~(uintptr_t)3);
        int k = (int)(*pp & 3);
        if (t == tb && k == n) {
            *pp = tb->jmp_in_next[n];
            break;
        }
        pp = &t->jmp_in_next[k];
    }
    tb->jmp_dest[n] = NULL;
}

static void tb_invalidate(TB *tb)
{
    tb->cflags |= CF_INVALID;
    TB **pp = &hash_tab[tb_hash(tb->pc, tb->flags)];
    while (*pp && *pp != tb) {
        pp = &(*pp)->hash_next;
    }
    if (*pp) {
        __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
    }
    page_list_remove(tb, 0);
    if (tb->page[1] != UINT32_MAX) {
        page_list_remove(tb, 1);
    }
    /* Every jump into this TB goes back to its exit stub. */
    for (uintptr_t in = tb->jmp_in; in;) {
        TB *src = (TB *)(in & ~(uintptr_t)3);
        int k = (int)(in & 3);
        in = src->jmp_in_next[k];
        tb_reset_jump(src, k);
    }
    tb->jmp_in = 0;
    tb_unlink_out(tb, 0);
    tb_unlink_out(tb, 1);
    exec_jc_remove(tb->pc, tb->code);
}

void tb_invalidate_range(uint32_t start, uint64_t end)
{
    tb_lock();
    for (uint64_t page = start & GUEST_PAGE_MASK; page < end; page += GUEST_PAGE_SIZE) {
        uintptr_t *head = &page_heads[page >> GUEST_PAGE_BITS];
        uintptr_t p = *head;
        while (p) {
            TB *tb = (TB *)(p & ~(uintptr_t)3);
            int k = (int)(p & 3);
            p = (uintptr_t)tb->page_next[k];
            uint64_t tb_end = (uint64_t)tb->pc + (tb->size ? tb->size : 1);
            if ((uint64_t)tb->pc < end && tb_end > start) {
                tb_invalidate(tb);
            }
        }
    }
    tb_unlock();
}

unsigned tb_flush_count(void) { return flush_count; }

void tb_flush(void)
{
    tb_lock();
    memset(hash_tab, 0, sizeof(hash_tab));
    madvise(page_heads, GUEST_NB_PAGES * sizeof(uintptr_t), MADV_DONTNEED);
    code_ptr = code_start;
    tb_index_n = 0;
    exec_jc_clear_all();
    flush_count++;
    tb_stats.flushes++;
    tb_unlock();
}

TB *tb_from_host_pc(uintptr_t host_pc)
{
    /* TBs are allocated in address order, so the index is sorted. */
    size_t lo = 0, hi = tb_index_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((uintptr_t)tb_index[mid]->code <= host_pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return NULL;
    }
    TB *tb = tb_index[lo - 1];
    return host_pc < (uintptr_t)tb->code + tb->code_size ? tb : NULL;
}

bool tb_code_contains(uintptr_t host_pc)
{
    return host_pc >= (uintptr_t)code_buf && host_pc < (uintptr_t)code_end;
}
