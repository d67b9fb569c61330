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
#include "util/buf.h"

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
 * exist. Hunks are applied by util/patch.c as git apply does: where the file moved
 * since the diff was made, every context and removed line still matching. ERR_INPUT when
 * the diff does not parse, changes no file, changes a file that is not there or does not
 * apply (the hunk and file named).
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

/*
 * Every file (blob) path in the tree of `rev`, sorted; a NULL-terminated array of new
 * strings (sys_free_list). ERR_NOTFOUND for a missing rev.
 */
int gitops_list_paths(char ***out, size_t *count, struct gitops *g, const char *rev);

/* The commit message of `rev` (new string) and its number of parents. */
int gitops_commit_info(char **message, int *parents, struct gitops *g, const char *rev);

/* True when the branch exists. */
bool gitops_has_branch(struct gitops *g, const char *branch);

/*
 * Remotes. A remote is a URL (https://host/owner/repo.git; file:// and plain paths work
 * too, for tests) and an optional token. The token reaches the server only through
 * libgit2's credential callback, as HTTP Basic `x-access-token:<token>` (the way GitHub
 * Actions authenticates git), only to the origin of `url` (scheme, host and port: not
 * to another port of the same host, nor over http when `url` is https, whatever a
 * redirect says), and only once per operation
 * (a rejected token is not offered again); it is never part of a URL, so it cannot end
 * up in a message, a reflog or a config file.
 *
 * Process-wide settings, read at the first remote operation: SSL_CERT_FILE and
 * SSL_CERT_DIR become libgit2's certificate locations; the user agent names
 * aiops-agent. Proxies come from the environment the way curl reads it: https_proxy /
 * HTTPS_PROXY for https URLs, http_proxy for http URLs, then all_proxy / ALL_PROXY,
 * unless no_proxy / NO_PROXY names the host ("*", a host, or a domain suffix such as
 * ".corp" or "corp"); loopback hosts never go through a proxy.
 *
 * Errors of push and fetch, so callers can choose what to do next:
 *   ERR_CONFLICT  the remote branch moved: non-fast-forward, "fetch first", or a lost
 *                 race for the remote ref's lock; fetch, rebuild on the new tip, retry
 *   ERR_POLICY    the remote refused the update itself: a protected branch (a hook
 *                 declined it, GitHub's "GH006: Protected branch update failed") or
 *                 HTTP 403; the message says which and quotes what the server said
 *   ERR_INPUT     the token was rejected (HTTP 401) or the server wants one and none
 *                 was given
 *   ERR_NOTFOUND  the repository does not exist (HTTP 404), or the local branch does not
 *   ERR_NET       the server cannot be reached (connection, TLS, timeout)
 *   ERR_FAIL      anything else
 */
struct gitops_remote {
	const char *url;
	const char *token; /* or NULL */
	const char *user;  /* the Basic user name; NULL means "x-access-token" */
};

#define GITOPS_REMOTE_INIT {NULL, NULL, NULL}

/*
 * Push the local `branch` to the branch of the same name on the remote. Without
 * `force` the remote branch must be an ancestor of ours (libgit2 checks this before
 * sending anything when it knows the remote tip, and the server checks it again).
 */
int gitops_push(struct gitops *g, const struct gitops_remote *r, const char *branch, bool force);

/*
 * Fetch `branch` from the remote into refs/remotes/origin/<branch> (forced, like
 * git's default refspec; no tags, no FETCH_HEAD) and put its tip in `out_sha` (may be
 * NULL). ERR_NOTFOUND when the remote has no such branch; a stale
 * refs/remotes/origin/<branch> is then deleted.
 */
int gitops_fetch(char out_sha[41], struct gitops *g, const struct gitops_remote *r,
		 const char *branch);

/*
 * What to commit on top of `base` (the 40-hex tip the commit will build on, or NULL for
 * a root commit). The callback reads what it needs at `base` (gitops_read_file) and
 * returns the files to write: the array and the data stay owned by the callback (keep
 * them in ctx) and must stay valid until the next call or until gitops_commit_push
 * returns. Zero files means "nothing to commit". A negative return stops everything.
 */
typedef int (*gitops_build_fn)(const struct gitops_file **files, size_t *nfiles,
			       struct gitops *g, const char *base, void *ctx);

/*
 * Commit on a shared branch without losing anybody's work: fetch the remote `branch`,
 * let `build` compute the files on its tip, commit them there (the local `branch` is
 * moved to the new commit, and the work tree follows when it is checked out), push
 * without force. When the push is refused as non-fast-forward (somebody pushed
 * meanwhile), fetch again, rebuild on the new tip and retry, with backoff (about 0.1 s,
 * 0.2 s, 0.4 s ... with jitter). A refusal after which the tip has moved is somebody
 * else's progress and costs no attempt, so any number of concurrent writers land, however
 * fast the machine; `max_attempts` (<= 0 means 5) refusals in a row without progress
 * give up (and 200 pushes in all, whatever happens). When the remote has
 * no such branch the commit builds on the local branch (or is a root commit) and the
 * push creates it.
 *
 * `out_sha` (may be NULL) receives the pushed commit, or the remote tip when there was
 * nothing to commit. Errors as for gitops_push; ERR_CONFLICT after the last attempt;
 * ERR_POLICY at once when the branch is protected (the caller can push the same files
 * to another branch and open a pull request instead).
 */
int gitops_commit_push(char out_sha[41], struct gitops *g, const struct gitops_remote *r,
		       const char *branch, gitops_build_fn build, void *ctx, const char *message,
		       int max_attempts);

/*
 * The proxy URL that remote operations use for `url` (see above), as a new string, or
 * NULL for a direct connection.
 */
char *gitops_proxy_for(const char *url);

#endif
