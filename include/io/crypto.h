/*
 * crypto.h - the only user of mbedTLS: hashes and MACs as lower-case hex, base64, and
 * RS256 JSON Web Tokens (GitHub App authentication).
 *
 * Secrets handed in here (keys, PEM text) never appear in an error message.
 */
#ifndef AIOPS_CRYPTO_H
#define AIOPS_CRYPTO_H

#include "common.h"
#include "util/buf.h"

#define CRYPTO_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* SHA-256 of `len` bytes as 64 lower-case hex digits. */
int crypto_sha256_hex(char out[CRYPTO_SHA256_HEX], const void *data, size_t len);
/* Whether `s` is 64 lower-case hex digits, as crypto_sha256_hex writes them. */
bool crypto_is_sha256_hex(const char *s);
/* SHA-256 of a file's bytes, read in constant memory; ERR_IO naming `path`. */
int crypto_sha256_file_hex(char out[CRYPTO_SHA256_HEX], const char *path);
/* HMAC-SHA-256 of `data` under `key`, as hex. */
int crypto_hmac_sha256_hex(char out[CRYPTO_SHA256_HEX], const void *key, size_t keylen,
			   const void *data, size_t len);

/*
 * Decode standard base64 (RFC 4648 §4, padded) and append the bytes to `out`. White
 * space anywhere is skipped, as GitHub's contents API wraps its base64 at 60 columns.
 * ERR_INPUT naming `origin` when the text is not base64, ERR_TOO_BIG past out's cap.
 */
int crypto_base64_decode(struct buf *out, const char *text, size_t len, const char *origin);

/* base64url without padding (RFC 7515 §2), as a new string. */
char *crypto_base64url(const void *data, size_t len);

/*
 * A compact JWS (RFC 7515) signed with RS256: base64url({"alg":"RS256","typ":"JWT"}) "."
 * base64url(claims_json) "." base64url(RSASSA-PKCS1-v1_5 SHA-256 signature). `pem` is an
 * RSA private key in PEM, PKCS#1 ("BEGIN RSA PRIVATE KEY", what GitHub hands out) or
 * PKCS#8; a key pasted into an environment variable with literal "\n" instead of line
 * breaks is accepted too. `claims_json` is used as given (the caller builds it).
 * `*out` is a new string. ERR_INPUT when the key does not parse or is not RSA (the
 * message names `origin`, never the key), ERR_FAIL when signing fails.
 */
int crypto_jwt_rs256(char **out, const char *pem, size_t pem_len, const char *claims_json,
		     const char *origin);

#endif
