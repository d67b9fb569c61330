/*
 * pull.h - a merged pull request with its parsed diff, and where stack frames point, so
 * that the modules that judge pull requests (blame, causal) share one picture of both.
 */
#ifndef AIOPS_PULL_H
#define AIOPS_PULL_H

#include "common.h"
#include "io/github.h"
#include "util/patch.h"

/* A merged pull request with its parsed diff. */
struct pull {
	struct github_pull meta;
	struct patch patch;
	bool has_diff;
};

/* Where an application stack frame points: the file's base name and the line. */
struct frame_location {
	char file[128];  /* base name */
	char path[256];  /* the path the frame shows ("/app/src/x.py", "com/acme/Order.java"
			    from a Java class), or the base name when it shows no more */
	int line;
	double weight; /* 1 for the frame nearest the error, less for deeper ones */
};

/*
 * True when a repository path is the file a frame points at: one path ends with the
 * other at a '/' boundary ("src/x.py" and "/app/src/x.py"); a frame that shows only a
 * base name matches by base name.
 */
bool pull_frame_matches(const struct frame_location *loc, const char *repo_path);

/* Parse a pull request's diff into `pull->patch` (has_diff false when empty). */
int pull_load_diff(struct pull *pull, const char *diff, size_t len);
void pulls_free(struct pull *pulls, size_t count);

#endif
