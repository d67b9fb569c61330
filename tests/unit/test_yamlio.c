#include "common.h"
#include "harness.h"
#include "io/yamlio.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <unistd.h>

static json_t *json(const char *text)
{
	json_t *v = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);

	if (!v)
		xdie("bad JSON in a test: %s", text);
	return v;
}

/* Emit `v`, parse the text back and compare; the emitted text is left in `out`. */
static bool round_trips(struct buf *out, const json_t *v)
{
	json_t *back = NULL;
	bool same;

	buf_reset(out);
	if (yamlio_emit(out, v) < 0 || yamlio_parse(&back, out->ptr, out->len, "t.yml") < 0) {
		fprintf(stderr, "    %s\n", err_last());
		return false;
	}
	same = json_equal(v, back);
	if (!same)
		fprintf(stderr, "    emitted:\n%s\n", out->ptr);
	json_decref(back);
	return same;
}

static const char RULES_JSON[] =
	"{\"groups\":[{\"name\":\"x\",\"rules\":[{\"alert\":\"HighErrorRate\",\"expr\":"
	"\"sum(rate(http_requests_total{status=~\\\"5..\\\"}[5m])) / "
	"sum(rate(http_requests_total[5m])) > 0.05\",\"for\":\"5m\",\"labels\":{\"severity\":"
	"\"critical\"},\"annotations\":{\"summary\":\"...\",\"description\":\"multi\\nline\"}}]}"
	"]}";

static const char RULES_YAML[] =
	"groups:\n"
	"- name: x\n"
	"  rules:\n"
	"  - alert: HighErrorRate\n"
	"    expr: sum(rate(http_requests_total{status=~\"5..\"}[5m])) / "
	"sum(rate(http_requests_total[5m])) > 0.05\n"
	"    for: 5m\n"
	"    labels:\n"
	"      severity: critical\n"
	"    annotations:\n"
	"      summary: '...'\n"
	"      description: |-\n"
	"        multi\n"
	"        line\n";

TEST(yamlio, prometheus_rules_exact)
{
	json_t *doc = json(RULES_JSON), *back = NULL;
	struct buf out = BUF_INIT, cmd = BUF_INIT;
	char *path;

	ASSERT_OK(yamlio_emit(&out, doc));
	ASSERT_STR_EQ(out.ptr, RULES_YAML);
	ASSERT_OK(yamlio_parse(&back, out.ptr, out.len, "rules.yml"));
	ASSERT(json_equal(doc, back));

	path = sys_path_join(harness_tmpdir(), "rules.yml");
	ASSERT_OK(sys_write_file(path, out.ptr, out.len));
	if (access("/usr/bin/promtool", X_OK) == 0) {
		buf_putf(&cmd, "/usr/bin/promtool check rules '%s' >/dev/null 2>&1", path);
		ASSERT_INT_EQ(system(cmd.ptr), 0);
	} else {
		printf("    note: /usr/bin/promtool not installed; 'promtool check rules' "
		       "skipped\n");
	}
	free(path);
	buf_release(&cmd);
	buf_release(&out);
	json_decref(back);
	json_decref(doc);
}

TEST(yamlio, round_trip_nested)
{
	struct buf out = BUF_INIT;
	json_t *v = json("{\"a\":{\"b\":[1,[2,3],{\"c\":\"d\"},[],{}],\"e\":{}},"
			 "\"list\":[{\"k\":\"v\",\"n\":[true,false,null]}],"
			 "\"weird keys\":{\"true\":1,\"1.5\":2,\"a: b\":3,\"\":4,\"- x\":5},"
			 "\"text\":\"  leading\\n  indented\\n\\ntrailing\\n\\n\","
			 "\"unicode\":\"caf\\u00e9 \\u2603\","
			 "\"ctrl\":\"tab\\there bell\\u0007\","
			 "\"trailing space\":\"line \\nnext\","
			 "\"breaks\":[\"a\\r\\nb\",\"x\\u2028y\",\"x\\u0085y\",\"\\ufeffbom\","
			 "\"nul\\u0000byte\",\"\\ttab\\n\\tlines\\n\"],"
			 "\"keep\":\"ends with newline\\n\"}");

	ASSERT(round_trips(&out, v));
	ASSERT_CONTAINS(out.ptr, "caf\xc3\xa9"); /* unicode is written as is */
	ASSERT_CONTAINS(out.ptr, "text: |");
	json_decref(v);
	buf_release(&out);
}

TEST(yamlio, round_trip_top_level_scalars)
{
	static const char *const cases[] = {
		"\"plain\"", "\"\"", "\"true\"", "42", "-7", "1.5", "1e+300", "0.1", "true",
		"null", "\"a\\nb\\n\\n\"", "\"...\"", "\"---\"", "[]", "{}",
	};
	struct buf out = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *v = json(cases[i]);
		bool ok = round_trips(&out, v);

		json_decref(v);
		if (!ok)
			fprintf(stderr, "    case %s\n", cases[i]);
		ASSERT(ok);
		ASSERT_NOT_CONTAINS(out.ptr, "\n...");
		ASSERT(strncmp(out.ptr, "---", 3) || !strcmp(cases[i], "\"---\""));
	}
	buf_release(&out);
}

/* Strings that a YAML 1.1 or 1.2 reader would take for another type are quoted. */
TEST(yamlio, ambiguous_strings_are_quoted)
{
	static const char *const quoted[] = {
		"true", "False", "yes", "No", "on", "OFF", "y", "null", "~", "NULL", "",
		"123", "-5", "+1", "0x1F", "0o17", "017", "1.5", "1e5", ".5", "1_000", "12:30",
		".inf", "-.Inf", ".NaN", "2024-01-02", "<<", "a: b", "a #b", "trail:",
		"-dash", "?q", ":c", ",", "[x", "]", "{x", "}", "#c", "&a", "*a", "!t", "|p",
		">f", "'s", "\"d", "%p", "@a", "`b", " lead", "trail ", "---", "...",
	};
	static const char *const plain[] = {
		"hello", "5m", "HighErrorRate", "a:b", "a#b", "x-1", "deadbeef", "v1.2.3",
		"sum(rate(x[5m])) > 0.05", "yes please",
	};
	struct buf out = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(quoted); i++) {
		json_t *v = json_pack("{s:s}", "k", quoted[i]);
		bool ok = round_trips(&out, v);

		json_decref(v);
		if (!ok || (out.ptr[3] != '\'' && out.ptr[3] != '"'))
			fprintf(stderr, "    case '%s' -> %s", quoted[i], out.ptr);
		ASSERT(ok);
		ASSERT(out.ptr[3] == '\'' || out.ptr[3] == '"');
	}
	for (size_t i = 0; i < ARRAY_SIZE(plain); i++) {
		json_t *v = json_pack("{s:s}", "k", plain[i]);
		bool ok = round_trips(&out, v);
		struct buf want = BUF_INIT;

		json_decref(v);
		buf_putf(&want, "k: %s\n", plain[i]);
		ok = ok && !strcmp(out.ptr, want.ptr);
		if (!ok)
			fprintf(stderr, "    case '%s' -> %s", plain[i], out.ptr);
		buf_release(&want);
		ASSERT(ok);
	}
	buf_release(&out);
}

TEST(yamlio, parse_types)
{
	static const char text[] = "# policy\n"
				   "b1: true\n"
				   "b2: False\n"
				   "n1: null\n"
				   "n2: ~\n"
				   "n3:\n"
				   "i1: 42\n"
				   "i2: -0017\n"
				   "i3: 0x1F\n"
				   "i4: 0o17\n"
				   "r1: 1.5\n"
				   "r2: -2e3\n"
				   "s1: \"true\"\n"
				   "s2: '42'\n"
				   "s3: yes\n"
				   "s4: .inf\n"
				   "s5: !!str 12\n"
				   "s6: 1.2.3\n"
				   "f1: !!float 3\n"
				   "list: [a, 'b', 3]\n"
				   "block: |\n"
				   "  x\n"
				   "  y\n";
	json_t *v = NULL;

	ASSERT_OK(yamlio_parse(&v, text, strlen(text), "policy.yml"));
	ASSERT(json_is_true(json_object_get(v, "b1")));
	ASSERT(json_is_false(json_object_get(v, "b2")));
	ASSERT(json_is_null(json_object_get(v, "n1")));
	ASSERT(json_is_null(json_object_get(v, "n2")));
	ASSERT(json_is_null(json_object_get(v, "n3")));
	ASSERT(json_is_integer(json_object_get(v, "i1")));
	ASSERT_INT_EQ(json_integer_value(json_object_get(v, "i1")), 42);
	ASSERT_INT_EQ(json_integer_value(json_object_get(v, "i2")), -17);
	ASSERT_INT_EQ(json_integer_value(json_object_get(v, "i3")), 31);
	ASSERT_INT_EQ(json_integer_value(json_object_get(v, "i4")), 15);
	ASSERT(json_is_real(json_object_get(v, "r1")));
	ASSERT(json_real_value(json_object_get(v, "r1")) == 1.5);
	ASSERT(json_real_value(json_object_get(v, "r2")) == -2000.0);
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "s1")), "true");
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "s2")), "42");
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "s3")), "yes");
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "s4")), ".inf");
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "s5")), "12");
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "s6")), "1.2.3");
	ASSERT(json_is_real(json_object_get(v, "f1")));
	ASSERT_INT_EQ(json_array_size(json_object_get(v, "list")), 3);
	ASSERT_INT_EQ(json_integer_value(json_array_get(json_object_get(v, "list"), 2)), 3);
	ASSERT_STR_EQ(json_string_value(json_object_get(v, "block")), "x\ny\n");
	json_decref(v);
}

TEST(yamlio, malformed_names_line)
{
	static const char text[] = "a: 1\nb:\n  - x\n  y: [\n";
	json_t *v = NULL;

	ASSERT_ERR(yamlio_parse(&v, text, strlen(text), "bad.yml"), ERR_INPUT);
	ASSERT(v == NULL);
	ASSERT_CONTAINS(err_last(), "cannot parse 'bad.yml': line 4, column ");
	ASSERT_ERR(yamlio_parse(&v, "key: \"open\n", 11, "q.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'q.yml': line 2");
	ASSERT_ERR(yamlio_parse(&v, "a: 1\n\tb: 2\n", 11, "tab.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "'tab.yml': line 2, column 1");
}

TEST(yamlio, refuses_aliases_anchors_duplicates)
{
	static const char alias[] = "a: &x 1\nb: *x\n";
	static const char dup[] = "a: 1\nb: 2\na: 3\n";
	static const char two[] = "a: 1\n---\nb: 2\n";
	static const char complex_key[] = "? [a, b]\n: 1\n";
	json_t *v = NULL;

	ASSERT_ERR(yamlio_parse(&v, alias, strlen(alias), "a.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "line 1, column 4: anchors are not supported");
	ASSERT_ERR(yamlio_parse(&v, "b: *x\n", 6, "a.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "alias");
	ASSERT_ERR(yamlio_parse(&v, dup, strlen(dup), "d.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "line 3, column 4: duplicate key 'a'");
	ASSERT_ERR(yamlio_parse(&v, two, strlen(two), "two.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "line 2");
	ASSERT_ERR(yamlio_parse(&v, complex_key, strlen(complex_key), "k.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "keys must be scalars");
	ASSERT_ERR(yamlio_parse(&v, "a: !!int x\n", 11, "t.yml"), ERR_INPUT);
	ASSERT_ERR(yamlio_parse(&v, "a: !custom x\n", 13, "t.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "unsupported tag");
	ASSERT_ERR(yamlio_parse(&v, "a: 99999999999999999999\n", 24, "t.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "out of range");
	ASSERT(v == NULL);
}

TEST(yamlio, empty_document_is_null)
{
	json_t *v = NULL;

	ASSERT_OK(yamlio_parse(&v, "", 0, "e.yml"));
	ASSERT(json_is_null(v));
	json_decref(v);
	v = NULL;
	ASSERT_OK(yamlio_parse(&v, "# only a comment\n", 17, "e.yml"));
	ASSERT(json_is_null(v));
	json_decref(v);
	v = NULL;
	ASSERT_OK(yamlio_parse(&v, "---\n", 4, "e.yml"));
	ASSERT(json_is_null(v));
	json_decref(v);
}

TEST(yamlio, deep_nesting_refused)
{
	struct buf text = BUF_INIT;
	json_t *v = NULL;

	for (int i = 0; i < 2000; i++)
		buf_puts(&text, "[");
	ASSERT_ERR(yamlio_parse(&v, text.ptr, text.len, "deep.yml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "nested deeper");
	buf_release(&text);
}

TEST(yamlio, emit_respects_cap_and_appends)
{
	struct buf out;
	json_t *v = json("{\"a\":\"0123456789012345678901234567890123456789\"}");

	buf_init(&out, 16);
	ASSERT_OK(buf_adds(&out, "# x\n"));
	ASSERT_ERR(yamlio_emit(&out, v), ERR_TOO_BIG);
	ASSERT_STR_EQ(out.ptr, "# x\n");
	buf_release(&out);
	buf_init(&out, 0);
	ASSERT_OK(buf_adds(&out, "# x\n"));
	ASSERT_OK(yamlio_emit(&out, v));
	ASSERT_STR_EQ(out.ptr, "# x\na: '0123456789012345678901234567890123456789'\n");
	buf_release(&out);
	json_decref(v);
}
