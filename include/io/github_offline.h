/*
 * github_offline.h - the file-backed twin of the GitHub client (see github.h).
 */
#ifndef AIOPS_GITHUB_OFFLINE_H
#define AIOPS_GITHUB_OFFLINE_H

#include "common.h"
#include "io/github.h"

/*
 * Reads `github_dir` (a scenario's github/ folder: repo.json, pulls.json, pulls/N.diff,
 * tree/; NULL or missing means no recorded state: no pull requests, no files) and writes
 * issue.md, pr.md and dispatch.json into `out_dir`. Issue and PR numbers continue after
 * the highest number in pulls.json, as they would on GitHub; URLs are built from
 * repo.json's html_url.
 */
int github_offline_new(struct github **out, const char *github_dir, const char *out_dir);

#endif
