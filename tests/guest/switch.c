/* switch: dense switches (jump tables: ldr pc / tbb / tbh), sparse switches
 * (compare trees / binary search), case ranges, fall-through, and switches on
 * narrow types. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

__attribute__((noinline)) static int dense(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 22;
    case 2: return 35;
    case 3: return -4;
    case 4: return 57;
    case 5: return 600;
    case 6: return 7;
    case 7: return 81;
    case 8: return 9;
    case 9: return -100;
    case 10: return 111;
    case 11: return 12;
    case 12: return 1300;
    case 13: return 14;
    case 14: return 15;
    case 15: return 1616;
    default: return -1;
    }
}

/* Many cases with bodies far apart: Thumb-2 uses tbh for this one. */
__attribute__((noinline)) static uint32_t dense_big(uint32_t x, uint32_t y)
{
    uint32_t r = 0;
    switch (x) {
#define C(n) case n: r = y * (n) + ((y >> ((n) % 7)) ^ (n##u * 2654435761u)); \
                     r ^= r >> ((n) % 5 + 1); break;
    C(0) C(1) C(2) C(3) C(4) C(5) C(6) C(7) C(8) C(9)
    C(10) C(11) C(12) C(13) C(14) C(15) C(16) C(17) C(18) C(19)
    C(20) C(21) C(22) C(23) C(24) C(25) C(26) C(27) C(28) C(29)
    C(30) C(31) C(32) C(33) C(34) C(35) C(36) C(37) C(38) C(39)
    C(40) C(41) C(42) C(43) C(44) C(45) C(46) C(47) C(48) C(49)
    C(50) C(51) C(52) C(53) C(54) C(55) C(56) C(57) C(58) C(59)
    C(60) C(61) C(62) C(63) C(64) C(65) C(66) C(67) C(68) C(69)
#undef C
    default: r = 0xdeadbeefu ^ x;
    }
    return r;
}

__attribute__((noinline)) static int sparse(int32_t x)
{
    switch (x) {
    case -100000: return 1;
    case -5: return 2;
    case 1: return 3;
    case 7: return 4;
    case 100: return 5;
    case 1000: return 6;
    case 4096: return 7;
    case 65535: return 8;
    case 65536: return 9;
    case 1000000: return 10;
    case 0x7fffffff: return 11;
    case -0x7fffffff - 1: return 12;
    case 12345: return 13;
    case 31337: return 14;
    case 999: return 15;
    default: return 0;
    }
}

__attribute__((noinline)) static int sparse64(int64_t x)
{
    switch (x) {
    case 0x100000000ll: return 1;
    case -1: return 2;
    case 42: return 3;
    case 0x7fffffffffffffffll: return 4;
    case 0x123456789ll: return 5;
    case -0x100000000ll: return 6;
    default: return 0;
    }
}

__attribute__((noinline)) static const char *classify(unsigned char c)
{
    switch (c) {
    case 'a' ... 'z': return "lower";
    case 'A' ... 'Z': return "upper";
    case '0' ... '9': return "digit";
    case ' ': case '\t': case '\n': return "space";
    case 0x80 ... 0xff: return "high";
    case 0 ... 8: return "ctl";
    default: return "other";
    }
}

/* Duff's device: fall-through into the middle of a loop. */
__attribute__((noinline)) static void duff_copy(unsigned char *to, const unsigned char *from, int count)
{
    if (count <= 0) return;
    int n = (count + 7) / 8;
    switch (count % 8) {
    case 0: do { *to++ = *from++;
    /* fall through */
    case 7: *to++ = *from++;
    /* fall through */
    case 6: *to++ = *from++;
    /* fall through */
    case 5: *to++ = *from++;
    /* fall through */
    case 4: *to++ = *from++;
    /* fall through */
    case 3: *to++ = *from++;
    /* fall through */
    case 2: *to++ = *from++;
    /* fall through */
    case 1: *to++ = *from++;
            } while (--n > 0);
    }
}

/* Fall-through accumulation. */
__attribute__((noinline)) static int fallthrough(int x)
{
    int r = 0;
    switch (x) {
    case 5: r += 5000; /* fall through */
    case 4: r += 400; /* fall through */
    case 3: r += 30;
            break;
    case 2: r += 2; /* fall through */
    case 1: r += 1; /* fall through */
    default: r += 100000;
    }
    return r;
}

__attribute__((noinline)) static int on_signed_char(signed char c)
{
    switch (c) {
    case -128: return 1;
    case -1: return 2;
    case 0: return 3;
    case 1: return 4;
    case 127: return 5;
    default: return c < 0 ? -6 : 6;
    }
}

int main(void)
{
    for (int i = -2; i <= 17; i++)
        printf("dense(%d)=%d fallthrough(%d)=%d\n", i, dense(i), i, fallthrough(i));

    uint32_t h = 0;
    for (uint32_t i = 0; i < 75; i++) {
        uint32_t r = dense_big(i, i * 7919u + 13);
        h = h * 31 + r;
        if (i % 10 == 0 || i >= 68) printf("dense_big(%" PRIu32 ")=%08" PRIx32 "\n", i, r);
    }
    printf("dense_big hash %08" PRIx32 "\n", h);

    static const int32_t probes[] = { -100000, -100001, -5, -4, 0, 1, 2, 7, 8, 99, 100, 101, 999,
                                      1000, 4095, 4096, 12345, 31337, 65534, 65535, 65536, 1000000,
                                      0x7fffffff, -0x7fffffff - 1, -0x7fffffff };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++)
        printf("sparse(%" PRId32 ")=%d\n", probes[i], sparse(probes[i]));
    static const int64_t probes64[] = { 0x100000000ll, 0x100000001ll, 1, -1, 42, 43,
                                        0x7fffffffffffffffll, 0x123456789ll, 0x23456789ll,
                                        -0x100000000ll, 0 };
    for (unsigned i = 0; i < sizeof probes64 / sizeof probes64[0]; i++)
        printf("sparse64(%" PRId64 ")=%d\n", probes64[i], sparse64(probes64[i]));

    /* Histogram of classify() over all 256 byte values. */
    int counts[7] = { 0 };
    static const char *names[7] = { "lower", "upper", "digit", "space", "high", "ctl", "other" };
    for (int c = 0; c < 256; c++) {
        const char *k = classify((unsigned char)c);
        for (int j = 0; j < 7; j++)
            if (k == names[j] || (k[0] == names[j][0] && k[1] == names[j][1])) { counts[j]++; break; }
    }
    for (int j = 0; j < 7; j++) printf("%s=%d ", names[j], counts[j]);
    printf("\n");

    for (int c = -128; c < 128; c += 17)
        printf("signed char %d -> %d\n", c, on_signed_char((signed char)c));
    printf("signed char 127 -> %d, -1 -> %d\n", on_signed_char(127), on_signed_char(-1));

    unsigned char src[64], dst[64];
    for (int i = 0; i < 64; i++) src[i] = (unsigned char)(i * 37 + 1);
    uint32_t dsum = 0;
    for (int len = 0; len <= 40; len++) {
        for (int i = 0; i < 64; i++) dst[i] = 0;
        duff_copy(dst, src, len);
        for (int i = 0; i < 64; i++) dsum = dsum * 33 + dst[i];
    }
    printf("duff checksum %08" PRIx32 "\n", dsum);

    /* A state machine driven by a switch: count tokens in a string. */
    const char *text = "  int x = 42; /* comment */ y += 0x1F; // tail\n z=7 ";
    enum { S_WS, S_ID, S_NUM, S_OP, S_CMT } st = S_WS;
    int ids = 0, nums = 0, ops = 0, cmts = 0;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        switch (st) {
        case S_CMT:
            if (c == '*' && p[1] == '/') { p++; st = S_WS; }
            break;
        case S_WS: case S_ID: case S_NUM: case S_OP:
            if (c == '/' && p[1] == '*') { cmts++; st = S_CMT; p++; }
            else if (c == '/' && p[1] == '/') { cmts++; while (*p && *p != '\n') p++; if (!*p) p--; st = S_WS; }
            else if ((c >= 'a' && c <= 'z') || c == '_') { if (st != S_ID && st != S_NUM) ids++; if (st != S_NUM) st = S_ID; }
            else if (c >= '0' && c <= '9') { if (st != S_ID && st != S_NUM) { nums++; st = S_NUM; } }
            else if (c == ' ' || c == '\n') st = S_WS;
            else { if (st != S_OP) ops++; st = S_OP; }
            break;
        }
    }
    printf("tokens: ids=%d nums=%d ops=%d comments=%d\n", ids, nums, ops, cmts);
    return 0;
}
