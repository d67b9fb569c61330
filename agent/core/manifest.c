#include "common.h"
#include "core/manifest.h"
#include "core/incident.h"
#include "io/github.h"
#include "io/yamlio.h"
#include "util/err.h"
#include "util/sys.h"
#include "util/text.h"

#include <math.h>
#include <strings.h>

#define MAX_MEMORY_MI 8192
#define MAX_REPLICAS 20

/* Quantity suffixes in Mi (binary and decimal, as Kubernetes reads them). */
static const struct {
	const char *suffix;
	double mi;
} units[] = {
	{"Ki", 1.0 / 1024}, {"Mi", 1}, {"Gi", 1024}, {"Ti", 1048576}, {"k", 1e3 / 1048576},
	{"K", 1e3 / 1048576}, {"M", 1e6 / 1048576}, {"G", 1e9 / 1048576}, {"T", 1e12 / 1048576},
	{"", 1.0 / 1048576},
};

long manifest_mebibytes(const char *q)
{
	char *end;
	double n = q ? strtod(q, &end) : 0;

	if (!q || end == q || n <= 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (!strcmp(end, units[i].suffix))
			return (long)ceil(n * units[i].mi);
	return -1;
}

/* One value to put in place of another. */
struct edit {
	size_t start, end, line;
	char *text;
};

/* The document of `kind` named like the service, else the file's only one of that kind. */
static int pick_document(const struct yamlio_scalar *v, size_t n, const char *kind, const char *service)
{
	int found = 0, count = 0;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].path, "kind") || strcmp(v[i].value, kind))
			continue;
		count++;
		found = found ? found : v[i].document;
		for (size_t k = 0; k < n; k++)
			if (v[k].document == v[i].document && !strcmp(v[k].path, "metadata.name") &&
			    service && !strcasecmp(v[k].value, service))
				return v[i].document;
	}
	return count == 1 ? found : 0;
}

static const struct yamlio_scalar *at(const struct yamlio_scalar *v, size_t n, int doc, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].document == doc && !strcmp(v[i].path, path))
			return &v[i];
	return NULL;
}

static bool raise_memory(struct edit *e, const struct yamlio_scalar *s, struct buf *what)
{
	long old = s ? manifest_mebibytes(s->value) : -1, new = old * 3 / 2;

	if (old <= 0)
		return false;
	if (new > MAX_MEMORY_MI)
		new = MAX_MEMORY_MI;
	if (new <= old)
		return false;
	*e = (struct edit){s->start, s->end, s->line, xasprintf("%ldMi", new)};
	buf_putf(what, "%s%s %s -> %ldMi", what->len ? ", " : "", strstr(s->path, "limits") ? "memory limit" :
		 "memory request", s->value, new);
	return true;
}

static bool raise_replicas(struct edit *e, const struct yamlio_scalar *s, struct buf *what)
{
	long old = s ? strtol(s->value, NULL, 10) : 0, new = old * 2;

	if (old <= 0)
		return false;
	if (new > MAX_REPLICAS)
		new = MAX_REPLICAS;
	if (new <= old)
		return false;
	*e = (struct edit){s->start, s->end, s->line, xasprintf("%ld", new)};
	buf_putf(what, "maxReplicas %ld -> %ld", old, new);
	return true;
}

/* The edits `action` makes in one parsed file; how many. */
static size_t plan_edits(struct edit *e, struct buf *what, const struct yamlio_scalar *v, size_t n,
			 const char *action, const char *service)
{
	static const char *const memory[] = {
		"spec.template.spec.containers.0.resources.limits.memory",
		"spec.template.spec.containers.0.resources.requests.memory",
	};
	size_t k = 0;
	int doc;

	if (!strcmp(action, "raise-memory-limit") && (doc = pick_document(v, n, "Deployment", service))) {
		if (raise_memory(&e[k], at(v, n, doc, memory[0]), what)) {
			k++;
			k += raise_memory(&e[k], at(v, n, doc, memory[1]), what);
		}
	} else if (!strcmp(action, "restart-and-scale-out") &&
		   (doc = pick_document(v, n, "HorizontalPodAutoscaler", service))) {
		k += raise_replicas(&e[k], at(v, n, doc, "spec.maxReplicas"), what);
	}
	return k;
}

/* A unified diff of `old` and `new`, which differ only on the edited lines (same line count). */
static void line_diff(struct buf *out, const char *path, const char *old, const char *new, size_t first,
		      size_t last)
{
	size_t from = first > 3 ? first - 3 : 0, to = last + 3, nlines = 0, line = 0;
	const char *a = old, *b = new, *la, *lb;
	size_t na, nb;
	struct buf body = BUF_INIT;

	while (text_next_line(&a, &la, &na) && text_next_line(&b, &lb, &nb)) {
		if (line >= from && line <= to) {
			if (na == nb && !memcmp(la, lb, na)) {
				buf_putf(&body, " %.*s\n", (int)na, la);
			} else {
				buf_putf(&body, "-%.*s\n", (int)na, la);
				buf_putf(&body, "+%.*s\n", (int)nb, lb);
			}
			nlines++;
		}
		line++;
	}
	to = from + nlines;
	buf_putf(out, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -%zu,%zu +%zu,%zu @@\n%s", path, path,
		 path, path, from + 1, to - from, from + 1, to - from, body.ptr ? body.ptr : "");
	buf_release(&body);
}

/* Apply `e` (in text order) to `text`; a new string. */
static char *apply_edits(const char *text, struct edit *e, size_t k)
{
	struct buf b = BUF_INIT;
	size_t pos = 0;

	for (size_t i = 0; i < k; i++) {
		buf_putf(&b, "%.*s%s", (int)(e[i].start - pos), text + pos, e[i].text);
		pos = e[i].end;
	}
	buf_puts(&b, text + pos);
	return buf_detach(&b);
}

static bool manifest_path(const char *path)
{
	return (text_ends_with_ci(path, ".yaml") || text_ends_with_ci(path, ".yml")) &&
	       strncmp(path, ".github/", 8) != 0;
}

int manifest_change(struct buf *diff, char **what, const struct evidence *ev, const char *action)
{
	struct buf said = BUF_INIT;

	*what = NULL;
	for (size_t i = 0; action && i < ev->nfiles && !diff->len; i++) {
		struct buf text = BUF_INIT;
		struct yamlio_scalar *v = NULL;
		struct edit e[2] = {{0}};
		size_t n = 0, k = 0;

		if (!manifest_path(ev->files[i]) || ev->gh->ops->read_file(&text, ev->gh, ev->files[i]) < 0 ||
		    !text.ptr || yamlio_scalars(&v, &n, text.ptr, text.len, ev->files[i]) < 0) {
			err_clear(); /* a file that is not a manifest, or not YAML, is no manifest */
			buf_release(&text);
			continue;
		}
		if ((k = plan_edits(e, &said, v, n, action, ev->inc->service)) > 0) {
			char *changed = apply_edits(text.ptr, e, k);

			line_diff(diff, ev->files[i], text.ptr, changed, e[0].line, e[k - 1].line);
			buf_putf(&said, " in %s", ev->files[i]);
			free(changed);
		}
		for (size_t j = 0; j < k; j++)
			free(e[j].text);
		yamlio_scalars_free(v, n);
		buf_release(&text);
	}
	if (said.len && diff->len)
		*what = buf_detach(&said);
	buf_release(&said);
	return 0;
}
