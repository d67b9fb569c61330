/*
 * report_recs.h - the recommendations after an incident: capacity, disaster recovery
 * and performance, from the alert's metrics against their thresholds and baselines and
 * from the guides of the signals seen (signals.h).
 */
#ifndef AIOPS_REPORT_RECS_H
#define AIOPS_REPORT_RECS_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"

/* Append the recommendations of `c` to `out`. */
void report_recs_render(struct buf *out, const struct report *c);

#endif
