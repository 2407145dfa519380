/* A cursor into executable memory that backends emit into. */
#ifndef MIMIC_TCG_CODEBUF_H
#define MIMIC_TCG_CODEBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct CodeBuf {
    uint8_t *start;
    uint8_t *ptr;
    uint8_t *end;
} CodeBuf;

static inline void cb_init(CodeBuf *b, void *start, size_t size)
{
    b->start = b->ptr = start;
    b->end = (uint8_t *)start + size;
}
static inline size_t cb_offset(const CodeBuf *b) { return (size_t)(b->ptr - b->start); }
static inline size_t cb_room(const CodeBuf *b) { return (size_t)(b->end - b->ptr); }
static inline void emit8(CodeBuf *b, uint8_t v) { *b->ptr++ = v; }
static inline void emit32(CodeBuf *b, uint32_t v) { memcpy(b->ptr, &v, 4); b->ptr += 4; }
static inline void emit64(CodeBuf *b, uint64_t v) { memcpy(b->ptr, &v, 8); b->ptr += 8; }

#endif
