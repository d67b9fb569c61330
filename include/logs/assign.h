/*
 * assign.h - where `digest --assign` keeps its per-line ids (digest_types.h `assign`).
 *
 * Four bytes a line add up: a gzip of empty lines 1,000 times smaller than its text
 * would need gigabytes. Up to `assign_mem_max` bytes (ASSIGN_MEM_MAX by default) the ids
 * live on the heap; past it they move to an unlinked temporary file (in $TMPDIR, else
 * /tmp) mapped shared, and the pages of lines the digest is done with are handed back
 * (madvise): the kernel writes them out, so memory stays bounded and the array is still
 * an array. When no temporary file can be made, the heap is used. A reader of all
 * the ids (digest --assign) hands pages back as it goes with assign_forget().
 */
#ifndef AIOPS_ASSIGN_H
#define AIOPS_ASSIGN_H

#include "common.h"
#include "logs/digest_types.h"

#define ASSIGN_MEM_MAX ((size_t)8 << 20)
#define ASSIGN_FORGET_EVERY ((size_t)1 << 20) /* lines between two hand-backs */

/* Room for at least `need` ids (d->assign_alloc grows geometrically). */
void assign_grow(struct digest *d, size_t need);
/* The ids of lines before `below` (0-based) are not needed in memory for now. */
void assign_forget(struct digest *d, size_t below);
void assign_free(struct digest *d);

#endif
