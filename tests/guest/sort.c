/* sort: qsort with comparators on ints, on structs (multi-key, total order so
 * the result does not depend on the algorithm), on strings, plus bsearch,
 * and hand-written insertion sort, heap sort and merge sort checked against
 * qsort. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

static uint32_t rng_state = 123456789u;
static uint32_t xorshift32(void)
{
    uint32_t x = rng_state;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    return rng_state = x;
}

static unsigned cmp_calls;

static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    cmp_calls++;
    return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

struct rec {
    int32_t key;
    char name[12];
    uint16_t id;        /* unique: breaks every tie */
    uint8_t flags;
};

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c) return c < 0 ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static uint32_t hash_ints(const int32_t *v, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint32_t)v[i]) * 16777619u;
    return h;
}

static void insertion_sort(int32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int32_t x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x) { v[j] = v[j - 1]; j--; }
        v[j] = x;
    }
}

static void sift_down(int32_t *v, size_t start, size_t end)
{
    size_t root = start;
    while (2 * root + 1 <= end) {
        size_t child = 2 * root + 1, sw = root;
        if (v[sw] < v[child]) sw = child;
        if (child + 1 <= end && v[sw] < v[child + 1]) sw = child + 1;
        if (sw == root) return;
        int32_t t = v[root]; v[root] = v[sw]; v[sw] = t;
        root = sw;
    }
}

static void heap_sort(int32_t *v, size_t n)
{
    if (n < 2) return;
    for (size_t s = (n - 2) / 2 + 1; s-- > 0;) sift_down(v, s, n - 1);
    for (size_t end = n - 1; end > 0; end--) {
        int32_t t = v[0]; v[0] = v[end]; v[end] = t;
        sift_down(v, 0, end - 1);
    }
}

static void merge_sort(int32_t *v, int32_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = v[j] < v[i] ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

#define N 3000

int main(void)
{
    static int32_t a[N], b[N], c[N], d[N], tmp[N];
    int errors = 0;

    for (int i = 0; i < N; i++) {
        uint32_t r = xorshift32();
        /* many duplicates in part of the array */
        a[i] = (i % 3 == 0) ? (int32_t)(r % 50) - 25 : (int32_t)r;
    }
    memcpy(b, a, sizeof a); memcpy(c, a, sizeof a); memcpy(d, a, sizeof a);
    printf("input hash %08" PRIx32 "\n", hash_ints(a, N));

    qsort(a, N, sizeof a[0], cmp_int);
    for (int i = 1; i < N; i++) if (a[i - 1] > a[i]) errors++;
    printf("qsort hash %08" PRIx32 " min %" PRId32 " max %" PRId32 " median %" PRId32 "\n",
           hash_ints(a, N), a[0], a[N - 1], a[N / 2]);
    printf("first:");
    for (int i = 0; i < 8; i++) printf(" %" PRId32, a[i]);
    printf("\nlast:");
    for (int i = N - 8; i < N; i++) printf(" %" PRId32, a[i]);
    printf("\n");
    printf("comparator was called: %s\n", cmp_calls > N ? "yes" : "no");

    insertion_sort(b, N);
    heap_sort(c, N);
    merge_sort(d, tmp, N);
    printf("insertion %s, heap %s, merge %s\n", memcmp(a, b, sizeof a) ? "DIFFERS" : "same",
           memcmp(a, c, sizeof a) ? "DIFFERS" : "same", memcmp(a, d, sizeof a) ? "DIFFERS" : "same");
    errors += memcmp(a, b, sizeof a) != 0;

    qsort(b, N, sizeof b[0], cmp_int_desc);
    printf("desc hash %08" PRIx32 " first %" PRId32 "\n", hash_ints(b, N), b[0]);

    /* bsearch: present and absent keys.  Duplicates make the index
     * implementation-specific, so report the found value, not the index,
     * for those. */
    static const int32_t probes[] = { -25, 0, 24, 25, 7, -26, 1000, INT32_MIN, INT32_MAX };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        const int32_t *p = bsearch(&probes[i], a, N, sizeof a[0], cmp_int);
        printf("bsearch %" PRId32 ": %s\n", probes[i], p ? (*p == probes[i] ? "found" : "WRONG") : "absent");
    }
    int found_unique = 0;
    for (int i = 0; i < N; i += 97) {
        int32_t key = a[i];
        const int32_t *p = bsearch(&key, a, N, sizeof a[0], cmp_int);
        if (!p || *p != key) errors++;
        else if (key < -25 || key > 25) found_unique += (p - a) == i;
    }
    printf("bsearch of unique keys found at their index: %d\n", found_unique);

    /* Edge sizes. */
    int32_t e[4] = { 3, 1, 2, 0 };
    qsort(e, 0, sizeof e[0], cmp_int);
    qsort(e, 1, sizeof e[0], cmp_int);
    printf("after n=0,1: %d %d %d %d\n", (int)e[0], (int)e[1], (int)e[2], (int)e[3]);
    qsort(e, 2, sizeof e[0], cmp_int);
    printf("after n=2: %d %d %d %d\n", (int)e[0], (int)e[1], (int)e[2], (int)e[3]);
    qsort(e, 4, sizeof e[0], cmp_int);
    printf("after n=4: %d %d %d %d\n", (int)e[0], (int)e[1], (int)e[2], (int)e[3]);

    /* 64-bit keys. */
    static uint64_t q[500];
    for (int i = 0; i < 500; i++) {
        uint64_t hi = xorshift32();   /* two statements: argument and operand */
        uint64_t lo = xorshift32();   /* evaluation order is unspecified in C */
        q[i] = (hi << 32 | lo) >> (i % 40);
    }
    qsort(q, 500, sizeof q[0], cmp_u64);
    for (int i = 1; i < 500; i++) if (q[i - 1] > q[i]) errors++;
    printf("u64: %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n", q[0], q[250], q[499]);

    /* Structs with a multi-key total order. */
    static struct rec recs[400];
    static const char *syll[] = { "ka", "lo", "mi", "nu", "zo", "be", "ta" };
    for (int i = 0; i < 400; i++) {
        recs[i].key = (int32_t)(xorshift32() % 20) - 10;
        uint32_t s1 = xorshift32() % 7;
        uint32_t s2 = xorshift32() % 7;
        snprintf(recs[i].name, sizeof recs[i].name, "%s%s%s", syll[s1], syll[s2], (i % 5) ? "" : syll[i % 7]);
        recs[i].id = (uint16_t)i;
        recs[i].flags = (uint8_t)(i * 37);
    }
    qsort(recs, 400, sizeof recs[0], cmp_rec);
    uint32_t rh = 0;
    for (int i = 0; i < 400; i++) {
        if (i && cmp_rec(&recs[i - 1], &recs[i]) >= 0) errors++;
        rh = rh * 31 + (uint32_t)recs[i].key * 7 + recs[i].id + recs[i].flags;
    }
    for (int i = 0; i < 400; i += 57)
        printf("rec[%3d] key=%3d name=%-8s id=%3u\n", i, (int)recs[i].key, recs[i].name, recs[i].id);
    printf("records hash %08" PRIx32 "\n", rh);
    struct rec key = recs[123];
    const struct rec *fr = bsearch(&key, recs, 400, sizeof recs[0], cmp_rec);
    printf("bsearch rec: %s at %d\n", fr ? fr->name : "-", fr ? (int)(fr - recs) : -1);

    /* Strings through an array of pointers. */
    const char *names[] = { "pear", "apple", "fig", "banana", "cherry", "apple pie", "Zucchini",
                            "date", "", "elderberry", "grape", "kiwi", "Apple" };
    size_t nn = sizeof names / sizeof names[0];
    qsort(names, nn, sizeof names[0], cmp_str);
    for (size_t i = 0; i < nn; i++) printf("[%s]%s", names[i], i + 1 == nn ? "\n" : " ");
    const char *want = "fig";
    const char **fs = bsearch(&want, names, nn, sizeof names[0], cmp_str);
    printf("bsearch fig at %d\n", fs ? (int)(fs - names) : -1);

    printf("errors %d\n", errors);
    return errors ? 1 : 0;
}
