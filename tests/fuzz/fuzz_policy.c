/*
 * fuzz_policy.c - the safety policy file (core/policy.c over io/yamlio.c's libyaml
 * reader): `.github/aiops-agent.yml` as anyone with write access may have edited it.
 *
 * Invariants:
 *   - YAML the reader accepts, emitted by yamlio_emit, reads back as the same value;
 *   - whatever the file says, the rules that always hold do: nothing under .github/,
 *     .git/ or outside the repository is writable, and no CODEOWNERS;
 *   - every line of the input taken as a path: a path the policy allows is a plain
 *     relative path (checked here independently: no "..", "." or empty component, no
 *     ".git", not absolute, no control byte, not under .github/).
 */
#include "common.h"
#include "fuzz.h"
#include "core/policy.h"
#include "io/yamlio.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdlib.h>

static char *policy_path;

static const char *const never[] = {
	".github/workflows/deploy.yml", ".github/actions/setup/action.yml", ".github/CODEOWNERS",
	"CODEOWNERS", "docs/CODEOWNERS", ".git/config", ".git/hooks/pre-commit", "src/.git/x",
	"../outside", "a/../../b", "/etc/passwd", "~/.ssh/config", "./x", "a//b", "a/./b",
	"c:\\x", "a\nb", "",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	policy_path = fuzz_path("aiops-agent.yml");
	return 0;
}

static void check_yaml_round_trip(const uint8_t *data, size_t size)
{
	json_t *v = NULL, *back = NULL;
	struct buf text = BUF_INIT;

	if (yamlio_parse(&v, (const char *)data, size, "fuzz.yml") < 0)
		return;
	if (yamlio_emit(&text, v) < 0)
		fuzz_fail("parsed YAML cannot be emitted: %s", err_last());
	if (yamlio_parse(&back, text.ptr, text.len, "emitted") < 0)
		fuzz_fail("emitted YAML does not parse: %s\n%s", err_last(), text.ptr);
	if (!json_equal(v, back))
		fuzz_fail("YAML changes when emitted and read back:\n%s", text.ptr);
	json_decref(v);
	json_decref(back);
	buf_release(&text);
}

static bool plain_component(const char *s, size_t n)
{
	return n && !(n == 1 && s[0] == '.') && !(n == 2 && s[0] == '.' && s[1] == '.') &&
	       !(n == 4 && !memcmp(s, ".git", 4));
}

/* An allowed path, checked without the policy's code. */
static void check_allowed_path(const char *path)
{
	const char *s = path;

	if (path[0] == '/' || !strncmp(path, ".github/", 8) || !strcmp(path, ".github"))
		fuzz_fail("'%s' allowed", path);
	for (const char *c = path; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			fuzz_fail("a path with control bytes allowed");
	for (;;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);

		if (!plain_component(s, n) && !(n == 0 && !slash && s > path))
			fuzz_fail("'%s' allowed", path); /* a trailing '/' names a folder: harmless */
		if (!slash)
			break;
		s = slash + 1;
	}
}

static void check_paths(const struct policy *p, const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(never); i++)
		if (policy_check_path(p, never[i]) != ERR_POLICY)
			fuzz_fail("'%s' allowed by a policy file", never[i]);
	for (size_t at = 0; at < size;) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t n = nl ? (size_t)(nl - (data + at)) : size - at;
		char *path = fuzz_cstr(data + at, n);

		if (strlen(path) == n && policy_check_path(p, path) == 0)
			check_allowed_path(path);
		free(path);
		at += n + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy p = POLICY_INIT;

	if (!policy_path)
		LLVMFuzzerInitialize(NULL, NULL);
	err_clear();
	check_yaml_round_trip(data, size);
	fuzz_write(policy_path, data, size);
	if (policy_load(&p, policy_path) == 0) {
		check_paths(&p, data, size);
		policy_action_class(&p, "restart-and-scale-out");
		policy_action_class(&p, "delete-namespace");
	}
	policy_release(&p);
	return 0;
}
