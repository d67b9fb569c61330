/*
 * yamlio.h - the only user of libyaml: JSON values to YAML text and back.
 *
 * The rest of the program builds documents as jansson values (objects keep insertion
 * order) and lets this module write them, so every YAML file we emit is produced by a
 * real emitter and quoted correctly. Parsing turns YAML into a jansson value for small
 * configuration files (the safety policy).
 */
#ifndef AIOPS_YAMLIO_H
#define AIOPS_YAMLIO_H

#include "common.h"
#include "util/buf.h"

#include <jansson.h>

/*
 * Emit `value` as one YAML document (block style, no "---"/"..." markers) appended to
 * `out`. Objects become mappings in insertion order, arrays sequences; strings that
 * contain a newline use the literal block style (|), others plain style when that reads
 * back as the same string, else quoted; integers, reals, booleans and null as YAML
 * scalars. Strings that would read back as another type ("true", "1.5", "null") are
 * quoted.
 *
 * Quoting is decided for YAML 1.1 readers too ("yes", "off", "1_000", "12:30" are
 * quoted), and for ": ", " #", a leading indicator (-?:,[]{}#&*!|>'"%@`), leading or
 * trailing blanks and the empty string; quotes are single unless the text needs
 * escapes. Lines are never folded. Reals always carry a '.' ("1.0", "1.0e+20").
 * Empty objects and arrays are written "{}" and "[]". On failure (ERR_TOO_BIG at the
 * cap of `out`) `out` is left as it was.
 */
int yamlio_emit(struct buf *out, const json_t *value);

/*
 * Parse one YAML document into a new jansson value. Mappings become objects (keys must
 * be scalars), sequences arrays, plain scalars true/false/null/integers/reals their
 * JSON types, everything else strings. Anchors and aliases are refused. ERR_INPUT names
 * `origin`, the line and column, and libyaml's problem. An empty document is null.
 *
 * Types follow the YAML 1.2 core schema (as go-yaml v3 does): "yes", "on" and "1.2.3"
 * are strings; 0x1F and 0o17 are integers; ".inf"/".nan" have no JSON form and stay
 * strings. Tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are honoured,
 * other tags refused. Also ERR_INPUT: duplicate keys, a second document, nesting deeper
 * than 512, integers outside 64 bits.
 */
int yamlio_parse(json_t **out, const char *text, size_t len, const char *origin);

/*
 * Every scalar value of a YAML text (keys aside) with where it stands, so that a value
 * can be replaced in place and the comments and layout around it kept: the document
 * (1 for the first of a "---" stream), its path ("spec.template.spec.containers.0.
 * resources.limits.memory", sequence items by index), its value, and its byte range in
 * `text` (quotes included). ERR_INPUT names `origin` and the line.
 */
struct yamlio_scalar {
	int document;
	char *path;
	char *value;
	size_t start, end;
	size_t line;    /* 0-based */
};

int yamlio_scalars(struct yamlio_scalar **out, size_t *count, const char *text, size_t len,
		   const char *origin);
void yamlio_scalars_free(struct yamlio_scalar *v, size_t n);

#endif
