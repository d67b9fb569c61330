/*
 * repair_evidence.h - why a fix pull request's CI run failed: its failed jobs' logs,
 * digested in bounded memory, distilled, classified (logs/ciclass.h) and hashed.
 *
 * Each failed job's log is downloaded into a file under `work_dir` (the API's 302 to a
 * storage host is followed without the token: io/http.c), digested from that file
 * (logs/digest.h streams it: a 300 MB log is never held in memory), then the file is
 * removed. The digests of all failed jobs make one digest, distilled to
 * REPAIR_DISTILL_TOKENS.
 *
 * The failure lines are what the digest holds as errors (error templates, lines that
 * read as CI failures, stack trace headlines) and the last REPAIR_TAIL_BYTES of each log
 * (where the runner writes "The runner has received a shutdown signal"). They are
 * classified by ciclass_text. The failure hash is the SHA-256 of the class and the
 * sorted masked patterns of the failure lines that ciclass recognises (digits and ids
 * masked by the digest, so "version 4" and "version 5" are the same failure).
 */
#ifndef AIOPS_REPAIR_EVIDENCE_H
#define AIOPS_REPAIR_EVIDENCE_H

#include "common.h"
#include "io/crypto.h"
#include "io/github.h"
#include "logs/ciclass.h"
#include "logs/digest.h"

#define REPAIR_DISTILL_TOKENS 2000
#define REPAIR_TAIL_BYTES (16 * 1024)
#define REPAIR_LOG_MAX ((size_t)2 << 30) /* a job log over 2 GiB is not read */

struct repair_job {
	long long id;
	char *name;
	char *conclusion;
	size_t log_bytes;
	char *log_error;      /* why the log could not be read, or NULL */
};

struct repair_evidence {
	struct repair_job *jobs;  /* the failed jobs */
	size_t njobs;
	struct digest digest;     /* of every failed job's log */
	char *distilled;          /* the digest cut to REPAIR_DISTILL_TOKENS */
	char *failure_lines;      /* the lines classified, one per line */
	struct ciclass_match cls;
	char *cls_line;           /* the line that decided the class, or NULL */
	char hash[CRYPTO_SHA256_HEX];
};

/*
 * Gather the evidence of run `run_id`. ERR_NOTFOUND when the run has no failed job. A
 * log that cannot be read is noted in its job (log_error) and the others still count;
 * GitHub unreachable (ERR_NET) stops. `*out` is filled either way; release it.
 */
int repair_evidence_gather(struct repair_evidence *out, struct github *gh, long long run_id,
			   const char *work_dir);
void repair_evidence_release(struct repair_evidence *ev);

/* Classify and hash digested text without GitHub (what gather does after the downloads). */
int repair_evidence_finish(struct repair_evidence *ev, const char *tails);

#endif
