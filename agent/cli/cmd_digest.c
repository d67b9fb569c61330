#include "common.h"
#include "cli/cmd_digest.h"
#include "logs/assign.h"
#include "logs/ciclass.h"
#include "cli/cli.h"
#include "logs/digest.h"
#include "logs/distill.h"
#include "util/err.h"
#include "util/jsonx.h"

static const char usage[] =
	"usage: aiops-agent digest FILE... [--json] [--top N] [--budget TOKENS] [--assign]\n"
	"\n"
	"Read logs in one streaming pass and print their evidence digest: repeated lines\n"
	"folded into templates with counts, stack traces kept whole, the first error, the\n"
	"time span and a timeline. Secrets are redacted before anything is printed.\n"
	"FILE may be '-' for standard input; gzip-compressed input is read as it is.\n"
	"\n"
	"  --json     print the digest as JSON (one object, or an array for several files)\n"
	"  --top N    how many templates to show (default 20)\n"
	"  --budget TOKENS  print the distilled digest instead: the first error, errors by\n"
	"             strength and novelty, stack traces, change points, warnings, in this\n"
	"             order until TOKENS (estimated, conservatively) are spent; with --json it\n"
	"             is the \"distilled\" field\n"
	"  --assign   print which template each input line went to, one line per input\n"
	"             line: \"<line number>\\t<id>\", where <id> is the template's number\n"
	"             (1, 2, ... in order of first appearance, after templates merged), or\n"
	"             'blank', 'other' (template table full), 'trace<K>' (a line inside the\n"
	"             K-th distinct stack trace) or 'trace' (inside a trace not kept).\n"
	"             Several files make one digest (line numbers go on). Meant for\n"
	"             accuracy evaluation: it keeps one 4-byte id per input line, in a\n"
	"             temporary file past 8 MiB.\n";

static int print_assign(struct buf *out, struct digest *d)
{
	int error = 0;

	for (size_t i = 0; i < d->lines && !error; i++) {
		uint32_t id = d->assign[i];

		if (id == DIGEST_ID_BLANK)
			error = buf_printf(out, "%zu\tblank\n", i + 1);
		else if (id == DIGEST_ID_OTHER)
			error = buf_printf(out, "%zu\tother\n", i + 1);
		else if (id == (DIGEST_ID_TRACE | DIGEST_MAX_TRACES))
			error = buf_printf(out, "%zu\ttrace\n", i + 1);
		else if (id & DIGEST_ID_TRACE)
			error = buf_printf(out, "%zu\ttrace%u\n", i + 1, (id & ~DIGEST_ID_TRACE) + 1);
		else
			error = buf_printf(out, "%zu\t%u\n", i + 1, id + 1);
		if (!error && out->len >= (1u << 16)) {
			fwrite(out->ptr, 1, out->len, stdout);
			buf_reset(out);
		}
		if (i % ASSIGN_FORGET_EVERY == 0)
			assign_forget(d, i);
	}
	return error;
}

/* --assign: one digest over all the files, then one id per line. */
static int run_assign(const char **files, size_t n)
{
	struct digest d = DIGEST_INIT;
	struct buf out = BUF_INIT;
	int error = 0;

	d.assign_on = true;
	for (size_t i = 0; i < n && !error; i++)
		error = digest_file(&d, files[i]);
	if (!error)
		error = print_assign(&out, &d);
	if (!error)
		fwrite(out.ptr, 1, out.len, stdout);
	buf_release(&out);
	digest_release(&d);
	return error;
}

static int parse_top(size_t *out, const char *text)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*end || v <= 0 || v > 100000)
		return err_set(ERR_USAGE, "option '--top' needs a positive number, not '%s'", text);
	*out = (size_t)v;
	return 0;
}

static int parse_budget(size_t *out, const char *text)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*end || v < (long)DISTILL_MIN_BUDGET || v > 10000000)
		return err_set(ERR_USAGE, "option '--budget' needs a number of tokens of at least "
			       "%d, not '%s'", DISTILL_MIN_BUDGET, text);
	*out = (size_t)v;
	return 0;
}

/*
 * One file's digest: appended to `all` with --json, else rendered into `out` (under a
 * header when there are several files). `distill` is NULL without --budget.
 */
static int digest_one(struct buf *out, json_t *all, const char *file, bool json, bool header,
		      size_t top, const struct distill_opts *distill)
{
	struct digest d = DIGEST_INIT;
	struct distill_opts o;
	char lead[CICLASS_LEAD_MAX];
	int error;

	if ((error = digest_file(&d, file)) < 0) {
		digest_release(&d);
		return error;
	}
	if (distill) { /* a CI job's log says what kind of failure it is first */
		o = *distill;
		o.lead = ciclass_lead(lead, sizeof(lead), &d) ? lead : NULL;
		distill = &o;
	}
	if (json) {
		json_t *one = digest_to_json(&d, top);

		json_object_set_new(one, "file", json_string(file));
		if (distill) {
			struct buf text = BUF_INIT;

			error = distill_render(&text, &d, distill, NULL);
			json_object_set_new(one, "distilled", json_string(text.ptr));
			buf_release(&text);
		}
		json_array_append_new(all, one);
	} else {
		if (header)
			buf_putf(out, "==> %s <==\n", file);
		error = distill ? distill_render(out, &d, distill, NULL)
				: digest_render_text(out, &d, top);
	}
	digest_release(&d);
	return error;
}

int cmd_digest(int argc, char **argv)
{
	const char *top_text = NULL, *budget_text = NULL;
	struct distill_opts distill = DISTILL_OPTS_INIT;
	bool json = false, assign = false, help;
	const struct cli_opt opts[] = {
		{"json", false, NULL, &json},
		{"top", true, &top_text, NULL},
		{"assign", false, NULL, &assign},
		{"budget", true, &budget_text, NULL},
	};
	const char **pos = NULL;
	size_t npos, top = 20;
	json_t *all = json_array();
	struct buf out = BUF_INIT;
	int error;

	if ((error = cli_parse(&pos, &npos, &help, argc, argv, opts, ARRAY_SIZE(opts))) < 0)
		goto done;
	if (help) {
		fputs(usage, stdout);
		goto done;
	}
	if ((top_text && (error = parse_top(&top, top_text)) < 0) ||
	    (budget_text && (error = parse_budget(&distill.budget_tokens, budget_text)) < 0))
		goto done;
	if (!npos) {
		error = err_set(ERR_USAGE, "digest needs at least one file");
		goto done;
	}
	if (assign) {
		if (json) {
			error = err_set(ERR_USAGE, "options '--assign' and '--json' cannot be used together");
			goto done;
		}
		error = run_assign(pos, npos);
		goto done;
	}
	for (size_t i = 0; i < npos; i++)
		if ((error = digest_one(&out, all, pos[i], json, npos > 1, top,
					budget_text ? &distill : NULL)) < 0)
			goto done;
	if (json)
		error = jsonx_dump(&out, npos == 1 ? json_array_get(all, 0) : all);
	if (!error)
		fwrite(out.ptr, 1, out.len, stdout);
done:
	free(pos);
	json_decref(all);
	buf_release(&out);
	return error < 0 ? cli_fail(error, "digest") : EXIT_DONE;
}
