/*
 * cmd_respond.h - the `respond` command (see its --help text in agent/cmd_respond.c).
 */
#ifndef AIOPS_CMD_RESPOND_H
#define AIOPS_CMD_RESPOND_H

#include "common.h"

/* Returns an exit status (DESIGN §3); argv[0] is the command name. */
int cmd_respond(int argc, char **argv);
/* `replay NAME|DIR`: respond --offline on a scenario. */
int cmd_replay(int argc, char **argv);
/* `apply PLAN`: carry out a plan of respond --plan-only (core/handoff.h). */
int cmd_apply(int argc, char **argv);

#endif
