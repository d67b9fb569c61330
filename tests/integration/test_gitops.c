#include "common.h"
#include "harness.h"
#include "io/gitops.h"
#include "util/sys.h"

#include <unistd.h>

static struct gitops *new_repo(char **dir)
{
	struct gitops *g = NULL;

	*dir = sys_path_join(harness_tmpdir(), "repo");
	if (gitops_init(&g, *dir, "main") < 0)
		xdie("gitops_init: %s", err_last());
	return g;
}

static struct gitops_file file(const char *path, const char *data)
{
	return (struct gitops_file){path, data, strlen(data), false};
}

static struct gitops_file gone(const char *path)
{
	return (struct gitops_file){path, NULL, 0, true};
}

/* The content of `path` at `rev`, or "<missing>"; a new string. */
static char *at(struct gitops *g, const char *rev, const char *path)
{
	struct buf b = BUF_INIT;

	if (gitops_read_file(&b, g, rev, path) < 0) {
		buf_release(&b);
		return xstrdup("<missing>");
	}
	return buf_detach(&b);
}

/* The content of a work tree file, or "<missing>"; a new string. */
static char *on_disk(const char *dir, const char *path)
{
	char *full = sys_path_join(dir, path);
	struct buf b = BUF_INIT;

	if (sys_read_file(&b, full, 1 << 20) < 0)
		buf_puts(&b, "<missing>");
	free(full);
	return buf_detach(&b);
}

/* The changed paths of `rev`, joined with ','; a new string. */
static char *changed(struct gitops *g, const char *rev)
{
	struct buf b = BUF_INIT;
	char **list = NULL;
	size_t n = 0;

	if (gitops_changed_paths(&list, &n, g, rev) < 0)
		return xasprintf("<error: %s>", err_last());
	for (size_t i = 0; i < n; i++)
		buf_putf(&b, "%s%s", i ? "," : "", list[i]);
	if (list[n] != NULL)
		buf_puts(&b, "<not NULL-terminated>");
	sys_free_list(list);
	return buf_detach(&b);
}

#define ASSERT_AT(g, rev, path, want)                                                  \
	do {                                                                           \
		char *assert_got = at(g, rev, path);                                   \
		bool assert_same = !strcmp(assert_got, want);                          \
		if (!assert_same)                                                      \
			fprintf(stderr, "    %s:%s = \"%s\"\n", rev, path, assert_got);  \
		free(assert_got);                                                      \
		ASSERT(assert_same);                                                   \
	} while (0)

#define ASSERT_DISK(dir, path, want)                                                   \
	do {                                                                           \
		char *assert_got = on_disk(dir, path);                                 \
		bool assert_same = !strcmp(assert_got, want);                          \
		if (!assert_same)                                                      \
			fprintf(stderr, "    work tree %s = \"%s\"\n", path, assert_got); \
		free(assert_got);                                                      \
		ASSERT(assert_same);                                                   \
	} while (0)

#define ASSERT_CHANGED(g, rev, want)                                                   \
	do {                                                                           \
		char *assert_got = changed(g, rev);                                    \
		bool assert_same = !strcmp(assert_got, want);                          \
		if (!assert_same)                                                      \
			fprintf(stderr, "    changed(%s) = \"%s\"\n", rev, assert_got);   \
		free(assert_got);                                                      \
		ASSERT(assert_same);                                                   \
	} while (0)

TEST(gitops, init_commit_and_branch)
{
	char *dir, *branch = NULL, *msg = NULL;
	struct gitops *g = new_repo(&dir);
	struct gitops_file first[] = {file("a.txt", "alpha\n"), file("dir/b.txt", "beta\n")};
	struct gitops_file fix[] = {file("a.txt", "alpha fixed\n")};
	char sha1[41], sha2[41];
	int parents = -1;

	ASSERT(!gitops_has_branch(g, "main"));
	ASSERT_OK(gitops_head_branch(&branch, g));
	ASSERT_STR_EQ(branch, "main");
	ASSERT_OK(gitops_commit_files(sha1, g, "main", NULL, first, 2, "initial"));
	ASSERT_INT_EQ(strlen(sha1), 40);
	ASSERT(gitops_has_branch(g, "main"));
	ASSERT(gitops_has_commit(g, sha1));
	ASSERT(!gitops_has_commit(g, "0123456789abcdef0123456789abcdef01234567"));
	ASSERT(!gitops_has_commit(g, "main"));
	ASSERT_CHANGED(g, "main", "a.txt,dir/b.txt");
	ASSERT_OK(gitops_commit_info(&msg, &parents, g, "main"));
	ASSERT_STR_EQ(msg, "initial\n");
	ASSERT_INT_EQ(parents, 0);

	ASSERT_OK(gitops_commit_files(sha2, g, "fix", "main", fix, 1, "fix: a\n\nbody"));
	ASSERT(strcmp(sha1, sha2) != 0);
	ASSERT(gitops_has_branch(g, "fix"));
	ASSERT_CHANGED(g, "fix", "a.txt");
	ASSERT_CHANGED(g, sha2, "a.txt");
	ASSERT_AT(g, "fix", "a.txt", "alpha fixed\n");
	ASSERT_AT(g, "fix", "dir/b.txt", "beta\n");
	ASSERT_AT(g, "main", "a.txt", "alpha\n");
	ASSERT_AT(g, sha1, "a.txt", "alpha\n");
	/* The fix branch is not checked out: the work tree keeps main's content. */
	ASSERT_DISK(dir, "a.txt", "alpha\n");
	free(msg);
	ASSERT_OK(gitops_commit_info(&msg, &parents, g, "fix"));
	ASSERT_STR_EQ(msg, "fix: a\n\nbody\n");
	ASSERT_INT_EQ(parents, 1);

	free(msg);
	free(branch);
	free(dir);
	gitops_free(g);
}

TEST(gitops, worktree_follows_head_branch)
{
	char *dir, *untracked;
	struct gitops *g = new_repo(&dir), *again = NULL;
	struct gitops_file one[] = {file("keep.txt", "keep\n"), file("sub/old.txt", "old\n"),
				    file("edit.txt", "v1\n")};
	struct gitops_file two[] = {gone("sub/old.txt"), file("edit.txt", "v2\n"),
				    file("new/deep/n.txt", "n\n")};

	ASSERT_OK(gitops_commit_files(NULL, g, "main", "main", one, 3, "one"));
	ASSERT_DISK(dir, "keep.txt", "keep\n");
	ASSERT_DISK(dir, "sub/old.txt", "old\n");
	untracked = sys_path_join(dir, "scratch.log");
	ASSERT_OK(sys_write_file(untracked, "mine\n", 5));

	ASSERT_OK(gitops_open(&again, dir));
	ASSERT_OK(gitops_commit_files(NULL, again, "main", NULL, two, 3, "two"));
	ASSERT_CHANGED(again, "main", "edit.txt,new/deep/n.txt,sub/old.txt");
	ASSERT_DISK(dir, "edit.txt", "v2\n");
	ASSERT_DISK(dir, "new/deep/n.txt", "n\n");
	ASSERT_DISK(dir, "sub/old.txt", "<missing>");
	ASSERT_DISK(dir, "keep.txt", "keep\n");
	ASSERT_DISK(dir, "scratch.log", "mine\n");
	ASSERT_AT(g, "main", "edit.txt", "v2\n");
	ASSERT_AT(g, "main", "sub/old.txt", "<missing>");

	free(untracked);
	free(dir);
	gitops_free(again);
	gitops_free(g);
}

static const char TWENTY[] = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\n"
			     "line 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\n"
			     "line 15\nline 16\nline 17\nline 18\nline 19\nline 20\n";

/* Two hunks in a.txt, a deleted file and a new file in a new directory. */
static const char DIFF[] = "diff --git a/a.txt b/a.txt\n"
			   "index 1111111..2222222 100644\n"
			   "--- a/a.txt\n"
			   "+++ b/a.txt\n"
			   "@@ -1,4 +1,4 @@\n"
			   " line 1\n"
			   "-line 2\n"
			   "+line two\n"
			   " line 3\n"
			   " line 4\n"
			   "@@ -17,4 +17,5 @@\n"
			   " line 17\n"
			   "-line 18\n"
			   "+line eighteen\n"
			   "+line eighteen and a half\n"
			   " line 19\n"
			   " line 20\n"
			   "diff --git a/b.txt b/b.txt\n"
			   "deleted file mode 100644\n"
			   "index 3333333..0000000\n"
			   "--- a/b.txt\n"
			   "+++ /dev/null\n"
			   "@@ -1,2 +0,0 @@\n"
			   "-gone 1\n"
			   "-gone 2\n"
			   "diff --git a/docs/new.md b/docs/new.md\n"
			   "new file mode 100644\n"
			   "index 0000000..4444444\n"
			   "--- /dev/null\n"
			   "+++ b/docs/new.md\n"
			   "@@ -0,0 +1,2 @@\n"
			   "+# fresh\n"
			   "+file\n";

static const char PATCHED[] = "line 1\nline two\nline 3\nline 4\nline 5\nline 6\nline 7\n"
			      "line 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\n"
			      "line 15\nline 16\nline 17\nline eighteen\nline eighteen and a half\n"
			      "line 19\nline 20\n";

TEST(gitops, commit_diff_modify_delete_add)
{
	char *dir;
	struct gitops *g = new_repo(&dir);
	struct gitops_file base[] = {file("a.txt", TWENTY), file("b.txt", "gone 1\ngone 2\n"),
				     file("c.txt", "untouched\n")};
	char sha[41];
	int parents = 0;

	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, base, 3, "base"));
	ASSERT_OK(gitops_commit_diff(sha, g, "fix/1", "main", DIFF, strlen(DIFF), "apply"));
	ASSERT(gitops_has_commit(g, sha));
	ASSERT_CHANGED(g, "fix/1", "a.txt,b.txt,docs/new.md");
	ASSERT_AT(g, "fix/1", "a.txt", PATCHED);
	ASSERT_AT(g, "fix/1", "b.txt", "<missing>");
	ASSERT_AT(g, "fix/1", "docs/new.md", "# fresh\nfile\n");
	ASSERT_AT(g, "fix/1", "c.txt", "untouched\n");
	ASSERT_AT(g, "main", "a.txt", TWENTY);
	ASSERT_AT(g, "main", "b.txt", "gone 1\ngone 2\n");
	ASSERT_OK(gitops_commit_info(NULL, &parents, g, "fix/1"));
	ASSERT_INT_EQ(parents, 1);
	free(dir);
	gitops_free(g);
}

/* Diffs written by hand (or by a model) often lack the index line. */
TEST(gitops, commit_diff_without_index_line)
{
	static const char diff[] = "diff --git a/c.txt b/c.txt\n"
				   "--- a/c.txt\n"
				   "+++ b/c.txt\n"
				   "@@ -1 +1 @@\n"
				   "-old\n"
				   "+new\n";
	char *dir;
	struct gitops *g = new_repo(&dir);
	struct gitops_file base[] = {file("c.txt", "old\n")};
	struct gitops_file more[] = {file("d.txt", "d\n")};

	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, base, 1, "base"));
	ASSERT_OK(gitops_commit_diff(NULL, g, "main", "main", diff, strlen(diff), "edit"));
	ASSERT_AT(g, "main", "c.txt", "new\n");
	ASSERT_DISK(dir, "c.txt", "new\n");
	/* An existing branch moves forward from its own tip. */
	ASSERT_OK(gitops_commit_files(NULL, g, "side", "main", more, 1, "side"));
	ASSERT_ERR(gitops_commit_diff(NULL, g, "side", "main", diff, strlen(diff), "again"),
		   ERR_INPUT);
	free(dir);
	gitops_free(g);
}

TEST(gitops, commit_diff_that_does_not_apply)
{
	static const char stale[] = "diff --git a/a.txt b/a.txt\n"
				    "--- a/a.txt\n"
				    "+++ b/a.txt\n"
				    "@@ -1,3 +1,3 @@\n"
				    " line 1\n"
				    "-line 2 as it was last week\n"
				    "+line two\n"
				    " line 3\n";
	static const char missing[] = "diff --git a/nope.txt b/nope.txt\n"
				      "--- a/nope.txt\n"
				      "+++ b/nope.txt\n"
				      "@@ -1 +1 @@\n"
				      "-x\n"
				      "+y\n";
	static const char garbage[] = "this is not a diff\n";
	char *dir;
	struct gitops *g = new_repo(&dir);
	struct gitops_file base[] = {file("a.txt", TWENTY)};

	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, base, 1, "base"));
	ASSERT_ERR(gitops_commit_diff(NULL, g, "fix", "main", stale, strlen(stale), "m"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot apply the diff to 'main'");
	ASSERT_ERR(gitops_commit_diff(NULL, g, "fix", "main", missing, strlen(missing), "m"),
		   ERR_INPUT);
	ASSERT_ERR(gitops_commit_diff(NULL, g, "fix", "main", garbage, strlen(garbage), "m"),
		   ERR_INPUT);
	ASSERT_ERR(gitops_commit_diff(NULL, g, "fix", "main", "", 0, "m"), ERR_INPUT);
	ASSERT_ERR(gitops_commit_diff(NULL, g, "fix", "nowhere", DIFF, strlen(DIFF), "m"),
		   ERR_NOTFOUND);
	ASSERT(!gitops_has_branch(g, "fix"));
	ASSERT_AT(g, "main", "a.txt", TWENTY);
	free(dir);
	gitops_free(g);
}

TEST(gitops, revert_restores_bytes)
{
	static const char v1[] = "bin\0ary\r\nno newline at end";
	static const char v2[] = "changed\n";
	char *dir, *msg = NULL;
	struct gitops *g = new_repo(&dir);
	struct gitops_file one[] = {{"data.bin", v1, sizeof(v1) - 1, false},
				    file("other.txt", "other\n")};
	struct gitops_file two[] = {{"data.bin", v2, sizeof(v2) - 1, false},
				    file("added.txt", "added\n")};
	struct gitops_file three[] = {file("other.txt", "other, later\n")};
	char bad[41], rev[41];
	struct buf b = BUF_INIT;
	int parents = 0;

	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, one, 2, "one"));
	ASSERT_OK(gitops_commit_files(bad, g, "main", NULL, two, 2, "bad deploy"));
	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, three, 1, "unrelated"));
	ASSERT_OK(gitops_commit_revert(rev, g, "revert/bad", "main", bad, NULL));
	ASSERT_OK(gitops_read_file(&b, g, "revert/bad", "data.bin"));
	ASSERT_INT_EQ(b.len, sizeof(v1) - 1);
	ASSERT(!memcmp(b.ptr, v1, b.len));
	ASSERT_AT(g, "revert/bad", "added.txt", "<missing>");
	ASSERT_AT(g, "revert/bad", "other.txt", "other, later\n");
	ASSERT_CHANGED(g, rev, "added.txt,data.bin");
	ASSERT_OK(gitops_commit_info(&msg, &parents, g, "revert/bad"));
	ASSERT_INT_EQ(parents, 1);
	ASSERT_CONTAINS(msg, "Revert \"bad deploy\"");
	ASSERT_CONTAINS(msg, bad);
	/* main is untouched, on disk too */
	ASSERT_AT(g, "main", "data.bin", v2);
	ASSERT_DISK(dir, "data.bin", v2);

	free(msg);
	buf_release(&b);
	free(dir);
	gitops_free(g);
}

TEST(gitops, revert_conflict)
{
	char *dir;
	struct gitops *g = new_repo(&dir);
	struct gitops_file one[] = {file("cfg.yml", "replicas: 2\n")};
	struct gitops_file two[] = {file("cfg.yml", "replicas: 3\n")};
	struct gitops_file three[] = {file("cfg.yml", "replicas: 5\n")};
	char bad[41];

	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, one, 1, "one"));
	ASSERT_OK(gitops_commit_files(bad, g, "main", NULL, two, 1, "two"));
	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, three, 1, "three"));
	ASSERT_ERR(gitops_commit_revert(NULL, g, "revert", "main", bad, "undo"), ERR_CONFLICT);
	ASSERT_CONTAINS(err_last(), "cfg.yml");
	ASSERT(!gitops_has_branch(g, "revert"));
	ASSERT_ERR(gitops_commit_revert(NULL, g, "revert", "main",
					"0123456789abcdef0123456789abcdef01234567", "undo"),
		   ERR_NOTFOUND);
	free(dir);
	gitops_free(g);
}

static bool have_git(void)
{
	return system("git --version >/dev/null 2>&1") == 0;
}

/* Run a git command in `dir` and return its first output line; a new string. */
static char *git_line(const char *dir, const char *args)
{
	char *cmd = xasprintf("git -C '%s' -c user.name=t -c user.email=t@example.com %s",
			      dir, args);
	char line[256] = "";
	FILE *p = popen(cmd, "r");

	free(cmd);
	if (!p)
		return xstrdup("");
	if (!fgets(line, sizeof(line), p))
		line[0] = '\0';
	pclose(p);
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

/* The merge commit is made with the git CLI: only gitops.c may use libgit2. */
TEST(gitops, revert_merge_commit)
{
	char *dir, *merge, *out, *msg = NULL;
	struct gitops *g;
	struct gitops_file base[] = {file("a.txt", "a\n")};
	struct gitops_file feat[] = {file("f.txt", "feature\n"), file("a.txt", "a, featured\n")};
	struct gitops_file mainline[] = {file("m.txt", "main\n")};
	int parents = 0;

	if (!have_git()) {
		printf("    note: git not installed; merge revert not tested\n");
		return;
	}
	g = new_repo(&dir);
	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, base, 1, "base"));
	ASSERT_OK(gitops_commit_files(NULL, g, "feature", "main", feat, 2, "feature"));
	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, mainline, 1, "mainline"));
	out = git_line(dir, "merge --no-ff --no-edit -q feature 2>&1");
	free(out);
	merge = git_line(dir, "rev-parse HEAD");
	ASSERT_INT_EQ(strlen(merge), 40);
	ASSERT_OK(gitops_commit_info(NULL, &parents, g, "main"));
	ASSERT_INT_EQ(parents, 2);
	ASSERT_AT(g, "main", "f.txt", "feature\n");

	ASSERT_OK(gitops_commit_revert(NULL, g, "undo", "main", merge, "Revert the merge"));
	ASSERT_AT(g, "undo", "f.txt", "<missing>");
	ASSERT_AT(g, "undo", "a.txt", "a\n");
	ASSERT_AT(g, "undo", "m.txt", "main\n");
	ASSERT_CHANGED(g, "undo", "a.txt,f.txt");
	ASSERT_OK(gitops_commit_info(&msg, &parents, g, "undo"));
	ASSERT_STR_EQ(msg, "Revert the merge\n");
	ASSERT_INT_EQ(parents, 1);
	/* git itself agrees with the result */
	out = git_line(dir, "diff --stat main~1 undo");
	ASSERT_STR_EQ(out, "");
	free(out);

	free(msg);
	free(merge);
	free(dir);
	gitops_free(g);
}

TEST(gitops, errors)
{
	char *dir, *other;
	struct gitops *g = new_repo(&dir), *h = NULL;
	struct gitops_file ok[] = {file("a.txt", "a\n")};
	struct gitops_file dotdot[] = {file("../escape.txt", "x")};
	struct gitops_file dotgit[] = {file(".git/config", "x")};
	struct gitops_file twice[] = {file("b.txt", "1"), file("b.txt", "2")};
	struct gitops_file nothere[] = {gone("nothere.txt")};
	struct buf b = BUF_INIT;
	char **list = NULL;
	size_t n = 0;

	ASSERT_ERR(gitops_commit_files(NULL, g, "main", NULL, ok, 1, ""), ERR_INPUT);
	ASSERT_OK(gitops_commit_files(NULL, g, "main", NULL, ok, 1, "ok"));
	ASSERT_ERR(gitops_commit_files(NULL, g, "main", NULL, dotdot, 1, "m"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'../escape.txt'");
	ASSERT_ERR(gitops_commit_files(NULL, g, "main", NULL, dotgit, 1, "m"), ERR_INPUT);
	ASSERT_ERR(gitops_commit_files(NULL, g, "main", NULL, twice, 2, "m"), ERR_INPUT);
	ASSERT_ERR(gitops_commit_files(NULL, g, "main", NULL, nothere, 1, "m"), ERR_NOTFOUND);
	ASSERT_ERR(gitops_commit_files(NULL, g, "bad..name", "main", ok, 1, "m"), ERR_INPUT);
	ASSERT_ERR(gitops_commit_files(NULL, g, "new", "nowhere", ok, 1, "m"), ERR_NOTFOUND);
	ASSERT_ERR(gitops_read_file(&b, g, "main", "missing.txt"), ERR_NOTFOUND);
	ASSERT_ERR(gitops_read_file(&b, g, "nowhere", "a.txt"), ERR_NOTFOUND);
	ASSERT_ERR(gitops_changed_paths(&list, &n, g, "nowhere"), ERR_NOTFOUND);
	ASSERT_ERR(gitops_commit_info(NULL, NULL, g, "nowhere"), ERR_NOTFOUND);
	buf_init(&b, 1);
	ASSERT_ERR(gitops_read_file(&b, g, "main", "a.txt"), ERR_TOO_BIG);
	buf_release(&b);
	ASSERT_AT(g, "main", "a.txt", "a\n");

	ASSERT(gitops_init(&h, dir, "main") < 0);
	other = sys_path_join(harness_tmpdir(), "not-a-repo");
	ASSERT_OK(sys_mkdir_p(other, 0755));
	ASSERT_ERR(gitops_open(&h, other), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "not-a-repo");
	free(other);
	free(dir);
	gitops_free(g);
}

/* ---- remotes (a bare repository reached over file://; HTTP is in test_github_live.c) -- */

/* A bare repository under the test's directory; its file:// URL (new string). */
static char *bare_remote(const char *name)
{
	char *path = sys_path_join(harness_tmpdir(), name);
	char *url = xasprintf("file://%s", path);

	if (harness_run(NULL, "git init -q --bare -b main '%s'", path) != 0)
		xdie("cannot create the bare repository '%s'", path);
	free(path);
	return url;
}

/* `git rev-parse` / `git show` in the bare remote; new string without the newline. */
static char *in_remote(const char *name, const char *what)
{
	char *path = sys_path_join(harness_tmpdir(), name);
	struct buf out = BUF_INIT;

	if (harness_run(&out, "git --git-dir='%s' %s 2>&1", path, what) != 0)
		buf_puts(&out, "<failed>");
	free(path);
	buf_rtrim(&out);
	return buf_detach(&out);
}

static struct gitops *repo_at(const char *name)
{
	struct gitops *g = NULL;
	char *dir = sys_path_join(harness_tmpdir(), name);

	if (gitops_init(&g, dir, "main") < 0)
		xdie("gitops_init: %s", err_last());
	free(dir);
	return g;
}

TEST(gitops, push_and_fetch)
{
	char *url = bare_remote("remote.git"), *tip = NULL;
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops *a = repo_at("a"), *b = repo_at("b");
	struct gitops_file one[] = {file("README.md", "one\n")};
	struct gitops_file two[] = {file("README.md", "two\n")};
	char sha[41], fetched[41], other[41];

	r.url = url;
	ASSERT_OK(gitops_commit_files(sha, a, "main", NULL, one, 1, "one"));
	ASSERT_ERR(gitops_push(a, &r, "nope", false), ERR_NOTFOUND);
	ASSERT_OK(gitops_push(a, &r, "main", false));
	tip = in_remote("remote.git", "rev-parse main");
	ASSERT_STR_EQ(tip, sha);
	/* another clone fetches it into refs/remotes/origin/main */
	ASSERT_OK(gitops_fetch(fetched, b, &r, "main"));
	ASSERT_STR_EQ(fetched, sha);
	ASSERT_AT(b, "refs/remotes/origin/main", "README.md", "one\n");
	ASSERT_ERR(gitops_fetch(fetched, b, &r, "nope"), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "branch 'nope' not found on 'file://");
	/* an unrelated history of main is not a fast-forward */
	ASSERT_OK(gitops_commit_files(other, b, "main", NULL, two, 1, "two"));
	ASSERT_ERR(gitops_push(b, &r, "main", false), ERR_CONFLICT);
	ASSERT_CONTAINS(err_last(), "non-fast-forward");
	free(tip);
	tip = in_remote("remote.git", "rev-parse main");
	ASSERT_STR_EQ(tip, sha);
	/* unless forced; a branch built on the fetched tip is a plain push */
	ASSERT_OK(gitops_push(b, &r, "main", true));
	free(tip);
	tip = in_remote("remote.git", "rev-parse main");
	ASSERT_STR_EQ(tip, other);
	ASSERT_OK(gitops_commit_files(NULL, a, "fix/x", "main", two, 1, "fix"));
	ASSERT_OK(gitops_push(a, &r, "fix/x", false));
	free(tip);
	tip = in_remote("remote.git", "show fix/x:README.md");
	ASSERT_STR_EQ(tip, "two");
	/* a remote that is not there */
	r.url = "file:///nonexistent/remote.git";
	ASSERT(gitops_push(a, &r, "main", false) < 0);
	free(tip);
	free(url);
	gitops_free(a);
	gitops_free(b);
}

/*
 * The knowledge-base case: append a line to incidents.md on main. On the first call the
 * callback lets another clone push first, as a concurrent run would; the push is then
 * refused and the line is appended again on the new tip.
 */
struct append_ctx {
	const char *line;
	int calls;
	struct gitops *rival;
	const struct gitops_remote *r;
	struct buf text;
	struct gitops_file f;
};

static int append_line(const struct gitops_file **files, size_t *nfiles, struct gitops *g,
		       const char *base, void *ctx)
{
	struct append_ctx *c = ctx;
	int error;

	c->calls++;
	buf_reset(&c->text);
	if (base && (error = gitops_read_file(&c->text, g, base, "incidents.md")) < 0 &&
	    error != ERR_NOTFOUND)
		return error;
	err_clear();
	buf_puts(&c->text, c->line);
	c->f = (struct gitops_file){"incidents.md", c->text.ptr, c->text.len, false};
	*files = &c->f;
	*nfiles = 1;
	if (c->rival && c->calls == 1) {
		struct gitops_file rival = {"incidents.md", "one\nthree\n", 10, false};
		char tip[41];

		if ((error = gitops_fetch(tip, c->rival, c->r, "main")) < 0 ||
		    (error = gitops_commit_files(NULL, c->rival, "main", NULL, &rival, 1, "three")) < 0 ||
		    (error = gitops_push(c->rival, c->r, "main", false)) < 0)
			return error;
	}
	return 0;
}

TEST(gitops, commit_push_reapplies_on_a_moved_tip)
{
	char *url = bare_remote("kb.git"), *shown = NULL, *dir_b = sys_path_join(harness_tmpdir(), "b");
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops *a = repo_at("a"), *b = repo_at("b"), *rival = repo_at("rival");
	struct gitops_file one[] = {file("incidents.md", "one\n")};
	struct append_ctx ctx = {"two\n", 0, NULL, NULL, BUF_INIT, {NULL, NULL, 0, false}};
	char sha[41], tip[41];

	r.url = url;
	ASSERT_OK(gitops_commit_files(NULL, a, "main", NULL, one, 1, "one"));
	ASSERT_OK(gitops_push(a, &r, "main", false));
	/* the rival clone must know main to build on it */
	ASSERT_OK(gitops_fetch(tip, rival, &r, "main"));
	ASSERT_OK(gitops_commit_files(NULL, rival, "main", "refs/remotes/origin/main", NULL, 0, "sync"));
	ctx.rival = rival;
	ctx.r = &r;
	ASSERT_OK(gitops_commit_push(sha, b, &r, "main", append_line, &ctx, "kb: two", 3));
	ASSERT_INT_EQ(ctx.calls, 2);
	shown = in_remote("kb.git", "show main:incidents.md");
	ASSERT_STR_EQ(shown, "one\nthree\ntwo");
	free(shown);
	shown = in_remote("kb.git", "rev-parse main");
	ASSERT_STR_EQ(shown, sha);
	/* main is b's checked-out branch: its work tree follows */
	ASSERT_DISK(dir_b, "incidents.md", "one\nthree\ntwo\n");
	/* nothing to commit: the remote tip comes back */
	{
		struct append_ctx none = {"", 0, NULL, NULL, BUF_INIT, {NULL, NULL, 0, false}};
		char same[41];

		ASSERT_OK(gitops_commit_push(same, b, &r, "main", append_line, &none, "kb", 3));
		ASSERT_INT_EQ(none.calls, 1);
		buf_release(&none.text);
	}
	buf_release(&ctx.text);
	free(shown);
	free(dir_b);
	free(url);
	gitops_free(a);
	gitops_free(b);
	gitops_free(rival);
}

TEST(gitops, proxy_from_environment)
{
	static const char *const vars[] = {"https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy",
					   "ALL_PROXY", "no_proxy", "NO_PROXY"};
	char *saved[ARRAY_SIZE(vars)];
	char *p;

	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		saved[i] = getenv(vars[i]) ? xstrdup(getenv(vars[i])) : NULL;
		test_unsetenv(vars[i]);
	}
	ASSERT(gitops_proxy_for("https://github.com/o/r.git") == NULL);
	test_setenv("HTTPS_PROXY", "http://proxy.corp:3128");
	test_setenv("all_proxy", "http://all.corp:1080");
	test_setenv("NO_PROXY", "internal.corp, .ghe.example:443");
	p = gitops_proxy_for("https://github.com/o/r.git");
	ASSERT_STR_EQ(p, "http://proxy.corp:3128");
	free(p);
	p = gitops_proxy_for("http://github.com/o/r.git");
	ASSERT_STR_EQ(p, "http://all.corp:1080");
	free(p);
	ASSERT(gitops_proxy_for("https://git.internal.corp/o/r.git") == NULL);
	ASSERT(gitops_proxy_for("https://ghe.example/o/r.git") == NULL);
	ASSERT(gitops_proxy_for("https://x.ghe.example:8443/o/r.git") == NULL);
	p = gitops_proxy_for("https://notghe.example/o/r.git");
	ASSERT_STR_EQ(p, "http://proxy.corp:3128");
	free(p);
	ASSERT(gitops_proxy_for("http://127.0.0.1:8080/o/r.git") == NULL);
	ASSERT(gitops_proxy_for("https://user@localhost/o/r.git") == NULL);
	ASSERT(gitops_proxy_for("/srv/git/o/r.git") == NULL);
	test_setenv("no_proxy", "*");
	ASSERT(gitops_proxy_for("https://github.com/o/r.git") == NULL);
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		if (saved[i])
			test_setenv(vars[i], saved[i]);
		else
			test_unsetenv(vars[i]);
		free(saved[i]);
	}
}
