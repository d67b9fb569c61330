#include "common.h"
#include "harness.h"
#include "util/patch.h"
#include "core/policy.h"
#include "util/sys.h"
#include "util/jsonx.h"

static void plan_with_file(struct plan *plan, const char *path)
{
	memset(plan, 0, sizeof(*plan));
	plan->type = REMEDIATION_CODE_FIX;
	plan->branch = xstrdup("fix/inc-1-code-fix");
	/* Written by hand: a hostile diff need not come from our own patch_new_file. */
	buf_putf(&plan->diff, "diff --git a/%s b/%s\nnew file mode 100644\n--- /dev/null\n+++ b/%s\n"
		 "@@ -0,0 +1 @@\n+x\n", path, path, path);
}

static int check_path(const char *path)
{
	struct policy p = POLICY_INIT;
	struct plan plan;
	int error;

	if (policy_load(&p, NULL) < 0)
		return -100;
	plan_with_file(&plan, path);
	error = policy_check(&p, &plan);
	plan_release(&plan);
	policy_release(&p);
	return error;
}

TEST(policy, defaults_allow_repository_paths)
{
	ASSERT_OK(check_path("src/main/resources/db/migration/V5__add.sql"));
	ASSERT_OK(check_path("package.json"));
}

TEST(policy, refuses_paths_outside_the_repository)
{
	ASSERT_ERR(check_path("../../etc/passwd"), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "leaves the repository");
	ASSERT_ERR(check_path("src/../../x"), ERR_POLICY);
	ASSERT_ERR(check_path("/etc/passwd"), ERR_POLICY);
	ASSERT_ERR(check_path(".git/hooks/pre-commit"), ERR_POLICY);
	ASSERT_ERR(check_path("a/./b"), ERR_POLICY);
}

TEST(policy, never_writes_workflows)
{
	ASSERT_ERR(check_path(".github/workflows/deploy.yml"), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "workflow");
}

TEST(policy, file_limits_and_types_from_yaml)
{
	const char *yaml = "max_files: 1\nmax_diff_bytes: 100000\ndeny_paths: [secrets/]\n"
			   "allowed_remediations: [code_fix, escalation]\n";
	char *path = sys_path_join(harness_tmpdir(), "policy.yml");
	struct policy p = POLICY_INIT;
	struct plan plan;

	ASSERT_OK(sys_write_file(path, yaml, strlen(yaml)));
	ASSERT_OK(policy_load(&p, path));
	ASSERT_INT_EQ(p.max_files, 1);
	plan_with_file(&plan, "secrets/key.pem");
	ASSERT_ERR(policy_check(&p, &plan), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "deny_paths");
	ASSERT(patch_new_file(&plan.diff, "b.txt", "y\n", 2) == 0);
	plan_release(&plan);
	plan_with_file(&plan, "a.txt");
	ASSERT_OK(policy_check(&p, &plan));
	ASSERT(patch_new_file(&plan.diff, "b.txt", "y\n", 2) == 0);
	ASSERT_ERR(policy_check(&p, &plan), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "max_files");
	plan.type = REMEDIATION_PR_ROLLBACK;
	ASSERT_ERR(policy_check(&p, &plan), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "allowed_remediations");
	plan_release(&plan);
	policy_release(&p);
	free(path);
}

TEST(policy, bad_policy_file_names_key)
{
	const char *yaml = "max_files: many\n";
	char *path = sys_path_join(harness_tmpdir(), "policy.yml");
	struct policy p = POLICY_INIT;

	ASSERT_OK(sys_write_file(path, yaml, strlen(yaml)));
	ASSERT_ERR(policy_load(&p, path), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "max_files");
	free(path);
}

TEST(policy, branch_and_dispatch_rules)
{
	struct policy p = POLICY_INIT;
	struct plan plan;

	ASSERT_OK(policy_load(&p, NULL));
	plan_with_file(&plan, "a.txt");
	free(plan.branch);
	plan.branch = xstrdup("fix/../main");
	ASSERT_ERR(policy_check(&p, &plan), ERR_POLICY);
	free(plan.branch);
	plan.branch = NULL;
	buf_release(&plan.diff);
	plan.type = REMEDIATION_INFRASTRUCTURE_ACTION;
	plan.dispatch = json_pack("{s:s, s:{s:s}}", "workflow", "deploy-prod.yml", "inputs", "action", "x");
	ASSERT_ERR(policy_check(&p, &plan), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "allowed_workflows");
	json_decref(plan.dispatch);
	plan.dispatch = json_pack("{s:s, s:{s:s}}", "workflow", REMEDIATION_WORKFLOW, "inputs", "action",
				  "delete-cluster");
	ASSERT_ERR(policy_check(&p, &plan), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "allowed_actions");
	plan_release(&plan);
	policy_release(&p);
}

TEST(policy, never_writes_repository_settings_or_owners)
{
	ASSERT_ERR(check_path(".github/actions/setup/action.yml"), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), ".github/");
	ASSERT_ERR(check_path("CODEOWNERS"), ERR_POLICY);
	ASSERT_ERR(check_path("docs/CODEOWNERS"), ERR_POLICY);
	ASSERT_OK(check_path("docs/CODEOWNERS.md"));
	ASSERT_OK(check_path("github/notes.md"));
}

/* A diff of `files` (new, changed or deleted) as a plan. */
static void model_diff(struct plan *plan, const char *diff)
{
	*plan = (struct plan)PLAN_INIT;
	plan->type = REMEDIATION_CODE_FIX;
	plan->branch = xstrdup("fix/x");
	buf_puts(&plan->diff, diff);
}

TEST(policy, a_models_fix_stays_within_what_the_evidence_names)
{
	struct policy p = POLICY_INIT;
	struct plan plan;
	char orders[] = "src/app/Orders.java", pom[] = "pom.xml";
	char *evidence[] = {orders, pom, NULL};

	ASSERT_OK(policy_load(&p, NULL));
	model_diff(&plan, "--- a/src/app/Orders.java\n+++ b/src/app/Orders.java\n@@ -1 +1 @@\n-a\n+b\n");
	ASSERT_OK(policy_check_model(&p, &plan, evidence));
	plan_release(&plan);
	/* a file nobody pointed at */
	model_diff(&plan, "--- a/src/app/Billing.java\n+++ b/src/app/Billing.java\n@@ -1 +1 @@\n-a\n+b\n");
	ASSERT_ERR(policy_check_model(&p, &plan, evidence), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "no evidence names");
	plan_release(&plan);
	/* a whole file deleted */
	model_diff(&plan, "diff --git a/pom.xml b/pom.xml\ndeleted file mode 100644\n--- a/pom.xml\n"
			  "+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
	ASSERT_ERR(policy_check_model(&p, &plan, evidence), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "deletes");
	plan_release(&plan);
	/* a new script, executable */
	model_diff(&plan, "diff --git a/db/migration/run.sh b/db/migration/run.sh\nnew file mode 100755\n"
			  "--- /dev/null\n+++ b/db/migration/run.sh\n@@ -0,0 +1 @@\n+curl x | sh\n");
	ASSERT_ERR(policy_check_model(&p, &plan, evidence), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "executable");
	plan_release(&plan);
	/* a submodule, a folder or a made-up mode (found by tests/fuzz/fuzz_answer.c): plain files only */
	{
		static const char *const modes[] = {"160000", "040000", "416565", "100664"};

		for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
			char *diff = xasprintf("diff --git a/db/migration/V9__x.sql b/db/migration/V9__x.sql\n"
					       "new file mode %s\n--- /dev/null\n+++ b/db/migration/V9__x.sql\n"
					       "@@ -0,0 +1 @@\n+select 1;\n", modes[i]);

			model_diff(&plan, diff);
			ASSERT_ERR(policy_check_model(&p, &plan, evidence), ERR_POLICY);
			ASSERT_CONTAINS(err_last(), modes[i]);
			plan_release(&plan);
			free(diff);
		}
	}
	/* key and secrets files, whatever the evidence says */
	{
		static const char *const secret[] = {"deploy/tls/server.key", ".env", "app/.env.production",
						     "home/id_rsa", "config/secrets.yaml", "certs/ca.pem"};
		static const char *const plain[] = {".env.example", "environment.yml", "src/keyboard.ts",
						    "docs/secrets-management.md", "booking-credentials-rejected.md"};
		char path[64];
		char *in[] = {path, NULL};

		for (size_t i = 0; i < ARRAY_SIZE(secret) + ARRAY_SIZE(plain); i++) {
			const char *name = i < ARRAY_SIZE(secret) ? secret[i] : plain[i - ARRAY_SIZE(secret)];
			char *diff = xasprintf("--- a/%s\n+++ b/%s\n@@ -1 +1 @@\n-a\n+b\n", name, name);

			snprintf(path, sizeof(path), "%s", name);
			model_diff(&plan, diff);
			if (i < ARRAY_SIZE(secret)) {
				ASSERT_ERR(policy_check_model(&p, &plan, in), ERR_POLICY);
				ASSERT_CONTAINS(err_last(), "key or secrets");
			} else {
				ASSERT_OK(policy_check_model(&p, &plan, in));
			}
			plan_release(&plan);
			free(diff);
		}
	}
	/* a new migration where migrations live: allowed; elsewhere: not */
	model_diff(&plan, "diff --git a/db/migration/V9__x.sql b/db/migration/V9__x.sql\nnew file mode 100644\n"
			  "--- /dev/null\n+++ b/db/migration/V9__x.sql\n@@ -0,0 +1 @@\n+select 1;\n");
	ASSERT_OK(policy_check_model(&p, &plan, evidence));
	plan_release(&plan);
	model_diff(&plan, "diff --git a/tools/x.sql b/tools/x.sql\nnew file mode 100644\n"
			  "--- /dev/null\n+++ b/tools/x.sql\n@@ -0,0 +1 @@\n+select 1;\n");
	ASSERT_ERR(policy_check_model(&p, &plan, evidence), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "model_new_paths");
	plan_release(&plan);
	/* the knowledge base is the agent's memory: a model's fix does not write it */
	model_diff(&plan, "diff --git a/knowledge-base/runbooks/heal.md b/knowledge-base/runbooks/heal.md\n"
			  "new file mode 100644\n--- /dev/null\n+++ b/knowledge-base/runbooks/heal.md\n@@ -0,0 +1 @@\n+x\n");
	ASSERT_ERR(policy_check_model(&p, &plan, evidence), ERR_POLICY);
	plan_release(&plan);
	policy_release(&p);
}

/* A dispatch plan of `action` against `yaml` (NULL: the defaults). */
static int check_action(struct policy *p, struct plan *plan, const char *yaml, const char *action)
{
	char *path = sys_path_join(harness_tmpdir(), "classes.yml");
	int error;

	*plan = (struct plan)PLAN_INIT;
	if ((yaml && (error = sys_write_file(path, yaml, strlen(yaml))) < 0) ||
	    (error = policy_load(p, yaml ? path : NULL)) < 0) {
		*p = (struct policy)POLICY_INIT;
		free(path);
		return error;
	}
	plan->type = REMEDIATION_INFRASTRUCTURE_ACTION;
	plan->description = xstrdup("Dispatches it.");
	plan->dispatch = json_pack("{s:s, s:s, s:{s:s, s:s}}", "workflow", "infra-remediation.yml", "ref", "main",
				   "inputs", "action", action, "environment", "prod-from-the-alert");
	error = policy_check(p, plan);
	free(path);
	return error;
}

TEST(policy, actions_are_safe_confirmed_or_forbidden)
{
	struct policy p;
	struct plan plan;
	json_t *in;

	/* SAFE: dispatched to the policy's safe environment, never the alert's */
	ASSERT_OK(check_action(&p, &plan, NULL, "restart-and-scale-out"));
	policy_bind_dispatch(&p, &plan);
	in = json_object_get(plan.dispatch, "inputs");
	ASSERT_STR_EQ(jsonx_str(in, "class"), "safe");
	ASSERT_STR_EQ(jsonx_str(in, "environment"), "aiops-safe");
	ASSERT_STR_EQ(jsonx_str(in, "target_environment"), "prod-from-the-alert");
	plan_release(&plan);
	policy_release(&p);
	/* CONFIRM: to the protected environment, and the issue says who approves */
	ASSERT_OK(check_action(&p, &plan, "approval_environment: prod-approvers\n", "raise-memory-limit"));
	policy_bind_dispatch(&p, &plan);
	in = json_object_get(plan.dispatch, "inputs");
	ASSERT_STR_EQ(jsonx_str(in, "class"), "confirm");
	ASSERT_STR_EQ(jsonx_str(in, "environment"), "prod-approvers");
	ASSERT_CONTAINS(plan.description, "protected environment 'prod-approvers'");
	plan_release(&plan);
	policy_release(&p);
	/* CONFIRM without a protected environment: refused */
	ASSERT_ERR(check_action(&p, &plan, "approval_environment: \"\"\n", "renew-certificate"), ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "approval_environment");
	plan_release(&plan);
	policy_release(&p);
	/* FORBIDDEN: never, even when a policy lists it as allowed */
	ASSERT_ERR(check_action(&p, &plan, "allowed_actions: [database-failover]\n", "database-failover"),
		   ERR_POLICY);
	ASSERT_CONTAINS(err_last(), "FORBIDDEN");
	plan_release(&plan);
	policy_release(&p);
	/* a class that does not exist is named */
	ASSERT_ERR(check_action(&p, &plan, "action_classes: {risky: [x]}\n", "x"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "action_classes.risky");
	plan_release(&plan);
}
