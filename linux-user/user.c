/* Process-wide user-mode state and process exit. */
#include <stdio.h>
#include <unistd.h>

#include "linux-user/user.h"
#include "tcg/exec.h"
#include "tcg/log.h"

UserState user;
__thread GuestThread *current_thread;

/* Every guest mimic can run, for picking one from an ELF header. */
const UserArchOps *const user_arches[] = { &arm_user, NULL };

noreturn void user_exit(int status)
{
    if (user.stats) {
        exec_print_stats();
    }
    if (log_file && log_file != stderr) {
        fflush(log_file);
    }
    fflush(stdout);
    _exit(status);
}
