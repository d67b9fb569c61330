/*
 * fuzz.c - the temporary folder and small helpers of the harnesses (fuzz.h).
 */
#include "common.h"
#include "fuzz.h"
#include "util/alloc.h"
#include "util/sys.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static char *tmpdir;

static void remove_tmpdir(void)
{
	if (tmpdir)
		sys_discard_tree(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
}

const char *fuzz_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	size_t n;

	if (tmpdir)
		return tmpdir;
	if (!base || !*base)
		base = "/tmp";
	n = strlen(base) + sizeof("/aiops-fuzz-XXXXXX");
	tmpdir = xmalloc(n);
	snprintf(tmpdir, n, "%s/aiops-fuzz-XXXXXX", base);
	if (!mkdtemp(tmpdir))
		fuzz_fail("cannot make a temporary folder under '%s'", base);
	atexit(remove_tmpdir);
	return tmpdir;
}

char *fuzz_path(const char *name)
{
	return sys_path_join(fuzz_tmpdir(), name);
}

/* Plain stdio, not sys_write_file: its fsync would make every input cost a disk flush. */
void fuzz_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
		fuzz_fail("cannot write '%s'", path);
}

char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
