#include "common.h"
#include "pipeline.h"
#include "artifacts.h"
#include "blame.h"
#include "diagnose.h"
#include "err.h"
#include "github_offline.h"
#include "incident.h"
#include "jsonx.h"
#include "kb.h"
#include "policy.h"
#include "publish.h"
#include "redact.h"
#include "remediate.h"
#include "result.h"
#include "sys.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

static bool quiet;

static ATTR_PRINTF(1, 2) void progress(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	fputs("aiops-agent: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int load_logs(struct evidence *ev, const char *path)
{
	int error;

	if (!path) {
		evidence_note(ev, "no logs were given: the diagnosis rests on the alert and the changes");
		return 0;
	}
	if ((error = digest_file(&ev->digest, path)) < 0)
		return error;
	ev->have_logs = true;
	if (ev->digest.binary_bytes)
		evidence_note(ev, "'%s' holds %zu bytes that are not text; they were replaced", path,
			      ev->digest.binary_bytes);
	if (ev->digest.lines == 0)
		evidence_note(ev, "'%s' is empty", path);
	return 0;
}

static int load_pulls(struct evidence *ev)
{
	struct github_pull *pulls = NULL;
	size_t n = 0;
	struct buf diff = BUF_INIT;
	int error;

	if ((error = github_merged_pulls(&pulls, &n, ev->gh)) < 0)
		return error;
	ev->pulls = xcalloc(n + 1, sizeof(*ev->pulls));
	for (size_t i = 0; i < n; i++) {
		struct pull *p = &ev->pulls[ev->npulls++];

		p->meta = pulls[i];
		buf_reset(&diff);
		if ((error = ev->gh->ops->get_pull_diff(&diff, ev->gh, p->meta.number)) < 0 ||
		    (error = blame_pull_load_diff(p, diff.ptr, diff.len)) < 0) {
			evidence_note(ev, "pull request #%d: %s", p->meta.number, err_last());
			err_clear();
			error = 0;
		}
	}
	free(pulls); /* the members moved into ev->pulls */
	buf_release(&diff);
	if (!n)
		evidence_note(ev, "no merged pull requests were found: nothing to blame");
	return 0;
}

#define SOURCE_EXCERPTS 3
#define SOURCE_RADIUS 3

/* The repository file a frame's base name stands for (the first match), or NULL. */
static const char *find_source(const struct evidence *ev, const char *base)
{
	for (size_t i = 0; i < ev->nfiles; i++)
		if (!strcmp(sys_basename(ev->files[i]), base))
			return ev->files[i];
	return NULL;
}

static char *excerpt(const char *text, int line)
{
	struct buf out = BUF_INIT;
	const char *p = text;
	char *redacted;

	for (int n = 1; *p && n <= line + SOURCE_RADIUS; n++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (n >= line - SOURCE_RADIUS)
			buf_putf(&out, "%c%5d  %.*s\n", n == line ? '>' : ' ', n, (int)(len > 200 ? 200 : len), p);
		p += len + (nl ? 1 : 0);
	}
	redacted = redact_strdup(out.ptr);
	buf_release(&out);
	return redacted;
}

/* The code around the first application frames, read from the default branch. */
static void read_sources(struct evidence *ev)
{
	size_t nlocs = 0;
	struct frame_location *locs = blame_trace_locations(&nlocs, &ev->digest);
	struct buf text = BUF_INIT;

	ev->sources = xcalloc(SOURCE_EXCERPTS + 1, sizeof(*ev->sources));
	for (size_t i = 0; i < nlocs && ev->nsources < SOURCE_EXCERPTS; i++) {
		const char *path = find_source(ev, locs[i].file);
		bool seen = false;

		for (size_t k = 0; k < ev->nsources; k++)
			seen |= !strcmp(ev->sources[k].path, path ? path : "") && ev->sources[k].line == locs[i].line;
		if (!path || seen)
			continue;
		buf_reset(&text);
		if (ev->gh->ops->read_file(&text, ev->gh, path) < 0) {
			err_clear();
			continue;
		}
		ev->sources[ev->nsources].path = xstrdup(path);
		ev->sources[ev->nsources].line = locs[i].line;
		ev->sources[ev->nsources].text = excerpt(text.ptr, locs[i].line);
		ev->nsources++;
	}
	buf_release(&text);
	free(locs);
}

/* The digest's most telling lines, as the query for similar past incidents. */
static char *recall_query(const struct evidence *ev)
{
	const struct digest_template **ranked = NULL;
	struct buf q = BUF_INIT;

	digest_rank(&ranked, &ev->digest);
	for (size_t i = 0; i < ev->digest.ntemplates && i < 8; i++)
		if (ranked[i]->level >= DIGEST_WARN)
			buf_putf(&q, "%s\n", ranked[i]->example);
	for (size_t i = 0; i < ev->digest.ntraces && i < 4; i++)
		buf_putf(&q, "%s\n", ev->digest.traces[i].headline);
	buf_putf(&q, "%s\n%s\n", ev->inc->title, ev->inc->description);
	free(ranked);
	return buf_detach(&q);
}

static int gather(struct evidence *ev, const struct pipeline_opts *o)
{
	json_t *repo = NULL;
	const char *s;
	char *query = NULL;
	struct buf kb_text = BUF_INIT;
	int error;

	progress("digesting logs");
	if ((error = load_logs(ev, o->logs_path)) < 0)
		return error;
	if ((error = ev->gh->ops->get_repo(&repo, ev->gh)) < 0)
		return error;
	ev->default_branch = xstrdup((s = jsonx_str(repo, "default_branch")) ? s : "main");
	ev->repo_name = xstrdup((s = jsonx_str(repo, "full_name")) ? s : "local/repository");
	ev->repo_url = xstrdup((s = jsonx_str(repo, "html_url")) ? s : "");
	json_decref(repo);
	progress("reading merged pull requests");
	if ((error = load_pulls(ev)) < 0)
		return error;
	blame_rank(&ev->suspects, &ev->nsuspects, ev->inc, &ev->digest, ev->pulls, ev->npulls);
	if ((error = ev->gh->ops->list_files(&ev->files, &ev->nfiles, ev->gh)) < 0)
		return error;
	read_sources(ev);
	if (o->kb_path) {
		error = sys_read_file(&kb_text, o->kb_path, KB_FILE_MAX);
		if (error == ERR_NOTFOUND) {
			err_clear();
			error = 0;
		} else if (error < 0 ||
			   (error = kb_parse(&ev->kb, kb_text.ptr, kb_text.len, o->kb_path)) < 0) {
			buf_release(&kb_text);
			return error;
		} else {
			ev->kb_text = buf_detach(&kb_text);
		}
	}
	buf_release(&kb_text);
	query = recall_query(ev);
	kb_recall(&ev->similar, &ev->nsimilar, &ev->kb, query, ev->inc->service, 3, 0.05);
	free(query);
	return 0;
}

int pipeline_evidence(struct evidence *ev, struct incident *inc, const struct pipeline_opts *o,
		      const char *out_dir)
{
	int error;

	quiet = o->quiet;
	ev->inc = inc;
	if ((error = incident_load(inc, o->alert_path)) < 0 ||
	    (error = github_offline_new(&ev->gh, o->github_dir, out_dir)) < 0)
		return error;
	return gather(ev, o);
}

/* A plan that could not be built leaves the incident to people, and says why. */
static int escalation_plan(struct plan *plan, const struct evidence *ev)
{
	struct diagnosis esc = {0};
	int error;

	esc.engine = "offline";
	esc.remediation = REMEDIATION_ESCALATION;
	esc.rationale = xasprintf("the planned fix could not be built (%s)", err_last());
	esc.summary = xstrdup("");
	err_clear();
	error = remediate_plan(plan, ev, &esc);
	diagnosis_release(&esc);
	return error;
}

static void add_degraded(char ***list, size_t *n, char *message)
{
	*list = xrealloc(*list, (*n + 2) * sizeof(char *));
	(*list)[(*n)++] = message;
	(*list)[*n] = NULL;
}

static char *lower_slug(const char *s)
{
	char *out = xstrdup(s);

	for (char *p = out; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '-';
	return out;
}

/* The plan for the model's own diff: the candidate's branch and title when there is one. */
static void model_plan(struct plan *out, const struct evidence *ev, const struct diagnosis *dx,
		       const struct plan *candidate, const struct diagnose_fix *fix)
{
	struct plan plan = PLAN_INIT;
	char *slug = lower_slug(ev->inc->id), *type = lower_slug(remediation_name(dx->remediation));

	plan.type = dx->remediation;
	plan.branch = candidate && candidate->branch ? xstrdup(candidate->branch)
						      : xasprintf("fix/%s-%s", slug, type);
	plan.title = candidate && candidate->title
			     ? xstrdup(candidate->title)
			     : xasprintf("%s: %s for #%d (%s)", ev->inc->id, remediation_name(dx->remediation),
					 dx->blame_pr, ev->inc->service);
	plan.description = xstrdup(fix->description ? fix->description : "The fix the model wrote.");
	buf_puts(&plan.diff, fix->diff.ptr);
	plan.paths = xcalloc(fix->npaths + 1, sizeof(char *));
	for (size_t i = 0; i < fix->npaths; i++)
		plan.paths[plan.npaths++] = xstrdup(fix->paths[i]);
	free(slug);
	free(type);
	*out = plan;
}

/* The model's runbook notes: a section before the runbook's history, advice at the end. */
static void add_notes(struct artifacts *art, const struct diagnose_notes *n, const char *model)
{
	struct buf section = BUF_INIT, runbook = BUF_INIT;
	const char *history = strstr(art->runbook.ptr, "\n## History\n");
	size_t at = history ? (size_t)(history - art->runbook.ptr) + 1 : art->runbook.len;

	if (n->first_checks && n->first_checks[0]) {
		buf_putf(&section, "## First checks (suggested by %s)\n\n", model);
		for (size_t i = 0; n->first_checks[i]; i++)
			buf_putf(&section, "%zu. %s\n", i + 1, n->first_checks[i]);
		buf_puts(&section, "\n");
	}
	if (n->customer_impact && *n->customer_impact)
		buf_putf(&section, "## Customer impact\n\n%s\n\n", n->customer_impact);
	if (section.len) {
		buf_putf(&runbook, "%.*s", (int)at, art->runbook.ptr);
		if (at && runbook.ptr[runbook.len - 1] != '\n')
			buf_puts(&runbook, "\n");
		buf_puts(&runbook, section.ptr);
		buf_puts(&runbook, art->runbook.ptr + at);
		buf_release(&art->runbook);
		art->runbook = runbook;
	}
	if (n->prevention && n->prevention[0]) {
		buf_rtrim(&art->recommendations);
		buf_putf(&art->recommendations, "\n\n## Prevention (suggested by %s)\n\n", model);
		for (size_t i = 0; n->prevention[i]; i++)
			buf_putf(&art->recommendations, "- %s\n", n->prevention[i]);
	}
	buf_release(&section);
}

static int prepare_out(char **tmp, const char *out_dir, const char *id)
{
	char *tmpl;

	if (sys_mkdir_p(out_dir, 0755) < 0 || access(out_dir, W_OK) < 0)
		return err_set(ERR_IO, "cannot write to the output folder '%s': %s", out_dir,
			       errno ? strerror(errno) : err_last());
	tmpl = xasprintf("%s/.%s.tmp-XXXXXX", out_dir, id);
	if (!mkdtemp(tmpl)) {
		int e = errno;

		free(tmpl);
		return err_set(ERR_IO, "cannot write to the output folder '%s': %s", out_dir, strerror(e));
	}
	*tmp = tmpl;
	return 0;
}

static int finish_out(const char *tmp, const char *final)
{
	int error;

	if ((error = sys_remove_tree(final)) < 0)
		return error;
	if (rename(tmp, final) < 0)
		return err_set(ERR_IO, "cannot move the output into '%s': %s", final, strerror(errno));
	return 0;
}

int pipeline_run(json_t **result, char **out_path, const struct pipeline_opts *o)
{
	struct incident inc = INCIDENT_INIT;
	struct evidence ev = {0};
	struct diagnosis dx = {0};
	struct plan plan = PLAN_INIT;
	struct policy policy = POLICY_INIT;
	struct artifacts art = ARTIFACTS_INIT;
	struct publish_result pub = {0};
	struct publish_opts popts = {0};
	struct diagnose_engine engine = DIAGNOSE_ENGINE_INIT;
	struct diagnose_fix fix = {0};
	struct diagnose_notes notes = {0};
	char *plan_error = NULL;
	bool have_plan;
	const char *out_dir = o->out_dir ? o->out_dir : "out";
	char *tmp = NULL, *final = NULL, *sandbox = NULL, *result_path = NULL;
	char **degraded = NULL;
	size_t ndegraded = 0;
	json_t *res = NULL;
	bool published = false;
	int error;

	quiet = o->quiet;
	if ((error = incident_load(&inc, o->alert_path)) < 0)
		goto done;
	progress("incident %s (%s, %s) on %s", inc.id, incident_severity_name(inc.severity),
		 incident_format_name(inc.format), inc.service);
	if ((error = policy_load(&policy, o->policy_path)) < 0 ||
	    (error = diagnose_engine_init(&engine, o->model)) < 0 ||
	    (error = prepare_out(&tmp, out_dir, inc.id)) < 0)
		goto done;
	engine.actions = policy.actions;
	engine.max_files = policy.max_files;
	final = xasprintf("%s/%s", out_dir, inc.id);
	ev.inc = &inc;
	if (!o->github_dir || !sys_is_dir(o->github_dir)) {
		degraded = xcalloc(2, sizeof(char *));
		degraded[ndegraded++] = xstrdup("evidence: no recorded GitHub state (github/ folder): "
						"no pull requests to blame, no repository files to fix");
	}
	if ((error = github_offline_new(&ev.gh, o->github_dir, tmp)) < 0 ||
	    (error = gather(&ev, o)) < 0)
		goto done;
	progress("diagnosing with %s (%zu pull requests, %zu log lines)",
		 engine.model ? engine.model_name : "the offline engine", ev.npulls, ev.digest.lines);
	if ((error = diagnose_run(&dx, &ev, &engine)) < 0)
		goto done;
	if (!(have_plan = remediate_plan(&plan, &ev, &dx) == 0)) {
		plan_error = xstrdup(err_last());
		err_clear();
	}
	if (engine.model && !strcmp(dx.engine, "model")) {
		progress(diagnose_writes_diff(dx.remediation)
				 ? "asking for the fix and the runbook notes (concurrently)"
				 : "asking for the runbook notes");
		diagnose_follow_up(&fix, &notes, &engine, &ev, &dx, have_plan ? &plan : NULL, plan_error,
				   &policy);
	}
	for (size_t i = 0; i < engine.ndegraded; i++)
		add_degraded(&degraded, &ndegraded, xstrdup(engine.degraded[i]));
	if (fix.valid && fix.own_diff) {
		struct plan mine = PLAN_INIT;

		model_plan(&mine, &ev, &dx, have_plan ? &plan : NULL, &fix);
		if (policy_check(&policy, &mine) < 0) {
			add_degraded(&degraded, &ndegraded,
				     xasprintf("remediation: the model's fix was refused: %s; %s", err_last(),
					       have_plan ? "the offline plan was used" : "no fix could be planned"));
			err_clear();
			plan_release(&mine);
		} else {
			plan_release(&plan);
			plan = mine;
			have_plan = true;
		}
	}
	if (!have_plan) {
		add_degraded(&degraded, &ndegraded, xasprintf("remediation: %s", plan_error));
		err_set(ERR_FAIL, "%s", plan_error);
		if ((error = escalation_plan(&plan, &ev)) < 0)
			goto done;
	}
	progress("%s: %s%s", category_name(dx.category), remediation_name(plan.type),
		 dx.blame_pr ? "" : " (no pull request to blame)");
	if ((error = policy_check(&policy, &plan)) < 0)
		goto done;
	if ((error = artifacts_render(&art, &ev, &dx, &plan)) < 0)
		goto done;
	if (notes.valid)
		add_notes(&art, &notes, engine.model_name);
	if ((error = policy_check_path(&policy, art.runbook_path)) < 0 ||
	    (error = policy_check_path(&policy, art.rules_path)) < 0 ||
	    (error = policy_check_path(&policy, art.recommendations_path)) < 0)
		goto done;
	if (!o->dry_run) {
		sandbox = sys_path_join(tmp, "sandbox");
		popts.repo_path = o->repo_path;
		popts.sandbox_dir = sandbox;
		progress("committing and publishing");
		if ((error = publish_run(&pub, &popts, &ev, &dx, &plan, &art)) < 0)
			goto done;
		published = true;
		for (size_t i = 0; i < pub.ndegraded; i++)
			add_degraded(&degraded, &ndegraded, xstrdup(pub.degraded[i]));
		if (!o->repo_path) {
			free(pub.repo_dir);
			pub.repo_dir = sys_path_join(final, "sandbox");
		}
	}
	res = result_build(&ev, &dx, &plan, &art, published ? &pub : NULL, degraded, &engine);
	result_path = sys_path_join(tmp, "result.json");
	if ((error = jsonx_write_file(result_path, res)) < 0 || (error = finish_out(tmp, final)) < 0)
		goto done;
	free(tmp);
	tmp = NULL;
	*result = res;
	res = NULL;
	*out_path = final;
	final = NULL;
	error = ndegraded ? ERR_FAIL : 0;
	if (ndegraded)
		err_set(ERR_FAIL, "the incident was handled, but %zu step%s degraded (see 'degraded' in "
			"the result)", ndegraded, ndegraded == 1 ? "" : "s");
done:
	if (tmp) {
		/* Keep the message of what failed, not of the clean-up. */
		char *message = xstrdup(err_last());
		int code = err_last_code();

		sys_remove_tree(tmp);
		err_set(code, "%s", message);
		free(message);
	}
	free(tmp);
	free(final);
	free(sandbox);
	free(result_path);
	json_decref(res);
	sys_free_list(degraded);
	publish_result_release(&pub);
	artifacts_release(&art);
	policy_release(&policy);
	plan_release(&plan);
	diagnosis_release(&dx);
	diagnose_fix_release(&fix);
	diagnose_notes_release(&notes);
	diagnose_engine_release(&engine);
	free(plan_error);
	github_free(ev.gh);
	evidence_release(&ev);
	incident_release(&inc);
	return error;
}
