/*
 * crypto.h - the only user of mbedTLS: hashes and MACs as lower-case hex.
 */
#ifndef AIOPS_CRYPTO_H
#define AIOPS_CRYPTO_H

#include "common.h"

#define CRYPTO_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* SHA-256 of `len` bytes as 64 lower-case hex digits. */
int crypto_sha256_hex(char out[CRYPTO_SHA256_HEX], const void *data, size_t len);
/* HMAC-SHA-256 of `data` under `key`, as hex. */
int crypto_hmac_sha256_hex(char out[CRYPTO_SHA256_HEX], const void *key, size_t keylen,
			   const void *data, size_t len);

#endif
