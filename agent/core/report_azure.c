#include "common.h"
#include "core/report_azure.h"
#include "core/incident.h"
#include "core/signals.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/text.h"

#include <ctype.h>

/* Resource types by the Cloud Adoption Framework's name prefixes. */
static const struct {
	const char *prefix, *namespace_;
} resource_types[] = {
	{"appi-", "microsoft.insights/components"}, {"app-", "Microsoft.Web/sites"},
	{"func-", "Microsoft.Web/sites"}, {"afd-", "Microsoft.Cdn/profiles"},
	{"sqldb-", "Microsoft.Sql/servers/databases"}, {"ca-", "Microsoft.App/containerApps"},
	{"psql-", "Microsoft.DBforPostgreSQL/flexibleServers"},
	{"aks-", "Microsoft.ContainerService/managedClusters"}, {"redis-", "Microsoft.Cache/redis"},
	{"sb-", "Microsoft.ServiceBus/namespaces"},
};

/* How a metric is aggregated over the window, by words of its name (first match). */
static const struct {
	const char *word, *aggregation;
} aggregations[] = {
	{"requests/failed", "Count"}, {"exceptions/", "Count"}, {"/duration", "Average"},
	{"percent", "Average"}, {"Percentage", "Average"}, {"time", "Average"},
	{"", "Total"},
};

/*
 * For an alert without metrics: the Application Insights metric that watches a rule's
 * quantity, and a threshold per 5 minutes.
 */
static const struct {
	enum signal_alert alert;
	const char *metric, *aggregation;
	double threshold;
} insights[] = {
	{SIGNAL_ALERT_ERROR_RATIO, "requests/failed", "Count", 5},
	{SIGNAL_ALERT_P99_LATENCY, "requests/duration", "Average", 2000},
};

static const char *resource_type(const struct report *c)
{
	const char *target = report_label(c->inc, "target");

	for (size_t i = 0; target && i < ARRAY_SIZE(resource_types); i++)
		if (!strncmp(target, resource_types[i].prefix, strlen(resource_types[i].prefix)))
			return resource_types[i].namespace_;
	return NULL;
}

static const char *aggregation(const char *metric)
{
	for (size_t i = 0; i < ARRAY_SIZE(aggregations); i++)
		if (text_contains_ci(metric, aggregations[i].word))
			return aggregations[i].aggregation;
	return "Total";
}

/* "<stem>-<metric>" with anything outside [a-z0-9-] as '-'. New string. */
static char *alert_name(const struct report *c, const char *metric)
{
	char *name = xasprintf("%s-%s", c->stem, metric);

	for (char *p = name; *p; p++)
		*p = isalnum((unsigned char)*p) && (unsigned char)*p < 0x80 ? (char)tolower((unsigned char)*p) : '-';
	return name;
}

static json_t *metric_alert(const struct report *c, const char *metric, const char *agg,
			    bool below, double threshold, const char *runbook_url)
{
	const char *ns = resource_type(c);
	char *name = alert_name(c, metric);
	char *desc = report_clean_line(c->inc->title, 200);
	char *text = xasprintf("%s %s its threshold. Learned from incident %s (%s). Runbook: %s",
			       metric, below ? "fell below" : "rose above", c->inc->id, desc, runbook_url);
	json_t *crit = json_pack("{s:s, s:s, s:s, s:s, s:f, s:s}", "criterionType",
				 "StaticThresholdCriterion", "name", "c1", "metricName", metric,
				 "operator", below ? "LessThan" : "GreaterThan", "threshold", threshold,
				 "timeAggregation", agg);
	json_t *res;

	if (ns)
		json_object_set_new(crit, "metricNamespace", json_string(ns));
	res = json_pack(
		"{s:s, s:s, s:s, s:s, s:{s:s, s:i, s:b, s:[s], s:s, s:s, s:b,"
		" s:{s:s, s:[o]}, s:[{s:s, s:{s:s, s:s}}]}}",
		"type", "Microsoft.Insights/metricAlerts", "apiVersion", "2018-03-01", "name", name,
		"location", "global", "properties", "description", text, "severity",
		c->inc->severity <= 2 ? 1 : 3, "enabled", 1, "scopes",
		"[parameters('targetResourceId')]", "evaluationFrequency", "PT1M", "windowSize",
		"PT5M", "autoMitigate", 1, "criteria", "odata.type",
		"Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", "allOf", crit,
		"actions", "actionGroupId", "[parameters('actionGroupId')]", "webHookProperties",
		"runbook_url", runbook_url, "incident", c->inc->id);
	free(text);
	free(desc);
	free(name);
	return res;
}

/* Metric alerts on the alert's own metrics. */
static void add_alert_metrics(json_t *list, const struct report *c, const char *runbook_url)
{
	const char *key;
	json_t *m;

	if (!json_is_object(c->inc->metrics))
		return;
	json_object_foreach(c->inc->metrics, key, m) {
		double t, base;

		if (!report_metric_number(m, "threshold", &t))
			continue;
		json_array_append_new(list, metric_alert(c, key, aggregation(key),
							 report_metric_number(m, "baseline", &base) &&
								 base > t,
							 t, runbook_url));
	}
}

static bool diagnosed(const struct diagnosis *dx, enum signal_alert a)
{
	const struct signal_alert_rule *t = signals_alert_rule(a);

	for (size_t i = 0; i < dx->nsignals; i++)
		if (dx->signals[i].name && signals_watches(dx->signals[i].name, a))
			return true;
	return t->every_service;
}

int report_azure_render(struct buf *out, size_t *nrules, const struct report *c)
{
	char *runbook_url = report_blob_url(c->ev, report_default_branch(c->ev), c->runbook_path);
	json_t *list = json_array(), *doc;
	char *text;

	add_alert_metrics(list, c, runbook_url);
	if (!json_array_size(list)) /* a log search: no metric of its own */
		for (size_t i = 0; i < ARRAY_SIZE(insights); i++)
			if (diagnosed(c->dx, insights[i].alert))
				json_array_append_new(list, metric_alert(c, insights[i].metric,
									 insights[i].aggregation, false,
									 insights[i].threshold, runbook_url));
	*nrules = json_array_size(list);
	doc = json_pack(
		"{s:s, s:s, s:{s:s, s:s}, s:{s:{s:s, s:{s:s}}, s:{s:s, s:{s:s}}}, s:o}",
		"$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
		"contentVersion", "1.0.0.0", "metadata", "generator", "aiops-agent", "incident",
		c->inc->id, "parameters", "targetResourceId", "type", "string", "metadata",
		"description", "the resource Azure Monitor watches for this service",
		"actionGroupId", "type", "string", "metadata", "description",
		"the action group to notify", "resources", list);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	free(runbook_url);
	if (!text)
		return err_set(ERR_FAIL, "cannot write the Azure Monitor alert rules as JSON");
	buf_puts(out, text);
	buf_puts(out, "\n");
	free(text);
	return 0;
}
