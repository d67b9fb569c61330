/*
 * terms.h - a weighted set of identifier terms (open addressing on the text), and the
 * tokenizer that fills it from free text: what "names the same thing" means for the
 * blame ranking, the causal rules and the prompts.
 */
#ifndef AIOPS_TERMS_H
#define AIOPS_TERMS_H

#include "common.h"

/* A set of identifier terms with weights (open addressing on the text). */
struct terms {
	char **text;
	double *weight;
	size_t n, alloc;
	size_t *slots; /* index + 1, 0 = empty */
	size_t nslots;
};

#define TERMS_INIT {0}

void terms_release(struct terms *t);
/* Add `s` (len bytes) with `weight`; an existing term keeps the larger weight. */
void terms_add(struct terms *t, const char *s, size_t len, double weight);
/* The weight of `s`, or 0 when absent. */
double terms_weight(const struct terms *t, const char *s);
/*
 * Tokenize free text into identifier terms and add them: runs of letters, digits and
 * "_.$-" split further at '.', '$', '-' and '/', keeping the whole run too. Terms that
 * look like code (camelCase, snake_case, dotted, kebab-case, letters with digits) get
 * `weight`; plain words get `weight * 0.35`; short tokens, numbers, hex ids and common
 * words are skipped.
 */
void terms_add_text(struct terms *t, const char *text, size_t len, double weight);

/*
 * Look `s` up (len bytes) and return the slot that holds it, or the empty slot where it
 * would go: the set's internals, for callers that clear a term (weight 0).
 */
size_t *terms_slot(const struct terms *t, const char *s, size_t len);

#endif
