/*
 * common.h - the first include of every file in agent/ and tests/.
 *
 * Feature macros, the standard headers everybody needs, a few attributes, and the
 * named size caps that keep hostile or huge input from growing memory without bound.
 *
 * Module map (agent/<module>.c implements include/<module>.h):
 *
 *   commands    main, cli (option parsing), cmd_respond (respond, replay), cmd_adapt,
 *               cmd_digest
 *   pipeline    pipeline (the run), incident (alert adapters, fingerprint), digest (log
 *               evidence), distill (the digest cut to a token budget), patch (unified
 *               diffs), pathkind (code/config/manifest/test paths), blame (suspect
 *               ranking), kb (knowledge base), diagnose (evidence, engine choice, model
 *               answers), offline (rule engine), prompt (model prompts), remediate (fix
 *               plan), policy (safety), artifacts (runbook, rules, issue/PR text), publish
 *               (git + GitHub writes), result (result.json)
 *   adapters    http (libcurl), github (REST backend and the operations table),
 *               github_offline (file-backed twin), model (chat completions), gitops
 *               (libgit2), crypto (mbedTLS), yamlio (libyaml)
 *   foundation  buf, err, sys, jsonx, redact
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
