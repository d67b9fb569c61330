#include "common.h"
#include "github.h"
#include "err.h"
#include "jsonx.h"
#include "sys.h"

void github_free(struct github *gh)
{
	if (gh)
		gh->ops->free(gh);
}

int github_pull_from_json(struct github_pull *out, json_t *pr, const char *origin)
{
	const char *title, *merged_at, *s;
	json_t *number = json_object_get(pr, "number");
	int error;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(pr))
		return err_set(ERR_INPUT, "cannot parse '%s': a pull request is not an object", origin);
	if (!json_is_integer(number) || json_integer_value(number) <= 0)
		return err_set(ERR_INPUT, "cannot parse '%s': field 'number': expected a positive integer",
			       origin);
	out->number = (int)json_integer_value(number);
	if ((error = jsonx_get_string(&title, pr, "title", origin, true)) < 0 ||
	    (error = jsonx_get_string(&merged_at, pr, "merged_at", origin, false)) < 0)
		goto fail;
	out->title = xstrdup(title);
	out->body = xstrdup((s = jsonx_str(pr, "body")) ? s : "");
	out->author = xstrdup((s = jsonx_str(pr, "user.login")) ? s : "unknown");
	out->html_url = xstrdup((s = jsonx_str(pr, "html_url")) ? s : "");
	out->head_ref = xstrdup((s = jsonx_str(pr, "head.ref")) ? s : "");
	if ((s = jsonx_str(pr, "merge_commit_sha")))
		out->merge_commit_sha = xstrdup(s);
	if (merged_at) {
		if ((error = sys_parse_time(&out->merged_at, merged_at)) < 0) {
			err_prefix("cannot parse '%s': pull request #%d: field 'merged_at'", origin,
				   out->number);
			goto fail;
		}
		out->merged_at_text = xstrdup(merged_at);
	}
	return 0;
fail:
	github_pull_release(out);
	return error;
}

void github_pull_release(struct github_pull *pr)
{
	free(pr->title);
	free(pr->body);
	free(pr->author);
	free(pr->html_url);
	free(pr->merged_at_text);
	free(pr->merge_commit_sha);
	free(pr->head_ref);
	memset(pr, 0, sizeof(*pr));
}

void github_pulls_free(struct github_pull *pulls, size_t count)
{
	for (size_t i = 0; i < count; i++)
		github_pull_release(&pulls[i]);
	free(pulls);
}

int github_merged_pulls(struct github_pull **out, size_t *count, struct github *gh)
{
	json_t *list = NULL;
	struct github_pull *pulls = NULL;
	size_t n = 0, i;
	json_t *pr;
	int error;

	*out = NULL;
	*count = 0;
	if ((error = gh->ops->list_closed_pulls(&list, gh)) < 0)
		return error;
	if (!json_is_array(list)) {
		error = err_set(ERR_INPUT, "the list of pull requests is not a JSON array");
		goto done;
	}
	pulls = xcalloc(json_array_size(list) + 1, sizeof(*pulls));
	json_array_foreach(list, i, pr) {
		if (json_is_null(json_object_get(pr, "merged_at")))
			continue;
		if ((error = github_pull_from_json(&pulls[n], pr, "pulls.json")) < 0)
			goto done;
		n++;
	}
	*out = pulls;
	*count = n;
	pulls = NULL;
done:
	if (pulls)
		github_pulls_free(pulls, n);
	json_decref(list);
	return error;
}

void github_created_release(struct github_created *c)
{
	free(c->url);
	c->url = NULL;
	c->number = 0;
}
