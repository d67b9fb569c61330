#include "common.h"
#include "core/artifacts.h"
#include "util/text.h"
#include "core/incident.h"
#include "core/kb.h"
#include "core/report.h"
#include "core/report_azure.h"
#include "core/report_issue.h"
#include "core/report_promtest.h"
#include "core/report_recs.h"
#include "core/report_rules.h"
#include "core/report_runbook.h"
#include "util/alloc.h"
#include "util/err.h"

#include <ctype.h>

#define KB_PATTERNS 3

/* An incident id as a file name: [A-Za-z0-9._-] kept, anything else '-'. New string. */
static char *path_safe(const char *s)
{
	char *out = xstrdup(report_nz(s, "incident"));

	for (char *p = out; *p; p++)
		if (!((isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) || *p == '_' ||
		      *p == '-' || (*p == '.' && p != out)))
			*p = '-';
	return out;
}

/* One line on what the fix does: the plan's title and its description's first sentence. */
static char *fix_line(const struct diagnosis *dx, const struct plan *plan)
{
	struct buf b = BUF_INIT;
	char *first = report_first_sentence(plan ? plan->description : NULL), *out;

	if (!*first && dx->rationale) {
		free(first);
		first = report_first_sentence(dx->rationale);
	}
	if (plan && plan->title && *plan->title)
		report_put_line(&b, plan->title);
	if (*first && (!plan || !plan->title || !strstr(first, plan->title))) {
		if (b.len)
			buf_puts(&b, " - ");
		report_put_line(&b, first);
	}
	if (!b.len)
		buf_puts(&b, remediation_name(dx->remediation));
	out = report_clip(b.ptr, 400);
	buf_release(&b);
	free(first);
	return out;
}

/* Azure Monitor metric alerts, or Prometheus rules and their promtool tests. */
static int render_rules(struct artifacts *a, const struct report *c)
{
	struct report_rules rs;
	char *file;
	int error;

	if (c->platform.azure)
		return report_azure_render(&a->rules, &a->nrules, c);
	report_rules_build(&rs, c);
	a->nrules = rs.n;
	a->rules_test_path = xasprintf("knowledge-base/alerting-rules/%s.test.yml", c->stem);
	file = xasprintf("%s.yml", c->stem);
	if ((error = report_rules_render(&a->rules, &rs, c)) == 0)
		error = report_promtest_render(&a->rules_test, &rs, c, file);
	free(file);
	report_rules_release(&rs);
	return error;
}

/* ---- public ---- */

int artifacts_render(struct artifacts *out, const struct evidence *ev,
		     const struct diagnosis *dx, const struct plan *plan)
{
	struct artifacts a = ARTIFACTS_INIT;
	struct report c;
	char *id;
	int error;

	if (!ev || !ev->inc || !dx)
		return err_set(ERR_FAIL, "cannot render artifacts without evidence and a diagnosis");
	report_init(&c, ev, dx, plan);
	a.runbook = (struct buf)BUF_INIT;
	a.rules = (struct buf)BUF_INIT;
	a.recommendations = (struct buf)BUF_INIT;
	a.issue_body = (struct buf)BUF_INIT;
	a.suggestions = (struct buf)BUF_INIT;
	a.runbook_path = xasprintf("knowledge-base/runbooks/%s.md", c.stem);
	a.rules_test = (struct buf)BUF_INIT;
	a.rules_path = xasprintf("knowledge-base/alerting-rules/%s.%s", c.stem,
				 c.platform.azure ? "json" : "yml");
	id = path_safe(ev->inc->id);
	a.recommendations_path = xasprintf("knowledge-base/recommendations/%s.md", id);
	free(id);
	a.fix = fix_line(dx, plan);
	c.runbook_path = a.runbook_path;
	c.rules_path = a.rules_path;
	c.recommendations_path = a.recommendations_path;
	report_runbook_render(&a.runbook, &c);
	if ((error = render_rules(&a, &c)) < 0)
		goto done;
	c.nrules = a.nrules;
	report_recs_render(&a.recommendations, &c);
	report_issue_render(&a.issue_body, &a.issue_title, &a.issue_labels, &c);
	buf_putf(&a.issue_body, ARTIFACTS_FINGERPRINT_MARKER "\n", ev->inc->fingerprint);
	*out = a;
	memset(&a, 0, sizeof(a));
done:
	artifacts_release(&a);
	report_release(&c);
	return error;
}

void artifacts_release(struct artifacts *a)
{
	if (!a)
		return;
	free(a->runbook_path);
	free(a->rules_path);
	free(a->rules_test_path);
	free(a->recommendations_path);
	free(a->issue_title);
	free(a->fix);
	if (a->runbook.ptr)
		buf_release(&a->runbook);
	if (a->rules.ptr)
		buf_release(&a->rules);
	if (a->rules_test.ptr)
		buf_release(&a->rules_test);
	if (a->recommendations.ptr)
		buf_release(&a->recommendations);
	if (a->issue_body.ptr)
		buf_release(&a->issue_body);
	if (a->suggestions.ptr)
		buf_release(&a->suggestions);
	if (a->issue_labels)
		for (char **l = a->issue_labels; *l; l++)
			free(*l);
	free(a->issue_labels);
	a->runbook_path = a->rules_path = a->rules_test_path = a->recommendations_path = a->issue_title = a->fix = NULL;
	a->issue_labels = NULL;
	a->nrules = 0;
}

/* The pull request's summary and root cause, with the blamed pull request. */
static void put_pr_cause(struct buf *b, const struct report *c)
{
	const struct diagnosis *dx = c->dx;

	buf_puts(b, "## Summary\n\n");
	report_put_line(b, report_nz(dx->summary, c->inc->title));
	buf_putf(b, "\n\nIncident `%s` (%s, `", c->inc->id, incident_severity_name(c->inc->severity));
	report_put_line(b, c->inc->service);
	buf_putf(b, "`, %s) fired %s.\n\n", report_nz(c->inc->environment, "production"),
		 c->inc->fired_at_text);
	buf_puts(b, "## Root cause\n\n");
	report_put_text(b, report_nz(dx->root_cause, "Not established."));
	buf_rtrim(b);
	buf_puts(b, "\n\n");
	if (c->blame) {
		const struct suspect *s = evidence_suspect(c->ev, dx->blame_pr);

		buf_putf(b, "Caused by #%d", dx->blame_pr);
		if (c->blame->meta.title) {
			buf_puts(b, " (");
			report_put_line(b, c->blame->meta.title);
			buf_puts(b, ")");
		}
		if (s)
			buf_putf(b, ", suspect score %.2f", s->score);
		buf_puts(b, ".\n\n");
	}
}

/* What the pull request changes, and the incident issue it closes. */
static void put_pr_changes(struct buf *b, const struct report *c, const struct github_created *issue)
{
	const struct plan *plan = c->plan;

	buf_putf(b, "## What this changes\n\nRemediation: `%s`.\n\n", remediation_name(c->dx->remediation));
	if (plan && plan->description) {
		report_put_text(b, plan->description);
		buf_rtrim(b);
		buf_puts(b, "\n\n");
	}
	if (plan && plan->revert_commit)
		buf_putf(b, "Reverts commit `%s`.\n\n", plan->revert_commit);
	if (plan && plan->npaths) {
		buf_puts(b, "Files changed:\n\n");
		report_put_files(b, plan);
		buf_puts(b, "\n");
	}
	buf_puts(b, "## Incident issue\n\n");
	if (issue && issue->number > 0) {
		buf_putf(b, "Closes #%d", issue->number);
		if (issue->url)
			buf_putf(b, " (%s)", issue->url);
		buf_puts(b, ".\n\n");
	} else {
		buf_puts(b, "No issue was opened for this incident.\n\n");
	}
}

/* How to verify the fix, and how to roll it back. */
static void put_pr_verify(struct buf *b, const struct report *c)
{
	const struct plan *plan = c->plan;

	buf_puts(b, "## How to verify\n\n- [ ] CI passes on this branch.\n");
	if (plan && plan->type == REMEDIATION_FLYWAY_MIGRATION)
		buf_puts(b, "- [ ] The migration runs cleanly on a copy of production data.\n");
	buf_puts(b, "- [ ] After deploying:\n");
	for (size_t i = 0; i < ARRAY_SIZE(c->g->verify) && c->g->verify[i]; i++)
		buf_putf(b, "  - [ ] %s\n", c->g->verify[i]);
	buf_puts(b, "  - [ ] the alert ");
	report_put_code(b, report_nz(c->inc->rule, c->inc->title));
	buf_puts(b, " resolves\n");
	if (c->ev->digest.first_error) {
		buf_puts(b, "  - [ ] this error stops appearing in the logs: ");
		report_put_code(b, c->ev->digest.first_error);
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n## Rollback\n\n");
	if (plan && plan->type == REMEDIATION_FLYWAY_MIGRATION)
		buf_puts(b, "Reverting this pull request does not undo a migration that has run: "
			    "if the new schema must go, add a migration that removes it once no code "
			    "uses it.\n\n");
	else if (plan && plan->type == REMEDIATION_PR_ROLLBACK)
		buf_putf(b, "Reverting this pull request brings back the change of #%d that caused "
			    "the incident: re-land that change only together with its fix.\n\n",
			 c->dx->blame_pr);
	else
		buf_puts(b, "Revert this pull request (GitHub's Revert button, or `git revert -m 1` "
			    "of its merge commit); it changes only the files listed above.\n\n");
}

void artifacts_suggest(struct artifacts *a, const char *section, bool in_pr)
{
	struct buf body = BUF_INIT;
	const char *marker = strstr(a->issue_body.ptr ? a->issue_body.ptr : "", "<!-- aiops-fingerprint: ");
	size_t at = marker ? (size_t)(marker - a->issue_body.ptr) : a->issue_body.len;

	if (in_pr) {
		buf_puts(&a->suggestions, section);
		return;
	}
	buf_putf(&body, "%.*s%s", (int)at, a->issue_body.ptr ? a->issue_body.ptr : "", section);
	buf_puts(&body, a->issue_body.ptr ? a->issue_body.ptr + at : "");
	buf_release(&a->issue_body);
	a->issue_body = body;
}

int artifacts_pr_body(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		      const struct plan *plan, const struct github_created *issue,
		      const char *suggestions)
{
	struct buf b = BUF_INIT;
	struct report c;
	int error;

	if (!ev || !ev->inc || !dx)
		return err_set(ERR_FAIL, "cannot write a pull request without evidence and a diagnosis");
	report_init(&c, ev, dx, plan);
	put_pr_cause(&b, &c);
	put_pr_changes(&b, &c, issue);
	put_pr_verify(&b, &c);
	if (suggestions)
		buf_puts(&b, suggestions);
	buf_putf(&b, ARTIFACTS_FINGERPRINT_MARKER "\n", c.inc->fingerprint);

	error = buf_add(out, b.ptr, b.len);
	buf_release(&b);
	report_release(&c);
	return error;
}

/* The masked templates most worth matching on (errors first), or the signal examples. */
static char *kb_pattern(const struct evidence *ev, const struct diagnosis *dx)
{
	const struct digest_template **ranked = NULL;
	struct buf b = BUF_INIT;
	size_t n = 0;

	if (ev->digest.ntemplates) {
		digest_rank(&ranked, &ev->digest);
		for (size_t i = 0; i < ev->digest.ntemplates && n < KB_PATTERNS; i++) {
			if (ranked[i]->level < DIGEST_WARN && n)
				break;
			if (ranked[i]->level < DIGEST_WARN)
				continue;
			if (n++)
				buf_puts(&b, "; ");
			report_put_line(&b, ranked[i]->pattern);
		}
		free(ranked);
	}
	for (size_t i = 0; !n && i < dx->nsignals && i < KB_PATTERNS; i++) {
		if (!dx->signals[i].example)
			continue;
		if (b.len)
			buf_puts(&b, "; ");
		report_put_line(&b, dx->signals[i].example);
	}
	if (!b.len && ev->digest.first_error)
		report_put_line(&b, ev->digest.first_error);
	if (!b.len)
		report_put_line(&b, ev->inc->title);
	{
		char *clipped = report_clip(b.ptr, 600);

		buf_release(&b);
		return clipped;
	}
}

/* A line others wrote (an alert's title, a model's words), inert on the default branch. */
static char *safe_line(const char *s, size_t max)
{
	char *line = report_clean_line(s, max), *safe = text_defuse(line);

	free(line);
	return safe;
}

int artifacts_kb_entry(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		       const struct artifacts *a)
{
	struct kb_entry e = {0};
	struct report c;
	int error;

	if (!ev || !ev->inc || !dx)
		return err_set(ERR_FAIL, "cannot write a knowledge-base entry without a diagnosis");
	report_init(&c, ev, dx, NULL);
	e.id = xstrdup(c.inc->id);
	e.title = safe_line(c.inc->title, 200);
	e.date = xstrdup(c.date);
	e.service = xstrdup(c.inc->service);
	e.severity = xstrdup(incident_severity_name(c.inc->severity));
	e.category = xstrdup(category_name(dx->category));
	e.remediation = xstrdup(remediation_name(dx->remediation));
	e.blame_pr = dx->blame_pr > 0 ? xasprintf("%d", dx->blame_pr) : xstrdup("none");
	e.pattern = kb_pattern(ev, dx);
	e.root_cause = safe_line(report_nz(dx->root_cause, report_nz(dx->summary, "unknown")), 600);
	e.fix = a && a->fix ? xstrdup(a->fix) : fix_line(dx, NULL);
	e.runbook = xstrdup(a && a->runbook_path ? a->runbook_path : "none");
	e.fingerprint = xstrdup(c.inc->fingerprint);
	error = kb_render_entry(out, &e);
	free(e.id);
	free(e.title);
	free(e.date);
	free(e.service);
	free(e.severity);
	free(e.category);
	free(e.remediation);
	free(e.blame_pr);
	free(e.pattern);
	free(e.root_cause);
	free(e.fix);
	free(e.runbook);
	free(e.fingerprint);
	report_release(&c);
	return error;
}

