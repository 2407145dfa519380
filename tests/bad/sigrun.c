/* sigrun REPORT CMD [ARGS...]: runs CMD with the same stdin, stdout and
 * stderr, waits for it and writes how it ended to the file REPORT:
 *     "exit N"      it exited with status N
 *     "signal N"    it was killed by signal N (WIFSIGNALED)
 * and then exits with 0 (or 127 when CMD could not be started, 126 on other
 * errors).  This lets the bad-input suite tell "killed by SIGILL" apart
 * from "exited with status 132". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: sigrun REPORT CMD [ARGS...]\n");
        return 126;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("sigrun: fork");
        return 126;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "sigrun: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("sigrun: waitpid");
            return 126;
        }
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 126;
    }
    if (WIFSIGNALED(status))
        fprintf(f, "signal %d\n", WTERMSIG(status));
    else
        fprintf(f, "exit %d\n", WEXITSTATUS(status));
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 126;
    }
    return 0;
}
