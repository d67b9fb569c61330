/*
 * `respond` started by a GitHub Actions event: the event files of tests/fixtures/events/
 * (one per event_type and input, PROVENANCE.md there) and GitHub's own webhook examples
 * (npm @octokit/webhooks-examples, installed by make test) run through the binary against
 * recorded GitHub state or none (--offline), never the network. Each run is normalized and
 * diagnosed as its scenario's expected.json says, or refused with exit 2 and one line.
 */
#include "common.h"
#include "harness.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <unistd.h>

#define EVENTS "tests/fixtures/events"
#define EXAMPLES EVENTS "/examples/node_modules/@octokit/webhooks-examples/api.github.com/index.json"
/* The variables of an Actions job that must not reach the runs under test. */
#define SCRUB HARNESS_SCRUB

struct event_case {
	const char *file, *name;
	const char *args;     /* how GitHub is reached: recorded state, or --offline */
	int status;           /* 0, 1 (handled, a step degraded: no recorded state) or 2 */
	const char *scenario; /* whose expected.json the result must match, or NULL */
	const char *want;     /* exit 2: a phrase of the message; else a field=value of the result */
};

static const struct event_case cases[] = {
	{"workflow_dispatch.alert-path.offline.json", "workflow_dispatch",
	 "--github incidents/scenario-1-oom-cache/github", 0, "scenario-1-oom-cache", NULL},
	{"workflow_dispatch.alert-json.dry-run.json", "workflow_dispatch",
	 "--github incidents/scenario-4-xsuaa-auth/github", 0, "scenario-4-xsuaa-auth", "planned"},
	{"workflow_dispatch.scenario.json", "workflow_dispatch", "", 0, "scenario-2-500-schema-drift",
	 NULL},
	{"workflow_dispatch.bad-mode.json", "workflow_dispatch", "--offline", 2, NULL,
	 "field 'inputs.mode': 'yolo'"},
	{"workflow_dispatch.escape-dotdot.json", "workflow_dispatch", "--offline", 2, NULL,
	 "leaves the workspace"},
	{"workflow_dispatch.escape-absolute.json", "workflow_dispatch", "--offline", 2, NULL,
	 "is outside the workspace"},
	{"workflow_dispatch.logs-escape.json", "workflow_dispatch", "--offline", 2, NULL,
	 "field 'inputs.logs': '/etc/hostname' is outside the workspace"},
	{"repository_dispatch.azure-monitor-alert.json", "repository_dispatch",
	 "--github incidents/azure-monitor-http5xx/github", 0, "azure-monitor-http5xx", NULL},
	{"repository_dispatch.alertmanager-alert.json", "repository_dispatch",
	 "--github incidents/scenario-6-k8s-pod-crashloop/github", 0, "scenario-6-k8s-pod-crashloop",
	 NULL},
	{"repository_dispatch.grafana-alert.json", "repository_dispatch", "--offline", 1, NULL,
	 "incident_id=INC-20211012-"},
	{"repository_dispatch.incident.json", "repository_dispatch", "--offline", 1, NULL,
	 "incident_id=INC-20261118-"},
	/* resolved: no diagnosis; offline there is no open issue to close, so nothing (exit 0) */
	{"repository_dispatch.resolved-azure.json", "repository_dispatch", "--offline", 0, NULL,
	 "incident_id=INC-20190322-"},
	{"repository_dispatch.event-type-mismatch.json", "repository_dispatch", "--offline", 2, NULL,
	 "event_type 'azure-monitor-alert' promises azure-monitor alert, but client_payload holds "
	 "alertmanager alert"},
	{"repository_dispatch.unknown-event-type.json", "repository_dispatch", "--offline", 2, NULL,
	 "event_type 'deploy' is not one respond handles"},
};

/* Exit 2 and one line naming the problem. */
static bool refused_with(int status, const char *out, const char *phrase)
{
	const char *nl = strchr(out, '\n');

	if (status != 2 || !nl || nl[1] || !strstr(out, phrase)) {
		fprintf(stderr, "    status %d, output: %.600s", status, out);
		return false;
	}
	return true;
}

/* The result agrees with the scenario's expected.json, or has `want` (key=prefix, or a key). */
static bool result_is(json_t *res, const struct event_case *c)
{
	if (c->scenario) {
		char *path = xasprintf("incidents/%s/expected.json", c->scenario);
		json_t *want = NULL;
		bool ok = jsonx_load_file(&want, path, 1 << 20) == 0 &&
			  !strcmp(jsonx_str(want, "category"), jsonx_str(res, "category")) &&
			  !strcmp(jsonx_str(want, "remediation_type"), jsonx_str(res, "remediation_type")) &&
			  json_equal(json_object_get(want, "blame_pr"), json_object_get(res, "blame_pr"));

		json_decref(want);
		free(path);
		if (!ok)
			return false;
	}
	if (c->want && strchr(c->want, '=')) {
		const char *eq = strchr(c->want, '='), *have;
		char *key = xstrndup(c->want, (size_t)(eq - c->want));

		have = jsonx_str(res, key);
		free(key);
		return have && !strncmp(have, eq + 1, strlen(eq + 1));
	}
	return !c->want || json_array_size(json_object_get(res, c->want)) > 0;
}

static void event_one(void *ctx)
{
	const struct event_case *c = ctx;
	char *out_dir = sys_path_join(harness_tmpdir(), "out");
	struct buf out = BUF_INIT;
	json_t *res = NULL;
	/* A refusal is its one line on stderr; otherwise stdout is the result. */
	int status = harness_run(&out, SCRUB "GITHUB_EVENT_NAME=%s GITHUB_EVENT_PATH=" EVENTS "/%s "
				 "'%s' respond %s --engine offline --quiet --json --out '%s' %s",
				 c->name, c->file, harness_bin(), c->args, out_dir,
				 c->status == 2 ? "2>&1" : "2>/dev/null");

	if (c->status == 2) {
		ASSERT(refused_with(status, out.ptr, c->want));
		ASSERT(!sys_is_dir(out_dir)); /* nothing written */
		goto done;
	}
	ASSERT_INT_EQ(status, c->status);
	ASSERT_OK(jsonx_parse(&res, out.ptr, out.len, "stdout"));
	ASSERT(result_is(res, c));
done:
	json_decref(res);
	buf_release(&out);
	free(out_dir);
}

/* A symbolic link inside the workspace that leads out of it is refused like the path. */
TEST(events, symlink_out_of_the_workspace_is_refused)
{
	const char *ws = harness_tmpdir();
	char *link = sys_path_join(ws, "alert.json"), *event = sys_path_join(ws, "event.json");
	char *inside = sys_path_join(ws, "real.json"), *link2 = sys_path_join(ws, "ok.json");
	const char *text = "{\"inputs\": {\"alert\": \"alert.json\", \"mode\": \"offline\"}}";
	struct buf out = BUF_INIT, alert = BUF_INIT;
	int status;

	ASSERT(symlink("/etc/hostname", link) == 0);
	ASSERT_OK(sys_write_file(event, text, strlen(text)));
	status = harness_run(&out, SCRUB "GITHUB_WORKSPACE='%s' GITHUB_EVENT_NAME=workflow_dispatch "
			     "GITHUB_EVENT_PATH='%s' '%s' respond --quiet --out '%s/out' 2>&1", ws, event,
			     harness_bin(), ws);
	ASSERT(refused_with(status, out.ptr, "'alert.json' is outside the workspace"));
	/* A link that stays inside is followed. */
	ASSERT_OK(sys_read_file(&alert, "tests/fixtures/alerts/native.checkout-db-pool.json", 1 << 20));
	ASSERT_OK(sys_write_file(inside, alert.ptr, alert.len));
	ASSERT(symlink("real.json", link2) == 0);
	text = "{\"inputs\": {\"alert\": \"ok.json\", \"mode\": \"offline\"}}";
	ASSERT_OK(sys_write_file(event, text, strlen(text)));
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, SCRUB "GITHUB_WORKSPACE='%s' GITHUB_EVENT_NAME="
				  "workflow_dispatch GITHUB_EVENT_PATH='%s' '%s' respond --quiet "
				  "--json --out '%s/out' 2>/dev/null", ws, event, harness_bin(), ws), 1);
	ASSERT_CONTAINS(out.ptr, "\"incident_id\": \"INC-20261118-");
	buf_release(&out);
	buf_release(&alert);
	free(link);
	free(link2);
	free(inside);
	free(event);
}

/*
 * What respond says to each of GitHub's own examples of the three events: none carries an
 * alert (workflow_dispatch with no inputs, repository_dispatch 'on-demand-test' with an
 * empty client_payload) or belongs to respond (workflow_run), so each is refused in one line.
 */
static const struct {
	const char *name, *phrase;
} example_events[] = {
	{"workflow_dispatch", "field 'inputs.alert': missing"},
	{"repository_dispatch", "event_type 'on-demand-test' is not one respond handles"},
	{"workflow_run", "belongs to the repair command"},
};

TEST(events, github_webhook_examples)
{
	json_t *index = NULL, *e, *x;
	size_t i, j, runs = 0;
	char *path = sys_path_join(harness_tmpdir(), "event.json");
	struct buf out = BUF_INIT;

	ASSERT_OK(jsonx_load_file(&index, EXAMPLES, 16u << 20));
	json_array_foreach(index, i, e) {
		const char *name = jsonx_str(e, "name"), *phrase = NULL;

		for (size_t k = 0; k < ARRAY_SIZE(example_events); k++)
			if (name && !strcmp(name, example_events[k].name))
				phrase = example_events[k].phrase;
		if (!phrase)
			continue;
		json_array_foreach(json_object_get(e, "examples"), j, x) {
			int status;

			ASSERT_OK(jsonx_write_file(path, x));
			buf_reset(&out);
			status = harness_run(&out, SCRUB "GITHUB_EVENT_NAME=%s GITHUB_EVENT_PATH='%s' '%s' "
					     "respond --offline --quiet 2>&1", name, path, harness_bin());
			ASSERT(refused_with(status, out.ptr, phrase));
			/* Told from its shape alone, the event meets the same answer. */
			buf_reset(&out);
			status = harness_run(&out, SCRUB "GITHUB_EVENT_PATH='%s' '%s' respond --offline "
					     "--quiet 2>&1", path, harness_bin());
			ASSERT(refused_with(status, out.ptr, phrase));
			runs++;
		}
	}
	ASSERT_INT_EQ(runs, 9); /* 2 workflow_dispatch, 2 repository_dispatch, 5 workflow_run */
	json_decref(index);
	buf_release(&out);
	free(path);
}

__attribute__((constructor)) static void register_events(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct event_case *c = xmalloc(sizeof(*c));

		*c = cases[i];
		harness_register_ctx("events", xstrdup(cases[i].file), event_one, c);
	}
}
