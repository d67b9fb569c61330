/*
 * gz.h - gzip input (zlib), so that a log can be given compressed: the only module that
 * uses zlib.
 */
#ifndef AIOPS_GZ_H
#define AIOPS_GZ_H

#include "common.h"

/* Bytes read from `fd` at a time; `in` of gz_inflate() must hold this many. */
#define GZ_CHUNK (64u << 10)

/* True when `p` starts with gzip's magic bytes. */
bool gz_magic(const char *p, size_t n);

/* Where inflated bytes go, in pieces of at most GZ_CHUNK. */
typedef void (*gz_sink)(void *ctx, const char *data, size_t len);

/*
 * Inflate gzip data into `sink`: `in` holds the first `inlen` bytes, and more are read
 * from `fd` into it (GZ_CHUNK bytes at a time); when fd < 0 there is no more and `in` is
 * only read. Members written one after the other (cat a.gz b.gz) are one stream, as for
 * gzip -d; bytes after the last member that do not start another are ignored. Errors
 * name `name`: ERR_INPUT for corrupt or truncated data, ERR_IO for a failed read.
 */
int gz_inflate(char *in, size_t inlen, int fd, const char *name, gz_sink sink, void *ctx);

#endif
