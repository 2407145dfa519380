/* udf: an ARM guest program that executes a permanently undefined
 * instruction (UDF: 0xe7f000f0 in ARM state, 0xde00 in Thumb state).  The
 * process must die of SIGILL, and mimic must report the guest pc of the
 * instruction (in hex) on stderr.  The global label mimic_udf_insn marks the
 * instruction; the build writes its address to udf-<flavour>.pc with nm. */
#include <stdio.h>

int main(void)
{
    printf("about to execute an undefined instruction\n");
    fflush(stdout);
    __asm__ volatile(".globl mimic_udf_insn\n"
                     "mimic_udf_insn:\n\t"
                     "udf #0\n" ::: "memory");
    printf("still alive after UDF?!\n");
    return 0;
}
