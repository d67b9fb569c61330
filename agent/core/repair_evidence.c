#include "common.h"
#include "core/repair_evidence.h"
#include "logs/distill.h"
#include "logs/failure.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <errno.h>
#include <unistd.h>

/* Job conclusions that make a job worth reading. */
static const char *const failed_conclusions[] = {"failure", "timed_out", "startup_failure"};

static bool failed(const char *conclusion)
{
	for (size_t i = 0; conclusion && i < ARRAY_SIZE(failed_conclusions); i++)
		if (!strcmp(conclusion, failed_conclusions[i]))
			return true;
	return false;
}

/* The last REPAIR_TAIL_BYTES of `path`, appended to `out` from a line start. */
static void read_tail(struct buf *out, const char *path)
{
	char chunk[REPAIR_TAIL_BYTES];
	long long size = sys_file_size(path);
	FILE *f = fopen(path, "rb");
	size_t n, skip = 0;

	if (!f)
		return;
	if (size > (long long)sizeof(chunk))
		(void)fseek(f, (long)(size - (long long)sizeof(chunk)), SEEK_SET);
	n = fread(chunk, 1, sizeof(chunk), f);
	fclose(f);
	if (size > (long long)sizeof(chunk))
		while (skip < n && chunk[skip++] != '\n')
			;
	if (buf_add(out, chunk + skip, n - skip) < 0 || (n > skip && buf_add(out, "\n", 1) < 0))
		err_clear(); /* a tail that does not fit is only less evidence */
}

/* Download one job's log, digest it from the file, keep its tail; the file goes again. */
static int read_job(struct repair_evidence *ev, struct repair_job *job, struct github *gh,
		    const char *work_dir, struct buf *tails)
{
	char *path = xasprintf("%s/job-%lld.log", work_dir, job->id);
	int error;

	error = gh->ops->download_job_log(&job->log_bytes, gh, job->id, path, REPAIR_LOG_MAX);
	if (error == 0)
		error = digest_file(&ev->digest, path);
	if (error == 0)
		read_tail(tails, path);
	if (error < 0 && error != ERR_NET) {
		job->log_error = xstrdup(err_last());
		err_clear();
		error = 0;
	}
	(void)unlink(path);
	free(path);
	return error;
}

int repair_evidence_gather(struct repair_evidence *out, struct github *gh, long long run_id,
			   const char *work_dir)
{
	json_t *jobs = NULL, *job;
	struct buf tails = BUF_INIT;
	size_t i;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = gh->ops->list_run_jobs(&jobs, gh, run_id)) < 0)
		goto done;
	out->jobs = xcalloc(json_array_size(jobs) + 1, sizeof(*out->jobs));
	json_array_foreach(jobs, i, job) {
		struct repair_job *j;

		if (!failed(jsonx_str(job, "conclusion")))
			continue;
		j = &out->jobs[out->njobs++];
		j->id = jsonx_int(job, "id", 0);
		j->name = xstrdup(jsonx_str(job, "name") ? jsonx_str(job, "name") : "(unnamed job)");
		j->conclusion = xstrdup(jsonx_str(job, "conclusion"));
		if ((error = read_job(out, j, gh, work_dir, &tails)) < 0)
			goto done;
	}
	if (!out->njobs) {
		error = err_set(ERR_NOTFOUND, "workflow run %lld has no failed job", run_id);
		goto done;
	}
	error = repair_evidence_finish(out, tails.ptr);
done:
	buf_release(&tails);
	json_decref(jobs);
	return error;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add `line` to the failure lines; when ciclass knows it, its pattern joins the hash. */
static void consider(struct buf *lines, char ***hashed, size_t *nh, const char *line,
		     const char *pattern)
{
	struct ciclass_match m;

	ciclass_line(&m, line, strlen(line));
	if (buf_add(lines, line, strlen(line)) < 0 || buf_add(lines, "\n", 1) < 0)
		err_clear();
	if (m.kind == CICLASS_NONE)
		return;
	*hashed = xrealloc(*hashed, (*nh + 2) * sizeof(**hashed));
	(*hashed)[(*nh)++] = xstrdup(pattern);
	(*hashed)[*nh] = NULL;
}

/* SHA-256 of the class and the sorted distinct patterns. */
static void hash_failure(struct repair_evidence *ev, char **hashed, size_t nh)
{
	struct buf text = BUF_INIT;

	if (nh)
		qsort(hashed, nh, sizeof(*hashed), by_str);
	buf_putf(&text, "%s\n", ciclass_name(ev->cls.kind));
	for (size_t i = 0; i < nh; i++)
		if (!i || strcmp(hashed[i], hashed[i - 1]))
			buf_putf(&text, "%s\n", hashed[i]);
	(void)crypto_sha256_hex(ev->hash, text.ptr, text.len);
	buf_release(&text);
}

/* The line `n` (1-based) of `text`, as a new string. */
static char *nth_line(const char *text, size_t n)
{
	const char *p = text;

	while (--n && (p = strchr(p, '\n')))
		p++;
	return p ? xstrndup(p, strcspn(p, "\n")) : NULL;
}

int repair_evidence_finish(struct repair_evidence *ev, const char *tails)
{
	struct buf lines = BUF_INIT, text = BUF_INIT;
	struct distill_opts o = DISTILL_OPTS_INIT;
	char **hashed = NULL;
	size_t nh = 0;
	int error;

	buf_init(&lines, LOG_LINE_MAX * 64);
	for (size_t i = 0; i < ev->digest.ntemplates; i++) {
		const struct digest_template *t = &ev->digest.templates[i];

		if (t->level == DIGEST_ERROR || failure_like(t->example, strlen(t->example)) >= 2)
			consider(&lines, &hashed, &nh, t->example, t->pattern);
	}
	for (size_t i = 0; i < ev->digest.ntraces; i++)
		consider(&lines, &hashed, &nh, ev->digest.traces[i].headline,
			 ev->digest.traces[i].headline);
	ciclass_text(&ev->cls, lines.ptr, lines.len);
	ev->cls_line = ev->cls.line ? nth_line(lines.ptr, ev->cls.line) : NULL;
	if (tails && *tails) {
		struct ciclass_match t;

		ciclass_text(&t, tails, strlen(tails));
		if (t.rank > ev->cls.rank) { /* the runner's last words outrank what the steps said */
			ev->cls = t;
			free(ev->cls_line);
			ev->cls_line = nth_line(tails, t.line);
		}
	}
	hash_failure(ev, hashed, nh);
	o.budget_tokens = REPAIR_DISTILL_TOKENS;
	if ((error = distill_render(&text, &ev->digest, &o, NULL)) == 0)
		ev->distilled = buf_detach(&text);
	ev->failure_lines = buf_detach(&lines);
	sys_free_list(hashed);
	buf_release(&text);
	return error;
}

void repair_evidence_release(struct repair_evidence *ev)
{
	for (size_t i = 0; i < ev->njobs; i++) {
		free(ev->jobs[i].name);
		free(ev->jobs[i].conclusion);
		free(ev->jobs[i].log_error);
	}
	free(ev->jobs);
	digest_release(&ev->digest);
	free(ev->distilled);
	free(ev->failure_lines);
	free(ev->cls_line);
	memset(ev, 0, sizeof(*ev));
}
