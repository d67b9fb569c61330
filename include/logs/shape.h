/*
 * shape.h - the digest's shape cache. Private to agent/logs/.
 *
 * Lines that differ only in their digits ("took 35ms" / "took 120ms") are sanitized,
 * redacted, timestamped, classified and masked alike, so the result of the full path for
 * one of them is kept under the hash of its shape (the line with every digit read as
 * '0', hex ids and dotted numbers as one kind each; shape.c says exactly) and reused for
 * the others. Only lines the full path did not change (no secret, no binary, not cut),
 * outside stack traces, whose body is a slice of the line and whose pattern keeps no
 * digit ("http2" is not "http3") are kept; see shape_keep() in digest.c.
 */
#ifndef AIOPS_LOGS_SHAPE_H
#define AIOPS_LOGS_SHAPE_H

#include "common.h"

#define SHAPES_MAX (1u << 19)        /* cache slots: 8 MiB */
#define SHAPE_CLEAN (UINT32_MAX - 8) /* a shape known only to need no sanitizing or redaction */

struct shape {
	uint64_t key;      /* 0: empty slot */
	uint32_t tmpl;     /* template (through template_find()), SHAPE_CLEAN or DIGEST_ID_BLANK */
	uint8_t ts_off, ts_len;
	uint8_t level;
	uint8_t ci;    /* what the text after the time stamp is to ci.h: CI_SHAPE_* bits */
}; /* 16 bytes */

struct shapes {
	struct shape *v;
	size_t cap, used;
};

/*
 * The hash of the shape of the `n` bytes at `s` (n <= LOG_LINE_MAX), 0 for a line that
 * must go without one (control characters, a Bearer/Basic value with a dotted number).
 * `scratch` holds LOG_LINE_MAX + 16 bytes.
 */
uint64_t shape_hash(char *scratch, const char *s, size_t n);

/* The cached shape under `key`, or NULL. Inline: it runs once per input line. */
static inline const struct shape *shape_get(const struct shapes *t, uint64_t key)
{
	if (!t->cap)
		return NULL;
	for (size_t i = key & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (t->v[i].key == key)
			return &t->v[i];
		if (!t->v[i].key)
			return NULL;
	}
}

/* Keep `e` (a copy); past SHAPES_MAX slots nothing new is kept. */
void shape_put(struct shapes *t, const struct shape *e);

#endif
