/* The environment snapshot every module reads, and the table of variables. */
#include "common.h"
#include "harness.h"
#include "cli/config.h"
#include "util/settings.h"

extern char **environ;

TEST(settings, a_snapshot_answers_by_name_and_forgets_empty_values)
{
	char a[] = "AIOPS_TEST_B=two", b[] = "AIOPS_TEST_A=one", c[] = "AIOPS_TEST_EMPTY=", d[] = "NOVALUE";
	char e[] = "AIOPS_TEST_AB=x=y";
	char *env[] = {a, b, c, d, e, NULL};

	settings_snapshot(env);
	ASSERT_STR_EQ(settings_get("AIOPS_TEST_A"), "one");
	ASSERT_STR_EQ(settings_get("AIOPS_TEST_B"), "two");
	ASSERT_STR_EQ(settings_get("AIOPS_TEST_AB"), "x=y"); /* only the first '=' splits */
	ASSERT(settings_get("AIOPS_TEST_EMPTY") == NULL);
	ASSERT(settings_get("AIOPS_TEST") == NULL); /* a prefix is not a name */
	ASSERT(settings_get("NOVALUE") == NULL);
	/* the snapshot is a copy: changing the environment later changes nothing */
	a[13] = 'X';
	ASSERT_STR_EQ(settings_get("AIOPS_TEST_B"), "two");
	settings_snapshot(NULL);
	ASSERT(settings_get("AIOPS_TEST_A") == NULL);
	settings_snapshot(environ);
}

TEST(settings, every_variable_is_listed_once_with_what_it_does)
{
	const struct config_variable *v = config_variables();

	for (size_t i = 0; v[i].name; i++) {
		ASSERT(v[i].what && *v[i].what);
		for (size_t k = i + 1; v[k].name; k++)
			ASSERT(strcmp(v[i].name, v[k].name) != 0);
	}
}
