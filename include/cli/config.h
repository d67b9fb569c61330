/*
 * config.h - the environment, read in one place, once.
 *
 * config_load() takes the snapshot every module reads through settings_get()
 * (util/settings.h), hands the environment to the redactor (every secret value it can
 * see is masked from then on) and sets what the core needs before any thread starts
 * (the fingerprint salt). config_variables() is the table of every variable the agent
 * reads: `aiops-agent help env` prints it and check-style proves no module reads a
 * variable that is not in it.
 */
#ifndef AIOPS_CLI_CONFIG_H
#define AIOPS_CLI_CONFIG_H

#include "common.h"

#include <stdio.h>

struct config_variable {
	const char *name;
	const char *what;
};

/* Read `envp` (the process's environ). Call once, first thing in main(). */
void config_load(char *const *envp);

/* Every variable the agent reads, NULL-name-terminated. */
const struct config_variable *config_variables(void);

/* Print the table (`aiops-agent help env`). */
void config_print(FILE *out);

#endif
