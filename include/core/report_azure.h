/*
 * report_azure.h - alert rules for a service Azure Monitor watches (report_platform.h
 * decides): an ARM deployment template of Microsoft.Insights/metricAlerts resources.
 *
 * Each metric of the alert becomes a static-threshold metric alert on that metric
 * (Azure Monitor measured it, so it exists), with the alert's threshold, an operator
 * that follows its baseline (a drop when the baseline is above the threshold), an
 * aggregation from the metric's name and the metric namespace the target's resource
 * type shows (from the Cloud Adoption Framework prefix of its name). An alert with no
 * metric (a log search) gets the Application Insights metrics that watch its signals.
 * Severity: 1 (page) for a P1/P2 incident, 3 (ticket) otherwise. The resource to watch
 * and the action group are parameters; the runbook link rides in the webhook properties.
 */
#ifndef AIOPS_REPORT_AZURE_H
#define AIOPS_REPORT_AZURE_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"

/* Append the template (JSON) to `out` and set `*nrules`. */
int report_azure_render(struct buf *out, size_t *nrules, const struct report *c);

#endif
