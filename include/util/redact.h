/*
 * redact.h - secret redaction for everything that leaves the process: digests, prompts,
 * issue and PR bodies, comments, knowledge-base entries, commits, result.json, traces.
 *
 * The formats are tables in redact.c (add a row, not a branch):
 *
 *  - tokens known by their prefix at the start of a word: GitHub (ghp_ gho_ ghu_ ghs_
 *    ghr_ github_pat_), GitLab (glpat-), npm (npm_), PyPI (pypi-), Hugging Face (hf_),
 *    AWS key ids (AKIA/ASIA + 16), Google API keys (AIza + 35), OpenAI (sk-), SendGrid
 *    (SG.), Stripe (sk_live_ sk_test_ rk_live_ rk_test_ whsec_), Slack (xox?- xapp-),
 *    incoming webhooks (hooks.slack.com/services/..., discord.com/api/webhooks/...,
 *    webhook.office.com/webhookb2/...), JSON Web Tokens (eyJ...\.eyJ...\.sig), and
 *    `Bearer <token>` / `Basic <token>`;
 *  - values after a key that names a secret, in key=value, key: value, "key": "value"
 *    and JSON escaped in a string: password, passwd, passphrase, secret, credential,
 *    api_key, access_key, private_key, AccountKey, SharedAccessKey (anywhere in the key),
 *    pass, pwd, sig (a whole part of the key: db_pass, dbPass, but not bypass), token;
 *    keys that only hint (key, auth, session, cookie, signature, sas, hmac, salt, cred)
 *    lose their value only when it looks generated (16+ bytes, mixed classes, high
 *    entropy). Connection strings (Password=...;AccountKey=...;) and SAS query strings
 *    (&sig=...) are key=value pairs;
 *  - command-line options: --password X, --password=X, --token, --api-key, --secret,
 *    --client-secret, --sas-token, --account-key, ...; `-pX` / `-p X` only when the
 *    value looks generated (mkdir -p build stays);
 *  - passwords in URLs (scheme://user:PASSWORD@host) and PEM private key blocks;
 *  - literal values registered by the caller (redact_add_value, redact_learn_env).
 *
 * Each secret is replaced by "[REDACTED]" (the key, scheme or prefix before it stays,
 * so the reader still sees what kind of secret it was): "ghp_[REDACTED]",
 * "password=[REDACTED]", "postgres://app:[REDACTED]@db", "Bearer [REDACTED]".
 *
 * To keep ordinary text readable, a few values are left alone even after a secret key:
 * true/false/null/none, "****", an all-digit value after a key that only says "token"
 * (max_tokens=4096), and a lower-case word after an unquoted "key:" ("invalid token:
 * expired"). Bearer/Basic values must look machine-made (8+ characters with a digit,
 * mixed case or one of + / =), so "basic authentication" stays.
 *
 * This module never reads the environment itself: the command layer hands it the
 * environment once (redact_learn_env) so that the rule "only cli/ reads the
 * environment" holds and tests can pass a made-up one.
 */
#ifndef AIOPS_REDACT_H
#define AIOPS_REDACT_H

#include "common.h"
#include "util/buf.h"

#include <jansson.h>

/* Registered values shorter than this are ignored (too many false hits). */
#define REDACT_LITERAL_MIN 8

/*
 * Register a literal secret (for example a token given on the command line) to be
 * replaced wherever it appears. Process-wide; call before starting threads (the
 * clients of io/ call it for their tokens when they are created).
 */
void redact_add_literal(const char *secret);
/* Like redact_add_literal; a multi-line value (a PEM key) is registered line by line. */
void redact_add_value(const char *value);
/*
 * Register the values of the environment `envp` (NAME=value strings, NULL-terminated:
 * main() passes `environ`) that are secrets:
 *  - by name: the name holds TOKEN, SECRET, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL,
 *    APIKEY, API_KEY, PRIVATE_KEY, ACCESS_KEY, ACCOUNT_KEY, WEBHOOK or
 *    CONNECTION_STRING anywhere, or PASS, PWD, KEY, AUTH, SAS, SIG, DSN, COOKIE,
 *    SESSION as a part between underscores (DB_PASS, MYSQL_PWD); the shell's PWD,
 *    OLDPWD, SSH_AUTH_SOCK and the like are not secrets;
 *  - by shape: a single token of 20+ bytes with lower case, upper case and digits and
 *    4+ bits of entropy per byte, whatever its name.
 * Numbers, booleans and file paths are never registered. Returns how many values were
 * added. Call once, before starting threads.
 */
size_t redact_learn_env(char *const *envp);

/*
 * Append `len` bytes of `text` to `out` with secrets replaced. Multi-line input is
 * handled (PEM blocks span lines). Returns the number of secrets replaced (>= 0), or a
 * negative error (ERR_TOO_BIG from `out`'s cap).
 */
int redact_text(struct buf *out, const char *text, size_t len);

/* Call `fn` with every literal secret registered so far (GitHub Actions masks them). */
void redact_each_literal(void (*fn)(const char *secret, void *ctx), void *ctx);
/* Are literal secrets registered (redact_add_literal, redact_learn_env)? */
bool redact_has_literals(void);
/* Does `s` contain a registered literal secret? */
bool redact_has_literal(const char *s, size_t n);

/* A redacted copy of a NUL-terminated string; new string. */
char *redact_strdup(const char *s);
/*
 * Redact every string inside `v` (objects and arrays, recursively) in place; keys stay.
 * For documents built from untrusted text (the result object) just before they leave
 * the process: values are redacted one by one, so the JSON stays valid.
 */
void redact_json(json_t *v);

/*
 * Streaming state for line-by-line redaction, so that a PEM block spanning lines is
 * removed whole: the BEGIN and END marker lines stay, the first line between them becomes
 * "[REDACTED]" and the other lines between them become empty. A block counts as one
 * secret. (redact_text() drops those empty lines, so a block becomes three lines.)
 */
struct redact_stream {
	bool in_pem;
	size_t pem_lines; /* body lines seen in the open block */
};
#define REDACT_STREAM_INIT {false, 0}
/*
 * Append one line (`len` bytes, without its newline) to `out`, redacted. Returns the
 * number of secrets replaced or a negative error from `out`'s cap.
 */
int redact_line(struct redact_stream *st, struct buf *out, const char *line, size_t len);

#endif
