#include "common.h"
#include "logs/hygiene.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

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
bool hygiene_sanitize(struct miner *m, const char **sp, size_t *np)
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
