/*
 * pipeline.h - one incident-response run: intake → evidence → diagnose → remediate →
 * policy → publish → learn → report.
 *
 * Output is all-or-nothing: everything is built in a temporary folder next to
 * <out>/<incident-id> and renamed into place at the end, so a failed run leaves no
 * half-written output behind and a re-run replaces the previous output whole.
 *
 * With a model, the run waits on the model only on its critical path: the digest, the
 * suspects and the knowledge-base recall are ready before the first call; after the
 * diagnosis, the remediation request and the runbook-notes request go out together
 * (diagnose_follow_up). Whatever the model says passes the same checks and the same
 * safety policy as the offline plan: a model fix that fails them is never written, the
 * offline plan is used instead and `degraded` says so.
 */
#ifndef AIOPS_PIPELINE_H
#define AIOPS_PIPELINE_H

#include "common.h"
#include "core/diagnose.h"
#include "io/github.h"
#include "core/incident.h"
#include "io/model.h"

#include <jansson.h>

/*
 * How the run reaches GitHub. The command picks the backend (cmd_respond: the REST
 * client behind the checkout cache, or the recorded twin over a scenario's github/); the
 * pipeline only opens it, once, with the run's scratch output folder, where the recorded
 * twin writes what it would send, and never asks which backend it has: what differs
 * (a remote to push to, what may be read) is what the operations table says (github.h).
 */
struct pipeline_github {
	/* `*note`, when set, is one line for `degraded` (a new string). */
	int (*open)(struct github **out, char **note, const struct pipeline_github *g,
		    const char *out_dir);
	const void *ctx;          /* what `open` reads (the command's) */
	const char *name;         /* for progress ("owner/name on GitHub"), or NULL */
};

struct pipeline_opts {
	const char *alert_path;   /* required */
	const char *logs_path;    /* NULL: no logs (said in the result) */
	const struct pipeline_github *github; /* required */
	const char *repo_path;    /* a repository checkout to commit into, or NULL (sandbox) */
	const char *kb_path;      /* knowledge-base/incidents.md to learn from, or NULL */
	const char *policy_path;  /* .github/aiops-agent.yml, or NULL (defaults) */
	const char *out_dir;      /* default "out" */
	const struct model_config *model; /* the model to ask, or NULL: the offline engine */
	bool dry_run;             /* plan and report; write nothing to git or GitHub */
	const char *prompts_dir;  /* write every prompt and answer here (diagnose.h), or NULL */
	bool quiet;               /* no progress on stderr */
	/*
	 * Called as each step starts (load, evidence, diagnose, plan, publish, lifecycle)
	 * and with NULL when the run ends, unless quiet: GitHub Actions folds each step's
	 * progress into a group (cli/actions.c). NULL: not called.
	 */
	void (*on_step)(const char *step);

	const char *github_server_url;  /* GITHUB_SERVER_URL, or NULL: from the API URL */
	/*
	 * Merged pull requests read before the alert: 0 means the policy's window_hours
	 * (tuning.h, 72); negative: every merged pull request (recorded state). The
	 * backend's list_merged_pulls gets the window; a live one also fetches the diffs
	 * of the 30 merged last before the alert concurrently (a note says when there are
	 * more); files are read through the backend (a checkout first, live).
	 */
	int window_hours;
	long issue_wait_ms;       /* publish_opts.issue_wait_ms */
};

/*
 * Run. On success `*result` is the result object (new reference) and `*out_path` the
 * final output folder (new string); the return value is 0, or EXIT_DEGRADED-worthy
 * ERR_FAIL when some step degraded (the result says which), or ERR_NET when publishing
 * stopped because GitHub could not be reached: the result (written as well) lists what
 * was created before, and a re-run completes the rest. Errors before any output (bad
 * input, refused plan, unwritable --out, GitHub unreachable while reading the evidence)
 * return their code with nothing written.
 */
int pipeline_run(json_t **result, char **out_path, const struct pipeline_opts *opts);

/*
 * The first two steps alone, for tests and tools: load the incident of
 * opts->alert_path into `inc` and gather its evidence into `ev` (ev->inc = inc), with
 * ev->gh opened by opts->github over `out_dir`. Release with github_free(ev->gh),
 * evidence_release(ev) and incident_release(inc), also on error.
 */
int pipeline_evidence(struct evidence *ev, struct incident *inc, const struct pipeline_opts *opts,
		      const char *out_dir);

#endif
