#include "common.h"
#include "harness.h"
#include "util/jsonx.h"
#include "util/sys.h"

TEST(jsonx, parse_error_names_origin_line_and_column)
{
	json_t *v = NULL;
	const char *text = "{\n  \"a\": 1,\n  \"b\": }\n";

	ASSERT_ERR(jsonx_parse(&v, text, strlen(text), "alert.json"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot parse 'alert.json': line 3");
	ASSERT(v == NULL);
}

TEST(jsonx, typed_getters_name_the_field)
{
	json_t *v = NULL;
	const char *s;
	double d;
	const char *text = "{\"data\": {\"essentials\": {\"severity\": 3, \"rule\": \"x\"}}}";

	ASSERT_OK(jsonx_parse(&v, text, strlen(text), "a.json"));
	ASSERT_OK(jsonx_get_string(&s, v, "data.essentials.rule", "a.json", true));
	ASSERT_STR_EQ(s, "x");
	ASSERT_ERR(jsonx_get_string(&s, v, "data.essentials.severity", "a.json", true), ERR_INPUT);
	ASSERT_STR_EQ(err_last(),
		      "cannot parse 'a.json': field 'data.essentials.severity': expected string, found number");
	ASSERT_ERR(jsonx_get_string(&s, v, "data.missing", "a.json", true), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "field 'data.missing': missing");
	ASSERT_OK(jsonx_get_string(&s, v, "data.missing", "a.json", false));
	ASSERT(s == NULL);
	ASSERT_OK(jsonx_get_number(&d, v, "data.essentials.severity", "a.json", true, 0));
	ASSERT(d == 3.0);
	ASSERT_INT_EQ(jsonx_int(v, "data.essentials.severity", -1), 3);
	ASSERT(jsonx_str(v, "data.essentials.severity") == NULL);
	json_decref(v);
}

TEST(jsonx, empty_and_duplicate_keys_are_refused)
{
	json_t *v = NULL;

	ASSERT_ERR(jsonx_parse(&v, "", 0, "e.json"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "empty");
	ASSERT_ERR(jsonx_parse(&v, "{\"a\":1,\"a\":2}", 13, "d.json"), ERR_INPUT);
}

TEST(jsonx, write_file_round_trips)
{
	json_t *v = json_pack("{s:s, s:i}", "a", "b", "n", 2);
	json_t *back = NULL;
	char *path = sys_path_join(harness_tmpdir(), "x/y.json");

	ASSERT_OK(jsonx_write_file(path, v));
	ASSERT_OK(jsonx_load_file(&back, path, 1024));
	ASSERT(json_equal(v, back));
	json_decref(v);
	json_decref(back);
	free(path);
}
