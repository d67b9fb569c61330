/*
 * offline.h - the built-in rule engine: a diagnosis without a model.
 *
 * General rules only, never knowledge of a particular scenario:
 *   1. the signal table (signals.h) is matched against the digest's error and warning
 *      lines and traces;
 *   2. the best suspect (blame.h, causal.h) at or above the blame threshold (tuning.h) is
 *      blamed, unless a platform signal (a provider outage, maintenance, node pressure,
 *      throttling, DNS, a certificate) proves the platform at fault and none of the
 *      suspect's causes is confirmed by the errors themselves;
 *   3. without a culprit: an infrastructure incident when the logs show an
 *      infrastructure signal (with the remediation workflow's action when it has one and
 *      can help: never "renew" a certificate that belongs to another host), else "cause
 *      not established", escalated to people;
 *   4. the remediation follows the culprit's evidence: a broad change rolled back (at a
 *      severe incident, or when it broke several things at once); a dependency bump (or a
 *      change of manifests only) pinned back; a missing column with Flyway gets a
 *      migration; a flag flipped back; a settings change restored; else a code fix;
 *   5. confidence comes from the margin over the second suspect and whether the errors
 *      confirm the cause, never from the score alone.
 */
#ifndef AIOPS_OFFLINE_H
#define AIOPS_OFFLINE_H

#include "common.h"
#include "core/evidence.h"

int offline_diagnose(struct diagnosis *out, const struct evidence *ev);


#endif
