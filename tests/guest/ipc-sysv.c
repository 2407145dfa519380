/* System V shared memory, semaphores and message queues, between a
 * parent and its children. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD_PTR ((void *)0xc0000000u)

/* The 32-bit C library converts the ...ctl structures itself, so bad
 * pointers go to the raw calls, which want IPC_64 on ARM. */
#ifdef __arm__
#define RAW_IPC_64 0x100
#else
#define RAW_IPC_64 0
#endif

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static int wait_child(pid_t pid)
{
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void test_shm(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    int id = shmget(IPC_PRIVATE, 3 * pg, IPC_CREAT | 0600);
    printf("shmget: %d\n", id >= 0);
    char *p = shmat(id, NULL, 0);
    printf("shmat: %d\n", p != (char *)-1);
    printf("zero filled: %d\n", p[0] == 0 && p[3 * pg - 1] == 0);
    pid_t c = fork();
    if (c == 0) {
        strcpy(p, "written by the child");
        p[2 * pg] = 'Z';
        _exit(shmdt(p) == 0 ? 0 : 1);
    }
    printf("child: %d\n", wait_child(c));
    printf("parent reads: %s %c\n", p, p[2 * pg]);

    struct shmid_ds ds;
    memset(&ds, 0, sizeof(ds));
    show("IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("segsz %zu nattch %lu mode %o cpid is me %d lpid is child %d uid is me %d\n", (size_t)ds.shm_segsz,
           (unsigned long)ds.shm_nattch, (unsigned)ds.shm_perm.mode & 0777, ds.shm_cpid == getpid(),
           ds.shm_lpid == c, ds.shm_perm.uid == geteuid());
    printf("times: %d\n", ds.shm_atime > 0 && ds.shm_dtime >= ds.shm_atime && ds.shm_ctime > 0);
    ds.shm_perm.mode = 0640;
    show("IPC_SET", shmctl(id, IPC_SET, &ds));
    shmctl(id, IPC_STAT, &ds);
    printf("mode now %o\n", (unsigned)ds.shm_perm.mode & 0777);
    show("IPC_STAT(bad)", syscall(SYS_shmctl, id, IPC_STAT | RAW_IPC_64, BAD_PTR));
    show("IPC_SET(bad)", syscall(SYS_shmctl, id, IPC_SET | RAW_IPC_64, BAD_PTR));
#ifdef __arm__
    /* Without IPC_64: the old layout, 16-bit ids and mode. */
    unsigned char old[48];
    memset(old, 0xff, sizeof(old));
    long ro = syscall(SYS_shmctl, id, IPC_STAT, old);
    printf("old layout: %ld segsz %u mode %o\n", ro, *(unsigned *)(old + 16), *(unsigned short *)(old + 12) & 0777);
#else
    printf("old layout: 0 segsz %u mode %o\n", (unsigned)ds.shm_segsz, (unsigned)ds.shm_perm.mode & 0777);
#endif
    struct shminfo si;
    printf("IPC_INFO: %d\n", shmctl(0, IPC_INFO, (struct shmid_ds *)&si) >= 0);
    printf("shmmax > 0: %d shmmni > 0: %d\n", si.shmmax > 0, si.shmmni > 0);
    struct shm_info sinfo;
    printf("SHM_INFO: %d\n", shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo) >= 0);

    /* Fixed addresses: back where it was, rounding, refusals. */
    show("shmdt", shmdt(p));
    show("shmdt again", shmdt(p));
    char *q = shmat(id, p, 0);
    printf("reattached at the same address: %d, still there: %s\n", q == p, q);
    char *r = shmat(id, p, 0);
    printf("over an attachment without SHM_REMAP: %s\n", r == (char *)-1 ? strerrorname_np(errno) : "attached");
    r = shmat(id, p, SHM_REMAP);
    printf("with SHM_REMAP: %d\n", r == p);
    shmdt(p);
    r = shmat(id, p + 1, 0);
    printf("unaligned: %s\n", r == (char *)-1 ? strerrorname_np(errno) : "attached");
    r = shmat(id, p + 1, SHM_RND);
    printf("unaligned with SHM_RND rounds down: %d\n", r == (char *)((unsigned long)(p + 1) & ~(SHMLBA - 1UL)));
    shmdt(r);
    r = shmat(id, NULL, SHM_RDONLY);
    printf("read-only attach reads: %s\n", r == (char *)-1 ? strerrorname_np(errno) : r);
    shmdt(r);
    r = shmat(id, NULL, SHM_REMAP);
    printf("SHM_REMAP without address: %s\n", r == (char *)-1 ? strerrorname_np(errno) : "attached");
    r = shmat(-5, NULL, 0);
    printf("bad id: %s\n", r == (char *)-1 ? strerrorname_np(errno) : "attached");
    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    show("IPC_STAT after RMID", shmctl(id, IPC_STAT, &ds));
    show("shmget(huge)", shmget(IPC_PRIVATE, 0x7fffffff, IPC_CREAT | 0600) >= 0 ? 0 : -1);
}

static void test_sem(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    printf("semget: %d\n", id >= 0);
    unsigned short vals[3] = { 1, 0, 7 }, got[3] = { 9, 9, 9 };
    show("SETALL", semctl(id, 0, SETALL, (union semun){ .array = vals }));
    show("GETALL", semctl(id, 0, GETALL, (union semun){ .array = got }));
    printf("values: %u %u %u\n", got[0], got[1], got[2]);
    show("SETVAL", semctl(id, 2, SETVAL, (union semun){ .val = 5 }));
    show("GETVAL", semctl(id, 2, GETVAL));
    show("GETALL(bad)", semctl(id, 0, GETALL, (union semun){ .array = BAD_PTR }));
    struct semid_ds ds;
    show("IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    printf("nsems %lu mode %o\n", (unsigned long)ds.sem_nsems, (unsigned)ds.sem_perm.mode & 0777);
    ds.sem_perm.mode = 0660;
    show("IPC_SET", semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
    semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
    printf("mode now %o\n", (unsigned)ds.sem_perm.mode & 0777);
    show("IPC_STAT(bad)", syscall(SYS_semctl, id, 0, IPC_STAT | RAW_IPC_64, BAD_PTR));

    /* The child releases semaphore 1, which the parent waits for. */
    pid_t c = fork();
    if (c == 0) {
        usleep(50000);
        struct sembuf up = { 1, 1, 0 };
        _exit(semop(id, &up, 1) == 0 ? 0 : 1);
    }
    struct sembuf down = { 1, -1, 0 };
    show("semop(wait for child)", semop(id, &down, 1));
    printf("child: %d\n", wait_child(c));
    show("GETPID is me", semctl(id, 1, GETPID) == getpid() ? 1 : 0);
    show("GETNCNT", semctl(id, 1, GETNCNT));
    show("GETZCNT", semctl(id, 1, GETZCNT));
    struct sembuf two[2] = { { 0, -1, 0 }, { 2, 2, 0 } };
    show("semop(two)", semop(id, two, 2));
    semctl(id, 0, GETALL, (union semun){ .array = got });
    printf("values: %u %u %u\n", got[0], got[1], got[2]);
    struct sembuf nowait = { 1, -1, IPC_NOWAIT };
    show("semop(IPC_NOWAIT)", semop(id, &nowait, 1));
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    show("semtimedop(timeout)", semtimedop(id, &down, 1, &ts));
    show("semtimedop(bad timeout)", syscall(SYS_semtimedop, id, &down, 1, BAD_PTR));
    show("semop(bad)", semop(id, BAD_PTR, 1));
    show("semop(0 ops)", semop(id, &down, 0));
    struct sembuf bad_num = { 7, 1, 0 };
    show("semop(bad semnum)", semop(id, &bad_num, 1));
    struct seminfo si;
    printf("SEM_INFO: %d semmsl > 0: %d\n", semctl(id, 0, SEM_INFO, (union semun){ .__buf = &si }) >= 0,
           si.semmsl > 0);
    show("IPC_RMID", semctl(id, 0, IPC_RMID));
    show("GETVAL after RMID", semctl(id, 0, GETVAL));
}

struct msg {
    long mtype;
    char text[32];
};

static void test_msg(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    printf("msgget: %d\n", id >= 0);
    pid_t c = fork();
    if (c == 0) {
        struct msg m = { 2, "second" };
        int r = msgsnd(id, &m, strlen(m.text) + 1, 0);
        m.mtype = 1;
        strcpy(m.text, "first");
        r |= msgsnd(id, &m, strlen(m.text) + 1, 0);
        m.mtype = 3;
        strcpy(m.text, "a longer third message");
        r |= msgsnd(id, &m, strlen(m.text) + 1, 0);
        _exit(r == 0 ? 0 : 1);
    }
    printf("child: %d\n", wait_child(c));
    struct msqid_ds ds;
    show("IPC_STAT", msgctl(id, IPC_STAT, &ds));
    printf("qnum %lu cbytes %lu lspid is child %d mode %o\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, ds.msg_lspid == c, (unsigned)ds.msg_perm.mode & 0777);
    struct msg m;
    memset(&m, 0, sizeof(m));
    long n = msgrcv(id, &m, sizeof(m.text), 1, 0);
    printf("msgrcv type 1: %ld %ld %s\n", n, m.mtype, m.text);
    n = msgrcv(id, &m, sizeof(m.text), 0, 0);
    printf("msgrcv any: %ld %ld %s\n", n, m.mtype, m.text);
    show("msgrcv too small", msgrcv(id, &m, 4, 0, 0));
    memset(&m, 0, sizeof(m));
    n = msgrcv(id, &m, 4, -5, MSG_NOERROR);
    printf("msgrcv truncated: %ld %ld %.4s\n", n, m.mtype, m.text);
    show("msgrcv empty, IPC_NOWAIT", msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT));
    show("msgrcv(bad), empty", msgrcv(id, BAD_PTR, 16, 0, IPC_NOWAIT));
    m.mtype = 9;
    msgsnd(id, &m, 4, 0);
    show("msgrcv(bad): the message is lost", msgrcv(id, BAD_PTR, 16, 0, IPC_NOWAIT));
    show("and gone", msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT));
    m.mtype = 0;
    show("msgsnd(mtype 0)", msgsnd(id, &m, 4, 0));
    show("msgsnd(bad)", msgsnd(id, BAD_PTR, 4, 0));
    show("msgsnd(negative size)", msgsnd(id, &m, (size_t)-1, 0));
    ds.msg_qbytes = 1000;
    show("IPC_SET qbytes", msgctl(id, IPC_SET, &ds));
    msgctl(id, IPC_STAT, &ds);
    printf("qbytes now %lu\n", (unsigned long)ds.msg_qbytes);
    m.mtype = 5;
    memset(m.text, 'x', sizeof(m.text));
    int sent = 0;
    while (msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT) == 0) {
        sent++;
    }
    printf("full after %d: %s\n", sent, strerrorname_np(errno));
    struct msginfo mi;
    printf("MSG_INFO: %d msgmax > 0: %d\n", msgctl(id, MSG_INFO, (struct msqid_ds *)&mi) >= 0, mi.msgmax > 0);
    show("IPC_STAT(bad)", syscall(SYS_msgctl, id, IPC_STAT | RAW_IPC_64, BAD_PTR));
    show("IPC_RMID", msgctl(id, IPC_RMID, NULL));
    show("msgsnd after RMID", msgsnd(id, &m, 4, IPC_NOWAIT));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_shm();
    test_sem();
    test_msg();
    return 0;
}
