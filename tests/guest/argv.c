/* argv: echoes the arguments (not argv[0], whose path differs between the
 * native and the guest run), the environment (sorted: qemu-user, the
 * reference translator, passes it in reverse order) and a few getenv()
 * look-ups.  tests/guest/argv.args and argv.env provide the input;
 * the runner starts the program with `env -i` so the environment is exactly
 * what argv.env lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

extern char **environ;

static void show(const char *label, const char *s)
{
    printf("%s = ", label);
    if (!s) { printf("(unset)\n"); return; }
    putchar('[');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) printf("\\x%02x", *p);
        else putchar(*p);
    }
    printf("] (%u bytes)\n", (unsigned)strlen(s));
}

int main(int argc, char **argv)
{
    printf("argc = %d\n", argc);
    printf("argv[0] is %s\n", argv[0] && argv[0][0] ? "set" : "EMPTY");
    for (int i = 1; i < argc; i++) {
        char label[32];
        snprintf(label, sizeof label, "argv[%d]", i);
        show(label, argv[i]);
    }
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "NOT NULL");

    int n = 0;
    while (environ[n]) n++;
    char **sorted = malloc((size_t)(n + 1) * sizeof *sorted);
    memcpy(sorted, environ, (size_t)(n + 1) * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_str);
    for (int i = 0; i < n; i++) {
        char label[40];
        snprintf(label, sizeof label, "sorted environ[%d]", i);
        show(label, sorted[i]);
    }
    free(sorted);
    printf("%d environment entries\n", n);

    static const char *names[] = { "HOME", "PATH", "MIMIC_TEST", "EMPTY", "LANG", "SPACES", "NOT_SET", "" };
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        char label[40];
        snprintf(label, sizeof label, "getenv(\"%s\")", names[i]);
        show(label, getenv(names[i]));
    }

    /* Modify the environment in-process. */
    setenv("MIMIC_TEST", "changed", 1);
    setenv("NEW_VAR", "new", 0);
    unsetenv("HOME");
    show("after setenv MIMIC_TEST", getenv("MIMIC_TEST"));
    show("after setenv NEW_VAR", getenv("NEW_VAR"));
    show("after unsetenv HOME", getenv("HOME"));

    /* Arguments are writable. */
    if (argc > 1 && argv[1][0]) {
        argv[1][0] = 'X';
        show("modified argv[1]", argv[1]);
    }
    /* Total argument bytes, the last one first. */
    size_t total = 0;
    for (int i = argc - 1; i >= 1; i--) total += strlen(argv[i]) + 1;
    printf("argument bytes (without argv[0]) = %u\n", (unsigned)total);
    return argc == 1 ? 2 : 0;
}
