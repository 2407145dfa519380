/*
 * Guest side of the ARM differential tester: a static ARM program run
 * under both build/mimic and qemu-arm on the same case file.
 *
 *   harness CASEFILE        (or - for stdin)
 *
 * A case line is (all numbers hex, see difftool.c for the writer):
 *
 *   CLASS A|T W[,W...] R0 .. R14 APSR FPSCR D0 .. D31 MEMSEED
 *
 * Thumb words of 4 hex digits are 16-bit instructions, of 8 digits 32-bit
 * ones (first halfword in the high half).  For each case the harness
 * copies the words to DIFF_ENTRY followed by a branch to the exit stub
 * (Thumb: BX PC to reach ARM state first), flushes the cache with
 * __builtin___clear_cache (the ARM cacheflush syscall: the translator must
 * drop code it translated from the previous case at the same address),
 * fills the memory block from MEMSEED, loads the registers and runs the
 * code.  It prints one line per case:
 *
 *   ok - R0 .. R14 APSR FPSCR UWR D0 .. D31 M
 *   sN OFF R0 .. R14 CPSR FPSCR UWR D0 .. D31 M
 *
 * "sN" is a caught signal N (SIGILL for an undefined encoding, SIGSEGV,
 * SIGBUS ...) at byte offset OFF from DIFF_ENTRY, the registers being
 * those of the signal frame (CPSR then also holds IT and T), UWR is
 * TPIDRURW, and M lists the words of the memory block that differ from
 * their initial value: "m" followed by ",OFFSET=VALUE" items.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "layout.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int diff_run(const DiffRegs *in, int thumb);
extern const uint8_t diff_stub_start[], diff_stub_end[];

static sigjmp_buf jb;
static volatile int in_test;
static volatile int got_sig;
static volatile uint32_t sig_pc, sig_cpsr, sig_uwr, sig_fpscr, sig_r[15];
static volatile int sig_vfp;
static volatile uint64_t sig_d[32];
static uint32_t mem_init[DIFF_MEM_WORDS];
static size_t code_used;

static void die(const char *msg)
{
    fprintf(stderr, "harness: %s\n", msg);
    exit(3);
}

static uint32_t read_uwr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 2" : "=r"(v));
    return v;
}

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const mcontext_t *mc = &uc->uc_mcontext;
    (void)si;
    if (!in_test || mc->arm_pc - DIFF_CODE >= DIFF_CODE_SIZE) {
        static const char msg[] = "harness: signal outside the test code\n";
        write(2, msg, sizeof(msg) - 1);
        _exit(3);
    }
    got_sig = sig;
    sig_pc = mc->arm_pc;
    sig_cpsr = mc->arm_cpsr;
    const unsigned long *rs = &mc->arm_r0;
    for (int i = 0; i < 15; i++) {
        sig_r[i] = rs[i];
    }
    sig_uwr = read_uwr();
    /* uc_regspace: records of {magic, size, ...} ending with magic 0. */
    const uint32_t *p = (const uint32_t *)uc->uc_regspace;
    const uint32_t *end = p + 128;
    sig_vfp = 0;
    while (p + 2 <= end && p[0] != 0 && p[1] >= 8 && p + p[1] / 4 <= end) {
        if (p[0] == 0x56465001u && p[1] >= 8 + 32 * 8 + 4) {
            for (int i = 0; i < 32; i++) {
                sig_d[i] = (uint64_t)p[2 + 2 * i + 1] << 32 | p[2 + 2 * i];
            }
            sig_fpscr = p[2 + 64];
            sig_vfp = 1;
            break;
        }
        p += p[1] / 4;
    }
    in_test = 0;
    siglongjmp(jb, 1);
}

static void setup(void)
{
    void *r = mmap((void *)DIFF_RESERVE, DIFF_RESERVE_SIZE, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (r != (void *)DIFF_RESERVE) {
        die("cannot map the fixed test region at 0x20000000");
    }
    if (mprotect((void *)DIFF_CODE, DIFF_CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC) != 0 ||
        mprotect((void *)DIFF_MEM, DIFF_MEM_SIZE, PROT_READ | PROT_WRITE) != 0) {
        die("mprotect failed");
    }
    size_t n = (size_t)(diff_stub_end - diff_stub_start);
    memcpy((void *)DIFF_STUB, diff_stub_start, n);
    __builtin___clear_cache((char *)DIFF_STUB, (char *)DIFF_STUB + n);

    static uint8_t altstack[65536] __attribute__((aligned(16)));
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) != 0) {
        die("sigaltstack failed");
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    static const int sigs[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
}

/* ---- parsing ---- */

static const char *tok_start;
static size_t tok_len;

/* Next space-separated token of *pp; false at the end of the line. */
static int next_tok(const char **pp)
{
    const char *p = *pp;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (!*p || *p == '\n' || *p == '\r') {
        *pp = p;
        return 0;
    }
    tok_start = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
        p++;
    }
    tok_len = (size_t)(p - tok_start);
    *pp = p;
    return 1;
}

static uint64_t hex(const char *s, size_t n, int *ok)
{
    uint64_t v = 0;
    if (n == 0 || n > 16) {
        *ok = 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) {
            *ok = 0;
            return 0;
        }
        v = v << 4 | (uint64_t)d;
    }
    return v;
}

static uint64_t hex_tok(const char **pp, int *ok)
{
    if (!next_tok(pp)) {
        *ok = 0;
        return 0;
    }
    return hex(tok_start, tok_len, ok);
}

/* ---- output ---- */

static char obuf[1 << 16];
static size_t olen;

static void oflush(void)
{
    size_t off = 0;
    while (off < olen) {
        ssize_t w = write(1, obuf + off, olen - off);
        if (w <= 0) {
            exit(4);
        }
        off += (size_t)w;
    }
    olen = 0;
}

static void ostr(const char *s)
{
    while (*s) {
        if (olen == sizeof(obuf)) {
            oflush();
        }
        obuf[olen++] = *s++;
    }
}

static void ohex(uint64_t v)
{
    char t[24];
    int n = 0;
    do {
        t[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    char s[24];
    for (int i = 0; i < n; i++) {
        s[i] = t[n - 1 - i];
    }
    s[n] = 0;
    ostr(s);
}

static void ospace_hex(uint64_t v)
{
    ostr(" ");
    ohex(v);
}

/* ---- running a case ---- */

static void write_code(const uint32_t *w, const int *len16, int n, int thumb)
{
    uint8_t *base = (uint8_t *)DIFF_ENTRY, *p = base;
    memset(base, 0, code_used);
    for (int i = 0; i < n; i++) {
        if (!thumb) {
            memcpy(p, &w[i], 4);
            p += 4;
        } else if (len16[i]) {
            uint16_t h = (uint16_t)w[i];
            memcpy(p, &h, 2);
            p += 2;
        } else {
            uint16_t h[2] = { (uint16_t)(w[i] >> 16), (uint16_t)w[i] };
            memcpy(p, h, 4);
            p += 4;
        }
    }
    if (thumb) {
        /* Reach ARM state: NOP to align, BX PC, and a pad halfword that
         * BX PC (target Align(pc, 4)) skips. */
        static const uint16_t nop = 0xbf00, bxpc = 0x4778;
        if ((p - base) & 2) {
            memcpy(p, &nop, 2);
            p += 2;
        }
        memcpy(p, &bxpc, 2);
        memcpy(p + 2, &nop, 2);
        p += 4;
    }
    uint32_t at = (uint32_t)(uintptr_t)p;
    uint32_t b = 0xea000000u | (((DIFF_STUB - (at + 8)) >> 2) & 0xffffff);
    memcpy(p, &b, 4);
    p += 4;
    if ((size_t)(p - base) > code_used) {
        code_used = (size_t)(p - base);
    }
    __builtin___clear_cache((char *)base, (char *)base + code_used);
}

static void print_state(const char *status, int64_t off, const uint32_t *r, uint32_t psr,
                        uint32_t fpscr, uint32_t uwr, int have_vfp, const volatile uint64_t *d)
{
    ostr(status);
    if (off < 0) {
        ostr(" -");
    } else {
        ospace_hex((uint64_t)off);
    }
    for (int i = 0; i < 15; i++) {
        ospace_hex(r[i]);
    }
    ospace_hex(psr);
    if (have_vfp) {
        ospace_hex(fpscr);
    } else {
        ostr(" novfp");
    }
    ospace_hex(uwr);
    for (int i = 0; i < 32; i++) {
        if (have_vfp) {
            ospace_hex(d[i]);
        } else {
            ostr(" -");
        }
    }
    ostr(" m");
    const uint32_t *mem = (const uint32_t *)DIFF_MEM;
    for (uint32_t i = 0; i < DIFF_MEM_WORDS; i++) {
        if (mem[i] != mem_init[i]) {
            ostr(",");
            ohex(i * 4);
            ostr("=");
            ohex(mem[i]);
        }
    }
    ostr("\n");
}

static int run_line(const char *line)
{
    const char *p = line;
    int ok = 1;
    uint32_t w[DIFF_MAX_INSNS];
    int len16[DIFF_MAX_INSNS];
    int n = 0;
    static DiffRegs in;

    if (!next_tok(&p)) {
        return 0;                       /* blank line */
    }
    if (tok_start[0] == '#') {
        return 0;
    }
    if (!next_tok(&p) || tok_len != 1 || (tok_start[0] != 'A' && tok_start[0] != 'T')) {
        die("bad case line: want A or T after the class");
    }
    int thumb = tok_start[0] == 'T';
    if (!next_tok(&p)) {
        die("bad case line: no instruction words");
    }
    for (const char *s = tok_start, *e = tok_start + tok_len; s < e;) {
        const char *c = s;
        while (c < e && *c != ',') {
            c++;
        }
        if (n == DIFF_MAX_INSNS) {
            die("bad case line: too many instructions");
        }
        len16[n] = thumb && c - s <= 4;
        w[n++] = (uint32_t)hex(s, (size_t)(c - s), &ok);
        s = c + 1;
    }
    for (int i = 0; i < 15; i++) {
        in.r[i] = (uint32_t)hex_tok(&p, &ok);
    }
    in.psr = (uint32_t)hex_tok(&p, &ok) & DIFF_APSR_MASK;
    in.fpscr = (uint32_t)hex_tok(&p, &ok);
    in.uwr = DIFF_UWR_INIT;
    for (int i = 0; i < 32; i++) {
        in.d[i] = hex_tok(&p, &ok);
    }
    uint32_t seed = (uint32_t)hex_tok(&p, &ok);
    if (!ok) {
        die("bad case line: malformed number");
    }

    write_code(w, len16, n, thumb);
    diff_mem_fill(mem_init, seed);
    memcpy((void *)DIFF_MEM, mem_init, DIFF_MEM_SIZE);

    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        in_test = 1;
        diff_run(&in, thumb);
        in_test = 0;
        const DiffRegs *out = (const DiffRegs *)DIFF_SAVE;
        print_state("ok", -1, out->r, out->psr & DIFF_APSR_MASK, out->fpscr, out->uwr, 1, out->d);
    } else {
        char st[16];
        snprintf(st, sizeof(st), "s%d", got_sig);
        uint32_t r[15];
        for (int i = 0; i < 15; i++) {
            r[i] = sig_r[i];
        }
        print_state(st, (int64_t)sig_pc - (int64_t)DIFF_ENTRY, r, sig_cpsr & DIFF_CPSR_SIG_MASK,
                    sig_fpscr, sig_uwr, sig_vfp, sig_d);
    }
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: harness CASEFILE|-\n");
        return 2;
    }
    FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    setup();
    static char line[8192];
    while (fgets(line, sizeof(line), f)) {
        run_line(line);
    }
    oflush();
    return 0;
}
