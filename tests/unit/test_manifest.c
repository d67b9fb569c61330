/* Infrastructure as code: the action's change made in the manifests, in place. */
#include "common.h"
#include "harness.h"
#include "core/manifest.h"
#include "io/yamlio.h"

TEST(manifest, quantities_in_mebibytes)
{
	ASSERT_INT_EQ(manifest_mebibytes("512Mi"), 512);
	ASSERT_INT_EQ(manifest_mebibytes("1Gi"), 1024);
	ASSERT_INT_EQ(manifest_mebibytes("1.5Gi"), 1536);
	ASSERT_INT_EQ(manifest_mebibytes("800M"), 763);
	ASSERT_INT_EQ(manifest_mebibytes("1073741824"), 1024);
	ASSERT_INT_EQ(manifest_mebibytes("lots"), -1);
	ASSERT_INT_EQ(manifest_mebibytes("12Qi"), -1);
}

TEST(manifest, scalars_know_their_path_and_place)
{
	static const char *const text =
		"# the API\n"
		"kind: Deployment\n"
		"metadata: {name: api}\n"
		"spec:\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"        - name: app   # the only one\n"
		"          resources:\n"
		"            limits:\n"
		"              memory: \"512Mi\"  # raised in INC-1\n"
		"---\n"
		"kind: HorizontalPodAutoscaler\n"
		"spec: {maxReplicas: 4}\n";
	struct yamlio_scalar *v = NULL;
	size_t n = 0;
	const struct yamlio_scalar *mem = NULL, *max = NULL;

	ASSERT_OK(yamlio_scalars(&v, &n, text, strlen(text), "k8s.yaml"));
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i].path, "spec.template.spec.containers.0.resources.limits.memory"))
			mem = &v[i];
		if (!strcmp(v[i].path, "spec.maxReplicas"))
			max = &v[i];
	}
	ASSERT(mem && max);
	ASSERT_STR_EQ(mem->value, "512Mi");
	ASSERT_INT_EQ(mem->document, 1);
	ASSERT_INT_EQ(max->document, 2);
	/* the range is the scalar as written, quotes included: what to replace */
	ASSERT(!strncmp(text + mem->start, "\"512Mi\"", mem->end - mem->start));
	ASSERT_INT_EQ(mem->line, 10);
	yamlio_scalars_free(v, n);
	ASSERT_ERR(yamlio_scalars(&v, &n, "a: [1, 2", 8, "broken.yaml"), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "broken.yaml");
}
