#include "common.h"
#include "core/result.h"
#include "util/jsonx.h"

static json_t *created(const struct github_created *c)
{
	if (!c || !c->number)
		return json_null();
	return json_pack("{s:i, s:s}", "number", c->number, "url", c->url ? c->url : "");
}

/* A created object with "existed": whether the run found it rather than made it. */
static json_t *found_or_made(const struct github_created *c, bool existed)
{
	json_t *o = created(c);

	if (json_is_object(o))
		json_object_set_new(o, "existed", json_boolean(existed));
	return o;
}

/* Beyond §5: what this run created or found, step by step (DESIGN §3: never silent). */
static json_t *published_steps(const struct plan *plan, const struct publish_result *pub)
{
	json_t *p = json_object(), *v;

	if (plan->branch && pub->fix_commit[0])
		v = json_pack("{s:s, s:s, s:b, s:b}", "name", plan->branch, "commit", pub->fix_commit,
			      "pushed", pub->fix_pushed, "existed", pub->fix_existed);
	else
		v = json_null();
	json_object_set_new(p, "fix_branch", v);
	if (pub->kb_commit[0]) {
		v = json_pack("{s:s?, s:s, s:b, s:b, s:o, s:s?}", "branch", pub->kb_branch, "commit",
			      pub->kb_commit, "pushed", pub->kb_pushed, "appended", pub->kb_appended,
			      "pull_request", created(&pub->kb_pull), "protected", pub->kb_protected);
	} else {
		v = json_null();
	}
	json_object_set_new(p, "knowledge_base", v);
	v = found_or_made(&pub->issue, pub->issue_existed);
	if (json_is_object(v))
		json_object_set_new(v, "duplicate_closed", pub->duplicate_closed
								   ? json_integer(pub->duplicate_closed)
								   : json_null());
	json_object_set_new(p, "issue", v);
	json_object_set_new(p, "pull_request", found_or_made(&pub->pull, pub->pull_existed));
	if (pub->dispatched)
		v = json_pack("{s:s?, s:s?, s:s?}", "workflow", jsonx_str(plan->dispatch, "workflow"), "url",
			      pub->dispatch.url, "comment", pub->dispatch_comment.url);
	else
		v = json_null();
	json_object_set_new(p, "dispatch", v);
	json_object_set_new(p, "complete", json_boolean(!pub->unreachable));
	return p;
}

static json_t *string_list(char *const *list)
{
	json_t *a = json_array();

	for (size_t i = 0; list && list[i]; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

/* Where the artifacts go: {runbook, alert_rules, alert_rules_test?, recommendations}. */
static json_t *artifacts_json(const struct artifacts *a)
{
	json_t *o;

	if (!a)
		return json_null();
	o = json_pack("{s:s, s:s, s:s}", "runbook", a->runbook_path, "alert_rules", a->rules_path,
		      "recommendations", a->recommendations_path);
	if (a->rules_test_path)
		jsonx_set_str(o, "alert_rules_test", a->rules_test_path);
	return o;
}

json_t *result_build(const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *plan, const struct artifacts *a,
		     const struct publish_result *pub, char *const *degraded,
		     const struct diagnose_engine *engine)
{
	json_t *r = json_object(), *suspects = json_array(), *similar = json_array();
	bool published = pub != NULL;

	jsonx_set_str(r, "incident_id", ev->inc->id);
	jsonx_set_str(r, "fingerprint", ev->inc->fingerprint);
	jsonx_set_str(r, "engine", dx->engine);
	jsonx_set_str(r, "category", category_name(dx->category));
	json_object_set_new(r, "blame_pr", dx->blame_pr ? json_integer(dx->blame_pr) : json_null());
	jsonx_set_str(r, "confidence", confidence_name(dx->confidence));
	for (size_t i = 0; i < ev->nsuspects; i++) {
		const struct suspect *s = &ev->suspects[i];
		json_t *causes = json_array();

		/* the evidence by kind (causal.h), so a reader can audit the ranking */
		for (size_t k = 0; k < s->causes.n; k++)
			json_array_append_new(causes, json_pack("{s:s, s:f, s:s}", "kind",
								cause_kind_name(s->causes.v[k].kind), "weight",
								s->causes.v[k].weight, "detail",
								s->causes.v[k].detail));
		json_array_append_new(suspects, json_pack("{s:i, s:f, s:f, s:s, s:b, s:o}", "pr", s->number,
							  "score", (double)(long)(s->score * 1000 + 0.5) / 1000,
							  "causal", (double)(long)(s->causal * 1000 + 0.5) / 1000,
							  "why", s->why, "after_alert", s->after_alert,
							  "causes", causes));
	}
	json_object_set_new(r, "suspects", suspects);
	jsonx_set_str(r, "remediation_type", remediation_name(plan->type));
	jsonx_set_str(r, "summary", dx->summary);
	jsonx_set_str(r, "root_cause", dx->root_cause);
	jsonx_set_str(r, "branch", plan->branch && (!published || pub->fix_commit[0]) ? plan->branch : NULL);
	json_object_set_new(r, "files", string_list(plan->paths));
	json_object_set_new(r, "issue", created(published ? &pub->issue : NULL));
	json_object_set_new(r, "pull_request", created(published ? &pub->pull : NULL));
	json_object_set_new(r, "dispatch", plan->dispatch && (!published || pub->dispatched)
						   ? json_deep_copy(plan->dispatch) : json_null());
	json_object_set_new(r, "artifacts", artifacts_json(a));
	json_object_set_new(r, "degraded", string_list(degraded));
	/* Beyond §5: what else a reader of the result needs. */
	jsonx_set_str(r, "severity", incident_severity_name(ev->inc->severity));
	jsonx_set_str(r, "service", ev->inc->service);
	jsonx_set_str(r, "fired_at", ev->inc->fired_at_text);
	jsonx_set_str(r, "rationale", dx->rationale);
	json_object_set_new(r, "signals", json_array());
	for (size_t i = 0; i < dx->nsignals; i++)
		json_array_append_new(json_object_get(r, "signals"),
				      json_pack("{s:s, s:I}", "name", dx->signals[i].name, "count",
						(json_int_t)dx->signals[i].count));
	for (size_t i = 0; i < ev->nsimilar; i++)
		json_array_append_new(similar, json_pack("{s:s, s:f}", "id", ev->similar[i].entry->id,
							 "score", ev->similar[i].score));
	json_object_set_new(r, "similar_incidents", similar);
	json_object_set_new(r, "notes", string_list(ev->notes));
	jsonx_set_str(r, "commit", published && pub->fix_commit[0] ? pub->fix_commit : NULL);
	jsonx_set_str(r, "knowledge_commit", published && pub->kb_commit[0] ? pub->kb_commit : NULL);
	jsonx_set_str(r, "repository", published ? pub->repo_dir : NULL);
	jsonx_set_str(r, "github", ev->gh ? ev->gh->ops->name : NULL);
	json_object_set_new(r, "published", published ? published_steps(plan, pub) : json_null());
	jsonx_set_str(r, "model", engine && engine->model ? engine->model_name : NULL);
	if (engine && engine->model) {
		struct model_usage u;

		diagnose_engine_usage(&u, engine);
		json_object_set_new(r, "usage", json_pack("{s:I, s:I, s:I, s:i}", "prompt_tokens",
							  (json_int_t)u.prompt_tokens, "completion_tokens",
							  (json_int_t)u.completion_tokens, "total_tokens",
							  (json_int_t)u.total_tokens, "calls", u.calls));
	} else {
		json_object_set_new(r, "usage", json_null());
	}
	json_object_set_new(r, "trimmed", string_list(engine ? engine->trimmed : NULL));
	return r;
}
