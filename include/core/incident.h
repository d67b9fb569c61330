/*
 * incident.h - the incident as the rest of the pipeline sees it, whatever sent the alert.
 *
 * Four alert formats are detected from their shape and normalized:
 *   native         {"title", "severity", "service", "environment", "timestamp", ...}
 *   azure-monitor  Azure Monitor common alert schema ("schemaId": "azureMonitorCommonAlertSchema"),
 *                  every signal: metric (static, dynamic, availability test), log search v1 and
 *                  v2, simple log alerts, activity log (administrative, policy, autoscale,
 *                  security, service health, resource health), smart detection, managed
 *                  Prometheus, budget and cost alerts
 *   alertmanager   Prometheus Alertmanager webhook, version 4 ({"alerts": [...], ...})
 *   grafana        Grafana unified alerting webhook, version 1 ({"alerts": [...], "orgId", ...})
 *
 * The fingerprint is the SHA-256 (hex) of "source\nrule\nservice\n" followed by the
 * sorted "key=value\n" labels, so the same alert firing again has the same fingerprint
 * and a re-run finds its issue. The incident id is the alert's own when it has one,
 * else "INC-<YYYYMMDD of the fire time>-<first 8 hex of the fingerprint>".
 */
#ifndef AIOPS_INCIDENT_H
#define AIOPS_INCIDENT_H

#include "common.h"

#include <jansson.h>
#include <time.h>

enum incident_format {
	INCIDENT_NATIVE,
	INCIDENT_AZURE_MONITOR,
	INCIDENT_ALERTMANAGER,
	INCIDENT_GRAFANA,
};

/*
 * What the alert reports, so the pipeline can tell whether a merged pull request can be
 * its cause at all (incident_kind_blames_code):
 *   service   a symptom of the running service: metrics, logs, probes, smart detection,
 *             Prometheus, Alertmanager, Grafana and native alerts (code blame applies)
 *   platform  the provider's own health: Azure Service Health and Resource Health
 *   activity  a control-plane operation: Activity Log administrative, policy, autoscale
 *   security  a security finding (Activity Log security)
 *   cost      a budget or cost alert: spending, not a failure
 */
enum incident_kind {
	INCIDENT_KIND_SERVICE,
	INCIDENT_KIND_PLATFORM,
	INCIDENT_KIND_ACTIVITY,
	INCIDENT_KIND_SECURITY,
	INCIDENT_KIND_COST,
};

struct incident {
	enum incident_format format;
	char *id;
	char *fingerprint;  /* 64 hex */
	char *title;
	char *description;  /* may be "" */
	char *service;
	char *environment;  /* "production" when the alert does not say */
	char *source;       /* "prometheus", "azure-monitor/Platform", "alertmanager", ... */
	char *rule;         /* the alert rule's name ("" when unknown) */
	/*
	 * "firing", "resolved" (Azure monitorCondition Resolved, a Service Health stage
	 * Resolved/Complete/RCA/Canceled, a resource back to Available, an Alertmanager or
	 * Grafana group whose status is resolved) or "notice" (a Service Health maintenance,
	 * information or action-required notice: nothing is failing). Only "firing" asks
	 * for a response.
	 */
	char *status;
	enum incident_kind kind;
	/*
	 * Which shape was read: "native", "alertmanager", "grafana", or for Azure Monitor
	 * "metric", "metric-dynamic", "availability", "log-search", "log-alerts-v2",
	 * "simple-log", "activity-administrative", "activity-policy", "activity-autoscale",
	 * "activity-security", "service-health", "resource-health", "smart-detection",
	 * "prometheus", "budget", or "other" (essentials only, an alertContext not known).
	 */
	char *signal;
	int severity;       /* 1..4 for P1..P4 */
	time_t fired_at;
	char fired_at_text[32]; /* RFC 3339 UTC */
	json_t *metrics;    /* object: name -> {"value", "baseline", "threshold"} (numbers or null) */
	json_t *labels;     /* object: string -> string */
	/*
	 * What the signal says beyond the common fields (object, may be empty), by signal:
	 *   metric*, availability  condition_type, window_start, window_end, dimensions
	 *                          {name: value}, sensitivity (dynamic), web_test (availability)
	 *   log-search, log-alerts-v2, simple-log
	 *                          query, result_count, results_link (portal), results_api,
	 *                          alert_type (v1), dimensions, events (simple-log: the rows)
	 *   activity-*             event_source, operation, status, caller, resource,
	 *                          event_time, level, properties (the event's own)
	 *   service-health         stage, incident_type, tracking_id, azure_service (the Azure
	 *                          product: never the incident's service), region, impacted
	 *                          [{service, regions: [...]}], impact_start, impact_mitigation,
	 *                          headline
	 *   resource-health        headline, current_health, previous_health, type, cause
	 *   smart-detection        detector, summary, detected_value, normal_value, occurred_at
	 *   prometheus             expression, value (as sent), for, interval, rule_group,
	 *                          annotations {...}
	 *   budget                 budget_name, budget_type, threshold_type (Actual or
	 *                          Forecasted), spent, budget_threshold, notification_threshold,
	 *                          forecast, unit, scope
	 *   alertmanager, grafana  group_key, receiver, external_url
	 * plus resolved_at (Azure resolvedDateTime) when the alert says it.
	 */
	json_t *context;
	/*
	 * An Alertmanager or Grafana group's alerts, each {status, alertname, fingerprint,
	 * starts_at, ends_at (null while firing), labels, summary, values (Grafana: refId ->
	 * number)}; an empty array for the other formats, which carry one alert.
	 */
	json_t *alerts;
	int truncated_alerts; /* alerts the sender left out of the group (truncatedAlerts) */
	int blame_hint;     /* optional "blame_pr_number" of a native alert; 0 when absent */
};

#define INCIDENT_INIT {0}

/*
 * Normalize a parsed alert. ERR_INPUT names `origin` and the field. `*out` is written
 * only on success (release it with incident_release); `alert` is not kept.
 *
 * Detection: "schemaId": "azureMonitorCommonAlertSchema" is Azure Monitor; an "alerts"
 * array beside "version", "receiver" or "groupLabels" is Alertmanager; a "title", or a
 * "severity" with a "service", is native (so a native alert missing a field is told
 * which one); anything else, and any non-object, is ERR_INPUT.
 *
 * Native details: "rule" (or "alert_rule") defaults to the title, "status" is optional
 * ("firing" or "resolved"), and "incident_id" must be 1-64 of [A-Za-z0-9._-] not starting
 * with '.' or '-', because the id names directories and branches. Azure Monitor labels
 * are data.alertContext.properties and data.customProperties (the latter wins), plus
 * "signal_type" and "target" (the last segment of a resource id; a subscription or
 * resource group is no target). Its service is customProperties.service, then
 * alertContext.properties.service, then what the signal names (a Prometheus alert's
 * service/app/container/job label, a budget's name), then the first configuration item,
 * then the target, else "unknown": a Service Health notice names an Azure product, which is
 * never taken for the service. A budget alert has no rule or severity: the budget's name
 * is the rule and P3 the severity. An alertContext sent on its own (a documentation
 * excerpt, no schemaId or essentials) is refused as such.
 *
 * Alertmanager and Grafana: labels are commonLabels (else the first alert's), the title
 * commonAnnotations.summary, then the first alert's summary, then alertname; the service
 * the first of service, job, app, container in the labels (then in the first alert's);
 * the fire time the earliest startsAt; Grafana's per-alert values become metrics (the
 * first alert that has a refId wins).
 */
int incident_from_json(struct incident *out, json_t *alert, const char *origin);
/* Read (capped at ALERT_FILE_MAX), parse and normalize an alert file. */
int incident_load(struct incident *out, const char *path);
/*
 * Key every fingerprint after this with `salt` (HMAC-SHA256; NULL or "": plain SHA-256),
 * so that nobody without the salt can compute an incident's marker. Set once, before
 * any thread starts (the command layer does, from AIOPS_FINGERPRINT_SALT).
 */
void incident_set_salt(const char *salt);
void incident_release(struct incident *inc);

const char *incident_format_name(enum incident_format f);
/* Parse a format name ("native", "azure-monitor", "alertmanager", "grafana"); -1 when unknown. */
int incident_format_parse(const char *name);
/* "service", "platform", "activity", "security", "cost" */
const char *incident_kind_name(enum incident_kind kind);
/* Whether a code change can cause an alert of this kind (only INCIDENT_KIND_SERVICE). */
bool incident_kind_blames_code(enum incident_kind kind);
/* "P1".."P4" ("unknown" outside 1..4) */
const char *incident_severity_name(int severity);

/* The normalized alert as a new JSON object (what `aiops-agent adapt` prints). */
json_t *incident_to_json(const struct incident *inc);

#endif
