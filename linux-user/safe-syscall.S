/*
 * safe_syscall: a host system call that a guest signal can interrupt
 * without the check-then-block race.
 *
 *   long safe_syscall_base(volatile int *pending, long nr, a1..a6)
 *
 * If *pending is set the call is not made and -MIMIC_ERESTARTSYS is
 * returned.  A host signal handler that finds the interrupted pc in
 * [safe_syscall_start, safe_syscall_end) moves it to safe_syscall_restart,
 * so a signal that arrives after the check but before the kernel entry
 * makes the call return -MIMIC_ERESTARTSYS instead of blocking.  Once the
 * syscall instruction has executed, the kernel's own EINTR handles it.
 *
 * SysV: rdi=pending rsi=nr rdx=a1 rcx=a2 r8=a3 r9=a4 [rsp+8]=a5 [rsp+16]=a6
 * Linux: rax=nr rdi rsi rdx r10 r8 r9
 */
#define MIMIC_ERESTARTSYS 512

    .text
    .globl  safe_syscall_base
    .globl  safe_syscall_start
    .globl  safe_syscall_end
    .globl  safe_syscall_restart
    .type   safe_syscall_base, @function
safe_syscall_base:
    .cfi_startproc
    push    %rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbp, 0
    mov     %rdi, %rbp              /* pending flag pointer */
    mov     %rsi, %rax              /* nr */
    mov     %rdx, %rdi
    mov     %rcx, %rsi
    mov     %r8, %rdx
    mov     %r9, %r10
    mov     16(%rsp), %r8
    mov     24(%rsp), %r9
safe_syscall_start:
    cmpl    $0, (%rbp)
    jnz     safe_syscall_restart
    syscall
safe_syscall_end:
    pop     %rbp
    .cfi_remember_state
    .cfi_adjust_cfa_offset -8
    .cfi_restore rbp
    ret
    .cfi_restore_state
safe_syscall_restart:
    mov     $-MIMIC_ERESTARTSYS, %rax
    pop     %rbp
    .cfi_adjust_cfa_offset -8
    .cfi_restore rbp
    ret
    .cfi_endproc
    .size   safe_syscall_base, .-safe_syscall_base

    .section .note.GNU-stack,"",@progbits
