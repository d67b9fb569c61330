/*
 * ga - grouping accuracy of a log parser against Loghub's ground truth.
 *
 *   ga [-v] PREDICTED STRUCTURED_CSV
 *
 * PREDICTED has one line per log line: a group id, or "<line number>\t<group id>" (the
 * output of `aiops-agent digest --assign`). STRUCTURED_CSV is Loghub's
 * <Name>_2k.log_structured.csv; its EventId column is the true group. A line is correct
 * when its predicted group holds exactly the same lines as its true group. Prints the
 * fraction of correct lines; -v also lists the true groups that were split or merged.
 *
 * The CSV is read as RFC 4180: fields may be quoted, with commas, doubled quotes and
 * newlines inside.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct strs {
	char **v;
	size_t n, alloc;
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q) {
		fputs("ga: out of memory\n", stderr);
		exit(1);
	}
	return q;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xrealloc(NULL, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void push(struct strs *a, char *s)
{
	if (a->n == a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 1024;
		a->v = xrealloc(a->v, a->alloc * sizeof(*a->v));
	}
	a->v[a->n++] = s;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t n = 0, alloc = 0, r;

	if (!f) {
		fprintf(stderr, "ga: cannot read '%s'\n", path);
		exit(2);
	}
	do {
		if (alloc - n < 65536) {
			alloc = alloc ? 2 * alloc : 1 << 20;
			data = xrealloc(data, alloc + 1);
		}
		r = fread(data + n, 1, alloc - n, f);
		n += r;
	} while (r);
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/*
 * One CSV record from `*pos`: its fields, unquoted, into `fields` (cleared first).
 * False at the end of the input.
 */
static bool csv_record(const char *s, size_t n, size_t *pos, struct strs *fields)
{
	size_t i = *pos;
	char *field = NULL;
	size_t flen = 0, falloc = 0;

	for (size_t k = 0; k < fields->n; k++)
		free(fields->v[k]);
	fields->n = 0;
	if (i >= n)
		return false;
	for (;;) {
		bool quoted = i < n && s[i] == '"';

		flen = 0;
		if (quoted) {
			for (i++; i < n; i++) {
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						i++;
					} else {
						i++;
						break;
					}
				}
				if (flen + 1 >= falloc) {
					falloc = falloc ? 2 * falloc : 256;
					field = xrealloc(field, falloc);
				}
				field[flen++] = s[i];
			}
		}
		/* unquoted text (or junk after a closing quote) up to the separator */
		for (; i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r'; i++) {
			if (flen + 1 >= falloc) {
				falloc = falloc ? 2 * falloc : 256;
				field = xrealloc(field, falloc);
			}
			field[flen++] = s[i];
		}
		push(fields, xstrndup(field ? field : "", flen));
		if (i < n && s[i] == ',') {
			i++;
			continue;
		}
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
		break;
	}
	free(field);
	*pos = i;
	return true;
}

/* Map strings to small integers (linear probing on a string hash). */
struct intern {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t intern(struct intern *t, const char *s)
{
	size_t i;

	if ((t->n + 1) * 2 > t->cap) {
		struct intern old = *t;

		t->cap = t->cap ? 2 * t->cap : 1024;
		t->keys = calloc(t->cap, sizeof(*t->keys));
		t->vals = calloc(t->cap, sizeof(*t->vals));
		if (!t->keys || !t->vals) {
			fputs("ga: out of memory\n", stderr);
			exit(1);
		}
		for (size_t k = 0; k < old.cap; k++) {
			if (!old.keys[k])
				continue;
			for (i = hash(old.keys[k]) & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
				;
			t->keys[i] = old.keys[k];
			t->vals[i] = old.vals[k];
		}
		free(old.keys);
		free(old.vals);
	}
	for (i = hash(s) & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (!strcmp(t->keys[i], s))
			return t->vals[i];
	t->keys[i] = xstrndup(s, strlen(s));
	t->vals[i] = t->n;
	return t->n++;
}

static void intern_free(struct intern *t)
{
	for (size_t k = 0; k < t->cap; k++)
		free(t->keys[k]);
	free(t->keys);
	free(t->vals);
}

/* The name of group `id` (for -v). */
static const char *name_of(const struct intern *t, size_t id)
{
	for (size_t k = 0; k < t->cap; k++)
		if (t->keys[k] && t->vals[k] == id)
			return t->keys[k];
	return "?";
}

int main(int argc, char **argv)
{
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	const char *pred_path, *csv_path;
	char *pred, *csv;
	size_t plen, clen, pos = 0, col = SIZE_MAX, nlines = 0, correct = 0;
	struct strs fields = {0}, truth = {0}, guess = {0};
	struct intern tg = {0}, pg = {0};
	size_t *t_id, *p_id, *t_size, *p_size, *p_first, *p_pure;

	if (argc != 3 + verbose) {
		fputs("usage: ga [-v] PREDICTED STRUCTURED_CSV\n", stderr);
		return 2;
	}
	pred_path = argv[1 + verbose];
	csv_path = argv[2 + verbose];
	csv = slurp(csv_path, &clen);
	if (!csv_record(csv, clen, &pos, &fields)) {
		fprintf(stderr, "ga: '%s' is empty\n", csv_path);
		return 2;
	}
	for (size_t k = 0; k < fields.n; k++)
		if (!strcmp(fields.v[k], "EventId") || !strcmp(fields.v[k], "\xEF\xBB\xBF" "EventId"))
			col = k;
	if (col == SIZE_MAX) {
		fprintf(stderr, "ga: '%s' has no EventId column\n", csv_path);
		return 2;
	}
	while (csv_record(csv, clen, &pos, &fields)) {
		if (fields.n == 1 && !fields.v[0][0])
			continue; /* a blank line at the end */
		if (col >= fields.n) {
			fprintf(stderr, "ga: '%s': record %zu has no EventId\n", csv_path, truth.n + 1);
			return 2;
		}
		push(&truth, xstrndup(fields.v[col], strlen(fields.v[col])));
	}

	pred = slurp(pred_path, &plen);
	for (size_t i = 0; i < plen;) {
		char *nl = memchr(pred + i, '\n', plen - i);
		size_t e = nl ? (size_t)(nl - pred) : plen;
		char *tab = memchr(pred + i, '\t', e - i);
		size_t a = tab ? (size_t)(tab - pred) + 1 : i;

		push(&guess, xstrndup(pred + a, e - a));
		i = e + 1;
	}
	if (guess.n != truth.n) {
		fprintf(stderr, "ga: '%s' has %zu lines, '%s' %zu records\n", pred_path, guess.n,
			csv_path, truth.n);
		return 1;
	}
	nlines = truth.n;
	t_id = calloc(nlines + 1, sizeof(size_t));
	p_id = calloc(nlines + 1, sizeof(size_t));
	for (size_t i = 0; i < nlines; i++) {
		t_id[i] = intern(&tg, truth.v[i]);
		p_id[i] = intern(&pg, guess.v[i]);
	}
	t_size = calloc(tg.n + 1, sizeof(size_t));
	p_size = calloc(pg.n + 1, sizeof(size_t));
	p_first = calloc(pg.n + 1, sizeof(size_t));
	p_pure = calloc(pg.n + 1, sizeof(size_t));
	for (size_t g = 0; g < pg.n; g++) {
		p_first[g] = SIZE_MAX;
		p_pure[g] = 1;
	}
	for (size_t i = 0; i < nlines; i++) {
		t_size[t_id[i]]++;
		p_size[p_id[i]]++;
		if (p_first[p_id[i]] == SIZE_MAX)
			p_first[p_id[i]] = t_id[i];
		else if (p_first[p_id[i]] != t_id[i])
			p_pure[p_id[i]] = 0;
	}
	/* a predicted group is right when it is pure and as large as its true group */
	for (size_t i = 0; i < nlines; i++) {
		size_t g = p_id[i];

		correct += p_pure[g] && p_size[g] == t_size[t_id[i]];
	}
	printf("%.4f\n", nlines ? (double)correct / (double)nlines : 1.0);
	if (verbose) {
		/* each true group that is not exactly one predicted group */
		for (size_t t = 0; t < tg.n; t++) {
			size_t parts = 0, first_line = 0;
			bool ok = false;

			for (size_t i = 0; i < nlines; i++) {
				if (t_id[i] != t)
					continue;
				if (!first_line)
					first_line = i + 1;
				ok = p_pure[p_id[i]] && p_size[p_id[i]] == t_size[t];
				break;
			}
			if (ok)
				continue;
			/* count distinct predicted groups and impure ones */
			printf("  %-6s %4zu lines (first %zu):", name_of(&tg, t), t_size[t], first_line);
			for (size_t g = 0; g < pg.n; g++) {
				size_t in = 0;

				for (size_t i = 0; i < nlines; i++)
					in += t_id[i] == t && p_id[i] == g;
				if (!in)
					continue;
				parts++;
				if (parts <= 6)
					printf(" [%s: %zu%s]", name_of(&pg, g), in,
					       p_pure[g] ? "" : " mixed");
			}
			if (parts > 6)
				printf(" ... %zu groups", parts);
			putchar('\n');
		}
	}
	for (size_t k = 0; k < truth.n; k++)
		free(truth.v[k]);
	for (size_t k = 0; k < guess.n; k++)
		free(guess.v[k]);
	for (size_t k = 0; k < fields.n; k++)
		free(fields.v[k]);
	free(truth.v);
	free(guess.v);
	free(fields.v);
	intern_free(&tg);
	intern_free(&pg);
	free(t_id);
	free(p_id);
	free(t_size);
	free(p_size);
	free(p_first);
	free(p_pure);
	free(pred);
	free(csv);
	return 0;
}
