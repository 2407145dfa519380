/*
 * Host side of the ARM differential tester (RISU-style): the case
 * generator and the result comparator.  Linked with the translator's
 * objects, it walks the very pattern tables the decoder uses.
 *
 *   difftool list [-v]                         the classes and their patterns
 *   difftool gen [-s SEED] [-n PER_CLASS] [-c CLASS]... [-v] > cases
 *   difftool compare CASES MIMIC_OUT QEMU_OUT [-r MAX_REPORTS] [-S SUMMARY] [-P]
 *   difftool decode A|T WORD...                pattern names and capstone text
 *
 * See tests/diff/README.md for the design; the rules that keep an encoding
 * out of the generated cases are the table `rules` below, each with the
 * reason it is excluded.
 */
#include "tests/diff/difftool.h"

#include <capstone/capstone.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/diff/layout.h"

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64, one stream per class so that a new class
 * does not change the cases of the others. */

typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rnd64(Rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static uint32_t rnd32(Rng *r) { return (uint32_t)(rnd64(r) >> 32); }
static uint32_t rndn(Rng *r, uint32_t n) { return n ? (uint32_t)((rnd64(r) >> 32) % n) : 0; }
static bool chance(Rng *r, unsigned percent) { return rndn(r, 100) < percent; }

static uint64_t hash_str(uint64_t h, const char *s)
{
    while (*s) {
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Classes: one per pattern set (ISA x family). */

typedef struct Class {
    char name[64];              /* "a32-dp" */
    const char *family;         /* "dp" */
    DecodeTable *table;
    bool thumb, t16;
    bool skip;                  /* control flow: never generated */
    int npats;
    const DecodePattern **pats; /* into the joined decode table */
    bool *usable;
    bool has_mem;               /* some usable pattern accesses memory */
} Class;

static Class *classes;
static int nclasses;

/* ------------------------------------------------------------------ */
/* Fields. */

#define SENT 0xdeadbeefu
static inline int LI(char c) { return decode_letter_index(c); }
static inline bool has(const DecodeFields *f, char c) { return f->v[LI(c)] != SENT; }
static inline uint32_t fv(const DecodeFields *f, char c) { return f->v[LI(c)]; }

/* The fields of insn under p exactly as the decoder computes them (prep
 * applied); letters the pattern does not use (nor prep sets) hold SENT. */
static void fields_of(const DecodePattern *p, uint32_t insn, DecodeFields *f)
{
    for (int i = 0; i < 52; i++) {
        f->v[i] = SENT;
    }
    for (int i = 0; i < 52; i++) {
        if (p->letters >> i & 1) {
            f->v[i] = 0;
        }
    }
    for (int i = 0; i < p->nseg; i++) {
        const DecodeSeg *s = &p->seg[i];
        f->v[s->letter] = (f->v[s->letter] << s->len) | ((insn >> s->pos) & ((1u << s->len) - 1));
    }
    if (p->prep) {
        p->prep(f);
    }
}

/* insn with field letter c (as encoded, before prep) set to val. */
static uint32_t set_field(const DecodePattern *p, uint32_t insn, char c, uint32_t val)
{
    int li = LI(c);
    for (int i = p->nseg - 1; i >= 0; i--) {
        const DecodeSeg *s = &p->seg[i];
        if (s->letter != li) {
            continue;
        }
        uint32_t m = ((1u << s->len) - 1) << s->pos;
        insn = (insn & ~m) | ((val << s->pos) & m);
        val >>= s->len;
    }
    return insn;
}

static bool starts(const char *s, const char *pfx) { return strncmp(s, pfx, strlen(pfx)) == 0; }

/* VFP/Advanced SIMD patterns: d, n, m name SIMD&FP registers. */
static bool is_simd(const DecodePattern *p) { return p->name[0] == 'V'; }

/* ------------------------------------------------------------------ */
/* Memory accesses: what the generator needs to point an instruction at
 * the memory block. */

enum MemKind { MK_NONE, MK_SINGLE, MK_DUAL, MK_MULTI, MK_EXCL, MK_VSINGLE, MK_VMULTI, MK_VOTHER };

static enum MemKind mem_kind(const char *name, int *size)
{
    *size = 4;
    if (starts(name, "VLDM") || starts(name, "VSTM")) {
        return MK_VMULTI;
    }
    if (starts(name, "VLDR") || starts(name, "VSTR")) {
        return MK_VSINGLE;
    }
    if (starts(name, "VLD") || starts(name, "VST")) {
        return MK_VOTHER;
    }
    if (starts(name, "LDM") || starts(name, "STM")) {
        return MK_MULTI;
    }
    if (starts(name, "LDRD") || starts(name, "STRD")) {
        *size = 8;
        return MK_DUAL;
    }
    const char *ex = strstr(name, "EX");
    if (ex || starts(name, "LDA") || starts(name, "STL")) {
        const char *sfx = ex ? ex + 2 : name + 3;
        *size = *sfx == 'B' ? 1 : *sfx == 'H' ? 2 : *sfx == 'D' ? 8 : 4;
        return MK_EXCL;
    }
    if (starts(name, "LDR") || starts(name, "STR")) {
        const char *sfx = name + 3;
        if (*sfx == 'S') {
            sfx++;
        }
        *size = *sfx == 'B' ? 1 : *sfx == 'H' ? 2 : 4;
        return MK_SINGLE;
    }
    return MK_NONE;
}

static bool is_load(const char *name) { return starts(name, "LD") || starts(name, "VLD"); }
static bool is_store(const char *name) { return starts(name, "ST") || starts(name, "VST"); }

/* Writes back its base register. */
static bool wback(const DecodePattern *p, const DecodeFields *f)
{
    int size;
    enum MemKind k = mem_kind(p->name, &size);
    if (k == MK_NONE || !has(f, 'n')) {
        return false;
    }
    if (has(f, 'w') && fv(f, 'w')) {
        return true;
    }
    return (k == MK_SINGLE || k == MK_DUAL) && has(f, 'p') && !fv(f, 'p');
}

/* Core registers the instruction may write (a superset is fine: it only
 * restricts which sequences are generated). */
static uint32_t core_writes(const DecodePattern *p, const DecodeFields *f)
{
    uint32_t w = 0;
    bool simd = is_simd(p), store = is_store(p->name);
    if (!simd) {
        if (has(f, 'd')) {
            w |= 1u << (fv(f, 'd') & 15);
        }
        if (has(f, 'a')) {
            w |= 1u << (fv(f, 'a') & 15);
        }
    }
    if (!store) {
        if (has(f, 't')) {
            w |= 1u << (fv(f, 't') & 15);
        }
        if (has(f, 'T')) {
            w |= 1u << (fv(f, 'T') & 15);
        }
        if (has(f, 'l') && is_load(p->name)) {
            w |= fv(f, 'l') & 0xffff;
        }
    }
    if (wback(p, f)) {
        w |= 1u << (fv(f, 'n') & 15);
    }
    return w;
}

/* ------------------------------------------------------------------ */
/* Exclusion rules.  Each returns true to keep the encoding out of the
 * generated cases.  `why` is printed by `difftool list -v` with the number
 * of encodings each rule rejected. */

typedef struct Ctx {
    const Class *cls;
    const DecodePattern *p;
    uint32_t insn;
    const DecodeFields *f;
    bool in_it;                 /* will sit inside an IT block */
} Ctx;

static bool name_is(const DecodePattern *p, const char *const *names)
{
    for (; *names; names++) {
        if (strcmp(p->name, *names) == 0) {
            return true;
        }
    }
    return false;
}

static bool r_control(const Ctx *c)
{
    static const char *const names[] = { "B", "BL", "BLX_i", "BLX_r", "BX", "Bcond", "CBZ", "TBB",
                                         "SVC", "BKPT", "UDF", "T16_SVC", "T16_BKPT", NULL };
    return name_is(c->p, names);
}

static bool r_pc_write(const Ctx *c)
{
    const DecodeFields *f = c->f;
    bool simd = is_simd(c->p);
    if (!simd && has(f, 'd') && fv(f, 'd') == 15) {
        return true;
    }
    if (!simd && has(f, 'a') && fv(f, 'a') == 15) {
        return true;
    }
    /* MRC and VMRS to r15 write APSR.NZCV, not the pc. */
    bool t15_is_flags = strcmp(c->p->name, "MRC") == 0 ||
                        (strcmp(c->p->name, "VMRS") == 0 && has(f, 'r') && fv(f, 'r') == 1);
    if (has(f, 't') && fv(f, 't') == 15 && !t15_is_flags) {
        return true;
    }
    if (has(f, 'T') && fv(f, 'T') == 15) {
        return true;
    }
    if (has(f, 'l') && !simd && (fv(f, 'l') >> 15 & 1)) {
        return true;
    }
    if (has(f, 'n') && !simd && fv(f, 'n') == 15 && wback(c->p, f)) {
        return true;
    }
    return false;
}

static bool r_store_to_code(const Ctx *c)
{
    int size;
    return is_store(c->p->name) && mem_kind(c->p->name, &size) != MK_NONE && has(c->f, 'n') &&
           fv(c->f, 'n') == 15;
}

static bool r_tls_read(const Ctx *c)
{
    const DecodeFields *f = c->f;
    return strcmp(c->p->name, "MRC") == 0 && fv(f, 'o') == 0 && fv(f, 'n') == 13 && fv(f, 'm') == 0 &&
           fv(f, 'O') == 3;
}

static bool r_midr(const Ctx *c)
{
    const DecodeFields *f = c->f;
    return strcmp(c->p->name, "MRC") == 0 && fv(f, 'o') == 0 && fv(f, 'n') == 0 && fv(f, 'm') == 0 &&
           fv(f, 'O') == 0;
}

static bool r_vfp_sysreg(const Ctx *c)
{
    if (strcmp(c->p->name, "VMRS") != 0 && strcmp(c->p->name, "VMSR") != 0) {
        return false;
    }
    uint32_t r = fv(c->f, 'r');
    return r == 0 || r == 5 || r == 6 || r == 7 || r == 8;
}

static bool r_t32_ldm_single(const Ctx *c)
{
    return c->cls->thumb && !c->cls->t16 && (starts(c->p->name, "LDM") || starts(c->p->name, "STM")) &&
           __builtin_popcount(fv(c->f, 'l')) == 1;
}

static bool r_empty_list(const Ctx *c)
{
    return (starts(c->p->name, "LDM") || starts(c->p->name, "STM")) && fv(c->f, 'l') == 0;
}

static bool r_wback_list(const Ctx *c)
{
    return (starts(c->p->name, "LDM") || starts(c->p->name, "STM")) && wback(c->p, c->f) &&
           (fv(c->f, 'l') >> fv(c->f, 'n') & 1);
}

static bool r_wback_rt(const Ctx *c)
{
    const DecodeFields *f = c->f;
    if (is_simd(c->p) || !wback(c->p, f)) {
        return false;
    }
    uint32_t n = fv(f, 'n');
    return (has(f, 't') && fv(f, 't') == n) || (has(f, 'T') && fv(f, 'T') == n);
}

static bool r_excl_status(const Ctx *c)
{
    const DecodeFields *f = c->f;
    int size;
    if (mem_kind(c->p->name, &size) != MK_EXCL || !is_store(c->p->name) || !has(f, 'd')) {
        return false;
    }
    uint32_t d = fv(f, 'd');
    return d == fv(f, 'n') || d == fv(f, 't') || (has(f, 'T') && d == fv(f, 'T'));
}

static bool r_it_unpredictable(const Ctx *c)
{
    static const char *const names[] = { "T16_IT", "T16_CPS", "CPS", "T16_SETEND", "SETEND", NULL };
    return c->in_it && name_is(c->p, names);
}

static bool r_it_cond(const Ctx *c)
{
    if (strcmp(c->p->name, "T16_IT") != 0) {
        return false;
    }
    uint32_t cond = fv(c->f, 'c'), mask = fv(c->f, 'k');
    return cond == 15 || (cond == 14 && __builtin_popcount(mask) != 1);
}

static bool r_rsr_pc(const Ctx *c)
{
    const DecodeFields *f = c->f;
    if (c->cls->thumb || is_simd(c->p) || !has(f, 's') || !has(f, 'm')) {
        return false;
    }
    return fv(f, 's') == 15 || fv(f, 'm') == 15 || (has(f, 'n') && fv(f, 'n') == 15) ||
           (has(f, 'd') && fv(f, 'd') == 15);
}

static bool r_setend_be(const Ctx *c)
{
    return (strcmp(c->p->name, "SETEND") == 0 || strcmp(c->p->name, "T16_SETEND") == 0) && fv(c->f, 'E') == 1;
}

static bool r_msr_e(const Ctx *c)
{
    return starts(c->p->name, "MSR") && has(c->f, 'q') && (fv(c->f, 'q') & 2);
}

static bool r_t32_movw_sp(const Ctx *c)
{
    return c->cls->thumb && (strcmp(c->p->name, "MOVW") == 0 || strcmp(c->p->name, "MOVT") == 0) &&
           fv(c->f, 'd') == 13;
}

static bool r_swp(const Ctx *c) { return starts(c->p->name, "SWP"); }

static bool r_literal_unaligned(const Ctx *c)
{
    int size;
    enum MemKind k = mem_kind(c->p->name, &size);
    const DecodeFields *f = c->f;
    return (k == MK_DUAL || k == MK_EXCL || k == MK_MULTI) && has(f, 'n') && fv(f, 'n') == 15 && has(f, 'k') &&
           (fv(f, 'k') & 3) != 0;
}

static bool r_mem_rm_pc(const Ctx *c)
{
    int size;
    return !is_simd(c->p) && mem_kind(c->p->name, &size) != MK_NONE && has(c->f, 'm') && fv(c->f, 'm') == 15;
}

typedef struct Rule {
    const char *id;
    bool (*fn)(const Ctx *c);
    const char *why;
    unsigned long hits;
} Rule;

static Rule rules[] = {
    { "control", r_control,
      "branches, BX/BLX, SVC, BKPT, UDF, TBB/CBZ: control flow leaves the sequence (their sets are skipped too)" },
    { "pc-write", r_pc_write,
      "writes the pc (Rd/RdLo/Rt/Rt2 == 15, pc in a load list, base pc with writeback) or stores the pc, "
      "whose stored value is IMPLEMENTATION DEFINED" },
    { "rsr-pc", r_rsr_pc,
      "A32 data processing with a register-shifted register and any of Rd, Rn, Rm, Rs == pc: UNPREDICTABLE "
      "(mimic: SIGILL, qemu: executes)" },
    { "setend-be", r_setend_be,
      "SETEND BE: mimic does not support big-endian data and makes it UNDEFINED on purpose "
      "(frontends/arm/misc.c); qemu executes it" },
    { "msr-e", r_msr_e,
      "MSR with the x byte in the mask: it can set CPSR.E (big-endian data), unsupported in mimic as for "
      "SETEND BE" },
    { "t32-movw-sp", r_t32_movw_sp, "T32 MOVW/MOVT with Rd == sp: UNPREDICTABLE (mimic: SIGILL, qemu: executes)" },
    { "swp", r_swp,
      "SWP/SWPB: UNDEFINED in mimic on purpose (no HWCAP_SWP, frontends/arm/mem.c); qemu executes it" },
    { "literal-unaligned", r_literal_unaligned,
      "pc-relative LDRD/LDM/exclusive at an address that is not word aligned: the known unaligned "
      "LDRD/LDM difference (mimic fixes up like Linux, qemu SIGBUS)" },
    { "mem-rm-pc", r_mem_rm_pc, "load/store with register offset Rm == pc: UNPREDICTABLE" },
    { "store-to-code", r_store_to_code,
      "store with base pc: it would modify the code being run without cache maintenance" },
    { "tls-read", r_tls_read,
      "MRC TPIDRURO: the TLS pointer glibc set up lives at a different address under each emulator" },
    { "midr", r_midr,
      "MRC MIDR: mimic's default model reads 0x410fd034 (Cortex-A53), qemu-arm 7.2's default 0x411fd070 "
      "(Cortex-A57 'max'); a model choice, not a translation" },
    { "vfp-sysreg", r_vfp_sysreg,
      "VMRS/VMSR of FPSID, MVFR0-2, FPEXC: UNDEFINED at PL0 in mimic (as on Linux); qemu-arm lets user code "
      "access them (known, deliberate difference)" },
    { "t32-ldm-single", r_t32_ldm_single,
      "T32 LDM/STM of one register: mimic executes it, qemu 7.2 raises SIGILL (known, deliberate difference)" },
    { "empty-list", r_empty_list, "LDM/STM with an empty list: UNPREDICTABLE" },
    { "wback-in-list", r_wback_list, "LDM/STM with writeback and the base in the list: UNPREDICTABLE" },
    { "wback-rt", r_wback_rt, "load/store with writeback and Rn == Rt or Rt2: UNPREDICTABLE" },
    { "excl-status", r_excl_status, "store exclusive with Rd == Rn, Rt or Rt2: UNPREDICTABLE" },
    { "it-unpredictable", r_it_unpredictable, "IT, CPS, SETEND inside an IT block: UNPREDICTABLE" },
    { "it-cond", r_it_cond, "IT with firstcond 1111, or 1110 with more than one instruction: UNPREDICTABLE" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static const Rule *check_rules(const Ctx *c)
{
    for (size_t i = 0; i < NRULES; i++) {
        if (rules[i].fn(c)) {
            rules[i].hits++;
            return &rules[i];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Instruction generation. */

typedef struct Insn {
    uint32_t w;
    bool len16;
    const DecodePattern *p;
    const Class *cls;
    DecodeFields f;
} Insn;

static unsigned long shadowed;

/* Bits that carry a field letter. */
static uint32_t field_bits(const DecodePattern *p)
{
    uint32_t m = 0;
    for (int i = 0; i < p->nseg; i++) {
        m |= ((1u << p->seg[i].len) - 1) << p->seg[i].pos;
    }
    return m;
}

/*
 * Bits a pattern writes as '-' are zero in the generated words: in the
 * ARM ARM they are mostly (0) "should be zero" bits, which are
 * UNPREDICTABLE when set (qemu raises SIGILL for many, mimic ignores
 * them).  The exception is the T32 miscellaneous operations, whose bits
 * 19:16 must repeat Rm.
 */
static uint32_t fix_ignored_bits(const Class *cls, const DecodePattern *p, uint32_t w)
{
    static const char *const rm_copy[] = { "REV", "REV16", "RBIT", "REVSH", "CLZ", NULL };
    if (cls->thumb && !cls->t16 && name_is(p, rm_copy) && !(p->letters >> LI('n') & 1)) {
        w = (w & ~0xf0000u) | (w & 0xf) << 16;
    }
    return w;
}

static uint32_t get_field(const DecodePattern *p, uint32_t insn, char c)
{
    uint32_t v = 0;
    for (int i = 0; i < p->nseg; i++) {
        const DecodeSeg *s = &p->seg[i];
        if (s->letter == LI(c)) {
            v = (v << s->len) | ((insn >> s->pos) & ((1u << s->len) - 1));
        }
    }
    return v;
}

/*
 * Field values worth more than their share of random fills: without them
 * most random MRC/MCR, VMRS/VMSR and VLDM/VSTM encodings are UNDEFINED and
 * the cases test little.
 */
static uint32_t bias_fields(Rng *r, const DecodePattern *p, uint32_t w)
{
    const char *nm = p->name;
    if ((strcmp(nm, "MRC") == 0 || strcmp(nm, "MCR") == 0) && chance(r, 70)) {
        /* opc1, CRn, CRm, opc2 */
        static const uint8_t mrc[][4] = { { 0, 13, 0, 2 }, { 0, 0, 0, 0 }, { 0, 0, 0, 5 }, { 0, 0, 0, 6 } };
        static const uint8_t mcr[][4] = { { 0, 13, 0, 2 }, { 0, 7, 10, 4 }, { 0, 7, 10, 5 }, { 0, 7, 5, 4 } };
        const uint8_t *v = nm[1] == 'R' ? mrc[rndn(r, 4)] : mcr[rndn(r, 4)];
        w = set_field(p, w, 'o', v[0]);
        w = set_field(p, w, 'n', v[1]);
        w = set_field(p, w, 'm', v[2]);
        w = set_field(p, w, 'O', v[3]);
    } else if ((strcmp(nm, "VMRS") == 0 || strcmp(nm, "VMSR") == 0) && chance(r, 85)) {
        w = set_field(p, w, 'r', 1);        /* FPSCR */
    } else if ((starts(nm, "LDRD") || starts(nm, "STRD") || strstr(nm, "EXD")) && chance(r, 75)) {
        w = set_field(p, w, 't', get_field(p, w, 't') & ~1u);     /* A32: odd Rt is UNPREDICTABLE */
    } else if ((starts(nm, "LDM") || starts(nm, "STM")) && (p->letters >> LI('l') & 1) && chance(r, 35)) {
        /* Short lists too (a random list has about eight registers). */
        uint32_t l = 0;
        for (uint32_t k = 1 + rndn(r, 3); k; k--) {
            l |= 1u << rndn(r, 15);
        }
        w = set_field(p, w, 'l', l);
    } else if ((starts(nm, "VLDM") || starts(nm, "VSTM")) && chance(r, 85)) {
        uint32_t dbl = get_field(p, w, 'z');
        uint32_t n = 1 + rndn(r, dbl ? 6 : 10);
        w = set_field(p, w, 'k', dbl ? 2 * n : n);
        if (get_field(p, w, 'd') + n > 16) {
            w = set_field(p, w, 'd', rndn(r, 16 - n + 1));
        }
    }
    return w;
}

/* A random encoding of pattern p that decodes to p and passes the rules. */
static bool gen_insn(Rng *r, const Class *cls, const DecodePattern *p, bool in_it, Insn *out)
{
    int width = cls->t16 ? 16 : 32;
    for (int tries = 0; tries < 400; tries++) {
        uint32_t w = (rnd32(r) & ~p->mask & field_bits(p)) | p->match;
        if (width == 16) {
            w &= 0xffff;
        }
        w = fix_ignored_bits(cls, p, w);
        w = bias_fields(r, p, w);
        /* A32: mostly AL, so that most cases do something. */
        if (!cls->thumb && (p->letters >> LI('c') & 1) && chance(r, 60)) {
            w = set_field(p, w, 'c', 14);
        }
        DecodeFields scratch;
        if (decode_lookup(cls->table, w, &scratch) != p) {
            shadowed++;
            continue;
        }
        Ctx c = { cls, p, w, NULL, in_it };
        fields_of(p, w, &out->f);
        c.f = &out->f;
        if (check_rules(&c)) {
            continue;
        }
        out->w = w;
        out->len16 = width == 16;
        out->p = p;
        out->cls = cls;
        return true;
    }
    return false;
}

static bool is_it(const DecodePattern *p) { return strcmp(p->name, "T16_IT") == 0; }

/* Number of instructions an IT mask covers. */
static int it_len(uint32_t mask) { return 4 - __builtin_ctz(mask & 15); }

static bool pattern_mem(const DecodePattern *p)
{
    int size;
    return mem_kind(p->name, &size) != MK_NONE;
}

/* ------------------------------------------------------------------ */
/* Inputs. */

typedef struct Case {
    const Class *cls;
    int n;
    Insn insn[DIFF_MAX_INSNS];
    DiffRegs in;
    uint32_t memseed;
} Case;

static uint32_t special_word(Rng *r)
{
    static const uint32_t sp[] = {
        0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 2, 0xfffffffeu, 0x80000001u,
        0x7fff, 0x8000, 0xffff, 0xffff8000u, 0x00010000u, 0x7fff8000u, 0x80007fffu, 0xff, 0x80, 0x7f,
        0x7f7f7f7fu, 0x80808080u, 0xffff0000u, 0x0000ffffu, 31, 32, 33, 63, 64, 255, 256,
    };
    switch (rndn(r, 8)) {
    case 0:
    case 1:
    case 2: return sp[rndn(r, sizeof(sp) / sizeof(sp[0]))];
    case 3: return (uint32_t)((int32_t)rndn(r, 33) - 16);
    case 4: { /* bytes / halfwords at their limits */
        uint32_t v = 0;
        for (int i = 0; i < 4; i++) {
            static const uint8_t b[] = { 0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x81 };
            v |= (uint32_t)b[rndn(r, sizeof(b))] << (8 * i);
        }
        return v;
    }
    default: return rnd32(r);
    }
}

static uint64_t special_double(Rng *r)
{
    static const uint64_t sp[] = {
        0, 0x8000000000000000ull,                                   /* +-0 */
        0x7ff0000000000000ull, 0xfff0000000000000ull,               /* +-inf */
        0x7ff8000000000000ull, 0xfff8000000000000ull,               /* default-ish QNaN */
        0x7ff8000000000123ull, 0x7ff0000000000001ull, 0xfff4000000000abcull, /* QNaN/SNaN payloads */
        0x0000000000000001ull, 0x800fffffffffffffull, 0x0008000000000000ull, /* denormals */
        0x7fefffffffffffffull, 0xffefffffffffffffull,               /* +-max normal */
        0x0010000000000000ull, 0x8010000000000000ull,               /* +-min normal */
        0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull, /* 1, -1, 0.5 */
        0x41dfffffffc00000ull, 0xc1e0000000000000ull, 0x41efffffffe00000ull, /* 2^31-1, -2^31, 2^32-1 */
        0x41e0000000000000ull, 0x3ff8000000000000ull, 0x400c000000000000ull, /* 2^31, 1.5, 3.5 */
        0x4330000000000000ull, 0x3fe0000000000001ull, 0xbfe0000000000000ull, /* 2^52, 0.5+ulp, -0.5 */
    };
    return sp[rndn(r, sizeof(sp) / sizeof(sp[0]))];
}

static uint32_t special_float(Rng *r)
{
    static const uint32_t sp[] = {
        0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
        0x7fc00123u, 0x7f800001u, 0xffa00abcu,          /* NaNs with payloads */
        0x00000001u, 0x807fffffu, 0x00400000u,          /* denormals */
        0x7f7fffffu, 0xff7fffffu, 0x00800000u, 0x80800000u,
        0x3f800000u, 0xbf800000u, 0x3f000000u, 0x4f000000u, 0xcf000000u, 0x4effffffu,
        0x4f800000u, 0x3fc00000u, 0x40600000u, 0x4b000000u, 0x3f000001u, 0xbf000000u,
        0x477fe000u, 0x387fc000u, 0x33800000u,          /* half-precision limits */
    };
    return sp[rndn(r, sizeof(sp) / sizeof(sp[0]))];
}

/* A normal number of moderate exponent: arithmetic on two of them is
 * mostly exact-ish and rounding-mode sensitive. */
static uint64_t moderate_double(Rng *r)
{
    uint64_t sign = (uint64_t)(rnd32(r) & 1) << 63;
    uint64_t exp = 1023 - 40 + rndn(r, 80);
    return sign | exp << 52 | (rnd64(r) & 0xfffffffffffffull);
}

static uint32_t moderate_float(Rng *r)
{
    uint32_t sign = (rnd32(r) & 1) << 31;
    uint32_t exp = 127 - 20 + rndn(r, 40);
    return sign | exp << 23 | (rnd32(r) & 0x7fffff);
}

static uint64_t gen_dreg(Rng *r)
{
    switch (rndn(r, 10)) {
    case 0:
    case 1:
    case 2: return special_double(r);
    case 3:
    case 4: return moderate_double(r);
    case 5:
    case 6: return (uint64_t)special_float(r) << 32 | special_float(r);
    case 7: return (uint64_t)moderate_float(r) << 32 | (chance(r, 50) ? moderate_float(r) : special_float(r));
    default: return rnd64(r);
    }
}

static uint32_t gen_fpscr(Rng *r)
{
    uint32_t v = rnd32(r) & 0xf800009fu;            /* NZCV, QC, cumulative exception flags */
    if (chance(r, 50)) {
        v |= (rndn(r, 3) + 1) << 22;                /* RMode: RP, RM, RZ (else RN) */
    }
    if (chance(r, 12)) {
        v |= 1u << 24;                              /* FZ */
    }
    if (chance(r, 12)) {
        v |= 1u << 25;                              /* DN */
    }
    if (chance(r, 6)) {
        v |= 1u << 26;                              /* AHP */
    }
    return v;
}

/* Apply a shift as the A32 shifter does (for address offsets). */
static uint32_t shift_val(uint32_t v, uint32_t type, uint32_t amount, uint32_t c)
{
    switch (type & 3) {
    case 0: return amount ? v << amount : v;
    case 1: return amount ? v >> amount : 0;
    case 2: return amount ? (uint32_t)((int32_t)v >> amount) : (uint32_t)((int32_t)v >> 31);
    default: return amount ? (v >> amount | v << (32 - amount)) : (c << 31 | v >> 1);
    }
}

/* An Rm value whose shifted value is a small offset (0..max). */
static uint32_t small_index(Rng *r, uint32_t type, uint32_t amount, uint32_t max, bool word)
{
    type &= 3;
    for (int tries = 0; tries < 64; tries++) {
        uint32_t o = rndn(r, max + 1);
        if (word) {
            o &= ~3u;
        }
        uint32_t v;
        switch (type) {
        case 0:
            if (amount >= 12) {
                v = amount ? rnd32(r) << (32 - amount) : 0;     /* shifts out to 0 */
            } else {
                v = o >> amount;
            }
            break;
        case 1:
        case 2:
            if (amount == 0 || amount >= 24) {
                v = rnd32(r) & 0x7fffffffu;                      /* shifts to 0 */
                if (amount && amount < 32) {
                    v &= (1u << amount) - 1;
                }
            } else {
                v = (o << amount) | (rnd32(r) & ((1u << amount) - 1));
                v &= 0x7fffffffu;
            }
            break;
        default:
            v = amount ? (o << amount | o >> (32 - amount)) : (o << 1) | (rnd32(r) & 1);
            break;
        }
        uint32_t got = shift_val(v, type, amount, 0);
        if (got <= max && (!word || (got & 3) == 0)) {
            return v;
        }
    }
    return 0;
}

/* Point the address registers of a memory instruction into the block.
 * Returns false when the sequence cannot be set up. */
static bool setup_mem(Rng *r, Case *cs, const Insn *in, uint32_t *assigned)
{
    const DecodeFields *f = &in->f;
    int size;
    enum MemKind k = mem_kind(in->p->name, &size);
    if (k == MK_NONE || !has(f, 'n')) {
        return true;
    }
    uint32_t n = fv(f, 'n');
    bool simd = is_simd(in->p);
    if (n == 15) {
        /* Literal: reads the code pages.  A register index (A32) must
         * still be small. */
        if (has(f, 'm') && !simd) {
            uint32_t m = fv(f, 'm');
            if (m == 15 || (*assigned >> m & 1)) {
                return false;
            }
            uint32_t type = has(f, 'y') ? fv(f, 'y') : 0, amount = has(f, 'i') ? fv(f, 'i') : 0;
            cs->in.r[m] = small_index(r, type, amount, 512, k != MK_SINGLE);
            if (type == 3 && amount == 0) {
                cs->in.psr &= ~(1u << 29);
            }
            *assigned |= 1u << m;
        }
        return true;
    }
    int m = -1;
    if (has(f, 'm') && !simd) {
        m = (int)fv(f, 'm');
    } else if (has(f, 'm') && k == MK_VOTHER && fv(f, 'm') != 13 && fv(f, 'm') != 15) {
        m = (int)fv(f, 'm');        /* NEON post-index register: only writeback */
    }
    if (m == 15 || (*assigned >> n & 1) || (m >= 0 && ((*assigned >> m & 1) || (uint32_t)m == n))) {
        return false;
    }
    bool pre = has(f, 'p') ? fv(f, 'p') : true;
    bool up = has(f, 'u') ? fv(f, 'u') : true;
    uint32_t align = 1, count = (uint32_t)size;
    int32_t off = 0;

    switch (k) {
    case MK_SINGLE:
        align = chance(r, 80) ? (uint32_t)size : 1;
        break;
    case MK_DUAL:
        align = 4;          /* unaligned LDRD/STRD: known difference (mimic fixes up, qemu SIGBUS) */
        break;
    case MK_EXCL:
        align = (uint32_t)size;
        break;
    case MK_MULTI:
        align = 4;          /* unaligned LDM/STM: known difference, as for LDRD */
        count = 4 * (uint32_t)__builtin_popcount(fv(f, 'l') & 0xffff);
        break;
    case MK_VSINGLE:
        align = 4;
        count = has(f, 'z') && fv(f, 'z') ? 8 : 4;
        break;
    case MK_VMULTI:
        align = 4;
        count = 4 * fv(f, 'k');
        break;
    default:
        align = 16;
        count = 64;
        break;
    }

    /* The offset the instruction adds to the base. */
    if (m >= 0 && k != MK_VOTHER) {
        uint32_t type = has(f, 'y') ? fv(f, 'y') : 0, amount = has(f, 'i') ? fv(f, 'i') : 0;
        uint32_t v = small_index(r, type, amount, 512, align > 1);
        if (type == 3 && amount == 0) {
            cs->in.psr &= ~(1u << 29);      /* RRX: the offset takes C; keep it clear */
        }
        cs->in.r[m] = v;
        off = (int32_t)shift_val(v, type, amount, 0);
    } else if (m >= 0) {
        cs->in.r[m] = rndn(r, 64);
    } else if (k == MK_VSINGLE) {
        off = (int32_t)(fv(f, 'k') * 4);
    } else if (has(f, 'k') && k != MK_MULTI && k != MK_VMULTI) {
        off = (int32_t)fv(f, 'k');
    }
    int32_t ea_from_base;       /* lowest address accessed, relative to the base */
    switch (k) {
    case MK_MULTI:
        ea_from_base = up ? (pre ? 4 : 0) : (int32_t)(pre ? -count : -count + 4);
        break;
    case MK_VMULTI:
        ea_from_base = up ? 0 : -(int32_t)count;
        break;
    case MK_VOTHER:
        ea_from_base = 0;
        break;
    default:
        ea_from_base = pre ? (up ? off : -off) : 0;
        break;
    }

    /* Where the access lands: mostly inside the block, sometimes across
     * its ends or in a guard (a deterministic SIGSEGV). */
    int32_t e;
    uint32_t roll = rndn(r, 100);
    if (roll < 2) {
        e = -(int32_t)(align * (1 + rndn(r, 8)));                  /* below the block */
    } else if (roll < 4) {
        e = DIFF_MEM_SIZE - (int32_t)(rndn(r, count + 1) & ~(align - 1)); /* across the end */
    } else {
        uint32_t room = DIFF_MEM_SIZE - 128 - count;
        e = 64 + (int32_t)rndn(r, room);
    }
    e &= ~(int32_t)(align - 1);
    if (align == 1 && chance(r, 50)) {
        e &= ~(int32_t)(size - 1);
    }
    cs->in.r[n] = DIFF_MEM + (uint32_t)e - (uint32_t)ea_from_base;
    *assigned |= 1u << n;
    if (m >= 0) {
        *assigned |= 1u << m;
    }
    return true;
}

/* Registers a memory instruction reads to form its address. */
static uint32_t addr_regs(const Insn *in)
{
    const DecodeFields *f = &in->f;
    int size;
    enum MemKind k = mem_kind(in->p->name, &size);
    if (k == MK_NONE || !has(f, 'n')) {
        return 0;
    }
    uint32_t a = fv(f, 'n') == 15 ? 0 : 1u << fv(f, 'n');
    if (has(f, 'm') && (!is_simd(in->p) || (fv(f, 'm') != 13 && fv(f, 'm') != 15))) {
        a |= 1u << (fv(f, 'm') & 15);
    }
    return a;
}

static const DecodePattern *pick_pattern(Rng *r, const Class *cls, bool no_mem, bool no_it)
{
    for (int tries = 0; tries < 1000; tries++) {
        int i = (int)rndn(r, (uint32_t)cls->npats);
        if (!cls->usable[i]) {
            continue;
        }
        const DecodePattern *p = cls->pats[i];
        if ((no_mem && pattern_mem(p)) || (no_it && is_it(p))) {
            continue;
        }
        return p;
    }
    return NULL;
}

/* Thumb classes that can fill an IT block. */
static const Class *pick_it_class(Rng *r)
{
    for (int tries = 0; tries < 1000; tries++) {
        const Class *c = &classes[rndn(r, (uint32_t)nclasses)];
        if (c->thumb && !c->skip && c->npats) {
            return c;
        }
    }
    return NULL;
}

static unsigned long seq_rejects;

static bool gen_case(Rng *r, const Class *cls, Case *cs)
{
    for (int attempt = 0; attempt < 200; attempt++) {
        memset(cs, 0, sizeof(*cs));
        cs->cls = cls;
        int want = cls->has_mem ? 1 + (int)rndn(r, 3) : 1 + (int)rndn(r, 4);
        bool ok = true;
        while (cs->n < want && ok) {
            const DecodePattern *p = pick_pattern(r, cls, false, false);
            if (!p) {
                return false;
            }
            Insn in;
            if (!gen_insn(r, cls, p, false, &in)) {
                ok = false;
                break;
            }
            cs->insn[cs->n++] = in;
            if (is_it(p)) {
                int len = it_len(fv(&in.f, 'k'));
                if (cs->n + len > DIFF_MAX_INSNS) {
                    ok = false;
                    break;
                }
                for (int j = 0; j < len && ok; j++) {
                    const Class *fc = pick_it_class(r);
                    const DecodePattern *fp = fc ? pick_pattern(r, fc, true, true) : NULL;
                    Insn fi;
                    if (!fp || !gen_insn(r, fc, fp, true, &fi)) {
                        ok = false;
                        break;
                    }
                    cs->insn[cs->n++] = fi;
                }
                if (cs->n > want) {
                    want = cs->n;
                }
            }
        }
        if (!ok) {
            seq_rejects++;
            continue;
        }

        /* Inputs. */
        for (int i = 0; i < 15; i++) {
            cs->in.r[i] = special_word(r);
        }
        cs->in.psr = rnd32(r) & DIFF_APSR_MASK;
        cs->in.fpscr = gen_fpscr(r);
        for (int i = 0; i < 32; i++) {
            cs->in.d[i] = gen_dreg(r);
        }
        cs->memseed = rnd32(r) | 1;
        /* Shift amounts in registers: mostly around the interesting 0..33. */
        for (int i = 0; i < cs->n; i++) {
            const Insn *in = &cs->insn[i];
            if (!is_simd(in->p) && has(&in->f, 's') && chance(r, 70)) {
                static const uint32_t am[] = { 0, 1, 31, 32, 33, 255, 256, 0x80000001u, 0x120 };
                cs->in.r[fv(&in->f, 's') & 15] = chance(r, 50) ? rndn(r, 40) : am[rndn(r, 9)];
            }
        }
        /* VMSR: no FPSCR.Len/Stride (VFP short vectors: qemu implements
         * them, mimic does not; see README).  The source register must
         * then not be written before. */
        uint32_t wr = 0;
        for (int i = 0; i < cs->n && ok; i++) {
            const Insn *in = &cs->insn[i];
            if (strcmp(in->p->name, "VMSR") == 0 && fv(&in->f, 't') < 15) {
                uint32_t t = fv(&in->f, 't');
                if (wr >> t & 1) {
                    ok = false;
                    break;
                }
                cs->in.r[t] &= ~0x003f0000u;
                if (chance(r, 50)) {
                    cs->in.r[t] = (cs->in.r[t] & ~0x00c00000u) | (gen_fpscr(r) & 0x00c00000u);
                }
            }
            wr |= core_writes(in->p, &in->f);
        }
        /* Memory: address registers read by a later instruction must not
         * be written by an earlier one, and each register serves one
         * instruction. */
        uint32_t assigned = 0, written = 0;
        for (int i = 0; i < cs->n && ok; i++) {
            const Insn *in = &cs->insn[i];
            if (addr_regs(in) & written) {
                ok = false;
                break;
            }
            if (!setup_mem(r, cs, in, &assigned)) {
                ok = false;
                break;
            }
            written |= core_writes(in->p, &in->f);
        }
        if (!ok) {
            seq_rejects++;
            continue;
        }
        return true;
    }
    return false;
}

static void print_case(FILE *out, const Case *cs)
{
    fprintf(out, "%s %c ", cs->cls->name, cs->cls->thumb ? 'T' : 'A');
    for (int i = 0; i < cs->n; i++) {
        fprintf(out, cs->insn[i].len16 ? "%s%04x" : "%s%08x", i ? "," : "", cs->insn[i].w);
    }
    for (int i = 0; i < 15; i++) {
        fprintf(out, " %x", cs->in.r[i]);
    }
    fprintf(out, " %x %x", cs->in.psr, cs->in.fpscr);
    for (int i = 0; i < 32; i++) {
        fprintf(out, " %" PRIx64, cs->in.d[i]);
    }
    fprintf(out, " %x\n", cs->memseed);
}

/* ------------------------------------------------------------------ */
/* Class discovery. */

static void load_classes(void)
{
    arm_decode_init();
    classes = calloc((size_t)diff_nsets, sizeof(Class));
    for (int i = 0; i < diff_nsets; i++) {
        const char *sym = diff_sets[i].symbol;      /* arm_<isa>_<family>_set */
        const ArmPatternSet *set = diff_sets[i].set;
        Class *c = &classes[nclasses];
        char isa[8];
        if (sscanf(sym, "arm_%3[a-z0-9]_", isa) != 1) {
            continue;
        }
        size_t fl = strlen(sym) - strlen("arm_") - strlen(isa) - 1 - strlen("_set");
        char family[48];
        snprintf(family, sizeof(family), "%.*s", (int)fl, sym + strlen("arm_") + strlen(isa) + 1);
        snprintf(c->name, sizeof(c->name), "%s-%s", isa, family);
        c->family = strchr(c->name, '-') + 1;
        if (strcmp(isa, "a32") == 0) {
            c->table = &arm_a32_table;
        } else if (strcmp(isa, "t32") == 0) {
            c->table = &arm_t32_table;
            c->thumb = true;
        } else if (strcmp(isa, "t16") == 0) {
            c->table = &arm_t16_table;
            c->thumb = c->t16 = true;
        } else {
            continue;
        }
        c->skip = strcmp(c->family, "branch") == 0;
        c->pats = calloc(set->n ? set->n : 1, sizeof(*c->pats));
        c->usable = calloc(set->n ? set->n : 1, sizeof(bool));
        /* The joined table holds copies: find each pattern by its strings. */
        for (size_t j = 0; j < set->n; j++) {
            for (size_t t = 0; t < c->table->npats; t++) {
                const DecodePattern *tp = &c->table->pats[t];
                if (tp->pattern == set->pats[j].pattern && tp->name == set->pats[j].name &&
                    tp->trans == set->pats[j].trans) {
                    c->pats[c->npats++] = tp;
                    break;
                }
            }
        }
        nclasses++;
    }
    /* Which patterns can be generated at all. */
    Rng r = { 12345 };
    for (int i = 0; i < nclasses; i++) {
        Class *c = &classes[i];
        for (int j = 0; j < c->npats; j++) {
            Insn in;
            c->usable[j] = !c->skip && gen_insn(&r, c, c->pats[j], false, &in);
            if (c->usable[j] && pattern_mem(c->pats[j])) {
                c->has_mem = true;
            }
        }
    }
    for (size_t i = 0; i < NRULES; i++) {
        rules[i].hits = 0;
    }
    shadowed = 0;
}

static bool class_wanted(const Class *c, char **filters, int nfilters)
{
    if (c->skip || !c->npats) {
        return false;
    }
    if (!nfilters) {
        return true;
    }
    for (int i = 0; i < nfilters; i++) {
        if (strstr(c->name, filters[i])) {
            return true;
        }
    }
    return false;
}

static int usable_count(const Class *c)
{
    int n = 0;
    for (int j = 0; j < c->npats; j++) {
        n += c->usable[j];
    }
    return n;
}

static int cmd_list(int argc, char **argv)
{
    bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    for (int i = 0; i < nclasses; i++) {
        const Class *c = &classes[i];
        printf("%-16s %3d patterns, %3d generated%s\n", c->name, c->npats, usable_count(c),
               c->skip ? "  (control flow: skipped)" : "");
        if (verbose) {
            for (int j = 0; j < c->npats; j++) {
                printf("    %c %-14s %s\n", c->usable[j] ? '+' : '-', c->pats[j]->name, c->pats[j]->pattern);
            }
        }
    }
    if (verbose) {
        Rng r = { 99 };
        for (int i = 0; i < nclasses; i++) {
            if (classes[i].skip) {
                continue;
            }
            for (int k = 0; k < 500; k++) {
                Case cs;
                gen_case(&r, &classes[i], &cs);
            }
        }
        printf("\nexclusion rules (encodings rejected while generating 500 cases per class):\n");
        for (size_t i = 0; i < NRULES; i++) {
            printf("  %-17s %7lu  %s\n", rules[i].id, rules[i].hits, rules[i].why);
        }
        printf("  %-17s %7lu  random fill decoded to an earlier pattern\n", "(shadowed)", shadowed);
        printf("  %-17s %7lu  sequences whose address registers conflict\n", "(sequence)", seq_rejects);
    }
    return 0;
}

static int cmd_gen(int argc, char **argv)
{
    uint64_t seed = 1;
    long per_class = 1000;
    char *filters[64];
    int nfilters = 0, opt;
    bool verbose = false;
    optind = 1;
    while ((opt = getopt(argc, argv, "s:n:c:v")) != -1) {
        switch (opt) {
        case 's': seed = strtoull(optarg, NULL, 0); break;
        case 'n': per_class = strtol(optarg, NULL, 0); break;
        case 'c':
            if (nfilters < 64) {
                filters[nfilters++] = optarg;
            }
            break;
        case 'v': verbose = true; break;
        default: return 2;
        }
    }
    printf("# difftool gen -s %" PRIu64 " -n %ld\n", seed, per_class);
    int made = 0;
    for (int i = 0; i < nclasses; i++) {
        const Class *c = &classes[i];
        if (!class_wanted(c, filters, nfilters)) {
            continue;
        }
        if (!usable_count(c)) {
            fprintf(stderr, "difftool: class %s has no encoding that passes the rules\n", c->name);
            continue;
        }
        made++;
        Rng r = { hash_str(seed * 0x9e3779b97f4a7c15ull + 0xcbf29ce484222325ull, c->name) };
        for (long k = 0; k < per_class; k++) {
            Case cs;
            if (!gen_case(&r, c, &cs)) {
                fprintf(stderr, "difftool: cannot generate a case for %s\n", c->name);
                break;
            }
            print_case(stdout, &cs);
        }
    }
    if (verbose) {
        for (size_t i = 0; i < NRULES; i++) {
            fprintf(stderr, "  %-17s %7lu\n", rules[i].id, rules[i].hits);
        }
    }
    if (!made) {
        fprintf(stderr, "difftool: no class matched\n");
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Comparison. */

#define NFIELDS (2 + 15 + 3 + 32 + 1)

static const char *field_name(int i, char *buf)
{
    if (i == 0) {
        return "status";
    }
    if (i == 1) {
        return "pc-off";
    }
    if (i < 17) {
        sprintf(buf, "r%d", i - 2);
        return buf;
    }
    if (i == 17) {
        return "psr";
    }
    if (i == 18) {
        return "fpscr";
    }
    if (i == 19) {
        return "tpidrurw";
    }
    if (i < 52) {
        sprintf(buf, "d%d", i - 20);
        return buf;
    }
    return "mem";
}

typedef struct Result {
    char *tok[NFIELDS];
    int ntok;
} Result;

static void split(char *line, Result *res)
{
    res->ntok = 0;
    for (char *s = strtok(line, " \n"); s && res->ntok < NFIELDS; s = strtok(NULL, " \n")) {
        res->tok[res->ntok++] = s;
    }
}

typedef struct ParsedCase {
    char cls[64];
    bool thumb;
    int n;
    uint32_t w[DIFF_MAX_INSNS];
    bool len16[DIFF_MAX_INSNS];
    uint32_t r[15], psr, fpscr, seed;
    uint64_t d[32];
} ParsedCase;

static bool parse_case(const char *line, ParsedCase *pc)
{
    char words[256], isa;
    int used = 0;
    memset(pc, 0, sizeof(*pc));
    if (sscanf(line, "%63s %c %255s%n", pc->cls, &isa, words, &used) != 3) {
        return false;
    }
    pc->thumb = isa == 'T';
    for (char *s = strtok(words, ","); s && pc->n < DIFF_MAX_INSNS; s = strtok(NULL, ",")) {
        pc->len16[pc->n] = pc->thumb && strlen(s) <= 4;
        pc->w[pc->n++] = (uint32_t)strtoul(s, NULL, 16);
    }
    const char *p = line + used;
    char *end;
    for (int i = 0; i < 15; i++) {
        pc->r[i] = (uint32_t)strtoul(p, &end, 16);
        p = end;
    }
    pc->psr = (uint32_t)strtoul(p, &end, 16);
    p = end;
    pc->fpscr = (uint32_t)strtoul(p, &end, 16);
    p = end;
    for (int i = 0; i < 32; i++) {
        pc->d[i] = strtoull(p, &end, 16);
        p = end;
    }
    pc->seed = (uint32_t)strtoul(p, &end, 16);
    return end != p;
}

static const DecodePattern *decode_of(const ParsedCase *pc, int i, DecodeFields *f)
{
    DecodeTable *t = !pc->thumb ? &arm_a32_table : pc->len16[i] ? &arm_t16_table : &arm_t32_table;
    return decode_lookup(t, pc->w[i], f);
}

/* Which instruction sits at byte offset off of the sequence. */
static int insn_at(const ParsedCase *pc, uint32_t off)
{
    uint32_t at = 0;
    for (int i = 0; i < pc->n; i++) {
        if (at == off) {
            return i;
        }
        at += pc->thumb && pc->len16[i] ? 2 : 4;
    }
    return -1;
}

static csh cs_h_arm, cs_h_thumb;

static void show_insns(FILE *o, const ParsedCase *pc)
{
    uint8_t bytes[64];
    size_t nb = 0;
    for (int i = 0; i < pc->n; i++) {
        if (pc->thumb && pc->len16[i]) {
            bytes[nb++] = (uint8_t)pc->w[i];
            bytes[nb++] = (uint8_t)(pc->w[i] >> 8);
        } else if (pc->thumb) {
            bytes[nb++] = (uint8_t)(pc->w[i] >> 16);
            bytes[nb++] = (uint8_t)(pc->w[i] >> 24);
            bytes[nb++] = (uint8_t)pc->w[i];
            bytes[nb++] = (uint8_t)(pc->w[i] >> 8);
        } else {
            for (int b = 0; b < 4; b++) {
                bytes[nb++] = (uint8_t)(pc->w[i] >> (8 * b));
            }
        }
    }
    cs_insn *ci = NULL;
    size_t nci = cs_disasm(pc->thumb ? cs_h_thumb : cs_h_arm, bytes, nb, DIFF_ENTRY, 0, &ci);
    uint32_t off = 0;
    size_t k = 0;
    for (int i = 0; i < pc->n; i++) {
        DecodeFields f;
        const DecodePattern *p = decode_of(pc, i, &f);
        while (k < nci && ci[k].address < DIFF_ENTRY + off) {
            k++;
        }
        char text[256] = "(capstone: no decoding)";
        if (k < nci && ci[k].address == DIFF_ENTRY + off) {
            snprintf(text, sizeof(text), "%s %s", ci[k].mnemonic, ci[k].op_str);
        } else {
            /* Capstone stopped earlier in the sequence: this one alone. */
            cs_insn *one = NULL;
            size_t len = pc->thumb && pc->len16[i] ? 2 : 4;
            if (cs_disasm(pc->thumb ? cs_h_thumb : cs_h_arm, bytes + off, len, DIFF_ENTRY + off, 1, &one) == 1) {
                snprintf(text, sizeof(text), "%s %s", one->mnemonic, one->op_str);
                cs_free(one, 1);
            }
        }
        char hexw[16];
        snprintf(hexw, sizeof(hexw), pc->thumb && pc->len16[i] ? "%04x" : "%08x", pc->w[i]);
        fprintf(o, "    +%-3x %-8s  %-40s [%s]\n", off, hexw, text, p ? p->name : "no pattern");
        off += pc->thumb && pc->len16[i] ? 2 : 4;
    }
    if (nci) {
        cs_free(ci, nci);
    }
}

static void show_case(FILE *o, const ParsedCase *pc, const char *line)
{
    fprintf(o, "  instructions (%s):\n", pc->thumb ? "Thumb" : "ARM");
    show_insns(o, pc);
    fprintf(o, "  inputs:\n   ");
    for (int r = 0; r < 15; r++) {
        fprintf(o, " r%d=%08x%s", r, pc->r[r], r % 5 == 4 ? "\n   " : "");
    }
    fprintf(o, " apsr=%08x fpscr=%08x memseed=%08x\n   ", pc->psr, pc->fpscr, pc->seed);
    for (int r = 0; r < 32; r++) {
        fprintf(o, " d%d=%016" PRIx64 "%s", r, pc->d[r], r % 4 == 3 ? "\n   " : "");
    }
    fprintf(o, "\n  case line (reproduce: put it in a file, run the harness on it):\n    %s", line);
}

/* Memory field "m,off=val,..." as a printable diff against the initial
 * block. */
static void show_mem(FILE *o, const char *who, const char *mem, const uint32_t *init)
{
    fprintf(o, "    %-6s mem:", who);
    const char *p = mem + 1;
    if (!*p) {
        fprintf(o, " (unchanged)");
    }
    while (*p == ',') {
        char *end;
        unsigned long off = strtoul(p + 1, &end, 16);
        unsigned long val = strtoul(end + 1, &end, 16);
        fprintf(o, " [%03lx] %08x->%08lx", off, off / 4 < DIFF_MEM_WORDS ? init[off / 4] : 0, val);
        p = end;
    }
    fprintf(o, "\n");
}

typedef struct ClassStat {
    char name[64];
    unsigned long cases, mismatches, tolerated, signals;
} ClassStat;

static ClassStat stats[128];
static int nstats;

static ClassStat *stat_for(const char *name)
{
    for (int i = 0; i < nstats; i++) {
        if (strcmp(stats[i].name, name) == 0) {
            return &stats[i];
        }
    }
    if (nstats == 128) {
        return &stats[127];
    }
    snprintf(stats[nstats].name, sizeof(stats[nstats].name), "%s", name);
    return &stats[nstats++];
}

/* Known differences after a fault part-way through an instruction that
 * makes several accesses (LDM/STM, LDRD/STRD, VLDM/VSTM): mimic performs
 * none of it, qemu 7.2 may have loaded some destination registers (LDM,
 * and LDRD, which qemu writes Rt before loading Rt2) or stored some words
 * (STRD/STM) before the fault.  The ARM ARM leaves both UNKNOWN; the
 * signal, the pc and the flags must still agree. */
static bool tolerated(const ParsedCase *pc, const Result *a, const Result *b)
{
    if (strcmp(a->tok[0], b->tok[0]) != 0 || (strcmp(a->tok[0], "s11") != 0 && strcmp(a->tok[0], "s7") != 0) ||
        strcmp(a->tok[1], b->tok[1]) != 0 || strcmp(a->tok[17], b->tok[17]) != 0) {
        return false;
    }
    int i = insn_at(pc, (uint32_t)strtoul(a->tok[1], NULL, 16));
    if (i < 0) {
        return false;
    }
    DecodeFields f;
    const DecodePattern *p = decode_of(pc, i, &f);
    int size;
    enum MemKind k = p ? mem_kind(p->name, &size) : MK_NONE;
    return k == MK_MULTI || k == MK_DUAL || k == MK_VMULTI;
}

/* -P: which patterns the agreed signals come from (coverage check: a
 * pattern that always faults tests little). */
typedef struct SigStat {
    char key[96];
    unsigned long n;
} SigStat;
static SigStat sigstat[512];
static int nsigstat;

static void count_signal(const ParsedCase *pc, const char *line)
{
    char sig[8] = "";
    unsigned off = 0;
    if (sscanf(line, "%7s %x", sig, &off) != 2) {
        return;
    }
    int i = insn_at(pc, off);
    DecodeFields f;
    const DecodePattern *p = i >= 0 ? decode_of(pc, i, &f) : NULL;
    char key[96];
    snprintf(key, sizeof(key), "%s %s %s", pc->cls, sig, i < 0 ? "(not an insn)" : p ? p->name : "(no pattern)");
    for (int k = 0; k < nsigstat; k++) {
        if (strcmp(sigstat[k].key, key) == 0) {
            sigstat[k].n++;
            return;
        }
    }
    if (nsigstat < 512) {
        snprintf(sigstat[nsigstat].key, sizeof(sigstat[nsigstat].key), "%s", key);
        sigstat[nsigstat++].n = 1;
    }
}

static int cmp_sigstat(const void *a, const void *b)
{
    const SigStat *x = a, *y = b;
    return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->key, y->key);
}

static int cmd_compare(int argc, char **argv)
{
    int max_reports = 20, opt;
    const char *summary = NULL;
    bool sigstats = false;
    optind = 4;
    while ((opt = getopt(argc, argv, "r:S:P")) != -1) {
        switch (opt) {
        case 'P': sigstats = true; break;
        case 'r': max_reports = atoi(optarg); break;
        case 'S': summary = optarg; break;
        default: return 2;
        }
    }
    if (argc < 4) {
        fprintf(stderr, "usage: difftool compare CASES MIMIC_OUT QEMU_OUT [-r N] [-S FILE]\n");
        return 2;
    }
    FILE *fc = fopen(argv[1], "r"), *fa = fopen(argv[2], "r"), *fb = fopen(argv[3], "r");
    if (!fc || !fa || !fb) {
        fprintf(stderr, "difftool: cannot open the inputs\n");
        return 2;
    }
    if (cs_open(CS_ARCH_ARM, CS_MODE_ARM | CS_MODE_V8, &cs_h_arm) != CS_ERR_OK ||
        cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_V8, &cs_h_thumb) != CS_ERR_OK) {
        fprintf(stderr, "difftool: capstone failed\n");
        return 2;
    }
    bool color = isatty(1) && !getenv("NO_COLOR");
    const char *hi = color ? "\033[1;31m" : "", *off = color ? "\033[0m" : "";
    static char lc[16384], la[16384], lb[16384], lcopy[16384];
    unsigned long ncase = 0, nmis = 0, reported = 0, ntol = 0, lineno = 0;
    bool truncated = false;
    while (fgets(lc, sizeof(lc), fc)) {
        lineno++;
        if (lc[0] == '#' || lc[0] == '\n') {
            continue;
        }
        ParsedCase pc;
        if (!parse_case(lc, &pc)) {
            fprintf(stderr, "difftool: bad case line %lu\n", lineno);
            return 2;
        }
        ncase++;
        ClassStat *st = stat_for(pc.cls);
        st->cases++;
        bool ea = fgets(la, sizeof(la), fa) != NULL, eb = fgets(lb, sizeof(lb), fb) != NULL;
        if (!ea || !eb) {
            printf("%sMISMATCH%s case %lu (%s): %s output ended early (the harness died here)\n", hi, off,
                   ncase, pc.cls, !ea && !eb ? "both" : !ea ? "mimic" : "qemu");
            strcpy(lcopy, lc);
            ParsedCase pc2;
            parse_case(lcopy, &pc2);
            show_case(stdout, &pc2, lc);
            st->mismatches++;
            nmis++;
            truncated = true;
            break;
        }
        if (strcmp(la, lb) == 0 && strncmp(la, "died", 4) != 0) {
            if (la[0] == 's') {
                st->signals++;
                if (sigstats) {
                    count_signal(&pc, la);
                }
            }
            continue;
        }
        Result ra, rb;
        static char sa[16384], sb[16384];
        strcpy(sa, la);
        strcpy(sb, lb);
        split(sa, &ra);
        split(sb, &rb);
        if (ra.ntok != NFIELDS || rb.ntok != NFIELDS) {
            /* "died N" (tests/diff/run: the emulator crashed or hung on
             * this case) or garbage. */
            st->mismatches++;
            nmis++;
            if (reported++ < (unsigned long)max_reports) {
                printf("%sMISMATCH%s case %lu (%s, line %lu of %s): no result\n", hi, off, ncase, pc.cls, lineno,
                       argv[1]);
                show_case(stdout, &pc, lc);
                printf("  results:\n    mimic: %s    qemu:  %s\n", la, lb);
            }
            continue;
        }
        if (tolerated(&pc, &ra, &rb)) {
            st->tolerated++;
            ntol++;
            continue;
        }
        st->mismatches++;
        nmis++;
        if (reported >= (unsigned long)max_reports) {
            continue;
        }
        reported++;
        printf("%sMISMATCH%s case %lu (%s, line %lu of %s)\n", hi, off, ncase, pc.cls, lineno, argv[1]);
        strcpy(lcopy, lc);
        show_case(stdout, &pc, lc);
        printf("  results (differing fields marked):\n");
        printf("    %-9s %-18s %-18s\n", "field", "mimic", "qemu");
        uint32_t init[DIFF_MEM_WORDS];
        diff_mem_fill(init, pc.seed);
        for (int i = 0; i < NFIELDS - 1; i++) {
            bool d = strcmp(ra.tok[i], rb.tok[i]) != 0;
            if (!d && i >= 2) {
                continue;
            }
            char nb[16];
            printf("    %-9s %s%-18s %-18s%s%s\n", field_name(i, nb), d ? hi : "", ra.tok[i], rb.tok[i],
                   d ? "  <<<" : "", d ? off : "");
        }
        if (strcmp(ra.tok[NFIELDS - 1], rb.tok[NFIELDS - 1]) != 0) {
            printf("    %smemory differs%s:\n", hi, off);
            show_mem(stdout, "mimic", ra.tok[NFIELDS - 1], init);
            show_mem(stdout, "qemu", rb.tok[NFIELDS - 1], init);
        }
        printf("\n");
    }
    if (!truncated && fgets(la, sizeof(la), fa)) {
        printf("%sMISMATCH%s mimic printed more lines than there are cases\n", hi, off);
        nmis++;
    }
    for (int i = 0; i < nstats; i++) {
        printf("class %-16s %7lu cases, %5lu mismatches, %6lu signals%s\n", stats[i].name, stats[i].cases,
               stats[i].mismatches, stats[i].signals,
               stats[i].tolerated ? " (+ tolerated known differences)" : "");
    }
    if (sigstats) {
        qsort(sigstat, (size_t)nsigstat, sizeof(sigstat[0]), cmp_sigstat);
        printf("signals both agree on, by class, signal and faulting pattern:\n");
        for (int i = 0; i < nsigstat; i++) {
            printf("  %7lu  %s\n", sigstat[i].n, sigstat[i].key);
        }
    }
    if (summary) {
        FILE *s = fopen(summary, "a");
        if (s) {
            for (int i = 0; i < nstats; i++) {
                fprintf(s, "%s %lu %lu %lu %lu\n", stats[i].name, stats[i].cases, stats[i].mismatches,
                        stats[i].signals, stats[i].tolerated);
            }
            fclose(s);
        }
    }
    if (reported < nmis) {
        printf("(%lu more mismatches not shown; -r raises the limit)\n", nmis - reported);
    }
    printf("%lu cases, %lu mismatches\n", ncase, nmis);
    if (ntol) {
        printf("(%lu tolerated: faulting LDM/STM/LDRD/STRD/VLDM/VSTM, partial effects differ as allowed)\n", ntol);
    }
    return nmis ? 1 : 0;
}

/* difftool decode A|T WORD...: pattern name and capstone text. */
static int cmd_decode(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "A") != 0 && strcmp(argv[1], "T") != 0)) {
        fprintf(stderr, "usage: difftool decode A|T WORD...\n");
        return 2;
    }
    if (cs_open(CS_ARCH_ARM, CS_MODE_ARM | CS_MODE_V8, &cs_h_arm) != CS_ERR_OK ||
        cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_V8, &cs_h_thumb) != CS_ERR_OK) {
        return 2;
    }
    ParsedCase pc;
    memset(&pc, 0, sizeof(pc));
    pc.thumb = argv[1][0] == 'T';
    for (int i = 2; i < argc && pc.n < DIFF_MAX_INSNS; i++) {
        pc.len16[pc.n] = pc.thumb && strlen(argv[i]) <= 4;
        pc.w[pc.n++] = (uint32_t)strtoul(argv[i], NULL, 16);
    }
    show_insns(stdout, &pc);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: difftool list|gen|compare ...\n");
        return 2;
    }
    load_classes();
    if (strcmp(argv[1], "list") == 0) {
        return cmd_list(argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "gen") == 0) {
        return cmd_gen(argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "decode") == 0) {
        return cmd_decode(argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "compare") == 0) {
        return cmd_compare(argc - 1, argv + 1);
    }
    fprintf(stderr, "difftool: unknown command %s\n", argv[1]);
    return 2;
}
