#include "common.h"
#include "digest.h"
#include "err.h"
#include "redact.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64u << 10)
#define PATTERN_MAX 1024      /* masked text kept per template; the tail folds to <*> */
#define EXAMPLE_MAX 2048      /* bytes of the example line and the first error */
#define HEADLINE_MAX 1024
#define FRAME_MAX 512
#define TRACE_TEXT_MAX (16u << 10)
#define MAX_TOKENS 256
#define MERGE_TRIES 32        /* templates compared per new shape */
#define MERGE_MIN_TOKENS 4    /* 1 difference in 4 tokens: similarity 0.75 */
#define EXACT_SLOTS_MAX (1u << 15)
#define RENDER_FRAMES 12
#define RENDER_TIMELINE 20
#define RENDER_CLIP 240
#define NONE UINT32_MAX

static const char WILD[] = "<*>";
static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* ---- small helpers ---- */

/*
 * Character classes, computed at compile time: the per-byte loops below run on every
 * line, so each test is one table lookup.
 */
enum {
	C_SPACE = 1,
	C_DIGIT = 2,
	C_ALPHA = 4,
	C_HEX = 8,
	C_OPEN = 16,  /* ( [ { <  opening brackets around a token */
	C_CLOSE = 32, /* ) ] } > , ; : . ! ?  closing punctuation after a token */
	C_LVEND = 64, /* ] ) > } : | , ! - .  after a level word */
	C_WORD = 128, /* letters, digits, _ */
};
#define IN(c, a, b) ((c) >= (a) && (c) <= (b))
#define CLS(c)                                                                         \
	(((c) == ' ' || (c) == '\t' ? C_SPACE : 0) | (IN(c, '0', '9') ? C_DIGIT : 0) |   \
	 (IN(c, 'a', 'z') || IN(c, 'A', 'Z') ? C_ALPHA : 0) |                          \
	 (IN(c, '0', '9') || IN(c, 'a', 'f') || IN(c, 'A', 'F') ? C_HEX : 0) |         \
	 ((c) == '(' || (c) == '[' || (c) == '{' || (c) == '<' ? C_OPEN : 0) |          \
	 ((c) == ')' || (c) == ']' || (c) == '}' || (c) == '>' || (c) == ',' ||         \
		  (c) == ';' || (c) == ':' || (c) == '.' || (c) == '!' || (c) == '?'   \
	  ? C_CLOSE                                                                    \
	  : 0) |                                                                       \
	 ((c) == ']' || (c) == ')' || (c) == '>' || (c) == '}' || (c) == ':' ||         \
		  (c) == '|' || (c) == ',' || (c) == '!' || (c) == '-' || (c) == '.'   \
	  ? C_LVEND                                                                    \
	  : 0) |                                                                       \
	 (IN(c, '0', '9') || IN(c, 'a', 'z') || IN(c, 'A', 'Z') || (c) == '_' ? C_WORD : 0))
#define R4(c) CLS(c), CLS((c) + 1), CLS((c) + 2), CLS((c) + 3)
#define R16(c) R4(c), R4((c) + 4), R4((c) + 8), R4((c) + 12)
#define R64(c) R16(c), R16((c) + 16), R16((c) + 32), R16((c) + 48)
static const unsigned char cls[256] = {R64(0), R64(64), R64(128), R64(192)};

static inline bool has(unsigned char c, int mask)
{
	return cls[c] & mask;
}

static inline bool is_digit(unsigned char c)
{
	return cls[c] & C_DIGIT;
}

static inline bool is_alpha(unsigned char c)
{
	return cls[c] & C_ALPHA;
}

static inline bool is_alnum(unsigned char c)
{
	return cls[c] & (C_ALPHA | C_DIGIT);
}

static inline bool is_space(unsigned char c)
{
	return cls[c] & C_SPACE;
}

static inline bool is_hex(unsigned char c)
{
	return cls[c] & C_HEX;
}

/* Prefix and suffix tests against string literals ("" lit "" refuses anything else). */
#define LITLEN(lit) (sizeof("" lit "") - 1)
#define HAS_PREFIX(s, n, lit) ((n) >= LITLEN(lit) && !memcmp((s), (lit), LITLEN(lit)))
#define HAS_SUFFIX(s, n, lit) ((n) >= LITLEN(lit) && !memcmp((s) + (n) - LITLEN(lit), (lit), LITLEN(lit)))

static inline unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static bool eq_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
			return false;
	return true;
}

static const char *search(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	const char *end = s + n, *p = s;

	while (m && m <= (size_t)(end - p) && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1))) {
		if (!memcmp(p, needle, m))
			return p;
		p++;
	}
	return NULL;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/*
 * The longest prefix of at most `max` bytes that does not split a UTF-8 sequence (at
 * most 3 bytes are given back, so binary junk cannot shrink it further).
 */
static size_t utf8_clip(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	for (int k = 0; k < 3 && max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80; k++)
		max--;
	return max;
}

static char *clipdup(const char *s, size_t n, size_t max)
{
	return xstrndup(s, utf8_clip(s, n, max));
}

static void set_ts(char dst[32], const char *src, size_t n)
{
	n = utf8_clip(src, n, 31);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* 64-bit hash: 8 bytes a step, multiply-xorshift mixing. Collisions are ignored. */
static uint64_t hash_bytes(const char *s, size_t n, uint64_t seed)
{
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t h = seed ^ (n * k);

	while (n >= 8) {
		uint64_t v;

		memcpy(&v, s, 8);
		h = (h ^ v) * k;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t v = 0;

		memcpy(&v, s, n);
		h = (h ^ v) * k;
		h ^= h >> 29;
	}
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 32;
	return h ? h : 1;
}

/* ---- a u64 -> u32 open-addressing map, growing up to a fixed size ---- */

struct map {
	uint64_t *keys; /* 0 = empty */
	uint32_t *vals;
	size_t cap, used, max;
};

static uint32_t map_get(const struct map *m, uint64_t key)
{
	if (!m->cap)
		return NONE;
	for (size_t i = key & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->vals[i];
		if (!m->keys[i])
			return NONE;
	}
}

static void map_set_raw(struct map *m, uint64_t key, uint32_t val)
{
	size_t i = key & (m->cap - 1);

	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i])
		m->used++;
	m->keys[i] = key;
	m->vals[i] = val;
}

/*
 * Insert or overwrite. `fill` is the load (in quarters) allowed at the maximum size, so
 * optional entries (aliases) can stop earlier than required ones. False when full.
 */
static bool map_put(struct map *m, uint64_t key, uint32_t val, unsigned fill)
{
	if (m->cap && map_get(m, key) != NONE) {
		map_set_raw(m, key, val);
		return true;
	}
	if (!m->cap || (m->used + 1) * 2 > m->cap) {
		if (m->cap >= m->max) {
			if ((m->used + 1) * 4 > m->cap * fill)
				return false;
		} else {
			struct map old = *m;

			m->cap = m->cap ? m->cap * 2 : 256;
			m->used = 0;
			m->keys = xcalloc(m->cap, sizeof(*m->keys));
			m->vals = xcalloc(m->cap, sizeof(*m->vals));
			for (size_t i = 0; i < old.cap; i++)
				if (old.keys[i])
					map_set_raw(m, old.keys[i], old.vals[i]);
			free(old.keys);
			free(old.vals);
		}
	}
	map_set_raw(m, key, val);
	return true;
}

/* Remove a key (backward-shift deletion keeps probe chains intact without tombstones). */
static void map_del(struct map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i, j;

	if (!m->cap)
		return;
	for (i = key & mask; m->keys[i] != key; i = (i + 1) & mask)
		if (!m->keys[i])
			return;
	for (j = i;;) {
		size_t home;

		j = (j + 1) & mask;
		if (!m->keys[j])
			break;
		home = m->keys[j] & mask;
		/* an entry may move back to i unless its home lies cyclically in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = 0;
	m->used--;
}

static void map_release(struct map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ---- the miner: state of one pass ---- */

enum trace_kind { TR_NONE, TR_JAVA, TR_PYTHON, TR_GO };

struct tbuild {
	enum trace_kind kind;
	struct buf headline;
	struct buf text;
	char **frames;
	size_t nframes;
	size_t omitted; /* lines left out of `text` */
	size_t first_line;
	char ts[32];
};

struct meta {
	uint32_t next;  /* next template in the same merge bucket */
	uint16_t ntok;
};

struct miner {
	struct digest *d;
	struct redact_stream rs;
	bool at_start; /* before the first line of this pass: a BOM may come */

	/* a line split across reads */
	char *carry;
	size_t carry_len;
	bool carry_over;

	/* per line scratch; red and body are double-buffered so the previous line stays */
	char *clean;
	struct buf red[2], body[2], pat, tmp;
	int cur;
	uint32_t tok_off[MAX_TOKENS + 1];
	uint16_t tok_len[MAX_TOKENS + 1];
	size_t ntok;

	/* the previous line, a possible exception headline */
	bool prev_ok;
	const char *prev_body, *prev_rest, *prev_full;
	size_t prev_body_len, prev_rest_len, prev_full_len, prev_line;
	uint32_t prev_tmpl;
	enum digest_level prev_level;
	char prev_ts[32];
	char last_ts[32];

	/* template index */
	struct map exact;   /* masked-line hash -> template */
	struct map buckets; /* (level, token count, first token) -> newest template */
	struct meta *meta;
	size_t tmpl_alloc;

	uint64_t *trace_ids;
	size_t trace_alloc;
	struct tbuild tr;
};

/* ---- input hygiene: UTF-8, NUL, control characters, ANSI colours ---- */

static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

static size_t skip_escape(const unsigned char *s, size_t n, size_t i)
{
	if (i + 1 >= n)
		return n;
	if (s[i + 1] == '[') {
		for (i += 2; i < n; i++)
			if (s[i] >= 0x40 && s[i] <= 0x7E)
				return i + 1;
		return n;
	}
	if (s[i + 1] == ']') {
		for (i += 2; i < n; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (s[i] == 0x1B && i + 1 < n && s[i + 1] == '\\')
				return i + 2;
		}
		return n;
	}
	return i + 2;
}

/*
 * Printable ASCII and tabs pass through untouched (the fast path). Otherwise: ANSI
 * escapes go, other control characters become spaces, NULs and invalid UTF-8 become
 * U+FFFD. The output is at most 3 bytes per input byte.
 */
static void sanitize(struct miner *m, const char **sp, size_t *np)
{
	const unsigned char *s = (const unsigned char *)*sp;
	size_t n = *np, o = 0, i = 0;

	/* eight bytes a step: any byte >= 0x80 or < 0x20 sets a high bit (tabs too) */
	for (; i + 8 <= n; i += 8) {
		uint64_t v;

		memcpy(&v, s + i, 8);
		if ((v | (v - 0x2020202020202020ull)) & 0x8080808080808080ull)
			break;
	}
	for (; i < n; i++)
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] >= 0x80)
			break;
	if (i == n)
		return;
	memcpy(m->clean, s, i);
	o = i;
	while (i < n) {
		unsigned char c = s[i];

		if (c >= 0x80) {
			size_t len = utf8_seq(s + i, n - i);

			if (len) {
				memcpy(m->clean + o, s + i, len);
				o += len;
				i += len;
				continue;
			}
			memcpy(m->clean + o, REPLACEMENT, 3);
			o += 3;
			m->d->binary_bytes++;
			i++;
		} else if (c == 0) {
			memcpy(m->clean + o, REPLACEMENT, 3);
			o += 3;
			m->d->binary_bytes++;
			i++;
		} else if (c == 0x1B) {
			i = skip_escape(s, n, i);
		} else {
			m->clean[o++] = (c < 0x20 && c != '\t') || c == 0x7F ? ' ' : (char)c;
			i++;
		}
	}
	*sp = m->clean;
	*np = o;
}

/* ---- timestamps and levels ---- */

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

struct prefix {
	size_t rest;      /* offset of the text after the timestamp */
	int level;        /* from a klog header, or -1 */
	char ts[32];
};

/*
 * A leading timestamp (optionally in brackets): ISO 8601 (GitHub Actions' prefix too),
 * syslog, klog ("E1118 03:12:00.123456 1234 file.go:12] msg", header dropped), or a bare
 * clock. One space after it belongs to it, so the text keeps its own indentation.
 */
static void parse_prefix(const char *s, size_t n, struct prefix *p)
{
	size_t i = 0, e = 0, b = 0;

	p->rest = 0;
	p->level = -1;
	p->ts[0] = '\0';
	if (n && s[0] == '[')
		b = i = 1;
	if (n > 6 && !b && strchr("IWEF", s[0]) && s[0] && digits_at(s, n, 1, 4) && s[5] == ' ' &&
	    (e = clock_at(s, n, 6))) {
		const char *close = search(s + e, n - e < 128 ? n - e : 128, "] ");

		set_ts(p->ts, s + 1, e - 1);
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
	if (!e || (e < n && !is_space((unsigned char)s[e]) && s[e] != ']'))
		return;
	set_ts(p->ts, s + i, e - i);
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

static int level_word(const char *w, size_t n)
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
	return eq_ci(w, n, "error") || eq_ci(w, n, "fatal") || eq_ci(w, n, "panic") ||
	       eq_ci(w, n, "warn") || eq_ci(w, n, "warning");
}

/*
 * A level word among the first five tokens: "ERROR", "[warn]", "<info>", "error:",
 * "ERROR:root:msg", "level=error". A lower-case word only counts with brackets or a colon,
 * or as the first word when it is unambiguous ("Error connecting..."). A level that
 * starts the text in capitals or brackets is cut from the text (`*strip`).
 */
static int level_scan(const char *s, size_t n, size_t *strip)
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
		if (w == b || (lv = level_word(s + b, w - b)) < 0)
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

static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t m = strlen(w);

	return i + m <= n && !memcmp(s + i, w, m) && (i == 0 || !is_alpha((unsigned char)s[i - 1])) &&
	       (i + m == n || !is_alpha((unsigned char)s[i + m]));
}

/*
 * No level word: guess from what the text says. Exception, Error:, Traceback, panic:,
 * FATAL, FAIL, ERROR and a whole-word Error mean error; WARN/WARNING mean warning.
 */
static int level_guess(const char *s, size_t n)
{
	int lv = DIGEST_INFO;

	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 'E':
			if (HAS_PREFIX(s + i, n - i, "Exception") || HAS_PREFIX(s + i, n - i, "Error:") ||
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

/* ---- structured lines: JSON objects and logfmt ---- */

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
		if (eq_ci(f->key, f->klen, *names))
			return true;
	return false;
}

static const char *const TS_KEYS[] = {"ts", "time", "timestamp", "@timestamp", "t", "date",
				      "datetime", NULL};
static const char *const LEVEL_KEYS[] = {"level", "lvl", "severity", "loglevel", "log.level",
					 "levelname", "@level", NULL};
static const char *const MSG_KEYS[] = {"msg", "message", "@message", "log", NULL};
static const char *const ERR_KEYS[] = {"error", "err", "exception", "error.message", NULL};

/* Append a JSON/logfmt string value with its simple escapes undone (\uXXXX stays). */
static void add_unescaped(struct buf *b, const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = v[i];

		if (c == '\\' && i + 1 < n) {
			c = v[++i];
			if (c == 'n' || c == 't' || c == 'r')
				c = ' ';
			else if (c == 'u') {
				buf_puts(b, "\\u");
				continue;
			}
		}
		if (buf_addch(b, c) < 0)
			xdie("internal error: uncapped buffer refused an append");
	}
}

static int level_value(const struct field *f)
{
	const char *v = f->val;
	size_t n = f->vlen;

	trim(&v, &n);
	if (!f->str && n && is_digit((unsigned char)v[0])) {
		long x = strtol(v, NULL, 10); /* pino/bunyan: 10 trace .. 60 fatal */

		return x >= 50 ? DIGEST_ERROR : x >= 40 ? DIGEST_WARN : x >= 30 ? DIGEST_INFO
									  : DIGEST_DEBUG;
	}
	return level_word(v, n);
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
			set_ts(p->ts, f.val, f.vlen);
		else if (!err.val && f.str && key_is(&f, ERR_KEYS))
			err = f;
	}
	if (!msg.val)
		return false;
	add_unescaped(body, msg.val, msg.vlen);
	if (err.val) {
		buf_puts(body, " error: ");
		add_unescaped(body, err.val, err.vlen);
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
			set_ts(p->ts, f.val, f.vlen);
		else
			buf_putf(&others, " %.*s", (int)(s + pos - f.key), f.key);
		rest_from = pos;
	}
	if (!msg.val) {
		buf_release(&others);
		return false;
	}
	add_unescaped(body, msg.val, msg.vlen);
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
	} else if (HAS_PREFIX(s, n, "::") && n > 2 && (end = search(s + 2, n - 2, "::"))) {
		word = s + 2;
		*skip = (size_t)(end - s) + 2;
	} else {
		return -1;
	}
	while (word + w < s + *skip && is_alpha((unsigned char)word[w]))
		w++;
	if (eq_ci(word, w, "error"))
		return DIGEST_ERROR;
	if (eq_ci(word, w, "warning"))
		return DIGEST_WARN;
	if (eq_ci(word, w, "debug"))
		return DIGEST_DEBUG;
	return DIGEST_INFO;
}

/*
 * The level of a line and the text to fold (`*body`, `*blen`), which points into the
 * line or into m->body[cur].
 */
static int classify(struct miner *m, const char *rest, size_t rn, struct prefix *p,
		    const char **body, size_t *blen)
{
	struct buf *b = &m->body[m->cur];
	const char *s = rest, *orig;
	size_t n = rn, strip, on;
	int level = p->level, lv;

	buf_reset(b);
	trim(&s, &n);
	if (p->ts[0] && n && is_digit((unsigned char)s[0])) {
		struct prefix inner;

		/* a second timestamp: an application line inside a runner's or container's */
		parse_prefix(s, n, &inner);
		if (inner.ts[0]) {
			s += inner.rest;
			n -= inner.rest;
			level = inner.level;
			trim(&s, &n);
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
			trim(&s, &n);
		}
		if ((lv = level_scan(s, n, &strip)) >= 0) {
			level = level > lv ? level : lv;
			s += strip;
			n -= strip;
		}
	}
	trim(&s, &n);
	if (!n) {
		s = orig; /* "ERROR" alone still is a line to count */
		n = on;
	}
	if (level < 0)
		level = level_guess(s, n);
	*body = s;
	*blen = n;
	return level;
}

/* ---- tokens and masks ---- */

/*
 * Is a token (punctuation already stripped) variable? Anything with a digit (numbers,
 * hex, UUIDs, IPs, timestamps, durations, ids) except short words like v2, http2,
 * ipv4, log4j; paths with two slashes or more; URLs; e-mail addresses; long hex; long
 * mixed-case base64-looking ids.
 */
static bool is_variable(const char *c, size_t n)
{
	size_t digits = 0, slashes = 0, at = 0;
	bool hex = true, upper = false, low = false, wordish = true, dot_after_at = false;
	bool colon = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)c[i];

		if (is_digit(ch)) {
			if (n > 8)
				return true; /* too long for a word like "http2" */
			digits++;
		} else if (ch >= 'A' && ch <= 'Z') {
			upper = true;
		} else if (ch >= 'a' && ch <= 'z') {
			low = true;
		} else if (ch == ':') {
			colon = true;
		} else if (ch == '/') {
			slashes++;
		} else if (ch == '@' && !at) {
			at = i;
		} else if (ch == '.' && at) {
			dot_after_at = true;
		}
		hex &= is_hex(ch);
		wordish &= has(ch, C_WORD);
	}
	if (digits)
		return !(is_alpha((unsigned char)c[0]) && n <= 8 && digits <= 2 && wordish &&
			 !(hex && n >= 6));
	if ((c[0] == '/' && slashes >= 2) || HAS_PREFIX(c, n, "./") || HAS_PREFIX(c, n, "../") ||
	    HAS_PREFIX(c, n, "~/") || (colon && search(c, n, "://")))
		return true;
	if (at && dot_after_at && at + 1 < n)
		return true;
	if (hex && n >= 12)
		return true;
	return n >= 24 && upper && low && wordish;
}

/*
 * Append to an internal, uncapped buffer. The fast path writes in place when there is
 * room (keeping buf.h's invariants: NUL-terminated, len < alloc); this runs per token.
 */
static inline void put(struct buf *b, const char *s, size_t n)
{
	if (b->alloc && b->len + n < b->alloc) {
		memcpy(b->ptr + b->len, s, n);
		b->len += n;
		b->ptr[b->len] = '\0';
		return;
	}
	if (buf_add(b, s, n) < 0)
		xdie("internal error: uncapped buffer refused an append");
}

static bool is_quote(char c)
{
	return c == '"' || c == '\'' || c == '`';
}

/* Mask one whitespace-free token into `out`. */
static void mask_word(struct buf *out, const char *t, size_t len)
{
	size_t b = 0, e = len, k;

	while (b < len && has((unsigned char)t[b], C_OPEN))
		b++;
	while (e > b && has((unsigned char)t[e - 1], C_CLOSE))
		e--;
	if (e - b >= 2 && is_quote(t[b]) && t[e - 1] == t[b])
		goto wild;
	for (k = b + 1; k < e && t[k] != '=' && t[k] != ':'; k++)
		if (!is_alnum((unsigned char)t[k]) && t[k] != '_' && t[k] != '-' && t[k] != '.')
			break;
	if (b < e && k < e && is_alpha((unsigned char)t[b]) &&
	    (t[k] == '=' || (t[k] == ':' && !HAS_PREFIX(t + k, e - k, "://")))) {
		const char *v = t + k + 1;
		size_t vn = e - k - 1;

		if (vn && (is_quote(v[0]) || is_variable(v, vn))) {
			put(out, t, k + 1);
			put(out, WILD, 3);
			put(out, t + e, len - e);
			return;
		}
		if (t[k] == '=') {
			put(out, t, len);
			return;
		}
	}
	if (b == e || !is_variable(t + b, e - b)) {
		put(out, t, len);
		return;
	}
wild:
	put(out, t, b);
	put(out, WILD, 3);
	put(out, t + e, len - e);
}

/* A token that took in a quoted span with spaces: each such span becomes <*>. */
static void mask_spans(struct buf *out, const char *t, size_t len)
{
	size_t i = 0, from = 0;

	while (i < len) {
		const char *close;

		if (is_quote(t[i]) && (close = memchr(t + i + 1, t[i], len - i - 1))) {
			put(out, t + from, i - from);
			put(out, WILD, 3);
			i = from = (size_t)(close - t) + 1;
		} else {
			i++;
		}
	}
	put(out, t + from, len - from);
}

/* A quote opens a span at the start of a token or after = : ( [ { ,. */
static size_t quoted_end(const char *s, size_t n, size_t j, size_t tok_start)
{
	char q = s[j];

	if (!is_quote(q) || (j != tok_start && !strchr("=:([{,", s[j - 1])))
		return 0;
	for (size_t k = j + 1; k < n; k++) {
		if (s[k] == '\\') {
			k++;
			continue;
		}
		if (s[k] == q && (k + 1 == n || !is_alnum((unsigned char)s[k + 1])))
			return k + 1;
	}
	return 0;
}

/*
 * Split `s` on white space (quoted strings stay one token) and write the masked tokens,
 * one space apart, to `out`. With `rec`, token positions go to m->tok_*. Past
 * PATTERN_MAX bytes or MAX_TOKENS tokens, the rest becomes one final <*>.
 */
static size_t mask_line(struct miner *m, struct buf *out, const char *s, size_t n, bool rec)
{
	size_t i = 0, ntok = 0;

	buf_reset(out);
	while (i < n) {
		size_t a, j, before = out->len;
		bool spans = false;

		while (i < n && is_space((unsigned char)s[i]))
			i++;
		if (i >= n)
			break;
		if (ntok == MAX_TOKENS || out->len >= PATTERN_MAX) {
			if (ntok)
				put(out, " ", 1);
			put(out, WILD, 3);
			if (rec) {
				m->tok_off[ntok] = (uint32_t)before + (ntok ? 1 : 0);
				m->tok_len[ntok] = 3;
			}
			ntok++;
			break;
		}
		for (a = j = i; j < n && !is_space((unsigned char)s[j]); j++) {
			size_t q;

			if (is_quote(s[j]) && (q = quoted_end(s, n, j, a))) {
				spans |= memchr(s + j, ' ', q - j) || memchr(s + j, '\t', q - j);
				j = q - 1;
			}
		}
		if (ntok)
			put(out, " ", 1);
		before = out->len;
		if (spans) {
			mask_spans(out, s + a, j - a);
			for (size_t k = before; k < out->len; k++)
				if (is_space((unsigned char)out->ptr[k]))
					out->ptr[k] = '_'; /* keep tokens free of spaces */
		} else {
			mask_word(out, s + a, j - a);
		}
		if (out->len > PATTERN_MAX) {
			buf_truncate(out, before); /* a giant token: it and the rest become <*> */
			put(out, WILD, 3);
			j = n;
		}
		if (rec) {
			m->tok_off[ntok] = (uint32_t)before;
			m->tok_len[ntok] = (uint16_t)(out->len - before);
		}
		ntok++;
		i = j;
	}
	if (rec)
		m->ntok = ntok;
	return ntok;
}

/* ---- templates ---- */

static uint64_t exact_key(const char *pat, size_t n, int level, size_t ntok)
{
	return hash_bytes(pat, n, 0x51ED27A5ull + (uint64_t)level * 0x1000193ull + ntok);
}

static uint64_t bucket_key(const char *tok, size_t n, int level, size_t ntok)
{
	return hash_bytes(tok, n, 0xB0C4E7ull ^ ((uint64_t)level << 40) ^ ((uint64_t)ntok << 48));
}

static void template_seen(struct digest_template *t, size_t line, const char *ts)
{
	t->count++;
	t->last_line = line;
	if (ts[0]) {
		if (!t->first_ts[0])
			memcpy(t->first_ts, ts, 32);
		memcpy(t->last_ts, ts, 32);
	}
}

/* A template's exact key and merge-bucket key, from its pattern. */
static size_t template_keys(const struct digest_template *t, uint64_t *exact, uint64_t *bucket)
{
	size_t plen = strlen(t->pattern), ntok = 1;
	const char *sp = memchr(t->pattern, ' ', plen);

	for (size_t i = 0; i < plen; i++)
		ntok += t->pattern[i] == ' ';
	*exact = exact_key(t->pattern, plen, (int)t->level, ntok);
	*bucket = bucket_key(t->pattern, sp ? (size_t)(sp - t->pattern) : plen, (int)t->level, ntok);
	return ntok;
}

static void index_template(struct miner *m, uint32_t idx)
{
	uint64_t ek, bk;
	size_t ntok = template_keys(&m->d->templates[idx], &ek, &bk);

	map_put(&m->exact, ek, idx, 3);
	m->meta[idx].next = map_get(&m->buckets, bk);
	m->meta[idx].ntok = (uint16_t)ntok;
	map_put(&m->buckets, bk, idx, 3);
}

/* Undo the newest template (made by the line before, which turned out a headline). */
static void template_drop_last(struct miner *m)
{
	struct digest *d = m->d;
	uint32_t idx = (uint32_t)d->ntemplates - 1;
	struct digest_template *t = &d->templates[idx];
	uint64_t ek, bk;

	template_keys(t, &ek, &bk);
	map_del(&m->exact, ek);
	if (map_get(&m->buckets, bk) == idx) {
		if (m->meta[idx].next != NONE)
			map_put(&m->buckets, bk, m->meta[idx].next, 3);
		else
			map_del(&m->buckets, bk);
	}
	free(t->pattern);
	free(t->example);
	d->ntemplates--;
}

static uint32_t template_new(struct miner *m, int level, size_t line, const char *ts,
			     const char *example, size_t exlen)
{
	struct digest *d = m->d;
	struct digest_template *t;
	uint32_t idx = (uint32_t)d->ntemplates;

	if (d->ntemplates == m->tmpl_alloc) {
		m->tmpl_alloc = m->tmpl_alloc ? m->tmpl_alloc * 2 : 64;
		if (m->tmpl_alloc > DIGEST_MAX_TEMPLATES)
			m->tmpl_alloc = DIGEST_MAX_TEMPLATES;
		d->templates = xrealloc(d->templates, m->tmpl_alloc * sizeof(*d->templates));
		m->meta = xrealloc(m->meta, m->tmpl_alloc * sizeof(*m->meta));
	}
	t = &d->templates[d->ntemplates++];
	memset(t, 0, sizeof(*t));
	t->pattern = xstrndup(m->pat.ptr, m->pat.len);
	t->example = clipdup(example, exlen, EXAMPLE_MAX);
	t->level = (enum digest_level)level;
	t->first_line = line;
	template_seen(t, line, ts);
	index_template(m, idx);
	return idx;
}

/*
 * Compare the line's tokens with a template of the same length: the number of positions
 * where they differ (a <*> in the template matches anything), stopping past `maxdiff`.
 */
static size_t token_diffs(const struct miner *m, const char *pattern, size_t maxdiff)
{
	const char *p = pattern;
	size_t diffs = 0;

	for (size_t k = 0; k < m->ntok; k++) {
		const char *sp = strchr(p, ' ');
		size_t tl = sp ? (size_t)(sp - p) : strlen(p);

		if (!(tl == 3 && !memcmp(p, WILD, 3)) &&
		    (tl != m->tok_len[k] || memcmp(p, m->pat.ptr + m->tok_off[k], tl)))
			if (++diffs > maxdiff)
				return diffs;
		p += tl + (sp ? 1 : 0);
	}
	return diffs;
}

/* The template with wildcards where the line differs, into m->tmp. */
static void generalize(struct miner *m, const char *pattern)
{
	const char *p = pattern;

	buf_reset(&m->tmp);
	for (size_t k = 0; k < m->ntok; k++) {
		const char *sp = strchr(p, ' ');
		size_t tl = sp ? (size_t)(sp - p) : strlen(p);
		bool same = tl == m->tok_len[k] && !memcmp(p, m->pat.ptr + m->tok_off[k], tl);

		if (k)
			put(&m->tmp, " ", 1);
		if (same)
			put(&m->tmp, p, tl);
		else
			put(&m->tmp, WILD, 3);
		p += tl + (sp ? 1 : 0);
	}
}

/*
 * Drain-like merge: among templates with the same level, token count and first token,
 * the first that differs from the line in at most max(1, tokens/10) positions takes it;
 * those positions become <*>.
 */
static uint32_t template_merge(struct miner *m, int level, uint64_t key)
{
	struct digest *d = m->d;
	size_t maxdiff = m->ntok / 10 ? m->ntok / 10 : 1;
	uint32_t idx = map_get(&m->buckets, bucket_key(m->pat.ptr, m->tok_len[0], level, m->ntok));
	uint64_t newkey;
	uint32_t other;

	for (int tries = 0; idx != NONE && tries < MERGE_TRIES; tries++, idx = m->meta[idx].next) {
		struct digest_template *t = &d->templates[idx];
		size_t diffs;

		if (m->meta[idx].ntok != m->ntok || (int)t->level != level)
			continue;
		if ((diffs = token_diffs(m, t->pattern, maxdiff)) > maxdiff)
			continue;
		if (diffs) {
			generalize(m, t->pattern);
			newkey = exact_key(m->tmp.ptr, m->tmp.len, level, m->ntok);
			other = map_get(&m->exact, newkey);
			if (other != NONE && other != idx) {
				idx = other; /* another template already has that shape */
			} else {
				free(t->pattern);
				t->pattern = xstrndup(m->tmp.ptr, m->tmp.len);
				map_put(&m->exact, newkey, idx, 3);
			}
		}
		map_put(&m->exact, key, idx, 2); /* alias: this exact shape maps here */
		return idx;
	}
	return NONE;
}

/* Fold a line into the templates; its index, or NONE when the table is full. */
static uint32_t fold(struct miner *m, const char *body, size_t blen, int level, size_t line,
		     const char *ts, const char *example, size_t exlen)
{
	uint64_t key;
	uint32_t idx;

	mask_line(m, &m->pat, body, blen, true);
	key = exact_key(m->pat.ptr, m->pat.len, level, m->ntok);
	if ((idx = map_get(&m->exact, key)) != NONE) {
		template_seen(&m->d->templates[idx], line, ts);
		return idx;
	}
	if (m->ntok >= MERGE_MIN_TOKENS && (idx = template_merge(m, level, key)) != NONE) {
		template_seen(&m->d->templates[idx], line, ts);
		return idx;
	}
	if (m->d->ntemplates >= DIGEST_MAX_TEMPLATES) {
		m->d->other_lines++;
		return NONE;
	}
	return template_new(m, level, line, ts, example, exlen);
}

/* ---- stack traces ---- */

static uint64_t trace_identity(struct miner *m, const char *headline, char **frames, size_t nframes)
{
	uint64_t h;

	mask_line(m, &m->tmp, headline, strlen(headline), false);
	h = hash_bytes(m->tmp.ptr, m->tmp.len, 0x7ACE);
	for (size_t i = 0; i < nframes; i++) {
		const char *f = frames[i];
		size_t from = 0, k = 0, n = strlen(f);

		/* addresses (0xc000123456) change from run to run */
		buf_reset(&m->tmp);
		while (k < n) {
			if (f[k] == '0' && k + 2 < n && f[k + 1] == 'x' && is_hex((unsigned char)f[k + 2])) {
				put(&m->tmp, f + from, k - from);
				for (k += 2; k < n && is_hex((unsigned char)f[k]); k++)
					;
				from = k;
			} else {
				k++;
			}
		}
		put(&m->tmp, f + from, n - from);
		h = hash_bytes(m->tmp.ptr, m->tmp.len, h);
	}
	return h;
}

static void trace_text(struct miner *m, const char *s, size_t n)
{
	struct tbuild *tr = &m->tr;

	if (tr->text.len + n + 1 > TRACE_TEXT_MAX || tr->nframes >= DIGEST_MAX_FRAMES) {
		tr->omitted++;
		return;
	}
	if (tr->text.len)
		put(&tr->text, "\n", 1);
	put(&tr->text, s, n);
}

static void trace_frame(struct miner *m, const char *s, size_t n)
{
	struct tbuild *tr = &m->tr;

	trim(&s, &n);
	if (tr->nframes >= DIGEST_MAX_FRAMES)
		return;
	if (!tr->frames)
		tr->frames = xcalloc(DIGEST_MAX_FRAMES, sizeof(*tr->frames));
	tr->frames[tr->nframes++] = clipdup(s, n, FRAME_MAX);
}

static void trace_open(struct miner *m, enum trace_kind kind, const char *headline, size_t hlen,
		       size_t line, const char *ts)
{
	struct tbuild *tr = &m->tr;

	tr->kind = kind;
	buf_reset(&tr->headline);
	put(&tr->headline, headline, utf8_clip(headline, hlen, HEADLINE_MAX));
	buf_reset(&tr->text);
	tr->nframes = 0;
	tr->omitted = 0;
	tr->first_line = line;
	memcpy(tr->ts, ts[0] ? ts : m->last_ts, 32);
}

static void trace_close(struct miner *m)
{
	struct tbuild *tr = &m->tr;
	struct digest *d = m->d;
	struct digest_trace *t;
	uint64_t id;
	size_t i;

	if (tr->kind == TR_NONE)
		return;
	tr->kind = TR_NONE;
	if (!tr->nframes)
		goto reset;
	if (!tr->headline.len)
		buf_puts(&tr->headline, "stack trace");
	id = trace_identity(m, tr->headline.ptr, tr->frames, tr->nframes);
	for (i = 0; i < d->ntraces && m->trace_ids[i] != id; i++)
		;
	if (i < d->ntraces) {
		d->traces[i].count++;
		goto reset;
	}
	if (d->ntraces >= DIGEST_MAX_TRACES)
		goto reset;
	if (d->ntraces == m->trace_alloc) {
		m->trace_alloc = m->trace_alloc ? m->trace_alloc * 2 : 8;
		d->traces = xrealloc(d->traces, m->trace_alloc * sizeof(*d->traces));
		m->trace_ids = xrealloc(m->trace_ids, m->trace_alloc * sizeof(*m->trace_ids));
	}
	if (tr->omitted)
		buf_putf(&tr->text, "\n... %zu more lines", tr->omitted);
	m->trace_ids[d->ntraces] = id;
	t = &d->traces[d->ntraces++];
	memset(t, 0, sizeof(*t));
	t->headline = xstrndup(tr->headline.ptr, tr->headline.len);
	t->text = buf_detach(&tr->text);
	t->frames = tr->frames;
	t->nframes = tr->nframes;
	t->count = 1;
	t->first_line = tr->first_line;
	memcpy(t->first_ts, tr->ts, 32);
	tr->frames = NULL;
	tr->nframes = 0;
	return;
reset:
	for (i = 0; i < tr->nframes; i++)
		free(tr->frames[i]);
	tr->nframes = 0;
}

static bool java_frame(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_space((unsigned char)s[i]))
		i++;
	return i > 0 && n - i > 3 && HAS_PREFIX(s + i, n - i, "at ");
}

/* Go: "main.(*T).handle(0xc000010000, {0x1, 0x2})" (no indentation, ends with ')'). */
static bool go_func(const char *s, size_t n)
{
	const char *paren;

	if (!n || is_space((unsigned char)s[0]) || s[n - 1] != ')' || !(paren = memchr(s, '(', n)) ||
	    paren == s)
		return false;
	return !memchr(s, ' ', (size_t)(paren - s));
}

/* Go frame: the function without its arguments, then the file line. */
static void go_frame(struct miner *m, const char *s, size_t n)
{
	const char *p = s + n - 1;
	int depth = 0;

	/* the argument list is the last balanced (...) */
	for (; p > s; p--) {
		if (*p == ')')
			depth++;
		else if (*p == '(' && --depth == 0)
			break;
	}
	buf_reset(&m->tmp);
	put(&m->tmp, s, (size_t)(p - s));
	put(&m->tmp, "(...)", 5);
	trace_frame(m, m->tmp.ptr, m->tmp.len);
}

static void go_file(struct miner *m, const char *s, size_t n)
{
	struct tbuild *tr = &m->tr;
	const char *plus;
	char *f;
	size_t fl;

	trim(&s, &n);
	if ((plus = search(s, n, " +0x")))
		n = (size_t)(plus - s);
	if (!tr->nframes || tr->nframes > DIGEST_MAX_FRAMES)
		return;
	f = tr->frames[tr->nframes - 1];
	fl = strlen(f);
	if (strchr(f, ' ') && !HAS_PREFIX(f, fl, "created by "))
		return; /* already has its file */
	tr->frames[tr->nframes - 1] = xasprintf("%s %.*s", f, (int)utf8_clip(s, n, FRAME_MAX), s);
	free(f);
}

enum cont { C_NO, C_YES, C_FINAL };

/* Does a line continue the open trace? C_FINAL: Python's closing exception line. */
static enum cont trace_continues(struct miner *m, const char *r, size_t n)
{
	const char *t = r;
	size_t tn = n;

	trim(&t, &tn);
	switch (m->tr.kind) {
	case TR_JAVA:
		if (java_frame(r, n) || HAS_PREFIX(t, tn, "Caused by: ") || HAS_PREFIX(t, tn, "Suppressed: ")) {
			trace_frame(m, t, tn);
			trace_text(m, r, n);
			return C_YES;
		}
		if (HAS_PREFIX(t, tn, "... ") && (HAS_SUFFIX(t, tn, " more") || search(t, tn, "omitted"))) {
			trace_text(m, r, n);
			return C_YES;
		}
		return C_NO;
	case TR_PYTHON:
		if (!tn)
			return C_YES;
		trace_text(m, r, n);
		if (is_space((unsigned char)r[0])) {
			if (HAS_PREFIX(t, tn, "File "))
				trace_frame(m, t, tn);
			return C_YES;
		}
		buf_reset(&m->tr.headline);
		put(&m->tr.headline, t, utf8_clip(t, tn, HEADLINE_MAX));
		return C_FINAL;
	case TR_GO:
		if (!tn)
			return C_YES;
		if (r[0] == '\t' && !HAS_PREFIX(t, tn, "panic:")) {
			go_file(m, t, tn);
		} else if (HAS_PREFIX(t, tn, "created by ")) {
			trace_frame(m, t, tn);
		} else if (go_func(r, n)) {
			go_frame(m, r, n);
		} else if (!HAS_PREFIX(t, tn, "goroutine ") && !HAS_PREFIX(t, tn, "[signal ") &&
			   !HAS_PREFIX(t, tn, "exit status ") && !HAS_PREFIX(t, tn, "panic: ") &&
			   !HAS_PREFIX(t, tn, "...additional frames elided")) {
			return C_NO;
		}
		trace_text(m, r, n);
		return C_YES;
	case TR_NONE:
		break;
	}
	return C_NO;
}

static void count_level(struct miner *m, int level, const char *line, size_t len, size_t lineno,
			const char *ts)
{
	struct digest *d = m->d;

	if (level == DIGEST_WARN)
		d->warn_lines++;
	if (level != DIGEST_ERROR)
		return;
	d->error_lines++;
	if (!d->first_error) {
		d->first_error = clipdup(line, len, EXAMPLE_MAX);
		d->first_error_line = lineno;
		memcpy(d->first_error_ts, ts, 32);
	}
}

/*
 * The previous line turned out to be an exception headline: it counts as an error, so it
 * moves to an error template of its shape.
 */
static void promote_prev(struct miner *m)
{
	struct digest *d = m->d;

	if (m->prev_level == DIGEST_ERROR)
		return;
	if (m->prev_level == DIGEST_WARN)
		d->warn_lines--;
	if (m->prev_tmpl == NONE)
		d->other_lines--;
	else if (d->templates[m->prev_tmpl].count > 1)
		d->templates[m->prev_tmpl].count--;
	else
		template_drop_last(m); /* count 1: the line made it, it is the newest */
	count_level(m, DIGEST_ERROR, m->prev_full, m->prev_full_len, m->prev_line, m->prev_ts);
	m->prev_tmpl = fold(m, m->prev_body, m->prev_body_len, DIGEST_ERROR, m->prev_line,
			    m->prev_ts, m->prev_full, m->prev_full_len);
	m->prev_level = DIGEST_ERROR;
}

/* A line that opens a trace without being a template itself; true when consumed. */
static bool trace_starts(struct miner *m, const char *r, size_t n, size_t line, const char *ts)
{
	const char *t = r;
	size_t tn = n;

	trim(&t, &tn);
	if (HAS_PREFIX(t, tn, "Traceback (most recent call last)")) {
		trace_open(m, TR_PYTHON, "", 0, line, ts);
		trace_text(m, r, n);
		return true;
	}
	if (java_frame(r, n)) {
		if (m->prev_ok) {
			promote_prev(m);
			trace_open(m, TR_JAVA, m->prev_body, m->prev_body_len, m->prev_line, m->prev_ts);
			trace_text(m, m->prev_rest, m->prev_rest_len);
		} else {
			trace_open(m, TR_JAVA, "", 0, line, ts);
		}
		trace_frame(m, t, tn);
		trace_text(m, r, n);
		return true;
	}
	if (HAS_PREFIX(t, tn, "goroutine ") && HAS_SUFFIX(t, tn, "]:")) {
		/* "http: panic serving ...: boom" then a goroutine dump */
		if (m->prev_ok && search(m->prev_body, m->prev_body_len, "panic")) {
			promote_prev(m);
			trace_open(m, TR_GO, m->prev_body, m->prev_body_len, m->prev_line, m->prev_ts);
			trace_text(m, m->prev_rest, m->prev_rest_len);
		} else {
			trace_open(m, TR_GO, t, tn, line, ts);
		}
		trace_text(m, r, n);
		return true;
	}
	return false;
}

/* ---- one line ---- */

static void note_ts(struct miner *m, const char *ts)
{
	if (!ts[0])
		return;
	memcpy(m->last_ts, ts, 32);
	if (!m->d->first_ts[0])
		memcpy(m->d->first_ts, ts, 32);
	memcpy(m->d->last_ts, ts, 32);
}

static void process_line(struct miner *m, const char *s, size_t n, bool cut)
{
	struct digest *d = m->d;
	struct buf *red = &m->red[m->cur];
	struct prefix p;
	const char *rest, *body;
	size_t rn, blen, lineno = ++d->lines;
	enum cont c = C_NO;
	int level, r;
	uint32_t idx;

	if (cut)
		d->cut_lines++;
	if (m->at_start && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	m->at_start = false;
	sanitize(m, &s, &n);
	buf_reset(red);
	if ((r = redact_line(&m->rs, red, s, n)) < 0)
		xdie("internal error: uncapped buffer refused an append");
	d->secrets += (size_t)r;
	s = red->ptr;
	n = red->len;

	parse_prefix(s, n, &p);
	rest = s + p.rest;
	rn = n - p.rest;
	note_ts(m, p.ts);

	if (m->tr.kind != TR_NONE) {
		c = trace_continues(m, rest, rn);
		if (c == C_YES)
			goto consumed;
		trace_close(m);
	}
	if (c == C_NO && trace_starts(m, rest, rn, lineno, p.ts))
		goto consumed;

	level = classify(m, rest, rn, &p, &body, &blen);
	note_ts(m, p.ts);
	if (!blen)
		goto consumed; /* a blank line: counted, nothing to fold */
	if (c == C_FINAL)
		level = DIGEST_ERROR;
	count_level(m, level, s, n, lineno, p.ts);
	idx = fold(m, body, blen, level, lineno, p.ts, s, n);

	if (HAS_PREFIX(body, blen, "panic: ") || HAS_PREFIX(body, blen, "fatal error: ")) {
		trace_open(m, TR_GO, body, blen, lineno, p.ts);
		trace_text(m, rest, rn);
	}

	m->prev_ok = true;
	m->prev_body = body;
	m->prev_body_len = blen;
	m->prev_rest = rest;
	m->prev_rest_len = rn;
	m->prev_full = s;
	m->prev_full_len = n;
	m->prev_line = lineno;
	m->prev_tmpl = idx;
	m->prev_level = (enum digest_level)level;
	memcpy(m->prev_ts, p.ts, 32);
	m->cur ^= 1; /* keep this line's buffers for the next one */
	return;
consumed:
	m->prev_ok = false;
	m->cur ^= 1;
}

/* A raw line from the input (without '\n'); `over` when bytes were already dropped. */
static void raw_line(struct miner *m, const char *s, size_t n, bool over)
{
	bool cut = over;

	if (!over && n && s[n - 1] == '\r')
		n--;
	if (n > LOG_LINE_MAX) {
		cut = true;
		n = utf8_clip(s, n, LOG_LINE_MAX);
	}
	process_line(m, s, n, cut);
}

static void feed(struct miner *m, const char *data, size_t len)
{
	size_t pos = 0;

	m->d->bytes += len;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t seg = nl ? (size_t)(nl - (data + pos)) : len - pos;

		if (m->carry_len || m->carry_over || !nl) {
			size_t room = LOG_LINE_MAX + 1 - m->carry_len;
			size_t take = seg < room ? seg : room;

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
}

static void miner_init(struct miner *m, struct digest *d)
{
	memset(m, 0, sizeof(*m));
	m->d = d;
	m->at_start = true;
	m->carry = xmalloc(LOG_LINE_MAX + 1);
	m->clean = xmalloc(3 * (LOG_LINE_MAX + 1));
	for (int i = 0; i < 2; i++) {
		buf_init(&m->red[i], 0);
		buf_init(&m->body[i], 0);
	}
	buf_init(&m->pat, 0);
	buf_init(&m->tmp, 0);
	buf_init(&m->tr.headline, 0);
	buf_init(&m->tr.text, 0);
	m->exact.max = EXACT_SLOTS_MAX;
	m->buckets.max = 2 * DIGEST_MAX_TEMPLATES;
	m->prev_tmpl = NONE;

	/* a digest that already holds data (an earlier file) goes on from where it was */
	m->tmpl_alloc = d->ntemplates;
	if (d->ntemplates) {
		m->meta = xmalloc(d->ntemplates * sizeof(*m->meta));
		for (size_t i = 0; i < d->ntemplates; i++)
			index_template(m, (uint32_t)i);
	}
	m->trace_alloc = d->ntraces;
	if (d->ntraces) {
		m->trace_ids = xmalloc(d->ntraces * sizeof(*m->trace_ids));
		for (size_t i = 0; i < d->ntraces; i++)
			m->trace_ids[i] = trace_identity(m, d->traces[i].headline, d->traces[i].frames,
							 d->traces[i].nframes);
	}
}

static void miner_finish(struct miner *m)
{
	if (m->carry_len || m->carry_over)
		raw_line(m, m->carry, m->carry_len, m->carry_over);
	m->carry_len = 0;
	m->carry_over = false;
	trace_close(m);
}

static void miner_release(struct miner *m)
{
	free(m->carry);
	free(m->clean);
	for (int i = 0; i < 2; i++) {
		buf_release(&m->red[i]);
		buf_release(&m->body[i]);
	}
	buf_release(&m->pat);
	buf_release(&m->tmp);
	buf_release(&m->tr.headline);
	buf_release(&m->tr.text);
	for (size_t i = 0; i < m->tr.nframes; i++)
		free(m->tr.frames[i]);
	free(m->tr.frames);
	map_release(&m->exact);
	map_release(&m->buckets);
	free(m->meta);
	free(m->trace_ids);
	/* the arrays in the digest may be larger than used; that is fine for free() */
}

/* ---- public ---- */

int digest_buffer(struct digest *out, const char *data, size_t len)
{
	struct miner m;

	miner_init(&m, out);
	feed(&m, data, len);
	miner_finish(&m);
	miner_release(&m);
	return 0;
}

int digest_file(struct digest *out, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	struct miner m;
	struct stat st;
	char *chunk = NULL;
	int fd, error = 0;
	ssize_t n;

	if (is_stdin) {
		fd = STDIN_FILENO;
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return err_set(ERR_NOTFOUND, "cannot read '%s': no such file", path);
		return err_set(ERR_IO, "cannot read '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(ERR_IO, "cannot read '%s': is a directory", path);
	}
	miner_init(&m, out);
	chunk = xmalloc(CHUNK);
	while ((n = read(fd, chunk, CHUNK)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = err_set(ERR_IO, "cannot read '%s': %s",
					is_stdin ? "standard input" : path, strerror(errno));
			break;
		}
		feed(&m, chunk, (size_t)n);
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
	free(d->first_error);
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
	size_t n = strlen(s), k = utf8_clip(s, n, max);
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
