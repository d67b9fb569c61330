#include "common.h"
#include "core/repair_publish.h"
#include "util/err.h"
#include "util/sys.h"

int repair_git_open(struct repair_git *out, struct github *gh, const char *server_url,
		    const char *dir, const char *branch, const char *base)
{
	const char *token = NULL;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = gh->ops->remote(&out->url, &token, gh, server_url)) < 0)
		return error;
	out->remote.url = out->url;
	out->remote.token = token;
	/* HEAD stays on a branch of its own, so the fix branch is never checked out here */
	if ((error = gitops_init(&out->g, dir, "aiops-repair-sandbox")) < 0 ||
	    (error = gitops_fetch(out->head_sha, out->g, &out->remote, branch)) < 0)
		return error;
	out->head_ref = xasprintf("refs/remotes/origin/%s", branch);
	if (base && gitops_fetch(NULL, out->g, &out->remote, base) == 0)
		out->base_ref = xasprintf("refs/remotes/origin/%s", base);
	err_clear(); /* without the base, versions are counted on the branch alone */
	return 0;
}

void repair_git_release(struct repair_git *rg)
{
	if (rg->g)
		gitops_free(rg->g);
	free(rg->url);
	free(rg->head_ref);
	free(rg->base_ref);
	memset(rg, 0, sizeof(*rg));
}

int repair_git_push(char out_sha[41], struct repair_git *rg, const char *branch,
		    const struct repair_change *change, const char *message)
{
	char now[41] = "";
	int error;

	if ((error = gitops_commit_files(out_sha, rg->g, branch, rg->head_ref, change->files,
					 change->nfiles, message)) < 0)
		return error;
	/* Another repair, or a person, may have pushed meanwhile: theirs wins, we stop. */
	if ((error = gitops_fetch(now, rg->g, &rg->remote, branch)) < 0)
		return error;
	if (strcmp(now, rg->head_sha))
		return err_set(ERR_CONFLICT, "the branch '%s' moved while repairing (%.12s, now %.12s): "
			       "nothing was pushed; its next CI run decides again", branch, rg->head_sha, now);
	error = gitops_push(rg->g, &rg->remote, branch, false);
	if (error == ERR_CONFLICT)
		err_prefix("the branch '%s' moved while repairing: nothing was pushed", branch);
	return error;
}

/* A fence that the text does not contain. */
static const char *fence_for(const char *text)
{
	return text && strstr(text, "```") ? "~~~~" : "```";
}

void repair_put_failure(struct buf *b, const struct repair_story *s)
{
	const struct repair_evidence *ev = s->ev;

	if (s->run_url)
		buf_putf(b, "CI run [%lld](%s)", s->run_id, s->run_url);
	else
		buf_putf(b, "CI run %lld", s->run_id);
	buf_putf(b, " failed: a **%s** failure", ciclass_name(ev->cls.kind));
	if (ev->cls.rule)
		buf_putf(b, " (`%s`%s)", ev->cls.rule, ev->cls.infrastructure ? ", infrastructure" : "");
	buf_puts(b, " in ");
	for (size_t i = 0; i < ev->njobs; i++)
		buf_putf(b, "%s`%s`", i ? ", " : "", ev->jobs[i].name);
	buf_puts(b, ".\n\n");
	if (ev->cls_line) {
		const char *f = fence_for(ev->cls_line);

		buf_putf(b, "%s\n%s\n%s\n\n", f, ev->cls_line, f);
	}
	for (size_t i = 0; i < ev->njobs; i++)
		if (ev->jobs[i].log_error)
			buf_putf(b, "The log of `%s` could not be read: %s\n\n", ev->jobs[i].name,
				 ev->jobs[i].log_error);
}

void repair_put_distilled(struct buf *b, const struct repair_evidence *ev)
{
	const char *f = fence_for(ev->distilled);

	if (!ev->distilled)
		return;
	buf_putf(b, "<details><summary>The failed jobs' logs, distilled (%d tokens at most)</summary>\n\n"
		 "%s\n%s%s\n\n</details>\n\n", REPAIR_DISTILL_TOKENS, f, ev->distilled, f);
}
