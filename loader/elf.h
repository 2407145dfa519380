/* ELF loading into the guest window, and the initial process stack. */
#ifndef MIMIC_LOADER_ELF_H
#define MIMIC_LOADER_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the header says, before anything is mapped. */
typedef struct ElfIdent {
    uint16_t machine;           /* e_machine */
    bool is64;                  /* ELFCLASS64 */
    bool big_endian;
    uint16_t type;              /* ET_EXEC / ET_DYN */
    uint32_t flags;             /* e_flags */
} ElfIdent;

typedef struct ImageInfo {
    uint32_t load_bias;         /* added to every p_vaddr */
    uint32_t entry;             /* the program's entry (AT_ENTRY) */
    uint32_t phdr, phnum, phent;    /* guest address and shape of the program headers */
    uint32_t start_code, end_code;
    uint32_t start_data, end_data;
    uint32_t brk;               /* end of the highest segment: the heap starts here */
    uint32_t interp_bias;       /* AT_BASE: the interpreter's load bias, 0 if none */
    uint32_t start_pc;          /* the first guest instruction (interpreter or program) */
    uint32_t e_flags;
    uint16_t machine;
    bool big_endian;
    bool exec_stack;            /* PT_GNU_STACK asks for an executable stack */
    char *interp;               /* PT_INTERP path, or NULL */
    /* Filled in by the stack builder. */
    uint32_t sp;
    uint32_t arg_start, arg_end, env_start, env_end;
    uint32_t auxv, auxv_len;
    uint32_t stack_low, stack_high;
    const void *abiflags;       /* MIPS: copy of .MIPS.abiflags, if present */
} ImageInfo;

/* Read and check the ELF header of an open file.  On error, writes a
 * one-line reason (without the file name) into err and returns false. */
bool elf_identify(int fd, ElfIdent *id, char *err, size_t errlen);

/* Map the ELF's segments.  is_interp selects placement for a dynamic
 * linker.  Returns false with a one-line reason on error. */
bool elf_load(int fd, const char *path, bool is_interp, uint32_t dyn_base, ImageInfo *info, char *err,
              size_t errlen);

/* The name of an ELF machine for messages ("aarch64", "x86_64"). */
const char *elf_machine_name(uint16_t machine, bool big_endian);

/* The guest symbol containing pc, from the symbol tables of the loaded
 * images (for the perf map and -d output); NULL if unknown. */
const char *elf_symbol_lookup(uint32_t pc, uint32_t *offset);

typedef struct StackParams {
    int argc;
    char **argv;
    char **envp;
    const char *execfn;         /* AT_EXECFN string */
    const char *platform;       /* AT_PLATFORM string, or NULL */
    uint32_t hwcap, hwcap2;
    uint32_t stack_top, stack_size;
    uint32_t align;             /* final sp alignment */
    uint32_t at_flags;          /* AT_FLAGS */
    int execfd;                 /* AT_EXECFD, or -1 */
    uint32_t sysinfo_ehdr;      /* AT_SYSINFO_EHDR, or 0 */
    uint32_t minsigstksz;       /* AT_MINSIGSTKSZ, or 0 */
} StackParams;

/* Map the stack and lay out argc, argv, envp and auxv; sets info->sp. */
bool stack_setup(ImageInfo *info, const ImageInfo *interp, const StackParams *p, char *err, size_t errlen);

#endif
