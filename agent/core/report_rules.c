#include "common.h"
#include "core/report_rules.h"
#include "core/incident.h"
#include "core/signals.h"
#include "io/yamlio.h"
#include "util/alloc.h"
#include "util/jsonx.h"
#include "util/text.h"

#include <ctype.h>
#include <math.h>

void report_rules_put_string(struct buf *b, const char *s)
{
	report_put_ch(b, '"');
	for (; *s; s++) {
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				report_put_ch(b, *s);
		}
	}
	report_put_ch(b, '"');
}
static char *camel_case(const char *s)
{
	struct buf b = BUF_INIT;

	while (s && *s) {
		size_t len = 0;
		bool all_upper = true;

		while (*s && !(isalnum((unsigned char)*s) && (unsigned char)*s < 0x80))
			s++;
		while (isalnum((unsigned char)s[len]) && (unsigned char)s[len] < 0x80) {
			if (islower((unsigned char)s[len]))
				all_upper = false;
			len++;
		}
		for (size_t i = 0; i < len; i++) {
			char ch = s[i];

			if (i == 0)
				ch = (char)toupper((unsigned char)ch);
			else if (all_upper)
				ch = (char)tolower((unsigned char)ch);
			report_put_ch(&b, ch);
		}
		s += len;
	}
	return buf_detach(&b);
}
static json_t *annotation(const char *s)
{
	char *line = report_clean_line(s, 1000);
	struct buf b = BUF_INIT;
	json_t *v;

	for (const char *p = line; *p; p++) {
		report_put_ch(&b, *p);
		if (*p == '{' && p[1] == '{')
			report_put_ch(&b, ' ');
	}
	v = json_string(b.ptr);
	if (!v)
		v = json_string("(not valid UTF-8)");
	buf_release(&b);
	free(line);
	return v;
}

/*
 * Where the alert's own metrics give a rule its numbers: a metric whose name holds
 * both words (case-free; "" matches anything) measures the quantity, in units that
 * `scale` turns into the rule's (a percentage into a share, milliseconds into seconds).
 * The first row that matches wins, so the more specific rows come first.
 */
static const struct {
	enum signal_quantity quantity;
	const char *a, *b;
	double scale;
} quantity_names[] = {
	{SIGNAL_QUANTITY_AUTH_RATIO, "401", "ratio", 1}, {SIGNAL_QUANTITY_AUTH_RATIO, "403", "ratio", 1},
	{SIGNAL_QUANTITY_ERROR_RATIO, "error", "percent", 0.01},
	{SIGNAL_QUANTITY_ERROR_RATIO, "5xx", "percent", 0.01},
	{SIGNAL_QUANTITY_ERROR_RATIO, "5xx", "ratio", 1},
	{SIGNAL_QUANTITY_ERROR_RATIO, "error", "ratio", 1},
	{SIGNAL_QUANTITY_ERROR_RATIO, "error_rate", "", 1},
	{SIGNAL_QUANTITY_LATENCY, "p99", "_ms", 0.001}, {SIGNAL_QUANTITY_LATENCY, "p95", "_ms", 0.001},
	{SIGNAL_QUANTITY_LATENCY, "duration", "_ms", 0.001},
	{SIGNAL_QUANTITY_LATENCY, "p99", "", 1}, {SIGNAL_QUANTITY_LATENCY, "p95", "", 1},
	{SIGNAL_QUANTITY_HEAP, "heap", "percent", 0.01}, {SIGNAL_QUANTITY_HEAP, "heap", "ratio", 1},
	{SIGNAL_QUANTITY_HEAP, "memory", "percent", 0.01},
};

/* Request rates in the alert's metrics, in requests per minute after `scale`. */
static const struct {
	const char *a, *b;
	double scale;
} rate_names[] = {
	{"requests", "per_second", 60}, {"requests", "per_minute", 1}, {"requests", "per_min", 1},
	{"hits", "per_min", 1}, {"requests_per", "", 1},
};

#define DEFAULT_RATE 100.0 /* requests per minute when the alert says nothing */

/* A made-up series' values must stay inside a share. */
static bool share_ok(enum signal_shape s, double v)
{
	return (s != SIGNAL_SHAPE_SHARE && s != SIGNAL_SHAPE_FRACTION) || (v >= 0 && v <= 1);
}

/* The alert's numbers for the rule's quantity: threshold, before and during. */
static bool measured(struct report_rule *r, const struct report *c)
{
	const char *key;
	json_t *m;

	if (!r->t->quantity || !json_is_object(c->inc->metrics))
		return false;
	json_object_foreach(c->inc->metrics, key, m) {
		for (size_t i = 0; i < ARRAY_SIZE(quantity_names); i++) {
			double v, t, base = 0, k = quantity_names[i].scale;

			if (!text_contains_ci(key, quantity_names[i].a) ||
			    !text_contains_ci(key, quantity_names[i].b))
				continue;
			if (quantity_names[i].quantity != r->t->quantity ||
			    !report_metric_number(m, "value", &v) || !report_metric_number(m, "threshold", &t))
				break;
			if (!report_metric_number(m, "baseline", &base))
				base = t / 4;
			v *= k, t *= k, base *= k;
			if (!(base < t && t < v) || !share_ok(r->t->shape, v))
				break;
			r->threshold = t, r->base = base, r->during = v;
			return true;
		}
	}
	return false;
}

static double request_rate(const struct report *c)
{
	const char *key;
	json_t *m;

	if (!json_is_object(c->inc->metrics))
		return DEFAULT_RATE;
	json_object_foreach(c->inc->metrics, key, m) {
		double base;

		for (size_t i = 0; i < ARRAY_SIZE(rate_names); i++)
			if (text_contains_ci(key, rate_names[i].a) && text_contains_ci(key, rate_names[i].b) &&
			    report_metric_number(m, "baseline", &base) && base > 0)
				return base * rate_names[i].scale;
	}
	return DEFAULT_RATE;
}

/*
 * Numbers for a rule the alert does not measure: the template's threshold, and values
 * clearly on each side of it (a quarter below, twice above; halfway to the end of a
 * share). The test file says they are made up.
 */
static void default_numbers(struct report_rule *r)
{
	double t = r->t->threshold;
	bool share = r->t->shape == SIGNAL_SHAPE_SHARE || r->t->shape == SIGNAL_SHAPE_FRACTION;

	r->threshold = t;
	if (r->t->shape == SIGNAL_SHAPE_DEADLINE) {
		r->base = 90 * 86400.0, r->during = 86400.0;
	} else if (!strcmp(r->t->op, "<")) {
		r->base = share ? (1 + t) / 2 : 2 * t, r->during = t / 2;
	} else {
		r->base = t / 4;
		r->during = share ? fmin(2 * t, (1 + t) / 2) : 2 * t;
	}
}

/* ---- expressions ---- */

static void put_pair(struct buf *b, const char *key, const char *value)
{
	buf_putf(b, "%s%s=", b->len && b->ptr[b->len - 1] != '{' ? "," : "", key);
	report_rules_put_string(b, value);
}

/* The series labels the rule's scope selects, as an object (new reference). */
static json_t *scope_labels(const struct signal_alert_rule *t, const struct report *c)
{
	json_t *l = json_object();
	const char *instance = report_label(c->inc, "instance");

	switch (t->scope) {
	case SIGNAL_SCOPE_SERVICE:
		json_object_set_new(l, "job", json_string(c->inc->service));
		if (c->ns)
			json_object_set_new(l, "namespace", json_string(c->ns));
		break;
	case SIGNAL_SCOPE_CONTAINER:
		if (c->ns)
			json_object_set_new(l, "namespace", json_string(c->ns));
		json_object_set_new(l, "container",
				    json_string(report_nz(report_label(c->inc, "container"), c->inc->service)));
		break;
	case SIGNAL_SCOPE_NAMESPACE:
		if (c->ns)
			json_object_set_new(l, "namespace", json_string(c->ns));
		break;
	case SIGNAL_SCOPE_PROBE:
		if (instance)
			json_object_set_new(l, "instance", json_string(instance));
		break;
	case SIGNAL_SCOPE_CLUSTER:
		break;
	}
	return l;
}

/* "name{labels,extra}" with `extra` a matcher text (may be NULL). */
static void put_series(struct buf *b, const char *name, json_t *labels, const char *extra)
{
	const char *key;
	json_t *v;
	size_t start;

	buf_putf(b, "%s{", name);
	start = b->len;
	json_object_foreach(labels, key, v) {
		put_pair(b, key, json_string_value(v));
	}
	if (extra && *extra)
		buf_putf(b, "%s%s", b->len > start ? "," : "", extra);
	if (b->len == start) {
		b->len--;       /* no labels: the bare name */
		b->ptr[b->len] = '\0';
	} else {
		buf_puts(b, "}");
	}
}

static void put_share(struct buf *b, const struct report_rule *r, double threshold)
{
	const struct signal_alert_rule *t = r->t;
	char *bad = xasprintf("%s=~\"%s\"", r->status, t->bad);
	char num[40];

	buf_puts(b, "sum(rate(");
	put_series(b, r->metric, r->labels, bad);
	buf_putf(b, "[%s])) / sum(rate(", t->window);
	put_series(b, r->metric, r->labels, NULL);
	report_fmt_num(num, sizeof(num), threshold);
	buf_putf(b, "[%s])) %s %s", t->window, t->op, num);
	if (t->guard > 0) {
		report_fmt_num(num, sizeof(num), t->guard);
		buf_puts(b, " and sum(increase(");
		put_series(b, r->metric, r->labels, bad);
		buf_putf(b, "[%s])) > %s", t->window, num);
	}
	free(bad);
}

/* The rule's expression, by its shape (signals.h). New string. */
static char *expression(const struct report_rule *r)
{
	const struct signal_alert_rule *t = r->t;
	struct buf b = BUF_INIT;
	char num[40];

	report_fmt_num(num, sizeof(num), r->threshold);
	switch (t->shape) {
	case SIGNAL_SHAPE_SHARE:
		put_share(&b, r, r->threshold);
		return buf_detach(&b);
	case SIGNAL_SHAPE_QUANTILE:
		buf_puts(&b, "histogram_quantile(0.99, sum by (le) (rate(");
		put_series(&b, r->metric, r->labels, t->match);
		buf_putf(&b, "[%s])))", t->window);
		break;
	case SIGNAL_SHAPE_FRACTION:
		buf_puts(&b, t->each ? (strcmp(t->op, "<") ? "max(" : "min(") : "sum(");
		put_series(&b, r->metric, r->labels, r->match);
		buf_puts(&b, t->each ? " / " : ") / sum(");
		put_series(&b, r->metric2, r->labels, r->match2);
		buf_puts(&b, ")");
		break;
	case SIGNAL_SHAPE_GAUGE:
		buf_puts(&b, "max(");
		put_series(&b, r->metric, r->labels, t->match);
		buf_puts(&b, ")");
		break;
	case SIGNAL_SHAPE_DEADLINE:
		buf_puts(&b, "min(");
		put_series(&b, r->metric, r->labels, t->match);
		buf_puts(&b, ") - time()");
		break;
	case SIGNAL_SHAPE_INCREASE:
		buf_puts(&b, "sum(increase(");
		put_series(&b, r->metric, r->labels, t->match);
		buf_putf(&b, "[%s]))", t->window);
		break;
	}
	buf_putf(&b, " %s %s", t->op, num);
	return buf_detach(&b);
}

char *report_rules_share_expr(const struct report *c, const char *bad, double threshold)
{
	struct signal_alert_rule t = *signals_alert_rule(SIGNAL_ALERT_ERROR_RATIO);
	struct report_rule r = {0};
	struct buf b = BUF_INIT;

	t.bad = bad;
	r.t = &t;
	r.metric = report_platform_metric(&c->platform, t.metric);
	r.status = c->platform.library->status;
	r.labels = scope_labels(&t, c);
	put_share(&b, &r, threshold);
	json_decref(r.labels);
	return buf_detach(&b);
}

/* ---- the rule group ---- */

/* Whether a signal of the diagnosis is watched by rule `a`. */
static bool diagnosed(const struct diagnosis *dx, enum signal_alert a)
{
	for (size_t i = 0; i < dx->nsignals; i++)
		if (dx->signals[i].name && signals_watches(dx->signals[i].name, a))
			return true;
	return false;
}

/* Whether the evidence proves the exporter that publishes the template's series. */
static bool exported(const struct signal_alert_rule *t, const struct report_platform *p)
{
	switch (t->exporter) {
	case SIGNAL_EXPORTER_APP: return true;
	case SIGNAL_EXPORTER_KUBE: return p->kube;
	case SIGNAL_EXPORTER_BLACKBOX: return p->blackbox;
	}
	return false;
}

static const char *grade_name(const struct signal_alert_rule *t, const struct report *c)
{
	return t->grade == SIGNAL_GRADE_PAGE_IF_SEVERE && c->inc->severity <= 2 ? "page" : "ticket";
}

static json_t *rule_json(const struct report_rule *r, const struct report *c, const char *name,
			 const char *runbook_url)
{
	json_t *rule = json_object(), *labels = json_object(), *ann = json_object();
	char *expr = expression(r);
	char *text = xasprintf("%s Learned from incident %s (%s).", r->t->description, c->inc->id,
			       c->inc->title);

	json_object_set_new(rule, "alert", json_string(name));
	json_object_set_new(rule, "expr", json_string(expr));
	json_object_set_new(rule, "for", json_string(r->t->for_));
	json_object_set_new(labels, "severity", json_string(grade_name(r->t, c)));
	json_object_set_new(labels, "service", annotation(c->inc->service));
	if (c->team)
		json_object_set_new(labels, "team", annotation(c->team));
	json_object_set_new(rule, "labels", labels);
	json_object_set_new(ann, "summary", annotation(r->t->summary));
	json_object_set_new(ann, "description", annotation(text));
	json_object_set_new(ann, "runbook_url", json_string(runbook_url));
	json_object_set_new(rule, "annotations", ann);
	free(text);
	free(expr);
	return rule;
}

/* Fill `r` for template `t`; false when the platform publishes none of its series. */
static bool make_rule(struct report_rule *r, const struct signal_alert_rule *t,
		      const struct report *c)
{
	const struct report_platform *p = &c->platform;
	bool heap = t->metric && !strncmp(t->metric, "$heap", 5);

	memset(r, 0, sizeof(*r));
	r->t = t;
	r->metric = report_platform_metric(p, t->metric);
	r->metric2 = report_platform_metric(p, t->metric2);
	if (!exported(t, p) || !r->metric || (t->metric2 && !r->metric2))
		return false;
	r->match = heap ? p->library->heap_match : t->match;
	r->match2 = heap ? p->library->heap_match : t->match2;
	r->status = p->library->status;
	r->labels = scope_labels(t, c);
	r->rate = request_rate(c);
	r->measured = measured(r, c);
	if (!r->measured)
		default_numbers(r);
	return true;
}

void report_rules_release(struct report_rules *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		json_decref(rs->rules[i].labels);
		json_decref(rs->rules[i].rule);
	}
	free(rs->rules);
	free(rs->camel);
	memset(rs, 0, sizeof(*rs));
}

void report_rules_build(struct report_rules *out, const struct report *c)
{
	char *runbook_url = report_blob_url(c->ev, report_default_branch(c->ev), c->runbook_path);

	memset(out, 0, sizeof(*out));
	out->camel = camel_case(c->inc->service);
	if (!isalpha((unsigned char)out->camel[0])) {
		char *named = xasprintf("Service%s", out->camel);

		free(out->camel);
		out->camel = named;
	}
	out->rules = xcalloc(SIGNAL_ALERT_COUNT, sizeof(*out->rules));
	for (int a = SIGNAL_ALERT_NONE + 1; a < SIGNAL_ALERT_COUNT; a++) {
		const struct signal_alert_rule *t = signals_alert_rule((enum signal_alert)a);
		struct report_rule *r = &out->rules[out->n];
		char *name;

		if ((!t->every_service && !diagnosed(c->dx, (enum signal_alert)a)) || !make_rule(r, t, c))
			continue;
		name = xasprintf("%s%s", out->camel, t->suffix);
		r->name = json_string_value(json_object_get(
			r->rule = rule_json(r, c, name, runbook_url), "alert"));
		free(name);
		out->n++;
	}
	free(runbook_url);
}

int report_rules_render(struct buf *out, const struct report_rules *rs, const struct report *c)
{
	json_t *doc = json_object(), *group = json_object(), *list = json_array();
	int error;

	for (size_t i = 0; i < rs->n; i++)
		json_array_append(list, rs->rules[i].rule);
	json_object_set_new(group, "name", json_string(c->stem));
	json_object_set_new(group, "rules", list);
	json_object_set_new(doc, "groups", json_pack("[o]", group));
	buf_puts(out, "# Prometheus alert rules written by aiops-agent from incident ");
	report_put_line(out, c->inc->id);
	buf_putf(out, ".\n# Series as %s publishes them%s.\n", c->platform.library->name,
		 c->platform.kube ? ", and kube-state-metrics, the kubelet and CoreDNS" : "");
	buf_puts(out, "# Check with: promtool check rules <this file>; "
		      "promtool test rules <the .test.yml beside it>\n");
	error = yamlio_emit(out, doc);
	json_decref(doc);
	return error;
}
