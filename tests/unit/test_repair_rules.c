#include "common.h"
#include "harness.h"
#include "core/repair_rules.h"
#include "util/sys.h"

/* A repository whose branch "fix" holds `files` (path, text pairs, NULL-terminated) on top of "main". */
static struct gitops *repo_with(const char *const *base, const char *const *fix)
{
	struct gitops *g = NULL;
	struct gitops_file f[8];
	size_t n = 0;
	char *dir = sys_path_join(harness_tmpdir(), "repo");

	if (gitops_init(&g, dir, "main") < 0)
		xdie("gitops_init: %s", err_last());
	for (n = 0; base[2 * n]; n++)
		f[n] = (struct gitops_file){base[2 * n], base[2 * n + 1], strlen(base[2 * n + 1]), false};
	if (gitops_commit_files(NULL, g, "main", NULL, f, n, "base") < 0)
		xdie("commit: %s", err_last());
	for (n = 0; fix[2 * n]; n++)
		f[n] = (struct gitops_file){fix[2 * n], fix[2 * n + 1], strlen(fix[2 * n + 1]), false};
	if (gitops_commit_files(NULL, g, "fix", "main", f, n, "the fix") < 0)
		xdie("commit: %s", err_last());
	free(dir);
	return g;
}

static const char *find_file(const struct repair_change *c, const char *path, bool *removed)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (!strcmp(c->files[i].path, path)) {
			*removed = c->files[i].remove;
			return c->files[i].remove ? "" : c->files[i].data;
		}
	return NULL;
}

TEST(repair_rules, flyway_clash_renamed_to_the_next_free_version)
{
	static const char *const base[] = {"db/migration/V1__init.sql", "create table a (id int);\n",
					   "db/migration/V2__b.sql", "create table b (id int);\n",
					   "db/migration/V4__add_updated_at.sql", "alter table a add x int;\n", NULL};
	static const char *const fix[] = {"db/migration/V4__restore_default.sql", "alter table a alter x set default 0;\n",
					  NULL};
	char *pr[] = {(char *)"db/migration/V4__restore_default.sql", NULL};
	struct repair_evidence ev = {0};
	struct repair_change c = REPAIR_CHANGE_INIT;
	struct gitops *g = repo_with(base, fix);
	struct repair_input in = {&ev, g, "fix", "main", pr};
	bool removed = false;
	const char *data;

	ev.cls.kind = CICLASS_MIGRATION;
	ev.failure_lines = (char *)"Caused by: org.flywaydb.core.api.FlywayException: Found more than one "
				   "migration with version 4\n";
	ASSERT_OK(repair_rules_apply(&c, &in));
	ASSERT_STR_EQ(c.rule, "flyway-renumber");
	ASSERT_INT_EQ(c.nfiles, 2);
	ASSERT(find_file(&c, "db/migration/V4__restore_default.sql", &removed) && removed);
	data = find_file(&c, "db/migration/V5__restore_default.sql", &removed);
	ASSERT(data && !removed);
	ASSERT_STR_EQ(data, "alter table a alter x set default 0;\n");
	ASSERT_CONTAINS(c.summary.ptr, "version 4");
	repair_change_release(&c);
	/* a clash the pull request did not make is not ours to rename */
	ev.failure_lines = (char *)"Found more than one migration with version 2\n";
	ASSERT_ERR(repair_rules_apply(&c, &in), ERR_NOTFOUND);
	gitops_free(g);
}

TEST(repair_rules, a_json_trailing_comma_and_a_go_import)
{
	static const char *const base[] = {"README.md", "x\n", NULL};
	static const char *const fix[] = {"config/flags.json", "{\"a\": [1, 2,],\n \"b\": \"x, }\",\n}\n",
					  "cmd/app/main.go", "package main\n\nimport (\n\t\"fmt\"\n)\n\nfunc main() "
					  "{ fmt.Println(strings.ToUpper(\"x\")) }\n", NULL};
	char *pr[] = {(char *)"cmd/app/main.go", (char *)"config/flags.json", NULL};
	struct repair_evidence ev = {0};
	struct repair_change c = REPAIR_CHANGE_INIT;
	struct gitops *g = repo_with(base, fix);
	struct repair_input in = {&ev, g, "fix", "main", pr};
	bool removed = false;
	const char *data;

	ev.cls.kind = CICLASS_SYNTAX;
	ASSERT_OK(repair_rules_apply(&c, &in));
	ASSERT_STR_EQ(c.rule, "json-syntax");
	data = find_file(&c, "config/flags.json", &removed);
	ASSERT_STR_EQ(data, "{\"a\": [1, 2],\n \"b\": \"x, }\"\n}\n"); /* the comma in the string stays */
	repair_change_release(&c);
	ev.cls.kind = CICLASS_COMPILE;
	ev.failure_lines = (char *)"##[error]cmd/app/main.go:7:28: undefined: strings\n";
	ASSERT_OK(repair_rules_apply(&c, &in));
	ASSERT_STR_EQ(c.rule, "go-import");
	data = find_file(&c, "cmd/app/main.go", &removed);
	ASSERT_CONTAINS(data, "import (\n\t\"strings\"\n\t\"fmt\"\n)");
	repair_change_release(&c);
	/* a name that is no standard package: nothing mechanical */
	ev.failure_lines = (char *)"cmd/app/main.go:7:28: undefined: frobnicate\n";
	ASSERT_ERR(repair_rules_apply(&c, &in), ERR_NOTFOUND);
	gitops_free(g);
}
