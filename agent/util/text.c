#include "common.h"
#include "util/text.h"
#include "util/buf.h"
#include "util/alloc.h"
#include "util/settings.h"

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

#define ZWSP "\xe2\x80\x8b"

static const char *const closing_words[] = {
	"close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved",
};

/* The length of a closing keyword at `p` that a reference follows, or 0. */
static size_t closing_keyword(const char *start, const char *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(closing_words); i++) {
		size_t n = strlen(closing_words[i]);
		const char *q = p + n;

		if (strncasecmp(p, closing_words[i], n) || isalnum((unsigned char)*q) ||
		    (p > start && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			continue;
		if (*q == ':')
			q++;
		if (!isspace((unsigned char)*q))
			continue;
		while (isspace((unsigned char)*q))
			q++;
		/* "#7", "org/repo#7", "https://github.com/org/repo/issues/7" */
		if ((*q == '#' && isdigit((unsigned char)q[1])) || !strncasecmp(q, "http", 4) ||
		    (isalnum((unsigned char)*q) && strchr(q, '#') && strcspn(q, " \t\n#") == strcspn(q, "#")))
			return n;
	}
	return 0;
}

/* The host (and port) of the repository's server, which links may keep pointing to. */
static void repo_host(char *out, size_t size)
{
	const char *url = settings_get("GITHUB_SERVER_URL");
	const char *h = url ? strstr(url, "://") : NULL;

	if (h)
		snprintf(out, size, "%.*s", (int)strcspn(h + 3, "/"), h + 3);
	else
		snprintf(out, size, "github.com");
}

/* True when `p` starts with `host` and the name ends there ("github.com.evil.example" does not). */
static bool at_host(const char *p, const char *host)
{
	size_t n = strlen(host);

	return *host && !strncasecmp(p, host, n) && !isalnum((unsigned char)p[n]) && !strchr(".-_:@", p[n]);
}

/*
 * A link GitHub would render that leads away from the repository's host, at `p`: the
 * length of its prefix to break ("://", "www.", "](" of an inline link), or 0.
 */
static size_t foreign_link(const char *start, const char *p, const char *host)
{
	if (p[0] == ':' && p[1] == '/' && p[2] == '/')
		return at_host(p + 3, host) ? 0 : 1;
	if (!strncasecmp(p, "www.", 4) && (p == start || !isalnum((unsigned char)p[-1])))
		return at_host(p, host) ? 0 : 3;
	if (p[0] == ']' && p[1] == '(') {
		const char *q = p + 2 + strspn(p + 2, " <");

		if (!strncasecmp(q, "https://", 8) && at_host(q + 8, host))
			return 0;
		return 1; /* javascript:, data:, relative paths, other hosts: not a link */
	}
	return 0;
}

char *text_defuse(const char *s)
{
	struct buf b = BUF_INIT;
	char host[256];

	repo_host(host, sizeof(host));
	for (const char *p = s ? s : ""; *p; p++) {
		size_t kw;

		if (*p == '<') {
			buf_puts(&b, "&lt;");
		} else if (*p == '!' && p[1] == '[') {
			continue; /* an image: its alt text stays, as a link's */
		} else if (*p == '@' && (isalnum((unsigned char)p[1]) || p[1] == '_') &&
			   (p == s || !isalnum((unsigned char)p[-1]))) {
			buf_puts(&b, "@" ZWSP); /* a mention; "a@b.example" is an address */
		} else if ((kw = closing_keyword(s, p)) > 0 || (kw = foreign_link(s, p, host)) > 0) {
			buf_putf(&b, "%.*s" ZWSP, (int)kw, p);
			p += kw - 1;
		} else {
			char c[2] = {*p, '\0'};

			buf_puts(&b, c);
		}
	}
	return buf_detach(&b);
}

char *text_unmark(const char *s)
{
	static const char word[] = "aiops-fingerprint";
	struct buf b = BUF_INIT;

	for (const char *p = s ? s : ""; *p; p++) {
		if (!strncasecmp(p, word, sizeof(word) - 1)) {
			buf_putf(&b, "%.5s" ZWSP, p); /* "aiops" */
			p += 4;
			continue;
		}
		buf_putf(&b, "%c", *p);
	}
	return buf_detach(&b);
}

/* The length of "<tag" or "</tag" at `p` (spaces allowed after '<' and '/', case ignored), or 0. */
static size_t tag_at(const char *p, const char *tag)
{
	const char *q = p + 1;
	size_t n = strlen(tag);

	if (*p != '<')
		return 0;
	q += strspn(q, " \t");
	if (*q == '/')
		q += 1 + strspn(q + 1, " \t");
	if (strncasecmp(q, tag, n) || isalnum((unsigned char)q[n]) || q[n] == '_' || q[n] == '-')
		return 0;
	return (size_t)(q + n - p);
}

char *text_unfence(const char *s, const char *tag)
{
	struct buf b = BUF_INIT;

	for (const char *p = s ? s : ""; *p; p++) {
		if (tag_at(p, tag)) {
			buf_puts(&b, "&lt;");
			continue;
		}
		buf_putf(&b, "%c", *p);
	}
	return buf_detach(&b);
}
