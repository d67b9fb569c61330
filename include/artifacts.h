/*
 * artifacts.h - everything the agent writes for people: runbook, Prometheus alert rules,
 * recommendations, the issue, the pull request text and the knowledge-base entry.
 *
 * Text is built in struct buf; the alert rules are built as a JSON document and emitted
 * by yamlio (a real YAML emitter), one rule group per incident, and every rule uses only
 * metric names valid in PromQL. Secrets are redacted from anything quoted from logs.
 */
#ifndef AIOPS_ARTIFACTS_H
#define AIOPS_ARTIFACTS_H

#include "common.h"
#include "buf.h"
#include "diagnose.h"
#include "github.h"
#include "remediate.h"

struct artifacts {
	char *runbook_path;          /* "knowledge-base/runbooks/<service>-<signal>.md" */
	struct buf runbook;
	char *rules_path;            /* "knowledge-base/alerting-rules/<service>-<signal>.yml" */
	struct buf rules;
	size_t nrules;
	char *recommendations_path;  /* "knowledge-base/recommendations/<incident-id>.md" */
	struct buf recommendations;
	char *issue_title;
	struct buf issue_body;       /* ends with the fingerprint marker comment */
	char **issue_labels;         /* NULL-terminated */
};

#define ARTIFACTS_INIT {0}

/* Render the runbook, rules, recommendations and issue. */
int artifacts_render(struct artifacts *out, const struct evidence *ev,
		     const struct diagnosis *dx, const struct plan *plan);
void artifacts_release(struct artifacts *a);

/* The pull request body, linking the issue (NULL when none was created). */
int artifacts_pr_body(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		      const struct plan *plan, const struct github_created *issue);

/*
 * The knowledge-base entry for this incident (kb.h format) with links to the issue and
 * the pull request when they exist.
 */
int artifacts_kb_entry(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		       const struct artifacts *a);

/* The marker a re-run looks for in issue bodies. */
#define ARTIFACTS_FINGERPRINT_MARKER "<!-- aiops-fingerprint: %s -->"

#endif
