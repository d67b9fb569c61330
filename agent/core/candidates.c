#include "common.h"
#include "core/candidates.h"
#include "util/pathkind.h"
#include "util/sys.h"
#include "util/text.h"

#include <ctype.h>

struct line_ref {
	const char *text;   /* the diff line, with its '+' or '-' */
	size_t len;
	size_t file;        /* index of its file */
	size_t order;       /* position in the diff */
	double score;
};

static bool words_of_causes_in(const struct suspect *s, const char *line, size_t len)
{
	char *l = xstrndup(line, len);
	bool hit = false;

	for (size_t i = 0; !hit && i < s->causes.n; i++) {
		const char *d = s->causes.v[i].detail;

		for (size_t k = 0; d[k] && !hit;) {
			size_t n = 0;

			while (d[k + n] && (isalnum((unsigned char)d[k + n]) || strchr("_.-", d[k + n])))
				n++;
			if (n >= 5) {
				char *w = xstrndup(d + k, n);

				hit = strstr(l, w) != NULL;
				free(w);
			}
			k += n ? n : 1;
		}
	}
	free(l);
	return hit;
}

/* How much a changed line has to do with the failure (higher first). */
static double relatedness(const struct evidence *ev, const struct suspect *s, const char *path,
			  const char *line, size_t len)
{
	struct terms t = TERMS_INIT;
	double score = 0;

	terms_add_text(&t, line + 1, len - 1, 1.0);
	for (size_t k = 0; k < t.n; k++)
		score += terms_weight(&ev->terms, t.text[k]);
	terms_release(&t);
	if (score > 3)
		score = 3;
	for (size_t i = 1; i + 1 < len; i++)
		if (isdigit((unsigned char)line[i]) && strchr("=: ", line[i - 1])) {
			score += 1;
			break;
		}
	if (words_of_causes_in(s, line + 1, len - 1))
		score += 4;
	if (pathkind_is_test_or_doc(path))
		score -= 2;
	return score;
}

static int by_score(const void *a, const void *b)
{
	const struct line_ref *x = a, *y = b;

	if (x->score != y->score)
		return (x->score < y->score) - (x->score > y->score);
	return (x->order > y->order) - (x->order < y->order);
}

static int by_order(const void *a, const void *b)
{
	const struct line_ref *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

/* The changed lines of a pull request worth a look (no blank or brace-only lines). */
static struct line_ref *changed_lines(const struct evidence *ev, const struct suspect *s,
				      const struct pull *p, size_t *count)
{
	struct line_ref *v = NULL;
	size_t n = 0, alloc = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++)
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			size_t len;

			while (text_next_line(&cur, &line, &len)) {
				size_t sig = 0;

				if (*line != '+' && *line != '-')
					continue;
				for (size_t k = 1; k < len; k++)
					sig += !isspace((unsigned char)line[k]) && !strchr("{}()[];,", line[k]);
				if (sig < 2)
					continue;
				if (n == alloc) {
					alloc = alloc ? alloc * 2 : 32;
					v = xrealloc(v, alloc * sizeof(*v));
				}
				v[n] = (struct line_ref){line, len, i, n, 0};
				v[n].score = relatedness(ev, s, patch_file_path(&p->patch.files[i]), line, len);
				n++;
			}
		}
	*count = n;
	return v;
}

static void render_lines(struct buf *b, const struct evidence *ev, const struct suspect *s,
			 const struct pull *p, size_t max, size_t *full)
{
	size_t n = 0, last_file = SIZE_MAX;
	struct line_ref *v = changed_lines(ev, s, p, &n);

	if (n > *full)
		*full = n;
	qsort(v, n, sizeof(*v), by_score);
	if (n > max)
		n = max;
	qsort(v, n, sizeof(*v), by_order);
	for (size_t i = 0; i < n; i++) {
		if (v[i].file != last_file) {
			buf_putf(b, "  @ %s\n", patch_file_path(&p->patch.files[v[i].file]));
			last_file = v[i].file;
		}
		buf_putf(b, "  %.*s\n", (int)(v[i].len > 240 ? 240 : v[i].len), v[i].text);
	}
	free(v);
}

static void describe_time(struct buf *b, const char *what, time_t t, time_t ref)
{
	double h = difftime(ref, t) / 3600.0;

	if (h >= 0)
		buf_putf(b, "%s %.1f h before the onset", what, h);
	else
		buf_putf(b, "%s %.1f h after the onset", what, -h);
}

static void render_one(struct buf *b, const struct evidence *ev, const struct suspect *s,
		       size_t lines, size_t body_bytes, size_t *full)
{
	const struct pull *p = &ev->pulls[s->pull];
	time_t onset = ev->onset ? ev->onset : ev->inc->fired_at;
	time_t deployed = ev->deployed ? ev->deployed[s->pull] : 0;

	buf_putf(b, "### #%d \"%.200s\" by %.60s\n", s->number, p->meta.title ? p->meta.title : "",
		 p->meta.author ? p->meta.author : "unknown");
	describe_time(b, "merged", p->meta.merged_at, onset);
	if (deployed > 0)
		describe_time(b, "; deployed", deployed, onset);
	else if (deployed < 0)
		buf_puts(b, "; no deployment shipped it before the onset");
	buf_putf(b, "; %zu files:", p->patch.nfiles);
	for (size_t f = 0; f < p->patch.nfiles && f < 8; f++)
		buf_putf(b, " %s", patch_file_path(&p->patch.files[f]));
	buf_puts(b, p->patch.nfiles > 8 ? " ...\n" : "\n");
	if (p->meta.body && *p->meta.body && body_bytes) {
		size_t n = strlen(p->meta.body);
		char *body;

		if (n > body_bytes) /* cut on a character boundary */
			for (n = body_bytes; n && ((unsigned char)p->meta.body[n] & 0xc0) == 0x80; n--)
				;
		body = xstrndup(p->meta.body, n);
		for (char *c = body; *c; c++)
			if (*c == '\r' || *c == '\t' || *c == '\n')
				*c = ' ';
		buf_putf(b, "  description: %s%s\n", body, n < strlen(p->meta.body) ? " ..." : "");
		free(body);
	}
	if (s->after_alert || s->not_deployed)
		buf_puts(b, "  (it cannot be the cause: it reached production after the failure began)\n");
	else if (p->has_diff)
		render_lines(b, ev, s, p, lines, full);
}

void candidates_render(struct buf *b, const struct evidence *ev, size_t lines, size_t body_bytes,
		       size_t *full_lines)
{
	*full_lines = 0;
	if (!ev->nsuspects) {
		buf_puts(b, "No merged pull requests were found.\n");
		return;
	}
	for (size_t i = 0; i < ev->nsuspects; i++)
		render_one(b, ev, &ev->suspects[i], lines, body_bytes, full_lines);
}
