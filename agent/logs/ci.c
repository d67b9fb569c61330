#include "common.h"
#include "logs/ci.h"
#include "logs/failure.h"
#include "logs/lex.h"
#include "logs/stamp.h"
#include "logs/template.h"
#include "util/alloc.h"

#include <assert.h>

/*
 * The CI structure of a log (ci.h). Knowledge is in the tables below: how each CI system
 * says a step starts or a job failed, and which lines are the runner's own noise.
 */

/* ---- what a line says ---- */

/*
 * A non-zero exit: the line starts with `prefix`; when `needle` is set it follows
 * somewhere after; when `code` is set a number other than 0 comes right after the last
 * of the two.
 */
struct exit_rule {
	const char *prefix;
	size_t len; /* of the prefix */
	const char *needle;
	bool code;
};

#define P(lit) lit, sizeof(lit) - 1
static const struct exit_rule EXITS[] = {
	{P("##[error]Process completed with exit code "), NULL, true},
	{P("Error: Process completed with exit code "), NULL, true},
	{P("Process completed with exit code "), NULL, true},
	{P("##[error]The operation was canceled"), NULL, false},
	{P("##[error]The job running on runner "), NULL, false},
	{P("##[error]The runner has received a shutdown signal"), NULL, false},
	{P("The command \""), "\" exited with ", true},              /* Travis */
	{P("Done. Your build exited with "), NULL, true},              /* Travis */
	{P("ERROR: Job failed"), NULL, false},                         /* GitLab */
	{P("ERROR: script returned exit code "), NULL, true},          /* Jenkins */
	{P("Build step '"), "' marked build as failure", false},       /* Jenkins */
	{P("Finished: FAILURE"), NULL, false},                         /* Jenkins */
	{P("Exited with code exit status "), NULL, true},              /* CircleCI */
	{P("Exited with code "), NULL, true},
	{P("Command exited with non-zero status "), NULL, true},
	{P("error Command failed with exit code "), NULL, true},       /* yarn */
	{P("npm ERR! code ELIFECYCLE"), NULL, false},
};
#undef P

/* Runner set-up, checkout, caches, downloads, deprecation notices: prefixes of noise. */
static const char *const NOISE[] = {
	/* the runner and its actions */
	"Current runner version", "Runner name: ", "Machine name: ", "Secret source: ",
	"Prepare workflow directory", "Prepare all required actions", "Getting action download info",
	"Download action repository '", "Download immutable action package ", "Complete job name: ",
	"Post job cleanup.", "Cleaning up orphan processes", "Terminate orphan process",
	"Node 20 is being deprecated", "Node.js 20 is deprecated", "Node.js 16 actions are deprecated",
	/* checkout */
	"[command]/usr/bin/git ", "hint:", "Syncing repository: ", "Working directory is '",
	"git version ", "Temporarily overriding HOME=", "Adding repository directory to the temporary git",
	"Deleting the contents of '", "Initialized empty Git repository in ", "Determining the checkout info",
	"Switched to a new branch ", "Reset branch '", "Receiving objects: ", "Resolving deltas: ",
	"Unpacking objects: ", "remote: Enumerating objects", "remote: Counting objects",
	"remote: Compressing objects", "remote: Total ",
	/* caches */
	"Cache hit for", "Cache not found for", "Cache restored ", "Cache Size: ", "Cache saved ",
	"Received ", "Found in cache @", "Attempting to download ", "Acquiring ", "Adding to the cache ",
	/* package managers and build tools fetching what they need */
	"npm warn deprecated ", "npm WARN deprecated ", "npm notice ", "Downloading from ",
	"Downloaded from ", "Progress (", "Download http", "Downloading http", "Downloading ",
	"Downloaded ", "Collecting ", "Using cached ", "Requirement already satisfied: ",
	"go: downloading ", "go: finding ", "Get:", "Hit:", "Ign:", "Fetched ", "Reading package lists",
	"Building dependency tree", "Reading state information", "Selecting previously unselected package ",
	"Preparing to unpack ", "Unpacking ", "Processing triggers for ",
};

static bool starts(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && !memcmp(s, w, k);
}

/* A number other than 0 at s[i] (after optional spaces). */
static bool nonzero_at(const char *s, size_t n, size_t i)
{
	bool any = false;

	while (i < n && s[i] == ' ')
		i++;
	for (; i < n && is_digit((unsigned char)s[i]); i++)
		any |= s[i] != '0';
	return any;
}

static bool exit_rule_matches(const struct exit_rule *r, const char *s, size_t n)
{
	size_t at = r->len;
	const char *p;

	if (n < at || s[1] != r->prefix[1] || s[0] != r->prefix[0] || s[at - 1] != r->prefix[at - 1] ||
	    memcmp(s, r->prefix, at))
		return false;
	if (r->needle) {
		if (!(p = lex_search(s + at, n - at, r->needle)))
			return false;
		at = (size_t)(p - s) + strlen(r->needle);
	}
	return !r->code || nonzero_at(s, n, at);
}

/*
 * A table of prefixes by their first byte, worked out once (a counting sort): a line is
 * compared with the few that start as it does. Every line the full path reads is asked.
 */
struct prefix_index {
	bool ready;
	uint16_t from[257];
	uint8_t order[128];
};

static void index_build(struct prefix_index *x, const char *(*prefix)(size_t), size_t n)
{
	uint16_t at[256] = {0};

	for (size_t i = 0; i < n; i++)
		x->from[(unsigned char)prefix(i)[0] + 1]++;
	for (size_t c = 0; c < 256; c++) {
		x->from[c + 1] = (uint16_t)(x->from[c + 1] + x->from[c]);
		at[c] = x->from[c];
	}
	for (size_t i = 0; i < n; i++)
		x->order[at[(unsigned char)prefix(i)[0]]++] = (uint8_t)i;
	x->ready = true;
}

static const char *noise_prefix(size_t i)
{
	return NOISE[i];
}

static const char *exit_prefix(size_t i)
{
	return EXITS[i].prefix;
}

static struct prefix_index noise_x, exit_x;

static_assert(ARRAY_SIZE(NOISE) <= 128 && ARRAY_SIZE(EXITS) <= 128, "prefix_index.order");

/* The name after a fold marker: up to white space, '[' or the end. */
static size_t name_len(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '[' && s[k] != '\r')
		k++;
	return k;
}

enum ci_mark ci_mark(const char *s, size_t n, const char **title, size_t *title_len)
{
	const char *t = NULL;
	size_t k = 0, i;
	enum ci_mark r = CI_PLAIN;

	*title = NULL;
	*title_len = 0;
	if (!n || !ci_may_mark(s[0]))
		return CI_PLAIN;
	if (HAS_PREFIX(s, n, "##[group]Run ")) {
		t = s + 13;
		k = n - 13;
		r = CI_HEADER;
	} else if (HAS_PREFIX(s, n, "##[endgroup]")) {
		r = CI_HEADER_END;
	} else if (HAS_PREFIX(s, n, "travis_fold:start:")) {
		t = s + 18;
		k = name_len(t, n - 18);
		r = CI_STEP;
	} else if (HAS_PREFIX(s, n, "section_start:")) {
		for (i = 14; i < n && (is_digit((unsigned char)s[i]) || s[i] == ':'); i++)
			;
		t = s + i;
		k = name_len(t, n - i);
		r = CI_STEP;
	} else if (HAS_PREFIX(s, n, "[Pipeline] { (")) {
		const char *e = memchr(s + 14, ')', n - 14);

		t = s + 14;
		k = e ? (size_t)(e - t) : n - 14;
		r = CI_STEP;
	} else if (HAS_PREFIX(s, n, "Post job cleanup.")) {
		t = s;
		k = 16;
		r = CI_STEP;
	}
	if (r == CI_PLAIN) {
		if (!exit_x.ready)
			index_build(&exit_x, exit_prefix, ARRAY_SIZE(EXITS));
		for (size_t e = exit_x.from[(unsigned char)s[0]]; e < exit_x.from[(unsigned char)s[0] + 1] && !r; e++)
			if (exit_rule_matches(&EXITS[exit_x.order[e]], s, n))
				r = CI_EXIT;
	}
	*title = t;
	*title_len = k;
	return r;
}

/* A progress bar: a run of 10 or more bar characters ('#', '=', '>', '.', block or box runes). */
static bool progress_bar(const char *s, size_t n)
{
	size_t run = 0, best = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '#' || c == '=' || c == '>' || c == '.') {
			run++;
		} else if (c == 0xE2 && i + 2 < n && ((unsigned char)s[i + 1] == 0x94 ||
						     (unsigned char)s[i + 1] == 0x95 ||
						     (unsigned char)s[i + 1] == 0x96)) {
			run++; /* U+2500..U+25BF: box drawing and blocks */
			i += 2;
		} else {
			run = 0;
		}
		if (run > best)
			best = run;
	}
	return best >= 10;
}

/* Where a progress bar can start: a bracket, a bar character, a number, a box rune. */
static bool bar_start(unsigned char c)
{
	return c == '[' || c == '#' || c == '=' || c == '|' || c == 0xE2 || (c >= '0' && c <= '9');
}

bool ci_noise(const char *s, size_t n)
{
	const struct prefix_index *x = &noise_x;

	lex_trim(&s, &n);
	if (HAS_PREFIX(s, n, "##[warning]")) {
		s += 11;
		n -= 11;
	} else if (HAS_PREFIX(s, n, "##[notice]")) {
		s += 10;
		n -= 10;
	}
	if (!n)
		return false;
	if (!noise_x.ready)
		index_build(&noise_x, noise_prefix, ARRAY_SIZE(NOISE));
	for (size_t k = x->from[(unsigned char)s[0]]; k < x->from[(unsigned char)s[0] + 1]; k++) {
		const char *w = NOISE[x->order[k]];

		if (s[1] == w[1] && starts(s, n, w))
			return true;
	}
	/* a progress bar says how far it got: a percentage */
	return n >= 10 && bar_start((unsigned char)s[0]) && memchr(s, '%', n) && progress_bar(s, n);
}

/*
 * "public void t() throws java.lang.Exception {": a method declared (source code a test
 * prints), no exception thrown.
 */
static bool throws_declaration(const char *s, size_t n)
{
	static const char throws[] = ") throws ";

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || s[n - 1] != '{')
		return false;
	for (size_t i = 0; i + sizeof(throws) - 1 < n; i++)
		if (!memcmp(s + i, throws, sizeof(throws) - 1))
			return true;
	return false;
}

bool ci_source(const char *s, size_t n)
{
	size_t i = 0, d;
	bool caret = false;

	if (HAS_PREFIX(s, n, "+ ") || HAS_PREFIX(s, n, "++ "))
		return true; /* a shell's trace of the command it runs */
	if (throws_declaration(s, n))
		return true;
	while (i < n && s[i] == ' ')
		i++;
	for (d = i; d < n && is_digit((unsigned char)s[d]); d++)
		;
	if (d > i) {
		while (d < n && s[d] == ' ')
			d++;
		return d < n && s[d] == '|'; /* "  12 |     return err;" */
	}
	for (; i < n; i++) {
		if (s[i] == '^')
			caret = true;
		else if (s[i] != ' ' && s[i] != '~' && s[i] != '-' && s[i] != '|')
			return false;
	}
	return caret; /* "      ^~~~" */
}

bool ci_diagnostic(const char *s, size_t n)
{
	static const char *const kinds[] = {" error", " warning", " note:", " fatal error"};
	size_t first = 0;

	/* the file's name and position start the line: look no further than its first token */
	while (first < n && s[first] != ' ' && s[first] != '\t')
		first++;
	for (const char *p = s; (p = memchr(p, ':', first - (size_t)(p - s))); p++) {
		size_t i = (size_t)(p - s) + 1, k, a = (size_t)(p - s);

		if (i >= n || !is_digit((unsigned char)s[i]) || p == s)
			continue;
		while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\t')
			a--; /* the file's name: a path or a name with an extension */
		if (!memchr(s + a, '.', (size_t)(p - s) - a) && !memchr(s + a, '/', (size_t)(p - s) - a))
			return false;
		while (i < n && (is_digit((unsigned char)s[i]) || s[i] == ':'))
			i++;
		if (s[i - 1] != ':')
			continue;
		for (k = 0; k < ARRAY_SIZE(kinds); k++)
			if (starts(s + i, n - i, kinds[k]))
				return true;
		return false;
	}
	return false;
}

size_t ci_gh_prefix(const char *s, size_t n, const char **step, size_t *step_len)
{
	const char *t1 = memchr(s, '\t', n < 256 ? n : 256), *t2;
	size_t at;

	if (!t1 || !(t2 = memchr(t1 + 1, '\t', (size_t)(s + n - t1 - 1))))
		return 0;
	at = (size_t)(t2 - s) + 1;
	/* an ISO time stamp follows: "2024-01-02T03:04:05" */
	if (n < at + 20 || !is_digit((unsigned char)s[at]) || s[at + 4] != '-' || s[at + 10] != 'T' ||
	    s[at + 13] != ':')
		return 0;
	*step = t1 + 1;
	*step_len = (size_t)(t2 - t1 - 1);
	return at;
}

/* Failures that do not end the step: the step's last lines are kept when it ends. */
static const char *const SOFT_FAILURES[] = {
	"##[error]", "[INFO] BUILD FAILURE", "BUILD FAILURE", "BUILD FAILED",
	"FAILURE: Build failed with an exception",
};

static bool soft_failure(const char *s, size_t n)
{
	if (!ci_may_mark(s[0]))
		return false; /* asked of every line */
	for (size_t i = 0; i < ARRAY_SIZE(SOFT_FAILURES); i++)
		if (s[0] == SOFT_FAILURES[i][0] && starts(s, n, SOFT_FAILURES[i]))
			return true;
	return false;
}

/* ---- the miner's side ---- */

void ci_begin(struct miner *m)
{
	struct ci_state *c = &m->ci;

	for (size_t i = 0; i < CI_RING; i++)
		buf_init(&c->ring[i].b, 0);
	buf_init(&c->title, 0);
	buf_init(&c->gh_step, 0);
	c->taken_line = m->d->lines; /* a digest that goes on: the earlier lines are not this pass's */
}

void ci_release(struct miner *m)
{
	for (size_t i = 0; i < CI_RING; i++)
		buf_release(&m->ci.ring[i].b);
	buf_release(&m->ci.title);
	buf_release(&m->ci.gh_step);
}

void ci_own_slot(struct ci_slot *sl)
{
	if (sl->own)
		return;
	buf_reset(&sl->b);
	put(&sl->b, sl->s, lex_clip(sl->s, sl->n, sl->n)); /* whole characters */
	sl->s = sl->b.ptr;
	sl->own = true;
}

void ci_own(struct miner *m, const char *lo, const char *hi)
{
	for (size_t i = 0; i < m->ci.count; i++) {
		struct ci_slot *sl = &m->ci.ring[(m->ci.head + i) & (CI_RING - 1)];

		if (!sl->own && sl->s >= lo && sl->s < hi)
			ci_own_slot(sl);
	}
}


/* The kept lines from line `from` on become a failing step of the digest. */
static void snapshot(struct miner *m, size_t exit_line, size_t from)
{
	struct digest *d = m->d;
	struct ci_state *c = &m->ci;
	struct digest_step *st;
	size_t k = 0;

	for (size_t i = 0; i < c->count; i++)
		k += c->ring[(c->head + i) & (CI_RING - 1)].line >= from;
	if (!k)
		return;
	c->taken_line = c->ring[(c->head + c->count - 1) & (CI_RING - 1)].line;
	c->exited = true;
	if (d->nsteps >= DIGEST_MAX_STEPS)
		return;
	d->steps = xrealloc(d->steps, (d->nsteps + 1) * sizeof(*d->steps));
	st = &d->steps[d->nsteps++];
	memset(st, 0, sizeof(*st));
	st->title = lex_clipdup(c->title.ptr, c->title.len, 240);
	st->first_line = c->step_line;
	st->exit_line = exit_line;
	st->lines = xcalloc(k, sizeof(*st->lines));
	st->line_no = xcalloc(k, sizeof(*st->line_no));
	st->tmpl = xcalloc(k, sizeof(*st->tmpl));
	for (size_t i = 0; i < c->count; i++) {
		const struct ci_slot *sl = &c->ring[(c->head + i) & (CI_RING - 1)];
		const char *t;
		struct prefix p;
		size_t tn;

		if (sl->line < from)
			continue;
		stamp_prefix(sl->s, sl->n, &p);
		t = sl->s + p.rest;
		tn = sl->n - p.rest;
		lex_trim(&t, &tn);
		st->lines[st->nlines] = lex_clipdup(t, tn, DIGEST_STEP_LINE_MAX);
		st->tmpl[st->nlines] = sl->tmpl;
		st->line_no[st->nlines++] = sl->line;
	}
}

static size_t step_from(const struct ci_state *c)
{
	return c->step_line > c->taken_line ? c->step_line : c->taken_line + 1;
}

static void step_start(struct miner *m, size_t line, const char *title, size_t len)
{
	struct ci_state *c = &m->ci;

	if (c->failed)
		snapshot(m, c->fail_line, step_from(c));
	c->failed = false;
	c->marked = true;
	c->step_line = line;
	buf_reset(&c->title);
	put(&c->title, title, len);
}

void ci_step_named(struct miner *m, const char *name, size_t len)
{
	struct ci_state *c = &m->ci;

	if (c->gh_step.len == len && !memcmp(c->gh_step.ptr, name, len))
		return;
	buf_reset(&c->gh_step);
	put(&c->gh_step, name, len);
	c->gh_new = true;
	c->quiet = false;
}

void ci_tag(struct miner *m, size_t lineno, uint32_t idx)
{
	struct ci_state *c = &m->ci;
	struct ci_slot *sl;

	if (!c->count)
		return;
	sl = &c->ring[(c->head + c->count - 1) & (CI_RING - 1)];
	if (sl->line == lineno)
		sl->tmpl = idx;
}

void ci_context_start(struct miner *m, uint32_t idx, size_t lineno)
{
	m->ci.ctx_tmpl = idx;
	m->ci.ctx_left = DIGEST_CONTEXT_LINES;
	m->ci.ctx_from = lineno;
	m->ci.quiet = false;
}

/*
 * One more line after an error template's first line: its context, unless it is an
 * error itself (which has its own) or a stack trace line (the trace shows it).
 */
static void context_line(struct miner *m, const char *s, size_t n, int level, bool noise)
{
	struct digest_template *t;
	struct buf b = BUF_INIT;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (level >= DIGEST_ERROR || m->tr.kind != TR_NONE || !n || failure_like(s, n) == 2) {
		m->ci.ctx_left = 0; /* a blank line ends the message too, and a failure of its own */
		return;
	}
	if (noise)
		return;
	t = &m->d->templates[template_find(m, m->ci.ctx_tmpl)];
	if (t->context)
		buf_putf(&b, "%s\n", t->context);
	put(&b, s, lex_clip(s, n, DIGEST_CONTEXT_LINE_MAX));
	free(t->context);
	t->context = buf_detach(&b);
	m->ci.ctx_left--;
}

int ci_line(struct miner *m, const char *s, size_t n, const char *body, size_t lineno, int level,
	    bool lazy, int *noise)
{
	struct ci_state *c = &m->ci;
	const char *b = body, *t = NULL;
	size_t bn = n - (size_t)(body - s), tl = 0;
	enum ci_mark k;
	bool src, diag;

	if (!c->started) {
		c->started = true;
		c->preamble = HAS_PREFIX(b, bn, "Current runner version");
	}
	if (c->gh_new) {
		c->gh_new = false;
		step_start(m, lineno, c->gh_step.ptr, c->gh_step.len);
	}
	/* only a line that would count as a warning or error is judged (before the trim: the
	 * indentation says it) */
	src = level >= DIGEST_WARN && ci_source(b, bn);
	while (bn && (*b == ' ' || *b == '\t')) {
		b++;
		bn--;
	}
	k = ci_mark(b, bn, &t, &tl);
	if (k == CI_HEADER || k == CI_STEP) {
		step_start(m, lineno, t, tl);
		c->preamble = false;
		/* the runner's clean-up after the steps is as much noise as its set-up */
		c->post = k == CI_STEP && HAS_PREFIX(b, bn, "Post job cleanup.");
	}
	c->context = c->header || c->preamble || c->after_diag;
	diag = level >= DIGEST_WARN && ci_diagnostic(b, bn);
	src |= c->header || k == CI_HEADER ||
	       (c->after_diag && !diag && failure_like(b, bn) < 2); /* "make: ***" is no source */
	c->source = src;
	c->after_diag = diag;
	if (*noise < 0)
		*noise = k != CI_EXIT && (c->preamble || c->post || (ci_noise(b, bn) && !failure_like(b, bn)));
	if (k == CI_EXIT) {
		ci_push(m, s, n, lineno, lazy);
		c->marked = true;
		c->failed = false;
		snapshot(m, lineno, step_from(c));
	} else {
		/* a source line after a diagnostic stays: it shows where the error is */
		if (!*noise && !c->header && k != CI_HEADER && bn && k != CI_HEADER_END)
			ci_push(m, s, n, lineno, lazy);
		if (!c->failed && bn && soft_failure(b, bn)) {
			c->failed = true;
			c->fail_line = lineno;
		}
	}
	if (k == CI_HEADER || k == CI_HEADER_END)
		c->header = k == CI_HEADER;
	if ((*noise || src) && level > DIGEST_INFO)
		level = DIGEST_INFO;
	if (c->ctx_left && lineno > c->ctx_from)
		context_line(m, b, bn, level, *noise);
	c->quiet = !c->gh_new && !c->header && !c->post && !c->after_diag && !c->ctx_left;
	return level;
}

bool ci_context(const struct miner *m)
{
	return m->ci.header || m->ci.preamble || m->ci.post || m->ci.after_diag || m->ci.gh_new;
}

void ci_finish(struct miner *m)
{
	struct ci_state *c = &m->ci;

	if (c->failed)
		snapshot(m, c->fail_line, step_from(c));
	c->failed = false;
	/* a CI log that said nothing failed: its last lines (never an application's log) */
	if (!c->exited && c->marked)
		snapshot(m, 0, c->taken_line + 1);
}
