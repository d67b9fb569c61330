#include "common.h"
#include "harness.h"
#include "core/blame.h"
#include "util/sys.h"

static const char *const log_text =
	"2026-03-01T10:00:00Z INFO started\n"
	"2026-03-01T10:05:00Z ERROR request failed\n"
	"java.lang.IllegalStateException: cover cache full\n"
	"\tat java.util.HashMap.putVal(HashMap.java:630)\n"
	"\tat com.shop.covers.CoverService.thumbnail(CoverService.java:12)\n"
	"\tat com.shop.web.CoverController.get(CoverController.java:30)\n"
	"\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)\n";

static const char *const blamed_diff =
	"diff --git a/src/main/java/com/shop/covers/CoverService.java b/src/main/java/com/shop/covers/CoverService.java\n"
	"--- a/src/main/java/com/shop/covers/CoverService.java\n"
	"+++ b/src/main/java/com/shop/covers/CoverService.java\n"
	"@@ -9,4 +9,5 @@ public class CoverService {\n"
	"     public byte[] thumbnail(String id) {\n"
	"         byte[] data = load(id);\n"
	"-        return data;\n"
	"+        THUMBS.put(id, data);\n"
	"+        return THUMBS.get(id);\n"
	"     }\n";

static const char *const other_diff =
	"diff --git a/README.md b/README.md\n"
	"--- a/README.md\n"
	"+++ b/README.md\n"
	"@@ -1,2 +1,2 @@\n"
	" # Shop\n"
	"-Old text about the cover page\n"
	"+New text about the cover page\n";

static void make_pull(struct pull *p, int number, const char *title, const char *merged,
		      const char *diff)
{
	memset(p, 0, sizeof(*p));
	p->meta.number = number;
	p->meta.title = xstrdup(title);
	p->meta.body = xstrdup("");
	p->meta.author = xstrdup("dev");
	p->meta.html_url = xstrdup("");
	p->meta.head_ref = xstrdup("");
	p->meta.merged_at_text = xstrdup(merged);
	if (sys_parse_time(&p->meta.merged_at, merged) < 0 || pull_load_diff(p, diff, strlen(diff)) < 0)
		xdie("bad test pull: %s", err_last());
}

TEST(blame, stack_frame_line_and_names_pick_the_cause)
{
	struct digest d = DIGEST_INIT;
	struct incident inc = INCIDENT_INIT;
	struct pull *pulls = xcalloc(3, sizeof(*pulls));
	struct suspect *s = NULL;
	size_t n = 0;

	ASSERT_OK(digest_buffer(&d, log_text, strlen(log_text)));
	inc.service = xstrdup("shop");
	inc.environment = xstrdup("production");
	inc.labels = json_object();
	ASSERT_OK(sys_parse_time(&inc.fired_at, "2026-03-01T10:10:00Z"));
	make_pull(&pulls[0], 10, "Docs", "2026-03-01T09:00:00Z", other_diff);
	make_pull(&pulls[1], 11, "Cache thumbnails", "2026-03-01T08:00:00Z", blamed_diff);
	make_pull(&pulls[2], 12, "Cache thumbnails again", "2026-03-01T11:00:00Z", blamed_diff);
	{
		struct blame_input in = {&inc, &d, pulls, 3, NULL, 0, NULL, NULL};

		blame_rank(&s, &n, &in);
	}
	ASSERT_INT_EQ(n, 3);
	ASSERT_INT_EQ(s[0].number, 11);
	ASSERT(s[0].score >= tuning_defaults.blame_threshold);
	ASSERT_CONTAINS(s[0].why, "CoverService.java:12");
	/* merged after the alert: never blamed even though its diff is the same */
	for (size_t i = 0; i < n; i++)
		if (s[i].number == 12) {
			ASSERT(s[i].after_alert);
			ASSERT(s[i].score == 0);
		} else if (s[i].number == 10) {
			ASSERT(s[i].score < tuning_defaults.blame_threshold);
		}
	blame_suspects_free(s, n);
	pulls_free(pulls, 3);
	digest_release(&d);
	incident_release(&inc);
}

TEST(blame, terms_weigh_code_names_over_words)
{
	struct terms t = TERMS_INIT;
	const char *text = "Failed to call OrderService.placeOrder for sb-expense-approvals-v2 the connection";

	terms_add_text(&t, text, strlen(text), 1.0);
	ASSERT(terms_weight(&t, "OrderService") == 1.0);
	ASSERT(terms_weight(&t, "placeOrder") == 1.0);
	ASSERT(terms_weight(&t, "expense-approvals-v2") > 0);
	ASSERT(terms_weight(&t, "connection") == 0);
	ASSERT(terms_weight(&t, "the") == 0);
	terms_release(&t);
}

static const char *const pool_log =
	"2026-03-01T10:00:00Z INFO started\n"
	"2026-03-01T10:05:00Z ERROR pool limit of size 4 reached, request timed out\n"
	"2026-03-01T10:05:30Z ERROR pool limit of size 4 reached, request timed out\n";

static const char *const pool_diff =
	"diff --git a/config/db.yaml b/config/db.yaml\n"
	"--- a/config/db.yaml\n"
	"+++ b/config/db.yaml\n"
	"@@ -1,2 +1,2 @@\n"
	" db:\n"
	"-  pool_size: 16\n"
	"+  pool_size: 4\n";

/* Rank three copies of the pool diff merged at `merged[]`, with optional deployments. */
static void rank_pool(struct suspect **s, size_t *n, struct pull *pulls, struct digest *d,
		      struct incident *inc, const char *const merged[3], const time_t *deployed, time_t onset)
{
	struct causal_context c = {0};
	static const char *const symptoms[] = {"timeout", "pool_exhausted"};
	struct blame_input in = {inc, d, pulls, 3, &c, onset, deployed, NULL};

	causal_context_init(&c, d);
	c.symptoms[0] = symptoms[0];
	c.symptoms[1] = symptoms[1];
	for (int i = 0; i < 3; i++)
		make_pull(&pulls[i], 20 + i, "Pool", merged[i], pool_diff);
	blame_rank(s, n, &in);
	causal_context_release(&c);
}

TEST(blame, merged_after_the_onset_is_out_and_never_deployed_is_out)
{
	struct digest d = DIGEST_INIT;
	struct incident inc = INCIDENT_INIT;
	struct pull pulls[3];
	struct suspect *s = NULL;
	size_t n = 0;
	time_t onset, deployed[3];
	static const char *const merged[3] = {"2026-03-01T09:00:00Z", "2026-03-01T10:02:00Z",
					      "2026-03-01T10:06:00Z"};

	ASSERT_OK(digest_buffer(&d, pool_log, strlen(pool_log)));
	inc.labels = json_object();
	ASSERT_OK(sys_parse_time(&inc.fired_at, "2026-03-01T10:10:00Z"));
	ASSERT_OK(sys_parse_time(&onset, "2026-03-01T10:05:00Z"));
	ASSERT_OK(sys_parse_time(&deployed[0], "2026-03-01T09:30:00Z"));
	deployed[1] = -1; /* merged, never deployed */
	deployed[2] = -1;
	rank_pool(&s, &n, pulls, &d, &inc, merged, deployed, onset);
	ASSERT_INT_EQ(s[0].number, 20);
	ASSERT(s[0].score >= tuning_defaults.blame_threshold);
	for (size_t i = 1; i < n; i++)
		ASSERT(s[i].score == 0 && (s[i].not_deployed || s[i].after_alert));
	blame_suspects_free(s, n);
	pulls_free(NULL, 0);
	for (int i = 0; i < 3; i++) {
		github_pull_release(&pulls[i].meta);
		patch_release(&pulls[i].patch);
	}
	digest_release(&d);
	incident_release(&inc);
}

TEST(blame, a_change_that_ran_well_for_a_day_says_less)
{
	struct digest d = DIGEST_INIT;
	struct incident inc = INCIDENT_INIT;
	struct pull pulls[3];
	struct suspect *s = NULL;
	size_t n = 0;
	static const char *const merged[3] = {"2026-02-27T10:00:00Z", "2026-03-01T09:50:00Z",
					      "2026-02-28T10:00:00Z"};

	ASSERT_OK(digest_buffer(&d, pool_log, strlen(pool_log)));
	inc.labels = json_object();
	ASSERT_OK(sys_parse_time(&inc.fired_at, "2026-03-01T10:10:00Z"));
	rank_pool(&s, &n, pulls, &d, &inc, merged, NULL, 0);
	/* the same change: the one deployed closest to the onset explains it best */
	ASSERT_INT_EQ(s[0].number, 21);
	ASSERT(s[0].causal > s[1].causal && s[1].causal > s[2].causal);
	blame_suspects_free(s, n);
	for (int i = 0; i < 3; i++) {
		github_pull_release(&pulls[i].meta);
		patch_release(&pulls[i].patch);
	}
	digest_release(&d);
	incident_release(&inc);
}

TEST(blame, frames_name_their_files)
{
	static const char *const log =
		"2026-03-01T10:05:00Z ERROR boom\n"
		"TypeError: x is undefined\n"
		"    at handle (/app/src/consumers/order.ts:34:48)\n"
		"2026-03-01T10:05:01Z ERROR boom\n"
		"java.lang.IllegalStateException: no\n"
		"\tat com.acme.billing.Invoice$Line.total(Invoice.java:88)\n"
		"2026-03-01T10:05:02Z ERROR boom\n"
		"System.InvalidOperationException: no\n"
		"   at Acme.Api.Orders.Get() in /src/Acme.Api/Orders.cs:line 17\n";
	struct digest d = DIGEST_INIT;
	struct frame_location *locs;
	size_t n = 0;

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	locs = blame_trace_locations(&n, &d);
	ASSERT_INT_EQ(n, 3);
	ASSERT_STR_EQ(locs[0].path, "/app/src/consumers/order.ts");
	ASSERT_INT_EQ(locs[0].line, 34);
	ASSERT_STR_EQ(locs[1].path, "com/acme/billing/Invoice.java");
	ASSERT_INT_EQ(locs[1].line, 88);
	ASSERT_STR_EQ(locs[2].path, "/src/Acme.Api/Orders.cs");
	ASSERT_INT_EQ(locs[2].line, 17);
	ASSERT(!pull_frame_matches(&locs[0], "other/consumers/order.ts"));
	ASSERT(pull_frame_matches(&locs[0], "src/consumers/order.ts"));
	ASSERT(pull_frame_matches(&locs[1], "billing/src/main/java/com/acme/billing/Invoice.java"));
	ASSERT(!pull_frame_matches(&locs[1], "legacy/Invoice.java"));
	free(locs);
	digest_release(&d);
}

TEST(blame, a_change_confined_to_one_of_several_paths_is_a_victim)
{
	static const char *const log =
		"2026-03-01T10:05:00Z ERROR request failed\n"
		"java.lang.NullPointerException: tenant is null\n"
		"\tat com.acme.web.InvoiceView.render(InvoiceView.java:20)\n"
		"\tat com.acme.web.TenantFilter.doFilter(TenantFilter.java:40)\n"
		"2026-03-01T10:05:01Z ERROR request failed\n"
		"java.lang.NullPointerException: tenant is null\n"
		"\tat com.acme.web.OrderView.render(OrderView.java:31)\n"
		"\tat com.acme.web.TenantFilter.doFilter(TenantFilter.java:40)\n"
		"2026-03-01T10:05:02Z ERROR request failed\n"
		"java.lang.NullPointerException: tenant is null\n"
		"\tat com.acme.web.CartView.render(CartView.java:12)\n"
		"\tat com.acme.web.TenantFilter.doFilter(TenantFilter.java:40)\n";
	static const char *const view_diff =
		"diff --git a/src/main/java/com/acme/web/InvoiceView.java b/src/main/java/com/acme/web/InvoiceView.java\n"
		"--- a/src/main/java/com/acme/web/InvoiceView.java\n"
		"+++ b/src/main/java/com/acme/web/InvoiceView.java\n"
		"@@ -19,2 +19,2 @@ class InvoiceView {\n"
		"     String render(Tenant t) {\n"
		"-        return fmt(t.name());\n"
		"+        return fmt(t.name(), t.locale());\n";
	struct digest d = DIGEST_INIT;
	struct incident inc = INCIDENT_INIT;
	struct pull pulls[1];
	struct causal_context c = {0};
	struct suspect *s = NULL;
	size_t n = 0;
	struct blame_input in = {&inc, &d, pulls, 1, &c, 0, NULL, NULL};

	ASSERT_OK(digest_buffer(&d, log, strlen(log)));
	inc.labels = json_object();
	ASSERT_OK(sys_parse_time(&inc.fired_at, "2026-03-01T10:10:00Z"));
	make_pull(&pulls[0], 30, "Invoice locale", "2026-03-01T09:00:00Z", view_diff);
	causal_context_init(&c, &d);
	blame_rank(&s, &n, &in);
	ASSERT(s[0].victim);
	ASSERT_CONTAINS(s[0].why, "other entry points");
	blame_suspects_free(s, n);
	causal_context_release(&c);
	github_pull_release(&pulls[0].meta);
	patch_release(&pulls[0].patch);
	digest_release(&d);
	incident_release(&inc);
}
