/*
 * The exec loop: find or translate the TB for the current (pc, tb_flags),
 * chain it to the previous one, run it, and return to the guest's cpu loop
 * when translated code reports an exception.
 */
#include "tcg/exec.h"

#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcg/arch.h"
#include "tcg/log.h"
#include "tcg/util.h"

bool exec_no_chain;
bool exec_one_insn;
const char *(*exec_symbolizer)(uint32_t pc, uint32_t *offset);

/* Every registered CPU; protected by cpu_list_lock. */
typedef struct CPUNode {
    CPUCommon *cpu;
    bool running;               /* between cpu_exec_start and cpu_exec_end */
    struct CPUNode *next;
} CPUNode;

static pthread_mutex_t cpu_list_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER;
static CPUNode *cpu_list;
static int pending_cpus;
static bool exclusive_pending;
static pthread_t exclusive_owner;
static FILE *perf_map;

static CPUNode *node_of(CPUCommon *cpu)
{
    for (CPUNode *n = cpu_list; n; n = n->next) {
        if (n->cpu == cpu) {
            return n;
        }
    }
    return NULL;
}

void cpu_register(CPUCommon *cpu)
{
    if (!cpu->jc) {
        cpu->jc = xmalloc(JC_SIZE * sizeof(JumpCacheEntry));
    }
    tb_jc_clear(cpu->jc);
    CPUNode *n = xzalloc(sizeof(*n));
    n->cpu = cpu;
    pthread_mutex_lock(&cpu_list_lock);
    n->next = cpu_list;
    cpu_list = n;
    pthread_mutex_unlock(&cpu_list_lock);
}

void cpu_unregister(CPUCommon *cpu)
{
    pthread_mutex_lock(&cpu_list_lock);
    for (CPUNode **pp = &cpu_list; *pp; pp = &(*pp)->next) {
        if ((*pp)->cpu == cpu) {
            CPUNode *n = *pp;
            if (n->running && exclusive_pending) {
                pending_cpus--;
                pthread_cond_signal(&exclusive_cond);
            }
            *pp = n->next;
            free(n);
            break;
        }
    }
    pthread_mutex_unlock(&cpu_list_lock);
    free(cpu->jc);
    cpu->jc = NULL;
}

void cpu_exec_start(CPUCommon *cpu)
{
    pthread_mutex_lock(&cpu_list_lock);
    while (exclusive_pending && !pthread_equal(exclusive_owner, pthread_self())) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_lock);
    }
    CPUNode *n = node_of(cpu);
    if (n) {
        n->running = true;
    }
    pthread_mutex_unlock(&cpu_list_lock);
}

void cpu_exec_end(CPUCommon *cpu)
{
    pthread_mutex_lock(&cpu_list_lock);
    CPUNode *n = node_of(cpu);
    if (n && n->running) {
        n->running = false;
        if (exclusive_pending) {
            pending_cpus--;
            pthread_cond_signal(&exclusive_cond);
        }
    }
    pthread_mutex_unlock(&cpu_list_lock);
}

void start_exclusive(void)
{
    pthread_mutex_lock(&cpu_list_lock);
    while (exclusive_pending) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_lock);
    }
    exclusive_pending = true;
    exclusive_owner = pthread_self();
    pending_cpus = 0;
    for (CPUNode *n = cpu_list; n; n = n->next) {
        if (n->running) {
            pending_cpus++;
            cpu_exit(n->cpu);
        }
    }
    while (pending_cpus > 0) {
        pthread_cond_wait(&exclusive_cond, &cpu_list_lock);
    }
    pthread_mutex_unlock(&cpu_list_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&cpu_list_lock);
    exclusive_pending = false;
    pthread_cond_broadcast(&exclusive_resume);
    pthread_mutex_unlock(&cpu_list_lock);
}

void exec_after_fork_child(CPUCommon *self)
{
    /* The other CPUs' threads do not exist in the child. */
    CPUNode *keep = NULL;
    for (CPUNode *n = cpu_list, *next; n; n = next) {
        next = n->next;
        if (n->cpu == self) {
            keep = n;
        } else {
            free(n);
        }
    }
    cpu_list = keep;
    if (keep) {
        keep->next = NULL;
        keep->running = false;
    }
    pthread_mutex_init(&cpu_list_lock, NULL);
    pthread_cond_init(&exclusive_cond, NULL);
    pthread_cond_init(&exclusive_resume, NULL);
    exclusive_pending = false;
    pending_cpus = 0;
}

void tb_jc_clear(JumpCacheEntry *jc)
{
    for (unsigned i = 0; i < JC_SIZE; i++) {
        jc[i].key = ~0ull;
        jc[i].code = NULL;
    }
}

void exec_jc_remove(uint32_t pc, const void *code)
{
    pthread_mutex_lock(&cpu_list_lock);
    for (CPUNode *n = cpu_list; n; n = n->next) {
        JumpCacheEntry *e = &n->cpu->jc[JC_HASH(pc)];
        if (e->code == code) {
            __atomic_store_n(&e->key, ~0ull, __ATOMIC_RELEASE);
        }
    }
    pthread_mutex_unlock(&cpu_list_lock);
}

void exec_jc_clear_all(void)
{
    pthread_mutex_lock(&cpu_list_lock);
    for (CPUNode *n = cpu_list; n; n = n->next) {
        tb_jc_clear(n->cpu->jc);
    }
    pthread_mutex_unlock(&cpu_list_lock);
}

void exec_perf_map_add(TB *tb)
{
    if (!log_enabled(LOG_PERF)) {
        return;
    }
    if (!perf_map) {
        char path[64];
        snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
        perf_map = fopen(path, "w");
        if (!perf_map) {
            return;
        }
    }
    uint32_t off = 0;
    const char *sym = exec_symbolizer ? exec_symbolizer(tb->pc, &off) : NULL;
    if (sym) {
        fprintf(perf_map, "%" PRIxPTR " %x %s+0x%x\n", (uintptr_t)tb->code, tb->code_size, sym, off);
    } else {
        fprintf(perf_map, "%" PRIxPTR " %x guest_0x%08x\n", (uintptr_t)tb->code, tb->code_size, tb->pc);
    }
    fflush(perf_map);
}

bool cpu_restore_state(CPUCommon *cpu, uintptr_t host_pc, const void *host_ctx)
{
    TB *tb = tb_from_host_pc(host_pc);
    uint32_t pc, aux;
    if (!tb || !tb_restore_pc(tb, host_pc, &pc, &aux)) {
        return false;
    }
    if (host_ctx) {
        tb_restore_globals(tb, host_pc, host_ctx, cpu);
    }
    cpu->arch->frontend->restore_state(cpu, tb, pc, aux);
    return true;
}

void cpu_loop_exit(CPUCommon *cpu)
{
    siglongjmp(*cpu->loop_jmp, 1);
}

void cpu_loop_exit_restore(CPUCommon *cpu, uintptr_t host_pc)
{
    /* host_pc is a return address: the call instruction is just before. */
    cpu_restore_state(cpu, host_pc - 1, NULL);
    cpu_loop_exit(cpu);
}

static void log_exec(CPUCommon *cpu, TB *tb)
{
    if (log_enabled(LOG_CPU) && cpu->arch->cpu_dump) {
        cpu->arch->cpu_dump(cpu, log_file);
    }
    if (log_enabled(LOG_EXEC)) {
        fprintf(log_file, "Trace: %p [%08x/%08x]\n", (void *)tb->code, tb->pc, tb->flags);
    }
}

int cpu_exec(CPUCommon *cpu)
{
    sigjmp_buf jb;
    sigjmp_buf *volatile saved = cpu->loop_jmp;
    uint32_t cflags = (exec_no_chain ? CF_NO_CHAIN : 0) | (exec_one_insn ? CF_ONE_INSN : 0);
    bool logging = log_enabled(LOG_EXEC | LOG_CPU);
    int ret;

    cpu_exec_start(cpu);
    cpu->loop_jmp = &jb;
    if (sigsetjmp(jb, 0)) {
        /* cpu_loop_exit from a helper or a host fault in translated code. */
        ret = cpu->exception;
        cpu->exception = EXCP_NONE;
        goto out;
    }

    uintptr_t last = 0;
    for (;;) {
        if (cpu->exit_request) {
            cpu->exit_request = 0;
            ret = EXCP_INTERRUPT;
            break;
        }
        TB *tb = tb_find(cpu, cpu->pc, cpu->tb_flags, cflags);
        if (!tb) {
            /* The code buffer is full: flush it with every thread out. */
            unsigned gen = tb_flush_count();
            cpu_exec_end(cpu);
            start_exclusive();
            if (tb_flush_count() == gen) {
                tb_flush();
            }
            end_exclusive();
            cpu_exec_start(cpu);
            last = 0;
            continue;
        }
        if (last && !(cflags & CF_NO_CHAIN)) {
            tb_add_jump((TB *)(last & ~(uintptr_t)TB_EXIT_MASK), (int)(last & TB_EXIT_MASK), tb);
        }
        if (unlikely(logging)) {
            log_exec(cpu, tb);
        }
        cpu->insn_count++;
        uintptr_t r = tb_enter(cpu, tb->code);
        last = 0;
        if (r) {
            TB *rtb = (TB *)(r & ~(uintptr_t)TB_EXIT_MASK);
            if ((r & TB_EXIT_MASK) == TB_EXIT_REQUESTED) {
                cpu->pc = rtb->pc;
                cpu->tb_flags = rtb->flags;
            } else {
                last = r;
            }
        }
        if (cpu->exception != EXCP_NONE) {
            ret = cpu->exception;
            cpu->exception = EXCP_NONE;
            break;
        }
    }
out:
    cpu->loop_jmp = saved;
    cpu_exec_end(cpu);
    return ret;
}

void exec_print_stats(void)
{
    fprintf(stderr,
            "mimic stats: %" PRIu64 " TBs, %" PRIu64 " guest insns, %" PRIu64 " IR ops, %" PRIu64
            " code bytes, %.3f ms translating, %" PRIu64 " chains, %" PRIu64 " flushes\n",
            tb_stats.tbs, tb_stats.guest_insns, tb_stats.ir_ops, tb_stats.code_bytes,
            (double)tb_stats.translate_ns / 1e6, tb_stats.chains, tb_stats.flushes);
}
