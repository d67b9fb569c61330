/*
 * tuning.h - the numbers the diagnosis turns on, in one documented place. The defaults
 * come from the suite in incidents/; a repository's policy file may override any of them
 * under `diagnosis:` (policy.h), e.g.
 *
 *   diagnosis:
 *     blame_threshold: 0.45
 *     broad_files: 12
 */
#ifndef AIOPS_TUNING_H
#define AIOPS_TUNING_H

#include "common.h"

struct tuning {
	/* A suspect's score at or above which it is blamed (0..1). Association alone stays
	 * below 0.20, so only causal evidence (causal.h) can reach it. */
	double blame_threshold;
	/* Score margin over the second suspect for high confidence (half of it: medium). */
	double high_margin;
	/* Hours of merged pull requests read before the alert (live GitHub). */
	int window_hours;
	/* Files from which a pull request counts as broad. */
	size_t broad_files;
	/* A broad culprit is rolled back whole at this severity or worse (1 = P1)... */
	int broad_rollback_severity;
	/* ...or at any severity when it produced this many distinct failure signatures. */
	size_t broad_signatures;
	/* Hours in production after which an immediate cause (a value, a limit, a flag, a
	 * renamed name) says half as much: it would have failed sooner. */
	double immediate_hours;
	/* The same for a capacity limit (a pool, memory, a timeout): it bites under load,
	 * which may come days later (a month-end run, a traffic peak). */
	double capacity_hours;
};

extern const struct tuning tuning_defaults;

#endif
