/*
 * http.h - the only user of libcurl: one request, with retries, caps and a redacted trace.
 *
 * Retry policy lives here and nowhere else. A request is retried (up to `max_attempts`)
 * on connection errors and timeouts, on 408, 429, 500, 502, 503 and 504, and on a 403
 * that is a rate limit (a Retry-After header or x-ratelimit-remaining: 0). The wait is
 * exponential with jitter (0.5 s, 1 s, 2 s, ... capped at 30 s), unless the server says
 * how long: Retry-After (seconds or an HTTP date) or x-ratelimit-reset (epoch seconds),
 * honoured up to `max_wait_s`. Waits longer than that end the retries.
 *
 * Every request sends "User-Agent: aiops-agent/<version>". Response bodies are capped
 * (`max_response`): past the cap the transfer stops with ERR_TOO_BIG naming the URL.
 *
 * Credentials stay at the request's origin (scheme, host and port of `url`): the token
 * ("Authorization: Bearer") and every extra header but a few harmless ones (Accept,
 * Content-Type, X-GitHub-Api-Version: an "api-key" header is a credential). Redirects
 * (301, 302, 303, 307, 308; up to 5) are followed here rather than by libcurl, because
 * libcurl 7.88 sends custom headers to any host it is redirected to and re-posts the
 * body on 307/308. A redirect to the same origin keeps everything; to another origin
 * it goes without credentials (a job-log download handed to a storage host); a
 * request whose body would go to another origin is not followed at all: ERR_NET says
 * where it was sent. A 303, or a 301/302 after a POST, goes on as a GET without body.
 *
 * With AIOPS_TRACE=1 each attempt is written to stderr as one line (method, URL,
 * status, bytes, time), tokens redacted. Knows nothing of GitHub or models.
 *
 * Thread-safe: each call uses its own handle; libcurl is initialised once.
 */
#ifndef AIOPS_HTTP_H
#define AIOPS_HTTP_H

#include "common.h"
#include "util/buf.h"

struct http_req {
	const char *method;          /* default "GET" (or "POST" when body is set) */
	const char *url;
	const char *const *headers;  /* extra "Name: value" lines, NULL-terminated, or NULL */
	const char *body;            /* request body or NULL */
	size_t body_len;
	const char *token;           /* sent as "Authorization: Bearer <token>", or NULL */
	size_t max_response;         /* body cap; default HTTP_BODY_MAX */
	long timeout_ms;             /* whole attempt; default 30000 */
	long connect_timeout_ms;     /* default 10000 */
	int max_attempts;            /* default 4; 1 means no retry */
	int max_wait_s;              /* longest server-requested wait honoured; default 60 */
};

#define HTTP_REQ_INIT {NULL, NULL, NULL, NULL, 0, NULL, 0, 0, 0, 0, 0}

struct http_resp {
	long status;                 /* the last attempt's HTTP status (0: no response) */
	struct buf body;             /* the last attempt's body */
	char *content_type;          /* or NULL */
	char *next_url;              /* Link: <...>; rel="next", or NULL */
	char *location;              /* Location header, or NULL */
	long ratelimit_remaining;    /* -1 when absent */
	long retry_after_s;          /* what the server asked for, -1 when absent */
	int attempts;                /* how many were made */
};

#define HTTP_RESP_INIT {0, BUF_INIT, NULL, NULL, NULL, -1, -1, 0}

/*
 * Perform `req`. Returns 0 when a response was received (any status: look at
 * resp->status; 4xx are the caller's to explain), ERR_NET when no usable response came
 * after the retries (connection errors, timeouts, or still 429/5xx: the message names
 * the URL, the last status and the attempts), ERR_TOO_BIG past the body cap, ERR_USAGE
 * for a request that cannot be made (bad URL).
 */
int http_perform(struct http_resp *resp, const struct http_req *req);
void http_resp_release(struct http_resp *resp);

/*
 * http_perform for big bodies: a 2xx body is streamed into the file `path` (created or
 * truncated; rewritten from its start on each redirect hop and retry) instead of
 * memory, up to `max_bytes` (past it: ERR_TOO_BIG, the file keeps what came); any other
 * status's body lands in resp->body as usual, for the caller's message. `*bytes` is the
 * size written on success. Redirects and credentials as above: a log download that the
 * API answers with 302 to a storage host goes there without the token. ERR_IO when the
 * file cannot be written.
 */
int http_download(struct http_resp *resp, size_t *bytes, const struct http_req *req, const char *path,
		  size_t max_bytes);

/*
 * Do `a` and `b` share scheme, host and port (the scheme's default port when none is
 * written; host names compared without case)? False when either does not parse.
 */
bool http_same_origin(const char *a, const char *b);

/* For tests: scale every backoff wait (1.0 = real time; 0 = no waiting). */
void http_set_backoff_scale(double scale);

#endif
