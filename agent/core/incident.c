#include "common.h"
#include "core/incident.h"
#include "util/text.h"
#include "util/buf.h"
#include "io/crypto.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <strings.h>

#define SEVERITY_WORDS \
	"P1-P4, critical, high, error, major, warning, medium, minor, info or low"

static const char *const format_names[] = {
	[INCIDENT_NATIVE] = "native",
	[INCIDENT_AZURE_MONITOR] = "azure-monitor",
	[INCIDENT_ALERTMANAGER] = "alertmanager",
	[INCIDENT_GRAFANA] = "grafana",
};

static const struct {
	const char *name;
	bool blames_code;
} kinds[] = {
	[INCIDENT_KIND_SERVICE] = {"service", true},
	[INCIDENT_KIND_PLATFORM] = {"platform", false},
	[INCIDENT_KIND_ACTIVITY] = {"activity", false},
	[INCIDENT_KIND_SECURITY] = {"security", false},
	[INCIDENT_KIND_COST] = {"cost", false},
};

const char *incident_format_name(enum incident_format f)
{
	if ((size_t)f < ARRAY_SIZE(format_names))
		return format_names[f];
	return "unknown";
}

int incident_format_parse(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(format_names); i++)
		if (!strcmp(name, format_names[i]))
			return (int)i;
	return -1;
}

const char *incident_kind_name(enum incident_kind kind)
{
	if ((size_t)kind < ARRAY_SIZE(kinds))
		return kinds[kind].name;
	return "unknown";
}

bool incident_kind_blames_code(enum incident_kind kind)
{
	return (size_t)kind < ARRAY_SIZE(kinds) && kinds[kind].blames_code;
}

const char *incident_severity_name(int severity)
{
	static const char *const names[] = {"P1", "P2", "P3", "P4"};

	if (severity >= 1 && severity <= 4)
		return names[severity - 1];
	return "unknown";
}

/* P1..P4 and the words monitoring tools use; 0 when the word is not one of them. */
static int severity_word(const char *s)
{
	static const struct {
		const char *word;
		int sev;
	} words[] = {
		{"p1", 1}, {"p2", 2}, {"p3", 3}, {"p4", 4},
		{"critical", 1}, {"high", 2}, {"error", 2}, {"major", 2},
		{"warning", 3}, {"medium", 3}, {"minor", 3}, {"info", 4},
		{"low", 4},
	};

	for (size_t i = 0; s && i < ARRAY_SIZE(words); i++)
		if (!strcasecmp(s, words[i].word))
			return words[i].sev;
	return 0;
}

/* A label value as text: strings as they are, numbers and booleans converted; NULL otherwise. */
static char *scalar_text(const json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.15g", json_real_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "true" : "false");
	return NULL;
}

static void set_label(json_t *labels, const char *key, const char *value)
{
	json_object_set_new(labels, key, json_string(value));
}

/* Copy the scalar members of `from` into `labels`; others are skipped (foreign data). */
static void copy_labels_lenient(json_t *labels, json_t *from)
{
	const char *key;
	json_t *v;

	json_object_foreach(from, key, v) {
		char *text = scalar_text(v);

		if (text)
			set_label(labels, key, text);
		free(text);
	}
}

static json_t *metric_new(json_t *value, json_t *baseline, json_t *threshold)
{
	json_t *m = json_object();

	json_object_set_new(m, "value", value ? value : json_null());
	json_object_set_new(m, "baseline", baseline ? baseline : json_null());
	json_object_set_new(m, "threshold", threshold ? threshold : json_null());
	return m;
}

static int parse_fire_time(struct incident *inc, const char *text, const char *origin,
			   const char *field)
{
	if (sys_parse_time(&inc->fired_at, text) < 0) {
		err_prefix("cannot parse '%s': field '%s'", origin, field);
		return ERR_INPUT;
	}
	return 0;
}

static const char *first_str(json_t *obj, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = jsonx_str(obj, keys[i]);

		if (s && *s)
			return s;
	}
	return NULL;
}

/*
 * The incident id ends up in file names (<out>/<incident-id>/result.json) and branch
 * names, so an id taken from the alert may only use a safe alphabet.
 */
static bool safe_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '.' || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return false;
	return true;
}

static int native_metrics(struct incident *inc, json_t *alert, const char *origin)
{
	static const char *const parts[] = {"value", "baseline", "threshold"};
	json_t *metrics, *v;
	const char *name;
	int error;

	if ((error = jsonx_get_object(&metrics, alert, "metrics", origin, false)) < 0)
		return error;
	json_object_foreach(metrics, name, v) {
		json_t *p[3] = {NULL, NULL, NULL};

		if (json_is_number(v)) {
			json_object_set_new(inc->metrics, name, metric_new(json_copy(v), NULL, NULL));
			continue;
		}
		if (!json_is_object(v))
			return err_set(ERR_INPUT,
				       "cannot parse '%s': field 'metrics.%s': expected a number or "
				       "an object {value, baseline, threshold}, found %s",
				       origin, name, jsonx_type_name(v));
		for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
			json_t *x = json_object_get(v, parts[i]);

			if (!x || json_is_null(x))
				continue;
			if (!json_is_number(x)) {
				for (size_t j = 0; j < i; j++)
					json_decref(p[j]);
				return err_set(ERR_INPUT,
					       "cannot parse '%s': field 'metrics.%s': '%s' must be a "
					       "number, found %s",
					       origin, name, parts[i], jsonx_type_name(x));
			}
			p[i] = json_copy(x);
		}
		json_object_set_new(inc->metrics, name, metric_new(p[0], p[1], p[2]));
	}
	return 0;
}

static int native_labels(struct incident *inc, json_t *alert, const char *origin)
{
	json_t *labels, *v;
	const char *key;
	int error;

	if ((error = jsonx_get_object(&labels, alert, "labels", origin, false)) < 0)
		return error;
	json_object_foreach(labels, key, v) {
		char *text = scalar_text(v);

		if (!text)
			return err_set(ERR_INPUT,
				       "cannot parse '%s': field 'labels.%s': expected string, found %s",
				       origin, key, jsonx_type_name(v));
		set_label(inc->labels, key, text);
		free(text);
	}
	return 0;
}

static int required_text(const char **out, json_t *alert, const char *field, const char *origin)
{
	int error;

	if ((error = jsonx_get_string(out, alert, field, origin, true)) < 0)
		return error;
	if (!**out)
		return err_set(ERR_INPUT, "cannot parse '%s': field '%s': empty", origin, field);
	return 0;
}

static int from_native(struct incident *inc, json_t *alert, const char *origin)
{
	const char *title, *sev, *service, *env, *ts, *source, *id, *desc, *rule, *status;
	json_t *blame;
	int error;

	if ((error = required_text(&title, alert, "title", origin)) < 0 ||
	    (error = jsonx_get_string(&sev, alert, "severity", origin, true)) < 0 ||
	    (error = required_text(&service, alert, "service", origin)) < 0 ||
	    (error = jsonx_get_string(&env, alert, "environment", origin, false)) < 0 ||
	    (error = jsonx_get_string(&ts, alert, "timestamp", origin, true)) < 0 ||
	    (error = jsonx_get_string(&source, alert, "alert_source", origin, false)) < 0 ||
	    (error = jsonx_get_string(&id, alert, "incident_id", origin, false)) < 0 ||
	    (error = jsonx_get_string(&desc, alert, "description", origin, false)) < 0 ||
	    (error = jsonx_get_string(&rule, alert, "rule", origin, false)) < 0 ||
	    (!rule && (error = jsonx_get_string(&rule, alert, "alert_rule", origin, false)) < 0) ||
	    (error = jsonx_get_string(&status, alert, "status", origin, false)) < 0)
		return error;

	if (!(inc->severity = severity_word(sev)))
		return err_set(ERR_INPUT,
			       "cannot parse '%s': field 'severity': unknown severity '%s' "
			       "(expected " SEVERITY_WORDS ")",
			       origin, sev);
	if ((error = parse_fire_time(inc, ts, origin, "timestamp")) < 0)
		return error;
	if (id && *id) {
		if (!safe_id(id))
			return err_set(ERR_INPUT,
				       "cannot parse '%s': field 'incident_id': '%s' is not a valid id "
				       "(letters, digits, '.', '_' and '-', at most 64)",
				       origin, id);
		inc->id = xstrdup(id);
	}
	if (status && strcasecmp(status, "firing") && strcasecmp(status, "resolved"))
		return err_set(ERR_INPUT,
			       "cannot parse '%s': field 'status': expected 'firing' or 'resolved', "
			       "found '%s'",
			       origin, status);

	blame = json_object_get(alert, "blame_pr_number");
	if (blame && !json_is_null(blame)) {
		if (!json_is_integer(blame) || json_integer_value(blame) <= 0 ||
		    json_integer_value(blame) > INT32_MAX)
			return err_set(ERR_INPUT,
				       "cannot parse '%s': field 'blame_pr_number': expected a positive "
				       "integer",
				       origin);
		inc->blame_hint = (int)json_integer_value(blame);
	}

	if ((error = native_metrics(inc, alert, origin)) < 0 ||
	    (error = native_labels(inc, alert, origin)) < 0)
		return error;

	inc->format = INCIDENT_NATIVE;
	inc->signal = xstrdup("native");
	inc->title = xstrdup(title);
	inc->description = xstrdup(desc ? desc : "");
	inc->service = xstrdup(service);
	inc->environment = xstrdup(env && *env ? env : "production");
	inc->source = xstrdup(source && *source ? source : "unknown");
	inc->rule = xstrdup(rule && *rule ? rule : title);
	inc->status = xstrdup(status && !strcasecmp(status, "resolved") ? "resolved" : "firing");
	return 0;
}

/* Azure severities: Sev0 (critical) .. Sev4 (verbose); Sev0 and Sev1 both page. */
static int azure_severity(const char *s)
{
	if (!s || strncasecmp(s, "Sev", 3) || s[3] < '0' || s[3] > '4' || s[4])
		return 0;
	return s[3] == '0' ? 1 : s[3] - '0';
}

/*
 * The last segment of an Azure resource id (".../virtualmachines/wcus-r2-gen2"), or NULL
 * when the id names no resource: a subscription or a resource group is the scope of a
 * Service Health or budget alert, not a thing that can be the incident's service.
 */
static char *resource_name(const char *id)
{
	size_t end = strlen(id), start;

	if (!strstr(id, "/providers/") && !strstr(id, "/PROVIDERS/"))
		return NULL;
	while (end && id[end - 1] == '/')
		end--;
	for (start = end; start && id[start - 1] != '/'; start--)
		;
	return end > start ? xstrndup(id + start, end - start) : NULL;
}

/* Set `key` to the text of a scalar `v` unless `key` is set already or `v` says nothing. */
static void put_text(json_t *obj, const char *key, json_t *v)
{
	char *text = scalar_text(v);

	if (text && *text && !json_object_get(obj, key))
		json_object_set_new(obj, key, json_string(text));
	free(text);
}

static void put_str(json_t *obj, const char *key, const char *s)
{
	if (s && *s && !json_object_get(obj, key))
		json_object_set_new(obj, key, json_string(s));
}

/* A number, or a string that is one number and nothing else ("25", "0.3"); NULL otherwise. */
static json_t *number_of(json_t *v)
{
	const char *s;
	char *end;
	double d;

	if (json_is_number(v))
		return json_real(json_number_value(v));
	if (!json_is_string(v) || !*(s = json_string_value(v)))
		return NULL;
	errno = 0;
	d = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(d))
		return NULL;
	return json_real(d);
}

/*
 * The first number in a text written for people: "0.45 sec" is 0.45, "$11,111.00" is
 * 11111 (thousands separators dropped). NULL when there is none.
 */
static json_t *number_in(const char *s)
{
	char digits[64];
	size_t n = 0;
	char *end;
	double d;

	if (!s)
		return NULL;
	while (*s && !isdigit((unsigned char)*s) && !(*s == '-' && isdigit((unsigned char)s[1])))
		s++;
	for (; *s && n + 1 < sizeof(digits); s++) {
		if (*s == ',' && isdigit((unsigned char)s[1]))
			continue;
		if (!isdigit((unsigned char)*s) && *s != '.' && !(n == 0 && *s == '-'))
			break;
		digits[n++] = *s;
	}
	digits[n] = '\0';
	errno = 0;
	d = strtod(digits, &end);
	if (!n || end == digits || *end || errno || !isfinite(d))
		return NULL;
	return json_real(d);
}

/* Set metric `name` once (the first criterion naming it wins); NULL parts are null. */
static void put_metric(struct incident *inc, const char *name, json_t *value, json_t *baseline,
		       json_t *threshold)
{
	if (!name || !*name || json_object_get(inc->metrics, name)) {
		json_decref(value);
		json_decref(baseline);
		json_decref(threshold);
		return;
	}
	json_object_set_new(inc->metrics, name, metric_new(value, baseline, threshold));
}

/* Azure's [{"name": n, "value": v}] lists (dimensions, log rows) as {n: v}. */
static void put_pairs(json_t *into, json_t *pairs)
{
	size_t i;
	json_t *p;

	json_array_foreach(pairs, i, p) {
		const char *name = jsonx_str(p, "name");

		if (name && *name)
			put_text(into, name, json_object_get(p, "value"));
	}
}

/* The parts of an Azure payload every signal reader works from, and what a reader adds. */
struct azure {
	json_t *ess, *ctx, *props, *custom;
	const char *service;     /* named by the signal (a label, a budget), or NULL */
	const char *env;         /* named by the signal, or NULL */
	const char *rule;        /* when the essentials have no alertRule (budgets) */
	char *title;             /* when the essentials have no alertRule (budgets); owned */
	const char *description; /* when the essentials have no description */
	const char *status;      /* "resolved" or "notice" when the signal says so, else NULL */
};

static void put_window(json_t *ctx, json_t *cond)
{
	put_text(ctx, "window_start", json_object_get(cond, "windowStartTime"));
	put_text(ctx, "window_end", json_object_get(cond, "windowEndTime"));
}

/* Metric alerts (static, dynamic, availability test): condition.allOf[] criteria. */
static void azure_metric(struct incident *inc, struct azure *a)
{
	json_t *cond = json_object_get(a->ctx, "condition"), *c, *dims = json_object();
	size_t i;

	put_text(inc->context, "condition_type", json_object_get(a->ctx, "conditionType"));
	put_window(inc->context, cond);
	json_array_foreach(json_object_get(cond, "allOf"), i, c) {
		json_t *value = json_object_get(c, "metricValue");

		put_pairs(dims, json_object_get(c, "dimensions"));
		put_text(inc->context, "sensitivity", json_object_get(c, "alertSensitivity"));
		put_text(inc->context, "web_test", json_object_get(c, "webTestName"));
		put_metric(inc, jsonx_str(c, "metricName"),
			   json_is_number(value) ? json_copy(value) : NULL, NULL,
			   number_of(json_object_get(c, "threshold")));
	}
	json_object_set_new(inc->context, "dimensions", dims);
}

/*
 * Log alerts v2 and simple log alerts: each criterion has its query and result links;
 * metricValue is the measured column's aggregate, or the number of rows when the rule
 * counts them.
 */
static void azure_log_v2(struct incident *inc, struct azure *a)
{
	json_t *cond = json_object_get(a->ctx, "condition"), *c, *dims = json_object();
	json_t *events = json_array();
	size_t i, j;

	put_window(inc->context, cond);
	json_array_foreach(json_object_get(cond, "allOf"), i, c) {
		const char *column = jsonx_str(c, "metricMeasureColumn");
		const char *agg = jsonx_str(c, "timeAggregation");
		bool counts = !column || !*column || (agg && !strcasecmp(agg, "Count"));
		json_t *value = json_object_get(c, "metricValue"), *row;

		put_text(inc->context, "query", json_object_get(c, "searchQuery"));
		put_text(inc->context, "results_link", json_object_get(c, "linkToFilteredSearchResultsUI"));
		put_text(inc->context, "results_link", json_object_get(c, "linkToSearchResultsUI"));
		put_text(inc->context, "results_api", json_object_get(c, "linkToFilteredSearchResultsAPI"));
		put_text(inc->context, "results_api", json_object_get(c, "linkToSearchResultsAPI"));
		put_pairs(dims, json_object_get(c, "dimensions"));
		json_array_foreach(json_object_get(c, "event"), j, row) {
			json_t *o = json_object();

			put_pairs(o, row);
			json_array_append_new(events, o);
		}
		if (!json_is_number(value))
			continue;
		if (counts && !json_object_get(inc->context, "result_count"))
			json_object_set_new(inc->context, "result_count",
					    json_integer((json_int_t)json_number_value(value)));
		put_metric(inc, counts ? "result_count" : column, json_copy(value), NULL,
			   number_of(json_object_get(c, "threshold")));
	}
	json_object_set_new(inc->context, "dimensions", dims);
	if (json_array_size(events))
		json_object_set_new(inc->context, "events", events);
	else
		json_decref(events);
}

/* Log search alerts v1 (Log Analytics, Application Insights): one query, its results. */
static void azure_log_v1(struct incident *inc, struct azure *a)
{
	json_t *ctx = a->ctx, *count = json_object_get(ctx, "ResultCount"), *dims = json_object();
	const char *type = jsonx_str(ctx, "AlertType");
	bool counts = type && !strcasecmp(type, "Number of results");

	put_text(inc->context, "query", json_object_get(ctx, "SearchQuery"));
	if (json_is_integer(count))
		json_object_set_new(inc->context, "result_count", json_copy(count));
	put_text(inc->context, "results_link", json_object_get(ctx, "LinkToFilteredSearchResultsUI"));
	put_text(inc->context, "results_link", json_object_get(ctx, "LinkToSearchResults"));
	put_text(inc->context, "results_api", json_object_get(ctx, "LinkToFilteredSearchResultsAPI"));
	put_text(inc->context, "results_api", json_object_get(ctx, "LinkToSearchResultsAPI"));
	put_text(inc->context, "alert_type", json_object_get(ctx, "AlertType"));
	put_text(inc->context, "operator", json_object_get(ctx, "Operator"));
	put_text(inc->context, "threshold", json_object_get(ctx, "Threshold"));
	put_pairs(dims, json_object_get(ctx, "Dimensions"));
	json_object_set_new(inc->context, "dimensions", dims);
	/* A metric-measurement rule compares an aggregate per dimension, not the row count. */
	if (json_is_integer(count))
		put_metric(inc, "result_count", json_copy(count), NULL,
			   counts ? number_of(json_object_get(ctx, "Threshold")) : NULL);
}

/* Activity log events (administrative, policy, autoscale, security). */
static void azure_activity(struct incident *inc, struct azure *a)
{
	json_t *ctx = a->ctx, *props = json_object_get(ctx, "properties");

	put_text(inc->context, "event_source", json_object_get(ctx, "eventSource"));
	put_text(inc->context, "operation", json_object_get(ctx, "operationName"));
	put_text(inc->context, "status", json_object_get(ctx, "status"));
	put_text(inc->context, "caller", json_object_get(ctx, "caller"));
	put_text(inc->context, "resource", jsonx_path(ctx, "authorization.scope"));
	put_text(inc->context, "event_time", json_object_get(ctx, "eventTimestamp"));
	put_text(inc->context, "level", json_object_get(ctx, "level"));
	if (json_is_object(props))
		json_object_set_new(inc->context, "properties", json_deep_copy(props));
}

/* Service Health stages that end an event, and the incident types that only inform. */
static const char *const health_over[] = {"Resolved", "Complete", "Completed", "RCA",
					   "Canceled", "Cancelled"};
static const char *const health_notices[] = {"Maintenance", "Informational", "Information",
					     "ActionRequired", "Advisory"};

static bool word_in(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcasecmp(s, words[i]))
			return true;
	return false;
}

/* impactedServices: an array, or (in older payloads) that array as JSON text. */
static json_t *impacted_services(json_t *v)
{
	json_t *list = json_is_string(v) ? json_loads(json_string_value(v), 0, NULL)
					 : json_incref(v), *out = json_array(), *s, *r;
	size_t i, j;

	json_array_foreach(list, i, s) {
		json_t *o = json_object(), *regions = json_array();

		put_text(o, "service", json_object_get(s, "ServiceName"));
		json_array_foreach(json_object_get(s, "ImpactedRegions"), j, r)
			if (jsonx_str(r, "RegionName"))
				json_array_append_new(regions, json_string(jsonx_str(r, "RegionName")));
		json_object_set_new(o, "regions", regions);
		json_array_append_new(out, o);
	}
	json_decref(list);
	return out;
}

/*
 * Service Health: the Azure product it names is Microsoft's, never the incident's service.
 * A resolved stage is over and a maintenance or information notice is not a failure.
 */
static void azure_service_health(struct incident *inc, struct azure *a)
{
	json_t *p = json_object_get(a->ctx, "properties");
	const char *stage = jsonx_str(p, "stage"), *type = jsonx_str(p, "incidentType");
	const char *state = jsonx_str(a->ctx, "status");

	put_str(inc->context, "stage", stage);
	put_str(inc->context, "incident_type", type);
	put_text(inc->context, "tracking_id", json_object_get(p, "trackingId"));
	put_text(inc->context, "azure_service", json_object_get(p, "service"));
	put_text(inc->context, "region", json_object_get(p, "region"));
	json_object_set_new(inc->context, "impacted",
			    impacted_services(json_object_get(p, "impactedServices")));
	put_text(inc->context, "impact_start", json_object_get(p, "impactStartTime"));
	put_text(inc->context, "impact_mitigation", json_object_get(p, "impactMitigationTime"));
	put_text(inc->context, "headline", json_object_get(p, "title"));
	a->description = jsonx_str(p, "title");
	if (word_in(stage, health_over, ARRAY_SIZE(health_over)) ||
	    (state && !strcasecmp(state, "Resolved")))
		a->status = "resolved";
	else if (word_in(type, health_notices, ARRAY_SIZE(health_notices)))
		a->status = "notice";
}

static void azure_resource_health(struct incident *inc, struct azure *a)
{
	json_t *p = json_object_get(a->ctx, "properties");
	const char *now = jsonx_str(p, "currentHealthStatus"), *state = jsonx_str(a->ctx, "status");

	put_text(inc->context, "headline", json_object_get(p, "title"));
	put_str(inc->context, "current_health", now);
	put_text(inc->context, "previous_health", json_object_get(p, "previousHealthStatus"));
	put_text(inc->context, "type", json_object_get(p, "type"));
	put_text(inc->context, "cause", json_object_get(p, "cause"));
	a->description = jsonx_str(p, "title");
	if ((now && !strcasecmp(now, "Available")) || (state && !strcasecmp(state, "Resolved")))
		a->status = "resolved";
}

/* Smart detection: the detected value against the normal one ("0.45 sec", "0.27 sec"). */
static void azure_smart(struct incident *inc, struct azure *a)
{
	json_t *ctx = a->ctx;
	const char *detector = jsonx_str(ctx, "SmartDetectorName");
	json_t *value = number_in(jsonx_str(ctx, "DetectedValue"));

	if (!detector || !*detector)
		detector = jsonx_str(ctx, "SmartDetectorId");
	put_str(inc->context, "detector", detector);
	put_text(inc->context, "summary", json_object_get(ctx, "DetectionSummary"));
	put_text(inc->context, "detected_value", json_object_get(ctx, "DetectedValue"));
	put_text(inc->context, "normal_value", json_object_get(ctx, "NormalValue"));
	put_text(inc->context, "occurred_at", json_object_get(ctx, "FormattedOccurrenceTime"));
	a->description = jsonx_str(ctx, "DetectionSummary");
	if (value)
		put_metric(inc, detector, value, number_in(jsonx_str(ctx, "NormalValue")), NULL);
}

static const char *const service_keys[] = {"service", "job", "app", "container"};

/* A label whose name is one of `keys`, in any case ("Environment": "Prod"). */
static const char *label_ci(json_t *labels, const char *const *keys, size_t n)
{
	const char *key;
	json_t *v;

	for (size_t i = 0; i < n; i++)
		json_object_foreach(labels, key, v)
			if (!strcasecmp(key, keys[i]) && json_is_string(v) && *json_string_value(v))
				return json_string_value(v);
	return NULL;
}

/* Azure Monitor managed Prometheus: a PromQL rule's expression, value, labels, annotations. */
static void azure_prometheus(struct incident *inc, struct azure *a)
{
	static const char *const env_keys[] = {"environment", "env"};
	json_t *ctx = a->ctx, *labels = json_object_get(ctx, "labels");
	json_t *ann = json_object_get(ctx, "annotations"), *value;
	const char *name = jsonx_str(labels, "alertname");

	if (json_is_object(labels))
		copy_labels_lenient(inc->labels, labels);
	put_text(inc->context, "expression", json_object_get(ctx, "expression"));
	put_text(inc->context, "value", json_object_get(ctx, "expressionValue"));
	put_text(inc->context, "for", json_object_get(ctx, "for"));
	put_text(inc->context, "interval", json_object_get(ctx, "interval"));
	put_text(inc->context, "rule_group", json_object_get(ctx, "ruleGroup"));
	json_object_set_new(inc->context, "annotations",
			    json_is_object(ann) ? json_deep_copy(ann) : json_object());
	a->service = label_ci(labels, service_keys, ARRAY_SIZE(service_keys));
	a->env = label_ci(labels, env_keys, ARRAY_SIZE(env_keys));
	a->description = jsonx_str(ann, "description");
	if (!a->description || !*a->description)
		a->description = jsonx_str(ann, "summary");
	/* "12.7m" is not a number we can read without guessing its unit: the text stays. */
	if ((value = number_of(json_object_get(ctx, "expressionValue"))))
		put_metric(inc, name && *name ? name : jsonx_str(a->ess, "alertRule"), value, NULL,
			   NULL);
}

/*
 * Budget and cost alerts have no rule, severity or resource: the budget names the rule and
 * the service, the amounts are the metrics, and the title says which threshold was crossed.
 */
static void azure_budget(struct incident *inc, struct azure *a)
{
	json_t *d = json_object_get(a->ctx, "AlertData");
	const char *name = jsonx_str(d, "BudgetName"), *kind = jsonx_str(d, "ThresholdType");
	const char *category = jsonx_str(a->ctx, "AlertCategory");
	const char *forecast = jsonx_str(d, "ForecastedTotalForPeriod");

	put_str(inc->context, "category", category);
	put_str(inc->context, "budget_name", name);
	put_text(inc->context, "budget_type", json_object_get(d, "BudgetType"));
	put_str(inc->context, "threshold_type", kind);
	put_text(inc->context, "spent", json_object_get(d, "SpentAmount"));
	put_text(inc->context, "budget_threshold", json_object_get(d, "BudgetThreshold"));
	put_text(inc->context, "notification_threshold",
		 json_object_get(d, "NotificationThresholdAmount"));
	put_str(inc->context, "forecast", forecast);
	put_text(inc->context, "unit", json_object_get(d, "Unit"));
	put_text(inc->context, "scope", json_object_get(d, "Scope"));
	put_text(inc->context, "budget_id", json_object_get(d, "BudgetId"));
	put_text(inc->context, "budget_start", json_object_get(d, "BudgetStartDate"));
	put_text(inc->context, "time_grain", json_object_get(d, "TimeGrain"));
	if (!name || !*name)
		name = category && *category ? category : "cost";
	a->rule = a->service = name;
	a->title = xasprintf("Budget '%s': %s cost over its threshold", name,
			     kind && !strcasecmp(kind, "Forecasted") ? "forecasted" : "actual");
	put_metric(inc, "cost", number_in(jsonx_str(d, "SpentAmount")), NULL,
		   number_in(jsonx_str(d, "NotificationThresholdAmount")));
	if (forecast)
		put_metric(inc, "forecast", number_in(forecast), NULL,
			   number_in(jsonx_str(d, "BudgetThreshold")));
}

typedef void (*azure_reader)(struct incident *inc, struct azure *a);

/*
 * The signals of the common alert schema, tried in order: a row matches when the
 * essentials' monitoringService, the alertContext's conditionType or eventSource, or a
 * member only that alertContext has says so (test actions and real alerts do not always
 * agree on monitoringService, the shapes never lie). `severity` stands in when the
 * payload has none (0: it is required).
 */
static const struct azure_signal {
	const char *name;
	const char *service, *condition_type, *event_source, *context_key;
	enum incident_kind kind;
	int severity;
	azure_reader read;
} azure_signals[] = {
	{"budget", "CostAlerts", NULL, NULL, "AlertCategory", INCIDENT_KIND_COST, 3, azure_budget},
	{"service-health", "ServiceHealth", NULL, "ServiceHealth", NULL, INCIDENT_KIND_PLATFORM, 0,
	 azure_service_health},
	{"resource-health", "Resource Health", NULL, "ResourceHealth", NULL, INCIDENT_KIND_PLATFORM,
	 0, azure_resource_health},
	{"smart-detection", "SmartDetector", NULL, NULL, "SmartDetectorId", INCIDENT_KIND_SERVICE, 0,
	 azure_smart},
	{"prometheus", "Prometheus", NULL, NULL, "expression", INCIDENT_KIND_SERVICE, 0,
	 azure_prometheus},
	{"activity-administrative", "Activity Log - Administrative", NULL, "Administrative", NULL,
	 INCIDENT_KIND_ACTIVITY, 0, azure_activity},
	{"activity-policy", "Activity Log - Policy", NULL, "Policy", NULL, INCIDENT_KIND_ACTIVITY, 0,
	 azure_activity},
	{"activity-autoscale", "Activity Log - Autoscale", NULL, "Autoscale", NULL,
	 INCIDENT_KIND_ACTIVITY, 0, azure_activity},
	{"activity-security", "Activity Log - Security", NULL, "Security", NULL,
	 INCIDENT_KIND_SECURITY, 0, azure_activity},
	{"log-search", "Log Analytics", NULL, NULL, "SearchQuery", INCIDENT_KIND_SERVICE, 0,
	 azure_log_v1},
	{"simple-log", "Simple Log Alert", NULL, NULL, NULL, INCIDENT_KIND_SERVICE, 0, azure_log_v2},
	{"log-alerts-v2", "Log Alerts V2", "LogQueryCriteria", NULL, NULL, INCIDENT_KIND_SERVICE, 0,
	 azure_log_v2},
	{"metric-dynamic", NULL, "DynamicThresholdCriteria", NULL, NULL, INCIDENT_KIND_SERVICE, 0,
	 azure_metric},
	{"availability", NULL, "WebtestLocationAvailabilityCriteria", NULL, NULL,
	 INCIDENT_KIND_SERVICE, 0, azure_metric},
	{"metric", "Platform", "SingleResourceMultipleMetricCriteria", NULL, NULL,
	 INCIDENT_KIND_SERVICE, 0, azure_metric},
	{"metric", NULL, "MultipleResourceMultipleMetricCriteria", NULL, NULL, INCIDENT_KIND_SERVICE,
	 0, azure_metric},
};

static const struct azure_signal azure_other = {"other", NULL, NULL, NULL, NULL,
						INCIDENT_KIND_SERVICE, 0, azure_metric};

static bool same(const char *want, const char *have)
{
	return want && have && !strcasecmp(want, have);
}

static const struct azure_signal *azure_signal(json_t *ess, json_t *ctx)
{
	const char *mon = jsonx_str(ess, "monitoringService");
	const char *ctype = jsonx_str(ctx, "conditionType");
	const char *source = jsonx_str(ctx, "eventSource");

	for (size_t i = 0; i < ARRAY_SIZE(azure_signals); i++) {
		const struct azure_signal *s = &azure_signals[i];

		if (same(s->service, mon) || same(s->condition_type, ctype) ||
		    same(s->event_source, source) ||
		    (s->context_key && json_object_get(ctx, s->context_key)))
			return s;
	}
	return &azure_other;
}

/* The rule, severity and fire time every Azure alert has (budgets excepted, see above). */
static int azure_essentials(struct incident *inc, const struct azure *a,
			    const struct azure_signal *sig, json_t *alert, const char *origin)
{
	const char *rule = jsonx_str(a->ess, "alertRule"), *fired;
	json_t *sev = json_object_get(a->ess, "severity");
	int error;

	if (!a->rule && (error = required_text(&rule, alert, "data.essentials.alertRule", origin)) < 0)
		return error;
	if ((!sev || json_is_null(sev)) && sig->severity) {
		inc->severity = sig->severity;
	} else if (!json_is_string(sev) || !(inc->severity = azure_severity(json_string_value(sev)))) {
		char *text = scalar_text(sev);

		error = err_set(ERR_INPUT,
				"cannot parse '%s': field 'data.essentials.severity': unknown severity "
				"'%s' (expected Sev0-Sev4)",
				origin, text ? text : jsonx_type_name(sev ? sev : json_null()));
		free(text);
		return error;
	}
	if ((error = jsonx_get_string(&fired, alert, "data.essentials.firedDateTime", origin,
				      true)) < 0 ||
	    (error = parse_fire_time(inc, fired, origin, "data.essentials.firedDateTime")) < 0)
		return error;
	inc->rule = xstrdup(rule && *rule ? rule : a->rule);
	inc->title = a->title && (!rule || !*rule) ? xstrdup(a->title) : xstrdup(inc->rule);
	return 0;
}

/* customProperties, then alertContext.properties, then the signal, then the resources. */
static void azure_service(struct incident *inc, const struct azure *a, const char *target)
{
	static const char *const env_keys[] = {"environment"};
	json_t *items = json_object_get(a->ess, "configurationItems");
	const char *service = jsonx_str(a->custom, "service"), *env;

	/* Only a service alert's properties are custom ones; the others are the event's. */
	if ((!service || !*service) && inc->kind == INCIDENT_KIND_SERVICE)
		service = jsonx_str(a->props, "service");
	if (!service || !*service)
		service = a->service;
	if ((!service || !*service) && json_is_string(json_array_get(items, 0)) &&
	    inc->kind != INCIDENT_KIND_COST)
		service = json_string_value(json_array_get(items, 0));
	if (!service || !*service)
		service = target && *target ? target : "unknown";
	env = label_ci(a->custom, env_keys, 1);
	if (!env && inc->kind == INCIDENT_KIND_SERVICE)
		env = label_ci(a->props, env_keys, 1);
	if (!env)
		env = a->env;
	inc->service = xstrdup(service);
	inc->environment = xstrdup(env && *env ? env : "production");
}

static int from_azure(struct incident *inc, json_t *alert, const char *origin)
{
	struct azure a = {0};
	const struct azure_signal *sig;
	const char *cond, *mon, *desc, *signal;
	json_t *targets;
	char *target = NULL;
	int error;

	if ((error = jsonx_get_object(&a.ess, alert, "data.essentials", origin, true)) < 0)
		return error;
	a.ctx = jsonx_path(alert, "data.alertContext");
	a.custom = jsonx_path(alert, "data.customProperties");
	a.props = json_object_get(a.ctx, "properties");
	sig = azure_signal(a.ess, a.ctx);
	inc->kind = sig->kind;
	inc->signal = xstrdup(sig->name);
	sig->read(inc, &a);
	if ((error = azure_essentials(inc, &a, sig, alert, origin)) < 0)
		goto done;

	cond = jsonx_str(a.ess, "monitorCondition");
	mon = jsonx_str(a.ess, "monitoringService");
	desc = jsonx_str(a.ess, "description");
	signal = jsonx_str(a.ess, "signalType");
	targets = json_object_get(a.ess, "alertTargetIDs");
	if (json_is_string(json_array_get(targets, 0)))
		target = resource_name(json_string_value(json_array_get(targets, 0)));
	put_text(inc->context, "resolved_at", json_object_get(a.ess, "resolvedDateTime"));

	/* alertContext.properties carry the custom properties of log alerts (v2). */
	if (json_is_object(a.props) && inc->kind == INCIDENT_KIND_SERVICE)
		copy_labels_lenient(inc->labels, a.props);
	if (json_is_object(a.custom))
		copy_labels_lenient(inc->labels, a.custom);
	if (signal && *signal)
		set_label(inc->labels, "signal_type", signal);
	if (target && *target)
		set_label(inc->labels, "target", target);
	azure_service(inc, &a, target);

	inc->format = INCIDENT_AZURE_MONITOR;
	inc->description = xstrdup(desc && *desc ? desc : a.description ? a.description : "");
	inc->source = mon && *mon ? xasprintf("azure-monitor/%s", mon) : xstrdup("azure-monitor");
	inc->status = xstrdup(cond && !strcasecmp(cond, "Resolved") ? "resolved"
			      : a.status ? a.status : "firing");
done:
	free(a.title);
	free(target);
	return error;
}

/* A time of a group alert as RFC 3339 UTC, or null: unset, unreadable or Go's zero time. */
static json_t *time_or_null(const char *s)
{
	char text[32];
	time_t t;

	if (!s || !strncmp(s, "0001-", 5))
		return json_null();
	if (sys_parse_time(&t, s) < 0) {
		err_clear();
		return json_null();
	}
	sys_format_time(text, sizeof(text), t);
	return json_string(text);
}

static const char *firing_or_resolved(const char *status)
{
	return status && !strcasecmp(status, "resolved") ? "resolved" : "firing";
}

/* One alert of a group as incident.h describes it; its values become metrics (Grafana). */
static json_t *group_member(struct incident *inc, json_t *a)
{
	json_t *o = json_object(), *labels = json_object(), *values = json_object(), *v;
	const char *key;

	jsonx_set_str(o, "status", firing_or_resolved(jsonx_str(a, "status")));
	jsonx_set_str(o, "alertname", jsonx_str(a, "labels.alertname"));
	jsonx_set_str(o, "fingerprint", jsonx_str(a, "fingerprint"));
	json_object_set_new(o, "starts_at", time_or_null(jsonx_str(a, "startsAt")));
	json_object_set_new(o, "ends_at", time_or_null(jsonx_str(a, "endsAt")));
	if (json_is_object(json_object_get(a, "labels")))
		copy_labels_lenient(labels, json_object_get(a, "labels"));
	json_object_set_new(o, "labels", labels);
	jsonx_set_str(o, "summary", jsonx_str(a, "annotations.summary"));
	json_object_foreach(json_object_get(a, "values"), key, v) {
		if (!json_is_number(v))
			continue;
		json_object_set_new(values, key, json_copy(v));
		put_metric(inc, key, json_copy(v), NULL, NULL);
	}
	json_object_set_new(o, "values", values);
	return o;
}

/* Every alert of the group: its list, and the fire time as the earliest startsAt. */
static int group_alerts(struct incident *inc, json_t *alerts, const char *origin)
{
	bool have_time = false;
	json_t *a;
	size_t i;

	json_array_foreach(alerts, i, a) {
		const char *starts = jsonx_str(a, "startsAt");
		time_t t;

		if (!json_is_object(a))
			return err_set(ERR_INPUT,
				       "cannot parse '%s': field 'alerts[%zu]': expected an object, "
				       "found %s",
				       origin, i, jsonx_type_name(a));
		if (starts && sys_parse_time(&t, starts) < 0) {
			err_prefix("cannot parse '%s': field 'alerts[%zu].startsAt'", origin, i);
			return ERR_INPUT;
		}
		if (starts && (!have_time || t < inc->fired_at))
			inc->fired_at = t;
		have_time |= starts != NULL;
		json_array_append_new(inc->alerts, group_member(inc, a));
	}
	if (!have_time)
		return err_set(ERR_INPUT, "cannot parse '%s': field 'alerts[].startsAt': missing",
			       origin);
	return 0;
}

/* The group's status as sent, else firing while any of its alerts fires. */
static const char *group_status(const struct incident *inc, json_t *alert)
{
	const char *status = jsonx_str(alert, "status");
	json_t *a;
	size_t i;

	if (status && *status)
		return firing_or_resolved(status);
	json_array_foreach(inc->alerts, i, a)
		if (!strcmp(jsonx_str(a, "status"), "firing"))
			return "firing";
	return "resolved";
}

/*
 * Alertmanager (version 4) and Grafana (version 1) webhooks: a group of alerts sharing
 * commonLabels and commonAnnotations. Grafana's own fields (orgId, title, state, message)
 * add nothing the group does not say.
 */
static int from_group(struct incident *inc, json_t *alert, const char *origin,
		      enum incident_format format)
{
	static const char *const env_keys[] = {"environment", "env", "namespace"};
	json_t *alerts, *first, *labels, *truncated;
	const char *title, *desc, *name, *sev, *service, *env;
	int error;

	if ((error = jsonx_get_array(&alerts, alert, "alerts", origin, true)) < 0)
		return error;
	if (json_array_size(alerts) == 0)
		return err_set(ERR_INPUT,
			       "cannot parse '%s': field 'alerts': empty, expected at least one alert",
			       origin);
	first = json_array_get(alerts, 0);
	if ((error = group_alerts(inc, alerts, origin)) < 0)
		return error;

	labels = json_object_get(alert, "commonLabels");
	if (!json_is_object(labels) || json_object_size(labels) == 0)
		labels = json_object_get(first, "labels");
	if (json_is_object(labels))
		copy_labels_lenient(inc->labels, labels);

	name = jsonx_str(inc->labels, "alertname");
	if (!name || !*name)
		name = jsonx_str(first, "labels.alertname");
	title = jsonx_str(alert, "commonAnnotations.summary");
	if (!title || !*title)
		title = jsonx_str(first, "annotations.summary");
	if (!title || !*title)
		title = name && *name ? name : format == INCIDENT_GRAFANA ? "alert from grafana"
									 : "alert from alertmanager";
	desc = jsonx_str(alert, "commonAnnotations.description");
	if (!desc || !*desc)
		desc = jsonx_str(first, "annotations.description");
	sev = jsonx_str(inc->labels, "severity");
	service = first_str(inc->labels, service_keys, ARRAY_SIZE(service_keys));
	if (!service)
		service = first_str(json_object_get(first, "labels"), service_keys,
				    ARRAY_SIZE(service_keys));
	env = first_str(inc->labels, env_keys, ARRAY_SIZE(env_keys));
	truncated = json_object_get(alert, "truncatedAlerts");
	put_text(inc->context, "group_key", json_object_get(alert, "groupKey"));
	put_text(inc->context, "receiver", json_object_get(alert, "receiver"));
	put_text(inc->context, "external_url", json_object_get(alert, "externalURL"));

	inc->format = format;
	inc->signal = xstrdup(incident_format_name(format));
	inc->truncated_alerts = json_is_integer(truncated) && json_integer_value(truncated) > 0 &&
					json_integer_value(truncated) <= INT32_MAX
				? (int)json_integer_value(truncated) : 0;
	inc->severity = severity_word(sev) ? severity_word(sev) : 3;
	inc->title = xstrdup(title);
	inc->description = xstrdup(desc ? desc : "");
	inc->rule = xstrdup(name ? name : "");
	inc->service = xstrdup(service ? service : "unknown");
	inc->environment = xstrdup(env ? env : "production");
	inc->source = xstrdup(incident_format_name(format));
	inc->status = xstrdup(group_status(inc, alert));
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * A per-repository secret (AIOPS_FINGERPRINT_SALT) keys the fingerprint: outsiders who
 * read an alert or the knowledge base cannot compute the marker of an incident to come.
 */
static char *salt;

void incident_set_salt(const char *value)
{
	free(salt);
	salt = value && *value ? xstrdup(value) : NULL;
}

static int fingerprint(struct incident *inc)
{
	char hex[CRYPTO_SHA256_HEX];
	struct buf text = BUF_INIT;
	size_t n = json_object_size(inc->labels), k = 0;
	const char **keys = xcalloc(n ? n : 1, sizeof(*keys));
	const char *key;
	json_t *v;
	int error;

	json_object_foreach(inc->labels, key, v)
		keys[k++] = key;
	qsort(keys, k, sizeof(*keys), cmp_str);
	buf_putf(&text, "%s\n%s\n%s\n", inc->source, inc->rule, inc->service);
	for (size_t i = 0; i < k; i++)
		buf_putf(&text, "%s=%s\n", keys[i],
			 json_string_value(json_object_get(inc->labels, keys[i])));
	error = salt ? crypto_hmac_sha256_hex(hex, salt, strlen(salt), text.ptr, text.len)
		     : crypto_sha256_hex(hex, text.ptr, text.len);
	if (!error)
		inc->fingerprint = xstrdup(hex);
	free(keys);
	buf_release(&text);
	return error;
}

/*
 * The format from the payload's shape; ERR_INPUT (naming what was found) when it is none.
 * Grafana is told from Alertmanager by its orgId or its version "1" (Alertmanager's is "4").
 */
static int detect(enum incident_format *out, json_t *alert, const char *origin)
{
	const char *schema = jsonx_str(alert, "schemaId"), *version = jsonx_str(alert, "version");
	json_t *alerts = json_object_get(alert, "alerts");

	if ((schema && !strcmp(schema, "azureMonitorCommonAlertSchema")) ||
	    json_is_object(jsonx_path(alert, "data.essentials")))
		*out = INCIDENT_AZURE_MONITOR;
	else if (json_is_array(alerts) &&
		 (json_object_get(alert, "orgId") || (version && !strcmp(version, "1"))))
		*out = INCIDENT_GRAFANA;
	else if (json_is_array(alerts) &&
		 (version || json_object_get(alert, "receiver") || json_object_get(alert, "groupLabels")))
		*out = INCIDENT_ALERTMANAGER;
	/* A title alone is enough, so a native alert missing its service is named as such. */
	else if (json_object_get(alert, "title") ||
		 (json_object_get(alert, "severity") && json_object_get(alert, "service")))
		*out = INCIDENT_NATIVE;
	else if (json_object_get(alert, "alertContext"))
		return err_set(ERR_INPUT,
			       "cannot parse '%s': an Azure Monitor alertContext on its own (a "
			       "documentation excerpt?): expected the whole common alert schema "
			       "payload, with schemaId and data.essentials",
			       origin);
	else
		return err_set(ERR_INPUT,
			       "cannot parse '%s': unknown alert format: expected a native alert, an "
			       "Azure Monitor common alert schema payload, an Alertmanager webhook or "
			       "a Grafana webhook",
			       origin);
	return 0;
}

/*
 * The service and environment are anyone's words, and they reach commit messages, pull
 * requests and the knowledge base as names: defused (text.h) once here, which changes
 * nothing in a real name (no '<', '@', '#', '](' or '://'). After the fingerprint, which
 * stays the alert's own.
 */
static void defuse_names(struct incident *inc)
{
	char *service = text_defuse(inc->service), *env = text_defuse(inc->environment);

	free(inc->service);
	free(inc->environment);
	inc->service = service;
	inc->environment = env;
}

int incident_from_json(struct incident *out, json_t *alert, const char *origin)
{
	struct incident inc = INCIDENT_INIT;
	enum incident_format format = INCIDENT_NATIVE;
	int error;

	if (!json_is_object(alert))
		return err_set(ERR_INPUT, "cannot parse '%s': expected a JSON object, found %s",
			       origin, alert ? jsonx_type_name(alert) : "nothing");
	if ((error = detect(&format, alert, origin)) < 0)
		return error;

	inc.metrics = json_object();
	inc.labels = json_object();
	inc.context = json_object();
	inc.alerts = json_array();
	switch (format) {
	case INCIDENT_AZURE_MONITOR: error = from_azure(&inc, alert, origin); break;
	case INCIDENT_ALERTMANAGER:
	case INCIDENT_GRAFANA: error = from_group(&inc, alert, origin, format); break;
	default: error = from_native(&inc, alert, origin); break;
	}
	if (error < 0 || (error = fingerprint(&inc)) < 0)
		goto done;
	defuse_names(&inc);

	sys_format_time(inc.fired_at_text, sizeof(inc.fired_at_text), inc.fired_at);
	if (!inc.id) {
		struct tm tm;

		gmtime_r(&inc.fired_at, &tm);
		inc.id = xasprintf("INC-%04d%02d%02d-%.8s", tm.tm_year + 1900, tm.tm_mon + 1,
				   tm.tm_mday, inc.fingerprint);
	}
	*out = inc;
	return 0;

done:
	incident_release(&inc);
	return error;
}

int incident_load(struct incident *out, const char *path)
{
	json_t *alert = NULL;
	int error;

	if ((error = jsonx_load_file(&alert, path, ALERT_FILE_MAX)) < 0)
		return error;
	error = incident_from_json(out, alert, path);
	json_decref(alert);
	return error;
}

void incident_release(struct incident *inc)
{
	free(inc->id);
	free(inc->fingerprint);
	free(inc->title);
	free(inc->description);
	free(inc->service);
	free(inc->environment);
	free(inc->source);
	free(inc->rule);
	free(inc->status);
	free(inc->signal);
	json_decref(inc->metrics);
	json_decref(inc->labels);
	json_decref(inc->context);
	json_decref(inc->alerts);
	*inc = (struct incident)INCIDENT_INIT;
}

json_t *incident_to_json(const struct incident *inc)
{
	json_t *o = json_object();

	jsonx_set_str(o, "incident_id", inc->id);
	jsonx_set_str(o, "fingerprint", inc->fingerprint);
	jsonx_set_str(o, "format", incident_format_name(inc->format));
	jsonx_set_str(o, "title", inc->title);
	jsonx_set_str(o, "description", inc->description ? inc->description : "");
	jsonx_set_str(o, "severity", incident_severity_name(inc->severity));
	jsonx_set_str(o, "service", inc->service);
	jsonx_set_str(o, "environment", inc->environment);
	jsonx_set_str(o, "source", inc->source);
	jsonx_set_str(o, "rule", inc->rule ? inc->rule : "");
	jsonx_set_str(o, "status", inc->status);
	jsonx_set_str(o, "fired_at", inc->fired_at_text);
	json_object_set_new(o, "metrics",
			    inc->metrics ? json_deep_copy(inc->metrics) : json_object());
	json_object_set_new(o, "labels", inc->labels ? json_deep_copy(inc->labels) : json_object());
	json_object_set_new(o, "blame_hint",
			    inc->blame_hint > 0 ? json_integer(inc->blame_hint) : json_null());
	jsonx_set_str(o, "kind", incident_kind_name(inc->kind));
	jsonx_set_str(o, "signal", inc->signal ? inc->signal : "");
	json_object_set_new(o, "context",
			    inc->context ? json_deep_copy(inc->context) : json_object());
	json_object_set_new(o, "alerts", inc->alerts ? json_deep_copy(inc->alerts) : json_array());
	json_object_set_new(o, "truncated_alerts", json_integer(inc->truncated_alerts));
	return o;
}
