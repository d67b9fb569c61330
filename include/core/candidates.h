/*
 * candidates.h - every pull request of the window, in compact form, for the diagnosis
 * prompt: the model must be able to see the culprit's changed lines whatever the
 * ranking thought of it. Facts only (times, files, the first lines of the description,
 * changed lines), no scores and no reasons the model could mistake for findings; the
 * ranking (blame.h) only decides the order.
 */
#ifndef AIOPS_CANDIDATES_H
#define AIOPS_CANDIDATES_H

#include "common.h"
#include "core/evidence.h"
#include "util/buf.h"

/*
 * Render every suspect of `ev`: number, title, author, merge and deploy time relative to
 * the onset, files, at most `body_bytes` of the description, and at most `lines` of its
 * changed lines, those most related to the failure first (names the errors use, values,
 * what the causal rules found), shown in diff order. A pull request that cannot be the
 * cause (merged after the onset, never deployed) is listed without lines.
 * `*full_lines` gets the most changed lines any candidate has, so the caller can say what
 * a budget cut left out.
 */
void candidates_render(struct buf *b, const struct evidence *ev, size_t lines, size_t body_bytes,
		       size_t *full_lines);

#endif
