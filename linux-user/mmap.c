/*
 * Guest address space management.
 *
 * One host reservation holds the whole 32-bit guest space plus guard areas:
 *
 *   [guard GUARD][guest 0 .. 4 GiB)[guard GUARD]
 *
 * Unmapped guest pages are PROT_NONE host pages of the reservation, so a
 * stray guest access faults instead of touching host memory, and guest
 * mmap/munmap/mprotect become host calls with MAP_FIXED inside the window.
 * Host and guest pages are both 4 KiB, so no page-size emulation is needed.
 *
 * page_flags[] holds each guest page's state; it answers the syscall
 * pointer checks and the translator's fetch checks without a lock.
 * Mapping names for /proc/self/maps are kept in a sorted array of ranges.
 */
#include "linux-user/mmap.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tcg/log.h"
#include "tcg/tb.h"
#include "tcg/util.h"

#define WINDOW_GUARD (1ull << 24)      /* 16 MiB each side, >> GUEST_GUARD */
#define WINDOW_SIZE (1ull << 32)

uint8_t *guest_base;
uint8_t *page_flags;

static uint8_t *window;                 /* start of the reservation */
static uint32_t task_size;
static uint32_t mmap_base;              /* top-down search starts below this */
static uint32_t brk_start, brk_cur, brk_mapped;
static pthread_mutex_t mmap_mutex = PTHREAD_MUTEX_INITIALIZER;

typedef struct MapName {
    uint32_t start, end;                /* [start, end) */
    char *name;
} MapName;

static MapName *names;
static size_t nb_names, max_names;

void mmap_lock(void) { pthread_mutex_lock(&mmap_mutex); }
void mmap_unlock(void) { pthread_mutex_unlock(&mmap_mutex); }

void guest_mem_init(uint32_t tsize)
{
    size_t total = WINDOW_SIZE + 2 * WINDOW_GUARD;
    window = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (window == MAP_FAILED) {
        fatal("cannot reserve the 4 GiB guest address space: %s", strerror(errno));
    }
    guest_base = window + WINDOW_GUARD;
    page_flags = mmap(NULL, GUEST_NB_PAGES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                      -1, 0);
    if (page_flags == MAP_FAILED) {
        fatal("cannot allocate the guest page table");
    }
    task_size = tsize;
    mmap_base = tsize;
}

uint32_t guest_task_size(void) { return task_size; }

bool guest_addr_in_window(uintptr_t host)
{
    return host >= (uintptr_t)window && host < (uintptr_t)window + WINDOW_SIZE + 2 * WINDOW_GUARD;
}

void mmap_set_base(uint32_t base) { mmap_base = base; }

static int guest_to_page_flags(int prot)
{
    return (prot & PROT_READ ? PAGE_READ : 0) | (prot & PROT_WRITE ? PAGE_WRITE : 0) |
           (prot & PROT_EXEC ? PAGE_EXEC : 0);
}

/* The host protection of a guest mapping.  The translator reads code from
 * the host copy, so an executable page must be host-readable. */
static int host_prot(int prot)
{
    int h = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC) {
        h |= PROT_READ;
    }
    return h;
}

static void set_page_flags(uint32_t start, uint64_t len, int flags)
{
    memset(page_flags + (start >> GUEST_PAGE_BITS), flags, (size_t)(len >> GUEST_PAGE_BITS));
}

static bool range_free(uint32_t start, uint64_t len)
{
    for (uint64_t a = start; a < (uint64_t)start + len; a += GUEST_PAGE_SIZE) {
        if (page_flags[a >> GUEST_PAGE_BITS] & (PAGE_VALID | PAGE_RESERVED)) {
            return false;
        }
    }
    return true;
}

uint32_t mmap_find_vma(uint32_t hint, uint32_t len, uint32_t align)
{
    if (align < GUEST_PAGE_SIZE) {
        align = GUEST_PAGE_SIZE;
    }
    len = ALIGN_UP(len, GUEST_PAGE_SIZE);
    if (len == 0 || len > task_size) {
        return UINT32_MAX;
    }
    if (hint && !(hint & (align - 1)) && (uint64_t)hint + len <= task_size && range_free(hint, len)) {
        return hint;
    }
    /* Top-down from mmap_base, as Linux does, skipping page 0. */
    uint64_t top = ALIGN_DOWN((uint64_t)mmap_base, align);
    while (top >= (uint64_t)len + GUEST_PAGE_SIZE) {
        uint64_t start = ALIGN_DOWN(top - len, align);
        if (start < GUEST_PAGE_SIZE) {
            break;
        }
        /* Scan down for the highest used page in [start, start+len). */
        uint64_t a = start + len;
        bool ok = true;
        while (a > start) {
            a -= GUEST_PAGE_SIZE;
            if (page_flags[a >> GUEST_PAGE_BITS] & (PAGE_VALID | PAGE_RESERVED)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return (uint32_t)start;
        }
        top = a;
    }
    /* Then bottom-up above mmap_base. */
    for (uint64_t start = ALIGN_UP((uint64_t)mmap_base, align); start + len <= task_size; start += align) {
        if (range_free((uint32_t)start, len)) {
            return (uint32_t)start;
        }
    }
    return UINT32_MAX;
}

static void names_remove(uint32_t start, uint64_t end)
{
    MapName *out = xmalloc((nb_names + 2) * sizeof(MapName));
    size_t n = 0;
    for (size_t i = 0; i < nb_names; i++) {
        MapName m = names[i];
        if (m.end <= start || m.start >= end) {
            out[n++] = m;
            continue;
        }
        /* Keep the parts outside [start, end); at most one range can be
         * split in two. */
        if (m.start < start) {
            out[n++] = (MapName){ m.start, start, xstrdup(m.name) };
        }
        if (m.end > end) {
            out[n++] = (MapName){ (uint32_t)end, m.end, xstrdup(m.name) };
        }
        free(m.name);
    }
    free(names);
    names = out;
    nb_names = n;
    max_names = nb_names + 2;
}

static int name_cmp(const void *a, const void *b)
{
    const MapName *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

void mmap_set_name(uint32_t start, uint32_t len, const char *name)
{
    names_remove(start, (uint64_t)start + len);
    if (!name) {
        return;
    }
    if (nb_names == max_names) {
        max_names = max_names * 2 + 16;
        names = xrealloc(names, max_names * sizeof(MapName));
    }
    names[nb_names++] = (MapName){ start, start + len, xstrdup(name) };
    qsort(names, nb_names, sizeof(MapName), name_cmp);
}

static const char *name_of(uint32_t addr)
{
    size_t lo = 0, hi = nb_names;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (names[mid].end <= addr) {
            lo = mid + 1;
        } else if (names[mid].start > addr) {
            hi = mid;
        } else {
            return names[mid].name;
        }
    }
    return NULL;
}

/* Give a range back to the reservation. */
static void host_unmap(uint32_t start, uint64_t len)
{
    void *p = mmap(g2h(start), len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) {
        fatal("cannot return guest range 0x%08x+0x%llx to the reservation", start, (unsigned long long)len);
    }
}

int64_t target_mmap(uint32_t start, uint32_t len, int prot, int flags, int fd, uint64_t offset)
{
    uint64_t alen;
    int64_t ret;

    if (len == 0) {
        return -EINVAL;
    }
    alen = ALIGN_UP((uint64_t)len, GUEST_PAGE_SIZE);
    if (offset & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (!(flags & (MAP_PRIVATE | MAP_SHARED | MAP_SHARED_VALIDATE))) {
        return -EINVAL;
    }
    mmap_lock();
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (start & (GUEST_PAGE_SIZE - 1)) {
            ret = -EINVAL;
            goto out;
        }
        if ((uint64_t)start + alen > task_size) {
            ret = (flags & MAP_FIXED) ? -EINVAL : -ENOMEM;
            goto out;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_free(start, alen)) {
            ret = -EEXIST;
            goto out;
        }
        for (uint64_t a = start; a < start + alen; a += GUEST_PAGE_SIZE) {
            if (page_flags[a >> GUEST_PAGE_BITS] & PAGE_RESERVED) {
                ret = -EINVAL;
                goto out;
            }
        }
    } else {
        uint32_t hint = start & GUEST_PAGE_MASK;
        start = mmap_find_vma(hint, (uint32_t)alen, GUEST_PAGE_SIZE);
        if (start == UINT32_MAX || alen > UINT32_MAX) {
            ret = -ENOMEM;
            goto out;
        }
    }
    int hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN)) | MAP_FIXED;
    void *p = mmap(g2h(start), alen, host_prot(prot), hflags, fd, (off_t)offset);
    if (p == MAP_FAILED) {
        ret = -errno;
        /* A failed MAP_FIXED over an existing mapping leaves it intact. */
        goto out;
    }
    tb_invalidate_range(start, start + alen);
    set_page_flags(start, alen, PAGE_VALID | guest_to_page_flags(prot) | (fd < 0 || (flags & MAP_ANONYMOUS) ? PAGE_ANON : 0));
    names_remove(start, start + alen);
    if (fd >= 0 && !(flags & MAP_ANONYMOUS)) {
        char link[64], path[4096];
        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, path, sizeof(path) - 1);
        if (n > 0) {
            path[n] = 0;
            mmap_set_name(start, (uint32_t)alen, path);
        }
    }
    if (log_enabled(LOG_PAGE)) {
        fprintf(log_file, "mmap: 0x%08x-0x%08llx prot=%d flags=0x%x fd=%d off=0x%llx\n", start,
                (unsigned long long)(start + alen), prot, flags, fd, (unsigned long long)offset);
    }
    ret = start;
out:
    mmap_unlock();
    return ret;
}

int target_munmap(uint32_t start, uint32_t len)
{
    if ((start & (GUEST_PAGE_SIZE - 1)) || len == 0) {
        return -EINVAL;
    }
    uint64_t alen = ALIGN_UP((uint64_t)len, GUEST_PAGE_SIZE);
    if ((uint64_t)start + alen > task_size) {
        return -EINVAL;
    }
    mmap_lock();
    for (uint64_t a = start; a < start + alen; a += GUEST_PAGE_SIZE) {
        if (page_flags[a >> GUEST_PAGE_BITS] & PAGE_RESERVED) {
            mmap_unlock();
            return -EINVAL;
        }
    }
    host_unmap(start, alen);
    set_page_flags(start, alen, 0);
    names_remove(start, start + alen);
    mmap_unlock();
    tb_invalidate_range(start, start + alen);
    return 0;
}

int target_mprotect(uint32_t start, uint32_t len, int prot)
{
    if (start & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) {
        return -EINVAL;
    }
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
    uint64_t alen = ALIGN_UP((uint64_t)len, GUEST_PAGE_SIZE);
    if ((uint64_t)start + alen > task_size) {
        return -ENOMEM;
    }
    if (alen == 0) {
        return 0;
    }
    mmap_lock();
    for (uint64_t a = start; a < start + alen; a += GUEST_PAGE_SIZE) {
        int f = page_flags[a >> GUEST_PAGE_BITS];
        if (!(f & PAGE_VALID) || (f & PAGE_RESERVED)) {
            mmap_unlock();
            return -ENOMEM;
        }
    }
    if (mprotect(g2h(start), alen, host_prot(prot)) < 0) {
        int e = errno;
        mmap_unlock();
        return -e;
    }
    bool lost_exec = false;
    for (uint64_t a = start; a < start + alen; a += GUEST_PAGE_SIZE) {
        uint8_t *pf = &page_flags[a >> GUEST_PAGE_BITS];
        if ((*pf & PAGE_EXEC) && !(prot & PROT_EXEC)) {
            lost_exec = true;
        }
        /* Code pages stay host read-only; the flag is rebuilt on demand. */
        *pf = (uint8_t)((*pf & (PAGE_VALID | PAGE_ANON)) | guest_to_page_flags(prot));
    }
    mmap_unlock();
    /* Translations of code that is no longer executable, or that is now
     * writable without host protection, must go. */
    if (lost_exec || (prot & PROT_WRITE)) {
        tb_invalidate_range(start, start + alen);
    }
    return 0;
}

int64_t target_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr)
{
    uint64_t olen = ALIGN_UP((uint64_t)old_len, GUEST_PAGE_SIZE);
    uint64_t nlen = ALIGN_UP((uint64_t)new_len, GUEST_PAGE_SIZE);
    int64_t ret;

    if ((old_addr & (GUEST_PAGE_SIZE - 1)) || nlen == 0 || nlen > task_size) {
        return -EINVAL;
    }
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) {
        return -EINVAL;
    }
    mmap_lock();
    for (uint64_t a = old_addr; a < old_addr + (olen ? olen : GUEST_PAGE_SIZE); a += GUEST_PAGE_SIZE) {
        if (!(page_flags[a >> GUEST_PAGE_BITS] & PAGE_VALID)) {
            ret = -EFAULT;
            goto out;
        }
    }
    int keep = page_flags[old_addr >> GUEST_PAGE_BITS] & (PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_ANON);
    const char *nm = name_of(old_addr);
    char *name = nm ? xstrdup(nm) : NULL;
    uint32_t dest;
    if (flags & MREMAP_FIXED) {
        if ((new_addr & (GUEST_PAGE_SIZE - 1)) || (uint64_t)new_addr + nlen > task_size) {
            free(name);
            ret = -EINVAL;
            goto out;
        }
        dest = new_addr;
    } else if (nlen <= olen) {
        dest = old_addr;
    } else if (range_free(old_addr + (uint32_t)olen, nlen - olen) && (uint64_t)old_addr + nlen <= task_size) {
        dest = old_addr;
    } else if (flags & MREMAP_MAYMOVE) {
        dest = mmap_find_vma(0, (uint32_t)nlen, GUEST_PAGE_SIZE);
        if (dest == UINT32_MAX) {
            free(name);
            ret = -ENOMEM;
            goto out;
        }
    } else {
        free(name);
        ret = -ENOMEM;
        goto out;
    }
    int hflags = flags & ~MREMAP_FIXED;
    if (dest != old_addr) {
        hflags |= MREMAP_FIXED | MREMAP_MAYMOVE;
    } else {
        hflags &= ~MREMAP_MAYMOVE;
    }
    void *p = mremap(g2h(old_addr), olen, nlen, hflags, g2h(dest));
    if (p == MAP_FAILED) {
        ret = -errno;
        free(name);
        goto out;
    }
    if (dest != old_addr) {
        if (!(flags & MREMAP_DONTUNMAP)) {
            /* The host unmapped the old range: re-reserve it. */
            host_unmap(old_addr, olen);
            set_page_flags(old_addr, olen, 0);
            names_remove(old_addr, old_addr + olen);
        }
    } else if (nlen < olen) {
        host_unmap(old_addr + (uint32_t)nlen, olen - nlen);
        set_page_flags(old_addr + (uint32_t)nlen, olen - nlen, 0);
        names_remove(old_addr + nlen, old_addr + olen);
    }
    set_page_flags(dest, nlen, PAGE_VALID | keep);
    if (name) {
        mmap_set_name(dest, (uint32_t)nlen, name);
        free(name);
    }
    ret = dest;
out:
    mmap_unlock();
    if (ret >= 0) {
        tb_invalidate_range(old_addr, old_addr + olen);
    }
    return ret;
}

void target_set_brk(uint32_t start)
{
    brk_start = brk_cur = brk_mapped = ALIGN_UP(start, GUEST_PAGE_SIZE);
}

uint32_t target_brk(uint32_t new_brk)
{
    if (new_brk < brk_start) {
        return brk_cur;
    }
    mmap_lock();
    uint32_t need = ALIGN_UP(new_brk, GUEST_PAGE_SIZE);
    if (need > brk_mapped) {
        if ((uint64_t)need > task_size || !range_free(brk_mapped, need - brk_mapped)) {
            mmap_unlock();
            return brk_cur;
        }
        void *p = mmap(g2h(brk_mapped), need - brk_mapped, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            mmap_unlock();
            return brk_cur;
        }
        set_page_flags(brk_mapped, need - brk_mapped, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
        brk_mapped = need;
    } else if (need < brk_mapped) {
        host_unmap(need, brk_mapped - need);
        set_page_flags(need, brk_mapped - need, 0);
        brk_mapped = need;
    } else if (new_brk < brk_cur) {
        /* Shrinking within a page: the kernel zeroes nothing here either. */
    }
    if (brk_mapped > brk_start) {
        mmap_set_name(brk_start, brk_mapped - brk_start, "[heap]");
    }
    brk_cur = new_brk;
    mmap_unlock();
    return brk_cur;
}

void guest_reserve_range(uint32_t start, uint32_t len, int prot)
{
    uint64_t alen = ALIGN_UP((uint64_t)len, GUEST_PAGE_SIZE);
    set_page_flags(start, alen, PAGE_VALID | PAGE_RESERVED | guest_to_page_flags(prot));
}

void page_protect_code(uint32_t page)
{
    uint8_t *pf = &page_flags[page >> GUEST_PAGE_BITS];
    if ((*pf & PAGE_WRITE) && !(*pf & PAGE_WRITE_ORG)) {
        mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ);
        *pf |= PAGE_WRITE_ORG;
    }
}

bool page_unprotect(uintptr_t host)
{
    if (host < (uintptr_t)guest_base || host >= (uintptr_t)guest_base + WINDOW_SIZE) {
        return false;
    }
    uint32_t page = h2g((void *)host) & GUEST_PAGE_MASK;
    uint8_t *pf = &page_flags[page >> GUEST_PAGE_BITS];
    if (!(*pf & PAGE_WRITE_ORG)) {
        return false;
    }
    tb_invalidate_range(page, (uint64_t)page + GUEST_PAGE_SIZE);
    *pf &= (uint8_t)~PAGE_WRITE_ORG;
    mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
    return true;
}

bool guest_range_ok(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0) {
        return true;
    }
    uint64_t end = (uint64_t)addr + len;
    if (end > WINDOW_SIZE) {
        return false;
    }
    int need = PAGE_VALID | guest_to_page_flags(prot & (PROT_READ | PROT_WRITE));
    for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        int f = page_flags[a >> GUEST_PAGE_BITS];
        if ((f & need) != need) {
            return false;
        }
    }
    if (prot & PROT_WRITE) {
        /* The host kernel writes straight into the window: lift the code
         * protection first, as a guest store would. */
        for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
            if (page_flags[a >> GUEST_PAGE_BITS] & PAGE_WRITE_ORG) {
                page_unprotect((uintptr_t)g2h((uint32_t)a));
            }
        }
    }
    return true;
}

void *lock_user(uint32_t addr, uint32_t len, int prot)
{
    return guest_range_ok(addr, len, prot) ? g2h(addr) : NULL;
}

int64_t guest_strlen(uint32_t addr)
{
    uint64_t a = addr;
    for (;;) {
        if (a >= WINDOW_SIZE) {
            return -1;
        }
        int f = page_flags[a >> GUEST_PAGE_BITS];
        if ((f & (PAGE_VALID | PAGE_READ)) != (PAGE_VALID | PAGE_READ)) {
            return -1;
        }
        uint64_t page_end = (a | (GUEST_PAGE_SIZE - 1)) + 1;
        const char *p = g2h((uint32_t)a);
        const char *z = memchr(p, 0, (size_t)(page_end - a));
        if (z) {
            return (int64_t)(a - addr) + (z - p);
        }
        a = page_end;
    }
}

const char *lock_user_string(uint32_t addr)
{
    return guest_strlen(addr) < 0 ? NULL : g2h(addr);
}

void mmap_dump_maps(FILE *f)
{
    uint64_t a = 0;
    while (a < WINDOW_SIZE) {
        int fl = page_flags[a >> GUEST_PAGE_BITS];
        if (!(fl & PAGE_VALID)) {
            a += GUEST_PAGE_SIZE;
            continue;
        }
        const char *nm = name_of((uint32_t)a);
        uint64_t b = a + GUEST_PAGE_SIZE;
        int pfl = fl & (PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_VALID);
        while (b < WINDOW_SIZE &&
               (page_flags[b >> GUEST_PAGE_BITS] & (PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_VALID)) == pfl &&
               name_of((uint32_t)b) == nm) {
            b += GUEST_PAGE_SIZE;
        }
        fprintf(f, "%08llx-%08llx %c%c%cp 00000000 00:00 0", (unsigned long long)a, (unsigned long long)b,
                fl & PAGE_READ ? 'r' : '-', fl & PAGE_WRITE ? 'w' : '-', fl & PAGE_EXEC ? 'x' : '-');
        if (nm) {
            fprintf(f, "%*s%s", 10, "", nm);
        }
        fputc('\n', f);
        a = b;
    }
}

#include <sys/shm.h>

/* ---- System V shared memory (syscall/ipc.c) ----
 *
 * A segment is attached inside the window with SHM_REMAP over the
 * reservation, so the window never has a hole.  Detaching maps the
 * reservation back over it, which the host kernel counts as a detach; the
 * table remembers each attachment's length, which shmdt does not pass. */

typedef struct ShmRegion {
    uint32_t start, len;
} ShmRegion;

static ShmRegion *shm_regions;
static size_t nb_shm_regions, max_shm_regions;

int64_t target_shmat(int shmid, uint32_t addr, int flags, uint32_t shmlba)
{
    struct shmid_ds ds;
    if (shmctl(shmid, IPC_STAT, &ds) < 0) {
        return -errno;
    }
    if (shmlba < GUEST_PAGE_SIZE) {
        shmlba = GUEST_PAGE_SIZE;
    }
    uint64_t len = ALIGN_UP((uint64_t)ds.shm_segsz, GUEST_PAGE_SIZE);
    if (len == 0 || len > task_size) {
        return -EINVAL;
    }
    int64_t ret;
    mmap_lock();
    if (addr) {
        if (addr & (shmlba - 1)) {
            if (!(flags & SHM_RND)) {
                ret = -EINVAL;
                goto out;
            }
            addr &= ~(shmlba - 1);
        }
        if (!addr || (uint64_t)addr + len > task_size) {
            ret = -EINVAL;
            goto out;
        }
        /* Without SHM_REMAP, Linux refuses to replace anything. */
        if (!(flags & SHM_REMAP) && !range_free(addr, len)) {
            ret = -EINVAL;
            goto out;
        }
        for (uint64_t a = addr; a < addr + len; a += GUEST_PAGE_SIZE) {
            if (page_flags[a >> GUEST_PAGE_BITS] & PAGE_RESERVED) {
                ret = -EINVAL;
                goto out;
            }
        }
    } else {
        if (flags & SHM_REMAP) {
            ret = -EINVAL;
            goto out;
        }
        addr = mmap_find_vma(0, (uint32_t)len, shmlba);
        if (addr == UINT32_MAX) {
            ret = -ENOMEM;
            goto out;
        }
    }
    /* The translator reads code from the host copy: no need for host exec. */
    if (shmat(shmid, g2h(addr), (flags & SHM_RDONLY) | SHM_REMAP) == (void *)-1) {
        ret = -errno;
        goto out;
    }
    tb_invalidate_range(addr, addr + len);
    set_page_flags(addr, len, PAGE_VALID | PAGE_READ | (flags & SHM_RDONLY ? 0 : PAGE_WRITE) |
                                  (flags & SHM_EXEC ? PAGE_EXEC : 0));
    char name[64];
    snprintf(name, sizeof(name), "/SYSV%08x (deleted)", (uint32_t)ds.shm_perm.__key);
    mmap_set_name(addr, (uint32_t)len, name);
    size_t i;
    for (i = 0; i < nb_shm_regions && shm_regions[i].start != addr; i++) {
    }
    if (i == nb_shm_regions) {
        if (nb_shm_regions == max_shm_regions) {
            max_shm_regions = max_shm_regions * 2 + 8;
            shm_regions = xrealloc(shm_regions, max_shm_regions * sizeof(ShmRegion));
        }
        nb_shm_regions++;
    }
    shm_regions[i] = (ShmRegion){ addr, (uint32_t)len };
    ret = addr;
out:
    mmap_unlock();
    return ret;
}

int target_shmdt(uint32_t addr)
{
    mmap_lock();
    for (size_t i = 0; i < nb_shm_regions; i++) {
        ShmRegion r = shm_regions[i];
        /* A region the guest has since unmapped is no attachment. */
        if (r.start != addr || !(page_flags[addr >> GUEST_PAGE_BITS] & PAGE_VALID)) {
            continue;
        }
        host_unmap(r.start, r.len);
        set_page_flags(r.start, r.len, 0);
        names_remove(r.start, (uint64_t)r.start + r.len);
        shm_regions[i] = shm_regions[--nb_shm_regions];
        mmap_unlock();
        tb_invalidate_range(r.start, (uint64_t)r.start + r.len);
        return 0;
    }
    mmap_unlock();
    return -EINVAL;
}
