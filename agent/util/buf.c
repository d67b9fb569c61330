#include "common.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/alloc.h"

#include <ctype.h>

char buf__empty[1];

void buf_init(struct buf *b, size_t cap)
{
	b->ptr = buf__empty;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
}

void buf_release(struct buf *b)
{
	size_t cap = b->cap;

	if (b->alloc)
		free(b->ptr);
	buf_init(b, cap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->ptr[0] = '\0';
}

char *buf_detach(struct buf *b)
{
	char *out = b->alloc ? b->ptr : xstrdup("");

	buf_init(b, b->cap);
	return out;
}

static int grow(struct buf *b, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX - b->len - 1 || (b->cap && b->len + extra > b->cap))
		return err_set(ERR_TOO_BIG, "buffer exceeds its limit of %zu bytes", b->cap);
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return 0;
	if (want < 64)
		want = 64;
	if (want < b->alloc + b->alloc / 2)
		want = b->alloc + b->alloc / 2;
	if (b->alloc) {
		b->ptr = xrealloc(b->ptr, want);
	} else {
		b->ptr = xmalloc(want);
		b->ptr[0] = '\0';
	}
	b->alloc = want;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	int error;

	if ((error = grow(b, len)) < 0)
		return error;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	if (b->alloc)
		b->ptr[b->len] = '\0';
	return 0;
}

int buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addch(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	int error;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return err_set(ERR_FAIL, "cannot format text");
	if ((error = grow(b, (size_t)n)) < 0)
		return error;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return error;
}

void buf_putf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(b, fmt, ap) < 0)
		xdie("internal error: uncapped buffer refused an append");
	va_end(ap);
}

void buf_puts(struct buf *b, const char *s)
{
	if (buf_adds(b, s) < 0)
		xdie("internal error: uncapped buffer refused an append");
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

void buf_rtrim(struct buf *b)
{
	while (b->len && isspace((unsigned char)b->ptr[b->len - 1]))
		b->len--;
	if (b->alloc)
		b->ptr[b->len] = '\0';
}

bool buf_ends_with(const struct buf *b, const char *suffix)
{
	size_t n = strlen(suffix);

	return b->len >= n && memcmp(b->ptr + b->len - n, suffix, n) == 0;
}
