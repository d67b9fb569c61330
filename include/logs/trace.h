/*
 * trace.h - multi-line stack traces (Java, Python, Go, numbered PHP/gdb frames) read as
 * one event each: opened by a frame under a headline line (or by a line that starts
 * one: "Traceback (most recent call last)", "goroutine N [running]:", "panic: "), fed
 * the lines that continue it, and kept when it closes, identical ones counted. Private
 * to agent/logs/.
 */
#ifndef AIOPS_LOGS_TRACE_H
#define AIOPS_LOGS_TRACE_H

#include "common.h"
#include "logs/miner.h"

/* Does a line continue the open trace? */
enum trace_cont {
	TRACE_NO,    /* no: the trace closes before it */
	TRACE_YES,   /* yes, taken */
	TRACE_FINAL, /* Python's closing exception line: the trace's headline, and a line of its own */
};

/*
 * Work out the identities of the traces `m->d` already has (a digest that goes on from
 * an earlier file), so that a trace seen again counts with them.
 */
void trace_begin(struct miner *m);

/* Open a trace of `kind` at `line` (its headline may be "" and come later). */
void trace_open(struct miner *m, enum trace_kind kind, const char *headline, size_t hlen,
		size_t line, const char *ts);
/* Add a line to the open trace's text (capped; what does not fit is counted). */
void trace_text(struct miner *m, const char *s, size_t n);
/* Does the line after the prefix (`r`, `n`) continue the open trace? Taken if so. */
enum trace_cont trace_continues(struct miner *m, const char *r, size_t n);
/*
 * A line that opens a trace without being a template itself: a frame under the previous
 * line (which becomes the headline and counts as an error), "Traceback ...", a
 * goroutine dump, "[stacktrace]"/"#0 ...". True when consumed.
 */
bool trace_starts(struct miner *m, const char *r, size_t n, size_t line, const char *ts);
/* Close the open trace, if any: kept, counted with an identical one, or dropped. */
void trace_close(struct miner *m);

#endif
