#include "common.h"
#include "harness.h"
#include "core/incident.h"
#include "io/crypto.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <ctype.h>
#include <math.h>

static int load_fixture(struct incident *inc, const char *name)
{
	char *rel = xasprintf("tests/fixtures/alerts/%s", name);
	char *path = sys_path_join(harness_root(), rel);
	int error = incident_load(inc, path);

	free(path);
	free(rel);
	return error;
}

/* Normalize JSON text given inline; the origin is always "alert.json". */
static int from_text(struct incident *inc, const char *text)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);
	int error;

	if (!j) {
		fprintf(stderr, "    bad test JSON: %s\n", jerr.text);
		return ERR_FAIL;
	}
	error = incident_from_json(inc, j, "alert.json");
	json_decref(j);
	return error;
}

static double metric(const struct incident *inc, const char *name, const char *part)
{
	json_t *m = json_object_get(inc->metrics, name);
	json_t *v = json_object_get(m, part);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static bool metric_is_null(const struct incident *inc, const char *name, const char *part)
{
	return json_is_null(json_object_get(json_object_get(inc->metrics, name), part));
}

static const char *label(const struct incident *inc, const char *key)
{
	return json_string_value(json_object_get(inc->labels, key));
}

static bool id_is_derived(const struct incident *inc, const char *date)
{
	char want[32];

	snprintf(want, sizeof(want), "INC-%s-", date);
	if (strlen(inc->id) != 21 || strncmp(inc->id, want, 13))
		return false;
	for (int i = 13; i < 21; i++)
		if (!isxdigit((unsigned char)inc->id[i]) || isupper((unsigned char)inc->id[i]))
			return false;
	return !strncmp(inc->id + 13, inc->fingerprint, 8);
}

TEST(incident, azure_metric_resolved)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(load_fixture(&inc, "azure-monitor.00.common-schema.metric.resolved.full.json"));
	ASSERT_INT_EQ(inc.format, INCIDENT_AZURE_MONITOR);
	ASSERT_INT_EQ(inc.severity, 3);
	ASSERT_STR_EQ(inc.title, "WCUS-R2-Gen2");
	ASSERT_STR_EQ(inc.rule, "WCUS-R2-Gen2");
	ASSERT_STR_EQ(inc.service, "wcus-r2-gen2");
	ASSERT_STR_EQ(inc.environment, "production");
	ASSERT_STR_EQ(inc.source, "azure-monitor/Platform");
	ASSERT_STR_EQ(inc.status, "resolved");
	ASSERT_STR_EQ(inc.description, "");
	ASSERT_STR_EQ(inc.fired_at_text, "2019-03-22T13:58:24Z");
	ASSERT_INT_EQ(json_object_size(inc.metrics), 1);
	ASSERT(fabs(metric(&inc, "Percentage CPU", "value") - 7.727) < 1e-9);
	ASSERT(fabs(metric(&inc, "Percentage CPU", "threshold") - 25) < 1e-9);
	ASSERT(metric_is_null(&inc, "Percentage CPU", "baseline"));
	ASSERT_STR_EQ(label(&inc, "signal_type"), "Metric");
	ASSERT_STR_EQ(label(&inc, "target"), "wcus-r2-gen2");
	ASSERT_INT_EQ(strlen(inc.fingerprint), 64);
	ASSERT(id_is_derived(&inc, "20190322"));
	ASSERT_INT_EQ(inc.blame_hint, 0);
	incident_release(&inc);
}

TEST(incident, azure_log_alert_keeps_query_and_count)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(load_fixture(&inc, "azure-monitor.27.test-action.log-alert-v2.full.json"));
	ASSERT_INT_EQ(inc.format, INCIDENT_AZURE_MONITOR);
	ASSERT_INT_EQ(inc.severity, 4);
	ASSERT_STR_EQ(inc.service, "test-computer");
	ASSERT_STR_EQ(inc.source, "azure-monitor/Log Alerts V2");
	ASSERT_STR_EQ(inc.status, "firing");
	ASSERT_STR_EQ(inc.description, "Alert rule description");
	ASSERT_STR_EQ(inc.fired_at_text, "2025-04-15T18:08:03Z");
	/* The rule counts rows (no measure column): metricValue is the result count. */
	ASSERT_INT_EQ(json_object_size(inc.metrics), 1);
	ASSERT(fabs(metric(&inc, "result_count", "value") - 3) < 1e-9);
	ASSERT(fabs(metric(&inc, "result_count", "threshold") - 0) < 1e-9);
	ASSERT_STR_EQ(inc.signal, "log-alerts-v2");
	ASSERT_STR_EQ(jsonx_str(inc.context, "query"), "Heartbeat");
	ASSERT_INT_EQ(jsonx_int(inc.context, "result_count", -1), 3);
	ASSERT_CONTAINS(jsonx_str(inc.context, "results_link"), "https://portal.azure.com#@");
	ASSERT_CONTAINS(jsonx_str(inc.context, "results_api"), "https://api.loganalytics.io/");
	ASSERT_STR_EQ(jsonx_str(inc.context, "dimensions.Computer"), "test-computer");
	ASSERT_STR_EQ(label(&inc, "signal_type"), "Log");
	ASSERT_STR_EQ(label(&inc, "target"), "test-logAnalyticsWorkspace");
	ASSERT_STR_EQ(label(&inc, "customKey1"), "value1");
	incident_release(&inc);
}

TEST(incident, azure_metric_thresholds_are_parsed)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(load_fixture(&inc, "azure-monitor.28.test-action.metric-dynamic-threshold.full.json"));
	ASSERT_INT_EQ(inc.severity, 4);
	ASSERT_STR_EQ(inc.service, "test-storageAccount");
	ASSERT_STR_EQ(inc.fired_at_text, "2025-04-15T18:15:16Z");
	ASSERT(fabs(metric(&inc, "Transactions", "value") - 78.09) < 1e-9);
	ASSERT(fabs(metric(&inc, "Transactions", "threshold") - 0.3) < 1e-9);
	ASSERT(metric_is_null(&inc, "Transactions", "baseline"));
	ASSERT_STR_EQ(label(&inc, "customKey2"), "value2");
	ASSERT_STR_EQ(label(&inc, "target"), "test-storageAccount");
	incident_release(&inc);

	ASSERT_OK(load_fixture(&inc, "azure-monitor.29.test-action.metric-static-threshold.full.json"));
	ASSERT_STR_EQ(inc.title, "test-metricAlertRule");
	ASSERT_STR_EQ(inc.fired_at_text, "2025-04-15T18:17:12Z");
	ASSERT(fabs(metric(&inc, "Transactions", "value") - 100) < 1e-9);
	ASSERT(fabs(metric(&inc, "Transactions", "threshold") - 0) < 1e-9);
	ASSERT(id_is_derived(&inc, "20250415"));
	incident_release(&inc);
}

TEST(incident, azure_custom_properties_name_service_and_environment)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(from_text(&inc, "{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {"
				  "\"essentials\": {\"alertRule\": \"http5xx\", \"severity\": \"Sev0\","
				  " \"firedDateTime\": \"2026-11-18T03:12:00.5+01:00\","
				  " \"monitorCondition\": \"Fired\", \"configurationItems\": [\"vm1\"]},"
				  "\"alertContext\": {\"condition\": {\"allOf\": [{\"metricName\": \"Http5xx\","
				  " \"metricValue\": 41, \"threshold\": \"not a number\"}]}},"
				  "\"customProperties\": {\"service\": \"checkout-api\","
				  " \"environment\": \"staging\", \"weight\": 2}}}"));
	ASSERT_INT_EQ(inc.severity, 1);
	ASSERT_STR_EQ(inc.service, "checkout-api");
	ASSERT_STR_EQ(inc.environment, "staging");
	ASSERT_STR_EQ(inc.source, "azure-monitor");
	ASSERT_STR_EQ(inc.fired_at_text, "2026-11-18T02:12:00Z");
	ASSERT_STR_EQ(label(&inc, "weight"), "2");
	ASSERT(fabs(metric(&inc, "Http5xx", "value") - 41) < 1e-9);
	ASSERT(metric_is_null(&inc, "Http5xx", "threshold"));
	incident_release(&inc);

	ASSERT_ERR(from_text(&inc, "{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {"
				   "\"essentials\": {\"alertRule\": \"r\", \"severity\": \"Sev9\","
				   " \"firedDateTime\": \"2026-11-18T03:12:00Z\"}}}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'data.essentials.severity'");
	ASSERT_ERR(from_text(&inc, "{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {"
				   "\"essentials\": {\"alertRule\": \"r\", \"severity\": \"Sev2\"}}}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'data.essentials.firedDateTime'");
	ASSERT_ERR(from_text(&inc, "{\"schemaId\": \"azureMonitorCommonAlertSchema\"}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'data.essentials'");
}

TEST(incident, alertmanager_firing_group)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(load_fixture(&inc, "alertmanager.01-firing-warning-group-2alerts.body.json"));
	ASSERT_INT_EQ(inc.format, INCIDENT_ALERTMANAGER);
	ASSERT_INT_EQ(inc.severity, 3);
	ASSERT_STR_EQ(inc.title, "p99 latency above 800ms on payments");
	ASSERT_STR_EQ(inc.description, "payments p99 latency is 1.27s for 10m.");
	ASSERT_STR_EQ(inc.rule, "HighLatencyP99");
	ASSERT_STR_EQ(inc.service, "payments");
	ASSERT_STR_EQ(inc.environment, "prod");
	ASSERT_STR_EQ(inc.source, "alertmanager");
	ASSERT_STR_EQ(inc.status, "firing");
	ASSERT_STR_EQ(inc.fired_at_text, "2026-11-21T05:19:47Z");
	ASSERT_INT_EQ(json_object_size(inc.metrics), 0);
	ASSERT_STR_EQ(label(&inc, "job"), "payments");
	ASSERT(label(&inc, "instance") == NULL); /* per-alert, not common */
	ASSERT(id_is_derived(&inc, "20261121"));
	incident_release(&inc);

	ASSERT_OK(load_fixture(&inc, "alertmanager.02-firing-critical-group-3alerts.body.json"));
	ASSERT_INT_EQ(inc.severity, 1);
	ASSERT_STR_EQ(inc.service, "checkout-api");
	ASSERT_STR_EQ(inc.title, "High 5xx error rate on checkout-api");
	ASSERT_STR_EQ(inc.rule, "HighErrorRate");
	ASSERT_STR_EQ(label(&inc, "severity"), "critical");
	incident_release(&inc);
}

TEST(incident, alertmanager_resolved_keeps_fingerprint)
{
	struct incident firing = INCIDENT_INIT, resolved = INCIDENT_INIT;

	ASSERT_OK(load_fixture(&firing, "alertmanager.01-firing-warning-group-2alerts.body.json"));
	ASSERT_OK(load_fixture(&resolved, "alertmanager.04-resolved-warning-group.body.json"));
	ASSERT_STR_EQ(resolved.status, "resolved");
	ASSERT_STR_EQ(resolved.fingerprint, firing.fingerprint);
	ASSERT_STR_EQ(resolved.id, firing.id);
	incident_release(&firing);
	incident_release(&resolved);
}

TEST(incident, alertmanager_fallbacks)
{
	struct incident inc = INCIDENT_INIT;

	/* No common labels: the first alert's; earliest startsAt; unknown severity word -> P3. */
	ASSERT_OK(from_text(&inc, "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": ["
				  "{\"labels\": {\"alertname\": \"Down\", \"app\": \"web\", \"env\": \"qa\","
				  " \"severity\": \"page\"}, \"startsAt\": \"2026-01-02T10:00:00Z\"},"
				  "{\"labels\": {\"alertname\": \"Down\"}, \"startsAt\": \"2026-01-01T23:59:59Z\"}]}"));
	ASSERT_STR_EQ(inc.title, "Down");
	ASSERT_STR_EQ(inc.service, "web");
	ASSERT_STR_EQ(inc.environment, "qa");
	ASSERT_INT_EQ(inc.severity, 3);
	ASSERT_STR_EQ(inc.fired_at_text, "2026-01-01T23:59:59Z");
	incident_release(&inc);

	ASSERT_ERR(from_text(&inc, "{\"version\": \"4\", \"alerts\": []}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'alerts'");
	ASSERT_ERR(from_text(&inc, "{\"receiver\": \"x\", \"alerts\": [{\"startsAt\": \"soon\"}]}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "startsAt");
}

TEST(incident, native_fixture)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(load_fixture(&inc, "native.checkout-db-pool.json"));
	ASSERT_INT_EQ(inc.format, INCIDENT_NATIVE);
	ASSERT_INT_EQ(inc.severity, 1);
	ASSERT_STR_EQ(inc.title, "checkout-api: p99 latency and 5xx rate up");
	ASSERT_STR_EQ(inc.service, "checkout-api");
	ASSERT_STR_EQ(inc.environment, "staging");
	ASSERT_STR_EQ(inc.source, "prometheus");
	ASSERT_STR_EQ(inc.rule, "CheckoutHighErrorRate");
	ASSERT_STR_EQ(inc.description, "5xx ratio above 5% for 5 minutes");
	ASSERT_STR_EQ(inc.status, "firing");
	ASSERT_STR_EQ(inc.fired_at_text, "2026-11-18T03:12:00Z");
	ASSERT(fabs(metric(&inc, "error_rate", "value") - 0.123) < 1e-9);
	ASSERT(fabs(metric(&inc, "error_rate", "baseline") - 0.004) < 1e-9);
	ASSERT(fabs(metric(&inc, "error_rate", "threshold") - 0.05) < 1e-9);
	ASSERT(fabs(metric(&inc, "p99_latency_ms", "value") - 2350) < 1e-9);
	ASSERT(metric_is_null(&inc, "p99_latency_ms", "baseline"));
	ASSERT(metric_is_null(&inc, "p99_latency_ms", "threshold"));
	ASSERT_STR_EQ(label(&inc, "team"), "payments");
	ASSERT_STR_EQ(label(&inc, "replicas"), "3");
	ASSERT_STR_EQ(label(&inc, "canary"), "false");
	ASSERT(id_is_derived(&inc, "20261118"));
	incident_release(&inc);
}

TEST(incident, native_defaults_and_own_id)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(from_text(&inc, "{\"title\": \"DB pool exhausted\", \"severity\": \"P2\","
				  " \"service\": \"orders\", \"timestamp\": \"2026-03-04T05:06:07Z\","
				  " \"incident_id\": \"INC-42\", \"blame_pr_number\": 52}"));
	ASSERT_STR_EQ(inc.id, "INC-42");
	ASSERT_INT_EQ(inc.severity, 2);
	ASSERT_STR_EQ(inc.environment, "production");
	ASSERT_STR_EQ(inc.source, "unknown");
	ASSERT_STR_EQ(inc.rule, "DB pool exhausted");
	ASSERT_STR_EQ(inc.description, "");
	ASSERT_INT_EQ(inc.blame_hint, 52);
	ASSERT_INT_EQ(json_object_size(inc.metrics), 0);
	ASSERT_INT_EQ(json_object_size(inc.labels), 0);
	incident_release(&inc);
	ASSERT(inc.id == NULL && inc.labels == NULL);
}

TEST(incident, severity_words)
{
	static const struct {
		const char *word;
		int sev;
	} cases[] = {
		{"P1", 1}, {"p4", 4}, {"critical", 1}, {"CRITICAL", 1},
		{"high", 2}, {"Error", 2}, {"major", 2}, {"warning", 3},
		{"medium", 3}, {"minor", 3}, {"info", 4}, {"LOW", 4},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct incident inc = INCIDENT_INIT;
		char *text = xasprintf("{\"title\": \"t\", \"severity\": \"%s\", \"service\": \"s\","
				       " \"timestamp\": \"2026-01-01T00:00:00Z\"}",
				       cases[i].word);
		int error = from_text(&inc, text);

		free(text);
		ASSERT_OK(error);
		ASSERT_INT_EQ(inc.severity, cases[i].sev);
		incident_release(&inc);
	}
	ASSERT_STR_EQ(incident_severity_name(1), "P1");
	ASSERT_STR_EQ(incident_severity_name(4), "P4");
}

TEST(incident, missing_fields_are_named)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"service\": \"s\","
				   " \"timestamp\": \"2026-01-01T00:00:00Z\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot parse 'alert.json'");
	ASSERT_CONTAINS(err_last(), "field 'severity'");
	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P1\", \"service\": \"s\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'timestamp'");
	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P1\","
				   " \"timestamp\": \"2026-01-01T00:00:00Z\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'service'");
	ASSERT_ERR(from_text(&inc, "{\"severity\": \"P1\", \"service\": \"s\","
				   " \"timestamp\": \"2026-01-01T00:00:00Z\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'title'");
	ASSERT(inc.id == NULL);
}

TEST(incident, bad_values_are_named)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"severity\": \"urgent\", \"service\": \"s\","
				   " \"timestamp\": \"2026-01-01T00:00:00Z\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'severity'");
	ASSERT_CONTAINS(err_last(), "'urgent'");
	ASSERT_CONTAINS(err_last(), "P1-P4");
	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P1\", \"service\": \"s\","
				   " \"timestamp\": \"yesterday\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'timestamp'");
	ASSERT_CONTAINS(err_last(), "yesterday");
	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P1\", \"service\": \"s\","
				   " \"timestamp\": \"2026-01-01T00:00:00Z\", \"incident_id\": \"../../etc\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'incident_id'");
	ASSERT_ERR(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P1\", \"service\": \"s\","
				   " \"timestamp\": \"2026-01-01T00:00:00Z\", \"status\": \"maybe\"}"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'status'");
}

TEST(incident, wrong_types_are_named)
{
	static const struct {
		const char *extra;
		const char *field;
	} cases[] = {
		{"\"environment\": 3", "field 'environment': expected string, found number"},
		{"\"metrics\": [1]", "field 'metrics': expected object, found array"},
		{"\"metrics\": {\"cpu\": \"high\"}", "field 'metrics.cpu'"},
		{"\"metrics\": {\"cpu\": {\"value\": 1, \"threshold\": \"0.9\"}}", "field 'metrics.cpu'"},
		{"\"labels\": \"team=x\"", "field 'labels': expected object, found string"},
		{"\"labels\": {\"team\": [\"a\"]}", "field 'labels.team'"},
		{"\"labels\": {\"team\": null}", "field 'labels.team'"},
		{"\"blame_pr_number\": \"52\"", "field 'blame_pr_number'"},
		{"\"blame_pr_number\": -1", "field 'blame_pr_number'"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct incident inc = INCIDENT_INIT;
		char *text = xasprintf("{\"title\": \"t\", \"severity\": \"P1\", \"service\": \"s\","
				       " \"timestamp\": \"2026-01-01T00:00:00Z\", %s}",
				       cases[i].extra);
		int error = from_text(&inc, text);

		free(text);
		ASSERT_ERR(error, ERR_INPUT);
		ASSERT_CONTAINS(err_last(), cases[i].field);
	}
	{
		struct incident inc = INCIDENT_INIT;

		ASSERT_ERR(from_text(&inc, "{\"title\": 7, \"severity\": \"P1\", \"service\": \"s\","
					   " \"timestamp\": \"2026-01-01T00:00:00Z\"}"),
			   ERR_INPUT);
		ASSERT_CONTAINS(err_last(), "field 'title': expected string, found number");
	}
}

TEST(incident, unknown_format)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_ERR(from_text(&inc, "{\"hello\": \"world\"}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot parse 'alert.json': unknown alert format");
	ASSERT_CONTAINS(err_last(), "Alertmanager webhook");
	ASSERT_ERR(from_text(&inc, "{\"alerts\": []}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "unknown alert format");
	ASSERT_ERR(from_text(&inc, "{\"schemaId\": \"other\"}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "unknown alert format");
	ASSERT_ERR(from_text(&inc, "[1, 2]"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "expected a JSON object, found array");
	ASSERT_ERR(from_text(&inc, "\"alert\""), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'alert.json'");
	ASSERT(inc.id == NULL && inc.metrics == NULL);
}

TEST(incident, load_errors_name_the_file)
{
	struct incident inc = INCIDENT_INIT;
	char *path = sys_path_join(harness_tmpdir(), "alert.json");

	ASSERT_ERR(incident_load(&inc, path), ERR_NOTFOUND);
	ASSERT_OK(sys_write_file(path, "{\"title\": ", 10));
	ASSERT_ERR(incident_load(&inc, path), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), path);
	ASSERT_OK(sys_write_file(path, "{\"x\": 1}", 8));
	ASSERT_ERR(incident_load(&inc, path), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), path);
	ASSERT_CONTAINS(err_last(), "unknown alert format");
	free(path);
}

TEST(incident, fingerprint_is_stable_and_documented)
{
	struct incident a = INCIDENT_INIT, b = INCIDENT_INIT, c = INCIDENT_INIT;
	const char *text = "prometheus\nHighErrors\norders\nregion=eu\nteam=core\n";
	char want[CRYPTO_SHA256_HEX];

	ASSERT_OK(from_text(&a, "{\"title\": \"t1\", \"severity\": \"P1\", \"service\": \"orders\","
				" \"timestamp\": \"2026-01-01T00:00:00Z\", \"alert_source\": \"prometheus\","
				" \"rule\": \"HighErrors\", \"labels\": {\"team\": \"core\", \"region\": \"eu\"}}"));
	/* Another firing: other title, time and severity, labels in another order. */
	ASSERT_OK(from_text(&b, "{\"labels\": {\"region\": \"eu\", \"team\": \"core\"},"
				" \"rule\": \"HighErrors\", \"alert_source\": \"prometheus\","
				" \"title\": \"t2\", \"severity\": \"P3\", \"service\": \"orders\","
				" \"timestamp\": \"2026-02-01T00:00:00Z\"}"));
	ASSERT_OK(from_text(&c, "{\"title\": \"t1\", \"severity\": \"P1\", \"service\": \"orders\","
				" \"timestamp\": \"2026-01-01T00:00:00Z\", \"alert_source\": \"prometheus\","
				" \"rule\": \"HighErrors\", \"labels\": {\"team\": \"edge\", \"region\": \"eu\"}}"));
	ASSERT_OK(crypto_sha256_hex(want, text, strlen(text)));
	ASSERT_STR_EQ(a.fingerprint, want);
	ASSERT_STR_EQ(b.fingerprint, a.fingerprint);
	ASSERT(strcmp(c.fingerprint, a.fingerprint) != 0);
	ASSERT(id_is_derived(&a, "20260101"));
	ASSERT(id_is_derived(&b, "20260201"));
	ASSERT(!strncmp(a.id + 13, b.id + 13, 8));
	incident_release(&a);
	incident_release(&b);
	incident_release(&c);
}

TEST(incident, to_json_has_every_field)
{
	struct incident inc = INCIDENT_INIT;
	json_t *j;

	ASSERT_OK(load_fixture(&inc, "native.checkout-db-pool.json"));
	j = incident_to_json(&inc);
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "incident_id")), inc.id);
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "fingerprint")), inc.fingerprint);
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "format")), "native");
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "severity")), "P1");
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "fired_at")), "2026-11-18T03:12:00Z");
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "status")), "firing");
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "rule")), "CheckoutHighErrorRate");
	ASSERT(json_is_object(json_object_get(j, "metrics")));
	ASSERT(json_object_get(j, "metrics") != inc.metrics);
	ASSERT_STR_EQ(json_string_value(json_object_get(json_object_get(j, "labels"), "team")),
		      "payments");
	ASSERT(json_is_null(json_object_get(j, "blame_hint")));
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "kind")), "service");
	ASSERT_STR_EQ(json_string_value(json_object_get(j, "signal")), "native");
	ASSERT(json_is_object(json_object_get(j, "context")));
	ASSERT_INT_EQ(json_array_size(json_object_get(j, "alerts")), 0);
	ASSERT_INT_EQ(json_integer_value(json_object_get(j, "truncated_alerts")), 0);
	ASSERT_INT_EQ(json_object_size(j), 20);
	json_decref(j);
	incident_release(&inc);
}

TEST(incident, format_names)
{
	ASSERT_STR_EQ(incident_format_name(INCIDENT_NATIVE), "native");
	ASSERT_STR_EQ(incident_format_name(INCIDENT_AZURE_MONITOR), "azure-monitor");
	ASSERT_STR_EQ(incident_format_name(INCIDENT_ALERTMANAGER), "alertmanager");
	ASSERT_INT_EQ(incident_format_parse("azure-monitor"), INCIDENT_AZURE_MONITOR);
	ASSERT_INT_EQ(incident_format_parse("alertmanager"), INCIDENT_ALERTMANAGER);
	ASSERT_INT_EQ(incident_format_parse("native"), INCIDENT_NATIVE);
	ASSERT_INT_EQ(incident_format_parse("grafana"), INCIDENT_GRAFANA);
	ASSERT_STR_EQ(incident_format_name(INCIDENT_GRAFANA), "grafana");
	ASSERT_INT_EQ(incident_format_parse("pagerduty"), -1);
}

TEST(incident, kinds_say_whether_code_can_be_blamed)
{
	static const struct {
		enum incident_kind kind;
		const char *name;
		bool blames;
	} cases[] = {
		{INCIDENT_KIND_SERVICE, "service", true},   {INCIDENT_KIND_PLATFORM, "platform", false},
		{INCIDENT_KIND_ACTIVITY, "activity", false}, {INCIDENT_KIND_SECURITY, "security", false},
		{INCIDENT_KIND_COST, "cost", false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_STR_EQ(incident_kind_name(cases[i].kind), cases[i].name);
		ASSERT_INT_EQ(incident_kind_blames_code(cases[i].kind), cases[i].blames);
	}
	ASSERT_STR_EQ(incident_kind_name((enum incident_kind)42), "unknown");
	ASSERT(!incident_kind_blames_code((enum incident_kind)42));
}

/* An Azure payload around `context`, with essentials `ess` (JSON members, no braces). */
static int azure_text(struct incident *inc, const char *ess, const char *context)
{
	char *text = xasprintf("{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {"
			       "\"essentials\": {\"firedDateTime\": \"2026-02-03T04:05:06Z\", %s},"
			       " \"alertContext\": %s}}",
			       ess, context);
	int error = from_text(inc, text);

	free(text);
	return error;
}

TEST(incident, service_health_lifecycle_and_service)
{
	static const struct {
		const char *stage, *type, *status;
	} cases[] = {
		{"Active", "Incident", "firing"},     {"Resolved", "Incident", "resolved"},
		{"RCA", "Incident", "resolved"},      {"Planned", "Maintenance", "notice"},
		{"InProgress", "Maintenance", "notice"}, {"Complete", "Maintenance", "resolved"},
		{"Active", "ActionRequired", "notice"}, {"Active", "Informational", "notice"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct incident inc = INCIDENT_INIT;
		char *ctx = xasprintf("{\"operationName\": \"Microsoft.ServiceHealth/incident/action\","
				      " \"properties\": {\"title\": \"Storage degraded\", \"service\": \"Storage\","
				      " \"stage\": \"%s\", \"incidentType\": \"%s\", \"impactedServices\":"
				      " \"[{\\\"ImpactedRegions\\\":[{\\\"RegionName\\\":\\\"West Europe\\\"}],"
				      "\\\"ServiceName\\\":\\\"Storage\\\"}]\"}}",
				      cases[i].stage, cases[i].type);
		int error = azure_text(&inc, "\"alertRule\": \"sh\", \"severity\": \"Sev1\","
				       " \"monitorCondition\": \"Fired\", \"monitoringService\": \"ServiceHealth\","
				       " \"alertTargetIDs\": [\"/subscriptions/0000\"]", ctx);

		free(ctx);
		ASSERT_OK(error);
		ASSERT_STR_EQ(inc.status, cases[i].status);
		ASSERT_STR_EQ(inc.signal, "service-health");
		ASSERT_INT_EQ(inc.kind, INCIDENT_KIND_PLATFORM);
		/* The Azure product is Microsoft's, not ours; a subscription is no target. */
		ASSERT_STR_EQ(inc.service, "unknown");
		ASSERT(label(&inc, "target") == NULL);
		ASSERT_STR_EQ(jsonx_str(inc.context, "azure_service"), "Storage");
		ASSERT_STR_EQ(inc.description, "Storage degraded");
		ASSERT_STR_EQ(json_string_value(json_array_get(
				      jsonx_path(json_array_get(json_object_get(inc.context, "impacted"), 0),
						 "regions"), 0)),
			      "West Europe");
		incident_release(&inc);
	}
}

TEST(incident, azure_resolved_condition_wins)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(azure_text(&inc, "\"alertRule\": \"vm\", \"severity\": \"Sev2\","
			     " \"monitorCondition\": \"Resolved\", \"monitoringService\": \"Resource Health\"",
			     "{\"eventSource\": \"ResourceHealth\", \"status\": \"Active\","
			     " \"properties\": {\"currentHealthStatus\": \"Unavailable\"}}"));
	ASSERT_STR_EQ(inc.status, "resolved");
	ASSERT_STR_EQ(inc.signal, "resource-health");
	incident_release(&inc);
	ASSERT_OK(azure_text(&inc, "\"alertRule\": \"vm\", \"severity\": \"Sev2\","
			     " \"monitorCondition\": \"Fired\"",
			     "{\"eventSource\": \"ResourceHealth\", \"status\": \"Active\","
			     " \"properties\": {\"currentHealthStatus\": \"Available\"}}"));
	ASSERT_STR_EQ(inc.status, "resolved");
	incident_release(&inc);
	ASSERT_OK(azure_text(&inc, "\"alertRule\": \"vm\", \"severity\": \"Sev2\","
			     " \"monitorCondition\": \"Fired\"",
			     "{\"eventSource\": \"ResourceHealth\", \"status\": \"Active\","
			     " \"properties\": {\"currentHealthStatus\": \"Degraded\"}}"));
	ASSERT_STR_EQ(inc.status, "firing");
	incident_release(&inc);
}

TEST(incident, budget_is_its_own_kind)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(azure_text(&inc, "\"alertRule\": null, \"severity\": null, \"monitorCondition\": \"Fired\","
			     " \"monitoringService\": \"CostAlerts\", \"configurationItems\": [\"budgets\"]",
			     "{\"AlertCategory\": \"budgets\", \"AlertData\": {\"ThresholdType\": \"Actual\","
			     " \"BudgetName\": \"team-a\", \"SpentAmount\": \"$1,234.50\","
			     " \"NotificationThresholdAmount\": \"$1,000.00\", \"BudgetThreshold\": \"$2,000.00\"}}"));
	ASSERT_INT_EQ(inc.kind, INCIDENT_KIND_COST);
	ASSERT(!incident_kind_blames_code(inc.kind));
	ASSERT_STR_EQ(inc.signal, "budget");
	ASSERT_INT_EQ(inc.severity, 3);
	ASSERT_STR_EQ(inc.rule, "team-a");
	ASSERT_STR_EQ(inc.service, "team-a");
	ASSERT_STR_EQ(inc.title, "Budget 'team-a': actual cost over its threshold");
	ASSERT(fabs(metric(&inc, "cost", "value") - 1234.5) < 1e-9);
	ASSERT(fabs(metric(&inc, "cost", "threshold") - 1000) < 1e-9);
	ASSERT(json_object_get(inc.metrics, "forecast") == NULL);
	incident_release(&inc);
	/* Without a budget the essentials must still say what a metric alert needs. */
	ASSERT_ERR(azure_text(&inc, "\"alertRule\": null, \"severity\": \"Sev1\"", "{}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'data.essentials.alertRule'");
	ASSERT_ERR(azure_text(&inc, "\"alertRule\": \"r\", \"severity\": null", "{}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'data.essentials.severity'");
}

TEST(incident, azure_numbers_in_words)
{
	struct incident inc = INCIDENT_INIT;

	/* Smart detection: "0.45 sec" against "0.27 sec (over the last 7 days)". */
	ASSERT_OK(azure_text(&inc, "\"alertRule\": \"sd\", \"severity\": \"Sev3\","
			     " \"monitoringService\": \"SmartDetector\"",
			     "{\"SmartDetectorId\": \"X\", \"SmartDetectorName\": \"Latency\","
			     " \"DetectedValue\": \"0.45 sec\", \"NormalValue\": \"0.27 sec (7 days)\"}"));
	ASSERT(fabs(metric(&inc, "Latency", "value") - 0.45) < 1e-9);
	ASSERT(fabs(metric(&inc, "Latency", "baseline") - 0.27) < 1e-9);
	incident_release(&inc);
	/* Prometheus: "12.7m" is not read as 12.7; the text stays in the context. */
	ASSERT_OK(azure_text(&inc, "\"alertRule\": \"p\", \"severity\": \"Sev3\"",
			     "{\"expression\": \"up == 0\", \"expressionValue\": \"12.7m\","
			     " \"labels\": {\"Environment\": \"Prod\", \"app\": \"cart\"}}"));
	ASSERT_STR_EQ(inc.signal, "prometheus");
	ASSERT_INT_EQ(json_object_size(inc.metrics), 0);
	ASSERT_STR_EQ(jsonx_str(inc.context, "value"), "12.7m");
	ASSERT_STR_EQ(inc.service, "cart");
	ASSERT_STR_EQ(inc.environment, "Prod");
	incident_release(&inc);
}

TEST(incident, grafana_group)
{
	struct incident inc = INCIDENT_INIT;
	json_t *a;

	ASSERT_OK(from_text(&inc, "{\"receiver\": \"r\", \"status\": \"resolved\", \"orgId\": 1,"
				  " \"version\": \"1\", \"truncatedAlerts\": 2, \"commonLabels\": {},"
				  " \"alerts\": [{\"status\": \"resolved\", \"labels\": {\"alertname\": \"Mem\","
				  " \"service\": \"cart\"}, \"startsAt\": \"2026-01-01T10:00:00+02:00\","
				  " \"endsAt\": \"2026-01-01T09:00:00Z\", \"values\": {\"B\": 4.5, \"C\": \"x\"}},"
				  " {\"status\": \"firing\", \"labels\": {\"alertname\": \"Cpu\"},"
				  " \"startsAt\": \"2026-01-01T09:30:00Z\", \"endsAt\": \"0001-01-01T00:00:00Z\","
				  " \"values\": {\"B\": 9}}]}"));
	ASSERT_INT_EQ(inc.format, INCIDENT_GRAFANA);
	ASSERT_STR_EQ(inc.source, "grafana");
	ASSERT_STR_EQ(inc.status, "resolved");
	ASSERT_STR_EQ(inc.service, "cart");
	ASSERT_STR_EQ(inc.rule, "Mem");
	ASSERT_STR_EQ(inc.fired_at_text, "2026-01-01T08:00:00Z");
	ASSERT_INT_EQ(inc.truncated_alerts, 2);
	ASSERT(fabs(metric(&inc, "B", "value") - 4.5) < 1e-9);
	ASSERT(json_object_get(inc.metrics, "C") == NULL);
	ASSERT_INT_EQ(json_array_size(inc.alerts), 2);
	a = json_array_get(inc.alerts, 1);
	ASSERT_STR_EQ(jsonx_str(a, "status"), "firing");
	ASSERT_STR_EQ(jsonx_str(a, "alertname"), "Cpu");
	ASSERT(json_is_null(json_object_get(a, "ends_at")));
	ASSERT_STR_EQ(jsonx_str(json_array_get(inc.alerts, 0), "ends_at"), "2026-01-01T09:00:00Z");
	incident_release(&inc);
	/* No status on the group: firing while one of its alerts fires. */
	ASSERT_OK(from_text(&inc, "{\"version\": \"4\", \"alerts\": [{\"status\": \"resolved\","
				  " \"startsAt\": \"2026-01-01T00:00:00Z\"}, {\"status\": \"firing\","
				  " \"startsAt\": \"2026-01-01T00:00:00Z\"}]}"));
	ASSERT_INT_EQ(inc.format, INCIDENT_ALERTMANAGER);
	ASSERT_STR_EQ(inc.status, "firing");
	incident_release(&inc);
	ASSERT_ERR(from_text(&inc, "{\"version\": \"4\", \"alerts\": [\"x\"]}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'alerts[0]': expected an object, found string");
}

TEST(incident, alert_context_alone_is_named)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_ERR(from_text(&inc, "{\"alertContext\": {\"conditionType\": \"x\"}}"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "alertContext on its own");
	ASSERT_CONTAINS(err_last(), "schemaId and data.essentials");
}

/* A salt keys the fingerprint: the same alert, another marker nobody can compute. */
TEST(incident, a_salt_keys_the_fingerprint)
{
	const char *text = "{\"title\":\"t\",\"severity\":\"P2\",\"service\":\"svc\",\"environment\":\"prod\","
			   "\"timestamp\":\"2026-01-01T10:00:00Z\",\"alert_source\":\"prometheus\",\"metrics\":{},"
			   "\"labels\":{\"team\":\"a\"}}";
	struct incident plain = INCIDENT_INIT, salted = INCIDENT_INIT, again = INCIDENT_INIT;
	json_t *alert = NULL;

	ASSERT_OK(jsonx_parse(&alert, text, strlen(text), "alert"));
	ASSERT_OK(incident_from_json(&plain, alert, "alert"));
	incident_set_salt("s3cret-salt");
	ASSERT_OK(incident_from_json(&salted, alert, "alert"));
	ASSERT_OK(incident_from_json(&again, alert, "alert"));
	incident_set_salt(NULL);
	ASSERT_INT_EQ(strlen(salted.fingerprint), 64);
	ASSERT(strcmp(plain.fingerprint, salted.fingerprint) != 0);
	ASSERT_STR_EQ(salted.fingerprint, again.fingerprint);
	incident_release(&plain);
	incident_release(&salted);
	incident_release(&again);
	json_decref(alert);
}

/* The alert's names reach commits and pull requests: a hostile one is defused, a real one kept. */
TEST(incident, hostile_service_and_environment_are_defused)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P2\", \"service\": \"catalog fixes #1 @acme/admins\", "
				  "\"environment\": \"prod <img src=x>\", \"timestamp\": \"2026-01-27T10:31:00Z\"}"));
	ASSERT_STR_EQ(inc.service, "catalog fixes\xe2\x80\x8b #1 @\xe2\x80\x8b" "acme/admins");
	ASSERT_STR_EQ(inc.environment, "prod &lt;img src=x>");
	incident_release(&inc);
	ASSERT_OK(from_text(&inc, "{\"title\": \"t\", \"severity\": \"P2\", \"service\": \"catalog-service\", "
				  "\"environment\": \"production\", \"timestamp\": \"2026-01-27T10:31:00Z\"}"));
	ASSERT_STR_EQ(inc.service, "catalog-service");
	incident_release(&inc);
}
