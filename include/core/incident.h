/*
 * incident.h - the incident as the rest of the pipeline sees it, whatever sent the alert.
 *
 * Three alert formats are detected from their shape and normalized:
 *   native         {"title", "severity", "service", "environment", "timestamp", ...}
 *   azure-monitor  Azure Monitor common alert schema ("schemaId": "azureMonitorCommonAlertSchema")
 *   alertmanager   Prometheus Alertmanager webhook, version 4 ({"alerts": [...], ...})
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
	char *status;       /* "firing" or "resolved" */
	int severity;       /* 1..4 for P1..P4 */
	time_t fired_at;
	char fired_at_text[32]; /* RFC 3339 UTC */
	json_t *metrics;    /* object: name -> {"value", "baseline", "threshold"} (numbers or null) */
	json_t *labels;     /* object: string -> string */
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
 * "signal_type" and "target"; payloads without metric criteria have no metrics.
 */
int incident_from_json(struct incident *out, json_t *alert, const char *origin);
/* Read (capped at ALERT_FILE_MAX), parse and normalize an alert file. */
int incident_load(struct incident *out, const char *path);
void incident_release(struct incident *inc);

const char *incident_format_name(enum incident_format f);
/* Parse a format name ("native", "azure-monitor", "alertmanager"); -1 when unknown. */
int incident_format_parse(const char *name);
/* "P1".."P4" ("unknown" outside 1..4) */
const char *incident_severity_name(int severity);

/* The normalized alert as a new JSON object (what `aiops-agent adapt` prints). */
json_t *incident_to_json(const struct incident *inc);

#endif
