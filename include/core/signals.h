/*
 * signals.h - the failure signatures the agent knows, in one data table: their needles
 * in the logs, their rank (how close to a root cause), whether they can be an
 * infrastructure cause or even prove one, and the remediation workflow's action.
 *
 * Adding a signal is adding a row in signals.c (and a unit test on a made-up log line).
 */
#ifndef AIOPS_SIGNALS_H
#define AIOPS_SIGNALS_H

#include "common.h"
#include "core/evidence.h"
#include "logs/digest.h"

struct signals_row {
	const char *name;        /* "pool_exhausted" */
	const char *meaning;     /* one line for humans */
	int rank;                /* 3 explains, 0 is what users see */
	bool infra;              /* can be the cause of an infrastructure incident */
	bool platform;           /* proves the platform at fault on its own */
	const char *action;      /* the remediation workflow's action, or NULL */
	const char *needles[14];
};

/* The row of signal `name`, or NULL. */
const struct signals_row *signals_info(const char *name);

/*
 * Match the table against a digest's templates and traces; `*out` is a new array, best
 * first by rank, count and first line (the diagnosis owns it: diagnosis_release, or free
 * each `example` and the array).
 */
void signals_find(struct signal **out, size_t *count, const struct digest *d);

/* Free an array from signals_find. */
void signals_free(struct signal *s, size_t count);

#endif
