#include "common.h"
#include "recorded.h"
#include "io/github_offline.h"

static int open_recorded(struct github **out, char **note, const struct pipeline_github *g,
			 const char *out_dir)
{
	(void)note;
	return github_offline_new(out, g->ctx, out_dir);
}

void recorded_github(struct pipeline_github *out, const char *dir)
{
	out->open = open_recorded;
	out->ctx = dir;
	out->name = NULL;
}
