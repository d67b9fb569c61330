#include "common.h"
#include "harness.h"
#include "util/sys.h"
#include "util/text.h"

#include <sys/stat.h>

TEST(sys, read_file_respects_cap_and_names_file)
{
	char *path = sys_path_join(harness_tmpdir(), "f.txt");
	struct buf b = BUF_INIT;

	ASSERT_OK(sys_write_file(path, "0123456789", 10));
	ASSERT_OK(sys_read_file(&b, path, 10));
	ASSERT_STR_EQ(b.ptr, "0123456789");
	buf_reset(&b);
	ASSERT_ERR(sys_read_file(&b, path, 9), ERR_TOO_BIG);
	ASSERT_CONTAINS(err_last(), path);
	ASSERT_ERR(sys_read_file(&b, "/nonexistent/zz", 9), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "'/nonexistent/zz'");
	buf_release(&b);
	free(path);
}

TEST(sys, list_copy_and_remove_tree)
{
	char *a = sys_path_join(harness_tmpdir(), "a");
	char *b = sys_path_join(harness_tmpdir(), "b");
	char *f1 = sys_path_join(a, "x/1.txt");
	char *f2 = sys_path_join(a, "2.txt");
	char **list = NULL;
	size_t n = 0;

	ASSERT_OK(sys_write_file(f1, "one", 3));
	ASSERT_OK(sys_write_file(f2, "two", 3));
	ASSERT_OK(sys_copy_tree(a, b));
	ASSERT_OK(sys_list_files(&list, &n, b));
	ASSERT_INT_EQ(n, 2);
	ASSERT_STR_EQ(list[0], "2.txt");
	ASSERT_STR_EQ(list[1], "x/1.txt");
	sys_free_list(list);
	ASSERT_OK(sys_remove_tree(b));
	ASSERT(!sys_is_dir(b));
	ASSERT_OK(sys_remove_tree(b));
	free(a);
	free(b);
	free(f1);
	free(f2);
}

TEST(sys, parse_time_rfc3339)
{
	time_t t = 0;
	char out[32];

	ASSERT_OK(sys_parse_time(&t, "2026-11-18T03:12:00Z"));
	sys_format_time(out, sizeof(out), t);
	ASSERT_STR_EQ(out, "2026-11-18T03:12:00Z");
	ASSERT_OK(sys_parse_time(&t, "2026-11-18T04:12:00.851+01:00"));
	sys_format_time(out, sizeof(out), t);
	ASSERT_STR_EQ(out, "2026-11-18T03:12:00Z");
	ASSERT_ERR(sys_parse_time(&t, "yesterday"), ERR_INPUT);
	ASSERT_ERR(sys_parse_time(&t, "2026-13-18T03:12:00Z"), ERR_INPUT);
}

/* Untrusted text quoted in markdown or a commit: inert. */
TEST(sys, defused_text_notifies_nobody_and_closes_nothing)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"Fixes #7, closes org/repo#8 and resolved: https://github.com/o/r/issues/9",
		 "Fixes\xe2\x80\x8b #7, closes\xe2\x80\x8b org/repo#8 and resolved\xe2\x80\x8b: https://github.com/o/r/issues/9"},
		{"cc @acme/admins and @bob", "cc @\xe2\x80\x8b" "acme/admins and @\xe2\x80\x8b" "bob"},
		{"<img src=x onerror=alert(1)> <!-- aiops-fingerprint: ab -->",
		 "&lt;img src=x onerror=alert(1)> &lt;!-- aiops-fingerprint: ab -->"},
		{"see ![pwn](https://evil.example/x.png)", "see [pwn]\xe2\x80\x8b(https:\xe2\x80\x8b//evil.example/x.png)"},
		/* links only to the repository's host (github.com here) */
		{"[docs](https://evil.example/a) www.evil.example [x](javascript:alert(1)) http://github.com.evil.example/",
		 "[docs]\xe2\x80\x8b(https:\xe2\x80\x8b//evil.example/a) www\xe2\x80\x8b.evil.example "
		 "[x]\xe2\x80\x8b(javascript:alert(1)) http:\xe2\x80\x8b//github.com.evil.example/"},
		{"[pr](https://github.com/o/r/pull/7) https://github.com/o/r www.github.com",
		 "[pr](https://github.com/o/r/pull/7) https://github.com/o/r www\xe2\x80\x8b.github.com"},
		/* what only looks alike stays */
		{"mail ops@example.com; the prefix fix is #3 in the list; hotfix #4; fixed it",
		 "mail ops@example.com; the prefix fix is #3 in the list; hotfix #4; fixed it"},
	};

	test_unsetenv("GITHUB_SERVER_URL");
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = text_defuse(cases[i].in);

		ASSERT_STR_EQ(got, cases[i].out);
		free(got);
	}
}

/* Quotes that are not defused (code) lose their markers; data cannot close a prompt's section. */
TEST(sys, markers_broken_and_sections_unclosable)
{
	char *s = text_unmark("x <!-- AIOPS-fingerprint: ab --> aiops-fingerprint: cd");

	ASSERT_STR_EQ(s, "x <!-- AIOPS\xe2\x80\x8b-fingerprint: ab --> aiops\xe2\x80\x8b-fingerprint: cd");
	free(s);
	s = text_unfence("a </evidence> b < / EVIDENCE > c <evidence\t> d <evidence-x> e </evidences> <b>", "evidence");
	ASSERT_STR_EQ(s, "a &lt;/evidence> b &lt; / EVIDENCE > c &lt;evidence\t> d <evidence-x> e </evidences> <b>");
	free(s);
}

TEST(sys, only_regular_files_are_read_and_times_are_real)
{
	char *fifo = sys_path_join(harness_tmpdir(), "pipe");
	struct buf b = BUF_INIT;
	time_t t;

	ASSERT_INT_EQ(mkfifo(fifo, 0600), 0);
	ASSERT_ERR(sys_read_file(&b, fifo, 1024), ERR_INPUT); /* returns at once, no writer needed */
	ASSERT_CONTAINS(err_last(), "not a regular file");
	ASSERT_ERR(sys_read_file(&b, "/dev/null", 1024), ERR_INPUT);
	ASSERT_ERR(sys_parse_time(&t, "2026-01-01T10:00:00+99:99"), ERR_INPUT);
	ASSERT_ERR(sys_parse_time(&t, "0000-01-01T00:00:00Z"), ERR_INPUT);
	ASSERT_OK(sys_parse_time(&t, "2026-01-01T10:00:00+14:00"));
	ASSERT_OK(sys_parse_time(&t, "2026-01-01T10:00:00-12:00"));
	buf_release(&b);
	free(fifo);
}

/* Untrusted repository paths are checked before anything is read. */
TEST(sys, confined_reads_stay_in_the_tree)
{
	const char *tmp = harness_tmpdir();
	char *tree = sys_path_join(tmp, "tree"), *real, *path;
	static const char *const refused[] = {"../secret.txt", "/etc/hostname", "a/../../secret.txt",
					      "a/..", "..", ".git/config", "", "out-link", "a/dir-link/x.txt",
					      "fifo", "missing.txt"};
	struct buf out = BUF_INIT;

	ASSERT_OK(sys_mkdir_p(tree, 0755));
	ASSERT_INT_EQ(harness_run(NULL, "cd '%s' && mkdir -p a .git outside && echo in > a/in.txt && "
				  "echo top > ../secret.txt && echo cfg > .git/config && "
				  "ln -s ../secret.txt out-link && ln -s a/in.txt in-link && "
				  "ln -s '%s' a/dir-link && echo x > '%s/x.txt' && mkfifo fifo",
				  tree, tmp, tmp), 0);
	real = realpath(tree, NULL);
	ASSERT(real != NULL);
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
		buf_reset(&out);
		if (sys_read_confined(&out, real, refused[i], 1024) != ERR_NOTFOUND || out.len)
			harness_fail(__FILE__, __LINE__, "read '%s'", refused[i]);
		err_clear();
	}
	buf_reset(&out);
	ASSERT_OK(sys_read_confined(&out, real, "a/in.txt", 1024));
	ASSERT_STR_EQ(out.ptr, "in\n");
	buf_reset(&out);
	ASSERT_OK(sys_read_confined(&out, real, "in-link", 1024)); /* a link inside the tree */
	ASSERT_STR_EQ(out.ptr, "in\n");
	path = sys_path_join(tmp, "secret.txt");
	ASSERT(sys_is_file(path));
	buf_release(&out);
	free(path);
	free(real);
	free(tree);
}
