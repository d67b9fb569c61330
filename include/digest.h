/*
 * digest.h - the evidence digest of a log: what an SRE would keep after reading it all.
 *
 * One streaming pass over the input, in bounded memory whatever its size:
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
 */
#ifndef AIOPS_DIGEST_H
#define AIOPS_DIGEST_H

#include "common.h"
#include "buf.h"

#include <jansson.h>

#define DIGEST_MAX_TEMPLATES 4096 /* past this, new shapes count in `other_lines` */
#define DIGEST_MAX_TRACES 256
#define DIGEST_MAX_FRAMES 64      /* frames kept per trace */

enum digest_level {
	DIGEST_DEBUG = 0,
	DIGEST_INFO = 1,
	DIGEST_WARN = 2,
	DIGEST_ERROR = 3,
};

struct digest_template {
	char *pattern;   /* masked text, e.g. "Connection to <*> refused after <*>ms" */
	char *example;   /* the first line it matched, redacted */
	enum digest_level level;
	size_t count;
	size_t first_line, last_line; /* 1-based */
	char first_ts[32], last_ts[32]; /* as found in the line, "" when none */
};

struct digest_trace {
	char *headline;  /* the exception/panic line, e.g. "java.lang.OutOfMemoryError: Java heap space" */
	char *text;      /* the whole trace as it appeared (redacted, frames capped) */
	char **frames;   /* frame lines, trimmed ("at com.x.Y.m(Y.java:42)", "File \"a.py\", line 3, in f") */
	size_t nframes;
	size_t count;    /* identical traces seen */
	size_t first_line;
	char first_ts[32];
};

struct digest {
	struct digest_template *templates; /* in order of first appearance */
	size_t ntemplates;
	struct digest_trace *traces;       /* in order of first appearance */
	size_t ntraces;
	size_t lines, bytes;
	size_t error_lines, warn_lines;
	size_t other_lines;      /* lines not folded because the template table was full */
	size_t cut_lines;        /* lines longer than LOG_LINE_MAX */
	size_t binary_bytes;     /* NULs and invalid UTF-8 bytes replaced */
	size_t secrets;          /* secrets redacted */
	char *first_error;       /* redacted first error line, NULL when none */
	size_t first_error_line;
	char first_error_ts[32];
	char first_ts[32], last_ts[32];
};

#define DIGEST_INIT {0}

/* Digest a file (streamed; "-" is standard input). ERR_NOTFOUND/ERR_IO name the file. */
int digest_file(struct digest *out, const char *path);
/* Digest bytes already in memory (same rules). */
int digest_buffer(struct digest *out, const char *data, size_t len);
void digest_release(struct digest *d);

/*
 * The templates ordered by what matters first: errors before warnings before the rest,
 * then by count (descending), then by first appearance. `*out` is a new array of
 * pointers into `d` (free() it).
 */
void digest_rank(const struct digest_template ***out, const struct digest *d);

/* A readable text digest: summary, first error, top templates, traces, timeline. */
int digest_render_text(struct buf *out, const struct digest *d, size_t max_templates);
/* The same as a new JSON object. */
json_t *digest_to_json(const struct digest *d, size_t max_templates);

#endif
