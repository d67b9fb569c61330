#include "common.h"
#include "harness.h"
#include "util/err.h"

TEST(err, set_returns_code_and_keeps_message)
{
	ASSERT_INT_EQ(err_set(ERR_INPUT, "cannot parse '%s'", "a.json"), ERR_INPUT);
	ASSERT_STR_EQ(err_last(), "cannot parse 'a.json'");
	ASSERT_INT_EQ(err_last_code(), ERR_INPUT);
	err_prefix("replay");
	ASSERT_STR_EQ(err_last(), "replay: cannot parse 'a.json'");
	err_clear();
	ASSERT_STR_EQ(err_last(), "");
}

TEST(err, exit_statuses_follow_design)
{
	ASSERT_INT_EQ(err_exit_status(0), 0);
	ASSERT_INT_EQ(err_exit_status(ERR_USAGE), 2);
	ASSERT_INT_EQ(err_exit_status(ERR_INPUT), 2);
	ASSERT_INT_EQ(err_exit_status(ERR_TOO_BIG), 2);
	ASSERT_INT_EQ(err_exit_status(ERR_IO), 2);
	ASSERT_INT_EQ(err_exit_status(ERR_NET), 3);
	ASSERT_INT_EQ(err_exit_status(ERR_POLICY), 4);
	ASSERT_INT_EQ(err_exit_status(ERR_FAIL), 1);
}

TEST(err, messages_are_one_printable_line)
{
	err_set(ERR_INPUT, "cannot parse 'a\x1b[31mred\nforged: line\x7f'");
	ASSERT_STR_EQ(err_last(), "cannot parse 'a?[31mred?forged: line?'");
	err_prefix("reading\t'x'");
	ASSERT_STR_EQ(err_last(), "reading?'x': cannot parse 'a?[31mred?forged: line?'");
	err_clear();
}

/* Found by make check-valgrind (overlapping copy in vsnprintf): github.c says the lower
 * error inside the new one with err_set(..., "%s", err_last()). */
TEST(err, the_last_message_may_be_an_argument_of_the_next)
{
	err_set(ERR_NET, "searching: HTTP 422");
	err_set(ERR_NET, "cannot tell whether the issue exists (%s): not opening another", err_last());
	ASSERT_STR_EQ(err_last(), "cannot tell whether the issue exists (searching: HTTP 422): not "
				  "opening another");
	err_clear();
}
