#include "common.h"
#include "logs/failure.h"

/* How strongly a line reads as a failure (failure.h): general patterns only. */

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}


static bool has_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t m = strlen(w);

	return i + m <= n && !memcmp(s + i, w, m);
}

static const char *find(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	if (!m || m > n)
		return NULL;
	for (const char *p = s; (p = memchr(p, w[0], (size_t)(s + n - p) - m + 1)); p++)
		if (!memcmp(p, w, m))
			return p;
	return NULL;
}

static bool word_char(unsigned char c)
{
	return is_letter(c) || is_digit(c) || c == '_';
}

/*
 * `w` occurs in `s` as a whole word (not inside a longer word), and not counted as none
 * ("0 failed").
 */
static bool has_word(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (const char *p = s; (p = find(p, (size_t)(s + n - p), w)); p++) {
		size_t i = (size_t)(p - s);

		if ((i == 0 || !word_char((unsigned char)s[i - 1])) &&
		    (i + m == n || !word_char((unsigned char)s[i + m])) &&
		    !(i >= 2 && s[i - 1] == ' ' && s[i - 2] == '0' &&
		      (i == 2 || !word_char((unsigned char)s[i - 3]))))
			return true;
	}
	return false;
}

/* A number other than 0 starts at s[i]. */
static bool nonzero_at(const char *s, size_t n, size_t i)
{
	if (i >= n || !is_digit((unsigned char)s[i]))
		return false;
	for (; i < n && is_digit((unsigned char)s[i]); i++)
		if (s[i] != '0')
			return true;
	return false;
}

/* `w` followed by a non-zero number somewhere in the line ("Failures: 2"). */
static bool has_nonzero_after(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (const char *p = s; (p = find(p, (size_t)(s + n - p), w)); p++)
		if (nonzero_at(s, n, (size_t)(p - s) + m))
			return true;
	return false;
}

/* A non-zero number, one space, then `w` as a word: "3 failed", "4 errors". */
static bool has_count_of(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (const char *p = s; (p = find(p, (size_t)(s + n - p), w)); p++) {
		size_t i = (size_t)(p - s), j;

		if (i < 2 || s[i - 1] != ' ' || (i + m < n && word_char((unsigned char)s[i + m])))
			continue;
		for (j = i - 1; j > 0 && is_digit((unsigned char)s[j - 1]); j--)
			;
		if (j < i - 1 && (j == 0 || !word_char((unsigned char)s[j - 1])) && nonzero_at(s, n, j))
			return true;
	}
	return false;
}

/* "file.c:12: error", "x.go:3:9: error:", "Foo.java:[27,12] error:" */
static bool compiler_error(const char *s, size_t n)
{
	static const char *const tails[] = {": error", ": fatal error", "] error:", ": Error:"};

	for (size_t k = 0; k < ARRAY_SIZE(tails); k++) {
		for (const char *p = s; (p = find(p, (size_t)(s + n - p), tails[k])); p++) {
			size_t i = (size_t)(p - s);

			if (tails[k][0] == ']') {
				if (i > 2 && is_digit((unsigned char)s[i - 1]))
					return true;
			} else if (i > 1 && is_digit((unsigned char)s[i - 1])) {
				while (i > 0 && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == ':'))
					i--;
				if (i > 0 && s[i] == ':')
					return true;
			}
		}
	}
	return false;
}

/* error[E0308], error TS2304, error CS1002, error C2065, error LNK2019 */
static bool coded_error(const char *s, size_t n)
{
	for (const char *p = s; (p = find(p, (size_t)(s + n - p), "error")); p++) {
		size_t i = (size_t)(p - s) + 5, j;

		if (i < n && s[i] == '[' && i + 2 < n && s[i + 1] == 'E' && is_digit((unsigned char)s[i + 2]))
			return true;
		if (i < n && s[i] == ' ') {
			for (j = i + 1; j < n && s[j] >= 'A' && s[j] <= 'Z'; j++)
				;
			if (j > i + 1 && j - i <= 4 && j + 1 < n && is_digit((unsigned char)s[j]) &&
			    is_digit((unsigned char)s[j + 1]))
				return true;
		}
	}
	return false;
}

/* A token that names an exception or error type: "java.io.IOException:", "TypeError:". */
static bool exception_token(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t a, e;

		while (i < n && s[i] == ' ')
			i++;
		a = i;
		while (i < n && s[i] != ' ')
			i++;
		e = i;
		if (e > a && s[e - 1] == ':')
			e--;
		if (e - a > 9 && has_at(s, e, e - 9, "Exception") &&
		    (e < i || a == 0 || memchr(s + a, '.', e - a)))
			return true;
		if (e < i && e - a > 5 && has_at(s, e, e - 5, "Error") &&
		    ((s[a] >= 'A' && s[a] <= 'Z') || memchr(s + a, '.', e - a)))
			return true;
	}
	return false;
}

/* Skip white space and a leading timestamp-like token ("2026-11-18T03:12:00Z", "[12:00:01]"). */
static size_t body_start(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	j = i + (i < n && s[i] == '[');
	if (j < n && is_digit((unsigned char)s[j])) {
		size_t k = j, digits = 0;

		while (k < n && (is_digit((unsigned char)s[k]) || (s[k] && strchr("-:.,TZ+/", s[k])))) {
			digits += is_digit((unsigned char)s[k]);
			k++;
		}
		if (k < n && s[k] == ']' && j > i)
			k++;
		if (digits >= 6 && (k == n || s[k] == ' ')) {
			i = k;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
		}
	}
	return i;
}

int failure_like(const char *line, size_t len)
{
	size_t b = body_start(line, len);
	const char *s = line + b;
	size_t n = len - b;

	if (has_at(s, n, 0, "##[error]") || has_at(s, n, 0, "::error") ||
	    has_nonzero_after(s, n, "Process completed with exit code ") || compiler_error(s, n) ||
	    coded_error(s, n) || find(s, n, "npm ERR!") || find(s, n, "ERR! ") ||
	    (find(s, n, "*** [") && find(s, n, "] Error ")) || find(s, n, "make: ***") ||
	    has_word(s, n, "FAIL") || has_word(s, n, "FAILED") || has_word(s, n, "FAILURE") ||
	    has_word(s, n, "FAILURES") || has_word(s, n, "FATAL") || has_word(s, n, "ERROR") ||
	    has_at(s, n, 0, "\xE2\x9C\x97") || has_at(s, n, 0, "\xE2\x9C\x98") || /* ✗ ✘ */
	    has_at(s, n, 0, "\xE2\x9C\x96") || has_at(s, n, 0, "\xC3\x97 ") ||      /* ✖ × */
	    find(s, n, "AssertionError") || find(s, n, "AssertionFailedError") ||
	    find(s, n, "Assertion failed") || find(s, n, "assertion failed") ||
	    (has_at(s, n, 0, "E   ") && n > 4) || find(s, n, "Traceback (most recent call last)") ||
	    has_at(s, n, 0, "panic: ") || has_at(s, n, 0, "fatal: ") || find(s, n, "fatal error") ||
	    has_at(s, n, 0, "error: ") || has_at(s, n, 0, "Error: ") || has_at(s, n, 0, "ERROR: ") ||
	    exception_token(s, n) || has_nonzero_after(s, n, "Failures: ") ||
	    has_nonzero_after(s, n, "Errors: ") || has_count_of(s, n, "failed") ||
	    has_count_of(s, n, "failures") || has_count_of(s, n, "errors") ||
	    has_count_of(s, n, "error") || find(s, n, "No space left on device") ||
	    find(s, n, "Permission denied") || find(s, n, "command not found") ||
	    find(s, n, "cannot find symbol") || find(s, n, "undefined reference") ||
	    find(s, n, "Segmentation fault") || find(s, n, "Out of memory") ||
	    find(s, n, "OutOfMemoryError") || find(s, n, ": undefined: "))
		return 2;
	if (has_word(s, n, "error") || has_word(s, n, "Error") || has_word(s, n, "failed") ||
	    has_word(s, n, "Failed") || has_word(s, n, "failure") ||
	    find(s, n, "No such file or directory") || find(s, n, "undefined: ") ||
	    find(s, n, "timed out") ||
	    has_nonzero_after(s, n, "exit status ") || has_nonzero_after(s, n, "exit code ") ||
	    has_nonzero_after(s, n, "exited with code ") || find(s, n, "non-zero exit") ||
	    find(s, n, "Could not ") || find(s, n, "could not ") || find(s, n, "Unable to ") ||
	    find(s, n, "unable to ") || find(s, n, "Cannot ") || find(s, n, "cannot "))
		return 1;
	return 0;
}

