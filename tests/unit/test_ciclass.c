#include "common.h"
#include "harness.h"
#include "logs/ciclass.h"
#include "logs/digest.h"
#include "util/buf.h"

/* Made-up lines in the words each tool prints, one or more per class. */
static const struct {
	const char *line;
	enum ciclass_kind kind;
	bool infra;
} cases[] = {
	{"2026-11-18T03:12:00.1234567Z ##[error]The runner has received a shutdown signal. This can "
	 "happen when the runner service is stopped, or a manually started runner is canceled.",
	 CICLASS_RUNNER, true},
	{"The self-hosted runner: build-7 lost communication with the server.", CICLASS_RUNNER, true},
	{"java.io.IOException: No space left on device", CICLASS_RUNNER, true},
	{"##[error]Process completed with exit code 137.", CICLASS_RUNNER, true},
	{"FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
	 CICLASS_RUNNER, true},
	{"org.flywaydb.core.api.FlywayException: Found more than one migration with version 4",
	 CICLASS_MIGRATION, false},
	{"Validate failed: Migrations have failed validation", CICLASS_MIGRATION, false},
	{"CommandError: Conflicting migrations detected; multiple leaf nodes in the migration graph",
	 CICLASS_MIGRATION, false},
	{"yaml: line 12: mapping values are not allowed in this context", CICLASS_SYNTAX, false},
	{"json.decoder.JSONDecodeError: Expecting ',' delimiter: line 4 column 3 (char 41)",
	 CICLASS_SYNTAX, false},
	{"SyntaxError: Unexpected token } in JSON at position 112", CICLASS_SYNTAX, false},
	{"[ERROR] /home/runner/work/app/src/main/java/app/Orders.java:[14,9] cannot find symbol",
	 CICLASS_COMPILE, false},
	{"src/Orders.java:14: error: cannot find symbol", CICLASS_COMPILE, false},
	{"internal/api/server.go:41:2: undefined: strings", CICLASS_COMPILE, false},
	{"error[E0425]: cannot find value `x` in this scope", CICLASS_COMPILE, false},
	{"src/index.ts(3,10): error TS2304: Cannot find name 'foo'.", CICLASS_COMPILE, false},
	{"NameError: name 'os' is not defined", CICLASS_COMPILE, false},
	{"[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 0", CICLASS_TEST, false},
	{"FAILED tests/test_orders.py::test_total - assert 41 == 42", CICLASS_TEST, false},
	{"--- FAIL: TestTotal (0.00s)", CICLASS_TEST, false},
	{"Tests:       2 failed, 40 passed, 42 total", CICLASS_TEST, false},
	{"[  FAILED  ] OrdersTest.Total (0 ms)", CICLASS_TEST, false},
	{"[warn] Code style issues found in 2 files. Run Prettier with --write to fix.", CICLASS_LINT, false},
	{"would reformat src/app/models.py", CICLASS_LINT, false},
	{"✖ 3 problems (3 errors, 0 warnings)", CICLASS_LINT, false},
	{"npm ERR! 503 Service Unavailable - GET https://registry.npmjs.org/left-pad", CICLASS_NETWORK, true},
	{"Could not transfer artifact org.x:y:pom:1.0 from/to central: status code: 502", CICLASS_NETWORK, true},
	{"npm ERR! code ECONNRESET", CICLASS_NETWORK, true},
	{"toomanyrequests: You have reached your pull rate limit.", CICLASS_NETWORK, true},
	{"ERROR: No matching distribution found for requestz==9.9", CICLASS_DEPENDENCY, false},
	{"npm ERR! code ERESOLVE", CICLASS_DEPENDENCY, false},
	{"[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project",
	 CICLASS_DEPENDENCY, false},
	{"remote: Permission to octo/app.git denied to github-actions[bot].", CICLASS_PERMISSION, false},
	{"Error: Resource not accessible by integration", CICLASS_PERMISSION, false},
	{"##[error]The job running on runner GitHub Actions 12 has exceeded the maximum execution time "
	 "of 360 minutes.", CICLASS_TIMEOUT, false},
	{"Error: Timeout of 2000ms exceeded.", CICLASS_TIMEOUT, false},
};

TEST(ciclass, every_class_from_a_made_up_line)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ciclass_match m;

		ciclass_line(&m, cases[i].line, strlen(cases[i].line));
		if (m.kind != cases[i].kind || m.infrastructure != cases[i].infra)
			fprintf(stderr, "  line %zu: '%s' -> %s (%s)\n", i, cases[i].line, ciclass_name(m.kind),
				m.rule ? m.rule : "no rule");
		ASSERT_STR_EQ(ciclass_name(m.kind), ciclass_name(cases[i].kind));
		ASSERT(m.infrastructure == cases[i].infra);
		ASSERT(m.rule != NULL);
	}
}

TEST(ciclass, plain_lines_are_no_failure)
{
	static const char *const plain[] = {
		"Run actions/checkout@v4", "Downloading https://repo.maven.apache.org/x.pom (3 kB)",
		"Tests run: 12, Failures: 0, Errors: 0, Skipped: 0", "0 failed, 12 passed",
		"##[group]Run npm ci", "",
	};

	for (size_t i = 0; i < ARRAY_SIZE(plain); i++) {
		struct ciclass_match m;

		ciclass_line(&m, plain[i], strlen(plain[i]));
		ASSERT_STR_EQ(ciclass_name(m.kind), "none");
		ASSERT(m.rule == NULL);
	}
}

TEST(ciclass, the_runner_outranks_the_code_and_the_code_the_network)
{
	const char *lost = "src/A.java:3: error: cannot find symbol\n"
			   "The runner has received a shutdown signal.\n";
	const char *code = "npm WARN retry 1 ECONNRESET\n"
			   "src/index.ts(3,10): error TS2304: Cannot find name 'foo'.\n";
	const char *maven = "[ERROR] Could not resolve dependencies for project a:b:1\n"
			    "Could not transfer artifact c:d:jar:2 from/to central: status code: 503\n";
	struct ciclass_match m;

	ciclass_text(&m, lost, strlen(lost));
	ASSERT_STR_EQ(ciclass_name(m.kind), "runner");
	ASSERT_INT_EQ(m.line, 2);
	ASSERT(m.infrastructure);
	ciclass_text(&m, code, strlen(code));
	ASSERT_STR_EQ(ciclass_name(m.kind), "compile");
	ASSERT(!m.infrastructure);
	ciclass_text(&m, maven, strlen(maven));
	ASSERT_STR_EQ(ciclass_name(m.kind), "network");
	ASSERT(m.infrastructure);
}

TEST(ciclass, the_first_of_equal_ranks_wins_and_length_is_respected)
{
	const char *text = "Found more than one migration with version 3\n"
			   "Found more than one migration with version 7\n";
	struct ciclass_match m;

	ciclass_text(&m, text, strlen(text));
	ASSERT_STR_EQ(m.rule, "flyway-duplicate-version");
	ASSERT_INT_EQ(m.line, 1);
	/* only the first 10 bytes count: nothing there */
	ciclass_text(&m, text, 10);
	ASSERT_STR_EQ(ciclass_name(m.kind), "none");
	ASSERT_INT_EQ(m.line, 0);
}

/* A formatter that reports in a compiler's diagnostic shape is a lint, not a compile error. */
TEST(ciclass, a_formatter_in_compiler_shape_is_lint)
{
	struct ciclass_match m;

	ciclass_line(&m, "src/net/pool.c:12:40: error: code should be clang-formatted [-Wclang-format-violations]", 86);
	ASSERT_INT_EQ(m.kind, CICLASS_LINT);
	ciclass_line(&m, "src/net/pool.c:12:40: error: use of undeclared identifier 'fd'", 60);
	ASSERT_INT_EQ(m.kind, CICLASS_COMPILE);
}

/* A CI job's digest says its class first; an application's log has none to say. */
TEST(ciclass, the_digest_of_a_ci_job_leads_with_its_class)
{
	static const char ci[] =
		"2026-03-01T10:00:00.0000000Z ##[group]Run go build ./...\n"
		"2026-03-01T10:00:01.0000000Z go build ./...\n"
		"2026-03-01T10:00:01.0000000Z ##[endgroup]\n"
		"2026-03-01T10:00:05.0000000Z ./cmd/api/main.go:14:2: undefined: mux\n"
		"2026-03-01T10:00:05.1000000Z ##[error]Process completed with exit code 1.\n";
	static const char app[] = "2026-03-01T10:00:05Z ERROR handler: undefined: mux\n";
	struct digest d = DIGEST_INIT;
	char lead[CICLASS_LEAD_MAX];

	ASSERT_OK(digest_buffer(&d, ci, strlen(ci)));
	ASSERT(ciclass_lead(lead, sizeof(lead), &d));
	ASSERT_CONTAINS(lead, "Failure class: compile");
	/* with the words that said so, on the line they were on */
	ASSERT_CONTAINS(lead, "on \"./cmd/api/main.go:14:2: undefined: mux\"");
	digest_release(&d);
	ASSERT_OK(digest_buffer(&d, app, strlen(app)));
	ASSERT(!ciclass_lead(lead, sizeof(lead), &d));
	digest_release(&d);
}

/* A long line quotes the words that matched and what comes just before them, not its head. */
TEST(ciclass, a_long_line_is_quoted_around_its_match)
{
	struct buf log = BUF_INIT;
	struct digest d = DIGEST_INIT;
	char lead[CICLASS_LEAD_MAX];
	const char *q;

	buf_puts(&log, "##[group]Run mvn -B package\n##[endgroup]\n");
	buf_puts(&log, "[ERROR] Failed to execute goal org.example:pack-plugin:1.2:pack (default) on "
		       "project shop-api: Execution failed:");
	for (int i = 0; i < 30; i++)
		buf_putf(&log, " /work/shop/module%d/target", i);
	buf_puts(&log, ": java.io.IOException: No space left on device\n");
	buf_puts(&log, "##[error]Process completed with exit code 1.\n");
	ASSERT_OK(digest_buffer(&d, log.ptr, log.len));
	ASSERT(ciclass_lead(lead, sizeof(lead), &d));
	ASSERT_CONTAINS(lead, "Failure class: runner (rule disk-full), on \"\xE2\x80\xA6");
	ASSERT_CONTAINS(lead, "java.io.IOException: No space left on device\": infrastructure");
	ASSERT_NOT_CONTAINS(lead, "Failed to execute goal");
	q = strstr(lead, "on \"");
	ASSERT(q && strlen(q) < 200);
	digest_release(&d);
	buf_release(&log);
}
