/*
 * fuzz_answer.c - a model's answer, hostile or confused: the JSON object pulled out of
 * its text (io/model.c model_extract_json: whole text, fenced block, first balanced
 * object), validated against the evidence (core/diagnose.c diagnose_parse_answer),
 * reconciled with the offline diagnosis (diagnose_reconcile), and a "diff" it carries
 * parsed and held to the model's confinement (core/policy.c policy_check_model_file).
 *
 * The evidence is fixed: pull request #214 (merged before the alert, it adds a feature
 * flag) and #215 (merged after it). A literal secret is registered with the redactor.
 * Invariants: an accepted application diagnosis blames #214, an infrastructure action
 * is one of the allowed ones, one-line fields are one line, no text of the diagnosis
 * holds the registered secret, and a file of the diff that passes the checks a model's
 * own diff gets is not deleted, not under .github/, no CODEOWNERS, a plain 100644 file,
 * and one the evidence names unless it is new.
 */
#include "common.h"
#include "fuzz.h"
#include "core/diagnose.h"
#include "core/incident.h"
#include "core/policy.h"
#include "core/pull.h"
#include "io/model.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/patch.h"
#include "util/redact.h"

#include <stdlib.h>

#define SECRET "fuzzPlanted-7Rq2Xv9Lk4Mw"

static struct incident inc = INCIDENT_INIT;
static struct pull pulls[2];
static struct suspect suspects[2];
static struct evidence ev;
static struct signal offline_signal = {"pool_exhausted", "the connection pool ran out", 3, 7, NULL};
static struct diagnosis offline;
static struct policy policy = POLICY_INIT;
static char *const actions[] = {(char *)"restart-and-scale-out", (char *)"raise-memory-limit", NULL};
static char *const scope[] = {(char *)"src/checkout/flags.py", (char *)"deploy/checkout.yaml", NULL};

static const char pr214[] =
	"diff --git a/src/checkout/flags.py b/src/checkout/flags.py\n"
	"--- a/src/checkout/flags.py\n"
	"+++ b/src/checkout/flags.py\n"
	"@@ -1,2 +1,3 @@\n"
	" FLAGS = {\n"
	"+    'checkout_async_pool': True,\n"
	" }\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	inc.fired_at = 1795000000;
	pulls[0].meta.number = 214;
	pulls[0].meta.merged_at = inc.fired_at - 3600;
	pulls[1].meta.number = 215;
	pulls[1].meta.merged_at = inc.fired_at + 60;
	if (pull_load_diff(&pulls[0], pr214, strlen(pr214)) < 0)
		fuzz_fail("the evidence's diff does not parse: %s", err_last());
	suspects[0].number = 214;
	suspects[1].number = 215;
	suspects[1].pull = 1;
	suspects[1].after_alert = true;
	ev.inc = &inc;
	ev.pulls = pulls;
	ev.npulls = 2;
	ev.suspects = suspects;
	ev.nsuspects = 2;
	offline.engine = "offline";
	offline.category = CATEGORY_APPLICATION;
	offline.blame_pr = 214;
	offline.confidence = CONFIDENCE_MEDIUM;
	offline.remediation = REMEDIATION_FEATURE_FLAG;
	offline.rationale = (char *)"the flag came with #214";
	offline.subject = (char *)"checkout_async_pool";
	offline.signals = &offline_signal;
	offline.nsignals = 1;
	if (policy_load(&policy, NULL) < 0)
		fuzz_fail("the default policy does not load: %s", err_last());
	redact_add_literal(SECRET);
	return 0;
}

static void check_text(const char *s, bool one_line, const char *field)
{
	if (!s)
		return;
	if (strstr(s, SECRET))
		fuzz_fail("field '%s' holds the registered secret", field);
	if (one_line && strchr(s, '\n'))
		fuzz_fail("field '%s' is not one line", field);
}

static void check_diagnosis(const struct diagnosis *dx)
{
	if (dx->category == CATEGORY_APPLICATION && dx->blame_pr != 214)
		fuzz_fail("application diagnosis blames #%d", dx->blame_pr);
	if (dx->remediation == REMEDIATION_INFRASTRUCTURE_ACTION) {
		size_t i = 0;

		while (dx->action && actions[i] && strcmp(actions[i], dx->action))
			i++;
		if (!dx->action || !actions[i])
			fuzz_fail("infrastructure action '%s' not allowed", dx->action ? dx->action : "(null)");
	}
	check_text(dx->summary, true, "summary");
	check_text(dx->root_cause, false, "root_cause");
	check_text(dx->rationale, true, "rationale");
	check_text(dx->subject, true, "subject");
}

static void check_diff(json_t *answer)
{
	const char *diff = json_string_value(json_object_get(answer, "diff"));
	struct patch p = PATCH_INIT;

	if (!diff || patch_parse(&p, diff, json_string_length(json_object_get(answer, "diff")), "answer") < 0)
		return;
	for (size_t i = 0; i < p.nfiles; i++) {
		const struct patch_file *f = &p.files[i];
		const char *path = patch_file_path(f);

		/* the checks diagnose.c makes of a model's own diff, in its order */
		if ((f->old_path && policy_check_path(&policy, f->old_path) < 0) ||
		    (f->new_path && policy_check_path(&policy, f->new_path) < 0) ||
		    policy_check_model_file(&policy, f, scope) < 0)
			continue;
		if (f->is_deleted || !strncmp(path, ".github/", 8) || strstr(path, "CODEOWNERS") ||
		    (f->new_mode && strcmp(f->new_mode, "100644")) ||
		    (!f->is_new && strcmp(path, scope[0]) && strcmp(path, scope[1])))
			fuzz_fail("the model's fix may write '%s'%s", path, f->is_new ? " (new)" : "");
	}
	patch_release(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diagnosis dx = {0};
	struct buf errors = BUF_INIT;
	json_t *answer;

	if (!ev.inc)
		LLVMFuzzerInitialize(NULL, NULL);
	err_clear();
	if (!(answer = model_extract_json((const char *)data, size)))
		return 0;
	if (!json_is_object(answer))
		fuzz_fail("model_extract_json gave a %s, not an object", json_is_array(answer) ? "list" : "scalar");
	if (diagnose_parse_answer(&dx, answer, &ev, &offline, actions, &errors) == 0) {
		check_diagnosis(&dx);
		diagnose_reconcile(&dx, &offline);
		check_diagnosis(&dx);
		diagnosis_release(&dx);
	} else if (!errors.len) {
		fuzz_fail("an answer was refused without saying why");
	}
	check_diff(answer);
	buf_release(&errors);
	json_decref(answer);
	return 0;
}
