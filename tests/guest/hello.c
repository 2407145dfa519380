/* hello: the smallest useful guest program (first thing to bring up). */
#include <stdio.h>

int main(void)
{
    puts("Hello from the mimic guest corpus!");
    printf("%d + %d = %d\n", 2, 3, 2 + 3);
    for (int i = 1; i <= 5; i++)
        printf("%d squared is %d\n", i, i * i);
    return 0;
}
