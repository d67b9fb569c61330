/*
 * review.h - what a model may suggest to people, and where it may go.
 *
 * A model's runbook notes (first checks, prevention, customer impact) are its words, not
 * ours: they are shown for review (in the fix pull request, or in the issue when there is
 * none) and never committed to the default branch. Even there, a suggestion that deletes
 * things, turns a protection off or pipes a download into a shell is dropped: a tired
 * person at 3 a.m. copies what a runbook says.
 */
#ifndef AIOPS_REVIEW_H
#define AIOPS_REVIEW_H

#include "common.h"
#include "util/buf.h"

/* Why `text` may not be suggested (a static string), or NULL when it may. */
const char *review_refused(const char *text);

/*
 * The section of suggestions (appended to `out`): a heading naming `model`, each list
 * (NULL-terminated, may be NULL) with the refused items left out and the rest defused
 * (text.h), and a line saying how many were dropped and why. Nothing when nothing is left.
 */
void review_render(struct buf *out, const char *model, const char *const *first_checks,
		   const char *const *prevention, const char *customer_impact);

#endif
