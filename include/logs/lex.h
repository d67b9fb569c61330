/*
 * lex.h - the byte classes and small text helpers of the log reader (agent/logs/): one
 * copy for the digest's modules (hygiene, stamp, structured, mask, template, trace,
 * shape). Private to agent/logs/; nothing outside the layer includes it.
 *
 * The class tests and `put` are inline because they run on every byte or token of every
 * line; everything else is an ordinary function.
 */
#ifndef AIOPS_LOGS_LEX_H
#define AIOPS_LOGS_LEX_H

#include "common.h"
#include "util/alloc.h"
#include "util/buf.h"

/* What a masked variable reads as in a template. */
static const char WILD[] = "<*>";

/*
 * Character classes (lex_cls), computed at compile time: the per-byte loops run on
 * every line, so each test is one table lookup.
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
extern const unsigned char lex_cls[256];

/*
 * Byte classes of the tokenizer (lex_kls), a second table so that its loop costs one
 * lookup a byte. A segment is a run of K_SEG bytes ("node-246", "blk_-1234",
 * "R02-M1-N0-C"): the unit the masker judges; other printable bytes separate segments
 * and stay as they are. K_SLOW marks bytes that send a digit-free token to the careful
 * masker (quotes, paths, e-mail addresses).
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
extern const uint16_t lex_kls[256];

static inline bool has(unsigned char c, int mask)
{
	return lex_cls[c] & mask;
}

static inline bool is_digit(unsigned char c)
{
	return lex_cls[c] & C_DIGIT;
}

static inline bool is_alpha(unsigned char c)
{
	return lex_cls[c] & C_ALPHA;
}

static inline bool is_alnum(unsigned char c)
{
	return lex_cls[c] & (C_ALPHA | C_DIGIT);
}

static inline bool is_space(unsigned char c)
{
	return lex_cls[c] & C_SPACE;
}

static inline bool is_hex(unsigned char c)
{
	return lex_cls[c] & C_HEX;
}

/* Prefix and suffix tests against string literals ("" lit "" refuses anything else). */
#define LITLEN(lit) (sizeof("" lit "") - 1)
#define HAS_PREFIX(s, n, lit) ((n) >= LITLEN(lit) && !memcmp((s), (lit), LITLEN(lit)))
#define HAS_SUFFIX(s, n, lit) ((n) >= LITLEN(lit) && !memcmp((s) + (n) - LITLEN(lit), (lit), LITLEN(lit)))

static inline unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
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

/* True when the `n` bytes at `s` are the word `w` (ASCII case ignored). */
bool lex_eq_ci(const char *s, size_t n, const char *w);
/* The first `needle` in the `n` bytes at `s` (case counts), or NULL. */
const char *lex_search(const char *s, size_t n, const char *needle);
/* Move `*s` and `*n` past white space (spaces and tabs) at both ends. */
void lex_trim(const char **s, size_t *n);
/*
 * The longest prefix of at most `max` bytes that does not split a UTF-8 sequence (at
 * most 3 bytes are given back, so binary junk cannot shrink it further).
 */
size_t lex_clip(const char *s, size_t n, size_t max);
/* A new string of at most `max` bytes of `s` (lex_clip). */
char *lex_clipdup(const char *s, size_t n, size_t max);
/* A timestamp field: at most 31 bytes of `src`, NUL-terminated. */
void lex_set_ts(char dst[32], const char *src, size_t n);
/* 64-bit hash: 16 bytes a step, multiply-xorshift mixing; never 0. Collisions are ignored. */
uint64_t lex_hash(const char *s, size_t n, uint64_t seed);

#endif
