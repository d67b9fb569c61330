/*
 * values.h - the distinct values of a template's masked parts (digest_types.h, struct
 * digest_values): 70 "cannot download <*>" lines that name five packages keep the five
 * names, so a reader sees them beside the one example. Read for the templates that are
 * errors or warnings or read like a failure (values_on), from the first VALUES_LINES
 * lines of each (the shape cache sends those
 * lines through the full path while a template still reads values). Private to
 * agent/logs/.
 */
#ifndef AIOPS_LOGS_VALUES_H
#define AIOPS_LOGS_VALUES_H

#include "common.h"
#include "logs/digest_types.h"

#define VALUES_LINES 128 /* lines of a template read for values */
#define VALUES_SLOTS 8   /* masked parts of a template whose values are kept */

/* Does template `t` still read values (values_on, and not read enough yet)? */
static inline bool values_wanted(const struct digest_template *t)
{
	return t->values_on && t->values_seen < VALUES_LINES;
}

#define VALUES_TOKENS 64     /* tokens of a line compared; longer lines give no values */
#define VALUES_BASE_MAX 1024 /* bytes of the first line kept to compare the others with */

/*
 * Read the values of the text `body` (the line as it was folded) of template `t`: the
 * first line is kept as the base; each later one with as many tokens (white space apart)
 * gives, for each token that differs from the base's, the base's token and its own (the
 * masked parts, found by what varies rather than by the pattern, which merges change).
 */
void values_note(struct digest_template *t, const char *body, size_t blen);

/* Template `gone` merged into `keep`: its first line and values are `keep`'s too. */
void values_absorb(struct digest_template *keep, struct digest_template *gone);

/* Free `t`'s values. */
void values_free(struct digest_template *t);

#endif
