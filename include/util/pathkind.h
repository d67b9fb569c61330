/*
 * pathkind.h - what kind of file a repository path is, judged by its name: the
 * remediation rules and the blame ranking treat code, configuration, dependency
 * manifests and tests/docs differently.
 */
#ifndef AIOPS_PATHKIND_H
#define AIOPS_PATHKIND_H

#include "common.h"

/* Configuration: .json .yaml .yml .properties .toml .ini .env .conf .cfg .xml (not pom.xml) .hcl .tfvars */
bool pathkind_is_config(const char *path);
/* Dependency manifests and lock files: pom.xml, build.gradle(.kts), package.json, go.mod,
 * requirements*.txt, package-lock.json, poetry.lock, go.sum, ... */
bool pathkind_is_manifest(const char *path);
/* Code (by language extension) or configuration, lock files and manifests aside. */
bool pathkind_is_source_or_config(const char *path);
/* CI configuration: .github/, .gitlab-ci.yml, Jenkinsfile, .circleci/, ... */
bool pathkind_is_ci(const char *path);
/* Tests and documentation: test folders and names, *.md, docs/ */
bool pathkind_is_test_or_doc(const char *path);

#endif
