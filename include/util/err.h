/*
 * err.h - error codes and the last error message.
 *
 * Every fallible function returns an int: 0 on success, a negative ERR_* code on
 * failure, after setting a one-line message with err_set(). The message follows git's
 * rules: lower case, no trailing period, problem first, subject quoted, file and field
 * named. Callers propagate the code without overwriting the message; only main.c turns
 * codes into exit statuses (err_exit_status).
 *
 * The message lives in thread-local storage, so threads do not clobber each other.
 */
#ifndef AIOPS_ERR_H
#define AIOPS_ERR_H

#include "common.h"

enum err_code {
	ERR_OK = 0,
	ERR_FAIL = -1,     /* anything else: exit 1 */
	ERR_USAGE = -2,    /* bad command line: exit 2 */
	ERR_INPUT = -3,    /* bad input file or field: exit 2 */
	ERR_TOO_BIG = -4,  /* input over a size cap: exit 2 */
	ERR_NOTFOUND = -5, /* a file, PR or object does not exist: exit 2 */
	ERR_NET = -6,      /* GitHub or model unreachable after retries: exit 3 */
	ERR_POLICY = -7,   /* refused by the safety policy: exit 4 */
	ERR_CONFLICT = -8, /* a non-fast-forward push; callers retry: exit 1 */
	ERR_IO = -9,       /* cannot read or write a local file: exit 2 */
};

/* Exit statuses of DESIGN §3. */
enum exit_status {
	EXIT_DONE = 0,
	EXIT_DEGRADED = 1,
	EXIT_BAD_INPUT = 2,
	EXIT_UNREACHABLE = 3,
	EXIT_REFUSED = 4,
};

/* Set the last error and return `code`, so callers can `return err_set(...)`. */
ATTR_PRINTF(2, 3) int err_set(int code, const char *fmt, ...);
/* Prefix the current message with "<prefix>: " (used when a caller adds context). */
ATTR_PRINTF(1, 2) void err_prefix(const char *fmt, ...);
/* The last message (borrowed, "" when none) and its code. */
const char *err_last(void);
int err_last_code(void);
void err_clear(void);

int err_exit_status(int code);
const char *err_code_name(int code);

#endif
