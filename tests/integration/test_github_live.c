/*
 * The REST backend and the git pushes against the Node.js GitHub double
 * (tests/doubles/github/server.js), which checks every request against GitHub's official
 * OpenAPI description, serves real git smart-HTTP and injects faults on demand.
 *
 * The double is required: when node or its dependencies are missing, these tests fail
 * and say how to install them (tests/doubles/github/install.sh, run by make test).
 */
#include "common.h"
#include "harness.h"
#include "github_double.h"
#include "io/github.h"
#include "io/gitops.h"
#include "io/http.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <time.h>
#include <unistd.h>

#define TOKEN "ghs_liveDoubleToken0123456789abcdefABCD"
#define SCENARIO "incidents/scenario-1-oom-cache"
#define REPO "northwind-books/bookshop-api"

static struct github *client_for(const char *api, const char *token)
{
	struct github_rest_opts o = GITHUB_REST_OPTS_INIT;
	struct github *gh = NULL;

	o.api_url = api;
	o.repository = REPO;
	o.token = token;
	o.timeout_ms = 5000;
	o.max_attempts = 4;
	if (github_rest_new(&gh, &o) < 0)
		xdie("github_rest_new: %s", err_last());
	return gh;
}

/* A sandbox clone: a new repository with the double's main fetched into origin/main. */
static struct gitops *sandbox(const char *name, const struct gitops_remote *r)
{
	struct gitops *g = NULL;
	char *dir = sys_path_join(harness_tmpdir(), name);
	char tip[41];

	if (gitops_init(&g, dir, "main") < 0 || gitops_fetch(tip, g, r, "main") < 0)
		xdie("sandbox: %s", err_last());
	free(dir);
	return g;
}

static size_t count_state(struct gh_double *d, const char *field)
{
	json_t *s = gh_double_ctl(d, "GET", "state", NULL);
	size_t n = json_array_size(json_object_get(s, field));

	json_decref(s);
	return n;
}

TEST(github_live, every_operation_keeps_the_contract)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, "--workflow",
					   "infra-remediation.yml", NULL};
	const char *labels[] = {"incident", "aiops-generated", "P2", NULL};
	struct gh_double d;
	struct github *gh;
	struct gitops *g;
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops_file fix = {"deploy/k8s/deployment.yaml", "fixed: true\n", 12, false};
	struct github_created issue = {0, NULL}, pull = {0, NULL}, again = {0, NULL}, c = {0, NULL};
	struct github_pull *pulls = NULL;
	struct github_pull_diff diffs[3];
	struct buf b = BUF_INIT, want = BUF_INIT;
	json_t *v = NULL, *inputs = json_pack("{s:s}", "action", "rollout-restart");
	char **files = NULL;
	size_t n = 0;
	time_t until;
	bool existed;
	char *path;

	ASSERT_OK(gh_double_up(&d, args));
	gh = client_for(d.url, TOKEN);
	/* reads */
	ASSERT_OK(gh->ops->get_repo(&v, gh));
	ASSERT_STR_EQ(jsonx_str(v, "default_branch"), "main");
	json_decref(v);
	ASSERT_OK(gh->ops->list_closed_pulls(&v, gh));
	ASSERT_INT_EQ(json_array_size(v), 6);
	json_decref(v);
	ASSERT_OK(sys_parse_time(&until, "2026-03-11T16:00:00Z"));
	ASSERT_OK(github_merged_pulls_window(&pulls, &n, gh, until - 72 * 3600, until));
	ASSERT(n >= 1);
	ASSERT_INT_EQ(pulls[0].number, 215);
	github_pulls_free(pulls, n);
	memset(diffs, 0, sizeof(diffs));
	diffs[0].number = 215;
	diffs[1].number = 214;
	diffs[2].number = 213;
	ASSERT_OK(github_fetch_diffs(diffs, 3, gh, 3));
	path = sys_path_join(harness_root(), SCENARIO "/github/pulls/214.diff");
	ASSERT_OK(sys_read_file(&want, path, DIFF_FILE_MAX));
	free(path);
	ASSERT_STR_EQ(diffs[1].diff.ptr, want.ptr);
	github_pull_diffs_release(diffs, 3);
	ASSERT_OK(gh->ops->list_pull_files(&v, gh, 215));
	json_decref(v);
	ASSERT_OK(gh->ops->list_files(&files, &n, gh));
	ASSERT_INT_EQ(n, 11);
	ASSERT_STR_EQ(files[0], "deploy/k8s/deployment.yaml");
	sys_free_list(files);
	ASSERT_OK(gh->ops->read_file(&b, gh, "pom.xml"));
	buf_reset(&want);
	path = sys_path_join(harness_root(), SCENARIO "/github/tree/pom.xml");
	ASSERT_OK(sys_read_file(&want, path, TREE_FILE_MAX));
	free(path);
	ASSERT_INT_EQ(b.len, want.len);
	ASSERT(memcmp(b.ptr, want.ptr, b.len) == 0);
	ASSERT_ERR(gh->ops->read_file(&b, gh, "knowledge-base/incidents.md"), ERR_NOTFOUND);
	/* writes: the fix branch first, then the issue, the pull request, the dispatch */
	r.url = d.git;
	r.token = github_token(gh);
	g = sandbox("sandbox", &r);
	ASSERT_OK(gitops_commit_files(NULL, g, "fix/inc-1", "refs/remotes/origin/main", &fix, 1, "fix"));
	ASSERT_OK(gitops_push(g, &r, "fix/inc-1", false));
	ASSERT_OK(github_upsert_issue(&issue, &existed, gh, "f1f2", "Checkout down", "body", labels,
				      "recurred"));
	ASSERT(!existed);
	ASSERT_OK(github_upsert_issue(&again, &existed, gh, "f1f2", "Checkout down", "body", labels,
				      "recurred at 2026-03-11T16:00:00Z"));
	ASSERT(existed);
	ASSERT_INT_EQ(again.number, issue.number);
	ASSERT_OK(github_upsert_pull(&pull, &existed, gh, "Fix", "Fixes #216", "fix/inc-1", "main",
				     labels + 1));
	ASSERT(!existed);
	github_created_release(&again);
	ASSERT_OK(github_upsert_pull(&again, &existed, gh, "Fix (v2)", "Fixes #216", "fix/inc-1",
				     "main", labels + 1));
	ASSERT(existed);
	ASSERT_INT_EQ(again.number, pull.number);
	ASSERT_OK(gh->ops->get_pull_diff(&b, gh, pull.number));
	ASSERT_CONTAINS(b.ptr, "+fixed: true");
	ASSERT_OK(gh->ops->dispatch_workflow_run(&c, gh, "infra-remediation.yml", "main", inputs));
	ASSERT_CONTAINS(c.url, "/actions/runs/");
	github_created_release(&c);
	ASSERT_OK(gh->ops->comment_issue(&c, gh, issue.number, "dispatched"));
	ASSERT_CONTAINS(c.url, "#issuecomment-");
	ASSERT_ERR(gh->ops->dispatch_workflow(gh, "nope.yml", "main", NULL), ERR_NOTFOUND);
	ASSERT_OK(github_rest_get_all(&v, gh, "/repos/" REPO "/issues/216/comments?per_page=1",
				      "issues: read"));
	ASSERT_INT_EQ(json_array_size(v), 2); /* two pages of one */
	json_decref(v);
	/* what GitHub now holds */
	ASSERT_INT_EQ(count_state(&d, "issues"), 1);
	ASSERT_INT_EQ(count_state(&d, "pulls"), 1);
	ASSERT_INT_EQ(count_state(&d, "comments"), 2);
	ASSERT_INT_EQ(count_state(&d, "dispatches"), 1);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	github_created_release(&issue);
	github_created_release(&pull);
	github_created_release(&again);
	github_created_release(&c);
	json_decref(inputs);
	buf_release(&b);
	buf_release(&want);
	gitops_free(g);
	github_free(gh);
	gh_double_down(&d);
}

TEST(github_live, checker_catches_a_bad_request)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, NULL};
	struct gh_double d;
	struct github *gh;
	json_t *body = json_pack("{s:s, s:s}", "title", "t", "lables", "typo");
	char *ghes;

	ASSERT_OK(gh_double_up(&d, args));
	gh = client_for(d.url, TOKEN);
	ASSERT_OK(github_rest_call(NULL, gh, "POST", "/repos/" REPO "/issues", body, "issues: write"));
	ASSERT_INT_EQ(gh_double_violations(&d, 1), 1);
	ASSERT(github_rest_call(NULL, gh, "GET", "/repos/" REPO "/pulls?state=merged", NULL, NULL) == 0);
	ASSERT_INT_EQ(gh_double_violations(&d, 2), 2);
	github_free(gh);
	/* GHES 3.19 does not know return_run_details */
	ghes = xasprintf("%s/api/v3", d.url);
	gh = client_for(ghes, TOKEN);
	json_decref(body);
	body = json_pack("{s:s, s:b}", "ref", "main", "return_run_details", 1);
	github_rest_call(NULL, gh, "POST", "/repos/" REPO "/actions/workflows/x.yml/dispatches", body,
			 "actions: write");
	ASSERT_INT_EQ(gh_double_violations(&d, 3), 3);
	free(ghes);
	json_decref(body);
	github_free(gh);
	gh_double_down(&d);
}

TEST(github_live, ghes_base_url)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, "--workflow",
					   "infra-remediation.yml", NULL};
	struct gh_double d;
	struct github *gh;
	struct github_created c = {0, NULL};
	struct buf b = BUF_INIT;
	json_t *v = NULL, *reqs;
	char *api, *git;

	ASSERT_OK(gh_double_up(&d, args));
	api = xasprintf("%s/api/v3", d.url);
	gh = client_for(api, TOKEN);
	ASSERT_OK(gh->ops->get_repo(&v, gh));
	json_decref(v);
	ASSERT_OK(gh->ops->read_file(&b, gh, "pom.xml"));
	ASSERT_OK(gh->ops->create_issue(&c, gh, "GHES", "body", NULL));
	github_created_release(&c);
	ASSERT_OK(gh->ops->dispatch_workflow_run(&c, gh, "infra-remediation.yml", "main", NULL));
	ASSERT_CONTAINS(c.url, "/actions/workflows/infra-remediation.yml");
	github_created_release(&c);
	git = github_git_url(gh, NULL);
	ASSERT_STR_EQ(git, d.git);
	reqs = gh_double_ctl(&d, "GET", "requests", NULL);
	ASSERT(json_array_size(reqs) >= 4);
	ASSERT(!strncmp(jsonx_str(json_array_get(reqs, 0), "path"), "/api/v3/repos/", 14));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(reqs);
	free(git);
	free(api);
	buf_release(&b);
	github_free(gh);
	gh_double_down(&d);
}

TEST(github_live, pushes_land_and_protection_is_distinct)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, "--protect",
					   "main", NULL};
	struct gh_double d;
	struct gitops_remote r = GITOPS_REMOTE_INIT, bad = GITOPS_REMOTE_INIT;
	struct gitops *g, *other;
	struct gitops_file kb = {"knowledge-base/incidents.md", "# Incidents\n", 12, false};
	struct gitops_file f2 = {"README.md", "other\n", 6, false};
	json_t *state, *reqs, *e;
	char sha[41];
	size_t i;

	ASSERT_OK(gh_double_up(&d, args));
	r.url = d.git;
	r.token = TOKEN;
	g = sandbox("a", &r);
	/* a branch lands */
	ASSERT_OK(gitops_commit_files(sha, g, "knowledge-base/inc-1", "refs/remotes/origin/main", &kb, 1,
				      "kb"));
	ASSERT_OK(gitops_push(g, &r, "knowledge-base/inc-1", false));
	state = gh_double_ctl(&d, "GET", "state", NULL);
	ASSERT_STR_EQ(jsonx_str(json_object_get(state, "branches"), "knowledge-base/inc-1"), sha);
	json_decref(state);
	/* the protected default branch is refused as a policy, with the server's words */
	ASSERT_OK(gitops_commit_files(NULL, g, "main", "refs/remotes/origin/main", &kb, 1, "kb"));
	ASSERT_ERR(gitops_push(g, &r, "main", false), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "protected branch");
	ASSERT_CONTAINS(err_last(), "GH006: Protected branch update failed for refs/heads/main");
	/* non-fast-forward over HTTP */
	other = sandbox("b", &r);
	ASSERT_OK(gitops_commit_files(NULL, other, "knowledge-base/inc-1", "refs/remotes/origin/main",
				      &f2, 1, "other"));
	ASSERT_ERR(gitops_push(other, &r, "knowledge-base/inc-1", false), ERR_CONFLICT);
	/* credentials */
	bad.url = d.git;
	ASSERT_ERR(gitops_push(g, &bad, "knowledge-base/inc-1", false), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "no token was given");
	bad.token = "ghs_wrongTokenwrongTokenwrongToken0123";
	ASSERT_ERR(gitops_push(g, &bad, "knowledge-base/inc-1", false), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "the token was rejected");
	ASSERT_NOT_CONTAINS(err_last(), bad.token);
	/* the token went to the double as Basic x-access-token:<token>, nowhere else */
	reqs = gh_double_ctl(&d, "GET", "requests", NULL);
	json_array_foreach(reqs, i, e) {
		const char *auth = jsonx_str(e, "headers.authorization");

		ASSERT(!auth || !strncmp(auth, "Basic ", 6));
	}
	json_decref(reqs);
	gitops_free(g);
	gitops_free(other);
	gh_double_down(&d);
}

/* The knowledge-base commit against an unprotected main, with a rival run in between. */
struct kb_ctx {
	int calls;
	struct buf text;
	struct gitops_file f;
	struct gitops *rival;
	const struct gitops_remote *r;
};

static int kb_append(const struct gitops_file **files, size_t *nfiles, struct gitops *g,
		     const char *base, void *ctx)
{
	struct kb_ctx *c = ctx;
	int error;

	c->calls++;
	buf_reset(&c->text);
	if ((error = gitops_read_file(&c->text, g, base, "knowledge-base/incidents.md")) < 0) {
		if (error != ERR_NOTFOUND)
			return error;
		err_clear();
		buf_puts(&c->text, "# Incidents\n");
	}
	buf_puts(&c->text, "\n## INC-1\n");
	c->f = (struct gitops_file){"knowledge-base/incidents.md", c->text.ptr, c->text.len, false};
	*files = &c->f;
	*nfiles = 1;
	if (c->calls == 1) {
		struct gitops_file rival = {"knowledge-base/incidents.md", "# Incidents\n\n## INC-0\n", 22,
					    false};

		if ((error = gitops_commit_files(NULL, c->rival, "main", "refs/remotes/origin/main",
						 &rival, 1, "kb: INC-0")) < 0 ||
		    (error = gitops_push(c->rival, c->r, "main", false)) < 0)
			return error;
	}
	return 0;
}

TEST(github_live, kb_commit_retries_after_a_rival_push)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, NULL};
	struct gh_double d;
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct kb_ctx ctx = {0, BUF_INIT, {NULL, NULL, 0, false}, NULL, NULL};
	struct github *gh;
	struct buf b = BUF_INIT;
	struct gitops *g;
	char sha[41];

	ASSERT_OK(gh_double_up(&d, args));
	r.url = d.git;
	r.token = TOKEN;
	g = sandbox("a", &r);
	ctx.rival = sandbox("rival", &r);
	ctx.r = &r;
	ASSERT_OK(gitops_commit_push(sha, g, &r, "main", kb_append, &ctx, "kb: INC-1", 4));
	ASSERT_INT_EQ(ctx.calls, 2);
	gh = client_for(d.url, TOKEN);
	ASSERT_OK(gh->ops->read_file(&b, gh, "knowledge-base/incidents.md"));
	ASSERT_STR_EQ(b.ptr, "# Incidents\n\n## INC-0\n\n## INC-1\n");
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	buf_release(&b);
	buf_release(&ctx.text);
	gitops_free(ctx.rival);
	gitops_free(g);
	github_free(gh);
	gh_double_down(&d);
}

TEST(github_live, missing_permissions_are_named)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, "--deny",
					   "issues:write", "--deny", "contents:write", NULL};
	struct gh_double d;
	struct github *gh;
	struct github_created c = {0, NULL};
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops *g;
	struct gitops_file f = {"a.txt", "a\n", 2, false};

	ASSERT_OK(gh_double_up(&d, args));
	gh = client_for(d.url, TOKEN);
	ASSERT_ERR(gh->ops->create_issue(&c, gh, "t", "b", NULL), ERR_FAIL);
	ASSERT_CONTAINS(err_last(), "(403 Resource not accessible by integration): the token lacks "
				    "the 'issues: write' permission");
	r.url = d.git;
	r.token = TOKEN;
	g = sandbox("a", &r);
	ASSERT_OK(gitops_commit_files(NULL, g, "fix/x", "refs/remotes/origin/main", &f, 1, "x"));
	ASSERT_ERR(gitops_push(g, &r, "fix/x", false), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "HTTP 403");
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	gitops_free(g);
	github_free(gh);
	gh_double_down(&d);
}

TEST(github_live, app_authentication)
{
	const char *dir = harness_tmpdir();
	char *key = sys_path_join(dir, "app.pem"), *pub = sys_path_join(dir, "app.pub.pem");
	const char *args[] = {"--scenario", SCENARIO, "--app-id", "123", "--app-key", pub,
			      "--installation", "42", NULL};
	struct github_rest_opts o = GITHUB_REST_OPTS_INIT;
	struct gh_double d;
	struct github *gh = NULL;
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops *g;
	struct buf pem = BUF_INIT, out = BUF_INIT;
	json_t *v = NULL, *state;
	char *token = NULL;

	ASSERT_INT_EQ(harness_run(&out, "openssl genrsa -out '%s' 2048 && openssl rsa -in '%s' "
				  "-pubout -out '%s'", key, key, pub), 0);
	ASSERT_OK(sys_read_file(&pem, key, 1 << 16));
	ASSERT_OK(gh_double_up(&d, args));
	o.api_url = d.url;
	o.repository = REPO;
	o.app_id = "123";
	o.app_private_key = pem.ptr;
	o.app_installation_id = "42";
	ASSERT_OK(github_rest_new(&gh, &o));
	ASSERT(!strncmp(github_token(gh), "ghs_", 4));
	ASSERT_OK(gh->ops->get_repo(&v, gh));
	json_decref(v);
	/* the installation token pushes too */
	r.url = d.git;
	r.token = github_token(gh);
	g = sandbox("a", &r);
	gitops_free(g);
	state = gh_double_ctl(&d, "GET", "state", NULL);
	ASSERT_INT_EQ(jsonx_int(state, "tokens_issued", 0), 1);
	json_decref(state);
	/* another App's id: the double (like GitHub) refuses the JWT */
	ASSERT_ERR(github_app_token(&token, d.url, "999", pem.ptr, "42"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "GitHub rejected the JWT of App 999");
	/* an installation the App does not have */
	ASSERT_ERR(github_app_token(&token, d.url, "123", pem.ptr, "7"), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "installation 7 of GitHub App 123 not found");
	ASSERT(token == NULL);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	github_free(gh);
	gh_double_down(&d);
	buf_release(&pem);
	buf_release(&out);
	free(key);
	free(pub);
}

/* Inject `fault` for the next `count` requests to `match`, then get the repository. */
static int with_fault(struct gh_double *d, struct github *gh, const char *kind, int count,
		      const char *extra)
{
	char *body = xasprintf("{\"kind\":\"%s\",\"match\":\"/repos/" REPO "\",\"count\":%d%s}", kind,
			       count, extra ? extra : "");
	json_t *f = gh_double_ctl(d, "POST", "faults", body), *v = NULL;
	int error;

	free(body);
	if (!f)
		return err_set(ERR_FAIL, "cannot inject fault '%s'", kind);
	json_decref(f);
	error = gh->ops->get_repo(&v, gh);
	json_decref(v);
	json_decref(gh_double_ctl(d, "DELETE", "faults", NULL));
	return error;
}

TEST(github_live, faults_end_in_success_or_err_net)
{
	static const char *const args[] = {"--scenario", SCENARIO, "--token", TOKEN, NULL};
	struct github_rest_opts o = GITHUB_REST_OPTS_INIT;
	struct gh_double d;
	struct github *gh = NULL;
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops *g;
	struct gitops_file f = {"a.txt", "a\n", 2, false};
	json_t *reqs;

	http_set_backoff_scale(0);
	ASSERT_OK(gh_double_up(&d, args));
	o.api_url = d.url;
	o.repository = REPO;
	o.token = TOKEN;
	o.timeout_ms = 1000;
	o.max_attempts = 4;
	ASSERT_OK(github_rest_new(&gh, &o));
	ASSERT_OK(with_fault(&d, gh, "500", 1, NULL));
	ASSERT_OK(with_fault(&d, gh, "502", 3, NULL));
	ASSERT_OK(with_fault(&d, gh, "429", 2, ",\"retry_after\":1"));
	ASSERT_OK(with_fault(&d, gh, "403-secondary", 1, ",\"retry_after\":1"));
	ASSERT_OK(with_fault(&d, gh, "403-ratelimit", 1, NULL));
	ASSERT_OK(with_fault(&d, gh, "reset", 2, NULL));
	ASSERT_OK(with_fault(&d, gh, "truncated", 1, NULL));
	ASSERT_OK(with_fault(&d, gh, "slow", 1, ",\"delay_ms\":2500"));
	json_decref(gh_double_ctl(&d, "DELETE", "requests", NULL));
	ASSERT_ERR(with_fault(&d, gh, "502", 10, NULL), ERR_NET);
	ASSERT_CONTAINS(err_last(), "answered 502 after 4 attempts");
	reqs = gh_double_ctl(&d, "GET", "requests", NULL);
	ASSERT_INT_EQ(json_array_size(reqs), 4);
	json_decref(reqs);
	ASSERT_ERR(with_fault(&d, gh, "reset", 10, NULL), ERR_NET);
	/* a push cut off is an ERR_NET, and the branch stays local for the next try */
	r.url = d.git;
	r.token = TOKEN;
	g = sandbox("a", &r);
	ASSERT_OK(gitops_commit_files(NULL, g, "fix/x", "refs/remotes/origin/main", &f, 1, "x"));
	json_decref(gh_double_ctl(&d, "POST", "faults", "{\"kind\":\"reset\",\"match\":\"git-receive-pack\",\"count\":5}"));
	ASSERT_ERR(gitops_push(g, &r, "fix/x", false), ERR_NET);
	json_decref(gh_double_ctl(&d, "DELETE", "faults", NULL));
	ASSERT_OK(gitops_push(g, &r, "fix/x", false));
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	gitops_free(g);
	github_free(gh);
	gh_double_down(&d);
	http_set_backoff_scale(1);
}
