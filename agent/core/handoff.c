#include "common.h"
#include "core/handoff.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "io/model.h"
#include "util/redact.h"
#include "util/sys.h"

#include <stdlib.h>
#include <time.h>

int handoff_hash_inputs(struct handoff *h, const char *alert, const char *logs)
{
	int error;

	if ((error = crypto_sha256_file_hex(h->alert_sha, alert)) < 0)
		return error;
	h->logs_sha[0] = '\0';
	return logs ? crypto_sha256_file_hex(h->logs_sha, logs) : 0;
}

/* The fields of a result that say what the run concluded (what `apply` compares). */
static const char *const concluded[] = {"category", "blame_pr", "remediation_type", "confidence",
					"summary"};

void handoff_conclude(struct handoff *h, json_t *result)
{
	json_decref(h->planned);
	h->planned = json_object();
	for (size_t i = 0; i < ARRAY_SIZE(concluded); i++) {
		json_t *v = json_object_get(result, concluded[i]);

		json_object_set(h->planned, concluded[i], v ? v : json_null());
	}
	free(h->incident_id);
	h->incident_id = xstrdup(jsonx_str(result, "incident_id") ? jsonx_str(result, "incident_id") : "");
}

static json_t *string_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The model that answered, or null. */
static json_t *model_json(const char *url, const char *name, long prompt_tokens)
{
	if (!url)
		return json_null();
	return json_pack("{s:s, s:o, s:I}", "url", url, "name", string_or_null(name), "prompt_tokens",
			 (json_int_t)prompt_tokens);
}

/* Redacted (answers are untrusted text, and the file may travel as a build artifact), then written atomically. */
static int write_doc(const char *path, json_t *doc)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int error = 0;

	redact_json(doc);
	if (slash && slash != dir) {
		*slash = '\0';
		error = sys_mkdir_p(dir, 0755);
	}
	if (error == 0)
		error = jsonx_write_file(path, doc);
	free(dir);
	return error;
}

int handoff_write(const char *path, const struct handoff *h)
{
	char now[32];
	json_t *doc;
	int error;

	sys_format_time(now, sizeof(now), time(NULL));
	doc = json_pack("{s:s, s:s, s:s, s:{s:s, s:o}, s:o, s:o, s:o}", "format", HANDOFF_FORMAT,
			"created_at", now, "incident_id", h->incident_id ? h->incident_id : "",
			"inputs", "alert", h->alert_sha, "logs", string_or_null(h->logs_sha),
			"model", model_json(h->model_url, h->model_name, h->prompt_tokens),
			"transcript", h->transcript ? json_incref(h->transcript) : json_array(),
			"planned", h->planned ? json_incref(h->planned) : json_object());
	error = write_doc(path, doc);
	json_decref(doc);
	return error;
}

/* The model that answered: an http(s) base URL and a name, or null. */
static int read_model(char **url_out, char **name_out, long *tokens_out, json_t *model, const char *path)
{
	const char *url = jsonx_str(model, "url"), *name = jsonx_str(model, "name");
	json_t *budget = json_object_get(model, "prompt_tokens");

	if (json_is_null(model) || !model)
		return 0;
	if (budget && (!json_is_integer(budget) || json_integer_value(budget) < 0 ||
		       json_integer_value(budget) > 10000000))
		return err_set(ERR_INPUT, "%s: model.prompt_tokens is not a whole number from 0 to 10000000", path);
	if (!url || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)))
		return err_set(ERR_INPUT, "%s: model.url is not an http(s) URL", path);
	if (json_object_get(model, "name") && !json_is_null(json_object_get(model, "name")) && !name)
		return err_set(ERR_INPUT, "%s: model.name is not a string", path);
	*url_out = xstrdup(url);
	*name_out = name ? xstrdup(name) : NULL;
	*tokens_out = budget ? (long)json_integer_value(budget) : 0;
	return 0;
}

void handoff_replay_config(struct model_config *out, const char *url, const char *name, long prompt_tokens,
			   json_t *transcript)
{
	out->base_url = xstrdup(url);
	out->model = name ? xstrdup(name) : NULL;
	out->max_prompt_tokens = (size_t)prompt_tokens;
	out->replay = transcript;
}

int handoff_read(struct handoff *h, const char *path)
{
	json_t *doc = NULL, *inputs, *logs;
	const char *format, *alert;
	int error;

	if ((error = jsonx_load_file(&doc, path, HANDOFF_MAX)) < 0)
		return error;
	format = jsonx_str(doc, "format");
	inputs = json_object_get(doc, "inputs");
	alert = jsonx_str(inputs, "alert");
	logs = json_object_get(inputs, "logs");
	if (!json_is_object(doc) || !format || strcmp(format, HANDOFF_FORMAT))
		error = err_set(ERR_INPUT, "%s: not a plan file (\"format\" is not \"%s\")", path, HANDOFF_FORMAT);
	else if (!crypto_is_sha256_hex(alert))
		error = err_set(ERR_INPUT, "%s: inputs.alert is not a SHA-256", path);
	else if (!json_is_null(logs) && !crypto_is_sha256_hex(json_string_value(logs)))
		error = err_set(ERR_INPUT, "%s: inputs.logs is neither null nor a SHA-256", path);
	else if (!json_is_object(json_object_get(doc, "planned")))
		error = err_set(ERR_INPUT, "%s: \"planned\" is not an object", path);
	else if ((error = model_transcript_check(json_object_get(doc, "transcript"), path)) == 0 &&
		 (error = read_model(&h->model_url, &h->model_name, &h->prompt_tokens, json_object_get(doc, "model"),
				     path)) == 0) {
		snprintf(h->alert_sha, sizeof(h->alert_sha), "%s", alert);
		snprintf(h->logs_sha, sizeof(h->logs_sha), "%s", json_is_null(logs) ? "" : json_string_value(logs));
		h->transcript = json_incref(json_object_get(doc, "transcript"));
		h->planned = json_incref(json_object_get(doc, "planned"));
		h->incident_id = xstrdup(jsonx_str(doc, "incident_id") ? jsonx_str(doc, "incident_id") : "");
	}
	json_decref(doc);
	return error;
}

int handoff_check_inputs(const struct handoff *h, const char *alert, const char *logs)
{
	struct handoff now = HANDOFF_INIT;
	int error;

	if (!!logs != !!h->logs_sha[0])
		return err_set(ERR_INPUT, "the plan was made %s logs and this run has %s", h->logs_sha[0] ? "with" : "without",
			       logs ? "some" : "none");
	if ((error = handoff_hash_inputs(&now, alert, logs)) < 0)
		return error;
	if (strcmp(now.alert_sha, h->alert_sha))
		return err_set(ERR_INPUT, "the alert '%s' is not the one the plan read (SHA-256 %.12s, planned %.12s)",
			       alert, now.alert_sha, h->alert_sha);
	if (logs && strcmp(now.logs_sha, h->logs_sha))
		return err_set(ERR_INPUT, "the logs '%s' are not the ones the plan read (SHA-256 %.12s, planned %.12s)",
			       logs, now.logs_sha, h->logs_sha);
	return 0;
}

char *handoff_moved(const struct handoff *h, json_t *result)
{
	struct buf moved = BUF_INIT;

	for (size_t i = 0; i < 3; i++) { /* category, blame_pr, remediation_type */
		json_t *was = json_object_get(h->planned, concluded[i]), *now = json_object_get(result, concluded[i]);
		char *a, *b;

		if (json_equal(was ? was : json_null(), now ? now : json_null()))
			continue;
		a = json_dumps(was ? was : json_null(), JSON_ENCODE_ANY);
		b = json_dumps(now ? now : json_null(), JSON_ENCODE_ANY);
		buf_putf(&moved, "%s%s %.60s -> %.60s", moved.len ? ", " : "", concluded[i], a, b);
		free(a);
		free(b);
	}
	return moved.len ? buf_detach(&moved) : (buf_release(&moved), NULL);
}

void handoff_release(struct handoff *h)
{
	free(h->model_url);
	free(h->model_name);
	free(h->incident_id);
	json_decref(h->transcript);
	json_decref(h->planned);
	*h = (struct handoff)HANDOFF_INIT;
}

/* ---- repair's plan ---- */

int handoff_repair_write(const char *path, const struct handoff_repair *h)
{
	char now[32];
	json_t *doc;
	int error;

	sys_format_time(now, sizeof(now), time(NULL));
	doc = json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o}", "format", HANDOFF_REPAIR_FORMAT, "created_at", now,
			"pull_request", (json_int_t)h->pr, "run_id", (json_int_t)h->run_id, "model",
			model_json(h->model_url, h->model_name, h->prompt_tokens), "transcript",
			h->transcript ? json_incref(h->transcript) : json_array(), "planned",
			h->planned ? json_incref(h->planned) : json_object());
	error = write_doc(path, doc);
	json_decref(doc);
	return error;
}

static long long positive(json_t *doc, const char *key)
{
	json_t *v = json_object_get(doc, key);

	return json_is_integer(v) && json_integer_value(v) > 0 ? (long long)json_integer_value(v) : 0;
}

int handoff_repair_read(struct handoff_repair *h, const char *path)
{
	json_t *doc = NULL;
	const char *format;
	int error;

	if ((error = jsonx_load_file(&doc, path, HANDOFF_MAX)) < 0)
		return error;
	format = jsonx_str(doc, "format");
	if (!json_is_object(doc) || !format || strcmp(format, HANDOFF_REPAIR_FORMAT))
		error = err_set(ERR_INPUT, "%s: not a repair plan (\"format\" is not \"%s\")", path,
				HANDOFF_REPAIR_FORMAT);
	else if (!positive(doc, "pull_request") || !positive(doc, "run_id"))
		error = err_set(ERR_INPUT, "%s: pull_request and run_id must be positive whole numbers", path);
	else if ((error = model_transcript_check(json_object_get(doc, "transcript"), path)) == 0 &&
		 (error = read_model(&h->model_url, &h->model_name, &h->prompt_tokens, json_object_get(doc, "model"),
				     path)) == 0) {
		h->pr = positive(doc, "pull_request");
		h->run_id = positive(doc, "run_id");
		h->transcript = json_incref(json_object_get(doc, "transcript"));
		h->planned = json_is_object(json_object_get(doc, "planned")) ? json_incref(json_object_get(doc, "planned"))
									      : json_object();
	}
	json_decref(doc);
	return error;
}

void handoff_repair_release(struct handoff_repair *h)
{
	free(h->model_url);
	free(h->model_name);
	json_decref(h->transcript);
	json_decref(h->planned);
	memset(h, 0, sizeof(*h));
}

