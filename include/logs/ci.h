/*
 * ci.h - the shape of a CI job's log, read line by line during the digest's pass: where
 * steps start, where a step or the job failed, which lines are the runner's preamble or
 * tool-download noise, which lines are source code rather than output. General rules
 * for GitHub Actions, `gh run view --log`, Travis, GitLab, Jenkins, CircleCI and plain
 * build tools; none names a project or a data set. Private to agent/logs/ (digest.c
 * drives it; digest.h says what the digest keeps from it).
 *
 * The line functions take the text after its time stamp (stamp_prefix()), with the
 * ANSI colours already gone; leading white space is skipped where it says so.
 */
#ifndef AIOPS_LOGS_CI_H
#define AIOPS_LOGS_CI_H

#include "common.h"
#include "logs/miner.h"

enum ci_mark {
	CI_PLAIN = 0,
	/*
	 * A step starts: `title` gets its name. Travis "travis_fold:start:NAME", GitLab
	 * "section_start:TIME:NAME", Jenkins "[Pipeline] { (NAME)".
	 */
	CI_STEP,
	/*
	 * An Actions step starts with its own header, "##[group]Run CMD": the lines up to
	 * "##[endgroup]" are the step's script, `with:` and `env:` settings (CI_HEADER_END).
	 */
	CI_HEADER,
	CI_HEADER_END,
	/*
	 * A non-zero exit: "Process completed with exit code N", "exited with [code] N",
	 * "script returned exit code N", "ERROR: Job failed", "marked build as failure",
	 * "Finished: FAILURE", "Exited with code exit status N" (N not 0).
	 */
	CI_EXIT,
};

/* What the line `s` (after its time stamp) marks; `title` gets a step's name (NULL: none). */
enum ci_mark ci_mark(const char *s, size_t n, const char **title, size_t *title_len);

/*
 * Runner preamble and tool-download noise, whatever the step: checkout's git commands and
 * hints, "Download action repository", cache restores, npm/yarn "warn deprecated",
 * Maven/Gradle/pip/apt/go download lines, git's object counters, progress bars, the
 * runner's clean-up and Node deprecation notices. Leading white space is skipped.
 */
bool ci_noise(const char *s, size_t n);

/*
 * A line that shows source code rather than output, judged alone: a compiler's gutter
 * ("  12 |     return err;"), a caret line ("     ^~~~"), a shell trace ("+ echo
 * error"). (The line after a compiler diagnostic and an Actions step header's lines are
 * source too; the miner knows those from the lines before.)
 */
bool ci_source(const char *s, size_t n);

/* A compiler's diagnostic, "path:12:5: error: ..." (error, warning, note, fatal error). */
bool ci_diagnostic(const char *s, size_t n);

/*
 * `gh run view --log`'s prefix: "JOB<TAB>STEP<TAB>" before an ISO time stamp. Its
 * length (0: none); `step`/`step_len` get the step's name.
 */
size_t ci_gh_prefix(const char *s, size_t n, const char **step, size_t *step_len);

/* ---- the miner's side (digest.c) ---- */

/* Start and end one pass; ci_finish() keeps the log's last lines when no step failed. */
void ci_begin(struct miner *m);
void ci_finish(struct miner *m);
void ci_release(struct miner *m);

/*
 * Line `lineno`, its text `s` (n bytes, cleaned and redacted) with its time stamp ending
 * at `body`, read at `level`: the step it belongs to, its place in the last lines kept
 * for the failing step, and whether it is noise or source. Returns the level the line
 * counts at: a noise or source line is never an error or a warning. `*noise`: -1 to
 * judge the line, else what is known of it (its template's flag); it says on return
 * whether the line is noise. `lazy`: `s` points into the input, which stays until ci_own() (else it is copied
 * now).
 */
int ci_line(struct miner *m, const char *s, size_t n, const char *body, size_t lineno, int level,
	    bool lazy, int *noise);

/* A `gh run view --log` prefix named step `name`: a new step when it changed. */
void ci_step_named(struct miner *m, const char *name, size_t len);

/* Keep line `line` among the failing step's candidates (ci_line() does it for its lines). */
void ci_push(struct miner *m, const char *s, size_t n, size_t line, bool lazy);

/*
 * Can a line whose text (after its time stamp and white space) starts with `c` mark a
 * step, an exit or a failure? Every line is asked, so no table is read here; ci.c's
 * tables start with these bytes only.
 */
static inline bool ci_may_mark(char c)
{
	switch (c) {
	case '#': case '[': case 'E': case 'P': case 'T': case 'D': case 'B': case 'F': case 'C':
	case 'e': case 'n': case 't': case 's':
		return true;
	default:
		return false;
	}
}

/*
 * The common case, for the lines the shape cache answers: nothing to judge (below a
 * warning, no marker, nothing pending from the lines before), so the line is only kept.
 * `body` is the text after the time stamp.
 */
static inline bool ci_plain(const struct miner *m, const char *body, size_t n, int level)
{
	while (n && (*body == ' ' || *body == '\t')) {
		body++;
		n--;
	}
	return level < DIGEST_WARN && m->ci.started && !m->ci.gh_new && !m->ci.header && !m->ci.post &&
	       !m->ci.after_diag && !m->ci.ctx_left && n && !ci_may_mark(*body);
}

/* Line `lineno`, kept by ci_line() or ci_push(), went to template `idx`. */
void ci_tag(struct miner *m, size_t lineno, uint32_t idx);

/*
 * Template `idx` was just made by line `lineno`, an error: the lines after it are its
 * context (digest_types.h, `context`).
 */
void ci_context_start(struct miner *m, uint32_t idx, size_t lineno);

/* Does the line that comes next need the full path (its level depends on the lines before)? */
bool ci_context(const struct miner *m);

/* The input is about to go: copy the kept lines that still point into it. */
void ci_own(struct miner *m);

#endif
