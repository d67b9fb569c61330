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
	const char *needle;
	const char *runtime;  /* or NULL */
	enum where where;
	unsigned proves;
} markers[] = {
	{".java:", "jvm", IN_FRAME, 0}, {".kt:", "jvm", IN_FRAME, 0},
	{".scala:", "jvm", IN_FRAME, 0}, {"org.springframework", "jvm", IN_LOG, 0},
	{"HikariPool", "jvm", IN_LOG, 0}, {"io.micrometer", "jvm", IN_LOG, 0},
	{"pom.xml", "jvm", IN_FILE, 0}, {"build.gradle", "jvm", IN_FILE, 0},
	{".py\"", "python", IN_FRAME, 0}, {"Traceback (most recent call last)", "python", IN_LOG, 0},
	{"uvicorn", "python", IN_LOG, 0}, {"gunicorn", "python", IN_LOG, 0},
	{"django", "python", IN_LOG, 0}, {"fastapi", "python", IN_LOG, 0},
	{"requirements.txt", "python", IN_FILE, 0}, {"pyproject.toml", "python", IN_FILE, 0},
	{".js:", "node", IN_FRAME, 0}, {".ts:", "node", IN_FRAME, 0}, {".mjs:", "node", IN_FRAME, 0},
	{"node:internal", "node", IN_LOG, 0}, {"package.json", "node", IN_FILE, 0},
	{".go:", "go", IN_FRAME, 0}, {"goroutine ", "go", IN_LOG, 0}, {"go.mod", "go", IN_FILE, 0},
	{".cs:", "dotnet", IN_FRAME, 0}, {"Microsoft.AspNetCore", "dotnet", IN_LOG, 0},
	{"Microsoft.EntityFrameworkCore", "dotnet", IN_LOG, 0}, {".csproj", "dotnet", IN_FILE, 0},
	{"namespace", NULL, IN_LABEL, P_KUBE}, {"pod", NULL, IN_LABEL, P_KUBE},
	{"kube_namespace", NULL, IN_LABEL, P_KUBE}, {"k8s.namespace", NULL, IN_LABEL, P_KUBE},
	{"namespace_name", NULL, IN_LABEL, P_KUBE}, {"CrashLoopBackOff", NULL, IN_LOG, P_KUBE},
	{"OOMKilled", NULL, IN_LOG, P_KUBE}, {"kubelet", NULL, IN_LOG, P_KUBE},
	{"Back-off restarting", NULL, IN_LOG, P_KUBE}, {"kube-system", NULL, IN_LOG, P_KUBE},
	{"Chart.yaml", NULL, IN_FILE, P_KUBE}, {"kustomization.yaml", NULL, IN_FILE, P_KUBE},
	{"k8s/", NULL, IN_FILE, P_KUBE}, {"kubernetes/", NULL, IN_FILE, P_KUBE},
	{"blackbox", NULL, IN_SOURCE, P_BLACKBOX | P_PROMETHEUS},
	{"module", NULL, IN_LABEL, P_BLACKBOX},
	{"prometheus", NULL, IN_SOURCE, P_PROMETHEUS}, {"alertmanager", NULL, IN_SOURCE, P_PROMETHEUS},
	{"/metrics", NULL, IN_LOG, P_PROMETHEUS}, {"prometheus", NULL, IN_LOG, P_PROMETHEUS},
	{"servicemonitor", NULL, IN_FILE, P_PROMETHEUS}, {"prometheus", NULL, IN_FILE, P_PROMETHEUS},
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
