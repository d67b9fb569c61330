#include "common.h"
#include "harness.h"
#include "io/crypto.h"
#include "util/sys.h"

/* FIPS 180-2 appendix B and the SHA-256 of the empty message. */
TEST(crypto, sha256_nist_vectors)
{
	char hex[CRYPTO_SHA256_HEX];

	ASSERT_OK(crypto_sha256_hex(hex, "abc", 3));
	ASSERT_STR_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ASSERT_OK(crypto_sha256_hex(hex, "", 0));
	ASSERT_STR_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ASSERT_OK(crypto_sha256_hex(hex, NULL, 0));
	ASSERT_STR_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	{
		const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

		ASSERT_OK(crypto_sha256_hex(hex, m, strlen(m)));
		ASSERT_STR_EQ(hex,
			      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}
}

TEST(crypto, sha256_binary_input)
{
	char a[CRYPTO_SHA256_HEX], b[CRYPTO_SHA256_HEX];

	ASSERT_OK(crypto_sha256_hex(a, "a\0b", 3));
	ASSERT_OK(crypto_sha256_hex(b, "a", 1));
	ASSERT(strcmp(a, b) != 0);
	ASSERT_INT_EQ(strlen(a), 64);
}

/* RFC 4231 test cases 2 and 6 (a key longer than the block size). */
TEST(crypto, hmac_rfc4231)
{
	char hex[CRYPTO_SHA256_HEX];
	unsigned char key[131];
	const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";

	ASSERT_OK(crypto_hmac_sha256_hex(hex, "Jefe", 4, "what do ya want for nothing?", 28));
	ASSERT_STR_EQ(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, sizeof(key));
	ASSERT_OK(crypto_hmac_sha256_hex(hex, key, sizeof(key), msg, strlen(msg)));
	ASSERT_STR_EQ(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(crypto, base64url_rfc4648)
{
	static const unsigned char bin[] = {0xfb, 0xff, 0xbf};
	char *s;

	s = crypto_base64url("f", 1);
	ASSERT_STR_EQ(s, "Zg");
	free(s);
	s = crypto_base64url("fo", 2);
	ASSERT_STR_EQ(s, "Zm8");
	free(s);
	s = crypto_base64url("foobar", 6);
	ASSERT_STR_EQ(s, "Zm9vYmFy");
	free(s);
	s = crypto_base64url(bin, sizeof(bin));
	ASSERT_STR_EQ(s, "-_-_");
	free(s);
	s = crypto_base64url(NULL, 0);
	ASSERT_STR_EQ(s, "");
	free(s);
}

TEST(crypto, base64_decode_wrapped)
{
	struct buf b = BUF_INIT, small = BUF_INIT;
	const char *wrapped = "aGVsbG8g\nd29y\r\nbGQK\n";

	ASSERT_OK(crypto_base64_decode(&b, wrapped, strlen(wrapped), "x.md"));
	ASSERT_STR_EQ(b.ptr, "hello world\n");
	ASSERT_ERR(crypto_base64_decode(&b, "a$b=", 4, "y.md"), ERR_INPUT);
	ASSERT_STR_EQ(err_last(), "cannot decode 'y.md': not base64");
	buf_init(&small, 4);
	ASSERT_ERR(crypto_base64_decode(&small, "aGVsbG8=", 8, "z.md"), ERR_TOO_BIG);
	ASSERT_CONTAINS(err_last(), "'z.md' exceeds 4 bytes once decoded");
	buf_release(&b);
	buf_release(&small);
}

/* base64url (unpadded) back to bytes, through the standard decoder. */
static int unurl(struct buf *out, const char *s, size_t n)
{
	struct buf t = BUF_INIT;
	int error;

	for (size_t i = 0; i < n; i++)
		buf_putf(&t, "%c", s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i]);
	while (t.len % 4)
		buf_puts(&t, "=");
	error = crypto_base64_decode(out, t.ptr, t.len, "jwt");
	buf_release(&t);
	return error;
}

/* Sign with `key_cmd`'s key, then check the JWT's parts and verify it with openssl. */
static void check_jwt(const char *key_cmd, bool escape_newlines)
{
	const char *dir = harness_tmpdir();
	char *key = sys_path_join(dir, "key.pem"), *pub = sys_path_join(dir, "pub.pem");
	char *input = sys_path_join(dir, "input"), *sig = sys_path_join(dir, "sig");
	struct buf pem = BUF_INIT, out = BUF_INIT, part = BUF_INIT, esc = BUF_INIT;
	const char *claims = "{\"iat\":1700000000,\"exp\":1700000540,\"iss\":123}";
	char *jwt = NULL, *dot1, *dot2;

	ASSERT_INT_EQ(harness_run(&out, key_cmd, key), 0);
	ASSERT_INT_EQ(harness_run(&out, "openssl pkey -in '%s' -pubout -out '%s'", key, pub), 0);
	ASSERT_OK(sys_read_file(&pem, key, 1 << 16));
	if (escape_newlines)
		for (size_t i = 0; i < pem.len; i++)
			buf_puts(&esc, pem.ptr[i] == '\n' ? "\\n" : (char[]){pem.ptr[i], 0});
	ASSERT_OK(crypto_jwt_rs256(&jwt, escape_newlines ? esc.ptr : pem.ptr,
				   escape_newlines ? esc.len : pem.len, claims, "APP_KEY"));
	ASSERT((dot1 = strchr(jwt, '.')) && (dot2 = strchr(dot1 + 1, '.')));
	ASSERT(!strchr(jwt, '=') && !strchr(jwt, '+') && !strchr(jwt, '/'));
	ASSERT_OK(unurl(&part, jwt, (size_t)(dot1 - jwt)));
	ASSERT_STR_EQ(part.ptr, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
	buf_reset(&part);
	ASSERT_OK(unurl(&part, dot1 + 1, (size_t)(dot2 - dot1 - 1)));
	ASSERT_STR_EQ(part.ptr, claims);
	buf_reset(&part);
	ASSERT_OK(unurl(&part, dot2 + 1, strlen(dot2 + 1)));
	ASSERT_INT_EQ(part.len, 256); /* RSA-2048 */
	ASSERT_OK(sys_write_file(sig, part.ptr, part.len));
	ASSERT_OK(sys_write_file(input, jwt, (size_t)(dot2 - jwt)));
	buf_reset(&out);
	ASSERT_INT_EQ(harness_run(&out, "openssl dgst -sha256 -verify '%s' -signature '%s' '%s'", pub,
				  sig, input), 0);
	ASSERT_CONTAINS(out.ptr, "Verified OK");
	/* one byte of the signed text changed: the signature no longer holds */
	((char *)jwt)[0] ^= 1;
	ASSERT_OK(sys_write_file(input, jwt, (size_t)(dot2 - jwt)));
	ASSERT(harness_run(&out, "openssl dgst -sha256 -verify '%s' -signature '%s' '%s'", pub, sig,
			   input) != 0);
	free(jwt);
	free(key);
	free(pub);
	free(input);
	free(sig);
	buf_release(&pem);
	buf_release(&out);
	buf_release(&part);
	buf_release(&esc);
}

TEST(crypto, jwt_rs256_pkcs1_verifies)
{
	check_jwt("openssl genrsa -traditional -out '%s' 2048", false);
}

TEST(crypto, jwt_rs256_pkcs8_and_escaped_newlines)
{
	check_jwt("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out '%s'", true);
}

TEST(crypto, jwt_rejects_bad_keys)
{
	const char *dir = harness_tmpdir();
	char *key = sys_path_join(dir, "ec.pem"), *jwt = NULL;
	struct buf pem = BUF_INIT, out = BUF_INIT;
	const char *garbage = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0\n-----END RSA PRIVATE KEY-----\n";

	ASSERT_ERR(crypto_jwt_rs256(&jwt, garbage, strlen(garbage), "{}", "GITHUB_APP_PRIVATE_KEY"),
		   ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "cannot parse the private key in 'GITHUB_APP_PRIVATE_KEY'");
	ASSERT_NOT_CONTAINS(err_last(), "c2VjcmV0");
	ASSERT_ERR(crypto_jwt_rs256(&jwt, "", 0, "{}", "K"), ERR_INPUT);
	ASSERT_INT_EQ(harness_run(&out, "openssl ecparam -name prime256v1 -genkey -noout -out '%s'", key), 0);
	ASSERT_OK(sys_read_file(&pem, key, 1 << 16));
	ASSERT_ERR(crypto_jwt_rs256(&jwt, pem.ptr, pem.len, "{}", "K"), ERR_INPUT);
	ASSERT_STR_EQ(err_last(), "the private key in 'K' is not an RSA key");
	ASSERT(jwt == NULL);
	free(key);
	buf_release(&pem);
	buf_release(&out);
}
