/*
 * The fd-translation table: descriptor number -> converter.
 *
 * Lookups take no lock: the table has two levels, chunks of FDT_CHUNK
 * entries allocated on first use and never freed, and every entry is read
 * and written atomically.  Registrations are rare (signalfd, inotify_init,
 * eventfd on big-endian guests) and take a mutex only to allocate a chunk.
 * A fork keeps the table with the descriptors; an exec starts a new mimic,
 * whose table is empty.
 */
#include "syscall/fdtrans.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/user.h"
#include "tcg/util.h"

#define FDT_CHUNK_BITS 10
#define FDT_CHUNK (1u << FDT_CHUNK_BITS)
#define FDT_NB_CHUNKS 1024u         /* fds below 1 << 20, the kernel's default nr_open */

typedef const FdTrans *FdTransSlot;

static FdTransSlot *fdt_chunks[FDT_NB_CHUNKS];
static bool fdt_used;               /* any converter ever registered */
static pthread_mutex_t fdt_lock = PTHREAD_MUTEX_INITIALIZER;

static FdTransSlot *fdt_slot(int fd, bool create)
{
    if (fd < 0 || (unsigned)fd >= FDT_CHUNK * FDT_NB_CHUNKS) {
        return NULL;
    }
    unsigned c = (unsigned)fd >> FDT_CHUNK_BITS;
    FdTransSlot *chunk = __atomic_load_n(&fdt_chunks[c], __ATOMIC_ACQUIRE);
    if (!chunk && create) {
        pthread_mutex_lock(&fdt_lock);
        chunk = fdt_chunks[c];
        if (!chunk) {
            chunk = xzalloc(FDT_CHUNK * sizeof(*chunk));
            __atomic_store_n(&fdt_chunks[c], chunk, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&fdt_lock);
    }
    return chunk ? &chunk[fd & (FDT_CHUNK - 1)] : NULL;
}

void fd_trans_register(int fd, const FdTrans *t)
{
    FdTransSlot *s = fdt_slot(fd, true);
    if (s) {
        __atomic_store_n(&fdt_used, true, __ATOMIC_RELEASE);
        __atomic_store_n(s, t, __ATOMIC_RELEASE);
    }
}

const FdTrans *fd_trans_get(int fd)
{
    if (likely(!__atomic_load_n(&fdt_used, __ATOMIC_ACQUIRE))) {
        return NULL;
    }
    FdTransSlot *s = fdt_slot(fd, false);
    return s ? __atomic_load_n(s, __ATOMIC_ACQUIRE) : NULL;
}

void fd_trans_close(int fd)
{
    if (likely(!__atomic_load_n(&fdt_used, __ATOMIC_ACQUIRE))) {
        return;
    }
    FdTransSlot *s = fdt_slot(fd, false);
    if (s) {
        __atomic_store_n(s, NULL, __ATOMIC_RELEASE);
    }
}

void fd_trans_close_range(unsigned first, unsigned last)
{
    if (likely(!__atomic_load_n(&fdt_used, __ATOMIC_ACQUIRE))) {
        return;
    }
    for (unsigned c = first >> FDT_CHUNK_BITS; c < FDT_NB_CHUNKS && c <= last >> FDT_CHUNK_BITS; c++) {
        FdTransSlot *chunk = __atomic_load_n(&fdt_chunks[c], __ATOMIC_ACQUIRE);
        for (unsigned i = 0; chunk && i < FDT_CHUNK; i++) {
            unsigned fd = c << FDT_CHUNK_BITS | i;
            if (fd >= first && fd <= last) {
                __atomic_store_n(&chunk[i], NULL, __ATOMIC_RELEASE);
            }
        }
    }
}

void fd_trans_dup(int oldfd, int newfd)
{
    if (oldfd == newfd) {
        return;
    }
    const FdTrans *t = fd_trans_get(oldfd);
    if (t) {
        fd_trans_register(newfd, t);
    } else {
        fd_trans_close(newfd);
    }
}

int64_t fd_trans_read(const SyscallArgs *a, int fd, void *buf, int64_t r)
{
    if (r <= 0) {
        return r;
    }
    const FdTrans *t = fd_trans_get(fd);
    return t && t->read ? t->read(a, buf, r) : r;
}

int64_t fd_trans_readv(const SyscallArgs *a, int fd, const struct iovec *iov, int cnt, int64_t r)
{
    if (r <= 0) {
        return r;
    }
    const FdTrans *t = fd_trans_get(fd);
    if (!t || !t->read) {
        return r;
    }
    /* Records may straddle the buffers: convert a linear copy. */
    uint8_t *tmp = xmalloc((size_t)r);
    size_t off = 0;
    for (int i = 0; i < cnt && off < (size_t)r; i++) {
        size_t n = iov[i].iov_len < (size_t)r - off ? iov[i].iov_len : (size_t)r - off;
        memcpy(tmp + off, iov[i].iov_base, n);
        off += n;
    }
    int64_t ret = t->read(a, tmp, r);
    off = 0;
    for (int i = 0; i < cnt && off < (size_t)r; i++) {
        size_t n = iov[i].iov_len < (size_t)r - off ? iov[i].iov_len : (size_t)r - off;
        memcpy(iov[i].iov_base, tmp + off, n);
        off += n;
    }
    free(tmp);
    return ret;
}

bool fd_trans_write(const SyscallArgs *a, int fd, const void *buf, uint32_t len, int64_t *ret)
{
    const FdTrans *t = fd_trans_get(fd);
    if (!t || !t->write) {
        return false;
    }
    uint8_t *h = xmalloc(len ? len : 1);
    *ret = t->write(a, h, buf, len);
    if (*ret == 0) {
        *ret = safe_syscall(SYS_write, (long)fd, (long)h, (long)len);
    }
    free(h);
    return true;
}

/* An 8-byte native-order counter read or written whole (eventfd, timerfd
 * expirations): byte-swapped for big-endian guests. */
static int64_t u64_read(const SyscallArgs *a, uint8_t *buf, int64_t r)
{
    if (r == 8) {
        uint64_t v;
        memcpy(&v, buf, 8);
        g_st64(buf, v, true);
    }
    return r;
}

static int64_t u64_write(const SyscallArgs *a, uint8_t *h, const uint8_t *g, uint32_t len)
{
    memcpy(h, g, len);
    if (len == 8) {
        uint64_t v = g_ld64(g, true);
        memcpy(h, &v, 8);
    }
    return 0;
}

const FdTrans fd_trans_u64_be = { "u64", u64_read, u64_write };
