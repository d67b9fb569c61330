/*
 * recorded.h - the recorded GitHub twin as a pipeline backend, for tests that call the
 * pipeline directly (what cmd_respond does for --scenario).
 */
#ifndef AIOPS_TEST_RECORDED_H
#define AIOPS_TEST_RECORDED_H

#include "common.h"
#include "core/pipeline.h"

/* `out` opens io/github_offline over `dir` (a scenario's github/, borrowed). */
void recorded_github(struct pipeline_github *out, const char *dir);

#endif
