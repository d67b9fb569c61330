#include "common.h"
#include "core/report_runbook.h"
#include "core/incident.h"
#include "core/kb.h"
#include "core/report_rules.h"
#include "util/alloc.h"
#include "util/jsonx.h"

#include <ctype.h>

/* ---- runbook ---- */

static bool checks_use(const char *const *lines, size_t n, const char *var)
{
	size_t len = strlen(var);

	for (size_t i = 0; i < n && lines[i]; i++) {
		for (const char *p = lines[i]; (p = strchr(p, '$')); p++) {
			const char *name = p[1] == '{' ? p + 2 : p + 1;

			if (!strncmp(name, var, len) && !isalnum((unsigned char)name[len]) &&
			    name[len] != '_')
				return true;
		}
	}
	return false;
}

static bool check_wanted(const struct report *c, const char *line)
{
	if (!strncmp(line, "j|", 2))
		return c->runtime != REPORT_RUNTIME_OTHER;
	return true;
}

/* The check lines that apply, without their tags. */
static size_t pick_checks(const struct report *c, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(c->g->checks) && c->g->checks[i] && n < max; i++)
		if (check_wanted(c, c->g->checks[i]))
			out[n++] = c->g->checks[i] + (strncmp(c->g->checks[i], "j|", 2) ? 0 : 2);
	return n;
}

/* The variable block the check lines need, in dependency order. */
static void put_check_vars(struct buf *b, const struct report *c, const char **lines, size_t n)
{
	const struct incident *inc = c->inc;
	bool use_logs = checks_use(lines, n, "LOGS");
	bool use_exec = checks_use(lines, n, "EXEC") && c->k8s;
	bool use_jpid = checks_use(lines, n, "JPID");
	bool use_url = checks_use(lines, n, "BASE_URL");
	bool use_pod = checks_use(lines, n, "POD") || use_exec;
	bool use_ns = checks_use(lines, n, "NS") || use_pod || (use_logs && c->k8s) ||
		      (use_url && c->k8s);
	bool use_svc = checks_use(lines, n, "SVC") || use_pod || use_logs || use_url;
	const char *pod = report_label(inc, "pod"), *host = report_label(inc, "host");

	if (use_ns) {
		buf_puts(b, "NS=");
		report_put_shell_word(b, report_nz(c->ns, "default"));
		buf_puts(b, c->ns ? "  # the alert's namespace label\n"
				  : "  # the alert has no namespace label: set the right one\n");
	}
	if (use_svc) {
		buf_puts(b, "SVC=");
		report_put_shell_word(b, inc->service);
		buf_puts(b, "\n");
	}
	if (use_pod) {
		if (pod) {
			buf_puts(b, "POD=");
			report_put_shell_word(b, pod);
			buf_puts(b, "  # the pod named by the alert\n");
		} else {
			buf_puts(b, "POD=$(kubectl -n \"$NS\" get pods -l app=\"$SVC\" "
				    "-o jsonpath='{.items[0].metadata.name}')\n");
		}
	}
	if (use_exec)
		buf_puts(b, "EXEC=\"kubectl -n $NS exec $POD --\"\n");
	else if (checks_use(lines, n, "EXEC"))
		buf_puts(b, "EXEC=  # commands run on the service's host\n");
	if (use_jpid)
		buf_puts(b, c->k8s ? "JPID=1  # the JVM is the container's first process\n"
				   : "JPID=$(pgrep -f java | head -n 1)\n");
	if (use_url)
		buf_puts(b, c->k8s ? "BASE_URL=\"http://$SVC.$NS.svc.cluster.local:8080\"  # adjust the port\n"
				   : "BASE_URL=\"http://localhost:8080\"  # the service's address\n");
	if (checks_use(lines, n, "DATABASE_URL"))
		buf_puts(b, ": \"${DATABASE_URL:?export a read-only connection string first}\"\n");
	if (checks_use(lines, n, "HOST")) {
		if (host) {
			buf_puts(b, "HOST=");
			report_put_shell_word(b, host);
			buf_puts(b, "\n");
		} else {
			buf_puts(b, ": \"${HOST:?export the host name of the TLS endpoint first}\"\n");
		}
	}
	if (use_logs)
		buf_puts(b, c->k8s ? "LOGS=\"kubectl -n $NS logs deployment/$SVC --since=1h\"\n"
				   : "LOGS=\"cat /var/log/$SVC/*.log\"  # where the service logs\n");
}

static bool identifier(const char *s)
{
	if (!s || !*s || strlen(s) > 63)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Where the column or table the diagnosis names exists, when it is a plain identifier. */
static void put_subject_check(struct buf *b, const struct report *c)
{
	const char *subject = c->dx->subject;

	if (!identifier(subject))
		return;
	if (!strcmp(c->signal, "missing_column"))
		buf_putf(b, "psql \"$DATABASE_URL\" -c \"select table_schema, table_name from "
			    "information_schema.columns where column_name = '%s'\"\n", subject);
	else if (!strcmp(c->signal, "missing_table"))
		buf_putf(b, "psql \"$DATABASE_URL\" -c \"select table_schema from "
			    "information_schema.tables where table_name = '%s'\"\n", subject);
}

static void put_checks(struct buf *b, const struct report *c)
{
	const char *lines[ARRAY_SIZE(c->g->checks)];
	size_t n = pick_checks(c, lines, ARRAY_SIZE(lines));

	buf_putf(b, "Checks for %s (`%s`):\n\n```bash\n", c->g->family, c->signal);
	put_check_vars(b, c, lines, n);
	buf_puts(b, "\n");
	for (size_t i = 0; i < n; i++)
		buf_putf(b, "%s\n", lines[i]);
	put_subject_check(b, c);
	buf_puts(b, "```\n\n");
}

/* git and gh commands around the suspect pull requests (application incidents). */
static void put_change_checks(struct buf *b, const struct report *c)
{
	const struct evidence *ev = c->ev;
	char since[32], until[32];

	report_fmt_time(since, sizeof(since), c->inc->fired_at - 3 * 86400, "%Y-%m-%dT%H:%M:%SZ");
	report_fmt_time(until, sizeof(until), c->inc->fired_at, "%Y-%m-%dT%H:%M:%SZ");
	buf_puts(b, "Recent changes (this is an application incident: start from what was merged):\n\n"
		    "```bash\n");
	buf_putf(b, "git log --oneline --merges --since=%s --until=%s origin/", since, until);
	report_put_shell_word(b, report_default_branch(ev));
	buf_puts(b, "\n");
	if (c->dx->blame_pr > 0) {
		buf_putf(b, "gh pr view %d", c->dx->blame_pr);
		if (ev->repo_name) {
			buf_puts(b, " --repo ");
			report_put_shell_word(b, ev->repo_name);
		}
		buf_puts(b, " --json number,title,author,mergedAt,files\n");
		buf_putf(b, "gh pr diff %d", c->dx->blame_pr);
		if (ev->repo_name) {
			buf_puts(b, " --repo ");
			report_put_shell_word(b, ev->repo_name);
		}
		buf_puts(b, "\n");
	} else {
		buf_puts(b, "gh pr list --state merged --limit 10");
		if (ev->repo_name) {
			buf_puts(b, " --repo ");
			report_put_shell_word(b, ev->repo_name);
		}
		buf_puts(b, "\n");
	}
	buf_puts(b, "```\n\n");
}

static void put_signals_inline(struct buf *b, const struct diagnosis *dx)
{
	for (size_t i = 0; i < dx->nsignals; i++) {
		buf_putf(b, "%s`%s` (%zu line%s)", i ? ", " : "", dx->signals[i].name,
			 dx->signals[i].count, report_plural(dx->signals[i].count));
	}
}

static void put_summary(struct buf *b, const struct report *c)
{
	const struct incident *inc = c->inc;

	buf_puts(b, "## Summary\n\n");
	buf_putf(b, "This runbook covers **%s** alerts on `%s` (%s): %s.\n\n", c->g->family,
		 inc->service, inc->environment ? inc->environment : "production",
		 c->dx->nsignals && c->dx->signals[0].meaning ? c->dx->signals[0].meaning
							       : "the signal the alert raised");
	buf_puts(b, "It was first written by aiops-agent for incident ");
	buf_putf(b, "%s (%s, %s): ", inc->id, incident_severity_name(inc->severity), c->date);
	report_put_line(b, c->dx->summary);
	buf_puts(b, "\n\n");
	buf_putf(b, "- Category: %s\n- Remediation chosen: %s (confidence %s, %s engine)\n",
		 category_name(c->dx->category), remediation_name(c->dx->remediation),
		 confidence_name(c->dx->confidence), report_nz(c->dx->engine, "offline"));
	if (c->dx->nsignals) {
		buf_puts(b, "- Signals seen in the logs: ");
		put_signals_inline(b, c->dx);
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
}

static void put_metric_table(struct buf *b, const struct incident *inc)
{
	const char *key;
	json_t *m;

	if (!json_is_object(inc->metrics) || !json_object_size(inc->metrics))
		return;
	buf_puts(b, "| Metric | Value | Threshold | Baseline |\n|---|---|---|---|\n");
	json_object_foreach(inc->metrics, key, m) {
		double v;
		char n[40];

		buf_puts(b, "| ");
		report_put_cell(b, key);
		for (size_t i = 0; i < 3; i++) {
			static const char *const keys[] = {"value", "threshold", "baseline"};

			if (report_metric_number(m, keys[i], &v)) {
				report_fmt_num(n, sizeof(n), v);
				buf_putf(b, " | %s", n);
			} else {
				buf_puts(b, " | -");
			}
		}
		buf_puts(b, " |\n");
	}
	buf_puts(b, "\n");
}

static void put_alert_description(struct buf *b, const struct report *c)
{
	const struct incident *inc = c->inc;

	buf_puts(b, "## Alert description and why it matters\n\n");
	buf_puts(b, "The alert: **");
	report_put_line(b, inc->title);
	buf_putf(b, "** (%s", incident_severity_name(inc->severity));
	if (inc->source && *inc->source)
		buf_putf(b, ", from %s", inc->source);
	if (inc->rule && *inc->rule) {
		buf_puts(b, ", rule ");
		report_put_code(b, inc->rule);
	}
	buf_puts(b, ").\n\n");
	if (inc->description && *inc->description) {
		report_put_line(b, inc->description);
		buf_puts(b, "\n\n");
	}
	put_metric_table(b, inc);
	buf_putf(b, "Why it matters: %s\n\n", c->g->why);
}

static void put_initial_diagnosis(struct buf *b, const struct report *c)
{
	buf_puts(b, "## Initial diagnosis\n\n");
	buf_putf(b, "Work through these in order; each takes under a minute. Commands assume "
		    "read access to %s.\n\n",
		 c->g->cluster_checks || c->k8s ? "the cluster" : "the service and its database");
	put_checks(b, c);
	if (c->dx->category == CATEGORY_APPLICATION)
		put_change_checks(b, c);
	if (c->ev->digest.first_error) {
		buf_puts(b, "The first error line of this incident, to compare with what you see: ");
		report_put_code(b, c->ev->digest.first_error);
		buf_puts(b, "\n\n");
	}
}

static void put_diagnosed_cause(struct buf *b, const struct report *c)
{
	const struct diagnosis *dx = c->dx;

	buf_puts(b, "### 1. ");
	report_put_line(b, report_nz(dx->summary, "the diagnosed cause"));
	buf_putf(b, " (diagnosed, confidence %s)\n\n", confidence_name(dx->confidence));
	buf_puts(b, "- **Symptoms:** ");
	if (dx->nsignals) {
		for (size_t i = 0; i < dx->nsignals && i < 3; i++) {
			buf_putf(b, "%s%s in %zu log line%s", i ? "; " : "",
				 report_nz(dx->signals[i].meaning, dx->signals[i].name), dx->signals[i].count,
				 report_plural(dx->signals[i].count));
			if (dx->signals[i].example) {
				buf_puts(b, ", e.g. ");
				report_put_code(b, dx->signals[i].example);
			}
		}
	} else if (c->ev->digest.first_error) {
		buf_puts(b, "errors such as ");
		report_put_code(b, c->ev->digest.first_error);
	} else {
		buf_puts(b, "the alert fired without a matching log signature");
	}
	buf_puts(b, ".\n- **Diagnosis:** ");
	report_put_line(b, report_nz(dx->root_cause, "no root cause was established"));
	if (c->blame) {
		const struct suspect *s = evidence_suspect(c->ev, dx->blame_pr);

		buf_putf(b, " Pull request #%d (", dx->blame_pr);
		report_put_line(b, report_nz(c->blame->meta.title, "untitled"));
		buf_puts(b, ")");
		if (s)
			buf_putf(b, " scored %.2f as the cause", s->score);
		buf_puts(b, ".");
	}
	buf_puts(b, "\n- **Fix:** ");
	buf_putf(b, "%s", remediation_name(dx->remediation));
	if (c->plan && c->plan->title) {
		buf_puts(b, ": ");
		report_put_line(b, c->plan->title);
	}
	if (dx->rationale) {
		buf_puts(b, ". ");
		report_put_line(b, dx->rationale);
	}
	if (c->plan && c->plan->branch)
		buf_putf(b, " The fix is on branch `%s`.", c->plan->branch);
	buf_puts(b, "\n\n");
}

static void put_likely_causes(struct buf *b, const struct report *c)
{
	buf_puts(b, "## Likely causes\n\n");
	put_diagnosed_cause(b, c);
	for (size_t i = 0; i < ARRAY_SIZE(c->g->causes); i++) {
		const struct signal_cause *k = &c->g->causes[i];

		buf_putf(b, "### %zu. %s\n\n", i + 2, k->title);
		buf_putf(b, "- **Symptoms:** %s.\n- **Diagnosis:** %s.\n- **Fix:** %s.\n\n",
			 k->symptoms, k->diagnosis, k->fix);
	}
}

/*
 * True for a name a runbook may quote as it is (a team or service: letters, digits,
 * spaces, "@/._-"): an alert's labels are anyone's words, and a runbook step is copied.
 */
static bool plain_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("@/._- ", s[i]))
			return false;
	return n > 0 && n <= 80;
}

void report_runbook_escalation(struct buf *b, const struct report *c)
{
	int sev = c->inc->severity;
	int n = 1;

	if (plain_name(c->team))
		buf_putf(b, "%d. Page the on-call engineer of the owning team (`%s`).\n", n++, c->team);
	else if (plain_name(c->inc->service))
		buf_putf(b, "%d. Page the on-call engineer of `%s`.\n", n++, c->inc->service);
	else
		buf_putf(b, "%d. Page the on-call engineer of the service the alert names.\n", n++);
	if (c->blame) {
		buf_putf(b, "%d. Bring in the author of pull request #%d", n++, c->dx->blame_pr);
		if (c->blame->meta.author)
			buf_putf(b, " (@%s)", c->blame->meta.author);
		buf_puts(b, ", who knows the change best.\n");
	}
	buf_putf(b, "%d. If the checks above point outside the service, involve %s.\n", n++,
		 c->g->owner);
	if (c->dx->remediation == REMEDIATION_ESCALATION || c->dx->confidence == CONFIDENCE_LOW)
		buf_putf(b, "%d. No automated fix is trusted for this incident: escalate now "
			    "rather than waiting for one.\n", n++);
	if (sev <= 1)
		buf_putf(b, "%d. P1: open an incident bridge and name an incident commander if the "
			    "service is not recovering within 30 minutes; update stakeholders every "
			    "30 minutes.\n", n++);
	else if (sev == 2)
		buf_putf(b, "%d. P2: name an incident commander if the service is not recovering "
			    "within 60 minutes.\n", n++);
	else
		buf_putf(b, "%d. P%d: handle within working hours unless it grows; raise the "
			    "severity if users report impact.\n", n++, sev);
}

static void put_recovery(struct buf *b, const struct report *c)
{
	const char *key;
	json_t *m;
	char *expr;

	buf_puts(b, "## Recovery verification\n\n");
	buf_puts(b, "The incident is over when all of these hold:\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(c->g->verify) && c->g->verify[i]; i++)
		buf_putf(b, "- [ ] %s\n", c->g->verify[i]);
	if (json_is_object(c->inc->metrics)) {
		json_object_foreach(c->inc->metrics, key, m) {
			double t, base;
			char n[40];

			if (!report_metric_number(m, "threshold", &t))
				continue;
			report_fmt_num(n, sizeof(n), t);
			buf_puts(b, "- [ ] ");
			report_put_code(b, key);
			if (report_metric_number(m, "baseline", &base) && base > t)
				buf_putf(b, " back above %s", n);
			else
				buf_putf(b, " back below %s", n);
			if (report_metric_number(m, "baseline", &base)) {
				report_fmt_num(n, sizeof(n), base);
				buf_putf(b, " (normal: about %s)", n);
			}
			buf_puts(b, "\n");
		}
	}
	buf_puts(b, "- [ ] the alert ");
	report_put_code(b, report_nz(c->inc->rule, c->inc->title));
	buf_puts(b, " has resolved and stayed resolved for 30 minutes\n\n");
	if (c->platform.azure) { /* no Prometheus to ask: the metric alerts say it */
		buf_putf(b, "The Azure Monitor metric alerts of `%s` stay resolved.\n\n", c->rules_path);
		return;
	}
	expr = report_rules_share_expr(c, "5..", 0.01);
	buf_puts(b, "```bash\n");
	buf_puts(b, ": \"${PROM_URL:?export the Prometheus URL first}\"\n");
	buf_puts(b, "promtool query instant \"$PROM_URL\" ");
	report_put_shell_word(b, expr);
	buf_puts(b, "  # no result means the 5xx ratio is under 1%\n```\n\n");
	free(expr);
}

static void put_post_incident(struct buf *b, const struct report *c)
{
	const struct plan *plan = c->plan;

	buf_puts(b, "## Post-incident actions\n\n");
	if (plan && plan->branch)
		buf_putf(b, "- [ ] Review and merge the fix on `%s`, then watch the recovery checks "
			    "after the deploy.\n", plan->branch);
	else if (plan && plan->dispatch)
		buf_putf(b, "- [ ] Confirm the `%s` workflow run finished and the recovery checks "
			    "hold.\n", REMEDIATION_WORKFLOW);
	if (c->dx->category == CATEGORY_APPLICATION)
		buf_puts(b, "- [ ] Add a regression test that fails on the faulty behaviour, in the "
			    "files the fix touches.\n");
	else
		buf_puts(b, "- [ ] Record the infrastructure change in its source of truth "
			    "(Terraform, Helm values, manifests), so the next deploy does not undo it.\n");
	if (c->platform.azure)
		buf_putf(b, "- [ ] Deploy the Azure Monitor metric alerts in `%s` (`az deployment group "
			    "create --template-file` with the resource to watch and the action "
			    "group).\n", c->rules_path);
	else
		buf_putf(b, "- [ ] Load the alert rules in `%s` into Prometheus (`promtool check rules` "
			    "and `promtool test rules` on the `.test.yml` beside them pass).\n",
			 c->rules_path);
	buf_putf(b, "- [ ] Work through `%s`.\n", c->recommendations_path);
	if (c->inc->severity <= 2)
		buf_puts(b, "- [ ] Hold a blameless review within five working days.\n");
	if (c->ev->nnotes)
		buf_puts(b, "- [ ] Fill the gaps in the evidence listed in the issue's notes (missing "
			    "logs, diffs or metrics), so the next diagnosis has them.\n");
	buf_puts(b, "- [ ] Update this runbook with what the responders actually did.\n\n");
}

static void put_related(struct buf *b, const struct report *c)
{
	const struct evidence *ev = c->ev;
	const char *runbook = report_label(c->inc, "runbook_url");

	buf_puts(b, "## Related links\n\n");
	if (ev->repo_url)
		buf_putf(b, "- Repository: %s\n", ev->repo_url);
	if (c->blame && c->blame->meta.html_url)
		buf_putf(b, "- Blamed pull request #%d: %s\n", c->dx->blame_pr, c->blame->meta.html_url);
	if (runbook && (!strncmp(runbook, "https://", 8) || !strncmp(runbook, "http://", 7))) {
		buf_puts(b, "- The alert's own runbook: ");
		report_put_line(b, runbook);
		buf_puts(b, "\n");
	}
	for (size_t i = 0; i < ev->nsimilar; i++) {
		const struct kb_entry *e = ev->similar[i].entry;

		if (!e || !e->id)
			continue;
		buf_putf(b, "- Similar incident %s (knowledge-base/incidents.md, score %.2f): ",
			 e->id, ev->similar[i].score);
		report_put_line(b, report_nz(e->title, ""));
		if (e->runbook && strcmp(e->runbook, "none"))
			buf_putf(b, " - runbook `%s`", e->runbook);
		buf_puts(b, "\n");
	}
	if (!ev->repo_url && !c->blame && !ev->nsimilar)
		buf_puts(b, "- No repository or similar incident is known yet.\n");
	buf_puts(b, "\n");
}

void report_runbook_render(struct buf *b, const struct report *c)
{

	buf_puts(b, "# Runbook: ");
	report_put_line(b, c->inc->service);
	buf_putf(b, " - %s\n\n", c->g->family);
	put_summary(b, c);
	put_alert_description(b, c);
	put_initial_diagnosis(b, c);
	put_likely_causes(b, c);
	buf_puts(b, "## Escalation path\n\n");
	report_runbook_escalation(b, c);
	buf_puts(b, "\n");
	put_recovery(b, c);
	put_post_incident(b, c);
	put_related(b, c);
	buf_puts(b, "## History\n\n");
	buf_putf(b, "- %s %s: ", c->date, c->inc->id);
	report_put_line(b, report_nz(c->dx->summary, c->inc->title));
	buf_puts(b, "\n");
}
