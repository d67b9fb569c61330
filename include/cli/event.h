/*
 * event.h - what a GitHub Actions event asks `respond` to do (DESIGN §3: with no
 * --scenario or --alert, respond reads $GITHUB_EVENT_PATH by $GITHUB_EVENT_NAME).
 *
 *   workflow_dispatch    inputs.alert  the alert JSON text, or a path in the workspace
 *                        inputs.logs   a path in the workspace (or the log text itself)
 *                        inputs.mode   live | dry-run | offline (default: as the flags say)
 *                        inputs.scenario  a scenario to replay: a name under incidents/
 *                                         or a folder in the workspace (alert and logs
 *                                         come from it)
 *   repository_dispatch  event_type (the payload's "action"): azure-monitor-alert,
 *                        alertmanager-alert, grafana-alert (the alert must be of that
 *                        format) or incident (any format); the alert is
 *                        client_payload.alert (an object, JSON text or a workspace path)
 *                        or the whole client_payload; client_payload.logs is the log text
 *                        (a string or an array of lines) or a workspace path,
 *                        client_payload.logs_path always a path
 *   workflow_run         not an alert: a finished CI run; `respond` hands it to `repair`
 *                        (event_is_workflow_run), and event_read refuses it
 *   anything else        refused
 *
 * Paths from the payload are confined to the workspace (the --repo checkout, else
 * $GITHUB_WORKSPACE, else the current folder): a ".." component, an absolute path
 * elsewhere and a symbolic link that leads out are refused (ERR_INPUT, exit 2), since
 * whoever can send the event must not make the agent read files outside the checkout.
 * A value is a path when it is one line without blanks that names a file ("logs/app.log");
 * anything else is the text itself.
 */
#ifndef AIOPS_CLI_EVENT_H
#define AIOPS_CLI_EVENT_H

#include "common.h"

enum event_mode { EVENT_MODE_DEFAULT, EVENT_MODE_LIVE, EVENT_MODE_DRY_RUN, EVENT_MODE_OFFLINE };

struct event_intake {
	char *alert;             /* the alert file (in `scratch` when inline), or NULL with scenario */
	char *logs;              /* the logs file, or NULL */
	char *scenario;          /* inputs.scenario as given (a checked name or a confined folder) */
	bool scenario_is_name;   /* a bare name, to look up under incidents/ */
	enum event_mode mode;
};

#define EVENT_INTAKE_INIT {NULL, NULL, NULL, false, EVENT_MODE_DEFAULT}

/*
 * Read the event at `path` (capped at ALERT_FILE_MAX). `name` is $GITHUB_EVENT_NAME (NULL:
 * told from the payload's shape: inputs, client_payload or workflow_run). Inline alerts
 * and logs are written into the folder `scratch`. Refused: an event respond does not
 * handle (ERR_INPUT too; workflow_run names the repair command), ERR_INPUT naming the event file and
 * field for a bad payload, an escaping path or an alert of another format than the
 * event_type says. `*out` is written only on success.
 */
int event_read(struct event_intake *out, const char *path, const char *name, const char *workspace,
	       const char *scratch);
void event_intake_release(struct event_intake *ev);

/*
 * Is the event at `path` a workflow_run (by `name`, $GITHUB_EVENT_NAME, or by the
 * payload's shape when `name` is NULL or empty)? Then respond hands it to repair. False
 * when the file cannot be read: event_read then says why.
 */
bool event_is_workflow_run(const char *path, const char *name);

#endif
