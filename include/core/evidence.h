/*
 * evidence.h - the domain types: the evidence gathered for one incident and the
 * diagnosis drawn from it. Every module of core/ that reasons about an incident reads
 * these; none of them picks an engine (that is diagnose.h), so the engines can include
 * this header without including each other.
 *
 * The evidence is complete before any engine looks at it (digest, suspects, similar
 * past incidents, the default branch's file list), so engines never wait on I/O between
 * steps.
 */
#ifndef AIOPS_EVIDENCE_H
#define AIOPS_EVIDENCE_H

#include "common.h"
#include "core/blame.h"
#include "core/incident.h"
#include "core/kb.h"
#include "core/tuning.h"
#include "io/github.h"
#include "logs/digest.h"

/* Lines of the default branch around a line a stack frame points at. */
struct source_excerpt {
	char *path;   /* repository path */
	int line;     /* the frame's line */
	char *text;   /* numbered lines, the frame's marked with ">" (redacted) */
};

struct evidence {
	const struct incident *inc;
	const struct tuning *tuning; /* borrowed: the policy's, or &tuning_defaults */
	struct digest digest;
	bool have_logs;
	struct pull *pulls;          /* merged pull requests with their diffs */
	size_t npulls;
	struct terms terms;          /* identifiers of the errors and frames (blame_evidence_terms) */
	struct suspect *suspects;    /* every pull request, best first */
	time_t onset;                /* when the failure began (first repeated error), 0: unknown */
	time_t *deployed;            /* per pull: when a deployment shipped it, 0 unknown, -1
					never; NULL when no deployment is known */
	size_t nsuspects;
	struct kb kb;                /* the knowledge base as loaded */
	char *kb_text;               /* its raw text (appended to when we learn) */
	struct kb_match *similar;
	size_t nsimilar;
	char **files;                /* default-branch files available to a fix, sorted */
	size_t nfiles;
	struct github *gh;           /* borrowed: to read those files */
	char *default_branch;
	char *repo_name;             /* "org/repo" */
	char *repo_url;
	struct source_excerpt *sources; /* code around the top stack frames, when available */
	size_t nsources;
	char **notes;                /* what is missing from the evidence, NULL-terminated */
	size_t nnotes;
};

void evidence_note(struct evidence *ev, const char *fmt, ...) ATTR_PRINTF(2, 3);
void evidence_release(struct evidence *ev);
/* The suspect of pull request `number`, or NULL. */
const struct suspect *evidence_suspect(const struct evidence *ev, int number);
const struct pull *evidence_pull(const struct evidence *ev, int number);

enum category { CATEGORY_APPLICATION, CATEGORY_INFRASTRUCTURE };

enum remediation {
	REMEDIATION_FLYWAY_MIGRATION,
	REMEDIATION_CODE_FIX,
	REMEDIATION_CONFIG_FIX,
	REMEDIATION_FEATURE_FLAG,
	REMEDIATION_PR_ROLLBACK,
	REMEDIATION_DEPENDENCY_UPDATE,
	REMEDIATION_INFRASTRUCTURE_ACTION,
	REMEDIATION_ESCALATION,
};
#define REMEDIATION_COUNT (REMEDIATION_ESCALATION + 1)

/* "flyway_migration", ...: the wire names, indexed by enum remediation. */
extern const char *const remediation_names[REMEDIATION_COUNT];

enum confidence { CONFIDENCE_LOW, CONFIDENCE_MEDIUM, CONFIDENCE_HIGH };

/* A signature of the failure found in the logs (see offline.c for the library). */
struct signal {
	const char *name;        /* "pool_exhausted", "missing_column", ... (static) */
	const char *meaning;     /* one line for humans (static) */
	size_t count;            /* matching log lines */
	size_t first_line;
	char *example;           /* the first matching line (redacted) */
};

struct diagnosis {
	const char *engine;      /* "offline" or "model" */
	enum category category;
	int blame_pr;            /* 0 when none */
	enum confidence confidence;
	enum remediation remediation;
	char *summary;           /* one sentence */
	char *root_cause;        /* a short paragraph */
	char *rationale;         /* why this remediation, one or two sentences */
	struct signal *signals;  /* best first */
	size_t nsignals;
	/* infrastructure_action: what to ask the remediation workflow to do */
	char *action;            /* "raise-memory-limit", "renew-certificate", ... or NULL */
	/* dependency_update / feature_flag / flyway: the name the fix is about, or NULL */
	char *subject;
};

void diagnosis_release(struct diagnosis *dx);

const char *category_name(enum category c);
const char *remediation_name(enum remediation r);
int remediation_parse(const char *name); /* -1 when unknown */
const char *confidence_name(enum confidence c);

/*
 * The files a model's own fix may change (policy_check_model): the blamed pull request's
 * files (`blame_pr`, 0: none), the stack frames' and the manifests and settings files;
 * a new NULL-terminated list (sys_free_list).
 */
char **evidence_fix_scope(const struct evidence *ev, int blame_pr);

#endif
