#include "common.h"
#include "io/http.h"
#include "util/err.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/settings.h"

#include <curl/curl.h>
#include <errno.h>
#include <unistd.h>
#include <pthread.h>
#include <strings.h>
#include <time.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static double backoff_scale = 1.0;

static void global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (settings_get("AIOPS_HTTP_BACKOFF_SCALE"))
		backoff_scale = strtod(settings_get("AIOPS_HTTP_BACKOFF_SCALE"), NULL);
}

void http_set_backoff_scale(double scale)
{
	pthread_once(&once, global_init);
	backoff_scale = scale;
}

struct sink {
	struct buf *body;
	bool too_big;
	/* http_download: a 2xx body goes to `file` (up to `file_max` bytes), any other to `body` */
	FILE *file;
	size_t file_max, written;
	CURL *h;
};

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	long status = 0;

	if (s->file)
		curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &status);
	if (s->file && status >= 200 && status <= 299) {
		if (s->written + size * n > s->file_max) {
			s->too_big = true;
			return 0;
		}
		s->written += size * n;
		return fwrite(data, 1, size * n, s->file);
	}
	if (buf_add(s->body, data, size * n) < 0) {
		s->too_big = true;
		return 0; /* stops the transfer */
	}
	return size * n;
}

static char *header(CURL *h, const char *name)
{
	struct curl_header *hd = NULL;

	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK || !hd || !hd->value)
		return NULL;
	return xstrdup(hd->value);
}

/* <https://api.github.com/...?page=2>; rel="next", <...>; rel="last" */
static char *link_next(const char *link)
{
	const char *p = link;

	while (p && *p) {
		const char *lt = strchr(p, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		const char *end = gt ? strchr(gt, ',') : NULL;
		size_t seglen = end ? (size_t)(end - gt) : strlen(gt ? gt : "");

		if (!lt || !gt)
			return NULL;
		char *seg = xstrndup(gt, seglen);
		bool next = strstr(seg, "rel=\"next\"") != NULL;

		free(seg);
		if (next)
			return xstrndup(lt + 1, (size_t)(gt - lt - 1));
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

static long parse_retry_after(const char *v)
{
	char *end;
	long s;
	time_t when;

	if (!v)
		return -1;
	s = strtol(v, &end, 10);
	if (end != v && *end == '\0')
		return s < 0 ? 0 : s;
	/* An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT" */
	if ((when = curl_getdate(v, NULL)) != (time_t)-1) {
		long d = (long)difftime(when, time(NULL));

		return d < 0 ? 0 : d;
	}
	return -1;
}

static void collect_headers(struct http_resp *r, CURL *h)
{
	char *v;

	free(r->content_type);
	free(r->next_url);
	free(r->location);
	r->content_type = header(h, "content-type");
	r->location = header(h, "location");
	r->next_url = NULL;
	if ((v = header(h, "link"))) {
		r->next_url = link_next(v);
		free(v);
	}
	r->ratelimit_remaining = -1;
	if ((v = header(h, "x-ratelimit-remaining"))) {
		r->ratelimit_remaining = strtol(v, NULL, 10);
		free(v);
	}
	r->retry_after_s = -1;
	if ((v = header(h, "retry-after"))) {
		r->retry_after_s = parse_retry_after(v);
		free(v);
	} else if (r->ratelimit_remaining == 0 && (v = header(h, "x-ratelimit-reset"))) {
		long d = (long)difftime((time_t)strtoll(v, NULL, 10), time(NULL));

		r->retry_after_s = d < 0 ? 0 : d;
		free(v);
	}
}

static bool retryable_status(const struct http_resp *r)
{
	switch (r->status) {
	case 408: case 429: case 500: case 502: case 503: case 504:
		return true;
	case 403:
		return r->retry_after_s >= 0 || r->ratelimit_remaining == 0;
	default:
		return false;
	}
}

static void pause_for(double seconds)
{
	struct timespec ts;

	seconds *= backoff_scale;
	if (seconds <= 0)
		return;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0)
		;
}

/* 0.5 s, 1 s, 2 s ... capped at 30 s, each +-25% so that parallel clients spread out. */
static double backoff(int attempt, unsigned *seed)
{
	double base = 0.5 * (double)(1u << (attempt < 6 ? attempt : 6));
	double jitter = 0.75 + 0.5 * ((double)rand_r(seed) / RAND_MAX);

	if (base > 30)
		base = 30;
	return base * jitter;
}

static void trace(const char *to, const char *method, long status, size_t bytes, double ms,
		  const char *curl_error, int attempt)
{
	char *url;

	if (!settings_get("AIOPS_TRACE"))
		return;
	url = redact_strdup(to);
	fprintf(stderr, "http: %s %s -> %ld (%zu bytes, %.0f ms, attempt %d)%s%s\n", method, url,
		status, bytes, ms, attempt, curl_error && *curl_error ? ": " : "",
		curl_error ? curl_error : "");
	free(url);
}

/*
 * Where one attempt is in its redirect chain, and what still goes with it. Credentials
 * (the token and every header but the harmless ones) go only to the origin of the
 * request's URL; a body never goes to another origin.
 */
struct hop {
	const char *url;    /* req->url, or `owned` */
	char *owned;        /* a redirect target */
	const char *method;
	bool body;          /* the body goes */
	bool creds;         /* credentials go: this hop is at the request's origin */
	int count;          /* redirects followed */
};

#define HTTP_MAX_REDIRECTS 5

/*
 * Headers that carry no credential, so they may follow a redirect to another origin.
 * Anything else (Authorization, api-key, X-Api-Key, Cookie, a signature) stays home.
 */
static const char *const harmless_headers[] = {
	"Accept:", "Content-Type:", "X-GitHub-Api-Version:", "Accept-Language:",
};

static bool harmless_header(const char *line)
{
	for (size_t i = 0; i < ARRAY_SIZE(harmless_headers); i++)
		if (!strncasecmp(line, harmless_headers[i], strlen(harmless_headers[i])))
			return true;
	return false;
}

/* One handle, configured in one place; redirects are followed by http_perform. */
static CURL *configure(const struct http_req *req, const struct hop *hop, struct curl_slist **hdrs,
		       struct sink *sink, char *errbuf)
{
	CURL *h = curl_easy_init();

	if (!h)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, hop->url);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "aiops-agent/" AIOPS_VERSION);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ? req->timeout_ms : 30000L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
			 req->connect_timeout_ms > 0 ? req->connect_timeout_ms : 10000L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	/* Debian's libcurl ignores these; GitHub Enterprise behind a private CA needs them. */
	if (settings_get("SSL_CERT_FILE"))
		curl_easy_setopt(h, CURLOPT_CAINFO, settings_get("SSL_CERT_FILE"));
	if (settings_get("SSL_CERT_DIR"))
		curl_easy_setopt(h, CURLOPT_CAPATH, settings_get("SSL_CERT_DIR"));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, hop->method);
	if (hop->body && req->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
	} else if (!strcmp(hop->method, "HEAD")) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	}
	if (req->token && hop->creds) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
		curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, req->token);
	}
	*hdrs = curl_slist_append(NULL, "Expect:");
	for (size_t i = 0; req->headers && req->headers[i]; i++)
		if (hop->creds || harmless_header(req->headers[i]))
			*hdrs = curl_slist_append(*hdrs, req->headers[i]);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, *hdrs);
	return h;
}

/* scheme, host and port of `url` (the default port when none is written), or false. */
static bool origin_of(char **scheme, char **host, char **port, const char *url)
{
	CURLU *u = curl_url();
	bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_SCHEME, scheme, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_HOST, host, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_PORT, port, CURLU_DEFAULT_PORT) == CURLUE_OK;

	curl_url_cleanup(u);
	return ok;
}

bool http_same_origin(const char *a, const char *b)
{
	char *sa = NULL, *ha = NULL, *pa = NULL, *sb = NULL, *hb = NULL, *pb = NULL;
	bool same = origin_of(&sa, &ha, &pa, a) && origin_of(&sb, &hb, &pb, b) &&
		    !strcasecmp(sa, sb) && !strcasecmp(ha, hb) && !strcmp(pa, pb);

	curl_free(sa);
	curl_free(ha);
	curl_free(pa);
	curl_free(sb);
	curl_free(hb);
	curl_free(pb);
	return same;
}

/*
 * After a response: when it is a redirect to follow, move `hop` to its target and say
 * so (true). A 303, or a 301/302 after a POST, goes on as a GET without the body, the
 * way browsers and curl do; 307/308 keep the method and body. A hop with a body that
 * would leave the request's origin is refused (ERR_NET in *error), so a prompt is never
 * posted where it was not meant to go.
 */
static bool next_hop(struct hop *hop, const struct http_req *req, CURL *h, long status, int *error)
{
	const char *target = NULL;
	bool same;

	*error = 0;
	if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
		return false;
	if (curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &target) != CURLE_OK || !target ||
	    strncasecmp(target, "http", 4) || hop->count >= HTTP_MAX_REDIRECTS)
		return false;
	if (status == 303 || ((status == 301 || status == 302) && !strcmp(hop->method, "POST"))) {
		hop->method = "GET";
		hop->body = false;
	}
	same = http_same_origin(req->url, target);
	if (hop->body && req->body && !same) {
		char *from = redact_strdup(req->url), *to = redact_strdup(target);

		*error = err_set(ERR_NET, "'%s' redirected the request to '%s', another origin: its body "
				 "and credentials are not sent there", from, to);
		free(from);
		free(to);
		return false;
	}
	hop->creds = same;
	free(hop->owned);
	hop->url = hop->owned = xstrdup(target);
	hop->count++;
	return true;
}

/* Every hop and every attempt writes the file from its start. */
static int restart_file(struct sink *s)
{
	s->written = 0;
	if (fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0 || fseek(s->file, 0, SEEK_SET) != 0)
		return err_set(ERR_IO, "cannot rewrite the download file: %s", strerror(errno));
	return 0;
}

/*
 * One attempt: the request and the redirects it leads to. Returns the curl code of the
 * last transfer; `*error` is set when the request could not start or a redirect was
 * refused, `*too_big` when the body passed its cap.
 */
static CURLcode attempt_once(struct http_resp *resp, const struct http_req *req, const char *method,
			     char *errbuf, int attempt, bool *too_big, int *error, struct sink *to_file)
{
	struct hop hop = {req->url, NULL, method, true, true, 0};
	CURLcode rc = CURLE_FAILED_INIT;
	bool again = true;

	*error = 0;
	while (again) {
		struct sink sink = {&resp->body, false, NULL, 0, 0, NULL};
		struct curl_slist *hdrs = NULL;
		double t0 = sys_now();
		CURL *h;

		buf_reset(&resp->body);
		errbuf[0] = '\0';
		resp->status = 0;
		if (to_file && (*error = restart_file(to_file)) < 0)
			break;
		if (to_file)
			sink = *to_file;
		if (!(h = configure(req, &hop, &hdrs, &sink, errbuf))) {
			*error = err_set(ERR_FAIL, "cannot start an HTTP request");
			break;
		}
		sink.h = h;
		rc = curl_easy_perform(h);
		if (to_file)
			to_file->written = sink.written;
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp->status);
		if (rc == CURLE_OK)
			collect_headers(resp, h);
		trace(hop.url, hop.method, resp->status, resp->body.len, (sys_now() - t0) * 1000,
		      rc == CURLE_OK ? NULL : errbuf[0] ? errbuf : curl_easy_strerror(rc), attempt);
		*too_big = sink.too_big;
		again = rc == CURLE_OK && next_hop(&hop, req, h, resp->status, error);
		curl_easy_cleanup(h);
		curl_slist_free_all(hdrs);
	}
	free(hop.owned);
	return rc;
}

static int perform(struct http_resp *resp, const struct http_req *req, struct sink *to_file)
{
	const char *method = req->method ? req->method : req->body ? "POST" : "GET";
	int max_attempts = req->max_attempts > 0 ? req->max_attempts : 4;
	int max_wait = req->max_wait_s > 0 ? req->max_wait_s : 60;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)resp;
	char errbuf[CURL_ERROR_SIZE];
	int error = 0;

	pthread_once(&once, global_init);
	if (!req->url || strncasecmp(req->url, "http", 4))
		return err_set(ERR_USAGE, "cannot request '%s': not an http(s) URL",
			       req->url ? req->url : "(null)");
	if (req->token)
		redact_add_literal(req->token);
	buf_init(&resp->body, req->max_response ? req->max_response : HTTP_BODY_MAX);
	for (int attempt = 1; attempt <= max_attempts; attempt++) {
		bool too_big = false;
		CURLcode rc;
		double wait;

		resp->attempts = attempt;
		rc = attempt_once(resp, req, method, errbuf, attempt, &too_big, &error, to_file);
		if (error < 0)
			break;
		if (too_big) {
			char *url = redact_strdup(req->url);

			error = err_set(ERR_TOO_BIG, "response from '%s' exceeds %zu bytes", url,
					to_file ? to_file->file_max : resp->body.cap);
			free(url);
			break;
		}
		if (rc == CURLE_OK && !retryable_status(resp)) {
			error = 0;
			break;
		}
		{
			char *url = redact_strdup(req->url);

			if (rc != CURLE_OK)
				error = err_set(ERR_NET, "cannot reach '%s' after %d attempt%s: %s", url,
						attempt, attempt == 1 ? "" : "s",
						errbuf[0] ? errbuf : curl_easy_strerror(rc));
			else
				error = err_set(ERR_NET, "'%s' answered %ld after %d attempt%s", url,
						resp->status, attempt, attempt == 1 ? "" : "s");
			free(url);
		}
		if (attempt == max_attempts)
			break;
		wait = rc == CURLE_OK && resp->retry_after_s >= 0 ? (double)resp->retry_after_s
								  : backoff(attempt - 1, &seed);
		if (wait > max_wait)
			break;
		pause_for(wait);
	}
	return error;
}

int http_perform(struct http_resp *resp, const struct http_req *req)
{
	return perform(resp, req, NULL);
}

int http_download(struct http_resp *resp, size_t *bytes, const struct http_req *req, const char *path,
		  size_t max_bytes)
{
	struct sink to_file = {NULL, false, NULL, max_bytes, 0, NULL};
	int error;

	*bytes = 0;
	if (!(to_file.file = fopen(path, "wb")))
		return err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	error = perform(resp, req, &to_file);
	if (fclose(to_file.file) != 0 && error == 0)
		error = err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (error == 0)
		*bytes = to_file.written;
	return error;
}

void http_resp_release(struct http_resp *resp)
{
	buf_release(&resp->body);
	free(resp->content_type);
	free(resp->next_url);
	free(resp->location);
	memset(resp, 0, sizeof(*resp));
	resp->ratelimit_remaining = -1;
	resp->retry_after_s = -1;
}
