#include "common.h"
#include "util/alloc.h"
#include "util/err.h"

#include <stdarg.h>

static ATTR_NORETURN void oom(void)
{
	fputs("aiops-agent: out of memory\n", stderr);
	exit(EXIT_DEGRADED);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		oom();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xdie("cannot format text");
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void xdie(const char *fmt, ...)
{
	va_list ap;

	fputs("aiops-agent: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_DEGRADED);
}

void *xgrow(void *p, size_t n, size_t size)
{
	if (p && n & (n - 1))
		return p; /* not a power of two: the last doubling left room */
	if (n > SIZE_MAX / 2 / size)
		xdie("out of memory (an array of %zu elements of %zu bytes)", n, size);
	return xrealloc(p, (n ? 2 * n : 1) * size);
}
