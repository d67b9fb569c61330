/*
 * idmap.h - a map from 64-bit hashes to 32-bit ids (open addressing, no tombstones),
 * growing up to a fixed size: the digest's template index (masked-line hash ->
 * template, merge bucket -> newest template). Private to agent/logs/.
 *
 * Key 0 means an empty slot, so callers hash to non-zero keys (lex_hash never gives 0).
 */
#ifndef AIOPS_LOGS_IDMAP_H
#define AIOPS_LOGS_IDMAP_H

#include "common.h"

#define IDMAP_NONE UINT32_MAX /* no such key */

struct idmap {
	uint64_t *keys; /* 0 = empty */
	uint32_t *vals;
	size_t cap, used, max; /* `max`: the largest `cap` (a power of two), set before use */
};

/* The id under `key`, or IDMAP_NONE. */
uint32_t idmap_get(const struct idmap *m, uint64_t key);
/*
 * Insert or overwrite. `fill` is the load (in quarters) allowed at the maximum size, so
 * optional entries (aliases) can stop earlier than required ones. False when full.
 */
bool idmap_put(struct idmap *m, uint64_t key, uint32_t val, unsigned fill);
/* Remove a key (absent keys are fine). */
void idmap_del(struct idmap *m, uint64_t key);
/* Free the slots; the map is empty again (its `max` is cleared too). */
void idmap_release(struct idmap *m);

#endif
