/*
 * common.h - the first include of every file in agent/ and tests/.
 *
 * Feature macros, the standard headers everybody needs, a few attributes, and the
 * named size caps that keep hostile or huge input from growing memory without bound.
 *
 * Modules live in layer folders (agent/<layer>/<module>.c implements
 * include/<layer>/<module>.h): util < io < logs < core < cli, each including only its own
 * layer or lower ones. docs/ARCHITECTURE.md has the map; make check-style enforces it.
 */
#ifndef AIOPS_COMMON_H
#define AIOPS_COMMON_H

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AIOPS_VERSION "0.1.0"

#define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ATTR_WUR __attribute__((warn_unused_result))
#define ATTR_NORETURN __attribute__((noreturn))
/* Never NULL; a fresh block (alloc.h): lets the compiler and analyzers trust both. */
#define ATTR_MALLOC __attribute__((malloc, returns_nonnull, warn_unused_result))
#define ATTR_NONNULL_RET __attribute__((returns_nonnull, warn_unused_result))
#define UNUSED __attribute__((unused))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Size caps: every read of outside data goes through one of these. */
#define ALERT_FILE_MAX (4u << 20)    /* alert.json, pulls.json, result.json */
#define DIFF_FILE_MAX (8u << 20)     /* one pull request diff */
#define TREE_FILE_MAX (4u << 20)     /* one file of the default branch */
#define KB_FILE_MAX (16u << 20)      /* knowledge-base/incidents.md */
#define LOG_LINE_MAX 4096            /* longer log lines are cut, not dropped */
#define HTTP_BODY_MAX (8u << 20)
#define PROMPT_MAX (256u << 10)
#define MODEL_ANSWER_MAX (1u << 20)

#endif
