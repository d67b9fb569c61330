/*
 * settings.h - the process environment as read once at start-up.
 *
 * The command layer (cli/config.c) takes the snapshot before any thread starts; every
 * module asks settings_get() instead of the C library's getenv(), so there is one
 * place where the environment is read and one table (cli/config.c) of the variables
 * the agent knows. Tests take a new snapshot after changing their environment.
 */
#ifndef AIOPS_SETTINGS_H
#define AIOPS_SETTINGS_H

#include "common.h"

/* Copy `envp` ("NAME=VALUE" strings, NULL-terminated; NULL: none), replacing the last copy. */
void settings_snapshot(char *const *envp);

/* The value of `name` in the snapshot, or NULL when it is unset or empty. */
const char *settings_get(const char *name);

/* Forget the snapshot (tests; the process frees it at exit). */
void settings_release(void);

#endif
