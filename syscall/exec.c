/*
 * execve: a foreign ELF, or a #! script whose interpreter is a foreign
 * ELF, runs under mimic again with the same options and -L prefix; a host
 * executable runs natively.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "loader/elf.h"
#include "syscall/syscall.h"
#include "tcg/util.h"

#define MAX_ARGS 65536

/* Collect a guest NULL-terminated array of string pointers. */
static int64_t get_strings(SyscallArgs *a, uint32_t addr, char ***out)
{
    size_t n = 0, cap = 16;
    char **v = xmalloc(cap * sizeof(char *));
    for (;; n++) {
        if (n + 1 >= cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof(char *));
        }
        if (!addr) {
            break;
        }
        const uint8_t *p = lock_user(addr + (uint32_t)n * 4, 4, PROT_READ);
        if (!p) {
            free(v);
            return -EFAULT;
        }
        uint32_t s = g_ld32(p, a->ua->big_endian);
        if (!s) {
            break;
        }
        if (n >= MAX_ARGS) {
            free(v);
            return -E2BIG;
        }
        v[n] = (char *)lock_user_string(s);
        if (!v[n]) {
            free(v);
            return -EFAULT;
        }
    }
    v[n] = NULL;
    *out = v;
    return (int64_t)n;
}

static bool is_guest_elf(int fd)
{
    ElfIdent id;
    char err[128];
    if (!elf_identify(fd, &id, err, sizeof(err))) {
        return false;
    }
    for (int i = 0; user_arches[i]; i++) {
        if (user_arches[i]->elf_machine == id.machine && user_arches[i]->big_endian == id.big_endian && !id.is64) {
            return true;
        }
    }
    return false;
}

/* Run mimic again: [mimic, options..., -0 argv0, program, args...]. */
static int64_t exec_mimic(const char *argv0, const char *program, char **args, char **envp)
{
    size_t nargs = 0;
    while (args[nargs]) {
        nargs++;
    }
    size_t nopt = 0;
    while (user.reexec_args && user.reexec_args[nopt]) {
        nopt++;
    }
    char **v = xmalloc((nopt + nargs + 6) * sizeof(char *));
    size_t k = 0;
    v[k++] = user.self_exe;
    for (size_t i = 0; i < nopt; i++) {
        v[k++] = user.reexec_args[i];
    }
    v[k++] = (char *)"-0";
    v[k++] = (char *)argv0;
    v[k++] = (char *)"--";
    v[k++] = (char *)program;
    for (size_t i = 0; i < nargs; i++) {
        v[k++] = args[i];
    }
    v[k] = NULL;
    execve(user.self_exe, v, envp);
    int e = errno;
    free(v);
    return -e;
}

static int64_t do_execveat(SyscallArgs *a, int dirfd, uint32_t path_addr, uint32_t argv_addr, uint32_t envp_addr,
                           int flags)
{
    char buf[PATH_MAX];
    const char *gpath = lock_user_string(path_addr);
    if (!gpath) {
        return -EFAULT;
    }
    char **argv, **envp;
    int64_t n = get_strings(a, argv_addr, &argv);
    if (n < 0) {
        return n;
    }
    int64_t m = get_strings(a, envp_addr, &envp);
    if (m < 0) {
        free(argv);
        return m;
    }
    int64_t ret;
    const char *self = proc_self_exe(gpath);
    const char *hpath = self ? self : path_translate(gpath, buf, sizeof(buf));
    int fd = openat(dirfd, hpath, O_RDONLY | O_CLOEXEC | ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0));
    if (fd < 0) {
        ret = -errno;
        goto out;
    }
    /* What the kernel checks first: a regular, executable file. */
    if (faccessat(dirfd, hpath, X_OK, 0) < 0) {
        ret = -errno;
        close(fd);
        goto out;
    }
    char head[256];
    ssize_t got = pread(fd, head, sizeof(head) - 1, 0);
    head[got > 0 ? got : 0] = 0;
    /* A host path for mimic to open after exec: resolve dirfd now. */
    char target[PATH_MAX];
    if (hpath[0] == '/' || dirfd == AT_FDCWD) {
        snprintf(target, sizeof(target), "%s", hpath);
    } else {
        snprintf(target, sizeof(target), "/proc/self/fd/%d/%s", dirfd, hpath);
    }

    if (got >= 4 && is_guest_elf(fd)) {
        close(fd);
        ret = exec_mimic(argv[0] ? argv[0] : gpath, target, argv[0] ? argv + 1 : argv, envp);
        goto out;
    }
    if (got > 2 && head[0] == '#' && head[1] == '!') {
        /* #!interpreter [one argument] */
        char *p = head + 2, *nl = strchr(p, '\n');
        if (nl) {
            *nl = 0;
        }
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        char *interp = p;
        while (*p && *p != ' ' && *p != '\t') {
            p++;
        }
        char *iarg = NULL;
        if (*p) {
            *p++ = 0;
            while (*p == ' ' || *p == '\t') {
                p++;
            }
            char *e = p + strlen(p);
            while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
                *--e = 0;
            }
            iarg = *p ? p : NULL;
        }
        char ibuf[PATH_MAX];
        const char *ihost = path_translate(interp, ibuf, sizeof(ibuf));
        int ifd = open(ihost, O_RDONLY | O_CLOEXEC);
        if (ifd >= 0 && is_guest_elf(ifd)) {
            close(ifd);
            close(fd);
            /* argv becomes: interp [iarg] script args[1..] */
            size_t na = (size_t)n;
            char **v = xmalloc((na + 3) * sizeof(char *));
            size_t k = 0;
            if (iarg) {
                v[k++] = iarg;
            }
            v[k++] = (char *)gpath;
            for (size_t i = 1; i < na; i++) {
                v[k++] = argv[i];
            }
            v[k] = NULL;
            ret = exec_mimic(interp, ihost, v, envp);
            free(v);
            goto out;
        }
        if (ifd >= 0) {
            close(ifd);
        }
    }
    close(fd);
    /* A host program (or a script for a host interpreter): run it natively. */
    execve(target, argv, envp);
    ret = -errno;
out:
    free(argv);
    free(envp);
    return ret;
}

int64_t sys_execve(SyscallArgs *a) { return do_execveat(a, AT_FDCWD, a->a[0], a->a[1], a->a[2], 0); }
int64_t sys_execveat(SyscallArgs *a)
{
    return do_execveat(a, (int)a->a[0], a->a[1], a->a[2], a->a[3], (int)a->a[4]);
}
