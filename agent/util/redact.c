#include "common.h"
#include "util/redact.h"
#include "util/err.h"
#include "util/sys.h"

extern char **environ;

#define MASK "[REDACTED]"
#define MASK_LEN (sizeof(MASK) - 1)
#define KEY_MAX 64

/*
 * Registered literal secrets. `lit_first` marks the bytes a literal starts with, so the
 * scanner only compares at positions that can begin one.
 */
struct literal {
	char *text;
	size_t len;
};
static struct literal *literals;
static size_t nliterals;
static bool lit_first[256];

/*
 * Bytes at which a detailed check may start. Letters only matter at the start of a word
 * (token prefixes); '=' and ':' separate keys from values and schemes from authorities;
 * '-' opens a PEM marker.
 */
enum {
	T_WORD = 1, /* g(hp_, ithub_pat_), e(yJ), A(KIA, SIA), x(ox), B/b(earer, asic) */
	T_SEP = 2,  /* = : */
	T_DASH = 4, /* ----- */
};
static const unsigned char trig[256] = {
	['g'] = T_WORD, ['e'] = T_WORD, ['A'] = T_WORD, ['x'] = T_WORD,
	['B'] = T_WORD, ['b'] = T_WORD, ['='] = T_SEP,  [':'] = T_SEP,
	['-'] = T_DASH,
};

static inline bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static inline bool is_upper_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

static inline bool is_b64url(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '_';
}

static inline bool is_keych(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

static inline unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

static bool has_prefix(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);

	return n >= m && memcmp(s, p, m) == 0;
}

static bool has_prefix_ci(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);

	if (n < m)
		return false;
	for (size_t i = 0; i < m; i++)
		if (lower((unsigned char)s[i]) != (unsigned char)p[i])
			return false;
	return true;
}

/* memmem() is a GNU extension; this is all we need of it. */
static const char *search(const char *s, size_t n, const char *needle, size_t m)
{
	const char *end = s + n, *p = s;

	if (m == 0)
		return s;
	while (m <= (size_t)(end - p) && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1))) {
		if (!memcmp(p, needle, m))
			return p;
		p++;
	}
	return NULL;
}

static const char *find(const char *s, size_t n, const char *needle)
{
	return search(s, n, needle, strlen(needle));
}

void redact_add_literal(const char *secret)
{
	size_t len;

	if (!secret || (len = strlen(secret)) < 8)
		return;
	for (size_t i = 0; i < nliterals; i++)
		if (literals[i].len == len && !memcmp(literals[i].text, secret, len))
			return;
	literals = xrealloc(literals, (nliterals + 1) * sizeof(*literals));
	literals[nliterals].text = xstrdup(secret);
	literals[nliterals].len = len;
	nliterals++;
	lit_first[(unsigned char)secret[0]] = true;
}

bool redact_has_literals(void)
{
	return nliterals > 0;
}

bool redact_has_literal(const char *s, size_t n)
{
	for (size_t l = 0; l < nliterals; l++)
		if (search(s, n, literals[l].text, literals[l].len))
			return true;
	return false;
}

/* A multi-line value (a PEM key in an environment variable) is registered line by line. */
static void add_value(const char *value)
{
	const char *p = value;

	if (!strchr(value, '\n')) {
		redact_add_literal(value);
		return;
	}
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n >= 8 && !has_prefix(p, n, "-----")) {
			char *line = xstrndup(p, n);

			redact_add_literal(line);
			free(line);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

static bool secret_env_name(const char *name, size_t n)
{
	static const char *const parts[] = {"TOKEN", "SECRET", "PASSWORD", "PASSWD",
					    "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
					    "CREDENTIAL", "WEBHOOK_URL"};
	char up[128];

	if (n >= sizeof(up))
		return false;
	for (size_t i = 0; i < n; i++)
		up[i] = (char)((name[i] >= 'a' && name[i] <= 'z') ? name[i] - 32 : name[i]);
	up[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		if (strstr(up, parts[i]))
			return true;
	return false;
}

void redact_add_env(void)
{
	static const char *const names[] = {
		"GITHUB_TOKEN", "GH_TOKEN", "AIOPS_MODEL_TOKEN", "OPENAI_API_KEY",
		"ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
		"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AZURE_OPENAI_API_KEY",
		"SLACK_WEBHOOK_URL", "GITHUB_APP_PRIVATE_KEY",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const char *v = getenv(names[i]);

		if (v)
			add_value(v);
	}
	/* Anything else whose name says it is a secret (MY_DB_PASSWORD, X_API_KEY, ...). */
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');

		if (eq && secret_env_name(*e, (size_t)(eq - *e)))
			add_value(eq + 1);
	}
}

/* ---- the scanner ---- */

struct scan {
	struct buf *out;
	const char *s;
	size_t n;
	size_t done; /* bytes of `s` already copied or replaced */
	int count;
	int error;
};

/* Copy s[done..from), then the mask, and skip to `to`. Returns `to`. */
static size_t mask(struct scan *sc, size_t from, size_t to, bool counts)
{
	if (sc->error)
		return to;
	if ((sc->error = buf_add(sc->out, sc->s + sc->done, from - sc->done)) < 0 ||
	    (sc->error = buf_add(sc->out, MASK, MASK_LEN)) < 0)
		return to;
	sc->done = to;
	if (counts)
		sc->count++;
	return to;
}

static size_t span(const char *s, size_t n, size_t i, bool (*ok)(unsigned char))
{
	while (i < n && ok((unsigned char)s[i]))
		i++;
	return i;
}

static bool ok_alnum(unsigned char c)
{
	return is_alnum(c);
}

static bool ok_pat(unsigned char c)
{
	return is_alnum(c) || c == '_';
}

static bool ok_b64url(unsigned char c)
{
	return is_b64url(c);
}

static bool ok_slack(unsigned char c)
{
	return is_alnum(c) || c == '-';
}

static bool ok_bearer(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
	       c == '/' || c == '=';
}

/*
 * A value that looks machine-made rather than a prose word: "Basic authentication",
 * "bearer token" stay, "Bearer 9f8a7b6c5d4e" goes.
 */
static bool looks_random(const char *v, size_t n)
{
	bool digit = false, up = false, low = false, sym = false;

	if (n < 8)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		digit |= c >= '0' && c <= '9';
		up |= c >= 'A' && c <= 'Z';
		low |= c >= 'a' && c <= 'z';
		sym |= c == '+' || c == '/' || c == '=';
	}
	return digit || sym || (up && low);
}

/* Token with a known prefix, starting a word at `i`. Returns the end or 0. */
static size_t word_secret(struct scan *sc, size_t i)
{
	const char *s = sc->s + i;
	size_t n = sc->n - i, e;

	switch (s[0]) {
	case 'g':
		if (n > 4 && s[1] == 'h' && strchr("pousr", s[2]) && s[2] && s[3] == '_') {
			e = span(s, n, 4, ok_alnum);
			if (e - 4 >= 36 && (e == n || !ok_pat((unsigned char)s[e])))
				return mask(sc, i + 4, i + e, true);
		} else if (has_prefix(s, n, "github_pat_")) {
			e = span(s, n, 11, ok_pat);
			if (e - 11 >= 20)
				return mask(sc, i + 11, i + e, true);
		}
		break;
	case 'e':
		if (has_prefix(s, n, "eyJ")) {
			size_t a = span(s, n, 3, ok_b64url), b, c;

			if (a - 3 < 7 || a + 4 >= n || s[a] != '.' || !has_prefix(s + a + 1, n - a - 1, "eyJ"))
				break;
			b = span(s, n, a + 4, ok_b64url);
			if (b >= n || s[b] != '.')
				break;
			c = span(s, n, b + 1, ok_b64url);
			return mask(sc, i + 3, i + c, true);
		}
		break;
	case 'A':
		if (has_prefix(s, n, "AKIA") || has_prefix(s, n, "ASIA")) {
			e = 4;
			while (e < n && is_upper_alnum((unsigned char)s[e]))
				e++;
			if (e - 4 == 16 && (e == n || !is_alnum((unsigned char)s[e])))
				return mask(sc, i + 4, i + e, true);
		}
		break;
	case 'x':
		if (n > 5 && has_prefix(s, n, "xox") && strchr("baprs", s[3]) && s[3] && s[4] == '-') {
			e = span(s, n, 5, ok_slack);
			if (e - 5 >= 10)
				return mask(sc, i + 5, i + e, true);
		}
		break;
	case 'B':
	case 'b':
		if (has_prefix_ci(s, n, "bearer ") || has_prefix_ci(s, n, "basic ")) {
			size_t v = (lower((unsigned char)s[1]) == 'e') ? 7 : 6;

			while (v < n && s[v] == ' ')
				v++;
			e = span(s, n, v, ok_bearer);
			if (looks_random(s + v, e - v))
				return mask(sc, i + v, i + e, true);
		}
		break;
	}
	return 0;
}

/* Does a key name a secret? `kind` tells whether it did so through "token". */
static bool secret_key(const char *k, size_t n, bool *only_token)
{
	static const char *const words[] = {"password", "passwd", "pwd", "secret",
					    "api_key", "apikey", "api-key", "access_key",
					    "accesskey", "private_key", "privatekey"};
	char low[KEY_MAX];
	bool maybe = false;

	if (n < 3 || n >= KEY_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)lower((unsigned char)k[i]);
	/*
	 * Every word below starts with pas, pwd, sec, api, acc, pri or tok: most keys
	 * ("time", "java", "status") have none of them, and need no search.
	 */
	for (size_t i = 0; i + 2 < n && !maybe; i++) {
		char b = low[i + 1], c = low[i + 2];

		switch (low[i]) {
		case 'p':
			maybe = (b == 'a' && c == 's') || (b == 'w' && c == 'd') || (b == 'r' && c == 'i');
			break;
		case 's':
			maybe = b == 'e' && c == 'c';
			break;
		case 'a':
			maybe = (b == 'p' && c == 'i') || (b == 'c' && c == 'c');
			break;
		case 't':
			maybe = b == 'o' && c == 'k';
			break;
		}
	}
	if (!maybe)
		return false;
	*only_token = false;
	for (size_t w = 0; w < ARRAY_SIZE(words); w++)
		if (search(low, n, words[w], strlen(words[w])))
			return true;
	if (search(low, n, "token", 5)) {
		*only_token = true;
		return true;
	}
	return false;
}

/* Values that are not secrets whatever the key says. */
static bool harmless_value(const char *v, size_t n, bool only_token, bool prose_ok)
{
	static const char *const words[] = {"true", "false", "null", "none", "nil",
					    "undefined", MASK};
	bool digits = true, lowword = true, stars = true;

	if (n == 0)
		return true;
	for (size_t w = 0; w < ARRAY_SIZE(words); w++)
		if (n == strlen(words[w]) && has_prefix_ci(v, n, words[w]))
			return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		digits &= c >= '0' && c <= '9';
		lowword &= c >= 'a' && c <= 'z';
		stars &= c == '*';
	}
	if (stars)
		return true; /* "****" is masked already */
	if (only_token && digits)
		return true; /* max_tokens=4096, prompt_tokens: 12 */
	if (prose_ok && lowword)
		return true; /* "invalid token: expired" */
	return false;
}

/*
 * At a '=' or ':' separator: find the key before it and the value after it, and mask
 * the value when the key names a secret. Handles key=value, key="v a l", key: value,
 * "key": "value", 'key': 'value' and JSON escaped inside a string (\"key\":\"value\").
 */
static size_t key_value(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t n = sc->n, k = i, kend, v, vend;
	bool quoted_key = false, only_token, escaped = false;
	char q = 0;

	while (k > 0 && s[k - 1] == ' ' && i - k < 4)
		k--;
	if (k > 0 && (s[k - 1] == '"' || s[k - 1] == '\'')) {
		q = s[--k];
		quoted_key = true;
		if (k > 0 && s[k - 1] == '\\')
			k--;
	}
	kend = k;
	while (k > 0 && kend - k < KEY_MAX && is_keych((unsigned char)s[k - 1]))
		k--;
	if (quoted_key && (k == 0 || (s[k - 1] != q && s[k - 1] != '\\')))
		return 0;
	if (!secret_key(s + k, kend - k, &only_token))
		return 0;

	v = i + 1;
	while (v < n && (s[v] == ' ' || s[v] == '\t'))
		v++;
	if (v + 1 < n && s[v] == '\\' && (s[v + 1] == '"' || s[v + 1] == '\'')) {
		escaped = true;
		v++;
	}
	/* Already redacted (a digest line quoted again): leave it as it is. */
	if (n - v >= sizeof(MASK) - 1 && !memcmp(s + v, MASK, sizeof(MASK) - 1))
		return 0;
	if (v < n && (s[v] == '"' || s[v] == '\'')) {
		q = s[v++];
		for (vend = v; vend < n; vend++) {
			if (escaped && s[vend] == '\\' && vend + 1 < n && s[vend + 1] == q)
				break;
			if (!escaped && s[vend] == '\\') {
				vend++;
				continue;
			}
			if (!escaped && s[vend] == q)
				break;
		}
		if (vend > n)
			vend = n;
	} else {
		for (vend = v; vend < n; vend++) {
			unsigned char c = (unsigned char)s[vend];

			if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '&' || c == '"' ||
			    c == '\'' || c == ')' || c == ']' || c == '}' || c == '>' || c == '\\')
				break;
		}
	}
	if (harmless_value(s + v, vend - v, only_token, s[i] == ':' && !quoted_key && !q))
		return 0;
	return mask(sc, v, vend, true);
}

/* scheme://user:password@host: mask the password. Returns where to go on, or 0. */
static size_t url_password(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t n = sc->n, a, at = 0, colon = 0;

	if (i + 2 >= n || s[i + 1] != '/' || s[i + 2] != '/' || i == 0 ||
	    !is_alnum((unsigned char)s[i - 1]))
		return 0;
	for (a = i + 3; a < n; a++) {
		unsigned char c = (unsigned char)s[a];

		if (c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '"' ||
		    c == '\'' || c == '<' || c == '>' || c == '`')
			break;
		if (c == '@')
			at = a;
	}
	if (!at)
		return i + 3;
	for (size_t c = i + 3; c < at; c++)
		if (s[c] == ':') {
			colon = c;
			break;
		}
	if (colon && at > colon + 1 && !harmless_value(s + colon + 1, at - colon - 1, false, false))
		mask(sc, colon + 1, at, true);
	return at;
}

/* "-----BEGIN ... PRIVATE KEY-----" at `i`: returns the end of the marker or 0. */
static size_t pem_begin(const char *s, size_t n, size_t i)
{
	const char *p, *end;

	if (!has_prefix(s + i, n - i, "-----BEGIN "))
		return 0;
	end = find(s + i + 11, n - i - 11, "-----");
	if (!end)
		return 0;
	p = find(s + i + 11, (size_t)(end - (s + i + 11)), "PRIVATE KEY");
	return p ? (size_t)(end - s) + 5 : 0;
}

static size_t pem_end(const char *s, size_t n, size_t from)
{
	const char *p = find(s + from, n - from, "-----END ");

	return p ? (size_t)(p - s) : n;
}

static size_t literal_at(struct scan *sc, size_t i)
{
	for (size_t l = 0; l < nliterals; l++) {
		const struct literal *lit = &literals[l];

		if (lit->len <= sc->n - i && lit->text[0] == sc->s[i] &&
		    !memcmp(lit->text, sc->s + i, lit->len)) {
			return mask(sc, i, i + lit->len, true);
		}
	}
	return 0;
}

/*
 * Scan `s` and append it to `out` redacted. `in_pem` carries an open PEM block across
 * lines. The loop touches each byte once; only trigger bytes cost more than a lookup.
 */
static int scan_line(struct buf *out, const char *s, size_t n, bool *in_pem)
{
	struct scan sc = {out, s, n, 0, 0, 0};
	size_t i = 0;

	if (*in_pem) {
		size_t e = pem_end(s, n, 0);

		if (e > 0)
			mask(&sc, 0, e, false);
		if (e == n)
			goto flush;
		*in_pem = false;
		i = e + 9;
	}
	while (i < n && !sc.error) {
		unsigned char c = (unsigned char)s[i];
		unsigned char t = trig[c];
		size_t next = 0;

		if (!t && !lit_first[c]) {
			i++;
			continue;
		}
		if (t == T_WORD) {
			if (i == 0 || !is_alnum((unsigned char)s[i - 1]))
				next = word_secret(&sc, i);
		} else if (t == T_SEP) {
			if (c == ':')
				next = url_password(&sc, i);
			if (!next)
				next = key_value(&sc, i);
		} else if (t == T_DASH && i + 11 < n && s[i + 1] == '-') {
			size_t m = pem_begin(s, n, i);

			if (m) {
				size_t e = pem_end(s, n, m);

				if (e > m)
					mask(&sc, m, e, true);
				else if (e == n)
					sc.count++;
				if (e == n) {
					*in_pem = true;
					break;
				}
				next = e + 9;
			}
		}
		if (!next && lit_first[c])
			next = literal_at(&sc, i);
		i = next > i ? next : i + 1;
	}
flush:
	if (!sc.error && sc.done < n)
		sc.error = buf_add(out, s + sc.done, n - sc.done);
	return sc.error ? sc.error : sc.count;
}

int redact_line(struct redact_stream *st, struct buf *out, const char *line, size_t len)
{
	int r;

	if (st->in_pem && !find(line, len, "-----END ")) {
		/* The body of a key: one mask for the block, nothing for its other lines. */
		if (st->pem_lines++)
			return 0;
		r = buf_add(out, MASK, MASK_LEN);
		return r < 0 ? r : 0;
	}
	r = scan_line(out, line, len, &st->in_pem);
	if (st->in_pem)
		st->pem_lines = 0;
	return r;
}

int redact_text(struct buf *out, const char *text, size_t len)
{
	struct redact_stream st = REDACT_STREAM_INIT;
	size_t pos = 0;
	int total = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		bool skip = st.in_pem && st.pem_lines > 0 && !find(text + pos, n, "-----END ");
		int r;

		if (!skip) {
			if ((r = redact_line(&st, out, text + pos, n)) < 0)
				return r;
			total += r;
			if (nl) {
				int error = buf_addch(out, '\n');

				if (error < 0)
					return error;
			}
		} else {
			st.pem_lines++;
		}
		pos += n + (nl ? 1 : 0);
	}
	return total;
}

char *redact_strdup(const char *s)
{
	struct buf b = BUF_INIT;

	if (redact_text(&b, s, strlen(s)) < 0)
		xdie("internal error: uncapped buffer refused an append");
	return buf_detach(&b);
}
