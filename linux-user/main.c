/*
 * mimic user mode: command line, environment, program loading and the
 * hand-off to the guest's cpu loop.  The options follow qemu-user's.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/thread.h"
#include "linux-user/user.h"
#include "loader/elf.h"
#include "syscall/syscall.h"
#include "tcg/exec.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "tcg/util.h"

#define MIMIC_VERSION "0.1.0"

extern char **environ;

static GuestThread main_thread;

typedef struct Options {
    const char *ld_prefix;
    const char *cpu_model;
    const char *argv0;
    const char *log_items;
    const char *log_path;
    uint32_t stack_size;
    char **set_env;
    size_t nset_env;
    char **unset_env;
    size_t nunset_env;
    bool strace;
    bool one_insn;
    bool stats;
} Options;

static Options opt = { .stack_size = 8u << 20 };

static void usage(FILE *f)
{
    fprintf(f,
            "usage: mimic [options] program [arguments...]\n"
            "Linux user-mode emulator for arm, running foreign binaries on x86_64.\n"
            "\n"
            "Options and their environment variables (MIMIC_* or QEMU_*):\n"
            "  -h, -help              print this help and exit\n"
            "  -L path                LD_PREFIX     set the sysroot for the dynamic linker and libraries\n"
            "  -s size                STACK_SIZE    set the guest stack size in bytes (K, M suffixes)\n"
            "  -cpu model             CPU           select the CPU model (-cpu help for a list)\n"
            "  -E var=value           SET_ENV       set a variable in the guest environment\n"
            "  -U var                 UNSET_ENV     remove a variable from the guest environment\n"
            "  -0 argv0               ARGV0         pass argv0 as the program's argv[0]\n"
            "  -B address             GUEST_BASE    accepted for compatibility; the guest base is chosen\n"
            "  -R size                RESERVED_VA   accepted for compatibility; 4 GiB is always reserved\n"
            "  -d item[,...]          LOG           enable logging (-d help for the items)\n"
            "  -D logfile             LOG_FILENAME  write logs to logfile instead of stderr\n"
            "  -strace                STRACE        log system calls\n"
            "  -one-insn-per-tb       ONE_INSN_PER_TB  translate one guest instruction per block\n"
            "  -stats                 STATS         print translation statistics at exit\n"
            "  -version               VERSION       print the version and exit\n"
            "\n"
            "Supported guests: arm (32-bit ARM EABI, little-endian).\n");
}

static noreturn void die_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "mimic: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'mimic -help' for more information.\n");
    exit(1);
}

static uint32_t parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end || v == 0 || v > 0x40000000ull) {
        die_usage("invalid size '%s'", s);
    }
    return (uint32_t)ALIGN_UP(v, GUEST_PAGE_SIZE);
}

static void push(char ***list, size_t *n, const char *s)
{
    *list = xrealloc(*list, (*n + 1) * sizeof(char *));
    (*list)[(*n)++] = xstrdup(s);
}

static const char *getenv2(const char *name)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "MIMIC_%s", name);
    const char *v = getenv(buf);
    if (v) {
        return v;
    }
    snprintf(buf, sizeof(buf), "QEMU_%s", name);
    return getenv(buf);
}

/* Options with an argument take it from the next word. */
typedef struct OptDef {
    const char *name;
    const char *env;
    bool has_arg;
    void (*handle)(const char *arg);
} OptDef;

static void handle_help(const char *a) { (void)a; usage(stdout); exit(0); }
static void handle_version(const char *a)
{
    (void)a;
    printf("mimic version " MIMIC_VERSION "\n");
    exit(0);
}
static void handle_L(const char *a)
{
    /* Absolute, so that re-executed children in other directories agree. */
    char buf[PATH_MAX];
    opt.ld_prefix = realpath(a, buf) ? xstrdup(buf) : a;
}
static void handle_s(const char *a) { opt.stack_size = parse_size(a); }
static void handle_cpu(const char *a) { opt.cpu_model = a; }
static void handle_E(const char *a)
{
    char *dup = xstrdup(a), *save = NULL;
    for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strchr(t, '=')) {
            die_usage("-E needs var=value, not '%s'", t);
        }
        push(&opt.set_env, &opt.nset_env, t);
    }
    free(dup);
}
static void handle_U(const char *a)
{
    char *dup = xstrdup(a), *save = NULL;
    for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        push(&opt.unset_env, &opt.nunset_env, t);
    }
    free(dup);
}
static void handle_0(const char *a) { opt.argv0 = a; }
static void handle_ignored(const char *a) { (void)a; }
static void handle_d(const char *a) { opt.log_items = a; }
static void handle_D(const char *a) { opt.log_path = a; }
static void handle_strace(const char *a) { (void)a; opt.strace = true; }
static void handle_one_insn(const char *a) { (void)a; opt.one_insn = true; }
static void handle_stats(const char *a) { (void)a; opt.stats = true; }
static void handle_p(const char *a)
{
    if (strtoul(a, NULL, 0) != GUEST_PAGE_SIZE) {
        die_usage("only a 4096-byte page size is supported, not '%s'", a);
    }
}

static const OptDef opt_defs[] = {
    { "h", NULL, false, handle_help },
    { "help", NULL, false, handle_help },
    { "version", "VERSION", false, handle_version },
    { "L", "LD_PREFIX", true, handle_L },
    { "s", "STACK_SIZE", true, handle_s },
    { "cpu", "CPU", true, handle_cpu },
    { "E", "SET_ENV", true, handle_E },
    { "U", "UNSET_ENV", true, handle_U },
    { "0", "ARGV0", true, handle_0 },
    { "B", "GUEST_BASE", true, handle_ignored },
    { "R", "RESERVED_VA", true, handle_ignored },
    { "p", "PAGESIZE", true, handle_p },
    { "d", "LOG", true, handle_d },
    { "D", "LOG_FILENAME", true, handle_D },
    { "strace", "STRACE", false, handle_strace },
    { "one-insn-per-tb", "ONE_INSN_PER_TB", false, handle_one_insn },
    { "singlestep", "SINGLESTEP", false, handle_one_insn },
    { "stats", "STATS", false, handle_stats },
};

static int parse_args(int argc, char **argv)
{
    /* The environment gives defaults; the command line overrides. */
    for (size_t i = 0; i < ARRAY_SIZE(opt_defs); i++) {
        const OptDef *d = &opt_defs[i];
        const char *v = d->env ? getenv2(d->env) : NULL;
        if (v && (d->has_arg || (*v && strcmp(v, "0") != 0))) {
            d->handle(v);
        }
    }
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        const char *name = argv[i] + 1;
        if (*name == '-') {
            name++;
            if (!*name) {
                i++;
                break;
            }
        }
        size_t k;
        for (k = 0; k < ARRAY_SIZE(opt_defs); k++) {
            if (!strcmp(name, opt_defs[k].name)) {
                break;
            }
        }
        if (k == ARRAY_SIZE(opt_defs)) {
            die_usage("unknown option '%s'", argv[i]);
        }
        if (opt_defs[k].has_arg) {
            if (i + 1 >= argc) {
                die_usage("option '%s' needs an argument", argv[i]);
            }
            opt_defs[k].handle(argv[i + 1]);
            i += 2;
        } else {
            opt_defs[k].handle(NULL);
            i++;
        }
    }
    return i;
}

/* Resolve the program like execvp does when it has no slash. */
static char *find_program(const char *name)
{
    if (strchr(name, '/')) {
        return xstrdup(name);
    }
    const char *path = getenv("PATH");
    if (!path) {
        path = "/usr/local/bin:/usr/bin:/bin";
    }
    char *dup = xstrdup(path), *save = NULL;
    for (char *dir = strtok_r(dup, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char buf[PATH_MAX];
        snprintf(buf, sizeof(buf), "%s/%s", *dir ? dir : ".", name);
        if (access(buf, F_OK) == 0) {
            free(dup);
            return xstrdup(buf);
        }
    }
    free(dup);
    return xstrdup(name);
}

static char **guest_environment(void)
{
    size_t n = 0;
    while (environ[n]) {
        n++;
    }
    char **env = xmalloc((n + opt.nset_env + 1) * sizeof(char *));
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = environ[i];
        bool drop = false;
        for (size_t k = 0; k < opt.nunset_env; k++) {
            size_t len = strlen(opt.unset_env[k]);
            if (!strncmp(e, opt.unset_env[k], len) && e[len] == '=') {
                drop = true;
            }
        }
        for (size_t k = 0; k < opt.nset_env; k++) {
            size_t len = strcspn(opt.set_env[k], "=");
            if (!strncmp(e, opt.set_env[k], len) && e[len] == '=') {
                drop = true;
            }
        }
        if (!drop) {
            env[m++] = environ[i];
        }
    }
    for (size_t k = 0; k < opt.nset_env; k++) {
        env[m++] = opt.set_env[k];
    }
    env[m] = NULL;
    return env;
}

/* What a guest execve of another guest program passes to mimic. */
static void set_reexec(const char *argv0)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n > 0) {
        self[n] = 0;
        user.self_exe = xstrdup(self);
    } else {
        user.self_exe = xstrdup(argv0);
    }
    char **v = NULL;
    size_t k = 0;
    char stack[32];
    if (opt.ld_prefix) {
        push(&v, &k, "-L");
        push(&v, &k, opt.ld_prefix);
    }
    if (opt.cpu_model) {
        push(&v, &k, "-cpu");
        push(&v, &k, opt.cpu_model);
    }
    if (opt.stack_size != 8u << 20) {
        snprintf(stack, sizeof(stack), "%u", opt.stack_size);
        push(&v, &k, "-s");
        push(&v, &k, stack);
    }
    if (opt.strace) {
        push(&v, &k, "-strace");
    }
    if (opt.one_insn) {
        push(&v, &k, "-one-insn-per-tb");
    }
    if (opt.stats) {
        push(&v, &k, "-stats");
    }
    v = xrealloc(v, (k + 1) * sizeof(char *));
    v[k] = NULL;
    user.reexec_args = v;
}

static noreturn void load_error(const char *file, const char *reason)
{
    fprintf(stderr, "mimic: %s: %s\n", file, reason);
    exit(1);
}

static const UserArchOps *pick_arch(const char *file, const ElfIdent *id)
{
    for (int i = 0; user_arches[i]; i++) {
        const UserArchOps *ua = user_arches[i];
        if (ua->elf_machine == id->machine && ua->big_endian == id->big_endian && !id->is64) {
            return ua;
        }
    }
    char reason[256];
    int n = snprintf(reason, sizeof(reason), "unsupported ELF machine %s%s (supported: ",
                     elf_machine_name(id->machine, id->big_endian),
                     id->is64 && (id->machine == EM_ARM || id->machine == EM_MIPS || id->machine == EM_PPC) ? " (64-bit)"
                                                                                                          : "");
    for (int i = 0; user_arches[i] && n < (int)sizeof(reason); i++) {
        n += snprintf(reason + n, sizeof(reason) - (size_t)n, "%s%s", i ? ", " : "", user_arches[i]->name);
    }
    snprintf(reason + n, sizeof(reason) - (size_t)n, ")");
    load_error(file, reason);
}

int main(int argc, char **argv)
{
    char err[256];
    int first = parse_args(argc, argv);

    if (first >= argc) {
        usage(stderr);
        return 1;
    }
    log_file = stderr;
    if (opt.log_path) {
        log_set_file(opt.log_path);
    }
    if (opt.log_items) {
        if (!strcmp(opt.log_items, "help")) {
            log_help(stdout);
            return 0;
        }
        const char *bad;
        if (!log_parse(opt.log_items, &bad)) {
            die_usage("unknown log item '%s' (-d help lists them)", bad);
        }
    }
    strace_enabled = opt.strace || log_enabled(LOG_STRACE);
    exec_no_chain = log_enabled(LOG_EXEC | LOG_CPU);
    exec_one_insn = opt.one_insn;
    user.stats = opt.stats;
    user.ld_prefix = opt.ld_prefix;
    set_reexec(argv[0]);

    char *prog = find_program(argv[first]);
    int fd = open(prog, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        load_error(prog, strerror(errno));
    }
    ElfIdent id;
    if (!elf_identify(fd, &id, err, sizeof(err))) {
        load_error(prog, err);
    }
    const UserArchOps *ua = pick_arch(prog, &id);
    if (ua->elf_flags_ok && !ua->elf_flags_ok(id.flags, err, sizeof(err))) {
        load_error(prog, err);
    }
    if (opt.cpu_model) {
        if (!strcmp(opt.cpu_model, "help")) {
            ua->cpu_list(stdout);
            return 0;
        }
        if (!ua->cpu_select(opt.cpu_model)) {
            fprintf(stderr, "mimic: unknown CPU model '%s'\n", opt.cpu_model);
            ua->cpu_list(stderr);
            return 1;
        }
    }
    user.ua = ua;
    user.big_endian = ua->big_endian;
    char real[PATH_MAX];
    user.exe_path = xstrdup(realpath(prog, real) ? real : prog);

    guest_mem_init(ua->task_size);
    tb_cache_init(256u << 20);

    if (ua->process_init) {
        ua->process_init();
    }
    uint32_t stack_top = ua->task_size;
    mmap_set_base(stack_top - opt.stack_size - (16u << 20));
    if (!elf_load(fd, prog, false, ua->elf_et_dyn_base, &user.image, err, sizeof(err))) {
        load_error(prog, err);
    }
    close(fd);
    user.image.start_pc = user.image.entry;
    target_set_brk(user.image.brk);
    if (user.image.interp) {
        char buf[PATH_MAX];
        const char *ipath = path_translate(user.image.interp, buf, sizeof(buf));
        int ifd = open(ipath, O_RDONLY | O_CLOEXEC);
        if (ifd < 0) {
            snprintf(err, sizeof(err), "cannot open the dynamic linker %s: %s%s", user.image.interp, strerror(errno),
                     user.ld_prefix ? "" : " (is -L set to the guest's sysroot?)");
            load_error(prog, err);
        }
        ElfIdent iid;
        if (!elf_identify(ifd, &iid, err, sizeof(err))) {
            load_error(ipath, err);
        }
        if (iid.machine != id.machine || iid.big_endian != id.big_endian || iid.is64) {
            load_error(ipath, "dynamic linker for a different architecture");
        }
        if (!elf_load(ifd, ipath, true, 0, &user.interp, err, sizeof(err))) {
            load_error(ipath, err);
        }
        close(ifd);
        user.has_interp = true;
        user.image.start_pc = user.interp.entry;
    }

    StackParams sp = {
        .argc = argc - first,
        .argv = argv + first,
        .envp = guest_environment(),
        .execfn = argv[first],
        .platform = ua->platform,
        .hwcap = ua->hwcap(),
        .hwcap2 = ua->hwcap2(),
        .stack_top = stack_top,
        .stack_size = opt.stack_size,
        .align = ua->stack_align,
        .at_flags = 0,
        .execfd = -1,
    };
    char **gargv = NULL;
    if (opt.argv0) {
        gargv = xmalloc((size_t)(sp.argc + 1) * sizeof(char *));
        memcpy(gargv, sp.argv, (size_t)(sp.argc + 1) * sizeof(char *));
        gargv[0] = (char *)opt.argv0;
        sp.argv = gargv;
    }
    if (!stack_setup(&user.image, user.has_interp ? &user.interp : NULL, &sp, err, sizeof(err))) {
        load_error(prog, err);
    }

    CPUCommon *cpu = aligned_alloc(ua->arch->cpu_align, ALIGN_UP(ua->arch->cpu_size, ua->arch->cpu_align));
    memset(cpu, 0, ua->arch->cpu_size);
    cpu->arch = ua->arch;
    cpu->thread = NULL;
    main_thread.cpu = cpu;
    main_thread.ss_flags = SS_DISABLE;
    thread_register_main(&main_thread);
    current_thread = &main_thread;
    cpu_register(cpu);
    ua->cpu_reset(cpu);
    ua->cpu_set_entry(cpu, &user.image);
    exec_symbolizer = elf_symbol_lookup;
    signal_init();
    ua->cpu_loop(cpu);
    abort();
}
