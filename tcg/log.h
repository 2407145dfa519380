/* -d logging. */
#ifndef MIMIC_TCG_LOG_H
#define MIMIC_TCG_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM  = 1 << 0,
    LOG_OUT_ASM = 1 << 1,
    LOG_OP      = 1 << 2,
    LOG_OP_OPT  = 1 << 3,
    LOG_EXEC    = 1 << 4,
    LOG_CPU     = 1 << 5,
    LOG_UNIMP   = 1 << 6,
    LOG_PAGE    = 1 << 7,
    LOG_STRACE  = 1 << 8,
    LOG_PERF    = 1 << 9,
};

extern unsigned log_mask;
extern FILE *log_file;

static inline bool log_enabled(unsigned m) { return (log_mask & m) != 0; }
/* Parse "in_asm,out_asm,..."; returns false and names the bad item. */
bool log_parse(const char *items, const char **bad);
void log_set_file(const char *path);
void log_help(FILE *f);

#endif
