/* Memory-management syscalls: the guest's view of its address space. */
#include <errno.h>
#include <sys/mman.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/syscall.h"

static int mmap_flags_to_host(const SyscallArgs *a, uint32_t g)
{
    const FlagConv *fc = a->ua->flags[GF_MMAP];
    return (int)(fc ? flags_to_host(fc, g) : g);
}

int64_t sys_brk(SyscallArgs *a)
{
    return target_brk(a->a[0]);
}

int64_t sys_mmap2(SyscallArgs *a)
{
    /* The offset is in 4096-byte units whatever the page size. */
    return target_mmap(a->a[0], a->a[1], (int)a->a[2], mmap_flags_to_host(a, a->a[3]), (int)a->a[4],
                       (uint64_t)a->a[5] * 4096);
}

int64_t sys_munmap(SyscallArgs *a)
{
    return target_munmap(a->a[0], a->a[1]);
}

int64_t sys_mprotect(SyscallArgs *a)
{
    return target_mprotect(a->a[0], a->a[1], (int)a->a[2]);
}

int64_t sys_mremap(SyscallArgs *a)
{
    return target_mremap(a->a[0], a->a[1], a->a[2], (int)a->a[3], a->a[4]);
}

int64_t sys_madvise(SyscallArgs *a)
{
    uint32_t start = a->a[0], len = a->a[1];
    int advice = (int)a->a[2];
    if (start & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if ((uint64_t)start + len > guest_task_size()) {
        return -ENOMEM;
    }
    switch (advice) {
    case MADV_DONTNEED:
    case MADV_FREE:
    case MADV_REMOVE:
        /* These discard contents: the host must do it to keep the guest's
         * view right.  Only on ranges the guest owns. */
        if (!guest_range_ok(start, len, 0)) {
            return -ENOMEM;
        }
        return madvise(g2h(start), len, advice) < 0 ? -errno : 0;
    default:
        /* Hints: accepted and ignored, as the kernel may. */
        return 0;
    }
}
