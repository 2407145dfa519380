/* The conversion engine. */
#include "syscall/convert.h"

#include <string.h>

static uint64_t load_host(const uint8_t *p, int size, bool sign)
{
    switch (size) {
    case 1: return sign ? (uint64_t)(int64_t)*(const int8_t *)p : *p;
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        return sign ? (uint64_t)(int64_t)(int16_t)v : v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        return sign ? (uint64_t)(int64_t)(int32_t)v : v;
    }
    default: {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    }
}

static void store_host(uint8_t *p, int size, uint64_t v)
{
    switch (size) {
    case 1: *p = (uint8_t)v; break;
    case 2: { uint16_t t = (uint16_t)v; memcpy(p, &t, 2); break; }
    case 4: { uint32_t t = (uint32_t)v; memcpy(p, &t, 4); break; }
    default: memcpy(p, &v, 8); break;
    }
}

static uint64_t load_guest(const uint8_t *p, int size, bool sign, bool be)
{
    switch (size) {
    case 1: return sign ? (uint64_t)(int64_t)*(const int8_t *)p : *p;
    case 2: {
        uint16_t v = g_ld16(p, be);
        return sign ? (uint64_t)(int64_t)(int16_t)v : v;
    }
    case 4: {
        uint32_t v = g_ld32(p, be);
        return sign ? (uint64_t)(int64_t)(int32_t)v : v;
    }
    default: return g_ld64(p, be);
    }
}

static void store_guest(uint8_t *p, int size, uint64_t v, bool be)
{
    switch (size) {
    case 1: *p = (uint8_t)v; break;
    case 2: g_st16(p, (uint16_t)v, be); break;
    case 4: g_st32(p, (uint32_t)v, be); break;
    default: g_st64(p, v, be); break;
    }
}

void struct_to_guest(const StructConv *c, void *g, const void *h, bool be)
{
    memset(g, 0, c->gsize);
    for (unsigned i = 0; i < c->nfields; i++) {
        const FieldConv *f = &c->fields[i];
        uint64_t v = load_host((const uint8_t *)h + f->hoff, f->hsize, f->flags & FC_SIGNED);
        store_guest((uint8_t *)g + f->goff, f->gsize, v, be);
    }
}

void struct_from_guest(const StructConv *c, void *h, const void *g, bool be)
{
    memset(h, 0, c->hsize);
    for (unsigned i = 0; i < c->nfields; i++) {
        const FieldConv *f = &c->fields[i];
        uint64_t v = load_guest((const uint8_t *)g + f->goff, f->gsize, f->flags & FC_SIGNED, be);
        store_host((uint8_t *)h + f->hoff, f->hsize, v);
    }
}

uint32_t flags_to_host(const FlagConv *t, uint32_t g)
{
    uint32_t h = 0;
    for (; t->gmask || t->hmask; t++) {
        if ((g & t->gmask) == t->gbits) {
            h |= t->hbits;
        }
    }
    return h;
}

uint32_t flags_to_guest(const FlagConv *t, uint32_t h)
{
    uint32_t g = 0;
    for (; t->gmask || t->hmask; t++) {
        if ((h & t->hmask) == t->hbits) {
            g |= t->gbits;
        }
    }
    return g;
}
