#include "common.h"
#include "cli/cmd_respond.h"
#include "cli/actions.h"
#include "cli/cli.h"
#include "cli/cmd_repair.h"
#include "cli/event.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "io/github.h"
#include "io/github_cache.h"
#include "io/github_offline.h"
#include "io/model.h"
#include "core/handoff.h"
#include "core/pipeline.h"
#include "util/sys.h"
#include "util/settings.h"

#include <errno.h>
#include <stdlib.h>

static const char respond_usage[] =
	"usage: aiops-agent respond [--scenario NAME | --scenario-dir DIR | --alert FILE [--logs FILE]\n"
	"                           | --event FILE] [--github DIR] [--offline] [--engine NAME]\n"
	"                           [--dry-run] [--repo PATH] [--kb FILE] [--policy FILE] [--out DIR]\n"
	"                           [--prompts DIR] [--plan-only PLAN] [--json] [--quiet]\n"
	"\n"
	"Respond to one incident: digest its logs, find the pull request that caused it,\n"
	"diagnose, plan a fix that passes the safety policy, push it on a fix branch, record the\n"
	"incident in the knowledge base, open the issue and the pull request (or dispatch the\n"
	"remediation workflow). Re-runs of the same incident find what exists and add to it.\n"
	"\n"
	"  --scenario NAME       the scenario incidents/NAME (recorded GitHub state)\n"
	"  --scenario-dir DIR    a scenario folder (alert.json, logs.txt, github/)\n"
	"  --alert FILE          an alert: native, Azure Monitor common schema or Alertmanager\n"
	"  --logs FILE           the logs that go with --alert\n"
	"  --event FILE          a GitHub Actions event payload with the alert (default\n"
	"                        $GITHUB_EVENT_PATH when no alert is given; see below)\n"
	"  --github DIR          recorded GitHub state for --alert (repo.json, pulls.json, ...)\n"
	"  --offline             no network at all: recorded GitHub state (or none), the offline\n"
	"                        engine, whatever model is configured\n"
	"  --engine NAME         auto (a model when one is configured, else the offline engine),\n"
	"                        offline, or model (fail when none is configured); default auto\n"
	"  --dry-run             read and plan, print the plan; commit, push, open and dispatch\n"
	"                        nothing\n"
	"  --repo PATH           a checkout of the repository: files are read from it, and the git\n"
	"                        work happens in it instead of a sandbox\n"
	"  --kb FILE             knowledge base to learn from (default: the repository's\n"
	"                        knowledge-base/incidents.md)\n"
	"  --policy FILE         safety policy (default: the repository's .github/aiops-agent.yml)\n"
	"  --out DIR             output folder (default out/); results go to DIR/<incident-id>/\n"
	"  --plan-only PLAN      read, ask the model and plan, as --dry-run does, and write the\n"
	"                        plan file PLAN for 'aiops-agent apply' (the model's answers and\n"
	"                        the hashes of the alert and logs; no input is copied): the job\n"
	"                        that talks to the model needs no write permission\n"
	"  --prompts DIR         write every prompt sent to the model and every answer received\n"
	"                        to DIR (with the offline engine: the diagnosis prompt a model\n"
	"                        would get), so what the model saw can be audited\n"
	"  --json                print the result object on stdout\n"
	"  --quiet               no progress on stderr\n"
	"\n"
	"GitHub: with --scenario, --scenario-dir or --github, the recorded state (writes go to\n"
	"--out, git work to a sandbox repository). Otherwise, unless --offline, live GitHub:\n"
	"GITHUB_REPOSITORY (owner/name), GITHUB_TOKEN, or a GitHub App (GITHUB_APP_ID,\n"
	"GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID), GITHUB_API_URL (GitHub Enterprise\n"
	"Server: https://HOST/api/v3), GITHUB_SERVER_URL, GITHUB_WORKSPACE (a checkout to read\n"
	"files from). AIOPS_BLAME_WINDOW_HOURS (default: the policy's diagnosis.window_hours, 72)\n"
	"is how far before the alert merged pull requests are ranked. See the README, \"Running\n"
	"against GitHub\".\n"
	"\n"
	"Events ($GITHUB_EVENT_NAME): workflow_dispatch takes inputs.alert (the alert JSON, or a\n"
	"path), inputs.logs (a path), inputs.mode (live, dry-run or offline) and inputs.scenario\n"
	"(a scenario to replay instead); repository_dispatch takes the event_type\n"
	"azure-monitor-alert, alertmanager-alert, grafana-alert or incident, with the alert in\n"
	"client_payload.alert (or the whole client_payload) and client_payload.logs (the text,\n"
	"its lines or a path). Paths must stay inside the workspace (--repo, else\n"
	"GITHUB_WORKSPACE, else the current folder). A workflow_run event (a finished CI run)\n"
	"is handed to 'aiops-agent repair' (see repair --help).\n"
	"\n"
	"The engine: without --offline a model diagnoses when one is configured (AIOPS_MODEL_URL,\n"
	"or a token in AIOPS_MODEL_TOKEN or GITHUB_TOKEN for GitHub Models; see AIOPS_MODEL,\n"
	"AIOPS_MAX_PROMPT_TOKENS and the README), with the offline engine as its fallback;\n"
	"otherwise the offline engine does.\n"
	"\n"
	"Exit status: 0 done, 1 done with a degraded step (a model answer that could not be used\n"
	"included), 2 usage or bad input, 3 GitHub unreachable after retries (what was created is\n"
	"listed in the result; a re-run completes it), 4 refused by the safety policy.\n";

static const char replay_usage[] =
	"usage: aiops-agent replay NAME|DIR [--out DIR] [--json] [--repo PATH] [--kb FILE]\n"
	"                          [--prompts DIR] [--quiet]\n"
	"\n"
	"Replay a recorded incident offline: the same as\n"
	"  aiops-agent respond --offline --scenario-dir DIR\n"
	"NAME is a folder of incidents/ (or $AIOPS_INCIDENTS), DIR any scenario folder.\n";

static const char apply_usage[] =
	"usage: aiops-agent apply PLAN [--scenario NAME | --scenario-dir DIR | --alert FILE\n"
	"                          [--logs FILE] | --event FILE] [--github DIR] [--offline]\n"
	"                          [--dry-run] [--repo PATH] [--kb FILE] [--policy FILE] [--out DIR]\n"
	"                          [--prompts DIR] [--json] [--quiet]\n"
	"\n"
	"Carry out a plan made by 'respond --plan-only PLAN', with the write token: the same\n"
	"inputs as respond (in GitHub Actions, the same event), which must be the alert and logs\n"
	"the plan read (exit 2 otherwise). The evidence is read again and the pipeline runs again\n"
	"with the model's recorded answers instead of a model: every answer passes the same\n"
	"checks and safety policy again, so a plan cannot make the agent do what respond would\n"
	"refuse. No model is reached (none needs to be configured). When the evidence moved since\n"
	"the plan so that an answer no longer fits its prompt, the offline engine decides, and\n"
	"when the conclusion differs from the plan's, 'degraded' says so (exit 1).\n"
	"\n"
	"Options and exit status are those of respond (aiops-agent respond --help).\n";

struct respond_args {
	const char *scenario, *scenario_dir, *alert, *logs, *event, *github, *repo, *kb, *policy,
		*out, *engine, *prompts;
	const char *plan_out;  /* respond --plan-only */
	const char *plan_in;   /* apply */
	bool offline, dry_run, json, quiet;
};

static char *scenario_path(const char *name)
{
	const char *root = settings_get("AIOPS_INCIDENTS");

	if (strchr(name, '/') || sys_is_dir(name))
		return xstrdup(name);
	return sys_path_join(root ? root : "incidents", name);
}

/* An integer environment variable in [min, max], or `dflt` when unset. */
static int env_int(long *out, const char *name, long dflt, long min, long max)
{
	const char *v = settings_get(name);
	char *end;
	long n;

	*out = dflt;
	if (!v) /* unset or empty */
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max)
		return err_set(ERR_USAGE, "cannot use %s='%s': expected a whole number from %ld to %ld",
			       name, v, min, max);
	*out = n;
	return 0;
}

/* The GitHub backends a run can use: chosen here, so that the pipeline never has to. */
struct github_choice {
	struct github_rest_opts rest; /* live */
	const char *checkout;         /* live: a checkout of the default branch, or NULL */
	const char *recorded;         /* recorded: the github/ folder, or NULL */
	char name[160];
};

static int open_live(struct github **out, char **note, const struct pipeline_github *g,
		     const char *out_dir)
{
	const struct github_choice *c = g->ctx;
	struct github *rest = NULL;
	int error;

	if ((error = github_rest_new(&rest, &c->rest)) < 0)
		return error;
	return github_cache_new(out, rest, c->checkout);
}

static int open_recorded(struct github **out, char **note, const struct pipeline_github *g,
			 const char *out_dir)
{
	const struct github_choice *c = g->ctx;

	if (!c->recorded || !sys_is_dir(c->recorded))
		*note = xstrdup("evidence: no recorded GitHub state (github/ folder): no pull requests "
				"to blame, no repository files to fix");
	return github_offline_new(out, c->recorded, out_dir);
}

/* Live GitHub from the environment (DESIGN §6), with the run's limits. */
static int live_settings(struct github_rest_opts *rest, struct pipeline_opts *o)
{
	long hours, timeout, attempts, wait;
	int error;

	github_rest_opts_from_env(rest);
	if (!rest->repository || !*rest->repository)
		return err_set(ERR_USAGE, "GITHUB_REPOSITORY is not set: live GitHub needs the repository "
			       "as owner/name (or give recorded state with --scenario, --scenario-dir or "
			       "--github DIR, or run with --offline)");
	if ((error = env_int(&hours, "AIOPS_BLAME_WINDOW_HOURS", 0, 0, 24 * 366)) < 0 ||
	    (error = env_int(&timeout, "AIOPS_GITHUB_TIMEOUT", 30, 1, 600)) < 0 ||
	    (error = env_int(&attempts, "AIOPS_GITHUB_ATTEMPTS", 4, 1, 10)) < 0 ||
	    (error = env_int(&wait, "AIOPS_ISSUE_WAIT_SECONDS", 20, 0, 600)) < 0)
		return error;
	rest->timeout_ms = timeout * 1000;
	rest->max_attempts = (int)attempts;
	o->github_server_url = settings_get("GITHUB_SERVER_URL");
	o->window_hours = (int)hours;
	o->issue_wait_ms = wait * 1000;
	return 0;
}

static int engine_settings(struct model_config *model, bool *have_model, const struct respond_args *a)
{
	const char *engine = a->engine ? a->engine : "auto";
	int error;

	*have_model = false;
	if (strcmp(engine, "auto") && strcmp(engine, "offline") && strcmp(engine, "model"))
		return err_set(ERR_USAGE, "unknown engine '%s': expected auto, offline or model", engine);
	if (a->offline && !strcmp(engine, "model"))
		return err_set(ERR_USAGE, "--offline uses the offline engine: drop --engine model");
	if (a->offline || !strcmp(engine, "offline"))
		return 0;
	if ((error = model_config_from_env(model, have_model)) < 0)
		return error;
	if (!*have_model && !strcmp(engine, "model"))
		return err_set(ERR_USAGE, "--engine model: no model is configured (AIOPS_MODEL_URL, "
			       "AIOPS_MODEL_TOKEN or GITHUB_TOKEN; see the README)");
	return 0;
}

/* " (found: it existed)" for what a re-run found rather than made. */
static const char *existed(json_t *published, const char *what)
{
	json_t *v = json_object_get(json_object_get(published, what), "existed");

	return json_is_true(v) ? " (existed: updated)" : "";
}

static void print_summary(json_t *res, const char *out_path)
{
	json_t *v, *pub = json_object_get(res, "published"), *kb;
	bool live = jsonx_str(res, "github") && !strcmp(jsonx_str(res, "github"), "rest");
	const char *s;

	printf("incident %s: %s, %s", jsonx_str(res, "incident_id"), jsonx_str(res, "category"),
	       jsonx_str(res, "remediation_type"));
	if ((v = json_object_get(res, "blame_pr")) && json_is_integer(v))
		printf(", blame #%lld", (long long)json_integer_value(v));
	printf(" (confidence %s)\n", jsonx_str(res, "confidence"));
	printf("  summary    %s\n", jsonx_str(res, "summary"));
	if ((v = json_object_get(res, "issue")) && json_is_object(v)) {
		printf("  issue      #%lld %s", jsonx_int(v, "number", 0), jsonx_str(v, "url"));
		if (live)
			printf("%s\n", json_is_true(json_object_get(json_object_get(pub, "issue"), "existed"))
					       ? " (existed: commented 'Recurred at')" : "");
		else
			printf("  -> %s/issue.md\n", out_path);
	}
	if ((v = json_object_get(res, "pull_request")) && json_is_object(v)) {
		printf("  pr         #%lld %s", jsonx_int(v, "number", 0), jsonx_str(v, "url"));
		if (live)
			printf("%s\n", existed(pub, "pull_request"));
		else
			printf("  -> %s/pr.md\n", out_path);
	}
	if ((s = jsonx_str(res, "branch")) && jsonx_str(res, "commit"))
		printf("  branch     %s (commit %.12s%s)\n", s, jsonx_str(res, "commit"),
		       live ? ", pushed" : "");
	else if (s)
		printf("  branch     %s (planned, not committed)\n", s);
	if ((v = json_object_get(res, "dispatch")) && json_is_object(v)) {
		if (live)
			printf("  dispatch   %s  %s\n", jsonx_str(v, "workflow"),
			       (s = jsonx_str(json_object_get(pub, "dispatch"), "url")) ? s : "");
		else
			printf("  dispatch   %s  -> %s/dispatch.json\n", jsonx_str(v, "workflow"), out_path);
	}
	if ((kb = json_object_get(pub, "knowledge_base")) && json_is_object(kb) && live) {
		printf("  knowledge  %s (commit %.12s%s)\n", jsonx_str(kb, "branch"), jsonx_str(kb, "commit"),
		       json_is_true(json_object_get(kb, "appended")) ? "" : ", the entry was already there");
		if ((v = json_object_get(kb, "pull_request")) && json_is_object(v))
			printf("  kb pr      #%lld %s (the default branch is protected)\n",
			       jsonx_int(v, "number", 0), jsonx_str(v, "url"));
	}
	if ((s = jsonx_str(res, "repository")))
		printf(live ? "  repo       %s\n" : "  git        %s (git -C %s log --all --oneline)\n", s, s);
	if ((v = json_object_get(res, "artifacts")) && json_is_object(v)) {
		printf("  runbook    %s (%s)\n", jsonx_str(v, "runbook"),
		       json_is_array(json_object_get(res, "planned")) ? "planned"
								       : "committed on the default branch there");
		printf("  rules      %s\n", jsonx_str(v, "alert_rules"));
		printf("  advice     %s\n", jsonx_str(v, "recommendations"));
	}
	if ((s = jsonx_str(res, "model"))) {
		json_t *u = json_object_get(res, "usage");

		printf("  model      %s (engine %s): %lld call%s, %lld prompt + %lld completion = %lld "
		       "tokens\n", s, jsonx_str(res, "engine"), jsonx_int(u, "calls", 0),
		       jsonx_int(u, "calls", 0) == 1 ? "" : "s", jsonx_int(u, "prompt_tokens", 0),
		       jsonx_int(u, "completion_tokens", 0), jsonx_int(u, "total_tokens", 0));
	}
	v = json_object_get(res, "trimmed");
	for (size_t i = 0; i < json_array_size(v); i++)
		printf("  trimmed    %s\n", json_string_value(json_array_get(v, i)));
	v = json_object_get(res, "planned");
	for (size_t i = 0; i < json_array_size(v); i++)
		printf("  would      %s\n", json_string_value(json_array_get(v, i)));
	printf("  result     %s/result.json\n", out_path);
	v = json_object_get(res, "degraded");
	for (size_t i = 0; i < json_array_size(v); i++)
		printf("  degraded   %s\n", json_string_value(json_array_get(v, i)));
}

/* The files of one run: where the alert, the logs and the recorded state come from. */
struct inputs {
	char *dir, *alert, *logs, *github, *kb, *policy;
	char *scratch;   /* a folder holding an event's alert, removed at the end */
	char *scenario;  /* an event's scenario folder */
	struct event_intake ev;
};

/*
 * The event's alert, logs, scenario and mode folded into the run's arguments (`a`, a copy
 * of the command line's): the flags still win where they say more (--logs, --offline,
 * --dry-run). Paths in the payload stay inside the workspace: --repo, else
 * $GITHUB_WORKSPACE, else the current folder.
 */
static int apply_event(struct respond_args *a, struct inputs *in, const char *event)
{
	const char *tmp = settings_get("TMPDIR"), *ws = a->repo ? a->repo : settings_get("GITHUB_WORKSPACE");
	int error;

	in->scratch = xasprintf("%s/aiops-event-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(in->scratch)) {
		error = err_set(ERR_IO, "cannot create a folder for the event's alert in '%s': %s",
				tmp ? tmp : "/tmp", strerror(errno));
		free(in->scratch);
		in->scratch = NULL;
		return error;
	}
	if ((error = event_read(&in->ev, event, settings_get("GITHUB_EVENT_NAME"), ws ? ws : ".",
				in->scratch)) < 0)
		return error;
	a->offline |= in->ev.mode == EVENT_MODE_OFFLINE;
	a->dry_run |= in->ev.mode == EVENT_MODE_DRY_RUN;
	if (in->ev.scenario) {
		in->scenario = in->ev.scenario_is_name ? scenario_path(in->ev.scenario)
						       : xstrdup(in->ev.scenario);
		a->scenario_dir = in->scenario;
		return 0;
	}
	a->alert = in->ev.alert;
	if (!a->logs)
		a->logs = in->ev.logs;
	return 0;
}

/* The alert, logs and recorded state of a scenario or an alert file. */
static int inputs_find(struct inputs *in, const struct respond_args *a, bool live)
{
	const char *base = a->repo ? a->repo : ".";

	if (a->scenario || a->scenario_dir) {
		in->dir = a->scenario ? scenario_path(a->scenario) : xstrdup(a->scenario_dir);
		if (!sys_is_dir(in->dir))
			return err_set(ERR_NOTFOUND, "no scenario folder '%s'", in->dir);
		in->alert = sys_path_join(in->dir, "alert.json");
		in->logs = sys_path_join(in->dir, "logs.txt");
		in->github = sys_path_join(in->dir, "github");
		if (!sys_is_file(in->logs)) {
			free(in->logs);
			in->logs = NULL;
		}
	} else {
		in->alert = xstrdup(a->alert);
		in->logs = a->logs ? xstrdup(a->logs) : NULL;
		in->github = a->github ? xstrdup(a->github) : NULL;
	}
	/* Live, the repository's own knowledge base and policy are read unless given. */
	if (a->kb)
		in->kb = xstrdup(a->kb);
	else if (!live)
		in->kb = sys_path_join(base, "knowledge-base/incidents.md");
	if (a->policy)
		in->policy = xstrdup(a->policy);
	else if (!live)
		in->policy = sys_path_join(base, ".github/aiops-agent.yml");
	return 0;
}

static void inputs_release(struct inputs *in)
{
	if (in->scratch)
		sys_discard_tree(in->scratch);
	free(in->scratch);
	free(in->dir);
	free(in->alert);
	free(in->logs);
	free(in->github);
	free(in->kb);
	free(in->policy);
	free(in->scenario);
	event_intake_release(&in->ev);
}

/* Live GitHub (the REST client behind the checkout cache), or the recorded state. */
static int choose_github(struct github_choice *choice, struct pipeline_github *gh,
			 struct pipeline_opts *o, const struct respond_args *a, bool live)
{
	const char *checkout;
	int error;

	gh->open = open_recorded;
	gh->ctx = choice;
	if (!live) {
		o->window_hours = -1; /* recorded state: every merged pull request */
		return 0;
	}
	if ((error = live_settings(&choice->rest, o)) < 0)
		return error;
	checkout = a->repo ? a->repo : settings_get("GITHUB_WORKSPACE");
	choice->checkout = checkout && *checkout ? checkout : NULL;
	snprintf(choice->name, sizeof(choice->name), "%s from GitHub", choice->rest.repository);
	gh->open = open_live;
	gh->name = choice->name;
	return 0;
}

static void print_result(json_t *res, const char *out_path, bool as_json)
{
	struct buf text = BUF_INIT;

	if (!as_json) {
		print_summary(res, out_path);
		return;
	}
	if (jsonx_dump(&text, res) == 0)
		fputs(text.ptr, stdout);
	buf_release(&text);
}

/* In GitHub Actions: outputs, summary and annotations, written whatever the status. */
static void report_to_actions(json_t *res, const char *out_path, int error)
{
	char *message = error < 0 ? xstrdup(err_last()) : NULL;

	if (actions_report(res, out_path, error < 0 ? err_exit_status(error) : 0, message) < 0) {
		fprintf(stderr, "aiops-agent: %s\n", err_last());
		err_clear();
	}
	if (message)
		err_set(error, "%s", message); /* the run's own message is what cli_fail says */
	free(message);
}

/* apply: the plan's model, answering from its transcript; no server is reached. */
static void replay_settings(struct model_config *model, bool *have_model, const struct handoff *h)
{
	*have_model = h->model_url != NULL;
	if (!*have_model)
		return;
	handoff_replay_config(model, h->model_url, h->model_name, h->prompt_tokens, h->transcript);
}

/* The engine: the environment's (respond), or the plan's replayed (apply). */
static int choose_engine(struct model_config *model, bool *have_model, struct handoff *h,
			 const struct respond_args *a)
{
	int error;

	if (!a->plan_in)
		return engine_settings(model, have_model, a);
	if ((error = handoff_read(h, a->plan_in)) < 0)
		return error;
	replay_settings(model, have_model, h);
	return 0;
}

/* --plan-only: the plan file, from the run's result and the model's transcript. */
static int write_plan(struct handoff *h, json_t *res, const struct model_config *model,
		      const struct respond_args *a)
{
	int error;

	if (model->record) {
		h->model_url = xstrdup(model->base_url);
		h->model_name = model->model ? xstrdup(model->model) : NULL;
		h->prompt_tokens = (long)model->max_prompt_tokens;
		h->transcript = json_incref(model->record);
	}
	handoff_conclude(h, res);
	if ((error = handoff_write(a->plan_out, h)) == 0 && !a->quiet)
		fprintf(stderr, "aiops-agent: the plan is in %s: carry it out with 'aiops-agent apply %s'\n",
			a->plan_out, a->plan_out);
	return error;
}

/* apply: a conclusion that moved since the plan is said in the result (and degrades). */
static int note_moved(const struct handoff *h, json_t *res, const char *out_path, int error)
{
	char *moved = handoff_moved(h, res), *line, *path;
	json_t *degraded = json_object_get(res, "degraded");

	if (!moved)
		return error;
	line = xasprintf("apply: the diagnosis moved since the plan (%s): the evidence read again "
			 "decided", moved);
	if (!json_is_array(degraded))
		json_object_set_new(res, "degraded", degraded = json_array());
	json_array_append_new(degraded, json_string(line));
	path = sys_path_join(out_path, "result.json");
	if (jsonx_write_file(path, res) < 0)
		err_clear(); /* the line still reaches stderr and the exit status */
	fprintf(stderr, "aiops-agent: %s\n", line);
	if (error == 0)
		error = err_set(ERR_FAIL, "%s", line);
	free(path);
	free(line);
	free(moved);
	return error;
}

/* The pipeline over the chosen inputs, with the plan written or checked around it. */
static int run_pipeline(json_t **res, char **out_path, struct pipeline_opts *o, struct handoff *h,
			const struct inputs *in, const struct respond_args *a, struct model_config *model)
{
	int error;

	if (a->plan_out && (error = handoff_hash_inputs(h, in->alert, in->logs)) < 0)
		return error;
	if (a->plan_in && (error = handoff_check_inputs(h, in->alert, in->logs)) < 0)
		return error;
	error = pipeline_run(res, out_path, o);
	if (*res && a->plan_out) {
		int written = write_plan(h, *res, model, a);

		error = written < 0 ? written : error;
	} else if (*res && a->plan_in) {
		error = note_moved(h, *res, *out_path, error);
	}
	return error;
}

static int run(const struct respond_args *given, const char *command)
{
	struct respond_args args = *given, *a = &args;
	struct pipeline_opts o = {0};
	struct github_choice choice = {GITHUB_REST_OPTS_INIT, NULL, NULL, ""};
	struct pipeline_github gh = {0};
	struct inputs in = {.ev = EVENT_INTAKE_INIT};
	struct handoff plan = HANDOFF_INIT;
	const char *event = a->event;
	json_t *res = NULL;
	char *out_path = NULL;
	struct model_config model = MODEL_CONFIG_INIT;
	bool have_model = false, recorded, live;
	int error = 0;

	if (!event && !a->scenario && !a->scenario_dir && !a->alert)
		event = settings_get("GITHUB_EVENT_PATH");
	if (event && !a->scenario && !a->scenario_dir && !a->alert && !a->offline &&
	    event_is_workflow_run(event, settings_get("GITHUB_EVENT_NAME")))
		return cmd_repair_event(event, a->dry_run, a->json); /* a failed CI run: repair's */
	if (!!a->scenario + !!a->scenario_dir + !!a->alert + !!event != 1)
		error = err_set(ERR_USAGE, "give exactly one of --scenario, --scenario-dir, --alert or "
				"--event (or run in GitHub Actions, where GITHUB_EVENT_PATH names the event)");
	else if (event)
		error = apply_event(a, &in, event);
	a->dry_run |= a->plan_out != NULL;
	recorded = a->scenario || a->scenario_dir || a->github;
	live = !a->offline && !recorded;
	if (error == 0 && (error = choose_engine(&model, &have_model, &plan, a)) == 0 &&
	    (error = choose_github(&choice, &gh, &o, a, live)) == 0 &&
	    (error = inputs_find(&in, a, live)) == 0) {
		o.alert_path = in.alert;
		o.logs_path = in.logs;
		choice.recorded = in.github;
		o.github = &gh;
		o.repo_path = a->repo;
		o.kb_path = in.kb;
		o.policy_path = in.policy;
		o.out_dir = a->out;
		if (a->plan_out && have_model)
			model.record = json_array();
		o.model = have_model ? &model : NULL;
		o.dry_run = a->dry_run;
		o.quiet = a->quiet;
		o.on_step = actions_step;
		o.prompts_dir = a->prompts;
		actions_mask();
		error = run_pipeline(&res, &out_path, &o, &plan, &in, a, &model);
		if (res)
			print_result(res, out_path, a->json);
	}
	report_to_actions(res, out_path, error);
	inputs_release(&in);
	free(out_path);
	json_decref(res);
	json_decref(model.record);
	model_config_release(&model);
	handoff_release(&plan);
	return error < 0 ? cli_fail(error, command) : EXIT_DONE;
}

int cmd_respond(int argc, char **argv)
{
	struct respond_args a = {0};
	const struct cli_opt opts[] = {
		{"scenario", true, &a.scenario, NULL}, {"scenario-dir", true, &a.scenario_dir, NULL},
		{"alert", true, &a.alert, NULL},       {"logs", true, &a.logs, NULL},
		{"github", true, &a.github, NULL},     {"repo", true, &a.repo, NULL},
		{"event", true, &a.event, NULL},       {"engine", true, &a.engine, NULL},
		{"kb", true, &a.kb, NULL},             {"policy", true, &a.policy, NULL},
		{"out", true, &a.out, NULL},           {"offline", false, NULL, &a.offline},
		{"dry-run", false, NULL, &a.dry_run},  {"json", false, NULL, &a.json},
		{"quiet", false, NULL, &a.quiet},      {"prompts", true, &a.prompts, NULL},
		{"plan-only", true, &a.plan_out, NULL},
	};
	const char **pos = NULL;
	size_t npos;
	bool help;
	int error;

	if ((error = cli_parse(&pos, &npos, &help, argc, argv, opts, ARRAY_SIZE(opts))) < 0)
		return cli_fail(error, "respond");
	free(pos);
	if (help) {
		fputs(respond_usage, stdout);
		return EXIT_DONE;
	}
	if (npos) {
		err_set(ERR_USAGE, "respond takes no positional arguments");
		return cli_fail(ERR_USAGE, "respond");
	}
	return run(&a, "respond");
}

int cmd_replay(int argc, char **argv)
{
	struct respond_args a = {0};
	const struct cli_opt opts[] = {
		{"out", true, &a.out, NULL}, {"repo", true, &a.repo, NULL},
		{"kb", true, &a.kb, NULL},   {"policy", true, &a.policy, NULL},
		{"json", false, NULL, &a.json}, {"quiet", false, NULL, &a.quiet},
		{"dry-run", false, NULL, &a.dry_run}, {"prompts", true, &a.prompts, NULL},
	};
	const char **pos = NULL;
	size_t npos;
	bool help;
	int error;
	char *dir;

	if ((error = cli_parse(&pos, &npos, &help, argc, argv, opts, ARRAY_SIZE(opts))) < 0)
		return cli_fail(error, "replay");
	if (help) {
		free(pos);
		fputs(replay_usage, stdout);
		return EXIT_DONE;
	}
	if (npos != 1) {
		free(pos);
		err_set(ERR_USAGE, "replay takes one scenario name or folder");
		return cli_fail(ERR_USAGE, "replay");
	}
	dir = scenario_path(pos[0]);
	free(pos);
	a.scenario_dir = dir;
	a.offline = true;
	error = run(&a, "replay");
	free(dir);
	return error;
}

int cmd_apply(int argc, char **argv)
{
	struct respond_args a = {0};
	const struct cli_opt opts[] = {
		{"scenario", true, &a.scenario, NULL}, {"scenario-dir", true, &a.scenario_dir, NULL},
		{"alert", true, &a.alert, NULL},       {"logs", true, &a.logs, NULL},
		{"github", true, &a.github, NULL},     {"repo", true, &a.repo, NULL},
		{"event", true, &a.event, NULL},       {"kb", true, &a.kb, NULL},
		{"policy", true, &a.policy, NULL},     {"out", true, &a.out, NULL},
		{"offline", false, NULL, &a.offline},  {"dry-run", false, NULL, &a.dry_run},
		{"json", false, NULL, &a.json},        {"quiet", false, NULL, &a.quiet},
		{"prompts", true, &a.prompts, NULL},
	};
	const char **pos = NULL;
	size_t npos;
	bool help;
	int error;

	if ((error = cli_parse(&pos, &npos, &help, argc, argv, opts, ARRAY_SIZE(opts))) < 0)
		return cli_fail(error, "apply");
	if (help) {
		free(pos);
		fputs(apply_usage, stdout);
		return EXIT_DONE;
	}
	if (npos != 1) {
		free(pos);
		err_set(ERR_USAGE, "apply takes one plan file (made by 'respond --plan-only PLAN')");
		return cli_fail(ERR_USAGE, "apply");
	}
	a.plan_in = pos[0];
	error = run(&a, "apply");
	free(pos);
	return error;
}
