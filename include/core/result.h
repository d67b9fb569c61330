/*
 * result.h - the result object of DESIGN §5: built once, written to
 * <out>/<incident-id>/result.json and printed by --json. Every field is present; the
 * ones that do not apply are null.
 */
#ifndef AIOPS_RESULT_H
#define AIOPS_RESULT_H

#include "common.h"
#include "core/artifacts.h"
#include "core/diagnose.h"
#include "core/publish.h"
#include "core/remediate.h"

#include <jansson.h>

/*
 * A new result object. `pub` may be NULL (a dry run or a refused plan: nothing was
 * published); `degraded` lists the degraded steps (NULL-terminated, may be NULL);
 * `engine` (may be NULL: offline) gives the fields beyond §5 about the model:
 *   "model"    "<model> at <host>", or null without a model
 *   "usage"    {"prompt_tokens", "completion_tokens", "total_tokens", "calls"} summed over
 *              every model call of the run, or null without a model
 *   "trimmed"  what the prompts left out to fit the budget ("diagnose prompt: log
 *              digest: cut to 8000 of 12381 bytes"), [] when nothing or offline
 * and about GitHub:
 *   "github"     the backend: "rest" (live) or "offline" (recorded state)
 *   "published"  null when nothing was published (a dry run); else what this run
 *                created or found, step by step, so that a run stopped half-way (exit
 *                3) still says what exists:
 *                {"fix_branch": {"name", "commit", "pushed", "existed"} | null,
 *                 "knowledge_base": {"branch", "commit", "pushed", "appended",
 *                                    "pull_request": {number, url} | null,
 *                                    "protected": why the default branch was not used | null} | null,
 *                 "issue": {"number", "url", "existed", "duplicate_closed"} | null,
 *                 "pull_request": {"number", "url", "existed"} | null,
 *                 "dispatch": {"workflow", "url", "comment"} | null,
 *                 "complete": false when publishing stopped because GitHub was unreachable}
 *                ("existed": found by a re-run, not created)
 * The pipeline adds "planned" (what a dry run would do, one line each; null otherwise).
 */
json_t *result_build(const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *plan, const struct artifacts *a,
		     const struct publish_result *pub, char *const *degraded,
		     const struct diagnose_engine *engine);

#endif
