#include "common.h"
#include "core/signals.h"
#include "util/redact.h"
#include "util/text.h"
#include "util/alloc.h"

#include <strings.h>

/* ---- runbook guides, one per signal family ---- */

static const struct signal_guide oom_killed_guide = {
	"container memory limit", true,
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
};

static const struct signal_guide crashloop_guide = {
	"crash-looping workload", true,
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
};

static const struct signal_guide out_of_memory_guide = {
	"application heap exhaustion", false,
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
};

static const struct signal_guide missing_column_guide = {
	"database schema drift", false,
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
};

static const struct signal_guide missing_table_guide = {
	"database schema drift", false,
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
};

static const struct signal_guide pool_exhausted_guide = {
	"database connection pool exhaustion", false,
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
};

static const struct signal_guide deadlock_guide = {
	"lock contention and deadlocks", false,
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
};

static const struct signal_guide timeout_guide = {
	"timeouts and latency", false,
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
};

static const struct signal_guide auth_guide = {
	"authentication and authorisation failures", false,
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
};

static const struct signal_guide tls_expired_guide = {
	"TLS certificate expiry", true,
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
};

static const struct signal_guide dns_guide = {
	"DNS resolution failures", true,
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
};

static const struct signal_guide network_guide = {
	"network connectivity", true,
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
};

static const struct signal_guide linkage_guide = {
	"dependency and linkage errors", false,
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
};

static const struct signal_guide null_reference_guide = {
	"unhandled null or missing values", false,
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
};

static const struct signal_guide disk_full_guide = {
	"disk space exhaustion", true,
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
};

static const struct signal_guide http_5xx_guide = {
	"server errors", false,
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
};

/* For a signal without a guide of its own, or no signal at all. */
static const struct signal_guide general_guide = {
	"service errors", false,
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

/* ---- alert rule templates, in the order a rule file lists them ---- */

static const struct signal_alert_rule alert_rules[SIGNAL_ALERT_COUNT] = {
	[SIGNAL_ALERT_ERROR_RATIO] = {
		.suffix = "HighErrorRatio", .every_service = true,
		.shape = SIGNAL_SHAPE_SHARE, .exporter = SIGNAL_EXPORTER_APP,
		.scope = SIGNAL_SCOPE_SERVICE, .metric = "$requests", .bad = "5..",
		.op = ">", .threshold = 0.05, .window = "5m", .for_ = "5m",
		.grade = SIGNAL_GRADE_PAGE_IF_SEVERE, .quantity = SIGNAL_QUANTITY_ERROR_RATIO,
		.summary = "Requests fail with server errors (5xx)",
		.description = "The share of requests answered with a 5xx status is above the "
			       "threshold over 5 minutes."},
	[SIGNAL_ALERT_HEAP] = {
		.suffix = "HeapNearlyFull", .shape = SIGNAL_SHAPE_FRACTION,
		.exporter = SIGNAL_EXPORTER_APP, .scope = SIGNAL_SCOPE_SERVICE,
		.metric = "$heap_used", .metric2 = "$heap_max", .op = ">", .threshold = 0.9,
		.for_ = "5m", .grade = SIGNAL_GRADE_TICKET, .quantity = SIGNAL_QUANTITY_HEAP,
		.summary = "Heap in use close to the maximum heap",
		.description = "Heap in use is above the threshold share of the maximum heap: "
			       "out-of-memory errors and long garbage collection pauses follow."},
	[SIGNAL_ALERT_CONTAINER_MEMORY] = {
		.suffix = "ContainerMemoryNearLimit", .shape = SIGNAL_SHAPE_FRACTION,
		.exporter = SIGNAL_EXPORTER_KUBE, .scope = SIGNAL_SCOPE_CONTAINER,
		.metric = "container_memory_working_set_bytes",
		.metric2 = "kube_pod_container_resource_limits", .match2 = "resource=\"memory\"",
		.op = ">", .threshold = 0.9, .for_ = "5m", .grade = SIGNAL_GRADE_TICKET,
		.quantity = SIGNAL_QUANTITY_HEAP,
		.summary = "Container memory close to its limit",
		.description = "The containers' working set is above the threshold share of their "
			       "memory limit: the kernel kills a container that goes over it."},
	[SIGNAL_ALERT_RESTARTS] = {
		.suffix = "ContainerRestarting", .shape = SIGNAL_SHAPE_INCREASE,
		.exporter = SIGNAL_EXPORTER_KUBE, .scope = SIGNAL_SCOPE_CONTAINER,
		.metric = "kube_pod_container_status_restarts_total", .op = ">", .threshold = 3,
		.window = "15m", .for_ = "5m", .grade = SIGNAL_GRADE_PAGE_IF_SEVERE,
		.summary = "Containers keep restarting",
		.description = "The service's containers restarted more than 3 times in 15 minutes "
			       "(a crash loop or out-of-memory kills)."},
	[SIGNAL_ALERT_POOL] = {
		.suffix = "ConnectionPoolSaturated", .shape = SIGNAL_SHAPE_GAUGE,
		.exporter = SIGNAL_EXPORTER_APP, .scope = SIGNAL_SCOPE_SERVICE,
		.metric = "$pool_pending", .op = ">", .threshold = 5, .for_ = "2m",
		.grade = SIGNAL_GRADE_TICKET,
		.summary = "Requests are waiting for database connections",
		.description = "More than 5 threads wait for a pooled database connection."},
	[SIGNAL_ALERT_CERT_EXPIRY] = {
		.suffix = "CertificateExpiringSoon", .shape = SIGNAL_SHAPE_DEADLINE,
		.exporter = SIGNAL_EXPORTER_BLACKBOX, .scope = SIGNAL_SCOPE_PROBE,
		.metric = "probe_ssl_earliest_cert_expiry", .op = "<", .threshold = 14 * 86400,
		.for_ = "1h", .grade = SIGNAL_GRADE_TICKET,
		.summary = "A TLS certificate expires within 14 days",
		.description = "A certificate the probes see expires in less than 14 days: renew "
			       "it while there is time."},
	[SIGNAL_ALERT_DNS_SERVFAIL] = {
		.suffix = "DnsServfail", .shape = SIGNAL_SHAPE_INCREASE,
		.exporter = SIGNAL_EXPORTER_KUBE, .scope = SIGNAL_SCOPE_CLUSTER,
		.metric = "coredns_dns_responses_total", .match = "rcode=\"SERVFAIL\"", .op = ">",
		.threshold = 300, .window = "5m", .for_ = "5m",
		.grade = SIGNAL_GRADE_PAGE_IF_SEVERE,
		.summary = "Cluster DNS answers SERVFAIL",
		.description = "CoreDNS returns more than one SERVFAIL per second over 5 minutes."},
	[SIGNAL_ALERT_AUTH_RATIO] = {
		.suffix = "AuthFailureRatio", .shape = SIGNAL_SHAPE_SHARE,
		.exporter = SIGNAL_EXPORTER_APP, .scope = SIGNAL_SCOPE_SERVICE,
		.metric = "$requests", .bad = "401|403", .guard = 20, .op = ">", .threshold = 0.1,
		.window = "5m", .for_ = "10m", .grade = SIGNAL_GRADE_TICKET,
		.quantity = SIGNAL_QUANTITY_AUTH_RATIO,
		.summary = "Many requests are rejected as unauthorised",
		.description = "The share of 401 and 403 responses is above the threshold over 5 "
			       "minutes, with more than 20 of them: a single rejected request never "
			       "fires it."},
	[SIGNAL_ALERT_P99_LATENCY] = {
		.suffix = "HighP99Latency", .shape = SIGNAL_SHAPE_QUANTILE,
		.exporter = SIGNAL_EXPORTER_APP, .scope = SIGNAL_SCOPE_SERVICE,
		.metric = "$duration", .op = ">", .threshold = 2, .window = "5m", .for_ = "10m",
		.grade = SIGNAL_GRADE_PAGE_IF_SEVERE, .quantity = SIGNAL_QUANTITY_LATENCY,
		.summary = "p99 request latency above the threshold",
		.description = "The 99th percentile of request latency, in seconds, is above the "
			       "threshold over 5 minutes."},
	[SIGNAL_ALERT_VOLUME] = {
		.suffix = "VolumeAlmostFull", .shape = SIGNAL_SHAPE_FRACTION, .each = true,
		.exporter = SIGNAL_EXPORTER_KUBE, .scope = SIGNAL_SCOPE_NAMESPACE,
		.metric = "kubelet_volume_stats_available_bytes",
		.metric2 = "kubelet_volume_stats_capacity_bytes", .op = "<", .threshold = 0.1,
		.for_ = "10m", .grade = SIGNAL_GRADE_TICKET,
		.summary = "A volume has less than 10% free space",
		.description = "A persistent volume of the namespace is more than 90% full."},
};

/* ---- the signature library ---- */

/*
 * The signature library. `rank` says how close a signature is to a root cause: pool
 * exhaustion, timeouts and 5xx are what users see (1 or 0); a missing column, an expired
 * certificate or an OOM kill explain them (3); a full conntrack table explains even the
 * DNS failures it causes (4). The highest-ranked signature present leads.
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
	  "exit code 137", "exitCode: 137", "OOM killer"},
	 &oom_killed_guide, {SIGNAL_ALERT_RESTARTS, SIGNAL_ALERT_CONTAINER_MEMORY}},
	{"tls_expired", "TLS handshakes fail because a certificate expired or is not valid",
	 3, true, true, "renew-certificate",
	 {"certificate has expired", "certificate expired", "x509: certificate",
	  "CERTIFICATE_VERIFY_FAILED", "certificate is not yet valid", "certificate verify failed",
	  "SSL_R_CERTIFICATE", "CertificateExpired"},
	 &tls_expired_guide, {SIGNAL_ALERT_CERT_EXPIRY}},
	{"disk_full", "a volume or node ran out of disk space", 3, true, true, "free-disk-space",
	 {"No space left on device", "DiskPressure", "disk quota exceeded", "The node was low on resource"},
	 &disk_full_guide, {SIGNAL_ALERT_VOLUME}},
	{"conntrack_full", "a node's connection-tracking table is full, so it drops new connections and DNS queries",
	 4, true, true, "restart-and-scale-out",
	 {"table full, dropping packet", "nf_conntrack: table full", "conntrack table full",
	  "nf_conntrack_max reached"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"dns", "name resolution fails between services", 3, true, true, NULL,
	 {"no such host", "NXDOMAIN", "SERVFAIL", ":53: i/o timeout", "Temporary failure in name resolution",
	  "Name or service not known", "ENOTFOUND", "EAI_AGAIN", "UnknownHostException",
	  "could not resolve host", "server misbehaving"},
	 &dns_guide, {SIGNAL_ALERT_DNS_SERVFAIL}},
	{"missing_column", "queries reference a database column that does not exist", 3, false, false, NULL,
	 {"Unknown column", "no such column", "Invalid column name"},
	 &missing_column_guide, {SIGNAL_ALERT_NONE}},
	{"not_null_violation", "rows are written without a value the schema now requires (NOT NULL)",
	 3, false, false, NULL,
	 {"violates not-null constraint", "cannot be null", "doesn't have a default value",
	  "Cannot insert the value NULL into column", "cannot insert NULL into"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"missing_table", "queries reference a table that does not exist", 3, false, false, NULL,
	 {"doesn't exist", "Invalid object name", "no such table"},
	 &missing_table_guide, {SIGNAL_ALERT_NONE}},
	{"linkage", "code calls a library API that is not there (a dependency changed)", 3, false, false, NULL,
	 {"NoSuchMethodError", "NoClassDefFoundError", "ClassNotFoundException", "ImportError",
	  "ModuleNotFoundError", "Cannot find module", "cannot import name", "undefined symbol",
	  "has no attribute", "is not a function", "ERR_REQUIRE_ESM", "incompatible types"},
	 &linkage_guide, {SIGNAL_ALERT_NONE}},
	{"out_of_memory", "the process ran out of heap memory", 2, true, false, "raise-memory-limit",
	 {"OutOfMemoryError", "Java heap space", "GC overhead limit exceeded",
	  "JavaScript heap out of memory", "MemoryError", "runtime: out of memory",
	  "Cannot allocate memory", "out of memory", "OutOfMemoryException", "NoMemoryError",
	  "Allowed memory size of", "Reached heap limit"},
	 &out_of_memory_guide, {SIGNAL_ALERT_HEAP, SIGNAL_ALERT_CONTAINER_MEMORY}},
	{"auth", "requests are rejected as unauthenticated or unauthorized", 2, false, false, NULL,
	 {"Unauthorized", "Forbidden", "invalid_token", "audience", "insufficient_scope",
	  "JwtValidation", "JWT validation", "Jwt validation", " 401 ", " 403 ", "status=401",
	  "status=403"},
	 &auth_guide, {SIGNAL_ALERT_AUTH_RATIO}},
	{"null_reference", "code dereferences a missing value", 2, false, false, NULL,
	 {"nil pointer dereference", "NullPointerException", "Cannot read properties of undefined",
	  "Cannot read properties of null", "'NoneType' object", "undefined is not an object",
	  "invalid memory address"},
	 &null_reference_guide, {SIGNAL_ALERT_NONE}},
	{"ports_exhausted", "the process runs out of local ports or file descriptors", 2, false, false, NULL,
	 {"cannot assign requested address", "EADDRNOTAVAIL", "Too many open files", "too many open files",
	  "EMFILE", "No buffer space available", "Address already in use"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"race", "threads corrupt state they share (a data race)", 2, false, false, NULL,
	 {"ConcurrentModificationException", "concurrent map writes", "concurrent map read and map write",
	  "dictionary changed size during iteration", "Collection was modified",
	  "NumberFormatException: multiple points", "data race",
	  "A second operation was started on this context"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"duplicate_work", "the same work item is processed twice (redelivered while still running)", 2,
	 false, false, NULL,
	 {"UniqueViolation", "duplicate key value violates unique constraint", "Duplicate entry",
	  "redelivered", "Redelivered", "CommitFailedException", "max.poll.interval.ms",
	  "already being processed"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"deadlock", "database transactions deadlock", 2, false, false, NULL,
	 {"deadlock", "Deadlock", "was deadlocked"},
	 &deadlock_guide, {SIGNAL_ALERT_P99_LATENCY}},
	{"crashloop", "containers restart in a loop", 1, true, false, "restart-and-scale-out",
	 {"CrashLoopBackOff", "Back-off restarting failed container", "back-off restarting"},
	 &crashloop_guide, {SIGNAL_ALERT_RESTARTS}},
	{"network", "traffic between services is blocked or refused", 1, true, false, NULL,
	 {"NetworkPolicy", "network policy", "No route to host", "connection refused",
	  "Connection refused", "i/o timeout", "code = Unavailable", "connection reset"},
	 &network_guide, {SIGNAL_ALERT_NONE}},
	{"pool_exhausted", "the connection pool is exhausted", 1, false, false, NULL,
	 {"Connection is not available", "QueuePool limit", "pool exhausted", "Pool is exhausted", "pool is exhausted",
	  "ResourceRequest timed out", "Too many connections", "remaining connection slots",
	  "Timeout waiting for idle object", "Unable to acquire JDBC Connection",
	  "connection pool", "Connection pool"},
	 &pool_exhausted_guide, {SIGNAL_ALERT_POOL}},
	{"timeout", "requests time out", 0, false, false, NULL,
	 {"timed out", "Timeout", "timeout", "deadline exceeded", "SocketTimeoutException",
	  "Gateway Timeout", "execution time exceeded", "statement timeout",
	  "canceling statement due to"},
	 &timeout_guide, {SIGNAL_ALERT_P99_LATENCY}},
	{"provider_outage", "a cloud provider's service is degraded or unavailable", 3, true, true, NULL,
	 {"Service Health", "ServiceHealth", "Resource Health", "ResourceHealth", "service incident",
	  "AWS Health", "degraded performance", "service disruption", "ServiceUnavailable",
	  "ServerBusy", "outage", "status page", "elevated error rates"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"header_too_big", "responses or requests carry headers larger than a proxy's buffers allow",
	 3, false, false, NULL,
	 {"upstream sent too big header", "Request Header Or Cookie Too Large",
	  "431 Request Header Fields Too Large", "header too large", "Header too large"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"prepared_statement_clash", "named prepared statements clash or vanish: the connection goes "
	 "through a pooler that hands it to other clients between statements", 3, false, false, NULL,
	 {"duplicate_prepared_statement", "invalid_sql_statement_name",
	  "prepared statement does not exist", "ERROR 42P05", "ERROR 26000"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"db_read_only", "the database refuses writes: it went read-only (storage full, or a replica)",
	 3, true, true, NULL,
	 {"in a read-only transaction", "read-only mode", "--read-only option",
	  "storage is full", "storage limit", "database is read-only", "READ_ONLY_SQL_TRANSACTION"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"maintenance", "the platform ran planned maintenance or a failover", 3, true, true, NULL,
	 {"planned maintenance", "scheduled maintenance", "maintenance window", "Multi-AZ failover",
	  "failover started", "failover completed", "RDS-EVENT-0049", "RDS-EVENT-0013",
	  "PlatformMaintenance", "host maintenance", "rolling restart", "LEADER_NOT_AVAILABLE",
	  "NOT_LEADER_OR_FOLLOWER"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"node_pressure", "a node is under resource pressure and evicts pods", 3, true, true,
	 "free-disk-space",
	 {"DiskPressure", "MemoryPressure", "PIDPressure", "Evicted", "eviction manager",
	  "evicting pod", "NodeNotReady", "node is not ready", "imagefs", "nodefs"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"throttled", "a provider throttles the service's requests", 2, true, true, NULL,
	 {"ProvisionedThroughputExceeded", "ThrottlingException", "SlowDown", "RequestRateTooLarge",
	  "Rate exceeded", "RequestLimitExceeded", "TooManyRequestsException",
	  "ThrottledRequests", "RequestThrottled"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"credential_rejected", "an identity provider rejects the service's own credential (a client "
	 "secret expired, rotated or revoked outside the repository)", 3, true, true, NULL,
	 {"invalid_client", "AADSTS7000215", "AADSTS7000222", "Invalid client secret",
	  "client secret has expired", "client_secret is invalid", "unauthorized_client"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"quota_exhausted", "a provider's quota for the service is used up (its plan or limit)", 3, true,
	 true, NULL,
	 {"QuotaExceeded", "quota exceeded", "Quota exceeded", "insufficient_quota",
	  "exceeded your current quota", "quota has been exhausted"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"rate_limited", "requests are refused as too many (429)", 1, false, false, NULL,
	 {"Too Many Requests", "TooManyRequests", " 429 ", "status=429", "status: 429", "rate limit",
	  "rate-limited", "load shed", "concurrency limit"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"probe_failed", "the kubelet's health probes fail, so containers restart", 2, true, false,
	 "restart-and-scale-out",
	 {"Liveness probe failed", "Readiness probe failed", "Startup probe failed",
	  "probe failed"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"clock_skew", "a machine's clock is off, so time-bound tokens and signatures fail", 3, true,
	 true, NULL,
	 {"clock skew", "clockskew", "used before issued", "issued in the future", "iat is in the future",
	  "not valid yet", "time is not synchronized", " NTP", "ntpd", "chronyd", "clock offset",
	  "system clock"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"cpu_throttled", "containers are starved of CPU by throttling or a busy node", 2, true, true,
	 "restart-and-scale-out",
	 {"CPUThrottlingHigh", "cpu throttling", "CPU throttling", "cfs_throttled", "nr_throttled",
	  "throttled_periods", "cpu pressure", "CPU pressure", "noisy neighbo", "CPUCreditBalance=0",
	  "CPUCreditBalance: 0", "CPU credits exhausted"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"io_starved", "storage throttles the service's I/O (burst credits spent, tasks stuck on disk or NFS)",
	 3, true, true, NULL,
	 {"BurstCreditBalance=0", "BurstCreditBalance: 0", "BurstBalance=0", "BurstBalance: 0",
	  "burst credits exhausted", "blocked for more than", "hung_task_timeout_secs",
	  "not responding, still trying", "not responding, timed out"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"quota_exceeded", "a provider's quota or storage limit is reached", 3, true, true, NULL,
	 {"QuotaExceeded", "quota exceeded", "Quota exceeded", "insufficient storage",
	  "InsufficientStorage", "storage quota", "exceeded its quota", "OverQuota"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"credentials_rejected", "a backing service rejects the service's credentials", 2, true,
	 false, NULL,
	 {"password authentication failed", "Access denied for user", "Login failed for user",
	  "authentication failed for user", "invalid username/password", "SASL authentication failed",
	  "AuthenticationFailed", "InvalidClientTokenId", "SignatureDoesNotMatch"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"capacity_limit", "the service needs more replicas than its autoscaler may run", 2, true,
	 true, "restart-and-scale-out",
	 {"ScalingLimited", "TooManyReplicas", "desired replica count is more than the maximum",
	  "reached max replicas", "at maximum replicas", "maxReplicas reached"},
	 NULL, {SIGNAL_ALERT_NONE}},
	{"http_5xx", "the service answers with server errors", 0, false, false, NULL,
	 {" 500 ", " 502 ", " 503 ", "Internal Server Error", "Bad Gateway", "Service Unavailable",
	  "status=500", "status=502", "status=503"},
	 &http_5xx_guide, {SIGNAL_ALERT_NONE}},
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

const struct signals_row *signals_rows(size_t *count)
{
	*count = ARRAY_SIZE(signatures);
	return signatures;
}

const struct signal_guide *signals_guide(const char *name)
{
	const struct signals_row *row = name ? signals_info(name) : NULL;

	return row && row->guide ? row->guide : &general_guide;
}

const struct signal_alert_rule *signals_alert_rule(enum signal_alert a)
{
	return &alert_rules[a];
}

bool signals_watches(const char *name, enum signal_alert a)
{
	const struct signals_row *row = name ? signals_info(name) : NULL;

	for (size_t i = 0; row && i < ARRAY_SIZE(row->alerts) && row->alerts[i]; i++)
		if (row->alerts[i] == a)
			return true;
	return false;
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
