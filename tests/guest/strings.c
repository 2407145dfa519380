/* strings: string.h functions on varied sizes and alignments (memcpy,
 * memmove, memset, memcmp, strlen, strcmp, strncmp, strchr, strrchr, memchr,
 * strstr, strtok, strtok_r, strspn, strcspn, strcpy, strncpy, strcat, stpcpy,
 * strdup, strcasecmp), plus strtol/strtoul/strtoll and ctype.  Results of
 * comparisons are reduced to their sign and search results to indices. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

static uint32_t sum = 0x811c9dc5u;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u; }
static void mix_buf(const unsigned char *p, size_t n) { for (size_t i = 0; i < n; i++) mix(p[i]); }
static int sign(int v) { return (v > 0) - (v < 0); }
static int idx(const void *base, const void *p) { return p ? (int)((const char *)p - (const char *)base) : -1; }

static unsigned char src[512], dst[512], ref[512];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)((i * 131 + seed * 7 + (i >> 3)) & 0xff);
}

int main(void)
{
    int errors = 0;

    /* memcpy: every length 0..100 (and a few large) at every src/dst alignment 0..7. */
    static const size_t big_lengths[] = { 127, 128, 129, 255, 256, 300, 400 };
    for (int pass = 0; pass < 2; pass++) {
        size_t nlen = pass ? sizeof big_lengths / sizeof big_lengths[0] : 101;
        for (size_t li = 0; li < nlen; li++) {
            size_t len = pass ? big_lengths[li] : li;
            for (int so = 0; so < 8; so++)
                for (int dof = 0; dof < 8; dof++) {
                    fill(src, sizeof src, (unsigned)(len + (size_t)so));
                    memset(dst, 0xee, sizeof dst);
                    memcpy(dst + dof, src + so, len);
                    for (size_t i = 0; i < sizeof dst; i++) {
                        unsigned char want = (i >= (size_t)dof && i < dof + len) ? src[so + i - dof] : 0xee;
                        if (dst[i] != want) { errors++; break; }
                    }
                    mix_buf(dst, (size_t)dof + len + 1);
                }
        }
    }
    printf("memcpy checksum %08" PRIx32 " errors %d\n", sum, errors);

    /* memmove: overlapping in both directions. */
    for (size_t len = 0; len < 200; len += 7)
        for (int shift = -9; shift <= 9; shift++) {
            fill(src, sizeof src, (unsigned)len);
            memcpy(ref, src, sizeof src);
            size_t from = 100, to = (size_t)(100 + shift);
            memmove(src + to, src + from, len);
            /* reference: byte copy through a temporary */
            unsigned char tmp[512];
            memcpy(tmp, ref + from, len);
            for (size_t i = 0; i < len; i++) ref[to + i] = tmp[i];
            if (memcmp(src, ref, sizeof src) != 0) errors++;
            mix_buf(src, sizeof src);
        }
    printf("memmove checksum %08" PRIx32 " errors %d\n", sum, errors);

    /* memset: sizes and alignments and values. */
    for (size_t len = 0; len < 160; len += 3)
        for (int off = 0; off < 8; off++) {
            memset(dst, 0x11, sizeof dst);
            int val = (int)(len * 7 + (size_t)off) & 0xff;
            memset(dst + off, val, len);
            for (size_t i = 0; i < 200; i++) {
                unsigned char want = (i >= (size_t)off && i < off + len) ? (unsigned char)val : 0x11;
                if (dst[i] != want) { errors++; break; }
            }
            mix_buf(dst, 200);
        }
    printf("memset checksum %08" PRIx32 " errors %d\n", sum, errors);

    /* strlen at every alignment and many lengths. */
    uint32_t lens = 0;
    for (int off = 0; off < 16; off++)
        for (size_t len = 0; len < 70; len++) {
            memset(dst, 'a', sizeof dst);
            dst[off + len] = 0;
            size_t l = strlen((char *)dst + off);
            if (l != len) errors++;
            lens += (uint32_t)l;
            mix((uint32_t)strnlen((char *)dst + off, 33));
        }
    printf("strlen total %" PRIu32 " errors %d\n", lens, errors);

    /* Comparisons: only the sign is portable. */
    static const char *words[] = { "", "a", "b", "ab", "abc", "abd", "abcd", "ABC", "zebra", "\xc3\xa9t\xc3\xa9", "\x7f", "\x80", "\xff" };
    const int nw = (int)(sizeof words / sizeof words[0]);
    for (int i = 0; i < nw; i++) {
        for (int j = 0; j < nw; j++) {
            int s1 = sign(strcmp(words[i], words[j]));
            int s2 = sign(strncmp(words[i], words[j], 2));
            int s3 = sign(strcasecmp(words[i], words[j]));
            int s4 = sign(memcmp(words[i], words[j], 1));
            printf("%c%c%c%c", "<=>"[s1 + 1], "<=>"[s2 + 1], "<=>"[s3 + 1], "<=>"[s4 + 1]);
            putchar(j == nw - 1 ? '\n' : ' ');
        }
    }
    /* memcmp on long buffers differing at every position. */
    fill(src, 300, 3);
    memcpy(dst, src, 300);
    int memcmp_signs = 0;
    for (size_t pos = 0; pos < 300; pos++) {
        dst[pos] ^= 0x80;
        memcmp_signs = memcmp_signs * 3 + sign(memcmp(src, dst, 300)) + 1;
        memcmp_signs %= 1000003;
        if (memcmp(src, dst, pos) != 0) errors++;
        dst[pos] ^= 0x80;
    }
    printf("memcmp signs %d errors %d\n", memcmp_signs, errors);

    /* Searching. */
    const char *hay = "the quick brown fox jumps over the lazy dog; THE END. the-end";
    printf("strchr q=%d z=%d nul=%d x=%d\n", idx(hay, strchr(hay, 'q')), idx(hay, strchr(hay, 'z')),
           idx(hay, strchr(hay, '\0')), idx(hay, strchr(hay, 'X')));
    printf("strrchr t=%d e=%d\n", idx(hay, strrchr(hay, 't')), idx(hay, strrchr(hay, 'e')));
    printf("memchr o=%d o(10)=%d\n", idx(hay, memchr(hay, 'o', strlen(hay))), idx(hay, memchr(hay, 'o', 10)));
    static const char *needles[] = { "the", "lazy", "dog;", "THE", "the-", "fox jumps", "", "cat", "end", "quick brown fox jumps over the lazy dog; THE END. the-end!" };
    for (unsigned i = 0; i < sizeof needles / sizeof needles[0]; i++)
        printf("strstr(\"%s\")=%d\n", needles[i], idx(hay, strstr(hay, needles[i])));
    printf("strspn=%d strcspn=%d strpbrk=%d\n", (int)strspn(hay, "eht "), (int)strcspn(hay, "xyz"),
           idx(hay, strpbrk(hay, "kjq")));
    /* strstr on a long haystack with a late match. */
    char *longhay = malloc(5000);
    memset(longhay, 'a', 4999);
    longhay[4999] = 0;
    memcpy(longhay + 4900, "aaab", 4);
    printf("long strstr=%d\n", idx(longhay, strstr(longhay, "aaaaab")));
    free(longhay);

    /* Tokenizing. */
    char line[] = "alpha,beta;;gamma , delta,,epsilon;zeta";
    int ntok = 0;
    for (char *tok = strtok(line, ",;"); tok; tok = strtok(NULL, ",;"))
        printf("tok[%d]=\"%s\"\n", ntok++, tok);
    char line2[] = "k1=v1&k2=v2&&k3=&=v4";
    char *save = NULL;
    for (char *kv = strtok_r(line2, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(kv, '=');
        if (eq) { *eq = 0; printf("key=\"%s\" value=\"%s\"\n", kv, eq + 1); }
    }
    char line3[] = "a::b:";
    char *rest = line3, *field;
    while ((field = strsep(&rest, ":")) != NULL) printf("strsep \"%s\"\n", field);

    /* Copying and concatenation. */
    char sbuf[64];
    strcpy(sbuf, "hello");
    strcat(sbuf, ", ");
    strcat(sbuf, "world");
    char *end = stpcpy(sbuf + strlen(sbuf), "!");
    printf("%s (len %d, stpcpy end at %d)\n", sbuf, (int)strlen(sbuf), idx(sbuf, end));
    memset(sbuf, 'X', sizeof sbuf);
    strncpy(sbuf, "abc", 8);
    printf("strncpy pad: %d %d %d %d %c\n", sbuf[3], sbuf[4], sbuf[7], sbuf[2], sbuf[8]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
    strncpy(sbuf, "abcdefghij", 4);
#pragma GCC diagnostic pop
    printf("strncpy trunc: %.6s\n", sbuf);
    char *dup = strdup("duplicate me");
    dup[0] = 'D';
    printf("strdup: %s\n", dup);
    free(dup);
    char *nd = strndup("abcdef", 3);
    printf("strndup: %s\n", nd);
    free(nd);

    /* Number parsing.  strtol/atoi only on values that fit a 32-bit long
     * (long is 32 bits on ARM, 64 on x86-64); strtoll/strtoull for the rest. */
    static const char *nums[] = { "0", "42", "-17", "  +99xyz", "0x1F", "0777", "2147483647",
                                  "-2147483648", "zz", "1010", "-0", "\t-0x7fffffff" };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *e1, *e2;
        int32_t v0 = (int32_t)strtol(nums[i], &e1, 0);
        int32_t v10 = (int32_t)strtol(nums[i], &e2, 10);
        printf("\"%s\": base0=%" PRId32 " (used %d) base10=%" PRId32 " (used %d) atoi=%d\n",
               nums[i], v0, (int)(e1 - nums[i]), v10, (int)(e2 - nums[i]), atoi(nums[i]));
    }
    static const char *lnums[] = { "0", "-17", "4294967295", "0x123456789abc", "1010", "zz",
                                   "9223372036854775807", "-123456789012345", "fedcba9876543210" };
    for (unsigned i = 0; i < sizeof lnums / sizeof lnums[0]; i++) {
        char *e;
        int64_t v0 = strtoll(lnums[i], &e, 0);
        printf("\"%s\": ll base0=%" PRId64 " (used %d) ll base2=%" PRId64 " ull base16=%" PRIx64 "\n",
               lnums[i], v0, (int)(e - lnums[i]), (int64_t)strtoll(lnums[i], NULL, 2),
               (uint64_t)strtoull(lnums[i], NULL, 16));
    }

    /* ctype in the C locale, over all byte values. */
    uint32_t cls = 0;
    for (int c = 0; c < 256; c++) {
        cls = cls * 3 + (uint32_t)(!!isalpha(c) + 2 * !!isdigit(c) + 4 * !!isspace(c) + 8 * !!ispunct(c) +
                                   16 * !!isupper(c) + 32 * !!isxdigit(c) + 64 * !!isprint(c) + 128 * !!iscntrl(c));
        cls ^= (uint32_t)toupper(c) << 8 ^ (uint32_t)tolower(c);
    }
    printf("ctype checksum %08" PRIx32 "\n", cls);
    char up[] = "Mixed Case 123 \xe9!";
    for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
    printf("upper: %s\n", up);

    printf("final checksum %08" PRIx32 " errors %d\n", sum, errors);
    return errors ? 1 : 0;
}
