/*
 * report_runbook.h - the runbook: summary, the alert and why it matters, the checks to
 * run (shell commands with the variables they need), likely causes, escalation,
 * recovery checks, post-incident actions, related links and history. What it knows
 * about each signal family comes from the signal's guide (signals.h).
 */
#ifndef AIOPS_REPORT_RUNBOOK_H
#define AIOPS_REPORT_RUNBOOK_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"

/* Append the runbook of `c` to `out`. */
void report_runbook_render(struct buf *out, const struct report *c);

/* The numbered escalation steps (shared by the runbook and the issue). */
void report_runbook_escalation(struct buf *out, const struct report *c);

#endif
