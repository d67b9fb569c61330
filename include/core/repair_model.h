/*
 * repair_model.h - what a correction may touch, and the correction a model writes when
 * no offline rule fits (repair_rules.h).
 *
 * The model gets the failure (its class line and the distilled failing jobs), the pull
 * request (title, branch, body: the incident it fixes) and the pull request's files at
 * the fix branch's tip (prompts/ci_fix.txt, asked through diagnose_ask: budget, re-ask,
 * audit). Its answer is untrusted input:
 *   {"decision": "correct"|"hand_over", "diff": "<git diff>", "summary": "<markdown>"}
 * A diff must parse (patch.h), change 1..max_files text files, every path must be one a
 * correction may touch (repair_path_allowed; no deletion, rename or binary change), and
 * every hunk must apply exactly to the branch's tip; the summary is one line per change,
 * redacted and capped. An answer that breaks these is re-asked once with its errors.
 * Knows nothing of GitHub.
 */
#ifndef AIOPS_REPAIR_MODEL_H
#define AIOPS_REPAIR_MODEL_H

#include "common.h"
#include "core/diagnose.h"
#include "core/policy.h"
#include "core/repair_rules.h"

#include <jansson.h>

#define REPAIR_SUMMARY_MAX 2000 /* bytes of a model's summary of its correction */

/*
 * May a correction write (`remove` false) or remove `path`? The safety policy's path
 * rules (policy_check_path), and a file of the pull request (`pr_files`,
 * NULL-terminated) or a new file under the policy's model_new_paths. 0, or ERR_POLICY
 * with the reason (naming pull request `pr`).
 */
int repair_path_allowed(const struct policy *p, char *const *pr_files, int pr, const char *path,
			bool remove);

struct repair_model_input {
	const struct repair_evidence *ev;
	struct gitops *g;
	const char *head;          /* the fix branch's tip (a revision of g) */
	char *const *pr_files;     /* the paths the pull request changes, NULL-terminated */
	json_t *pull;              /* the pull request (number, title, body, head.ref) */
	const struct policy *policy;
	int attempt, max_attempts; /* this correction's number, and the policy's limit */
};

/*
 * Ask the engine's model for a correction. 0 with `out` filled (rule "model");
 * ERR_NOTFOUND when the model hands over; ERR_POLICY when its answers broke the safety
 * policy; ERR_FAIL when no answer could be used (the model unreachable, or invalid
 * twice). On every error `*why` (new string) says why, for the hand-over comment.
 */
int repair_model_correct(struct repair_change *out, const struct repair_model_input *in,
			 struct diagnose_engine *e, char **why);

#endif
