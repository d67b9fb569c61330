#include "common.h"
#include "util/depline.h"

#include <ctype.h>

/* What a package name may hold ("@scope/name", "github.com/a/b/v5", "ledger_client.x"). */
static bool name_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '@';
}

static bool put_name(char *out, size_t size, const char *s, size_t n)
{
	if (n < 2 || n >= size)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
	return true;
}

/* The text between `open` and `close` tags on the line ("<artifactId>x</artifactId>"). */
static bool tag_text(const char *s, size_t len, const char *open, const char *close, char *out,
		     size_t size)
{
	const char *a = strstr(s, open), *b;

	if (!a || (size_t)(a - s) >= len)
		return false;
	a += strlen(open);
	b = strstr(a, close);
	return b && (size_t)(b - s) <= len && put_name(out, size, a, (size_t)(b - a));
}

/* A quoted string's text, the first one on the line: "undici", 'faraday', "g:a:1.0". */
static bool first_quoted(const char *s, size_t len, const char **text, size_t *n)
{
	for (size_t i = 0; i < len; i++) {
		const char *end;

		if (s[i] != '"' && s[i] != '\'')
			continue;
		end = memchr(s + i + 1, s[i], len - i - 1);
		if (!end)
			return false;
		*text = s + i + 1;
		*n = (size_t)(end - s - i - 1);
		return true;
	}
	return false;
}

bool depline_package(const char *line, size_t len, char *out, size_t size)
{
	char buf[512];
	const char *s, *q = NULL;
	size_t n, i = 0, qn = 0;
	bool quoted;

	n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
	memcpy(buf, line, n);
	buf[n] = '\0';
	s = buf;
	while (isspace((unsigned char)*s))
		s++;
	if (tag_text(s, n, "<artifactId>", "</artifactId>", out, size) ||
	    tag_text(s, n, "Include=\"", "\"", out, size))
		return true;
	quoted = first_quoted(s, strlen(s), &q, &qn);
	if (!strncmp(s, "gem ", 4) && quoted)
		return put_name(out, size, q, qn);
	if (quoted && memchr(q, ':', qn)) { /* "group:artifact:1.0" */
		const char *a = memchr(q, ':', qn), *b;

		b = memchr(a + 1, ':', qn - (size_t)(a + 1 - q));
		return b && put_name(out, size, a + 1, (size_t)(b - a - 1));
	}
	if (*s == '"' || *s == '\'') /* "undici": "^6.19.2" */
		return quoted && s[qn + 2] == ':' && put_name(out, size, q, qn);
	if (!strncmp(s, "require ", 8))
		s += 8;
	while (name_char((unsigned char)s[i]))
		i++;
	if (!i || !isalpha((unsigned char)s[0]))
		return false;
	/* requirements, TOML and go.mod: the name, then [extras], an operator, '=' or a version */
	if (strchr("[=<>~!;", s[i]) || (s[i] == ' ' && strchr("=<>~!v", s[i + 1 + strspn(s + i + 1, " ")])))
		return put_name(out, size, s, i);
	return false;
}

/* `frame` holds "/<dir>/" or "/<dir>@" (a folder of the package). */
static bool has_dir(const char *frame, const char *dir)
{
	size_t n = strlen(dir);

	for (const char *p = strstr(frame, dir); p; p = strstr(p + 1, dir))
		if (p > frame && (p[-1] == '/' || p[-1] == '\\') && (p[n] == '/' || p[n] == '\\' || p[n] == '@'))
			return true;
	return false;
}

/* Each '-'-part of `name` is a '.'-segment of the frame ("jackson-databind"). */
static bool has_segments(const char *frame, const char *name)
{
	char part[64];

	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "-");
		char seg[72];

		if (n < 3 || n >= sizeof(part))
			return false;
		memcpy(part, p, n);
		part[n] = '\0';
		snprintf(seg, sizeof(seg), ".%s.", part);
		if (!strstr(frame, seg))
			return false;
		p += n + (p[n] == '-');
	}
	return true;
}

bool depline_in_frame(const char *name, const char *frame)
{
	char dir[128], low[1024];
	const char *base = name;
	size_t n = strlen(frame) < sizeof(low) - 1 ? strlen(frame) : sizeof(low) - 1;

	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)frame[i]);
	low[n] = '\0';
	if (!strncmp(base, "python-", 7))
		base += 7;
	else if (!strncmp(base, "py", 2) && strlen(base) > 4)
		base += 2;
	if (strlen(base) < 3 || strlen(base) >= sizeof(dir))
		return false;
	if (has_dir(low, name))
		return true;
	snprintf(dir, sizeof(dir), "%s", base);
	for (char *p = dir; *p; p++)
		if (*p == '-')
			*p = '_';
	if (has_dir(low, dir) || (strcmp(base, name) && strcmp(base, dir) && has_dir(low, base)))
		return true;
	return strchr(name, '-') && !strchr(name, '/') && has_segments(low, name);
}
