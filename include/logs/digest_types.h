/*
 * digest_types.h - what a log digest holds (digest.h says how it is made and read).
 * Apart from digest.h so that the modules that build a digest (agent/logs/: hygiene,
 * stamp, structured, mask, template, tally, trace) can use the types without including
 * the API that drives them. Include digest.h, not this, from outside agent/logs/.
 */
#ifndef AIOPS_DIGEST_TYPES_H
#define AIOPS_DIGEST_TYPES_H

#include "common.h"

#define DIGEST_MAX_TEMPLATES 4096 /* past this, new shapes count in `other_lines` */
#define DIGEST_MAX_TRACES 256
#define DIGEST_MAX_FRAMES 128     /* frames kept per trace (long Java traces run past 64) */
#define DIGEST_MAX_STEPS 8        /* failing steps kept, each with its last lines */
#define DIGEST_STEP_LINES 128     /* lines kept of a failing step (noise and blanks aside) */
#define DIGEST_STEP_LINE_MAX 1024 /* bytes of one of them */
#define DIGEST_MAX_VALUES 128     /* distinct values kept per masked part of a template */
#define DIGEST_VALUES_BYTES 4096  /* bytes of values kept per template, all parts together */
#define DIGEST_VALUE_MAX 160      /* bytes of one value */
#define DIGEST_CONTEXT_LINES 3    /* lines kept after an error template's first line */
#define DIGEST_CONTEXT_LINE_MAX 240

enum digest_level {
	DIGEST_DEBUG = 0,
	DIGEST_INFO = 1,
	DIGEST_WARN = 2,
	DIGEST_ERROR = 3,
};

/*
 * The distinct values one varying part of an error or warning template took: the token
 * of its lines (white space apart, from 0; the level word and time stamp aside) and what
 * stood there, in order of first appearance, as far as DIGEST_MAX_VALUES and the
 * template's DIGEST_VALUES_BYTES go (`more`: there were others). 128 test names that
 * failed are what a reader wants listed; the byte cap bounds a digest of many templates.
 */
struct digest_values {
	uint16_t token;
	uint16_t n, cap;
	bool more;
	char **v;
};

struct digest_template {
	char *pattern;   /* masked text, e.g. "Connection to <*> refused after <*>ms" */
	char *example;   /* the first line it matched, redacted */
	enum digest_level level;
	size_t count;
	size_t first_line, last_line; /* 1-based */
	char first_ts[32], last_ts[32]; /* as found in the line, "" when none */
	bool noise;      /* runner preamble or tool-download noise (ci.h): worth no budget */
	bool source;     /* source code shown in the log (ci.h): never an error */
	/* error and warning templates: the values of their masked parts (values.c) */
	bool values_on;  /* an error or warning, or it reads like a failure: values are read */
	struct digest_values *values; /* by the token of the first line that varies */
	uint16_t nvalues;
	uint16_t values_ntok; /* tokens of the first line (0: too many to compare) */
	uint32_t values_seen; /* lines read for values (the first few hundred are) */
	uint32_t values_bytes; /* bytes of all its values (DIGEST_VALUES_BYTES at most) */
	char *values_base;    /* the first line read, which the others are compared with */
	/*
	 * The lines right after the template's first line, as far as DIGEST_CONTEXT_LINES go
	 * (ci.c): a compiler's source and caret lines, a hint, an assertion's expected and
	 * actual values. Noise aside; a blank line, a stack trace or the next error line ends
	 * it. Joined by '\n', without time stamps; NULL when none.
	 */
	char *context;
};

/*
 * The last lines of a step that failed (ci.h: a non-zero exit), or of the log when no
 * step said so: what a person reads first. Noise, blank lines and the step's own header
 * are left out; each line is redacted, cut to DIGEST_STEP_LINE_MAX bytes and shown
 * without its time stamp.
 */
struct digest_step {
	char *title;       /* the step's name ("Run npm test"), "" when unknown */
	size_t first_line; /* where the step started, 0 when unknown */
	size_t exit_line;  /* the line that says it failed; 0: the end of the log */
	size_t nlines;
	size_t *line_no;   /* input line numbers, ascending */
	uint32_t *tmpl;    /* each line's template, UINT32_MAX when none (a trace's line...) */
	char **lines;
};

struct digest_trace {
	char *headline;  /* the exception/panic line, e.g. "java.lang.OutOfMemoryError: Java heap space" */
	char *text;      /* the whole trace as it appeared (redacted, frames capped) */
	char **frames;   /* frame lines, trimmed ("at com.x.Y.m(Y.java:42)", "File \"a.py\", line 3, in f") */
	size_t nframes;
	size_t count;    /* identical traces seen */
	size_t first_line;
	char first_ts[32]; /* the headline's, or the last one seen before it */
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
	struct digest_step *steps; /* failing steps in order, at most DIGEST_MAX_STEPS */
	size_t nsteps;

	/*
	 * Per-line assignment, for accuracy evaluation (`digest --assign`). Set `assign_on`
	 * before the first digest_file()/digest_buffer(); afterwards `assign[i]` says where
	 * line i + 1 went: an index into `templates` (final: when templates merged after the
	 * line was read, it names the template they became), or DIGEST_ID_BLANK,
	 * DIGEST_ID_OTHER, or DIGEST_ID_TRACE | k for a frame line of `traces[k]`
	 * (DIGEST_ID_TRACE | DIGEST_MAX_TRACES when the trace was not kept). Costs 4 bytes
	 * per input line, so it is off by default; past `assign_mem_max` bytes (0: 8 MiB)
	 * they live in a temporary file (logs/assign.h).
	 */
	bool assign_on;
	uint32_t *assign;  /* `lines` entries */
	size_t assign_alloc;
	size_t assign_mem_max;
	bool assign_mapped;  /* in a file (assign_fd) rather than on the heap */
	int assign_fd;
};

#define DIGEST_ID_BLANK UINT32_MAX        /* a blank line */
#define DIGEST_ID_OTHER (UINT32_MAX - 1)  /* not folded: the template table was full */
#define DIGEST_ID_TRACE 0x80000000u       /* | trace index: a line inside a stack trace */

#define DIGEST_INIT {0}

#endif
