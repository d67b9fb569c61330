#include "common.h"
#include "logs/structured.h"
#include "logs/digest_types.h"
#include "logs/lex.h"

struct field {
	const char *key, *val;
	size_t klen, vlen;
	bool str;
};

/* The next top-level "key": value of a JSON object; `*pos` starts after the '{'. */
static bool json_next(const char *s, size_t n, size_t *pos, struct field *f)
{
	size_t i = *pos;

	while (i < n && (is_space((unsigned char)s[i]) || s[i] == ','))
		i++;
	if (i >= n || s[i] != '"')
		return false;
	f->key = s + ++i;
	while (i < n && s[i] != '"')
		i += s[i] == '\\' ? 2 : 1;
	if (i >= n)
		return false;
	f->klen = (size_t)(s + i - f->key);
	for (i++; i < n && is_space((unsigned char)s[i]); i++)
		;
	if (i >= n || s[i] != ':')
		return false;
	for (i++; i < n && is_space((unsigned char)s[i]); i++)
		;
	if (i >= n)
		return false;
	f->str = s[i] == '"';
	if (f->str) {
		f->val = s + ++i;
		while (i < n && s[i] != '"')
			i += s[i] == '\\' ? 2 : 1;
		if (i >= n)
			return false;
		f->vlen = (size_t)(s + i - f->val);
		i++;
	} else if (s[i] == '{' || s[i] == '[') {
		int depth = 0;

		f->val = s + i;
		for (; i < n; i++) {
			if (s[i] == '"') {
				for (i++; i < n && s[i] != '"'; i++)
					i += s[i] == '\\';
			} else if (s[i] == '{' || s[i] == '[') {
				depth++;
			} else if ((s[i] == '}' || s[i] == ']') && --depth == 0) {
				i++;
				break;
			}
		}
		f->vlen = (size_t)(s + (i < n ? i : n) - f->val);
	} else {
		f->val = s + i;
		while (i < n && s[i] != ',' && s[i] != '}' && !is_space((unsigned char)s[i]))
			i++;
		f->vlen = (size_t)(s + i - f->val);
	}
	*pos = i;
	return true;
}

/* The next key=value of a logfmt line. */
static bool logfmt_next(const char *s, size_t n, size_t *pos, struct field *f)
{
	size_t i = *pos;

	while (i < n && is_space((unsigned char)s[i]))
		i++;
	f->key = s + i;
	while (i < n && s[i] != '=' && !is_space((unsigned char)s[i]) && s[i] != '"')
		i++;
	if (i >= n || s[i] != '=' || s + i == f->key)
		return false;
	f->klen = (size_t)(s + i - f->key);
	i++;
	f->str = i < n && s[i] == '"';
	if (f->str) {
		f->val = s + ++i;
		while (i < n && s[i] != '"')
			i += s[i] == '\\' ? 2 : 1;
		if (i > n)
			i = n;
		f->vlen = (size_t)(s + i - f->val);
		if (i < n)
			i++;
	} else {
		f->val = s + i;
		while (i < n && !is_space((unsigned char)s[i]))
			i++;
		f->vlen = (size_t)(s + i - f->val);
	}
	*pos = i;
	return true;
}

static bool key_is(const struct field *f, const char *const *names)
{
	for (; *names; names++)
		if (lex_eq_ci(f->key, f->klen, *names))
			return true;
	return false;
}

static const char *const TS_KEYS[] = {"ts", "time", "timestamp", "@timestamp", "t", "date",
				      "datetime", NULL};
static const char *const LEVEL_KEYS[] = {"level", "lvl", "severity", "loglevel", "log.level",
					 "levelname", "@level", NULL};
static const char *const MSG_KEYS[] = {"msg", "message", "@message", "log", NULL};
static const char *const ERR_KEYS[] = {"error", "err", "exception", "error.message", NULL};

void structured_unescape(struct buf *b, const char *v, size_t n, bool keep_lines)
{
	for (size_t i = 0; i < n; i++) {
		char c = v[i];

		if (c == '\\' && i + 1 < n) {
			c = v[++i];
			if (c == 'u') {
				buf_puts(b, "\\u");
				continue;
			}
			if (c == 'n' || c == 't')
				c = !keep_lines ? ' ' : c == 'n' ? '\n' : '\t';
			else if (c == 'r')
				c = ' ';
		}
		if (buf_addch(b, c) < 0)
			xdie("internal error: uncapped buffer refused an append");
	}
}

static int level_value(const struct field *f)
{
	const char *v = f->val;
	size_t n = f->vlen;

	lex_trim(&v, &n);
	if (!f->str && n && is_digit((unsigned char)v[0])) {
		long x = strtol(v, NULL, 10); /* pino/bunyan: 10 trace .. 60 fatal */

		return x >= 50 ? DIGEST_ERROR : x >= 40 ? DIGEST_WARN : x >= 30 ? DIGEST_INFO
									  : DIGEST_DEBUG;
	}
	return stamp_level_word(v, n);
}

/*
 * A JSON object line: level, time and message from their usual fields; the text to fold
 * is the message (plus its "error" field). Returns false when it has no message.
 */
static bool json_line(const char *s, size_t n, struct prefix *p, int *level, struct buf *body)
{
	struct field f, msg = {0}, err = {0};
	size_t pos = 1;

	while (json_next(s, n, &pos, &f)) {
		if (!msg.val && f.str && key_is(&f, MSG_KEYS))
			msg = f;
		else if (*level < 0 && key_is(&f, LEVEL_KEYS))
			*level = level_value(&f);
		else if (!p->ts[0] && key_is(&f, TS_KEYS))
			lex_set_ts(p->ts, f.val, f.vlen);
		else if (!err.val && f.str && key_is(&f, ERR_KEYS))
			err = f;
	}
	if (!msg.val)
		return false;
	structured_unescape(body, msg.val, msg.vlen, false);
	if (err.val) {
		buf_puts(body, " error: ");
		structured_unescape(body, err.val, err.vlen, false);
	}
	return true;
}

/* A logfmt line (time=... level=... msg="..."): the message, then the other pairs. */
static bool logfmt_line(const char *s, size_t n, struct prefix *p, int *level, struct buf *body)
{
	struct field f, msg = {0};
	size_t pos = 0, rest_from = 0;
	struct buf others = BUF_INIT;

	while (logfmt_next(s, n, &pos, &f)) {
		if (!msg.val && key_is(&f, MSG_KEYS))
			msg = f;
		else if (*level < 0 && key_is(&f, LEVEL_KEYS))
			*level = level_value(&f);
		else if (!p->ts[0] && key_is(&f, TS_KEYS))
			lex_set_ts(p->ts, f.val, f.vlen);
		else
			buf_putf(&others, " %.*s", (int)(s + pos - f.key), f.key);
		rest_from = pos;
	}
	if (!msg.val) {
		buf_release(&others);
		return false;
	}
	structured_unescape(body, msg.val, msg.vlen, false);
	buf_puts(body, others.ptr);
	if (rest_from < n)
		buf_putf(body, " %.*s", (int)(n - rest_from), s + rest_from);
	buf_release(&others);
	return true;
}

/* GitHub Actions annotations: "##[error]msg", "::warning file=x::msg". */
static int actions_marker(const char *s, size_t n, size_t *skip)
{
	const char *end, *word;
	size_t w = 0;

	*skip = 0;
	if (HAS_PREFIX(s, n, "##[") && (end = memchr(s, ']', n))) {
		word = s + 3;
		*skip = (size_t)(end - s) + 1;
	} else if (HAS_PREFIX(s, n, "::") && n > 2 && (end = lex_search(s + 2, n - 2, "::"))) {
		word = s + 2;
		*skip = (size_t)(end - s) + 2;
	} else {
		return -1;
	}
	while (word + w < s + *skip && is_alpha((unsigned char)word[w]))
		w++;
	if (lex_eq_ci(word, w, "error"))
		return DIGEST_ERROR;
	if (lex_eq_ci(word, w, "warning"))
		return DIGEST_WARN;
	if (lex_eq_ci(word, w, "debug"))
		return DIGEST_DEBUG;
	return DIGEST_INFO;
}

/* The level of a line and the text to fold (structured.h). */
int structured_classify(struct miner *m, const char *rest, size_t rn, struct prefix *p,
			const char **body, size_t *blen)
{
	struct buf *b = &m->body[m->cur];
	const char *s = rest, *orig;
	size_t n = rn, strip, on;
	int level = p->level, lv;

	buf_reset(b);
	lex_trim(&s, &n);
	if (p->ts[0] && n && is_digit((unsigned char)s[0])) {
		struct prefix inner;

		/* a second timestamp: an application line inside a runner's or container's */
		stamp_prefix(s, n, &inner);
		if (inner.ts[0]) {
			s += inner.rest;
			n -= inner.rest;
			level = inner.level;
			lex_trim(&s, &n);
		}
	}
	orig = s;
	on = n;
	if (level < 0 && n >= 2 && s[0] == '{' && s[n - 1] == '}' && json_line(s, n, p, &level, b)) {
		s = b->ptr;
		n = b->len;
	} else if (level < 0 && n > 4 &&
		   (HAS_PREFIX(s, n, "time=") || HAS_PREFIX(s, n, "ts=") || HAS_PREFIX(s, n, "level=") ||
		    HAS_PREFIX(s, n, "lvl=") || HAS_PREFIX(s, n, "t=")) &&
		   logfmt_line(s, n, p, &level, b)) {
		s = b->ptr;
		n = b->len;
	} else if (level < 0) {
		if ((lv = actions_marker(s, n, &strip)) >= 0) {
			level = lv;
			s += strip;
			n -= strip;
			lex_trim(&s, &n);
		}
		if ((lv = stamp_level_scan(s, n, &strip)) >= 0) {
			level = level > lv ? level : lv;
			s += strip;
			n -= strip;
		}
	}
	lex_trim(&s, &n);
	if (!n) {
		s = orig; /* "ERROR" alone still is a line to count */
		n = on;
	}
	if (level < 0)
		level = stamp_level_guess(s, n);
	*body = s;
	*blen = n;
	return level;
}

bool structured_trace_field(const char *s, size_t n, size_t *at, size_t *len)
{
	static const char *const markers[] = {"Traceback (most recent call last)", "\\n    at ",
		"\\n\\tat ", "\\n  File \\\"", "\\ngoroutine ", "\\n   at "};

	for (size_t i = 0; i < n; i++) {
		size_t start;

		if (s[i] != '"')
			continue;
		start = ++i;
		while (i < n && s[i] != '"')
			i += s[i] == '\\' ? 2 : 1;
		if (i >= n)
			return false;
		if (i - start < 40 || !lex_search(s + start, i - start, "\\n"))
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(markers); k++)
			if (lex_search(s + start, i - start, markers[k])) {
				*at = start;
				*len = i - start;
				return true;
			}
	}
	return false;
}

bool structured_envelope(struct buf *out, const char *s, size_t n)
{
	struct field f, log = {0}, time = {0};
	size_t pos = 1, keys = 0;
	struct prefix p;

	if (n < 10 || s[0] != '{' || !HAS_PREFIX(s, n, "{\"log\":"))
		return false;
	while (json_next(s, n, &pos, &f)) {
		keys++;
		if (lex_eq_ci(f.key, f.klen, "log") && f.str)
			log = f;
		else if (lex_eq_ci(f.key, f.klen, "time") && f.str)
			time = f;
		else if (!lex_eq_ci(f.key, f.klen, "stream") && !lex_eq_ci(f.key, f.klen, "attrs"))
			return false;
	}
	if (!log.val || keys > 4)
		return false;
	structured_unescape(out, log.val, log.vlen, true);
	while (out->len && (out->ptr[out->len - 1] == '\n' || out->ptr[out->len - 1] == '\r'))
		buf_truncate(out, out->len - 1);
	stamp_prefix_ts(out->ptr, out->len, &p);
	if (!p.ts[0] && time.val) {
		char *line = buf_detach(out);

		buf_putf(out, "%.*s %s", (int)time.vlen, time.val, line);
		free(line);
	}
	return true;
}
