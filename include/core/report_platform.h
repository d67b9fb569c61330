/*
 * report_platform.h - which metrics exist for a service, decided from the evidence, so
 * alert rules name series that are really there.
 *
 * A table of markers (stack-frame file types, framework names in the logs, build and
 * manifest files of the repository, the alert's labels and source) says which runtime
 * the service is written in, whether it runs on Kubernetes (kube-state-metrics, the
 * kubelet and CoreDNS publish its container series), whether the blackbox exporter
 * probes it, and whether Prometheus scrapes it at all. The runtime picks the names its
 * Prometheus library publishes (Micrometer for the JVM, prometheus-client for Python,
 * prom-client for Node, promhttp for Go, prometheus-net for .NET, the Prometheus
 * naming conventions when nothing shows). A service alerted by Azure Monitor with no
 * sign of Prometheus is watched by Azure Monitor: its rules are Azure metric alerts.
 */
#ifndef AIOPS_REPORT_PLATFORM_H
#define AIOPS_REPORT_PLATFORM_H

#include "common.h"
#include "core/evidence.h"

/* The series a runtime's Prometheus library publishes; NULL: none of that kind. */
struct report_library {
	const char *runtime;       /* "jvm" */
	const char *name;          /* "Micrometer" */
	const char *requests;      /* counter of served requests */
	const char *status;        /* its status-code label */
	const char *duration;      /* request latency histogram buckets (seconds) */
	const char *heap_used, *heap_max, *heap_match;
	const char *pool_pending;  /* threads waiting for a pooled database connection */
};

struct report_platform {
	const struct report_library *library; /* never NULL */
	bool kube;                 /* runs on Kubernetes */
	bool blackbox;             /* probed by the blackbox exporter */
	bool prometheus;           /* something shows Prometheus watches it */
	bool azure;                /* watched by Azure Monitor, not Prometheus */
};

/* Decide from the evidence (ev->inc, the digest, the repository's files). */
void report_platform_detect(struct report_platform *out, const struct evidence *ev);

/*
 * A rule template's metric name (signals.h) for this platform: "$requests" and the
 * other '$' names are the library's (NULL when it has none), anything else is itself.
 */
const char *report_platform_metric(const struct report_platform *p, const char *name);

#endif
