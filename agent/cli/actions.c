#include "common.h"
#include "cli/actions.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/redact.h"
#include "util/settings.h"
#include "util/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

bool actions_on(void)
{
	const char *v = settings_get("GITHUB_ACTIONS");

	return v && !strcmp(v, "true");
}

static void mask_one(const char *secret, void *ctx)
{
	(void)ctx;
	/* one line each: a multi-line value is registered line by line (redact.h) */
	if (!strchr(secret, '\n'))
		fprintf(stderr, "::add-mask::%s\n", secret);
}

void actions_mask(void)
{
	if (actions_on())
		redact_each_literal(mask_one, NULL);
}

/* Only one group at a time: the runner does not nest them. */
static bool group_open;

void actions_step(const char *step)
{
	if (!actions_on())
		return;
	if (group_open)
		fputs("::endgroup::\n", stderr);
	group_open = step != NULL;
	if (step)
		fprintf(stderr, "::group::aiops-agent: %s\n", step);
	fflush(stderr);
}

/* A workflow command's data: '%', CR and LF escaped as the runner expects. */
static void put_escaped(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '%')
			buf_puts(b, "%25");
		else if (*s == '\r')
			buf_puts(b, "%0D");
		else if (*s == '\n')
			buf_puts(b, "%0A");
		else
			buf_putf(b, "%c", *s);
	}
}

static void annotate(const char *level, const char *text)
{
	struct buf b = BUF_INIT;
	char *red = redact_strdup(text);

	buf_putf(&b, "::%s title=aiops-agent::", level);
	put_escaped(&b, red);
	fprintf(stderr, "%s\n", b.ptr);
	buf_release(&b);
	free(red);
}

static int append(const char *path, const char *text)
{
	FILE *f;

	if (!path)
		return 0;
	if (!(f = fopen(path, "a")))
		return err_set(ERR_IO, "cannot open '%s' (GITHUB_OUTPUT or GITHUB_STEP_SUMMARY)", path);
	fputs(text, f);
	if (fclose(f) != 0)
		return err_set(ERR_IO, "cannot write '%s'", path);
	return 0;
}

/* name<<DELIM / value / DELIM, DELIM random and absent from the value. */
static void put_output(struct buf *b, const char *name, const char *value)
{
	char delim[40];
	unsigned long r = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 12) ^ (unsigned long)(uintptr_t)b;

	do {
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		snprintf(delim, sizeof(delim), "aiops_%016lx", r);
	} while (value && strstr(value, delim));
	buf_putf(b, "%s<<%s\n%s\n%s\n", name, delim, value ? value : "", delim);
}

static const char *str(json_t *res, const char *path)
{
	const char *s = res ? jsonx_str(res, path) : NULL;

	return s ? s : "";
}

static void outputs(struct buf *b, json_t *res, const char *result_path, int status)
{
	char num[32] = "";
	long long pr = res ? jsonx_int(res, "blame_pr", 0) : 0;

	if (pr > 0)
		snprintf(num, sizeof(num), "%lld", pr);
	put_output(b, "incident-id", str(res, "incident_id"));
	put_output(b, "category", str(res, "category"));
	put_output(b, "blame-pr", num);
	put_output(b, "remediation-type", str(res, "remediation_type"));
	put_output(b, "issue-url", str(res, "issue.url"));
	put_output(b, "pr-url", str(res, "pull_request.url"));
	put_output(b, "result", result_path ? result_path : "");
	snprintf(num, sizeof(num), "%d", status);
	put_output(b, "status", num);
}

/* Prose that quotes others (a pull request's title): defused, as in the issue. */
static void put_prose(struct buf *b, const char *lead, const char *text)
{
	char *safe = text_defuse(text);

	buf_putf(b, "%s%s\n\n", lead, safe);
	free(safe);
}

/* The job summary: the incident, the verdict with its evidence, the change, the links. */
static void summary(struct buf *b, json_t *res, int status, const char *message)
{
	json_t *top = res ? json_array_get(json_object_get(res, "suspects"), 0) : NULL;
	size_t i;
	json_t *d;

	buf_putf(b, "## aiops-agent: %s\n\n", res ? str(res, "incident_id") : "no result");
	if (!res) {
		buf_putf(b, "The run stopped before a diagnosis (exit %d): %s\n\n", status, message ? message : "");
		return;
	}
	buf_putf(b, "| | |\n|---|---|\n| service | %s |\n| severity | %s |\n| category | %s |\n",
		 str(res, "service"), str(res, "severity"), str(res, "category"));
	if (jsonx_int(res, "blame_pr", 0) > 0)
		buf_putf(b, "| blamed pull request | #%lld (confidence %s) |\n", jsonx_int(res, "blame_pr", 0),
			 str(res, "confidence"));
	else
		buf_puts(b, "| blamed pull request | none |\n");
	buf_putf(b, "| remediation | %s |\n", str(res, "remediation_type"));
	if (*str(res, "issue.url"))
		buf_putf(b, "| issue | %s |\n", str(res, "issue.url"));
	if (*str(res, "pull_request.url"))
		buf_putf(b, "| pull request | %s |\n", str(res, "pull_request.url"));
	buf_putf(b, "| engine | %s |\n\n", str(res, "engine"));
	put_prose(b, "", str(res, "summary"));
	if (top && jsonx_str(top, "why"))
		put_prose(b, "**Evidence:** ", jsonx_str(top, "why"));
	json_array_foreach(json_object_get(res, "degraded"), i, d) {
		buf_putf(b, "- degraded: %s\n", json_string_value(d) ? json_string_value(d) : "");
	}
	buf_puts(b, "\n");
}

int actions_report(json_t *res, const char *result_path, int status, const char *message)
{
	struct buf out = BUF_INIT, sum = BUF_INIT;
	char *red;
	size_t i;
	json_t *d;
	int error;

	if (!actions_on())
		return 0;
	outputs(&out, res, result_path, status);
	summary(&sum, res, status, message);
	red = redact_strdup(sum.ptr);
	if ((error = append(settings_get("GITHUB_OUTPUT"), out.ptr)) == 0)
		error = append(settings_get("GITHUB_STEP_SUMMARY"), red);
	if (status != 0 && message && *message)
		annotate(status == 1 ? "warning" : "error", message);
	json_array_foreach(res ? json_object_get(res, "degraded") : NULL, i, d) {
		annotate("warning", json_string_value(d));
	}
	free(red);
	buf_release(&out);
	buf_release(&sum);
	return error;
}
