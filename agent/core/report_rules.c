#include "common.h"
#include "core/report_rules.h"
#include "core/signals.h"
#include "io/yamlio.h"
#include "util/alloc.h"
#include "util/jsonx.h"

#include <ctype.h>

/* The 5xx ratio expression of the service (also used by the recovery checks). */
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

char *report_rules_ratio_expr(const char *service, const char *status_re, const char *threshold)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "sum(rate(http_server_requests_seconds_count{service=");
	report_rules_put_string(&b, service);
	buf_putf(&b, ",status=~\"%s\"}[5m])) / sum(rate(http_server_requests_seconds_count{service=",
		 status_re);
	report_rules_put_string(&b, service);
	buf_putf(&b, "}[5m])) > %s", threshold);
	return buf_detach(&b);
}

/* ---- Prometheus rules ---- */

struct rules {
	const struct report *c;
	json_t *list;
	const char *severity;
	char *camel;          /* CamelCase service name */
	char *runbook_url;
};

/* "order-api" -> "OrderApi", "HTTP_requests" -> "HttpRequests", "jvmHeap" -> "JvmHeap". */
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

/* A metric name valid in PromQL: [a-zA-Z_:][a-zA-Z0-9_:]*; "" when nothing is left. */
static char *metric_name(const char *s)
{
	struct buf b = BUF_INIT;

	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		bool ok = (isalnum(ch) && ch < 0x80) || ch == '_' || ch == ':';

		if (!b.len && isdigit(ch))
			report_put_ch(&b, '_');
		report_put_ch(&b, ok ? (char)ch : '_');
	}
	return buf_detach(&b);
}

/* Text for an annotation: Prometheus expands Go templates there, so "{{" must not appear. */
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

static bool rule_exists(const json_t *list, const char *name)
{
	size_t i;
	json_t *r;

	json_array_foreach(list, i, r)
		if (!strcmp(jsonx_str(r, "alert") ? jsonx_str(r, "alert") : "", name))
			return true;
	return false;
}

static void add_rule(struct rules *rs, const char *suffix, const char *expr, const char *for_,
		     const char *summary, const char *description)
{
	char *name = xasprintf("%s%s", rs->camel, suffix);
	json_t *rule, *labels, *ann, *safe;
	char *desc, *text;

	if (rule_exists(rs->list, name)) {
		free(name);
		return;
	}
	rule = json_object();
	json_object_set_new(rule, "alert", json_string(name));
	json_object_set_new(rule, "expr", json_string(expr));
	json_object_set_new(rule, "for", json_string(for_));
	labels = json_object();
	json_object_set_new(labels, "severity", json_string(rs->severity));
	json_object_set_new(labels, "service", annotation(rs->c->inc->service));
	if (rs->c->team)
		json_object_set_new(labels, "team", annotation(rs->c->team));
	json_object_set_new(rule, "labels", labels);
	ann = json_object();
	json_object_set_new(ann, "summary", annotation(summary));
	/* the text is made template-safe first, then our own template is added */
	text = xasprintf("%s Learned from incident %s (%s).", description, rs->c->inc->id,
			 rs->c->inc->title);
	safe = annotation(text);
	desc = xasprintf("%s Current value: {{ $value | humanize }}.", json_string_value(safe));
	json_object_set_new(ann, "description", json_string(desc));
	json_decref(safe);
	free(desc);
	free(text);
	json_object_set_new(ann, "runbook_url", json_string(rs->runbook_url));
	json_object_set_new(rule, "annotations", ann);
	json_array_append_new(rs->list, rule);
	free(name);
}

static void put_sel(struct buf *b, const struct report *c)
{
	buf_puts(b, "service=");
	report_rules_put_string(b, c->inc->service);
}

static void put_pod(struct buf *b, const struct report *c)
{
	if (c->ns) {
		buf_puts(b, "namespace=");
		report_rules_put_string(b, c->ns);
		buf_puts(b, ",");
	}
	buf_puts(b, "container=");
	report_rules_put_string(b, report_nz(report_label(c->inc, "container"), c->inc->service));
}

static void put_ns(struct buf *b, const struct report *c)
{
	if (c->ns) {
		buf_puts(b, "{namespace=");
		report_rules_put_string(b, c->ns);
		buf_puts(b, "}");
	}
}

/* The placeholders of a rule template (signals.h) and what fills them. */
static const struct {
	const char *name;
	void (*put)(struct buf *b, const struct report *c);
} placeholders[] = {
	{"$sel", put_sel},
	{"$pod", put_pod},
	{"$ns", put_ns},
};

/* The template's expression for this service. New string. */
static char *expand(const struct report *c, const char *tmpl)
{
	struct buf b = BUF_INIT;

	for (const char *p = tmpl; *p;) {
		size_t i = 0;

		while (i < ARRAY_SIZE(placeholders) &&
		       strncmp(p, placeholders[i].name, strlen(placeholders[i].name)))
			i++;
		if (i < ARRAY_SIZE(placeholders)) {
			placeholders[i].put(&b, c);
			p += strlen(placeholders[i].name);
		} else {
			report_put_ch(&b, *p++);
		}
	}
	return buf_detach(&b);
}

/* Whether a signal of the diagnosis is watched by rule `a`. */
static bool diagnosed(const struct diagnosis *dx, enum signal_alert a)
{
	for (size_t i = 0; i < dx->nsignals; i++)
		if (dx->signals[i].name && signals_watches(dx->signals[i].name, a))
			return true;
	return false;
}

/* The rules of the signal table that watch this incident's signals, in table order. */
static void add_signal_rules(struct rules *rs)
{
	for (int a = SIGNAL_ALERT_NONE + 1; a < SIGNAL_ALERT_COUNT; a++) {
		const struct signal_alert_rule *t = signals_alert_rule((enum signal_alert)a);
		char *expr;

		if (!t->every_service && !diagnosed(rs->c->dx, (enum signal_alert)a))
			continue;
		expr = expand(rs->c, t->expr);
		add_rule(rs, t->suffix, expr, t->for_, t->summary, t->description);
		free(expr);
	}
}

static void add_metric_rules(struct rules *rs)
{
	const struct report *c = rs->c;
	const char *key;
	json_t *m;

	if (!json_is_object(c->inc->metrics))
		return;
	json_object_foreach(c->inc->metrics, key, m) {
		double t, v, base;
		bool below;
		char *name, *camel, *suffix, *summary, *desc;
		char tn[40], vn[40] = "unknown";
		struct buf e = BUF_INIT;

		if (!report_metric_number(m, "threshold", &t))
			continue;
		name = metric_name(key);
		if (!*name) {
			free(name);
			continue;
		}
		below = report_metric_number(m, "baseline", &base) && base > t;
		report_fmt_num(tn, sizeof(tn), t);
		if (report_metric_number(m, "value", &v))
			report_fmt_num(vn, sizeof(vn), v);
		buf_putf(&e, "%s{service=", name);
		report_rules_put_string(&e, c->inc->service);
		buf_putf(&e, "} %s %s", below ? "<" : ">", tn);
		camel = camel_case(name);
		suffix = xasprintf("%s%s", camel, below ? "BelowThreshold" : "AboveThreshold");
		summary = xasprintf("%s %s %s", name, below ? "below" : "above", tn);
		desc = xasprintf("%s crossed its alert threshold of %s; the incident saw %s.", name,
				 tn, vn);
		add_rule(rs, suffix, e.ptr, "5m", summary, desc);
		free(desc);
		free(summary);
		free(suffix);
		free(camel);
		free(name);
		buf_release(&e);
	}
}

int report_rules_render(struct buf *out, size_t *nrules, const struct report *c)
{
	struct rules rs = {0};
	json_t *doc = NULL, *group;
	int error;

	rs.c = c;
	rs.list = json_array();
	rs.severity = c->inc->severity <= 2 ? "critical" : "warning";
	rs.camel = camel_case(c->inc->service);
	if (!isalpha((unsigned char)rs.camel[0])) {
		char *named = xasprintf("Service%s", rs.camel);

		free(rs.camel);
		rs.camel = named;
	}
	rs.runbook_url = report_blob_url(c->ev, report_default_branch(c->ev), c->runbook_path);
	add_signal_rules(&rs);
	add_metric_rules(&rs);

	group = json_object();
	json_object_set_new(group, "name", json_string(c->stem));
	json_object_set_new(group, "rules", rs.list);
	*nrules = json_array_size(rs.list);
	rs.list = NULL;
	doc = json_object();
	json_object_set_new(doc, "groups", json_pack("[o]", group));

	buf_puts(out, "# Prometheus alert rules written by aiops-agent from incident ");
	report_put_line(out, c->inc->id);
	buf_puts(out, ".\n# Check with: promtool check rules <this file>\n");
	error = yamlio_emit(out, doc);

	json_decref(doc);
	free(rs.camel);
	free(rs.runbook_url);
	return error;
}
