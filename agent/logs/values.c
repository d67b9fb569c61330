#include "common.h"
#include "logs/values.h"
#include "logs/lex.h"
#include "util/alloc.h"

struct tok {
	const char *s;
	size_t n;
};

/* Split at white space into at most `max` tokens; the count (max + 1: more than max). */
static size_t split(struct tok *v, size_t max, const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		while (i < n && is_space((unsigned char)s[i]))
			i++;
		if (i == n)
			break;
		size_t a = i;

		if (k == max)
			return max + 1;
		while (i < n && !is_space((unsigned char)s[i]))
			i++;
		v[k].s = s + a;
		v[k++].n = i - a;
	}
	return k;
}

void values_free(struct digest_template *t)
{
	for (size_t i = 0; i < t->nvalues; i++) {
		for (size_t k = 0; k < t->values[i].n; k++)
			free(t->values[i].v[k]);
		free(t->values[i].v);
	}
	free(t->values);
	free(t->values_base);
	t->values = NULL;
	t->values_base = NULL;
	t->nvalues = 0;
	t->values_bytes = 0;
}

/* The values of pattern token `token`, made when first needed (NULL: no room). */
static struct digest_values *slot(struct digest_template *t, size_t token)
{
	for (size_t i = 0; i < t->nvalues; i++)
		if (t->values[i].token == token)
			return &t->values[i];
	if (t->nvalues == VALUES_SLOTS)
		return NULL;
	if (!t->values)
		t->values = xcalloc(VALUES_SLOTS, sizeof(*t->values));
	t->values[t->nvalues].token = (uint16_t)token;
	return &t->values[t->nvalues++];
}

static void add(struct digest_template *t, struct digest_values *v, const char *s, size_t n)
{
	while (n > 1 && (s[n - 1] == ':' || s[n - 1] == ',' || s[n - 1] == ';' ||
			 (s[n - 1] == ')' && !memchr(s, '(', n)) || (s[n - 1] == ']' && !memchr(s, '[', n))))
		n--; /* "pom.bak9.xml:", "1)": the punctuation belongs to the sentence */
	for (size_t i = 0; i < v->n; i++)
		if (strlen(v->v[i]) == n && !memcmp(v->v[i], s, n))
			return;
	if (v->n == DIGEST_MAX_VALUES ||
	    t->values_bytes + (n < DIGEST_VALUE_MAX ? n : DIGEST_VALUE_MAX) + 1 > DIGEST_VALUES_BYTES) {
		v->more = true;
		return;
	}
	if (v->n == v->cap) {
		v->cap = v->cap ? (uint16_t)(v->cap * 2) : 8;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n] = lex_clipdup(s, n, DIGEST_VALUE_MAX);
	t->values_bytes += (uint32_t)strlen(v->v[v->n++]) + 1;
}

static bool same(struct tok a, struct tok b)
{
	return a.n == b.n && !memcmp(a.s, b.s, a.n);
}

/* Line `l` against the template's first line `base` (same token count): the tokens that differ. */
static void differ(struct digest_template *t, const struct tok *base, const struct tok *l, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct digest_values *v;
		bool fresh;

		if (same(base[k], l[k]))
			continue;
		fresh = true;
		for (size_t i = 0; i < t->nvalues; i++)
			fresh &= t->values[i].token != k;
		if (!(v = slot(t, k)))
			continue;
		if (fresh)
			add(t, v, base[k].s, base[k].n);
		add(t, v, l[k].s, l[k].n);
	}
}

void values_note(struct digest_template *t, const char *body, size_t blen)
{
	struct tok bt[VALUES_TOKENS], lt[VALUES_TOKENS];
	size_t nb, nl;

	t->values_seen++;
	if (!t->values_base) {
		t->values_base = lex_clipdup(body, blen, VALUES_BASE_MAX);
		nl = split(lt, ARRAY_SIZE(lt), t->values_base, strlen(t->values_base));
		t->values_ntok = (uint16_t)(nl > ARRAY_SIZE(lt) ? 0 : nl);
		return;
	}
	nl = split(lt, ARRAY_SIZE(lt), body, blen);
	if (!t->values_ntok || nl != t->values_ntok)
		return;
	nb = split(bt, ARRAY_SIZE(bt), t->values_base, strlen(t->values_base));
	if (nb == nl)
		differ(t, bt, lt, nl);
}

void values_absorb(struct digest_template *keep, struct digest_template *gone)
{
	if (!gone->values_base)
		return;
	values_note(keep, gone->values_base, strlen(gone->values_base));
	for (size_t i = 0; i < gone->nvalues; i++) {
		const struct digest_values *g = &gone->values[i];
		struct digest_values *v;

		if (keep->values_ntok != gone->values_ntok || !(v = slot(keep, g->token)))
			continue;
		for (size_t k = 0; k < g->n; k++)
			add(keep, v, g->v[k], strlen(g->v[k]));
		v->more |= g->more;
	}
}
