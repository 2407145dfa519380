/*
 * ELF loader tests: crafted good images are mapped where their headers say,
 * with file contents, zeroed .bss and the right entry and program-header
 * addresses; truncated, garbage, wrong-class and wrong-machine files are
 * refused with a reason instead of being mapped.
 */
#include <check.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "loader/elf.h"
#include "tcg/tb.h"

/* An ARM ELF32 executable: headers, then one RX segment of code bytes at
 * file offset 0x1000 and one RW segment with data and .bss. */
typedef struct Image {
    uint8_t bytes[0x3000];
    size_t size;
} Image;

static void build_image(Image *im, uint16_t type, uint32_t base)
{
    memset(im, 0, sizeof(*im));
    Elf32_Ehdr *eh = (Elf32_Ehdr *)im->bytes;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS32;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = EM_ARM;
    eh->e_version = EV_CURRENT;
    eh->e_entry = base + 0x1010;
    eh->e_phoff = sizeof(Elf32_Ehdr);
    eh->e_ehsize = sizeof(Elf32_Ehdr);
    eh->e_phentsize = sizeof(Elf32_Phdr);
    eh->e_phnum = 2;
    eh->e_flags = 0x05000400;
    Elf32_Phdr *ph = (Elf32_Phdr *)(im->bytes + eh->e_phoff);
    /* Text: file [0, 0x1100) at base, so the headers are mapped too. */
    ph[0] = (Elf32_Phdr){ PT_LOAD, 0, base, base, 0x1100, 0x1100, PF_R | PF_X, 0x1000 };
    /* Data: file [0x2000, 0x2010) at base + 0x2000, 0x3000 bytes in memory. */
    ph[1] = (Elf32_Phdr){ PT_LOAD, 0x2000, base + 0x2000, base + 0x2000, 0x10, 0x3000, PF_R | PF_W, 0x1000 };
    for (int i = 0; i < 0x100; i++) {
        im->bytes[0x1000 + i] = (uint8_t)(i * 7 + 1);
    }
    memset(im->bytes + 0x2000, 0xab, 0x10);
    /* Garbage after the file data that must not show up as .bss. */
    memset(im->bytes + 0x2010, 0xcd, 0xff0);
    im->size = 0x3000;
}

static int write_temp(const void *data, size_t n)
{
    char path[] = "/tmp/mimic-test-elf-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    unlink(path);
    ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
    return fd;
}

static void setup(void)
{
    static bool done;
    if (!done) {
        guest_mem_init(0xc0000000u);
        tb_cache_init(16u << 20);
        done = true;
    }
}

START_TEST(test_exec_maps_segments)
{
    Image im;
    build_image(&im, ET_EXEC, 0x10000);
    int fd = write_temp(im.bytes, im.size);
    ElfIdent id;
    char err[256];
    ck_assert_msg(elf_identify(fd, &id, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(id.machine, EM_ARM);
    ck_assert(!id.is64 && !id.big_endian);
    ImageInfo info;
    memset(&info, 0, sizeof(info));
    ck_assert_msg(elf_load(fd, "t", false, 0x400000, &info, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(info.load_bias, 0);
    ck_assert_uint_eq(info.entry, 0x11010);
    ck_assert_uint_eq(info.phdr, 0x10000 + sizeof(Elf32_Ehdr));
    ck_assert_uint_eq(info.phnum, 2);
    ck_assert_uint_eq(info.brk, 0x15000);
    /* Code bytes and page permissions. */
    ck_assert_int_eq(memcmp(g2h(0x11000), im.bytes + 0x1000, 0x100), 0);
    ck_assert_int_eq(page_get_flags(0x11000) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC), PAGE_READ | PAGE_EXEC);
    ck_assert_int_eq(page_get_flags(0x12000) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC), PAGE_READ | PAGE_WRITE);
    /* Data, then zeroes for the rest of the page and the extra pages. */
    ck_assert_uint_eq(*(uint8_t *)g2h(0x1200f), 0xab);
    for (uint32_t a = 0x12010; a < 0x15000; a++) {
        ck_assert_msg(*(uint8_t *)g2h(a) == 0, ".bss byte at 0x%x is 0x%x", a, *(uint8_t *)g2h(a));
    }
    ck_assert_int_eq(page_get_flags(0x15000) & PAGE_VALID, 0);
    close(fd);
    target_munmap(0x10000, 0x5000);
}
END_TEST

START_TEST(test_dyn_gets_bias)
{
    Image im;
    build_image(&im, ET_DYN, 0);
    int fd = write_temp(im.bytes, im.size);
    ImageInfo info;
    char err[256];
    memset(&info, 0, sizeof(info));
    ck_assert_msg(elf_load(fd, "t", false, 0x400000, &info, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(info.load_bias, 0x400000);
    ck_assert_uint_eq(info.entry, 0x401010);
    ck_assert_int_eq(memcmp(g2h(0x401000), im.bytes + 0x1000, 0x100), 0);
    /* A second copy (as an interpreter) goes somewhere free. */
    ImageInfo info2;
    memset(&info2, 0, sizeof(info2));
    ck_assert_msg(elf_load(fd, "t", true, 0, &info2, err, sizeof(err)), "%s", err);
    ck_assert_uint_ne(info2.load_bias, info.load_bias);
    ck_assert_int_eq(memcmp(g2h(info2.load_bias + 0x1000), im.bytes + 0x1000, 0x100), 0);
    close(fd);
    target_munmap(info.load_bias, 0x5000);
    target_munmap(info2.load_bias, 0x5000);
}
END_TEST

static void expect_refused(const void *data, size_t n, bool identify_ok, const char *want)
{
    int fd = write_temp(data, n);
    ElfIdent id;
    ImageInfo info;
    char err[256] = "";
    memset(&info, 0, sizeof(info));
    bool ok = elf_identify(fd, &id, err, sizeof(err));
    if (ok) {
        ck_assert_msg(identify_ok, "identify accepted a file it should refuse");
        ok = elf_load(fd, "t", false, 0x400000, &info, err, sizeof(err));
        ck_assert_msg(!ok, "elf_load accepted a bad file");
    }
    ck_assert_msg(strstr(err, want) != NULL, "reason '%s' does not mention '%s'", err, want);
    ck_assert_msg(!strchr(err, '\n'), "reason spans lines: '%s'", err);
    close(fd);
}

START_TEST(test_garbage)
{
    const char text[] = "#!/bin/sh\necho this is not an ELF file\n";
    expect_refused(text, sizeof(text) - 1, false, "not an ELF");
    expect_refused("", 0, false, "not an ELF");
    uint8_t noise[512];
    for (size_t i = 0; i < sizeof(noise); i++) {
        noise[i] = (uint8_t)(i * 131 + 17);
    }
    expect_refused(noise, sizeof(noise), false, "not an ELF");
}
END_TEST

START_TEST(test_truncated)
{
    Image im;
    build_image(&im, ET_EXEC, 0x10000);
    expect_refused(im.bytes, 20, false, "truncated");
    /* Headers complete, program headers cut. */
    expect_refused(im.bytes, sizeof(Elf32_Ehdr) + 8, true, "truncated");
    /* Program headers complete, segment data missing. */
    expect_refused(im.bytes, 0x1080, true, "truncated");
}
END_TEST

START_TEST(test_wrong_class_and_machine)
{
    Image im;
    build_image(&im, ET_EXEC, 0x10000);
    ElfIdent id;
    char err[256];

    /* Identification reports what the file is; the caller decides. */
    im.bytes[EI_CLASS] = ELFCLASS64;
    int fd = write_temp(im.bytes, im.size);
    if (elf_identify(fd, &id, err, sizeof(err))) {
        ck_assert(id.is64);
    }
    close(fd);

    build_image(&im, ET_EXEC, 0x10000);
    ((Elf32_Ehdr *)im.bytes)->e_machine = EM_AARCH64;
    fd = write_temp(im.bytes, im.size);
    ck_assert(elf_identify(fd, &id, err, sizeof(err)));
    ck_assert_uint_eq(id.machine, EM_AARCH64);
    ck_assert_str_eq(elf_machine_name(id.machine, id.big_endian), "aarch64");
    close(fd);

    build_image(&im, ET_EXEC, 0x10000);
    im.bytes[EI_CLASS] = 7;
    expect_refused(im.bytes, im.size, false, "class");

    build_image(&im, ET_REL, 0x10000);
    expect_refused(im.bytes, im.size, true, "not an executable");
}
END_TEST

START_TEST(test_segment_outside_task)
{
    Image im;
    build_image(&im, ET_EXEC, 0xffff0000u);
    expect_refused(im.bytes, im.size, true, "outside");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("elf");
    TCase *tc = tcase_create("loader");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_exec_maps_segments);
    tcase_add_test(tc, test_dyn_gets_bias);
    tcase_add_test(tc, test_garbage);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_wrong_class_and_machine);
    tcase_add_test(tc, test_segment_outside_task);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
