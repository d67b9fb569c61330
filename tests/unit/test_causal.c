/*
 * Unit tests of the causal rules (core/causal.h): each rule on a made-up diff and a
 * made-up log, once where it must fire and once where a look-alike must not.
 */
#include "common.h"
#include "harness.h"
#include "core/causal.h"
#include "util/sys.h"

/* A context over `log` with `symptoms` (comma-free list, NULL-terminated). */
static void context(struct causal_context *c, struct digest *d, const char *log,
		    const char *const *symptoms)
{
	memset(c, 0, sizeof(*c));
	memset(d, 0, sizeof(*d));
	if (digest_buffer(d, log, strlen(log)) < 0)
		xdie("bad test log");
	causal_context_init(c, d);
	for (size_t i = 0; symptoms && symptoms[i] && i + 1 < ARRAY_SIZE(c->symptoms); i++)
		c->symptoms[i] = symptoms[i];
}

static void pull_of(struct pull *p, const char *diff)
{
	memset(p, 0, sizeof(*p));
	if (pull_load_diff(p, diff, strlen(diff)) < 0)
		xdie("bad test diff: %s", err_last());
}

static const struct cause *find(const struct causal *c, enum cause_kind kind)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].kind == kind)
			return &c->v[i];
	return NULL;
}

static const char *service; /* the incident's service for the next assess(), or NULL */

/* Assess `diff` against `log`; the result in `out` (release with causal_release). */
static void assess(struct causal *out, const char *diff, const char *log, const char *const *symptoms)
{
	struct causal_context c;
	struct digest d;
	struct pull p;

	context(&c, &d, log, symptoms);
	c.service = service;
	pull_of(&p, diff);
	memset(out, 0, sizeof(*out));
	causal_assess(out, &p, &c);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
}

#define ONE_FILE(path, hunk) \
	"diff --git a/" path " b/" path "\n--- a/" path "\n+++ b/" path "\n" hunk

TEST(causal, literal_fragments_split_at_placeholders)
{
	const char *line = "throw new Bad(String.format(\"unsupported currency code: %s in %d rows\", c, n));";
	char **f = causal_literal_fragments(line, strlen(line), 5);

	ASSERT(f[0] && !f[1]); /* " in " and " rows" are shorter than 5 */
	ASSERT_STR_EQ(f[0], "unsupported currency code");
	sys_free_list(f);
	line = "log.info(f\"user {user_id} has no quota left\")";
	f = causal_literal_fragments(line, strlen(line), 5);
	ASSERT_STR_EQ(f[0], "has no quota left"); /* "user" is shorter than 5 */
	ASSERT(!f[1]);
	sys_free_list(f);
}

TEST(causal, cosmetic_changes_are_recognised)
{
	ASSERT(causal_cosmetic("  total = price * qty;", "  total = price * qty; // NOSONAR"));
	ASSERT(causal_cosmetic("x = f(a,b)", "x = f(a, b)  # noqa: E231"));
	ASSERT(causal_cosmetic("for n, r in enumerate(rows, start=2):", "for lineno, row in enumerate(rows, start=2):"));
	ASSERT(causal_cosmetic(NULL, "    logger.debug(\"loading {}\", id);"));
	ASSERT(!causal_cosmetic("limit = 100", "limit = 10"));
	ASSERT(!causal_cosmetic("if (a != null) return a.b;", "return a.b;"));
	ASSERT(!causal_cosmetic("q = \"select 1\"", "q = \"select 2\""));
}

TEST(causal, values_carry_their_units)
{
	char tok[32];

	ASSERT(causal_value("timeout: 5s", 11, tok, sizeof(tok)) == 5000);
	ASSERT_STR_EQ(tok, "5s");
	ASSERT(causal_value("timeout: 300ms", 14, tok, sizeof(tok)) == 300);
	ASSERT(causal_value("memory: 512Mi", 13, tok, sizeof(tok)) == 512.0 * 1048576);
	ASSERT(causal_value("pool_size = 20", 14, tok, sizeof(tok)) == 20);
	ASSERT(causal_value("name: v2api", 11, tok, sizeof(tok)) < 0);
}

TEST(causal, added_message_in_the_errors_convicts)
{
	static const char *const diff = ONE_FILE("src/money.rb",
		"@@ -1,3 +1,4 @@\n"
		" def parse(code)\n"
		"+  raise ArgumentError, \"currency code not accepted: #{code}\" unless OK.include?(code)\n"
		"   Money.new(code)\n"
		" end\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR ArgumentError: currency code not accepted: eur\n", NULL);
	ASSERT(find(&out, CAUSE_TEXT) && find(&out, CAUSE_TEXT)->weight >= 1.5);
	causal_release(&out);
	/* the same words in a log call only describe the failure */
	assess(&out, ONE_FILE("src/money.rb", "@@ -1,2 +1,3 @@\n def parse(code)\n"
			      "+  logger.warn(\"currency code not accepted: #{code}\")\n end\n"),
	       "2026-01-01T10:00:00Z WARN currency code not accepted: eur\n", NULL);
	ASSERT(find(&out, CAUSE_TEXT) && find(&out, CAUSE_TEXT)->weight < 1.0);
	causal_release(&out);
}

TEST(causal, reworded_message_is_not_new_text)
{
	static const char *const diff = ONE_FILE("app/sync.py",
		"@@ -1,2 +1,2 @@\n"
		" def sync():\n"
		"-    log.error(\"partner sync failed after retries\")\n"
		"+    log.error(\"partner sync failed after retries (attempts=%d)\", n)\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR partner sync failed after retries (attempts=3)\n", NULL);
	ASSERT(!find(&out, CAUSE_TEXT));
	causal_release(&out);
}

TEST(causal, removed_field_the_errors_still_name)
{
	static const char *const diff = ONE_FILE("lib/event.ts",
		"@@ -1,4 +1,4 @@\n"
		" export function build(o) {\n"
		"   return {\n"
		"-    shipTo: o.address,\n"
		"+    ship_to: o.address,\n"
		"   };\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR TypeError: Cannot read properties of undefined (reading 'shipTo')\n", NULL);
	ASSERT(find(&out, CAUSE_REMOVED_NAME) && find(&out, CAUSE_REMOVED_NAME)->weight >= 1.5);
	causal_release(&out);
	/* a use taken away breaks nothing */
	assess(&out, ONE_FILE("lib/view.ts", "@@ -1,2 +1,2 @@\n function v(o) {\n"
			      "-  show(o.shipTo);\n+  show(o.ship_to);\n"),
	       "2026-01-01T10:00:00Z INFO ok\n", NULL);
	ASSERT(!find(&out, CAUSE_REMOVED_NAME));
	causal_release(&out);
	/* nor a use of a library's type that the errors' frames happen to name */
	assess(&out, ONE_FILE("src/PickRepo.cs", "@@ -1,2 +1,2 @@\n class PickRepo {\n"
			      "-  var cmd = new CommandDefinition(sql, args);\n+  var cmd = (sql, args);\n"),
	       "2026-01-01T10:00:00Z ERROR Npgsql.PostgresException: 25006: cannot execute UPDATE in a "
	       "read-only transaction at Dapper.SqlMapper.ExecuteAsync(CommandDefinition command)\n", NULL);
	ASSERT(!find(&out, CAUSE_REMOVED_NAME));
	causal_release(&out);
}

/* A name still used counts as a whole name: "partner_issuers" is not "partner_issuer". */
TEST(causal, removed_definition_still_used_as_a_whole_name)
{
	static const char *const diff = ONE_FILE("app/settings.py",
		"@@ -1,3 +1,3 @@\n"
		" class Settings(BaseSettings):\n"
		"-    partner_issuer: str = \"https://idp.example/realms/shops\"\n"
		"+    partner_issuers: dict[str, str] = {}\n"
		"     audience: str = \"intake\"\n");
	struct causal_context c;
	struct digest d;
	struct pull p;
	struct causal out;

	context(&c, &d, "2026-01-01T10:00:00Z ERROR request failed\n", NULL);
	pull_of(&p, diff);
	c.sources = "    if iss in settings.partner_issuers:\n";
	memset(&out, 0, sizeof(out));
	causal_assess(&out, &p, &c);
	ASSERT(!find(&out, CAUSE_REMOVED_NAME));
	causal_release(&out);
	c.sources = "    if iss == settings.partner_issuer:\n";
	memset(&out, 0, sizeof(out));
	causal_assess(&out, &p, &c);
	ASSERT(find(&out, CAUSE_REMOVED_NAME) != NULL);
	causal_release(&out);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
}

TEST(causal, changed_value_that_the_errors_show)
{
	static const char *const diff = ONE_FILE("config/production.json",
		"@@ -1,3 +1,3 @@\n"
		" {\n"
		"-  \"cache_port\": 6379,\n"
		"+  \"cache_port\": 6390,\n"
		" }\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR connect ECONNREFUSED 10.1.2.3:6390\n", NULL);
	ASSERT(find(&out, CAUSE_VALUE));
	causal_release(&out);
	assess(&out, diff, "2026-01-01T10:00:00Z ERROR connect ECONNREFUSED 10.1.2.3:5432\n", NULL);
	ASSERT(!find(&out, CAUSE_VALUE));
	causal_release(&out);
}

TEST(causal, limit_moved_the_way_the_symptom_needs)
{
	static const char *const diff = ONE_FILE("conf/app.yaml",
		"@@ -1,3 +1,3 @@\n"
		" http:\n"
		"-  read_timeout: 10s\n"
		"+  read_timeout: 250ms\n"
		"   retries: 2\n");
	static const char *const timeout[] = {"timeout", NULL}, *const oom[] = {"out_of_memory", NULL};
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR upstream call timed out\n", timeout);
	ASSERT(find(&out, CAUSE_LIMIT));
	ASSERT(causal_immediate(CAUSE_LIMIT));
	causal_release(&out);
	/* a timeout shortened does not explain running out of memory */
	assess(&out, diff, "2026-01-01T10:00:00Z ERROR java.lang.OutOfMemoryError\n", oom);
	ASSERT(!find(&out, CAUSE_LIMIT));
	causal_release(&out);
}

TEST(causal, verbosity_raised_while_a_volume_fills)
{
	static const char *const diff = ONE_FILE("config/logging.json",
		"@@ -1,4 +1,4 @@\n"
		" {\n"
		"   \"Logging\": {\n"
		"-    \"Level\": \"Warn\",\n"
		"+    \"Level\": \"Trace\",\n"
		"   }\n");
	static const char *const quieter = ONE_FILE("config/logging.json",
		"@@ -1,4 +1,4 @@\n"
		" {\n"
		"   \"Logging\": {\n"
		"-    \"Level\": \"Debug\",\n"
		"+    \"Level\": \"Error\",\n"
		"   }\n");
	static const char *const disk[] = {"disk_full", NULL}, *const timeout[] = {"timeout", NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR write /data/app.log: No space left on device\n";
	struct causal out;

	assess(&out, diff, log, disk);
	ASSERT(find(&out, CAUSE_LIMIT));
	causal_release(&out);
	/* a level turned down cannot fill a disk */
	assess(&out, quieter, log, disk);
	ASSERT(!find(&out, CAUSE_LIMIT));
	causal_release(&out);
	/* nor does a debug level explain time-outs */
	assess(&out, diff, "2026-01-01T10:00:00Z ERROR upstream call timed out\n", timeout);
	ASSERT(!find(&out, CAUSE_LIMIT));
	causal_release(&out);
}

TEST(causal, date_format_changed_while_parsing_fails)
{
	static const char *const diff = ONE_FILE("config/settings.properties",
		"@@ -3,3 +3,3 @@\n"
		" export.enabled=true\n"
		"-invoice.due-date-format=dd/MM/yyyy\n"
		"+invoice.due-date-format=MM/dd/yyyy\n"
		" export.batch=50\n");
	static const char *const layout = ONE_FILE("config/settings.properties",
		"@@ -3,3 +3,3 @@\n"
		" export.enabled=true\n"
		"-logging.pattern.console=%d{HH:mm:ss} %msg\n"
		"+logging.pattern.console=%d{yyyy-MM-dd HH:mm:ss} %msg\n"
		" export.batch=50\n");
	static const char *const none[] = {NULL};
	static const char *const fails = "2026-01-01T10:00:00Z ERROR Unparseable date: \"31/12/2025\"\n";
	struct causal out;

	assess(&out, diff, fails, none);
	ASSERT(find(&out, CAUSE_VALUE));
	causal_release(&out);
	/* the same change means nothing while everything parses */
	assess(&out, diff, "2026-01-01T10:00:00Z ERROR upstream call timed out\n", none);
	ASSERT(!find(&out, CAUSE_VALUE));
	causal_release(&out);
	/* a log layout formats lines, it parses no input */
	assess(&out, layout, fails, none);
	ASSERT(!find(&out, CAUSE_VALUE));
	causal_release(&out);
}

TEST(causal, field_type_changed_under_a_failing_decoder)
{
	static const char *const diff = ONE_FILE("billing/invoice.go",
		"@@ -8,3 +8,3 @@ type Invoice struct {\n"
		" \tID       string `json:\"id\"`\n"
		"-\tAmount   string `json:\"amount\"`\n"
		"+\tAmount   float64 `json:\"amount\"`\n"
		" \tCurrency string `json:\"currency\"`\n");
	static const char *const none[] = {NULL};
	static const char *const fails = "2026-01-01T10:00:00Z ERROR decode invoice: json: cannot "
		"unmarshal number into Go struct field Invoice.amount of type string\n";
	static const char *const other = "2026-01-01T10:00:00Z ERROR decode invoice: json: cannot "
		"unmarshal number into Go struct field Invoice.tax_rate of type string\n";
	struct causal out;

	assess(&out, diff, fails, none);
	ASSERT(find(&out, CAUSE_CONTRACT));
	ASSERT(causal_immediate(CAUSE_CONTRACT));
	causal_release(&out);
	/* the decoder fails on another field: this type change is not it */
	assess(&out, diff, other, none);
	ASSERT(!find(&out, CAUSE_CONTRACT));
	causal_release(&out);
}

TEST(causal, query_filter_dropped_while_memory_runs_out)
{
	static const char *const dropped = ONE_FILE("app/orders_repo.py",
		"@@ -10,4 +10,3 @@ def open_orders(shop_id):\n"
		"     q = session.query(Order)\n"
		"-    q = q.filter(Order.shop_id == shop_id)\n"
		"     q = q.filter(Order.state == 'open')\n"
		"     return q.all()\n");
	static const char *const moved = ONE_FILE("app/orders_repo.py",
		"@@ -10,4 +10,4 @@ def open_orders(shop_id):\n"
		"     q = session.query(Order)\n"
		"-    q = q.filter(Order.shop_id == shop_id)\n"
		"+    q = q.filter_by(shop_id=shop_id).filter(Order.shop_id != None)\n"
		"     q = q.filter(Order.state == 'open')\n"
		"     return q.all()\n");
	static const char *const oom[] = {"out_of_memory", NULL}, *const auth[] = {"auth", NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR MemoryError in open_orders\n";
	struct causal out;

	assess(&out, dropped, log, oom);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* the filter is still there, written another way */
	assess(&out, moved, log, oom);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* a query reading more rows does not reject logins */
	assess(&out, dropped, "2026-01-01T10:00:00Z ERROR 401 Unauthorized\n", auth);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, an_index_dropped_while_queries_on_its_table_time_out)
{
	static const char *const pg = ONE_FILE("db/migrate/V31__tidy_indexes.sql",
		"@@ -0,0 +1,2 @@\n"
		"+-- unused according to the stats\n"
		"+DROP INDEX CONCURRENTLY IF EXISTS ix_invoices_tenant_due;\n");
	static const char *const rails = ONE_FILE("db/migrate/20260101_drop_due_index.rb",
		"@@ -0,0 +1,3 @@\n"
		"+def change\n"
		"+  remove_index :invoices, name: \"by_tenant_due\"\n"
		"+end\n");
	static const char *const rebuilt = ONE_FILE("db/migrate/V31__tidy_indexes.sql",
		"@@ -0,0 +1,2 @@\n"
		"+DROP INDEX IF EXISTS ix_invoices_tenant_due;\n"
		"+CREATE INDEX ix_invoices_tenant_due ON invoices (tenant_id, due_at, state);\n");
	static const char *const slow[] = {"timeout", "pool_exhausted", NULL}, *const auth[] = {"auth", NULL};
	static const char *const log =
		"2026-01-01T10:00:00Z LOG duration: 9000 ms execute: SELECT id FROM invoices WHERE tenant_id = $1 AND due_at < $2\n"
		"2026-01-01T10:00:05Z ERROR canceling statement due to statement timeout\n";
	static const char *const other_table =
		"2026-01-01T10:00:00Z LOG duration: 9000 ms execute: SELECT id FROM payments WHERE tenant_id = $1\n"
		"2026-01-01T10:00:05Z ERROR canceling statement due to statement timeout\n";
	struct causal out;

	assess(&out, pg, log, slow);
	ASSERT(find(&out, CAUSE_INDEX) && strstr(find(&out, CAUSE_INDEX)->detail, "ix_invoices_tenant_due"));
	ASSERT_STR_EQ(find(&out, CAUSE_INDEX)->subject, "ix_invoices_tenant_due");
	causal_release(&out);
	assess(&out, rails, log, slow);
	ASSERT(find(&out, CAUSE_INDEX) && strstr(find(&out, CAUSE_INDEX)->detail, "on invoices"));
	causal_release(&out);
	/* dropped and created again in the same change: rebuilt */
	assess(&out, rebuilt, log, slow);
	ASSERT(!find(&out, CAUSE_INDEX));
	causal_release(&out);
	/* the slow queries read another table */
	assess(&out, pg, other_table, slow);
	ASSERT(!find(&out, CAUSE_INDEX));
	causal_release(&out);
	/* nothing is slow */
	assess(&out, pg, "2026-01-01T10:00:00Z ERROR 401 Unauthorized on SELECT id FROM invoices\n", auth);
	ASSERT(!find(&out, CAUSE_INDEX));
	causal_release(&out);
	/* MySQL's ALTER TABLE drops an index only with DROP INDEX on the line */
	assess(&out, ONE_FILE("db/migration/V32__due_note.sql",
			      "@@ -0,0 +1,1 @@\n+ALTER TABLE invoices ADD COLUMN due_note varchar(80);\n"), log, slow);
	ASSERT(!find(&out, CAUSE_INDEX));
	causal_release(&out);
	assess(&out, ONE_FILE("db/migration/V32__tidy.sql",
			      "@@ -0,0 +1,1 @@\n+ALTER TABLE invoices DROP INDEX ix_invoices_tenant_due;\n"), log, slow);
	ASSERT(find(&out, CAUSE_INDEX) != NULL);
	causal_release(&out);
}

TEST(causal, connections_sent_through_a_pooler_while_prepared_statements_clash)
{
	static const char *const diff = ONE_FILE("config/runtime.exs",
		"@@ -3,2 +3,2 @@ config :shop, Shop.Repo,\n"
		"-  url: database_url,\n"
		"+  url: System.get_env(\"DATABASE_POOLER_URL\") || database_url,\n"
		"   pool_size: 10\n");
	static const char *const clash[] = {"prepared_statement_clash", NULL}, *const slow[] = {"timeout", NULL};
	struct causal out;

	assess(&out, diff, "2026-04-01T09:00:00Z ERROR ** (Postgrex.Error) ERROR 42P05 "
			   "(duplicate_prepared_statement) prepared statement \"q_7\" already exists\n", clash);
	ASSERT(find(&out, CAUSE_BOUND) && strstr(find(&out, CAUSE_BOUND)->detail, "pooler"));
	causal_release(&out);
	/* slow queries alone say nothing of a pooler */
	assess(&out, diff, "2026-04-01T09:00:00Z ERROR query timed out\n", slow);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, a_proxys_larger_header_buffers_removed_while_headers_are_too_big)
{
	static const char *const diff = ONE_FILE("deploy/nginx/site.conf",
		"@@ -10,3 +10,1 @@ location ~ \\.php$ {\n"
		"         fastcgi_pass app:9000;\n"
		"-        fastcgi_buffer_size 32k;\n"
		"-        fastcgi_buffers 16 16k;\n");
	static const char *const big[] = {"header_too_big", NULL}, *const slow[] = {"timeout", NULL};
	struct causal out;

	assess(&out, diff, "2026/06/02 09:38:06 [error] 31#31: *36 upstream sent too big header while "
			   "reading response header from upstream\n", big);
	ASSERT(find(&out, CAUSE_BOUND) && strstr(find(&out, CAUSE_BOUND)->detail, "header buffers"));
	causal_release(&out);
	assess(&out, diff, "2026/06/02 09:38:06 [error] upstream timed out\n", slow);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, a_column_made_required_while_rows_are_written_without_it)
{
	static const char *const diff = ONE_FILE("db/migration/V41__parcel_depot.sql",
		"@@ -0,0 +1,3 @@\n"
		"+ALTER TABLE parcels ADD COLUMN depot_id bigint;\n"
		"+UPDATE parcels SET depot_id = 1;\n"
		"+ALTER TABLE parcels ALTER COLUMN depot_id SET NOT NULL;\n");
	static const char *const with_default = ONE_FILE("db/migration/V41__parcel_depot.sql",
		"@@ -0,0 +1,1 @@\n"
		"+ALTER TABLE parcels ADD COLUMN depot_id bigint NOT NULL DEFAULT 1;\n");
	static const char *const not_null[] = {"not_null_violation", NULL};
	static const char *const log =
		"2026-03-01T06:00:00Z ERROR insert failed: ERROR: null value in column \"depot_id\" of "
		"relation \"parcels\" violates not-null constraint\n";
	struct causal out;

	assess(&out, diff, log, not_null);
	ASSERT(find(&out, CAUSE_CONTRACT) && strstr(find(&out, CAUSE_CONTRACT)->detail, "depot_id"));
	causal_release(&out);
	/* with a default, rows written without the column get one */
	assess(&out, with_default, log, not_null);
	ASSERT(!find(&out, CAUSE_CONTRACT));
	causal_release(&out);
	/* another column is the one left NULL */
	assess(&out, diff, "2026-03-01T06:00:00Z ERROR null value in column \"route_id\" violates "
			   "not-null constraint\n", not_null);
	ASSERT(!find(&out, CAUSE_CONTRACT));
	causal_release(&out);
}

TEST(causal, middleware_moved_past_the_step_the_errors_come_from)
{
	static const char *const down = ONE_FILE("src/server.js",
		"@@ -20,4 +20,4 @@ function build(app) {\n"
		"   app.use(express.json());\n"
		"-  app.use(verifySession);\n"
		"   app.use(loadProject);\n"
		"+  app.use(verifySession);\n"
		"   app.use('/api', routes);\n");
	static const char *const up = ONE_FILE("src/server.js",
		"@@ -20,4 +20,4 @@ function build(app) {\n"
		"   app.use(express.json());\n"
		"+  app.use(verifySession);\n"
		"   app.use(loadProject);\n"
		"-  app.use(verifySession);\n"
		"   app.use('/api', routes);\n");
	static const char *const none[] = {NULL};
	static const char *const denied = "2026-01-01T10:00:00Z WARN loadProject: 403 user undefined is "
		"not a member (src/middleware/loadProject.js:31)\n";
	struct causal out;

	assess(&out, down, denied, none);
	ASSERT(find(&out, CAUSE_ORDER));
	causal_release(&out);
	assess(&out, up, denied, none);
	ASSERT(find(&out, CAUSE_ORDER));
	causal_release(&out);
	/* errors from elsewhere: the new order is not what they are about */
	assess(&out, down, "2026-01-01T10:00:00Z ERROR billing: upstream 502 from payments\n", none);
	ASSERT(!find(&out, CAUSE_ORDER));
	causal_release(&out);
}

TEST(causal, cache_key_changed_while_misses_feed_the_load)
{
	static const char *const diff = ONE_FILE("quotes/models.py",
		"@@ -40,2 +40,2 @@ class Quote:\n"
		"     def cache_key(self):\n"
		"-        return f\"quote:v1:{self.id}\"\n"
		"+        return f\"quote:v2:{self.id}:{self.region}\"\n");
	static const char *const timeout[] = {"timeout", NULL}, *const auth[] = {"auth", NULL};
	static const char *const misses = "2026-01-01T10:00:00Z INFO quote page cache_misses=40 hits=1\n"
		"2026-01-01T10:00:01Z ERROR db query timed out after 5000ms\n";
	struct causal out;

	assess(&out, diff, misses, timeout);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* no misses counted: nothing says the cache stopped protecting the database */
	assess(&out, diff, "2026-01-01T10:00:01Z ERROR db query timed out after 5000ms\n", timeout);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* misses do not reject logins */
	assess(&out, diff, "2026-01-01T10:00:00Z INFO cache_misses=40\n2026-01-01T10:00:01Z ERROR 401\n", auth);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, blocking_work_moved_onto_a_cpu_sized_pool)
{
	static const char *const smaller = ONE_FILE("src/main/java/app/Quotes.java",
		"@@ -20,2 +20,2 @@ class Quotes {\n"
		"     return Mono.fromCallable(() -> jdbc.query(SQL))\n"
		"-        .subscribeOn(Schedulers.boundedElastic());\n"
		"+        .subscribeOn(Schedulers.parallel());\n");
	static const char *const larger = ONE_FILE("src/main/java/app/Quotes.java",
		"@@ -20,2 +20,2 @@ class Quotes {\n"
		"     return Mono.fromCallable(() -> jdbc.query(SQL))\n"
		"-        .subscribeOn(Schedulers.parallel());\n"
		"+        .subscribeOn(Schedulers.boundedElastic());\n");
	static const char *const timeout[] = {"timeout", NULL}, *const auth[] = {"auth", NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR quote request timed out after 3000ms\n";
	struct causal out;

	assess(&out, smaller, log, timeout);
	ASSERT(find(&out, CAUSE_LIMIT));
	causal_release(&out);
	assess(&out, larger, log, timeout);
	ASSERT(!find(&out, CAUSE_LIMIT));
	causal_release(&out);
	assess(&out, smaller, "2026-01-01T10:00:00Z ERROR 401 Unauthorized\n", auth);
	ASSERT(!find(&out, CAUSE_LIMIT));
	causal_release(&out);
}

TEST(causal, a_setting_brought_in_whose_value_the_errors_quote)
{
	static const char *const added = ONE_FILE("config/app.yaml",
		"@@ -3,2 +3,3 @@ billing:\n"
		"   timeout: 10s\n"
		"+  audience: payments.internal.example\n"
		"   retries: 3\n");
	static const char *const bare = ONE_FILE("config/app.yaml",
		"@@ -3,2 +3,3 @@ billing:\n"
		"   timeout: 10s\n"
		"+  name: billing-api\n"
		"   retries: 3\n");
	static const char *const none[] = {NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR billing-api: token rejected: audience "
		"payments.internal.example is not valid for this client\n";
	struct causal out;

	assess(&out, added, log, none);
	ASSERT(find(&out, CAUSE_VALUE));
	causal_release(&out);
	/* a bare name (the service's own) is everywhere in the logs: no evidence */
	assess(&out, bare, log, none);
	ASSERT(!find(&out, CAUSE_VALUE));
	causal_release(&out);
}

TEST(causal, a_visibility_timeout_cut_while_work_runs_twice)
{
	static const char *const diff = ONE_FILE("worker/config.py",
		"@@ -10,3 +10,3 @@ broker_transport_options = {\n"
		"     \"region\": \"eu-west-1\",\n"
		"-    \"visibility_timeout\": 7200,\n"
		"+    \"visibility_timeout\": 600,\n"
		"     \"polling_interval\": 1,\n");
	static const char *const dup[] = {"duplicate_work", NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR export job: psycopg2.errors.UniqueViolation: "
		"duplicate key value violates unique constraint \"exports_day_key\"\n";
	struct causal out;

	assess(&out, diff, log, dup);
	ASSERT(find(&out, CAUSE_LIMIT));
	causal_release(&out);
}

TEST(causal, a_shared_client_built_per_call_while_ports_run_out)
{
	static const char *const moved = ONE_FILE("app/pricing.py",
		"@@ -10,6 +10,5 @@ class Pricing:\n"
		"     def __init__(self, url):\n"
		"         self.url = url\n"
		"-        self.session = requests.Session()\n"
		" \n"
		"     def quote(self, sku):\n"
		"-        return self.session.get(self.url + sku).json()\n"
		"+        return requests.Session().get(self.url + sku).json()\n");
	static const char *const ports[] = {"ports_exhausted", NULL}, *const timeout[] = {"timeout", NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR quote failed: [Errno 99] Cannot assign "
		"requested address\n";
	struct causal out;

	assess(&out, moved, log, ports);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* the same move under time-outs alone says nothing about connections per call */
	assess(&out, moved, "2026-01-01T10:00:00Z ERROR quote timed out\n", timeout);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, an_error_wrapped_with_its_cause_only_names_it)
{
	static const char *const diff = ONE_FILE("store/ledger.go",
		"@@ -20,2 +20,2 @@ func (s *Store) Entries(id string) ([]Entry, error) {\n"
		"-\t\treturn nil, err\n"
		"+\t\treturn nil, fmt.Errorf(\"load ledger entries for account %s: %w\", id, err)\n"
		" \t}\n");
	static const char *const log = "2026-01-01T10:00:00Z ERROR load ledger entries for account a1: "
		"prepared statement \"s1\" does not exist\n";
	struct causal out;
	const struct cause *c;

	assess(&out, diff, log, NULL);
	ASSERT((c = find(&out, CAUSE_TEXT)) && c->weight < 1.0);
	causal_release(&out);
}

TEST(causal, the_services_own_name_is_no_evidence)
{
	static const char *const diff = ONE_FILE("src/loyalty.client.ts",
		"@@ -10,2 +10,2 @@ export class LoyaltyClient {\n"
		"-    headers: {},\n"
		"+    headers: { 'x-caller': 'checkout-api' },\n"
		"   });\n");
	static const char *const log = "2026-01-01T10:00:00Z ERROR checkout-api: loyalty request failed: "
		"connect ECONNREFUSED\n";
	struct causal out;

	assess(&out, diff, log, NULL);
	ASSERT(find(&out, CAUSE_TEXT));
	causal_release(&out);
	service = "checkout-api";
	assess(&out, diff, log, NULL);
	service = NULL;
	ASSERT(!find(&out, CAUSE_TEXT));
	causal_release(&out);
}

TEST(causal, an_object_that_is_not_thread_safe_shared_while_threads_race)
{
	static const char *const diff = ONE_FILE("src/main/java/app/Importer.java",
		"@@ -5,2 +5,3 @@ class Importer {\n"
		"   private final Repo repo;\n"
		"+  private static final DateFormat DAY = new SimpleDateFormat(\"yyyyMMdd\");\n"
		"   Importer(Repo repo) { this.repo = repo; }\n");
	static const char *const race[] = {"race", NULL}, *const timeout[] = {"timeout", NULL};
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR java.lang.NumberFormatException: multiple points\n", race);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
	assess(&out, diff, "2026-01-01T10:00:00Z ERROR import timed out\n", timeout);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* a local variable is no other thread's */
	assess(&out, ONE_FILE("src/Rules/RuleRepository.cs",
			      "@@ -20,2 +20,3 @@ class RuleRepository {\n"
			      "     public async Task<IReadOnlyList<Rule>> ListAsync() {\n"
			      "+        var rules = new List<Rule>();\n"
			      "         await foreach (var r in _db.Rules) rules.Add(r);\n"),
	       "2026-01-01T10:00:00Z ERROR System.InvalidOperationException: A second operation was "
	       "started on this context instance before a previous operation completed.\n", race);
	ASSERT(!find(&out, CAUSE_BOUND));
	causal_release(&out);
	/* a service made one shared instance holds its request's database context */
	assess(&out, ONE_FILE("src/Composition/Module.cs",
			      "@@ -10,1 +10,1 @@ public static class Module {\n"
			      "-        services.AddScoped<IPricing, Pricing>();\n"
			      "+        services.AddSingleton<IPricing, Pricing>();\n"),
	       "2026-01-01T10:00:00Z ERROR System.InvalidOperationException: A second operation was "
	       "started on this context instance before a previous operation completed.\n", race);
	ASSERT(find(&out, CAUSE_BOUND) && strstr(find(&out, CAUSE_BOUND)->detail, "singleton"));
	causal_release(&out);
}

TEST(causal, bound_removed_or_narrowed)
{
	static const char *const cache = ONE_FILE("src/Cache.java",
		"@@ -1,4 +1,3 @@\n"
		" Caffeine.newBuilder()\n"
		"-    .maximumSize(10_000)\n"
		"     .expireAfterWrite(Duration.ofHours(6))\n"
		"     .build();\n");
	static const char *const eager = ONE_FILE("app/q.rb",
		"@@ -1,2 +1,2 @@\n"
		" def call\n"
		"-  Order.includes(:shipment, line_items: :product).where(x: 1)\n"
		"+  Order.includes(:shipment).where(x: 1)\n");
	static const char *const oom[] = {"out_of_memory", NULL}, *const slow[] = {"timeout", NULL};
	struct causal out;

	assess(&out, cache, "2026-01-01T10:00:00Z ERROR java.lang.OutOfMemoryError: Java heap space\n", oom);
	ASSERT(find(&out, CAUSE_BOUND));
	ASSERT(!causal_immediate(CAUSE_BOUND));
	causal_release(&out);
	assess(&out, eager, "2026-01-01T10:00:00Z ERROR request timed out\n", slow);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, flag_turned_on_that_the_logs_show)
{
	static const char *const diff = ONE_FILE("config/flags.json",
		"@@ -1,3 +1,3 @@\n"
		" {\n"
		"-  \"use_new_pricer\": false\n"
		"+  \"use_new_pricer\": true\n"
		" }\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z INFO flags loaded: useNewPricer=on\n"
			   "2026-01-01T10:01:00Z ERROR pricing failed\n", NULL);
	ASSERT(find(&out, CAUSE_FLAG) && find(&out, CAUSE_FLAG)->weight >= 1.5);
	causal_release(&out);
	assess(&out, diff, "2026-01-01T10:01:00Z ERROR pricing failed\n", NULL);
	ASSERT(find(&out, CAUSE_FLAG) && find(&out, CAUSE_FLAG)->weight < 1.0);
	causal_release(&out);
}

TEST(causal, dependency_version_in_the_errors)
{
	static const char *const diff = ONE_FILE("requirements.txt",
		"@@ -1,2 +1,2 @@\n"
		" fastapi==0.110.0\n"
		"-searchkit==7.17.9\n"
		"+searchkit==8.15.1\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR client searchkit/8.15.1 got 406 Not Acceptable\n", NULL);
	ASSERT(find(&out, CAUSE_DEPENDENCY) && find(&out, CAUSE_DEPENDENCY)->weight >= 1.5);
	causal_release(&out);
	/* only the start-up banner: proves the deploy, not the cause */
	assess(&out, diff, "2026-01-01T10:00:00Z INFO started with searchkit 8.15.1\n"
			   "2026-01-01T10:00:01Z ERROR query failed\n", NULL);
	ASSERT(find(&out, CAUSE_DEPENDENCY) && find(&out, CAUSE_DEPENDENCY)->weight < 1.0);
	causal_release(&out);
	/* Go modules write versions with a "v" */
	assess(&out, ONE_FILE("go.mod", "@@ -3,2 +3,2 @@ require (\n"
					 " \tgithub.com/acme/web v1.2.0\n"
					 "-\tgithub.com/acme/kit v2.4.1\n"
					 "+\tgithub.com/acme/kit v2.5.0\n"),
	       "2026-01-01T10:00:00Z ERROR kit=v2.5.0 query failed: bad handshake\n", NULL);
	ASSERT(find(&out, CAUSE_DEPENDENCY) && find(&out, CAUSE_DEPENDENCY)->weight >= 1.5);
	causal_release(&out);
}

TEST(causal, a_library_bumped_that_the_failure_is_raised_in)
{
	static const char *const diff = ONE_FILE("requirements.txt",
		"@@ -4,3 +4,3 @@\n"
		" httpx==0.27.0\n"
		"-tokenlib[crypto]==3.1.0\n"
		"+tokenlib[crypto]==3.2.0\n"
		" uvicorn==0.30.1\n");
	static const char *const raised_in_lib =
		"2026-02-01T09:00:00Z ERROR request failed\n"
		"Traceback (most recent call last):\n"
		"  File \"/srv/app/auth.py\", line 40, in principal\n"
		"    claims = tokenlib.decode(raw)\n"
		"  File \"/venv/lib/python3.12/site-packages/tokenlib/claims.py\", line 88, in check_sub\n"
		"    raise InvalidSubject(\"sub must be text\")\n"
		"tokenlib.errors.InvalidSubject: sub must be text\n";
	static const char *const raised_in_app =
		"2026-02-01T09:00:00Z ERROR request failed\n"
		"Traceback (most recent call last):\n"
		"  File \"/venv/lib/python3.12/site-packages/tokenlib/claims.py\", line 88, in check_sub\n"
		"    hook(sub)\n"
		"  File \"/srv/app/auth.py\", line 12, in hook\n"
		"    raise ValueError(\"unknown shop\")\n"
		"ValueError: unknown shop\n";
	/* a client library raising an upstream's HTTP error by design says nothing of itself */
	static const char *const relayed =
		"2026-02-01T09:00:00Z ERROR checkout failed\n"
		"Traceback (most recent call last):\n"
		"  File \"/srv/app/pay.py\", line 9, in charge\n"
		"    resp.raise_for_status()\n"
		"  File \"/venv/lib/python3.12/site-packages/tokenlib/http.py\", line 20, in raise_for_status\n"
		"    raise HTTPStatusError(resp)\n"
		"tokenlib.http.HTTPStatusError: Server error '503 Service Unavailable'\n";
	struct causal out;

	assess(&out, diff, raised_in_lib, NULL);
	ASSERT(find(&out, CAUSE_DEPENDENCY) && find(&out, CAUSE_DEPENDENCY)->weight >= 1.5);
	ASSERT_CONTAINS(find(&out, CAUSE_DEPENDENCY)->detail, "moves tokenlib to 3.2.0");
	causal_release(&out);
	assess(&out, diff, raised_in_app, NULL);
	ASSERT(!find(&out, CAUSE_DEPENDENCY));
	causal_release(&out);
	assess(&out, diff, relayed, NULL);
	ASSERT(!find(&out, CAUSE_DEPENDENCY));
	causal_release(&out);
	/* nor a database's error that its driver passes on */
	assess(&out, ONE_FILE("requirements.txt", "@@ -1,1 +1,1 @@\n-pgdriver==3.1.18\n+pgdriver==3.1.19\n"),
	       "2026-02-01T09:00:00Z ERROR query failed\n"
	       "Traceback (most recent call last):\n"
	       "  File \"/srv/app/views.py\", line 9, in slots\n"
	       "    cur.execute(q)\n"
	       "  File \"/venv/lib/python3.12/site-packages/pgdriver/cursor.py\", line 732, in execute\n"
	       "    raise ex.with_traceback(None)\n"
	       "pgdriver.errors.UndefinedColumn: column a.starts_at does not exist (SQLSTATE 42703)\n", NULL);
	ASSERT(!find(&out, CAUSE_DEPENDENCY));
	causal_release(&out);
}

TEST(causal, failing_line_changed_or_only_touched)
{
	static const char *const semantic = ONE_FILE("app/svc.py",
		"@@ -10,3 +10,3 @@ def total(order):\n"
		"     items = order.items\n"
		"-    return sum(i.price for i in items if i)\n"
		"+    return sum(i.price for i in items)\n"
		"     # end\n");
	static const char *const cosmetic = ONE_FILE("app/svc.py",
		"@@ -10,3 +10,3 @@ def total(order):\n"
		"     items = order.items\n"
		"-    return sum(i.price for i in items)\n"
		"+    return sum(i.price for i in items)  # noqa: C401\n"
		"     # end\n");
	static const char *const log =
		"2026-01-01T10:00:00Z ERROR boom\n"
		"Traceback (most recent call last):\n"
		"  File \"/srv/app/svc.py\", line 11, in total\n"
		"AttributeError: 'NoneType' object has no attribute 'price'\n";
	struct causal_context c;
	struct digest d;
	struct pull p;
	struct causal out = CAUSAL_INIT;
	struct frame_location loc = {"svc.py", "/srv/app/svc.py", 11, 1.0};

	context(&c, &d, log, NULL);
	c.locs = &loc;
	c.nlocs = 1;
	pull_of(&p, semantic);
	causal_assess(&out, &p, &c);
	ASSERT(find(&out, CAUSE_FAILING_LINE));
	causal_release(&out);
	patch_release(&p.patch);
	pull_of(&p, cosmetic);
	causal_assess(&out, &p, &c);
	ASSERT(!find(&out, CAUSE_FAILING_LINE));
	causal_release(&out);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
}

static int read_tree(void *ctx, const char *path, struct buf *out)
{
	(void)path;
	buf_puts(out, ctx);
	return 0;
}

static bool code_reads_old_key(void *ctx, const char *name)
{
	return !strcmp(name, "billing.gateway.url") || !strcmp(name, (const char *)ctx);
}

TEST(causal, settings_key_moved_away_from_the_code_that_reads_it)
{
	static const char *const diff = ONE_FILE("src/main/resources/application.yml",
		"@@ -1,4 +1,4 @@\n"
		"-billing:\n"
		"+integrations:\n"
		"   gateway:\n"
		"     url: https://pay.example\n"
		" server:\n");
	struct causal_context c;
	struct digest d;
	struct pull p;
	struct causal out = CAUSAL_INIT;

	context(&c, &d, "2026-01-01T10:00:00Z ERROR Connection refused: localhost/127.0.0.1:8080\n", NULL);
	c.read_file = read_tree;
	c.read_ctx = (void *)"integrations:\n  gateway:\n    url: https://pay.example\nserver:\n";
	c.repo_uses = code_reads_old_key;
	c.repo_ctx = (void *)"-";
	pull_of(&p, diff);
	causal_assess(&out, &p, &c);
	ASSERT(find(&out, CAUSE_REMOVED_NAME));
	ASSERT_CONTAINS(find(&out, CAUSE_REMOVED_NAME)->detail, "billing.gateway.url");
	causal_release(&out);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
}

TEST(causal, settings_keys_are_dotted_paths)
{
	struct buf b = BUF_INIT;

	causal_settings_keys(&b, "a:\n  b: 1\n  c:\n    d: x\n# note\ne: [1, 2]\nf:\n  - g\n");
	ASSERT_STR_EQ(b.ptr, "a.b\na.c.d\ne\n");
	buf_reset(&b);
	causal_settings_keys(&b, "db.pool.size=5\nAPI_KEY_NAME=x\n");
	ASSERT_STR_EQ(b.ptr, "db.pool.size\nAPI_KEY_NAME\n");
	buf_release(&b);
}

TEST(causal, literal_key_no_longer_produced)
{
	static const char *const diff = ONE_FILE("app/Middleware.php",
		"@@ -1,2 +1,2 @@\n"
		" public function handle($r) {\n"
		"-    $r->attributes->set('tenant', $t);\n"
		"+    $r->attributes->set(self::KEY, $t);\n");
	struct causal_context c;
	struct digest d;
	struct pull p;
	struct causal out = CAUSAL_INIT;

	context(&c, &d, "2026-01-01T10:00:00Z ERROR Call to a member function id() on null\n", NULL);
	c.sources = ">   14  $tenant = request()->attributes->get('tenant')->id();\n";
	pull_of(&p, diff);
	causal_assess(&out, &p, &c);
	ASSERT(find(&out, CAUSE_REMOVED_NAME));
	causal_release(&out);
	c.sources = ">   14  $tenant = request()->attributes->get(Middleware::KEY)->id();\n";
	causal_assess(&out, &p, &c);
	ASSERT(!find(&out, CAUSE_REMOVED_NAME));
	causal_release(&out);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
}

TEST(causal, a_setting_moved_in_its_file_is_still_a_changed_value)
{
	static const char *const diff = ONE_FILE("deploy/prod.env",
		"@@ -1,4 +1,4 @@\n"
		"+QUEUE_HOST=jobs-mq.intrenal\n"
		" APP_NAME=billing\n"
		" APP_MODE=worker\n"
		"-QUEUE_HOST=jobs-mq.internal\n"
		" LOG_LEVEL=info\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR dial tcp: lookup jobs-mq.intrenal: no such host\n", NULL);
	ASSERT(find(&out, CAUSE_VALUE));
	causal_release(&out);
}

TEST(causal, release_notes_of_a_major_bump_name_the_failure)
{
	static const char *const diff = ONE_FILE("pom.xml",
		"@@ -1,2 +1,2 @@\n"
		"     <props>\n"
		"-        <timekit.version>2.4.1</timekit.version>\n"
		"+        <timekit.version>3.0.0</timekit.version>\n");
	static const char *const log =
		"2026-01-01T10:00:00Z ERROR Cannot parse value of type java.time.Duration from String\n";
	struct causal_context c;
	struct digest d;
	struct pull p;
	struct causal out = CAUSAL_INIT;

	context(&c, &d, log, NULL);
	pull_of(&p, diff);
	p.meta.body = xstrdup("Release notes: BREAKING: java.time values are now written as numbers.");
	causal_assess(&out, &p, &c);
	ASSERT(find(&out, CAUSE_DEPENDENCY) && find(&out, CAUSE_DEPENDENCY)->weight >= 1.2);
	causal_release(&out);
	free(p.meta.body);
	patch_release(&p.patch);
	pull_of(&p, ONE_FILE("pom.xml", "@@ -1,2 +1,2 @@\n     <props>\n"
				"-        <timekit.version>2.4.1</timekit.version>\n"
				"+        <timekit.version>2.4.2</timekit.version>\n"));
	p.meta.body = xstrdup("Release notes: java.time values are now written as numbers.");
	causal_assess(&out, &p, &c);
	ASSERT(!find(&out, CAUSE_DEPENDENCY) || find(&out, CAUSE_DEPENDENCY)->weight < 1.0);
	causal_release(&out);
	free(p.meta.body);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
}

TEST(causal, eager_fetching_added_and_retries_removed)
{
	static const char *const eager = ONE_FILE("src/Order.java",
		"@@ -1,3 +1,3 @@\n"
		" public class Order {\n"
		"-    @OneToMany(mappedBy = \"order\")\n"
		"+    @OneToMany(mappedBy = \"order\", fetch = FetchType.EAGER)\n"
		"     private Set<Line> lines;\n");
	static const char *const retry = ONE_FILE("internal/rpc/dial.go",
		"@@ -1,4 +1,3 @@\n"
		" conn, err := grpc.Dial(addr,\n"
		"-\tgrpc.WithUnaryInterceptor(retry.UnaryClientInterceptor(retry.WithMax(3))),\n"
		" \tgrpc.WithInsecure(),\n"
		" )\n");
	static const char *const slow[] = {"timeout", NULL}, *const net[] = {"network", NULL};
	struct causal out;

	assess(&out, eager, "2026-01-01T10:00:00Z ERROR request timed out\n", slow);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
	assess(&out, retry, "2026-01-01T10:00:00Z ERROR rpc error: code = Unavailable desc = reset\n", net);
	ASSERT(find(&out, CAUSE_BOUND));
	causal_release(&out);
}

TEST(causal, a_message_wrapping_another_failure_is_weak)
{
	static const char *const diff = ONE_FILE("src/client.ts",
		"@@ -1,2 +1,3 @@\n"
		" async function pay(r) {\n"
		"+  if (!res.ok) throw new ProviderError(`acquirer request failed: ${res.status}`);\n"
		" }\n");
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR ProviderError: acquirer request failed: 503\n", NULL);
	ASSERT(find(&out, CAUSE_TEXT) && find(&out, CAUSE_TEXT)->weight < 1.0);
	causal_release(&out);
}

TEST(causal, nested_quantifiers_backtrack)
{
	ASSERT(causal_nested_quantifier("^(\\d+)+$"));
	ASSERT(causal_nested_quantifier("^([a-z]+\\s?)*@"));
	ASSERT(causal_nested_quantifier("(a|aa)*b") == false); /* alternation alone: not this rule */
	ASSERT(!causal_nested_quantifier("^\\+?[0-9]{7,15}$"));
	ASSERT(!causal_nested_quantifier("(\\d{3})-(\\d{4})"));
}

TEST(causal, a_base_image_bump_with_missing_modules)
{
	static const char *const diff = ONE_FILE("Dockerfile",
		"@@ -1,2 +1,2 @@\n"
		"-FROM python:3.11-slim\n"
		"+FROM python:3.12-slim\n"
		" WORKDIR /app\n");
	static const char *const linkage[] = {"linkage", NULL};
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z ERROR ModuleNotFoundError: No module named 'distutils'\n"
			   "  File \"/usr/local/lib/python3.12/site-packages/x/y.py\", line 3, in <module>\n",
	       linkage);
	ASSERT(find(&out, CAUSE_DEPENDENCY) && find(&out, CAUSE_DEPENDENCY)->weight >= 1.4);
	causal_release(&out);
}

TEST(causal, a_probe_changed_in_a_manifest)
{
	static const char *const diff = ONE_FILE("deploy/k8s/deployment.yaml",
		"@@ -10,3 +10,3 @@ spec:\n"
		"           livenessProbe:\n"
		"             httpGet:\n"
		"-              path: /health\n"
		"+              path: /health/live\n");
	static const char *const probe[] = {"probe_failed", NULL};
	struct causal out;

	assess(&out, diff, "2026-01-01T10:00:00Z WARN Liveness probe failed: HTTP probe failed with "
			   "statuscode: 404\n", probe);
	ASSERT(find(&out, CAUSE_VALUE));
	causal_release(&out);
	assess(&out, diff, "2026-01-01T10:00:00Z ERROR request failed\n", NULL);
	ASSERT(!find(&out, CAUSE_VALUE));
	causal_release(&out);
}

/* Assess `diff` against `log` with `tree` as the default branch's text of every file. */
static bool overridden(const char *diff, const char *tree, const char *log, const char *const *symptoms)
{
	struct causal_context c;
	struct digest d;
	struct pull p;
	struct causal out = CAUSAL_INIT;
	bool hit;

	context(&c, &d, log, symptoms);
	c.read_file = read_tree;
	c.read_ctx = (void *)tree;
	pull_of(&p, diff);
	causal_assess(&out, &p, &c);
	hit = find(&out, CAUSE_LIMIT) != NULL;
	causal_release(&out);
	patch_release(&p.patch);
	causal_context_release(&c);
	digest_release(&d);
	return hit;
}

TEST(causal, removed_override_falls_back_to_a_shorter_default)
{
	static const char *const diff = ONE_FILE("deploy/jobs.yaml",
		"@@ -5,4 +5,3 @@\n"
		"   exporter:\n"
		"     image: exporter:2\n"
		"-    timeout: 120\n"
		"     queue: exports\n");
	static const char *const shorter = "defaults:\n  timeout: 10\njobs:\n  exporter:\n"
					   "    image: exporter:2\n    queue: exports\n";
	static const char *const longer = "defaults:\n  timeout: 600\njobs:\n  exporter:\n"
					  "    image: exporter:2\n    queue: exports\n";
	static const char *const timeout[] = {"timeout", NULL}, *const oom[] = {"out_of_memory", NULL};
	static const char *const log = "2026-01-01T10:00:00Z ERROR export job timed out\n";

	ASSERT(overridden(diff, shorter, log, timeout));
	/* the outer default is longer: removing the override lengthened the timeout */
	ASSERT(!overridden(diff, longer, log, timeout));
	/* a shorter timeout does not explain running out of memory */
	ASSERT(!overridden(diff, shorter, "2026-01-01T10:00:00Z ERROR java.lang.OutOfMemoryError\n", oom));
}
