/*
 * artifacts.h - everything the agent writes for people: runbook, Prometheus alert rules,
 * recommendations, the issue, the pull request text and the knowledge-base entry.
 *
 * Text is built in struct buf by the report_* writers. The alert rules are Prometheus
 * rules (one group, emitted by yamlio) with a `promtool test rules` file beside them,
 * or, for a service Azure Monitor watches, an ARM template of Azure metric alerts
 * (report_platform.h decides from the evidence). Secrets are redacted from anything
 * quoted from logs.
 */
#ifndef AIOPS_ARTIFACTS_H
#define AIOPS_ARTIFACTS_H

#include "common.h"
#include "util/buf.h"
#include "core/evidence.h"
#include "io/github.h"
#include "core/remediate.h"

struct artifacts {
	char *runbook_path;          /* "knowledge-base/runbooks/<service>-<signal>.md" */
	struct buf runbook;
	char *rules_path;            /* "knowledge-base/alerting-rules/<service>-<signal>.yml",
					or ".json" for Azure Monitor metric alerts */
	struct buf rules;
	size_t nrules;
	char *rules_test_path;       /* "<rules_path without .yml>.test.yml"; NULL for Azure */
	struct buf rules_test;       /* its promtool unit tests (refers to the rules by file name) */
	char *recommendations_path;  /* "knowledge-base/recommendations/<incident-id>.md" */
	struct buf recommendations;
	char *issue_title;
	struct buf issue_body;       /* ends with the fingerprint marker comment */
	char **issue_labels;         /* NULL-terminated */
	char *fix;                   /* one line on what the fix does (the kb entry's "fix") */
	struct buf suggestions;      /* a model's notes for the fix PR's body (review.h), or empty */
};

#define ARTIFACTS_INIT {0}

/*
 * Render the runbook, rules, recommendations and issue into `*out` (assigned only on
 * success; release with artifacts_release). `plan` may be NULL when no fix was planned.
 * Paths: the stem is the service lower-cased (anything outside [a-z0-9-] becomes '-'),
 * '-', and the primary signal (dx->signals[0], "incident" when there is none) with '_'
 * written '-'. The issue timeline's "agent run" time is now, or SOURCE_DATE_EPOCH when
 * set, so output can be reproduced. Fails only when the rules cannot be emitted.
 */
int artifacts_render(struct artifacts *out, const struct evidence *ev,
		     const struct diagnosis *dx, const struct plan *plan);
void artifacts_release(struct artifacts *a);

/*
 * A model's notes (a section of review.h): reviewed text, never committed. With `in_pr`
 * they wait in a->suggestions for the fix pull request's body; otherwise (no fix branch)
 * they go into the issue body, before its marker.
 */
void artifacts_suggest(struct artifacts *a, const char *section, bool in_pr);

/*
 * The pull request body (appended to `out`), linking the issue (NULL when none was
 * created) with "Closes #N", with `suggestions` (may be NULL) before the fingerprint
 * marker line it ends with. `plan` may be NULL.
 */
int artifacts_pr_body(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		      const struct plan *plan, const struct github_created *issue,
		      const char *suggestions);

/*
 * The knowledge-base entry for this incident (kb.h format, appended with
 * kb_render_entry): its runbook path and fix line come from `a` (may be NULL, then
 * "none" and the diagnosis' rationale). kb.h has no field for the issue or the pull
 * request, so the entry does not link them; the fingerprint finds the issue.
 */
int artifacts_kb_entry(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		       const struct artifacts *a);

/* The marker a re-run looks for in issue bodies. */
#define ARTIFACTS_FINGERPRINT_MARKER "<!-- aiops-fingerprint: %s -->"

#endif
