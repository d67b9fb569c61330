#include "common.h"
#include "util/redact.h"
#include "util/err.h"
#include "util/sys.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>

#define MASK "[REDACTED]"
#define MASK_LEN (sizeof(MASK) - 1)
#define KEY_MAX 64

/* ---- character classes ---- */

static inline bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline bool is_alnum(unsigned char c)
{
	return is_digit(c) || is_alpha(c);
}

static inline bool is_keych(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

static inline unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

static bool ok_alnum(unsigned char c)
{
	return is_alnum(c);
}

static bool ok_upper(unsigned char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z');
}

static bool ok_pat(unsigned char c)
{
	return is_alnum(c) || c == '_';
}

static bool ok_b64url(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '_';
}

static bool ok_dotted(unsigned char c)
{
	return ok_b64url(c) || c == '.';
}

static bool ok_slack(unsigned char c)
{
	return is_alnum(c) || c == '-';
}

static bool ok_path(unsigned char c)
{
	return ok_b64url(c) || c == '/' || c == '@';
}

static bool ok_bearer(unsigned char c)
{
	return ok_dotted(c) || c == '~' || c == '+' || c == '/' || c == '=';
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
		if (lower((unsigned char)s[i]) != lower((unsigned char)p[i]))
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

static size_t span(const char *s, size_t n, size_t i, bool (*ok)(unsigned char))
{
	while (i < n && ok((unsigned char)s[i]))
		i++;
	return i;
}

/* ---- what a value looks like ---- */

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

		digit |= is_digit(c);
		up |= c >= 'A' && c <= 'Z';
		low |= c >= 'a' && c <= 'z';
		sym |= c == '+' || c == '/' || c == '=';
	}
	return digit || sym || (up && low);
}

/* Shannon entropy of `v` in bits per byte. */
static double entropy(const char *v, size_t n)
{
	unsigned counts[256] = {0};
	double h = 0;

	for (size_t i = 0; i < n; i++)
		counts[(unsigned char)v[i]]++;
	for (size_t c = 0; c < 256; c++)
		if (counts[c]) {
			double p = (double)counts[c] / (double)n;

			h -= p * log2(p);
		}
	return h;
}

/*
 * A value with the look of a generated key: 16+ bytes, two of lower case, upper case
 * and digits, and at least 3.5 bits of entropy per byte (a 16-byte random alphanumeric
 * string has about 3.9; "authentication12" has 3.4). Used where the key only hints at a
 * secret ("session", "key"): a hex digest or a base64 key goes, a word stays.
 */
static bool high_entropy(const char *v, size_t n)
{
	int classes = 0;
	bool d = false, u = false, l = false;

	if (n < 16 || n > 512)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c <= ' ' || c >= 0x7f)
			return false;
		d |= is_digit(c);
		u |= c >= 'A' && c <= 'Z';
		l |= c >= 'a' && c <= 'z';
	}
	classes = d + u + l;
	return classes >= 2 && entropy(v, n) >= 3.5;
}

/* ---- the formats, as data ---- */

/* How a token's body is delimited, after its prefix. */
enum {
	TF_CI = 1 << 0,     /* the prefix in any case (Bearer, bearer, BEARER) */
	TF_SPACES = 1 << 1, /* spaces may follow the prefix */
	TF_RANDOM = 1 << 2, /* the body must look machine-made (looks_random) */
};

/*
 * A token recognised by its prefix at the start of a word. The prefix stays and the
 * body is masked, so "sk_live_[REDACTED]" still says it was a live Stripe key. `end`
 * replaces the charset for bodies with a structure of their own (a JWT's three parts).
 */
struct token_format {
	const char *prefix;
	bool (*ok)(unsigned char c);
	uint16_t min, max; /* body length; max 0: no limit */
	uint8_t flags;
	size_t (*end)(const char *s, size_t n, size_t from);
};

static size_t jwt_end(const char *s, size_t n, size_t from);

static const struct token_format tokens[] = {
	/* source hosts and package registries */
	{"ghp_", ok_alnum, 36, 0, 0, NULL},
	{"gho_", ok_alnum, 36, 0, 0, NULL},
	{"ghu_", ok_alnum, 36, 0, 0, NULL},
	{"ghs_", ok_alnum, 36, 0, 0, NULL},
	{"ghr_", ok_alnum, 36, 0, 0, NULL},
	{"github_pat_", ok_pat, 20, 0, 0, NULL},
	{"glpat-", ok_b64url, 20, 0, 0, NULL},
	{"npm_", ok_alnum, 36, 0, 0, NULL},
	{"pypi-", ok_b64url, 50, 0, 0, NULL},
	{"hf_", ok_alnum, 30, 0, TF_RANDOM, NULL},
	/* cloud and AI keys */
	{"AKIA", ok_upper, 16, 16, 0, NULL},
	{"ASIA", ok_upper, 16, 16, 0, NULL},
	{"AIza", ok_b64url, 35, 35, 0, NULL},
	{"sk-", ok_b64url, 32, 0, TF_RANDOM, NULL},
	{"SG.", ok_dotted, 60, 0, 0, NULL},
	/* payment keys */
	{"sk_live_", ok_alnum, 16, 0, 0, NULL},
	{"sk_test_", ok_alnum, 16, 0, 0, NULL},
	{"rk_live_", ok_alnum, 16, 0, 0, NULL},
	{"rk_test_", ok_alnum, 16, 0, 0, NULL},
	{"whsec_", ok_alnum, 24, 0, 0, NULL},
	/* chat tokens and incoming webhooks (the path is the secret) */
	{"xoxb-", ok_slack, 10, 0, 0, NULL},
	{"xoxa-", ok_slack, 10, 0, 0, NULL},
	{"xoxp-", ok_slack, 10, 0, 0, NULL},
	{"xoxr-", ok_slack, 10, 0, 0, NULL},
	{"xoxs-", ok_slack, 10, 0, 0, NULL},
	{"xapp-", ok_slack, 10, 0, 0, NULL},
	{"hooks.slack.com/services/", ok_path, 20, 0, 0, NULL},
	{"hooks.slack.com/workflows/", ok_path, 20, 0, 0, NULL},
	{"discord.com/api/webhooks/", ok_path, 20, 0, 0, NULL},
	{"discordapp.com/api/webhooks/", ok_path, 20, 0, 0, NULL},
	{"webhook.office.com/webhookb2/", ok_path, 20, 0, 0, NULL},
	/* signed tokens and HTTP authorization */
	{"eyJ", NULL, 0, 0, 0, jwt_end},
	{"bearer ", ok_bearer, 8, 0, TF_CI | TF_SPACES | TF_RANDOM, NULL},
	{"basic ", ok_bearer, 8, 0, TF_CI | TF_SPACES | TF_RANDOM, NULL},
};

/* How a key relates to a secret (key=value, "key": "value", key: value). */
enum {
	K_PART = 1 << 0,    /* a whole part of the key: db_pass, dbPass, pass; not bypass */
	K_WEAK = 1 << 1,    /* only a hint: the value must look generated (high_entropy) */
	K_NUMBERS = 1 << 2, /* a number is not a secret there (max_tokens=4096) */
};

struct key_word {
	const char *word; /* lower case */
	uint8_t flags;
};

/* In order: the first word found in a key decides. */
static const struct key_word key_words[] = {
	{"password", 0}, {"passwd", 0}, {"passphrase", 0}, {"secret", 0}, {"credential", 0},
	{"api_key", 0}, {"apikey", 0}, {"api-key", 0}, {"access_key", 0}, {"accesskey", 0},
	{"private_key", 0}, {"privatekey", 0}, {"accountkey", 0}, {"sharedaccesskey", 0},
	{"pass", K_PART}, {"pwd", K_PART}, {"sig", K_PART},
	{"token", K_NUMBERS},
	{"key", K_PART | K_WEAK}, {"auth", K_PART | K_WEAK}, {"session", K_PART | K_WEAK},
	{"cookie", K_PART | K_WEAK}, {"signature", K_PART | K_WEAK}, {"sas", K_PART | K_WEAK},
	{"hmac", K_PART | K_WEAK}, {"salt", K_PART | K_WEAK}, {"cred", K_PART | K_WEAK},
	{"creds", K_PART | K_WEAK},
};

/*
 * A last part of a key that makes it name something about a secret rather than hold
 * one: AWS_ACCESS_KEY_ID, SharedAccessKeyName, token_type, password_file, token_url.
 */
static const char *const key_about[] = {
	"id", "name", "type", "file", "path", "url", "uri", "length", "count", "expiry",
	"expires", "ttl", "policy", "required", "set", "changed", "reset",
};

/* Command-line options followed by a secret: --password X, --token=X, mysql -pX. */
enum {
	O_ATTACHED = 1 << 0, /* the value may follow with no separator */
	O_STRICT = 1 << 1,   /* a short flag with other uses: the value must look generated */
};

struct option_format {
	const char *flag;
	uint8_t flags;
};

static const struct option_format options[] = {
	{"--password", 0}, {"--passwd", 0}, {"--pass", 0}, {"--token", 0}, {"--api-key", 0},
	{"--apikey", 0}, {"--secret", 0}, {"--client-secret", 0}, {"--access-token", 0},
	{"--auth-token", 0}, {"--sas-token", 0}, {"--account-key", 0},
	{"--connection-string", 0}, {"-p", O_ATTACHED | O_STRICT},
};

/*
 * Bytes at which a detailed check may start, derived from the tables once: the first
 * byte of a token prefix at the start of a word; '=' and ':' between keys and values
 * (and schemes and authorities); '-' for options and PEM markers.
 */
enum {
	T_WORD = 1,
	T_SEP = 2,
	T_DASH = 4,
	T_LIT = 8, /* a registered literal starts with this byte */
};
/*
 * Atomic bytes: a literal registered on one thread (a token first seen by an HTTP
 * request) adds T_LIT while another thread scans. Relaxed loads are plain loads.
 */
static _Atomic unsigned char trig[256];

static inline unsigned char trig_of(unsigned char c)
{
	return atomic_load_explicit(&trig[c], memory_order_relaxed);
}

static inline void trig_add(unsigned char c, unsigned char bits)
{
	atomic_fetch_or_explicit(&trig[c], bits, memory_order_relaxed);
}
static uint8_t first_start[257];          /* tokens by first byte: order[first_start[c]..] */
static uint8_t order[ARRAY_SIZE(tokens) * 2];
static bool trigram[26][26][26];         /* three letters that begin a key word */
static bool word_pair[128][128];         /* two bytes that begin a token prefix */
static bool opt_second[256];             /* the second byte of an option ('-', 'p') */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void add_first(unsigned char c, uint8_t *count)
{
	trig_add(c, T_WORD);
	count[c]++;
}

static void build_tables(void)
{
	uint8_t count[256] = {0}, fill[256];
	size_t at = 0;

	for (size_t t = 0; t < ARRAY_SIZE(tokens); t++) {
		unsigned char c = (unsigned char)tokens[t].prefix[0];

		add_first(c, count);
		if (tokens[t].flags & TF_CI)
			add_first(c ^ 0x20, count);
	}
	for (size_t c = 0; c < 256; c++) {
		first_start[c] = (uint8_t)at;
		fill[c] = (uint8_t)at;
		at += count[c];
	}
	first_start[256] = (uint8_t)at;
	for (size_t t = 0; t < ARRAY_SIZE(tokens); t++) {
		unsigned char c = (unsigned char)tokens[t].prefix[0];

		order[fill[c]++] = (uint8_t)t;
		if (tokens[t].flags & TF_CI)
			order[fill[c ^ 0x20]++] = (uint8_t)t;
	}
	for (size_t t = 0; t < ARRAY_SIZE(tokens); t++) {
		unsigned char a = (unsigned char)tokens[t].prefix[0], b = (unsigned char)tokens[t].prefix[1];

		word_pair[a][b] = true;
		if (tokens[t].flags & TF_CI)
			word_pair[a ^ 0x20][b] = word_pair[a][b ^ 0x20] = word_pair[a ^ 0x20][b ^ 0x20] = true;
	}
	for (size_t w = 0; w < ARRAY_SIZE(key_words); w++) {
		const char *k = key_words[w].word;

		trigram[k[0] - 'a'][k[1] - 'a'][k[2] - 'a'] = true;
	}
	for (size_t o = 0; o < ARRAY_SIZE(options); o++)
		opt_second[(unsigned char)options[o].flag[1]] = true;
	trig_add('=', T_SEP);
	trig_add(':', T_SEP);
	trig_add('-', T_DASH);
}

/* ---- registered values ---- */

/*
 * Registered literal secrets. T_LIT in `trig` marks the bytes a literal starts with, so
 * the scanner only compares at positions that can begin one.
 *
 * Threads scan while a literal may be registered (http.c registers the token of each
 * request): registration takes a lock; readers take none. An element is written before
 * the count that covers it is published (release), and a full array is copied into a
 * bigger one published before the new count, the old one kept (never freed while the
 * process runs): a reader that loaded any count and any array later than it sees valid
 * elements up to that count.
 */
struct literal {
	char *text;
	size_t len;
};
static struct literal *_Atomic literals;
static _Atomic size_t nliterals;
static size_t literals_cap;
static pthread_mutex_t literals_lock = PTHREAD_MUTEX_INITIALIZER;
/* arrays outgrown, kept for readers still on them; volatile: written, never read, and
 * still they must be kept (a leak checker looks for the pointers here) */
static struct literal *volatile retired[64];
static size_t nretired;

/* A consistent view: the count first, then an array at least that long. */
static size_t literals_view(const struct literal **v)
{
	size_t n = atomic_load_explicit(&nliterals, memory_order_acquire);

	*v = atomic_load_explicit(&literals, memory_order_acquire);
	return n;
}

static void literals_grow(size_t n)
{
	size_t cap = literals_cap ? literals_cap * 2 : 16;
	struct literal *old = atomic_load_explicit(&literals, memory_order_relaxed);
	struct literal *v = xcalloc(cap, sizeof(*v));

	if (n)
		memcpy(v, old, n * sizeof(*v));
	if (old) {
		if (nretired == ARRAY_SIZE(retired))
			xdie("internal error: too many registered secrets");
		retired[nretired++] = old;
	}
	literals_cap = cap;
	atomic_store_explicit(&literals, v, memory_order_release);
}

void redact_add_literal(const char *secret)
{
	const struct literal *v;
	struct literal *w;
	size_t len, n;

	if (!secret || (len = strlen(secret)) < REDACT_LITERAL_MIN)
		return;
	pthread_mutex_lock(&literals_lock);
	n = literals_view(&v);
	for (size_t i = 0; i < n; i++)
		if (v[i].len == len && !memcmp(v[i].text, secret, len))
			goto done;
	if (n == literals_cap)
		literals_grow(n);
	w = atomic_load_explicit(&literals, memory_order_relaxed);
	w[n].text = xstrdup(secret);
	w[n].len = len;
	trig_add((unsigned char)secret[0], T_LIT);
	atomic_store_explicit(&nliterals, n + 1, memory_order_release);
done:
	pthread_mutex_unlock(&literals_lock);
}

void redact_each_literal(void (*fn)(const char *secret, void *ctx), void *ctx)
{
	const struct literal *v;
	size_t n = literals_view(&v);

	for (size_t i = 0; i < n; i++)
		fn(v[i].text, ctx);
}

bool redact_has_literals(void)
{
	return atomic_load_explicit(&nliterals, memory_order_acquire) > 0;
}

bool redact_has_literal(const char *s, size_t n)
{
	const struct literal *v;
	size_t count = literals_view(&v);

	for (size_t l = 0; l < count; l++)
		if (search(s, n, v[l].text, v[l].len))
			return true;
	return false;
}

void redact_add_value(const char *value)
{
	const char *p = value;

	if (!value)
		return;
	if (!strchr(value, '\n')) {
		redact_add_literal(value);
		return;
	}
	/* A multi-line value (a PEM key) is registered line by line, its markers aside. */
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n >= REDACT_LITERAL_MIN && !has_prefix(p, n, "-----")) {
			char *line = xstrndup(p, n);

			redact_add_literal(line);
			free(line);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

/*
 * Words that make an environment variable a secret by its name, matched on the parts
 * of the name between underscores (DB_PASS, MYSQL_PWD, X_AUTH) or anywhere in it
 * (GITHUB_TOKEN, MY_DB_PASSWORD, SLACK_WEBHOOK_URL).
 */
static const struct key_word env_words[] = {
	{"TOKEN", 0},  {"SECRET", 0}, {"PASSWORD", 0}, {"PASSWD", 0}, {"PASSPHRASE", 0},
	{"CREDENTIAL", 0}, {"APIKEY", 0}, {"API_KEY", 0}, {"PRIVATE_KEY", 0},
	{"ACCESS_KEY", 0}, {"ACCOUNT_KEY", 0}, {"WEBHOOK", 0}, {"CONNECTION_STRING", 0},
	{"PASS", K_PART}, {"PWD", K_PART}, {"KEY", K_PART}, {"AUTH", K_PART}, {"SAS", K_PART},
	{"SIG", K_PART}, {"DSN", K_PART}, {"COOKIE", K_PART}, {"SESSION", K_PART},
};

/* Names that match a word above but hold no secret: the shell's directories, sockets. */
static const char *const env_not_secret[] = {
	"PWD", "OLDPWD", "SSH_AUTH_SOCK", "XAUTHORITY", "GPG_AGENT_INFO", "KEYTIMEOUT",
};

static bool part_at(const char *s, size_t n, size_t at, size_t m)
{
	return (at == 0 || s[at - 1] == '_') && (at + m == n || s[at + m] == '_');
}

static bool env_secret_name(const char *lname, size_t n)
{
	char name[128];

	if (n >= sizeof(name))
		return false;
	for (size_t i = 0; i < n; i++)
		name[i] = (char)(lname[i] >= 'a' && lname[i] <= 'z' ? lname[i] - 32 : lname[i]);
	for (size_t i = 0; i < ARRAY_SIZE(env_not_secret); i++)
		if (strlen(env_not_secret[i]) == n && !memcmp(env_not_secret[i], name, n))
			return false;
	for (size_t w = 0; w < ARRAY_SIZE(env_words); w++) {
		const char *word = env_words[w].word, *p = name;
		size_t m = strlen(word);

		while ((p = search(p, n - (size_t)(p - name), word, m))) {
			if (!(env_words[w].flags & K_PART) || part_at(name, n, (size_t)(p - name), m))
				return true;
			p++;
		}
	}
	return false;
}

/*
 * A value whose name does not say "secret" but whose shape does: a single token of
 * 20+ bytes with lower case, upper case and digits and high entropy. Paths, URLs, lists
 * and hex digests (GITHUB_SHA) have separators or a single case and stay.
 */
static bool env_secret_value(const char *v)
{
	size_t n = strlen(v);
	bool d = false, u = false, l = false;

	if (n < 20 || n > 4096)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (!ok_bearer(c))
			return false;
		d |= is_digit(c);
		u |= c >= 'A' && c <= 'Z';
		l |= c >= 'a' && c <= 'z';
	}
	return d && u && l && entropy(v, n) >= 4.0;
}

/* A value that is no secret whatever its name: a number, a boolean, a file's path. */
static bool env_plain_value(const char *v)
{
	static const char *const words[] = {"true", "false", "yes", "no", "null", "none"};
	size_t n = strlen(v), digits = strspn(v, "0123456789");

	if (digits == n || (v[0] == '/' && !strpbrk(v, " \t\n")))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(v, words[i]))
			return true;
	return false;
}

size_t redact_learn_env(char *const *envp)
{
	size_t before = atomic_load_explicit(&nliterals, memory_order_acquire);

	for (char *const *e = envp; e && *e; e++) {
		const char *eq = strchr(*e, '='), *v;

		if (!eq || !eq[1])
			continue;
		v = eq + 1;
		if (env_plain_value(v))
			continue;
		if (env_secret_name(*e, (size_t)(eq - *e)) || env_secret_value(v))
			redact_add_value(v);
	}
	return atomic_load_explicit(&nliterals, memory_order_acquire) - before;
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

/* header.payload.signature, each base64url; `from` is just past "eyJ". */
static size_t jwt_end(const char *s, size_t n, size_t from)
{
	size_t a = span(s, n, from, ok_b64url), b;

	if (a - from < 7 || a + 4 >= n || s[a] != '.' || !has_prefix(s + a + 1, n - a - 1, "eyJ"))
		return 0;
	b = span(s, n, a + 4, ok_b64url);
	if (b >= n || s[b] != '.')
		return 0;
	return span(s, n, b + 1, ok_b64url);
}

/* The body of token format `f` at s[0..n), or 0. `*start` is where the body begins. */
static size_t token_end(const struct token_format *f, const char *s, size_t n, size_t *start)
{
	size_t p, e;

	/* the second byte rules out most words before any longer comparison */
	if (n < 2 || lower((unsigned char)s[1]) != lower((unsigned char)f->prefix[1]))
		return 0;
	if (!((f->flags & TF_CI) ? has_prefix_ci(s, n, f->prefix) : has_prefix(s, n, f->prefix)))
		return 0;
	p = strlen(f->prefix);
	if (f->flags & TF_SPACES)
		while (p < n && s[p] == ' ')
			p++;
	*start = p;
	if (f->end)
		return f->end(s, n, p);
	e = span(s, n, p, f->ok);
	if (e - p < f->min || (f->max && e - p > f->max))
		return 0;
	if (f->max && e < n && is_alnum((unsigned char)s[e]))
		return 0;
	if ((f->flags & TF_RANDOM) && !looks_random(s + p, e - p))
		return 0;
	return e;
}

/* A token with a known prefix starting a word at `i`. Returns where to go on, or 0. */
static size_t token_at(struct scan *sc, size_t i)
{
	unsigned char c = (unsigned char)sc->s[i];

	for (size_t k = first_start[c]; k < first_start[c + 1]; k++) {
		size_t start = 0, e = token_end(&tokens[order[k]], sc->s + i, sc->n - i, &start);

		if (e)
			return mask(sc, i + start, i + e, true);
	}
	return 0;
}

/* Does the key k[0..n) hold word `w` (length m) where K_PART allows it? */
static bool word_in_key(const char *k, const char *low, size_t n, const struct key_word *w)
{
	size_t m = strlen(w->word);
	const char *p = low;

	while ((p = search(p, n - (size_t)(p - low), w->word, m))) {
		size_t at = (size_t)(p - low), end = at + m;
		bool left = at == 0 || !is_alpha((unsigned char)k[at - 1]) ||
			    (k[at - 1] >= 'a' && k[at - 1] <= 'z' && k[at] >= 'A' && k[at] <= 'Z');
		bool right = end == n || !is_alpha((unsigned char)k[end]) ||
			     (k[end - 1] >= 'a' && k[end - 1] <= 'z' && k[end] >= 'A' && k[end] <= 'Z');

		if (!(w->flags & K_PART) || (left && right))
			return true;
		p++;
	}
	return false;
}

/* Does the key k[0..n) end with a part of key_about ("..._id", "...Name")? */
static bool key_is_about(const char *k, const char *low, size_t n)
{
	for (size_t a = 0; a < ARRAY_SIZE(key_about); a++) {
		size_t m = strlen(key_about[a]), at = n - m;

		if (m >= n || memcmp(low + at, key_about[a], m))
			continue;
		if (!is_alpha((unsigned char)k[at - 1]) || (k[at] >= 'A' && k[at] <= 'Z'))
			return true;
	}
	return false;
}

/* The key word that makes k[0..n) a secret's key, or NULL. */
static const struct key_word *secret_key(const char *k, size_t n)
{
	char low[KEY_MAX];
	bool maybe = false;

	if (n < 3 || n >= KEY_MAX)
		return NULL;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)lower((unsigned char)k[i]);
	/* Most keys ("time", "java", "status") hold no three letters a word starts with. */
	for (size_t i = 0; i + 2 < n && !maybe; i++) {
		unsigned a = (unsigned char)low[i] - 'a', b = (unsigned char)low[i + 1] - 'a';
		unsigned c = (unsigned char)low[i + 2] - 'a';

		maybe = a < 26 && b < 26 && c < 26 && trigram[a][b][c];
	}
	if (!maybe || key_is_about(k, low, n))
		return NULL;
	for (size_t w = 0; w < ARRAY_SIZE(key_words); w++)
		if (word_in_key(k, low, n, &key_words[w]))
			return &key_words[w];
	return NULL;
}

/* Values that are not secrets whatever the key says. */
static bool harmless_value(const char *v, size_t n, unsigned kflags, bool prose_ok)
{
	static const char *const words[] = {"true", "false", "null", "none", "nil",
					    "undefined", MASK};
	bool digits = true, lowword = true, stars = true;

	if (n == 0)
		return true;
	for (size_t w = 0; w < ARRAY_SIZE(words); w++)
		if (n == strlen(words[w]) && has_prefix_ci(v, n, words[w]))
			return true;
	/* A reference to where the secret lives: ${DB_PASSWORD}, $TOKEN, {{ .Values.pw }} */
	if (n >= 2 && ((v[0] == '$' && (v[1] == '{' || v[1] == '(' || v[1] == '_' || is_alpha((unsigned char)v[1]))) ||
		       (v[0] == '{' && v[1] == '{')))
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		digits &= is_digit(c);
		lowword &= c >= 'a' && c <= 'z';
		stars &= c == '*';
	}
	if (stars)
		return true; /* "****" is masked already */
	if ((kflags & K_NUMBERS) && digits)
		return true; /* max_tokens=4096, prompt_tokens: 12 */
	if (prose_ok && lowword)
		return true; /* "invalid token: expired" */
	if ((kflags & K_WEAK) && !high_entropy(v, n))
		return true; /* cache_key=user-42 */
	return false;
}

/* Where an unquoted value ends. */
static size_t bare_end(const char *s, size_t n, size_t v)
{
	for (; v < n; v++) {
		unsigned char c = (unsigned char)s[v];

		if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' ||
		    c == ')' || c == ']' || c == '}' || c == '>' || c == '\\')
			break;
	}
	return v;
}

/* Where a value quoted by s[v - 1] ends; `escaped` when the quotes are \" inside JSON. */
static size_t quoted_end(const char *s, size_t n, size_t v, bool escaped)
{
	char q = s[v - 1];
	size_t e;

	for (e = v; e < n; e++) {
		if (escaped && s[e] == '\\' && e + 1 < n && s[e + 1] == q)
			break;
		if (!escaped && s[e] == '\\') {
			e++;
			continue;
		}
		if (!escaped && s[e] == q)
			break;
	}
	return e > n ? n : e;
}

/*
 * At a '=' or ':' separator: find the key before it and the value after it, and mask
 * the value when the key names a secret. Handles key=value, key="v a l", key: value,
 * "key": "value", 'key': 'value' and JSON escaped inside a string (\"key\":\"value\").
 */
static size_t key_value(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	const struct key_word *w;
	size_t n = sc->n, k = i, kend, v, vend;
	bool quoted_key = false, escaped = false, quoted = false;
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
	if (!(w = secret_key(s + k, kend - k)))
		return 0;

	v = i + 1;
	while (v < n && (s[v] == ' ' || s[v] == '\t'))
		v++;
	if (v + 1 < n && s[v] == '\\' && (s[v + 1] == '"' || s[v + 1] == '\'')) {
		escaped = true;
		v++;
	}
	/* Already redacted (a digest line quoted again): leave it as it is. */
	if (n - v >= MASK_LEN && !memcmp(s + v, MASK, MASK_LEN))
		return 0;
	if (v < n && (s[v] == '"' || s[v] == '\'')) {
		quoted = true;
		vend = quoted_end(s, n, ++v, escaped);
	} else {
		vend = bare_end(s, n, v);
	}
	if (harmless_value(s + v, vend - v, w->flags, s[i] == ':' && !quoted_key && !quoted))
		return 0;
	return mask(sc, v, vend, true);
}

static bool digits_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return false;
	return true;
}

/* scheme://user:password@host: mask the password. Returns where to go on, or 0. */
static size_t url_password(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t n = sc->n, a, at = 0, colon = 0, slash = 0, user_end;

	if (i + 2 >= n || s[i + 1] != '/' || s[i + 2] != '/' || i == 0 ||
	    !is_alnum((unsigned char)s[i - 1]))
		return 0;
	for (a = i + 3; a < n; a++) {
		unsigned char c = (unsigned char)s[a];

		if (c == '?' || c == '#' || c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '<' ||
		    c == '>' || c == '`' || (c == '@' && at))
			break;
		if (c == '/' && !slash)
			slash = a;
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
	/* a '/' before the '@' ends the host, unless a password holds it (base64 does):
	 * "redis://:ab/cd+e=@host" has its ':' first and no port number before the '/' */
	if (slash && slash < at && (!colon || colon > slash || digits_only(s + colon + 1, slash - colon - 1)))
		return i + 3;
	/* a token as the user name ("https://ghp_...@github.com/o/r", git's way); a name stays */
	user_end = colon ? colon : at;
	if (user_end > i + 3 && high_entropy(s + i + 3, user_end - i - 3))
		mask(sc, i + 3, user_end, true);
	if (colon && at > colon + 1 && !harmless_value(s + colon + 1, at - colon - 1, 0, false))
		mask(sc, colon + 1, at, true);
	return at;
}

/* A short flag's value (mysql -pS3cret): 8+ bytes, a letter and a digit or symbol, no path. */
static bool strict_option_value(const char *v, size_t n)
{
	bool letter = false, other = false;

	if (n < 8 || v[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '/' || c == ':' || c == '.' || c == '=')
			return false;
		letter |= is_alpha(c);
		other |= !is_alpha(c);
	}
	return letter && (other || looks_random(v, n));
}

/* An option that takes a secret (--password X, --token=X, -pX) at `i`. */
static size_t option_at(struct scan *sc, size_t i)
{
	const char *s = sc->s + i;
	size_t n = sc->n - i;

	/* "--x" or "-p": a dash between words ("1 --- [main]", "a - b") goes no further */
	if (n < 3 || !opt_second[(unsigned char)s[1]] || (s[1] == '-' && !is_alpha((unsigned char)s[2])))
		return 0;
	for (size_t o = 0; o < ARRAY_SIZE(options); o++) {
		const struct option_format *f = &options[o];
		size_t m = strlen(f->flag), v = m, e;

		if (!has_prefix(s, n, f->flag) || m >= n)
			continue;
		if (s[m] == '=' || s[m] == ' ')
			while (v < n && (s[v] == ' ' || (v == m && s[v] == '=')))
				v++;
		else if (!(f->flags & O_ATTACHED))
			continue;
		if (v < n && (s[v] == '"' || s[v] == '\'')) {
			e = quoted_end(s, n, ++v, false);
		} else {
			e = v;
			while (e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '"' && s[e] != '\'' &&
			       s[e] != ';')
				e++;
		}
		if (harmless_value(s + v, e - v, 0, false) || has_prefix(s + v, e - v, "-") ||
		    ((f->flags & O_STRICT) && !strict_option_value(s + v, e - v)))
			return 0;
		return mask(sc, i + v, i + e, true);
	}
	return 0;
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

/* A PEM private key opening at `i`; the block may run past the line (`*in_pem`). */
static size_t pem_at(struct scan *sc, size_t i, bool *in_pem)
{
	size_t m = pem_begin(sc->s, sc->n, i), e;

	if (!m)
		return 0;
	e = pem_end(sc->s, sc->n, m);
	if (e > m)
		mask(sc, m, e, true);
	else if (e == sc->n)
		sc->count++;
	if (e == sc->n) {
		*in_pem = true;
		return sc->n;
	}
	return e + 9;
}

static size_t literal_at(struct scan *sc, size_t i)
{
	const struct literal *v;
	size_t n = literals_view(&v);

	for (size_t l = 0; l < n; l++) {
		const struct literal *lit = &v[l];

		if (lit->len <= sc->n - i && lit->text[0] == sc->s[i] &&
		    !memcmp(lit->text, sc->s + i, lit->len)) {
			return mask(sc, i, i + lit->len, true);
		}
	}
	return 0;
}

static bool word_start(const char *s, size_t i)
{
	return i == 0 || !is_alnum((unsigned char)s[i - 1]);
}

static bool option_start(const char *s, size_t i)
{
	return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '"' || s[i - 1] == '\'';
}

/* The check for trigger byte s[i]. Returns where to go on, or 0. */
static size_t check_at(struct scan *sc, size_t i, bool *in_pem)
{
	const char *s = sc->s;
	unsigned char c = (unsigned char)s[i], t = trig_of(c);
	size_t next = 0;

	/* right after a mask is a word start: "[REDACTED]" ends with ']' once written */
	if ((t & T_WORD) && (word_start(s, i) || sc->done == i)) {
		next = token_at(sc, i);
	} else if (t & T_SEP) {
		if (c == ':')
			next = url_password(sc, i);
		if (!next)
			next = key_value(sc, i);
	}
	if (!next && (t & T_DASH) && i + 1 < sc->n) {
		if (s[i + 1] == '-' && i + 11 < sc->n && (next = pem_at(sc, i, in_pem)))
			return next;
		if (option_start(s, i))
			next = option_at(sc, i);
	}
	if (!next && (t & T_LIT))
		next = literal_at(sc, i);
	return next;
}

static inline bool word_start_of_token(const char *s, size_t n, size_t i)
{
	unsigned char b = i + 1 < n ? (unsigned char)s[i + 1] : 0;

	return word_start(s, i) && b < 128 && word_pair[(unsigned char)s[i]][b];
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
	while (i < n) {
		unsigned char t = trig_of((unsigned char)s[i]);
		size_t next;

		/* most bytes, and words that begin no token, cost a lookup or three */
		if (!t || (t == T_WORD && sc.done != i && !word_start_of_token(s, n, i))) {
			i++;
			continue;
		}
		next = check_at(&sc, i, in_pem);
		i = next > i ? next : i + 1;
		if (sc.error || *in_pem)
			break;
	}
flush:
	if (!sc.error && sc.done < n)
		sc.error = buf_add(out, s + sc.done, n - sc.done);
	return sc.error ? sc.error : sc.count;
}

/*
 * Mask the registered literals still in out->ptr[from..]: a rule that keeps a span (a
 * URL's user name, a key, a word that begins no token) moves the scan past it, so a
 * literal starting inside that span was never looked at. Returns how many were masked.
 */
static int literals_left(struct buf *out, size_t from)
{
	const struct literal *v;
	size_t n = out->len - from, pos = 0, nlit = literals_view(&v);
	int count = 0, error = 0;
	char *kept;

	if (!nlit || !redact_has_literal(out->ptr + from, n))
		return 0;
	kept = xmalloc(n);
	memcpy(kept, out->ptr + from, n); /* lines may hold NUL bytes: no xstrndup */
	buf_truncate(out, from);
	while (pos < n && error == 0) {
		const char *first = NULL;
		size_t flen = 0;

		for (size_t l = 0; l < nlit; l++) {
			const char *p = search(kept + pos, n - pos, v[l].text, v[l].len);

			if (p && (!first || p < first))
				first = p, flen = v[l].len;
		}
		if (!first) {
			error = buf_add(out, kept + pos, n - pos);
			break;
		}
		if ((error = buf_add(out, kept + pos, (size_t)(first - (kept + pos)))) == 0)
			error = buf_add(out, MASK, MASK_LEN);
		pos = (size_t)(first - kept) + flen;
		count++;
	}
	free(kept);
	return error < 0 ? error : count;
}

int redact_line(struct redact_stream *st, struct buf *out, const char *line, size_t len)
{
	size_t start = out->len;
	int r, more;

	pthread_once(&tables_once, build_tables);
	if (st->in_pem && !find(line, len, "-----END ")) {
		/* The body of a key: one mask for the block, nothing for its other lines. */
		if (st->pem_lines++)
			return 0;
		r = buf_add(out, MASK, MASK_LEN);
		return r < 0 ? r : 0;
	}
	r = scan_line(out, line, len, &st->in_pem);
	if (r >= 0 && (more = literals_left(out, start)) != 0)
		r = more < 0 ? more : r + more;
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

void redact_json(json_t *v)
{
	if (json_is_string(v)) {
		struct buf b = BUF_INIT;
		int r = redact_text(&b, json_string_value(v), json_string_length(v));

		if (r > 0)
			json_string_setn(v, b.ptr, b.len);
		buf_release(&b);
	} else if (json_is_object(v)) {
		for (void *it = json_object_iter(v); it; it = json_object_iter_next(v, it))
			redact_json(json_object_iter_value(it));
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			redact_json(json_array_get(v, i));
	}
}
