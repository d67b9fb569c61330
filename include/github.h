/*
 * github.h - what the agent asks of GitHub, as a table of operations.
 *
 * Two backends fill the same table: the live REST client (later: github.c over http.c)
 * and the file-backed twin in github_offline.c, which reads a scenario's github/ folder
 * and writes what would be sent to GitHub into an output folder. The pipeline calls
 * github_*() and never asks which backend it has, so --offline needs no special case.
 *
 * Knows nothing of incidents: it moves pull requests, files, issues and dispatches.
 */
#ifndef AIOPS_GITHUB_H
#define AIOPS_GITHUB_H

#include "common.h"
#include "buf.h"

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

struct github_created {
	int number;
	char *url;
};

struct github;

struct github_ops {
	const char *name; /* "offline" or "rest" */
	/* {"full_name", "default_branch", "html_url"} as a new reference. */
	int (*get_repo)(json_t **out, struct github *gh);
	/* The closed pull requests, most recently updated first (GitHub's JSON array), new ref. */
	int (*list_closed_pulls)(json_t **out, struct github *gh);
	/* The diff of one pull request (application/vnd.github.diff). */
	int (*get_pull_diff)(struct buf *out, struct github *gh, int number);
	/* Paths of the default branch's files that are available, sorted; sys_free_list. */
	int (*list_files)(char ***out, size_t *count, struct github *gh);
	/* One file of the default branch; ERR_NOTFOUND when absent. */
	int (*read_file)(struct buf *out, struct github *gh, const char *path);
	/* Writes. Each records or sends one thing and reports what was created. */
	int (*create_issue)(struct github_created *out, struct github *gh, const char *title,
			    const char *body, const char *const *labels);
	int (*create_pull)(struct github_created *out, struct github *gh, const char *title,
			   const char *body, const char *head, const char *base,
			   const char *const *labels);
	int (*dispatch_workflow)(struct github *gh, const char *workflow, const char *ref,
				 json_t *inputs);
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
void github_pulls_free(struct github_pull *pulls, size_t count);
/* Parse one pull request object; ERR_INPUT names origin and field. */
int github_pull_from_json(struct github_pull *out, json_t *pr, const char *origin);
void github_pull_release(struct github_pull *pr);
void github_created_release(struct github_created *c);

#endif
