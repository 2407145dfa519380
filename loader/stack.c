/*
 * The initial process stack, laid out as the Linux kernel does:
 *
 *   high   [execfn string][env strings][arg strings][platform][16 random bytes]
 *          padding to 16
 *          auxv pairs ... AT_NULL
 *          envp[] NULL
 *          argv[] NULL
 *   sp ->  argc
 *
 * All words are 32-bit, in the guest's byte order.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "loader/elf.h"
#include "tcg/util.h"

__attribute__((format(printf, 3, 4))) static bool errf(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return false;
}

#define ERR(...) errf(err, errlen, __VA_ARGS__)

typedef struct StackBuilder {
    uint32_t sp;
    bool be;
} StackBuilder;

static void put32(const StackBuilder *b, uint32_t addr, uint32_t v)
{
    if (b->be) {
        v = __builtin_bswap32(v);
    }
    memcpy(g2h(addr), &v, 4);
}

static uint32_t push_bytes(StackBuilder *b, const void *data, size_t n)
{
    b->sp -= (uint32_t)n;
    memcpy(g2h(b->sp), data, n);
    return b->sp;
}

static uint32_t push_string(StackBuilder *b, const char *s)
{
    return push_bytes(b, s, strlen(s) + 1);
}

static void fill_random(uint8_t *buf, size_t n)
{
    FILE *f = fopen("/dev/urandom", "rb");
    if (f && fread(buf, 1, n, f) == n) {
        fclose(f);
        return;
    }
    if (f) {
        fclose(f);
    }
    for (size_t i = 0; i < n; i++) {
        buf[i] = (uint8_t)(rand() >> 7);
    }
}

bool stack_setup(ImageInfo *info, const ImageInfo *interp, const StackParams *p, char *err, size_t errlen)
{
    uint32_t low = p->stack_top - p->stack_size;
    int prot = PROT_READ | PROT_WRITE | (info->exec_stack ? PROT_EXEC : 0);
    int64_t r = target_mmap(low, p->stack_size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (r < 0) {
        return ERR("cannot map the stack at 0x%08x: %s", low, strerror((int)-r));
    }
    mmap_set_name(low, p->stack_size, "[stack]");
    info->stack_low = low;
    info->stack_high = p->stack_top;

    StackBuilder b = { p->stack_top, info->big_endian };
    int envc = 0;
    while (p->envp[envc]) {
        envc++;
    }
    uint32_t *argp = xmalloc((size_t)(p->argc + 1) * sizeof(uint32_t));
    uint32_t *envpp = xmalloc((size_t)(envc + 1) * sizeof(uint32_t));

    /* Leave a word of zeroes at the very top, as Linux does. */
    b.sp -= 4;
    put32(&b, b.sp, 0);
    uint32_t execfn = push_string(&b, p->execfn);
    info->env_end = b.sp;
    for (int i = envc - 1; i >= 0; i--) {
        envpp[i] = push_string(&b, p->envp[i]);
    }
    info->env_start = b.sp;
    info->arg_end = b.sp;
    for (int i = p->argc - 1; i >= 0; i--) {
        argp[i] = push_string(&b, p->argv[i]);
    }
    info->arg_start = b.sp;
    uint32_t platform = p->platform ? push_string(&b, p->platform) : 0;
    uint8_t rnd[16];
    fill_random(rnd, sizeof(rnd));
    b.sp &= ~15u;
    uint32_t random = push_bytes(&b, rnd, sizeof(rnd));

    /* The auxiliary vector. */
    uint32_t aux[64];
    int na = 0;
#define AUX(t, v) (aux[na++] = (t), aux[na++] = (v))
    AUX(AT_PHDR, info->phdr);
    AUX(AT_PHENT, info->phent);
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_BASE, interp ? interp->load_bias : 0);
    AUX(AT_FLAGS, p->at_flags);
    AUX(AT_ENTRY, info->entry);
    AUX(AT_UID, (uint32_t)getuid());
    AUX(AT_EUID, (uint32_t)geteuid());
    AUX(AT_GID, (uint32_t)getgid());
    AUX(AT_EGID, (uint32_t)getegid());
    AUX(AT_HWCAP, p->hwcap);
    AUX(AT_CLKTCK, (uint32_t)sysconf(_SC_CLK_TCK));
    AUX(AT_SECURE, getuid() != geteuid() || getgid() != getegid());
    AUX(AT_RANDOM, random);
    if (p->hwcap2) {
        AUX(AT_HWCAP2, p->hwcap2);
    }
    AUX(AT_EXECFN, execfn);
    if (platform) {
        AUX(AT_PLATFORM, platform);
    }
    if (p->execfd >= 0) {
        AUX(AT_EXECFD, (uint32_t)p->execfd);
    }
    if (p->sysinfo_ehdr) {
        AUX(AT_SYSINFO_EHDR, p->sysinfo_ehdr);
    }
    if (p->minsigstksz) {
        AUX(AT_MINSIGSTKSZ, p->minsigstksz);
    }
    AUX(AT_NULL, 0);
#undef AUX

    uint32_t words = 1 + (uint32_t)p->argc + 1 + (uint32_t)envc + 1 + (uint32_t)na;
    uint32_t align = p->align ? p->align : 16;
    uint32_t sp = (b.sp - words * 4) & ~(align - 1);
    if (sp < low + 4096) {
        free(argp);
        free(envpp);
        return ERR("arguments and environment do not fit in the stack");
    }
    uint32_t a = sp;
    put32(&b, a, (uint32_t)p->argc);
    a += 4;
    for (int i = 0; i < p->argc; i++, a += 4) {
        put32(&b, a, argp[i]);
    }
    put32(&b, a, 0);
    a += 4;
    for (int i = 0; i < envc; i++, a += 4) {
        put32(&b, a, envpp[i]);
    }
    put32(&b, a, 0);
    a += 4;
    info->auxv = a;
    info->auxv_len = (uint32_t)na * 4;
    for (int i = 0; i < na; i++, a += 4) {
        put32(&b, a, aux[i]);
    }
    info->sp = sp;
    free(argp);
    free(envpp);
    return true;
}
