#include "common.h"
#include "util/text.h"
#include "util/alloc.h"

#include <ctype.h>
#include <strings.h>

bool text_next_line(const char **cursor, const char **line, size_t *len)
{
	const char *p = *cursor, *nl;

	if (!*p)
		return false;
	nl = strchr(p, '\n');
	*line = p;
	*len = nl ? (size_t)(nl - p) : strlen(p);
	*cursor = p + *len + (nl ? 1 : 0);
	return true;
}

bool text_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return true;
	for (; *hay; hay++)
		if (tolower((unsigned char)*hay) == tolower((unsigned char)*needle) &&
		    !strncasecmp(hay, needle, n))
			return true;
	return false;
}

bool text_ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

char *text_lower(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);

	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[len] = '\0';
	return out;
}

char *text_fold_name(char *out, size_t size, const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < size; i++)
		if (!strchr("_-. ", s[i]))
			out[n++] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
	return out;
}

static bool word_byte(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

bool text_has_token(const char *hay, const char *word)
{
	size_t n = strlen(word);

	if (!n)
		return false;
	for (const char *p = strstr(hay, word); p; p = strstr(p + 1, word))
		if ((p == hay || !word_byte(p[-1])) && !word_byte(p[n]))
			return true;
	return false;
}
