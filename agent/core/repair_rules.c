#include "common.h"
#include "core/repair_rules.h"
#include "io/yamlio.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <ctype.h>

/* ---- the change ------------------------------------------------------------------------ */

/* Keep `s` alive as long as the change (paths and contents alike). */
static const char *own(struct repair_change *c, char *s)
{
	size_t n = 0;

	while (c->data && c->data[n])
		n++;
	c->data = xrealloc(c->data, (n + 2) * sizeof(*c->data));
	c->data[n] = s;
	c->data[n + 1] = NULL;
	return s;
}

void repair_change_add(struct repair_change *c, const char *path, char *data, size_t len, bool remove)
{
	struct gitops_file *f;

	c->files = xrealloc(c->files, (c->nfiles + 1) * sizeof(*c->files));
	f = &c->files[c->nfiles++];
	f->path = own(c, xstrdup(path));
	f->data = data ? own(c, data) : NULL;
	f->len = len;
	f->remove = remove;
}

void repair_change_release(struct repair_change *c)
{
	free(c->files);
	sys_free_list(c->data);
	buf_release(&c->summary);
	*c = (struct repair_change)REPAIR_CHANGE_INIT;
}

static bool in_pr(const struct repair_input *in, const char *path)
{
	for (size_t i = 0; in->pr_files && in->pr_files[i]; i++)
		if (!strcmp(in->pr_files[i], path))
			return true;
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* ---- flyway-renumber ------------------------------------------------------------------- */

/* "V12__add_x.sql" (also V1_2 and V1.2): the major version, or -1 when not a migration. */
static long flyway_version(const char *path, const char **desc)
{
	const char *base = sys_basename(path), *p = base + 1;
	long v = 0;

	if (base[0] != 'V' || !isdigit((unsigned char)*p) || !ends_with(base, ".sql"))
		return -1;
	while (isdigit((unsigned char)*p))
		v = v * 10 + (*p++ - '0');
	while (*p == '.' || *p == '_' || isdigit((unsigned char)*p))
		if (*p++ == '_' && *p == '_')
			break;
	if (strncmp(p - 1, "__", 2) || v > 1000000000L)
		return -1;
	if (desc)
		*desc = p + 1;
	return v;
}

/* The highest major version among the migrations of `rev` (0 when none). */
static int highest_version(long *max, struct gitops *g, const char *rev)
{
	char **paths = NULL;
	int error;

	if (!rev)
		return 0;
	if ((error = gitops_list_paths(&paths, NULL, g, rev)) < 0)
		return error;
	for (size_t i = 0; paths[i]; i++) {
		long v = flyway_version(paths[i], NULL);

		if (v > *max)
			*max = v;
	}
	sys_free_list(paths);
	return 0;
}

/* The clashing version the log names ("...with version 4"), or -1. */
static long clash_version(const char *lines)
{
	static const char needle[] = "more than one migration with version ";
	const char *p = lines ? strstr(lines, needle) : NULL;

	if (!p || !isdigit((unsigned char)p[sizeof(needle) - 1]))
		return -1;
	return strtol(p + sizeof(needle) - 1, NULL, 10);
}

static int flyway_renumber(struct repair_change *out, const struct repair_input *in)
{
	long clash = clash_version(in->ev->failure_lines), next = 0;
	int error;

	if (clash < 0)
		return err_set(ERR_NOTFOUND, "the log names no clashing migration version");
	if ((error = highest_version(&next, in->g, in->head)) < 0 ||
	    (error = highest_version(&next, in->g, in->base)) < 0)
		return error;
	for (size_t i = 0; in->pr_files && in->pr_files[i]; i++) {
		const char *path = in->pr_files[i], *desc = NULL;
		struct buf text = BUF_INIT;
		char *renamed;

		if (flyway_version(path, &desc) != clash)
			continue;
		if ((error = gitops_read_file(&text, in->g, in->head, path)) < 0) {
			buf_release(&text);
			if (error == ERR_NOTFOUND) { /* the pull request deleted it: not ours to rename */
				err_clear();
				continue;
			}
			return error;
		}
		renamed = xasprintf("%.*sV%ld__%s", (int)(sys_basename(path) - path), path, ++next, desc);
		repair_change_add(out, path, NULL, 0, true);
		repair_change_add(out, renamed, text.ptr, text.len, false);
		text.ptr = NULL;
		buf_putf(&out->summary, "- renamed `%s` to `%s`: Flyway found more than one migration "
			 "with version %ld, and %ld is the next free version on this branch and its base\n",
			 path, sys_basename(renamed), clash, next);
		free(renamed);
	}
	if (!out->nfiles)
		return err_set(ERR_NOTFOUND, "no migration with version %ld among the pull request's files",
			       clash);
	return 0;
}

/* ---- json-syntax, yaml-syntax ----------------------------------------------------------- */

/* `text` without the commas that only white space separates from a closing '}' or ']'. */
static char *drop_trailing_commas(const char *text, size_t len, size_t *outlen)
{
	char *out = xmalloc(len + 1);
	size_t n = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (in_string) {
			if (c == '\\' && i + 1 < len)
				out[n++] = text[i++];
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == ',') {
			size_t j = i + 1;

			while (j < len && isspace((unsigned char)text[j]))
				j++;
			if (j < len && (text[j] == '}' || text[j] == ']'))
				continue;
		}
		out[n++] = text[i];
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* Leading tabs as two spaces each (YAML forbids tabs in indentation). */
static char *tabs_to_spaces(const char *text, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;
	bool lead = true;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\t' && lead)
			buf_puts(&b, "  ");
		else if (buf_add(&b, &text[i], 1) < 0)
			break;
		lead = text[i] == '\n' || (lead && (text[i] == ' ' || text[i] == '\t'));
	}
	*outlen = b.len;
	return buf_detach(&b);
}

static bool parses(const char *text, size_t len, bool yaml)
{
	json_t *doc = NULL;
	int error = yaml ? yamlio_parse(&doc, text, len, "repair") : jsonx_parse(&doc, text, len, "repair");

	json_decref(doc);
	err_clear();
	return error == 0;
}

/* The pull request's files with `suffixes` that do not parse and do after `fix`. */
static int syntax_fix(struct repair_change *out, const struct repair_input *in, bool yaml,
		      char *(*fix)(const char *, size_t, size_t *), const char *what)
{
	for (size_t i = 0; in->pr_files && in->pr_files[i]; i++) {
		const char *path = in->pr_files[i];
		struct buf text = BUF_INIT;
		size_t n = 0;
		char *fixed;

		if (yaml ? !ends_with(path, ".yml") && !ends_with(path, ".yaml") : !ends_with(path, ".json"))
			continue;
		if (gitops_read_file(&text, in->g, in->head, path) < 0 || parses(text.ptr, text.len, yaml)) {
			err_clear();
			buf_release(&text);
			continue;
		}
		fixed = fix(text.ptr, text.len, &n);
		if (parses(fixed, n, yaml)) {
			repair_change_add(out, path, fixed, n, false);
			buf_putf(&out->summary, "- `%s` did not parse: %s\n", path, what);
		} else {
			free(fixed);
		}
		buf_release(&text);
	}
	return out->nfiles ? 0 : err_set(ERR_NOTFOUND, "no %s file of the pull request has a "
					 "mechanical fix", yaml ? "YAML" : "JSON");
}

static int json_syntax(struct repair_change *out, const struct repair_input *in)
{
	return syntax_fix(out, in, false, drop_trailing_commas, "removed the trailing commas");
}

static int yaml_syntax(struct repair_change *out, const struct repair_input *in)
{
	return syntax_fix(out, in, true, tabs_to_spaces, "indented with spaces instead of tabs");
}

/* ---- go-import -------------------------------------------------------------------------- */

/* Standard-library packages by the name code uses for them. */
static const struct {
	const char *name, *path;
} go_packages[] = {
	{"fmt", "fmt"},         {"os", "os"},         {"strings", "strings"}, {"strconv", "strconv"},
	{"errors", "errors"},   {"time", "time"},     {"bytes", "bytes"},     {"io", "io"},
	{"sort", "sort"},       {"context", "context"}, {"sync", "sync"},     {"http", "net/http"},
	{"json", "encoding/json"}, {"filepath", "path/filepath"}, {"regexp", "regexp"},
	{"math", "math"},       {"log", "log"},       {"bufio", "bufio"},
};

/* `text` with `import "<pkg>"` added to its import block, or after the package clause. */
static char *go_add_import(const char *text, const char *pkg)
{
	const char *block = strstr(text, "\nimport (\n"), *pkgline = strstr(text, "package ");
	const char *at;

	if (block) {
		at = block + strlen("\nimport (\n");
		return xasprintf("%.*s\t\"%s\"\n%s", (int)(at - text), text, pkg, at);
	}
	if (!pkgline || (pkgline != text && pkgline[-1] != '\n'))
		return NULL;
	at = strchr(pkgline, '\n');
	if (!at)
		return NULL;
	at++;
	return xasprintf("%.*s\nimport \"%s\"\n%s", (int)(at - text), text, pkg, at);
}

/* Does the Go source import `pkg` already ("\"strings\"" in it)? */
static bool imports(const char *text, const char *pkg)
{
	char *quoted = xasprintf("\"%s\"", pkg);
	bool found = strstr(text, quoted) != NULL;

	free(quoted);
	return found;
}

static int go_import(struct repair_change *out, const struct repair_input *in)
{
	const char *lines = in->ev->failure_lines ? in->ev->failure_lines : "", *p = lines;

	while ((p = strstr(p, ": undefined: "))) {
		const char *name = p + strlen(": undefined: "), *end = name, *file = p;
		char *path, *fixed = NULL;
		struct buf text = BUF_INIT;

		while (isalnum((unsigned char)*end) || *end == '_')
			end++;
		while (file > lines && file[-1] != '\n' && file[-1] != ' ' && file[-1] != ']')
			file--; /* back to the path: past a timestamp, "##[error]" or a tab */
		path = xstrndup(file, strcspn(file, ":"));
		for (size_t i = 0; i < ARRAY_SIZE(go_packages) && !fixed; i++)
			if (strlen(go_packages[i].name) == (size_t)(end - name) &&
			    !strncmp(name, go_packages[i].name, (size_t)(end - name)) && in_pr(in, path) &&
			    gitops_read_file(&text, in->g, in->head, path) == 0 &&
			    !imports(text.ptr, go_packages[i].path) &&
			    (fixed = go_add_import(text.ptr, go_packages[i].path))) {
				repair_change_add(out, path, fixed, strlen(fixed), false);
				buf_putf(&out->summary, "- `%s`: added the import of `%s` that the compiler "
					 "names (undefined: %s)\n", path, go_packages[i].path,
					 go_packages[i].name);
			}
		err_clear();
		buf_release(&text);
		free(path);
		p = end;
		if (fixed)
			break; /* one file a time: the next CI run names the next */
	}
	return out->nfiles ? 0 : err_set(ERR_NOTFOUND, "no missing standard import the compiler names "
					 "in a file of the pull request");
}

/* ---- the table ---------------------------------------------------------------------------- */

static const struct rule {
	const char *name;
	enum ciclass_kind kind;
	int (*apply)(struct repair_change *out, const struct repair_input *in);
} rules[] = {
	{"flyway-renumber", CICLASS_MIGRATION, flyway_renumber},
	{"json-syntax", CICLASS_SYNTAX, json_syntax},
	{"yaml-syntax", CICLASS_SYNTAX, yaml_syntax},
	{"go-import", CICLASS_COMPILE, go_import},
};

int repair_rules_apply(struct repair_change *out, const struct repair_input *in)
{
	int error = err_set(ERR_NOTFOUND, "no repair rule for a %s failure",
			    ciclass_name(in->ev->cls.kind));

	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		if (rules[i].kind != in->ev->cls.kind)
			continue;
		repair_change_release(out);
		if ((error = rules[i].apply(out, in)) == 0) {
			out->rule = rules[i].name;
			return 0;
		}
		if (error != ERR_NOTFOUND)
			break;
	}
	repair_change_release(out);
	return error;
}
