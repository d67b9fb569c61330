#include "common.h"
#include "cli/cmd_repair.h"
#include "cli/actions.h"
#include "cli/cli.h"
#include "core/diagnose.h"
#include "core/handoff.h"
#include "core/repair.h"
#include "io/github.h"
#include "io/model.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/settings.h"
#include "util/sys.h"

#include <errno.h>
#include <stdlib.h>

static const char usage[] =
	"usage: aiops-agent repair [--pr N] [--run-id ID] [--event FILE] [--policy FILE]\n"
	"                          [--offline] [--prompts DIR] [--dry-run] [--json]\n"
	"                          [--plan-only PLAN | --apply PLAN]\n"
	"\n"
	"Self-healing CI for the agent's own fix pull requests. When a fix pull request's CI\n"
	"run fails, read the failed jobs' logs (downloaded and digested in bounded memory) and\n"
	"classify the failure:\n"
	"  - infrastructure (a lost runner, out of memory or disk, a registry's 429/5xx, a\n"
	"    reset connection): re-run the failed jobs once and say why; never push;\n"
	"  - otherwise: push a corrected fix on the branch (a Flyway version that clashes\n"
	"    renumbered, a JSON or YAML file that does not parse fixed, a missing Go import\n"
	"    added, a formatter's diff printed in the log applied; else, when a model is\n"
	"    configured, the model's diff, checked like respond's: the pull request's files\n"
	"    only, exact hunks, the safety policy), comment what failed and what changed;\n"
	"  - past max_repair_attempts corrections (policy, default 2), when the same failure\n"
	"    comes back, or when nothing mechanical fits and no model corrects it: comment a\n"
	"    hand-over with the distilled failure and label the pull request 'needs-human'.\n"
	"Only pull requests the agent opened are touched (label 'aiops-generated' and the\n"
	"hidden incident block in the body); anything else gets a one-line reason and exit 0.\n"
	"\n"
	"  --pr N         the pull request (default: the run's)\n"
	"  --run-id ID    the failed workflow run (default: the event's, or the pull\n"
	"                 request's latest failed run on its head commit)\n"
	"  --event FILE   a workflow_run event (default $GITHUB_EVENT_PATH when\n"
	"                 $GITHUB_EVENT_NAME is workflow_run and neither --pr nor --run-id\n"
	"                 is given); a run that did not fail is skipped\n"
	"  --policy FILE  safety policy (default: the repository's .github/aiops-agent.yml)\n"
	"  --offline      the offline rules only, no model (else a model writes the\n"
	"                 correction no rule fits when one is configured: AIOPS_MODEL_URL, or\n"
	"                 a token for GitHub Models, as for respond)\n"
	"  --prompts DIR  write every prompt sent to the model and every answer to DIR\n"
	"  --plan-only PLAN  a dry run (read-only token) that writes PLAN: the pull request,\n"
	"                 the run, the model's answers (redacted) and what it concluded\n"
	"  --apply PLAN   repair the plan's pull request and run with the model's answers\n"
	"                 replayed, no model reached (the write token's job); answers are\n"
	"                 checked again against the evidence read again, and evidence that\n"
	"                 moved finds no answer: the correction is then handed over\n"
	"  --dry-run      read everything (the logs too), write nothing: print the plan\n"
	"  --json         print the result object on stdout\n"
	"\n"
	"Live GitHub only: GITHUB_REPOSITORY, GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID,\n"
	"GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID), GITHUB_API_URL,\n"
	"GITHUB_SERVER_URL. Pushes made with the workflow's GITHUB_TOKEN start no workflow:\n"
	"then the CI workflow the policy names (repair_ci_workflow, default ci.yml) is\n"
	"dispatched on the branch; a GitHub App token needs no dispatch.\n"
	"\n"
	"Exit status: 0 done (re-run, corrected, handed over, or nothing to do), 1 a step\n"
	"degraded (a label, the dispatch, a model that could not answer usably) or the branch\n"
	"moved while repairing (nothing pushed), 2 usage or bad input,\n"
	"3 GitHub unreachable, 4 the correction was refused by the safety policy (handed\n"
	"over).\n";

struct repair_args {
	const char *pr, *run_id, *event, *policy, *prompts, *plan_out, *plan_in;
	bool dry_run, json, offline;
};

static int parse_number(long long *out, const char *v, const char *option)
{
	char *end;

	errno = 0;
	*out = v ? strtoll(v, &end, 10) : 0;
	if (v && (errno || end == v || *end || *out <= 0))
		return err_set(ERR_USAGE, "%s '%s': expected a positive whole number", option, v);
	return 0;
}

/* A person's or an App's token starts workflows with its pushes; the workflow's GITHUB_TOKEN does not. */
static bool starts_workflows(const struct github_rest_opts *rest)
{
	static const char *const personal[] = {"ghp_", "github_pat_", "gho_", "ghu_"};

	if (!rest->token)
		return true; /* a GitHub App's installation token */
	for (size_t i = 0; i < ARRAY_SIZE(personal); i++)
		if (!strncmp(rest->token, personal[i], strlen(personal[i])))
			return true;
	return false;
}

static void print_result(json_t *res, bool as_json)
{
	struct buf text = BUF_INIT;
	json_t *v;

	if (as_json) {
		if (jsonx_dump(&text, res) == 0)
			fputs(text.ptr, stdout);
		buf_release(&text);
		return;
	}
	printf("repair: %s", jsonx_str(res, "action") ? jsonx_str(res, "action") : "stopped");
	if ((v = json_object_get(res, "pull_request")) && json_is_integer(v))
		printf(" pull request #%lld", (long long)json_integer_value(v));
	if ((v = json_object_get(res, "run_id")) && json_is_integer(v))
		printf(" (run %lld)", (long long)json_integer_value(v));
	printf(": %s\n", jsonx_str(res, "reason") ? jsonx_str(res, "reason") : "see the messages above");
	if (jsonx_str(res, "class"))
		printf("  failure  %s (%s)\n", jsonx_str(res, "class"),
		       jsonx_str(res, "rule") ? jsonx_str(res, "rule") : "no rule");
	if (jsonx_str(res, "commit"))
		printf("  commit   %.12s on %s\n", jsonx_str(res, "commit"), jsonx_str(res, "branch"));
	if (jsonx_str(res, "comment"))
		printf("  comment  %s\n", jsonx_str(res, "comment"));
	v = json_object_get(res, "planned");
	for (size_t i = 0; i < json_array_size(v); i++)
		printf("  would    %s\n", json_string_value(json_array_get(v, i)));
	v = json_object_get(res, "degraded");
	for (size_t i = 0; i < json_array_size(v); i++)
		printf("  degraded %s\n", json_string_value(json_array_get(v, i)));
}

/* The event to read: --event, else $GITHUB_EVENT_PATH of a workflow_run run (unless --pr/--run-id). */
static int load_event(json_t **out, const struct repair_args *a)
{
	const char *path = a->event, *name = settings_get("GITHUB_EVENT_NAME");

	*out = NULL;
	if (!path && !a->pr && !a->run_id && name && !strcmp(name, "workflow_run"))
		path = settings_get("GITHUB_EVENT_PATH");
	if (!path) {
		if (!a->pr && !a->run_id)
			return err_set(ERR_USAGE, "give --pr N, --run-id ID or --event FILE (or run on a "
				       "workflow_run event, where GITHUB_EVENT_PATH names it)");
		return 0;
	}
	return jsonx_load_file(out, path, ALERT_FILE_MAX);
}

/*
 * The model: the environment's (unless --offline), recording its answers for
 * --plan-only; or the plan's (--apply), answering from its transcript, no server reached.
 */
static int choose_model(struct model_config *model, bool *have_model, const struct handoff_repair *plan,
			const struct repair_args *a)
{
	int error;

	*have_model = false;
	if (a->offline)
		return 0;
	if (a->plan_in) {
		if (!(*have_model = plan->model_url != NULL))
			return 0;
		handoff_replay_config(model, plan->model_url, plan->model_name, plan->prompt_tokens,
				      plan->transcript);
		return 0;
	}
	if ((error = model_config_from_env(model, have_model)) < 0)
		return error;
	if (*have_model && a->plan_out)
		model->record = json_array();
	return 0;
}

/* --apply: the plan's pull request and run, unless the command line names others (refused). */
static int plan_target(long long *pr, long long *run_id, const struct handoff_repair *plan)
{
	if ((*pr && *pr != plan->pr) || (*run_id && *run_id != plan->run_id))
		return err_set(ERR_USAGE, "--apply: the plan is for pull request #%lld, run %lld; drop --pr and "
			       "--run-id or give those", plan->pr, plan->run_id);
	*pr = plan->pr;
	*run_id = plan->run_id;
	return 0;
}

/* --plan-only: what the dry run read and concluded, and the model's answers. */
static int write_plan(const char *path, json_t *res, const struct model_config *model, bool have_model)
{
	struct handoff_repair plan = {0};
	int error;

	plan.pr = jsonx_int(res, "pull_request", 0);
	plan.run_id = jsonx_int(res, "run_id", 0);
	if (jsonx_str(res, "action") && !strcmp(jsonx_str(res, "action"), "skipped")) {
		fprintf(stderr, "aiops-agent: nothing to plan, no plan written: %s\n",
			jsonx_str(res, "reason") ? jsonx_str(res, "reason") : "skipped");
		return 0;
	}
	if (plan.pr <= 0 || plan.run_id <= 0)
		return err_set(ERR_INPUT, "nothing to plan: %s",
			       jsonx_str(res, "reason") ? jsonx_str(res, "reason") : "no pull request and run");
	if (have_model) {
		plan.model_url = model->base_url;
		plan.model_name = model->model;
		plan.prompt_tokens = (long)model->max_prompt_tokens;
	}
	plan.transcript = model->record;
	plan.planned = json_pack("{s:O?, s:O?, s:O?}", "action", json_object_get(res, "action"), "reason",
				 json_object_get(res, "reason"), "class", json_object_get(res, "class"));
	error = handoff_repair_write(path, &plan);
	json_decref(plan.planned);
	if (error == 0)
		fprintf(stderr, "aiops-agent: the repair plan is in %s: carry it out with 'aiops-agent repair "
			"--apply %s'\n", path, path);
	return error;
}

static int run(const struct repair_args *a)
{
	struct github_rest_opts rest = GITHUB_REST_OPTS_INIT;
	struct repair_opts o = {0};
	struct model_config model = MODEL_CONFIG_INIT;
	struct diagnose_engine engine = DIAGNOSE_ENGINE_INIT;
	struct handoff_repair plan = {0};
	bool have_model = false;
	struct github *gh = NULL;
	json_t *event = NULL, *res = NULL;
	const char *tmp = settings_get("TMPDIR");
	char *work = xasprintf("%s/aiops-repair-XXXXXX", tmp ? tmp : "/tmp");
	long long pr = 0, run_id = 0;
	char why[160];
	const char *skip;
	int error;

	if ((error = parse_number(&pr, a->pr, "--pr")) < 0 ||
	    (error = parse_number(&run_id, a->run_id, "--run-id")) < 0)
		goto done;
	if (a->plan_out && a->plan_in) {
		error = err_set(ERR_USAGE, "give --plan-only or --apply, not both");
		goto done;
	}
	if (a->plan_in && ((error = handoff_repair_read(&plan, a->plan_in)) < 0 ||
			   (error = plan_target(&pr, &run_id, &plan)) < 0))
		goto done;
	if (!a->plan_in && (error = load_event(&event, a)) < 0)
		goto done;
	if (event && (skip = repair_event_skip(event, why, sizeof(why)))) {
		printf("repair: skipped: %s\n", skip);
		goto done;
	}
	github_rest_opts_from_env(&rest);
	if (!mkdtemp(work)) {
		error = err_set(ERR_IO, "cannot create a work folder in '%s': %s", tmp ? tmp : "/tmp",
				strerror(errno));
		goto done;
	}
	if ((error = github_rest_new(&gh, &rest)) < 0 || (error = choose_model(&model, &have_model, &plan, a)) < 0 ||
	    (error = diagnose_engine_init(&engine, have_model ? &model : NULL)) < 0)
		goto done;
	engine.prompts_dir = a->prompts;
	actions_mask();
	o = (struct repair_opts){gh, (int)pr, run_id, event, a->policy, work,
				 settings_get("GITHUB_SERVER_URL"), starts_workflows(&rest), a->dry_run || a->plan_out,
				 &engine};
	error = repair_run(&res, &o);
	if (res && error >= 0 && a->plan_out && (error = write_plan(a->plan_out, res, &model, have_model)) < 0)
		json_array_append_new(json_object_get(res, "degraded"), json_string(err_last()));
	if (res) /* logs of hundreds of MB are streamed: this says it held */
		json_object_set_new(res, "peak_rss_kb", json_integer(sys_peak_rss_kb()));
	if (res)
		print_result(res, a->json);
	if (error == 0 && json_array_size(json_object_get(res, "degraded")))
		error = ERR_FAIL;
done:
	if (sys_is_dir(work))
		sys_discard_tree(work);
	free(work);
	diagnose_engine_release(&engine);
	json_decref(model.record);
	model_config_release(&model);
	handoff_repair_release(&plan);
	github_free(gh);
	json_decref(event);
	json_decref(res);
	return error < 0 ? cli_fail(error, "repair") : EXIT_DONE;
}

int cmd_repair_event(const char *event, bool dry_run, bool json)
{
	struct repair_args a = {NULL, NULL, event, NULL, NULL, NULL, NULL, dry_run, json, false};

	return run(&a);
}

int cmd_repair(int argc, char **argv)
{
	struct repair_args a = {0};
	const struct cli_opt opts[] = {
		{"pr", true, &a.pr, NULL},           {"run-id", true, &a.run_id, NULL},
		{"event", true, &a.event, NULL},     {"policy", true, &a.policy, NULL},
		{"dry-run", false, NULL, &a.dry_run}, {"json", false, NULL, &a.json},
		{"offline", false, NULL, &a.offline}, {"prompts", true, &a.prompts, NULL},
		{"plan-only", true, &a.plan_out, NULL}, {"apply", true, &a.plan_in, NULL},
	};
	const char **pos = NULL;
	size_t npos;
	bool help;
	int error;

	if ((error = cli_parse(&pos, &npos, &help, argc, argv, opts, ARRAY_SIZE(opts))) < 0)
		return cli_fail(error, "repair");
	free(pos);
	if (help) {
		fputs(usage, stdout);
		return EXIT_DONE;
	}
	if (npos) {
		err_set(ERR_USAGE, "repair takes no positional arguments");
		return cli_fail(ERR_USAGE, "repair");
	}
	return run(&a);
}
