/*
 * report_cost.h - what the issue of a budget or cost alert says instead of a failure's
 * diagnosis: no code is to blame and nobody needs paging, but someone has to decide
 * about money. The budget, what was spent (or is forecast) against which threshold, the
 * period and its time grain, the scope (subscription, resource group, management group
 * or billing account), and the next steps of a cost review.
 */
#ifndef AIOPS_REPORT_COST_H
#define AIOPS_REPORT_COST_H

#include "common.h"
#include "core/incident.h"
#include "util/buf.h"

/* Whether the incident is a budget or cost alert (INCIDENT_KIND_COST). */
bool report_cost_applies(const struct incident *inc);

/*
 * One line: "Budget 'NAME' (Cost, USD): forecast $1111.11 against a budget of $50.00
 * (2222%)." (an actual overspend: "spent ... against an alert threshold of ..."). Redacted,
 * no newline.
 */
void report_cost_headline(struct buf *b, const struct incident *inc);

/* "## Cost" (a table of the amounts, period and scope) and "## Next steps". */
void report_cost_render(struct buf *b, const struct incident *inc);

#endif
