/*
 * remediate.h - the fix plan: which files change and how, which branch, which workflow.
 *
 * Every file change is expressed as one git-format diff against the default branch, so
 * that it can be checked by the safety policy, shown in the pull request and applied
 * by libgit2 exactly as planned:
 *   code_fix           the blame pull request's hunks in the implicated files, reversed
 *                      (the files named by the stack frames and errors, plus files whose
 *                      changes use names those hunks introduce)
 *   config_fix         the blame pull request's configuration hunks, reversed
 *   feature_flag       the hunks that turned the flag on, reversed
 *   dependency_update  the hunks that bumped the dependency, reversed (pinned back)
 *   flyway_migration   a new migration V<next>__add_<column>_to_<table>.sql
 *   pr_rollback        the whole blame diff reversed, or, in a repository that has the
 *                      merge commit, a revert of that commit
 *   infrastructure_action  no files; a workflow dispatch
 *   escalation         nothing but the issue
 */
#ifndef AIOPS_REMEDIATE_H
#define AIOPS_REMEDIATE_H

#include "common.h"
#include "util/buf.h"
#include "core/evidence.h"

#include <jansson.h>

#define REMEDIATION_WORKFLOW "infra-remediation.yml"

struct plan {
	enum remediation type;
	char *branch;          /* deterministic "fix/<incident-id>-<type>", NULL when no files */
	struct buf diff;       /* the fix as a git-format diff against the default branch */
	char **paths;          /* files the fix changes, sorted, NULL-terminated */
	size_t npaths;
	char *revert_commit;   /* pr_rollback: the merge commit to revert when the repository has it */
	char *title;           /* commit subject and pull request title */
	char *description;     /* markdown: what the fix does and why */
	json_t *dispatch;      /* {"workflow", "ref", "inputs": {...}} or NULL */
};

#define PLAN_INIT {0}

int remediate_plan(struct plan *out, const struct evidence *ev, const struct diagnosis *dx);

/* Whether the default branch holds Flyway versioned migrations (db/migration/V<n>__x.sql). */
bool remediate_has_flyway(const struct evidence *ev);
/* Whether the pull request adds or changes such a migration. */
bool remediate_pull_migrates(const struct pull *p);
void plan_release(struct plan *plan);

#endif
