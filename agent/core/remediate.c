#include "common.h"
#include "core/remediate.h"
#include "core/manifest.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "util/pathkind.h"
#include "util/patch.h"
#include "util/sys.h"
#include "util/text.h"

#include <ctype.h>
#include <strings.h>

void plan_release(struct plan *plan)
{
	free(plan->branch);
	buf_release(&plan->diff);
	sys_free_list(plan->paths);
	free(plan->revert_commit);
	free(plan->title);
	free(plan->description);
	json_decref(plan->dispatch);
	memset(plan, 0, sizeof(*plan));
}

static char *lower_slug(const char *s)
{
	char *out = xstrdup(s);

	for (char *p = out; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '-';
	return out;
}

/* ---- choosing hunks of the blame diff ---- */

struct selection {
	const struct patch *patch;
	bool *file_kept;           /* per file index */
	const char *needle;        /* keep hunks whose changed lines contain it (or NULL) */
	bool (*path_ok)(const char *path);
};

static bool changed_lines_contain(const struct patch_hunk *h, const char *needle)
{
	const char *p = h->body;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if ((*p == '+' || *p == '-') && len > 1) {
			char *line = xstrndup(p + 1, len - 1);
			bool found = strstr(line, needle) != NULL;

			free(line);
			if (found)
				return true;
		}
		p += len + (nl ? 1 : 0);
	}
	return false;
}

static bool touches_workflows(const struct pull *p)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		if (!strncmp(patch_file_path(&p->patch.files[i]), ".github/workflows/", 18))
			return true;
	return false;
}

static bool keep_selected(const struct patch_file *f, const struct patch_hunk *h, void *ctx)
{
	struct selection *sel = ctx;
	size_t index = (size_t)(f - sel->patch->files);

	if (sel->file_kept && !sel->file_kept[index])
		return false;
	if (!strncmp(patch_file_path(f), ".github/workflows/", 18))
		return false; /* the agent never changes workflows, not even to revert them */
	if (sel->path_ok && !sel->path_ok(patch_file_path(f)))
		return false;
	return !sel->needle || changed_lines_contain(h, sel->needle);
}

/* Names a file's changes introduce: identifiers on added lines that no removed line has. */
static void introduced_names(struct terms *out, const struct patch_file *f)
{
	struct terms added = TERMS_INIT, removed = TERMS_INIT;

	for (size_t h = 0; h < f->nhunks; h++) {
		const char *p = f->hunks[h].body;

		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);

			if (*p == '+')
				terms_add_text(&added, p + 1, len - 1, 1.0);
			else if (*p == '-')
				terms_add_text(&removed, p + 1, len - 1, 1.0);
			p += len + (nl ? 1 : 0);
		}
	}
	for (size_t i = 0; i < added.n; i++)
		if (added.weight[i] >= 1.0 && terms_weight(&removed, added.text[i]) <= 0)
			terms_add(out, added.text[i], strlen(added.text[i]), 1.0);
	terms_release(&added);
	terms_release(&removed);
}

static bool file_uses(const struct patch_file *f, const struct terms *names)
{
	struct terms mine = TERMS_INIT;
	bool found = false;

	for (size_t h = 0; h < f->nhunks; h++)
		terms_add_text(&mine, f->hunks[h].body, strlen(f->hunks[h].body), 1.0);
	for (size_t i = 0; i < mine.n && !found; i++)
		found = mine.weight[i] >= 1.0 && terms_weight(names, mine.text[i]) > 0;
	terms_release(&mine);
	return found;
}

static const char *stem(const char *path, size_t *len)
{
	const char *base = sys_basename(path), *dot = strchr(base, '.');

	*len = dot ? (size_t)(dot - base) : strlen(base);
	return base;
}

/*
 * The files a code fix reverts: those the errors and stack frames point at (by file
 * name or by a strong identifier in their changes), then the files whose changes use
 * names those files introduce, so the fix still compiles.
 */
static void implicated_files(bool *kept, const struct evidence *ev, const struct pull *p)
{
	const struct terms *evidence = &ev->terms;
	struct terms names = TERMS_INIT;
	size_t nkept = 0;

	for (size_t i = 0; i < p->patch.nfiles; i++) {
		const struct patch_file *f = &p->patch.files[i];
		const char *path = patch_file_path(f);
		size_t len;
		const char *s = stem(path, &len);
		char *name = xstrndup(s, len);
		bool hit = !pathkind_is_test_or_doc(path) && terms_weight(evidence, name) >= 0.5;

		free(name);
		for (size_t h = 0; !hit && h < f->nhunks && !pathkind_is_test_or_doc(path); h++) {
			struct terms changed = TERMS_INIT;

			terms_add_text(&changed, f->hunks[h].body, strlen(f->hunks[h].body), 1.0);
			for (size_t k = 0; k < changed.n && !hit; k++)
				hit = changed.weight[k] >= 1.0 &&
				      terms_weight(evidence, changed.text[k]) >= 1.0;
			terms_release(&changed);
		}
		kept[i] = hit;
		nkept += hit;
	}
	if (!nkept) {
		for (size_t i = 0; i < p->patch.nfiles; i++)
			kept[i] = !pathkind_is_test_or_doc(patch_file_path(&p->patch.files[i]));
	}
	for (size_t i = 0; i < p->patch.nfiles; i++)
		if (kept[i])
			introduced_names(&names, &p->patch.files[i]);
	for (size_t i = 0; i < p->patch.nfiles; i++)
		if (!kept[i] && names.n && file_uses(&p->patch.files[i], &names))
			kept[i] = true;
	terms_release(&names);
}

static bool config_path(const char *path)
{
	return pathkind_is_config(path);
}

static bool manifest_path(const char *path)
{
	return pathkind_is_manifest(path);
}

/*
 * Keep only the changed lines of a hunk that contain `needle`: other added lines become
 * context (they stay in the file), other removed lines are dropped (they are not in the
 * file any more), so reversing the hunk touches exactly the needle's lines.
 */
static void narrow_hunk(struct patch_hunk *h, const char *needle)
{
	struct buf body = BUF_INIT;
	const char *cur = h->body;
	bool kept_last = true;

	h->added = h->removed = 0;
	h->old_lines = h->new_lines = 0;
	while (*cur) {
		const char *nl = strchr(cur, '\n');
		size_t len = nl ? (size_t)(nl - cur) + 1 : strlen(cur);
		char *line = xstrndup(cur, len);
		bool match = strstr(line, needle) != NULL;

		if (*line == '\\') {
			if (kept_last)
				buf_puts(&body, line);
		} else if (*line == '+' && !match) {
			line[0] = ' ';
			buf_puts(&body, line);
			h->old_lines++;
			h->new_lines++;
			kept_last = true;
		} else if (*line == '-' && !match) {
			kept_last = false;
		} else {
			buf_puts(&body, line);
			h->old_lines += *line != '+';
			h->new_lines += *line != '-';
			h->added += *line == '+';
			h->removed += *line == '-';
			kept_last = true;
		}
		free(line);
		cur += len;
	}
	free(h->body);
	h->body = buf_detach(&body);
}

/* The selected hunks, narrowed to the lines that name `sel->needle`, reversed. */
static int render_narrowed(struct buf *out, const struct patch *src, struct selection *sel)
{
	struct buf forward = BUF_INIT;
	struct patch copy = PATCH_INIT;
	int error;

	if ((error = patch_render(&forward, src, false, keep_selected, sel)) < 0 ||
	    (error = patch_parse(&copy, forward.ptr, forward.len, "the selected hunks")) < 0)
		goto done;
	for (size_t i = 0; i < copy.nfiles; i++)
		for (size_t h = 0; h < copy.files[i].nhunks; h++)
			narrow_hunk(&copy.files[i].hunks[h], sel->needle);
	error = patch_render(out, &copy, true, NULL, NULL);
done:
	patch_release(&copy);
	buf_release(&forward);
	return error;
}

/* ---- a new Flyway migration ---- */

static bool sql_identifier(const char *s, size_t len)
{
	if (!len || len > 63 || isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* The name at `p`, one quote aside ("t.x", 't', `x`): its start, and `*end` past it. */
static const char *qualified_name(const char *p, const char **end)
{
	const char *start;

	if (*p == '"' || *p == '\'' || *p == '`')
		p++;
	start = p;
	while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
		p++;
	*end = p;
	return start;
}

/* s[0..end) into `out` when it is an SQL identifier that fits. */
static bool put_identifier(const char *s, const char *end, char *out, size_t size)
{
	if (!sql_identifier(s, (size_t)(end - s)) || (size_t)(end - s) >= size)
		return false;
	memcpy(out, s, (size_t)(end - s));
	out[end - s] = '\0';
	return true;
}

/*
 * The missing column of an error line, with its table alias when qualified:
 *   PostgreSQL  column "x" does not exist / column t.x does not exist
 *   MySQL       Unknown column 'x' in 'field list' (then `*mysql` is set)
 *   SQL Server  Invalid column name 'x'
 */
static bool missing_column(const char *line, char *column, size_t size, char *alias, size_t asize,
			   bool *mysql)
{
	const char *p, *start, *end, *dot;

	*mysql = false;
	alias[0] = '\0';
	if ((p = strstr(line, "Unknown column ")))
		p += 15, *mysql = true;
	else if ((p = strstr(line, "Invalid column name ")))
		p += 20;
	else if ((p = strstr(line, "column ")) && strstr(p, "does not exist"))
		p += 7;
	else
		return false;
	start = qualified_name(p, &end);
	if ((dot = memchr(start, '.', (size_t)(end - start)))) {
		size_t n = (size_t)(dot - start);

		if (n < asize) {
			memcpy(alias, start, n);
			alias[n] = '\0';
		}
		start = dot + 1;
	}
	return put_identifier(start, end, column, size);
}

/* The quoted identifier at `p` ("x", 'x', `x` or bare) into `out`; false when none. */
static bool quoted_identifier(const char *p, char *out, size_t size)
{
	const char *end, *start = qualified_name(p, &end);

	for (const char *q = start; q < end; q++)
		if (*q == '.')
			start = q + 1; /* "db.dbo.t": the table's own name */
	return put_identifier(start, end, out, size);
}

/*
 * The column an insert left NULL although the schema forbids it, and its table when the
 * message names it:
 *   PostgreSQL  null value in column "c" [of relation "t"] violates not-null constraint
 *   MySQL       Column 'c' cannot be null / Field 'c' doesn't have a default value
 *   SQL Server  Cannot insert the value NULL into column 'c', table 'db.dbo.t'
 * `*dialect`: 'p', 'm' or 's'.
 */
static bool not_null_column(const char *line, char *column, size_t size, char *table, size_t tsize,
			    char *dialect)
{
	const char *p, *t;

	table[0] = '\0';
	if ((p = strstr(line, "null value in column ")) && strstr(p, "violates not-null constraint")) {
		*dialect = 'p';
		if ((t = strstr(p, " of relation ")) && t < strstr(p, "violates"))
			quoted_identifier(t + 13, table, tsize);
		return quoted_identifier(p + 21, column, size);
	}
	if ((p = strstr(line, "Cannot insert the value NULL into column "))) {
		*dialect = 's';
		if ((t = strstr(p, ", table ")))
			quoted_identifier(t + 8, table, tsize);
		return quoted_identifier(p + 41, column, size);
	}
	*dialect = 'm';
	if ((p = strstr(line, "Column ")) && strstr(p, "cannot be null"))
		return quoted_identifier(p + 7, column, size);
	if ((p = strstr(line, "Field ")) && strstr(p, "doesn't have a default value"))
		return quoted_identifier(p + 6, column, size);
	return false;
}

/* The table of "from|join|update|into <table> [alias]" in SQL text, preferring `alias`. */
static bool sql_table(const char *text, const char *alias, char *table, size_t size)
{
	static const char *const keywords[] = {"from ", "join ", "update ", "into "};
	bool found = false;

	for (const char *p = text; *p && !(found && alias[0] == '\0'); p++) {
		for (size_t k = 0; k < ARRAY_SIZE(keywords); k++) {
			size_t kl = strlen(keywords[k]);
			const char *s, *e, *a, *name;

			if (strncasecmp(p, keywords[k], kl) || (p > text && isalnum((unsigned char)p[-1])))
				continue;
			s = p + kl;
			e = s;
			while (isalnum((unsigned char)*e) || *e == '_' || *e == '.')
				e++;
			name = s;
			for (const char *q = s; q < e; q++)
				if (*q == '.')
					name = q + 1;
			if (e == s || !sql_identifier(name, (size_t)(e - name)))
				continue;
			a = e;
			while (*a == ' ')
				a++;
			if (alias[0] && (strncmp(a, alias, strlen(alias)) ||
					 isalnum((unsigned char)a[strlen(alias)]) || a[strlen(alias)] == '_'))
				continue;
			if ((size_t)(e - s) < size) {
				memcpy(table, s, (size_t)(e - s));
				table[e - s] = '\0';
				found = true;
				if (alias[0])
					return true;
			}
		}
	}
	return found;
}

static const char *sql_type_for(const char *java_type)
{
	static const struct {
		const char *java, *sql;
	} types[] = {
		{"BigDecimal", "NUMERIC(19,2)"}, {"Integer", "INTEGER"}, {"int", "INTEGER"},
		{"Long", "BIGINT"}, {"long", "BIGINT"}, {"String", "VARCHAR(255)"},
		{"Boolean", "BOOLEAN"}, {"boolean", "BOOLEAN"}, {"LocalDate", "DATE"},
		{"LocalDateTime", "TIMESTAMP"}, {"Instant", "TIMESTAMP"}, {"OffsetDateTime", "TIMESTAMP WITH TIME ZONE"},
		{"Double", "DOUBLE PRECISION"}, {"double", "DOUBLE PRECISION"}, {"UUID", "UUID"},
		{"Short", "SMALLINT"}, {"short", "SMALLINT"}, {"Float", "REAL"}, {"float", "REAL"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (!strcmp(java_type, types[i].java))
			return types[i].sql;
	return NULL;
}

/* snake_case -> camelCase */
static char *camel(const char *snake)
{
	char *out = xstrdup(snake), *w = out;
	bool up = false;

	for (const char *p = snake; *p; p++) {
		if (*p == '_') {
			up = true;
			continue;
		}
		*w++ = up ? (char)toupper((unsigned char)*p) : *p;
		up = false;
	}
	*w = '\0';
	return out;
}

/*
 * The SQL type of the column, from the field the blame diff maps to it: a line
 * "private <Type> <field>;" after an @Column(name = "<column>") or named like the column.
 */
static const char *column_type(const struct pull *p, const char *column)
{
	char *field = camel(column);
	const char *type = NULL;

	for (size_t i = 0; i < p->patch.nfiles && !type; i++) {
		for (size_t h = 0; h < p->patch.files[i].nhunks && !type; h++) {
			const char *cur = p->patch.files[i].hunks[h].body;
			bool annotated = false;

			while (*cur && !type) {
				const char *nl = strchr(cur, '\n');
				size_t len = nl ? (size_t)(nl - cur) : strlen(cur);
				char *line = xstrndup(cur, len);
				char *decl;

				if (strstr(line, "@Column") && strstr(line, column))
					annotated = true;
				else if (*line != '-' && (decl = strstr(line, "private ")) &&
					 (annotated || strstr(line, field))) {
					char word[64];
					size_t n = 0;

					decl += 8;
					while (decl[n] && !isspace((unsigned char)decl[n]) && n + 1 < sizeof(word))
						n++;
					memcpy(word, decl, n);
					word[n] = '\0';
					type = sql_type_for(word);
					annotated = false;
				}
				free(line);
				cur += len + (nl ? 1 : 0);
			}
		}
	}
	free(field);
	return type;
}

/* A Flyway versioned migration of the default branch ("db/migration/V12__x.sql"). */
static bool flyway_file(const char *path)
{
	const char *base = sys_basename(path);

	return strstr(path, "db/migration") && base[0] == 'V' && isdigit((unsigned char)base[1]) &&
	       strstr(base, "__") && text_ends_with_ci(base, ".sql");
}

/* The next free version and the folder of the migrations (`*dir` borrowed from ev). */
static long next_version(const struct evidence *ev, const char **dir)
{
	long next = 0;

	*dir = NULL;
	for (size_t i = 0; i < ev->nfiles; i++) {
		long v;

		if (!flyway_file(ev->files[i]))
			continue;
		if ((v = strtol(sys_basename(ev->files[i]) + 1, NULL, 10)) >= next) {
			next = v + 1;
			*dir = ev->files[i];
		}
	}
	return next;
}

bool remediate_has_flyway(const struct evidence *ev)
{
	const char *dir;

	next_version(ev, &dir);
	return dir != NULL;
}

/*
 * The statement that created the index `name` in an earlier migration, from "create" to
 * its ';' (a new string), or NULL. `*txfree` says whether the repository runs such
 * migrations outside a transaction (its own "flyway:executeInTransaction=false").
 */
static char *index_definition(const struct evidence *ev, const char *name, bool *txfree)
{
	struct buf text = BUF_INIT;
	char *found = NULL;

	*txfree = false;
	for (size_t i = 0; i < ev->nfiles && !found; i++) {
		char *low, *at, *start, *end;

		buf_reset(&text);
		if (!flyway_file(ev->files[i]) || ev->gh->ops->read_file(&text, ev->gh, ev->files[i]) < 0) {
			err_clear();
			continue;
		}
		low = text_lower(text.ptr, text.len);
		*txfree |= strstr(low, "flyway:executeintransaction=false") != NULL;
		for (at = strstr(low, name); at && !found; at = strstr(at + 1, name)) {
			for (start = at; start > low && start[-1] != ';' && strncmp(start, "create", 6); start--)
				;
			end = strchr(at, ';');
			if (!strncmp(start, "create", 6) && end && strstr(start, " index") &&
			    strstr(start, " index") < at)
				found = xstrndup(text.ptr + (start - low), (size_t)(end - start) + 1);
		}
		free(low);
	}
	buf_release(&text);
	return found;
}

/* Whether the pull request's added lines drop the index `name`. */
static bool has_dropped_index(const struct pull *p, const char *name)
{
	char *low = text_lower(name, strlen(name));
	bool hit = false;

	for (size_t i = 0; i < p->patch.nfiles && !hit; i++)
		for (size_t h = 0; h < p->patch.files[i].nhunks && !hit; h++) {
			const char *cur = p->patch.files[i].hunks[h].body, *line;
			size_t len;

			while (!hit && text_next_line(&cur, &line, &len)) {
				char *l = *line == '+' ? text_lower(line, len) : NULL;

				hit = l && strstr(l, low) && (strstr(l, "drop") || strstr(l, "remove"));
				free(l);
			}
		}
	free(low);
	return hit;
}

/* A new migration `V<next>__<what>.sql` holding `sql`; `*path` (a new string) names it. */
static int add_migration(struct plan *plan, const struct evidence *ev, const char *what,
			 const struct buf *sql, char **path)
{
	const char *dir = NULL;
	long next = next_version(ev, &dir);

	*path = NULL;
	if (!dir)
		return err_set(ERR_INPUT, "no Flyway migrations folder on the default branch");
	*path = xasprintf("%.*sV%ld__%s.sql", (int)(sys_basename(dir) - dir), dir, next, what);
	return patch_new_file(&plan->diff, *path, sql->ptr, sql->len);
}

/* A migration that creates the dropped index `name` again, as it was defined. */
static int recreate_index(struct plan *plan, const struct evidence *ev, const struct pull *p,
			  const char *name)
{
	bool txfree = false;
	char *def = index_definition(ev, name, &txfree), *path, *low, *what;
	struct buf sql = BUF_INIT;
	int error;

	if (!def)
		return err_set(ERR_INPUT, "no migration on the default branch defines the index '%s'", name);
	low = text_lower(def, strlen(def));
	if (strstr(low, "concurrently") && txfree)
		buf_puts(&sql, "-- flyway:executeInTransaction=false\n");
	buf_putf(&sql, "-- %s: %s; pull request #%d dropped this index and the queries that need it\n"
		 "-- time out. Created again as it was defined before.\n", ev->inc->id, ev->inc->service,
		 p->meta.number);
	buf_putf(&sql, "%s\n", def);
	what = xasprintf("recreate_%s", name);
	if ((error = add_migration(plan, ev, what, &sql, &path)) == 0)
		plan->description = xasprintf("Adds the Flyway migration `%s`, which creates the index "
					      "`%s` again: pull request #%d dropped it, and the queries "
					      "that used it time out.", path, name, p->meta.number);
	free(what);
	free(low);
	free(path);
	free(def);
	buf_release(&sql);
	return error;
}

/* Is `find` true of an error line or a trace of the logs (the first one, in that order)? */
static bool in_logs(const struct evidence *ev, bool (*find)(const char *, void *), void *ctx)
{
	for (size_t i = 0; i < ev->digest.ntemplates; i++)
		if (find(ev->digest.templates[i].example, ctx))
			return true;
	for (size_t i = 0; i < ev->digest.ntraces; i++)
		if (find(ev->digest.traces[i].text, ctx))
			return true;
	return false;
}

struct column_hit {
	char column[64], alias[64], table[128];
	bool mysql;
	char dialect;
};

static bool find_missing(const char *text, void *ctx)
{
	struct column_hit *h = ctx;

	return missing_column(text, h->column, sizeof(h->column), h->alias, sizeof(h->alias), &h->mysql);
}

static bool find_not_null(const char *text, void *ctx)
{
	struct column_hit *h = ctx;

	return not_null_column(text, h->column, sizeof(h->column), h->table, sizeof(h->table), &h->dialect);
}

/* The table of `h->column` from the SQL the logs show (by its alias when it has one). */
static bool table_of(const struct evidence *ev, struct column_hit *h)
{
	for (size_t i = 0; i < ev->digest.ntemplates && !h->table[0]; i++)
		if (strstr(ev->digest.templates[i].example, h->column) || h->alias[0])
			sql_table(ev->digest.templates[i].example, h->alias, h->table, sizeof(h->table));
	for (size_t i = 0; i < ev->digest.ntraces && !h->table[0]; i++)
		sql_table(ev->digest.traces[i].text, h->alias, h->table, sizeof(h->table));
	return h->table[0] != '\0';
}

/* The code maps a column the database lacks: add it. */
static int add_missing_column(struct plan *plan, const struct evidence *ev, const struct pull *p,
			      struct column_hit *h)
{
	const char *type = column_type(p, h->column), *table;
	struct buf sql = BUF_INIT;
	char *what, *path;
	int error;

	if (!table_of(ev, h))
		return err_set(ERR_INPUT, "the logs show no SQL statement naming the table of column '%s'",
			       h->column);
	table = strrchr(h->table, '.') ? strrchr(h->table, '.') + 1 : h->table;
	buf_putf(&sql, "-- %s: %s fails with \"column %s does not exist\".\n", ev->inc->id,
		 ev->inc->service, h->column);
	buf_putf(&sql, "-- Pull request #%d maps the column in code without a migration; this adds it.\n",
		 p->meta.number);
	if (!type)
		buf_puts(&sql, "-- The column type could not be read from the change: review it.\n");
	buf_putf(&sql, "ALTER TABLE %s ADD COLUMN %s%s %s;\n", h->table, h->mysql ? "" : "IF NOT EXISTS ",
		 h->column, type ? type : "TEXT");
	what = xasprintf("add_%s_to_%s", h->column, table);
	if ((error = add_migration(plan, ev, what, &sql, &path)) == 0)
		plan->description = xasprintf("Adds the Flyway migration `%s`, which creates the column "
					      "`%s` on table `%s` that pull request #%d expects.", path,
					      h->column, h->table, p->meta.number);
	free(what);
	free(path);
	buf_release(&sql);
	return error;
}

/*
 * A migration made a column NOT NULL while rows are still written without it: a migration
 * that ran cannot be reverted, so a new one lets the column be NULL again until every
 * writer sets it (MySQL and SQL Server restate the column's type, read from the change).
 */
static int allow_null(struct plan *plan, const struct evidence *ev, const struct pull *p,
		      struct column_hit *h)
{
	const char *type = column_type(p, h->column);
	struct buf sql = BUF_INIT;
	char *what, *path;
	int error;

	if (!h->table[0] && !table_of(ev, h))
		return err_set(ERR_INPUT, "the logs show no SQL statement naming the table of column '%s'",
			       h->column);
	if (h->dialect != 'p' && !type)
		return err_set(ERR_INPUT, "the type of column '%s' could not be read from the change",
			       h->column);
	buf_putf(&sql, "-- %s: %s fails: rows are written without \"%s\", which is now NOT NULL.\n",
		 ev->inc->id, ev->inc->service, h->column);
	buf_putf(&sql, "-- Pull request #%d made it required while code still inserts rows without it;\n"
		 "-- this allows NULL again until every writer sets the column.\n", p->meta.number);
	if (h->dialect == 'p')
		buf_putf(&sql, "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;\n", h->table, h->column);
	else if (h->dialect == 'm')
		buf_putf(&sql, "ALTER TABLE %s MODIFY %s %s NULL;\n", h->table, h->column, type);
	else
		buf_putf(&sql, "ALTER TABLE %s ALTER COLUMN %s %s NULL;\n", h->table, h->column, type);
	what = xasprintf("allow_null_%s_in_%s", h->column,
			 strrchr(h->table, '.') ? strrchr(h->table, '.') + 1 : h->table);
	if ((error = add_migration(plan, ev, what, &sql, &path)) == 0)
		plan->description = xasprintf("Adds the Flyway migration `%s`, which lets `%s.%s` be NULL "
					      "again: pull request #%d made it required while rows are "
					      "still written without it.", path, h->table, h->column,
					      p->meta.number);
	free(what);
	free(path);
	buf_release(&sql);
	return error;
}

static int flyway_migration(struct plan *plan, const struct evidence *ev, const struct pull *p,
			    const struct diagnosis *dx)
{
	struct column_hit h = {0};

	if (dx->subject && !strchr(dx->subject, ' ') && has_dropped_index(p, dx->subject))
		return recreate_index(plan, ev, p, dx->subject);
	if (in_logs(ev, find_missing, &h))
		return add_missing_column(plan, ev, p, &h);
	memset(&h, 0, sizeof(h));
	if (in_logs(ev, find_not_null, &h))
		return allow_null(plan, ev, p, &h);
	return err_set(ERR_INPUT, "the logs name no missing column to add nor a NOT NULL column to relax");
}

bool remediate_pull_migrates(const struct pull *p)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		if (flyway_file(patch_file_path(&p->patch.files[i])))
			return true;
	return false;
}

/* ---- checks and assembly ---- */

/* Every file of the fix must apply to the default branch as it is now. */
static int check_applies(struct plan *plan, const struct evidence *ev)
{
	struct patch fix = PATCH_INIT;
	struct buf current = BUF_INIT, result = BUF_INIT;
	int error;

	if ((error = patch_parse(&fix, plan->diff.ptr, plan->diff.len, "the fix")) < 0)
		return error;
	plan->paths = xcalloc(fix.nfiles + 1, sizeof(char *));
	for (size_t i = 0; i < fix.nfiles; i++) {
		const struct patch_file *f = &fix.files[i];

		plan->paths[plan->npaths++] = xstrdup(patch_file_path(f));
		if (f->is_new)
			continue;
		buf_reset(&current);
		buf_reset(&result);
		if ((error = ev->gh->ops->read_file(&current, ev->gh, f->old_path)) < 0) {
			err_prefix("the fix changes '%s', which is not on the default branch", f->old_path);
			goto done;
		}
		if ((error = patch_apply_file(&result, f, current.ptr, current.len)) < 0) {
			err_prefix("the fix does not apply to '%s' on the default branch", f->old_path);
			goto done;
		}
	}
done:
	patch_release(&fix);
	buf_release(&current);
	buf_release(&result);
	return error;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static json_t *dispatch_for(const struct evidence *ev, const struct diagnosis *dx)
{
	const char *ns = json_string_value(json_object_get(ev->inc->labels, "namespace"));
	json_t *inputs = json_object();
	char *reason;

	jsonx_set_str(inputs, "incident_id", ev->inc->id);
	jsonx_set_str(inputs, "action", dx->action);
	jsonx_set_str(inputs, "service", ev->inc->service);
	jsonx_set_str(inputs, "environment", ev->inc->environment);
	jsonx_set_str(inputs, "namespace", ns ? ns : "default");
	/* our words only: a model's summary is anyone's, and the workflow prints the reason */
	reason = xasprintf("%s: %s for %s (%s diagnosis, confidence %s; the incident's issue says why)",
			   ev->inc->id, dx->action ? dx->action : "remediation", dx->nsignals ? dx->signals[0].name : "the alert",
			   dx->engine ? dx->engine : "offline", confidence_name(dx->confidence));
	jsonx_set_str(inputs, "reason", reason);
	free(reason);
	return json_pack("{s:s, s:s, s:o}", "workflow", REMEDIATION_WORKFLOW, "ref",
			 ev->default_branch, "inputs", inputs);
}

/*
 * What of the pull request's diff the fix of `type` keeps (`sel`), and the plan's
 * description; a Flyway migration writes its own change.
 */
static int select_change(struct plan *plan, struct selection *sel, const struct evidence *ev,
			 const struct diagnosis *dx, const struct pull *p, enum remediation type,
			 const char *why_not)
{
	switch (type) {
	case REMEDIATION_PR_ROLLBACK:
		if (p->meta.merge_commit_sha && !touches_workflows(p))
			plan->revert_commit = xstrdup(p->meta.merge_commit_sha);
		plan->description = why_not ? xasprintf("Reverts pull request #%d (\"%s\") exactly: the "
						        "planned %s could not be built (%s).",
						        p->meta.number, p->meta.title,
						        remediation_name(dx->remediation), why_not)
					    : xasprintf("Reverts pull request #%d (\"%s\") exactly: %s.",
						        p->meta.number, p->meta.title, dx->rationale);
		break;
	case REMEDIATION_CODE_FIX:
		sel->file_kept = xcalloc(p->patch.nfiles + 1, sizeof(bool));
		implicated_files(sel->file_kept, ev, p);
		plan->description = xasprintf("Reverts the changes of pull request #%d in the files the "
					      "errors point at, and keeps the rest of the pull request.",
					      p->meta.number);
		break;
	case REMEDIATION_CONFIG_FIX:
		sel->path_ok = config_path;
		plan->description = xasprintf("Restores the configuration values that pull request #%d "
					      "changed.", p->meta.number);
		break;
	case REMEDIATION_FEATURE_FLAG:
		sel->needle = dx->subject;
		plan->description = xasprintf("Switches the flag `%s` back to its value before pull "
					      "request #%d.", dx->subject ? dx->subject : "it turned on",
					      p->meta.number);
		break;
	case REMEDIATION_DEPENDENCY_UPDATE:
		sel->path_ok = manifest_path;
		sel->needle = dx->subject;
		plan->description = dx->subject
					    ? xasprintf("Pins `%s` back to the version used before pull request #%d.",
						        dx->subject, p->meta.number)
					    : xasprintf("Pins the dependencies pull request #%d changed back to the "
						        "versions used before.", p->meta.number);
		break;
	case REMEDIATION_FLYWAY_MIGRATION:
		return flyway_migration(plan, ev, p, dx);
	default:
		break;
	}
	return 0;
}

/* The plan's diff: the selected changes of the pull request reverted. */
static int render_change(struct plan *plan, const struct pull *p, struct selection *sel,
			 enum remediation type)
{
	int error = 0;

	if (sel->needle)
		error = render_narrowed(&plan->diff, &p->patch, sel);
	else if (type != REMEDIATION_FLYWAY_MIGRATION)
		error = patch_render(&plan->diff, &p->patch, true, keep_selected, sel);
	if (error < 0)
		return error;
	if (!plan->diff.len)
		return err_set(ERR_INPUT, "pull request #%d has no change the %s could revert",
			       p->meta.number, remediation_name(type));
	return 0;
}

/*
 * An infrastructure action: the workflow dispatch, and when the repository holds the
 * service's manifests, the same change in them on a branch, so that the pull request
 * keeps the cluster and the repository in step (without it the next deploy undoes it).
 */
static void plan_infrastructure(struct plan *plan, const struct evidence *ev, const struct diagnosis *dx,
				const char *slug)
{
	char *what = NULL;
	struct patch fix = PATCH_INIT;

	plan->dispatch = dispatch_for(ev, dx);
	plan->title = xasprintf("%s: dispatch %s (%s)", ev->inc->id, REMEDIATION_WORKFLOW, dx->action);
	manifest_change(&plan->diff, &what, ev, dx->action);
	if (!what || patch_parse(&fix, plan->diff.ptr, plan->diff.len, "the manifest change") < 0) {
		err_clear();
		buf_reset(&plan->diff);
		plan->description = xasprintf("Dispatches `%s` with action `%s` for `%s`: %s. The repository "
					      "holds no manifest of the service this action changes (or its "
					      "value is already at the cap), so only the cluster changes.",
					      REMEDIATION_WORKFLOW, dx->action, ev->inc->service, dx->rationale);
		goto done;
	}
	plan->branch = xasprintf("fix/%s-infrastructure-action", slug);
	plan->paths = xcalloc(fix.nfiles + 1, sizeof(char *));
	for (size_t i = 0; i < fix.nfiles; i++)
		plan->paths[plan->npaths++] = xstrdup(patch_file_path(&fix.files[i]));
	free(plan->title);
	plan->title = xasprintf("%s: %s for %s (%s)", ev->inc->id, dx->action, ev->inc->service, what);
	plan->description = xasprintf("Dispatches `%s` with action `%s` for `%s`: %s. The same change in "
				      "the manifest (%s), so that the next deploy keeps it.",
				      REMEDIATION_WORKFLOW, dx->action, ev->inc->service, dx->rationale, what);
done:
	patch_release(&fix);
	free(what);
}

static int build_plan(struct plan *out, const struct evidence *ev, const struct diagnosis *dx,
		      enum remediation type, const char *why_not)
{
	struct plan plan = PLAN_INIT;
	const struct pull *p = dx->blame_pr ? evidence_pull(ev, dx->blame_pr) : NULL;
	struct selection sel = {0};
	char *slug = lower_slug(ev->inc->id), *kind = lower_slug(remediation_name(type));
	int error = 0;

	plan.type = type;
	if (type == REMEDIATION_INFRASTRUCTURE_ACTION) {
		plan_infrastructure(&plan, ev, dx, slug);
		goto done;
	}
	if (type == REMEDIATION_ESCALATION || !p) {
		plan.type = REMEDIATION_ESCALATION;
		plan.title = xasprintf("%s: escalate to the on-call engineer", ev->inc->id);
		plan.description = xasprintf("No automated change: %s.", dx->rationale);
		goto done;
	}
	if (!p->has_diff) {
		error = err_set(ERR_INPUT, "pull request #%d has no diff to work from", p->meta.number);
		goto done;
	}
	sel.patch = &p->patch;
	if ((error = select_change(&plan, &sel, ev, dx, p, type, why_not)) < 0 ||
	    (error = render_change(&plan, p, &sel, type)) < 0 ||
	    (error = check_applies(&plan, ev)) < 0)
		goto done;
	qsort(plan.paths, plan.npaths, sizeof(*plan.paths), by_str);
	plan.branch = xasprintf("fix/%s-%s", slug, kind);
	plan.title = xasprintf("%s: %s for #%d (%s)", ev->inc->id, remediation_name(type),
			       p->meta.number, ev->inc->service);
done:
	free(sel.file_kept);
	free(slug);
	free(kind);
	if (error < 0) {
		plan_release(&plan);
		return error;
	}
	*out = plan;
	return 0;
}

/*
 * A targeted fix that cannot be built (nothing of its kind in the diff, a file gone from
 * the default branch, hunks that no longer apply) falls back to the exact rollback of the
 * blamed pull request, which says why; it never turns into an escalation by itself.
 */
int remediate_plan(struct plan *out, const struct evidence *ev, const struct diagnosis *dx)
{
	char *why_not;
	int error;

	if ((error = build_plan(out, ev, dx, dx->remediation, NULL)) == 0 || !dx->blame_pr ||
	    dx->remediation == REMEDIATION_PR_ROLLBACK || dx->remediation == REMEDIATION_ESCALATION ||
	    dx->remediation == REMEDIATION_INFRASTRUCTURE_ACTION)
		return error;
	why_not = xstrdup(err_last());
	err_clear();
	error = build_plan(out, ev, dx, REMEDIATION_PR_ROLLBACK, why_not);
	if (error < 0)
		err_set(error, "%s; a rollback could not be built either (%s)", why_not, err_last());
	free(why_not);
	return error;
}
