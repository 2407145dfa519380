/* malloc: allocator churn — many sizes (tiny, medium, and large enough to
 * be mmap'ed), realloc growing and shrinking, calloc zeroing, posix_memalign
 * and aligned_alloc, with every block filled with a pattern and verified
 * before it is freed.  Prints counts and a checksum of contents, never
 * addresses. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

static uint32_t rng_state = 0xC0FFEEu;
static uint32_t xorshift32(void)
{
    uint32_t x = rng_state;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    return rng_state = x;
}

#define SLOTS 512

struct slot { unsigned char *p; uint32_t size; uint32_t seed; };
static struct slot slots[SLOTS];

static unsigned char pat(uint32_t seed, uint32_t i) { return (unsigned char)((seed + i * 167u + (i >> 8)) & 0xff); }

static void fill(struct slot *s, uint32_t from)
{
    for (uint32_t i = from; i < s->size; i++) s->p[i] = pat(s->seed, i);
}

static int verify(const struct slot *s, uint32_t upto)
{
    for (uint32_t i = 0; i < upto; i++)
        if (s->p[i] != pat(s->seed, i)) return 0;
    return 1;
}

static uint32_t pick_size(void)
{
    uint32_t r = xorshift32();
    switch (r % 64) {
    case 0: case 1: case 2: return 0;
    case 63: return 131072 + (xorshift32() % (1u << 19));   /* mmap'ed */
    case 62: case 61: return 8192 + (xorshift32() % 65536);
    default:
        if (r % 64 < 30) return 1 + (xorshift32() % 64);
        if (r % 64 < 50) return 1 + (xorshift32() % 512);
        return 1 + (xorshift32() % 8192);
    }
}

int main(void)
{
    unsigned allocs = 0, frees = 0, reallocs = 0, callocs = 0, bad = 0, misaligned = 0;
    uint64_t bytes = 0;
    uint32_t check = 0;

    for (int op = 0; op < 12000; op++) {
        struct slot *s = &slots[xorshift32() % SLOTS];
        uint32_t what = xorshift32() % 10;
        if (!s->p) {
            s->size = pick_size();
            s->seed = xorshift32();
            if (what < 2) {
                s->p = calloc(1, s->size ? s->size : 1);
                callocs++;
                if (!s->p) { bad++; continue; }
                for (uint32_t i = 0; i < s->size; i++) if (s->p[i]) { bad++; break; }
            } else {
                s->p = malloc(s->size ? s->size : 1);
                allocs++;
                if (!s->p) { bad++; continue; }
            }
            if ((uintptr_t)s->p % 8) misaligned++;
            fill(s, 0);
            bytes += s->size;
        } else if (what < 6) {
            if (!verify(s, s->size)) bad++;
            for (uint32_t i = 0; i < s->size; i += 61) check = check * 31 + s->p[i];
            free(s->p);
            s->p = NULL;
            frees++;
        } else {
            uint32_t old = s->size, nsize = (what < 8 && old < (1u << 16)) ? old * 2 + 1 + (xorshift32() % 100)
                                                                          : old / 3 + 1;
            unsigned char *np = realloc(s->p, nsize);
            reallocs++;
            if (!np) { bad++; continue; }
            s->p = np;
            s->size = nsize;
            if (!verify(s, old < nsize ? old : nsize)) bad++;
            if ((uintptr_t)s->p % 8) misaligned++;
            fill(s, old < nsize ? old : nsize);
            bytes += nsize;
        }
    }
    uint32_t live = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (!slots[i].p) continue;
        live++;
        if (!verify(&slots[i], slots[i].size)) bad++;
        for (uint32_t j = 0; j < slots[i].size; j += 61) check = check * 31 + slots[i].p[j];
        free(slots[i].p);
        slots[i].p = NULL;
    }
    printf("allocs %u callocs %u reallocs %u frees %u live-at-end %" PRIu32 "\n",
           allocs, callocs, reallocs, frees, live);
    printf("bytes requested %" PRIu64 ", content checksum %08" PRIx32 "\n", bytes, check);
    printf("bad blocks %u, misaligned %u\n", bad, misaligned);

    /* Aligned allocation. */
    unsigned aligned_ok = 0, aligned_tries = 0;
    for (size_t al = 8; al <= 65536; al *= 2) {
        void *p = NULL;
        aligned_tries += 2;
        if (posix_memalign(&p, al, 100 + al) == 0) {
            if (((uintptr_t)p % al) == 0) aligned_ok++;
            memset(p, 0xab, 100 + al);
            free(p);
        }
        p = aligned_alloc(al, al * 3);
        if (p && ((uintptr_t)p % al) == 0) aligned_ok++;
        free(p);
    }
    printf("aligned allocations ok: %u of %u\n", aligned_ok, aligned_tries);

    /* A linked list built and torn down repeatedly. */
    struct node { struct node *next; uint32_t v; unsigned char payload[20]; };
    uint32_t lsum = 0;
    for (int round = 0; round < 50; round++) {
        struct node *head = NULL;
        for (uint32_t i = 0; i < 200; i++) {
            struct node *n = malloc(sizeof *n);
            n->v = i * (uint32_t)round;
            memset(n->payload, (int)i, sizeof n->payload);
            n->next = head;
            head = n;
        }
        while (head) {
            struct node *n = head;
            head = n->next;
            lsum = lsum * 7 + n->v + n->payload[19];
            free(n);
        }
    }
    printf("list checksum %08" PRIx32 "\n", lsum);

    /* One large block, touched sparsely. */
    size_t bigsz = 48u << 20;
    unsigned char *big = malloc(bigsz);
    if (big) {
        for (size_t i = 0; i < bigsz; i += 4096) big[i] = (unsigned char)(i >> 12);
        uint32_t bs = 0;
        for (size_t i = 0; i < bigsz; i += 4096) bs += big[i];
        printf("big block sum %" PRIu32 "\n", bs);
        free(big);
    } else {
        printf("big block allocation failed\n");
    }
    return bad || misaligned || aligned_ok != aligned_tries;
}
