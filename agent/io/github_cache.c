#include "common.h"
#include "io/github_cache.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/sys.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

struct cached_file {
	char *path;
	char *text;     /* NULL: not found (message in `why`) */
	size_t len;
	char *why;
};

struct reader {
	struct github_ops ops;   /* reader_ops, named after the backend wrapped */
	struct github *rest;     /* the backend wrapped (owned) */
	char *checkout;          /* realpath, or NULL */
	pthread_mutex_t lock;
	struct cached_file *files;
	size_t n, alloc;
};

static struct reader *reader_of(struct github *gh)
{
	return gh->impl;
}

static struct github *inner(struct github *gh)
{
	return reader_of(gh)->rest;
}

/* The checkout's copy of `path`: 0, ERR_NOTFOUND, or another error. */
static int read_checkout(struct buf *out, const char *root, const char *path)
{
	int error;

	if (!root)
		return ERR_NOTFOUND;
	if ((error = sys_read_confined(out, root, path, out->cap ? out->cap : TREE_FILE_MAX)) == ERR_NOTFOUND)
		err_clear();
	return error;
}

static int reader_read_file(struct buf *out, struct github *gh, const char *path)
{
	struct reader *r = reader_of(gh);
	struct buf text = BUF_INIT;
	struct cached_file f = {0};
	int error;

	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->files[i].path, path)) {
			if (r->files[i].text)
				error = buf_add(out, r->files[i].text, r->files[i].len) < 0
						? err_set(ERR_TOO_BIG, "'%s' exceeds %zu bytes", path, out->cap)
						: 0;
			else
				error = err_set(ERR_NOTFOUND, "%s", r->files[i].why);
			pthread_mutex_unlock(&r->lock);
			return error;
		}
	pthread_mutex_unlock(&r->lock);
	buf_init(&text, TREE_FILE_MAX);
	error = read_checkout(&text, r->checkout, path);
	if (error == ERR_NOTFOUND) {
		err_clear();
		buf_reset(&text);
		error = r->rest->ops->read_file(&text, r->rest, path);
	}
	if (error < 0 && error != ERR_NOTFOUND) {
		buf_release(&text);
		return error;
	}
	f.path = xstrdup(path);
	f.len = text.len;
	if (error == 0)
		f.text = buf_detach(&text);
	else
		f.why = xstrdup(err_last());
	buf_release(&text);
	pthread_mutex_lock(&r->lock);
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->files = xrealloc(r->files, r->alloc * sizeof(*r->files));
	}
	r->files[r->n++] = f;
	pthread_mutex_unlock(&r->lock);
	if (error == 0 && buf_add(out, f.text, f.len) < 0)
		return err_set(ERR_TOO_BIG, "'%s' exceeds %zu bytes", path, out->cap);
	return error;
}

static int reader_get_contents(struct buf *out, struct github *gh, const char *path, const char *ref)
{
	if (!ref)
		return reader_read_file(out, gh, path);
	return inner(gh)->ops->get_contents(out, inner(gh), path, ref);
}

static int reader_get_repo(json_t **out, struct github *gh)
{
	return inner(gh)->ops->get_repo(out, inner(gh));
}

static int reader_list_closed_pulls(json_t **out, struct github *gh)
{
	return inner(gh)->ops->list_closed_pulls(out, inner(gh));
}

static int reader_get_pull_diff(struct buf *out, struct github *gh, int number)
{
	return inner(gh)->ops->get_pull_diff(out, inner(gh), number);
}

static int reader_list_files(char ***out, size_t *count, struct github *gh)
{
	return inner(gh)->ops->list_files(out, count, inner(gh));
}

static int reader_create_issue(struct github_created *out, struct github *gh, const char *title,
			       const char *body, const char *const *labels)
{
	return inner(gh)->ops->create_issue(out, inner(gh), title, body, labels);
}

static int reader_create_pull(struct github_created *out, struct github *gh, const char *title,
			      const char *body, const char *head, const char *base,
			      const char *const *labels)
{
	return inner(gh)->ops->create_pull(out, inner(gh), title, body, head, base, labels);
}

static int reader_dispatch_workflow(struct github *gh, const char *workflow, const char *ref,
				    json_t *inputs)
{
	return inner(gh)->ops->dispatch_workflow(inner(gh), workflow, ref, inputs);
}

static int reader_list_merged_pulls(json_t **out, struct github *gh, time_t since, time_t until)
{
	return inner(gh)->ops->list_merged_pulls(out, inner(gh), since, until);
}

static int reader_list_deployments(json_t **out, struct github *gh)
{
	return inner(gh)->ops->list_deployments(out, inner(gh));
}

static int reader_list_pull_files(json_t **out, struct github *gh, int number)
{
	return inner(gh)->ops->list_pull_files(out, inner(gh), number);
}

static int reader_find_issue(struct github_created *out, struct github *gh, const char *fingerprint)
{
	return inner(gh)->ops->find_issue_by_fingerprint(out, inner(gh), fingerprint);
}

static int reader_comment_issue(struct github_created *out, struct github *gh, int number,
				const char *body)
{
	return inner(gh)->ops->comment_issue(out, inner(gh), number, body);
}

static int reader_add_labels(struct github *gh, int number, const char *const *labels)
{
	return inner(gh)->ops->add_labels(inner(gh), number, labels);
}

static int reader_find_open_pull(struct github_created *out, struct github *gh, const char *head)
{
	return inner(gh)->ops->find_open_pull_by_head(out, inner(gh), head);
}

static int reader_update_pull(struct github *gh, int number, const char *title, const char *body)
{
	return inner(gh)->ops->update_pull(inner(gh), number, title, body);
}

static int reader_dispatch_run(struct github_created *out, struct github *gh, const char *workflow,
			       const char *ref, json_t *inputs)
{
	return inner(gh)->ops->dispatch_workflow_run(out, inner(gh), workflow, ref, inputs);
}

static int reader_close_issue(struct github *gh, int number, const char *reason)
{
	return inner(gh)->ops->close_issue(inner(gh), number, reason);
}

static int reader_remote(char **url, const char **token, struct github *gh, const char *server_url)
{
	return inner(gh)->ops->remote(url, token, inner(gh), server_url);
}

/* Workflow runs pass through; a backend without them (NULL) stays without them. */
static int reader_get_pull(json_t **out, struct github *gh, int number)
{
	return inner(gh)->ops->get_pull(out, inner(gh), number);
}

static int reader_list_comments(json_t **out, struct github *gh, int number)
{
	return inner(gh)->ops->list_comments(out, inner(gh), number);
}

static int reader_get_run(json_t **out, struct github *gh, long long run_id)
{
	return inner(gh)->ops->get_run(out, inner(gh), run_id);
}

static int reader_list_branch_runs(json_t **out, struct github *gh, const char *branch)
{
	return inner(gh)->ops->list_branch_runs(out, inner(gh), branch);
}

static int reader_list_run_jobs(json_t **out, struct github *gh, long long run_id)
{
	return inner(gh)->ops->list_run_jobs(out, inner(gh), run_id);
}

static int reader_download_job_log(size_t *bytes, struct github *gh, long long job_id,
				   const char *path, size_t max_bytes)
{
	return inner(gh)->ops->download_job_log(bytes, inner(gh), job_id, path, max_bytes);
}

static int reader_rerun_failed_jobs(struct github *gh, long long run_id)
{
	return inner(gh)->ops->rerun_failed_jobs(inner(gh), run_id);
}

static void reader_free(struct github *gh)
{
	struct reader *r = reader_of(gh);

	for (size_t i = 0; i < r->n; i++) {
		free(r->files[i].path);
		free(r->files[i].text);
		free(r->files[i].why);
	}
	free(r->files);
	free(r->checkout);
	pthread_mutex_destroy(&r->lock);
	github_free(r->rest);
	free(r);
	free(gh);
}

static const struct github_ops reader_ops = {
	.name = "cache",
	.get_repo = reader_get_repo,
	.list_closed_pulls = reader_list_closed_pulls,
	.list_deployments = reader_list_deployments,
	.get_pull_diff = reader_get_pull_diff,
	.list_files = reader_list_files,
	.read_file = reader_read_file,
	.create_issue = reader_create_issue,
	.create_pull = reader_create_pull,
	.dispatch_workflow = reader_dispatch_workflow,
	.list_merged_pulls = reader_list_merged_pulls,
	.list_pull_files = reader_list_pull_files,
	.get_contents = reader_get_contents,
	.find_issue_by_fingerprint = reader_find_issue,
	.comment_issue = reader_comment_issue,
	.add_labels = reader_add_labels,
	.find_open_pull_by_head = reader_find_open_pull,
	.update_pull = reader_update_pull,
	.dispatch_workflow_run = reader_dispatch_run,
	.close_issue = reader_close_issue,
	.remote = reader_remote,
	.get_pull = reader_get_pull,
	.list_comments = reader_list_comments,
	.get_run = reader_get_run,
	.list_branch_runs = reader_list_branch_runs,
	.list_run_jobs = reader_list_run_jobs,
	.download_job_log = reader_download_job_log,
	.rerun_failed_jobs = reader_rerun_failed_jobs,
	.free = reader_free,
};

int github_cache_new(struct github **out, struct github *inner_gh, const char *checkout)
{
	struct github *gh;
	struct reader *r;

	r = xcalloc(1, sizeof(*r));
	r->ops = reader_ops;
	r->ops.name = inner_gh->ops->name; /* the result says which GitHub it talked to */
	if (!inner_gh->ops->list_run_jobs) { /* no workflow runs behind: none in front either */
		r->ops.get_pull = NULL;
		r->ops.list_comments = NULL;
		r->ops.get_run = NULL;
		r->ops.list_branch_runs = NULL;
		r->ops.list_run_jobs = NULL;
		r->ops.download_job_log = NULL;
		r->ops.rerun_failed_jobs = NULL;
	}
	r->rest = inner_gh;
	r->checkout = checkout && sys_is_dir(checkout) ? realpath(checkout, NULL) : NULL;
	pthread_mutex_init(&r->lock, NULL);
	gh = xcalloc(1, sizeof(*gh));
	gh->ops = &r->ops;
	gh->impl = r;
	*out = gh;
	return 0;
}
