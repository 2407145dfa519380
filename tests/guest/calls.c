/* calls: recursion (Ackermann, Fibonacci, mutual recursion, Hanoi), function
 * pointers and callbacks, functions returning function pointers, many
 * arguments (stack-passed on ARM), 64-bit arguments (register-pair
 * alignment), and varargs (va_arg of int, int64_t, va_copy, vsnprintf). */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static NOINLINE uint32_t ackermann(uint32_t m, uint32_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static NOINLINE uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static NOINLINE int is_odd(unsigned n);
static NOINLINE int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static NOINLINE int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned hanoi_moves;
static uint32_t hanoi_hash;
static NOINLINE void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    hanoi_moves++;
    hanoi_hash = hanoi_hash * 7 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

static NOINLINE uint32_t gcd(uint32_t a, uint32_t b) { return b ? gcd(b, a % b) : a; }

/* Recursion with a big frame: makes the stack deep. */
static NOINLINE uint32_t deep(int n, uint32_t acc)
{
    volatile uint32_t frame[32];
    for (int i = 0; i < 32; i++) frame[i] = acc + (uint32_t)i * (uint32_t)n;
    if (n == 0) return acc;
    uint32_t r = deep(n - 1, acc * 3 + frame[n % 32]);
    return r ^ frame[(n * 7) % 32];
}

/* Function pointers and callbacks. */
typedef int32_t (*binop)(int32_t, int32_t);
static NOINLINE int32_t op_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static NOINLINE int32_t op_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
static NOINLINE int32_t op_mul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
static NOINLINE int32_t op_max(int32_t a, int32_t b) { return a > b ? a : b; }
static NOINLINE int32_t op_xor(int32_t a, int32_t b) { return a ^ b; }

static const struct { const char *name; binop fn; } ops[] = {
    { "add", op_add }, { "sub", op_sub }, { "mul", op_mul }, { "max", op_max }, { "xor", op_xor },
};

static NOINLINE int32_t fold(const int32_t *v, int n, int32_t init, binop f)
{
    for (int i = 0; i < n; i++) init = f(init, v[i]);
    return init;
}

static NOINLINE void map(int32_t *v, int n, int32_t (*f)(int32_t))
{
    for (int i = 0; i < n; i++) v[i] = f(v[i]);
}

static int32_t sq(int32_t x) { return x * x; }
static int32_t neg(int32_t x) { return -x; }
static int32_t half(int32_t x) { return x / 2; }

static NOINLINE binop pick(int i) { return ops[i % 5].fn; }

/* Callback with a context pointer. */
struct counter { int calls; int32_t total; };
static void visit(void *ctx, int32_t v) { struct counter *c = ctx; c->calls++; c->total += v; }
static NOINLINE void each(const int32_t *v, int n, void (*cb)(void *, int32_t), void *ctx)
{
    for (int i = 0; i < n; i++) cb(ctx, v[i]);
}

/* Many arguments: on ARM the fifth and later go on the stack, and 64-bit
 * ones are aligned to even register pairs / 8-byte stack slots. */
static NOINLINE int64_t many(int32_t a, int64_t b, int32_t c, int32_t d, int64_t e, int8_t f,
                             uint16_t g, int64_t h, int32_t i, uint8_t j, int64_t k, int32_t l)
{
    return a + b * 3 + c * 5 + d * 7 + e * 11 + f * 13 + g * 17 + h * 19 + i * 23 + j * 29 +
           k * 31 + l * 37;
}

static NOINLINE uint64_t mix64(uint64_t a, uint32_t b, uint64_t c)
{
    return (a ^ (c >> 7)) * 0x9E3779B97F4A7C15ull + b;
}

/* Varargs. */
static NOINLINE int32_t sum_ints(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int32_t s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int32_t);
    va_end(ap);
    return s;
}

/* fmt: 'i' int, 'l' int64_t, 's' string, 'c' char; returns a checksum and
 * also walks the list a second time through va_copy. */
static NOINLINE uint64_t walk(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    uint64_t h = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': h = h * 131 + (uint64_t)(int64_t)va_arg(ap, int); break;
        case 'l': h = h * 131 + (uint64_t)va_arg(ap, int64_t); break;
        case 'c': h = h * 131 + (unsigned char)va_arg(ap, int); break;
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) h = h * 131 + (unsigned char)*s; break;
        }
    }
    va_end(ap);
    uint64_t h2 = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': h2 = h2 * 131 + (uint64_t)(int64_t)va_arg(ap2, int); break;
        case 'l': h2 = h2 * 131 + (uint64_t)va_arg(ap2, int64_t); break;
        case 'c': h2 = h2 * 131 + (unsigned char)va_arg(ap2, int); break;
        case 's': for (const char *s = va_arg(ap2, const char *); *s; s++) h2 = h2 * 131 + (unsigned char)*s; break;
        }
    }
    va_end(ap2);
    return h == h2 ? h : 0;
}

static NOINLINE int format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    for (uint32_t m = 0; m <= 3; m++)
        for (uint32_t n = 0; n <= 4; n++)
            printf("ack(%" PRIu32 ",%" PRIu32 ")=%" PRIu32 "%s", m, n, ackermann(m, n), n == 4 ? "\n" : " ");
    printf("ack(2,50)=%" PRIu32 " ack(3,6)=%" PRIu32 "\n", ackermann(2, 50), ackermann(3, 6));
    for (uint32_t n = 0; n <= 24; n += 3) printf("fib(%" PRIu32 ")=%" PRIu32 " ", n, fib(n));
    printf("\n");
    printf("is_even(1000)=%d is_odd(777)=%d is_even(31)=%d\n", is_even(1000), is_odd(777), is_even(31));
    hanoi(12, 1, 3, 2);
    printf("hanoi(12): %u moves, hash %08" PRIx32 "\n", hanoi_moves, hanoi_hash);
    printf("gcd(1071,462)=%" PRIu32 " gcd(2^31,6^10)=%" PRIu32 " gcd(832040,514229)=%" PRIu32 "\n",
           gcd(1071, 462), gcd(1u << 31, 60466176), gcd(832040, 514229));
    printf("deep(2000)=%08" PRIx32 "\n", deep(2000, 1));

    int32_t v[10];
    for (int i = 0; i < 10; i++) v[i] = (i * 37) % 23 - 11;
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        printf("fold %s = %" PRId32 "\n", ops[i].name, fold(v, 10, i == 2 ? 1 : 0, ops[i].fn));
    int32_t acc = 1;
    for (int i = 0; i < 20; i++) acc = pick(i)(acc, i + 3);
    printf("picked chain = %" PRId32 "\n", acc);
    int32_t (*const maps[])(int32_t) = { sq, neg, half };
    for (int k = 0; k < 3; k++) {
        map(v, 10, maps[k]);
        for (int i = 0; i < 10; i++) printf("%" PRId32 "%c", v[i], i == 9 ? '\n' : ',');
    }
    struct counter c = { 0, 0 };
    each(v, 10, visit, &c);
    printf("visited %d, total %" PRId32 "\n", c.calls, c.total);

    printf("many = %" PRId64 "\n", many(1, -2, 3, -4, 5000000000ll, -6, 65535, -7000000000ll, 9, 250, 11, -12));
    printf("many = %" PRId64 "\n", many(-1, 1ll << 40, 0, 2, -3, 127, 1, 4, -5, 0, -(1ll << 33), 6));
    printf("mix64 = %016" PRIx64 "\n", mix64(0x0123456789abcdefull, 0xdeadbeefu, 0xfedcba9876543210ull));

    printf("sum_ints = %" PRId32 " %" PRId32 " %" PRId32 "\n", sum_ints(0), sum_ints(3, 1, 2, 3),
           sum_ints(10, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10));
    printf("walk = %016" PRIx64 "\n", walk("ilicsl", 1, (int64_t)-2, 3, 'x', "hello", (int64_t)0x123456789abcll));
    printf("walk = %016" PRIx64 "\n", walk("llllliiiiis", (int64_t)1, (int64_t)2, (int64_t)3, (int64_t)4,
                                         (int64_t)5, 6, 7, 8, 9, 10, "end"));
    printf("walk = %016" PRIx64 "\n", walk("iliiliisli", -1, (int64_t)-1, -1, -1, INT64_MIN, 0, 0, "", INT64_MAX, 42));
    char buf[40];
    int n = format(buf, sizeof buf, "%d-%s-%lld-%c", 12345, "abc", -9876543210ll, 'Z');
    printf("format -> %d [%s]\n", n, buf);
    n = format(buf, 8, "%s", "truncated string");
    printf("format -> %d [%s]\n", n, buf);
    return 0;
}
