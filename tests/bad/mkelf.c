/* mkelf KIND OUTPUT: writes a small crafted ELF file for the bad-input
 * suite.  Kinds:
 *   aarch64   a complete, minimal static AArch64 executable (ELF64,
 *             e_machine = EM_AARCH64 = 183) that would exit(0) on an AArch64
 *             machine: mimic must refuse it with a one-line message.
 *   arm-rel   an ELF32 ARM relocatable object header (e_type = ET_REL):
 *             not an executable.
 *   arm-be    an ELF32 ARM executable header marked big-endian.
 * Everything is written byte by byte in little-endian order (or big-endian
 * for arm-be), independent of the host's struct layout. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static unsigned char buf[4096];
static int big_endian;

static void put16(size_t off, uint16_t v)
{
    for (int i = 0; i < 2; i++) buf[off + (size_t)(big_endian ? 1 - i : i)] = (unsigned char)(v >> (8 * i));
}
static void put32(size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++) buf[off + (size_t)(big_endian ? 3 - i : i)] = (unsigned char)(v >> (8 * i));
}
static void put64(size_t off, uint64_t v)
{
    for (int i = 0; i < 8; i++) buf[off + (size_t)(big_endian ? 7 - i : i)] = (unsigned char)(v >> (8 * i));
}

static size_t make_aarch64(void)
{
    const uint64_t base = 0x400000;
    const size_t ehsize = 64, phsize = 56, code_off = ehsize + phsize;
    static const uint32_t code[] = {
        0xd2800000u,   /* mov x0, #0 */
        0xd2800ba8u,   /* mov x8, #93 (exit) */
        0xd4000001u,   /* svc #0 */
    };
    size_t total = code_off + sizeof code;
    memcpy(buf, "\177ELF", 4);
    buf[4] = 2;                 /* ELFCLASS64 */
    buf[5] = 1;                 /* ELFDATA2LSB */
    buf[6] = 1;                 /* EV_CURRENT */
    buf[7] = 0;                 /* ELFOSABI_SYSV */
    put16(16, 2);               /* e_type = ET_EXEC */
    put16(18, 183);             /* e_machine = EM_AARCH64 */
    put32(20, 1);               /* e_version */
    put64(24, base + code_off); /* e_entry */
    put64(32, ehsize);          /* e_phoff */
    put64(40, 0);               /* e_shoff */
    put32(48, 0);               /* e_flags */
    put16(52, (uint16_t)ehsize);
    put16(54, (uint16_t)phsize);
    put16(56, 1);               /* e_phnum */
    put16(58, 64);              /* e_shentsize */
    put16(60, 0);               /* e_shnum */
    put16(62, 0);               /* e_shstrndx */
    size_t ph = ehsize;
    put32(ph + 0, 1);           /* PT_LOAD */
    put32(ph + 4, 5);           /* PF_R | PF_X */
    put64(ph + 8, 0);           /* p_offset */
    put64(ph + 16, base);       /* p_vaddr */
    put64(ph + 24, base);       /* p_paddr */
    put64(ph + 32, total);      /* p_filesz */
    put64(ph + 40, total);      /* p_memsz */
    put64(ph + 48, 0x10000);    /* p_align */
    for (size_t i = 0; i < sizeof code / sizeof code[0]; i++) put32(code_off + 4 * i, code[i]);
    return total;
}

static size_t make_arm32(uint16_t type)
{
    const uint32_t base = 0x10000;
    const size_t ehsize = 52, phsize = 32, code_off = ehsize + phsize;
    size_t total = code_off + 12;
    memcpy(buf, "\177ELF", 4);
    buf[4] = 1;                 /* ELFCLASS32 */
    buf[5] = big_endian ? 2 : 1;
    buf[6] = 1;
    put16(16, type);
    put16(18, 40);              /* EM_ARM */
    put32(20, 1);
    put32(24, type == 2 ? base + (uint32_t)code_off : 0);
    put32(28, type == 2 ? (uint32_t)ehsize : 0);
    put32(32, 0);
    put32(36, 0x05000400);      /* EABI5, hard-float */
    put16(40, (uint16_t)ehsize);
    put16(42, type == 2 ? (uint16_t)phsize : 0);
    put16(44, type == 2 ? 1 : 0);
    put16(46, 40);
    put16(48, 0);
    put16(50, 0);
    if (type == 2) {
        size_t ph = ehsize;
        put32(ph + 0, 1);
        put32(ph + 4, 0);
        put32(ph + 8, base);
        put32(ph + 12, base);
        put32(ph + 16, (uint32_t)total);
        put32(ph + 20, (uint32_t)total);
        put32(ph + 24, 5);
        put32(ph + 28, 0x10000);
    }
    put32(code_off + 0, 0xe3a00000u);  /* mov r0, #0 */
    put32(code_off + 4, 0xe3a07001u);  /* mov r7, #1 */
    put32(code_off + 8, 0xef000000u);  /* svc #0 */
    return total;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkelf aarch64|arm-rel|arm-be OUTPUT\n");
        return 2;
    }
    size_t n;
    if (strcmp(argv[1], "aarch64") == 0) n = make_aarch64();
    else if (strcmp(argv[1], "arm-rel") == 0) n = make_arm32(1);
    else if (strcmp(argv[1], "arm-be") == 0) { big_endian = 1; n = make_arm32(2); }
    else {
        fprintf(stderr, "mkelf: unknown kind %s\n", argv[1]);
        return 2;
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
