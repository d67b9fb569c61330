/*
 * The secret formats of redact.c's tables, one made-up case each (none of these values
 * is a real credential), and the environment rules of redact_learn_env on a made-up
 * environment.
 */
#include "common.h"
#include "harness.h"
#include "util/redact.h"
#include "util/buf.h"

/* `in` redacted equals `want`, with `count` secrets replaced. */
static bool redacts_to(const char *in, const char *want, int count)
{
	struct buf b = BUF_INIT;
	int r = redact_text(&b, in, strlen(in));
	bool ok = r == count && !strcmp(b.ptr, want);

	if (!ok)
		fprintf(stderr, "    '%s'\n -> '%s' (%d), want '%s' (%d)\n", in, b.ptr, r, want, count);
	buf_release(&b);
	return ok;
}

TEST(redact_formats, azure_storage_key_and_sas)
{
	ASSERT(redacts_to("DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFy"
			  "YmF6cXV4MDEyMzQ1Njc4OWFiY2RlZkFCQ0RFRg+/ZZ==;EndpointSuffix=core.windows.net",
			  "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=[REDACTED];"
			  "EndpointSuffix=core.windows.net", 1));
	ASSERT(redacts_to("GET https://acme.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2026-01-01"
			  "&sp=r&sig=Qx7mZ2%2BkLp9vT4wR8nY1uE6oI3aS5dF0gH%3D 403",
			  "GET https://acme.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2026-01-01"
			  "&sp=r&sig=[REDACTED] 403", 1));
	ASSERT(redacts_to("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;"
			  "SharedAccessKey=c2VjcmV0LWtleS12YWx1ZS0wMTIzNDU2Nzg5QUJD=",
			  "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;"
			  "SharedAccessKey=[REDACTED]", 1));
}

TEST(redact_formats, payment_keys)
{
	ASSERT(redacts_to("charge failed with sk_live_51Hx9ZzTestOnlyNotARealKey01 (card)",
			  "charge failed with sk_live_[REDACTED] (card)", 1));
	ASSERT(redacts_to("rk_live_Zz0Yy1Xx2Ww3Vv4Uu5Tt6Ss7 whsec_AbCdEfGhIjKlMnOpQrStUvWx0123",
			  "rk_live_[REDACTED] whsec_[REDACTED]", 2));
	/* the docs' placeholder is too short to be a key */
	ASSERT(redacts_to("set sk_live_xxx in the env", "set sk_live_xxx in the env", 0));
}

TEST(redact_formats, chat_webhooks)
{
	ASSERT(redacts_to("notify https://hooks.slack.com/services/T0FAKE001/B0FAKE002/"
			  "AbCdEfGhIjKlMnOpQrStUvWx failed",
			  "notify https://hooks.slack.com/services/[REDACTED] failed", 1));
	ASSERT(redacts_to("POST https://discord.com/api/webhooks/123456789012345678/Tok-en_Value0123456789",
			  "POST https://discord.com/api/webhooks/[REDACTED]", 1));
	ASSERT(redacts_to("https://acme.webhook.office.com/webhookb2/1111-2222@3333-4444/IncomingWebhook/abcd",
			  "https://acme.webhook.office.com/webhookb2/[REDACTED]", 1));
	/* the host alone is no secret */
	ASSERT(redacts_to("cannot reach hooks.slack.com", "cannot reach hooks.slack.com", 0));
}

TEST(redact_formats, registry_and_forge_tokens)
{
	ASSERT(redacts_to("//registry.npmjs.org/:_authToken=npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78",
			  "//registry.npmjs.org/:_authToken=[REDACTED]", 1));
	ASSERT(redacts_to("token npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78 used",
			  "token npm_[REDACTED] used", 1));
	ASSERT(redacts_to("upload pypi-AgEIcHlwaS5vcmcCJGZha2UtZmFrZS1mYWtlLWZha2UtZmFrZS1mYWtlAAIqWzNd",
			  "upload pypi-[REDACTED]", 1));
	ASSERT(redacts_to("clone with glpat-Fake0Token1Value2ABCD ok", "clone with glpat-[REDACTED] ok", 1));
	ASSERT(redacts_to("gho_0123456789abcdefghijABCDEFGHIJ012345 ghs_0123456789abcdefghijABCDEFGHIJ012345",
			  "gho_[REDACTED] ghs_[REDACTED]", 2));
	/* words that merely start like a prefix */
	ASSERT(redacts_to("npm_config_cache set; pypi-mirror used; glpat-short",
			  "npm_config_cache set; pypi-mirror used; glpat-short", 0));
}

TEST(redact_formats, cloud_keys)
{
	ASSERT(redacts_to("maps key=AIzaSyFakeFakeFakeFakeFakeFakeFake12345 denied",
			  "maps key=AIza[REDACTED] denied", 1));
	ASSERT(redacts_to("AIzaSyFakeFakeFakeFakeFakeFakeFake12345", "AIza[REDACTED]", 1));
	ASSERT(redacts_to("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY00",
			  "aws_secret_access_key = [REDACTED]", 1));
	ASSERT(redacts_to("AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKE0123 region=eu-west-1",
			  "AWS_ACCESS_KEY_ID=AKIA[REDACTED] region=eu-west-1", 1));
	ASSERT(redacts_to("openai sk-proj-Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3 429",
			  "openai sk-[REDACTED] 429", 1));
	ASSERT(redacts_to("pip install scikit-learn sk-learn-extra", "pip install scikit-learn sk-learn-extra", 0));
}

TEST(redact_formats, password_options)
{
	ASSERT(redacts_to("mysql --user app --password Hunter2Secret -h db",
			  "mysql --user app --password [REDACTED] -h db", 1));
	ASSERT(redacts_to("run --password=Hunter2Secret --token 'a b c'",
			  "run --password=[REDACTED] --token '[REDACTED]'", 2));
	ASSERT(redacts_to("mysql -u root -pS3cr3tPassw0rd db", "mysql -u root -p[REDACTED] db", 1));
	ASSERT(redacts_to("mysql -u root -p Zx9Vb8Nm7Lk6 db", "mysql -u root -p [REDACTED] db", 1));
	/* -p's other lives */
	ASSERT(redacts_to("mkdir -p build; docker run -p 8080:80 x; ssh -p 2222 h; mkdir -p /var/lib/app",
			  "mkdir -p build; docker run -p 8080:80 x; ssh -p 2222 h; mkdir -p /var/lib/app", 0));
	/* a file holding it, or a reference to where it lives, is no secret */
	ASSERT(redacts_to("--password-file /run/secrets/db --password $DB_PASSWORD password=${PW}",
			  "--password-file /run/secrets/db --password $DB_PASSWORD password=${PW}", 0));
}

TEST(redact_formats, pass_and_pwd_keys)
{
	ASSERT(redacts_to("connect user=app pass=Tr0ub4dor3 db=orders", "connect user=app pass=[REDACTED] db=orders", 1));
	ASSERT(redacts_to("MYSQL_PWD=Zq8xW7vU6t DB_PASS=Zq8xW7vU6t dbPass: \"Zq8xW7vU6t\"",
			  "MYSQL_PWD=[REDACTED] DB_PASS=[REDACTED] dbPass: \"[REDACTED]\"", 3));
	ASSERT(redacts_to("bypass=enabled compass=north passenger=12 signal=9",
			  "bypass=enabled compass=north passenger=12 signal=9", 0));
	ASSERT(redacts_to("Server=tcp:db,1433;User ID=app;Password=Hunter2!x;Encrypt=True",
			  "Server=tcp:db,1433;User ID=app;Password=[REDACTED];Encrypt=True", 1));
}

TEST(redact_formats, hinting_keys_need_a_generated_value)
{
	ASSERT(redacts_to("session=Qm9vdHN0cmFwMTIzNDU2Nzg5QWJj cache_key=user-42 session=expired",
			  "session=[REDACTED] cache_key=user-42 session=expired", 1));
	ASSERT(redacts_to("{\"signature\": \"9f8E7d6C5b4A3f2E1d0C9b8A\", \"key\": \"orders\"}",
			  "{\"signature\": \"[REDACTED]\", \"key\": \"orders\"}", 1));
	ASSERT(redacts_to("X-Auth: Zm9vYmFyYmF6cXV4MTIzNDU2", "X-Auth: [REDACTED]", 1));
}

TEST(redact_formats, learn_env_by_name_and_by_shape)
{
	char *env[] = {
		(char *)"DB_PASS=Vq3-envpass-Lm7",
		(char *)"ACME_CLIENT_SECRET=env-secret-value-91",
		(char *)"UNNAMED_THING=Zr8Kq2Lw9Xv4Tn6Pb1Mc5Hd3",
		(char *)"PWD=/home/runner/work/app",
		(char *)"GIT_AUTHOR_NAME=aiops-agent-bot",
		(char *)"GITHUB_SHA=3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f",
		(char *)"PATH=/usr/local/bin:/usr/bin:/bin",
		(char *)"SIGNING_KEY_FILE=/etc/acme/signing.pem",
		(char *)"FEATURE_TOKEN_LIMIT=40960000",
		(char *)"SOME_KEY=true",
		(char *)"NOEQUALS",
		NULL,
	};
	char *s;

	ASSERT_INT_EQ(redact_learn_env(env), 3);
	s = redact_strdup("p=Vq3-envpass-Lm7 s=env-secret-value-91 u=Zr8Kq2Lw9Xv4Tn6Pb1Mc5Hd3 "
			  "in /home/runner/work/app by aiops-agent-bot at "
			  "3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f");
	ASSERT_STR_EQ(s, "p=[REDACTED] s=[REDACTED] u=[REDACTED] in /home/runner/work/app by "
			 "aiops-agent-bot at 3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f");
	free(s);
	/* learning twice adds nothing */
	ASSERT_INT_EQ(redact_learn_env(env), 0);
}

TEST(redact_formats, learn_env_multiline_key)
{
	char *env[] = {
		(char *)"APP_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANfakefakeline1\n"
			"fakefakeline2ZZZZ==\n-----END PRIVATE KEY-----\n",
		NULL,
	};
	char *s;

	ASSERT_INT_EQ(redact_learn_env(env), 2);
	s = redact_strdup("key body fakefakeline2ZZZZ== leaked");
	ASSERT_STR_EQ(s, "key body [REDACTED] leaked");
	free(s);
}
