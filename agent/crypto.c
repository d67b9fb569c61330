#include "common.h"
#include "crypto.h"
#include "err.h"

#include <mbedtls/error.h>
#include <mbedtls/md.h>

static void to_hex(char out[CRYPTO_SHA256_HEX], const unsigned char *md, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 0xf];
	}
	out[2 * n] = '\0';
}

static int md_error(int ret, const char *what)
{
	char msg[128];

	mbedtls_strerror(ret, msg, sizeof(msg));
	return err_set(ERR_FAIL, "cannot compute %s: %s", what, msg);
}

/*
 * Callers may pass NULL for an empty message or key; mbedTLS may hand the pointer to
 * memcpy even for length 0, where NULL is undefined behaviour, so give it a real one.
 */
static const unsigned char *nonnull(const void *p)
{
	static const unsigned char empty[1];

	return p ? p : empty;
}

int crypto_sha256_hex(char out[CRYPTO_SHA256_HEX], const void *data, size_t len)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	unsigned char md[32];
	int ret;

	if (!info)
		return err_set(ERR_FAIL, "cannot compute SHA-256: not available in mbedTLS");
	if ((ret = mbedtls_md(info, nonnull(data), len, md)) != 0)
		return md_error(ret, "SHA-256");
	to_hex(out, md, sizeof(md));
	return 0;
}

int crypto_hmac_sha256_hex(char out[CRYPTO_SHA256_HEX], const void *key, size_t keylen,
			   const void *data, size_t len)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	unsigned char md[32];
	int ret;

	if (!info)
		return err_set(ERR_FAIL, "cannot compute HMAC-SHA-256: not available in mbedTLS");
	ret = mbedtls_md_hmac(info, nonnull(key), keylen, nonnull(data), len, md);
	if (ret != 0)
		return md_error(ret, "HMAC-SHA-256");
	to_hex(out, md, sizeof(md));
	return 0;
}
