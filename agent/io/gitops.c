#include "common.h"
#include "io/gitops.h"
#include "util/err.h"
#include "util/patch.h"
#include "util/sys.h"
#include "util/settings.h"

#include <git2.h>
#include <pthread.h>
#include <stdarg.h>
#include <strings.h>

struct gitops {
	git_repository *repo;
};

/* Where a commit goes: the ref to create or move and the commit it builds on. */
struct target {
	char *refname;      /* "refs/heads/<branch>" */
	bool exists;        /* the branch has a tip (`old`) */
	git_oid old;        /* the tip of the branch before the commit */
	git_commit *parent; /* NULL for a root commit */
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* What SSL_CERT_FILE / SSL_CERT_DIR did to libgit2, reported by remote operations. */
static char cert_error[512];

static void init_libgit2(void)
{
	const char *file = settings_get("SSL_CERT_FILE"), *dir = settings_get("SSL_CERT_DIR");

	if (git_libgit2_init() < 0)
		xdie("cannot initialize libgit2");
	git_libgit2_opts(GIT_OPT_SET_USER_AGENT, "aiops-agent/" AIOPS_VERSION);
	if ((file || dir) && git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, dir) < 0) {
		const git_error *e = git_error_last();
		char a[200] = "", b[200] = "";

		if (file)
			snprintf(a, sizeof(a), "SSL_CERT_FILE='%s'", file);
		if (dir)
			snprintf(b, sizeof(b), "SSL_CERT_DIR='%s'", dir);
		snprintf(cert_error, sizeof(cert_error), "cannot use the certificates in %s%s%s: %s", a,
			 file && dir ? " and " : "", b,
			 e && e->message ? e->message : "libgit2 refused them");
	}
}

/*
 * Set err_last() to "<what>: <libgit2's message>" and return `code`, or, when `code`
 * is 0, the code that matches libgit2's `gerr` (ERR_NOTFOUND or ERR_FAIL).
 */
ATTR_PRINTF(3, 4)
static int gfail(int gerr, int code, const char *fmt, ...)
{
	const git_error *e = git_error_last();
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!code)
		code = gerr == GIT_ENOTFOUND ? ERR_NOTFOUND : ERR_FAIL;
	if (e && e->message && *e->message)
		return err_set(code, "%s: %s", what, e->message);
	return err_set(code, "%s: libgit2 error %d", what, gerr);
}

static char *branch_ref(const char *branch)
{
	return xasprintf("refs/heads/%s", branch);
}

static bool valid_branch_name(const char *branch)
{
	char *ref;
	int valid = 0;

	if (!branch || !*branch)
		return false;
	ref = branch_ref(branch);
	if (git_reference_name_is_valid(&valid, ref) < 0)
		valid = 0;
	free(ref);
	return valid;
}

static int check_branch_name(const char *branch)
{
	if (!branch || !*branch)
		return err_set(ERR_INPUT, "missing branch name");
	if (!valid_branch_name(branch))
		return err_set(ERR_INPUT, "invalid branch name '%s'", branch);
	return 0;
}

int gitops_init(struct gitops **out, const char *path, const char *branch)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	int error;

	pthread_once(&init_once, init_libgit2);
	if ((error = check_branch_name(branch)) < 0)
		return error;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = branch;
	if ((error = git_repository_init_ext(&repo, path, &opts)) < 0)
		return gfail(error, ERR_FAIL, "cannot create a repository in '%s'", path);
	*out = xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	return 0;
}

int gitops_open(struct gitops **out, const char *path)
{
	git_repository *repo = NULL;
	int error;

	pthread_once(&init_once, init_libgit2);
	if ((error = git_repository_open(&repo, path)) < 0)
		return gfail(error, 0, "cannot open the repository '%s'", path);
	*out = xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	return 0;
}

void gitops_free(struct gitops *g)
{
	if (!g)
		return;
	git_repository_free(g->repo);
	free(g);
}

/* The branch HEAD points at (new string), or NULL when HEAD is detached. */
static int head_branch(char **out, struct gitops *g)
{
	git_reference *head = NULL;
	const char *target;
	int error;

	*out = NULL;
	if ((error = git_reference_lookup(&head, g->repo, "HEAD")) < 0)
		return gfail(error, 0, "cannot read HEAD");
	target = git_reference_symbolic_target(head);
	if (target && !strncmp(target, "refs/heads/", 11))
		*out = xstrdup(target + 11);
	git_reference_free(head);
	return 0;
}

int gitops_head_branch(char **out, struct gitops *g)
{
	char *name = NULL;
	int error;

	if ((error = head_branch(&name, g)) < 0)
		return error;
	if (!name)
		return err_set(ERR_NOTFOUND, "HEAD is detached: no branch is checked out");
	*out = name;
	return 0;
}

bool gitops_has_branch(struct gitops *g, const char *branch)
{
	git_oid id;
	char *ref;
	bool found;

	if (!branch || !*branch)
		return false;
	ref = branch_ref(branch);
	found = git_reference_name_to_id(&id, g->repo, ref) == 0;
	free(ref);
	return found;
}

bool gitops_has_commit(struct gitops *g, const char *sha)
{
	git_object *obj = NULL;
	git_oid id;
	size_t len = sha ? strlen(sha) : 0;

	if (len < 4 || len > GIT_OID_HEXSZ || strspn(sha, "0123456789abcdefABCDEF") != len)
		return false;
	if (git_oid_fromstrn(&id, sha, len) < 0 ||
	    git_object_lookup_prefix(&obj, g->repo, &id, len, GIT_OBJECT_COMMIT) < 0)
		return false;
	git_object_free(obj);
	return true;
}

/* The commit `rev` (branch, tag, sha, any revision) names. */
static int lookup_commit(git_commit **out, struct gitops *g, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	int error;

	/* A branch wins over a tag or abbreviated sha of the same name. */
	if (valid_branch_name(rev)) {
		char *ref = branch_ref(rev);

		if (git_revparse_single(&obj, g->repo, ref) < 0)
			obj = NULL;
		free(ref);
	}
	if (!obj && (!rev || !*rev || git_revparse_single(&obj, g->repo, rev) < 0))
		return err_set(ERR_NOTFOUND, "revision '%s' not found", rev ? rev : "");
	error = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (error < 0)
		return gfail(error, ERR_NOTFOUND, "revision '%s' is not a commit", rev);
	*out = (git_commit *)peeled;
	return 0;
}

static void target_release(struct target *t)
{
	free(t->refname);
	git_commit_free(t->parent);
	memset(t, 0, sizeof(*t));
}

/*
 * Find what a commit on `branch` builds on: its tip, else the tip of `base`. When
 * neither exists and `allow_root`, `base` may be NULL or name an unborn branch (the
 * one HEAD points at, or `branch` itself) and the commit is a root commit.
 */
static int target_prepare(struct target *t, struct gitops *g, const char *branch,
			  const char *base, bool allow_root)
{
	char *head = NULL;
	bool unborn_head;
	int error;

	memset(t, 0, sizeof(*t));
	if ((error = check_branch_name(branch)) < 0)
		return error;
	t->refname = branch_ref(branch);
	error = git_reference_name_to_id(&t->old, g->repo, t->refname);
	if (error == 0) {
		t->exists = true;
		if ((error = git_commit_lookup(&t->parent, g->repo, &t->old)) < 0)
			return gfail(error, 0, "cannot read the tip of '%s'", branch);
		return 0;
	}
	if (error != GIT_ENOTFOUND)
		return gfail(error, 0, "cannot read the branch '%s'", branch);
	if (base && *base && lookup_commit(&t->parent, g, base) == 0)
		return 0;
	if (allow_root) {
		if (!base || !*base || !strcmp(base, branch))
			return 0;
		if ((error = head_branch(&head, g)) < 0)
			return error;
		unborn_head = head && !strcmp(head, base) && git_repository_head_unborn(g->repo) == 1;
		free(head);
		if (unborn_head)
			return 0;
	}
	if (!base || !*base)
		return err_set(ERR_NOTFOUND, "branch '%s' not found and no base given", branch);
	return err_set(ERR_NOTFOUND, "base '%s' not found", base);
}

static int empty_tree(git_tree **out, git_repository *repo)
{
	git_treebuilder *tb = NULL;
	git_oid id;
	int error;

	if ((error = git_treebuilder_new(&tb, repo, NULL)) == 0 &&
	    (error = git_treebuilder_write(&id, tb)) == 0)
		error = git_tree_lookup(out, repo, &id);
	git_treebuilder_free(tb);
	if (error < 0)
		return gfail(error, ERR_FAIL, "cannot write the empty tree");
	return 0;
}

/* The tree of the parent, or the empty tree for a root commit. */
static int parent_tree(git_tree **out, struct gitops *g, const struct target *t)
{
	int error;

	if (!t->parent)
		return empty_tree(out, g->repo);
	if ((error = git_commit_tree(out, t->parent)) < 0)
		return gfail(error, ERR_FAIL, "cannot read the tree of %s",
			     git_oid_tostr_s(git_commit_id(t->parent)));
	return 0;
}

/*
 * The tree the work tree of a checked-out branch holds before a commit moves it: the
 * old tip's (which is not the parent when gitops_commit_push builds on a fetched tip).
 */
static int checked_out_tree(git_tree **out, struct gitops *g, const struct target *t)
{
	git_commit *old = NULL;
	int error;

	if (!t->exists)
		return parent_tree(out, g, t);
	if ((error = git_commit_lookup(&old, g->repo, &t->old)) == 0)
		error = git_commit_tree(out, old);
	git_commit_free(old);
	if (error < 0)
		return gfail(error, ERR_FAIL, "cannot read the tree of %s", git_oid_tostr_s(&t->old));
	return 0;
}

static bool is_checked_out(struct gitops *g, const char *refname)
{
	git_reference *head = NULL;
	const char *target;
	bool yes = false;

	if (git_repository_is_bare(g->repo))
		return false;
	if (git_reference_lookup(&head, g->repo, "HEAD") == 0) {
		target = git_reference_symbolic_target(head);
		yes = target && !strcmp(target, refname);
	}
	git_reference_free(head);
	return yes;
}

/*
 * Make the index and work tree match `commit`, which the checked-out branch now points
 * at. The baseline is what was checked out before, so files the commit deletes are
 * removed; files git does not track are left alone.
 */
static int checkout(struct gitops *g, git_commit *commit, git_tree *before)
{
	git_checkout_options opts;
	git_tree *tree = NULL;
	int error;

	git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
	opts.checkout_strategy = GIT_CHECKOUT_FORCE;
	opts.baseline = before;
	if ((error = git_commit_tree(&tree, commit)) == 0)
		error = git_checkout_tree(g->repo, (git_object *)tree, &opts);
	git_tree_free(tree);
	if (error < 0)
		return gfail(error, ERR_FAIL, "cannot update the work tree");
	return 0;
}

/*
 * Commit `tree_id` on the target's branch as aiops-agent[bot], move (or create) the
 * ref only if nobody moved it meanwhile, and check the result out when the branch is
 * the checked-out one.
 */
static int target_commit(char out_sha[41], struct gitops *g, struct target *t,
			 const git_oid *tree_id, const char *message)
{
	git_signature *sig = NULL;
	git_tree *tree = NULL, *before = NULL;
	git_commit *commit = NULL;
	git_reference *ref = NULL;
	git_buf msg = {NULL, 0, 0};
	const git_commit *parents[1] = {t->parent};
	git_oid id;
	char *log = NULL;
	int error;

	if (!message || !message[strspn(message, " \t\r\n")]) {
		error = err_set(ERR_INPUT, "empty commit message");
		goto done;
	}
	if ((error = git_message_prettify(&msg, message, 0, '#')) < 0 ||
	    (error = git_signature_now(&sig, GITOPS_AUTHOR_NAME, GITOPS_AUTHOR_EMAIL)) < 0 ||
	    (error = git_tree_lookup(&tree, g->repo, tree_id)) < 0 ||
	    (error = git_commit_create(&id, g->repo, NULL, sig, sig, NULL, msg.ptr, tree,
				       t->parent ? 1 : 0, parents)) < 0) {
		error = gfail(error, ERR_FAIL, "cannot commit on '%s'", t->refname + 11);
		goto done;
	}
	log = xasprintf("commit: %.*s", (int)strcspn(msg.ptr, "\n"), msg.ptr);
	if (t->exists)
		error = git_reference_create_matching(&ref, g->repo, t->refname, &id, 1, &t->old,
						      log);
	else
		error = git_reference_create(&ref, g->repo, t->refname, &id, 0, log);
	if (error == GIT_EMODIFIED || error == GIT_EEXISTS) {
		error = gfail(error, ERR_CONFLICT, "branch '%s' moved during the commit",
			      t->refname + 11);
		goto done;
	}
	if (error < 0) {
		error = gfail(error, ERR_FAIL, "cannot update the branch '%s'", t->refname + 11);
		goto done;
	}
	if (is_checked_out(g, t->refname)) {
		if ((error = git_commit_lookup(&commit, g->repo, &id)) < 0) {
			error = gfail(error, ERR_FAIL, "cannot read the new commit");
			goto done;
		}
		if ((error = checked_out_tree(&before, g, t)) < 0 ||
		    (error = checkout(g, commit, before)) < 0)
			goto done;
	}
	if (out_sha)
		git_oid_tostr(out_sha, GIT_OID_HEXSZ + 1, &id);
	error = 0;

done:
	free(log);
	git_reference_free(ref);
	git_commit_free(commit);
	git_tree_free(before);
	git_tree_free(tree);
	git_signature_free(sig);
	git_buf_dispose(&msg);
	return error;
}

/*
 * Repository paths we are willing to write: relative, no empty, "." or ".." component,
 * and nothing inside .git.
 */
static bool valid_path(const char *path)
{
	const char *p = path;

	if (!path || !*path || *path == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && !strncmp(p, "..", 2)) ||
		    (n == 4 && !strncasecmp(p, ".git", 4)))
			return false;
		p += n;
		if (*p == '/' && !*++p)
			return false;
	}
	return true;
}

static int build_tree(git_oid *out, struct gitops *g, git_tree *base,
		      const struct gitops_file *files, size_t nfiles)
{
	git_tree_update *updates = xcalloc(nfiles ? nfiles : 1, sizeof(*updates));
	git_tree_entry *entry = NULL;
	int error = 0;

	for (size_t i = 0; i < nfiles; i++) {
		const struct gitops_file *f = &files[i];
		git_tree_update *u = &updates[i];

		if (!valid_path(f->path)) {
			error = err_set(ERR_INPUT, "invalid repository path '%s'",
					f->path ? f->path : "");
			goto done;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(files[j].path, f->path)) {
				error = err_set(ERR_INPUT, "path '%s' listed twice", f->path);
				goto done;
			}
		u->path = f->path;
		error = git_tree_entry_bypath(&entry, base, f->path);
		if (error < 0 && error != GIT_ENOTFOUND) {
			error = gfail(error, ERR_FAIL, "cannot read '%s'", f->path);
			goto done;
		}
		if (f->remove) {
			if (!entry) {
				error = err_set(ERR_NOTFOUND, "cannot remove '%s': not in the tree",
						f->path);
				goto done;
			}
			u->action = GIT_TREE_UPDATE_REMOVE;
		} else {
			u->action = GIT_TREE_UPDATE_UPSERT;
			u->filemode = entry && git_tree_entry_filemode(entry) ==
							 GIT_FILEMODE_BLOB_EXECUTABLE
					      ? GIT_FILEMODE_BLOB_EXECUTABLE
					      : GIT_FILEMODE_BLOB;
			error = git_blob_create_from_buffer(&u->id, g->repo,
							    f->data ? f->data : "", f->len);
			if (error < 0) {
				error = gfail(error, ERR_FAIL, "cannot store '%s'", f->path);
				goto done;
			}
		}
		git_tree_entry_free(entry);
		entry = NULL;
	}
	if ((error = git_tree_create_updated(out, g->repo, base, nfiles, updates)) < 0)
		error = gfail(error, ERR_FAIL, "cannot build the tree");

done:
	git_tree_entry_free(entry);
	free(updates);
	return error;
}

/* `files` written over the tree of `t`'s parent, committed on `t`. */
static int commit_files_on(char out_sha[41], struct gitops *g, struct target *t,
			   const struct gitops_file *files, size_t nfiles, const char *message)
{
	git_tree *tree = NULL;
	git_oid tree_id;
	int error;

	if ((error = parent_tree(&tree, g, t)) == 0 &&
	    (error = build_tree(&tree_id, g, tree, files, nfiles)) == 0)
		error = target_commit(out_sha, g, t, &tree_id, message);
	git_tree_free(tree);
	return error;
}

int gitops_commit_files(char out_sha[41], struct gitops *g, const char *branch,
			const char *base, const struct gitops_file *files, size_t nfiles,
			const char *message)
{
	struct target t;
	int error;

	if ((error = target_prepare(&t, g, branch, base, true)) == 0)
		error = commit_files_on(out_sha, g, &t, files, nfiles, message);
	target_release(&t);
	return error;
}

/* The bytes of `path` in `tree`; ERR_INPUT when it is not a file there (a diff that cannot apply). */
static int tree_file(struct buf *out, struct gitops *g, git_tree *tree, const char *path)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int error = 0;

	if (!path || git_tree_entry_bypath(&entry, tree, path) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		error = err_set(ERR_INPUT, "'%s' is not in the tree", path ? path : "");
	} else if ((error = git_blob_lookup(&blob, g->repo, git_tree_entry_id(entry))) < 0) {
		error = gfail(error, ERR_FAIL, "cannot read '%s'", path);
	} else if ((error = buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob))) < 0) {
		error = err_set(error, "'%s' exceeds %zu bytes", path, out->cap);
	}
	git_blob_free(blob);
	git_tree_entry_free(entry);
	return error;
}

/*
 * The files of `fix` applied to `tree` with patch_apply_file, the applier the plan was
 * checked with: like git apply, it finds a hunk where the file moved since the diff was
 * made (libgit2 1.5's applier wants the exact line). `bodies` holds the new contents.
 */
static int patched_files(struct gitops_file *files, size_t *n, struct buf *bodies, const struct patch *fix,
			 struct gitops *g, git_tree *tree)
{
	int error = 0;

	*n = 0;
	for (size_t i = 0; i < fix->nfiles && !error; i++) {
		const struct patch_file *f = &fix->files[i];
		struct buf now = BUF_INIT;

		if (!f->is_new && (error = tree_file(&now, g, tree, f->old_path)) < 0)
			break;
		error = patch_apply_file(&bodies[i], f, now.ptr, now.len);
		buf_release(&now);
		if (error < 0)
			break;
		if (f->is_deleted || (f->old_path && f->new_path && strcmp(f->old_path, f->new_path)))
			files[(*n)++] = (struct gitops_file){.path = f->old_path, .remove = true};
		if (!f->is_deleted)
			files[(*n)++] = (struct gitops_file){f->new_path, bodies[i].ptr ? bodies[i].ptr : "",
							     bodies[i].len, false};
	}
	return error;
}

int gitops_commit_diff(char out_sha[41], struct gitops *g, const char *branch,
		       const char *base, const char *diff, size_t len, const char *message)
{
	struct target t;
	struct patch fix = PATCH_INIT;
	struct gitops_file *files = NULL;
	struct buf *bodies = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;
	size_t n = 0;
	int error;

	if ((error = target_prepare(&t, g, branch, base, false)) < 0 ||
	    (error = parent_tree(&tree, g, &t)) < 0)
		goto done;
	if ((error = patch_parse(&fix, diff, len, "the diff")) < 0)
		goto done;
	if (!fix.nfiles) {
		error = err_set(ERR_INPUT, "cannot apply the diff: it changes no file");
		goto done;
	}
	files = xcalloc(2 * fix.nfiles, sizeof(*files));
	bodies = xcalloc(fix.nfiles, sizeof(*bodies));
	if ((error = patched_files(files, &n, bodies, &fix, g, tree)) < 0) {
		err_prefix("cannot apply the diff to '%s'", t.exists ? branch : base);
		goto done;
	}
	if ((error = build_tree(&tree_id, g, tree, files, n)) == 0)
		error = target_commit(out_sha, g, &t, &tree_id, message);
done:
	for (size_t i = 0; bodies && i < fix.nfiles; i++)
		buf_release(&bodies[i]);
	free(bodies);
	free(files);
	patch_release(&fix);
	git_tree_free(tree);
	target_release(&t);
	return error;
}

static const char *first_conflict(git_index *index)
{
	static _Thread_local char path[1024];
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	const char *p = "?";

	if (git_index_conflict_iterator_new(&it, index) == 0 &&
	    git_index_conflict_next(&anc, &ours, &theirs, it) == 0)
		p = ours ? ours->path : theirs ? theirs->path : anc ? anc->path : "?";
	snprintf(path, sizeof(path), "%s", p);
	git_index_conflict_iterator_free(it);
	return path;
}

int gitops_commit_revert(char out_sha[41], struct gitops *g, const char *branch,
			 const char *base, const char *sha, const char *message)
{
	struct target t;
	git_commit *victim = NULL;
	git_index *index = NULL;
	git_oid tree_id;
	char *dflt = NULL;
	int error;

	if ((error = target_prepare(&t, g, branch, base, false)) < 0)
		goto done;
	if (!sha || !*sha || lookup_commit(&victim, g, sha) < 0) {
		error = err_set(ERR_NOTFOUND, "commit '%s' not found", sha ? sha : "");
		goto done;
	}
	error = git_revert_commit(&index, g->repo, victim, t.parent,
				  git_commit_parentcount(victim) > 1 ? 1 : 0, NULL);
	if (error < 0) {
		error = gfail(error, ERR_FAIL, "cannot revert %s", sha);
		goto done;
	}
	if (git_index_has_conflicts(index)) {
		error = err_set(ERR_CONFLICT, "cannot revert %.12s on '%s': conflict in '%s'",
				git_oid_tostr_s(git_commit_id(victim)), t.exists ? branch : base,
				first_conflict(index));
		goto done;
	}
	if ((error = git_index_write_tree_to(&tree_id, index, g->repo)) < 0) {
		error = gfail(error, ERR_FAIL, "cannot write the reverted tree");
		goto done;
	}
	if (!message) {
		const char *summary = git_commit_summary(victim);

		dflt = xasprintf("Revert \"%s\"\n\nThis reverts commit %s.\n",
				 summary ? summary : "", git_oid_tostr_s(git_commit_id(victim)));
		message = dflt;
	}
	error = target_commit(out_sha, g, &t, &tree_id, message);

done:
	free(dflt);
	git_index_free(index);
	git_commit_free(victim);
	target_release(&t);
	return error;
}

int gitops_read_file(struct buf *out, struct gitops *g, const char *rev, const char *path)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int error;

	if ((error = lookup_commit(&commit, g, rev)) < 0)
		goto done;
	if ((error = git_commit_tree(&tree, commit)) < 0) {
		error = gfail(error, ERR_FAIL, "cannot read the tree of '%s'", rev);
		goto done;
	}
	if (!path || !*path || git_tree_entry_bypath(&entry, tree, path) < 0) {
		error = err_set(ERR_NOTFOUND, "'%s' not found in '%s'", path ? path : "", rev);
		goto done;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		error = err_set(ERR_INPUT, "'%s' in '%s' is not a file", path, rev);
		goto done;
	}
	if ((error = git_blob_lookup(&blob, g->repo, git_tree_entry_id(entry))) < 0) {
		error = gfail(error, ERR_FAIL, "cannot read '%s' in '%s'", path, rev);
		goto done;
	}
	if ((error = buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob))) <
	    0)
		error = err_set(error, "'%s' in '%s' exceeds %zu bytes", path, rev, out->cap);

done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return error;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int gitops_changed_paths(char ***out, size_t *count, struct gitops *g, const char *rev)
{
	git_commit *commit = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	char **list = NULL;
	size_t n = 0;
	int error;

	if ((error = lookup_commit(&commit, g, rev)) < 0)
		goto done;
	if ((error = git_commit_tree(&tree, commit)) < 0 ||
	    (git_commit_parentcount(commit) > 0 &&
	     ((error = git_commit_parent(&parent, commit, 0)) < 0 ||
	      (error = git_commit_tree(&ptree, parent)) < 0)) ||
	    (error = git_diff_tree_to_tree(&diff, g->repo, ptree, tree, NULL)) < 0) {
		error = gfail(error, ERR_FAIL, "cannot diff '%s' against its parent", rev);
		goto done;
	}
	n = git_diff_num_deltas(diff);
	list = xcalloc(n + 1, sizeof(*list));
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		list[i] = xstrdup(d->new_file.path ? d->new_file.path : d->old_file.path);
	}
	qsort(list, n, sizeof(*list), by_string);
	*out = list;
	if (count)
		*count = n;
	list = NULL;

done:
	free(list);
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(commit);
	return error;
}

int gitops_commit_info(char **message, int *parents, struct gitops *g, const char *rev)
{
	git_commit *commit = NULL;
	const char *msg;
	int error;

	if ((error = lookup_commit(&commit, g, rev)) < 0)
		return error;
	msg = git_commit_message(commit);
	if (message)
		*message = xstrdup(msg ? msg : "");
	if (parents)
		*parents = (int)git_commit_parentcount(commit);
	git_commit_free(commit);
	return 0;
}

/* ---- remotes ---------------------------------------------------------------------- */

/* The host of a URL ("github.com", "127.0.0.1", "::1"), lower-case; new string or NULL. */
static char *url_host(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL, *end, *at;
	char *host;

	if (!p)
		return NULL;
	p += 3;
	end = p + strcspn(p, "/?#");
	at = memchr(p, '@', (size_t)(end - p));
	if (at)
		p = at + 1;
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));

		if (!close)
			return NULL;
		host = xstrndup(p + 1, (size_t)(close - p - 1));
	} else {
		host = xstrndup(p, strcspn(p, ":/?#"));
	}
	for (char *c = host; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return host;
}

/*
 * The origin of a URL, "scheme://host:port" in lower case with the scheme's default
 * port written out (http 80, https 443), so that credentials bound to one origin are
 * compared in one strcmp; new string, or NULL for a URL without scheme or host.
 */
static char *url_origin(const char *url)
{
	static const struct {
		const char *scheme;
		const char *port;
	} default_ports[] = {{"http", "80"}, {"https", "443"}, {"ssh", "22"}, {"git", "9418"}};
	const char *sep = url ? strstr(url, "://") : NULL, *p, *end, *at, *bracket, *colon, *port = NULL;
	char *host = url_host(url), *scheme, *origin;

	if (!sep || !host) {
		free(host);
		return NULL;
	}
	scheme = xstrndup(url, (size_t)(sep - url));
	for (char *c = scheme; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	p = sep + 3;
	end = p + strcspn(p, "/?#");
	if ((at = memchr(p, '@', (size_t)(end - p))))
		p = at + 1;
	if (*p == '[' && (bracket = memchr(p, ']', (size_t)(end - p))))
		p = bracket; /* [::1]:8080: the port is after the bracket */
	colon = memchr(p, ':', (size_t)(end - p));
	for (size_t i = 0; !colon && i < ARRAY_SIZE(default_ports); i++)
		if (!strcmp(scheme, default_ports[i].scheme))
			port = default_ports[i].port;
	origin = colon ? xasprintf("%s://%s:%.*s", scheme, host, (int)(end - colon - 1), colon + 1)
		       : xasprintf("%s://%s:%s", scheme, host, port ? port : "");
	free(scheme);
	free(host);
	return origin;
}

static bool is_loopback(const char *host)
{
	return !strcmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "::1");
}

/* True when the NO_PROXY list (comma or space separated) names `host`. */
static bool no_proxy_matches(const char *list, const char *host)
{
	size_t hlen = strlen(host);

	while (list && *list) {
		size_t n;
		const char *e;

		list += strspn(list, ", ");
		n = strcspn(list, ", ");
		e = list;
		if (n == 1 && *e == '*')
			return true;
		if (n && *e == '.') {
			e++;
			n--;
		}
		/* "corp" and ".corp" match "corp" and "x.corp"; a ":port" suffix is ignored */
		if (n) {
			const char *colon = memchr(e, ':', n);

			if (colon && !memchr(e, '[', n) && !memchr(colon + 1, ':', n - (size_t)(colon - e) - 1))
				n = (size_t)(colon - e);
		}
		if (n && hlen >= n && !strncasecmp(host + hlen - n, e, n) &&
		    (hlen == n || host[hlen - n - 1] == '.'))
			return true;
		list += strcspn(list, ", ");
	}
	return false;
}

char *gitops_proxy_for(const char *url)
{
	const char *proxy = NULL, *no = settings_get("no_proxy");
	char *host = url_host(url);

	if (!host)
		return NULL;
	if (!no)
		no = settings_get("NO_PROXY");
	if (is_loopback(host) || no_proxy_matches(no, host)) {
		free(host);
		return NULL;
	}
	free(host);
	if (!strncasecmp(url, "https://", 8)) {
		if (!(proxy = settings_get("https_proxy")))
			proxy = settings_get("HTTPS_PROXY");
	} else if (!strncasecmp(url, "http://", 7)) {
		proxy = settings_get("http_proxy"); /* not HTTP_PROXY: CGI sets that one (httpoxy) */
	} else {
		return NULL;
	}
	if (!proxy && !(proxy = settings_get("all_proxy")))
		proxy = settings_get("ALL_PROXY");
	return proxy ? xstrdup(proxy) : NULL;
}

/* What one push or fetch learns through libgit2's callbacks. */
struct remote_ctx {
	const struct gitops_remote *r;
	char *origin;         /* of r->url: the token goes there only (url_origin) */
	char *proxy;          /* or NULL */
	int cred_calls;
	bool cred_refused;    /* we had nothing (more) to offer */
	char *rejected_ref;   /* the first ref the server refused, and why */
	char *rejected_why;
	struct buf said;      /* "remote:" lines, capped */
};

static int on_credentials(git_credential **out, const char *url, const char *user_from_url,
			  unsigned int allowed, void *payload)
{
	struct remote_ctx *c = payload;
	char *origin = url_origin(url);
	bool same_origin = origin && c->origin && !strcmp(origin, c->origin);

	free(origin);
	c->cred_calls++;
	if (!c->r->token || !same_origin || !(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) ||
	    c->cred_calls > 1) {
		c->cred_refused = true;
		git_error_set_str(GIT_ERROR_NET, "authentication failed");
		return GIT_EUSER;
	}
	return git_credential_userpass_plaintext_new(out, c->r->user ? c->r->user : "x-access-token",
						     c->r->token);
}

static int on_sideband(const char *str, int len, void *payload)
{
	struct remote_ctx *c = payload;

	/* past the cap the rest is dropped: the first lines say what went wrong */
	if (len > 0 && buf_add(&c->said, str, (size_t)len) < 0)
		buf_truncate(&c->said, c->said.len);
	return 0;
}

static int on_update_reference(const char *refname, const char *status, void *payload)
{
	struct remote_ctx *c = payload;

	if (status && !c->rejected_ref) {
		c->rejected_ref = xstrdup(refname);
		c->rejected_why = xstrdup(status);
	}
	return 0;
}

static void remote_ctx_init(struct remote_ctx *c, const struct gitops_remote *r)
{
	memset(c, 0, sizeof(*c));
	c->r = r;
	c->origin = url_origin(r->url);
	c->proxy = gitops_proxy_for(r->url);
	buf_init(&c->said, 4096);
}

static void remote_ctx_release(struct remote_ctx *c)
{
	free(c->origin);
	free(c->proxy);
	free(c->rejected_ref);
	free(c->rejected_why);
	buf_release(&c->said);
}

static void set_callbacks(git_remote_callbacks *cb, git_proxy_options *proxy, struct remote_ctx *c)
{
	cb->credentials = on_credentials;
	cb->sideband_progress = on_sideband;
	cb->push_update_reference = on_update_reference;
	cb->payload = c;
	if (c->proxy) {
		proxy->type = GIT_PROXY_SPECIFIED;
		proxy->url = c->proxy;
	} else {
		proxy->type = GIT_PROXY_NONE;
	}
}

/* What the server printed on its side band, on one line: " (remote: ...)" or "". */
static const char *remote_said(struct remote_ctx *c)
{
	static _Thread_local char line[600];
	size_t n = 0;
	bool space = false;

	for (size_t i = 0; i < c->said.len && n + 2 < sizeof(line); i++) {
		char ch = c->said.ptr[i];

		if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
			space = n > 0;
			continue;
		}
		if ((unsigned char)ch < 0x20)
			continue;
		if (space)
			line[n++] = ' ';
		space = false;
		line[n++] = ch;
	}
	line[n] = '\0';
	if (!n)
		return "";
	{
		static _Thread_local char out[640];

		snprintf(out, sizeof(out), " (remote: %s)", line);
		return out;
	}
}

/* Turn a failed libgit2 remote operation into one of the documented codes. */
static int remote_fail(int gerr, struct remote_ctx *c, const char *what)
{
	const git_error *e = git_error_last();
	const char *m = e && e->message ? e->message : "";
	int klass = e ? e->klass : 0;

	if (c->cred_refused || gerr == GIT_EAUTH || strstr(m, "401")) {
		if (!c->r->token)
			return err_set(ERR_INPUT, "cannot %s: the server asks for credentials and no token was given",
				       what);
		return err_set(ERR_INPUT, "cannot %s: the token was rejected (HTTP 401)", what);
	}
	if (strstr(m, "403"))
		return err_set(ERR_POLICY, "cannot %s: the server refused it (HTTP 403: the token may lack "
			       "'contents: write', or the branch is protected)%s", what, remote_said(c));
	if (strstr(m, "404"))
		return err_set(ERR_NOTFOUND, "cannot %s: repository not found (HTTP 404)", what);
	if (gerr == GIT_ENONFASTFORWARD)
		return err_set(ERR_CONFLICT, "cannot %s: the remote branch has commits we do not have "
			       "(non-fast-forward): %s", what, *m ? m : "rejected");
	if (klass == GIT_ERROR_NET || klass == GIT_ERROR_SSL || klass == GIT_ERROR_HTTP ||
	    gerr == GIT_ECERTIFICATE)
		return err_set(ERR_NET, "cannot %s: %s", what, *m ? m : "network error");
	return err_set(ERR_FAIL, "cannot %s: %s", what, *m ? m : "libgit2 error");
}

/* A ref the server refused during a push (the push itself "succeeded"). */
static int rejected(struct remote_ctx *c, const char *what)
{
	const char *why = c->rejected_why;

	if (strstr(why, "hook declined") || strstr(why, "protected") || strstr(c->said.ptr, "GH006") ||
	    strstr(c->said.ptr, "rotected branch"))
		return err_set(ERR_POLICY, "cannot %s: protected branch: the server declined the update "
			       "of '%s' (%s)%s", what, c->rejected_ref, why, remote_said(c));
	if (strstr(why, "non-fast-forward") || strstr(why, "fetch first") || strstr(why, "lock") ||
	    strstr(why, "failed to update ref") || strstr(why, "stale info") ||
	    strstr(why, "already exists"))
		return err_set(ERR_CONFLICT, "cannot %s: the remote refused '%s' (%s): it moved meanwhile",
			       what, c->rejected_ref, why);
	return err_set(ERR_FAIL, "cannot %s: the remote refused '%s' (%s)%s", what, c->rejected_ref,
		       why, remote_said(c));
}

static int remote_open(git_remote **out, struct gitops *g, const struct gitops_remote *r,
		       const char *what)
{
	git_remote_create_options opts;
	int error;

	pthread_once(&init_once, init_libgit2);
	if (cert_error[0])
		return err_set(ERR_INPUT, "cannot %s: %s", what, cert_error);
	if (!*r->url)
		return err_set(ERR_USAGE, "cannot %s: no remote URL", what);
	/*
	 * Anonymous, and without url.<base>.insteadOf rewriting: the URL is exactly the one
	 * we were given (and libgit2 1.5 leaks memory on every config entry that rewriting
	 * scans).
	 */
	git_remote_create_options_init(&opts, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	opts.repository = g->repo;
	opts.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if ((error = git_remote_create_with_opts(out, r->url, &opts)) < 0)
		return gfail(error, ERR_INPUT, "cannot %s: bad remote URL '%s'", what, r->url);
	return 0;
}

int gitops_push(struct gitops *g, const struct gitops_remote *r, const char *branch, bool force)
{
	git_push_options opts;
	git_remote *remote = NULL;
	struct remote_ctx c;
	char *spec = NULL, *what = NULL;
	git_strarray specs;
	int error;

	if (!r || !r->url)
		return err_set(ERR_USAGE, "cannot push '%s': no remote URL", branch ? branch : "");
	if ((error = check_branch_name(branch)) < 0)
		return error;
	if (!gitops_has_branch(g, branch))
		return err_set(ERR_NOTFOUND, "cannot push '%s': no such local branch", branch);
	what = xasprintf("push '%s' to '%s'", branch, r->url);
	remote_ctx_init(&c, r);
	if ((error = remote_open(&remote, g, r, what)) < 0)
		goto done;
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	set_callbacks(&opts.callbacks, &opts.proxy_opts, &c);
	opts.follow_redirects = GIT_REMOTE_REDIRECT_INITIAL;
	spec = xasprintf("%srefs/heads/%s:refs/heads/%s", force ? "+" : "", branch, branch);
	specs.strings = &spec;
	specs.count = 1;
	if ((error = git_remote_push(remote, &specs, &opts)) < 0)
		error = remote_fail(error, &c, what);
	else if (c.rejected_ref)
		error = rejected(&c, what);

done:
	git_remote_free(remote);
	remote_ctx_release(&c);
	free(spec);
	free(what);
	return error;
}

/*
 * Fetch `branch` into refs/remotes/origin/<branch>. `*found` tells whether the remote
 * has it (a repository that does not exist is an error, a branch that does not is not).
 */
static int fetch_branch(git_oid *tip, bool *found, struct gitops *g, const struct gitops_remote *r,
			const char *branch)
{
	git_fetch_options opts;
	git_remote *remote = NULL;
	const git_remote_head **heads = NULL;
	struct remote_ctx c;
	char *spec = NULL, *what = NULL, *want = NULL, *tracking = NULL;
	git_strarray specs;
	size_t n = 0;
	int error;

	*found = false;
	if (!r || !r->url)
		return err_set(ERR_USAGE, "cannot fetch '%s': no remote URL", branch ? branch : "");
	if ((error = check_branch_name(branch)) < 0)
		return error;
	what = xasprintf("fetch '%s' from '%s'", branch, r->url);
	remote_ctx_init(&c, r);
	if ((error = remote_open(&remote, g, r, what)) < 0)
		goto done;
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	set_callbacks(&opts.callbacks, &opts.proxy_opts, &c);
	opts.follow_redirects = GIT_REMOTE_REDIRECT_INITIAL;
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	opts.update_fetchhead = 0;
	tracking = xasprintf("refs/remotes/origin/%s", branch);
	spec = xasprintf("+refs/heads/%s:%s", branch, tracking);
	specs.strings = &spec;
	specs.count = 1;
	if ((error = git_remote_fetch(remote, &specs, &opts, NULL)) < 0) {
		error = remote_fail(error, &c, what);
		goto done;
	}
	if ((error = git_remote_ls(&heads, &n, remote)) < 0) {
		error = gfail(error, ERR_FAIL, "cannot %s: cannot list the remote refs", what);
		goto done;
	}
	want = branch_ref(branch);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(heads[i]->name, want)) {
			git_oid_cpy(tip, &heads[i]->oid);
			*found = true;
		}
	if (!*found) {
		git_reference *stale = NULL;

		if (git_reference_lookup(&stale, g->repo, tracking) == 0)
			git_reference_delete(stale);
		git_reference_free(stale);
	}
	error = 0;

done:
	git_remote_free(remote);
	remote_ctx_release(&c);
	free(spec);
	free(what);
	free(want);
	free(tracking);
	return error;
}

int gitops_fetch(char out_sha[41], struct gitops *g, const struct gitops_remote *r,
		 const char *branch)
{
	git_oid tip;
	bool found;
	int error;

	if ((error = fetch_branch(&tip, &found, g, r, branch)) < 0)
		return error;
	if (!found)
		return err_set(ERR_NOTFOUND, "branch '%s' not found on '%s'", branch, r->url);
	if (out_sha)
		git_oid_tostr(out_sha, GIT_OID_HEXSZ + 1, &tip);
	return 0;
}

/* Commit `files` on `branch` on top of `base` (a sha, or NULL for a root commit). */
static int commit_on(char out_sha[41], struct gitops *g, const char *branch, const char *base,
		     const struct gitops_file *files, size_t nfiles, const char *message)
{
	struct target t;
	git_oid id;
	int error;

	memset(&t, 0, sizeof(t));
	t.refname = branch_ref(branch);
	t.exists = git_reference_name_to_id(&t.old, g->repo, t.refname) == 0;
	if (base && (git_oid_fromstr(&id, base) < 0 || git_commit_lookup(&t.parent, g->repo, &id) < 0))
		error = err_set(ERR_NOTFOUND, "commit '%s' not found", base);
	else
		error = commit_files_on(out_sha, g, &t, files, nfiles, message);
	target_release(&t);
	return error;
}

static void pause_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0)
		;
}

/* The most pushes one commit_push tries, progress or not. */
#define COMMIT_PUSH_CAP 200

int gitops_commit_push(char out_sha[41], struct gitops *g, const struct gitops_remote *r,
		       const char *branch, gitops_build_fn build, void *ctx, const char *message,
		       int max_attempts)
{
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)g;
	char last[GIT_OID_HEXSZ + 1] = "";
	int error = 0, stuck = 0;

	if (!r || !r->url)
		return err_set(ERR_USAGE, "cannot commit on '%s' and push: no remote URL",
			       branch ? branch : "");
	if (max_attempts <= 0)
		max_attempts = 5;
	/*
	 * A rejected push after the tip moved means another writer made progress: that does
	 * not use up an attempt, so N concurrent writers all land whatever their speed. Only
	 * rejections with no progress count (and a hard cap stops a runaway).
	 */
	for (int attempt = 1; stuck < max_attempts && attempt <= COMMIT_PUSH_CAP; attempt++) {
		const struct gitops_file *files = NULL;
		char base[GIT_OID_HEXSZ + 1] = "", sha[GIT_OID_HEXSZ + 1];
		size_t nfiles = 0;
		git_oid tip;
		bool found;

		if ((error = check_branch_name(branch)) < 0 ||
		    (error = fetch_branch(&tip, &found, g, r, branch)) < 0)
			return error;
		if (found) {
			git_oid_tostr(base, sizeof(base), &tip);
			stuck = strcmp(base, last) ? 0 : stuck;
			memcpy(last, base, sizeof(last));
		} else {
			char *ref = branch_ref(branch);

			if (git_reference_name_to_id(&tip, g->repo, ref) == 0)
				git_oid_tostr(base, sizeof(base), &tip);
			free(ref);
		}
		if ((error = build(&files, &nfiles, g, base[0] ? base : NULL, ctx)) < 0)
			return error;
		if (nfiles == 0) {
			if (out_sha)
				snprintf(out_sha, GIT_OID_HEXSZ + 1, "%s", base);
			return 0;
		}
		if ((error = commit_on(sha, g, branch, base[0] ? base : NULL, files, nfiles, message)) < 0)
			return error;
		error = gitops_push(g, r, branch, false);
		if (error == 0) {
			if (out_sha)
				memcpy(out_sha, sha, sizeof(sha));
			return 0;
		}
		if (error != ERR_CONFLICT)
			return error;
		stuck++;
		{
			int k = stuck < 6 ? stuck : 6;
			long wait = 100L << (k - 1);

			pause_ms(wait / 2 + (long)(rand_r(&seed) % (unsigned)(wait)));
		}
	}
	err_prefix("gave up after %d pushes rejected without progress", max_attempts);
	return error;
}

/* ---- listing a tree, for repair -------------------------------------------------------- */

struct path_list {
	char **list;
	size_t n, alloc;
};

static int collect_blob(const char *root, const git_tree_entry *entry, void *payload)
{
	struct path_list *pl = payload;

	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		return 0;
	if (pl->n + 2 > pl->alloc) {
		pl->alloc = pl->alloc ? 2 * pl->alloc : 64;
		pl->list = xrealloc(pl->list, pl->alloc * sizeof(*pl->list));
	}
	pl->list[pl->n++] = xasprintf("%s%s", root, git_tree_entry_name(entry));
	pl->list[pl->n] = NULL;
	return 0;
}

int gitops_list_paths(char ***out, size_t *count, struct gitops *g, const char *rev)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	struct path_list pl = {NULL, 0, 0};
	int error;

	if ((error = lookup_commit(&commit, g, rev)) < 0)
		goto done;
	if ((error = git_commit_tree(&tree, commit)) < 0 ||
	    (error = git_tree_walk(tree, GIT_TREEWALK_PRE, collect_blob, &pl)) < 0) {
		error = gfail(error, ERR_FAIL, "cannot list the files of '%s'", rev);
		goto done;
	}
	if (!pl.list)
		pl.list = xcalloc(1, sizeof(*pl.list));
	qsort(pl.list, pl.n, sizeof(*pl.list), by_string);
	*out = pl.list;
	if (count)
		*count = pl.n;
	pl.list = NULL;
done:
	sys_free_list(pl.list);
	git_tree_free(tree);
	git_commit_free(commit);
	return error;
}
