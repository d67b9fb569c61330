/*
 * fuzz_event.c - the GitHub Actions event reader (cli/event.c): workflow_dispatch and
 * repository_dispatch payloads, told apart by their shape as when $GITHUB_EVENT_NAME is
 * unset.
 *
 * The workspace holds a log, an alert and a symbolic link that leads out of it; a file
 * beside the workspace stands for the rest of the machine. Invariant: whatever the
 * payload says, an accepted alert or log is inside the workspace or the scratch folder
 * (inline text written there). An accepted alert file is normalised too, so the alert
 * adapters see what an event can carry.
 */
#include "common.h"
#include "fuzz.h"
#include "cli/event.h"
#include "core/incident.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/sys.h"

#include <stdlib.h>
#include <unistd.h>

static char *event_path, *workspace, *scratch;
static char *real_workspace, *real_scratch;

static const char native_alert[] =
	"{\"title\": \"checkout error rate above 5%\", \"severity\": \"P2\", \"service\": \"checkout\","
	" \"environment\": \"production\", \"timestamp\": \"2026-11-18T03:12:00Z\"}\n";
static const char app_log[] =
	"2026-11-18T03:11:58Z ERROR HikariPool-1 - Connection is not available, request timed out\n";

static char *real(const char *path)
{
	char *r = realpath(path, NULL);

	if (!r)
		fuzz_fail("cannot resolve '%s'", path);
	return r;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *p;

	event_path = fuzz_path("event.json");
	workspace = fuzz_path("ws");
	scratch = fuzz_path("scratch");
	if (sys_mkdir_p(scratch, 0700) < 0 || sys_mkdir_p(workspace, 0700) < 0)
		fuzz_fail("cannot make the workspace under '%s'", fuzz_tmpdir());
	p = sys_path_join(workspace, "logs/app.log");
	if (sys_mkdir_p(workspace, 0700) < 0 || sys_write_file(p, app_log, strlen(app_log)) < 0)
		fuzz_fail("cannot write '%s'", p);
	free(p);
	p = sys_path_join(workspace, "alert.json");
	fuzz_write(p, native_alert, strlen(native_alert));
	free(p);
	p = fuzz_path("outside.json");
	fuzz_write(p, native_alert, strlen(native_alert));
	free(p);
	p = sys_path_join(workspace, "escape.json");
	if (symlink("../outside.json", p) < 0)
		fuzz_fail("cannot link '%s'", p);
	free(p);
	real_workspace = real(workspace);
	real_scratch = real(scratch);
	return 0;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

static void check_confined(const char *path, const char *what)
{
	char *r;

	if (!path)
		return;
	if (!(r = realpath(path, NULL)))
		fuzz_fail("the %s '%s' was accepted but does not exist", what, path);
	if (!under(r, real_workspace) && !under(r, real_scratch))
		fuzz_fail("the %s '%s' (%s) is outside the workspace", what, path, r);
	free(r);
}

static void clear_scratch(void)
{
	static const char *const names[] = {"alert.json", "logs.txt"};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char *p = sys_path_join(scratch, names[i]);

		unlink(p);
		free(p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct event_intake ev = EVENT_INTAKE_INIT;
	struct incident inc = INCIDENT_INIT;

	if (!event_path)
		LLVMFuzzerInitialize(NULL, NULL);
	err_clear();
	fuzz_write(event_path, data, size);
	if (event_read(&ev, event_path, NULL, workspace, scratch) == 0) {
		check_confined(ev.alert, "alert");
		check_confined(ev.logs, "log");
		if (!ev.scenario_is_name)
			check_confined(ev.scenario, "scenario folder");
		if (ev.alert && incident_load(&inc, ev.alert) == 0)
			incident_release(&inc);
		event_intake_release(&ev);
	}
	clear_scratch();
	return 0;
}
