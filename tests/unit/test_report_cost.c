/*
 * What the issue of a budget alert says (report_cost.h), on a made-up common-schema
 * payload: an actual overspend of a quarterly budget on a resource group, with a time
 * grain, the amounts against their thresholds, the scope and the next steps of a cost
 * review; and a service alert is no cost alert.
 */
#include "common.h"
#include "harness.h"
#include "core/incident.h"
#include "core/report_cost.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <jansson.h>

static const char budget_alert[] =
	"{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {"
	" \"essentials\": {\"monitoringService\": \"CostAlerts\", \"firedDateTime\": \"2026-03-02T06:00:00Z\","
	"  \"alertId\": \"/subscriptions/0f1e2d3c-0000-4000-8000-00000000abcd/providers/Microsoft.CostManagement/alerts/q1\","
	"  \"alertRule\": null, \"severity\": null, \"signalType\": null, \"monitorCondition\": \"Fired\","
	"  \"alertTargetIDs\": null, \"configurationItems\": [\"budgets\"], \"description\": \"\","
	"  \"essentialsVersion\": \"1.0\", \"alertContextVersion\": \"1.0\"},"
	" \"alertContext\": {\"AlertCategory\": \"budgets\", \"AlertData\": {"
	"  \"Scope\": \"/subscriptions/0f1e2d3c-0000-4000-8000-00000000abcd/resourceGroups/rg-checkout-prod/\","
	"  \"ThresholdType\": \"Actual\", \"BudgetType\": \"Cost\", \"BudgetThreshold\": \"EUR 4,000.00\","
	"  \"NotificationThresholdAmount\": \"EUR 3,200.00\", \"BudgetName\": \"checkout-prod-quarterly\","
	"  \"BudgetId\": \"/subscriptions/0f1e2d3c-0000-4000-8000-00000000abcd/resourceGroups/rg-checkout-prod/providers/Microsoft.Consumption/budgets/checkout-prod-quarterly\","
	"  \"BudgetStartDate\": \"2026-01-01\", \"TimeGrain\": \"Quarterly\", \"Unit\": \"EUR\","
	"  \"SpentAmount\": \"EUR 3,520.00\"}}}}";

static int load(struct incident *inc, const char *text)
{
	json_error_t jerr;
	json_t *j = json_loads(text, 0, &jerr);
	int error;

	if (!j) {
		fprintf(stderr, "    bad test JSON: %s\n", jerr.text);
		return ERR_FAIL;
	}
	error = incident_from_json(inc, j, "alert.json");
	json_decref(j);
	return error;
}

TEST(report_cost, headline_says_the_spending_against_its_threshold)
{
	struct incident inc = INCIDENT_INIT;
	struct buf b = BUF_INIT;

	ASSERT_OK(load(&inc, budget_alert));
	ASSERT(report_cost_applies(&inc));
	report_cost_headline(&b, &inc);
	ASSERT_STR_EQ(b.ptr, "Budget 'checkout-prod-quarterly' (Cost, EUR): spent EUR 3,520.00 against an "
			     "alert threshold of EUR 3,200.00 (110%).");
	buf_release(&b);
	incident_release(&inc);
}

TEST(report_cost, the_section_has_amounts_period_scope_and_next_steps)
{
	struct incident inc = INCIDENT_INIT;
	struct buf b = BUF_INIT;

	ASSERT_OK(load(&inc, budget_alert));
	report_cost_render(&b, &inc);
	ASSERT_CONTAINS(b.ptr, "## Cost\n");
	ASSERT_CONTAINS(b.ptr, "| budget | checkout-prod-quarterly |\n");
	ASSERT_CONTAINS(b.ptr, "| budget amount | EUR 4,000.00 |\n");
	ASSERT_CONTAINS(b.ptr, "| spent so far | EUR 3,520.00 (110% of the alert threshold) |\n");
	ASSERT_CONTAINS(b.ptr, "| threshold type | Actual |\n");
	ASSERT_CONTAINS(b.ptr, "| period | Quarterly, budget started 2026-01-01 |\n");
	ASSERT_CONTAINS(b.ptr, "| scope | subscription `0f1e2d3c-0000-4000-8000-00000000abcd`, resource group "
			       "`rg-checkout-prod` |\n");
	ASSERT(!strstr(b.ptr, "forecast for the period")); /* an actual-cost alert has no forecast */
	ASSERT_CONTAINS(b.ptr, "## Next steps\n\n1. The threshold is crossed already");
	ASSERT(!strstr(b.ptr, "The alert is on the forecast")); /* the Forecasted step is not this one's */
	ASSERT_CONTAINS(b.ptr, "reservations or a savings plan");
	ASSERT_CONTAINS(b.ptr, "4. No pull request is blamed");
	buf_release(&b);
	incident_release(&inc);
}

TEST(report_cost, a_forecast_without_time_grain_says_so)
{
	struct incident inc = INCIDENT_INIT;
	struct buf b = BUF_INIT;
	const char *grain = ", \"TimeGrain\": \"Quarterly\"";
	/* the same budget, alerted on its forecast, with no TimeGrain */
	char *p, *text = xasprintf("%.*s\"ThresholdType\": \"Forecasted\", \"ForecastedTotalForPeriod\": \"EUR 4,800.00\", %s",
			 (int)(strstr(budget_alert, "\"ThresholdType\"") - budget_alert), budget_alert,
			 strstr(budget_alert, "\"BudgetType\""));
	p = strstr(text, grain);
	memmove(p, p + strlen(grain), strlen(p + strlen(grain)) + 1);
	ASSERT_OK(load(&inc, text));
	report_cost_headline(&b, &inc);
	ASSERT_STR_EQ(b.ptr, "Budget 'checkout-prod-quarterly' (Cost, EUR): forecast EUR 4,800.00 against a "
			     "budget of EUR 4,000.00 (120%).");
	buf_reset(&b);
	report_cost_render(&b, &inc);
	ASSERT_CONTAINS(b.ptr, "| forecast for the period | EUR 4,800.00 (120% of the budget) |\n");
	ASSERT_CONTAINS(b.ptr, "| period | time grain not sent with the alert");
	ASSERT_CONTAINS(b.ptr, "1. The alert is on the forecast");
	buf_release(&b);
	incident_release(&inc);
	free(text);
}

TEST(report_cost, a_service_alert_is_not_a_cost_alert)
{
	struct incident inc = INCIDENT_INIT;

	ASSERT_OK(load(&inc, "{\"title\": \"5xx above 2%\", \"severity\": \"P2\", \"service\": \"checkout\","
			     " \"timestamp\": \"2026-03-02T06:00:00Z\"}"));
	ASSERT(!report_cost_applies(&inc));
	incident_release(&inc);
}
