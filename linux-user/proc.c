/*
 * /proc emulation: entries that describe the process must describe the
 * guest, not mimic.  Open returns a memfd holding the generated text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "tcg/util.h"

/* Match "/proc/self/<name>" and "/proc/<our pid>/<name>". */
static const char *proc_self_entry(int dirfd, const char *path)
{
    char pidbuf[32];
    if (dirfd != AT_FDCWD && path[0] != '/') {
        return NULL;
    }
    if (strncmp(path, "/proc/", 6) != 0) {
        return NULL;
    }
    path += 6;
    if (!strncmp(path, "self/", 5)) {
        return path + 5;
    }
    if (!strncmp(path, "thread-self/", 12)) {
        return path + 12;
    }
    snprintf(pidbuf, sizeof(pidbuf), "%d/", (int)getpid());
    size_t n = strlen(pidbuf);
    if (!strncmp(path, pidbuf, n)) {
        return path + n;
    }
    return NULL;
}

typedef void (*ProcFill)(FILE *f);

static void fill_maps(FILE *f) { mmap_dump_maps(f); }

static void fill_cmdline(FILE *f)
{
    const ImageInfo *im = &user.image;
    fwrite(g2h(im->arg_start), 1, im->arg_end - im->arg_start, f);
}

static void fill_environ(FILE *f)
{
    const ImageInfo *im = &user.image;
    fwrite(g2h(im->env_start), 1, im->env_end - im->env_start, f);
}

static void fill_auxv(FILE *f)
{
    const ImageInfo *im = &user.image;
    fwrite(g2h(im->auxv), 1, im->auxv_len, f);
}

static int memfd_with(ProcFill fill)
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
    fill(f);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

bool proc_open_special(int dirfd, const char *path, int flags, int64_t *ret)
{
    static const struct {
        const char *name;
        ProcFill fill;
    } entries[] = {
        { "maps", fill_maps },
        { "cmdline", fill_cmdline },
        { "environ", fill_environ },
        { "auxv", fill_auxv },
    };
    const char *e = proc_self_entry(dirfd, path);
    if (!e) {
        return false;
    }
    if (!strcmp(e, "exe")) {
        *ret = open(user.exe_path, flags);
        if (*ret < 0) {
            *ret = -errno;
        }
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(entries); i++) {
        if (!strcmp(e, entries[i].name)) {
            int fd = memfd_with(entries[i].fill);
            if (fd >= 0 && !(flags & O_CLOEXEC)) {
                fcntl(fd, F_SETFD, 0);
            }
            *ret = fd;
            return true;
        }
    }
    return false;
}

bool proc_readlink_special(int dirfd, const char *path, char *buf, uint32_t len, int64_t *ret)
{
    const char *e = proc_self_entry(dirfd, path);
    if (!e || strcmp(e, "exe") != 0) {
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
    const char *e = proc_self_entry(AT_FDCWD, path);
    return e && !strcmp(e, "exe") ? user.exe_path : NULL;
}
