/*
 * text.h - small helpers over plain text that several modules need: walking the lines
 * of a buffer without copying, case-insensitive search, lower-casing, identifier
 * spelling. One copy each, so that every module reads text the same way.
 */
#ifndef AIOPS_TEXT_H
#define AIOPS_TEXT_H

#include "common.h"

/*
 * The next line of the NUL-terminated text at `*cursor`: `*line`/`*len` (without the
 * newline), and `*cursor` moves past it. False at the end.
 *
 *   const char *cur = text, *line; size_t len;
 *   while (text_next_line(&cur, &line, &len)) ...
 */
bool text_next_line(const char **cursor, const char **line, size_t *len);

/* True when `needle` occurs in `hay` (ASCII case ignored). */
bool text_contains_ci(const char *hay, const char *needle);

/* True when `s` ends with `suffix` (ASCII case ignored). */
bool text_ends_with_ci(const char *s, const char *suffix);

/* A lower-cased copy of `len` bytes of `s` (new string). */
char *text_lower(const char *s, size_t len);

/*
 * One spelling of an identifier for comparison: lower case with '_', '-', '.' and spaces
 * dropped, so customerId, customer_id, customer-id and "Customer ID" are one name.
 * Writes at most `size` - 1 bytes; returns `out`.
 */
char *text_fold_name(char *out, size_t size, const char *s, size_t len);

/*
 * True when `word` occurs in `hay` as a whole token: the bytes around it are not
 * letters, digits or '_'.
 */
bool text_has_token(const char *hay, const char *word);

/*
 * Untrusted text made inert for markdown and commit messages (a new string): HTML and
 * HTML comments (so markers) escaped ('<' as "&lt;"), images reduced to their text
 * ("![a](u)" as "[a](u)"), @-mentions and team mentions broken and GitHub's closing
 * keywords ("fixes #7", "closes org/repo#7", "resolved: https://...") defused with a
 * zero-width space, so that quoting a title or a log line cannot notify people, close
 * issues when the commit reaches the default branch, or claim an issue's marker. Links
 * stay only to the repository's own host (GITHUB_SERVER_URL's, else github.com): a
 * URL to any other host loses its "://" and "www." its dot to a zero-width space, so
 * GitHub does not make it a link, and an inline link "[text](target)" to anything but
 * https://<that host>/ loses its "](" the same way (javascript:, data:, relative paths).
 */
char *text_defuse(const char *s);

/*
 * `s` with every "aiops-fingerprint" broken by a zero-width space after "aiops" (a new
 * string): for quotes that are not defused (code spans and fences), so that a marker
 * someone planted in a log line or a description is never a marker where we copy it.
 */
char *text_unmark(const char *s);

/*
 * `s` with the '<' of every "<tag" and "</tag" (spaces allowed after '<' and '/', case
 * ignored) written "&lt;" (a new string): data put between a prompt's <tag> and </tag>
 * cannot close the section early or open another.
 */
char *text_unfence(const char *s, const char *tag);

#endif
