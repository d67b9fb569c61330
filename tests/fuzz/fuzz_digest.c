/*
 * fuzz_digest.c - the log digest (logs/digest.c and the pass behind it: hygiene, stamps,
 * structured lines, masking, templates, traces, the shape cache; gzip when the input
 * starts with its magic bytes) and what is made of a digest: the JSON, the text and the
 * distilled text a prompt gets (logs/distill.c).
 *
 * The first byte picks the options (per-line assignment on or off, the distill budget),
 * the rest is the log. Invariants: the JSON serialises (everything stored is valid
 * UTF-8), every line's assignment names a template, a trace or a blank, and the
 * distilled text stays within its token budget.
 */
#include "common.h"
#include "fuzz.h"
#include "logs/digest.h"
#include "logs/distill.h"
#include "logs/tokens.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>

static void check_assign(const struct digest *d)
{
	for (size_t i = 0; i < d->lines; i++) {
		uint32_t a = d->assign[i];

		if (a == DIGEST_ID_BLANK || a == DIGEST_ID_OTHER)
			continue;
		if (a & DIGEST_ID_TRACE) {
			if ((a & ~DIGEST_ID_TRACE) > DIGEST_MAX_TRACES ||
			    ((a & ~DIGEST_ID_TRACE) < DIGEST_MAX_TRACES && (a & ~DIGEST_ID_TRACE) >= d->ntraces))
				fuzz_fail("line %zu: trace %u of %zu", i + 1, a & ~DIGEST_ID_TRACE, d->ntraces);
		} else if (a >= d->ntemplates) {
			fuzz_fail("line %zu: template %u of %zu", i + 1, a, d->ntemplates);
		}
	}
}

static void check_outputs(const struct digest *d, size_t budget)
{
	struct distill_opts o = DISTILL_OPTS_INIT;
	struct distill_report rep;
	struct buf text = BUF_INIT;
	json_t *j = digest_to_json(d, 0);
	char *dump;

	if (!j || !(dump = json_dumps(j, JSON_COMPACT)))
		fuzz_fail("the digest does not serialise as JSON");
	free(dump);
	json_decref(j);
	if (digest_render_text(&text, d, 10) < 0)
		fuzz_fail("digest_render_text: %s", err_last());
	buf_reset(&text);
	o.budget_tokens = budget;
	if (distill_render(&text, d, &o, &rep) < 0)
		fuzz_fail("distill_render: %s", err_last());
	if (budget && tokens_estimate(text.ptr, text.len) > (budget < DISTILL_MIN_BUDGET ? DISTILL_MIN_BUDGET : budget))
		fuzz_fail("distilled text of %zu tokens over the budget %zu",
			  tokens_estimate(text.ptr, text.len), budget);
	buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest d = DIGEST_INIT;
	size_t budget;

	if (size < 1)
		return 0;
	err_clear();
	d.assign_on = data[0] & 1;
	budget = (size_t)(data[0] >> 1) * 16; /* 0 (no limit) .. 2032 */
	digest_buffer(&d, (const char *)data + 1, size - 1);
	if (d.assign_on)
		check_assign(&d);
	check_outputs(&d, budget);
	digest_release(&d);
	return 0;
}
