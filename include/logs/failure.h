/*
 * failure.h - what reads as a failure in a CI, build or test log, whatever level word
 * the line has: the digest (CI structure, values, context) and its distillation (error
 * ranking) ask it. No dependency on the digest's types.
 */
#ifndef AIOPS_LOGS_FAILURE_H
#define AIOPS_LOGS_FAILURE_H

#include "common.h"

/*
 * How strongly a line reads as an error in a CI, build or test log, whatever level word
 * it has (a leading timestamp is skipped):
 *   2 - a marker that means failure: ##[error], ::error, a non-zero "Process completed
 *       with exit code", "file:line: error", "Foo.java:[3,5] error:", "x.go:3:9:
 *       undefined: os", error[E0308], error TS2304, npm ERR!, make's "*** [...] Error N",
 *       the words FAIL, FAILED, FAILURE, FATAL, ERROR, a leading ✗ ✘ ✖ ×, AssertionError,
 *       pytest's "E   " lines, Traceback, panic:, fatal:, "error: ", an exception or error
 *       type ("java.io.IOException:", "TypeError:"), "Failures: N" or "Errors: N" with
 *       N > 0, "3 failed", "4 errors", No space left on device, Permission denied,
 *       command not found, cannot find symbol, undefined reference, Segmentation fault,
 *       Out of memory;
 *   1 - a phrase that usually means one: the words error, failed, failure (not "0
 *       failed"), No such file or directory, timed out, a non-zero exit status or code,
 *       could not, unable to, cannot;
 *   0 - otherwise.
 * General patterns only: no rule names a project, a tool's version or a data set.
 */
int failure_like(const char *line, size_t len);

#endif
