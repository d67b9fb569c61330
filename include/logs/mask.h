/*
 * mask.h - tokens and masks: a line's text split into tokens with its variable parts
 * (numbers, ids, hosts, paths, quoted strings, dates...) written as <*>, and the header
 * of a masked line told from its message (digest.h, "Masking" and "Templates", says
 * which). Private to agent/logs/.
 */
#ifndef AIOPS_LOGS_MASK_H
#define AIOPS_LOGS_MASK_H

#include "common.h"
#include "util/buf.h"
#include "logs/miner.h"

#define PATTERN_MAX 1024 /* masked text kept per line; the tail folds to <*> */

/*
 * Split `s` into tokens (mask_token_end) and write them masked to `out`, one space apart
 * ('|' where the line had it between words). Token positions and flags go to m->tok_*
 * and m->ntok (the header length is worked out later, only for lines not seen before).
 * Past PATTERN_MAX bytes or MAX_TOKENS tokens, the rest becomes one final <*>. Returns
 * the number of tokens.
 */
size_t mask_line(struct miner *m, struct buf *out, const char *s, size_t n);

/*
 * Where the message starts after a header in the masked line `p`, whose tokens are in
 * m->tok_off/tok_len/ntok: after the first token ending with ':' ("host proc[pid]:", "I
 * Tag:"; not "java.io.IOException:", which is the message), after separators ("[main]
 * c.e.Svc - msg", the last '|' of "a|b|c|msg"), and after a level word with the loggers
 * and bracketed context that follow it ("INFO nova.compute.manager [req-1 - -] msg"),
 * among the first few tokens while they look like header fields. 0: no header. The
 * message keeps at least one token.
 */
size_t mask_header(const struct miner *m, const char *p);

/*
 * The end of the token that starts at `a` (not white space): white space ends it, and so
 * does a '|' between two words ("a|b"). A quoted string (at the start or after = : ( [ {
 * ,) and a bracketed group with spaces ("[RMCommunicator Allocator]") go on across
 * spaces. `*fp` gets the classes of its bytes (lex_kls; K_SPACE when it took in
 * spaces), `*spans` whether a quoted string did.
 */
size_t mask_token_end(const char *s, size_t n, size_t a, unsigned *fp, bool *spans);

/* Is a token (brackets and closing punctuation aside) a <*>? */
bool mask_is_wild(const char *t, size_t n);
/* A token naming an exception or error ("java.io.IOException:", "ValueError"). */
bool mask_subject(const char *t, size_t n);

#endif
