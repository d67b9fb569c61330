/*
 * diagnose.h - the engine that draws a diagnosis from the evidence (core/evidence.h).
 *
 * diagnose_run() picks the engine: the offline rule engine (offline.h) when no
 * model is configured, as in every --offline run; else the model (model.h, prompts from
 * prompt.h), whose answer is untrusted input: it is validated (diagnose_parse_answer),
 * re-asked once with the errors when invalid, and replaced by the offline engine's
 * diagnosis when still invalid or when the model cannot be reached (said in `degraded`).
 *
 * The confidence gate (diagnose_gate) applies to every diagnosis: a low-confidence
 * application incident gets an exact rollback of the blamed pull request instead of a
 * written change, a low-confidence infrastructure action is escalated to people; the
 * rationale (and so the issue) says so.
 */
#ifndef AIOPS_DIAGNOSE_H
#define AIOPS_DIAGNOSE_H

#include "common.h"
#include "core/evidence.h"
#include "io/model.h"

#include <jansson.h>

struct plan;
struct policy;
struct prompt;

/*
 * The engine of a run: the offline rule engine (model NULL), or a model with the offline
 * engine as its fallback. It collects, for the result, what fell back and why
 * (`degraded`, "diagnosis: ...", "remediation: ...", "artifacts: ...") and what the
 * prompts left out to fit the budget (`trimmed`, "diagnose prompt: log digest: ...").
 */
struct diagnose_engine {
	struct model_client *model;  /* NULL: the offline engine */
	char *model_name;            /* "openai/gpt-4.1 at models.github.ai", or NULL */
	size_t budget;               /* prompt budget, estimated tokens (AIOPS_MAX_PROMPT_TOKENS) */
	bool serial;                 /* follow-up requests one after another (benchmarks) */
	char *const *actions;        /* allowed infrastructure actions (borrowed), or NULL: built-in */
	size_t max_files;            /* files a fix may change (the policy's), 0: 20 */
	char **degraded;             /* NULL-terminated, may be NULL */
	size_t ndegraded;
	char **trimmed;              /* NULL-terminated, may be NULL */
	size_t ntrimmed;
	size_t largest_prompt;       /* the largest prompt sent, estimated tokens */
	/*
	 * Audit: when set, every prompt sent is written to DIR/<prompt>-<attempt>.prompt.md
	 * and every answer to DIR/<prompt>-<attempt>.answer.txt; with the offline engine the
	 * diagnosis prompt a model would get is written (diagnose-0.prompt.md), so what a
	 * model sees can be checked without one.
	 */
	const char *prompts_dir;
};

#define DIAGNOSE_ENGINE_INIT {0}

/* An engine for `cfg`, or the offline engine when `cfg` is NULL. ERR_USAGE: a bad URL. */
int diagnose_engine_init(struct diagnose_engine *e, const struct model_config *cfg);
void diagnose_engine_release(struct diagnose_engine *e);
/* The usage summed over every model call of the run (all zero offline). */
void diagnose_engine_usage(struct model_usage *out, const struct diagnose_engine *e);

/*
 * Diagnose with the engine (`e` NULL: offline). The model path never fails the run: a
 * model that cannot answer usably leaves the offline engine's diagnosis, and says why
 * in e->degraded. Errors are only those of the offline engine.
 */
int diagnose_run(struct diagnosis *out, const struct evidence *ev, struct diagnose_engine *e);

/* The confidence gate (see the top of this file). */
void diagnose_gate(struct diagnosis *dx);

/*
 * Check a model's diagnosis answer against the schema and the evidence, and build the
 * diagnosis from it. Every problem found is appended to `errors` as one line
 * ("field 'blame_pr': #999 is not a recently merged pull request (#214, #213)"), and the
 * return value is then ERR_INPUT with `*out` untouched. `offline` (the offline engine's
 * diagnosis) gives the signals, and the subject or action when the answer leaves them
 * null. Checks: category, remediation_type and confidence in their enums and consistent
 * with each other; blame_pr a pull request merged before the alert (application) or
 * null (infrastructure); summary <= 400 bytes, root_cause <= 4000, rationale <= 1000;
 * action one of `actions`; subject (feature_flag, dependency_update) <= 200 bytes on one
 * line and present in the blamed pull request's changed lines.
 */
int diagnose_parse_answer(struct diagnosis *out, json_t *answer, const struct evidence *ev,
			  const struct diagnosis *offline, char *const *actions, struct buf *errors);

/*
 * What the follow-up requests (after the diagnosis, run concurrently) bring back.
 *
 * The remediation answer: {"decision": "use_candidate"|"own_diff", "diff": "<git diff>",
 * "description": "<markdown>"}. The candidate is the offline planner's fix for the
 * diagnosis; own_diff replaces it. An own diff is checked before anything else reads
 * it: it must parse (patch.h), change 1..max_files text files, every path must pass the
 * safety policy (policy_check_path: no absolute paths, "..", .git/, .github/workflows/
 * or denied prefixes), and every hunk must apply to the default branch exactly.
 */
struct diagnose_fix {
	bool valid;                  /* an answer passed every check */
	bool own_diff;               /* the model wrote its own diff (else: keep the candidate) */
	struct buf diff;             /* own_diff: the fix, re-rendered as a git diff */
	char **paths;                /* own_diff: the files it changes, sorted, NULL-terminated */
	size_t npaths;
	char *description;           /* markdown for the pull request (redacted) */
};

/*
 * The artifacts answer: {"first_checks": [...], "prevention": [...], "customer_impact":
 * "..."}, at most 8 items of at most 400 bytes each, one line each, redacted. It adds
 * sections to the runbook and the recommendations the offline renderer wrote.
 */
struct diagnose_notes {
	bool valid;
	char **first_checks;         /* NULL-terminated */
	char **prevention;           /* NULL-terminated */
	char *customer_impact;       /* may be "" */
};

void diagnose_fix_release(struct diagnose_fix *f);
void diagnose_notes_release(struct diagnose_notes *n);

/* True for the remediation types whose fix is a written diff (the remediation request). */
bool diagnose_writes_diff(enum remediation r);

/*
 * After a model diagnosis: ask for the remediation (when the type writes a diff) and for
 * the runbook notes, concurrently (one request per thread; one after another when
 * e->serial). `candidate` is the offline plan for `dx`, or NULL with `candidate_error`.
 * Each request is validated and re-asked once like the diagnosis; what cannot be used is
 * said in e->degraded, and `fix->valid` / `notes->valid` stay false. Never fails.
 * The evidence's GitHub backend must allow read_file() from a worker thread.
 */
void diagnose_follow_up(struct diagnose_fix *fix, struct diagnose_notes *notes,
			struct diagnose_engine *e, const struct evidence *ev,
			const struct diagnosis *dx, const struct plan *candidate,
			const char *candidate_error, const struct policy *policy);

/*
 * A model's diagnosis that departs from a high-confidence offline one (category, culprit,
 * infrastructure or not), or that asks for an infrastructure action without
 * infrastructure evidence, becomes an escalation whose rationale shows both.
 */
void diagnose_reconcile(struct diagnosis *model, const struct diagnosis *offline);

/*
 * Checking a model's answer, for every request: a string field of `answer`, NULL when
 * absent or null (with a complaint appended to `errors` when `required`, empty counting
 * as absent then) or when it is not a string, holds a NUL byte or is over `max` bytes
 * (each a complaint naming the field).
 */
const char *diagnose_answer_str(json_t *answer, const char *key, bool required, size_t max,
				struct buf *errors);
/* An answer's text as it goes out: redacted, control characters as spaces (newlines kept unless `one_line`); new string. */
char *diagnose_answer_text(const char *s, bool one_line);

/*
 * A question of another command to the engine's model (repair's correction), asked as
 * the pipeline's are: the prompt rendered within the engine's budget by `render`, the
 * answer checked by `check` (one line per problem appended to `errors` and ERR_INPUT, or
 * 0 with what it needs kept in `ctx`; `*refused` set when an answer broke the safety
 * policy), re-asked once with its errors, a context-length error met by halving the
 * budget, audited to the engine's prompts_dir, trimmed notes and the largest prompt
 * handed to the engine. 0 when an answer passed; ERR_USAGE without a model; otherwise
 * ERR_FAIL with `*why` (new string) saying why no answer could be used.
 */
struct diagnose_question {
	const char *what;            /* the schema name: "ci_fix" */
	const char *prompt_name;     /* audit files and trimmed notes: "ci-fix" */
	json_t *schema;              /* borrowed */
	int (*render)(struct prompt *out, void *ctx, size_t budget);
	int (*check)(void *ctx, json_t *answer, struct buf *errors, bool *refused);
	void *ctx;
};

int diagnose_ask(struct diagnose_engine *e, const struct diagnose_question *q, char **why, bool *refused);

#endif
