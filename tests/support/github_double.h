/*
 * github_double.h - start, query and stop the Node.js GitHub double
 * (tests/doubles/github/server.js) from a C test.
 *
 * The double runs as a child process on 127.0.0.1 (an ephemeral port) with
 * --watch-stdin, so it exits when the test closes the pipe, or dies. Its stderr goes to
 * <harness_tmpdir()>/double.log (double-<n>.log for the n-th of one test). It is
 * required: when node or its dependencies are missing, gh_double_up fails and says how
 * to install them (tests/doubles/github/install.sh, run by make test).
 */
#ifndef AIOPS_GITHUB_DOUBLE_H
#define AIOPS_GITHUB_DOUBLE_H

#include "common.h"

#include <jansson.h>
#include <sys/types.h>

struct gh_double {
	pid_t pid;
	int in_fd;      /* the double exits when this closes (--watch-stdin) */
	json_t *info;   /* the JSON line it printed: url, api, ghes_api, git, repository, workdir */
	const char *url, *git, *repository;
};

/* Start the double with `args` (NULL-terminated options, see its README). */
int gh_double_up(struct gh_double *d, const char *const *args);
void gh_double_down(struct gh_double *d);

/* A control call to /__double/<what>; the answer parsed (new ref), or NULL. */
json_t *gh_double_ctl(struct gh_double *d, const char *method, const char *what, const char *body);

/*
 * The number of contract violations the double recorded; they are printed on stderr
 * when there are not `expected` of them, so a failing test shows what was wrong.
 */
size_t gh_double_violations(struct gh_double *d, size_t expected);

/* GET /__double/state (new ref, or NULL). */
json_t *gh_double_state(struct gh_double *d);

#endif
