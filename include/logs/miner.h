/*
 * miner.h - the state of one digest pass (digest.c drives it; hygiene, stamp,
 * structured, mask, template, tally, trace and shape work on it). Types only, private to
 * agent/logs/: the public result is `struct digest` (digest_types.h), which the miner
 * fills through `d`.
 */
#ifndef AIOPS_LOGS_MINER_H
#define AIOPS_LOGS_MINER_H

#include "common.h"
#include "util/buf.h"
#include "util/redact.h"
#include "logs/digest_types.h"
#include "logs/idmap.h"
#include "logs/shape.h"

#define NONE IDMAP_NONE  /* no template */
#define MAX_TOKENS 256   /* tokens of a line judged one by one; the rest is one <*> */
#define EXAMPLE_MAX 2048 /* bytes of a template's example line and of the first error */

enum trace_kind { TR_NONE, TR_JAVA, TR_PYTHON, TR_GO, TR_NUMBERED };

/* A stack trace being read: kept as one event when it closes (trace.c). */
struct tbuild {
	enum trace_kind kind;
	struct buf headline;
	struct buf text;
	char **frames;
	size_t nframes;
	size_t omitted; /* lines left out of `text` */
	size_t first_line;
	char ts[32];
};

/* A line kept for the failing step's tail (ci.c): in the input until ci_own(), or copied. */
struct ci_slot {
	const char *s;
	size_t n, line;
	uint32_t tmpl; /* its template (UINT32_MAX: none known) */
	bool own;
	struct buf b;
};

#define CI_RING DIGEST_STEP_LINES /* a power of 2: the ring is indexed with a mask */

/* The CI structure seen so far (ci.c). */
struct ci_state {
	struct ci_slot ring[CI_RING]; /* the last lines (noise and blanks aside) */
	size_t head, count;
	size_t step_line;   /* where the current step started (0: unknown) */
	struct buf title;   /* its name */
	size_t taken_line;  /* lines up to here went to a failing step already */
	bool exited;        /* this pass kept a failing step */
	bool header;        /* inside an Actions step header (its script and settings) */
	bool preamble;      /* an Actions job log before its first step: the runner's set-up */
	bool post;          /* after "Post job cleanup.": the runner's clean-up */
	bool after_diag;    /* the line before was a compiler diagnostic: its source line comes */
	bool started;       /* a line was seen */
	bool failed;        /* the current step reported a failure (fail_line) but goes on */
	size_t fail_line;
	bool marked;        /* the log has CI markers (steps, exits, failures) */
	bool context;       /* this line's level depended on the lines before */
	bool source;        /* this line is source code, not output */
	uint32_t ctx_tmpl;  /* the error template whose context is being read */
	size_t ctx_left, ctx_from;
	bool gh;            /* `gh run view --log` prefixes */
	bool gh_new;        /* the prefix named another step */
	struct buf gh_step; /* the step named by the last prefix */
	const char *in_lo, *in_hi; /* the input being read: lines there are kept lazily */
};

/* What the template index knows of one template (template.c), beside digest.templates. */
struct meta {
	uint32_t next;   /* next template in the same merge bucket */
	uint32_t parent; /* itself, or the template it was merged into */
	uint16_t ntok;
	uint16_t hdr;    /* header tokens (mask_header) */
	uint16_t *off;   /* token offsets in the pattern, ntok + 1 (off[ntok] = length + 1) */
};

struct miner {
	struct digest *d;
	struct redact_stream rs;
	bool at_start; /* before the first line of this pass: a BOM may come */

	/* a line split across reads */
	char *carry;
	size_t carry_len;
	bool carry_over;

	/* per line scratch; red and body are double-buffered so the previous line stays */
	char *clean, *shape_buf;
	struct buf red[2], body[2], pat, tmp, aux;
	int cur;
	uint32_t tok_off[MAX_TOKENS + 1];
	uint16_t tok_len[MAX_TOKENS + 1];
	uint8_t tok_flags[MAX_TOKENS + 1];
	size_t ntok, hdr;
	size_t gen_words; /* generalize(): message tokens that stay words */

	/* the previous line, a possible exception headline */
	bool prev_ok;
	bool prev_lazy; /* prev_rest and prev_body not worked out yet (resolve_prev) */
	bool prev_raw;  /* prev_full points into the input: keep_raw_prev() before it goes */
	struct buf prevbuf;
	const char *prev_body, *prev_rest, *prev_full;
	size_t prev_body_len, prev_rest_len, prev_full_len, prev_line;
	uint32_t prev_tmpl;
	enum digest_level prev_level;
	char prev_ts[32];
	char last_ts[32];

	/* template index */
	struct idmap exact;   /* masked-line hash -> template */
	struct idmap buckets; /* (level, token count, first token) -> newest template */
	struct meta *meta;
	size_t tmpl_alloc, nmeta;
	size_t live; /* templates not merged into another */

	uint64_t *trace_ids;
	size_t trace_alloc;
	struct tbuild tr;
	size_t pending_from; /* first line waiting for its trace's id (assign) */

	struct ci_state ci;
	const char *raw; /* the full path's line as read, when cleaning changed nothing */

	struct shapes shapes;
	bool fold_hit;     /* template_fold(): the masked line was known */
	bool literals;     /* redact.h has literal secrets: the cache cannot skip their scan */
};

#endif
