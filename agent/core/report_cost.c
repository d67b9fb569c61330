#include "common.h"
#include "core/report_cost.h"
#include "core/report.h"
#include "util/alloc.h"
#include "util/jsonx.h"
#include "util/text.h"

#include <strings.h>

/* Scope segments an Azure budget can sit on, outermost first (lower case: ids are not). */
static const struct {
	const char *segment, *name;
} scopes[] = {
	{"/providers/microsoft.billing/billingaccounts/", "billing account"},
	{"/providers/microsoft.management/managementgroups/", "management group"},
	{"/subscriptions/", "subscription"},
	{"/resourcegroups/", "resource group"},
};

/*
 * What to do, by threshold type: an actual overspend asks what is running now; a
 * forecast asks what will be by the period's end, while there is still time.
 */
static const struct {
	const char *threshold_type;  /* NULL: any */
	const char *step;
} steps[] = {
	{"Actual", "The threshold is crossed already: open Cost analysis on the scope below for "
		   "the current period, grouped by resource and then by meter, and compare each "
		   "day with the same days of the last period to find when the spending jumped."},
	{"Forecasted", "The alert is on the forecast: the period ends over the threshold if the "
		       "trend goes on, and there is still time to change it. Open Cost analysis on the "
		       "scope below with the forecast shown, grouped by resource, and find which ones "
		       "carry the trend."},
	{NULL, "Look for what changed in the period: new or resized resources, scale-outs "
	       "(autoscale and administrative events in the Activity Log), SKU or tier changes, "
	       "data egress, log ingestion. Cost Management's anomaly alerts and Azure Advisor's "
	       "cost recommendations point at the usual suspects."},
	{NULL, "Decide with the budget's owner: a planned growth raises the budget; an unplanned "
	       "one is scaled down, stopped or deleted (idle disks, public IPs, stopped but "
	       "allocated VMs, oversized databases), and a steady load moves to reservations or a "
	       "savings plan."},
	{NULL, "No pull request is blamed and no code change is proposed: spending is not a "
	       "failure of the service. Close this issue with the decision taken."},
};

bool report_cost_applies(const struct incident *inc)
{
	return inc && inc->kind == INCIDENT_KIND_COST;
}

static const char *ctx(const struct incident *inc, const char *key)
{
	const char *s = jsonx_str(inc->context, key);

	return s && *s ? s : NULL;
}

/* " (2222%)", or " (2222% of WHAT)": metric `name`'s value over its threshold; nothing when unknown. */
static void put_percent(struct buf *b, const struct incident *inc, const char *name, const char *of_what)
{
	json_t *m = json_object_get(inc->metrics, name);
	double v, t;

	if (report_metric_number(m, "value", &v) && report_metric_number(m, "threshold", &t) && t > 0)
		buf_putf(b, " (%.0f%%%s%s)", 100.0 * v / t, of_what ? " of " : "", of_what ? of_what : "");
}

static bool forecasted(const struct incident *inc)
{
	const char *t = ctx(inc, "threshold_type");

	return t && !strcasecmp(t, "Forecasted");
}

void report_cost_headline(struct buf *b, const struct incident *inc)
{
	const char *name = report_nz(ctx(inc, "budget_name"), inc->service);
	bool fc = forecasted(inc) && ctx(inc, "forecast");

	buf_puts(b, "Budget '");
	report_put_line(b, name);
	buf_puts(b, "' (");
	report_put_line(b, report_nz(ctx(inc, "budget_type"), "Cost"));
	if (ctx(inc, "unit")) {
		buf_puts(b, ", ");
		report_put_line(b, ctx(inc, "unit"));
	}
	/* as incident.c measures them: the forecast against the budget, the spending against the alert threshold */
	buf_puts(b, fc ? "): forecast " : "): spent ");
	report_put_line(b, report_nz(ctx(inc, fc ? "forecast" : "spent"), "an unknown amount"));
	buf_puts(b, fc ? " against a budget of " : " against an alert threshold of ");
	report_put_line(b, report_nz(ctx(inc, fc ? "budget_threshold" : "notification_threshold"),
				     "an unknown amount"));
	put_percent(b, inc, fc ? "forecast" : "cost", NULL);
	buf_puts(b, ".");
}

/* The scope's parts, "subscription `x`, resource group `y`", or the scope as it came. */
static void put_scope(struct buf *b, const char *scope)
{
	char *lower = text_lower(scope, strlen(scope));
	bool any = false;

	for (size_t i = 0; i < ARRAY_SIZE(scopes); i++) {
		const char *p = strstr(lower, scopes[i].segment);
		char *id;

		if (!p)
			continue;
		p = scope + (p - lower) + strlen(scopes[i].segment);
		id = xstrndup(p, strcspn(p, "/"));
		if (*id) {
			buf_putf(b, "%s%s ", any ? ", " : "", scopes[i].name);
			report_put_code(b, id);
			any = true;
		}
		free(id);
	}
	if (!any)
		report_put_code(b, scope);
	free(lower);
}

/* "| name | value (N%) of what |": the percent of `metric` when given and known. */
static void row(struct buf *b, const struct incident *inc, const char *name, const char *value,
		const char *metric, const char *of_what)
{
	if (!value)
		return;
	buf_putf(b, "| %s | ", name);
	report_put_cell(b, value);
	if (metric)
		put_percent(b, inc, metric, of_what);
	buf_puts(b, " |\n");
}

static void put_period(struct buf *b, const struct incident *inc)
{
	const char *grain = ctx(inc, "time_grain"), *start = ctx(inc, "budget_start");

	buf_puts(b, "| period | ");
	if (grain)
		report_put_cell(b, grain);
	else
		buf_puts(b, "time grain not sent with the alert (the budget in Cost Management says it)");
	if (start) {
		buf_puts(b, ", budget started ");
		report_put_cell(b, start);
	}
	buf_puts(b, " |\n");
}

void report_cost_render(struct buf *b, const struct incident *inc)
{
	const char *type = ctx(inc, "threshold_type");

	buf_puts(b, "## Cost\n\n| | |\n|---|---|\n");
	row(b, inc, "budget", report_nz(ctx(inc, "budget_name"), inc->service), NULL, NULL);
	row(b, inc, "budget amount", ctx(inc, "budget_threshold"), NULL, NULL);
	row(b, inc, "alert threshold", ctx(inc, "notification_threshold"), NULL, NULL);
	row(b, inc, "threshold type", type, NULL, NULL);
	/* incident.c: cost is measured against the alert threshold, the forecast against the budget */
	row(b, inc, "spent so far", ctx(inc, "spent"), "cost", "the alert threshold");
	row(b, inc, "forecast for the period", ctx(inc, "forecast"), "forecast", "the budget");
	row(b, inc, "currency", ctx(inc, "unit"), NULL, NULL);
	put_period(b, inc);
	if (ctx(inc, "scope")) {
		buf_puts(b, "| scope | ");
		put_scope(b, ctx(inc, "scope"));
		buf_puts(b, " |\n");
	}
	row(b, inc, "budget id", ctx(inc, "budget_id"), NULL, NULL);
	buf_puts(b, "\n## Next steps\n\n");
	for (size_t i = 0, n = 1; i < ARRAY_SIZE(steps); i++)
		if (!steps[i].threshold_type || (type && !strcasecmp(type, steps[i].threshold_type)))
			buf_putf(b, "%zu. %s\n", n++, steps[i].step);
	buf_puts(b, "\n");
}
