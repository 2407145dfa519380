/*
 * Struct, flag and number conversion between the host's and a guest's
 * Linux ABI, described as data: a struct is a list of fields with their
 * host and guest offsets and widths; flags and numbers are pairs.  One
 * engine converts them all, in either direction, in the guest's byte order.
 */
#ifndef MIMIC_SYSCALL_CONVERT_H
#define MIMIC_SYSCALL_CONVERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FC_SIGNED = 1 };

typedef struct FieldConv {
    uint16_t hoff, goff;        /* offsets in the host and guest structs */
    uint8_t hsize, gsize;       /* widths in bytes: 1, 2, 4 or 8 */
    uint8_t flags;              /* FC_SIGNED: sign-extend when widening */
} FieldConv;

typedef struct StructConv {
    const char *name;
    uint16_t gsize;             /* guest struct size */
    uint16_t hsize;             /* host struct size */
    uint16_t nfields;
    const FieldConv *fields;
} StructConv;

/* A field of host struct type HT converted to guest offset/size. */
#define FC(HT, hfield, goff, gsize) \
    { offsetof(HT, hfield), (goff), sizeof(((HT *)0)->hfield), (gsize), 0 }
#define FCS(HT, hfield, goff, gsize) \
    { offsetof(HT, hfield), (goff), sizeof(((HT *)0)->hfield), (gsize), FC_SIGNED }
#define STRUCT_CONV(var, HT, name, gsize, fields) \
    const StructConv var = { name, (gsize), sizeof(HT), sizeof(fields) / sizeof(fields[0]), fields }

/* Unused guest bytes become zero. */
void struct_to_guest(const StructConv *c, void *g, const void *h, bool be);
void struct_from_guest(const StructConv *c, void *h, const void *g, bool be);

/* Guest scalars in guest byte order. */
static inline uint32_t g_ld32(const void *p, bool be)
{
    uint32_t v;
    __builtin_memcpy(&v, p, 4);
    return be ? __builtin_bswap32(v) : v;
}
static inline void g_st32(void *p, uint32_t v, bool be)
{
    if (be) {
        v = __builtin_bswap32(v);
    }
    __builtin_memcpy(p, &v, 4);
}
static inline uint16_t g_ld16(const void *p, bool be)
{
    uint16_t v;
    __builtin_memcpy(&v, p, 2);
    return be ? __builtin_bswap16(v) : v;
}
static inline void g_st16(void *p, uint16_t v, bool be)
{
    if (be) {
        v = __builtin_bswap16(v);
    }
    __builtin_memcpy(p, &v, 2);
}
static inline uint64_t g_ld64(const void *p, bool be)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return be ? __builtin_bswap64(v) : v;
}
static inline void g_st64(void *p, uint64_t v, bool be)
{
    if (be) {
        v = __builtin_bswap64(v);
    }
    __builtin_memcpy(p, &v, 8);
}

/* Bit flags: each entry maps a guest mask/value to a host mask/value. */
typedef struct FlagConv {
    uint32_t gmask, gbits;
    uint32_t hmask, hbits;
} FlagConv;

/* Entries end with an all-zero row. */
uint32_t flags_to_host(const FlagConv *t, uint32_t g);
uint32_t flags_to_guest(const FlagConv *t, uint32_t h);

/* Numbers (errno, signals): a table indexed by host value holding the
 * guest value, 0 meaning "same". */
typedef struct NumConv {
    const uint16_t *h2g;        /* host -> guest, length n */
    const uint16_t *g2h;        /* guest -> host, length n */
    uint16_t n;
} NumConv;

static inline int num_to_guest(const NumConv *c, int h)
{
    return c && h >= 0 && h < c->n && c->h2g[h] ? c->h2g[h] : h;
}
static inline int num_to_host(const NumConv *c, int g)
{
    return c && g >= 0 && g < c->n && c->g2h[g] ? c->g2h[g] : g;
}

#endif
