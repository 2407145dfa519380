/*
 * ioctl: a table of the requests mimic understands, each with its host
 * number and how its argument converts.  Unknown requests fail with ENOTTY
 * and one warning each.
 */
#include <errno.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"
#include "tcg/log.h"
#include "tcg/util.h"

typedef enum IoctlArg {
    IA_NONE,        /* argument passed through as a value */
    IA_INT_OUT,     /* int written by the kernel */
    IA_INT_IN,      /* int read by the kernel */
    IA_U64_OUT,     /* 64-bit value written */
    IA_STRUCT_OUT,  /* fixed-layout struct, copied out (byte order fixed for BE) */
    IA_STRUCT_IN,
} IoctlArg;

typedef struct IoctlDef {
    uint32_t guest;             /* the guest request number (generic ABI) */
    unsigned long host;
    const char *name;
    uint8_t arg;                /* IoctlArg */
    uint16_t size;              /* struct size */
    const StructConv *conv;     /* for BE guests; NULL: 32-bit words */
} IoctlDef;

/* struct termios (kernel): four 32-bit flag words, c_line and 19 c_cc. */
#define TERMIOS_SIZE 36

static const IoctlDef ioctls[] = {
    { 0x5401, TCGETS, "TCGETS", IA_STRUCT_OUT, TERMIOS_SIZE, NULL },
    { 0x5402, TCSETS, "TCSETS", IA_STRUCT_IN, TERMIOS_SIZE, NULL },
    { 0x5403, TCSETSW, "TCSETSW", IA_STRUCT_IN, TERMIOS_SIZE, NULL },
    { 0x5404, TCSETSF, "TCSETSF", IA_STRUCT_IN, TERMIOS_SIZE, NULL },
    { 0x5409, TCSBRK, "TCSBRK", IA_NONE, 0, NULL },
    { 0x540A, TCXONC, "TCXONC", IA_NONE, 0, NULL },
    { 0x540B, TCFLSH, "TCFLSH", IA_NONE, 0, NULL },
    { 0x540E, TIOCSCTTY, "TIOCSCTTY", IA_NONE, 0, NULL },
    { 0x540F, TIOCGPGRP, "TIOCGPGRP", IA_INT_OUT, 4, NULL },
    { 0x5410, TIOCSPGRP, "TIOCSPGRP", IA_INT_IN, 4, NULL },
    { 0x5413, TIOCGWINSZ, "TIOCGWINSZ", IA_STRUCT_OUT, 8, NULL },
    { 0x5414, TIOCSWINSZ, "TIOCSWINSZ", IA_STRUCT_IN, 8, NULL },
    { 0x541B, FIONREAD, "FIONREAD", IA_INT_OUT, 4, NULL },
    { 0x5421, FIONBIO, "FIONBIO", IA_INT_IN, 4, NULL },
    { 0x5422, TIOCNOTTY, "TIOCNOTTY", IA_NONE, 0, NULL },
    { 0x5429, TIOCGSID, "TIOCGSID", IA_INT_OUT, 4, NULL },
    { 0x5450, FIONCLEX, "FIONCLEX", IA_NONE, 0, NULL },
    { 0x5451, FIOCLEX, "FIOCLEX", IA_NONE, 0, NULL },
    { 0x5452, FIOASYNC, "FIOASYNC", IA_INT_IN, 4, NULL },
    { 0x80045430, TIOCGPTN, "TIOCGPTN", IA_INT_OUT, 4, NULL },
    { 0x40045431, TIOCSPTLCK, "TIOCSPTLCK", IA_INT_IN, 4, NULL },
    { 0x80081272, BLKGETSIZE64, "BLKGETSIZE64", IA_U64_OUT, 8, NULL },
    { 0x80046601, FS_IOC32_GETFLAGS, "FS_IOC_GETFLAGS", IA_INT_OUT, 4, NULL },
    { 0x40046602, FS_IOC32_SETFLAGS, "FS_IOC_SETFLAGS", IA_INT_IN, 4, NULL },
};

/* Swap each 32-bit word of a struct made of 32-bit words (termios flags;
 * winsize is four 16-bit words). */
static void fix_order(uint8_t *p, const IoctlDef *d, bool be)
{
    if (!be) {
        return;
    }
    if (d->host == TIOCGWINSZ || d->host == TIOCSWINSZ) {
        for (int i = 0; i < 8; i += 2) {
            uint16_t v;
            memcpy(&v, p + i, 2);
            v = __builtin_bswap16(v);
            memcpy(p + i, &v, 2);
        }
        return;
    }
    for (int i = 0; i + 4 <= 16 && i + 4 <= d->size; i += 4) {
        uint32_t v;
        memcpy(&v, p + i, 4);
        v = __builtin_bswap32(v);
        memcpy(p + i, &v, 4);
    }
}

int64_t sys_ioctl(SyscallArgs *a)
{
    int fd = (int)a->a[0];
    uint32_t req = a->a[1], arg = a->a[2];
    bool be = a->ua->big_endian;
    const IoctlDef *d = NULL;

    for (size_t i = 0; i < ARRAY_SIZE(ioctls); i++) {
        if (ioctls[i].guest == req) {
            d = &ioctls[i];
            break;
        }
    }
    if (!d) {
        static uint32_t warned[64];
        static unsigned nwarned;
        bool seen = false;
        for (unsigned i = 0; i < nwarned; i++) {
            seen |= warned[i] == req;
        }
        if (!seen) {
            if (nwarned < ARRAY_SIZE(warned)) {
                warned[nwarned++] = req;
            }
            fprintf(stderr, "mimic: unsupported ioctl 0x%08x on fd %d\n", req, fd);
        }
        return -ENOTTY;
    }
    uint8_t buf[64];
    uint8_t *g;
    int r;
    switch (d->arg) {
    case IA_NONE:
        return ioctl(fd, d->host, (unsigned long)arg) < 0 ? -errno : 0;
    case IA_INT_IN:
        g = lock_user(arg, 4, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        {
            int v = (int)g_ld32(g, be);
            return ioctl(fd, d->host, &v) < 0 ? -errno : 0;
        }
    case IA_INT_OUT:
        g = lock_user(arg, 4, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        {
            int v = 0;
            r = ioctl(fd, d->host, &v);
            if (r < 0) {
                return -errno;
            }
            g_st32(g, (uint32_t)v, be);
            return r;
        }
    case IA_U64_OUT:
        g = lock_user(arg, 8, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        {
            uint64_t v = 0;
            r = ioctl(fd, d->host, &v);
            if (r < 0) {
                return -errno;
            }
            g_st64(g, v, be);
            return r;
        }
    case IA_STRUCT_OUT:
        g = lock_user(arg, d->size, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        r = ioctl(fd, d->host, buf);
        if (r < 0) {
            return -errno;
        }
        fix_order(buf, d, be);
        memcpy(g, buf, d->size);
        return r;
    case IA_STRUCT_IN:
        g = lock_user(arg, d->size, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        memcpy(buf, g, d->size);
        fix_order(buf, d, be);
        return ioctl(fd, d->host, buf) < 0 ? -errno : 0;
    }
    return -ENOTTY;
}
