#include "common.h"
#include "util/pathkind.h"
#include "util/sys.h"
#include "util/text.h"

#include <strings.h>

#define ends_with text_ends_with_ci

bool pathkind_is_manifest(const char *path)
{
	const char *base = sys_basename(path);
	static const char *const names[] = {
		"pom.xml", "build.gradle", "build.gradle.kts", "package.json", "go.mod",
		"Pipfile", "pyproject.toml", "Gemfile", "Cargo.toml", "composer.json", "setup.py",
		"setup.cfg", "Directory.Packages.props", "package-lock.json", "yarn.lock",
		"pnpm-lock.yaml", "poetry.lock", "Pipfile.lock", "Gemfile.lock", "Cargo.lock", "go.sum",
		"composer.lock", "packages.lock.json", "gradle.lockfile", "uv.lock", "Dockerfile",
		"Containerfile", ".tool-versions", ".nvmrc", ".python-version", ".ruby-version",
		"runtime.txt", "global.json",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(base, names[i]))
			return true;
	/* a base image is a dependency too: "Dockerfile", "api.Dockerfile", "Dockerfile.prod" */
	return (!strncmp(base, "requirements", 12) && ends_with(base, ".txt")) ||
	       ends_with(base, ".csproj") || ends_with(base, ".dockerfile") ||
	       !strncmp(base, "Dockerfile.", 11);
}

bool pathkind_is_config(const char *path)
{
	static const char *const exts[] = {
		".json", ".yaml", ".yml", ".properties", ".toml", ".ini", ".env", ".conf", ".cfg",
		".xml", ".hcl", ".tf", ".tfvars",
	};
	const char *base = sys_basename(path);

	if (!strcmp(base, "pom.xml"))
		return false;
	if (!strncmp(base, ".env", 4))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(exts); i++)
		if (ends_with(base, exts[i]))
			return true;
	return false;
}

bool pathkind_is_test_or_doc(const char *path)
{
	const char *base = sys_basename(path);

	return strstr(path, "/test/") || strstr(path, "/tests/") || !strncmp(path, "test/", 5) ||
	       !strncmp(path, "tests/", 6) || strstr(path, "__tests__") || strstr(base, "_test.") ||
	       strstr(base, ".test.") || strstr(base, ".spec.") || strstr(base, "Test.") ||
	       strstr(base, "Tests.") || !strncmp(base, "test_", 5) || ends_with(base, ".md") ||
	       !strncmp(path, "docs/", 5) || strstr(path, "/docs/");
}

bool pathkind_is_source_or_config(const char *path)
{
	static const char *const exts[] = {
		".java", ".kt", ".kts", ".scala", ".groovy", ".py", ".go", ".js", ".mjs", ".cjs", ".ts",
		".tsx", ".jsx", ".rb", ".php", ".cs", ".fs", ".vb", ".rs", ".c", ".h", ".cc", ".cpp",
		".hpp", ".swift", ".ex", ".exs", ".erl", ".clj", ".cds", ".sql", ".sh", ".tf",
	};
	const char *base = sys_basename(path);

	if (pathkind_is_config(path) && !pathkind_is_manifest(path))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(exts); i++)
		if (ends_with(base, exts[i]))
			return true;
	return false;
}

bool pathkind_is_ci(const char *path)
{
	const char *base = sys_basename(path);

	return !strncmp(path, ".github/", 8) || !strncmp(path, ".circleci/", 10) ||
	       !strncmp(path, ".buildkite/", 11) || !strcmp(base, ".gitlab-ci.yml") ||
	       !strcmp(base, "Jenkinsfile") || !strcmp(base, "azure-pipelines.yml") ||
	       !strcmp(base, ".travis.yml") || !strcmp(base, "bitbucket-pipelines.yml");
}
