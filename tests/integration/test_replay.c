/*
 * Integration: replay every scenario of incidents/ with the real binary and check the
 * result against expected.json, the sandbox git history, promtool on the generated rules,
 * and (for a rollback) the revert against `git apply -R` byte for byte.
 */
#include "common.h"
#include "harness.h"
#include "recorded.h"
#include "core/artifacts.h"
#include "core/offline.h"
#include "core/pipeline.h"
#include "core/remediate.h"
#include "io/gitops.h"
#include "util/jsonx.h"
#include "core/kb.h"
#include "util/sys.h"
#include "util/text.h"

#include <dirent.h>

static const char *const result_fields[] = {
	"incident_id", "fingerprint", "engine", "category", "blame_pr", "confidence", "suspects",
	"remediation_type", "summary", "root_cause", "branch", "files", "issue", "pull_request",
	"dispatch", "artifacts", "degraded",
};

/*
 * The rules of a scenario rendered again in process, with what publish.c does not
 * commit: the promtool test file. The same evidence and diagnosis give the same rules,
 * which the caller checks against the committed ones byte for byte.
 */
static int render_again(struct artifacts *a, const char *name)
{
	struct pipeline_opts o = {0};
	struct pipeline_github gh;
	struct incident inc = INCIDENT_INIT;
	struct evidence ev = {0};
	struct diagnosis dx = {0};
	struct plan plan = PLAN_INIT;
	char *alert = xasprintf("incidents/%s/alert.json", name);
	char *logs = xasprintf("incidents/%s/logs.txt", name);
	char *github = xasprintf("incidents/%s/github", name);
	int error;

	o.alert_path = alert;
	o.logs_path = logs;
	recorded_github(&gh, github);
	o.github = &gh;
	o.window_hours = -1;
	o.kb_path = "knowledge-base/incidents.md";
	o.quiet = true;
	if ((error = pipeline_evidence(&ev, &inc, &o, harness_tmpdir())) == 0 &&
	    (error = offline_diagnose(&dx, &ev)) == 0) {
		bool planned = remediate_plan(&plan, &ev, &dx) == 0;

		err_clear();
		error = artifacts_render(a, &ev, &dx, planned ? &plan : NULL);
	}
	plan_release(&plan);
	diagnosis_release(&dx);
	github_free(ev.gh);
	evidence_release(&ev);
	incident_release(&inc);
	free(alert);
	free(logs);
	free(github);
	return error;
}

/* promtool check rules and promtool test rules on the rules and their tests. */
static bool promtool_ok(const struct artifacts *a, const char *dir)
{
	const char *base = strrchr(a->rules_path, '/') + 1;
	const char *tbase = strrchr(a->rules_test_path, '/') + 1;
	char *path = sys_path_join(dir, base), *tpath = sys_path_join(dir, tbase);
	struct buf out = BUF_INIT;
	bool ok;

	ok = sys_write_file(path, a->rules.ptr, a->rules.len) == 0 &&
	     sys_write_file(tpath, a->rules_test.ptr, a->rules_test.len) == 0;
	ok = ok && harness_run(&out, "promtool check rules '%s'", path) == 0 &&
	     strstr(out.ptr, "SUCCESS") && !strstr(out.ptr, " 0 rules found");
	if (ok) {
		buf_reset(&out);
		ok = harness_run(&out, "cd '%s' && promtool test rules '%s'", dir, tbase) == 0 &&
		     strstr(out.ptr, "SUCCESS");
	}
	if (!ok)
		fprintf(stderr, "    promtool: %s\n", out.ptr);
	buf_release(&out);
	free(path);
	free(tpath);
	return ok;
}

/* An ARM template of Azure metric alerts: each resource complete enough to deploy. */
static bool azure_ok(const struct artifacts *a)
{
	json_t *doc = NULL, *res;
	bool ok;
	size_t i;

	if (jsonx_parse(&doc, a->rules.ptr, a->rules.len, a->rules_path) < 0)
		return false;
	res = json_object_get(doc, "resources");
	ok = json_array_size(res) > 0 && json_object_get(json_object_get(doc, "parameters"),
							 "targetResourceId");
	for (i = 0; ok && i < json_array_size(res); i++) {
		json_t *p = json_object_get(json_array_get(res, i), "properties");
		json_t *c = json_array_get(json_object_get(json_object_get(p, "criteria"), "allOf"), 0);
		long sev = (long)jsonx_int(p, "severity", -1);

		ok = !strcmp(jsonx_str(json_array_get(res, i), "type"), "Microsoft.Insights/metricAlerts") &&
		     sev >= 0 && sev <= 4 && jsonx_str(c, "metricName") && jsonx_str(c, "operator") &&
		     json_is_number(json_object_get(c, "threshold")) && jsonx_str(c, "timeAggregation") &&
		     jsonx_str(p, "windowSize") && json_array_size(json_object_get(p, "scopes")) == 1;
	}
	if (!ok)
		fprintf(stderr, "    not a complete metric alert template: %s\n", a->rules.ptr);
	json_decref(doc);
	return ok;
}

/* The committed rules are the ones rendered again, and their checks pass. */
static bool rules_ok(const char *name, const struct buf *committed, const char *dir)
{
	struct artifacts a = ARTIFACTS_INIT;
	bool ok;

	if (render_again(&a, name) < 0) {
		fprintf(stderr, "    cannot render the artifacts again: %s\n", err_last());
		return false;
	}
	ok = a.rules.len == committed->len && !memcmp(a.rules.ptr, committed->ptr, a.rules.len);
	if (!ok)
		fprintf(stderr, "    the committed rules differ from the rules rendered again\n");
	else
		ok = a.rules_test_path ? promtool_ok(&a, dir) : azure_ok(&a);
	artifacts_release(&a);
	return ok;
}

/* The pre-PR content of every file, by `git apply -R` of the blame diff on a copy of tree/. */
static bool revert_matches(struct gitops *g, const char *branch, const char *scenario, int pr,
			   json_t *files, const char *dir)
{
	char *pre = sys_path_join(dir, "pre");
	char *tree = xasprintf("%s/github/tree", scenario);
	char *diff = xasprintf("%s/%s/github/pulls/%d.diff", harness_root(), scenario, pr);
	struct buf want = BUF_INIT, got = BUF_INIT, out = BUF_INIT;
	bool ok = true;
	size_t i;
	json_t *f;

	if (sys_copy_tree(tree, pre) < 0 ||
	    harness_run(&out, "cd '%s' && git apply -R '%s'", pre, diff) != 0) {
		fprintf(stderr, "    git apply -R failed: %s %s\n", out.ptr, err_last());
		ok = false;
	}
	json_array_foreach(files, i, f) {
		char *p = sys_path_join(pre, json_string_value(f));
		int have_want, have_got;

		buf_reset(&want);
		buf_reset(&got);
		have_want = sys_read_file(&want, p, TREE_FILE_MAX);
		have_got = gitops_read_file(&got, g, branch, json_string_value(f));
		if ((have_want < 0) != (have_got < 0) ||
		    (have_want == 0 && (want.len != got.len || memcmp(want.ptr, got.ptr, got.len)))) {
			fprintf(stderr, "    %s differs from the pre-PR content\n", json_string_value(f));
			ok = false;
		}
		free(p);
	}
	buf_release(&want);
	buf_release(&got);
	buf_release(&out);
	free(pre);
	free(tree);
	free(diff);
	return ok;
}

/* No planted secret in any output: the files of the output folder and the git history. */
static bool no_secret_leaks(const char *scenario, const char *dir)
{
	size_t nsecrets = 0, nfiles = 0;
	char **secrets = harness_planted_secrets(scenario, &nsecrets);
	char **files = NULL;
	struct buf all = BUF_INIT;
	bool ok = true;

	if (sys_list_files(&files, &nfiles, dir) == 0) {
		for (size_t i = 0; i < nfiles; i++) {
			char *path = sys_path_join(dir, files[i]);

			if (!strstr(files[i], ".git/"))
				(void)sys_read_file(&all, path, 8 << 20);
			free(path);
		}
	}
	err_clear();
	harness_run(&all, "git -C '%s/sandbox' log -p --all", dir);
	for (size_t i = 0; i < nsecrets; i++)
		if (strstr(all.ptr, secrets[i])) {
			fprintf(stderr, "    planted secret found in the output: %.12s...\n", secrets[i]);
			ok = false;
		}
	if (!nsecrets) {
		fprintf(stderr, "    %s/secrets.txt lists no planted secret\n", scenario);
		ok = false;
	}
	sys_free_list(secrets);
	sys_free_list(files);
	buf_release(&all);
	return ok;
}

static void replay_one(void *ctx)
{
	const char *name = ctx;
	const char *tmp = harness_tmpdir();
	char *scenario = xasprintf("incidents/%s", name);
	char *expected_path = xasprintf("%s/expected.json", scenario);
	json_t *expected = NULL, *res = NULL, *v;
	struct buf out = BUF_INIT, text = BUF_INIT;
	struct gitops *g = NULL;
	char *result_path = NULL, *sandbox = NULL, *outdir = sys_path_join(tmp, "out");
	char **paths = NULL;
	size_t npaths = 0;
	const char *branch, *id;
	int status;

	ASSERT_OK(jsonx_load_file(&expected, expected_path, 4096));
	status = harness_run(&out, "'%s' replay '%s' --out '%s' --json --quiet 2>/dev/null",
			     harness_bin(), scenario, outdir);
	if (status != 0)
		fprintf(stderr, "    exit %d: %s\n", status, out.ptr);
	ASSERT_INT_EQ(status, 0);
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "stdout"));
	for (size_t i = 0; i < ARRAY_SIZE(result_fields); i++)
		ASSERT(json_object_get(res, result_fields[i]) != NULL);
	ASSERT_STR_EQ(jsonx_str(res, "category"), jsonx_str(expected, "category"));
	ASSERT_STR_EQ(jsonx_str(res, "remediation_type"), jsonx_str(expected, "remediation_type"));
	ASSERT(json_equal(json_object_get(res, "blame_pr"), json_object_get(expected, "blame_pr")));
	ASSERT_INT_EQ(json_array_size(json_object_get(res, "degraded")), 0);

	/* result.json on disk is the same object, and the other outputs are there */
	id = jsonx_str(res, "incident_id");
	result_path = xasprintf("%s/%s/result.json", outdir, id);
	{
		json_t *disk = NULL;

		ASSERT_OK(jsonx_load_file(&disk, result_path, 1 << 20));
		ASSERT(json_equal(disk, res));
		json_decref(disk);
	}
	free(result_path);
	result_path = xasprintf("%s/%s/issue.md", outdir, id);
	ASSERT(sys_is_file(result_path));
	ASSERT_OK(sys_read_file(&text, result_path, 1 << 20));
	ASSERT_CONTAINS(text.ptr, jsonx_str(res, "fingerprint"));
	ASSERT_NOT_CONTAINS(text.ptr, "ghp_");
	ASSERT_NOT_CONTAINS(text.ptr, "eyJhbGciOi");
	ASSERT_NOT_CONTAINS(text.ptr, "AKIA");

	/* the sandbox: fix branch with exactly the listed files, knowledge base on main */
	sandbox = xasprintf("%s/%s/sandbox", outdir, id);
	ASSERT_OK(gitops_open(&g, sandbox));
	branch = jsonx_str(res, "branch");
	v = json_object_get(res, "files");
	if (branch) {
		ASSERT(gitops_has_branch(g, branch));
		ASSERT_OK(gitops_changed_paths(&paths, &npaths, g, branch));
		ASSERT_INT_EQ(npaths, json_array_size(v));
		for (size_t i = 0; i < npaths; i++)
			ASSERT_STR_EQ(paths[i], json_string_value(json_array_get(v, i)));
		sys_free_list(paths);
		paths = NULL;
		free(result_path);
		result_path = xasprintf("%s/%s/pr.md", outdir, id);
		ASSERT(sys_is_file(result_path));
	} else {
		ASSERT_INT_EQ(json_array_size(v), 0);
	}
	if (json_is_object(json_object_get(res, "dispatch"))) {
		free(result_path);
		result_path = xasprintf("%s/%s/dispatch.json", outdir, id);
		ASSERT(sys_is_file(result_path));
	}
	ASSERT_OK(gitops_changed_paths(&paths, &npaths, g, "HEAD"));
	{
		json_t *art = json_object_get(res, "artifacts");
		bool kb = false, runbook = false, rules = false, recs = false;

		for (size_t i = 0; i < npaths; i++) {
			kb |= !strcmp(paths[i], "knowledge-base/incidents.md");
			runbook |= !strcmp(paths[i], jsonx_str(art, "runbook"));
			rules |= !strcmp(paths[i], jsonx_str(art, "alert_rules"));
			recs |= !strcmp(paths[i], jsonx_str(art, "recommendations"));
		}
		ASSERT(kb && runbook && rules && recs);
		buf_reset(&text);
		ASSERT_OK(gitops_read_file(&text, g, "HEAD", jsonx_str(art, "alert_rules")));
		ASSERT(rules_ok(name, &text, tmp));
	}
	{
		struct kb kb = KB_INIT;

		buf_reset(&text);
		ASSERT_OK(gitops_read_file(&text, g, "HEAD", "knowledge-base/incidents.md"));
		ASSERT_OK(kb_parse(&kb, text.ptr, text.len, "incidents.md"));
		ASSERT(kb_find_fingerprint(&kb, jsonx_str(res, "fingerprint")) != NULL);
		kb_release(&kb);
	}
	{
		char *dir = xasprintf("%s/%s", outdir, id);

		ASSERT(no_secret_leaks(scenario, dir));
		free(dir);
	}
	if (!strcmp(jsonx_str(res, "remediation_type"), "pr_rollback"))
		ASSERT(revert_matches(g, branch, scenario, (int)jsonx_int(res, "blame_pr", 0), v, tmp));

	sys_free_list(paths);
	gitops_free(g);
	free(sandbox);
	free(result_path);
	free(outdir);
	free(scenario);
	free(expected_path);
	json_decref(expected);
	json_decref(res);
	buf_release(&out);
	buf_release(&text);
}

__attribute__((constructor)) static void register_scenarios(void)
{
	DIR *d = opendir("incidents");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *expected = xasprintf("incidents/%s/expected.json", e->d_name);

		if (e->d_name[0] != '.' && sys_is_file(expected))
			harness_register_ctx("replay", xstrdup(e->d_name), replay_one, xstrdup(e->d_name));
		free(expected);
	}
	closedir(d);
}
