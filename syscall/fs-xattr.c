/*
 * Extended attributes: set, get, list and remove, by path (following
 * symlinks or not) and by descriptor.  Names and values are bytes, the same
 * for every guest; only the pointers need checking.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include "syscall/sysutil.h"
#include "tcg/util.h"

#define XATTR_MAX 65536     /* XATTR_SIZE_MAX and XATTR_LIST_MAX */

typedef enum XattrTarget { XT_PATH, XT_LPATH, XT_FD } XattrTarget;

/* The target of an xattr call: a translated path or a descriptor. */
typedef struct XattrObj {
    XattrTarget kind;
    int fd;
    const char *path;
    char buf[PATH_MAX];
} XattrObj;

static bool xattr_obj(XattrObj *o, XattrTarget kind, uint32_t arg)
{
    o->kind = kind;
    if (kind == XT_FD) {
        o->fd = (int)arg;
        return true;
    }
    const char *g = lock_user_string(arg);
    if (!g) {
        return false;
    }
    o->path = path_translate(g, o->buf, sizeof(o->buf));
    return true;
}

static int64_t do_setxattr(SyscallArgs *a, XattrTarget kind)
{
    XattrObj o;
    uint32_t size = a->a[3];
    if (!xattr_obj(&o, kind, a->a[0])) {
        return -EFAULT;
    }
    const char *name = lock_user_string(a->a[1]);
    if (!name) {
        return -EFAULT;
    }
    if (size > XATTR_MAX) {
        return -E2BIG;
    }
    const void *value = lock_user(a->a[2], size, PROT_READ);
    if (!value) {
        return -EFAULT;
    }
    int flags = (int)a->a[4];
    switch (kind) {
    case XT_PATH: return ERRNO(setxattr(o.path, name, value, size, flags));
    case XT_LPATH: return ERRNO(lsetxattr(o.path, name, value, size, flags));
    default: return ERRNO(fsetxattr(o.fd, name, value, size, flags));
    }
}

/* The result is copied out through a bounce buffer: the guest's buffer
 * only has to be writable for the bytes actually returned, as with the
 * kernel (an empty attribute or list never touches it). */
static int64_t copy_out(uint32_t addr, const void *h, int64_t r)
{
    if (r > 0) {
        void *g = lock_user(addr, (uint32_t)r, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        memcpy(g, h, (size_t)r);
    }
    return r;
}

static int64_t do_getxattr(SyscallArgs *a, XattrTarget kind)
{
    XattrObj o;
    uint32_t size = a->a[3] > XATTR_MAX ? XATTR_MAX : a->a[3];
    if (!xattr_obj(&o, kind, a->a[0])) {
        return -EFAULT;
    }
    const char *name = lock_user_string(a->a[1]);
    if (!name) {
        return -EFAULT;
    }
    void *value = size ? xmalloc(size) : NULL;
    int64_t r;
    switch (kind) {
    case XT_PATH: r = ERRNO(getxattr(o.path, name, value, size)); break;
    case XT_LPATH: r = ERRNO(lgetxattr(o.path, name, value, size)); break;
    default: r = ERRNO(fgetxattr(o.fd, name, value, size)); break;
    }
    if (size) {
        r = copy_out(a->a[2], value, r);
    }
    free(value);
    return r;
}

static int64_t do_listxattr(SyscallArgs *a, XattrTarget kind)
{
    XattrObj o;
    uint32_t size = a->a[2] > XATTR_MAX ? XATTR_MAX : a->a[2];
    if (!xattr_obj(&o, kind, a->a[0])) {
        return -EFAULT;
    }
    char *list = size ? xmalloc(size) : NULL;
    int64_t r;
    switch (kind) {
    case XT_PATH: r = ERRNO(listxattr(o.path, list, size)); break;
    case XT_LPATH: r = ERRNO(llistxattr(o.path, list, size)); break;
    default: r = ERRNO(flistxattr(o.fd, list, size)); break;
    }
    if (size) {
        r = copy_out(a->a[1], list, r);
    }
    free(list);
    return r;
}

static int64_t do_removexattr(SyscallArgs *a, XattrTarget kind)
{
    XattrObj o;
    if (!xattr_obj(&o, kind, a->a[0])) {
        return -EFAULT;
    }
    const char *name = lock_user_string(a->a[1]);
    if (!name) {
        return -EFAULT;
    }
    switch (kind) {
    case XT_PATH: return ERRNO(removexattr(o.path, name));
    case XT_LPATH: return ERRNO(lremovexattr(o.path, name));
    default: return ERRNO(fremovexattr(o.fd, name));
    }
}

int64_t sys_setxattr(SyscallArgs *a) { return do_setxattr(a, XT_PATH); }
int64_t sys_lsetxattr(SyscallArgs *a) { return do_setxattr(a, XT_LPATH); }
int64_t sys_fsetxattr(SyscallArgs *a) { return do_setxattr(a, XT_FD); }
int64_t sys_getxattr(SyscallArgs *a) { return do_getxattr(a, XT_PATH); }
int64_t sys_lgetxattr(SyscallArgs *a) { return do_getxattr(a, XT_LPATH); }
int64_t sys_fgetxattr(SyscallArgs *a) { return do_getxattr(a, XT_FD); }
int64_t sys_listxattr(SyscallArgs *a) { return do_listxattr(a, XT_PATH); }
int64_t sys_llistxattr(SyscallArgs *a) { return do_listxattr(a, XT_LPATH); }
int64_t sys_flistxattr(SyscallArgs *a) { return do_listxattr(a, XT_FD); }
int64_t sys_removexattr(SyscallArgs *a) { return do_removexattr(a, XT_PATH); }
int64_t sys_lremovexattr(SyscallArgs *a) { return do_removexattr(a, XT_LPATH); }
int64_t sys_fremovexattr(SyscallArgs *a) { return do_removexattr(a, XT_FD); }
