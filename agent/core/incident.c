#include "common.h"
#include "core/incident.h"
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

/* The last segment of an Azure resource id: ".../virtualmachines/wcus-r2-gen2". */
static char *resource_name(const char *id)
{
	size_t end = strlen(id), start;

	while (end && id[end - 1] == '/')
		end--;
	for (start = end; start && id[start - 1] != '/'; start--)
		;
	return xstrndup(id + start, end - start);
}

/*
 * Metric alerts list their criteria in alertContext.condition.allOf; log-search,
 * activity-log and other signal types use other shapes (or allOf entries without a
 * metricName), which simply yield no metrics.
 */
static void azure_metrics(struct incident *inc, json_t *data)
{
	json_t *all = jsonx_path(data, "alertContext.condition.allOf"), *c;
	size_t i;

	if (!json_is_array(all))
		return;
	json_array_foreach(all, i, c) {
		const char *name = jsonx_str(c, "metricName");
		json_t *value = json_object_get(c, "metricValue");
		json_t *thr = json_object_get(c, "threshold");
		json_t *threshold = NULL;

		if (!name || !*name || json_object_get(inc->metrics, name))
			continue;
		if (json_is_number(thr)) {
			threshold = json_real(json_number_value(thr));
		} else if (json_is_string(thr)) {
			const char *s = json_string_value(thr);
			char *end;
			double d;

			errno = 0;
			d = strtod(s, &end);
			if (end != s && !*end && !errno && isfinite(d))
				threshold = json_real(d);
		}
		json_object_set_new(inc->metrics, name,
				    metric_new(json_is_number(value) ? json_copy(value) : NULL, NULL,
					       threshold));
	}
}

static int from_azure(struct incident *inc, json_t *alert, const char *origin)
{
	const char *rule, *sev, *fired, *cond, *mon, *desc, *signal, *service, *env;
	json_t *ess, *custom, *props, *targets, *items;
	char *target = NULL;
	int error;

	if ((error = jsonx_get_object(&ess, alert, "data.essentials", origin, true)) < 0 ||
	    (error = required_text(&rule, alert, "data.essentials.alertRule", origin)) < 0 ||
	    (error = jsonx_get_string(&sev, alert, "data.essentials.severity", origin, true)) < 0 ||
	    (error = jsonx_get_string(&fired, alert, "data.essentials.firedDateTime", origin,
				      true)) < 0)
		return error;
	if (!(inc->severity = azure_severity(sev)))
		return err_set(ERR_INPUT,
			       "cannot parse '%s': field 'data.essentials.severity': unknown severity "
			       "'%s' (expected Sev0-Sev4)",
			       origin, sev);
	if ((error = parse_fire_time(inc, fired, origin, "data.essentials.firedDateTime")) < 0)
		return error;

	cond = jsonx_str(ess, "monitorCondition");
	mon = jsonx_str(ess, "monitoringService");
	desc = jsonx_str(ess, "description");
	signal = jsonx_str(ess, "signalType");
	custom = jsonx_path(alert, "data.customProperties");
	props = jsonx_path(alert, "data.alertContext.properties");
	targets = json_object_get(ess, "alertTargetIDs");
	items = json_object_get(ess, "configurationItems");
	if (json_is_string(json_array_get(targets, 0)))
		target = resource_name(json_string_value(json_array_get(targets, 0)));

	/* alertContext.properties carry the custom properties of log alerts (v2). */
	if (json_is_object(props))
		copy_labels_lenient(inc->labels, props);
	if (json_is_object(custom))
		copy_labels_lenient(inc->labels, custom);
	if (signal && *signal)
		set_label(inc->labels, "signal_type", signal);
	if (target && *target)
		set_label(inc->labels, "target", target);

	service = jsonx_str(custom, "service");
	if (!service || !*service)
		service = jsonx_str(props, "service");
	if ((!service || !*service) && json_is_string(json_array_get(items, 0)))
		service = json_string_value(json_array_get(items, 0));
	if (!service || !*service)
		service = target && *target ? target : "unknown";
	env = jsonx_str(custom, "environment");
	if (!env || !*env)
		env = jsonx_str(props, "environment");

	azure_metrics(inc, json_object_get(alert, "data"));

	inc->format = INCIDENT_AZURE_MONITOR;
	inc->title = xstrdup(rule);
	inc->rule = xstrdup(rule);
	inc->description = xstrdup(desc ? desc : "");
	inc->service = xstrdup(service);
	inc->environment = xstrdup(env && *env ? env : "production");
	inc->source = mon && *mon ? xasprintf("azure-monitor/%s", mon) : xstrdup("azure-monitor");
	inc->status = xstrdup(cond && !strcasecmp(cond, "Resolved") ? "resolved" : "firing");
	free(target);
	return 0;
}

static int from_alertmanager(struct incident *inc, json_t *alert, const char *origin)
{
	static const char *const service_keys[] = {"service", "job", "app", "container"};
	static const char *const env_keys[] = {"environment", "env", "namespace"};
	json_t *alerts, *first, *labels, *a;
	const char *title, *desc, *name, *sev, *service, *env, *status;
	bool have_time = false;
	size_t i;
	int error;

	if ((error = jsonx_get_array(&alerts, alert, "alerts", origin, true)) < 0)
		return error;
	if (json_array_size(alerts) == 0)
		return err_set(ERR_INPUT,
			       "cannot parse '%s': field 'alerts': empty, expected at least one alert",
			       origin);
	first = json_array_get(alerts, 0);
	if (!json_is_object(first))
		return err_set(ERR_INPUT,
			       "cannot parse '%s': field 'alerts': expected an array of objects, "
			       "found %s",
			       origin, jsonx_type_name(first));

	labels = json_object_get(alert, "commonLabels");
	if (!json_is_object(labels) || json_object_size(labels) == 0)
		labels = json_object_get(first, "labels");
	if (json_is_object(labels))
		copy_labels_lenient(inc->labels, labels);

	json_array_foreach(alerts, i, a) {
		const char *starts = jsonx_str(a, "startsAt");
		time_t t;

		if (!starts)
			continue;
		if (sys_parse_time(&t, starts) < 0) {
			err_prefix("cannot parse '%s': field 'alerts[%zu].startsAt'", origin, i);
			return ERR_INPUT;
		}
		if (!have_time || t < inc->fired_at)
			inc->fired_at = t;
		have_time = true;
	}
	if (!have_time)
		return err_set(ERR_INPUT, "cannot parse '%s': field 'alerts[].startsAt': missing",
			       origin);

	name = jsonx_str(inc->labels, "alertname");
	title = jsonx_str(alert, "commonAnnotations.summary");
	if (!title || !*title)
		title = jsonx_str(first, "annotations.summary");
	if (!title || !*title)
		title = name && *name ? name : "alert from alertmanager";
	desc = jsonx_str(alert, "commonAnnotations.description");
	if (!desc || !*desc)
		desc = jsonx_str(first, "annotations.description");
	sev = jsonx_str(inc->labels, "severity");
	service = first_str(inc->labels, service_keys, ARRAY_SIZE(service_keys));
	env = first_str(inc->labels, env_keys, ARRAY_SIZE(env_keys));
	status = jsonx_str(alert, "status");

	inc->format = INCIDENT_ALERTMANAGER;
	inc->severity = severity_word(sev) ? severity_word(sev) : 3;
	inc->title = xstrdup(title);
	inc->description = xstrdup(desc ? desc : "");
	inc->rule = xstrdup(name ? name : "");
	inc->service = xstrdup(service ? service : "unknown");
	inc->environment = xstrdup(env ? env : "production");
	inc->source = xstrdup("alertmanager");
	inc->status = xstrdup(status && !strcasecmp(status, "resolved") ? "resolved" : "firing");
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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
	error = crypto_sha256_hex(hex, text.ptr, text.len);
	if (!error)
		inc->fingerprint = xstrdup(hex);
	free(keys);
	buf_release(&text);
	return error;
}

static enum incident_format detect(json_t *alert, bool *known)
{
	const char *schema = jsonx_str(alert, "schemaId");
	json_t *alerts = json_object_get(alert, "alerts");

	*known = true;
	if (schema && !strcmp(schema, "azureMonitorCommonAlertSchema"))
		return INCIDENT_AZURE_MONITOR;
	if (json_is_array(alerts) &&
	    (json_object_get(alert, "version") || json_object_get(alert, "receiver") ||
	     json_object_get(alert, "groupLabels")))
		return INCIDENT_ALERTMANAGER;
	/* A title alone is enough, so a native alert missing its service is named as such. */
	if (json_object_get(alert, "title") ||
	    (json_object_get(alert, "severity") && json_object_get(alert, "service")))
		return INCIDENT_NATIVE;
	*known = false;
	return INCIDENT_NATIVE;
}

int incident_from_json(struct incident *out, json_t *alert, const char *origin)
{
	struct incident inc = INCIDENT_INIT;
	enum incident_format format;
	bool known;
	int error;

	if (!json_is_object(alert))
		return err_set(ERR_INPUT, "cannot parse '%s': expected a JSON object, found %s",
			       origin, alert ? jsonx_type_name(alert) : "nothing");
	format = detect(alert, &known);
	if (!known)
		return err_set(ERR_INPUT,
			       "cannot parse '%s': unknown alert format: expected a native alert, an "
			       "Azure Monitor common alert schema payload or an Alertmanager webhook",
			       origin);

	inc.metrics = json_object();
	inc.labels = json_object();
	switch (format) {
	case INCIDENT_AZURE_MONITOR: error = from_azure(&inc, alert, origin); break;
	case INCIDENT_ALERTMANAGER: error = from_alertmanager(&inc, alert, origin); break;
	default: error = from_native(&inc, alert, origin); break;
	}
	if (error < 0 || (error = fingerprint(&inc)) < 0)
		goto done;

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
	json_decref(inc->metrics);
	json_decref(inc->labels);
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
	return o;
}
