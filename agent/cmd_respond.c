#include "common.h"
#include "cmd_respond.h"
#include "cli.h"
#include "err.h"
#include "jsonx.h"
#include "model.h"
#include "pipeline.h"
#include "sys.h"

static const char respond_usage[] =
	"usage: aiops-agent respond [--scenario NAME | --scenario-dir DIR | --alert FILE --logs FILE]\n"
	"                           [--github DIR] [--offline] [--dry-run] [--repo PATH]\n"
	"                           [--kb FILE] [--policy FILE] [--out DIR] [--json] [--quiet]\n"
	"\n"
	"Respond to one incident: digest its logs, find the pull request that caused it,\n"
	"diagnose, plan a fix that passes the safety policy, commit it on a fix branch, open\n"
	"the issue and the pull request (or dispatch the remediation workflow), and record\n"
	"the incident in the knowledge base.\n"
	"\n"
	"  --scenario NAME       the scenario incidents/NAME\n"
	"  --scenario-dir DIR    a scenario folder (alert.json, logs.txt, github/)\n"
	"  --alert FILE          an alert: native, Azure Monitor common schema or Alertmanager\n"
	"  --logs FILE           the logs that go with --alert\n"
	"  --github DIR          recorded GitHub state for --alert (repo.json, pulls.json, ...)\n"
	"  --offline             no network at all: the offline engine diagnoses, whatever model\n"
	"                        is configured\n"
	"  --dry-run             plan and report; commit, open and dispatch nothing\n"
	"  --repo PATH           commit into this repository checkout instead of a sandbox\n"
	"  --kb FILE             knowledge base to learn from (default\n"
	"                        <repo or .>/knowledge-base/incidents.md)\n"
	"  --policy FILE         safety policy (default <repo or .>/.github/aiops-agent.yml)\n"
	"  --out DIR             output folder (default out/); results go to DIR/<incident-id>/\n"
	"  --json                print the result object on stdout\n"
	"  --quiet               no progress on stderr\n"
	"\n"
	"The engine: without --offline a model diagnoses when one is configured (AIOPS_MODEL_URL,\n"
	"or a token in AIOPS_MODEL_TOKEN or GITHUB_TOKEN for GitHub Models; see AIOPS_MODEL,\n"
	"AIOPS_MAX_PROMPT_TOKENS and the README), with the offline engine as its fallback;\n"
	"otherwise the offline engine does. GitHub is always the recorded state (the scenario's\n"
	"github/ folder or --github DIR; writes go to --out, git work to a sandbox repository):\n"
	"live GitHub is not available in this version.\n"
	"\n"
	"Exit status: 0 done, 1 done with a degraded step (a model answer that could not be used\n"
	"included), 2 usage or bad input, 3 GitHub unreachable, 4 refused by the safety policy.\n";

static const char replay_usage[] =
	"usage: aiops-agent replay NAME|DIR [--out DIR] [--json] [--repo PATH] [--kb FILE] [--quiet]\n"
	"\n"
	"Replay a recorded incident offline: the same as\n"
	"  aiops-agent respond --offline --scenario-dir DIR\n"
	"NAME is a folder of incidents/ (or $AIOPS_INCIDENTS), DIR any scenario folder.\n";

struct respond_args {
	const char *scenario, *scenario_dir, *alert, *logs, *github, *repo, *kb, *policy, *out;
	bool offline, dry_run, json, quiet;
};

static char *scenario_path(const char *name)
{
	const char *root = sys_getenv("AIOPS_INCIDENTS");

	if (strchr(name, '/') || sys_is_dir(name))
		return xstrdup(name);
	return sys_path_join(root ? root : "incidents", name);
}

static void print_summary(json_t *res, const char *out_path)
{
	const char *s;
	json_t *v;

	printf("incident %s: %s, %s", jsonx_str(res, "incident_id"), jsonx_str(res, "category"),
	       jsonx_str(res, "remediation_type"));
	if ((v = json_object_get(res, "blame_pr")) && json_is_integer(v))
		printf(", blame #%lld", (long long)json_integer_value(v));
	printf(" (confidence %s)\n", jsonx_str(res, "confidence"));
	printf("  summary    %s\n", jsonx_str(res, "summary"));
	if ((v = json_object_get(res, "issue")) && json_is_object(v))
		printf("  issue      #%lld %s  -> %s/issue.md\n", jsonx_int(v, "number", 0),
		       jsonx_str(v, "url"), out_path);
	if ((v = json_object_get(res, "pull_request")) && json_is_object(v))
		printf("  pr         #%lld %s  -> %s/pr.md\n", jsonx_int(v, "number", 0),
		       jsonx_str(v, "url"), out_path);
	if ((s = jsonx_str(res, "branch")) && jsonx_str(res, "commit"))
		printf("  branch     %s (commit %.12s)\n", s, jsonx_str(res, "commit"));
	else if (s)
		printf("  branch     %s (planned, not committed)\n", s);
	if ((v = json_object_get(res, "dispatch")) && json_is_object(v))
		printf("  dispatch   %s  -> %s/dispatch.json\n", jsonx_str(v, "workflow"), out_path);
	if ((s = jsonx_str(res, "repository")))
		printf("  git        %s (git -C %s log --all --oneline)\n", s, s);
	if ((v = json_object_get(res, "artifacts")) && json_is_object(v)) {
		printf("  runbook    %s (committed on the default branch there)\n", jsonx_str(v, "runbook"));
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
	printf("  result     %s/result.json\n", out_path);
	v = json_object_get(res, "degraded");
	for (size_t i = 0; i < json_array_size(v); i++)
		printf("  degraded   %s\n", json_string_value(json_array_get(v, i)));
}

static int run(const struct respond_args *a, const char *command)
{
	struct pipeline_opts o = {0};
	char *dir = NULL, *alert = NULL, *logs = NULL, *github = NULL, *kb = NULL, *policy = NULL;
	const char *base = a->repo ? a->repo : ".";
	json_t *res = NULL;
	char *out_path = NULL;
	struct model_config model = MODEL_CONFIG_INIT;
	bool have_model = false;
	int error;

	if (!!a->scenario + !!a->scenario_dir + !!a->alert != 1) {
		err_set(ERR_USAGE, "give exactly one of --scenario, --scenario-dir or --alert");
		return cli_fail(ERR_USAGE, command);
	}
	if (!a->offline && !a->scenario && !a->scenario_dir && !a->github) {
		err_set(ERR_USAGE, "live GitHub is not available in this version: give recorded GitHub "
			"state (--scenario, --scenario-dir or --github DIR), or run with --offline");
		return cli_fail(ERR_USAGE, command);
	}
	if (!a->offline && (error = model_config_from_env(&model, &have_model)) < 0)
		return cli_fail(error, command);
	if (a->scenario || a->scenario_dir) {
		dir = a->scenario ? scenario_path(a->scenario) : xstrdup(a->scenario_dir);
		if (!sys_is_dir(dir)) {
			err_set(ERR_NOTFOUND, "no scenario folder '%s'", dir);
			free(dir);
			model_config_release(&model);
			return cli_fail(ERR_NOTFOUND, command);
		}
		alert = sys_path_join(dir, "alert.json");
		logs = sys_path_join(dir, "logs.txt");
		github = sys_path_join(dir, "github");
		if (!sys_is_file(logs)) {
			free(logs);
			logs = NULL;
		}
	} else {
		alert = xstrdup(a->alert);
		logs = a->logs ? xstrdup(a->logs) : NULL;
		github = a->github ? xstrdup(a->github) : NULL;
	}
	kb = a->kb ? xstrdup(a->kb) : sys_path_join(base, "knowledge-base/incidents.md");
	policy = a->policy ? xstrdup(a->policy) : sys_path_join(base, ".github/aiops-agent.yml");
	o.alert_path = alert;
	o.logs_path = logs;
	o.github_dir = github;
	o.repo_path = a->repo;
	o.kb_path = kb;
	o.policy_path = policy;
	o.out_dir = a->out;
	o.model = have_model ? &model : NULL;
	o.dry_run = a->dry_run;
	o.quiet = a->quiet;
	error = pipeline_run(&res, &out_path, &o);
	if (res) {
		if (a->json) {
			struct buf text = BUF_INIT;

			if (jsonx_dump(&text, res) == 0)
				fputs(text.ptr, stdout);
			buf_release(&text);
		} else {
			print_summary(res, out_path);
		}
	}
	free(dir);
	free(alert);
	free(logs);
	free(github);
	free(kb);
	free(policy);
	free(out_path);
	json_decref(res);
	model_config_release(&model);
	if (error < 0)
		return cli_fail(error, command);
	return EXIT_DONE;
}

int cmd_respond(int argc, char **argv)
{
	struct respond_args a = {0};
	const struct cli_opt opts[] = {
		{"scenario", true, &a.scenario, NULL}, {"scenario-dir", true, &a.scenario_dir, NULL},
		{"alert", true, &a.alert, NULL},       {"logs", true, &a.logs, NULL},
		{"github", true, &a.github, NULL},     {"repo", true, &a.repo, NULL},
		{"kb", true, &a.kb, NULL},             {"policy", true, &a.policy, NULL},
		{"out", true, &a.out, NULL},           {"offline", false, NULL, &a.offline},
		{"dry-run", false, NULL, &a.dry_run},  {"json", false, NULL, &a.json},
		{"quiet", false, NULL, &a.quiet},
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
		{"dry-run", false, NULL, &a.dry_run},
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
