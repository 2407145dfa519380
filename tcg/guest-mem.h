/*
 * The guest address space as the translator sees it.  Every guest is 32-bit:
 * guest address a lives at host address guest_base + a, inside one reserved
 * 4 GiB window with guard areas on both sides, so translated code needs no
 * bounds checks.  The user-mode implementation is linux-user/mmap.c.
 */
#ifndef MIMIC_TCG_GUEST_MEM_H
#define MIMIC_TCG_GUEST_MEM_H

#include <stdbool.h>
#include <stdint.h>

/* Translated code folds displacements below this into the host address;
 * a result outside the window lands in a guard and faults. */
#define GUEST_GUARD 0x10000

#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1u << GUEST_PAGE_BITS)
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))
#define GUEST_NB_PAGES (1u << (32 - GUEST_PAGE_BITS))

/* Page flags. */
enum {
    PAGE_READ   = 1 << 0,
    PAGE_WRITE  = 1 << 1,
    PAGE_EXEC   = 1 << 2,
    PAGE_VALID  = 1 << 3,       /* mapped */
    PAGE_WRITE_ORG = 1 << 4,    /* guest-writable, host-protected because it holds code */
    PAGE_ANON   = 1 << 5,       /* anonymous mapping */
    PAGE_RESERVED = 1 << 6,     /* owned by mimic, never by the guest */
};

extern uint8_t *guest_base;
extern uint8_t *page_flags;     /* GUEST_NB_PAGES entries */

static inline void *g2h(uint32_t addr) { return guest_base + addr; }
static inline uint32_t h2g(const void *p) { return (uint32_t)((const uint8_t *)p - guest_base); }
static inline int page_get_flags(uint32_t addr) { return page_flags[addr >> GUEST_PAGE_BITS]; }

/* True if the host address lies in the window or its guards. */
bool guest_addr_in_window(uintptr_t host);

/* Checks for syscall pointers: the whole range must have the access. */
bool guest_range_ok(uint32_t addr, uint32_t len, int prot);

/* Code pages: make the host copy read-only so guest writes are noticed. */
void page_protect_code(uint32_t page_addr);
/* A write fault hit host address 'host': if it is a protected code page,
 * invalidate its TBs, unprotect it and return true (retry the access). */
bool page_unprotect(uintptr_t host);

#endif
