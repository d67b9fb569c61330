/*
 * report_promtest.h - a `promtool test rules` file for the rules of report_rules: for
 * each rule, the series before and during the incident, and two checks: quiet at the
 * end of the baseline, firing (with its labels and annotations) at the end of the
 * incident.
 *
 * The series follow the rule's shape: request counters split into bad and good status
 * codes at the alert's request rate, latency histogram buckets around the threshold,
 * gauges, counters. Their values are the alert's own (baseline and value of the metric
 * that measures the rule's quantity) when it has them, else made up on each side of the
 * threshold, and the file says which. The baseline lasts as long as the logs ran before
 * their first error (10 to 60 minutes, 30 without timestamps); the incident long enough
 * for the rule's window and `for:`. A share with a guard keeps one bad request in its
 * baseline, to prove a single one never fires it.
 */
#ifndef AIOPS_REPORT_PROMTEST_H
#define AIOPS_REPORT_PROMTEST_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"
#include "core/report_rules.h"

/* Append the test file of `rs` to `out`; `rule_file` is the rules' file name. */
int report_promtest_render(struct buf *out, const struct report_rules *rs, const struct report *c,
			   const char *rule_file);

/* Minutes in a Prometheus duration ("90s" rounds up, "5m", "1h", "1d"); 0 when invalid. */
int report_promtest_minutes(const char *duration);

#endif
