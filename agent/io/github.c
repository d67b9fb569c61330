#include "common.h"
#include "io/github.h"
#include "io/crypto.h"
#include "util/err.h"
#include "io/http.h"
#include "util/jsonx.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/settings.h"

#include <pthread.h>
#include <strings.h>

void github_free(struct github *gh)
{
	if (gh)
		gh->ops->free(gh);
}

int github_pull_from_json(struct github_pull *out, json_t *pr, const char *origin)
{
	const char *title, *merged_at, *s;
	json_t *number = json_object_get(pr, "number");
	int error;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(pr))
		return err_set(ERR_INPUT, "cannot parse '%s': a pull request is not an object", origin);
	if (!json_is_integer(number) || json_integer_value(number) <= 0)
		return err_set(ERR_INPUT, "cannot parse '%s': field 'number': expected a positive integer",
			       origin);
	out->number = (int)json_integer_value(number);
	if ((error = jsonx_get_string(&title, pr, "title", origin, true)) < 0 ||
	    (error = jsonx_get_string(&merged_at, pr, "merged_at", origin, false)) < 0)
		goto fail;
	/* Titles and bodies are free text that people paste logs into: redacted at intake. */
	out->title = redact_strdup(title);
	out->body = redact_strdup((s = jsonx_str(pr, "body")) ? s : "");
	out->author = xstrdup((s = jsonx_str(pr, "user.login")) ? s : "unknown");
	out->html_url = xstrdup((s = jsonx_str(pr, "html_url")) ? s : "");
	out->head_ref = xstrdup((s = jsonx_str(pr, "head.ref")) ? s : "");
	if ((s = jsonx_str(pr, "merge_commit_sha")))
		out->merge_commit_sha = xstrdup(s);
	if (merged_at) {
		if ((error = sys_parse_time(&out->merged_at, merged_at)) < 0) {
			err_prefix("cannot parse '%s': pull request #%d: field 'merged_at'", origin,
				   out->number);
			goto fail;
		}
		out->merged_at_text = xstrdup(merged_at);
	}
	return 0;
fail:
	github_pull_release(out);
	return error;
}

void github_pull_release(struct github_pull *pr)
{
	free(pr->title);
	free(pr->body);
	free(pr->author);
	free(pr->html_url);
	free(pr->merged_at_text);
	free(pr->merge_commit_sha);
	free(pr->head_ref);
	memset(pr, 0, sizeof(*pr));
}

void github_pulls_free(struct github_pull *pulls, size_t count)
{
	for (size_t i = 0; i < count; i++)
		github_pull_release(&pulls[i]);
	free(pulls);
}

/* The merged pull requests of a list (closed-unmerged ones skipped), parsed; takes `list`. */
static int parse_merged(struct github_pull **out, size_t *count, json_t *list, const char *origin)
{
	struct github_pull *pulls = NULL;
	size_t n = 0, i;
	json_t *pr;
	int error = 0;

	*out = NULL;
	*count = 0;
	if (!json_is_array(list)) {
		error = err_set(ERR_INPUT, "the list of pull requests is not a JSON array");
		goto done;
	}
	pulls = xcalloc(json_array_size(list) + 1, sizeof(*pulls));
	json_array_foreach(list, i, pr) {
		if (json_is_null(json_object_get(pr, "merged_at")))
			continue;
		if ((error = github_pull_from_json(&pulls[n], pr, origin)) < 0)
			goto done;
		n++;
	}
	*out = pulls;
	*count = n;
	pulls = NULL;
done:
	if (pulls)
		github_pulls_free(pulls, n);
	json_decref(list);
	return error;
}

int github_merged_pulls(struct github_pull **out, size_t *count, struct github *gh)
{
	json_t *list = NULL;
	int error;

	*out = NULL;
	*count = 0;
	if ((error = gh->ops->list_closed_pulls(&list, gh)) < 0)
		return error;
	return parse_merged(out, count, list, "pulls.json");
}

void github_created_release(struct github_created *c)
{
	free(c->url);
	c->url = NULL;
	c->number = 0;
}

int github_merged_pulls_window(struct github_pull **out, size_t *count, struct github *gh,
			       time_t since, time_t until)
{
	json_t *list = NULL;
	int error;

	*out = NULL;
	*count = 0;
	if ((error = gh->ops->list_merged_pulls(&list, gh, since, until)) < 0)
		return error;
	return parse_merged(out, count, list, "pulls");
}

json_t *github_filter_merged(json_t *closed, time_t since, time_t until)
{
	json_t *out = json_array(), *pr;
	size_t i;

	json_array_foreach(closed, i, pr) {
		const char *merged = jsonx_str(pr, "merged_at");
		time_t t;

		if (!merged || sys_parse_time(&t, merged) < 0) {
			err_clear();
			continue;
		}
		if ((since && t < since) || (until && t > until))
			continue;
		json_array_append(out, pr);
	}
	return out;
}

char *github_fingerprint_marker(const char *fingerprint)
{
	return xasprintf("<!-- aiops-fingerprint: %s -->", fingerprint);
}

/* ---- concurrent diffs ------------------------------------------------------------- */

struct diff_jobs {
	struct github_pull_diff *diffs;
	size_t n, next;
	struct github *gh;
	pthread_mutex_t lock;
};

static void *diff_worker(void *arg)
{
	struct diff_jobs *j = arg;

	for (;;) {
		struct github_pull_diff *d;

		pthread_mutex_lock(&j->lock);
		d = j->next < j->n ? &j->diffs[j->next++] : NULL;
		pthread_mutex_unlock(&j->lock);
		if (!d)
			return NULL;
		d->error = j->gh->ops->get_pull_diff(&d->diff, j->gh, d->number);
		if (d->error < 0) {
			d->message = xstrdup(err_last());
			err_clear();
		}
	}
}

int github_fetch_diffs(struct github_pull_diff *diffs, size_t n, struct github *gh,
		       int max_parallel)
{
	struct diff_jobs jobs = {diffs, n, 0, gh, PTHREAD_MUTEX_INITIALIZER};
	size_t nthreads = max_parallel > 0 ? (size_t)max_parallel : 4, started = 0;
	pthread_t *threads;

	if (nthreads > n)
		nthreads = n;
	for (size_t i = 0; i < n; i++) {
		buf_init(&diffs[i].diff, DIFF_FILE_MAX);
		diffs[i].error = 0;
		diffs[i].message = NULL;
	}
	threads = xcalloc(nthreads + 1, sizeof(*threads));
	for (size_t i = 0; i < nthreads; i++)
		if (pthread_create(&threads[started], NULL, diff_worker, &jobs) == 0)
			started++;
	if (!started)
		diff_worker(&jobs); /* no threads to be had: do it here */
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	pthread_mutex_destroy(&jobs.lock);
	for (size_t i = 0; i < n; i++)
		if (diffs[i].error < 0)
			return err_set(diffs[i].error, "%s", diffs[i].message);
	return 0;
}

void github_pull_diffs_release(struct github_pull_diff *diffs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_release(&diffs[i].diff);
		free(diffs[i].message);
		diffs[i].message = NULL;
	}
}

/* ---- idempotent writes ------------------------------------------------------------ */

/*
 * The marker first, so the issue is found by its first line; a marker anywhere else in
 * the body (quoted from a log line, an alert, a pull request) is defused: it could
 * otherwise claim this issue for another incident.
 */
static char *issue_body(const char *marker, const char *body)
{
	struct buf b = BUF_INIT;
	const char *p = body, *hit;

	buf_putf(&b, "%s\n\n", marker);
	while ((hit = strstr(p, "<!-- aiops-"))) {
		buf_putf(&b, "%.*s", (int)(hit - p), p);
		buf_puts(&b, "&lt;!-- aiops-");
		p = hit + strlen("<!-- aiops-");
	}
	buf_puts(&b, p);
	return buf_detach(&b);
}

int github_upsert_issue(struct github_created *out, bool *existed, struct github *gh,
			const char *fingerprint, const char *title, const char *body,
			const char *const *labels, const char *recurrence)
{
	struct github_created found = {0, NULL}, comment = {0, NULL};
	char *marker = github_fingerprint_marker(fingerprint), *full = NULL;
	int error;

	*existed = false;
	error = gh->ops->find_issue_by_fingerprint(&found, gh, fingerprint);
	if (error == 0) {
		*existed = true;
		if (recurrence &&
		    (error = gh->ops->comment_issue(&comment, gh, found.number, recurrence)) < 0) {
			github_created_release(&found);
			goto done;
		}
		*out = found;
		goto done;
	}
	if (error != ERR_NOTFOUND)
		goto done;
	err_clear();
	full = issue_body(marker, body);
	error = gh->ops->create_issue(out, gh, title, full, labels);
done:
	github_created_release(&comment);
	free(marker);
	free(full);
	return error;
}

static int update_existing_pull(struct github_created *found, struct github *gh,
				const char *title, const char *body, const char *const *labels)
{
	int error;

	if ((error = gh->ops->update_pull(gh, found->number, title, body)) < 0 ||
	    (error = gh->ops->add_labels(gh, found->number, labels)) < 0)
		return error;
	return 0;
}

int github_upsert_pull(struct github_created *out, bool *existed, struct github *gh,
		       const char *title, const char *body, const char *head, const char *base,
		       const char *const *labels)
{
	struct github_created found = {0, NULL};
	int error;

	*existed = false;
	error = gh->ops->find_open_pull_by_head(&found, gh, head);
	if (error == ERR_NOTFOUND) {
		err_clear();
		error = gh->ops->create_pull(out, gh, title, body, head, base, labels);
		if (error != ERR_CONFLICT)
			return error;
		err_clear();
		if ((error = gh->ops->find_open_pull_by_head(&found, gh, head)) < 0)
			return error;
	} else if (error < 0) {
		return error;
	}
	*existed = true;
	if ((error = update_existing_pull(&found, gh, title, body, labels)) < 0) {
		github_created_release(&found);
		return error;
	}
	*out = found;
	return 0;
}

/* ---- the REST backend ------------------------------------------------------------- */

/* A job's log can be hundreds of MB: its download gets ten minutes, not the API's 30 s. */
#define LOG_DOWNLOAD_TIMEOUT_MS (10L * 60 * 1000)

struct rest {
	char *api;            /* the API URL, no trailing slash */
	char *origin;         /* scheme://host[:port] of the API, for pagination links */
	char *owner, *name, *full;
	char *token;
	bool ghes;            /* a GitHub Enterprise Server API (.../api/v3) */
	long timeout_ms;
	int max_attempts, max_pages;
	pthread_mutex_t lock; /* guards the cache below */
	char *default_branch, *html_url;
	char *login;          /* who the token acts as (the author of what we open) */
	char *bot_login;      /* the login to assume when GET /user is not ours to call */
	char *app_id, *app_pem; /* App authentication: the App's slug names its login */
};

/* One request and what to say when it fails. */
struct call {
	const char *method;
	const char *path;        /* relative to the API URL, or an absolute URL (next pages) */
	json_t *body;            /* borrowed */
	const char *accept;      /* NULL: application/vnd.github+json */
	const char *permission;  /* named on 403 */
	const char *missing;     /* what a 404 means: "pull request #3 in 'o/r'"; NULL: the repository */
	size_t max;              /* body cap; 0: HTTP_BODY_MAX */
};

static struct rest *rest_of(struct github *gh)
{
	return gh->impl;
}

/* Percent-encode everything but RFC 3986 unreserved characters (and '/' when asked). */
static char *urlenc(const char *s, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p) || (keep_slash && *p == '/'))
			buf_putf(&b, "%c", *p);
		else
			buf_putf(&b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	return buf_detach(&b);
}

/* "GET /repos/o/r/pulls" for messages: the path without the API URL and the query. */
static char *describe(struct rest *r, const struct call *c)
{
	const char *p = c->path;
	size_t alen = strlen(r->api);

	if (!strncmp(p, r->api, alen))
		p += alen;
	else if (!strncmp(p, r->origin, strlen(r->origin)))
		p += strlen(r->origin);
	return xasprintf("%s %.*s", c->method, (int)strcspn(p, "?"), p);
}

/* GitHub's 422 details: errors[] as "Resource.field code" or their own message. */
static void validation_details(struct buf *out, json_t *doc)
{
	json_t *errors = json_object_get(doc, "errors"), *e;
	size_t i;

	json_array_foreach(errors, i, e) {
		const char *msg = json_is_string(e) ? json_string_value(e) : jsonx_str(e, "message");
		const char *res = jsonx_str(e, "resource"), *field = jsonx_str(e, "field");
		const char *code = jsonx_str(e, "code");

		buf_puts(out, i ? "; " : ": ");
		if (msg && (!code || !strcmp(code, "custom") || !res)) {
			buf_puts(out, msg);
			continue;
		}
		if (res)
			buf_putf(out, "%s%s", res, field ? "." : "");
		if (field)
			buf_puts(out, field);
		if (!code)
			continue;
		if (!strcmp(code, "missing"))
			buf_puts(out, " does not exist");
		else if (!strcmp(code, "missing_field"))
			buf_puts(out, " is required");
		else if (!strcmp(code, "invalid"))
			buf_puts(out, " is invalid");
		else if (!strcmp(code, "already_exists"))
			buf_puts(out, " already exists");
		else if (!strcmp(code, "unprocessable"))
			buf_puts(out, " cannot be processed");
		else
			buf_putf(out, " %s", code);
		if (msg)
			buf_putf(out, " (%s)", msg);
	}
}

/* Turn a non-2xx answer into one of the documented codes and a message. */
static int explain(struct rest *r, const struct call *c, const struct http_resp *resp)
{
	json_t *doc = json_loadb(resp->body.ptr, resp->body.len, 0, NULL);
	const char *gh_msg = jsonx_str(doc, "message");
	char *op = describe(r, c), *missing = NULL;
	struct buf details = BUF_INIT;
	long st = resp->status;
	int error;

	if (!gh_msg)
		gh_msg = st == 404 ? "Not Found" : "";
	switch (st) {
	case 401:
		error = err_set(ERR_INPUT, "GitHub rejected the credentials for '%s' (401 %s): check "
			       "GITHUB_TOKEN, or the GitHub App settings", op, gh_msg);
		break;
	case 403:
		if (c->permission)
			error = err_set(ERR_FAIL, "GitHub refused '%s' (403 %s): the token lacks the '%s' "
				       "permission", op, gh_msg, c->permission);
		else
			error = err_set(ERR_FAIL, "GitHub refused '%s' (403 %s): the token lacks a "
				       "permission it needs", op, gh_msg);
		break;
	case 404:
	case 410:
		missing = c->missing ? xstrdup(c->missing) : xasprintf("repository '%s'", r->full);
		error = err_set(ERR_NOTFOUND, "%s not found (%ld for '%s'%s)", missing, st, op,
				c->missing ? "" : "; or the token cannot see it");
		break;
	case 406:
		error = err_set(ERR_TOO_BIG, "GitHub cannot render '%s' (406 %s)", op, gh_msg);
		break;
	case 409:
		error = err_set(ERR_CONFLICT, "'%s' conflicts with the repository's state (409 %s)", op,
				gh_msg);
		break;
	case 422:
		validation_details(&details, doc);
		error = err_set(strstr(details.ptr, "already exist") ? ERR_CONFLICT : ERR_INPUT,
				"GitHub rejected '%s' (422 %s%s)", op, *gh_msg ? gh_msg : "Validation Failed",
				details.ptr);
		break;
	default:
		error = err_set(ERR_FAIL, "'%s' answered %ld%s%s", op, st, *gh_msg ? ": " : "", gh_msg);
	}
	buf_release(&details);
	free(missing);
	free(op);
	json_decref(doc);
	return error;
}

/* One call; with `file`, a 2xx body is streamed there (http_download) and `*bytes` set. */
static int perform_to(struct http_resp *resp, struct rest *r, const struct call *c, const char *file,
		      size_t *bytes)
{
	struct http_req req = HTTP_REQ_INIT;
	char *url, *accept, *body = NULL;
	const char *headers[4];
	size_t nh = 0;
	int error;

	url = strstr(c->path, "://") ? xstrdup(c->path) : xasprintf("%s%s", r->api, c->path);
	accept = xasprintf("Accept: %s", c->accept ? c->accept : "application/vnd.github+json");
	headers[nh++] = accept;
	headers[nh++] = "X-GitHub-Api-Version: 2022-11-28";
	if (c->body) {
		body = json_dumps(c->body, JSON_COMPACT);
		headers[nh++] = "Content-Type: application/json";
	}
	headers[nh] = NULL;
	req.method = c->method;
	req.url = url;
	req.headers = headers;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.token = r->token;
	req.max_response = c->max ? c->max : HTTP_BODY_MAX;
	req.timeout_ms = r->timeout_ms;
	req.max_attempts = r->max_attempts;
	if (file) {
		size_t got = 0;

		req.max_response = 0;
		req.timeout_ms = r->timeout_ms > LOG_DOWNLOAD_TIMEOUT_MS ? r->timeout_ms : LOG_DOWNLOAD_TIMEOUT_MS;
		error = http_download(resp, &got, &req, file, c->max);
		if (bytes)
			*bytes = got;
	} else {
		error = http_perform(resp, &req);
	}
	if (error == 0 && (resp->status < 200 || resp->status > 299))
		error = explain(r, c, resp);
	free(url);
	free(accept);
	free(body);
	return error;
}

static int perform(struct http_resp *resp, struct rest *r, const struct call *c)
{
	return perform_to(resp, r, c, NULL, NULL);
}

/* Perform and parse the JSON answer (JSON null for an empty body); `*out` new ref. */
static int call_json(json_t **out, struct rest *r, const struct call *c)
{
	struct http_resp resp = HTTP_RESP_INIT;
	char *op = NULL;
	int error;

	if ((error = perform(&resp, r, c)) < 0)
		goto done;
	if (!out)
		goto done;
	if (resp.body.len == 0) {
		*out = json_null();
		goto done;
	}
	op = describe(r, c);
	error = jsonx_parse(out, resp.body.ptr, resp.body.len, op);
	if (error < 0)
		err_prefix("GitHub's answer is not JSON");
done:
	free(op);
	http_resp_release(&resp);
	return error;
}

/* Does `url` stay on the API's scheme, host and port? */
static bool same_origin(struct rest *r, const char *url)
{
	size_t n = strlen(r->origin);

	return !strncasecmp(url, r->origin, n) && (url[n] == '/' || url[n] == '\0' || url[n] == '?');
}

/*
 * GET all pages. `enough` (may be NULL) looks at each page and says when no further
 * page can matter (sorted lists).
 */
static int get_pages(json_t **out, struct rest *r, const struct call *first, int max_pages,
		     bool (*enough)(json_t *page, void *ctx), void *ctx)
{
	json_t *all = json_array();
	struct call c = *first;
	char *cur = NULL; /* the URL of the current page after the first (c.path points here) */
	int error = 0;

	for (int page = 1; page <= max_pages; page++) {
		struct http_resp resp = HTTP_RESP_INIT;
		json_t *doc = NULL, *items;
		char *op = describe(r, &c), *next;
		bool stop = true;

		error = perform(&resp, r, &c);
		if (!error)
			error = jsonx_parse(&doc, resp.body.ptr, resp.body.len, op);
		next = resp.next_url ? xstrdup(resp.next_url) : NULL;
		http_resp_release(&resp);
		items = json_is_object(doc) ? json_object_get(doc, "items") : doc;
		if (!error && !json_is_array(items))
			error = err_set(ERR_INPUT, "GitHub's answer to '%s' is not a list", op);
		free(op);
		if (!error) {
			json_array_extend(all, items);
			stop = !next || (enough && enough(items, ctx));
			if (!stop && !same_origin(r, next)) {
				char *shown = redact_strdup(next);

				error = err_set(ERR_INPUT, "refusing to follow the next-page link '%s': it "
						"leaves '%s'", shown, r->origin);
				free(shown);
			}
		}
		json_decref(doc);
		if (error < 0 || stop) {
			free(next);
			break;
		}
		free(cur);
		cur = next;
		c.path = cur;
	}
	free(cur);
	if (error < 0) {
		json_decref(all);
		return error;
	}
	*out = all;
	return 0;
}

/* The repository's default branch and page, fetched once (thread-safe). */
static int repo_info(struct rest *r, char **default_branch, char **html_url)
{
	json_t *repo = NULL;
	struct call c = {"GET", NULL, NULL, NULL, "metadata: read", NULL, 0};
	char *path = NULL;
	int error = 0;

	pthread_mutex_lock(&r->lock);
	if (!r->default_branch) {
		path = xasprintf("/repos/%s/%s", r->owner, r->name);
		c.path = path;
		if ((error = call_json(&repo, r, &c)) == 0) {
			const char *b = jsonx_str(repo, "default_branch"), *u = jsonx_str(repo, "html_url");

			r->default_branch = xstrdup(b ? b : "main");
			r->html_url = u ? xstrdup(u) : NULL;
		}
	}
	if (!error) {
		if (default_branch)
			*default_branch = xstrdup(r->default_branch);
		if (html_url)
			*html_url = r->html_url ? xstrdup(r->html_url) : NULL;
	}
	pthread_mutex_unlock(&r->lock);
	free(path);
	json_decref(repo);
	return error;
}

static int rest_get_repo(json_t **out, struct github *gh)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s", r->owner, r->name);
	struct call c = {"GET", path, NULL, NULL, "metadata: read", NULL, 0};
	json_t *repo = NULL;
	int error;

	if ((error = call_json(&repo, r, &c)) == 0 && !json_is_object(repo)) {
		error = err_set(ERR_INPUT, "GitHub's answer to 'GET %s' is not an object", path);
		json_decref(repo);
	} else if (!error) {
		const char *b = jsonx_str(repo, "default_branch"), *u = jsonx_str(repo, "html_url");

		pthread_mutex_lock(&r->lock);
		if (!r->default_branch && b) {
			r->default_branch = xstrdup(b);
			r->html_url = u ? xstrdup(u) : NULL;
		}
		pthread_mutex_unlock(&r->lock);
		*out = repo;
	}
	free(path);
	return error;
}

static int list_pulls(json_t **out, struct rest *r, bool (*enough)(json_t *, void *), void *ctx)
{
	char *path = xasprintf("/repos/%s/%s/pulls?state=closed&sort=updated&direction=desc"
			       "&per_page=100", r->owner, r->name);
	struct call c = {"GET", path, NULL, NULL, "pull-requests: read", NULL, 0};
	int error = get_pages(out, r, &c, r->max_pages, enough, ctx);

	free(path);
	return error;
}

static int rest_list_closed_pulls(json_t **out, struct github *gh)
{
	return list_pulls(out, rest_of(gh), NULL, NULL);
}

/* Sorted by updated_at, newest first: a page that ends before `since` is the last. */
static bool reached_since(json_t *page, void *ctx)
{
	time_t since = *(time_t *)ctx, t;
	const char *updated;
	size_t n = json_array_size(page);

	if (!since || !n)
		return false;
	updated = jsonx_str(json_array_get(page, n - 1), "updated_at");
	if (!updated || sys_parse_time(&t, updated) < 0) {
		err_clear();
		return false;
	}
	return t < since;
}

static int rest_list_merged_pulls(json_t **out, struct github *gh, time_t since, time_t until)
{
	json_t *closed = NULL;
	int error;

	if ((error = list_pulls(&closed, rest_of(gh), reached_since, &since)) < 0)
		return error;
	*out = github_filter_merged(closed, since, until);
	json_decref(closed);
	return 0;
}

static int rest_get_pull_diff(struct buf *out, struct github *gh, int number)
{
	struct rest *r = rest_of(gh);
	struct http_resp resp = HTTP_RESP_INIT;
	char *path = xasprintf("/repos/%s/%s/pulls/%d", r->owner, r->name, number);
	char *missing = xasprintf("pull request #%d in '%s'", number, r->full);
	struct call c = {"GET", path, NULL, "application/vnd.github.diff", "pull-requests: read",
			 missing, DIFF_FILE_MAX};
	int error;

	if ((error = perform(&resp, r, &c)) == 0 &&
	    (error = buf_add(out, resp.body.ptr, resp.body.len)) < 0)
		error = err_set(error, "the diff of pull request #%d exceeds %zu bytes", number, out->cap);
	http_resp_release(&resp);
	free(path);
	free(missing);
	return error;
}

static int rest_list_pull_files(json_t **out, struct github *gh, int number)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/pulls/%d/files?per_page=100", r->owner, r->name, number);
	char *missing = xasprintf("pull request #%d in '%s'", number, r->full);
	struct call c = {"GET", path, NULL, NULL, "pull-requests: read", missing, 0};
	int error = get_pages(out, r, &c, r->max_pages, NULL, NULL);

	free(path);
	free(missing);
	return error;
}

static int rest_list_deployments(json_t **out, struct github *gh)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/deployments?per_page=100", r->owner, r->name);
	char *missing = xasprintf("deployments of '%s'", r->full);
	struct call c = {"GET", path, NULL, NULL, "deployments: read", missing, 0};
	int error = get_pages(out, r, &c, 1, NULL, NULL);

	if (error < 0 && error != ERR_NET) { /* optional evidence: none readable is none */
		err_clear();
		*out = json_array();
		error = 0;
	}
	free(path);
	free(missing);
	return error;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int rest_list_files(char ***out, size_t *count, struct github *gh)
{
	struct rest *r = rest_of(gh);
	char *branch = NULL, *enc = NULL, *path = NULL, **list = NULL;
	json_t *tree = NULL, *entries, *e;
	struct call c = {"GET", NULL, NULL, NULL, "contents: read", NULL, 0};
	size_t n = 0, i;
	int error;

	if ((error = repo_info(r, &branch, NULL)) < 0)
		return error;
	enc = urlenc(branch, true);
	path = xasprintf("/repos/%s/%s/git/trees/%s?recursive=1", r->owner, r->name, enc);
	c.path = path;
	if ((error = call_json(&tree, r, &c)) < 0)
		goto done;
	entries = json_object_get(tree, "tree");
	list = xcalloc(json_array_size(entries) + 1, sizeof(*list));
	json_array_foreach(entries, i, e) {
		const char *p = jsonx_str(e, "path"), *type = jsonx_str(e, "type");

		if (p && type && !strcmp(type, "blob"))
			list[n++] = xstrdup(p);
	}
	qsort(list, n, sizeof(*list), by_name);
	*out = list;
	*count = n;
done:
	json_decref(tree);
	free(branch);
	free(enc);
	free(path);
	return error;
}

static int rest_get_contents(struct buf *out, struct github *gh, const char *path,
			     const char *ref)
{
	struct rest *r = rest_of(gh);
	char *branch = NULL, *epath = NULL, *eref = NULL, *url = NULL, *missing = NULL;
	struct http_resp raw = HTTP_RESP_INIT;
	json_t *doc = NULL;
	const char *type, *encoding, *content;
	struct call c = {"GET", NULL, NULL, NULL, "contents: read", NULL, 0};
	int error;

	if (!path || !*path)
		return err_set(ERR_USAGE, "no file path given");
	if (!ref && (error = repo_info(r, &branch, NULL)) < 0)
		return error;
	epath = urlenc(path, true);
	eref = urlenc(ref ? ref : branch, false);
	url = xasprintf("/repos/%s/%s/contents/%s?ref=%s", r->owner, r->name, epath, eref);
	missing = xasprintf("'%s' on '%s' in '%s'", path, ref ? ref : branch, r->full);
	c.path = url;
	c.missing = missing;
	if ((error = call_json(&doc, r, &c)) < 0)
		goto done;
	type = jsonx_str(doc, "type");
	if (json_is_array(doc) || !type || strcmp(type, "file")) {
		error = err_set(ERR_INPUT, "'%s' in '%s' is a %s, not a file", path, r->full,
				json_is_array(doc) ? "directory" : type ? type : "thing");
		goto done;
	}
	encoding = jsonx_str(doc, "encoding");
	content = jsonx_str(doc, "content");
	if (encoding && !strcmp(encoding, "base64") && content) {
		error = crypto_base64_decode(out, content, strlen(content), path);
		goto done;
	}
	/* Files over 1 MB come without content ("encoding": "none"): ask for the raw bytes. */
	c.accept = "application/vnd.github.raw+json";
	c.max = TREE_FILE_MAX;
	if ((error = perform(&raw, r, &c)) == 0 &&
	    (error = buf_add(out, raw.body.ptr, raw.body.len)) < 0)
		error = err_set(error, "'%s' exceeds %zu bytes", path, out->cap);
done:
	http_resp_release(&raw);
	json_decref(doc);
	free(branch);
	free(epath);
	free(eref);
	free(url);
	free(missing);
	return error;
}

static int rest_read_file(struct buf *out, struct github *gh, const char *path)
{
	return rest_get_contents(out, gh, path, NULL);
}

static json_t *label_array(const char *const *labels)
{
	json_t *a = json_array();

	for (size_t i = 0; labels && labels[i]; i++)
		json_array_append_new(a, json_string(labels[i]));
	return a;
}

/* Fill `out` from an issue or pull request answer. */
static int created_from(struct github_created *out, json_t *doc, const char *op)
{
	const char *url = jsonx_str(doc, "html_url");
	long long number = jsonx_int(doc, "number", 0);

	if (!url)
		return err_set(ERR_INPUT, "GitHub's answer to '%s' has no 'html_url'", op);
	out->number = (int)number;
	out->url = xstrdup(url);
	return 0;
}

static int rest_create_issue(struct github_created *out, struct github *gh, const char *title,
			     const char *body, const char *const *labels)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/issues", r->owner, r->name);
	json_t *req = json_pack("{s:s, s:s, s:o}", "title", title, "body", body ? body : "",
				"labels", label_array(labels));
	json_t *doc = NULL;
	struct call c = {"POST", path, req, NULL, "issues: write", NULL, 0};
	int error;

	if ((error = call_json(&doc, r, &c)) == 0)
		error = created_from(out, doc, "POST /repos/.../issues");
	json_decref(doc);
	json_decref(req);
	free(path);
	return error;
}

static int rest_add_labels(struct github *gh, int number, const char *const *labels)
{
	struct rest *r = rest_of(gh);
	char *path, *missing;
	json_t *req;
	struct call c = {"POST", NULL, NULL, NULL, "issues: write", NULL, 0};
	int error;

	if (!labels || !labels[0])
		return 0;
	path = xasprintf("/repos/%s/%s/issues/%d/labels", r->owner, r->name, number);
	missing = xasprintf("issue or pull request #%d in '%s'", number, r->full);
	req = json_pack("{s:o}", "labels", label_array(labels));
	c.path = path;
	c.body = req;
	c.missing = missing;
	error = call_json(NULL, r, &c);
	json_decref(req);
	free(path);
	free(missing);
	return error;
}

static int rest_create_pull(struct github_created *out, struct github *gh, const char *title,
			    const char *body, const char *head, const char *base,
			    const char *const *labels)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/pulls", r->owner, r->name);
	json_t *req = json_pack("{s:s, s:s, s:s, s:s}", "title", title, "body", body ? body : "",
				"head", head, "base", base);
	json_t *doc = NULL;
	struct call c = {"POST", path, req, NULL, "pull-requests: write", NULL, 0};
	int error;

	if ((error = call_json(&doc, r, &c)) == 0 &&
	    (error = created_from(out, doc, "POST /repos/.../pulls")) == 0 &&
	    (error = rest_add_labels(gh, out->number, labels)) < 0)
		err_prefix("pull request #%d was opened but not labelled", out->number);
	json_decref(doc);
	json_decref(req);
	free(path);
	return error;
}

static int rest_update_pull(struct github *gh, int number, const char *title, const char *body)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/pulls/%d", r->owner, r->name, number);
	char *missing = xasprintf("pull request #%d in '%s'", number, r->full);
	json_t *req = json_object();
	struct call c = {"PATCH", path, req, NULL, "pull-requests: write", missing, 0};
	int error;

	if (title)
		json_object_set_new(req, "title", json_string(title));
	if (body)
		json_object_set_new(req, "body", json_string(body));
	error = json_object_size(req) ? call_json(NULL, r, &c) : 0;
	json_decref(req);
	free(path);
	free(missing);
	return error;
}

static int rest_comment_issue(struct github_created *out, struct github *gh, int number,
			      const char *body)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/issues/%d/comments", r->owner, r->name, number);
	char *missing = xasprintf("issue #%d in '%s'", number, r->full);
	json_t *req = json_pack("{s:s}", "body", body), *doc = NULL;
	struct call c = {"POST", path, req, NULL, "issues: write", missing, 0};
	int error;

	if ((error = call_json(&doc, r, &c)) == 0 &&
	    (error = created_from(out, doc, "POST /repos/.../comments")) == 0)
		out->number = number;
	json_decref(doc);
	json_decref(req);
	free(path);
	free(missing);
	return error;
}

static int rest_close_issue(struct github *gh, int number, const char *reason)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/issues/%d", r->owner, r->name, number);
	char *missing = xasprintf("issue #%d in '%s'", number, r->full);
	json_t *req = json_pack("{s:s, s:s}", "state", "closed", "state_reason", reason), *doc = NULL;
	struct call c = {"PATCH", path, req, NULL, "issues: write", missing, 0};
	int error = call_json(&doc, r, &c);

	json_decref(doc);
	json_decref(req);
	free(path);
	free(missing);
	return error;
}

static int rest_remote(char **url, const char **token, struct github *gh, const char *server_url)
{
	*url = github_git_url(gh, server_url);
	*token = github_token(gh);
	return 0;
}

/*
 * An issue is the incident's only when we opened it: not a pull request, our label, our
 * login as its author, and the marker as its body's first line. Anybody can write the
 * marker somewhere in an issue of their own, or into a log line we quote.
 */
static bool our_issue(json_t *it, const char *marker, const char *login)
{
	const char *body = jsonx_str(it, "body"), *author = jsonx_str(it, "user.login");
	size_t n = strlen(marker), i;
	json_t *label;
	bool labelled = false;

	json_array_foreach(json_object_get(it, "labels"), i, label) {
		const char *name = json_is_string(label) ? json_string_value(label) : jsonx_str(label, "name");

		labelled |= name && !strcmp(name, GITHUB_LABEL_GENERATED);
	}
	return !json_object_get(it, "pull_request") && labelled && author && login &&
	       !strcasecmp(author, login) && body && !strncmp(body, marker, n) &&
	       (body[n] == '\0' || body[n] == '\n' || body[n] == '\r');
}

/* The oldest of our issues in `list` that carries `marker`. */
static int pick_issue(struct github_created *out, json_t *list, const char *marker, const char *login)
{
	json_t *best = NULL, *it;
	size_t i;

	json_array_foreach(list, i, it) {
		if (!our_issue(it, marker, login))
			continue;
		if (!best || jsonx_int(it, "number", 0) < jsonx_int(best, "number", 0))
			best = it;
	}
	if (!best)
		return ERR_NOTFOUND;
	return created_from(out, best, "issues");
}

/*
 * Who the token acts as: GET /user for a personal token; a workflow's or an App's
 * installation token may not call it (403), and GitHub records its writes as the bot
 * login, known beforehand (the App's slug, or github-actions[bot]). Asked once.
 */
/* Who the token acts as, asked of GitHub (a new string), or NULL when it may not ask. */
static int ask_login(char **out, struct rest *r)
{
	struct call c = {"GET", "/user", NULL, NULL, "the token's own user", "the token's user", 0};
	json_t *doc = NULL;
	int error;

	*out = NULL;
	if (r->app_id)
		return github_app_login(out, r->api, r->app_id, r->app_pem);
	if ((error = call_json(&doc, r, &c)) == ERR_NET)
		return error;
	if (error == 0 && jsonx_str(doc, "login"))
		*out = xstrdup(jsonx_str(doc, "login"));
	err_clear(); /* a workflow's token may not ask: its writes are the bot login's */
	json_decref(doc);
	return 0;
}

static int identity(const char **out, struct rest *r)
{
	char *asked = NULL;
	int error;

	pthread_mutex_lock(&r->lock);
	*out = r->login;
	pthread_mutex_unlock(&r->lock);
	if (*out)
		return 0;
	if ((error = ask_login(&asked, r)) < 0)
		return error;
	pthread_mutex_lock(&r->lock);
	if (!r->login)
		r->login = asked ? asked : xstrdup(r->bot_login);
	else
		free(asked);
	*out = r->login;
	pthread_mutex_unlock(&r->lock);
	return 0;
}

static int rest_find_issue(struct github_created *out, struct github *gh, const char *fingerprint)
{
	struct rest *r = rest_of(gh);
	char *marker = github_fingerprint_marker(fingerprint), *q = NULL, *eq = NULL, *path = NULL;
	char *elogin = NULL, *first = NULL;
	struct call c = {"GET", NULL, NULL, NULL, "issues: read", NULL, 0};
	const char *login;
	json_t *list = NULL;
	int error;

	if ((error = identity(&login, r)) < 0)
		goto done;
	elogin = urlenc(login ? login : "", false);
	path = xasprintf("/repos/%s/%s/issues?state=open&labels=%s&creator=%s&per_page=100", r->owner,
			 r->name, GITHUB_LABEL_GENERATED, elogin);
	c.path = path;
	if (get_pages(&list, r, &c, r->max_pages, NULL, NULL) == 0) {
		error = pick_issue(out, list, marker, login);
		goto done;
	}
	/* The list failed: the search is the other way to look. When both fail we cannot
	 * know whether the incident has its issue, and a second one is worse than none. */
	first = xstrdup(err_last());
	q = xasprintf("repo:%s is:issue is:open label:%s author:%s \"aiops-fingerprint: %s\"", r->full,
		      GITHUB_LABEL_GENERATED, login ? login : "", fingerprint);
	eq = urlenc(q, false);
	free(path);
	path = xasprintf("/search/issues?q=%s&per_page=20", eq);
	c.path = path;
	if (get_pages(&list, r, &c, 1, NULL, NULL) == 0)
		error = pick_issue(out, list, marker, login);
	else
		error = err_set(ERR_NET, "cannot tell whether incident %.12s already has an issue (listing "
				"the issues: %s; searching: %s): not opening another", fingerprint, first,
				err_last());
done:
	if (error == ERR_NOTFOUND)
		err_set(ERR_NOTFOUND, "no open issue of ours carries fingerprint %.12s in '%s'", fingerprint,
			r->full);
	json_decref(list);
	free(marker);
	free(first);
	free(elogin);
	free(q);
	free(eq);
	free(path);
	return error;
}

static int rest_find_open_pull(struct github_created *out, struct github *gh, const char *head)
{
	struct rest *r = rest_of(gh);
	char *qhead = xasprintf("%s:%s", r->owner, head), *ehead = urlenc(qhead, false);
	char *path = xasprintf("/repos/%s/%s/pulls?state=open&head=%s&per_page=100", r->owner,
			       r->name, ehead);
	struct call c = {"GET", path, NULL, NULL, "pull-requests: read", NULL, 0};
	json_t *list = NULL, *pr;
	size_t i;
	int error;

	if ((error = call_json(&list, r, &c)) < 0)
		goto done;
	error = ERR_NOTFOUND;
	json_array_foreach(list, i, pr) {
		const char *ref = jsonx_str(pr, "head.ref");

		if (ref && !strcmp(ref, head)) {
			error = created_from(out, pr, "GET /repos/.../pulls");
			break;
		}
	}
	if (error == ERR_NOTFOUND)
		err_set(ERR_NOTFOUND, "no open pull request from '%s' in '%s'", head, r->full);
done:
	json_decref(list);
	free(qhead);
	free(ehead);
	free(path);
	return error;
}

static int rest_dispatch_run(struct github_created *out, struct github *gh, const char *workflow,
			     const char *ref, json_t *inputs)
{
	struct rest *r = rest_of(gh);
	char *ewf = urlenc(workflow, false), *html = NULL;
	char *path = xasprintf("/repos/%s/%s/actions/workflows/%s/dispatches", r->owner, r->name, ewf);
	char *missing = xasprintf("workflow '%s' in '%s' (it must exist on the default branch)",
				  workflow, r->full);
	json_t *req = json_pack("{s:s}", "ref", ref), *doc = NULL;
	struct call c = {"POST", path, req, NULL, "actions: write", missing, 0};
	int error;

	if (inputs && json_object_size(inputs))
		json_object_set(req, "inputs", inputs);
	/* GHES 3.19 does not know return_run_details; api.github.com answers 200 with it. */
	if (!r->ghes)
		json_object_set_new(req, "return_run_details", json_true());
	if ((error = call_json(&doc, r, &c)) < 0)
		goto done;
	memset(out, 0, sizeof(*out));
	if (jsonx_str(doc, "html_url")) {
		out->url = xstrdup(jsonx_str(doc, "html_url"));
	} else {
		if ((error = repo_info(r, NULL, &html)) < 0)
			goto done;
		out->url = xasprintf("%s/actions/workflows/%s", html ? html : "", ewf);
	}
done:
	json_decref(doc);
	json_decref(req);
	free(ewf);
	free(html);
	free(path);
	free(missing);
	return error;
}

static int rest_dispatch(struct github *gh, const char *workflow, const char *ref, json_t *inputs)
{
	struct github_created run = {0, NULL};
	int error = rest_dispatch_run(&run, gh, workflow, ref, inputs);

	github_created_release(&run);
	return error;
}

static void rest_release(struct rest *r)
{
	free(r->api);
	free(r->origin);
	free(r->owner);
	free(r->name);
	free(r->full);
	free(r->token);
	free(r->default_branch);
	free(r->html_url);
	free(r->login);
	free(r->bot_login);
	free(r->app_id);
	free(r->app_pem);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

static void rest_free(struct github *gh)
{
	rest_release(rest_of(gh));
	free(gh);
}

/* ---- workflow runs, for repair ----------------------------------------------------- */

static int rest_get_json(json_t **out, struct github *gh, const char *path, const char *permission,
			 const char *missing)
{
	struct call c = {"GET", path, NULL, NULL, permission, missing, 0};

	return call_json(out, rest_of(gh), &c);
}

static int rest_get_pull(json_t **out, struct github *gh, int number)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/pulls/%d", r->owner, r->name, number);
	char *missing = xasprintf("pull request #%d in '%s'", number, r->full);
	int error = rest_get_json(out, gh, path, "pull-requests: read", missing);

	free(path);
	free(missing);
	return error;
}

static int rest_list_comments(json_t **out, struct github *gh, int number)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/issues/%d/comments?per_page=100", r->owner, r->name, number);
	char *missing = xasprintf("issue or pull request #%d in '%s'", number, r->full);
	struct call c = {"GET", path, NULL, NULL, "issues: read", missing, 0};
	int error = get_pages(out, r, &c, r->max_pages, NULL, NULL);

	free(path);
	free(missing);
	return error;
}

static int rest_get_run(json_t **out, struct github *gh, long long run_id)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/actions/runs/%lld", r->owner, r->name, run_id);
	char *missing = xasprintf("workflow run %lld in '%s'", run_id, r->full);
	int error = rest_get_json(out, gh, path, "actions: read", missing);

	free(path);
	free(missing);
	return error;
}

/* The array under `key` of a list answer ({"total_count", key: [...]}), as a new ref. */
static int take_list(json_t **out, json_t *doc, const char *key, const char *op)
{
	json_t *list = json_object_get(doc, key);

	if (!json_is_array(list))
		return err_set(ERR_INPUT, "GitHub's answer to '%s' has no '%s' list", op, key);
	*out = json_incref(list);
	return 0;
}

static int rest_list_branch_runs(json_t **out, struct github *gh, const char *branch)
{
	struct rest *r = rest_of(gh);
	char *eb = urlenc(branch, false);
	char *path = xasprintf("/repos/%s/%s/actions/runs?branch=%s&per_page=30", r->owner, r->name, eb);
	json_t *doc = NULL;
	int error;

	if ((error = rest_get_json(&doc, gh, path, "actions: read", NULL)) == 0)
		error = take_list(out, doc, "workflow_runs", "GET /repos/.../actions/runs");
	json_decref(doc);
	free(eb);
	free(path);
	return error;
}

static int rest_list_run_jobs(json_t **out, struct github *gh, long long run_id)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/actions/runs/%lld/jobs?filter=latest&per_page=100",
			       r->owner, r->name, run_id);
	char *missing = xasprintf("workflow run %lld in '%s'", run_id, r->full);
	json_t *doc = NULL;
	int error;

	if ((error = rest_get_json(&doc, gh, path, "actions: read", missing)) == 0)
		error = take_list(out, doc, "jobs", "GET /repos/.../actions/runs/{id}/jobs");
	json_decref(doc);
	free(path);
	free(missing);
	return error;
}

static int rest_download_job_log(size_t *bytes, struct github *gh, long long job_id, const char *file,
				 size_t max_bytes)
{
	struct rest *r = rest_of(gh);
	struct http_resp resp = HTTP_RESP_INIT;
	char *path = xasprintf("/repos/%s/%s/actions/jobs/%lld/logs", r->owner, r->name, job_id);
	char *missing = xasprintf("the log of job %lld in '%s' (expired, or the job never ran)", job_id,
				  r->full);
	struct call c = {"GET", path, NULL, NULL, "actions: read", missing, max_bytes};
	int error = perform_to(&resp, r, &c, file, bytes);

	http_resp_release(&resp);
	free(path);
	free(missing);
	return error;
}

static int rest_rerun_failed_jobs(struct github *gh, long long run_id)
{
	struct rest *r = rest_of(gh);
	char *path = xasprintf("/repos/%s/%s/actions/runs/%lld/rerun-failed-jobs", r->owner, r->name,
			       run_id);
	char *missing = xasprintf("workflow run %lld in '%s'", run_id, r->full);
	struct call c = {"POST", path, NULL, NULL, "actions: write", missing, 0};
	int error = call_json(NULL, r, &c);

	free(path);
	free(missing);
	return error;
}

static const struct github_ops rest_ops = {
	.name = "rest",
	.get_repo = rest_get_repo,
	.list_closed_pulls = rest_list_closed_pulls,
	.list_deployments = rest_list_deployments,
	.close_issue = rest_close_issue,
	.remote = rest_remote,
	.get_pull_diff = rest_get_pull_diff,
	.list_files = rest_list_files,
	.read_file = rest_read_file,
	.create_issue = rest_create_issue,
	.create_pull = rest_create_pull,
	.dispatch_workflow = rest_dispatch,
	.list_merged_pulls = rest_list_merged_pulls,
	.list_pull_files = rest_list_pull_files,
	.get_contents = rest_get_contents,
	.find_issue_by_fingerprint = rest_find_issue,
	.comment_issue = rest_comment_issue,
	.add_labels = rest_add_labels,
	.find_open_pull_by_head = rest_find_open_pull,
	.update_pull = rest_update_pull,
	.dispatch_workflow_run = rest_dispatch_run,
	.get_pull = rest_get_pull,
	.list_comments = rest_list_comments,
	.get_run = rest_get_run,
	.list_branch_runs = rest_list_branch_runs,
	.list_run_jobs = rest_list_run_jobs,
	.download_job_log = rest_download_job_log,
	.rerun_failed_jobs = rest_rerun_failed_jobs,
	.free = rest_free,
};

void github_rest_opts_from_env(struct github_rest_opts *o)
{
	o->api_url = settings_get("GITHUB_API_URL");
	o->repository = settings_get("GITHUB_REPOSITORY");
	o->token = settings_get("GITHUB_TOKEN");
	if (!o->token)
		o->token = settings_get("GH_TOKEN");
	o->app_id = settings_get("GITHUB_APP_ID");
	o->app_private_key = settings_get("GITHUB_APP_PRIVATE_KEY");
	o->app_installation_id = settings_get("GITHUB_APP_INSTALLATION_ID");
	o->bot_login = settings_get("AIOPS_BOT_LOGIN");
}

/* The API URL without trailing slashes; ERR_USAGE unless http(s). */
static int api_base(char **out, const char *api_url)
{
	char *api = xstrdup(api_url && *api_url ? api_url : "https://api.github.com");
	size_t n = strlen(api);

	while (n > 0 && api[n - 1] == '/')
		api[--n] = '\0';
	if (strncasecmp(api, "https://", 8) && strncasecmp(api, "http://", 7)) {
		err_set(ERR_USAGE, "GITHUB_API_URL '%s' is not an http(s) URL", api);
		free(api);
		return ERR_USAGE;
	}
	*out = api;
	return 0;
}

/* "scheme://host[:port]" of an http(s) URL. */
static char *origin_of(const char *url)
{
	const char *p = strstr(url, "://") + 3;

	return xstrndup(url, (size_t)(p - url) + strcspn(p, "/?#"));
}

static bool valid_slug(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("-_.", s[i])))
			return false;
	return !(n == 1 && s[0] == '.') && !(n == 2 && !strncmp(s, "..", 2));
}

/* The claims of the App JWT: issued 60 s ago (clock drift), valid for 9 more minutes. */
static char *app_claims(const char *app_id)
{
	long long now = (long long)time(NULL);
	bool numeric = app_id[0] && strspn(app_id, "0123456789") == strlen(app_id);
	json_t *claims = json_pack("{s:I, s:I}", "iat", (json_int_t)(now - 60),
				   "exp", (json_int_t)(now + 540));
	char *text;

	json_object_set_new(claims, "iss", numeric ? json_integer(strtoll(app_id, NULL, 10))
						   : json_string(app_id));
	text = json_dumps(claims, JSON_COMPACT);
	json_decref(claims);
	return text;
}

/*
 * A client that speaks as the App itself: its JWT (signed with `pem`) as the token, for
 * the App's own endpoints. app_client_release frees what it made.
 */
static int app_client(struct rest *r, const char *api_url, const char *app_id, const char *pem)
{
	char *claims;
	int error;

	memset(r, 0, sizeof(*r));
	if ((error = api_base(&r->api, api_url)) < 0)
		return error;
	r->origin = origin_of(r->api);
	r->full = xasprintf("App %s", app_id);
	r->max_pages = 1;
	claims = app_claims(app_id);
	error = crypto_jwt_rs256(&r->token, pem, strlen(pem), claims, "GITHUB_APP_PRIVATE_KEY");
	free(claims);
	return error;
}

static void app_client_release(struct rest *r)
{
	free(r->token);
	free(r->api);
	free(r->origin);
	free(r->full);
}

int github_app_token(char **out, const char *api_url, const char *app_id, const char *pem,
		     const char *installation_id)
{
	struct rest r;
	char *path = NULL, *missing = NULL;
	json_t *doc = NULL;
	struct call c = {"POST", NULL, NULL, NULL, "the App's installation", NULL, 0};
	const char *token;
	int error;

	memset(&r, 0, sizeof(r));
	if (!app_id || !*app_id)
		return err_set(ERR_USAGE, "GitHub App authentication needs GITHUB_APP_ID");
	if (!installation_id || !*installation_id ||
	    strspn(installation_id, "0123456789") != strlen(installation_id))
		return err_set(ERR_USAGE, "GitHub App authentication needs a numeric "
			       "GITHUB_APP_INSTALLATION_ID");
	if (!pem || !*pem)
		return err_set(ERR_USAGE, "GitHub App authentication needs GITHUB_APP_PRIVATE_KEY");
	if ((error = app_client(&r, api_url, app_id, pem)) < 0)
		goto done;
	path = xasprintf("/app/installations/%s/access_tokens", installation_id);
	missing = xasprintf("installation %s of GitHub App %s", installation_id, app_id);
	c.path = path;
	c.missing = missing;
	if ((error = call_json(&doc, &r, &c)) < 0) {
		if (error == ERR_INPUT && strstr(err_last(), "(401"))
			err_prefix("GitHub rejected the JWT of App %s (check GITHUB_APP_ID and "
				   "GITHUB_APP_PRIVATE_KEY)", app_id);
		goto done;
	}
	if (!(token = jsonx_str(doc, "token"))) {
		error = err_set(ERR_INPUT, "GitHub's answer to 'POST %s' has no token", path);
		goto done;
	}
	redact_add_literal(token);
	*out = xstrdup(token);
done:
	json_decref(doc);
	free(path);
	free(missing);
	app_client_release(&r);
	return error;
}

int github_app_login(char **out, const char *api_url, const char *app_id, const char *pem)
{
	struct rest r;
	json_t *doc = NULL;
	struct call c = {"GET", "/app", NULL, NULL, "the App itself", "the App", 0};
	const char *slug;
	int error;

	if ((error = app_client(&r, api_url, app_id, pem)) < 0 || (error = call_json(&doc, &r, &c)) < 0)
		goto done;
	if (!(slug = jsonx_str(doc, "slug")) || !*slug) {
		error = err_set(ERR_INPUT, "GitHub's answer to 'GET /app' has no slug");
		goto done;
	}
	*out = xasprintf("%s[bot]", slug);
done:
	json_decref(doc);
	app_client_release(&r);
	return error;
}

int github_rest_new(struct github **out, const struct github_rest_opts *o)
{
	struct rest *r = xcalloc(1, sizeof(*r));
	const char *repo = o->repository, *slash = repo ? strchr(repo, '/') : NULL;
	struct github *gh;
	int error;

	pthread_mutex_init(&r->lock, NULL);
	if (!repo || !slash || !valid_slug(repo, (size_t)(slash - repo)) ||
	    !valid_slug(slash + 1, strlen(slash + 1))) {
		error = err_set(ERR_USAGE, "GITHUB_REPOSITORY '%s' is not 'owner/name'", repo ? repo : "");
		goto fail;
	}
	if ((error = api_base(&r->api, o->api_url)) < 0)
		goto fail;
	r->origin = origin_of(r->api);
	r->ghes = strlen(r->api) >= 7 && !strcmp(r->api + strlen(r->api) - 7, "/api/v3");
	r->owner = xstrndup(repo, (size_t)(slash - repo));
	r->name = xstrdup(slash + 1);
	r->full = xstrdup(repo);
	r->timeout_ms = o->timeout_ms;
	r->max_attempts = o->max_attempts;
	r->max_pages = o->max_pages > 0 ? o->max_pages : 10;
	r->bot_login = xstrdup(o->bot_login && *o->bot_login ? o->bot_login : "github-actions[bot]");
	if (o->token && *o->token) {
		r->token = xstrdup(o->token);
		redact_add_literal(r->token);
	} else if (o->app_id || o->app_private_key || o->app_installation_id) {
		if ((error = github_app_token(&r->token, r->api, o->app_id, o->app_private_key,
					      o->app_installation_id)) < 0)
			goto fail;
		r->app_id = xstrdup(o->app_id);
		r->app_pem = xstrdup(o->app_private_key);
	} else {
		error = err_set(ERR_USAGE, "no GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID, "
			       "GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID");
		goto fail;
	}
	gh = xmalloc(sizeof(*gh));
	gh->ops = &rest_ops;
	gh->impl = r;
	*out = gh;
	return 0;
fail:
	rest_release(r);
	return error;
}

const char *github_token(struct github *gh)
{
	return gh && gh->ops == &rest_ops ? rest_of(gh)->token : NULL;
}

char *github_git_url(struct github *gh, const char *server_url)
{
	struct rest *r;
	char *server;
	size_t n;

	if (!gh || gh->ops != &rest_ops)
		return NULL;
	r = rest_of(gh);
	if (server_url && *server_url) {
		server = xstrdup(server_url);
	} else if (!strcasecmp(r->origin, "https://api.github.com")) {
		server = xstrdup("https://github.com");
	} else if (r->ghes) {
		server = xstrndup(r->api, strlen(r->api) - 7);
	} else if (!strncasecmp(r->origin, "https://api.", 12)) {
		server = xasprintf("https://%s", r->origin + 12); /* GHE.com: api.<sub>.ghe.com */
	} else {
		server = xstrdup(r->origin);
	}
	n = strlen(server);
	while (n && server[n - 1] == '/')
		server[--n] = '\0';
	{
		char *url = xasprintf("%s/%s/%s.git", server, r->owner, r->name);

		free(server);
		return url;
	}
}

int github_rest_call(json_t **out, struct github *gh, const char *method, const char *path,
		     json_t *body, const char *permission)
{
	struct call c = {method, path, body, NULL, permission, NULL, 0};
	char *missing;
	int error;

	if (!gh || gh->ops != &rest_ops)
		return err_set(ERR_USAGE, "'%s %s' needs the REST backend", method, path);
	missing = xasprintf("'%.*s'", (int)strcspn(path, "?"), path);
	c.missing = missing;
	error = call_json(out, rest_of(gh), &c);
	free(missing);
	return error;
}

int github_rest_get_all(json_t **out, struct github *gh, const char *path,
			const char *permission)
{
	struct call c = {"GET", path, NULL, NULL, permission, NULL, 0};
	char *missing;
	int error;

	if (!gh || gh->ops != &rest_ops)
		return err_set(ERR_USAGE, "'GET %s' needs the REST backend", path);
	missing = xasprintf("'%.*s'", (int)strcspn(path, "?"), path);
	c.missing = missing;
	error = get_pages(out, rest_of(gh), &c, rest_of(gh)->max_pages, NULL, NULL);
	free(missing);
	return error;
}
