/*
 * double.h - a scripted HTTP server on loopback for tests (an ephemeral port on
 * 127.0.0.1, served by a thread of the test process, stopped by the test).
 *
 * Each connection gets one request and one reply, then is closed. Replies come from a
 * handler the test sets (or from a fixed script); every request is recorded so tests can
 * assert what was sent.
 */
#ifndef AIOPS_DOUBLE_H
#define AIOPS_DOUBLE_H

#include "common.h"
#include "util/buf.h"

struct double_request {
	char *method;
	char *path;          /* with the query string */
	char *headers;       /* raw header block, lines "Name: value\r\n" */
	struct buf body;
};

struct double_reply {
	int status;              /* 0: close the connection without answering (a reset) */
	const char *headers;     /* extra header lines, each ending in "\r\n", or NULL */
	const char *body;        /* or NULL */
	size_t body_len;         /* 0: strlen(body) */
	int delay_ms;            /* wait before answering */
	size_t truncate_at;      /* >0: announce the full length but send only this many bytes */
};

struct http_double;

/*
 * Called for each request with its index (0, 1, ...); fill `reply` (strings must stay
 * valid until the reply is sent, i.e. static or owned by ctx).
 */
typedef void (*double_handler)(const struct double_request *req, size_t index,
			       struct double_reply *reply, void *ctx);

int double_start(struct http_double **out, double_handler handler, void *ctx);
/* "http://127.0.0.1:<port>" */
const char *double_url(const struct http_double *d);
size_t double_count(struct http_double *d);
/* The i-th request (borrowed; valid until double_stop). */
const struct double_request *double_request(struct http_double *d, size_t i);
/* The value of header `name` of a request (new string), or NULL. */
char *double_header(const struct double_request *r, const char *name);
void double_stop(struct http_double *d);

/* A handler that serves `replies[i]`, repeating the last one (ctx = struct double_script). */
struct double_script {
	const struct double_reply *replies;
	size_t n;
};
void double_scripted(const struct double_request *req, size_t index, struct double_reply *reply,
		     void *ctx);

#endif
