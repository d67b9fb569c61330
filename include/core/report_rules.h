/*
 * report_rules.h - the Prometheus alert rules of an incident: one rule group named by
 * the stem, built as a JSON document and emitted by yamlio (a real YAML emitter). The
 * rules come from the signal table's alert templates (signals.h) and from the alert's
 * own thresholds; every rule uses only metric names valid in PromQL, and annotations
 * are kept free of Go template syntax except our own "$value".
 */
#ifndef AIOPS_REPORT_RULES_H
#define AIOPS_REPORT_RULES_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"

/*
 * Append the rule file of `c` to `out` and set `*nrules`. Fails only when the YAML
 * cannot be emitted.
 */
int report_rules_render(struct buf *out, size_t *nrules, const struct report *c);

/* `s` as a PromQL string literal, quotes included. */
void report_rules_put_string(struct buf *b, const char *s);

/*
 * The share of the service's requests whose status matches `status_re`, compared with
 * `threshold`: "sum(rate(...{service="x",status=~"5.."}[5m])) / sum(...) > 0.05". New
 * string.
 */
char *report_rules_ratio_expr(const char *service, const char *status_re, const char *threshold);

#endif
