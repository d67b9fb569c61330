/*
 * The alert lifecycle's own arithmetic: when an alert resolved and how long it took,
 * and which statuses ask for no response.
 */
#include "common.h"
#include "harness.h"
#include "core/lifecycle.h"
#include "util/jsonx.h"

TEST(lifecycle, durations_read_like_people_write_them)
{
	char b[48];

	lifecycle_duration(b, sizeof(b), 45 * 60);
	ASSERT_STR_EQ(b, "45 min");
	lifecycle_duration(b, sizeof(b), 2 * 3600 + 5 * 60 + 10);
	ASSERT_STR_EQ(b, "2 h 5 min");
	lifecycle_duration(b, sizeof(b), 3 * 86400 + 4 * 3600);
	ASSERT_STR_EQ(b, "3 days 4 h");
	lifecycle_duration(b, sizeof(b), -30); /* a clock ahead of the sender's */
	ASSERT_STR_EQ(b, "0 min");
}

TEST(lifecycle, resolved_at_comes_from_the_alert_else_now)
{
	struct incident inc = INCIDENT_INIT;
	time_t now = 2000000000;

	inc.context = json_object();
	inc.alerts = json_array();
	ASSERT(lifecycle_resolved_at(&inc, now) == now);
	/* a group: the last of its alerts to end */
	json_array_append_new(inc.alerts, json_pack("{s:s}", "ends_at", "2026-01-01T10:00:00Z"));
	json_array_append_new(inc.alerts, json_pack("{s:s}", "ends_at", "2026-01-01T10:30:00Z"));
	json_array_append_new(inc.alerts, json_pack("{s:n}", "ends_at"));
	ASSERT(lifecycle_resolved_at(&inc, now) == 1767263400);
	/* Azure says it outright */
	json_object_set_new(inc.context, "resolved_at", json_string("2026-01-01T11:00:00Z"));
	ASSERT(lifecycle_resolved_at(&inc, now) == 1767265200);
	json_decref(inc.context);
	json_decref(inc.alerts);
}

TEST(lifecycle, only_firing_alerts_ask_for_a_response)
{
	struct incident inc = INCIDENT_INIT;
	char firing[] = "firing", resolved[] = "resolved", notice[] = "notice";

	inc.status = firing;
	ASSERT(!lifecycle_applies(&inc));
	inc.status = resolved;
	ASSERT(lifecycle_applies(&inc));
	inc.status = notice;
	ASSERT(lifecycle_applies(&inc));
}
