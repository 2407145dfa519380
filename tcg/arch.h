/* A guest architecture as the generic layers see it. */
#ifndef MIMIC_TCG_ARCH_H
#define MIMIC_TCG_ARCH_H

#include <stddef.h>
#include <stdio.h>

#include "tcg/cpu.h"
#include "tcg/translate.h"

struct UserArchOps;

typedef struct ArchInfo {
    const char *name;                       /* "arm", "mipsel", ... */
    const FrontendOps *frontend;
    size_t cpu_size;                        /* sizeof the guest CPU struct */
    size_t cpu_align;
    void (*cpu_dump)(CPUCommon *cpu, FILE *f);      /* -d cpu */
    const struct UserArchOps *user;         /* linux-user hooks */
} ArchInfo;

#endif
