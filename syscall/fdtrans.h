/*
 * File descriptors whose data is not byte-for-byte the same for the guest:
 * signalfd records (signal numbers, and byte order on big-endian guests),
 * inotify records and eventfd counters on big-endian guests.  The call that
 * creates such a descriptor registers a converter for it; the read and write
 * paths consult the table.
 *
 * What the read/write paths must do (syscall/fs.c):
 *   read:    r = <host read into guest buffer p>;  return fd_trans_read(a, fd, p, r);
 *   readv:   r = <host readv>;  return fd_trans_readv(a, fd, iov, cnt, r);
 *   write:   int64_t r;  if (fd_trans_write(a, fd, p, len, &r)) return r;  <host write>
 *   close:   fd_trans_close(fd) once close() succeeded (or failed with EINTR/EIO:
 *            the descriptor is gone either way)
 *   dup2, dup3:             fd_trans_dup(oldfd, newfd) on success
 *   dup, F_DUPFD(_CLOEXEC): fd_trans_dup(oldfd, result) on success
 * Every helper costs one load when no descriptor has a converter.
 */
#ifndef MIMIC_SYSCALL_FDTRANS_H
#define MIMIC_SYSCALL_FDTRANS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>

#include "syscall/syscall.h"

typedef struct FdTrans {
    const char *name;
    /* r bytes of host records were read into buf (guest memory): convert
     * them in place; returns r, or -errno. */
    int64_t (*read)(const SyscallArgs *a, uint8_t *buf, int64_t r);
    /* The guest's len bytes at g, converted into the host buffer h (same
     * length) before a write; returns 0 or -errno. */
    int64_t (*write)(const SyscallArgs *a, uint8_t *h, const uint8_t *g, uint32_t len);
} FdTrans;

void fd_trans_register(int fd, const FdTrans *t);
/* For big-endian guests: a descriptor that reads and writes one 8-byte
 * native-order counter (eventfd; timerfd reads). */
extern const FdTrans fd_trans_u64_be;
void fd_trans_close(int fd);
/* close_range(first, last) closed those descriptors. */
void fd_trans_close_range(unsigned first, unsigned last);
/* newfd now refers to what oldfd refers to (dup, dup2, dup3, F_DUPFD). */
void fd_trans_dup(int oldfd, int newfd);
/* The converter of fd, or NULL. */
const FdTrans *fd_trans_get(int fd);

/* The read paths: r is the host result; the result for the guest. */
int64_t fd_trans_read(const SyscallArgs *a, int fd, void *buf, int64_t r);
int64_t fd_trans_readv(const SyscallArgs *a, int fd, const struct iovec *iov, int cnt, int64_t r);
/* The write path: true when fd has a write converter, with the result of
 * the converted write (made through safe_syscall) in *ret. */
bool fd_trans_write(const SyscallArgs *a, int fd, const void *buf, uint32_t len, int64_t *ret);

#endif
