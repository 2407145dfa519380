/* Syscall dispatch and the -strace printer, both driven by syscalls.def. */
#include "syscall/syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "tcg/log.h"
#include "tcg/util.h"

const SyscallDef syscall_defs[SYSID_NB] = {
#define SC(name, fn, ret, fmt) [SYSID_##name] = { #name, fn, ret, fmt, 0, false },
#define SX(name, n) [SYSID_##name] = { #name, NULL, SR_INT, NULL, n, false },
#define SN(name, n) [SYSID_##name] = { #name, NULL, SR_INT, NULL, n, true },
#include "syscall/syscalls.def"
#undef SC
#undef SX
#undef SN
};

bool strace_enabled;

uint64_t sys_arg64(const SyscallArgs *a, int i)
{
    uint32_t first = a->a[i], second = a->a[i + 1];
    return a->ua->big_endian ? (uint64_t)first << 32 | second : (uint64_t)second << 32 | first;
}

int64_t do_syscall(SyscallArgs *a)
{
    const SyscallDef *d = &syscall_defs[a->id];
    if (!d->fn) {
        static uint8_t warned[SYSID_NB];
        if (!warned[a->id] && (!d->quiet || log_enabled(LOG_UNIMP))) {
            warned[a->id] = 1;
            fprintf(stderr, "mimic: unsupported syscall %s\n", d->name);
        }
        return -ENOSYS;
    }
    return d->fn(a);
}

/* ---- -strace ---- */

static FILE *strace_out(void) { return log_file; }

static void print_string(FILE *f, uint32_t addr, int64_t maxlen)
{
    int64_t n = guest_strlen(addr);
    if (n < 0) {
        fprintf(f, "0x%x", addr);
        return;
    }
    const unsigned char *s = g2h(addr);
    int64_t lim = maxlen < n ? maxlen : n;
    fputc('"', f);
    for (int64_t i = 0; i < lim; i++) {
        unsigned char ch = s[i];
        if (ch == '"' || ch == '\\') {
            fprintf(f, "\\%c", ch);
        } else if (ch == '\n') {
            fputs("\\n", f);
        } else if (ch == '\t') {
            fputs("\\t", f);
        } else if (ch < 32 || ch >= 127) {
            fprintf(f, "\\%o", ch);
        } else {
            fputc(ch, f);
        }
    }
    fputc('"', f);
    if (lim < n) {
        fputs("...", f);
    }
}

static void print_buffer(FILE *f, uint32_t addr, int64_t len)
{
    if (len < 0) {
        fprintf(f, "0x%x", addr);
        return;
    }
    uint32_t show = len > 32 ? 32 : (uint32_t)len;
    if (!guest_range_ok(addr, show, PROT_READ)) {
        fprintf(f, "0x%x", addr);
        return;
    }
    const unsigned char *s = g2h(addr);
    fputc('"', f);
    for (uint32_t i = 0; i < show; i++) {
        unsigned char ch = s[i];
        if (ch == '\n') {
            fputs("\\n", f);
        } else if (ch == '"' || ch == '\\') {
            fprintf(f, "\\%c", ch);
        } else if (ch < 32 || ch >= 127) {
            fprintf(f, "\\%o", ch);
        } else {
            fputc(ch, f);
        }
    }
    fputc('"', f);
    if (show < len) {
        fputs("...", f);
    }
}

static const struct {
    uint32_t bit;
    const char *name;
} open_flag_names[] = {
    { O_APPEND, "O_APPEND" }, { O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
    { O_TRUNC, "O_TRUNC" }, { O_NONBLOCK, "O_NONBLOCK" }, { O_DSYNC, "O_DSYNC" }, { O_DIRECTORY, "O_DIRECTORY" },
    { O_NOFOLLOW, "O_NOFOLLOW" }, { O_CLOEXEC, "O_CLOEXEC" }, { O_DIRECT, "O_DIRECT" }, { O_NOATIME, "O_NOATIME" },
    { O_PATH, "O_PATH" }, { O_TMPFILE & ~O_DIRECTORY, "O_TMPFILE" },
};

static void print_open_flags(FILE *f, const SyscallArgs *a, uint32_t g)
{
    const FlagConv *fc = a->ua->flags[GF_OPEN];
    uint32_t h = fc ? flags_to_host(fc, g) : g;
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    fputs(acc[h & 3], f);
    for (size_t i = 0; i < ARRAY_SIZE(open_flag_names); i++) {
        if (h & open_flag_names[i].bit) {
            fprintf(f, "|%s", open_flag_names[i].name);
        }
    }
}

static void print_prot(FILE *f, uint32_t p)
{
    if (!p) {
        fputs("PROT_NONE", f);
        return;
    }
    const char *sep = "";
    if (p & PROT_READ) { fprintf(f, "%sPROT_READ", sep); sep = "|"; }
    if (p & PROT_WRITE) { fprintf(f, "%sPROT_WRITE", sep); sep = "|"; }
    if (p & PROT_EXEC) { fprintf(f, "%sPROT_EXEC", sep); sep = "|"; }
    if (p & ~7u) { fprintf(f, "%s0x%x", sep, p & ~7u); }
}

static void print_mmap_flags(FILE *f, const SyscallArgs *a, uint32_t g)
{
    const FlagConv *fc = a->ua->flags[GF_MMAP];
    uint32_t h = fc ? flags_to_host(fc, g) : g;
    static const struct { uint32_t bit; const char *name; } names[] = {
        { MAP_SHARED, "MAP_SHARED" }, { MAP_PRIVATE, "MAP_PRIVATE" }, { MAP_FIXED, "MAP_FIXED" },
        { MAP_ANONYMOUS, "MAP_ANONYMOUS" }, { MAP_GROWSDOWN, "MAP_GROWSDOWN" }, { MAP_DENYWRITE, "MAP_DENYWRITE" },
        { MAP_NORESERVE, "MAP_NORESERVE" }, { MAP_POPULATE, "MAP_POPULATE" }, { MAP_STACK, "MAP_STACK" },
        { MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE" },
    };
    const char *sep = "";
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (h & names[i].bit) {
            fprintf(f, "%s%s", sep, names[i].name);
            sep = "|";
        }
    }
}

void strace_enter(const SyscallArgs *a, uint32_t nr)
{
    FILE *f = strace_out();
    const SyscallDef *d = a->id >= 0 ? &syscall_defs[a->id] : NULL;
    fprintf(f, "%d ", (int)getpid());
    if (!d) {
        fprintf(f, "unknown syscall %u(0x%x,0x%x,0x%x,0x%x,0x%x,0x%x)", nr, a->a[0], a->a[1], a->a[2], a->a[3],
                a->a[4], a->a[5]);
        return;
    }
    fprintf(f, "%s(", d->name);
    if (!d->fmt) {
        for (int i = 0; i < d->nargs; i++) {
            fprintf(f, "%s0x%x", i ? "," : "", a->a[i]);
        }
        fputc(')', f);
        return;
    }
    int slot = 0;
    for (const char *p = d->fmt; *p; p++) {
        if (*p == ',') {
            continue;
        }
        if (slot) {
            fputc(',', f);
        }
        uint32_t v = a->a[slot];
        switch (*p) {
        case 'd': case 'f': fprintf(f, "%d", (int32_t)v); break;
        case 'u': fprintf(f, "%u", v); break;
        case 'o': fprintf(f, "0%o", v); break;
        case 'a': if ((int32_t)v == -100) fputs("AT_FDCWD", f); else fprintf(f, "%d", (int32_t)v); break;
        case 's': print_string(f, v, 256); break;
        case 'b': print_buffer(f, v, (int32_t)a->a[slot + 1]); break;
        case 'B': fprintf(f, "0x%x", v); break;     /* printed on exit */
        case 'O': print_open_flags(f, a, v); break;
        case 'P': print_prot(f, v); break;
        case 'M': print_mmap_flags(f, a, v); break;
        case 'g': fprintf(f, "%d", (int32_t)v); break;
        case 'c': fprintf(f, "%d", (int32_t)v); break;
        case 'w': fputs(v == 0 ? "SEEK_SET" : v == 1 ? "SEEK_CUR" : v == 2 ? "SEEK_END" : "?", f); break;
        case 'L':
            slot = (slot + 1) & ~1;
            fprintf(f, "%" PRIu64, sys_arg64(a, slot));
            slot++;
            break;
        default: fprintf(f, "0x%x", v); break;
        }
        slot++;
    }
    fputc(')', f);
}

void strace_exit(const SyscallArgs *a, int64_t ret)
{
    FILE *f = strace_out();
    const SyscallDef *d = a->id >= 0 ? &syscall_defs[a->id] : NULL;
    if (d && d->ret == SR_NONE) {
        fputc('\n', f);
        return;
    }
    if (ret < 0 && ret >= -4095) {
        fprintf(f, " = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
        return;
    }
    if (d && d->ret == SR_HEX) {
        fprintf(f, " = 0x%" PRIx64 "\n", (uint64_t)ret);
    } else {
        fprintf(f, " = %" PRId64, ret);
        /* Output buffers: show what the call produced. */
        if (d && d->fmt && strchr(d->fmt, 'B') && ret > 0) {
            int slot = 0;
            for (const char *p = d->fmt; *p; p++) {
                if (*p == ',') {
                    continue;
                }
                if (*p == 'B') {
                    fputs(" [", f);
                    print_buffer(f, a->a[slot], ret);
                    fputc(']', f);
                }
                slot++;
            }
        }
        fputc('\n', f);
    }
}

void strace_signal(int sig, uint32_t addr)
{
    fprintf(strace_out(), "--- SIG%s {si_signo=%d, si_addr=0x%x} ---\n", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
            sig, addr);
}
