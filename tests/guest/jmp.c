/* jmp: setjmp/longjmp — simple, value 0 turned into 1, nested buffers,
 * unwinding out of deep recursion, an exception-like try/throw stack,
 * volatile locals surviving the jump, and sigsetjmp/siglongjmp. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static jmp_buf top;
static int depth_reached;

static NOINLINE uint32_t dive(int depth, int limit, uint32_t acc)
{
    volatile uint32_t pad[16];
    for (int i = 0; i < 16; i++) pad[i] = acc ^ (uint32_t)(i * depth);
    depth_reached = depth;
    if (depth == limit) longjmp(top, (int)(acc % 1000) + 2);
    if (depth > limit) return 0;    /* not reached */
    return dive(depth + 1, limit, acc * 33 + pad[depth % 16]) + pad[0];
}

/* A stack of handlers, like try/catch. */
#define MAX_TRY 16
static jmp_buf *handlers[MAX_TRY];
static int ntry;
static int thrown;

static NOINLINE void throw(int code)
{
    thrown++;
    if (ntry == 0) { printf("uncaught %d\n", code); return; }
    longjmp(*handlers[--ntry], code);
}

static NOINLINE int risky(int n)
{
    if (n % 4 == 3) throw(100 + n);
    return n * 10;
}

static NOINLINE int guarded(int n)
{
    jmp_buf env;
    volatile int result = -1;
    int code;
    handlers[ntry++] = &env;
    if ((code = setjmp(env)) == 0) {
        result = risky(n);
        ntry--;
    } else {
        result = -code;
    }
    return result;
}

/* Nested: an inner handler that rethrows to the outer one. */
static NOINLINE int nested(int n)
{
    jmp_buf outer;
    volatile int stage = 0;
    int code;
    handlers[ntry++] = &outer;
    if ((code = setjmp(outer)) != 0) {
        return 1000 * stage + code;
    }
    stage = 1;
    {
        jmp_buf inner;
        int icode;
        handlers[ntry++] = &inner;
        if ((icode = setjmp(inner)) == 0) {
            stage = 2;
            risky(n);          /* throws when n % 4 == 3 */
            ntry--;
        } else {
            stage = 3;
            if (icode % 2) throw(icode + 1);   /* rethrow to outer */
            ntry--;                            /* pop outer */
            return -icode;
        }
    }
    stage = 4;
    ntry--;
    return stage;
}

static sigjmp_buf sjb;

int main(void)
{
    /* Basics. */
    jmp_buf env;
    volatile int count = 0;
    int r = setjmp(env);
    count++;
    printf("setjmp returned %d (count %d)\n", r, (int)count);
    if (r == 0) longjmp(env, 7);
    else if (r == 7) longjmp(env, 0);    /* 0 becomes 1 */
    printf("after jumps, count %d\n", (int)count);

    /* Out of deep recursion at several depths. */
    for (volatile int limit = 1; limit <= 4001; limit += 1000) {
        volatile uint32_t survivor = 0xabc00000u + (uint32_t)limit;
        int v = setjmp(top);
        if (v == 0) {
            dive(0, limit, 5);
            printf("not reached\n");
        } else {
            printf("unwound from depth %d with %d, survivor %08" PRIx32 "\n", depth_reached, v, survivor);
        }
    }

    /* try/throw. */
    int sum = 0;
    for (int n = 0; n < 12; n++) {
        int g = guarded(n);
        sum += g;
        printf("guarded(%d)=%d%s", n, g, n % 6 == 5 ? "\n" : " ");
    }
    printf("sum %d thrown %d depth %d\n", sum, thrown, ntry);
    for (int n = 0; n < 8; n++) printf("nested(%d)=%d\n", n, nested(n));
    printf("handler depth after nested: %d\n", ntry);

    /* Many round trips through the same buffer. */
    volatile int loops = 0;
    volatile uint32_t acc = 1;
    int code = setjmp(env);
    acc = acc * 31 + (uint32_t)code;
    if (++loops < 1000) longjmp(env, loops);
    printf("1000 round trips, acc %08" PRIx32 "\n", acc);

    /* sigsetjmp with and without saving the mask. */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    for (volatile int save = 0; save <= 1; save++) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        if (sigsetjmp(sjb, save) == 0) {
            sigprocmask(SIG_BLOCK, &set, NULL);   /* changed after the save */
            siglongjmp(sjb, 1);
        }
        sigprocmask(SIG_BLOCK, NULL, &old);
        printf("sigsetjmp(save=%d): SIGUSR1 %s after siglongjmp\n", save,
               sigismember(&old, SIGUSR1) ? "blocked" : "unblocked");
    }
    return 0;
}
