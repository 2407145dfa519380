/*
 * User-mode emulation: what a guest architecture provides to the generic
 * Linux layers, and the process-wide state.
 */
#ifndef MIMIC_LINUX_USER_USER_H
#define MIMIC_LINUX_USER_USER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>

#include "loader/elf.h"
#include "syscall/convert.h"
#include "tcg/arch.h"
#include "tcg/cpu.h"

/* Struct layouts a guest ABI defines; indexes UserArchOps.structs. */
typedef enum GuestStruct {
    GS_STAT64,          /* struct stat64 (stat64, fstat64, fstatat64) */
    GS_STATFS64,
    GS_SIGACTION,       /* struct sigaction of rt_sigaction <-> GuestSigaction */
    GS_STAT,            /* the 32-bit struct stat (stat, lstat, fstat) */
    GS_STATFS,          /* the 32-bit struct statfs (statfs, fstatfs) */
    GS_EPOLL_EVENT,     /* struct epoll_event (padded in most 32-bit ABIs) */
    /* System V IPC, <-> the Ipc* forms of syscall/ipc.h: the layouts of
     * commands with IPC_64, then the old ones (NULL: the ABI has only one). */
    GS_SHMID64_DS,
    GS_SEMID64_DS,
    GS_MSQID64_DS,
    GS_SHMID_DS,
    GS_SEMID_DS,
    GS_MSQID_DS,
    GS_NB
} GuestStruct;

/* Flag sets a guest ABI defines; indexes UserArchOps.flags. */
typedef enum GuestFlags {
    GF_OPEN,            /* O_* for open, fcntl F_GETFL/F_SETFL */
    GF_MMAP,            /* MAP_* */
    GF_SIGACTION,       /* SA_* */
    GF_POLL,            /* POLL* of struct pollfd (MIPS moves POLLWRNORM/POLLWRBAND) */
    GF_SOCKTYPE,        /* SOCK_* types and SOCK_NONBLOCK/SOCK_CLOEXEC (MIPS differs) */
    /* Number tables for sockets: rows { ~0u, guest, ~0u, host }, a value
     * without a row is the same (syscall/net.c). */
    GF_SOCKLEVEL,       /* socket option levels (SOL_SOCKET is 0xffff on MIPS) */
    GF_SOCKOPT,         /* SOL_SOCKET option names (MIPS and PPC differ) */
    GF_NB
} GuestFlags;

/* A guest signal disposition, in host-independent form. */
/* GuestSigaction.flags uses the host's SA_* values; guests whose ABI numbers
 * them differently convert through UserArchOps.flags[GF_SIGACTION]. */
#define GSA_RESTORER 0x04000000u     /* not exposed by the host's headers */

typedef struct GuestSigaction {
    uint32_t handler;               /* guest address, or 0 = SIG_DFL, 1 = SIG_IGN */
    uint32_t flags;                 /* guest SA_* */
    uint32_t restorer;
    uint64_t mask;                  /* guest sigset, bit (sig - 1) */
} GuestSigaction;

#define GUEST_NSIG 64

typedef struct UserArchOps {
    const char *name;               /* "arm" */
    uint16_t elf_machine;
    bool big_endian;
    const ArchInfo *arch;           /* the translator side */
    uint32_t task_size;             /* top of user space */
    uint32_t elf_et_dyn_base;       /* where a PIE program is placed */
    uint32_t stack_align;           /* initial sp alignment */
    const char *uname_machine;      /* uname -m */
    const char *platform;           /* AT_PLATFORM */
    /* Check ELF e_flags; false with a reason if this ABI cannot run it. */
    bool (*elf_flags_ok)(uint32_t e_flags, char *err, size_t errlen);
    /* -cpu: select a model by name; false if unknown. */
    bool (*cpu_select)(const char *model);
    void (*cpu_list)(FILE *f);
    /* Initialise a new CPU: model features, registers for the entry point. */
    void (*cpu_reset)(CPUCommon *cpu);
    void (*cpu_set_entry)(CPUCommon *cpu, const ImageInfo *info);
    uint32_t (*hwcap)(void);
    uint32_t (*hwcap2)(void);
    void (*cpu_loop)(CPUCommon *cpu);  /* runs the guest; never returns */
    void (*process_init)(void);     /* after the address space exists: fixed pages */
    /* Signals: build a handler frame on the guest stack, and undo it. */
    bool (*signal_setup_frame)(CPUCommon *cpu, int sig, const GuestSigaction *sa, const uint8_t *ginfo,
                               uint64_t saved_mask);
    int64_t (*signal_return)(CPUCommon *cpu, bool rt);
    uint32_t (*cpu_get_sp)(const CPUCommon *cpu);
    /* After ERESTARTSYS: back up to re-execute the syscall instruction, or
     * (when a handler without SA_RESTART runs) return -EINTR instead. */
    void (*syscall_rewind)(CPUCommon *cpu);
    void (*syscall_eintr)(CPUCommon *cpu);
    /* Threads: the child's registers after clone, and the TLS register. */
    void (*cpu_clone)(CPUCommon *child, uint32_t newsp);
    void (*cpu_set_tls)(CPUCommon *cpu, uint32_t tls);
    /* On the new thread, before it runs: load host state the CPU implies
     * (the floating-point control register). */
    void (*cpu_thread_start)(CPUCommon *cpu);
    /* The guest siginfo layout puts si_code before si_errno (MIPS). */
    bool siginfo_code_first;
    /* Guest syscall number -> generic id, or -1. */
    int (*syscall_id)(uint32_t nr);
    const StructConv *const *structs;   /* GS_NB entries */
    const FlagConv *const *flags;       /* GF_NB entries; NULL entry = same as host */
    const NumConv *errnos;          /* NULL: the generic numbering */
    const NumConv *signals;         /* NULL: the generic numbering */
    uint32_t shmlba;                /* shmat alignment (SHMLBA); 0: the page size */
    /* /proc/cpuinfo as the guest's kernel prints it; NULL: the host's. */
    void (*cpuinfo)(FILE *f, CPUCommon *cpu);
} UserArchOps;

/* Every guest architecture mimic knows, for picking one from the ELF. */
extern const UserArchOps *const user_arches[];
extern const UserArchOps arm_user;

typedef struct UserState {
    const UserArchOps *ua;
    ImageInfo image;                /* the program */
    ImageInfo interp;               /* its dynamic linker, if any */
    bool has_interp;
    char *exe_path;                 /* absolute path, for /proc/self/exe */
    const char *ld_prefix;          /* -L, or NULL */
    bool big_endian;
    bool stats;                     /* --stats */
    char *self_exe;                 /* mimic itself, for execve of guest programs */
    char **reexec_args;             /* options a re-executed mimic gets, NULL-terminated */
} UserState;

extern UserState user;


/* Per-thread state. */
typedef struct GuestThread {
    CPUCommon *cpu;
    int tid;
    uint32_t clear_child_tid;       /* set_tid_address / CLONE_CHILD_CLEARTID */
    uint32_t robust_list, robust_len;
    uint64_t sigmask;               /* blocked guest signals, bit sig-1 */
    volatile int signal_pending;    /* a signal was queued: checked by safe_syscall */
    uint64_t pending;               /* guest signals queued on this thread */
    siginfo_t pending_info[GUEST_NSIG + 1];     /* host siginfo of each queued signal */
    uint32_t ss_sp, ss_size;        /* sigaltstack */
    int ss_flags;
    bool sigsuspend_active;         /* rt_sigsuspend: the frame saves sigsuspend_mask */
    uint64_t sigsuspend_mask;
    bool syscall_restart;           /* the last syscall returned ERESTARTSYS */
    struct GuestThread *next;       /* all threads, for exit and fork */
} GuestThread;

extern GuestSigaction guest_sigact[GUEST_NSIG + 1];

extern __thread GuestThread *current_thread;

/* Paths: resolve a guest path against the -L prefix. */
const char *path_translate(const char *guest_path, char *buf, size_t buflen);

/* /proc emulation (linux-user/proc.c): the guest's view of its own /proc
 * entries.  Each returns true when it handled the call, with the result. */
bool proc_open_special(int dirfd, const char *path, int flags, int64_t *ret);
bool proc_readlink_special(int dirfd, const char *path, char *buf, uint32_t len, int64_t *ret);
/* The guest program's path if path names /proc/self/exe, else NULL. */
const char *proc_self_exe(const char *path);
/* The guest's view of a thread's name (PR_GET_NAME, comm): 16 bytes. */
void proc_get_comm(int tid, char name[16]);

/* Signals (linux-user/signal.c). */
#define MIMIC_ERESTARTSYS 512       /* internal: interrupted, restart or EINTR */
#define MIMIC_ESIGRETURN 513        /* internal: sigreturn set every register */
#define GUEST_SIGINFO_SIZE 128

void signal_init(void);
/* A synchronous fault or trap of the current instruction. */
void force_sig(CPUCommon *cpu, int sig, int code, uint32_t addr);
/* Deliver pending signals; called by the cpu loops between exits. */
void process_pending_signals(CPUCommon *cpu);
/* A guest disposition changed: adjust the host's handling of the signal. */
void signal_update_host(int guest_sig);
/* Set a thread's guest mask (and the matching host mask); anything it
 * unblocks is delivered at the next safe point. */
void signal_set_mask(GuestThread *t, uint64_t mask);
void signal_mask_changed(GuestThread *t);
/* False when the signal would be discarded (ignored, or default-ignored). */
bool signal_would_act(int guest_sig);
/* Host siginfo -> guest siginfo (GUEST_SIGINFO_SIZE bytes). */
void siginfo_to_guest(uint8_t *g, const siginfo_t *h, int guest_sig);
int signal_to_guest(int host_sig);
int signal_to_host(int guest_sig);
/* Is the guest running on its alternate signal stack? */
bool signal_on_altstack(const GuestThread *t, uint32_t sp);
/* Where a handler frame goes: the alternate stack if asked for and not
 * already on it, else below sp. */
uint32_t signal_frame_sp(const GuestThread *t, const GuestSigaction *sa, uint32_t sp);
/* A blocking host syscall that a guest signal can interrupt (-errno). */
long safe_syscall(long nr, ...);
noreturn void die_by_signal(int sig);

/* Exit of the whole process, running the --stats report. */
noreturn void user_exit(int status);

#endif
