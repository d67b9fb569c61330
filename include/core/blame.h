/*
 * blame.h - which recent pull request caused the incident: suspects, scores, reasons.
 *
 * The evidence is the set of identifiers in the log digest's error and warning lines,
 * exception headlines and stack frames: class, method, file and package names, SQL
 * columns and tables, config keys, env vars, dependency names, flag names. Each merged
 * pull request is scored by the identifiers its diff shares with that evidence (added
 * and removed lines, file paths, hunk section headers), each weighted by how rare it is
 * across the candidate pull requests: a word every pull request touches proves nothing.
 * Pull requests merged after the alert fired are out; older ones count less.
 *
 * Frames of well-known libraries (the JDK, Spring, Hibernate, Netty, node internals,
 * the Go runtime...) do not contribute their names; frames inside installed packages
 * (site-packages, node_modules, Go module cache) contribute the package name, so a
 * dependency bump can be matched. The alert's own service and environment names are
 * not evidence: they say where, not what.
 */
#ifndef AIOPS_BLAME_H
#define AIOPS_BLAME_H

#include "common.h"
#include "logs/digest.h"
#include "io/github.h"
#include "core/incident.h"
#include "util/patch.h"

/* Score at or above which a suspect is taken as the cause. */
#define BLAME_THRESHOLD 0.40

/* A merged pull request with its parsed diff. */
struct pull {
	struct github_pull meta;
	struct patch patch;
	bool has_diff;
};

/* A set of identifier terms with weights (open addressing on the text). */
struct terms {
	char **text;
	double *weight;
	size_t n, alloc;
	size_t *slots; /* index + 1, 0 = empty */
	size_t nslots;
};

#define TERMS_INIT {0}

void terms_release(struct terms *t);
/* Add `s` (len bytes) with `weight`; an existing term keeps the larger weight. */
void terms_add(struct terms *t, const char *s, size_t len, double weight);
/* The weight of `s`, or 0 when absent. */
double terms_weight(const struct terms *t, const char *s);
/*
 * Tokenize free text into identifier terms and add them: runs of letters, digits and
 * "_.$-" split further at '.', '$', '-' and '/', keeping the whole run too. Terms that
 * look like code (camelCase, snake_case, dotted, kebab-case, letters with digits) get
 * `weight`; plain words get `weight * 0.35`; short tokens, numbers, hex ids and common
 * words are skipped.
 */
void terms_add_text(struct terms *t, const char *text, size_t len, double weight);

/* The evidence terms of a digest, without the incident's service/environment names. */
void blame_evidence_terms(struct terms *out, const struct digest *d, const struct incident *inc);

struct suspect {
	size_t pull;        /* index into the pulls array */
	int number;
	double score;       /* 0..1 */
	char *why;          /* one sentence */
	char **matched;     /* the shared terms, strongest first (NULL-terminated) */
	size_t nmatched;
	bool after_alert;   /* merged after the alert fired: never blamed */
};

/*
 * Rank `pulls` against the digest. Every pull request gets a suspect entry, best first;
 * `*out` is a new array (blame_suspects_free).
 */
void blame_rank(struct suspect **out, size_t *count, const struct incident *inc,
		const struct digest *d, const struct pull *pulls, size_t npulls);
void blame_suspects_free(struct suspect *s, size_t count);

/* Where an application stack frame points: the file's base name and the line. */
struct frame_location {
	char file[128];
	int line;
	double weight; /* 1 for the frame nearest the error, less for deeper ones */
};

/*
 * The locations of the application frames of every trace (library frames left out), in
 * trace order; a new array (free() it). Frames without a file:line give none.
 */
struct frame_location *blame_trace_locations(size_t *count, const struct digest *d);

/* Parse a pull request's diff into `pull->patch` (has_diff false when empty). */
int blame_pull_load_diff(struct pull *pull, const char *diff, size_t len);
void blame_pulls_free(struct pull *pulls, size_t count);

#endif
