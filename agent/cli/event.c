#include "common.h"
#include "cli/event.h"
#include "core/incident.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <errno.h>
#include <limits.h>

/* One event being read: where it came from and where it may reach. */
struct reader {
	const char *path;      /* the event file, for messages */
	const char *workspace; /* what payload paths are confined to */
	const char *scratch;   /* where inline alerts and logs are written */
};

static bool has_dotdot(const char *p)
{
	for (const char *s = p; (s = strstr(s, "..")); s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '\0' || s[2] == '/'))
			return true;
	return false;
}

/* The real path of `path` (relative to the workspace), refused when it leaves it. */
static int confined(char **out, const struct reader *r, const char *path, const char *field)
{
	char *full = NULL, *real = NULL, *root = NULL;
	size_t n;
	int error = 0;

	if (has_dotdot(path))
		return err_set(ERR_INPUT, "cannot use '%s': field '%s': '%s' leaves the workspace ('..')",
			       r->path, field, path);
	full = path[0] == '/' ? xstrdup(path) : sys_path_join(r->workspace, path);
	if (!(root = realpath(r->workspace, NULL))) {
		error = err_set(ERR_INPUT, "cannot use the workspace '%s': %s", r->workspace,
				strerror(errno));
		goto done;
	}
	if (!(real = realpath(full, NULL))) {
		error = err_set(ERR_INPUT, "cannot use '%s': field '%s': no file '%s' in the workspace "
				"'%s' (%s)", r->path, field, path, r->workspace, strerror(errno));
		goto done;
	}
	n = strlen(root);
	if (strncmp(real, root, n) || (real[n] != '/' && real[n] != '\0' && strcmp(root, "/"))) {
		error = err_set(ERR_INPUT, "cannot use '%s': field '%s': '%s' is outside the workspace "
				"'%s'", r->path, field, path, r->workspace);
		goto done;
	}
	*out = real;
	real = NULL;
done:
	free(full);
	free(real);
	free(root);
	return error;
}

static int write_scratch(char **out, const struct reader *r, const char *name, const char *text,
			 size_t len)
{
	char *path = sys_path_join(r->scratch, name);
	int error = sys_write_file(path, text, len);

	if (error < 0) {
		free(path);
		return error;
	}
	*out = path;
	return 0;
}

/* One line, no blanks, a '/' or a '.': a file name ("logs/app.log"), not log text. */
static bool looks_like_path(const char *s)
{
	return *s && strlen(s) <= PATH_MAX && !strpbrk(s, " \t\r\n") && strpbrk(s, "/.");
}

/* An alert: an object, JSON text, or a path in the workspace. */
static int read_alert(char **out, const struct reader *r, json_t *v, const char *field)
{
	const char *s;
	char *text;
	int error;

	if (json_is_object(v)) {
		if (!(text = json_dumps(v, JSON_INDENT(2))))
			return err_set(ERR_INPUT, "cannot use '%s': field '%s'", r->path, field);
		error = write_scratch(out, r, "alert.json", text, strlen(text));
		free(text);
		return error;
	}
	if (!json_is_string(v) || !*(s = json_string_value(v) + strspn(json_string_value(v), " \t\r\n")))
		return err_set(ERR_INPUT, "cannot use '%s': field '%s': expected the alert (an object or "
			       "its JSON text) or a path in the workspace, found %s",
			       r->path, field, v ? jsonx_type_name(v) : "nothing");
	if (*s == '{')
		return write_scratch(out, r, "alert.json", s, strlen(s));
	return confined(out, r, s, field);
}

/* Logs: a path in the workspace, the text itself, or an array of lines. */
static int read_logs(char **out, const struct reader *r, json_t *v, const char *field, bool path)
{
	struct buf text = BUF_INIT;
	json_t *line;
	size_t i;
	int error;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v) && (path || looks_like_path(json_string_value(v))))
		return confined(out, r, json_string_value(v), field);
	if (json_is_string(v))
		return write_scratch(out, r, "logs.txt", json_string_value(v),
				     json_string_length(v));
	if (!json_is_array(v) || path)
		return err_set(ERR_INPUT, "cannot use '%s': field '%s': expected %s, found %s", r->path,
			       field, path ? "a path in the workspace" : "the log text, its lines or a path",
			       jsonx_type_name(v));
	json_array_foreach(v, i, line) {
		if (!json_is_string(line)) {
			buf_release(&text);
			return err_set(ERR_INPUT, "cannot use '%s': field '%s[%zu]': expected a line "
				       "(string), found %s", r->path, field, i, jsonx_type_name(line));
		}
		buf_putf(&text, "%s\n", json_string_value(line));
	}
	error = write_scratch(out, r, "logs.txt", text.ptr, text.len);
	buf_release(&text);
	return error;
}

static const struct {
	const char *word;
	enum event_mode mode;
} modes[] = {
	{"live", EVENT_MODE_LIVE}, {"dry-run", EVENT_MODE_DRY_RUN}, {"offline", EVENT_MODE_OFFLINE},
};

static int read_mode(enum event_mode *out, const struct reader *r, json_t *v)
{
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;

	*out = EVENT_MODE_DEFAULT;
	if (!v || json_is_null(v) || (s && !*s))
		return 0;
	for (size_t i = 0; s && i < ARRAY_SIZE(modes); i++)
		if (!strcmp(s, modes[i].word)) {
			*out = modes[i].mode;
			return 0;
		}
	return err_set(ERR_INPUT, "cannot use '%s': field 'inputs.mode': '%s': expected live, dry-run "
		       "or offline", r->path, s ? s : jsonx_type_name(v));
}

/* inputs.scenario: a name under incidents/ ([A-Za-z0-9._-], not starting with '.') or a folder. */
static int read_scenario(struct event_intake *ev, const struct reader *r, const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

	if (!s[n] && s[0] != '.') {
		ev->scenario = xstrdup(s);
		ev->scenario_is_name = true;
		return 0;
	}
	return confined(&ev->scenario, r, s, "inputs.scenario");
}

static int from_workflow_dispatch(struct event_intake *ev, const struct reader *r, json_t *e)
{
	json_t *inputs = json_object_get(e, "inputs"), *alert = json_object_get(inputs, "alert");
	const char *scenario = jsonx_str(inputs, "scenario");
	int error;

	if ((error = read_mode(&ev->mode, r, json_object_get(inputs, "mode"))) < 0)
		return error;
	if (scenario && *scenario)
		return read_scenario(ev, r, scenario);
	if (!alert || (json_is_string(alert) && !*json_string_value(alert)))
		return err_set(ERR_INPUT, "cannot use '%s': field 'inputs.alert': missing (the workflow "
			       "needs an 'alert' input: the alert JSON or a path in the repository, or a "
			       "'scenario' input)", r->path);
	if ((error = read_alert(&ev->alert, r, alert, "inputs.alert")) < 0)
		return error;
	return read_logs(&ev->logs, r, json_object_get(inputs, "logs"), "inputs.logs", false);
}

/* repository_dispatch event types and the alert format each one promises (-1: any). */
static const struct {
	const char *type;
	int format;
} dispatch_types[] = {
	{"azure-monitor-alert", INCIDENT_AZURE_MONITOR},
	{"alertmanager-alert", INCIDENT_ALERTMANAGER},
	{"grafana-alert", INCIDENT_GRAFANA},
	{"incident", -1},
};

/* The alert is of the format its event_type promised (a sender that says one thing and sends another is refused). */
static int check_format(const struct reader *r, const char *alert, int want, const char *type)
{
	struct incident inc = INCIDENT_INIT;
	int error;

	if (want < 0)
		return 0;
	if ((error = incident_load(&inc, alert)) < 0)
		return error;
	if ((int)inc.format != want)
		error = err_set(ERR_INPUT, "cannot use '%s': event_type '%s' promises %s alert, but "
				"client_payload holds %s alert", r->path, type,
				incident_format_name((enum incident_format)want),
				incident_format_name(inc.format));
	incident_release(&inc);
	return error;
}

static int from_repository_dispatch(struct event_intake *ev, const struct reader *r, json_t *e)
{
	const char *type = jsonx_str(e, "action");
	json_t *payload = json_object_get(e, "client_payload"), *alert;
	int want = -2, error;

	for (size_t i = 0; type && i < ARRAY_SIZE(dispatch_types); i++)
		if (!strcmp(type, dispatch_types[i].type))
			want = dispatch_types[i].format;
	if (want == -2)
		return err_set(ERR_INPUT, "cannot use '%s': event_type '%s' is not one respond handles "
			       "(expected azure-monitor-alert, alertmanager-alert, grafana-alert or "
			       "incident)", r->path, type ? type : "(missing)");
	if (!json_is_object(payload) || !json_object_size(payload))
		return err_set(ERR_INPUT, "cannot use '%s': field 'client_payload': expected the alert, "
			       "found %s", r->path, payload ? "an empty payload" : "nothing");
	alert = json_object_get(payload, "alert");
	if ((error = read_alert(&ev->alert, r, alert ? alert : payload,
				alert ? "client_payload.alert" : "client_payload")) < 0 ||
	    (error = read_logs(&ev->logs, r, json_object_get(payload, "logs"), "client_payload.logs",
			       false)) < 0)
		return error;
	if (!ev->logs && (error = read_logs(&ev->logs, r, json_object_get(payload, "logs_path"),
					    "client_payload.logs_path", true)) < 0)
		return error;
	return check_format(r, ev->alert, want, type);
}

static int from_workflow_run(struct event_intake *ev, const struct reader *r, json_t *e)
{
	return err_set(ERR_INPUT, "the 'workflow_run' event (a finished CI run) belongs to the repair "
		       "command ('aiops-agent repair', which heals a failed fix pull request on live "
		       "GitHub): respond reads alerts from workflow_dispatch and repository_dispatch events");
}

static const struct {
	const char *name;
	int (*read)(struct event_intake *ev, const struct reader *r, json_t *e);
} events[] = {
	{"workflow_dispatch", from_workflow_dispatch},
	{"repository_dispatch", from_repository_dispatch},
	{"workflow_run", from_workflow_run},
};

/* Without GITHUB_EVENT_NAME, the payload's shape says which event it is. */
static const char *event_name(json_t *e)
{
	if (json_is_object(json_object_get(e, "inputs")))
		return "workflow_dispatch";
	if (json_object_get(e, "client_payload"))
		return "repository_dispatch";
	if (json_is_object(json_object_get(e, "workflow_run")))
		return "workflow_run";
	return "unknown";
}

int event_read(struct event_intake *out, const char *path, const char *name, const char *workspace,
	       const char *scratch)
{
	struct event_intake ev = EVENT_INTAKE_INIT;
	struct reader r = {path, workspace, scratch};
	json_t *e = NULL;
	int error = 0;
	size_t i;

	if ((error = jsonx_load_file(&e, path, ALERT_FILE_MAX)) < 0)
		return error;
	if (!json_is_object(e)) {
		error = err_set(ERR_INPUT, "cannot use '%s': expected an event object, found %s", path,
				jsonx_type_name(e));
		goto done;
	}
	if (!name || !*name)
		name = event_name(e);
	for (i = 0; i < ARRAY_SIZE(events) && strcmp(events[i].name, name); i++)
		;
	if (i == ARRAY_SIZE(events))
		error = err_set(ERR_INPUT, "the '%s' event carries no alert: give --alert FILE, or run on "
				"workflow_dispatch or repository_dispatch", name);
	else
		error = events[i].read(&ev, &r, e);
done:
	json_decref(e);
	if (error < 0) {
		event_intake_release(&ev);
		return error;
	}
	*out = ev;
	return 0;
}

bool event_is_workflow_run(const char *path, const char *name)
{
	json_t *e = NULL;
	bool is;

	if (name && *name)
		return !strcmp(name, "workflow_run");
	if (jsonx_load_file(&e, path, ALERT_FILE_MAX) < 0) {
		err_clear(); /* event_read will say what is wrong with it */
		return false;
	}
	is = json_is_object(e) && !strcmp(event_name(e), "workflow_run");
	json_decref(e);
	return is;
}

void event_intake_release(struct event_intake *ev)
{
	free(ev->alert);
	free(ev->logs);
	free(ev->scenario);
	*ev = (struct event_intake)EVENT_INTAKE_INIT;
}
