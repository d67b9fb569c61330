/*
 * Unit tests of the alert rules on made-up incidents: which metrics exist comes from
 * the evidence (report_platform), shares and quantiles over windows, graded severities,
 * a single rejected request never firing, the promtool tests from the incident's own
 * numbers, and Azure Monitor metric alerts for a service Azure Monitor watches.
 */
#include "common.h"
#include "harness.h"
#include "core/artifacts.h"
#include "core/report_platform.h"
#include "core/report_promtest.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <sys/wait.h>
#include <unistd.h>

struct world {
	struct incident inc;
	struct evidence ev;
	struct diagnosis dx;
};

/* An incident of service "ledger-svc" with `log` as its logs and `signal` diagnosed. */
static void world_init(struct world *w, const char *source, int severity, const char *log,
		       const char *signal)
{
	memset(w, 0, sizeof(*w));
	w->inc.format = INCIDENT_NATIVE;
	w->inc.id = xstrdup("INC-20310101-0badcafe");
	w->inc.fingerprint = xstrdup("0badcafe");
	w->inc.title = xstrdup("ledger errors");
	w->inc.description = xstrdup("");
	w->inc.service = xstrdup("ledger-svc");
	w->inc.environment = xstrdup("production");
	w->inc.source = xstrdup(source);
	w->inc.rule = xstrdup("LedgerErrors");
	w->inc.status = xstrdup("firing");
	w->inc.severity = severity;
	w->inc.fired_at = 1924992000;
	w->inc.metrics = json_object();
	w->inc.labels = json_object();
	w->ev.inc = &w->inc;
	(void)digest_buffer(&w->ev.digest, log, strlen(log));
	w->ev.have_logs = true;
	w->ev.default_branch = xstrdup("trunk");
	w->ev.repo_url = xstrdup("https://github.example/acme/ledger");
	w->dx.engine = "offline";
	w->dx.category = CATEGORY_APPLICATION;
	w->dx.remediation = REMEDIATION_ESCALATION;
	w->dx.summary = xstrdup("ledger fails");
	if (signal) {
		w->dx.nsignals = 1;
		w->dx.signals = xcalloc(1, sizeof(struct signal));
		w->dx.signals[0].name = signal;
		w->dx.signals[0].count = 3;
	}
}

static void world_release(struct world *w)
{
	diagnosis_release(&w->dx);
	evidence_release(&w->ev);
	incident_release(&w->inc);
}

static const char python_log[] =
	"2031-01-01T10:00:00Z INFO uvicorn running\n"
	"2031-01-01T10:20:00Z ERROR request failed\n"
	"Traceback (most recent call last):\n"
	"  File \"/app/ledger/api.py\", line 12, in post\n"
	"    total = entry.amount\n"
	"AttributeError: 'NoneType' object has no attribute 'amount'\n";

static const char java_log[] =
	"2031-01-01T10:00:00Z ERROR request failed\n"
	"java.lang.IllegalStateException: boom\n"
	"\tat com.acme.Ledger.post(Ledger.java:42)\n";

/* The runtime's library names the series; nothing known gives the conventions. */
TEST(report_rules, platform_from_frames_and_labels)
{
	struct world w;
	struct report_platform p;

	world_init(&w, "datadog", 2, python_log, NULL);
	report_platform_detect(&p, &w.ev);
	ASSERT_STR_EQ(p.library->runtime, "python");
	ASSERT_STR_EQ(report_platform_metric(&p, "$requests"), "http_requests_total");
	ASSERT(report_platform_metric(&p, "$heap_used") == NULL);
	ASSERT(!p.kube && !p.azure);
	world_release(&w);

	world_init(&w, "grafana", 2, java_log, NULL);
	json_object_set_new(w.inc.labels, "namespace", json_string("books"));
	report_platform_detect(&p, &w.ev);
	ASSERT_STR_EQ(p.library->name, "Micrometer");
	ASSERT_STR_EQ(report_platform_metric(&p, "$requests"), "http_server_requests_seconds_count");
	ASSERT(p.kube);
	world_release(&w);

	world_init(&w, "pagerduty", 2, "2031-01-01T10:00:00Z ERROR it broke\n", NULL);
	report_platform_detect(&p, &w.ev);
	ASSERT_STR_EQ(p.library->runtime, "unknown");
	ASSERT_STR_EQ(report_platform_metric(&p, "kube_pod_info"), "kube_pod_info");
	world_release(&w);
}

/* Azure Monitor watches the service unless something shows Prometheus does. */
TEST(report_rules, azure_only_without_prometheus_evidence)
{
	struct world w;
	struct report_platform p;

	world_init(&w, "azure-monitor/Platform", 1, python_log, NULL);
	w.inc.format = INCIDENT_AZURE_MONITOR;
	report_platform_detect(&p, &w.ev);
	ASSERT(p.azure);
	free(w.inc.source);
	w.inc.source = xstrdup("azure-monitor/Prometheus");
	report_platform_detect(&p, &w.ev);
	ASSERT(!p.azure && p.prometheus);
	world_release(&w);
}

/* -1 without promtool, else whether `check rules` and `test rules` pass. */
static int promtool_pass(const struct artifacts *a)
{
	const char *dir = harness_tmpdir();
	char *rules = sys_path_join(dir, strrchr(a->rules_path, '/') + 1);
	char *test = sys_path_join(dir, strrchr(a->rules_test_path, '/') + 1);
	char *cmd;
	int status = 99;

	if (access("/usr/bin/promtool", X_OK)) {
		free(rules);
		free(test);
		return -1;
	}
	if (sys_write_file(rules, a->rules.ptr, a->rules.len) == 0 &&
	    sys_write_file(test, a->rules_test.ptr, a->rules_test.len) == 0) {
		cmd = xasprintf("cd '%s' && /usr/bin/promtool check rules '%s' >check.out 2>&1 && "
				"/usr/bin/promtool test rules '%s' >test.out 2>&1", dir, rules, test);
		status = system(cmd);
		status = WIFEXITED(status) ? WEXITSTATUS(status) : 98;
		if (status)
			(void)system("cat check.out test.out >&2");
		free(cmd);
	}
	free(rules);
	free(test);
	return status;
}

/*
 * An auth incident of P1: the error ratio pages, the auth share is only a ticket and
 * needs more than one rejection; the alert's own share gives threshold and test values.
 */
TEST(report_rules, auth_never_pages_and_one_rejection_stays_quiet)
{
	struct world w;
	struct artifacts a = ARTIFACTS_INIT;
	int rc;

	world_init(&w, "grafana", 1, java_log, "auth");
	json_object_set_new(w.inc.metrics, "login_401_ratio",
			    json_pack("{s:f, s:f, s:f}", "value", 0.6, "baseline", 0.01, "threshold", 0.3));
	ASSERT_OK(artifacts_render(&a, &w.ev, &w.dx, NULL));
	ASSERT_INT_EQ(a.nrules, 2);
	ASSERT_CONTAINS(a.rules.ptr, "status=~\"5..\"}[5m])) / sum(rate(");
	ASSERT_CONTAINS(a.rules.ptr, "status=~\"401|403\"}[5m])) / sum(rate(http_server_requests_"
				     "seconds_count{job=\"ledger-svc\"}[5m])) > 0.3 and sum(increase(");
	ASSERT_CONTAINS(a.rules.ptr, "severity: page");
	ASSERT_CONTAINS(a.rules.ptr, "severity: ticket");
	ASSERT_CONTAINS(a.rules.ptr, "https://github.example/acme/ledger/blob/trunk/knowledge-base/"
				     "runbooks/ledger-svc-auth.md");
	/* the 401s: one request before the quiet check, then 60% of 100 a minute */
	ASSERT_CONTAINS(a.rules_test.ptr, "status=\"401\"}\n    values: 0+0x25 1+0x4 61+60x");
	ASSERT_CONTAINS(a.rules_test.ptr, "LedgerSvcAuthFailureRatio: threshold and values from the "
					  "alert's own metrics");
	rc = promtool_pass(&a);
	if (rc >= 0)
		ASSERT_INT_EQ(rc, 0);
	artifacts_release(&a);
	world_release(&w);
}

/* A P3 incident pages nobody; Kubernetes rules only where Kubernetes shows. */
TEST(report_rules, low_severity_is_a_ticket_and_kube_needs_evidence)
{
	struct world w;
	struct artifacts a = ARTIFACTS_INIT;
	int rc;

	world_init(&w, "grafana", 3, python_log, "crashloop");
	ASSERT_OK(artifacts_render(&a, &w.ev, &w.dx, NULL));
	ASSERT_INT_EQ(a.nrules, 1);
	ASSERT_NOT_CONTAINS(a.rules.ptr, "kube_pod_container_status_restarts_total");
	ASSERT_NOT_CONTAINS(a.rules.ptr, "severity: page");
	artifacts_release(&a);
	json_object_set_new(w.inc.labels, "namespace", json_string("money"));
	ASSERT_OK(artifacts_render(&a, &w.ev, &w.dx, NULL));
	ASSERT_INT_EQ(a.nrules, 2);
	ASSERT_CONTAINS(a.rules.ptr, "sum(increase(kube_pod_container_status_restarts_total{"
				     "namespace=\"money\",container=\"ledger-svc\"}[15m])) > 3");
	ASSERT_CONTAINS(a.rules.ptr, "http_requests_total{job=\"ledger-svc\",namespace=\"money\"");
	ASSERT_CONTAINS(a.rules_test.ptr, "made up on each side of the threshold");
	rc = promtool_pass(&a);
	if (rc >= 0)
		ASSERT_INT_EQ(rc, 0);
	artifacts_release(&a);
	world_release(&w);
}

/* The latency quantile takes its threshold in seconds from the alert's milliseconds. */
TEST(report_rules, latency_threshold_from_the_alert)
{
	struct world w;
	struct artifacts a = ARTIFACTS_INIT;
	int rc;

	world_init(&w, "prometheus", 2, python_log, "timeout");
	json_object_set_new(w.inc.metrics, "checkout p95_ms",
			    json_pack("{s:f, s:f, s:f}", "value", 9000.0, "baseline", 300.0,
				      "threshold", 1500.0));
	ASSERT_OK(artifacts_render(&a, &w.ev, &w.dx, NULL));
	ASSERT_CONTAINS(a.rules.ptr, "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_"
				     "seconds_bucket{job=\"ledger-svc\"}[5m]))) > 1.5");
	rc = promtool_pass(&a);
	if (rc >= 0)
		ASSERT_INT_EQ(rc, 0);
	artifacts_release(&a);
	world_release(&w);
}

/* Azure Monitor: the alert's metric, its direction, the namespace from the target name. */
TEST(report_rules, azure_metric_alert_from_the_alert)
{
	struct world w;
	struct artifacts a = ARTIFACTS_INIT;
	json_t *doc = NULL, *res, *crit;

	world_init(&w, "azure-monitor/Platform", 3, "2031-01-01T10:00:00Z ERROR slow\n", NULL);
	w.inc.format = INCIDENT_AZURE_MONITOR;
	json_object_set_new(w.inc.labels, "target", json_string("app-ledger-prod"));
	json_object_set_new(w.inc.metrics, "AvailabilityPercent",
			    json_pack("{s:f, s:f, s:f}", "value", 80.0, "baseline", 99.9, "threshold", 99.0));
	ASSERT_OK(artifacts_render(&a, &w.ev, &w.dx, NULL));
	ASSERT_STR_EQ(a.rules_path, "knowledge-base/alerting-rules/ledger-svc-incident.json");
	ASSERT(a.rules_test_path == NULL);
	ASSERT_OK(jsonx_parse(&doc, a.rules.ptr, a.rules.len, "rules"));
	res = json_array_get(json_object_get(doc, "resources"), 0);
	ASSERT_STR_EQ(jsonx_str(res, "type"), "Microsoft.Insights/metricAlerts");
	ASSERT_INT_EQ(jsonx_int(res, "properties.severity", -1), 3);
	crit = json_array_get(jsonx_path(res, "properties.criteria.allOf"), 0);
	ASSERT_STR_EQ(jsonx_str(crit, "operator"), "LessThan");
	ASSERT_STR_EQ(jsonx_str(crit, "timeAggregation"), "Average");
	ASSERT_STR_EQ(jsonx_str(crit, "metricNamespace"), "Microsoft.Web/sites");
	ASSERT_CONTAINS(a.issue_body.ptr, "ledger-svc-incident.json");
	json_decref(doc);
	artifacts_release(&a);
	world_release(&w);
}

TEST(report_rules, durations_in_minutes)
{
	ASSERT_INT_EQ(report_promtest_minutes("5m"), 5);
	ASSERT_INT_EQ(report_promtest_minutes("1h"), 60);
	ASSERT_INT_EQ(report_promtest_minutes("90s"), 2);
	ASSERT_INT_EQ(report_promtest_minutes("5"), 0);
	ASSERT_INT_EQ(report_promtest_minutes(NULL), 0);
}
