#include "common.h"
#include "core/report_platform.h"
#include "core/incident.h"
#include "util/jsonx.h"
#include "util/text.h"

/* The runtimes' libraries; the last row is the naming convention when nothing shows. */
static const struct report_library libraries[] = {
	{"jvm", "Micrometer", "http_server_requests_seconds_count", "status",
	 "http_server_requests_seconds_bucket", "jvm_memory_used_bytes", "jvm_memory_max_bytes",
	 "area=\"heap\"", "hikaricp_connections_pending"},
	{"python", "prometheus-client", "http_requests_total", "status",
	 "http_request_duration_seconds_bucket", NULL, NULL, NULL, NULL},
	{"node", "prom-client", "http_request_duration_seconds_count", "status_code",
	 "http_request_duration_seconds_bucket", NULL, NULL, NULL, NULL},
	{"go", "promhttp", "http_requests_total", "code", "http_request_duration_seconds_bucket",
	 NULL, NULL, NULL, NULL},
	{"dotnet", "prometheus-net", "http_requests_received_total", "code",
	 "http_request_duration_seconds_bucket", NULL, NULL, NULL, NULL},
	{"unknown", "the Prometheus naming conventions", "http_requests_total", "code",
	 "http_request_duration_seconds_bucket", NULL, NULL, NULL, NULL},
};

enum where { IN_FRAME, IN_LOG, IN_FILE, IN_LABEL, IN_SOURCE };
enum proves { P_KUBE = 1 << 0, P_BLACKBOX = 1 << 1, P_PROMETHEUS = 1 << 2 };

/*
 * What each piece of evidence proves. A runtime marker names its library's runtime; a
 * frame weighs more than a log word, and a log word more than a file of the repository
 * (a monorepo holds many), see weight[].
 */
static const struct marker {
	enum where where;
	const char *needle;
	const char *runtime;  /* or NULL */
	unsigned proves;
} markers[] = {
	{IN_FRAME, ".java:", "jvm", 0}, {IN_FRAME, ".kt:", "jvm", 0},
	{IN_FRAME, ".scala:", "jvm", 0}, {IN_LOG, "org.springframework", "jvm", 0},
	{IN_LOG, "HikariPool", "jvm", 0}, {IN_LOG, "io.micrometer", "jvm", 0},
	{IN_FILE, "pom.xml", "jvm", 0}, {IN_FILE, "build.gradle", "jvm", 0},
	{IN_FRAME, ".py\"", "python", 0}, {IN_LOG, "Traceback (most recent call last)", "python", 0},
	{IN_LOG, "uvicorn", "python", 0}, {IN_LOG, "gunicorn", "python", 0},
	{IN_LOG, "django", "python", 0}, {IN_LOG, "fastapi", "python", 0},
	{IN_FILE, "requirements.txt", "python", 0}, {IN_FILE, "pyproject.toml", "python", 0},
	{IN_FRAME, ".js:", "node", 0}, {IN_FRAME, ".ts:", "node", 0}, {IN_FRAME, ".mjs:", "node", 0},
	{IN_LOG, "node:internal", "node", 0}, {IN_FILE, "package.json", "node", 0},
	{IN_FRAME, ".go:", "go", 0}, {IN_LOG, "goroutine ", "go", 0}, {IN_FILE, "go.mod", "go", 0},
	{IN_FRAME, ".cs:", "dotnet", 0}, {IN_LOG, "Microsoft.AspNetCore", "dotnet", 0},
	{IN_LOG, "Microsoft.EntityFrameworkCore", "dotnet", 0}, {IN_FILE, ".csproj", "dotnet", 0},
	{IN_LABEL, "namespace", NULL, P_KUBE}, {IN_LABEL, "pod", NULL, P_KUBE},
	{IN_LABEL, "kube_namespace", NULL, P_KUBE}, {IN_LABEL, "k8s.namespace", NULL, P_KUBE},
	{IN_LABEL, "namespace_name", NULL, P_KUBE}, {IN_LOG, "CrashLoopBackOff", NULL, P_KUBE},
	{IN_LOG, "OOMKilled", NULL, P_KUBE}, {IN_LOG, "kubelet", NULL, P_KUBE},
	{IN_LOG, "Back-off restarting", NULL, P_KUBE}, {IN_LOG, "kube-system", NULL, P_KUBE},
	{IN_FILE, "Chart.yaml", NULL, P_KUBE}, {IN_FILE, "kustomization.yaml", NULL, P_KUBE},
	{IN_FILE, "k8s/", NULL, P_KUBE}, {IN_FILE, "kubernetes/", NULL, P_KUBE},
	{IN_SOURCE, "blackbox", NULL, P_BLACKBOX | P_PROMETHEUS},
	{IN_LABEL, "module", NULL, P_BLACKBOX},
	{IN_SOURCE, "prometheus", NULL, P_PROMETHEUS}, {IN_SOURCE, "alertmanager", NULL, P_PROMETHEUS},
	{IN_LOG, "/metrics", NULL, P_PROMETHEUS}, {IN_LOG, "prometheus", NULL, P_PROMETHEUS},
	{IN_FILE, "servicemonitor", NULL, P_PROMETHEUS}, {IN_FILE, "prometheus", NULL, P_PROMETHEUS},
};

static const int weight[] = {[IN_FRAME] = 3, [IN_LOG] = 2, [IN_FILE] = 1, [IN_LABEL] = 1,
			     [IN_SOURCE] = 1};

static bool in_digest_frames(const struct digest *d, const char *needle)
{
	for (size_t i = 0; i < d->ntraces; i++)
		for (size_t f = 0; f < d->traces[i].nframes; f++)
			if (strstr(d->traces[i].frames[f], needle))
				return true;
	return false;
}

static bool in_digest_lines(const struct digest *d, const char *needle)
{
	for (size_t i = 0; i < d->ntemplates; i++)
		if (text_contains_ci(d->templates[i].example, needle))
			return true;
	for (size_t i = 0; i < d->ntraces; i++)
		if (d->traces[i].headline && text_contains_ci(d->traces[i].headline, needle))
			return true;
	return false;
}

static bool in_files(const struct evidence *ev, const char *needle)
{
	for (size_t i = 0; i < ev->nfiles; i++)
		if (text_contains_ci(ev->files[i], needle))
			return true;
	return false;
}

static bool found(const struct evidence *ev, const struct marker *m)
{
	const struct incident *inc = ev->inc;

	switch (m->where) {
	case IN_FRAME: return in_digest_frames(&ev->digest, m->needle);
	case IN_LOG: return in_digest_lines(&ev->digest, m->needle);
	case IN_FILE: return in_files(ev, m->needle);
	case IN_LABEL: return inc->labels && jsonx_str(inc->labels, m->needle) != NULL;
	case IN_SOURCE: return inc->source && text_contains_ci(inc->source, m->needle);
	}
	return false;
}

void report_platform_detect(struct report_platform *out, const struct evidence *ev)
{
	int score[ARRAY_SIZE(libraries)] = {0};
	unsigned proves = 0;
	size_t best = ARRAY_SIZE(libraries) - 1;

	for (size_t i = 0; i < ARRAY_SIZE(markers); i++) {
		if (!found(ev, &markers[i]))
			continue;
		proves |= markers[i].proves;
		for (size_t k = 0; markers[i].runtime && k < ARRAY_SIZE(libraries); k++)
			if (!strcmp(libraries[k].runtime, markers[i].runtime))
				score[k] += weight[markers[i].where];
	}
	for (size_t k = 0; k + 1 < ARRAY_SIZE(libraries); k++)
		if (score[k] > 0 && score[k] > score[best])
			best = k;
	memset(out, 0, sizeof(*out));
	out->library = &libraries[best];
	out->kube = proves & P_KUBE;
	out->blackbox = proves & P_BLACKBOX;
	out->prometheus = proves & P_PROMETHEUS;
	out->azure = ev->inc->format == INCIDENT_AZURE_MONITOR && !out->prometheus;
}

const char *report_platform_metric(const struct report_platform *p, const char *name)
{
	const struct report_library *l = p->library;
	const struct {
		const char *name, *value;
	} own[] = {
		{"$requests", l->requests}, {"$duration", l->duration}, {"$heap_used", l->heap_used},
		{"$heap_max", l->heap_max}, {"$pool_pending", l->pool_pending},
	};

	if (!name || name[0] != '$')
		return name;
	for (size_t i = 0; i < ARRAY_SIZE(own); i++)
		if (!strcmp(own[i].name, name))
			return own[i].value;
	return NULL;
}
