/*
 * What the VFP translator (vfp.c) and its C helpers (vfp-helper.c) agree
 * on: the FPSCR layout, the operation codes of the arithmetic helpers and
 * the mode words of the conversion helpers.
 */
#ifndef MIMIC_ARM_VFP_H
#define MIMIC_ARM_VFP_H

#include <stdint.h>

/* FPSCR fields. */
#define FPSCR_IOC           (1u << 0)
#define FPSCR_DZC           (1u << 1)
#define FPSCR_OFC           (1u << 2)
#define FPSCR_UFC           (1u << 3)
#define FPSCR_IXC           (1u << 4)
#define FPSCR_IDC           (1u << 7)
#define FPSCR_CUMULATIVE    0x9fu
#define FPSCR_LEN_SHIFT     16
#define FPSCR_LEN_STRIDE    0x00370000u     /* Len[18:16], Stride[21:20] */
#define FPSCR_RMODE_SHIFT   22
#define FPSCR_FZ            (1u << 24)
#define FPSCR_DN            (1u << 25)
#define FPSCR_AHP           (1u << 26)
#define FPSCR_NZCV          0xf0000000u
/* The bits that exist (qemu's "max" CPU): NZCV, QC, AHP, DN, FZ, RMode,
 * Stride, FZ16, Len and the cumulative flags; the trap enables read as
 * zero because trapped exceptions are not implemented, as on most cores. */
#define FPSCR_MASK          0xffff009fu

/* ARM rounding modes (FPRounding), as FPSCR.RMode numbers them, plus
 * ties-away and "whatever FPSCR.RMode says". */
enum {
    VFP_RM_NEAREST = 0, VFP_RM_PLUSINF = 1, VFP_RM_MINUSINF = 2, VFP_RM_ZERO = 3,
    VFP_RM_TIEAWAY = 4, VFP_RM_FPSCR = 7,
};

/* helper_vfp_arith_[sd] operations: (op, n, m, d) with d the accumulator
 * of the multiply-accumulate forms; unused operands are ignored. */
enum {
    VOP_ADD, VOP_SUB, VOP_MUL, VOP_DIV, VOP_SQRT, VOP_NMUL,
    VOP_MLA, VOP_MLS, VOP_NMLA, VOP_NMLS,   /* not fused: d +/- round(n * m) */
    VOP_FMA, VOP_FMS, VOP_FNMA, VOP_FNMS,   /* fused */
    VOP_MAXNM, VOP_MINNM,
    VOP_RINT,                               /* VRINT*: | rounding << 8 | exact */
};
#define VOP_RINT_RM_SHIFT   8
#define VOP_RINT_EXACT      (1u << 12)      /* VRINTX: inexact results raise IXC */

/* helper_vfp_toi_[sd] and helper_vfp_fixtos mode words. */
#define VFP_CV_RM_MASK      7u              /* VFP_RM_* */
#define VFP_CV_UNSIGNED     (1u << 3)
#define VFP_CV_FBITS_SHIFT  4               /* fixed point: fraction bits, 7-bit signed */
#define VFP_CV_FBITS_MASK   0x7fu
#define VFP_CV_16           (1u << 11)      /* 16-bit fixed point */

/* The fraction bits of a mode word: negative for the UNPREDICTABLE 16-bit
 * forms with an immediate past 16, which qemu-arm executes as a scaling by
 * a negative power of two. */
static inline int vfp_cv_fbits(uint32_t mode)
{
    return (int)((mode >> VFP_CV_FBITS_SHIFT) & VFP_CV_FBITS_MASK) - (int)((mode >> VFP_CV_FBITS_SHIFT) & 0x40u) * 2;
}

#endif
