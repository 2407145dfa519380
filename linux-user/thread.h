/* Guest threads and processes (linux-user/thread.c). */
#ifndef MIMIC_LINUX_USER_THREAD_H
#define MIMIC_LINUX_USER_THREAD_H

#include <stdint.h>
#include <stdnoreturn.h>

#include "linux-user/user.h"

void thread_register_main(GuestThread *t);
/* clone with CLONE_VM|CLONE_THREAD: returns the new tid or -errno. */
int64_t thread_create(CPUCommon *parent, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid);
/* clone without CLONE_VM (and vfork): 0 in the child, the pid or -errno. */
int64_t process_fork(CPUCommon *cpu, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid);
/* exit of one thread; the last one ends the process. */
noreturn void thread_exit(int status);

#endif
