#include "common.h"
#include "core/pipeline.h"
#include "core/review.h"
#include "core/artifacts.h"
#include "core/blame.h"
#include "core/causal.h"
#include "core/offline.h"
#include "core/signals.h"
#include "util/patch.h"
#include "util/pathkind.h"
#include "core/diagnose.h"
#include "util/err.h"
#include "core/incident.h"
#include "util/jsonx.h"
#include "core/kb.h"
#include "core/lifecycle.h"
#include "core/policy.h"
#include "core/publish.h"
#include "util/redact.h"
#include "core/remediate.h"
#include "core/result.h"
#include "util/sys.h"
#include "util/text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

static bool quiet;

/* A step starts (NULL: the run ends): the caller's hook, for Actions log groups. */
static void step(const struct pipeline_opts *o, const char *name)
{
	if (!quiet && o->on_step)
		o->on_step(name);
}

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

/* Diffs read at most; the blame ranking needs each diff it ranks. */
#define MAX_DIFFS 30

static int merged_last_first(const void *a, const void *b)
{
	const struct github_pull *x = *(const struct github_pull *const *)a;
	const struct github_pull *y = *(const struct github_pull *const *)b;

	return (x->merged_at < y->merged_at) - (x->merged_at > y->merged_at);
}

/*
 * Keep MAX_DIFFS of the n pull requests, in their order: the ones merged last before
 * the alert, then those merged after it (they cannot have caused it, but the result
 * says so).
 */
static size_t cap_pulls(struct github_pull *pulls, size_t n, time_t fired_at)
{
	struct github_pull **order = xcalloc(n + 1, sizeof(*order));
	bool *keep = xcalloc(n + 1, sizeof(*keep));
	size_t k = 0, m = 0;

	for (size_t i = 0; i < n; i++)
		order[i] = &pulls[i];
	qsort(order, n, sizeof(*order), merged_last_first);
	for (size_t i = 0; i < n && k < MAX_DIFFS; i++)
		if (order[i]->merged_at <= fired_at) {
			keep[order[i] - pulls] = true;
			k++;
		}
	for (size_t i = 0; i < n && k < MAX_DIFFS; i++)
		if (!keep[order[i] - pulls]) {
			keep[order[i] - pulls] = true;
			k++;
		}
	for (size_t i = 0; i < n; i++) {
		if (keep[i])
			pulls[m++] = pulls[i];
		else
			github_pull_release(&pulls[i]);
	}
	free(order);
	free(keep);
	return m;
}

/*
 * The merged pull requests (those of the window before the alert when `since` is set)
 * and their diffs, fetched concurrently. A diff that cannot be read leaves its pull
 * request without one, and a note.
 */
static int load_pulls(struct evidence *ev, time_t since)
{
	struct github_pull *pulls = NULL;
	struct github_pull_diff *diffs = NULL;
	size_t n = 0, all;
	int error;

	error = since ? github_merged_pulls_window(&pulls, &n, ev->gh, since, 0)
		      : github_merged_pulls(&pulls, &n, ev->gh);
	if (error < 0)
		return error;
	all = n;
	if (n > MAX_DIFFS) {
		n = cap_pulls(pulls, n, ev->inc->fired_at);
		evidence_note(ev, "%zu pull requests were merged in the window; the %zu merged last before "
			      "the alert were ranked", all, n);
	}
	diffs = xcalloc(n + 1, sizeof(*diffs));
	for (size_t i = 0; i < n; i++)
		diffs[i].number = pulls[i].number;
	github_fetch_diffs(diffs, n, ev->gh, 8);
	err_clear();
	ev->pulls = xcalloc(n + 1, sizeof(*ev->pulls));
	for (size_t i = 0; i < n; i++) {
		struct pull *p = &ev->pulls[ev->npulls++];

		p->meta = pulls[i];
		if (diffs[i].error < 0) {
			evidence_note(ev, "pull request #%d: %s", p->meta.number, diffs[i].message);
		} else if (pull_load_diff(p, diffs[i].diff.ptr, diffs[i].diff.len) < 0) {
			evidence_note(ev, "pull request #%d: %s", p->meta.number, err_last());
			err_clear();
		}
	}
	github_pull_diffs_release(diffs, n);
	free(diffs);
	free(pulls); /* the members moved into ev->pulls */
	if (!n)
		evidence_note(ev, "no merged pull requests were found%s: nothing to blame",
			      since ? " in the window before the alert" : "");
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

/* The window of merged pull requests to rank: live only; the recorded state is all of it. */
static time_t window_start(const struct evidence *ev, const struct pipeline_opts *o)
{
	int hours = o->window_hours > 0 ? o->window_hours : ev->tuning->window_hours;

	if (o->window_hours < 0)
		return 0; /* recorded state: every merged pull request */
	return ev->inc->fired_at - (time_t)hours * 3600;
}

/*
 * The knowledge base: kb_path when it exists; live, else the repository's own
 * knowledge-base/incidents.md (the checkout's, or through the contents API).
 */
static int load_kb(struct evidence *ev, const struct pipeline_opts *o)
{
	struct buf text = BUF_INIT;
	const char *origin = o->kb_path;
	int error = ERR_NOTFOUND;

	buf_init(&text, KB_FILE_MAX);
	if (o->kb_path)
		error = sys_read_file(&text, o->kb_path, KB_FILE_MAX);
	if (error == ERR_NOTFOUND) {
		err_clear();
		buf_reset(&text);
		origin = "knowledge-base/incidents.md";
		error = ev->gh->ops->read_file(&text, ev->gh, origin);
	}
	if (error == ERR_NOTFOUND) {
		err_clear();
		error = 0;
	} else if (error == 0 && (error = kb_parse(&ev->kb, text.ptr, text.len, origin)) == 0) {
		ev->kb_text = buf_detach(&text);
		for (size_t i = 0; i < ev->kb.nskipped; i++) {
			progress("warning: %s: %s", origin, ev->kb.skipped[i]);
			evidence_note(ev, "the knowledge base (%s) %s", origin, ev->kb.skipped[i]);
		}
	}
	buf_release(&text);
	return error;
}

/*
 * A re-run finds its own entry in the knowledge base: it is not a similar past
 * incident. Keep at most `max` others.
 */
static void drop_self(struct evidence *ev, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ev->nsimilar; i++) {
		const char *fp = ev->similar[i].entry->fingerprint;

		if (n < max && !(fp && !strcmp(fp, ev->inc->fingerprint)))
			ev->similar[n++] = ev->similar[i];
		else
			free(ev->similar[i].why);
	}
	ev->nsimilar = n;
}

/* A log timestamp ("2026-04-24 18:21:11,123", "2026/04/24T18:21:11Z") as UTC, or 0. */
static time_t log_time(const char *ts)
{
	char iso[24];
	time_t t;

	if (strlen(ts) < 19)
		return 0;
	memcpy(iso, ts, 19);
	iso[4] = iso[7] = '-';
	iso[10] = 'T';
	memcpy(iso + 19, "Z", 2);
	if (sys_parse_time(&t, iso) < 0) {
		err_clear();
		return 0;
	}
	return t;
}

/*
 * When the failure began: the first error of a kind that repeats, or the first stack
 * trace (a lone early error line is background noise), of the kinds that carry at least
 * 1/ONSET_SHARE of the most frequent one's count (a token expiring now and then before
 * the incident is no onset of the 500s that follow). 0 when the logs carry no usable
 * time or their clock disagrees with the alert's by more than a week.
 */
#define ONSET_SHARE 5
static time_t failure_onset(const struct digest *d, time_t fired_at)
{
	time_t best = 0, t;
	size_t top = 2;

	for (size_t i = 0; i < d->ntemplates; i++)
		if (d->templates[i].level == DIGEST_ERROR && d->templates[i].count > top)
			top = d->templates[i].count;
	for (size_t i = 0; i < d->ntraces; i++)
		top = d->traces[i].count > top ? d->traces[i].count : top;
	for (size_t i = 0; i < d->ntemplates; i++)
		if (d->templates[i].level == DIGEST_ERROR && d->templates[i].count >= 2 &&
		    d->templates[i].count * ONSET_SHARE >= top &&
		    (t = log_time(d->templates[i].first_ts)) && (!best || t < best))
			best = t;
	for (size_t i = 0; i < d->ntraces; i++)
		if (d->traces[i].count * ONSET_SHARE >= top && (t = log_time(d->traces[i].first_ts)) &&
		    (!best || t < best))
			best = t;
	if (!best)
		best = log_time(d->first_error_ts);
	if (best && (best > fired_at + 3600 || fired_at - best > 7 * 86400))
		return 0;
	return best;
}

struct deploy {
	time_t at;
	time_t cutoff; /* merge time of the pull request whose merge commit it deployed */
};

static int by_deploy_time(const void *a, const void *b)
{
	const struct deploy *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The deployments of the alert's environment (all of them when none names it). */
static size_t read_deploys(struct deploy *out, json_t *list, const struct evidence *ev, bool env_only)
{
	size_t n = 0, i;
	json_t *d;

	json_array_foreach(list, i, d) {
		const char *sha = jsonx_str(d, "sha"), *env = jsonx_str(d, "environment");
		const char *at = jsonx_str(d, "created_at");
		time_t t;

		if (!sha || !at || sys_parse_time(&t, at) < 0) {
			err_clear();
			continue;
		}
		if (env_only && !(env && ev->inc->environment && !strcasecmp(env, ev->inc->environment)))
			continue;
		for (size_t k = 0; k < ev->npulls; k++)
			if (ev->pulls[k].meta.merge_commit_sha && !strcmp(ev->pulls[k].meta.merge_commit_sha, sha))
				out[n++] = (struct deploy){t, ev->pulls[k].meta.merged_at};
	}
	return n;
}

/*
 * Which deployment shipped each pull request: the first one (in time) whose deployed
 * merge commit is at least as new as the pull request's. History is taken as linear.
 */
static void map_deployments(struct evidence *ev)
{
	json_t *list = NULL;
	struct deploy *deps;
	size_t n;

	if (ev->gh->ops->list_deployments(&list, ev->gh) < 0) {
		evidence_note(ev, "deployments could not be read: %s", err_last());
		err_clear();
		return;
	}
	deps = xcalloc(json_array_size(list) + 1, sizeof(*deps));
	if (!(n = read_deploys(deps, list, ev, true)))
		n = read_deploys(deps, list, ev, false);
	qsort(deps, n, sizeof(*deps), by_deploy_time);
	if (n) {
		ev->deployed = xcalloc(ev->npulls + 1, sizeof(*ev->deployed));
		for (size_t k = 0; k < ev->npulls; k++) {
			ev->deployed[k] = -1;
			for (size_t j = 0; j < n && ev->deployed[k] < 0; j++)
				if (deps[j].cutoff >= ev->pulls[k].meta.merged_at)
					ev->deployed[k] = deps[j].at;
		}
	}
	free(deps);
	json_decref(list);
}

/*
 * Whether the default branch still uses a name: its code and configuration files are
 * read once, on the first question (at most REPO_SCAN_FILES files, REPO_SCAN_BYTES).
 */
#define REPO_SCAN_FILES 300
#define REPO_SCAN_BYTES (8u << 20)

struct repo_scan {
	struct evidence *ev;
	struct buf text;
	bool loaded;
};

static bool repo_uses(void *ctx, const char *name)
{
	struct repo_scan *r = ctx;
	struct buf one = BUF_INIT;

	for (size_t i = 0, n = 0; !r->loaded && i < r->ev->nfiles && n < REPO_SCAN_FILES; i++) {
		const char *path = r->ev->files[i];

		if (pathkind_is_test_or_doc(path) || !pathkind_is_source_or_config(path))
			continue;
		n++;
		buf_reset(&one);
		if (r->ev->gh->ops->read_file(&one, r->ev->gh, path) < 0) {
			err_clear();
			continue;
		}
		if (r->text.len + one.len > REPO_SCAN_BYTES)
			break;
		buf_puts(&r->text, one.ptr);
		buf_puts(&r->text, "\n");
	}
	buf_release(&one);
	r->loaded = true;
	return r->text.ptr && text_has_token(r->text.ptr, name);
}

/* The raw logs, read once on the first question (the first RAW_LOG_MAX bytes). */
#define RAW_LOG_MAX (64u << 20)

struct raw_logs {
	const char *path;
	struct buf text;
	bool loaded;
};

static bool raw_logs_have(void *ctx, const char *token)
{
	struct raw_logs *r = ctx;

	if (!r->loaded && r->path) {
		struct buf all = BUF_INIT;

		buf_init(&all, RAW_LOG_MAX);
		if (sys_read_file(&all, r->path, RAW_LOG_MAX) < 0 && !all.len)
			err_clear();
		r->text = all;
		for (size_t i = 0; i < r->text.len; i++)
			if (!r->text.ptr[i])
				r->text.ptr[i] = ' ';
	}
	r->loaded = true;
	for (const char *p = strstr(r->text.ptr, token); p; p = strstr(p + 1, token)) {
		size_t n = strlen(token);

		/* a version glued to a name counts ("python3.12"), one inside a number does not */
		if ((p == r->text.ptr || (!isdigit((unsigned char)p[-1]) && p[-1] != '.')) &&
		    !isdigit((unsigned char)p[n]))
			return true;
	}
	return false;
}

static int read_repo_file(void *ctx, const char *path, struct buf *out)
{
	struct evidence *ev = ctx;

	return ev->gh->ops->read_file(out, ev->gh, path);
}

/* The suspects: causal rules over every diff, on the timeline of onset and deployments. */
static void rank_suspects(struct evidence *ev, const char *logs_path)
{
	struct raw_logs raw = {logs_path, BUF_INIT, false};
	struct causal_context c = {0};
	struct repo_scan scan = {ev, BUF_INIT, false};
	struct signal *sigs = NULL;
	struct buf sources = BUF_INIT;
	size_t nsigs = 0, nlocs = 0;
	struct frame_location *locs = blame_trace_locations(&nlocs, &ev->digest);
	struct blame_input in = {ev->inc, &ev->digest, ev->pulls, ev->npulls, &c, 0, NULL, ev->tuning};

	causal_context_init(&c, &ev->digest);
	signals_find(&sigs, &nsigs, &ev->digest);
	for (size_t i = 0; i < nsigs && i + 1 < ARRAY_SIZE(c.symptoms); i++)
		c.symptoms[i] = sigs[i].name;
	for (size_t i = 0; i < ev->nsources; i++)
		buf_puts(&sources, ev->sources[i].text);
	c.sources = sources.ptr;
	c.service = ev->inc->service;
	c.locs = locs;
	c.nlocs = nlocs;
	c.repo_uses = repo_uses;
	c.repo_ctx = &scan;
	c.raw_logs_have = raw_logs_have;
	c.raw_ctx = &raw;
	c.read_file = read_repo_file;
	c.read_ctx = ev;
	ev->onset = failure_onset(&ev->digest, ev->inc->fired_at);
	map_deployments(ev);
	in.onset = ev->onset;
	in.deployed = ev->deployed;
	blame_rank(&ev->suspects, &ev->nsuspects, &in);
	signals_free(sigs, nsigs);
	free(locs);
	buf_release(&sources);
	buf_release(&scan.text);
	buf_release(&raw.text);
	causal_context_release(&c);
}

static int gather(struct evidence *ev, const struct pipeline_opts *o)
{
	json_t *repo = NULL;
	const char *s;
	char *query = NULL;
	int error;

	if (!ev->tuning)
		ev->tuning = &tuning_defaults;
	progress("digesting logs");
	if ((error = load_logs(ev, o->logs_path)) < 0)
		return error;
	if ((error = ev->gh->ops->get_repo(&repo, ev->gh)) < 0)
		return error;
	ev->default_branch = xstrdup((s = jsonx_str(repo, "default_branch")) ? s : "main");
	ev->repo_name = xstrdup((s = jsonx_str(repo, "full_name")) ? s : "local/repository");
	ev->repo_url = xstrdup((s = jsonx_str(repo, "html_url")) ? s : "");
	json_decref(repo);
	if (incident_kind_blames_code(ev->inc->kind)) {
		progress("reading merged pull requests");
		if ((error = load_pulls(ev, window_start(ev, o))) < 0)
			return error;
	} else { /* a budget, a platform or security event: no code change can be its cause */
		progress("a %s alert: no pull request is a suspect", incident_kind_name(ev->inc->kind));
	}
	blame_evidence_terms(&ev->terms, &ev->digest, ev->inc);
	if ((error = ev->gh->ops->list_files(&ev->files, &ev->nfiles, ev->gh)) < 0)
		return error;
	read_sources(ev);
	rank_suspects(ev, o->logs_path);
	if ((error = load_kb(ev, o)) < 0)
		return error;
	query = recall_query(ev);
	kb_recall(&ev->similar, &ev->nsimilar, &ev->kb, query, ev->inc->service, 4, 0.05);
	free(query);
	drop_self(ev, 3);
	return 0;
}

/*
 * The safety policy: policy_path when it exists; live, else the repository's own
 * .github/aiops-agent.yml (the checkout's, or through the contents API), copied to
 * `scratch` for the parser. Defaults when there is none.
 */
static int load_policy(struct policy *policy, struct github *gh, const struct pipeline_opts *o,
		       const char *scratch)
{
	if (o->policy_path && sys_is_file(o->policy_path))
		return policy_load(policy, o->policy_path);
	return policy_load_repo(policy, gh, scratch);
}

int pipeline_evidence(struct evidence *ev, struct incident *inc, const struct pipeline_opts *o,
		      const char *out_dir)
{
	char *note = NULL;
	int error;

	quiet = o->quiet;
	ev->inc = inc;
	if ((error = incident_load(inc, o->alert_path)) < 0 ||
	    (error = o->github->open(&ev->gh, &note, o->github, out_dir)) < 0)
		return error;
	free(note);
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

/*
 * The model's runbook notes are its words: reviewed text (review.h), shown in the fix
 * pull request, or in the issue when there is no fix branch; never in the runbook or the
 * recommendations committed to the default branch.
 */
static void add_notes(struct artifacts *art, const struct diagnose_notes *n, const char *model,
		      bool fix_branch)
{
	struct buf section = BUF_INIT;

	review_render(&section, model, (const char *const *)n->first_checks,
		      (const char *const *)n->prevention, n->customer_impact);
	if (section.len)
		artifacts_suggest(art, section.ptr, fix_branch);
	buf_release(&section);
}

/*
 * A run that was killed leaves its hidden work folder behind: remove those an hour old
 * or more (a younger one may belong to a run going on now).
 */
static void sweep_stale(const char *out_dir)
{
	DIR *d = opendir(out_dir);
	struct dirent *e;
	time_t now = time(NULL);

	while (d && (e = readdir(d))) {
		struct stat st;
		char *path;

		if (e->d_name[0] != '.' || !strstr(e->d_name, ".tmp-"))
			continue;
		path = sys_path_join(out_dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && difftime(now, st.st_mtime) >= 3600 &&
		    sys_remove_tree(path) < 0)
			err_clear(); /* a folder we cannot remove is no reason to stop */
		free(path);
	}
	if (d)
		closedir(d);
}

static int prepare_out(char **tmp, const char *out_dir, const char *id)
{
	char *tmpl;

	if (sys_mkdir_p(out_dir, 0755) < 0 || access(out_dir, W_OK) < 0)
		return err_set(ERR_IO, "cannot write to the output folder '%s': %s", out_dir,
			       errno ? strerror(errno) : err_last());
	sweep_stale(out_dir);
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

/* What publishing needs to reach the remote: its URL, the token, the REST client. */
static void remote_opts(struct publish_opts *popts, char **url, const struct evidence *ev,
			const struct pipeline_opts *o)
{
	const char *token = NULL;

	if (ev->gh->ops->remote(url, &token, ev->gh, o->github_server_url) < 0) {
		err_clear(); /* no remote: the git work stays local */
		return;
	}
	popts->remote_url = *url;
	popts->remote_token = token;
	popts->issue_wait_ms = o->issue_wait_ms;
}

/* Everything one run holds, released in one place (run_release). */
struct run {
	const struct pipeline_opts *o;
	struct incident inc;
	struct evidence ev;
	struct diagnosis dx;
	struct plan plan;
	struct policy policy;
	struct artifacts art;
	struct publish_result pub;
	struct publish_opts popts;
	struct diagnose_engine engine;
	struct diagnose_fix fix;
	struct diagnose_notes notes;
	char *plan_error;
	char *refusal;      /* the safety policy refused the plan: issue only, exit 4 */
	bool have_plan, published;
	const char *out_dir;
	char *tmp, *final, *sandbox, *remote_url;
	char **degraded, **planned;
	size_t ndegraded;
};

/* Intake, the output folder, GitHub, the policy and the engine. */
static int run_open(struct run *r)
{
	const struct pipeline_opts *o = r->o;
	char *note = NULL;
	int error;

	step(o, "load");
	if ((error = incident_load(&r->inc, o->alert_path)) < 0)
		return error;
	progress("incident %s (%s, %s) on %s", r->inc.id, incident_severity_name(r->inc.severity),
		 incident_format_name(r->inc.format), r->inc.service);
	if ((error = prepare_out(&r->tmp, r->out_dir, r->inc.id)) < 0)
		return error;
	r->final = xasprintf("%s/%s", r->out_dir, r->inc.id);
	r->ev.inc = &r->inc;
	if (o->github->name)
		progress("reading %s", o->github->name);
	error = o->github->open(&r->ev.gh, &note, o->github, r->tmp);
	if (note)
		add_degraded(&r->degraded, &r->ndegraded, note);
	if (error < 0 || (error = load_policy(&r->policy, r->ev.gh, o, r->tmp)) < 0 ||
	    (error = diagnose_engine_init(&r->engine, o->model)) < 0)
		return error;
	r->engine.actions = r->policy.actions;
	r->engine.max_files = r->policy.max_files;
	r->engine.prompts_dir = o->prompts_dir;
	r->ev.tuning = &r->policy.tuning;
	return 0;
}

/* The model's own fix replaces the offline plan when it passes the policy. */
static void adopt_model_fix(struct run *r)
{
	struct plan mine = PLAN_INIT;
	char **scope = evidence_fix_scope(&r->ev, r->dx.blame_pr);
	int refused;

	model_plan(&mine, &r->ev, &r->dx, r->have_plan ? &r->plan : NULL, &r->fix);
	refused = policy_check_model(&r->policy, &mine, scope) < 0;
	sys_free_list(scope);
	if (refused) {
		add_degraded(&r->degraded, &r->ndegraded,
			     xasprintf("remediation: the model's fix was refused: %s; %s", err_last(),
				       r->have_plan ? "the offline plan was used" : "no fix could be planned"));
		err_clear();
		plan_release(&mine);
		return;
	}
	plan_release(&r->plan);
	r->plan = mine;
	r->have_plan = true;
}

/* Evidence, diagnosis and the plan (the model's follow-ups when a model diagnosed). */
static int run_diagnose(struct run *r)
{
	int error;

	step(r->o, "evidence");
	if ((error = gather(&r->ev, r->o)) < 0)
		return error;
	step(r->o, "diagnose");
	progress("diagnosing with %s (%zu pull requests, %zu log lines)",
		 r->engine.model ? r->engine.model_name : "the offline engine", r->ev.npulls,
		 r->ev.digest.lines);
	if ((error = diagnose_run(&r->dx, &r->ev, &r->engine)) < 0)
		return error;
	if (!(r->have_plan = remediate_plan(&r->plan, &r->ev, &r->dx) == 0)) {
		r->plan_error = xstrdup(err_last());
		err_clear();
	}
	if (r->engine.model && !strcmp(r->dx.engine, "model")) {
		progress(diagnose_writes_diff(r->dx.remediation)
				 ? "asking for the fix and the runbook notes (concurrently)"
				 : "asking for the runbook notes");
		diagnose_follow_up(&r->fix, &r->notes, &r->engine, &r->ev, &r->dx,
				   r->have_plan ? &r->plan : NULL, r->plan_error, &r->policy);
	}
	for (size_t i = 0; i < r->engine.ndegraded; i++)
		add_degraded(&r->degraded, &r->ndegraded, xstrdup(r->engine.degraded[i]));
	if (r->fix.valid && r->fix.own_diff)
		adopt_model_fix(r);
	if (!r->have_plan) {
		add_degraded(&r->degraded, &r->ndegraded, xasprintf("remediation: %s", r->plan_error));
		err_set(ERR_FAIL, "%s", r->plan_error);
		if ((error = escalation_plan(&r->plan, &r->ev)) < 0)
			return error;
	}
	return 0;
}

/*
 * The safety policy refused the plan: the incident still gets its issue, with the
 * diagnosis and the refused plan, and nothing else is written (the run exits 4).
 */
static int refuse_plan(struct run *r)
{
	char *why = xstrdup(err_last()), *refused = xasprintf("%s", remediation_name(r->plan.type));
	int error;

	err_clear();
	plan_release(&r->plan);
	if ((error = escalation_plan(&r->plan, &r->ev)) < 0)
		goto done;
	free(r->plan.description);
	r->plan.description = xasprintf("No automated change: the planned %s was %s. Only this issue "
					"is opened; a person decides.", refused, why);
	r->refusal = xasprintf("%s; only the issue is opened", why);
	add_degraded(&r->degraded, &r->ndegraded, xasprintf("remediation: %s", r->refusal));
	progress("%s: only the issue is opened", why);
done:
	free(why);
	free(refused);
	return error;
}

/* The policy on the plan, then the artifacts and the policy on their paths. */
static int run_artifacts(struct run *r)
{
	int error;

	step(r->o, "plan");
	progress("%s: %s%s", category_name(r->dx.category), remediation_name(r->plan.type),
		 r->dx.blame_pr ? "" : " (no pull request to blame)");
	if (policy_check(&r->policy, &r->plan) < 0 && (error = refuse_plan(r)) < 0)
		return error;
	policy_bind_dispatch(&r->policy, &r->plan);
	if ((error = artifacts_render(&r->art, &r->ev, &r->dx, &r->plan)) < 0)
		return error;
	if (r->notes.valid)
		add_notes(&r->art, &r->notes, r->engine.model_name, r->plan.branch != NULL && !r->refusal);
	if ((error = policy_check_path(&r->policy, r->art.runbook_path)) < 0 ||
	    (error = policy_check_path(&r->policy, r->art.rules_path)) < 0 ||
	    (error = policy_check_path(&r->policy, r->art.recommendations_path)) < 0)
		return error;
	return 0;
}

/* Git and GitHub (or, with --dry-run, what would be done). */
static int run_publish(struct run *r)
{
	const struct pipeline_opts *o = r->o;
	int error;

	step(o, "publish");
	remote_opts(&r->popts, &r->remote_url, &r->ev, o);
	if (o->dry_run) {
		r->planned = publish_plan(&r->ev, &r->plan, &r->art, r->popts.remote_url != NULL);
		return 0;
	}
	r->sandbox = sys_path_join(r->tmp, "sandbox");
	r->popts.issue_only = r->refusal != NULL;
	r->popts.repo_path = o->repo_path;
	r->popts.sandbox_dir = r->sandbox;
	progress(r->popts.remote_url ? "committing, pushing and publishing to %s" : "committing and publishing%s",
		 r->popts.remote_url ? r->ev.repo_name : "");
	if ((error = publish_run(&r->pub, &r->popts, &r->ev, &r->dx, &r->plan, &r->art)) < 0)
		return error;
	r->published = true;
	for (size_t i = 0; i < r->pub.ndegraded; i++)
		add_degraded(&r->degraded, &r->ndegraded, xstrdup(r->pub.degraded[i]));
	if (!o->repo_path && r->popts.remote_url) {
		/* a clone of the repository: the result points at the repository instead */
		sys_remove_tree(r->sandbox);
		err_clear();
		free(r->pub.repo_dir);
		r->pub.repo_dir = xstrdup(*r->ev.repo_url ? r->ev.repo_url : r->ev.repo_name);
	} else if (!o->repo_path) {
		free(r->pub.repo_dir);
		r->pub.repo_dir = sys_path_join(r->final, "sandbox");
	}
	return 0;
}

/* The result, written and renamed into place; the run's status and message. */
static int run_finish(struct run *r, json_t **result, char **out_path)
{
	json_t *res = result_build(&r->ev, &r->dx, &r->plan, &r->art, r->published ? &r->pub : NULL,
				   r->degraded, &r->engine);
	char *path = sys_path_join(r->tmp, "result.json");
	int error;

	json_object_set_new(res, "planned", r->planned ? json_array() : json_null());
	for (size_t i = 0; r->planned && r->planned[i]; i++)
		json_array_append_new(json_object_get(res, "planned"), json_string(r->planned[i]));
	/* titles, answers and notes are untrusted text: the last pass before they leave */
	redact_json(res);
	error = jsonx_write_file(path, res);
	free(path);
	if (error < 0 || (error = finish_out(r->tmp, r->final)) < 0) {
		json_decref(res);
		return error;
	}
	free(r->tmp);
	r->tmp = NULL;
	*result = res;
	*out_path = r->final;
	r->final = NULL;
	if (r->pub.unreachable)
		return err_set(ERR_NET, "GitHub could not be reached, so publishing stopped; what was "
			       "created is listed in '%s/result.json' and a re-run completes the rest", *out_path);
	if (r->refusal)
		return err_set(ERR_POLICY, "%s", r->refusal);
	if (r->ndegraded)
		return err_set(ERR_FAIL, "the incident was handled, but %zu step%s degraded (see 'degraded' "
			       "in the result)", r->ndegraded, r->ndegraded == 1 ? "" : "s");
	return 0;
}

/* A resolved alert or a notice: the issue closed (or nothing), the result written. */
static int run_lifecycle(struct run *r, json_t **result, char **out_path)
{
	char *path = sys_path_join(r->tmp, "result.json");
	json_t *res = NULL;
	int error;

	step(r->o, "lifecycle");
	progress("the alert is %s: no diagnosis, nothing committed", r->inc.status);
	if ((error = lifecycle_run(&res, r->ev.gh, &r->inc, r->o->dry_run)) == 0 &&
	    (error = jsonx_write_file(path, res)) == 0 && (error = finish_out(r->tmp, r->final)) == 0) {
		free(r->tmp);
		r->tmp = NULL;
		progress("%s", jsonx_str(res, "action"));
		*result = res;
		res = NULL;
		*out_path = r->final;
		r->final = NULL;
	}
	json_decref(res);
	free(path);
	return error;
}

static void run_release(struct run *r)
{
	if (r->tmp)
		sys_discard_tree(r->tmp); /* the message of what failed, not of the clean-up */
	free(r->tmp);
	free(r->final);
	free(r->sandbox);
	free(r->remote_url);
	sys_free_list(r->degraded);
	sys_free_list(r->planned);
	publish_result_release(&r->pub);
	artifacts_release(&r->art);
	policy_release(&r->policy);
	plan_release(&r->plan);
	diagnosis_release(&r->dx);
	diagnose_fix_release(&r->fix);
	diagnose_notes_release(&r->notes);
	diagnose_engine_release(&r->engine);
	free(r->plan_error);
	free(r->refusal);
	github_free(r->ev.gh);
	evidence_release(&r->ev);
	incident_release(&r->inc);
}

int pipeline_run(json_t **result, char **out_path, const struct pipeline_opts *o)
{
	struct run r = {0};
	int error;

	quiet = o->quiet;
	r.o = o;
	r.inc = (struct incident)INCIDENT_INIT;
	r.plan = (struct plan)PLAN_INIT;
	r.policy = (struct policy)POLICY_INIT;
	r.art = (struct artifacts)ARTIFACTS_INIT;
	r.engine = (struct diagnose_engine)DIAGNOSE_ENGINE_INIT;
	r.out_dir = o->out_dir ? o->out_dir : "out";
	if ((error = run_open(&r)) == 0 && lifecycle_applies(&r.inc))
		error = run_lifecycle(&r, result, out_path);
	else if (error == 0 && (error = run_diagnose(&r)) == 0 &&
		 (error = run_artifacts(&r)) == 0 && (error = run_publish(&r)) == 0)
		error = run_finish(&r, result, out_path);
	step(o, NULL);
	run_release(&r);
	return error;
}
