/*
 * tally.h - what each line counted for: its level in the digest's counts (errors,
 * warnings, the first error) and, with `digest --assign`, where it went (digest.h,
 * `assign`). Private to agent/logs/.
 *
 * tally_assign() and tally_level() are inline: they run on every line, the ones the
 * shape cache answers in a few nanoseconds too.
 */
#ifndef AIOPS_LOGS_TALLY_H
#define AIOPS_LOGS_TALLY_H

#include "common.h"
#include "util/alloc.h"
#include "logs/lex.h"
#include "logs/assign.h"
#include "logs/miner.h"

#define TALLY_PENDING (UINT32_MAX - 2) /* inside an open trace: resolved when it closes */

/* Line `line` (1-based) went to `id` (a template, DIGEST_ID_*, or TALLY_PENDING). */
static inline void tally_assign(struct miner *m, size_t line, uint32_t id)
{
	struct digest *d = m->d;

	if (!d->assign_on)
		return;
	if (line > d->assign_alloc)
		assign_grow(d, line);
	d->assign[line - 1] = id;
	if (d->assign_mapped && line % ASSIGN_FORGET_EVERY == 0) /* lines behind an open trace stay */
		assign_forget(d, m->pending_from ? m->pending_from - 1 : line - 1);
	if (id == TALLY_PENDING && !m->pending_from)
		m->pending_from = line;
}

/* The lines waiting for their trace (TALLY_PENDING) went to `id`. */
void tally_pending(struct miner *m, uint32_t id);

/*
 * A line of `level` counts: warnings and errors are counted, and the first error line is
 * kept (its text `line`, clipped, its number and time stamp).
 */
static inline void tally_level(struct miner *m, int level, const char *line, size_t len,
			       size_t lineno, const char *ts)
{
	struct digest *d = m->d;

	if (level == DIGEST_WARN)
		d->warn_lines++;
	if (level != DIGEST_ERROR)
		return;
	d->error_lines++;
	if (!d->first_error) {
		d->first_error = lex_clipdup(line, len, EXAMPLE_MAX);
		d->first_error_line = lineno;
		ts_copy(d->first_error_ts, ts);
	}
}

#endif
