/*
 * cmd_adapt.h - the `adapt` command (see its --help text in agent/cmd_adapt.c).
 */
#ifndef AIOPS_CMD_ADAPT_H
#define AIOPS_CMD_ADAPT_H

#include "common.h"

/* Returns an exit status (DESIGN §3); argv[0] is the command name. */
int cmd_adapt(int argc, char **argv);

#endif
