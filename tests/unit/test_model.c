/*
 * The JSON object in a model's answer text, read as `len` bytes: the answer need not be
 * a C string (found by tests/fuzz/fuzz_answer.c: a fence search ran past the end).
 */
#include "common.h"
#include "harness.h"
#include "io/model.h"
#include "util/alloc.h"

#include <stdlib.h>

/* `text` copied into a buffer of exactly its length, no NUL after it. */
static json_t *extract_exact(const char *text)
{
	size_t n = strlen(text);
	char *copy = xmalloc(n);
	json_t *v;

	memcpy(copy, text, n);
	v = model_extract_json(copy, n);
	free(copy);
	return v;
}

TEST(model, extract_reads_only_len_bytes)
{
	static const char *const open_ends[] = {
		"Sure.\n```json\n{\"category\": \"application\"}",
		"```", "``", "text ```json", "```json\n{\"a\": 1}\n``",
	};
	json_t *v;

	for (size_t i = 0; i < ARRAY_SIZE(open_ends); i++) {
		v = extract_exact(open_ends[i]);
		if (i == 0 || i == 4) {
			ASSERT(json_is_object(v));
		} else {
			ASSERT(v == NULL);
		}
		json_decref(v);
	}
	v = extract_exact("Here:\n```json\n{\"blame_pr\": 214}\n```\nthanks");
	ASSERT(json_is_object(v));
	ASSERT_INT_EQ(json_integer_value(json_object_get(v, "blame_pr")), 214);
	json_decref(v);
	/* only the first `len` bytes count: the rest of a longer text is not read */
	v = model_extract_json("{\"a\": 1} {\"b\": 2}", 8);
	ASSERT(json_object_get(v, "a") != NULL);
	json_decref(v);
}
