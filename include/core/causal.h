/*
 * causal.h - what a pull request's diff can have *done* to produce the failure, as
 * opposed to what it merely shares with it.
 *
 * Sharing a word, a file or a hunk with the errors is location: a refactor of the file in
 * the stack trace, a comment or a lint suppression on the failing line share as much
 * with the errors as the change that broke them. A cause is a mechanism, and each kind
 * below is one general rule over the diff and the evidence:
 *
 *   text          lines the PR added produce the logged text: the constant parts of a
 *                 string literal it added (format placeholders aside) stand in an error
 *                 line, and the removed lines did not already hold them; a log call
 *                 that only describes the failure (or rewords an older log call) counts
 *                 little, a name of code it newly refers to ("price_old") counts;
 *   throws        lines the PR added throw or raise an exception type the traces show;
 *   removed_name  the PR removed or renamed an identifier (field, key, method, env var,
 *                 column, route) that the errors, the failing code or the rest of the
 *                 default branch still use;
 *   value         the PR changed a value (a port, a size, a timeout, a host:port) that
 *                 appears in the errors;
 *   limit         the PR moved a limit in the direction the symptom needs (a pool or
 *                 memory limit lowered, a timeout shortened, a retry budget cut): the
 *                 symptom-class table in causal.c, as data;
 *   bound         the PR removed or narrowed a bound the symptom needs gone (a cache
 *                 size, a LIMIT or paging, eager loading), from the same table;
 *   flag          the PR turned on a flag, and the logs name that flag;
 *   dependency    the PR re-versions a package the failing code runs through, or whose
 *                 new version the logs show;
 *   failing_line  the PR changed, not cosmetically, a line a stack frame points at
 *                 (whitespace, comments, lint suppressions, logging calls and consistent
 *                 renames are cosmetic).
 *
 * Weights say how much each kind proves on its own: 1.5 for a mechanism the errors
 * confirm (text, removed_name named by the errors, value, flag named by the logs,
 * dependency), less where the link is one step removed (limit, failing_line, a removed
 * name only the default branch still uses).
 */
#ifndef AIOPS_CAUSAL_H
#define AIOPS_CAUSAL_H

#include "common.h"
#include "core/pull.h"
#include "util/buf.h"
#include "logs/digest.h"

enum cause_kind {
	CAUSE_TEXT,
	CAUSE_THROWS,
	CAUSE_REMOVED_NAME,
	CAUSE_VALUE,
	CAUSE_LIMIT,
	CAUSE_FLAG,
	CAUSE_DEPENDENCY,
	CAUSE_FAILING_LINE,
	CAUSE_BOUND,
	CAUSE_CONTRACT, /* a field's type or shape on the wire changed */
	CAUSE_ORDER,    /* a middleware or filter chain reordered */
	CAUSE_INDEX,    /* an index the slow queries need was dropped (subject: its name) */
};
#define CAUSE_KINDS (CAUSE_INDEX + 1)

struct cause {
	enum cause_kind kind;
	double weight;
	char *detail;   /* one phrase for humans: "adds the message 'unsupported currency'" */
	char *subject;  /* what the fix acts on, for kinds that name one (an index), or NULL */
};

struct causal {
	struct cause *v;
	size_t n, alloc;
	double total;   /* the weights summed, each kind counted once (its strongest) */
};

#define CAUSAL_INIT {0}

/* What the rules read besides the diff. Strings are lower-cased by causal_context_init. */
struct causal_context {
	char *errors;        /* error and warning lines, trace headlines and causes */
	char *logs;          /* every template's example, any level (flags, versions) */
	char *raised;        /* the frames each trace was raised in (innermost first), lower case */
	const char *symptoms[16]; /* signal names present (signals_find), NULL-terminated */
	const struct frame_location *locs; /* application frames (borrowed) */
	size_t nlocs;
	const char *sources; /* code around the failing frames, or NULL (borrowed) */
	const char *service; /* the incident's service, or NULL: its name is in every line */
	/* True when the default branch still uses `name` (exact spelling); may be NULL. */
	bool (*repo_uses)(void *ctx, const char *name);
	void *repo_ctx;
	/* True when some raw log line holds the version `token` (not inside a longer number;
	 * glued to a name counts: "python3.12"); may be NULL. */
	bool (*raw_logs_have)(void *ctx, const char *token);
	void *raw_ctx;
	/* The default branch's text of `path` (appended to `out`); may be NULL. */
	int (*read_file)(void *ctx, const char *path, struct buf *out);
	void *read_ctx;
};

/* Fill the text fields from a digest (new strings: causal_context_release). */
void causal_context_init(struct causal_context *c, const struct digest *d);
void causal_context_release(struct causal_context *c);

/* Judge one pull request. `out` starts as CAUSAL_INIT; release with causal_release. */
void causal_assess(struct causal *out, const struct pull *p, const struct causal_context *c);
void causal_release(struct causal *c);

const char *cause_kind_name(enum cause_kind k);
/* The cause of most weight (the first of equals), or NULL when there is none. */
const struct cause *causal_strongest(const struct causal *c);

/*
 * Building blocks, public for their unit tests.
 *
 * causal_literal_fragments: the constant parts of the string literals in `line` (quotes
 * ", ' and `), split at format placeholders (%s, %d, {}, {0}, {name}, ${x}, #{x},
 * %(name)s), lower-cased, trimmed, those of at least `min` bytes; NULL-terminated new
 * array (sys_free_list).
 */
char **causal_literal_fragments(const char *line, size_t len, size_t min);
/* A cosmetic change: same code once comments, white space, lint suppressions and
 * consistent renames are set aside, or a logging call or a comment on its own. */
bool causal_cosmetic(const char *removed, const char *added);
/*
 * True for the kinds whose effect starts with the deploy (value, limit, flag,
 * removed_name): a service that ran well for many hours after such a change was not
 * broken by it alone, so the ranking weighs them less the longer the change ran before
 * the onset (blame.h). Messages, thrown types, failing lines and dependencies act only
 * when their code path runs, whenever that is.
 */
bool causal_immediate(enum cause_kind k);
/* A regular expression with a quantified group that holds a quantifier ("(\\d+)+"). */
bool causal_nested_quantifier(const char *s);
/* The leaf keys of a YAML, .properties or .env text as dotted paths, one per line. */
void causal_settings_keys(struct buf *out, const char *text);
/* The number in `s` after its key, with its unit, in base units (ms, bytes) or -1. */
double causal_value(const char *s, size_t len, char *token, size_t tsize);

#endif
