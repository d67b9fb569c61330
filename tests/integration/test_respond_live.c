/*
 * `respond` against live GitHub, end to end: the real binary (not --offline) against the
 * Node.js GitHub double (tests/doubles/github/server.js), which checks every request
 * against GitHub's OpenAPI description, serves real git smart-HTTP, and injects faults.
 *
 * Each test starts its own double on loopback and stops it. The agent runs with the
 * offline engine (--engine offline: a GITHUB_TOKEN would otherwise make GitHub Models
 * the engine, beyond loopback), no backoff waits (AIOPS_HTTP_BACKOFF_SCALE=0) and the
 * environment of an Actions job scrubbed, so nothing but the double is reached.
 */
#include "common.h"
#include "harness.h"
#include "github_double.h"
#include "util/jsonx.h"
#include "core/kb.h"
#include "util/sys.h"

#include <unistd.h>

#define TOKEN "ghs_respondLiveToken0123456789abcdefABCD"
#define S1 "scenario-1-oom-cache"
#define S2 "scenario-2-500-schema-drift"

/* Variables of a GitHub Actions job that must not leak into the runs under test. */
#define SCRUB HARNESS_SCRUB "AIOPS_GITHUB_TIMEOUT=5 AIOPS_ISSUE_WAIT_SECONDS=1 "

static const char *const scenarios[] = {
	"scenario-1-oom-cache",          "scenario-2-500-schema-drift",
	"scenario-3-n-plus-one-timeout", "scenario-4-xsuaa-auth",
	"scenario-5-cap-deep-expand",    "scenario-6-k8s-pod-crashloop",
	"scenario-7-tls-cert-expiry",    "scenario-8-dns-network-policy",
	"azure-monitor-http5xx",         "azure-monitor-sql-pool",
};

/* How a run reaches the double; NULL fields take the defaults. */
struct how {
	const char *api;    /* GITHUB_API_URL (default: the double's URL) */
	bool no_server;     /* leave GITHUB_SERVER_URL unset (derived from the API URL) */
	const char *auth;   /* instead of GITHUB_TOKEN=<TOKEN> */
	const char *env;    /* more assignments ("A=1 B=2") */
};

struct agent {
	int status;
	json_t *res;        /* stdout parsed, or NULL */
	struct buf out, err;
};

static void agent_release(struct agent *a)
{
	json_decref(a->res);
	buf_release(&a->out);
	buf_release(&a->err);
	memset(a, 0, sizeof(*a));
}

/* Run `respond <args>` against the double; stdout is the result (--json). */
static void agent_run(struct agent *a, struct gh_double *d, const struct how *how, const char *out,
		      const char *args)
{
	static int n;
	char *errfile = xasprintf("%s/stderr-%d", harness_tmpdir(), ++n);
	char *tokenenv = xasprintf("GITHUB_TOKEN='%s'", TOKEN);

	memset(a, 0, sizeof(*a));
	a->out = (struct buf)BUF_INIT;
	a->err = (struct buf)BUF_INIT;
	a->status = harness_run(&a->out, SCRUB "GITHUB_API_URL='%s' %s%s%s GITHUB_REPOSITORY='%s' %s %s "
				"'%s' respond --engine offline --quiet --json --out '%s' %s 2>'%s'",
				how && how->api ? how->api : d->url, how && how->no_server ? "" : "GITHUB_SERVER_URL='",
				how && how->no_server ? "" : d->url, how && how->no_server ? "" : "'",
				d->repository, how && how->auth ? how->auth : tokenenv,
				how && how->env ? how->env : "", harness_bin(), out, args, errfile);
	sys_read_file(&a->err, errfile, 1 << 20);
	err_clear();
	if (jsonx_parse(&a->res, a->out.ptr, a->out.len, "the result") < 0 && a->status <= 1) {
		fprintf(stderr, "    stdout: %.2000s\n    stderr: %.2000s\n", a->out.ptr, a->err.ptr);
		err_clear();
	}
	free(errfile);
	free(tokenenv);
}

/* --alert/--logs of a scenario. */
static char *alert_args(const char *scenario)
{
	return xasprintf("--alert '%s/incidents/%s/alert.json' --logs '%s/incidents/%s/logs.txt'",
			 harness_root(), scenario, harness_root(), scenario);
}

static int up(struct gh_double *d, const char *scenario, const char *extra1, const char *extra2)
{
	char *dir = xasprintf("%s/incidents/%s", harness_root(), scenario);
	const char *args[] = {"--scenario", dir, "--token", TOKEN, "--workflow", "infra-remediation.yml",
			      extra1, extra2, NULL};
	int error = gh_double_up(d, args);

	free(dir);
	return error;
}

/* A file of the double's repository at `rev`, by git itself; NULL when absent. */
static char *repo_file(struct gh_double *d, const char *rev, const char *path)
{
	struct buf out = BUF_INIT;
	int status = harness_run(&out, "git --git-dir='%s/repos/%s.git' show '%s:%s' 2>/dev/null",
				 jsonx_str(d->info, "workdir"), d->repository, rev, path);

	if (status != 0) {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static bool has_label(json_t *labels, const char *name)
{
	size_t i;
	json_t *l;

	json_array_foreach(labels, i, l)
		if (json_is_string(l) ? !strcmp(json_string_value(l), name)
				      : jsonx_str(l, "name") && !strcmp(jsonx_str(l, "name"), name))
			return true;
	return false;
}

static json_t *by_number(json_t *list, long long number)
{
	size_t i;
	json_t *e;

	json_array_foreach(list, i, e)
		if (jsonx_int(e, "number", 0) == number)
			return e;
	return NULL;
}

/* How many elements of `list` have `field` equal to `value`. */
static size_t count_eq(json_t *list, const char *field, const char *value)
{
	size_t i, n = 0;
	json_t *e;

	json_array_foreach(list, i, e)
		if (jsonx_str(e, field) && !strcmp(jsonx_str(e, field), value))
			n++;
	return n;
}

/*
 * What a complete run leaves on GitHub for the incident of result `res`: the issue
 * (labels, fingerprint), the fix branch and its pull request, the dispatch and its
 * comment, the knowledge-base entry on the default branch. Returns false (and says why)
 * when something is missing.
 */
static bool complete_on_github(struct gh_double *d, json_t *res)
{
	json_t *state = gh_double_state(d), *issue, *pull, *issues, *pulls, *branches;
	const char *id = jsonx_str(res, "incident_id"), *fp = jsonx_str(res, "fingerprint");
	const char *branch = jsonx_str(res, "branch"), *kb_commit = jsonx_str(res, "knowledge_commit");
	char *marker = xasprintf("<!-- aiops-fingerprint: %s -->", fp), *severity, *heading, *kb = NULL;
	char *issue_ref = NULL;
	bool ok = false;

	severity = xasprintf("severity:%s", jsonx_str(res, "severity"));
	heading = xasprintf("## %s:", id);
	issues = json_object_get(state, "issues");
	pulls = json_object_get(state, "pulls");
	branches = json_object_get(state, "branches");
#define CHECK(cond, ...)                                                                           \
	do {                                                                                        \
		if (!(cond)) {                                                                      \
			fprintf(stderr, "    %s: ", id);                                            \
			fprintf(stderr, __VA_ARGS__);                                               \
			fputc('\n', stderr);                                                        \
			goto done;                                                                  \
		}                                                                                   \
	} while (0)
	issue = by_number(issues, jsonx_int(res, "issue.number", 0));
	CHECK(issue, "no issue #%lld on the double", jsonx_int(res, "issue.number", 0));
	CHECK(strstr(jsonx_str(issue, "body"), marker), "the issue lacks the fingerprint marker");
	CHECK(has_label(json_object_get(issue, "labels"), "incident") &&
		      has_label(json_object_get(issue, "labels"), "aiops-generated") &&
		      has_label(json_object_get(issue, "labels"), severity),
	      "the issue lacks a label (incident, aiops-generated, %s)", severity);
	issue_ref = xasprintf("#%lld", jsonx_int(issue, "number", 0));
	if (branch) {
		CHECK(jsonx_str(branches, branch) && !strcmp(jsonx_str(branches, branch), jsonx_str(res, "commit")),
		      "branch '%s' is not at the result's commit", branch);
		pull = by_number(pulls, jsonx_int(res, "pull_request.number", 0));
		CHECK(pull, "no pull request #%lld", jsonx_int(res, "pull_request.number", 0));
		CHECK(!strcmp(jsonx_str(pull, "head"), branch) && !strcmp(jsonx_str(pull, "base"), "main"),
		      "the pull request is not %s -> main", branch);
		CHECK(has_label(json_object_get(pull, "labels"), "aiops-generated"), "the pull request lacks its label");
		CHECK(strstr(jsonx_str(pull, "body"), issue_ref), "the pull request does not link %s", issue_ref);
		CHECK(count_eq(pulls, "head", branch) == 1, "not one pull request from %s", branch);
	} else {
		CHECK(json_is_null(json_object_get(res, "pull_request")), "a pull request without a branch");
	}
	if (json_is_object(json_object_get(res, "dispatch"))) {
		const char *url = jsonx_str(res, "published.dispatch.url");
		json_t *comments = json_object_get(state, "comments"), *c;
		bool linked = false;
		size_t i;

		CHECK(count_eq(json_object_get(state, "dispatches"), "workflow", "infra-remediation.yml") >= 1,
		      "no dispatch of infra-remediation.yml");
		json_array_foreach(comments, i, c)
			linked |= url && jsonx_str(c, "body") && strstr(jsonx_str(c, "body"), url) != NULL;
		CHECK(linked, "no comment links the dispatched run %s", url ? url : "(none)");
	}
	CHECK(kb_commit && jsonx_str(branches, "main") && !strcmp(jsonx_str(branches, "main"), kb_commit),
	      "main is not at the knowledge commit");
	kb = repo_file(d, "main", "knowledge-base/incidents.md");
	CHECK(kb && count_of(kb, heading) == 1 && count_of(kb, fp) == 1,
	      "knowledge-base/incidents.md on main does not hold the entry once");
	free(kb);
	kb = repo_file(d, "main", jsonx_str(res, "artifacts.runbook"));
	CHECK(kb && *kb, "the runbook is not on main");
	ok = true;
#undef CHECK
done:
	json_decref(state);
	free(marker);
	free(severity);
	free(heading);
	free(kb);
	free(issue_ref);
	return ok;
}

/* The token reached nothing the agent wrote. */
static bool no_token(const struct agent *a, const char *out_dir)
{
	struct buf text = BUF_INIT;
	char *path = xasprintf("%s/%s/result.json", out_dir, jsonx_str(a->res, "incident_id"));
	bool ok = !strstr(a->out.ptr, TOKEN) && !strstr(a->err.ptr, TOKEN);

	if (sys_read_file(&text, path, ALERT_FILE_MAX) == 0)
		ok &= !strstr(text.ptr, TOKEN);
	err_clear();
	buf_release(&text);
	free(path);
	return ok;
}

/* ---- the ten scenarios ----------------------------------------------------------- */

static void live_one(void *ctx)
{
	const char *scenario = ctx;
	char *expected_path = xasprintf("incidents/%s/expected.json", scenario);
	char *out = sys_path_join(harness_tmpdir(), "out"), *args = alert_args(scenario);
	json_t *expected = NULL;
	struct gh_double d;
	struct agent a;

	ASSERT_OK(jsonx_load_file(&expected, expected_path, ALERT_FILE_MAX));
	ASSERT_OK(up(&d, scenario, NULL, NULL));
	agent_run(&a, &d, NULL, out, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT(a.res != NULL);
	ASSERT_STR_EQ(jsonx_str(a.res, "github"), "rest");
	ASSERT_STR_EQ(jsonx_str(a.res, "category"), jsonx_str(expected, "category"));
	ASSERT_STR_EQ(jsonx_str(a.res, "remediation_type"), jsonx_str(expected, "remediation_type"));
	ASSERT_INT_EQ(jsonx_int(a.res, "blame_pr", 0), jsonx_int(expected, "blame_pr", 0));
	ASSERT_INT_EQ(json_array_size(json_object_get(a.res, "degraded")), 0);
	ASSERT(json_is_true(json_object_get(json_object_get(a.res, "published"), "complete")));
	ASSERT(complete_on_github(&d, a.res));
	ASSERT(no_token(&a, out));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	agent_release(&a);
	gh_double_down(&d);
	json_decref(expected);
	free(expected_path);
	free(out);
	free(args);
}

__attribute__((constructor)) static void register_scenarios(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(scenarios); i++)
		harness_register_ctx("respond_live", xstrdup(scenarios[i]), live_one, xstrdup(scenarios[i]));
}

/* ---- idempotency ----------------------------------------------------------------- */

static size_t comments_with(json_t *state, const char *needle)
{
	json_t *c;
	size_t i, n = 0;

	json_array_foreach(json_object_get(state, "comments"), i, c)
		n += jsonx_str(c, "body") && strstr(jsonx_str(c, "body"), needle) ? 1 : 0;
	return n;
}

TEST(respond_live, rerun_comments_once_and_keeps_one_pull_request)
{
	const char *const which[] = {S1, "scenario-7-tls-cert-expiry"};

	for (size_t k = 0; k < ARRAY_SIZE(which); k++) {
		char *args = alert_args(which[k]);
		char *o1 = xasprintf("%s/out-%zu-1", harness_tmpdir(), k), *o2 = xasprintf("%s/out-%zu-2", harness_tmpdir(), k);
		struct gh_double d;
		struct agent a, b;
		json_t *state;
		char *kb;

		ASSERT_OK(up(&d, which[k], NULL, NULL));
		agent_run(&a, &d, NULL, o1, args);
		ASSERT_INT_EQ(a.status, 0);
		agent_run(&b, &d, NULL, o2, args);
		ASSERT_INT_EQ(b.status, 0);
		ASSERT_INT_EQ(jsonx_int(b.res, "issue.number", 0), jsonx_int(a.res, "issue.number", 0));
		ASSERT(json_is_true(json_object_get(json_object_get(json_object_get(b.res, "published"), "issue"), "existed")));
		ASSERT(!json_is_true(json_object_get(json_object_get(json_object_get(b.res, "published"), "knowledge_base"), "appended")));
		state = gh_double_state(&d);
		ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 1);
		ASSERT_INT_EQ(comments_with(state, "Recurred at"), 1);
		if (jsonx_str(a.res, "branch")) {
			ASSERT_INT_EQ(json_array_size(json_object_get(state, "pulls")), 1);
			ASSERT_INT_EQ(jsonx_int(b.res, "pull_request.number", 0), jsonx_int(a.res, "pull_request.number", 0));
			ASSERT(json_is_true(json_object_get(json_object_get(json_object_get(b.res, "published"), "fix_branch"), "existed")));
			ASSERT_STR_EQ(jsonx_str(b.res, "commit"), jsonx_str(a.res, "commit"));
		} else {
			ASSERT_INT_EQ(json_array_size(json_object_get(state, "pulls")), 0);
		}
		kb = repo_file(&d, "main", "knowledge-base/incidents.md");
		ASSERT(kb != NULL);
		ASSERT_INT_EQ(count_of(kb, jsonx_str(a.res, "fingerprint")), 1);
		ASSERT(complete_on_github(&d, b.res));
		ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
		free(kb);
		json_decref(state);
		agent_release(&a);
		agent_release(&b);
		gh_double_down(&d);
		free(args);
		free(o1);
		free(o2);
	}
}

/* ---- faults ---------------------------------------------------------------------- */

static int fault(struct gh_double *d, const char *json)
{
	json_t *f = gh_double_ctl(d, "POST", "faults", json);

	if (!f)
		return err_set(ERR_FAIL, "cannot inject %s", json);
	json_decref(f);
	return 0;
}

/* Every injected fault was hit as often as it was meant to be. */
static bool faults_spent(struct gh_double *d)
{
	json_t *list = gh_double_ctl(d, "GET", "faults", NULL), *f;
	bool ok = list != NULL;
	size_t i;

	json_array_foreach(list, i, f)
		if (jsonx_int(f, "remaining", 0) != 0) {
			fprintf(stderr, "    fault %s on %s was not hit (%lld left)\n", jsonx_str(f, "kind"),
				jsonx_str(f, "match"), jsonx_int(f, "remaining", 0));
			ok = false;
		}
	json_decref(list);
	return ok;
}

TEST(respond_live, faults_end_in_success_after_retries)
{
	char *args = alert_args(S1), *out = sys_path_join(harness_tmpdir(), "out");
	struct how how = {NULL, false, NULL, "AIOPS_GITHUB_TIMEOUT=1"};
	struct gh_double d;
	struct agent a;

	ASSERT_OK(up(&d, S1, NULL, NULL));
	/* each fewer times than the 4 attempts, on a read or a write */
	ASSERT_OK(fault(&d, "{\"kind\":\"500\",\"match\":\"/pulls?state=closed\",\"count\":1}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"502\",\"match\":\"/git/trees/\",\"count\":2}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"429\",\"match\":\"/contents/\",\"count\":2,\"retry_after\":1}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"slow\",\"match\":\"/pulls/214\",\"count\":1,\"delay_ms\":2500}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"truncated\",\"match\":\"/pulls?state=open\",\"count\":1}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"403-secondary\",\"match\":\"/issues\",\"method\":\"POST\",\"count\":1,"
			    "\"retry_after\":1}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"reset\",\"match\":\"/pulls\",\"method\":\"POST\",\"count\":2}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"403-ratelimit\",\"match\":\"/labels\",\"count\":1,\"retry_after\":1}"));
	agent_run(&a, &d, &how, out, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT(faults_spent(&d));
	ASSERT(complete_on_github(&d, a.res));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	agent_release(&a);
	gh_double_down(&d);
	free(args);
	free(out);
}

/*
 * A fault that outlasts the retries: exit 3, the result written and listing what was
 * created (and that it is on the double), then a re-run without the fault completes.
 */
struct hard_fault {
	const char *name;
	const char *scenario;
	const char *fault;
	const char *failed_step;   /* the "degraded" entry's step */
	bool fix_before;           /* the fix branch was pushed before the failure */
	bool kb_before;            /* the knowledge base was committed before */
	bool issue_before;         /* the issue was opened before */
};

static const struct hard_fault hard_faults[] = {
	{"502_on_issue_create", S2, "{\"kind\":\"502\",\"match\":\"/issues\",\"method\":\"POST\",\"count\":100}", "issue", true, true, false},
	{"reset_on_git_push", S2, "{\"kind\":\"reset\",\"match\":\"git-receive-pack\",\"count\":100}", "fix branch", false, false, false},
	{"500_on_git_fetch", S1, "{\"kind\":\"500\",\"match\":\"git-upload-pack\",\"count\":100}", "git", false, false, false},
	{"429_on_pull_request_create", S1, "{\"kind\":\"429\",\"match\":\"/pulls\",\"method\":\"POST\",\"count\":100,\"retry_after\":1}",
	 "pull request", true, true, true},
	{"403_secondary_rate_limit_on_dispatch", "scenario-6-k8s-pod-crashloop", "{\"kind\":\"403-secondary\",\"match\":\"/dispatches\",\"count\":100,"
	 "\"retry_after\":1}", "workflow dispatch", true, true, true}, /* the HPA change is on its branch */
};

static void hard_fault_one(void *ctx)
{
	const struct hard_fault *h = ctx;
	char *args = alert_args(h->scenario);
	char *o1 = sys_path_join(harness_tmpdir(), "out-1"), *o2 = sys_path_join(harness_tmpdir(), "out-2");
	char *step = xasprintf("%s: ", h->failed_step), *path;
	struct gh_double d;
	struct agent a, b;
	json_t *pub, *state, *written = NULL;

	ASSERT_OK(up(&d, h->scenario, NULL, NULL));
	ASSERT_OK(fault(&d, h->fault));
	agent_run(&a, &d, NULL, o1, args);
	ASSERT_INT_EQ(a.status, 3);
	ASSERT(a.res != NULL);
	ASSERT_CONTAINS(a.err.ptr, "GitHub could not be reached");
	/* the result is on disk too, and says what stopped */
	path = xasprintf("%s/%s/result.json", o1, jsonx_str(a.res, "incident_id"));
	ASSERT_OK(jsonx_load_file(&written, path, ALERT_FILE_MAX));
	free(path);
	ASSERT(json_equal(written, a.res));
	json_decref(written);
	ASSERT(!strncmp(json_string_value(json_array_get(json_object_get(a.res, "degraded"), 0)), step,
			strlen(step)));
	pub = json_object_get(a.res, "published");
	ASSERT(json_is_false(json_object_get(pub, "complete")));
	/* what it lists is what GitHub has, and nothing else */
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_is_object(json_object_get(pub, "fix_branch")), h->fix_before);
	if (h->fix_before)
		ASSERT_STR_EQ(jsonx_str(json_object_get(state, "branches"), jsonx_str(a.res, "branch")),
			      jsonx_str(a.res, "commit"));
	ASSERT_INT_EQ(json_is_object(json_object_get(pub, "knowledge_base")), h->kb_before);
	ASSERT_INT_EQ(json_object_size(json_object_get(state, "branches")), 1 + (h->fix_before ? 1 : 0));
	ASSERT_INT_EQ(json_is_object(json_object_get(pub, "issue")), h->issue_before);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), h->issue_before ? 1 : 0);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "pulls")),
		      json_is_object(json_object_get(pub, "pull_request")) ? 1 : 0);
	json_decref(state);
	/* the re-run finds it all and completes */
	json_decref(gh_double_ctl(&d, "DELETE", "faults", NULL));
	agent_run(&b, &d, NULL, o2, args);
	ASSERT_INT_EQ(b.status, 0);
	ASSERT(complete_on_github(&d, b.res));
	if (h->kb_before)
		ASSERT(!json_is_true(json_object_get(json_object_get(json_object_get(b.res, "published"),
								     "knowledge_base"), "appended")));
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 1);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "pulls")), jsonx_str(b.res, "branch") ? 1 : 0);
	json_decref(state);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	agent_release(&a);
	agent_release(&b);
	gh_double_down(&d);
	free(args);
	free(o1);
	free(o2);
	free(step);
}

__attribute__((constructor)) static void register_hard_faults(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(hard_faults); i++) {
		char *name = xasprintf("exit_3_then_rerun_completes__%s", hard_faults[i].name);

		harness_register_ctx("respond_live", name, hard_fault_one,
				     memcpy(xmalloc(sizeof(hard_faults[i])), &hard_faults[i], sizeof(hard_faults[i])));
	}
}

/* GitHub too slow while the evidence is read: exit 3 before anything is written anywhere. */
TEST(respond_live, slow_reads_exit_3_with_nothing_written)
{
	char *args = alert_args(S1), *o1 = sys_path_join(harness_tmpdir(), "out-1");
	char *o2 = sys_path_join(harness_tmpdir(), "out-2");
	struct how how = {NULL, false, NULL, "AIOPS_GITHUB_TIMEOUT=1 AIOPS_GITHUB_ATTEMPTS=2"};
	struct gh_double d;
	struct agent a, b;
	json_t *state;

	ASSERT_OK(up(&d, S1, NULL, NULL));
	ASSERT_OK(fault(&d, "{\"kind\":\"slow\",\"match\":\"/git/trees/\",\"count\":100,\"delay_ms\":1500}"));
	agent_run(&a, &d, &how, o1, args);
	ASSERT_INT_EQ(a.status, 3);
	ASSERT(a.res == NULL);
	ASSERT_CONTAINS(a.err.ptr, "/git/trees/main");
	ASSERT(!sys_is_dir(o1) || rmdir(o1) == 0); /* nothing inside */
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 0);
	ASSERT_INT_EQ(json_object_size(json_object_get(state, "branches")), 1);
	json_decref(state);
	json_decref(gh_double_ctl(&d, "DELETE", "faults", NULL));
	agent_run(&b, &d, &how, o2, args);
	ASSERT_INT_EQ(b.status, 0);
	ASSERT(complete_on_github(&d, b.res));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	agent_release(&a);
	agent_release(&b);
	gh_double_down(&d);
	free(args);
	free(o1);
	free(o2);
}

/* The fingerprint `adapt` computes for a scenario's alert; a new string. */
static char *fingerprint_of(const char *scenario)
{
	struct buf out = BUF_INIT;
	json_t *v = NULL;
	char *fp = NULL;

	if (harness_run(&out, "'%s' adapt auto '%s/incidents/%s/alert.json'", harness_bin(), harness_root(),
			scenario) == 0 &&
	    jsonx_parse(&v, out.ptr, out.len, "adapt") == 0 && jsonx_str(v, "fingerprint"))
		fp = xstrdup(jsonx_str(v, "fingerprint"));
	err_clear();
	json_decref(v);
	buf_release(&out);
	return fp;
}

/*
 * Outsiders open issues that carry the incident's marker: one labelled as ours with the
 * marker as its first line, one with the marker further down. Neither is taken: the run
 * opens its own issue, comments on none of theirs, and its pull request closes its own.
 */
TEST(respond_live, issues_we_did_not_open_are_never_taken_as_ours)
{
	char *args = alert_args(S2), *out = sys_path_join(harness_tmpdir(), "out");
	char *fp = fingerprint_of(S2), *seed1, *seed2;
	struct gh_double d;
	struct agent a;
	json_t *state, *ours, *c;
	long long number;
	size_t i;

	ASSERT(fp != NULL);
	ASSERT_OK(up(&d, S2, NULL, NULL));
	seed1 = xasprintf("{\"title\":\"checkout broken\",\"user\":\"mallory\",\"labels\":[\"aiops-generated\"],"
			  "\"body\":\"<!-- aiops-fingerprint: %s -->\\nsee my fix\"}", fp);
	seed2 = xasprintf("{\"title\":\"question\",\"user\":\"mallory\",\"body\":\"hi <!-- aiops-fingerprint: %s -->\"}",
			  fp);
	json_decref(gh_double_ctl(&d, "POST", "issues", seed1));
	json_decref(gh_double_ctl(&d, "POST", "issues", seed2));
	agent_run(&a, &d, NULL, out, args);
	ASSERT_INT_EQ(a.status, 0);
	number = jsonx_int(a.res, "issue.number", 0);
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 3);
	ours = by_number(json_object_get(state, "issues"), number);
	ASSERT(ours != NULL);
	ASSERT_STR_EQ(jsonx_str(ours, "user"), "github-actions[bot]");
	json_array_foreach(json_object_get(state, "comments"), i, c)
		ASSERT_INT_EQ(jsonx_int(c, "issue", 0), number);
	json_array_foreach(json_object_get(state, "pulls"), i, c) {
		char *closes = xasprintf("Closes #%lld", number);

		ASSERT_CONTAINS(jsonx_str(c, "body"), closes);
		free(closes);
	}
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	agent_release(&a);
	gh_double_down(&d);
	free(seed1);
	free(seed2);
	free(fp);
	free(args);
	free(out);
}

/* The scenario's Azure alert, resolved at `when`, written to a file; its path. */
static char *resolved_alert(const char *scenario, const char *when)
{
	char *src = xasprintf("%s/incidents/%s/alert.json", harness_root(), scenario);
	char *dst = xasprintf("%s/resolved-%s.json", harness_tmpdir(), scenario);
	json_t *a = NULL, *ess;

	if (jsonx_load_file(&a, src, 1 << 20) < 0 || !(ess = json_object_get(json_object_get(a, "data"), "essentials")) ||
	    json_object_set_new(ess, "monitorCondition", json_string("Resolved")) < 0 ||
	    json_object_set_new(ess, "resolvedDateTime", json_string(when)) < 0 || jsonx_write_file(dst, a) < 0)
		xdie("cannot write the resolved alert: %s", err_last());
	json_decref(a);
	free(src);
	return dst;
}

/*
 * A firing alert opens the issue; the same alert resolved comments when and after how
 * long, labels it resolved and closes it, with no commit, pull request or dispatch; a
 * second resolution finds no open issue and does nothing.
 */
TEST(respond_live, a_resolved_alert_closes_its_issue_and_changes_nothing_else)
{
	const char *sc = "azure-monitor-http5xx";
	char *fire = alert_args(sc), *res = resolved_alert(sc, "2026-05-19T11:13:20Z");
	char *args = xasprintf("--alert '%s' --logs '%s/incidents/%s/logs.txt'", res, harness_root(), sc);
	char *o1 = sys_path_join(harness_tmpdir(), "o1"), *o2 = sys_path_join(harness_tmpdir(), "o2");
	char *o3 = sys_path_join(harness_tmpdir(), "o3");
	struct gh_double d;
	struct agent a, b, c;
	json_t *before, *after, *issue;

	ASSERT_OK(up(&d, sc, NULL, NULL));
	agent_run(&a, &d, NULL, o1, fire);
	ASSERT_INT_EQ(a.status, 0);
	before = gh_double_state(&d);
	agent_run(&b, &d, NULL, o2, args);
	ASSERT_INT_EQ(b.status, 0);
	ASSERT_INT_EQ(jsonx_int(b.res, "issue.number", 0), jsonx_int(a.res, "issue.number", 0));
	ASSERT_STR_EQ(jsonx_str(b.res, "action"), "commented the resolution and closed the issue");
	after = gh_double_state(&d);
	issue = by_number(json_object_get(after, "issues"), jsonx_int(a.res, "issue.number", 0));
	ASSERT_STR_EQ(jsonx_str(issue, "state"), "closed");
	ASSERT(has_label(json_object_get(issue, "labels"), "resolved"));
	ASSERT_INT_EQ(comments_with(after, "Resolved at 2026-05-19T11:13:20Z"), 1);
	ASSERT_INT_EQ(comments_with(after, "1 h 30 min after it fired"), 1);
	/* nothing else moved: branches, pull requests, dispatches */
	ASSERT(json_equal(json_object_get(before, "branches"), json_object_get(after, "branches")));
	ASSERT_INT_EQ(json_array_size(json_object_get(after, "pulls")), json_array_size(json_object_get(before, "pulls")));
	ASSERT_INT_EQ(json_array_size(json_object_get(after, "dispatches")),
		      json_array_size(json_object_get(before, "dispatches")));
	agent_run(&c, &d, NULL, o3, args);
	ASSERT_INT_EQ(c.status, 0);
	ASSERT_CONTAINS(jsonx_str(c.res, "action"), "no open issue");
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(before);
	json_decref(after);
	agent_release(&a);
	agent_release(&b);
	agent_release(&c);
	gh_double_down(&d);
	free(fire);
	free(res);
	free(args);
	free(o1);
	free(o2);
	free(o3);
}

/* The issue list and the search both fail: nobody can tell, so no issue is opened. */
TEST(respond_live, an_unanswerable_lookup_opens_no_second_issue)
{
	char *args = alert_args(S2), *out = sys_path_join(harness_tmpdir(), "out");
	struct how how = {NULL, false, NULL, "AIOPS_GITHUB_ATTEMPTS=2"};
	struct gh_double d;
	struct agent a;
	json_t *state;

	ASSERT_OK(up(&d, S2, NULL, NULL));
	ASSERT_OK(fault(&d, "{\"kind\":\"500\",\"match\":\"/issues?state=open\",\"count\":100}"));
	ASSERT_OK(fault(&d, "{\"kind\":\"500\",\"match\":\"/search/issues\",\"count\":100}"));
	agent_run(&a, &d, &how, out, args);
	ASSERT_INT_EQ(a.status, 3);
	ASSERT(a.res != NULL);
	ASSERT_CONTAINS(json_string_value(json_array_get(json_object_get(a.res, "degraded"), 0)),
			"not opening another");
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 0);
	json_decref(state);
	agent_release(&a);
	gh_double_down(&d);
	free(args);
	free(out);
}

/*
 * The answer to the issue's creation is cut off after GitHub made it, and http.c sends
 * the request again: the twin is closed as a duplicate, the first one is used.
 */
TEST(respond_live, an_issue_opened_twice_keeps_the_first)
{
	char *args = alert_args(S2), *out = sys_path_join(harness_tmpdir(), "out");
	struct gh_double d;
	struct agent a;
	json_t *state, *twin;
	long long first, second;

	ASSERT_OK(up(&d, S2, NULL, NULL));
	ASSERT_OK(fault(&d, "{\"kind\":\"truncated\",\"match\":\"/issues\",\"method\":\"POST\",\"count\":1}"));
	agent_run(&a, &d, NULL, out, args);
	ASSERT_INT_EQ(a.status, 0);
	first = jsonx_int(a.res, "issue.number", 0);
	second = jsonx_int(a.res, "published.issue.duplicate_closed", 0);
	ASSERT(first > 0 && second == first + 1);
	state = gh_double_state(&d);
	ASSERT_STR_EQ(jsonx_str(by_number(json_object_get(state, "issues"), first), "state"), "open");
	twin = by_number(json_object_get(state, "issues"), second);
	ASSERT_STR_EQ(jsonx_str(twin, "state"), "closed");
	ASSERT_INT_EQ(comments_with(state, "Duplicate of #"), 1);
	ASSERT(complete_on_github(&d, a.res));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	agent_release(&a);
	gh_double_down(&d);
	free(args);
	free(out);
}

/* ---- twenty at once -------------------------------------------------------------- */

/*
 * 10 incidents x 2 runs at the same time against one double, seeded with scenario 1's
 * repository (its pull requests, files and history) for all of them: the ten alerts
 * differ, so their fingerprints do. Against that repository only scenario 1's alert
 * has a fix (its blamed pull request is there); the others are diagnosed without a pull
 * request to blame (escalations and infrastructure actions, some dispatching). Asserted:
 * every run exits 0; exactly 10 issues, one per fingerprint, and both runs of an
 * incident report the same issue; exactly one of each pair appended the knowledge-base
 * entry; one pull request per distinct fix branch among the results (here 1), none
 * twice; knowledge-base/incidents.md on main holds the 10 entries, each once; no
 * contract violation.
 */
TEST(respond_live, twenty_concurrent_runs_one_double)
{
	struct gh_double d;
	struct buf script = BUF_INIT, out = BUF_INIT, text = BUF_INIT;
	char *tokenenv = xasprintf("GITHUB_TOKEN='%s'", TOKEN), *kb_text;
	const char *dir = harness_tmpdir();
	json_t *res[20] = {0}, *state, *issues, *pulls;
	struct kb kb = KB_INIT;
	size_t branches = 0;
	int status;

	ASSERT_OK(up(&d, S1, NULL, NULL));
	/*
	 * Ten incidents of one repository: scenario 1's alert as ten instances (an
	 * `instance` label each, so ten fingerprints), each responded to twice at once.
	 */
	{
		json_t *alert = NULL;
		char *path = xasprintf("%s/incidents/%s/alert.json", harness_root(), S1);

		ASSERT_OK(jsonx_load_file(&alert, path, ALERT_FILE_MAX));
		free(path);
		for (size_t k = 0; k < 10; k++) {
			char *instance = xasprintf("bookshop-api-7d9f8-%zu", k);

			json_object_set_new(json_object_get(alert, "labels"), "instance", json_string(instance));
			path = xasprintf("%s/alert-%zu.json", dir, k);
			ASSERT_OK(jsonx_write_file(path, alert));
			free(path);
			free(instance);
		}
		json_decref(alert);
	}
	for (size_t i = 0; i < 20; i++) {
		buf_putf(&script, "(" SCRUB "AIOPS_ISSUE_WAIT_SECONDS=60 GITHUB_API_URL='%s' GITHUB_SERVER_URL='%s' "
			 "GITHUB_REPOSITORY='%s' %s '%s' respond --engine offline --quiet --json --out '%s/out-%zu' "
			 "--alert '%s/alert-%zu.json' --logs '%s/incidents/%s/logs.txt' > '%s/r%zu.json' "
			 "2> '%s/e%zu.txt'; echo $? > '%s/rc%zu') &\n", d.url, d.url, d.repository, tokenenv,
			 harness_bin(), dir, i, dir, i / 2, harness_root(), S1, dir, i, dir, i, dir, i);
	}
	buf_puts(&script, "wait\n");
	status = harness_run(&out, "%s", script.ptr);
	ASSERT_INT_EQ(status, 0);
	for (size_t i = 0; i < 20; i++) {
		char *p = xasprintf("%s/rc%zu", dir, i);

		buf_reset(&text);
		ASSERT_OK(sys_read_file(&text, p, 64));
		free(p);
		if (strtol(text.ptr, NULL, 10) != 0) {
			p = xasprintf("%s/e%zu.txt", dir, i);
			buf_reset(&text);
			sys_read_file(&text, p, 1 << 16);
			fprintf(stderr, "    run %zu (incident %zu): %s\n", i, i / 2, text.ptr);
			free(p);
			ASSERT(false);
		}
		p = xasprintf("%s/r%zu.json", dir, i);
		ASSERT_OK(jsonx_load_file(&res[i], p, ALERT_FILE_MAX));
		free(p);
	}
	state = gh_double_state(&d);
	issues = json_object_get(state, "issues");
	pulls = json_object_get(state, "pulls");
	ASSERT_INT_EQ(json_array_size(issues), 10);
	for (size_t i = 0; i < 20; i += 2) {
		char *marker = xasprintf("aiops-fingerprint: %s", jsonx_str(res[i], "fingerprint"));
		size_t n = 0, k;
		json_t *issue;
		bool a_appended = json_is_true(json_object_get(json_object_get(json_object_get(res[i], "published"),
									       "knowledge_base"), "appended"));
		bool b_appended = json_is_true(json_object_get(json_object_get(json_object_get(res[i + 1], "published"),
									       "knowledge_base"), "appended"));

		json_array_foreach(issues, k, issue)
			n += strstr(jsonx_str(issue, "body"), marker) ? 1 : 0;
		free(marker);
		ASSERT_INT_EQ(n, 1);
		ASSERT_INT_EQ(jsonx_int(res[i], "issue.number", 0), jsonx_int(res[i + 1], "issue.number", 0));
		ASSERT(a_appended != b_appended);
		if (jsonx_str(res[i], "branch")) {
			branches++;
			ASSERT_INT_EQ(count_eq(pulls, "head", jsonx_str(res[i], "branch")), 1);
			ASSERT_INT_EQ(jsonx_int(res[i], "pull_request.number", 0),
				      jsonx_int(res[i + 1], "pull_request.number", 0));
		}
	}
	ASSERT_INT_EQ(json_array_size(pulls), branches);
	ASSERT_INT_EQ(branches, 10); /* one fix branch and one pull request per incident */
	kb_text = repo_file(&d, "main", "knowledge-base/incidents.md");
	ASSERT(kb_text != NULL);
	ASSERT_OK(kb_parse(&kb, kb_text, strlen(kb_text), "knowledge-base/incidents.md"));
	ASSERT_INT_EQ(kb.n, 10);
	for (size_t i = 0; i < 20; i += 2)
		ASSERT(kb_find_fingerprint(&kb, jsonx_str(res[i], "fingerprint")) != NULL);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	kb_release(&kb);
	free(kb_text);
	json_decref(state);
	for (size_t i = 0; i < 20; i++)
		json_decref(res[i]);
	buf_release(&script);
	buf_release(&out);
	buf_release(&text);
	free(tokenenv);
	gh_double_down(&d);
}

/* ---- GitHub Enterprise Server, App authentication, events ----------------------- */

/* Every API request went under `prefix` (or the search API), with the bearer token `bearer`. */
static bool all_requests_under(struct gh_double *d, const char *prefix, const char *bearer)
{
	json_t *reqs = gh_double_ctl(d, "GET", "requests", NULL), *r;
	bool ok = json_array_size(reqs) > 0;
	size_t i;

	json_array_foreach(reqs, i, r) {
		const char *path = jsonx_str(r, "path"), *kind = jsonx_str(r, "kind");
		const char *auth = jsonx_str(r, "headers.authorization");

		if (!strcmp(kind, "git"))
			continue;
		if (strstr(path, "/access_tokens") || !strcmp(path, "/app"))
			continue; /* the App's own requests, signed with its JWT */
		if ((strncmp(path, prefix, strlen(prefix)) && strncmp(path, "/search/", 8)) || !auth || strncmp(auth, "Bearer ", 7) ||
		    (bearer && strcmp(auth + 7, bearer))) {
			fprintf(stderr, "    unexpected request %s %s (%s)\n", jsonx_str(r, "method"), path,
				auth ? "other credentials" : "no credentials");
			ok = false;
		}
	}
	json_decref(reqs);
	return ok;
}

TEST(respond_live, ghes_base_url_and_repository_dispatch)
{
	const char *dir = harness_tmpdir();
	char *event = sys_path_join(dir, "event.json"), *api, *env, *out = sys_path_join(dir, "out");
	char *alert_path = xasprintf("incidents/%s/alert.json", "scenario-4-xsuaa-auth");
	char *logs_path = xasprintf("incidents/%s/logs.txt", "scenario-4-xsuaa-auth");
	struct how how = {NULL, true, NULL, NULL};
	struct buf logs = BUF_INIT;
	json_t *alert = NULL, *ev;
	struct gh_double d;
	struct agent a;

	ASSERT_OK(jsonx_load_file(&alert, alert_path, ALERT_FILE_MAX));
	ASSERT_OK(sys_read_file(&logs, logs_path, 64 << 20));
	ev = json_pack("{s:s, s:{s:o, s:s}}", "action", "incident", "client_payload", "alert", alert, "logs",
		       logs.ptr);
	ASSERT_OK(jsonx_write_file(event, ev));
	ASSERT_OK(up(&d, "scenario-4-xsuaa-auth", NULL, NULL));
	api = xasprintf("%s/api/v3", d.url);
	env = xasprintf("GITHUB_EVENT_NAME=repository_dispatch GITHUB_EVENT_PATH='%s'", event);
	how.api = api;
	how.env = env;
	agent_run(&a, &d, &how, out, "");
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "remediation_type"), "config_fix");
	ASSERT(complete_on_github(&d, a.res));
	ASSERT(all_requests_under(&d, "/api/v3/", TOKEN));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	agent_release(&a);
	gh_double_down(&d);
	json_decref(ev);
	buf_release(&logs);
	free(event);
	free(api);
	free(env);
	free(out);
	free(alert_path);
	free(logs_path);
}

TEST(respond_live, github_app_and_workflow_dispatch)
{
	const char *dir = harness_tmpdir();
	char *key = sys_path_join(dir, "app.pem"), *pub = sys_path_join(dir, "app.pub.pem");
	char *event = sys_path_join(dir, "event.json"), *out = sys_path_join(dir, "out"), *auth, *env;
	const char *scenario = "scenario-6-k8s-pod-crashloop";
	struct how how = {NULL, false, NULL, NULL};
	struct buf b = BUF_INIT, pem = BUF_INIT;
	json_t *ev, *reqs, *r, *state;
	const char *issued = NULL;
	struct gh_double d;
	struct agent a;
	size_t i;

	ASSERT_INT_EQ(harness_run(&b, "openssl genrsa -out '%s' 2048 && openssl rsa -in '%s' -pubout -out '%s'",
				  key, key, pub), 0);
	ASSERT_OK(sys_read_file(&pem, key, 1 << 16));
	ev = json_pack("{s:{s:s, s:s}, s:s}", "inputs", "alert",
		       "incidents/scenario-6-k8s-pod-crashloop/alert.json", "logs",
		       "incidents/scenario-6-k8s-pod-crashloop/logs.txt", "ref", "refs/heads/main");
	ASSERT_OK(jsonx_write_file(event, ev));
	{
		char *sdir = xasprintf("%s/incidents/%s", harness_root(), scenario);
		const char *args[] = {"--scenario", sdir, "--app-id", "123", "--app-key", pub, "--installation",
				      "42", "--workflow", "infra-remediation.yml", NULL};

		ASSERT_OK(gh_double_up(&d, args));
		free(sdir);
	}
	auth = xasprintf("GITHUB_APP_ID=123 GITHUB_APP_INSTALLATION_ID=42 GITHUB_APP_PRIVATE_KEY=\"$(cat '%s')\"", key);
	env = xasprintf("GITHUB_EVENT_NAME=workflow_dispatch GITHUB_EVENT_PATH='%s'", event);
	how.auth = auth;
	how.env = env;
	agent_run(&a, &d, &how, out, "");
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "remediation_type"), "infrastructure_action");
	ASSERT(complete_on_github(&d, a.res));
	/* the installation token, issued once, did all the work (REST and git) */
	reqs = gh_double_ctl(&d, "GET", "requests", NULL);
	json_array_foreach(reqs, i, r)
		if (strstr(jsonx_str(r, "path"), "/app/installations/42/access_tokens"))
			ASSERT_INT_EQ(jsonx_int(r, "status", 0), 201);
	state = gh_double_state(&d);
	ASSERT_INT_EQ(jsonx_int(state, "tokens_issued", 0), 1);
	json_decref(state);
	json_array_foreach(reqs, i, r) {
		const char *h = jsonx_str(r, "headers.authorization");

		if (h && !strncmp(h, "Bearer ghs_", 11))
			issued = h + 7;
		/* git asks for credentials with a 401 first; after that, each request got in */
		ASSERT(!jsonx_str(r, "auth") || strcmp(jsonx_str(r, "auth"), "rejected"));
	}
	ASSERT(issued != NULL);
	ASSERT(all_requests_under(&d, "/repos/", issued));
	ASSERT_NOT_CONTAINS(a.out.ptr, "PRIVATE KEY");
	ASSERT_NOT_CONTAINS(a.err.ptr, "PRIVATE KEY");
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(reqs);
	json_decref(ev);
	agent_release(&a);
	gh_double_down(&d);
	buf_release(&b);
	buf_release(&pem);
	free(key);
	free(pub);
	free(event);
	free(out);
	free(auth);
	free(env);
}

/* ---- protected default branch, dry run, checkout -------------------------------- */

TEST(respond_live, protected_default_branch_gets_a_knowledge_base_pull_request)
{
	char *args = alert_args(S2), *o1 = sys_path_join(harness_tmpdir(), "o1"), *o2 = sys_path_join(harness_tmpdir(), "o2");
	char *kb_branch, *title, *kb, *issue_ref;
	struct gh_double d;
	struct agent a, b;
	json_t *state, *kbpub, *pr;
	char main_before[41];

	ASSERT_OK(up(&d, S2, "--protect", "main"));
	state = gh_double_state(&d);
	snprintf(main_before, sizeof(main_before), "%s", jsonx_str(json_object_get(state, "branches"), "main"));
	json_decref(state);
	agent_run(&a, &d, NULL, o1, args);
	ASSERT_INT_EQ(a.status, 0);
	kbpub = json_object_get(json_object_get(a.res, "published"), "knowledge_base");
	ASSERT_CONTAINS(jsonx_str(kbpub, "protected"), "protected branch");
	ASSERT_CONTAINS(jsonx_str(kbpub, "protected"), "GH006");
	kb_branch = xasprintf("knowledge-base/%s", jsonx_str(a.res, "incident_id"));
	title = xasprintf("knowledge-base: %s", jsonx_str(a.res, "incident_id"));
	ASSERT_STR_EQ(jsonx_str(kbpub, "branch"), kb_branch);
	state = gh_double_state(&d);
	ASSERT_STR_EQ(jsonx_str(json_object_get(state, "branches"), "main"), main_before);
	ASSERT_STR_EQ(jsonx_str(json_object_get(state, "branches"), kb_branch), jsonx_str(kbpub, "commit"));
	pr = by_number(json_object_get(state, "pulls"), jsonx_int(kbpub, "pull_request.number", 0));
	ASSERT(pr != NULL);
	ASSERT_STR_EQ(jsonx_str(pr, "title"), title);
	ASSERT_STR_EQ(jsonx_str(pr, "head"), kb_branch);
	ASSERT_STR_EQ(jsonx_str(pr, "base"), "main");
	ASSERT(has_label(json_object_get(pr, "labels"), "aiops-generated"));
	issue_ref = xasprintf("#%lld", jsonx_int(a.res, "issue.number", 0));
	ASSERT_CONTAINS(jsonx_str(pr, "body"), issue_ref);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "pulls")), 2); /* the fix and the knowledge base */
	json_decref(state);
	kb = repo_file(&d, kb_branch, "knowledge-base/incidents.md");
	ASSERT(kb && count_of(kb, jsonx_str(a.res, "fingerprint")) == 1);
	free(kb);
	/* a re-run finds the branch and the pull request */
	agent_run(&b, &d, NULL, o2, args);
	ASSERT_INT_EQ(b.status, 0);
	kbpub = json_object_get(json_object_get(b.res, "published"), "knowledge_base");
	ASSERT(json_is_false(json_object_get(kbpub, "appended")));
	ASSERT_INT_EQ(jsonx_int(kbpub, "pull_request.number", 0),
		      jsonx_int(json_object_get(json_object_get(a.res, "published"), "knowledge_base"),
				"pull_request.number", 0));
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "pulls")), 2);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 1);
	json_decref(state);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	agent_release(&a);
	agent_release(&b);
	gh_double_down(&d);
	free(args);
	free(o1);
	free(o2);
	free(kb_branch);
	free(title);
	free(issue_ref);
}

TEST(respond_live, dry_run_reads_and_writes_nothing)
{
	char *a1 = alert_args(S1), *args = xasprintf("--dry-run %s", a1);
	char *out = sys_path_join(harness_tmpdir(), "out");
	struct gh_double d;
	struct agent a;
	json_t *reqs, *r, *state, *planned;
	size_t i, reads = 0;

	ASSERT_OK(up(&d, S1, NULL, NULL));
	agent_run(&a, &d, NULL, out, args);
	ASSERT_INT_EQ(a.status, 0);
	planned = json_object_get(a.res, "planned");
	ASSERT(json_array_size(planned) >= 4);
	ASSERT_CONTAINS(json_string_value(json_array_get(planned, 0)), "push branch 'fix/");
	ASSERT(json_is_null(json_object_get(a.res, "published")));
	ASSERT(json_is_null(json_object_get(a.res, "issue")));
	reqs = gh_double_ctl(&d, "GET", "requests", NULL);
	json_array_foreach(reqs, i, r) {
		ASSERT_STR_EQ(jsonx_str(r, "method"), "GET");
		ASSERT_STR_EQ(jsonx_str(r, "kind"), "api");
		reads++;
	}
	ASSERT(reads > 5);
	state = gh_double_state(&d);
	ASSERT_INT_EQ(json_array_size(json_object_get(state, "issues")), 0);
	ASSERT_INT_EQ(json_object_size(json_object_get(state, "branches")), 1);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	json_decref(reqs);
	agent_release(&a);
	gh_double_down(&d);
	free(args);
	free(a1);
	free(out);
}

/* GITHUB_WORKSPACE holds the default branch: the files come from it, not the contents API. */
TEST(respond_live, files_come_from_the_checkout)
{
	const char *scenario = "scenario-3-n-plus-one-timeout";
	char *tree = xasprintf("%s/incidents/%s/github/tree", harness_root(), scenario);
	char *work = sys_path_join(harness_tmpdir(), "workspace"), *out = sys_path_join(harness_tmpdir(), "out");
	char *args = alert_args(scenario), *env = xasprintf("GITHUB_WORKSPACE='%s'", work);
	struct how how = {NULL, false, NULL, env};
	struct gh_double d;
	struct agent a;
	json_t *reqs, *r;
	size_t i, contents = 0;

	ASSERT_OK(sys_copy_tree(tree, work));
	ASSERT_OK(up(&d, scenario, NULL, NULL));
	agent_run(&a, &d, &how, out, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT(complete_on_github(&d, a.res));
	reqs = gh_double_ctl(&d, "GET", "requests", NULL);
	json_array_foreach(reqs, i, r) {
		const char *p = jsonx_str(r, "path");

		if (strstr(p, "/contents/")) {
			contents++;
			/* only what the checkout does not have: the policy and the knowledge base */
			ASSERT(strstr(p, "/contents/.github/aiops-agent.yml") ||
			       strstr(p, "/contents/knowledge-base/incidents.md"));
		}
	}
	ASSERT_INT_EQ(contents, 2);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(reqs);
	agent_release(&a);
	gh_double_down(&d);
	free(tree);
	free(work);
	free(out);
	free(args);
	free(env);
}

TEST(respond_live, settings_are_checked)
{
	struct buf out = BUF_INIT;
	char *args = alert_args(S1);

	ASSERT_INT_EQ(harness_run(&out, SCRUB "GITHUB_TOKEN=x '%s' respond --engine offline %s", harness_bin(), args), 2);
	ASSERT_CONTAINS(out.ptr, "GITHUB_REPOSITORY is not set");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, SCRUB "GITHUB_REPOSITORY=o/r GITHUB_TOKEN=x AIOPS_BLAME_WINDOW_HOURS=-3 "
				  "'%s' respond --engine offline %s", harness_bin(), args), 2);
	ASSERT_CONTAINS(out.ptr, "AIOPS_BLAME_WINDOW_HOURS='-3'");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, SCRUB "GITHUB_REPOSITORY=o/r '%s' respond --engine offline %s",
				  harness_bin(), args), 2);
	ASSERT_CONTAINS(out.ptr, "GITHUB_TOKEN");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, SCRUB "'%s' respond --engine fast %s", harness_bin(), args), 2);
	ASSERT_CONTAINS(out.ptr, "unknown engine 'fast'");
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, SCRUB "GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH=/dev/null "
				  "GITHUB_REPOSITORY=o/r GITHUB_TOKEN=x '%s' respond --engine offline", harness_bin()), 2);
	buf_release(&out);
	free(args);
}
