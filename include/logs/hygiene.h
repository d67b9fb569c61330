/*
 * hygiene.h - input hygiene of the digest: what makes any byte string safe to store and
 * to print as JSON. Private to agent/logs/ (and the CiDiff bench).
 */
#ifndef AIOPS_LOGS_HYGIENE_H
#define AIOPS_LOGS_HYGIENE_H

#include "common.h"
#include "logs/miner.h"

/*
 * Printable ASCII and tabs pass through untouched (the fast path). Otherwise: ANSI
 * escapes go, other control characters become spaces, NULs and invalid UTF-8 become
 * U+FFFD (each counted in m->d->binary_bytes). The result goes to m->clean (at most 3
 * bytes per input byte) and `*sp`/`*np` point to it. True when the text changed (valid
 * UTF-8 alone does not change it); false leaves `*sp`/`*np` as they were.
 */
bool hygiene_sanitize(struct miner *m, const char **sp, size_t *np);

/*
 * The clean form of `n` bytes into `out` (room for 3 bytes per input byte), its length:
 * what hygiene_sanitize() does, without a miner (the CiDiff bench reads lines through it
 * to compare them as the digest stores them). NULs and invalid UTF-8 are added to
 * `*binary`; `*changed` is set when anything but valid UTF-8 was rewritten.
 */
size_t hygiene_clean(char *out, const char *text, size_t n, size_t *binary, bool *changed);

/* How many leading bytes are printable ASCII or tabs, which hygiene_sanitize() keeps. */
static inline size_t hygiene_plain_prefix(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

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
	return i;
}

/*
 * True when the text is printable ASCII and tabs only, which hygiene_sanitize() leaves
 * as it is: most lines, so this test is inline and the call is for the others.
 */
static inline bool hygiene_plain(const char *text, size_t n)
{
	return hygiene_plain_prefix(text, n) == n;
}

#endif
