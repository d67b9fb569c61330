/*
 * fuzz_patch.c - the unified diff parser and what is built on it (util/patch.c): parse,
 * render forward, reversed and with a selection of hunks, and apply.
 *
 * Invariants:
 *   - what patch_render writes parses again, and rendering that gives the same text;
 *   - for each file, the text its hunks' old sides describe (unrelated filler lines
 *     between the hunks) takes the patch; when the hunk headers agree with each other,
 *     the reversed patch takes the result back to that text exactly.
 */
#include "common.h"
#include "fuzz.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/patch.h"

#include <stdio.h>
#include <stdlib.h>

static const char origin[] = "fuzz.diff";

static bool keep_odd(const struct patch_file *f, const struct patch_hunk *h, void *ctx)
{
	return ((h - f->hunks) & 1) == 1;
}

/* Render `p` and parse the text again; with `again`, rendering that must give the same text. */
static void check_render(const struct patch *p, bool reverse, patch_keep_fn keep, bool again)
{
	struct buf text = BUF_INIT, text2 = BUF_INIT;
	struct patch q = PATCH_INIT;

	if (patch_render(&text, p, reverse, keep, NULL) < 0)
		goto done; /* binary or copied files reversed, partial renames: refused, not a bug */
	if (patch_parse(&q, text.ptr, text.len, "rendered") < 0)
		fuzz_fail("a rendered diff does not parse: %s\n%s", err_last(), text.ptr);
	if (again) {
		if (patch_render(&text2, &q, false, NULL, NULL) < 0)
			fuzz_fail("a rendered diff, parsed, does not render: %s", err_last());
		if (text.len != text2.len || memcmp(text.ptr, text2.ptr, text.len))
			fuzz_fail("rendering is not stable:\n%s\n---- then ----\n%s", text.ptr, text2.ptr);
	}
	patch_release(&q);
done:
	buf_release(&text);
	buf_release(&text2);
}

static long before(long start, long count)
{
	return count > 0 ? start - 1 : start;
}

/*
 * The text the old sides of `f`'s hunks describe; false when `f` cannot be checked so.
 * `*consistent`: the headers agree with each other and every hunk has context, so the
 * reversed patch must take the result back (a hunk without any context, as diff -U0
 * writes, is placed by the end-of-file rule, which reversing can move: git apply wants
 * --unidiff-zero for those).
 */
static bool old_side(struct buf *out, const struct patch_file *f, bool *consistent)
{
	long line = 0, shift = 0;

	*consistent = true;
	for (size_t i = 0; i < f->nhunks; i++) {
		const struct patch_hunk *h = &f->hunks[i];
		const char *p = h->body;

		if (before(h->new_start, h->new_lines) != before(h->old_start, h->old_lines) + shift ||
		    !h->body || (h->body[0] != ' ' && !strstr(h->body, "\n ")))
			*consistent = false;
		shift += h->new_lines - h->old_lines;
		if (before(h->old_start, h->old_lines) > line + 4096)
			return false; /* far-away hunks: filler would cost time, not coverage */
		for (; line < before(h->old_start, h->old_lines); line++)
			if (buf_printf(out, "\001filler %ld\n", line) < 0)
				return false;
		while (p && *p) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);

			if (*p == '\\' || !nl)
				return false; /* "\ No newline at end of file": not modelled here */
			if ((*p == ' ' || *p == '-') && buf_add(out, p + 1, n - 1) < 0)
				return false;
			line += *p == ' ' || *p == '-';
			p += n;
		}
	}
	return true;
}

static void check_apply(const struct patch_file *f)
{
	struct buf old = BUF_INIT, new = BUF_INIT, back = BUF_INIT, rev = BUF_INIT;
	struct patch one = {(struct patch_file *)f, 1, 0, 0}, r = PATCH_INIT;
	bool consistent;

	if (f->is_binary || f->is_copy || !old_side(&old, f, &consistent) ||
	    patch_apply_file(&new, f, old.ptr, old.len) < 0)
		goto done; /* a hunk without trailing context before another one cannot apply */
	if (!consistent || f->is_new || f->is_deleted)
		goto done;
	if (patch_render(&rev, &one, true, NULL, NULL) < 0)
		fuzz_fail("an applied patch does not reverse: %s", err_last());
	if (patch_parse(&r, rev.ptr, rev.len, "reversed") < 0 || r.nfiles != 1)
		fuzz_fail("a reversed diff does not parse: %s\n%s", err_last(), rev.ptr);
	if (patch_apply_file(&back, &r.files[0], new.ptr, new.len) < 0)
		fuzz_fail("the reversed patch does not apply to the result: %s", err_last());
	if (back.len != old.len || memcmp(back.ptr, old.ptr, old.len))
		fuzz_fail("patch then reversed patch does not give the text back:\n%s\n---- gave ----\n%s",
			  old.ptr, back.ptr);
	patch_release(&r);
done:
	buf_release(&old);
	buf_release(&new);
	buf_release(&back);
	buf_release(&rev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct patch p = PATCH_INIT;

	err_clear();
	if (patch_parse(&p, (const char *)data, size, origin) < 0)
		return 0;
	check_render(&p, false, NULL, true);
	check_render(&p, true, NULL, false);
	check_render(&p, false, keep_odd, false);
	for (size_t i = 0; i < p.nfiles; i++)
		check_apply(&p.files[i]);
	patch_release(&p);
	return 0;
}
