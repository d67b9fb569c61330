/*
 * kb.h - the knowledge base: knowledge-base/incidents.md, parsed, searched, appended.
 *
 * An entry is a level-2 heading "## <id>: <title>" followed by "- key: value" lines in
 * a fixed order (date, service, severity, category, remediation, blame_pr, pattern,
 * root_cause, fix, runbook, fingerprint). Unknown keys are kept out of the struct but
 * do not fail the parse; text before the first entry (the intro) is ignored. The same
 * renderer writes the entries we append, so what we write we can read back.
 */
#ifndef AIOPS_KB_H
#define AIOPS_KB_H

#include "common.h"
#include "util/buf.h"

/*
 * Parsing is lenient about blanks, CRLF, a UTF-8 BOM, key case and order; a key repeated
 * keeps its last value; an indented line after a key line continues that value. Fields
 * that are missing, empty or "none" are NULL; `id` and `title` are never NULL (the
 * title may be ""). The id is one word without ':'. Before the first entry any level-2
 * heading not of the "<id>: <title>" form is part of the intro; after it, it is an error.
 */
struct kb_entry {
	char *id, *title;
	char *date, *service, *severity, *category, *remediation, *blame_pr;
	char *pattern, *root_cause, *fix, *runbook, *fingerprint;
	size_t line; /* line of the heading, 1-based */
};

struct kb {
	struct kb_entry *entries;
	size_t n;
	/* What was skipped, one line each ("line 7: entry 'INC-2' has no '- key: value'
	 * lines"): people edit the file in prose too, and that must not stop a run. */
	char **skipped;
	size_t nskipped;
};

#define KB_INIT {NULL, 0, NULL, 0}

/*
 * Parse the markdown text. An entry without key lines, or prose under a heading that is
 * not "## <id>: <title>", is skipped and said in `skipped`; only text that cannot be read
 * at all is an error.
 */
int kb_parse(struct kb *out, const char *text, size_t len, const char *origin);
/* Read and parse a file; a missing file is an empty knowledge base. */
int kb_load(struct kb *out, const char *path);
void kb_release(struct kb *kb);

/* The entry whose fingerprint is `fingerprint`, or NULL. */
const struct kb_entry *kb_find_fingerprint(const struct kb *kb, const char *fingerprint);

struct kb_match {
	const struct kb_entry *entry; /* borrowed from the kb */
	double score;                 /* 0..1 */
	char *why;                    /* the shared terms, e.g. "shared: HikariPool, timeout" */
};

/*
 * Rank entries by similarity of their pattern, title and root cause to `query` (the
 * digest's top templates and error identifiers, as free text): TF-IDF over lower-cased
 * word and identifier tokens, cosine similarity, plus a small bonus for the same
 * service. Returns up to `max` matches with score >= `min_score`, best first. `*out` is
 * a new array; free with kb_matches_free.
 *
 * Details: tokens keep '_' and inner '.' ("java.sql.SQLException"); compound and
 * CamelCase tokens also count their parts; stop words and tokens under 3 characters
 * are dropped; query terms that no entry has are ignored. The service bonus is 0.1
 * (case-insensitive service match, score capped at 1.0) and applies only to entries
 * that share some term: an entry with nothing in common is never returned. Equal
 * scores keep the file order. No matches gives *out NULL and *n 0.
 */
void kb_recall(struct kb_match **out, size_t *n, const struct kb *kb, const char *query,
	       const char *service, size_t max, double min_score);
void kb_matches_free(struct kb_match *m, size_t n);

/* Append one entry in the canonical format (a blank line before it). NULL fields are
 * written as "none". Values are put on one line (newlines become spaces) and trimmed,
 * so kb_parse reads back the same entry. ERR_INPUT when the id is empty or not one word
 * without ':', ERR_TOO_BIG past the buffer's cap; on failure `out` is left as it was. */
int kb_render_entry(struct buf *out, const struct kb_entry *e);

#endif
