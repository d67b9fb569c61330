/*
 * fuzz_redact.c - the redactor (util/redact.c): every secret format of its tables, the
 * key=value and option rules, URLs with passwords, PEM blocks, literal values.
 *
 * A literal secret is registered once (as the clients register their tokens). The first
 * byte of the input says where in the rest the secret is planted. Invariants:
 *   - the planted secret never survives redaction, whatever surrounds it;
 *   - line by line (redact_line, as logs are read) the secret does not survive either.
 * Idempotence (redacting twice changes nothing) is not asked: the rules for keys that
 * only hint at a secret judge how generated the value looks, and a value with a mask in
 * it ("ShKey=AccessKey=[REDACTED]") can look generated where the original did not.
 */
#include "common.h"
#include "fuzz.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/redact.h"

#include <stdlib.h>

#define SECRET "fuzzPlanted-7Rq2Xv9Lk4Mw"

static bool ready;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	redact_add_literal(SECRET);
	ready = true;
	return 0;
}

static bool holds_secret(const struct buf *b)
{
	for (size_t i = 0; i + sizeof(SECRET) - 1 <= b->len; i++)
		if (!memcmp(b->ptr + i, SECRET, sizeof(SECRET) - 1))
			return true;
	return false;
}

static void check_lines(const struct buf *in)
{
	struct redact_stream st = REDACT_STREAM_INIT;
	struct buf out = BUF_INIT;

	for (size_t at = 0; at < in->len;) {
		const char *nl = memchr(in->ptr + at, '\n', in->len - at);
		size_t n = nl ? (size_t)(nl - (in->ptr + at)) : in->len - at;

		if (redact_line(&st, &out, in->ptr + at, n) < 0)
			fuzz_fail("redact_line: %s", err_last());
		if (holds_secret(&out))
			fuzz_fail("the planted secret survived line redaction:\n%s", out.ptr);
		buf_reset(&out);
		at += n + 1;
	}
	buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf in = BUF_INIT, once = BUF_INIT;
	size_t at;

	if (!ready)
		LLVMFuzzerInitialize(NULL, NULL);
	if (size < 1)
		return 0;
	err_clear();
	at = size > 1 ? data[0] % size : 0;
	if (buf_add(&in, data + 1, at) < 0 || buf_adds(&in, SECRET) < 0 ||
	    buf_add(&in, data + 1 + at, size - 1 - at) < 0)
		fuzz_fail("out of buffer");
	if (redact_text(&once, in.ptr, in.len) < 0)
		fuzz_fail("redact_text: %s", err_last());
	if (holds_secret(&once))
		fuzz_fail("the planted secret survived redaction:\n%s", once.ptr);
	check_lines(&in);
	buf_release(&in);
	buf_release(&once);
	return 0;
}
