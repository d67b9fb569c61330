/*
 * The file-backed twin's new operations (github_offline.c): the same table as the REST
 * backend, so the idempotent helpers of github.h behave alike offline.
 */
#include "common.h"
#include "harness.h"
#include "io/github.h"
#include "io/github_offline.h"
#include "util/jsonx.h"
#include "util/sys.h"

#define SCENARIO "incidents/scenario-1-oom-cache/github"

static struct github *twin(const char *out)
{
	char *dir = sys_path_join(harness_root(), SCENARIO);
	struct github *gh = NULL;

	if (github_offline_new(&gh, dir, out) < 0)
		xdie("github_offline_new: %s", err_last());
	free(dir);
	return gh;
}

static char *written(const char *out, const char *name)
{
	char *path = sys_path_join(out, name);
	struct buf b = BUF_INIT;

	if (sys_read_file(&b, path, 1 << 20) < 0)
		buf_puts(&b, "<missing>");
	free(path);
	return buf_detach(&b);
}

TEST(github_offline, reads_like_the_rest_backend)
{
	struct github *gh = twin(harness_tmpdir());
	struct github_pull *pulls = NULL;
	struct buf b = BUF_INIT;
	json_t *v = NULL;
	size_t n = 0;
	time_t until;

	ASSERT_OK(sys_parse_time(&until, "2026-03-11T16:00:00Z"));
	ASSERT_OK(github_merged_pulls_window(&pulls, &n, gh, until - 3600, until));
	ASSERT_INT_EQ(n, 1);
	ASSERT_INT_EQ(pulls[0].number, 215);
	github_pulls_free(pulls, n);
	ASSERT_OK(gh->ops->list_merged_pulls(&v, gh, 0, 0));
	ASSERT_INT_EQ(json_array_size(v), 5); /* of 6 closed, one was not merged */
	json_decref(v);
	ASSERT_ERR(gh->ops->list_pull_files(&v, gh, 215), ERR_NOTFOUND);
	ASSERT_OK(gh->ops->get_contents(&b, gh, "pom.xml", NULL));
	ASSERT_CONTAINS(b.ptr, "<project");
	ASSERT_ERR(gh->ops->get_contents(&b, gh, "pom.xml", "fix/x"), ERR_NOTFOUND);
	ASSERT_CONTAINS(err_last(), "no recorded files for 'fix/x' (only 'main')");
	buf_release(&b);
	github_free(gh);
}

TEST(github_offline, rerun_into_the_same_folder_is_idempotent)
{
	const char *out = harness_tmpdir();
	const char *labels[] = {"incident", "aiops-generated", NULL};
	struct github_created c = {0, NULL}, run = {0, NULL};
	struct github *gh = twin(out);
	bool existed = true;
	char *text;

	ASSERT_OK(github_upsert_issue(&c, &existed, gh, "cafe", "Heap", "body", labels, "recurred"));
	ASSERT(!existed);
	ASSERT_INT_EQ(c.number, 216);
	ASSERT_STR_EQ(c.url, "https://github.com/northwind-books/bookshop-api/issues/216");
	github_created_release(&c);
	ASSERT_OK(github_upsert_pull(&c, &existed, gh, "Fix heap", "Fixes #216", "fix/heap", "main",
				     labels + 1));
	ASSERT(!existed);
	ASSERT_INT_EQ(c.number, 217);
	github_created_release(&c);
	github_free(gh);

	/* a second run of the same incident */
	gh = twin(out);
	ASSERT_OK(github_upsert_issue(&c, &existed, gh, "cafe", "Heap", "body", labels,
				      "recurred at 2026-03-11T17:00:00Z"));
	ASSERT(existed);
	ASSERT_INT_EQ(c.number, 216);
	github_created_release(&c);
	ASSERT_OK(github_upsert_pull(&c, &existed, gh, "Fix heap (again)", "Fixes #216 for good",
				     "fix/heap", "main", labels + 1));
	ASSERT(existed);
	ASSERT_INT_EQ(c.number, 217);
	github_created_release(&c);
	ASSERT_OK(gh->ops->dispatch_workflow_run(&run, gh, "infra-remediation.yml", "main", NULL));
	ASSERT_STR_EQ(run.url, "https://github.com/northwind-books/bookshop-api/actions/workflows/"
			       "infra-remediation.yml");
	github_created_release(&run);
	github_free(gh);

	text = written(out, "issue.md");
	ASSERT_CONTAINS(text, "<!-- aiops-fingerprint: cafe -->");
	free(text);
	text = written(out, "comments.md");
	ASSERT_STR_EQ(text, "--- comment on #216 ---\nrecurred at 2026-03-11T17:00:00Z\n");
	free(text);
	text = written(out, "pr.md");
	ASSERT_CONTAINS(text, "pull_request: 217\n");
	ASSERT_CONTAINS(text, "title: Fix heap (again)\n");
	ASSERT_CONTAINS(text, "head: fix/heap\n");
	ASSERT_CONTAINS(text, "---\n\nFixes #216 for good");
	ASSERT_NOT_CONTAINS(text, "title: Fix heap\n");
	free(text);
	text = written(out, "labels.txt");
	ASSERT_STR_EQ(text, "#217: aiops-generated\n");
	free(text);
}
