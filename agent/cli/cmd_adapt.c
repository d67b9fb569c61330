#include "common.h"
#include "cli/cmd_adapt.h"
#include "cli/cli.h"
#include "util/err.h"
#include "core/incident.h"
#include "util/jsonx.h"

static const char usage[] =
	"usage: aiops-agent adapt azure-monitor|alertmanager|grafana|native|auto FILE\n"
	"\n"
	"Read an alert payload and print the normalized alert as JSON: the incident id,\n"
	"fingerprint, severity (P1-P4), service, environment, fire time, metrics and labels\n"
	"that every later step works from, with the alert's lifecycle (status firing,\n"
	"resolved or notice; a group's alerts and truncated_alerts), its kind (service,\n"
	"platform, activity, security, cost), the signal read (metric, log-alerts-v2,\n"
	"service-health, budget, ...) and what that signal says (context). The format is\n"
	"checked against the one named (auto accepts any of the four).\n"
	"\n"
	"Exit status: 0 normalized, 2 usage, or a payload that is none of the formats or\n"
	"lacks what the incident needs (one line names the file and the field).\n";

int cmd_adapt(int argc, char **argv)
{
	struct incident inc = INCIDENT_INIT;
	const char **pos = NULL;
	size_t npos;
	bool help;
	int error, want;
	json_t *out = NULL;
	struct buf text = BUF_INIT;

	if ((error = cli_parse(&pos, &npos, &help, argc, argv, NULL, 0)) < 0)
		return cli_fail(error, "adapt");
	if (help) {
		free(pos);
		fputs(usage, stdout);
		return EXIT_DONE;
	}
	if (npos != 2) {
		free(pos);
		err_set(ERR_USAGE, "adapt takes a format and a file");
		return cli_fail(ERR_USAGE, "adapt");
	}
	want = strcmp(pos[0], "auto") ? incident_format_parse(pos[0]) : -2;
	if (want == -1) {
		err_set(ERR_USAGE, "unknown alert format '%s': expected azure-monitor, alertmanager, "
			"grafana, native or auto", pos[0]);
		free(pos);
		return cli_fail(ERR_USAGE, "adapt");
	}
	if ((error = incident_load(&inc, pos[1])) < 0)
		goto done;
	if (want >= 0 && (int)inc.format != want) {
		error = err_set(ERR_INPUT, "'%s' is %s alert, not %s", pos[1],
				incident_format_name(inc.format), pos[0]);
		goto done;
	}
	out = incident_to_json(&inc);
	if ((error = jsonx_dump(&text, out)) == 0)
		fputs(text.ptr, stdout);
done:
	free(pos);
	json_decref(out);
	buf_release(&text);
	incident_release(&inc);
	return error < 0 ? cli_fail(error, "adapt") : EXIT_DONE;
}
