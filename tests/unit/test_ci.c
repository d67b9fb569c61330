#include "common.h"
#include "harness.h"
#include "logs/ci.h"
#include "logs/digest.h"
#include "logs/distill.h"
#include "logs/tokens.h"
#include "util/buf.h"
#include "util/sys.h"

/* Made-up CI logs, one per rule of logs/ci.h; none is a copy of a real job's log. */

static enum ci_mark mark(const char *s, char *title, size_t size)
{
	const char *t;
	size_t n;
	enum ci_mark k = ci_mark(s, strlen(s), &t, &n);

	snprintf(title, size, "%.*s", t ? (int)n : 0, t ? t : "");
	return k;
}

static const struct digest_template *tmpl_with(const struct digest *d, const char *part)
{
	for (size_t i = 0; i < d->ntemplates; i++)
		if (strstr(d->templates[i].example, part))
			return &d->templates[i];
	return NULL;
}

/* Does failing step `st` hold a line containing `part`? */
static bool step_has(const struct digest_step *st, const char *part)
{
	for (size_t i = 0; i < st->nlines; i++)
		if (strstr(st->lines[i], part))
			return true;
	return false;
}

TEST(ci, marks_steps_and_exits_of_each_ci_system)
{
	char t[64];

	ASSERT_INT_EQ(mark("##[group]Run npm test", t, sizeof(t)), CI_HEADER);
	ASSERT_STR_EQ(t, "npm test");
	ASSERT_INT_EQ(mark("##[endgroup]", t, sizeof(t)), CI_HEADER_END);
	ASSERT_INT_EQ(mark("##[group]Fetching the repository", t, sizeof(t)), CI_PLAIN);
	ASSERT_INT_EQ(mark("travis_fold:start:install.deps", t, sizeof(t)), CI_STEP);
	ASSERT_STR_EQ(t, "install.deps");
	ASSERT_INT_EQ(mark("section_start:1700000000:build_script[collapsed=true]", t, sizeof(t)), CI_STEP);
	ASSERT_STR_EQ(t, "build_script");
	ASSERT_INT_EQ(mark("[Pipeline] { (Unit tests)", t, sizeof(t)), CI_STEP);
	ASSERT_STR_EQ(t, "Unit tests");
	/* non-zero exits, each system's way; a zero exit is none */
	ASSERT_INT_EQ(mark("##[error]Process completed with exit code 2.", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("Process completed with exit code 0.", t, sizeof(t)), CI_PLAIN);
	ASSERT_INT_EQ(mark("The command \"make check\" exited with 2.", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("The command \"make check\" exited with 0.", t, sizeof(t)), CI_PLAIN);
	ASSERT_INT_EQ(mark("ERROR: Job failed: exit code 1", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("Build step 'Execute shell' marked build as failure", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("Finished: FAILURE", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("Finished: SUCCESS", t, sizeof(t)), CI_PLAIN);
	ASSERT_INT_EQ(mark("ERROR: script returned exit code 127", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("Exited with code exit status 1", t, sizeof(t)), CI_EXIT);
	ASSERT_INT_EQ(mark("INFO all good", t, sizeof(t)), CI_PLAIN);
}

TEST(ci, noise_and_source_lines)
{
	static const char *const noise[] = {
		"npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported",
		"Download action repository 'actions/checkout@v4' (SHA:0123456789abcdef)",
		"[command]/usr/bin/git config --local gc.auto 0",
		"hint: Using 'master' as the name for the initial branch.",
		"Downloaded from central: https://repo.example.org/m2/a/b/1.0/b-1.0.jar (12 kB at 40 kB/s)",
		"  45% |##############################                     | 12.0 MB",
		"##[warning]Node.js 20 is deprecated. The following actions target Node.js 20",
	};
	static const char *const plain[] = {
		"npm ERR! code ELIFECYCLE", "FAIL src/app.test.js", "Compiled successfully.",
		"error: failed to push some refs to 'origin'",
	};

	for (size_t i = 0; i < ARRAY_SIZE(noise); i++)
		ASSERT(ci_noise(noise[i], strlen(noise[i])));
	for (size_t i = 0; i < ARRAY_SIZE(plain); i++)
		ASSERT(!ci_noise(plain[i], strlen(plain[i])));
	ASSERT(ci_source("   12 |     return ERR_FATAL;", 29));
	ASSERT(ci_source("      ^~~~~~~", 13));
	ASSERT(ci_source("+ echo 'ERROR: this is only the command'", 40));
	ASSERT(!ci_source("ERROR: the build failed", 23));
	ASSERT(ci_diagnostic("src/a.c:12:5: error: 'x' undeclared", 35));
	ASSERT(ci_diagnostic("lib/b.h:3: warning: unused", 26));
	ASSERT(!ci_diagnostic("at 12:30: error rate high", 25));
}

TEST(ci, gh_run_view_prefix_names_the_step)
{
	const char *s, *line = "build\tRun unit tests\t2026-11-18T03:12:00.1234567Z ok";
	size_t n, at = ci_gh_prefix(line, strlen(line), &s, &n);

	ASSERT_INT_EQ(at, 21);
	ASSERT_INT_EQ(n, 14);
	ASSERT(!memcmp(s, "Run unit tests", n));
	ASSERT_INT_EQ(ci_gh_prefix("a\tb\tc", 5, &s, &n), 0);
}

/* An Actions job: preamble, checkout, a step whose script says "error", npm noise, a failure. */
static const char ACTIONS_LOG[] =
	"2026-11-18T03:12:00.0000000Z Current runner version: '2.330.0'\n"
	"2026-11-18T03:12:00.0100000Z ##[group]Runner Image\n"
	"2026-11-18T03:12:00.0200000Z Image: ubuntu-24.04\n"
	"2026-11-18T03:12:00.0300000Z Error reporting: enabled\n"
	"2026-11-18T03:12:00.0400000Z ##[endgroup]\n"
	"2026-11-18T03:12:00.0500000Z Download action repository 'actions/checkout@v4' (SHA:abc)\n"
	"2026-11-18T03:12:01.0000000Z ##[group]Run actions/checkout@v4\n"
	"2026-11-18T03:12:01.1000000Z ##[endgroup]\n"
	"2026-11-18T03:12:01.2000000Z [command]/usr/bin/git version\n"
	"2026-11-18T03:12:01.3000000Z hint: Using 'master' as the name for the initial branch.\n"
	"2026-11-18T03:12:02.0000000Z ##[group]Run npm test\n"
	"2026-11-18T03:12:02.1000000Z npm test || { echo \"ERROR: tests failed\"; exit 1; }\n"
	"2026-11-18T03:12:02.2000000Z shell: /usr/bin/bash -e {0}\n"
	"2026-11-18T03:12:02.3000000Z ##[endgroup]\n"
	"2026-11-18T03:12:03.0000000Z npm warn deprecated domexception@2.0.1: Use the native DOMException instead\n"
	"2026-11-18T03:12:04.0000000Z > app@1.0.0 test\n"
	"2026-11-18T03:12:05.0000000Z FAIL src/cart.test.js\n"
	"2026-11-18T03:12:05.1000000Z   expected: 3 items\n"
	"2026-11-18T03:12:05.2000000Z   received: 2 items\n"
	"2026-11-18T03:12:05.3000000Z \n"
	"2026-11-18T03:12:05.4000000Z Tests: 1 failed, 41 passed, 42 total\n"
	"2026-11-18T03:12:06.0000000Z ##[error]Process completed with exit code 1.\n"
	"2026-11-18T03:12:06.1000000Z Post job cleanup.\n"
	"2026-11-18T03:12:06.2000000Z [command]/usr/bin/git version\n"
	"2026-11-18T03:12:06.3000000Z http.https://github.com/.extraheader\n";

TEST(ci, actions_job_keeps_the_failing_steps_tail_not_its_noise)
{
	struct digest d = DIGEST_INIT;
	const struct digest_step *st;

	ASSERT_OK(digest_buffer(&d, ACTIONS_LOG, strlen(ACTIONS_LOG)));
	/* the preamble's "Error", the script's "ERROR" and npm's DOMException are no errors */
	ASSERT(d.first_error != NULL);
	ASSERT_INT_EQ(d.first_error_line, 17);
	ASSERT_CONTAINS(d.first_error, "FAIL src/cart.test.js");
	ASSERT_INT_EQ(tmpl_with(&d, "Error reporting")->level, DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_with(&d, "echo \"ERROR")->level, DIGEST_INFO);
	ASSERT(tmpl_with(&d, "npm warn deprecated")->noise);
	ASSERT(tmpl_with(&d, "Download action repository")->noise);
	ASSERT_INT_EQ(d.nsteps, 1);
	st = &d.steps[0];
	ASSERT_STR_EQ(st->title, "npm test");
	ASSERT_INT_EQ(st->first_line, 11);
	ASSERT_INT_EQ(st->exit_line, 22);
	ASSERT(step_has(st, "FAIL src/cart.test.js"));
	ASSERT(step_has(st, "received: 2 items"));
	ASSERT(step_has(st, "##[error]Process completed with exit code 1."));
	ASSERT(!step_has(st, "npm warn"));
	ASSERT(!step_has(st, "echo \"ERROR"));
	ASSERT(!step_has(st, "2026-11-18T")); /* shown without time stamps */
	/* the failure's context: the assertion's expected and received values */
	ASSERT(tmpl_with(&d, "FAIL src/cart.test.js")->context != NULL);
	ASSERT(strstr(tmpl_with(&d, "FAIL src/cart.test.js")->context, "expected: 3 items\n"));
	digest_release(&d);
}

TEST(ci, distill_shows_the_failing_step_and_no_noise)
{
	struct digest d = DIGEST_INIT;
	struct buf out = BUF_INIT;

	ASSERT_OK(digest_buffer(&d, ACTIONS_LOG, strlen(ACTIONS_LOG)));
	ASSERT_OK(distill_render(&out, &d, NULL, NULL));
	ASSERT_CONTAINS(out.ptr, "first error, line 17");
	ASSERT_CONTAINS(out.ptr, "failing step \"npm test\", L");
	ASSERT_CONTAINS(out.ptr, ", failed at L22:\n");
	/* the failure's expected and received values: as its context ("> ") or as the lines
	 * new after the first error, never twice */
	ASSERT_CONTAINS(out.ptr, "expected: 3 items\n");
	ASSERT_CONTAINS(out.ptr, "received: 2 items\n");
	ASSERT(strstr(strstr(out.ptr, "received: 2 items") + 1, "received: 2 items") == NULL);
	ASSERT_NOT_CONTAINS(out.ptr, "npm warn deprecated");
	ASSERT_NOT_CONTAINS(out.ptr, "Download action repository");
	ASSERT_NOT_CONTAINS(out.ptr, "[command]/usr/bin/git");
	ASSERT_NOT_CONTAINS(out.ptr, "Current runner version");
	ASSERT_NOT_CONTAINS(out.ptr, "extraheader"); /* the runner's post-job clean-up */
	buf_release(&out);
	digest_release(&d);
}

TEST(ci, gh_run_view_log_steps_come_from_the_prefix)
{
	struct digest d = DIGEST_INIT;
	const char *log =
		"test\tSet up job\t2026-11-18T03:12:00.0000000Z Current runner version: '2.330.0'\n"
		"test\tRun tests\t2026-11-18T03:12:01.0000000Z ##[group]Run go test ./...\n"
		"test\tRun tests\t2026-11-18T03:12:01.1000000Z ##[endgroup]\n"
		"test\tRun tests\t2026-11-18T03:12:02.0000000Z --- FAIL: TestParse (0.00s)\n"
		"test\tRun tests\t2026-11-18T03:12:02.1000000Z     parse_test.go:12: got 3, want 4\n"
		"test\tRun tests\t2026-11-18T03:12:02.2000000Z FAIL\tgithub.com/acme/app\t0.004s\n"
		"test\tRun tests\t2026-11-18T03:12:03.0000000Z ##[error]Process completed with exit code 1.\n"
		"test\tComplete job\t2026-11-18T03:12:04.0000000Z Cleaning up orphan processes\n";

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.nsteps, 1);
	ASSERT_STR_EQ(d.steps[0].title, "go test ./...");
	ASSERT(step_has(&d.steps[0], "parse_test.go:12: got 3, want 4"));
	ASSERT(!step_has(&d.steps[0], "Run tests")); /* the prefix is gone from the lines */
	ASSERT_STR_EQ(d.first_ts, "2026-11-18T03:12:00.0000000Z");
	ASSERT_INT_EQ(d.first_error_line, 4);
	digest_release(&d);
}

TEST(ci, travis_gitlab_and_jenkins_steps_and_exits)
{
	static const char *const logs[][3] = {
		{"travis_fold:start:script\n$ make check\ncc -c a.c\na.c:3:1: error: expected ';'\n"
		 "The command \"make check\" exited with 2.\ntravis_fold:end:script\nDone. Your build exited with 1.\n",
		 "script", "a.c:3:1: error"},
		{"section_start:1700000000:step_script\r\x1b[0KExecuting \"step_script\" stage\n$ pytest\n"
		 "E   assert 1 == 2\nsection_end:1700000001:step_script\r\x1b[0K\nERROR: Job failed: exit code 1\n",
		 "step_script", "assert 1 == 2"},
		{"[Pipeline] stage\n[Pipeline] { (Build)\n[Pipeline] sh\n+ mvn -B verify\n"
		 "[ERROR] Tests run: 3, Failures: 1\n[Pipeline] }\nERROR: script returned exit code 1\n"
		 "Finished: FAILURE\n",
		 "Build", "Tests run: 3, Failures: 1"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(logs); i++) {
		struct digest d = DIGEST_INIT;

		ASSERT_OK(digest_buffer(&d, logs[i][0], strlen(logs[i][0])));
		ASSERT(d.nsteps >= 1);
		ASSERT_STR_EQ(d.steps[0].title, logs[i][1]);
		ASSERT(d.steps[0].exit_line > 0);
		ASSERT(step_has(&d.steps[0], logs[i][2]));
		digest_release(&d);
	}
}

TEST(ci, no_failing_step_in_an_application_log)
{
	struct digest d = DIGEST_INIT;
	const char *log = "2026-11-18 03:12:00 INFO started\n2026-11-18 03:12:01 ERROR db down\n"
			  "2026-11-18 03:12:02 INFO retrying\n";

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.nsteps, 0);
	ASSERT_INT_EQ(d.error_lines, 1);
	digest_release(&d);
}

TEST(ci, a_compilers_source_line_is_context_not_an_error)
{
	struct digest d = DIGEST_INIT;
	const char *log = "src/a.c:3:5: error: 'fatal_error' undeclared\n"
			  "    return FATAL_ERROR;\n"
			  "           ^~~~~~~~~~~\n"
			  "   12 |     throw new Error(\"boom\");\n"
			  "make: *** [Makefile:9: a.o] Error 1\n";

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.first_error_line, 1);
	ASSERT_INT_EQ(tmpl_with(&d, "return FATAL_ERROR")->level, DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_with(&d, "throw new Error")->level, DIGEST_INFO);
	ASSERT_INT_EQ(d.error_lines, 2);
	ASSERT(strstr(tmpl_with(&d, "undeclared")->context, "return FATAL_ERROR;"));
	digest_release(&d);
}

/* A test prints the code it made: a declaration that "throws" one and names in capitals. */
TEST(ci, printed_code_and_counters_are_no_errors)
{
	struct digest d = DIGEST_INIT;
	const char *log = "> KILLED 3 SURVIVED 1 TIMED_OUT 0\n"
			  "> BAD_INPUT_ERROR 0 NOT_STARTED 0 LOST_ERROR 0\n"
			  "@Test\n"
			  "public void makesAWidget() throws java.io.IOException {\n"
			  "    new Widget().make();\n"
			  "}\n"
			  "ERROR: the widget test failed\n";

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	ASSERT_INT_EQ(d.first_error_line, 7);
	ASSERT_INT_EQ(tmpl_with(&d, "LOST_ERROR")->level, DIGEST_INFO);
	ASSERT_INT_EQ(tmpl_with(&d, "throws java.io.IOException")->level, DIGEST_INFO);
	ASSERT_INT_EQ(d.error_lines, 1);
	digest_release(&d);
}

/* The values of `t`'s masked parts: how many of them hold `part`. */
static size_t values_with(const struct digest_template *t, const char *part)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nvalues; i++)
		for (size_t k = 0; k < t->values[i].n; k++)
			n += strstr(t->values[i].v[k], part) != NULL;
	return n;
}

TEST(ci, folded_template_lists_its_values)
{
	static const char *const pkgs[] = {"left-pad", "lodash", "react", "zod", "chalk"};
	struct digest d = DIGEST_INIT;
	struct buf log = BUF_INIT, out = BUF_INIT;
	const struct digest_template *t;
	size_t names = 0;

	buf_puts(&log, "##[group]Run npm ci\n##[endgroup]\n");
	for (int i = 0; i < 70; i++)
		buf_putf(&log, "npm ERR! cannot download %s from the registry (attempt %d)\n", pkgs[i % 5],
			 i / 5 + 1);
	buf_puts(&log, "##[error]Process completed with exit code 1.\n");
	ASSERT_OK(digest_buffer(&d, log.ptr, log.len));
	ASSERT((t = tmpl_with(&d, "cannot download")) != NULL);
	ASSERT_INT_EQ(t->count, 70);
	for (size_t p = 0; p < ARRAY_SIZE(pkgs); p++)
		names += values_with(t, pkgs[p]);
	ASSERT_INT_EQ(names, 5);
	ASSERT_OK(distill_render(&out, &d, NULL, NULL));
	ASSERT_CONTAINS(out.ptr, "values: left-pad, ");
	for (size_t p = 1; p < ARRAY_SIZE(pkgs); p++)
		ASSERT(strstr(strstr(out.ptr, "values: "), pkgs[p]) != NULL);
	ASSERT_CONTAINS(out.ptr, "; 1-"); /* the attempts: numbers read as a range */
	buf_release(&out);
	buf_release(&log);
	digest_release(&d);
}

TEST(ci, many_values_are_kept_and_grouped_by_their_folders)
{
	struct digest d = DIGEST_INIT;
	struct buf log = BUF_INIT, out = BUF_INIT;
	const struct digest_template *t;
	const char *v;

	/* 60 files in two folders, then one elsewhere: past the first few lines read */
	for (int i = 0; i < 60; i++)
		buf_putf(&log, "error: cannot open /srv/shop/src/%s/mod%02d.py: Permission denied\n",
			 i < 30 ? "billing" : "orders", i);
	buf_puts(&log, "error: cannot open /etc/shop/extra.conf: Permission denied\n");
	ASSERT_OK(digest_buffer(&d, log.ptr, log.len));
	ASSERT((t = tmpl_with(&d, "cannot open")) != NULL);
	ASSERT_INT_EQ(t->count, 61);
	ASSERT_INT_EQ(values_with(t, "/mod"), 60);
	ASSERT_INT_EQ(values_with(t, "extra.conf"), 1);
	ASSERT_OK(distill_render(&out, &d, NULL, NULL));
	ASSERT((v = strstr(out.ptr, "values: ")) != NULL);
	/* the shared head once, each folder once, every file name */
	ASSERT_CONTAINS(v, "/srv/shop/src/{billing/{mod00.py, mod01.py, ");
	ASSERT_CONTAINS(v, "}, orders/{mod30.py, ");
	ASSERT(strstr(v, "mod59.py") && strstr(v, "/etc/shop/extra.conf"));
	v = strstr(v, "/srv/shop/src/") + 1; /* written once on the line */
	ASSERT(strstr(v, "/srv/shop/src/") == NULL || strstr(v, "/srv/shop/src/") > strchr(v, '\n'));
	buf_release(&out);
	buf_release(&log);
	digest_release(&d);
}

TEST(ci, few_numbers_are_listed_many_read_as_runs)
{
	struct digest d = DIGEST_INIT;
	struct buf log = BUF_INIT, out = BUF_INIT;

	for (int i = 0; i < 5; i++)
		buf_putf(&log, "deploy.sh: line %d: out%d.tmp: No space left on device\n", 40 + i, i);
	for (int i = 0; i < 30; i++)
		buf_putf(&log, "FAIL shard %d of the suite timed out\n", 100 + i);
	ASSERT_OK(digest_buffer(&d, log.ptr, log.len));
	ASSERT_OK(distill_render(&out, &d, NULL, NULL));
	ASSERT_CONTAINS(out.ptr, "values: 40, 41, 42, 43, 44; ");
	ASSERT_CONTAINS(out.ptr, "values: 100-129\n");
	buf_release(&out);
	buf_release(&log);
	digest_release(&d);
}

TEST(ci, values_stay_within_their_byte_cap)
{
	struct digest d = DIGEST_INIT;
	struct buf log = BUF_INIT;
	const struct digest_template *t;
	size_t bytes = 0, n = 0;

	for (int i = 0; i < 400; i++)
		buf_putf(&log, "ERROR upload of artifact-%04d-with-a-rather-long-name-to-fill-bytes.tar failed\n", i);
	ASSERT_OK(digest_buffer(&d, log.ptr, log.len));
	ASSERT((t = tmpl_with(&d, "upload of")) != NULL);
	for (size_t i = 0; i < t->nvalues; i++) {
		for (size_t k = 0; k < t->values[i].n; k++)
			bytes += strlen(t->values[i].v[k]) + 1;
		n += t->values[i].n;
		ASSERT(t->values[i].more);
	}
	ASSERT(n > 40);
	ASSERT(bytes <= DIGEST_VALUES_BYTES);
	buf_release(&log);
	digest_release(&d);
}

/* The failing step's lines are the same whether the input came in one piece or in reads. */
TEST(ci, failing_step_survives_reads_and_stays_bounded)
{
	struct digest a = DIGEST_INIT, b = DIGEST_INIT;
	struct buf log = BUF_INIT;
	char *path = sys_path_join(harness_tmpdir(), "job.log");

	buf_puts(&log, "##[group]Run make\n##[endgroup]\n");
	for (int i = 0; i < 5000; i++) /* > 64 KiB: several reads */
		buf_putf(&log, "compiling unit %d of 5000 with flags -O2 -g -Wall (%d warnings so far)\n", i,
			 i % 7);
	buf_puts(&log, "ld: cannot find -lssl\n##[error]Process completed with exit code 2.\n");
	ASSERT_OK(sys_write_file(path, log.ptr, log.len));
	ASSERT_OK(digest_buffer(&a, log.ptr, log.len));
	ASSERT_OK(digest_file(&b, path));
	ASSERT_INT_EQ(a.nsteps, 1);
	ASSERT_INT_EQ(b.nsteps, 1);
	ASSERT_INT_EQ(a.steps[0].nlines, DIGEST_STEP_LINES);
	ASSERT_INT_EQ(b.steps[0].nlines, DIGEST_STEP_LINES);
	for (size_t i = 0; i < a.steps[0].nlines; i++) {
		ASSERT_STR_EQ(a.steps[0].lines[i], b.steps[0].lines[i]);
		ASSERT_INT_EQ(a.steps[0].line_no[i], b.steps[0].line_no[i]);
	}
	ASSERT_STR_EQ(a.steps[0].lines[DIGEST_STEP_LINES - 2], "ld: cannot find -lssl");
	ASSERT_INT_EQ(a.steps[0].exit_line, 5004);
	free(path);
	buf_release(&log);
	digest_release(&a);
	digest_release(&b);
}

/* Room for the line a caller puts first (a CI failure's class): within the budget. */
TEST(ci, distill_leads_with_the_callers_line)
{
	struct digest d = DIGEST_INIT;
	struct distill_opts o = DISTILL_OPTS_INIT;
	struct distill_report r;
	struct buf out = BUF_INIT;

	ASSERT_OK(digest_buffer(&d, ACTIONS_LOG, strlen(ACTIONS_LOG)));
	o.lead = "class: test assertion\nignored";
	o.budget_tokens = 300;
	ASSERT_OK(distill_render(&out, &d, &o, &r));
	ASSERT(!strncmp(out.ptr, "class: test assertion\nlog: ", strlen("class: test assertion\nlog: ")));
	ASSERT_NOT_CONTAINS(out.ptr, "ignored");
	ASSERT(r.tokens <= 300);
	ASSERT_INT_EQ(r.tokens, tokens_estimate(out.ptr, out.len));
	buf_release(&out);
	digest_release(&d);
}
