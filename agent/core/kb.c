#include "common.h"
#include "core/kb.h"
#include "util/err.h"
#include "util/sys.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

/* The canonical key order; render writes them in this order, parse accepts any. */
static const struct {
	const char *key;
	size_t off;
} fields[] = {
	{"date", offsetof(struct kb_entry, date)},
	{"service", offsetof(struct kb_entry, service)},
	{"severity", offsetof(struct kb_entry, severity)},
	{"category", offsetof(struct kb_entry, category)},
	{"remediation", offsetof(struct kb_entry, remediation)},
	{"blame_pr", offsetof(struct kb_entry, blame_pr)},
	{"pattern", offsetof(struct kb_entry, pattern)},
	{"root_cause", offsetof(struct kb_entry, root_cause)},
	{"fix", offsetof(struct kb_entry, fix)},
	{"runbook", offsetof(struct kb_entry, runbook)},
	{"fingerprint", offsetof(struct kb_entry, fingerprint)},
};

static char **field(struct kb_entry *e, size_t i)
{
	return (char **)((char *)e + fields[i].off);
}

static const char *cfield(const struct kb_entry *e, size_t i)
{
	return *(char *const *)((const char *)e + fields[i].off);
}

static void entry_release(struct kb_entry *e)
{
	free(e->id);
	free(e->title);
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		free(*field(e, i));
	memset(e, 0, sizeof(*e));
}

void kb_release(struct kb *kb)
{
	for (size_t i = 0; i < kb->n; i++)
		entry_release(&kb->entries[i]);
	free(kb->entries);
	for (size_t i = 0; i < kb->nskipped; i++)
		free(kb->skipped[i]);
	free(kb->skipped);
	memset(kb, 0, sizeof(*kb));
}

static void skipped(struct kb *kb, char *what)
{
	kb->skipped = xgrow(kb->skipped, kb->nskipped, sizeof(*kb->skipped));
	kb->skipped[kb->nskipped++] = what;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim blanks on both sides of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && (is_space((*s)[*n - 1]) || (*s)[*n - 1] == '\r'))
		(*n)--;
}

/*
 * A value: trimmed, NULL when empty or "none" (what render writes for NULL). It ends at a
 * NUL byte, as the C string it becomes would: "- fingerprint: \0..." is no fingerprint.
 */
static char *value_dup(const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n);

	if (nul)
		n = (size_t)(nul - s);
	trim(&s, &n);
	if (n == 0 || (n == 4 && !strncasecmp(s, "none", 4)))
		return NULL;
	return xstrndup(s, n);
}

/* "## " heading of level 2 exactly; returns the text after the hashes, or NULL. */
static const char *heading2(const char *line, size_t n, size_t *rest)
{
	if (n < 3 || line[0] != '#' || line[1] != '#' || !is_space(line[2]))
		return NULL;
	*rest = n - 2;
	return line + 2;
}

/* What an id may hold: render and parse must agree, or what we write we cannot read. */
static bool id_char(char c)
{
	return c != ':' && !isspace((unsigned char)c) && !iscntrl((unsigned char)c);
}

/* "<id>: <title>"; the id is one word without a colon. */
static bool split_heading(const char *s, size_t n, char **id, char **title)
{
	const char *colon, *start, *t;
	size_t idn, tn;

	trim(&s, &n);
	start = s;
	colon = memchr(s, ':', n);
	if (!colon)
		return false;
	idn = (size_t)(colon - s);
	trim(&s, &idn);
	if (idn == 0)
		return false;
	for (size_t i = 0; i < idn; i++)
		if (!id_char(s[i]))
			return false;
	t = colon + 1;
	tn = n - (size_t)(t - start);
	trim(&t, &tn);
	*id = xstrndup(s, idn);
	*title = xstrndup(t, tn);
	return true;
}

/*
 * "- key: value" (any blanks around the dash, key and colon). `key` gets the
 * lower-cased key; returns false when the line is not of that shape.
 */
static bool key_line(const char *s, size_t n, char *key, size_t keysize, const char **val,
		     size_t *valn)
{
	size_t i = 0, k = 0;

	while (i < n && is_space(s[i]))
		i++;
	if (i >= n || (s[i] != '-' && s[i] != '*'))
		return false;
	i++;
	if (i >= n || !is_space(s[i]))
		return false;
	while (i < n && is_space(s[i]))
		i++;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-')) {
		if (k + 1 >= keysize)
			return false;
		key[k++] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	key[k] = '\0';
	while (i < n && is_space(s[i]))
		i++;
	if (k == 0 || i >= n || s[i] != ':')
		return false;
	*val = s + i + 1;
	*valn = n - i - 1;
	return true;
}

/* Where kb_parse() is in the text. */
struct kb_reader {
	struct kb kb;
	struct kb_entry *cur; /* the entry being read, NULL in the intro or after prose */
	size_t alloc, lineno, keys;
	char **last;          /* the value a continuation line extends */
	const char *origin;
};

/* The entry read so far is kept, or skipped (and said) when it has no key lines. */
static void finish_entry(struct kb_reader *r)
{
	struct kb_entry *e = r->cur;

	r->cur = NULL;
	r->last = NULL;
	if (!e || r->keys > 0)
		return;
	skipped(&r->kb, xasprintf("line %zu: entry '%s' has no '- key: value' lines", e->line, e->id));
	entry_release(e);
	r->kb.n--;
}

/*
 * A "## " heading: a new entry "## <id>: <title>", after the one being read is kept or
 * skipped; in the intro, before any entry, other headings are text, after it prose.
 */
static void start_entry(struct kb_reader *r, const char *h, size_t hn)
{
	char *id = NULL, *title = NULL;

	if (!split_heading(h, hn, &id, &title)) {
		trim(&h, &hn);
		if (r->kb.n || r->cur) /* after the first entry: prose somebody wrote */
			skipped(&r->kb, xasprintf("line %zu: '## %.*s' is not an entry heading "
						  "('## <id>: <title>'): the text under it is skipped",
						  r->lineno, (int)(hn > 60 ? 60 : hn), h));
		finish_entry(r);
		return; /* a heading of the intro, or prose */
	}
	finish_entry(r);
	if (r->kb.n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->kb.entries = xrealloc(r->kb.entries, r->alloc * sizeof(*r->kb.entries));
	}
	r->cur = &r->kb.entries[r->kb.n++];
	memset(r->cur, 0, sizeof(*r->cur));
	r->cur->id = id;
	r->cur->title = title;
	r->cur->line = r->lineno;
	r->keys = 0;
	r->last = NULL;
}

/* A "- key: value" line: the field of that key, when it is one, takes the value. */
static void set_field(struct kb_reader *r, const char *key, const char *val, size_t valn)
{
	r->keys++;
	r->last = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (strcmp(key, fields[i].key))
			continue;
		free(*field(r->cur, i));
		*field(r->cur, i) = value_dup(val, valn);
		r->last = field(r->cur, i);
		break;
	}
}

/* An indented line continues a hand-wrapped value. */
static void continue_value(char **last, const char *s, size_t sn)
{
	trim(&s, &sn);
	if (sn) {
		char *joined = xasprintf("%s %.*s", *last, (int)sn, s);

		free(*last);
		*last = joined;
	}
}

int kb_parse(struct kb *out, const char *text, size_t len, const char *origin)
{
	struct kb_reader r = {KB_INIT, NULL, 0, 0, 0, NULL, origin};
	const char *p = text, *end = text + len;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *h, *val;
		size_t hn, valn;
		char key[32];

		r.lineno++;
		if (n && p[n - 1] == '\r')
			n--;
		if ((h = heading2(p, n, &hn))) {
			start_entry(&r, h, hn);
		} else if (r.cur && key_line(p, n, key, sizeof(key), &val, &valn)) {
			set_field(&r, key, val, valn);
		} else if (r.cur && r.last && *r.last && n && is_space(p[0])) {
			continue_value(r.last, p, n);
		} else if (n == 0 || !is_space(p[0])) {
			r.last = NULL;
		}
		p = nl ? nl + 1 : end;
	}
	finish_entry(&r);
	*out = r.kb;
	return 0;
}

int kb_load(struct kb *out, const char *path)
{
	struct buf text = BUF_INIT;
	int error;

	error = sys_read_file(&text, path, KB_FILE_MAX);
	if (error == ERR_NOTFOUND) {
		err_clear();
		*out = (struct kb)KB_INIT;
		error = 0;
	} else if (error == 0) {
		error = kb_parse(out, text.ptr, text.len, path);
	}
	buf_release(&text);
	return error;
}

const struct kb_entry *kb_find_fingerprint(const struct kb *kb, const char *fingerprint)
{
	if (!fingerprint || !*fingerprint)
		return NULL;
	for (size_t i = 0; i < kb->n; i++)
		if (kb->entries[i].fingerprint &&
		    !strcasecmp(kb->entries[i].fingerprint, fingerprint))
			return &kb->entries[i];
	return NULL;
}

static bool blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return !*s;
}

/* One line, trimmed: newlines and tabs become spaces; `dflt` when nothing is left. */
static int put_value(struct buf *out, const char *v, const char *dflt)
{
	size_t n = v ? strlen(v) : 0;
	int error;

	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	while (n && isspace((unsigned char)*v)) {
		v++;
		n--;
	}
	if (n == 0)
		return buf_adds(out, dflt);
	for (size_t i = 0; i < n; i++) {
		char c = isspace((unsigned char)v[i]) ? ' ' : v[i];

		if ((error = buf_addch(out, c)) < 0)
			return error;
	}
	return 0;
}

int kb_render_entry(struct buf *out, const struct kb_entry *e)
{
	size_t start = out->len;
	bool bad = !e->id || !*e->id;
	int error;

	for (const char *c = e->id; !bad && *c; c++)
		bad = !id_char(*c);
	if (bad)
		return err_set(ERR_INPUT,
			       "cannot render knowledge base entry '%s': the id must be one word "
			       "without ':'",
			       e->id ? e->id : "");
	if ((error = buf_printf(out, "\n## %s:", e->id)) < 0)
		goto done;
	/* An empty title leaves "## <id>:" without a trailing blank; "empty" as put_value
	 * trims (isspace: \v and \f too), or a title of "\v" would read back different. */
	if (e->title && !blank(e->title) &&
	    ((error = buf_addch(out, ' ')) < 0 || (error = put_value(out, e->title, "")) < 0))
		goto done;
	if ((error = buf_addch(out, '\n')) < 0)
		goto done;
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if ((error = buf_printf(out, "- %s: ", fields[i].key)) < 0 ||
		    (error = put_value(out, cfield(e, i), "none")) < 0 ||
		    (error = buf_addch(out, '\n')) < 0)
			goto done;
	}
	return 0;

done:
	buf_truncate(out, start);
	return error;
}

/*
 * Recall.
 *
 * Entries are short (a pattern, a title, a root cause), so plain TF-IDF with cosine
 * similarity works well and explains itself: the shared terms with the largest weight
 * are the "why". Identifiers matter more than words in incident text, so a token keeps
 * dots and underscores inside identifiers ("java.sql.SQLException", "pool_size"), and
 * CamelCase and dotted names also contribute their parts, so "HikariPool" in a stack
 * trace meets "Hikari pool" in a hand-written root cause.
 */

struct term {
	char *text;    /* lower case */
	char *display; /* the spelling first seen in the knowledge base */
	size_t df;
};

struct vocab {
	struct term *terms;
	size_t n, alloc;
	size_t *slots; /* open addressing: index + 1, 0 when empty */
	size_t nslots;
};

struct tw {
	size_t term;
	double w;
};

struct vec {
	struct tw *v;
	size_t n;
	double norm;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t *vocab_slot(struct vocab *v, const char *text)
{
	size_t i = (size_t)(hash(text) & (v->nslots - 1));

	while (v->slots[i] && strcmp(v->terms[v->slots[i] - 1].text, text))
		i = (i + 1) & (v->nslots - 1);
	return &v->slots[i];
}

static void vocab_grow(struct vocab *v)
{
	size_t *old = v->slots, oldn = v->nslots;

	v->nslots = oldn ? 2 * oldn : 256;
	v->slots = xcalloc(v->nslots, sizeof(*v->slots));
	for (size_t i = 0; i < oldn; i++)
		if (old[i])
			*vocab_slot(v, v->terms[old[i] - 1].text) = old[i];
	free(old);
}

/* The term's index; added when `add`, else SIZE_MAX for an unknown term. */
static size_t vocab_get(struct vocab *v, const char *text, const char *display, bool add)
{
	size_t *slot;

	if (!v->nslots) {
		if (!add)
			return SIZE_MAX;
		vocab_grow(v);
	}
	slot = vocab_slot(v, text);
	if (*slot)
		return *slot - 1;
	if (!add)
		return SIZE_MAX;
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? 2 * v->alloc : 64;
		v->terms = xrealloc(v->terms, v->alloc * sizeof(*v->terms));
	}
	v->terms[v->n] = (struct term){xstrdup(text), xstrdup(display), 0};
	*slot = ++v->n;
	if (2 * v->n > v->nslots)
		vocab_grow(v);
	return v->n - 1;
}

static void vocab_release(struct vocab *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->terms[i].text);
		free(v->terms[i].display);
	}
	free(v->terms);
	free(v->slots);
}

static bool stop_word(const char *w)
{
	static const char *const words[] = {
		"about", "after", "all", "also", "and", "any", "are", "but", "can",
		"could", "did", "does", "due", "for", "from", "had", "has", "have", "her",
		"his", "how", "into", "its", "may", "more", "not", "now", "off", "once",
		"only", "our", "out", "over", "per", "same", "should", "some", "than",
		"that", "the", "their", "them", "then", "there", "these", "they", "this",
		"those", "too", "under", "until", "very", "was", "were", "what", "when",
		"where", "which", "while", "who", "why", "will", "with", "would", "you",
		"your",
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(w, words[i]))
			return true;
	return false;
}

struct tokens {
	size_t *ids; /* term indexes, repeated per occurrence */
	size_t n, alloc;
	struct vocab *vocab;
	bool add;
	char seen[8][128]; /* terms already emitted for the current word */
	size_t nseen;
};

static void emit(struct tokens *t, const char *s, size_t n)
{
	char low[128];
	size_t id;

	if (n < 3 || n >= sizeof(low))
		return;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[n] = '\0';
	if (stop_word(low))
		return;
	for (size_t i = 0; i < t->nseen; i++)
		if (!strcmp(t->seen[i], low))
			return;
	if (t->nseen < ARRAY_SIZE(t->seen))
		memcpy(t->seen[t->nseen++], low, n + 1);
	{
		char *display = xstrndup(s, n);

		id = vocab_get(t->vocab, low, display, t->add);
		free(display);
	}
	if (id == SIZE_MAX)
		return;
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->ids = xrealloc(t->ids, t->alloc * sizeof(*t->ids));
	}
	t->ids[t->n++] = id;
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* "SQLTransientConnectionException" -> SQL, Transient, Connection, Exception. */
static void emit_camel(struct tokens *t, const char *s, size_t n)
{
	size_t start = 0, parts = 0;

	for (size_t i = 1; i < n; i++)
		if (is_upper(s[i]) && (is_lower(s[i - 1]) || isdigit((unsigned char)s[i - 1]) ||
				       (is_upper(s[i - 1]) && i + 1 < n && is_lower(s[i + 1]))))
			parts++;
	if (!parts)
		return;
	for (size_t i = 1; i <= n; i++) {
		if (i == n ||
		    (is_upper(s[i]) && (is_lower(s[i - 1]) || isdigit((unsigned char)s[i - 1]) ||
					(is_upper(s[i - 1]) && i + 1 < n && is_lower(s[i + 1]))))) {
			emit(t, s + start, i - start);
			start = i;
		}
	}
}

/* One word: the whole, then its dotted/underscored components, then their CamelCase parts. */
static void emit_word(struct tokens *t, const char *s, size_t n)
{
	size_t start = 0;
	bool compound = memchr(s, '.', n) || memchr(s, '_', n);

	t->nseen = 0;
	emit(t, s, n);
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.' && s[i] != '_')
			continue;
		if (compound)
			emit(t, s + start, i - start);
		emit_camel(t, s + start, i - start);
		start = i + 1;
	}
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

static void tokenize(struct tokens *t, const char *text)
{
	const char *p = text;

	if (!text)
		return;
	while (*p) {
		const char *s;

		while (*p && !word_char(*p))
			p++;
		s = p;
		/* A dot belongs to the word only between two word characters. */
		while (*p && (word_char(*p) || (*p == '.' && p > s && word_char(p[1]))))
			p++;
		if (p > s)
			emit_word(t, s, (size_t)(p - s));
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted (term, count) pairs from the token list; the weights are set later. */
static void counts(struct vec *out, struct tokens *t)
{
	if (t->n > 1)
		qsort(t->ids, t->n, sizeof(*t->ids), cmp_size);
	out->v = xcalloc(t->n ? t->n : 1, sizeof(*out->v));
	out->n = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (out->n && out->v[out->n - 1].term == t->ids[i])
			out->v[out->n - 1].w += 1;
		else
			out->v[out->n++] = (struct tw){t->ids[i], 1};
	}
	t->n = 0;
}

/* Sub-linear term frequency times smoothed idf, as scikit-learn's TfidfVectorizer. */
static void weigh(struct vec *v, const struct vocab *vocab, size_t ndocs)
{
	double sum = 0;

	for (size_t i = 0; i < v->n; i++) {
		double df = (double)vocab->terms[v->v[i].term].df;
		double idf = log((1.0 + (double)ndocs) / (1.0 + df)) + 1;

		v->v[i].w = (1 + log(v->v[i].w)) * idf;
		sum += v->v[i].w * v->v[i].w;
	}
	v->norm = sqrt(sum);
}

struct shared {
	size_t term;
	double w;
};

static int by_weight(const void *a, const void *b)
{
	const struct shared *x = a, *y = b;

	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return x->term < y->term ? -1 : x->term > y->term;
}

/* "Hikari" says nothing more when "HikariPool" is shared too: list the whole identifier. */
static bool part_of_another(const struct shared *sh, size_t n, size_t k, const struct vocab *vocab)
{
	const char *t = vocab->terms[sh[k].term].text;

	for (size_t j = 0; j < n; j++) {
		const char *u = vocab->terms[sh[j].term].text;

		if (j != k && strlen(u) > strlen(t) && strstr(u, t))
			return true;
	}
	return false;
}

/* Cosine of two sparse vectors; `why` gets up to 5 shared terms by weight. */
static double cosine(const struct vec *q, const struct vec *d, const struct vocab *vocab,
		     char **why)
{
	struct shared *sh = xcalloc(q->n < d->n ? q->n + 1 : d->n + 1, sizeof(*sh));
	size_t i = 0, j = 0, nsh = 0;
	double dot = 0;
	struct buf b = BUF_INIT;

	while (i < q->n && j < d->n) {
		if (q->v[i].term < d->v[j].term) {
			i++;
		} else if (q->v[i].term > d->v[j].term) {
			j++;
		} else {
			double w = q->v[i].w * d->v[j].w;

			dot += w;
			sh[nsh++] = (struct shared){q->v[i].term, w};
			i++;
			j++;
		}
	}
	qsort(sh, nsh, sizeof(*sh), by_weight);
	for (size_t k = 0, listed = 0; k < nsh && listed < 5; k++) {
		if (part_of_another(sh, nsh, k, vocab))
			continue;
		buf_putf(&b, "%s%s", listed++ ? ", " : "shared: ",
			 vocab->terms[sh[k].term].display);
	}
	*why = buf_detach(&b);
	free(sh);
	if (q->norm == 0 || d->norm == 0)
		return 0;
	return dot / (q->norm * d->norm);
}

static int by_score(const void *a, const void *b)
{
	const struct kb_match *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

void kb_recall(struct kb_match **out, size_t *n, const struct kb *kb, const char *query,
	       const char *service, size_t max, double min_score)
{
	struct vocab vocab = {0};
	struct tokens t = {0};
	struct vec *docs = NULL, q = {0};
	struct kb_match *m = NULL;
	size_t nm = 0;

	*out = NULL;
	*n = 0;
	if (!kb->n || !max)
		return;
	docs = xcalloc(kb->n, sizeof(*docs));
	t.vocab = &vocab;
	t.add = true;
	for (size_t i = 0; i < kb->n; i++) {
		const struct kb_entry *e = &kb->entries[i];

		tokenize(&t, e->pattern);
		tokenize(&t, e->title);
		tokenize(&t, e->root_cause);
		counts(&docs[i], &t);
		for (size_t k = 0; k < docs[i].n; k++)
			vocab.terms[docs[i].v[k].term].df++;
	}
	/* Terms of the query that no entry has cannot match; they are left out. */
	t.add = false;
	tokenize(&t, query);
	counts(&q, &t);
	weigh(&q, &vocab, kb->n);

	m = xcalloc(kb->n, sizeof(*m));
	for (size_t i = 0; i < kb->n; i++) {
		const struct kb_entry *e = &kb->entries[i];
		char *why = NULL;
		double score;

		weigh(&docs[i], &vocab, kb->n);
		score = cosine(&q, &docs[i], &vocab, &why);
		/* The service bonus breaks ties between similar texts; alone it is no match. */
		if (score > 0 && service && e->service && !strcasecmp(service, e->service))
			score = score + 0.1 > 1.0 ? 1.0 : score + 0.1;
		if (score > 1.0)
			score = 1.0;
		if (score <= 0 || score < min_score) {
			free(why);
			continue;
		}
		m[nm++] = (struct kb_match){e, score, why};
	}
	qsort(m, nm, sizeof(*m), by_score);
	while (nm > max)
		free(m[--nm].why);
	if (nm) {
		*out = m;
		*n = nm;
	} else {
		free(m);
	}
	for (size_t i = 0; i < kb->n; i++)
		free(docs[i].v);
	free(docs);
	free(q.v);
	free(t.ids);
	vocab_release(&vocab);
}

void kb_matches_free(struct kb_match *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].why);
	free(m);
}
