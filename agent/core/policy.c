#include "common.h"
#include "core/policy.h"
#include "util/err.h"
#include "util/patch.h"
#include "util/sys.h"
#include "io/github.h"
#include "io/yamlio.h"

#include <unistd.h>

static const char *const default_deny[] = {".github/workflows/", ".git/", NULL};
static const char *const default_remediations[] = {
	"flyway_migration", "code_fix", "config_fix", "feature_flag", "pr_rollback",
	"dependency_update", "infrastructure_action", "escalation", NULL,
};
static const char *const default_workflows[] = {REMEDIATION_WORKFLOW, NULL};
/* Where a model's fix may add files: migrations and the knowledge base. */
static const char *const default_model_new_paths[] = {
	"db/migration/", "src/main/resources/db/migration/", "migrations/", NULL, /* not knowledge-base/: the agent's own */
};
/* The classes of the actions (issue 12): a restart is safe, anything that changes what
 * runs waits for a person, what destroys or opens up is never done by the agent. */
static const char *const default_safe[] = {"restart-and-scale-out", NULL};
static const char *const default_confirm[] = {"raise-memory-limit", "renew-certificate", "free-disk-space", NULL};
static const char *const default_forbidden[] = {
	"delete-data", "delete-namespace", "database-failover", "disable-firewall",
	"change-security-policy", "disable-branch-protection", NULL,
};
static const char *const default_actions[] = {
	"raise-memory-limit", "renew-certificate", "restart-and-scale-out", "free-disk-space", NULL,
};

static char **copy_list(const char *const *list)
{
	size_t n = 0;
	char **out;

	while (list[n])
		n++;
	out = xcalloc(n + 1, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(list[i]);
	return out;
}

static int read_list(char ***out, json_t *doc, const char *key, const char *origin)
{
	json_t *v = json_object_get(doc, key), *item;
	size_t i;

	if (!v)
		return 0;
	if (!json_is_array(v))
		return err_set(ERR_INPUT, "cannot parse '%s': field '%s': expected a list", origin, key);
	json_array_foreach(v, i, item)
		if (!json_is_string(item))
			return err_set(ERR_INPUT, "cannot parse '%s': field '%s[%zu]': expected string",
				       origin, key, i);
	sys_free_list(*out);
	*out = xcalloc(json_array_size(v) + 1, sizeof(char *));
	json_array_foreach(v, i, item)
		(*out)[i] = xstrdup(json_string_value(item));
	return 0;
}

static int read_size(size_t *out, json_t *doc, const char *key, const char *origin)
{
	json_t *v = json_object_get(doc, key);

	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return err_set(ERR_INPUT, "cannot parse '%s': field '%s': expected a positive integer",
			       origin, key);
	*out = (size_t)json_integer_value(v);
	return 0;
}

static int read_number(double *out, json_t *sect, const char *key, double max, const char *origin)
{
	json_t *v = json_object_get(sect, key);

	if (!v)
		return 0;
	if (!json_is_number(v) || json_number_value(v) <= 0 || json_number_value(v) > max)
		return err_set(ERR_INPUT, "cannot parse '%s': field 'diagnosis.%s': expected a number "
			       "above 0 and at most %g", origin, key, max);
	*out = json_number_value(v);
	return 0;
}

/* The `diagnosis:` section: tuning numbers (tuning.h). */
static int read_tuning(struct tuning *t, json_t *doc, const char *origin)
{
	json_t *sect = json_object_get(doc, "diagnosis");
	double window = t->window_hours, broad = (double)t->broad_files, sev = t->broad_rollback_severity;
	double sigs = (double)t->broad_signatures;
	int error;

	if (!sect)
		return 0;
	if (!json_is_object(sect))
		return err_set(ERR_INPUT, "cannot parse '%s': field 'diagnosis': expected a mapping", origin);
	if ((error = read_number(&t->blame_threshold, sect, "blame_threshold", 1, origin)) < 0 ||
	    (error = read_number(&t->high_margin, sect, "high_margin", 1, origin)) < 0 ||
	    (error = read_number(&window, sect, "window_hours", 24 * 90, origin)) < 0 ||
	    (error = read_number(&broad, sect, "broad_files", 10000, origin)) < 0 ||
	    (error = read_number(&sev, sect, "broad_rollback_severity", 4, origin)) < 0 ||
	    (error = read_number(&sigs, sect, "broad_signatures", 100, origin)) < 0 ||
	    (error = read_number(&t->immediate_hours, sect, "immediate_hours", 24 * 365, origin)) < 0 ||
	    (error = read_number(&t->capacity_hours, sect, "capacity_hours", 24 * 365, origin)) < 0)
		return error;
	t->window_hours = (int)window;
	t->broad_files = (size_t)broad;
	t->broad_rollback_severity = (int)sev;
	t->broad_signatures = (size_t)sigs;
	return 0;
}

/* A string key: absent keeps the default; "" is allowed (it names no environment). */
static int read_string(char **out, json_t *doc, const char *key, const char *origin)
{
	json_t *v = json_object_get(doc, key);

	if (!v)
		return 0;
	if (!json_is_string(v))
		return err_set(ERR_INPUT, "cannot parse '%s': field '%s': expected a string", origin, key);
	free(*out);
	*out = xstrdup(json_string_value(v));
	return 0;
}

/* action_classes: {safe: [...], confirm: [...], forbidden: [...]}, and the environments. */
static int read_classes(struct policy *p, json_t *doc, const char *origin)
{
	json_t *sect = json_object_get(doc, "action_classes");
	const char *key;
	json_t *v;
	int error;

	if (sect && !json_is_object(sect))
		return err_set(ERR_INPUT, "cannot parse '%s': field 'action_classes': expected a mapping "
			       "of safe, confirm and forbidden", origin);
	json_object_foreach(sect, key, v) {
		if (strcmp(key, "safe") && strcmp(key, "confirm") && strcmp(key, "forbidden"))
			return err_set(ERR_INPUT, "cannot parse '%s': field 'action_classes.%s': expected "
				       "safe, confirm or forbidden", origin, key);
	}
	if ((error = read_list(&p->safe_actions, sect, "safe", origin)) < 0 ||
	    (error = read_list(&p->confirm_actions, sect, "confirm", origin)) < 0 ||
	    (error = read_list(&p->forbidden_actions, sect, "forbidden", origin)) < 0 ||
	    (error = read_string(&p->safe_environment, doc, "safe_environment", origin)) < 0)
		return error;
	return read_string(&p->approval_environment, doc, "approval_environment", origin);
}

int policy_load(struct policy *out, const char *path)
{
	struct policy p = POLICY_INIT;
	struct buf text = BUF_INIT;
	json_t *doc = NULL;
	int error;

	p.max_files = 20;
	p.tuning = tuning_defaults;
	p.max_diff_bytes = 256 * 1024;
	p.max_file_bytes = 1024 * 1024;
	p.deny_paths = copy_list(default_deny);
	p.remediations = copy_list(default_remediations);
	p.workflows = copy_list(default_workflows);
	p.actions = copy_list(default_actions);
	p.model_new_paths = copy_list(default_model_new_paths);
	p.safe_actions = copy_list(default_safe);
	p.confirm_actions = copy_list(default_confirm);
	p.forbidden_actions = copy_list(default_forbidden);
	p.safe_environment = xstrdup("aiops-safe");
	p.approval_environment = xstrdup("aiops-approval");
	p.max_repair_attempts = 2;
	p.repair_ci_workflow = xstrdup("ci.yml");
	p.origin = xstrdup("defaults");
	if (!path || (error = sys_read_file(&text, path, ALERT_FILE_MAX)) == ERR_NOTFOUND) {
		err_clear();
		error = 0;
		goto done;
	}
	if (error < 0 || (error = yamlio_parse(&doc, text.ptr, text.len, path)) < 0)
		goto done;
	free(p.origin);
	p.origin = xstrdup(path);
	if (json_is_null(doc))
		goto done;
	if (!json_is_object(doc)) {
		error = err_set(ERR_INPUT, "cannot parse '%s': expected a mapping of policy keys", path);
		goto done;
	}
	if ((error = read_size(&p.max_files, doc, "max_files", path)) < 0 ||
	    (error = read_size(&p.max_diff_bytes, doc, "max_diff_bytes", path)) < 0 ||
	    (error = read_size(&p.max_file_bytes, doc, "max_file_bytes", path)) < 0 ||
	    (error = read_list(&p.deny_paths, doc, "deny_paths", path)) < 0 ||
	    (error = read_list(&p.remediations, doc, "allowed_remediations", path)) < 0 ||
	    (error = read_list(&p.workflows, doc, "allowed_workflows", path)) < 0 ||
	    (error = read_list(&p.actions, doc, "allowed_actions", path)) < 0 ||
	    (error = read_list(&p.model_new_paths, doc, "model_new_paths", path)) < 0 ||
	    (error = read_classes(&p, doc, path)) < 0 ||
	    (error = read_size(&p.max_repair_attempts, doc, "max_repair_attempts", path)) < 0 ||
	    (error = read_string(&p.repair_ci_workflow, doc, "repair_ci_workflow", path)) < 0 ||
	    (error = read_tuning(&p.tuning, doc, path)) < 0)
		goto done;
done:
	json_decref(doc);
	buf_release(&text);
	if (error < 0) {
		policy_release(&p);
		return error;
	}
	*out = p;
	return 0;
}

void policy_release(struct policy *p)
{
	sys_free_list(p->deny_paths);
	sys_free_list(p->remediations);
	sys_free_list(p->workflows);
	sys_free_list(p->actions);
	sys_free_list(p->model_new_paths);
	sys_free_list(p->safe_actions);
	sys_free_list(p->confirm_actions);
	sys_free_list(p->forbidden_actions);
	free(p->safe_environment);
	free(p->approval_environment);
	free(p->repair_ci_workflow);
	free(p->origin);
	memset(p, 0, sizeof(*p));
}

static bool listed(char *const *list, const char *s)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static bool has_prefix_dir(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	if (!strncmp(path, prefix, n))
		return true;
	/* "dir/" also denies the directory path "dir" itself */
	return n && prefix[n - 1] == '/' && strlen(path) == n - 1 && !strncmp(path, prefix, n - 1);
}

/*
 * What no fix may touch, whatever the policy file says: the repository's GitHub
 * configuration (actions, CODEOWNERS, templates: they run or decide who reviews).
 */
static int always_denied(const char *path)
{
	if (has_prefix_dir(path, ".github/"))
		return err_set(ERR_POLICY, "refused by the safety policy: '%s' is under .github/ (actions, "
			       "owners and settings of the repository are never changed)", path);
	if (!strcmp(sys_basename(path), "CODEOWNERS"))
		return err_set(ERR_POLICY, "refused by the safety policy: '%s' decides who reviews", path);
	return 0;
}

/*
 * Files whose names say they hold keys or secrets: a model's fix never writes them (a
 * revert of a person's change to a settings file is another matter: they made it).
 */
static const char *const key_extensions[] = {".pem", ".key", ".p12", ".pfx", ".jks", ".keystore"};
static const char *const key_prefixes[] = {"id_rsa", "id_ecdsa", "id_ed25519", "secrets.", "credentials."};
static const char *const env_templates[] = {".example", ".sample", ".template", ".dist"};

static bool secret_named(const char *path)
{
	const char *base = sys_basename(path), *dot = strrchr(base, '.');
	size_t i;

	for (i = 0; dot && i < ARRAY_SIZE(key_extensions); i++)
		if (!strcmp(dot, key_extensions[i]))
			return true;
	for (i = 0; i < ARRAY_SIZE(key_prefixes); i++)
		if (!strncmp(base, key_prefixes[i], strlen(key_prefixes[i])))
			return true;
	if (strcmp(base, ".env") && strncmp(base, ".env.", 5))
		return !strcmp(base, "credentials");
	for (i = 0; dot && i < ARRAY_SIZE(env_templates); i++)
		if (!strcmp(dot, env_templates[i]))
			return false; /* ".env.example" documents the keys, it holds none */
	return true;
}

int policy_check_path(const struct policy *p, const char *path)
{
	const char *s;
	int error;

	if (!*path)
		return err_set(ERR_POLICY, "refused by the safety policy: an empty path");
	if (path[0] == '/' || path[0] == '~' || strchr(path, '\\') || strchr(path, ':'))
		return err_set(ERR_POLICY, "refused by the safety policy: '%s' is not a relative "
			       "repository path", path);
	for (s = path; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return err_set(ERR_POLICY, "refused by the safety policy: '%s' has control "
				       "characters", path);
	for (s = path; s; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (!strncmp(s, "..", 2) && (s[2] == '/' || s[2] == '\0'))
			return err_set(ERR_POLICY, "refused by the safety policy: '%s' leaves the "
				       "repository", path);
		if ((!strncmp(s, ".git", 4) && (s[4] == '/' || s[4] == '\0')) ||
		    (s[0] == '.' && (s[1] == '/' || s[1] == '\0')) || *s == '/')
			return err_set(ERR_POLICY, "refused by the safety policy: '%s' is not a plain "
				       "repository path", path);
	}
	if (has_prefix_dir(path, ".github/workflows/"))
		return err_set(ERR_POLICY, "refused by the safety policy: '%s' is a workflow file; "
			       "the agent never changes workflows", path);
	for (size_t i = 0; p->deny_paths && p->deny_paths[i]; i++)
		if (has_prefix_dir(path, p->deny_paths[i]))
			return err_set(ERR_POLICY, "refused by the safety policy: '%s' is under '%s' "
				       "(deny_paths in %s)", path, p->deny_paths[i], p->origin);
	return (error = always_denied(path)) < 0 ? error : 0;
}

static int check_branch(const char *branch)
{
	const char *s;

	if (!*branch || branch[0] == '-' || branch[0] == '/' || strstr(branch, "..") ||
	    strstr(branch, "@{") || strstr(branch, "//") || branch[strlen(branch) - 1] == '/' ||
	    branch[strlen(branch) - 1] == '.' || strlen(branch) > 200)
		return err_set(ERR_POLICY, "refused by the safety policy: '%s' is not a valid branch name",
			       branch);
	for (s = branch; *s; s++)
		if ((unsigned char)*s <= 0x20 || strchr("~^:?*[\\", *s) || *s == 0x7f)
			return err_set(ERR_POLICY, "refused by the safety policy: '%s' is not a valid "
				       "branch name", branch);
	return 0;
}

/* Whether `path` is one of `allowed` or lies under one of `dirs` (both NULL-terminated). */
static bool in_scope(const char *path, char *const *allowed, char *const *dirs)
{
	if (listed(allowed, path))
		return true;
	for (size_t i = 0; dirs && dirs[i]; i++)
		if (has_prefix_dir(path, dirs[i]))
			return true;
	return false;
}

int policy_check_model_file(const struct policy *p, const struct patch_file *f, char *const *evidence_paths)
{
	const char *path = patch_file_path(f);

	if (f->is_deleted)
		return err_set(ERR_POLICY, "refused by the safety policy: the model's fix deletes '%s' (a "
			       "model never deletes whole files)", path);
	if (secret_named(path))
		return err_set(ERR_POLICY, "refused by the safety policy: the model's fix writes '%s', "
			       "named like a key or secrets file", path);
	/* Plain files only: 100755, a link (120000), a submodule (160000), any other mode */
	if (f->new_mode && strcmp(f->new_mode, "100644"))
		return err_set(ERR_POLICY, "refused by the safety policy: the model's fix makes '%s' "
			       "of mode %s (executable, a link or not a plain file)", path, f->new_mode);
	if (!(f->is_new ? in_scope(path, evidence_paths, p->model_new_paths) : listed(evidence_paths, path)))
		return err_set(ERR_POLICY, "refused by the safety policy: the model's fix changes '%s', "
			       "which no evidence names (the blamed pull request's files, the stack "
			       "frames' files, the service's manifests and settings)%s", path,
			       f->is_new ? " and which is not under model_new_paths" : "");
	return 0;
}

int policy_check_model(const struct policy *p, const struct plan *plan, char *const *evidence_paths)
{
	struct patch fix = PATCH_INIT;
	int error;

	if ((error = policy_check(p, plan)) < 0 || !plan->diff.len)
		return error;
	if ((error = patch_parse(&fix, plan->diff.ptr, plan->diff.len, "the model's fix")) < 0) {
		err_prefix("refused by the safety policy");
		return ERR_POLICY;
	}
	for (size_t i = 0; i < fix.nfiles && !error; i++)
		error = policy_check_model_file(p, &fix.files[i], evidence_paths);
	patch_release(&fix);
	return error;
}

int policy_check(const struct policy *p, const struct plan *plan)
{
	struct patch fix = PATCH_INIT;
	const char *type = remediation_name(plan->type);
	int error = 0;

	if (!listed(p->remediations, type))
		return err_set(ERR_POLICY, "refused by the safety policy: remediation '%s' is not in "
			       "allowed_remediations (%s)", type, p->origin);
	if (plan->branch && (error = check_branch(plan->branch)) < 0)
		return error;
	if (plan->diff.len > p->max_diff_bytes)
		return err_set(ERR_POLICY, "refused by the safety policy: the fix is %zu bytes, over "
			       "max_diff_bytes %zu (%s)", plan->diff.len, p->max_diff_bytes, p->origin);
	if (plan->diff.len) {
		if ((error = patch_parse(&fix, plan->diff.ptr, plan->diff.len, "the fix")) < 0) {
			err_prefix("refused by the safety policy");
			return ERR_POLICY;
		}
		if (fix.nfiles > p->max_files) {
			error = err_set(ERR_POLICY, "refused by the safety policy: the fix changes %zu "
					"files, over max_files %zu (%s)", fix.nfiles, p->max_files,
					p->origin);
			goto done;
		}
		for (size_t i = 0; i < fix.nfiles && !error; i++) {
			if (fix.files[i].old_path)
				error = policy_check_path(p, fix.files[i].old_path);
			if (!error && fix.files[i].new_path)
				error = policy_check_path(p, fix.files[i].new_path);
		}
	}
	if (!error && plan->dispatch) {
		const char *wf = json_string_value(json_object_get(plan->dispatch, "workflow"));
		const char *action = json_string_value(
			json_object_get(json_object_get(plan->dispatch, "inputs"), "action"));

		if (!wf || !listed(p->workflows, wf))
			error = err_set(ERR_POLICY, "refused by the safety policy: workflow '%s' is not "
					"in allowed_workflows (%s)", wf ? wf : "(none)", p->origin);
		else if (action && listed(p->forbidden_actions, action))
			error = err_set(ERR_POLICY, "refused by the safety policy: action '%s' is FORBIDDEN "
					"(action_classes.forbidden in %s): the agent never dispatches it",
					action, p->origin);
		else if (action && !listed(p->actions, action))
			error = err_set(ERR_POLICY, "refused by the safety policy: action '%s' is not in "
					"allowed_actions (%s)", action, p->origin);
		else if (action && !strcmp(policy_action_class(p, action), "confirm") &&
			 (!p->approval_environment || !*p->approval_environment))
			error = err_set(ERR_POLICY, "refused by the safety policy: action '%s' needs a "
					"person's approval and no protected environment is named for it "
					"(approval_environment in %s)", action, p->origin);
	}
done:
	patch_release(&fix);
	return error;
}

const char *policy_action_class(const struct policy *p, const char *action)
{
	if (listed(p->forbidden_actions, action))
		return "forbidden";
	return listed(p->safe_actions, action) ? "safe" : "confirm";
}

void policy_bind_dispatch(const struct policy *p, struct plan *plan)
{
	json_t *inputs = plan->dispatch ? json_object_get(plan->dispatch, "inputs") : NULL;
	const char *action = inputs ? json_string_value(json_object_get(inputs, "action")) : NULL;
	const char *class, *env;

	if (!action)
		return;
	class = policy_action_class(p, action);
	env = !strcmp(class, "safe") ? p->safe_environment : p->approval_environment;
	if (json_object_get(inputs, "environment"))
		json_object_set(inputs, "target_environment", json_object_get(inputs, "environment"));
	json_object_set_new(inputs, "class", json_string(class));
	json_object_set_new(inputs, "environment", json_string(env ? env : ""));
	if (!strcmp(class, "confirm") && plan->description) {
		char *d = xasprintf("%s It waits in the protected environment '%s' until one of its "
				    "required reviewers approves the run.", plan->description, env);

		free(plan->description);
		plan->description = d;
	}
}

int policy_load_repo(struct policy *out, struct github *gh, const char *scratch)
{
	struct buf text = BUF_INIT;
	char *path = NULL;
	int error;

	buf_init(&text, TREE_FILE_MAX);
	error = gh->ops->read_file(&text, gh, ".github/aiops-agent.yml");
	if (error == ERR_NOTFOUND) {
		err_clear();
		error = policy_load(out, NULL);
	} else if (error == 0) {
		path = sys_path_join(scratch, ".policy.yml");
		if ((error = sys_write_file(path, text.ptr, text.len)) == 0)
			error = policy_load(out, path);
		unlink(path);
	}
	buf_release(&text);
	free(path);
	return error;
}

