/* x86_64 instruction encoders. */
#include "backends/x86_64/emit.h"
#include "tcg/util.h"

#include <cpuid.h>

X86Features x86_features;

void x86_features_init(void)
{
    /* Detect once: backend_init calls this on every (re)initialisation, and
     * features cleared afterwards (tests of the fallback lowerings) must
     * survive it. */
    static bool done;
    unsigned a, b, c, d;
    if (done) {
        return;
    }
    done = true;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        x86_features.sse41 = !!(c & bit_SSE4_1);
        x86_features.popcnt = !!(c & bit_POPCNT);
        x86_features.movbe = !!(c & bit_MOVBE);
        x86_features.aesni = !!(c & bit_AES);
        x86_features.pclmul = !!(c & bit_PCLMUL);
        /* AVX-encoded instructions also need the OS to save the YMM state. */
        bool osxsave = c & bit_OSXSAVE;
        x86_features.avx = osxsave && (c & bit_AVX);
        x86_features.fma = x86_features.avx && (c & bit_FMA);
        x86_features.f16c = x86_features.avx && (c & bit_F16C);
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_features.bmi1 = !!(b & bit_BMI);
        x86_features.bmi2 = !!(b & bit_BMI2);
        x86_features.avx2 = x86_features.avx && (b & bit_AVX2);
        x86_features.shani = !!(b & bit_SHA);
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        x86_features.lzcnt = !!(c & bit_LZCNT);
    }
}

void x86_opc(CodeBuf *b, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & P_DATA16) {
        emit8(b, 0x66);
    }
    if (opc & P_SIMDF3) {
        emit8(b, 0xf3);
    } else if (opc & P_SIMDF2) {
        emit8(b, 0xf2);
    }
    rex |= (opc & P_REXW) ? 0x8 : 0;
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* spl/bpl/sil/dil need a REX prefix to be addressed as bytes. */
    if (((opc & P_REXB_R) && (r & 15) >= 4) || ((opc & P_REXB_RM) && (rm & 15) >= 4)) {
        rex |= 0x40;
    }
    if (rex) {
        emit8(b, (uint8_t)(0x40 | rex));
    }
    if (opc & (P_EXT | P_EXT38 | P_EXT3A)) {
        emit8(b, 0x0f);
        if (opc & P_EXT38) {
            emit8(b, 0x38);
        } else if (opc & P_EXT3A) {
            emit8(b, 0x3a);
        }
    }
    emit8(b, (uint8_t)opc);
}

void x86_modrm(CodeBuf *b, int opc, int r, int rm)
{
    x86_opc(b, opc, r, rm, 0);
    emit8(b, (uint8_t)(0xc0 | ((r & 7) << 3) | (rm & 7)));
}

static void emit_mem_operand(CodeBuf *b, int r, int base, int index, int shift, int32_t disp)
{
    int mod, len;

    if (base < 0 && index < 0) {
        /* Absolute 32-bit address: SIB with no base and no index. */
        emit8(b, (uint8_t)(0x04 | ((r & 7) << 3)));
        emit8(b, 0x25);
        emit32(b, (uint32_t)disp);
        return;
    }
    if (base < 0) {
        /* Index only: SIB with base=101, mod=00 takes a disp32. */
        emit8(b, (uint8_t)(0x04 | ((r & 7) << 3)));
        emit8(b, (uint8_t)((shift << 6) | ((index & 7) << 3) | 5));
        emit32(b, (uint32_t)disp);
        return;
    }
    if (disp == 0 && (base & 7) != RBP) {
        mod = 0x00, len = 0;
    } else if (disp == (int8_t)disp) {
        mod = 0x40, len = 1;
    } else {
        mod = 0x80, len = 4;
    }
    if (index < 0 && (base & 7) != RSP) {
        emit8(b, (uint8_t)(mod | ((r & 7) << 3) | (base & 7)));
    } else {
        /* SIB; index 100 means "none", so rsp can never be an index. */
        int idx = index < 0 ? 4 : (index & 7);
        emit8(b, (uint8_t)(mod | ((r & 7) << 3) | 4));
        emit8(b, (uint8_t)((shift << 6) | (idx << 3) | (base & 7)));
    }
    if (len == 1) {
        emit8(b, (uint8_t)disp);
    } else if (len == 4) {
        emit32(b, (uint32_t)disp);
    }
}

void x86_modrm_mem(CodeBuf *b, int opc, int r, int base, int index, int shift, int32_t disp)
{
    ASSERT(index != RSP);
    /* A byte-register marker on rm is meaningless for a memory operand. */
    x86_opc(b, opc & ~P_REXB_RM, r, base < 0 ? 0 : base, index < 0 ? 0 : index);
    emit_mem_operand(b, r, base, index, shift, disp);
}

static void emit_vex(CodeBuf *b, int opc, int r, int v, int rm, int x)
{
    int mmmmm = (opc & P_EXT3A) ? 3 : (opc & P_EXT38) ? 2 : 1;
    int pp = (opc & P_DATA16) ? 1 : (opc & P_SIMDF3) ? 2 : (opc & P_SIMDF2) ? 3 : 0;
    int w = (opc & P_REXW) ? 1 : 0;
    int l = (opc & P_VEXL) ? 1 : 0;
    bool two_byte = mmmmm == 1 && !w && !(rm & 8) && !(x & 8);

    if (two_byte) {
        emit8(b, 0xc5);
        emit8(b, (uint8_t)((((r & 8) ^ 8) << 4) | ((~v & 15) << 3) | (l << 2) | pp));
    } else {
        emit8(b, 0xc4);
        emit8(b, (uint8_t)((((r & 8) ^ 8) << 4) | (((x & 8) ^ 8) << 3) | (((rm & 8) ^ 8) << 2) | mmmmm));
        emit8(b, (uint8_t)((w << 7) | ((~v & 15) << 3) | (l << 2) | pp));
    }
    emit8(b, (uint8_t)opc);
}

void x86_vex_modrm(CodeBuf *b, int opc, int r, int v, int rm)
{
    emit_vex(b, opc, r, v, rm, 0);
    emit8(b, (uint8_t)(0xc0 | ((r & 7) << 3) | (rm & 7)));
}

void x86_vex_modrm_mem(CodeBuf *b, int opc, int r, int v, int base, int index, int shift, int32_t disp)
{
    emit_vex(b, opc, r, v, base < 0 ? 0 : base, index < 0 ? 0 : index);
    emit_mem_operand(b, r, base, index, shift, disp);
}

void x86_mov_rr(CodeBuf *b, bool w64, X86Reg dst, X86Reg src)
{
    x86_modrm(b, OPC_MOVL_GvEv | (w64 ? P_REXW : 0), dst, src);
}

void x86_mov_ri32_keepflags(CodeBuf *b, X86Reg dst, uint32_t imm)
{
    x86_opc(b, OPC_MOVL_Iv + (dst & 7), 0, dst, 0);
    emit32(b, imm);
}

void x86_mov_ri(CodeBuf *b, bool w64, X86Reg dst, uint64_t imm)
{
    if (!w64) {
        imm = (uint32_t)imm;
    }
    if (imm == 0) {
        x86_modrm(b, OPC_ARITH_GvEv + (ALU_XOR << 3), dst, dst);
    } else if (imm == (uint32_t)imm) {
        /* mov r32, imm32 zero-extends into the full register. */
        x86_opc(b, OPC_MOVL_Iv + (dst & 7), 0, dst, 0);
        emit32(b, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        x86_modrm(b, OPC_MOVL_EvIz | P_REXW, 0, dst);
        emit32(b, (uint32_t)imm);
    } else {
        x86_opc(b, (OPC_MOVL_Iv + (dst & 7)) | P_REXW, 0, dst, 0);
        emit64(b, imm);
    }
}

void x86_ld(CodeBuf *b, int opc, X86Reg r, int base, int index, int32_t disp)
{
    x86_modrm_mem(b, opc, r, base, index, 0, disp);
}

void x86_st(CodeBuf *b, int opc, X86Reg r, int base, int index, int32_t disp)
{
    x86_modrm_mem(b, opc, r, base, index, 0, disp);
}

void x86_st_imm(CodeBuf *b, int size_log2, int base, int index, int32_t disp, int32_t imm)
{
    switch (size_log2) {
    case 0:
        x86_modrm_mem(b, OPC_MOVB_EvIb, 0, base, index, 0, disp);
        emit8(b, (uint8_t)imm);
        break;
    case 1:
        x86_modrm_mem(b, OPC_MOVL_EvIz | P_DATA16, 0, base, index, 0, disp);
        emit8(b, (uint8_t)imm);
        emit8(b, (uint8_t)(imm >> 8));
        break;
    default:
        x86_modrm_mem(b, OPC_MOVL_EvIz | (size_log2 == 3 ? P_REXW : 0), 0, base, index, 0, disp);
        emit32(b, (uint32_t)imm);
        break;
    }
}

void x86_lea(CodeBuf *b, bool w64, X86Reg dst, int base, int index, int shift, int32_t disp)
{
    x86_modrm_mem(b, OPC_LEA | (w64 ? P_REXW : 0), dst, base, index, shift, disp);
}

void x86_lea_rip(CodeBuf *b, X86Reg dst, const void *target)
{
    x86_opc(b, OPC_LEA | P_REXW, dst, 0, 0);
    emit8(b, (uint8_t)(0x05 | ((dst & 7) << 3)));
    int32_t d = (int32_t)((intptr_t)target - (intptr_t)(b->ptr + 4));
    emit32(b, (uint32_t)d);
}

void x86_movzx(CodeBuf *b, int opc, X86Reg dst, X86Reg src)
{
    x86_modrm(b, opc, dst, src);
}

void x86_alu_rr(CodeBuf *b, X86Alu op, bool w64, X86Reg dst, X86Reg src)
{
    x86_modrm(b, (OPC_ARITH_GvEv + (op << 3)) | (w64 ? P_REXW : 0), dst, src);
}

void x86_alu_ri(CodeBuf *b, X86Alu op, bool w64, X86Reg dst, int32_t imm)
{
    int rexw = w64 ? P_REXW : 0;
    if (imm == (int8_t)imm) {
        x86_modrm(b, OPC_ARITH_EvIb | rexw, op, dst);
        emit8(b, (uint8_t)imm);
    } else {
        x86_modrm(b, OPC_ARITH_EvIz | rexw, op, dst);
        emit32(b, (uint32_t)imm);
    }
}

void x86_alu_rm(CodeBuf *b, X86Alu op, bool w64, X86Reg dst, int base, int32_t disp)
{
    x86_modrm_mem(b, (OPC_ARITH_GvEv + (op << 3)) | (w64 ? P_REXW : 0), dst, base, -1, 0, disp);
}

void x86_alu_mi(CodeBuf *b, X86Alu op, bool w64, int base, int32_t disp, int32_t imm)
{
    int rexw = w64 ? P_REXW : 0;
    if (imm == (int8_t)imm) {
        x86_modrm_mem(b, OPC_ARITH_EvIb | rexw, op, base, -1, 0, disp);
        emit8(b, (uint8_t)imm);
    } else {
        x86_modrm_mem(b, OPC_ARITH_EvIz | rexw, op, base, -1, 0, disp);
        emit32(b, (uint32_t)imm);
    }
}

void x86_test_rr(CodeBuf *b, bool w64, X86Reg a, X86Reg c)
{
    x86_modrm(b, OPC_TESTL | (w64 ? P_REXW : 0), c, a);
}

void x86_test_ri(CodeBuf *b, bool w64, X86Reg a, uint32_t imm)
{
    if (imm <= 0xff && !w64 && a < 4) {
        /* test al/cl/dl/bl, imm8 */
        x86_modrm(b, 0xf6, 0, a);
        emit8(b, (uint8_t)imm);
        return;
    }
    x86_modrm(b, OPC_GRP3_Ev | (w64 ? P_REXW : 0), EXT3_TEST, a);
    emit32(b, imm);
}

void x86_grp3(CodeBuf *b, int ext, bool w64, X86Reg r)
{
    x86_modrm(b, OPC_GRP3_Ev | (w64 ? P_REXW : 0), ext, r);
}

void x86_shift_ri(CodeBuf *b, X86Shift op, bool w64, X86Reg r, int count)
{
    int rexw = w64 ? P_REXW : 0;
    if (count == 1) {
        x86_modrm(b, OPC_SHIFT_1 | rexw, op, r);
    } else {
        x86_modrm(b, OPC_SHIFT_Ib | rexw, op, r);
        emit8(b, (uint8_t)count);
    }
}

void x86_shift_cl(CodeBuf *b, X86Shift op, bool w64, X86Reg r)
{
    x86_modrm(b, OPC_SHIFT_cl | (w64 ? P_REXW : 0), op, r);
}

void x86_shiftx(CodeBuf *b, int opc, bool w64, X86Reg dst, X86Reg src, X86Reg count)
{
    x86_vex_modrm(b, opc | (w64 ? P_REXW : 0), dst, count, src);
}

void x86_rorx(CodeBuf *b, bool w64, X86Reg dst, X86Reg src, int count)
{
    x86_vex_modrm(b, OPC_RORX | (w64 ? P_REXW : 0), dst, 0, src);
    emit8(b, (uint8_t)count);
}

void x86_andn(CodeBuf *b, bool w64, X86Reg dst, X86Reg notsrc, X86Reg src)
{
    x86_vex_modrm(b, OPC_ANDN | (w64 ? P_REXW : 0), dst, notsrc, src);
}

void x86_imul_rr(CodeBuf *b, bool w64, X86Reg dst, X86Reg src)
{
    x86_modrm(b, OPC_IMUL_GvEv | (w64 ? P_REXW : 0), dst, src);
}

void x86_imul_rri(CodeBuf *b, bool w64, X86Reg dst, X86Reg src, int32_t imm)
{
    int rexw = w64 ? P_REXW : 0;
    if (imm == (int8_t)imm) {
        x86_modrm(b, OPC_IMUL_GvEvIb | rexw, dst, src);
        emit8(b, (uint8_t)imm);
    } else {
        x86_modrm(b, OPC_IMUL_GvEvIz | rexw, dst, src);
        emit32(b, (uint32_t)imm);
    }
}

void x86_cdq(CodeBuf *b, bool w64)
{
    x86_opc(b, 0x99 | (w64 ? P_REXW : 0), 0, 0, 0);
}

void x86_bswap(CodeBuf *b, bool w64, X86Reg r)
{
    x86_opc(b, (OPC_BSWAP + (r & 7)) | (w64 ? P_REXW : 0), 0, r, 0);
}

void x86_rol16_8(CodeBuf *b, X86Reg r)
{
    x86_modrm(b, OPC_SHIFT_Ib | P_DATA16, SH_ROL, r);
    emit8(b, 8);
}

void x86_bitop_rr(CodeBuf *b, int opc, bool w64, X86Reg dst, X86Reg src)
{
    x86_modrm(b, opc | (w64 ? P_REXW : 0), dst, src);
}

void x86_setcc(CodeBuf *b, X86Cond cc, X86Reg r)
{
    x86_modrm(b, OPC_SETCC + cc, 0, r);
}

void x86_cmov(CodeBuf *b, X86Cond cc, bool w64, X86Reg dst, X86Reg src)
{
    x86_modrm(b, (OPC_CMOVCC + cc) | (w64 ? P_REXW : 0), dst, src);
}

bool x86_rel32_ok(const void *from_end, const void *target)
{
    intptr_t d = (intptr_t)target - (intptr_t)from_end;
    return d == (int32_t)d;
}

void x86_patch_rel32(uint8_t *field, const void *target)
{
    intptr_t d = (intptr_t)target - (intptr_t)(field + 4);
    ASSERT(d == (int32_t)d);
    /* One aligned 4-byte store, so a racing thread sees old or new. */
    __atomic_store_n((uint32_t *)field, (uint32_t)(int32_t)d, __ATOMIC_RELEASE);
}

size_t x86_jmp32(CodeBuf *b, const void *target)
{
    emit8(b, OPC_JMP_long);
    size_t off = cb_offset(b);
    int32_t d = target ? (int32_t)((intptr_t)target - (intptr_t)(b->ptr + 4)) : 0;
    emit32(b, (uint32_t)d);
    return off;
}

size_t x86_jcc32(CodeBuf *b, X86Cond cc, const void *target)
{
    emit8(b, 0x0f);
    emit8(b, (uint8_t)(0x80 + cc));
    size_t off = cb_offset(b);
    int32_t d = target ? (int32_t)((intptr_t)target - (intptr_t)(b->ptr + 4)) : 0;
    emit32(b, (uint32_t)d);
    return off;
}

void x86_jmp8(CodeBuf *b, int8_t rel)
{
    emit8(b, OPC_JMP_short);
    emit8(b, (uint8_t)rel);
}

void x86_jcc8(CodeBuf *b, X86Cond cc, int8_t rel)
{
    emit8(b, (uint8_t)(OPC_JCC_short + cc));
    emit8(b, (uint8_t)rel);
}

void x86_call(CodeBuf *b, const void *target)
{
    if (x86_rel32_ok(b->ptr + 5, target)) {
        emit8(b, OPC_CALL_Jz);
        emit32(b, (uint32_t)(int32_t)((intptr_t)target - (intptr_t)(b->ptr + 4)));
    } else {
        x86_mov_ri(b, true, REG_SCRATCH, (uint64_t)(uintptr_t)target);
        x86_modrm(b, OPC_GRP5, EXT5_CALLN_Ev, REG_SCRATCH);
    }
}

void x86_jmp_r(CodeBuf *b, X86Reg r)
{
    x86_modrm(b, OPC_GRP5, EXT5_JMPN_Ev, r);
}

void x86_jmp_m(CodeBuf *b, int base, int32_t disp)
{
    x86_modrm_mem(b, OPC_GRP5, EXT5_JMPN_Ev, base, -1, 0, disp);
}

void x86_push(CodeBuf *b, X86Reg r) { x86_opc(b, OPC_PUSH_r32 + (r & 7), 0, r, 0); }
void x86_pop(CodeBuf *b, X86Reg r) { x86_opc(b, OPC_POP_r32 + (r & 7), 0, r, 0); }
void x86_ret(CodeBuf *b) { emit8(b, OPC_RET); }

void x86_nops(CodeBuf *b, int n)
{
    /* The recommended multi-byte NOP forms. */
    static const uint8_t nop[9][9] = {
        { 0 },
        { 0x90 },
        { 0x66, 0x90 },
        { 0x0f, 0x1f, 0x00 },
        { 0x0f, 0x1f, 0x40, 0x00 },
        { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    };
    while (n > 0) {
        int k = n > 8 ? 8 : n;
        memcpy(b->ptr, nop[k], (size_t)k);
        b->ptr += k;
        n -= k;
    }
}

void x86_mfence(CodeBuf *b)
{
    emit8(b, 0x0f);
    emit8(b, 0xae);
    emit8(b, 0xf0);
}

void x86_ud2(CodeBuf *b)
{
    emit8(b, 0x0f);
    emit8(b, 0x0b);
}

void x86_sse_rr(CodeBuf *b, int opc, int dst, int src)
{
    x86_modrm(b, opc, dst, src);
}

void x86_sse_rri(CodeBuf *b, int opc, int dst, int src, uint8_t imm)
{
    x86_modrm(b, opc, dst, src);
    emit8(b, imm);
}

void x86_sse_ld(CodeBuf *b, int opc, int reg, int base, int index, int32_t disp)
{
    x86_modrm_mem(b, opc, reg, base, index, 0, disp);
}

bool x86_vec_opc(int op, int esize, int *opc)
{
    /* -1: no SSE4.1 instruction for that lane size. */
    static const int16_t table[9][4] = {
        [VEC_ADD] = { 0xfc, 0xfd, 0xfe, 0xd4 },
        [VEC_SUB] = { 0xf8, 0xf9, 0xfa, 0xfb },
        [VEC_MUL] = { -1, 0xd5, 0x140, -1 },          /* pmullw, pmulld */
        [VEC_CMPEQ] = { 0x74, 0x75, 0x76, 0x129 },    /* pcmpeqq */
        [VEC_CMPGT] = { 0x64, 0x65, 0x66, 0x137 },    /* pcmpgtq */
        [VEC_MINS] = { 0x138, 0xea, 0x139, -1 },
        [VEC_MAXS] = { 0x13c, 0xee, 0x13d, -1 },
        [VEC_MINU] = { 0xda, 0x13a, 0x13b, -1 },
        [VEC_MAXU] = { 0xde, 0x13e, 0x13f, -1 },
    };
    int v = table[op][esize];
    if (v < 0) {
        return false;
    }
    /* 0x1xx marks the 0f 38 escape. */
    *opc = (v & 0xff) | P_DATA16 | ((v & 0x100) ? P_EXT38 : P_EXT);
    return true;
}

bool x86_vec_shift_imm(CodeBuf *b, X86Shift kind, int esize, int reg, int count)
{
    /* psll/psrl/psra: 66 0f 71 (w), 72 (d), 73 (q) with /6, /2, /4. */
    static const uint8_t group[4] = { 0, 0x71, 0x72, 0x73 };
    int ext = kind == SH_SHL ? 6 : kind == SH_SHR ? 2 : 4;
    if (esize == 0 || (kind == SH_SAR && esize == 3)) {
        return false;
    }
    x86_modrm(b, group[esize] | P_EXT | P_DATA16, ext, reg);
    emit8(b, (uint8_t)count);
    return true;
}

void x86_lock_cmpxchg(CodeBuf *b, int size_log2, X86Reg newv, int base, int index, int32_t disp)
{
    static const int opc[4] = {
        0xb0 | P_EXT | P_REXB_R, OPC_CMPXCHG | P_DATA16, OPC_CMPXCHG, OPC_CMPXCHG | P_REXW,
    };
    emit8(b, 0xf0);
    x86_modrm_mem(b, opc[size_log2], newv, base, index, 0, disp);
}
