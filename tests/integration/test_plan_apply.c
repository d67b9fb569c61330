/*
 * Plan, then apply (core/handoff.h), through the real binary, the GitHub double and the
 * model double:
 *   - `respond --plan-only` works against a GitHub that refuses every write (a read-only
 *     token) and writes nothing there;
 *   - `apply` with the model gone (its URL a closed port) carries the plan out: the
 *     model's answers come from the plan, the issue and the pull request are opened;
 *   - a plan meets other inputs: refused, exit 2, nothing written;
 *   - a plan whose answer was rewritten on its way is judged again like any model
 *     answer: it cannot move the incident to an infrastructure dispatch against the
 *     offline evidence, and the run says the conclusion moved.
 */
#include "common.h"
#include "harness.h"
#include "github_double.h"
#include "model_double.h"
#include "util/jsonx.h"
#include "util/sys.h"

#define TOKEN "ghs_planApplyToken0123456789abcdefABCDEF"
#define MODEL_TOKEN "tok_planapply_0123456789"
#define SCENARIO "scenario-1-oom-cache"

#define SCRUB HARNESS_SCRUB "AIOPS_GITHUB_TIMEOUT=5 AIOPS_ISSUE_WAIT_SECONDS=1 "

static const char notes[] =
	"{\"first_checks\": [\"Compare the heap graph with the last deploy.\"], \"prevention\": "
	"[\"Add a load test.\"], \"customer_impact\": \"Requests failed for ten minutes.\"}";
static const char use_candidate[] =
	"{\"decision\": \"use_candidate\", \"diff\": \"\", \"description\": \"The candidate undoes "
	"the change.\"}";

static int up(struct gh_double *d, bool read_only)
{
	char *dir = xasprintf("%s/incidents/%s", harness_root(), SCENARIO);
	const char *args[] = {"--scenario", dir, "--token", TOKEN, "--workflow", "infra-remediation.yml",
			      read_only ? "--deny" : NULL, "issues:write", "--deny", "pull_requests:write",
			      "--deny", "contents:write", "--deny", "actions:write", NULL};
	int error = gh_double_up(d, args);

	free(dir);
	return error;
}

/* `aiops-agent <command>` against the double; the result (--json) parsed into *res. */
static int agent(json_t **res, struct gh_double *d, const char *env, const char *command)
{
	struct buf out = BUF_INIT;
	int status;

	*res = NULL;
	status = harness_run(&out, SCRUB "GITHUB_API_URL='%s' GITHUB_SERVER_URL='%s' GITHUB_REPOSITORY='%s' "
			     "GITHUB_TOKEN='%s' %s '%s' %s --alert '%s/incidents/%s/alert.json' "
			     "--logs '%s/incidents/%s/logs.txt' --quiet --json 2>>'%s/stderr'",
			     d->url, d->url, d->repository, TOKEN, env, harness_bin(), command, harness_root(),
			     SCENARIO, harness_root(), SCENARIO, harness_tmpdir());
	if (jsonx_parse(res, out.ptr, out.len, "stdout") < 0)
		err_clear();
	buf_release(&out);
	return status;
}

/* Every request the double saw was a read. */
static bool only_reads(struct gh_double *d)
{
	json_t *reqs = gh_double_ctl(d, "GET", "requests", NULL), *r;
	bool ok = json_array_size(reqs) > 0;
	size_t i;

	json_array_foreach(reqs, i, r) {
		const char *method = jsonx_str(r, "method"), *kind = jsonx_str(r, "kind");

		if (kind && !strcmp(kind, "git") && strstr(jsonx_str(r, "path"), "receive-pack")) {
			fprintf(stderr, "    a push: %s\n", jsonx_str(r, "path"));
			ok = false;
		} else if (method && strcmp(method, "GET") && strcmp(method, "HEAD") &&
			   !(kind && !strcmp(kind, "git"))) {
			fprintf(stderr, "    a write: %s %s\n", method, jsonx_str(r, "path"));
			ok = false;
		}
	}
	json_decref(reqs);
	return ok;
}

static size_t count_of(struct gh_double *d, const char *what)
{
	json_t *state = gh_double_state(d);
	size_t n = json_array_size(json_object_get(state, what));

	json_decref(state);
	return n;
}

/* Plan with the model double against a read-only GitHub; the plan's path (new string). */
static char *make_plan(const char *diagnosis)
{
	char *plan = sys_path_join(harness_tmpdir(), "plan/plan.json"), *env, *url, *command;
	struct model_double md = {0};
	struct gh_double d;
	json_t *res;
	int status;

	md.answer[MD_DIAGNOSIS][0] = diagnosis;
	md.answer[MD_REMEDIATION][0] = use_candidate;
	md.answer[MD_NOTES][0] = notes;
	if (md_start(&md) < 0 || up(&d, true) < 0) {
		free(plan);
		return NULL;
	}
	url = md_url(&md);
	env = xasprintf("AIOPS_MODEL_URL='%s' AIOPS_MODEL=test-model AIOPS_MODEL_TOKEN=" MODEL_TOKEN, url);
	command = xasprintf("respond --out '%s/out-plan' --plan-only '%s'", harness_tmpdir(), plan);
	status = agent(&res, &d, env, command);
	free(command);
	if (status != 0 || !res || strcmp(jsonx_str(res, "engine"), "model") || !only_reads(&d) ||
	    md.counts[MD_DIAGNOSIS] != 1 || !sys_is_file(plan)) {
		fprintf(stderr, "    plan: exit %d, engine %s, %zu diagnosis calls\n", status,
			res ? jsonx_str(res, "engine") : "(no result)", md.counts[MD_DIAGNOSIS]);
		free(plan);
		plan = NULL;
	}
	json_decref(res);
	gh_double_down(&d);
	md_stop(&md);
	free(env);
	free(url);
	return plan;
}

/* A closed loopback port: what a model that is gone answers. */
#define GONE "AIOPS_MODEL_URL=http://127.0.0.1:9/v1 AIOPS_MODEL=test-model AIOPS_MODEL_TOKEN=" MODEL_TOKEN

TEST(plan_apply, plan_reads_only_and_apply_needs_no_model)
{
	char *dir = xasprintf("incidents/%s", SCENARIO), *diagnosis = md_scenario_diagnosis(dir, "high");
	char *plan = NULL, *command;
	struct gh_double d;
	json_t *res = NULL;

	ASSERT((plan = make_plan(diagnosis)) != NULL);
	ASSERT_OK(up(&d, false));
	command = xasprintf("apply '%s' --out '%s/out-apply'", plan, harness_tmpdir());
	ASSERT_INT_EQ(agent(&res, &d, GONE, command), 0);
	ASSERT_STR_EQ(jsonx_str(res, "engine"), "model");
	ASSERT_CONTAINS(jsonx_str(res, "model"), "replayed from the plan");
	ASSERT_STR_EQ(jsonx_str(res, "summary"), "The scripted diagnosis of the test double.");
	ASSERT_INT_EQ(json_array_size(json_object_get(res, "degraded")), 0);
	ASSERT_INT_EQ(count_of(&d, "issues"), 1);
	ASSERT_INT_EQ(count_of(&d, "pulls") > 0, 1);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	gh_double_down(&d);
	json_decref(res);
	free(command);
	free(plan);
	free(dir);
	free(diagnosis);
}

TEST(plan_apply, a_plan_for_other_inputs_is_refused)
{
	char *dir = xasprintf("incidents/%s", SCENARIO), *diagnosis = md_scenario_diagnosis(dir, "high");
	char *plan = NULL, *command;
	struct gh_double d;
	json_t *res = NULL, *doc = NULL;

	ASSERT((plan = make_plan(diagnosis)) != NULL);
	ASSERT_OK(jsonx_load_file(&doc, plan, 1 << 24));
	json_object_set_new(json_object_get(doc, "inputs"), "alert",
			    json_string("0000000000000000000000000000000000000000000000000000000000000000"));
	ASSERT_OK(jsonx_write_file(plan, doc));
	ASSERT_OK(up(&d, false));
	command = xasprintf("apply '%s' --out '%s/out-apply'", plan, harness_tmpdir());
	ASSERT_INT_EQ(agent(&res, &d, "", command), 2);
	ASSERT_INT_EQ(count_of(&d, "issues"), 0);
	ASSERT_INT_EQ(count_of(&d, "pulls"), 0);
	gh_double_down(&d);
	json_decref(res);
	json_decref(doc);
	free(command);
	free(plan);
	free(dir);
	free(diagnosis);
}

/* The recorded diagnosis answer rewritten into an infrastructure action. */
static void hijack(json_t *doc)
{
	json_t *t = json_object_get(doc, "transcript"), *e;
	size_t i;

	json_array_foreach(t, i, e) {
		json_t *answer = json_object_get(e, "answer");

		if (strcmp(jsonx_str(e, "schema"), "diagnosis"))
			continue;
		json_object_set_new(answer, "category", json_string("infrastructure"));
		json_object_set_new(answer, "blame_pr", json_null());
		json_object_set_new(answer, "remediation_type", json_string("infrastructure_action"));
		json_object_set_new(answer, "action", json_string("restart-and-scale-out"));
	}
}

/* The result says the conclusion moved since the plan. */
static bool moved(json_t *res)
{
	json_t *list = json_object_get(res, "degraded");

	for (size_t i = 0; i < json_array_size(list); i++)
		if (strstr(json_string_value(json_array_get(list, i)), "moved since the plan"))
			return true;
	return false;
}

TEST(plan_apply, a_rewritten_answer_is_judged_again)
{
	char *dir = xasprintf("incidents/%s", SCENARIO), *diagnosis = md_scenario_diagnosis(dir, "high");
	char *plan = NULL, *command;
	struct gh_double d;
	json_t *res = NULL, *doc = NULL;
	int status;

	ASSERT((plan = make_plan(diagnosis)) != NULL);
	ASSERT_OK(jsonx_load_file(&doc, plan, 1 << 24));
	hijack(doc);
	ASSERT_OK(jsonx_write_file(plan, doc));
	ASSERT_OK(up(&d, false));
	command = xasprintf("apply '%s' --out '%s/out-apply'", plan, harness_tmpdir());
	status = agent(&res, &d, GONE, command);
	if (status != 1 && status != 4)
		fprintf(stderr, "    exit %d\n", status);
	ASSERT(status == 1 || status == 4);
	ASSERT(res != NULL);
	ASSERT_INT_EQ(count_of(&d, "dispatches"), 0);
	ASSERT(strcmp(jsonx_str(res, "remediation_type"), "infrastructure_action") != 0);
	ASSERT(moved(res));
	gh_double_down(&d);
	json_decref(res);
	json_decref(doc);
	free(command);
	free(plan);
	free(dir);
	free(diagnosis);
}
