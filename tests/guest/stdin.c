/* stdin: reads all of standard input (tests/guest/stdin.stdin) and prints
 * wc-style counts, the longest line, a letter histogram, an FNV-1a hash and
 * a CRC-32 of the bytes.  The first part is read with getchar() and the
 * rest with fread() in odd-sized chunks, to mix buffered stdio with the
 * underlying read() calls. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint64_t bytes, lines, words, maxline, curline, high;
static int in_word;
static uint32_t fnv = 2166136261u, crc = 0xffffffffu;
static uint32_t letters[26];
static uint32_t digits_sum;

static void feed(unsigned char c)
{
    bytes++;
    fnv = (fnv ^ c) * 16777619u;
    crc = crc_table[(crc ^ c) & 0xff] ^ (crc >> 8);
    if (c >= 0x80) high++;
    if (c == '\n') {
        lines++;
        if (curline > maxline) maxline = curline;
        curline = 0;
    } else {
        curline++;
    }
    int space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
    if (space) in_word = 0;
    else if (!in_word) { in_word = 1; words++; }
    if (c >= 'a' && c <= 'z') letters[c - 'a']++;
    else if (c >= 'A' && c <= 'Z') letters[c - 'A']++;
    else if (c >= '0' && c <= '9') digits_sum += c - '0';
}

int main(void)
{
    crc_init();
    int ch, n = 0;
    while (n < 1000 && (ch = getchar()) != EOF) { feed((unsigned char)ch); n++; }
    unsigned char buf[777];
    size_t got;
    unsigned chunks = 0;
    while ((got = fread(buf, 1, sizeof buf, stdin)) > 0) {
        chunks++;
        for (size_t i = 0; i < got; i++) feed(buf[i]);
    }
    if (curline > maxline) maxline = curline;
    printf("%7" PRIu64 " %7" PRIu64 " %7" PRIu64 "\n", lines, words, bytes);
    printf("longest line %" PRIu64 ", non-ASCII bytes %" PRIu64 ", fread chunks %u, eof %d, error %d\n",
           maxline, high, chunks, feof(stdin) != 0, ferror(stdin) != 0);
    printf("fnv1a %08" PRIx32 " crc32 %08" PRIx32 " digit sum %" PRIu32 "\n", fnv, crc ^ 0xffffffffu, digits_sum);
    for (int i = 0; i < 26; i++)
        printf("%c:%" PRIu32 "%s", 'a' + i, letters[i], i % 13 == 12 ? "\n" : " ");
    /* A second read at EOF must keep returning EOF. */
    printf("getchar at eof: %d\n", getchar() == EOF);
    return bytes == 0 ? 1 : 0;
}
