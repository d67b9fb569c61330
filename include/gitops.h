/*
 * gitops.h - the only user of libgit2: repositories, branches, commits, reverts.
 *
 * Knows nothing of incidents: it commits files and diffs it is given. Every commit is
 * made as `aiops-agent[bot] <aiops-agent[bot]@users.noreply.github.com>` (author and
 * committer), at the current time.
 *
 * Errors: libgit2's message is copied into err_last() (it may be NULL; then a generic
 * text names the operation). ERR_NOTFOUND for a missing ref or commit, ERR_INPUT for
 * a diff that does not parse or does not apply, ERR_FAIL otherwise.
 */
#ifndef AIOPS_GITOPS_H
#define AIOPS_GITOPS_H

#include "common.h"
#include "buf.h"

#define GITOPS_AUTHOR_NAME "aiops-agent[bot]"
#define GITOPS_AUTHOR_EMAIL "aiops-agent[bot]@users.noreply.github.com"

struct gitops; /* an open repository; opaque */

/* A file to write (data/len) or delete (remove) in a commit; paths are repository paths. */
struct gitops_file {
	const char *path;
	const char *data;
	size_t len;
	bool remove;
};

/*
 * Create a new non-bare repository at `path` (created; must not already hold one)
 * whose HEAD points at the unborn branch `branch` (e.g. "main").
 */
int gitops_init(struct gitops **out, const char *path, const char *branch);
/* Open an existing repository (the work tree or .git path). */
int gitops_open(struct gitops **out, const char *path);
void gitops_free(struct gitops *g);

/* The short name of the branch HEAD points at ("main"); new string. */
int gitops_head_branch(char **out, struct gitops *g);

/*
 * Commit `files` on `branch`. The parent is the tip of `branch` when it exists, else the
 * tip of `base` (any revision; ERR_NOTFOUND when it does not resolve), else a root
 * commit when `base` is NULL, equals `branch`, or is HEAD's unborn branch. Files not
 * listed keep their content from the parent. The ref is created or moved; when `branch`
 * is the checked-out branch of a non-bare repository, the index and work tree are
 * updated to the new commit (forced; untracked files are left alone). `out_sha`
 * receives the 40-hex id (may be NULL).
 *
 * Shared by the three commit functions: `message` must not be empty (ERR_INPUT); it is
 * cleaned up like `git commit` does (trailing blank lines and spaces, final newline).
 * ERR_INPUT for an invalid branch name, a path that is absolute, has an empty, "." or
 * ".." component or enters .git, or a path listed twice; ERR_NOTFOUND for removing a
 * path the parent does not have; ERR_CONFLICT when the branch moved while committing.
 * An existing executable file stays executable; new files are mode 100644.
 */
int gitops_commit_files(char out_sha[41], struct gitops *g, const char *branch,
			const char *base, const struct gitops_file *files, size_t nfiles,
			const char *message);

/*
 * Apply a unified diff (git format, as `git diff` or GitHub's .diff media type writes
 * it: "diff --git" headers are required, "index" lines are optional; new, deleted and
 * multi-hunk files work) and commit the result on `branch`. The diff is applied to the
 * tree of the commit it builds on, as in gitops_commit_files: the tip of `branch` when
 * it exists (moved forward), else the tip of `base` (created from it), which must
 * exist. ERR_INPUT when the diff does not parse, changes no file or does not apply
 * (libgit2's reason in the message, e.g. "hunk at line 1 did not apply").
 */
int gitops_commit_diff(char out_sha[41], struct gitops *g, const char *branch,
		       const char *base, const char *diff, size_t len, const char *message);

/* True when `sha` (4 to 40 hex digits) names a commit in the repository. */
bool gitops_has_commit(struct gitops *g, const char *sha);

/*
 * Revert commit `sha` on top of the tip of `base` and commit the result on `branch`
 * (when `branch` already exists, on top of its tip instead, as above). A merge commit
 * is reverted against its first parent (mainline 1). `message` NULL gives git's
 * 'Revert "<subject>"' message. ERR_NOTFOUND when the commit is missing, ERR_CONFLICT
 * (naming the first conflicting path) when the revert does not apply cleanly.
 */
int gitops_commit_revert(char out_sha[41], struct gitops *g, const char *branch,
			 const char *base, const char *sha, const char *message);

/*
 * Read the blob at `path` in the tree of `rev` (branch, tag or sha) into `out`
 * (appended). ERR_NOTFOUND for a missing rev or path, ERR_TOO_BIG past the cap of
 * `out`. A branch name wins over a tag or abbreviated sha that reads the same, here and
 * wherever a rev is taken.
 */
int gitops_read_file(struct buf *out, struct gitops *g, const char *rev, const char *path);

/*
 * The paths that commit `rev` changes against its first parent (all paths for a root
 * commit), sorted; a NULL-terminated array of new strings (free with sys_free_list).
 */
int gitops_changed_paths(char ***out, size_t *count, struct gitops *g, const char *rev);

/* The commit message of `rev` (new string) and its number of parents. */
int gitops_commit_info(char **message, int *parents, struct gitops *g, const char *rev);

/* True when the branch exists. */
bool gitops_has_branch(struct gitops *g, const char *branch);

#endif
