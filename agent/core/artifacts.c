#include "common.h"
#include "core/artifacts.h"
#include "util/buf.h"
#include "logs/digest.h"
#include "util/err.h"
#include "core/incident.h"
#include "util/jsonx.h"
#include "core/kb.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/text.h"
#include "io/yamlio.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <time.h>

#define QUOTE_MAX 300   /* bytes of one quoted log line */
#define CELL_MAX 240    /* bytes of one table cell */
#define TOP_TEMPLATES 5
#define KB_PATTERNS 3

/* Append one byte: our buffers have no cap, so this cannot fail. */
static void put_ch(struct buf *b, char ch)
{
	buf_putf(b, "%c", ch);
}

/* ---- what we know about each signal family ---- */

struct guide_cause {
	const char *title, *symptoms, *diagnosis, *fix;
};

/*
 * One entry per signal the offline engine produces. Check lines are shell commands
 * using the variables the runbook defines ($NS, $SVC, $POD, $EXEC, $JPID, $BASE_URL,
 * $DATABASE_URL, $HOST, $LOGS); a line starting "j|" is JVM-only and left out when
 * the logs show another runtime.
 */
struct guide {
	const char *signal;
	const char *family;
	bool infra;
	const char *why;
	const char *checks[7];
	struct guide_cause causes[2];
	const char *owner;
	const char *verify[3];
	const char *capacity, *dr, *performance;
};

static const struct guide guides[] = {
	{
		"oom_killed", "container memory limit", true,
		"The kernel kills a container that goes over its memory limit. Every kill drops the "
		"requests in flight and restarts the process cold, and repeated kills turn into a "
		"crash loop that takes replicas out of service.",
		{
			"kubectl -n \"$NS\" get pods -l app=\"$SVC\" -o wide",
			"kubectl -n \"$NS\" get pod \"$POD\" -o jsonpath='{range .status.containerStatuses[*]}{.name}{\" restarts=\"}{.restartCount}{\" last=\"}{.lastState.terminated.reason}{\"\\n\"}{end}'",
			"kubectl -n \"$NS\" top pod -l app=\"$SVC\" --containers",
			"kubectl -n \"$NS\" get pod \"$POD\" -o jsonpath='{.spec.containers[*].resources}'",
			"kubectl -n \"$NS\" get events --field-selector involvedObject.name=\"$POD\" --sort-by=.lastTimestamp",
		},
		{
			{"Memory limit too small for the current load",
			 "memory grows with traffic and the kills cluster at peak hours",
			 "compare the container working set with its limit over the last week "
			 "(container_memory_working_set_bytes against kube_pod_container_resource_limits)",
			 "raise the limit and request together, or scale out so each replica carries less"},
			{"Runtime heap sized larger than the container",
			 "the container is killed without any out-of-memory error in the application log",
			 "compare the heap or runtime memory settings (-Xmx, MaxRAMPercentage, "
			 "--max-old-space-size) with the container limit",
			 "size the heap as a fraction of the limit (about 75%) so native memory fits too"},
		},
		"the platform (Kubernetes) on-call",
		{"no new OOMKilled terminations and the restart count stays flat for 30 minutes",
		 "memory working set stays below 80% of the limit at peak", NULL},
		"Set container memory requests equal to limits for this workload and size them from "
		"the observed peak plus 30% headroom.",
		"Run at least two replicas spread over nodes (a PodDisruptionBudget and topology "
		"spread), so one kill never takes the whole service down.",
		"Profile memory allocation under production-like load before each release that "
		"changes caching or batch sizes.",
	},
	{
		"crashloop", "crash-looping workload", true,
		"A container that keeps exiting at start-up serves nothing, and Kubernetes backs off "
		"longer between restarts, so recovery slows down the longer it lasts.",
		{
			"kubectl -n \"$NS\" get pods -l app=\"$SVC\" -o wide",
			"kubectl -n \"$NS\" logs \"$POD\" --previous --tail=100",
			"kubectl -n \"$NS\" describe pod \"$POD\" | sed -n '/Last State/,/Ready/p'",
			"kubectl -n \"$NS\" rollout history deployment/\"$SVC\"",
			"kubectl -n \"$NS\" get events --sort-by=.lastTimestamp | tail -n 30",
		},
		{
			{"Missing or wrong configuration at start-up",
			 "the process exits within seconds of starting, with a configuration or secret error",
			 "diff the deployment's environment, ConfigMaps and Secrets against the last "
			 "revision that ran (kubectl rollout history --revision)",
			 "restore the missing value or roll the deployment back to the last good revision"},
			{"Liveness probe too strict",
			 "the container is killed while still starting; events show failed liveness probes",
			 "compare the start-up time in the logs with the probe's initialDelaySeconds and "
			 "failureThreshold",
			 "add a startupProbe or relax the liveness probe timing"},
		},
		"the platform (Kubernetes) on-call",
		{"all replicas Ready and the restart count flat for 15 minutes",
		 "no CrashLoopBackOff events in the namespace", NULL},
		"Keep enough spare replicas that one crash-looping pod does not overload the rest.",
		"Keep the previous image and configuration deployable (rollout history, immutable "
		"tags), so a rollback takes one command.",
		"Measure start-up time and set probes from it rather than from defaults.",
	},
	{
		"out_of_memory", "application heap exhaustion", false,
		"When the heap is full the runtime spends its time collecting garbage, latency climbs "
		"for every request, and allocations end in out-of-memory errors that fail requests "
		"or kill the process.",
		{
			"j|$EXEC jcmd \"$JPID\" GC.heap_info",
			"j|$EXEC jcmd \"$JPID\" GC.class_histogram | head -n 25",
			"j|$EXEC jstat -gcutil \"$JPID\" 1000 5",
			"j|curl -fsS \"$BASE_URL/actuator/metrics/jvm.memory.used?tag=area:heap\"",
			"$LOGS | grep -ciE 'OutOfMemory|heap out of memory|MemoryError'",
		},
		{
			{"Unbounded cache or collection",
			 "heap use grows steadily between collections and never returns to its baseline",
			 "take a class histogram or heap dump and look for one type dominating the heap",
			 "bound the cache (size or time based eviction) or stream instead of collecting"},
			{"Heap too small for the traffic",
			 "heap pressure follows request volume and clears when traffic drops",
			 "compare heap use at peak with the maximum heap and with last week's peak",
			 "raise the heap (and the container limit with it) or add replicas"},
		},
		"the service's owning team and the platform on-call when limits must change",
		{"heap use after collection back under 70% of the maximum",
		 "garbage collection time back under 5% of wall time", "no out-of-memory errors in the logs"},
		"Size the heap from the observed peak with 30% headroom and keep the container limit "
		"about a third above the heap for native memory.",
		"Enable heap dumps on out-of-memory to a persistent volume so the next occurrence can "
		"be analysed after the restart.",
		"Bound every in-memory cache and page every query that can return many rows.",
	},
	{
		"missing_column", "database schema drift", false,
		"The code expects a column the database does not have, so every query that touches it "
		"fails: the affected endpoints return errors until schema and code agree again.",
		{
			"psql \"$DATABASE_URL\" -c 'select installed_rank, version, description, success from flyway_schema_history order by installed_rank desc limit 10'",
			"j|curl -fsS \"$BASE_URL/actuator/flyway\"",
			"git log --oneline -n 20 -- '*.sql'",
		},
		{
			{"Migration not applied or failed",
			 "the newest migration is missing from the schema history or marked as failed",
			 "read flyway_schema_history (success = false) and the migration step of the deploy log",
			 "repair the failed migration and run it again before the code that needs it"},
			{"Code deployed before its migration",
			 "errors start exactly at the deploy and name a column introduced by the same release",
			 "compare the deploy time with the migration's installed_on time",
			 "deploy migrations first and keep code compatible with the previous schema"},
		},
		"the database administrators on-call",
		{"the failing queries succeed: no schema errors in the logs for 15 minutes",
		 "the schema history shows the expected version with success = true", NULL},
		"Check that the migration's locks and table rewrites fit the maintenance budget of the "
		"largest tables.",
		"Test every migration against a restored copy of production before release, and keep "
		"migrations backward compatible (expand, then contract).",
		"Add indexes for new columns used in filters in the same migration that adds them.",
	},
	{
		"missing_table", "database schema drift", false,
		"The code queries a table that does not exist in this database, so every request that "
		"needs it fails until the table is created or the code stops using it.",
		{
			"psql \"$DATABASE_URL\" -c 'select installed_rank, version, description, success from flyway_schema_history order by installed_rank desc limit 10'",
			"psql \"$DATABASE_URL\" -c '\\dt'",
			"git log --oneline -n 20 -- '*.sql'",
		},
		{
			{"Migration not applied or failed",
			 "the migration that creates the table is missing from the schema history or failed",
			 "read flyway_schema_history (success = false) and the migration step of the deploy log",
			 "repair the failed migration and run it again before the code that needs it"},
			{"Connected to the wrong schema or database",
			 "the table exists elsewhere; the connection string or search path changed",
			 "compare the datasource URL and search_path with the last working configuration",
			 "restore the datasource configuration"},
		},
		"the database administrators on-call",
		{"the failing queries succeed: no schema errors in the logs for 15 minutes",
		 "the schema history shows the expected version with success = true", NULL},
		"Check that the migration's locks and table rewrites fit the maintenance budget of the "
		"largest tables.",
		"Test every migration against a restored copy of production before release, and keep "
		"migrations backward compatible (expand, then contract).",
		"Create the indexes a new table needs in the migration that creates it.",
	},
	{
		"pool_exhausted", "database connection pool exhaustion", false,
		"When every pooled connection is busy, requests queue for a connection and then time "
		"out, so one slow dependency turns into errors on every endpoint that uses the database.",
		{
			"j|curl -fsS \"$BASE_URL/actuator/metrics/hikaricp.connections.pending\"",
			"j|curl -fsS \"$BASE_URL/actuator/metrics/hikaricp.connections.active\"",
			"psql \"$DATABASE_URL\" -c 'select state, count(*) from pg_stat_activity group by state'",
			"psql \"$DATABASE_URL\" -c \"select pid, now() - xact_start as age, state, left(query, 80) from pg_stat_activity where state <> 'idle' order by age desc limit 10\"",
			"j|$EXEC jcmd \"$JPID\" Thread.print | grep -c 'getConnection'",
		},
		{
			{"Connection leak",
			 "active connections climb to the pool maximum and stay there even when traffic drops",
			 "enable leak detection (HikariCP leakDetectionThreshold) and look for code paths "
			 "that open connections or transactions without closing them",
			 "close connections in finally/try-with-resources blocks; restart to drain meanwhile"},
			{"Slow queries holding connections",
			 "pool exhaustion follows a rise in query latency; the database shows long-running "
			 "statements",
			 "list the longest active statements in pg_stat_activity and their plans",
			 "add the missing index or cancel the runaway query; set a statement timeout"},
		},
		"the database administrators on-call",
		{"pending connection requests back to 0 and active connections under 80% of the pool",
		 "request latency back to its baseline", NULL},
		"Size the pool from the database's max_connections divided by the replica count, and "
		"keep the total under what the database accepts.",
		"Make sure a database failover closes and re-opens pooled connections (max lifetime "
		"shorter than the failover detection time).",
		"Set connection and statement timeouts shorter than the request timeout so a stuck "
		"query fails fast instead of holding the pool.",
	},
	{
		"deadlock", "lock contention and deadlocks", false,
		"Deadlocked transactions are aborted and retried or fail outright, and the locks they "
		"hold block other requests, so throughput drops while latency climbs.",
		{
			"psql \"$DATABASE_URL\" -c 'select pid, pg_blocking_pids(pid) as blocked_by, wait_event_type, left(query, 80) from pg_stat_activity where cardinality(pg_blocking_pids(pid)) > 0'",
			"psql \"$DATABASE_URL\" -c 'select datname, deadlocks from pg_stat_database'",
			"j|$EXEC jcmd \"$JPID\" Thread.print | grep -A 20 'Found one Java-level deadlock'",
		},
		{
			{"Inconsistent lock order",
			 "two code paths update the same rows or tables in opposite order",
			 "read the database's deadlock report: it names both statements",
			 "take locks in one fixed order, or update in a single statement"},
			{"Long transactions",
			 "locks are held across remote calls or user think time",
			 "look for transactions open for seconds in pg_stat_activity (xact_start)",
			 "move remote calls out of the transaction and keep transactions short"},
		},
		"the database administrators on-call",
		{"the database's deadlock counter stops increasing",
		 "p99 latency back under its baseline", NULL},
		"Watch lock wait time as a capacity signal: it rises before throughput falls.",
		"Make writers retry deadlock aborts with backoff so a deadlock costs a retry, not an "
		"error.",
		"Shorten transactions and index the columns used to find rows that are updated.",
	},
	{
		"timeout", "timeouts and latency", false,
		"Timeouts mean callers give up before the work finishes: the work is often still done "
		"and retried, which adds load exactly when the service is slowest.",
		{
			"curl -sS -o /dev/null -w 'connect=%{time_connect}s first_byte=%{time_starttransfer}s total=%{time_total}s status=%{http_code}\\n' \"$BASE_URL/\"",
			"j|curl -fsS \"$BASE_URL/actuator/metrics/http.server.requests\"",
			"psql \"$DATABASE_URL\" -c \"select pid, now() - query_start as age, left(query, 80) from pg_stat_activity where state <> 'idle' order by age desc limit 10\"",
			"$LOGS | grep -ciE 'timed? ?out|deadline exceeded'",
		},
		{
			{"Slow downstream dependency",
			 "latency rises on the endpoints that call one dependency while others stay fast",
			 "compare the dependency's own latency with the time spent waiting for it",
			 "fail fast with a circuit breaker and a shorter timeout; scale or fix the dependency"},
			{"Retry storm",
			 "request volume to the dependency rises while user traffic does not",
			 "compare incoming and outgoing request rates; look for retries without backoff",
			 "add exponential backoff with jitter and a retry budget"},
		},
		"the owners of the slow dependency",
		{"p99 latency back under its baseline for 15 minutes",
		 "timeout errors gone from the logs", NULL},
		"Keep worker threads and connection pools sized for the latency seen at peak, not the "
		"average.",
		"Give every outbound call a timeout and a fallback so a slow dependency degrades one "
		"feature, not the service.",
		"Set timeouts from measured p99 latency and make callers' timeouts longer than "
		"callees'.",
	},
	{
		"auth", "authentication and authorisation failures", false,
		"Rejected credentials block users or service-to-service calls outright; when a shared "
		"secret or signing key is wrong every caller fails at once.",
		{
			"curl -sS -o /dev/null -w '%{http_code}\\n' \"$BASE_URL/\"",
			"curl -sSi \"$BASE_URL/\" | grep -i '^www-authenticate'",
			"date -u",
			"kubectl -n \"$NS\" get secrets -o custom-columns=NAME:.metadata.name,CREATED:.metadata.creationTimestamp",
		},
		{
			{"Rotated credential not propagated",
			 "failures start at a secret rotation; some replicas work and others do not",
			 "compare secret creation times with the pods' start times",
			 "restart the workloads that hold the old secret, or reload it"},
			{"Clock skew",
			 "tokens are rejected as not yet valid or expired although they were just issued",
			 "compare the hosts' clocks with the identity provider's (date -u, chronyc tracking)",
			 "fix time synchronisation; allow a small clock skew in token validation"},
		},
		"the identity / security team",
		{"401 and 403 responses back to their baseline ratio",
		 "no authentication errors in the logs for 15 minutes", NULL},
		"Watch the identity provider's rate limits: token validation traffic grows with "
		"replicas.",
		"Rotate secrets with an overlap window (old and new both valid) and rehearse it.",
		"Cache signing keys (JWKS) with a refresh so validation does not call the provider "
		"per request.",
	},
	{
		"tls_expired", "TLS certificate expiry", true,
		"An expired or untrusted certificate makes every TLS client refuse the connection, so "
		"the endpoint is down for all callers at once, whatever its health.",
		{
			"echo | openssl s_client -connect \"$HOST:443\" -servername \"$HOST\" 2>/dev/null | openssl x509 -noout -subject -issuer -dates",
			"kubectl get certificates -A",
			"kubectl -n \"$NS\" get secrets --field-selector type=kubernetes.io/tls",
			"kubectl -n \"$NS\" describe certificates",
		},
		{
			{"Automatic renewal failed",
			 "the certificate resource is not Ready; renewal events show challenge or issuer errors",
			 "read the certificate and order status (cert-manager) or the renewal job's log",
			 "fix the challenge (DNS or HTTP) or issuer credentials and renew by hand once"},
			{"Trust store missing the issuing chain",
			 "the certificate is valid but clients report unknown authority",
			 "check the chain the server sends (openssl s_client -showcerts)",
			 "serve the full chain, or add the intermediate CA to the clients' trust store"},
		},
		"the platform on-call (certificates and ingress)",
		{"the served certificate's notAfter is in the future and clients connect",
		 "probe_ssl_earliest_cert_expiry more than 14 days ahead", NULL},
		"Inventory every certificate with its expiry and owner.",
		"Automate renewal and alert 14 days before expiry, long before the certificate's last "
		"day.",
		"Reuse TLS sessions and connections so renewal does not cost a handshake per request.",
	},
	{
		"dns", "DNS resolution failures", true,
		"When names do not resolve, calls fail before they are made, across every dependency "
		"that is reached by name.",
		{
			"kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide",
			"kubectl -n kube-system logs -l k8s-app=kube-dns --tail=50",
			"kubectl -n \"$NS\" exec \"$POD\" -- cat /etc/resolv.conf",
			"kubectl -n \"$NS\" exec \"$POD\" -- nslookup kubernetes.default.svc.cluster.local",
		},
		{
			{"Cluster DNS overloaded",
			 "SERVFAIL and timeouts rise with traffic; CoreDNS pods are CPU throttled",
			 "check CoreDNS CPU and its request rate; count lookups per request (ndots search list)",
			 "scale CoreDNS, add NodeLocal DNSCache, use fully qualified names"},
			{"Upstream resolver or record problem",
			 "only external names fail, or one name fails everywhere",
			 "resolve the name against the upstream resolver directly (dig @resolver)",
			 "restore the record or fail over to another resolver"},
		},
		"the platform (network) on-call",
		{"SERVFAIL rate back to 0", "the service resolves its dependencies (no lookup errors in the logs)",
		 NULL},
		"Scale cluster DNS with the number of nodes and pods.",
		"Run DNS caches on each node so a resolver outage does not stop resolution at once.",
		"Cache lookups in the client and use fully qualified names to avoid search list "
		"queries.",
	},
	{
		"network", "network connectivity", true,
		"Refused or reset connections fail requests immediately, and retries multiply the "
		"load on the parts of the network that still work.",
		{
			"kubectl -n \"$NS\" get endpoints",
			"kubectl -n \"$NS\" get networkpolicies",
			"kubectl -n \"$NS\" exec \"$POD\" -- cat /proc/net/sockstat",
			"kubectl -n \"$NS\" get events --sort-by=.lastTimestamp | tail -n 30",
		},
		{
			{"Network policy or firewall change",
			 "connections to one destination fail from every replica since a specific time",
			 "compare network policies and security groups with their previous version",
			 "restore the rule that allowed the traffic"},
			{"Target has no ready endpoints",
			 "connections are refused; the target service lists no endpoints",
			 "check the target's pods and readiness probes",
			 "restore the target or route to a healthy instance"},
		},
		"the platform (network) on-call",
		{"connection errors gone from the logs for 15 minutes",
		 "all target services list ready endpoints", NULL},
		"Watch connection-tracking and ephemeral port use on nodes; both run out under load.",
		"Spread replicas over zones and keep cross-zone failover tested.",
		"Reuse connections (keep-alive, pooling) instead of opening one per request.",
	},
	{
		"linkage", "dependency and linkage errors", false,
		"A missing class, method or symbol fails every code path that reaches it, usually "
		"right after a dependency or build change.",
		{
			"git log --oneline -n 10 -- pom.xml build.gradle package.json package-lock.json go.mod go.sum requirements.txt poetry.lock",
			"j|mvn -q dependency:tree -Dverbose | grep 'omitted for conflict'",
			"$LOGS | grep -E 'NoSuchMethodError|ClassNotFoundException|NoClassDefFoundError|ImportError|undefined symbol|Cannot find module' | sort | uniq -c | sort -rn | head",
		},
		{
			{"Transitive dependency conflict",
			 "a library is present in two versions and the older one wins at run time",
			 "print the dependency tree and look for the conflicting artifact",
			 "pin the version explicitly or exclude the older one"},
			{"Mixed artifacts from a partial deploy",
			 "only some replicas or some classes fail; images or jars differ between instances",
			 "compare the image digests of running replicas",
			 "redeploy one consistent build"},
		},
		"the service's owning team",
		{"no linkage errors in the logs after the redeploy",
		 "all replicas run the same image digest", NULL},
		"Keep build caches and registries sized so a rollback image is always available.",
		"Keep the previous release's image deployable for fast rollback.",
		"Run the service's smoke tests against the built image, not only unit tests, before "
		"release.",
	},
	{
		"null_reference", "unhandled null or missing values", false,
		"An unhandled null or missing field fails the request that reaches it; when it sits in "
		"a common path most requests fail.",
		{
			"$LOGS | grep -E 'NullPointerException|TypeError|nil pointer dereference|AttributeError' | sort | uniq -c | sort -rn | head",
			"git log --oneline --since='3 days ago'",
		},
		{
			{"New code path without a null check",
			 "errors start at a deploy and point at recently changed lines",
			 "map the stack trace's top frame to the latest change of that file (git blame)",
			 "handle the missing value, or roll back the change"},
			{"Upstream data changed shape",
			 "errors follow a change in another service or in stored data; the code did not change",
			 "compare a failing payload with a working one",
			 "validate inputs at the boundary and agree the contract with the producer"},
		},
		"the service's owning team",
		{"the exception disappears from the logs", "error ratio back to its baseline", NULL},
		"No capacity action: this failure does not depend on load.",
		"Keep a feature flag or fast rollback ready for every change to a hot code path.",
		"Validate inputs once at the boundary instead of checking deep in the call stack.",
	},
	{
		"disk_full", "disk space exhaustion", true,
		"A full disk stops writes: logs, temporary files and databases fail, often in ways "
		"that look unrelated to disk space.",
		{
			"kubectl -n \"$NS\" exec \"$POD\" -- df -h",
			"kubectl -n \"$NS\" exec \"$POD\" -- sh -c 'du -xsh /tmp /var/log /data 2>/dev/null'",
			"kubectl -n \"$NS\" get pvc",
			"kubectl describe nodes | grep -E 'DiskPressure|ephemeral-storage'",
		},
		{
			{"Logs or temporary files not cleaned up",
			 "usage grows steadily in /var/log or /tmp",
			 "find the largest directories (du) and their growth rate",
			 "rotate and cap logs; clean temporary files on a schedule"},
			{"Volume too small for data growth",
			 "the data directory grows with the business and the volume was never resized",
			 "compare the data growth per day with the free space left",
			 "expand the volume (allowVolumeExpansion) and plan the next resize"},
		},
		"the platform (storage) on-call",
		{"free space above 20% on every volume", "writes succeed (no space errors in the logs)", NULL},
		"Alert on days-until-full (predict_linear) rather than a fixed percentage.",
		"Back up data volumes and test restoring one to a new volume.",
		"Move logs to a collector instead of local files.",
	},
	{
		"http_5xx", "server errors", false,
		"5xx responses are failed requests that users and callers see directly; a rising ratio "
		"is the most direct measure of an outage.",
		{
			"curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' \"$BASE_URL/\"",
			"$LOGS | grep -cE 'ERROR|Exception'",
			"$LOGS | grep ERROR | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head",
		},
		{
			{"A recent deploy",
			 "errors start at a release and affect the changed endpoints",
			 "line up the first error with deploy and merge times",
			 "roll back the release"},
			{"A failing dependency",
			 "errors name a downstream service or database; the service itself did not change",
			 "check the dependencies' health and error rates",
			 "fail over, degrade the feature, or wait for the dependency with a circuit breaker"},
		},
		"the owners of the failing dependency",
		{"5xx ratio back under 1% for 15 minutes", "no new error templates in the logs", NULL},
		"Keep enough replicas that losing one does not push the rest into errors.",
		"Keep rollback of the last release to one command and rehearse it.",
		"Track error budgets per endpoint so regressions are caught before users report them.",
	},
};

static const struct guide fallback_guide = {
	NULL, "service errors", false,
	"The alert means the service is not behaving as it should for its users; until the "
	"cause is known, treat it as affecting every request.",
	{
		"$LOGS | grep -E 'ERROR|FATAL|Exception|panic' | tail -n 50",
		"curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' \"$BASE_URL/\"",
	},
	{
		{"A recent change",
		 "the problem starts at a deploy or configuration change",
		 "line up the first error with recent merges and deploys",
		 "roll back the change"},
		{"A failing dependency",
		 "errors name another service, a database or the network",
		 "check the dependencies' health",
		 "fail over or degrade the feature until the dependency recovers"},
	},
	"the service's owning team",
	{"the alert resolves and stays resolved for 30 minutes", "error lines back to their baseline", NULL},
	"Review the service's headroom on CPU, memory and connections at peak.",
	"Keep rollback of the last release to one command and rehearse it.",
	"Add the missing metric that would have shown this failure before the alert did.",
};

static const struct guide *guide_for(const char *signal)
{
	for (size_t i = 0; signal && i < ARRAY_SIZE(guides); i++)
		if (!strcmp(guides[i].signal, signal))
			return &guides[i];
	return &fallback_guide;
}

/* ---- the rendering context ---- */

enum runtime { RUNTIME_UNKNOWN, RUNTIME_JVM, RUNTIME_OTHER };

struct ctx {
	const struct evidence *ev;
	const struct diagnosis *dx;
	const struct plan *plan;     /* NULL when no plan was made */
	const struct incident *inc;
	const char *signal;          /* primary signal name or "incident" */
	const struct guide *g;
	const char *ns, *team;       /* labels, NULL when absent */
	bool k8s;                    /* the alert places the service in Kubernetes */
	enum runtime runtime;
	char *svc;                   /* service slug */
	char *stem;                  /* "<svc>-<signal>" */
	char date[16];               /* fired_at as YYYY-MM-DD */
	const struct pull *blame;    /* the blamed pull request, or NULL */
};

/* ---- small text helpers ---- */

static char *slug(const char *s)
{
	struct buf b = BUF_INIT;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*s);

		put_ch(&b, (isalnum(c) && c < 0x80) || c == '-' ? (char)c : '-');
	}
	if (!b.len)
		buf_puts(&b, "unknown");
	return buf_detach(&b);
}

static const char *label(const struct incident *inc, const char *key)
{
	const char *v = inc->labels ? jsonx_str(inc->labels, key) : NULL;

	return v && *v ? v : NULL;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static const char *nz(const char *s, const char *dflt)
{
	return s && *s ? s : dflt;
}

/* Shortest text that reads back as the same double ("0.05", "14870", "1e+20"). */
static void fmt_num(char *out, size_t size, double v)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, size, "%.0f", v);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static void fmt_time(char *out, size_t size, time_t t, const char *fmt)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(out, size, "unknown");
		return;
	}
	strftime(out, size, fmt, &tm);
}

/* Cut `s` to at most `max` bytes on a UTF-8 boundary; new string, "..." marks the cut. */
static char *clip(const char *s, size_t max)
{
	size_t len = strlen(s), cut = max;
	char *out;

	if (len <= max)
		return xstrdup(s);
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	out = xmalloc(cut + 4);
	memcpy(out, s, cut);
	memcpy(out + cut, "...", 4);
	return out;
}

/* A redacted copy on one line (control characters become spaces), clipped at `max`. */
static char *clean_line(const char *s, size_t max)
{
	char *red = redact_strdup(s ? s : ""), *out;

	for (char *p = red; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	out = clip(red, max);
	free(red);
	return out;
}

/* Redacted free text (prose from the engine or the alert), newlines kept. */
static void put_text(struct buf *b, const char *s)
{
	char *red = redact_strdup(s ? s : "");

	buf_puts(b, red);
	free(red);
}

/* Redacted text on one line. */
static void put_line(struct buf *b, const char *s)
{
	char *line = clean_line(s, SIZE_MAX / 2);

	buf_puts(b, line);
	free(line);
}

static size_t longest_run(const char *s, char c)
{
	size_t run = 0, best = 0;

	for (; *s; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* A log line as an inline code span: redacted, one line, clipped. */
static void put_code(struct buf *b, const char *s)
{
	char *line = clean_line(s, QUOTE_MAX);
	size_t ticks = longest_run(line, '`') + 1;
	bool pad = line[0] == '`' || (*line && line[strlen(line) - 1] == '`');

	for (size_t i = 0; i < ticks; i++)
		put_ch(b, '`');
	buf_puts(b, pad ? " " : "");
	buf_puts(b, line);
	buf_puts(b, pad ? " " : "");
	for (size_t i = 0; i < ticks; i++)
		put_ch(b, '`');
	free(line);
}

/* A markdown table cell: redacted, one line, clipped, pipes escaped. */
static void put_cell(struct buf *b, const char *s)
{
	char *line = clean_line(s, CELL_MAX);

	for (const char *p = line; *p; p++) {
		if (*p == '|')
			put_ch(b, '\\');
		put_ch(b, *p);
	}
	free(line);
}

/* A multi-line text in a fenced block long enough not to be closed by its content. */
static void put_fenced(struct buf *b, const char *lang, const char *text)
{
	char *red = redact_strdup(text ? text : "");
	size_t ticks = longest_run(red, '`') + 1;

	if (ticks < 3)
		ticks = 3;
	for (size_t i = 0; i < ticks; i++)
		put_ch(b, '`');
	buf_putf(b, "%s\n%s", lang, red);
	if (!*red || red[strlen(red) - 1] != '\n')
		put_ch(b, '\n');
	for (size_t i = 0; i < ticks; i++)
		put_ch(b, '`');
	put_ch(b, '\n');
	free(red);
}

/* A word safe for a shell command line as it is, or single-quoted. */
static void put_shell_word(struct buf *b, const char *s)
{
	bool plain = *s != '\0';

	for (const char *p = s; *p && plain; p++)
		plain = isalnum((unsigned char)*p) || strchr("._/:@%+=,-", *p);
	if (plain) {
		buf_puts(b, s);
		return;
	}
	put_ch(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			buf_puts(b, "'\\''");
		else if ((unsigned char)*p >= 0x20)
			put_ch(b, *p);
	}
	put_ch(b, '\'');
}

/* The first sentence of markdown text: first non-heading line, cut at ". ". New string. */
static char *first_sentence(const char *text)
{
	const char *p = text ? text : "";

	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *s = p, *dot;

		while (len && (*s == '#' || *s == ' ' || *s == '-' || *s == '*' || *s == '>'))
			s++, len--;
		if (len) {
			char *line = xstrndup(s, len);

			dot = strstr(line, ". ");
			if (dot)
				line[dot - line + 1] = '\0';
			return line;
		}
		if (!eol)
			return xstrdup("");
		p = eol + 1;
	}
}

/* ---- evidence helpers ---- */

static const char *primary_signal(const struct diagnosis *dx)
{
	return dx->nsignals > 0 && dx->signals[0].name ? dx->signals[0].name : "incident";
}

static bool has_signal(const struct diagnosis *dx, const char *name)
{
	for (size_t i = 0; i < dx->nsignals; i++)
		if (dx->signals[i].name && !strcmp(dx->signals[i].name, name))
			return true;
	return false;
}

/* Which runtime the stack traces show, so JVM-only checks can be left out. */
static enum runtime detect_runtime(const struct digest *d)
{
	for (size_t i = 0; i < d->ntraces; i++) {
		const struct digest_trace *t = &d->traces[i];

		for (size_t f = 0; f < t->nframes; f++) {
			const char *fr = t->frames[f];

			if (strstr(fr, ".java:") || strstr(fr, ".kt:") || strstr(fr, ".scala:") ||
			    strstr(fr, "(Native Method)") || strstr(fr, "(Unknown Source)"))
				return RUNTIME_JVM;
			if (strstr(fr, ".js:") || strstr(fr, ".ts:") || strstr(fr, ".py\"") ||
			    strstr(fr, ".go:") || strstr(fr, ".rb:") || strstr(fr, ".cs:"))
				return RUNTIME_OTHER;
		}
		if (t->headline && (strstr(t->headline, "java.") || strstr(t->headline, "javax.")))
			return RUNTIME_JVM;
	}
	return RUNTIME_UNKNOWN;
}

static void ctx_init(struct ctx *c, const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *plan)
{
	memset(c, 0, sizeof(*c));
	c->ev = ev;
	c->dx = dx;
	c->plan = plan;
	c->inc = ev->inc;
	c->signal = primary_signal(dx);
	c->g = guide_for(c->signal);
	c->ns = label(c->inc, "namespace");
	c->team = label(c->inc, "team");
	c->k8s = c->ns || label(c->inc, "pod") || label(c->inc, "cluster");
	c->runtime = detect_runtime(&ev->digest);
	c->svc = slug(c->inc->service);
	{
		char *sig = slug(c->signal);

		for (char *p = sig; *p; p++)
			if (*p == '_')
				*p = '-';
		c->stem = xasprintf("%s-%s", c->svc, sig);
		free(sig);
	}
	fmt_time(c->date, sizeof(c->date), c->inc->fired_at, "%Y-%m-%d");
	c->blame = dx->blame_pr > 0 ? evidence_pull(ev, dx->blame_pr) : NULL;
}

static void ctx_release(struct ctx *c)
{
	free(c->svc);
	free(c->stem);
}

static const char *default_branch(const struct evidence *ev)
{
	return nz(ev->default_branch, "main");
}

/* "<repo_url>/blob/<branch>/<path>", or the path alone without a repository URL. */
static char *blob_url(const struct evidence *ev, const char *branch, const char *path)
{
	if (!ev->repo_url || !*ev->repo_url)
		return xstrdup(path);
	return xasprintf("%s/blob/%s/%s", ev->repo_url, branch, path);
}

/* The time the agent ran: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
static time_t agent_time(void)
{
	const char *s = sys_getenv("SOURCE_DATE_EPOCH");

	if (s) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		if (!errno && !*end && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

static bool metric_number(json_t *m, const char *key, double *out)
{
	json_t *v = json_is_object(m) ? json_object_get(m, key) : NULL;

	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return false;
	*out = json_number_value(v);
	return true;
}

/* "98.4 (threshold 90, baseline 57)" */
static void put_metric_values(struct buf *b, json_t *m)
{
	double v, t, base;
	char n1[40], n2[40], n3[40];

	if (metric_number(m, "value", &v)) {
		fmt_num(n1, sizeof(n1), v);
		buf_puts(b, n1);
	} else {
		buf_puts(b, "unknown");
	}
	if (metric_number(m, "threshold", &t)) {
		fmt_num(n2, sizeof(n2), t);
		buf_putf(b, " (threshold %s", n2);
		if (metric_number(m, "value", &v) && t != 0)
			buf_putf(b, ", %.0f%% of it", 100.0 * v / t);
		buf_puts(b, ")");
	}
	if (metric_number(m, "baseline", &base)) {
		fmt_num(n3, sizeof(n3), base);
		buf_putf(b, ", baseline %s", n3);
		if (metric_number(m, "value", &v) && base != 0)
			buf_putf(b, " (%.1fx)", v / base);
	}
}

/* ---- runbook ---- */

static bool checks_use(const char *const *lines, size_t n, const char *var)
{
	size_t len = strlen(var);

	for (size_t i = 0; i < n && lines[i]; i++) {
		for (const char *p = lines[i]; (p = strchr(p, '$')); p++) {
			const char *name = p[1] == '{' ? p + 2 : p + 1;

			if (!strncmp(name, var, len) && !isalnum((unsigned char)name[len]) &&
			    name[len] != '_')
				return true;
		}
	}
	return false;
}

static bool check_wanted(const struct ctx *c, const char *line)
{
	if (!strncmp(line, "j|", 2))
		return c->runtime != RUNTIME_OTHER;
	return true;
}

/* The check lines that apply, without their tags. */
static size_t pick_checks(const struct ctx *c, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(c->g->checks) && c->g->checks[i] && n < max; i++)
		if (check_wanted(c, c->g->checks[i]))
			out[n++] = c->g->checks[i] + (strncmp(c->g->checks[i], "j|", 2) ? 0 : 2);
	return n;
}

/* The variable block the check lines need, in dependency order. */
static void put_check_vars(struct buf *b, const struct ctx *c, const char **lines, size_t n)
{
	const struct incident *inc = c->inc;
	bool use_logs = checks_use(lines, n, "LOGS");
	bool use_exec = checks_use(lines, n, "EXEC") && c->k8s;
	bool use_jpid = checks_use(lines, n, "JPID");
	bool use_url = checks_use(lines, n, "BASE_URL");
	bool use_pod = checks_use(lines, n, "POD") || use_exec;
	bool use_ns = checks_use(lines, n, "NS") || use_pod || (use_logs && c->k8s) ||
		      (use_url && c->k8s);
	bool use_svc = checks_use(lines, n, "SVC") || use_pod || use_logs || use_url;
	const char *pod = label(inc, "pod"), *host = label(inc, "host");

	if (use_ns) {
		buf_puts(b, "NS=");
		put_shell_word(b, nz(c->ns, "default"));
		buf_puts(b, c->ns ? "  # the alert's namespace label\n"
				  : "  # the alert has no namespace label: set the right one\n");
	}
	if (use_svc) {
		buf_puts(b, "SVC=");
		put_shell_word(b, inc->service);
		buf_puts(b, "\n");
	}
	if (use_pod) {
		if (pod) {
			buf_puts(b, "POD=");
			put_shell_word(b, pod);
			buf_puts(b, "  # the pod named by the alert\n");
		} else {
			buf_puts(b, "POD=$(kubectl -n \"$NS\" get pods -l app=\"$SVC\" "
				    "-o jsonpath='{.items[0].metadata.name}')\n");
		}
	}
	if (use_exec)
		buf_puts(b, "EXEC=\"kubectl -n $NS exec $POD --\"\n");
	else if (checks_use(lines, n, "EXEC"))
		buf_puts(b, "EXEC=  # commands run on the service's host\n");
	if (use_jpid)
		buf_puts(b, c->k8s ? "JPID=1  # the JVM is the container's first process\n"
				   : "JPID=$(pgrep -f java | head -n 1)\n");
	if (use_url)
		buf_puts(b, c->k8s ? "BASE_URL=\"http://$SVC.$NS.svc.cluster.local:8080\"  # adjust the port\n"
				   : "BASE_URL=\"http://localhost:8080\"  # the service's address\n");
	if (checks_use(lines, n, "DATABASE_URL"))
		buf_puts(b, ": \"${DATABASE_URL:?export a read-only connection string first}\"\n");
	if (checks_use(lines, n, "HOST")) {
		if (host) {
			buf_puts(b, "HOST=");
			put_shell_word(b, host);
			buf_puts(b, "\n");
		} else {
			buf_puts(b, ": \"${HOST:?export the host name of the TLS endpoint first}\"\n");
		}
	}
	if (use_logs)
		buf_puts(b, c->k8s ? "LOGS=\"kubectl -n $NS logs deployment/$SVC --since=1h\"\n"
				   : "LOGS=\"cat /var/log/$SVC/*.log\"  # where the service logs\n");
}

static bool identifier(const char *s)
{
	if (!s || !*s || strlen(s) > 63)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Where the column or table the diagnosis names exists, when it is a plain identifier. */
static void put_subject_check(struct buf *b, const struct ctx *c)
{
	const char *subject = c->dx->subject;

	if (!identifier(subject))
		return;
	if (!strcmp(c->signal, "missing_column"))
		buf_putf(b, "psql \"$DATABASE_URL\" -c \"select table_schema, table_name from "
			    "information_schema.columns where column_name = '%s'\"\n", subject);
	else if (!strcmp(c->signal, "missing_table"))
		buf_putf(b, "psql \"$DATABASE_URL\" -c \"select table_schema from "
			    "information_schema.tables where table_name = '%s'\"\n", subject);
}

static void put_checks(struct buf *b, const struct ctx *c)
{
	const char *lines[ARRAY_SIZE(c->g->checks)];
	size_t n = pick_checks(c, lines, ARRAY_SIZE(lines));

	buf_putf(b, "Checks for %s (`%s`):\n\n```bash\n", c->g->family, c->signal);
	put_check_vars(b, c, lines, n);
	buf_puts(b, "\n");
	for (size_t i = 0; i < n; i++)
		buf_putf(b, "%s\n", lines[i]);
	put_subject_check(b, c);
	buf_puts(b, "```\n\n");
}

/* git and gh commands around the suspect pull requests (application incidents). */
static void put_change_checks(struct buf *b, const struct ctx *c)
{
	const struct evidence *ev = c->ev;
	char since[32], until[32];

	fmt_time(since, sizeof(since), c->inc->fired_at - 3 * 86400, "%Y-%m-%dT%H:%M:%SZ");
	fmt_time(until, sizeof(until), c->inc->fired_at, "%Y-%m-%dT%H:%M:%SZ");
	buf_puts(b, "Recent changes (this is an application incident: start from what was merged):\n\n"
		    "```bash\n");
	buf_putf(b, "git log --oneline --merges --since=%s --until=%s origin/", since, until);
	put_shell_word(b, default_branch(ev));
	buf_puts(b, "\n");
	if (c->dx->blame_pr > 0) {
		buf_putf(b, "gh pr view %d", c->dx->blame_pr);
		if (ev->repo_name) {
			buf_puts(b, " --repo ");
			put_shell_word(b, ev->repo_name);
		}
		buf_puts(b, " --json number,title,author,mergedAt,files\n");
		buf_putf(b, "gh pr diff %d", c->dx->blame_pr);
		if (ev->repo_name) {
			buf_puts(b, " --repo ");
			put_shell_word(b, ev->repo_name);
		}
		buf_puts(b, "\n");
	} else {
		buf_puts(b, "gh pr list --state merged --limit 10");
		if (ev->repo_name) {
			buf_puts(b, " --repo ");
			put_shell_word(b, ev->repo_name);
		}
		buf_puts(b, "\n");
	}
	buf_puts(b, "```\n\n");
}

static void put_signals_inline(struct buf *b, const struct diagnosis *dx)
{
	for (size_t i = 0; i < dx->nsignals; i++) {
		buf_putf(b, "%s`%s` (%zu line%s)", i ? ", " : "", dx->signals[i].name,
			 dx->signals[i].count, plural(dx->signals[i].count));
	}
}

static void put_summary(struct buf *b, const struct ctx *c)
{
	const struct incident *inc = c->inc;

	buf_puts(b, "## Summary\n\n");
	buf_putf(b, "This runbook covers **%s** alerts on `%s` (%s): %s.\n\n", c->g->family,
		 inc->service, inc->environment ? inc->environment : "production",
		 c->dx->nsignals && c->dx->signals[0].meaning ? c->dx->signals[0].meaning
							       : "the signal the alert raised");
	buf_puts(b, "It was first written by aiops-agent for incident ");
	buf_putf(b, "%s (%s, %s): ", inc->id, incident_severity_name(inc->severity), c->date);
	put_line(b, c->dx->summary);
	buf_puts(b, "\n\n");
	buf_putf(b, "- Category: %s\n- Remediation chosen: %s (confidence %s, %s engine)\n",
		 category_name(c->dx->category), remediation_name(c->dx->remediation),
		 confidence_name(c->dx->confidence), nz(c->dx->engine, "offline"));
	if (c->dx->nsignals) {
		buf_puts(b, "- Signals seen in the logs: ");
		put_signals_inline(b, c->dx);
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
}

static void put_metric_table(struct buf *b, const struct incident *inc)
{
	const char *key;
	json_t *m;

	if (!json_is_object(inc->metrics) || !json_object_size(inc->metrics))
		return;
	buf_puts(b, "| Metric | Value | Threshold | Baseline |\n|---|---|---|---|\n");
	json_object_foreach(inc->metrics, key, m) {
		double v;
		char n[40];

		buf_puts(b, "| ");
		put_cell(b, key);
		for (size_t i = 0; i < 3; i++) {
			static const char *const keys[] = {"value", "threshold", "baseline"};

			if (metric_number(m, keys[i], &v)) {
				fmt_num(n, sizeof(n), v);
				buf_putf(b, " | %s", n);
			} else {
				buf_puts(b, " | -");
			}
		}
		buf_puts(b, " |\n");
	}
	buf_puts(b, "\n");
}

static void put_alert_description(struct buf *b, const struct ctx *c)
{
	const struct incident *inc = c->inc;

	buf_puts(b, "## Alert description and why it matters\n\n");
	buf_puts(b, "The alert: **");
	put_line(b, inc->title);
	buf_putf(b, "** (%s", incident_severity_name(inc->severity));
	if (inc->source && *inc->source)
		buf_putf(b, ", from %s", inc->source);
	if (inc->rule && *inc->rule) {
		buf_puts(b, ", rule ");
		put_code(b, inc->rule);
	}
	buf_puts(b, ").\n\n");
	if (inc->description && *inc->description) {
		put_line(b, inc->description);
		buf_puts(b, "\n\n");
	}
	put_metric_table(b, inc);
	buf_putf(b, "Why it matters: %s\n\n", c->g->why);
}

static void put_initial_diagnosis(struct buf *b, const struct ctx *c)
{
	buf_puts(b, "## Initial diagnosis\n\n");
	buf_putf(b, "Work through these in order; each takes under a minute. Commands assume "
		    "read access to %s.\n\n",
		 c->g->infra || c->k8s ? "the cluster" : "the service and its database");
	put_checks(b, c);
	if (c->dx->category == CATEGORY_APPLICATION)
		put_change_checks(b, c);
	if (c->ev->digest.first_error) {
		buf_puts(b, "The first error line of this incident, to compare with what you see: ");
		put_code(b, c->ev->digest.first_error);
		buf_puts(b, "\n\n");
	}
}

static void put_diagnosed_cause(struct buf *b, const struct ctx *c)
{
	const struct diagnosis *dx = c->dx;

	buf_puts(b, "### 1. ");
	put_line(b, nz(dx->summary, "the diagnosed cause"));
	buf_putf(b, " (diagnosed, confidence %s)\n\n", confidence_name(dx->confidence));
	buf_puts(b, "- **Symptoms:** ");
	if (dx->nsignals) {
		for (size_t i = 0; i < dx->nsignals && i < 3; i++) {
			buf_putf(b, "%s%s in %zu log line%s", i ? "; " : "",
				 nz(dx->signals[i].meaning, dx->signals[i].name), dx->signals[i].count,
				 plural(dx->signals[i].count));
			if (dx->signals[i].example) {
				buf_puts(b, ", e.g. ");
				put_code(b, dx->signals[i].example);
			}
		}
	} else if (c->ev->digest.first_error) {
		buf_puts(b, "errors such as ");
		put_code(b, c->ev->digest.first_error);
	} else {
		buf_puts(b, "the alert fired without a matching log signature");
	}
	buf_puts(b, ".\n- **Diagnosis:** ");
	put_line(b, nz(dx->root_cause, "no root cause was established"));
	if (c->blame) {
		const struct suspect *s = evidence_suspect(c->ev, dx->blame_pr);

		buf_putf(b, " Pull request #%d (", dx->blame_pr);
		put_line(b, nz(c->blame->meta.title, "untitled"));
		buf_puts(b, ")");
		if (s)
			buf_putf(b, " scored %.2f as the cause", s->score);
		buf_puts(b, ".");
	}
	buf_puts(b, "\n- **Fix:** ");
	buf_putf(b, "%s", remediation_name(dx->remediation));
	if (c->plan && c->plan->title) {
		buf_puts(b, ": ");
		put_line(b, c->plan->title);
	}
	if (dx->rationale) {
		buf_puts(b, ". ");
		put_line(b, dx->rationale);
	}
	if (c->plan && c->plan->branch)
		buf_putf(b, " The fix is on branch `%s`.", c->plan->branch);
	buf_puts(b, "\n\n");
}

static void put_likely_causes(struct buf *b, const struct ctx *c)
{
	buf_puts(b, "## Likely causes\n\n");
	put_diagnosed_cause(b, c);
	for (size_t i = 0; i < ARRAY_SIZE(c->g->causes); i++) {
		const struct guide_cause *k = &c->g->causes[i];

		buf_putf(b, "### %zu. %s\n\n", i + 2, k->title);
		buf_putf(b, "- **Symptoms:** %s.\n- **Diagnosis:** %s.\n- **Fix:** %s.\n\n",
			 k->symptoms, k->diagnosis, k->fix);
	}
}

static void put_escalation(struct buf *b, const struct ctx *c)
{
	int sev = c->inc->severity;
	int n = 1;

	if (c->team)
		buf_putf(b, "%d. Page the on-call engineer of the owning team (`%s`).\n", n++, c->team);
	else
		buf_putf(b, "%d. Page the on-call engineer of `%s`.\n", n++, c->inc->service);
	if (c->blame) {
		buf_putf(b, "%d. Bring in the author of pull request #%d", n++, c->dx->blame_pr);
		if (c->blame->meta.author)
			buf_putf(b, " (@%s)", c->blame->meta.author);
		buf_puts(b, ", who knows the change best.\n");
	}
	buf_putf(b, "%d. If the checks above point outside the service, involve %s.\n", n++,
		 c->g->owner);
	if (c->dx->remediation == REMEDIATION_ESCALATION || c->dx->confidence == CONFIDENCE_LOW)
		buf_putf(b, "%d. No automated fix is trusted for this incident: escalate now "
			    "rather than waiting for one.\n", n++);
	if (sev <= 1)
		buf_putf(b, "%d. P1: open an incident bridge and name an incident commander if the "
			    "service is not recovering within 30 minutes; update stakeholders every "
			    "30 minutes.\n", n++);
	else if (sev == 2)
		buf_putf(b, "%d. P2: name an incident commander if the service is not recovering "
			    "within 60 minutes.\n", n++);
	else
		buf_putf(b, "%d. P%d: handle within working hours unless it grows; raise the "
			    "severity if users report impact.\n", n++, sev);
}

/* The 5xx ratio expression of the service (also used by the recovery checks). */
static void put_promql_string(struct buf *b, const char *s)
{
	put_ch(b, '"');
	for (; *s; s++) {
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				put_ch(b, *s);
		}
	}
	put_ch(b, '"');
}

static char *ratio_expr(const char *service, const char *status_re, const char *threshold)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "sum(rate(http_server_requests_seconds_count{service=");
	put_promql_string(&b, service);
	buf_putf(&b, ",status=~\"%s\"}[5m])) / sum(rate(http_server_requests_seconds_count{service=",
		 status_re);
	put_promql_string(&b, service);
	buf_putf(&b, "}[5m])) > %s", threshold);
	return buf_detach(&b);
}

static void put_recovery(struct buf *b, const struct ctx *c)
{
	const char *key;
	json_t *m;
	char *expr;

	buf_puts(b, "## Recovery verification\n\n");
	buf_puts(b, "The incident is over when all of these hold:\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(c->g->verify) && c->g->verify[i]; i++)
		buf_putf(b, "- [ ] %s\n", c->g->verify[i]);
	if (json_is_object(c->inc->metrics)) {
		json_object_foreach(c->inc->metrics, key, m) {
			double t, base;
			char n[40];

			if (!metric_number(m, "threshold", &t))
				continue;
			fmt_num(n, sizeof(n), t);
			buf_puts(b, "- [ ] ");
			put_code(b, key);
			if (metric_number(m, "baseline", &base) && base > t)
				buf_putf(b, " back above %s", n);
			else
				buf_putf(b, " back below %s", n);
			if (metric_number(m, "baseline", &base)) {
				fmt_num(n, sizeof(n), base);
				buf_putf(b, " (normal: about %s)", n);
			}
			buf_puts(b, "\n");
		}
	}
	buf_puts(b, "- [ ] the alert ");
	put_code(b, nz(c->inc->rule, c->inc->title));
	buf_puts(b, " has resolved and stayed resolved for 30 minutes\n\n");
	expr = ratio_expr(c->inc->service, "5..", "0.01");
	buf_puts(b, "```bash\n");
	buf_puts(b, ": \"${PROM_URL:?export the Prometheus URL first}\"\n");
	buf_puts(b, "promtool query instant \"$PROM_URL\" ");
	put_shell_word(b, expr);
	buf_puts(b, "  # no result means the 5xx ratio is under 1%\n```\n\n");
	free(expr);
}

static void put_post_incident(struct buf *b, const struct ctx *c, const struct artifacts *a)
{
	const struct plan *plan = c->plan;

	buf_puts(b, "## Post-incident actions\n\n");
	if (plan && plan->branch)
		buf_putf(b, "- [ ] Review and merge the fix on `%s`, then watch the recovery checks "
			    "after the deploy.\n", plan->branch);
	else if (plan && plan->dispatch)
		buf_putf(b, "- [ ] Confirm the `%s` workflow run finished and the recovery checks "
			    "hold.\n", REMEDIATION_WORKFLOW);
	if (c->dx->category == CATEGORY_APPLICATION)
		buf_puts(b, "- [ ] Add a regression test that fails on the faulty behaviour, in the "
			    "files the fix touches.\n");
	else
		buf_puts(b, "- [ ] Record the infrastructure change in its source of truth "
			    "(Terraform, Helm values, manifests), so the next deploy does not undo it.\n");
	buf_putf(b, "- [ ] Load the alert rules in `%s` into Prometheus (`promtool check rules` "
		    "passes on them).\n", a->rules_path);
	buf_putf(b, "- [ ] Work through `%s`.\n", a->recommendations_path);
	if (c->inc->severity <= 2)
		buf_puts(b, "- [ ] Hold a blameless review within five working days.\n");
	if (c->ev->nnotes)
		buf_puts(b, "- [ ] Fill the gaps in the evidence listed in the issue's notes (missing "
			    "logs, diffs or metrics), so the next diagnosis has them.\n");
	buf_puts(b, "- [ ] Update this runbook with what the responders actually did.\n\n");
}

static void put_related(struct buf *b, const struct ctx *c)
{
	const struct evidence *ev = c->ev;
	const char *runbook = label(c->inc, "runbook_url");

	buf_puts(b, "## Related links\n\n");
	if (ev->repo_url)
		buf_putf(b, "- Repository: %s\n", ev->repo_url);
	if (c->blame && c->blame->meta.html_url)
		buf_putf(b, "- Blamed pull request #%d: %s\n", c->dx->blame_pr, c->blame->meta.html_url);
	if (runbook && (!strncmp(runbook, "https://", 8) || !strncmp(runbook, "http://", 7))) {
		buf_puts(b, "- The alert's own runbook: ");
		put_line(b, runbook);
		buf_puts(b, "\n");
	}
	for (size_t i = 0; i < ev->nsimilar; i++) {
		const struct kb_entry *e = ev->similar[i].entry;

		if (!e || !e->id)
			continue;
		buf_putf(b, "- Similar incident %s (knowledge-base/incidents.md, score %.2f): ",
			 e->id, ev->similar[i].score);
		put_line(b, nz(e->title, ""));
		if (e->runbook && strcmp(e->runbook, "none"))
			buf_putf(b, " - runbook `%s`", e->runbook);
		buf_puts(b, "\n");
	}
	if (!ev->repo_url && !c->blame && !ev->nsimilar)
		buf_puts(b, "- No repository or similar incident is known yet.\n");
	buf_puts(b, "\n");
}

static void render_runbook(struct artifacts *a, const struct ctx *c)
{
	struct buf *b = &a->runbook;

	buf_puts(b, "# Runbook: ");
	put_line(b, c->inc->service);
	buf_putf(b, " - %s\n\n", c->g->family);
	put_summary(b, c);
	put_alert_description(b, c);
	put_initial_diagnosis(b, c);
	put_likely_causes(b, c);
	buf_puts(b, "## Escalation path\n\n");
	put_escalation(b, c);
	buf_puts(b, "\n");
	put_recovery(b, c);
	put_post_incident(b, c, a);
	put_related(b, c);
	buf_puts(b, "## History\n\n");
	buf_putf(b, "- %s %s: ", c->date, c->inc->id);
	put_line(b, nz(c->dx->summary, c->inc->title));
	buf_puts(b, "\n");
}

/* ---- Prometheus rules ---- */

struct rules {
	const struct ctx *c;
	json_t *list;
	const char *severity;
	char *camel;          /* CamelCase service name */
	char *runbook_url;
};

/* "order-api" -> "OrderApi", "HTTP_requests" -> "HttpRequests", "jvmHeap" -> "JvmHeap". */
static char *camel_case(const char *s)
{
	struct buf b = BUF_INIT;

	while (s && *s) {
		size_t len = 0;
		bool all_upper = true;

		while (*s && !(isalnum((unsigned char)*s) && (unsigned char)*s < 0x80))
			s++;
		while (isalnum((unsigned char)s[len]) && (unsigned char)s[len] < 0x80) {
			if (islower((unsigned char)s[len]))
				all_upper = false;
			len++;
		}
		for (size_t i = 0; i < len; i++) {
			char ch = s[i];

			if (i == 0)
				ch = (char)toupper((unsigned char)ch);
			else if (all_upper)
				ch = (char)tolower((unsigned char)ch);
			put_ch(&b, ch);
		}
		s += len;
	}
	return buf_detach(&b);
}

/* A metric name valid in PromQL: [a-zA-Z_:][a-zA-Z0-9_:]*; "" when nothing is left. */
static char *metric_name(const char *s)
{
	struct buf b = BUF_INIT;

	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		bool ok = (isalnum(ch) && ch < 0x80) || ch == '_' || ch == ':';

		if (!b.len && isdigit(ch))
			put_ch(&b, '_');
		put_ch(&b, ok ? (char)ch : '_');
	}
	return buf_detach(&b);
}

/* Text for an annotation: Prometheus expands Go templates there, so "{{" must not appear. */
static json_t *annotation(const char *s)
{
	char *line = clean_line(s, 1000);
	struct buf b = BUF_INIT;
	json_t *v;

	for (const char *p = line; *p; p++) {
		put_ch(&b, *p);
		if (*p == '{' && p[1] == '{')
			put_ch(&b, ' ');
	}
	v = json_string(b.ptr);
	if (!v)
		v = json_string("(not valid UTF-8)");
	buf_release(&b);
	free(line);
	return v;
}

static bool rule_exists(const json_t *list, const char *name)
{
	size_t i;
	json_t *r;

	json_array_foreach(list, i, r)
		if (!strcmp(jsonx_str(r, "alert") ? jsonx_str(r, "alert") : "", name))
			return true;
	return false;
}

static void add_rule(struct rules *rs, const char *suffix, const char *expr, const char *for_,
		     const char *summary, const char *description)
{
	char *name = xasprintf("%s%s", rs->camel, suffix);
	json_t *rule, *labels, *ann, *safe;
	char *desc, *text;

	if (rule_exists(rs->list, name)) {
		free(name);
		return;
	}
	rule = json_object();
	json_object_set_new(rule, "alert", json_string(name));
	json_object_set_new(rule, "expr", json_string(expr));
	json_object_set_new(rule, "for", json_string(for_));
	labels = json_object();
	json_object_set_new(labels, "severity", json_string(rs->severity));
	json_object_set_new(labels, "service", annotation(rs->c->inc->service));
	if (rs->c->team)
		json_object_set_new(labels, "team", annotation(rs->c->team));
	json_object_set_new(rule, "labels", labels);
	ann = json_object();
	json_object_set_new(ann, "summary", annotation(summary));
	/* the text is made template-safe first, then our own template is added */
	text = xasprintf("%s Learned from incident %s (%s).", description, rs->c->inc->id,
			 rs->c->inc->title);
	safe = annotation(text);
	desc = xasprintf("%s Current value: {{ $value | humanize }}.", json_string_value(safe));
	json_object_set_new(ann, "description", json_string(desc));
	json_decref(safe);
	free(desc);
	free(text);
	json_object_set_new(ann, "runbook_url", json_string(rs->runbook_url));
	json_object_set_new(rule, "annotations", ann);
	json_array_append_new(rs->list, rule);
	free(name);
}

/* Heap, restarts and out-of-memory kills, for memory and crash-loop signals. */
static void add_memory_rules(struct rules *rs, struct buf *e, const char *sel)
{
	const struct ctx *c = rs->c;
	const struct diagnosis *dx = c->dx;
	const char *svc = c->inc->service;

	if (has_signal(dx, "out_of_memory")) {
		buf_reset(e);
		buf_putf(e, "sum by (instance) (jvm_memory_used_bytes{%s,area=\"heap\"}) / "
			    "sum by (instance) (jvm_memory_max_bytes{%s,area=\"heap\"}) > 0.9",
			 sel, sel);
		add_rule(rs, "HeapAbove90Percent", e->ptr, "5m", "JVM heap above 90% of its maximum",
			 "Heap use is above 90% of the maximum heap: out-of-memory errors and long "
			 "garbage collection pauses follow.");
	}
	if (has_signal(dx, "oom_killed") || has_signal(dx, "crashloop")) {
		struct buf k = BUF_INIT;

		if (c->ns) {
			buf_puts(&k, "namespace=");
			put_promql_string(&k, c->ns);
			buf_puts(&k, ",");
		}
		buf_puts(&k, "container=");
		put_promql_string(&k, nz(label(c->inc, "container"), svc));
		buf_reset(e);
		buf_putf(e, "increase(kube_pod_container_status_restarts_total{%s}[15m]) > 3", k.ptr);
		add_rule(rs, "ContainerRestarting", e->ptr, "5m",
			 "Container restarted more than 3 times in 15 minutes",
			 "The container keeps restarting (crash loop or out-of-memory kills).");
		buf_reset(e);
		buf_putf(e, "kube_pod_container_status_last_terminated_reason{%s,reason=\"OOMKilled\"} > 0",
			 k.ptr);
		add_rule(rs, "ContainerOOMKilled", e->ptr, "0m",
			 "Container was killed for exceeding its memory limit",
			 "The last termination of the container was an out-of-memory kill.");
		buf_release(&k);
	}
}

/* Connection pools, certificates, DNS, authorisation and latency. */
static void add_dependency_rules(struct rules *rs, struct buf *e, const char *sel)
{
	const struct diagnosis *dx = rs->c->dx;
	const char *svc = rs->c->inc->service;
	char *expr;

	if (has_signal(dx, "pool_exhausted")) {
		buf_reset(e);
		buf_putf(e, "hikaricp_connections_pending{%s} > 5", sel);
		add_rule(rs, "ConnectionPoolSaturated", e->ptr, "2m",
			 "Requests are waiting for database connections",
			 "More than 5 threads wait for a pooled database connection.");
	}
	if (has_signal(dx, "tls_expired")) {
		buf_reset(e);
		buf_putf(e, "(probe_ssl_earliest_cert_expiry{%s} - time()) < 14 * 86400", sel);
		add_rule(rs, "CertificateExpiringSoon", e->ptr, "1h",
			 "TLS certificate expires within 14 days",
			 "A certificate served for the service expires in less than 14 days.");
	}
	if (has_signal(dx, "dns")) {
		add_rule(rs, "DnsServfail",
			 "sum(rate(coredns_dns_responses_total{rcode=\"SERVFAIL\"}[5m])) > 1", "5m",
			 "Cluster DNS answers SERVFAIL",
			 "CoreDNS returns more than one SERVFAIL per second.");
	}
	if (has_signal(dx, "auth")) {
		expr = ratio_expr(svc, "401|403", "0.1");
		add_rule(rs, "HighAuthFailureRatio", expr, "10m",
			 "More than 10% of requests are rejected as unauthorised",
			 "The share of 401 and 403 responses is above 10% over 5 minutes.");
		free(expr);
	}
	if (has_signal(dx, "deadlock") || has_signal(dx, "timeout")) {
		buf_reset(e);
		buf_putf(e, "histogram_quantile(0.99, sum by (le) "
			    "(rate(http_server_requests_seconds_bucket{%s}[5m]))) > 2", sel);
		add_rule(rs, "HighP99Latency", e->ptr, "10m", "p99 request latency above 2 seconds",
			 "The 99th percentile of request latency is above 2 seconds.");
	}
}

/* Free space of the namespace's volumes, for a full disk. */
static void add_volume_rules(struct rules *rs, struct buf *e)
{
	const struct ctx *c = rs->c;

	if (has_signal(c->dx, "disk_full")) {
		struct buf k = BUF_INIT;

		if (c->ns) {
			buf_puts(&k, "{namespace=");
			put_promql_string(&k, c->ns);
			buf_puts(&k, "}");
		}
		buf_reset(e);
		buf_putf(e, "kubelet_volume_stats_available_bytes%s / "
			    "kubelet_volume_stats_capacity_bytes%s < 0.1", k.ptr, k.ptr);
		add_rule(rs, "VolumeAlmostFull", e->ptr, "10m", "A volume has less than 10% free space",
			 "A persistent volume of the namespace is more than 90% full.");
		buf_release(&k);
	}
}

static void add_signal_rules(struct rules *rs)
{
	const char *svc = rs->c->inc->service;
	struct buf e = BUF_INIT, sel = BUF_INIT;
	char *expr;

	/* the service selector used by most rules */
	buf_puts(&sel, "service=");
	put_promql_string(&sel, svc);

	expr = ratio_expr(svc, "5..", "0.05");
	add_rule(rs, "High5xxRatio", expr, "5m", "More than 5% of requests fail with 5xx",
		 "The share of HTTP 5xx responses is above 5% over 5 minutes.");
	free(expr);

	add_memory_rules(rs, &e, sel.ptr);
	add_dependency_rules(rs, &e, sel.ptr);
	add_volume_rules(rs, &e);
	buf_release(&e);
	buf_release(&sel);
}

static void add_metric_rules(struct rules *rs)
{
	const struct ctx *c = rs->c;
	const char *key;
	json_t *m;

	if (!json_is_object(c->inc->metrics))
		return;
	json_object_foreach(c->inc->metrics, key, m) {
		double t, v, base;
		bool below;
		char *name, *camel, *suffix, *summary, *desc;
		char tn[40], vn[40] = "unknown";
		struct buf e = BUF_INIT;

		if (!metric_number(m, "threshold", &t))
			continue;
		name = metric_name(key);
		if (!*name) {
			free(name);
			continue;
		}
		below = metric_number(m, "baseline", &base) && base > t;
		fmt_num(tn, sizeof(tn), t);
		if (metric_number(m, "value", &v))
			fmt_num(vn, sizeof(vn), v);
		buf_putf(&e, "%s{service=", name);
		put_promql_string(&e, c->inc->service);
		buf_putf(&e, "} %s %s", below ? "<" : ">", tn);
		camel = camel_case(name);
		suffix = xasprintf("%s%s", camel, below ? "BelowThreshold" : "AboveThreshold");
		summary = xasprintf("%s %s %s", name, below ? "below" : "above", tn);
		desc = xasprintf("%s crossed its alert threshold of %s; the incident saw %s.", name,
				 tn, vn);
		add_rule(rs, suffix, e.ptr, "5m", summary, desc);
		free(desc);
		free(summary);
		free(suffix);
		free(camel);
		free(name);
		buf_release(&e);
	}
}

static int render_rules(struct artifacts *a, const struct ctx *c)
{
	struct rules rs = {0};
	json_t *doc = NULL, *group;
	int error;

	rs.c = c;
	rs.list = json_array();
	rs.severity = c->inc->severity <= 2 ? "critical" : "warning";
	rs.camel = camel_case(c->inc->service);
	if (!isalpha((unsigned char)rs.camel[0])) {
		char *named = xasprintf("Service%s", rs.camel);

		free(rs.camel);
		rs.camel = named;
	}
	rs.runbook_url = blob_url(c->ev, default_branch(c->ev), a->runbook_path);
	add_signal_rules(&rs);
	add_metric_rules(&rs);

	group = json_object();
	json_object_set_new(group, "name", json_string(c->stem));
	json_object_set_new(group, "rules", rs.list);
	a->nrules = json_array_size(rs.list);
	rs.list = NULL;
	doc = json_object();
	json_object_set_new(doc, "groups", json_pack("[o]", group));

	buf_puts(&a->rules, "# Prometheus alert rules written by aiops-agent from incident ");
	put_line(&a->rules, c->inc->id);
	buf_puts(&a->rules, ".\n# Check with: promtool check rules <this file>\n");
	error = yamlio_emit(&a->rules, doc);

	json_decref(doc);
	free(rs.camel);
	free(rs.runbook_url);
	return error;
}

/* ---- recommendations ---- */

static bool is_performance_metric(const char *name)
{
	static const char *const words[] = {
		"latency", "duration", "seconds", "_ms", "time", "p95", "p99", "p50", "gc",
		"pause", "response", "error", "5xx", "4xx", "fail", "ratio", "rate", NULL,
	};

	for (const char *const *w = words; *w; w++)
		if (text_contains_ci(name, *w))
			return true;
	return false;
}

static void put_metric_items(struct buf *b, const struct ctx *c, bool performance)
{
	const char *key;
	json_t *m;

	if (!json_is_object(c->inc->metrics))
		return;
	json_object_foreach(c->inc->metrics, key, m) {
		double v, t, base;
		char vn[40], tn[40], bn[40];
		bool has_t, has_b;

		if (is_performance_metric(key) != performance || !metric_number(m, "value", &v))
			continue;
		has_t = metric_number(m, "threshold", &t);
		has_b = metric_number(m, "baseline", &base);
		fmt_num(vn, sizeof(vn), v);
		buf_puts(b, "- ");
		put_code(b, key);
		buf_putf(b, " reached %s", vn);
		if (has_t) {
			fmt_num(tn, sizeof(tn), t);
			buf_putf(b, " against an alert threshold of %s", tn);
			if (t != 0)
				buf_putf(b, " (%.2fx the threshold)", v / t);
		}
		if (has_b) {
			fmt_num(bn, sizeof(bn), base);
			buf_putf(b, "; its baseline is %s", bn);
			if (base != 0)
				buf_putf(b, " (%.1fx normal)", v / base);
		}
		buf_puts(b, ". ");
		if (has_t && has_b && base != 0 && t != 0 && base < t) {
			buf_putf(b, "Normal operation uses %.0f%% of the threshold; ", 100.0 * base / t);
			if (base / t > 0.7)
				buf_puts(b, "that leaves little headroom, so raise the capacity behind "
					    "this metric or lower its normal load.");
			else
				buf_putf(b, "add a warning rule at %.0f%% of the threshold to see the next "
					    "rise coming.", 80.0);
		} else if (has_t && has_b && base > t) {
			buf_puts(b, "Lower is worse for this metric: alert on a drop, not a rise.");
		} else {
			buf_puts(b, "Record a baseline for this metric so the next alert can be "
				    "judged against normal.");
		}
		buf_puts(b, "\n");
	}
}

static void render_recommendations(struct artifacts *a, const struct ctx *c)
{
	struct buf *b = &a->recommendations;
	const struct diagnosis *dx = c->dx;

	buf_putf(b, "# Recommendations after %s\n\n", c->inc->id);
	buf_puts(b, "Service `");
	put_line(b, c->inc->service);
	buf_putf(b, "` (%s), %s, %s. ", nz(c->inc->environment, "production"),
		 incident_severity_name(c->inc->severity), c->date);
	put_line(b, nz(dx->summary, c->inc->title));
	buf_puts(b, "\n\n");

	buf_puts(b, "## Capacity\n\n");
	put_metric_items(b, c, false);
	for (size_t i = 0; i < dx->nsignals; i++) {
		const struct guide *g = guide_for(dx->signals[i].name);

		if (i == 0 || g != c->g)
			buf_putf(b, "- (%s, %zu log line%s) %s\n", dx->signals[i].name,
				 dx->signals[i].count, plural(dx->signals[i].count), g->capacity);
		if (i >= 2)
			break;
	}
	if (!dx->nsignals)
		buf_putf(b, "- %s\n", c->g->capacity);
	buf_puts(b, "\n## Disaster recovery\n\n");
	buf_putf(b, "- %s\n", c->g->dr);
	switch (dx->remediation) {
	case REMEDIATION_PR_ROLLBACK:
	case REMEDIATION_CODE_FIX:
		buf_puts(b, "- Keep each release revertible on its own: a revert of one pull request "
			    "restored service here, so keep pull requests small and independent.\n");
		break;
	case REMEDIATION_FLYWAY_MIGRATION:
		buf_puts(b, "- Take a backup or snapshot before schema changes and rehearse restoring "
			    "it; a migration cannot be undone by reverting code.\n");
		break;
	case REMEDIATION_CONFIG_FIX:
	case REMEDIATION_FEATURE_FLAG:
		buf_puts(b, "- Version configuration and flags with the code and validate them in CI, "
			    "so a bad value is caught before production.\n");
		break;
	case REMEDIATION_DEPENDENCY_UPDATE:
		buf_puts(b, "- Pin dependencies with a lock file and keep the previous image in the "
			    "registry for rollback.\n");
		break;
	case REMEDIATION_INFRASTRUCTURE_ACTION:
		buf_putf(b, "- Make the infrastructure action (`%s`) a tested, automated step of the "
			    "`%s` workflow.\n", nz(dx->action, "infrastructure action"),
			 REMEDIATION_WORKFLOW);
		break;
	case REMEDIATION_ESCALATION:
		buf_puts(b, "- No automated remedy existed: write down the manual recovery used this "
			    "time and rehearse it.\n");
		break;
	}
	if (c->inc->severity <= 2)
		buf_puts(b, "- For a P1/P2 service, define a recovery time objective and measure this "
			    "incident's time to recovery against it.\n");
	buf_puts(b, "\n## Performance\n\n");
	put_metric_items(b, c, true);
	buf_putf(b, "- %s\n", c->g->performance);
	if (c->ev->digest.error_lines) {
		buf_putf(b, "- The logs held %zu error lines out of %zu; alert on the error log rate "
			    "so a rise is seen before users report it.\n",
			 c->ev->digest.error_lines, c->ev->digest.lines);
	}
}

/* ---- issue ---- */

static void put_suspects(struct buf *b, const struct ctx *c)
{
	const struct evidence *ev = c->ev;

	buf_puts(b, "## Suspects\n\n");
	if (!ev->nsuspects) {
		buf_puts(b, "No merged pull request was available to rank.\n\n");
		return;
	}
	buf_puts(b, "| PR | Score | Why |\n|---|---|---|\n");
	for (size_t i = 0; i < ev->nsuspects; i++) {
		const struct suspect *s = &ev->suspects[i];
		const struct pull *p = s->pull < ev->npulls ? &ev->pulls[s->pull] : NULL;

		buf_putf(b, "| #%d", s->number);
		if (p && p->meta.title) {
			buf_puts(b, " ");
			put_cell(b, p->meta.title);
		}
		if (s->number == c->dx->blame_pr)
			buf_puts(b, " **(blamed)**");
		if (s->after_alert)
			buf_puts(b, " _(merged after the alert)_");
		buf_putf(b, " | %.2f | ", s->score);
		put_cell(b, nz(s->why, "-"));
		buf_puts(b, " |\n");
	}
	buf_puts(b, "\n");
}

static void put_evidence(struct buf *b, const struct ctx *c)
{
	const struct digest *d = &c->ev->digest;
	const struct digest_template **ranked = NULL;

	buf_puts(b, "## Evidence\n\n");
	if (!c->ev->have_logs)
		buf_puts(b, "No logs were available for this incident.\n\n");
	buf_putf(b, "Logs: %zu line%s, %zu error%s, %zu warning%s", d->lines, plural(d->lines),
		 d->error_lines, plural(d->error_lines), d->warn_lines, plural(d->warn_lines));
	if (*d->first_ts)
		buf_putf(b, ", from `%s` to `%s`", d->first_ts, d->last_ts);
	if (d->secrets)
		buf_putf(b, "; %zu secret%s redacted", d->secrets, plural(d->secrets));
	buf_puts(b, ".\n\n");
	if (d->first_error) {
		buf_putf(b, "First error (line %zu): ", d->first_error_line);
		put_code(b, d->first_error);
		buf_puts(b, "\n\n");
	}
	if (d->ntemplates) {
		digest_rank(&ranked, d);
		buf_puts(b, "Top log templates:\n\n| Count | Level | Template |\n|---|---|---|\n");
		for (size_t i = 0; i < d->ntemplates && i < TOP_TEMPLATES; i++) {
			static const char *const levels[] = {"debug", "info", "warn", "error"};
			const struct digest_template *t = ranked[i];

			buf_putf(b, "| %zu | %s | ", t->count,
				 (size_t)t->level < ARRAY_SIZE(levels) ? levels[t->level] : "?");
			put_cell(b, t->pattern);
			buf_puts(b, " |\n");
		}
		buf_puts(b, "\n");
		free(ranked);
	}
	if (c->dx->nsignals) {
		buf_puts(b, "Signals:\n\n");
		for (size_t i = 0; i < c->dx->nsignals; i++) {
			const struct signal *s = &c->dx->signals[i];

			buf_putf(b, "- `%s` x%zu", s->name, s->count);
			if (s->meaning)
				buf_putf(b, ": %s", s->meaning);
			if (s->example) {
				buf_puts(b, " - ");
				put_code(b, s->example);
			}
			buf_puts(b, "\n");
		}
		buf_puts(b, "\n");
	}
	if (d->ntraces) {
		const struct digest_trace *t = &d->traces[0];

		buf_putf(b, "Stack trace (seen %zu time%s): ", t->count, plural(t->count));
		put_code(b, nz(t->headline, "(no headline)"));
		buf_puts(b, "\n\n");
		if (t->nframes) {
			struct buf frames = BUF_INIT;

			for (size_t i = 0; i < t->nframes && i < 8; i++)
				buf_putf(&frames, "%s\n", t->frames[i]);
			put_fenced(b, "text", frames.ptr);
			buf_puts(b, "\n");
			buf_release(&frames);
		}
	}
}

static void put_sources(struct buf *b, const struct ctx *c)
{
	if (!c->ev->nsources)
		return;
	buf_puts(b, "Source context (default branch):\n\n");
	for (size_t i = 0; i < c->ev->nsources; i++) {
		const struct source_excerpt *s = &c->ev->sources[i];

		buf_puts(b, "- ");
		put_code(b, s->path);
		buf_putf(b, " line %d:\n\n", s->line);
		put_fenced(b, "text", s->text);
		buf_puts(b, "\n");
	}
}

static void put_blast_radius(struct buf *b, const struct ctx *c)
{
	static const char *const keys[] = {"namespace", "cluster", "region", "zone", "pod",
					   "container"};
	const struct incident *inc = c->inc;

	buf_puts(b, "## Blast radius\n\n- Service: ");
	put_code(b, inc->service);
	buf_puts(b, "\n- Environment: ");
	put_line(b, nz(inc->environment, "production"));
	buf_puts(b, "\n");
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const char *v = label(inc, keys[i]);

		if (v) {
			buf_putf(b, "- %c%s: ", toupper((unsigned char)keys[i][0]), keys[i] + 1);
			put_code(b, v);
			buf_puts(b, "\n");
		}
	}
	if (json_is_object(inc->metrics)) {
		const char *key;
		json_t *m;

		json_object_foreach(inc->metrics, key, m) {
			buf_puts(b, "- ");
			put_code(b, key);
			buf_puts(b, ": ");
			put_metric_values(b, m);
			buf_puts(b, "\n");
		}
	}
	buf_puts(b, "\n");
}

struct event {
	time_t t;
	bool known;
	char *what;
	char *when_text; /* when !known */
};

/* Timestamps as logs write them: RFC 3339, "YYYY-MM-DD HH:MM:SS[,mmm]", or a bare time. */
static bool parse_log_time(time_t *out, const char *ts, time_t day)
{
	char s[48], date[16];
	size_t len = strlen(ts);

	if (!len || len >= 40)
		return false;
	if (len >= 8 && ts[2] == ':' && ts[5] == ':') {
		fmt_time(date, sizeof(date), day, "%Y-%m-%d");
		snprintf(s, sizeof(s), "%sT%s", date, ts);
	} else {
		snprintf(s, sizeof(s), "%s", ts);
	}
	if (strlen(s) > 10 && s[10] == ' ')
		s[10] = 'T';
	for (char *p = s; *p; p++)
		if (*p == ',')
			*p = '.';
	if (sys_parse_time(out, s) == 0)
		return true;
	len = strlen(s);
	if (len + 2 < sizeof(s)) {
		s[len] = 'Z';
		s[len + 1] = '\0';
		if (sys_parse_time(out, s) == 0)
			return true;
	}
	err_clear();
	return false;
}

/* Mermaid timeline text: no '#' (comments), ';' or ':' followed by a space. */
static void put_mermaid_text(struct buf *b, const char *s, bool period)
{
	char *line = clean_line(s, 120);

	for (const char *p = line; *p; p++) {
		if (*p == '#' || *p == ';' || *p == '%' || (*p == ':' && (period || p[1] == ' ' ||
									 !p[1])))
			put_ch(b, period && *p == ':' ? '.' : ' ');
		else
			put_ch(b, *p);
	}
	free(line);
}

static int cmp_event(const void *x, const void *y)
{
	const struct event *a = x, *b = y;

	if (a->known != b->known)
		return a->known ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

static void put_timeline(struct buf *b, const struct ctx *c)
{
	struct event ev[4];
	size_t n = 0;
	const struct digest *d = &c->ev->digest;
	char when[40];

	memset(ev, 0, sizeof(ev));
	if (c->blame && c->blame->meta.merged_at > 0) {
		ev[n].t = c->blame->meta.merged_at;
		ev[n].known = true;
		ev[n++].what = xasprintf("PR %d merged", c->dx->blame_pr);
	}
	if (d->first_error && *d->first_error_ts) {
		ev[n].known = parse_log_time(&ev[n].t, d->first_error_ts, c->inc->fired_at);
		ev[n].when_text = xstrdup(d->first_error_ts);
		ev[n++].what = xstrdup("first error in the logs");
	}
	ev[n].t = c->inc->fired_at;
	ev[n].known = true;
	ev[n++].what = xstrdup("alert fired");
	qsort(ev, n, sizeof(ev[0]), cmp_event);
	ev[n].t = agent_time();
	ev[n].known = true;
	ev[n++].what = xstrdup("aiops-agent run");

	buf_puts(b, "## Timeline\n\n```mermaid\ntimeline\n    title ");
	put_mermaid_text(b, c->inc->id, false);
	buf_puts(b, "\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "    ");
		if (ev[i].known) {
			fmt_time(when, sizeof(when), ev[i].t, "%Y-%m-%d %Hh%M UTC");
			buf_puts(b, when);
		} else {
			put_mermaid_text(b, ev[i].when_text, true);
		}
		buf_puts(b, " : ");
		put_mermaid_text(b, ev[i].what, false);
		buf_puts(b, "\n");
		free(ev[i].what);
		free(ev[i].when_text);
	}
	buf_puts(b, "```\n\n");
}

static int mttr_minutes(enum remediation r)
{
	switch (r) {
	case REMEDIATION_PR_ROLLBACK:
	case REMEDIATION_FEATURE_FLAG: return 15;
	case REMEDIATION_CONFIG_FIX: return 20;
	case REMEDIATION_CODE_FIX:
	case REMEDIATION_FLYWAY_MIGRATION: return 45;
	case REMEDIATION_DEPENDENCY_UPDATE: return 30;
	case REMEDIATION_INFRASTRUCTURE_ACTION: return 20;
	case REMEDIATION_ESCALATION: return 90;
	}
	return 60;
}

static void put_severity_mttr(struct buf *b, const struct ctx *c)
{
	int sev = c->inc->severity;
	static const char *const meaning[] = {
		"users cannot use a core function; all hands until mitigated",
		"a core function is degraded for many users; fix now",
		"partial or internal impact; fix within the working day",
		"no user impact yet; schedule the fix",
	};

	buf_putf(b, "## Severity\n\n**%s** in %s (the alert rules use severity `%s`). %s: %s.",
		 incident_severity_name(sev), nz(c->inc->environment, "production"),
		 sev <= 2 ? "critical" : "warning", incident_severity_name(sev),
		 sev >= 1 && sev <= 4 ? meaning[sev - 1] : "unknown impact");
	if (c->ev->digest.error_lines)
		buf_putf(b, " The logs hold %zu error lines.", c->ev->digest.error_lines);
	buf_puts(b, "\n\n## MTTR estimate\n\n");
	buf_putf(b, "About %d minutes from now. This is an estimate, not a measurement: the usual "
		    "time to review, deploy and verify a fix of this type (`%s`), by the rule "
		    "rollback or flag ~15 min, configuration ~20, dependency ~30, code fix or "
		    "migration ~45, infrastructure action ~20, escalation ~90.",
		 mttr_minutes(c->dx->remediation), remediation_name(c->dx->remediation));
	if (c->dx->confidence == CONFIDENCE_LOW)
		buf_puts(b, " Confidence in the diagnosis is low: add time to confirm it first.");
	buf_puts(b, "\n\n");
}

static void put_similar(struct buf *b, const struct ctx *c)
{
	const struct evidence *ev = c->ev;

	buf_puts(b, "## Similar past incidents\n\n");
	if (!ev->nsimilar) {
		buf_puts(b, "None in the knowledge base.\n\n");
		return;
	}
	for (size_t i = 0; i < ev->nsimilar; i++) {
		const struct kb_entry *e = ev->similar[i].entry;

		if (!e)
			continue;
		buf_putf(b, "- %s (score %.2f): ", nz(e->id, "?"), ev->similar[i].score);
		put_line(b, nz(e->title, ""));
		if (e->remediation)
			buf_putf(b, "; fixed by %s", e->remediation);
		if (ev->similar[i].why) {
			buf_puts(b, " (");
			put_line(b, ev->similar[i].why);
			buf_puts(b, ")");
		}
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
}

static void put_files(struct buf *b, const struct plan *plan)
{
	for (size_t i = 0; i < plan->npaths; i++) {
		buf_puts(b, "- ");
		put_code(b, plan->paths[i]);
		buf_puts(b, "\n");
	}
}

static void put_remediation(struct buf *b, const struct ctx *c)
{
	const struct plan *plan = c->plan;

	buf_putf(b, "## Remediation\n\nType: `%s`.", remediation_name(c->dx->remediation));
	if (c->dx->rationale) {
		buf_puts(b, " ");
		put_line(b, c->dx->rationale);
	}
	buf_puts(b, "\n\n");
	if (!plan) {
		buf_puts(b, "No fix was planned.\n\n");
		return;
	}
	if (plan->title) {
		buf_puts(b, "**");
		put_line(b, plan->title);
		buf_puts(b, "**\n\n");
	}
	if (plan->description) {
		put_text(b, plan->description);
		buf_rtrim(b);
		buf_puts(b, "\n\n");
	}
	if (plan->branch)
		buf_putf(b, "Branch: `%s`\n\n", plan->branch);
	if (plan->revert_commit)
		buf_putf(b, "Reverts commit `%s`.\n\n", plan->revert_commit);
	if (plan->npaths) {
		buf_puts(b, "Files:\n\n");
		put_files(b, plan);
		buf_puts(b, "\n");
	}
	if (plan->dispatch) {
		char *inputs = json_dumps(json_object_get(plan->dispatch, "inputs"),
					  JSON_COMPACT | JSON_ENCODE_ANY);

		buf_putf(b, "Workflow dispatch: `%s`", nz(jsonx_str(plan->dispatch, "workflow"),
							  REMEDIATION_WORKFLOW));
		if (inputs) {
			buf_puts(b, " with inputs ");
			put_code(b, inputs);
		}
		buf_puts(b, "\n\n");
		free(inputs);
	}
}

static void put_artifact_links(struct buf *b, const struct ctx *c, const struct artifacts *a)
{
	const char *branch = c->plan && c->plan->branch ? c->plan->branch : default_branch(c->ev);
	const char *const paths[][2] = {
		{"Runbook", a->runbook_path},
		{"Alert rules", a->rules_path},
		{"Recommendations", a->recommendations_path},
	};

	buf_puts(b, "## Artifacts\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
		char *url = blob_url(c->ev, branch, paths[i][1]);

		if (c->ev->repo_url)
			buf_putf(b, "- %s: [`%s`](%s)\n", paths[i][0], paths[i][1], url);
		else
			buf_putf(b, "- %s: `%s`\n", paths[i][0], paths[i][1]);
		free(url);
	}
	buf_putf(b, "- %zu alert rule%s in the rule group `%s`\n\n", a->nrules,
		 a->nrules == 1 ? "" : "s", c->stem);
}

static void render_issue(struct artifacts *a, const struct ctx *c)
{
	struct buf *b = &a->issue_body;
	struct buf title = BUF_INIT;
	const struct incident *inc = c->inc;
	const char *sev = incident_severity_name(inc->severity);

	buf_putf(&title, "[%s] ", sev);
	put_line(&title, inc->title);
	buf_puts(&title, " (");
	put_line(&title, inc->service);
	buf_puts(&title, ")");
	a->issue_title = buf_detach(&title);
	a->issue_labels = xcalloc(4, sizeof(char *));
	a->issue_labels[0] = xstrdup("incident");
	a->issue_labels[1] = xstrdup("aiops-generated");
	a->issue_labels[2] = xasprintf("severity:%s", sev);

	buf_puts(b, "## Summary\n\n");
	put_line(b, nz(c->dx->summary, inc->title));
	buf_putf(b, "\n\nIncident `%s`, fired %s, diagnosed by the %s engine as %s (confidence "
		    "%s).\n\n", inc->id, inc->fired_at_text, nz(c->dx->engine, "offline"),
		 category_name(c->dx->category), confidence_name(c->dx->confidence));
	buf_puts(b, "## Root cause\n\n");
	put_text(b, nz(c->dx->root_cause, "Not established."));
	buf_rtrim(b);
	buf_puts(b, "\n\n");
	if (c->dx->blame_pr > 0) {
		buf_putf(b, "Blamed pull request: #%d", c->dx->blame_pr);
		if (c->blame && c->blame->meta.html_url)
			buf_putf(b, " (%s)", c->blame->meta.html_url);
		buf_puts(b, ".\n\n");
	} else {
		buf_puts(b, "No pull request is blamed.\n\n");
	}
	put_suspects(b, c);
	put_evidence(b, c);
	put_sources(b, c);
	put_blast_radius(b, c);
	put_timeline(b, c);
	put_severity_mttr(b, c);
	buf_puts(b, "## Escalation path\n\n");
	put_escalation(b, c);
	buf_puts(b, "\n");
	put_similar(b, c);
	put_remediation(b, c);
	put_artifact_links(b, c, a);
	buf_puts(b, "## Notes\n\n");
	if (!c->ev->nnotes)
		buf_puts(b, "All the evidence the agent looks for was available.\n");
	for (size_t i = 0; i < c->ev->nnotes; i++) {
		buf_puts(b, "- ");
		put_line(b, c->ev->notes[i]);
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n");
	buf_putf(b, ARTIFACTS_FINGERPRINT_MARKER "\n", inc->fingerprint);
}

/* An incident id as a file name: [A-Za-z0-9._-] kept, anything else '-'. New string. */
static char *path_safe(const char *s)
{
	char *out = xstrdup(nz(s, "incident"));

	for (char *p = out; *p; p++)
		if (!((isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) || *p == '_' ||
		      *p == '-' || (*p == '.' && p != out)))
			*p = '-';
	return out;
}

/* One line on what the fix does: the plan's title and its description's first sentence. */
static char *fix_line(const struct diagnosis *dx, const struct plan *plan)
{
	struct buf b = BUF_INIT;
	char *first = first_sentence(plan ? plan->description : NULL), *out;

	if (!*first && dx->rationale) {
		free(first);
		first = first_sentence(dx->rationale);
	}
	if (plan && plan->title && *plan->title)
		put_line(&b, plan->title);
	if (*first && (!plan || !plan->title || !strstr(first, plan->title))) {
		if (b.len)
			buf_puts(&b, " - ");
		put_line(&b, first);
	}
	if (!b.len)
		buf_puts(&b, remediation_name(dx->remediation));
	out = clip(b.ptr, 400);
	buf_release(&b);
	free(first);
	return out;
}

/* ---- public ---- */

int artifacts_render(struct artifacts *out, const struct evidence *ev,
		     const struct diagnosis *dx, const struct plan *plan)
{
	struct artifacts a = ARTIFACTS_INIT;
	struct ctx c;
	char *id;
	int error;

	if (!ev || !ev->inc || !dx)
		return err_set(ERR_FAIL, "cannot render artifacts without evidence and a diagnosis");
	ctx_init(&c, ev, dx, plan);
	a.runbook = (struct buf)BUF_INIT;
	a.rules = (struct buf)BUF_INIT;
	a.recommendations = (struct buf)BUF_INIT;
	a.issue_body = (struct buf)BUF_INIT;
	a.runbook_path = xasprintf("knowledge-base/runbooks/%s.md", c.stem);
	a.rules_path = xasprintf("knowledge-base/alerting-rules/%s.yml", c.stem);
	id = path_safe(ev->inc->id);
	a.recommendations_path = xasprintf("knowledge-base/recommendations/%s.md", id);
	free(id);
	a.fix = fix_line(dx, plan);
	render_runbook(&a, &c);
	if ((error = render_rules(&a, &c)) < 0)
		goto done;
	render_recommendations(&a, &c);
	render_issue(&a, &c);
	*out = a;
	memset(&a, 0, sizeof(a));
done:
	artifacts_release(&a);
	ctx_release(&c);
	return error;
}

void artifacts_release(struct artifacts *a)
{
	if (!a)
		return;
	free(a->runbook_path);
	free(a->rules_path);
	free(a->recommendations_path);
	free(a->issue_title);
	free(a->fix);
	if (a->runbook.ptr)
		buf_release(&a->runbook);
	if (a->rules.ptr)
		buf_release(&a->rules);
	if (a->recommendations.ptr)
		buf_release(&a->recommendations);
	if (a->issue_body.ptr)
		buf_release(&a->issue_body);
	if (a->issue_labels)
		for (char **l = a->issue_labels; *l; l++)
			free(*l);
	free(a->issue_labels);
	a->runbook_path = a->rules_path = a->recommendations_path = a->issue_title = a->fix = NULL;
	a->issue_labels = NULL;
	a->nrules = 0;
}

/* The pull request's summary and root cause, with the blamed pull request. */
static void put_pr_cause(struct buf *b, const struct ctx *c)
{
	const struct diagnosis *dx = c->dx;

	buf_puts(b, "## Summary\n\n");
	put_line(b, nz(dx->summary, c->inc->title));
	buf_putf(b, "\n\nIncident `%s` (%s, `", c->inc->id, incident_severity_name(c->inc->severity));
	put_line(b, c->inc->service);
	buf_putf(b, "`, %s) fired %s.\n\n", nz(c->inc->environment, "production"),
		 c->inc->fired_at_text);
	buf_puts(b, "## Root cause\n\n");
	put_text(b, nz(dx->root_cause, "Not established."));
	buf_rtrim(b);
	buf_puts(b, "\n\n");
	if (c->blame) {
		const struct suspect *s = evidence_suspect(c->ev, dx->blame_pr);

		buf_putf(b, "Caused by #%d", dx->blame_pr);
		if (c->blame->meta.title) {
			buf_puts(b, " (");
			put_line(b, c->blame->meta.title);
			buf_puts(b, ")");
		}
		if (s)
			buf_putf(b, ", suspect score %.2f", s->score);
		buf_puts(b, ".\n\n");
	}
}

/* What the pull request changes, and the incident issue it closes. */
static void put_pr_changes(struct buf *b, const struct ctx *c, const struct github_created *issue)
{
	const struct plan *plan = c->plan;

	buf_putf(b, "## What this changes\n\nRemediation: `%s`.\n\n", remediation_name(c->dx->remediation));
	if (plan && plan->description) {
		put_text(b, plan->description);
		buf_rtrim(b);
		buf_puts(b, "\n\n");
	}
	if (plan && plan->revert_commit)
		buf_putf(b, "Reverts commit `%s`.\n\n", plan->revert_commit);
	if (plan && plan->npaths) {
		buf_puts(b, "Files changed:\n\n");
		put_files(b, plan);
		buf_puts(b, "\n");
	}
	buf_puts(b, "## Incident issue\n\n");
	if (issue && issue->number > 0) {
		buf_putf(b, "Closes #%d", issue->number);
		if (issue->url)
			buf_putf(b, " (%s)", issue->url);
		buf_puts(b, ".\n\n");
	} else {
		buf_puts(b, "No issue was opened for this incident.\n\n");
	}
}

/* How to verify the fix, and how to roll it back. */
static void put_pr_verify(struct buf *b, const struct ctx *c)
{
	const struct plan *plan = c->plan;

	buf_puts(b, "## How to verify\n\n- [ ] CI passes on this branch.\n");
	if (plan && plan->type == REMEDIATION_FLYWAY_MIGRATION)
		buf_puts(b, "- [ ] The migration runs cleanly on a copy of production data.\n");
	buf_puts(b, "- [ ] After deploying:\n");
	for (size_t i = 0; i < ARRAY_SIZE(c->g->verify) && c->g->verify[i]; i++)
		buf_putf(b, "  - [ ] %s\n", c->g->verify[i]);
	buf_puts(b, "  - [ ] the alert ");
	put_code(b, nz(c->inc->rule, c->inc->title));
	buf_puts(b, " resolves\n");
	if (c->ev->digest.first_error) {
		buf_puts(b, "  - [ ] this error stops appearing in the logs: ");
		put_code(b, c->ev->digest.first_error);
		buf_puts(b, "\n");
	}
	buf_puts(b, "\n## Rollback\n\n");
	if (plan && plan->type == REMEDIATION_FLYWAY_MIGRATION)
		buf_puts(b, "Reverting this pull request does not undo a migration that has run: "
			    "if the new schema must go, add a migration that removes it once no code "
			    "uses it.\n\n");
	else if (plan && plan->type == REMEDIATION_PR_ROLLBACK)
		buf_putf(b, "Reverting this pull request brings back the change of #%d that caused "
			    "the incident: re-land that change only together with its fix.\n\n",
			 c->dx->blame_pr);
	else
		buf_puts(b, "Revert this pull request (GitHub's Revert button, or `git revert -m 1` "
			    "of its merge commit); it changes only the files listed above.\n\n");
}

int artifacts_pr_body(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		      const struct plan *plan, const struct github_created *issue)
{
	struct buf b = BUF_INIT;
	struct ctx c;
	int error;

	if (!ev || !ev->inc || !dx)
		return err_set(ERR_FAIL, "cannot write a pull request without evidence and a diagnosis");
	ctx_init(&c, ev, dx, plan);
	put_pr_cause(&b, &c);
	put_pr_changes(&b, &c, issue);
	put_pr_verify(&b, &c);
	buf_putf(&b, ARTIFACTS_FINGERPRINT_MARKER "\n", c.inc->fingerprint);

	error = buf_add(out, b.ptr, b.len);
	buf_release(&b);
	ctx_release(&c);
	return error;
}

/* The masked templates most worth matching on (errors first), or the signal examples. */
static char *kb_pattern(const struct evidence *ev, const struct diagnosis *dx)
{
	const struct digest_template **ranked = NULL;
	struct buf b = BUF_INIT;
	size_t n = 0;

	if (ev->digest.ntemplates) {
		digest_rank(&ranked, &ev->digest);
		for (size_t i = 0; i < ev->digest.ntemplates && n < KB_PATTERNS; i++) {
			if (ranked[i]->level < DIGEST_WARN && n)
				break;
			if (ranked[i]->level < DIGEST_WARN)
				continue;
			if (n++)
				buf_puts(&b, "; ");
			put_line(&b, ranked[i]->pattern);
		}
		free(ranked);
	}
	for (size_t i = 0; !n && i < dx->nsignals && i < KB_PATTERNS; i++) {
		if (!dx->signals[i].example)
			continue;
		if (b.len)
			buf_puts(&b, "; ");
		put_line(&b, dx->signals[i].example);
	}
	if (!b.len && ev->digest.first_error)
		put_line(&b, ev->digest.first_error);
	if (!b.len)
		put_line(&b, ev->inc->title);
	{
		char *clipped = clip(b.ptr, 600);

		buf_release(&b);
		return clipped;
	}
}

int artifacts_kb_entry(struct buf *out, const struct evidence *ev, const struct diagnosis *dx,
		       const struct artifacts *a)
{
	struct kb_entry e = {0};
	struct ctx c;
	int error;

	if (!ev || !ev->inc || !dx)
		return err_set(ERR_FAIL, "cannot write a knowledge-base entry without a diagnosis");
	ctx_init(&c, ev, dx, NULL);
	e.id = xstrdup(c.inc->id);
	e.title = clean_line(c.inc->title, 200);
	e.date = xstrdup(c.date);
	e.service = xstrdup(c.inc->service);
	e.severity = xstrdup(incident_severity_name(c.inc->severity));
	e.category = xstrdup(category_name(dx->category));
	e.remediation = xstrdup(remediation_name(dx->remediation));
	e.blame_pr = dx->blame_pr > 0 ? xasprintf("%d", dx->blame_pr) : xstrdup("none");
	e.pattern = kb_pattern(ev, dx);
	e.root_cause = clean_line(nz(dx->root_cause, nz(dx->summary, "unknown")), 600);
	e.fix = a && a->fix ? xstrdup(a->fix) : fix_line(dx, NULL);
	e.runbook = xstrdup(a && a->runbook_path ? a->runbook_path : "none");
	e.fingerprint = xstrdup(c.inc->fingerprint);
	error = kb_render_entry(out, &e);
	free(e.id);
	free(e.title);
	free(e.date);
	free(e.service);
	free(e.severity);
	free(e.category);
	free(e.remediation);
	free(e.blame_pr);
	free(e.pattern);
	free(e.root_cause);
	free(e.fix);
	free(e.runbook);
	free(e.fingerprint);
	ctx_release(&c);
	return error;
}
