/*
 * Register-exact entry into and exit from a test sequence (see harness.c).
 *
 * diff_run(const DiffRegs *in, int thumb) loads every register, the flags,
 * FPSCR, TPIDRURW and D0-D31 from *in, then jumps to DIFF_ENTRY in ARM or
 * Thumb state.  The test code ends with a branch to the exit stub, which
 * harness.c copies to DIFF_STUB; the stub stores the whole state to
 * DIFF_SAVE (pc-relative, so no register is needed before r0 is saved) and
 * returns here through diff_resume, which makes diff_run return 0.  A fault
 * in the test code is caught by the signal handler instead (siglongjmp).
 *
 * The offsets below are those of DiffRegs in layout.h.
 */
        .syntax unified
        .arch armv7-a
        .fpu vfpv3
        .arm
        .text

#define DIFF_ENTRY 0x20081000

        .global diff_run
        .type diff_run, %function
diff_run:
        push    {r4-r11, lr}
        vpush   {d8-d15}
        ldr     r2, =diff_harness_sp
        str     sp, [r2]
        add     r2, r0, #72
        vldmia  r2!, {d0-d15}
        vldmia  r2, {d16-d31}
        ldr     r2, [r0, #64]
        vmsr    fpscr, r2
        ldr     r2, [r0, #68]
        mcr     p15, 0, r2, c13, c0, 2
        clrex
        cmp     r1, #0
        ldr     r2, [r0, #60]
        bne     1f
        msr     APSR_nzcvqg, r2
        ldm     r0, {r0-r14}
        ldr     pc, =DIFF_ENTRY
1:      msr     APSR_nzcvqg, r2
        ldm     r0, {r0-r14}
        ldr     pc, =DIFF_ENTRY + 1
        .ltorg
        .size diff_run, . - diff_run

        .global diff_resume
        .type diff_resume, %function
diff_resume:
        ldr     r0, =diff_harness_sp
        ldr     sp, [r0]
        mov     r0, #0
        vmsr    fpscr, r0
        vpop    {d8-d15}
        pop     {r4-r11, pc}
        .ltorg
        .size diff_resume, . - diff_resume

/*
 * The exit stub, position dependent: copied to DIFF_STUB, 0x100 bytes
 * below DIFF_SAVE.  SETEND LE first: a test may have switched data
 * accesses to big-endian.
 */
        .global diff_stub_start, diff_stub_end
diff_stub_start:
        setend  le
        .inst   0xe58f00f4              @ str r0, [pc, #0xf4]: pc = stub + 0x0c,
                                        @ DIFF_SAVE (.inst: gas warns on STR to pc)
        add     r0, pc, #0xf0           @ pc = stub + 0x10: DIFF_SAVE
        stmib   r0, {r1-r14}
        mrs     r1, APSR
        str     r1, [r0, #60]
        vmrs    r1, fpscr
        str     r1, [r0, #64]
        mrc     p15, 0, r1, c13, c0, 2
        str     r1, [r0, #68]
        add     r1, r0, #72
        vstmia  r1!, {d0-d15}
        vstmia  r1, {d16-d31}
        ldr     pc, [pc, #-4]
        .word   diff_resume
diff_stub_end:

        .bss
        .align 2
        .global diff_harness_sp
diff_harness_sp:
        .space 4
        .section .note.GNU-stack, "", %progbits
