#include "common.h"
#include "harness.h"
#include "crypto.h"

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
