/*
 * actions.h - what a run gives back to GitHub Actions (only when GITHUB_ACTIONS is
 * "true"): its outputs in $GITHUB_OUTPUT, a job summary in $GITHUB_STEP_SUMMARY, error
 * and warning annotations, and masks for every secret value the agent holds.
 */
#ifndef AIOPS_CLI_ACTIONS_H
#define AIOPS_CLI_ACTIONS_H

#include "common.h"

#include <jansson.h>
#include <stdbool.h>

/* Whether the run is a GitHub Actions step. */
bool actions_on(void);

/* "::add-mask::" every secret the redactor knows, on stderr (the runner reads commands there too). */
void actions_mask(void);

/*
 * A pipeline step starts (pipeline_opts.on_step): "::group::<step>" on stderr, after
 * "::endgroup::" for the step before; NULL ends the last group. Nothing outside Actions.
 */
void actions_step(const char *step);

/*
 * After a run, whatever its status: the outputs (incident-id, category, blame-pr,
 * remediation-type, issue-url, pr-url, result, status, each with a random delimiter so
 * that no value can end it), the summary, and annotations (an error for a failed run,
 * a warning per degraded step). `res` may be NULL (the run failed before a result);
 * `result_path` is the output folder or NULL; `status` the exit status; `message` the
 * run's error or NULL. ERR_IO when a file cannot be written.
 */
int actions_report(json_t *res, const char *result_path, int status, const char *message);

#endif
