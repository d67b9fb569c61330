#include "common.h"
#include "logs/digest.h"
#include "io/gz.h"
#include "util/err.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/text.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64u << 10)
/* A line is read whole up to this size, so a JSON line with a stack trace in a field can be
 * taken apart (json_trace_line); anything longer is cut at LOG_LINE_MAX as usual. */
#define JSON_LINE_MAX (256u << 10)
#define PATTERN_MAX 1024      /* masked text kept per template; the tail folds to <*> */
#define EXAMPLE_MAX 2048      /* bytes of the example line and the first error */
#define HEADLINE_MAX 1024
#define FRAME_MAX 512
#define TRACE_TEXT_MAX (16u << 10)
#define MAX_TOKENS 256
#define MERGE_TRIES 32        /* templates compared per new shape */
#define MERGE_SIBLINGS 4      /* values that make a variable (merge_siblings) */
#define GROUP_MAX 256         /* a bracketed group with spaces is one token up to this size */
#define HEADER_MAX 10         /* a line's header is among its first tokens */
#define EXACT_SLOTS_MAX (1u << 15)
#define TEMPLATE_SLOTS (DIGEST_MAX_TEMPLATES + DIGEST_MAX_TEMPLATES / 4) /* merged ones too */
#define SHAPES_MAX (1u << 19) /* shape cache slots: 8 MiB */
#define SHAPE_CLEAN (UINT32_MAX - 8) /* a shape known only to need no sanitizing or redaction */
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

/*
 * Copy a 32-byte timestamp field. Four 8-byte moves: a plain memcpy of 32 becomes
 * "rep movsq" here, which costs more than the rest of a cached line.
 */
static inline void ts_copy(char *dst, const char *src)
{
	uint64_t a, b, c, d;

	memcpy(&a, src, 8);
	memcpy(&b, src + 8, 8);
	memcpy(&c, src + 16, 8);
	memcpy(&d, src + 24, 8);
	memcpy(dst, &a, 8);
	memcpy(dst + 8, &b, 8);
	memcpy(dst + 16, &c, 8);
	memcpy(dst + 24, &d, 8);
}

/* 64-bit hash: 16 bytes a step, multiply-xorshift mixing. Collisions are ignored. */
static uint64_t hash_bytes(const char *s, size_t n, uint64_t seed)
{
	const uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
	uint64_t a = seed ^ (n * k1), b = ~seed + n, v, w, h;

	/* two independent lanes, so the multiplies overlap */
	while (n >= 16) {
		memcpy(&v, s, 8);
		memcpy(&w, s + 8, 8);
		a = (a ^ v) * k1;
		a ^= a >> 29;
		b = (b ^ w) * k2;
		b ^= b >> 31;
		s += 16;
		n -= 16;
	}
	if (n >= 8) {
		memcpy(&v, s, 8);
		a = (a ^ v) * k1;
		a ^= a >> 29;
		s += 8;
		n -= 8;
	}
	if (n) {
		v = 0;
		memcpy(&v, s, n);
		b = (b ^ v) * k2;
		b ^= b >> 31;
	}
	h = (a ^ (b * 0xBF58476D1CE4E5B9ull)) * k1;
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

enum trace_kind { TR_NONE, TR_JAVA, TR_PYTHON, TR_GO, TR_NUMBERED };

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
	uint32_t next;   /* next template in the same merge bucket */
	uint32_t parent; /* itself, or the template it was merged into */
	uint16_t ntok;
	uint16_t hdr;    /* header tokens (find_header) */
	uint16_t *off;   /* token offsets in the pattern, ntok + 1 (off[ntok] = length + 1) */
};

/*
 * The shape cache: lines that differ only in their digits ("took 35ms" / "took 120ms")
 * are sanitized, redacted, timestamped, classified and masked alike, so the result of
 * the full path for one of them is kept under the hash of its shape (the line with every
 * digit read as '0') and reused for the others. Only lines the full path did not change
 * (no secret, no binary, not cut), outside stack traces, whose body is a slice of the
 * line and whose pattern keeps no digit ("http2" is not "http3") are kept; see
 * shape_keep().
 */
struct shape {
	uint64_t key;      /* 0: empty slot */
	uint32_t tmpl;     /* template (through find()), or DIGEST_ID_BLANK */
	uint8_t ts_off, ts_len;
	uint8_t level;
}; /* 16 bytes */

struct shapes {
	struct shape *v;
	size_t cap, used;
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
	char *clean, *shape_buf;
	struct buf red[2], body[2], pat, tmp, aux;
	int cur;
	uint32_t tok_off[MAX_TOKENS + 1];
	uint16_t tok_len[MAX_TOKENS + 1];
	uint8_t tok_flags[MAX_TOKENS + 1];
	size_t ntok, hdr;
	size_t gen_words; /* generalize(): message tokens that stay words */

	/* the previous line, a possible exception headline */
	bool prev_ok;
	bool prev_lazy; /* prev_rest and prev_body not worked out yet (resolve_prev) */
	bool prev_raw;  /* prev_full points into the input: keep_raw_prev() before it goes */
	struct buf prevbuf;
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
	size_t tmpl_alloc, nmeta;
	size_t live; /* templates not merged into another */

	uint64_t *trace_ids;
	size_t trace_alloc;
	struct tbuild tr;
	size_t pending_from; /* first line waiting for its trace's id (assign) */

	struct shapes shapes;
	bool fold_hit;     /* fold(): the masked line was known */
	bool literals;     /* redact.h has literal secrets: the cache cannot skip their scan */
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
 * U+FFFD. The output is at most 3 bytes per input byte. True when the text changed
 * (valid UTF-8 alone does not change it).
 */
static bool sanitize(struct miner *m, const char **sp, size_t *np)
{
	const unsigned char *s = (const unsigned char *)*sp;
	size_t n = *np, o = 0, i = 0;
	bool same = true;

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
		return false;
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
			same = false;
		} else if (c == 0) {
			memcpy(m->clean + o, REPLACEMENT, 3);
			o += 3;
			m->d->binary_bytes++;
			i++;
			same = false;
		} else if (c == 0x1B) {
			i = skip_escape(s, n, i);
			same = false;
		} else {
			bool ctl = (c < 0x20 && c != '\t') || c == 0x7F;

			m->clean[o++] = ctl ? ' ' : (char)c;
			same &= !ctl;
			i++;
		}
	}
	*sp = m->clean;
	*np = o;
	return !same;
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

struct prefix {
	size_t rest;      /* offset of the text after the timestamp */
	size_t ts_off;    /* where `ts` starts in the line */
	int level;        /* from a klog header, or -1 */
	char ts[32];
};

/*
 * A leading timestamp (optionally in brackets): ISO 8601 (GitHub Actions' prefix too),
 * syslog, klog ("E1118 03:12:00.123456 1234 file.go:12] msg", header dropped), or a bare
 * clock. One space after it belongs to it, so the text keeps its own indentation.
 */
static void parse_prefix_ts(const char *s, size_t n, struct prefix *p)
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
		const char *close = search(s + e, n - e < 128 ? n - e : 128, "] ");

		set_ts(p->ts, s + 1, e - 1);
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
	set_ts(p->ts, s + i, e - i);
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
	    search(s, (size_t)(close - s), "=\""))
		len = (size_t)(close - s) + 1;
	else if (HAS_PREFIX(s, n, "[pod/") && (close = memchr(s, ']', n < 512 ? n : 512)))
		len = (size_t)(close - s) + 1;
	else
		return 0;
	return len < n && s[len] == ' ' ? len + 1 : len;
}

/* The line's time stamp and level prefix, then any collector's source tag after it. */
static void parse_prefix(const char *s, size_t n, struct prefix *p)
{
	parse_prefix_ts(s, n, p);
	p->rest += source_tag(s + p->rest, n - p->rest);
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

/*
 * Append a JSON/logfmt string value with its simple escapes undone (\uXXXX stays).
 * `keep_lines`: \n and \t stay a newline and a tab (a trace to take apart); otherwise
 * they, like \r always, become a space (one log line).
 */
static void add_unescaped(struct buf *b, const char *v, size_t n, bool keep_lines)
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
	add_unescaped(body, msg.val, msg.vlen, false);
	if (err.val) {
		buf_puts(body, " error: ");
		add_unescaped(body, err.val, err.vlen, false);
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
	add_unescaped(body, msg.val, msg.vlen, false);
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
 * Byte classes of the tokenizer, a second table so that its loop costs one lookup a
 * byte. A segment is a run of K_SEG bytes ("node-246", "blk_-1234", "R02-M1-N0-C"): the
 * unit the masker judges; other printable bytes separate segments and stay as they are.
 * K_SLOW marks bytes that send a digit-free token to the careful masker (quotes, paths,
 * e-mail addresses).
 */
enum {
	K_SPACE = 1,
	K_DIGIT = 2,
	K_ALPHA = 4,
	K_SEG = 8,
	K_QUOTE = 16,
	K_PIPE = 32,
	K_SLOW = 64,
	K_HEXL = 128,  /* a-f A-F */
	K_NUMP = 256,  /* . : - / [ ] _ % + , inside a number ("10.0.0.1:80", "1,234", "91%") */
	K_COLON = 512,
	K_DOT = 1024,
};
#define KLS(c)                                                                         \
	(((c) == ' ' || (c) == '\t' ? K_SPACE : 0) | (IN(c, '0', '9') ? K_DIGIT : 0) |   \
	 (IN(c, 'a', 'z') || IN(c, 'A', 'Z') ? K_ALPHA : 0) |                          \
	 (IN(c, '0', '9') || IN(c, 'a', 'z') || IN(c, 'A', 'Z') || (c) == '_' ||       \
		  (c) == '-'                                                           \
	  ? K_SEG                                                                      \
	  : 0) |                                                                       \
	 ((c) == '"' || (c) == '\'' || (c) == '`' ? K_QUOTE | K_SLOW : 0) |             \
	 ((c) == '|' ? K_PIPE : 0) | ((c) == '/' || (c) == '@' ? K_SLOW : 0) |          \
	 (IN(c, 'a', 'f') || IN(c, 'A', 'F') ? K_HEXL : 0) |                          \
	 ((c) == '.' || (c) == ':' || (c) == '-' || (c) == '/' || (c) == '[' ||         \
		  (c) == ']' || (c) == '_' || (c) == '%' || (c) == '+' || (c) == ','  \
	  ? K_NUMP                                                                     \
	  : 0) |                                                                       \
	 ((c) == ':' ? K_COLON : 0) | ((c) == '.' ? K_DOT : 0))
#define K4(c) KLS(c), KLS((c) + 1), KLS((c) + 2), KLS((c) + 3)
#define K16(c) K4(c), K4((c) + 4), K4((c) + 8), K4((c) + 12)
#define K64(c) K16(c), K16((c) + 16), K16((c) + 32), K16((c) + 48)
static const uint16_t kls[256] = {K64(0), K64(64), K64(128), K64(192)};

/* token flags, per token of the current line */
enum { TF_WILD = 1, TF_MONTH = 2, TF_WDAY = 4, TF_HEX2 = 8 };

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

/*
 * A variable in one piece, whatever its punctuation: hex digits with . : - / [ ] _ % + ,
 * and at least one digit, starting with a digit or separator or 6 bytes long
 * ("10.0.0.1:5432", "2001:db8::1", "::1]:8080", "2005-06-03-15.42.50", "91%",
 * "a64f992", "0x1f").
 */
static bool numeric_token(const char *s, size_t n)
{
	bool digit = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned k = kls[c];

		if (k & K_DIGIT)
			digit = true;
		else if (!(k & (K_HEXL | K_NUMP)) && !(c == 'x' && i == 1 && is_digit((unsigned char)s[0])))
			return false;
	}
	return digit && (n >= 6 || !(kls[(unsigned char)s[0]] & K_ALPHA));
}

/*
 * Is a segment (letters, digits, '_', '-') variable? With a digit: unless it is a short
 * word such as v2, http2, ipv4, log4j, eth0, u0, jk2_init (starts with a letter, at most
 * 8 bytes, at most 2 digits, no '-', no "_<digit>" as in rdd_2_0, not 6+ bytes of hex).
 * Without: 8+ hex letters (ffffffff), or 16+ bytes a quarter upper and a quarter lower
 * case (a base64 id, not CamelCase).
 */
static bool seg_variable(const char *s, size_t n)
{
	size_t digits = 0, upper = 0, lower_ = 0;
	bool hex = true, dash = false, under = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned k = kls[c];

		digits += (k & K_DIGIT) != 0;
		hex &= (k & (K_DIGIT | K_HEXL)) != 0;
		upper += c >= 'A' && c <= 'Z';
		lower_ += c >= 'a' && c <= 'z';
		dash |= c == '-';
		under |= c == '_' && i + 1 < n && (kls[(unsigned char)s[i + 1]] & K_DIGIT); /* rdd_2 */
	}
	if (digits)
		return !(kls[(unsigned char)s[0]] & K_ALPHA) || n > 8 || digits > 2 || dash || under ||
		       (hex && n >= 6);
	if (hex && n >= 8)
		return true; /* ffffffff, deadbeef */
	return n >= 16 && !dash && upper * 4 >= n && lower_ * 4 >= n; /* base64, not CamelCase */
}

/*
 * A <*> for a variable part of the token that starts at `floor` in `out`. Variables next
 * to each other, or joined by one of . : - / _ @ #, make one: "10.1.2.3:80" is <*>.
 */
static void put_wild(struct buf *out, size_t floor)
{
	size_t n = out->len;

	if (n >= floor + 3 && !memcmp(out->ptr + n - 3, WILD, 3))
		return;
	if (n >= floor + 4 && strchr(".:-/_@#", out->ptr[n - 1]) && !memcmp(out->ptr + n - 4, WILD, 3)) {
		buf_truncate(out, n - 1);
		return;
	}
	put(out, WILD, 3);
}

/*
 * "proxy.example.com:5070", "db-1.internal:5432": a host name with a port (its last
 * label in lower case, so "state.clipTop:130" is not one).
 */
static bool host_port(const char *s, size_t n)
{
	size_t colon = n, dots = 0, last = 0;

	while (colon > 0 && is_digit((unsigned char)s[colon - 1]))
		colon--;
	if (colon == n || colon < 4 || s[colon - 1] != ':')
		return false;
	for (size_t i = 0; i < colon - 1; i++) {
		if (s[i] == '.') {
			dots += i > 0 && s[i - 1] != '.';
			last = i + 1;
		} else if (!(kls[(unsigned char)s[i]] & K_SEG)) {
			return false;
		}
	}
	for (size_t i = last; i < colon - 1; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return false;
	return dots > 0 && s[colon - 2] != '.';
}

/*
 * A domain name from `i` ("www.example.com", "host8.isp.net", "db.local"): two labels or
 * more, the last a common top-level domain or two lower-case letters. Returns its end,
 * or 0.
 */
static size_t domain_end(const char *t, size_t i, size_t e)
{
	static const char *const tlds[] = {"com", "net", "org", "edu", "gov", "mil", "int",
					   "info", "biz", "io", "local", "lan", "internal",
					   "arpa", "cloud", "dev", "app"};
	size_t j = i, last = i, labels = 1;

	for (; j < e; j++) {
		unsigned char c = (unsigned char)t[j];

		if (c == '.') {
			if (j == last || j + 1 >= e || t[j + 1] == '.')
				break;
			last = j + 1;
			labels++;
		} else if (!(kls[c] & K_SEG) || c == '_') {
			break;
		}
	}
	if (labels < 2 || last >= j)
		return 0;
	for (size_t k = last; k < j; k++)
		if (t[k] < 'a' || t[k] > 'z')
			return 0;
	if (j - last == 2)
		return j;
	for (size_t k = 0; k < ARRAY_SIZE(tlds); k++)
		if (strlen(tlds[k]) == j - last && !memcmp(t + last, tlds[k], j - last))
			return j;
	return 0;
}

/* Is the text from a '@' at `at` the domain of an e-mail address (a dot after it)? */
static bool email_domain(const char *t, size_t at, size_t e)
{
	size_t i = at + 1, dots = 0;

	while (i < e && ((kls[(unsigned char)t[i]] & K_SEG) || t[i] == '.'))
		dots += t[i++] == '.';
	return dots && i > at + 1 && t[i - 1] != '.';
}

/*
 * Mask one token that needs care: digits, quotes, paths, URLs, e-mail addresses, long
 * words, a bracketed group with spaces. The outer brackets and closing punctuation stay.
 * Numbers with punctuation, host:port and whole quoted strings become one <*>; else each
 * segment is judged on its own ("sshd(pam_unix)[<*>]:", "uid=<*>", "blk_<*>"), and
 * quoted parts, paths (two slashes or more after a boundary), URLs, e-mail addresses and
 * domain names become <*>. `f`: the classes of the token's bytes (token_end). True when
 * the token is a <*> (brackets aside).
 */
static bool mask_token(struct buf *out, const char *t, size_t len, unsigned f)
{
	size_t b = 0, e = len, i, floor;

	while (b < len && has((unsigned char)t[b], C_OPEN))
		b++;
	while (e > b && has((unsigned char)t[e - 1], C_CLOSE))
		e--;
	put(out, t, b);
	floor = out->len;
	if (b < e && (((f & K_QUOTE) && e - b >= 2 && is_quote(t[b]) && t[e - 1] == t[b]) ||
		      ((f & K_DIGIT) && numeric_token(t + b, e - b)) ||
		      ((f & (K_DIGIT | K_COLON)) == (K_DIGIT | K_COLON) && host_port(t + b, e - b)))) {
		put(out, WILD, 3);
		put(out, t + e, len - e);
		return true;
	}
	for (i = b; i < e;) {
		unsigned char c = (unsigned char)t[i];
		const char *q;

		if (kls[c] & K_SEG) {
			size_t j = i + 1;

			while (j < e && (kls[(unsigned char)t[j]] & K_SEG))
				j++;
			if ((f & K_DOT) && j < e && t[j] == '.' && (i == b || t[i - 1] != '.')) {
				size_t de = domain_end(t, i, e);

				if (de) {
					put_wild(out, floor);
					i = de;
					continue;
				}
			}
			if ((e - j >= 3 && !memcmp(t + j, "://", 3)) ||
			    (j < e && t[j] == '@' && email_domain(t, j, e))) {
				put_wild(out, floor); /* a URL or an address: the rest is one variable */
				i = e;
				if (t[j] == '@') {
					for (i = j + 1; i < e && ((kls[(unsigned char)t[i]] & K_SEG) || t[i] == '.'); i++)
						;
				}
				continue;
			}
			if (seg_variable(t + i, j - i))
				put_wild(out, floor);
			else
				put(out, t + i, j - i);
			i = j;
		} else if (is_quote((char)c) && i + 1 < e && (q = memchr(t + i + 1, c, e - i - 1))) {
			put_wild(out, floor);
			i = (size_t)(q - t) + 1;
		} else if (c == '/' && (i == b || strchr("=:([{,<.~ ", t[i - 1])) &&
			   memchr(t + i + 1, '/', e - i - 1)) {
			put_wild(out, floor); /* a path */
			i = e;
		} else {
			put(out, t + i, 1);
			i++;
		}
	}
	put(out, t + e, len - e);
	return out->len - floor - (len - e) == 3 && !memcmp(out->ptr + floor, WILD, 3);
}

/* "GET /x HTTP/1.1": an HTTP request line; its method is not a variable. */
static size_t http_method(const char *s, size_t n)
{
	static const char *const methods[] = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ",
					      "PATCH ", "OPTIONS "};

	for (size_t i = 0; i < ARRAY_SIZE(methods); i++) {
		size_t k = strlen(methods[i]);

		if (n > k && !memcmp(s, methods[i], k))
			return k;
	}
	return 0;
}

/*
 * A token that took in a quoted span with spaces: each such span becomes <*> (a quoted
 * HTTP request line keeps its method: "GET <*>").
 */
static void mask_spans(struct buf *out, const char *t, size_t len)
{
	size_t i = 0, from = 0;

	while (i < len) {
		const char *close;

		if (is_quote(t[i]) && i + 1 < len && (close = memchr(t + i + 1, t[i], len - i - 1))) {
			size_t k = http_method(t + i + 1, (size_t)(close - t) - i - 1);

			put(out, t + from, i - from);
			if (k)
				put(out, t + i, 1 + k);
			put(out, WILD, 3);
			if (k)
				put(out, close, 1);
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

	if (j != tok_start && !strchr("=:([{,", s[j - 1]))
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

/* A unit after a number ("93.0 B", "5.2 KiB", "30 ms"): the two make one variable. */
static size_t unit_word(const char *s, size_t n)
{
	static const char *const units[] = {"B", "KB", "MB", "GB", "TB", "kB", "KiB", "MiB",
					    "GiB", "TiB", "ms", "us", "ns"};

	if (!strchr("BKMGTkmun", s[0]) || !s[0])
		return 0;
	while (n && has((unsigned char)s[n - 1], C_CLOSE))
		n--;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (strlen(units[i]) == n && !memcmp(s, units[i], n))
			return n;
	return 0;
}

static int date_word(const char *s, size_t n)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const char days[] = "MonTueWedThuFriSatSun";

	while (n && has((unsigned char)s[0], C_OPEN)) {
		s++;
		n--;
	}
	while (n && has((unsigned char)s[n - 1], C_CLOSE))
		n--;
	if (n != 3 || !strchr("JFMASONDTWS", s[0]) || !s[0])
		return 0;
	for (int k = 0; k < 12; k++)
		if (!memcmp(s, months + 3 * k, 3))
			return TF_MONTH;
	for (int k = 0; k < 7; k++)
		if (!memcmp(s, days + 3 * k, 3))
			return TF_WDAY;
	return 0;
}

/* Is a token (brackets and closing punctuation aside) a <*>? */
static bool wild_text(const char *t, size_t n)
{
	size_t b = 0;

	while (b < n && t[b] != '<' && has((unsigned char)t[b], C_OPEN))
		b++;
	while (n > b && t[n - 1] != '>' && has((unsigned char)t[n - 1], C_CLOSE))
		n--;
	return n - b == 3 && !memcmp(t + b, WILD, 3);
}


/*
 * Dates inside the text ("at Wed Jun 29 14:44:35 2005", "Nov 9 12:01:01"): a month name
 * next to a <*>, then a weekday before a <*>, becomes <*> itself (all are 3 bytes, so
 * the pattern is rewritten in place).
 */
static void mask_dates(struct miner *m, struct buf *out)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < m->ntok; k++) {
			size_t o;
			bool near;

			if (!(m->tok_flags[k] & (pass ? TF_WDAY : TF_MONTH)))
				continue;
			near = k + 1 < m->ntok && (m->tok_flags[k + 1] & TF_WILD);
			if (!pass && k > 0)
				near |= (m->tok_flags[k - 1] & TF_WILD) != 0;
			if (!near)
				continue;
			for (o = m->tok_off[k]; has((unsigned char)out->ptr[o], C_OPEN); o++)
				;
			memcpy(out->ptr + o, WILD, 3);
			m->tok_flags[k] |= TF_WILD;
		}
	}
}

/*
 * A hex dump ("0010  4f 6b 20 ff e0 ..."): four or more two-digit hex tokens in a row
 * are all variables, the letter-only ones ("ff", "e0") too. The pattern is rebuilt.
 */
static void mask_hexdump(struct miner *m, struct buf *out)
{
	size_t run = 0;

	buf_reset(&m->aux);
	for (size_t k = 0; k < m->ntok; k++) {
		run = (m->tok_flags[k] & TF_HEX2) ? run + 1 : 0;
		if (run == 4)
			for (size_t b = k - 3; b < k; b++)
				m->tok_flags[b] |= TF_WILD;
		if (run >= 4)
			m->tok_flags[k] |= TF_WILD;
	}
	for (size_t k = 0; k < m->ntok; k++) {
		size_t off;

		if (k)
			put(&m->aux, out->ptr + m->tok_off[k] - 1, 1);
		off = m->aux.len;
		if ((m->tok_flags[k] & (TF_HEX2 | TF_WILD)) == (TF_HEX2 | TF_WILD))
			put(&m->aux, WILD, 3);
		else
			put(&m->aux, out->ptr + m->tok_off[k], m->tok_len[k]);
		m->tok_off[k] = (uint32_t)off;
		m->tok_len[k] = (uint16_t)(m->aux.len - off);
	}
	buf_reset(out);
	put(out, m->aux.ptr, m->aux.len);
}

/*
 * The end of the token that starts at `a` (not white space): white space ends it, and so
 * does a '|' between two words ("a|b"). A quoted string (at the start or after = : ( [ {
 * ,) and a bracketed group with spaces ("[RMCommunicator Allocator]") go on across
 * spaces. `*fp` gets the classes of its bytes (K_SPACE when it took in spaces), `*spans`
 * whether a quoted string did.
 */
static size_t token_end(const char *s, size_t n, size_t a, unsigned *fp, bool *spans)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned f = 0;
	size_t j = a;

	*spans = false;
	if (u[a] == '[') {
		size_t lim = n - a < GROUP_MAX ? n - a : GROUP_MAX;
		const char *close = memchr(s + a + 1, ']', lim - 1);
		size_t in = close ? (size_t)(close - s) - a - 1 : 0;

		if (in && memchr(s + a + 1, ' ', in) && !memchr(s + a + 1, '[', in))
			for (; j <= a + in + 1; j++)
				f |= kls[u[j]];
	}
	for (; j < n; j++) {
		unsigned k = kls[u[j]];

		if (k & (K_SPACE | K_QUOTE | K_PIPE)) {
			size_t q;

			if (k & K_SPACE)
				break;
			if ((k & K_PIPE) && j > a && j + 1 < n && !(kls[u[j + 1]] & (K_SPACE | K_PIPE)))
				break; /* "a|b": a separator */
			if ((k & K_QUOTE) && (q = quoted_end(s, n, j, a))) {
				if (memchr(s + j, ' ', q - j) || memchr(s + j, '\t', q - j))
					*spans = true;
				j = q - 1;
			}
		}
		f |= k;
	}
	*fp = f;
	return j;
}

/* "nova.compute.manager", "o.a.h.Client": a dotted identifier (a logger name). */
static bool dotted(const char *t, size_t n)
{
	bool dot = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '.' && i > 0 && i + 1 < n && is_alpha((unsigned char)t[i + 1]))
			dot = true;
		else if (!(kls[c] & K_SEG) && c != '$' && c != '.')
			return false;
	}
	return dot;
}

/* "-", "---", ":", "=>", "|": a separator between header fields. */
static bool punctuation(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("-:|=>#*~", t[i]))
			return false;
	return n <= 4;
}

/* "java.io.IOException", "ValueError", "Warning": a token that names what happened. */
static bool subject(const char *t, size_t n)
{
	return HAS_SUFFIX(t, n, "Exception") || HAS_SUFFIX(t, n, "Error") || HAS_SUFFIX(t, n, "Warning") ||
	       HAS_SUFFIX(t, n, "Failure") || HAS_SUFFIX(t, n, "Fault");
}

/* A token naming an exception or error ("java.io.IOException:", "ValueError"). */
static bool subject_text(const char *t, size_t n)
{
	while (n && has((unsigned char)t[n - 1], C_CLOSE))
		n--;
	return n > 5 && subject(t, n);
}

/* Is a masked token part of a line's header (time, ids, level, logger, host, thread)? */
static bool header_like(const char *t, size_t n, size_t k)
{
	bool upper = true;

	if (k == 0 || n == 1 || t[0] == '[' || t[0] == '(' || level_word(t, n) >= 0)
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (is_quote((char)c))
			return false;
		if ((kls[c] & K_DIGIT) || c == '<' || c == '.' || c == '_' || c == '@' || c == '/')
			return true;
		upper &= c >= 'A' && c <= 'Z';
	}
	return upper;
}

/*
 * Where the message starts after a header, looking at the first HEADER_MAX tokens while
 * they look like header fields (header_like): after the first token ending with ':'
 * ("host proc[pid]:", "I Tag:"; not "java.io.IOException:", which is the message),
 * after separators ("[main] c.e.Svc - msg", "4242 --- [main] c.e.Svc : msg", the last
 * '|' of "a|b|c|msg"), and after a level word with the loggers and bracketed context
 * that follow it ("INFO nova.compute.manager [req-1 - -] msg"). 0: no header. The
 * message keeps at least one token.
 */
static size_t find_header(const struct miner *m, const char *p)
{
	size_t hdr = 0, lim = m->ntok < HEADER_MAX ? m->ntok : HEADER_MAX;
	bool after_level = false;

	for (size_t k = 0; k + 1 < m->ntok && k < lim; k++) {
		const char *t = p + m->tok_off[k];
		size_t n = m->tok_len[k];

		if (p[m->tok_off[k + 1] - 1] == '|') {
			hdr = k + 1;
			continue;
		}
		if (n >= 2 && t[n - 1] == ':') {
			if (subject(t, n - 1))
				break; /* "java.io.IOException: ...": the message itself */
			return k + 1;
		}
		if (k > 0 && punctuation(t, n)) {
			hdr = k + 1; /* "[main] c.e.Svc - msg", "4242 --- [main] c.e.Svc : msg" */
			continue;
		}
		if (level_word(t, n) >= 0 || (after_level && (t[0] == '[' || dotted(t, n)))) {
			after_level = true; /* "INFO nova.compute.manager [req-1 - -] msg" */
			hdr = k + 1;
			continue;
		}
		if (after_level || !header_like(t, n, k))
			break;
	}
	return hdr;
}

/*
 * Split `s` into tokens (token_end) and write them masked to `out`, one space apart
 * ('|' where the line had it between words). Token positions and flags go to m->tok_*
 * (the header length is worked out later, only for lines not seen before). Past
 * PATTERN_MAX bytes or MAX_TOKENS tokens, the rest becomes one final <*>.
 *
 * Most tokens are plain words: those (no digit, quote, slash, '@' or space, under 8
 * bytes) are copied as they are; only the others go through mask_token().
 */
static size_t mask_line(struct miner *m, struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, ntok = 0, run2 = 0, hex2 = 0;
	bool dates = false;
	char sep = ' ';

	buf_reset(out);
	while (i < n) {
		size_t a, j, before, uw;
		unsigned f;
		int k;
		bool spans, wild;

		while (i < n && (kls[u[i]] & K_SPACE))
			i++;
		if (i >= n)
			break;
		if (ntok == MAX_TOKENS || out->len >= PATTERN_MAX) {
			if (ntok)
				put(out, " ", 1);
			m->tok_off[ntok] = (uint32_t)out->len;
			m->tok_len[ntok] = 3;
			m->tok_flags[ntok] = TF_WILD;
			put(out, WILD, 3);
			ntok++;
			break;
		}
		a = i;
		j = token_end(s, n, a, &f, &spans);
		if (ntok)
			put(out, &sep, 1);
		before = out->len;
		wild = false;
		if (spans) {
			mask_spans(out, s + a, j - a);
			wild = wild_text(out->ptr + before, out->len - before);
		}
		else if (!(f & (K_DIGIT | K_SLOW | K_SPACE)) && j - a < 8)
			put(out, s + a, j - a);
		else
			wild = mask_token(out, s + a, j - a, f);
		if (out->len > before + PATTERN_MAX) {
			buf_truncate(out, before); /* a giant token: it and the rest become <*> */
			put(out, WILD, 3);
			j = n;
		} else if (j - a <= 4 && ntok && (m->tok_flags[ntok - 1] & TF_WILD) &&
			   (uw = unit_word(s + a, j - a))) {
			buf_truncate(out, before);
			put(out, WILD, 3);
			put(out, s + a + uw, j - a - uw);
			wild = true;
		}
		m->tok_off[ntok] = (uint32_t)before;
		m->tok_len[ntok] = (uint16_t)(out->len - before);
		m->tok_flags[ntok] = wild ? TF_WILD : 0;
		if (j - a <= 5 && !wild && (k = date_word(s + a, j - a))) {
			m->tok_flags[ntok] = (uint8_t)k;
			dates = true;
		}
		if (j - a == 2 && (kls[u[a]] & (K_DIGIT | K_HEXL)) && (kls[u[a + 1]] & (K_DIGIT | K_HEXL))) {
			m->tok_flags[ntok] |= TF_HEX2;
			run2++;
			hex2 = run2 > hex2 ? run2 : hex2;
		} else {
			run2 = 0;
		}
		ntok++;
		sep = j < n && u[j] == '|' ? '|' : ' ';
		i = j + (sep == '|');
	}
	m->ntok = ntok;
	if (dates)
		mask_dates(m, out);
	if (hex2 >= 4)
		mask_hexdump(m, out);
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

/*
 * The token offsets of a pattern, split as mask_line() split the line (token_end). `off`
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
		j = token_end(p, n, i, &f, &spans);
		i = j + 1;
	}
	off[k] = (uint16_t)(n + 1);
	return k;
}

/* The template a merged one went into (union-find with path halving). */
static uint32_t find(struct miner *m, uint32_t i)
{
	while (m->meta[i].parent != i) {
		m->meta[i].parent = m->meta[m->meta[i].parent].parent;
		i = m->meta[i].parent;
	}
	return i;
}

static void template_seen(struct digest_template *t, size_t line, const char *ts)
{
	t->count++;
	t->last_line = line;
	if (ts[0]) {
		if (!t->first_ts[0])
			ts_copy(t->first_ts, ts);
		ts_copy(t->last_ts, ts);
	}
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

/* A pattern read back (a digest that goes on): its header as find_header() sees it. */
static size_t pattern_header(struct miner *m, uint32_t idx)
{
	const struct meta *mt = &m->meta[idx];

	m->ntok = mt->ntok;
	for (size_t k = 0; k < mt->ntok; k++) {
		m->tok_off[k] = mt->off[k];
		m->tok_len[k] = (uint16_t)(mt->off[k + 1] - 1 - mt->off[k]);
	}
	return find_header(m, m->d->templates[idx].pattern);
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
	for (i = 0; i < n && ((kls[(unsigned char)t[i]] & K_ALPHA) || t[i] == '_'); i++)
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

	map_put(&m->exact, exact_key(t->pattern, strlen(t->pattern), (int)t->level, m->meta[idx].ntok), idx, 3);
	m->meta[idx].next = map_get(&m->buckets, bk);
	map_put(&m->buckets, bk, idx, 3);
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

/* Undo the newest template (made by the line before, which turned out a headline). */
static void template_drop_last(struct miner *m)
{
	struct digest *d = m->d;
	uint32_t idx = (uint32_t)d->ntemplates - 1;
	struct digest_template *t = &d->templates[idx];
	uint64_t bk = template_bucket(m, idx);

	map_del(&m->exact, exact_key(t->pattern, strlen(t->pattern), (int)t->level, m->meta[idx].ntok));
	if (map_get(&m->buckets, bk) == idx) {
		if (m->meta[idx].next != NONE)
			map_put(&m->buckets, bk, m->meta[idx].next, 3);
		else
			map_del(&m->buckets, bk);
	}
	free(t->pattern);
	free(t->example);
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
	t->example = clipdup(example, exlen, EXAMPLE_MAX);
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
		if (!(kls[c] & K_SEG) && c != '.')
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
		if (kl != ll || memcmp(tp, lp, kl) || subject_text(tp, tl) || subject_text(lp, m->tok_len[k]) ||
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
		m->gen_words += !wild_text(m->tmp.ptr + before, m->tmp.len - before);
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
			if (wild_text(p + mt->off[t], tl))
				h = 0;
			else if (h)
				h = hash_bytes(p + mt->off[t], tl, h);
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
		uint32_t other = map_get(&m->exact, newkey);

		if (other != NONE && (other = find(m, other)) != idx) {
			uint32_t keep = other < idx ? other : idx;

			absorb(m, keep, keep == idx ? other : idx);
			idx = keep;
		}
		set_pattern(m, idx, m->tmp.ptr, m->tmp.len, hdr);
		map_put(&m->exact, newkey, idx, 3);
	}
	map_put(&m->exact, key, idx, 2); /* alias: this exact shape maps here */
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
			v = hash_bytes(m->pat.ptr + m->tok_off[k], m->tok_len[k], v);
	values[nv++] = v;
	idx = map_get(&m->buckets, line_bucket(m, level));
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
	uint32_t idx = map_get(&m->buckets, line_bucket(m, level)), near[8];

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
static uint32_t fold(struct miner *m, const char *body, size_t blen, int level, size_t line,
		     const char *ts, const char *example, size_t exlen)
{
	uint64_t key;
	uint32_t idx;

	mask_line(m, &m->pat, body, blen);
	key = exact_key(m->pat.ptr, m->pat.len, level, m->ntok);
	m->fold_hit = false;
	if ((idx = map_get(&m->exact, key)) != NONE) {
		m->fold_hit = true;
		idx = find(m, idx);
		template_seen(&m->d->templates[idx], line, ts);
		return idx;
	}
	m->hdr = find_header(m, m->pat.ptr);
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
static void compact(struct miner *m)
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
		}
	}
	for (size_t i = 0; i < d->ntemplates; i++)
		if (to[i] == NONE)
			to[i] = to[find(m, (uint32_t)i)];
	for (size_t l = 0; d->assign_on && l < d->lines; l++)
		if (d->assign[l] < DIGEST_ID_TRACE)
			d->assign[l] = to[d->assign[l]];
	d->ntemplates = n;
	free(to);
}

/* ---- per-line assignment (digest --assign) ---- */

#define ID_PENDING (UINT32_MAX - 2) /* inside an open trace: resolved when it closes */

static void assign(struct miner *m, size_t line, uint32_t id)
{
	struct digest *d = m->d;

	if (!d->assign_on)
		return;
	if (line > d->assign_alloc) {
		d->assign_alloc = d->assign_alloc ? 2 * d->assign_alloc : 4096;
		d->assign = xrealloc(d->assign, d->assign_alloc * sizeof(*d->assign));
	}
	d->assign[line - 1] = id;
	if (id == ID_PENDING && !m->pending_from)
		m->pending_from = line;
}

static void assign_pending(struct miner *m, uint32_t id)
{
	struct digest *d = m->d;

	if (!d->assign_on || !m->pending_from)
		return;
	for (size_t i = m->pending_from - 1; i < d->lines; i++)
		if (d->assign[i] == ID_PENDING)
			d->assign[i] = id;
	m->pending_from = 0;
}

/* ---- stack traces ---- */

static uint64_t trace_identity(struct miner *m, const char *headline, char **frames, size_t nframes)
{
	uint64_t h;

	mask_line(m, &m->tmp, headline, strlen(headline));
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
	ts_copy(tr->ts, ts[0] ? ts : m->last_ts);
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
	if (!tr->nframes) {
		assign_pending(m, DIGEST_ID_TRACE | DIGEST_MAX_TRACES);
		goto reset;
	}
	if (!tr->headline.len)
		buf_puts(&tr->headline, "stack trace");
	id = trace_identity(m, tr->headline.ptr, tr->frames, tr->nframes);
	for (i = 0; i < d->ntraces && m->trace_ids[i] != id; i++)
		;
	assign_pending(m, DIGEST_ID_TRACE | (uint32_t)(i < DIGEST_MAX_TRACES ? i : DIGEST_MAX_TRACES));
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
	ts_copy(t->first_ts, tr->ts);
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
/* "#3 /app/x.php(20): f()", "#0 0x4005d4 in main () at a.c:12": a numbered frame. */
static bool numbered_frame(const char *t, size_t tn)
{
	size_t i = 1;

	if (tn < 4 || t[0] != '#')
		return false;
	while (i < tn && is_digit((unsigned char)t[i]))
		i++;
	return i > 1 && i < tn && t[i] == ' ';
}

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
	case TR_NUMBERED:
		if (numbered_frame(t, tn)) {
			trace_frame(m, t, tn);
			trace_text(m, r, n);
			return C_YES;
		}
		if (HAS_PREFIX(t, tn, "\"}") || HAS_PREFIX(t, tn, "[previous exception]")) {
			trace_text(m, r, n);
			return C_YES;
		}
		return C_NO;
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
		ts_copy(d->first_error_ts, ts);
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
	else if (d->templates[m->prev_tmpl = find(m, m->prev_tmpl)].count > 1)
		d->templates[m->prev_tmpl].count--;
	else
		template_drop_last(m); /* count 1: the line made it, it is the newest */
	count_level(m, DIGEST_ERROR, m->prev_full, m->prev_full_len, m->prev_line, m->prev_ts);
	m->prev_tmpl = fold(m, m->prev_body, m->prev_body_len, DIGEST_ERROR, m->prev_line,
			    m->prev_ts, m->prev_full, m->prev_full_len);
	assign(m, m->prev_line, m->prev_tmpl == NONE ? DIGEST_ID_OTHER : m->prev_tmpl);
	m->prev_level = DIGEST_ERROR;
}

/* The previous line came from the shape cache: find its text and body now. */
static void resolve_prev(struct miner *m)
{
	struct prefix p;

	m->prev_lazy = false;
	parse_prefix(m->prev_full, m->prev_full_len, &p);
	m->prev_rest = m->prev_full + p.rest;
	m->prev_rest_len = m->prev_full_len - p.rest;
	classify(m, m->prev_rest, m->prev_rest_len, &p, &m->prev_body, &m->prev_body_len);
}

/* A line that opens a trace without being a template itself; true when consumed. */
static bool trace_starts(struct miner *m, const char *r, size_t n, size_t line, const char *ts)
{
	const char *t = r;
	size_t tn = n;

	if (m->prev_ok && m->prev_lazy)
		resolve_prev(m);
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
	if (HAS_PREFIX(t, tn, "[stacktrace]") || (numbered_frame(t, tn) && t[1] == '0')) {
		/* PHP/Laravel, gdb: "[stacktrace]" or "#0 ..." under the error line */
		if (m->prev_ok) {
			promote_prev(m);
			trace_open(m, TR_NUMBERED, m->prev_body, m->prev_body_len, m->prev_line, m->prev_ts);
			trace_text(m, m->prev_rest, m->prev_rest_len);
		} else {
			trace_open(m, TR_NUMBERED, "", 0, line, ts);
		}
		if (t[0] == '#')
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

/* ---- the shape cache ---- */

/*
 * Could the text at `at` be part of a "Bearer <value>" or "Basic <value>" (any case),
 * whose length decides whether it is a secret?
 */
static bool in_bearer(const char *s, size_t at)
{
	size_t i = at;

	while (i > 0 && (is_alnum((unsigned char)s[i - 1]) || strchr("-._~+/=", s[i - 1])))
		i--;
	if (i == at && at > 0 && s[at - 1] != ' ')
		return false;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return (i >= 6 && eq_ci(s + i - 6, 6, "bearer")) || (i >= 5 && eq_ci(s + i - 5, 5, "basic"));
}

/*
 * The hash of a line's shape, 0 for lines with control characters (sanitize() would
 * change them). The shape is the line with
 *   - every digit read as '0';
 *   - in every run of letters and digits made of hex digits only, with a digit and a
 *     letter, the letters read as 'a' ('A'); when the run touches a '-' (UUID parts), or
 *     has 6 bytes or more ("3f9a2c1d", session ids) and no '_' next to it, every byte
 *     reads as mark 2 (3 for upper-case letters). Not for a run that starts the line
 *     (klog's "E1118");
 *   - every number with two dots or more standing alone ("10.1.2.3", "2.14.1") read as
 *     mark 1, whatever its digits.
 * The full path treats such lines alike: masking judges runs by their classes of
 * characters, and the marks stand for runs it always makes <*> (a segment with a digit
 * and a '-'; a segment, or a token, of 6+ hex bytes with a digit; a dotted number),
 * while a run it keeps leaves digits in the pattern and such lines are not kept. Marks
 * are control bytes, which lines with a shape never hold. No secret pattern looks
 * inside a hex-only run (every secret word has another letter; all-digit runs stay
 * apart, since "token=123456" is no secret), and the only one that counts a dotted
 * number's characters, a Bearer/Basic value, makes the line go without a shape.
 */
#ifndef __SSE2__
/* One bit per byte: the high bits of `hi` (0x80 in marked bytes) packed into a byte. */
static inline uint64_t pack8(uint64_t hi)
{
	return ((hi >> 7) * 0x0102040810204080ull) >> 56;
}

/*
 * Eight bytes: digits as '0' (returned), and one bit per byte for digits, hex letters
 * and dots. Each test works on seven-bit lanes that cannot carry into the next byte: for
 * digits x = b ^ '0' is below 10, and adding 0x76 to its low seven bits sets the high bit
 * for x >= 10; bytes >= 0x80 are none of the three. `*ctl` gets bytes below 0x20 (and
 * some near them: they are checked again) and 0x7F.
 */
static inline uint64_t swar8(uint64_t w, uint64_t *d8, uint64_t *a8, uint64_t *t8, uint64_t *ctl)
{
	const uint64_t ones = 0x0101010101010101ull, lo7 = 0x7F * ones, hi = 0x80 * ones;
	uint64_t x = w ^ (0x30 * ones), y = (w | 0x20 * ones) & lo7, t = w ^ (0x2E * ones), d;

	*ctl |= ((w - 0x20 * ones) & ~w & hi) | (((w ^ lo7) - ones) & ~(w ^ lo7) & hi);
	d = ~((((x & lo7) + 0x76 * ones) | x)) & hi;
	*d8 = pack8(d);
	*a8 = pack8(((y + (0x80 - 0x61) * ones) & ~(y + (0x80 - 0x67) * ones) & ~w) & hi);
	*t8 = pack8(~(((t & lo7) + lo7) | t) & hi);
	return (w & ~((d >> 7) * 0xFF)) | ((d >> 7) * 0x30);
}
#endif

/* One block of 16 bytes of a line: its two words with digits as '0', and one bit per
 * byte for digits, hex letters and dots. */
struct block_marks {
	uint64_t lo, hi, md, ma, mt;
};

/*
 * Reads the 16 bytes at `block`, writes them with digits as '0' to `o`, and adds the
 * control bytes it saw to `*ctl` (SSE2 where there is, else two 64-bit words).
 */
static inline void block_marks(struct block_marks *b, const unsigned char *block, unsigned char *o,
			       uint64_t *ctl)
{
#ifdef __SSE2__
	const __m128i c30 = _mm_set1_epi8(0x30), c80 = _mm_set1_epi8((char)0x80);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)block), x, d, a, t;

	/* signed compares of unsigned bytes: both sides ^ 0x80 */
	x = _mm_xor_si128(v, c80);
	*ctl |= (uint64_t)_mm_movemask_epi8(_mm_or_si128(
		_mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(9)),
				 _mm_cmplt_epi8(x, _mm_set1_epi8((char)(0x20 ^ 0x80)))),
		_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
	d = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, c30), c80),
			   _mm_set1_epi8((char)(10 ^ 0x80)));
	a = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
						      _mm_set1_epi8(0x61)),
					 c80),
			   _mm_set1_epi8((char)(6 ^ 0x80))); /* a-f A-F */
	t = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2E));
	v = _mm_or_si128(_mm_andnot_si128(d, v), _mm_and_si128(d, c30));
	_mm_storeu_si128((__m128i *)(void *)o, v);
	b->lo = (uint64_t)_mm_cvtsi128_si64(v);
	b->hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
	b->md = (uint64_t)_mm_movemask_epi8(d);
	b->ma = (uint64_t)_mm_movemask_epi8(a);
	b->mt = (uint64_t)_mm_movemask_epi8(t);
#else
	uint64_t w0, w1, d0, d1, a0, a1, t0, t1;

	memcpy(&w0, block, 8);
	memcpy(&w1, block + 8, 8);
	b->lo = swar8(w0, &d0, &a0, &t0, ctl);
	b->hi = swar8(w1, &d1, &a1, &t1, ctl);
	memcpy(o, &b->lo, 8);
	memcpy(o + 8, &b->hi, 8);
	b->md = d0 | d1 << 8;
	b->ma = a0 | a1 << 8;
	b->mt = t0 | t1 << 8;
#endif
}

/*
 * Digits that need a look: next to a hex letter (hex runs: "3f9a", UUID parts), or
 * before ".<digit>" with another such place 2 to 4 bytes on (dotted numbers:
 * "10.1.2.3", not "00.041"). Plain numbers are done. `dot` becomes the places
 * <digit>.<digit>; alp and dot have a spare zero word at the end. Returns whether any
 * digit needs a look; alp becomes the looks.
 */
static inline bool shape_looks(const uint64_t *dig, uint64_t *alp, uint64_t *dot, size_t nw)
{
	uint64_t any = 0;

	for (size_t wi = 0; wi < nw; wi++)
		dot[wi] = dig[wi] & ((dot[wi] >> 1) | (dot[wi + 1] << 63)) & ((dig[wi] >> 2) | (dig[wi + 1] << 62));
	for (size_t wi = 0; wi < nw; wi++) {
		uint64_t near_hex = (alp[wi] << 1) | (wi ? alp[wi - 1] >> 63 : 0) | (alp[wi] >> 1) | (alp[wi + 1] << 63);
		uint64_t later = 0;

		for (unsigned k = 2; k <= 4; k++)
			later |= (dot[wi] >> k) | (dot[wi + 1] << (64 - k));
		alp[wi] = dig[wi] & (near_hex | (dot[wi] & later)); /* alp: now the looks */
		any |= alp[wi];
	}
	return any != 0;
}

/* The dotted numbers of a line, as [start, end) pairs that hash as one mark each. */
struct shape_cuts {
	size_t at[2 * 16];
	size_t n;
};

/*
 * A number standing alone at [a, e): with two dots or more ("10.1.2.3"), noted in
 * `cuts`. Returns where it ends, 0 when the line must go without a shape.
 */
static inline size_t shape_dotted(const char *s, size_t n, size_t a, size_t e, struct shape_cuts *cuts)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t dots = 0;

	while (e + 1 < n && u[e] == '.' && is_digit(u[e + 1])) {
		dots++;
		for (e++; e < n && is_digit(u[e]); e++)
			;
	}
	if (dots >= 2 && (e == n || !is_alnum(u[e])) && cuts->n < ARRAY_SIZE(cuts->at)) {
		if (in_bearer(s, a))
			return 0; /* a Bearer/Basic value counts its characters */
		cuts->at[cuts->n++] = a; /* "10.1.2.3": one mark */
		cuts->at[cuts->n++] = e;
	}
	return e;
}

/* A hex-only run at [l, r) with a digit and a letter, rewritten in `o` (see above). */
static inline void shape_hex(const unsigned char *u, size_t n, unsigned char *o, size_t l, size_t r)
{
	bool dash = u[l - 1] == '-' || (r < n && u[r] == '-');
	bool erase = dash || (r - l >= 6 && u[l - 1] != '_' && (r == n || u[r] != '_'));

	/* marks 2 and 3 cannot be letters of another line: control bytes never get here */
	for (size_t k = l; k < r; k++)
		if (erase)
			o[k] = u[k] >= 'A' && u[k] <= 'F' ? 3 : 2;
		else if (!is_digit(u[k]))
			o[k] = u[k] >= 'A' && u[k] <= 'F' ? 'A' : 'a';
}

/*
 * The run of letters and digits around the digit at `at`: a hex run is rewritten in
 * `o`, a dotted number noted in `cuts`. Returns where the look ends (past `at`), 0 when
 * the line must go without a shape.
 */
static inline size_t shape_run(const char *s, size_t n, unsigned char *o, size_t at, struct shape_cuts *cuts)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t a = at, b = at, l, r;
	bool hex = true;

	while (b < n && is_digit(u[b]))
		b++;
	while (a > 0 && is_digit(u[a - 1]))
		a--;
	for (l = a; l > 0 && is_alnum(u[l - 1]); l--)
		hex &= is_hex(u[l - 1]);
	for (r = b; r < n && is_alnum(u[r]); r++)
		hex &= is_hex(u[r]);
	if (l == a && r == b && (a == 0 || !is_alnum(u[a - 1])))
		return shape_dotted(s, n, a, r, cuts);
	if (hex && l > 0 && (l < a || r > b))
		shape_hex(u, n, o, l, r);
	return r;
}

/*
 * Pass two of shape_hash(): every look in `look_bits` rewritten in `o` or noted in
 * `cuts`. False when the line must go without a shape.
 */
static inline bool shape_rewrite(const char *s, size_t n, unsigned char *o, uint64_t *dig,
				 const uint64_t *look_bits, size_t nw, struct shape_cuts *cuts)
{
	for (size_t wi = 0; wi < nw; wi++) {
		uint64_t look = look_bits[wi] & dig[wi]; /* dig: without what was looked at */

		while (look) {
			size_t e = shape_run(s, n, o, wi * 64 + (size_t)__builtin_ctzll(look), cuts);

			if (!e)
				return false;
			/* on past what was looked at (the rest of this word; later words below) */
			if (e >= (wi + 1) * 64) {
				for (size_t k = wi + 1; k * 64 < e && k < nw; k++)
					dig[k] &= e >= (k + 1) * 64 ? 0 : ~0ull << (e - k * 64);
				look = 0;
			} else {
				look &= ~0ull << (e - wi * 64);
			}
		}
	}
	return true;
}

/*
 * The shape hash of a line (see above the comment on what a shape is). Two passes: one
 * over blocks of 16 bytes (SSE2 where there is, else two 64-bit words) that writes the
 * line with digits as '0' to m->shape_buf, hashes it, and marks digits, hex letters and
 * dots; then, only where a digit touches a hex letter or starts a dotted number, the
 * runs are rewritten and the line hashed again.
 */
static uint64_t shape_hash(struct miner *m, const char *s, size_t n)
{
	const uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)m->shape_buf;
	uint64_t dig[LOG_LINE_MAX / 64 + 2], alp[LOG_LINE_MAX / 64 + 2], dot[LOG_LINE_MAX / 64 + 2];
	uint64_t ctl = 0, ha = 0x5A4E ^ (n * k1), hb = n, h = 0x5A4E;
	size_t pos = 0, nw = n / 64 + 1;
	struct shape_cuts cuts;

	for (size_t k = 0; k <= nw; k++)
		dig[k] = alp[k] = dot[k] = 0;
	for (size_t i = 0; i < n; i += 16) {
		unsigned char tail[16];
		const unsigned char *block = u + i;
		struct block_marks b;

		if (n - i < 16) {
			/* the last bytes, padded with spaces (a copy: loading it whole right after
			 * the small stores would stall, so only the tail pays for that) */
			memset(tail, ' ', sizeof(tail));
			memcpy(tail, s + i, n - i);
			block = tail;
		}
		block_marks(&b, block, o + i, &ctl);
		ha = (ha ^ b.lo) * k1;
		ha ^= ha >> 29;
		hb = (hb ^ b.hi) * k2;
		hb ^= hb >> 31;
		if (n - i < 16) {
			uint64_t keep = (1ull << (n - i)) - 1;

			b.md &= keep;
			b.ma &= keep;
			b.mt &= keep;
		}
		dig[i / 64] |= b.md << (i % 64);
		alp[i / 64] |= b.ma << (i % 64);
		dot[i / 64] |= b.mt << (i % 64);
	}
#ifdef __SSE2__
	if (ctl)
		return 0; /* control bytes (tabs are fine) change in sanitize() */
#else
	for (size_t i = 0; ctl && i < n; i++)
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
			return 0; /* the SWAR test is rough: look again */
#endif
	if (!shape_looks(dig, alp, dot, nw)) {
		h = (ha ^ (hb * 0xBF58476D1CE4E5B9ull)) * k1;
		h ^= h >> 32;
		return h ? h : 1;
	}
	cuts.n = 0;
	if (!shape_rewrite(s, n, o, dig, alp, nw, &cuts))
		return 0;
	for (size_t c = 0; c < cuts.n; c += 2) {
		h = hash_bytes((char *)o + pos, cuts.at[c] - pos, h);
		h = hash_bytes("\x01", 1, h);
		pos = cuts.at[c + 1];
	}
	return hash_bytes((char *)o + pos, n - pos, h);
}

static const struct shape *shape_get(const struct shapes *t, uint64_t key)
{
	if (!t->cap)
		return NULL;
	for (size_t i = key & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (t->v[i].key == key)
			return &t->v[i];
		if (!t->v[i].key)
			return NULL;
	}
}

static void shape_put(struct shapes *t, const struct shape *e)
{
	size_t i;

	if (!t->cap || (t->used + 1) * 4 > t->cap * 3) {
		struct shapes old = *t;

		if (t->cap >= SHAPES_MAX)
			return; /* full: the lines it knows still go fast */
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->used = 0;
		t->v = xcalloc(t->cap, sizeof(*t->v));
		for (size_t k = 0; k < old.cap; k++)
			if (old.v[k].key)
				shape_put(t, &old.v[k]);
		free(old.v);
	}
	for (i = e->key & (t->cap - 1); t->v[i].key && t->v[i].key != e->key; i = (i + 1) & (t->cap - 1))
		;
	if (!t->v[i].key)
		t->used++;
	t->v[i] = *e;
}

/* ---- one line ---- */

static void note_ts(struct miner *m, const char *ts)
{
	if (!ts[0])
		return;
	ts_copy(m->last_ts, ts);
	if (!m->d->first_ts[0])
		ts_copy(m->d->first_ts, ts);
	ts_copy(m->d->last_ts, ts);
}

/* The previous line, a possible exception headline, stays in m->red[m->cur]. */
static void keep_prev(struct miner *m, const char *full, size_t n, const char *rest, const char *body,
		      size_t blen, size_t line, uint32_t idx, int level, const char *ts)
{
	m->prev_ok = true;
	m->prev_lazy = m->prev_raw = false;
	m->prev_body = body;
	m->prev_body_len = blen;
	m->prev_rest = rest;
	m->prev_rest_len = n - (size_t)(rest - full);
	m->prev_full = full;
	m->prev_full_len = n;
	m->prev_line = line;
	m->prev_tmpl = idx;
	m->prev_level = (enum digest_level)level;
	ts_copy(m->prev_ts, ts);
	m->cur ^= 1; /* keep this line's buffers for the next one */
}

/* A line whose shape is known: what the full path would do, from the cache. */
static bool shape_line(struct miner *m, const char *s, size_t n, const struct shape *e, size_t line)
{
	char ts[32] = "";
	uint32_t idx;

	if (e->tmpl == SHAPE_CLEAN || m->tr.kind != TR_NONE || (e->level == DIGEST_ERROR && !m->d->first_error))
		return false;
	memcpy(ts, s + e->ts_off, e->ts_len);
	ts[e->ts_len] = '\0';
	note_ts(m, ts);
	if (e->tmpl == DIGEST_ID_BLANK) {
		assign(m, line, DIGEST_ID_BLANK);
		m->prev_ok = false;
		m->cur ^= 1;
		return true;
	}
	idx = find(m, e->tmpl);
	count_level(m, e->level, s, n, line, ts);
	template_seen(&m->d->templates[idx], line, ts);
	assign(m, line, idx);
	keep_prev(m, s, n, s, s, 0, line, idx, e->level, ts);
	m->prev_lazy = true;
	m->prev_raw = true; /* no copy: the input stays until feed() returns */
	return true;
}

/*
 * After the full path: keep the line's shape when the result depends on nothing but
 * the shape (see struct shape).
 */
static void shape_keep(struct miner *m, uint64_t key, const char *s, size_t n, const struct prefix *p,
		       const char *body, size_t blen, uint32_t tmpl, int level)
{
	size_t tl = strlen(p->ts);
	struct shape e;

	if (p->ts_off + tl > 255 || (tl && memcmp(s + p->ts_off, p->ts, tl)) || n > UINT16_MAX ||
	    m->tr.kind != TR_NONE || m->rs.in_pem)
		return;
	if (tmpl != DIGEST_ID_BLANK) {
		if (body < s || body + blen > s + n || !m->fold_hit)
			return;
		for (size_t i = 0; i < m->pat.len; i++)
			if (is_digit((unsigned char)m->pat.ptr[i]))
				return; /* "http2": the digits are part of the template */
	}
	e.key = key;
	e.tmpl = tmpl;
	e.ts_off = (uint8_t)p->ts_off;
	e.ts_len = (uint8_t)tl;
	e.level = (uint8_t)level;
	shape_put(&m->shapes, &e);
}

/*
 * The fast path: a line whose shape is cached goes without the full path (true). Else
 * `*key` is the line's shape hash (0 for none) and `*e` its cached shape, if any.
 */
static bool cached_line(struct miner *m, const char *s, size_t n, bool cut, size_t lineno, uint64_t *key,
			const struct shape **e)
{
	*key = 0;
	*e = NULL;
	if (!cut && !m->at_start && !m->rs.in_pem && (*key = shape_hash(m, s, n)) &&
	    (*e = shape_get(&m->shapes, *key)) && (!m->literals || !redact_has_literal(s, n)))
		return shape_line(m, s, n, *e, lineno);
	*e = NULL;
	return false;
}

/*
 * The line as the full path reads it, in `red`: without a byte order mark at the start
 * of the input, sanitized and redacted. True when nothing had to change.
 */
static bool clean_line(struct miner *m, struct buf *red, const char *s, size_t n, bool known)
{
	bool clean;
	int r;

	if (m->at_start && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	m->at_start = false;
	buf_reset(red);
	if (known) {
		/* a known shape: nothing to sanitize or redact (a frame in a trace, most often) */
		put(red, s, n);
		return true;
	}
	clean = !sanitize(m, &s, &n);
	if ((r = redact_line(&m->rs, red, s, n)) < 0)
		xdie("internal error: uncapped buffer refused an append");
	m->d->secrets += (size_t)r;
	return clean && !r;
}

/*
 * A line no trace took: its level counted, its body folded into a template, and its
 * shape kept when `key` is not 0 (a clean line). `final` for the last line of a trace.
 */
static void fold_line(struct miner *m, const char *s, size_t n, struct prefix *p, size_t lineno, bool final,
		      uint64_t key)
{
	const char *rest = s + p->rest, *body;
	size_t rn = n - p->rest, blen;
	int level;
	uint32_t idx;

	level = classify(m, rest, rn, p, &body, &blen);
	note_ts(m, p->ts);
	if (!blen) {
		assign(m, lineno, DIGEST_ID_BLANK);
		if (key)
			shape_keep(m, key, s, n, p, body, 0, DIGEST_ID_BLANK, DIGEST_INFO);
		m->prev_ok = false;
		m->cur ^= 1;
		return; /* a blank line: counted, nothing to fold */
	}
	if (final)
		level = DIGEST_ERROR;
	count_level(m, level, s, n, lineno, p->ts);
	idx = fold(m, body, blen, level, lineno, p->ts, s, n);
	assign(m, lineno, idx == NONE ? DIGEST_ID_OTHER : idx);

	if (HAS_PREFIX(body, blen, "panic: ") || HAS_PREFIX(body, blen, "fatal error: ")) {
		trace_open(m, TR_GO, body, blen, lineno, p->ts);
		trace_text(m, rest, rn);
	}
	if (key && idx != NONE)
		shape_keep(m, key, s, n, p, body, blen, idx, level);
	keep_prev(m, s, n, rest, body, blen, lineno, idx, level, p->ts);
}

static void process_line(struct miner *m, const char *s, size_t n, bool cut)
{
	struct digest *d = m->d;
	struct buf *red = &m->red[m->cur];
	struct prefix p;
	const char *rest;
	size_t rn, lineno = ++d->lines;
	const struct shape *e;
	enum cont c = C_NO;
	uint64_t key;
	bool clean;

	if (cut)
		d->cut_lines++;
	if (cached_line(m, s, n, cut, lineno, &key, &e))
		return;
	assign(m, lineno, DIGEST_ID_OTHER);
	clean = clean_line(m, red, s, n, e != NULL);
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
		key = 0;
	}
	if (c == C_NO && trace_starts(m, rest, rn, lineno, p.ts))
		goto consumed;
	fold_line(m, s, n, &p, lineno, c == C_FINAL, clean ? key : 0);
	return;
consumed:
	assign(m, lineno, ID_PENDING);
	if (key && clean && !e && !m->rs.in_pem) {
		struct shape c_e = {key, SHAPE_CLEAN, 0, 0, 0};

		shape_put(&m->shapes, &c_e);
	}
	m->prev_ok = false;
	m->cur ^= 1;
}

/* The previous line still points into the input, which is about to go: copy it. */
static void keep_raw_prev(struct miner *m)
{
	if (!m->prev_raw)
		return;
	buf_reset(&m->prevbuf);
	put(&m->prevbuf, m->prev_full, m->prev_full_len);
	m->prev_full = m->prev_body = m->prev_rest = m->prevbuf.ptr;
	m->prev_raw = false;
}

/* A raw line from the input (without '\n'); `over` when bytes were already dropped. */
/*
 * A structured line may carry a whole stack trace in one string field ("exc_info",
 * "stack", "stack_trace", "err.stack"), newlines escaped. The first string value that
 * holds an escaped newline and a frame marker is it: its offset and length, or false.
 */
static bool json_trace_field(const char *s, size_t n, size_t *at, size_t *len)
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
		if (i - start < 40 || !search(s + start, i - start, "\\n"))
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(markers); k++)
			if (search(s + start, i - start, markers[k])) {
				*at = start;
				*len = i - start;
				return true;
			}
	}
	return false;
}

/* One logical line, cut to LOG_LINE_MAX. */
static void clipped_line(struct miner *m, const char *s, size_t n, bool cut)
{
	if (n > LOG_LINE_MAX) {
		cut = true;
		n = utf8_clip(s, n, LOG_LINE_MAX);
	}
	process_line(m, s, n, cut);
}

/*
 * A JSON line with a trace in a field: the line without the trace (its time, level and
 * message fold as usual), then the trace's own lines, unescaped, as if they had followed
 * it, all under the line's number.
 */
static bool json_trace_line(struct miner *m, const char *s, size_t n)
{
	struct buf rest = BUF_INIT, trace = BUF_INIT;
	size_t at, len, lineno, off = 0;
	const char *cur, *line;

	/* A collector may put its time stamp or source tag before the object ("az webapp
	 * log tail", "kubectl logs --timestamps"); only lines with a brace early pay for it. */
	if (n >= 2 && s[0] != '{' && memchr(s, '{', n < 160 ? n : 160)) {
		struct prefix p;

		parse_prefix(s, n, &p);
		off = p.rest;
	}
	if (n < off + 2 || s[off] != '{' || !json_trace_field(s + off, n - off, &at, &len))
		return false;
	at += off;
	put(&rest, s, at);
	put(&rest, s + at + len, n - at - len);
	add_unescaped(&trace, s + at, len, true);
	clipped_line(m, rest.ptr, rest.len, false);
	lineno = m->d->lines;
	for (cur = trace.ptr; text_next_line(&cur, &line, &len);) {
		m->d->lines = lineno - 1; /* the trace's lines are this line's */
		clipped_line(m, line, len, false);
	}
	m->d->lines = lineno;
	keep_raw_prev(m); /* the previous line may point into `trace` */
	buf_release(&rest);
	buf_release(&trace);
	return true;
}

/*
 * A container runtime's envelope around the application's line: Docker's json-file
 * ({"log":"<line>\n","stream":"stdout","time":"..."}) gives the line unescaped, with
 * the envelope's time in front when the line has none of its own. True when `out`
 * holds the line to read instead.
 */
static bool docker_envelope(struct buf *out, const char *s, size_t n)
{
	struct field f, log = {0}, time = {0};
	size_t pos = 1, keys = 0;
	struct prefix p;

	if (n < 10 || s[0] != '{' || !HAS_PREFIX(s, n, "{\"log\":"))
		return false;
	while (json_next(s, n, &pos, &f)) {
		keys++;
		if (eq_ci(f.key, f.klen, "log") && f.str)
			log = f;
		else if (eq_ci(f.key, f.klen, "time") && f.str)
			time = f;
		else if (!eq_ci(f.key, f.klen, "stream") && !eq_ci(f.key, f.klen, "attrs"))
			return false;
	}
	if (!log.val || keys > 4)
		return false;
	add_unescaped(out, log.val, log.vlen, true);
	while (out->len && (out->ptr[out->len - 1] == '\n' || out->ptr[out->len - 1] == '\r'))
		buf_truncate(out, out->len - 1);
	parse_prefix_ts(out->ptr, out->len, &p);
	if (!p.ts[0] && time.val) {
		char *line = buf_detach(out);

		buf_putf(out, "%.*s %s", (int)time.vlen, time.val, line);
		free(line);
	}
	return true;
}

static void raw_line(struct miner *m, const char *s, size_t n, bool over)
{
	struct buf inner = BUF_INIT;

	if (!over && n && s[n - 1] == '\r')
		n--;
	if (!over && docker_envelope(&inner, s, n)) {
		if (!json_trace_line(m, inner.ptr, inner.len))
			clipped_line(m, inner.ptr, inner.len, false);
		keep_raw_prev(m); /* the previous line may point into `inner` */
		buf_release(&inner);
		return;
	}
	if (!over && json_trace_line(m, s, n))
		return;
	clipped_line(m, s, n, over);
}

static void feed(struct miner *m, const char *data, size_t len)
{
	size_t pos = 0;

	m->d->bytes += len;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t seg = nl ? (size_t)(nl - (data + pos)) : len - pos;

		if (m->carry_len || m->carry_over || !nl) {
			size_t room = JSON_LINE_MAX + 1 - m->carry_len;
			size_t take = seg < room ? seg : room;

			if (!m->carry_len)
				keep_raw_prev(m); /* it may be the carry's previous line */
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
	keep_raw_prev(m); /* the caller reuses `data` */
}

static void miner_init(struct miner *m, struct digest *d)
{
	memset(m, 0, sizeof(*m));
	m->d = d;
	m->at_start = true;
	m->carry = xmalloc(JSON_LINE_MAX + 1);
	m->clean = xmalloc(3 * (LOG_LINE_MAX + 1));
	m->shape_buf = xmalloc(LOG_LINE_MAX + 16);
	for (int i = 0; i < 2; i++) {
		buf_init(&m->red[i], 0);
		buf_init(&m->body[i], 0);
	}
	buf_init(&m->pat, 0);
	buf_init(&m->tmp, 0);
	buf_init(&m->prevbuf, 0);
	buf_init(&m->aux, 0);
	buf_init(&m->tr.headline, 0);
	buf_init(&m->tr.text, 0);
	m->exact.max = EXACT_SLOTS_MAX;
	m->literals = redact_has_literals();
	m->buckets.max = 2 * DIGEST_MAX_TEMPLATES;
	m->prev_tmpl = NONE;

	/* a digest that already holds data (an earlier file) goes on from where it was */
	m->tmpl_alloc = d->ntemplates;
	m->nmeta = m->live = d->ntemplates;
	if (d->ntemplates) {
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
	compact(m);
}

static void miner_release(struct miner *m)
{

	free(m->carry);
	free(m->clean);
	free(m->shape_buf);
	for (int i = 0; i < 2; i++) {
		buf_release(&m->red[i]);
		buf_release(&m->body[i]);
	}
	buf_release(&m->pat);
	buf_release(&m->tmp);
	buf_release(&m->prevbuf);
	buf_release(&m->aux);
	buf_release(&m->tr.headline);
	buf_release(&m->tr.text);
	for (size_t i = 0; i < m->tr.nframes; i++)
		free(m->tr.frames[i]);
	free(m->tr.frames);
	map_release(&m->exact);
	map_release(&m->buckets);
	free(m->shapes.v);
	for (size_t i = 0; i < m->nmeta; i++)
		free(m->meta[i].off);
	free(m->meta);
	free(m->trace_ids);
	/* the arrays in the digest may be larger than used; that is fine for free() */
}

/* ---- public ---- */

/* The gzip inflater's sink: the miner. */
static void feed_sink(void *ctx, const char *data, size_t len)
{
	feed(ctx, data, len);
}

int digest_buffer(struct digest *out, const char *data, size_t len)
{
	struct miner m;
	int error = 0;

	miner_init(&m, out);
	if (gz_magic(data, len)) {
		union {
			const char *c;
			char *p;
		} in = {data}; /* with no file to read, inflate_into() only reads `in` */

		error = gz_inflate(in.p, len, -1, "buffer", feed_sink, &m);
	} else {
		feed(&m, data, len);
	}
	miner_finish(&m);
	miner_release(&m);
	return error;
}

int digest_file(struct digest *out, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	const char *name = is_stdin ? "standard input" : path;
	struct miner m;
	struct stat st;
	char *chunk = NULL;
	size_t have = 0;
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
	/* the first two bytes say whether it is gzip */
	while (have < 2 && (n = sys_read_some(fd, chunk + have, CHUNK - have)) > 0)
		have += (size_t)n;
	if (have < 2 && n < 0) {
		error = err_set(ERR_IO, "cannot read '%s': %s", name, strerror(errno));
	} else if (gz_magic(chunk, have)) {
		error = gz_inflate(chunk, have, fd, name, feed_sink, &m);
	} else {
		feed(&m, chunk, have);
		while (have && (n = sys_read_some(fd, chunk, CHUNK)) != 0) {
			if (n < 0) {
				error = err_set(ERR_IO, "cannot read '%s': %s", name, strerror(errno));
				break;
			}
			feed(&m, chunk, (size_t)n);
		}
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
	free(d->assign);
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
