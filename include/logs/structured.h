/*
 * structured.h - what a line says once its prefix is read: its level and the text to
 * fold, from JSON object lines, logfmt lines, GitHub Actions annotations or level words;
 * and the structured envelopes around whole lines (Docker's json-file, a stack trace
 * carried in one JSON string field). Private to agent/logs/.
 */
#ifndef AIOPS_LOGS_STRUCTURED_H
#define AIOPS_LOGS_STRUCTURED_H

#include "common.h"
#include "util/buf.h"
#include "logs/miner.h"
#include "logs/stamp.h"

/*
 * The level of a line whose prefix `p` has been read (`rest`, `rn`: the text after it)
 * and the text to fold (`*body`, `*blen`), which points into the line or into
 * m->body[m->cur]. A JSON or logfmt line may fill p->ts from its time field.
 */
int structured_classify(struct miner *m, const char *rest, size_t rn, struct prefix *p,
			const char **body, size_t *blen);

/*
 * Append a JSON/logfmt string value with its simple escapes undone (\uXXXX stays).
 * `keep_lines`: \n and \t stay a newline and a tab (a trace to take apart); otherwise
 * they, like \r always, become a space (one log line).
 */
void structured_unescape(struct buf *b, const char *v, size_t n, bool keep_lines);

/*
 * A structured line may carry a whole stack trace in one string field ("exc_info",
 * "stack", "stack_trace", "err.stack"), newlines escaped. The first string value that
 * holds an escaped newline and a frame marker is it: its offset and length, or false.
 */
bool structured_trace_field(const char *s, size_t n, size_t *at, size_t *len);

/*
 * A container runtime's envelope around the application's line: Docker's json-file
 * ({"log":"<line>\n","stream":"stdout","time":"..."}) gives the line unescaped, with
 * the envelope's time in front when the line has none of its own. True when `out`
 * holds the line to read instead.
 */
bool structured_envelope(struct buf *out, const char *s, size_t n);

#endif
