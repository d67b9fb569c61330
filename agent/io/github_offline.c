#include "common.h"
#include "io/github_offline.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

/*
 * The offline twin of the GitHub client. Reads come from a recorded github/ folder,
 * writes become files in the output folder: what a reviewer would see on GitHub.
 */
struct offline {
	char *dir;      /* the github/ folder, or NULL */
	char *out_dir;
	json_t *repo;   /* repo.json or a stand-in */
	int next_number;
};

static struct offline *impl(struct github *gh)
{
	return gh->impl;
}

static int get_repo(json_t **out, struct github *gh)
{
	*out = json_incref(impl(gh)->repo);
	return 0;
}

static int list_closed_pulls(json_t **out, struct github *gh)
{
	struct offline *o = impl(gh);
	char *path;
	int error;

	if (!o->dir) {
		*out = json_array();
		return 0;
	}
	path = sys_path_join(o->dir, "pulls.json");
	error = jsonx_load_file(out, path, ALERT_FILE_MAX);
	if (error == ERR_NOTFOUND) {
		*out = json_array();
		error = 0;
	} else if (!error && !json_is_array(*out)) {
		json_decref(*out);
		*out = NULL;
		error = err_set(ERR_INPUT, "cannot parse '%s': expected an array of pull requests", path);
	}
	free(path);
	return error;
}

static int get_pull_diff(struct buf *out, struct github *gh, int number)
{
	struct offline *o = impl(gh);
	char *path;
	int error;

	if (!o->dir)
		return err_set(ERR_NOTFOUND, "no recorded diff for pull request #%d", number);
	path = xasprintf("%s/pulls/%d.diff", o->dir, number);
	error = sys_read_file(out, path, DIFF_FILE_MAX);
	free(path);
	return error;
}

static int list_files(char ***out, size_t *count, struct github *gh)
{
	struct offline *o = impl(gh);
	char *tree;
	int error;

	*out = NULL;
	*count = 0;
	if (!o->dir)
		goto empty;
	tree = sys_path_join(o->dir, "tree");
	if (!sys_is_dir(tree)) {
		free(tree);
		goto empty;
	}
	error = sys_list_files(out, count, tree);
	free(tree);
	return error;
empty:
	*out = xcalloc(1, sizeof(**out));
	return 0;
}

static int read_file(struct buf *out, struct github *gh, const char *path)
{
	struct offline *o = impl(gh);
	char *full, *tree;
	int error;

	if (!o->dir)
		return err_set(ERR_NOTFOUND, "no recorded file '%.200s'", path);
	full = xasprintf("%s/tree", o->dir);
	tree = realpath(full, NULL);
	/* the path comes from a diff, a frame or a model: it is checked before any read */
	error = tree ? sys_read_confined(out, tree, path, TREE_FILE_MAX)
		     : err_set(ERR_NOTFOUND, "no recorded file '%.200s'", path);
	free(full);
	free(tree);
	return error;
}

static void created(struct github_created *out, struct offline *o, const char *kind)
{
	const char *base = jsonx_str(o->repo, "html_url");

	out->number = o->next_number++;
	out->url = xasprintf("%s/%s/%d", base ? base : "", kind, out->number);
}

static void add_labels(struct buf *b, const char *const *labels)
{
	buf_puts(b, "labels:");
	for (size_t i = 0; labels && labels[i]; i++)
		buf_putf(b, "%s %s", i ? "," : "", labels[i]);
	buf_puts(b, "\n");
}

static int write_out(struct offline *o, const char *name, const struct buf *content)
{
	char *path = sys_path_join(o->out_dir, name);
	int error = sys_write_file(path, content->ptr, content->len);

	free(path);
	return error;
}

static int create_issue(struct github_created *out, struct github *gh, const char *title,
			const char *body, const char *const *labels)
{
	struct offline *o = impl(gh);
	struct buf b = BUF_INIT;
	int error;

	created(out, o, "issues");
	buf_putf(&b, "---\nissue: %d\nurl: %s\ntitle: %s\n", out->number, out->url, title);
	add_labels(&b, labels);
	buf_putf(&b, "---\n\n%s", body);
	if ((error = write_out(o, "issue.md", &b)) < 0)
		github_created_release(out);
	buf_release(&b);
	return error;
}

static int create_pull(struct github_created *out, struct github *gh, const char *title,
		       const char *body, const char *head, const char *base,
		       const char *const *labels)
{
	struct offline *o = impl(gh);
	struct buf b = BUF_INIT;
	int error;

	created(out, o, "pull");
	buf_putf(&b, "---\npull_request: %d\nurl: %s\ntitle: %s\nhead: %s\nbase: %s\n",
		 out->number, out->url, title, head, base);
	add_labels(&b, labels);
	buf_putf(&b, "---\n\n%s", body);
	if ((error = write_out(o, "pr.md", &b)) < 0)
		github_created_release(out);
	buf_release(&b);
	return error;
}

static int dispatch_workflow(struct github *gh, const char *workflow, const char *ref,
			     json_t *inputs)
{
	struct offline *o = impl(gh);
	json_t *doc = json_pack("{s:s, s:s, s:o}", "workflow", workflow, "ref", ref, "inputs",
				inputs ? json_incref(inputs) : json_object());
	char *path = sys_path_join(o->out_dir, "dispatch.json");
	int error = jsonx_write_file(path, doc);

	free(path);
	json_decref(doc);
	return error;
}

static int list_merged_pulls(json_t **out, struct github *gh, time_t since, time_t until)
{
	json_t *closed = NULL;
	int error;

	if ((error = list_closed_pulls(&closed, gh)) < 0)
		return error;
	*out = github_filter_merged(closed, since, until);
	json_decref(closed);
	return 0;
}

static int list_deployments(json_t **out, struct github *gh)
{
	struct offline *o = impl(gh);
	char *path;
	int error = ERR_NOTFOUND;

	if (o->dir) {
		path = xasprintf("%s/deployments.json", o->dir);
		if (sys_is_file(path))
			error = jsonx_load_file(out, path, ALERT_FILE_MAX);
		free(path);
	}
	if (error == ERR_NOTFOUND) {
		*out = json_array();
		return 0;
	}
	if (error == 0 && !json_is_array(*out)) {
		json_decref(*out);
		return err_set(ERR_INPUT, "cannot read '%s/deployments.json': expected an array", o->dir);
	}
	return error;
}

static int list_pull_files(json_t **out, struct github *gh, int number)
{
	struct offline *o = impl(gh);
	char *path;
	int error;

	if (!o->dir)
		return err_set(ERR_NOTFOUND, "no recorded files for pull request #%d", number);
	path = xasprintf("%s/pulls/%d/files.json", o->dir, number);
	error = jsonx_load_file(out, path, ALERT_FILE_MAX);
	if (!error && !json_is_array(*out)) {
		json_decref(*out);
		*out = NULL;
		error = err_set(ERR_INPUT, "cannot parse '%s': expected an array of files", path);
	}
	free(path);
	return error;
}

/* The recorded tree is the default branch; other refs have no recorded files. */
static int get_contents(struct buf *out, struct github *gh, const char *path, const char *ref)
{
	struct offline *o = impl(gh);
	const char *dflt = jsonx_str(o->repo, "default_branch");

	if (ref && dflt && strcmp(ref, dflt))
		return err_set(ERR_NOTFOUND, "no recorded files for '%s' (only '%s')", ref, dflt);
	return read_file(out, gh, path);
}

/*
 * The front matter of a file written by create_issue or create_pull, read back for
 * re-runs into the same output folder: "key: value" lines between the "---" lines.
 */
static char *front_matter(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p, *end;

	if (strncmp(text, "---\n", 4) || !(end = strstr(text + 3, "\n---")))
		return NULL;
	for (p = text + 4; p < end; p = strchr(p, '\n') + 1) {
		size_t n = strcspn(p, "\n");

		if (!strncmp(p, key, klen) && p[klen] == ':' && p[klen + 1] == ' ')
			return xstrndup(p + klen + 2, n - klen - 2);
		if (!p[n])
			break;
	}
	return NULL;
}

/* Read back out_dir/<name> as what was created: ERR_NOTFOUND unless it has `needle`. */
static int find_written(struct github_created *out, struct offline *o, const char *name,
			const char *needle, const char *what)
{
	char *path = sys_path_join(o->out_dir, name), *number = NULL;
	struct buf b = BUF_INIT;
	int error = sys_read_file(&b, path, ALERT_FILE_MAX);

	if (error < 0 && error != ERR_NOTFOUND)
		goto done;
	if (error == 0 && strstr(b.ptr, needle) &&
	    (number = front_matter(b.ptr, strcmp(name, "issue.md") ? "pull_request" : "issue"))) {
		char *url = front_matter(b.ptr, "url");

		out->number = (int)strtol(number, NULL, 10);
		out->url = url ? url : xstrdup("");
	} else {
		error = err_set(ERR_NOTFOUND, "no %s in '%s'", what, o->out_dir);
	}
done:
	free(number);
	free(path);
	buf_release(&b);
	return error;
}

static int find_issue_by_fingerprint(struct github_created *out, struct github *gh,
				     const char *fingerprint)
{
	char *marker = github_fingerprint_marker(fingerprint);
	char *first = xasprintf("\n---\n\n%s\n", marker); /* the body's first line, as REST wants it */
	int error = find_written(out, impl(gh), "issue.md", first, "issue with that fingerprint");

	free(first);

	free(marker);
	return error;
}

static int find_open_pull_by_head(struct github_created *out, struct github *gh, const char *head)
{
	char *line = xasprintf("\nhead: %s\n", head);
	int error = find_written(out, impl(gh), "pr.md", line, "pull request from that head");

	free(line);
	return error;
}

/* Append `text` to out_dir/<name>. */
static int append_out(struct offline *o, const char *name, const struct buf *text)
{
	char *path = sys_path_join(o->out_dir, name);
	struct buf b = BUF_INIT;
	int error = sys_read_file(&b, path, KB_FILE_MAX);

	if (error == ERR_NOTFOUND) {
		err_clear();
		error = 0;
	}
	if (!error) {
		buf_puts(&b, text->ptr);
		error = sys_write_file(path, b.ptr, b.len);
	}
	free(path);
	buf_release(&b);
	return error;
}

static int comment_issue(struct github_created *out, struct github *gh, int number,
			 const char *body)
{
	struct offline *o = impl(gh);
	const char *base = jsonx_str(o->repo, "html_url");
	struct buf b = BUF_INIT;
	int error;

	buf_putf(&b, "--- comment on #%d ---\n%s\n", number, body);
	if ((error = append_out(o, "comments.md", &b)) == 0) {
		out->number = number;
		out->url = xasprintf("%s/issues/%d", base ? base : "", number);
	}
	buf_release(&b);
	return error;
}

static int close_issue(struct github *gh, int number, const char *reason)
{
	struct offline *o = impl(gh);
	struct buf b = BUF_INIT;
	int error;

	buf_putf(&b, "--- closed #%d (%s) ---\n", number, reason);
	error = append_out(o, "comments.md", &b);
	buf_release(&b);
	return error;
}

/* The recorded twin has no remote: git work stays in the local sandbox. */
static int no_remote(char **url, const char **token, struct github *gh, const char *server_url)
{
	*url = NULL;
	*token = NULL;
	return ERR_NOTFOUND;
}

static int add_labels_to(struct github *gh, int number, const char *const *labels)
{
	struct offline *o = impl(gh);
	struct buf b = BUF_INIT;
	int error;

	if (!labels || !labels[0])
		return 0;
	buf_putf(&b, "#%d:", number);
	for (size_t i = 0; labels[i]; i++)
		buf_putf(&b, " %s", labels[i]);
	buf_puts(&b, "\n");
	error = append_out(o, "labels.txt", &b);
	buf_release(&b);
	return error;
}

/* Rewrite pr.md with a new title and body; its front matter otherwise stays. */
static int update_pull(struct github *gh, int number, const char *title, const char *body)
{
	struct offline *o = impl(gh);
	char *path = sys_path_join(o->out_dir, "pr.md"), *old_title = NULL, *n = NULL;
	struct buf b = BUF_INIT, nb = BUF_INIT;
	const char *end, *rest;
	int error;

	if ((error = sys_read_file(&b, path, ALERT_FILE_MAX)) < 0)
		goto done;
	n = front_matter(b.ptr, "pull_request");
	end = n ? strstr(b.ptr + 3, "\n---\n") : NULL;
	if (!n || strtol(n, NULL, 10) != number || !end) {
		error = err_set(ERR_NOTFOUND, "pull request #%d not found in '%s'", number, path);
		goto done;
	}
	old_title = front_matter(b.ptr, "title");
	for (const char *p = b.ptr; p < end + 1; p = strchr(p, '\n') + 1) {
		size_t len = strcspn(p, "\n");

		if (title && !strncmp(p, "title: ", 7))
			buf_putf(&nb, "title: %s\n", title);
		else
			buf_putf(&nb, "%.*s\n", (int)len, p);
	}
	rest = end + 5;
	buf_putf(&nb, "---\n\n%s", body ? body : (rest[0] == '\n' ? rest + 1 : rest));
	error = sys_write_file(path, nb.ptr, nb.len);
done:
	free(path);
	free(old_title);
	free(n);
	buf_release(&b);
	buf_release(&nb);
	return error;
}

static int dispatch_workflow_run(struct github_created *out, struct github *gh,
				 const char *workflow, const char *ref, json_t *inputs)
{
	struct offline *o = impl(gh);
	const char *base = jsonx_str(o->repo, "html_url");
	int error = dispatch_workflow(gh, workflow, ref, inputs);

	if (error == 0) {
		out->number = 0;
		out->url = xasprintf("%s/actions/workflows/%s", base ? base : "", workflow);
	}
	return error;
}

static void offline_free(struct github *gh)
{
	struct offline *o = impl(gh);

	free(o->dir);
	free(o->out_dir);
	json_decref(o->repo);
	free(o);
	free(gh);
}

static const struct github_ops offline_ops = {
	.name = "offline",
	.get_repo = get_repo,
	.list_closed_pulls = list_closed_pulls,
	.get_pull_diff = get_pull_diff,
	.list_files = list_files,
	.read_file = read_file,
	.create_issue = create_issue,
	.create_pull = create_pull,
	.dispatch_workflow = dispatch_workflow,
	.list_merged_pulls = list_merged_pulls,
	.list_pull_files = list_pull_files,
	.list_deployments = list_deployments,
	.close_issue = close_issue,
	.remote = no_remote,
	.get_contents = get_contents,
	.find_issue_by_fingerprint = find_issue_by_fingerprint,
	.comment_issue = comment_issue,
	.add_labels = add_labels_to,
	.find_open_pull_by_head = find_open_pull_by_head,
	.update_pull = update_pull,
	.dispatch_workflow_run = dispatch_workflow_run,
	.free = offline_free,
};

/* Numbers of created issues and PRs follow the highest recorded number, as on GitHub. */
static int highest_number(struct offline *o)
{
	struct github gh = {&offline_ops, o};
	json_t *list = NULL, *pr;
	long long max = 0;
	size_t i;

	if (list_closed_pulls(&list, &gh) < 0) {
		err_clear();
		return 0;
	}
	json_array_foreach(list, i, pr) {
		long long n = jsonx_int(pr, "number", 0);

		if (n > max)
			max = n;
	}
	json_decref(list);
	return (int)max;
}

int github_offline_new(struct github **out, const char *github_dir, const char *out_dir)
{
	struct offline *o = xcalloc(1, sizeof(*o));
	struct github *gh;
	char *repo_path = NULL;
	int error = 0;

	if (github_dir && sys_is_dir(github_dir))
		o->dir = xstrdup(github_dir);
	o->out_dir = xstrdup(out_dir);
	if (o->dir) {
		repo_path = sys_path_join(o->dir, "repo.json");
		error = jsonx_load_file(&o->repo, repo_path, ALERT_FILE_MAX);
		if (error == ERR_NOTFOUND) {
			err_clear();
		} else if (error < 0) {
			goto fail;
		} else if (!json_is_object(o->repo)) {
			error = err_set(ERR_INPUT, "cannot parse '%s': expected an object", repo_path);
			goto fail;
		}
	}
	if (!o->repo)
		o->repo = json_pack("{s:s, s:s, s:s}", "full_name", "local/repository",
				    "default_branch", "main", "html_url",
				    "https://github.com/local/repository");
	if (!jsonx_str(o->repo, "default_branch"))
		json_object_set_new(o->repo, "default_branch", json_string("main"));
	o->next_number = highest_number(o) + 1;
	gh = xmalloc(sizeof(*gh));
	gh->ops = &offline_ops;
	gh->impl = o;
	*out = gh;
	free(repo_path);
	return 0;
fail:
	free(repo_path);
	free(o->dir);
	free(o->out_dir);
	json_decref(o->repo);
	free(o);
	return error;
}
