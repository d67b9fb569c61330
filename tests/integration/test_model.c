/*
 * The model client against the loopback model double: request shape, the three ways an
 * answer may carry its JSON, the response_format fallback chain, retries, timeouts,
 * context-length and quota errors, a 5 MB answer, Azure's header and query, and the
 * configuration from the environment.
 */
#include "common.h"
#include "harness.h"
#include "io/http.h"
#include "util/jsonx.h"
#include "io/model.h"
#include "model_double.h"
#include "util/sys.h"

static struct model_config config_for(struct model_double *md)
{
	struct model_config c = MODEL_CONFIG_INIT;

	c.base_url = md_url(md);
	c.model = xstrdup("test-model");
	c.token = xstrdup("tok_model_0123456789");
	c.timeout_ms = 3000;
	c.max_attempts = 3;
	c.max_prompt_tokens = 7000;
	c.max_answer_tokens = 500;
	return c;
}

/* One call "# Task: diagnosis" with a tiny schema; the answer is left in `ans`. */
static int ask(struct model_answer *ans, struct model_client *client)
{
	static const struct model_message msgs[] = {
		{"system", "Answer with JSON."},
		{"user", "# Task: diagnosis\nWhat broke?"},
	};
	json_t *schema = json_pack("{s:s}", "type", "object");
	struct model_call call = {msgs, 2, "diagnosis", schema, 0};
	int error = model_chat(ans, client, &call);

	json_decref(schema);
	return error;
}

/* Start a double answering `content`, make a client, ask once. */
#define SETUP(content)                                                                 \
	struct model_double md = {0};                                                  \
	struct model_config cfg;                                                       \
	struct model_client *client = NULL;                                           \
	struct model_answer ans = MODEL_ANSWER_INIT;                                   \
	md.answer[MD_DIAGNOSIS][0] = (content);                                        \
	http_set_backoff_scale(0)

#define START()                                                                        \
	do {                                                                           \
		ASSERT_OK(md_start(&md));                                              \
		cfg = config_for(&md);                                                 \
		ASSERT_OK(model_client_new(&client, &cfg));                            \
	} while (0)

#define TEARDOWN()                                                                     \
	do {                                                                           \
		model_answer_release(&ans);                                            \
		model_client_free(client);                                             \
		model_config_release(&cfg);                                            \
		md_stop(&md);                                                          \
	} while (0)

TEST(model, valid_json_and_request_shape)
{
	SETUP("{\"category\": \"application\", \"blame_pr\": 12}");
	json_t *body;
	char *auth;
	struct model_usage u;

	START();
	ASSERT_OK(ask(&ans, client));
	ASSERT_INT_EQ(ans.outcome, MODEL_OK);
	ASSERT_INT_EQ(ans.format, MODEL_FORMAT_SCHEMA);
	ASSERT_STR_EQ(jsonx_str(ans.json, "category"), "application");
	ASSERT_INT_EQ(jsonx_int(ans.json, "blame_pr", 0), 12);
	ASSERT_STR_EQ(double_request(md.http, 0)->method, "POST");
	ASSERT_STR_EQ(double_request(md.http, 0)->path, "/v1/chat/completions");
	auth = double_header(double_request(md.http, 0), "Authorization");
	ASSERT_STR_EQ(auth, "Bearer tok_model_0123456789");
	free(auth);
	body = md_body(&md, 0);
	ASSERT_STR_EQ(jsonx_str(body, "model"), "test-model");
	ASSERT_INT_EQ(jsonx_int(body, "max_tokens", 0), 500);
	ASSERT_STR_EQ(jsonx_str(body, "response_format.type"), "json_schema");
	ASSERT_STR_EQ(jsonx_str(body, "response_format.json_schema.name"), "diagnosis");
	ASSERT(json_is_true(jsonx_path(body, "response_format.json_schema.strict")));
	ASSERT_STR_EQ(jsonx_str(body, "response_format.json_schema.schema.type"), "object");
	ASSERT_INT_EQ(json_array_size(json_object_get(body, "messages")), 2);
	json_decref(body);
	model_client_usage(&u, client);
	ASSERT_INT_EQ(u.calls, 1);
	ASSERT(u.prompt_tokens > 0 && u.completion_tokens > 0);
	ASSERT_INT_EQ(u.total_tokens, u.prompt_tokens + u.completion_tokens);
	TEARDOWN();
}

TEST(model, json_in_a_markdown_fence)
{
	SETUP("Here is the diagnosis:\n\n```json\n{\"category\": \"infrastructure\"}\n```\n\nHope it helps.");

	START();
	ASSERT_OK(ask(&ans, client));
	ASSERT_STR_EQ(jsonx_str(ans.json, "category"), "infrastructure");
	ASSERT_CONTAINS(ans.text, "Hope it helps");
	TEARDOWN();
}

TEST(model, prose_then_json)
{
	SETUP("Looking at the logs, the pool is exhausted {not json}. So: {\"category\": "
	      "\"application\", \"why\": \"a } in a string\", \"n\": {\"k\": [1, 2]}} Done.");

	START();
	ASSERT_OK(ask(&ans, client));
	ASSERT_STR_EQ(jsonx_str(ans.json, "why"), "a } in a string");
	ASSERT_INT_EQ(jsonx_int(ans.json, "n.k", -1), -1); /* an array, not a number */
	TEARDOWN();
}

TEST(model, answer_without_json)
{
	SETUP("I am sorry, I cannot help with that.");

	START();
	ASSERT_ERR(ask(&ans, client), ERR_INPUT);
	ASSERT_INT_EQ(ans.outcome, MODEL_NOT_JSON);
	ASSERT_CONTAINS(ans.text, "cannot help");
	ASSERT(ans.json == NULL);
	TEARDOWN();
}

TEST(model, response_format_falls_back_and_is_remembered)
{
	SETUP("{\"ok\": true}");
	json_t *b0, *b1, *b2, *b3;

	md.fail = (struct md_failure){400, NULL,
				      "{\"error\":{\"message\":\"Invalid parameter: 'response_format' "
				      "of type 'json_schema' is not supported with this model.\"}}",
				      2, 0, false};
	START();
	ASSERT_OK(ask(&ans, client));
	ASSERT_INT_EQ(ans.format, MODEL_FORMAT_TEXT);
	ASSERT(json_is_true(json_object_get(ans.json, "ok")));
	model_answer_release(&ans);
	ASSERT_OK(ask(&ans, client)); /* starts where the last one ended */
	ASSERT_INT_EQ(double_count(md.http), 4);
	b0 = md_body(&md, 0);
	b1 = md_body(&md, 1);
	b2 = md_body(&md, 2);
	b3 = md_body(&md, 3);
	ASSERT_STR_EQ(jsonx_str(b0, "response_format.type"), "json_schema");
	ASSERT_STR_EQ(jsonx_str(b1, "response_format.type"), "json_object");
	ASSERT(json_object_get(b2, "response_format") == NULL);
	ASSERT(json_object_get(b3, "response_format") == NULL);
	json_decref(b0);
	json_decref(b1);
	json_decref(b2);
	json_decref(b3);
	TEARDOWN();
}

TEST(model, refused_parameters_are_dropped)
{
	SETUP("{\"ok\": true}");
	json_t *b1, *b2;

	md.fail = (struct md_failure){400, NULL,
				      "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is "
				      "not supported with this model. Use 'max_completion_tokens' "
				      "instead.\"}}", 1, 0, false};
	START();
	ASSERT_OK(ask(&ans, client));
	b1 = md_body(&md, 1);
	ASSERT(json_object_get(b1, "max_tokens") == NULL);
	ASSERT_INT_EQ(jsonx_int(b1, "max_completion_tokens", 0), 500);
	ASSERT_STR_EQ(jsonx_str(b1, "response_format.type"), "json_schema");
	json_decref(b1);
	model_answer_release(&ans);
	ASSERT_OK(ask(&ans, client));
	b2 = md_body(&md, 2);
	ASSERT(json_object_get(b2, "max_tokens") == NULL);
	json_decref(b2);
	TEARDOWN();
}

TEST(model, retries_429_then_succeeds)
{
	SETUP("{\"ok\": true}");

	md.fail = (struct md_failure){429, "Retry-After: 0\r\n",
				      "{\"error\":{\"message\":\"Rate limit reached, retry later\"}}", 1, 0,
				      false};
	START();
	ASSERT_OK(ask(&ans, client));
	ASSERT_INT_EQ(ans.outcome, MODEL_OK);
	ASSERT_INT_EQ(double_count(md.http), 2);
	TEARDOWN();
}

TEST(model, gives_up_after_500_three_times)
{
	SETUP("{\"ok\": true}");

	md.fail = (struct md_failure){500, NULL, NULL, 100, 0, false};
	START();
	ASSERT_ERR(ask(&ans, client), ERR_NET);
	ASSERT_INT_EQ(ans.outcome, MODEL_FAILED);
	ASSERT_INT_EQ(double_count(md.http), 3);
	ASSERT_CONTAINS(err_last(), "answered 500 after 3 attempts");
	TEARDOWN();
}

TEST(model, hang_past_the_timeout)
{
	SETUP("{\"ok\": true}");
	double t0;

	md.fail = (struct md_failure){-1, NULL, NULL, 100, 900, false};
	ASSERT_OK(md_start(&md));
	cfg = config_for(&md);
	cfg.timeout_ms = 200;
	cfg.max_attempts = 2;
	ASSERT_OK(model_client_new(&client, &cfg));
	t0 = sys_now();
	ASSERT_ERR(ask(&ans, client), ERR_NET);
	ASSERT(sys_now() - t0 < 5);
	ASSERT_INT_EQ(ans.outcome, MODEL_FAILED);
	ASSERT_CONTAINS(err_last(), "after 2 attempts");
	TEARDOWN();
}

TEST(model, context_length_error_is_told_apart)
{
	SETUP("{\"ok\": true}");

	md.fail = (struct md_failure){400, NULL,
				      "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"This "
				      "model's maximum context length is 8192 tokens. However, your "
				      "messages resulted in 9000 tokens.\"}}", 1, 0, false};
	START();
	ASSERT_ERR(ask(&ans, client), ERR_TOO_BIG);
	ASSERT_INT_EQ(ans.outcome, MODEL_CONTEXT_LENGTH);
	ASSERT_INT_EQ(double_count(md.http), 1);
	ASSERT_CONTAINS(err_last(), "does not fit the context");
	TEARDOWN();
}

TEST(model, github_models_token_limit_is_a_context_error)
{
	SETUP("{\"ok\": true}");

	md.fail = (struct md_failure){413, NULL,
				      "{\"error\":{\"code\":\"tokens_limit_reached\",\"message\":\"Request "
				      "body too large for gpt-4o model. Max size: 8000 tokens.\"}}", 1, 0,
				      false};
	START();
	ASSERT_ERR(ask(&ans, client), ERR_TOO_BIG);
	ASSERT_INT_EQ(ans.outcome, MODEL_CONTEXT_LENGTH);
	TEARDOWN();
}

TEST(model, daily_quota_is_not_retried)
{
	SETUP("{\"ok\": true}");

	md.fail = (struct md_failure){429, "Retry-After: 80000\r\n",
				      "{\"error\":{\"code\":\"RateLimitReached\",\"message\":\"Rate limit "
				      "of 150 per 86400s exceeded for UserByModelByDay. Please wait 80000 "
				      "seconds before retrying.\"}}", 100, 0, false};
	START();
	ASSERT_ERR(ask(&ans, client), ERR_NET);
	ASSERT_INT_EQ(ans.outcome, MODEL_QUOTA);
	ASSERT_INT_EQ(double_count(md.http), 1);
	ASSERT_CONTAINS(err_last(), "quota");
	ASSERT_CONTAINS(err_last(), "exhausted");
	ASSERT_CONTAINS(err_last(), "80000 s");
	TEARDOWN();
}

TEST(model, five_megabyte_answer_is_capped)
{
	SETUP("{\"ok\": true}");

	md.fail = (struct md_failure){0, NULL, NULL, 100, 0, true};
	START();
	ASSERT_ERR(ask(&ans, client), ERR_TOO_BIG);
	ASSERT_INT_EQ(ans.outcome, MODEL_FAILED);
	ASSERT_CONTAINS(err_last(), "exceeds");
	ASSERT(ans.text == NULL);
	TEARDOWN();
}

TEST(model, azure_api_key_and_version)
{
	SETUP("{\"ok\": true}");
	char *key, *auth;

	ASSERT_OK(md_start(&md));
	cfg = config_for(&md);
	cfg.azure = true;
	cfg.api_version = xstrdup("2024-10-21");
	ASSERT_OK(model_client_new(&client, &cfg));
	ASSERT_OK(ask(&ans, client));
	ASSERT_STR_EQ(double_request(md.http, 0)->path, "/v1/chat/completions?api-version=2024-10-21");
	key = double_header(double_request(md.http, 0), "api-key");
	auth = double_header(double_request(md.http, 0), "Authorization");
	ASSERT_STR_EQ(key, "tok_model_0123456789");
	ASSERT(auth == NULL);
	free(key);
	TEARDOWN();
}

/* ---- configuration ---- */

static const char *const model_env[] = {
	"AIOPS_MODEL_URL", "AIOPS_MODEL", "AIOPS_MODEL_TOKEN", "GITHUB_TOKEN", "GH_TOKEN",
	"AZURE_OPENAI_API_KEY", "OPENAI_API_KEY", "AIOPS_MODEL_AZURE", "AIOPS_MODEL_API_VERSION",
	"AIOPS_MAX_PROMPT_TOKENS", "AIOPS_MODEL_TIMEOUT", "AIOPS_MODEL_FORMAT", "AIOPS_MODEL_SERIAL",
	"AIOPS_MODEL_ATTEMPTS", "AIOPS_MODEL_MAX_TOKENS",
};

struct saved_env {
	char *values[ARRAY_SIZE(model_env)];
};

static void env_save_clear(struct saved_env *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(model_env); i++) {
		const char *v = getenv(model_env[i]);

		s->values[i] = v ? xstrdup(v) : NULL;
		test_unsetenv(model_env[i]);
	}
}

static void env_restore(struct saved_env *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(model_env); i++) {
		if (s->values[i])
			test_setenv(model_env[i], s->values[i]);
		else
			test_unsetenv(model_env[i]);
		free(s->values[i]);
	}
}

static void config_cases(void)
{
	struct model_config c = MODEL_CONFIG_INIT;
	bool on = true;

	ASSERT_OK(model_config_from_env(&c, &on));
	ASSERT(!on);

	test_setenv("GITHUB_TOKEN", "ghs_abcdefghijklmnopqrstuvwxyz0123456789");
	ASSERT_OK(model_config_from_env(&c, &on));
	ASSERT(on);
	ASSERT_STR_EQ(c.base_url, MODEL_GITHUB_URL);
	ASSERT_STR_EQ(c.model, MODEL_GITHUB_DEFAULT);
	ASSERT_STR_EQ(c.token_from, "GITHUB_TOKEN");
	ASSERT(c.github && !c.azure);
	ASSERT_INT_EQ(c.max_prompt_tokens, 7000);
	model_config_release(&c);

	/* a GitHub token never goes to another host */
	test_setenv("AIOPS_MODEL_URL", "http://localhost:11434/v1/");
	ASSERT_ERR(model_config_from_env(&c, &on), ERR_USAGE);
	ASSERT_CONTAINS(err_last(), "AIOPS_MODEL");
	test_setenv("AIOPS_MODEL", "llama3.1");
	ASSERT_OK(model_config_from_env(&c, &on));
	ASSERT(on);
	ASSERT_STR_EQ(c.base_url, "http://localhost:11434/v1");
	ASSERT(c.token == NULL);
	model_config_release(&c);

	test_setenv("AIOPS_MODEL_URL", "https://api.example.com/v1/chat/completions");
	test_setenv("AIOPS_MODEL_TOKEN", "sk-test-0123456789");
	test_setenv("AIOPS_MAX_PROMPT_TOKENS", "3000");
	test_setenv("AIOPS_MODEL_TIMEOUT", "0.5");
	ASSERT_OK(model_config_from_env(&c, &on));
	ASSERT_STR_EQ(c.base_url, "https://api.example.com/v1");
	ASSERT_STR_EQ(c.token, "sk-test-0123456789");
	ASSERT_INT_EQ(c.max_prompt_tokens, 3000);
	ASSERT_INT_EQ(c.timeout_ms, 500);
	model_config_release(&c);

	test_setenv("AIOPS_MODEL_URL", "https://shop-ai.openai.azure.com/");
	test_setenv("AIOPS_MODEL", "gpt-4o");
	ASSERT_OK(model_config_from_env(&c, &on));
	ASSERT(c.azure);
	ASSERT_STR_EQ(c.base_url, "https://shop-ai.openai.azure.com/openai/deployments/gpt-4o");
	ASSERT_STR_EQ(c.api_version, MODEL_AZURE_API_VERSION);
	model_config_release(&c);

	test_setenv("AIOPS_MAX_PROMPT_TOKENS", "lots");
	ASSERT_ERR(model_config_from_env(&c, &on), ERR_USAGE);
	ASSERT_CONTAINS(err_last(), "AIOPS_MAX_PROMPT_TOKENS='lots'");
	test_unsetenv("AIOPS_MAX_PROMPT_TOKENS");
	test_setenv("AIOPS_MODEL_URL", "ftp://x");
	ASSERT_ERR(model_config_from_env(&c, &on), ERR_USAGE);
}

TEST(model, configuration_from_the_environment)
{
	struct saved_env saved;

	env_save_clear(&saved);
	config_cases();
	env_restore(&saved);
}

TEST(model, extract_json_cases)
{
	static const struct {
		const char *text;
		const char *key; /* NULL: no object expected */
	} cases[] = {
		{"{\"k\": 1}", "k"},
		{"  \n{\"k\": 1}\n  ", "k"},
		{"```\n{\"k\": 1}\n```", "k"},
		{"```json\nnot json\n```\nthen ```json\n{\"k\": 1}\n```", "k"},
		{"[1, 2, 3]", NULL},
		{"answer: {\"a\": \"{\\\"\"} and {\"k\": 2}", "a"},
		{"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{", NULL},
		{"", NULL},
		{"no braces at all", NULL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *v = model_extract_json(cases[i].text, strlen(cases[i].text));

		if (cases[i].key)
			ASSERT(v && json_object_get(v, cases[i].key));
		else
			ASSERT(v == NULL);
		json_decref(v);
	}
	ASSERT_INT_EQ(model_estimate_tokens("abcdef", 6), 2);
	ASSERT_INT_EQ(model_estimate_tokens("abcdefg", 7), 3);
}
