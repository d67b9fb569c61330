#include "common.h"
#include "core/blame.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/pathkind.h"
#include "util/sys.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

/* ---- evidence from the digest ---- */

static const char *const library_prefixes[] = {
	"java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "org.springframework.",
	"org.hibernate.", "org.apache.", "org.eclipse.", "com.zaxxer.", "io.netty.",
	"org.postgresql.", "com.mysql.", "com.microsoft.sqlserver.", "com.fasterxml.",
	"reactor.", "kotlin.", "kotlinx.", "scala.", "io.micrometer.", "ch.qos.", "org.slf4j.",
	"io.undertow.", "org.junit.", "com.google.", "okhttp3.", "io.grpc.", "org.glassfish.",
	"net.bytebuddy.", "org.aspectj.", "io.opentelemetry.", "com.azure.", "com.amazonaws.",
	"software.amazon.", "runtime.", "net/http.", "net.", "syscall.", "reflect.",
	"internal/", "node:", "<anonymous>",
};

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The package directory after `marker` in a path, e.g. site-packages/<pkg>/... */
static bool package_after(const char *frame, const char *marker, const char **start, size_t *len)
{
	const char *p = strstr(frame, marker);
	size_t n = 0;

	if (!p)
		return false;
	p += strlen(marker);
	if (*p == '@') { /* node_modules/@scope/name */
		const char *slash = strchr(p, '/');

		if (!slash)
			return false;
		p = slash + 1;
	}
	while (p[n] && p[n] != '/' && p[n] != '@' && p[n] != '"' && p[n] != ')')
		n++;
	*start = p;
	*len = n;
	return n > 0;
}

/* github.com/org/name@v1.2.3/x.go -> "name" */
static bool go_module_name(const char *frame, const char **start, size_t *len)
{
	const char *p = strstr(frame, "/pkg/mod/");
	const char *at, *name;

	if (!p || !(at = strchr(p, '@')))
		return false;
	name = at;
	while (name > p && name[-1] != '/')
		name--;
	*start = name;
	*len = (size_t)(at - name);
	return *len > 0;
}

/* A frame's method on a JDK dynamic proxy ("$Proxy187.findByName(...)") is the app's. */
static void add_proxy_method(struct terms *t, const char *f, double weight)
{
	const char *p = strstr(f, "$Proxy"), *dot, *paren;

	if (!p || !(dot = strchr(p, '.')) || !(paren = strchr(dot, '(')))
		return;
	terms_add_text(t, dot + 1, (size_t)(paren - dot - 1), weight);
}

/* Add a frame's names; true when it is a frame of the application's own code. */
static bool add_frame(struct terms *t, const char *frame, double weight)
{
	const char *f = skip_space(frame);
	const char *pkg;
	size_t len;

	if (!strncmp(f, "at ", 3))
		f = skip_space(f + 3);
	if (f[0] == '#' && f[1] >= '0' && f[1] <= '9') /* "#3 /app/x.php(20): f()" */
		f = skip_space(f + 1 + strspn(f + 1, "0123456789"));
	/* Installed packages: only the package's name is evidence (a dependency). */
	if (go_module_name(f, &pkg, &len) || package_after(f, "site-packages/", &pkg, &len) ||
	    package_after(f, "dist-packages/", &pkg, &len) ||
	    package_after(f, "node_modules/", &pkg, &len)) {
		terms_add_text(t, pkg, len, 0.8);
		terms_add(t, pkg, len, 0.8);
		return false;
	}
	add_proxy_method(t, f, weight);
	if (strstr(f, "/usr/local/go/src/") || strstr(f, "/usr/lib/go") || strstr(f, "/lib/python") ||
	    strstr(f, "/vendor/") || strstr(f, "<frozen ") || strstr(f, "/gems/"))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(library_prefixes); i++)
		if (!strncmp(f, library_prefixes[i], strlen(library_prefixes[i])))
			return false;
	if (strstr(f, "(Native Method)") || strstr(f, "$$"))
		return false;
	terms_add_text(t, f, strlen(f), weight);
	return true;
}

/* A Java/Kotlin frame "com.acme.Order.place(Order.java:42)": the path its class stands for. */
static void jvm_path(struct frame_location *loc, const char *f, const char *paren)
{
	const char *start = paren, *dot = NULL;
	size_t stem = strcspn(loc->file, "."), n;

	while (start > f && !strchr(" \t", start[-1]))
		start--;
	for (const char *p = start; p < paren; p++)
		if (*p == '.')
			dot = p; /* before the method */
	if (!dot)
		return;
	for (const char *p = start; p < dot; p++)
		if (*p == '$') {
			dot = p; /* an inner class lives in its outer class's file */
			break;
		}
	n = (size_t)(dot - start);
	if (n < stem || strncmp(dot - stem, loc->file, stem) || (n > stem && dot[-(long)stem - 1] != '.'))
		return;
	if (n - stem + strlen(loc->file) >= sizeof(loc->path))
		return;
	memcpy(loc->path, start, n - stem);
	for (size_t i = 0; i < n - stem; i++)
		if (loc->path[i] == '.')
			loc->path[i] = '/';
	memcpy(loc->path + (n - stem), loc->file, strlen(loc->file) + 1); /* fits: checked above */
}

/* "(20):" after a file name: PHP's "x.php(20): f()", not a call's "money(1048362)". */
static bool numbered_paren(const char *p)
{
	p++;
	while (*p >= '0' && *p <= '9')
		p++;
	return p[0] == ')' && p[1] == ':';
}

/*
 * The file and line a frame points at: "(Foo.java:42)", "File \"/app/x.py\", line 42",
 * "/app/x.go:42 +0x1d", "(/app/x.js:42:7)", ".NET "in /src/X.cs:line 42", "#3 x.php(42)".
 */
static bool frame_location(const char *f, struct frame_location *loc)
{
	const char *py = strstr(f, "File \""), *net = strstr(f, ":line "), *p, *end = NULL, *start;

	if (py && (p = strstr(py + 6, "\", line "))) {
		start = py + 6;
		end = p;
		loc->line = (int)strtol(p + 8, NULL, 10);
	} else if (net && (start = strstr(f, " in ")) && start < net) {
		start += 4;
		end = net;
		loc->line = (int)strtol(net + 6, NULL, 10);
	} else {
		for (p = f; *p; p++)
			if ((*p == ':' || (*p == '(' && numbered_paren(p))) && p[1] >= '0' && p[1] <= '9' &&
			    p > f && p[-1] != ':')
				end = p;
		if (!end)
			return false;
		for (p = end; p > f && p[-1] >= '0' && p[-1] <= '9'; p--)
			;
		if (p < end && p > f && p[-1] == ':')
			end = p - 1; /* "file:line:col": the line is the first number */
		loc->line = (int)strtol(end + 1, NULL, 10);
		start = end;
		while (start > f && !strchr("( \t\"'", start[-1]))
			start--;
	}
	if (end <= start || (size_t)(end - start) >= sizeof(loc->path) || loc->line <= 0)
		return false;
	memcpy(loc->path, start, (size_t)(end - start));
	loc->path[end - start] = '\0';
	snprintf(loc->file, sizeof(loc->file), "%s", sys_basename(loc->path));
	if (!strchr(loc->file, '.'))
		return false;
	if (!strchr(loc->path, '/') && (p = strchr(f, '(')) && p < start)
		jvm_path(loc, f, p);
	return true;
}

/* The alert's own names say where, not what: they are not evidence. */
static void remove_name(struct terms *t, const char *name)
{
	size_t *slot;

	if (!name || !*name || !t->nslots)
		return;
	slot = terms_slot(t, name, strlen(name));
	if (*slot)
		t->weight[*slot - 1] = 0;
}

/* Frames nearer the error say more: the first application frame counts whole, later ones less. */
static double frame_weight(size_t app_index)
{
	return app_index < 5 ? 1.0 - 0.1 * (double)app_index : 0.5;
}

void blame_evidence_terms(struct terms *out, const struct digest *d, const struct incident *inc)
{
	for (size_t i = 0; i < d->ntemplates; i++) {
		const struct digest_template *tp = &d->templates[i];
		double w = tp->level == DIGEST_ERROR ? 1.0 : tp->level == DIGEST_WARN ? 0.5 : 0;

		if (w > 0)
			terms_add_text(out, tp->example, strlen(tp->example), w);
	}
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *tr = &d->traces[i];
		size_t app = 0;

		terms_add_text(out, tr->headline, strlen(tr->headline), 1.0);
		for (size_t k = 0; k < tr->nframes; k++) {
			const char *f = skip_space(tr->frames[k]);

			/* "Caused by: x.y.Z: message" lines carry messages, not frames. */
			if (!strncmp(f, "Caused by:", 10))
				terms_add_text(out, f + 10, strlen(f + 10), 1.0);
			else if (add_frame(out, f, frame_weight(app)))
				app++;
		}
	}
	if (inc) {
		remove_name(out, inc->service);
		remove_name(out, inc->environment);
		remove_name(out, json_string_value(json_object_get(inc->labels, "namespace")));
	}
}

/* Is frame `f` the application's own code (not a library, runtime or installed package)? */
static bool app_frame(const char *f)
{
	struct terms scratch = TERMS_INIT;
	bool mine;

	f = skip_space(f);
	mine = strncmp(f, "Caused by:", 10) && add_frame(&scratch, f, 1.0);
	terms_release(&scratch);
	return mine;
}

struct frame_location *blame_trace_locations(size_t *count, const struct digest *d)
{
	struct frame_location *locs = NULL;
	size_t n = 0, alloc = 0;

	for (size_t i = 0; i < d->ntraces; i++) {
		size_t app = 0;

		for (size_t k = 0; k < d->traces[i].nframes; k++) {
			const char *f = skip_space(d->traces[i].frames[k]);

			if (!app_frame(f))
				continue;
			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				locs = xrealloc(locs, alloc * sizeof(*locs));
			}
			memset(&locs[n], 0, sizeof(locs[n]));
			if (frame_location(f, &locs[n])) {
				locs[n].weight = frame_weight(app);
				n++;
			}
			app++;
		}
	}
	*count = n;
	return locs;
}

/* ---- cross-path consistency ---- */

/* A headline as the same error reads on every path: a leading "[time]" dropped, numbers as '#'. */
static void error_key(const char *headline, char *out, size_t size)
{
	const char *h = headline;
	size_t n = 0;

	if (*h == '[' && strchr(h, ']'))
		h = skip_space(strchr(h, ']') + 1);
	for (; *h && n + 1 < size && n < 160; h++)
		if (!isdigit((unsigned char)*h))
			out[n++] = *h;
		else if (!n || out[n - 1] != '#')
			out[n++] = '#'; /* a number of any length */
	out[n] = '\0';
}

/* The application frames of a trace, as locations (a new array; free()). */
static struct frame_location *app_locations(const struct digest_trace *tr, size_t *count)
{
	struct frame_location *v = xcalloc(tr->nframes + 1, sizeof(*v));
	size_t n = 0;

	for (size_t k = 0; k < tr->nframes; k++) {
		const char *f = skip_space(tr->frames[k]);

		if (app_frame(f) && frame_location(f, &v[n]))
			n++;
	}
	*count = n;
	return v;
}

static bool pull_touches(const struct pull *p, const struct frame_location *loc)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		if (p->patch.files[i].new_path && pull_frame_matches(loc, p->patch.files[i].new_path))
			return true;
	return false;
}

/* Each trace of a digest read once: its error key and its application frames. */
struct trace_paths {
	char key[192];
	struct frame_location *locs;
	size_t n;
};

static struct trace_paths *traces_read(const struct digest *d)
{
	struct trace_paths *tp = xcalloc(d->ntraces + 1, sizeof(*tp));

	for (size_t i = 0; i < d->ntraces; i++) {
		error_key(d->traces[i].headline, tp[i].key, sizeof(tp[i].key));
		tp[i].locs = app_locations(&d->traces[i], &tp[i].n);
	}
	return tp;
}

static void traces_free(struct trace_paths *tp, size_t n)
{
	for (size_t i = 0; tp && i < n; i++)
		free(tp[i].locs);
	free(tp);
}

static bool trace_has_file(const struct trace_paths *t, const struct frame_location *loc)
{
	for (size_t k = 0; k < t->n; k++)
		if (!strcmp(t->locs[k].path, loc->path))
			return true;
	return false;
}

static bool trace_touched(const struct trace_paths *t, const struct pull *p)
{
	for (size_t k = 0; k < t->n; k++)
		if (pull_touches(p, &t->locs[k]))
			return true;
	return false;
}

/*
 * An error that shows under several entry points is caused by something they share: when
 * three or more traces of the same error all run through some file of the application
 * and a pull request touches none of those shared files but the frames of fewer than
 * half of the traces, it changed where the failure surfaced on some paths: a victim of
 * the shared cause, not the cause.
 */
static bool confined_to_one_path(const struct pull *p, const struct trace_paths *tp, size_t ntraces)
{
	for (size_t i = 0; i < ntraces; i++) {
		size_t same = 0, touched = 0;
		bool shared = false, shared_touched = false;

		for (size_t j = 0; j < ntraces; j++)
			if (!strcmp(tp[i].key, tp[j].key)) {
				same++;
				touched += trace_touched(&tp[j], p);
			}
		if (same < 3 || !touched || touched * 2 >= same)
			continue;
		for (size_t k = 0; k < tp[i].n; k++) {
			bool everywhere = true;

			for (size_t j = 0; everywhere && j < ntraces; j++)
				everywhere = strcmp(tp[i].key, tp[j].key) || trace_has_file(&tp[j], &tp[i].locs[k]);
			shared |= everywhere;
			shared_touched |= everywhere && pull_touches(p, &tp[i].locs[k]);
		}
		if (shared && !shared_touched)
			return true;
	}
	return false;
}


/*
 * The installed packages the failure happens in: site-packages, node_modules and Go
 * modules among the frames below the application's own (after its last frame in a
 * Python traceback, before its first in the others). A framework that merely runs the
 * code (a task runner, a web server at the bottom of every trace) is not where the
 * failure is.
 */
static void trace_packages(struct terms *out, const struct digest *d)
{
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *tr = &d->traces[i];
		bool python = tr->nframes && strstr(tr->frames[0], "File \"");
		size_t from = 0, to = tr->nframes;

		for (size_t k = 0; k < tr->nframes; k++)
			if (app_frame(tr->frames[k])) {
				if (python)
					from = k + 1;
				else if (to == tr->nframes)
					to = k;
			}
		for (size_t k = from; k < to; k++) {
			const char *f = tr->frames[k], *pkg;
			size_t len;
			char low[128];

			if (!go_module_name(f, &pkg, &len) && !package_after(f, "site-packages/", &pkg, &len) &&
			    !package_after(f, "dist-packages/", &pkg, &len) &&
			    !package_after(f, "node_modules/", &pkg, &len))
				continue;
			if (len >= sizeof(low))
				continue;
			for (size_t c = 0; c < len; c++)
				low[c] = (char)tolower((unsigned char)pkg[c]);
			terms_add(out, low, len, 1.0);
		}
	}
}

static bool has_version_number(const char *s, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++)
		if (isdigit((unsigned char)s[i]) && s[i + 1] == '.' && isdigit((unsigned char)s[i + 2]))
			return true;
	return false;
}

/*
 * A pull request that changes the version of a package the failing code runs through
 * is as good as one that changed the failing line: 1.5 per such package.
 */
static double dependency_hits(const struct pull *p, const struct terms *pkgs, struct buf *what)
{
	struct terms seen = TERMS_INIT;
	double total = 0;

	for (size_t i = 0; pkgs->n && i < p->patch.nfiles; i++) {
		const struct patch_file *f = &p->patch.files[i];

		if (!pathkind_is_manifest(patch_file_path(f)))
			continue;
		for (size_t h = 0; h < f->nhunks; h++) {
			const char *cur = f->hunks[h].body;

			while (*cur) {
				const char *nl = strchr(cur, '\n');
				size_t len = nl ? (size_t)(nl - cur) : strlen(cur);

				if ((*cur == '+' || *cur == '-') && has_version_number(cur, len)) {
					char *low = xstrndup(cur + 1, len - 1);
					struct terms names = TERMS_INIT;

					for (char *c = low; *c; c++)
						*c = (char)tolower((unsigned char)*c);
					terms_add_text(&names, low, strlen(low), 1.0);
					for (size_t k = 0; k < names.n; k++)
						if (terms_weight(pkgs, names.text[k]) > 0 &&
						    terms_weight(&seen, names.text[k]) == 0) {
							terms_add(&seen, names.text[k], strlen(names.text[k]), 1.0);
							total += 1.5;
							if (!what->len)
								buf_putf(what, "the version of %s, which the failing code "
									 "runs through", names.text[k]);
						}
					terms_release(&names);
					free(low);
				}
				cur += len + (nl ? 1 : 0);
			}
		}
	}
	terms_release(&seen);
	return total;
}

/*
 * How strongly a pull request changed the lines the stack frames point at: a frame on a
 * line the pull request added counts 1.5, a frame inside one of its hunks 0.6. Each
 * location counts once.
 */
static double line_hits(const struct pull *p, const struct frame_location *locs, size_t nlocs,
			struct buf *where)
{
	double total = 0;

	for (size_t l = 0; l < nlocs; l++) {
		double best = 0;

		for (size_t i = 0; i < p->patch.nfiles; i++) {
			const struct patch_file *f = &p->patch.files[i];

			if (!f->new_path || strcmp(sys_basename(f->new_path), locs[l].file))
				continue;
			for (size_t h = 0; h < f->nhunks; h++) {
				const struct patch_hunk *hk = &f->hunks[h];
				const char *cur = hk->body;
				int line = hk->new_start;

				if (locs[l].line < hk->new_start || locs[l].line >= hk->new_start + hk->new_lines)
					continue;
				if (best < 0.6)
					best = 0.6;
				while (*cur) {
					const char *nl = strchr(cur, '\n');

					if (*cur == '+' && line == locs[l].line)
						best = 1.5;
					if (*cur == '+' || *cur == ' ')
						line++;
					if (!nl)
						break;
					cur = nl + 1;
				}
			}
		}
		if (best > 0) {
			total += best * locs[l].weight;
			if (!where->len)
				buf_putf(where, "%s:%d", locs[l].file, locs[l].line);
		}
	}
	return total;
}

/* ---- scoring ---- */

/* The terms a pull request's diff touches: changed lines, paths, hunk section headers. */
static void diff_terms(struct terms *out, const struct pull *p)
{
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const struct patch_file *f = &p->patch.files[i];
		const char *path = patch_file_path(f);
		double w = pathkind_is_test_or_doc(path) ? 0.3 : 1.0;

		terms_add_text(out, path, strlen(path), w);
		for (size_t h = 0; h < f->nhunks; h++) {
			const struct patch_hunk *hk = &f->hunks[h];
			const char *line = hk->body;

			terms_add_text(out, hk->section, strlen(hk->section), 0.7 * w);
			while (*line) {
				const char *nl = strchr(line, '\n');
				size_t len = nl ? (size_t)(nl - line) : strlen(line);

				if (*line == '+' || *line == '-')
					terms_add_text(out, line + 1, len - 1, w);
				line += len + (nl ? 1 : 0);
			}
		}
	}
	terms_add_text(out, p->meta.title, strlen(p->meta.title), 0.5);
}

/*
 * In a repository of several services, a change under the alerting service's folder is
 * likelier the cause: 1.15 when a changed path names the service (without a suffix such
 * as -service or -api), else 1.
 */
static double service_factor(const struct pull *p, const char *service)
{
	static const char *const suffixes[] = {"-service", "-api", "-srv", "-svc", "-app", "-server"};
	char name[128];
	size_t n;

	if (!service || (n = strlen(service)) >= sizeof(name) || n < 3)
		return 1.0;
	for (size_t i = 0; i < n; i++)
		name[i] = (char)tolower((unsigned char)service[i]);
	name[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
		size_t m = strlen(suffixes[i]);

		if (n > m + 2 && !strcmp(name + n - m, suffixes[i])) {
			name[n - m] = '\0';
			break;
		}
	}
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);
		size_t len = strlen(path), k = strlen(name);

		for (size_t j = 0; j + k <= len; j++)
			if (!strncasecmp(path + j, name, k))
				return 1.15;
	}
	return 1.0;
}

struct ranked_term {
	const char *text;
	double value;
};

static int by_value_desc(const void *a, const void *b)
{
	const struct ranked_term *x = a, *y = b;

	return (x->value < y->value) - (x->value > y->value);
}

/* Best first; equal scores go to the change that reached production closer to the onset. */
static int by_score_desc(const void *a, const void *b)
{
	const struct suspect *x = a, *y = b;

	if (x->score != y->score)
		return (x->score < y->score) - (x->score > y->score);
	if (x->effective != y->effective)
		return (x->effective < y->effective) - (x->effective > y->effective);
	return (x->causal < y->causal) - (x->causal > y->causal);
}

static void describe_age(struct buf *b, double seconds)
{
	if (seconds < 3600)
		buf_putf(b, "%.0f min", seconds / 60);
	else if (seconds < 2 * 86400)
		buf_putf(b, "%.1f h", seconds / 3600);
	else
		buf_putf(b, "%.1f days", seconds / 86400);
}

/* Recent changes are likelier causes; a week-old merge counts a quarter as much. */
static double time_factor(double age)
{
	const double window = 72 * 3600.0;

	if (age <= window)
		return 1.0;
	return 1.0 / (1.0 + 1.5 * (age - window) / window);
}

/*
 * How rare each evidence term is among the candidates' changes (1: one pull request
 * touches it, 0: all do); the same for every suspect, so worked out once per ranking.
 */
static double *term_rarity(const struct blame_input *in, const struct terms *evidence,
			   const struct terms *touched, size_t candidates)
{
	double *idf = xcalloc(evidence->n + 1, sizeof(*idf));

	for (size_t k = 0; k < evidence->n; k++) {
		size_t df = 0;

		if (evidence->weight[k] <= 0)
			continue;
		for (size_t j = 0; j < in->npulls; j++)
			if ((!in->inc || in->pulls[j].meta.merged_at <= in->inc->fired_at) &&
			    terms_weight(&touched[j], evidence->text[k]) > 0)
				df++;
		idf[k] = log((double)(candidates + 1) / (double)(df ? df : 1)) / log((double)candidates + 1.0);
	}
	return idf;
}

/* The association score of one pull request: shared rare terms, changed frame lines. */
static double association(struct suspect *s, const struct blame_input *in, const struct terms *evidence,
			  const struct terms *touched, const double *idf, const struct frame_location *locs,
			  size_t nlocs, struct buf *where)
{
	const struct pull *p = &in->pulls[s->pull];
	struct ranked_term *hits = xcalloc(evidence->n + 1, sizeof(*hits));
	size_t nhits = 0;
	double raw = 0;

	for (size_t k = 0; k < evidence->n; k++) {
		double we = evidence->weight[k], wd;

		if (we <= 0 || (wd = terms_weight(&touched[s->pull], evidence->text[k])) <= 0)
			continue;
		hits[nhits].text = evidence->text[k];
		hits[nhits].value = we * (wd < 1.0 ? wd : 1.0) * idf[k];
		raw += hits[nhits++].value;
	}
	raw += line_hits(p, locs, nlocs, where);
	qsort(hits, nhits, sizeof(*hits), by_value_desc);
	s->matched = xcalloc(nhits + 1, sizeof(char *));
	for (size_t k = 0; k < nhits && hits[k].value > 0.05; k++)
		s->matched[s->nmatched++] = xstrdup(hits[k].text);
	free(hits);
	return raw;
}

/* When the pull request reached production, and whether it can be the cause at all. */
static void place_in_time(struct suspect *s, const struct blame_input *in)
{
	const struct pull *p = &in->pulls[s->pull];
	time_t deployed = in->deployed ? in->deployed[s->pull] : 0;
	time_t onset = in->onset ? in->onset : in->inc ? in->inc->fired_at : 0;

	s->effective = deployed > 0 ? deployed : p->meta.merged_at;
	s->not_deployed = deployed < 0;
	s->after_alert = in->inc && (p->meta.merged_at > in->inc->fired_at ||
				     (onset && p->meta.merged_at > onset) || (deployed > 0 && onset && deployed > onset));
}

static void explain(struct suspect *s, const struct blame_input *in, const char *where, const char *dependency)
{
	const struct pull *p = &in->pulls[s->pull];
	double age = in->inc ? difftime(in->inc->fired_at, s->effective) : 0;
	struct buf why = BUF_INIT;

	if (s->not_deployed) {
		buf_puts(&why, "no deployment shipped it before the failure, so it cannot be the cause");
	} else if (s->after_alert) {
		buf_puts(&why, "merged after the failure began, so it cannot be the cause");
	} else {
		for (size_t k = 0; k < s->causes.n; k++)
			buf_putf(&why, "%s%s", k ? "; " : "it ", s->causes.v[k].detail);
		if (dependency[0])
			buf_putf(&why, "%sit changes %s", why.len ? "; " : "", dependency);
		if (s->victim)
			buf_putf(&why, "%sthe same error shows under other entry points its changes do not touch",
				 why.len ? "; " : "");
		if (!why.len && where[0])
			buf_putf(&why, "it edits %s, where the stack trace fails, but not in a way that "
				 "produces the failure", where);
		for (size_t k = 0; k < s->nmatched && k < 4; k++)
			buf_putf(&why, "%s%s", k ? ", " : why.len ? "; it shares the names " : "it shares the names ",
				 s->matched[k]);
		if (!why.len)
			buf_puts(&why, "nothing in the errors or stack frames points at its changes");
		buf_puts(&why, p->meta.merged_at == s->effective ? "; merged " : "; deployed ");
		describe_age(&why, age);
		buf_puts(&why, " before the alert");
	}
	s->why = buf_detach(&why);
}

/*
 * How much an immediate cause (causal.h) still says after the change ran for a while
 * before the failure began: halved after immediate_hours in production (tuning.h), a
 * capacity limit only after capacity_hours, since load may come much later.
 */
static double immediate_decay(const struct suspect *s, const struct blame_input *in,
			      enum cause_kind kind)
{
	time_t onset = in->onset ? in->onset : in->inc ? in->inc->fired_at : 0;
	double hours = onset ? difftime(onset, s->effective) / 3600.0 : 0;
	const struct tuning *tu = in->tuning ? in->tuning : &tuning_defaults;
	double scale = kind == CAUSE_LIMIT ? tu->capacity_hours : tu->immediate_hours;

	return hours <= 0 ? 1.0 : 1.0 / (1.0 + hours / scale);
}

/* A victim of a shared cause (confined_to_one_path): where it fails proves nothing. */
static void drop_location_causes(struct suspect *s)
{
	size_t n = 0;

	for (size_t k = 0; k < s->causes.n; k++) {
		if (s->causes.v[k].kind == CAUSE_FAILING_LINE) {
			free(s->causes.v[k].detail);
			free(s->causes.v[k].subject);
			continue;
		}
		s->causes.v[n++] = s->causes.v[k];
	}
	s->causes.n = n;
	s->victim = true;
}

/*
 * The causal weight of a suspect: its strongest piece of evidence, plus half of the rest.
 * Several weak hints (a reworded message, a touched line) do not add up to one mechanism
 * the errors confirm.
 */
static double combine(const struct suspect *s, const struct blame_input *in, double dependency)
{
	/* a library's new behaviour starts at the deploy, like a changed value */
	double best = dependency * immediate_decay(s, in, CAUSE_DEPENDENCY), rest = 0;

	for (size_t k = 0; k < s->causes.n; k++) {
		const struct cause *c = &s->causes.v[k];
		double w = c->weight * (causal_immediate(c->kind) ? immediate_decay(s, in, c->kind) : 1.0);

		if (w > best) {
			rest += best;
			best = w;
		} else {
			rest += w;
		}
	}
	return best + rest / 2;
}

static void judge(struct suspect *s, const struct blame_input *in, const struct trace_paths *paths,
		  double raw, double dependency, double in_service)
{
	const struct pull *p = &in->pulls[s->pull];
	double age = in->inc ? difftime(in->inc->fired_at, s->effective) : 0, assoc;

	if (in->causal) {
		causal_assess(&s->causes, p, in->causal);
		if (confined_to_one_path(p, paths, in->d->ntraces))
			drop_location_causes(s);
	}
	s->causal = combine(s, in, dependency);
	s->association = raw;
	/* the service's own folder makes association likelier, never a conviction */
	assoc = raw * 0.3 * in_service < BLAME_ASSOCIATION_CAP ? raw * 0.3 * in_service : BLAME_ASSOCIATION_CAP;
	if (s->victim)
		assoc /= 2;
	if (!in->causal)
		assoc = raw * in_service; /* no causal reading asked for: association is all there is */
	s->score = s->after_alert || s->not_deployed
			   ? 0
			   : (1.0 - exp(-(s->causal + assoc) / 2.0)) * time_factor(age);
	if (s->score > 1.0)
		s->score = 1.0;
}

/* The strongest cause is a capacity one (a limit, a bound): load may bite much later. */
static bool slow_burning(const struct suspect *s)
{
	const struct cause *best = causal_strongest(&s->causes);

	return best && (best->kind == CAUSE_LIMIT || best->kind == CAUSE_BOUND || best->kind == CAUSE_INDEX);
}

/*
 * The failure follows one deployment closely, and the logs show the service working
 * before it: a change already live through that clean stretch did not break it on its
 * own (unless it is a capacity change, whose load can come later). Halved, and said.
 * Only known deployments count: a merge time says nothing of when a change went live.
 */
static void fade_outlived(struct suspect *s, size_t n, const struct blame_input *in)
{
	time_t onset = in->onset ? in->onset : in->inc ? in->inc->fired_at : 0, start, last = 0;
	const double follows = 30 * 60.0, stretch = 5 * 60.0;

	if (!onset || !in->deployed || !in->d->first_ts[0] || sys_parse_time(&start, in->d->first_ts) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (!s[i].after_alert && in->deployed[s[i].pull] > 0 && s[i].effective <= onset &&
		    s[i].effective > last)
			last = s[i].effective;
	if (!last || difftime(onset, last) > follows)
		return;
	for (size_t i = 0; i < n; i++) {
		time_t from = s[i].effective > start ? s[i].effective : start;
		char *why;

		if (s[i].after_alert || in->deployed[s[i].pull] <= 0 || s[i].effective >= last ||
		    difftime(last, from) < stretch || slow_burning(&s[i]) || s[i].score <= 0)
			continue;
		s[i].score /= 2;
		why = s[i].why;
		s[i].why = xasprintf("%s; it was live with clean logs for %.0f min before the deploy the "
				     "failure follows", why, difftime(last, from) / 60);
		free(why);
	}
}

void blame_rank(struct suspect **out, size_t *count, const struct blame_input *in)
{
	struct terms evidence = TERMS_INIT, packages = TERMS_INIT;
	struct terms *touched = xcalloc(in->npulls + 1, sizeof(*touched));
	size_t nlocs = 0, candidates = 0, nin_service = 0;
	struct frame_location *locs = blame_trace_locations(&nlocs, in->d);
	struct suspect *s = xcalloc(in->npulls + 1, sizeof(*s));
	double *in_service = xcalloc(in->npulls + 1, sizeof(double)), *idf;
	struct trace_paths *paths = traces_read(in->d);

	blame_evidence_terms(&evidence, in->d, in->inc);
	trace_packages(&packages, in->d);
	for (size_t i = 0; i < in->npulls; i++) {
		in_service[i] = service_factor(&in->pulls[i], in->inc ? in->inc->service : NULL);
		nin_service += in_service[i] > 1.0;
		diff_terms(&touched[i], &in->pulls[i]);
		if (!in->inc || in->pulls[i].meta.merged_at <= in->inc->fired_at)
			candidates++;
	}
	/* Only a factor that tells pull requests apart says anything. */
	for (size_t i = 0; nin_service == in->npulls && i < in->npulls; i++)
		in_service[i] = 1.0;
	idf = term_rarity(in, &evidence, touched, candidates);
	for (size_t i = 0; i < in->npulls; i++) {
		struct buf where = BUF_INIT, dependency = BUF_INIT;
		double raw, dep;

		s[i].pull = i;
		s[i].number = in->pulls[i].meta.number;
		place_in_time(&s[i], in);
		raw = association(&s[i], in, &evidence, touched, idf, locs, nlocs, &where);
		dep = dependency_hits(&in->pulls[i], &packages, &dependency);
		judge(&s[i], in, paths, raw, dep, in_service[i]);
		explain(&s[i], in, where.ptr, dependency.ptr);
		buf_release(&where);
		buf_release(&dependency);
	}
	if (in->causal)
		fade_outlived(s, in->npulls, in);
	qsort(s, in->npulls, sizeof(*s), by_score_desc);
	for (size_t i = 0; i < in->npulls; i++)
		terms_release(&touched[i]);
	free(touched);
	free(idf);
	free(locs);
	free(in_service);
	traces_free(paths, in->d->ntraces);
	terms_release(&packages);
	terms_release(&evidence);
	*out = s;
	*count = in->npulls;
}

void blame_suspects_free(struct suspect *s, size_t count)
{
	for (size_t i = 0; s && i < count; i++) {
		causal_release(&s[i].causes);
		free(s[i].why);
		for (size_t k = 0; k < s[i].nmatched; k++)
			free(s[i].matched[k]);
		free(s[i].matched);
	}
	free(s);
}
