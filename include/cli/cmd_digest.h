/*
 * cmd_digest.h - the `digest` command (see its --help text in agent/cmd_digest.c).
 */
#ifndef AIOPS_CMD_DIGEST_H
#define AIOPS_CMD_DIGEST_H

#include "common.h"

/* Returns an exit status (DESIGN §3); argv[0] is the command name. */
int cmd_digest(int argc, char **argv);

#endif
