/*
 * An alert storm as the relays deliver it: 5 alerts of 4 formats (native, Azure Monitor
 * metric and budget, Alertmanager, Grafana), each delivered 4 times, as 20
 * repository_dispatch events ({fingerprint, alert[, logs]} in client_payload, the
 * event_type of its format) handled by 20 `respond` processes at once against one GitHub
 * double (live mode, the offline engine). No concurrency group serializes them here, as
 * none would if the workflow's key were missing: the agent itself must keep one incident
 * one issue.
 *
 * Asserted: every run exits 0 and reports its incident's issue (no lost run); exactly 5
 * issues, one per fingerprint, each named by its 4 deliveries; each issue's other 3
 * deliveries said so in one "Recurred at" comment each; no contract violation.
 */
#include "common.h"
#include "harness.h"
#include "github_double.h"
#include "util/jsonx.h"
#include "util/sys.h"

#define TOKEN "ghs_alertStormToken0123456789abcdefABCDEF"
#define SEED "scenario-1-oom-cache"
#define DELIVERIES 4

/* Variables of a GitHub Actions job that must not leak into the runs under test. */
#define SCRUB HARNESS_SCRUB "AIOPS_GITHUB_TIMEOUT=10 AIOPS_ISSUE_WAIT_SECONDS=60 "

static const struct {
	const char *event_type;
	const char *alert;  /* under the repository root */
	const char *logs;   /* inlined as client_payload.logs, or NULL */
} storm[] = {
	{"incident", "incidents/" SEED "/alert.json", "incidents/" SEED "/logs.txt"},
	{"azure-monitor-alert", "tests/fixtures/alerts/azure-monitor.29.test-action.metric-static-threshold.full.json", NULL},
	{"azure-monitor-alert", "tests/fixtures/alerts/azure-monitor.32.test-action.budget.full.json", NULL},
	{"alertmanager-alert", "tests/fixtures/alerts/alertmanager.01-firing-warning-group-2alerts.body.json", NULL},
	{"grafana-alert", "tests/fixtures/alerts/grafana.01-firing-group-2alerts.docs.json", NULL},
};

#define ALERTS ARRAY_SIZE(storm)
#define RUNS (ALERTS * DELIVERIES)

/* The repository_dispatch event a relay's POST /dispatches gives rise to. */
static int write_event(const char *path, size_t k)
{
	json_t *alert = NULL, *payload, *event;
	struct buf logs = BUF_INIT;
	char *file = sys_path_join(harness_root(), storm[k].alert), *fp = xasprintf("storm-%zu", k);
	int error;

	if ((error = jsonx_load_file(&alert, file, ALERT_FILE_MAX)) < 0)
		goto done;
	payload = json_pack("{s:s, s:o}", "fingerprint", fp, "alert", alert);
	if (storm[k].logs) {
		char *lp = sys_path_join(harness_root(), storm[k].logs);

		error = sys_read_file(&logs, lp, 1 << 20);
		free(lp);
		if (error < 0) {
			json_decref(payload);
			goto done;
		}
		json_object_set_new(payload, "logs", json_string(logs.ptr));
	}
	event = json_pack("{s:s, s:o}", "action", storm[k].event_type, "client_payload", payload);
	error = jsonx_write_file(path, event);
	json_decref(event);
done:
	buf_release(&logs);
	free(file);
	free(fp);
	return error;
}

static size_t comments_on(json_t *state, long long issue, const char *needle)
{
	json_t *c;
	size_t i, n = 0;

	json_array_foreach(json_object_get(state, "comments"), i, c)
		n += jsonx_int(c, "issue", 0) == issue && jsonx_str(c, "body") && strstr(jsonx_str(c, "body"), needle);
	return n;
}

/* Run i's exit status, its result (new ref) or NULL; says why on stderr when it failed. */
static int collect(json_t **res, const char *dir, size_t i)
{
	struct buf text = BUF_INIT;
	char *p = xasprintf("%s/rc%zu", dir, i);
	int status = -1;

	*res = NULL;
	if (sys_read_file(&text, p, 64) == 0)
		status = (int)strtol(text.ptr, NULL, 10);
	free(p);
	p = xasprintf("%s/r%zu.json", dir, i);
	if (jsonx_load_file(res, p, ALERT_FILE_MAX) < 0 || status != 0) {
		free(p);
		p = xasprintf("%s/e%zu.txt", dir, i);
		buf_reset(&text);
		sys_read_file(&text, p, 1 << 16);
		fprintf(stderr, "    delivery %zu (alert %zu) exit %d: %.1500s\n", i, i % ALERTS, status,
			text.ptr ? text.ptr : "");
	}
	err_clear();
	free(p);
	buf_release(&text);
	return status;
}

TEST(alert_storm, twenty_deliveries_of_five_alerts_open_five_issues)
{
	struct gh_double d;
	struct buf script = BUF_INIT, out = BUF_INIT;
	const char *dir = harness_tmpdir();
	char *seed = xasprintf("%s/incidents/%s", harness_root(), SEED);
	const char *args[] = {"--scenario", seed, "--token", TOKEN, "--workflow", "infra-remediation.yml", NULL};
	json_t *res[RUNS] = {0}, *state = NULL, *issues;
	long long issue_of[ALERTS] = {0};
	size_t lost = 0;

	ASSERT_OK(gh_double_up(&d, args));
	for (size_t k = 0; k < ALERTS; k++) {
		char *path = xasprintf("%s/event-%zu.json", dir, k);

		ASSERT_OK(write_event(path, k));
		free(path);
	}
	/* delivery i carries alert i % 5: the four deliveries of one alert are spread out */
	for (size_t i = 0; i < RUNS; i++)
		buf_putf(&script, "(" SCRUB "GITHUB_EVENT_NAME=repository_dispatch GITHUB_EVENT_PATH='%s/event-%zu.json' "
			 "GITHUB_API_URL='%s' GITHUB_SERVER_URL='%s' GITHUB_REPOSITORY='%s' GITHUB_TOKEN='%s' "
			 "'%s' respond --engine offline --quiet --json --out '%s/out-%zu' > '%s/r%zu.json' "
			 "2> '%s/e%zu.txt'; echo $? > '%s/rc%zu') &\n", dir, i % ALERTS, d.url, d.url,
			 d.repository, TOKEN, harness_bin(), dir, i, dir, i, dir, i, dir, i);
	buf_puts(&script, "wait\n");
	ASSERT_INT_EQ(harness_run(&out, "%s", script.ptr), 0);
	for (size_t i = 0; i < RUNS; i++) {
		long long n;

		if (collect(&res[i], dir, i) != 0 || !res[i] || (n = jsonx_int(res[i], "issue.number", 0)) <= 0) {
			lost++;
			continue;
		}
		if (!issue_of[i % ALERTS])
			issue_of[i % ALERTS] = n;
		else if (issue_of[i % ALERTS] != n)
			fprintf(stderr, "    alert %zu: deliveries report issues #%lld and #%lld\n", i % ALERTS,
				issue_of[i % ALERTS], n), lost++;
	}
	ASSERT_INT_EQ(lost, 0);
	state = gh_double_state(&d);
	issues = json_object_get(state, "issues");
	ASSERT_INT_EQ(json_array_size(issues), ALERTS);
	for (size_t k = 0; k < ALERTS; k++) {
		char *marker = xasprintf("aiops-fingerprint: %s", jsonx_str(res[k], "fingerprint"));
		json_t *issue;
		size_t n = 0, j;

		json_array_foreach(issues, j, issue)
			n += strstr(jsonx_str(issue, "body"), marker) ? 1 : 0;
		free(marker);
		ASSERT_INT_EQ(n, 1);
		ASSERT_INT_EQ(comments_on(state, issue_of[k], "Recurred at"), DELIVERIES - 1);
	}
	/* the budget alert's issue speaks of money (report_cost.h), not of a failure */
	{
		json_t *issue;
		size_t j;

		json_array_foreach(issues, j, issue)
			if (jsonx_int(issue, "number", 0) == issue_of[2]) {
				ASSERT_CONTAINS(jsonx_str(issue, "body"), "\n## Cost\n");
				ASSERT_CONTAINS(jsonx_str(issue, "body"), "\n## Next steps\n");
				ASSERT(!strstr(jsonx_str(issue, "body"), "## Escalation path"));
			}
	}
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	for (size_t i = 0; i < RUNS; i++)
		json_decref(res[i]);
	buf_release(&script);
	buf_release(&out);
	free(seed);
	gh_double_down(&d);
}
