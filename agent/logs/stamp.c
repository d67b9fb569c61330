#include "common.h"
#include "logs/stamp.h"
#include "logs/digest_types.h"
#include "logs/lex.h"

#include <ctype.h>

static bool digits_at(const char *s, size_t n, size_t i, size_t count)
{
	if (i + count > n)
		return false;
	for (size_t k = 0; k < count; k++)
		if (!is_digit((unsigned char)s[i + k]))
			return false;
	return true;
}

/* HH:MM:SS[.,frac] at i; returns the end or 0. */
static size_t clock_at(const char *s, size_t n, size_t i)
{
	if (!digits_at(s, n, i, 2) || i + 2 >= n || s[i + 2] != ':' || !digits_at(s, n, i + 3, 2))
		return 0;
	i += 5;
	if (i + 2 < n && s[i] == ':' && digits_at(s, n, i + 1, 2))
		i += 3;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && is_digit((unsigned char)s[i + 1]))
		for (i++; i < n && is_digit((unsigned char)s[i]); i++)
			;
	return i;
}

/* YYYY-MM-DD[T ]HH:MM[:SS][.frac][Z|+HH:MM|+HHMM] (also with '/'). */
static size_t iso_at(const char *s, size_t n, size_t i)
{
	size_t e;

	if (!digits_at(s, n, i, 4) || i + 10 >= n || (s[i + 4] != '-' && s[i + 4] != '/') ||
	    !digits_at(s, n, i + 5, 2) || s[i + 7] != s[i + 4] || !digits_at(s, n, i + 8, 2) ||
	    (s[i + 10] != 'T' && s[i + 10] != ' '))
		return 0;
	if (!(e = clock_at(s, n, i + 11)))
		return 0;
	if (e < n && s[e] == 'Z')
		return e + 1;
	if (e < n && (s[e] == '+' || s[e] == '-') && digits_at(s, n, e + 1, 2)) {
		size_t z = e + 3;

		if (z < n && s[z] == ':')
			z++;
		if (digits_at(s, n, z, 2))
			return z + 2;
		return e + 3;
	}
	if (e + 4 <= n && !memcmp(s + e, " UTC", 4))
		return e + 4;
	return e;
}

/* "Nov 18 03:12:00" (the day may be space-padded). */
static size_t syslog_at(const char *s, size_t n, size_t i)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t d;
	bool ok = false;

	if (i + 15 > n || s[i + 3] != ' ')
		return 0;
	for (size_t k = 0; k < 12 && !ok; k++)
		ok = !memcmp(s + i, months + 3 * k, 3);
	if (!ok)
		return 0;
	d = i + 4;
	if (s[d] == ' ')
		d++;
	if (!is_digit((unsigned char)s[d]))
		return 0;
	d++;
	if (is_digit((unsigned char)s[d]))
		d++;
	if (d >= n || s[d] != ' ')
		return 0;
	return clock_at(s, n, d + 1);
}

/* ctime: "Sun Dec 04 04:47:44 2005" (Apache's error log, C's asctime). */
static size_t ctime_at(const char *s, size_t n, size_t i)
{
	static const char days[] = "MonTueWedThuFriSatSun";
	bool ok = false;
	size_t e;

	if (i + 24 > n || s[i + 3] != ' ')
		return 0;
	for (size_t k = 0; k < 7 && !ok; k++)
		ok = !memcmp(s + i, days + 3 * k, 3);
	if (!ok || !(e = syslog_at(s, n, i + 4)) || e + 5 > n || s[e] != ' ' || !digits_at(s, n, e + 1, 4))
		return 0;
	return e + 5;
}

/*
 * A leading timestamp (optionally in brackets): ISO 8601 (GitHub Actions' prefix too),
 * syslog, klog ("E1118 03:12:00.123456 1234 file.go:12] msg", header dropped), or a bare
 * clock. One space after it belongs to it, so the text keeps its own indentation.
 */
void stamp_prefix_ts(const char *s, size_t n, struct prefix *p)
{
	size_t i = 0, e = 0, b = 0;

	p->rest = 0;
	p->ts_off = 0;
	p->level = -1;
	p->ts[0] = '\0';
	if (n && s[0] == '[')
		b = i = 1;
	if (n > 6 && !b && strchr("IWEF", s[0]) && s[0] && digits_at(s, n, 1, 4) && s[5] == ' ' &&
	    (e = clock_at(s, n, 6))) {
		const char *close = lex_search(s + e, n - e < 128 ? n - e : 128, "] ");

		lex_set_ts(p->ts, s + 1, e - 1);
		p->ts_off = 1;
		p->level = s[0] == 'I' ? DIGEST_INFO : s[0] == 'W' ? DIGEST_WARN : DIGEST_ERROR;
		p->rest = close ? (size_t)(close - s) + 2 : e;
		return;
	}
	if (n > i && is_digit((unsigned char)s[i]))
		e = iso_at(s, n, i);
	if (!e && n > i && is_digit((unsigned char)s[i]))
		e = clock_at(s, n, i);
	if (!e && n > i && is_alpha((unsigned char)s[i]))
		e = syslog_at(s, n, i);
	if (!e && n > i && is_alpha((unsigned char)s[i]))
		e = ctime_at(s, n, i);
	/* a time stamp ends at a space, a ']', or a CSV/table separator before a non-digit */
	if (!e || (e < n && !is_space((unsigned char)s[e]) && s[e] != ']' &&
		   !((s[e] == ',' || s[e] == '|') && (e + 1 >= n || !is_digit((unsigned char)s[e + 1])))))
		return;
	lex_set_ts(p->ts, s + i, e - i);
	p->ts_off = i;
	if (b) {
		if (e >= n || s[e] != ']') {
			p->ts[0] = '\0';
			return;
		}
		e++;
	}
	if (e < n && is_space((unsigned char)s[e]))
		e++;
	p->rest = e;
}

/*
 * The length of a log collector's source tag at `s`, or 0: a Loki label set
 * ("{app=\"x\", pod=\"y\"} ", as logcli prints it) or a kubectl --prefix tag
 * ("[pod/name/container] "). What follows is the application's own line.
 */
static size_t source_tag(const char *s, size_t n)
{
	const char *close;
	size_t len;

	if (n > 4 && s[0] == '{' && (close = memchr(s, '}', n < 2048 ? n : 2048)) &&
	    lex_search(s, (size_t)(close - s), "=\""))
		len = (size_t)(close - s) + 1;
	else if (HAS_PREFIX(s, n, "[pod/") && (close = memchr(s, ']', n < 512 ? n : 512)))
		len = (size_t)(close - s) + 1;
	else
		return 0;
	return len < n && s[len] == ' ' ? len + 1 : len;
}

/*
 * The length of a Kubernetes pod name that a log collector put before each line, with
 * its space ("checkout-7f9c6d8b4-2bq9m 2026-...", "report-29739960-x2v8d \tat ..."), or
 * 0: lower-case letters, digits and at least two '-', the last part the pod's five-
 * character suffix. What follows is the container's own line, time stamp and all.
 */
size_t stamp_pod_tag(const char *s, size_t n)
{
	size_t i = 0, dashes = 0, last = 0;

	while (i < n && i < 80 && (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-')) {
		if (s[i] == '-') {
			dashes++;
			last = i;
		}
		i++;
	}
	if (i >= n || s[i] != ' ' || dashes < 2 || i - last - 1 != 5 || !islower((unsigned char)s[0]))
		return 0;
	return i + 1;
}

/* The line's time stamp and level prefix, then any collector's source tag after it. */
void stamp_prefix(const char *s, size_t n, struct prefix *p)
{
	size_t pod = stamp_pod_tag(s, n);

	stamp_prefix_ts(s + pod, n - pod, p);
	p->rest += pod;
	p->ts_off += pod;
	p->rest += source_tag(s + p->rest, n - p->rest);
}

int stamp_level_word(const char *w, size_t n)
{
	char l[8];

	/* first letters of the words below: c d e f i n p s t v w */
	if (n < 3 || n > 8 || !strchr("cdefinpstvwCDEFINPSTVW", w[0]))
		return -1;
	for (size_t i = 0; i < n; i++)
		l[i] = (char)lower((unsigned char)w[i]);
#define IS(word) (!memcmp(l, word, n))
	switch (n) {
	case 3:
		return IS("err") ? DIGEST_ERROR : -1;
	case 4:
		return IS("crit") ? DIGEST_ERROR : IS("warn") ? DIGEST_WARN : IS("info") ? DIGEST_INFO
				 : IS("fine") ? DIGEST_DEBUG : -1;
	case 5:
		return IS("error") || IS("fatal") || IS("panic") || IS("emerg") ? DIGEST_ERROR
		       : IS("debug") || IS("trace")				  ? DIGEST_DEBUG
										  : -1;
	case 6:
		return IS("severe") ? DIGEST_ERROR : IS("notice") ? DIGEST_INFO : -1;
	case 7:
		return IS("warning") ? DIGEST_WARN : IS("verbose") ? DIGEST_DEBUG : -1;
	default:
		return IS("critical") ? DIGEST_ERROR : -1;
	}
#undef IS
}

/* Words that say "error"/"warning" in any case even without brackets or a colon. */
static bool strong_word(const char *w, size_t n)
{
	return lex_eq_ci(w, n, "error") || lex_eq_ci(w, n, "fatal") || lex_eq_ci(w, n, "panic") ||
	       lex_eq_ci(w, n, "warn") || lex_eq_ci(w, n, "warning");
}

/*
 * A level word among the first five tokens: "ERROR", "[warn]", "<info>", "error:",
 * "ERROR:root:msg", "level=error". A lower-case word only counts with brackets or a colon,
 * or as the first word when it is unambiguous ("Error connecting..."). A level that
 * starts the text in capitals or brackets is cut from the text (`*strip`).
 */
int stamp_level_scan(const char *s, size_t n, size_t *strip)
{
	size_t pos = 0;

	*strip = 0;
	for (int t = 0; t < 5; t++) {
		size_t a, b, e, w;
		bool bracketed = false, upper = true;
		int lv;

		while (pos < n && is_space((unsigned char)s[pos]))
			pos++;
		if (pos >= n)
			break;
		a = pos;
		while (pos < n && !is_space((unsigned char)s[pos]))
			pos++;
		for (b = a; b < pos && has((unsigned char)s[b], C_OPEN); b++)
			bracketed = true;
		e = pos;
		while (e > b && has((unsigned char)s[e - 1], C_LVEND))
			e--;
		if (e - b > 4 && (HAS_PREFIX(s + b, e - b, "level=") || HAS_PREFIX(s + b, e - b, "lvl="))) {
			b += s[b + 1] == 'e' ? 6 : 4;
			bracketed = true;
		}
		for (w = b; w < e && is_alpha((unsigned char)s[w]); w++)
			upper &= s[w] >= 'A' && s[w] <= 'Z';
		if (w == b || (lv = stamp_level_word(s + b, w - b)) < 0)
			continue;
		if (w < e && s[w] != ':' && s[w] != ']')
			continue;
		if (!(bracketed || (upper && w - b >= 3) || (w < pos && s[w] == ':') ||
		      (t == 0 && strong_word(s + b, w - b))))
			continue;
		if (t == 0 && (upper || bracketed)) {
			size_t k = w < e ? w + 1 : pos;

			while (k < pos && strchr("])>}:|", s[k]))
				k++;
			while (k < n && is_space((unsigned char)s[k]))
				k++;
			if (k + 1 < n && strchr("-|:", s[k]) && is_space((unsigned char)s[k + 1]))
				k += 2;
			while (k < n && is_space((unsigned char)s[k]))
				k++;
			*strip = k;
		}
		return lv;
	}
	return -1;
}

/* Letters and '_': "RUN_ERROR" is a name, no ERROR in it. */
static bool name_char(unsigned char c)
{
	return is_alpha(c) || c == '_';
}

static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t m = strlen(w);

	return i + m <= n && !memcmp(s + i, w, m) && (i == 0 || !name_char((unsigned char)s[i - 1])) &&
	       (i + m == n || !name_char((unsigned char)s[i + m]));
}

/*
 * "Exception" at i names an exception ("IOException:", "Exception in thread",
 * "ExceptionInInitializerError"), not a file or folder named after one
 * ("IllegalFieldValueException.html", "exceptions/") nor a plural ("No Exceptions").
 */
static bool exception_at(const char *s, size_t n, size_t i)
{
	size_t e = i + 9;

	if (!HAS_PREFIX(s + i, n - i, "Exception"))
		return false;
	return e == n || !(s[e] == '.' || s[e] == '/' || s[e] == '\\' || (s[e] >= 'a' && s[e] <= 'z'));
}

/*
 * No level word: guess from what the text says. Exception, Error:, Traceback, panic:,
 * FATAL, FAIL, ERROR and a whole-word Error mean error; WARN/WARNING mean warning.
 */
int stamp_level_guess(const char *s, size_t n)
{
	int lv = DIGEST_INFO;

	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 'E':
			if (exception_at(s, n, i) || HAS_PREFIX(s + i, n - i, "Error:") ||
			    word_at(s, n, i, "Error") || word_at(s, n, i, "ERROR") ||
			    word_at(s, n, i, "ERR"))
				return DIGEST_ERROR;
			break;
		case 'T':
			if (HAS_PREFIX(s + i, n - i, "Traceback"))
				return DIGEST_ERROR;
			break;
		case 'p':
			if (HAS_PREFIX(s + i, n - i, "panic:"))
				return DIGEST_ERROR;
			break;
		case 'F':
			if (HAS_PREFIX(s + i, n - i, "FATAL") || word_at(s, n, i, "FAIL") ||
			    word_at(s, n, i, "FAILED"))
				return DIGEST_ERROR;
			break;
		case 'W':
			if (word_at(s, n, i, "WARN") || word_at(s, n, i, "WARNING") ||
			    HAS_PREFIX(s + i, n - i, "Warning:"))
				lv = DIGEST_WARN;
			break;
		}
	}
	return lv;
}
