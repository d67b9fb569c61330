/*
 * prompt.h - the prompts sent to the model: templates from the files of prompts/ with
 * {{PLACEHOLDERS}} filled from the evidence, capped, redacted and fitted to a budget.
 *
 * Templates: system.txt (the system message of every call), diagnose.txt,
 * remediate.txt, artifacts.txt, ci_fix.txt (repair's correction) and repair.txt (the
 * re-ask after an invalid answer).
 * They are read from the prompts folder: $AIOPS_PROMPTS, else prompts/ one or two
 * levels above the executable (bin/aiops-agent, build/asan/aiops-agent), else
 * ./prompts.
 *
 * Never raw logs: the evidence goes in as the log digest (digest_render_text, a
 * template count and a byte cap), the failure signatures, the ranked suspects with a
 * capped excerpt of their diffs, the code around stack frames, the knowledge-base
 * matches and the normalized alert. The whole user message is redacted (redact.h)
 * after it is filled, so no secret reaches the model whatever a value held.
 *
 * The budget is in estimated tokens (model_estimate_tokens: one per 3 bytes) and covers
 * the system and user messages with their per-message overhead. When the prompt does
 * not fit, evidence is cut in a fixed priority order (least telling first: past
 * incidents, code excerpts, diffs of lower-ranked suspects, then fewer digest
 * templates and shorter diffs, ...), each cut is named in the prompt ({{TRIMMED}}) and
 * returned in `trimmed`, and as a last resort the log digest is clipped. A template that
 * does not fit even without evidence is ERR_TOO_BIG.
 */
#ifndef AIOPS_PROMPT_H
#define AIOPS_PROMPT_H

#include "common.h"
#include "util/buf.h"
#include "core/evidence.h"
#include "core/remediate.h"

struct prompt {
	char *system;        /* the system message */
	char *user;          /* the filled, redacted template */
	size_t tokens;       /* model_estimate_messages() of the two */
	char **trimmed;      /* what was cut to fit, NULL-terminated (never NULL after success) */
	size_t ntrimmed;
};

#define PROMPT_INIT {NULL, NULL, 0, NULL, 0}

void prompt_release(struct prompt *p);

/* The folder templates are read from (new string); ERR_NOTFOUND when none has them. */
int prompt_dir(char **out);
/* prompts/<name>.txt (capped at PROMPT_MAX); new string. ERR_NOTFOUND names the file. */
int prompt_load(char **out, const char *name);

struct prompt_var {
	const char *name;    /* "DIGEST" for {{DIGEST}} */
	const char *value;
};

/*
 * Fill the {{NAME}} placeholders of `tmpl` (NAME: A-Z, 0-9, _) with their values,
 * inserted as they are. ERR_INPUT names `origin` and a placeholder that has no value;
 * text that is not a placeholder ("{{ x }}", "{{lower}}") is copied.
 */
int prompt_fill(struct buf *out, const char *tmpl, const struct prompt_var *vars, size_t nvars,
		const char *origin);

/* The diagnosis prompt (diagnose.txt). `actions` lists the infrastructure actions. */
int prompt_diagnose(struct prompt *out, const struct evidence *ev, const char *const *actions,
		    size_t budget);

/*
 * The remediation prompt (remediate.txt): the diagnosis, the candidate fix the offline
 * planner built (`candidate`, or NULL with `candidate_error` saying why there is none),
 * the blame diff, the current content of the files involved, a short digest.
 * `max_files` is the policy's limit, said in the prompt.
 */
int prompt_remediate(struct prompt *out, const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *candidate, const char *candidate_error, size_t max_files,
		     size_t budget);

/* The artifacts prompt (artifacts.txt): runbook first checks and prevention advice. */
int prompt_artifacts(struct prompt *out, const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *plan, size_t budget);

/* A file as the prompt shows it. */
struct prompt_file {
	const char *path;
	const char *text;            /* NULL: not readable as text */
};

#define PROMPT_CI_FIX_FILES 8 /* files of the pull request the CI-fix prompt shows, at most */

/* What the CI-fix prompt shows (repair's correction by a model). */
struct prompt_ci_fix {
	const char *failure;         /* the failure class line and the distilled failing jobs */
	const char *pull;            /* the pull request: title, branch, body (incident context) */
	const struct prompt_file *files; /* the pull request's files at the branch tip (the first
					  PROMPT_CI_FIX_FILES are shown) */
	size_t nfiles;
	const char *new_paths;       /* where new files may go, said in words */
	size_t max_files;
	int attempt, max_attempts;
};

/*
 * The CI-fix prompt (ci_fix.txt): the failure, the pull request and its files (numbered
 * lines, each capped; the largest cut first), fitted to `budget`.
 */
int prompt_ci_fix(struct prompt *out, const struct prompt_ci_fix *in, size_t budget);

/*
 * The re-ask turn (repair.txt) for `errors` (one per line), redacted; new string in
 * `*out`.
 */
int prompt_repair(char **out, const char *errors);

#endif
