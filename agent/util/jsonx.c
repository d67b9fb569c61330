#include "common.h"
#include "util/jsonx.h"
#include "util/err.h"
#include "util/sys.h"

int jsonx_parse(json_t **out, const char *text, size_t len, const char *origin)
{
	json_error_t jerr;
	json_t *v;

	if (len == 0)
		return err_set(ERR_INPUT, "cannot parse '%s': the file is empty", origin);
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
	if (!v)
		return err_set(ERR_INPUT, "cannot parse '%s': line %d, column %d: %s", origin,
			       jerr.line, jerr.column, jerr.text);
	*out = v;
	return 0;
}

int jsonx_load_file(json_t **out, const char *path, size_t max)
{
	struct buf text = BUF_INIT;
	int error;

	if ((error = sys_read_file(&text, path, max)) == 0)
		error = jsonx_parse(out, text.ptr, text.len, path);
	buf_release(&text);
	return error;
}

json_t *jsonx_path(json_t *root, const char *path)
{
	char key[256];
	json_t *v = root;

	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);

		if (!json_is_object(v) || n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		path += n + (dot ? 1 : 0);
	}
	return v;
}

const char *jsonx_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER:
	case JSON_REAL: return "number";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	default: return "null";
	}
}

static int fetch(json_t **out, json_t *root, const char *path, const char *origin,
		 bool required, json_type type, const char *want)
{
	json_t *v = jsonx_path(root, path);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return err_set(ERR_INPUT, "cannot parse '%s': field '%s': missing", origin, path);
		return 0;
	}
	if (json_typeof(v) != type && !(type == JSON_REAL && json_is_integer(v)))
		return err_set(ERR_INPUT, "cannot parse '%s': field '%s': expected %s, found %s",
			       origin, path, want, jsonx_type_name(v));
	*out = v;
	return 0;
}

int jsonx_get_string(const char **out, json_t *root, const char *path, const char *origin,
		     bool required)
{
	json_t *v;
	int error;

	*out = NULL;
	if ((error = fetch(&v, root, path, origin, required, JSON_STRING, "string")) < 0)
		return error;
	*out = v ? json_string_value(v) : NULL;
	return 0;
}

int jsonx_get_object(json_t **out, json_t *root, const char *path, const char *origin,
		     bool required)
{
	return fetch(out, root, path, origin, required, JSON_OBJECT, "object");
}

int jsonx_get_array(json_t **out, json_t *root, const char *path, const char *origin,
		    bool required)
{
	return fetch(out, root, path, origin, required, JSON_ARRAY, "array");
}

int jsonx_get_number(double *out, json_t *root, const char *path, const char *origin,
		     bool required, double dflt)
{
	json_t *v;
	int error;

	*out = dflt;
	if ((error = fetch(&v, root, path, origin, required, JSON_REAL, "number")) < 0)
		return error;
	if (v)
		*out = json_number_value(v);
	return 0;
}

const char *jsonx_str(json_t *root, const char *path)
{
	json_t *v = jsonx_path(root, path);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

long long jsonx_int(json_t *root, const char *path, long long dflt)
{
	json_t *v = jsonx_path(root, path);

	return json_is_integer(v) ? (long long)json_integer_value(v) : dflt;
}

void jsonx_set_str(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

int jsonx_dump(struct buf *out, const json_t *value)
{
	char *text = json_dumps(value, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
	int error;

	if (!text)
		return err_set(ERR_FAIL, "cannot encode JSON");
	error = buf_adds(out, text);
	if (!error)
		error = buf_addch(out, '\n');
	free(text);
	return error;
}

int jsonx_write_file(const char *path, const json_t *value)
{
	struct buf text = BUF_INIT;
	int error;

	if ((error = jsonx_dump(&text, value)) == 0)
		error = sys_write_file(path, text.ptr, text.len);
	buf_release(&text);
	return error;
}
