/*
 * template.h - the template table of one digest pass: masked lines folded into
 * templates, merged when they differ only in their variables (digest.h, "Templates",
 * says the rule), and the index that finds a line's template. Private to agent/logs/.
 *
 * Templates merged into another stay in d->templates until template_compact(); their
 * meta.parent says where they went, and template_find() follows it.
 */
#ifndef AIOPS_LOGS_TEMPLATE_H
#define AIOPS_LOGS_TEMPLATE_H

#include "common.h"
#include "logs/lex.h"
#include "logs/miner.h"

/*
 * Start the index: sized, and holding the templates `m->d` already has (a digest that
 * goes on from an earlier file).
 */
void template_begin(struct miner *m);

/*
 * Fold the text `body` of a line of `level` into the templates (mask_line, then the
 * exact index, then a merge, else a new template with `example` as its example): its
 * index, or NONE when the table is full (counted in other_lines). m->fold_hit says
 * whether the masked line was known; m->pat holds it.
 */
uint32_t template_fold(struct miner *m, const char *body, size_t blen, int level, size_t line,
		       const char *ts, const char *example, size_t exlen);

/* Undo the newest template (made by the line before, which turned out a headline). */
void template_drop_last(struct miner *m);

/*
 * After a pass: templates merged into others leave the table, which keeps the order of
 * first appearance, and the per-line ids name the templates that stay.
 */
void template_compact(struct miner *m);

/*
 * The template a merged one went into (union-find with path halving). Inline, like
 * template_seen(): both run on every line the shape cache answers.
 */
static inline uint32_t template_find(struct miner *m, uint32_t i)
{
	while (m->meta[i].parent != i) {
		m->meta[i].parent = m->meta[m->meta[i].parent].parent;
		i = m->meta[i].parent;
	}
	return i;
}

/* One more line of template `t`, at `line` with time stamp `ts` ("" for none). */
static inline void template_seen(struct digest_template *t, size_t line, const char *ts)
{
	t->count++;
	t->last_line = line;
	if (ts[0]) {
		if (!t->first_ts[0])
			ts_copy(t->first_ts, ts);
		ts_copy(t->last_ts, ts);
	}
}

#endif
