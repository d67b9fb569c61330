#include "common.h"
#include "model_double.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "io/model.h"
#include "util/sys.h"

static const char *const task_marks[] = {"# Task: diagnosis", "# Task: remediation",
					 "# Task: runbook notes", "# Task: ci fix"};

enum md_task md_task_of(json_t *body, bool *reask)
{
	json_t *msgs = json_object_get(body, "messages");
	const char *first = json_string_value(json_object_get(json_array_get(msgs, 1), "content"));

	*reask = json_array_size(msgs) > 2;
	for (size_t t = 0; first && t < ARRAY_SIZE(task_marks); t++)
		if (strstr(first, task_marks[t]))
			return (enum md_task)t;
	return MD_OTHER;
}

static char *keep(struct model_double *md, char *s)
{
	md->bodies = xrealloc(md->bodies, (md->nbodies + 1) * sizeof(char *));
	md->bodies[md->nbodies++] = s;
	return s;
}

/* A chat completion carrying `content`, with usage estimated from the request. */
static char *completion(const char *content, size_t request_bytes)
{
	json_t *o = json_pack("{s:s, s:s, s:[{s:i, s:{s:s, s:s}, s:s}], s:{s:I, s:I, s:I}}", "id",
			      "chatcmpl-double", "object", "chat.completion", "choices", "index", 0,
			      "message", "role", "assistant", "content", content, "finish_reason", "stop",
			      "usage", "prompt_tokens", (json_int_t)(request_bytes / 4),
			      "completion_tokens", (json_int_t)(strlen(content) / 4), "total_tokens",
			      (json_int_t)(request_bytes / 4 + strlen(content) / 4));
	char *s = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	return s;
}

static void handler(const struct double_request *req, size_t index, struct double_reply *reply,
		    void *ctx)
{
	struct model_double *md = ctx;
	json_t *body = json_loadb(req->body.ptr, req->body.len, 0, NULL);
	bool reask = false;
	enum md_task t = md_task_of(body, &reask);
	const char *content;

	json_decref(body);
	md->counts[t]++;
	md->reasks[t] += reask;
	if (index < (size_t)md->fail.times && md->fail.huge) {
		struct buf big = BUF_INIT;

		buf_puts(&big, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"");
		for (size_t i = 0; i < (5u << 20) / 64; i++)
			buf_puts(&big, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		buf_puts(&big, "\"}}]}");
		reply->status = 200;
		reply->body_len = big.len;
		reply->body = keep(md, buf_detach(&big));
		return;
	}
	if (index < (size_t)md->fail.times && md->fail.status > 0) {
		reply->status = md->fail.status;
		reply->headers = md->fail.headers;
		reply->body = md->fail.body ? md->fail.body
					    : "{\"error\":{\"message\":\"scripted failure\",\"code\":\"x\"}}";
		reply->delay_ms = md->fail.delay_ms;
		return;
	}
	if (index < (size_t)md->fail.times && md->fail.status < 0)
		reply->delay_ms = md->fail.delay_ms;
	content = t == MD_OTHER ? NULL : md->answer[t][reask && md->answer[t][1] ? 1 : 0];
	reply->status = 200;
	reply->headers = "Content-Type: application/json\r\n";
	reply->body = keep(md, completion(content ? content : "{}", req->body.len));
}

int md_start(struct model_double *md)
{
	return double_start(&md->http, handler, md);
}

void md_stop(struct model_double *md)
{
	if (md->http)
		double_stop(md->http);
	for (size_t i = 0; i < md->nbodies; i++)
		free(md->bodies[i]);
	free(md->bodies);
	md->http = NULL;
	md->bodies = NULL;
	md->nbodies = 0;
}

char *md_url(struct model_double *md)
{
	return xasprintf("%s/v1", double_url(md->http));
}

json_t *md_body(struct model_double *md, size_t i)
{
	const struct double_request *r = double_request(md->http, i);

	return r ? json_loadb(r->body.ptr, r->body.len, 0, NULL) : NULL;
}

size_t md_largest_prompt(struct model_double *md)
{
	size_t largest = 0, n = double_count(md->http);

	for (size_t i = 0; i < n; i++) {
		json_t *body = md_body(md, i), *msgs = json_object_get(body, "messages"), *m;
		struct model_message *list = xcalloc(json_array_size(msgs) + 1, sizeof(*list));
		size_t k, tokens;

		json_array_foreach(msgs, k, m) {
			list[k].role = json_string_value(json_object_get(m, "role"));
			list[k].content = json_string_value(json_object_get(m, "content"));
		}
		tokens = model_estimate_messages(list, json_array_size(msgs));
		if (tokens > largest)
			largest = tokens;
		free(list);
		json_decref(body);
	}
	return largest;
}

const char *md_leaked(struct model_double *md, char *const *secrets)
{
	size_t n = double_count(md->http);

	for (size_t i = 0; i < n; i++) {
		const struct double_request *r = double_request(md->http, i);
		json_t *body = md_body(md, i), *m;
		size_t k;

		for (size_t s = 0; secrets && secrets[s]; s++) {
			if (strstr(r->body.ptr, secrets[s]))
				return secrets[s];
			json_array_foreach(json_object_get(body, "messages"), k, m)
				if (strstr(json_string_value(json_object_get(m, "content")), secrets[s])) {
					json_decref(body);
					return secrets[s];
				}
		}
		json_decref(body);
	}
	return NULL;
}


char *md_scenario_diagnosis(const char *scenario_dir, const char *confidence)
{
	char *path = sys_path_join(scenario_dir, "expected.json"), *s;
	json_t *x = NULL;

	if (jsonx_load_file(&x, path, 1 << 16) < 0) {
		free(path);
		return NULL;
	}
	jsonx_set_str(x, "confidence", confidence);
	jsonx_set_str(x, "summary", "The scripted diagnosis of the test double.");
	jsonx_set_str(x, "root_cause", "The double knows the answer: it is the scenario's expected.json.");
	jsonx_set_str(x, "rationale", "Scripted.");
	json_object_set_new(x, "action", json_null());
	json_object_set_new(x, "subject", json_null());
	s = json_dumps(x, JSON_COMPACT);
	json_decref(x);
	free(path);
	return s;
}
