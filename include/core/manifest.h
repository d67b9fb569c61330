/*
 * manifest.h - the infrastructure-as-code side of an infrastructure action: when the
 * repository holds the service's Kubernetes manifests, the change the action makes in
 * the cluster is also made in them (a pull request), so the cluster and the repository
 * agree. Values are replaced in place, so comments, order and layout are kept.
 */
#ifndef AIOPS_CORE_MANIFEST_H
#define AIOPS_CORE_MANIFEST_H

#include "common.h"
#include "core/evidence.h"
#include "util/buf.h"

/*
 * The manifest diff for `action` (raise-memory-limit: the Deployment's first container's
 * memory limit and request times 3/2 in Mi, capped at 8192Mi; restart-and-scale-out: the
 * HorizontalPodAutoscaler's maxReplicas doubled, at most 20). The Deployment or HPA is
 * the one named like the service, else the repository's only one. `*diff` is empty when
 * the repository holds no such manifest or the value is already at its cap; `*what` (a
 * new string, or NULL) says what changed ("memory limit 512Mi -> 768Mi in deploy/...").
 */
int manifest_change(struct buf *diff, char **what, const struct evidence *ev, const char *action);

/* A Kubernetes memory quantity in Mi, rounded up ("512Mi", "1Gi", "800M"), or -1. */
long manifest_mebibytes(const char *quantity);

#endif
