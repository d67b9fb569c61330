/*
 * repair_publish.h - what a repair writes: the corrected commit on the fix branch (git
 * through io/gitops.h), and the comments on the pull request.
 */
#ifndef AIOPS_REPAIR_PUBLISH_H
#define AIOPS_REPAIR_PUBLISH_H

#include "common.h"
#include "core/repair_evidence.h"
#include "core/repair_rules.h"
#include "io/github.h"
#include "io/gitops.h"
#include "util/buf.h"

/* The fix branch in a sandbox: fetched from the remote, ready for rules and a commit. */
struct repair_git {
	struct gitops *g;
	struct gitops_remote remote;
	char *url;                 /* owned; remote.url points here */
	char *head_ref, *base_ref; /* "refs/remotes/origin/<branch>"; base_ref NULL when not fetched */
	char head_sha[41];         /* the fetched tip of the fix branch */
};

/*
 * Create the sandbox at `dir` and fetch `branch` (and `base`, when it can be fetched)
 * from the repository's remote (gh->ops->remote). ERR_NOTFOUND when the backend has no
 * remote or the branch is gone.
 */
int repair_git_open(struct repair_git *out, struct github *gh, const char *server_url,
		    const char *dir, const char *branch, const char *base);
void repair_git_release(struct repair_git *rg);

/*
 * Commit `change` on `branch` on top of the fetched tip, fetch the branch again, and push
 * when it has not moved (ERR_CONFLICT, nothing pushed, when it has, or when the push is
 * refused as non-fast-forward). `out_sha` is the pushed commit.
 */
int repair_git_push(char out_sha[41], struct repair_git *rg, const char *branch,
		    const struct repair_change *change, const char *message);

/* What a comment says about the failure: the run, the class and the deciding line. */
struct repair_story {
	int attempt, max_attempts;
	const char *run_url;         /* the run's page, or NULL */
	long long run_id;
	const struct repair_evidence *ev;
	const char *branch;
};

/* "CI run ... failed: a <class> failure ..." and the deciding line, as markdown. */
void repair_put_failure(struct buf *b, const struct repair_story *s);
/* The distilled failure in a collapsed block. */
void repair_put_distilled(struct buf *b, const struct repair_evidence *ev);

#endif
