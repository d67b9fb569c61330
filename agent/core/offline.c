#include "common.h"
#include "core/offline.h"
#include "core/remediate.h"
#include "core/signals.h"
#include "util/buf.h"
#include "util/pathkind.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/text.h"

#include <ctype.h>
#include <strings.h>


/* ---- the shape of the blame diff ---- */

static bool has_signal(const struct signal *sigs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(sigs[i].name, name))
			return true;
	return false;
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
		char *low = text_lower(names.text[k], strlen(names.text[k]));
		double w;

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

/* "version": "2.5.0", version = "2.5.0": the package's own version, no dependency's. */
static bool own_version(const char *line, size_t len)
{
	size_t i = 1;

	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '"' || line[i] == '\''))
		i++;
	if (len - i < 8 || strncmp(line + i, "version", 7))
		return false;
	i += 7;
	while (i < len && (line[i] == ' ' || line[i] == '"' || line[i] == '\''))
		i++;
	return i < len && (line[i] == ':' || line[i] == '=');
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

			while (text_next_line(&cur, &line, &len)) {
				if ((*line == '+' || *line == '-') && has_version(line, len) && !own_version(line, len)) {
					char *name = best_name(line + 1, len - 1, evidence, &best);
					/* a line above names the package ("<artifactId>x</artifactId>" over
					 * "<version>"), unless it holds a version of its own: another package */
					for (int k = 0; !name && k < 2; k++)
						if (prev[k] && !strchr("#/", prev[k][1]) && !has_version(prev[k], prevlen[k]))
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

			while (text_next_line(&cur, &line, &len)) {
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

/*
 * Settings, whether in configuration files or written in code (config.py, settings.ts,
 * AppConfig.java): every file the pull request changes, tests and docs aside.
 */
static bool settings_module(const char *path)
{
	static const char *const stems[] = {"config", "settings", "conf", "configuration", "constants",
					    "defaults", "env", "environment", "appsettings"};
	const char *base = sys_basename(path);
	size_t n = strcspn(base, ".");

	if (!strncmp(path, "config/", 7))
		return true; /* Rails, Phoenix, Laravel, node-config: the repository's settings folder */
	for (size_t i = 0; i < ARRAY_SIZE(stems); i++)
		if (n == strlen(stems[i]) && !strncasecmp(base, stems[i], n))
			return true;
	return false;
}

static bool settings_only(const struct pull *p)
{
	size_t settings = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);

		if (pathkind_is_ci(path) || pathkind_is_test_or_doc(path))
			continue;
		if (pathkind_is_config(path) || settings_module(path))
			settings++;
		else
			return false;
	}
	return settings > 0;
}

/* The strongest cause is a value or a limit: a setting, whatever file it is in. */
static bool settings_cause(const struct suspect *s)
{
	const struct cause *best = causal_strongest(&s->causes);

	return best && (best->kind == CAUSE_VALUE || best->kind == CAUSE_LIMIT);
}

/* A settings file (a dependency manifest such as package.json is none). */
static bool touches_config(const struct pull *p)
{
	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);

		if (pathkind_is_config(path) && !pathkind_is_manifest(path))
			return true;
	}
	return false;
}

/* Only dependency manifests and lock files (tests and docs aside). */
static bool manifests_only(const struct pull *p)
{
	size_t manifests = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const char *path = patch_file_path(&p->patch.files[i]);

		if (pathkind_is_manifest(path))
			manifests++;
		else if (!pathkind_is_test_or_doc(path) && !pathkind_is_ci(path))
			return false;
	}
	return manifests > 0;
}

static bool has_cause(const struct suspect *s, enum cause_kind kind)
{
	for (size_t i = 0; i < s->causes.n; i++)
		if (s->causes.v[i].kind == kind)
			return true;
	return false;
}

/* The index a suspect dropped (its CAUSE_INDEX's subject), or NULL. */
static const char *index_subject(const struct suspect *s)
{
	for (size_t i = 0; i < s->causes.n; i++)
		if (s->causes.v[i].kind == CAUSE_INDEX)
			return s->causes.v[i].subject;
	return NULL;
}

/* Distinct failure signatures that say what broke (rank 1 and up), not only that it hurts. */
static size_t distinct_failures(const struct signal *sigs, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += signals_info(sigs[i].name)->rank >= 1;
	return k;
}

/* ---- the diagnosis ---- */

static const struct signal *lead_signal(const struct signal *sigs, size_t n, bool infra_only)
{
	for (size_t i = 0; i < n; i++)
		if (!infra_only || signals_info(sigs[i].name)->infra)
			return &sigs[i];
	return NULL;
}

/* The signature that proves the platform at fault, or NULL. */
static const struct signal *platform_signal(const struct signal *sigs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (signals_info(sigs[i].name)->platform)
			return &sigs[i];
	return NULL;
}

static enum remediation application_remediation(char **subject, const struct evidence *ev,
						const struct suspect *top, const struct signal *sigs,
						size_t nsigs, struct buf *why)
{
	const struct pull *p = &ev->pulls[top->pull];
	const struct tuning *tu = ev->tuning;
	char *name;

	*subject = NULL;
	if (p->patch.nfiles >= tu->broad_files &&
	    (ev->inc->severity <= tu->broad_rollback_severity ||
	     distinct_failures(sigs, nsigs) >= tu->broad_signatures)) {
		buf_putf(why, "the pull request is broad (%zu files) and %s: reverting it whole is the "
			 "fastest safe path", p->patch.nfiles,
			 ev->inc->severity <= tu->broad_rollback_severity ? "the incident is severe"
									  : "it broke several things at once");
		return REMEDIATION_PR_ROLLBACK;
	}
	name = bumped_dependency(p, &ev->terms);
	if (name || manifests_only(p)) {
		buf_putf(why, "the pull request changes the version of %s%s%s: pin it back to the version "
			 "that worked", name ? "'" : "a dependency", name ? name : "", name ? "'" : "");
		*subject = name;
		return REMEDIATION_DEPENDENCY_UPDATE;
	}
	if (index_subject(top) && remediate_has_flyway(ev)) {
		buf_putf(why, "the pull request dropped the index '%s' that the failing queries need, and "
			 "the service manages its schema with Flyway: create it again with a new migration",
			 index_subject(top));
		*subject = xstrdup(index_subject(top));
		return REMEDIATION_FLYWAY_MIGRATION;
	}
	if (has_signal(sigs, nsigs, "not_null_violation") && remediate_has_flyway(ev) &&
	    remediate_pull_migrates(p)) {
		buf_puts(why, "a migration of the pull request made a column required while rows are "
			 "still written without it; a migration that ran cannot be reverted: relax it "
			 "with a new one");
		return REMEDIATION_FLYWAY_MIGRATION;
	}
	if (has_signal(sigs, nsigs, "missing_column") && remediate_has_flyway(ev)) {
		buf_puts(why, "the code expects a column the database does not have, and the service "
			 "manages its schema with Flyway: add the column with a new migration");
		return REMEDIATION_FLYWAY_MIGRATION;
	}
	if ((name = flipped_flag(p)) || has_cause(top, CAUSE_FLAG)) {
		buf_putf(why, "the pull request switched the flag '%s': switch it back", name ? name : "");
		*subject = name;
		return REMEDIATION_FEATURE_FLAG;
	}
	if (settings_only(p) || (settings_cause(top) && touches_config(p))) {
		buf_puts(why, "the pull request changed settings the failure depends on: restore the "
			 "previous values");
		return REMEDIATION_CONFIG_FIX;
	}
	buf_puts(why, "undo the pull request's changes in the code the errors point at, keeping "
		 "the rest of it");
	return REMEDIATION_CODE_FIX;
}

static void describe_signals(struct buf *b, const struct signal *sigs, size_t n)
{
	for (size_t i = 0; i < n && i < 3; i++)
		buf_putf(b, "%s%s (%zu lines)", i ? (i + 1 == n || i == 2 ? " and " : ", ") : "",
			 sigs[i].meaning, sigs[i].count);
}

/*
 * A cause the errors themselves confirm: the message, the missing name, the value, the
 * flag or the version is in the logs. Only such evidence stands against positive
 * evidence that the platform is at fault.
 */
static bool confirmed(const struct suspect *s)
{
	for (size_t i = 0; i < s->causes.n; i++)
		if (s->causes.v[i].weight >= 1.4 && s->causes.v[i].kind != CAUSE_FAILING_LINE &&
		    s->causes.v[i].kind != CAUSE_BOUND)
			return true;
	return false;
}

/* What the weakest hints weigh (causal.c): an added log line, a touched failing line. */
#define BLAME_HINT_WEIGHT 0.45

/*
 * At least one piece of evidence of weight: a mechanism the diff shows. Several weak
 * hints (an added log line, a changed line the trace passes through, shared words) can
 * sum above the threshold; each is what a harmless change near the failure also shows.
 */
static bool mechanism(const struct suspect *s)
{
	for (size_t i = 0; i < s->causes.n; i++)
		if (s->causes.v[i].weight > BLAME_HINT_WEIGHT)
			return true;
	return s->causal >= 0.9; /* a dependency the failing code runs through */
}

/*
 * The suspect to blame, or NULL: the best one above the threshold; when the platform is
 * proven at fault, the best one whose cause the errors confirm.
 */
static const struct suspect *culprit(const struct evidence *ev, const struct signal *sigs, size_t n)
{
	bool platform = platform_signal(sigs, n) != NULL;

	/* Best first; with the platform at fault, only a cause the errors confirm stands. */
	for (size_t i = 0; i < ev->nsuspects; i++) {
		const struct suspect *s = &ev->suspects[i];

		if (s->after_alert || s->not_deployed || s->score < ev->tuning->blame_threshold)
			return NULL;
		if (!mechanism(s))
			return NULL; /* hints only (a log line, a touched line, shared words) */
		if (!platform || confirmed(s))
			return s;
	}
	return NULL;
}

/*
 * High: confirmed by the errors and well ahead of the next; medium: ahead, confirmed,
 * or the only one with a mechanism of weight (the next only shares words); else low.
 */
static enum confidence blame_confidence(const struct evidence *ev, const struct suspect *top)
{
	const struct suspect *next = ev->nsuspects > 1 ? &ev->suspects[1] : NULL;
	double margin = top->score - (next ? next->score : 0);
	double causal_margin = top->causal - (next ? next->causal : 0);

	if (confirmed(top) && margin >= ev->tuning->high_margin)
		return CONFIDENCE_HIGH;
	return margin >= ev->tuning->high_margin / 2 || confirmed(top) || causal_margin >= 0.6
		       ? CONFIDENCE_MEDIUM
		       : CONFIDENCE_LOW;
}

static void diagnose_blame(struct diagnosis *dx, const struct evidence *ev, const struct suspect *top,
			   struct buf *summary, struct buf *cause, struct buf *why)
{
	const struct pull *p = &ev->pulls[top->pull];
	const struct signal *lead = lead_signal(dx->signals, dx->nsignals, false);

	dx->category = CATEGORY_APPLICATION;
	dx->blame_pr = top->number;
	dx->confidence = blame_confidence(ev, top);
	dx->remediation = application_remediation(&dx->subject, ev, top, dx->signals, dx->nsignals, why);
	buf_putf(summary, "%s on %s since pull request #%d (\"%s\")", lead ? lead->meaning : "errors",
		 ev->inc->service, p->meta.number, p->meta.title);
	buf_putf(cause, "Pull request #%d (\"%s\" by %s, merged %s) introduced the failure: %s. ",
		 p->meta.number, p->meta.title, p->meta.author,
		 p->meta.merged_at_text ? p->meta.merged_at_text : "recently", top->why);
	if (dx->nsignals) {
		buf_puts(cause, "The logs show ");
		describe_signals(cause, dx->signals, dx->nsignals);
		buf_puts(cause, ".");
	}
}

/* A client that could not verify the certificate a peer presented (not ours expiring). */
static const char *const client_verify[] = {
	"://", "dial tcp", "host=", "certificate verify failed", "unable to get local issuer",
	"pkix path building failed", "unknown authority", "unable to verify the first certificate",
	"self signed certificate in certificate chain",
};

static void count_certificate_line(const char *e, size_t *ours, size_t *theirs)
{
	bool client = false;

	if (!text_contains_ci(e, "x509") && !text_contains_ci(e, "certificate"))
		return;
	for (size_t k = 0; k < ARRAY_SIZE(client_verify) && !client; k++)
		client = text_contains_ci(e, client_verify[k]);
	*(client ? theirs : ours) += 1;
}

/*
 * A certificate we can renew is ours: the failures are handshakes our servers or our
 * certificate manager report. A client that cannot verify another host's certificate
 * ("Get \"https://partner...\": x509: certificate has expired", "certificate verify
 * failed: unable to get local issuer certificate") needs that host's owner.
 */
static bool foreign_certificate(const struct digest *d)
{
	size_t ours = 0, theirs = 0;

	for (size_t i = 0; i < d->ntemplates; i++)
		if (d->templates[i].level >= DIGEST_WARN)
			count_certificate_line(d->templates[i].example, &ours, &theirs);
	for (size_t i = 0; i < d->ntraces; i++)
		count_certificate_line(d->traces[i].headline, &ours, &theirs);
	return theirs > 0 && theirs >= ours;
}

/*
 * Renewing cannot help when issuing is what fails: an ACME challenge or order that the
 * certificate manager reports failing would fail the same way again.
 */
static bool issuance_failing(const struct digest *d)
{
	static const char *const needles[] = {"propagation check failed", "challenge failed",
		"acme: error", "Failed to create Order", "urn:ietf:params:acme:error",
		"too many certificates", "rateLimited", "Issuing certificate as Secret does not exist"};

	for (size_t i = 0; i < d->ntemplates; i++)
		for (size_t k = 0; k < ARRAY_SIZE(needles); k++)
			if (text_contains_ci(d->templates[i].example, needles[k]))
				return true;
	return false;
}

static void diagnose_no_blame(struct diagnosis *dx, const struct evidence *ev, struct buf *summary,
			      struct buf *cause, struct buf *why)
{
	const struct signal *platform = platform_signal(dx->signals, dx->nsignals);
	const struct signal *lead = platform ? platform : lead_signal(dx->signals, dx->nsignals, true);
	const char *action = lead ? signals_info(lead->name)->action : NULL;

	if (lead && !strcmp(lead->name, "tls_expired") &&
	    (foreign_certificate(&ev->digest) || issuance_failing(&ev->digest)))
		action = NULL;
	dx->category = lead ? CATEGORY_INFRASTRUCTURE : CATEGORY_APPLICATION;
	dx->remediation = action ? REMEDIATION_INFRASTRUCTURE_ACTION : REMEDIATION_ESCALATION;
	if (action) {
		dx->action = xstrdup(action);
		buf_putf(why, "no recent change explains it and %s: the remediation workflow can act ('%s')",
			 lead->meaning, action);
	} else {
		buf_puts(why, lead ? "no recent change explains it and the agent cannot act on this safely: "
				     "a person has to look"
				   : "cause not established: no recent change can produce the failure and "
				     "nothing in the logs points at the platform; a person has to look");
	}
	dx->confidence = lead && signals_info(lead->name)->rank >= 3 && lead->count >= 3 ? CONFIDENCE_HIGH
			 : lead ? CONFIDENCE_MEDIUM
				: CONFIDENCE_LOW;
	buf_putf(summary, "%s on %s; no recent pull request is to blame",
		 lead ? lead->meaning : "an unexplained failure", ev->inc->service);
	if (dx->nsignals) {
		buf_puts(cause, "The logs show ");
		describe_signals(cause, dx->signals, dx->nsignals);
		if (lead)
			buf_putf(cause, ". The first sign was at line %zu: %s", lead->first_line,
				 lead->example ? lead->example : "");
		buf_puts(cause, ". ");
	}
	buf_puts(cause, !ev->nsuspects ? "There were no recently merged pull requests to compare with."
			: lead ? "No merged pull request has a change that can produce these errors, and the "
				 "logs show the platform at fault."
			       : "No merged pull request has a change that can produce these errors; the cause "
				 "is not established.");
}

int offline_diagnose(struct diagnosis *out, const struct evidence *ev)
{
	struct buf summary = BUF_INIT, cause = BUF_INIT, why = BUF_INIT;
	struct diagnosis dx = {0};
	const struct suspect *top;

	dx.engine = "offline";
	signals_find(&dx.signals, &dx.nsignals, &ev->digest);
	if ((top = culprit(ev, dx.signals, dx.nsignals)))
		diagnose_blame(&dx, ev, top, &summary, &cause, &why);
	else
		diagnose_no_blame(&dx, ev, &summary, &cause, &why);
	summary.ptr[0] = (char)toupper((unsigned char)summary.ptr[0]);
	dx.summary = buf_detach(&summary);
	dx.root_cause = buf_detach(&cause);
	dx.rationale = buf_detach(&why);
	*out = dx;
	return 0;
}
