/*
 * github_cache.h - a backend over any other backend (github.h) that reads the default
 * branch's files from a local checkout when it holds them (GITHUB_WORKSPACE), else from
 * the backend, and keeps what it read: the evidence, the planner and the prompts read
 * the same files, and GitHub is asked once. Every other operation goes to the backend
 * wrapped. Safe to read from several threads at once when the backend is.
 */
#ifndef AIOPS_GITHUB_CACHE_H
#define AIOPS_GITHUB_CACHE_H

#include "common.h"
#include "io/github.h"

/*
 * Wrap `inner` (owned by the result from now on, freed with it); `checkout` is a folder
 * holding the default branch, or NULL. Never fails today; returns 0.
 */
int github_cache_new(struct github **out, struct github *inner, const char *checkout);

#endif
