#include "common.h"
#include "io/model.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "io/http.h"
#include "io/crypto.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/settings.h"

#include <ctype.h>
#include <pthread.h>
#include <strings.h>

/* ---- configuration ---- */

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* The host of a URL, lower-cased, without user info and port; new string. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://"), *end, *at;
	char *host;

	p = p ? p + 3 : url;
	end = p + strcspn(p, "/?#");
	at = memchr(p, '@', (size_t)(end - p));
	if (at)
		p = at + 1;
	host = xstrndup(p, (size_t)(end - p));
	if (host[0] != '[' && strchr(host, ':'))
		*strchr(host, ':') = '\0';
	for (char *c = host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return host;
}

static int env_number(double *out, const char *name, double dflt, double min, double max)
{
	const char *v = settings_get(name);
	char *end;
	double d;

	*out = dflt;
	if (!v)
		return 0;
	d = strtod(v, &end);
	if (end == v || *end || d < min || d > max)
		return err_set(ERR_USAGE, "cannot use %s='%s': expected a number from %g to %g", name, v,
			       min, max);
	*out = d;
	return 0;
}

static int env_flag(bool *out, const char *name, bool dflt)
{
	const char *v = settings_get(name);

	*out = dflt;
	if (!v)
		return 0;
	if (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes"))
		*out = true;
	else if (!strcmp(v, "0") || !strcasecmp(v, "false") || !strcasecmp(v, "no"))
		*out = false;
	else
		return err_set(ERR_USAGE, "cannot use %s='%s': expected 1 or 0", name, v);
	return 0;
}

static const char *pick_token(const char **from, bool azure, bool github, const char *host)
{
	static const char *const names[] = {"AIOPS_MODEL_TOKEN", "AZURE_OPENAI_API_KEY",
					    "OPENAI_API_KEY", "GITHUB_TOKEN", "GH_TOKEN"};
	bool allowed[] = {true, azure, !strcmp(host, "api.openai.com"), github, github};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (allowed[i] && settings_get(names[i])) {
			*from = names[i];
			return settings_get(names[i]);
		}
	*from = NULL;
	return NULL;
}

/* c->base_url: AIOPS_MODEL_URL (or GitHub Models) without trailing '/' or "/chat/completions". */
static int config_base_url(struct model_config *c, const char *url)
{
	size_t n;

	c->base_url = xstrdup(url ? url : MODEL_GITHUB_URL);
	n = strlen(c->base_url);
	while (n && c->base_url[n - 1] == '/')
		c->base_url[--n] = '\0';
	if (ends_with_ci(c->base_url, "/chat/completions"))
		c->base_url[n - strlen("/chat/completions")] = '\0';
	if (strncasecmp(c->base_url, "http://", 7) && strncasecmp(c->base_url, "https://", 8))
		return err_set(ERR_USAGE, "cannot use AIOPS_MODEL_URL='%s': expected an http(s) URL",
			       c->base_url);
	return 0;
}

/* The model to ask, and for Azure the deployment's URL and the API version. */
static int config_model(struct model_config *c, const char *host)
{
	if (settings_get("AIOPS_MODEL"))
		c->model = xstrdup(settings_get("AIOPS_MODEL"));
	else if (c->github)
		c->model = xstrdup(MODEL_GITHUB_DEFAULT);
	else if (!c->azure || !strstr(c->base_url, "/deployments/"))
		return err_set(ERR_USAGE, "AIOPS_MODEL is not set: name the model to ask at '%s'", host);
	if (c->azure) {
		if (!strstr(c->base_url, "/deployments/") && !strstr(c->base_url, "/openai/v1")) {
			char *full = xasprintf("%s/openai/deployments/%s", c->base_url, c->model);

			free(c->base_url);
			c->base_url = full;
		}
		if (!strstr(c->base_url, "/openai/v1"))
			c->api_version = xstrdup(settings_get("AIOPS_MODEL_API_VERSION")
							 ? settings_get("AIOPS_MODEL_API_VERSION")
							 : MODEL_AZURE_API_VERSION);
	}
	return 0;
}

/* Timeouts, attempts, token limits, serial calls and the answer format. */
static int config_limits(struct model_config *c)
{
	const char *fmt;
	double d;
	int error;

	if ((error = env_number(&d, "AIOPS_MODEL_TIMEOUT", 120, 0.05, 3600)) < 0)
		return error;
	c->timeout_ms = (long)(d * 1000);
	if ((error = env_number(&d, "AIOPS_MODEL_ATTEMPTS", 3, 1, 10)) < 0)
		return error;
	c->max_attempts = (int)d;
	if ((error = env_number(&d, "AIOPS_MAX_PROMPT_TOKENS", MODEL_PROMPT_TOKENS, 1000, 1000000)) < 0)
		return error;
	c->max_prompt_tokens = (size_t)d;
	if ((error = env_number(&d, "AIOPS_MODEL_MAX_TOKENS", 2000, 256, 100000)) < 0)
		return error;
	c->max_answer_tokens = (int)d;
	if ((error = env_flag(&c->serial, "AIOPS_MODEL_SERIAL", false)) < 0)
		return error;
	c->format = MODEL_FORMAT_SCHEMA;
	if ((fmt = settings_get("AIOPS_MODEL_FORMAT"))) {
		if (!strcmp(fmt, "json_schema"))
			c->format = MODEL_FORMAT_SCHEMA;
		else if (!strcmp(fmt, "json_object"))
			c->format = MODEL_FORMAT_OBJECT;
		else if (!strcmp(fmt, "text"))
			c->format = MODEL_FORMAT_TEXT;
		else
			return err_set(ERR_USAGE, "cannot use AIOPS_MODEL_FORMAT='%s': expected "
				       "json_schema, json_object or text", fmt);
	}
	return 0;
}

int model_config_from_env(struct model_config *out, bool *configured)
{
	struct model_config c = MODEL_CONFIG_INIT;
	const char *url = settings_get("AIOPS_MODEL_URL"), *token;
	char *host = NULL;
	int error = 0;

	*configured = false;
	if ((error = config_base_url(&c, url)) < 0)
		goto done;
	host = url_host(c.base_url);
	c.github = !strcmp(host, "models.github.ai") || !strcmp(host, "models.inference.ai.azure.com");
	if ((error = env_flag(&c.azure, "AIOPS_MODEL_AZURE",
			      ends_with_ci(host, ".openai.azure.com") ||
				      ends_with_ci(host, ".cognitiveservices.azure.com"))) < 0)
		goto done;
	token = pick_token(&c.token_from, c.azure, c.github, host);
	if (!url && !token)
		goto done; /* nothing configured: the offline engine */
	c.token = token ? xstrdup(token) : NULL;
	if ((error = config_model(&c, host)) < 0 || (error = config_limits(&c)) < 0)
		goto done;
	*configured = true;
done:
	free(host);
	if (error < 0 || !*configured) {
		model_config_release(&c);
		return error;
	}
	*out = c;
	return 0;
}

void model_config_release(struct model_config *c)
{
	free(c->base_url);
	free(c->model);
	free(c->token);
	free(c->api_version);
	memset(c, 0, sizeof(*c));
}

char *model_config_describe(const struct model_config *c)
{
	char *host = url_host(c->base_url);
	char *s = xasprintf("%s at %s%s", c->model ? c->model : "the deployment", host,
			    c->replay ? " (answers replayed from the plan)" : "");

	free(host);
	return s;
}

/* ---- the client ---- */

struct model_client {
	struct model_config cfg;
	char *endpoint;
	char *api_key_header;      /* Azure: "api-key: <key>" */
	char *host;
	pthread_mutex_t lock;
	enum model_format format;  /* the best level the server accepted so far */
	bool no_temperature;       /* the server refused "temperature" */
	bool completion_tokens;    /* send "max_completion_tokens" instead of "max_tokens" */
	struct model_usage usage;
	json_t *calls;             /* schema name -> calls so far (the transcript's "n") */
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int model_client_new(struct model_client **out, const struct model_config *cfg)
{
	struct model_client *c;

	if (!cfg->base_url || (strncasecmp(cfg->base_url, "http://", 7) &&
			       strncasecmp(cfg->base_url, "https://", 8)))
		return err_set(ERR_USAGE, "cannot use the model URL '%s': expected an http(s) URL",
			       cfg->base_url ? cfg->base_url : "(none)");
	c = xcalloc(1, sizeof(*c));
	c->cfg = *cfg;
	c->cfg.base_url = xstrdup(cfg->base_url);
	c->cfg.model = dup_or_null(cfg->model);
	c->cfg.token = dup_or_null(cfg->token);
	c->cfg.api_version = dup_or_null(cfg->api_version);
	if (!c->cfg.timeout_ms)
		c->cfg.timeout_ms = 120000;
	if (!c->cfg.max_attempts)
		c->cfg.max_attempts = 3;
	if (!c->cfg.max_prompt_tokens)
		c->cfg.max_prompt_tokens = MODEL_PROMPT_TOKENS;
	if (!c->cfg.max_answer_tokens)
		c->cfg.max_answer_tokens = 2000;
	c->format = cfg->format;
	c->host = url_host(cfg->base_url);
	c->endpoint = c->cfg.azure && c->cfg.api_version
			      ? xasprintf("%s/chat/completions?api-version=%s", c->cfg.base_url,
					  c->cfg.api_version)
			      : xasprintf("%s/chat/completions", c->cfg.base_url);
	if (c->cfg.token) {
		redact_add_literal(c->cfg.token);
		if (c->cfg.azure)
			c->api_key_header = xasprintf("api-key: %s", c->cfg.token);
	}
	c->calls = json_object();
	pthread_mutex_init(&c->lock, NULL);
	*out = c;
	return 0;
}

void model_client_free(struct model_client *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	json_decref(c->calls);
	model_config_release(&c->cfg);
	free(c->endpoint);
	free(c->api_key_header);
	free(c->host);
	free(c);
}

const struct model_config *model_client_config(const struct model_client *c)
{
	return &c->cfg;
}

void model_client_usage(struct model_usage *out, struct model_client *c)
{
	pthread_mutex_lock(&c->lock);
	*out = c->usage;
	pthread_mutex_unlock(&c->lock);
}

void model_answer_release(struct model_answer *a)
{
	json_decref(a->json);
	free(a->text);
	memset(a, 0, sizeof(*a));
	a->outcome = MODEL_FAILED;
}

/* ---- the request ---- */

struct params {
	enum model_format format;
	bool no_temperature;
	bool completion_tokens;
};

static json_t *request_body(const struct model_client *c, const struct model_call *call,
			    const struct params *p)
{
	json_t *body = json_object(), *messages = json_array();
	int max_tokens = call->max_tokens > 0 ? call->max_tokens : c->cfg.max_answer_tokens;

	if (c->cfg.model)
		json_object_set_new(body, "model", json_string(c->cfg.model));
	for (size_t i = 0; i < call->nmessages; i++)
		json_array_append_new(messages, json_pack("{s:s, s:s}", "role", call->messages[i].role,
							  "content", call->messages[i].content));
	json_object_set_new(body, "messages", messages);
	if (!p->no_temperature)
		json_object_set_new(body, "temperature", json_real(0));
	json_object_set_new(body, p->completion_tokens ? "max_completion_tokens" : "max_tokens",
			    json_integer(max_tokens));
	if (p->format == MODEL_FORMAT_SCHEMA && call->schema)
		json_object_set_new(body, "response_format",
				    json_pack("{s:s, s:{s:s, s:b, s:O}}", "type", "json_schema",
					      "json_schema", "name",
					      call->schema_name ? call->schema_name : "answer",
					      "strict", 1, "schema", call->schema));
	else if (p->format <= MODEL_FORMAT_OBJECT)
		json_object_set_new(body, "response_format", json_pack("{s:s}", "type", "json_object"));
	return body;
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* The error message of an error answer: {"error": {"message"}} / {"error": "..."} / text. */
static char *error_message(const struct buf *body)
{
	json_t *doc = json_loadb(body->ptr, body->len, 0, NULL), *e;
	const char *msg = NULL;
	struct buf out = BUF_INIT;
	char *clean;

	if (doc) {
		e = json_object_get(doc, "error");
		if (json_is_string(e))
			msg = json_string_value(e);
		else if (json_is_string(json_object_get(e, "message")))
			msg = json_string_value(json_object_get(e, "message"));
		else if (json_is_string(json_object_get(doc, "message")))
			msg = json_string_value(json_object_get(doc, "message"));
	}
	buf_putf(&out, "%.200s", msg ? msg : body->ptr);
	for (char *p = out.ptr; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	buf_rtrim(&out);
	clean = redact_strdup(out.ptr);
	buf_release(&out);
	json_decref(doc);
	return clean;
}

static bool context_length_error(const struct buf *body)
{
	static const char *const needles[] = {
		"context_length_exceeded", "maximum context length", "context length",
		"tokens_limit_reached", "too many tokens", "prompt is too long", "context window",
		"request body too large", "input is too long",
	};

	for (size_t i = 0; i < ARRAY_SIZE(needles); i++)
		if (contains_ci(body->ptr, needles[i]))
			return true;
	return false;
}

static bool quota_error(const struct http_resp *r, int max_wait)
{
	static const char *const needles[] = {"quota", "per 86400s", "ByDay", "per day", "daily"};

	if (r->status != 429)
		return false;
	if (r->retry_after_s > max_wait)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(needles); i++)
		if (contains_ci(r->body.ptr, needles[i]))
			return true;
	return false;
}

static void add_usage(struct model_usage *u, json_t *usage)
{
	long long p = json_integer_value(json_object_get(usage, "prompt_tokens"));
	long long c = json_integer_value(json_object_get(usage, "completion_tokens"));
	json_t *t = json_object_get(usage, "total_tokens");

	u->prompt_tokens += p;
	u->completion_tokens += c;
	u->total_tokens += json_is_integer(t) ? json_integer_value(t) : p + c;
	u->calls++;
}

/* A 200 answer: the content, the usage, the JSON object in it. */
static int read_answer(struct model_answer *out, struct model_client *c, const struct buf *body)
{
	json_t *doc = json_loadb(body->ptr, body->len, 0, NULL);
	json_t *msg = json_object_get(json_array_get(json_object_get(doc, "choices"), 0), "message");
	const char *content = json_string_value(json_object_get(msg, "content"));
	size_t len = json_string_length(json_object_get(msg, "content"));
	int error = 0;

	if (!doc || !json_is_object(msg)) {
		error = err_set(ERR_NET, "the model at '%s' sent an answer that is not a chat "
				"completion", c->host);
		goto done;
	}
	add_usage(&out->usage, json_object_get(doc, "usage"));
	pthread_mutex_lock(&c->lock);
	c->usage.prompt_tokens += out->usage.prompt_tokens;
	c->usage.completion_tokens += out->usage.completion_tokens;
	c->usage.total_tokens += out->usage.total_tokens;
	c->usage.calls += out->usage.calls;
	pthread_mutex_unlock(&c->lock);
	if (!content) {
		content = json_string_value(json_object_get(msg, "refusal"));
		len = content ? strlen(content) : 0;
	}
	if (len > MODEL_ANSWER_MAX) {
		error = err_set(ERR_TOO_BIG, "the answer of the model at '%s' exceeds %u bytes", c->host,
				MODEL_ANSWER_MAX);
		goto done;
	}
	/*
	 * The answer is untrusted text that ends up in issues, commits and the knowledge
	 * base: a secret it repeats (from a prompt it saw elsewhere, or made up) goes here.
	 */
	{
		struct buf clean = BUF_INIT;

		if (redact_text(&clean, content ? content : "", len) < 0)
			xdie("internal error: uncapped buffer refused an append");
		len = clean.len;
		out->text = buf_detach(&clean);
	}
	if (!(out->json = model_extract_json(out->text, len))) {
		out->outcome = MODEL_NOT_JSON;
		error = err_set(ERR_INPUT, "the answer of the model at '%s' holds no JSON object",
				c->host);
		goto done;
	}
	out->outcome = MODEL_OK;
done:
	json_decref(doc);
	return error;
}

/*
 * A 400 the request can be changed for: a response_format the server does not have, or
 * a parameter it refuses. Returns true when `p` was changed (then ask again).
 */
static bool adapt(struct params *p, const struct buf *body)
{
	if (p->format < MODEL_FORMAT_TEXT &&
	    (contains_ci(body->ptr, "response_format") || contains_ci(body->ptr, "json_schema") ||
	     contains_ci(body->ptr, "json_object") || contains_ci(body->ptr, "structured output"))) {
		p->format++;
		return true;
	}
	if (!p->completion_tokens && contains_ci(body->ptr, "max_tokens")) {
		p->completion_tokens = true;
		return true;
	}
	if (!p->no_temperature && contains_ci(body->ptr, "temperature")) {
		p->no_temperature = true;
		return true;
	}
	return false;
}

#define MODEL_MAX_WAIT_S 60 /* the longest wait a server may ask for; a 429 asking more is a quota */

/* One POST of the chat request in the form `p` says. */
static int post_chat(struct http_resp *resp, const struct model_client *c, const struct model_call *call,
		     const struct params *p, const char **headers)
{
	struct http_req req = HTTP_REQ_INIT;
	json_t *body = request_body(c, call, p);
	char *text = json_dumps(body, JSON_COMPACT);
	int error;

	json_decref(body);
	req.method = "POST";
	req.url = c->endpoint;
	req.headers = headers;
	req.body = text;
	req.body_len = strlen(text);
	req.token = c->api_key_header ? NULL : c->cfg.token;
	req.max_response = MODEL_HTTP_MAX;
	req.timeout_ms = c->cfg.timeout_ms;
	req.max_attempts = c->cfg.max_attempts;
	req.max_wait_s = MODEL_MAX_WAIT_S;
	error = http_perform(resp, &req);
	free(text);
	return error;
}

/*
 * What the response to a POST gives: the answer read into `out`, or the error said.
 * `*again` when the endpoint refused a part of the request that can go: `p` and the
 * client's defaults then leave it out, and the request goes again.
 */
static int read_response(struct model_answer *out, struct model_client *c, const struct http_resp *resp,
			 struct params *p, int error, bool *again)
{
	char *msg;

	*again = false;
	if (error == ERR_NET && quota_error(resp, MODEL_MAX_WAIT_S)) {
		msg = error_message(&resp->body);
		out->outcome = MODEL_QUOTA;
		if (resp->retry_after_s > 0)
			error = err_set(ERR_NET, "the model quota at '%s' is exhausted (429: %s); it "
					"resets in %ld s", c->host, msg, resp->retry_after_s);
		else
			error = err_set(ERR_NET, "the model quota at '%s' is exhausted (429: %s)",
					c->host, msg);
		free(msg);
	} else if (error == 0 && resp->status == 200) {
		error = read_answer(out, c, &resp->body);
	} else if (error == 0 && (resp->status == 400 || resp->status == 413 ||
				  resp->status == 422) && context_length_error(&resp->body)) {
		msg = error_message(&resp->body);
		out->outcome = MODEL_CONTEXT_LENGTH;
		error = err_set(ERR_TOO_BIG, "the prompt does not fit the context of the model at "
				"'%s' (%ld: %s)", c->host, resp->status, msg);
		free(msg);
	} else if (error == 0 && (resp->status == 400 || resp->status == 422) &&
		   adapt(p, &resp->body)) {
		pthread_mutex_lock(&c->lock);
		if (p->format > c->format)
			c->format = p->format;
		c->no_temperature |= p->no_temperature;
		c->completion_tokens |= p->completion_tokens;
		pthread_mutex_unlock(&c->lock);
		*again = true;
	} else if (error == 0) {
		msg = error_message(&resp->body);
		error = err_set(ERR_NET, "the model at '%s' answered %ld: %s", c->host, resp->status,
				msg);
		free(msg);
	} else if (error == ERR_TOO_BIG) {
		err_set(ERR_TOO_BIG, "the answer of the model at '%s' exceeds %u bytes", c->host,
			MODEL_HTTP_MAX);
	}
	return error;
}

/* ---- the transcript (model.h) ---- */

/* In enum model_outcome's order. */
static const char *const outcome_names[] = {"ok", "not_json", "context_length", "quota", "failed"};

/* The SHA-256 of what the call asks: its schema name and its messages. */
static void prompt_hash(char out[CRYPTO_SHA256_HEX], const struct model_call *call)
{
	struct buf all = BUF_INIT;

	buf_putf(&all, "%s\n", call->schema_name ? call->schema_name : "");
	for (size_t i = 0; i < call->nmessages; i++)
		buf_putf(&all, "%s\n%s\n\x1e", call->messages[i].role, call->messages[i].content);
	crypto_sha256_hex(out, all.ptr, all.len);
	buf_release(&all);
}

/* The 1-based number of this call among the calls with its schema name. */
static int call_number(struct model_client *c, const char *schema)
{
	json_int_t n;

	pthread_mutex_lock(&c->lock);
	n = json_integer_value(json_object_get(c->calls, schema ? schema : "")) + 1;
	json_object_set_new(c->calls, schema ? schema : "", json_integer(n));
	pthread_mutex_unlock(&c->lock);
	return (int)n;
}

static void record_call(struct model_client *c, const struct model_call *call, int n,
			const char *hash, const struct model_answer *out, int error)
{
	json_t *entry = json_pack("{s:s, s:i, s:s, s:s}", "schema", call->schema_name ? call->schema_name : "",
				  "n", n, "prompt", hash, "outcome", outcome_names[out->outcome]);

	if (out->text)
		json_object_set_new(entry, "text", json_string(out->text));
	if (out->outcome == MODEL_OK)
		json_object_set(entry, "answer", out->json);
	else if (error < 0)
		json_object_set_new(entry, "error", json_string(err_last()));
	pthread_mutex_lock(&c->lock);
	json_array_append_new(c->cfg.record, entry);
	pthread_mutex_unlock(&c->lock);
}

static enum model_outcome outcome_named(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(outcome_names); i++)
		if (name && !strcmp(name, outcome_names[i]))
			return (enum model_outcome)i;
	return MODEL_FAILED;
}

/* The recorded answer to the n-th call of its schema, as model_chat would have given it. */
static int replay_call(struct model_answer *out, const struct model_client *c,
		       const struct model_call *call, int n, const char *hash)
{
	const char *schema = call->schema_name ? call->schema_name : "";
	const char *text;
	json_t *e = NULL, *x;
	size_t i;

	json_array_foreach(c->cfg.replay, i, x) {
		const char *name = jsonx_str(x, "schema");

		if (name && !strcmp(name, schema) && jsonx_int(x, "n", 0) == n) {
			e = x;
			break;
		}
	}
	if (!e)
		return err_set(ERR_NET, "the plan holds no answer to the model's '%s' request #%d", schema, n);
	if (!jsonx_str(e, "prompt") || strcmp(jsonx_str(e, "prompt"), hash))
		return err_set(ERR_NET, "the evidence changed since the plan: its answer to the model's "
			       "'%s' request #%d was for another prompt", schema, n);
	out->outcome = outcome_named(jsonx_str(e, "outcome"));
	if ((text = jsonx_str(e, "text")))
		out->text = xstrdup(text);
	switch (out->outcome) {
	case MODEL_OK:
		out->json = json_deep_copy(json_object_get(e, "answer"));
		return 0;
	case MODEL_NOT_JSON:
		return err_set(ERR_INPUT, "the model's answer to '%s' #%d held no JSON object", schema, n);
	case MODEL_CONTEXT_LENGTH:
		return err_set(ERR_TOO_BIG, "the prompt '%s' #%d did not fit the model's context", schema, n);
	default:
		return err_set(ERR_NET, "the model's '%s' request #%d failed when planned: %.200s", schema, n,
			       jsonx_str(e, "error") ? jsonx_str(e, "error") : "no answer");
	}
}

/* One entry of a transcript read from a file: the fields replay_call relies on. */
static int check_entry(json_t *e, size_t i, const char *origin)
{
	const char *outcome = jsonx_str(e, "outcome");

	if (!json_is_object(e))
		return err_set(ERR_INPUT, "%s: transcript[%zu] is not an object", origin, i);
	if (!jsonx_str(e, "schema") || jsonx_int(e, "n", 0) < 1)
		return err_set(ERR_INPUT, "%s: transcript[%zu] needs \"schema\" and \"n\" >= 1", origin, i);
	if (!crypto_is_sha256_hex(jsonx_str(e, "prompt")))
		return err_set(ERR_INPUT, "%s: transcript[%zu].prompt is not a SHA-256", origin, i);
	if (!outcome || (outcome_named(outcome) == MODEL_FAILED && strcmp(outcome, "failed")))
		return err_set(ERR_INPUT, "%s: transcript[%zu].outcome is not one of ok, not_json, "
			       "context_length, quota, failed", origin, i);
	if (!strcmp(outcome, "ok") && !json_is_object(json_object_get(e, "answer")))
		return err_set(ERR_INPUT, "%s: transcript[%zu] is \"ok\" without an \"answer\" object", origin, i);
	if (json_object_get(e, "text") && !jsonx_str(e, "text"))
		return err_set(ERR_INPUT, "%s: transcript[%zu].text is not a string", origin, i);
	return 0;
}

int model_transcript_check(json_t *transcript, const char *origin)
{
	size_t i;
	json_t *e;
	int error;

	if (!json_is_array(transcript))
		return err_set(ERR_INPUT, "%s: the transcript is not an array", origin);
	json_array_foreach(transcript, i, e) {
		if ((error = check_entry(e, i, origin)) < 0)
			return error;
	}
	return 0;
}

/* The request, in the forms the server accepts (adapt), until one is answered. */
static int chat_server(struct model_answer *out, struct model_client *c, const struct model_call *call)
{
	struct params p;
	const char *headers[5];
	size_t nh = 0;
	int error = 0;

	pthread_mutex_lock(&c->lock);
	p.format = c->format;
	p.no_temperature = c->no_temperature;
	p.completion_tokens = c->completion_tokens;
	pthread_mutex_unlock(&c->lock);
	headers[nh++] = "Content-Type: application/json";
	headers[nh++] = c->cfg.github ? "Accept: application/vnd.github+json" : "Accept: application/json";
	if (c->cfg.github)
		headers[nh++] = "X-GitHub-Api-Version: 2022-11-28";
	if (c->api_key_header)
		headers[nh++] = c->api_key_header;
	headers[nh] = NULL;
	for (int round = 0; round < 6; round++) {
		struct http_resp resp = HTTP_RESP_INIT;
		bool again;

		error = post_chat(&resp, c, call, &p, headers);
		out->status = resp.status;
		out->format = p.format;
		error = read_response(out, c, &resp, &p, error, &again);
		http_resp_release(&resp);
		if (!again)
			return error;
	}
	return err_set(ERR_NET, "the model at '%s' refused every form of the request", c->host);
}

int model_chat(struct model_answer *out, struct model_client *c, const struct model_call *call)
{
	char hash[CRYPTO_SHA256_HEX];
	int n, error;

	memset(out, 0, sizeof(*out));
	out->outcome = MODEL_FAILED;
	if (!c->cfg.record && !c->cfg.replay)
		return chat_server(out, c, call);
	n = call_number(c, call->schema_name);
	prompt_hash(hash, call);
	if (c->cfg.replay)
		return replay_call(out, c, call, n, hash);
	error = chat_server(out, c, call);
	record_call(c, call, n, hash, out, error);
	return error;
}

/* ---- answers ---- */

static json_t *parse_object(const char *s, size_t n)
{
	json_t *v = json_loadb(s, n, 0, NULL);

	if (v && !json_is_object(v)) {
		json_decref(v);
		v = NULL;
	}
	return v;
}

/* The end of the balanced object starting at `p` ('{'), or NULL. */
static const char *object_end(const char *p, const char *end)
{
	int depth = 0;
	bool in_string = false;

	for (; p < end; p++) {
		if (in_string) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_string = false;
		} else if (*p == '"') {
			in_string = true;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}' && --depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

/* The first "```" in [p, end): the text is `len` bytes, not a C string. */
static const char *fence(const char *p, const char *end)
{
	for (; end - p >= 3 && (p = memchr(p, '`', (size_t)(end - p - 2))); p++)
		if (p[1] == '`' && p[2] == '`')
			return p;
	return NULL;
}

json_t *model_extract_json(const char *text, size_t len)
{
	const char *end = text + len, *p = text, *q;
	json_t *v;
	int tries = 0;

	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (p < end && *p == '{' && (v = parse_object(p, (size_t)(end - p))))
		return v;
	/* ```json ... ``` */
	for (q = text; tries < 8 && (q = fence(q, end)); tries++) {
		const char *body = memchr(q + 3, '\n', (size_t)(end - (q + 3))), *close;

		if (!body)
			break;
		body++;
		if (!(close = fence(body, end)))
			break;
		if ((v = parse_object(body, (size_t)(close - body))))
			return v;
		q = close + 3;
	}
	/* the first balanced {...} that parses */
	for (tries = 0, q = p; tries < 16 && q < end && (q = memchr(q, '{', (size_t)(end - q)));
	     tries++, q++) {
		const char *e = object_end(q, end);

		if (!e)
			break;
		if ((v = parse_object(q, (size_t)(e - q))))
			return v;
	}
	return NULL;
}

size_t model_estimate_tokens(const char *text, size_t len)
{
	(void)text;
	return (len + 2) / 3;
}

size_t model_estimate_messages(const struct model_message *m, size_t n)
{
	size_t t = 3;

	for (size_t i = 0; i < n; i++)
		t += 4 + model_estimate_tokens(m[i].content, strlen(m[i].content));
	return t;
}
