/* interp: a small stack-machine interpreter run twice — once with computed
 * goto dispatch (indirect branches through a table of label addresses) and
 * once with a switch in a loop — on a handful of bytecode programs, plus a
 * recursive-descent evaluator for integer expressions. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

enum op {
    PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIV, MOD, AND, SHL, SHR,
    LT, EQ, NOT, JMP, JZ, JNZ, LOAD, STORE, CALL, RET, OUT, HALT, NOPS
};

static const char *const opnames[NOPS] = {
    "push", "pop", "dup", "swap", "over", "add", "sub", "mul", "div", "mod", "and", "shl", "shr",
    "lt", "eq", "not", "jmp", "jz", "jnz", "load", "store", "call", "ret", "out", "halt"
};

struct vm {
    int32_t stack[256];
    int sp;
    int32_t vars[16];
    int rstack[64];
    int rsp;
    uint32_t out_hash;
    int outs;
    uint64_t steps;
    uint32_t op_count[NOPS];
};

static void out(struct vm *m, int32_t v)
{
    m->out_hash = (m->out_hash ^ (uint32_t)v) * 16777619u;
    if (m->outs++ < 12) printf(" %" PRId32, v);
}

/* Computed-goto dispatch. */
static __attribute__((noinline)) void run_goto(struct vm *m, const int32_t *code)
{
    static void *const table[NOPS] = {
        &&l_PUSH, &&l_POP, &&l_DUP, &&l_SWAP, &&l_OVER, &&l_ADD, &&l_SUB, &&l_MUL, &&l_DIV, &&l_MOD,
        &&l_AND, &&l_SHL, &&l_SHR, &&l_LT, &&l_EQ, &&l_NOT, &&l_JMP, &&l_JZ, &&l_JNZ, &&l_LOAD,
        &&l_STORE, &&l_CALL, &&l_RET, &&l_OUT, &&l_HALT
    };
    int pc = 0;
    int32_t *s = m->stack;
    int sp = m->sp;
#define NEXT do { m->steps++; m->op_count[code[pc]]++; goto *table[code[pc++]]; } while (0)
    NEXT;
l_PUSH: s[sp++] = code[pc++]; NEXT;
l_POP: sp--; NEXT;
l_DUP: s[sp] = s[sp - 1]; sp++; NEXT;
l_SWAP: { int32_t t = s[sp - 1]; s[sp - 1] = s[sp - 2]; s[sp - 2] = t; } NEXT;
l_OVER: s[sp] = s[sp - 2]; sp++; NEXT;
l_ADD: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] + (uint32_t)s[sp]); NEXT;
l_SUB: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] - (uint32_t)s[sp]); NEXT;
l_MUL: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] * (uint32_t)s[sp]); NEXT;
l_DIV: sp--; s[sp - 1] = s[sp] ? s[sp - 1] / s[sp] : 0; NEXT;
l_MOD: sp--; s[sp - 1] = s[sp] ? s[sp - 1] % s[sp] : 0; NEXT;
l_AND: sp--; s[sp - 1] &= s[sp]; NEXT;
l_SHL: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] << (s[sp] & 31)); NEXT;
l_SHR: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] >> (s[sp] & 31)); NEXT;
l_LT: sp--; s[sp - 1] = s[sp - 1] < s[sp]; NEXT;
l_EQ: sp--; s[sp - 1] = s[sp - 1] == s[sp]; NEXT;
l_NOT: s[sp - 1] = !s[sp - 1]; NEXT;
l_JMP: pc = code[pc]; NEXT;
l_JZ: sp--; pc = s[sp] ? pc + 1 : code[pc]; NEXT;
l_JNZ: sp--; pc = s[sp] ? code[pc] : pc + 1; NEXT;
l_LOAD: s[sp++] = m->vars[code[pc++]]; NEXT;
l_STORE: m->vars[code[pc++]] = s[--sp]; NEXT;
l_CALL: m->rstack[m->rsp++] = pc + 1; pc = code[pc]; NEXT;
l_RET: pc = m->rstack[--m->rsp]; NEXT;
l_OUT: out(m, s[--sp]); NEXT;
l_HALT: m->sp = sp; return;
#undef NEXT
}

/* Switch dispatch. */
static __attribute__((noinline)) void run_switch(struct vm *m, const int32_t *code)
{
    int pc = 0;
    int32_t *s = m->stack;
    int sp = m->sp;
    for (;;) {
        m->steps++;
        m->op_count[code[pc]]++;
        switch ((enum op)code[pc++]) {
        case PUSH: s[sp++] = code[pc++]; break;
        case POP: sp--; break;
        case DUP: s[sp] = s[sp - 1]; sp++; break;
        case SWAP: { int32_t t = s[sp - 1]; s[sp - 1] = s[sp - 2]; s[sp - 2] = t; } break;
        case OVER: s[sp] = s[sp - 2]; sp++; break;
        case ADD: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] + (uint32_t)s[sp]); break;
        case SUB: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] - (uint32_t)s[sp]); break;
        case MUL: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] * (uint32_t)s[sp]); break;
        case DIV: sp--; s[sp - 1] = s[sp] ? s[sp - 1] / s[sp] : 0; break;
        case MOD: sp--; s[sp - 1] = s[sp] ? s[sp - 1] % s[sp] : 0; break;
        case AND: sp--; s[sp - 1] &= s[sp]; break;
        case SHL: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] << (s[sp] & 31)); break;
        case SHR: sp--; s[sp - 1] = (int32_t)((uint32_t)s[sp - 1] >> (s[sp] & 31)); break;
        case LT: sp--; s[sp - 1] = s[sp - 1] < s[sp]; break;
        case EQ: sp--; s[sp - 1] = s[sp - 1] == s[sp]; break;
        case NOT: s[sp - 1] = !s[sp - 1]; break;
        case JMP: pc = code[pc]; break;
        case JZ: sp--; pc = s[sp] ? pc + 1 : code[pc]; break;
        case JNZ: sp--; pc = s[sp] ? code[pc] : pc + 1; break;
        case LOAD: s[sp++] = m->vars[code[pc++]]; break;
        case STORE: m->vars[code[pc++]] = s[--sp]; break;
        case CALL: m->rstack[m->rsp++] = pc + 1; pc = code[pc]; break;
        case RET: pc = m->rstack[--m->rsp]; break;
        case OUT: out(m, s[--sp]); break;
        case HALT: m->sp = sp; return;
        default: printf("bad opcode\n"); return;
        }
    }
}

/* Programs.  Variables are numbered.  Jump and call targets are written as 0
 * here and patched at start-up (see main) from instruction numbers, which
 * are easier to count by hand than code indices. */

/* Sum of 1..n for n = 1000, then n*(n+1)/2 for comparison. */
static const int32_t prog_sum[] = {
    PUSH, 0, STORE, 0,                  /* s = 0 */
    PUSH, 1000, STORE, 1,               /* i = 1000 */
    LOAD, 1, JZ, 0,                     /* while i */
    LOAD, 0, LOAD, 1, ADD, STORE, 0,    /*   s += i */
    LOAD, 1, PUSH, 1, SUB, STORE, 1,    /*   i -= 1 */
    JMP, 0,
    LOAD, 0, OUT, PUSH, 1000, PUSH, 1001, MUL, PUSH, 2, DIV, OUT, HALT
};

/* Iterative Fibonacci numbers below 2^31: prints each. */
static const int32_t prog_fib[] = {
    PUSH, 0, STORE, 0, PUSH, 1, STORE, 1,        /* a = 0, b = 1 */
    LOAD, 0, OUT,                                /* loop: out a */
    LOAD, 1, PUSH, 1000000000, LT, JZ, 0,        /* if !(b < 1e9) goto end */
    LOAD, 0, LOAD, 1, ADD,                       /* t = a + b */
    LOAD, 1, STORE, 0, STORE, 1,                 /* a = b; b = t */
    JMP, 0,
    HALT, HALT,                                  /* never executed */
    LOAD, 1, OUT, HALT                           /* end */
};

/* Count primes below 3000 by trial division, using a subroutine. */
static const int32_t prog_primes[] = {
    PUSH, 0, STORE, 0,                 /* count = 0 */
    PUSH, 2, STORE, 1,                 /* n = 2 */
    LOAD, 1, PUSH, 3000, LT, JZ, 0,    /* while n < 3000 */
    CALL, 0,                           /*   isprime(n) -> stack */
    LOAD, 0, ADD, STORE, 0,            /*   count += it */
    LOAD, 1, PUSH, 1, ADD, STORE, 1,   /*   n++ */
    JMP, 0,
    LOAD, 0, OUT, HALT,                /* end */
    /* isprime: d = 2; while d*d <= n: if n % d == 0 return 0; d++ ; return 1 */
    PUSH, 2, STORE, 2,
    LOAD, 2, LOAD, 2, MUL, LOAD, 1, SWAP, LT, JNZ, 0,   /* if n < d*d -> prime */
    LOAD, 1, LOAD, 2, MOD, JZ, 0,                      /* divisible -> not prime */
    LOAD, 2, PUSH, 1, ADD, STORE, 2, JMP, 0,
    PUSH, 1, RET,
    PUSH, 0, RET
};

/* Collatz: longest chain for start values below 3000. */
static const int32_t prog_collatz[] = {
    PUSH, 1, STORE, 0,   /* n */
    PUSH, 0, STORE, 1,   /* best len */
    PUSH, 0, STORE, 2,   /* best n */
    /* 12: loop over n */
    LOAD, 0, PUSH, 3000, LT, JZ, 0,
    LOAD, 0, STORE, 3, PUSH, 0, STORE, 4,          /* x = n, len = 0 */
    /* inner: while x != 1 */
    LOAD, 3, PUSH, 1, EQ, JNZ, 0,
    LOAD, 3, PUSH, 1, AND, JZ, 0,
    LOAD, 3, PUSH, 3, MUL, PUSH, 1, ADD, STORE, 3, JMP, 0,   /* odd: x = 3x+1 */
    LOAD, 3, PUSH, 1, SHR, STORE, 3,                         /* even: x >>= 1 */
    LOAD, 4, PUSH, 1, ADD, STORE, 4, JMP, 0,                 /* len++ */
    /* after inner */
    LOAD, 1, LOAD, 4, LT, JZ, 0,
    LOAD, 4, STORE, 1, LOAD, 0, STORE, 2,
    LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, 12,
    LOAD, 2, OUT, LOAD, 1, OUT, HALT
};

/* A patch: code[at] = target. */
struct fix { int at, target; };

static int32_t code_buf[512];

static const int32_t *prepare(const int32_t *src, size_t n, const struct fix *fx, int nfx)
{
    memcpy(code_buf, src, n * sizeof *src);
    for (int i = 0; i < nfx; i++) code_buf[fx[i].at] = fx[i].target;
    return code_buf;
}

/* Count instructions to find the index of the n-th opcode (for fixups). */
static int opcode_index(const int32_t *code, size_t n, int nth)
{
    int pc = 0, k = 0;
    while ((size_t)pc < n) {
        if (k == nth) return pc;
        enum op o = (enum op)code[pc];
        pc += 1 + (o == PUSH || o == JMP || o == JZ || o == JNZ || o == LOAD || o == STORE || o == CALL);
        k++;
    }
    return -1;
}

static void run_both(const char *name, const int32_t *src, size_t n, const struct fix *fx, int nfx)
{
    static struct vm a, b;
    const int32_t *code = prepare(src, n, fx, nfx);
    memset(&a, 0, sizeof a);
    printf("%-8s goto  :", name);
    run_goto(&a, code);
    printf("  [steps %" PRIu64 ", outputs %d, hash %08" PRIx32 "]\n", a.steps, a.outs, a.out_hash);
    memset(&b, 0, sizeof b);
    printf("%-8s switch:", name);
    run_switch(&b, code);
    printf("  [steps %" PRIu64 ", outputs %d, hash %08" PRIx32 "]\n", b.steps, b.outs, b.out_hash);
    printf("%-8s %s; busiest ops:", name, a.out_hash == b.out_hash && a.steps == b.steps ? "agree" : "DISAGREE");
    for (int k = 0; k < 3; k++) {
        int best = 0;
        for (int i = 1; i < NOPS; i++) if (a.op_count[i] > a.op_count[best]) best = i;
        printf(" %s=%" PRIu32, opnames[best], a.op_count[best]);
        a.op_count[best] = 0;
    }
    printf("\n");
}

/* Recursive-descent expression evaluator: + - * / % ( ) unary -, ints. */
static const char *ep;
static int eval_err;
static int32_t expr(void);
static void skip(void) { while (*ep == ' ') ep++; }
static int32_t primary(void)
{
    skip();
    if (*ep == '(') {
        ep++;
        int32_t v = expr();
        skip();
        if (*ep == ')') ep++; else eval_err = 1;
        return v;
    }
    if (*ep == '-') { ep++; return (int32_t)(0u - (uint32_t)primary()); }
    if (*ep >= '0' && *ep <= '9') {
        uint32_t v = 0;
        while (*ep >= '0' && *ep <= '9') v = v * 10 + (uint32_t)(*ep++ - '0');
        return (int32_t)v;
    }
    eval_err = 1;
    return 0;
}
static int32_t term(void)
{
    int32_t v = primary();
    for (;;) {
        skip();
        char c = *ep;
        if (c != '*' && c != '/' && c != '%') return v;
        ep++;
        int32_t r = primary();
        if (c == '*') v = (int32_t)((uint32_t)v * (uint32_t)r);
        else if (r == 0 || (v == INT32_MIN && r == -1)) { eval_err = 2; v = 0; }
        else v = c == '/' ? v / r : v % r;
    }
}
static int32_t expr(void)
{
    int32_t v = term();
    for (;;) {
        skip();
        char c = *ep;
        if (c != '+' && c != '-') return v;
        ep++;
        int32_t r = term();
        v = (int32_t)(c == '+' ? (uint32_t)v + (uint32_t)r : (uint32_t)v - (uint32_t)r);
    }
}

int main(void)
{
    /* Fix-ups by instruction number (k-th instruction of the program). */
    {
        size_t n = sizeof prog_sum / sizeof prog_sum[0];
        /* instructions: 0 PUSH,1 STORE,2 PUSH,3 STORE,4 LOAD,5 JZ,6 LOAD,7 LOAD,8 ADD,9 STORE,
           10 LOAD,11 PUSH,12 SUB,13 STORE,14 JMP,15 LOAD(end) */
        struct fix fx[] = {
            { opcode_index(prog_sum, n, 5) + 1, opcode_index(prog_sum, n, 15) },
            { opcode_index(prog_sum, n, 14) + 1, opcode_index(prog_sum, n, 4) },
        };
        run_both("sum", prog_sum, n, fx, 2);
    }
    {
        size_t n = sizeof prog_fib / sizeof prog_fib[0];
        /* 0-3 init, 4 LOAD a, 5 OUT, 6 LOAD b, 7 PUSH, 8 LT, 9 JZ, 10 LOAD,11 LOAD,12 ADD,
           13 LOAD,14 STORE,15 STORE,16 JMP, 17 HALT, 18 HALT, 19 LOAD b */
        struct fix fx[] = {
            { opcode_index(prog_fib, n, 9) + 1, opcode_index(prog_fib, n, 19) },
            { opcode_index(prog_fib, n, 16) + 1, opcode_index(prog_fib, n, 4) },
        };
        run_both("fib", prog_fib, n, fx, 2);
    }
    {
        size_t n = sizeof prog_primes / sizeof prog_primes[0];
        /* 0-3 init, 4 LOAD n, 5 PUSH, 6 LT, 7 JZ end, 8 CALL, 9 LOAD, 10 ADD, 11 STORE, 12 LOAD,
           13 PUSH, 14 ADD, 15 STORE, 16 JMP loop, 17 LOAD count (end), 18 OUT, 19 HALT,
           isprime: 20 PUSH, 21 STORE, 22 LOAD d (iloop), 23 LOAD, 24 MUL, 25 LOAD n, 26 SWAP,
           27 LT, 28 JNZ prime, 29 LOAD, 30 LOAD, 31 MOD, 32 JZ notprime, 33 LOAD, 34 PUSH, 35 ADD,
           36 STORE, 37 JMP iloop, 38 PUSH 1 (prime), 39 RET, 40 PUSH 0 (notprime), 41 RET */
        struct fix fx[] = {
            { opcode_index(prog_primes, n, 7) + 1, opcode_index(prog_primes, n, 17) },
            { opcode_index(prog_primes, n, 8) + 1, opcode_index(prog_primes, n, 20) },
            { opcode_index(prog_primes, n, 16) + 1, opcode_index(prog_primes, n, 4) },
            { opcode_index(prog_primes, n, 28) + 1, opcode_index(prog_primes, n, 38) },
            { opcode_index(prog_primes, n, 32) + 1, opcode_index(prog_primes, n, 40) },
            { opcode_index(prog_primes, n, 37) + 1, opcode_index(prog_primes, n, 22) },
        };
        run_both("primes", prog_primes, n, fx, 6);
    }
    {
        size_t n = sizeof prog_collatz / sizeof prog_collatz[0];
        /* 0-5 init, 6 LOAD n (loop), 7 PUSH, 8 LT, 9 JZ end, 10 LOAD, 11 STORE, 12 PUSH, 13 STORE,
           14 LOAD x (inner), 15 PUSH, 16 EQ, 17 JNZ after, 18 LOAD, 19 PUSH, 20 AND, 21 JZ even,
           22 LOAD, 23 PUSH, 24 MUL, 25 PUSH, 26 ADD, 27 STORE, 28 JMP len, 29 LOAD (even),
           30 PUSH, 31 SHR, 32 STORE, 33 LOAD (len), 34 PUSH, 35 ADD, 36 STORE, 37 JMP inner,
           38 LOAD best (after), 39 LOAD, 40 LT, 41 JZ next, 42 LOAD, 43 STORE, 44 LOAD, 45 STORE,
           46 LOAD n (next), 47 PUSH, 48 ADD, 49 STORE, 50 JMP loop, 51 LOAD (end), 52 OUT, 53 LOAD,
           54 OUT, 55 HALT */
        struct fix fx[] = {
            { opcode_index(prog_collatz, n, 9) + 1, opcode_index(prog_collatz, n, 51) },
            { opcode_index(prog_collatz, n, 17) + 1, opcode_index(prog_collatz, n, 38) },
            { opcode_index(prog_collatz, n, 21) + 1, opcode_index(prog_collatz, n, 29) },
            { opcode_index(prog_collatz, n, 28) + 1, opcode_index(prog_collatz, n, 33) },
            { opcode_index(prog_collatz, n, 37) + 1, opcode_index(prog_collatz, n, 14) },
            { opcode_index(prog_collatz, n, 41) + 1, opcode_index(prog_collatz, n, 46) },
            { opcode_index(prog_collatz, n, 50) + 1, opcode_index(prog_collatz, n, 6) },
        };
        run_both("collatz", prog_collatz, n, fx, 7);
    }

    static const char *exprs[] = {
        "1+2*3", "(1+2)*3", "100/7", "100%7", "-100/7", "-100%7", "2*(3+4)*(5-6)", "-(-(-5))",
        "2147483647+1", "65536*65536", "1/0", "((((((((((42))))))))))", "7 - 3 - 2", "2*3%4",
        "1+", "12345679*9", "-2147483647-1", "(-2147483647-1)/-1",
    };
    for (unsigned i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        ep = exprs[i];
        eval_err = 0;
        int32_t v = expr();
        skip();
        if (*ep) eval_err = eval_err ? eval_err : 3;
        if (eval_err) printf("%-24s => error %d\n", exprs[i], eval_err);
        else printf("%-24s => %" PRId32 "\n", exprs[i], v);
    }
    return 0;
}
