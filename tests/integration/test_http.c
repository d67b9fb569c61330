#include "common.h"
#include "harness.h"
#include "double.h"
#include "io/http.h"
#include "util/sys.h"

static int run(struct http_resp *resp, const char *url, const char *token, int attempts)
{
	struct http_req req = HTTP_REQ_INIT;

	req.url = url;
	req.token = token;
	req.max_attempts = attempts;
	req.timeout_ms = 2000;
	return http_perform(resp, &req);
}

TEST(http, get_sends_user_agent_and_token)
{
	static const struct double_reply replies[] = {
		{200, "Content-Type: application/json\r\nLink: <http://x/next?page=2>; rel=\"next\", "
		      "<http://x/last?page=5>; rel=\"last\"\r\n", "{\"ok\":true}", 0, 0, 0},
	};
	struct double_script script = {replies, 1};
	struct http_double *d = NULL;
	struct http_resp resp = HTTP_RESP_INIT;
	char *url, *ua, *auth;

	ASSERT_OK(double_start(&d, double_scripted, &script));
	url = xasprintf("%s/repos/o/r/pulls?state=closed", double_url(d));
	ASSERT_OK(run(&resp, url, "tok_123456789", 1));
	ASSERT_INT_EQ(resp.status, 200);
	ASSERT_STR_EQ(resp.body.ptr, "{\"ok\":true}");
	ASSERT_STR_EQ(resp.next_url, "http://x/next?page=2");
	ASSERT_STR_EQ(double_request(d, 0)->path, "/repos/o/r/pulls?state=closed");
	ua = double_header(double_request(d, 0), "User-Agent");
	auth = double_header(double_request(d, 0), "Authorization");
	ASSERT_CONTAINS(ua, "aiops-agent/");
	ASSERT_STR_EQ(auth, "Bearer tok_123456789");
	free(ua);
	free(auth);
	free(url);
	http_resp_release(&resp);
	double_stop(d);
}

TEST(http, retries_5xx_and_429_then_succeeds)
{
	static const struct double_reply replies[] = {
		{500, NULL, "oops", 0, 0, 0},
		{429, "Retry-After: 0\r\n", "slow down", 0, 0, 0},
		{403, "x-ratelimit-remaining: 0\r\nx-ratelimit-reset: 0\r\n", "secondary", 0, 0, 0},
		{200, NULL, "done", 0, 0, 0},
	};
	struct double_script script = {replies, 4};
	struct http_double *d = NULL;
	struct http_resp resp = HTTP_RESP_INIT;

	http_set_backoff_scale(0);
	ASSERT_OK(double_start(&d, double_scripted, &script));
	ASSERT_OK(run(&resp, double_url(d), NULL, 5));
	ASSERT_INT_EQ(resp.status, 200);
	ASSERT_INT_EQ(resp.attempts, 4);
	ASSERT_INT_EQ(double_count(d), 4);
	http_resp_release(&resp);
	double_stop(d);
}

TEST(http, gives_up_with_err_net)
{
	static const struct double_reply replies[] = {{502, NULL, "bad gateway", 0, 0, 0}};
	struct double_script script = {replies, 1};
	struct http_double *d = NULL;
	struct http_resp resp = HTTP_RESP_INIT;

	http_set_backoff_scale(0);
	ASSERT_OK(double_start(&d, double_scripted, &script));
	ASSERT_ERR(run(&resp, double_url(d), NULL, 3), ERR_NET);
	ASSERT_CONTAINS(err_last(), "answered 502 after 3 attempts");
	ASSERT_INT_EQ(double_count(d), 3);
	http_resp_release(&resp);
	double_stop(d);
}

TEST(http, client_errors_are_returned_not_retried)
{
	static const struct double_reply replies[] = {{404, NULL, "{\"message\":\"Not Found\"}", 0, 0, 0}};
	struct double_script script = {replies, 1};
	struct http_double *d = NULL;
	struct http_resp resp = HTTP_RESP_INIT;

	ASSERT_OK(double_start(&d, double_scripted, &script));
	ASSERT_OK(run(&resp, double_url(d), NULL, 4));
	ASSERT_INT_EQ(resp.status, 404);
	ASSERT_INT_EQ(double_count(d), 1);
	http_resp_release(&resp);
	double_stop(d);
}

TEST(http, timeout_reset_and_truncation)
{
	static const struct double_reply slow[] = {{200, NULL, "late", 0, 1500, 0}};
	static const struct double_reply reset[] = {{0, NULL, NULL, 0, 0, 0}};
	static const struct double_reply cut[] = {{200, NULL, "{\"partial\": true}", 0, 0, 5}};
	struct double_script s1 = {slow, 1}, s2 = {reset, 1}, s3 = {cut, 1};
	struct http_double *d = NULL;
	struct http_resp resp = HTTP_RESP_INIT;
	struct http_req req = HTTP_REQ_INIT;

	http_set_backoff_scale(0);
	ASSERT_OK(double_start(&d, double_scripted, &s1));
	req.url = double_url(d);
	req.timeout_ms = 300;
	req.max_attempts = 2;
	ASSERT_ERR(http_perform(&resp, &req), ERR_NET);
	ASSERT_CONTAINS(err_last(), "cannot reach");
	http_resp_release(&resp);
	double_stop(d);

	ASSERT_OK(double_start(&d, double_scripted, &s2));
	ASSERT_ERR(run(&resp, double_url(d), NULL, 2), ERR_NET);
	http_resp_release(&resp);
	double_stop(d);

	ASSERT_OK(double_start(&d, double_scripted, &s3));
	ASSERT_ERR(run(&resp, double_url(d), NULL, 1), ERR_NET);
	http_resp_release(&resp);
	double_stop(d);
}

TEST(http, body_cap_refuses_huge_answers)
{
	static char big[100000];
	static struct double_reply replies[1];
	struct double_script script = {replies, 1};
	struct http_double *d = NULL;
	struct http_resp resp = HTTP_RESP_INIT;
	struct http_req req = HTTP_REQ_INIT;

	memset(big, 'x', sizeof(big) - 1);
	replies[0] = (struct double_reply){200, NULL, big, 0, 0, 0};
	ASSERT_OK(double_start(&d, double_scripted, &script));
	req.url = double_url(d);
	req.max_response = 1000;
	ASSERT_ERR(http_perform(&resp, &req), ERR_TOO_BIG);
	ASSERT_CONTAINS(err_last(), "exceeds 1000 bytes");
	http_resp_release(&resp);
	double_stop(d);
}

TEST(http, redirect_to_another_host_drops_the_token)
{
	static struct double_reply to_other[1];
	static const struct double_reply other[] = {{200, NULL, "moved here", 0, 0, 0}};
	struct double_script s_other = {other, 1}, s_first = {to_other, 1};
	struct http_double *first = NULL, *second = NULL;
	struct http_resp resp = HTTP_RESP_INIT;
	char *location, *auth;

	ASSERT_OK(double_start(&second, double_scripted, &s_other));
	/* "localhost" is another host name than "127.0.0.1" for libcurl */
	location = xasprintf("Location: http://localhost:%s/x\r\n", strrchr(double_url(second), ':') + 1);
	to_other[0] = (struct double_reply){302, location, "", 0, 0, 0};
	ASSERT_OK(double_start(&first, double_scripted, &s_first));
	ASSERT_OK(run(&resp, double_url(first), "secret_token_abcdef", 1));
	ASSERT_INT_EQ(resp.status, 200);
	ASSERT_INT_EQ(double_count(second), 1);
	auth = double_header(double_request(second, 0), "Authorization");
	ASSERT(auth == NULL);
	auth = double_header(double_request(first, 0), "Authorization");
	ASSERT(auth != NULL);
	free(auth);
	free(location);
	http_resp_release(&resp);
	double_stop(first);
	double_stop(second);
}
