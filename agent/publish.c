#include "common.h"
#include "publish.h"
#include "err.h"
#include "gitops.h"
#include "kb.h"
#include "sys.h"

static void degrade(struct publish_result *r, const char *step)
{
	r->degraded = xrealloc(r->degraded, (r->ndegraded + 2) * sizeof(char *));
	r->degraded[r->ndegraded++] = xasprintf("%s: %s", step, err_last());
	r->degraded[r->ndegraded] = NULL;
	err_clear();
}

/* A sandbox repository whose default branch holds the recorded files. */
static int build_sandbox(struct gitops **out, const char *dir, const struct evidence *ev)
{
	struct gitops_file *files = xcalloc(ev->nfiles + 1, sizeof(*files));
	struct buf *contents = xcalloc(ev->nfiles + 1, sizeof(*contents));
	struct gitops *g = NULL;
	char *message = NULL;
	int error;

	if ((error = gitops_init(&g, dir, ev->default_branch)) < 0)
		goto done;
	for (size_t i = 0; i < ev->nfiles; i++) {
		buf_init(&contents[i], TREE_FILE_MAX);
		if ((error = ev->gh->ops->read_file(&contents[i], ev->gh, ev->files[i])) < 0)
			goto done;
		files[i].path = ev->files[i];
		files[i].data = contents[i].ptr;
		files[i].len = contents[i].len;
	}
	message = xasprintf("Import %s at the time of the incident\n\nThe recorded files of the "
			    "default branch, so that the fix can be committed and reviewed.",
			    ev->repo_name);
	error = gitops_commit_files(NULL, g, ev->default_branch, NULL, files, ev->nfiles, message);
done:
	for (size_t i = 0; i < ev->nfiles; i++)
		buf_release(&contents[i]);
	free(contents);
	free(files);
	free(message);
	if (error < 0) {
		gitops_free(g);
		return error;
	}
	*out = g;
	return 0;
}

static int commit_fix(struct publish_result *r, struct gitops *g, const struct evidence *ev,
		      const struct plan *plan)
{
	char *message = xasprintf("%s\n\n%s\n\nIncident: %s\nFingerprint: %s\n", plan->title,
				  plan->description, ev->inc->id, ev->inc->fingerprint);
	int error;

	if (plan->revert_commit && gitops_has_commit(g, plan->revert_commit)) {
		error = gitops_commit_revert(r->fix_commit, g, plan->branch, r->base_branch,
					     plan->revert_commit, message);
		r->reverted_commit = error == 0;
	} else {
		error = gitops_commit_diff(r->fix_commit, g, plan->branch, r->base_branch,
					   plan->diff.ptr, plan->diff.len, message);
	}
	free(message);
	return error;
}

static int commit_knowledge(struct publish_result *r, struct gitops *g, const struct evidence *ev,
			    const struct diagnosis *dx, const struct artifacts *a)
{
	struct buf incidents = BUF_INIT, entry = BUF_INIT;
	struct kb current = KB_INIT;
	struct gitops_file files[4];
	char *message = NULL;
	size_t n = 0;
	int error;

	/* The repository's own incidents.md wins over the one the evidence was read from. */
	error = gitops_read_file(&incidents, g, r->base_branch, "knowledge-base/incidents.md");
	if (error == ERR_NOTFOUND) {
		err_clear();
		buf_reset(&incidents);
		if (ev->kb_text)
			buf_puts(&incidents, ev->kb_text);
		else
			buf_puts(&incidents, "# Incident knowledge base\n\nPast incidents, one entry each, "
					     "written by aiops-agent.\n");
	} else if (error < 0) {
		goto done;
	}
	if ((error = kb_parse(&current, incidents.ptr, incidents.len, "knowledge-base/incidents.md")) < 0)
		goto done;
	r->kb_appended = !kb_find_fingerprint(&current, ev->inc->fingerprint);
	if (r->kb_appended) {
		if ((error = artifacts_kb_entry(&entry, ev, dx, a)) < 0)
			goto done;
		buf_rtrim(&incidents);
		buf_puts(&incidents, "\n");
		buf_puts(&incidents, entry.ptr);
	}
	files[n++] = (struct gitops_file){"knowledge-base/incidents.md", incidents.ptr, incidents.len, false};
	files[n++] = (struct gitops_file){a->runbook_path, a->runbook.ptr, a->runbook.len, false};
	files[n++] = (struct gitops_file){a->rules_path, a->rules.ptr, a->rules.len, false};
	files[n++] = (struct gitops_file){a->recommendations_path, a->recommendations.ptr,
					   a->recommendations.len, false};
	message = xasprintf("knowledge-base: %s\n\n%s\n\nRunbook, alert rules and recommendations "
			    "for %s.\nFingerprint: %s\n", ev->inc->id, dx->summary, ev->inc->service,
			    ev->inc->fingerprint);
	error = gitops_commit_files(r->kb_commit, g, r->base_branch, NULL, files, n, message);
done:
	kb_release(&current);
	buf_release(&incidents);
	buf_release(&entry);
	free(message);
	return error;
}

int publish_run(struct publish_result *out, const struct publish_opts *opts,
		const struct evidence *ev, const struct diagnosis *dx, const struct plan *plan,
		const struct artifacts *a)
{
	struct publish_result r = {0};
	const char *labels_pr[] = {"aiops-generated", NULL};
	struct gitops *g = NULL;
	struct buf pr_body = BUF_INIT;
	bool have_fix = false;
	int error = 0;

	if (opts->repo_path) {
		r.repo_dir = xstrdup(opts->repo_path);
		if ((error = gitops_open(&g, opts->repo_path)) < 0 ||
		    (error = gitops_head_branch(&r.base_branch, g)) < 0)
			goto done;
	} else {
		r.repo_dir = xstrdup(opts->sandbox_dir);
		r.base_branch = xstrdup(ev->default_branch);
		if ((error = build_sandbox(&g, opts->sandbox_dir, ev)) < 0)
			goto done;
	}
	if (plan->branch) {
		if (commit_fix(&r, g, ev, plan) < 0)
			degrade(&r, "fix branch");
		else
			have_fix = true;
	}
	if (ev->gh->ops->create_issue(&r.issue, ev->gh, a->issue_title, a->issue_body.ptr,
				      (const char *const *)a->issue_labels) < 0)
		degrade(&r, "issue");
	if (have_fix) {
		if (artifacts_pr_body(&pr_body, ev, dx, plan, r.issue.number ? &r.issue : NULL) < 0 ||
		    ev->gh->ops->create_pull(&r.pull, ev->gh, plan->title, pr_body.ptr, plan->branch,
					     r.base_branch, labels_pr) < 0)
			degrade(&r, "pull request");
	}
	if (plan->dispatch) {
		json_t *inputs = json_object_get(plan->dispatch, "inputs");

		if (ev->gh->ops->dispatch_workflow(ev->gh, REMEDIATION_WORKFLOW, r.base_branch, inputs) < 0)
			degrade(&r, "workflow dispatch");
		else
			r.dispatched = true;
	}
	if (commit_knowledge(&r, g, ev, dx, a) < 0)
		degrade(&r, "knowledge base");
done:
	gitops_free(g);
	buf_release(&pr_body);
	if (error < 0) {
		publish_result_release(&r);
		return error;
	}
	*out = r;
	return 0;
}

void publish_result_release(struct publish_result *r)
{
	free(r->repo_dir);
	free(r->base_branch);
	github_created_release(&r->issue);
	github_created_release(&r->pull);
	sys_free_list(r->degraded);
	memset(r, 0, sizeof(*r));
}
