#include "common.h"
#include "logs/trace.h"
#include "logs/lex.h"
#include "logs/mask.h"
#include "logs/stamp.h"
#include "logs/structured.h"
#include "logs/tally.h"
#include "logs/template.h"
#include "util/alloc.h"

#define HEADLINE_MAX 1024
#define FRAME_MAX 512
#define TRACE_TEXT_MAX (16u << 10)

static uint64_t trace_identity(struct miner *m, const char *headline, char **frames, size_t nframes)
{
	uint64_t h;

	mask_line(m, &m->tmp, headline, strlen(headline));
	h = lex_hash(m->tmp.ptr, m->tmp.len, 0x7ACE);
	for (size_t i = 0; i < nframes; i++) {
		const char *f = frames[i];
		size_t from = 0, k = 0, n = strlen(f);

		/* addresses (0xc000123456) change from run to run */
		buf_reset(&m->tmp);
		while (k < n) {
			if (f[k] == '0' && k + 2 < n && f[k + 1] == 'x' && is_hex((unsigned char)f[k + 2])) {
				put(&m->tmp, f + from, k - from);
				for (k += 2; k < n && is_hex((unsigned char)f[k]); k++)
					;
				from = k;
			} else {
				k++;
			}
		}
		put(&m->tmp, f + from, n - from);
		h = lex_hash(m->tmp.ptr, m->tmp.len, h);
	}
	return h;
}

void trace_text(struct miner *m, const char *s, size_t n)
{
	struct tbuild *tr = &m->tr;

	if (tr->text.len + n + 1 > TRACE_TEXT_MAX || tr->nframes >= DIGEST_MAX_FRAMES) {
		tr->omitted++;
		return;
	}
	if (tr->text.len)
		put(&tr->text, "\n", 1);
	put(&tr->text, s, n);
}

static void trace_frame(struct miner *m, const char *s, size_t n)
{
	struct tbuild *tr = &m->tr;

	lex_trim(&s, &n);
	if (tr->nframes >= DIGEST_MAX_FRAMES)
		return;
	if (!tr->frames)
		tr->frames = xcalloc(DIGEST_MAX_FRAMES, sizeof(*tr->frames));
	tr->frames[tr->nframes++] = lex_clipdup(s, n, FRAME_MAX);
}

void trace_open(struct miner *m, enum trace_kind kind, const char *headline, size_t hlen,
		size_t line, const char *ts)
{
	struct tbuild *tr = &m->tr;

	tr->kind = kind;
	buf_reset(&tr->headline);
	put(&tr->headline, headline, lex_clip(headline, hlen, HEADLINE_MAX));
	buf_reset(&tr->text);
	tr->nframes = 0;
	tr->omitted = 0;
	tr->first_line = line;
	ts_copy(tr->ts, ts[0] ? ts : m->last_ts);
}

void trace_close(struct miner *m)
{
	struct tbuild *tr = &m->tr;
	struct digest *d = m->d;
	struct digest_trace *t;
	uint64_t id;
	size_t i;

	if (tr->kind == TR_NONE)
		return;
	tr->kind = TR_NONE;
	if (!tr->nframes) {
		tally_pending(m, DIGEST_ID_TRACE | DIGEST_MAX_TRACES);
		goto reset;
	}
	if (!tr->headline.len)
		buf_puts(&tr->headline, "stack trace");
	id = trace_identity(m, tr->headline.ptr, tr->frames, tr->nframes);
	for (i = 0; i < d->ntraces && m->trace_ids[i] != id; i++)
		;
	tally_pending(m, DIGEST_ID_TRACE | (uint32_t)(i < DIGEST_MAX_TRACES ? i : DIGEST_MAX_TRACES));
	if (i < d->ntraces) {
		d->traces[i].count++;
		goto reset;
	}
	if (d->ntraces >= DIGEST_MAX_TRACES)
		goto reset;
	if (d->ntraces == m->trace_alloc) {
		m->trace_alloc = m->trace_alloc ? m->trace_alloc * 2 : 8;
		d->traces = xrealloc(d->traces, m->trace_alloc * sizeof(*d->traces));
		m->trace_ids = xrealloc(m->trace_ids, m->trace_alloc * sizeof(*m->trace_ids));
	}
	if (tr->omitted)
		buf_putf(&tr->text, "\n... %zu more lines", tr->omitted);
	m->trace_ids[d->ntraces] = id;
	t = &d->traces[d->ntraces++];
	memset(t, 0, sizeof(*t));
	t->headline = xstrndup(tr->headline.ptr, tr->headline.len);
	t->text = buf_detach(&tr->text);
	t->frames = tr->frames;
	t->nframes = tr->nframes;
	t->count = 1;
	t->first_line = tr->first_line;
	ts_copy(t->first_ts, tr->ts);
	tr->frames = NULL;
	tr->nframes = 0;
	return;
reset:
	for (i = 0; i < tr->nframes; i++)
		free(tr->frames[i]);
	tr->nframes = 0;
}

static bool java_frame(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_space((unsigned char)s[i]))
		i++;
	return i > 0 && n - i > 3 && HAS_PREFIX(s + i, n - i, "at ");
}

/* Go: "main.(*T).handle(0xc000010000, {0x1, 0x2})" (no indentation, ends with ')'). */
static bool go_func(const char *s, size_t n)
{
	const char *paren;

	if (!n || is_space((unsigned char)s[0]) || s[n - 1] != ')' || !(paren = memchr(s, '(', n)) ||
	    paren == s)
		return false;
	return !memchr(s, ' ', (size_t)(paren - s));
}

/* Go frame: the function without its arguments, then the file line. */
static void go_frame(struct miner *m, const char *s, size_t n)
{
	const char *p = s + n - 1;
	int depth = 0;

	/* the argument list is the last balanced (...) */
	for (; p > s; p--) {
		if (*p == ')')
			depth++;
		else if (*p == '(' && --depth == 0)
			break;
	}
	buf_reset(&m->tmp);
	put(&m->tmp, s, (size_t)(p - s));
	put(&m->tmp, "(...)", 5);
	trace_frame(m, m->tmp.ptr, m->tmp.len);
}

static void go_file(struct miner *m, const char *s, size_t n)
{
	struct tbuild *tr = &m->tr;
	const char *plus;
	char *f;
	size_t fl;

	lex_trim(&s, &n);
	if ((plus = lex_search(s, n, " +0x")))
		n = (size_t)(plus - s);
	if (!tr->nframes || tr->nframes > DIGEST_MAX_FRAMES)
		return;
	f = tr->frames[tr->nframes - 1];
	fl = strlen(f);
	if (strchr(f, ' ') && !HAS_PREFIX(f, fl, "created by "))
		return; /* already has its file */
	tr->frames[tr->nframes - 1] = xasprintf("%s %.*s", f, (int)lex_clip(s, n, FRAME_MAX), s);
	free(f);
}

/* "#3 /app/x.php(20): f()", "#0 0x4005d4 in main () at a.c:12": a numbered frame. */
static bool numbered_frame(const char *t, size_t tn)
{
	size_t i = 1;

	if (tn < 4 || t[0] != '#')
		return false;
	while (i < tn && is_digit((unsigned char)t[i]))
		i++;
	return i > 1 && i < tn && t[i] == ' ';
}

/* Does a line continue the open trace? TRACE_FINAL: Python's closing exception line. */
enum trace_cont trace_continues(struct miner *m, const char *r, size_t n)
{
	const char *t = r;
	size_t tn = n;

	lex_trim(&t, &tn);
	switch (m->tr.kind) {
	case TR_JAVA:
		if (java_frame(r, n) || HAS_PREFIX(t, tn, "Caused by: ") || HAS_PREFIX(t, tn, "Suppressed: ")) {
			trace_frame(m, t, tn);
			trace_text(m, r, n);
			return TRACE_YES;
		}
		if (HAS_PREFIX(t, tn, "... ") && (HAS_SUFFIX(t, tn, " more") || lex_search(t, tn, "omitted"))) {
			trace_text(m, r, n);
			return TRACE_YES;
		}
		return TRACE_NO;
	case TR_PYTHON:
		if (!tn)
			return TRACE_YES;
		trace_text(m, r, n);
		if (is_space((unsigned char)r[0])) {
			if (HAS_PREFIX(t, tn, "File "))
				trace_frame(m, t, tn);
			return TRACE_YES;
		}
		buf_reset(&m->tr.headline);
		put(&m->tr.headline, t, lex_clip(t, tn, HEADLINE_MAX));
		return TRACE_FINAL;
	case TR_GO:
		if (!tn)
			return TRACE_YES;
		if (r[0] == '\t' && !HAS_PREFIX(t, tn, "panic:")) {
			go_file(m, t, tn);
		} else if (HAS_PREFIX(t, tn, "created by ")) {
			trace_frame(m, t, tn);
		} else if (go_func(r, n)) {
			go_frame(m, r, n);
		} else if (!HAS_PREFIX(t, tn, "goroutine ") && !HAS_PREFIX(t, tn, "[signal ") &&
			   !HAS_PREFIX(t, tn, "exit status ") && !HAS_PREFIX(t, tn, "panic: ") &&
			   !HAS_PREFIX(t, tn, "...additional frames elided")) {
			return TRACE_NO;
		}
		trace_text(m, r, n);
		return TRACE_YES;
	case TR_NUMBERED:
		if (numbered_frame(t, tn)) {
			trace_frame(m, t, tn);
			trace_text(m, r, n);
			return TRACE_YES;
		}
		if (HAS_PREFIX(t, tn, "\"}") || HAS_PREFIX(t, tn, "[previous exception]")) {
			trace_text(m, r, n);
			return TRACE_YES;
		}
		return TRACE_NO;
	case TR_NONE:
		break;
	}
	return TRACE_NO;
}

/*
 * The previous line turned out to be an exception headline: it counts as an error, so it
 * moves to an error template of its shape.
 */
static void promote_prev(struct miner *m)
{
	struct digest *d = m->d;

	if (m->prev_level == DIGEST_ERROR)
		return;
	if (m->prev_level == DIGEST_WARN)
		d->warn_lines--;
	if (m->prev_tmpl == NONE)
		d->other_lines--;
	else if (d->templates[m->prev_tmpl = template_find(m, m->prev_tmpl)].count > 1)
		d->templates[m->prev_tmpl].count--;
	else
		template_drop_last(m); /* count 1: the line made it, it is the newest */
	tally_level(m, DIGEST_ERROR, m->prev_full, m->prev_full_len, m->prev_line, m->prev_ts);
	m->prev_tmpl = template_fold(m, m->prev_body, m->prev_body_len, DIGEST_ERROR, m->prev_line,
			    m->prev_ts, m->prev_full, m->prev_full_len);
	tally_assign(m, m->prev_line, m->prev_tmpl == NONE ? DIGEST_ID_OTHER : m->prev_tmpl);
	m->prev_level = DIGEST_ERROR;
}

/* The previous line came from the shape cache: find its text and body now. */
static void resolve_prev(struct miner *m)
{
	struct prefix p;

	m->prev_lazy = false;
	stamp_prefix(m->prev_full, m->prev_full_len, &p);
	m->prev_rest = m->prev_full + p.rest;
	m->prev_rest_len = m->prev_full_len - p.rest;
	structured_classify(m, m->prev_rest, m->prev_rest_len, &p, &m->prev_body, &m->prev_body_len);
}

/* A line that opens a trace without being a template itself; true when consumed. */
bool trace_starts(struct miner *m, const char *r, size_t n, size_t line, const char *ts)
{
	const char *t = r;
	size_t tn = n;

	if (m->prev_ok && m->prev_lazy)
		resolve_prev(m);
	lex_trim(&t, &tn);
	if (HAS_PREFIX(t, tn, "Traceback (most recent call last)")) {
		trace_open(m, TR_PYTHON, "", 0, line, ts);
		trace_text(m, r, n);
		return true;
	}
	if (java_frame(r, n)) {
		if (m->prev_ok) {
			promote_prev(m);
			trace_open(m, TR_JAVA, m->prev_body, m->prev_body_len, m->prev_line, m->prev_ts);
			trace_text(m, m->prev_rest, m->prev_rest_len);
		} else {
			trace_open(m, TR_JAVA, "", 0, line, ts);
		}
		trace_frame(m, t, tn);
		trace_text(m, r, n);
		return true;
	}
	if (HAS_PREFIX(t, tn, "[stacktrace]") || (numbered_frame(t, tn) && t[1] == '0')) {
		/* PHP/Laravel, gdb: "[stacktrace]" or "#0 ..." under the error line */
		if (m->prev_ok) {
			promote_prev(m);
			trace_open(m, TR_NUMBERED, m->prev_body, m->prev_body_len, m->prev_line, m->prev_ts);
			trace_text(m, m->prev_rest, m->prev_rest_len);
		} else {
			trace_open(m, TR_NUMBERED, "", 0, line, ts);
		}
		if (t[0] == '#')
			trace_frame(m, t, tn);
		trace_text(m, r, n);
		return true;
	}
	if (HAS_PREFIX(t, tn, "goroutine ") && HAS_SUFFIX(t, tn, "]:")) {
		/* "http: panic serving ...: boom" then a goroutine dump */
		if (m->prev_ok && lex_search(m->prev_body, m->prev_body_len, "panic")) {
			promote_prev(m);
			trace_open(m, TR_GO, m->prev_body, m->prev_body_len, m->prev_line, m->prev_ts);
			trace_text(m, m->prev_rest, m->prev_rest_len);
		} else {
			trace_open(m, TR_GO, t, tn, line, ts);
		}
		trace_text(m, r, n);
		return true;
	}
	return false;
}

void trace_begin(struct miner *m)
{
	struct digest *d = m->d;

	m->trace_alloc = d->ntraces;
	if (!d->ntraces)
		return;
	m->trace_ids = xmalloc(d->ntraces * sizeof(*m->trace_ids));
	for (size_t i = 0; i < d->ntraces; i++)
		m->trace_ids[i] = trace_identity(m, d->traces[i].headline, d->traces[i].frames,
						 d->traces[i].nframes);
}
