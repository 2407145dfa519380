/* exitcode: exits with status 3 through exit() called from a nested
 * function, after atexit handlers (run in reverse order of registration)
 * have printed, and with stdout still buffered at the time of exit so the
 * final flush must happen. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second\n"); }
static void third(void) { printf("atexit: registered third, runs first\n"); }

static __attribute__((noinline)) void leave(int depth, int status)
{
    if (depth < 0) return;
    if (depth > 0) {
        leave(depth - 1, status);
        printf("not reached\n");
    }
    printf("leaving with status %d from depth 0\n", status);
    exit(status);
}

int main(void)
{
    atexit(first);
    atexit(second);
    atexit(third);
    /* Make sure stdout is fully buffered even on a terminal, so the output
     * below is only written by exit()'s flush. */
    static char buf[4096];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    for (int i = 0; i < 5; i++) printf("buffered line %d\n", i);
    leave(10, 3);
    return 0;
}
