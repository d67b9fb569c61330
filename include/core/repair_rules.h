/*
 * repair_rules.h - corrections a machine can make without a model, as a table of rules.
 *
 * Each rule is for one class of failure (logs/ciclass.h) and makes a change only when the
 * fix is mechanical and the evidence names it:
 *   flyway-renumber   "Found more than one migration with version N": the migration the
 *                     pull request adds with version N is renamed to the next free
 *                     version (one above the highest on the fix branch and its base);
 *   json-syntax       a JSON file the pull request changes does not parse, and does once
 *                     the trailing commas before '}' or ']' are gone;
 *   yaml-syntax       a YAML file the pull request changes does not parse, and does once
 *                     its indentation tabs are spaces;
 *   go-import         "x.go:L:C: undefined: strings" for a standard-library package: the
 *                     import is added to that file (which the pull request changes).
 * Every rule reads the files from the fix branch's tip (a fetched revision in a git
 * repository) and only touches files the pull request changes (or the renamed copy of
 * one). Knows nothing of GitHub.
 */
#ifndef AIOPS_REPAIR_RULES_H
#define AIOPS_REPAIR_RULES_H

#include "common.h"
#include "core/repair_evidence.h"
#include "io/gitops.h"
#include "util/buf.h"

struct repair_input {
	const struct repair_evidence *ev;
	struct gitops *g;
	const char *head;          /* the fix branch's tip (a revision of g) */
	const char *base;          /* the base branch's tip, or NULL */
	char *const *pr_files;     /* the paths the pull request changes, NULL-terminated */
};

struct repair_change {
	const char *rule;          /* the rule that made it (static) */
	struct gitops_file *files; /* what to commit; data owned by `data` */
	size_t nfiles;
	char **data;               /* the file contents, NULL-terminated */
	struct buf summary;        /* markdown: one "- ..." line per change */
};

#define REPAIR_CHANGE_INIT {NULL, NULL, 0, NULL, BUF_INIT}

/*
 * Try the rules for the evidence's class in table order; the first that makes a change
 * fills `out`. ERR_NOTFOUND (with a message saying why) when none applies; other errors
 * come from reading the repository.
 */
int repair_rules_apply(struct repair_change *out, const struct repair_input *in);
void repair_change_release(struct repair_change *c);

/* Add one file to a change (`data` is taken over; NULL with remove). */
void repair_change_add(struct repair_change *c, const char *path, char *data, size_t len, bool remove);

#endif
