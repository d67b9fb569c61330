/*
 * publish.h - carry out an allowed plan: the fix branch, the knowledge base, then GitHub.
 *
 * The order is chosen so that nothing is lost when a later step fails, and so that two
 * runs of the same incident at the same time open one issue, not two:
 *
 *   1. the fix branch (plan->branch) is committed on the default branch's tip and, with
 *      a remote, pushed. The name is deterministic, so a re-run finds it: when the
 *      remote branch already holds the same fix the run reuses its tip; when it holds
 *      something else the fix is committed on top of it (a fast-forward; somebody's
 *      commits on the branch are never thrown away);
 *   2. the knowledge-base entry and the artifacts (runbook, alert rules,
 *      recommendations) are committed on the default branch; with a remote through
 *      gitops_commit_push (fetch, rebuild on the tip, push, retry on a non-fast-forward
 *      push), so every run's entry is appended and none overwrites another's. A
 *      protected default branch (the push is refused: ERR_POLICY) sends the same files
 *      to the branch "knowledge-base/<incident-id>" instead, and step 6 opens a pull
 *      request for it. This commit is also the claim on the incident: git updates a
 *      branch atomically, so exactly one of several concurrent runs appends the entry
 *      (`kb_appended`); the others find it there and know that another run owns the
 *      incident;
 *   3. the issue (labels from the artifacts: incident, aiops-generated, severity:Px)
 *      through github_upsert_issue: an open issue with the fingerprint gets a
 *      "Recurred at ..." comment instead of a twin. A run that did not append the
 *      entry for this very incident (same id) first waits up to `issue_wait_ms` for
 *      the owner's issue to appear; after a failed run the re-run waits that long,
 *      then opens the issue itself;
 *   4. the fix pull request (label aiops-generated, body linking the issue) through
 *      github_upsert_pull: an open pull request of the branch is updated, not doubled;
 *   5. the remediation workflow dispatch (infrastructure_action), and a comment on the
 *      issue with the link to the run;
 *   6. the "knowledge-base: <incident-id>" pull request when the default branch was
 *      protected.
 *
 * Each step that fails is recorded in `degraded` ("issue: <message>") and the steps
 * that do not depend on it still run. A step that fails because GitHub or the remote
 * cannot be reached after the retries (ERR_NET) stops the run there: `unreachable` is
 * set, what was done so far stays in the result, and a re-run finds it (steps 1 to 6
 * are idempotent) and completes the rest.
 *
 * Git work happens in `repo_path` when given (a checkout of the repository), else in a
 * sandbox repository at `sandbox_dir`: without a remote it is built from the default
 * branch's files (the offline twin's tree/); with a remote the default branch is
 * fetched into it, so that the branches pushed share the remote's history.
 */
#ifndef AIOPS_PUBLISH_H
#define AIOPS_PUBLISH_H

#include "common.h"
#include "core/artifacts.h"
#include "core/evidence.h"
#include "io/github.h"
#include "core/remediate.h"

struct publish_opts {
	const char *repo_path;    /* existing repository, or NULL for a sandbox */
	const char *sandbox_dir;  /* where to build the sandbox */
	/*
	 * The repository's git remote (https://host/owner/name.git) and the token to push
	 * with; NULL: no remote, nothing is pushed (offline: the commits stay in the
	 * sandbox or in repo_path).
	 */
	const char *remote_url;
	const char *remote_token;
	long issue_wait_ms;       /* step 3's wait for a concurrent run's issue; 0: none */
	int kb_attempts;          /* gitops_commit_push attempts for the knowledge base; 0: 10 */
	/* The safety policy refused the plan: open (or comment) the issue and nothing else:
	 * no commit, no pull request, no dispatch. */
	bool issue_only;
};

struct publish_result {
	char *repo_dir;             /* where the git work happened */
	char *base_branch;
	char fix_commit[41];        /* "" when no fix branch */
	bool fix_pushed;            /* the fix branch is on the remote (pushed or found there) */
	bool fix_existed;           /* the remote branch already held this fix (a re-run) */
	char kb_commit[41];         /* "" when the knowledge base was not committed */
	char *kb_branch;            /* the branch kb_commit is on (the base branch, or the
				       knowledge-base/<id> branch when that is protected) */
	char *kb_protected;         /* why the base branch was not used (the push's message), or NULL */
	bool kb_pushed;             /* kb_commit is on the remote */
	bool reverted_commit;       /* pr_rollback done as a revert of the merge commit */
	struct github_created issue;
	bool issue_existed;         /* found by its fingerprint: commented, not opened */
	int duplicate_closed;       /* a twin issue this run opened and closed again, or 0 */
	struct github_created pull;
	bool pull_existed;          /* an open pull request of the branch was updated */
	struct github_created kb_pull; /* the knowledge-base pull request (protected branch) */
	bool dispatched;
	struct github_created dispatch; /* url: the run (or the workflow's runs) */
	struct github_created dispatch_comment;
	bool kb_appended;           /* false when the entry was already there (a re-run) */
	bool unreachable;           /* a step failed with ERR_NET and the run stopped there */
	char **degraded;            /* "step: message", NULL-terminated */
	size_t ndegraded;
};

/*
 * Without a remote, returns an error when the git work cannot start (the repository or
 * the sandbox cannot be opened or built), with nothing published. Everything else,
 * with a remote also the sandbox's fetch, is reported in out->degraded (and
 * out->unreachable), and the return is 0: `*out` then lists what was done.
 */
int publish_run(struct publish_result *out, const struct publish_opts *opts,
		const struct evidence *ev, const struct diagnosis *dx, const struct plan *plan,
		const struct artifacts *a);
void publish_result_release(struct publish_result *r);

/*
 * What publish_run would do, one line each ("push branch 'fix/...' (2 files)", "open
 * issue '...'", "comment on issue #12 (it carries the fingerprint)" ...), for a dry
 * run: only reads (the existing issue and pull request are looked up). A
 * NULL-terminated list of new strings (sys_free_list).
 */
char **publish_plan(const struct evidence *ev, const struct plan *plan, const struct artifacts *a,
		    bool remote);

#endif
