/*
 * Credentials stay home: every credential is bound to the scheme, host and port of the
 * URL it was given for. Two loopback doubles on two ports of 127.0.0.1 play the origin
 * and "somewhere else" (same host, another port: the case a host-only check lets
 * through); what the second one received is read from its records.
 */
#include "common.h"
#include "harness.h"
#include "double.h"
#include "io/gitops.h"
#include "io/http.h"
#include "io/model.h"
#include "util/sys.h"

#define REST_TOKEN "ghs_redirectRestToken0123456789abcdefAB"
#define MODEL_KEY "azure-model-key-0123456789abcdef"
#define GIT_TOKEN "ghs_redirectGitToken0123456789abcdefABCD"
#define PROMPT_MARK "prompt-that-must-stay-home"

/* The port of a double, for a Location header. */
static const char *port_of(struct http_double *d)
{
	return strrchr(double_url(d), ':') + 1;
}

/* How many requests `d` received hold `needle` in their headers or body. */
static size_t holding(struct http_double *d, const char *needle)
{
	size_t n = 0;

	for (size_t i = 0; i < double_count(d); i++) {
		const struct double_request *r = double_request(d, i);

		n += strstr(r->headers, needle) || strstr(r->body.ptr, needle);
	}
	return n;
}

TEST(redirects, same_origin_test)
{
	ASSERT(http_same_origin("https://api.github.com/x", "https://API.github.com:443/y?z"));
	ASSERT(http_same_origin("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b"));
	ASSERT(!http_same_origin("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a"));
	ASSERT(!http_same_origin("https://api.github.com/x", "http://api.github.com/x"));
	ASSERT(!http_same_origin("https://api.github.com/x", "https://api.github.com.evil.example/x"));
	ASSERT(!http_same_origin("not a url", "https://api.github.com/x"));
}

/*
 * The job-log download: GitHub answers 302 with a storage URL; the download goes there
 * without the token, and a redirect back to the origin's own port keeps it.
 */
TEST(redirects, rest_redirect_to_another_port_drops_the_token)
{
	static struct double_reply to_storage[1], to_self[2];
	static const struct double_reply stored[] = {{200, NULL, "log line 1\n", 0, 0, 0}};
	struct double_script s_storage = {stored, 1}, s_api = {to_storage, 1}, s_self = {to_self, 2};
	struct http_double *api = NULL, *storage = NULL, *self = NULL;
	struct http_resp resp = HTTP_RESP_INIT;
	struct http_req req = HTTP_REQ_INIT;
	char *loc, *loc_self, *url, *auth;

	ASSERT_OK(double_start(&storage, double_scripted, &s_storage));
	loc = xasprintf("Location: http://127.0.0.1:%s/logs/1.txt?sig=abc\r\n", port_of(storage));
	to_storage[0] = (struct double_reply){302, loc, "", 0, 0, 0};
	ASSERT_OK(double_start(&api, double_scripted, &s_api));
	url = xasprintf("%s/repos/o/r/actions/jobs/1/logs", double_url(api));
	req.url = url;
	req.token = REST_TOKEN;
	req.max_attempts = 1;
	ASSERT_OK(http_perform(&resp, &req));
	ASSERT_INT_EQ(resp.status, 200);
	ASSERT_STR_EQ(resp.body.ptr, "log line 1\n");
	ASSERT_INT_EQ(double_count(storage), 1);
	ASSERT_INT_EQ(holding(storage, REST_TOKEN), 0);
	auth = double_header(double_request(storage, 0), "Authorization");
	ASSERT(auth == NULL);
	auth = double_header(double_request(api, 0), "Authorization");
	ASSERT_STR_EQ(auth, "Bearer " REST_TOKEN);
	free(auth);
	http_resp_release(&resp);

	/* the same origin: the token follows */
	ASSERT_OK(double_start(&self, double_scripted, &s_self));
	loc_self = xasprintf("Location: http://127.0.0.1:%s/moved\r\n", port_of(self));
	to_self[0] = (struct double_reply){301, loc_self, "", 0, 0, 0};
	to_self[1] = (struct double_reply){200, NULL, "here", 0, 0, 0};
	req.url = double_url(self);
	ASSERT_OK(http_perform(&resp, &req));
	ASSERT_INT_EQ(resp.status, 200);
	ASSERT_INT_EQ(double_count(self), 2);
	ASSERT_STR_EQ(double_request(self, 1)->path, "/moved");
	auth = double_header(double_request(self, 1), "Authorization");
	ASSERT_STR_EQ(auth, "Bearer " REST_TOKEN);
	free(auth);
	http_resp_release(&resp);
	double_stop(api);
	double_stop(storage);
	double_stop(self);
	free(loc);
	free(loc_self);
	free(url);
}

/*
 * An Azure OpenAI endpoint that answers 307 towards another port: neither the api-key
 * header nor the prompt reaches it; the call fails saying where it was sent.
 */
TEST(redirects, model_redirect_keeps_key_and_prompt_home)
{
	static struct double_reply moved[1];
	static const struct double_reply answer[] = {
		{200, "Content-Type: application/json\r\n",
		 "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"{}\"}}]}", 0, 0, 0},
	};
	struct double_script s_other = {answer, 1}, s_model = {moved, 1};
	struct http_double *model = NULL, *other = NULL;
	struct model_config cfg = MODEL_CONFIG_INIT;
	struct model_client *c = NULL;
	struct model_message msgs[] = {{"system", "You answer in JSON."}, {"user", PROMPT_MARK}};
	struct model_call call = {0};
	struct model_answer ans;
	char *loc;

	http_set_backoff_scale(0);
	ASSERT_OK(double_start(&other, double_scripted, &s_other));
	loc = xasprintf("Location: http://127.0.0.1:%s/openai/deployments/d/chat/completions\r\n",
			port_of(other));
	moved[0] = (struct double_reply){307, loc, "", 0, 0, 0};
	ASSERT_OK(double_start(&model, double_scripted, &s_model));
	cfg.base_url = xasprintf("%s/openai/deployments/d", double_url(model));
	cfg.model = xstrdup("d");
	cfg.token = xstrdup(MODEL_KEY);
	cfg.azure = true;
	cfg.api_version = xstrdup("2024-10-21");
	cfg.max_attempts = 1;
	cfg.timeout_ms = 5000;
	ASSERT_OK(model_client_new(&c, &cfg));
	call.messages = msgs;
	call.nmessages = 2;
	ASSERT_ERR(model_chat(&ans, c, &call), ERR_NET);
	ASSERT_CONTAINS(err_last(), "another origin");
	/* the endpoint got the key and the prompt; the other port got nothing at all */
	ASSERT_INT_EQ(double_count(model), 1);
	ASSERT_INT_EQ(holding(model, MODEL_KEY), 1);
	ASSERT_INT_EQ(holding(model, PROMPT_MARK), 1);
	ASSERT_INT_EQ(double_count(other), 0);
	model_answer_release(&ans);
	model_client_free(c);
	model_config_release(&cfg);
	double_stop(model);
	double_stop(other);
	free(loc);
}

/* A model endpoint that moves within its origin still works, key and prompt included. */
TEST(redirects, model_redirect_within_the_origin_is_followed)
{
	static struct double_reply replies[2];
	struct double_script s = {replies, 2};
	struct http_double *model = NULL;
	struct model_config cfg = MODEL_CONFIG_INIT;
	struct model_client *c = NULL;
	struct model_message msgs[] = {{"user", PROMPT_MARK}};
	struct model_call call = {0};
	struct model_answer ans;
	char *key;

	replies[0] = (struct double_reply){308, "Location: /v2/chat/completions\r\n", "", 0, 0, 0};
	replies[1] = (struct double_reply){200, "Content-Type: application/json\r\n",
					   "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
					   "\"{\\\"ok\\\": true}\"}}]}", 0, 0, 0};
	ASSERT_OK(double_start(&model, double_scripted, &s));
	cfg.base_url = xasprintf("%s/v1", double_url(model));
	cfg.model = xstrdup("m");
	cfg.token = xstrdup(MODEL_KEY);
	cfg.azure = true;
	cfg.max_attempts = 1;
	cfg.timeout_ms = 5000;
	ASSERT_OK(model_client_new(&c, &cfg));
	call.messages = msgs;
	call.nmessages = 1;
	ASSERT_OK(model_chat(&ans, c, &call));
	ASSERT_INT_EQ(double_count(model), 2);
	ASSERT_STR_EQ(double_request(model, 1)->path, "/v2/chat/completions");
	ASSERT_CONTAINS(double_request(model, 1)->body.ptr, PROMPT_MARK);
	key = double_header(double_request(model, 1), "api-key");
	ASSERT_STR_EQ(key, MODEL_KEY);
	free(key);
	model_answer_release(&ans);
	model_client_free(c);
	model_config_release(&cfg);
	double_stop(model);
}

/*
 * git: the remote answers its first request with a redirect to another port of the
 * same host, which asks for credentials. The token goes to the remote's origin only;
 * pushing straight to the second port (its own origin) shows that it would be sent.
 */
TEST(redirects, git_credentials_not_sent_to_another_port)
{
	static struct double_reply moved[1];
	static const struct double_reply ask[] = {
		{401, "WWW-Authenticate: Basic realm=\"git\"\r\n", "auth", 0, 0, 0},
	};
	struct double_script s_other = {ask, 1}, s_remote = {moved, 1};
	struct http_double *remote = NULL, *other = NULL;
	struct gitops_remote r = GITOPS_REMOTE_INIT;
	struct gitops_file f = {"README.md", "x\n", 2, false};
	struct gitops *g = NULL;
	char *dir = sys_path_join(harness_tmpdir(), "repo"), *loc, *url, *direct, sha[41];
	size_t sent = 0;

	ASSERT_OK(gitops_init(&g, dir, "main"));
	ASSERT_OK(gitops_commit_files(sha, g, "main", NULL, &f, 1, "one"));
	ASSERT_OK(double_start(&other, double_scripted, &s_other));
	loc = xasprintf("Location: http://127.0.0.1:%s/o/r.git/info/refs?service=git-receive-pack\r\n",
			port_of(other));
	moved[0] = (struct double_reply){302, loc, "", 0, 0, 0};
	ASSERT_OK(double_start(&remote, double_scripted, &s_remote));
	url = xasprintf("%s/o/r.git", double_url(remote));
	r.url = url;
	r.token = GIT_TOKEN;
	ASSERT(gitops_push(g, &r, "main", false) < 0);
	ASSERT(double_count(other) >= 1);
	ASSERT_INT_EQ(holding(other, "Authorization"), 0);

	/* the control: the second port as the remote itself gets the token (once) */
	direct = xasprintf("%s/o/r.git", double_url(other));
	r.url = direct;
	ASSERT(gitops_push(g, &r, "main", false) < 0);
	for (size_t i = 0; i < double_count(other); i++) {
		char *auth = double_header(double_request(other, i), "Authorization");

		sent += auth != NULL;
		free(auth);
	}
	ASSERT_INT_EQ(sent, 1);
	gitops_free(g);
	double_stop(remote);
	double_stop(other);
	free(dir);
	free(loc);
	free(url);
	free(direct);
}
