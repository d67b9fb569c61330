/*
 * tokens.h - how many tokens a language model makes of some text, estimated from above.
 *
 * A digest cut to N tokens (distill.h) must fit a model's N, yet no tokenizer ships here:
 * each model has its own, and a table of 200,000 merges is not worth carrying to size a
 * prompt. The estimate stays above what OpenAI's cl100k_base and o200k_base make of log
 * text, and close enough below it that a budget is not half wasted:
 *   - a run of letters, split in camel-case parts ("HTTPServer": HTTP, Server): a part of
 *     1-2 letters is one token, and so is a common word (lower case or capitalised) that
 *     both tokenizers keep whole, from a list of 3,494 (logs/words.inc, drawn from the
 *     tokenizers themselves: bench/tokens/words.js); any other part of 3-4 letters is two;
 *     a longer one that reads like a word (a vowel; at least a quarter vowels past 6
 *     letters or in capitals; no 5 consonants in a row; at most 16 letters) one per 4
 *     letters (per 3 in capitals), rounded up; any other part one per 4/3 letters; a run
 *     that is mostly parts of 1-2 letters (random case) one per 4/3;
 *   - a run of digits: one per 3 digits, rounded up (both tokenizers cut numbers into
 *     groups of at most 3);
 *   - a run of letters and digits of 10 or more mixing both (hashes, ids): at least one
 *     token per 5/3 characters;
 *   - one space before a letter or punctuation: free (tokenizers glue it to what follows);
 *     before a digit, or a run of 2 or more spaces: one; 2 or more before a digit: two;
 *   - a '.' before a letter is free (".junit", ".java": one token), and so is a '/' before
 *     a common word ("/src", "/main"); a run of 4 or more of one punctuation character
 *     ("-----") one per 4; any other ASCII character (punctuation, tab, newline) one each;
 *   - a non-ASCII character: one when 2 bytes long, else one per byte.
 * `make bench` (bench/tokens.sh) measures it against both tokenizers, the larger count of
 * the two: on digests of failed CI jobs distilled to 800-4,000 tokens the real count is 85%
 * of the estimate on average, 91% at worst; on 4 KB slices of the raw logs of 16 systems
 * and of CI jobs 84-90% on average, 99.5% at worst; on random base64, hex and CJK text at
 * most 102%. Made-up words of random syllables ("bakotefi") are the one text it counts
 * low: up to 147% of the estimate; no real log came near that. The estimate of lines joined is the sum of the estimates of the lines (each ending with its newline).
 */
#ifndef AIOPS_TOKENS_H
#define AIOPS_TOKENS_H

#include "common.h"

size_t tokens_estimate(const char *text, size_t len);

#endif
