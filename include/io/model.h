/*
 * model.h - an OpenAI-compatible chat completions client: POST {base}/chat/completions,
 * over http.c (which owns retries, Retry-After, timeouts and caps).
 *
 * An adapter: it moves messages and JSON answers and knows nothing of incidents. The
 * servers it speaks to are GitHub Models (the default), OpenAI, Azure OpenAI, Ollama,
 * vLLM and llama.cpp's server; they differ only in the URL and the credential header:
 *
 *   GitHub Models  https://models.github.ai/inference, "Authorization: Bearer <token>";
 *                  the token may come from GITHUB_TOKEN (needs `models: read`).
 *   Azure OpenAI   a host ending in .openai.azure.com or .cognitiveservices.azure.com (or
 *                  AIOPS_MODEL_AZURE=1): "api-key: <key>" and "?api-version=" (not on the
 *                  /openai/v1 path); a bare resource URL gets /openai/deployments/<model>.
 *   anything else  "Authorization: Bearer <token>" when a token is set, none otherwise.
 *
 * Answers are asked for as JSON, in the best way the server supports, found by falling
 * back when the server rejects the request's response_format (a 400 naming it):
 *   1. response_format {"type": "json_schema", "json_schema": {name, strict, schema}}
 *   2. response_format {"type": "json_object"}
 *   3. no response_format; the JSON object is extracted from the text
 * The level that worked is remembered by the client for later calls. Whatever the level,
 * the answer text goes through model_extract_json(), so a fenced or chatty answer still
 * gives its object. Validating the object is the caller's business.
 *
 * Errors the caller acts on are told apart (struct model_answer.outcome): a prompt over
 * the model's context window (shrink and retry), an exhausted daily quota (fall back,
 * do not retry today), an answer without a JSON object (re-ask), and the rest (the
 * server unreachable after http.c's retries, a timeout, a refused credential, an answer
 * over MODEL_HTTP_MAX).
 *
 * Thread-safe: one client may serve concurrent model_chat() calls; usage is summed
 * under a lock. Call model_client_new() on the main thread (it registers the credential
 * with redact.h, which is not thread-safe to extend).
 */
#ifndef AIOPS_MODEL_H
#define AIOPS_MODEL_H

/* The default prompt budget (estimated tokens): under GitHub Models' 8,000-token input cap. */
#define MODEL_PROMPT_TOKENS 7000

#include "common.h"
#include "util/buf.h"

#include <jansson.h>

#define MODEL_GITHUB_URL "https://models.github.ai/inference"
#define MODEL_GITHUB_DEFAULT "openai/gpt-4.1"
#define MODEL_AZURE_API_VERSION "2024-10-21"
/* The whole HTTP answer: the content (MODEL_ANSWER_MAX) escaped in its JSON envelope. */
#define MODEL_HTTP_MAX (2 * MODEL_ANSWER_MAX)

enum model_format {
	MODEL_FORMAT_SCHEMA = 0,  /* response_format json_schema */
	MODEL_FORMAT_OBJECT = 1,  /* response_format json_object */
	MODEL_FORMAT_TEXT = 2,    /* no response_format: extract from the text */
};

struct model_config {
	char *base_url;            /* without a trailing '/' and without /chat/completions */
	char *model;               /* the "model" field; NULL: not sent (Azure deployments) */
	char *token;               /* credential, or NULL (a local server) */
	const char *token_from;    /* the variable it came from (static), or NULL */
	bool azure;                /* api-key header and api-version query */
	bool github;               /* GitHub Models: its Accept and API version headers */
	char *api_version;         /* Azure only */
	long timeout_ms;           /* one attempt (AIOPS_MODEL_TIMEOUT seconds, default 120) */
	int max_attempts;          /* AIOPS_MODEL_ATTEMPTS, default 3 */
	size_t max_prompt_tokens;  /* AIOPS_MAX_PROMPT_TOKENS, default MODEL_PROMPT_TOKENS */
	int max_answer_tokens;     /* AIOPS_MODEL_MAX_TOKENS, default 2000 ("max_tokens") */
	enum model_format format;  /* first level to try (AIOPS_MODEL_FORMAT), default schema */
	bool serial;               /* AIOPS_MODEL_SERIAL=1: no concurrent calls (benchmarks) */
	/*
	 * A transcript (both borrowed; see model_chat): `record`, a JSON array that every
	 * call appends its outcome to; `replay`, such an array answered from instead of the
	 * server. Plan, then apply: the job that talks to the model records, the job that
	 * holds the write token replays and never reaches a model.
	 */
	json_t *record;
	json_t *replay;
};

#define MODEL_CONFIG_INIT {0}

/*
 * The configuration from the environment:
 *   AIOPS_MODEL_URL          base URL (a trailing /chat/completions is accepted)
 *   AIOPS_MODEL              model name; default MODEL_GITHUB_DEFAULT on GitHub Models,
 *                            required elsewhere (Azure: the deployment, when the URL
 *                            does not name one)
 *   AIOPS_MODEL_TOKEN        credential; else AZURE_OPENAI_API_KEY (Azure), OPENAI_API_KEY
 *                            (api.openai.com), GITHUB_TOKEN then GH_TOKEN (GitHub Models
 *                            only: a GitHub token is never sent to another host)
 *   AIOPS_MODEL_AZURE, AIOPS_MODEL_API_VERSION, AIOPS_MODEL_TIMEOUT, AIOPS_MODEL_ATTEMPTS,
 *   AIOPS_MAX_PROMPT_TOKENS, AIOPS_MODEL_MAX_TOKENS, AIOPS_MODEL_FORMAT, AIOPS_MODEL_SERIAL
 * A model is configured when AIOPS_MODEL_URL is set, or when a credential is found for
 * the default endpoint; `*configured` says so, and `*out` is filled only then.
 * ERR_USAGE names the variable whose value is wrong.
 */
int model_config_from_env(struct model_config *out, bool *configured);
void model_config_release(struct model_config *c);
/* "<model> at <host>" for messages and the result (no credential); new string. */
char *model_config_describe(const struct model_config *c);

struct model_usage {
	long long prompt_tokens;
	long long completion_tokens;
	long long total_tokens;
	int calls;                 /* completions answered (HTTP 200) */
};

struct model_client;

/* A client over a copy of `cfg`. Never fails but for ERR_USAGE (a URL that is not http). */
int model_client_new(struct model_client **out, const struct model_config *cfg);
void model_client_free(struct model_client *c);
const struct model_config *model_client_config(const struct model_client *c);
/* The usage summed over every call so far. */
void model_client_usage(struct model_usage *out, struct model_client *c);

struct model_message {
	const char *role;          /* "system", "user" or "assistant" */
	const char *content;
};

struct model_call {
	const struct model_message *messages;
	size_t nmessages;
	const char *schema_name;   /* [a-zA-Z0-9_-]: "diagnosis" */
	json_t *schema;            /* borrowed: JSON Schema of the answer object, or NULL */
	int max_tokens;            /* 0: the configuration's */
};

enum model_outcome {
	MODEL_OK,                  /* `json` holds the answer object */
	MODEL_NOT_JSON,            /* an answer came, but no JSON object in it (see `text`) */
	MODEL_CONTEXT_LENGTH,      /* the prompt does not fit the model's context window */
	MODEL_QUOTA,               /* a daily (or longer) quota is exhausted */
	MODEL_FAILED,              /* unreachable, timed out, refused, or an answer too big */
};

struct model_answer {
	enum model_outcome outcome;
	json_t *json;              /* MODEL_OK: the answer object (owned) */
	char *text;                /* the answer's text when one came (owned), else NULL */
	enum model_format format;  /* the response_format level the answer was asked with */
	long status;               /* the last HTTP status (0: none) */
	struct model_usage usage;  /* this call's */
};

#define MODEL_ANSWER_INIT {MODEL_FAILED, NULL, NULL, MODEL_FORMAT_SCHEMA, 0, {0, 0, 0, 0}}

/*
 * One chat completion. Returns 0 with outcome MODEL_OK, or a negative error with the
 * outcome set and a message that names the server: ERR_NET (unreachable, timeouts,
 * MODEL_QUOTA, MODEL_CONTEXT_LENGTH, other HTTP errors), ERR_TOO_BIG (an answer over
 * MODEL_HTTP_MAX, or content over MODEL_ANSWER_MAX), ERR_INPUT (MODEL_NOT_JSON).
 * `out` is released by the caller either way (model_answer_release).
 */
int model_chat(struct model_answer *out, struct model_client *c, const struct model_call *call);
/*
 * The transcript: a configuration with `record` appends, for each call, under the
 * client's lock, {"schema": <schema_name>, "n": <1-based count of calls with that schema
 * name>, "prompt": <SHA-256 of the messages>, "outcome": "ok"|"not_json"|
 * "context_length"|"quota"|"failed", "text": <the answer text, redacted>, "answer":
 * <the object>, "error": <the message>} (text/answer/error when there is one). With
 * `replay`, model_chat answers the n-th call of a schema from the entry with that schema
 * and n, when its prompt hash is the call's: the same evidence gives the same prompt, so
 * a replay answers exactly what was asked. A call with no entry, or whose prompt differs
 * (the evidence moved between the two runs), fails (MODEL_FAILED, ERR_NET) and the
 * caller falls back as it does when a server is down. No request leaves the process.
 * model_transcript_check validates a transcript read from a file (ERR_INPUT naming
 * `origin` and the entry's field).
 */
int model_transcript_check(json_t *transcript, const char *origin);
void model_answer_release(struct model_answer *a);

/*
 * The JSON object in an answer text (new reference), or NULL: the whole text; else the
 * first ```json (or ```) fenced block that parses; else the first balanced {...} that
 * parses (strings and escapes respected). Bounded work on hostile text.
 */
json_t *model_extract_json(const char *text, size_t len);

/*
 * The token estimate used for every budget: one token per 3 bytes, rounded up. BPE
 * tokenizers (cl100k, o200k, Llama's) average about 4 bytes per token on English and 3
 * or a little more on code, logs and JSON, so this over-counts a little: a prompt the
 * estimate puts under the budget is under it on the server too.
 */
size_t model_estimate_tokens(const char *text, size_t len);
/* The estimate of a message list: the contents plus 4 tokens per message and 3 for the reply. */
size_t model_estimate_messages(const struct model_message *m, size_t n);

#endif
