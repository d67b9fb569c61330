/*
 * cidiff - the CiDiff recall benchmark of distill (see bench/cidiff.sh for the rules).
 *
 *   cidiff [--budget TOKENS] [--dump DIR] [--misses] CASE_DIR...
 *
 * Each CASE_DIR holds fail.log and groundtruth (CiDiff's format: a first line naming
 * the parser, DEFAULT, RAW_GITHUB or FULL_GITHUB, then "E a-b" / "E a" error lines and
 * "C ..." context lines, 1-based over the log split at \n, \r\n and \r). For each case it
 * prints one tab-separated row:
 *
 *   case  log_bytes  lines  templates  traces  out_bytes  out_tokens  labelled  kept  share
 *
 * and at the end a row "all" with the sums and the overall share (kept / labelled over
 * all cases) and a row "mean" with the mean of the per-case shares. --dump writes each
 * distilled text to DIR/NNN.txt (NNN: the case's position); --misses prints the labelled
 * lines that were not kept, on standard error.
 */
#include "common.h"
#include "util/buf.h"
#include "logs/digest.h"
#include "logs/distill.h"
#include "logs/ciclass.h"
#include "util/err.h"
#include "logs/hygiene.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/terms.h"

#define LOG_MAX (512u << 20)
#define TAIL_BYTES 8000 /* the baseline: the last 8,000 characters of the log */
#define WORDS_KEPT 0.8  /* a log survives when this share of its labelled words is shown */

struct span {
	const char *s;
	size_t n;
};

/* ---- normalising a line: what "the same text" means ---- */

/*
 * As the digest stores a line: ANSI escapes removed, invalid UTF-8 and NUL as U+FFFD,
 * other control characters as spaces; then redacted; then every run of white space made
 * one space and the ends trimmed (whitespace runs are the one thing the digest's
 * templates and the distilled text do not promise to keep).
 */
static char *normalize(const char *text, size_t n)
{
	struct buf red = BUF_INIT, out = BUF_INIT;
	char *clean = xmalloc(3 * n + 1);
	size_t binary = 0, len, i;
	bool changed = false;

	len = hygiene_clean(clean, text, n, &binary, &changed); /* as the digest stores a line */
	if (redact_text(&red, clean, len) < 0)
		xdie("cannot redact");
	for (i = 0; i < red.len; i++) {
		char c = red.ptr[i] == '\t' || red.ptr[i] == '\n' ? ' ' : red.ptr[i];

		if (c == ' ' && (!out.len || out.ptr[out.len - 1] == ' '))
			continue;
		buf_putf(&out, "%c", c);
	}
	buf_rtrim(&out);
	free(clean);
	buf_release(&red);
	return buf_detach(&out);
}

/* ---- the log as CiDiff numbers it, and as the digest does ---- */

/*
 * Split at \r\n, \r and \n (Java's Files.lines). `dline[i]` is the digest's 1-based line
 * number of CiDiff line i+1 (the digest splits at \n only).
 */
static size_t split_lines(struct span **out, size_t **dline, const char *s, size_t n)
{
	size_t cap = 1024, k = 0, dl = 1, a = 0;
	struct span *v = xmalloc(cap * sizeof(*v));
	size_t *m = xmalloc(cap * sizeof(*m));

	for (size_t i = 0; i <= n; i++) {
		bool end = i == n, cr = !end && s[i] == '\r', nl = !end && s[i] == '\n';

		if (!end && !cr && !nl)
			continue;
		if (end && a == n)
			break;
		if (k == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
			m = xrealloc(m, cap * sizeof(*m));
		}
		v[k].s = s + a;
		v[k].n = i - a;
		m[k++] = dl;
		if (cr && i + 1 < n && s[i + 1] == '\n')
			i++;
		if (nl || (i < n && s[i] == '\n'))
			dl++;
		a = i + 1;
	}
	*out = v;
	*dline = m;
	return k;
}

/* The text CiDiff's parser gives a line: the 29-byte Actions timestamp goes for GitHub logs. */
static struct span parser_text(struct span l, const char *parser)
{
	if (!strcmp(parser, "FULL_GITHUB")) {
		const char *t1 = memchr(l.s, '\t', l.n), *t2;

		if (t1 && (t2 = memchr(t1 + 1, '\t', (size_t)(l.s + l.n - t1 - 1)))) {
			l.n -= (size_t)(t2 + 1 - l.s);
			l.s = t2 + 1;
		}
	}
	if (strcmp(parser, "DEFAULT")) {
		size_t k = l.n > 29 ? 29 : l.n; /* CiDiff drops the shorter lines: empty */

		l.s += k;
		l.n -= k;
	}
	return l;
}

/* ---- words: what "the labelled lines survive" means ---- */

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Add the words of normalized text (runs of letters, digits and '_', 2 bytes or more). */
static void add_words(struct terms *set, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t a = i;

		while (i < n && word_byte((unsigned char)s[i]))
			i++;
		if (i - a >= 2)
			terms_add(set, s + a, i - a, 1);
		while (i < n && !word_byte((unsigned char)s[i]))
			i++;
	}
}

/* A leading Actions time stamp ("2024-01-02T03:04:05.1234567Z "), for any parser. */
static struct span drop_actions_ts(struct span l)
{
	size_t i = 0;

	if (l.n < 20 || l.s[4] != '-' || l.s[10] != 'T' || l.s[13] != ':')
		return l;
	for (i = 19; i < l.n && l.s[i] != ' '; i++)
		;
	if (i < l.n && l.s[i - 1] == 'Z') {
		l.s += i + 1;
		l.n -= i + 1;
	}
	return l;
}

/* The words of the last TAIL_BYTES of the log, line by line as normalize() reads them. */
static void tail_words(struct terms *set, const struct buf *log)
{
	size_t from = log->len > TAIL_BYTES ? log->len - TAIL_BYTES : 0;

	for (size_t a = from; a < log->len;) {
		const char *nl = memchr(log->ptr + a, '\n', log->len - a);
		size_t e = nl ? (size_t)(nl - log->ptr) : log->len;
		char *t = normalize(log->ptr + a, e - a);

		add_words(set, t, strlen(t));
		free(t);
		a = e + 1;
	}
}

/* The share of the words of `want` that `have` holds; `misses` prints the others. */
static double words_share(const struct terms *want, const struct terms *have, const char *dir,
			  bool misses)
{
	size_t hit = 0;

	for (size_t i = 0; i < want->n; i++) {
		if (terms_weight(have, want->text[i]) > 0)
			hit++;
		else if (misses)
			fprintf(stderr, "missing word %s: %s\n", dir, want->text[i]);
	}
	return want->n ? (double)hit / (double)want->n : 1.0;
}

/* ---- the template rule ---- */

/*
 * The example as distill shows it: without the timestamp it starts with (the template's
 * first_ts, optionally in brackets, followed by a space, a tab, ']' or the end).
 */
static char *shown_example(const struct digest_template *t)
{
	const char *s = t->example;
	size_t tl = strlen(t->first_ts), i = s[0] == '[';

	if (tl && !strncmp(s + i, t->first_ts, tl) &&
	    (!s[i + tl] || s[i + tl] == ' ' || s[i + tl] == '\t' || s[i + tl] == ']')) {
		i += tl;
		if (s[i] == ']')
			i++;
		s += i;
	}
	return normalize(s, strlen(s));
}

/* ---- one case ---- */

struct totals {
	size_t labelled, kept, cases, log_bytes, out_bytes, out_tokens;
	double share_sum;
	size_t word_cases, survived, tail_survived; /* logs with labelled words; those that survive */
};

static bool in_output(char **olines, size_t nol, const char *needle)
{
	for (size_t i = 0; i < nol; i++)
		if (strstr(olines[i], needle))
			return true;
	return false;
}

/* One case's distilled output, its lines normalized, and what the log's lines hold. */
struct scase {
	const char *dir;
	struct digest d;
	struct buf log, out;
	char **olines;
	size_t nol;
	bool *shown; /* per template: its example is in the output */
	struct span *lines;
	size_t *dline, nlines;
	char parser[32];
	size_t labelled, kept;
	struct terms want; /* the distinct words of the labelled lines */
};

/* One labelled line: kept by the line rule? Its words go to c->want. */
static void score_line(struct scase *c, long ln, bool misses)
{
	struct span t;
	char *want, *plain;
	bool ok;

	if (ln < 1 || (size_t)ln > c->nlines)
		return;
	t = parser_text(c->lines[ln - 1], c->parser);
	want = normalize(t.s, t.n);
	if (!want[0]) { /* an empty line says nothing: not counted */
		free(want);
		return;
	}
	t = drop_actions_ts(t);
	plain = normalize(t.s, t.n);
	add_words(&c->want, plain, strlen(plain));
	free(plain);
	ok = in_output(c->olines, c->nol, want);
	if (!ok && c->d.assign && c->dline[ln - 1] <= c->d.lines) {
		/* the template rule: the line's template is shown by its example */
		uint32_t id = c->d.assign[c->dline[ln - 1] - 1];

		ok = id < c->d.ntemplates && c->shown[id];
	}
	c->labelled++;
	c->kept += ok;
	if (!ok && misses)
		fprintf(stderr, "miss %s:%ld: %.200s\n", c->dir, ln, want);
	free(want);
}

/* The groundtruth: its parser line, then each "E a-b" / "E a" line scored. */
static void score_labels(struct scase *c, const struct buf *gt, bool misses)
{
	const char *nl = memchr(gt->ptr, '\n', gt->len);
	size_t n = nl ? (size_t)(nl - gt->ptr) : gt->len;

	while (n && (gt->ptr[n - 1] == '\r' || gt->ptr[n - 1] == ' '))
		n--;
	snprintf(c->parser, sizeof(c->parser), "%.*s", (int)(n < 31 ? n : 31), gt->ptr);
	for (const char *p = strchr(gt->ptr, '\n'); p && *p; p = strchr(p, '\n')) {
		char *end;
		long a, b;

		p++;
		if (*p != 'E' || p[1] != ' ')
			continue;
		a = strtol(p + 2, &end, 10);
		b = *end == '-' ? strtol(end + 1, &end, 10) : a;
		for (long ln = a; ln <= b; ln++)
			score_line(c, ln, misses);
	}
}

/* The output, line by line, normalized, and which templates it shows by their example. */
static void read_output(struct scase *c)
{
	c->olines = xcalloc(c->out.len + 1, sizeof(*c->olines));
	for (size_t a = 0; a < c->out.len;) {
		const char *nl = memchr(c->out.ptr + a, '\n', c->out.len - a);
		size_t e = nl ? (size_t)(nl - c->out.ptr) : c->out.len;

		c->olines[c->nol++] = normalize(c->out.ptr + a, e - a);
		a = e + 1;
	}
	c->shown = xcalloc(c->d.ntemplates + 1, sizeof(*c->shown));
	for (size_t i = 0; i < c->d.ntemplates; i++) {
		char *ex = shown_example(&c->d.templates[i]);

		c->shown[i] = ex[0] && in_output(c->olines, c->nol, ex);
		free(ex);
	}
}

static int dump_output(const struct scase *c, const char *dump, size_t index)
{
	char name[32], *p;
	int error;

	snprintf(name, sizeof(name), "%03zu.txt", index);
	p = sys_path_join(dump, name);
	error = sys_write_file(p, c->out.ptr, c->out.len);
	free(p);
	return error;
}

/*
 * The word rule, beside the line rule: the share of the labelled lines' distinct words
 * that the distilled text shows, and that the last TAIL_BYTES of the log show.
 */
static void score_words(struct scase *c, struct totals *tot, bool misses, double *ws, double *ts)
{
	struct terms outw = TERMS_INIT, tailw = TERMS_INIT;

	for (size_t i = 0; i < c->nol; i++)
		add_words(&outw, c->olines[i], strlen(c->olines[i]));
	tail_words(&tailw, &c->log);
	*ws = words_share(&c->want, &outw, c->dir, misses);
	*ts = words_share(&c->want, &tailw, c->dir, false);
	if (c->want.n) {
		tot->word_cases++;
		tot->survived += *ws >= WORDS_KEPT;
		tot->tail_survived += *ts >= WORDS_KEPT;
	}
	terms_release(&outw);
	terms_release(&tailw);
}

static void scase_release(struct scase *c)
{
	for (size_t i = 0; i < c->nol; i++)
		free(c->olines[i]);
	free(c->olines);
	free(c->shown);
	free(c->lines);
	free(c->dline);
	digest_release(&c->d);
	buf_release(&c->log);
	buf_release(&c->out);
	terms_release(&c->want);
}

static int run_case(const char *dir, size_t index, size_t budget, const char *dump, bool misses,
		    struct totals *tot)
{
	char *logp = sys_path_join(dir, "fail.log"), *gtp = sys_path_join(dir, "groundtruth");
	struct scase c = {.dir = dir, .d = DIGEST_INIT, .log = BUF_INIT, .out = BUF_INIT,
			  .parser = "DEFAULT", .want = TERMS_INIT};
	struct buf gt = BUF_INIT;
	struct distill_opts o = DISTILL_OPTS_INIT;
	struct distill_report rep;
	double ws, ts, share;
	char lead[CICLASS_LEAD_MAX];
	int error;

	c.d.assign_on = true;
	o.budget_tokens = budget;
	if ((error = sys_read_file(&c.log, logp, LOG_MAX)) < 0 ||
	    (error = sys_read_file(&gt, gtp, 1u << 20)) < 0 || (error = digest_file(&c.d, logp)) < 0)
		goto done;
	/* what the agent shows: a CI job's class first, in the same budget */
	o.lead = ciclass_lead(lead, sizeof(lead), &c.d) ? lead : NULL;
	if ((error = distill_render(&c.out, &c.d, &o, &rep)) < 0 ||
	    (dump && (error = dump_output(&c, dump, index)) < 0))
		goto done;
	read_output(&c);
	c.nlines = split_lines(&c.lines, &c.dline, c.log.ptr, c.log.len);
	score_labels(&c, &gt, misses);
	score_words(&c, tot, misses, &ws, &ts);
	share = c.labelled ? (double)c.kept / (double)c.labelled : 1.0;
	printf("%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%.3f\t%zu\t%.3f\t%.3f\n", dir, c.log.len,
	       c.d.lines, c.d.ntemplates, c.d.ntraces, c.out.len, rep.tokens, c.labelled, c.kept,
	       share, c.want.n, ws, ts);
	tot->labelled += c.labelled;
	tot->kept += c.kept;
	tot->cases++;
	tot->log_bytes += c.log.len;
	tot->out_bytes += c.out.len;
	tot->out_tokens += rep.tokens;
	tot->share_sum += share;
done:
	if (error < 0)
		fprintf(stderr, "cidiff: %s: %s\n", dir, err_last());
	scase_release(&c);
	buf_release(&gt);
	free(logp);
	free(gtp);
	return error;
}

int main(int argc, char **argv)
{
	size_t budget = 2000;
	const char *dump = NULL;
	bool misses = false;
	struct totals tot = {0};
	int i = 1, failed = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--budget") && i + 1 < argc) {
			budget = (size_t)strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--dump") && i + 1 < argc) {
			dump = argv[++i];
		} else if (!strcmp(argv[i], "--misses")) {
			misses = true;
		} else {
			fprintf(stderr, "usage: cidiff [--budget TOKENS] [--dump DIR] [--misses] CASE_DIR...\n");
			return 2;
		}
	}
	for (size_t k = 0; i < argc; i++, k++)
		failed |= run_case(argv[i], k, budget, dump, misses, &tot) < 0;
	printf("all\t%zu\t-\t-\t-\t%zu\t%zu\t%zu\t%zu\t%.3f\n", tot.log_bytes, tot.out_bytes,
	       tot.out_tokens, tot.labelled, tot.kept,
	       tot.labelled ? (double)tot.kept / (double)tot.labelled : 1.0);
	printf("mean\t-\t-\t-\t-\t%zu\t%zu\t-\t-\t%.3f\n", tot.cases ? tot.out_bytes / tot.cases : 0,
	       tot.cases ? tot.out_tokens / tot.cases : 0,
	       tot.cases ? tot.share_sum / (double)tot.cases : 1.0);
	printf("words\t%zu\t%zu\t%zu\n", tot.word_cases, tot.survived, tot.tail_survived);
	return failed;
}
