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
