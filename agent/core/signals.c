#include "common.h"
#include "core/signals.h"
#include "util/redact.h"
#include "util/text.h"
#include "util/alloc.h"

#include <strings.h>

/*
 * The signature library. `rank` says how close a signature is to a root cause: pool
 * exhaustion, timeouts and 5xx are what users see (1 or 0); a missing column, an expired
 * certificate or an OOM kill explain them (3). The highest-ranked signature present leads.
 * `infra`: it can be the cause of an infrastructure incident; `platform`: it is evidence
 * of its own that the platform is at fault (a provider, a node, a certificate, DNS,
 * maintenance, throttling), strong enough to veto weak blame of a change. `action` is
 * what the remediation workflow can do about it when no code change is to blame; NULL
 * means a person has to look (escalation).
 */
static const struct signals_row signatures[] = {
	{"oom_killed", "containers were killed by the kernel for exceeding their memory limit",
	 3, true, false, "raise-memory-limit",
	 {"OOMKilled", "Out of memory: Killed process", "memory cgroup out of memory",
	  "exit code 137", "exitCode: 137", "OOM killer"}},
	{"tls_expired", "TLS handshakes fail because a certificate expired or is not valid",
	 3, true, true, "renew-certificate",
	 {"certificate has expired", "certificate expired", "x509: certificate",
	  "CERTIFICATE_VERIFY_FAILED", "certificate is not yet valid", "certificate verify failed",
	  "SSL_R_CERTIFICATE", "CertificateExpired"}},
	{"disk_full", "a volume or node ran out of disk space", 3, true, true, "free-disk-space",
	 {"No space left on device", "DiskPressure", "disk quota exceeded", "The node was low on resource"}},
	{"dns", "name resolution fails between services", 3, true, true, NULL,
	 {"no such host", "NXDOMAIN", "SERVFAIL", ":53: i/o timeout", "Temporary failure in name resolution",
	  "Name or service not known", "ENOTFOUND", "EAI_AGAIN", "UnknownHostException",
	  "could not resolve host", "server misbehaving"}},
	{"missing_column", "queries reference a database column that does not exist", 3, false, false, NULL,
	 {"Unknown column", "no such column", "Invalid column name"}},
	{"missing_table", "queries reference a table that does not exist", 3, false, false, NULL,
	 {"doesn't exist", "Invalid object name", "no such table"}},
	{"linkage", "code calls a library API that is not there (a dependency changed)", 3, false, false, NULL,
	 {"NoSuchMethodError", "NoClassDefFoundError", "ClassNotFoundException", "ImportError",
	  "ModuleNotFoundError", "Cannot find module", "cannot import name", "undefined symbol",
	  "has no attribute", "is not a function", "ERR_REQUIRE_ESM", "incompatible types"}},
	{"out_of_memory", "the process ran out of heap memory", 2, true, false, "raise-memory-limit",
	 {"OutOfMemoryError", "Java heap space", "GC overhead limit exceeded",
	  "JavaScript heap out of memory", "MemoryError", "runtime: out of memory",
	  "Cannot allocate memory", "out of memory", "OutOfMemoryException", "NoMemoryError",
	  "Allowed memory size of", "Reached heap limit"}},
	{"auth", "requests are rejected as unauthenticated or unauthorized", 2, false, false, NULL,
	 {"Unauthorized", "Forbidden", "invalid_token", "audience", "insufficient_scope",
	  "JwtValidation", "JWT validation", "Jwt validation", " 401 ", " 403 ", "status=401",
	  "status=403"}},
	{"null_reference", "code dereferences a missing value", 2, false, false, NULL,
	 {"nil pointer dereference", "NullPointerException", "Cannot read properties of undefined",
	  "Cannot read properties of null", "'NoneType' object", "undefined is not an object",
	  "invalid memory address"}},
	{"deadlock", "database transactions deadlock", 2, false, false, NULL,
	 {"deadlock", "Deadlock", "was deadlocked"}},
	{"crashloop", "containers restart in a loop", 1, true, false, "restart-and-scale-out",
	 {"CrashLoopBackOff", "Back-off restarting failed container", "back-off restarting"}},
	{"network", "traffic between services is blocked or refused", 1, true, false, NULL,
	 {"NetworkPolicy", "network policy", "No route to host", "connection refused",
	  "Connection refused", "i/o timeout", "code = Unavailable", "connection reset"}},
	{"pool_exhausted", "the connection pool is exhausted", 1, false, false, NULL,
	 {"Connection is not available", "QueuePool limit", "pool exhausted", "Pool is exhausted", "pool is exhausted",
	  "ResourceRequest timed out", "Too many connections", "remaining connection slots",
	  "Timeout waiting for idle object", "Unable to acquire JDBC Connection",
	  "connection pool", "Connection pool"}},
	{"timeout", "requests time out", 0, false, false, NULL,
	 {"timed out", "Timeout", "timeout", "deadline exceeded", "SocketTimeoutException",
	  "Gateway Timeout", "execution time exceeded", "statement timeout",
	  "canceling statement due to"}},
	{"provider_outage", "a cloud provider's service is degraded or unavailable", 3, true, true, NULL,
	 {"Service Health", "ServiceHealth", "Resource Health", "ResourceHealth", "service incident",
	  "AWS Health", "degraded performance", "service disruption", "ServiceUnavailable",
	  "ServerBusy", "outage", "status page", "elevated error rates"}},
	{"maintenance", "the platform ran planned maintenance or a failover", 3, true, true, NULL,
	 {"planned maintenance", "scheduled maintenance", "maintenance window", "Multi-AZ failover",
	  "failover started", "failover completed", "RDS-EVENT-0049", "RDS-EVENT-0013",
	  "PlatformMaintenance", "host maintenance", "rolling restart", "LEADER_NOT_AVAILABLE",
	  "NOT_LEADER_OR_FOLLOWER"}},
	{"node_pressure", "a node is under resource pressure and evicts pods", 3, true, true,
	 "free-disk-space",
	 {"DiskPressure", "MemoryPressure", "PIDPressure", "Evicted", "eviction manager",
	  "evicting pod", "NodeNotReady", "node is not ready", "imagefs", "nodefs"}},
	{"throttled", "a provider throttles the service's requests", 2, true, true, NULL,
	 {"ProvisionedThroughputExceeded", "ThrottlingException", "SlowDown", "RequestRateTooLarge",
	  "Rate exceeded", "RequestLimitExceeded", "TooManyRequestsException",
	  "ThrottledRequests", "RequestThrottled"}},
	{"rate_limited", "requests are refused as too many (429)", 1, false, false, NULL,
	 {"Too Many Requests", "TooManyRequests", " 429 ", "status=429", "status: 429", "rate limit",
	  "rate-limited", "load shed", "concurrency limit"}},
	{"probe_failed", "the kubelet's health probes fail, so containers restart", 2, true, false,
	 "restart-and-scale-out",
	 {"Liveness probe failed", "Readiness probe failed", "Startup probe failed",
	  "probe failed"}},
	{"clock_skew", "a machine's clock is off, so time-bound tokens and signatures fail", 3, true,
	 true, NULL,
	 {"clock skew", "clockskew", "used before issued", "issued in the future", "iat is in the future",
	  "not valid yet", "time is not synchronized", " NTP", "ntpd", "chronyd", "clock offset",
	  "system clock"}},
	{"cpu_throttled", "containers are starved of CPU by throttling or a busy node", 2, true, true,
	 "restart-and-scale-out",
	 {"CPUThrottlingHigh", "cpu throttling", "CPU throttling", "cfs_throttled", "nr_throttled",
	  "throttled_periods", "cpu pressure", "CPU pressure", "noisy neighbo"}},
	{"quota_exceeded", "a provider's quota or storage limit is reached", 3, true, true, NULL,
	 {"QuotaExceeded", "quota exceeded", "Quota exceeded", "insufficient storage",
	  "InsufficientStorage", "storage quota", "exceeded its quota", "OverQuota"}},
	{"credentials_rejected", "a backing service rejects the service's credentials", 2, true,
	 false, NULL,
	 {"password authentication failed", "Access denied for user", "Login failed for user",
	  "authentication failed for user", "invalid username/password", "SASL authentication failed",
	  "AuthenticationFailed", "InvalidClientTokenId", "SignatureDoesNotMatch"}},
	{"capacity_limit", "the service needs more replicas than its autoscaler may run", 2, true,
	 true, "restart-and-scale-out",
	 {"ScalingLimited", "TooManyReplicas", "desired replica count is more than the maximum",
	  "reached max replicas", "at maximum replicas", "maxReplicas reached"}},
	{"http_5xx", "the service answers with server errors", 0, false, false, NULL,
	 {" 500 ", " 502 ", " 503 ", "Internal Server Error", "Bad Gateway", "Service Unavailable",
	  "status=500", "status=502", "status=503"}},
};


/* PostgreSQL's 'column "x" does not exist' and Hibernate's 'column a.x does not exist'. */
static bool missing_column_line(const char *s)
{
	const char *col = strstr(s, "column ");

	return col && strstr(col, "does not exist");
}

static bool missing_relation_line(const char *s)
{
	const char *rel = strstr(s, "relation ");
	const char *col = strstr(s, "column ");

	return rel && strstr(rel, "does not exist") && !(col && col < rel);
}

static bool has_lower(const char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			return true;
	return false;
}

static bool matches(const struct signals_row *sig, const char *text)
{
	if (!strcmp(sig->name, "missing_column") && missing_column_line(text))
		return true;
	if (!strcmp(sig->name, "missing_table") && missing_relation_line(text))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(sig->needles) && sig->needles[i]; i++) {
		/* Short needles (status codes) and codes in capitals (ENOTFOUND, NXDOMAIN) are
		 * matched with their case: "PageNotFound" is not ENOTFOUND. */
		if (strlen(sig->needles[i]) <= 4 || !has_lower(sig->needles[i])
			    ? strstr(text, sig->needles[i]) != NULL
			    : text_contains_ci(text, sig->needles[i]))
			return true;
	}
	return false;
}

const struct signals_row *signals_info(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(signatures); i++)
		if (!strcmp(signatures[i].name, name))
			return &signatures[i];
	return NULL;
}

static void hit(struct signal *sigs, size_t k, size_t count, size_t line, const char *example)
{
	if (!sigs[k].count || line < sigs[k].first_line) {
		free(sigs[k].example);
		sigs[k].example = redact_strdup(example);
		sigs[k].first_line = line;
	}
	sigs[k].count += count;
}

static int by_rank(const void *a, const void *b)
{
	const struct signal *x = a, *y = b;
	int rx = signals_info(x->name)->rank, ry = signals_info(y->name)->rank;

	if (rx != ry)
		return ry - rx;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->first_line > y->first_line) - (x->first_line < y->first_line);
}

void signals_find(struct signal **out, size_t *count, const struct digest *d)
{
	struct signal *sigs = xcalloc(ARRAY_SIZE(signatures), sizeof(*sigs));
	size_t n = 0;

	for (size_t k = 0; k < ARRAY_SIZE(signatures); k++) {
		sigs[k].name = signatures[k].name;
		sigs[k].meaning = signatures[k].meaning;
	}
	for (size_t i = 0; i < d->ntemplates; i++) {
		const struct digest_template *t = &d->templates[i];

		for (size_t k = 0; k < ARRAY_SIZE(signatures); k++)
			if (matches(&signatures[k], t->example))
				hit(sigs, k, t->count, t->first_line, t->example);
	}
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *tr = &d->traces[i];

		for (size_t k = 0; k < ARRAY_SIZE(signatures); k++) {
			bool found = matches(&signatures[k], tr->headline);

			for (size_t f = 0; !found && f < tr->nframes; f++)
				found = !strncmp(tr->frames[f], "Caused by:", 10) &&
					matches(&signatures[k], tr->frames[f]);
			if (found)
				hit(sigs, k, tr->count, tr->first_line, tr->headline);
		}
	}
	for (size_t k = 0; k < ARRAY_SIZE(signatures); k++)
		if (sigs[k].count)
			sigs[n++] = sigs[k];
	qsort(sigs, n, sizeof(*sigs), by_rank);
	*out = sigs;
	*count = n;
}

void signals_free(struct signal *s, size_t count)
{
	for (size_t i = 0; s && i < count; i++)
		free(s[i].example);
	free(s);
}
