/*
 * Declarative instruction decoding.
 *
 * A frontend lists its encodings as pattern strings written like the
 * diagrams in the architecture manuals, most specific first:
 *
 *     PAT(add_rri, "cccc 0010 100S nnnn dddd rrrr iiii iiii | c!=15")
 *
 *   0 / 1      fixed bits
 *   a-z, A-Z   field bits; a field's value is the concatenation of all bits
 *              carrying its letter, most significant first (so split
 *              immediates such as Thumb's i:imm3:imm8 need no glue code)
 *   -          bits the instruction ignores
 *   | x!=N     optional constraints on fields (== or !=) against a number or
 *              another field ("p!=u"), comma separated
 *
 * The first pattern that matches (bits and constraints) wins, and its
 * trans_<name>() function translates the instruction; a trans function
 * returns false for an encoding that is UNDEFINED after all.  The same
 * tables drive the capstone cross-check tests and the random instruction
 * generator of the differential tester.
 */
#ifndef MIMIC_TCG_DECODE_H
#define MIMIC_TCG_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct DecodeFields {
    uint32_t v[52];
} DecodeFields;

static inline int decode_letter_index(char ch) { return ch >= 'a' ? ch - 'a' : ch - 'A' + 26; }
/* F(x): the value of field letter x, inside a trans function. */
#define F(x) (f->v[decode_letter_index(#x[0])])

typedef bool (*TransFn)(void *dc, const DecodeFields *f);

typedef struct DecodeSeg {
    uint8_t letter, pos, len;
} DecodeSeg;

typedef struct DecodeCons {
    uint8_t letter;
    uint8_t eq;                 /* 1: ==, 0: != */
    int8_t other;               /* compare with this field, or -1: with val */
    uint32_t val;
} DecodeCons;

typedef void (*PrepFn)(DecodeFields *f);

typedef struct DecodePattern {
    const char *name;
    const char *pattern;
    TransFn trans;
    PrepFn prep;                /* optional: rewrite fields before trans */
    /* Filled in by decode_table_init. */
    uint32_t mask, match;
    uint64_t letters;           /* letters used, bit per decode_letter_index */
    uint8_t nseg, ncons;
    DecodeSeg seg[24];
    DecodeCons cons[4];
} DecodePattern;

#define PAT(name, str) { #name, str, (TransFn)(void *)trans_##name, NULL }
/* PATX: the same with a field preprocessor (immediate expansion). */
#define PATX(name, str, prepfn) { #name, str, (TransFn)(void *)trans_##name, prepfn }

typedef struct DecodeKeySeg {
    uint8_t pos, len;
} DecodeKeySeg;

typedef struct DecodeTable {
    const char *name;
    DecodePattern *pats;
    size_t npats;
    int width;                  /* 16 or 32 bits */
    DecodeKeySeg key[3];        /* bits used to pre-sort patterns into buckets */
    int nkey;
    /* Filled in by decode_table_init. */
    uint32_t nbuckets;
    uint16_t **buckets;         /* per key, built on first use: pattern indices ending with 0xffff */
    uint32_t *keymask, *keymatch;   /* each pattern's fixed bits in key space */
} DecodeTable;

void decode_table_init(DecodeTable *t);
/* The first pattern matching insn, with its fields filled in (and its prep
 * hook applied); NULL if none. */
const DecodePattern *decode_lookup(const DecodeTable *t, uint32_t insn, DecodeFields *f);
/* Decode and run the trans function; false if nothing matched or the trans
 * function refused the encoding. */
bool decode_run(const DecodeTable *t, void *ctx, uint32_t insn);
/* Whether a pattern's constraints accept these fields. */
bool decode_cons_ok(const DecodePattern *p, const DecodeFields *f);

#endif
