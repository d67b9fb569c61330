#include "common.h"
#include "util/terms.h"
#include "util/alloc.h"

#include <ctype.h>

static size_t hash(const char *s, size_t len)
{
	size_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

size_t *terms_slot(const struct terms *t, const char *s, size_t len)
{
	size_t i = hash(s, len) & (t->nslots - 1);

	for (;; i = (i + 1) & (t->nslots - 1)) {
		size_t k = t->slots[i];

		if (!k)
			return &t->slots[i];
		if (strlen(t->text[k - 1]) == len && !memcmp(t->text[k - 1], s, len))
			return &t->slots[i];
	}
}

static void rehash(struct terms *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 64;

	free(t->slots);
	t->nslots = n;
	t->slots = xcalloc(n, sizeof(*t->slots));
	for (size_t k = 0; k < t->n; k++)
		*terms_slot(t, t->text[k], strlen(t->text[k])) = k + 1;
}

void terms_release(struct terms *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	free(t->text);
	free(t->weight);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

void terms_add(struct terms *t, const char *s, size_t len, double weight)
{
	size_t *slot;

	if ((t->n + 1) * 2 > t->nslots)
		rehash(t);
	slot = terms_slot(t, s, len);
	if (*slot) {
		if (t->weight[*slot - 1] < weight)
			t->weight[*slot - 1] = weight;
		return;
	}
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->text = xrealloc(t->text, t->alloc * sizeof(*t->text));
		t->weight = xrealloc(t->weight, t->alloc * sizeof(*t->weight));
	}
	t->text[t->n] = xstrndup(s, len);
	t->weight[t->n] = weight;
	*slot = ++t->n;
}

double terms_weight(const struct terms *t, const char *s)
{
	size_t *slot;

	if (!t->nslots)
		return 0;
	slot = terms_slot(t, s, strlen(s));
	return *slot ? t->weight[*slot - 1] : 0;
}

/*
 * Words that appear in logs and code everywhere. Matching them would blame whichever
 * pull request is largest, so they are never evidence.
 */
static const char *const common_words[] = {
	"error", "errors", "exception", "failed", "failure", "fatal", "warning", "timeout",
	"timed", "request", "requests", "response", "connection", "caused", "thread", "null",
	"true", "false", "info", "debug", "trace", "main", "http", "https", "service", "server",
	"client", "return", "public", "private", "protected", "static", "final", "void", "class",
	"import", "package", "string", "this", "that", "with", "from", "have", "will", "then",
	"than", "when", "while", "where", "which", "there", "after", "before", "value", "values",
	"java", "javax", "jakarta", "lang", "util", "spring", "springframework", "hibernate",
	"apache", "internal", "runtime", "method", "function", "object", "undefined", "default",
	"status", "message", "unknown", "could", "cannot", "should", "would", "line", "file",
	"files", "json", "yaml", "application", "config", "test", "tests", "todo", "none", "self",
	"async", "await", "const", "export", "require", "module", "index", "version", "name",
	"type", "data", "result", "list", "count", "size", "time", "date", "level", "user",
	"users", "update", "select", "insert", "delete", "table", "where", "order", "limit",
	"prod", "production", "staging", "latest", "start", "started", "stop", "stopped",
	"running", "retry", "retrying", "attempt", "total", "more", "only", "also", "some",
};

static bool is_common(const char *s, size_t len)
{
	char low[32];

	if (len >= sizeof(low))
		return false;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[len] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(common_words); i++)
		if (!strcmp(low, common_words[i]))
			return true;
	return false;
}

/* How much a token looks like a name from code: 1 for code-like, 0.35 for a word, 0 for noise. */
static double token_weight(const char *s, size_t len)
{
	size_t upper_inner = 0, lower = 0, digit = 0, alpha = 0, hex = 0, sep = 0;

	if (len < 4 || len > 80 || is_common(s, len))
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isupper(c) && i > 0)
			upper_inner++;
		if (islower(c))
			lower++;
		if (isalpha(c))
			alpha++;
		if (isdigit(c))
			digit++;
		if (isxdigit(c))
			hex++;
		if (c == '_' || c == '.' || c == '-' || c == '$')
			sep++;
	}
	if (!alpha)
		return 0;
	if (hex == len && digit > 0 && len >= 7)
		return 0; /* commit ids, hashes */
	if (digit * 2 > len)
		return 0; /* mostly a number: ids, versions */
	if ((upper_inner && lower) || sep || (digit && alpha >= 3))
		return 1.0;
	if (len < 5)
		return 0;
	return 0.35;
}

static bool is_word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$' || c == '-';
}

/* "sb-app-name-v2" also yields "app-name-v2", "app-name", ...: names embed names. */
static void add_kebab_runs(struct terms *t, const char *s, size_t len, double weight)
{
	size_t cuts[8], ncuts = 0;

	if (memchr(s, '.', len) || memchr(s, '$', len))
		return;
	cuts[ncuts++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '-')
			continue;
		if (ncuts == ARRAY_SIZE(cuts) - 1)
			return;
		cuts[ncuts++] = i + 1;
	}
	cuts[ncuts] = len + 1;
	for (size_t a = 0; a < ncuts; a++)
		for (size_t b = a + 2; b <= ncuts; b++) {
			size_t start = cuts[a], end = cuts[b] - 1;
			double w;

			if ((a == 0 && b == ncuts) || end <= start)
				continue;
			if ((w = token_weight(s + start, end - start)) > 0)
				terms_add(t, s + start, end - start, w * weight);
		}
}

static void add_token(struct terms *t, const char *s, size_t len, double weight)
{
	double w;

	while (len && strchr(".-$_", s[len - 1]))
		len--;
	while (len && strchr(".-$_", *s)) {
		s++;
		len--;
	}
	if (!len)
		return;
	if ((w = token_weight(s, len)) > 0)
		terms_add(t, s, len, w * weight);
	/* Parts of dotted, kebab, snake and inner-class names are names too
	 * (MaintenanceService_WorkOrders is how SQL spells a CDS entity). */
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i < len && !strchr(".-$_", s[i]))
			continue;
		if (start == 0 && i == len)
			break;
		if (i > start && (w = token_weight(s + start, i - start)) > 0)
			terms_add(t, s + start, i - start, w * weight);
		start = i + 1;
	}
	if (memchr(s, '-', len))
		add_kebab_runs(t, s, len, weight);
}

void terms_add_text(struct terms *t, const char *text, size_t len, double weight)
{
	size_t i = 0;

	while (i < len) {
		size_t start;

		while (i < len && !is_word_char((unsigned char)text[i]))
			i++;
		start = i;
		while (i < len && is_word_char((unsigned char)text[i]))
			i++;
		if (i > start)
			add_token(t, text + start, i - start, weight);
	}
}
