/* Processes and descriptors: fork, exec, pipes, dup2, waitpid, and fork
 * while other threads run. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int spin_stop;

static void *spinner(void *arg)
{
    (void)arg;
    volatile unsigned long n = 0;
    while (!spin_stop) {
        n++;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        /* Re-executed copy: echo stdin upper-cased, exit with argc. */
        int c;
        while ((c = getchar()) != EOF) {
            putchar(c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        return argc;
    }

    /* fork + pipe + dup2 + exec of this program. */
    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child)) {
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[1]);
        close(from_child[0]);
        execl("/proc/self/exe", argv[0], "child", "x", (char *)NULL);
        _exit(99);
    }
    close(to_child[0]);
    close(from_child[1]);
    const char *msg = "hello through a pipe\n";
    if (write(to_child[1], msg, strlen(msg)) < 0) {
        return 1;
    }
    close(to_child[1]);
    char buf[128];
    ssize_t n, total = 0;
    while ((n = read(from_child[0], buf + total, sizeof(buf) - 1 - (size_t)total)) > 0) {
        total += n;
    }
    buf[total] = 0;
    int status;
    waitpid(pid, &status, 0);
    printf("child said: %s", buf);
    printf("child exit: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    /* exec of a program that does not exist fails in the child. */
    pid = fork();
    if (pid == 0) {
        execl("/nonexistent/program", "x", (char *)NULL);
        _exit(42);
    }
    waitpid(pid, &status, 0);
    printf("failed exec exit: %d\n", WEXITSTATUS(status));

    /* Several children, reaped in order. */
    pid_t kids[5];
    for (int i = 0; i < 5; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            _exit(10 + i);
        }
    }
    for (int i = 0; i < 5; i++) {
        waitpid(kids[i], &status, 0);
        printf("kid %d exit %d\n", i, WEXITSTATUS(status));
    }

    /* fork while other threads run: the child has only the forking thread. */
    pthread_t th[3];
    for (int i = 0; i < 3; i++) {
        pthread_create(&th[i], NULL, spinner, NULL);
    }
    pid = fork();
    if (pid == 0) {
        /* The child can still run threads of its own. */
        pthread_t t;
        spin_stop = 1;
        pthread_create(&t, NULL, spinner, NULL);
        pthread_join(t, NULL);
        printf("child of a threaded parent ran a thread\n");
        fflush(stdout);
        _exit(5);
    }
    waitpid(pid, &status, 0);
    spin_stop = 1;
    for (int i = 0; i < 3; i++) {
        pthread_join(th[i], NULL);
    }
    printf("threaded fork child exit %d\n", WEXITSTATUS(status));

    /* O_CLOEXEC and dup semantics. */
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    int fd2 = dup(fd);
    printf("cloexec on original %d, on dup %d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(fd2, F_GETFD) & FD_CLOEXEC) != 0);
    return 0;
}
