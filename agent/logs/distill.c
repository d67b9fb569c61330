#include "common.h"
#include "logs/distill.h"
#include "logs/failure.h"
#include "logs/lex.h"
#include "logs/tokens.h"
#include "util/redact.h"
#include "util/sys.h"

#include <math.h>

#define DEFAULT_FRAMES 24
#define DEFAULT_LINE_MAX 480
#define FULL_LINE (2 * LOG_LINE_MAX) /* no clipping: longer than any stored line */
#define MIN_CLIP 48          /* a line clipped shorter than this says too little */
#define CAUSE_LINES 2        /* trace lines kept after each "Caused by:" */
#define FAR ((size_t)-1)
#define TRACE_NEAR 3         /* lines between a failure line and the trace it explains */
#define COMPANION_SPAN 8     /* lines an error's message may take after its first line */
#define MAX_NEST 4           /* braces inside braces, at most, in a list of values */
#define NUMBERS_LISTED 12    /* numbers in a list of values written one by one (more: as runs) */
#define SHORT_WHOLE 16       /* whole lines a trace keeps when its other lines are shown short */
#define VALUES_FEW 4         /* values of a masked part worth a line (fewer: none shown) */

/*
 * The first round's shares of the budget: errors that read as failures, then traces by a
 * failure line, change points and warnings. Each kind gets its say before any one of
 * them takes the rest; what a share leaves unused goes on to the next.
 */
#define SHARE_STEP 0.25
#define SHARE_ERRORS 0.25
#define SHARE_VALUES 0.13
#define SHARE_TRACES 0.80
#define SHARE_CHANGES 0.10
#define SHARE_WARNINGS 0.05
#define ROUND1_TRACES 3
#define ROUND1_STRENGTH 3

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026 */

enum section { S_FIRST, S_STEP, S_ERRORS, S_TRACES, S_CHANGES, S_WARNINGS, S_OTHER, S_COUNT };

static const char *const SECTION_TITLE[S_COUNT] = {
	"",
	"",
	"errors:\n",
	"stack traces:\n",
	"new at or after the first error:\n",
	"warnings:\n",
	"other lines:\n",
};

struct span {
	const char *s;
	size_t n;
};

struct lineref {
	uint64_t hash;
	uint32_t item, line;
};

struct item {
	const struct digest_template *t; /* a template (the first error's, when known), or */
	const struct digest_trace *tr;   /* a trace (first of its group), or */
	const struct digest_step *st;    /* a failing step's last lines */
	struct item *owner;              /* templates: an error shows this line as its context */
	size_t count;                    /* traces: the count of the whole group */
	size_t variants;                 /* traces: distinct traces in the group */
	double score;                    /* higher first, inside a section */
	uint64_t shape;                  /* templates: first two words and word count, digits aside */
	struct span *body;               /* traces: the lines after the headline */
	size_t nbody;
	size_t seq;                      /* when it was taken: 1, 2, ... */
	size_t nshow;                    /* traces: the `k` of pick_lines() */
	bool short_rest;                 /* traces: the lines not shown whole are shown short */
	size_t nshort;                   /* traces, short_rest: the first this many only (0: all) */
	size_t npicked;                  /* traces: body lines pick_lines() picks for it */
	bool *printed;                   /* traces: body lines in `text` (not left to others) */
	size_t clip;                     /* bytes a line may have in the text below */
	struct buf text;                 /* rendered and redacted */
	size_t tokens;                   /* tokens_estimate() of `text` */
	enum section sec;
	int strength;                    /* errors: see error_strength() */
	bool related;                    /* traces: right by a failure line */
	bool taken;
	bool cut;                        /* the text below has a clipped line */
	bool covered;                    /* a failing step shows its line already */
	size_t nvalues;                  /* templates: values shown of each masked part (0: none) */
	bool context;                    /* templates: the lines after the first are shown */
	bool whole;                      /* steps: lines whose template is shown stay too */
};

struct ctx {
	const struct digest *d;
	size_t line_max, max_frames;
	size_t budget, used;
	bool same_day;
	bool ci;         /* a CI job's log (the digest found a failing step): no time per line */
	size_t *anchors; /* sorted line numbers of error lines */
	size_t nanchors;
	size_t *strong;  /* the same for lines that read as failures (strength 3 and 4) */
	size_t nstrong;
	struct item *items; /* items[0] is the first error, when there is one */
	size_t nitems;
	struct item **order; /* by section, then score */
	struct item **by_tmpl; /* the item of each template (NULL: none) */
	struct lineref *refs; /* every trace body line, sorted by hash */
	size_t nrefs;
	size_t seq;          /* items taken so far */
	size_t cut_now;      /* tokens of the "cut:" line as things stand */
	bool opened[S_COUNT];
	size_t title_tokens[S_COUNT];
	struct buf tmp;
};

static bool word_char(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* ---- small text helpers ---- */

static size_t utf8_back(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/*
 * Append `s` (n bytes) to `b`, cut to at most about `max` bytes: the head (two thirds)
 * and the tail (one third) stay, with an ellipsis between. Returns true when cut.
 */
static bool put_clipped(struct buf *b, const char *s, size_t n, size_t max)
{
	size_t head, tail;

	if (n <= max) {
		buf_putf(b, "%.*s", (int)n, s);
		return false;
	}
	head = utf8_back(s, max * 2 / 3);
	tail = n - utf8_back(s, n - (max - max * 2 / 3));
	if (tail > n - head)
		tail = n - head;
	buf_putf(b, "%.*s%s%.*s", (int)head, s, ELLIPSIS, (int)tail, s + n - tail);
	return true;
}

/* The example without the timestamp it starts with (the template's own first_ts). */
static const char *strip_ts(const char *s, const char *ts, size_t *n)
{
	size_t tl = strlen(ts), i = 0;

	*n = strlen(s);
	if (!tl)
		return s;
	if (s[0] == '[')
		i = 1;
	if (strncmp(s + i, ts, tl) || (s[i + tl] && s[i + tl] != ' ' && s[i + tl] != ']' && s[i + tl] != '\t'))
		return s;
	i += tl;
	if (s[i] == ']')
		i++;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	*n -= i;
	return s + i;
}

/* Start of "HH:MM:SS" inside a timestamp, or -1. */
static long clock_pos(const char *ts)
{
	size_t n = strlen(ts);

	for (size_t i = 0; i + 8 <= n; i++)
		if (is_digit((unsigned char)ts[i]) && is_digit((unsigned char)ts[i + 1]) && ts[i + 2] == ':' &&
		    is_digit((unsigned char)ts[i + 3]) && is_digit((unsigned char)ts[i + 4]) &&
		    ts[i + 5] == ':' && is_digit((unsigned char)ts[i + 6]) && is_digit((unsigned char)ts[i + 7]))
			return (long)i;
	return -1;
}

/* A timestamp as shown: the clock alone when the log spans one day, else up to the seconds. */
static void put_time(struct buf *b, const struct ctx *c, const char *ts)
{
	long p = clock_pos(ts);

	if (p < 0)
		buf_puts(b, ts);
	else if (c->same_day)
		buf_putf(b, "%.8s", ts + p);
	else
		buf_putf(b, "%.*s", (int)p + 8, ts);
}

static bool same_day(const struct digest *d)
{
	long a = clock_pos(d->first_ts), b = clock_pos(d->last_ts);

	return a >= 0 && a == b && !strncmp(d->first_ts, d->last_ts, (size_t)a);
}

/* ---- items and their ranking ---- */

/* Distance from `line` to the nearest of the sorted `v` (FAR when empty). */
static size_t nearest(const size_t *v, size_t n, size_t line)
{
	size_t lo = 0, hi = n, best = FAR;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n)
		best = v[lo] - line;
	if (lo > 0 && line - v[lo - 1] < best)
		best = line - v[lo - 1];
	return best;
}

/*
 * 4: the digest says error and the text reads as a CI failure; 3: the digest says error
 * and the text weakly agrees, or the text alone reads as a failure; 2: the digest alone;
 * 1: a phrase that usually means an error; 0: not an error.
 */
/* A level word, whatever its case and brackets: "[ERROR]", "error:", "<warn>". */
static bool level_token(const char *s, size_t n)
{
	static const char *const words[] = {"error", "err", "warn", "warning", "fatal", "info",
					    "severe", "critical", "debug", "trace", "notice"};
	char w[10];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (is_alpha((unsigned char)s[i])) {
			if (k == sizeof(w) - 1)
				return false;
			w[k++] = (char)(s[i] | 0x20);
		} else if (word_char((unsigned char)s[i])) {
			return false;
		}
	}
	w[k] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(w, words[i]))
			return true;
	return false;
}

/* Does the line say anything past its timestamp and level words ("[ERROR] " does not)? */
static bool says_something(const struct digest_template *t)
{
	size_t n;
	const char *s = strip_ts(t->example, t->first_ts, &n);

	for (size_t i = 0; i < n;) {
		size_t a = i;
		bool word = false;

		while (i < n && s[i] != ' ' && s[i] != '\t')
			word |= word_char((unsigned char)s[i++]);
		if (word && !level_token(s + a, i - a))
			return true;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	return false;
}

static int error_strength(const struct digest_template *t)
{
	int like = failure_like(t->example, strlen(t->example));

	if (t->source)
		return 0; /* source code that says "error" is not one (ci.h) */
	if (!says_something(t))
		return like || t->level == DIGEST_ERROR ? 1 : 0;

	if (t->level == DIGEST_ERROR)
		return like == 2 ? 4 : like == 1 ? 3 : 2;
	return like == 2 ? 3 : like;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void add_anchor(size_t **v, size_t *n, size_t *alloc, size_t line)
{
	if (!line)
		return;
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 64;
		*v = xrealloc(*v, *alloc * sizeof(**v));
	}
	(*v)[(*n)++] = line;
}

/* Equal once runs of digits are masked: "Foo.java:12" and "Foo.java:345". */
static bool same_masked(const char *a, const char *b)
{
	while (*a && *b) {
		if (is_digit((unsigned char)*a) && is_digit((unsigned char)*b)) {
			while (is_digit((unsigned char)*a))
				a++;
			while (is_digit((unsigned char)*b))
				b++;
			continue;
		}
		if (*a++ != *b++)
			return false;
	}
	return !*a && !*b;
}

static bool same_trace_group(const struct digest_trace *x, const struct digest_trace *y)
{
	if (!same_masked(x->headline, y->headline))
		return false;
	if (!x->nframes || !y->nframes)
		return x->nframes == y->nframes;
	return same_masked(x->frames[0], y->frames[0]);
}

static void trim_span(struct span *l)
{
	while (l->n && (l->s[0] == ' ' || l->s[0] == '\t')) {
		l->s++;
		l->n--;
	}
	while (l->n && (l->s[l->n - 1] == ' ' || l->s[l->n - 1] == '\t'))
		l->n--;
}

/*
 * The trace's lines after its headline, as they appeared, trimmed: the raw lines rather
 * than the digest's cleaned frames, because they are what a reader searches the log for,
 * and Python's source lines and Go's goroutine headers live there. The headline's own
 * line (the first, or Python's last) and blank lines are left out.
 */
static void split_body(struct item *it)
{
	const char *t = it->tr->text, *h = it->tr->headline;
	size_t hl = strlen(h), cap = 16;

	it->body = xmalloc(cap * sizeof(*it->body));
	for (size_t i = 0; t[i];) {
		const char *nl = strchr(t + i, '\n');
		struct span l = {t + i, nl ? (size_t)(nl - t) - i : strlen(t + i)};
		bool first = i == 0;

		i += l.n + (nl ? 1 : 0);
		trim_span(&l);
		if (!l.n || (l.n == hl && !memcmp(l.s, h, hl)) ||
		    (first && hl && l.n > hl && !memcmp(l.s + l.n - hl, h, hl)))
			continue;
		if (it->nbody == cap) {
			cap *= 2;
			it->body = xrealloc(it->body, cap * sizeof(*it->body));
		}
		it->body[it->nbody++] = l;
	}
}

static uint64_t hash_span(struct span l)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < l.n; i++)
		h = (h ^ (unsigned char)l.s[i]) * 1099511628211ull;
	return h;
}

static int by_hash(const void *a, const void *b)
{
	const struct lineref *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Index every trace body line by its hash, for shown_elsewhere(). */
static void index_lines(struct ctx *c)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < c->nitems; i++)
		n += c->items[i].tr ? c->items[i].nbody : 0;
	c->refs = xcalloc(n + 1, sizeof(*c->refs));
	for (size_t i = 0; i < c->nitems; i++) {
		for (size_t j = 0; c->items[i].tr && j < c->items[i].nbody; j++) {
			c->refs[k].hash = hash_span(c->items[i].body[j]);
			c->refs[k].item = (uint32_t)i;
			c->refs[k++].line = (uint32_t)j;
		}
	}
	c->nrefs = k;
	qsort(c->refs, k, sizeof(*c->refs), by_hash);
}

static bool is_trace_headline(const struct digest *d, const struct digest_template *t)
{
	for (size_t i = 0; i < d->ntraces; i++)
		if (d->traces[i].first_line == t->first_line)
			return true;
	return false;
}

static struct item *new_item(struct ctx *c, enum section sec)
{
	struct item *it = &c->items[c->nitems++];

	memset(it, 0, sizeof(*it));
	it->sec = sec;
	buf_init(&it->text, 0);
	return it;
}

/*
 * Error lines known: the first error, error templates' first and last lines, traces;
 * and apart, the lines that read as failures (not trace headlines).
 */
static void find_anchors(struct ctx *c, const int *strength)
{
	const struct digest *d = c->d;
	size_t alloc = 0, salloc = 0;

	if (d->first_error) {
		add_anchor(&c->anchors, &c->nanchors, &alloc, d->first_error_line);
		add_anchor(&c->strong, &c->nstrong, &salloc, d->first_error_line);
	}
	for (size_t i = 0; i < d->ntemplates; i++) {
		const struct digest_template *t = &d->templates[i];

		if (strength[i] >= 2) {
			add_anchor(&c->anchors, &c->nanchors, &alloc, t->first_line);
			add_anchor(&c->anchors, &c->nanchors, &alloc, t->last_line);
		}
		if (strength[i] >= 3 && !is_trace_headline(d, t)) {
			add_anchor(&c->strong, &c->nstrong, &salloc, t->first_line);
			add_anchor(&c->strong, &c->nstrong, &salloc, t->last_line);
		}
	}
	for (size_t i = 0; i < d->ntraces; i++)
		add_anchor(&c->anchors, &c->nanchors, &alloc, d->traces[i].first_line);
	if (c->nanchors)
		qsort(c->anchors, c->nanchors, sizeof(*c->anchors), cmp_size);
	if (c->nstrong)
		qsort(c->strong, c->nstrong, sizeof(*c->strong), cmp_size);

}

/*
 * A template's shape: its first two words (digits masked) and how many words it has, so
 * that "--- FAIL: TestA (0.00s)" and "--- FAIL: TestB (0.01s)" are alike.
 */
static uint64_t shape_of(const struct digest_template *t)
{
	size_t n;
	const char *s = strip_ts(t->example, t->first_ts, &n);
	uint64_t h = 1469598103934665603ull;
	size_t words = 0;

	for (size_t i = 0; i < n;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n)
			break;
		words++;
		for (; i < n && s[i] != ' ' && s[i] != '\t'; i++) {
			if (words > 2 || is_digit((unsigned char)s[i]))
				continue;
			h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
		}
		h = (h ^ ' ') * 1099511628211ull;
	}
	return (h ^ words) * 1099511628211ull;
}

static int by_first_line(const void *a, const void *b)
{
	const struct digest_template *x = *(const struct digest_template *const *)a;
	const struct digest_template *y = *(const struct digest_template *const *)b;

	return x->first_line < y->first_line ? -1 : x->first_line > y->first_line;
}

/*
 * Is `t` part of an error's message: as many occurrences as an error template (2 or more),
 * each first and last one a few lines after the error's ("Error: Unsupported version"
 * followed each time by the same explanation lines)? `errs` is sorted by first line.
 */
static bool companion(const struct digest_template *t, const struct digest_template **errs,
		      size_t n)
{
	size_t lo = 0, hi = n;

	if (t->count < 2)
		return false;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (errs[mid]->first_line + COMPANION_SPAN < t->first_line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && errs[lo]->first_line < t->first_line; lo++)
		if (errs[lo]->count == t->count && errs[lo]->last_line < t->last_line &&
		    t->last_line - errs[lo]->last_line <= COMPANION_SPAN)
			return true;
	return false;
}

/*
 * Scores order items inside their section. Errors: strength first, then how late in the
 * log the template appears, the middle of its first and last sightings (new at the
 * failure rather than chronic; a nested build's error that the real build ends with
 * again is late), then how often it occurs (log scale). Change points, warnings and the rest: an error's companion
 * lines first, then the nearer to an error line the better (the lines around a failure
 * explain it), the rest also the rarer.
 */
static void add_templates(struct ctx *c, const int *strength)
{
	const struct digest *d = c->d;
	size_t first_err = d->first_error ? d->first_error_line : 0, nerrs = 0;
	double maxlog = 1;
	const struct digest_template **errs = xcalloc(d->ntemplates + 1, sizeof(*errs));

	for (size_t i = 0; i < d->ntemplates; i++) {
		if (log2((double)d->templates[i].count + 1) > maxlog)
			maxlog = log2((double)d->templates[i].count + 1);
		if (strength[i] >= 2)
			errs[nerrs++] = &d->templates[i];
	}
	qsort(errs, nerrs, sizeof(*errs), by_first_line);
	for (size_t i = 0; i < d->ntemplates; i++) {
		const struct digest_template *t = &d->templates[i];
		double late = d->lines ? (double)(t->first_line + t->last_line) / 2.0 / (double)d->lines : 0;
		double often = log2((double)t->count + 1) / maxlog;
		size_t a = nearest(c->anchors, c->nanchors, t->first_line);
		size_t b = nearest(c->anchors, c->nanchors, t->last_line);
		double near = (double)(a < b ? a : b);
		struct item *it;

		if ((c->nitems && t == c->items[0].t) || is_trace_headline(d, t) || t->noise)
			continue; /* noise is worth no budget */
		if (strength[i] >= 1)
			it = new_item(c, S_ERRORS);
		else if (t->level == DIGEST_WARN)
			it = new_item(c, S_WARNINGS);
		else if (first_err && t->first_line >= first_err)
			it = new_item(c, S_CHANGES);
		else
			it = new_item(c, S_OTHER);
		it->t = t;
		it->shape = shape_of(t);
		it->strength = strength[i];
		if (it->sec == S_ERRORS)
			it->score = strength[i] + 0.5 * late + often;
		else if (companion(t, errs, nerrs))
			it->score = 1;
		else
			it->score = -near - (it->sec == S_OTHER ? often : 0);
	}
	free(errs);
}

/*
 * Traces with the same headline and top frame (digits aside) are one item. A trace right
 * by a line that reads as a failure ("<<< FAILURE!", "Tests run: 3, Failures: 1", the
 * first error) is the failure's own and goes first; then traces whose headline reads as a
 * failure, then the later in the log and the more frequent.
 */
static void add_traces(struct ctx *c)
{
	const struct digest *d = c->d;
	bool *grouped = xcalloc(d->ntraces + 1, sizeof(*grouped));
	double maxlog = 1;

	for (size_t i = 0; i < d->ntraces; i++)
		if (log2((double)d->traces[i].count + 1) > maxlog)
			maxlog = log2((double)d->traces[i].count + 1);
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *tr = &d->traces[i];
		struct item *it;

		if (grouped[i])
			continue;
		it = new_item(c, S_TRACES);
		it->tr = tr;
		it->count = tr->count;
		it->variants = 1;
		for (size_t j = i + 1; j < d->ntraces; j++) {
			if (!grouped[j] && same_trace_group(tr, &d->traces[j])) {
				grouped[j] = true;
				it->count += d->traces[j].count;
				it->variants++;
			}
		}
		split_body(it);
		it->related = nearest(c->strong, c->nstrong, tr->first_line) <= TRACE_NEAR;
		it->score = (it->related ? 2 : 0) +
			    (failure_like(tr->headline, strlen(tr->headline)) == 2 ? 1 : 0) +
			    (d->lines ? (double)tr->first_line / (double)d->lines : 0) +
			    0.5 * log2((double)it->count + 1) / maxlog;
	}
	free(grouped);
}

static size_t item_line(const struct item *it)
{
	return it->st ? it->st->line_no[0] : it->tr ? it->tr->first_line : it->t ? it->t->first_line : 0;
}

static int by_rank(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return item_line(x) < item_line(y) ? -1 : item_line(x) > item_line(y);
}

static int by_line(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a, *y = *(const struct item *const *)b;

	return item_line(x) < item_line(y) ? -1 : item_line(x) > item_line(y);
}

struct keyref {
	uint64_t hash;
	struct item *it;
};

static int by_key(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static const char *shown_text(const struct digest_template *t)
{
	size_t n;
	const char *s = strip_ts(t->example, t->first_ts, &n);

	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Give `owner` the template items whose line is the context line `s` (n bytes). */
static void own_line(struct keyref *v, size_t nv, struct item *owner, const char *s, size_t n)
{
	struct span l;
	size_t lo = 0, hi = nv;

	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	l = (struct span){s, n};
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid].hash < hash_span(l))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nv && v[lo].hash == hash_span(l); lo++) {
		const char *x = shown_text(v[lo].it->t);

		size_t at = v[lo].it->t->first_line, from = owner->t->first_line;

		/* the line's own template: first seen right after the error, not a chronic one */
		if (v[lo].it != owner && !v[lo].it->owner && at > from && at <= from + COMPANION_SPAN &&
		    strlen(x) == n && !memcmp(x, s, n)) {
			v[lo].it->owner = owner;
		}
	}
}

/*
 * An error shows its context lines under it (the lines after its first line); the
 * templates of those lines belong to it and are not shown again on their own.
 */
static void own_context(struct ctx *c)
{
	struct keyref *v = xcalloc(c->nitems + 1, sizeof(*v));
	size_t nv = 0;

	for (size_t i = 0; i < c->nitems; i++) {
		struct item *it = &c->items[i];
		const char *s;

		if (!it->t || it->sec == S_FIRST)
			continue;
		s = shown_text(it->t);
		v[nv].hash = hash_span((struct span){s, strlen(s)});
		v[nv++].it = it;
	}
	qsort(v, nv, sizeof(*v), by_key);
	for (size_t i = 0; i < c->nitems; i++) {
		struct item *e = &c->items[i];

		for (const char *s = e->t ? e->t->context : NULL; s && *s;) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);

			own_line(v, nv, e, s, n);
			s += n + (nl ? 1 : 0);
		}
	}
	free(v);
}

/*
 * The line that says a failing step failed ("Build step 'Execute shell' marked build as
 * failure", "Process completed with exit code 1") reads as a CI failure whatever its words:
 * strength 4.
 */
static void exit_lines(const struct digest *d, int *strength)
{
	for (size_t i = 0; i < d->nsteps; i++)
		for (size_t j = 0; j < d->ntemplates && d->steps[i].exit_line; j++)
			if (d->templates[j].first_line == d->steps[i].exit_line ||
			    d->templates[j].last_line == d->steps[i].exit_line)
				strength[j] = 4;
}

static void build_items(struct ctx *c)
{
	const struct digest *d = c->d;
	int *strength = xcalloc(d->ntemplates + 1, sizeof(*strength));

	c->items = xcalloc(d->ntemplates + d->ntraces + d->nsteps + 1, sizeof(*c->items));
	for (size_t i = 0; i < d->ntemplates; i++)
		strength[i] = error_strength(&d->templates[i]);
	exit_lines(d, strength);
	find_anchors(c, strength);
	if (d->first_error) {
		struct item *it = new_item(c, S_FIRST);

		for (size_t i = 0; i < d->ntemplates && !it->t; i++)
			if (d->templates[i].first_line == d->first_error_line &&
			    d->templates[i].level == DIGEST_ERROR)
				it->t = &d->templates[i];
	}
	add_templates(c, strength);
	own_context(c);
	add_traces(c);
	for (size_t i = 0; i < d->nsteps; i++) {
		struct item *it = new_item(c, S_STEP);

		it->st = &d->steps[i];
		it->nbody = d->steps[i].nlines;
		it->score = (double)i; /* the first failure first */
	}
	index_lines(c);
	c->by_tmpl = xcalloc(d->ntemplates + 1, sizeof(*c->by_tmpl));
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].t)
			c->by_tmpl[c->items[i].t - d->templates] = &c->items[i];
	c->order = xcalloc(c->nitems + 1, sizeof(*c->order));
	for (size_t i = 0; i < c->nitems; i++)
		c->order[i] = &c->items[i];
	qsort(c->order, c->nitems, sizeof(*c->order), by_rank);
	free(strength);
}

/* ---- rendering one item ---- */

/* "L639-644 6x 15:06:13..15:06:14" */
static void put_where(struct buf *b, const struct ctx *c, size_t first, size_t last, size_t count,
		      const char *ts1, const char *ts2)
{
	buf_putf(b, "L%zu", first);
	if (last > first)
		buf_putf(b, "-%zu", last);
	if (count > 1)
		buf_putf(b, " %zux", count);
	if (ts1[0] && !c->ci) {
		struct buf x = BUF_INIT, y = BUF_INIT;

		put_time(&x, c, ts1);
		buf_putf(b, " %s", x.ptr);
		if (ts2[0]) {
			put_time(&y, c, ts2);
			if (strcmp(x.ptr, y.ptr))
				buf_putf(b, "..%s", y.ptr);
		}
		buf_release(&x);
		buf_release(&y);
	}
}

static bool render_template(struct buf *b, const struct ctx *c, const struct digest_template *t,
			    size_t clip)
{
	size_t n;
	const char *s = strip_ts(t->example, t->first_ts, &n);
	bool cut;

	put_where(b, c, t->first_line, t->last_line, t->count, t->first_ts, t->last_ts);
	buf_puts(b, " | ");
	cut = put_clipped(b, s, n, clip);
	buf_puts(b, "\n");
	return cut;
}

static bool shown_above(const struct ctx *c, const struct item *self, size_t line, const char *s);

static const char *skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The lines after an error's first line (its context), "  > " in front of each. */
static void render_context(struct buf *b, const struct ctx *c, const struct item *it, size_t clip)
{
	for (const char *s = it->t->context; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, n);

		if (!shown_above(c, it, 0, line)) { /* not when another item shows that line */
			buf_puts(b, "  > ");
			(void)put_clipped(b, s, n, clip);
			buf_puts(b, "\n");
		}
		free(line);
		s += n + (nl ? 1 : 0);
	}
}

/* Do `t`'s masked parts show more than the example does (2 values or more somewhere)? */
static bool has_values(const struct digest_template *t)
{
	for (size_t i = 0; t->count > 1 && i < t->nvalues; i++)
		if (t->values[i].n > 1)
			return true;
	return false;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The first `n` values, all whole numbers, sorted: each one when they are few, else as
 * runs, "169-176, 180". False: not all numbers.
 */
static bool put_numbers(struct buf *b, const struct digest_values *v, size_t n)
{
	unsigned long x[DIGEST_MAX_VALUES] = {0};

	for (size_t k = 0; k < n; k++) {
		const char *s = v->v[k];

		if (!s[0] || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s))
			return false;
		x[k] = strtoul(s, NULL, 10);
	}
	qsort(x, n, sizeof(*x), cmp_ulong);
	for (size_t k = 0; k < n;) {
		size_t e = k;

		while (e + 1 < n && x[e + 1] == x[e] + 1)
			e++;
		buf_putf(b, "%s%lu", k ? ", " : "", x[k]);
		if (e > k + 1 && n > NUMBERS_LISTED) /* a run of three or more */
			buf_putf(b, "-%lu", x[e]);
		else
			e = k;
		k = e + 1;
	}
	return true;
}

/* Where a shared head or tail may end: not '_', which is inside a name ("Test_apply"). */
static bool separator(char c)
{
	return c == '/' || c == '.' || c == '-' || c == ':' || c == '\\';
}

/*
 * `count` values (from byte `skip` on) that share a head and a tail write them once: a
 * path's folder and extension around the file names, "dir/{a, b, c}.txt" (cut at a
 * separator, so no word is split).
 */
static void put_group(struct buf *b, char *const *v, size_t count, size_t skip, size_t clip)
{
	const char *v0 = v[0] + skip;
	size_t head = strlen(v0), tail = head, shortest = head;

	for (size_t k = 1; k < count; k++) {
		const char *s = v[k] + skip;
		size_t n = strlen(s), i = 0, j = 0;

		while (i < head && i < n && s[i] == v0[i])
			i++;
		while (j < tail && j < n && s[n - 1 - j] == v0[strlen(v0) - 1 - j])
			j++;
		head = i;
		tail = j;
		shortest = n < shortest ? n : shortest;
	}
	while (head && !separator(v0[head - 1]))
		head--;
	while (tail && !separator(v0[strlen(v0) - tail]))
		tail--;
	if (count < 2 || head + tail >= shortest || head + tail < 8)
		head = tail = 0;
	if (head + tail)
		buf_putf(b, "%.*s{", (int)head, v0);
	for (size_t k = 0; k < count; k++) {
		buf_puts(b, k ? ", " : "");
		(void)put_clipped(b, v[k] + skip + head, strlen(v[k] + skip) - head - tail, clip);
	}
	if (head + tail)
		buf_putf(b, "}%s", v0 + strlen(v0) - tail);
}

/* Bytes `a` and `b` share at their start, cut back to a separator (not a version's dot). */
static size_t shared_head(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	while (i && (!separator(a[i - 1]) || (a[i - 1] == '.' && i > 1 && is_digit((unsigned char)a[i - 2]))))
		i--;
	return i;
}

/*
 * `count` strings from byte `skip` on, in runs of neighbours that share a head (8 bytes or
 * more at the top, any inside), the head written once and the rest of the run inside
 * braces, grouped the same way: "src/{api/{A.java, B.java}, error/C.java}". Runs apart by
 * `sep` at the top, ", " inside. Below MAX_NEST, a run's rest is written as put_group does.
 */
static void put_tree(struct buf *b, char *const *v, size_t count, size_t skip, size_t clip,
		     const char *sep, int depth)
{
	size_t min_head = depth ? 1 : 8;

	for (size_t k = 0, e; k < count; k = e) {
		size_t head = k + 1 < count ? shared_head(v[k] + skip, v[k + 1] + skip) : 0, h;

		e = k + 1;
		while (head >= min_head && e < count && (h = shared_head(v[k] + skip, v[e] + skip)) >= min_head) {
			head = h < head ? h : head;
			e++;
		}
		buf_puts(b, k ? (depth ? ", " : sep) : "");
		if (e - k < 2) {
			(void)put_clipped(b, v[k] + skip, strlen(v[k] + skip), clip);
		} else if (depth == MAX_NEST) {
			put_group(b, v + k, e - k, skip, clip);
		} else {
			buf_putf(b, "%.*s{", (int)head, v[k] + skip);
			put_tree(b, v + k, e - k, skip + head, clip, sep, depth + 1);
			buf_puts(b, "}");
		}
	}
}

/*
 * "  values: pkg-a, pkg-b, pkg-c; 1, 2, 3 and more": what each masked part of a folded
 * template took, in order of first appearance, parts apart by "; ", at most `max` of
 * each (the first seen).
 */
static void render_values(struct buf *b, const struct digest_template *t, size_t max, size_t clip)
{
	const char *sep = "  values: ";
	int last = -1;
	size_t n;

	for (size_t round = 0; round < t->nvalues; round++) {
		const struct digest_values *v = NULL;

		for (size_t i = 0; i < t->nvalues; i++) /* in the order of the line's tokens */
			if ((int)t->values[i].token > last && (!v || t->values[i].token < v->token))
				v = &t->values[i];
		if (!v)
			break;
		last = v->token;
		if (v->n < 2)
			continue;
		n = v->n < max ? v->n : max;
		buf_puts(b, sep);
		if (!put_numbers(b, v, n))
			put_tree(b, v->v, n, 0, clip / 4 > MIN_CLIP ? clip / 4 : MIN_CLIP, ", ", 0);
		if (v->more || n < v->n)
			buf_puts(b, " and more");
		sep = "; ";
	}
	buf_puts(b, "\n");
}

/*
 * "first error, line 639 at 15:06:13 (6x, lines 639-644):" and the line. Below MIN_CLIP
 * (a tiny budget) only "first error:" and what fits of the line.
 */
static bool render_first(struct buf *b, const struct ctx *c, const struct item *it, size_t clip)
{
	const struct digest *d = c->d;
	size_t n;
	const char *s = strip_ts(d->first_error, d->first_error_ts, &n);
	bool cut;

	buf_puts(b, "first error");
	if (clip >= MIN_CLIP) {
		buf_putf(b, ", line %zu", d->first_error_line);
		if (d->first_error_ts[0]) {
			buf_puts(b, " at ");
			put_time(b, c, d->first_error_ts);
		}
		if (it->t && it->t->count > 1)
			buf_putf(b, " (%zux, lines %zu-%zu)", it->t->count, it->t->first_line,
				 it->t->last_line);
	}
	buf_puts(b, ":\n  ");
	cut = put_clipped(b, s, n, clip);
	buf_puts(b, "\n");
	return cut;
}

static bool is_cause(struct span l)
{
	return (l.n >= 10 && !memcmp(l.s, "Caused by:", 10)) ||
	       (l.n >= 11 && !memcmp(l.s, "Suppressed:", 11));
}

/*
 * Which body lines to show for a budget of `k`: the top k, then each "Caused by:" with
 * the lines after it. Returns how many are shown.
 */
static size_t pick_lines(const struct item *it, size_t k, bool *show)
{
	size_t shown = k < it->nbody ? k : it->nbody;

	for (size_t i = 0; i < it->nbody; i++)
		show[i] = i < k;
	for (size_t i = k; k && i < it->nbody; i++) {
		if (!is_cause(it->body[i]))
			continue;
		for (size_t j = i; j < it->nbody && j <= i + CAUSE_LINES; j++) {
			shown += !show[j];
			show[j] = true;
		}
	}
	return shown;
}

/*
 * Is line `l` printed whole by a trace taken before `self`? That trace's first line when it
 * is. Only earlier traces count, so two traces never leave a line to each other.
 */
static size_t shown_elsewhere(const struct ctx *c, const struct item *self, struct span l)
{
	uint64_t h = hash_span(l);
	size_t lo = 0, hi = c->nrefs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->refs[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->nrefs && c->refs[lo].hash == h; lo++) {
		const struct item *o = &c->items[c->refs[lo].item];
		struct span m = o->body[c->refs[lo].line];

		if (o == self || !o->taken || (self->taken && o->seq > self->seq) || l.n > o->clip ||
		    !o->printed[c->refs[lo].line] || m.n != l.n || memcmp(m.s, l.s, l.n))
			continue;
		return o->tr->first_line;
	}
	return 0;
}

/* Was body line `i` of `it` printed already, higher up in the same trace? */
static bool printed_above(const struct item *it, const bool *printed, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (printed[j] && it->body[j].n == it->body[i].n &&
		    !memcmp(it->body[j].s, it->body[i].s, it->body[i].n))
			return true;
	return false;
}

/* The last `ch` in s[0..n), or NULL (memrchr is not in C11). */
static const char *last_of(const char *s, size_t n, int ch)
{
	while (n--)
		if (s[n] == ch)
			return s + n;
	return NULL;
}

/*
 * A trace line said short: "at a.b.C.run (C.java:12)" as "a.b.C.run:12" (the file named
 * after the class says nothing more), "(Native Method)" and "(Unknown Source)" left out;
 * any other line as it is, white space and a leading "at " aside.
 */
static char *frame_short(struct span l)
{
	const char *s = l.s, *e = l.s + l.n, *open, *colon, *dot, *stem, *cls;
	size_t name;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	if (e - s > 3 && !memcmp(s, "at ", 3))
		s += 3;
	if (e - s < 3 || e[-1] != ')' || !(open = last_of(s, (size_t)(e - s), '(')))
		return xstrndup(s, (size_t)(e - s));
	name = (size_t)(open - s);
	while (name && s[name - 1] == ' ')
		name--;
	if ((e - open == 15 && !memcmp(open, "(Native Method)", 15)) ||
	    (e - open == 16 && !memcmp(open, "(Unknown Source)", 16)))
		return xstrndup(s, name);
	colon = last_of(open, (size_t)(e - open), ':');
	dot = last_of(open, colon ? (size_t)(colon - open) : 0, '.');
	cls = last_of(s, name, '.'); /* the method's dot: the class ends there */
	if (!colon || !dot || !cls)
		return xasprintf("%.*s%.*s", (int)name, s, (int)(e - open), open);
	stem = cls;
	while (stem > s && stem[-1] != '.' && stem[-1] != '/')
		stem--;
	for (const char *d = stem; d < cls; d++)
		if (*d == '$') {
			cls = d; /* "C$1.run" is in C.java */
			break;
		}
	if ((size_t)(cls - stem) == (size_t)(dot - open - 1) && !memcmp(stem, open + 1, (size_t)(cls - stem)))
		return xasprintf("%.*s:%.*s", (int)name, s, (int)(e - colon - 2), colon + 1);
	return xasprintf("%.*s%.*s", (int)name, s, (int)(e - open), open);
}

/* The class of a short frame ("a.b.C.run:12": "a.b.C"), or all of another line. */
static size_t class_len(const char *f)
{
	size_t n = strcspn(f, ":(");
	const char *dot = last_of(f, n, '.');

	return dot ? (size_t)(dot - f) : n;
}

/* Is short frame `v[i]` of a class that no frame before it in `v`, nor a whole line, shows? */
static bool new_class(char *const *v, size_t i, const struct item *it, const bool *show)
{
	size_t n = class_len(v[i]);
	bool fresh = true;
	char *cls;

	for (size_t j = 0; j < i && fresh; j++)
		fresh = class_len(v[j]) != n || memcmp(v[j], v[i], n) != 0;
	cls = xstrndup(v[i], n);
	for (size_t j = 0; j < it->nbody && fresh; j++)
		fresh = !show[j] || !lex_search(it->body[j].s, it->body[j].n, cls);
	free(cls);
	return fresh;
}

/*
 * Keep `keep` of the `n` short frames in `v` (the rest freed, the order kept): first one
 * of each class not shown yet, the top one first (an application's frame deep under a
 * framework's says where the code went wrong), then the others from the top.
 */
static size_t keep_frames(char **v, size_t n, size_t keep, const struct item *it, const bool *show)
{
	bool *pick = xcalloc(n + 1, sizeof(*pick));
	size_t k = 0, m = 0;

	for (size_t i = 0; i < n && k < keep; i++)
		if (new_class(v, i, it, show))
			pick[i] = true, k++;
	for (size_t i = 0; i < n && k < keep; i++)
		if (!pick[i])
			pick[i] = true, k++;
	for (size_t i = 0; i < n; i++) {
		if (pick[i])
			v[m++] = v[i];
		else
			free(v[i]);
	}
	free(pick);
	return m;
}

/*
 * The body lines of `it` that are not shown whole (`show`) nor printed by another trace,
 * short (frame_short) and grouped by their shared head, a group a line:
 * "  java.net.{URLClassLoader.defineClass:467, URLClassLoader$1.run:368}"; only
 * `it->nshort` of them when that is set (keep_frames). Returns how many it leaves out.
 */
static size_t put_compact(struct buf *b, const struct ctx *c, const struct item *it, const bool *show,
			  size_t clip)
{
	char **v = xcalloc(it->nbody + 1, sizeof(*v));
	size_t n = 0, left = 0;

	for (size_t i = 0; i < it->nbody; i++)
		if (!show[i] && !shown_elsewhere(c, it, it->body[i]))
			v[n++] = frame_short(it->body[i]);
	if (it->nshort && n > it->nshort) {
		left = n - it->nshort;
		n = keep_frames(v, n, it->nshort, it, show);
	}
	if (n) {
		buf_puts(b, "  ");
		put_tree(b, v, n, 0, clip, "\n  ", 0);
		buf_puts(b, "\n");
	}
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return left;
}

/*
 * A trace: where and how often, the headline, then the picked lines one space in. A run
 * of two or more lines that another trace prints already becomes one line, "... 12 lines
 * as at L806", and so does a run that this trace printed higher up (recursion), "... 6
 * lines repeated" (Java's own "... 12 more" does the same).
 */
static bool render_trace(struct buf *b, const struct ctx *c, const struct item *it, size_t k,
			 size_t clip, bool *printed)
{
	const struct digest_trace *tr = it->tr;
	bool *show = xcalloc(it->nbody + 1, sizeof(*show));
	size_t shown = pick_lines(it, k, show);
	bool cut;

	put_where(b, c, tr->first_line, tr->first_line, it->count, tr->first_ts, "");
	if (it->variants > 1)
		buf_putf(b, " in %zu variants", it->variants);
	buf_puts(b, " | ");
	cut = put_clipped(b, tr->headline, strlen(tr->headline), clip);
	buf_puts(b, "\n");
	for (size_t i = 0; i < it->nbody; i++) {
		size_t at, run = 0;

		if (!show[i])
			continue;
		if ((at = shown_elsewhere(c, it, it->body[i]))) {
			while (i + run < it->nbody && show[i + run] &&
			       shown_elsewhere(c, it, it->body[i + run]) == at)
				run++;
			if (run >= 2) {
				buf_putf(b, " ... %zu lines as at L%zu\n", run, at);
				i += run - 1;
				continue;
			}
		} else if (printed_above(it, printed, i)) {
			while (i + run < it->nbody && show[i + run] && printed_above(it, printed, i + run))
				run++;
			if (run >= 2) {
				buf_putf(b, " ... %zu lines repeated\n", run);
				i += run - 1;
				continue;
			}
		}
		printed[i] = true;
		buf_puts(b, " ");
		cut |= put_clipped(b, it->body[i].s, it->body[i].n, clip);
		buf_puts(b, "\n");
	}
	if (shown < it->nbody && it->short_rest) {
		size_t left;

		buf_putf(b, " ... %zu more lines, short:\n", it->nbody - shown);
		if ((left = put_compact(b, c, it, show, clip)))
			buf_putf(b, " ... %zu more lines\n", left);
	} else if (shown < it->nbody) {
		buf_putf(b, " ... %zu more lines\n", it->nbody - shown);
	}
	free(show);
	return cut;
}

/*
 * Is line `line` (text `s`) shown already by an item taken: a template whose example it
 * is, or a trace it belongs to?
 */
/* Is `s` one of the lines of `context` ('\n' apart), white space before them aside? */
static bool in_context(const char *context, const char *s)
{
	size_t n = strlen(s = skip_blank(s));

	for (const char *p = context; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t k = nl ? (size_t)(nl - p) : strlen(p);
		const char *q = skip_blank(p);

		if ((size_t)(p + k - q) == n && !memcmp(q, s, n))
			return true;
		p += k + (nl ? 1 : 0);
	}
	return false;
}

static bool shown_above(const struct ctx *c, const struct item *self, size_t line, const char *s)
{
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		size_t n;

		if (!it->taken || it->st || it == self)
			continue;
		if (it->tr && line && line >= it->tr->first_line && line <= it->tr->first_line + it->nbody)
			return true;
		if (it->t && !strcmp(skip_blank(strip_ts(it->t->example, it->t->first_ts, &n)), skip_blank(s)))
			return true;
		if (it->t && it->context && in_context(it->t->context, s))
			return true;
	}
	return false;
}

/*
 * A failing step: its name and where, then its last `k` lines two spaces in (the lines
 * nearest the exit are the ones kept when the budget is short).
 */
static bool render_step(struct buf *b, const struct ctx *c, const struct item *it, size_t k,
			size_t clip)
{
	const struct digest_step *st = it->st;
	size_t from = st->nlines > k ? st->nlines - k : 0;
	bool cut = false;

	(void)c;
	if (st->exit_line) {
		buf_puts(b, "failing step");
		if (st->title[0]) {
			buf_puts(b, " \"");
			(void)put_clipped(b, st->title, strlen(st->title), 80);
			buf_puts(b, "\"");
		}
	} else {
		buf_puts(b, "last lines of the log");
	}
	buf_putf(b, ", L%zu-%zu", st->line_no[from], st->line_no[st->nlines - 1]);
	if (st->exit_line)
		buf_putf(b, ", failed at L%zu", st->exit_line);
	buf_puts(b, ":\n");
	for (size_t i = from, gap = 0; i < st->nlines; i++) {
		const struct item *t = st->tmpl[i] < c->d->ntemplates ? c->by_tmpl[st->tmpl[i]] : NULL;

		/* a line whose template another item shows (with its count and values) */
		if ((t && t->taken && t != it && !it->whole) || shown_above(c, it, st->line_no[i], st->lines[i])) {
			if (!gap++)
				buf_puts(b, "  ...\n");
			continue;
		}
		gap = 0;
		buf_puts(b, "  ");
		cut |= put_clipped(b, st->lines[i], strlen(st->lines[i]), clip);
		buf_puts(b, "\n");
	}
	return cut;
}

/* Redact what goes out (again: a hand-made digest may hold anything) and count it. */
static size_t finish_text(struct ctx *c, struct buf *text)
{
	buf_reset(&c->tmp);
	if (redact_text(&c->tmp, text->ptr, text->len) < 0)
		xdie("internal error: uncapped buffer refused an append");
	buf_reset(text);
	buf_putf(text, "%.*s", (int)c->tmp.len, c->tmp.ptr);
	if (!text->len || text->ptr[text->len - 1] != '\n')
		buf_puts(text, "\n");
	return tokens_estimate(text->ptr, text->len);
}

/*
 * Render `it` into `out` with `k` trace lines and lines clipped at `clip`; its tokens.
 * `printed` (nbody entries, traces only) receives which body lines the text holds.
 */
static size_t render(struct ctx *c, const struct item *it, struct buf *out, size_t k, size_t clip,
		     bool *cut, bool *printed)
{
	buf_reset(out);
	if (it->sec == S_FIRST) {
		*cut = render_first(out, c, it, clip);
		if (it->context)
			render_context(out, c, it, clip);
		if (it->nvalues)
			render_values(out, it->t, it->nvalues, clip);
	} else if (it->st) {
		*cut = render_step(out, c, it, k, clip);
	} else if (it->tr) {
		bool *own = printed ? NULL : xcalloc(it->nbody + 1, sizeof(*own));

		if (printed)
			memset(printed, 0, it->nbody * sizeof(*printed));
		*cut = render_trace(out, c, it, k, clip, printed ? printed : own);
		free(own);
	} else {
		*cut = render_template(out, c, it->t, clip);
		if (it->context)
			render_context(out, c, it, clip);
		if (it->nvalues)
			render_values(out, it->t, it->nvalues, clip);
	}
	return finish_text(c, out);
}

/* ---- selection ---- */

/* What is left of the budget, room for the "cut:" line as things stand kept. */
static size_t room(const struct ctx *c)
{
	return c->used + c->cut_now < c->budget ? c->budget - c->used - c->cut_now : 0;
}

/* The room for `it`: the first error may take the "cut:" line's room too. */
static size_t avail(const struct ctx *c, const struct item *it)
{
	if (it->sec == S_FIRST)
		return c->used < c->budget ? c->budget - c->used : 0;
	return room(c);
}

static size_t cut_tokens(const struct ctx *c);

/*
 * Make `it` show `k` lines clipped at `clip`, if that fits with the "cut:" line as it
 * then reads; true when it did. The first item of a section also pays for the section's
 * title. The first error (`force`) goes in whatever the "cut:" line needs.
 */
static bool set_item(struct ctx *c, struct item *it, size_t k, size_t clip)
{
	struct item keep = *it;
	bool opened = c->opened[it->sec], force = it->sec == S_FIRST;
	size_t title = it->taken || opened ? 0 : c->title_tokens[it->sec];
	size_t old = it->taken ? it->tokens : 0, used = c->used, cut_now = c->cut_now, cost;
	bool cut, *printed = xcalloc(it->nbody + 1, sizeof(*printed));

	buf_init(&it->text, 0);
	cost = render(c, it, &it->text, k, clip, &cut, printed);
	if (cost + title > old + avail(c, it))
		goto undo;
	c->used = c->used - old + cost + title;
	c->opened[it->sec] = true;
	it->tokens = cost;
	if (!it->taken)
		it->seq = c->seq + 1;
	it->taken = true;
	it->nshow = k;
	if (it->tr) {
		bool *tmp = xcalloc(it->nbody + 1, sizeof(*tmp));

		it->npicked = pick_lines(it, k, tmp);
		free(tmp);
	}
	it->clip = clip;
	it->cut = cut;
	it->printed = printed;
	c->cut_now = cut_tokens(c);
	if (!force && c->used + c->cut_now > c->budget)
		goto undo;
	c->seq += !keep.taken;
	buf_release(&keep.text);
	free(keep.printed);
	return true;
undo:
	buf_release(&it->text);
	free(printed);
	*it = keep;
	c->opened[it->sec] = opened;
	c->used = used;
	c->cut_now = cut_now;
	return false;
}

/* A bisection over one of render()'s two sizes, the other held. */
struct probe {
	struct ctx *c;
	struct item *it;
	size_t fixed;   /* the lines shown (when bisecting the clip), or the clip */
	bool over_clip; /* which one is bisected */
	size_t limit;   /* tokens it may take */
	struct buf text;
	bool *printed;
};

static bool probe_fits(struct probe *p, size_t mid)
{
	bool cut;
	size_t k = p->over_clip ? p->fixed : mid, clip = p->over_clip ? mid : p->fixed;

	return render(p->c, p->it, &p->text, k, clip, &cut, p->printed) <= p->limit;
}

/* The largest value in [lo, hi] that fits (0: none); fitting is monotone in it. */
static size_t bisect(struct probe *p, size_t lo, size_t hi)
{
	size_t best = 0;

	p->text = (struct buf)BUF_INIT;
	p->printed = xcalloc(p->it->nbody + 1, sizeof(*p->printed));
	while (lo <= hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (probe_fits(p, mid)) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	buf_release(&p->text);
	free(p->printed);
	return best;
}

/* What the "cut:" line grows by once `it` is taken with a clipped line ("1 line clipped"). */
static size_t clip_cost(struct ctx *c, struct item *it)
{
	bool taken = it->taken, cut = it->cut;
	size_t tokens;

	it->taken = it->cut = true;
	tokens = cut_tokens(c);
	it->taken = taken;
	it->cut = cut;
	return tokens > c->cut_now ? tokens - c->cut_now : 0;
}

/* The largest clip in [lo, hi] with which `it` fits (0: none). */
static size_t fit_clip(struct ctx *c, struct item *it, size_t k, size_t lo, size_t hi)
{
	size_t title = it->taken || c->opened[it->sec] ? 0 : c->title_tokens[it->sec];
	size_t old = it->taken ? it->tokens : 0, room = old + avail(c, it);
	size_t need = title + (it->sec == S_FIRST ? 0 : clip_cost(c, it));
	struct probe p = {c, it, k, true, room >= need ? room - need : 0, BUF_INIT, NULL};

	if (room < need)
		return 0;
	return bisect(&p, lo, hi);
}

/*
 * Take an item if it fits. A trace gives up lines first (down to 3, then none); an error,
 * a trace or the first error that still does not fit is clipped (down to MIN_CLIP bytes a
 * line, the first error further) rather than dropped.
 */
static bool take(struct ctx *c, struct item *it)
{
	size_t k = it->tr ? (c->max_frames < it->nbody ? c->max_frames : it->nbody) : 0, clip;

	if (it->taken || it->covered || (it->owner && it->owner->taken && it->owner->context))
		return false;
	if (it->st) {
		struct probe p = {c, it, c->line_max, false, room(c), BUF_INIT, NULL};

		return (k = bisect(&p, 1, it->nbody)) && set_item(c, it, k, c->line_max);
	}
	if (set_item(c, it, k, c->line_max))
		return true;
	while (it->tr && k > 0) {
		k = k > 3 ? 3 : k - 1;
		if (set_item(c, it, k, c->line_max))
			return true;
	}
	if (it->sec != S_FIRST && it->sec != S_ERRORS && it->sec != S_TRACES)
		return false;
	clip = fit_clip(c, it, k, it->sec == S_FIRST ? 0 : MIN_CLIP, c->line_max);
	return (clip || it->sec == S_FIRST) && set_item(c, it, k, clip);
}

static void each_in(struct ctx *c, int from, int to, void (*fn)(struct ctx *, struct item *));

/* Show the lines after an error's first line, if the budget allows. */
static void add_context(struct ctx *c, struct item *it)
{
	if (!it->taken || !it->t || it->context || !it->t->context)
		return;
	it->context = true;
	if (!set_item(c, it, it->nshow, it->clip)) {
		it->context = false;
	} else if (c->used + c->cut_now > c->budget) {
		it->context = false; /* as add_values() */
		(void)set_item(c, it, it->nshow, it->clip);
	}
}

/* Does `it` show `n` values of each masked part, within the budget? */
static bool try_values(struct ctx *c, struct item *it, size_t n)
{
	size_t old = it->nvalues;

	it->nvalues = n;
	if (!set_item(c, it, it->nshow, it->clip)) {
		it->nvalues = old;
		return false;
	}
	if (c->used + c->cut_now > c->budget) {
		/* the first error may take the "cut:" line's room; its values may not */
		it->nvalues = old;
		(void)set_item(c, it, it->nshow, it->clip);
		return false;
	}
	return true;
}

/*
 * Show what the masked parts of a folded template took, as many of each as the budget
 * allows: all, else the most that fit (by halves, down to VALUES_FEW or to what it shows
 * already), the first seen first.
 */
static void add_values(struct ctx *c, struct item *it)
{
	size_t most = 0;

	if (!it->taken || !it->t || !has_values(it->t))
		return;
	for (size_t i = 0; i < it->t->nvalues; i++)
		most = it->t->values[i].n > most ? it->t->values[i].n : most;
	for (size_t n = most; n > it->nvalues && n >= VALUES_FEW; n = n / 2 > it->nvalues ? n / 2 : it->nvalues)
		if (try_values(c, it, n))
			return;
}

/* The first error's context and values: what a reader of the first line asks next. */
static void r1_first(struct ctx *c)
{
	each_in(c, S_FIRST, S_FIRST, add_values);
}

/* Show the whole lines of an item that was clipped, if the budget allows. */
static void unclip(struct ctx *c, struct item *it)
{
	if (it->taken && it->cut)
		(void)set_item(c, it, it->nshow, FULL_LINE);
}

/*
 * What is left at the end goes to the failing step's lines whose template another item
 * shows too: each with its own values. Taken when it shows at least as many lines.
 */
static size_t printed_lines(const struct buf *text)
{
	size_t n = 0;

	for (const char *s = text->ptr; (s = strstr(s, "\n  ")); s++)
		n += strncmp(s, "\n  ...\n", 7) != 0;
	return n;
}

static void refill(struct ctx *c, struct item *it)
{
	struct probe p = {c, it, it->clip, false, it->tokens + room(c), BUF_INIT, NULL};
	struct buf now = BUF_INIT;
	size_t best, before;
	bool cut;

	if (!it->taken || !it->st || it->whole)
		return;
	before = printed_lines(&it->text);
	it->whole = true;
	if ((best = bisect(&p, 1, it->nbody))) {
		(void)render(c, it, &now, best, it->clip, &cut, NULL);
		if (printed_lines(&now) > before && set_item(c, it, best, it->clip)) {
			buf_release(&now);
			return;
		}
	}
	buf_release(&now);
	it->whole = false;
}

/* Would `it` with `k` lines (its clip held) fit where it stands? */
static bool fits_as(struct ctx *c, struct item *it, size_t k)
{
	struct buf text = BUF_INIT;
	bool cut, *printed = xcalloc(it->nbody + 1, sizeof(*printed));
	size_t title = it->taken || c->opened[it->sec] ? 0 : c->title_tokens[it->sec];
	size_t cost = render(c, it, &text, k, it->clip, &cut, printed) + title;

	buf_release(&text);
	free(printed);
	return cost <= (it->taken ? it->tokens : 0) + avail(c, it);
}

/*
 * Of the lines a trace shows short, as many as fit after its `it->nshow` whole ones, at
 * least `from` (keep_frames says which); true when that is more than it shows now.
 */
static bool shorten_some(struct ctx *c, struct item *it, size_t from)
{
	size_t lo = from, hi = it->nbody - it->nshow, best = 0, old = it->nshort;

	while (lo <= hi) {
		size_t m = lo + (hi - lo) / 2;

		it->nshort = m;
		if (fits_as(c, it, it->nshow))
			best = m, lo = m + 1;
		else
			hi = m - 1;
	}
	it->nshort = best == it->nbody - it->nshow ? 0 : best; /* all of them */
	if (best && set_item(c, it, it->nshow, it->clip))
		return true;
	it->nshort = old;
	return false;
}

/*
 * Show the lines of a trace taken that it does not show whole, short (put_compact), with
 * as many whole lines as then fit (down to SHORT_WHOLE: the top frames are the ones read
 * whole; a short frame costs about half a whole one); when not all of them fit even so,
 * as many as do after the whole lines it has, and more of them on a later call.
 */
static void shorten_rest(struct ctx *c, struct item *it)
{
	size_t lo, hi, best = SIZE_MAX;

	if (!it->taken || !it->tr || it->nshow >= it->nbody)
		return;
	if (it->short_rest) {
		if (it->nshort)
			(void)shorten_some(c, it, it->nshort + 1);
		return;
	}
	it->short_rest = true;
	for (lo = it->nshow < SHORT_WHOLE ? it->nshow : SHORT_WHOLE, hi = it->nshow + 1; lo < hi;) {
		size_t k = lo + (hi - lo) / 2;

		if (fits_as(c, it, k))
			best = k, lo = k + 1;
		else
			hi = k;
	}
	if (best != SIZE_MAX ? !set_item(c, it, best, it->clip) : !shorten_some(c, it, 1))
		it->short_rest = false;
}

/* Show more lines of a trace already taken: as many as the budget allows. */
static void expand(struct ctx *c, struct item *it)
{
	struct probe p = {c, it, it->clip, false, it->tokens + room(c), BUF_INIT, NULL};
	size_t best;

	if (!it->taken || (!it->tr && !it->st) || it->nshow >= it->nbody)
		return;
	if ((best = bisect(&p, it->nshow + 1, it->nbody)))
		(void)set_item(c, it, best, it->clip);
}

static bool shape_taken(const struct ctx *c, const struct item *it)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].taken && c->items[i].t && &c->items[i] != it &&
		    c->items[i].shape == it->shape)
			return true;
	return false;
}

/*
 * Take the untaken items of section `s` (errors: of at least `strength`) in rank order.
 * Errors go in two passes: first those unlike any error shown already (novelty), then,
 * unless `novel_only`, the rest.
 */
static void take_section(struct ctx *c, enum section s, int strength, bool novel_only)
{
	for (int pass = s == S_ERRORS ? 0 : 1; pass < (novel_only ? 1 : 2); pass++)
		for (size_t i = 0; i < c->nitems; i++)
			if (c->order[i]->sec == s && !c->order[i]->taken &&
			    c->order[i]->strength >= strength && (pass || !shape_taken(c, c->order[i])))
				(void)take(c, c->order[i]);
}

static void each_in(struct ctx *c, int from, int to, void (*fn)(struct ctx *, struct item *))
{
	for (size_t i = 0; i < c->nitems; i++)
		if ((int)c->order[i]->sec >= from && (int)c->order[i]->sec <= to)
			fn(c, c->order[i]);
}

/* Run `fn` with the budget capped: at most `share` of the whole budget more is spent. */
static void capped(struct ctx *c, double share, void (*fn)(struct ctx *))
{
	size_t budget = c->budget, cap;

	if (budget != SIZE_MAX) {
		cap = (size_t)((double)budget * share);
		c->budget = c->used + cap < budget ? c->used + cap : budget;
	}
	fn(c);
	c->budget = budget;
}

/* The failing steps' last lines, the first failure first. */
static void r1_steps(struct ctx *c)
{
	take_section(c, S_STEP, 0, false);
}

/*
 * Lines a failing step shows already are not shown again: templates first seen there
 * (their example is that line), and traces that lie wholly there.
 */
static void cover(struct ctx *c)
{
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *s = &c->items[i];
		size_t from, last;

		if (!s->st || !s->taken)
			continue;
		from = s->st->nlines - s->nshow;
		last = s->st->line_no[s->st->nlines - 1];
		for (size_t j = 0; j < c->nitems; j++) {
			struct item *it = &c->items[j];
			size_t at = item_line(it);

			if (it->taken || it->st || it->sec == S_FIRST || at < s->st->line_no[from] ||
			    at > last || (it->tr && at + it->nbody > last))
				continue;
			for (size_t k = from; k < s->st->nlines && !it->covered; k++)
				it->covered = s->st->line_no[k] == at;
		}
	}
}

/* Errors that read as failures; the digest's word alone waits for the second round. */
static void r1_errors(struct ctx *c)
{
	take_section(c, S_ERRORS, ROUND1_STRENGTH, false);
}

/*
 * Traces right by a failure line first: every line of theirs, the top ones whole and the
 * rest short, then as many whole as the share allows.
 */
static void r1_traces(struct ctx *c)
{
	size_t taken = 0;

	for (size_t i = 0; i < c->nitems && taken < ROUND1_TRACES; i++)
		if (c->order[i]->tr && c->order[i]->related)
			taken += take(c, c->order[i]);
	each_in(c, S_TRACES, S_TRACES, shorten_rest);
	each_in(c, S_TRACES, S_TRACES, expand);
}

/* The values of the errors shown: the five package names behind one "cannot download". */
static void r1_values(struct ctx *c)
{
	each_in(c, S_FIRST, S_ERRORS, add_values);
}

static void r1_changes(struct ctx *c)
{
	take_section(c, S_CHANGES, 0, false);
}

static void r1_warnings(struct ctx *c)
{
	take_section(c, S_WARNINGS, 0, false);
}

/*
 * The order in which the budget is spent. First round, each kind within its share: the
 * first error's values (10%), errors that read as failures (unlike ones first), their
 * values (13%: the names behind a folded line say more than a trace's tenth frame),
 * traces by a failure line with as many lines as fit, change points, warnings. Second
 * round, as
 * far as the budget goes: errors unlike those shown, the whole of clipped error lines,
 * more trace lines, the other traces, change points and warnings, the errors' context
 * lines and values, the failing steps' last lines (25%), then errors like those shown
 * (more of the same says less than a new line), the rest, more of the failing steps,
 * and last the whole of other clipped lines. (Measured on the CiDiff logs: the failing
 * step any earlier costs more labelled lines than it keeps.)
 */
static void select_items(struct ctx *c)
{
	capped(c, 0.10, r1_first);
	capped(c, SHARE_ERRORS, r1_errors);
	capped(c, SHARE_VALUES, r1_values);
	capped(c, SHARE_TRACES, r1_traces);
	capped(c, SHARE_CHANGES, r1_changes);
	capped(c, SHARE_WARNINGS, r1_warnings);
	take_section(c, S_ERRORS, 0, true);
	each_in(c, S_FIRST, S_ERRORS, unclip);
	each_in(c, S_TRACES, S_TRACES, shorten_rest);
	each_in(c, S_TRACES, S_TRACES, expand);
	take_section(c, S_TRACES, 0, false);
	take_section(c, S_CHANGES, 0, false);
	take_section(c, S_WARNINGS, 0, false);
	each_in(c, S_FIRST, S_ERRORS, add_context);
	each_in(c, S_FIRST, S_ERRORS, add_values);
	capped(c, SHARE_STEP, r1_steps);
	cover(c);
	take_section(c, S_ERRORS, 0, false);
	each_in(c, S_TRACES, S_TRACES, expand);
	take_section(c, S_OTHER, 0, false);
	each_in(c, S_STEP, S_STEP, expand);
	each_in(c, S_STEP, S_STEP, refill);
	each_in(c, S_TRACES, S_OTHER, unclip);
}

/* ---- the whole text ---- */

static void put_summary(struct buf *b, const struct ctx *c)
{
	const struct digest *d = c->d;

	buf_putf(b, "log: %zu lines, ", d->lines);
	if (d->bytes >= (10u << 20))
		buf_putf(b, "%zu MiB", d->bytes >> 20);
	else if (d->bytes >= (10u << 10))
		buf_putf(b, "%zu KiB", d->bytes >> 10);
	else
		buf_putf(b, "%zu bytes", d->bytes);
	buf_putf(b, ", %zu error lines, %zu warning lines", d->error_lines, d->warn_lines);
	if (d->secrets)
		buf_putf(b, ", %zu secrets redacted", d->secrets);
	if (d->first_ts[0]) {
		buf_puts(b, ", ");
		put_time(b, c, d->first_ts);
		buf_puts(b, " .. ");
		put_time(b, c, d->last_ts);
	}
	buf_puts(b, "\n");
}

static void put_count(struct buf *b, const char **sep, size_t n, const char *what)
{
	if (!n)
		return;
	buf_putf(b, "%s%zu %s%s", *sep, n, what, n == 1 ? "" : "s");
	*sep = ", ";
}

static void put_cut(struct buf *b, const struct distill_report *r)
{
	const char *sep = "cut: ";

	put_count(b, &sep, r->cut_errors, "error template");
	put_count(b, &sep, r->cut_templates, "other template");
	put_count(b, &sep, r->cut_traces, "stack trace");
	put_count(b, &sep, r->cut_trace_lines, "trace line");
	if (r->clipped)
		buf_putf(b, "%s%zu line%s clipped", sep, r->clipped, r->clipped == 1 ? "" : "s");
	if (b->len)
		buf_puts(b, "\n");
}

static void count_cuts(const struct ctx *c, struct distill_report *r)
{
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];

		r->clipped += it->taken && it->cut;
		if (it->st || it->covered || (it->owner && it->owner->taken && it->owner->context)) {
			continue;
		} else if (it->tr && it->taken) {
			r->traces += it->variants;
			r->cut_trace_lines += it->nbody - it->npicked;
		} else if (it->tr) {
			r->cut_traces += it->variants;
		} else if (it->taken) {
			r->templates++;
		} else if (it->sec == S_ERRORS) {
			r->cut_errors++;
		} else {
			r->cut_templates++;
		}
	}
}

/* Tokens of the "cut:" line as things stand (0: nothing is cut). */
static size_t cut_tokens(const struct ctx *c)
{
	struct distill_report r = {0};
	struct buf b = BUF_INIT;
	size_t tokens;

	count_cuts(c, &r);
	put_cut(&b, &r);
	tokens = tokens_estimate(b.ptr, b.len);
	buf_release(&b);
	return tokens;
}

static void assemble(struct buf *text, struct ctx *c, const struct buf *summary, const struct buf *cut)
{
	struct item **v = xcalloc(c->nitems + 1, sizeof(*v));

	buf_putf(text, "%.*s", (int)summary->len, summary->ptr);
	for (int s = 0; s < S_COUNT; s++) {
		size_t k = 0;

		for (size_t i = 0; i < c->nitems; i++)
			if (c->items[i].taken && c->items[i].sec == (enum section)s)
				v[k++] = &c->items[i];
		if (!k)
			continue;
		qsort(v, k, sizeof(*v), by_line);
		buf_puts(text, SECTION_TITLE[s]);
		for (size_t i = 0; i < k; i++)
			buf_putf(text, "%.*s", (int)v[i]->text.len, v[i]->text.ptr);
	}
	buf_putf(text, "%.*s", (int)cut->len, cut->ptr);
	free(v);
}

int distill_render(struct buf *out, const struct digest *d, const struct distill_opts *o,
		   struct distill_report *report)
{
	static const struct distill_opts defaults = DISTILL_OPTS_INIT;
	struct ctx c;
	struct distill_report r = {0};
	struct buf summary = BUF_INIT, cut = BUF_INIT, text = BUF_INIT, lead = BUF_INIT;
	size_t cost;
	int error;

	if (!o)
		o = &defaults;
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.line_max = o->line_max > MIN_CLIP ? o->line_max : o->line_max ? MIN_CLIP : DEFAULT_LINE_MAX;
	c.max_frames = o->max_frames ? o->max_frames : DEFAULT_FRAMES;
	c.budget = !o->budget_tokens			    ? SIZE_MAX
		   : o->budget_tokens < DISTILL_MIN_BUDGET ? DISTILL_MIN_BUDGET
							   : o->budget_tokens;
	c.same_day = same_day(d);
	c.ci = d->nsteps > 0;
	buf_init(&c.tmp, 0);
	for (int s = 0; s < S_COUNT; s++)
		c.title_tokens[s] = tokens_estimate(SECTION_TITLE[s], strlen(SECTION_TITLE[s]));
	build_items(&c);

	/* the caller's lead line, the first error whatever the budget, the summary, the rest,
	 * then what was cut */
	c.cut_now = cut_tokens(&c);
	if (o->lead) {
		buf_putf(&lead, "%.*s", (int)strcspn(o->lead, "\n"), o->lead);
		cost = finish_text(&c, &lead);
		if (cost <= room(&c))
			c.used += cost;
		else
			buf_reset(&lead);
	}
	if (d->first_error)
		(void)take(&c, &c.items[0]);
	put_summary(&summary, &c);
	cost = finish_text(&c, &summary);
	if (cost <= room(&c))
		c.used += cost;
	else
		buf_reset(&summary);
	select_items(&c);
	count_cuts(&c, &r);
	if (c.used + c.cut_now <= c.budget)
		put_cut(&cut, &r);
	buf_putf(&text, "%.*s", (int)lead.len, lead.ptr);
	assemble(&text, &c, &summary, &cut);
	r.tokens = tokens_estimate(text.ptr, text.len);
	if (r.tokens > c.budget)
		xdie("internal error: distilled text of %zu tokens over its budget of %zu", r.tokens,
		     c.budget);
	error = buf_add(out, text.ptr, text.len);
	if (!error && report)
		*report = r;

	for (size_t i = 0; i < c.nitems; i++) {
		buf_release(&c.items[i].text);
		free(c.items[i].body);
		free(c.items[i].printed);
	}
	free(c.items);
	free(c.order);
	free(c.by_tmpl);
	free(c.refs);
	free(c.anchors);
	free(c.strong);
	buf_release(&c.tmp);
	buf_release(&summary);
	buf_release(&lead);
	buf_release(&cut);
	buf_release(&text);
	return error;
}
