#include "common.h"
#include "logs/shape.h"
#include "logs/lex.h"
#include "util/alloc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
	return (i >= 6 && lex_eq_ci(s + i - 6, 6, "bearer")) || (i >= 5 && lex_eq_ci(s + i - 5, 5, "basic"));
}

/*
 * The hash of a line's shape, 0 for lines with control characters (hygiene_sanitize() would
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
 * line with digits as '0' to `scratch`, hashes it, and marks digits, hex letters and
 * dots; then, only where a digit touches a hex letter or starts a dotted number, the
 * runs are rewritten and the line hashed again.
 */
uint64_t shape_hash(char *scratch, const char *s, size_t n)
{
	const uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)scratch;
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
		return 0; /* control bytes (tabs are fine) change in hygiene_sanitize() */
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
		h = lex_hash((char *)o + pos, cuts.at[c] - pos, h);
		h = lex_hash("\x01", 1, h);
		pos = cuts.at[c + 1];
	}
	return lex_hash((char *)o + pos, n - pos, h);
}

void shape_put(struct shapes *t, const struct shape *e)
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
