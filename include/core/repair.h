/*
 * repair.h - self-healing CI: when a fix pull request the agent opened fails CI, read
 * why, and either re-run (infrastructure), push a corrected fix, or hand over to a
 * person. One run handles one failed workflow run of one pull request.
 *
 *   1. The target: a workflow_run event (completed, conclusion failure), or a pull
 *      request number with a run id (or its head's latest failed run).
 *   2. Only the agent's own pull requests: open, labelled GITHUB_LABEL_GENERATED, the
 *      body holding the hidden "<!-- aiops-fingerprint: ... -->" block that publish
 *      writes, head branch in this repository, and the run for its current head commit.
 *      Anything else is skipped with a one-line reason (action "skipped", not an error).
 *   3. The evidence (repair_evidence.h): the failed jobs' logs, digested from files.
 *   4. Infrastructure (a lost runner, OOM, a full disk, a registry's 429/5xx, a reset
 *      connection): the failed jobs are re-run once per run (POST rerun-failed-jobs) and
 *      the pull request says why; never a commit.
 *   5. The loop guard, counted in the pull request itself: every repair comment ends with
 *      "<!-- aiops-repair: {"action", "attempt", "run", "hash"} -->" and the pull request
 *      gets the label REPAIR_LABEL. Past the policy's max_repair_attempts corrections,
 *      when the failure hash of an earlier correction comes back, or when an
 *      infrastructure failure persists after its re-run, a hand-over comment with the
 *      distilled failure is written, the label REPAIR_LABEL_HUMAN added, and the run
 *      stops (action "handed_over", exit 0: the loop did what it must). A pull request
 *      already labelled REPAIR_LABEL_HUMAN is skipped.
 *   6. A correction: the offline rules (repair_rules.h) first (exact where the fix is
 *      mechanical); when none fits and a model is configured, the model's (repair_model.h,
 *      its answer checked like respond's own diffs). Its files pass the safety policy's
 *      path rules and may only touch the pull request's files or add files where a
 *      model's fix may (model_new_paths). A refused correction is handed over and returns
 *      ERR_POLICY (exit 4); a model that hands over, or cannot answer usably (said in
 *      "degraded"), leaves the hand-over too.
 *   7. Publish: the fix branch is fetched into a sandbox repository under work_dir, the
 *      correction committed on its tip (history kept, a new commit by aiops-agent[bot]),
 *      the branch fetched again just before the push: when it moved (somebody pushed, or
 *      a concurrent repair did), nothing is pushed and ERR_CONFLICT says so. Then the
 *      comment (what failed, what changed) and the label. When the token cannot start
 *      workflows by pushing (the workflow's GITHUB_TOKEN), the CI workflow named by the
 *      policy's repair_ci_workflow is dispatched on the branch; with none named, the
 *      comment says that a GitHub App token is needed for CI to run.
 * With dry_run, everything is read (the logs too) and nothing is written: the result's
 * "planned" lists what would be done.
 *
 * The result object (new reference, also on errors once the target is known):
 *   {pull_request, run_id, branch, action: skipped|rerun|fixed|handed_over|planned,
 *    reason, class, infrastructure, rule, failure_line, failure_hash, attempt,
 *    max_attempts, jobs: [{id, name, conclusion, log_bytes, error}], correction:
 *    {rule, files, summary} | null (rule "model" for the model's), engine ("offline" or
 *    the model's name), commit, comment, dispatch, planned, degraded}
 */
#ifndef AIOPS_REPAIR_H
#define AIOPS_REPAIR_H

#include "common.h"
#include "io/github.h"

#include <jansson.h>

struct diagnose_engine;

#define REPAIR_LABEL "aiops-repair"
#define REPAIR_LABEL_HUMAN "needs-human"
#define REPAIR_MARKER "<!-- aiops-repair: "

struct repair_opts {
	struct github *gh;            /* borrowed; must have the workflow-run operations */
	int pr;                       /* 0: the run's pull request */
	long long run_id;             /* 0: from the event, or the pull request's latest failed run */
	json_t *event;                /* a workflow_run event payload (borrowed), or NULL */
	const char *policy_path;      /* NULL: the repository's .github/aiops-agent.yml */
	const char *work_dir;         /* an empty scratch folder (logs, the git sandbox) */
	const char *server_url;       /* GITHUB_SERVER_URL, for the git remote; may be NULL */
	bool token_starts_workflows;  /* an App's or a person's token: a push starts CI */
	bool dry_run;
	struct diagnose_engine *engine; /* borrowed; NULL or without a model: the offline rules only */
};

/*
 * Run one repair. 0 with `*out` set for every outcome above but: ERR_POLICY (a
 * correction refused; handed over), ERR_CONFLICT (the branch moved; nothing pushed),
 * ERR_NET (GitHub unreachable), ERR_USAGE (a backend without workflow runs, or no run
 * and no pull request to look at), ERR_INPUT (an event that is not a workflow_run). `*out`
 * is set whenever the pull request was known, errors included.
 */
int repair_run(json_t **out, const struct repair_opts *o);

/*
 * Why a workflow_run event needs no repair, without asking GitHub: not a completed run,
 * or a run that did not fail ("the run did not fail (conclusion 'success')"); a static
 * or `buf`-held string. NULL when the run failed and repair must look.
 */
const char *repair_event_skip(json_t *event, char *buf, size_t size);

/* The marker of a repair comment: REPAIR_MARKER + {"action", "attempt", "run", "hash"} + " -->"; new string. */
char *repair_marker(const char *action, int attempt, long long run_id, const char *hash);

#endif
