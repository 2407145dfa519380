/*
 * The guest address space in user mode: the reserved window, the per-page
 * flags, the mapping allocator behind mmap/munmap/mprotect/mremap/brk, and
 * the record of mappings that /proc/self/maps shows.
 */
#ifndef MIMIC_LINUX_USER_MMAP_H
#define MIMIC_LINUX_USER_MMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/types.h>

#include "tcg/guest-mem.h"

/* Reserve the window; task_size is the top of the guest's user space. */
void guest_mem_init(uint32_t task_size);
uint32_t guest_task_size(void);

void mmap_lock(void);
void mmap_unlock(void);

/* All take and return guest addresses; errors are negative host errnos.
 * flags are host MAP_* values (the syscall layer converts the guest's). */
int64_t target_mmap(uint32_t start, uint32_t len, int prot, int flags, int fd, uint64_t offset);
int target_munmap(uint32_t start, uint32_t len);
int target_mprotect(uint32_t start, uint32_t len, int prot);
int64_t target_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr);
uint32_t target_brk(uint32_t new_brk);
void target_set_brk(uint32_t start);

/* Find a free, unmapped range of len bytes (aligned to align), trying hint
 * first; returns (uint32_t)-1 when there is none. */
uint32_t mmap_find_vma(uint32_t hint, uint32_t len, uint32_t align);
/* Where non-fixed mappings start looking (top-down below this). */
void mmap_set_base(uint32_t base);

/* Mark [start, start+len) as owned by mimic (kuser page, sigpage). */
void guest_reserve_range(uint32_t start, uint32_t len, int prot);

/* Name a mapping for /proc/self/maps ("[stack]", "[heap]", a path). */
void mmap_set_name(uint32_t start, uint32_t len, const char *name);
/* Write the guest's /proc/self/maps. */
void mmap_dump_maps(FILE *f);

/* System V shared memory: attach segment shmid at guest address addr (0:
 * anywhere, aligned to shmlba), flags as for shmat; returns the guest
 * address or -errno.  Detach the segment attached at addr. */
int64_t target_shmat(int shmid, uint32_t addr, int flags, uint32_t shmlba);
int target_shmdt(uint32_t addr);

/* Pointer checks for syscalls.  lock_user returns the host address of a
 * guest range after checking access, or NULL (the caller returns EFAULT). */
void *lock_user(uint32_t addr, uint32_t len, int prot);
/* The length of the guest string at addr, or -1 if it is not readable. */
int64_t guest_strlen(uint32_t addr);
/* A host pointer to a guest NUL-terminated string, or NULL. */
const char *lock_user_string(uint32_t addr);

#endif
