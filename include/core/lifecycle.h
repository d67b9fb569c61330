#ifndef AIOPS_CORE_LIFECYCLE_H
#define AIOPS_CORE_LIFECYCLE_H

/*
 * The alert lifecycle apart from firing: a resolved alert closes the incident's issue
 * with a comment saying when and after how long; a notice (planned maintenance, an
 * advisory) asks for nothing. Neither diagnoses, commits, opens a pull request or
 * dispatches anything.
 */

#include "common.h"
#include "core/incident.h"
#include "io/github.h"

#include <jansson.h>
#include <stdbool.h>

/* Whether the incident is not a firing alert (resolved, or a notice). */
bool lifecycle_applies(const struct incident *inc);

/*
 * Act on a resolved alert or a notice through `gh` (nothing written when `dry_run`).
 * `*out` is the run's result: {incident_id, fingerprint, service, status, fired_at,
 * resolved_at, issue: {number, url} | null, action, summary}. An issue lookup GitHub
 * cannot answer is ERR_NET (nothing closed); no open issue is not an error.
 */
int lifecycle_run(json_t **out, struct github *gh, const struct incident *inc, bool dry_run);

/* When the alert resolved: Azure's resolvedDateTime, else the group's latest ends_at,
 * else `now`. */
time_t lifecycle_resolved_at(const struct incident *inc, time_t now);

/* "2 h 5 min", "45 min", "3 days 4 h": a duration for people. */
void lifecycle_duration(char *out, size_t size, double seconds);

#endif
