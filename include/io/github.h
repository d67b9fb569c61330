/*
 * github.h - what the agent asks of GitHub, as a table of operations.
 *
 * Two backends fill the same table: the live REST client (github_rest_new, over
 * http.c) and the file-backed twin in github_offline.c, which reads a scenario's
 * github/ folder and writes what would be sent to GitHub into an output folder. The
 * pipeline calls the table and never asks which backend it has, so --offline needs no
 * special case.
 *
 * Knows nothing of incidents: it moves pull requests, files, issues and dispatches. The
 * one convention it knows is the fingerprint marker that makes re-runs idempotent: an
 * issue whose body holds "<!-- aiops-fingerprint: <sha256> -->" belongs to that
 * incident (github_fingerprint_marker).
 *
 * Errors of the REST backend (the message names the operation, e.g. 'POST
 * /repos/o/r/issues', never the token):
 *   ERR_INPUT     401: the token (or the App's JWT) was rejected; 422: GitHub's
 *                 validation errors, from the body's errors[] ("Label.color is invalid")
 *   ERR_FAIL      403: the token lacks a permission, named from the operation
 *                 ("issues: write"); other unexpected statuses
 *   ERR_NOTFOUND  404: the repository, pull request, file or workflow, named
 *   ERR_CONFLICT  409, and a 422 that says the object already exists (a pull request
 *                 for that head)
 *   ERR_TOO_BIG   a body over its cap, or a diff GitHub refuses to render (406)
 *   ERR_NET       no answer after http.c's retries (5xx, 429, secondary rate limits)
 */
#ifndef AIOPS_GITHUB_H
#define AIOPS_GITHUB_H

#include "common.h"
#include "util/buf.h"

#include <jansson.h>
#include <time.h>

/* A merged pull request, as read from GET /repos/{o}/{r}/pulls. */
struct github_pull {
	int number;
	char *title, *body, *author, *html_url;
	char *merged_at_text;      /* RFC 3339 */
	time_t merged_at;
	char *merge_commit_sha;    /* may be NULL */
	char *head_ref;
};

/*
 * What a write created or found: an issue or a pull request (its number), a comment
 * (its issue's number, the comment's own URL), a workflow run (number 0, the run's page).
 */
struct github_created {
	int number;
	char *url;      /* html_url */
};

/* The label every issue and pull request the agent opens carries. */
#define GITHUB_LABEL_GENERATED "aiops-generated"

struct github;

struct github_ops {
	const char *name; /* "offline" or "rest" */
	/* {"full_name", "default_branch", "html_url", ...} as a new reference. */
	int (*get_repo)(json_t **out, struct github *gh);
	/*
	 * The closed pull requests, most recently updated first (GitHub's JSON array), new
	 * ref. REST: up to max_pages pages of 100.
	 */
	int (*list_closed_pulls)(json_t **out, struct github *gh);
	/* The diff of one pull request (application/vnd.github.diff). */
	int (*get_pull_diff)(struct buf *out, struct github *gh, int number);
	/*
	 * The repository's deployments, newest first (GET /repos/{o}/{r}/deployments: "sha",
	 * "environment", "created_at", ...), new ref; an empty array when there are none or
	 * the token may not read them (deployments are evidence, never required).
	 */
	int (*list_deployments)(json_t **out, struct github *gh);
	/* Paths of the default branch's files that are available, sorted; sys_free_list. */
	int (*list_files)(char ***out, size_t *count, struct github *gh);
	/* One file of the default branch; ERR_NOTFOUND when absent. */
	int (*read_file)(struct buf *out, struct github *gh, const char *path);
	/* Writes. Each records or sends one thing and reports what was created. */
	int (*create_issue)(struct github_created *out, struct github *gh, const char *title,
			    const char *body, const char *const *labels);
	/*
	 * Open a pull request from `head` (a branch of this repository) into `base`, then
	 * label it. When the labels cannot be added, the pull request exists all the same:
	 * `out` is filled and the error is returned. ERR_CONFLICT when an open pull request
	 * for `head` already exists (see github_upsert_pull).
	 */
	int (*create_pull)(struct github_created *out, struct github *gh, const char *title,
			   const char *body, const char *head, const char *base,
			   const char *const *labels);
	int (*dispatch_workflow)(struct github *gh, const char *workflow, const char *ref,
				 json_t *inputs);

	/*
	 * The merged pull requests with since <= merged_at <= until (0: no bound), most
	 * recently updated first, as GitHub's JSON objects; new ref. REST pages through
	 * pulls?state=closed&sort=updated&direction=desc and stops after the first page
	 * that reaches back before `since` (updated_at >= merged_at, so no older pull
	 * request can match).
	 */
	int (*list_merged_pulls)(json_t **out, struct github *gh, time_t since, time_t until);
	/* GitHub's array of changed files of a pull request ({filename, status, patch ...}). */
	int (*list_pull_files)(json_t **out, struct github *gh, int number);
	/*
	 * One file at `ref` (branch, tag or sha; NULL: the default branch), appended to
	 * `out` within its cap. REST: the contents API, base64 decoded (raw media type for
	 * files over 1 MB). ERR_NOTFOUND when absent, ERR_INPUT for a directory.
	 */
	int (*get_contents)(struct buf *out, struct github *gh, const char *path, const char *ref);
	/*
	 * The open issue we opened for `fingerprint`: labelled GITHUB_LABEL_GENERATED,
	 * authored by the token's own login, github_fingerprint_marker(fingerprint) as the
	 * body's first line; the oldest when there are several. REST: lists the open issues
	 * with that label and creator; when the list fails, the search API; when both fail,
	 * ERR_NET (the caller must not open another). ERR_NOTFOUND when there is none.
	 */
	int (*find_issue_by_fingerprint)(struct github_created *out, struct github *gh,
					 const char *fingerprint);
	/* Comment on an issue or pull request; out->url is the comment's link. */
	int (*comment_issue)(struct github_created *out, struct github *gh, int number,
			     const char *body);
	/* Add labels (NULL-terminated; empty is a no-op) to an issue or pull request. */
	int (*add_labels)(struct github *gh, int number, const char *const *labels);
	/* The open pull request whose head is `head` (a branch of this repository). */
	int (*find_open_pull_by_head)(struct github_created *out, struct github *gh,
				      const char *head);
	/* Replace the title and/or body (NULL: leave as is) of a pull request. */
	int (*update_pull)(struct github *gh, int number, const char *title, const char *body);
	/*
	 * Dispatch workflow `workflow` (file name or id) on `ref` with `inputs` (a JSON
	 * object or NULL; borrowed) and say where to watch it: out->url is the run's page
	 * when GitHub tells it (api.github.com, return_run_details), else the workflow's
	 * runs page (GHES); out->number is 0. ERR_NOTFOUND when the workflow does
	 * not exist; ERR_INPUT (422) when it has no workflow_dispatch trigger.
	 */
	int (*dispatch_workflow_run)(struct github_created *out, struct github *gh,
				     const char *workflow, const char *ref, json_t *inputs);
	/* Close an issue with a state reason ("completed", "not_planned", "duplicate"). */
	int (*close_issue)(struct github *gh, int number, const char *reason);
	/*
	 * Where git pushes go: `*url` (new string) and the token to push with (borrowed),
	 * from `server_url` (GITHUB_SERVER_URL) or the API's. ERR_NOTFOUND when the backend
	 * has no remote (the recorded twin: git work stays in a local sandbox).
	 */
	int (*remote)(char **url, const char **token, struct github *gh, const char *server_url);

	/*
	 * Workflow runs, for `repair` (self-healing CI). The recorded twin leaves these NULL:
	 * it has no runs, and callers say so.
	 *
	 * get_pull: one pull request as GitHub answers GET /repos/{o}/{r}/pulls/{n} (labels,
	 * body, state, user, head.ref, head.sha, base.ref), new ref.
	 * list_comments: the comments of an issue or pull request, oldest first (up to
	 * max_pages pages), new ref.
	 * get_run: GET /repos/{o}/{r}/actions/runs/{id} (status, conclusion, head_branch,
	 * head_sha, event, run_attempt, pull_requests, name, path), new ref.
	 * list_branch_runs: the latest runs on `branch` (newest first, one page of 30: the
	 * workflow_runs array), new ref.
	 * list_run_jobs: the jobs of the run's latest attempt (filter=latest; the jobs array:
	 * id, name, status, conclusion, steps), new ref.
	 * download_job_log: the job's plain-text log into the file `path`, at most
	 * `max_bytes` (ERR_TOO_BIG past it); `*bytes` its size. GitHub answers 302 to a
	 * storage host: http.c follows it without the token. ERR_NOTFOUND when the log is
	 * gone (expired, or the job never ran).
	 * rerun_failed_jobs: POST /repos/{o}/{r}/actions/runs/{id}/rerun-failed-jobs.
	 */
	int (*get_pull)(json_t **out, struct github *gh, int number);
	int (*list_comments)(json_t **out, struct github *gh, int number);
	int (*get_run)(json_t **out, struct github *gh, long long run_id);
	int (*list_branch_runs)(json_t **out, struct github *gh, const char *branch);
	int (*list_run_jobs)(json_t **out, struct github *gh, long long run_id);
	int (*download_job_log)(size_t *bytes, struct github *gh, long long job_id, const char *path,
				size_t max_bytes);
	int (*rerun_failed_jobs)(struct github *gh, long long run_id);
	void (*free)(struct github *gh);
};

struct github {
	const struct github_ops *ops;
	void *impl;
};

void github_free(struct github *gh);

/*
 * Convenience: the merged pull requests of list_closed_pulls (merged_at set), parsed.
 * `origin` names the source in messages. `*out` is a new array; github_pulls_free.
 */
int github_merged_pulls(struct github_pull **out, size_t *count, struct github *gh);
/* The same over list_merged_pulls: merged in [since, until] (0: no bound). */
int github_merged_pulls_window(struct github_pull **out, size_t *count, struct github *gh,
			       time_t since, time_t until);
void github_pulls_free(struct github_pull *pulls, size_t count);
/* Parse one pull request object; ERR_INPUT names origin and field. */
int github_pull_from_json(struct github_pull *out, json_t *pr, const char *origin);
void github_pull_release(struct github_pull *pr);
void github_created_release(struct github_created *c);

/*
 * The merged pull requests of `closed` (an array of pull request objects, borrowed)
 * with since <= merged_at <= until (0: no bound), in the same order; new ref. Both
 * backends use it, so they filter alike. Entries whose merged_at does not parse are
 * left out.
 */
json_t *github_filter_merged(json_t *closed, time_t since, time_t until);

/* "<!-- aiops-fingerprint: <fingerprint> -->"; new string. */
char *github_fingerprint_marker(const char *fingerprint);

/*
 * Fetch several diffs at once, `max_parallel` threads at a time (<= 0 means 4), through
 * gh->ops->get_pull_diff. Fill in each `number`; the rest of each entry is zeroed by the
 * caller (the diff buffers get the DIFF_FILE_MAX cap here). Each entry reports its own
 * outcome (`error` 0 or ERR_*, `message`); the return is 0 when all succeeded, else
 * the first failure's code, with its message in err_last(). The backend must be
 * thread-safe for reads (both are).
 */
struct github_pull_diff {
	int number;
	struct buf diff;
	int error;
	char *message; /* err_last() of a failed fetch, or NULL */
};

int github_fetch_diffs(struct github_pull_diff *diffs, size_t n, struct github *gh,
		       int max_parallel);
void github_pull_diffs_release(struct github_pull_diff *diffs, size_t n);

/*
 * Idempotent writes, over the table.
 *
 * github_upsert_issue: when an open issue carries the fingerprint marker, comment
 * `recurrence` on it (when not NULL) and report it with *existed = true; else open a
 * new one (the marker is appended to `body` when it lacks it). `out` is the issue
 * either way.
 *
 * github_upsert_pull: when an open pull request for `head` exists, update its title
 * and body and add the labels (*existed = true); else open one. A create that loses a
 * race (ERR_CONFLICT: somebody opened it meanwhile) turns into the update.
 */
int github_upsert_issue(struct github_created *out, bool *existed, struct github *gh,
			const char *fingerprint, const char *title, const char *body,
			const char *const *labels, const char *recurrence);
int github_upsert_pull(struct github_created *out, bool *existed, struct github *gh,
		       const char *title, const char *body, const char *head, const char *base,
		       const char *const *labels);

/* ---- the REST backend ---------------------------------------------------------------- */

/*
 * How to reach a repository. Authentication: `token`, or when it is NULL a GitHub App
 * (`app_id`, `app_private_key` PEM, `app_installation_id`): github_rest_new signs an
 * RS256 JWT (iat 60 s in the past, exp 9 minutes ahead, iss the App id) and exchanges
 * it at POST /app/installations/{id}/access_tokens for an installation token, which is
 * then used for REST and git alike (github_token).
 */
struct github_rest_opts {
	const char *api_url;             /* NULL: https://api.github.com; GHES: https://host/api/v3 */
	const char *repository;          /* "owner/name" */
	const char *token;
	const char *app_id;
	const char *app_private_key;
	const char *app_installation_id;
	long timeout_ms;                 /* per attempt; default 30000 */
	int max_attempts;                /* per request, see http.h; default 4 */
	int max_pages;                   /* pagination cap (100 items a page); default 10 */
	/* The author GitHub records for this token's writes when GET /user is refused to it
	 * (a workflow's token); NULL: github-actions[bot]. An App's is its slug + "[bot]". */
	const char *bot_login;
};

#define GITHUB_REST_OPTS_INIT {NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL}

/*
 * Fill the options from the environment: GITHUB_API_URL, GITHUB_REPOSITORY,
 * GITHUB_TOKEN (else GH_TOKEN), GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY,
 * GITHUB_APP_INSTALLATION_ID. The strings are borrowed from the environment.
 */
void github_rest_opts_from_env(struct github_rest_opts *o);

/*
 * A REST client for one repository. Makes no request unless App authentication needs
 * its token exchange. The token is registered for redaction here (redact.h), before
 * any thread starts; after that the client may be used from several threads at once
 * (github_fetch_diffs does). ERR_USAGE when the repository is not "owner/name", the API URL
 * is not http(s), or there is neither a token nor complete App settings (the message
 * names the missing variable).
 */
int github_rest_new(struct github **out, const struct github_rest_opts *o);

/*
 * The token a backend authenticates with (the installation token after App
 * authentication), for git pushes; borrowed. NULL for the offline backend.
 */
const char *github_token(struct github *gh);

/*
 * The git URL of the repository: `server_url` (GITHUB_SERVER_URL; NULL derives it from
 * the API URL: https://api.github.com gives https://github.com, https://host/api/v3
 * gives https://host) + "/owner/name.git"; new string. NULL for the offline backend.
 */
char *github_git_url(struct github *gh, const char *server_url);

/*
 * One REST call for what the table lacks: `path` is relative to the API URL
 * ("/repos/o/r/labels") and may carry a query; `body` (borrowed) is sent as JSON.
 * `permission` is named in a 403 message. `*out` is the parsed answer (a new ref;
 * JSON null for an empty body), may be NULL when not wanted.
 */
int github_rest_call(json_t **out, struct github *gh, const char *method, const char *path,
		     json_t *body, const char *permission);

/*
 * GET `path` and follow Link rel="next" for up to max_pages pages, concatenating the
 * arrays (the "items" of search answers); new ref. A next link that leaves the API's
 * scheme, host and port is refused (ERR_INPUT), so the token never goes elsewhere.
 */
int github_rest_get_all(json_t **out, struct github *gh, const char *path,
			const char *permission);

/*
 * GitHub App authentication on its own: sign the JWT with `pem` and exchange it for an
 * installation token at `api_url` (NULL: https://api.github.com). `*out` is a new
 * string. ERR_INPUT for a key that does not parse or a JWT GitHub rejects (401),
 * ERR_NOTFOUND for an unknown installation.
 */
int github_app_token(char **out, const char *api_url, const char *app_id, const char *pem,
		     const char *installation_id);
/* The login GitHub records for an App's writes: its slug + "[bot]" (GET /app). */
int github_app_login(char **out, const char *api_url, const char *app_id, const char *pem);

#endif
