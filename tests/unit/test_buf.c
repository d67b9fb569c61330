#include "common.h"
#include "harness.h"
#include "util/alloc.h"
#include "util/buf.h"

TEST(buf, init_is_empty_string)
{
	struct buf b = BUF_INIT;

	ASSERT(b.ptr != NULL);
	ASSERT_STR_EQ(b.ptr, "");
	ASSERT_INT_EQ(b.len, 0);
	buf_release(&b);
}

TEST(buf, grows_and_stays_terminated)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < 1000; i++)
		ASSERT_OK(buf_printf(&b, "%d,", i));
	ASSERT_INT_EQ(b.ptr[b.len], '\0');
	ASSERT(b.len > 3000);
	ASSERT(!strncmp(b.ptr, "0,1,2,", 6));
	buf_release(&b);
	ASSERT_INT_EQ(b.len, 0);
}

TEST(buf, cap_refuses_and_keeps_content)
{
	struct buf b;

	buf_init(&b, 8);
	ASSERT_OK(buf_adds(&b, "12345"));
	ASSERT_ERR(buf_adds(&b, "6789"), ERR_TOO_BIG);
	ASSERT_STR_EQ(b.ptr, "12345");
	ASSERT_OK(buf_adds(&b, "678"));
	ASSERT_STR_EQ(b.ptr, "12345678");
	buf_release(&b);
}

TEST(buf, detach_hands_over_memory)
{
	struct buf b = BUF_INIT;
	char *s;

	s = buf_detach(&b);
	ASSERT_STR_EQ(s, "");
	free(s);
	ASSERT_OK(buf_adds(&b, "abc"));
	s = buf_detach(&b);
	ASSERT_STR_EQ(s, "abc");
	ASSERT_STR_EQ(b.ptr, "");
	free(s);
}

TEST(buf, binary_data_and_trim)
{
	struct buf b = BUF_INIT;

	ASSERT_OK(buf_add(&b, "a\0b", 3));
	ASSERT_INT_EQ(b.len, 3);
	ASSERT_OK(buf_adds(&b, "  \n"));
	buf_rtrim(&b);
	ASSERT_INT_EQ(b.len, 3);
	buf_truncate(&b, 1);
	ASSERT_STR_EQ(b.ptr, "a");
	ASSERT(buf_ends_with(&b, "a"));
	buf_release(&b);
}

/* An array grown element by element through xgrow keeps every element (capacity doubles). */
TEST(buf, arrays_grow_by_doubling)
{
	size_t *v = NULL;

	for (size_t i = 0; i < 100000; i++) {
		v = xgrow(v, i, sizeof(*v));
		v[i] = i * 7;
	}
	for (size_t i = 0; i < 100000; i++)
		ASSERT(v[i] == i * 7);
	free(v);
}
