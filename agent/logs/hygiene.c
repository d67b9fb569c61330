#include "common.h"
#include "logs/hygiene.h"

static const unsigned char REPLACEMENT[3] = {0xEF, 0xBF, 0xBD}; /* U+FFFD in UTF-8 */

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

size_t hygiene_clean(char *out, const char *text, size_t n, size_t *binary, bool *changed)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t o = 0, i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len;

		if (c >= 0x80 && (len = utf8_seq(s + i, n - i))) {
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
		} else if (c >= 0x80 || c == 0) {
			memcpy(out + o, REPLACEMENT, sizeof(REPLACEMENT));
			o += 3;
			++*binary;
			i++;
			*changed = true;
		} else if (c == 0x1B) {
			i = skip_escape(s, n, i);
			*changed = true;
		} else {
			bool ctl = (c < 0x20 && c != '\t') || c == 0x7F;

			out[o++] = ctl ? ' ' : (char)c;
			*changed |= ctl;
			i++;
		}
	}
	return o;
}

bool hygiene_sanitize(struct miner *m, const char **sp, size_t *np)
{
	size_t n = *np, i = hygiene_plain_prefix(*sp, n), binary = 0;
	bool changed = false;

	if (i == n)
		return false;
	memcpy(m->clean, *sp, i);
	*np = i + hygiene_clean(m->clean + i, *sp + i, n - i, &binary, &changed);
	*sp = m->clean;
	m->d->binary_bytes += binary;
	return changed;
}
