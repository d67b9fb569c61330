#include "common.h"
#include "core/report_issue.h"
#include "core/incident.h"
#include "core/kb.h"
#include "core/report_cost.h"
#include "core/report_runbook.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <ctype.h>

#define TOP_TEMPLATES 5

/* ---- issue ---- */

static void put_suspects(struct buf *b, const struct report *c)
{
	const struct evidence *ev = c->ev;

	buf_puts(b, "## Suspects\n\n");
	if (!ev->nsuspects) {
		buf_puts(b, "No merged pull request was available to rank.\n\n");
		return;
	}
	buf_puts(b, "| PR | Score | Why |\n|---|---|---|\n");
	for (size_t i = 0; i < ev->nsuspects; i++) {
		const struct suspect *s = &ev->suspects[i];
		const struct pull *p = s->pull < ev->npulls ? &ev->pulls[s->pull] : NULL;

		buf_putf(b, "| #%d", s->number);
		if (p && p->meta.title) {
			buf_puts(b, " ");
			report_put_cell(b, p->meta.title);
		}
		if (s->number == c->dx->blame_pr)
			buf_puts(b, " **(blamed)**");
		if (s->after_alert)
			buf_puts(b, " _(merged after the alert)_");
		buf_putf(b, " | %.2f | ", s->score);
		report_put_cell(b, report_nz(s->why, "-"));
		buf_puts(b, " |\n");
	}
	buf_puts(b, "\n");
}

static void put_evidence(struct buf *b, const struct report *c)
{
	const struct digest *d = &c->ev->digest;
	const struct digest_template **ranked = NULL;

	buf_puts(b, "## Evidence\n\n");
	if (!c->ev->have_logs)
		buf_puts(b, "No logs were available for this incident.\n\n");
	buf_putf(b, "Logs: %zu line%s, %zu error%s, %zu warning%s", d->lines, report_plural(d->lines),
		 d->error_lines, report_plural(d->error_lines), d->warn_lines, report_plural(d->warn_lines));
	if (*d->first_ts)
		buf_putf(b, ", from `%s` to `%s`", d->first_ts, d->last_ts);
	if (d->secrets)
		buf_putf(b, "; %zu secret%s redacted", d->secrets, report_plural(d->secrets));
	buf_puts(b, ".\n\n");
	if (d->first_error) {
		buf_putf(b, "First error (line %zu): ", d->first_error_line);
		report_put_code(b, d->first_error);
		buf_puts(b, "\n\n");
	}
	if (d->ntemplates) {
		digest_rank(&ranked, d);
		buf_puts(b, "Top log templates:\n\n| Count | Level | Template |\n|---|---|---|\n");
		for (size_t i = 0; i < d->ntemplates && i < TOP_TEMPLATES; i++) {
			static const char *const levels[] = {"debug", "info", "warn", "error"};
			const struct digest_template *t = ranked[i];

			buf_putf(b, "| %zu | %s | ", t->count,
				 (size_t)t->level < ARRAY_SIZE(levels) ? levels[t->level] : "?");
			report_put_cell(b, t->pattern);
			buf_puts(b, " |\n");
		}
		buf_puts(b, "\n");
		free(ranked);
	}
	if (c->dx->nsignals) {
		buf_puts(b, "Signals:\n\n");
		for (size_t i = 0; i < c->dx->nsignals; i++) {
			const struct signal *s = &c->dx->signals[i];

			buf_putf(b, "- `%s` x%zu", s->name, s->count);
			if (s->meaning)
				buf_putf(b, ": %s", s->meaning);
			if (s->example) {
				buf_puts(b, " - ");
				report_put_code(b, s->example);
			}
			buf_puts(b, "\n");
		}
		buf_puts(b, "\n");
	}
	if (d->ntraces) {
		const struct digest_trace *t = &d->traces[0];

		buf_putf(b, "Stack trace (seen %zu time%s): ", t->count, report_plural(t->count));
		report_put_code(b, report_nz(t->headline, "(no headline)"));
		buf_puts(b, "\n\n");
		if (t->nframes) {
			struct buf frames = BUF_INIT;

			for (size_t i = 0; i < t->nframes && i < 8; i++)
				buf_putf(&frames, "%s\n", t->frames[i]);
			report_put_fenced(b, "text", frames.ptr);
			buf_puts(b, "\n");
			buf_release(&frames);
		}
	}
}

static void put_sources(struct buf *b, const struct report *c)
{
	if (!c->ev->nsources)
		return;
	buf_puts(b, "Source context (default branch):\n\n");
	for (size_t i = 0; i < c->ev->nsources; i++) {
		const struct source_excerpt *s = &c->ev->sources[i];

		buf_puts(b, "- ");
		report_put_code(b, s->path);
		buf_putf(b, " line %d:\n\n", s->line);
		report_put_fenced(b, "text", s->text);
		buf_puts(b, "\n");
	}
}

/*
 * An Alertmanager or Grafana group: its alerts with their status, so a partly resolved
 * group says which resolved, and how many the sender left out.
 */
static void put_group(struct buf *b, const struct incident *inc)
{
	size_t n = json_array_size(inc->alerts), resolved = 0, i;
	json_t *a;

	if (n < 2 && inc->truncated_alerts <= 0)
		return;
	json_array_foreach(inc->alerts, i, a) {
		resolved += jsonx_str(a, "status") && !strcmp(jsonx_str(a, "status"), "resolved");
	}
	buf_putf(b, "## Alerts in the group\n\n%zu alert%s, %zu firing, %zu resolved", n, n == 1 ? "" : "s",
		 n - resolved, resolved);
	if (inc->truncated_alerts > 0)
		buf_putf(b, "; %d more left out by the sender (truncatedAlerts)", inc->truncated_alerts);
	buf_puts(b, ".\n\n");
	json_array_foreach(inc->alerts, i, a) {
		buf_puts(b, "- ");
		report_put_code(b, report_nz(jsonx_str(a, "alertname"), "alert"));
		buf_puts(b, " ");
		report_put_line(b, report_nz(jsonx_str(a, "status"), "firing"));
		if (jsonx_str(a, "summary")) {
			buf_puts(b, ": ");
			report_put_line(b, jsonx_str(a, "summary"));
		}
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
}

static void put_blast_radius(struct buf *b, const struct report *c)
{
	static const char *const keys[] = {"namespace", "cluster", "region", "zone", "pod",
					   "container"};
	const struct incident *inc = c->inc;

	buf_puts(b, "## Blast radius\n\n- Service: ");
	report_put_code(b, inc->service);
	buf_puts(b, "\n- Environment: ");
	report_put_line(b, report_nz(inc->environment, "production"));
	buf_puts(b, "\n");
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const char *v = report_label(inc, keys[i]);

		if (v) {
			buf_putf(b, "- %c%s: ", toupper((unsigned char)keys[i][0]), keys[i] + 1);
			report_put_code(b, v);
			buf_puts(b, "\n");
		}
	}
	if (json_is_object(inc->metrics)) {
		const char *key;
		json_t *m;

		json_object_foreach(inc->metrics, key, m) {
			buf_puts(b, "- ");
			report_put_code(b, key);
			buf_puts(b, ": ");
			report_put_metric_values(b, m);
			buf_puts(b, "\n");
		}
	}
	buf_puts(b, "\n");
}

struct event {
	time_t t;
	bool known;
	char *what;
	char *when_text; /* when !known */
};

/* Mermaid timeline text: no '#' (comments), ';' or ':' followed by a space. */
static void put_mermaid_text(struct buf *b, const char *s, bool period)
{
	char *line = report_clean_line(s, 120);

	for (const char *p = line; *p; p++) {
		if (*p == '#' || *p == ';' || *p == '%' || (*p == ':' && (period || p[1] == ' ' ||
									 !p[1])))
			report_put_ch(b, period && *p == ':' ? '.' : ' ');
		else
			report_put_ch(b, *p);
	}
	free(line);
}

static int cmp_event(const void *x, const void *y)
{
	const struct event *a = x, *b = y;

	if (a->known != b->known)
		return a->known ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

static void put_timeline(struct buf *b, const struct report *c)
{
	struct event ev[4];
	size_t n = 0;
	const struct digest *d = &c->ev->digest;
	char when[40];

	memset(ev, 0, sizeof(ev));
	if (c->blame && c->blame->meta.merged_at > 0) {
		ev[n].t = c->blame->meta.merged_at;
		ev[n].known = true;
		ev[n++].what = xasprintf("PR %d merged", c->dx->blame_pr);
	}
	if (d->first_error && *d->first_error_ts) {
		ev[n].known = report_parse_log_time(&ev[n].t, d->first_error_ts, c->inc->fired_at);
		ev[n].when_text = xstrdup(d->first_error_ts);
		ev[n++].what = xstrdup("first error in the logs");
	}
	ev[n].t = c->inc->fired_at;
	ev[n].known = true;
	ev[n++].what = xstrdup("alert fired");
	qsort(ev, n, sizeof(ev[0]), cmp_event);
	ev[n].t = report_agent_time();
	ev[n].known = true;
	ev[n++].what = xstrdup("aiops-agent run");

	buf_puts(b, "## Timeline\n\n```mermaid\ntimeline\n    title ");
	put_mermaid_text(b, c->inc->id, false);
	buf_puts(b, "\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "    ");
		if (ev[i].known) {
			report_fmt_time(when, sizeof(when), ev[i].t, "%Y-%m-%d %Hh%M UTC");
			buf_puts(b, when);
		} else {
			put_mermaid_text(b, ev[i].when_text, true);
		}
		buf_puts(b, " : ");
		put_mermaid_text(b, ev[i].what, false);
		buf_puts(b, "\n");
		free(ev[i].what);
		free(ev[i].when_text);
	}
	buf_puts(b, "```\n\n");
}

static int mttr_minutes(enum remediation r)
{
	switch (r) {
	case REMEDIATION_PR_ROLLBACK:
	case REMEDIATION_FEATURE_FLAG: return 15;
	case REMEDIATION_CONFIG_FIX: return 20;
	case REMEDIATION_CODE_FIX:
	case REMEDIATION_FLYWAY_MIGRATION: return 45;
	case REMEDIATION_DEPENDENCY_UPDATE: return 30;
	case REMEDIATION_INFRASTRUCTURE_ACTION: return 20;
	case REMEDIATION_ESCALATION: return 90;
	}
	return 60;
}

static void put_severity_mttr(struct buf *b, const struct report *c)
{
	int sev = c->inc->severity;
	static const char *const meaning[] = {
		"users cannot use a core function; all hands until mitigated",
		"a core function is degraded for many users; fix now",
		"partial or internal impact; fix within the working day",
		"no user impact yet; schedule the fix",
	};

	buf_putf(b, "## Severity\n\n**%s** in %s (the alert rules %s). %s: %s.",
		 incident_severity_name(sev), report_nz(c->inc->environment, "production"),
		 sev <= 2 ? "page for user-facing failures, open tickets for the rest"
			  : "open tickets: nothing here pages", incident_severity_name(sev),
		 sev >= 1 && sev <= 4 ? meaning[sev - 1] : "unknown impact");
	if (c->ev->digest.error_lines)
		buf_putf(b, " The logs hold %zu error lines.", c->ev->digest.error_lines);
	buf_puts(b, "\n\n## MTTR estimate\n\n");
	buf_putf(b, "About %d minutes from now. This is an estimate, not a measurement: the usual "
		    "time to review, deploy and verify a fix of this type (`%s`), by the rule "
		    "rollback or flag ~15 min, configuration ~20, dependency ~30, code fix or "
		    "migration ~45, infrastructure action ~20, escalation ~90.",
		 mttr_minutes(c->dx->remediation), remediation_name(c->dx->remediation));
	if (c->dx->confidence == CONFIDENCE_LOW)
		buf_puts(b, " Confidence in the diagnosis is low: add time to confirm it first.");
	buf_puts(b, "\n\n");
}

static void put_similar(struct buf *b, const struct report *c)
{
	const struct evidence *ev = c->ev;

	buf_puts(b, "## Similar past incidents\n\n");
	if (!ev->nsimilar) {
		buf_puts(b, "None in the knowledge base.\n\n");
		return;
	}
	for (size_t i = 0; i < ev->nsimilar; i++) {
		const struct kb_entry *e = ev->similar[i].entry;

		if (!e)
			continue;
		buf_putf(b, "- %s (score %.2f): ", report_nz(e->id, "?"), ev->similar[i].score);
		report_put_line(b, report_nz(e->title, ""));
		if (e->remediation)
			buf_putf(b, "; fixed by %s", e->remediation);
		if (ev->similar[i].why) {
			buf_puts(b, " (");
			report_put_line(b, ev->similar[i].why);
			buf_puts(b, ")");
		}
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
}
static void put_remediation(struct buf *b, const struct report *c)
{
	const struct plan *plan = c->plan;

	buf_putf(b, "## Remediation\n\nType: `%s`.", remediation_name(c->dx->remediation));
	if (c->dx->rationale) {
		buf_puts(b, " ");
		report_put_line(b, c->dx->rationale);
	}
	buf_puts(b, "\n\n");
	if (!plan) {
		buf_puts(b, "No fix was planned.\n\n");
		return;
	}
	if (plan->title) {
		buf_puts(b, "**");
		report_put_line(b, plan->title);
		buf_puts(b, "**\n\n");
	}
	if (plan->description) {
		report_put_text(b, plan->description);
		buf_rtrim(b);
		buf_puts(b, "\n\n");
	}
	if (plan->branch)
		buf_putf(b, "Branch: `%s`\n\n", plan->branch);
	if (plan->revert_commit)
		buf_putf(b, "Reverts commit `%s`.\n\n", plan->revert_commit);
	if (plan->npaths) {
		buf_puts(b, "Files:\n\n");
		report_put_files(b, plan);
		buf_puts(b, "\n");
	}
	if (plan->dispatch) {
		char *inputs = json_dumps(json_object_get(plan->dispatch, "inputs"),
					  JSON_COMPACT | JSON_ENCODE_ANY);

		buf_putf(b, "Workflow dispatch: `%s`", report_nz(jsonx_str(plan->dispatch, "workflow"),
							  REMEDIATION_WORKFLOW));
		if (inputs) {
			buf_puts(b, " with inputs ");
			report_put_code(b, inputs);
		}
		buf_puts(b, "\n\n");
		free(inputs);
	}
}

static void put_artifact_links(struct buf *b, const struct report *c)
{
	/* publish.c commits the artifacts on the default branch, not on the fix branch */
	const char *branch = report_default_branch(c->ev);
	const char *const paths[][2] = {
		{"Runbook", c->runbook_path},
		{"Alert rules", c->rules_path},
		{"Recommendations", c->recommendations_path},
	};

	buf_puts(b, "## Artifacts\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
		char *url = report_blob_url(c->ev, branch, paths[i][1]);

		if (c->ev->repo_url)
			buf_putf(b, "- %s: [`%s`](%s)\n", paths[i][0], paths[i][1], url);
		else
			buf_putf(b, "- %s: `%s`\n", paths[i][0], paths[i][1]);
		free(url);
	}
	buf_putf(b, "- %zu alert rule%s in the rule group `%s`\n\n", c->nrules,
		 c->nrules == 1 ? "" : "s", c->stem);
}

/* A failure: its cause, the evidence, who to call, the fix. */
static void put_failure_body(struct buf *b, const struct report *c)
{
	buf_puts(b, "## Root cause\n\n");
	report_put_text(b, report_nz(c->dx->root_cause, "Not established."));
	buf_rtrim(b);
	buf_puts(b, "\n\n");
	if (c->dx->blame_pr > 0) {
		buf_putf(b, "Blamed pull request: #%d", c->dx->blame_pr);
		if (c->blame && c->blame->meta.html_url)
			buf_putf(b, " (%s)", c->blame->meta.html_url);
		buf_puts(b, ".\n\n");
	} else {
		buf_puts(b, "No pull request is blamed.\n\n");
	}
	put_suspects(b, c);
	put_evidence(b, c);
	put_sources(b, c);
	put_blast_radius(b, c);
	put_group(b, c->inc);
	put_timeline(b, c);
	put_severity_mttr(b, c);
	buf_puts(b, "## Escalation path\n\n");
	report_runbook_escalation(b, c);
	buf_puts(b, "\n");
	put_similar(b, c);
	put_remediation(b, c);
	put_artifact_links(b, c);
}

/*
 * A budget or cost alert: money, not a failure. No suspects, logs, paging or fix: the
 * amounts, period and scope, and the steps of a cost review (report_cost.h).
 */
static void put_cost_body(struct buf *b, const struct report *c)
{
	report_cost_render(b, c->inc);
	put_timeline(b, c);
	put_similar(b, c);
	put_artifact_links(b, c);
}

void report_issue_render(struct buf *b, char **title_out, char ***labels_out,
			 const struct report *c)
{
	struct buf title = BUF_INIT;
	const struct incident *inc = c->inc;
	const char *sev = incident_severity_name(inc->severity);

	buf_putf(&title, "[%s] ", sev);
	report_put_line(&title, inc->title);
	buf_puts(&title, " (");
	report_put_line(&title, inc->service);
	buf_puts(&title, ")");
	*title_out = buf_detach(&title);
	*labels_out = xcalloc(4, sizeof(char *));
	(*labels_out)[0] = xstrdup("incident");
	(*labels_out)[1] = xstrdup("aiops-generated");
	(*labels_out)[2] = xasprintf("severity:%s", sev);

	buf_puts(b, "## Summary\n\n");
	if (report_cost_applies(inc)) {
		report_cost_headline(b, inc);
		buf_putf(b, "\n\nIncident `%s`, fired %s: a budget alert, so no code change is "
			    "diagnosed or blamed.\n\n", inc->id, inc->fired_at_text);
		put_cost_body(b, c);
	} else {
		report_put_line(b, report_nz(c->dx->summary, inc->title));
		buf_putf(b, "\n\nIncident `%s`, fired %s, diagnosed by the %s engine as %s (confidence "
			    "%s).\n\n", inc->id, inc->fired_at_text, report_nz(c->dx->engine, "offline"),
			 category_name(c->dx->category), confidence_name(c->dx->confidence));
		put_failure_body(b, c);
	}
	buf_puts(b, "## Notes\n\n");
	if (!c->ev->nnotes)
		buf_puts(b, "All the evidence the agent looks for was available.\n");
	for (size_t i = 0; i < c->ev->nnotes; i++) {
		buf_puts(b, "- ");
		report_put_line(b, c->ev->notes[i]);
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
}

