#include "common.h"
#include "harness.h"
#include "logs/tokens.h"
#include "util/buf.h"

static size_t tokens(const char *s)
{
	return tokens_estimate(s, strlen(s));
}

TEST(tokens, common_words_are_one_token_other_words_by_their_letters)
{
	ASSERT_INT_EQ(tokens_estimate("", 0), 0);
	/* "hello" and " world" are words both tokenizers keep whole; the space is free */
	ASSERT_INT_EQ(tokens("hello world\n"), 3);
	ASSERT_INT_EQ(tokens("Error"), 1);
	/* in capitals a word is no longer in the list: one token per 3 letters */
	ASSERT_INT_EQ(tokens("ERROR"), 2);
	/* a short part that is no common word is cut in two; a longer one by 4 letters */
	ASSERT_INT_EQ(tokens("gige"), 2);
	ASSERT_INT_EQ(tokens("bakoteli"), 2);
	/* camel case: each part alone ("Node" "Test" "Task") */
	ASSERT_INT_EQ(tokens("NodeTestTask"), 3);
	/* random-looking text costs more per letter than words do */
	ASSERT(tokens("xqzvbnmkwrtp") > tokens("information"));
}

TEST(tokens, dots_and_slashes_glue_to_the_word_after_them)
{
	/* ".apache" ".http" ".internal": one token each, the dot included */
	ASSERT_INT_EQ(tokens("org.apache.http.internal"), 4);
	/* "/src" "/main" are tokens; "/gige" is a slash and two more */
	ASSERT_INT_EQ(tokens("/src/main"), 2);
	ASSERT_INT_EQ(tokens("/gige"), 3);
	/* punctuation elsewhere is one token a character, a run of 4 or more one per 4 */
	ASSERT_INT_EQ(tokens("a,b"), 3);
	ASSERT_INT_EQ(tokens("----------"), 3);
	ASSERT_INT_EQ(tokens("--"), 2);
}

TEST(tokens, numbers_spaces_and_non_ascii)
{
	const char *a = "at org.apache.maven.cli.MavenCli.main (MavenCli.java:192)\n";
	const char *b = "2026-11-18T03:12:00.1234567Z ##[error]Process completed with exit code 1.\n";
	struct buf ab = BUF_INIT;

	/* one token per 3 digits; the space before a number counts, two spaces twice */
	ASSERT_INT_EQ(tokens("1234567"), 3);
	ASSERT_INT_EQ(tokens("a 1"), 3);
	ASSERT_INT_EQ(tokens("a  1"), 4);
	ASSERT_INT_EQ(tokens("a  b"), 3);
	/* ids that mix letters and digits: at least one token per 5/3 characters */
	ASSERT(tokens("a1b2c3d4e5f6") >= 8);
	buf_putf(&ab, "%s%s", a, b);
	ASSERT_INT_EQ(tokens(ab.ptr), tokens(a) + tokens(b));
	/* a bound no tokenizer can beat from below: never more than one token per byte */
	ASSERT(tokens(a) <= strlen(a));
	/* non-ASCII: U+00E9 one token, U+2026 three, an emoji four */
	ASSERT_INT_EQ(tokens("\xC3\xA9"), 1);
	ASSERT_INT_EQ(tokens("\xE2\x80\xA6"), 3);
	ASSERT_INT_EQ(tokens("\xF0\x9F\x98\x80"), 4);
	buf_release(&ab);
}
