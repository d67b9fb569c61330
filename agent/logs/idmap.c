#include "common.h"
#include "logs/idmap.h"
#include "util/alloc.h"

uint32_t idmap_get(const struct idmap *m, uint64_t key)
{
	if (!m->cap)
		return IDMAP_NONE;
	for (size_t i = key & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->vals[i];
		if (!m->keys[i])
			return IDMAP_NONE;
	}
}

static void set_raw(struct idmap *m, uint64_t key, uint32_t val)
{
	size_t i = key & (m->cap - 1);

	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i])
		m->used++;
	m->keys[i] = key;
	m->vals[i] = val;
}

/*
 * Insert or overwrite. `fill` is the load (in quarters) allowed at the maximum size, so
 * optional entries (aliases) can stop earlier than required ones. False when full.
 */
bool idmap_put(struct idmap *m, uint64_t key, uint32_t val, unsigned fill)
{
	if (m->cap && idmap_get(m, key) != IDMAP_NONE) {
		set_raw(m, key, val);
		return true;
	}
	if (!m->cap || (m->used + 1) * 2 > m->cap) {
		if (m->cap >= m->max) {
			if ((m->used + 1) * 4 > m->cap * fill)
				return false;
		} else {
			struct idmap old = *m;

			m->cap = m->cap ? m->cap * 2 : 256;
			m->used = 0;
			m->keys = xcalloc(m->cap, sizeof(*m->keys));
			m->vals = xcalloc(m->cap, sizeof(*m->vals));
			for (size_t i = 0; i < old.cap; i++)
				if (old.keys[i])
					set_raw(m, old.keys[i], old.vals[i]);
			free(old.keys);
			free(old.vals);
		}
	}
	set_raw(m, key, val);
	return true;
}

/* Remove a key (backward-shift deletion keeps probe chains intact without tombstones). */
void idmap_del(struct idmap *m, uint64_t key)
{
	size_t mask = m->cap - 1, i, j;

	if (!m->cap)
		return;
	for (i = key & mask; m->keys[i] != key; i = (i + 1) & mask)
		if (!m->keys[i])
			return;
	for (j = i;;) {
		size_t home;

		j = (j + 1) & mask;
		if (!m->keys[j])
			break;
		home = m->keys[j] & mask;
		/* an entry may move back to i unless its home lies cyclically in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = 0;
	m->used--;
}

void idmap_release(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
