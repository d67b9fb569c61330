/*
 * model_double.h - an OpenAI-compatible model double for tests, over double.h (loopback).
 *
 * It answers POST .../chat/completions with scripted answers chosen by the task the
 * prompt names ("# Task: diagnosis", "# Task: remediation", "# Task: runbook notes",
 * "# Task: ci fix"),
 * a different one on the re-ask (a conversation with an assistant turn), and can be told
 * to fail the first requests with a status (429, 500, a hang, a context-length error, a
 * quota error, a 5 MB answer). It records every request (double.h) so tests can check
 * what was sent: the budget of each prompt and the absence of planted secrets.
 */
#ifndef AIOPS_MODEL_DOUBLE_H
#define AIOPS_MODEL_DOUBLE_H

#include "common.h"
#include "double.h"

#include <jansson.h>

enum md_task { MD_DIAGNOSIS, MD_REMEDIATION, MD_NOTES, MD_CI_FIX, MD_OTHER };

struct md_failure {
	int status;             /* 0: none; -1: hang (delay_ms, then 200 with the answer) */
	const char *headers;    /* extra header lines */
	const char *body;       /* error body (NULL: a generic one) */
	int times;              /* how many requests fail this way (counted from the first) */
	int delay_ms;
	bool huge;              /* answer 200 with a 5 MB body */
};

struct model_double {
	struct http_double *http;
	/* content of the assistant's answer per task; [1] on the re-ask (NULL: [0] again) */
	const char *answer[MD_OTHER][2];
	struct md_failure fail;
	/* what the double saw and sent (guarded by the double's serial handling) */
	char **bodies;          /* reply bodies, kept until md_stop */
	size_t nbodies;
	size_t counts[MD_OTHER + 1]; /* requests per task */
	size_t reasks[MD_OTHER + 1]; /* of which re-asks */
};

/* Start a double; `md` is filled by the caller before (answers, failure). */
int md_start(struct model_double *md);
void md_stop(struct model_double *md);
/* "http://127.0.0.1:<port>/v1" */
char *md_url(struct model_double *md);

/* The task a request body asks for, and whether it is a re-ask. */
enum md_task md_task_of(json_t *body, bool *reask);
/* The i-th request body, parsed (new reference), or NULL. */
json_t *md_body(struct model_double *md, size_t i);

/* The largest token estimate (model_estimate_messages) over every request sent. */
size_t md_largest_prompt(struct model_double *md);
/* The first planted secret (of `secrets`) found in any request, or NULL. */
const char *md_leaked(struct model_double *md, char *const *secrets);


/* A diagnosis answer for a scenario: its expected.json plus summary, root_cause, ...; new. */
char *md_scenario_diagnosis(const char *scenario_dir, const char *confidence);

#endif
