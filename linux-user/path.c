/*
 * The -L prefix: an absolute guest path is looked up inside the prefix
 * first and falls back to the host path, as qemu-user does.
 */
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "linux-user/user.h"

const char *path_translate(const char *guest_path, char *buf, size_t buflen)
{
    struct stat st;
    if (!user.ld_prefix || guest_path[0] != '/') {
        return guest_path;
    }
    int n = snprintf(buf, buflen, "%s%s", user.ld_prefix, guest_path);
    if (n < 0 || (size_t)n >= buflen) {
        return guest_path;
    }
    return lstat(buf, &st) == 0 ? buf : guest_path;
}
