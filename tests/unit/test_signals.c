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

/* Made-up lines of this session's rows: each finds its own, platform evidence or not. */
TEST(signals, newer_rows_from_made_up_lines)
{
	static const struct {
		const char *line, *name;
		bool platform;
	} cases[] = {
		{"ERROR token request rejected: AADSTS7000215: Invalid client secret provided.",
		 "credential_rejected", true},
		{"ERROR geocoder answered 429: You exceeded your current quota for this plan",
		 "quota_exhausted", true},
		{"ERROR Npgsql.PostgresException: 25006: cannot execute UPDATE in a read-only transaction",
		 "db_read_only", true},
		{"ERROR insert failed: null value in column \"depot_id\" violates not-null constraint",
		 "not_null_violation", false},
		{"** (Postgrex.Error) ERROR 42P05 (duplicate_prepared_statement) prepared statement "
		 "\"q_12\" already exists", "prepared_statement_clash", false},
		{"2026/06/02 09:38:06 [error] 31#31: *36 upstream sent too big header while reading "
		 "response header from upstream", "header_too_big", false},
		{"ERROR System.InvalidOperationException: A second operation was started on this context "
		 "instance before a previous operation completed.", "race", false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct digest d = DIGEST_INIT;
		struct signal *found = NULL;
		size_t n = 0;
		bool hit = false;

		ASSERT_OK(digest_buffer(&d, cases[i].line, strlen(cases[i].line)));
		signals_find(&found, &n, &d);
		for (size_t k = 0; k < n; k++)
			hit |= !strcmp(found[k].name, cases[i].name);
		ASSERT(hit);
		ASSERT(signals_info(cases[i].name)->platform == cases[i].platform);
		signals_free(found, n);
		digest_release(&d);
	}
}
