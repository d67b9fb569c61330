#include "common.h"
#include "core/causal.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/pathkind.h"
#include "util/sys.h"
#include "util/terms.h"
#include "util/depline.h"
#include "util/text.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <strings.h>

static const char *const kind_names[CAUSE_KINDS] = {
	[CAUSE_TEXT] = "text", [CAUSE_THROWS] = "throws", [CAUSE_REMOVED_NAME] = "removed_name",
	[CAUSE_VALUE] = "value", [CAUSE_LIMIT] = "limit", [CAUSE_FLAG] = "flag",
	[CAUSE_DEPENDENCY] = "dependency", [CAUSE_FAILING_LINE] = "failing_line",
	[CAUSE_BOUND] = "bound", [CAUSE_CONTRACT] = "contract",
	[CAUSE_ORDER] = "order", [CAUSE_INDEX] = "index",
};

const char *cause_kind_name(enum cause_kind k)
{
	return (size_t)k < CAUSE_KINDS ? kind_names[k] : "unknown";
}

const struct cause *causal_strongest(const struct causal *c)
{
	const struct cause *best = NULL;

	for (size_t i = 0; i < c->n; i++)
		if (!best || c->v[i].weight > best->weight)
			best = &c->v[i];
	return best;
}

/*
 * The symptom classes and the change shapes that can produce them, as data. A row
 * says: when the logs show one of `signals`, a changed line whose key holds one of
 * `knobs` is causal if its value moved in `direction` (-1 lowered, +1 raised); for
 * REMOVED, if the PR removed a line holding the knob and added none (a bound, a retry or
 * an eager load taken away), or narrowed one; for ADDED, if the PR added a line holding
 * the knob where none was (a harmful construct brought in); SHARED is ADDED in a field's
 * declaration only (a local variable is no thread's but its own).
 */
#define REMOVED 0
#define ADDED 2
#define SHARED 3 /* ADDED, in a line that declares a field (static, or with an access modifier) */
struct shape {
	const char *what;
	const char *signals[6];
	const char *knobs[12];
	int direction;
};

static const struct shape shapes[] = {
	{"lowers a connection-pool limit", {"pool_exhausted", "timeout", "http_5xx"},
	 {"pool", "maxconn", "max_conn", "maxactive", "max_overflow", "maxtotal", "connections",
	  "connection_limit", "connectionlimit"}, -1},
	{"shortens a timeout", {"timeout", "http_5xx", "pool_exhausted"},
	 {"timeout", "deadline", "time_out", "readtimeout", "connecttimeout"}, -1},
	{"lowers a concurrency or rate limit", {"rate_limited", "timeout", "http_5xx"},
	 {"concurren", "rate_limit", "ratelimit", "max_requests", "permits", "semaphore",
	  "max_inflight", "inflight", "burst", "requests_per"}, -1},
	{"shortens a cache lifetime", {"pool_exhausted", "timeout", "http_5xx"},
	 {"ttl", "expires_in", "expire_after", "expireafter", "max_age", "maxage", "cache_timeout"}, -1},
	{"shortens a visibility timeout, lease or ack deadline below the work's duration",
	 {"duplicate_work"},
	 {"visibility", "ack_deadline", "ackdeadline", "lease", "max_poll_interval", "max.poll.interval",
	  "timeout"}, -1},
	{"cuts a retry budget", {"timeout", "http_5xx", "network", "throttled"},
	 {"retries", "retry", "attempts", "backoff"}, -1},
	{"lowers a memory or thread limit", {"out_of_memory", "oom_killed", "crashloop", "timeout"},
	 {"memory", "xmx", "heap", "max_old_space", "threads", "workers", "maxthreads"}, -1},
	{"removes a cache or batch bound", {"out_of_memory", "oom_killed", "crashloop"},
	 {"maximumsize", "maximum_size", "max_size", "maxsize", "maxentries", "max_entries",
	  "capacity", "expireafter", "ttl", "evict", "batch", "lru"}, REMOVED},
	{"removes a LIMIT or paging from a query",
	 {"out_of_memory", "oom_killed", "timeout", "http_5xx", "pool_exhausted"},
	 {"limit ", "limit(", ".limit", "limit:", "pagesize", "page_size", "per_page", "paginate",
	  "pageable", ".take(", "top "}, REMOVED},
	{"removes eager loading or batching (N+1 queries)", {"timeout", "http_5xx", "pool_exhausted"},
	 {"includes(", "joinedload", "selectinload", "join fetch", "entitygraph",
	  "prefetch_related", "select_related", ".include(", "preload(", "eager_load", "@batchsize",
	  "batch_size"}, REMOVED},
	{"adds an in-memory map that only grows (an unbounded cache)",
	 {"out_of_memory", "oom_killed", "crashloop"},
	 {"new hashmap", "new concurrenthashmap", "new map(", "new map<", "mutablemapof(",
	  "hashmapof(", "= dict()", "defaultdict(", "new linkedhashmap", "sync.map"}, ADDED},
	{"shares an object that is not thread-safe between threads", {"race"},
	 {"new simpledateformat", "new hashmap", "new arraylist", "new hashset", "new decimalformat",
	  "calendar.getinstance", "new linkedhashmap", "new stringbuilder", "mutablemapof(",
	  "mutablelistof(", "new dictionary<", "new list<"}, SHARED},
	{"makes a service one shared instance (a singleton) that holds per-request state such as "
	 "a database context", {"race"},
	 {"addsingleton<", "addsingleton(", "@singleton", ".in(singleton", "single {", "single<",
	  "scope(\"singleton\")"}, ADDED},
	{"removes a proxy's larger header buffers", {"header_too_big"},
	 {"fastcgi_buffer", "proxy_buffer", "uwsgi_buffer", "large_client_header_buffers",
	  "client_header_buffer_size", "max_http_header_size", "max-http-header-size",
	  "maxrequestheadersize"}, REMOVED},
	{"sends the database connections through a pooler (PgBouncer in transaction mode hands a "
	 "connection to other clients between statements, so named prepared statements clash)",
	 {"prepared_statement_clash"},
	 {"pooler", "pgbouncer", ":6432", "pool_mode", "rds-proxy", "rds_proxy", "pgcat"}, ADDED},
	{"adds eager fetching of a collection (N+1 queries)",
	 {"timeout", "http_5xx", "pool_exhausted", "out_of_memory"},
	 {"fetchtype.eager", "lazy = false", "lazy=false", "lazy: false", "fetch = fetchmode.select"},
	 ADDED},
	{"removes a retry or backoff", {"timeout", "http_5xx", "network", "throttled"},
	 {"retry", "backoff", "retries"}, REMOVED},
	{"removes a connection lifetime or keep-alive bound", {"network", "timeout", "http_5xx"},
	 {"max_lifetime", "maxlifetime", "conn_max_lifetime", "setconnmaxlifetime", "pool_recycle",
	  "max_idle_time", "setconnmaxidletime", "idle_timeout", "keepalive", "keep_alive"}, REMOVED},
};

/* ---- the context ---- */

static void put_lower(struct buf *b, const char *s)
{
	char *low = text_lower(s, strlen(s));

	buf_puts(b, low);
	buf_puts(b, "\n");
	free(low);
}

/* A frame of the language's runtime or a "Caused by:"/"..." line, not a place code runs. */
static bool runtime_frame(const char *f)
{
	return !strncmp(f, "Caused by:", 10) || !strncmp(f, "...", 3) || strstr(f, "/runtime/") ||
	       !strncmp(f, "runtime.", 8) || !strncmp(f, "panic(", 6) || !strncmp(f, "goroutine ", 10);
}

/*
 * Words of an exception that relays another system's failure: a client library raises it
 * by design when an upstream answers an HTTP error, a database an SQL error or a
 * connection breaks, so where it was raised says nothing of what broke.
 */
static const char *const RELAYED[] = {
	"status code", "sqlstate", "service unavailable", "bad gateway", "gateway timeout",
	"too many requests", "connection refused", "connection reset", "econnrefused",
	"econnreset", "etimedout", "timed out", "timeout", "deadlock", "lock wait",
	/* a database's or a cache's own error, passed on by its driver */
	"sql", "postgres", "psycopg", "pg::", "ora-", "mongo", "redis",
};

static bool relays_failure(const char *text)
{
	char *low = text_lower(text, strlen(text));
	bool relayed = false;

	for (size_t i = 0; i < ARRAY_SIZE(RELAYED) && !relayed; i++)
		relayed = strstr(low, RELAYED[i]) != NULL;
	free(low);
	return relayed;
}

/*
 * Where a trace was raised: Python's last frame ("most recent call last"), any other
 * language's first one and the first one after each "Caused by:", runtime frames aside;
 * not for an exception that relays another system's failure.
 */
static void put_raised(struct buf *b, const struct digest_trace *t)
{
	bool relayed = relays_failure(t->headline), first = true;

	for (size_t k = t->nframes; k-- > 0;)
		if (!strncmp(t->frames[k], "File \"", 6)) {
			if (!relayed)
				put_lower(b, t->frames[k]); /* Python: the last of its frames */
			return;
		}
	for (size_t k = 0; k < t->nframes; k++) {
		if (!strncmp(t->frames[k], "Caused by:", 10)) {
			first = true;
			relayed = relays_failure(t->frames[k]);
		} else if (first && !runtime_frame(t->frames[k])) {
			first = false;
			if (!relayed)
				put_lower(b, t->frames[k]);
		}
	}
}

void causal_context_init(struct causal_context *c, const struct digest *d)
{
	struct buf errors = BUF_INIT, logs = BUF_INIT, raised = BUF_INIT;

	for (size_t i = 0; i < d->ntemplates; i++) {
		const struct digest_template *t = &d->templates[i];

		if (t->level >= DIGEST_WARN)
			put_lower(&errors, t->example);
		put_lower(&logs, t->example);
	}
	for (size_t i = 0; i < d->ntraces; i++) {
		put_lower(&errors, d->traces[i].headline);
		put_lower(&logs, d->traces[i].headline);
		for (size_t k = 0; k < d->traces[i].nframes; k++)
			if (strstr(d->traces[i].frames[k], "Caused by:"))
				put_lower(&errors, d->traces[i].frames[k]);
		put_raised(&raised, &d->traces[i]);
	}
	c->errors = buf_detach(&errors);
	c->logs = buf_detach(&logs);
	c->raised = buf_detach(&raised);
}

void causal_context_release(struct causal_context *c)
{
	free(c->errors);
	free(c->logs);
	free(c->raised);
	c->errors = c->logs = c->raised = NULL;
}

static bool has_symptom(const struct causal_context *c, const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(c->symptoms) && c->symptoms[i]; i++)
		if (!strcmp(c->symptoms[i], name))
			return true;
	return false;
}

/*
 * A version in text: not inside a longer number ("1.3.12" does not hold "3.12"), but
 * glued to a name as runtimes write it ("python3.12", "node22.4.0").
 */
static bool text_has_version(const char *hay, const char *v)
{
	size_t n = strlen(v);

	for (const char *p = n ? strstr(hay, v) : NULL; p; p = strstr(p + 1, v))
		if ((p == hay || (!isdigit((unsigned char)p[-1]) && p[-1] != '.')) && !isdigit((unsigned char)p[n]))
			return true;
	return false;
}

/* A version in the logs: the digest's examples, else every raw line (versions change at a deploy). */
static bool log_has(const struct causal_context *c, const char *version)
{
	if (text_has_version(c->logs, version))
		return true;
	return c->raw_logs_have && c->raw_logs_have(c->raw_ctx, version);
}

/* ---- findings ---- */

void causal_release(struct causal *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].detail);
		free(c->v[i].subject);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static ATTR_PRINTF(4, 5) void add(struct causal *c, enum cause_kind kind, double weight,
				  const char *fmt, ...)
{
	char detail[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].kind == kind) {
			if (c->v[i].weight < weight) { /* the strongest finding of a kind speaks for it */
				c->v[i].weight = weight;
				free(c->v[i].detail);
				c->v[i].detail = xstrdup(detail);
			}
			return;
		}
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? c->alloc * 2 : 4;
		c->v = xrealloc(c->v, c->alloc * sizeof(*c->v));
	}
	c->v[c->n++] = (struct cause){kind, weight, xstrdup(detail), NULL};
}

/* The subject of the cause of `kind` just added (or kept: then the strongest's). */
static void set_subject(struct causal *c, enum cause_kind kind, const char *detail_has, const char *subject)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].kind == kind && strstr(c->v[i].detail, detail_has)) {
			free(c->v[i].subject);
			c->v[i].subject = xstrdup(subject);
		}
}

/* ---- string literals ---- */

/* Length of a format placeholder at `s` ("%s", "%-5d", "{}", "{0}", "${x}", "%(n)s"), or 0. */
static size_t placeholder(const char *s, const char *end)
{
	const char *p = s;

	if (*p == '%' && p + 1 < end) {
		p++;
		if (*p == '(') {
			while (p < end && *p != ')')
				p++;
			p++;
		}
		while (p < end && strchr("-+ 0#.123456789lhz", *p))
			p++;
		return p < end && isalpha((unsigned char)*p) ? (size_t)(p - s) + 1 : 0;
	}
	if ((*p == '$' || *p == '#') && p + 1 < end && p[1] == '{')
		p++;
	if (*p == '{') {
		while (p < end && *p != '}' && *p != '"' && *p != '\'')
			p++;
		return p < end && *p == '}' ? (size_t)(p - s) + 1 : 0;
	}
	return 0;
}

static void keep_fragment(char ***list, size_t *n, const char *s, size_t len, size_t min)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && strchr(" \t:=,;-([", s[len - 1]))
		len--;
	if (len < min)
		return;
	*list = xrealloc(*list, (*n + 2) * sizeof(**list));
	(*list)[(*n)++] = text_lower(s, len);
	(*list)[*n] = NULL;
}

char **causal_literal_fragments(const char *line, size_t len, size_t min)
{
	char **list = xcalloc(1, sizeof(*list));
	size_t n = 0;
	const char *end = line + len;

	for (const char *p = line; p < end; p++) {
		char q = *p;
		const char *frag;

		if (q != '"' && q != '\'' && q != '`')
			continue;
		frag = ++p;
		while (p < end && *p != q) {
			size_t ph = placeholder(p, end);

			if (*p == '\\' && p + 1 < end) {
				p += 2;
				continue;
			}
			if (ph) {
				keep_fragment(&list, &n, frag, (size_t)(p - frag), min);
				p += ph;
				frag = p;
				continue;
			}
			p++;
		}
		keep_fragment(&list, &n, frag, (size_t)(p - frag), min);
		if (p >= end)
			break;
	}
	return list;
}

/* ---- cosmetic changes ---- */

static const char *const suppressions[] = {
	"nosonar", "noqa", "eslint-disable", "nolint", "pylint:", "type: ignore", "@suppresswarnings",
	"rubocop:disable", "istanbul ignore", "noinspection", "prettier-ignore", "ts-ignore",
};

static const char *const logging_calls[] = {
	"log.", "logger.", "logging.", "console.log", "console.debug", "console.info", "print(",
	"println", "printf(", "slog.", "zap.", "log::", "_logger.", "rails.logger", "puts ",
	"fmt.print", "tracing::", "debug!(", "info!(", "warn!(", "logger->", "log->", "log::",
	"$log", "monolog",
};

static const char *const chained_levels[] = {
	".trace(", ".debug(", ".info(", ".warn(", ".warning(", ".error(", ".fatal(", ".log(",
};

/* Code without comments, white space and lint suppressions, lower-cased. */
/* Code without comments and lint suppressions, lower-cased, trailing ';' and ',' dropped. */
static char *strip_code(const char *s)
{
	char *low = text_lower(s, strlen(s));
	char *cut;
	size_t n;

	for (size_t i = 0; i < ARRAY_SIZE(suppressions); i++)
		if ((cut = strstr(low, suppressions[i]))) {
			while (cut > low && !strchr("/#@", cut[-1]))
				cut--;
			*cut = '\0';
		}
	if ((cut = strstr(low, "//")) && !(cut > low && cut[-1] == ':'))
		*cut = '\0';
	if ((cut = strstr(low, " #")))
		*cut = '\0';
	if ((cut = strstr(low, "/*")))
		*cut = '\0';
	for (n = strlen(low); n && (isspace((unsigned char)low[n - 1]) || strchr(";,", low[n - 1])); n--)
		low[n - 1] = '\0';
	return low;
}

/* The code with every white space dropped: formatting aside, the same text. */
static void squeeze(struct buf *out, const char *s)
{
	for (const char *p = s; *p; p++)
		if (!isspace((unsigned char)*p))
			buf_putf(out, "%c", *p);
}

/* The shape of code: identifiers as 'x'; literals, numbers and punctuation kept. */
static void shape_of(struct buf *out, const char *s)
{
	for (const char *p = s; *p;) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (*p == '"' || *p == '\'') {
			const char *end = strchr(p + 1, *p);
			size_t n = end ? (size_t)(end - p) + 1 : strlen(p);

			buf_putf(out, "%.*s", (int)n, p);
			p += n;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			buf_puts(out, "x");
		} else {
			buf_putf(out, "%c", *p++);
		}
	}
}

static bool comment_or_log(const char *s)
{
	char *low;
	bool yes = false;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s || !strncmp(s, "//", 2) || *s == '#' || !strncmp(s, "/*", 2) || *s == '*' ||
	    !strncmp(s, "--", 2))
		return true;
	low = text_lower(s, strlen(s));
	for (size_t i = 0; !yes && i < ARRAY_SIZE(logging_calls); i++)
		yes = !strncmp(low, logging_calls[i], strlen(logging_calls[i])) ||
		      (strstr(low, logging_calls[i]) && strstr(low, "log"));
	/* a level call chained on the line below its logger ("log\n  .warn(s\"...\")") */
	for (size_t i = 0; !yes && i < ARRAY_SIZE(chained_levels); i++)
		yes = !strncmp(low, chained_levels[i], strlen(chained_levels[i]));
	free(low);
	return yes;
}

/* Kinds whose effect starts at the deploy: a value, a limit, a flag, a renamed name, a type. */
bool causal_immediate(enum cause_kind k)
{
	return k == CAUSE_VALUE || k == CAUSE_LIMIT || k == CAUSE_FLAG || k == CAUSE_REMOVED_NAME ||
	       k == CAUSE_CONTRACT || k == CAUSE_ORDER;
}

bool causal_cosmetic(const char *removed, const char *added)
{
	struct buf a = BUF_INIT, b = BUF_INIT, sa = BUF_INIT, sb = BUF_INIT;
	char *ra, *rb;
	bool same;

	if (!removed)
		return comment_or_log(added);
	ra = strip_code(removed);
	rb = strip_code(added);
	squeeze(&a, ra);
	squeeze(&b, rb);
	same = !strcmp(a.ptr, b.ptr);
	if (!same) { /* a consistent rename keeps the shape */
		shape_of(&sa, ra);
		shape_of(&sb, rb);
		same = !strcmp(sa.ptr, sb.ptr);
	}
	free(ra);
	free(rb);
	buf_release(&a);
	buf_release(&b);
	buf_release(&sa);
	buf_release(&sb);
	return same || comment_or_log(added);
}

/* ---- values ---- */

static double unit_factor(const char *u, size_t n)
{
	static const struct {
		const char *unit;
		double factor;
	} units[] = {
		{"ms", 1}, {"s", 1000}, {"sec", 1000}, {"seconds", 1000}, {"m", 60000},
		{"min", 60000}, {"h", 3600000}, {"ki", 1024}, {"kb", 1000}, {"k", 1000},
		{"mi", 1048576}, {"mb", 1e6}, {"gi", 1073741824.0}, {"gb", 1e9}, {"g", 1e9},
		{"us", 0.001}, {"ns", 1e-6},
	};

	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (strlen(units[i].unit) == n && !strncasecmp(u, units[i].unit, n))
			return units[i].factor;
	return 1;
}

double causal_value(const char *s, size_t len, char *token, size_t tsize)
{
	size_t i = 0, start, k;
	double v;

	/* past the key: the first digit after '=', ':' or a space */
	while (i < len && !strchr("=:", s[i]))
		i++;
	while (i < len && !isdigit((unsigned char)s[i]))
		i++;
	if (i >= len || (i > 0 && (isalpha((unsigned char)s[i - 1]) || s[i - 1] == '_')))
		return -1;
	start = i;
	v = strtod(s + i, NULL);
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '.'))
		i++;
	k = i;
	while (k < len && isalpha((unsigned char)s[k]))
		k++;
	if (token && tsize) {
		size_t n = k - start < tsize ? k - start : tsize - 1;

		memcpy(token, s + start, n);
		token[n] = '\0';
	}
	return v * unit_factor(s + i, k - i);
}

/* ---- the rules ---- */

static bool is_change(const char *line)
{
	return (*line == '+' || *line == '-') && strncmp(line, "+++", 3) && strncmp(line, "---", 3);
}

/*
 * Does a changed line of the diff hold `low` (lower case)? `sides` "-" looks at removed
 * lines only, "+-" at both.
 */
static bool lines_hold(const struct pull *p, const char *low, const char *sides)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			size_t len;

			while (text_next_line(&cur, &line, &len)) {
				char *l;
				bool hit;

				if (!is_change(line) || !strchr(sides, *line))
					continue;
				l = text_lower(line, len);
				hit = strstr(l, low) != NULL;
				free(l);
				if (hit)
					return true;
			}
		}
	return false;
}

static bool removed_holds(const struct pull *p, const char *frag)
{
	return lines_hold(p, frag, "-");
}

/* A literal that is one name of code ("price_old", "orders.v2", "customerId"). */
static bool literal_is_name(const char *s)
{
	size_t n = strlen(s);
	bool shaped = false;

	if (n < 5 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return false;
		shaped |= strchr("_.-", s[i]) != NULL;
	}
	return shaped && isalpha((unsigned char)s[0]);
}

/*
 * A message that reports another failure: failure words in its text (`fragment`) and a
 * placeholder or a concatenated cause in its line (`low`): "payment request failed:
 * ${err.message}", "could not reach %s".
 */
static bool wraps_a_failure(const char *fragment, const char *low)
{
	static const char *const words[] = {"failed", "failure", "error", "unavailable", "timed out",
					    "timeout", "could not", "unable to", "cannot reach", "responded",
					    "returned", "status"};
	bool failure = false;

	/* Go's %w and Python's "raise ... from e" wrap an error whatever the words say */
	if (strstr(low, "%w") || strstr(low, ") from e") || strstr(low, ") from err"))
		return true;
	for (size_t i = 0; !failure && i < ARRAY_SIZE(words); i++)
		failure = strstr(fragment, words[i]) != NULL;
	return failure && (strstr(low, "${") || strstr(low, "%s") || strstr(low, "%v") ||
			   strstr(low, "{}") || strstr(low, "\" +") || strstr(low, "\", err") ||
			   strstr(low, "\", e)") || strstr(low, "f\"") || strstr(low, "#{"));
}

/* Does an error line that names `token` say it is missing, unknown or wrong? */
static bool error_says_missing(const struct causal_context *c, const char *token)
{
	static const char *const words[] = {"does not exist", "doesn't exist", "not found", "unknown",
		"no such", "undefined", "missing", "invalid", "not defined", "no column", "no table"};
	const char *cur = c->errors, *line;
	size_t len;
	bool yes = false;

	while (!yes && text_next_line(&cur, &line, &len)) {
		char *l = xstrndup(line, len);

		if (text_has_token(l, token))
			for (size_t i = 0; !yes && i < ARRAY_SIZE(words); i++)
				yes = strstr(l, words[i]) != NULL;
		free(l);
	}
	return yes;
}

/*
 * Added string literals whose constant text stands in an error line: a message the new
 * code logs or throws, or a name it newly refers to (a column, a key, a topic) that the
 * errors say is missing or wrong.
 */
static void rule_text(struct causal *out, const struct pull *p, const char *line, size_t len,
		      bool reworded, bool in_log_call, const struct causal_context *c)
{
	char **frags = causal_literal_fragments(line + 1, len - 1, 5);
	/* A log line describes a failure, it does not make one; a reworded one even less. */
	bool logging = in_log_call || comment_or_log(line + 1);
	double w = reworded ? 0 : logging ? 0.4 : 1.6;
	char *low = text_lower(line + 1, len - 1);

	for (size_t k = 0; frags[k]; k++) {
		bool message = strlen(frags[k]) >= 10 &&
			       (strchr(frags[k], ' ') || (strlen(frags[k]) >= 16 && !literal_is_name(frags[k])));

		if (removed_holds(p, frags[k]))
			continue;
		if (w > 0 && message && strstr(c->errors, frags[k])) {
			/* wrapping another failure ("request to X failed: %s") names it, it does
			 * not cause it */
			double weight = w > 1 && wraps_a_failure(frags[k], low) ? 0.6 : w;

			add(out, CAUSE_TEXT, weight, "adds %s \"%s\" that the errors show",
			    logging ? "the log line" : "the message", frags[k]);
			break;
		}
		if (!logging && literal_is_name(frags[k]) && text_has_token(c->errors, frags[k]) &&
		    !(c->service && !strcasecmp(frags[k], c->service))) {
			bool missing = error_says_missing(c, frags[k]);

			add(out, CAUSE_TEXT, missing ? 1.2 : 0.6, "adds a reference to '%s', which the errors %s",
			    frags[k], missing ? "say is missing or wrong" : "name");
		}
	}
	sys_free_list(frags);
	free(low);
}

/*
 * A regular expression with a nested quantifier ("(\\d+)+", "(a|aa)*", "([a-z]+\\s?)*"):
 * catastrophic backtracking, a CPU bound on some inputs. True for a literal that holds a
 * group with a quantifier inside, quantified itself.
 */
bool causal_nested_quantifier(const char *s)
{
	int depth = 0;
	bool inner[16] = {false};

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s == '(' && depth + 1 < (int)ARRAY_SIZE(inner))
			inner[++depth] = false;
		else if ((*s == '+' || *s == '*') && depth > 0)
			inner[depth] = true;
		else if (*s == ')' && depth > 0) {
			bool had = inner[depth--];

			if (had && (s[1] == '+' || s[1] == '*' || s[1] == '{'))
				return true;
			if (had && depth > 0)
				inner[depth] = true;
		}
	}
	return false;
}

/* An added regular expression with a nested quantifier, when requests time out. */
static void rule_backtracking(struct causal *out, const char *line, size_t len,
			      const struct causal_context *c)
{
	char *l;

	if (!has_symptom(c, "timeout") && !has_symptom(c, "http_5xx"))
		return;
	l = xstrndup(line + 1, len - 1);
	for (const char *q = strpbrk(l, "\"'`/"); q; q = strpbrk(q + 1, "\"'`/")) {
		const char *end = strchr(q + 1, *q);
		char *lit;

		if (!end)
			break;
		lit = xstrndup(q + 1, (size_t)(end - q - 1));
		if (strlen(lit) >= 4 && causal_nested_quantifier(lit)) {
			add(out, CAUSE_BOUND, 1.1, "adds a regular expression with a nested quantifier "
			    "(%.60s), which backtracks catastrophically on some inputs", lit);
			free(lit);
			break;
		}
		free(lit);
		q = end;
	}
	free(l);
}

/* `throw new X(`, `raise X(`, `throw X(`: an exception type the traces show. */
static void rule_throws(struct causal *out, const struct pull *p, const char *line, size_t len,
			const struct causal_context *c)
{
	static const char *const verbs[] = {"throw new ", "throw ", "raise ", "panic("};
	char *low = text_lower(line + 1, len - 1);

	for (size_t v = 0; v < ARRAY_SIZE(verbs); v++) {
		const char *at = strstr(low, verbs[v]);
		char name[96];
		size_t n = 0;

		if (!at)
			continue;
		at += strlen(verbs[v]);
		while (at[n] && (isalnum((unsigned char)at[n]) || at[n] == '_' || at[n] == '.') &&
		       n + 1 < sizeof(name))
			n++;
		memcpy(name, at, n);
		name[n] = '\0';
		if (n >= 6 && text_has_token(c->errors, name) && !removed_holds(p, name)) {
			add(out, CAUSE_THROWS, 1.0, "adds code that throws %.*s, which the traces show",
			    (int)n, line + 1 + (at - low));
			break;
		}
	}
	free(low);
}

/* Identifiers of code in a line: camelCase, snake_case, dotted or kebab keys, 4+ bytes. */
static void names_of(char ***list, size_t *n, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start, upper = 0, sep = 0, lower = 0;

		while (i < len && !(isalpha((unsigned char)s[i]) || s[i] == '_'))
			i++;
		start = i;
		while (i < len && (isalnum((unsigned char)s[i]) || strchr("_.-", s[i]))) {
			upper += isupper((unsigned char)s[i]) && i > start;
			lower += islower((unsigned char)s[i]) != 0;
			sep += strchr("_.-", s[i]) != NULL;
			i++;
		}
		while (i > start && strchr("_.-", s[i - 1]))
			i--, sep--;
		if (i - start >= 4 && i - start < 80 && lower && (upper || sep)) {
			*list = xrealloc(*list, (*n + 2) * sizeof(**list));
			(*list)[(*n)++] = xstrndup(s + start, i - start);
			(*list)[*n] = NULL;
		}
		if (i == start)
			i++;
	}
}

static bool in_list(char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* Import and package lines name modules, not what the code uses: they are not evidence. */
static bool import_line(const char *s, size_t len)
{
	static const char *const words[] = {"import ", "from ", "using ", "package ", "require ",
					    "#include", "use ", "require(", "extern crate"};

	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (len >= strlen(words[i]) && !strncmp(s, words[i], strlen(words[i])))
			return true;
	return false;
}

static void collect_names(const struct pull *p, char ***removed, size_t *nr, char ***added, size_t *na)
{
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);

		if (pathkind_is_test_or_doc(path))
			continue;
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			size_t len;

			while (text_next_line(&cur, &line, &len))
				if (*line != '-' && *line != '+')
					continue;
				else if (import_line(line + 1, len - 1))
					continue;
				else if (*line == '-')
					names_of(removed, nr, line + 1, len - 1);
				else if (*line == '+')
					names_of(added, na, line + 1, len - 1);
		}
	}
}

/*
 * Does a removed line define `name` (rather than use it)? A key ("name: ...", "name=",
 * "\"name\": ..."), or a declaration ("def name", "func name", "private int name;").
 */
static bool defines(const char *line, size_t len, const char *name)
{
	static const char *const decl[] = {"def ", "func ", "function ", "fn ", "class ", "const ",
		"let ", "var ", "val ", "interface ", "type ", "struct ", "enum ", "attr_accessor :"};
	char *l = xstrndup(line, len);
	const char *at = strstr(l, name), *after;
	bool yes = false;

	if (!at) {
		free(l);
		return false;
	}
	after = at + strlen(name);
	while (*after == '"' || *after == '\'' || *after == ' ')
		after++;
	for (const char *p = l; p < at && !yes; p++)
		yes = !strchr(" \t\"'-", *p) ? false : p + 1 == at;
	yes = (yes || at == l) && (*after == ':' || *after == '=');
	for (size_t i = 0; !yes && i < ARRAY_SIZE(decl); i++) {
		size_t n = strlen(decl[i]);

		yes = at - l >= (long)n && !strncmp(at - n, decl[i], n);
	}
	if (!yes && (strstr(l, "private ") || strstr(l, "public ") || strstr(l, "protected ")))
		yes = *after == ';' || *after == '=' || *after == '(';
	free(l);
	return yes;
}

/* Is `name` defined on some removed line of the pull request? */
static bool removed_definition(const struct pull *p, const char *name)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			size_t len;

			while (text_next_line(&cur, &line, &len))
				if (*line == '-' && defines(line + 1, len - 1, name))
					return true;
		}
	return false;
}

/* The quoted single words of the removed or the added lines of a pull request ('account'). */
static void collect_literals(const struct pull *p, char side, char ***out, size_t *n)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			size_t len;

			while (text_next_line(&cur, &line, &len)) {
				char **frags;

				if (*line != side || comment_or_log(line + 1))
					continue;
				frags = causal_literal_fragments(line + 1, len - 1, 4);
				for (size_t k = 0; frags[k]; k++)
					if (strlen(frags[k]) <= 40 && strspn(frags[k], "abcdefghijklmnopqrstuvwxyz0123456789_") ==
									   strlen(frags[k])) {
						*out = xrealloc(*out, (*n + 2) * sizeof(**out));
						(*out)[(*n)++] = xstrdup(frags[k]);
						(*out)[*n] = NULL;
					}
				sys_free_list(frags);
			}
		}
}

/*
 * A key the PR stopped producing as a literal (set('account', ...) became a constant
 * with another value) that the failing code still asks for by that literal.
 */
static void rule_removed_literals(struct causal *out, const struct pull *p, const struct causal_context *c)
{
	char **removed = NULL, **added = NULL;
	size_t nr = 0, na = 0;
	char *low_sources = c->sources ? text_lower(c->sources, strlen(c->sources)) : NULL;

	collect_literals(p, '-', &removed, &nr);
	collect_literals(p, '+', &added, &na);
	for (size_t i = 0; low_sources && i < nr; i++) {
		char *q1 = xasprintf("'%s'", removed[i]), *q2 = xasprintf("\"%s\"", removed[i]);

		if (!in_list(added, na, removed[i]) && (strstr(low_sources, q1) || strstr(low_sources, q2)))
			add(out, CAUSE_REMOVED_NAME, 1.2, "stops producing the key '%s', which the failing "
			    "code still reads", removed[i]);
		free(q1);
		free(q2);
	}
	free(low_sources);
	sys_free_list(removed);
	sys_free_list(added);
}

/*
 * A type's name ("CommandDefinition"): a use of it taken away breaks nothing, though the
 * errors' frames name it. Data names (a column "a.scheduled_at", a header "X-Api-Key", a
 * field "shipTo") are another matter: the other side still sends or expects them.
 */
static bool type_name(const char *name)
{
	bool lower = false;

	if (!isupper((unsigned char)name[0]))
		return false;
	for (const char *p = name; *p; p++) {
		if (!isalnum((unsigned char)*p))
			return false;
		lower |= islower((unsigned char)*p) != 0;
	}
	return lower;
}

/* "this.x", "self.x", "@x": a member of the object at hand; another class's is another. */
static bool member_name(const char *name)
{
	return !strncmp(name, "this.", 5) || !strncmp(name, "self.", 5) || name[0] == '@';
}

/* A name the PR took away (in removed lines, in no added line) that something still uses. */
static void rule_removed_names(struct causal *out, const struct pull *p, const struct causal_context *c)
{
	char **removed = NULL, **added = NULL;
	size_t nr = 0, na = 0;

	collect_names(p, &removed, &nr, &added, &na);
	for (size_t i = 0; i < nr; i++) {
		char *low;
		bool in_errors;

		if (in_list(added, na, removed[i]) || in_list(removed, i, removed[i]))
			continue;
		low = text_lower(removed[i], strlen(removed[i]));
		in_errors = text_has_token(c->errors, low);
		free(low);
		if (in_errors && (!type_name(removed[i]) || removed_definition(p, removed[i])))
			add(out, CAUSE_REMOVED_NAME, 1.5, "removes or renames %s, which the errors still name",
			    removed[i]);
		else if (in_errors || !removed_definition(p, removed[i]))
			continue; /* a use taken away breaks nothing; a definition taken away does */
		else if (c->sources && text_has_token(c->sources, removed[i]))
			add(out, CAUSE_REMOVED_NAME, 1.2, "removes or renames %s, which the failing code still uses",
			    removed[i]);
		else if (c->repo_uses && !member_name(removed[i]) && c->repo_uses(c->repo_ctx, removed[i]))
			add(out, CAUSE_REMOVED_NAME, 0.5, "removes or renames %s, which the default branch "
			    "still uses", removed[i]);
	}
	sys_free_list(removed);
	sys_free_list(added);
}


/* The key of a "key: value", "key = value" or call(value) line (new string), or NULL. */
static char *key_of(const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len && (isspace((unsigned char)s[i]) || strchr("\"'-", s[i])))
		i++;
	start = i;
	while (i < len && (isalnum((unsigned char)s[i]) || strchr("_.-", s[i])))
		i++;
	return i > start ? xstrndup(s + start, i - start) : NULL;
}

/* Does an error line that holds `token` also name a word (4+ letters) of `key`? */
static bool error_near_key(const struct causal_context *c, const char *key, const char *token)
{
	const char *cur = c->errors, *line;
	char *low = text_lower(key, strlen(key));
	size_t len;
	bool hit = false;

	while (!hit && text_next_line(&cur, &line, &len)) {
		char *l = xstrndup(line, len);

		for (const char *w = low; text_has_token(l, token) && *w && !hit;) {
			size_t n = strcspn(w, "_.-");

			if (n >= 4) {
				char *word = xstrndup(w, n);

				hit = strstr(l, word) != NULL;
				free(word);
			}
			w += n + (w[n] ? 1 : 0);
		}
		free(l);
	}
	free(low);
	return hit;
}

static bool key_has_knob(const char *key, const struct shape *s)
{
	char *low = text_lower(key, strlen(key));
	bool hit = false;

	for (size_t k = 0; !hit && k < ARRAY_SIZE(s->knobs) && s->knobs[k]; k++)
		hit = strstr(low, s->knobs[k]) != NULL;
	free(low);
	return hit;
}

static bool shape_applies(const struct shape *s, const struct causal_context *c)
{
	for (size_t k = 0; k < ARRAY_SIZE(s->signals) && s->signals[k]; k++)
		if (has_symptom(c, s->signals[k]))
			return true;
	return false;
}

/* A key whose value the PR changed: the value in the errors, or moved the symptom's way. */
/* Where a settings line's value begins: its first '=' or ':' (the one nearer the key). */
static const char *value_separator(const char *line, size_t len)
{
	const char *eq = memchr(line, '=', len), *colon = memchr(line, ':', len);

	return !eq || (colon && colon < eq) ? colon : eq;
}

/*
 * A value that is a name (a host, a queue, a bucket) the PR changed and the errors show:
 * a token of the new value, absent from the old line, long or structured enough not to
 * be a word ("orders-db.intenral", "payments-v2"). `addressed`: only a dotted value (a
 * host, a scope, a qualified name), for a setting added without one it replaces: a bare
 * name such as the service's own is everywhere in the logs.
 */
static void rule_name_value(struct causal *out, const char *key, const char *removed, size_t rlen,
			    const char *added, size_t alen, bool addressed, const struct causal_context *c)
{
	const char *v = value_separator(added, alen);
	char *old = text_lower(removed, rlen);

	for (size_t i = v ? (size_t)(v - added) + 1 : alen; i < alen;) {
		size_t n = 0;
		bool shaped = false;

		while (i + n < alen && (isalnum((unsigned char)added[i + n]) || strchr("_.-", added[i + n]))) {
			shaped |= strchr("_.-", added[i + n]) != NULL || isdigit((unsigned char)added[i + n]);
			n++;
		}
		if (n >= 5 && (shaped || n >= 10) &&
		    (!addressed || memchr(added + i, '.', n))) {
			char *tok = text_lower(added + i, n);

			if (!text_has_token(old, tok) && text_has_token(c->errors, tok)) {
				add(out, CAUSE_VALUE, 1.5, "changes %s to %s, the value the errors show", key, tok);
				free(tok);
				break;
			}
			free(tok);
		}
		i += n ? n : 1;
	}
	free(old);
}

/*
 * Log levels from the most verbose (0) to the quietest, as the common logging libraries
 * spell them. A level raised towards 0 multiplies what the service writes.
 */
static const struct {
	const char *name;
	int rank;
} log_levels[] = {
	{"all", 0}, {"trace", 0}, {"verbose", 0}, {"finest", 0}, {"finer", 1}, {"fine", 1},
	{"debug", 1}, {"info", 2}, {"information", 2}, {"notice", 2}, {"config", 2},
	{"warn", 3}, {"warning", 3}, {"error", 4}, {"err", 4}, {"severe", 4}, {"fatal", 5},
	{"critical", 5}, {"crit", 5}, {"off", 6}, {"none", 6},
};

/* The rank of the level a settings line sets (the first level word after its key), or -1. */
static int level_of(const char *line, size_t len, char *name, size_t size)
{
	const char *v = value_separator(line, len);

	for (size_t i = v ? (size_t)(v - line) + 1 : 0; i < len;) {
		size_t n = 0;

		while (i + n < len && isalpha((unsigned char)line[i + n]))
			n++;
		for (size_t k = 0; n && n < size && k < ARRAY_SIZE(log_levels); k++) {
			if (strlen(log_levels[k].name) == n && !strncasecmp(line + i, log_levels[k].name, n)) {
				memcpy(name, line + i, n);
				name[n] = '\0';
				return log_levels[k].rank;
			}
		}
		i += n ? n : 1;
	}
	return -1;
}

/*
 * A volume fills up and the change made the service log more: from Information to Debug,
 * WARN to TRACE. Disk is the one symptom verbosity produces on its own; on other symptoms
 * a debug level is a diagnostic someone turned on, not a cause.
 */
static void rule_verbosity(struct causal *out, const char *key, const char *removed, size_t rlen,
			   const char *added, size_t alen, const struct causal_context *c)
{
	char from[16], to[16];
	int r1, r2;

	if (!has_symptom(c, "disk_full"))
		return;
	r1 = level_of(removed, rlen, from, sizeof(from));
	r2 = level_of(added, alen, to, sizeof(to));
	if (r1 >= 2 && r2 >= 0 && r2 < r1 && r2 <= 1)
		add(out, CAUSE_LIMIT, 1.4, "raises log verbosity: %s from %s to %s while a volume fills",
		    key, from, to);
}

/*
 * A parse failure names what it failed on, seldom the pattern it used: a changed date or
 * time format is read against errors that say a text could not be parsed.
 */
static const char *const parse_failures[] = {
	"could not be parsed", "unparseable", "parseexception", "cannot parse", "can't parse",
	"failed to parse", "unable to parse", "does not match format", "doesn't match format",
	"parsing time", "invalid date", "invalid format", "parse error", "not a valid date",
};

/* Units of the date-time pattern languages: Java/ICU, strftime, Go's reference time. */
static const char *const format_units[] = {
	"yyyy", "uuuu", "MM", "dd", "HH", "hh", "mm", "ss", "SSS", "%Y", "%m", "%d", "%H", "%M",
	"%S", "%y", "2006", "15:04", "01/02",
};

/* Whether the value of a settings line is a date-time pattern: two units or more. */
static bool format_pattern(const char *line, size_t len)
{
	const char *v = value_separator(line, len);
	char *val = v ? xstrndup(v + 1, len - (size_t)(v + 1 - line)) : NULL;
	int units = 0;

	for (size_t i = 0; val && i < ARRAY_SIZE(format_units); i++)
		units += strstr(val, format_units[i]) != NULL;
	free(val);
	return units >= 2;
}

static void rule_format(struct causal *out, const char *key, const char *removed, size_t rlen,
			const char *added, size_t alen, const struct causal_context *c)
{
	bool fails = false;

	if (strstr(key, "log") && !strstr(key, "catalog")) /* a log layout parses no input */
		return;
	for (size_t i = 0; i < ARRAY_SIZE(parse_failures) && !fails; i++)
		fails = strstr(c->errors, parse_failures[i]) != NULL;
	if (fails && (format_pattern(added, alen) || format_pattern(removed, rlen)))
		add(out, CAUSE_VALUE, 1.5, "changes the format %s while the errors fail to parse", key);
}

/*
 * A decoder that got another type than it expects names the field it was reading; a
 * declaration of that field whose type the PR swapped ("price: String" to "price:
 * BigDecimal", `Price string` to `Price float64`) is what changed the wire shape.
 */
static const char *const type_mismatches[] = {
	"wrong type", "expecting string", "expected string", "expected a string", "expecting number",
	"expected a number", "cannot unmarshal", "cannot deserialize", "mismatchedinput",
	"invalid type:", "type mismatch", "not of type", "expected begin_", "but was number",
	"but was string", "cannot be cast", "unexpected type",
};

static const char *const type_words[] = {
	"string", "str", "text", "char", "int", "integer", "long", "short", "float", "double",
	"decimal", "bigdecimal", "biginteger", "number", "numeric", "bool", "boolean", "int32",
	"int64", "uint32", "uint64", "float32", "float64", "date", "datetime", "instant",
	"localdate", "localdatetime", "uuid", "object", "array", "list", "map", "any",
};

/* Words of a declaration that say how, not what: never the field's name. */
static const char *const decl_words[] = {
	"type", "val", "var", "let", "const", "private", "public", "protected", "final",
	"readonly", "static", "optional", "required", "nullable", "json", "field",
};

static bool word_in(const char *const *table, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(table[i], w))
			return true;
	return false;
}

/* The lower-case words of a line, one per entry, NULL-terminated (sys_free_list). */
static char **words_of(const char *s, size_t len, size_t *n)
{
	char **list = NULL;

	*n = 0;
	for (size_t i = 0; i < len;) {
		size_t k = 0;

		while (i + k < len && (isalnum((unsigned char)s[i + k]) || s[i + k] == '_'))
			k++;
		if (k) {
			list = xrealloc(list, (*n + 2) * sizeof(*list));
			list[(*n)++] = text_lower(s + i, k);
			list[*n] = NULL;
		}
		i += k ? k : 1;
	}
	return list;
}

/* The one word of `a` that `b` lacks, or NULL when there are none or several. */
static const char *only_difference(char *const *a, size_t na, char *const *b, size_t nb)
{
	const char *w = NULL;

	for (size_t i = 0; i < na; i++) {
		if (in_list(b, nb, a[i]))
			continue;
		if (w)
			return NULL;
		w = a[i];
	}
	return w;
}

/* Whether an error line that reports a type mismatch names `field`. */
static bool mismatch_names(const char *errors, const char *field)
{
	const char *cur = errors, *line;
	size_t len;
	bool hit = false;

	while (!hit && text_next_line(&cur, &line, &len)) {
		char *l = xstrndup(line, len);

		for (size_t i = 0; i < ARRAY_SIZE(type_mismatches) && !hit; i++)
			hit = strstr(l, type_mismatches[i]) && text_has_token(l, field);
		free(l);
	}
	return hit;
}

static void rule_field_type(struct causal *out, const char *removed, size_t rlen,
			    const char *added, size_t alen, const struct causal_context *c)
{
	size_t nr, na;
	char **r = words_of(removed, rlen, &nr), **a = words_of(added, alen, &na);
	const char *from = only_difference(r, nr, a, na), *to = only_difference(a, na, r, nr);

	if (!from || !to || !word_in(type_words, ARRAY_SIZE(type_words), from) ||
	    !word_in(type_words, ARRAY_SIZE(type_words), to))
		goto done;
	for (size_t i = 0; i < na; i++) {
		if (strlen(a[i]) < 3 || !strcmp(a[i], to) ||
		    word_in(decl_words, ARRAY_SIZE(decl_words), a[i]) ||
		    word_in(type_words, ARRAY_SIZE(type_words), a[i]) || !mismatch_names(c->errors, a[i]))
			continue;
		add(out, CAUSE_CONTRACT, 1.5, "changes the type of %s from %s to %s, the field the decoder fails on",
		    a[i], from, to);
		break;
	}
done:
	sys_free_list(r);
	sys_free_list(a);
}

/*
 * A cache key that changes (a version bumped, a dimension added) turns every entry into a
 * miss, and a finer key may never warm up again: the load falls through to what the cache
 * protected. Evidence when the symptom is that load (time-outs, a drained pool) and the
 * logs count misses.
 */
static const char *const cache_key_markers[] = {
	"cache_key", "cachekey", "cache key", "cache.fetch", "cache_fetch", "@cacheable",
	"cache_prefix", "key_prefix", "keyprefix", "cachekeyprefix", "cache.remember",
};

static const char *const load_symptoms[] = {"pool_exhausted", "timeout", "http_5xx"};

/* Whether a line holds one of `needles` (lower case), case aside. */
static bool holds_any(const char *line, size_t len, const char *const *needles, size_t n)
{
	char *low = text_lower(line, len);
	bool yes = false;

	for (size_t i = 0; i < n && !yes; i++)
		yes = strstr(low, needles[i]) != NULL;
	free(low);
	return yes;
}

static bool cache_keyish(const char *line, size_t len)
{
	return holds_any(line, len, cache_key_markers, ARRAY_SIZE(cache_key_markers));
}

/* A line of a cache key changed: the line, the hunk's section or the three lines above it
 * (the key's definition) name a cache key, and a line was replaced, not only added. */
static void rule_cache_key(struct causal *out, const struct patch_hunk *hk, const struct causal_context *c)
{
	const char *cur = hk->body, *line, *prev[3] = {0};
	size_t len, plen[3] = {0};
	bool load = false, replaced = false;

	for (size_t i = 0; i < ARRAY_SIZE(load_symptoms) && !load; i++)
		load = has_symptom(c, load_symptoms[i]);
	if (!load || !strstr(c->logs, "miss"))
		return;
	while (text_next_line(&cur, &line, &len)) {
		bool keyish = cache_keyish(hk->section, strlen(hk->section)) || cache_keyish(line, len);

		replaced = *line == '-' || (replaced && *line == '+');
		for (size_t k = 0; k < 3 && !keyish; k++)
			keyish = prev[k] && cache_keyish(prev[k], plen[k]);
		if (*line == '+' && replaced && keyish && !comment_or_log(line + 1)) {
			add(out, CAUSE_BOUND, 1.4, "changes a cache key, so every entry misses and the load "
			    "falls through (the logs count cache misses)");
			return;
		}
		memmove(prev + 1, prev, 2 * sizeof(*prev));
		memmove(plen + 1, plen, 2 * sizeof(*plen));
		prev[0] = line, plen[0] = len;
	}
}

static void rule_changed_value(struct causal *out, const char *removed, size_t rlen,
			       const char *added, size_t alen, bool settings, const struct causal_context *c)
{
	char *k1 = key_of(removed, rlen), *k2 = key_of(added, alen);
	char t1[48], t2[48];
	double v1, v2;
	bool shown, limit = false;

	if (!k1 || !k2 || strcmp(k1, k2)) {
		goto done;
	} else if ((v1 = causal_value(removed, rlen, t1, sizeof(t1))) < 0 ||
		   (v2 = causal_value(added, alen, t2, sizeof(t2))) < 0) {
		if (settings) /* in code, a changed name is a refactor more often than a setting */
			rule_name_value(out, k2, removed, rlen, added, alen, false, c);
		rule_verbosity(out, k2, removed, rlen, added, alen, c);
		rule_format(out, k2, removed, rlen, added, alen, c);
		goto done;
	} else if (v1 == v2) {
		goto done;
	}
	shown = text_has_token(c->errors, t2) && (strlen(t2) >= 4 || error_near_key(c, k2, t2));
	/* One changed line is one piece of evidence: a capacity the symptom needs lowered is
	 * a limit (the value in the errors only confirms it), anything else a value. */
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
		const struct shape *s = &shapes[i];

		if ((s->direction == -1 || s->direction == 1) && shape_applies(s, c) &&
		    key_has_knob(k2, s) && (v2 - v1) * s->direction > 0) {
			add(out, CAUSE_LIMIT, shown ? 1.5 : 1.4, "%s: %s from %s to %s%s", s->what, k2, t1, t2,
			    shown ? ", the value the errors show" : "");
			limit = true;
		}
	}
	if (shown && !limit)
		add(out, CAUSE_VALUE, 1.5, "changes %s from %s to %s, the value the errors show", k2, t1, t2);
done:
	free(k1);
	free(k2);
}

/* The names of a line, as one space-separated lower-case string per name. */
static bool names_subset(const char *small, size_t slen, const char *big, size_t blen)
{
	char **a = NULL, **b = NULL;
	size_t na = 0, nb = 0;
	bool subset = true;

	names_of(&a, &na, small, slen);
	names_of(&b, &nb, big, blen);
	for (size_t i = 0; subset && i < na; i++)
		subset = in_list(b, nb, a[i]);
	subset = subset && na < nb;
	sys_free_list(a);
	sys_free_list(b);
	return subset;
}

/*
 * A bound or an eager load the PR narrowed in one change block: both sides hold the
 * knob, and the new side lost names the old one had and gained none
 * (".includes(:shipment, line_items: ...)" -> ".includes(:shipment)").
 */
static void rule_narrowed(struct causal *out, const char *removed, size_t rlen, const char *added,
			  size_t alen, const struct causal_context *c)
{
	char *r = text_lower(removed, rlen), *a = text_lower(added, alen);

	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
		const struct shape *s = &shapes[i];

		if (s->direction != REMOVED || !shape_applies(s, c))
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(s->knobs) && s->knobs[k]; k++)
			if (strstr(r, s->knobs[k]) && strstr(a, s->knobs[k]) &&
			    names_subset(added, alen, removed, rlen) && strlen(a) < strlen(r))
				add(out, CAUSE_BOUND, 1.1, "%s (narrows %s)", s->what, s->knobs[k]);
	}
	free(r);
	free(a);
}

/* The removed and the added side of one change block, each as text without prefixes. */
static void block_sides(struct buf *removed, struct buf *added, const char *block)
{
	const char *cur = block, *line;
	size_t len;

	while (text_next_line(&cur, &line, &len) && (*line == '-' || *line == '+')) {
		struct buf *side = *line == '-' ? removed : added;

		buf_putf(side, "%.*s\n", (int)(len - 1), line + 1);
	}
}

/* A field's declaration: "static", or an access modifier first ("private final x = ..."). */
static bool field_line(const char *low)
{
	static const char *const modifiers[] = {"private ", "protected ", "public ", "internal "};

	while (*low == ' ' || *low == '\t')
		low++;
	if (strstr(low, "static "))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(modifiers); i++)
		if (!strncmp(low, modifiers[i], strlen(modifiers[i])))
			return true;
	return false;
}

/*
 * A bound the PR removed and did not put back in the same file (REMOVED shapes), or a
 * harmful construct it brought in (ADDED and SHARED shapes).
 */
static void rule_removed_bound(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
		const struct shape *s = &shapes[i];

		if (s->direction == -1 || s->direction == 1 || !shape_applies(s, c))
			continue; /* a value moved: rule_changed_value's */
		for (size_t k = 0; k < ARRAY_SIZE(s->knobs) && s->knobs[k]; k++) {
			bool removed = false, added = false;

			for (size_t h = 0; h < f->nhunks; h++) {
				const char *cur = f->hunks[h].body, *line;
				size_t len;

				while (text_next_line(&cur, &line, &len)) {
					char *low;

					if (!is_change(line) || comment_or_log(line + 1))
						continue;
					low = text_lower(line + 1, len - 1);
					if (strstr(low, s->knobs[k]) && (s->direction != SHARED || field_line(low)))
						*(*line == '-' ? &removed : &added) = true;
					free(low);
				}
			}
			if (s->direction == REMOVED ? removed && !added : added && !removed)
				add(out, CAUSE_BOUND, 1.1, "%s (%s in %s)", s->what, s->knobs[k], patch_file_path(f));
		}
	}
}

/*
 * A query that lost a filter reads rows it never read: memory, time and connections
 * follow. The filter's column ("t.account_id" of `->where('t.account_id', $id)` or of
 * "WHERE t.account_id = ?") is the evidence; a column the PR still filters or joins on
 * elsewhere in the file was moved, not dropped.
 */
static const char *const filter_calls[] = {
	"where(", "where ", ".filter(", "filter_by(", "wherein(", "and ",
};

static const char *const volume_symptoms[] = {
	"out_of_memory", "oom_killed", "timeout", "pool_exhausted", "http_5xx",
};

/*
 * The identifier after the first `key` in `low`, past any of `skip` ("where ('t.id'"):
 * its start, and its length in `*n` (letters, digits, '_', and '.' when `dots`); NULL
 * when `key` is not there.
 */
static const char *ident_after(const char *low, const char *key, const char *skip, bool dots, size_t *n)
{
	const char *p = strstr(low, key);

	*n = 0;
	if (!p)
		return NULL;
	p += strlen(key);
	while (*p && strchr(skip, *p))
		p++;
	while (isalnum((unsigned char)p[*n]) || p[*n] == '_' || (dots && p[*n] == '.'))
		(*n)++;
	return p;
}

/* The column a filter construct in `low` names: a dotted or snake_case identifier. */
static char *filter_column(const char *low)
{
	for (size_t i = 0; i < ARRAY_SIZE(filter_calls); i++) {
		size_t n;
		const char *p = ident_after(low, filter_calls[i], " ('\"`[", true, &n);

		if (p && n >= 4 && (memchr(p, '_', n) || memchr(p, '.', n)))
			return xstrndup(p, n);
	}
	return NULL;
}

static void rule_removed_filter(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	struct buf removed = BUF_INIT, added = BUF_INIT;
	bool volume = false;

	for (size_t i = 0; i < ARRAY_SIZE(volume_symptoms) && !volume; i++)
		volume = has_symptom(c, volume_symptoms[i]);
	if (!volume)
		return;
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (text_next_line(&cur, &line, &len))
			if (is_change(line))
				buf_putf(*line == '-' ? &removed : &added, "%.*s\n", (int)(len - 1), line + 1);
	}
	for (const char *cur = removed.ptr, *line; cur && *cur;) {
		size_t len;
		char *low, *col;

		if (!text_next_line(&cur, &line, &len))
			break;
		low = text_lower(line, len);
		col = comment_or_log(low) ? NULL : filter_column(low);
		if (col && added.ptr && !text_contains_ci(added.ptr, col)) {
			add(out, CAUSE_BOUND, 1.2, "drops the query filter on %s, so the query reads rows it did not",
			    col);
			free(col);
			free(low);
			break;
		}
		free(col);
		free(low);
	}
	buf_release(&removed);
	buf_release(&added);
}

/*
 * A migration that drops an index takes away the plan its queries ran with: the same
 * query now scans, holds its connection for seconds and times out. Evidence: the errors
 * time out or pile up, and the logs' SQL reads the index's table, named by the statement
 * (MySQL's "ON t", "ALTER TABLE t DROP INDEX", Rails' remove_index :t, Liquibase's
 * tableName, Django's model_name) or, for PostgreSQL's bare DROP INDEX, by the naming
 * convention of indexes ("idx_<table>_<columns>", "index_<table>_on_<columns>"). An
 * index the same change creates again was rebuilt, not dropped.
 */
static const struct {
	const char *marker;   /* lower case, in an added line */
	const char *name_key; /* where the index name follows, or NULL: right after marker */
	const char *table_key; /* where the table follows, or NULL */
	bool named;           /* the line drops an index only when name_key is on it */
} index_drops[] = {
	{"alter table ", " drop index ", "alter table ", true},
	{"drop index ", NULL, " on ", false},
	{"remove_index", "name:", "remove_index", false},
	{"<dropindex", "indexname=", "tablename=", false},
	{"removeindex(", "name=", "model_name=", false},
	{"->dropindex(", NULL, NULL, false},
};

static const char *const index_load_symptoms[] = {"timeout", "pool_exhausted"};

/* The identifier at `p` (quotes, ':', '(' and keywords of DROP INDEX skipped), or "". */
static void sql_ident(char *out, size_t size, const char *p)
{
	static const char *const skip[] = {"concurrently ", "if exists ", "online ", "table "};
	size_t n = 0;

	for (bool again = true; again;) {
		again = false;
		while (*p && strchr(" \t:(='\"`[", *p))
			p++;
		for (size_t i = 0; i < ARRAY_SIZE(skip); i++)
			if (!strncmp(p, skip[i], strlen(skip[i]))) {
				p += strlen(skip[i]);
				again = true;
			}
	}
	while (n + 1 < size && (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.'))
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
	if (strrchr(out, '.')) /* schema.name */
		memmove(out, strrchr(out, '.') + 1, strlen(strrchr(out, '.') + 1) + 1);
}

/* The index (and the table, when the statement names it) an added line drops. */
static bool dropped_index(const char *low, char *name, size_t nsize, char *table, size_t tsize)
{
	for (size_t i = 0; i < ARRAY_SIZE(index_drops); i++) {
		const char *m = strstr(low, index_drops[i].marker), *at;

		if (!m)
			continue;
		at = index_drops[i].name_key ? strstr(m, index_drops[i].name_key) : m;
		if (!at && index_drops[i].named)
			continue; /* "alter table t add column c": no index dropped */
		name[0] = table[0] = '\0';
		if (at)
			sql_ident(name, nsize, at + strlen(index_drops[i].name_key ? index_drops[i].name_key
										  : index_drops[i].marker));
		if (index_drops[i].table_key && (at = strstr(m, index_drops[i].table_key)))
			sql_ident(table, tsize, at + strlen(index_drops[i].table_key));
		if (!strcmp(table, name))
			table[0] = '\0';
		if (name[0] || table[0])
			return true;
	}
	return false;
}

/* Whether lower-cased `logs` hold SQL that reads or writes `table`. */
static bool sql_touches(const char *logs, const char *table)
{
	static const char *const verbs[] = {"from ", "join ", "update ", "into "};
	size_t tl = strlen(table);

	if (tl < 3)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
		for (const char *p = strstr(logs, verbs[i]); p; p = strstr(p + 1, verbs[i])) {
			const char *t = p + strlen(verbs[i]);

			while (*t == '"' || *t == '`' || *t == ' ')
				t++;
			if (!strncmp(t, "public.", 7))
				t += 7;
			if (!strncmp(t, table, tl) && !isalnum((unsigned char)t[tl]) && t[tl] != '_')
				return true;
		}
	return false;
}

/* The table an index name names by convention, read in `logs`: "idx_payouts_merchant" -> payouts. */
static bool index_table_in_logs(const char *logs, const char *name, char *table, size_t size)
{
	static const char *const prefixes[] = {"idx_", "ix_", "index_", "i_", "uq_", "ux_"};
	char buf[96];
	const char *p = name;

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(p, prefixes[i], strlen(prefixes[i]))) {
			p += strlen(prefixes[i]);
			break;
		}
	snprintf(buf, sizeof(buf), "%.90s", p);
	/* the longest run of leading words that is a table (or its plural) in the logs */
	for (char *cut = buf + strlen(buf); cut; cut = strrchr(buf, '_')) {
		*cut = '\0';
		snprintf(table, size, "%s", buf);
		if (sql_touches(logs, table))
			return true;
		snprintf(table, size, "%.90ss", buf);
		if (sql_touches(logs, table))
			return true;
	}
	table[0] = '\0';
	return false;
}

/* An added line of `f` that creates the index `name` again. */
static bool file_recreates(const struct patch_file *f, const char *name)
{
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (text_next_line(&cur, &line, &len)) {
			char *low;
			bool hit;

			if (*line != '+' || !is_change(line))
				continue;
			low = text_lower(line, len);
			hit = !comment_or_log(low) && strstr(low, name) &&
			      (strstr(low, "create index") || strstr(low, "create unique index") ||
			       strstr(low, "add_index") || strstr(low, "addindex") || strstr(low, "<createindex"));
			free(low);
			if (hit)
				return true;
		}
	}
	return false;
}

/* How many words of an index's name (its columns, by convention) the logs hold. */
static int column_words(const char *logs, const char *name, const char *table)
{
	char word[64];
	int n = 0;

	for (const char *p = name; *p;) {
		size_t k = strcspn(p, "_");

		if (k >= 3 && k < sizeof(word)) {
			snprintf(word, sizeof(word), "%.*s", (int)k, p);
			n += !strstr(table, word) && strstr(logs, word);
		}
		p += k + (p[k] == '_');
	}
	return n;
}

static void rule_dropped_index(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	char name[128], table[128], best[128] = "", best_table[128] = "", *logs = NULL;
	int best_words = -1;
	bool load = false;

	for (size_t i = 0; i < ARRAY_SIZE(index_load_symptoms) && !load; i++)
		load = has_symptom(c, index_load_symptoms[i]);
	if (!load || !c->logs)
		return;
	logs = text_lower(c->logs, strlen(c->logs));
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (text_next_line(&cur, &line, &len)) {
			char *low;
			bool dropped;
			int words;

			if (*line != '+' || !is_change(line))
				continue;
			low = text_lower(line + 1, len - 1);
			dropped = !comment_or_log(low) && dropped_index(low, name, sizeof(name), table, sizeof(table));
			free(low);
			if (!dropped || (name[0] && file_recreates(f, name)) ||
			    !(table[0] ? sql_touches(logs, table) : index_table_in_logs(logs, name, table, sizeof(table))))
				continue;
			/* of several, the index whose columns the slow queries use */
			if ((words = column_words(logs, name, table)) > best_words) {
				best_words = words;
				snprintf(best, sizeof(best), "%s", name);
				snprintf(best_table, sizeof(best_table), "%s", table);
			}
		}
	}
	if (best_words >= 0) {
		add(out, CAUSE_INDEX, 1.4, "drops the index %s%s%s while queries on %s time out: they lost "
		    "the plan the index gave them", best, best[0] ? " on " : "", best_table, best_table);
		if (best[0])
			set_subject(out, CAUSE_INDEX, best, best);
	}
	free(logs);
}

/*
 * A chain of middleware, filters or interceptors runs in the order it is registered: a
 * registration the PR moved past another changes what each one sees (a tenancy check
 * before authentication sees no user). It is evidence when the errors come from one of
 * the reordered steps (its package, file or name in the error lines).
 */
static const char *const chain_markers[] = {
	"use(", "middleware", "addfilter", "before_action", "after_action", "before_request",
	"interceptor", "pipeline.add", ".with(", "handlerfunc(", "filterchain", "add_filter",
};

static bool chain_line(const char *line, size_t len)
{
	return holds_any(line, len, chain_markers, ARRAY_SIZE(chain_markers));
}

/* A word of a chain line (5+ letters, not a marker) that the error lines hold as a token. */
static char *chain_word_in_errors(const char *line, size_t len, const struct causal_context *c)
{
	size_t n;
	char **words = words_of(line, len, &n), *hit = NULL;

	for (size_t i = 0; i < n && !hit; i++)
		if (strlen(words[i]) >= 5 && !strstr("middleware handlerfunc interceptor", words[i]) &&
		    text_has_token(c->errors, words[i]))
			hit = xstrdup(words[i]);
	sys_free_list(words);
	return hit;
}

struct line_ref {
	const char *s;
	size_t n;
};

/* The trimmed text of a diff line, for comparing a line removed with one added. */
static void trimmed(const char *line, size_t len, const char **s, size_t *n)
{
	*s = line + 1, *n = len - 1;
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* The diff line of a hunk that adds back the registration `s` (trimmed), or -1. */
static long added_back(const struct line_ref *lines, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++) {
		const char *t;
		size_t tn;

		trimmed(lines[i].s, lines[i].n, &t, &tn);
		if (*lines[i].s == '+' && tn == len && !memcmp(t, s, len))
			return (long)i;
	}
	return -1;
}

static void rule_reordered(struct causal *out, const struct patch_hunk *hk, const struct causal_context *c)
{
	struct line_ref *lines = NULL;
	size_t n = 0;
	const char *cur = hk->body, *line;
	size_t len;

	while (text_next_line(&cur, &line, &len)) {
		lines = xgrow(lines, n, sizeof(*lines));
		lines[n++] = (struct line_ref){line, len};
	}
	for (size_t i = 0; i < n; i++) {
		const char *s;
		size_t sn;
		long j;
		size_t lo, hi;
		char *word = NULL;

		if (*lines[i].s != '-' || !chain_line(lines[i].s, lines[i].n))
			continue;
		trimmed(lines[i].s, lines[i].n, &s, &sn);
		if (!sn || (j = added_back(lines, n, s, sn)) < 0)
			continue;
		/* the steps it moved past: registrations left in place between the two */
		lo = (size_t)j < i ? (size_t)j : i;
		hi = (size_t)j < i ? i : (size_t)j;
		for (size_t k = lo + 1; !word && k < hi; k++)
			if (*lines[k].s == ' ' && chain_line(lines[k].s, lines[k].n))
				word = chain_word_in_errors(lines[k].s, lines[k].n, c);
		if (word) {
			add(out, CAUSE_ORDER, 1.4, "moves %.*s past %s, a step the errors come from",
			    (int)(sn > 60 ? 60 : sn), s, word);
			free(word);
			break;
		}
	}
	free(lines);
}

/*
 * Executors by size, as the common runtimes ship them: blocking work moved from a pool
 * sized for blocking (dozens of threads, or unbounded) onto one sized by the CPU count
 * queues behind a handful of threads as soon as load comes.
 */
static const struct {
	const char *name;  /* lower case, as written in code */
	bool small;        /* sized by the CPU count (or one thread) */
} pools[] = {
	{"dispatchers.io", false}, {"dispatchers.default", true}, {"dispatchers.main", true},
	{"schedulers.boundedelastic", false}, {"schedulers.elastic", false},
	{"schedulers.parallel", true}, {"schedulers.single", true}, {"schedulers.immediate", true},
	{"newcachedthreadpool", false}, {"newsinglethreadexecutor", true},
	{"forkjoinpool.commonpool", true}, {"parallelstream", true}, {"newworkstealingpool", true},
	{"run_in_executor(none", false}, {"to_thread", false}, {"loop.run_until_complete", true},
};

static int pool_in(const char *low, bool small)
{
	for (size_t i = 0; i < ARRAY_SIZE(pools); i++)
		if (pools[i].small == small && strstr(low, pools[i].name))
			return (int)i;
	return -1;
}

static void rule_pool_swap(struct causal *out, const struct patch_hunk *hk, const struct causal_context *c)
{
	const char *cur = hk->body, *line;
	size_t len;
	int big_removed = -1, small_added = -1, big_added = -1;

	if (!has_symptom(c, "timeout") && !has_symptom(c, "pool_exhausted") && !has_symptom(c, "http_5xx"))
		return;
	while (text_next_line(&cur, &line, &len)) {
		char *low;

		if (!is_change(line) || comment_or_log(line + 1))
			continue;
		low = text_lower(line + 1, len - 1);
		if (*line == '-' && big_removed < 0)
			big_removed = pool_in(low, false);
		if (*line == '+' && small_added < 0)
			small_added = pool_in(low, true);
		if (*line == '+' && big_added < 0)
			big_added = pool_in(low, false);
		free(low);
	}
	if (big_removed >= 0 && small_added >= 0 && big_added < 0)
		add(out, CAUSE_LIMIT, 1.4, "moves work from %s to %s, a pool sized by the CPU count, while "
		    "requests time out", pools[big_removed].name, pools[small_added].name);
}

/*
 * A client or connection pool is built once and shared: built per call, every call opens
 * new connections and the old ones linger in TIME_WAIT until local ports or descriptors
 * run out. A constructor the PR moved (removed and added again) under that symptom.
 */
static const char *const pool_constructors[] = {
	"&http.transport{", "&http.client{", "new httpclient(", "httpclient.newhttpclient(",
	"httpclient.create(", "new okhttpclient(", "okhttpclient.builder()", "requests.session(",
	"httpx.client(", "httpx.asyncclient(", "aiohttp.clientsession(", "new sqlconnection(",
	"createpool(", "new pool(", "redis.newclient(", "grpc.dial(", "webclient.create(",
	"new socketshttphandler(", "new httpclienthandler(", "sql.open(",
};

static void rule_client_per_call(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	int removed = -1, added = -1;

	if (!has_symptom(c, "ports_exhausted"))
		return;
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (text_next_line(&cur, &line, &len)) {
			char *low;

			if (!is_change(line))
				continue;
			low = text_lower(line + 1, len - 1);
			for (size_t i = 0; i < ARRAY_SIZE(pool_constructors); i++)
				if (strstr(low, pool_constructors[i]))
					*(*line == '-' ? &removed : &added) = (int)i;
			free(low);
		}
	}
	if (removed >= 0 && added >= 0)
		add(out, CAUSE_BOUND, 1.4, "moves the construction of a shared client (%s) where every call "
		    "runs it, while local ports or descriptors run out", pool_constructors[added]);
}

static bool turns_on(const char *s, size_t len)
{
	static const char *const on[] = {"true", "enabled", "\"on\"", ": on", "=on", "= on"};
	char *low = text_lower(s, len);
	const char *v = strpbrk(low, ":=");
	bool yes = false;

	for (size_t i = 0; v && !yes && i < ARRAY_SIZE(on); i++)
		yes = strstr(v, on[i]) && !strstr(v, "false") && !strstr(v, "disabled");
	free(low);
	return yes;
}

static bool flaggy(const char *s)
{
	return text_contains_ci(s, "flag") || text_contains_ci(s, "feature") ||
	       text_contains_ci(s, "toggle") || text_contains_ci(s, "enable") ||
	       text_contains_ci(s, "rollout") || text_contains_ci(s, "experiment");
}

/* A flag the PR turned on; stronger when the logs name it. */
static void rule_flag(struct causal *out, const struct patch_file *f, const char *line, size_t len,
		      bool in_flags, const struct causal_context *c)
{
	char *key = key_of(line + 1, len - 1);
	char want[96], *folded_logs;

	if (!key || strlen(key) < 4 || !turns_on(line + 1, len - 1) ||
	    !(in_flags || flaggy(patch_file_path(f)) || flaggy(key))) {
		free(key);
		return;
	}
	text_fold_name(want, sizeof(want), key, strlen(key));
	folded_logs = xmalloc(strlen(c->logs) + 1);
	text_fold_name(folded_logs, strlen(c->logs) + 1, c->logs, strlen(c->logs)); /* already lower */
	if (strlen(want) >= 6 && strstr(folded_logs, want))
		add(out, CAUSE_FLAG, 1.5, "turns on the flag %s, which the logs show active", key);
	else
		add(out, CAUSE_FLAG, 0.5, "turns on the flag %s", key);
	free(folded_logs);
	free(key);
}

/* The first version-like token of a line ("2.31.0", "v1.4.2-rc1"), or false. */
static bool version_token(const char *s, size_t len, char *out, size_t size)
{
	for (size_t i = 0; i + 2 < len; i++) {
		size_t j = i, n;

		/* "v1.9.0" (Go modules, tags) is version 1.9.0; "abc1.2" is no version */
		bool vee = i && (s[i - 1] == 'v' || s[i - 1] == 'V') &&
			   (i == 1 || !isalnum((unsigned char)s[i - 2]));

		if (!isdigit((unsigned char)s[i]) ||
		    (i && !vee && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.')))
			continue;
		while (j < len && (isalnum((unsigned char)s[j]) || strchr(".-+", s[j])))
			j++;
		n = j - i;
		if (!memchr(s + i, '.', n) || n >= size || n < 3)
			continue;
		memcpy(out, s + i, n);
		out[n] = '\0';
		return true;
	}
	return false;
}

/* A manifest line that re-versions a package: its new version in the logs. */
static void rule_dependency(struct causal *out, const struct pull *p, const struct patch_file *f,
			    const char *line, size_t len, const struct causal_context *c)
{
	char version[48], core[48];
	char *key;
	bool own;

	if (!pathkind_is_manifest(patch_file_path(f)) || !version_token(line + 1, len - 1, version, sizeof(version)))
		return;
	key = key_of(line + 1, len - 1);
	own = key && !strcasecmp(key, "version"); /* the project's own version, not a dependency's */
	free(key);
	/* "3.12-slim" is seen as "python3.12" in a path: compare the numbers */
	snprintf(core, sizeof(core), "%.*s", (int)strspn(version, "0123456789."), version);
	/* "9.0" is any number in a log; "3.12" or "2.31.0" is a version */
	if (own || removed_holds(p, version) || !strchr(core, '.') || strlen(core) < 4)
		return;
	/* In an error line the new version is part of the failure; in a start-up banner it
	 * only proves the deploy. */
	if (text_has_version(c->errors, core))
		add(out, CAUSE_DEPENDENCY, 1.5, "moves a dependency to %s, the version the errors show", version);
	else if (log_has(c, core))
		add(out, CAUSE_DEPENDENCY, 0.6, "moves a dependency to %s, the version the logs show", version);
}

static int version_bump(const struct pull *p);

/* A base image or a language runtime: Dockerfile FROM lines, .python-version, .nvmrc... */
static bool runtime_file(const char *path)
{
	const char *base = sys_basename(path);

	return text_contains_ci(base, "dockerfile") || text_contains_ci(base, "containerfile") ||
	       !strcmp(base, ".tool-versions") || !strcmp(base, ".nvmrc") ||
	       !strcmp(base, ".python-version") || !strcmp(base, ".ruby-version") ||
	       !strcmp(base, "runtime.txt") || !strcmp(base, "global.json");
}

/*
 * Code that is not there (a module, a class, a symbol: the linkage signal) after a
 * version change: a runtime or base image moved more surely than a library.
 */
static void rule_linkage(struct causal *out, const struct pull *p, const struct causal_context *c)
{
	bool runtime = false, library = false;

	if (!has_symptom(c, "linkage") || !version_bump(p))
		return;
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);

		if (pathkind_is_manifest(path))
			*(runtime_file(path) ? &runtime : &library) = true;
	}
	add(out, CAUSE_DEPENDENCY, runtime ? 1.4 : 1.0, "changes the version of %s while the errors show "
	    "code that is not there (a module, a class, a symbol)", runtime ? "the runtime or base image"
								  : "a dependency");
}

/* The first raise-site frame (c->raised) inside package `name`, copied to `frame`. */
static bool raised_in(const struct causal_context *c, const char *name, char *frame, size_t size)
{
	const char *cur = c->raised, *line;
	size_t len;

	while (cur && text_next_line(&cur, &line, &len)) {
		char *one = xstrndup(line, len);
		bool in = depline_in_frame(name, one);

		free(one);
		if (in) {
			snprintf(frame, size, "%.*s", (int)(len < 120 ? len : 120), line);
			return true;
		}
	}
	return false;
}

/*
 * A manifest line that moves a package (a changed version; Maven's name is on an
 * <artifactId> line above its <version>) whose own code the failure was raised in: the
 * trace ends inside the library the pull request changed.
 */
static void rule_raised_in(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	char name[128], version[48], frame[128];

	if (!c->raised || !*c->raised || !pathkind_is_manifest(patch_file_path(f)) ||
	    runtime_file(patch_file_path(f)))
		return;
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		name[0] = '\0';
		while (text_next_line(&cur, &line, &len)) {
			if (len > 1) /* the package named on this line, or still the one above */
				(void)depline_package(line + 1, len - 1, name, sizeof(name));
			if (*line != '+' || !name[0] || !version_token(line + 1, len - 1, version, sizeof(version)) ||
			    !raised_in(c, name, frame, sizeof(frame)))
				continue;
			add(out, CAUSE_DEPENDENCY, 1.6, "moves %s to %s, and the failure is raised inside "
			    "its code (%s)", name, version, frame);
			return;
		}
	}
}

/*
 * Where a schema statement names the column it makes required: "alter column c set not
 * null", "add [column] c <type> not null", MySQL's "modify [column] c <type> not null".
 */
static const char *const NOT_NULL_KEYS[] = {"alter column ", "add column ", "modify column ", "modify ", "add "};

/* The column an added schema line makes NOT NULL with no default, into `col`; or false. */
static bool required_column(const char *low, char *col, size_t size)
{
	if (!strstr(low, "not null") || strstr(low, "default") || strstr(low, "drop not null"))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(NOT_NULL_KEYS); i++) {
		size_t n;
		const char *at = ident_after(low, NOT_NULL_KEYS[i], "\"`", false, &n);

		if (!at)
			continue;
		if (n < 2 || n >= size || !strncmp(at, "constraint", 10))
			return false;
		memcpy(col, at, n);
		col[n] = '\0';
		return true;
	}
	return false;
}

/*
 * A schema migration that makes a column required (NOT NULL, no default) while the
 * errors show rows written without it: the code that inserts them did not change.
 */
static void rule_not_null(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	char col[64];

	if (!has_symptom(c, "not_null_violation") || !text_ends_with_ci(patch_file_path(f), ".sql"))
		return;
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (text_next_line(&cur, &line, &len)) {
			char *low;
			bool hit;

			if (*line != '+')
				continue;
			low = text_lower(line + 1, len - 1);
			hit = required_column(low, col, sizeof(col)) && text_has_token(c->errors, col);
			free(low);
			if (hit) {
				add(out, CAUSE_CONTRACT, 1.6, "makes the column %s required (NOT NULL) while the "
				    "errors show rows written without it", col);
				return;
			}
		}
	}
}

/*
 * A health probe the kubelet now fails: the pull request changed a line of a hunk that is
 * about a probe (livenessProbe, readinessProbe, startupProbe).
 */
static void rule_probe(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	if (!has_symptom(c, "probe_failed") || !pathkind_is_config(patch_file_path(f)))
		return;
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;
		bool probe = text_contains_ci(f->hunks[h].section, "probe"), changed = false;

		while (text_next_line(&cur, &line, &len)) {
			char *l = text_lower(line, len);

			probe |= strstr(l, "probe") != NULL;
			changed |= is_change(line) && !comment_or_log(line + 1);
			free(l);
		}
		if (probe && changed) {
			add(out, CAUSE_VALUE, 1.4, "changes a health probe in %s, and the kubelet reports the "
			    "probes failing", patch_file_path(f));
			return;
		}
	}
}

/* The leading number of a version ("v3.0.0" -> 3), with `*rest` after it. */
static long version_part(const char *v, const char **rest)
{
	char *end;
	long n;

	while (*v && !isdigit((unsigned char)*v))
		v++;
	n = strtol(v, &end, 10);
	*rest = *end == '.' ? end + 1 : end;
	return n;
}

/*
 * How big the pull request's biggest version change in a dependency manifest is:
 * 3 major, 2 minor, 1 patch (or unknown), 0 none.
 */
static int version_bump(const struct pull *p)
{
	int best = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++) {
		if (!pathkind_is_manifest(patch_file_path(&p->patch.files[i])))
			continue;
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			char before[48] = "", after[48];
			size_t len;

			while (text_next_line(&cur, &line, &len)) {
				const char *a, *b;
				int bump = 1;

				if (*line == '-')
					version_token(line + 1, len - 1, before, sizeof(before));
				if (*line != '+' || !version_token(line + 1, len - 1, after, sizeof(after)))
					continue;
				if (before[0] && version_part(before, &b) != version_part(after, &a))
					bump = 3;
				else if (before[0] && version_part(b, &b) != version_part(a, &a))
					bump = 2;
				best = bump > best ? bump : best;
			}
		}
	}
	return best;
}

/*
 * A dependency bump whose release notes (the pull request's description, as Renovate and
 * Dependabot write it) name what the errors show: two or more code-like terms of the
 * description ("java.time.Instant", "epoch_millis", "ObjectMapper") stand in the errors,
 * the package's own name and versions (in its changed lines) aside.
 */
static void rule_release_notes(struct causal *out, const struct pull *p, const struct causal_context *c)
{
	struct terms t = TERMS_INIT;
	size_t body_len, hits = 0, need;
	char first[96] = "";
	int bump;
	double w;

	if (!p->meta.body || !(bump = version_bump(p)))
		return;
	/* a major bump announced as breaking needs one shared term; anything else two */
	need = bump == 3 && text_contains_ci(p->meta.body, "breaking") ? 1 : 2;
	w = bump == 3 ? 1.4 : bump == 2 ? 0.9 : 0.5;
	body_len = strlen(p->meta.body);
	terms_add_text(&t, p->meta.body, body_len < 16384 ? body_len : 16384, 1.0);
	for (size_t k = 0; k < t.n && hits < need; k++) {
		char *low;

		if (t.weight[k] < 1.0 || strlen(t.text[k]) < 6 || strchr(t.text[k], '/'))
			continue;
		low = text_lower(t.text[k], strlen(t.text[k]));
		if (text_has_token(c->errors, low) && !lines_hold(p, low, "+-") && !hits++)
			snprintf(first, sizeof(first), "%s", t.text[k]);
		free(low);
	}
	if (hits >= need)
		add(out, CAUSE_DEPENDENCY, w, "bumps a dependency (%s version) whose release notes name "
		    "%s, which the errors show", bump == 3 ? "major" : bump == 2 ? "minor" : "patch", first);
	terms_release(&t);
}

/*
 * The removed line paired with an added line of a change block: the removed line with
 * the same key ("pool_size: 5" pairs with "pool_size: 20" wherever it stands), else the
 * one at the same position (`index`), or NULL.
 */
static const char *paired_removed(const char *block, size_t index, const char *added, size_t alen,
				  size_t *len)
{
	const char *cur = block, *line, *by_index = NULL;
	char *key = added ? key_of(added + 1, alen - 1) : NULL;
	size_t n, k = 0, index_len = 0;

	/* the whole run of changed lines: git may put the removed ones after the added */
	while (text_next_line(&cur, &line, &n) && (*line == '-' || *line == '+')) {
		char *rk;
		bool same;

		if (*line != '-')
			continue;
		rk = key ? key_of(line + 1, n - 1) : NULL;
		same = rk && !strcmp(rk, key);
		free(rk);
		if (same) {
			free(key);
			*len = n;
			return line;
		}
		if (k++ == index) {
			by_index = line;
			index_len = n;
		}
	}
	free(key);
	*len = index_len;
	return by_index;
}

/* Is `added` a cosmetic version of some removed line of the block (moved, re-indented...)? */
static bool cosmetic_in_block(const char *block, const char *added)
{
	const char *cur = block, *line;
	size_t len;
	bool yes = false;

	while (!yes && text_next_line(&cur, &line, &len) && (*line == '-' || *line == '+')) {
		char *r;

		if (*line != '-')
			continue;
		r = xstrndup(line + 1, len - 1);
		yes = causal_cosmetic(r, added);
		free(r);
	}
	return yes;
}

/* Does the run of changed lines at `block` remove anything? */
static bool run_removes(const char *block)
{
	const char *cur = block, *line;
	size_t len;

	while (block && text_next_line(&cur, &line, &len) && (*line == '-' || *line == '+'))
		if (*line == '-')
			return true;
	return false;
}

/* What the PR did to the line `loc` points at: added it, changed it, or only touched it. */
static void judge_failing_line(struct causal *out, const char *block, const char *line, size_t len,
			       const struct frame_location *loc)
{
	char *as = xstrndup(line + 1, len - 1);
	bool changed = run_removes(block);

	if (changed ? cosmetic_in_block(block, as) : causal_cosmetic(NULL, as))
		; /* a comment, a log call, a lint suppression, a move: not a cause */
	else if (!changed)
		add(out, CAUSE_FAILING_LINE, 1.3 * loc->weight,
		    "adds the code of %s:%d, where the stack trace fails", loc->file, loc->line);
	else
		add(out, CAUSE_FAILING_LINE, 0.5 * loc->weight,
		    "changes the code of %s:%d, where the stack trace fails", loc->file, loc->line);
	free(as);
}

/* Did the PR change, not cosmetically, the line `loc` points at? */
static void rule_failing_line(struct causal *out, const struct patch_file *f,
			      const struct frame_location *loc)
{
	for (size_t h = 0; h < f->nhunks; h++) {
		const struct patch_hunk *hk = &f->hunks[h];
		const char *cur = hk->body, *line, *block = NULL;
		size_t len;
		int n = hk->new_start;

		if (loc->line < hk->new_start || loc->line >= hk->new_start + hk->new_lines)
			continue;
		while (text_next_line(&cur, &line, &len)) {
			if (*line != '-' && *line != '+')
				block = NULL;
			else if (!block)
				block = line;
			if (*line == '+' && n == loc->line)
				judge_failing_line(out, block, line, len, loc);
			if (*line == '+' || *line == ' ')
				n++;
		}
	}
}

/*
 * The removed line of the file with the same key as `added` (a setting moved within the
 * file), else `fallback`.
 */
static const char *removed_with_key(const struct patch_file *f, const char *added, size_t alen,
				    const char *fallback, size_t *len)
{
	char *key = key_of(added + 1, alen - 1);
	const char *found = NULL;

	for (size_t h = 0; key && !found && h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t n;

		while (!found && text_next_line(&cur, &line, &n)) {
			char *rk = *line == '-' ? key_of(line + 1, n - 1) : NULL;

			if (rk && !strcmp(rk, key)) {
				found = line;
				*len = n;
			}
			free(rk);
		}
	}
	free(key);
	return found ? found : fallback;
}

/* `depth` plus the parentheses a line opens, less those it closes (never below 0). */
static int paren_balance(const char *s, size_t len, int depth)
{
	for (size_t i = 0; i < len; i++)
		depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
	return depth > 0 ? depth : 0;
}

/* The rules that read one added line, with its paired removed line when it has one. */
static void rules_of_line(struct causal *out, const struct pull *p, const struct patch_file *f,
			  const char *line, size_t len, const char *r, size_t rlen, bool in_flags,
			  bool in_log_call, const struct causal_context *c)
{
	bool reworded = r && comment_or_log(r + 1), config = pathkind_is_config(patch_file_path(f));

	rule_text(out, p, line, len, reworded, in_log_call, c);
	if (!config)
		rule_backtracking(out, line, len, c);
	rule_throws(out, p, line, len, c);
	rule_flag(out, f, line, len, in_flags, c);
	rule_dependency(out, p, f, line, len, c);
	if (config)
		r = removed_with_key(f, line, len, r, &rlen); /* settings move around in a file */
	if (r) {
		rule_changed_value(out, r + 1, rlen - 1, line + 1, len - 1, config, c);
		rule_field_type(out, r + 1, rlen - 1, line + 1, len - 1, c);
	} else if (config && value_separator(line + 1, len - 1)) {
		/* a setting the PR brought in, whose value the errors quote */
		char *key = key_of(line + 1, len - 1);

		if (key)
			rule_name_value(out, key, "", 0, line + 1, len - 1, true, c);
		free(key);
	}
}

static void end_block(struct causal *out, const char *block, const struct causal_context *c)
{
	struct buf removed = BUF_INIT, added = BUF_INIT;

	if (!run_removes(block))
		return;
	block_sides(&removed, &added, block);
	if (added.len)
		rule_narrowed(out, removed.ptr, removed.len, added.ptr, added.len, c);
	buf_release(&removed);
	buf_release(&added);
}

/* The added lines of one hunk, block by block (a run of removed then added lines). */
static void rules_of_hunk(struct causal *out, const struct pull *p, const struct patch_file *f,
			  const struct patch_hunk *hk, const struct causal_context *c)
{
	const char *cur = hk->body, *line, *block = NULL;
	size_t len, added_index = 0;
	bool in_flags = flaggy(hk->section); /* inside a "features:" block, say */
	int log_depth = 0; /* open parentheses of a log call that spans lines */

	if (pathkind_is_test_or_doc(patch_file_path(f)))
		return;
	while (text_next_line(&cur, &line, &len)) {
		const char *r = NULL;
		size_t rlen = 0;
		bool in_log_call = log_depth > 0;

		if (*line != '-' && (log_depth > 0 || comment_or_log(line + 1)))
			log_depth = paren_balance(line + 1, len - 1, log_depth);

		if (*line != '+') {
			char *l = xstrndup(line, len);

			in_flags |= flaggy(l);
			free(l);
		}
		if (*line != '-' && *line != '+') {
			end_block(out, block, c);
			block = NULL;
			added_index = 0;
			continue;
		}
		if (!block)
			block = line;
		if (*line != '+')
			continue;
		r = paired_removed(block, added_index, line, len, &rlen);
		rules_of_line(out, p, f, line, len, r, rlen, in_flags, in_log_call, c);
		added_index++;
	}
	end_block(out, block, c);
}

/* ---- settings files: keys as paths ---- */

struct keypath {
	int indent;
	char key[96];
};

/*
 * The leaf keys of a settings text as dotted paths, one per line in `out`: YAML by
 * indentation ("a:\n  b: 1" -> "a.b"), .properties and .env lines as they are
 * ("a.b=1", "A_B=1"). Lists and flow values are leaves of their key.
 */
void causal_settings_keys(struct buf *out, const char *text)
{
	struct keypath stack[16];
	size_t depth = 0, len;
	const char *cur = text, *line;

	while (text_next_line(&cur, &line, &len)) {
		size_t i = 0, k;
		const char *colon;

		while (i < len && line[i] == ' ')
			i++;
		if (i >= len || strchr("#-!%", line[i]) || (colon = memchr(line + i, ':', len - i)) == NULL) {
			const char *eq = memchr(line, '=', len);

			if (!i && eq && !strchr("#;[", line[0]))
				buf_putf(out, "%.*s\n", (int)(eq - line), line);
			continue;
		}
		k = (size_t)(colon - line) - i;
		if (k == 0 || k >= sizeof(stack[0].key) || memchr(line + i, ' ', k))
			continue;
		while (depth && stack[depth - 1].indent >= (int)i)
			depth--;
		if (depth == ARRAY_SIZE(stack))
			continue;
		stack[depth].indent = (int)i;
		memcpy(stack[depth].key, line + i, k);
		stack[depth].key[k] = '\0';
		depth++;
		for (const char *v = colon + 1; v < line + len; v++)
			if (!isspace((unsigned char)*v)) {
				for (size_t d = 0; d < depth; d++)
					buf_putf(out, "%s%s", d ? "." : "", stack[d].key);
				buf_puts(out, "\n");
				break;
			}
	}
}

/* The file's text before the pull request: its diff reversed onto the default branch's. */
static int text_before(struct buf *out, const struct patch_file *f, const struct causal_context *c)
{
	struct patch one = {(struct patch_file *)f, 1, 0, 0}, back = {0};
	struct buf now = BUF_INIT, rev = BUF_INIT;
	int error;

	if ((error = c->read_file(c->read_ctx, f->new_path, &now)) == 0 &&
	    (error = patch_render(&rev, &one, true, NULL, NULL)) == 0 &&
	    (error = patch_parse(&back, rev.ptr, rev.len, "reversed diff")) == 0 && back.nfiles == 1)
		error = patch_apply_file(out, &back.files[0], now.ptr, now.len);
	patch_release(&back);
	buf_release(&now);
	buf_release(&rev);
	return error;
}

static bool is_settings(const char *path)
{
	return text_ends_with_ci(path, ".yml") || text_ends_with_ci(path, ".yaml") ||
	       text_ends_with_ci(path, ".properties") || strstr(sys_basename(path), ".env") == sys_basename(path);
}

/* A settings key the PR moved or renamed that the code still reads under its old path. */
static void rule_settings_renamed(struct causal *out, const struct patch_file *f, const struct causal_context *c)
{
	struct buf before = BUF_INIT, after = BUF_INIT, old_keys = BUF_INIT, new_keys = BUF_INIT;
	const char *cur, *key;
	char *padded = NULL;
	size_t len;

	if (!c->read_file || !c->repo_uses || !f->new_path || f->is_new || !is_settings(f->new_path) ||
	    text_before(&before, f, c) < 0 || c->read_file(c->read_ctx, f->new_path, &after) < 0)
		goto done;
	causal_settings_keys(&old_keys, before.ptr);
	causal_settings_keys(&new_keys, after.ptr);
	padded = xasprintf("\n%s", new_keys.ptr);
	for (cur = old_keys.ptr; text_next_line(&cur, &key, &len);) {
		char *k = xstrndup(key, len), *line = xasprintf("\n%s\n", k);

		if ((strchr(k, '.') || (strchr(k, '_') && len >= 6)) && !strstr(padded, line) &&
		    c->repo_uses(c->repo_ctx, k))
			add(out, CAUSE_REMOVED_NAME, 1.4, "moves the setting %s away, but the code still "
			    "reads it there", k);
		free(line);
		free(k);
	}
done:
	free(padded);
	err_clear();
	buf_release(&before);
	buf_release(&after);
	buf_release(&old_keys);
	buf_release(&new_keys);
}

static size_t indent_of(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && (s[n] == ' ' || s[n] == '\t'))
		n++;
	return n;
}

/* True when some changed line of `side` ('+' or '-') in `f` sets `key`. */
static bool file_sets(const struct patch_file *f, char side, const char *key)
{
	bool hit = false;

	for (size_t h = 0; !hit && h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (!hit && text_next_line(&cur, &line, &len)) {
			char *k = *line == side ? key_of(line + 1, len - 1) : NULL;

			hit = k && !strcasecmp(k, key);
			free(k);
		}
	}
	return hit;
}

/*
 * The value `key` falls back to once an override at `depth` is gone: the least-indented
 * setting of the same key above that depth (a Globals or defaults block). -1 when none.
 */
static double fallback_value(const char *text, const char *key, size_t depth, char *token, size_t size)
{
	const char *cur = text, *line;
	size_t len, best = depth;
	double value = -1;

	while (text_next_line(&cur, &line, &len)) {
		size_t ind = indent_of(line, len);
		char *k = ind < best ? key_of(line, len) : NULL;
		double v;

		if (k && !strcasecmp(k, key) && (v = causal_value(line, len, token, size)) >= 0) {
			value = v;
			best = ind;
		}
		free(k);
	}
	return value;
}

/*
 * A nested override the PR deleted without setting the key anew, where an outer block
 * still sets it: the outer value now applies ("Timeout: 30" under one function removed,
 * "Timeout: 3" in Globals stays). Judged as the limit moving from one value to the other.
 */
static void rule_override_removed(struct causal *out, const struct patch_file *f,
				  const struct causal_context *c)
{
	struct buf after = BUF_INIT;

	if (!c->read_file || !f->new_path || f->is_new || !is_settings(f->new_path) ||
	    c->read_file(c->read_ctx, f->new_path, &after) < 0)
		goto done;
	for (size_t h = 0; h < f->nhunks; h++) {
		const char *cur = f->hunks[h].body, *line;
		size_t len;

		while (text_next_line(&cur, &line, &len)) {
			char *k = *line == '-' ? key_of(line + 1, len - 1) : NULL;
			char t1[48], t2[48];
			double v1, v2;

			if (k && !file_sets(f, '+', k) && (v1 = causal_value(line + 1, len - 1, t1, sizeof(t1))) >= 0 &&
			    (v2 = fallback_value(after.ptr, k, indent_of(line + 1, len - 1), t2, sizeof(t2))) >= 0 &&
			    v2 < v1)
				for (size_t i = 0; i < ARRAY_SIZE(shapes); i++)
					if (shapes[i].direction == -1 && shape_applies(&shapes[i], c) &&
					    key_has_knob(k, &shapes[i]))
						add(out, CAUSE_LIMIT, 1.4, "%s: removes the override %s: %s, so the "
						    "outer %s applies", shapes[i].what, k, t1, t2);
			free(k);
		}
	}
done:
	err_clear();
	buf_release(&after);
}

void causal_assess(struct causal *out, const struct pull *p, const struct causal_context *c)
{
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const struct patch_file *f = &p->patch.files[i];

		for (size_t h = 0; h < f->nhunks; h++)
			rules_of_hunk(out, p, f, &f->hunks[h], c);
		if (!pathkind_is_test_or_doc(patch_file_path(f))) {
			for (size_t h = 0; h < f->nhunks; h++) {
				rule_reordered(out, &f->hunks[h], c);
				rule_cache_key(out, &f->hunks[h], c);
				rule_pool_swap(out, &f->hunks[h], c);
			}
			rule_removed_bound(out, f, c);
			rule_removed_filter(out, f, c);
			rule_dropped_index(out, f, c);
			rule_client_per_call(out, f, c);
			rule_settings_renamed(out, f, c);
			rule_override_removed(out, f, c);
			rule_probe(out, f, c);
			rule_raised_in(out, f, c);
			rule_not_null(out, f, c);
		}
		for (size_t l = 0; f->new_path && l < c->nlocs; l++)
			if (pull_frame_matches(&c->locs[l], f->new_path))
				rule_failing_line(out, f, &c->locs[l]);
	}
	rule_removed_names(out, p, c);
	rule_removed_literals(out, p, c);
	rule_release_notes(out, p, c);
	rule_linkage(out, p, c);
	out->total = 0;
	for (size_t i = 0; i < out->n; i++)
		out->total += out->v[i].weight;
}
