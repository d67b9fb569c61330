/*
 * digest.h - the evidence digest of a log: what an SRE would keep after reading it all.
 *
 * One streaming pass over the input, in bounded memory whatever its size (gzip input,
 * recognised by its magic bytes 1f 8b, is inflated on the way; members written one
 * after the other count as one stream):
 *   - lines are redacted (redact.h) before anything is stored;
 *   - lines longer than LOG_LINE_MAX are cut, invalid UTF-8 and NUL bytes are replaced,
 *     CRLF and a UTF-8 byte-order mark are accepted;
 *   - each line gets a level (error, warn, info, debug) from its level words;
 *   - lines are folded into templates: variable parts (numbers, hex, UUIDs, IPs,
 *     timestamps, durations, paths, quoted strings) masked as <*>, with a count, the first
 *     and last line number and timestamp, and one redacted example;
 *   - multi-line stack traces (Java "at ..."/"Caused by:"/"... N more", Python
 *     tracebacks, Go panics and goroutine stacks, Node "    at " frames) are kept whole as
 *     one event with their frames; identical traces are counted;
 *   - the first error line and the time span are recorded.
 *
 * Everything stored is valid UTF-8, so it can go straight into JSON.
 *
 * Details:
 *   - Timestamps: ISO 8601 (also GitHub Actions' "2026-11-18T03:12:00.1234567Z " prefix,
 *     "2026-11-18 03:12:00,123", "2026/11/18 03:12:00", optionally in brackets), syslog
 *     ("Nov 18 03:12:00"), ctime ("[Sun Dec 04 04:47:44 2005]"), klog ("E1118
 *     03:12:00.123456 ... file.go:12]", header dropped) and a bare clock, at the start of
 *     the line; a second timestamp right after
 *     the first (an app line inside a runner's) is dropped too. JSON object lines and
 *     logfmt lines (time=... level=... msg=...) give time, level and message from their
 *     fields. The time span is the first and last timestamp in input order.
 *   - Levels: a level word among the first words (ERROR, [warn], error:, level=info,
 *     klog's letter, Actions' ##[error]); without one, Exception/Error:/Traceback/panic:/
 *     FATAL/FAIL mean error and WARN/WARNING warning; otherwise info.
 *   - Masking: tokens are split at white space and at a '|' between words; a quoted
 *     string or a bracketed group with spaces ("[RMCommunicator Allocator]") is one
 *     token. Whole tokens become <*> when they are numbers with dots, colons or hex
 *     ("10.0.0.1:5432", "2001:db8::1", "a64f992"), host:port, quoted strings (a quoted
 *     HTTP request keeps its method: "GET <*>"), paths (two slashes or more), URLs, e-mail
 *     addresses and domain names (a common or two-letter top-level domain). Otherwise
 *     each segment (letters, digits, '_', '-') is judged alone, so structure stays:
 *     "sshd[<*>]:", "uid=<*>", "blk_<*>"; a segment with a digit is variable unless it is
 *     a short word (v2, http2, eth0: starts with a letter, at most 8 bytes, 2 digits, no
 *     '-' or '_'), and so is 8+ bytes of hex or 16+ of mixed-case base64. Month and day
 *     names next to a <*>, a unit after a number ("9.6 KB", "30 ms") and hex dumps (four
 *     or more two-digit hex tokens) are variables too.
 *   - Templates fold lines of the same level whose masked lines are equal. The first
 *     tokens up to a component marker ("host proc[pid]:", "I Tag:", "[thread] logger -",
 *     "a|b|c|", a level word then a logger and bracketed context) are the line's header;
 *     the rest is its message, whose first plain word is its anchor. A new masked line
 *     joins a template of the same level, message length and anchor whose message it
 *     matches (<*> matches anything; headers do not count and become <*> where they
 *     differ). Else, when it differs from such a template in at most max(1,
 *     tokens/10) message places (and no place holds key=value pairs with different
 *     keys, or an exception name), the places become <*> if four different values or more fill them among the
 *     line and the templates that then fit: users, hosts and file names merge, while
 *     two or three values (true/false, GET/POST/DELETE) stay different events. Templates
 *     that become equal merge (the older stays). A leading level word is not part of
 *     the pattern. Patterns are capped at about 1 KiB, examples at 2 KiB. Blank lines
 *     count in `lines` but fold into nothing.
 *   - Speed: a line is first hashed by its shape (digits, hex ids and dotted numbers
 *     read as one kind each); a shape seen before gives the same result as the full
 *     path without sanitizing, redacting or masking again. Only lines the full path left
 *     unchanged (no secret, no control byte) and whose template keeps no digit are
 *     cached, so the result is the same as without the cache.
 *   - A line directly before stack frames is the trace's headline and counts as an
 *     error; frame lines and Python's "Traceback" line are part of the trace only.
 */
#ifndef AIOPS_DIGEST_H
#define AIOPS_DIGEST_H

#include "common.h"
#include "util/buf.h"
#include "logs/digest_types.h"

#include <jansson.h>

/*
 * Digest a file (streamed in 64 KiB reads; "-" is standard input). ERR_NOTFOUND/ERR_IO
 * name the file. `out` starts as DIGEST_INIT; a digest that already holds data is added
 * to (line numbers go on), so several files make one digest. After an error `out` keeps
 * what was read; release it either way.
 */
int digest_file(struct digest *out, const char *path);
/* Digest bytes already in memory (same rules; never fails). */
int digest_buffer(struct digest *out, const char *data, size_t len);
void digest_release(struct digest *d);

/*
 * The templates ordered by what matters first: errors before warnings before the rest,
 * then by count (descending), then by first appearance. `*out` is a new array of
 * pointers into `d` (free() it).
 */
void digest_rank(const struct digest_template ***out, const struct digest *d);

/*
 * A readable text digest: summary, first error, the top `max_templates` templates
 * (0: all) by digest_rank, each trace with its first 12 frames, and a timeline of the
 * first appearance of each error and warning template. Long texts are clipped. Fails
 * only with ERR_TOO_BIG from `out`'s cap.
 */
int digest_render_text(struct buf *out, const struct digest *d, size_t max_templates);
/*
 * The same as a new JSON object (new reference): {lines, bytes, error_lines, warn_lines,
 * secrets, first_ts, last_ts, first_error: {line, ts, text} | null, templates: [{pattern,
 * example, level: "error"|"warn"|"info"|"debug", count, first_line, last_line, first_ts,
 * last_ts}] (ranked, at most `max_templates`, 0: all), traces: [{headline, count,
 * first_line, first_ts, frames: [...]}], other_lines, cut_lines, binary_bytes}. Missing
 * timestamps are null.
 */
json_t *digest_to_json(const struct digest *d, size_t max_templates);

#endif
