/*
 * fuzz_alert.c - the alert adapters (core/incident.c): native, Azure Monitor common
 * schema, Alertmanager and Grafana, detected from the shape of any JSON document.
 *
 * The input is parsed as the agent parses an alert file (jsonx_parse) and normalised;
 * an accepted alert is rendered back (incident_to_json, what `adapt` prints), and its
 * invariants checked: a 64-hex fingerprint, severity 1..4, an id that can name a folder.
 */
#include "common.h"
#include "fuzz.h"
#include "core/incident.h"
#include "util/err.h"
#include "util/jsonx.h"

#include <stdlib.h>

static void check(const struct incident *inc)
{
	json_t *out;
	char *text;

	if (!inc->fingerprint || strlen(inc->fingerprint) != 64 ||
	    strspn(inc->fingerprint, "0123456789abcdef") != 64)
		fuzz_fail("fingerprint '%s' is not 64 hex", inc->fingerprint ? inc->fingerprint : "(null)");
	if (inc->severity < 1 || inc->severity > 4)
		fuzz_fail("severity %d outside 1..4", inc->severity);
	if (!inc->id || !*inc->id || strchr(inc->id, '/') || inc->id[0] == '.')
		fuzz_fail("incident id '%s' cannot name a folder", inc->id ? inc->id : "(null)");
	if (!(out = incident_to_json(inc)))
		fuzz_fail("incident_to_json gave nothing");
	if (!(text = json_dumps(out, JSON_COMPACT)))
		fuzz_fail("the normalised alert does not serialise");
	free(text);
	json_decref(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct incident inc = INCIDENT_INIT;
	json_t *alert = NULL;

	err_clear();
	if (jsonx_parse(&alert, (const char *)data, size, "fuzz-alert.json") < 0)
		return 0;
	if (incident_from_json(&inc, alert, "fuzz-alert.json") == 0) {
		check(&inc);
		incident_release(&inc);
	}
	json_decref(alert);
	return 0;
}
