/*
 * offline.h - the built-in rule engine: a diagnosis without a model.
 *
 * General rules only, never knowledge of a particular scenario:
 *   1. a library of failure signatures (out of memory, missing column, pool exhaustion,
 *      auth/audience, TLS expiry, DNS, CrashLoop/OOMKilled, dependency linkage, ...) is
 *      matched against the digest's error and warning lines and traces;
 *   2. the top suspect above BLAME_THRESHOLD makes the incident an application one,
 *      blamed on that pull request; otherwise it is an infrastructure one;
 *   3. the remediation follows from the blame diff's shape and the signatures: a broad
 *      change on a P1 is rolled back; a bumped dependency named by the errors is pinned
 *      back; a missing column with Flyway migrations gets a migration; a flipped flag is
 *      flipped back; a config-only change is reverted; anything else gets a code fix.
 *      Infrastructure signatures the agent can act on dispatch a remediation workflow;
 *      the rest (DNS, network policy, unknown) are escalated to people.
 */
#ifndef AIOPS_OFFLINE_H
#define AIOPS_OFFLINE_H

#include "common.h"
#include "core/evidence.h"

/* A pull request touching this many files counts as broad. */
#define OFFLINE_BROAD_FILES 8

int offline_diagnose(struct diagnosis *out, const struct evidence *ev);

/* Match the signature library against a digest; `*out` new array (diagnosis owns it). */
void offline_signals(struct signal **out, size_t *count, const struct digest *d);


#endif
