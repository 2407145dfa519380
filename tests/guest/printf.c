/* printf: integer and string conversions with many flags, widths and
 * precisions (%d %i %u %x %X %o %c %s %%, h/hh/l/ll/j/z modifiers, '*'
 * widths, positional arguments), snprintf truncation and return values,
 * sprintf, and the other stdio writers (puts, fputs, putchar, fwrite).
 * No %p and no floating point. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <string.h>

/* Truncation is what is being tested. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static const int ivals[] = { 0, 1, -1, 7, -42, 255, 4096, 65535, -65536, 123456789, INT_MAX, INT_MIN };
static const char *ifmts[] = {
    "%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%.3d", "%8.3d", "%-8.3d|", "%.0d",
    "%u", "%x", "%X", "%#x", "%#X", "%08x", "%#010x", "%o", "%#o", "%.10o", "%hd", "%hhd", "%hu",
    "%hhx", "%#.5x", "%-#12X|", "%+.0i", "% 012d",
};

int main(void)
{
    char buf[256];
    for (unsigned f = 0; f < sizeof ifmts / sizeof ifmts[0]; f++) {
        printf("%-9s", ifmts[f]);
        for (unsigned i = 0; i < sizeof ivals / sizeof ivals[0]; i++) {
            snprintf(buf, sizeof buf, ifmts[f], ivals[i]);
            printf(" [%s]", buf);
        }
        printf("\n");
    }

    /* long: only values that fit 32 bits (long is 32-bit on ARM). */
    long lv[] = { 0L, -1L, 2147483647L, -2147483647L - 1, 1000000L };
    for (unsigned i = 0; i < sizeof lv / sizeof lv[0]; i++)
        printf("%%ld [%ld] %%lu(masked) [%lu] %%lx(masked) [%lx] %%12ld [%12ld] %%-12ld [%-12ld]\n",
               lv[i], (unsigned long)lv[i] & 0xffffffffUL, (unsigned long)lv[i] & 0xffffffffUL, lv[i], lv[i]);

    /* long long, intmax_t, size_t, and the inttypes macros. */
    long long llv[] = { 0LL, -1LL, LLONG_MAX, LLONG_MIN, 1234567890123LL, -98765432109876LL };
    for (unsigned i = 0; i < sizeof llv / sizeof llv[0]; i++)
        printf("%%lld [%lld] %%llu [%llu] %%llx [%llx] %%#llo [%#llo] %%+25lld [%+25lld] %%jd [%jd]\n",
               llv[i], (unsigned long long)llv[i], (unsigned long long)llv[i],
               (unsigned long long)llv[i], llv[i], (intmax_t)llv[i]);
    printf("%%zu [%zu] %%zd [%zd] %%zx [%zx]\n", (size_t)12345, (ssize_t)-5, (size_t)0xbeef);
    printf("PRId8 [%" PRId8 "] PRIu16 [%" PRIu16 "] PRIx32 [%" PRIx32 "] PRIX64 [%" PRIX64 "] PRIo64 [%" PRIo64 "]\n",
           (int8_t)-100, (uint16_t)60000, (uint32_t)0xdeadbeef, (uint64_t)0xfedcba9876543210ull,
           (uint64_t)01234567012345670ull);

    /* Characters and strings. */
    printf("[%c][%3c][%-3c][%c%c%c]\n", 'A', 'b', 'c', 'x', '\x7f' - 0x40, '9');
    const char *strs[] = { "", "a", "hello", "hello, world", "tab\there" };
    for (unsigned i = 0; i < sizeof strs / sizeof strs[0]; i++)
        printf("[%s] [%8s] [%-8s] [%.3s] [%8.3s] [%-8.3s] [%.0s]\n", strs[i], strs[i], strs[i],
               strs[i], strs[i], strs[i], strs[i]);
    printf("[%%] [100%%] [%5s%%]\n", "50");

    /* '*' width and precision, including negative width (left-justify). */
    for (int w = -6; w <= 6; w += 3)
        for (int p = -1; p <= 4; p += 5)
            printf("w=%d p=%d: [%*.*d] [%*.*s] [%-*d]\n", w, p, w, p, 42, w, p, "abcdef", w < 0 ? -w : w, -7);

    /* Positional arguments. */
    printf("%3$s-%1$s-%2$s %2$s\n", "one", "two", "three");
    printf("%2$*1$d|%3$-*1$x|\n", 6, 77, 255);

    /* snprintf: truncation and return value. */
    for (size_t n = 0; n <= 12; n += 3) {
        memset(buf, '#', 20);
        int r = snprintf(buf, n, "%s=%d", "value", -12345);
        printf("snprintf(n=%zu) -> %d [%s] tail %c\n", n, r, n ? buf : "(untouched)", buf[n ? n : 0]);
    }
    printf("snprintf(NULL,0) -> %d\n", snprintf(NULL, 0, "%08x%s%lld", 0xabcu, "xyz", -1LL));
    int r = sprintf(buf, "%s|%5d|%-5d|%05d", "spr", 1, 2, 3);
    printf("sprintf -> %d [%s]\n", r, buf);

    /* Building a long string piecewise. */
    char big[2048];
    size_t off = 0;
    for (int i = 0; i < 150 && off < sizeof big; i++)
        off += (size_t)snprintf(big + off, sizeof big - off, "%x,", (unsigned)(i * i * 2654435761u));
    printf("piecewise length %zu, tail [%s]\n", off, big + off - 20);
    uint32_t h = 0;
    for (size_t i = 0; i < off; i++) h = h * 131 + (unsigned char)big[i];
    printf("piecewise hash %08" PRIx32 "\n", h);

    /* Other writers and the return value of printf. */
    puts("puts line");
    fputs("fputs line\n", stdout);
    putchar('p'); putchar('c'); putchar('\n');
    fwrite("fwrite 12345\n", 1, 13, stdout);
    fprintf(stdout, "%s\n", "fprintf to stdout");
    int n = printf("counted: %d %s\n", 12345, "chars");
    printf("printf returned %d\n", n);
    fflush(stdout);
    /* Output to stderr is not compared, but must not disturb stdout. */
    fprintf(stderr, "this goes to stderr\n");
    printf("done\n");
    return 0;
}
