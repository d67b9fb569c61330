/*
 * The command line as a user meets it: help, version, exit codes, and bad input that must
 * end in a one-line message, a defined exit status and no half-written output.
 */
#include "common.h"
#include "harness.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#define SCENARIO "incidents/scenario-1-oom-cache"

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static size_t lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* A copy of the scenario in the sandbox, to break one part of it. */
static char *copy_scenario(void)
{
	char *dir = sys_path_join(harness_tmpdir(), "scenario");

	if (sys_copy_tree(SCENARIO, dir) < 0)
		return NULL;
	return dir;
}

TEST(cli, version_and_help)
{
	struct buf out = BUF_INIT;

	ASSERT_INT_EQ(harness_run(&out, "'%s' version", harness_bin()), 0);
	ASSERT_CONTAINS(out.ptr, "aiops-agent ");
	const char *commands[] = {"respond", "replay", "apply", "adapt", "digest", "version", "help"};

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		buf_reset(&out);
		ASSERT_INT_EQ(harness_run(&out, "'%s' %s --help", harness_bin(), commands[i]), 0);
		ASSERT_CONTAINS(out.ptr, "usage: aiops-agent");
	}
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' help replay", harness_bin()), 0);
	ASSERT_CONTAINS(out.ptr, "usage: aiops-agent replay");
	buf_release(&out);
}

/* An error message that quotes what failed (a path, here) is redacted like any output. */
TEST(cli, error_messages_are_redacted)
{
	struct buf out = BUF_INIT;

	ASSERT_INT_EQ(harness_run(&out, "'%s' adapt auto '/nonexistent/ghp_0123456789abcdefghijABCDEFGHIJ012345.json' 2>&1",
				  harness_bin()), 2);
	ASSERT_CONTAINS(out.ptr, "ghp_[REDACTED]");
	ASSERT_NOT_CONTAINS(out.ptr, "0123456789abcdefghijABCDEFGHIJ012345");
	buf_release(&out);
}

TEST(cli, usage_errors_exit_2)
{
	struct buf out = BUF_INIT;

	ASSERT_INT_EQ(harness_run(&out, "'%s' frobnicate", harness_bin()), 2);
	ASSERT_CONTAINS(out.ptr, "unknown command 'frobnicate'");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay --bogus x", harness_bin()), 2);
	ASSERT_CONTAINS(out.ptr, "unknown option '--bogus'");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay", harness_bin()), 2);
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay no-such-scenario", harness_bin()), 2);
	ASSERT_CONTAINS(out.ptr, "no-such-scenario");
	buf_reset(&out);
	/* no recorded GitHub state and no live GitHub yet: a clear refusal */
	ASSERT_INT_EQ(harness_run(&out, "'%s' respond --alert " SCENARIO "/alert.json", harness_bin()), 2);
	ASSERT_CONTAINS(out.ptr, "--offline");
	buf_release(&out);
}

static void expect_bad_alert(const char *content, const char *message)
{
	char *dir = copy_scenario();
	char *alert = sys_path_join(dir, "alert.json");
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf out = BUF_INIT;

	ASSERT(dir != NULL);
	if (content)
		ASSERT_OK(sys_write_file(alert, content, strlen(content)));
	else
		ASSERT(unlink(alert) == 0);
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay '%s' --out '%s' --quiet", harness_bin(), dir,
				  out_dir), 2);
	ASSERT_CONTAINS(out.ptr, message);
	ASSERT_CONTAINS(out.ptr, "alert.json");
	ASSERT_INT_EQ(lines(out.ptr), 1);
	ASSERT_INT_EQ(entries(out_dir), 0);
	buf_release(&out);
	free(dir);
	free(alert);
	free(out_dir);
}

TEST(cli, missing_alert_exit_2)
{
	expect_bad_alert(NULL, "no such file");
}

TEST(cli, malformed_alert_names_line)
{
	expect_bad_alert("{\n  \"title\": \"x\",\n  \"severity\": \n", "line 4");
}

TEST(cli, unknown_alert_format)
{
	expect_bad_alert("{\"hello\": \"world\"}", "unknown alert format");
}

TEST(cli, alert_field_of_wrong_type_is_named)
{
	expect_bad_alert("{\"title\": \"t\", \"severity\": 1, \"service\": \"s\", "
			 "\"timestamp\": \"2026-01-01T00:00:00Z\"}", "severity");
}

TEST(cli, unwritable_out_exit_2)
{
	char *file = sys_path_join(harness_tmpdir(), "a-file");
	struct buf out = BUF_INIT;

	ASSERT_OK(sys_write_file(file, "x", 1));
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay " SCENARIO " --out '%s/out' --quiet", harness_bin(), file), 2);
	ASSERT_CONTAINS(out.ptr, "cannot write to the output folder");
	ASSERT_INT_EQ(lines(out.ptr), 1);
	buf_release(&out);
	free(file);
}

TEST(cli, binary_logs_still_work)
{
	char *dir = copy_scenario();
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf out = BUF_INIT;
	json_t *res = NULL;

	ASSERT(dir != NULL);
	ASSERT_INT_EQ(harness_run(NULL, "head -c 2000000 /dev/urandom > '%s/logs.txt'", dir), 0);
	ASSERT(harness_run(&out, "'%s' replay '%s' --out '%s' --json 2>/dev/null", harness_bin(), dir,
			   out_dir) <= 1);
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "stdout"));
	ASSERT(jsonx_str(res, "incident_id") != NULL);
	json_decref(res);
	buf_release(&out);
	free(dir);
	free(out_dir);
}

TEST(cli, large_logs_bounded)
{
	char *dir = copy_scenario();
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf out = BUF_INIT;

	ASSERT(dir != NULL);
	/* 64 MiB of repetitive lines plus the real logs: streamed, never held whole. */
	ASSERT_INT_EQ(harness_run(NULL, "cd '%s' && { yes '2026-11-18T03:00:00Z INFO heartbeat ok "
				  "latency=12ms' | head -c 67108864; cat logs.txt; } > big && mv big logs.txt",
				  dir), 0);
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay '%s' --out '%s' --quiet", harness_bin(), dir,
				  out_dir), 0);
	buf_release(&out);
	free(dir);
	free(out_dir);
}

TEST(cli, no_github_folder_says_so)
{
	char *dir = copy_scenario();
	char *github = dir ? sys_path_join(dir, "github") : NULL;
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf out = BUF_INIT;
	json_t *res = NULL;

	ASSERT(dir != NULL);
	ASSERT_OK(sys_remove_tree(github));
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay '%s' --out '%s' --json 2>/dev/null", harness_bin(),
				  dir, out_dir), 1);
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "stdout"));
	ASSERT(json_is_null(json_object_get(res, "blame_pr")));
	ASSERT_CONTAINS(json_string_value(json_array_get(json_object_get(res, "degraded"), 0)),
			"no recorded GitHub state");
	json_decref(res);
	buf_release(&out);
	free(github);
	free(dir);
	free(out_dir);
}

/*
 * A policy that allows only escalation: the planned fix is refused, the incident still
 * gets its issue with the diagnosis and the refused plan; nothing is committed, no pull
 * request, no dispatch; exit 4.
 */
TEST(cli, policy_refusal_exit_4_opens_the_issue_only)
{
	char *policy = sys_path_join(harness_tmpdir(), "policy.yml");
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	const char *yaml = "allowed_remediations:\n  - escalation\n";
	struct buf out = BUF_INIT, err = BUF_INIT, issue = BUF_INIT;
	char *errfile = sys_path_join(harness_tmpdir(), "err"), *issue_path;
	json_t *res = NULL;

	ASSERT_OK(sys_write_file(policy, yaml, strlen(yaml)));
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay " SCENARIO " --policy '%s' --out '%s' --quiet --json 2>'%s'",
				  harness_bin(), policy, out_dir, errfile), 4);
	ASSERT_OK(sys_read_file(&err, errfile, 1 << 20));
	ASSERT_CONTAINS(err.ptr, "refused by the safety policy");
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "the result"));
	ASSERT_STR_EQ(jsonx_str(res, "remediation_type"), "escalation");
	ASSERT(jsonx_int(res, "blame_pr", 0) > 0); /* the diagnosis stands */
	ASSERT(json_is_null(json_object_get(res, "commit")) && json_is_null(json_object_get(res, "knowledge_commit")));
	ASSERT(json_is_null(json_object_get(res, "pull_request")));
	ASSERT_CONTAINS(json_string_value(json_array_get(json_object_get(res, "degraded"), 0)),
			"only the issue is opened");
	issue_path = xasprintf("%s/%s/issue.md", out_dir, jsonx_str(res, "incident_id"));
	ASSERT_OK(sys_read_file(&issue, issue_path, 1 << 20));
	ASSERT_CONTAINS(issue.ptr, "was refused by the safety policy");
	json_decref(res);
	buf_release(&out);
	buf_release(&err);
	buf_release(&issue);
	free(issue_path);
	free(errfile);
	free(policy);
	free(out_dir);
}

TEST(cli, rerun_replaces_output)
{
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf a = BUF_INIT, b = BUF_INIT;
	json_t *ra = NULL, *rb = NULL;

	ASSERT_INT_EQ(harness_run(&a, "'%s' replay " SCENARIO " --out '%s' --json 2>/dev/null",
				  harness_bin(), out_dir), 0);
	ASSERT_INT_EQ(harness_run(&b, "'%s' replay " SCENARIO " --out '%s' --json 2>/dev/null",
				  harness_bin(), out_dir), 0);
	ASSERT_OK(jsonx_parse(&ra, a.ptr, a.len, "first"));
	ASSERT_OK(jsonx_parse(&rb, b.ptr, b.len, "second"));
	ASSERT_STR_EQ(jsonx_str(ra, "incident_id"), jsonx_str(rb, "incident_id"));
	ASSERT_STR_EQ(jsonx_str(ra, "branch"), jsonx_str(rb, "branch"));
	ASSERT_INT_EQ(entries(out_dir), 1);
	json_decref(ra);
	json_decref(rb);
	buf_release(&a);
	buf_release(&b);
	free(out_dir);
}

TEST(cli, adapt_prints_normalized_alert)
{
	struct buf out = BUF_INIT;
	json_t *v = NULL;

	ASSERT_INT_EQ(harness_run(&out, "'%s' adapt auto " SCENARIO "/alert.json", harness_bin()), 0);
	ASSERT_OK(jsonx_parse(&v, out.ptr, out.len, "stdout"));
	ASSERT(jsonx_str(v, "fingerprint") != NULL);
	ASSERT_INT_EQ(strlen(jsonx_str(v, "fingerprint")), 64);
	json_decref(v);
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' adapt alertmanager " SCENARIO "/alert.json", harness_bin()), 2);
	ASSERT_CONTAINS(out.ptr, "not alertmanager");
	buf_release(&out);
}

TEST(cli, digest_command_redacts)
{
	char *log = sys_path_join(harness_tmpdir(), "app.log");
	const char *text = "2026-11-18T03:00:00Z ERROR login failed token=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n"
			   "2026-11-18T03:00:01Z ERROR login failed token=ghp_bbcdefghijklmnopqrstuvwxyz0123456789\n";
	struct buf out = BUF_INIT;

	ASSERT_OK(sys_write_file(log, text, strlen(text)));
	ASSERT_INT_EQ(harness_run(&out, "'%s' digest '%s'", harness_bin(), log), 0);
	ASSERT_NOT_CONTAINS(out.ptr, "ghp_abc");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' digest --json '%s'", harness_bin(), log), 0);
	ASSERT_NOT_CONTAINS(out.ptr, "ghp_abc");
	ASSERT_CONTAINS(out.ptr, "\"error_lines\": 2");
	buf_release(&out);
	free(log);
}

/* A partly resolved Alertmanager group: the issue lists which alerts resolved and how many were cut. */
TEST(cli, a_partly_resolved_group_says_which_alerts_resolved)
{
	char *src = xasprintf("%s/tests/fixtures/alerts/alertmanager.02-firing-critical-group-3alerts.body.json",
			      harness_root());
	char *alert = sys_path_join(harness_tmpdir(), "group.json"), *out_dir = sys_path_join(harness_tmpdir(), "out");
	char *issue_path = NULL;
	struct buf out = BUF_INIT, issue = BUF_INIT;
	json_t *a = NULL, *res = NULL;

	ASSERT_OK(jsonx_load_file(&a, src, 1 << 20));
	json_object_set_new(json_array_get(json_object_get(a, "alerts"), 1), "status", json_string("resolved"));
	json_object_set_new(a, "truncatedAlerts", json_integer(2));
	ASSERT_OK(jsonx_write_file(alert, a));
	ASSERT_INT_EQ(harness_run(&out, "'%s' respond --alert '%s' --logs '%s/" SCENARIO "/logs.txt' "
				  "--github '%s/" SCENARIO "/github' --offline --out '%s' --json 2>/dev/null",
				  harness_bin(), alert, harness_root(), harness_root(), out_dir) <= 1, 1);
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "the result"));
	issue_path = xasprintf("%s/%s/issue.md", out_dir, jsonx_str(res, "incident_id"));
	ASSERT_OK(sys_read_file(&issue, issue_path, 1 << 20));
	ASSERT_CONTAINS(issue.ptr, "## Alerts in the group");
	ASSERT_CONTAINS(issue.ptr, "3 alerts, 2 firing, 1 resolved; 2 more left out by the sender");
	json_decref(a);
	json_decref(res);
	buf_release(&out);
	buf_release(&issue);
	free(issue_path);
	free(src);
	free(alert);
	free(out_dir);
}

/* A killed run's hidden work folder is removed by the next run once it is an hour old. */
TEST(cli, stale_work_folders_of_killed_runs_are_swept)
{
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	char *old = xasprintf("%s/.INC-1.tmp-abc123", out_dir), *young = xasprintf("%s/.INC-2.tmp-def456", out_dir);
	struct buf out = BUF_INIT;
	struct utimbuf ago = {time(NULL) - 7200, time(NULL) - 7200};

	ASSERT_OK(sys_mkdir_p(old, 0755));
	ASSERT_OK(sys_mkdir_p(young, 0755));
	ASSERT_INT_EQ(utime(old, &ago), 0);
	ASSERT_INT_EQ(harness_run(&out, "'%s' replay " SCENARIO " --out '%s' --quiet 2>/dev/null", harness_bin(),
				  out_dir), 0);
	ASSERT(!sys_is_dir(old));
	ASSERT(sys_is_dir(young)); /* it may belong to a run going on now */
	buf_release(&out);
	free(out_dir);
	free(old);
	free(young);
}

/*
 * An infrastructure action with the service's manifests in the repository: the dispatch,
 * and the same change in the manifest on a branch (one line, in place, the rest kept).
 */
TEST(cli, an_infrastructure_action_changes_the_manifest_too)
{
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf out = BUF_INIT, numstat = BUF_INIT;
	json_t *res = NULL;
	const char *branch;

	ASSERT_INT_EQ(harness_run(&out, "'%s' replay incidents/scenario-6-k8s-pod-crashloop --out '%s' --json "
				  "2>/dev/null", harness_bin(), out_dir), 0);
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "the result"));
	ASSERT_STR_EQ(jsonx_str(res, "remediation_type"), "infrastructure_action");
	ASSERT(json_object_get(res, "dispatch") && !json_is_null(json_object_get(res, "dispatch")));
	ASSERT((branch = jsonx_str(res, "branch")) != NULL);
	ASSERT_INT_EQ(harness_run(&numstat, "git -C '%s/%s/sandbox' diff --numstat '%s~1' '%s'", out_dir,
				  jsonx_str(res, "incident_id"), branch, branch), 0);
	ASSERT_STR_EQ(numstat.ptr, "1\t1\tdeploy/k8s/hpa.yaml\n");
	json_decref(res);
	buf_release(&out);
	buf_release(&numstat);
	free(out_dir);
}
