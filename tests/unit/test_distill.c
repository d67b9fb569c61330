#include "common.h"
#include "harness.h"
#include "logs/distill.h"
#include "logs/tokens.h"
#include "logs/failure.h"
#include "util/buf.h"
#include "logs/digest.h"
#include "util/sys.h"

/* Digest `text`, distill it with `budget` tokens; the text is a new string. */
static char *distill_text(const char *text, size_t budget, struct distill_report *r)
{
	struct digest d = DIGEST_INIT;
	struct distill_opts o = DISTILL_OPTS_INIT;
	struct buf out = BUF_INIT;

	if (digest_buffer(&d, text, strlen(text)) < 0)
		xdie("digest failed");
	o.budget_tokens = budget;
	if (distill_render(&out, &d, &o, r) < 0)
		xdie("distill failed");
	digest_release(&d);
	return buf_detach(&out);
}

static size_t tokens(const char *s)
{
	return tokens_estimate(s, strlen(s));
}

/* The text of section `title` ("errors:\n" ...) up to the next section, or NULL. */
static char *section(const char *text, const char *title)
{
	static const char *const titles[] = {"errors:\n", "stack traces:\n",
					     "new at or after the first error:\n", "warnings:\n",
					     "other lines:\n", "cut: "};
	const char *a = strstr(text, title), *end = NULL;

	if (!a)
		return NULL;
	a += strlen(title);
	for (size_t i = 0; i < ARRAY_SIZE(titles); i++) {
		const char *e = strstr(a, titles[i]);

		if (e && (!end || e < end))
			end = e;
	}
	return xstrndup(a, end ? (size_t)(end - a) : strlen(a));
}

/* A CI-like log: noise, the failure in the middle, more noise after. */
static char *noisy_log(int noise)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < noise; i++)
		buf_putf(&b, "[INFO] Downloading artifact-%d.jar from https://repo.example.org/m2/a%d (%d kB)\n",
			 i, i, i * 3);
	buf_puts(&b, "[ERROR] COMPILATION ERROR : src/main/java/org/example/Billing.java:[42,17] "
		     "cannot find symbol\n");
	for (int i = 0; i < noise; i++)
		buf_putf(&b, "[INFO] Compiling module %d of %d with javac %d.%d\n", i, noise, i % 7, i % 3);
	return buf_detach(&b);
}

TEST(distill, error_like_ci_lines)
{
	static const char *const strong[] = {
		"##[error]Process completed with exit code 2.",
		"2026-11-18T03:12:00.1234567Z ##[error]Process completed with exit code 1.",
		"::error file=app.js,line=1::Missing semicolon",
		"src/parse.c:12:5: error: expected ';' before '}' token",
		"main.go:3:9: undefined: os",
		"error[E0308]: mismatched types",
		"src/app.ts(3,5): error TS2304: Cannot find name 'foo'.",
		"FAILED tests/test_api.py::test_login - AssertionError: 401 != 200",
		"--- FAIL: TestParse (0.00s)",
		"FAIL\tgithub.com/acme/api\t0.012s",
		"E       assert 1 == 2",
		"npm ERR! code ELIFECYCLE",
		"make: *** [Makefile:12: all] Error 2",
		"make[1]: *** [build] Error 1",
		"\xE2\x9C\x97 renders the header (12 ms)",
		"Tests run: 5, Failures: 1, Errors: 0, Skipped: 0",
		"=== 3 failed, 10 passed in 1.2s ===",
		"[INFO] 4 errors",
		"[INFO] BUILD FAILURE",
		"java.lang.IllegalStateException: boom",
		"Caused by: java.io.IOException: No space left on device",
		"TypeError: Cannot read properties of undefined (reading 'x')",
		"Traceback (most recent call last):",
		"panic: runtime error: index out of range [3] with length 3",
		"fatal: unable to access 'https://github.com/acme/api.git/'",
		"bash: mvn: command not found",
		"cp: cannot create regular file 'out/a': No space left on device",
	};
	static const char *const none[] = {
		"Tests run: 5, Failures: 0, Errors: 0, Skipped: 0",
		"ok  \tgithub.com/acme/api\t0.012s",
		"Process completed with exit code 0.",
		"##[group]Run actions/checkout@v4",
		"=== 13 passed in 1.2s ===",
		"0 failed, 10 passed",
		"[INFO] BUILD SUCCESS",
		"Compiling serde v1.0.190",
		"Running ProvisionTest",
	};

	for (size_t i = 0; i < ARRAY_SIZE(strong); i++) {
		if (failure_like(strong[i], strlen(strong[i])) != 2)
			harness_fail(__FILE__, __LINE__, "not a failure: %s", strong[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(none); i++) {
		if (failure_like(none[i], strlen(none[i])) != 0)
			harness_fail(__FILE__, __LINE__, "reads as an error: %s", none[i]);
	}
	ASSERT_INT_EQ(failure_like("Build step failed, retrying", 27), 1);
}

TEST(distill, first_error_kept_with_tiny_budget)
{
	char *log = noisy_log(300), *out;
	struct distill_report r;

	for (size_t budget = 1; budget <= 64; budget += 7) {
		out = distill_text(log, budget, &r);
		ASSERT_CONTAINS(out, "first error");
		ASSERT_CONTAINS(out, "[ERROR] COMP");
		ASSERT(tokens(out) <= (budget < DISTILL_MIN_BUDGET ? DISTILL_MIN_BUDGET : budget));
		ASSERT_INT_EQ(r.tokens, tokens(out));
		ASSERT_NOT_CONTAINS(out, "Downloading artifact");
		free(out);
	}
	/* with room, the whole line and where it was */
	out = distill_text(log, 200, &r);
	ASSERT_CONTAINS(out, "first error, line 301:\n  [ERROR] COMPILATION ERROR : "
			     "src/main/java/org/example/Billing.java:[42,17] cannot find symbol\n");
	free(out);
	free(log);
}

TEST(distill, budget_respected_at_every_size)
{
	struct buf log = BUF_INIT;

	/* a bit of everything: errors, a repeated Java trace, warnings, noise */
	for (int i = 0; i < 400; i++) {
		buf_putf(&log, "2026-11-18T03:%02d:%02d.000Z INFO request %d served in %dms by pod-%x\n",
			 i / 60, i % 60, i, i * 7 % 300, i * 2654435761u);
		if (i % 50 == 7)
			buf_putf(&log, "2026-11-18T03:%02d:%02d.500Z WARN pool %d nearly full (%d%%)\n", i / 60,
				 i % 60, i % 4, 80 + i % 20);
		if (i % 40 == 39) {
			buf_putf(&log, "2026-11-18T03:%02d:%02d.900Z ERROR payment %d failed: timeout\n",
				 i / 60, i % 60, i);
			buf_puts(&log, "java.net.SocketTimeoutException: Read timed out\n");
			for (int f = 0; f < 30; f++)
				buf_putf(&log, "\tat com.acme.pay.Client.call%d(Client.java:%d)\n", f, 100 + f);
		}
	}
	for (size_t budget = 32; budget <= 4000; budget = budget * 3 / 2) {
		struct distill_report r;
		char *out = distill_text(log.ptr, budget, &r);

		ASSERT(tokens(out) <= budget);
		ASSERT_INT_EQ(r.tokens, tokens(out));
		ASSERT(out[strlen(out) - 1] == '\n');
		ASSERT_CONTAINS(out, "first error");
		if (budget >= 200)
			ASSERT_CONTAINS(out, "java.net.SocketTimeoutException: Read timed out");
		if (budget >= 100 && budget <= 200)
			ASSERT_CONTAINS(out, "cut: ");
		free(out);
	}
	/* no limit: everything, nothing cut */
	{
		struct distill_report r;
		char *out = distill_text(log.ptr, 0, &r);

		ASSERT_NOT_CONTAINS(out, "cut: ");
		ASSERT_INT_EQ(r.cut_templates + r.cut_errors + r.cut_traces + r.cut_trace_lines, 0);
		ASSERT_CONTAINS(out, "at com.acme.pay.Client.call29(Client.java:129)");
		free(out);
	}
	buf_release(&log);
}

TEST(distill, priority_errors_before_noise)
{
	struct buf log = BUF_INIT;
	char *out, *errors;

	for (int i = 0; i < 200; i++)
		buf_putf(&log, "step %d: copying file%d.txt to build/out%d\n", i, i, i);
	buf_puts(&log, "src/db.c:88:3: error: 'conn' undeclared (first use in this function)\n");
	buf_puts(&log, "make: *** [Makefile:40: db.o] Error 1\n");
	for (int i = 0; i < 200; i++)
		buf_putf(&log, "cleanup %d: removing tmp%d\n", i, i);
	buf_puts(&log, "[ERROR] \n[ERROR] \n");
	out = distill_text(log.ptr, 100, NULL);
	/* both failure lines, although the digest only knows one of them as an error */
	ASSERT_CONTAINS(out, "src/db.c:88:3: error: 'conn' undeclared");
	errors = section(out, "errors:\n");
	ASSERT(errors != NULL);
	ASSERT_CONTAINS(errors, "make: *** [Makefile:40: db.o] Error 1");
	ASSERT_NOT_CONTAINS(out, "copying file");
	/* a level word alone says nothing: it waits behind the errors that do */
	ASSERT_NOT_CONTAINS(out, "| [ERROR] \n");
	free(errors);
	free(out);
	buf_release(&log);
}

/*
 * An error seen early and again at the end (a nested build, then the real one) is as
 * late as the middle of its sightings: it goes before an error seen twice in between.
 */
TEST(distill, an_error_back_at_the_end_counts_as_late)
{
	struct buf log = BUF_INIT;
	char *out;
	bool early_only = false, both = false;

	for (int i = 0; i < 400; i++) {
		buf_putf(&log, "step %d: copying file%d.txt to build/out%d\n", i, i, i);
		if (i == 5)
			buf_puts(&log, "ERROR: cache volume unreachable\n");
		if (i == 160 || i == 399)
			buf_puts(&log, "ERROR: widget assembly halted, see the gearbox report\n");
		if (i == 220 || i == 221)
			buf_puts(&log, "ERROR: sprocket alignment drifted past tolerance on the third "
				       "axis of the frame\n");
	}
	buf_puts(&log, "ERROR: the job failed\n");
	for (size_t budget = 60; budget <= 200; budget += 4) {
		bool gear, sprocket;

		out = distill_text(log.ptr, budget, NULL);
		gear = strstr(out, "widget assembly halted") != NULL;
		sprocket = strstr(out, "sprocket alignment") != NULL;
		early_only |= sprocket && !gear;
		both |= sprocket && gear;
		free(out);
	}
	ASSERT(!early_only);
	ASSERT(both);
	buf_release(&log);
}

TEST(distill, actions_log_markers)
{
	const char *log =
		"2026-11-18T03:12:00.1000000Z ##[group]Run npm ci\n"
		"2026-11-18T03:12:00.2000000Z npm ci --no-audit\n"
		"2026-11-18T03:12:01.3000000Z ##[endgroup]\n"
		"2026-11-18T03:12:01.4000000Z added 312 packages in 3s\n"
		"2026-11-18T03:12:02.0000000Z ##[group]Run pytest\n"
		"2026-11-18T03:12:02.1000000Z ##[endgroup]\n"
		"2026-11-18T03:12:05.0000000Z tests/test_api.py::test_ok PASSED\n"
		"2026-11-18T03:12:05.1000000Z FAILED tests/test_api.py::test_login - assert 401 == 200\n"
		"2026-11-18T03:12:05.2000000Z E       assert 401 == 200\n"
		"2026-11-18T03:12:05.3000000Z error[E0308]: mismatched types\n"
		"2026-11-18T03:12:05.4000000Z make: *** [Makefile:9: test] Error 2\n"
		"2026-11-18T03:12:05.6000000Z ##[error]Process completed with exit code 2.\n"
		"2026-11-18T03:12:06.0000000Z Post job cleanup.\n";
	char *out = distill_text(log, 2000, NULL), *errors = section(out, "errors:\n");

	/* the digest already calls FAILED an error: it is the first one */
	ASSERT_CONTAINS(out, "first error, line 8 at 03:12:05:\n"
			     "  FAILED tests/test_api.py::test_login - assert 401 == 200\n");
	ASSERT(errors != NULL);
	ASSERT_CONTAINS(errors, "E       assert 401 == 200");
	ASSERT_CONTAINS(errors, "error[E0308]: mismatched types");
	ASSERT_CONTAINS(errors, "make: *** [Makefile:9: test] Error 2");
	ASSERT_CONTAINS(out, "##[error]Process completed with exit code 2.");
	/* group markers are no errors; the runner's timestamp is not shown */
	ASSERT_NOT_CONTAINS(errors, "##[group]");
	ASSERT_NOT_CONTAINS(errors, "PASSED");
	ASSERT_NOT_CONTAINS(out, "2026-11-18T03:12:05");
	/* a CI job's log (it has a failing step) shows no time per line */
	ASSERT_CONTAINS(errors, "L10 | error[E0308]: mismatched types\n");
	free(errors);
	free(out);
}

TEST(distill, change_points_after_the_first_error)
{
	struct buf log = BUF_INIT;
	char *out, *changes, *other;

	for (int i = 0; i < 30; i++)
		buf_putf(&log, "10:00:%02d INFO heartbeat ok from node-%d\n", i, i % 3);
	buf_puts(&log, "10:00:30 ERROR database connection lost: connection reset by peer\n");
	buf_puts(&log, "10:00:31 INFO switching to read-only mode\n");
	for (int i = 0; i < 5; i++)
		buf_putf(&log, "10:00:%02d INFO heartbeat ok from node-%d\n", 32 + i, i % 3);
	buf_puts(&log, "10:00:40 INFO retry queue length 5123\n");
	out = distill_text(log.ptr, 2000, NULL);
	changes = section(out, "new at or after the first error:\n");
	other = section(out, "other lines:\n");
	ASSERT(changes != NULL);
	ASSERT_CONTAINS(changes, "switching to read-only mode");
	ASSERT_CONTAINS(changes, "retry queue length");
	ASSERT_NOT_CONTAINS(changes, "heartbeat");
	ASSERT(other != NULL);
	ASSERT_CONTAINS(other, "heartbeat ok");
	/* counts and first/last seen */
	ASSERT_CONTAINS(other, "L1-37 35x 10:00:00..10:00:36 | INFO heartbeat ok from node-0\n");
	free(changes);
	free(other);
	free(out);
	buf_release(&log);
}

TEST(distill, java_trace_headline_frames_and_causes)
{
	struct buf log = BUF_INIT;
	char *out, *traces;

	buf_puts(&log, "[INFO] Running com.acme.BillingTest\n");
	buf_puts(&log, "[ERROR] Tests run: 3, Failures: 0, Errors: 1, Skipped: 0 <<< FAILURE!\n");
	buf_puts(&log, "java.lang.IllegalStateException: ledger closed\n");
	for (int f = 0; f < 40; f++)
		buf_putf(&log, "\tat com.acme.Ledger.step%d(Ledger.java:%d)\n", f, 10 + f);
	buf_puts(&log, "Caused by: java.io.IOException: disk full\n");
	buf_puts(&log, "\tat com.acme.Store.write(Store.java:77)\n");
	buf_puts(&log, "\tat com.acme.Store.flush(Store.java:90)\n");
	buf_puts(&log, "\t... 40 more\n");
	for (int i = 0; i < 100; i++)
		buf_putf(&log, "[INFO] cleanup %d\n", i);
	out = distill_text(log.ptr, 300, NULL);
	traces = section(out, "stack traces:\n");
	ASSERT(traces != NULL);
	ASSERT_CONTAINS(traces, "java.lang.IllegalStateException: ledger closed\n");
	ASSERT_CONTAINS(traces, " at com.acme.Ledger.step0(Ledger.java:10)\n");
	/* the cause is kept although the frames before it are not */
	ASSERT_CONTAINS(traces, " Caused by: java.io.IOException: disk full\n");
	ASSERT_CONTAINS(traces, " at com.acme.Store.write(Store.java:77)\n");
	ASSERT_CONTAINS(traces, "more lines\n");
	ASSERT_NOT_CONTAINS(traces, "step39");
	ASSERT(tokens(out) <= 300);
	free(traces);
	free(out);
	buf_release(&log);
}

TEST(distill, repeated_trace_lines_are_folded)
{
	struct buf log = BUF_INIT;
	char *out;

	buf_puts(&log, "ERROR visit failed\n");
	buf_puts(&log, "java.lang.StackOverflowError: deep\n");
	for (int r = 0; r < 10; r++) {
		buf_puts(&log, "\tat spoon.Scanner.scan(Scanner.java:184)\n");
		buf_puts(&log, "\tat spoon.Scanner.visit(Scanner.java:676)\n");
	}
	buf_puts(&log, "\tat spoon.Launcher.main(Launcher.java:9)\n");
	out = distill_text(log.ptr, 0, NULL);
	ASSERT_CONTAINS(out, " at spoon.Scanner.scan(Scanner.java:184)\n at spoon.Scanner.visit(Scanner.java:676)\n"
			     " ... 18 lines repeated\n at spoon.Launcher.main(Launcher.java:9)\n");
	free(out);
	buf_release(&log);
}

TEST(distill, secrets_never_in_output)
{
	static const char *const secrets[] = {
		"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
		"hunter2hunter2",
		"AKIAIOSFODNN7EXAMPLE",
		"s3cr3t-db-pass",
	};
	struct buf log = BUF_INIT;
	struct digest d = DIGEST_INIT;
	struct buf out = BUF_INIT;
	char *text;

	buf_putf(&log, "ERROR push failed with token %s\n", secrets[0]);
	buf_putf(&log, "ERROR login rejected password=%s\n", secrets[1]);
	buf_putf(&log, "WARN using key %s\n", secrets[2]);
	buf_putf(&log, "INFO connecting to postgres://app:%s@db:5432/main\n", secrets[3]);
	text = distill_text(log.ptr, 2000, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(secrets); i++)
		ASSERT_NOT_CONTAINS(text, secrets[i]);
	ASSERT_CONTAINS(text, "[REDACTED]");
	free(text);

	/* a digest made by hand, not redacted by digest_buffer: distill redacts on the way out */
	d.templates = xcalloc(1, sizeof(*d.templates));
	d.ntemplates = 1;
	d.templates[0].pattern = xstrdup("push failed with token <*>");
	d.templates[0].example = xasprintf("push failed with token %s", secrets[0]);
	d.templates[0].level = DIGEST_ERROR;
	d.templates[0].count = 1;
	d.templates[0].first_line = d.templates[0].last_line = 1;
	d.first_error = xasprintf("ERROR push failed with token %s", secrets[0]);
	d.first_error_line = 1;
	d.lines = 1;
	ASSERT_OK(distill_render(&out, &d, NULL, NULL));
	ASSERT_NOT_CONTAINS(out.ptr, secrets[0]);
	ASSERT_CONTAINS(out.ptr, "ghp_[REDACTED]");
	digest_release(&d);
	buf_release(&out);
	buf_release(&log);
}

TEST(distill, empty_digest)
{
	struct digest d = DIGEST_INIT;
	struct distill_opts o = DISTILL_OPTS_INIT;
	struct distill_report r;
	struct buf out = BUF_INIT;

	ASSERT_OK(buf_adds(&out, "kept> "));
	ASSERT_OK(distill_render(&out, &d, &o, &r));
	ASSERT_STR_EQ(out.ptr, "kept> log: 0 lines, 0 bytes, 0 error lines, 0 warning lines\n");
	ASSERT_INT_EQ(r.tokens, tokens(out.ptr + 6));
	ASSERT_INT_EQ(r.templates + r.traces + r.cut_errors + r.cut_templates + r.cut_traces, 0);
	buf_release(&out);

	/* an empty input gives the same */
	ASSERT_OK(digest_buffer(&d, "", 0));
	ASSERT_OK(distill_render(&out, &d, &o, NULL));
	ASSERT_STR_EQ(out.ptr, "log: 0 lines, 0 bytes, 0 error lines, 0 warning lines\n");
	digest_release(&d);
	buf_release(&out);
}

TEST(distill, report_and_cut_line_agree)
{
	static const char *const words[] = {"alpha", "bravo", "charlie", "delta", "echo",
					     "foxtrot", "golf", "hotel", "india", "juliet"};
	struct buf log = BUF_INIT;
	struct distill_report r;
	char *out, want[80];

	/* 100 lines of different shapes, then two errors */
	for (int i = 0; i < 100; i++)
		buf_putf(&log, "%s%s %s started\n", words[i % 10], words[i / 10], words[(i * 3) % 10]);
	buf_puts(&log, "ERROR disk /dev/sda1 is full\nERROR write to journal failed\n");
	out = distill_text(log.ptr, 100, &r);
	ASSERT(r.cut_templates > 50);
	snprintf(want, sizeof(want), "cut: %zu other templates\n", r.cut_templates);
	ASSERT_CONTAINS(out, want);
	ASSERT_CONTAINS(out, "ERROR disk /dev/sda1 is full");
	ASSERT_CONTAINS(out, "ERROR write to journal failed");
	ASSERT_INT_EQ(r.cut_errors, 0);
	ASSERT(r.templates >= 2);
	ASSERT(r.tokens <= 100);
	free(out);
	buf_release(&log);
}

TEST(distill, capped_output_fails_cleanly)
{
	struct digest d = DIGEST_INIT;
	struct buf out;
	char *log = noisy_log(50);

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	buf_init(&out, 16);
	ASSERT_ERR(distill_render(&out, &d, NULL, NULL), ERR_TOO_BIG);
	buf_release(&out);
	digest_release(&d);
	free(log);
}

/*
 * A long trace by the failure: its top frames whole, every other frame short and grouped
 * by package, so the application's frame deep under the framework's is still there.
 */
TEST(distill, a_long_trace_shows_its_deep_frames_short)
{
	struct buf log = BUF_INIT;
	char *out, *traces;

	buf_puts(&log, "[ERROR] request failed\n");
	buf_puts(&log, "java.lang.IllegalStateException: ledger closed\n");
	for (int i = 0; i < 40; i++)
		buf_putf(&log, "\tat org.frame.work.Dispatcher%d.handle(Dispatcher%d.java:%d)\n", i % 4, i % 4, 100 + i);
	buf_puts(&log, "\tat org.frame.work.Native.call0(Native Method)\n");
	buf_puts(&log, "\tat com.acme.ledger.Posting$Batch.apply(Posting.java:88)\n");
	buf_puts(&log, "\tat com.acme.ledger.Journal.close(Journal.java:17)\n");
	buf_puts(&log, "\tat com.acme.tools.Helper.run(Util.java:5)\n");
	for (int i = 0; i < 30; i++)
		buf_putf(&log, "10:00:%02d INFO queue depth %d on shard-%d\n", i, i * 3, i % 5);
	out = distill_text(log.ptr, 700, NULL);
	traces = section(out, "stack traces:\n");
	ASSERT(traces != NULL);
	ASSERT_CONTAINS(traces, " at org.frame.work.Dispatcher0.handle(Dispatcher0.java:100)\n");
	ASSERT_CONTAINS(traces, "more lines, short:\n");
	/* the file named after the class goes, a native frame keeps its name, an inner class
	 * is in its outer class's file, another file stays named */
	ASSERT_CONTAINS(traces, "  org.frame.work.{Dispatcher");
	ASSERT_CONTAINS(traces, ".handle:139, Native.call0}\n");
	ASSERT_CONTAINS(traces, "com.acme.{ledger.{Posting$Batch.apply:88, Journal.close:17}, "
				"tools.Helper.run(Util.java:5)}");
	ASSERT(tokens(out) <= 700);
	free(traces);
	free(out);
	/*
	 * With room for more whole lines but not for all the others short, the short ones
	 * that stay are first those of classes not shown yet: the application's frames.
	 */
	out = distill_text(log.ptr, 900, NULL);
	traces = section(out, "stack traces:\n");
	ASSERT(traces != NULL);
	ASSERT_CONTAINS(traces, " at org.frame.work.Dispatcher3.handle(Dispatcher3.java:123)\n");
	ASSERT_CONTAINS(traces, "com.acme.{ledger.{Posting$Batch.apply:88, Journal.close:17}, "
				"tools.Helper.run(Util.java:5)}\n ... ");
	ASSERT_NOT_CONTAINS(traces, "Dispatcher3.handle:139");
	ASSERT(tokens(out) <= 900);
	free(traces);
	free(out);
	buf_release(&log);
}

