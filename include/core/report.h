/*
 * report.h - what the artifact writers share (report_runbook, report_rules,
 * report_recs, report_issue and artifacts.c): the rendering context of one incident and
 * the small text helpers that keep everything quoted from logs or alerts redacted, on
 * one line where it must be, and clipped.
 *
 * Nothing here fails: the buffers have no cap, and every string returned is new.
 */
#ifndef AIOPS_REPORT_H
#define AIOPS_REPORT_H

#include "common.h"
#include "util/buf.h"
#include "core/evidence.h"
#include "core/remediate.h"
#include "core/report_platform.h"
#include "core/signals.h"

#include <jansson.h>
#include <time.h>

#define REPORT_QUOTE_MAX 300   /* bytes of one quoted log line */
#define REPORT_CELL_MAX 240    /* bytes of one table cell */

/* Which runtime the stack traces show, so JVM-only checks can be left out. */
enum report_runtime { REPORT_RUNTIME_UNKNOWN, REPORT_RUNTIME_JVM, REPORT_RUNTIME_OTHER };

/* One incident as the writers see it. Everything borrowed except svc and stem. */
struct report {
	const struct evidence *ev;
	const struct diagnosis *dx;
	const struct plan *plan;     /* NULL when no plan was made */
	const struct incident *inc;
	const char *signal;          /* primary signal name or "incident" */
	const struct signal_guide *g;
	const char *ns, *team;       /* labels, NULL when absent */
	bool k8s;                    /* the alert places the service in Kubernetes */
	enum report_runtime runtime;
	struct report_platform platform; /* which metrics exist (report_platform.h) */
	char *svc;                   /* service slug */
	char *stem;                  /* "<svc>-<signal>" */
	char date[16];               /* fired_at as YYYY-MM-DD */
	const struct pull *blame;    /* the blamed pull request, or NULL */
	/* where the artifacts go, set by artifacts.c before the writers run */
	const char *runbook_path, *rules_path, *recommendations_path;
	size_t nrules;               /* rules written, known once report_rules_render ran */
};

/*
 * Fill `c` for one incident (`plan` may be NULL); release with report_release. The
 * stem is the service lower-cased (anything outside [a-z0-9-] becomes '-'), '-', and
 * the primary signal with '_' written '-'.
 */
void report_init(struct report *c, const struct evidence *ev, const struct diagnosis *dx,
		 const struct plan *plan);
void report_release(struct report *c);

/* ---- text ---- */

void report_put_ch(struct buf *b, char ch);
const char *report_plural(size_t n);                       /* "" or "s" */
const char *report_nz(const char *s, const char *dflt);    /* s unless NULL or "" */
/* A label of the alert, NULL when absent or empty. */
const char *report_label(const struct incident *inc, const char *key);
/* Shortest text that reads back as the same double ("0.05", "14870", "1e+20"). */
void report_fmt_num(char *out, size_t size, double v);
/* strftime of `t` in UTC, "unknown" when it cannot be broken down. */
void report_fmt_time(char *out, size_t size, time_t t, const char *fmt);
/* `s` cut to at most `max` bytes on a UTF-8 boundary; "..." marks the cut. */
char *report_clip(const char *s, size_t max);
/* A redacted copy on one line (control characters become spaces), clipped at `max`. */
char *report_clean_line(const char *s, size_t max);
/* The first sentence of markdown text: first non-heading line, cut at ". ". */
char *report_first_sentence(const char *text);

void report_put_text(struct buf *b, const char *s);      /* redacted, newlines kept */
void report_put_line(struct buf *b, const char *s);      /* redacted, one line */
void report_put_code(struct buf *b, const char *s);      /* an inline code span, clipped */
void report_put_cell(struct buf *b, const char *s);      /* a table cell, pipes escaped */
/* A fenced block long enough not to be closed by its content. */
void report_put_fenced(struct buf *b, const char *lang, const char *text);
/* A word safe for a shell command line as it is, or single-quoted. */
void report_put_shell_word(struct buf *b, const char *s);
/* The plan's files as a list of code spans. */
void report_put_files(struct buf *b, const struct plan *plan);

/* ---- evidence ---- */

bool report_has_signal(const struct diagnosis *dx, const char *name);
const char *report_default_branch(const struct evidence *ev);    /* "main" when unknown */
/* "<repo_url>/blob/<branch>/<path>", or the path alone without a repository URL. */
char *report_blob_url(const struct evidence *ev, const char *branch, const char *path);
/* The time the agent ran: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
time_t report_agent_time(void);
/*
 * A log timestamp (RFC 3339, "YYYY-MM-DD HH:MM:SS[,mmm]", or a bare time on the day of
 * `day`) as a time; false when it is none of those.
 */
bool report_parse_log_time(time_t *out, const char *ts, time_t day);
/* A finite number at `key` of a metric object. */
bool report_metric_number(json_t *m, const char *key, double *out);
/* "98.4 (threshold 90, 109% of it), baseline 57 (1.7x)" */
void report_put_metric_values(struct buf *b, json_t *m);

#endif
