#include "common.h"
#include "core/report.h"
#include "util/text.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/settings.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

/* ---- text ---- */

/* Append one byte: our buffers have no cap, so this cannot fail. */
void report_put_ch(struct buf *b, char ch)
{
	buf_putf(b, "%c", ch);
}

/* ---- small text helpers ---- */

static char *slug(const char *s)
{
	struct buf b = BUF_INIT;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*s);

		report_put_ch(&b, (isalnum(c) && c < 0x80) || c == '-' ? (char)c : '-');
	}
	if (!b.len)
		buf_puts(&b, "unknown");
	return buf_detach(&b);
}

const char *report_label(const struct incident *inc, const char *key)
{
	const char *v = inc->labels ? jsonx_str(inc->labels, key) : NULL;

	return v && *v ? v : NULL;
}

const char *report_plural(size_t n)
{
	return n == 1 ? "" : "s";
}

const char *report_nz(const char *s, const char *dflt)
{
	return s && *s ? s : dflt;
}

/* Shortest text that reads back as the same double ("0.05", "14870", "1e+20"). */
void report_fmt_num(char *out, size_t size, double v)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, size, "%.0f", v);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

void report_fmt_time(char *out, size_t size, time_t t, const char *fmt)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(out, size, "unknown");
		return;
	}
	strftime(out, size, fmt, &tm);
}

/* Cut `s` to at most `max` bytes on a UTF-8 boundary; new string, "..." marks the cut. */
char *report_clip(const char *s, size_t max)
{
	size_t len = strlen(s), cut = max;
	char *out;

	if (len <= max)
		return xstrdup(s);
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	out = xmalloc(cut + 4);
	memcpy(out, s, cut);
	memcpy(out + cut, "...", 4);
	return out;
}

/*
 * A redacted copy on one line (control characters become spaces, markers broken:
 * text_unmark), clipped at `max`.
 */
char *report_clean_line(const char *s, size_t max)
{
	char *red = redact_strdup(s ? s : ""), *unmarked, *out;

	for (char *p = red; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	unmarked = text_unmark(red);
	out = report_clip(unmarked, max);
	free(red);
	free(unmarked);
	return out;
}

/*
 * Redacted free text (prose from the engine or the alert), newlines kept. Prose quotes
 * what others wrote (titles, descriptions, log lines, model answers): it is defused
 * (text_defuse: no HTML, images, mentions or closing keywords); code spans need not be.
 */
void report_put_text(struct buf *b, const char *s)
{
	char *red = redact_strdup(s ? s : ""), *safe = text_defuse(red);

	buf_puts(b, safe);
	free(safe);
	free(red);
}

/* Redacted, defused text on one line. */
void report_put_line(struct buf *b, const char *s)
{
	char *line = report_clean_line(s, SIZE_MAX / 2), *safe = text_defuse(line);

	buf_puts(b, safe);
	free(safe);
	free(line);
}

static size_t longest_run(const char *s, char c)
{
	size_t run = 0, best = 0;

	for (; *s; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* A log line as an inline code span: redacted, one line, clipped. */
void report_put_code(struct buf *b, const char *s)
{
	char *line = report_clean_line(s, REPORT_QUOTE_MAX);
	size_t ticks = longest_run(line, '`') + 1;
	bool pad = line[0] == '`' || (*line && line[strlen(line) - 1] == '`');

	for (size_t i = 0; i < ticks; i++)
		report_put_ch(b, '`');
	buf_puts(b, pad ? " " : "");
	buf_puts(b, line);
	buf_puts(b, pad ? " " : "");
	for (size_t i = 0; i < ticks; i++)
		report_put_ch(b, '`');
	free(line);
}

/* A markdown table cell: redacted, one line, clipped, pipes escaped. */
void report_put_cell(struct buf *b, const char *s)
{
	char *clean = report_clean_line(s, REPORT_CELL_MAX), *line = text_defuse(clean);

	free(clean);
	for (const char *p = line; *p; p++) {
		if (*p == '|')
			report_put_ch(b, '\\');
		report_put_ch(b, *p);
	}
	free(line);
}

/* A multi-line text in a fenced block long enough not to be closed by its content. */
void report_put_fenced(struct buf *b, const char *lang, const char *text)
{
	char *raw = redact_strdup(text ? text : ""), *red = text_unmark(raw);
	size_t ticks = longest_run(red, '`') + 1;

	if (ticks < 3)
		ticks = 3;
	for (size_t i = 0; i < ticks; i++)
		report_put_ch(b, '`');
	buf_putf(b, "%s\n%s", lang, red);
	if (!*red || red[strlen(red) - 1] != '\n')
		report_put_ch(b, '\n');
	for (size_t i = 0; i < ticks; i++)
		report_put_ch(b, '`');
	report_put_ch(b, '\n');
	free(red);
	free(raw);
}

/* A word safe for a shell command line as it is, or single-quoted. */
void report_put_shell_word(struct buf *b, const char *s)
{
	bool plain = *s != '\0';

	for (const char *p = s; *p && plain; p++)
		plain = isalnum((unsigned char)*p) || strchr("._/:@%+=,-", *p);
	if (plain) {
		buf_puts(b, s);
		return;
	}
	report_put_ch(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			buf_puts(b, "'\\''");
		else if ((unsigned char)*p >= 0x20)
			report_put_ch(b, *p);
	}
	report_put_ch(b, '\'');
}

/* The first sentence of markdown text: first non-heading line, cut at ". ". New string. */
char *report_first_sentence(const char *text)
{
	const char *p = text ? text : "";

	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *s = p, *dot;

		while (len && (*s == '#' || *s == ' ' || *s == '-' || *s == '*' || *s == '>'))
			s++, len--;
		if (len) {
			char *line = xstrndup(s, len);

			dot = strstr(line, ". ");
			if (dot)
				line[dot - line + 1] = '\0';
			return line;
		}
		if (!eol)
			return xstrdup("");
		p = eol + 1;
	}
}

/* ---- evidence helpers ---- */

static const char *primary_signal(const struct diagnosis *dx)
{
	return dx->nsignals > 0 && dx->signals[0].name ? dx->signals[0].name : "incident";
}

bool report_has_signal(const struct diagnosis *dx, const char *name)
{
	for (size_t i = 0; i < dx->nsignals; i++)
		if (dx->signals[i].name && !strcmp(dx->signals[i].name, name))
			return true;
	return false;
}

/* Which runtime the stack traces show, so JVM-only checks can be left out. */
static enum report_runtime detect_runtime(const struct digest *d)
{
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *t = &d->traces[i];

		for (size_t f = 0; f < t->nframes; f++) {
			const char *fr = t->frames[f];

			if (strstr(fr, ".java:") || strstr(fr, ".kt:") || strstr(fr, ".scala:") ||
			    strstr(fr, "(Native Method)") || strstr(fr, "(Unknown Source)"))
				return REPORT_RUNTIME_JVM;
			if (strstr(fr, ".js:") || strstr(fr, ".ts:") || strstr(fr, ".py\"") ||
			    strstr(fr, ".go:") || strstr(fr, ".rb:") || strstr(fr, ".cs:"))
				return REPORT_RUNTIME_OTHER;
		}
		if (t->headline && (strstr(t->headline, "java.") || strstr(t->headline, "javax.")))
			return REPORT_RUNTIME_JVM;
	}
	return REPORT_RUNTIME_UNKNOWN;
}

void report_init(struct report *c, const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *plan)
{
	memset(c, 0, sizeof(*c));
	c->ev = ev;
	c->dx = dx;
	c->plan = plan;
	c->inc = ev->inc;
	c->signal = primary_signal(dx);
	c->g = signals_guide(c->signal);
	c->ns = report_label(c->inc, "namespace");
	c->team = report_label(c->inc, "team");
	c->k8s = c->ns || report_label(c->inc, "pod") || report_label(c->inc, "cluster");
	c->runtime = detect_runtime(&ev->digest);
	report_platform_detect(&c->platform, ev);
	c->svc = slug(c->inc->service);
	{
		char *sig = slug(c->signal);

		for (char *p = sig; *p; p++)
			if (*p == '_')
				*p = '-';
		c->stem = xasprintf("%s-%s", c->svc, sig);
		free(sig);
	}
	report_fmt_time(c->date, sizeof(c->date), c->inc->fired_at, "%Y-%m-%d");
	c->blame = dx->blame_pr > 0 ? evidence_pull(ev, dx->blame_pr) : NULL;
}

void report_release(struct report *c)
{
	free(c->svc);
	free(c->stem);
}

const char *report_default_branch(const struct evidence *ev)
{
	return report_nz(ev->default_branch, "main");
}

/* "<repo_url>/blob/<branch>/<path>", or the path alone without a repository URL. */
char *report_blob_url(const struct evidence *ev, const char *branch, const char *path)
{
	if (!ev->repo_url || !*ev->repo_url)
		return xstrdup(path);
	return xasprintf("%s/blob/%s/%s", ev->repo_url, branch, path);
}

/* The time the agent ran: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
time_t report_agent_time(void)
{
	const char *s = settings_get("SOURCE_DATE_EPOCH");

	if (s) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		if (!errno && !*end && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

bool report_metric_number(json_t *m, const char *key, double *out)
{
	json_t *v = json_is_object(m) ? json_object_get(m, key) : NULL;

	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return false;
	*out = json_number_value(v);
	return true;
}

/* "98.4 (threshold 90, baseline 57)" */
void report_put_metric_values(struct buf *b, json_t *m)
{
	double v, t, base;
	char n1[40], n2[40], n3[40];

	if (report_metric_number(m, "value", &v)) {
		report_fmt_num(n1, sizeof(n1), v);
		buf_puts(b, n1);
	} else {
		buf_puts(b, "unknown");
	}
	if (report_metric_number(m, "threshold", &t)) {
		report_fmt_num(n2, sizeof(n2), t);
		buf_putf(b, " (threshold %s", n2);
		if (report_metric_number(m, "value", &v) && t != 0)
			buf_putf(b, ", %.0f%% of it", 100.0 * v / t);
		buf_puts(b, ")");
	}
	if (report_metric_number(m, "baseline", &base)) {
		report_fmt_num(n3, sizeof(n3), base);
		buf_putf(b, ", baseline %s", n3);
		if (report_metric_number(m, "value", &v) && base != 0)
			buf_putf(b, " (%.1fx)", v / base);
	}
}

void report_put_files(struct buf *b, const struct plan *plan)
{
	for (size_t i = 0; i < plan->npaths; i++) {
		buf_puts(b, "- ");
		report_put_code(b, plan->paths[i]);
		buf_puts(b, "\n");
	}
}

/* Timestamps as logs write them: RFC 3339, "YYYY-MM-DD HH:MM:SS[,mmm]", or a bare time. */
bool report_parse_log_time(time_t *out, const char *ts, time_t day)
{
	char s[48], date[16];
	size_t len = strlen(ts);

	if (!len || len >= 40)
		return false;
	if (len >= 8 && ts[2] == ':' && ts[5] == ':') {
		report_fmt_time(date, sizeof(date), day, "%Y-%m-%d");
		snprintf(s, sizeof(s), "%sT%s", date, ts);
	} else {
		snprintf(s, sizeof(s), "%s", ts);
	}
	if (strlen(s) > 10 && s[10] == ' ')
		s[10] = 'T';
	for (char *p = s; *p; p++)
		if (*p == ',')
			*p = '.';
	if (sys_parse_time(out, s) == 0)
		return true;
	len = strlen(s);
	if (len + 2 < sizeof(s)) {
		s[len] = 'Z';
		s[len + 1] = '\0';
		if (sys_parse_time(out, s) == 0)
			return true;
	}
	err_clear();
	return false;
}
