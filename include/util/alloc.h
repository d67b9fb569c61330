/*
 * alloc.h - allocation that never returns NULL: on out-of-memory it prints
 * "aiops-agent: out of memory" and exits, so error paths handle only real errors. The
 * size caps of common.h keep huge or hostile input from ever getting here.
 */
#ifndef AIOPS_ALLOC_H
#define AIOPS_ALLOC_H

#include "common.h"

/* Allocation: never returns NULL; prints "aiops-agent: out of memory" and exits. */
ATTR_MALLOC void *xmalloc(size_t n);
ATTR_MALLOC void *xcalloc(size_t nmemb, size_t size);
ATTR_NONNULL_RET void *xrealloc(void *p, size_t n);
/*
 * Room for element `n` (0-based) of an array that grows by doubling, its capacity the
 * next power of two of its length, so a million appends cost ~20 reallocations. Use
 * before writing p[n]; the array must only ever grow through it.
 */
ATTR_NONNULL_RET void *xgrow(void *p, size_t n, size_t size);
ATTR_MALLOC char *xstrdup(const char *s);
ATTR_MALLOC char *xstrndup(const char *s, size_t n);
ATTR_MALLOC ATTR_PRINTF(1, 2) char *xasprintf(const char *fmt, ...);
/* Print "aiops-agent: <msg>" and exit 1; for impossible states only. */
ATTR_NORETURN ATTR_PRINTF(1, 2) void xdie(const char *fmt, ...);

#endif
