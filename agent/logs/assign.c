#include "common.h"
#include "logs/assign.h"
#include "util/alloc.h"
#include "util/settings.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t mem_max(const struct digest *d)
{
	return d->assign_mem_max ? d->assign_mem_max : ASSIGN_MEM_MAX;
}

/* An unlinked temporary file of `bytes`, or -1. */
static int spill_file(size_t bytes)
{
	const char *dir = settings_get("TMPDIR");
	char *path = xasprintf("%s/aiops-assign-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);

	if (fd >= 0) {
		unlink(path);
		if (ftruncate(fd, (off_t)bytes) < 0) {
			close(fd);
			fd = -1;
		}
	}
	free(path);
	return fd;
}

/* The ids moved to a mapped file of `alloc` entries; false when that cannot be done. */
static bool spill(struct digest *d, size_t alloc)
{
	size_t bytes = alloc * sizeof(*d->assign);
	int fd = spill_file(bytes);
	uint32_t *map;

	if (fd < 0)
		return false;
	map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		close(fd);
		return false;
	}
	if (d->assign_alloc)
		memcpy(map, d->assign, d->assign_alloc * sizeof(*d->assign));
	free(d->assign);
	d->assign = map;
	d->assign_fd = fd;
	d->assign_mapped = true;
	assign_forget(d, d->assign_alloc); /* what was copied goes to the file */
	return true;
}

/* A mapped array grown to `alloc` entries; false when the file cannot grow. */
static bool grow_mapped(struct digest *d, size_t alloc)
{
	size_t old = d->assign_alloc * sizeof(*d->assign), bytes = alloc * sizeof(*d->assign);
	uint32_t *map;

	if (ftruncate(d->assign_fd, (off_t)bytes) < 0)
		return false;
	map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, d->assign_fd, 0);
	if (map == MAP_FAILED)
		return false;
	munmap(d->assign, old); /* the data is in the file, which the new mapping shows */
	d->assign = map;
	return true;
}

void assign_grow(struct digest *d, size_t need)
{
	size_t alloc = d->assign_alloc ? d->assign_alloc : 4096;

	while (alloc < need)
		alloc *= 2;
	if (alloc <= d->assign_alloc)
		return;
	if (d->assign_mapped ? grow_mapped(d, alloc)
			     : alloc * sizeof(*d->assign) > mem_max(d) && spill(d, alloc)) {
		d->assign_alloc = alloc;
		return;
	}
	if (d->assign_mapped)
		xdie("cannot grow the line assignments' temporary file");
	d->assign = xrealloc(d->assign, alloc * sizeof(*d->assign));
	d->assign_alloc = alloc;
}

void assign_forget(struct digest *d, size_t below)
{
	long ps = sysconf(_SC_PAGESIZE);
	size_t page = ps > 0 ? (size_t)ps : 4096, bytes = below * sizeof(*d->assign);

	if (!d->assign_mapped || bytes < page)
		return;
	/* shared file pages: dropped from the process, kept in the file (and page cache) */
	madvise(d->assign, bytes / page * page, MADV_DONTNEED);
}

void assign_free(struct digest *d)
{
	if (d->assign_mapped) {
		munmap(d->assign, d->assign_alloc * sizeof(*d->assign));
		close(d->assign_fd);
	} else {
		free(d->assign);
	}
	d->assign = NULL;
	d->assign_alloc = 0;
	d->assign_mapped = false;
}
