#include "common.h"
#include "io/gz.h"
#include "util/err.h"
#include "util/sys.h"

#include <errno.h>
#include <zlib.h>

bool gz_magic(const char *p, size_t n)
{
	return n >= 2 && (unsigned char)p[0] == 0x1F && (unsigned char)p[1] == 0x8B;
}

int gz_inflate(char *in, size_t inlen, int fd, const char *name, gz_sink sink, void *ctx)
{
	z_stream zs;
	char *out = xmalloc(GZ_CHUNK);
	bool ended = false;
	int zr, error = 0;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
		free(out);
		return err_set(ERR_FAIL, "cannot read '%s': zlib: %s", name, zs.msg ? zs.msg : "no memory");
	}
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)inlen;
	for (;;) {
		if (!zs.avail_in) {
			ssize_t r = fd < 0 ? 0 : sys_read_some(fd, in, GZ_CHUNK);

			if (r < 0) {
				error = err_set(ERR_IO, "cannot read '%s': %s", name, strerror(errno));
				break;
			}
			if (!r) {
				if (!ended)
					error = err_set(ERR_INPUT, "cannot read '%s': gzip data ends early", name);
				break;
			}
			zs.next_in = (Bytef *)in;
			zs.avail_in = (uInt)r;
		}
		if (ended) {
			/* another member, or the end */
			if (zs.avail_in < 2 && fd >= 0) {
				ssize_t r;

				memmove(in, zs.next_in, zs.avail_in);
				r = sys_read_some(fd, in + zs.avail_in, GZ_CHUNK - zs.avail_in);
				if (r > 0)
					zs.avail_in += (uInt)r;
				zs.next_in = (Bytef *)in;
			}
			if (!gz_magic((const char *)zs.next_in, zs.avail_in))
				break;
			inflateReset(&zs);
		}
		zs.next_out = (Bytef *)out;
		zs.avail_out = GZ_CHUNK;
		zr = inflate(&zs, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			error = err_set(ERR_INPUT, "cannot read '%s': corrupt gzip data (%s)", name,
					zs.msg ? zs.msg : "inflate failed");
			break;
		}
		sink(ctx, out, GZ_CHUNK - zs.avail_out);
		ended = zr == Z_STREAM_END;
	}
	inflateEnd(&zs);
	free(out);
	return error;
}
