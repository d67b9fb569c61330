#include "common.h"
#include "util/settings.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

/* Sorted by name: "NAME=VALUE" copies. */
static char **vars;
static size_t nvars;

static int by_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
	int c = strncmp(x, y, nx < ny ? nx : ny);

	return c ? c : (nx > ny) - (nx < ny);
}

void settings_release(void)
{
	for (size_t i = 0; i < nvars; i++)
		free(vars[i]);
	free(vars);
	vars = NULL;
	nvars = 0;
}

void settings_snapshot(char *const *envp)
{
	size_t n = 0;

	settings_release();
	while (envp && envp[n])
		n++;
	vars = xcalloc(n + 1, sizeof(*vars));
	for (size_t i = 0; i < n; i++)
		if (strchr(envp[i], '='))
			vars[nvars++] = xstrdup(envp[i]);
	qsort(vars, nvars, sizeof(*vars), by_name);
}

const char *settings_get(const char *name)
{
	size_t lo = 0, hi = nvars, n = strlen(name);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *v = vars[mid];
		size_t vn = strcspn(v, "=");
		int c = strncmp(v, name, vn < n ? vn : n);

		if (!c)
			c = (vn > n) - (vn < n);
		if (!c)
			return v[vn + 1] ? v + vn + 1 : NULL;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
