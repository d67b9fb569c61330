/*
 * The REST backend of github.h against the loopback double of double.h: recorded real
 * GitHub conversations (tests/fixtures/github/, see PROVENANCE.md) replayed exchange by
 * exchange, and scripted answers for the error statuses, windows and idempotency.
 */
#include "common.h"
#include "harness.h"
#include "double.h"
#include "io/github.h"
#include "io/http.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <pthread.h>
#include <strings.h>

#define TOKEN "ghp_0123456789abcdefABCDEF0123456789abcd"

/* ---- replaying a recorded conversation -------------------------------------------- */

/*
 * Each request is answered by the first unused recorded exchange with the same method
 * and path (query included). Absolute URLs in Link and Location headers pointed at
 * https://api.github.com; they are rewritten to the double. Replies are kept until the
 * end of the test (the double sends them after the handler returns).
 */
struct replay {
	json_t *exchanges;
	bool used[32];
	char *base;
	char *keep[64];
	size_t nkeep;
	size_t unmatched;
};

static char *keep(struct replay *r, char *s)
{
	if (r->nkeep < ARRAY_SIZE(r->keep))
		r->keep[r->nkeep++] = s;
	return s;
}

static char *rebase(struct replay *r, const char *v)
{
	struct buf b = BUF_INIT;
	const char *from = "https://api.github.com";

	for (const char *p = v; *p;) {
		const char *hit = strstr(p, from);

		if (!hit) {
			buf_puts(&b, p);
			break;
		}
		buf_putf(&b, "%.*s%s", (int)(hit - p), p, r->base);
		p = hit + strlen(from);
	}
	return buf_detach(&b);
}

static void replay_handler(const struct double_request *req, size_t index,
			   struct double_reply *reply, void *ctx)
{
	struct replay *r = ctx;
	json_t *e;
	size_t i;

	(void)index;
	json_array_foreach(r->exchanges, i, e) {
		const char *method = jsonx_str(e, "method"), *path = jsonx_str(e, "path");
		json_t *resp = json_object_get(e, "response");
		struct buf h = BUF_INIT;
		const char *v;

		if (i >= ARRAY_SIZE(r->used) || r->used[i] || strcasecmp(method, req->method) ||
		    strcmp(path, req->path))
			continue;
		r->used[i] = true;
		reply->status = (int)jsonx_int(e, "status", 0);
		if ((v = jsonx_str(e, "headers.content-type")))
			buf_putf(&h, "Content-Type: %s\r\n", v);
		if ((v = jsonx_str(e, "headers.link"))) {
			char *link = rebase(r, v);

			buf_putf(&h, "Link: %s\r\n", link);
			free(link);
		}
		if ((v = jsonx_str(e, "headers.location"))) {
			char *loc = rebase(r, v);

			buf_putf(&h, "Location: %s\r\n", loc);
			free(loc);
		}
		reply->headers = keep(r, buf_detach(&h));
		reply->body = json_is_string(resp) ? json_string_value(resp)
						   : keep(r, json_dumps(resp, JSON_COMPACT));
		return;
	}
	r->unmatched++;
	reply->status = 599;
	reply->body = "no recorded exchange";
}

static int replay_start(struct replay *r, struct http_double **d, const char *fixture)
{
	char *path = sys_path_join(harness_root(), fixture);
	int error;

	memset(r, 0, sizeof(*r));
	error = jsonx_load_file(&r->exchanges, path, 1 << 20);
	free(path);
	if (error < 0)
		return error;
	if ((error = double_start(d, replay_handler, r)) < 0)
		return error;
	r->base = xstrdup(double_url(*d));
	return 0;
}

static void replay_stop(struct replay *r, struct http_double *d)
{
	double_stop(d);
	for (size_t i = 0; i < r->nkeep; i++)
		free(r->keep[i]);
	free(r->base);
	json_decref(r->exchanges);
}

static struct github *client(const char *api, const char *repository)
{
	struct github_rest_opts o = GITHUB_REST_OPTS_INIT;
	struct github *gh = NULL;

	o.api_url = api;
	o.repository = repository;
	o.token = TOKEN;
	o.timeout_ms = 3000;
	o.max_attempts = 3;
	if (github_rest_new(&gh, &o) < 0)
		xdie("github_rest_new: %s", err_last());
	return gh;
}

static char *header_of(struct http_double *d, size_t i, const char *name)
{
	const struct double_request *r = double_request(d, i);

	return r ? double_header(r, name) : NULL;
}

TEST(github_rest, paginates_recorded_issues)
{
	struct replay r;
	struct http_double *d = NULL;
	struct github *gh;
	json_t *all = NULL;
	char *auth, *accept, *version;

	ASSERT_OK(replay_start(&r, &d, "tests/fixtures/github/paginate-issues.normalized-fixture.json"));
	gh = client(r.base, "octokit-fixture-org/paginate-issues");
	ASSERT_OK(github_rest_get_all(&all, gh, "/repos/octokit-fixture-org/paginate-issues/issues?per_page=3",
				      "issues: read"));
	ASSERT_INT_EQ(json_array_size(all), 13);
	for (size_t i = 0; i < 13; i++)
		ASSERT_INT_EQ(jsonx_int(json_array_get(all, i), "number", 0), 13 - (long long)i);
	ASSERT_INT_EQ(double_count(d), 5);
	ASSERT_INT_EQ(r.unmatched, 0);
	ASSERT_STR_EQ(double_request(d, 4)->path, "/repositories/1000/issues?per_page=3&page=5");
	auth = header_of(d, 4, "Authorization");
	accept = header_of(d, 4, "Accept");
	version = header_of(d, 0, "X-GitHub-Api-Version");
	ASSERT_STR_EQ(auth, "Bearer " TOKEN);
	ASSERT_STR_EQ(accept, "application/vnd.github+json");
	ASSERT_STR_EQ(version, "2022-11-28");
	free(auth);
	free(accept);
	free(version);
	json_decref(all);
	github_free(gh);
	replay_stop(&r, d);
}

TEST(github_rest, recorded_422_is_explained)
{
	struct replay r;
	struct http_double *d = NULL;
	struct github *gh;
	json_t *body = json_pack("{s:s, s:s}", "name", "foo", "color", "invalid");

	ASSERT_OK(replay_start(&r, &d, "tests/fixtures/github/errors.normalized-fixture.json"));
	gh = client(r.base, "octokit-fixture-org/errors");
	ASSERT_ERR(github_rest_call(NULL, gh, "POST", "/repos/octokit-fixture-org/errors/labels", body,
				    "issues: write"),
		   ERR_INPUT);
	ASSERT_STR_EQ(err_last(), "GitHub rejected 'POST /repos/octokit-fixture-org/errors/labels' "
				  "(422 Validation Failed: Label.color is invalid)");
	ASSERT_STR_EQ(double_request(d, 0)->body.ptr, "{\"name\":\"foo\",\"color\":\"invalid\"}");
	json_decref(body);
	github_free(gh);
	replay_stop(&r, d);
}

TEST(github_rest, follows_recorded_redirects)
{
	struct replay r;
	struct http_double *d = NULL;
	struct github *gh;
	json_t *repo = NULL, *patch, *answer = NULL;

	ASSERT_OK(replay_start(&r, &d, "tests/fixtures/github/rename-repository.normalized-fixture.json"));
	r.used[0] = true; /* the rename itself happened before the recording we replay */
	gh = client(r.base, "octokit-fixture-org/rename-repository");
	/* 301 for a GET */
	ASSERT_OK(gh->ops->get_repo(&repo, gh));
	ASSERT_STR_EQ(jsonx_str(repo, "full_name"), "octokit-fixture-org/rename-repository-newname");
	ASSERT_STR_EQ(double_request(d, 1)->path, "/repositories/1000");
	/* 307 keeps the method and the body */
	patch = json_pack("{s:s, s:s}", "name", "rename-repository-newname", "description",
			  "test description");
	ASSERT_OK(github_rest_call(&answer, gh, "PATCH", "/repos/octokit-fixture-org/rename-repository",
				   patch, "administration: write"));
	ASSERT_INT_EQ(double_count(d), 4);
	ASSERT_STR_EQ(double_request(d, 3)->method, "PATCH");
	ASSERT_STR_EQ(double_request(d, 3)->path, "/repositories/1000");
	ASSERT_CONTAINS(double_request(d, 3)->body.ptr, "test description");
	ASSERT_STR_EQ(jsonx_str(answer, "description"), "test description");
	ASSERT_INT_EQ(r.unmatched, 0);
	json_decref(answer);
	json_decref(patch);
	json_decref(repo);
	github_free(gh);
	replay_stop(&r, d);
}

/* ---- scripted answers ------------------------------------------------------------- */

/* Serve `replies` in order and remember the other double's URL for redirects. */
TEST(github_rest, token_stays_on_the_api_host)
{
	static char redirect[160], link[200];
	struct double_reply to_b[] = {{302, redirect, "", 0, 0, 0}};
	struct double_reply page[] = {{200, link, "[]", 0, 0, 0}};
	static const struct double_reply other[] = {{200, "Content-Type: application/json\r\n",
						     "{\"full_name\":\"o/r\"}", 0, 0, 0}};
	struct double_script sa = {to_b, 1}, sp = {page, 1}, sb = {other, 1};
	struct http_double *a = NULL, *b = NULL, *p = NULL;
	struct github *gh;
	json_t *repo = NULL, *all = NULL;
	char *auth, *b_local;
	const char *port;

	ASSERT_OK(double_start(&b, double_scripted, &sb));
	port = strrchr(double_url(b), ':') + 1;
	b_local = xasprintf("http://localhost:%s", port);
	snprintf(redirect, sizeof(redirect), "Location: %s/repos/o/r\r\n", b_local);
	snprintf(link, sizeof(link), "Link: <%s/repos/o/r/issues?page=2>; rel=\"next\"\r\n", b_local);
	ASSERT_OK(double_start(&a, double_scripted, &sa));
	ASSERT_OK(double_start(&p, double_scripted, &sp));
	/* a redirect to another host is followed without the token */
	gh = client(double_url(a), "o/r");
	ASSERT_OK(gh->ops->get_repo(&repo, gh));
	ASSERT_INT_EQ(double_count(b), 1);
	auth = header_of(b, 0, "Authorization");
	ASSERT(auth == NULL);
	github_free(gh);
	/* a next-page link to another host is not followed at all */
	gh = client(double_url(p), "o/r");
	ASSERT_ERR(github_rest_get_all(&all, gh, "/repos/o/r/issues", "issues: read"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "refusing to follow the next-page link");
	ASSERT_INT_EQ(double_count(b), 1);
	github_free(gh);
	json_decref(repo);
	free(b_local);
	double_stop(a);
	double_stop(b);
	double_stop(p);
}

TEST(github_rest, error_statuses_are_explained)
{
	static const struct double_reply replies[] = {
		{401, NULL, "{\"message\":\"Bad credentials\"}", 0, 0, 0},
		{403, NULL, "{\"message\":\"Resource not accessible by integration\"}", 0, 0, 0},
		{404, NULL, "{\"message\":\"Not Found\"}", 0, 0, 0},
		{404, NULL, "{\"message\":\"Not Found\"}", 0, 0, 0},
		{422, NULL,
		 "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
		 "\"code\":\"custom\",\"message\":\"A pull request already exists for o:fix/x.\"}]}",
		 0, 0, 0},
		{422, NULL,
		 "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\",\"code\":"
		 "\"missing_field\",\"field\":\"title\"}]}", 0, 0, 0},
		{409, NULL, "{\"message\":\"Git Repository is empty.\"}", 0, 0, 0},
	};
	struct double_script script = {replies, ARRAY_SIZE(replies)};
	struct http_double *d = NULL;
	struct github *gh;
	struct github_created c = {0, NULL};
	json_t *repo = NULL;
	const char *labels[] = {"incident", NULL};

	ASSERT_OK(double_start(&d, double_scripted, &script));
	gh = client(double_url(d), "o/r");
	ASSERT_ERR(gh->ops->get_repo(&repo, gh), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "GitHub rejected the credentials for 'GET /repos/o/r' (401 Bad credentials)");
	ASSERT_NOT_CONTAINS(err_last(), TOKEN);
	ASSERT_ERR(gh->ops->create_issue(&c, gh, "t", "b", labels), ERR_FAIL);
	ASSERT_STR_EQ(err_last(), "GitHub refused 'POST /repos/o/r/issues' (403 Resource not accessible "
				  "by integration): the token lacks the 'issues: write' permission");
	ASSERT_ERR(gh->ops->get_repo(&repo, gh), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "repository 'o/r' not found (404 for 'GET /repos/o/r'");
	ASSERT_ERR(gh->ops->dispatch_workflow(gh, "infra-remediation.yml", "main", NULL), ERR_NOTFOUND);
	ASSERT_STR_EQ(err_last(), "workflow 'infra-remediation.yml' in 'o/r' (it must exist on the "
				  "default branch) not found (404 for 'POST "
				  "/repos/o/r/actions/workflows/infra-remediation.yml/dispatches')");
	ASSERT_ERR(gh->ops->create_pull(&c, gh, "t", "b", "fix/x", "main", NULL), ERR_CONFLICT);
	ASSERT_CONTAINS(err_last(), "A pull request already exists for o:fix/x.");
	ASSERT_ERR(gh->ops->create_issue(&c, gh, "", "b", NULL), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "(422 Validation Failed: Issue.title is required)");
	ASSERT_ERR(github_rest_call(NULL, gh, "GET", "/repos/o/r/git/ref/heads/main", NULL, "contents: read"),
		   ERR_CONFLICT);
	ASSERT_CONTAINS(err_last(), "409 Git Repository is empty.");
	github_free(gh);
	double_stop(d);
}

TEST(github_rest, merged_window_stops_paging)
{
	static char next[200];
	struct double_reply replies[] = {
		{200, next,
		 "[{\"number\":9,\"title\":\"open->closed, not merged\",\"updated_at\":\"2026-03-11T12:00:00Z\","
		 "\"merged_at\":null},"
		 "{\"number\":8,\"title\":\"in\",\"updated_at\":\"2026-03-11T11:00:00Z\","
		 "\"merged_at\":\"2026-03-11T10:00:00Z\"},"
		 "{\"number\":7,\"title\":\"after the alert\",\"updated_at\":\"2026-03-11T10:30:00Z\","
		 "\"merged_at\":\"2026-03-12T10:00:00Z\"},"
		 "{\"number\":6,\"title\":\"edge\",\"updated_at\":\"2026-03-08T09:00:00Z\","
		 "\"merged_at\":\"2026-03-08T09:00:00Z\"}]", 0, 0, 0},
		{200, NULL, "[{\"number\":5,\"title\":\"never asked\",\"updated_at\":\"2026-01-01T00:00:00Z\","
			    "\"merged_at\":\"2026-01-01T00:00:00Z\"}]", 0, 0, 0},
	};
	struct double_script script = {replies, 2};
	struct http_double *d = NULL;
	struct github *gh;
	struct github_pull *pulls = NULL;
	size_t n = 0;
	time_t since, until;

	ASSERT_OK(double_start(&d, double_scripted, &script));
	snprintf(next, sizeof(next), "Link: <%s/repos/o/r/pulls?page=2>; rel=\"next\"\r\n", double_url(d));
	gh = client(double_url(d), "o/r");
	ASSERT_OK(sys_parse_time(&until, "2026-03-11T12:00:00Z"));
	since = until - 72 * 3600; /* 2026-03-08T12:00:00Z */
	ASSERT_OK(github_merged_pulls_window(&pulls, &n, gh, since, until));
	ASSERT_INT_EQ(n, 1);
	ASSERT_INT_EQ(pulls[0].number, 8);
	ASSERT_INT_EQ(double_count(d), 1); /* the first page already reached before `since` */
	ASSERT_STR_EQ(double_request(d, 0)->path,
		      "/repos/o/r/pulls?state=closed&sort=updated&direction=desc&per_page=100");
	github_pulls_free(pulls, n);
	github_free(gh);
	double_stop(d);
}

#define LBL "\"labels\":[{\"name\":\"aiops-generated\"}]"
#define BY(login) "\"user\":{\"login\":\"" login "\"}"

TEST(github_rest, finds_only_our_own_issue_by_fingerprint)
{
	static const struct double_reply replies[] = {
		{200, NULL, "{\"login\":\"aiops-bot\",\"type\":\"User\"}", 0, 0, 0},
		{200, NULL,
		 "[{\"number\":9,\"html_url\":\"https://x/pull/9\",\"pull_request\":{}," LBL "," BY("aiops-bot") ","
		 "\"body\":\"<!-- aiops-fingerprint: abc -->\"},"
		 "{\"number\":7,\"html_url\":\"https://x/issues/7\"," LBL "," BY("aiops-bot") ","
		 "\"body\":\"quoted: <!-- aiops-fingerprint: abc -->\"},"
		 "{\"number\":6,\"html_url\":\"https://x/issues/6\"," LBL "," BY("aiops-bot") ","
		 "\"body\":\"<!-- aiops-fingerprint: abd -->\"},"
		 "{\"number\":5,\"html_url\":\"https://x/issues/5\"," LBL "," BY("mallory") ","
		 "\"body\":\"<!-- aiops-fingerprint: abc -->\"},"
		 "{\"number\":3,\"html_url\":\"https://x/issues/3\",\"labels\":[]," BY("aiops-bot") ","
		 "\"body\":\"<!-- aiops-fingerprint: abc -->\"},"
		 "{\"number\":4,\"html_url\":\"https://x/issues/4\"," LBL "," BY("AIOPS-BOT") ","
		 "\"body\":\"<!-- aiops-fingerprint: abc -->\\r\\nbody\"}]",
		 0, 0, 0},
		{200, NULL, "[]", 0, 0, 0},
		/* the list fails, the search too: nobody can tell, so nobody may open another */
		{404, NULL, "{\"message\":\"Not Found\"}", 0, 0, 0},
		{422, NULL, "{\"message\":\"Validation Failed\"}", 0, 0, 0},
		/* the list fails, the search answers */
		{404, NULL, "{\"message\":\"Not Found\"}", 0, 0, 0},
		{200, NULL, "{\"total_count\":1,\"incomplete_results\":false,\"items\":[{\"number\":4,"
			    "\"html_url\":\"https://x/issues/4\"," LBL "," BY("aiops-bot") ","
			    "\"body\":\"<!-- aiops-fingerprint: abc -->\"}]}", 0, 0, 0},
	};
	struct double_script script = {replies, ARRAY_SIZE(replies)};
	struct http_double *d = NULL;
	struct github *gh;
	struct github_created c = {0, NULL};

	ASSERT_OK(double_start(&d, double_scripted, &script));
	gh = client(double_url(d), "o/r");
	/* the pull request, the quoted marker, another fingerprint, an outsider's issue and
	 * an unlabelled one are not ours: #4 is (logins compare without case) */
	ASSERT_OK(gh->ops->find_issue_by_fingerprint(&c, gh, "abc"));
	ASSERT_INT_EQ(c.number, 4);
	ASSERT_STR_EQ(double_request(d, 0)->path, "/user");
	ASSERT_STR_EQ(double_request(d, 1)->path,
		      "/repos/o/r/issues?state=open&labels=aiops-generated&creator=aiops-bot&per_page=100");
	github_created_release(&c);
	ASSERT_ERR(gh->ops->find_issue_by_fingerprint(&c, gh, "abc"), ERR_NOTFOUND);
	ASSERT_INT_EQ(double_count(d), 3); /* who we are is asked once */
	ASSERT_CONTAINS(err_last(), "no open issue of ours carries fingerprint abc in 'o/r'");
	ASSERT_ERR(gh->ops->find_issue_by_fingerprint(&c, gh, "abc"), ERR_NET);
	ASSERT_CONTAINS(err_last(), "not opening another");
	ASSERT_STR_EQ(double_request(d, 4)->path,
		      "/search/issues?q=repo%3Ao%2Fr%20is%3Aissue%20is%3Aopen%20label%3Aaiops-generated%20"
		      "author%3Aaiops-bot%20%22aiops-fingerprint%3A%20abc%22&per_page=20");
	ASSERT_OK(gh->ops->find_issue_by_fingerprint(&c, gh, "abc"));
	ASSERT_INT_EQ(c.number, 4);
	github_created_release(&c);
	github_free(gh);
	double_stop(d);
}

TEST(github_rest, contents_are_decoded)
{
	static const struct double_reply replies[] = {
		{200, NULL, "{\"full_name\":\"o/r\",\"default_branch\":\"trunk\",\"html_url\":\"https://x/o/r\"}",
		 0, 0, 0},
		{200, NULL, "{\"type\":\"file\",\"encoding\":\"base64\",\"content\":\"aGVsbG8g\\nd29ybGQK\\n\"}",
		 0, 0, 0},
		{200, NULL, "{\"type\":\"file\",\"encoding\":\"none\",\"content\":\"\"}", 0, 0, 0},
		{200, NULL, "big raw bytes", 0, 0, 0},
		{200, NULL, "[{\"type\":\"file\",\"name\":\"a\"}]", 0, 0, 0},
	};
	struct double_script script = {replies, ARRAY_SIZE(replies)};
	struct http_double *d = NULL;
	struct github *gh;
	struct buf b = BUF_INIT;
	char *accept;

	ASSERT_OK(double_start(&d, double_scripted, &script));
	gh = client(double_url(d), "o/r");
	ASSERT_OK(gh->ops->read_file(&b, gh, "knowledge-base/incidents.md"));
	ASSERT_STR_EQ(b.ptr, "hello world\n");
	ASSERT_STR_EQ(double_request(d, 1)->path,
		      "/repos/o/r/contents/knowledge-base/incidents.md?ref=trunk");
	buf_reset(&b);
	ASSERT_OK(gh->ops->get_contents(&b, gh, "src/big file.bin", "fix/x"));
	ASSERT_STR_EQ(b.ptr, "big raw bytes");
	ASSERT_STR_EQ(double_request(d, 3)->path, "/repos/o/r/contents/src/big%20file.bin?ref=fix%2Fx");
	accept = header_of(d, 3, "Accept");
	ASSERT_STR_EQ(accept, "application/vnd.github.raw+json");
	free(accept);
	ASSERT_ERR(gh->ops->read_file(&b, gh, "src"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'src' in 'o/r' is a directory");
	buf_release(&b);
	github_free(gh);
	double_stop(d);
}

TEST(github_rest, ghes_base_url_and_dispatch)
{
	static const struct double_reply replies[] = {
		{204, NULL, NULL, 0, 0, 0},
		{200, NULL, "{\"full_name\":\"o/r\",\"default_branch\":\"main\",\"html_url\":\"https://ghe.example/o/r\"}",
		 0, 0, 0},
	};
	struct double_script script = {replies, 2};
	struct http_double *d = NULL;
	struct github *gh;
	struct github_created run = {0, NULL};
	json_t *inputs = json_pack("{s:s}", "action", "restart");
	char *api, *git;

	ASSERT_OK(double_start(&d, double_scripted, &script));
	api = xasprintf("%s/api/v3/", double_url(d));
	gh = client(api, "o/r");
	ASSERT_OK(gh->ops->dispatch_workflow_run(&run, gh, "infra-remediation.yml", "main", inputs));
	ASSERT_STR_EQ(double_request(d, 0)->path,
		      "/api/v3/repos/o/r/actions/workflows/infra-remediation.yml/dispatches");
	/* GHES does not know return_run_details */
	ASSERT_STR_EQ(double_request(d, 0)->body.ptr, "{\"ref\":\"main\",\"inputs\":{\"action\":\"restart\"}}");
	ASSERT_STR_EQ(run.url, "https://ghe.example/o/r/actions/workflows/infra-remediation.yml");
	git = github_git_url(gh, NULL);
	{
		char *want = xasprintf("%s/o/r.git", double_url(d));

		ASSERT_STR_EQ(git, want);
		free(want);
	}
	free(git);
	git = github_git_url(gh, "https://ghe.example/");
	ASSERT_STR_EQ(git, "https://ghe.example/o/r.git");
	free(git);
	github_created_release(&run);
	json_decref(inputs);
	github_free(gh);
	free(api);
	double_stop(d);
}

TEST(github_rest, dispatch_reports_the_run)
{
	static const struct double_reply replies[] = {
		{200, NULL, "{\"workflow_run_id\":4242,\"run_url\":\"https://api.github.com/repos/o/r/actions/runs/4242\","
			    "\"html_url\":\"https://github.com/o/r/actions/runs/4242\"}", 0, 0, 0},
	};
	struct double_script script = {replies, 1};
	struct http_double *d = NULL;
	struct github *gh;
	struct github_created run = {0, NULL};

	ASSERT_OK(double_start(&d, double_scripted, &script));
	gh = client(double_url(d), "o/r");
	ASSERT_OK(gh->ops->dispatch_workflow_run(&run, gh, "infra-remediation.yml", "main", NULL));
	ASSERT_STR_EQ(double_request(d, 0)->body.ptr, "{\"ref\":\"main\",\"return_run_details\":true}");
	ASSERT_STR_EQ(run.url, "https://github.com/o/r/actions/runs/4242");
	github_created_release(&run);
	github_free(gh);
	double_stop(d);
}

TEST(github_rest, upserts_are_idempotent)
{
	static const struct double_reply replies[] = {
		/* first run: a workflow's token may not ask who it is; nothing found, created */
		{403, NULL, "{\"message\":\"Resource not accessible by integration\"}", 0, 0, 0},
		{200, NULL, "[]", 0, 0, 0},
		{201, NULL, "{\"number\":11,\"id\":1100,\"html_url\":\"https://x/issues/11\"}", 0, 0, 0},
		/* second run: found, a comment instead */
		{200, NULL, "[{\"number\":11,\"html_url\":\"https://x/issues/11\"," LBL ","
			    BY("github-actions[bot]") ",\"body\":\"<!-- aiops-fingerprint: f00d -->\\n\\nb\"}]",
		 0, 0, 0},
		{201, NULL, "{\"id\":777,\"html_url\":\"https://x/issues/11#issuecomment-777\"}", 0, 0, 0},
		/* pull request: an open one exists, it is updated and labelled */
		{200, NULL, "[{\"number\":12,\"html_url\":\"https://x/pull/12\",\"head\":{\"ref\":\"fix/a\"}}]",
		 0, 0, 0},
		{200, NULL, "{\"number\":12}", 0, 0, 0},
		{200, NULL, "[{\"name\":\"aiops-generated\"}]", 0, 0, 0},
	};
	struct double_script script = {replies, ARRAY_SIZE(replies)};
	struct http_double *d = NULL;
	struct github *gh;
	struct github_created c = {0, NULL};
	const char *labels[] = {"incident", "aiops-generated", "P1", NULL};
	bool existed = true;

	ASSERT_OK(double_start(&d, double_scripted, &script));
	gh = client(double_url(d), "o/r");
	ASSERT_OK(github_upsert_issue(&c, &existed, gh, "f00d", "Checkout is down", "b", labels,
				      "recurred at 2026-03-11T12:00:00Z"));
	ASSERT(!existed);
	ASSERT_INT_EQ(c.number, 11);
	ASSERT_STR_EQ(double_request(d, 2)->body.ptr,
		      "{\"title\":\"Checkout is down\",\"body\":\"<!-- aiops-fingerprint: f00d -->\\n\\nb\","
		      "\"labels\":[\"incident\",\"aiops-generated\",\"P1\"]}");
	github_created_release(&c);
	ASSERT_OK(github_upsert_issue(&c, &existed, gh, "f00d", "Checkout is down", "b", labels,
				      "recurred at 2026-03-11T13:00:00Z"));
	ASSERT(existed);
	ASSERT_INT_EQ(c.number, 11);
	ASSERT_STR_EQ(double_request(d, 4)->path, "/repos/o/r/issues/11/comments");
	ASSERT_STR_EQ(double_request(d, 4)->body.ptr, "{\"body\":\"recurred at 2026-03-11T13:00:00Z\"}");
	github_created_release(&c);
	ASSERT_OK(github_upsert_pull(&c, &existed, gh, "Fix", "body", "fix/a", "main", labels + 1));
	ASSERT(existed);
	ASSERT_INT_EQ(c.number, 12);
	ASSERT_STR_EQ(double_request(d, 5)->path, "/repos/o/r/pulls?state=open&head=o%3Afix%2Fa&per_page=100");
	ASSERT_STR_EQ(double_request(d, 6)->method, "PATCH");
	ASSERT_STR_EQ(double_request(d, 6)->body.ptr, "{\"title\":\"Fix\",\"body\":\"body\"}");
	ASSERT_STR_EQ(double_request(d, 7)->path, "/repos/o/r/issues/12/labels");
	ASSERT_STR_EQ(double_request(d, 7)->body.ptr, "{\"labels\":[\"aiops-generated\",\"P1\"]}");
	ASSERT_INT_EQ(double_count(d), 8);
	github_created_release(&c);
	github_free(gh);
	double_stop(d);
}

/* Diffs by path: /repos/o/r/pulls/<n> answers "diff <n>", #3 is missing. */
static void diff_handler(const struct double_request *req, size_t index, struct double_reply *reply,
			 void *ctx)
{
	static const char *const bodies[] = {"diff 0", "diff 1", "diff 2", "diff 3", "diff 4", "diff 5"};
	const char *n = strrchr(req->path, '/') + 1;
	long k = strtol(n, NULL, 10);

	(void)index;
	(void)ctx;
	if (k == 3 || k < 0 || k > 5) {
		reply->status = 404;
		reply->body = "{\"message\":\"Not Found\"}";
		return;
	}
	reply->body = bodies[k];
}

TEST(github_rest, fetches_diffs_concurrently)
{
	struct http_double *d = NULL;
	struct github *gh;
	struct github_pull_diff diffs[5];
	char *accept;

	memset(diffs, 0, sizeof(diffs));
	for (int i = 0; i < 5; i++)
		diffs[i].number = i + 1;
	ASSERT_OK(double_start(&d, diff_handler, NULL));
	gh = client(double_url(d), "o/r");
	ASSERT_ERR(github_fetch_diffs(diffs, 5, gh, 3), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "pull request #3 in 'o/r' not found");
	for (int i = 0; i < 5; i++) {
		if (diffs[i].number == 3) {
			ASSERT_INT_EQ(diffs[i].error, ERR_NOTFOUND);
			continue;
		}
		ASSERT_INT_EQ(diffs[i].error, 0);
		ASSERT_INT_EQ(diffs[i].diff.len, 6);
		ASSERT_INT_EQ(diffs[i].diff.ptr[5], '0' + diffs[i].number);
	}
	ASSERT_INT_EQ(double_count(d), 5);
	accept = header_of(d, 0, "Accept");
	ASSERT_STR_EQ(accept, "application/vnd.github.diff");
	free(accept);
	github_pull_diffs_release(diffs, 5);
	github_free(gh);
	double_stop(d);
}

TEST(github_rest, retries_then_succeeds_or_gives_up)
{
	static const struct double_reply replies[] = {
		{502, NULL, "bad gateway", 0, 0, 0},
		{200, NULL, "{\"full_name\":\"o/r\",\"default_bra", 0, 0, 0},
		{200, NULL, "{\"full_name\":\"o/r\",\"default_branch\":\"main\"}", 0, 0, 24},
		{200, NULL, "{\"full_name\":\"o/r\",\"default_branch\":\"main\"}", 0, 0, 0},
		{503, NULL, "unavailable", 0, 0, 0},
	};
	struct double_script script = {replies, ARRAY_SIZE(replies)};
	struct http_double *d = NULL;
	struct github *gh;
	json_t *repo = NULL;

	http_set_backoff_scale(0);
	ASSERT_OK(double_start(&d, double_scripted, &script));
	gh = client(double_url(d), "o/r");
	/* a 502 is retried; the answer is JSON cut short: said so, not retried */
	ASSERT_ERR(gh->ops->get_repo(&repo, gh), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "GitHub's answer is not JSON");
	ASSERT_INT_EQ(double_count(d), 2);
	/* a body shorter than its Content-Length is a transfer error: retried */
	ASSERT_OK(gh->ops->get_repo(&repo, gh));
	ASSERT_STR_EQ(jsonx_str(repo, "default_branch"), "main");
	ASSERT_INT_EQ(double_count(d), 4);
	json_decref(repo);
	/* 503 three times: ERR_NET naming the request */
	ASSERT_ERR(gh->ops->get_repo(&repo, gh), ERR_NET);
	ASSERT_CONTAINS(err_last(), "answered 503 after 3 attempts");
	github_free(gh);
	double_stop(d);
	http_set_backoff_scale(1);
}

TEST(github_rest, options_are_checked)
{
	struct github_rest_opts o = GITHUB_REST_OPTS_INIT;
	struct github *gh = NULL;

	o.repository = "just-a-name";
	o.token = TOKEN;
	ASSERT_ERR(github_rest_new(&gh, &o), ERR_USAGE);
	ASSERT_CONTAINS(err_last(), "GITHUB_REPOSITORY 'just-a-name' is not 'owner/name'");
	o.repository = "o/r";
	o.api_url = "ftp://x";
	ASSERT_ERR(github_rest_new(&gh, &o), ERR_USAGE);
	o.api_url = NULL;
	o.token = NULL;
	ASSERT_ERR(github_rest_new(&gh, &o), ERR_USAGE);
	ASSERT_CONTAINS(err_last(), "set GITHUB_TOKEN, or GITHUB_APP_ID");
	o.app_id = "123";
	ASSERT_ERR(github_rest_new(&gh, &o), ERR_USAGE);
	ASSERT_CONTAINS(err_last(), "GITHUB_APP_INSTALLATION_ID");
	o.token = TOKEN;
	ASSERT_OK(github_rest_new(&gh, &o));
	ASSERT_STR_EQ(github_token(gh), TOKEN);
	{
		char *git = github_git_url(gh, NULL);

		ASSERT_STR_EQ(git, "https://github.com/o/r.git");
		free(git);
	}
	github_free(gh);
}

/* The App exchange: a JWT in, an installation token out, then used for everything. */
static void app_handler(const struct double_request *req, size_t index, struct double_reply *reply,
			void *ctx)
{
	(void)ctx;
	if (index == 0 && !strcmp(req->path, "/app/installations/42/access_tokens")) {
		reply->status = 201;
		reply->body = "{\"token\":\"ghs_16C7e42F292c6912E7710c838347Ae178B4a\","
			      "\"expires_at\":\"2030-01-01T00:00:00Z\"}";
		return;
	}
	reply->body = "{\"full_name\":\"o/r\",\"default_branch\":\"main\"}";
}

TEST(github_rest, app_installation_token)
{
	const char *dir = harness_tmpdir();
	struct github_rest_opts o = GITHUB_REST_OPTS_INIT;
	struct http_double *d = NULL;
	struct github *gh = NULL;
	struct buf pem = BUF_INIT, out = BUF_INIT;
	json_t *repo = NULL;
	char *key = sys_path_join(dir, "app.pem"), *auth, *jwt, *dot1, *dot2;

	ASSERT_INT_EQ(harness_run(&out, "openssl genrsa -out '%s' 2048", key), 0);
	ASSERT_OK(sys_read_file(&pem, key, 1 << 16));
	ASSERT_OK(double_start(&d, app_handler, NULL));
	o.api_url = double_url(d);
	o.repository = "o/r";
	o.app_id = "123";
	o.app_private_key = pem.ptr;
	o.app_installation_id = "42";
	ASSERT_OK(github_rest_new(&gh, &o));
	ASSERT_STR_EQ(github_token(gh), "ghs_16C7e42F292c6912E7710c838347Ae178B4a");
	ASSERT_OK(gh->ops->get_repo(&repo, gh));
	ASSERT_STR_EQ(double_request(d, 0)->method, "POST");
	auth = header_of(d, 0, "Authorization");
	ASSERT(auth && !strncmp(auth, "Bearer eyJ", 10));
	jwt = auth + 7;
	ASSERT((dot1 = strchr(jwt, '.')) && (dot2 = strchr(dot1 + 1, '.')) && !strchr(dot2 + 1, '.'));
	free(auth);
	auth = header_of(d, 1, "Authorization");
	ASSERT_STR_EQ(auth, "Bearer ghs_16C7e42F292c6912E7710c838347Ae178B4a");
	free(auth);
	json_decref(repo);
	github_free(gh);
	/* a key that is not one */
	o.app_private_key = "-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----\n";
	ASSERT_ERR(github_rest_new(&gh, &o), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot parse the private key in 'GITHUB_APP_PRIVATE_KEY'");
	ASSERT_NOT_CONTAINS(err_last(), "nope");
	double_stop(d);
	buf_release(&pem);
	buf_release(&out);
	free(key);
}
