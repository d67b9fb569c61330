#include "common.h"
#include "core/repair_model.h"
#include "core/prompt.h"
#include "io/gitops.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/patch.h"
#include "util/sys.h"
#include "util/text.h"

#define FILE_SHOWN_MAX (64 * 1024) /* a file of the pull request bigger than this is not shown */
#define PULL_BODY_MAX 4000         /* bytes of the pull request's body in the prompt */

/* ---- what a correction may touch ---- */

static bool listed(char *const *list, const char *s)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static bool under_any(char *const *prefixes, const char *path)
{
	for (size_t i = 0; prefixes && prefixes[i]; i++)
		if (!strncmp(path, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

int repair_path_allowed(const struct policy *p, char *const *pr_files, int pr, const char *path,
			bool remove)
{
	int error;

	if ((error = policy_check_path(p, path)) < 0)
		return error;
	if (listed(pr_files, path) || (!remove && under_any(p->model_new_paths, path)))
		return 0;
	return err_set(ERR_POLICY, "refused by the safety policy: the correction %s '%s', which is "
		       "neither a file of pull request #%d nor under model_new_paths (%s)",
		       remove ? "removes" : "writes", path, pr, p->origin);
}

/* ---- the prompt ---- */

struct ask_ctx {
	const struct repair_model_input *in;
	struct prompt_ci_fix pc;
	struct prompt_file *files;
	struct repair_change *out;
	bool handed;                 /* the model said hand_over */
	char *hand_reason;
};

/* The pull request's files at the tip, as the prompt shows them (the others are only named). */
static void read_files(struct ask_ctx *x)
{
	const struct repair_model_input *in = x->in;
	size_t n = 0;

	while (in->pr_files && in->pr_files[n])
		n++;
	x->files = xcalloc(n + 1, sizeof(*x->files));
	for (size_t i = 0; i < n; i++) {
		struct buf text = BUF_INIT;

		x->files[i].path = in->pr_files[i];
		if (i >= PROMPT_CI_FIX_FILES)
			continue;
		buf_init(&text, FILE_SHOWN_MAX);
		if (gitops_read_file(&text, in->g, in->head, in->pr_files[i]) == 0 &&
		    !memchr(text.ptr ? text.ptr : "", '\0', text.len))
			x->files[i].text = buf_detach(&text);
		err_clear();
		buf_release(&text);
	}
	x->pc.files = x->files;
	x->pc.nfiles = n;
}

static char *pull_text(json_t *pull)
{
	struct buf b = BUF_INIT;
	const char *body = jsonx_str(pull, "body");

	buf_putf(&b, "#%lld %s\nbranch: %s\n\n", (long long)jsonx_int(pull, "number", 0),
		 jsonx_str(pull, "title") ? jsonx_str(pull, "title") : "",
		 jsonx_str(pull, "head.ref") ? jsonx_str(pull, "head.ref") : "");
	if (body)
		buf_putf(&b, "%.*s%s\n", PULL_BODY_MAX, body, strlen(body) > PULL_BODY_MAX ? "\n[... cut]" : "");
	return buf_detach(&b);
}

static char *failure_text(const struct repair_evidence *ev)
{
	return xasprintf("class: %s%s%s\n%s%s%s\n%s", ciclass_name(ev->cls.kind),
			 ev->cls.rule ? " (rule " : "", ev->cls.rule ? ev->cls.rule : "",
			 ev->cls.rule ? ")" : "", ev->cls_line ? "deciding line: " : "",
			 ev->cls_line ? ev->cls_line : "", ev->distilled ? ev->distilled : "");
}

static char *new_paths_text(const struct policy *p)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; p->model_new_paths && p->model_new_paths[i]; i++)
		buf_putf(&b, "%s%s", i ? ", " : "", p->model_new_paths[i]);
	return buf_detach(&b);
}

static int render(struct prompt *out, void *ctx, size_t budget)
{
	struct ask_ctx *x = ctx;

	return prompt_ci_fix(out, &x->pc, budget);
}

static json_t *schema(void)
{
	return json_pack("{s:s, s:{s:{s:s, s:[s,s]}, s:{s:s}, s:{s:s}}, s:[s,s,s], s:b}", "type", "object",
			 "properties", "decision", "type", "string", "enum", "correct", "hand_over", "diff",
			 "type", "string", "summary", "type", "string", "required", "decision", "diff",
			 "summary", "additionalProperties", 0);
}

/* ---- the answer ---- */

static void add_result(struct repair_change *c, const char *path, struct buf *res)
{
	size_t len = res->len;
	char *data = len ? buf_detach(res) : xstrdup("");

	repair_change_add(c, path, data, len, false);
}

/* `path` at the branch's tip into `out`: the text the prompt showed, else read; false when absent. */
static bool read_tip(struct buf *out, const struct ask_ctx *x, const char *path)
{
	bool found;

	for (size_t i = 0; i < x->pc.nfiles; i++)
		if (x->files[i].text && !strcmp(x->files[i].path, path)) {
			buf_puts(out, x->files[i].text);
			return true;
		}
	found = gitops_read_file(out, x->in->g, x->in->head, path) == 0;
	err_clear();
	return found;
}

/* Every file of the diff: a path a correction may touch, a text change that applies. */
static void check_files(struct ask_ctx *x, const struct patch *p, struct buf *errors, bool *refused)
{
	const struct repair_model_input *in = x->in;
	struct buf cur = BUF_INIT, res = BUF_INIT;
	size_t before = errors->len;

	for (size_t i = 0; i < p->nfiles; i++) {
		const struct patch_file *f = &p->files[i];
		const char *path = patch_file_path(f);

		if (f->is_deleted || f->is_rename || f->is_copy || f->is_binary) {
			buf_putf(errors, "field 'diff': '%s' is %s: only text changes to files\n", path,
				 f->is_binary ? "a binary change" : f->is_deleted ? "a deletion" : "a rename or copy");
			*refused = true;
		} else if (repair_path_allowed(in->policy, in->pr_files, (int)jsonx_int(in->pull, "number", 0),
					       path, false) < 0) {
			buf_putf(errors, "field 'diff': %s\n", err_last());
			*refused = true;
		}
		err_clear();
	}
	for (size_t i = 0; errors->len == before && i < p->nfiles; i++) {
		const struct patch_file *f = &p->files[i];
		bool exists;

		buf_reset(&cur);
		buf_reset(&res);
		exists = read_tip(&cur, x, patch_file_path(f));
		if (f->is_new && exists)
			buf_putf(errors, "field 'diff': '%s' is a new file but exists on the branch\n", f->new_path);
		else if (!f->is_new && !exists)
			buf_putf(errors, "field 'diff': '%s' is not on the branch\n", f->old_path);
		else if (patch_apply_file(&res, f, cur.ptr ? cur.ptr : "", cur.len) < 0)
			buf_putf(errors, "field 'diff': it does not apply to '%s' on the branch: %s\n",
				 patch_file_path(f), err_last());
		else
			add_result(x->out, patch_file_path(f), &res);
		err_clear();
	}
	buf_release(&cur);
	buf_release(&res);
}

/* The summary as it goes out: redacted, no control characters but newlines, made inert. */
static char *clean_summary(const char *s)
{
	char *r = diagnose_answer_text(s, false), *d = text_defuse(r);

	free(r);
	return d;
}

static int check(void *ctx, json_t *answer, struct buf *errors, bool *refused)
{
	struct ask_ctx *x = ctx;
	size_t before = errors->len, max_diff = x->in->policy->max_diff_bytes;
	const char *decision, *diff, *summary;
	struct patch p = PATCH_INIT;
	char *clean;
	bool hand;

	repair_change_release(x->out);
	decision = diagnose_answer_str(answer, "decision", true, 32, errors);
	summary = diagnose_answer_str(answer, "summary", true, REPAIR_SUMMARY_MAX, errors);
	diff = diagnose_answer_str(answer, "diff", false, max_diff < MODEL_ANSWER_MAX ? max_diff : MODEL_ANSWER_MAX,
				   errors);
	hand = decision && !strcmp(decision, "hand_over");
	if (decision && !hand && strcmp(decision, "correct"))
		buf_putf(errors, "field 'decision': '%s' is not one of correct, hand_over\n", decision);
	else if (decision && !hand && (!diff || !*diff) && errors->len == before)
		buf_puts(errors, "field 'diff': correct needs the diff\n");
	if (errors->len > before || !decision || !summary || (!hand && !diff))
		return ERR_INPUT;
	if (hand) {
		x->handed = true;
		x->hand_reason = clean_summary(summary);
		return 0;
	}
	if (patch_parse(&p, diff, strlen(diff), "the diff") < 0)
		buf_putf(errors, "field 'diff': %s\n", err_last());
	else if (!p.nfiles)
		buf_puts(errors, "field 'diff': no file change in it (expected 'diff --git a/PATH b/PATH', "
			 "'--- a/PATH', '+++ b/PATH' and '@@' hunks)\n");
	else if (p.nfiles > x->in->policy->max_files)
		buf_putf(errors, "field 'diff': changes %zu files, at most %zu\n", p.nfiles, x->in->policy->max_files);
	else
		check_files(x, &p, errors, refused);
	err_clear();
	patch_release(&p);
	if (errors->len > before) {
		repair_change_release(x->out);
		return ERR_INPUT;
	}
	x->out->rule = "model";
	clean = clean_summary(summary);
	buf_reset(&x->out->summary);
	buf_puts(&x->out->summary, clean);
	free(clean);
	return 0;
}

int repair_model_correct(struct repair_change *out, const struct repair_model_input *in,
			 struct diagnose_engine *e, char **why)
{
	struct ask_ctx x = {in, {0}, NULL, out, false, NULL};
	struct diagnose_question q = {"ci_fix", "ci-fix", schema(), render, check, &x};
	char *failure = failure_text(in->ev), *pull = pull_text(in->pull), *paths = new_paths_text(in->policy);
	bool refused = false;
	int error;

	*why = NULL;
	x.pc = (struct prompt_ci_fix){failure, pull, NULL, 0, paths, in->policy->max_files, in->attempt,
				      in->max_attempts};
	read_files(&x);
	if ((error = diagnose_ask(e, &q, why, &refused)) < 0) {
		char *reason = *why;

		*why = xasprintf("the model's correction %s: %s",
				 refused ? "was refused by the safety policy" : "could not be used",
				 reason ? reason : err_last());
		free(reason);
		err_clear();
		error = refused ? ERR_POLICY : ERR_FAIL;
	} else if (x.handed) {
		*why = xasprintf("the model hands over: %s", x.hand_reason);
		error = ERR_NOTFOUND;
	}
	for (size_t i = 0; i < x.pc.nfiles; i++)
		free((char *)x.files[i].text);
	free(x.files);
	free(x.hand_reason);
	json_decref(q.schema);
	free(failure);
	free(pull);
	free(paths);
	return error;
}
