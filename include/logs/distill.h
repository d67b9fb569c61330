/*
 * distill.h - the part of a log digest to read first, cut to a token budget.
 *
 * A digest (digest.h) keeps what an SRE would keep after reading a whole log; that is
 * still too much for a model prompt or for a person at 3 a.m. distill_render() picks from
 * it, in priority order, until a token budget is spent, and prints what it picked as plain
 * text in sections (lines taken from real 400-token outputs for failed CI jobs):
 *
 *   log: 748 lines, 56 KiB, 9 error lines, 0 warning lines, 15:02:26 .. 15:07:40
 *   first error, line 639 at 15:06:13 (6x, lines 639-644):
 *     ##[error]internal/command/cliconfig/credentials_test.go:88:9: undefined: os
 *   errors:
 *   L647 15:06:48 | FAIL	github.com/hashicorp/terraform/internal/command/cliconfig [build failed]
 *   L738 15:07:40 | ##[error]Process completed with exit code 2.
 *   stack traces:
 *   L806 36x | java.io.IOException: No space left on device
 *    at java.io.File.createNewFile (File.java:1026)
 *    ... 6 lines repeated
 *    ... 57 more lines
 *   new at or after the first error:
 *   L672-736 25x 15:06:57..15:07:40 | ?   	github.com/hashicorp/terraform/internal/e2e	[no test files]
 *   warnings:
 *   other lines:
 *   cut: 9 error templates, 100 other templates, 57 trace lines
 *
 * Each template is one line: where it was first and last seen (input line numbers, and
 * the times when the log has them: the clock alone when the log spans one day), its count
 * when above 1, and its example line (the first line it matched, redacted by the digest)
 * without its leading timestamp. A stack trace is its headline and then its lines as they
 * appeared in the log (frames, "Caused by:", Python's source lines, Go's goroutine
 * headers), one space in; a run of lines that another trace shows already reads "... 12
 * lines as at L806", a run repeated within the trace (recursion) "... 6 lines repeated".
 * Sections come in the order above and, inside a section, lines by first appearance;
 * empty sections are left out. The "cut:" line says what did not fit and is there only
 * when something did not (and it fits).
 *
 * Ranking. Items are taken greedily in priority order until the budget is spent: an item
 * that does not fit is skipped and smaller ones after it may still be taken.
 *   1. The first error (digest.h's first_error), always: clipped to fit a tiny budget.
 *   2. Errors: templates the digest marks as errors or that read as failures in a CI or
 *      build log although they carry no level word (failure_like(), logs/failure.h). Strength first
 *      (the digest's error level and a CI failure pattern together, then either alone,
 *      then weak phrases; a line that is only a level word, "[ERROR] ", is weak), then
 *      count (log scale), then novelty: first seen later, nearer the failure, rather than
 *      chronic. Errors unlike any shown yet (another first two words or word count) go
 *      before more of the same.
 *   3. Stack traces: the traces right by a failure line (within 3 lines of a line that
 *      reads as a failure, or of the first error) with as many lines as fit; then the
 *      others. Traces with the same headline and top frame (digits aside) are one item,
 *      with their total count and how many variants. When lines must go, the top ones
 *      stay, and each "Caused by:" with the 2 lines after it.
 *   4. Change points: templates first seen at or after the first error (absent before
 *      it): an error's companion lines first (as many occurrences as an error template,
 *      each a few lines after it: the rest of a multi-line message), then the nearest to
 *      an error line.
 *   5. Warnings, nearest to an error line first.
 *   6. The rest, nearest to an error line first, then the rarer.
 * So that one long list cannot starve the others, a first round gives each kind a share
 * of the budget (errors that read as failures 25%, traces by a failure line 80% of the
 * whole, change points 10%, warnings 5%; what a share leaves goes on); a second round
 * takes, as far as the budget goes, the other unlike errors, whole lines for clipped
 * errors, more trace lines, the other traces, change points, warnings, the errors like
 * ones shown, and the rest. A line longer than `line_max` bytes is clipped in its middle
 * (head and tail kept, "…" between) and shown whole later if the budget allows; an error
 * or a trace that does not fit whole is clipped further rather than dropped.
 *
 * Everything printed is redacted once more (redact.h) on the way out, so a digest built
 * by hand or by an older version cannot leak a secret through this function.
 */
#ifndef AIOPS_DISTILL_H
#define AIOPS_DISTILL_H

#include "common.h"
#include "util/buf.h"
#include "logs/digest.h"

#define DISTILL_MIN_BUDGET 32 /* smaller budgets are raised to this */

struct distill_opts {
	size_t budget_tokens; /* upper bound of tokens_estimate() (tokens.h) of the output; 0: none */
	size_t max_frames;    /* lines of a trace when first taken (0: 24); more come later */
	size_t line_max;      /* bytes of a line before it is clipped (0: 480; at least 48) */
	/*
	 * A line of the caller's printed first, before the summary, and counted in the
	 * budget (its room is taken before the first error's): a CI failure's class, say.
	 * NULL: none. One line: a newline in it ends it.
	 */
	const char *lead;
};

#define DISTILL_OPTS_INIT {2000, 0, 0, NULL}

/* What distill_render() did; every field is set on success. */
struct distill_report {
	size_t tokens;          /* tokens_estimate() (tokens.h) of the text appended (<= the budget) */
	size_t templates;       /* templates shown, the first error's included */
	size_t traces;          /* stack traces shown (each variant of a group counts) */
	size_t cut_errors;      /* error templates (digest level or error-like) left out */
	size_t cut_templates;   /* other templates left out */
	size_t cut_traces;      /* stack traces left out */
	size_t cut_trace_lines; /* lines left out of the traces shown */
	size_t clipped;         /* items with a clipped line */
};

/*
 * Append the distilled text of `d` to `out`; what `out` held before stays and does not
 * count against the budget. `o` may be NULL (DISTILL_OPTS_INIT); `report` may be NULL.
 * The text ends with a newline, is valid UTF-8 when the digest's strings are, and
 * tokens_estimate() (tokens.h) of it is at most the budget (DISTILL_MIN_BUDGET at least).
 * An empty digest gives the one summary line ("log: 0 lines, 0 bytes, 0 error lines, 0
 * warning lines"). Fails only with ERR_TOO_BIG from `out`'s cap, leaving `out` as it was.
 */
int distill_render(struct buf *out, const struct digest *d, const struct distill_opts *o,
		   struct distill_report *report);



#endif
