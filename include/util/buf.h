/*
 * buf.h - the one growable byte buffer of aiops-agent.
 *
 * Invariants (after BUF_INIT or buf_init):
 *   - `ptr` is never NULL and always NUL-terminated, so `b.ptr` can be printed at once;
 *   - `len` bytes are used, the string may contain NULs when fed binary data;
 *   - `cap` is a size cap: an append that would make `len` exceed it fails with
 *     ERR_TOO_BIG and leaves the buffer as it was (cap 0 means no cap).
 *
 * Ownership: the caller owns the struct; buf_release() frees the memory and re-inits it,
 * buf_detach() hands the memory over to the caller (free() it) and re-inits the buffer.
 * Allocation failure exits the program (see sys.h xmalloc), so the only failure an
 * append can report is the cap.
 */
#ifndef AIOPS_BUF_H
#define AIOPS_BUF_H

#include "common.h"
#include <stdarg.h>

struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t cap;
};

extern char buf__empty[1];
#define BUF_INIT {buf__empty, 0, 0, 0}

void buf_init(struct buf *b, size_t cap);
void buf_release(struct buf *b);
/* Empty the buffer but keep its memory. */
void buf_reset(struct buf *b);
/* Returns the malloc'ed string (never NULL) and re-inits the buffer. */
char *buf_detach(struct buf *b);

/* Appenders: 0 on success, ERR_TOO_BIG past the cap. */
ATTR_WUR int buf_add(struct buf *b, const void *data, size_t len);
ATTR_WUR int buf_adds(struct buf *b, const char *s);
ATTR_WUR int buf_addch(struct buf *b, char c);
ATTR_WUR ATTR_PRINTF(2, 3) int buf_printf(struct buf *b, const char *fmt, ...);
ATTR_WUR int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/*
 * Convenience for output that is built from known-small pieces (reports, bodies):
 * appends and ignores the cap. Only use on buffers created without a cap.
 */
ATTR_PRINTF(2, 3) void buf_putf(struct buf *b, const char *fmt, ...);
void buf_puts(struct buf *b, const char *s);

/* Truncate to `len` bytes (no-op when len >= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* Remove trailing white space. */
void buf_rtrim(struct buf *b);
bool buf_ends_with(const struct buf *b, const char *suffix);

#endif
