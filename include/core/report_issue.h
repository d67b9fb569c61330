/*
 * report_issue.h - the post-incident issue: summary, root cause, suspects, evidence,
 * source context, blast radius, a mermaid timeline, severity and an MTTR estimate,
 * escalation, similar incidents, the remediation and links to the artifacts (c->nrules
 * must be set). The caller appends the fingerprint marker.
 */
#ifndef AIOPS_REPORT_ISSUE_H
#define AIOPS_REPORT_ISSUE_H

#include "common.h"
#include "util/buf.h"
#include "core/report.h"

/*
 * Append the issue body to `body`; `*title` is a new string, `*labels` a new
 * NULL-terminated array of new strings.
 */
void report_issue_render(struct buf *body, char **title, char ***labels, const struct report *c);

#endif
