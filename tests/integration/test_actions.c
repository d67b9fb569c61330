/*
 * What a run gives back to GitHub Actions: outputs (with delimiters no value can end),
 * the job summary, annotations and masks, written whatever the run's status, and
 * nothing at all outside Actions.
 */
#include "common.h"
#include "harness.h"
#include "util/buf.h"
#include "util/jsonx.h"
#include "util/sys.h"

#define TOKEN "ghs_actionsTestToken0123456789abcdefABCD"
#define ENV "env -u GITHUB_EVENT_PATH -u GITHUB_EVENT_NAME -u GITHUB_WORKSPACE GITHUB_ACTIONS=true "

/* The value of output `name` in a GITHUB_OUTPUT file (name<<DELIM, lines, DELIM), or NULL. */
static char *output(const char *text, const char *name)
{
	char *head = xasprintf("%s<<", name), *value = NULL;
	const char *p = strstr(text, head);

	if (p && (p == text || p[-1] == '\n')) {
		const char *d = p + strlen(head), *nl = strchr(d, '\n'), *end;
		char *delim = nl ? xasprintf("\n%.*s\n", (int)(nl - d), d) : NULL;

		if (delim && (end = strstr(nl, delim)))
			value = xstrndup(nl + 1, end > nl ? (size_t)(end - nl - 1) : 0);
		else if (delim && !strncmp(nl + 1, delim + 1, strlen(delim + 1)))
			value = xstrdup(""); /* an empty value: the delimiter follows at once */
		free(delim);
	}
	free(head);
	return value;
}

static void slurp_or_empty(struct buf *b, const char *path)
{
	if (sys_read_file(b, path, 1 << 20) < 0)
		err_clear();
}

TEST(actions, a_run_gives_outputs_a_summary_and_masks)
{
	char *dir = xasprintf("%s/gha", harness_tmpdir()), *out_file = xasprintf("%s/output", dir);
	char *sum_file = xasprintf("%s/summary", dir), *err_file = xasprintf("%s/err", dir), *v;
	struct buf out = BUF_INIT, text = BUF_INIT, sum = BUF_INIT, err = BUF_INIT;

	ASSERT_OK(sys_mkdir_p(dir, 0755));
	ASSERT_INT_EQ(harness_run(&out, ENV "GITHUB_OUTPUT='%s' GITHUB_STEP_SUMMARY='%s' GITHUB_TOKEN=" TOKEN
				  " '%s' respond --scenario scenario-1-oom-cache --offline --out '%s/o' --quiet 2>'%s'",
				  out_file, sum_file, harness_bin(), dir, err_file), 0);
	slurp_or_empty(&text, out_file);
	slurp_or_empty(&sum, sum_file);
	slurp_or_empty(&err, err_file);
	ASSERT((v = output(text.ptr, "blame-pr")) && !strcmp(v, "214"));
	free(v);
	ASSERT((v = output(text.ptr, "remediation-type")) && !strcmp(v, "code_fix"));
	free(v);
	ASSERT((v = output(text.ptr, "status")) && !strcmp(v, "0"));
	free(v);
	ASSERT((v = output(text.ptr, "result")) && sys_is_dir(v));
	free(v);
	ASSERT((v = output(text.ptr, "incident-id")) && !strncmp(v, "INC-", 4));
	free(v);
	ASSERT_CONTAINS(sum.ptr, "## aiops-agent: INC-");
	ASSERT_CONTAINS(sum.ptr, "| blamed pull request | #214 (confidence ");
	ASSERT_CONTAINS(sum.ptr, "**Evidence:** ");
	ASSERT_CONTAINS(err.ptr, "::add-mask::" TOKEN);
	buf_release(&out);
	buf_release(&text);
	buf_release(&sum);
	buf_release(&err);
	free(dir);
	free(out_file);
	free(sum_file);
	free(err_file);
}

TEST(actions, a_failed_run_still_says_so)
{
	char *dir = xasprintf("%s/gha-fail", harness_tmpdir()), *out_file = xasprintf("%s/output", dir);
	char *sum_file = xasprintf("%s/summary", dir), *err_file = xasprintf("%s/err", dir);
	char *alert = xasprintf("%s/bad.json", dir), *v;
	struct buf out = BUF_INIT, text = BUF_INIT, sum = BUF_INIT, err = BUF_INIT;

	ASSERT_OK(sys_mkdir_p(dir, 0755));
	ASSERT_OK(sys_write_file(alert, "{\"not\": \"an alert\"}", 19));
	ASSERT_INT_EQ(harness_run(&out, ENV "GITHUB_OUTPUT='%s' GITHUB_STEP_SUMMARY='%s' '%s' respond --alert '%s' "
				  "--offline --out '%s/o' --quiet 2>'%s'", out_file, sum_file, harness_bin(), alert,
				  dir, err_file), 2);
	slurp_or_empty(&text, out_file);
	slurp_or_empty(&sum, sum_file);
	slurp_or_empty(&err, err_file);
	ASSERT((v = output(text.ptr, "status")) && !strcmp(v, "2"));
	free(v);
	ASSERT((v = output(text.ptr, "incident-id")) && !*v);
	free(v);
	ASSERT_CONTAINS(sum.ptr, "The run stopped before a diagnosis (exit 2)");
	ASSERT_CONTAINS(err.ptr, "::error title=aiops-agent::");
	buf_release(&out);
	buf_release(&text);
	buf_release(&sum);
	buf_release(&err);
	free(dir);
	free(out_file);
	free(sum_file);
	free(err_file);
	free(alert);
}

TEST(actions, outside_actions_nothing_is_written)
{
	char *dir = xasprintf("%s/no-gha", harness_tmpdir()), *out_file = xasprintf("%s/output", dir);
	struct buf out = BUF_INIT;

	ASSERT_OK(sys_mkdir_p(dir, 0755));
	ASSERT_INT_EQ(harness_run(&out, "env -u GITHUB_ACTIONS -u GITHUB_EVENT_PATH GITHUB_OUTPUT='%s' '%s' respond "
				  "--scenario scenario-1-oom-cache --offline --out '%s/o' --quiet 2>/dev/null",
				  out_file, harness_bin(), dir), 0);
	ASSERT(!sys_is_file(out_file));
	buf_release(&out);
	free(dir);
	free(out_file);
}
