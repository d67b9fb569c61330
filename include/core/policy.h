/*
 * policy.h - the safety policy every plan passes before anything is written.
 *
 * Read from `.github/aiops-agent.yml` of the repository when it exists (see the README
 * for the keys); the defaults apply otherwise. Some rules hold whatever the file says:
 * paths stay inside the repository (no absolute paths, no "..", no ".git/"), nothing
 * under `.github/` or named CODEOWNERS or like a key or secrets file (.pem, .key, .env,
 * id_rsa...) is ever written, and branch names are valid git refs.
 */
#ifndef AIOPS_POLICY_H
#define AIOPS_POLICY_H

#include "common.h"
#include "core/remediate.h"
#include "core/tuning.h"

struct policy {
	size_t max_files;          /* files one fix may change (default 20) */
	size_t max_diff_bytes;     /* size of the fix diff (default 256 KiB) */
	size_t max_file_bytes;     /* size of one generated artifact (default 1 MiB) */
	char **deny_paths;         /* path prefixes never written, NULL-terminated */
	char **remediations;       /* allowed remediation types, NULL-terminated */
	char **workflows;          /* workflows that may be dispatched */
	char **actions;            /* infrastructure actions that may be requested */
	char **model_new_paths;    /* folders where a model's fix may add files */
	/*
	 * Infrastructure actions by class: SAFE ones are dispatched directly (to the job of
	 * `safe_environment`); CONFIRM ones only to `approval_environment`, a protected
	 * environment whose reviewers approve the run (none named: refused); FORBIDDEN ones
	 * never. An action in no class counts as CONFIRM. The environment always comes from
	 * here, never from the alert.
	 */
	char **safe_actions, **confirm_actions, **forbidden_actions;
	char *safe_environment, *approval_environment;
	/*
	 * repair (self-healing CI): corrections pushed on one fix pull request before a
	 * person takes over (default 2), and the CI workflow to dispatch on the fix branch
	 * when the token cannot start workflows by pushing (default "ci.yml"; "" never
	 * dispatches: the comment asks for a GitHub App token instead).
	 */
	size_t max_repair_attempts;
	char *repair_ci_workflow;
	struct tuning tuning;      /* the diagnosis numbers: `diagnosis:` keys over tuning_defaults */
	char *origin;              /* the file read, or "defaults" */
};

#define POLICY_INIT {0}

/* Load the policy file at `path`; a missing file gives the defaults. ERR_INPUT names the key. */
int policy_load(struct policy *out, const char *path);
/*
 * The repository's policy: .github/aiops-agent.yml of the default branch, read through
 * `gh` and loaded from a copy in `scratch` (removed after); the defaults when the
 * repository has none. Errors as policy_load's, and the backend's.
 */
struct github;
int policy_load_repo(struct policy *out, struct github *gh, const char *scratch);
void policy_release(struct policy *p);

/* ERR_POLICY with the reason when the plan breaks a rule; 0 when allowed. */
int policy_check(const struct policy *p, const struct plan *plan);
/*
 * A model's own fix: policy_check, and confined to what the evidence names
 * (`evidence_paths`, NULL-terminated: the blamed pull request's files, the stack frames'
 * files, the service's manifests); new files only under model_new_paths; no whole-file
 * deletion, no executable or link.
 */
int policy_check_model(const struct policy *p, const struct plan *plan, char *const *evidence_paths);
/* The same rules for one file of it. */
struct patch_file;
int policy_check_model_file(const struct policy *p, const struct patch_file *f, char *const *evidence_paths);
/* "safe", "confirm" or "forbidden": the class of infrastructure action `action`. */
const char *policy_action_class(const struct policy *p, const char *action);
/*
 * A dispatch the policy passed: its inputs get `class` and the `environment` the policy
 * names for it (the alert's environment moves to `target_environment`).
 */
void policy_bind_dispatch(const struct policy *p, struct plan *plan);
/* The same path rules for one path (used for artifacts too). */
int policy_check_path(const struct policy *p, const char *path);

#endif
