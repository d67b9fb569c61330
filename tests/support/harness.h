/*
 * harness.h - a tiny unit test harness (redis testhelp.h sized).
 *
 *   TEST(buf, grows_past_initial_size) { ... ASSERT(...); ... }
 *
 * defines test_buf__grows_past_initial_size and registers it at start-up, so a test file
 * needs no central list. `unit-tests [FILTER]` runs the tests whose name contains
 * FILTER and ends with "unit: N passed, N failed".
 */
#ifndef AIOPS_HARNESS_H
#define AIOPS_HARNESS_H

#include "common.h"
#include "util/buf.h"
#include "util/err.h"

typedef void (*harness_fn)(void);
typedef void (*harness_ctx_fn)(void *ctx);

void harness_register(const char *suite, const char *name, harness_fn fn);
/* Register a test at run time (one per data file, say); takes `name` and `ctx` (malloc'ed,
 * freed by the harness at exit). */
void harness_register_ctx(const char *suite, const char *name, harness_ctx_fn fn, void *ctx);
/*
 * Run a shell command (printf-style), capture its standard output and error into `out`
 * (may be NULL) and return its exit status (-1 when it could not run or was killed).
 */
ATTR_PRINTF(2, 3) int harness_run(struct buf *out, const char *fmt, ...);
/* The aiops-agent binary under test ($AIOPS_BIN, else build/asan/aiops-agent). */
const char *harness_bin(void);
ATTR_PRINTF(3, 4) void harness_fail(const char *file, int line, const char *fmt, ...);
/* A fresh empty directory for the running test (removed when it passes). */
const char *harness_tmpdir(void);
/* The repository root (tests run from it), for fixtures: harness_path("tests/fixtures/x"). */
const char *harness_root(void);

/*
 * The fake secrets a scenario planted in its inputs, as its secrets.txt lists them (one
 * per line, '#' comments): fixed literals, never derived from what the redactor finds.
 * A new NULL-terminated array (sys_free_list); empty when the file is missing.
 */
char **harness_planted_secrets(const char *scenario, size_t *count);

#define TEST(suite, name)                                                              \
	static void test_##suite##__##name(void);                                      \
	__attribute__((constructor)) static void register_##suite##__##name(void)      \
	{                                                                              \
		harness_register(#suite, #name, test_##suite##__##name);                \
	}                                                                              \
	static void test_##suite##__##name(void)

#define ASSERT(cond)                                                                   \
	do {                                                                           \
		if (!(cond)) {                                                         \
			harness_fail(__FILE__, __LINE__, "%s", #cond);                  \
			return;                                                        \
		}                                                                      \
	} while (0)

#define ASSERT_OK(expr)                                                                \
	do {                                                                           \
		int assert_ok_rc = (expr);                                             \
		if (assert_ok_rc < 0) {                                                \
			harness_fail(__FILE__, __LINE__, "%s returned %d: %s", #expr,   \
				     assert_ok_rc, err_last());                        \
			return;                                                        \
		}                                                                      \
	} while (0)

#define ASSERT_ERR(expr, code)                                                         \
	do {                                                                           \
		int assert_err_rc = (expr);                                            \
		if (assert_err_rc != (code)) {                                         \
			harness_fail(__FILE__, __LINE__, "%s returned %d, expected %d (%s)", \
				     #expr, assert_err_rc, (int)(code), err_last());     \
			return;                                                        \
		}                                                                      \
	} while (0)

#define ASSERT_INT_EQ(a, b)                                                            \
	do {                                                                           \
		long long assert_a = (long long)(a), assert_b = (long long)(b);         \
		if (assert_a != assert_b) {                                            \
			harness_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, \
				     assert_a, assert_b);                              \
			return;                                                        \
		}                                                                      \
	} while (0)

#define ASSERT_STR_EQ(a, b)                                                            \
	do {                                                                           \
		const char *assert_a = (a), *assert_b = (b);                           \
		if (!assert_a || !assert_b || strcmp(assert_a, assert_b)) {            \
			harness_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, \
				     #b, assert_a ? assert_a : "(null)",               \
				     assert_b ? assert_b : "(null)");                  \
			return;                                                        \
		}                                                                      \
	} while (0)

#define ASSERT_CONTAINS(hay, needle)                                                   \
	do {                                                                           \
		const char *assert_h = (hay), *assert_n = (needle);                    \
		if (!assert_h || !strstr(assert_h, assert_n)) {                        \
			harness_fail(__FILE__, __LINE__, "%s does not contain \"%s\"", #hay, \
				     assert_n);                                        \
			return;                                                        \
		}                                                                      \
	} while (0)

#define ASSERT_NOT_CONTAINS(hay, needle)                                               \
	do {                                                                           \
		const char *assert_h = (hay), *assert_n = (needle);                    \
		if (assert_h && strstr(assert_h, assert_n)) {                          \
			harness_fail(__FILE__, __LINE__, "%s contains \"%s\"", #hay,    \
				     assert_n);                                        \
			return;                                                        \
		}                                                                      \
	} while (0)

/* Change the environment the agent's modules see (settings.h takes a new snapshot). */
void test_setenv(const char *name, const char *value);
void test_unsetenv(const char *name);

/*
 * The start of a command line that runs the agent without the caller's GitHub, Actions,
 * model or proxy settings (a test run inside GitHub Actions behaves as one on a laptop;
 * each test sets what it needs after this) and without backoff waits.
 */
#define HARNESS_SCRUB                                                                          \
	"env -u GITHUB_WORKSPACE -u GITHUB_EVENT_PATH -u GITHUB_EVENT_NAME -u GITHUB_TOKEN "   \
	"-u GH_TOKEN -u GITHUB_APP_ID -u GITHUB_APP_PRIVATE_KEY -u GITHUB_APP_INSTALLATION_ID " \
	"-u GITHUB_RUN_ID -u GITHUB_RUN_ATTEMPT -u GITHUB_API_URL -u GITHUB_SERVER_URL "       \
	"-u GITHUB_REPOSITORY -u GITHUB_ACTIONS -u GITHUB_OUTPUT -u GITHUB_STEP_SUMMARY "       \
	"-u AIOPS_MODEL_URL -u AIOPS_MODEL_TOKEN -u AIOPS_TRACE -u AIOPS_BLAME_WINDOW_HOURS "   \
	"-u AIOPS_MAX_PROMPT_TOKENS -u https_proxy -u HTTPS_PROXY -u http_proxy -u all_proxy "  \
	"-u ALL_PROXY AIOPS_HTTP_BACKOFF_SCALE=0 "

#endif
