/*
 * cmd_repair.h - the `repair` command: self-healing CI for the agent's fix pull requests
 * (core/repair.h; the --help text is in agent/cli/cmd_repair.c).
 */
#ifndef AIOPS_CMD_REPAIR_H
#define AIOPS_CMD_REPAIR_H

#include "common.h"

/* Returns an exit status (DESIGN §3); argv[0] is the command name. */
int cmd_repair(int argc, char **argv);

/*
 * `respond` given a workflow_run event hands it over here: the same as
 * `repair --event FILE [--dry-run] [--json]`.
 */
int cmd_repair_event(const char *event, bool dry_run, bool json);

#endif
