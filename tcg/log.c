#include "tcg/log.h"
#include "tcg/util.h"

#include <stdlib.h>
#include <string.h>

unsigned log_mask;
FILE *log_file;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "show guest code of each translated block" },
    { "out_asm", LOG_OUT_ASM, "show host code of each translated block" },
    { "op", LOG_OP, "show IR before optimisation" },
    { "op_opt", LOG_OP_OPT, "show IR after optimisation" },
    { "exec", LOG_EXEC, "trace each block executed (disables chaining)" },
    { "cpu", LOG_CPU, "dump guest registers before each block (disables chaining)" },
    { "unimp", LOG_UNIMP, "log unimplemented syscalls, ioctls and instructions" },
    { "page", LOG_PAGE, "log guest memory map changes" },
    { "strace", LOG_STRACE, "log system calls (same as -strace)" },
    { "perf", LOG_PERF, "write /tmp/perf-<pid>.map for perf report" },
};

bool log_parse(const char *items, const char **bad)
{
    char *dup = xstrdup(items), *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < ARRAY_SIZE(log_items); i++) {
            if (!strcmp(tok, log_items[i].name)) {
                log_mask |= log_items[i].mask;
                break;
            }
        }
        if (i == ARRAY_SIZE(log_items)) {
            static char badbuf[64];
            snprintf(badbuf, sizeof(badbuf), "%s", tok);
            *bad = badbuf;
            ok = false;
            break;
        }
    }
    free(dup);
    return ok;
}

void log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fatal("cannot open log file '%s'", path);
    }
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
}

void log_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
        fprintf(f, "  %-8s %s\n", log_items[i].name, log_items[i].help);
    }
}
