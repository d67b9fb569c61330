/*
 * Every alert payload in tests/fixtures/alerts/ through the binary (`aiops-agent adapt
 * auto FILE`), one test per file: a payload normalizes to the title, severity, service,
 * environment, fire time, lifecycle status, kind and signal written here, with one metric
 * and one more field checked, or is refused with exit 2 and one line naming the file.
 * PROVENANCE.md says where each file comes from; a fixture missing from this table, or
 * from PROVENANCE.md, fails the suite.
 */
#include "common.h"
#include "harness.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <dirent.h>
#include <math.h>

#define FIXTURES "tests/fixtures/alerts"

struct payload {
	const char *file;
	const char *format, *title, *severity, *service, *environment, *fired_at, *status, *kind,
		*signal;
	const char *metric; /* a metric and its value (NAN: null), or NULL */
	double value;
	const char *path, *want; /* a dotted path of the output and its text, or NULL */
};

/* A refused payload: no format, and `want` is a phrase of the one-line message. */
#define REFUSED(file, phrase) {file, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, phrase}
#define CTX_ALONE "an Azure Monitor alertContext on its own"

static const struct payload payloads[] = {
	{"azure-monitor.00.common-schema.metric.resolved.full.json", "azure-monitor", "WCUS-R2-Gen2",
	 "P3", "wcus-r2-gen2", "production", "2019-03-22T13:58:24Z", "resolved", "service", "metric",
	 "Percentage CPU", 7.727, "context.resolved_at", "2019-03-22T14:03:16.2246313Z"},
	REFUSED("azure-monitor.01.alertContext.metric-static-threshold.platform.json", CTX_ALONE),
	REFUSED("azure-monitor.02.alertContext.metric-dynamic-threshold.platform.json", CTX_ALONE),
	REFUSED("azure-monitor.03.alertContext.metric-availability-webtest.platform.json", CTX_ALONE),
	REFUSED("azure-monitor.04.alertContext.log-search.platform.json", CTX_ALONE),
	REFUSED("azure-monitor.05.alertContext.log-search.application-insights.json", CTX_ALONE),
	REFUSED("azure-monitor.06.alertContext.log-alerts-v2.json", CTX_ALONE),
	REFUSED("azure-monitor.07.alertContext.activity-log.administrative.json", CTX_ALONE),
	REFUSED("azure-monitor.08.alertContext.activity-log.policy.json", CTX_ALONE),
	REFUSED("azure-monitor.09.alertContext.activity-log.autoscale.json", CTX_ALONE),
	REFUSED("azure-monitor.10.alertContext.activity-log.security.json", CTX_ALONE),
	REFUSED("azure-monitor.11.alertContext.activity-log.service-health.json", CTX_ALONE),
	REFUSED("azure-monitor.12.alertContext.activity-log.resource-health.json", CTX_ALONE),
	REFUSED("azure-monitor.13.alertContext.prometheus.json", CTX_ALONE),
	{"azure-monitor.27.test-action.log-alert-v2.full.json", "azure-monitor", "test-logAlertRule-v2",
	 "P4", "test-computer", "production", "2025-04-15T18:08:03Z", "firing", "service",
	 "log-alerts-v2", "result_count", 3, "context.query", "Heartbeat"},
	{"azure-monitor.28.test-action.metric-dynamic-threshold.full.json", "azure-monitor",
	 "test-dynamicMetricAlertRule", "P4", "test-storageAccount", "production",
	 "2025-04-15T18:15:16Z", "firing", "service", "metric-dynamic", "Transactions", 78.09,
	 "context.sensitivity", "Low"},
	{"azure-monitor.29.test-action.metric-static-threshold.full.json", "azure-monitor",
	 "test-metricAlertRule", "P4", "test-storageAccount", "production", "2025-04-15T18:17:12Z",
	 "firing", "service", "metric", "Transactions", 100, "context.dimensions.ApiName", "GetBlob"},
	{"azure-monitor.30.test-action.activity-log.full.json", "azure-monitor",
	 "test-activityLogAlertRule", "P4", "test-VM", "production", "2025-04-15T11:26:21Z", "firing",
	 "activity", "activity-administrative", NULL, 0, "context.operation",
	 "Microsoft.Compute/virtualMachines/restart/action"},
	{"azure-monitor.31.test-action.availability-test.full.json", "azure-monitor",
	 "test-availabilityTest-test-applicationInsights", "P4", "test-applicationInsights",
	 "production", "2025-04-15T17:42:34Z", "firing", "service", "availability", "FailedLocation", 5,
	 "context.web_test", "test-availabilityTest-test-applicationInsights"},
	{"azure-monitor.32.test-action.budget.full.json", "azure-monitor",
	 "Budget 'Test_forcasted_budget': forecasted cost over its threshold", "P3",
	 "Test_forcasted_budget", "production", "2025-04-15T17:49:34Z", "firing", "cost", "budget",
	 "forecast", 1111.11, "context.spent", "$999.99"},
	{"azure-monitor.33.test-action.cost-budget.full.json", "azure-monitor",
	 "Budget 'Test_actual_cost_budget': actual cost over its threshold", "P3",
	 "Test_actual_cost_budget", "production", "2025-04-15T17:53:32Z", "firing", "cost", "budget",
	 "cost", 11111, "context.threshold_type", "Actual"},
	{"azure-monitor.34.test-action.forecasted-budget.full.json", "azure-monitor",
	 "Budget 'Test_forcasted_budget': forecasted cost over its threshold", "P3",
	 "Test_forcasted_budget", "production", "2025-04-15T17:55:39Z", "firing", "cost", "budget",
	 "cost", 999.99, "context.forecast", "$1111.11"},
	{"azure-monitor.35.test-action.log-alert-v1-metric-measurement.full.json", "azure-monitor",
	 "test-logAlertRule-v1-metricMeasurement", "P4", "test-logAnalyticsWorkspace", "production",
	 "2025-04-15T17:57:27Z", "firing", "service", "log-search", "result_count", 2,
	 "context.query", "Heartbeat | summarize AggregatedValue=count() by bin(TimeGenerated, 5m)"},
	{"azure-monitor.36.test-action.log-alert-v1-number-of-results.full.json", "azure-monitor",
	 "test-logAlertRule-v1-numResults", "P4", "test-computer", "production",
	 "2025-04-15T18:04:40Z", "firing", "service", "log-search", "result_count", 1,
	 "context.results_api",
	 "https://api.loganalytics.io/v1/workspaces/dddd3333-ee44-5555-66ff-777777aaaaaa/query?query=Heartbeat%0A&timespan=2021-11-15T15%3a15%3a24.0000000Z%2f2021-11-16T15%3a15%3a24.0000000Z"},
	{"azure-monitor.37.test-action.resource-health.full.json", "azure-monitor",
	 "test-ResourceHealthAlertRule", "P4", "test-VM", "production", "2025-04-15T18:19:45Z",
	 "firing", "platform", "resource-health", NULL, 0, "context.current_health", "Unavailable"},
	/* Resolved stage, and the Azure product ("AzureServiceName") never becomes the service. */
	{"azure-monitor.38.test-action.service-health.full.json", "azure-monitor",
	 "test-ServiceHealthAlertRule", "P4", "unknown", "production", "2025-04-15T18:20:36Z",
	 "resolved", "platform", "service-health", NULL, 0, "context.azure_service",
	 "AzureServiceName"},
	{"azure-monitor.39.test-action.smart-alert.full.json", "azure-monitor", "test-SmartAlertRule",
	 "P4", "test-applicationInsights", "production", "2021-10-28T19:09:09Z", "firing", "service",
	 "smart-detection", "Dependency Performance Degradation Detector", 0.45,
	 "context.normal_value", "0.27 sec (over the last 7 days)"},
	{"azure-monitor.40.prometheus.cloudadministrator-blog.full.json", "azure-monitor",
	 "RecommendedCIAlerts-aks0001/Average node CPU utilization is greater than 80%", "P4", "node",
	 "production", "2022-11-08T08:01:02Z", "firing", "service", "prometheus", NULL, 0,
	 "context.value", "12.7m"},
	{"azure-monitor.41.composed.log-search.platform.json", "azure-monitor", "cpu-percent-log-query",
	 "P2", "INC-Gen2Alert", "production", "2019-03-22T13:51:31Z", "firing", "service",
	 "log-search", "result_count", 2, "context.results_link",
	 "https://portal.azure.com/#Analyticsblade/search/index?_timeInterval.intervalEnd=2018-03-26T09%3a10%3a40.0000000Z&_timeInterval.intervalDuration=3600&q=Usage"},
	{"azure-monitor.42.composed.log-search.application-insights.json", "azure-monitor",
	 "http-500-count", "P1", "shop-web", "staging", "2019-03-22T13:51:33Z", "firing", "service",
	 "log-search", "result_count", 2, "context.dimensions.IP", "1.1.1.1"},
	{"azure-monitor.43.composed.log-alerts-v2.json", "azure-monitor", "heartbeat-missing", "P2",
	 "TestComputer", "production", "2020-07-09T13:54:34Z", "firing", "service", "log-alerts-v2",
	 "result_count", 0, "labels.name1", "value1"},
	{"azure-monitor.44.composed.activity-log.administrative.json", "azure-monitor", "vm-restarted",
	 "P3", "WCUS-R2-ActLog", "production", "2019-03-22T13:56:31Z", "firing", "activity",
	 "activity-administrative", NULL, 0, "context.caller", "22223333-cccc-4444-dddd-5555eeee6666"},
	{"azure-monitor.45.composed.activity-log.policy.json", "azure-monitor", "policy-audit", "P3",
	 "unknown", "production", "2019-08-25T11:11:34Z", "firing", "activity", "activity-policy",
	 NULL, 0, "context.operation", "Microsoft.Authorization/policies/audit/action"},
	{"azure-monitor.46.composed.activity-log.autoscale.json", "azure-monitor", "vmss-scaled-out",
	 "P4", "alexademo", "production", "2019-08-21T16:17:47Z", "firing", "activity",
	 "activity-autoscale", NULL, 0, "context.properties.newInstancesCount", "10"},
	{"azure-monitor.47.composed.activity-log.security.json", "azure-monitor", "defender-threat",
	 "P1", "testVM", "production", "2019-08-26T08:34:14Z", "firing", "security",
	 "activity-security", NULL, 0, "context.properties.category", "Virus"},
	/* A planned maintenance is a notice: not firing, and Synapse is not our service. */
	{"azure-monitor.48.composed.service-health.maintenance.json", "azure-monitor",
	 "service-health-eastus", "P3", "unknown", "production", "2019-06-24T11:31:19Z", "notice",
	 "platform", "service-health", NULL, 0, "context.stage", "Planned"},
	{"azure-monitor.49.composed.resource-health.json", "azure-monitor", "vm-health", "P2",
	 "web-01", "production", "2019-06-24T15:42:54Z", "firing", "platform", "resource-health",
	 NULL, 0, "context.cause", "UserInitiated"},
	{"azure-monitor.50.composed.prometheus.json", "azure-monitor", "myRuleGroup/sql-down", "P1",
	 "myCluster1", "Prod", "2024-01-10T08:00:00Z", "firing", "service", "prometheus",
	 "myRuleGroup/sql-down", 0, "context.annotations.summary", "alert on SQL availability"},
	{"azure-monitor.51.composed.simple-log-alert.json", "azure-monitor", "orders-exceptions", "P2",
	 "orders-api", "production", "2020-07-09T13:54:40Z", "firing", "service", "simple-log",
	 "result_count", 1, "context.query",
	 "exceptions | where timestamp > ago(5m) | project timestamp, operation_Name, problemId, type, outerMessage"},
	{"alertmanager.01-firing-warning-group-2alerts.body.json", "alertmanager",
	 "p99 latency above 800ms on payments", "P3", "payments", "prod", "2026-11-21T05:19:47Z",
	 "firing", "service", "alertmanager", NULL, 0, "truncated_alerts", "0"},
	{"alertmanager.02-firing-critical-group-3alerts.body.json", "alertmanager",
	 "High 5xx error rate on checkout-api", "P1", "checkout-api", "prod", "2026-11-21T05:19:47Z",
	 "firing", "service", "alertmanager", NULL, 0, "rule", "HighErrorRate"},
	{"alertmanager.04-resolved-warning-group.body.json", "alertmanager",
	 "p99 latency above 800ms on payments", "P3", "payments", "prod", "2026-11-21T05:19:47Z",
	 "resolved", "service", "alertmanager", NULL, 0, "context.receiver", "capture"},
	{"grafana.01-firing-group-2alerts.docs.json", "grafana",
	 "This alert was triggered for zone us-1", "P3", "unknown", "production",
	 "2021-10-12T07:51:03Z", "firing", "service", "grafana", "B", 44.23943737541908,
	 "rule", "High memory usage"},
	{"grafana.02-resolved-group-derived.json", "grafana", "This alert was triggered for zone us-1",
	 "P3", "unknown", "production", "2021-10-12T07:51:03Z", "resolved", "service", "grafana", "C",
	 1, "truncated_alerts", "3"},
	{"native.checkout-db-pool.json", "native", "checkout-api: p99 latency and 5xx rate up", "P1",
	 "checkout-api", "staging", "2026-11-18T03:12:00Z", "firing", "service", "native",
	 "error_rate", 0.123, "labels.team", "payments"},
};

/* A scalar of the output as text ("3", "Low"); NULL for objects, arrays and null. */
static char *text_at(json_t *root, const char *path)
{
	json_t *v = jsonx_path(root, path);

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.15g", json_real_value(v));
	return NULL;
}

static bool field_is(json_t *out, const char *path, const char *want)
{
	char *have = text_at(out, path);
	bool same = have && !strcmp(have, want);

	if (!same)
		fprintf(stderr, "    %s: \"%s\", expected \"%s\"\n", path, have ? have : "(none)", want);
	free(have);
	return same;
}

static void refused(const struct payload *p, const char *path, int status, const char *out)
{
	const char *nl = strchr(out, '\n');

	ASSERT_INT_EQ(status, 2);
	ASSERT(nl && !nl[1]); /* one line */
	ASSERT_CONTAINS(out, "aiops-agent: cannot parse '");
	ASSERT_CONTAINS(out, path);
	ASSERT_CONTAINS(out, p->want);
}

static void adapt_one(void *ctx)
{
	const struct payload *p = ctx;
	char *path = xasprintf(FIXTURES "/%s", p->file);
	struct buf out = BUF_INIT;
	json_t *o = NULL, *m;
	int status = harness_run(&out, "'%s' adapt auto '%s'", harness_bin(), path);

	if (!p->format) {
		refused(p, path, status, out.ptr);
		goto done;
	}
	ASSERT_INT_EQ(status, 0);
	ASSERT_OK(jsonx_parse(&o, out.ptr, out.len, "stdout"));
	ASSERT(field_is(o, "format", p->format) && field_is(o, "title", p->title) &&
	       field_is(o, "severity", p->severity) && field_is(o, "service", p->service) &&
	       field_is(o, "environment", p->environment) && field_is(o, "fired_at", p->fired_at) &&
	       field_is(o, "status", p->status) && field_is(o, "kind", p->kind) &&
	       field_is(o, "signal", p->signal));
	ASSERT(!p->path || field_is(o, p->path, p->want));
	ASSERT_INT_EQ(strlen(jsonx_str(o, "fingerprint")), 64);
	if (p->metric) {
		m = json_object_get(json_object_get(o, "metrics"), p->metric);
		ASSERT(json_is_number(json_object_get(m, "value")));
		ASSERT(fabs(json_number_value(json_object_get(m, "value")) - p->value) < 1e-9);
	}
	/* The format named on the command line is checked against the one detected. */
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' adapt %s '%s'", harness_bin(), p->format, path), 0);
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "'%s' adapt %s '%s'", harness_bin(),
				  strcmp(p->format, "native") ? "native" : "grafana", path), 2);
	ASSERT_CONTAINS(out.ptr, "alert, not ");
done:
	json_decref(o);
	buf_release(&out);
	free(path);
}

static bool in_table(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(payloads); i++)
		if (!strcmp(payloads[i].file, name))
			return true;
	return false;
}

/* Every fixture is in the table and in PROVENANCE.md: none is carried unchecked. */
TEST(alerts, every_fixture_is_checked_and_sourced)
{
	struct buf prov = BUF_INIT;
	DIR *d = opendir(FIXTURES);
	struct dirent *e;
	size_t files = 0, missing = 0;

	ASSERT(d != NULL);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		files++;
		if (!in_table(e->d_name)) {
			fprintf(stderr, "    %s: not in the table\n", e->d_name);
			missing++;
		}
	}
	closedir(d);
	ASSERT_INT_EQ(missing, 0);
	ASSERT_INT_EQ(files, ARRAY_SIZE(payloads));
	/* The 13 alertContext excerpts share one provenance line; the others have their own. */
	ASSERT_OK(sys_read_file(&prov, FIXTURES "/PROVENANCE.md", 1 << 20));
	for (size_t i = 0; i < ARRAY_SIZE(payloads); i++) {
		char *tick = xasprintf("`%s`", payloads[i].file);
		bool found = strstr(prov.ptr, tick) || strstr(payloads[i].file, ".alertContext.");

		if (!found)
			fprintf(stderr, "    %s: no provenance line\n", payloads[i].file);
		free(tick);
		ASSERT(found);
	}
	buf_release(&prov);
}

__attribute__((constructor)) static void register_payloads(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(payloads); i++) {
		struct payload *p = xmalloc(sizeof(*p));

		*p = payloads[i];
		harness_register_ctx("alerts", xstrdup(payloads[i].file), adapt_one, p);
	}
}
