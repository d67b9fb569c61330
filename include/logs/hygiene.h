/*
 * hygiene.h - input hygiene of the digest: what makes any byte string safe to store and
 * to print as JSON. Private to agent/logs/.
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
 * True when the text is printable ASCII and tabs only, which hygiene_sanitize() leaves
 * as it is: most lines, so this test is inline and the call is for the others.
 */
static inline bool hygiene_plain(const char *text, size_t n)
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
			return false;
	return true;
}

#endif
