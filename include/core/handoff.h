/*
 * handoff.h - what a read-only run leaves for the run that holds the write token.
 *
 * Plan, then apply. `respond --plan-only PLAN.json` reads GitHub with a read-only token,
 * talks to the model and writes nothing anywhere but its output folder and PLAN.json: the
 * SHA-256 of the alert and of the logs it read, the model's answers (model.h's
 * transcript) and what it concluded. `apply PLAN.json` reads the same alert and logs (in
 * GitHub Actions: the same event of the same workflow run), refuses when they are not the
 * ones planned, and runs the pipeline again with the model's answers replayed instead of
 * asked. Every answer passes the same checks and the same safety policy again, against
 * evidence read again: the plan is data, not orders, and a plan edited on its way can
 * change no more than what the model said. Inputs are not copied into the plan (it may
 * travel as a build artifact; logs hold secrets): only their hashes are.
 *
 *   {"format": "aiops-plan/1", "created_at": "<RFC 3339>", "incident_id": "...",
 *    "inputs": {"alert": "<sha256>", "logs": "<sha256>" | null},
 *    "model": {"url": "<base URL>", "name": "<model>" | null, "prompt_tokens": N} | null,
 *    "transcript": [ ... model.h ... ],
 *    "planned": {"category", "blame_pr", "remediation_type", "confidence", "summary"}}
 */
#ifndef AIOPS_HANDOFF_H
#define AIOPS_HANDOFF_H

#include "common.h"
#include "io/crypto.h"

#include <jansson.h>

#define HANDOFF_FORMAT "aiops-plan/1"
#define HANDOFF_MAX (64u << 20) /* a plan file bigger than this is refused */

struct handoff {
	char alert_sha[CRYPTO_SHA256_HEX];
	char logs_sha[CRYPTO_SHA256_HEX];  /* "" when the run had no logs */
	char *model_url, *model_name;      /* the model that answered; url NULL: the offline engine */
	long prompt_tokens;                /* its prompt budget (it shapes the prompts), or 0 */
	json_t *transcript;                /* model.h's transcript (an array, maybe empty) */
	json_t *planned;                   /* the conclusion, as "planned" above */
	char *incident_id;
};

#define HANDOFF_INIT {"", "", NULL, NULL, 0, NULL, NULL, NULL}

/* Hash the run's alert and logs (`logs` may be NULL) into `h`. ERR_IO naming the file. */
int handoff_hash_inputs(struct handoff *h, const char *alert, const char *logs);
/*
 * The conclusion and incident of a run's result, kept in `h` (the transcript is set by
 * the caller). Then written atomically to `path` (its folder is created).
 */
void handoff_conclude(struct handoff *h, json_t *result);
int handoff_write(const char *path, const struct handoff *h);
/* Read and check a plan file: ERR_INPUT names the file and the field. */
int handoff_read(struct handoff *h, const char *path);
/*
 * The configuration of a client that answers as the plan's model did, from its
 * transcript (borrowed), reaching no server: apply's and repair --apply's model.
 */
struct model_config;
void handoff_replay_config(struct model_config *out, const char *url, const char *name, long prompt_tokens,
			   json_t *transcript);
/* ERR_INPUT unless `alert` and `logs` hash to what the plan read. */
int handoff_check_inputs(const struct handoff *h, const char *alert, const char *logs);
/*
 * What moved between the plan and `result` (category, blame, remediation), as one line
 * (a new string), or NULL when the apply concluded what the plan did.
 */
char *handoff_moved(const struct handoff *h, json_t *result);
void handoff_release(struct handoff *h);

/*
 * Repair's plan, the same way: `repair --plan-only PLAN.json` reads the failed run and
 * talks to the model with read-only permissions; `repair --apply PLAN.json` repairs the
 * same pull request and run with the model's answers replayed (the same evidence gives
 * the same prompt; evidence that moved finds no answer, and the correction is handed
 * over). Nothing of the logs is in the plan but what the prompts held, redacted.
 *
 *   {"format": "aiops-repair-plan/1", "created_at": "...", "pull_request": N,
 *    "run_id": ID, "model": {...} | null, "transcript": [...], "planned": {"action",
 *    "reason", "class"}}
 */
#define HANDOFF_REPAIR_FORMAT "aiops-repair-plan/1"

struct handoff_repair {
	long long pr, run_id;
	char *model_url, *model_name;      /* url NULL: no model was asked */
	long prompt_tokens;
	json_t *transcript;
	json_t *planned;
};

int handoff_repair_write(const char *path, const struct handoff_repair *h);
/* Read and check a repair plan: ERR_INPUT names the file and the field. */
int handoff_repair_read(struct handoff_repair *h, const char *path);
void handoff_repair_release(struct handoff_repair *h);

#endif
