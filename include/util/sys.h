/*
 * sys.h - the operating system, wrapped: capped
 * file reads, atomic writes, directories, time.
 *
 * Paths in error messages are quoted as given, so the user sees the file they named.
 */
#ifndef AIOPS_SYS_H
#define AIOPS_SYS_H

#include "common.h"
#include "util/buf.h"
#include "util/alloc.h"

#include <sys/types.h>
#include <time.h>

/*
 * Read a whole file into `out` (appended). Fails with ERR_NOTFOUND when it does not
 * exist, ERR_TOO_BIG past `max` bytes (the message names the file and the limit),
 * ERR_IO otherwise.
 */
int sys_read_file(struct buf *out, const char *path, size_t max);
/*
 * Read the file `path` (relative, from a diff, a stack frame or a model: untrusted) of
 * the tree at `root` (a real path: realpath'ed by the caller). Before anything is read,
 * `path` must be relative with no ".." part and not under .git/, and must resolve, links
 * followed, to a regular file inside `root`: anything else is ERR_NOTFOUND, as a file the
 * tree does not have.
 */
int sys_read_confined(struct buf *out, const char *root, const char *path, size_t max);

/*
 * Write `len` bytes to `path` atomically: a temporary file in the same directory,
 * fsync, rename. Parent directories are created.
 */
int sys_write_file(const char *path, const void *data, size_t len);

/* mkdir -p; ERR_IO naming the path on failure. */
int sys_mkdir_p(const char *path, unsigned mode);
/* rm -rf; a missing path is not an error. */
int sys_remove_tree(const char *path);
/*
 * Remove a scratch folder on the way out of a failed (or finished) step without losing
 * what the step said: the error code and message stay as they were.
 */
void sys_discard_tree(const char *path);
/* Copy a directory tree (regular files and directories only). */
int sys_copy_tree(const char *from, const char *to);

/* read() that goes on after EINTR: the bytes read, 0 at the end, -1 on error (errno). */
ssize_t sys_read_some(int fd, char *buf, size_t cap);

bool sys_is_dir(const char *path);
bool sys_is_file(const char *path);
/* File size, or -1 when it cannot be read. */
long long sys_file_size(const char *path);

/*
 * List the regular files below `dir` recursively, as paths relative to `dir`, sorted.
 * `*out` is a new NULL-terminated array of new strings; free with sys_free_list.
 */
int sys_list_files(char ***out, size_t *count, const char *dir);
void sys_free_list(char **list);

/* Join two path parts with one '/'; new string. */
char *sys_path_join(const char *a, const char *b);
/* The last component of a path (borrowed pointer into `path`). */
const char *sys_basename(const char *path);


/* Monotonic clock in seconds. */
double sys_now(void);

/*
 * Parse an RFC 3339 timestamp ("2026-11-18T03:12:00Z", fractional seconds and numeric
 * offsets accepted) into seconds since the epoch. ERR_INPUT when it is not one.
 */
int sys_parse_time(time_t *out, const char *s);
/* Format as "2026-11-18T03:12:00Z" into `out` (at least 21 bytes). */
void sys_format_time(char *out, size_t size, time_t t);

#endif
