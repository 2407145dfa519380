/*
 * /proc emulation: entries that describe the process must describe the
 * guest, not mimic.  Open returns a memfd holding the generated text.
 *
 * Handled: /proc/self, /proc/thread-self, /proc/<our pid> and their
 * task/<tid> directories: exe, maps, cmdline, environ, auxv, stat, status
 * and comm (comm only for reading: a write reaches the host's file, which
 * is the thread's name); and /proc/cpuinfo when the guest ABI prints one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "tcg/util.h"

/* A /proc path that names this process: tid is the thread of
 * /proc/thread-self or .../task/<tid>, 0 for the process itself; entry is
 * what follows. */
typedef struct ProcTarget {
    int tid;
    const char *entry;
} ProcTarget;

static int current_tid(void) { return (int)syscall(SYS_gettid); }

/* A decimal number followed by '/'; -1 if there is none. */
static int proc_number(const char **p)
{
    const char *s = *p;
    long v = 0;
    if (*s < '0' || *s > '9') {
        return -1;
    }
    while (*s >= '0' && *s <= '9' && v < 1 << 30) {
        v = v * 10 + (*s++ - '0');
    }
    if (*s != '/') {
        return -1;
    }
    *p = s + 1;
    return (int)v;
}

static bool proc_target(int dirfd, const char *path, ProcTarget *t)
{
    if (dirfd != AT_FDCWD && path[0] != '/') {
        return false;
    }
    if (strncmp(path, "/proc/", 6) != 0) {
        return false;
    }
    path += 6;
    t->tid = 0;
    if (!strncmp(path, "self/", 5)) {
        path += 5;
    } else if (!strncmp(path, "thread-self/", 12)) {
        path += 12;
        t->tid = current_tid();
    } else if (proc_number(&path) != getpid()) {
        return false;
    }
    if (!t->tid && !strncmp(path, "task/", 5)) {
        const char *rest = path + 5;
        int tid = proc_number(&rest);
        char dir[64];
        snprintf(dir, sizeof(dir), "/proc/self/task/%d", tid);
        if (tid <= 0 || access(dir, F_OK) < 0) {
            return false;   /* not one of ours: the host answers ENOENT */
        }
        t->tid = tid;
        path = rest;
    }
    t->entry = path;
    return true;
}

/* ---- thread names ----
 *
 * The host thread's name is the guest thread's, with one exception: right
 * after exec it is the name the kernel gave mimic (the basename of the file
 * it executed, which is also its AT_EXECFN), where the guest's kernel would
 * have named it after the guest program (its AT_EXECFN).  PR_SET_NAME and
 * writes to comm set the host's name, so threads inherit it as they should. */

static void comm_of(const char *path, char out[16])
{
    const char *b = path ? strrchr(path, '/') : NULL;
    snprintf(out, 16, "%s", b ? b + 1 : path ? path : "");
}

static const char *guest_execfn(void)
{
    const ImageInfo *im = &user.image;
    const bool be = user.big_endian;
    for (uint32_t off = 0; off + 8 <= im->auxv_len; off += 8) {
        const uint8_t *e = lock_user(im->auxv + off, 8, PROT_READ);
        if (!e || g_ld32(e, be) == AT_NULL) {
            break;
        }
        if (g_ld32(e, be) == AT_EXECFN) {
            return lock_user_string(g_ld32(e + 4, be));
        }
    }
    return NULL;
}

static void guest_initial_comm(char out[16])
{
    static char cached[16];
    static bool done;
    if (!done) {
        const char *fn = guest_execfn();
        comm_of(fn ? fn : user.exe_path, cached);
        done = true;
    }
    memcpy(out, cached, 16);
}

void proc_get_comm(int tid, char name[16])
{
    char path[64], host[64] = "", mimic[16];
    snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t n = read(fd, host, sizeof(host) - 1);
        close(fd);
        host[n > 0 ? n : 0] = 0;
        host[strcspn(host, "\n")] = 0;
    }
    comm_of((const char *)getauxval(AT_EXECFN), mimic);
    memset(name, 0, 16);
    if (fd < 0 || !strcmp(host, mimic)) {
        guest_initial_comm(name);
    } else {
        snprintf(name, 16, "%s", host);
    }
}

/* ---- the generated entries ---- */

typedef void (*ProcFill)(FILE *f, int tid);

static void fill_maps(FILE *f, int tid) { mmap_dump_maps(f); }

static void fill_cmdline(FILE *f, int tid)
{
    const ImageInfo *im = &user.image;
    fwrite(g2h(im->arg_start), 1, im->arg_end - im->arg_start, f);
}

static void fill_environ(FILE *f, int tid)
{
    const ImageInfo *im = &user.image;
    fwrite(g2h(im->env_start), 1, im->env_end - im->env_start, f);
}

static void fill_auxv(FILE *f, int tid)
{
    const ImageInfo *im = &user.image;
    fwrite(g2h(im->auxv), 1, im->auxv_len, f);
}

static void fill_comm(FILE *f, int tid)
{
    char name[16];
    proc_get_comm(tid ? tid : getpid(), name);
    fprintf(f, "%s\n", name);
}

/* The host's version of an entry, NUL-terminated; NULL on failure. */
static char *host_entry(int tid, const char *entry)
{
    char path[96];
    if (tid) {
        snprintf(path, sizeof(path), "/proc/self/task/%d/%s", tid, entry);
    } else {
        snprintf(path, sizeof(path), "/proc/self/%s", entry);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n <= 0) {
            break;
        }
        len += (size_t)n;
        if (len + 1 == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    close(fd);
    buf[len] = 0;
    return buf;
}

/* The guest's signal state, as sets of guest signals (bit sig - 1). */
typedef struct GuestSigState {
    uint64_t pending, shared, blocked, ignored, caught;
} GuestSigState;

static uint64_t host_set_to_guest(uint64_t h)
{
    uint64_t g = 0;
    for (int s = 1; s <= 64; s++) {
        int gs = (h >> (s - 1)) & 1 ? signal_to_guest(s) : 0;
        if (gs > 0 && gs <= GUEST_NSIG) {
            g |= 1ull << (gs - 1);
        }
    }
    return g;
}

/* The hex sets of a status line ("SigPnd:\t0000000000000000"). */
static uint64_t status_set(const char *status, const char *key)
{
    const char *p = status ? strstr(status, key) : NULL;
    return p ? strtoull(p + strlen(key), NULL, 16) : 0;
}

static void guest_sig_state(GuestSigState *s, const char *host_status)
{
    /* Only the calling thread's guest state is known here; other threads
     * of the process show it too. */
    const GuestThread *t = current_thread;
    memset(s, 0, sizeof(*s));
    s->pending = host_set_to_guest(status_set(host_status, "SigPnd:")) | (t ? t->pending : 0);
    s->shared = host_set_to_guest(status_set(host_status, "ShdPnd:"));
    s->blocked = t ? t->sigmask : 0;
    for (int g = 1; g <= GUEST_NSIG; g++) {
        if (guest_sigact[g].handler == 1) {
            s->ignored |= 1ull << (g - 1);
        } else if (guest_sigact[g].handler > 1) {
            s->caught |= 1ull << (g - 1);
        }
    }
}

static uint64_t guest_vsize(void)
{
    uint64_t pages = 0;
    for (uint64_t p = 0; p < GUEST_NB_PAGES; p++) {
        pages += (page_flags[p] & PAGE_VALID) != 0;
    }
    return pages << GUEST_PAGE_BITS;
}

/*
 * /proc/<pid>/stat: the host's line with the guest's name, its memory
 * layout (fields 23, 26-28, 45-51), its signal sets (31-34), its exit
 * signal (38), and kstkesp/kstkeip (29-30) at 0 as Linux shows them for a
 * process that is not dumping core.
 */
static void fill_stat(FILE *f, int tid)
{
    char *line = host_entry(tid, "stat");
    char *status = host_entry(tid, "status");
    char *close_paren = line ? strrchr(line, ')') : NULL;
    if (!close_paren) {
        free(line);
        free(status);
        return;
    }
    const ImageInfo *im = &user.image;
    GuestSigState ss;
    guest_sig_state(&ss, status);
    char name[16];
    proc_get_comm(tid ? tid : getpid(), name);
    fprintf(f, "%d (%s)", tid ? tid : getpid(), name);

    char *save = NULL;
    int field = 3;
    for (char *tok = strtok_r(close_paren + 1, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save), field++) {
        uint64_t v;
        switch (field) {
        case 23: v = guest_vsize(); break;
        case 26: v = im->start_code; break;
        case 27: v = im->end_code; break;
        case 28: v = im->sp; break;
        case 29: case 30: v = 0; break;
        case 31: v = ss.pending & 0x7fffffff; break;
        case 32: v = ss.blocked & 0x7fffffff; break;
        case 33: v = ss.ignored & 0x7fffffff; break;
        case 34: v = ss.caught & 0x7fffffff; break;
        case 38: {
            int hs = atoi(tok);
            v = hs > 0 && signal_to_guest(hs) > 0 ? (uint64_t)signal_to_guest(hs) : (uint64_t)hs;
            break;
        }
        case 45: v = im->start_data; break;
        case 46: v = im->end_data; break;
        case 47: v = ALIGN_UP(im->brk, GUEST_PAGE_SIZE); break;
        case 48: v = im->arg_start; break;
        case 49: v = im->arg_end; break;
        case 50: v = im->env_start; break;
        case 51: v = im->env_end; break;
        default:
            fprintf(f, " %s", tok);
            continue;
        }
        fprintf(f, " %llu", (unsigned long long)v);
    }
    fputc('\n', f);
    free(line);
    free(status);
}

/* /proc/<pid>/status: the host's, with the guest's name and signal sets. */
static void fill_status(FILE *f, int tid)
{
    char *status = host_entry(tid, "status");
    if (!status) {
        return;
    }
    GuestSigState ss;
    guest_sig_state(&ss, status);
    char name[16];
    proc_get_comm(tid ? tid : getpid(), name);
    static const struct {
        const char *key;
        size_t off;
    } sets[] = {
        { "SigPnd:", offsetof(GuestSigState, pending) }, { "ShdPnd:", offsetof(GuestSigState, shared) },
        { "SigBlk:", offsetof(GuestSigState, blocked) }, { "SigIgn:", offsetof(GuestSigState, ignored) },
        { "SigCgt:", offsetof(GuestSigState, caught) },
    };
    char *save = NULL;
    for (char *l = strtok_r(status, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (!strncmp(l, "Name:", 5)) {
            fprintf(f, "Name:\t%s\n", name);
            continue;
        }
        size_t i;
        for (i = 0; i < ARRAY_SIZE(sets) && strncmp(l, sets[i].key, strlen(sets[i].key)); i++) {
        }
        if (i < ARRAY_SIZE(sets)) {
            uint64_t v;
            memcpy(&v, (const char *)&ss + sets[i].off, 8);
            fprintf(f, "%s\t%016llx\n", sets[i].key, (unsigned long long)v);
        } else {
            fprintf(f, "%s\n", l);
        }
    }
    free(status);
}

static void fill_cpuinfo(FILE *f, int tid)
{
    user.ua->cpuinfo(f, current_thread->cpu);
}

static int memfd_with(ProcFill fill, int tid)
{
    int fd = memfd_create("mimic-proc", MFD_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    FILE *f = fdopen(dup(fd), "w");
    if (!f) {
        close(fd);
        return -ENOMEM;
    }
    fill(f, tid);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

static int64_t proc_open_fill(ProcFill fill, int tid, int flags)
{
    int fd = memfd_with(fill, tid);
    if (fd >= 0 && !(flags & O_CLOEXEC)) {
        fcntl(fd, F_SETFD, 0);
    }
    return fd;
}

bool proc_open_special(int dirfd, const char *path, int flags, int64_t *ret)
{
    static const struct {
        const char *name;
        ProcFill fill;
        bool read_only;         /* writes go to the host's entry */
    } entries[] = {
        { "maps", fill_maps, false },
        { "cmdline", fill_cmdline, false },
        { "environ", fill_environ, false },
        { "auxv", fill_auxv, false },
        { "stat", fill_stat, false },
        { "status", fill_status, false },
        { "comm", fill_comm, true },
    };
    if ((dirfd == AT_FDCWD || path[0] == '/') && !strcmp(path, "/proc/cpuinfo") && user.ua && user.ua->cpuinfo &&
        current_thread) {
        *ret = proc_open_fill(fill_cpuinfo, 0, flags);
        return true;
    }
    ProcTarget t;
    if (!proc_target(dirfd, path, &t)) {
        return false;
    }
    if (!strcmp(t.entry, "exe")) {
        *ret = open(user.exe_path, flags);
        if (*ret < 0) {
            *ret = -errno;
        }
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(entries); i++) {
        if (!strcmp(t.entry, entries[i].name)) {
            if (entries[i].read_only && (flags & O_ACCMODE) != O_RDONLY) {
                return false;
            }
            *ret = proc_open_fill(entries[i].fill, t.tid, flags);
            return true;
        }
    }
    return false;
}

bool proc_readlink_special(int dirfd, const char *path, char *buf, uint32_t len, int64_t *ret)
{
    ProcTarget t;
    if (!proc_target(dirfd, path, &t) || strcmp(t.entry, "exe") != 0) {
        return false;
    }
    size_t n = strlen(user.exe_path);
    if (n > len) {
        n = len;
    }
    memcpy(buf, user.exe_path, n);
    *ret = (int64_t)n;
    return true;
}

const char *proc_self_exe(const char *path)
{
    ProcTarget t;
    return proc_target(AT_FDCWD, path, &t) && !strcmp(t.entry, "exe") ? user.exe_path : NULL;
}
