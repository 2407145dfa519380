/* structs: passing and returning structs by value (small ones in registers,
 * big ones through memory), nested structs and unions, arrays of structs,
 * packed structs with unaligned members, and bitfields with explicit
 * signedness.  Only layouts that are identical on ARM EABI and x86-64 are
 * printed (no pointers, no long), and byte-order-dependent views are
 * normalised to little-endian so big-endian guests print the same. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

struct pt { int32_t x, y; };
struct rect { struct pt min, max; };
struct tiny { uint8_t a, b; };                 /* returned in r0 on ARM */
struct word { uint16_t lo; int16_t hi; };
struct big { int32_t v[12]; uint8_t tag; };
struct mixed { uint8_t c; uint64_t q; uint16_t s; int32_t i; };

union bits32 { uint32_t u; int32_t s; uint8_t b[4]; uint16_t h[2]; };

struct tagged {
    uint8_t kind;
    union { int32_t i; struct pt p; uint8_t raw[8]; } u;
};

struct __attribute__((packed)) pk {
    uint8_t c;
    uint32_t u32;
    uint16_t u16;
    uint64_t u64;
    int32_t s32;
};

struct bf {
    unsigned int a : 3;
    signed int b : 5;
    unsigned int c : 12;
    signed int d : 12;
    unsigned int e : 1;
    unsigned int f : 31;
    signed int g : 7;
};

static NOINLINE struct pt pt_add(struct pt a, struct pt b) { return (struct pt){ a.x + b.x, a.y + b.y }; }
static NOINLINE struct pt pt_scale(struct pt a, int32_t k) { a.x *= k; a.y *= k; return a; }
static NOINLINE struct rect rect_union(struct rect a, struct rect b)
{
    struct rect r;
    r.min.x = a.min.x < b.min.x ? a.min.x : b.min.x;
    r.min.y = a.min.y < b.min.y ? a.min.y : b.min.y;
    r.max.x = a.max.x > b.max.x ? a.max.x : b.max.x;
    r.max.y = a.max.y > b.max.y ? a.max.y : b.max.y;
    return r;
}
static NOINLINE int64_t rect_area(struct rect r)
{
    return (int64_t)(r.max.x - r.min.x) * (r.max.y - r.min.y);
}
static NOINLINE struct tiny tiny_swap(struct tiny t) { return (struct tiny){ t.b, t.a }; }
static NOINLINE struct word word_make(int32_t v) { return (struct word){ (uint16_t)v, (int16_t)(v >> 16) }; }
static NOINLINE struct big big_fill(int32_t seed)
{
    struct big b;
    for (int i = 0; i < 12; i++) b.v[i] = seed * (i + 1) - i * i;
    b.tag = (uint8_t)seed;
    return b;
}
static NOINLINE int32_t big_sum(struct big b, int32_t extra)
{
    int32_t s = extra + b.tag;
    for (int i = 0; i < 12; i++) s += b.v[i];
    b.v[0] = 0; /* modifies the callee's copy only */
    return s;
}
static NOINLINE struct mixed mixed_make(uint8_t c, uint64_t q)
{
    struct mixed m;
    memset(&m, 0, sizeof m);
    m.c = c; m.q = q; m.s = (uint16_t)(q >> 48); m.i = -(int32_t)c;
    return m;
}
static NOINLINE uint64_t pk_read(const struct pk *p) { return p->c + p->u32 + p->u16 + p->u64 + (uint64_t)(int64_t)p->s32; }

static int little_endian(void)
{
    uint16_t one = 1;
    unsigned char c;
    memcpy(&c, &one, 1);
    return c == 1;
}

static uint32_t le32(uint32_t v) { return little_endian() ? v : __builtin_bswap32(v); }

static void print_bf(const char *what, const struct bf *b)
{
    printf("%s: a=%u b=%d c=%u d=%d e=%u f=%u g=%d\n", what, b->a, b->b, b->c, b->d, b->e, b->f, b->g);
}

int main(void)
{
    struct pt a = { 3, -4 }, b = { -10, 25 };
    struct pt c = pt_add(a, b), d = pt_scale(c, -3);
    printf("pt_add=(%d,%d) pt_scale=(%d,%d)\n", (int)c.x, (int)c.y, (int)d.x, (int)d.y);
    struct rect r1 = { { 0, 0 }, { 10, 5 } }, r2 = { { -3, 2 }, { 4, 12 } };
    struct rect u = rect_union(r1, r2);
    printf("union=(%d,%d)-(%d,%d) area=%" PRId64 "\n", (int)u.min.x, (int)u.min.y, (int)u.max.x,
           (int)u.max.y, rect_area(u));
    struct tiny t = tiny_swap((struct tiny){ 7, 200 });
    printf("tiny_swap=(%u,%u)\n", t.a, t.b);
    struct word w = word_make(-123456);
    printf("word=(%u,%d)\n", w.lo, w.hi);
    struct big bg = big_fill(1000);
    printf("big_sum=%" PRId32 " v0 still %" PRId32 " tag=%u\n", big_sum(bg, 5), bg.v[0], bg.tag);
    struct mixed m = mixed_make(77, 0xfedcba9876543210ull);
    printf("mixed: c=%u q=%016" PRIx64 " s=%04x i=%d\n", m.c, m.q, m.s, (int)m.i);

    /* Sizes and offsets of pointer-free, long-free structs agree on both ABIs. */
    printf("sizeof pt=%u rect=%u tiny=%u word=%u big=%u mixed=%u pk=%u\n",
           (unsigned)sizeof(struct pt), (unsigned)sizeof(struct rect), (unsigned)sizeof(struct tiny),
           (unsigned)sizeof(struct word), (unsigned)sizeof(struct big), (unsigned)sizeof(struct mixed),
           (unsigned)sizeof(struct pk));
    printf("offsetof mixed.q=%u mixed.s=%u mixed.i=%u pk.u32=%u pk.u16=%u pk.u64=%u pk.s32=%u\n",
           (unsigned)offsetof(struct mixed, q), (unsigned)offsetof(struct mixed, s),
           (unsigned)offsetof(struct mixed, i), (unsigned)offsetof(struct pk, u32),
           (unsigned)offsetof(struct pk, u16), (unsigned)offsetof(struct pk, u64),
           (unsigned)offsetof(struct pk, s32));

    /* Unions: byte and halfword views, listed from the least significant. */
    union bits32 ub;
    ub.u = 0x81c2e3f4u;
    int le = little_endian();
    printf("union: s=%d b=%02x,%02x,%02x,%02x h=%04x,%04x\n", (int)ub.s, ub.b[le ? 0 : 3],
           ub.b[le ? 1 : 2], ub.b[le ? 2 : 1], ub.b[le ? 3 : 0], ub.h[le ? 0 : 1], ub.h[le ? 1 : 0]);
    struct tagged tg[3];
    memset(tg, 0, sizeof tg);
    tg[0].kind = 1; tg[0].u.i = -42;
    tg[1].kind = 2; tg[1].u.p = (struct pt){ 1000, 2000 };
    tg[2].kind = 3; for (int i = 0; i < 8; i++) tg[2].u.raw[i] = (uint8_t)(0xa0 + i);
    for (int i = 0; i < 3; i++) {
        struct tagged x = tg[i]; /* struct copy */
        switch (x.kind) {
        case 1: printf("tagged int %d\n", (int)x.u.i); break;
        case 2: printf("tagged pt (%d,%d)\n", (int)x.u.p.x, (int)x.u.p.y); break;
        case 3: printf("tagged raw as little-endian pt (%08x,%08x)\n", (unsigned)le32((uint32_t)x.u.p.x),
                       (unsigned)le32((uint32_t)x.u.p.y)); break;
        }
    }

    /* Packed structs at every alignment inside a byte buffer. */
    unsigned char buf[64];
    uint64_t psum = 0;
    int pk_bad = 0;
    for (int off = 0; off < 8; off++) {
        memset(buf, 0x55, sizeof buf);
        struct pk *p = (struct pk *)(buf + off);
        p->c = (uint8_t)(off + 1);
        p->u32 = 0x01020304u * (uint32_t)(off + 1);
        p->u16 = (uint16_t)(0xabcd + off);
        p->u64 = 0x1122334455667788ull + (uint64_t)off;
        p->s32 = -1000 * off;
        psum = psum * 1000003 + pk_read(p);
        /* The members are where offsetof says, and nothing else was written. */
        uint32_t u32; uint16_t u16; uint64_t u64; int32_t s32;
        memcpy(&u32, buf + off + offsetof(struct pk, u32), 4);
        memcpy(&u16, buf + off + offsetof(struct pk, u16), 2);
        memcpy(&u64, buf + off + offsetof(struct pk, u64), 8);
        memcpy(&s32, buf + off + offsetof(struct pk, s32), 4);
        pk_bad += u32 != p->u32 || u16 != p->u16 || u64 != p->u64 || s32 != p->s32 || buf[off] != off + 1;
        for (unsigned i = 0; i < sizeof buf; i++)
            if ((i < (unsigned)off || i >= off + sizeof(struct pk)) && buf[i] != 0x55) pk_bad++;
        psum = psum * 31 + u32 + u16 + u64 + (uint64_t)(int64_t)s32;
    }
    printf("packed checksum %016" PRIx64 ", bad %d\n", psum, pk_bad);

    /* Bitfields: store, truncate, sign-extend, read back. */
    struct bf bfv;
    memset(&bfv, 0, sizeof bfv);
    bfv.a = 5; bfv.b = -7; bfv.c = 4000; bfv.d = -2000; bfv.e = 1; bfv.f = 0x7fffffffu; bfv.g = -64;
    print_bf("set", &bfv);
    bfv.a += 4;           /* 9 -> 1 in 3 bits */
    bfv.b = (signed int)(bfv.b + 30) & 0xf;
    bfv.c = (bfv.c * 3) & 0xfff;
    bfv.d >>= 3;
    bfv.e ^= 1;
    bfv.f += 2;           /* wraps in 31 bits */
    bfv.g = bfv.g / 2 - 1;
    print_bf("upd", &bfv);
    uint32_t bfsum = 0;
    for (int i = 0; i < 1000; i++) {
        bfv.a = (unsigned)i & 7; bfv.b = (i % 32) - 16; bfv.c = (unsigned)(i * 77) & 0xfff;
        bfv.d = (i * 13) % 2048 - 1024; bfv.e = (unsigned)i & 1; bfv.f = (unsigned)i * 2654435761u & 0x7fffffffu;
        bfv.g = (i % 128) - 64;
        bfsum = bfsum * 17 + bfv.a + (uint32_t)bfv.b + bfv.c + (uint32_t)bfv.d + bfv.e + bfv.f + (uint32_t)bfv.g;
    }
    printf("bitfield checksum %08" PRIx32 "\n", bfsum);

    /* Array of structs, struct assignment and comparison by fields. */
    struct pt path[16];
    for (int i = 0; i < 16; i++) path[i] = (struct pt){ i * i - 20, 7 * i - 50 };
    struct pt acc = { 0, 0 };
    for (int i = 0; i < 16; i++) acc = pt_add(acc, pt_scale(path[i], i % 3 - 1));
    struct pt maxp = path[0];
    for (int i = 1; i < 16; i++) if (path[i].x + path[i].y > maxp.x + maxp.y) maxp = path[i];
    printf("path acc=(%d,%d) max=(%d,%d)\n", (int)acc.x, (int)acc.y, (int)maxp.x, (int)maxp.y);
    return 0;
}
