/*
 * signals.h - the failure signatures the agent knows, in one data table. A row holds
 * everything known about one signal: its needles in the logs, its rank (how close to a
 * root cause), whether it can be an infrastructure cause or even prove one, the
 * remediation workflow's action, the runbook guide and the alert rules that watch for
 * it. The offline engine (offline.c) and the artifact writers (report_*.c) read the same
 * rows, so what one knows the other cannot contradict.
 *
 * Adding a signal is adding a row in signals.c (with its guide and alert rules when it
 * has them) and a unit test on a made-up log line.
 */
#ifndef AIOPS_SIGNALS_H
#define AIOPS_SIGNALS_H

#include "common.h"
#include "core/evidence.h"
#include "logs/digest.h"

/* One likely cause of a signal, as the runbook lists it. */
struct signal_cause {
	const char *title, *symptoms, *diagnosis, *fix;
};

/*
 * What a responder needs for one signal family. Check lines are shell commands using
 * the variables the runbook defines ($NS, $SVC, $POD, $EXEC, $JPID, $BASE_URL,
 * $DATABASE_URL, $HOST, $LOGS); a line starting "j|" is JVM-only and left out when the
 * logs show another runtime.
 */
struct signal_guide {
	const char *family;          /* "container memory limit" */
	bool cluster_checks;         /* the checks read the cluster, not only the service */
	const char *why;             /* why the alert matters */
	const char *checks[7];
	struct signal_cause causes[2];
	const char *owner;           /* whom to involve when the checks point outside */
	const char *verify[3];       /* recovery checks */
	const char *capacity, *dr, *performance; /* recommendations */
};

/*
 * The alert rules the agent can write, in the order a rule file lists them. A row names
 * the ones that watch for its signal; a rule marked every_service is always written.
 */
enum signal_alert {
	SIGNAL_ALERT_NONE,
	SIGNAL_ALERT_ERROR_RATIO,
	SIGNAL_ALERT_HEAP,
	SIGNAL_ALERT_RESTARTS,
	SIGNAL_ALERT_OOM_KILLED,
	SIGNAL_ALERT_POOL,
	SIGNAL_ALERT_CERT_EXPIRY,
	SIGNAL_ALERT_DNS_SERVFAIL,
	SIGNAL_ALERT_AUTH_RATIO,
	SIGNAL_ALERT_P99_LATENCY,
	SIGNAL_ALERT_VOLUME,
	SIGNAL_ALERT_COUNT
};

/*
 * An alert rule template. In `expr`, "$sel" is the service's label matcher
 * (service="x"), "$pod" the container's (namespace="n",container="c", namespace left
 * out when unknown) and "$ns" a namespace selector ({namespace="n"}, or nothing).
 */
struct signal_alert_rule {
	const char *suffix;          /* the alert's name after the service's: "HeapAbove90Percent" */
	bool every_service;          /* written for every incident, whatever its signals */
	const char *expr;
	const char *for_;            /* "5m" */
	const char *summary, *description;
};

struct signals_row {
	const char *name;        /* "pool_exhausted" */
	const char *meaning;     /* one line for humans */
	int rank;                /* 3 explains, 0 is what users see */
	bool infra;              /* can be the cause of an infrastructure incident */
	bool platform;           /* proves the platform at fault on its own */
	const char *action;      /* the remediation workflow's action, or NULL */
	const char *needles[14];
	const struct signal_guide *guide;   /* NULL: the general guide (signals_guide) */
	enum signal_alert alerts[3];        /* the rules that watch for it, NONE-terminated */
};

/* All the rows, in table order; `*count` is set. */
const struct signals_row *signals_rows(size_t *count);

/* The row of signal `name`, or NULL. */
const struct signals_row *signals_info(const char *name);

/* The guide of signal `name`, or the general guide for an unknown signal or NULL. */
const struct signal_guide *signals_guide(const char *name);

/* The rule template of `a` (SIGNAL_ALERT_NONE < a < SIGNAL_ALERT_COUNT). */
const struct signal_alert_rule *signals_alert_rule(enum signal_alert a);

/* Whether signal `name`'s row lists alert `a` (false for an unknown name). */
bool signals_watches(const char *name, enum signal_alert a);

/*
 * Match the table against a digest's templates and traces; `*out` is a new array, best
 * first by rank, count and first line (the diagnosis owns it: diagnosis_release, or free
 * each `example` and the array).
 */
void signals_find(struct signal **out, size_t *count, const struct digest *d);

/* Free an array from signals_find. */
void signals_free(struct signal *s, size_t count);

#endif
