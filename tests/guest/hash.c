/* hash: an open-addressing string hash table (FNV-1a, linear probing,
 * tombstones, growth by rehashing) under a mixed insert/lookup/delete
 * workload, then a chained word-frequency table over generated text, with
 * the results sorted by a hand-written merge sort and by qsort. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

static uint32_t rng_state = 0x2545F491u;
static uint32_t xorshift32(void)
{
    uint32_t x = rng_state;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    return rng_state = x;
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* ---- open addressing ---- */
struct entry { char *key; int32_t value; uint32_t hash; };
#define TOMBSTONE ((char *)1)

struct table { struct entry *e; uint32_t cap, used, live, probes, resizes; };

static void table_init(struct table *t, uint32_t cap)
{
    t->e = calloc(cap, sizeof *t->e);
    t->cap = cap;
    t->used = t->live = 0;
}

static struct entry *find_slot(struct table *t, const char *key, uint32_t h, int for_insert)
{
    uint32_t mask = t->cap - 1, i = h & mask;
    struct entry *tomb = NULL;
    for (;;) {
        struct entry *e = &t->e[i];
        t->probes++;
        if (e->key == NULL) return for_insert && tomb ? tomb : e;
        if (e->key == TOMBSTONE) { if (!tomb) tomb = e; }
        else if (e->hash == h && strcmp(e->key, key) == 0) return e;
        i = (i + 1) & mask;
    }
}

static void table_put(struct table *t, const char *key, int32_t value);

static void grow(struct table *t)
{
    struct table n;
    table_init(&n, t->cap * 2);
    n.probes = t->probes;
    n.resizes = t->resizes + 1;
    for (uint32_t i = 0; i < t->cap; i++) {
        struct entry *e = &t->e[i];
        if (e->key && e->key != TOMBSTONE) {
            struct entry *d = find_slot(&n, e->key, e->hash, 1);
            *d = *e;
            n.used++; n.live++;
        }
    }
    free(t->e);
    *t = n;
}

static void table_put(struct table *t, const char *key, int32_t value)
{
    if ((t->used + 1) * 10 > t->cap * 7) grow(t);
    uint32_t h = fnv1a(key);
    struct entry *e = find_slot(t, key, h, 1);
    if (e->key && e->key != TOMBSTONE) { e->value = value; return; }
    if (e->key == NULL) t->used++;
    e->key = strdup(key);
    e->hash = h;
    e->value = value;
    t->live++;
}

static struct entry *table_get(struct table *t, const char *key)
{
    struct entry *e = find_slot(t, key, fnv1a(key), 0);
    return e->key ? e : NULL;
}

static int table_del(struct table *t, const char *key)
{
    struct entry *e = table_get(t, key);
    if (!e) return 0;
    free(e->key);
    e->key = TOMBSTONE;
    t->live--;
    return 1;
}

/* ---- merge sort of string pointers ---- */
static void msort_str(char **v, char **tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    msort_str(v, tmp, h);
    msort_str(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = strcmp(v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* ---- chained word counts ---- */
struct wnode { struct wnode *next; char word[16]; uint32_t count; };
struct wc { const char *word; uint32_t count; };

static int cmp_wc(const void *a, const void *b)
{
    const struct wc *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->word, y->word);
}

int main(void)
{
    struct table t;
    table_init(&t, 16);
    t.probes = t.resizes = 0;
    char key[32];
    int32_t inserted = 0, found = 0, missing = 0, deleted = 0, wrong = 0;

    for (int i = 0; i < 6000; i++) {
        uint32_t r = xorshift32();
        snprintf(key, sizeof key, "k%" PRIu32, r % 4000);
        switch (r >> 29) {
        case 0: case 1: case 2: case 3:
            table_put(&t, key, (int32_t)(r % 4000) * 3);
            inserted++;
            break;
        case 4: case 5: {
            struct entry *e = table_get(&t, key);
            if (e) { found++; if (e->value != (int32_t)(r % 4000) * 3) wrong++; }
            else missing++;
            break;
        }
        default:
            deleted += table_del(&t, key);
        }
    }
    printf("inserts %" PRId32 " found %" PRId32 " missing %" PRId32 " deleted %" PRId32 " wrong %" PRId32 "\n",
           inserted, found, missing, deleted, wrong);
    printf("capacity %" PRIu32 " live %" PRIu32 " resizes %" PRIu32 " probes %" PRIu32 "\n",
           t.cap, t.live, t.resizes, t.probes);

    /* Collect, sort (two ways), print a sample and a checksum. */
    char **keys = malloc(t.live * sizeof *keys), **tmp = malloc(t.live * sizeof *tmp);
    uint32_t n = 0;
    int64_t value_sum = 0;
    for (uint32_t i = 0; i < t.cap; i++)
        if (t.e[i].key && t.e[i].key != TOMBSTONE) { keys[n++] = t.e[i].key; value_sum += t.e[i].value; }
    msort_str(keys, tmp, n);
    uint32_t kh = 2166136261u;
    for (uint32_t i = 0; i < n; i++) kh = (kh ^ fnv1a(keys[i])) * 16777619u;
    printf("%" PRIu32 " keys, value sum %" PRId64 ", sorted-key hash %08" PRIx32 "\n", n, value_sum, kh);
    printf("first:");
    for (uint32_t i = 0; i < 6 && i < n; i++) printf(" %s", keys[i]);
    printf("\nlast:");
    for (uint32_t i = n > 6 ? n - 6 : 0; i < n; i++) printf(" %s", keys[i]);
    printf("\n");
    int sorted = 1;
    for (uint32_t i = 1; i < n; i++) if (strcmp(keys[i - 1], keys[i]) >= 0) sorted = 0;
    printf("merge sort %s\n", sorted ? "ok" : "BROKEN");

    /* Every key of 0..3999: present iff a lookup says so, consistently. */
    uint32_t present = 0;
    for (int i = 0; i < 4000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        present += table_get(&t, key) != NULL;
    }
    printf("present by lookup %" PRIu32 " (live %" PRIu32 ")\n", present, t.live);
    for (uint32_t i = 0; i < t.cap; i++)
        if (t.e[i].key && t.e[i].key != TOMBSTONE) free(t.e[i].key);
    free(t.e); free(keys); free(tmp);

    /* Word frequencies over pseudo-random text from a small vocabulary
     * with a skewed distribution. */
    static const char *vocab[] = { "the", "of", "and", "to", "in", "is", "translator", "guest", "host",
                                   "block", "register", "flag", "branch", "memory", "syscall", "signal",
                                   "thumb", "arm", "mips", "power", "cache", "page", "stack", "heap" };
    const uint32_t nv = sizeof vocab / sizeof vocab[0];
    enum { NB = 61 };
    struct wnode *buckets[NB] = { 0 };
    uint32_t total = 0, distinct = 0;
    for (int i = 0; i < 20000; i++) {
        uint32_t r = xorshift32();
        uint32_t k = (r % nv) * ((r >> 8) % nv) / nv;   /* skewed towards small indices */
        char word[16];
        if (((r >> 20) & 15) == 0) snprintf(word, sizeof word, "%s%" PRIu32, vocab[k], (r >> 24) % 5);
        else snprintf(word, sizeof word, "%s", vocab[k]);
        uint32_t b = fnv1a(word) % NB;
        struct wnode *w;
        for (w = buckets[b]; w; w = w->next) if (strcmp(w->word, word) == 0) break;
        if (!w) {
            w = calloc(1, sizeof *w);
            snprintf(w->word, sizeof w->word, "%s", word);
            w->next = buckets[b];
            buckets[b] = w;
            distinct++;
        }
        w->count++;
        total++;
    }
    struct wc *list = malloc(distinct * sizeof *list);
    uint32_t m = 0, longest_chain = 0;
    for (int b = 0; b < NB; b++) {
        uint32_t chain = 0;
        for (struct wnode *w = buckets[b]; w; w = w->next) { list[m].word = w->word; list[m].count = w->count; m++; chain++; }
        if (chain > longest_chain) longest_chain = chain;
    }
    qsort(list, m, sizeof *list, cmp_wc);
    printf("%" PRIu32 " words, %" PRIu32 " distinct, longest chain %" PRIu32 "\n", total, distinct, longest_chain);
    for (uint32_t i = 0; i < 12 && i < m; i++) printf("%2" PRIu32 ". %-12s %5" PRIu32 "\n", i + 1, list[i].word, list[i].count);
    printf("rarest: %s (%" PRIu32 ")\n", list[m - 1].word, list[m - 1].count);
    for (int b = 0; b < NB; b++)
        for (struct wnode *w = buckets[b], *nx; w; w = nx) { nx = w->next; free(w); }
    free(list);
    return wrong != 0 || !sorted;
}
