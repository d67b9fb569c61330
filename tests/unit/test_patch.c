#include "common.h"
#include "harness.h"
#include "util/patch.h"
#include "util/sys.h"

#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>

/*
 * The oracle is real `git apply`: a scenario repository gets a commit with the "old"
 * tree, then the "new" tree is staged and `git diff --cached` gives the diff under test.
 * git runs with no system or global configuration, so its output is deterministic.
 */

#define GIT_ENV "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=/nonexistent LC_ALL=C "
#define GIT "git -c core.autocrlf=false -c core.filemode=true -c user.name=t -c user.email=t@t "

/* Run a shell command in `dir`; its exit status, or -1. */
ATTR_PRINTF(2, 3) static int run(const char *dir, const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	va_list ap;
	int rc;

	buf_putf(&cmd, "cd '%s' && export " GIT_ENV "&& ", dir);
	va_start(ap, fmt);
	rc = buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	if (rc == 0)
		rc = system(cmd.ptr);
	buf_release(&cmd);
	return rc < 0 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

static char *tmp(const char *name)
{
	return sys_path_join(harness_tmpdir(), name);
}

static int put(const char *dir, const char *name, const char *content, unsigned mode)
{
	char *path = sys_path_join(dir, name);
	int error = sys_write_file(path, content, strlen(content));

	if (!error && chmod(path, mode) < 0)
		error = ERR_IO;
	free(path);
	return error;
}

static int slurp(struct buf *out, const char *dir, const char *name)
{
	char *path = sys_path_join(dir, name);
	int error = sys_read_file(out, path, DIFF_FILE_MAX);

	free(path);
	return error;
}

/* "<tag> line 1\n" .. "<tag> line n\n", with line `change` (1-based) rewritten. */
static char *numbered(const char *tag, int n, int change1, int change2, int change3)
{
	struct buf b = BUF_INIT;

	for (int i = 1; i <= n; i++)
		buf_putf(&b, "%s line %d%s\n", tag, i,
			 i == change1 || i == change2 || i == change3 ? " changed" : "");
	return buf_detach(&b);
}

static int write_old(const char *dir)
{
	char *a = numbered("a", 30, 0, 0, 0), *b = numbered("b", 40, 0, 0, 0);
	char *c = numbered("c", 5, 0, 0, 0);
	int error = 0;

	error = error ? error : put(dir, "a.txt", a, 0644);
	error = error ? error : put(dir, "b.txt", b, 0644);
	error = error ? error : put(dir, "c.txt", c, 0644);
	error = error ? error : put(dir, "e.txt", "alpha\nbeta", 0644);
	error = error ? error : put(dir, "f.txt", "one\r\ntwo\r\nthree\r\nfour\r\n", 0644);
	error = error ? error : put(dir, "g.sh", "#!/bin/sh\n", 0644);
	error = error ? error : put(dir, "run.sh", "#!/bin/sh\necho hi\n", 0644);
	error = error ? error : put(dir, "sp ace.txt", "x\ny\nz\n", 0644);
	error = error ? error : put(dir, "tab\there.txt", "first\nsecond\n", 0644);
	free(a);
	free(b);
	free(c);
	return error;
}

static int write_new(const char *dir)
{
	struct buf b = BUF_INIT;
	char *a = numbered("a", 30, 3, 15, 27), *path = sys_path_join(dir, "c.txt");
	int error = 0;

	/* b.txt: two lines inserted after line 2, lines 18-19 deleted, the last line
	   rewritten without a final newline. */
	for (int i = 1; i <= 40; i++) {
		if (i == 18 || i == 19)
			continue;
		if (i == 40)
			buf_putf(&b, "b last line");
		else
			buf_putf(&b, "b line %d\n", i);
		if (i == 2)
			buf_putf(&b, "b inserted 1\nb inserted 2\n");
	}
	error = error ? error : put(dir, "a.txt", a, 0644);
	error = error ? error : put(dir, "b.txt", b.ptr, 0644);
	if (!error && sys_is_file(path) && remove(path) < 0)
		error = ERR_IO;
	error = error ? error : put(dir, "d.txt", "new 1\nnew 2\nnew 3\nnew 4\n", 0644);
	error = error ? error : put(dir, "e.txt", "alpha\nbeta\ngamma\n", 0644);
	error = error ? error : put(dir, "f.txt", "one\r\nTWO\r\nthree\r\nfour\r\n", 0644);
	error = error ? error : put(dir, "g.sh", "#!/bin/sh\n", 0755);
	error = error ? error : put(dir, "h.txt", "", 0644);
	error = error ? error : put(dir, "run.sh", "#!/bin/sh\necho hello\n", 0755);
	error = error ? error : put(dir, "sp ace.txt", "x\nY\nz\n", 0644);
	error = error ? error : put(dir, "tab\there.txt", "FIRST\nsecond\n", 0644);
	buf_release(&b);
	free(a);
	free(path);
	return error;
}

/*
 * The scenario: tmp/old and tmp/new hold the two trees, tmp/repo the repository, and
 * `diff` the output of `git diff --cached` between them (`args` added).
 */
static int scenario(struct buf *diff, const char *args)
{
	char *old = tmp("old"), *new = tmp("new"), *repo = tmp("repo");
	int error = -1;

	if (write_old(old) < 0 || write_new(new) < 0 || write_old(repo) < 0)
		goto done;
	if (run(repo, GIT "init -q . && " GIT "add -A && " GIT "commit -q -m old") != 0)
		goto done;
	if (write_new(repo) < 0 ||
	    run(repo, GIT "add -A && " GIT "diff --cached %s >../scenario.diff", args) != 0)
		goto done;
	error = slurp(diff, harness_tmpdir(), "scenario.diff");
done:
	free(old);
	free(new);
	free(repo);
	return error;
}

/* A fresh copy of tmp/<from> as tmp/<to>, with `diff` saved beside it as <to>.diff. */
static int fresh_copy(const char *from, const char *to, const struct buf *diff)
{
	char *src = tmp(from), *dst = tmp(to), *name = xasprintf("%s.diff", to);
	int error;

	sys_remove_tree(dst);
	error = run(harness_tmpdir(), "cp -a '%s' '%s'", src, dst) ? ERR_IO : 0;
	if (!error)
		error = put(harness_tmpdir(), name, diff->ptr, 0644);
	free(src);
	free(dst);
	free(name);
	return error;
}

/* Drop the section text after "@@ ... @@", which git takes from the preimage side. */
static char *strip_sections(const char *text)
{
	struct buf b = BUF_INIT;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		const char *second = !strncmp(p, "@@ ", 3) ? strstr(p + 3, " @@") : NULL;

		if (second && second < p + len)
			buf_putf(&b, "%.*s\n", (int)(second + 3 - p), p);
		else
			buf_putf(&b, "%.*s", (int)len, p);
		p += len;
	}
	return buf_detach(&b);
}

static bool every_other(const struct patch_file *f, const struct patch_hunk *h, void *ctx)
{
	int *n = ctx;

	return (*n)++ % 2 == 0;
}

static bool every_other_late(const struct patch_file *f, const struct patch_hunk *h, void *ctx)
{
	int *n = ctx;

	return (*n)++ % 2 == 1;
}

/*
 * What applying `rendered` to tmp/<base> must give, computed with patch_apply_file, in
 * tmp/<expect> (a copy of the base with each patched file replaced or removed).
 */
static int expected_tree(const char *base, const char *expect, const char *rendered)
{
	struct patch p = PATCH_INIT;
	char *base_dir = tmp(base), *dir = tmp(expect);
	struct buf dummy = BUF_INIT;
	int error;

	if ((error = fresh_copy(base, expect, &dummy)) < 0 ||
	    (error = patch_parse(&p, rendered, strlen(rendered), "rendered")) < 0)
		goto done;
	for (size_t i = 0; i < p.nfiles && !error; i++) {
		const struct patch_file *f = &p.files[i];
		struct buf old = BUF_INIT, res = BUF_INIT;
		char *target = sys_path_join(dir, patch_file_path(f));

		if (!f->is_new)
			error = slurp(&old, base_dir, f->old_path);
		if (!error)
			error = patch_apply_file(&res, f, old.ptr, old.len);
		if (!error && f->is_deleted)
			error = remove(target) < 0 ? ERR_IO : 0;
		else if (!error)
			error = sys_write_file(target, res.ptr, res.len);
		buf_release(&old);
		buf_release(&res);
		free(target);
	}
done:
	patch_release(&p);
	free(base_dir);
	free(dir);
	return error;
}

static bool is_executable(const char *dir, const char *name)
{
	char *path = sys_path_join(dir, name);
	struct stat st;
	bool x = stat(path, &st) == 0 && (st.st_mode & 0111);

	free(path);
	return x;
}

TEST(patch, parse_git_diff_fields)
{
	struct buf diff = BUF_INIT;
	struct patch p = PATCH_INIT;
	const struct patch_file *f;

	ASSERT_OK(scenario(&diff, ""));
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "scenario.diff"));
	ASSERT_INT_EQ(p.nfiles, 11);
	/* git sorts by path: a b c d e f g.sh h run.sh "sp ace" "tab\there" */
	f = &p.files[0];
	ASSERT_STR_EQ(f->old_path, "a.txt");
	ASSERT_STR_EQ(f->new_path, "a.txt");
	ASSERT_INT_EQ(f->nhunks, 3);
	ASSERT_INT_EQ(f->added, 3);
	ASSERT_INT_EQ(f->removed, 3);
	ASSERT_STR_EQ(f->old_mode, "100644");
	ASSERT(f->old_index && f->new_index && strlen(f->old_index) >= 7);
	ASSERT_INT_EQ(f->hunks[0].old_start, 1);
	ASSERT_INT_EQ(f->hunks[0].old_lines, 6);
	ASSERT_INT_EQ(f->hunks[1].old_start, 12);
	ASSERT_INT_EQ(f->hunks[1].old_lines, 7);
	ASSERT_STR_EQ(f->hunks[1].section, " a line 11");
	ASSERT_CONTAINS(f->hunks[1].body, "-a line 15\n+a line 15 changed\n");

	f = &p.files[1];
	ASSERT_INT_EQ(f->nhunks, 3);
	ASSERT_INT_EQ(f->added, 3);
	ASSERT_INT_EQ(f->removed, 3);
	ASSERT_CONTAINS(f->hunks[2].body, "+b last line\n\\ No newline at end of file\n");

	f = &p.files[2];
	ASSERT(f->is_deleted && !f->is_new);
	ASSERT(f->new_path == NULL);
	ASSERT_STR_EQ(f->old_path, "c.txt");
	ASSERT_STR_EQ(f->old_mode, "100644");
	ASSERT_INT_EQ(f->hunks[0].new_start, 0);
	ASSERT_INT_EQ(f->hunks[0].new_lines, 0);
	ASSERT_STR_EQ(patch_file_path(f), "c.txt");

	f = &p.files[3];
	ASSERT(f->is_new && f->old_path == NULL);
	ASSERT_STR_EQ(f->new_path, "d.txt");
	ASSERT_STR_EQ(f->new_mode, "100644");
	ASSERT_STR_EQ(f->old_index, "0000000");

	f = &p.files[4];
	ASSERT_CONTAINS(f->hunks[0].body, "-beta\n\\ No newline at end of file\n+beta\n+gamma\n");

	f = &p.files[5];
	ASSERT_CONTAINS(f->hunks[0].body, "-two\r\n+TWO\r\n");

	f = &p.files[6];
	ASSERT_STR_EQ(f->new_path, "g.sh");
	ASSERT_STR_EQ(f->old_mode, "100644");
	ASSERT_STR_EQ(f->new_mode, "100755");
	ASSERT_INT_EQ(f->nhunks, 0);

	f = &p.files[7];
	ASSERT(f->is_new);
	ASSERT_STR_EQ(f->new_path, "h.txt");
	ASSERT_INT_EQ(f->nhunks, 0);

	ASSERT_STR_EQ(p.files[8].new_mode, "100755");
	ASSERT_STR_EQ(p.files[9].new_path, "sp ace.txt");
	ASSERT_STR_EQ(p.files[10].new_path, "tab\there.txt");
	ASSERT_INT_EQ(p.added, p.files[0].added + 3 + 4 + 2 + 1 + 1 + 1 + 1);
	patch_release(&p);
	buf_release(&diff);
}

TEST(patch, forward_render_is_the_original_and_applies)
{
	struct buf diff = BUF_INIT, out = BUF_INIT;
	struct patch p = PATCH_INIT;
	char *t = tmp("t");

	ASSERT_OK(scenario(&diff, ""));
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "scenario.diff"));
	ASSERT_OK(patch_render(&out, &p, false, NULL, NULL));
	ASSERT_STR_EQ(out.ptr, diff.ptr);
	ASSERT_OK(fresh_copy("old", "t", &out));
	ASSERT_INT_EQ(run(t, "git apply --check ../t.diff"), 0);
	ASSERT_INT_EQ(run(t, "git apply ../t.diff && diff -r . ../new >/dev/null"), 0);
	ASSERT(is_executable(t, "run.sh"));
	ASSERT(is_executable(t, "g.sh"));
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
	free(t);
}

TEST(patch, reverse_render_restores_old_tree)
{
	struct buf diff = BUF_INIT, out = BUF_INIT, git_rev = BUF_INIT;
	struct patch p = PATCH_INIT;
	char *t = tmp("t"), *repo = tmp("repo"), *a = NULL, *b = NULL;

	ASSERT_OK(scenario(&diff, ""));
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "scenario.diff"));
	ASSERT_OK(patch_render(&out, &p, true, NULL, NULL));
	/* Same text as git's own reverse diff, but for the section headings (-R swaps the
	   prefixes too, so they are given swapped). */
	ASSERT_INT_EQ(run(repo, GIT "diff --cached -R --src-prefix=b/ --dst-prefix=a/ >../rev.diff"),
		      0);
	ASSERT_OK(slurp(&git_rev, harness_tmpdir(), "rev.diff"));
	a = strip_sections(out.ptr);
	b = strip_sections(git_rev.ptr);
	ASSERT_STR_EQ(a, b);
	ASSERT_OK(fresh_copy("new", "t", &out));
	ASSERT_INT_EQ(run(t, "git apply ../t.diff"), 0);
	ASSERT_INT_EQ(run(t, "diff -r . ../old >/dev/null"), 0);
	ASSERT_INT_EQ(run(t, "cmp b.txt ../old/b.txt && cmp f.txt ../old/f.txt && "
			     "cmp e.txt ../old/e.txt"), 0);
	ASSERT(!is_executable(t, "run.sh"));
	ASSERT(!is_executable(t, "g.sh"));
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
	buf_release(&git_rev);
	free(a);
	free(b);
	free(t);
	free(repo);
}

/* Render a selection, apply it with git on tmp/<base>, compare with patch_apply_file. */
static void check_selection(const struct patch *p, bool reverse, patch_keep_fn keep,
			    const char *base, bool *ok)
{
	struct buf out = BUF_INIT;
	char *t = tmp("t");
	int n = 0;

	*ok = false;
	ASSERT_OK(patch_render(&out, p, reverse, keep, &n));
	ASSERT(out.len > 0);
	ASSERT_OK(fresh_copy(base, "t", &out));
	ASSERT_INT_EQ(run(t, "git apply --check ../t.diff"), 0);
	ASSERT_INT_EQ(run(t, "git apply ../t.diff"), 0);
	ASSERT_OK(expected_tree(base, "expect", out.ptr));
	ASSERT_INT_EQ(run(t, "diff -r . ../expect >/dev/null"), 0);
	buf_release(&out);
	free(t);
	*ok = true;
}

TEST(patch, partial_selection_applies_like_git)
{
	struct buf diff = BUF_INIT, out = BUF_INIT;
	struct patch p = PATCH_INIT;
	bool ok = false;
	int n = 0;

	ASSERT_OK(scenario(&diff, ""));
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "scenario.diff"));
	check_selection(&p, true, every_other, "new", &ok);
	ASSERT(ok);
	check_selection(&p, true, every_other_late, "new", &ok);
	ASSERT(ok);
	check_selection(&p, false, every_other, "old", &ok);
	ASSERT(ok);
	check_selection(&p, false, every_other_late, "old", &ok);
	ASSERT(ok);

	/* a.txt reversed without its middle hunk: the third hunk's result side moves up
	   by nothing (hunks replace one line each), b.txt's by the two inserted lines. */
	ASSERT_OK(patch_render(&out, &p, true, every_other, &n));
	ASSERT_CONTAINS(out.ptr, "@@ -24,7 +24,7 @@");
	ASSERT_NOT_CONTAINS(out.ptr, "a line 15");
	ASSERT_NOT_CONTAINS(out.ptr, "g.sh"); /* no hunks, nothing to keep */
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
}

static bool keep_first_of_b(const struct patch_file *f, const struct patch_hunk *h, void *ctx)
{
	return !strcmp(patch_file_path(f), "b.txt") ? h == f->hunks || h == f->hunks + 2 : false;
}

TEST(patch, partial_ranges_follow_the_kept_hunks)
{
	struct buf diff = BUF_INIT, out = BUF_INIT;
	struct patch p = PATCH_INIT;

	ASSERT_OK(scenario(&diff, ""));
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "scenario.diff"));
	/* b.txt: +2 lines (hunk 1), -2 lines (hunk 2), last line (hunk 3). Keeping 1 and 3
	   forward: hunk 3 keeps old 37,4 and its new side moves by +2 only. */
	ASSERT_OK(patch_render(&out, &p, false, keep_first_of_b, NULL));
	ASSERT_CONTAINS(out.ptr, "@@ -1,5 +1,7 @@");
	ASSERT_CONTAINS(out.ptr, "@@ -37,4 +39,4 @@");
	ASSERT_NOT_CONTAINS(out.ptr, "index "); /* the result's blob id would be wrong */
	buf_reset(&out);
	/* Reversed: the new side (now old) keeps 37,4; the result side loses the 2 lines. */
	ASSERT_OK(patch_render(&out, &p, true, keep_first_of_b, NULL));
	ASSERT_CONTAINS(out.ptr, "@@ -1,7 +1,5 @@");
	ASSERT_CONTAINS(out.ptr, "@@ -37,4 +35,4 @@");
	ASSERT_CONTAINS(out.ptr, "-b last line\n\\ No newline at end of file\n+b line 40\n");
	ASSERT_CONTAINS(out.ptr, "-b inserted 1\n-b inserted 2\n");
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
}

TEST(patch, new_file_applies_with_git)
{
	struct buf out = BUF_INIT, got = BUF_INIT;
	struct patch p = PATCH_INIT;
	char *t = tmp("t");

	ASSERT_OK(sys_mkdir_p(t, 0755));
	ASSERT_OK(patch_new_file(&out, "docs/runbook.md", "# Runbook\n\nStep 1\n", 18));
	ASSERT_CONTAINS(out.ptr, "diff --git a/docs/runbook.md b/docs/runbook.md\n"
				 "new file mode 100644\n--- /dev/null\n+++ b/docs/runbook.md\n"
				 "@@ -0,0 +1,3 @@\n+# Runbook\n+\n+Step 1\n");
	ASSERT_OK(patch_new_file(&out, "no newline.txt", "a\nb", 3));
	ASSERT_CONTAINS(out.ptr, "+++ b/no newline.txt\t\n@@ -0,0 +1,2 @@\n+a\n+b\n"
				 "\\ No newline at end of file\n");
	ASSERT_OK(patch_new_file(&out, "one.txt", "x\n", 2));
	ASSERT_CONTAINS(out.ptr, "@@ -0,0 +1 @@\n+x\n");
	ASSERT_OK(patch_new_file(&out, "empty.txt", "", 0));
	ASSERT(buf_ends_with(&out, "diff --git a/empty.txt b/empty.txt\nnew file mode 100644\n"));
	ASSERT_OK(put(harness_tmpdir(), "t.diff", out.ptr, 0644));
	ASSERT_INT_EQ(run(t, "git apply ../t.diff"), 0);
	ASSERT_OK(slurp(&got, t, "docs/runbook.md"));
	ASSERT_STR_EQ(got.ptr, "# Runbook\n\nStep 1\n");
	buf_reset(&got);
	ASSERT_OK(slurp(&got, t, "no newline.txt"));
	ASSERT_STR_EQ(got.ptr, "a\nb");
	ASSERT_INT_EQ(run(t, "test -f empty.txt && ! test -s empty.txt"), 0);
	/* And it reads back. */
	ASSERT_OK(patch_parse(&p, out.ptr, out.len, "new"));
	ASSERT_INT_EQ(p.nfiles, 4);
	ASSERT(p.files[0].is_new && p.files[3].is_new);
	ASSERT_INT_EQ(p.files[1].hunks[0].new_lines, 2);
	ASSERT_ERR(patch_new_file(&out, "", "x", 1), ERR_INPUT);
	ASSERT_ERR(patch_new_file(&out, "/etc/x", "x", 1), ERR_INPUT);
	ASSERT_ERR(patch_new_file(&out, "bin", "a\0b", 3), ERR_INPUT);
	patch_release(&p);
	buf_release(&out);
	buf_release(&got);
	free(t);
}

static void expect_input_error(const char *text, const char *needle, bool *ok)
{
	struct patch p = PATCH_INIT;

	*ok = false;
	ASSERT_ERR(patch_parse(&p, text, strlen(text), "bad.diff"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'bad.diff'");
	ASSERT_CONTAINS(err_last(), needle);
	ASSERT(p.files == NULL);
	*ok = true;
}

TEST(patch, malformed_diffs_name_the_line)
{
	bool ok = false;
	const char *head = "diff --git a/x b/x\nindex 1234567..89abcde 100644\n--- a/x\n+++ b/x\n";
	char *text;

	text = xasprintf("%s@@ -1,x +1 @@\n-a\n", head);
	expect_input_error(text, "line 5: malformed hunk header '@@ -1,x +1 @@'", &ok);
	ASSERT(ok);
	free(text);
	text = xasprintf("%s@@ -1 +1\n-a\n+b\n", head);
	expect_input_error(text, "line 5: malformed hunk header", &ok);
	ASSERT(ok);
	free(text);
	/* Fewer lines than counted, then the next file. */
	text = xasprintf("%s@@ -1,3 +1,3 @@\n a\n-b\n+B\n%s@@ -1 +1 @@\n-a\n+b\n", head, head);
	expect_input_error(text, "line 9: hunk at line 5 ends early: 1 old and 1 new lines missing",
			   &ok);
	ASSERT(ok);
	free(text);
	/* Fewer lines than counted at the end of the text. */
	text = xasprintf("%s@@ -1,3 +1,3 @@\n a\n-b\n+B\n", head);
	expect_input_error(text, "line 5: hunk ends early", &ok);
	ASSERT(ok);
	free(text);
	/* More lines than counted. */
	text = xasprintf("%s@@ -1,2 +1,2 @@\n a\n-b\n+B\n c\n", head);
	expect_input_error(text, "line 9: hunk has more lines than its header says", &ok);
	ASSERT(ok);
	free(text);
	text = xasprintf("%s@@ -1,2 +1,1 @@\n+B\n a\n-b\n", head);
	expect_input_error(text, "line 7: hunk at line 5 has more new lines than its header says (1)",
			   &ok);
	ASSERT(ok);
	free(text);
	expect_input_error("some text\n@@ -1 +1 @@\n-a\n+b\n", "line 2: hunk without a file header",
			   &ok);
	ASSERT(ok);
	expect_input_error("diff --git a/x b/x\n--- a/x\n@@ -1 +1 @@\n", "line 3: '---' line", &ok);
	ASSERT(ok);
	text = xasprintf("%s@@ -5 +5 @@\n-a\n+b\n@@ -1 +1 @@\n-a\n+b\n", head);
	expect_input_error(text, "line 8: hunk overlaps the previous one", &ok);
	ASSERT(ok);
	free(text);
}

TEST(patch, parse_plain_crlf_and_details)
{
	struct patch p = PATCH_INIT;
	const char *plain = "Some mail text\n"
			    "--- src/app.c.orig\t2024-01-01 10:00:00.000000000 +0000\n"
			    "+++ src/app.c\t2024-01-01 10:00:01.000000000 +0000\n"
			    "@@ -5 +5,2 @@ int main(void)\n"
			    "-old\n"
			    "+new\n"
			    "+more\n"
			    "@@ -10,3 +11,3 @@\n"
			    " a\n"
			    "\n"
			    "-c\n"
			    "+C\n"
			    "-- \n"
			    "2.39.5\n";
	const char *crlf = "diff --git a/w.txt b/w.txt\r\n"
			   "index 1111111..2222222 100644\r\n"
			   "--- a/w.txt\r\n"
			   "+++ b/w.txt\r\n"
			   "@@ -1,2 +1,2 @@\r\n"
			   " keep\r\n"
			   "-old\r\n"
			   "+new\r\n";

	ASSERT_OK(patch_parse(&p, plain, strlen(plain), "plain"));
	ASSERT_INT_EQ(p.nfiles, 1);
	ASSERT_STR_EQ(p.files[0].old_path, "app.c.orig");
	ASSERT_STR_EQ(p.files[0].new_path, "app.c");
	ASSERT_INT_EQ(p.files[0].nhunks, 2);
	ASSERT_INT_EQ(p.files[0].hunks[0].old_lines, 1);
	ASSERT_INT_EQ(p.files[0].hunks[0].new_lines, 2);
	ASSERT_STR_EQ(p.files[0].hunks[0].section, " int main(void)");
	ASSERT_STR_EQ(p.files[0].hunks[1].section, "");
	ASSERT_STR_EQ(p.files[0].hunks[1].body, " a\n \n-c\n+C\n");
	ASSERT_INT_EQ(p.added, 3);
	ASSERT_INT_EQ(p.removed, 2);
	patch_release(&p);
	ASSERT(p.files == NULL && p.nfiles == 0);

	ASSERT_OK(patch_parse(&p, crlf, strlen(crlf), "crlf"));
	ASSERT_INT_EQ(p.nfiles, 1);
	ASSERT_STR_EQ(p.files[0].new_path, "w.txt");
	ASSERT_STR_EQ(p.files[0].new_index, "2222222");
	ASSERT_STR_EQ(p.files[0].new_mode, "100644");
	ASSERT_STR_EQ(p.files[0].hunks[0].section, "");
	ASSERT_STR_EQ(p.files[0].hunks[0].body, " keep\r\n-old\r\n+new\r\n");
	patch_release(&p);

	ASSERT_OK(patch_parse(&p, "", 0, "empty"));
	ASSERT_INT_EQ(p.nfiles, 0);
	patch_release(&p);
}

TEST(patch, apply_file_matches_every_line_wherever_the_file_moved)
{
	struct buf diff = BUF_INIT, out = BUF_INIT, old = BUF_INIT;
	struct patch p = PATCH_INIT;
	char *oldt = tmp("old"), *newt = tmp("new");
	struct buf want = BUF_INIT;
	char *bad;

	ASSERT_OK(scenario(&diff, ""));
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "scenario.diff"));
	/* Every text file: applying gives the new tree's bytes. */
	for (size_t i = 0; i < p.nfiles; i++) {
		const struct patch_file *f = &p.files[i];

		buf_reset(&old);
		buf_reset(&out);
		buf_reset(&want);
		if (!f->is_new)
			ASSERT_OK(slurp(&old, oldt, f->old_path));
		ASSERT_OK(patch_apply_file(&out, f, old.ptr, old.len));
		if (f->is_deleted) {
			ASSERT_INT_EQ(out.len, 0);
			continue;
		}
		ASSERT_OK(slurp(&want, newt, f->new_path));
		ASSERT_INT_EQ(out.len, want.len);
		ASSERT(!memcmp(out.ptr, want.ptr, out.len));
	}
	/* a.txt with a context line of its second hunk changed: refused, out untouched. */
	buf_reset(&out);
	ASSERT_OK(buf_adds(&out, "kept"));
	bad = numbered("a", 30, 13, 0, 0);
	ASSERT_ERR(patch_apply_file(&out, &p.files[0], bad, strlen(bad)), ERR_INPUT);
	ASSERT_STR_EQ(err_last(), "hunk #2 of 'a.txt' (line 12) matches nowhere in the file");
	ASSERT_STR_EQ(out.ptr, "kept");
	free(bad);
	/* Too short for the third hunk. */
	bad = numbered("a", 20, 0, 0, 0);
	ASSERT_ERR(patch_apply_file(&out, &p.files[0], bad, strlen(bad)), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "hunk #3 of 'a.txt'");
	free(bad);
	/* Lines added above since the diff was made: every hunk found further down, like git
	 * apply's offsets; the result is the new file under the same three lines. */
	{
		struct buf moved = BUF_INIT, expect = BUF_INIT;

		buf_reset(&old);
		ASSERT_OK(slurp(&old, oldt, p.files[0].old_path));
		ASSERT_OK(buf_adds(&moved, "added 1\nadded 2\nadded 3\n"));
		ASSERT_OK(buf_add(&moved, old.ptr, old.len));
		buf_reset(&out);
		ASSERT_OK(patch_apply_file(&out, &p.files[0], moved.ptr, moved.len));
		buf_reset(&want);
		ASSERT_OK(slurp(&want, newt, p.files[0].new_path));
		ASSERT_OK(buf_adds(&expect, "added 1\nadded 2\nadded 3\n"));
		ASSERT_OK(buf_add(&expect, want.ptr, want.len));
		ASSERT_INT_EQ(out.len, expect.len);
		ASSERT(!memcmp(out.ptr, expect.ptr, out.len));
		buf_release(&moved);
		buf_release(&expect);
		buf_reset(&out);
		ASSERT_OK(buf_adds(&out, "kept"));
	}
	/* e.txt: the old side has no final newline; with one it does not match. */
	ASSERT_ERR(patch_apply_file(&out, &p.files[4], "alpha\nbeta\n", 11), ERR_INPUT);
	/* The hunk at the end of b.txt has no trailing context: the file must end there. */
	bad = numbered("b", 41, 0, 0, 0);
	ASSERT_ERR(patch_apply_file(&out, &p.files[1], bad, strlen(bad)), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "end of the file");
	ASSERT_STR_EQ(out.ptr, "kept");
	free(bad);
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
	buf_release(&old);
	buf_release(&want);
	free(oldt);
	free(newt);
}

TEST(patch, rename_parses_and_reverses)
{
	struct buf diff = BUF_INIT, out = BUF_INIT;
	struct patch p = PATCH_INIT;
	char *old = tmp("old"), *new = tmp("new"), *repo = tmp("repo"), *t = tmp("t");
	char *body = numbered("r", 20, 0, 0, 0), *body2 = numbered("r", 20, 10, 0, 0);

	ASSERT_OK(put(old, "r1.txt", body, 0644));
	ASSERT_OK(put(old, "same1.txt", "same\n", 0644));
	ASSERT_OK(put(new, "dir/r2.txt", body2, 0644));
	ASSERT_OK(put(new, "same2.txt", "same\n", 0644));
	ASSERT_INT_EQ(run(harness_tmpdir(), "cp -a old repo"), 0);
	ASSERT_INT_EQ(run(repo, GIT "init -q . && " GIT "add -A && " GIT "commit -q -m old"), 0);
	ASSERT_INT_EQ(run(repo, GIT "mv r1.txt r2.txt && mkdir dir && " GIT "mv r2.txt dir/ && "
				GIT "mv same1.txt same2.txt"), 0);
	ASSERT_OK(put(repo, "dir/r2.txt", body2, 0644));
	ASSERT_INT_EQ(run(repo, GIT "add -A && " GIT "diff --cached -M >../scenario.diff"), 0);
	ASSERT_OK(slurp(&diff, harness_tmpdir(), "scenario.diff"));
	ASSERT_CONTAINS(diff.ptr, "rename from r1.txt\nrename to dir/r2.txt\n");
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "rename.diff"));
	ASSERT_INT_EQ(p.nfiles, 2);
	ASSERT(p.files[0].is_rename);
	ASSERT_STR_EQ(p.files[0].old_path, "r1.txt");
	ASSERT_STR_EQ(p.files[0].new_path, "dir/r2.txt");
	ASSERT_INT_EQ(p.files[0].nhunks, 1);
	ASSERT(p.files[1].is_rename);
	ASSERT_INT_EQ(p.files[1].nhunks, 0);
	ASSERT_STR_EQ(p.files[1].old_path, "same1.txt");
	ASSERT_INT_EQ(p.files[1].similarity, 100);
	ASSERT(p.files[0].similarity > 50 && p.files[0].similarity < 100);
	ASSERT_OK(patch_render(&out, &p, false, NULL, NULL));
	ASSERT_STR_EQ(out.ptr, diff.ptr);
	buf_reset(&out);
	ASSERT_OK(patch_render(&out, &p, true, NULL, NULL));
	ASSERT_CONTAINS(out.ptr, "diff --git a/dir/r2.txt b/r1.txt\nsimilarity index ");
	ASSERT_CONTAINS(out.ptr, "%\nrename from dir/r2.txt\nrename to r1.txt\n");
	ASSERT_OK(fresh_copy("new", "t", &out));
	ASSERT_INT_EQ(run(t, "git apply ../t.diff && diff -r . ../old >/dev/null"), 0);
	buf_reset(&out);
	ASSERT_OK(patch_render(&out, &p, false, NULL, NULL));
	ASSERT_OK(fresh_copy("old", "t", &out));
	ASSERT_INT_EQ(run(t, "git apply ../t.diff && diff -r . ../new >/dev/null"), 0);
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
	free(body);
	free(body2);
	free(old);
	free(new);
	free(repo);
	free(t);
}

static bool keep_text(const struct patch_file *f, const struct patch_hunk *h, void *ctx)
{
	return true;
}

TEST(patch, binary_is_marked_and_not_reversed)
{
	struct buf diff = BUF_INIT, out = BUF_INIT;
	struct patch p = PATCH_INIT;
	char *repo = tmp("repo");

	ASSERT_OK(sys_mkdir_p(repo, 0755));
	ASSERT_INT_EQ(run(repo, GIT "init -q . && printf 'a\\000b' >bin.dat && echo x >z.txt && "
				GIT "add -A && " GIT "commit -q -m old && printf 'c\\000d' >bin.dat && "
				"echo y >z.txt && " GIT "diff --binary >../bin.diff && "
				GIT "diff >../plain.diff"), 0);
	ASSERT_OK(slurp(&diff, harness_tmpdir(), "bin.diff"));
	ASSERT_CONTAINS(diff.ptr, "GIT binary patch");
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "bin.diff"));
	ASSERT_INT_EQ(p.nfiles, 2);
	ASSERT(p.files[0].is_binary);
	ASSERT_INT_EQ(p.files[0].nhunks, 0);
	ASSERT_STR_EQ(p.files[1].new_path, "z.txt");
	ASSERT_INT_EQ(p.files[1].nhunks, 1);
	ASSERT_ERR(patch_render(&out, &p, true, NULL, NULL), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'bin.dat'");
	ASSERT_INT_EQ(out.len, 0);
	ASSERT_OK(patch_render(&out, &p, true, keep_text, NULL));
	ASSERT_NOT_CONTAINS(out.ptr, "bin.dat");
	ASSERT_CONTAINS(out.ptr, "-y\n+x\n");
	patch_release(&p);
	buf_reset(&diff);
	ASSERT_OK(slurp(&diff, harness_tmpdir(), "plain.diff"));
	ASSERT_CONTAINS(diff.ptr, "Binary files a/bin.dat and b/bin.dat differ");
	ASSERT_OK(patch_parse(&p, diff.ptr, diff.len, "plain.diff"));
	ASSERT_INT_EQ(p.nfiles, 2);
	ASSERT(p.files[0].is_binary);
	buf_reset(&out);
	ASSERT_OK(patch_render(&out, &p, false, NULL, NULL));
	ASSERT_STR_EQ(out.ptr, diff.ptr);
	patch_release(&p);
	buf_release(&diff);
	buf_release(&out);
	free(repo);
}

/* Found by tests/fuzz/fuzz_patch.c: text the parser takes must render and read back the same. */
TEST(patch, names_with_a_nul_byte_are_refused)
{
	static const char dash[] = "--- a/x.txt\n+++ b/x\0y.txt\n@@ -1 +1 @@\n-a\n+b\n";
	static const char nonl[] = "--- a/x.txt\n+++ b/x.txt\n@@ -1 +1 @@\n-a\n+b\n\\ No newline\0\n";
	struct patch p = PATCH_INIT;

	ASSERT_ERR(patch_parse(&p, dash, sizeof(dash) - 1, "nul.diff"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "NUL byte");
	ASSERT_ERR(patch_parse(&p, nonl, sizeof(nonl) - 1, "nul.diff"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "NUL byte");
}

TEST(patch, different_names_with_spaces_are_quoted_so_they_read_back)
{
	static const char diff[] = "diff --git \"a/my notes.txt\" \"b/our notes.txt\"\n"
				   "similarity index 90%\nrename from my notes.txt\nrename to our notes.txt\n";
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct patch p = PATCH_INIT, q = PATCH_INIT;

	ASSERT_OK(patch_parse(&p, diff, strlen(diff), "rename.diff"));
	ASSERT_OK(patch_render(&out, &p, false, NULL, NULL));
	ASSERT_CONTAINS(out.ptr, "diff --git \"a/my notes.txt\" \"b/our notes.txt\"\n");
	ASSERT_OK(patch_parse(&q, out.ptr, out.len, "rendered"));
	ASSERT_STR_EQ(q.files[0].old_path, "my notes.txt");
	ASSERT_STR_EQ(q.files[0].new_path, "our notes.txt");
	ASSERT_OK(patch_render(&again, &q, false, NULL, NULL));
	ASSERT_STR_EQ(again.ptr, out.ptr);
	patch_release(&p);
	patch_release(&q);
	buf_release(&out);
	buf_release(&again);
}

TEST(patch, a_hunk_section_loses_all_its_carriage_returns)
{
	static const char diff[] = "--- a/x.rb\n+++ b/x.rb\n@@ -1 +1 @@ class X\r\r\r\n-a\n+b\n";
	struct patch p = PATCH_INIT;

	ASSERT_OK(patch_parse(&p, diff, strlen(diff), "cr.diff"));
	ASSERT_STR_EQ(p.files[0].hunks[0].section, " class X");
	patch_release(&p);
	{
		static const char nul[] = "--- a/x.rb\n+++ b/x.rb\n@@ -1 +1 @@ class X\r\0y\n-a\n+b\n";

		ASSERT_OK(patch_parse(&p, nul, sizeof(nul) - 1, "cr.diff"));
		ASSERT_STR_EQ(p.files[0].hunks[0].section, " class X");
		patch_release(&p);
	}
}

TEST(patch, an_empty_header_name_is_no_name)
{
	static const char diff[] = "diff --git  \"b/x.txt\"\n";
	struct patch p = PATCH_INIT;

	ASSERT_ERR(patch_parse(&p, diff, strlen(diff), "empty.diff"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot tell the file name");
}
