/*
 * In GitHub Actions each pipeline step's progress is folded into a log group: one
 * "::group::aiops-agent: <step>" per step, in order, each closed by "::endgroup::" before
 * the next opens and the last closed before the run's annotations; none outside Actions
 * or with --quiet.
 */
#include "common.h"
#include "harness.h"
#include "util/buf.h"
#include "util/sys.h"

#define ENV "env -u GITHUB_EVENT_PATH -u GITHUB_EVENT_NAME -u GITHUB_WORKSPACE -u GITHUB_TOKEN "

/*
 * The steps named by the "::group::" lines of `text`, space-separated, or NULL (and why on
 * stderr) when a group opens before the last closed or one is left open.
 */
static char *groups(const char *text)
{
	struct buf names = BUF_INIT;
	bool open = false;

	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);

		if (!strncmp(line, "::group::aiops-agent: ", 22)) {
			if (open) {
				fprintf(stderr, "    a group opens inside another: %.*s\n", (int)n, line);
				goto bad;
			}
			buf_putf(&names, "%s%.*s", names.len ? " " : "", (int)(n - 22), line + 22);
			open = true;
		} else if (!strncmp(line, "::endgroup::", 12)) {
			if (!open) {
				fprintf(stderr, "    ::endgroup:: with no group open\n");
				goto bad;
			}
			open = false;
		} else if (open && !strncmp(line, "::warning", 9)) {
			fprintf(stderr, "    an annotation inside a group: %.*s\n", (int)n, line);
			goto bad;
		}
		line = nl ? nl + 1 : NULL;
	}
	if (open) {
		fprintf(stderr, "    the last group is left open\n");
		goto bad;
	}
	return buf_detach(&names);
bad:
	buf_release(&names);
	return NULL;
}

static int run(struct buf *err, const char *env, const char *args)
{
	char *file = xasprintf("%s/stderr-%zu", harness_tmpdir(), (size_t)strlen(args));
	int status = harness_run(NULL, ENV "%s '%s' respond %s --out '%s/o' >/dev/null 2>'%s'", env,
				 harness_bin(), args, harness_tmpdir(), file);

	buf_reset(err);
	if (sys_read_file(err, file, 1 << 20) < 0)
		err_clear();
	free(file);
	return status;
}

TEST(actions_groups, one_group_per_step_in_order)
{
	struct buf err = BUF_INIT;
	char *names;

	ASSERT_INT_EQ(run(&err, "GITHUB_ACTIONS=true GITHUB_OUTPUT=/dev/null GITHUB_STEP_SUMMARY=/dev/null",
			  "--scenario scenario-1-oom-cache --offline"), 0);
	ASSERT((names = groups(err.ptr)) != NULL);
	ASSERT_STR_EQ(names, "load evidence diagnose plan publish");
	ASSERT_CONTAINS(err.ptr, "::group::aiops-agent: evidence\naiops-agent: digesting logs\n");
	free(names);
	buf_release(&err);
}

TEST(actions_groups, a_resolved_alert_is_load_then_lifecycle)
{
	struct buf err = BUF_INIT;
	char *names, *args = xasprintf("--alert '%s/tests/fixtures/alerts/alertmanager.04-resolved-warning-group.body.json' "
				       "--offline", harness_root());

	ASSERT(run(&err, "GITHUB_ACTIONS=true GITHUB_OUTPUT=/dev/null GITHUB_STEP_SUMMARY=/dev/null", args) <= 1);
	ASSERT((names = groups(err.ptr)) != NULL);
	ASSERT_STR_EQ(names, "load lifecycle");
	free(names);
	free(args);
	buf_release(&err);
}

TEST(actions_groups, none_outside_actions_or_quiet)
{
	struct buf err = BUF_INIT;

	ASSERT_INT_EQ(run(&err, "-u GITHUB_ACTIONS", "--scenario scenario-1-oom-cache --offline"), 0);
	ASSERT(!strstr(err.ptr, "::group::") && !strstr(err.ptr, "::endgroup::"));
	ASSERT_CONTAINS(err.ptr, "aiops-agent: digesting logs");
	ASSERT_INT_EQ(run(&err, "GITHUB_ACTIONS=true GITHUB_OUTPUT=/dev/null GITHUB_STEP_SUMMARY=/dev/null",
			  "--scenario scenario-1-oom-cache --offline --quiet"), 0);
	ASSERT(!strstr(err.ptr, "::group::") && !strstr(err.ptr, "::endgroup::"));
	buf_release(&err);
}
