/*
 * cli.h - the small option parser every command shares.
 *
 * Options are "--name value", "--name=value" or flags "--name"; "--" ends options.
 * Errors print one line and give exit status 2, like every usage error.
 */
#ifndef AIOPS_CLI_H
#define AIOPS_CLI_H

#include "common.h"

struct cli_opt {
	const char *name;     /* without the dashes */
	bool takes_value;
	const char **value;   /* where a value goes (takes_value) */
	bool *flag;           /* where a flag goes */
};

/*
 * Parse argv[1..]; positional arguments are collected into `*pos` (a new array of
 * borrowed pointers, NULL-terminated; free() it) and counted in `*npos`. "--help" and
 * "-h" set `*help`. Returns 0 or ERR_USAGE with a message naming the option.
 */
int cli_parse(const char ***pos, size_t *npos, bool *help, int argc, char **argv,
	      const struct cli_opt *opts, size_t nopts);

/* Print "aiops-agent: <err_last()>" (and a hint to --help for usage errors); return the exit status. */
int cli_fail(int code, const char *command);

#endif
