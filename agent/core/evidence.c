#include "common.h"
#include "core/evidence.h"
#include "util/patch.h"
#include "util/pathkind.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/sys.h"

#include <stdarg.h>

void evidence_note(struct evidence *ev, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	if (buf_vprintf(&b, fmt, ap) < 0)
		xdie("cannot format a note");
	va_end(ap);
	ev->notes = xrealloc(ev->notes, (ev->nnotes + 2) * sizeof(*ev->notes));
	ev->notes[ev->nnotes++] = buf_detach(&b);
	ev->notes[ev->nnotes] = NULL;
}

void evidence_release(struct evidence *ev)
{
	digest_release(&ev->digest);
	terms_release(&ev->terms);
	pulls_free(ev->pulls, ev->npulls);
	blame_suspects_free(ev->suspects, ev->nsuspects);
	free(ev->deployed);
	kb_matches_free(ev->similar, ev->nsimilar);
	kb_release(&ev->kb);
	free(ev->kb_text);
	sys_free_list(ev->files);
	free(ev->default_branch);
	free(ev->repo_name);
	free(ev->repo_url);
	for (size_t i = 0; i < ev->nsources; i++) {
		free(ev->sources[i].path);
		free(ev->sources[i].text);
	}
	free(ev->sources);
	for (size_t i = 0; i < ev->nnotes; i++)
		free(ev->notes[i]);
	free(ev->notes);
	memset(ev, 0, sizeof(*ev));
}

const struct suspect *evidence_suspect(const struct evidence *ev, int number)
{
	for (size_t i = 0; i < ev->nsuspects; i++)
		if (ev->suspects[i].number == number)
			return &ev->suspects[i];
	return NULL;
}

const struct pull *evidence_pull(const struct evidence *ev, int number)
{
	for (size_t i = 0; i < ev->npulls; i++)
		if (ev->pulls[i].meta.number == number)
			return &ev->pulls[i];
	return NULL;
}

void diagnosis_release(struct diagnosis *dx)
{
	free(dx->summary);
	free(dx->root_cause);
	free(dx->rationale);
	for (size_t i = 0; i < dx->nsignals; i++)
		free(dx->signals[i].example);
	free(dx->signals);
	free(dx->action);
	free(dx->subject);
	memset(dx, 0, sizeof(*dx));
}

const char *const remediation_names[REMEDIATION_COUNT] = {
	[REMEDIATION_FLYWAY_MIGRATION] = "flyway_migration",
	[REMEDIATION_CODE_FIX] = "code_fix",
	[REMEDIATION_CONFIG_FIX] = "config_fix",
	[REMEDIATION_FEATURE_FLAG] = "feature_flag",
	[REMEDIATION_PR_ROLLBACK] = "pr_rollback",
	[REMEDIATION_DEPENDENCY_UPDATE] = "dependency_update",
	[REMEDIATION_INFRASTRUCTURE_ACTION] = "infrastructure_action",
	[REMEDIATION_ESCALATION] = "escalation",
};

const char *category_name(enum category c)
{
	return c == CATEGORY_APPLICATION ? "application" : "infrastructure";
}

const char *remediation_name(enum remediation r)
{
	return (size_t)r < ARRAY_SIZE(remediation_names) ? remediation_names[r] : "escalation";
}

int remediation_parse(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(remediation_names); i++)
		if (!strcmp(name, remediation_names[i]))
			return (int)i;
	return -1;
}

const char *confidence_name(enum confidence c)
{
	return c == CONFIDENCE_HIGH ? "high" : c == CONFIDENCE_MEDIUM ? "medium" : "low";
}

/*
 * The files the evidence names, which a model's own fix may change: the blamed pull
 * request's, the stack frames' and the repository's manifests and settings.
 */
char **evidence_fix_scope(const struct evidence *ev, int blame_pr)
{
	const struct pull *p = blame_pr ? evidence_pull(ev, blame_pr) : NULL;
	size_t n = 0, cap = ev->nsources + ev->nfiles + (p ? p->patch.nfiles : 0) + 1;
	char **out = xcalloc(cap, sizeof(*out));

	for (size_t i = 0; p && i < p->patch.nfiles; i++)
		out[n++] = xstrdup(patch_file_path(&p->patch.files[i]));
	for (size_t i = 0; i < ev->nsources; i++)
		out[n++] = xstrdup(ev->sources[i].path);
	for (size_t i = 0; i < ev->nfiles; i++)
		if (pathkind_is_manifest(ev->files[i]) || pathkind_is_config(ev->files[i]))
			out[n++] = xstrdup(ev->files[i]);
	return out;
}
