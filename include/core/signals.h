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
	SIGNAL_ALERT_CONTAINER_MEMORY,
	SIGNAL_ALERT_RESTARTS,
	SIGNAL_ALERT_POOL,
	SIGNAL_ALERT_CERT_EXPIRY,
	SIGNAL_ALERT_DNS_SERVFAIL,
	SIGNAL_ALERT_AUTH_RATIO,
	SIGNAL_ALERT_P99_LATENCY,
	SIGNAL_ALERT_VOLUME,
	SIGNAL_ALERT_COUNT
};

/* How a rule's expression (and the test series that exercise it) is built. */
enum signal_shape {
	SIGNAL_SHAPE_SHARE,     /* sum(rate(bad[w])) / sum(rate(all[w])) OP t (and a guard) */
	SIGNAL_SHAPE_QUANTILE,  /* histogram_quantile(0.99, sum by (le) (rate(buckets[w]))) OP t */
	SIGNAL_SHAPE_FRACTION,  /* sum(gauge) / sum(gauge2) OP t */
	SIGNAL_SHAPE_GAUGE,     /* max(gauge) OP t */
	SIGNAL_SHAPE_DEADLINE,  /* min(timestamp gauge) - time() OP t */
	SIGNAL_SHAPE_INCREASE,  /* sum(increase(counter[w])) OP t */
};

/* Who publishes the series: the evidence must prove it before a rule uses them. */
enum signal_exporter {
	SIGNAL_EXPORTER_APP,      /* the service's own metrics library (its runtime's names) */
	SIGNAL_EXPORTER_KUBE,     /* kube-state-metrics, the kubelet, CoreDNS */
	SIGNAL_EXPORTER_BLACKBOX, /* the blackbox exporter's probes */
};

/* Which series the selector narrows to. */
enum signal_scope {
	SIGNAL_SCOPE_SERVICE,     /* job="<service>" (and its namespace when known) */
	SIGNAL_SCOPE_CONTAINER,   /* namespace and container */
	SIGNAL_SCOPE_NAMESPACE,   /* the namespace only */
	SIGNAL_SCOPE_CLUSTER,     /* nothing: a cluster-wide series */
	SIGNAL_SCOPE_PROBE,       /* instance="<the alert's instance>" when it has one */
};

/* Who is woken: a ticket waits for working hours, a page does not. */
enum signal_grade {
	SIGNAL_GRADE_TICKET,          /* always a ticket */
	SIGNAL_GRADE_PAGE_IF_SEVERE,  /* a page when the incident was P1 or P2, else a ticket */
};

/* Which of the alert's own metrics give a rule its numbers (threshold, test values). */
enum signal_quantity {
	SIGNAL_QUANTITY_NONE,
	SIGNAL_QUANTITY_ERROR_RATIO,
	SIGNAL_QUANTITY_LATENCY,
	SIGNAL_QUANTITY_HEAP,
	SIGNAL_QUANTITY_AUTH_RATIO,
};

/*
 * An alert rule template. Metric names starting with '$' are the service runtime's
 * own ("$requests", "$duration", "$heap_used", "$heap_max", "$pool_pending"; see
 * report_platform.h); a runtime without one gets no such rule.
 */
struct signal_alert_rule {
	const char *suffix;          /* the alert's name after the service's: "HeapAbove90Percent" */
	bool every_service;          /* written for every incident, whatever its signals */
	enum signal_shape shape;
	enum signal_exporter exporter;
	enum signal_scope scope;
	const char *metric;          /* the series (the numerator of a fraction) */
	const char *metric2;         /* FRACTION: the denominator */
	const char *match;           /* extra label matcher of the series: rcode="SERVFAIL", or NULL */
	const char *match2;          /* FRACTION: the denominator's */
	bool each;                   /* FRACTION: each pair of series on its own, not the totals */
	const char *bad;             /* SHARE: the status values of bad requests, a regex */
	double guard;                /* SHARE: bad requests a window must hold before it fires */
	const char *op;              /* ">" or "<" */
	double threshold;            /* when the alert gives no number */
	const char *window, *for_;   /* "5m" */
	enum signal_grade grade;
	enum signal_quantity quantity;
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
