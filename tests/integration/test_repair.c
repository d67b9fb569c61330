/*
 * `repair` end to end: the real binary against the GitHub double (OpenAPI-checked, real
 * git smart-HTTP), which here also holds workflow runs, their jobs, and job logs behind a
 * 302 to a second loopback listener (the storage host; it records what it was sent).
 *
 * Each test starts a double on scenario-2's repository (Flyway migrations V1..V4), opens
 * a fix pull request on it through the double's control endpoint (the agent's own:
 * labelled aiops-generated, the hidden fingerprint block in its body, or not), adds a
 * failed run with a real-shaped Actions log (tests/fixtures/repair/), and runs
 * `aiops-agent repair --pr N --run-id ID --json`.
 */
#include "common.h"
#include "harness.h"
#include "github_double.h"
#include "model_double.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <sys/wait.h>
#include <unistd.h>

#define TOKEN "ghs_repairTestToken0123456789abcdefABCDEF"
#define BRANCH "fix/inc-2026-schema-drift"
#define MIGRATIONS "src/main/resources/db/migration/"
#define ADDED MIGRATIONS "V4__restore_book_stock_default.sql"
#define RENAMED MIGRATIONS "V5__restore_book_stock_default.sql"
#define FINGERPRINT "<!-- aiops-fingerprint: 5f1c0ffee0ddba11c0ffee0ddba11c0ffee0ddba11c0ffee0ddba11c0ffee0d -->"

#define SCRUB HARNESS_SCRUB "AIOPS_GITHUB_TIMEOUT=60 "

static int up(struct gh_double *d)
{
	char *dir = xasprintf("%s/incidents/scenario-2-500-schema-drift", harness_root());
	const char *args[] = {"--scenario", dir, "--token", TOKEN, "--workflow", "ci.yml", NULL};
	int error = gh_double_up(d, args);

	free(dir);
	return error;
}

/* The fix pull request adding ADDED with `sql`: ours (label and fingerprint block) or somebody else's. */
static int open_pull_with(struct gh_double *d, bool ours, const char *sql)
{
	json_t *req = json_pack("{s:s, s:s, s:s, s:{s:s}, s:[s]}", "head", BRANCH, "title",
				"Fix: restore the book stock default",
				"body", ours ? "## Root cause\n\nThe stock column lost its default.\n\n" FINGERPRINT "\n"
					     : "A person's pull request.\n",
				"files", ADDED, sql,
				"labels", ours ? "aiops-generated" : "bug");
	char *body;
	json_t *ans;
	int number;

	if (!ours)
		json_object_set_new(req, "user", json_string("a-person"));
	body = json_dumps(req, JSON_COMPACT);
	ans = gh_double_ctl(d, "POST", "pulls", body);
	number = (int)jsonx_int(ans, "number", 0);
	json_decref(ans);
	json_decref(req);
	free(body);
	return number;
}

static int open_pull(struct gh_double *d, bool ours)
{
	return open_pull_with(d, ours, "ALTER TABLE book ALTER COLUMN stock SET DEFAULT 0;\n");
}

/* A fixture log with "{V}" replaced by `version`; new string. */
static char *fixture_log(const char *name, const char *version)
{
	struct buf text = BUF_INIT, out = BUF_INIT;
	char *path = xasprintf("%s/tests/fixtures/repair/%s", harness_root(), name);

	if (sys_read_file(&text, path, 1 << 20) < 0)
		xdie("cannot read the fixture '%s'", path);
	for (const char *p = text.ptr; *p; p++) {
		if (!strncmp(p, "{V}", 3)) {
			buf_puts(&out, version);
			p += 2;
		} else if (buf_add(&out, p, 1) < 0) {
			break;
		}
	}
	buf_release(&text);
	free(path);
	return buf_detach(&out);
}

/* A failed run of the pull request's head with one job whose log is `log` (a JSON object); its id. */
static long long add_run(struct gh_double *d, int pr, json_t *log)
{
	json_t *req = json_pack("{s:s, s:i, s:s, s:[{s:s, s:s, s:o}]}", "head_branch", BRANCH,
				"pull_request", pr, "conclusion", "failure", "jobs", "name", "build",
				"conclusion", "failure", "log", log);
	char *body = json_dumps(req, JSON_COMPACT);
	json_t *ans = gh_double_ctl(d, "POST", "runs", body);
	long long id = jsonx_int(ans, "id", 0);

	json_decref(ans);
	json_decref(req);
	free(body);
	return id;
}

static long long add_text_run(struct gh_double *d, int pr, const char *fixture, const char *version)
{
	char *text = fixture_log(fixture, version);
	long long id = add_run(d, pr, json_pack("{s:s}", "text", text));

	free(text);
	return id;
}

struct agent {
	int status;
	json_t *res;
	struct buf out;
	long peak_kb;   /* the agent's own peak RSS (KiB): its result's peak_rss_kb (VmHWM) */
};

/*
 * Run `repair <args> --json` against the double, with the extra environment `env`
 * ("AIOPS_MODEL_URL=..."); without one, --offline (the workflow's GITHUB_TOKEN would
 * otherwise name GitHub Models).
 */
static void repair_env(struct agent *a, struct gh_double *d, const char *env, const char *args)
{
	char *errfile = xasprintf("%s/stderr", harness_tmpdir());
	char *outfile = xasprintf("%s/stdout", harness_tmpdir());
	struct buf err = BUF_INIT;

	memset(a, 0, sizeof(*a));
	a->out = (struct buf)BUF_INIT;
	a->status = harness_run(NULL, SCRUB "GITHUB_API_URL='%s' GITHUB_SERVER_URL='%s' GITHUB_REPOSITORY='%s' "
				"GITHUB_TOKEN='%s' %s '%s' repair --json %s %s >'%s' 2>'%s'", d->url, d->url,
				d->repository, TOKEN, env ? env : "", harness_bin(), env ? "" : "--offline", args,
				outfile, errfile);
	sys_read_file(&a->out, outfile, 1 << 20);
	sys_read_file(&err, errfile, 1 << 20);
	err_clear();
	if (jsonx_parse(&a->res, a->out.ptr, a->out.len, "the result") < 0) {
		fprintf(stderr, "    exit %d\n    stdout: %.2000s\n    stderr: %.2000s\n", a->status, a->out.ptr, err.ptr);
		err_clear();
	} else {
		/* not wait4's ru_maxrss: a child forked from this big test process inherits its
		 * high-water mark through exec; VmHWM starts at the agent's exec */
		a->peak_kb = (long)jsonx_int(a->res, "peak_rss_kb", 0);
		if (err.len)
			fprintf(stderr, "    stderr: %.1000s", err.ptr);
	}
	buf_release(&err);
	free(errfile);
	free(outfile);
}

static void repair(struct agent *a, struct gh_double *d, const char *args)
{
	repair_env(a, d, NULL, args);
}

static void agent_release(struct agent *a)
{
	json_decref(a->res);
	buf_release(&a->out);
}

static char *repair_args(int pr, long long run, const char *more)
{
	return xasprintf("--pr %d --run-id %lld %s", pr, run, more ? more : "");
}

/* A file of the double's repository at `rev` (git show); NULL when absent. */
static char *repo_file(struct gh_double *d, const char *rev, const char *path)
{
	struct buf out = BUF_INIT;
	int status = harness_run(&out, "git --git-dir='%s/repos/%s.git' show '%s:%s' 2>/dev/null",
				 jsonx_str(d->info, "workdir"), d->repository, rev, path);

	if (status != 0) {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static const char *branch_sha(json_t *state)
{
	return jsonx_str(json_object_get(state, "branches"), BRANCH);
}

/* The comments on pull request `pr`, joined. */
static char *comments_of(json_t *state, int pr)
{
	struct buf b = BUF_INIT;
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(state, "comments"), i, c)
		if (jsonx_int(c, "issue", 0) == pr)
			buf_putf(&b, "%s\n----\n", jsonx_str(c, "body"));
	return buf_detach(&b);
}

static bool pull_has_label(json_t *state, int pr, const char *label)
{
	json_t *p, *l;
	size_t i, j;

	json_array_foreach(json_object_get(state, "pulls"), i, p)
		if (jsonx_int(p, "number", 0) == pr)
			json_array_foreach(json_object_get(p, "labels"), j, l)
				if (!strcmp(json_string_value(l), label))
					return true;
	return false;
}

static size_t reruns(struct gh_double *d)
{
	json_t *ax = gh_double_ctl(d, "GET", "actions", NULL);
	size_t n = json_array_size(json_object_get(ax, "reruns"));

	json_decref(ax);
	return n;
}

TEST(repair, a_flyway_clash_is_renumbered_on_the_branch_with_a_comment)
{
	struct gh_double d;
	struct agent a;
	json_t *state = NULL;
	char *args = NULL, *moved = NULL, *gone = NULL, *comments = NULL, *parent = NULL;
	int pr;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, true);
	args = repair_args(pr, add_text_run(&d, pr, "flyway-duplicate-version.log", "4"), NULL);
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "fixed");
	ASSERT_STR_EQ(jsonx_str(a.res, "class"), "migration");
	ASSERT_STR_EQ(jsonx_str(a.res, "correction.rule"), "flyway-renumber");
	/* the pushed tree: the migration renamed to the next free version, same content */
	moved = repo_file(&d, BRANCH, RENAMED);
	gone = repo_file(&d, BRANCH, ADDED);
	ASSERT(moved && strstr(moved, "SET DEFAULT 0"));
	ASSERT(gone == NULL);
	parent = repo_file(&d, BRANCH "~1", ADDED);
	ASSERT(parent != NULL); /* a new commit on top of the fix: history kept */
	state = gh_double_state(&d);
	ASSERT_STR_EQ(branch_sha(state), jsonx_str(a.res, "commit"));
	comments = comments_of(state, pr);
	ASSERT_CONTAINS(comments, "attempt 1 of 2");
	ASSERT_CONTAINS(comments, "Found more than one migration with version 4");
	ASSERT_CONTAINS(comments, "V5__restore_book_stock_default.sql");
	ASSERT_CONTAINS(comments, "<!-- aiops-repair: {\"action\":\"fix\",\"attempt\":1,");
	ASSERT(pull_has_label(state, pr, "aiops-repair"));
	/* a GITHUB_TOKEN push starts no workflow: CI was dispatched on the branch */
	ASSERT_STR_EQ(jsonx_str(json_array_get(json_object_get(state, "dispatches"), 0), "workflow"), "ci.yml");
	ASSERT_STR_EQ(jsonx_str(json_array_get(json_object_get(state, "dispatches"), 0), "ref"), BRANCH);
	ASSERT_INT_EQ(reruns(&d), 0);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	free(comments);
	free(moved);
	free(gone);
	free(parent);
	free(args);
	agent_release(&a);
	gh_double_down(&d);
}

TEST(repair, the_same_failure_again_is_handed_over_without_a_push)
{
	struct gh_double d;
	struct agent a;
	json_t *state = NULL;
	char *args = NULL, *comments = NULL, *before = NULL;
	int pr;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, true);
	args = repair_args(pr, add_text_run(&d, pr, "flyway-duplicate-version.log", "4"), NULL);
	repair(&a, &d, args);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "fixed");
	agent_release(&a);
	free(args);
	state = gh_double_state(&d);
	before = xstrdup(branch_sha(state));
	json_decref(state);
	/* CI on the corrected head fails the same way (now with version 5) */
	args = repair_args(pr, add_text_run(&d, pr, "flyway-duplicate-version.log", "5"), NULL);
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "handed_over");
	ASSERT_CONTAINS(jsonx_str(a.res, "reason"), "same migration failure came back");
	ASSERT(json_is_null(json_object_get(a.res, "commit")));
	state = gh_double_state(&d);
	ASSERT_STR_EQ(branch_sha(state), before);
	ASSERT(pull_has_label(state, pr, "needs-human"));
	comments = comments_of(state, pr);
	ASSERT_CONTAINS(comments, "over to a person");
	ASSERT_CONTAINS(comments, "<details><summary>");
	ASSERT_CONTAINS(comments, "\"action\":\"handover\"");
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	free(comments);
	free(before);
	free(args);
	agent_release(&a);
	gh_double_down(&d);
}

TEST(repair, a_lost_runner_gets_one_rerun_and_no_push)
{
	struct gh_double d;
	struct agent a;
	json_t *state = NULL;
	char *args = NULL, *comments = NULL, *before = NULL;
	int pr;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, true);
	state = gh_double_state(&d);
	before = xstrdup(branch_sha(state));
	json_decref(state);
	args = repair_args(pr, add_text_run(&d, pr, "runner-shutdown.log", ""), NULL);
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "rerun");
	ASSERT_STR_EQ(jsonx_str(a.res, "class"), "runner");
	ASSERT(json_is_true(json_object_get(a.res, "infrastructure")));
	ASSERT_INT_EQ(reruns(&d), 1);
	agent_release(&a);
	/* the re-run fails the same way: no second re-run, a hand-over */
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "handed_over");
	ASSERT_INT_EQ(reruns(&d), 1);
	state = gh_double_state(&d);
	ASSERT_STR_EQ(branch_sha(state), before);
	comments = comments_of(state, pr);
	ASSERT_CONTAINS(comments, "re-running the failed jobs");
	ASSERT_CONTAINS(comments, "The runner has received a shutdown signal");
	ASSERT(json_array_size(json_object_get(state, "dispatches")) == 0);
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	json_decref(state);
	free(comments);
	free(before);
	free(args);
	agent_release(&a);
	gh_double_down(&d);
}

TEST(repair, a_pull_request_the_agent_did_not_open_is_left_alone)
{
	struct gh_double d;
	struct agent a;
	json_t *state = NULL;
	char *args = NULL, *comments = NULL;
	int pr;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, false);
	args = repair_args(pr, add_text_run(&d, pr, "flyway-duplicate-version.log", "4"), NULL);
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "skipped");
	ASSERT_CONTAINS(jsonx_str(a.res, "reason"), "aiops-generated");
	state = gh_double_state(&d);
	comments = comments_of(state, pr);
	ASSERT_STR_EQ(comments, "");
	ASSERT(!pull_has_label(state, pr, "aiops-repair"));
	ASSERT_INT_EQ(reruns(&d), 0);
	ASSERT(repo_file(&d, BRANCH, RENAMED) == NULL);
	json_decref(state);
	free(comments);
	free(args);
	agent_release(&a);
	gh_double_down(&d);
}

TEST(repair, a_300_mb_log_is_digested_in_bounded_memory)
{
	struct gh_double d;
	struct agent a;
	char *args = NULL, *tail = fixture_log("flyway-duplicate-version.log", "4");
	json_t *log, *job;
	long long run;
	int pr;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, true);
	log = json_pack("{s:I, s:s, s:s}", "bytes", (json_int_t)300 * 1000 * 1000, "line",
			"2026-11-18T03:10:07.1234567Z [INFO] Downloaded from central: https://repo.maven.apache.org/"
			"maven2/org/springframework/spring-core/6.1.1/spring-core-6.1.1.jar (1.9 MB at 21 MB/s)\n",
			"tail", tail);
	run = add_run(&d, pr, log);
	args = repair_args(pr, run, "--dry-run");
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	job = json_array_get(json_object_get(a.res, "jobs"), 0);
	printf("    300 MB job log: %lld bytes digested, peak RSS of the agent %ld MiB (ASan build)\n",
	       jsonx_int(job, "log_bytes", 0), a.peak_kb / 1024);
	ASSERT_INT_EQ(jsonx_int(job, "log_bytes", 0), 300 * 1000 * 1000);
	ASSERT_STR_EQ(jsonx_str(a.res, "class"), "migration");
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "planned");
	ASSERT(a.peak_kb > 0 && a.peak_kb < 200 * 1024); /* well under the log's 286 MiB */
	ASSERT_INT_EQ(gh_double_violations(&d, 0), 0);
	free(tail);
	free(args);
	agent_release(&a);
	gh_double_down(&d);
}

TEST(repair, the_storage_host_never_receives_the_token)
{
	struct gh_double d;
	struct agent a;
	json_t *storage = NULL, *requests = NULL, *r;
	char *args = NULL;
	size_t i, api_log_requests = 0;
	int pr;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, true);
	args = repair_args(pr, add_text_run(&d, pr, "runner-shutdown.log", ""), "--dry-run");
	repair(&a, &d, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "planned");
	storage = gh_double_ctl(&d, "GET", "storage", NULL);
	ASSERT(json_array_size(storage) == 1);
	json_array_foreach(storage, i, r) {
		char *headers = json_dumps(json_object_get(r, "headers"), JSON_COMPACT);

		ASSERT(json_object_get(json_object_get(r, "headers"), "authorization") == NULL);
		ASSERT_NOT_CONTAINS(headers, TOKEN);
		free(headers);
	}
	/* the API itself was asked with the token, and answered the redirect */
	requests = gh_double_ctl(&d, "GET", "requests", NULL);
	json_array_foreach(requests, i, r)
		if (jsonx_str(r, "operation") && !strcmp(jsonx_str(r, "operation"), "actions/download-job-logs-for-workflow-run")) {
			ASSERT_INT_EQ(jsonx_int(r, "status", 0), 302);
			ASSERT_CONTAINS(jsonx_str(r, "headers.authorization"), TOKEN);
			api_log_requests++;
		}
	ASSERT_INT_EQ(api_log_requests, 1);
	json_decref(storage);
	json_decref(requests);
	free(args);
	agent_release(&a);
	gh_double_down(&d);
}

TEST(repair, respond_hands_a_workflow_run_event_to_repair)
{
	struct gh_double d;
	struct buf out = BUF_INIT;
	char *event = sys_path_join(harness_tmpdir(), "event.json");
	json_t *e;
	int pr, status;
	long long run;

	ASSERT_OK(up(&d));
	pr = open_pull(&d, false);
	run = add_text_run(&d, pr, "runner-shutdown.log", "");
	e = json_pack("{s:s, s:{s:I, s:s, s:s, s:s, s:[{s:i}]}}", "action", "completed", "workflow_run", "id",
		      (json_int_t)run, "status", "completed", "conclusion", "failure", "head_branch", BRANCH,
		      "pull_requests", "number", pr);
	ASSERT_OK(jsonx_write_file(event, e));
	status = harness_run(&out, SCRUB "GITHUB_API_URL='%s' GITHUB_SERVER_URL='%s' GITHUB_REPOSITORY='%s' "
			     "GITHUB_TOKEN='%s' GITHUB_EVENT_NAME=workflow_run GITHUB_EVENT_PATH='%s' '%s' respond 2>&1",
			     d.url, d.url, d.repository, TOKEN, event, harness_bin());
	ASSERT_INT_EQ(status, 0);
	ASSERT_CONTAINS(out.ptr, "repair: skipped");
	ASSERT_CONTAINS(out.ptr, "aiops-generated");
	/* a run that succeeded needs nothing, not even GitHub */
	json_object_set_new(json_object_get(e, "workflow_run"), "conclusion", json_string("success"));
	ASSERT_OK(jsonx_write_file(event, e));
	buf_reset(&out);
	status = harness_run(&out, SCRUB "'%s' repair --event '%s' 2>&1", harness_bin(), event);
	ASSERT_INT_EQ(status, 0);
	ASSERT_CONTAINS(out.ptr, "the run did not fail (conclusion 'success')");
	json_decref(e);
	buf_release(&out);
	free(event);
	gh_double_down(&d);
}

/* ---- a correction the model writes (no offline rule fits) ---- */

#define TYPO_SQL "ALTER TABLE book ALTER COLUMN stock SET DEFUALT 0;\n"
#define FIXED_SQL "ALTER TABLE book ALTER COLUMN stock SET DEFAULT 0;\n"

/* A ci_fix answer: `decision`, a diff fixing TYPO_SQL in `path`, `summary`; new string. */
static char *ci_fix_answer(const char *decision, const char *path, const char *summary)
{
	char *diff = xasprintf("diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -1 +1 @@\n-%s+%s", path, path, path,
			       path, TYPO_SQL, FIXED_SQL);
	json_t *o = json_pack("{s:s, s:s, s:s}", "decision", decision, "diff",
			      strcmp(decision, "correct") ? "" : diff, "summary", summary);
	char *s = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	free(diff);
	return s;
}

/* The ci_fix prompt the double received first (its user message); new string. */
static char *ci_fix_prompt(struct model_double *md)
{
	for (size_t i = 0;; i++) {
		json_t *body = md_body(md, i);
		bool reask;
		char *text;

		if (!body)
			return xstrdup("");
		if (md_task_of(body, &reask) == MD_CI_FIX) {
			text = xstrdup(json_string_value(json_object_get(
				json_array_get(json_object_get(body, "messages"), 1), "content")));
			json_decref(body);
			return text;
		}
		json_decref(body);
	}
}

/* A fix pull request whose migration has a typo, its failed run, and a model double answering `answer`. */
struct model_case {
	struct gh_double d;
	struct model_double md;
	int pr;
	char *args, *url, *env;
};

static int model_case_up(struct model_case *mc, const char *answer)
{
	memset(mc, 0, sizeof(*mc));
	mc->md.answer[MD_CI_FIX][0] = answer; /* and the same on a re-ask */
	if (md_start(&mc->md) < 0 || up(&mc->d) < 0)
		return -1;
	mc->pr = open_pull_with(&mc->d, true, TYPO_SQL);
	mc->args = repair_args(mc->pr, add_text_run(&mc->d, mc->pr, "flyway-sql-error.log", ""), NULL);
	mc->url = md_url(&mc->md);
	mc->env = xasprintf("AIOPS_MODEL_URL='%s' AIOPS_MODEL=double-model", mc->url);
	return 0;
}

static void model_case_down(struct model_case *mc)
{
	gh_double_down(&mc->d);
	md_stop(&mc->md);
	free(mc->args);
	free(mc->url);
	free(mc->env);
}

TEST(repair, a_failure_no_rule_knows_is_corrected_by_the_model)
{
	struct model_case mc;
	struct agent a;
	json_t *state = NULL;
	char *fixed = NULL, *comments = NULL, *prompt = NULL, *dry = NULL;
	char *answer = ci_fix_answer("correct", ADDED, "- Corrects the keyword DEFUALT to DEFAULT in the "
				     "migration, the syntax error Flyway reports.");
	struct buf log = BUF_INIT;
	char token[] = TOKEN;
	char *const secrets[] = {token, NULL};

	ASSERT_OK(model_case_up(&mc, answer));
	/* --offline asks no model: nothing mechanical fits, a person would take over */
	dry = xasprintf("%s --offline --dry-run", mc.args);
	repair_env(&a, &mc.d, mc.env, dry);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "engine"), "offline");
	ASSERT_CONTAINS(jsonx_str(a.res, "reason"), "no model is configured");
	ASSERT_INT_EQ(mc.md.counts[MD_CI_FIX], 0);
	agent_release(&a);
	repair_env(&a, &mc.d, mc.env, mc.args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "fixed");
	ASSERT_STR_EQ(jsonx_str(a.res, "correction.rule"), "model");
	ASSERT_CONTAINS(jsonx_str(a.res, "engine"), "double-model");
	ASSERT_INT_EQ(mc.md.counts[MD_CI_FIX], 1);
	/* the pushed tree holds the corrected migration, on top of the fix */
	fixed = repo_file(&mc.d, BRANCH, ADDED);
	ASSERT(fixed && !strcmp(fixed, FIXED_SQL));
	state = gh_double_state(&mc.d);
	ASSERT_STR_EQ(branch_sha(state), jsonx_str(a.res, "commit"));
	comments = comments_of(state, mc.pr);
	ASSERT_CONTAINS(comments, "Corrects the keyword DEFUALT to DEFAULT");
	/* the commit message is the agent's words; the model's stay in the comment */
	ASSERT_INT_EQ(harness_run(&log, "git --git-dir='%s/repos/%s.git' log -1 --format=%%B '%s'",
				  jsonx_str(mc.d.info, "workdir"), mc.d.repository, BRANCH), 0);
	ASSERT_CONTAINS(log.ptr, "- corrects " ADDED);
	ASSERT_NOT_CONTAINS(log.ptr, "keyword");
	/* what the model was shown: the failure, the pull request's file, never the token */
	prompt = ci_fix_prompt(&mc.md);
	ASSERT_CONTAINS(prompt, "Migration V4__restore_book_stock_default.sql failed");
	ASSERT_CONTAINS(prompt, "1\tALTER TABLE book ALTER COLUMN stock SET DEFUALT 0;");
	ASSERT_CONTAINS(prompt, "Fix: restore the book stock default");
	ASSERT(md_leaked(&mc.md, secrets) == NULL);
	ASSERT_INT_EQ(gh_double_violations(&mc.d, 0), 0);
	json_decref(state);
	buf_release(&log);
	free(prompt);
	free(dry);
	free(comments);
	free(fixed);
	free(answer);
	agent_release(&a);
	model_case_down(&mc);
}

TEST(repair, a_model_correction_outside_the_pull_request_is_refused_and_handed_over)
{
	struct model_case mc;
	struct agent a;
	json_t *state = NULL;
	char *before = NULL, *comments = NULL, *workflow = NULL;
	char *answer = ci_fix_answer("correct", ".github/workflows/ci.yml", "- Skips the failing tests.");

	ASSERT_OK(model_case_up(&mc, answer));
	state = gh_double_state(&mc.d);
	before = xstrdup(branch_sha(state));
	json_decref(state);
	repair_env(&a, &mc.d, mc.env, mc.args);
	ASSERT_INT_EQ(a.status, 4);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "handed_over");
	ASSERT_CONTAINS(jsonx_str(a.res, "reason"), "refused by the safety policy");
	ASSERT_INT_EQ(mc.md.counts[MD_CI_FIX], 2);
	ASSERT_INT_EQ(mc.md.reasks[MD_CI_FIX], 1);
	state = gh_double_state(&mc.d);
	ASSERT_STR_EQ(branch_sha(state), before);
	ASSERT(pull_has_label(state, mc.pr, "needs-human"));
	comments = comments_of(state, mc.pr);
	ASSERT_CONTAINS(comments, "over to a person");
	workflow = repo_file(&mc.d, BRANCH, ".github/workflows/ci.yml");
	ASSERT(workflow == NULL || !strstr(workflow, "DEFAULT"));
	ASSERT_INT_EQ(gh_double_violations(&mc.d, 0), 0);
	json_decref(state);
	free(workflow);
	free(comments);
	free(before);
	free(answer);
	agent_release(&a);
	model_case_down(&mc);
}

TEST(repair, a_model_that_hands_over_leaves_it_to_a_person)
{
	struct model_case mc;
	struct agent a;
	char *answer = ci_fix_answer("hand_over", ADDED, "- The failure is in the test database, not in the migration.");

	ASSERT_OK(model_case_up(&mc, answer));
	repair_env(&a, &mc.d, mc.env, mc.args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "handed_over");
	ASSERT_CONTAINS(jsonx_str(a.res, "reason"), "the model hands over");
	ASSERT_CONTAINS(jsonx_str(a.res, "reason"), "not in the migration");
	ASSERT(json_is_null(json_object_get(a.res, "commit")));
	ASSERT_INT_EQ(mc.md.counts[MD_CI_FIX], 1);
	ASSERT_INT_EQ(gh_double_violations(&mc.d, 0), 0);
	free(answer);
	agent_release(&a);
	model_case_down(&mc);
}

/*
 * Plan, then apply: the read-only run asks the model and writes the plan; the run that
 * holds the write token replays the answers and reaches no model.
 */
TEST(repair, a_plan_made_with_the_model_is_applied_without_it)
{
	struct model_case mc;
	struct agent a;
	struct buf planned = BUF_INIT;
	char *answer = ci_fix_answer("correct", ADDED, "- Corrects DEFUALT to DEFAULT.");
	char *plan = sys_path_join(harness_tmpdir(), "repair-plan.json");
	char *args = NULL, *fixed = NULL, *other = NULL;

	ASSERT_OK(model_case_up(&mc, answer));
	args = xasprintf("%s --plan-only '%s'", mc.args, plan);
	repair_env(&a, &mc.d, mc.env, args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "planned");
	ASSERT_INT_EQ(mc.md.counts[MD_CI_FIX], 1);
	ASSERT_OK(sys_read_file(&planned, plan, 1 << 20));
	ASSERT_CONTAINS(planned.ptr, "\"format\": \"aiops-repair-plan/1\"");
	ASSERT_NOT_CONTAINS(planned.ptr, TOKEN);
	ASSERT(repo_file(&mc.d, BRANCH "~1", ADDED) == NULL); /* nothing pushed by the plan */
	agent_release(&a);
	/* the model is gone: the apply replays, and a model that was asked would fail it */
	md_stop(&mc.md);
	free(args);
	args = xasprintf("--apply '%s'", plan);
	repair_env(&a, &mc.d, "AIOPS_MODEL_URL=http://127.0.0.1:9/v1", args);
	ASSERT_INT_EQ(a.status, 0);
	ASSERT_STR_EQ(jsonx_str(a.res, "action"), "fixed");
	ASSERT_STR_EQ(jsonx_str(a.res, "correction.rule"), "model");
	fixed = repo_file(&mc.d, BRANCH, ADDED);
	ASSERT(fixed && !strcmp(fixed, FIXED_SQL));
	agent_release(&a);
	/* a plan is for its pull request and run only */
	free(args);
	args = xasprintf("--apply '%s' --pr %d", plan, mc.pr + 1);
	repair_env(&a, &mc.d, NULL, args);
	ASSERT_INT_EQ(a.status, 2);
	ASSERT_INT_EQ(gh_double_violations(&mc.d, 0), 0);
	buf_release(&planned);
	free(fixed);
	free(other);
	free(args);
	free(plan);
	free(answer);
	agent_release(&a);
	model_case_down(&mc);
}

