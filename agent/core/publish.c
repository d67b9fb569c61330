#include "common.h"
#include "core/publish.h"
#include "util/err.h"
#include "io/gitops.h"
#include "util/jsonx.h"
#include "core/kb.h"
#include "util/sys.h"
#include "util/text.h"
#include "util/settings.h"

#include <time.h>
#include <unistd.h>

#define KB_PATH "knowledge-base/incidents.md"
#define KB_ARTIFACTS 4 /* runbook, rules, their promtool tests, recommendations */

/* The knowledge-base files of one commit, rebuilt on whatever tip the commit lands on. */
struct kb_ctx {
	const struct evidence *ev;
	const struct diagnosis *dx;
	const struct artifacts *a;
	struct buf incidents, entry, base_file;
	struct gitops_file files[1 + KB_ARTIFACTS];
	bool appended;  /* the last build appended the entry */
	bool same_id;   /* the entry was there already, for this very incident id */
	size_t nfiles;
};

/* The fix files of our commit, re-applied on top of a branch that moved. */
struct fix_ctx {
	const char *ours;       /* our fix commit */
	char **paths;           /* what it changes */
	size_t npaths;
	struct buf *bufs;
	struct gitops_file *files;
	size_t nfiles;
};

struct pub {
	struct publish_result *r;
	const struct publish_opts *o;
	const struct evidence *ev;
	const struct diagnosis *dx;
	const struct plan *plan;
	const struct artifacts *a;
	struct github *gh;
	struct gitops *g;
	struct gitops_remote remote;   /* url NULL: no remote */
	char *base_rev;                /* what the fix and the knowledge base build on */
	bool have_fix;                 /* the fix branch is where a pull request can use it */
	bool stopped;                  /* ERR_NET: nothing more is attempted */
	struct kb_ctx kb;
};

static void degrade(struct pub *p, const char *step, int code)
{
	struct publish_result *r = p->r;

	r->degraded = xrealloc(r->degraded, (r->ndegraded + 3) * sizeof(char *));
	r->degraded[r->ndegraded++] = xasprintf("%s: %s", step, err_last());
	if (code == ERR_NET && !p->stopped) {
		r->degraded[r->ndegraded++] =
			xasprintf("publish: stopped after the %s step: GitHub cannot be reached; what was "
				  "done is listed in the result, and a re-run finds it and completes the rest",
				  step);
		r->unreachable = true;
		p->stopped = true;
	}
	r->degraded[r->ndegraded] = NULL;
	err_clear();
}

/* ---- git ------------------------------------------------------------------------ */

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

/*
 * The repository to work in. With a remote, the default branch is fetched, and the fix
 * and the knowledge base build on its tip.
 */
static int open_repo(struct pub *p)
{
	struct publish_result *r = p->r;
	char tip[41];
	int error;

	if (p->o->repo_path) {
		r->repo_dir = xstrdup(p->o->repo_path);
		if ((error = gitops_open(&p->g, p->o->repo_path)) < 0)
			return error;
		if (p->remote.url)
			r->base_branch = xstrdup(p->ev->default_branch);
		else if ((error = gitops_head_branch(&r->base_branch, p->g)) < 0)
			return error;
	} else {
		r->repo_dir = xstrdup(p->o->sandbox_dir);
		r->base_branch = xstrdup(p->ev->default_branch);
		error = p->remote.url ? gitops_init(&p->g, p->o->sandbox_dir, r->base_branch)
				      : build_sandbox(&p->g, p->o->sandbox_dir, p->ev);
		if (error < 0)
			return error;
	}
	if (!p->remote.url) {
		p->base_rev = xstrdup(r->base_branch);
		return 0;
	}
	if ((error = gitops_fetch(tip, p->g, &p->remote, r->base_branch)) < 0)
		return error;
	p->base_rev = xstrdup(tip);
	return 0;
}

/*
 * What a commit says, in our words only (issue 13): the category, the remediation, the
 * service (defused at intake) and the blamed pull request's number. A summary, a model's
 * description or a title quotes text others wrote; those go into the pull request and
 * the issue, where people review them, never into a commit that reaches the default
 * branch.
 */
static char *our_line(const struct pub *p)
{
	return p->dx->blame_pr ? xasprintf("%s incident on %s: %s for pull request #%d.",
					   category_name(p->dx->category), p->ev->inc->service,
					   remediation_name(p->plan->type), p->dx->blame_pr)
			       : xasprintf("%s incident on %s: %s; no pull request is blamed.",
					   category_name(p->dx->category), p->ev->inc->service,
					   remediation_name(p->plan->type));
}

static char *fix_message(const struct pub *p)
{
	char *line = our_line(p);
	char *message = xasprintf("%s: %s\n\n%s The pull request says why and what changed.\n\n"
				  "Incident: %s\nFingerprint: %s\n", p->ev->inc->id,
				  remediation_name(p->plan->type), line, p->ev->inc->id,
				  p->ev->inc->fingerprint);

	free(line);
	return message;
}

static int commit_fix(struct pub *p)
{
	const struct plan *plan = p->plan;
	struct publish_result *r = p->r;
	char *message = fix_message(p);
	int error;

	if (plan->revert_commit && gitops_has_commit(p->g, plan->revert_commit)) {
		error = gitops_commit_revert(r->fix_commit, p->g, plan->branch, p->base_rev,
					     plan->revert_commit, message);
		r->reverted_commit = error == 0;
	} else {
		error = gitops_commit_diff(r->fix_commit, p->g, plan->branch, p->base_rev, plan->diff.ptr,
					   plan->diff.len, message);
	}
	free(message);
	return error;
}

static bool same_content(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

/* Our version of each fix path that `base` does not already hold. */
static int fix_build(const struct gitops_file **files, size_t *nfiles, struct gitops *g,
		     const char *base, void *ctx)
{
	struct fix_ctx *c = ctx;
	struct buf theirs = BUF_INIT;
	int error = 0;

	c->nfiles = 0;
	for (size_t i = 0; i < c->npaths; i++) {
		struct buf *ours = &c->bufs[i];
		int have_ours, have_theirs;

		buf_release(ours);
		buf_init(ours, TREE_FILE_MAX);
		buf_reset(&theirs);
		have_ours = gitops_read_file(ours, g, c->ours, c->paths[i]);
		have_theirs = base ? gitops_read_file(&theirs, g, base, c->paths[i]) : ERR_NOTFOUND;
		if ((have_ours < 0 && have_ours != ERR_NOTFOUND) ||
		    (have_theirs < 0 && have_theirs != ERR_NOTFOUND)) {
			error = have_ours < 0 && have_ours != ERR_NOTFOUND ? have_ours : have_theirs;
			goto done;
		}
		err_clear();
		if (have_ours < 0 && have_theirs < 0)
			continue;
		if (have_ours == 0 && have_theirs == 0 && same_content(ours, &theirs))
			continue;
		c->files[c->nfiles++] = (struct gitops_file){c->paths[i], ours->ptr, ours->len,
							     have_ours < 0};
	}
	*files = c->files;
	*nfiles = c->nfiles;
done:
	buf_release(&theirs);
	return error;
}

/*
 * The remote fix branch exists already (a re-run, or a concurrent run of the same
 * incident): keep its history and add our fix on top of it, or nothing when it holds
 * the fix already.
 */
static int reconcile_fix(struct pub *p)
{
	struct publish_result *r = p->r;
	struct fix_ctx c = {0};
	char ours[41], sha[41];
	char *message = NULL;
	int error;

	memcpy(ours, r->fix_commit, sizeof(ours));
	c.ours = ours;
	if ((error = gitops_changed_paths(&c.paths, &c.npaths, p->g, ours)) < 0)
		return error;
	c.bufs = xcalloc(c.npaths + 1, sizeof(*c.bufs));
	c.files = xcalloc(c.npaths + 1, sizeof(*c.files));
	message = fix_message(p);
	error = gitops_commit_push(sha, p->g, &p->remote, p->plan->branch, fix_build, &c, message, 5);
	if (error == 0 && c.nfiles == 0 && !strcmp(sha, ours))
		error = gitops_push(p->g, &p->remote, p->plan->branch, false); /* the branch went away */
	if (error == 0) {
		r->fix_existed = c.nfiles == 0 && strcmp(sha, ours) != 0;
		memcpy(r->fix_commit, sha, sizeof(sha));
	}
	for (size_t i = 0; i < c.npaths; i++)
		buf_release(&c.bufs[i]);
	free(c.bufs);
	free(c.files);
	sys_free_list(c.paths);
	free(message);
	return error;
}

static void step_fix(struct pub *p)
{
	int error;

	if (!p->plan->branch || !p->g)
		return;
	if ((error = commit_fix(p)) < 0) {
		p->r->fix_commit[0] = '\0';
		degrade(p, "fix branch", error);
		return;
	}
	if (!p->remote.url) {
		p->have_fix = true;
		return;
	}
	error = gitops_push(p->g, &p->remote, p->plan->branch, false);
	if (error == ERR_CONFLICT) {
		err_clear();
		error = reconcile_fix(p);
	}
	if (error < 0) {
		p->r->fix_commit[0] = '\0'; /* it exists only in the sandbox, which goes away */
		degrade(p, "fix branch", error);
		return;
	}
	p->r->fix_pushed = true;
	p->have_fix = true;
}

/* ---- the knowledge base --------------------------------------------------------- */

static const char *const kb_intro = "# Incident knowledge base\n\nPast incidents, one entry each, "
				    "written by aiops-agent.\n";

static int kb_add_file(struct kb_ctx *c, struct gitops *g, const char *base, const char *path,
		       const struct buf *content, bool always)
{
	int error;

	if (!always && base) {
		buf_reset(&c->base_file);
		error = gitops_read_file(&c->base_file, g, base, path);
		if (error < 0 && error != ERR_NOTFOUND)
			return error;
		err_clear();
		if (error == 0 && same_content(&c->base_file, content))
			return 0;
	}
	c->files[c->nfiles++] = (struct gitops_file){path, content->ptr, content->len, false};
	return 0;
}

/*
 * The files to commit on top of `base`: incidents.md with our entry appended (when it
 * is not there yet) and the artifacts that differ from what `base` holds.
 */
static int kb_build(const struct gitops_file **files, size_t *nfiles, struct gitops *g,
		    const char *base, void *ctx)
{
	struct kb_ctx *c = ctx;
	const struct artifacts *a = c->a;
	struct kb current = KB_INIT;
	const struct kb_entry *found;
	bool had_file = false;
	int error = ERR_NOTFOUND;

	c->nfiles = 0;
	buf_reset(&c->incidents);
	if (base && (error = gitops_read_file(&c->incidents, g, base, KB_PATH)) < 0 &&
	    error != ERR_NOTFOUND)
		goto done;
	had_file = error == 0;
	if (!had_file) {
		err_clear();
		buf_reset(&c->incidents);
		buf_puts(&c->incidents, c->ev->kb_text ? c->ev->kb_text : kb_intro);
	}
	if ((error = kb_parse(&current, c->incidents.ptr, c->incidents.len, KB_PATH)) < 0)
		goto done;
	found = kb_find_fingerprint(&current, c->ev->inc->fingerprint);
	c->appended = !found;
	c->same_id = found && !strcmp(found->id, c->ev->inc->id);
	if (c->appended) {
		if (!c->entry.len && (error = artifacts_kb_entry(&c->entry, c->ev, c->dx, a)) < 0)
			goto done;
		buf_rtrim(&c->incidents);
		buf_puts(&c->incidents, "\n");
		buf_puts(&c->incidents, c->entry.ptr);
	}
	if ((error = kb_add_file(c, g, base, KB_PATH, &c->incidents, c->appended || !had_file)) < 0 ||
	    (error = kb_add_file(c, g, base, a->runbook_path, &a->runbook, false)) < 0 ||
	    (error = kb_add_file(c, g, base, a->rules_path, &a->rules, false)) < 0 ||
	    (a->rules_test_path &&
	     (error = kb_add_file(c, g, base, a->rules_test_path, &a->rules_test, false)) < 0) ||
	    (error = kb_add_file(c, g, base, a->recommendations_path, &a->recommendations, false)) < 0)
		goto done;
	*files = c->files;
	*nfiles = c->nfiles;
done:
	kb_release(&current);
	return error;
}

/*
 * With a remote, the commit message names the run, and so is unique per run: two runs of the same
 * incident in the same second would otherwise make the very same commit, both pushes
 * would succeed, and both runs would believe they appended the entry.
 */
static char *kb_message(const struct pub *p)
{
	const char *run = settings_get("GITHUB_RUN_ID"), *attempt = settings_get("GITHUB_RUN_ATTEMPT");
	char *summary = our_line(p), *message;
	struct timespec ts;
	unsigned long nonce;

	if (!p->remote.url) {
		message = xasprintf("knowledge-base: %s\n\n%s\n\nRunbook, alert rules and recommendations "
				    "for %s.\nFingerprint: %s\n", p->ev->inc->id, summary,
				    p->ev->inc->service, p->ev->inc->fingerprint);
		free(summary);
		return message;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	nonce = ((unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^ (unsigned long)ts.tv_sec) &
		0xffffffffUL;
	message = xasprintf("knowledge-base: %s\n\n%s\n\nRunbook, alert rules and recommendations for "
			    "%s.\nFingerprint: %s\nRun: %s%s%s (%08lx)\n", p->ev->inc->id, summary,
			    p->ev->inc->service, p->ev->inc->fingerprint, run && *run ? run : "local",
			    attempt && *attempt ? "." : "", attempt && *attempt ? attempt : "", nonce);
	free(summary);
	return message;
}

/* Without a remote: one local commit on the base branch. */
static int kb_commit_local(struct pub *p, const char *message)
{
	const struct gitops_file *files = NULL;
	size_t n = 0;
	int error;

	if ((error = kb_build(&files, &n, p->g, p->base_rev, &p->kb)) < 0)
		return error;
	p->r->kb_branch = xstrdup(p->r->base_branch);
	if (!n)
		return 0;
	return gitops_commit_files(p->r->kb_commit, p->g, p->r->base_branch, NULL, files, n, message);
}

/*
 * The default branch is protected: the same files go to knowledge-base/<id>, on the
 * default branch's remote tip (or on the branch's own tip when a run pushed it before).
 */
static int kb_commit_branch(struct pub *p, const char *message, int attempts)
{
	struct publish_result *r = p->r;
	char *tracking = xasprintf("refs/remotes/origin/%s", r->base_branch);
	const struct gitops_file *files = NULL;
	size_t n = 0;
	int error;

	r->kb_branch = xasprintf("knowledge-base/%s", p->ev->inc->id);
	error = gitops_fetch(NULL, p->g, &p->remote, r->kb_branch);
	if (error == ERR_NOTFOUND) {
		err_clear();
		if ((error = kb_build(&files, &n, p->g, tracking, &p->kb)) < 0)
			goto done;
		if (!n) /* the default branch holds it all: nothing for a pull request */
			goto done;
		if ((error = gitops_commit_files(r->kb_commit, p->g, r->kb_branch, tracking, files, n,
						 message)) < 0)
			goto done;
		error = gitops_push(p->g, &p->remote, r->kb_branch, false);
		if (error != ERR_CONFLICT)
			goto done;
		err_clear(); /* a concurrent run pushed it first */
	} else if (error < 0) {
		goto done;
	}
	error = gitops_commit_push(r->kb_commit, p->g, &p->remote, r->kb_branch, kb_build, &p->kb,
				   message, attempts);
done:
	free(tracking);
	return error;
}

static void step_kb(struct pub *p)
{
	struct publish_result *r = p->r;
	int attempts = p->o->kb_attempts > 0 ? p->o->kb_attempts : 10;
	char *message = kb_message(p);
	int error;

	if (!p->g) {
		free(message);
		return;
	}
	if (!p->remote.url) {
		if ((error = kb_commit_local(p, message)) < 0)
			degrade(p, "knowledge base", error);
		r->kb_appended = error == 0 && p->kb.appended;
		free(message);
		return;
	}
	error = gitops_commit_push(r->kb_commit, p->g, &p->remote, r->base_branch, kb_build, &p->kb,
				   message, attempts);
	if (error == 0) {
		r->kb_branch = xstrdup(r->base_branch);
	} else if (error == ERR_POLICY) {
		r->kb_protected = xstrdup(err_last());
		err_clear();
		r->kb_commit[0] = '\0';
		error = kb_commit_branch(p, message, attempts);
	}
	if (error < 0) {
		r->kb_commit[0] = '\0';
		degrade(p, "knowledge base", error);
	} else {
		r->kb_pushed = true;
		r->kb_appended = p->kb.appended;
	}
	free(message);
}

/* ---- GitHub --------------------------------------------------------------------- */

static char *recurrence_text(const struct pub *p)
{
	const struct evidence *ev = p->ev;
	const char *run = settings_get("GITHUB_RUN_ID"), *server = settings_get("GITHUB_SERVER_URL");
	struct buf b = BUF_INIT;

	buf_putf(&b, "Recurred at %s (incident `%s`, severity %s).\n\n%s\n", ev->inc->fired_at_text,
		 ev->inc->id, incident_severity_name(ev->inc->severity), p->dx->summary);
	if (p->dx->blame_pr)
		buf_putf(&b, "\nBlamed pull request: #%d.\n", p->dx->blame_pr);
	else if (ev->nsuspects && !ev->suspects[0].after_alert)
		buf_putf(&b, "\nTop suspect: #%d (score %.2f).\n", ev->suspects[0].number,
			 ev->suspects[0].score);
	if (p->plan->branch && p->r->fix_commit[0])
		buf_putf(&b, "Fix branch: `%s` (%.12s).\n", p->plan->branch, p->r->fix_commit);
	if (run && *run)
		buf_putf(&b, "Run: %s/%s/actions/runs/%s\n", server && *server ? server : "https://github.com",
			 ev->repo_name, run);
	return buf_detach(&b);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0)
		;
}

/*
 * Another run appended this incident's entry: give it time to open the issue, so that
 * ours becomes a comment on it rather than a twin.
 */
static void wait_for_issue(struct pub *p)
{
	double until = sys_now() + (double)p->o->issue_wait_ms / 1000;

	for (;;) {
		struct github_created found = {0, NULL};
		int error = p->gh->ops->find_issue_by_fingerprint(&found, p->gh, p->ev->inc->fingerprint);

		github_created_release(&found);
		if (error != ERR_NOTFOUND)
			break; /* found it, or an error the upsert will meet and report */
		err_clear();
		if (sys_now() >= until)
			break;
		sleep_ms(250);
	}
	err_clear();
}

/*
 * When the issue we opened is not the oldest open one with the fingerprint, ours is a
 * twin: a create whose answer was lost and that http.c sent again, or a concurrent run
 * that waited in vain. Keep the oldest and close ours as its duplicate.
 */
static void close_twin(struct pub *p)
{
	struct publish_result *r = p->r;
	struct github_created oldest = {0, NULL}, note = {0, NULL};
	char *text = NULL;
	int error;

	/* twins come from lost answers and concurrent runs: only against a remote */
	if (!p->o->remote_url || p->gh->ops->find_issue_by_fingerprint(&oldest, p->gh,
								  p->ev->inc->fingerprint) < 0 ||
	    oldest.number == r->issue.number || oldest.number > r->issue.number) {
		err_clear();
		github_created_release(&oldest);
		return;
	}
	text = xasprintf("Duplicate of #%d: this run opened the incident's issue twice (an answer "
			 "from GitHub was lost and the request was sent again).", oldest.number);
	if (p->gh->ops->comment_issue(&note, p->gh, r->issue.number, text) < 0)
		err_clear(); /* closing matters more than saying why */
	if ((error = p->gh->ops->close_issue(p->gh, r->issue.number, "duplicate")) < 0) {
		degrade(p, "issue", error);
	} else {
		r->duplicate_closed = r->issue.number;
		github_created_release(&r->issue);
		r->issue = oldest;
		oldest.url = NULL;
	}
	github_created_release(&oldest);
	github_created_release(&note);
	free(text);
}

static void step_issue(struct pub *p)
{
	struct publish_result *r = p->r;
	const struct artifacts *a = p->a;
	char *recurrence = recurrence_text(p);
	int error;

	if (p->remote.url && p->o->issue_wait_ms > 0 && !r->kb_appended && p->kb.same_id)
		wait_for_issue(p);
	error = github_upsert_issue(&r->issue, &r->issue_existed, p->gh, p->ev->inc->fingerprint,
				    a->issue_title, a->issue_body.ptr, (const char *const *)a->issue_labels,
				    recurrence);
	if (error < 0) {
		memset(&r->issue, 0, sizeof(r->issue));
		degrade(p, "issue", error);
	} else if (!r->issue_existed) {
		close_twin(p);
	}
	free(recurrence);
}

static void step_pull(struct pub *p)
{
	static const char *const labels[] = {GITHUB_LABEL_GENERATED, NULL};
	struct publish_result *r = p->r;
	struct buf body = BUF_INIT;
	int error;

	if (!p->have_fix)
		return;
	if ((error = artifacts_pr_body(&body, p->ev, p->dx, p->plan, r->issue.number ? &r->issue : NULL,
					     p->a->suggestions.ptr)) < 0 ||
	    (error = github_upsert_pull(&r->pull, &r->pull_existed, p->gh, p->plan->title, body.ptr,
					p->plan->branch, r->base_branch, labels)) < 0) {
		memset(&r->pull, 0, sizeof(r->pull));
		degrade(p, "pull request", error);
	}
	buf_release(&body);
}

static void step_dispatch(struct pub *p)
{
	struct publish_result *r = p->r;
	const char *workflow;
	json_t *inputs;
	char *text = NULL, *in = NULL;
	int error;

	if (!p->plan->dispatch)
		return;
	workflow = jsonx_str(p->plan->dispatch, "workflow");
	if (!workflow)
		workflow = REMEDIATION_WORKFLOW;
	/* the workflow comments its outcome on the incident's issue */
	inputs = json_deep_copy(json_object_get(p->plan->dispatch, "inputs"));
	if (inputs && r->issue.number)
		json_object_set_new(inputs, "issue", json_sprintf("%d", r->issue.number));
	if ((error = p->gh->ops->dispatch_workflow_run(&r->dispatch, p->gh, workflow, r->base_branch,
						       inputs)) < 0) {
		json_decref(inputs);
		memset(&r->dispatch, 0, sizeof(r->dispatch));
		degrade(p, "workflow dispatch", error);
		return;
	}
	r->dispatched = true;
	if (!r->issue.number) {
		json_decref(inputs);
		return;
	}
	in = inputs ? json_dumps(inputs, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(inputs);
	text = xasprintf("Dispatched the remediation workflow `%s` on `%s`%s%s%s: %s", workflow,
			 r->base_branch, in ? " with inputs `" : "", in ? in : "", in ? "`" : "",
			 r->dispatch.url ? r->dispatch.url : "");
	if ((error = p->gh->ops->comment_issue(&r->dispatch_comment, p->gh, r->issue.number, text)) < 0) {
		memset(&r->dispatch_comment, 0, sizeof(r->dispatch_comment));
		degrade(p, "workflow dispatch comment", error);
	}
	free(in);
	free(text);
}

static void step_kb_pull(struct pub *p)
{
	static const char *const labels[] = {GITHUB_LABEL_GENERATED, NULL};
	struct publish_result *r = p->r;
	struct buf body = BUF_INIT;
	char *title;
	bool existed;
	int error;

	if (!r->kb_protected || !r->kb_pushed)
		return;
	title = xasprintf("knowledge-base: %s", p->ev->inc->id);
	buf_putf(&body, "The default branch `%s` is protected, so aiops-agent could not commit the "
		 "knowledge-base entry of incident `%s` there. This pull request carries it: the entry "
		 "in `%s` and the runbook, alert rules and recommendations.\n\n", r->base_branch,
		 p->ev->inc->id, KB_PATH);
	if (r->issue.number)
		buf_putf(&body, "Incident issue: #%d\n\n", r->issue.number);
	buf_putf(&body, "The push to `%s` was refused: %s\n", r->base_branch, r->kb_protected);
	if ((error = github_upsert_pull(&r->kb_pull, &existed, p->gh, title, body.ptr, r->kb_branch,
					r->base_branch, labels)) < 0) {
		memset(&r->kb_pull, 0, sizeof(r->kb_pull));
		degrade(p, "knowledge-base pull request", error);
	}
	free(title);
	buf_release(&body);
}

int publish_run(struct publish_result *out, const struct publish_opts *opts,
		const struct evidence *ev, const struct diagnosis *dx, const struct plan *plan,
		const struct artifacts *a)
{
	struct publish_result r = {0};
	struct pub p = {0};
	int error;

	p.r = &r;
	p.o = opts;
	p.ev = ev;
	p.dx = dx;
	p.plan = plan;
	p.a = a;
	p.gh = ev->gh;
	p.remote.url = opts->remote_url;
	p.remote.token = opts->remote_token;
	p.kb.ev = ev;
	p.kb.dx = dx;
	p.kb.a = a;
	if (opts->issue_only) {
		r.base_branch = xstrdup(ev->default_branch);
		step_issue(&p);
		goto done;
	}
	if ((error = open_repo(&p)) < 0) {
		gitops_free(p.g);
		p.g = NULL;
		if (!opts->remote_url) {
			free(p.base_rev);
			publish_result_release(&r);
			return error;
		}
		if (!r.base_branch)
			r.base_branch = xstrdup(ev->default_branch);
		degrade(&p, "git", error);
	}
	step_fix(&p);
	if (!p.stopped)
		step_kb(&p);
	if (!p.stopped)
		step_issue(&p);
	if (!p.stopped)
		step_pull(&p);
	if (!p.stopped)
		step_dispatch(&p);
	if (!p.stopped)
		step_kb_pull(&p);
done:
	gitops_free(p.g);
	free(p.base_rev);
	buf_release(&p.kb.incidents);
	buf_release(&p.kb.entry);
	buf_release(&p.kb.base_file);
	*out = r;
	return 0;
}

void publish_result_release(struct publish_result *r)
{
	free(r->repo_dir);
	free(r->base_branch);
	free(r->kb_branch);
	free(r->kb_protected);
	github_created_release(&r->issue);
	github_created_release(&r->pull);
	github_created_release(&r->kb_pull);
	github_created_release(&r->dispatch);
	github_created_release(&r->dispatch_comment);
	sys_free_list(r->degraded);
	memset(r, 0, sizeof(*r));
}

/* ---- the plan of a dry run ------------------------------------------------------ */

static void plan_line(char ***list, size_t *n, char *line)
{
	*list = xrealloc(*list, (*n + 2) * sizeof(char *));
	(*list)[(*n)++] = line;
	(*list)[*n] = NULL;
}

char **publish_plan(const struct evidence *ev, const struct plan *plan, const struct artifacts *a,
		    bool remote)
{
	struct github_created found = {0, NULL};
	char **list = xcalloc(1, sizeof(char *));
	size_t n = 0;
	struct buf labels = BUF_INIT;
	int error;

	if (plan->branch)
		plan_line(&list, &n, xasprintf("%s branch '%s' (%zu file%s) on '%s'",
					       remote ? "push" : "commit", plan->branch, plan->npaths,
					       plan->npaths == 1 ? "" : "s", ev->default_branch));
	plan_line(&list, &n, xasprintf("commit the knowledge-base entry and the artifacts (%s, %s, "
				       "%s) on '%s'%s", a->runbook_path, a->rules_path,
				       a->recommendations_path, ev->default_branch,
				       remote ? " (a 'knowledge-base/<incident-id>' pull request "
						"instead when that branch is protected)" : ""));
	for (size_t i = 0; a->issue_labels && a->issue_labels[i]; i++)
		buf_putf(&labels, "%s%s", i ? ", " : "", a->issue_labels[i]);
	error = ev->gh->ops->find_issue_by_fingerprint(&found, ev->gh, ev->inc->fingerprint);
	if (error == 0)
		plan_line(&list, &n, xasprintf("comment 'Recurred at %s' on issue #%d %s (it carries the "
					       "fingerprint)", ev->inc->fired_at_text, found.number,
					       found.url ? found.url : ""));
	else
		plan_line(&list, &n, xasprintf("open issue '%s' (labels %s)%s%s", a->issue_title, labels.ptr,
					       error != ERR_NOTFOUND ? "; looking for an existing one "
								       "failed: " : "",
					       error != ERR_NOTFOUND ? err_last() : ""));
	err_clear();
	github_created_release(&found);
	if (plan->branch) {
		error = ev->gh->ops->find_open_pull_by_head(&found, ev->gh, plan->branch);
		if (error == 0)
			plan_line(&list, &n, xasprintf("update pull request #%d from '%s'", found.number,
						       plan->branch));
		else
			plan_line(&list, &n, xasprintf("open pull request '%s' from '%s' into '%s' (label %s)",
						       plan->title, plan->branch, ev->default_branch,
						       GITHUB_LABEL_GENERATED));
		err_clear();
		github_created_release(&found);
	}
	if (plan->dispatch) {
		const char *wf = jsonx_str(plan->dispatch, "workflow");
		char *in = json_dumps(json_object_get(plan->dispatch, "inputs"), JSON_COMPACT | JSON_SORT_KEYS);

		plan_line(&list, &n, xasprintf("dispatch workflow '%s' on '%s' with inputs %s, and comment "
					       "its link on the issue", wf ? wf : REMEDIATION_WORKFLOW,
					       ev->default_branch, in ? in : "{}"));
		free(in);
	}
	buf_release(&labels);
	return list;
}
