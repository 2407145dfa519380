/* Pattern-table decoder: parsing of pattern strings and lookup. */
#include "tcg/decode.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/util.h"

static void parse_pattern(const DecodeTable *t, DecodePattern *p)
{
    const char *s = p->pattern;
    int bit = t->width - 1;
    p->mask = p->match = 0;
    p->nseg = p->ncons = 0;
    p->letters = 0;

    for (; *s && *s != '|'; s++) {
        char ch = *s;
        if (ch == ' ') {
            continue;
        }
        if (bit < 0) {
            fatal("decode %s: pattern '%s' is longer than %d bits", t->name, p->pattern, t->width);
        }
        if (ch == '0' || ch == '1') {
            p->mask |= 1u << bit;
            p->match |= (uint32_t)(ch - '0') << bit;
        } else if (isalpha((unsigned char)ch)) {
            int li = decode_letter_index(ch);
            DecodeSeg *last = p->nseg ? &p->seg[p->nseg - 1] : NULL;
            if (last && last->letter == li && last->pos == bit + 1) {
                /* Extend the run downwards. */
                last->pos = (uint8_t)bit;
                last->len++;
            } else {
                if (p->nseg == ARRAY_SIZE(p->seg)) {
                    fatal("decode %s: pattern '%s' has too many field runs", t->name, p->pattern);
                }
                p->seg[p->nseg++] = (DecodeSeg){ (uint8_t)li, (uint8_t)bit, 1 };
            }
            p->letters |= 1ull << li;
        } else if (ch != '-') {
            fatal("decode %s: bad character '%c' in '%s'", t->name, ch, p->pattern);
        }
        bit--;
    }
    if (bit != -1) {
        fatal("decode %s: pattern '%s' has %d bits, want %d", t->name, p->pattern, t->width - 1 - bit, t->width);
    }
    if (*s == '|') {
        s++;
        while (*s) {
            while (*s == ' ' || *s == ',') {
                s++;
            }
            if (!*s) {
                break;
            }
            if (!isalpha((unsigned char)s[0]) || !((s[1] == '!' || s[1] == '=') && s[2] == '=')) {
                fatal("decode %s: bad constraint in '%s'", t->name, p->pattern);
            }
            if (p->ncons == ARRAY_SIZE(p->cons)) {
                fatal("decode %s: too many constraints in '%s'", t->name, p->pattern);
            }
            DecodeCons *c = &p->cons[p->ncons++];
            c->letter = (uint8_t)decode_letter_index(s[0]);
            c->eq = s[1] == '=';
            if (isalpha((unsigned char)s[3])) {
                c->other = (int8_t)decode_letter_index(s[3]);
                c->val = 0;
                s += 4;
            } else {
                char *end;
                c->other = -1;
                c->val = (uint32_t)strtoul(s + 3, &end, 0);
                if (end == s + 3) {
                    fatal("decode %s: bad constraint value in '%s'", t->name, p->pattern);
                }
                s = end;
            }
        }
    }
}

/* A pattern's fixed bits gathered into key space: the pattern can match an
 * instruction with key k only if (k & keymask) == keymatch. */
static void key_of_pattern(const DecodeTable *t, const DecodePattern *p, uint32_t *keymask, uint32_t *keymatch)
{
    uint32_t km = 0, kv = 0;
    for (int k = 0; k < t->nkey; k++) {
        const DecodeKeySeg *ks = &t->key[k];
        uint32_t lm = (1u << ks->len) - 1;
        km = (km << ks->len) | ((p->mask >> ks->pos) & lm);
        kv = (kv << ks->len) | ((p->match >> ks->pos) & lm);
    }
    *keymask = km;
    *keymatch = kv;
}

static inline uint32_t key_of(const DecodeTable *t, uint32_t insn)
{
    uint32_t key = 0;
    for (int k = 0; k < t->nkey; k++) {
        const DecodeKeySeg *ks = &t->key[k];
        key = (key << ks->len) | ((insn >> ks->pos) & ((1u << ks->len) - 1));
    }
    return key;
}

void decode_table_init(DecodeTable *t)
{
    int keybits = 0;
    for (size_t i = 0; i < t->npats; i++) {
        parse_pattern(t, &t->pats[i]);
    }
    for (int k = 0; k < t->nkey; k++) {
        keybits += t->key[k].len;
    }
    t->nbuckets = 1u << keybits;
    /* Buckets are filled on first use: a program touches a few hundred of
     * the thousands of keys, and start-up time matters. */
    t->buckets = xzalloc(t->nbuckets * sizeof(uint16_t *));
    t->keymask = xmalloc((t->npats ? t->npats : 1) * sizeof(uint32_t));
    t->keymatch = xmalloc((t->npats ? t->npats : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < t->npats; i++) {
        key_of_pattern(t, &t->pats[i], &t->keymask[i], &t->keymatch[i]);
    }
}

static const uint16_t *bucket_of(const DecodeTable *t, uint32_t key)
{
    uint16_t *b = __atomic_load_n(&t->buckets[key], __ATOMIC_ACQUIRE);
    if (b) {
        return b;
    }
    size_t n = 0;
    for (size_t i = 0; i < t->npats; i++) {
        n += (key & t->keymask[i]) == t->keymatch[i];
    }
    b = xmalloc((n + 1) * sizeof(uint16_t));
    n = 0;
    for (size_t i = 0; i < t->npats; i++) {
        if ((key & t->keymask[i]) == t->keymatch[i]) {
            b[n++] = (uint16_t)i;
        }
    }
    b[n] = 0xffff;
    /* Translation is serialised by tb_lock; tools decode from one thread. */
    __atomic_store_n(&t->buckets[key], b, __ATOMIC_RELEASE);
    return b;
}

static void extract_fields(const DecodePattern *p, uint32_t insn, DecodeFields *f)
{
    uint64_t l = p->letters;
    while (l) {
        int li = __builtin_ctzll(l);
        f->v[li] = 0;
        l &= l - 1;
    }
    for (int i = 0; i < p->nseg; i++) {
        const DecodeSeg *s = &p->seg[i];
        f->v[s->letter] = (f->v[s->letter] << s->len) | ((insn >> s->pos) & ((1u << s->len) - 1));
    }
}

bool decode_cons_ok(const DecodePattern *p, const DecodeFields *f)
{
    for (int i = 0; i < p->ncons; i++) {
        const DecodeCons *c = &p->cons[i];
        uint32_t rhs = c->other >= 0 ? f->v[c->other] : c->val;
        if ((f->v[c->letter] == rhs) != c->eq) {
            return false;
        }
    }
    return true;
}

const DecodePattern *decode_lookup(const DecodeTable *t, uint32_t insn, DecodeFields *f)
{
    for (const uint16_t *b = bucket_of(t, key_of(t, insn)); *b != 0xffff; b++) {
        const DecodePattern *p = &t->pats[*b];
        if ((insn & p->mask) != p->match) {
            continue;
        }
        extract_fields(p, insn, f);
        if (decode_cons_ok(p, f)) {
            if (p->prep) {
                p->prep(f);
            }
            return p;
        }
    }
    return NULL;
}

bool decode_run(const DecodeTable *t, void *ctx, uint32_t insn)
{
    /* Letters a pattern does not have read as zero, not as stack garbage. */
    DecodeFields f = { { 0 } };
    const DecodePattern *p = decode_lookup(t, insn, &f);
    return p && p->trans(ctx, &f);
}
