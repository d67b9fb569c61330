/*
 * stamp.h - a log line's time stamp and level: the prefix a runner, a container or a
 * logger writes before the text, and the level words in it (digest.h says which forms).
 * Private to agent/logs/.
 */
#ifndef AIOPS_LOGS_STAMP_H
#define AIOPS_LOGS_STAMP_H

#include "common.h"

/* What a line's prefix gave. */
struct prefix {
	size_t rest;      /* offset of the text after the timestamp */
	size_t ts_off;    /* where `ts` starts in the line */
	int level;        /* from a klog header, or -1 */
	char ts[32];      /* "" when none */
};

/*
 * A leading timestamp (optionally in brackets): ISO 8601 (GitHub Actions' prefix too),
 * syslog, ctime, klog ("E1118 03:12:00.123456 1234 file.go:12] msg", header dropped), or
 * a bare clock. One space after it belongs to it, so the text keeps its own indentation.
 */
void stamp_prefix_ts(const char *s, size_t n, struct prefix *p);
/*
 * The line's time stamp and level prefix (stamp_prefix_ts), then any collector's source
 * tag after it: a Loki label set ("{app=\"x\"} ") or a kubectl --prefix tag
 * ("[pod/name/container] ").
 */
void stamp_prefix(const char *s, size_t n, struct prefix *p);

/* The level a word names ("err", "WARNING", "fine", ...; any case), or -1. */
int stamp_level_word(const char *w, size_t n);
/*
 * A level word among the first five tokens: "ERROR", "[warn]", "<info>", "error:",
 * "ERROR:root:msg", "level=error"; -1 when none. A lower-case word only counts with
 * brackets or a colon, or as the first word when it is unambiguous ("Error
 * connecting..."). A level that starts the text in capitals or brackets is cut from the
 * text (`*strip` bytes).
 */
int stamp_level_scan(const char *s, size_t n, size_t *strip);
/*
 * No level word: guess from what the text says. Exception, Error:, Traceback, panic:,
 * FATAL, FAIL, ERROR and a whole-word Error mean error; WARN/WARNING mean warning;
 * anything else is info.
 */
int stamp_level_guess(const char *s, size_t n);

/* The length of a leading Kubernetes pod-name tag and its space, or 0 (stamp.c says more). */
size_t stamp_pod_tag(const char *s, size_t n);

#endif
