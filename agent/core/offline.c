#include "common.h"
#include "core/offline.h"
#include "util/buf.h"
#include "util/pathkind.h"
#include "util/redact.h"
#include "util/sys.h"

#include <ctype.h>
#include <strings.h>

/*
 * The signature library. `rank` says how close a signature is to a root cause: pool
 * exhaustion, timeouts and 5xx are what users see (1 or 0); a missing column, an expired
 * certificate or an OOM kill explain them (3). The highest-ranked signature present leads.
 * `action` is what the remediation workflow can do about it when no code change is to
 * blame; NULL means a person has to look (escalation).
 */
struct signature {
	const char *name;
	const char *meaning;
	int rank;
	bool infra;          /* can be the cause of an infrastructure incident */
	const char *action;
	const char *needles[12];
};

static const struct signature signatures[] = {
	{"oom_killed", "containers were killed by the kernel for exceeding their memory limit",
	 3, true, "raise-memory-limit",
	 {"OOMKilled", "Out of memory: Killed process", "memory cgroup out of memory",
	  "exit code 137", "exitCode: 137", "OOM killer"}},
	{"tls_expired", "TLS handshakes fail because a certificate expired or is not valid",
	 3, true, "renew-certificate",
	 {"certificate has expired", "certificate expired", "x509: certificate",
	  "CERTIFICATE_VERIFY_FAILED", "certificate is not yet valid", "certificate verify failed",
	  "SSL_R_CERTIFICATE", "CertificateExpired"}},
	{"disk_full", "a volume or node ran out of disk space", 3, true, "free-disk-space",
	 {"No space left on device", "DiskPressure", "disk quota exceeded", "The node was low on resource"}},
	{"dns", "name resolution fails between services", 3, true, NULL,
	 {"no such host", "NXDOMAIN", "SERVFAIL", ":53: i/o timeout", "Temporary failure in name resolution",
	  "Name or service not known", "ENOTFOUND", "EAI_AGAIN", "UnknownHostException",
	  "could not resolve host", "server misbehaving"}},
	{"missing_column", "queries reference a database column that does not exist", 3, false, NULL,
	 {"Unknown column", "no such column", "Invalid column name"}},
	{"missing_table", "queries reference a table that does not exist", 3, false, NULL,
	 {"doesn't exist", "Invalid object name", "no such table"}},
	{"linkage", "code calls a library API that is not there (a dependency changed)", 3, false, NULL,
	 {"NoSuchMethodError", "NoClassDefFoundError", "ClassNotFoundException", "ImportError",
	  "ModuleNotFoundError", "Cannot find module", "cannot import name", "undefined symbol",
	  "has no attribute", "is not a function", "ERR_REQUIRE_ESM", "incompatible types"}},
	{"out_of_memory", "the process ran out of heap memory", 2, true, "raise-memory-limit",
	 {"OutOfMemoryError", "Java heap space", "GC overhead limit exceeded",
	  "JavaScript heap out of memory", "MemoryError", "runtime: out of memory",
	  "Cannot allocate memory", "out of memory"}},
	{"auth", "requests are rejected as unauthenticated or unauthorized", 2, false, NULL,
	 {"Unauthorized", "Forbidden", "invalid_token", "audience", "insufficient_scope",
	  "JwtValidation", "JWT validation", "Jwt validation", " 401 ", " 403 ", "status=401",
	  "status=403"}},
	{"null_reference", "code dereferences a missing value", 2, false, NULL,
	 {"nil pointer dereference", "NullPointerException", "Cannot read properties of undefined",
	  "Cannot read properties of null", "'NoneType' object", "undefined is not an object",
	  "invalid memory address"}},
	{"deadlock", "database transactions deadlock", 2, false, NULL,
	 {"deadlock", "Deadlock", "was deadlocked"}},
	{"crashloop", "containers restart in a loop", 1, true, "restart-and-scale-out",
	 {"CrashLoopBackOff", "Back-off restarting failed container", "BackOff"}},
	{"network", "traffic between services is blocked or refused", 1, true, NULL,
	 {"NetworkPolicy", "network policy", "No route to host", "connection refused",
	  "Connection refused", "i/o timeout"}},
	{"pool_exhausted", "the connection pool is exhausted", 1, false, NULL,
	 {"Connection is not available", "pool exhausted", "Pool is exhausted", "pool is exhausted",
	  "ResourceRequest timed out", "Too many connections", "remaining connection slots",
	  "Timeout waiting for idle object", "Unable to acquire JDBC Connection",
	  "connection pool", "Connection pool"}},
	{"timeout", "requests time out", 0, false, NULL,
	 {"timed out", "Timeout", "timeout", "deadline exceeded", "SocketTimeoutException",
	  "Gateway Timeout"}},
	{"http_5xx", "the service answers with server errors", 0, false, NULL,
	 {" 500 ", " 502 ", " 503 ", "Internal Server Error", "Bad Gateway", "Service Unavailable",
	  "status=500", "status=502", "status=503"}},
};

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (tolower((unsigned char)*hay) == tolower((unsigned char)*needle) &&
		    !strncasecmp(hay, needle, n))
			return true;
	return false;
}

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

static bool matches(const struct signature *sig, const char *text)
{
	if (!strcmp(sig->name, "missing_column") && missing_column_line(text))
		return true;
	if (!strcmp(sig->name, "missing_table") && missing_relation_line(text))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(sig->needles) && sig->needles[i]; i++) {
		/* Short needles such as status codes are matched with their case. */
		if (strlen(sig->needles[i]) <= 4 ? strstr(text, sig->needles[i]) != NULL
						  : contains_ci(text, sig->needles[i]))
			return true;
	}
	return false;
}

static const struct signature *signature_named(const char *name)
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
	int rx = signature_named(x->name)->rank, ry = signature_named(y->name)->rank;

	if (rx != ry)
		return ry - rx;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->first_line > y->first_line) - (x->first_line < y->first_line);
}

void offline_signals(struct signal **out, size_t *count, const struct digest *d)
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

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* ---- the shape of the blame diff ---- */

static bool has_signal(const struct signal *sigs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(sigs[i].name, name))
			return true;
	return false;
}

/* Iterate over the lines of a hunk body: `*line`/`*len` for each, false at the end. */
static bool next_line(const char **cursor, const char **line, size_t *len)
{
	const char *p = *cursor, *nl;

	if (!*p)
		return false;
	nl = strchr(p, '\n');
	*line = p;
	*len = nl ? (size_t)(nl - p) : strlen(p);
	*cursor = p + *len + (nl ? 1 : 0);
	return true;
}

static bool has_version(const char *s, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++)
		if (isdigit((unsigned char)s[i]) && s[i + 1] == '.' && isdigit((unsigned char)s[i + 2]))
			return true;
	return false;
}

/* The best evidence weight of the names in a line (lower-cased too: package names ignore case). */
static char *best_name(const char *line, size_t len, const struct terms *evidence, double *best)
{
	struct terms names = TERMS_INIT;
	char *found = NULL;

	terms_add_text(&names, line, len, 1.0);
	for (size_t k = 0; k < names.n; k++) {
		char *low = xstrdup(names.text[k]);
		double w;

		for (char *c = low; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		w = terms_weight(evidence, names.text[k]);
		if (terms_weight(evidence, low) > w)
			w = terms_weight(evidence, low);
		if (w > *best && !has_version(low, strlen(low))) {
			*best = w;
			free(found);
			found = xstrdup(names.text[k]);
		}
		free(low);
	}
	terms_release(&names);
	return found;
}

/*
 * A dependency the blame diff re-versions and the errors name: a changed line with a
 * version number in a manifest whose package name is also an evidence term. The name is
 * read from the line itself, or, when the line holds only the version (a pom.xml
 * <version>), from the two lines above it.
 */
static char *bumped_dependency(const struct pull *p, const struct terms *evidence)
{
	char *found = NULL;
	double best = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const struct patch_file *f = &p->patch.files[i];

		if (!pathkind_is_manifest(patch_file_path(f)))
			continue;
		for (size_t h = 0; h < f->nhunks; h++) {
			const char *cur = f->hunks[h].body, *line, *prev[2] = {NULL, NULL};
			size_t len, prevlen[2] = {0, 0};

			while (next_line(&cur, &line, &len)) {
				if ((*line == '+' || *line == '-') && has_version(line, len)) {
					char *name = best_name(line + 1, len - 1, evidence, &best);
					for (int k = 0; !name && k < 2; k++)
						if (prev[k] && !strchr("#/", prev[k][1]))
							name = best_name(prev[k] + 1, prevlen[k] - 1, evidence, &best);
					if (name) {
						free(found);
						found = name;
					}
				}
				prev[1] = prev[0];
				prevlen[1] = prevlen[0];
				prev[0] = line;
				prevlen[0] = len;
			}
		}
	}
	return found;
}

static bool is_flag_word(const char *s, size_t len)
{
	static const char *const words[] = {"feature", "flag", "toggle"};

	for (size_t w = 0; w < ARRAY_SIZE(words); w++)
		for (size_t i = 0; i + strlen(words[w]) <= len; i++)
			if (!strncasecmp(s + i, words[w], strlen(words[w])))
				return true;
	return false;
}

static bool has_boolean_value(const char *s, size_t len)
{
	static const char *const values[] = {"true", "false", "enabled", "disabled", " on", " off"};

	for (size_t v = 0; v < ARRAY_SIZE(values); v++)
		for (size_t i = 0; i + strlen(values[v]) <= len; i++)
			if (!strncasecmp(s + i, values[v], strlen(values[v])))
				return true;
	return false;
}

/* The key of a "key": value, key: value or key=value line, as a new string. */
static char *line_key(const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len && (isspace((unsigned char)s[i]) || s[i] == '"' || s[i] == '\''))
		i++;
	start = i;
	while (i < len && (isalnum((unsigned char)s[i]) || strchr("_.-", s[i])))
		i++;
	return i > start ? xstrndup(s + start, i - start) : NULL;
}

/*
 * A flag the blame diff turned on or off: an added line with a boolean value whose key,
 * or an enclosing line above it in the hunk, says feature, flag or toggle.
 */
static char *flipped_flag(const struct pull *p)
{
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const struct patch_file *f = &p->patch.files[i];

		for (size_t h = 0; h < f->nhunks; h++) {
			const char *cur = f->hunks[h].body, *line;
			size_t len;
			bool in_flags = is_flag_word(f->hunks[h].section, strlen(f->hunks[h].section));

			while (next_line(&cur, &line, &len)) {
				if (*line != '+' && is_flag_word(line + 1, len - 1))
					in_flags = true;
				if (*line == '+' && has_boolean_value(line + 1, len - 1) &&
				    (in_flags || is_flag_word(line + 1, len - 1)))
					return line_key(line + 1, len - 1);
			}
		}
	}
	return NULL;
}

static bool config_only(const struct pull *p)
{
	size_t config = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);

		if (pathkind_is_config(path))
			config++;
		else if (!pathkind_is_test_or_doc(path))
			return false;
	}
	return config > 0;
}

static bool has_flyway_migrations(const struct evidence *ev)
{
	for (size_t i = 0; i < ev->nfiles; i++) {
		const char *base = sys_basename(ev->files[i]);

		if (strstr(ev->files[i], "db/migration") && base[0] == 'V' &&
		    isdigit((unsigned char)base[1]) && strstr(base, "__") && ends_with(base, ".sql"))
			return true;
	}
	return false;
}

/* ---- the diagnosis ---- */

static const struct signal *lead_signal(const struct signal *sigs, size_t n, bool infra_only)
{
	for (size_t i = 0; i < n; i++)
		if (!infra_only || signature_named(sigs[i].name)->infra)
			return &sigs[i];
	return NULL;
}

static enum remediation application_remediation(char **subject, const struct evidence *ev,
						const struct pull *p, const struct signal *sigs,
						size_t nsigs, struct buf *why)
{
	enum remediation r;
	char *name;

	*subject = NULL;
	if (p->patch.nfiles >= OFFLINE_BROAD_FILES && ev->inc->severity == 1) {
		buf_putf(why, "the pull request is broad (%zu files) and the incident is P1: reverting "
			 "it whole is the fastest safe path", p->patch.nfiles);
		return REMEDIATION_PR_ROLLBACK;
	}
	name = bumped_dependency(p, &ev->terms);
	if (name) {
		buf_putf(why, "the pull request changes the version of '%s', which the errors name: pin "
			 "it back to the version that worked", name);
		*subject = name;
		return REMEDIATION_DEPENDENCY_UPDATE;
	}
	if (has_signal(sigs, nsigs, "missing_column") && has_flyway_migrations(ev)) {
		buf_puts(why, "the code expects a column the database does not have, and the service "
			 "manages its schema with Flyway: add the column with a new migration");
		return REMEDIATION_FLYWAY_MIGRATION;
	}
	if ((name = flipped_flag(p))) {
		buf_putf(why, "the pull request switched the flag '%s': switch it back", name);
		*subject = name;
		return REMEDIATION_FEATURE_FLAG;
	}
	if (config_only(p)) {
		buf_puts(why, "the pull request changes configuration only: restore the previous values");
		return REMEDIATION_CONFIG_FIX;
	}
	r = REMEDIATION_CODE_FIX;
	buf_puts(why, "undo the pull request's changes in the code the errors point at, keeping "
		 "the rest of it");
	return r;
}

static void describe_signals(struct buf *b, const struct signal *sigs, size_t n)
{
	for (size_t i = 0; i < n && i < 3; i++)
		buf_putf(b, "%s%s (%zu lines)", i ? (i + 1 == n || i == 2 ? " and " : ", ") : "",
			 sigs[i].meaning, sigs[i].count);
}

int offline_diagnose(struct diagnosis *out, const struct evidence *ev)
{
	const struct incident *inc = ev->inc;
	const struct suspect *top = ev->nsuspects ? &ev->suspects[0] : NULL;
	const struct signal *lead;
	struct buf summary = BUF_INIT, cause = BUF_INIT, why = BUF_INIT;
	struct diagnosis dx = {0};

	dx.engine = "offline";
	offline_signals(&dx.signals, &dx.nsignals, &ev->digest);
	if (top && !top->after_alert && top->score >= BLAME_THRESHOLD) {
		const struct pull *p = &ev->pulls[top->pull];
		double gap = top->score - (ev->nsuspects > 1 ? ev->suspects[1].score : 0);

		dx.category = CATEGORY_APPLICATION;
		dx.blame_pr = top->number;
		dx.confidence = top->score >= 0.7 && gap >= 0.2 ? CONFIDENCE_HIGH : CONFIDENCE_MEDIUM;
		dx.remediation = application_remediation(&dx.subject, ev, p, dx.signals, dx.nsignals, &why);
		lead = lead_signal(dx.signals, dx.nsignals, false);
		buf_putf(&summary, "%s on %s since pull request #%d (\"%s\")",
			 lead ? lead->meaning : "errors", inc->service, p->meta.number, p->meta.title);
		buf_putf(&cause, "Pull request #%d (\"%s\" by %s, merged %s) introduced the failure: %s. ",
			 p->meta.number, p->meta.title, p->meta.author,
			 p->meta.merged_at_text ? p->meta.merged_at_text : "recently", top->why);
		if (dx.nsignals) {
			buf_puts(&cause, "The logs show ");
			describe_signals(&cause, dx.signals, dx.nsignals);
			buf_puts(&cause, ".");
		}
	} else {
		dx.category = CATEGORY_INFRASTRUCTURE;
		lead = lead_signal(dx.signals, dx.nsignals, true);
		if (lead && signature_named(lead->name)->action) {
			dx.remediation = REMEDIATION_INFRASTRUCTURE_ACTION;
			dx.action = xstrdup(signature_named(lead->name)->action);
			buf_putf(&why, "no recent change explains it and %s: the remediation workflow can "
				 "act ('%s')", lead->meaning, dx.action);
		} else {
			dx.remediation = REMEDIATION_ESCALATION;
			buf_puts(&why, lead ? "no recent change explains it and the agent cannot act on "
					      "this safely: a person has to look"
					    : "no recent change and no known failure signature explain it: "
					      "a person has to look");
		}
		dx.confidence = lead && signature_named(lead->name)->rank >= 3 && lead->count >= 3
					? CONFIDENCE_HIGH
				: lead ? CONFIDENCE_MEDIUM
				       : CONFIDENCE_LOW;
		buf_putf(&summary, "%s on %s; no recent pull request is to blame",
			 lead ? lead->meaning : "an unexplained failure", inc->service);
		if (lead) {
			buf_puts(&cause, "The logs show ");
			describe_signals(&cause, dx.signals, dx.nsignals);
			buf_putf(&cause, ". The first sign was at line %zu: %s. ", lead->first_line,
				 lead->example ? lead->example : "");
		}
		buf_puts(&cause, top ? "No merged pull request shares identifiers with the errors above the "
				       "blame threshold, so the cause is in the platform, not the code."
				     : "There were no recently merged pull requests to compare with.");
	}
	summary.ptr[0] = (char)toupper((unsigned char)summary.ptr[0]);
	dx.summary = buf_detach(&summary);
	dx.root_cause = buf_detach(&cause);
	dx.rationale = buf_detach(&why);
	*out = dx;
	return 0;
}
