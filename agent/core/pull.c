#include "common.h"
#include "core/pull.h"
#include "util/err.h"
#include "util/sys.h"

bool pull_frame_matches(const struct frame_location *loc, const char *repo_path)
{
	size_t a = strlen(loc->path), b = strlen(repo_path);
	const char *longer = a >= b ? loc->path : repo_path, *shorter = a >= b ? repo_path : loc->path;
	size_t nl = a >= b ? a : b, ns = a >= b ? b : a;

	if (!strchr(loc->path, '/'))
		return !strcmp(sys_basename(repo_path), loc->file);
	if (!ns || strcmp(longer + nl - ns, shorter))
		return false;
	return nl == ns || longer[nl - ns - 1] == '/' || shorter[0] == '/';
}

int pull_load_diff(struct pull *pull, const char *diff, size_t len)
{
	char origin[64];
	int error;

	snprintf(origin, sizeof(origin), "pulls/%d.diff", pull->meta.number);
	if ((error = patch_parse(&pull->patch, diff, len, origin)) < 0)
		return error;
	pull->has_diff = pull->patch.nfiles > 0;
	return 0;
}

void pulls_free(struct pull *pulls, size_t count)
{
	for (size_t i = 0; pulls && i < count; i++) {
		github_pull_release(&pulls[i].meta);
		patch_release(&pulls[i].patch);
	}
	free(pulls);
}
