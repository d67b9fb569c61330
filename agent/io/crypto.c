#include "common.h"
#include "io/crypto.h"
#include "util/err.h"
#include "util/sys.h"

#include <mbedtls/base64.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>

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

bool crypto_is_sha256_hex(const char *s)
{
	size_t n = 0;

	while (s && ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
		n++;
	return s && n == CRYPTO_SHA256_HEX - 1 && !s[n];
}

int crypto_sha256_file_hex(char out[CRYPTO_SHA256_HEX], const char *path)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	unsigned char md[32];
	int ret;

	if (!info)
		return err_set(ERR_FAIL, "cannot compute SHA-256: not available in mbedTLS");
	/* mbedTLS reads the file in 1 KiB blocks: any size, in constant memory */
	if ((ret = mbedtls_md_file(info, path, md)) == MBEDTLS_ERR_MD_FILE_IO_ERROR)
		return err_set(ERR_IO, "cannot read '%s' to hash it", path);
	if (ret != 0)
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

int crypto_base64_decode(struct buf *out, const char *text, size_t len, const char *origin)
{
	unsigned char *clean = xmalloc(len + 1), *bin = NULL;
	size_t n = 0, olen = 0;
	int ret, error = 0;

	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", text[i]))
			clean[n++] = (unsigned char)text[i];
	bin = xmalloc(n / 4 * 3 + 3);
	ret = mbedtls_base64_decode(bin, n / 4 * 3 + 3, &olen, clean, n);
	if (ret != 0 || (n % 4) != 0)
		error = err_set(ERR_INPUT, "cannot decode '%s': not base64", origin);
	else if ((error = buf_add(out, bin, olen)) < 0)
		error = err_set(error, "'%s' exceeds %zu bytes once decoded", origin, out->cap);
	free(clean);
	free(bin);
	return error;
}

char *crypto_base64url(const void *data, size_t len)
{
	size_t cap = (len + 2) / 3 * 4 + 1, olen = 0, j = 0;
	unsigned char *b64 = xmalloc(cap);
	char *s;

	if (mbedtls_base64_encode(b64, cap, &olen, nonnull(data), len) != 0)
		xdie("base64 buffer too small"); /* cannot happen: cap is exact */
	s = xmalloc(olen + 1);
	for (size_t i = 0; i < olen; i++) {
		char c = (char)b64[i];

		if (c == '=')
			break;
		s[j++] = c == '+' ? '-' : c == '/' ? '_' : c;
	}
	s[j] = '\0';
	free(b64);
	return s;
}

/*
 * The PEM as mbedtls_pk_parse_key wants it: NUL-terminated (the length counts the NUL),
 * surrounding blanks trimmed, and literal "\n" turned into line breaks when the text
 * has none (a key pasted into a one-line secret).
 */
static unsigned char *normalize_pem(const char *pem, size_t len, size_t *out_len)
{
	unsigned char *p = xmalloc(len + 2);
	bool escaped = !memchr(pem, '\n', len);
	size_t n = 0;

	while (len && strchr(" \t\r\n\"'", pem[0])) {
		pem++;
		len--;
	}
	while (len && strchr(" \t\r\n\"'", pem[len - 1]))
		len--;
	for (size_t i = 0; i < len; i++) {
		if (escaped && pem[i] == '\\' && i + 1 < len && pem[i + 1] == 'n') {
			p[n++] = '\n';
			i++;
		} else {
			p[n++] = (unsigned char)pem[i];
		}
	}
	p[n++] = '\n';
	p[n] = '\0';
	*out_len = n + 1;
	return p;
}

int crypto_jwt_rs256(char **out, const char *pem, size_t pem_len, const char *claims_json,
		     const char *origin)
{
	static const char header[] = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
	const mbedtls_md_info_t *sha256 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	mbedtls_pk_context pk;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	unsigned char *key = NULL, hash[32], sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
	char *h64 = NULL, *c64 = NULL, *s64 = NULL, *input = NULL, msg[128];
	size_t keylen = 0, siglen = 0;
	int ret, error = 0;

	mbedtls_pk_init(&pk);
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	if (!pem || !pem_len) {
		error = err_set(ERR_INPUT, "missing private key in '%s'", origin);
		goto done;
	}
	key = normalize_pem(pem, pem_len, &keylen);
	if ((ret = mbedtls_pk_parse_key(&pk, key, keylen, NULL, 0)) != 0) {
		mbedtls_strerror(ret, msg, sizeof(msg));
		error = err_set(ERR_INPUT, "cannot parse the private key in '%s': %s", origin, msg);
		goto done;
	}
	if (!mbedtls_pk_can_do(&pk, MBEDTLS_PK_RSA)) {
		error = err_set(ERR_INPUT, "the private key in '%s' is not an RSA key", origin);
		goto done;
	}
	h64 = crypto_base64url(header, strlen(header));
	c64 = crypto_base64url(claims_json, strlen(claims_json));
	input = xasprintf("%s.%s", h64, c64);
	if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
					 (const unsigned char *)"aiops-agent-jwt", 15)) != 0 ||
	    (ret = mbedtls_md(sha256, (const unsigned char *)input, strlen(input), hash)) != 0 ||
	    (ret = mbedtls_pk_sign(&pk, MBEDTLS_MD_SHA256, hash, sizeof(hash), sig, &siglen,
				   mbedtls_ctr_drbg_random, &drbg)) != 0) {
		mbedtls_strerror(ret, msg, sizeof(msg));
		error = err_set(ERR_FAIL, "cannot sign a JWT with the key in '%s': %s", origin, msg);
		goto done;
	}
	s64 = crypto_base64url(sig, siglen);
	*out = xasprintf("%s.%s", input, s64);

done:
	if (key) {
		mbedtls_platform_zeroize(key, keylen);
		free(key);
	}
	free(h64);
	free(c64);
	free(s64);
	free(input);
	mbedtls_pk_free(&pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&entropy);
	return error;
}
