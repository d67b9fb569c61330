#include "common.h"
#include "core/report_promtest.h"
#include "core/signals.h"
#include "io/yamlio.h"
#include "util/alloc.h"

#include <math.h>

#define BASELINE_MIN 10
#define BASELINE_MAX 60
#define BASELINE_DEFAULT 30
#define MARGIN_MIN 10        /* minutes past the window and `for:` before the check */
#define SLOW_SHARE 0.5       /* share of requests slower than a latency threshold */
#define GAUGE_SCALE 1000.0   /* the denominator of a made-up fraction */

int report_promtest_minutes(const char *duration)
{
	static const struct {
		char unit;
		int seconds;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
	char *end;
	long v = duration ? strtol(duration, &end, 10) : 0;

	if (!duration || end == duration || v <= 0 || end[0] == '\0' || end[1] != '\0')
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (*end == units[i].unit)
			return (int)((v * units[i].seconds + 59) / 60);
	return 0;
}

/* Minutes the logs ran before their first error, within the bounds. */
static int baseline_minutes(const struct report *c)
{
	const struct digest *d = &c->ev->digest;
	time_t first, err;
	long m;

	if (!*d->first_ts || !*d->first_error_ts ||
	    !report_parse_log_time(&first, d->first_ts, c->inc->fired_at) ||
	    !report_parse_log_time(&err, d->first_error_ts, c->inc->fired_at) || err <= first)
		return BASELINE_DEFAULT;
	m = (long)((err - first) / 60);
	return (int)(m < BASELINE_MIN ? BASELINE_MIN : m > BASELINE_MAX ? BASELINE_MAX : m);
}

/* The test's timing: B minutes of baseline, then I of incident. */
struct timing {
	int b, i;
};

static void put_num(struct buf *b, double v)
{
	char n[40];

	report_fmt_num(n, sizeof(n), v);
	buf_puts(b, n);
}

/* A counter growing `s1` a minute over the baseline, then `s2` a minute. */
static char *counter(const struct timing *tm, double s1, double s2)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "0+");
	put_num(&b, s1);
	buf_putf(&b, "x%d ", tm->b);
	put_num(&b, s1 * tm->b + s2);
	buf_puts(&b, "+");
	put_num(&b, s2);
	buf_putf(&b, "x%d", tm->i - 1);
	return buf_detach(&b);
}

/* A gauge at `v1` over the baseline, then `v2`. */
static char *gauge(const struct timing *tm, double v1, double v2)
{
	struct buf b = BUF_INIT;

	put_num(&b, v1);
	buf_putf(&b, "+0x%d ", tm->b);
	put_num(&b, v2);
	buf_putf(&b, "+0x%d", tm->i - 1);
	return buf_detach(&b);
}

/* "name{labels,extra}" as a series of the test (extra: one k="v" or NULL). */
static char *series(const char *name, json_t *labels, const char *extra)
{
	struct buf b = BUF_INIT;
	const char *key;
	json_t *v;
	bool first = true;

	buf_putf(&b, "%s{", name);
	json_object_foreach(labels, key, v) {
		buf_putf(&b, "%s%s=", first ? "" : ",", key);
		report_rules_put_string(&b, json_string_value(v));
		first = false;
	}
	if (extra && *extra)
		buf_putf(&b, "%s%s", first ? "" : ",", extra);
	buf_puts(&b, "}");
	return buf_detach(&b);
}

static void add_series(json_t *list, char *name, char *values)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "series", name, "values", values));
	free(name);
	free(values);
}

/* The first status a regex of bad statuses allows ("5.." -> "500", "401|403" -> "401"). */
static char *bad_status(const char *re)
{
	size_t n = strcspn(re, "|");
	char *s = xstrndup(re, n);

	for (char *p = s; *p; p++)
		if (*p == '.')
			*p = '0';
	return s;
}

/*
 * A bad request counter with a single request five minutes before the baseline check,
 * then `s2` a minute.
 */
static char *single_then(const struct timing *tm, double s2)
{
	struct buf b = BUF_INIT;

	buf_putf(&b, "0+0x%d 1+0x4 ", tm->b - 5);
	put_num(&b, 1 + s2);
	buf_puts(&b, "+");
	put_num(&b, s2);
	buf_putf(&b, "x%d", tm->i - 1);
	return buf_detach(&b);
}

static void share_series(json_t *list, const struct report_rule *r, const struct timing *tm)
{
	char *bad = bad_status(r->t->bad), *mbad = xasprintf("%s=\"%s\"", r->status, bad);
	char *mgood = xasprintf("%s=\"200\"", r->status);
	bool guarded = r->t->guard > 0;
	double rate = r->rate;

	add_series(list, series(r->metric, r->labels, mbad),
		   guarded ? single_then(tm, rate * r->during)
			   : counter(tm, rate * r->base, rate * r->during));
	add_series(list, series(r->metric, r->labels, mgood),
		   counter(tm, rate * (guarded ? 1 : 1 - r->base), rate * (1 - r->during)));
	free(bad);
	free(mbad);
	free(mgood);
}

/* Buckets at a quarter of the threshold, the threshold, four times it and +Inf. */
static void quantile_series(json_t *list, const struct report_rule *r, const struct timing *tm)
{
	const double at[] = {r->threshold / 4, r->threshold, 4 * r->threshold, INFINITY};

	for (size_t i = 0; i < ARRAY_SIZE(at); i++) {
		char n[40], *le;
		bool fast = at[i] <= r->threshold;

		if (isinf(at[i]))
			snprintf(n, sizeof(n), "+Inf");
		else
			report_fmt_num(n, sizeof(n), at[i]);
		le = xasprintf("le=\"%s\"", n);
		add_series(list, series(r->metric, r->labels, le),
			   counter(tm, r->rate, r->rate * (fast ? 1 - SLOW_SHARE : 1)));
		free(le);
	}
}

static void input_series(json_t *list, const struct report_rule *r, const struct timing *tm)
{
	int window = report_promtest_minutes(r->t->window);

	switch (r->t->shape) {
	case SIGNAL_SHAPE_SHARE:
		share_series(list, r, tm);
		break;
	case SIGNAL_SHAPE_QUANTILE:
		quantile_series(list, r, tm);
		break;
	case SIGNAL_SHAPE_FRACTION:
		add_series(list, series(r->metric, r->labels, r->match),
			   gauge(tm, r->base * GAUGE_SCALE, r->during * GAUGE_SCALE));
		add_series(list, series(r->metric2, r->labels, r->match2),
			   gauge(tm, GAUGE_SCALE, GAUGE_SCALE));
		break;
	case SIGNAL_SHAPE_GAUGE:
	case SIGNAL_SHAPE_DEADLINE:
		add_series(list, series(r->metric, r->labels, r->match), gauge(tm, r->base, r->during));
		break;
	case SIGNAL_SHAPE_INCREASE:
		window = window > 0 ? window : 1;
		add_series(list, series(r->metric, r->labels, r->match),
			   counter(tm, r->base / window, r->during / window));
		break;
	}
}

/* One test group: the rule's series, quiet at the end of the baseline, firing after. */
static json_t *test_group(const struct report_rule *r, int baseline)
{
	struct timing tm = {baseline, 0};
	json_t *list = json_array(), *checks, *exp;
	char at[2][16];

	tm.i = report_promtest_minutes(r->t->window) + report_promtest_minutes(r->t->for_) + MARGIN_MIN;
	input_series(list, r, &tm);
	snprintf(at[0], sizeof(at[0]), "%dm", tm.b);
	snprintf(at[1], sizeof(at[1]), "%dm", tm.b + tm.i);
	exp = json_pack("{s:O, s:O}", "exp_labels", json_object_get(r->rule, "labels"),
			"exp_annotations", json_object_get(r->rule, "annotations"));
	checks = json_pack("[{s:s, s:s, s:[]}, {s:s, s:s, s:[o]}]", "eval_time", at[0], "alertname",
			   r->name, "exp_alerts", "eval_time", at[1], "alertname", r->name,
			   "exp_alerts", exp);
	return json_pack("{s:s, s:o, s:o}", "interval", "1m", "input_series", list,
			 "alert_rule_test", checks);
}

int report_promtest_render(struct buf *out, const struct report_rules *rs, const struct report *c,
			   const char *rule_file)
{
	json_t *doc, *tests = json_array();
	int baseline = baseline_minutes(c), error;

	buf_puts(out, "# promtool test rules for the alert rules aiops-agent wrote from incident ");
	report_put_line(out, c->inc->id);
	buf_putf(out, ".\n# Run with: promtool test rules <this file>\n"
		      "# Each rule stays quiet over a %d-minute baseline and fires during the "
		      "incident.\n", baseline);
	for (size_t i = 0; i < rs->n; i++) {
		const struct report_rule *r = &rs->rules[i];

		buf_putf(out, "# %s: %s\n", r->name,
			 r->measured ? "threshold and values from the alert's own metrics"
				     : "no metric of the alert measures it: values made up on each "
				       "side of the threshold");
		json_array_append_new(tests, test_group(r, baseline));
	}
	doc = json_pack("{s:[s], s:s, s:o}", "rule_files", rule_file, "evaluation_interval", "1m",
			"tests", tests);
	error = yamlio_emit(out, doc);
	json_decref(doc);
	return error;
}
