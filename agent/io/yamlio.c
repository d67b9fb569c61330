#include "common.h"
#include "io/yamlio.h"
#include "util/err.h"
#include "util/sys.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 512 /* nesting cap: jansson frees values recursively */

static const char TAG_STR[] = "tag:yaml.org,2002:str";
static const char TAG_INT[] = "tag:yaml.org,2002:int";
static const char TAG_FLOAT[] = "tag:yaml.org,2002:float";
static const char TAG_BOOL[] = "tag:yaml.org,2002:bool";
static const char TAG_NULL[] = "tag:yaml.org,2002:null";
static const char TAG_MAP[] = "tag:yaml.org,2002:map";
static const char TAG_SEQ[] = "tag:yaml.org,2002:seq";

/* ---- scalar resolution, shared by the emitter (to quote) and the parser ---- */

static bool is_one_of(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && !memcmp(s, *words, len))
			return true;
	return false;
}

static const char *const core_null[] = {"~", "null", "Null", "NULL", NULL};
static const char *const core_true[] = {"true", "True", "TRUE", NULL};
static const char *const core_false[] = {"false", "False", "FALSE", NULL};
static const char *const yaml11_words[] = {
	"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
	"on", "On", "ON", "off", "Off", "OFF", "<<", "=", NULL,
};

static bool all_in(const char *s, size_t len, const char *set)
{
	for (size_t i = 0; i < len; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return true;
}

/* [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ (YAML 1.2 core schema) */
static bool core_int(const char *s, size_t len)
{
	if (len > 2 && s[0] == '0' && s[1] == 'o')
		return all_in(s + 2, len - 2, "01234567");
	if (len > 2 && s[0] == '0' && s[1] == 'x')
		return all_in(s + 2, len - 2, "0123456789abcdefABCDEF");
	if (len && (s[0] == '-' || s[0] == '+'))
		s++, len--;
	return len > 0 && all_in(s, len, "0123456789");
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool core_float(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (len && (s[0] == '-' || s[0] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t exp = 0;

		if (++i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			exp++;
		if (!exp)
			return false;
	}
	return i == len;
}

/* [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN) */
static bool special_float(const char *s, size_t len)
{
	static const char *const inf[] = {".inf", ".Inf", ".INF", NULL};
	static const char *const nan[] = {".nan", ".NaN", ".NAN", NULL};

	if (is_one_of(s, len, nan) || is_one_of(s, len, inf))
		return true;
	return len && (s[0] == '-' || s[0] == '+') && is_one_of(s + 1, len - 1, inf);
}

/*
 * Would a plain scalar with this text read back as something other than the same
 * string, under either the YAML 1.2 core schema or YAML 1.1 (PyYAML, go-yaml v2)? The
 * 1.1 numbers (0b1, 1_000, 1:30, 1e5 ...) and dates are many; anything that starts like
 * a number and is made only of number characters is quoted, which over-quotes a little
 * and never under-quotes.
 */
static bool needs_quotes(const char *s, size_t len)
{
	static const char leading[] = "-?:,[]{}#&*!|>'\"%@`";
	size_t i = 0;

	if (len == 0 || is_one_of(s, len, core_null) || is_one_of(s, len, core_true) ||
	    is_one_of(s, len, core_false) || is_one_of(s, len, yaml11_words))
		return true;
	if (core_int(s, len) || core_float(s, len) || special_float(s, len))
		return true;
	if (s[0] == '-' || s[0] == '+')
		i++;
	if (i < len && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')) &&
	    all_in(s + i, len - i, "0123456789abcdefABCDEFxXoO_.:+-"))
		return true;
	if (strchr(leading, s[0]) || s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t')
		return true;
	for (i = 0; i < len; i++) {
		if (s[i] == ':' && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t'))
			return true;
		if (s[i] == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return true;
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	}
	return false;
}

/*
 * Characters only double quotes can carry: controls other than tab and newline, and
 * the Unicode line breaks NEL, LS and PS (which YAML 1.1 readers fold) and the BOM.
 */
static bool needs_escapes(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return true;
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
			return true;
		if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
			return true;
		if (c == 0xef && i + 2 < len && (unsigned char)s[i + 1] == 0xbb &&
		    (unsigned char)s[i + 2] == 0xbf)
			return true;
	}
	return false;
}

/* ---- emitter ---- */

struct emitter {
	yaml_emitter_t em;
	struct buf *out;
	int error;    /* the first failure; later events are skipped */
	bool too_big; /* the output handler hit the cap of `out` */
};

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	struct emitter *e = data;

	if (buf_add(e->out, buffer, size) < 0) {
		e->too_big = true;
		return 0;
	}
	return 1;
}

static void emit_failed(struct emitter *e)
{
	if (e->too_big)
		e->error = err_set(ERR_TOO_BIG, "cannot emit YAML: output exceeds %zu bytes",
				   e->out->cap);
	else
		e->error = err_set(ERR_FAIL, "cannot emit YAML: %s",
				   e->em.problem ? e->em.problem : "emitter error");
}

/*
 * Hand one event to the emitter, which takes it over (also on failure). `ok` is the
 * result of the event's initializer, which fails only on text that is not UTF-8.
 */
static void emit(struct emitter *e, yaml_event_t *ev, int ok)
{
	if (e->error)
		return;
	if (!ok)
		e->error = err_set(ERR_INPUT, "cannot emit YAML: string is not valid UTF-8");
	else if (!yaml_emitter_emit(&e->em, ev))
		emit_failed(e);
}

static void emit_string(struct emitter *e, const char *s, size_t len)
{
	yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
	yaml_event_t ev;

	if (len > INT_MAX) {
		if (!e->error)
			e->error = err_set(ERR_TOO_BIG, "cannot emit YAML: string of %zu bytes",
					   len);
		return;
	}
	if (needs_escapes(s, len))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (memchr(s, '\n', len))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (needs_quotes(s, len))
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	/* libyaml falls back to double quotes where the requested style cannot hold `s`. */
	emit(e, &ev,
	     yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)s, (int)len,
					  style == YAML_PLAIN_SCALAR_STYLE, 1, style));
}

static void emit_plain(struct emitter *e, const char *s)
{
	yaml_event_t ev;

	emit(e, &ev,
	     yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)s,
					  (int)strlen(s), 1, 0, YAML_PLAIN_SCALAR_STYLE));
}

/*
 * The shortest text that reads back as the same double, with a '.' so that YAML 1.1
 * readers (which want one) see a float too: 1 -> "1.0", 1e+20 -> "1.0e+20".
 */
static void format_real(char *out, size_t size, double d)
{
	char tmp[64];
	char *e;

	if (isnan(d)) {
		snprintf(out, size, ".nan");
		return;
	}
	if (isinf(d)) {
		snprintf(out, size, d < 0 ? "-.inf" : ".inf");
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	if (strchr(tmp, '.')) {
		snprintf(out, size, "%s", tmp);
	} else if ((e = strchr(tmp, 'e'))) {
		snprintf(out, size, "%.*s.0%s", (int)(e - tmp), tmp, e);
	} else {
		snprintf(out, size, "%s.0", tmp);
	}
}

static void emit_value(struct emitter *e, const json_t *v, int depth)
{
	yaml_event_t ev;
	char num[80];

	if (e->error)
		return;
	if (depth > YAML_MAX_DEPTH) {
		e->error = err_set(ERR_INPUT, "cannot emit YAML: nested deeper than %d",
				   YAML_MAX_DEPTH);
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		emit(e, &ev,
		     yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
							 YAML_BLOCK_MAPPING_STYLE));
		for (void *it = json_object_iter((json_t *)v); it;
		     it = json_object_iter_next((json_t *)v, it)) {
			emit_string(e, json_object_iter_key(it), json_object_iter_key_len(it));
			emit_value(e, json_object_iter_value(it), depth + 1);
		}
		emit(e, &ev, yaml_mapping_end_event_initialize(&ev));
		break;
	case JSON_ARRAY:
		emit(e, &ev,
		     yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
							  YAML_BLOCK_SEQUENCE_STYLE));
		for (size_t i = 0; i < json_array_size(v); i++)
			emit_value(e, json_array_get(v, i), depth + 1);
		emit(e, &ev, yaml_sequence_end_event_initialize(&ev));
		break;
	case JSON_STRING:
		emit_string(e, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		emit_plain(e, num);
		break;
	case JSON_REAL:
		format_real(num, sizeof(num), json_real_value(v));
		emit_plain(e, num);
		break;
	case JSON_TRUE:
		emit_plain(e, "true");
		break;
	case JSON_FALSE:
		emit_plain(e, "false");
		break;
	case JSON_NULL:
		emit_plain(e, "null");
		break;
	}
}

int yamlio_emit(struct buf *out, const json_t *value)
{
	struct emitter *e;
	size_t start = out->len;
	yaml_event_t ev;
	int error;

	if (!value)
		return err_set(ERR_FAIL, "cannot emit YAML: no value");
	e = xcalloc(1, sizeof(*e));
	e->out = out;
	if (!yaml_emitter_initialize(&e->em))
		xdie("cannot initialize the YAML emitter");
	yaml_emitter_set_output(&e->em, write_handler, e);
	yaml_emitter_set_unicode(&e->em, 1);
	yaml_emitter_set_width(&e->em, -1);
	yaml_emitter_set_indent(&e->em, 2);
	yaml_emitter_set_break(&e->em, YAML_LN_BREAK);

	emit(e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	emit_value(e, value, 0);
	emit(e, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit(e, &ev, yaml_stream_end_event_initialize(&ev));
	if (!e->error && !yaml_emitter_flush(&e->em))
		emit_failed(e);
	error = e->error;
	yaml_emitter_delete(&e->em);
	free(e);
	if (error) {
		buf_truncate(out, start);
		return error;
	}
	/* A document that ends open (a top-level "|+" scalar) gets "..."; drop it. */
	if (out->len - start >= 4 && buf_ends_with(out, "\n...\n"))
		buf_truncate(out, out->len - 4);
	return 0;
}

/* ---- parser ---- */

struct frame {
	json_t *node; /* object or array; owned by its parent, or the root */
	char *key;    /* pending mapping key (objects only) */
	size_t keylen;
};

struct builder {
	const char *origin;
	struct frame stack[YAML_MAX_DEPTH + 1];
	int depth;
	json_t *root;
	int documents;
};

ATTR_PRINTF(3, 4)
static int fail_at(const struct builder *b, const yaml_mark_t *mark, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return err_set(ERR_INPUT, "cannot parse '%s': line %zu, column %zu: %s", b->origin,
		       mark->line + 1, mark->column + 1, what);
}

/*
 * Resolve a scalar to a JSON value. Plain untagged scalars follow the YAML 1.2 core
 * schema; quoted and block scalars and !!str are strings; !!int, !!float, !!bool and
 * !!null must match their type. NaN and the infinities have no JSON form: untagged they
 * stay strings, tagged !!float they are refused.
 */
static int resolve(json_t **out, const struct builder *b, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	const yaml_mark_t *mark = &ev->start_mark;
	bool any = !tag;

	*out = NULL;
	if ((!tag && !ev->data.scalar.plain_implicit) ||
	    (tag && (!strcmp(tag, TAG_STR) || !strcmp(tag, "!")))) {
		*out = json_stringn(s, len);
		return 0;
	}
	if (tag && strcmp(tag, TAG_INT) && strcmp(tag, TAG_FLOAT) && strcmp(tag, TAG_BOOL) &&
	    strcmp(tag, TAG_NULL))
		return fail_at(b, mark, "unsupported tag '%s'", tag);

	if ((any || !strcmp(tag, TAG_NULL)) && (len == 0 || is_one_of(s, len, core_null))) {
		*out = json_null();
	} else if ((any || !strcmp(tag, TAG_BOOL)) && is_one_of(s, len, core_true)) {
		*out = json_true();
	} else if ((any || !strcmp(tag, TAG_BOOL)) && is_one_of(s, len, core_false)) {
		*out = json_false();
	} else if ((any || !strcmp(tag, TAG_INT)) && core_int(s, len)) {
		int base = s[0] == '0' && s[1] == 'o' ? 8 : s[0] == '0' && s[1] == 'x' ? 16 : 10;
		long long v;

		errno = 0;
		v = strtoll(base == 10 ? s : s + 2, NULL, base);
		if (errno == ERANGE)
			return fail_at(b, mark, "integer '%s' out of range", s);
		*out = json_integer(v);
	} else if ((any || !strcmp(tag, TAG_FLOAT)) && special_float(s, len)) {
		if (!any)
			return fail_at(b, mark, "'%s' has no JSON form", s);
		*out = json_stringn(s, len);
	} else if ((any || !strcmp(tag, TAG_FLOAT)) && (core_float(s, len) || core_int(s, len))) {
		double d = strtod(s, NULL);

		if (!isfinite(d))
			return fail_at(b, mark, "number '%s' out of range", s);
		*out = json_real(d);
	} else if (any) {
		*out = json_stringn(s, len);
	} else {
		return fail_at(b, mark, "'%s' does not match its tag '%s'", s, tag);
	}
	return 0;
}

/* Attach `v` (stolen) to the open container, or make it the root. */
static int attach(struct builder *b, json_t *v, const yaml_mark_t *mark)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = v;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (json_is_array(f->node)) {
		json_array_append_new(f->node, v);
		return 0;
	}
	if (json_object_getn(f->node, f->key, f->keylen)) {
		json_decref(v);
		return fail_at(b, mark, "duplicate key '%s'", f->key);
	}
	json_object_setn_new_nocheck(f->node, f->key, f->keylen, v);
	free(f->key);
	f->key = NULL;
	return 0;
}

static bool wants_key(const struct builder *b)
{
	const struct frame *f;

	if (b->depth == 0)
		return false;
	f = &b->stack[b->depth - 1];
	return json_is_object(f->node) && !f->key;
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	json_t *v;
	int error;

	if (wants_key(b)) {
		struct frame *f = &b->stack[b->depth - 1];

		f->key = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		f->keylen = ev->data.scalar.length;
		return 0;
	}
	if ((error = resolve(&v, b, ev)) < 0)
		return error;
	return attach(b, v, &ev->start_mark);
}

static int on_start(struct builder *b, const yaml_event_t *ev, bool mapping)
{
	const char *tag = (const char *)(mapping ? ev->data.mapping_start.tag
						 : ev->data.sequence_start.tag);
	json_t *node;
	int error;

	if (wants_key(b))
		return fail_at(b, &ev->start_mark, "mapping keys must be scalars");
	if (tag && strcmp(tag, mapping ? TAG_MAP : TAG_SEQ))
		return fail_at(b, &ev->start_mark, "unsupported tag '%s'", tag);
	if (b->depth >= YAML_MAX_DEPTH)
		return fail_at(b, &ev->start_mark, "nested deeper than %d", YAML_MAX_DEPTH);
	node = mapping ? json_object() : json_array();
	if ((error = attach(b, json_incref(node), &ev->start_mark)) < 0) {
		json_decref(node);
		return error;
	}
	b->stack[b->depth++] = (struct frame){node, NULL, 0};
	json_decref(node); /* the parent (or root) holds it */
	return 0;
}

static int on_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1)
			return fail_at(b, &ev->start_mark, "expected one document, found another");
		return 0;
	case YAML_ALIAS_EVENT:
		return fail_at(b, &ev->start_mark, "aliases are not supported ('*%s')",
			       (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			break;
		return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor)
			break;
		return on_start(b, ev, false);
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor)
			break;
		return on_start(b, ev, true);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		b->depth--;
		return 0;
	default:
		return 0;
	}
	return fail_at(b, &ev->start_mark, "anchors are not supported");
}

int yamlio_parse(json_t **out, const char *text, size_t len, const char *origin)
{
	struct builder *b = xcalloc(1, sizeof(*b));
	yaml_parser_t parser;
	yaml_event_t ev;
	int error = 0;
	bool done = false;

	if (!yaml_parser_initialize(&parser))
		xdie("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	b->origin = origin;

	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR)
				xdie("out of memory");
			if (parser.error == YAML_READER_ERROR)
				error = err_set(ERR_INPUT, "cannot parse '%s': byte %zu: %s", origin,
						parser.problem_offset,
						parser.problem ? parser.problem : "cannot read");
			else
				error = err_set(ERR_INPUT,
						"cannot parse '%s': line %zu, column %zu: %s%s%s",
						origin, parser.problem_mark.line + 1,
						parser.problem_mark.column + 1,
						parser.problem ? parser.problem : "syntax error",
						parser.context ? " " : "",
						parser.context ? parser.context : "");
			goto done;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		error = on_event(b, &ev);
		yaml_event_delete(&ev);
		if (error < 0)
			goto done;
	}
	*out = b->root ? b->root : json_null();
	b->root = NULL;

done:
	for (int i = 0; i < b->depth; i++)
		free(b->stack[i].key);
	json_decref(b->root);
	free(b);
	yaml_parser_delete(&parser);
	return error;
}

/* ---- scalars with their place: editing a manifest in place ---- */

struct walk_frame {
	bool seq;       /* a sequence (else a mapping) */
	size_t index;   /* the next item's index (sequences) */
	char *key;      /* the pending key (mappings), NULL while a key is awaited */
	size_t pathlen; /* the path's length before this frame's part */
};

struct walker {
	struct walk_frame stack[YAML_MAX_DEPTH + 1];
	int depth;
	struct buf path;
	int document;
	struct yamlio_scalar *v;
	size_t n;
};

/* The path of the value about to come, in `w->path` ("spec.containers.0.name"). */
static void walk_enter(struct walker *w)
{
	struct walk_frame *f = w->depth ? &w->stack[w->depth - 1] : NULL;

	if (!f)
		return;
	buf_truncate(&w->path, f->pathlen);
	if (f->pathlen)
		buf_puts(&w->path, ".");
	if (f->seq)
		buf_putf(&w->path, "%zu", f->index++);
	else
		buf_puts(&w->path, f->key ? f->key : "");
}

static void walk_value_done(struct walker *w)
{
	struct walk_frame *f = w->depth ? &w->stack[w->depth - 1] : NULL;

	if (f && !f->seq) {
		free(f->key);
		f->key = NULL;
	}
}

static void walk_scalar(struct walker *w, const yaml_event_t *ev)
{
	struct walk_frame *f = w->depth ? &w->stack[w->depth - 1] : NULL;
	const char *text = (const char *)ev->data.scalar.value;

	if (f && !f->seq && !f->key) { /* a key */
		f->key = xstrndup(text, ev->data.scalar.length);
		return;
	}
	walk_enter(w);
	w->v = xgrow(w->v, w->n, sizeof(*w->v));
	w->v[w->n++] = (struct yamlio_scalar){w->document, xstrdup(w->path.ptr ? w->path.ptr : ""),
					      xstrndup(text, ev->data.scalar.length), ev->start_mark.index,
					      ev->end_mark.index, ev->start_mark.line};
	walk_value_done(w);
}

static int walk_event(struct walker *w, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		w->document++;
		buf_truncate(&w->path, 0);
		break;
	case YAML_SCALAR_EVENT:
		walk_scalar(w, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (w->depth >= YAML_MAX_DEPTH)
			return err_set(ERR_INPUT, "nested deeper than %d levels", YAML_MAX_DEPTH);
		walk_enter(w);
		w->stack[w->depth++] = (struct walk_frame){ev->type == YAML_SEQUENCE_START_EVENT, 0, NULL,
							   w->path.len};
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		free(w->stack[--w->depth].key);
		walk_value_done(w);
		break;
	default:
		break;
	}
	return 0;
}

int yamlio_scalars(struct yamlio_scalar **out, size_t *count, const char *text, size_t len,
		   const char *origin)
{
	struct walker *w = xcalloc(1, sizeof(*w));
	yaml_parser_t parser;
	yaml_event_t ev;
	int error = 0;
	bool done = false;

	w->path = (struct buf)BUF_INIT;
	if (!yaml_parser_initialize(&parser))
		xdie("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && error == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			error = err_set(ERR_INPUT, "cannot parse '%s': line %zu: %s", origin,
					parser.problem_mark.line + 1, parser.problem ? parser.problem : "syntax error");
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if ((error = walk_event(w, &ev)) < 0)
			err_prefix("cannot parse '%s'", origin);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	while (w->depth > 0)
		free(w->stack[--w->depth].key);
	buf_release(&w->path);
	if (error < 0) {
		yamlio_scalars_free(w->v, w->n);
	} else {
		*out = w->v;
		*count = w->n;
	}
	free(w);
	return error;
}

void yamlio_scalars_free(struct yamlio_scalar *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].path);
		free(v[i].value);
	}
	free(v);
}
