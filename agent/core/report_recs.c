#include "common.h"
#include "core/report_recs.h"
#include "core/incident.h"
#include "util/text.h"

/* ---- recommendations ---- */

static bool is_performance_metric(const char *name)
{
	static const char *const words[] = {
		"latency", "duration", "seconds", "_ms", "time", "p95", "p99", "p50", "gc",
		"pause", "response", "error", "5xx", "4xx", "fail", "ratio", "rate", NULL,
	};

	for (const char *const *w = words; *w; w++)
		if (text_contains_ci(name, *w))
			return true;
	return false;
}

static void put_metric_items(struct buf *b, const struct report *c, bool performance)
{
	const char *key;
	json_t *m;

	if (!json_is_object(c->inc->metrics))
		return;
	json_object_foreach(c->inc->metrics, key, m) {
		double v, t, base;
		char vn[40], tn[40], bn[40];
		bool has_t, has_b;

		if (is_performance_metric(key) != performance || !report_metric_number(m, "value", &v))
			continue;
		has_t = report_metric_number(m, "threshold", &t);
		has_b = report_metric_number(m, "baseline", &base);
		report_fmt_num(vn, sizeof(vn), v);
		buf_puts(b, "- ");
		report_put_code(b, key);
		buf_putf(b, " reached %s", vn);
		if (has_t) {
			report_fmt_num(tn, sizeof(tn), t);
			buf_putf(b, " against an alert threshold of %s", tn);
			if (t != 0)
				buf_putf(b, " (%.2fx the threshold)", v / t);
		}
		if (has_b) {
			report_fmt_num(bn, sizeof(bn), base);
			buf_putf(b, "; its baseline is %s", bn);
			if (base != 0)
				buf_putf(b, " (%.1fx normal)", v / base);
		}
		buf_puts(b, ". ");
		if (has_t && has_b && base != 0 && t != 0 && base < t) {
			buf_putf(b, "Normal operation uses %.0f%% of the threshold; ", 100.0 * base / t);
			if (base / t > 0.7)
				buf_puts(b, "that leaves little headroom, so raise the capacity behind "
					    "this metric or lower its normal load.");
			else
				buf_putf(b, "add a warning rule at %.0f%% of the threshold to see the next "
					    "rise coming.", 80.0);
		} else if (has_t && has_b && base > t) {
			buf_puts(b, "Lower is worse for this metric: alert on a drop, not a rise.");
		} else {
			buf_puts(b, "Record a baseline for this metric so the next alert can be "
				    "judged against normal.");
		}
		buf_puts(b, "\n");
	}
}

void report_recs_render(struct buf *b, const struct report *c)
{
	const struct diagnosis *dx = c->dx;

	buf_putf(b, "# Recommendations after %s\n\n", c->inc->id);
	buf_puts(b, "Service `");
	report_put_line(b, c->inc->service);
	buf_putf(b, "` (%s), %s, %s. ", report_nz(c->inc->environment, "production"),
		 incident_severity_name(c->inc->severity), c->date);
	report_put_line(b, report_nz(dx->summary, c->inc->title));
	buf_puts(b, "\n\n");

	buf_puts(b, "## Capacity\n\n");
	put_metric_items(b, c, false);
	for (size_t i = 0; i < dx->nsignals; i++) {
		const struct signal_guide *g = signals_guide(dx->signals[i].name);

		if (i == 0 || g != c->g)
			buf_putf(b, "- (%s, %zu log line%s) %s\n", dx->signals[i].name,
				 dx->signals[i].count, report_plural(dx->signals[i].count), g->capacity);
		if (i >= 2)
			break;
	}
	if (!dx->nsignals)
		buf_putf(b, "- %s\n", c->g->capacity);
	buf_puts(b, "\n## Disaster recovery\n\n");
	buf_putf(b, "- %s\n", c->g->dr);
	switch (dx->remediation) {
	case REMEDIATION_PR_ROLLBACK:
	case REMEDIATION_CODE_FIX:
		buf_puts(b, "- Keep each release revertible on its own: a revert of one pull request "
			    "restored service here, so keep pull requests small and independent.\n");
		break;
	case REMEDIATION_FLYWAY_MIGRATION:
		buf_puts(b, "- Take a backup or snapshot before schema changes and rehearse restoring "
			    "it; a migration cannot be undone by reverting code.\n");
		break;
	case REMEDIATION_CONFIG_FIX:
	case REMEDIATION_FEATURE_FLAG:
		buf_puts(b, "- Version configuration and flags with the code and validate them in CI, "
			    "so a bad value is caught before production.\n");
		break;
	case REMEDIATION_DEPENDENCY_UPDATE:
		buf_puts(b, "- Pin dependencies with a lock file and keep the previous image in the "
			    "registry for rollback.\n");
		break;
	case REMEDIATION_INFRASTRUCTURE_ACTION:
		buf_putf(b, "- Make the infrastructure action (`%s`) a tested, automated step of the "
			    "`%s` workflow.\n", report_nz(dx->action, "infrastructure action"),
			 REMEDIATION_WORKFLOW);
		break;
	case REMEDIATION_ESCALATION:
		buf_puts(b, "- No automated remedy existed: write down the manual recovery used this "
			    "time and rehearse it.\n");
		break;
	}
	if (c->inc->severity <= 2)
		buf_puts(b, "- For a P1/P2 service, define a recovery time objective and measure this "
			    "incident's time to recovery against it.\n");
	buf_puts(b, "\n## Performance\n\n");
	put_metric_items(b, c, true);
	buf_putf(b, "- %s\n", c->g->performance);
	if (c->ev->digest.error_lines) {
		buf_putf(b, "- The logs held %zu error lines out of %zu; alert on the error log rate "
			    "so a rise is seen before users report it.\n",
			 c->ev->digest.error_lines, c->ev->digest.lines);
	}
}
