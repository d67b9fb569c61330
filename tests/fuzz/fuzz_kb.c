/*
 * fuzz_kb.c - the knowledge-base parser (core/kb.c): knowledge-base/incidents.md as
 * people edit it, with recall over what was parsed.
 *
 * Invariant: what we write we can read back. Every parsed entry is rendered again
 * (kb_render_entry); that text parses to as many entries, and rendering those gives the
 * same text. Recall runs with the input's first line as the query.
 */
#include "common.h"
#include "fuzz.h"
#include "core/kb.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>

static void render_all(struct buf *out, const struct kb *kb)
{
	for (size_t i = 0; i < kb->n; i++)
		if (kb_render_entry(out, &kb->entries[i]) < 0)
			fuzz_fail("entry %zu ('%s') was read but cannot be written: %s", i,
				  kb->entries[i].id, err_last());
}

static void check_round_trip(const struct kb *kb)
{
	struct buf once = BUF_INIT, twice = BUF_INIT;
	struct kb back = KB_INIT;

	render_all(&once, kb);
	if (kb_parse(&back, once.ptr, once.len, "rendered") < 0)
		fuzz_fail("rendered entries do not parse: %s\n%s", err_last(), once.ptr);
	if (back.n != kb->n || back.nskipped)
		fuzz_fail("%zu entries rendered, %zu read back (%zu skipped):\n%s", kb->n, back.n,
			  back.nskipped, once.ptr);
	render_all(&twice, &back);
	if (once.len != twice.len || memcmp(once.ptr, twice.ptr, once.len))
		fuzz_fail("entries change when read back:\n%s\n---- then ----\n%s", once.ptr, twice.ptr);
	kb_release(&back);
	buf_release(&once);
	buf_release(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb kb = KB_INIT;
	struct kb_match *m = NULL;
	size_t n = 0, qlen = 0;
	char *query;

	err_clear();
	if (kb_parse(&kb, (const char *)data, size, "fuzz-incidents.md") < 0)
		return 0;
	check_round_trip(&kb);
	while (qlen < size && qlen < 512 && data[qlen] != '\n')
		qlen++;
	query = fuzz_cstr(data, qlen);
	kb_recall(&m, &n, &kb, query, kb.n ? kb.entries[0].service : NULL, 5, 0.0);
	for (size_t i = 0; i < n; i++)
		if (!m[i].entry || m[i].score < 0 || m[i].score > 1.0 + 1e-9)
			fuzz_fail("match %zu: score %g", i, m[i].score);
	kb_matches_free(m, n);
	if (kb.n && kb.entries[0].fingerprint && !kb_find_fingerprint(&kb, kb.entries[0].fingerprint))
		fuzz_fail("the first entry's fingerprint is not found");
	free(query);
	kb_release(&kb);
	return 0;
}
