#include "common.h"
#include "harness.h"

#include <pthread.h>
#include <stdatomic.h>
#include "util/redact.h"
#include "util/buf.h"

/* Redact `in` into `out` (released first) and return the count. */
static int run(struct buf *out, const char *in)
{
	buf_release(out);
	return redact_text(out, in, strlen(in));
}

#define GHP "ghp_" "abcdefghijklmnopqrstuvwxyz0123456789AB"

TEST(redact, github_tokens)
{
	struct buf b = BUF_INIT;

	ASSERT_INT_EQ(run(&b, "push with " GHP " failed"), 1);
	ASSERT_STR_EQ(b.ptr, "push with ghp_[REDACTED] failed");
	ASSERT_INT_EQ(run(&b, "t=ghs_" "0123456789abcdefghijklmnopqrstuvwxyzAB"), 1);
	ASSERT_STR_EQ(b.ptr, "t=ghs_[REDACTED]");
	ASSERT_INT_EQ(run(&b, "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123"), 1);
	ASSERT_STR_EQ(b.ptr, "github_pat_[REDACTED]");
	/* too short to be a token */
	ASSERT_INT_EQ(run(&b, "ghp_short and gho_1234"), 0);
	ASSERT_STR_EQ(b.ptr, "ghp_short and gho_1234");
	buf_release(&b);
}

TEST(redact, jwt_aws_slack)
{
	struct buf b = BUF_INIT;

	ASSERT_INT_EQ(run(&b, "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk ok"), 1);
	ASSERT_STR_EQ(b.ptr, "jwt eyJ[REDACTED] ok");
	ASSERT_INT_EQ(run(&b, "key AKIAIOSFODNN7EXAMPLE used"), 1);
	ASSERT_STR_EQ(b.ptr, "key AKIA[REDACTED] used");
	ASSERT_INT_EQ(run(&b, "ASIAIOSFODNN7EXAMPLE"), 1);
	ASSERT_STR_EQ(b.ptr, "ASIA[REDACTED]");
	/* 15 characters after the prefix: not a key id */
	ASSERT_INT_EQ(run(&b, "AKIAIOSFODNN7EXAMPL"), 0);
	ASSERT_INT_EQ(run(&b, "slack xoxb-1234567890-abcdefghij said hi"), 1);
	ASSERT_STR_EQ(b.ptr, "slack xoxb-[REDACTED] said hi");
	buf_release(&b);
}

TEST(redact, url_passwords)
{
	struct buf b = BUF_INIT;

	ASSERT_INT_EQ(run(&b, "connect postgres://app:s3cr3t-pw@db.internal:5432/orders"), 1);
	ASSERT_STR_EQ(b.ptr, "connect postgres://app:[REDACTED]@db.internal:5432/orders");
	ASSERT_INT_EQ(run(&b, "redis://:hunter22@cache:6379"), 1);
	ASSERT_STR_EQ(b.ptr, "redis://:[REDACTED]@cache:6379");
	/* no password, or an @ in the path: untouched */
	ASSERT_INT_EQ(run(&b, "GET https://api.github.com:443/repos/o/r?x=1 and https://u@host/a@b"), 0);
	ASSERT_STR_EQ(b.ptr, "GET https://api.github.com:443/repos/o/r?x=1 and https://u@host/a@b");
	/* a base64 password holds '/', '+' and '='; a port and a path before an '@' do not */
	ASSERT_INT_EQ(run(&b, "url=rediss://:Kq3z/Vb8+Lm2=@cache.example.net:6380/0"), 1);
	ASSERT_STR_EQ(b.ptr, "url=rediss://:[REDACTED]@cache.example.net:6380/0");
	ASSERT_INT_EQ(run(&b, "see https://host.example:8080/users/me@example.com"), 0);
	buf_release(&b);
}

TEST(redact, bearer_and_basic)
{
	struct buf b = BUF_INIT;

	ASSERT_INT_EQ(run(&b, "Authorization: Bearer abc123DEF456ghi789"), 1);
	ASSERT_STR_EQ(b.ptr, "Authorization: Bearer [REDACTED]");
	ASSERT_INT_EQ(run(&b, "authorization: basic dXNlcjpwYXNzd29yZA=="), 1);
	ASSERT_STR_EQ(b.ptr, "authorization: basic [REDACTED]");
	ASSERT_INT_EQ(run(&b, "basic authentication failed; bearer token missing"), 0);
	buf_release(&b);
}

TEST(redact, key_value_pairs)
{
	struct buf b = BUF_INIT;

	ASSERT_INT_EQ(run(&b, "login user=bob password=hunter2 ok"), 1);
	ASSERT_STR_EQ(b.ptr, "login user=bob password=[REDACTED] ok");
	ASSERT_INT_EQ(run(&b, "{\"api_key\": \"sk-live-1234\", \"n\": 1}"), 1);
	ASSERT_STR_EQ(b.ptr, "{\"api_key\": \"[REDACTED]\", \"n\": 1}");
	ASSERT_INT_EQ(run(&b, "DB_PASSWD='p a s s' PWD=x9 Client_Secret=abc&x=1"), 3);
	ASSERT_STR_EQ(b.ptr, "DB_PASSWD='[REDACTED]' PWD=[REDACTED] Client_Secret=[REDACTED]&x=1");
	ASSERT_INT_EQ(run(&b, "token: 9f8e7d6c, access_key=AbCdEf, private_key=zz"), 3);
	ASSERT_STR_EQ(b.ptr, "token: [REDACTED], access_key=[REDACTED], private_key=[REDACTED]");
	ASSERT_INT_EQ(run(&b, "msg=\"{\\\"secret\\\":\\\"xyz\\\"}\""), 1);
	ASSERT_STR_EQ(b.ptr, "msg=\"{\\\"secret\\\":\\\"[REDACTED]\\\"}\"");
	ASSERT_INT_EQ(run(&b, "apikey = abc def"), 1);
	ASSERT_STR_EQ(b.ptr, "apikey = [REDACTED] def");
	buf_release(&b);
}

TEST(redact, ordinary_text_untouched)
{
	static const char *const lines[] = {
		"token bucket refilled",
		"password reset page viewed",
		"GET https://example.com/path?q=1 200",
		"commit 3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f merged",
		"2026-11-18T03:12:00.123Z INFO worker: started 12 jobs in 30ms",
		"invalid token: expired",
		"max_tokens=4096 prompt_tokens: 12",
		"password_required=true token=null secret=****",
		"Exception in thread \"main\" java.lang.IllegalStateException: bad",
		"-----BEGIN CERTIFICATE-----",
		"a-b-c ==> x:y ::1 [::]:8080 key=value a: b",
		"",
	};
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		ASSERT_INT_EQ(run(&b, lines[i]), 0);
		ASSERT_STR_EQ(b.ptr, lines[i]);
	}
	buf_release(&b);
}

TEST(redact, pem_block_in_text)
{
	struct buf b = BUF_INIT;
	const char *in = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1\n"
			 "abcdefABCDEF012\nzzz==\n-----END RSA PRIVATE KEY-----\nafter\n";

	ASSERT_INT_EQ(run(&b, in), 1);
	ASSERT_STR_EQ(b.ptr, "before\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n"
			     "-----END RSA PRIVATE KEY-----\nafter\n");
	/* escaped on one line, as in a JSON string */
	ASSERT_INT_EQ(run(&b, "\"k\": \"-----BEGIN PRIVATE KEY-----\\nMIIE\\nAB==\\n-----END PRIVATE KEY-----\\n\""), 1);
	ASSERT_STR_EQ(b.ptr, "\"k\": \"-----BEGIN PRIVATE KEY-----[REDACTED]-----END PRIVATE KEY-----\\n\"");
	buf_release(&b);
}

TEST(redact, pem_block_via_stream)
{
	static const char *const lines[] = {
		"cat id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----",
		"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
		"QyNTUxOQAAACBDaXm7cxbvw9ORBoI3Ki1yFyMmhwMQr7l7nOjkHM7fXQAAAJgyRdc6MkXX",
		"-----END OPENSSH PRIVATE KEY-----", "done password=x1",
	};
	struct redact_stream st = REDACT_STREAM_INIT;
	struct buf b = BUF_INIT;
	int total = 0;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		int r = redact_line(&st, &b, lines[i], strlen(lines[i]));

		ASSERT(r >= 0);
		total += r;
		ASSERT_OK(buf_addch(&b, '\n'));
	}
	ASSERT_INT_EQ(total, 2);
	ASSERT(!st.in_pem);
	ASSERT_STR_EQ(b.ptr, "cat id_ed25519\n-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED]\n\n"
			     "-----END OPENSSH PRIVATE KEY-----\ndone password=[REDACTED]\n");
	ASSERT_NOT_CONTAINS(b.ptr, "b3Blbn");
	ASSERT_NOT_CONTAINS(b.ptr, "QyNTUx");
	buf_release(&b);
}

TEST(redact, literals)
{
	struct buf b = BUF_INIT;

	redact_add_literal("short");
	redact_add_literal("Zq7-literal-secret-Vx");
	ASSERT_INT_EQ(run(&b, "echo Zq7-literal-secret-Vx; short"), 1);
	ASSERT_STR_EQ(b.ptr, "echo [REDACTED]; short");
	buf_release(&b);
}

/* Found by tests/fuzz/fuzz_redact.c: a literal inside text a rule keeps and jumps over. */
TEST(redact, literals_inside_kept_spans_and_tokens_right_after_them)
{
	struct buf b = BUF_INIT;

	redact_add_literal("Zq7-literal-secret-Vx");
	/* a URL's user name that holds a literal (and so looks generated) goes, the password too */
	ASSERT_INT_EQ(run(&b, "connect postgres://Zq7-literal-secret-Vxapp:hunter2hunter2@db:5432/x"), 2);
	ASSERT_STR_EQ(b.ptr, "connect postgres://[REDACTED]:[REDACTED]@db:5432/x");
	/* a token glued to a literal starts a word once the literal is masked */
	ASSERT_INT_EQ(run(&b, "Zq7-literal-secret-Vx" GHP), 2);
	ASSERT_STR_EQ(b.ptr, "[REDACTED]ghp_[REDACTED]");
	/* a NUL byte in the line does not cut the search short */
	{
		static const char nul[] = "a\0b Zq7-literal-secret-Vxz";

		buf_release(&b);
		ASSERT_INT_EQ(redact_text(&b, nul, sizeof(nul) - 1), 1);
		ASSERT_INT_EQ(b.len, 15);
		ASSERT(!memcmp(b.ptr, "a\0b [REDACTED]z", 15));
	}
	buf_release(&b);
}

TEST(redact, cap_is_reported)
{
	struct buf b;

	buf_init(&b, 8);
	ASSERT_ERR(redact_text(&b, "password=hunter2 and more", 25), ERR_TOO_BIG);
	buf_release(&b);
}

TEST(redact, redacting_twice_changes_nothing)
{
	const char *line = "login password=hunter22x token=abcdefgh12345678 url=https://u:pw12345678@h/x";
	char *once = redact_strdup(line);
	char *twice = redact_strdup(once);

	ASSERT_NOT_CONTAINS(once, "hunter22x");
	ASSERT_STR_EQ(twice, once);
	free(once);
	free(twice);
}

/*
 * Literals registered while other threads redact (http.c registers each request's
 * token from worker threads): every scan sees a consistent set, and a literal is masked
 * in any scan that starts after its registration. Under ASan a set that moved under a
 * reader shows as a use after free.
 */
struct scanner {
	_Atomic int *stop;
	size_t scans;
};

static void *scan_loop(void *arg)
{
	struct scanner *s = arg;
	const char *text = "GET /x?tok=Zq0racerLiteral0000 and Zq0racerLiteral0999 said Zq0racerLiteral0500";

	while (!atomic_load(s->stop)) {
		char *out = redact_strdup(text);

		free(out);
		s->scans++;
	}
	return NULL;
}

TEST(redact, literals_registered_while_threads_scan)
{
	_Atomic int stop = 0;
	struct scanner sc[3] = {{&stop, 0}, {&stop, 0}, {&stop, 0}};
	pthread_t t[3];
	char lit[40], *out;

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		ASSERT_INT_EQ(pthread_create(&t[i], NULL, scan_loop, &sc[i]), 0);
	for (int i = 0; i < 1000; i++) {
		snprintf(lit, sizeof(lit), "Zq0racerLiteral%04d", i);
		redact_add_literal(lit);
	}
	atomic_store(&stop, 1);
	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		pthread_join(t[i], NULL);
	out = redact_strdup("then Zq0racerLiteral0999 and Zq0racerLiteral0000");
	ASSERT_NOT_CONTAINS(out, "Zq0racerLiteral");
	free(out);
}

/* A token given as a URL's user name (git's way) goes; a plain user name stays. */
TEST(redact, a_token_as_a_urls_user_name)
{
	char *out = redact_strdup("git clone https://ghp_Zx81kQ2mPq7Lr4Tn9Wv3Yb6Hc0Js5Fd1Ga2K@github.com/o/r "
				  "and https://alice@github.com/o/r and postgres://app:S3cr3tPassw0rd@db/x");

	ASSERT_NOT_CONTAINS(out, "Zx81kQ2mPq7Lr4Tn9Wv3Yb6Hc0Js5Fd1Ga2K");
	ASSERT_CONTAINS(out, "https://alice@github.com/o/r");
	ASSERT_CONTAINS(out, "postgres://app:");
	ASSERT_NOT_CONTAINS(out, "S3cr3tPassw0rd");
	free(out);
}
