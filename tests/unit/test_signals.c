/*
 * Unit tests of the signal table (core/signals.h): one row reaches everything known
 * about a signal (needles, rank, action, runbook guide, alert rules), so the offline
 * engine and the artifact writers cannot disagree about a signal.
 */
#include "common.h"
#include "harness.h"
#include "core/signals.h"

/* A made-up log line finds its row, and the same row carries the guide and the rules. */
TEST(signals, one_row_serves_engine_and_writers)
{
	static const char log[] = "2031-01-02T03:04:05Z ERROR worker-7 terminated: OOMKilled\n";
	struct digest d = DIGEST_INIT;
	struct signal *found = NULL;
	size_t n = 0;
	const struct signals_row *row;

	ASSERT_OK(digest_buffer(&d, log, sizeof(log) - 1));
	signals_find(&found, &n, &d);
	ASSERT(n >= 1);
	row = signals_info(found[0].name);
	ASSERT(row != NULL);
	ASSERT_STR_EQ(row->name, "oom_killed");
	ASSERT_STR_EQ(row->action, "raise-memory-limit");
	ASSERT(row->guide != NULL);
	ASSERT(signals_guide(found[0].name) == row->guide);
	ASSERT(signals_watches(found[0].name, SIGNAL_ALERT_RESTARTS));
	ASSERT(!signals_watches(found[0].name, SIGNAL_ALERT_DNS_SERVFAIL));
	signals_free(found, n);
	digest_release(&d);
}

/* A signal without a guide of its own, an unknown one and none share the general guide. */
TEST(signals, general_guide_for_the_rest)
{
	const struct signal_guide *general = signals_guide(NULL);
	size_t n = 0;
	const struct signals_row *rows = signals_rows(&n);
	bool some_without = false;

	ASSERT(general != NULL);
	ASSERT(signals_guide("no_such_signal") == general);
	ASSERT(!signals_watches("no_such_signal", SIGNAL_ALERT_ERROR_RATIO));
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].guide) {
			some_without = true;
			ASSERT(signals_guide(rows[i].name) == general);
		} else {
			ASSERT(signals_guide(rows[i].name) == rows[i].guide);
			ASSERT(rows[i].guide->family && rows[i].guide->why && rows[i].guide->owner);
		}
	}
	ASSERT(some_without);
}

/* Every rule template is complete and written for some incident: none is orphaned. */
TEST(signals, every_alert_template_is_reachable)
{
	size_t n = 0;
	const struct signals_row *rows = signals_rows(&n);

	for (int a = SIGNAL_ALERT_NONE + 1; a < SIGNAL_ALERT_COUNT; a++) {
		const struct signal_alert_rule *t = signals_alert_rule((enum signal_alert)a);
		bool used = t->every_service;

		ASSERT(t->suffix && *t->suffix && t->metric && t->op && t->for_ && t->summary);
		for (size_t i = 0; i < n && !used; i++)
			used = signals_watches(rows[i].name, (enum signal_alert)a);
		if (!used)
			fprintf(stderr, "    alert template %s is named by no row\n", t->suffix);
		ASSERT(used);
	}
}

/* Row names are unique, so signals_info never hides a row behind another. */
TEST(signals, names_are_unique)
{
	size_t n = 0;
	const struct signals_row *rows = signals_rows(&n);

	for (size_t i = 0; i < n; i++) {
		ASSERT(signals_info(rows[i].name) == &rows[i]);
		ASSERT(rows[i].needles[0] != NULL);
	}
}
