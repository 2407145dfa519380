/*
 * Unit tests for the x86_64 instruction encoders (backends/x86_64/emit.c).
 *
 * Every encoder is run over all relevant register combinations, a set of
 * interesting immediates and displacements, both operand sizes and every
 * condition code / ALU op / shift kind.  The bytes are disassembled with
 * capstone (x86-64, Intel syntax) and compared with text built here from the
 * encoder's inputs.  Capstone must consume exactly the emitted bytes.  Where
 * capstone's text cannot tell two encodings apart (imm8 vs imm32, disp8 vs
 * disp32, D1 vs C1 shifts, a redundant REX), the length is checked too, so
 * the shortest form is enforced.
 *
 * CAPSTONE 4.0.2 QUIRKS (learnt empirically; the formatting helpers below
 * reproduce them):
 *   - Numbers 0..9 are printed in decimal, larger ones as 0x-hex (its
 *     HEX_THRESHOLD is 9); negative numbers as "-9", "-0xa".
 *   - The value of an immediate depends on its encoding: an imm8 that the
 *     CPU sign-extends (0x83, 0x6b) is negative ("add eax, -1"); an imm32 of
 *     a 32-bit operation is unsigned ("add eax, 0x80000000"); an imm32 of a
 *     64-bit operation is sign-extended ("add rax, -0x80000000"); the
 *     full-width imm8/imm16 of byte/word ops are unsigned ("mov word ptr
 *     [rax], 0xffff").  See cs_imm().
 *   - and/or/xor never print a negative immediate: the value is masked to
 *     the operand size and printed in hex ("and eax, 0xffffffff",
 *     "and rax, 0xffffffffffffff80").  test/cmp/mov/imul/add print signed.
 *   - A memory operand with neither base nor index (SIB, base=101, no
 *     index) prints its sign-extended disp32 as an unsigned number masked to
 *     the size of the FIRST operand when that is a 16/32-bit register, and
 *     as the full 64-bit value otherwise: "mov eax, dword ptr [0xffffffff]",
 *     "mov ax, word ptr [0xffff]", "mov rax, qword ptr [0xffffffffffffffff]",
 *     "mov dword ptr [0xffffffffffffffff], eax".  A negative address masked
 *     this way is printed in hex even when small ("mov ax, word ptr [0x0]"
 *     for disp32 0x80000000).  See mem_r().
 *   - An index with scale 1 prints without "*1", so an index-only operand
 *     looks like a base: "[rcx + 0x10]".
 *   - Negative displacements print as " - 0x10"; zero displacement is
 *     omitted ("[rbp]" even when encoded as disp8 0).
 *   - rip-relative operands print the displacement, not the target:
 *     "lea rax, [rip - 0x10]".
 *   - Condition names: jb/jae/je/jne/jbe/ja/js/jns/jp/jnp/jl/jge/jle/jg
 *     (never jc/jz/jnae...), likewise for setcc/cmovcc.
 *   - movabs immediates print as unsigned hex even with bit 63 set.
 *   - 66 90 decodes as a 2-byte "nop", the long nops as "nop dword ptr
 *     [rax + rax]" etc.
 */
#include <check.h>
#include <capstone/capstone.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/x86_64/emit.h"

/* ------------------------------------------------------------------------ */
/* Harness */

static csh cs;
static uint8_t code[512] __attribute__((aligned(64)));
static CodeBuf cb;
static char got[1024];
static size_t got_used;
static int nfail, nchecked;

#define MAX_REPORTS 25

static void start(void)
{
    memset(code, 0xcc, sizeof(code));
    cb_init(&cb, code, sizeof(code));
}

/* Disassemble everything emitted since start() and compare with 'want'
 * (several instructions are joined with "; ").  want_len < 0: any length. */
static bool check_code(const char *want, int want_len)
{
    size_t len = cb_offset(&cb);
    cs_insn *insn = NULL;
    size_t n = cs_disasm(cs, code, len, (uint64_t)(uintptr_t)code, 0, &insn);
    size_t k = 0;

    got[0] = 0;
    got_used = 0;
    for (size_t i = 0; i < n; i++) {
        k += (size_t)snprintf(got + k, sizeof(got) - k, "%s%s%s%s", i ? "; " : "", insn[i].mnemonic,
                              insn[i].op_str[0] ? " " : "", insn[i].op_str);
        if (k >= sizeof(got)) {
            k = sizeof(got) - 1;
        }
        got_used += insn[i].size;
    }
    if (n) {
        cs_free(insn, n);
    }
    nchecked++;
    return got_used == len && strcmp(got, want) == 0 && (want_len < 0 || (int)len == want_len);
}

static void report(const char *want, int want_len, const char *ctx, ...) __attribute__((format(printf, 3, 4)));
static void report(const char *want, int want_len, const char *ctx, ...)
{
    if (++nfail > MAX_REPORTS) {
        return;
    }
    va_list ap;
    size_t len = cb_offset(&cb);
    fprintf(stderr, "FAIL ");
    va_start(ap, ctx);
    vfprintf(stderr, ctx, ap);
    va_end(ap);
    fprintf(stderr, "\n  bytes   :");
    for (size_t i = 0; i < len; i++) {
        fprintf(stderr, " %02x", code[i]);
    }
    fprintf(stderr, "  (%zu bytes", len);
    if (want_len >= 0) {
        fprintf(stderr, ", want %d", want_len);
    }
    fprintf(stderr, ", capstone decoded %zu)\n  expected: %s\n  capstone: %s\n", got_used, want, got);
}

#define CHECK(want, want_len, ...)                    \
    do {                                              \
        const char *want_ = (want);                   \
        int wlen_ = (want_len);                       \
        if (!check_code(want_, wlen_)) {              \
            report(want_, wlen_, __VA_ARGS__);        \
        }                                             \
    } while (0)

#define BEGIN() (nfail = 0, nchecked = 0)
#define END() ck_assert_msg(nfail == 0, "%d of %d encodings differ from capstone's decoding", nfail, nchecked)

/* ------------------------------------------------------------------------ */
/* Expected-text builders */

static const char *const NAME64[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                     "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15" };
static const char *const NAME32[16] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                     "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
static const char *const NAME16[16] = { "ax",  "cx",  "dx",   "bx",   "sp",   "bp",   "si",   "di",
                                     "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w" };
static const char *const NAME8[16] = { "al",  "cl",  "dl",   "bl",   "spl",  "bpl",  "sil",  "dil",
                                    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b" };
static const char *const CC[16] = { "o", "no", "b", "ae", "e", "ne", "be", "a",
                                    "s", "ns", "p", "np", "l", "ge", "le", "g" };
static const char *const ALU[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };

static const char *reg(int r, int bits)
{
    switch (bits) {
    case 8: return NAME8[r & 15];
    case 16: return NAME16[r & 15];
    case 32: return NAME32[r & 15];
    default: return NAME64[r & 15];
    }
}

static const char *shift_name(int op)
{
    switch (op) {
    case SH_ROL: return "rol";
    case SH_ROR: return "ror";
    case SH_SHL: return "shl";
    case SH_SHR: return "shr";
    case SH_SAR: return "sar";
    default: return "?";
    }
}

/* A rotating pool of result strings. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    static char pool[32][200];
    static unsigned k;
    char *s = pool[k++ % 32];
    va_list ap;
    va_start(ap, f);
    vsnprintf(s, sizeof(pool[0]), f, ap);
    va_end(ap);
    return s;
}

/* Capstone's number format: decimal up to 9, hex above. */
static const char *unum(uint64_t v)
{
    return v <= 9 ? fmt("%" PRIu64, v) : fmt("0x%" PRIx64, v);
}

static const char *snum(int64_t v)
{
    return v < 0 ? fmt("-%s", unum(-(uint64_t)v)) : unum((uint64_t)v);
}

/* The value capstone decodes for an immediate (see the header comment). */
static int64_t cs_imm(int32_t imm, bool is_imm8, int bits)
{
    if (is_imm8) {
        return (int8_t)imm;
    }
    if (bits == 64) {
        return imm;
    }
    if (bits == 16) {
        return (uint16_t)imm;
    }
    if (bits == 8) {
        return (uint8_t)imm;
    }
    return (uint32_t)imm;
}

/* Immediate text; and/or/xor never print negative values. */
static const char *imm_text(int64_t v, bool logical, int bits)
{
    if (logical && !(v >= 0 && v <= 9)) {
        uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
        return fmt("0x%" PRIx64, (uint64_t)v & m);
    }
    return snum(v);
}

static bool is_logical(int alu) { return alu == ALU_AND || alu == ALU_OR || alu == ALU_XOR; }

static const char *ptr_name(int bits)
{
    switch (bits) {
    case 8: return "byte ptr ";
    case 16: return "word ptr ";
    case 32: return "dword ptr ";
    case 64: return "qword ptr ";
    case 128: return "xmmword ptr ";
    case 256: return "ymmword ptr ";
    default: return "";       /* lea */
    }
}

/* "dword ptr [base + index*scale +/- disp]"; bits 0 = no size (lea).
 * op1_bits: the width of the instruction's first operand if that is a 16 or
 * 32-bit register, else 64 (only matters for absolute addresses). */
static const char *mem_r(int op1_bits, int bits, int base, int index, int shift, int32_t disp)
{
    char in[96];
    int n = 0;
    if (base >= 0) {
        n += sprintf(in + n, "%s", NAME64[base]);
    }
    if (index >= 0) {
        n += sprintf(in + n, "%s%s", n ? " + " : "", NAME64[index]);
        if (shift) {
            n += sprintf(in + n, "*%d", 1 << shift);
        }
    }
    if (n == 0) {
        /* Quirk: a negative absolute address is masked to the first
         * operand's size and always printed in hex ("word ptr [0x0]"). */
        if (disp >= 0) {
            sprintf(in, "%s", unum((uint64_t)disp));
        } else {
            uint64_t a = (uint64_t)(int64_t)disp;
            if (op1_bits < 64) {
                a &= (1ull << op1_bits) - 1;
            }
            sprintf(in, "0x%" PRIx64, a);
        }
    } else if (disp > 0) {
        sprintf(in + n, " + %s", unum((uint64_t)disp));
    } else if (disp < 0) {
        sprintf(in + n, " - %s", unum(-(uint64_t)(int64_t)disp));
    }
    return fmt("%s[%s]", ptr_name(bits), in);
}

/* A memory operand that is the first operand (or follows an xmm/64-bit
 * register). */
static const char *mem(int bits, int base, int index, int shift, int32_t disp)
{
    return mem_r(64, bits, base, index, shift, disp);
}

/* Minimal length of the ModRM/SIB/displacement bytes of a memory operand.
 * Without a base, x86-64 needs SIB + disp32 (ModRM 00/101 is rip-relative);
 * rsp/r12 as base need a SIB; rbp/r13 as base need at least a disp8. */
static int mem_len(int base, int index, int32_t disp)
{
    if (base < 0) {
        return 6;
    }
    int n = 1;
    if (index >= 0 || (base & 7) == RSP) {
        n++;
    }
    if (disp == 0 && (base & 7) != RBP) {
        /* no displacement */
    } else if (disp == (int8_t)disp) {
        n += 1;
    } else {
        n += 4;
    }
    return n;
}

static int rexlen(bool need) { return need ? 1 : 0; }
static bool hi(int r) { return r >= 0 && (r & 8); }
/* A byte register that needs a REX prefix to be named (spl/bpl/sil/dil). */
static bool byte_rex(int r) { return r >= 4 && r < 8; }

/* ------------------------------------------------------------------------ */
/* Input sets */

static const int32_t DISPS[] = { 0, 1, -1, 9, 10, -10, 127, 128, -128, -129, 0x1234,
                                 0x7fffffff, INT32_MIN };
static const int32_t IMMS[] = { 0, 1, -1, 2, 9, 10, 127, 128, -128, -129, 255, 256, 0x7fff, 0x8000,
                                0xffff, 0x12345678, 0x7fffffff, INT32_MIN, -0x12345678 };
/* Bases: none or any GPR.  Indexes: none or any GPR but rsp. */
static const int BASES[] = { -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const int INDEXES[] = { -1, 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
/* A smaller displacement set for the largest cross products. */
static const int32_t DISPS_SMALL[] = { 0, 1, -1, 127, 128, -128, -129, 0x7fffffff, INT32_MIN };

#define FOR(x, arr) for (size_t x##_i_ = 0, x##_once_ = 1; x##_i_ < ARRAY_LEN(arr); x##_i_++, x##_once_ = 1) \
                        for (__typeof__(arr[0]) x = arr[x##_i_]; x##_once_; x##_once_ = 0)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Moves */

START_TEST(test_mov_rr)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                start();
                x86_mov_rr(&cb, w, d, s);
                CHECK(fmt("mov %s, %s", reg(d, bits), reg(s, bits)), 2 + rexlen(w || hi(d) || hi(s)),
                      "x86_mov_rr(w64=%d, %s, %s)", w, NAME64[d], NAME64[s]);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_mov_ri)
{
    static const uint64_t vals[] = {
        0, 1, 9, 10, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x100000000,
        0x1ffffffff, 0x123456789abcdef0, 0x7fffffffffffffff, 0x8000000000000000, ~0ull, ~1ull,
        0xffffffff80000000, 0xffffffff7fffffff, 0xffffffff00000000, 0xfffffffffffffff6, 0xfffffffffffffff7,
    };
    BEGIN();
    for (int w = 0; w < 2; w++) {
        for (int d = 0; d < 16; d++) {
            for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
                uint64_t v = w ? vals[i] : (uint32_t)vals[i];
                const char *want;
                int len;
                if (v == 0) {
                    /* xor r32, r32: shortest, and clears the upper half. */
                    want = fmt("xor %s, %s", NAME32[d], NAME32[d]);
                    len = 2 + rexlen(hi(d));
                } else if (v <= 0xffffffff) {
                    /* mov r32, imm32 zero-extends; capstone prints it unsigned. */
                    want = fmt("mov %s, %s", NAME32[d], unum(v));
                    len = 5 + rexlen(hi(d));
                } else if ((int64_t)v == (int32_t)v) {
                    /* mov r/m64, imm32 sign-extended. */
                    want = fmt("mov %s, %s", NAME64[d], snum((int64_t)v));
                    len = 7;
                } else {
                    want = fmt("movabs %s, 0x%" PRIx64, NAME64[d], v);
                    len = 10;
                }
                start();
                x86_mov_ri(&cb, w, d, vals[i]);
                CHECK(want, len, "x86_mov_ri(w64=%d, %s, 0x%" PRIx64 ")", w, NAME64[d], vals[i]);
            }
        }
    }
    END();
}
END_TEST

/* Loads: opcode, mnemonic, register width, memory width. */
static const struct LdOp {
    int opc;
    const char *mn;
    int rbits, mbits;
} LD_OPS[] = {
    { OPC_MOVL_GvEv, "mov", 32, 32 },
    { OPC_MOVL_GvEv | P_REXW, "mov", 64, 64 },
    { OPC_MOVL_GvEv | P_DATA16, "mov", 16, 16 },
    { OPC_MOVZBL, "movzx", 32, 8 },
    { OPC_MOVZBL | P_REXW, "movzx", 64, 8 },
    { OPC_MOVSBL, "movsx", 32, 8 },
    { OPC_MOVSBL | P_REXW, "movsx", 64, 8 },
    { OPC_MOVZWL, "movzx", 32, 16 },
    { OPC_MOVZWL | P_REXW, "movzx", 64, 16 },
    { OPC_MOVSWL, "movsx", 32, 16 },
    { OPC_MOVSWL | P_REXW, "movsx", 64, 16 },
    { OPC_MOVSLQ, "movsxd", 64, 32 },
    { OPC_MOVBE_GyMy, "movbe", 32, 32 },
    { OPC_MOVBE_GyMy | P_REXW, "movbe", 64, 64 },
    { OPC_MOVBE_GyMy | P_DATA16, "movbe", 16, 16 },
};

/* Stores: the register is the source. */
static const struct LdOp ST_OPS[] = {
    { OPC_MOVL_EvGv, "mov", 32, 32 },
    { OPC_MOVL_EvGv | P_REXW, "mov", 64, 64 },
    { OPC_MOVL_EvGv | P_DATA16, "mov", 16, 16 },
    { OPC_MOVB_EvGv, "mov", 8, 8 },
    { OPC_MOVBE_MyGy, "movbe", 32, 32 },
    { OPC_MOVBE_MyGy | P_REXW, "movbe", 64, 64 },
    { OPC_MOVBE_MyGy | P_DATA16, "movbe", 16, 16 },
};

/* Length of prefixes + escape + opcode for a legacy opcode (P_* flags). */
static int opc_len(int opc, bool rex)
{
    int n = 1 + rexlen(rex);
    n += (opc & P_DATA16) ? 1 : 0;
    n += (opc & (P_SIMDF3 | P_SIMDF2)) ? 1 : 0;
    n += (opc & (P_EXT38 | P_EXT3A)) ? 2 : (opc & P_EXT) ? 1 : 0;
    return n;
}

START_TEST(test_ld)
{
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(LD_OPS); o++) {
        const struct LdOp *op = &LD_OPS[o];
        for (int r = 0; r < 16; r++) {
            FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS) {
                bool rex = (op->opc & P_REXW) || hi(r) || hi(base) || hi(index);
                start();
                x86_ld(&cb, op->opc, r, base, index, disp);
                CHECK(fmt("%s %s, %s", op->mn, reg(r, op->rbits), mem_r(op->rbits, op->mbits, base, index, 0, disp)),
                      opc_len(op->opc, rex) + mem_len(base, index, disp),
                      "x86_ld(opc=%#x, %s, base=%d, index=%d, disp=%d)", op->opc, NAME64[r], base, index, disp);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_st)
{
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(ST_OPS); o++) {
        const struct LdOp *op = &ST_OPS[o];
        for (int r = 0; r < 16; r++) {
            FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS) {
                bool rex = (op->opc & P_REXW) || hi(r) || hi(base) || hi(index) ||
                           (op->rbits == 8 && byte_rex(r));
                start();
                x86_st(&cb, op->opc, r, base, index, disp);
                CHECK(fmt("%s %s, %s", op->mn, mem(op->mbits, base, index, 0, disp), reg(r, op->rbits)),
                      opc_len(op->opc, rex) + mem_len(base, index, disp),
                      "x86_st(opc=%#x, %s, base=%d, index=%d, disp=%d)", op->opc, NAME64[r], base, index, disp);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_st_imm)
{
    BEGIN();
    for (int sz = 0; sz < 4; sz++) {
        int bits = 8 << sz;
        FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS_SMALL) FOR(imm, IMMS) {
            /* The immediate is as wide as the operand, except the 64-bit
             * store whose imm32 is sign-extended. */
            int64_t v = cs_imm(imm, false, bits);
            int immlen = sz == 0 ? 1 : sz == 1 ? 2 : 4;
            bool rex = sz == 3 || hi(base) || hi(index);
            start();
            x86_st_imm(&cb, sz, base, index, disp, imm);
            CHECK(fmt("mov %s, %s", mem(bits, base, index, 0, disp), snum(v)),
                  (sz == 1) + rexlen(rex) + 1 + mem_len(base, index, disp) + immlen,
                  "x86_st_imm(size=%d, base=%d, index=%d, disp=%d, imm=%d)", sz, base, index, disp, imm);
        }
    }
    END();
}
END_TEST

START_TEST(test_lea)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        for (int d = 0; d < 16; d++) {
            FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS) {
                for (int shift = 0; shift < (index >= 0 ? 4 : 1); shift++) {
                    bool rex = w || hi(d) || hi(base) || hi(index);
                    start();
                    x86_lea(&cb, w, d, base, index, shift, disp);
                    CHECK(fmt("lea %s, %s", reg(d, w ? 64 : 32), mem_r(w ? 64 : 32, 0, base, index, shift, disp)),
                          1 + rexlen(rex) + mem_len(base, index, disp),
                          "x86_lea(w64=%d, %s, base=%d, index=%d, shift=%d, disp=%d)", w, NAME64[d], base, index,
                          shift, disp);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_lea_rip)
{
    static const int64_t rel[] = { 0, 1, -1, 9, 10, -10, 127, 128, -128, 0x10000, -0x10000,
                                   0x7fffffff, INT32_MIN };
    BEGIN();
    for (int d = 0; d < 16; d++) {
        for (size_t i = 0; i < ARRAY_LEN(rel); i++) {
            /* The displacement is relative to the end of the 7-byte lea. */
            const void *target = (const void *)((uintptr_t)code + 7 + (uintptr_t)rel[i]);
            const char *want = rel[i] == 0  ? fmt("lea %s, [rip]", NAME64[d])
                               : rel[i] > 0 ? fmt("lea %s, [rip + %s]", NAME64[d], unum((uint64_t)rel[i]))
                                            : fmt("lea %s, [rip - %s]", NAME64[d], unum(-(uint64_t)rel[i]));
            start();
            x86_lea_rip(&cb, d, target);
            CHECK(want, 7, "x86_lea_rip(%s, code+7%+" PRId64 ")", NAME64[d], rel[i]);
        }
    }
    END();
}
END_TEST

START_TEST(test_movzx)
{
    static const struct LdOp ops[] = {
        { OPC_MOVZBL, "movzx", 32, 8 },       { OPC_MOVZBL | P_REXW, "movzx", 64, 8 },
        { OPC_MOVSBL, "movsx", 32, 8 },       { OPC_MOVSBL | P_REXW, "movsx", 64, 8 },
        { OPC_MOVZWL, "movzx", 32, 16 },      { OPC_MOVZWL | P_REXW, "movzx", 64, 16 },
        { OPC_MOVSWL, "movsx", 32, 16 },      { OPC_MOVSWL | P_REXW, "movsx", 64, 16 },
        { OPC_MOVSLQ, "movsxd", 64, 32 },
    };
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(ops); o++) {
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                /* A byte source 4..7 must be spl/bpl/sil/dil, not ah/ch/dh/bh. */
                bool rex = (ops[o].opc & P_REXW) || hi(d) || hi(s) || (ops[o].mbits == 8 && byte_rex(s));
                start();
                x86_movzx(&cb, ops[o].opc, d, s);
                CHECK(fmt("%s %s, %s", ops[o].mn, reg(d, ops[o].rbits), reg(s, ops[o].mbits)),
                      opc_len(ops[o].opc, rex) + 1, "x86_movzx(opc=%#x, %s, %s)", ops[o].opc, NAME64[d], NAME64[s]);
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* ALU */

START_TEST(test_alu_rr)
{
    BEGIN();
    for (int op = 0; op < 8; op++) {
        for (int w = 0; w < 2; w++) {
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    int bits = w ? 64 : 32;
                    start();
                    x86_alu_rr(&cb, op, w, d, s);
                    CHECK(fmt("%s %s, %s", ALU[op], reg(d, bits), reg(s, bits)), 2 + rexlen(w || hi(d) || hi(s)),
                          "x86_alu_rr(%s, w64=%d, %s, %s)", ALU[op], w, NAME64[d], NAME64[s]);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_alu_ri)
{
    BEGIN();
    for (int op = 0; op < 8; op++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int d = 0; d < 16; d++) {
                FOR(imm, IMMS) {
                    bool i8 = imm == (int8_t)imm;   /* 0x83 /op ib when it fits */
                    start();
                    x86_alu_ri(&cb, op, w, d, imm);
                    CHECK(fmt("%s %s, %s", ALU[op], reg(d, bits), imm_text(cs_imm(imm, i8, bits), is_logical(op), bits)),
                          rexlen(w || hi(d)) + 2 + (i8 ? 1 : 4), "x86_alu_ri(%s, w64=%d, %s, %d)", ALU[op], w, NAME64[d],
                          imm);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_alu_rm)
{
    BEGIN();
    for (int op = 0; op < 8; op++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int d = 0; d < 16; d++) {
                FOR(base, BASES) FOR(disp, DISPS) {
                    start();
                    x86_alu_rm(&cb, op, w, d, base, disp);
                    CHECK(fmt("%s %s, %s", ALU[op], reg(d, bits), mem_r(bits, bits, base, -1, 0, disp)),
                          rexlen(w || hi(d) || hi(base)) + 1 + mem_len(base, -1, disp),
                          "x86_alu_rm(%s, w64=%d, %s, base=%d, disp=%d)", ALU[op], w, NAME64[d], base, disp);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_alu_mi)
{
    BEGIN();
    for (int op = 0; op < 8; op++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            FOR(base, BASES) FOR(disp, DISPS) FOR(imm, IMMS) {
                bool i8 = imm == (int8_t)imm;
                start();
                x86_alu_mi(&cb, op, w, base, disp, imm);
                CHECK(fmt("%s %s, %s", ALU[op], mem(bits, base, -1, 0, disp),
                          imm_text(cs_imm(imm, i8, bits), is_logical(op), bits)),
                      rexlen(w || hi(base)) + 1 + mem_len(base, -1, disp) + (i8 ? 1 : 4),
                      "x86_alu_mi(%s, w64=%d, base=%d, disp=%d, imm=%d)", ALU[op], w, base, disp, imm);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_test_rr)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int a = 0; a < 16; a++) {
            for (int c = 0; c < 16; c++) {
                start();
                x86_test_rr(&cb, w, a, c);
                CHECK(fmt("test %s, %s", reg(a, bits), reg(c, bits)), 2 + rexlen(w || hi(a) || hi(c)),
                      "x86_test_rr(w64=%d, %s, %s)", w, NAME64[a], NAME64[c]);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_test_ri)
{
    static const uint32_t imms[] = { 0, 1, 9, 10, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
                                     0x12345678 };
    BEGIN();
    for (int w = 0; w < 2; w++) {
        for (int a = 0; a < 16; a++) {
            for (size_t i = 0; i < ARRAY_LEN(imms); i++) {
                uint32_t imm = imms[i];
                const char *want;
                int len;
                if (imm <= 0xff && !w && a < 4) {
                    /* The encoder's short form "test al/cl/dl/bl, imm8":
                     * the same ZF/PF (all that callers read), not the
                     * same SF. */
                    want = fmt("test %s, %s", NAME8[a], unum(imm));
                    len = 3;
                } else {
                    /* 64-bit: the imm32 is sign-extended by the CPU. */
                    want = fmt("test %s, %s", reg(a, w ? 64 : 32),
                               w ? snum((int32_t)imm) : unum(imm));
                    len = rexlen(w || hi(a)) + 2 + 4;
                }
                start();
                x86_test_ri(&cb, w, a, imm);
                CHECK(want, len, "x86_test_ri(w64=%d, %s, %#x)", w, NAME64[a], imm);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_grp3)
{
    static const struct { int ext; const char *mn; } ops[] = {
        { EXT3_NOT, "not" }, { EXT3_NEG, "neg" }, { EXT3_MUL, "mul" },
        { EXT3_IMUL, "imul" }, { EXT3_DIV, "div" }, { EXT3_IDIV, "idiv" },
    };
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(ops); o++) {
        for (int w = 0; w < 2; w++) {
            for (int r = 0; r < 16; r++) {
                start();
                x86_grp3(&cb, ops[o].ext, w, r);
                CHECK(fmt("%s %s", ops[o].mn, reg(r, w ? 64 : 32)), 2 + rexlen(w || hi(r)),
                      "x86_grp3(%s, w64=%d, %s)", ops[o].mn, w, NAME64[r]);
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Shifts and BMI */

static const int SHIFTS[] = { SH_ROL, SH_ROR, SH_SHL, SH_SHR, SH_SAR };

START_TEST(test_shift_ri)
{
    BEGIN();
    FOR(op, SHIFTS) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int r = 0; r < 16; r++) {
                for (int count = 0; count < bits; count++) {
                    /* count 1 uses the short D1 form. */
                    start();
                    x86_shift_ri(&cb, op, w, r, count);
                    CHECK(fmt("%s %s, %s", shift_name(op), reg(r, bits), unum((unsigned)count)),
                          rexlen(w || hi(r)) + 2 + (count == 1 ? 0 : 1), "x86_shift_ri(%s, w64=%d, %s, %d)",
                          shift_name(op), w, NAME64[r], count);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_shift_cl)
{
    BEGIN();
    FOR(op, SHIFTS) {
        for (int w = 0; w < 2; w++) {
            for (int r = 0; r < 16; r++) {
                start();
                x86_shift_cl(&cb, op, w, r);
                CHECK(fmt("%s %s, cl", shift_name(op), reg(r, w ? 64 : 32)), rexlen(w || hi(r)) + 2,
                      "x86_shift_cl(%s, w64=%d, %s)", shift_name(op), w, NAME64[r]);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_rol16_8)
{
    BEGIN();
    for (int r = 0; r < 16; r++) {
        start();
        x86_rol16_8(&cb, r);
        CHECK(fmt("rol %s, 8", NAME16[r]), 4 + rexlen(hi(r)), "x86_rol16_8(%s)", NAME64[r]);
    }
    END();
}
END_TEST

START_TEST(test_shiftx)
{
    static const struct { int opc; const char *mn; } ops[] = {
        { OPC_SHLX, "shlx" }, { OPC_SHRX, "shrx" }, { OPC_SARX, "sarx" },
    };
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(ops); o++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    for (int c = 0; c < 16; c++) {
                        /* 3-byte VEX (map 0F38) + opcode + ModRM. */
                        start();
                        x86_shiftx(&cb, ops[o].opc, w, d, s, c);
                        CHECK(fmt("%s %s, %s, %s", ops[o].mn, reg(d, bits), reg(s, bits), reg(c, bits)), 5,
                              "x86_shiftx(%s, w64=%d, %s, %s, %s)", ops[o].mn, w, NAME64[d], NAME64[s], NAME64[c]);
                    }
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_rorx)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                for (int count = 0; count < bits; count++) {
                    start();
                    x86_rorx(&cb, w, d, s, count);
                    CHECK(fmt("rorx %s, %s, %s", reg(d, bits), reg(s, bits), unum((unsigned)count)), 6,
                          "x86_rorx(w64=%d, %s, %s, %d)", w, NAME64[d], NAME64[s], count);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_andn)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int d = 0; d < 16; d++) {
            for (int n = 0; n < 16; n++) {
                for (int s = 0; s < 16; s++) {
                    start();
                    x86_andn(&cb, w, d, n, s);
                    CHECK(fmt("andn %s, %s, %s", reg(d, bits), reg(n, bits), reg(s, bits)), 5,
                          "x86_andn(w64=%d, %s, %s, %s)", w, NAME64[d], NAME64[n], NAME64[s]);
                }
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Multiply, byte swaps, bit ops */

START_TEST(test_imul)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                bool rex = w || hi(d) || hi(s);
                start();
                x86_imul_rr(&cb, w, d, s);
                CHECK(fmt("imul %s, %s", reg(d, bits), reg(s, bits)), rexlen(rex) + 3, "x86_imul_rr(w64=%d, %s, %s)",
                      w, NAME64[d], NAME64[s]);
                FOR(imm, IMMS) {
                    bool i8 = imm == (int8_t)imm;
                    start();
                    x86_imul_rri(&cb, w, d, s, imm);
                    CHECK(fmt("imul %s, %s, %s", reg(d, bits), reg(s, bits), snum(cs_imm(imm, i8, bits))),
                          rexlen(rex) + 2 + (i8 ? 1 : 4), "x86_imul_rri(w64=%d, %s, %s, %d)", w, NAME64[d], NAME64[s], imm);
                }
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_cdq)
{
    BEGIN();
    start();
    x86_cdq(&cb, false);
    CHECK("cdq", 1, "x86_cdq(w64=0)");
    start();
    x86_cdq(&cb, true);
    CHECK("cqo", 2, "x86_cdq(w64=1)");
    END();
}
END_TEST

START_TEST(test_bswap)
{
    BEGIN();
    for (int w = 0; w < 2; w++) {
        for (int r = 0; r < 16; r++) {
            start();
            x86_bswap(&cb, w, r);
            CHECK(fmt("bswap %s", reg(r, w ? 64 : 32)), 2 + rexlen(w || hi(r)), "x86_bswap(w64=%d, %s)", w, NAME64[r]);
        }
    }
    END();
}
END_TEST

START_TEST(test_bitop)
{
    static const struct { int opc; const char *mn; } ops[] = {
        { OPC_LZCNT, "lzcnt" }, { OPC_TZCNT, "tzcnt" }, { OPC_POPCNT, "popcnt" },
        { OPC_BSR, "bsr" }, { OPC_BSF, "bsf" },
    };
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(ops); o++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    /* The REX prefix must follow F3 to count. */
                    start();
                    x86_bitop_rr(&cb, ops[o].opc, w, d, s);
                    CHECK(fmt("%s %s, %s", ops[o].mn, reg(d, bits), reg(s, bits)),
                          opc_len(ops[o].opc, w || hi(d) || hi(s)) + 1, "x86_bitop_rr(%s, w64=%d, %s, %s)",
                          ops[o].mn, w, NAME64[d], NAME64[s]);
                }
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Flags consumers */

START_TEST(test_setcc)
{
    BEGIN();
    for (int cc = 0; cc < 16; cc++) {
        for (int r = 0; r < 16; r++) {
            start();
            x86_setcc(&cb, cc, r);
            CHECK(fmt("set%s %s", CC[cc], NAME8[r]), 3 + rexlen(hi(r) || byte_rex(r)), "x86_setcc(%s, %s)", CC[cc],
                  NAME64[r]);
        }
    }
    END();
}
END_TEST

START_TEST(test_cmov)
{
    BEGIN();
    for (int cc = 0; cc < 16; cc++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    start();
                    x86_cmov(&cb, cc, w, d, s);
                    CHECK(fmt("cmov%s %s, %s", CC[cc], reg(d, bits), reg(s, bits)), 3 + rexlen(w || hi(d) || hi(s)),
                          "x86_cmov(%s, w64=%d, %s, %s)", CC[cc], w, NAME64[d], NAME64[s]);
                }
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Control transfer */

static const int64_t RELS[] = { 0, 1, -1, 2, -2, 127, 128, -128, -129, 0x10000, -0x10000, 0x7fffffff, INT32_MIN };

static const void *at(int64_t off) { return (const void *)((uintptr_t)code + (uintptr_t)off); }

START_TEST(test_jmp32)
{
    BEGIN();
    for (size_t i = 0; i < ARRAY_LEN(RELS); i++) {
        int64_t rel = RELS[i];
        start();
        size_t off = x86_jmp32(&cb, at(5 + rel));
        CHECK(fmt("jmp 0x%" PRIx64, (uint64_t)(uintptr_t)at(5 + rel)), 5, "x86_jmp32(code+5%+" PRId64 ")", rel);
        int32_t field;
        memcpy(&field, code + off, 4);
        ck_assert_uint_eq(off, 1);
        ck_assert_int_eq(field, rel);
    }
    /* A NULL target leaves a zero displacement to be patched. */
    start();
    size_t off = x86_jmp32(&cb, NULL);
    CHECK(fmt("jmp 0x%" PRIx64, (uint64_t)(uintptr_t)at(5)), 5, "x86_jmp32(NULL)");
    ck_assert_uint_eq(off, 1);
    /* Patch it to a few targets. */
    for (size_t i = 0; i < ARRAY_LEN(RELS); i++) {
        x86_patch_rel32(code + off, at(5 + RELS[i]));
        CHECK(fmt("jmp 0x%" PRIx64, (uint64_t)(uintptr_t)at(5 + RELS[i])), 5,
              "x86_patch_rel32(jmp, code+5%+" PRId64 ")", RELS[i]);
    }
    END();
}
END_TEST

START_TEST(test_jcc32)
{
    BEGIN();
    for (int cc = 0; cc < 16; cc++) {
        for (size_t i = 0; i < ARRAY_LEN(RELS); i++) {
            int64_t rel = RELS[i];
            start();
            size_t off = x86_jcc32(&cb, cc, at(6 + rel));
            CHECK(fmt("j%s 0x%" PRIx64, CC[cc], (uint64_t)(uintptr_t)at(6 + rel)), 6,
                  "x86_jcc32(%s, code+6%+" PRId64 ")", CC[cc], rel);
            int32_t field;
            memcpy(&field, code + off, 4);
            ck_assert_uint_eq(off, 2);
            ck_assert_int_eq(field, rel);
            /* And patch it back to a different target. */
            x86_patch_rel32(code + off, at(6 - rel / 2));
            CHECK(fmt("j%s 0x%" PRIx64, CC[cc], (uint64_t)(uintptr_t)at(6 - rel / 2)), 6,
                  "x86_patch_rel32(j%s, code+6%+" PRId64 ")", CC[cc], -rel / 2);
        }
        start();
        size_t off = x86_jcc32(&cb, cc, NULL);
        CHECK(fmt("j%s 0x%" PRIx64, CC[cc], (uint64_t)(uintptr_t)at(6)), 6, "x86_jcc32(%s, NULL)", CC[cc]);
        ck_assert_uint_eq(off, 2);
    }
    END();
}
END_TEST

START_TEST(test_jmp8)
{
    BEGIN();
    for (int rel = -128; rel <= 127; rel++) {
        start();
        x86_jmp8(&cb, (int8_t)rel);
        CHECK(fmt("jmp 0x%" PRIx64, (uint64_t)(uintptr_t)at(2 + rel)), 2, "x86_jmp8(%d)", rel);
        for (int cc = 0; cc < 16; cc++) {
            start();
            x86_jcc8(&cb, cc, (int8_t)rel);
            CHECK(fmt("j%s 0x%" PRIx64, CC[cc], (uint64_t)(uintptr_t)at(2 + rel)), 2, "x86_jcc8(%s, %d)", CC[cc], rel);
        }
    }
    END();
}
END_TEST

START_TEST(test_rel32_ok)
{
    const void *from = at(100);
    ck_assert(x86_rel32_ok(from, from));
    ck_assert(x86_rel32_ok(from, at(100 + 0x7fffffffll)));
    ck_assert(!x86_rel32_ok(from, at(100 + 0x80000000ll)));
    ck_assert(x86_rel32_ok(from, at(100 - 0x80000000ll)));
    ck_assert(!x86_rel32_ok(from, at(100 - 0x80000001ll)));
}
END_TEST

START_TEST(test_call)
{
    /* Offsets from the end of a 5-byte call; the last ones are out of
     * rel32 range and must go through r11. */
    static const int64_t rels[] = { 0, 1, -1, 0x1000, -0x1000, 0x7fffffff, INT32_MIN,
                                    0x80000000ll, -0x80000001ll, 0x100000000ll, -0x123456789ll };
    /* Absolute targets: usually far from the code (PIE), but the expected
     * form is computed from the actual distance. */
    /* (Kept within the canonical ranges: x86_rel32_ok subtracts pointers as
     * intptr_t, which overflows for targets 2^63 away from the code.) */
    static const uint64_t abs_targets[] = { 0x1000, 0xfffff000, 0x123456789abc, 0xffffffff80001000,
                                            0xffff800000001000 };
    uint64_t targets[ARRAY_LEN(rels) + ARRAY_LEN(abs_targets)];
    size_t nt = 0;
    for (size_t i = 0; i < ARRAY_LEN(rels); i++) {
        targets[nt++] = (uint64_t)(uintptr_t)at(5 + rels[i]);
    }
    for (size_t i = 0; i < ARRAY_LEN(abs_targets); i++) {
        targets[nt++] = abs_targets[i];
    }
    BEGIN();
    int nfar = 0;
    for (size_t i = 0; i < nt; i++) {
        uint64_t t = targets[i];
        int64_t d = (int64_t)(t - (uint64_t)(uintptr_t)at(5));
        const char *want;
        int len;
        if (d == (int32_t)d) {
            want = fmt("call 0x%" PRIx64, t);
            len = 5;
        } else {
            nfar++;
            if (t <= 0xffffffff) {
                want = fmt("mov r11d, %s; call r11", unum(t));
                len = 6 + 3;
            } else if ((int64_t)t == (int32_t)t) {
                want = fmt("mov r11, %s; call r11", snum((int64_t)t));
                len = 7 + 3;
            } else {
                want = fmt("movabs r11, 0x%" PRIx64 "; call r11", t);
                len = 10 + 3;
            }
        }
        start();
        x86_call(&cb, (const void *)(uintptr_t)t);
        CHECK(want, len, "x86_call(0x%" PRIx64 ")", t);
    }
    END();
    ck_assert_int_ge(nfar, 4);
}
END_TEST

START_TEST(test_jmp_r_m)
{
    BEGIN();
    for (int r = 0; r < 16; r++) {
        start();
        x86_jmp_r(&cb, r);
        CHECK(fmt("jmp %s", NAME64[r]), 2 + rexlen(hi(r)), "x86_jmp_r(%s)", NAME64[r]);
    }
    FOR(base, BASES) FOR(disp, DISPS) {
        start();
        x86_jmp_m(&cb, base, disp);
        CHECK(fmt("jmp %s", mem(64, base, -1, 0, disp)), rexlen(hi(base)) + 1 + mem_len(base, -1, disp),
              "x86_jmp_m(base=%d, disp=%d)", base, disp);
    }
    END();
}
END_TEST

START_TEST(test_push_pop_ret)
{
    BEGIN();
    for (int r = 0; r < 16; r++) {
        start();
        x86_push(&cb, r);
        CHECK(fmt("push %s", NAME64[r]), 1 + rexlen(hi(r)), "x86_push(%s)", NAME64[r]);
        start();
        x86_pop(&cb, r);
        CHECK(fmt("pop %s", NAME64[r]), 1 + rexlen(hi(r)), "x86_pop(%s)", NAME64[r]);
    }
    start();
    x86_ret(&cb);
    CHECK("ret", 1, "x86_ret");
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Miscellaneous */

START_TEST(test_nops)
{
    BEGIN();
    for (int n = 1; n <= 20; n++) {
        start();
        x86_nops(&cb, n);
        ck_assert_int_eq((int)cb_offset(&cb), n);
        cs_insn *insn = NULL;
        size_t cnt = cs_disasm(cs, code, (size_t)n, (uint64_t)(uintptr_t)code, 0, &insn);
        size_t used = 0;
        bool all_nop = true;
        for (size_t i = 0; i < cnt; i++) {
            used += insn[i].size;
            all_nop &= strcmp(insn[i].mnemonic, "nop") == 0;
        }
        if (cnt) {
            cs_free(insn, cnt);
        }
        /* Nothing past the padding may be touched. */
        bool clean = code[n] == 0xcc;
        /* Multi-byte NOPs of up to 8 bytes: the fewest instructions. */
        if (!all_nop || used != (size_t)n || cnt != (size_t)(n + 7) / 8 || !clean) {
            check_code("nop...", n);
            report("nop...", n, "x86_nops(%d): %zu insns, %zu bytes decoded, all nop %d, clean %d", n, cnt, used,
                   all_nop, clean);
        }
    }
    END();
}
END_TEST

START_TEST(test_misc)
{
    BEGIN();
    start();
    x86_mfence(&cb);
    CHECK("mfence", 3, "x86_mfence");
    start();
    x86_ud2(&cb);
    CHECK("ud2", 2, "x86_ud2");
    END();
}
END_TEST

START_TEST(test_lock_cmpxchg)
{
    BEGIN();
    for (int sz = 0; sz < 4; sz++) {
        int bits = 8 << sz;
        for (int r = 0; r < 16; r++) {
            FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS_SMALL) {
                bool rex = sz == 3 || hi(r) || hi(base) || hi(index) || (sz == 0 && byte_rex(r));
                start();
                x86_lock_cmpxchg(&cb, sz, r, base, index, disp);
                CHECK(fmt("lock cmpxchg %s, %s", mem(bits, base, index, 0, disp), reg(r, bits)),
                      1 + (sz == 1) + rexlen(rex) + 2 + mem_len(base, index, disp),
                      "x86_lock_cmpxchg(size=%d, %s, base=%d, index=%d, disp=%d)", sz, NAME64[r], base, index, disp);
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The generic ModRM/VEX routines, with opcodes no high-level encoder uses */

START_TEST(test_modrm_generic)
{
    BEGIN();
    /* Ev,Gv direction (0x01 + 8*op): rm is the destination. */
    for (int op = 0; op < 8; op++) {
        for (int w = 0; w < 2; w++) {
            int bits = w ? 64 : 32;
            for (int r = 0; r < 16; r++) {
                for (int rm = 0; rm < 16; rm++) {
                    start();
                    x86_modrm(&cb, (OPC_ARITH_EvGv + (op << 3)) | (w ? P_REXW : 0), r, rm);
                    CHECK(fmt("%s %s, %s", ALU[op], reg(rm, bits), reg(r, bits)), 2 + rexlen(w || hi(r) || hi(rm)),
                          "x86_modrm(%s EvGv, w64=%d, r=%d, rm=%d)", ALU[op], w, r, rm);
                }
            }
        }
    }
    /* Byte registers in both fields: mov r/m8, r8. */
    for (int r = 0; r < 16; r++) {
        for (int rm = 0; rm < 16; rm++) {
            start();
            x86_modrm(&cb, OPC_MOVB_EvGv | P_REXB_RM, r, rm);
            CHECK(fmt("mov %s, %s", NAME8[rm], NAME8[r]), 2 + rexlen(hi(r) || hi(rm) || byte_rex(r) || byte_rex(rm)),
                  "x86_modrm(MOVB_EvGv|P_REXB_RM, r=%d, rm=%d)", r, rm);
        }
    }
    /* F2 prefix + REX + 0F 38 escape: crc32 r32/r64, r/m32/64. */
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int r = 0; r < 16; r++) {
            for (int rm = 0; rm < 16; rm++) {
                int opc = 0xf1 | P_EXT38 | P_SIMDF2 | (w ? P_REXW : 0);
                start();
                x86_modrm(&cb, opc, r, rm);
                CHECK(fmt("crc32 %s, %s", reg(r, bits), reg(rm, bits)), opc_len(opc, w || hi(r) || hi(rm)) + 1,
                      "x86_modrm(crc32, w64=%d, r=%d, rm=%d)", w, r, rm);
            }
        }
    }
    /* x86_modrm_mem with all scales. */
    for (int r = 0; r < 16; r++) {
        FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS_SMALL) {
            for (int shift = 0; shift < 4; shift++) {
                start();
                x86_modrm_mem(&cb, OPC_MOVL_GvEv | P_REXW, r, base, index, shift, disp);
                CHECK(fmt("mov %s, %s", NAME64[r], mem(64, base, index, index >= 0 ? shift : 0, disp)),
                      2 + mem_len(base, index, disp), "x86_modrm_mem(mov, r=%d, base=%d, index=%d, shift=%d, disp=%d)",
                      r, base, index, shift, disp);
            }
        }
    }
    END();
}
END_TEST

START_TEST(test_vex_generic)
{
    /* VEX.0F 58 /r: vaddps/vaddpd/vaddss/vaddsd by pp, ymm with VEX.L.  Map
     * 0F allows the 2-byte VEX when W=0 and the rm/index need no B/X bit. */
    static const struct { int opc; const char *mn; const char *rn; int mbits; } ops[] = {
        { 0x58 | P_EXT, "vaddps", "xmm", 128 },
        { 0x58 | P_EXT | P_DATA16, "vaddpd", "xmm", 128 },
        { 0x58 | P_EXT | P_SIMDF3, "vaddss", "xmm", 32 },
        { 0x58 | P_EXT | P_SIMDF2, "vaddsd", "xmm", 64 },
        { 0x58 | P_EXT | P_VEXL, "vaddps", "ymm", 256 },
    };
    BEGIN();
    for (size_t o = 0; o < ARRAY_LEN(ops); o++) {
        for (int r = 0; r < 16; r++) {
            for (int v = 0; v < 16; v++) {
                for (int rm = 0; rm < 16; rm++) {
                    start();
                    x86_vex_modrm(&cb, ops[o].opc, XMM0 + r, XMM0 + v, XMM0 + rm);
                    CHECK(fmt("%s %s%d, %s%d, %s%d", ops[o].mn, ops[o].rn, r, ops[o].rn, v, ops[o].rn, rm),
                          (hi(rm) ? 3 : 2) + 2, "x86_vex_modrm(%s, %d, %d, %d)", ops[o].mn, r, v, rm);
                }
            }
        }
        for (int r = 0; r < 16; r += 5) {
            FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS_SMALL) {
                for (int shift = 0; shift < (index >= 0 ? 4 : 1); shift++) {
                    start();
                    x86_vex_modrm_mem(&cb, ops[o].opc, XMM0 + r, XMM0 + 3, base, index, shift, disp);
                    CHECK(fmt("%s %s%d, %s3, %s", ops[o].mn, ops[o].rn, r, ops[o].rn,
                              mem(ops[o].mbits, base, index, shift, disp)),
                          (hi(base) || hi(index) ? 3 : 2) + 1 + mem_len(base, index, disp),
                          "x86_vex_modrm_mem(%s, %d, 3, base=%d, index=%d, shift=%d, disp=%d)", ops[o].mn, r, base,
                          index, shift, disp);
                }
            }
        }
    }
    /* GPR BMI forms with a memory operand (map 0F38: always 3-byte VEX). */
    for (int w = 0; w < 2; w++) {
        int bits = w ? 64 : 32;
        for (int r = 0; r < 16; r += 3) {
            for (int v = 0; v < 16; v += 5) {
                FOR(base, BASES) FOR(index, INDEXES) FOR(disp, DISPS_SMALL) {
                    start();
                    x86_vex_modrm_mem(&cb, OPC_ANDN | (w ? P_REXW : 0), r, v, base, index, 0, disp);
                    CHECK(fmt("andn %s, %s, %s", reg(r, bits), reg(v, bits), mem_r(bits, bits, base, index, 0, disp)),
                          3 + 1 + mem_len(base, index, disp),
                          "x86_vex_modrm_mem(andn, w64=%d, %d, %d, base=%d, index=%d, disp=%d)", w, r, v, base, index,
                          disp);
                    start();
                    x86_vex_modrm_mem(&cb, OPC_SARX | (w ? P_REXW : 0), r, v, base, index, 0, disp);
                    CHECK(fmt("sarx %s, %s, %s", reg(r, bits), mem_r(bits, bits, base, index, 0, disp), reg(v, bits)),
                          3 + 1 + mem_len(base, index, disp),
                          "x86_vex_modrm_mem(sarx, w64=%d, %d, %d, base=%d, index=%d, disp=%d)", w, r, v, base, index,
                          disp);
                }
            }
        }
    }
    END();
}
END_TEST

/* ------------------------------------------------------------------------ */

static TCase *tcase(Suite *s, const char *name)
{
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return tc;
}

static Suite *emit_suite(void)
{
    Suite *s = suite_create("x86_64 emit");
    TCase *tc;

    tc = tcase(s, "mov");
    tcase_add_test(tc, test_mov_rr);
    tcase_add_test(tc, test_mov_ri);
    tc = tcase(s, "load/store");
    tcase_add_test(tc, test_ld);
    tcase_add_test(tc, test_st);
    tcase_add_test(tc, test_st_imm);
    tc = tcase(s, "lea");
    tcase_add_test(tc, test_lea);
    tcase_add_test(tc, test_lea_rip);
    tc = tcase(s, "extend");
    tcase_add_test(tc, test_movzx);
    tc = tcase(s, "alu");
    tcase_add_test(tc, test_alu_rr);
    tcase_add_test(tc, test_alu_ri);
    tcase_add_test(tc, test_alu_rm);
    tcase_add_test(tc, test_alu_mi);
    tcase_add_test(tc, test_test_rr);
    tcase_add_test(tc, test_test_ri);
    tc = tcase(s, "grp3");
    tcase_add_test(tc, test_grp3);
    tc = tcase(s, "shift");
    tcase_add_test(tc, test_shift_ri);
    tcase_add_test(tc, test_shift_cl);
    tcase_add_test(tc, test_rol16_8);
    tc = tcase(s, "bmi");
    tcase_add_test(tc, test_shiftx);
    tcase_add_test(tc, test_rorx);
    tcase_add_test(tc, test_andn);
    tc = tcase(s, "mul");
    tcase_add_test(tc, test_imul);
    tcase_add_test(tc, test_cdq);
    tc = tcase(s, "bitops");
    tcase_add_test(tc, test_bswap);
    tcase_add_test(tc, test_bitop);
    tc = tcase(s, "flags");
    tcase_add_test(tc, test_setcc);
    tcase_add_test(tc, test_cmov);
    tc = tcase(s, "branch");
    tcase_add_test(tc, test_jmp32);
    tcase_add_test(tc, test_jcc32);
    tcase_add_test(tc, test_jmp8);
    tcase_add_test(tc, test_rel32_ok);
    tcase_add_test(tc, test_call);
    tcase_add_test(tc, test_jmp_r_m);
    tc = tcase(s, "stack");
    tcase_add_test(tc, test_push_pop_ret);
    tc = tcase(s, "misc");
    tcase_add_test(tc, test_nops);
    tcase_add_test(tc, test_misc);
    tc = tcase(s, "atomic");
    tcase_add_test(tc, test_lock_cmpxchg);
    tc = tcase(s, "generic");
    tcase_add_test(tc, test_modrm_generic);
    tcase_add_test(tc, test_vex_generic);
    return s;
}

int main(void)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fprintf(stderr, "test-emit: cs_open failed\n");
        return EXIT_FAILURE;
    }
    SRunner *sr = srunner_create(emit_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    cs_close(&cs);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
