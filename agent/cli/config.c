#include "common.h"
#include "cli/config.h"
#include "core/incident.h"
#include "util/redact.h"
#include "util/settings.h"

/* Every variable any module reads with settings_get(); the README's table says more. */
static const struct config_variable variables[] = {
	{"GITHUB_TOKEN", "live GitHub: the token for REST and git (redacted everywhere)"},
	{"GH_TOKEN", "the same, when GITHUB_TOKEN is unset"},
	{"GITHUB_REPOSITORY", "live GitHub: owner/name"},
	{"GITHUB_API_URL", "the REST API (default https://api.github.com)"},
	{"GITHUB_SERVER_URL", "the web and git host (default: from the API URL)"},
	{"GITHUB_APP_ID", "GitHub App authentication: the App's id"},
	{"GITHUB_APP_PRIVATE_KEY", "GitHub App authentication: its private key (PEM)"},
	{"GITHUB_APP_INSTALLATION_ID", "GitHub App authentication: the installation"},
	{"GITHUB_EVENT_PATH", "the Actions event payload, when no alert is given"},
	{"GITHUB_EVENT_NAME", "its event name"},
	{"GITHUB_WORKSPACE", "a checkout of the default branch"},
	{"GITHUB_ACTIONS", "true: a GitHub Actions step (outputs, summary, annotations, masks)"},
	{"GITHUB_OUTPUT", "the step's outputs file"},
	{"GITHUB_STEP_SUMMARY", "the job summary file"},
	{"GITHUB_RUN_ID", "the Actions run, named in comments and commits"},
	{"GITHUB_RUN_ATTEMPT", "its attempt"},
	{"AIOPS_BOT_LOGIN", "the login GitHub records for this token's writes (default github-actions[bot])"},
	{"AIOPS_FINGERPRINT_SALT", "a per-repository secret that keys incident fingerprints (HMAC)"},
	{"AIOPS_INCIDENTS", "where replay NAME looks for scenarios (default incidents)"},
	{"AIOPS_BLAME_WINDOW_HOURS", "how far before the alert merged pull requests are ranked"},
	{"AIOPS_GITHUB_TIMEOUT", "seconds per REST attempt (30)"},
	{"AIOPS_GITHUB_ATTEMPTS", "attempts per REST request (4)"},
	{"AIOPS_ISSUE_WAIT_SECONDS", "how long to wait for a concurrent run's issue (20)"},
	{"AIOPS_PROMPTS", "where the prompt templates are (default: the installed prompts/)"},
	{"AIOPS_MODEL", "the model name"},
	{"AIOPS_MODEL_URL", "the chat-completions endpoint (default GitHub Models)"},
	{"AIOPS_MODEL_TOKEN", "the model's token"},
	{"AIOPS_MODEL_API_VERSION", "Azure OpenAI api-version"},
	{"AIOPS_MODEL_AZURE", "1: the endpoint is Azure OpenAI"},
	{"AIOPS_MODEL_FORMAT", "the answer format the model supports"},
	{"AIOPS_MODEL_TIMEOUT", "seconds per model attempt"},
	{"AIOPS_MODEL_ATTEMPTS", "attempts per model request"},
	{"AIOPS_MODEL_MAX_TOKENS", "the answer's token cap"},
	{"AIOPS_MODEL_SERIAL", "1: ask the follow-ups one after another"},
	{"AIOPS_MAX_PROMPT_TOKENS", "the prompt budget (7000)"},
	{"AZURE_OPENAI_API_KEY", "the Azure OpenAI key"},
	{"OPENAI_API_KEY", "the OpenAI key"},
	{"AIOPS_TRACE", "1: one redacted line per HTTP attempt on stderr"},
	{"AIOPS_HTTP_BACKOFF_SCALE", "tests: scale the retry waits (0: none)"},
	{"SSL_CERT_FILE", "CA certificates for REST and git"},
	{"SSL_CERT_DIR", "a folder of CA certificates"},
	{"https_proxy", "the proxy for https (also HTTPS_PROXY)"},
	{"HTTPS_PROXY", "the same"},
	{"http_proxy", "the proxy for http (HTTP_PROXY is ignored: httpoxy)"},
	{"all_proxy", "the proxy for both (also ALL_PROXY)"},
	{"ALL_PROXY", "the same"},
	{"no_proxy", "hosts reached directly (also NO_PROXY)"},
	{"NO_PROXY", "the same"},
	{"SOURCE_DATE_EPOCH", "the run's time in issue timelines, for reproducible output"},
	{"TMPDIR", "where temporary sandboxes go"},
	{NULL, NULL},
};

const struct config_variable *config_variables(void)
{
	return variables;
}

void config_print(FILE *out)
{
	for (size_t i = 0; variables[i].name; i++)
		fprintf(out, "  %-28s %s\n", variables[i].name, variables[i].what);
}

void config_load(char *const *envp)
{
	settings_snapshot(envp);
	/* every secret value in the environment is masked from here on (redact.h says why) */
	redact_learn_env(envp);
	incident_set_salt(settings_get("AIOPS_FINGERPRINT_SALT"));
}
