#include "common.h"
#include "harness.h"
#include "core/kb.h"
#include "util/sys.h"

#define HIKARI "INC-20260912-3fa81c02"
#define TLS "INC-20261002-9b7c11e0"
#define OOM "INC-20261105-c4d2e8f1"

static int load_fixture(struct kb *kb, const char *name)
{
	char *rel = xasprintf("tests/fixtures/kb/%s", name);
	char *path = sys_path_join(harness_root(), rel);
	int error = kb_load(kb, path);

	free(path);
	free(rel);
	return error;
}

static int parse(struct kb *kb, const char *text)
{
	return kb_parse(kb, text, strlen(text), "incidents.md");
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same_entry(const struct kb_entry *a, const struct kb_entry *b)
{
	return same(a->id, b->id) && same(a->title, b->title) && same(a->date, b->date) &&
	       same(a->service, b->service) && same(a->severity, b->severity) &&
	       same(a->category, b->category) && same(a->remediation, b->remediation) &&
	       same(a->blame_pr, b->blame_pr) && same(a->pattern, b->pattern) &&
	       same(a->root_cause, b->root_cause) && same(a->fix, b->fix) &&
	       same(a->runbook, b->runbook) && same(a->fingerprint, b->fingerprint);
}

static void check_fixture(struct kb *kb)
{
	const struct kb_entry *e;

	ASSERT_INT_EQ(kb->n, 3);
	e = &kb->entries[0];
	ASSERT_STR_EQ(e->id, HIKARI);
	ASSERT_STR_EQ(e->title, "checkout-api returns 503, Hikari pool exhausted");
	ASSERT_INT_EQ(e->line, 10);
	ASSERT_STR_EQ(e->date, "2026-09-12");
	ASSERT_STR_EQ(e->service, "checkout-api");
	ASSERT_STR_EQ(e->severity, "P1");
	ASSERT_STR_EQ(e->category, "application");
	ASSERT_STR_EQ(e->remediation, "flyway_migration");
	ASSERT_STR_EQ(e->blame_pr, "41");
	ASSERT_CONTAINS(e->pattern, "HikariPool-1 - Connection is not available");
	ASSERT_STR_EQ(e->fix, "restore the index in V43__restore_orders_customer_idx.sql");
	ASSERT_STR_EQ(e->runbook, "knowledge-base/runbooks/checkout-api-db-pool.md");
	ASSERT_STR_EQ(e->fingerprint,
		      "3fa81c02d1e4b5a6978812aa34bc56de78f90a1b2c3d4e5f60718293a4b5c6d7");

	e = &kb->entries[1];
	ASSERT_STR_EQ(e->id, TLS);
	ASSERT_STR_EQ(e->title, "gateway TLS handshakes fail after certificate expiry");
	ASSERT_INT_EQ(e->line, 23);
	ASSERT_STR_EQ(e->date, "2026-10-02");
	ASSERT(e->blame_pr == NULL); /* "none" */
	ASSERT(e->fix == NULL);
	ASSERT_STR_EQ(e->root_cause, "the Let's Encrypt certificate of the gateway expired because "
				     "the renewal job lost its DNS credentials");
	ASSERT_STR_EQ(e->fingerprint,
		      "9b7c11e0aa00bb11cc22dd33ee44ff5566778899aabbccddeeff001122334455");

	e = &kb->entries[2];
	ASSERT_STR_EQ(e->id, OOM);
	ASSERT_STR_EQ(e->service, "payments");
	ASSERT_STR_EQ(e->remediation, "pr_rollback");
	ASSERT(e->runbook == NULL);
	ASSERT_INT_EQ(e->line, 38);
}

TEST(kb, parse_fixture_with_three_entries)
{
	struct kb kb = KB_INIT;

	ASSERT_OK(load_fixture(&kb, "incidents.md"));
	check_fixture(&kb);
	kb_release(&kb);
	ASSERT(kb.entries == NULL && kb.n == 0);
}

TEST(kb, parse_tolerates_crlf_and_bom)
{
	char *path = sys_path_join(harness_root(), "tests/fixtures/kb/incidents.md");
	struct buf text = BUF_INIT, crlf = BUF_INIT;
	struct kb kb = KB_INIT;

	ASSERT_OK(sys_read_file(&text, path, KB_FILE_MAX));
	buf_puts(&crlf, "\xef\xbb\xbf");
	for (size_t i = 0; i < text.len; i++) {
		if (text.ptr[i] == '\n')
			buf_puts(&crlf, "\r");
		buf_putf(&crlf, "%c", text.ptr[i]);
	}
	ASSERT_OK(kb_parse(&kb, crlf.ptr, crlf.len, "incidents.md"));
	check_fixture(&kb);
	ASSERT(!strchr(kb.entries[1].root_cause, '\r'));
	kb_release(&kb);
	buf_release(&text);
	buf_release(&crlf);
	free(path);
}

TEST(kb, parse_edge_cases)
{
	struct kb kb = KB_INIT;

	ASSERT_OK(parse(&kb, ""));
	ASSERT_INT_EQ(kb.n, 0);
	ASSERT_OK(parse(&kb, "# only an intro\n\n## About\ntext\n"));
	ASSERT_INT_EQ(kb.n, 0);
	/* Extra blanks everywhere, unknown keys, a key repeated (the last wins), no final newline. */
	ASSERT_OK(parse(&kb, "##   X-1 :   Title: with colon  \n  -  Service :  api \n"
			     "- mood: calm\n- service: web"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT_STR_EQ(kb.entries[0].id, "X-1");
	ASSERT_STR_EQ(kb.entries[0].title, "Title: with colon");
	ASSERT_STR_EQ(kb.entries[0].service, "web");
	ASSERT(kb.entries[0].date == NULL);
	kb_release(&kb);
	/* A heading with only an unknown key still is an entry. */
	ASSERT_OK(parse(&kb, "## X-2: t\n- owner: me\n"));
	ASSERT_INT_EQ(kb.n, 1);
	kb_release(&kb);
}

TEST(kb, prose_people_wrote_is_skipped_and_said)
{
	struct kb kb = KB_INIT;

	/* an entry without key lines: the others are read, the skipped one is named */
	ASSERT_OK(load_fixture(&kb, "malformed.md"));
	ASSERT_INT_EQ(kb.n, 2);
	ASSERT_STR_EQ(kb.entries[0].id, "INC-1");
	ASSERT_STR_EQ(kb.entries[1].id, "INC-3");
	ASSERT_INT_EQ(kb.nskipped, 1);
	ASSERT_CONTAINS(kb.skipped[0], "line 7");
	ASSERT_CONTAINS(kb.skipped[0], "'INC-2'");
	kb_release(&kb);
	/* the last entry without keys */
	ASSERT_OK(parse(&kb, "## A: a\n- date: x\n\n## B: b\n"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT_CONTAINS(kb.skipped[0], "line 4");
	kb_release(&kb);
	/* a heading of prose after an entry: what is under it is not the entry's */
	ASSERT_OK(parse(&kb, "## A: a\n- date: x\n## Notes from the review\n- service: not-a\n"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT(kb.entries[0].service == NULL);
	ASSERT_CONTAINS(kb.skipped[0], "'## Notes from the review' is not an entry heading");
	kb_release(&kb);
	ASSERT_OK(parse(&kb, "## A: a\n- date: x\n## two words: b\n- date: y\n"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT_CONTAINS(kb.skipped[0], "line 3");
	kb_release(&kb);
}

TEST(kb, load_missing_file_is_empty)
{
	struct kb kb = KB_INIT;
	char *path = sys_path_join(harness_tmpdir(), "knowledge-base/incidents.md");

	ASSERT_OK(kb_load(&kb, path));
	ASSERT_INT_EQ(kb.n, 0);
	ASSERT_STR_EQ(err_last(), "");
	kb_release(&kb);
	free(path);
}

TEST(kb, recall_ranks_related_entry_first)
{
	struct kb kb = KB_INIT;
	struct kb_match *m = NULL;
	size_t n = 0;

	ASSERT_OK(load_fixture(&kb, "incidents.md"));
	kb_recall(&m, &n, &kb, "HikariPool Connection is not available request timed out", NULL,
		  5, 0.0);
	ASSERT(n >= 1);
	ASSERT_STR_EQ(m[0].entry->id, HIKARI);
	ASSERT(m[0].score > 0.2 && m[0].score <= 1.0);
	ASSERT_CONTAINS(m[0].why, "shared: ");
	ASSERT_CONTAINS(m[0].why, "HikariPool");
	for (size_t i = 1; i < n; i++)
		ASSERT(m[i].score < m[0].score);
	kb_matches_free(m, n);

	kb_recall(&m, &n, &kb, "Back-off restarting failed container: OOMKilled, heap space",
		  "payments", 5, 0.0);
	ASSERT(n >= 1);
	ASSERT_STR_EQ(m[0].entry->id, OOM);
	ASSERT_CONTAINS(m[0].why, "OOMKilled");
	kb_matches_free(m, n);

	kb_recall(&m, &n, &kb, "x509: certificate has expired or is not yet valid", NULL, 5, 0.0);
	ASSERT(n >= 1);
	ASSERT_STR_EQ(m[0].entry->id, TLS);
	kb_matches_free(m, n);
	kb_release(&kb);
}

TEST(kb, recall_splits_identifiers)
{
	struct kb kb = KB_INIT;
	struct kb_match *m = NULL;
	size_t n = 0;

	ASSERT_OK(load_fixture(&kb, "incidents.md"));
	/* The bare class name meets the qualified one in the pattern. */
	kb_recall(&m, &n, &kb, "SQLTransientConnectionException", NULL, 5, 0.0);
	ASSERT_INT_EQ(n, 1);
	ASSERT_STR_EQ(m[0].entry->id, HIKARI);
	ASSERT_CONTAINS(m[0].why, "SQLTransientConnectionException");
	kb_matches_free(m, n);
	/* CamelCase parts match plain words. */
	kb_recall(&m, &n, &kb, "out of memory error", NULL, 5, 0.0);
	ASSERT_INT_EQ(n, 1);
	ASSERT_STR_EQ(m[0].entry->id, OOM);
	kb_matches_free(m, n);
	kb_release(&kb);
	ASSERT_OK(parse(&kb, "## B-1: pool\n- pattern: HikariPool exhausted\n\n"
			     "## B-2: other\n- pattern: getHTTPResponse2 failed\n"));
	kb_recall(&m, &n, &kb, "hikari connections", NULL, 5, 0.0);
	ASSERT_INT_EQ(n, 1);
	ASSERT_STR_EQ(m[0].entry->id, "B-1");
	ASSERT_STR_EQ(m[0].why, "shared: Hikari");
	kb_matches_free(m, n);
	kb_recall(&m, &n, &kb, "HTTP Response2 was empty", NULL, 5, 0.0);
	ASSERT_INT_EQ(n, 1);
	ASSERT_STR_EQ(m[0].entry->id, "B-2");
	ASSERT_CONTAINS(m[0].why, "HTTP");
	ASSERT_CONTAINS(m[0].why, "Response2");
	kb_matches_free(m, n);
	/* Stop words and short tokens alone match nothing. */
	kb_recall(&m, &n, &kb, "the of is a to after", NULL, 5, 0.0);
	ASSERT_INT_EQ(n, 0);
	ASSERT(m == NULL);
	kb_release(&kb);
}

TEST(kb, recall_min_score_max_and_service_bonus)
{
	struct kb kb = KB_INIT;
	struct kb_match *m = NULL;
	size_t n = 0, all;
	double second;

	ASSERT_OK(parse(&kb, "## A-1: disk full on host\n- service: orders\n"
			     "- pattern: No space left on device\n\n"
			     "## A-2: disk full on host\n- service: logs\n"
			     "- pattern: No space left on device\n\n"
			     "## A-3: slow queries\n- service: orders\n"
			     "- pattern: slow query log shows full table scan on device table\n"));
	kb_recall(&m, &n, &kb, "write failed: No space left on device", NULL, 10, 0.0);
	all = n;
	ASSERT_INT_EQ(all, 3);
	ASSERT(m[0].score - m[1].score < 1e-9); /* tie: same text */
	ASSERT_STR_EQ(m[0].entry->id, "A-1");   /* ties keep the file order */
	ASSERT_STR_EQ(m[2].entry->id, "A-3");
	second = m[1].score;
	kb_matches_free(m, n);

	/* The same service adds 0.1. */
	kb_recall(&m, &n, &kb, "write failed: No space left on device", "LOGS", 10, 0.0);
	ASSERT_STR_EQ(m[0].entry->id, "A-2");
	ASSERT(m[0].score - second > 0.099 && m[0].score - second < 0.101);
	kb_matches_free(m, n);

	/* min_score drops the weak match, max cuts the list. */
	kb_recall(&m, &n, &kb, "write failed: No space left on device", NULL, 10, second - 0.01);
	ASSERT_INT_EQ(n, 2);
	for (size_t i = 0; i < n; i++)
		ASSERT(m[i].score >= second - 0.01);
	kb_matches_free(m, n);
	kb_recall(&m, &n, &kb, "write failed: No space left on device", NULL, 1, 0.0);
	ASSERT_INT_EQ(n, 1);
	kb_matches_free(m, n);
	kb_recall(&m, &n, &kb, "write failed: No space left on device", NULL, 10, 0.999);
	ASSERT_INT_EQ(n, 0);

	/* The service alone is no match. */
	kb_recall(&m, &n, &kb, "certificate expired", "orders", 10, 0.0);
	ASSERT_INT_EQ(n, 0);
	kb_release(&kb);

	/* An empty knowledge base recalls nothing. */
	kb_recall(&m, &n, &kb, "anything at all", NULL, 10, 0.0);
	ASSERT_INT_EQ(n, 0);
	ASSERT(m == NULL);
}

TEST(kb, render_is_canonical)
{
	char id[] = "INC-20261121-1f9fd38a", title[] = "payments p99\nlatency",
	     date[] = "2026-11-21", service[] = "payments", severity[] = "P3",
	     category[] = "application", remediation[] = "code_fix",
	     pattern[] = "  timeout\r\nafter 30s ", root_cause[] = "",
	     fingerprint[] = "1f9fd38ad7e6084907bd8f7848eb7d12f899653edd7b61e376e07eff4400746d",
	     bad1[] = "bad id", bad2[] = "A:1";
	struct kb_entry e = {
		.id = id,
		.title = title,
		.date = date,
		.service = service,
		.severity = severity,
		.category = category,
		.remediation = remediation,
		.blame_pr = NULL,
		.pattern = pattern,
		.root_cause = root_cause,
		.fingerprint = fingerprint,
	};
	struct buf b = BUF_INIT;

	ASSERT_OK(buf_adds(&b, "intro\n"));
	ASSERT_OK(kb_render_entry(&b, &e));
	ASSERT_STR_EQ(b.ptr, "intro\n"
			     "\n## INC-20261121-1f9fd38a: payments p99 latency\n"
			     "- date: 2026-11-21\n"
			     "- service: payments\n"
			     "- severity: P3\n"
			     "- category: application\n"
			     "- remediation: code_fix\n"
			     "- blame_pr: none\n"
			     "- pattern: timeout  after 30s\n"
			     "- root_cause: none\n"
			     "- fix: none\n"
			     "- runbook: none\n"
			     "- fingerprint: "
			     "1f9fd38ad7e6084907bd8f7848eb7d12f899653edd7b61e376e07eff4400746d\n");

	e.id = bad1;
	ASSERT_ERR(kb_render_entry(&b, &e), ERR_INPUT);
	e.id = bad2;
	ASSERT_ERR(kb_render_entry(&b, &e), ERR_INPUT);
	e.id = NULL;
	ASSERT_ERR(kb_render_entry(&b, &e), ERR_INPUT);
	ASSERT(buf_ends_with(&b, "4400746d\n"));
	buf_release(&b);
}

TEST(kb, render_round_trip)
{
	struct kb kb = KB_INIT, back = KB_INIT;
	struct buf b = BUF_INIT;
	char id[] = "X-9", title[] = "", service[] = "api", pattern[] = "a: b - c";
	struct kb_entry e = {.id = id, .title = title, .service = service, .pattern = pattern};

	ASSERT_OK(load_fixture(&kb, "incidents.md"));
	ASSERT_OK(buf_adds(&b, "# Incident knowledge base\n"));
	for (size_t i = 0; i < kb.n; i++)
		ASSERT_OK(kb_render_entry(&b, &kb.entries[i]));
	ASSERT_OK(kb_render_entry(&b, &e));
	ASSERT_OK(kb_parse(&back, b.ptr, b.len, "rendered.md"));
	ASSERT_INT_EQ(back.n, kb.n + 1);
	for (size_t i = 0; i < kb.n; i++)
		ASSERT(same_entry(&kb.entries[i], &back.entries[i]));
	ASSERT(same_entry(&e, &back.entries[kb.n]));
	kb_release(&back);

	/* Appending to a file that does not end with a newline still parses. */
	buf_truncate(&b, b.len - 1);
	ASSERT_OK(kb_render_entry(&b, &kb.entries[0]));
	ASSERT_OK(kb_parse(&back, b.ptr, b.len, "rendered.md"));
	ASSERT_INT_EQ(back.n, kb.n + 2);
	kb_release(&back);
	kb_release(&kb);
	buf_release(&b);
}

TEST(kb, find_fingerprint)
{
	struct kb kb = KB_INIT;
	const struct kb_entry *e;

	ASSERT_OK(load_fixture(&kb, "incidents.md"));
	e = kb_find_fingerprint(&kb,
				"9b7c11e0aa00bb11cc22dd33ee44ff5566778899aabbccddeeff001122334455");
	ASSERT(e != NULL);
	ASSERT_STR_EQ(e->id, TLS);
	e = kb_find_fingerprint(&kb,
				"C4D2E8F100112233445566778899AABBCCDDEEFF00112233445566778899AABB");
	ASSERT(e != NULL);
	ASSERT_STR_EQ(e->id, OOM);
	ASSERT(kb_find_fingerprint(&kb, "9b7c11e0") == NULL);
	ASSERT(kb_find_fingerprint(&kb, "") == NULL);
	ASSERT(kb_find_fingerprint(&kb, NULL) == NULL);
	kb_release(&kb);
}

/* Found by tests/fuzz/fuzz_kb.c: what we write we read back, whatever the blanks and bytes. */
TEST(kb, a_blank_title_renders_as_none_and_reads_back)
{
	static const char text[] = "## INC-3:\v\n- date: 2026-01-03\n";
	struct buf once = BUF_INIT, twice = BUF_INIT;
	struct kb kb = KB_INIT, back = KB_INIT;

	ASSERT_OK(kb_parse(&kb, text, strlen(text), "t.md"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT_OK(kb_render_entry(&once, &kb.entries[0]));
	ASSERT_CONTAINS(once.ptr, "## INC-3:\n");
	ASSERT_OK(kb_parse(&back, once.ptr, once.len, "rendered"));
	ASSERT_OK(kb_render_entry(&twice, &back.entries[0]));
	ASSERT_STR_EQ(twice.ptr, once.ptr);
	kb_release(&kb);
	kb_release(&back);
	buf_release(&once);
	buf_release(&twice);
}

TEST(kb, a_value_ends_at_a_nul_byte)
{
	static const char text[] = "## INC-1: x\n- service: api\n- fingerprint:\0\0 3fa81c02\n";
	struct kb kb = KB_INIT;

	ASSERT_OK(kb_parse(&kb, text, sizeof(text) - 1, "t.md"));
	ASSERT_INT_EQ(kb.n, 1);
	ASSERT(kb.entries[0].fingerprint == NULL);
	ASSERT(kb_find_fingerprint(&kb, "") == NULL);
	ASSERT_STR_EQ(kb.entries[0].service, "api");
	kb_release(&kb);
}
