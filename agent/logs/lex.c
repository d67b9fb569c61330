#include "common.h"
#include "logs/lex.h"

/* The class tables of lex.h, computed at compile time. */
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
const unsigned char lex_cls[256] = {R64(0), R64(64), R64(128), R64(192)};

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
const uint16_t lex_kls[256] = {K64(0), K64(64), K64(128), K64(192)};

bool lex_eq_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
			return false;
	return true;
}

const char *lex_search(const char *s, size_t n, const char *needle)
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

void lex_trim(const char **s, size_t *n)
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
size_t lex_clip(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	for (int k = 0; k < 3 && max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80; k++)
		max--;
	return max;
}

char *lex_clipdup(const char *s, size_t n, size_t max)
{
	return xstrndup(s, lex_clip(s, n, max));
}

void lex_set_ts(char dst[32], const char *src, size_t n)
{
	n = lex_clip(src, n, 31);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* 64-bit hash: 16 bytes a step, multiply-xorshift mixing. Collisions are ignored. */
uint64_t lex_hash(const char *s, size_t n, uint64_t seed)
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
