/*
 * publish.h - carry out an allowed plan: git first, then GitHub, then the knowledge base.
 *
 * The order is chosen so that nothing is lost when a later step fails: the fix branch
 * is committed before the issue is opened, the issue before the pull request that
 * links it, and the knowledge-base commit (runbook, rules, recommendations, the new
 * incidents.md entry) comes last. Each step that fails is recorded as degraded and the
 * steps that do not depend on it still run.
 *
 * Git work happens in `repo_path` when given (a checkout of the repository), else in a
 * sandbox repository built from the default branch's files (the offline twin's tree/).
 */
#ifndef AIOPS_PUBLISH_H
#define AIOPS_PUBLISH_H

#include "common.h"
#include "artifacts.h"
#include "diagnose.h"
#include "github.h"
#include "remediate.h"

struct publish_opts {
	const char *repo_path;    /* existing repository, or NULL for a sandbox */
	const char *sandbox_dir;  /* where to build the sandbox */
};

struct publish_result {
	char *repo_dir;             /* where the git work happened */
	char *base_branch;
	char fix_commit[41];        /* "" when no fix branch */
	char kb_commit[41];         /* "" when the knowledge base was not committed */
	bool reverted_commit;       /* pr_rollback done as a revert of the merge commit */
	struct github_created issue;
	struct github_created pull;
	bool dispatched;
	bool kb_appended;           /* false when the entry was already there (a re-run) */
	char **degraded;            /* "step: message", NULL-terminated */
	size_t ndegraded;
};

int publish_run(struct publish_result *out, const struct publish_opts *opts,
		const struct evidence *ev, const struct diagnosis *dx, const struct plan *plan,
		const struct artifacts *a);
void publish_result_release(struct publish_result *r);

#endif
