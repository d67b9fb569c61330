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
#include "core/causal.h"
#include "core/incident.h"
#include "core/pull.h"
#include "core/tuning.h"
#include "util/terms.h"
#include "logs/digest.h"

/*
 * Association alone (shared words, the same file or hunk) adds at most
 * BLAME_ASSOCIATION_CAP to the score's exponent, which keeps it under 0.20, below any
 * sensible blame threshold (tuning.h): only causal evidence convicts.
 */
#define BLAME_ASSOCIATION_CAP 0.45

/* The evidence terms of a digest, without the incident's service/environment names. */
void blame_evidence_terms(struct terms *out, const struct digest *d, const struct incident *inc);

struct suspect {
	size_t pull;        /* index into the pulls array */
	int number;
	double score;       /* 0..1: causal evidence, plus a capped share of association */
	double causal;      /* the causal weight (causal.h): 0 means nothing convicts it */
	double association; /* the shared-word and location score, uncapped */
	struct causal causes; /* what its diff can have done (causal.h) */
	char *why;          /* one sentence */
	char **matched;     /* the shared terms, strongest first (NULL-terminated) */
	size_t nmatched;
	bool after_alert;   /* merged after the failure began (or the alert): never blamed */
	bool not_deployed;  /* deployments are known and none shipped it: never blamed */
	bool victim;        /* its files are on one of several paths the same error shows on */
	time_t effective;   /* when it reached production: its deploy, else its merge */
};

/*
 * What the ranking reads. `onset` is when the failure began (0: the alert's time):
 * a pull request merged after it cannot be the cause. `deployed` (NULL when no
 * deployment is known) gives, per pull request, when a deployment shipped it (0: not
 * known, -1: no deployment did), so a change merged days ago but deployed just before
 * the onset counts as recent, and one that was never deployed is out.
 */
struct blame_input {
	const struct incident *inc;
	const struct digest *d;
	const struct pull *pulls;
	size_t npulls;
	const struct causal_context *causal; /* NULL: association only, nobody is convicted */
	time_t onset;
	const time_t *deployed;
	const struct tuning *tuning; /* NULL: tuning_defaults */
};

/*
 * Rank `pulls` against the digest. Every pull request gets a suspect entry, best first;
 * `*out` is a new array (blame_suspects_free).
 */
void blame_rank(struct suspect **out, size_t *count, const struct blame_input *in);
void blame_suspects_free(struct suspect *s, size_t count);

/*
 * The locations of the application frames of every trace (library frames left out), in
 * trace order; a new array (free() it). Frames without a file:line give none.
 */
struct frame_location *blame_trace_locations(size_t *count, const struct digest *d);

#endif
