#include "common.h"
#include "logs/tokens.h"

/* The estimate of tokens.h: character classes, then words, then runs of text. */

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_vowel(unsigned char c)
{
	return c && strchr("aeiouyAEIOUY", c);
}

/* Words both tokenizers keep whole, sorted (bench/tokens/words.js). */
static const char *const WORDS[] = {
#include "logs/words.inc"
};

#define WORD_MAX 24 /* longer than any in WORDS */

static int by_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is s[0..n) one of WORDS, in lower case or capitalised ("error", "Error"; not "ERROR")? */
static bool common_word(const unsigned char *s, size_t n)
{
	char w[WORD_MAX + 1];
	const char *key = w;

	if (n < 3 || n > WORD_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && is_upper(s[i]))
			return false;
		w[i] = (char)(s[i] | 0x20);
	}
	w[n] = '\0';
	return bsearch(&key, WORDS, ARRAY_SIZE(WORDS), sizeof(WORDS[0]), by_word) != NULL;
}

/*
 * One camel-case part of a run of letters ("HTTP", "Server", "scan"): one token when it is
 * short or a common word; two for any other part of 3-4 letters (tokenizers cut "gige" and
 * "texm" in two); past that, a token per 4 letters (per 3 in capitals) when it reads like a
 * word, else (no vowel, or under a quarter vowels past 6 letters, a cluster of 5
 * consonants, more than 16 letters) a token per 4/3 letters, as random text has.
 */
static size_t part_tokens(const unsigned char *s, size_t n)
{
	size_t vowels = 0, cluster = 0, longest = 0;
	bool upper = true;

	if (n <= 2 || common_word(s, n))
		return 1;
	if (n <= 4)
		return 2;
	for (size_t i = 0; i < n; i++) {
		upper &= is_upper(s[i]);
		if (is_vowel(s[i])) {
			vowels++;
			cluster = 0;
		} else if (++cluster > longest) {
			longest = cluster;
		}
	}
	if (!vowels || (vowels * 4 < n && (n > 6 || upper)) || longest > 4 || n > 16)
		return (n * 3 + 3) / 4;
	return upper ? (n + 2) / 3 : (n + 3) / 4;
}

/* The end of the camel-case part that starts s[0..n): "HTTPServer" -> "HTTP". */
static size_t part_end(const unsigned char *s, size_t n)
{
	size_t j = 1;

	if (is_upper(s[0])) {
		while (j < n && is_upper(s[j]))
			j++;
		if (j < n && j >= 2 && is_letter(s[j]))
			return j - 1; /* the last capital starts the next part */
	}
	while (j < n && is_letter(s[j]) && !is_upper(s[j]))
		j++;
	return j;
}

/* A run of ASCII letters, split into camel-case parts; a jumble of short parts is random. */
static size_t letter_tokens(const unsigned char *s, size_t n)
{
	size_t t = 0, parts = 0, short_parts = 0;

	for (size_t i = 0, j; i < n; i = j) {
		j = i + part_end(s + i, n - i);
		t += part_tokens(s + i, j - i);
		parts++;
		short_parts += j - i <= 2;
	}
	if (n >= 6 && short_parts * 2 > parts)
		return (n * 3 + 3) / 4;
	return t;
}

/* A run of letters and digits s[0..n). */
static size_t word_tokens(const unsigned char *s, size_t n)
{
	size_t t = 0;
	bool letters = false, digits = false;

	for (size_t a = 0, b; a < n; a = b) {
		b = a + 1;
		if (is_digit(s[a])) {
			while (b < n && is_digit(s[b]))
				b++;
			t += (b - a + 2) / 3;
			digits = true;
		} else {
			while (b < n && is_letter(s[b]))
				b++;
			t += letter_tokens(s + a, b - a);
			letters = true;
		}
	}
	/* hashes and ids: tokenizers cut mixed letters and digits short */
	if (letters && digits && n >= 10 && t < (n * 3 + 4) / 5)
		t = (n * 3 + 4) / 5;
	return t;
}

/* A run of `n` ASCII punctuation characters `c` (n >= 1), `next` the byte after (0: none). */
static size_t punct_tokens(unsigned char c, size_t n, const unsigned char *next, size_t left)
{
	if (n >= 4)
		return (n + 3) / 4;
	if (n > 1 || !left || !is_letter(next[0]))
		return n;
	if (c == '.')
		return 0; /* ".java", ".internal" */
	if (c == '/' && common_word(next, part_end(next, left)))
		return 0; /* "/src", "/main"; not "/texlive" */
	return 1;
}

size_t tokens_estimate(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t t = 0, i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t k = i + 1;

		if (is_letter(c) || is_digit(c)) {
			while (k < len && (is_letter(s[k]) || is_digit(s[k])))
				k++;
			t += word_tokens(s + i, k - i);
		} else if (c == ' ') {
			while (k < len && s[k] == ' ')
				k++;
			if (k - i > 1 || (k < len && is_digit(s[k])))
				t++;
			if (k - i > 1 && k < len && is_digit(s[k]))
				t++; /* "  12": the spaces, one space, the digits */
		} else if (c < 0x80) {
			while (k < len && s[k] == c)
				k++;
			t += punct_tokens(c, k - i, s + k, len - k);
		} else {
			while (k < len && (s[k] & 0xC0) == 0x80)
				k++;
			t += k - i == 2 ? 1 : k - i;
		}
		i = k;
	}
	return t;
}
