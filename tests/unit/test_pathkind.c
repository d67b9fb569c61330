#include "common.h"
#include "harness.h"
#include "util/pathkind.h"

TEST(pathkind, settings_manifests_tests_and_docs)
{
	ASSERT(pathkind_is_config("config/production.yaml"));
	ASSERT(pathkind_is_config("infra/terraform/envs/prod/alb.tf"));
	ASSERT(pathkind_is_config("infra/prod.tfvars"));
	ASSERT(pathkind_is_config(".env.production"));
	ASSERT(!pathkind_is_config("pom.xml"));
	ASSERT(!pathkind_is_config("src/tf/handler.go"));
	ASSERT(pathkind_is_manifest("packages/http-client/package.json"));
	ASSERT(pathkind_is_manifest("requirements-dev.txt"));
	ASSERT(pathkind_is_manifest("api.Dockerfile"));
	ASSERT(!pathkind_is_manifest("docs/requirements.md"));
	ASSERT(pathkind_is_test_or_doc("src/app/__tests__/pay.test.ts"));
	ASSERT(pathkind_is_test_or_doc("docs/runbook.md"));
	ASSERT(!pathkind_is_test_or_doc("src/app/pay.ts"));
}
