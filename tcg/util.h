/* Small utilities shared by every part of mimic. */
#ifndef MIMIC_TCG_UTIL_H
#define MIMIC_TCG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define container_of(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))

noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void assert_fail(const char *expr, const char *file, int line);
#define ASSERT(e) ((e) ? (void)0 : assert_fail(#e, __FILE__, __LINE__))

void *xmalloc(size_t n);
void *xzalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

static inline uint32_t extract32(uint32_t v, int pos, int len)
{
    return (v >> pos) & (~0u >> (32 - len));
}
static inline int32_t sextract32(uint32_t v, int pos, int len)
{
    return (int32_t)(v << (32 - len - pos)) >> (32 - len);
}
static inline uint32_t deposit32(uint32_t v, int pos, int len, uint32_t f)
{
    uint32_t mask = (~0u >> (32 - len)) << pos;
    return (v & ~mask) | ((f << pos) & mask);
}
static inline uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

#endif
