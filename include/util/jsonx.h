/*
 * jsonx.h - jansson helpers: parsing with a named origin, typed getters that say which
 * field of which file is wrong, and dumping into a struct buf.
 *
 * Paths are dotted object keys ("data.essentials.severity"); array elements are not
 * addressed by paths. `origin` is the file name (or any label) used in messages:
 *   cannot parse 'alert.json': field 'severity': expected string
 */
#ifndef AIOPS_JSONX_H
#define AIOPS_JSONX_H

#include "common.h"
#include "util/buf.h"

#include <jansson.h>

/* Parse `len` bytes. `*out` is a new reference. ERR_INPUT names origin, line and column. */
int jsonx_parse(json_t **out, const char *text, size_t len, const char *origin);
/* Read (capped at `max` bytes) and parse a file. */
int jsonx_load_file(json_t **out, const char *path, size_t max);

/* The value at a dotted path (borrowed), or NULL when any step is missing. */
json_t *jsonx_path(json_t *root, const char *path);

/*
 * Typed getters. A missing field gives `*out = NULL` (or the default) and 0 unless
 * `required`, when it is ERR_INPUT; a field of the wrong type is always ERR_INPUT.
 * Strings are borrowed from the JSON value.
 */
int jsonx_get_string(const char **out, json_t *root, const char *path, const char *origin,
		     bool required);
int jsonx_get_object(json_t **out, json_t *root, const char *path, const char *origin,
		     bool required);
int jsonx_get_array(json_t **out, json_t *root, const char *path, const char *origin,
		    bool required);
int jsonx_get_number(double *out, json_t *root, const char *path, const char *origin,
		     bool required, double dflt);

/* "object", "array", "string", "number", "boolean" or "null", for messages. */
const char *jsonx_type_name(const json_t *v);

/* Lenient reads for optional data: NULL / dflt when missing or of another type. */
const char *jsonx_str(json_t *root, const char *path);
long long jsonx_int(json_t *root, const char *path, long long dflt);

/* Set `key` to a new string, or to null when `value` is NULL. */
void jsonx_set_str(json_t *obj, const char *key, const char *value);

/* Append the JSON text (indented by 2, keys in insertion order) and a newline. */
int jsonx_dump(struct buf *out, const json_t *value);
/* Dump and write atomically. */
int jsonx_write_file(const char *path, const json_t *value);

#endif
