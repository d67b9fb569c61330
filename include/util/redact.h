/*
 * redact.h - secret redaction for everything that leaves the process: digests, prompts,
 * issue and PR bodies, knowledge-base entries, traces.
 *
 * Recognised: GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_ followed by 36+ alphanumerics;
 * github_pat_...), JSON Web Tokens (eyJ...\.eyJ...\.sig), AWS access key ids (AKIA/ASIA +
 * 16 upper-case alphanumerics), Slack tokens (xox[baprs]-...), passwords in URLs
 * (scheme://user:PASSWORD@host), `Bearer <token>` and `Basic <token>`, key=value and
 * "key": "value" pairs whose key names a secret (password, passwd, pwd, secret, token,
 * api_key, apikey, access_key, client_secret, private_key; case-insensitive), PEM private
 * key blocks, and the values of environment variables the caller registers.
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
 */
#ifndef AIOPS_REDACT_H
#define AIOPS_REDACT_H

#include "common.h"
#include "util/buf.h"

/*
 * Register a literal secret (for example the value of GITHUB_TOKEN) to be replaced
 * wherever it appears. Values shorter than 8 bytes are ignored (too many false hits).
 * Process-wide; call before starting threads.
 */
void redact_add_literal(const char *secret);
/*
 * Register the values of the usual secret environment variables (GITHUB_TOKEN, GH_TOKEN,
 * AIOPS_MODEL_TOKEN, OPENAI_API_KEY, ACTIONS_RUNTIME_TOKEN, AWS_SECRET_ACCESS_KEY, ...) and
 * of any variable whose name contains TOKEN, SECRET, PASSWORD, PASSWD, API_KEY,
 * PRIVATE_KEY, ACCESS_KEY or CREDENTIAL. A multi-line value is registered line by line.
 */
void redact_add_env(void);

/*
 * Append `len` bytes of `text` to `out` with secrets replaced. Multi-line input is
 * handled (PEM blocks span lines). Returns the number of secrets replaced (>= 0), or a
 * negative error (ERR_TOO_BIG from `out`'s cap).
 */
int redact_text(struct buf *out, const char *text, size_t len);

/* Are literal secrets registered (redact_add_literal, redact_add_env)? */
bool redact_has_literals(void);
/* Does `s` contain a registered literal secret? */
bool redact_has_literal(const char *s, size_t n);

/* A redacted copy of a NUL-terminated string; new string. */
char *redact_strdup(const char *s);

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
