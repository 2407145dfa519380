/*
 * ELF parsing with libelf and segment mapping into the guest window.
 * libelf converts headers to host byte order, so big-endian guests need no
 * special casing here.
 */
#include "loader/elf.h"

#include <errno.h>
#include <stdarg.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "tcg/util.h"

__attribute__((format(printf, 3, 4))) static bool errf(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return false;
}

#define ERR(...) errf(err, errlen, __VA_ARGS__)

static const struct {
    uint16_t machine;
    const char *name;
} machine_names[] = {
    { EM_386, "i386" }, { EM_X86_64, "x86_64" }, { EM_ARM, "arm" }, { EM_AARCH64, "aarch64" },
    { EM_MIPS, "mips" }, { EM_MIPS_RS3_LE, "mips" }, { EM_PPC, "ppc" }, { EM_PPC64, "ppc64" },
    { EM_S390, "s390x" }, { EM_SPARC, "sparc" }, { EM_SPARCV9, "sparc64" }, { EM_SH, "sh4" },
    { EM_68K, "m68k" }, { EM_RISCV, "riscv" }, { EM_ALPHA, "alpha" }, { EM_PARISC, "hppa" },
    { EM_IA_64, "ia64" }, { EM_MICROBLAZE, "microblaze" }, { EM_OPENRISC, "or1k" },
    { EM_XTENSA, "xtensa" }, { EM_LOONGARCH, "loongarch" },
};

const char *elf_machine_name(uint16_t machine, bool big_endian)
{
    static char buf[32];
    for (size_t i = 0; i < ARRAY_SIZE(machine_names); i++) {
        if (machine_names[i].machine == machine) {
            if (machine == EM_ARM && big_endian) {
                return "armeb";
            }
            if (machine == EM_MIPS && !big_endian) {
                return "mipsel";
            }
            if (machine == EM_AARCH64 && big_endian) {
                return "aarch64_be";
            }
            return machine_names[i].name;
        }
    }
    snprintf(buf, sizeof(buf), "%u", machine);
    return buf;
}

static void libelf_init(void)
{
    static bool done;
    if (!done) {
        if (elf_version(EV_CURRENT) == EV_NONE) {
            fatal("libelf is too old");
        }
        done = true;
    }
}

bool elf_identify(int fd, ElfIdent *id, char *err, size_t errlen)
{
    unsigned char ident[EI_NIDENT + 4];
    ssize_t n = pread(fd, ident, sizeof(ident), 0);

    if (n < 0) {
        return ERR("cannot read: %s", strerror(errno));
    }
    if (n < 4 || memcmp(ident, ELFMAG, SELFMAG) != 0) {
        return ERR("not an ELF file");
    }
    if ((size_t)n < EI_NIDENT + 4) {
        return ERR("truncated ELF header");
    }
    if (ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64) {
        return ERR("invalid ELF class %u", ident[EI_CLASS]);
    }
    if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB) {
        return ERR("invalid ELF data encoding %u", ident[EI_DATA]);
    }
    if (ident[EI_VERSION] != EV_CURRENT) {
        return ERR("invalid ELF version %u", ident[EI_VERSION]);
    }
    id->is64 = ident[EI_CLASS] == ELFCLASS64;
    id->big_endian = ident[EI_DATA] == ELFDATA2MSB;
    /* e_type and e_machine follow e_ident in both classes. */
    uint16_t type = id->big_endian ? (uint16_t)(ident[16] << 8 | ident[17]) : (uint16_t)(ident[17] << 8 | ident[16]);
    uint16_t mach = id->big_endian ? (uint16_t)(ident[18] << 8 | ident[19]) : (uint16_t)(ident[19] << 8 | ident[18]);
    id->type = type;
    id->machine = mach;

    libelf_init();
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    if (!e) {
        return ERR("malformed ELF: %s", elf_errmsg(-1));
    }
    GElf_Ehdr eh;
    bool ok = gelf_getehdr(e, &eh) != NULL;
    if (ok) {
        id->flags = (uint32_t)eh.e_flags;
    }
    elf_end(e);
    if (!ok) {
        return ERR("truncated ELF header");
    }
    return true;
}

/* Copy out a program's symbol table for elf_symbol_lookup. */
typedef struct Sym {
    uint32_t addr, size;
    char *name;
} Sym;
static Sym *syms;
static size_t nb_syms, max_syms;
static bool syms_sorted;

static void collect_symbols(Elf *e, uint32_t bias)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) || !sh.sh_entsize) {
            continue;
        }
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d) {
            continue;
        }
        size_t n = sh.sh_size / sh.sh_entsize;
        for (size_t i = 0; i < n; i++) {
            GElf_Sym s;
            if (!gelf_getsym(d, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC || !s.st_value) {
                continue;
            }
            const char *name = elf_strptr(e, sh.sh_link, s.st_name);
            if (!name || !*name) {
                continue;
            }
            if (nb_syms == max_syms) {
                max_syms = max_syms * 2 + 256;
                syms = xrealloc(syms, max_syms * sizeof(Sym));
            }
            /* ARM marks Thumb functions with bit 0. */
            syms[nb_syms++] = (Sym){ ((uint32_t)s.st_value & ~1u) + bias, (uint32_t)s.st_size, xstrdup(name) };
        }
    }
    syms_sorted = false;
}

static int sym_cmp(const void *a, const void *b)
{
    const Sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

const char *elf_symbol_lookup(uint32_t pc, uint32_t *offset)
{
    if (!syms_sorted) {
        qsort(syms, nb_syms, sizeof(Sym), sym_cmp);
        syms_sorted = true;
    }
    size_t lo = 0, hi = nb_syms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (syms[mid].addr <= pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return NULL;
    }
    const Sym *s = &syms[lo - 1];
    if (s->size && pc >= s->addr + s->size) {
        return NULL;
    }
    *offset = pc - s->addr;
    return s->name;
}

static int segment_prot(uint32_t pf)
{
    return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) | (pf & PF_X ? PROT_EXEC : 0);
}

bool elf_load(int fd, const char *path, bool is_interp, uint32_t dyn_base, ImageInfo *info, char *err,
              size_t errlen)
{
    struct stat st;
    GElf_Ehdr eh;
    size_t phnum;
    bool ok = false;
    GElf_Phdr *ph = NULL;

    libelf_init();
    if (fstat(fd, &st) < 0) {
        return ERR("cannot stat: %s", strerror(errno));
    }
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    if (!e || elf_kind(e) != ELF_K_ELF) {
        if (e) {
            elf_end(e);
        }
        return ERR("not an ELF file");
    }
    if (!gelf_getehdr(e, &eh)) {
        ERR("truncated ELF header");
        goto out;
    }
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
        ERR("not an executable (ELF type %u)", eh.e_type);
        goto out;
    }
    phnum = eh.e_phnum;
    if (phnum == PN_XNUM && elf_getphdrnum(e, &phnum) != 0) {
        ERR("truncated ELF (extended program header count unreadable)");
        goto out;
    }
    if (phnum == 0) {
        ERR("no program headers");
        goto out;
    }
    if (phnum > 256) {
        ERR("too many program headers (%zu)", phnum);
        goto out;
    }
    if ((uint64_t)eh.e_phoff + phnum * (uint64_t)eh.e_phentsize > (uint64_t)st.st_size) {
        ERR("truncated ELF (program headers extend past end of file)");
        goto out;
    }
    ph = xmalloc(phnum * sizeof(GElf_Phdr));
    uint64_t lo = UINT64_MAX, hi = 0, align = GUEST_PAGE_SIZE;
    info->interp = NULL;
    info->exec_stack = false;
    info->abiflags = NULL;
    for (size_t i = 0; i < phnum; i++) {
        if (!gelf_getphdr(e, (int)i, &ph[i])) {
            ERR("malformed program header %zu", i);
            goto out;
        }
        const GElf_Phdr *p = &ph[i];
        if (p->p_type == PT_LOAD) {
            if (p->p_filesz > p->p_memsz) {
                ERR("segment %zu: file size exceeds memory size", i);
                goto out;
            }
            if (p->p_offset + p->p_filesz > (uint64_t)st.st_size) {
                ERR("truncated ELF (segment %zu extends past end of file)", i);
                goto out;
            }
            if ((p->p_offset ^ p->p_vaddr) & (GUEST_PAGE_SIZE - 1)) {
                ERR("segment %zu: offset and address are not congruent modulo the page size", i);
                goto out;
            }
            if (p->p_vaddr + p->p_memsz > 0x100000000ull || p->p_memsz > 0x100000000ull) {
                ERR("segment %zu lies outside the 32-bit address space", i);
                goto out;
            }
            lo = p->p_vaddr < lo ? p->p_vaddr : lo;
            hi = p->p_vaddr + p->p_memsz > hi ? p->p_vaddr + p->p_memsz : hi;
            if (p->p_align > align && p->p_align <= (1u << 20) && !(p->p_align & (p->p_align - 1))) {
                align = p->p_align;
            }
        } else if (p->p_type == PT_INTERP && !is_interp) {
            if (p->p_filesz == 0 || p->p_filesz > 4096 || p->p_offset + p->p_filesz > (uint64_t)st.st_size) {
                ERR("malformed PT_INTERP");
                goto out;
            }
            info->interp = xzalloc(p->p_filesz + 1);
            if (pread(fd, info->interp, p->p_filesz, (off_t)p->p_offset) != (ssize_t)p->p_filesz) {
                ERR("cannot read PT_INTERP");
                goto out;
            }
        } else if (p->p_type == PT_GNU_STACK) {
            info->exec_stack = (p->p_flags & PF_X) != 0;
        }
    }
    if (lo == UINT64_MAX) {
        ERR("no loadable segments");
        goto out;
    }
    lo = ALIGN_DOWN(lo, GUEST_PAGE_SIZE);
    hi = ALIGN_UP(hi, GUEST_PAGE_SIZE);

    /* Choose the load bias and reserve the whole span, so the gaps between
     * segments stay unmapped and owned, as the kernel does. */
    uint32_t bias = 0;
    if (eh.e_type == ET_DYN) {
        uint32_t base = mmap_find_vma(is_interp ? 0 : dyn_base, (uint32_t)(hi - lo), (uint32_t)align);
        if (base == UINT32_MAX) {
            ERR("no room for %llu bytes in the guest address space", (unsigned long long)(hi - lo));
            goto out;
        }
        bias = base - (uint32_t)lo;
    } else if (hi > guest_task_size()) {
        ERR("segments lie outside the guest address space (end 0x%llx, limit 0x%x)", (unsigned long long)hi,
            guest_task_size());
        goto out;
    }
    int64_t r = target_mmap((uint32_t)lo + bias, (uint32_t)(hi - lo), PROT_NONE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (r < 0) {
        ERR("cannot reserve 0x%llx-0x%llx: %s", (unsigned long long)lo + bias, (unsigned long long)hi + bias,
            strerror((int)-r));
        goto out;
    }

    info->load_bias = bias;
    info->entry = (uint32_t)eh.e_entry + bias;
    info->phnum = (uint32_t)phnum;
    info->phent = eh.e_phentsize;
    info->phdr = 0;
    info->e_flags = (uint32_t)eh.e_flags;
    info->machine = eh.e_machine;
    info->big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
    info->start_code = UINT32_MAX;
    info->end_code = info->start_data = info->end_data = info->brk = 0;

    for (size_t i = 0; i < phnum; i++) {
        const GElf_Phdr *p = &ph[i];
        if (p->p_type == PT_PHDR) {
            info->phdr = (uint32_t)p->p_vaddr + bias;
        }
        if (p->p_type != PT_LOAD || p->p_memsz == 0) {
            continue;
        }
        int prot = segment_prot(p->p_flags);
        uint32_t vaddr = (uint32_t)p->p_vaddr + bias;
        uint32_t page = vaddr & GUEST_PAGE_MASK;
        uint64_t file_end = (uint64_t)vaddr + p->p_filesz;
        uint64_t mem_end = (uint64_t)vaddr + p->p_memsz;
        uint64_t file_page_end = ALIGN_UP(file_end, GUEST_PAGE_SIZE);

        if (p->p_filesz) {
            r = target_mmap(page, (uint32_t)(file_end - page), prot, MAP_PRIVATE | MAP_FIXED, fd,
                            p->p_offset - (vaddr - page));
            if (r < 0) {
                ERR("cannot map segment %zu: %s", i, strerror((int)-r));
                goto out;
            }
            /* The rest of the last file page belongs to .bss. */
            if (mem_end > file_end && (file_end & (GUEST_PAGE_SIZE - 1))) {
                uint32_t n = (uint32_t)(file_page_end - file_end);
                if (!(prot & PROT_WRITE)) {
                    mprotect(g2h((uint32_t)file_end & GUEST_PAGE_MASK), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
                }
                memset(g2h((uint32_t)file_end), 0, n);
                if (!(prot & PROT_WRITE)) {
                    mprotect(g2h((uint32_t)file_end & GUEST_PAGE_MASK), GUEST_PAGE_SIZE,
                             prot & PROT_EXEC ? PROT_READ : prot & (PROT_READ | PROT_WRITE));
                }
            }
        } else {
            file_page_end = page;
        }
        if (mem_end > file_page_end) {
            r = target_mmap((uint32_t)file_page_end, (uint32_t)(mem_end - file_page_end), prot,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r < 0) {
                ERR("cannot map .bss of segment %zu: %s", i, strerror((int)-r));
                goto out;
            }
        }
        if (!info->phdr && eh.e_phoff >= p->p_offset && eh.e_phoff < p->p_offset + p->p_filesz) {
            info->phdr = vaddr + (uint32_t)(eh.e_phoff - p->p_offset);
        }
        if (p->p_flags & PF_X) {
            info->start_code = vaddr < info->start_code ? vaddr : info->start_code;
            info->end_code = (uint32_t)file_end > info->end_code ? (uint32_t)file_end : info->end_code;
        } else {
            if (!info->start_data || vaddr < info->start_data) {
                info->start_data = vaddr;
            }
            info->end_data = (uint32_t)file_end > info->end_data ? (uint32_t)file_end : info->end_data;
        }
        if (mem_end > info->brk) {
            info->brk = (uint32_t)ALIGN_UP(mem_end, GUEST_PAGE_SIZE);
        }
    }
    if (info->start_code == UINT32_MAX) {
        info->start_code = info->end_code = 0;
    }
    (void)path;
    collect_symbols(e, bias);
    ok = true;
out:
    free(ph);
    elf_end(e);
    if (!ok) {
        free(info->interp);
        info->interp = NULL;
    }
    return ok;
}
