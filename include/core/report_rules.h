/*
 * report_rules.h - the Prometheus alert rules of an incident: one rule group named by
 * the stem, emitted by yamlio (a real YAML emitter), and what report_promtest needs to
 * write their unit tests.
 *
 * The rules are the signal table's templates (signals.h) that watch this incident's
 * signals, written only on series the platform publishes (report_platform.h): the
 * runtime's own metrics library, kube-state-metrics and the kubelet on Kubernetes, the
 * blackbox exporter. Rates and shares are taken over windows, every rule waits its
 * `for:`, and its severity label is "page" or "ticket" (a page only for templates
 * graded so and an incident of P1 or P2). Thresholds and the test's values come from
 * the alert's own metrics when they measure the rule's quantity, else from the
 * template. Annotations hold no Go template, so promtool can compare them exactly.
 */
#ifndef AIOPS_REPORT_RULES_H
#define AIOPS_REPORT_RULES_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"

#include <jansson.h>

/* One rule as written. */
struct report_rule {
	const struct signal_alert_rule *t;
	const char *name;              /* the alert's name (in `rule`) */
	const char *metric, *metric2;  /* the series' names on this platform */
	const char *match, *match2;    /* their extra matchers, or NULL */
	const char *status;            /* SHARE: the status-code label */
	json_t *labels;                /* the labels the scope selects (new reference) */
	json_t *rule;                  /* the rule object as emitted (new reference) */
	double threshold;
	double base, during;           /* the quantity before and during the incident */
	double rate;                   /* requests per minute (SHARE, QUANTILE) */
	bool measured;                 /* threshold, base and during are the alert's */
};

struct report_rules {
	struct report_rule *rules;
	size_t n;
	char *camel;                   /* the service's name in CamelCase */
};

/* Choose and build the rules of `c` (release with report_rules_release). */
void report_rules_build(struct report_rules *out, const struct report *c);
void report_rules_release(struct report_rules *rs);

/* Append the rule file to `out`. Fails only when the YAML cannot be emitted. */
int report_rules_render(struct buf *out, const struct report_rules *rs, const struct report *c);

/* `s` as a PromQL string literal, quotes included. */
void report_rules_put_string(struct buf *b, const char *s);

/*
 * The share of the service's requests whose status matches `bad` (a regex) compared
 * with `threshold`, in the names of the service's runtime. New string.
 */
char *report_rules_share_expr(const struct report *c, const char *bad, double threshold);

#endif
