#include "common.h"
#include "logs/template.h"
#include "logs/values.h"
#include "logs/idmap.h"
#include "logs/mask.h"
#include "util/alloc.h"

#define MERGE_TRIES 32        /* templates compared per new shape */
#define MERGE_SIBLINGS 4      /* values that make a variable (merge_siblings) */
#define EXACT_SLOTS_MAX (1u << 15)
#define TEMPLATE_SLOTS (DIGEST_MAX_TEMPLATES + DIGEST_MAX_TEMPLATES / 4) /* merged ones too */

static uint64_t exact_key(const char *pat, size_t n, int level, size_t ntok)
{
	return lex_hash(pat, n, 0x51ED27A5ull + (uint64_t)level * 0x1000193ull + ntok);
}

/*
 * Only the low 16 bits of `ntok` reach the key (the rest shifts out; written as a mask so
 * the analyzer sees it): the message length, not the anchor's position that callers put
 * above it.
 */
static uint64_t bucket_key(const char *tok, size_t n, int level, size_t ntok)
{
	return lex_hash(tok, n, 0xB0C4E7ull ^ ((uint64_t)level << 40) ^ ((uint64_t)(ntok & 0xFFFF) << 48));
}

/*
 * The token offsets of a pattern, split as mask_line() split the line (mask_token_end). `off`
 * gets ntok + 1 entries (off[ntok] = length + 1).
 */
static size_t split_pattern(const char *p, size_t n, uint16_t *off)
{
	size_t k = 0, i = 0;

	while (i < n && k <= MAX_TOKENS) {
		unsigned f;
		bool spans;
		size_t j;

		while (i < n && p[i] == ' ')
			i++;
		if (i >= n)
			break;
		off[k++] = (uint16_t)i;
		j = mask_token_end(p, n, i, &f, &spans);
		i = j + 1;
	}
	off[k] = (uint16_t)(n + 1);
	return k;
}

static void set_pattern(struct miner *m, uint32_t idx, const char *p, size_t n, size_t hdr)
{
	struct meta *mt = &m->meta[idx];
	uint16_t off[MAX_TOKENS + 2];
	size_t k;

	free(m->d->templates[idx].pattern);
	m->d->templates[idx].pattern = xstrndup(p, n);
	k = split_pattern(p, n, off);
	mt->ntok = (uint16_t)k;
	mt->hdr = (uint16_t)(hdr < k ? hdr : 0);
	mt->off = xrealloc(mt->off, (k + 1) * sizeof(*mt->off));
	memcpy(mt->off, off, (k + 1) * sizeof(*mt->off));
}

/* A pattern read back (a digest that goes on): its header as mask_header() sees it. */
static size_t pattern_header(struct miner *m, uint32_t idx)
{
	const struct meta *mt = &m->meta[idx];

	m->ntok = mt->ntok;
	for (size_t k = 0; k < mt->ntok; k++) {
		m->tok_off[k] = mt->off[k];
		m->tok_len[k] = (uint16_t)(mt->off[k + 1] - 1 - mt->off[k]);
	}
	return mask_header(m, m->d->templates[idx].pattern);
}

/*
 * The anchor of a message: the leading word (letters and '_', 2 or more) of its first
 * token without a variable, with its position; "<*>" at 0 when there is none. Merges
 * only happen between templates with the same anchor (their bucket).
 */
static size_t anchor_word(const char *t, size_t n)
{
	size_t i;

	if (memchr(t, '<', n))
		return 0;
	for (i = 0; i < n && ((lex_kls[(unsigned char)t[i]] & K_ALPHA) || t[i] == '_'); i++)
		;
	return i >= 2 ? i : 0;
}

static uint64_t template_bucket(const struct miner *m, uint32_t idx)
{
	const struct meta *mt = &m->meta[idx];
	const char *p = m->d->templates[idx].pattern;
	int level = (int)m->d->templates[idx].level;
	size_t len = (size_t)(mt->ntok - mt->hdr), w;

	for (size_t k = mt->hdr; k < mt->ntok; k++)
		if ((w = anchor_word(p + mt->off[k], (size_t)mt->off[k + 1] - 1 - mt->off[k])))
			return bucket_key(p + mt->off[k], w, level, len | ((k - mt->hdr) << 16));
	return bucket_key(WILD, 3, level, len);
}

static uint64_t line_bucket(const struct miner *m, int level)
{
	size_t len = m->ntok - m->hdr, w;

	for (size_t k = m->hdr; k < m->ntok; k++)
		if ((w = anchor_word(m->pat.ptr + m->tok_off[k], m->tok_len[k])))
			return bucket_key(m->pat.ptr + m->tok_off[k], w, level, len | ((k - m->hdr) << 16));
	return bucket_key(WILD, 3, level, len);
}

static void index_template(struct miner *m, uint32_t idx)
{
	const struct digest_template *t = &m->d->templates[idx];
	uint64_t bk = template_bucket(m, idx);

	idmap_put(&m->exact, exact_key(t->pattern, strlen(t->pattern), (int)t->level, m->meta[idx].ntok), idx, 3);
	m->meta[idx].next = idmap_get(&m->buckets, bk);
	idmap_put(&m->buckets, bk, idx, 3);
}

static void meta_grow(struct miner *m)
{
	struct digest *d = m->d;

	m->tmpl_alloc = m->tmpl_alloc ? m->tmpl_alloc * 2 : 64;
	if (m->tmpl_alloc > TEMPLATE_SLOTS)
		m->tmpl_alloc = TEMPLATE_SLOTS;
	d->templates = xrealloc(d->templates, m->tmpl_alloc * sizeof(*d->templates));
	m->meta = xrealloc(m->meta, m->tmpl_alloc * sizeof(*m->meta));
}

void template_drop_last(struct miner *m)
{
	struct digest *d = m->d;
	uint32_t idx = (uint32_t)d->ntemplates - 1;
	struct digest_template *t = &d->templates[idx];
	uint64_t bk = template_bucket(m, idx);

	idmap_del(&m->exact, exact_key(t->pattern, strlen(t->pattern), (int)t->level, m->meta[idx].ntok));
	if (idmap_get(&m->buckets, bk) == idx) {
		if (m->meta[idx].next != NONE)
			idmap_put(&m->buckets, bk, m->meta[idx].next, 3);
		else
			idmap_del(&m->buckets, bk);
	}
	free(t->pattern);
	free(t->example);
	values_free(t);
	free(t->context);
	free(m->meta[idx].off);
	d->ntemplates--;
	m->nmeta--;
	m->live--;
}

static uint32_t template_new(struct miner *m, int level, size_t line, const char *ts,
			     const char *example, size_t exlen)
{
	struct digest *d = m->d;
	struct digest_template *t;
	uint32_t idx = (uint32_t)d->ntemplates;

	if (d->ntemplates == m->tmpl_alloc)
		meta_grow(m);
	t = &d->templates[d->ntemplates++];
	memset(t, 0, sizeof(*t));
	memset(&m->meta[idx], 0, sizeof(m->meta[idx]));
	m->meta[idx].parent = idx;
	m->nmeta++;
	m->live++;
	set_pattern(m, idx, m->pat.ptr, m->pat.len, m->hdr);
	t->example = lex_clipdup(example, exlen, EXAMPLE_MAX);
	t->level = (enum digest_level)level;
	t->first_line = line;
	template_seen(t, line, ts);
	index_template(m, idx);
	return idx;
}

/*
 * `gone` merges into `keep`: counts add up, the first and last sightings and the example
 * come from whichever saw them first or last.
 */
static void absorb(struct miner *m, uint32_t keep, uint32_t gone)
{
	struct digest_template *k = &m->d->templates[keep], *g = &m->d->templates[gone];

	k->count += g->count;
	values_absorb(k, g);
	if (g->first_line < k->first_line) {
		char *ex = k->example;

		k->example = g->example;
		g->example = ex;
		k->first_line = g->first_line;
		if (g->first_ts[0])
			ts_copy(k->first_ts, g->first_ts);
	}
	if (g->last_line > k->last_line) {
		k->last_line = g->last_line;
		if (g->last_ts[0])
			ts_copy(k->last_ts, g->last_ts);
	}
	if (!k->first_ts[0])
		ts_copy(k->first_ts, g->first_ts);
	if (!k->last_ts[0])
		ts_copy(k->last_ts, g->last_ts);
	m->meta[gone].parent = keep;
	m->live--;
}

/* The length of a token's key ("uid=1", "state:x"), 0 when it has none. */
static size_t key_len(const char *t, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '=' || (c == ':' && t[i + 1] != '/'))
			return i ? i + 1 : 0;
		if (!(lex_kls[c] & K_SEG) && c != '.')
			return 0;
	}
	return 0;
}

/*
 * Compare the line's message with a template's (same length): the number of positions
 * where they differ (a <*> in the template matches anything), stopping past `maxdiff`.
 * Headers do not count. Two tokens with different keys ("num=1" and "top=x", "a=1" and
 * "b") are not one field with two values, and exception names ("java.io.IOException:")
 * are what happened, not a value: that counts as too many differences.
 */
static size_t token_diffs(const struct miner *m, uint32_t idx, size_t maxdiff)
{
	const char *p = m->d->templates[idx].pattern;
	const struct meta *mt = &m->meta[idx];
	size_t diffs = 0;

	for (size_t k = m->hdr, t = mt->hdr; k < m->ntok; k++, t++) {
		size_t tl = (size_t)mt->off[t + 1] - 1 - mt->off[t], kl, ll;
		const char *tp = p + mt->off[t], *lp = m->pat.ptr + m->tok_off[k];

		if ((tl == 3 && !memcmp(tp, WILD, 3)) || (tl == m->tok_len[k] && !memcmp(tp, lp, tl)))
			continue;
		kl = key_len(tp, tl);
		ll = key_len(lp, m->tok_len[k]);
		if (kl != ll || memcmp(tp, lp, kl) || mask_subject(tp, tl) || mask_subject(lp, m->tok_len[k]) ||
		    ++diffs > maxdiff)
			return maxdiff + 1;
	}
	return diffs;
}

/* Template token t against line token k: kept when equal, else <*> (into m->tmp). */
static void merge_token(struct miner *m, const char *p, const uint16_t *off, size_t t, size_t k)
{
	size_t tl = (size_t)off[t + 1] - 1 - off[t];
	const char *tp = p + off[t], *lp = m->pat.ptr + m->tok_off[k];

	if (tl == m->tok_len[k] && !memcmp(tp, lp, tl))
		put(&m->tmp, tp, tl);
	else
		put(&m->tmp, WILD, 3);
}

/*
 * The template with wildcards where the line differs, into m->tmp; returns the new
 * header length. Headers of different lengths become one <*>.
 */
static size_t generalize(struct miner *m, uint32_t idx)
{
	const char *p = m->d->templates[idx].pattern;
	const struct meta *mt = &m->meta[idx];
	size_t hdr = mt->hdr;

	m->gen_words = 0;
	buf_reset(&m->tmp);
	if (mt->hdr == m->hdr) {
		for (size_t k = 0; k < mt->hdr; k++) {
			if (k)
				put(&m->tmp, p + mt->off[k] - 1, 1);
			merge_token(m, p, mt->off, k, k);
		}
	} else {
		put(&m->tmp, WILD, 3);
		hdr = 1;
	}
	for (size_t t = mt->hdr, k = m->hdr; t < mt->ntok; t++, k++) {
		size_t before;

		if (t)
			put(&m->tmp, t == mt->hdr && hdr != mt->hdr ? " " : p + mt->off[t] - 1, 1);
		before = m->tmp.len;
		merge_token(m, p, mt->off, t, k);
		m->gen_words += !mask_is_wild(m->tmp.ptr + before, m->tmp.len - before);
	}
	return hdr;
}

/*
 * Does template `idx`'s message fit pattern `g` (offsets `goff`, header `ghdr`)? `*value`
 * gets a hash of its tokens at the positions `newpos` (message positions that `g` turns
 * into <*>), or 0 when it has <*> there already (it stands for many values).
 */
static bool fits(const struct miner *m, uint32_t idx, const char *g, const uint16_t *goff, size_t gn,
		 size_t ghdr, const uint8_t *newpos, uint64_t *value)
{
	const char *p = m->d->templates[idx].pattern;
	const struct meta *mt = &m->meta[idx];
	uint64_t h = 0x5EB1;

	if ((size_t)(mt->ntok - mt->hdr) != gn - ghdr)
		return false;
	for (size_t t = mt->hdr, k = ghdr, i = 0; k < gn; t++, k++, i++) {
		size_t gl = (size_t)goff[k + 1] - 1 - goff[k], tl = (size_t)mt->off[t + 1] - 1 - mt->off[t];

		if (newpos[i]) {
			if (mask_is_wild(p + mt->off[t], tl))
				h = 0;
			else if (h)
				h = lex_hash(p + mt->off[t], tl, h);
		}
		if (gl == 3 && !memcmp(g + goff[k], WILD, 3))
			continue;
		if (gl != tl || memcmp(g + goff[k], p + mt->off[t], gl))
			return false;
	}
	*value = h;
	return true;
}

/* Message positions where template idx has a word the line does not: they would become <*>. */
static void new_wilds(const struct miner *m, uint32_t idx, uint8_t *newpos)
{
	const char *p = m->d->templates[idx].pattern;
	const struct meta *mt = &m->meta[idx];

	for (size_t t = mt->hdr, k = m->hdr, i = 0; k < m->ntok; t++, k++, i++) {
		size_t tl = (size_t)mt->off[t + 1] - 1 - mt->off[t];

		newpos[i] = !(tl == 3 && !memcmp(p + mt->off[t], WILD, 3)) &&
			    (tl != m->tok_len[k] || memcmp(p + mt->off[t], m->pat.ptr + m->tok_off[k], tl));
	}
}

/* Fold the line into template idx, generalizing it (m->tmp holds the new pattern). */
static uint32_t merge_into(struct miner *m, uint32_t idx, size_t hdr, int level, uint64_t key)
{
	struct digest_template *t = &m->d->templates[idx];

	if (m->tmp.len != strlen(t->pattern) || memcmp(m->tmp.ptr, t->pattern, m->tmp.len)) {
		uint64_t newkey = exact_key(m->tmp.ptr, m->tmp.len, level, hdr + m->ntok - m->hdr);
		uint32_t other = idmap_get(&m->exact, newkey);

		if (other != NONE && (other = template_find(m, other)) != idx) {
			uint32_t keep = other < idx ? other : idx;

			absorb(m, keep, keep == idx ? other : idx);
			idx = keep;
		}
		set_pattern(m, idx, m->tmp.ptr, m->tmp.len, hdr);
		idmap_put(&m->exact, newkey, idx, 3);
	}
	idmap_put(&m->exact, key, idx, 2); /* alias: this exact shape maps here */
	return idx;
}

/*
 * Siblings: template `near` differs from the line in a few message positions. With
 * those positions made <*> (m->tmp, from generalize()), do MERGE_SIBLINGS different
 * values fill them, counting the line and every template of the bucket that fits? Then
 * all of them become one template. Three users, hosts or file names make a variable;
 * two or three values (true/false, start/stop, GET/POST/DELETE) may well be different
 * events, so they stay apart.
 */
static uint32_t merge_siblings(struct miner *m, uint32_t near, size_t hdr, int level, uint64_t key)
{
	struct digest *d = m->d;
	uint16_t goff[MAX_TOKENS + 2];
	uint8_t newpos[MAX_TOKENS + 1];
	uint64_t values[MERGE_SIBLINGS], v = 0x5EB1;
	uint32_t members[MERGE_TRIES], nm = 0, keep = NONE, idx;
	size_t gn = split_pattern(m->tmp.ptr, m->tmp.len, goff), nv = 0;
	bool many = false;

	memset(newpos, 0, sizeof(newpos));
	new_wilds(m, near, newpos);
	for (size_t k = m->hdr, i = 0; k < m->ntok; k++, i++)
		if (newpos[i])
			v = lex_hash(m->pat.ptr + m->tok_off[k], m->tok_len[k], v);
	values[nv++] = v;
	idx = idmap_get(&m->buckets, line_bucket(m, level));
	for (int tries = 0; idx != NONE && tries < MERGE_TRIES; tries++, idx = m->meta[idx].next) {
		size_t i;

		if (m->meta[idx].parent != idx || (int)d->templates[idx].level != level ||
		    !fits(m, idx, m->tmp.ptr, goff, gn, hdr, newpos, &v))
			continue;
		members[nm++] = idx;
		many |= !v; /* a member with <*> there already: many values */
		for (i = 0; i < nv && values[i] != v; i++)
			;
		if (i == nv && nv < MERGE_SIBLINGS)
			values[nv++] = v;
	}
	if (nv < MERGE_SIBLINGS && !many)
		return NONE;
	for (uint32_t i = 0; i < nm; i++)
		keep = keep == NONE || members[i] < keep ? members[i] : keep;
	for (uint32_t i = 0; i < nm; i++)
		if (members[i] != keep)
			absorb(m, keep, members[i]);
	return merge_into(m, keep, hdr, level, key);
}

/*
 * A line whose masked form is new: find the template it belongs to among those of the
 * same level, message length and anchor (its bucket). A template whose message matches
 * (its <*> match anything; headers never count) takes it at once, its differing header
 * fields becoming <*>. Otherwise templates that differ in at most max(1, tokens/10)
 * positions may merge with it as siblings (merge_siblings). NONE: a new template.
 */
static uint32_t template_merge(struct miner *m, int level, uint64_t key)
{
	struct digest *d = m->d;
	size_t n = m->ntok - m->hdr, loose = n / 10 ? n / 10 : 1, nnear = 0;
	uint32_t idx = idmap_get(&m->buckets, line_bucket(m, level)), near[8];

	for (int tries = 0; idx != NONE && tries < MERGE_TRIES; tries++, idx = m->meta[idx].next) {
		const struct meta *mt = &m->meta[idx];
		size_t diffs;

		if (mt->parent != idx || (size_t)(mt->ntok - mt->hdr) != n || (int)d->templates[idx].level != level)
			continue;
		if (!(diffs = token_diffs(m, idx, loose)))
			return merge_into(m, idx, generalize(m, idx), level, key);
		if (diffs <= loose && nnear < ARRAY_SIZE(near))
			near[nnear++] = idx;
	}
	for (size_t c = 0; c < nnear; c++) {
		size_t hdr = generalize(m, near[c]);

		if (!m->gen_words)
			continue; /* a message of variables only says nothing */
		if ((idx = merge_siblings(m, near[c], hdr, level, key)) != NONE)
			return idx;
	}
	return NONE;
}

/* Fold a line into the templates; its index, or NONE when the table is full. */
uint32_t template_fold(struct miner *m, const char *body, size_t blen, int level, size_t line,
		       const char *ts, const char *example, size_t exlen)
{
	uint64_t key;
	uint32_t idx;

	mask_line(m, &m->pat, body, blen);
	key = exact_key(m->pat.ptr, m->pat.len, level, m->ntok);
	m->fold_hit = false;
	if ((idx = idmap_get(&m->exact, key)) != NONE) {
		m->fold_hit = true;
		idx = template_find(m, idx);
		template_seen(&m->d->templates[idx], line, ts);
		return idx;
	}
	m->hdr = mask_header(m, m->pat.ptr);
	if ((idx = template_merge(m, level, key)) != NONE) {
		template_seen(&m->d->templates[idx], line, ts);
		return idx;
	}
	if (m->live >= DIGEST_MAX_TEMPLATES || m->d->ntemplates >= TEMPLATE_SLOTS) {
		m->d->other_lines++;
		return NONE;
	}
	return template_new(m, level, line, ts, example, exlen);
}

/*
 * After a pass: templates merged into others leave the table, which keeps the order of
 * first appearance, and the per-line ids name the templates that stay.
 */
void template_compact(struct miner *m)
{
	struct digest *d = m->d;
	uint32_t *to;
	size_t n = 0;

	if (m->live == d->ntemplates)
		return;
	to = xmalloc(d->ntemplates * sizeof(*to));
	for (size_t i = 0; i < d->ntemplates; i++) {
		if (m->meta[i].parent == i) {
			to[i] = (uint32_t)n;
			d->templates[n++] = d->templates[i];
		} else {
			to[i] = NONE;
			free(d->templates[i].pattern);
			free(d->templates[i].example);
			values_free(&d->templates[i]);
			free(d->templates[i].context);
		}
	}
	for (size_t i = 0; i < d->ntemplates; i++)
		if (to[i] == NONE)
			to[i] = to[template_find(m, (uint32_t)i)];
	for (size_t l = 0; d->assign_on && l < d->lines; l++)
		if (d->assign[l] < DIGEST_ID_TRACE)
			d->assign[l] = to[d->assign[l]];
	for (size_t s = 0; s < d->nsteps; s++)
		for (size_t l = 0; l < d->steps[s].nlines; l++)
			if (d->steps[s].tmpl[l] < d->ntemplates)
				d->steps[s].tmpl[l] = to[d->steps[s].tmpl[l]];
	d->ntemplates = n;
	free(to);
}

void template_begin(struct miner *m)
{
	struct digest *d = m->d;

	m->exact.max = EXACT_SLOTS_MAX;
	m->buckets.max = 2 * DIGEST_MAX_TEMPLATES;
	m->tmpl_alloc = d->ntemplates;
	m->nmeta = m->live = d->ntemplates;
	if (!d->ntemplates)
		return;
	m->meta = xcalloc(d->ntemplates, sizeof(*m->meta));
	for (size_t i = 0; i < d->ntemplates; i++) {
		char *p = d->templates[i].pattern;

		d->templates[i].pattern = NULL;
		m->meta[i].parent = (uint32_t)i;
		set_pattern(m, (uint32_t)i, p, strlen(p), 0);
		free(p);
		m->meta[i].hdr = (uint16_t)pattern_header(m, (uint32_t)i);
		index_template(m, (uint32_t)i);
	}
}
