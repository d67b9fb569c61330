#include "common.h"
#include "core/repair.h"
#include "core/policy.h"
#include "core/repair_evidence.h"
#include "core/repair_model.h"
#include "core/repair_publish.h"
#include "core/repair_rules.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"


/* One repair run: what it knows so far and the result it builds. */
struct repair {
	const struct repair_opts *o;
	struct github *gh;
	json_t *res;              /* the result object */
	json_t *run, *pull;       /* GitHub's objects (owned) */
	long long run_id;
	int pr;
	const char *branch, *base;
	struct policy policy;
	struct repair_evidence ev;
	int attempts;             /* corrections already pushed (fix markers) */
	int reruns;               /* re-runs already asked for this run */
	json_t *hashes;           /* failure hashes of the earlier corrections */
};

char *repair_marker(const char *action, int attempt, long long run_id, const char *hash)
{
	json_t *m = json_pack("{s:s, s:i, s:I, s:s}", "action", action, "attempt", attempt, "run",
			      (json_int_t)run_id, "hash", hash ? hash : "");
	char *text = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
	char *out = xasprintf(REPAIR_MARKER "%s -->", text ? text : "{}");

	free(text);
	json_decref(m);
	return out;
}

static void say(struct repair *r, const char *action, const char *reason)
{
	jsonx_set_str(r->res, "action", action);
	jsonx_set_str(r->res, "reason", reason);
}

/* ---- the target: which run, which pull request ------------------------------------------ */

static bool run_failed(json_t *run)
{
	const char *c = jsonx_str(run, "conclusion");

	return c && (!strcmp(c, "failure") || !strcmp(c, "timed_out") || !strcmp(c, "startup_failure"));
}

const char *repair_event_skip(json_t *event, char *buf, size_t size)
{
	json_t *run = json_object_get(event, "workflow_run");
	const char *action = jsonx_str(event, "action"), *c = jsonx_str(run, "conclusion");

	if (!json_is_object(run))
		return NULL; /* not a workflow_run: find_target says so */
	if (action && strcmp(action, "completed")) {
		snprintf(buf, size, "the run is not completed (action '%s')", action);
		return buf;
	}
	if (!run_failed(run)) {
		snprintf(buf, size, "the run did not fail (conclusion '%s')", c ? c : "none");
		return buf;
	}
	return NULL;
}

/* The newest failed run on the pull request's head commit. */
static int latest_failed_run(struct repair *r)
{
	json_t *runs = NULL, *run;
	const char *sha = jsonx_str(r->pull, "head.sha");
	size_t i;
	int error;

	if ((error = r->gh->ops->list_branch_runs(&runs, r->gh, r->branch)) < 0)
		return error;
	json_array_foreach(runs, i, run) {
		if (sha && jsonx_str(run, "head_sha") && !strcmp(sha, jsonx_str(run, "head_sha")) &&
		    run_failed(run)) {
			r->run = json_incref(run);
			r->run_id = jsonx_int(run, "id", 0);
			break;
		}
	}
	json_decref(runs);
	return 0;
}

/* The run from the event or --run-id; the pull request from --pr, the run, or its branch. */
static int find_target(struct repair *r)
{
	const struct repair_opts *o = r->o;
	json_t *prs;
	struct github_created found = {0, NULL};
	int error;

	if (o->event) {
		if (!json_is_object(json_object_get(o->event, "workflow_run")))
			return err_set(ERR_INPUT, "the event has no 'workflow_run': repair takes workflow_run "
				       "events (a finished CI run)");
		r->run = json_incref(json_object_get(o->event, "workflow_run"));
		r->run_id = jsonx_int(r->run, "id", 0);
	} else if (o->run_id && (error = r->gh->ops->get_run(&r->run, r->gh, o->run_id)) < 0) {
		return error;
	}
	if (o->run_id)
		r->run_id = o->run_id;
	r->pr = o->pr;
	prs = json_object_get(r->run, "pull_requests");
	if (!r->pr && json_array_size(prs))
		r->pr = (int)jsonx_int(json_array_get(prs, 0), "number", 0);
	if (!r->pr && jsonx_str(r->run, "head_branch")) {
		error = r->gh->ops->find_open_pull_by_head(&found, r->gh, jsonx_str(r->run, "head_branch"));
		r->pr = error == 0 ? found.number : 0;
		github_created_release(&found);
		if (error < 0 && error != ERR_NOTFOUND)
			return error;
		err_clear();
	}
	return 0;
}

/* Why this pull request is not ours to repair, or NULL when it is. */
static const char *not_ours(struct repair *r)
{
	json_t *labels = json_object_get(r->pull, "labels"), *l;
	const char *body = jsonx_str(r->pull, "body"), *head_repo = jsonx_str(r->pull, "head.repo.full_name");
	bool generated = false;
	size_t i;

	json_array_foreach(labels, i, l) {
		const char *name = jsonx_str(l, "name");

		generated |= name && !strcmp(name, GITHUB_LABEL_GENERATED);
		if (name && !strcmp(name, REPAIR_LABEL_HUMAN))
			return "it is labelled '" REPAIR_LABEL_HUMAN "': a person has it";
	}
	if (!generated)
		return "it does not carry the label '" GITHUB_LABEL_GENERATED "': the agent did not open it";
	if (!body || !strstr(body, "<!-- aiops-fingerprint: "))
		return "its body has no hidden incident block (aiops-fingerprint): the agent did not open it";
	if (!jsonx_str(r->pull, "state") || strcmp(jsonx_str(r->pull, "state"), "open"))
		return "it is not open";
	if (head_repo && jsonx_str(r->pull, "base.repo.full_name") &&
	    strcmp(head_repo, jsonx_str(r->pull, "base.repo.full_name")))
		return "its head branch is in another repository";
	return NULL;
}

/* ---- the loop guard --------------------------------------------------------------------- */

static void read_markers(struct repair *r, json_t *comments)
{
	json_t *c;
	size_t i;

	json_array_foreach(comments, i, c) {
		const char *body = jsonx_str(c, "body"), *m = body ? strstr(body, REPAIR_MARKER) : NULL;
		const char *action;
		json_t *doc;

		if (!m || !(doc = json_loads(m + strlen(REPAIR_MARKER), JSON_DISABLE_EOF_CHECK, NULL)))
			continue;
		action = jsonx_str(doc, "action");
		if (action && !strcmp(action, "fix")) {
			r->attempts++;
			json_array_append_new(r->hashes, json_string(jsonx_str(doc, "hash") ? jsonx_str(doc, "hash") : ""));
		} else if (action && !strcmp(action, "rerun") && jsonx_int(doc, "run", 0) == r->run_id) {
			r->reruns++;
		}
		json_decref(doc);
	}
}

static bool hash_seen(struct repair *r)
{
	json_t *h;
	size_t i;

	json_array_foreach(r->hashes, i, h)
		if (!strcmp(json_string_value(h), r->ev.hash))
			return true;
	return false;
}

/* ---- writing to the pull request ---------------------------------------------------------- */

static void plan(struct repair *r, const char *line)
{
	json_array_append_new(json_object_get(r->res, "planned"), json_string(line));
}

static void degrade(struct repair *r, const char *step)
{
	char *line = xasprintf("%s: %s", step, err_last());

	json_array_append_new(json_object_get(r->res, "degraded"), json_string(line));
	free(line);
	err_clear();
}

/* Comment `body` on the pull request and add `labels` (a label that fails only degrades). */
static int post(struct repair *r, const char *body, const char *const *labels)
{
	struct github_created c = {0, NULL};
	int error;

	if (r->o->dry_run) {
		char *line = xasprintf("comment on pull request #%d (%zu bytes) and label it %s%s%s", r->pr,
				       strlen(body), labels[0], labels[1] ? ", " : "", labels[1] ? labels[1] : "");

		plan(r, line);
		free(line);
		return 0;
	}
	if ((error = r->gh->ops->comment_issue(&c, r->gh, r->pr, body)) < 0)
		return error;
	jsonx_set_str(r->res, "comment", c.url);
	github_created_release(&c);
	if (r->gh->ops->add_labels(r->gh, r->pr, labels) < 0)
		degrade(r, "labels");
	return 0;
}

static struct repair_story story(struct repair *r)
{
	struct repair_story s = {r->attempts, (int)r->policy.max_repair_attempts,
				 jsonx_str(r->run, "html_url"), r->run_id, &r->ev, r->branch};

	return s;
}

/* Stop: say why, show the distilled failure, label the pull request for a person. */
static int hand_over(struct repair *r, const char *why)
{
	static const char *const labels[] = {REPAIR_LABEL_HUMAN, REPAIR_LABEL, NULL};
	struct repair_story s = story(r);
	struct buf b = BUF_INIT;
	char *marker = repair_marker("handover", r->attempts, r->run_id, r->ev.hash);
	int error;

	buf_puts(&b, "### aiops-agent repair: over to a person\n\n");
	repair_put_failure(&b, &s);
	buf_putf(&b, "The agent stops here: %s. It will not push to this branch again; the label "
		 "`" REPAIR_LABEL_HUMAN "` keeps it away.\n\n", why);
	repair_put_distilled(&b, &r->ev);
	buf_putf(&b, "%s\n", marker);
	error = post(r, b.ptr, labels);
	say(r, r->o->dry_run ? "planned" : "handed_over", why);
	buf_release(&b);
	free(marker);
	return error;
}

/* Infrastructure: re-run the failed jobs once, never commit. */
static int rerun(struct repair *r)
{
	static const char *const labels[] = {REPAIR_LABEL, NULL};
	struct repair_story s = story(r);
	struct buf b = BUF_INIT;
	char *marker = repair_marker("rerun", r->attempts, r->run_id, r->ev.hash);
	int error = 0;

	if (r->o->dry_run)
		plan(r, "re-run the failed jobs of the run (POST .../rerun-failed-jobs)");
	else if ((error = r->gh->ops->rerun_failed_jobs(r->gh, r->run_id)) < 0)
		goto done;
	buf_puts(&b, "### aiops-agent repair: re-running the failed jobs\n\n");
	repair_put_failure(&b, &s);
	buf_puts(&b, "This is an infrastructure failure: the runner, the network or a registry failed, "
		 "not the change. The failed jobs of this run are re-run once and nothing is pushed. "
		 "If they fail the same way again, the agent hands over to a person.\n\n");
	buf_putf(&b, "%s\n", marker);
	if ((error = post(r, b.ptr, labels)) == 0)
		say(r, r->o->dry_run ? "planned" : "rerun", "an infrastructure failure: the failed jobs are re-run once");
done:
	buf_release(&b);
	free(marker);
	return error;
}

/* ---- a correction ------------------------------------------------------------------------- */

/* The same path rules as respond, and only the pull request's files or new files where a model's fix may add them. */
static int check_change(struct repair *r, const struct repair_change *c, char *const *pr_files)
{
	int error;

	if (c->nfiles > r->policy.max_files)
		return err_set(ERR_POLICY, "refused by the safety policy: the correction changes %zu files "
			       "(max_files %zu in %s)", c->nfiles, r->policy.max_files, r->policy.origin);
	for (size_t i = 0; i < c->nfiles; i++)
		if ((error = repair_path_allowed(&r->policy, pr_files, r->pr, c->files[i].path, c->files[i].remove)) < 0)
			return error;
	return 0;
}

/* The pull request's changed paths, NULL-terminated. */
static int pull_paths(char ***out, struct repair *r)
{
	json_t *files = NULL, *f;
	size_t i, n = 0;
	int error;

	if ((error = r->gh->ops->list_pull_files(&files, r->gh, r->pr)) < 0)
		return error;
	*out = xcalloc(json_array_size(files) + 1, sizeof(**out));
	json_array_foreach(files, i, f)
		if (jsonx_str(f, "filename"))
			(*out)[n++] = xstrdup(jsonx_str(f, "filename"));
	json_decref(files);
	return 0;
}

/* Dispatch CI on the branch when a push cannot start it; what to tell people, appended to `b`. */
static void start_ci(struct repair *r, struct buf *b)
{
	const char *wf = r->policy.repair_ci_workflow;
	struct github_created run = {0, NULL};

	if (r->o->token_starts_workflows) {
		buf_puts(b, "The push starts CI on the branch.\n\n");
		return;
	}
	if (!wf || !*wf) {
		buf_puts(b, "The workflow's `GITHUB_TOKEN` pushed this commit, and pushes made with it do "
			 "not start workflows: re-run CI on the branch by hand, or run the agent with a "
			 "GitHub App token (`GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY`, "
			 "`GITHUB_APP_INSTALLATION_ID`) so that its pushes start CI.\n\n");
		return;
	}
	if (r->o->dry_run) {
		char *line = xasprintf("dispatch %s on '%s' (GITHUB_TOKEN pushes start no workflow)", wf, r->branch);

		plan(r, line);
		free(line);
		return;
	}
	if (r->gh->ops->dispatch_workflow_run(&run, r->gh, wf, r->branch, NULL) < 0) {
		buf_putf(b, "Pushes made with the workflow's `GITHUB_TOKEN` do not start workflows, and "
			 "dispatching `%s` failed (%s): re-run CI by hand, or give the agent a GitHub App "
			 "token.\n\n", wf, err_last());
		degrade(r, "dispatch");
		return;
	}
	buf_putf(b, "Pushes made with the workflow's `GITHUB_TOKEN` do not start workflows, so CI "
		 "(`%s`) was dispatched on `%s`: %s\n\n", wf, r->branch, run.url ? run.url : "");
	json_object_set_new(r->res, "dispatch", json_pack("{s:s, s:s, s:s?}", "workflow", wf, "ref",
							  r->branch, "url", run.url));
	github_created_release(&run);
}

static void record_change(struct repair *r, const struct repair_change *c)
{
	json_t *files = json_array();

	for (size_t i = 0; i < c->nfiles; i++)
		json_array_append_new(files, json_string(c->files[i].path));
	json_object_set_new(r->res, "correction", json_pack("{s:s, s:o, s:s}", "rule", c->rule, "files",
							    files, "summary", c->summary.ptr));
}

/* Commit, push, dispatch, comment. */
static int publish(struct repair *r, struct repair_git *rg, const struct repair_change *c)
{
	static const char *const labels[] = {REPAIR_LABEL, NULL};
	struct repair_story s = story(r);
	struct buf b = BUF_INIT, msg = BUF_INIT;
	char sha[41] = "", *marker = NULL;
	int error = 0;

	s.attempt = r->attempts + 1;
	buf_putf(&msg, "Repair CI: %s (attempt %d)\n\nCI run %lld failed with a %s failure.\n\n", c->rule,
		 s.attempt, r->run_id, ciclass_name(r->ev.cls.kind));
	if (strcmp(c->rule, "model")) {
		buf_puts(&msg, c->summary.ptr);
	} else { /* the model's words stay in the comment: a commit message is ours */
		for (size_t i = 0; i < c->nfiles; i++)
			buf_putf(&msg, "- corrects %s\n", c->files[i].path);
	}
	if (r->o->dry_run) {
		char *line = xasprintf("commit %zu file%s on '%s' (%s) and push it", c->nfiles,
				       c->nfiles == 1 ? "" : "s", r->branch, c->rule);

		plan(r, line);
		free(line);
	} else if ((error = repair_git_push(sha, rg, r->branch, c, msg.ptr)) < 0) {
		goto done;
	} else {
		jsonx_set_str(r->res, "commit", sha);
	}
	buf_putf(&b, "### aiops-agent repair: attempt %d of %d\n\n", s.attempt, s.max_attempts);
	repair_put_failure(&b, &s);
	buf_putf(&b, "What changed (%s%.12s%s on `%s`, a new commit on top of the fix):\n\n%s\n",
		 *sha ? "commit `" : "", *sha ? sha : "planned", *sha ? "`" : "", r->branch, c->summary.ptr);
	start_ci(r, &b);
	repair_put_distilled(&b, &r->ev);
	marker = repair_marker("fix", s.attempt, r->run_id, r->ev.hash);
	buf_putf(&b, "%s\n", marker);
	if ((error = post(r, b.ptr, labels)) == 0)
		say(r, r->o->dry_run ? "planned" : "fixed", c->summary.ptr);
	json_object_set_new(r->res, "attempt", json_integer(s.attempt));
done:
	buf_release(&b);
	buf_release(&msg);
	free(marker);
	return error;
}

/*
 * No offline rule fits: the model writes the correction when one is configured; else, or
 * when it hands over or cannot answer usably, a person takes over (said in the comment).
 * 0 with `c` filled; 0 with `c` empty and the hand-over done; ERR_POLICY after the
 * hand-over when the model's answer was refused.
 */
static int ask_model(struct repair *r, struct repair_change *c, struct repair_git *rg, char **paths)
{
	struct repair_model_input mi = {&r->ev, rg->g, rg->head_ref, paths, r->pull, &r->policy,
					r->attempts + 1, (int)r->policy.max_repair_attempts};
	char *why = NULL;
	bool refused = false;
	int error;

	if (!r->o->engine || !r->o->engine->model) {
		why = r->ev.cls.kind == CICLASS_NONE
			      ? xasprintf("the logs show no failure the agent recognises (%s)", err_last())
			      : xasprintf("no mechanical correction for this %s failure (%s), and no model is "
					  "configured", ciclass_name(r->ev.cls.kind), err_last());
		err_clear();
	} else if ((error = repair_model_correct(c, &mi, r->o->engine, &why)) == 0) {
		return 0;
	} else if (error == ERR_FAIL) {
		err_set(ERR_FAIL, "%s", why);
		degrade(r, "model");
	} else {
		refused = error == ERR_POLICY;
	}
	if ((error = hand_over(r, why)) == 0 && refused)
		error = err_set(ERR_POLICY, "%s", why);
	free(why);
	return error;
}

static int correct(struct repair *r)
{
	struct repair_git rg;
	struct repair_change c = REPAIR_CHANGE_INIT;
	struct repair_input in = {&r->ev, NULL, NULL, NULL, NULL};
	char **paths = NULL, *dir = sys_path_join(r->o->work_dir, "git");
	int error;

	if ((error = repair_git_open(&rg, r->gh, r->o->server_url, dir, r->branch, r->base)) < 0 ||
	    (error = pull_paths(&paths, r)) < 0)
		goto done;
	if (jsonx_str(r->pull, "head.sha") && strcmp(rg.head_sha, jsonx_str(r->pull, "head.sha"))) {
		say(r, "skipped", "the branch moved since the pull request was read: its next CI run decides");
		goto done;
	}
	in = (struct repair_input){&r->ev, rg.g, rg.head_ref, rg.base_ref, paths};
	if ((error = repair_rules_apply(&c, &in)) == ERR_NOTFOUND)
		error = ask_model(r, &c, &rg, paths);
	if (error < 0)
		goto done;
	if (!c.rule)
		goto done; /* handed over */
	record_change(r, &c);
	if (check_change(r, &c, paths) < 0) {
		char *why = xstrdup(err_last());

		err_clear();
		if ((error = hand_over(r, why)) == 0)
			error = err_set(ERR_POLICY, "%s", why);
		free(why);
		goto done;
	}
	error = publish(r, &rg, &c);
done:
	repair_change_release(&c);
	repair_git_release(&rg);
	sys_free_list(paths);
	free(dir);
	return error;
}

/* ---- the run ------------------------------------------------------------------------------ */

/* policy_path, else the repository's .github/aiops-agent.yml, else defaults. */
static int load_policy(struct repair *r)
{
	if (r->o->policy_path)
		return policy_load(&r->policy, r->o->policy_path);
	return policy_load_repo(&r->policy, r->gh, r->o->work_dir);
}

static json_t *result_new(const struct repair_opts *o)
{
	json_t *res = json_object();
	static const char *const nulls[] = {
		"pull_request", "run_id", "branch", "action", "reason", "class", "rule", "failure_line",
		"failure_hash", "attempt", "max_attempts", "correction", "commit", "comment", "dispatch",
	};

	for (size_t i = 0; i < ARRAY_SIZE(nulls); i++)
		json_object_set_new(res, nulls[i], json_null());
	json_object_set_new(res, "infrastructure", json_false());
	json_object_set_new(res, "engine", json_string(o->engine && o->engine->model_name ? o->engine->model_name
										: "offline"));
	json_object_set_new(res, "jobs", json_array());
	json_object_set_new(res, "planned", json_array());
	json_object_set_new(res, "degraded", json_array());
	return res;
}

static void record_evidence(struct repair *r)
{
	json_t *jobs = json_object_get(r->res, "jobs");

	for (size_t i = 0; i < r->ev.njobs; i++) {
		const struct repair_job *j = &r->ev.jobs[i];

		json_array_append_new(jobs, json_pack("{s:I, s:s, s:s, s:I, s:s?}", "id", (json_int_t)j->id,
						      "name", j->name, "conclusion", j->conclusion, "log_bytes",
						      (json_int_t)j->log_bytes, "error", j->log_error));
	}
	jsonx_set_str(r->res, "class", ciclass_name(r->ev.cls.kind));
	jsonx_set_str(r->res, "rule", r->ev.cls.rule);
	jsonx_set_str(r->res, "failure_line", r->ev.cls_line);
	jsonx_set_str(r->res, "failure_hash", r->ev.hash);
	json_object_set_new(r->res, "infrastructure", json_boolean(r->ev.cls.infrastructure));
	json_object_set_new(r->res, "attempt", json_integer(r->attempts));
	json_object_set_new(r->res, "max_attempts", json_integer((json_int_t)r->policy.max_repair_attempts));
}

/* Re-run, hand over or correct: the loop guard first. */
static int decide(struct repair *r)
{
	char *why = NULL;
	int error;

	if (r->ev.cls.infrastructure && r->reruns == 0)
		return rerun(r);
	if (r->ev.cls.infrastructure)
		why = xasprintf("the %s failure came back after the failed jobs were re-run",
				ciclass_name(r->ev.cls.kind));
	else if (r->attempts >= (int)r->policy.max_repair_attempts)
		why = xasprintf("%d correction%s did not make CI pass (max_repair_attempts %zu)", r->attempts,
				r->attempts == 1 ? "" : "s", r->policy.max_repair_attempts);
	else if (hash_seen(r))
		why = xasprintf("the same %s failure came back after a correction", ciclass_name(r->ev.cls.kind));
	if (!why)
		return correct(r);
	error = hand_over(r, why);
	free(why);
	return error;
}

/* The run and the pull request, checked; false (with the reason said) when there is nothing to do. */
static int target(struct repair *r, bool *go)
{
	const char *why;
	int error;

	*go = false;
	if ((error = find_target(r)) < 0)
		return error;
	if (r->run_id)
		json_object_set_new(r->res, "run_id", json_integer(r->run_id));
	if (!r->pr) {
		say(r, "skipped", "no open pull request for this run");
		return 0;
	}
	json_object_set_new(r->res, "pull_request", json_integer(r->pr));
	if ((error = r->gh->ops->get_pull(&r->pull, r->gh, r->pr)) < 0)
		return error;
	r->branch = jsonx_str(r->pull, "head.ref");
	r->base = jsonx_str(r->pull, "base.ref");
	jsonx_set_str(r->res, "branch", r->branch);
	if ((why = not_ours(r))) {
		say(r, "skipped", why);
		return 0;
	}
	if (!r->run_id && (error = latest_failed_run(r)) < 0)
		return error;
	if (r->run_id)
		json_object_set_new(r->res, "run_id", json_integer(r->run_id));
	if (!r->run_id || (r->run && !run_failed(r->run)))
		say(r, "skipped", r->run_id ? "the run did not fail" : "no failed run for the pull request's head");
	else if (r->run && jsonx_str(r->run, "head_sha") && jsonx_str(r->pull, "head.sha") &&
		 strcmp(jsonx_str(r->run, "head_sha"), jsonx_str(r->pull, "head.sha")))
		say(r, "skipped", "the run is for an older commit of the branch");
	else
		*go = true;
	return 0;
}

int repair_run(json_t **out, const struct repair_opts *o)
{
	struct repair r = {o, o->gh, result_new(o), NULL, NULL, 0, 0, NULL, NULL, POLICY_INIT,
			   {0}, 0, 0, json_array()};
	json_t *comments = NULL;
	char *logs = sys_path_join(o->work_dir, "logs");
	bool go = false;
	int error;

	if (!o->gh->ops->list_run_jobs || !o->gh->ops->get_pull) {
		error = err_set(ERR_USAGE, "repair needs live GitHub: the %s backend has no workflow runs",
				o->gh->ops->name);
		goto done;
	}
	if ((error = target(&r, &go)) < 0 || !go)
		goto done;
	if ((error = load_policy(&r)) < 0 || (error = o->gh->ops->list_comments(&comments, r.gh, r.pr)) < 0)
		goto done;
	read_markers(&r, comments);
	if ((error = sys_mkdir_p(logs, 0700)) < 0 ||
	    (error = repair_evidence_gather(&r.ev, r.gh, r.run_id, logs)) < 0) {
		if (error == ERR_NOTFOUND) {
			say(&r, "skipped", err_last());
			err_clear();
			error = 0;
		}
		goto done;
	}
	record_evidence(&r);
	error = decide(&r);
done:
	if (r.pr || error == 0) {
		*out = r.res;
		r.res = NULL;
	}
	json_decref(r.res);
	json_decref(comments);
	json_decref(r.run);
	json_decref(r.pull);
	json_decref(r.hashes);
	policy_release(&r.policy);
	repair_evidence_release(&r.ev);
	free(logs);
	return error;
}
