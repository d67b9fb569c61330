#include "common.h"
#include "core/lifecycle.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool lifecycle_applies(const struct incident *inc)
{
	return inc->status && strcmp(inc->status, "firing") != 0;
}

static time_t parse_or_zero(const char *s)
{
	time_t t = 0;

	if (!s || sys_parse_time(&t, s) < 0) {
		err_clear();
		return 0;
	}
	return t;
}

time_t lifecycle_resolved_at(const struct incident *inc, time_t now)
{
	time_t best = parse_or_zero(jsonx_str(inc->context, "resolved_at"));
	json_t *a;
	size_t i;

	json_array_foreach(inc->alerts, i, a) {
		time_t t = parse_or_zero(jsonx_str(a, "ends_at"));

		if (!best || t > best)
			best = t;
	}
	return best > 0 ? best : now;
}

void lifecycle_duration(char *out, size_t size, double seconds)
{
	long m = seconds > 0 ? (long)(seconds / 60 + 0.5) : 0, h = m / 60, d = h / 24;

	if (d > 0)
		snprintf(out, size, "%ld day%s %ld h", d, d == 1 ? "" : "s", h % 24);
	else if (h > 0)
		snprintf(out, size, "%ld h %ld min", h, m % 60);
	else
		snprintf(out, size, "%ld min", m);
}

static json_t *base_result(const struct incident *inc, time_t resolved)
{
	char when[32];

	sys_format_time(when, sizeof(when), resolved);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "incident_id", inc->id, "fingerprint",
			 inc->fingerprint, "service", inc->service, "status", inc->status, "fired_at",
			 inc->fired_at_text, "resolved_at", when, "summary", inc->title);
}

/* Comment when and after how long it resolved, label it, close it. */
static int close_resolved(struct github *gh, const struct github_created *issue,
			  const struct incident *inc, time_t resolved)
{
	static const char *const labels[] = {"resolved", NULL};
	struct github_created note = {0, NULL};
	char when[32], took[48];
	char *text;
	int error;

	sys_format_time(when, sizeof(when), resolved);
	lifecycle_duration(took, sizeof(took), difftime(resolved, inc->fired_at));
	text = xasprintf("Resolved at %s: %s reports the alert '%s' on %s resolved, %s after it "
			 "fired (%s). Closing this issue; the diagnosis above stays for the record.",
			 when, inc->source, inc->rule && *inc->rule ? inc->rule : inc->title, inc->service,
			 took, inc->fired_at_text);
	error = gh->ops->comment_issue(&note, gh, issue->number, text);
	if (error == 0)
		error = gh->ops->add_labels(gh, issue->number, labels);
	if (error == 0)
		error = gh->ops->close_issue(gh, issue->number, "completed");
	github_created_release(&note);
	free(text);
	return error;
}

int lifecycle_run(json_t **out, struct github *gh, const struct incident *inc, bool dry_run)
{
	time_t resolved = lifecycle_resolved_at(inc, time(NULL));
	struct github_created issue = {0, NULL};
	json_t *res = base_result(inc, resolved);
	const char *action = "none";
	int error = 0;

	if (!strcmp(inc->status, "notice")) {
		action = "none: a notice, nothing is failing";
		goto done;
	}
	if ((error = gh->ops->find_issue_by_fingerprint(&issue, gh, inc->fingerprint)) == ERR_NOTFOUND) {
		err_clear();
		error = 0;
		action = "none: no open issue of ours for this incident";
		goto done;
	} else if (error < 0) {
		goto done;
	}
	json_object_set_new(res, "issue", json_pack("{s:i, s:s}", "number", issue.number, "url",
						    issue.url ? issue.url : ""));
	if (dry_run)
		action = "would comment the resolution and close the issue";
	else if ((error = close_resolved(gh, &issue, inc, resolved)) == 0)
		action = "commented the resolution and closed the issue";
	else
		goto done;
done:
	if (error < 0) {
		json_decref(res);
		github_created_release(&issue);
		return error;
	}
	if (!json_object_get(res, "issue"))
		json_object_set_new(res, "issue", json_null());
	json_object_set_new(res, "action", json_string(action));
	github_created_release(&issue);
	*out = res;
	return 0;
}
