/*
 * /proc/cpuinfo as a 32-bit ARM kernel prints it (arch/arm/kernel/setup.c):
 * one block per online host CPU describing the -cpu model, its Features
 * line spelled from the AT_HWCAP/AT_HWCAP2 bits the guest was given, then
 * the machine lines of a generic device-tree board.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "frontends/arm/cpu.h"
#include "linux-user/user.h"

/* Bit n of AT_HWCAP / AT_HWCAP2 is named by entry n. */
static const char *const hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt", "crunch", "thumbee",
    "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt", "vfpd32", "lpae", "evtstrm", "fphp",
    "asimdhp", "asimddp", "asimdfhm", "asimdbf16", "i8mm",
};
static const char *const hwcap2_names[] = { "aes", "pmull", "sha1", "sha2", "crc32", "sb", "ssbs" };

/* The kernel numbers the online CPUs as the host does; list them from
 * /sys (ranges like "0-3,6"), or count them. */
static int online_cpus(int *cpus, int max)
{
    int n = 0;
    FILE *f = fopen("/sys/devices/system/cpu/online", "re");
    if (f) {
        int lo, hi;
        while (n < max && fscanf(f, "%d", &lo) == 1) {
            hi = lo;
            int c = fgetc(f);
            if (c == '-') {
                if (fscanf(f, "%d", &hi) != 1) {
                    break;
                }
                c = fgetc(f);
            }
            for (int i = lo; i <= hi && n < max; i++) {
                cpus[n++] = i;
            }
            if (c != ',') {
                break;
            }
        }
        fclose(f);
    }
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        for (n = 0; n < (c > 0 ? c : 1) && n < max; n++) {
            cpus[n] = n;
        }
    }
    return n;
}

void arm_cpuinfo(FILE *f, CPUCommon *cpu)
{
    const CPUARMState *env = arm_env(cpu);
    uint32_t midr = env->midr;
    static int cpus[4096];
    int n = online_cpus(cpus, 4096);
    for (int i = 0; i < n; i++) {
        fprintf(f, "processor\t: %d\n", cpus[i]);
        fprintf(f, "model name\t: ARMv7 Processor rev %u (%s)\n", midr & 15, user.ua->platform);
        /* With the architected timer, BogoMIPS is twice its frequency in
         * MHz; 24 MHz is the common one. */
        fprintf(f, "BogoMIPS\t: 48.00\n");
        fprintf(f, "Features\t: ");
        for (unsigned b = 0; b < sizeof(hwcap_names) / sizeof(hwcap_names[0]); b++) {
            if (env->hwcap & (1u << b)) {
                fprintf(f, "%s ", hwcap_names[b]);
            }
        }
        for (unsigned b = 0; b < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]); b++) {
            if (env->hwcap2 & (1u << b)) {
                fprintf(f, "%s ", hwcap2_names[b]);
            }
        }
        fprintf(f, "\nCPU implementer\t: 0x%02x\n", midr >> 24);
        fprintf(f, "CPU architecture: 7\n");
        fprintf(f, "CPU variant\t: 0x%x\n", (midr >> 20) & 15);
        fprintf(f, "CPU part\t: 0x%03x\n", (midr >> 4) & 0xfff);
        fprintf(f, "CPU revision\t: %u\n\n", midr & 15);
    }
    fprintf(f, "Hardware\t: Generic DT based system\n");
    fprintf(f, "Revision\t: 0000\n");
    fprintf(f, "Serial\t\t: 0000000000000000\n");
}
