/*
 * ciclass.h - what kind of failure a CI log shows, and whether it is the code's fault.
 *
 * A pure function over log text: every line is matched against a table of patterns
 * (agent/logs/ciclass.c), each naming a class and whether it is *infrastructure*: the
 * runner, the network or a registry failed, not the change, so the right answer is to
 * re-run the failed jobs, never to push a "fix". Knows nothing of GitHub or of repairs.
 *
 * Which match wins when a log shows several: the row with the highest rank, and among
 * equal ranks the first line. Ranks encode what explains the others:
 *   - a runner that was lost, killed for memory or ran out of disk makes every other
 *     line moot (90);
 *   - the code's own failures (a migration clash, a syntax or compile error, a failed
 *     assertion, a linter) outrank the network, whose retry warnings appear in green
 *     builds too (80 .. 50);
 *   - a registry answering 429/5xx or a reset connection outranks "could not resolve
 *     dependencies", which is what a build says when the download failed (45 > 40);
 *   - permission and timeout come last of the failures a person must look at.
 * Lines are matched without case where the table says so; a leading Actions timestamp
 * ("2026-11-18T03:12:00.1234567Z ") is skipped. Cost: a few regular expressions per line,
 * meant for distilled text and log tails (kilobytes), not for a whole 300 MB log.
 */
#ifndef AIOPS_CICLASS_H
#define AIOPS_CICLASS_H

#include "common.h"

enum ciclass_kind {
	CICLASS_NONE = 0,
	CICLASS_COMPILE,     /* the compiler refused the code */
	CICLASS_TEST,        /* a test ran and its assertion failed */
	CICLASS_LINT,        /* a linter or formatter asked for changes */
	CICLASS_DEPENDENCY,  /* a package or version could not be resolved */
	CICLASS_NETWORK,     /* a registry or host answered 429/5xx, or the connection broke */
	CICLASS_RUNNER,      /* the runner was lost, killed (OOM) or out of disk */
	CICLASS_TIMEOUT,     /* the job or a step ran out of time */
	CICLASS_PERMISSION,  /* the token or the user lacks a permission */
	CICLASS_MIGRATION,   /* database migrations clash or fail (Flyway, Liquibase, ...) */
	CICLASS_SYNTAX,      /* a YAML, JSON or TOML file does not parse */
};

/* What a line or a log was classified as. */
struct ciclass_match {
	enum ciclass_kind kind;  /* CICLASS_NONE: nothing matched */
	bool infrastructure;     /* re-run, do not fix */
	int rank;                /* the row's rank (0 for none) */
	const char *rule;        /* the row's name ("flyway-duplicate-version"), static; or NULL */
	size_t line;             /* 1-based line of the text that matched (0 for none) */
	size_t at;               /* byte offset in that line where the pattern matched */
};

#define CICLASS_MATCH_INIT {CICLASS_NONE, false, 0, NULL, 0, 0}

/* "compile", "test", "lint", "dependency", "network", "runner", "timeout",
 * "permission", "migration", "syntax", or "none". */
const char *ciclass_name(enum ciclass_kind kind);

/* Classify one line (no newline needed; `len` bytes). */
void ciclass_line(struct ciclass_match *out, const char *line, size_t len);

/* Classify a whole text, line by line, by the rule above. */
void ciclass_text(struct ciclass_match *out, const char *text, size_t len);

struct digest;
/*
 * Classify a digested CI log (one with a failing step, logs/ci.c): its failing steps'
 * lines, its first error and its error templates; CICLASS_NONE for a log that is not a
 * CI job's. Then the one line that says it first in the distilled digest (distill.h
 * `lead`): "Failure class: compile (rule go-undefined), on \"…main.go:14:2: undefined:
 * mux\"" (the words that matched, with up to 60 bytes before them), with ": infrastructure,
 * re-run the job" when it is; written into `out` (`size` bytes), false when there is none.
 */
void ciclass_digest(struct ciclass_match *out, const struct digest *d);
#define CICLASS_LEAD_MAX 512 /* bytes of a lead line, its quoted evidence included */
bool ciclass_lead(char *out, size_t size, const struct digest *d);

#endif
