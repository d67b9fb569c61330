#include "common.h"
#include "logs/digest.h"
#include "io/gz.h"
#include "logs/ci.h"
#include "logs/failure.h"
#include "logs/hygiene.h"
#include "logs/lex.h"
#include "logs/miner.h"
#include "logs/shape.h"
#include "logs/stamp.h"
#include "logs/structured.h"
#include "logs/tally.h"
#include "logs/template.h"
#include "logs/trace.h"
#include "logs/values.h"
#include "util/err.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/text.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The digest's pass: each line read once, through the shape cache (shape.c) or the full
 * path: hygiene, redaction, time stamp and level (stamp.c, structured.c), stack traces
 * (trace.c), templates (mask.c, template.c), counts (tally.h). Then the public API:
 * reading files, ranking, rendering.
 */

#define CHUNK (64u << 10)
/* A line is read whole up to this size, so a JSON line with a stack trace in a field can be
 * taken apart (json_trace_line); anything longer is cut at LOG_LINE_MAX as usual. */
#define JSON_LINE_MAX (256u << 10)
#define RENDER_FRAMES 12
#define RENDER_TIMELINE 20
#define RENDER_CLIP 240

/* ---- one line ---- */

static void note_ts(struct miner *m, const char *ts)
{
	if (!ts[0])
		return;
	ts_copy(m->last_ts, ts);
	if (!m->d->first_ts[0])
		ts_copy(m->d->first_ts, ts);
	ts_copy(m->d->last_ts, ts);
}

/* The previous line, a possible exception headline, stays in m->red[m->cur]. */
static void keep_prev(struct miner *m, const char *full, size_t n, const char *rest, const char *body,
		      size_t blen, size_t line, uint32_t idx, int level, const char *ts)
{
	m->prev_ok = true;
	m->prev_lazy = m->prev_raw = false;
	m->prev_body = body;
	m->prev_body_len = blen;
	m->prev_rest = rest;
	m->prev_rest_len = n - (size_t)(rest - full);
	m->prev_full = full;
	m->prev_full_len = n;
	m->prev_line = line;
	m->prev_tmpl = idx;
	m->prev_level = (enum digest_level)level;
	ts_copy(m->prev_ts, ts);
	m->cur ^= 1; /* keep this line's buffers for the next one */
}

/* A line whose shape is known: what the full path would do, from the cache. */
static bool shape_line(struct miner *m, const char *s, size_t n, const struct shape *e, size_t line)
{
	char ts[32] = "";
	uint32_t idx;
	int noise, level;

	if (e->tmpl == SHAPE_CLEAN || m->tr.kind != TR_NONE || (e->level == DIGEST_ERROR && !m->d->first_error))
		return false;
	memcpy(ts, s + e->ts_off, e->ts_len);
	ts[e->ts_len] = '\0';
	note_ts(m, ts);
	if (e->tmpl == DIGEST_ID_BLANK) {
		tally_assign(m, line, DIGEST_ID_BLANK);
		m->prev_ok = false;
		m->cur ^= 1;
		return true;
	}
	idx = template_find(m, e->tmpl);
	if (values_wanted(&m->d->templates[idx]))
		return false; /* the full path reads its values */
	noise = m->d->templates[idx].noise;
	level = e->level;
	if (!ci_plain(m, s + e->ts_off + e->ts_len, n - e->ts_off - e->ts_len, level))
		level = ci_line(m, s, n, s + e->ts_off + e->ts_len, line, e->level, true, &noise);
	else if (!noise)
		ci_push(m, s, n, line, true);
	ci_tag(m, line, idx);
	tally_level(m, level, s, n, line, ts);
	template_seen(&m->d->templates[idx], line, ts);
	tally_assign(m, line, idx);
	keep_prev(m, s, n, s, s, 0, line, idx, e->level, ts);
	m->prev_lazy = true;
	m->prev_raw = true; /* no copy: the input stays until feed() returns */
	return true;
}

/*
 * After the full path: keep the line's shape when the result depends on nothing but
 * the shape (see struct shape).
 */
static void shape_keep(struct miner *m, uint64_t key, const char *s, size_t n, const struct prefix *p,
		       const char *body, size_t blen, uint32_t tmpl, int level)
{
	size_t tl = strlen(p->ts);
	struct shape e;

	if (p->ts_off + tl > 255 || (tl && memcmp(s + p->ts_off, p->ts, tl)) || n > UINT16_MAX ||
	    m->tr.kind != TR_NONE || m->rs.in_pem || m->ci.context)
		return;
	if (tmpl != DIGEST_ID_BLANK) {
		if (body < s || body + blen > s + n || !m->fold_hit)
			return;
		for (size_t i = 0; i < m->pat.len; i++)
			if (is_digit((unsigned char)m->pat.ptr[i]))
				return; /* "http2": the digits are part of the template */
	}
	e.key = key;
	e.tmpl = tmpl;
	e.ts_off = (uint8_t)p->ts_off;
	e.ts_len = (uint8_t)tl;
	e.level = (uint8_t)level;
	shape_put(&m->shapes, &e);
}

/*
 * The fast path: a line whose shape is cached goes without the full path (true). Else
 * `*key` is the line's shape hash (0 for none) and `*e` its cached shape, if any.
 */
static bool cached_line(struct miner *m, const char *s, size_t n, bool cut, size_t lineno, uint64_t *key,
			const struct shape **e)
{
	*key = 0;
	*e = NULL;
	if (!cut && !m->at_start && !m->rs.in_pem && !ci_context(m) && (*key = shape_hash(m->shape_buf, s, n)) &&
	    (*e = shape_get(&m->shapes, *key)) && (!m->literals || !redact_has_literal(s, n)))
		return shape_line(m, s, n, *e, lineno);
	*e = NULL;
	return false;
}

/*
 * The line as the full path reads it, in `red`: without a byte order mark at the start
 * of the input, sanitized and redacted. True when nothing had to change.
 */
static bool clean_line(struct miner *m, struct buf *red, const char *s, size_t n, bool known)
{
	bool clean;
	int r;

	if (m->at_start && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	m->at_start = false;
	buf_reset(red);
	if (known) {
		/* a known shape: nothing to sanitize or redact (a frame in a trace, most often) */
		put(red, s, n);
		return true;
	}
	clean = hygiene_plain(s, n) || !hygiene_sanitize(m, &s, &n);
	if ((r = redact_line(&m->rs, red, s, n)) < 0)
		xdie("internal error: uncapped buffer refused an append");
	m->d->secrets += (size_t)r;
	return clean && !r;
}

/*
 * ci_line() for a line of the full path: it keeps the input itself when the full path
 * changed nothing (copied only if the input goes before the line is needed, as for the
 * shape cache's lines), else the cleaned and redacted copy.
 */
static int ci_full(struct miner *m, const char *s, size_t n, const char *rest, size_t lineno,
		   int level, int *noise)
{
	if (m->raw)
		return ci_line(m, m->raw, n, m->raw + (rest - s), lineno, level, true, noise);
	return ci_line(m, s, n, rest, lineno, level, false, noise);
}

/*
 * A line no trace took: its level counted, its body folded into a template, and its
 * shape kept when `key` is not 0 (a clean line). `final` for the last line of a trace.
 */
static void fold_line(struct miner *m, const char *s, size_t n, struct prefix *p, size_t lineno, bool final,
		      uint64_t key)
{
	const char *rest = s + p->rest, *body;
	size_t rn = n - p->rest, blen;
	int level, noise = -1;
	uint32_t idx;

	level = structured_classify(m, rest, rn, p, &body, &blen);
	level = ci_full(m, s, n, rest, lineno, level, &noise);
	note_ts(m, p->ts);
	if (!blen) {
		tally_assign(m, lineno, DIGEST_ID_BLANK);
		if (key)
			shape_keep(m, key, s, n, p, body, 0, DIGEST_ID_BLANK, DIGEST_INFO);
		m->prev_ok = false;
		m->cur ^= 1;
		return; /* a blank line: counted, nothing to fold */
	}
	if (final)
		level = DIGEST_ERROR;
	tally_level(m, level, s, n, lineno, p->ts);
	idx = template_fold(m, body, blen, level, lineno, p->ts, s, n);
	tally_assign(m, lineno, idx == NONE ? DIGEST_ID_OTHER : idx);
	if (idx != NONE && m->d->templates[idx].count == 1) {
		struct digest_template *t = &m->d->templates[idx];

		t->noise = noise;
		t->source = m->ci.source;
		t->values_on = !noise && !t->source && (level >= DIGEST_WARN || failure_like(body, blen));
		if (level == DIGEST_ERROR || (t->values_on && failure_like(body, blen) == 2))
			ci_context_start(m, idx, lineno);
	}
	if (idx != NONE)
		ci_tag(m, lineno, idx);
	if (idx != NONE && values_wanted(&m->d->templates[idx]))
		values_note(&m->d->templates[idx], body, blen);

	if (HAS_PREFIX(body, blen, "panic: ") || HAS_PREFIX(body, blen, "fatal error: ")) {
		trace_open(m, TR_GO, body, blen, lineno, p->ts);
		trace_text(m, rest, rn);
	}
	if (key && idx != NONE)
		shape_keep(m, key, s, n, p, body, blen, idx, level);
	keep_prev(m, s, n, rest, body, blen, lineno, idx, level, p->ts);
}

static void process_line(struct miner *m, const char *s, size_t n, bool cut)
{
	struct digest *d = m->d;
	struct buf *red = &m->red[m->cur];
	struct prefix p;
	const char *rest;
	size_t rn, lineno = ++d->lines;
	const struct shape *e;
	enum trace_cont c = TRACE_NO;
	uint64_t key;
	bool clean;

	if (cut)
		d->cut_lines++;
	if (cached_line(m, s, n, cut, lineno, &key, &e))
		return;
	tally_assign(m, lineno, DIGEST_ID_OTHER);
	clean = clean_line(m, red, s, n, e != NULL);
	m->raw = clean && red->len == n ? s : NULL; /* ci_full() keeps the input, not a copy */
	s = red->ptr;
	n = red->len;

	stamp_prefix(s, n, &p);
	rest = s + p.rest;
	rn = n - p.rest;
	note_ts(m, p.ts);

	if (m->tr.kind != TR_NONE) {
		c = trace_continues(m, rest, rn);
		if (c == TRACE_YES)
			goto consumed;
		trace_close(m);
		key = 0;
	}
	if (c == TRACE_NO && trace_starts(m, rest, rn, lineno, p.ts))
		goto consumed;
	fold_line(m, s, n, &p, lineno, c == TRACE_FINAL, clean ? key : 0);
	return;
consumed:
	{
		int noise = -1;

		(void)ci_full(m, s, n, rest, lineno, DIGEST_INFO, &noise);
	}
	tally_assign(m, lineno, TALLY_PENDING);
	if (key && clean && !e && !m->rs.in_pem) {
		struct shape c_e = {key, SHAPE_CLEAN, 0, 0, 0};

		shape_put(&m->shapes, &c_e);
	}
	m->prev_ok = false;
	m->cur ^= 1;
}

/* The previous line still points into the input, which is about to go: copy it. */
static void keep_raw_prev(struct miner *m)
{
	if (!m->prev_raw)
		return;
	buf_reset(&m->prevbuf);
	put(&m->prevbuf, m->prev_full, m->prev_full_len);
	m->prev_full = m->prev_body = m->prev_rest = m->prevbuf.ptr;
	m->prev_raw = false;
}


/* One logical line, cut to LOG_LINE_MAX. */
static void clipped_line(struct miner *m, const char *s, size_t n, bool cut)
{
	if (n > LOG_LINE_MAX) {
		cut = true;
		n = lex_clip(s, n, LOG_LINE_MAX);
	}
	process_line(m, s, n, cut);
}

/*
 * A JSON line with a trace in a field: the line without the trace (its time, level and
 * message fold as usual), then the trace's own lines, unescaped, as if they had followed
 * it, all under the line's number.
 */
static bool json_trace_line(struct miner *m, const char *s, size_t n)
{
	struct buf rest = BUF_INIT, trace = BUF_INIT;
	size_t at, len, lineno, off = 0;
	const char *cur, *line;

	/* A collector may put its time stamp or source tag before the object ("az webapp
	 * log tail", "kubectl logs --timestamps"); only lines with a brace early pay for it. */
	if (n >= 2 && s[0] != '{' && memchr(s, '{', n < 160 ? n : 160)) {
		struct prefix p;

		stamp_prefix(s, n, &p);
		off = p.rest;
	}
	if (n < off + 2 || s[off] != '{' || !structured_trace_field(s + off, n - off, &at, &len))
		return false;
	at += off;
	put(&rest, s, at);
	put(&rest, s + at + len, n - at - len);
	structured_unescape(&trace, s + at, len, true);
	clipped_line(m, rest.ptr, rest.len, false);
	lineno = m->d->lines;
	for (cur = trace.ptr; text_next_line(&cur, &line, &len);) {
		m->d->lines = lineno - 1; /* the trace's lines are this line's */
		clipped_line(m, line, len, false);
	}
	m->d->lines = lineno;
	keep_raw_prev(m); /* the previous line may point into `trace` */
	buf_release(&rest);
	buf_release(&trace);
	return true;
}


/* A raw line from the input (without '\n'); `over` when bytes were already dropped. */
static void raw_line(struct miner *m, const char *s, size_t n, bool over)
{
	struct buf inner = BUF_INIT;

	if (!over && n && s[n - 1] == '\r')
		n--;
	if (!m->ci.started || m->ci.gh) {
		const char *step;
		size_t off, len;

		/* `gh run view --log`: "JOB<TAB>STEP<TAB>" before each line, judged on the first */
		if ((off = ci_gh_prefix(s, n, &step, &len)) && (m->ci.gh || !m->d->lines)) {
			m->ci.gh = true;
			ci_step_named(m, step, len);
			s += off;
			n -= off;
		}
	}
	/* the first byte first: the call is for the few lines that can be an envelope */
	if (!over && n && s[0] == '{' && structured_envelope(&inner, s, n)) {
		if (!json_trace_line(m, inner.ptr, inner.len))
			clipped_line(m, inner.ptr, inner.len, false);
		keep_raw_prev(m); /* the previous line may point into `inner` */
		buf_release(&inner);
		return;
	}
	if (!over && json_trace_line(m, s, n))
		return;
	clipped_line(m, s, n, over);
}

static void feed(struct miner *m, const char *data, size_t len)
{
	size_t pos = 0;

	m->d->bytes += len;
	m->ci.in_lo = data;
	m->ci.in_hi = data + len;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t seg = nl ? (size_t)(nl - (data + pos)) : len - pos;

		if (m->carry_len || m->carry_over || !nl) {
			size_t room = JSON_LINE_MAX + 1 - m->carry_len;
			size_t take = seg < room ? seg : room;

			if (!m->carry_len)
				keep_raw_prev(m); /* it may be the carry's previous line */
			memcpy(m->carry + m->carry_len, data + pos, take);
			m->carry_len += take;
			if (take < seg)
				m->carry_over = true;
			if (nl) {
				raw_line(m, m->carry, m->carry_len, m->carry_over);
				m->carry_len = 0;
				m->carry_over = false;
			}
		} else {
			raw_line(m, data + pos, seg, false);
		}
		pos += seg + (nl ? 1 : 0);
	}
	keep_raw_prev(m); /* the caller reuses `data` */
	ci_own(m);
	m->ci.in_lo = m->ci.in_hi = NULL;
}

static void miner_init(struct miner *m, struct digest *d)
{
	memset(m, 0, sizeof(*m));
	m->d = d;
	m->at_start = true;
	m->carry = xmalloc(JSON_LINE_MAX + 1);
	m->clean = xmalloc(3 * (LOG_LINE_MAX + 1));
	m->shape_buf = xmalloc(LOG_LINE_MAX + 16);
	for (int i = 0; i < 2; i++) {
		buf_init(&m->red[i], 0);
		buf_init(&m->body[i], 0);
	}
	buf_init(&m->pat, 0);
	buf_init(&m->tmp, 0);
	buf_init(&m->prevbuf, 0);
	buf_init(&m->aux, 0);
	buf_init(&m->tr.headline, 0);
	buf_init(&m->tr.text, 0);
	m->literals = redact_has_literals();
	m->prev_tmpl = NONE;
	/* a digest that already holds data (an earlier file) goes on from where it was */
	template_begin(m);
	trace_begin(m);
	ci_begin(m);
}

static void miner_finish(struct miner *m)
{
	if (m->carry_len || m->carry_over)
		raw_line(m, m->carry, m->carry_len, m->carry_over);
	m->carry_len = 0;
	m->carry_over = false;
	trace_close(m);
	ci_finish(m);
	template_compact(m);
}

static void miner_release(struct miner *m)
{

	free(m->carry);
	free(m->clean);
	free(m->shape_buf);
	for (int i = 0; i < 2; i++) {
		buf_release(&m->red[i]);
		buf_release(&m->body[i]);
	}
	buf_release(&m->pat);
	buf_release(&m->tmp);
	buf_release(&m->prevbuf);
	buf_release(&m->aux);
	buf_release(&m->tr.headline);
	buf_release(&m->tr.text);
	for (size_t i = 0; i < m->tr.nframes; i++)
		free(m->tr.frames[i]);
	free(m->tr.frames);
	idmap_release(&m->exact);
	idmap_release(&m->buckets);
	free(m->shapes.v);
	for (size_t i = 0; i < m->nmeta; i++)
		free(m->meta[i].off);
	free(m->meta);
	free(m->trace_ids);
	ci_release(m);
	/* the arrays in the digest may be larger than used; that is fine for free() */
}

/* ---- public ---- */

/* The gzip inflater's sink: the miner. */
static void feed_sink(void *ctx, const char *data, size_t len)
{
	feed(ctx, data, len);
}

int digest_buffer(struct digest *out, const char *data, size_t len)
{
	struct miner m;
	int error = 0;

	miner_init(&m, out);
	if (gz_magic(data, len)) {
		union {
			const char *c;
			char *p;
		} in = {data}; /* with no file to read, inflate_into() only reads `in` */

		error = gz_inflate(in.p, len, -1, "buffer", feed_sink, &m);
	} else {
		feed(&m, data, len);
	}
	miner_finish(&m);
	miner_release(&m);
	return error;
}

int digest_file(struct digest *out, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	const char *name = is_stdin ? "standard input" : path;
	struct miner m;
	struct stat st;
	char *chunk = NULL;
	size_t have = 0;
	int fd, error = 0;
	ssize_t n;

	if (is_stdin) {
		fd = STDIN_FILENO;
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) { /* a FIFO must not hang */
		if (errno == ENOENT)
			return err_set(ERR_NOTFOUND, "cannot read '%s': no such file", path);
		return err_set(ERR_IO, "cannot read '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(ERR_IO, "cannot read '%s': is a directory", path);
	}
	if (!is_stdin && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(ERR_INPUT, "cannot read '%s': not a regular file (a FIFO, socket or device is "
			       "never read as input; '-' reads standard input)", path);
	}
	miner_init(&m, out);
	chunk = xmalloc(CHUNK);
	/* the first two bytes say whether it is gzip */
	while (have < 2 && (n = sys_read_some(fd, chunk + have, CHUNK - have)) > 0)
		have += (size_t)n;
	if (have < 2 && n < 0) {
		error = err_set(ERR_IO, "cannot read '%s': %s", name, strerror(errno));
	} else if (gz_magic(chunk, have)) {
		error = gz_inflate(chunk, have, fd, name, feed_sink, &m);
	} else {
		feed(&m, chunk, have);
		while (have && (n = sys_read_some(fd, chunk, CHUNK)) != 0) {
			if (n < 0) {
				error = err_set(ERR_IO, "cannot read '%s': %s", name, strerror(errno));
				break;
			}
			feed(&m, chunk, (size_t)n);
		}
	}
	miner_finish(&m);
	miner_release(&m);
	free(chunk);
	if (!is_stdin)
		close(fd);
	return error;
}

void digest_release(struct digest *d)
{
	for (size_t i = 0; i < d->ntemplates; i++) {
		free(d->templates[i].pattern);
		free(d->templates[i].example);
		values_free(&d->templates[i]);
		free(d->templates[i].context);
	}
	free(d->templates);
	for (size_t i = 0; i < d->ntraces; i++) {
		struct digest_trace *t = &d->traces[i];

		free(t->headline);
		free(t->text);
		for (size_t k = 0; k < t->nframes; k++)
			free(t->frames[k]);
		free(t->frames);
	}
	free(d->traces);
	for (size_t i = 0; i < d->nsteps; i++) {
		for (size_t k = 0; k < d->steps[i].nlines; k++)
			free(d->steps[i].lines[k]);
		free(d->steps[i].lines);
		free(d->steps[i].line_no);
		free(d->steps[i].tmpl);
		free(d->steps[i].title);
	}
	free(d->steps);
	free(d->first_error);
	free(d->assign);
	memset(d, 0, sizeof(*d));
}

static int by_rank(const void *a, const void *b)
{
	const struct digest_template *x = *(const struct digest_template *const *)a;
	const struct digest_template *y = *(const struct digest_template *const *)b;

	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first_line < y->first_line ? -1 : x->first_line > y->first_line;
}

void digest_rank(const struct digest_template ***out, const struct digest *d)
{
	const struct digest_template **v = xcalloc(d->ntemplates + 1, sizeof(*v));

	for (size_t i = 0; i < d->ntemplates; i++)
		v[i] = &d->templates[i];
	qsort(v, d->ntemplates, sizeof(*v), by_rank);
	*out = v;
}

static const char *level_name(enum digest_level l)
{
	switch (l) {
	case DIGEST_ERROR: return "error";
	case DIGEST_WARN: return "warn";
	case DIGEST_INFO: return "info";
	default: return "debug";
	}
}

static const char *level_tag(enum digest_level l)
{
	switch (l) {
	case DIGEST_ERROR: return "ERROR";
	case DIGEST_WARN: return "WARN ";
	case DIGEST_INFO: return "INFO ";
	default: return "DEBUG";
	}
}

/* Append `s` cut to about `max` bytes on a character boundary. */
static int put_clipped(struct buf *out, const char *s, size_t max)
{
	size_t n = strlen(s), k = lex_clip(s, n, max);
	int error;

	if ((error = buf_add(out, s, k)) < 0)
		return error;
	return k < n ? buf_adds(out, "...") : 0;
}

static void human_size(char *out, size_t size, size_t bytes)
{
	if (bytes >= (10u << 20))
		snprintf(out, size, "%zu MiB", bytes >> 20);
	else if (bytes >= (10u << 10))
		snprintf(out, size, "%zu KiB", bytes >> 10);
	else
		snprintf(out, size, "%zu bytes", bytes);
}

static int by_first_line(const void *a, const void *b)
{
	const struct digest_template *x = *(const struct digest_template *const *)a;
	const struct digest_template *y = *(const struct digest_template *const *)b;

	return x->first_line < y->first_line ? -1 : x->first_line > y->first_line;
}

#define TRY(expr)                                                                      \
	do {                                                                           \
		if ((error = (expr)) < 0)                                              \
			goto done;                                                     \
	} while (0)

static int render_templates(struct buf *out, const struct digest_template **rank, size_t k,
			    size_t total)
{
	int error = 0;

	TRY(buf_printf(out, "\nTop templates (%zu of %zu):\n", k, total));
	for (size_t i = 0; i < k; i++) {
		const struct digest_template *t = rank[i];

		TRY(buf_printf(out, "  %s %6zux  lines %zu-%zu", level_tag(t->level), t->count,
			       t->first_line, t->last_line));
		if (t->first_ts[0])
			TRY(buf_printf(out, "  %s .. %s", t->first_ts, t->last_ts));
		TRY(buf_adds(out, "\n    "));
		TRY(put_clipped(out, t->pattern, RENDER_CLIP));
		TRY(buf_addch(out, '\n'));
	}
done:
	return error;
}

static int render_traces(struct buf *out, const struct digest *d)
{
	int error = 0;

	TRY(buf_printf(out, "\nStack traces (%zu distinct):\n", d->ntraces));
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *t = &d->traces[i];
		size_t k = t->nframes < RENDER_FRAMES ? t->nframes : RENDER_FRAMES;

		TRY(buf_printf(out, "  [%zu] %zux, first at line %zu", i + 1, t->count, t->first_line));
		if (t->first_ts[0])
			TRY(buf_printf(out, " (%s)", t->first_ts));
		TRY(buf_adds(out, ":\n    "));
		TRY(put_clipped(out, t->headline, RENDER_CLIP));
		TRY(buf_addch(out, '\n'));
		for (size_t f = 0; f < k; f++) {
			TRY(buf_adds(out, "      "));
			TRY(put_clipped(out, t->frames[f], RENDER_CLIP));
			TRY(buf_addch(out, '\n'));
		}
		if (t->nframes > k)
			TRY(buf_printf(out, "      ... %zu more frames\n", t->nframes - k));
	}
done:
	return error;
}

static int render_timeline(struct buf *out, const struct digest *d)
{
	const struct digest_template **v = xcalloc(d->ntemplates + 1, sizeof(*v));
	size_t n = 0;
	int error = 0;

	for (size_t i = 0; i < d->ntemplates; i++)
		if (d->templates[i].level >= DIGEST_WARN)
			v[n++] = &d->templates[i];
	if (!n)
		goto done;
	qsort(v, n, sizeof(*v), by_first_line);
	TRY(buf_adds(out, "\nTimeline (first appearance of errors and warnings):\n"));
	for (size_t i = 0; i < n && i < RENDER_TIMELINE; i++) {
		TRY(buf_printf(out, "  %-28s line %-7zu %s  ", v[i]->first_ts[0] ? v[i]->first_ts : "-",
			       v[i]->first_line, level_tag(v[i]->level)));
		TRY(put_clipped(out, v[i]->pattern, 120));
		TRY(buf_addch(out, '\n'));
	}
	if (n > RENDER_TIMELINE)
		TRY(buf_printf(out, "  ... %zu more\n", n - RENDER_TIMELINE));
done:
	free(v);
	return error;
}

int digest_render_text(struct buf *out, const struct digest *d, size_t max_templates)
{
	const struct digest_template **rank = NULL;
	char size[32];
	size_t k;
	int error = 0;

	human_size(size, sizeof(size), d->bytes);
	TRY(buf_printf(out, "Log digest: %zu lines (%s), %zu errors, %zu warnings, %zu secrets redacted\n",
		       d->lines, size, d->error_lines, d->warn_lines, d->secrets));
	if (d->first_ts[0])
		TRY(buf_printf(out, "Time span: %s .. %s\n", d->first_ts, d->last_ts));
	if (d->other_lines || d->cut_lines || d->binary_bytes)
		TRY(buf_printf(out, "Input: %zu lines not folded (template table full), %zu lines "
				    "cut at %d bytes, %zu binary bytes replaced\n",
			       d->other_lines, d->cut_lines, LOG_LINE_MAX, d->binary_bytes));
	if (d->first_error) {
		TRY(buf_printf(out, "\nFirst error (line %zu%s%s):\n  ", d->first_error_line,
			       d->first_error_ts[0] ? ", " : "", d->first_error_ts));
		TRY(put_clipped(out, d->first_error, 2 * RENDER_CLIP));
		TRY(buf_addch(out, '\n'));
	}
	digest_rank(&rank, d);
	k = max_templates && max_templates < d->ntemplates ? max_templates : d->ntemplates;
	if (k)
		TRY(render_templates(out, rank, k, d->ntemplates));
	if (d->ntraces)
		TRY(render_traces(out, d));
	TRY(render_timeline(out, d));
done:
	free(rank);
	return error;
}

static json_t *str_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *num(size_t n)
{
	return json_integer((json_int_t)n);
}

json_t *digest_to_json(const struct digest *d, size_t max_templates)
{
	const struct digest_template **rank = NULL;
	json_t *o = json_object(), *ts = json_array(), *trs = json_array();
	size_t k;

	json_object_set_new(o, "lines", num(d->lines));
	json_object_set_new(o, "bytes", num(d->bytes));
	json_object_set_new(o, "error_lines", num(d->error_lines));
	json_object_set_new(o, "warn_lines", num(d->warn_lines));
	json_object_set_new(o, "secrets", num(d->secrets));
	json_object_set_new(o, "first_ts", str_or_null(d->first_ts));
	json_object_set_new(o, "last_ts", str_or_null(d->last_ts));
	if (d->first_error) {
		json_t *fe = json_object();

		json_object_set_new(fe, "line", num(d->first_error_line));
		json_object_set_new(fe, "ts", str_or_null(d->first_error_ts));
		json_object_set_new(fe, "text", json_string(d->first_error));
		json_object_set_new(o, "first_error", fe);
	} else {
		json_object_set_new(o, "first_error", json_null());
	}
	digest_rank(&rank, d);
	k = max_templates && max_templates < d->ntemplates ? max_templates : d->ntemplates;
	for (size_t i = 0; i < k; i++) {
		const struct digest_template *t = rank[i];
		json_t *j = json_object();

		json_object_set_new(j, "pattern", json_string(t->pattern));
		json_object_set_new(j, "example", json_string(t->example));
		json_object_set_new(j, "level", json_string(level_name(t->level)));
		json_object_set_new(j, "count", num(t->count));
		json_object_set_new(j, "first_line", num(t->first_line));
		json_object_set_new(j, "last_line", num(t->last_line));
		json_object_set_new(j, "first_ts", str_or_null(t->first_ts));
		json_object_set_new(j, "last_ts", str_or_null(t->last_ts));
		json_array_append_new(ts, j);
	}
	free(rank);
	json_object_set_new(o, "templates", ts);
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *t = &d->traces[i];
		json_t *j = json_object(), *frames = json_array();

		json_object_set_new(j, "headline", json_string(t->headline));
		json_object_set_new(j, "count", num(t->count));
		json_object_set_new(j, "first_line", num(t->first_line));
		json_object_set_new(j, "first_ts", str_or_null(t->first_ts));
		for (size_t f = 0; f < t->nframes; f++)
			json_array_append_new(frames, json_string(t->frames[f]));
		json_object_set_new(j, "frames", frames);
		json_array_append_new(trs, j);
	}
	json_object_set_new(o, "traces", trs);
	json_object_set_new(o, "other_lines", num(d->other_lines));
	json_object_set_new(o, "cut_lines", num(d->cut_lines));
	json_object_set_new(o, "binary_bytes", num(d->binary_bytes));
	return o;
}
