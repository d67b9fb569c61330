#include "common.h"
#include "util/patch.h"
#include "util/err.h"
#include "util/sys.h"

#include <limits.h>
#include <stdarg.h>

/* Line numbers and counts above this are refused, so sums of them never overflow. */
#define PATCH_LINES_MAX 100000000L

/*
 * Parsing walks the text line by line. A line's `len` excludes its '\n', `full`
 * includes it when there is one (the last line of the text may lack it).
 */
struct line {
	const char *s;
	size_t len;
	size_t full;
};

struct cursor {
	const char *p, *end;
	int lineno; /* 1-based number of the line last read */
	const char *origin;
};

static bool peek_line(const struct cursor *c, struct line *l)
{
	const char *nl;

	*l = (struct line){c->end, 0, 0};
	if (c->p >= c->end)
		return false;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	l->s = c->p;
	l->len = nl ? (size_t)(nl - c->p) : (size_t)(c->end - c->p);
	l->full = nl ? l->len + 1 : l->len;
	return true;
}

static bool next_line(struct cursor *c, struct line *l)
{
	if (!peek_line(c, l))
		return false;
	c->p += l->full;
	c->lineno++;
	return true;
}

/* The line after the next one, without moving. */
static bool peek_second(const struct cursor *c, struct line *l)
{
	struct cursor tmp = *c;
	struct line first;

	return next_line(&tmp, &first) && peek_line(&tmp, l);
}

static bool starts(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->len >= n && !memcmp(l->s, prefix, n);
}

/* Length of a header line without a trailing '\r' (diffs that went through CRLF). */
static size_t meta_len(const struct line *l)
{
	return l->len && l->s[l->len - 1] == '\r' ? l->len - 1 : l->len;
}

static bool meta_is(const struct line *l, const char *s)
{
	return meta_len(l) == strlen(s) && !memcmp(l->s, s, meta_len(l));
}

/* How many of the first `len` bytes of `s` are in `set` (strspn, bounded). */
static size_t span(const char *s, size_t len, const char *set)
{
	size_t n = 0;

	while (n < len && s[n] && strchr(set, s[n]))
		n++;
	return n;
}

#define HEX "0123456789abcdefABCDEF"

ATTR_PRINTF(3, 4) static int parse_error(const struct cursor *c, int lineno, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(ERR_INPUT, "cannot parse diff '%s': line %d: %s", c->origin, lineno, msg);
}

/*
 * Names. git quotes a name C-style when it holds control characters, '"', '\\' or bytes
 * above 0x7f; the quotes enclose the "a/" prefix too.
 */
static char *unquote(const char *s, size_t len, size_t *used)
{
	char *out = xmalloc(len + 1);
	size_t i = 1, n = 0;

	if (!len || s[0] != '"')
		goto bad;
	while (i < len && s[i] != '"') {
		unsigned char c = (unsigned char)s[i++];

		if (c != '\\') {
			out[n++] = (char)c;
			continue;
		}
		if (i >= len)
			goto bad;
		c = (unsigned char)s[i++];
		switch (c) {
		case 'a': out[n++] = '\a'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'v': out[n++] = '\v'; break;
		case '\\': out[n++] = '\\'; break;
		case '"': out[n++] = '"'; break;
		default:
			if (c < '0' || c > '3' || i + 1 >= len || s[i] < '0' || s[i] > '7' ||
			    s[i + 1] < '0' || s[i + 1] > '7')
				goto bad;
			out[n++] = (char)(((c - '0') << 6) | ((s[i] - '0') << 3) | (s[i + 1] - '0'));
			i += 2;
		}
	}
	if (i >= len)
		goto bad;
	out[n] = '\0';
	if (!n || memchr(out, '\0', n))
		goto bad;
	*used = i + 1;
	return out;
bad:
	free(out);
	return NULL;
}

/* An unquoted name; NULL when it holds a NUL byte (as a C string it would be cut short). */
static char *name_dup(const char *s, size_t len)
{
	return memchr(s, '\0', len) ? NULL : xstrndup(s, len);
}

/* Drop the first path component ("a/", "b/", "i/" ...), as `git apply -p1` does. */
static char *strip_prefix(char *name)
{
	char *slash = strchr(name, '/');

	if (slash && slash[1])
		memmove(name, slash + 1, strlen(slash + 1) + 1);
	return name;
}

static bool same_after_prefix(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *sa = memchr(a, '/', alen), *sb = memchr(b, '/', blen);

	if (!sa || !sb)
		return false;
	alen -= (size_t)(sa - a) + 1;
	blen -= (size_t)(sb - b) + 1;
	return alen && alen == blen && !memcmp(sa + 1, sb + 1, alen);
}

/*
 * The two names of "diff --git A B". Unquoted names may contain spaces, so like git we
 * look for the split where both halves name the same file; a rename's names differ,
 * but then "rename from/to" give them exactly. Unparseable names are left NULL.
 */
static void git_header_names(const char *s, size_t len, char **a, char **b)
{
	size_t used;

	*a = *b = NULL;
	if (len && s[0] == '"') {
		if (!(*a = unquote(s, len, &used)))
			return;
		if (used + 1 < len && s[used] == ' ') {
			s += used + 1;
			len -= used + 1;
			*b = s[0] == '"' ? unquote(s, len, &used) : name_dup(s, len);
		}
	} else if (len && s[len - 1] == '"') {
		for (size_t i = len - 1; i > 0; i--) {
			if (s[i] == '"' && s[i - 1] == ' ' && (*b = unquote(s + i, len - i, &used))) {
				if (i + used != len) {
					free(*b);
					*b = NULL;
					continue;
				}
				*a = name_dup(s, i - 1);
				break;
			}
		}
	} else {
		for (size_t i = 1; i + 1 < len; i++) {
			if (s[i] == ' ' && same_after_prefix(s, i, s + i + 1, len - i - 1)) {
				*a = name_dup(s, i);
				*b = name_dup(s + i + 1, len - i - 1);
				break;
			}
		}
		if (!*a && !*b) {
			const char *sp = memchr(s, ' ', len);

			if (sp && sp > s && sp + 1 < s + len) {
				*a = name_dup(s, (size_t)(sp - s));
				*b = name_dup(sp + 1, len - (size_t)(sp - s) - 1);
			}
		}
	}
	if (!*a || !*b || !**a || !**b) { /* an empty name ("diff --git  \"b/x\"") is none */
		free(*a);
		free(*b);
		*a = *b = NULL;
		return;
	}
	strip_prefix(*a);
	strip_prefix(*b);
}

static void set_str(char **field, char *value)
{
	free(*field);
	*field = value;
}

/*
 * The name of a "---"/"+++" line (from `skip` on): quoted, or up to a tab (git appends
 * one to names with spaces, GNU diff a timestamp). *out is NULL for /dev/null.
 */
static int dash_name(const struct cursor *c, const struct line *l, size_t skip, char **out)
{
	const char *s = l->s + skip;
	size_t len = meta_len(l) - skip, used;
	const char *tab;

	*out = NULL;
	if (len && s[0] == '"') {
		if (!(*out = unquote(s, len, &used)))
			return parse_error(c, c->lineno, "malformed quoted file name");
	} else {
		if ((tab = memchr(s, '\t', len)))
			len = (size_t)(tab - s);
		if (!len)
			return parse_error(c, c->lineno, "missing file name");
		if (len == 9 && !memcmp(s, "/dev/null", 9))
			return 0;
		if (!(*out = name_dup(s, len)))
			return parse_error(c, c->lineno, "file name with a NUL byte");
	}
	strip_prefix(*out);
	return 0;
}

/* The exact name of "rename from X" and the like (no prefix to strip) into *out. */
static int plain_name(const struct cursor *c, const struct line *l, size_t skip, char **out)
{
	const char *s = l->s + skip;
	size_t len = meta_len(l) - skip, used;
	char *name;

	if (len && s[0] == '"') {
		if (!(name = unquote(s, len, &used)))
			return parse_error(c, c->lineno, "malformed quoted file name");
	} else if (!len) {
		return parse_error(c, c->lineno, "missing file name");
	} else if (!(name = name_dup(s, len))) {
		return parse_error(c, c->lineno, "file name with a NUL byte");
	}
	set_str(out, name);
	return 0;
}

static int parse_mode(const struct cursor *c, const struct line *l, size_t skip, char **out)
{
	const char *s = l->s + skip;
	size_t len = meta_len(l) - skip;

	if (len < 5 || len > 7 || span(s, len, "01234567") < len)
		return parse_error(c, c->lineno, "malformed file mode '%.*s'", (int)len, s);
	set_str(out, xstrndup(s, len));
	return 0;
}

/* "index abc123..def456[ 100644]" */
static int parse_index(const struct cursor *c, const struct line *l, struct patch_file *f)
{
	const char *s = l->s + 6, *end = l->s + meta_len(l);
	size_t len = (size_t)(end - s);
	size_t a = span(s, len, HEX), b;

	if (a && a + 2 < len && s[a] == '.' && s[a + 1] == '.' &&
	    (b = span(s + a + 2, len - a - 2, HEX)) > 0) {
		const char *rest = s + a + 2 + b;
		size_t rlen = (size_t)(end - rest);

		if (!rlen || (rest[0] == ' ' && rlen >= 6 && rlen <= 8 &&
			      span(rest + 1, rlen - 1, "01234567") == rlen - 1)) {
			set_str(&f->old_index, xstrndup(s, a));
			set_str(&f->new_index, xstrndup(s + a + 2, b));
			if (rlen) {
				set_str(&f->old_mode, xstrndup(rest + 1, rlen - 1));
				set_str(&f->new_mode, xstrndup(rest + 1, rlen - 1));
			}
			return 0;
		}
	}
	return parse_error(c, c->lineno, "malformed index line '%.*s'", (int)meta_len(l), l->s);
}

static bool parse_num(const char **p, const char *end, long *out)
{
	const char *s = *p;
	long v = 0;

	if (s >= end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		if (v > PATCH_LINES_MAX)
			return false;
	}
	*p = s;
	*out = v;
	return true;
}

/* "-l[,s]" or "+l[,s]"; a missing count means 1. */
static bool parse_range(const char **p, const char *end, char sign, long *start, long *count)
{
	if (*p >= end || **p != sign)
		return false;
	(*p)++;
	if (!parse_num(p, end, start))
		return false;
	*count = 1;
	if (*p < end && **p == ',') {
		(*p)++;
		if (!parse_num(p, end, count))
			return false;
	}
	return !(*start == 0 && *count != 0);
}

static int parse_hunk_header(const struct cursor *c, const struct line *l, struct patch_hunk *h)
{
	const char *p = l->s + 3, *end = l->s + meta_len(l);
	long os, ol, ns, nl;

	if (!parse_range(&p, end, '-', &os, &ol) || p >= end || *p++ != ' ' ||
	    !parse_range(&p, end, '+', &ns, &nl) || end - p < 3 || memcmp(p, " @@", 3) ||
	    (!ol && !nl))
		return parse_error(c, c->lineno, "malformed hunk header '%.*s'",
				   (int)(meta_len(l) > 80 ? 80 : meta_len(l)), l->s);
	p += 3;
	/* Up to a NUL (where the C string would end) and without any trailing '\r': it is
	 * rendered without them, so "x\r\r" would lose one per round trip. */
	if (memchr(p, '\0', (size_t)(end - p)))
		end = memchr(p, '\0', (size_t)(end - p));
	while (end > p && end[-1] == '\r')
		end--;
	h->old_start = (int)os;
	h->old_lines = (int)ol;
	h->new_start = (int)ns;
	h->new_lines = (int)nl;
	h->section = xstrndup(p, (size_t)(end - p));
	return 0;
}

/* "similarity index 95%" */
static int parse_similarity(const struct cursor *c, const struct line *l, struct patch_file *f)
{
	const char *p = l->s + 17, *end = l->s + meta_len(l);
	long v;

	if (!parse_num(&p, end, &v) || v > 100 || p + 1 != end || *p != '%')
		return parse_error(c, c->lineno, "malformed similarity index '%.*s'",
				   (int)meta_len(l), l->s);
	f->similarity = (int)v;
	return 0;
}

/* Lines before a range: a zero-length range names the line after which it sits. */
static long lines_before(long start, long count)
{
	return count > 0 ? start - 1 : start;
}

/*
 * One line of a hunk's body, of `kind` (' ', '-', '+' or '\'), counted off what the
 * header at `header_line` left: an error when it is none of those, holds a NUL, or is
 * more than the header says.
 */
static int check_hunk_line(const struct cursor *c, const struct line *l, char kind, char prev,
			   int header_line, const struct patch_hunk *h, long *old_left, long *new_left)
{
	if (memchr(l->s, '\0', l->len))
		return parse_error(c, c->lineno, "NUL byte in hunk line");
	if ((kind == ' ' || kind == '-') && !(*old_left)--)
		return parse_error(c, c->lineno,
				   "hunk at line %d has more old lines than its header says (%d)",
				   header_line, h->old_lines);
	if ((kind == ' ' || kind == '+') && !(*new_left)--)
		return parse_error(c, c->lineno,
				   "hunk at line %d has more new lines than its header says (%d)",
				   header_line, h->new_lines);
	if (kind == '\\' && (!prev || prev == '\\'))
		return parse_error(c, c->lineno, "'\\' line does not follow a hunk line");
	if (kind != ' ' && kind != '-' && kind != '+' && kind != '\\')
		return parse_error(c, c->lineno,
				   "hunk at line %d ends early: %ld old and %ld new lines missing",
				   header_line, *old_left, *new_left);
	return 0;
}

/* Hunks come in order: `h` must start past the end of the file's last hunk, on both sides. */
static int check_overlap(const struct cursor *c, const struct patch_file *f, const struct patch_hunk *h,
			 int header_line)
{
	const struct patch_hunk *p;

	if (!f->nhunks)
		return 0;
	p = &f->hunks[f->nhunks - 1];
	if (lines_before(h->old_start, h->old_lines) <
		    lines_before(p->old_start, p->old_lines) + p->old_lines ||
	    lines_before(h->new_start, h->new_lines) <
		    lines_before(p->new_start, p->new_lines) + p->new_lines)
		return parse_error(c, header_line, "hunk overlaps the previous one");
	return 0;
}

/*
 * One hunk: the "@@" line, then exactly as many lines as its header counts, then
 * possibly a "\ No newline at end of file" for the last one.
 */
static int parse_hunk(struct cursor *c, struct patch_file *f)
{
	struct patch_hunk h = {0};
	struct buf body = BUF_INIT;
	struct line l;
	int header_line, error;
	long old_left, new_left;
	char prev = 0;

	next_line(c, &l);
	header_line = c->lineno;
	if ((error = parse_hunk_header(c, &l, &h)) < 0)
		goto done;
	old_left = h.old_lines;
	new_left = h.new_lines;
	while (old_left > 0 || new_left > 0) {
		char kind;

		if (!next_line(c, &l)) {
			error = parse_error(c, header_line,
					    "hunk ends early: %ld old and %ld new lines missing",
					    old_left, new_left);
			goto done;
		}
		kind = l.len ? l.s[0] : ' ';
		if ((error = check_hunk_line(c, &l, kind, prev, header_line, &h, &old_left, &new_left)) < 0)
			goto done;
		/* An empty line is an empty context line (GNU diff writes them so). */
		if (!l.len && (error = buf_add(&body, " ", 1)) < 0)
			goto done;
		if ((error = buf_add(&body, l.s, l.len)) < 0 || (error = buf_add(&body, "\n", 1)) < 0)
			goto done;
		h.added += kind == '+';
		h.removed += kind == '-';
		prev = kind;
	}
	if (peek_line(c, &l) && starts(&l, "\\") && prev != '\\') {
		next_line(c, &l);
		if (memchr(l.s, '\0', l.len)) {
			error = parse_error(c, c->lineno, "NUL byte in hunk line");
			goto done;
		}
		if ((error = buf_add(&body, l.s, l.len)) < 0 || (error = buf_add(&body, "\n", 1)) < 0)
			goto done;
	}
	if ((error = check_overlap(c, f, &h, header_line)) < 0)
		goto done;
	h.body = buf_detach(&body);
	f->hunks = xgrow(f->hunks, f->nhunks, sizeof(*f->hunks));
	f->hunks[f->nhunks++] = h;
	f->added += h.added;
	f->removed += h.removed;
	return 0;
done:
	free(h.section);
	buf_release(&body);
	return error;
}

/* A mail signature ("-- ") ends format-patch output; it is not a hunk line. */
static bool is_signature(const struct line *l)
{
	return meta_is(l, "-- ") || meta_is(l, "--");
}

static int parse_hunks(struct cursor *c, struct patch_file *f)
{
	struct line l, l2;
	int error;

	while (peek_line(c, &l) && starts(&l, "@@ -"))
		if ((error = parse_hunk(c, f)) < 0)
			return error;
	if (!f->nhunks || !peek_line(c, &l) || !l.len || is_signature(&l))
		return 0;
	if (starts(&l, "--- ") && peek_second(c, &l2) && starts(&l2, "+++ "))
		return 0;
	if (l.s[0] && strchr(" +-\\", l.s[0]))
		return parse_error(c, c->lineno + 1,
				   "hunk has more lines than its header says");
	return 0;
}

/* "--- a/x" then "+++ b/x"; the cursor is on the "---" line. */
static int parse_dash_lines(struct cursor *c, struct patch_file *f)
{
	struct line l;
	char *name;
	int error;

	next_line(c, &l);
	if ((error = dash_name(c, &l, 4, &name)) < 0)
		return error;
	if (name)
		set_str(&f->old_path, name);
	else
		f->is_new = true;
	if (!next_line(c, &l) || !starts(&l, "+++ "))
		return parse_error(c, c->lineno, "'---' line not followed by a '+++' line");
	if ((error = dash_name(c, &l, 4, &name)) < 0)
		return error;
	if (name)
		set_str(&f->new_path, name);
	else
		f->is_deleted = true;
	if (f->is_new && f->is_deleted)
		return parse_error(c, c->lineno, "both sides are /dev/null");
	return 0;
}

static int finish_file(const struct cursor *c, int header_line, struct patch_file *f)
{
	if (f->is_new)
		set_str(&f->old_path, NULL);
	if (f->is_deleted)
		set_str(&f->new_path, NULL);
	if (!f->old_path && !f->new_path)
		return parse_error(c, header_line, "cannot tell the file name");
	if (f->is_new && f->is_deleted)
		return parse_error(c, header_line, "file is both new and deleted");
	if ((f->is_rename || f->is_copy) && (!f->old_path || !f->new_path))
		return parse_error(c, header_line, "%s without both file names",
				   f->is_rename ? "rename" : "copy");
	/* One name given: the file has it on both sides. */
	if (!f->is_new && !f->old_path)
		f->old_path = xstrdup(f->new_path);
	if (!f->is_deleted && !f->new_path)
		f->new_path = xstrdup(f->old_path);
	return 0;
}

/* Skip a "GIT binary patch" body: everything up to the next "diff " line. */
static void skip_binary(struct cursor *c)
{
	struct line l;

	while (peek_line(c, &l) && !starts(&l, "diff "))
		next_line(c, &l);
}

/* The extended header lines of "diff --git", then the "---"/"+++" lines and hunks. */
static int parse_git_header(struct cursor *c, struct patch_file *f)
{
	struct line l;
	int error = 0;

	while (peek_line(c, &l)) {
		if (starts(&l, "--- "))
			return parse_dash_lines(c, f);
		if (starts(&l, "@@ -"))
			return parse_error(c, c->lineno + 1, "hunk without '---' and '+++' lines");
		if (starts(&l, "GIT binary patch")) {
			f->is_binary = true;
			skip_binary(c);
			return 0;
		}
		if (starts(&l, "Binary files ")) {
			next_line(c, &l);
			f->is_binary = true;
			return 0;
		}
		next_line(c, &l);
		if (starts(&l, "old mode "))
			error = parse_mode(c, &l, 9, &f->old_mode);
		else if (starts(&l, "new mode "))
			error = parse_mode(c, &l, 9, &f->new_mode);
		else if (starts(&l, "deleted file mode ")) {
			f->is_deleted = true;
			error = parse_mode(c, &l, 18, &f->old_mode);
		} else if (starts(&l, "new file mode ")) {
			f->is_new = true;
			error = parse_mode(c, &l, 14, &f->new_mode);
		} else if (starts(&l, "index "))
			error = parse_index(c, &l, f);
		else if (starts(&l, "rename from ")) {
			f->is_rename = true;
			error = plain_name(c, &l, 12, &f->old_path);
		} else if (starts(&l, "rename to ")) {
			f->is_rename = true;
			error = plain_name(c, &l, 10, &f->new_path);
		} else if (starts(&l, "copy from ")) {
			f->is_copy = true;
			error = plain_name(c, &l, 10, &f->old_path);
		} else if (starts(&l, "copy to ")) {
			f->is_copy = true;
			error = plain_name(c, &l, 8, &f->new_path);
		} else if (starts(&l, "similarity index ")) {
			error = parse_similarity(c, &l, f);
		} else if (!starts(&l, "dissimilarity index ")) {
			/* Not ours: the header ended (git does the same); give the line back. */
			c->p = l.s;
			c->lineno--;
			return 0;
		}
		if (error < 0)
			return error;
	}
	return 0;
}

static struct patch_file *add_file(struct patch *p)
{
	p->files = xgrow(p->files, p->nfiles, sizeof(*p->files));
	memset(&p->files[p->nfiles], 0, sizeof(*p->files));
	return &p->files[p->nfiles++];
}

/* One file; `git` is its "diff --git" line, already read, or NULL for a plain diff. */
static int parse_file(struct cursor *c, struct patch *p, const struct line *git)
{
	struct patch_file *f = add_file(p);
	int header_line = git ? c->lineno : c->lineno + 1, error;

	if (git) {
		git_header_names(git->s + 11, meta_len(git) - 11, &f->old_path, &f->new_path);
		if ((error = parse_git_header(c, f)) < 0)
			return error;
	} else if ((error = parse_dash_lines(c, f)) < 0) {
		return error;
	}
	if (!f->is_binary && (error = parse_hunks(c, f)) < 0)
		return error;
	if ((error = finish_file(c, header_line, f)) < 0)
		return error;
	p->added += f->added;
	p->removed += f->removed;
	return 0;
}

int patch_parse(struct patch *out, const char *text, size_t len, const char *origin)
{
	struct patch p = PATCH_INIT;
	struct cursor c;
	struct line l, l2;
	int error = 0;

	if (!text)
		text = "", len = 0;
	c = (struct cursor){text, text + len, 0, origin ? origin : "diff"};

	while (peek_line(&c, &l)) {
		if (starts(&l, "diff --git ")) {
			next_line(&c, &l);
			error = parse_file(&c, &p, &l);
		} else if (starts(&l, "diff --cc ") || starts(&l, "diff --combined ")) {
			error = parse_error(&c, c.lineno + 1, "combined diffs are not supported");
		} else if (starts(&l, "--- ") && peek_second(&c, &l2) && starts(&l2, "+++ ")) {
			error = parse_file(&c, &p, NULL);
		} else if (starts(&l, "@@ -")) {
			error = parse_error(&c, c.lineno + 1, "hunk without a file header");
		} else {
			next_line(&c, &l); /* commit message, mail headers, "Only in ..." */
		}
		if (error < 0)
			goto done;
	}
	*out = p;
	return 0;
done:
	patch_release(&p);
	return error;
}

void patch_release(struct patch *p)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		struct patch_file *f = &p->files[i];

		for (size_t j = 0; j < f->nhunks; j++) {
			free(f->hunks[j].section);
			free(f->hunks[j].body);
		}
		free(f->hunks);
		free(f->old_path);
		free(f->new_path);
		free(f->old_mode);
		free(f->new_mode);
		free(f->old_index);
		free(f->new_index);
	}
	free(p->files);
	*p = (struct patch)PATCH_INIT;
}

const char *patch_file_path(const struct patch_file *f)
{
	return f->new_path ? f->new_path : f->old_path;
}

/* Rendering. */

static bool needs_quote(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
			return true;
	}
	return false;
}

/*
 * "a/name", quoted like git when needed (or when `quote` says); a tab after names with
 * spaces on ---/+++ lines.
 */
static int add_name(struct buf *out, const char *prefix, const char *name, bool dash_line, bool quote)
{
	static const char esc[] = "\a\b\t\n\v\f\r";
	static const char letters[] = "abtnvfr";
	int error;

	if (!quote && !needs_quote(name)) {
		if ((error = buf_adds(out, prefix)) < 0 || (error = buf_adds(out, name)) < 0)
			return error;
		return dash_line && strchr(name, ' ') ? buf_addch(out, '\t') : 0;
	}
	if ((error = buf_addch(out, '"')) < 0 || (error = buf_adds(out, prefix)) < 0)
		return error;
	for (const char *s = name; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e = c ? strchr(esc, c) : NULL;

		if (e)
			error = buf_printf(out, "\\%c", letters[e - esc]);
		else if (c == '"' || c == '\\')
			error = buf_printf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			error = buf_printf(out, "\\%03o", c);
		else
			error = buf_addch(out, (char)c);
		if (error < 0)
			return error;
	}
	return buf_addch(out, '"');
}

static int add_range(struct buf *out, char sign, long start, long count)
{
	if (count == 1)
		return buf_printf(out, "%c%ld", sign, start);
	return buf_printf(out, "%c%ld,%ld", sign, start, count);
}

/* The next line of a hunk body, with its newline; false at the end. */
static bool body_line(const char **p, const char **s, size_t *len)
{
	const char *nl;

	if (!**p)
		return false;
	*s = *p;
	nl = strchr(*p, '\n');
	*len = nl ? (size_t)(nl - *p) + 1 : strlen(*p);
	*p += *len;
	return true;
}

/*
 * A reversed body: '+' and '-' swap, and within each run of changes the new '-' lines
 * come first, as `git diff -R` writes them. A '\' line moves with the line it follows.
 */
static int add_reversed_body(struct buf *out, const char *body)
{
	struct buf minus = BUF_INIT, plus = BUF_INIT;
	struct buf *last = NULL;
	const char *p = body, *s;
	size_t len;
	int error = 0;

	while (body_line(&p, &s, &len)) {
		struct buf *to;

		switch (s[0]) {
		case '+': to = &minus; break;
		case '-': to = &plus; break;
		case '\\': to = last ? last : out; break;
		default:
			if ((error = buf_add(out, minus.ptr, minus.len)) < 0 ||
			    (error = buf_add(out, plus.ptr, plus.len)) < 0)
				goto done;
			buf_reset(&minus);
			buf_reset(&plus);
			to = out;
		}
		if (s[0] == '+' || s[0] == '-') {
			if ((error = buf_addch(to, s[0] == '+' ? '-' : '+')) < 0 ||
			    (error = buf_add(to, s + 1, len - 1)) < 0)
				goto done;
		} else if ((error = buf_add(to, s, len)) < 0) {
			goto done;
		}
		if (s[0] != '\\')
			last = to;
	}
	if ((error = buf_add(out, minus.ptr, minus.len)) < 0 ||
	    (error = buf_add(out, plus.ptr, plus.len)) < 0)
		goto done;
done:
	buf_release(&minus);
	buf_release(&plus);
	return error;
}

struct side {
	const char *path, *mode, *index;
	bool absent; /* /dev/null: the file does not exist on this side */
};

static int render_header(struct buf *out, const struct patch_file *f, const struct side *o,
			 const struct side *n, bool partial)
{
	const char *a = o->path ? o->path : n->path, *b = n->path ? n->path : o->path;
	/* Two different names with a space cannot be told apart unquoted ("a/x = b/y"). */
	bool quote = strcmp(a, b) && (strchr(a, ' ') || strchr(b, ' '));
	int error;

	if ((error = buf_adds(out, "diff --git ")) < 0 || (error = add_name(out, "a/", a, false, quote)) < 0 ||
	    (error = buf_addch(out, ' ')) < 0 || (error = add_name(out, "b/", b, false, quote)) < 0 ||
	    (error = buf_addch(out, '\n')) < 0)
		return error;
	if (o->absent)
		error = buf_printf(out, "new file mode %s\n", n->mode ? n->mode : "100644");
	else if (n->absent)
		error = buf_printf(out, "deleted file mode %s\n", o->mode ? o->mode : "100644");
	else if (o->mode && n->mode && strcmp(o->mode, n->mode))
		error = buf_printf(out, "old mode %s\nnew mode %s\n", o->mode, n->mode);
	if (error < 0)
		return error;
	if (f->is_rename || f->is_copy) {
		const char *word = f->is_rename ? "rename" : "copy";

		/* libgit2 wants the similarity line before "rename from". */
		if (f->similarity > 0 &&
		    (error = buf_printf(out, "similarity index %d%%\n", f->similarity)) < 0)
			return error;
		if ((error = buf_printf(out, "%s from ", word)) < 0 ||
		    (error = add_name(out, "", o->path, false, false)) < 0 ||
		    (error = buf_printf(out, "\n%s to ", word)) < 0 ||
		    (error = add_name(out, "", n->path, false, false)) < 0 ||
		    (error = buf_addch(out, '\n')) < 0)
			return error;
	}
	/* After a partial selection the new side's blob id would be a lie: leave it out. */
	if (o->index && n->index && !partial) {
		if ((error = buf_printf(out, "index %s..%s", o->index, n->index)) < 0)
			return error;
		if (!o->absent && !n->absent && o->mode && n->mode && !strcmp(o->mode, n->mode) &&
		    (error = buf_printf(out, " %s", o->mode)) < 0)
			return error;
		if ((error = buf_addch(out, '\n')) < 0)
			return error;
	}
	return 0;
}

static int render_dash_line(struct buf *out, const char *dashes, const char *prefix,
			    const struct side *s)
{
	int error;

	if ((error = buf_adds(out, dashes)) < 0)
		return error;
	if (s->absent)
		error = buf_adds(out, "/dev/null");
	else
		error = add_name(out, prefix, s->path, true, false);
	return error < 0 ? error : buf_addch(out, '\n');
}

static int render_file(struct buf *out, const struct patch_file *f, bool reverse,
		       patch_keep_fn keep, void *ctx)
{
	struct side o = {f->old_path, f->old_mode, f->old_index, f->is_new};
	struct side n = {f->new_path, f->new_mode, f->new_index, f->is_deleted};
	const char *path = patch_file_path(f);
	bool *kept = xcalloc(f->nhunks + 1, sizeof(*kept));
	size_t nkept = 0;
	long delta = 0;
	bool partial;
	int error = 0;

	for (size_t i = 0; i < f->nhunks; i++) {
		kept[i] = !keep || keep(f, &f->hunks[i], ctx);
		nkept += kept[i];
	}
	if (keep && !nkept)
		goto done;
	partial = nkept < f->nhunks;
	if (reverse && f->is_binary) {
		error = err_set(ERR_INPUT, "cannot reverse the binary patch of '%s'", path);
		goto done;
	}
	if (reverse && f->is_copy) {
		error = err_set(ERR_INPUT, "cannot reverse the copy of '%s' to '%s'", f->old_path,
				f->new_path);
		goto done;
	}
	if (partial && (f->is_new || f->is_deleted || f->is_rename || f->is_copy)) {
		error = err_set(ERR_INPUT, "cannot take part of the changes to '%s': the file is %s",
				path, f->is_new ? "new" : f->is_deleted ? "deleted" : "renamed or copied");
		goto done;
	}
	if (reverse) {
		struct side tmp = o;

		o = n;
		n = tmp;
	}
	if ((error = render_header(out, f, &o, &n, partial)) < 0)
		goto done;
	if (f->is_binary) {
		error = buf_printf(out, "Binary files %s%s and %s%s differ\n",
				   o.absent ? "" : "a/", o.absent ? "/dev/null" : o.path,
				   n.absent ? "" : "b/", n.absent ? "/dev/null" : n.path);
		goto done;
	}
	if (!nkept)
		goto done;
	if ((error = render_dash_line(out, "--- ", "a/", &o)) < 0 ||
	    (error = render_dash_line(out, "+++ ", "b/", &n)) < 0)
		goto done;
	for (size_t i = 0; i < f->nhunks; i++) {
		const struct patch_hunk *h = &f->hunks[i];
		long os = reverse ? h->new_start : h->old_start;
		long ol = reverse ? h->new_lines : h->old_lines;
		long nl = reverse ? h->old_lines : h->new_lines;
		long before = lines_before(os, ol) + delta;
		const char *body;

		if (!kept[i])
			continue;
		if ((error = buf_adds(out, "@@ ")) < 0 || (error = add_range(out, '-', os, ol)) < 0 ||
		    (error = buf_addch(out, ' ')) < 0 ||
		    (error = add_range(out, '+', nl > 0 ? before + 1 : before, nl)) < 0 ||
		    (error = buf_printf(out, " @@%s\n", h->section ? h->section : "")) < 0)
			goto done;
		body = h->body ? h->body : "";
		error = reverse ? add_reversed_body(out, body) : buf_adds(out, body);
		if (error < 0)
			goto done;
		delta += nl - ol;
	}
done:
	free(kept);
	return error;
}

int patch_render(struct buf *out, const struct patch *p, bool reverse, patch_keep_fn keep,
		 void *ctx)
{
	size_t start = out->len;
	int error = 0;

	for (size_t i = 0; i < p->nfiles; i++)
		if ((error = render_file(out, &p->files[i], reverse, keep, ctx)) < 0)
			break;
	if (error < 0)
		buf_truncate(out, start);
	return error;
}

int patch_new_file(struct buf *out, const char *path, const char *content, size_t len)
{
	size_t start = out->len, lines = 0;
	const char *p, *end;
	int error;

	if (!path || !*path || path[0] == '/' || path[strlen(path) - 1] == '/')
		return err_set(ERR_INPUT, "invalid file name '%s' for a new file", path ? path : "");
	if (!content)
		content = "", len = 0;
	if (len && memchr(content, '\0', len))
		return err_set(ERR_INPUT, "cannot create '%s' as text: its content is binary", path);
	p = content;
	end = content + len;
	for (const char *s = content; s < end; lines++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		s = nl ? nl + 1 : end;
	}
	if ((error = buf_adds(out, "diff --git ")) < 0 || (error = add_name(out, "a/", path, false, false)) < 0 ||
	    (error = buf_addch(out, ' ')) < 0 || (error = add_name(out, "b/", path, false, false)) < 0 ||
	    (error = buf_adds(out, "\nnew file mode 100644\n")) < 0)
		goto done;
	if (!len)
		return 0;
	if ((error = buf_adds(out, "--- /dev/null\n+++ ")) < 0 ||
	    (error = add_name(out, "b/", path, true, false)) < 0 ||
	    (error = buf_adds(out, "\n@@ -0,0 ")) < 0 ||
	    (error = add_range(out, '+', 1, (long)lines)) < 0 || (error = buf_adds(out, " @@\n")) < 0)
		goto done;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if ((error = buf_addch(out, '+')) < 0 || (error = buf_add(out, p, n)) < 0)
			goto done;
		if (!nl && (error = buf_adds(out, "\n\\ No newline at end of file\n")) < 0)
			goto done;
		p += n;
	}
done:
	if (error < 0)
		buf_truncate(out, start);
	return error;
}

/* Applying. */

/* One line of a text: its bytes, newline included when it has one. */
struct span {
	const char *s;
	size_t len;
};

/* The lines of `text`, a new array (free it). */
static struct span *split_lines(const char *text, size_t len, size_t *n)
{
	struct span *v = NULL;
	size_t alloc = 0;

	*n = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (*n == alloc)
			v = xrealloc(v, (alloc = alloc ? alloc * 2 : 64) * sizeof(*v));
		v[(*n)++] = (struct span){p, l};
		p += l;
	}
	return v;
}

/*
 * The next line of a hunk's body with a ' ', '+' or '-' kind; `*want` is how many of its
 * bytes after the kind are text (a following "\ No newline" takes the newline off).
 */
static bool hunk_line(const char **p, const char **s, size_t *len, size_t *want)
{
	while (body_line(p, s, len)) {
		if ((*s)[0] == '\\')
			continue;
		*want = *len - 1;
		if (**p == '\\' && *want && (*s)[*len - 1] == '\n')
			(*want)--;
		return true;
	}
	return false;
}

/* The lines a hunk expects (context and removed). */
static struct span *preimage(const struct patch_hunk *h, size_t *n, bool *trailing)
{
	const char *p = h->body ? h->body : "", *s;
	size_t len, want, alloc = 0;
	struct span *v = NULL;

	*n = 0;
	*trailing = false;
	while (hunk_line(&p, &s, &len, &want)) {
		if (s[0] == ' ' || s[0] == '-') {
			if (*n == alloc)
				v = xrealloc(v, (alloc = alloc ? alloc * 2 : 16) * sizeof(*v));
			v[(*n)++] = (struct span){s + 1, want};
		}
		*trailing = s[0] == ' ';
	}
	return v;
}

static bool matches_at(const struct span *old, size_t nold, const struct span *pre, size_t npre, size_t at)
{
	if (at + npre > nold)
		return false;
	for (size_t i = 0; i < npre; i++)
		if (old[at + i].len != pre[i].len || memcmp(old[at + i].s, pre[i].s, pre[i].len))
			return false;
	return true;
}

/*
 * Where a hunk applies: at the line its header names or, like git apply, at the nearest
 * place after the previous hunk where all its context and removed lines match (the file
 * moved on since the diff was made). Without trailing context it must end the file.
 */
static long find_hunk(const struct span *old, size_t nold, const struct span *pre, size_t npre,
		      size_t from, long want, bool trailing)
{
	for (long d = 0; d <= (long)nold + 1; d++) {
		for (int sign = 1; sign >= -1; sign -= 2) {
			long at = want + sign * d;

			if (at < (long)from || at > (long)nold || (d == 0 && sign < 0))
				continue;
			if (matches_at(old, nold, pre, npre, (size_t)at) && (trailing || (size_t)at + npre == nold))
				return at;
		}
	}
	return -1;
}

static int apply_hunk(struct buf *out, const struct patch_file *f, size_t idx, const struct span *old,
		      size_t nold, size_t *done)
{
	const struct patch_hunk *h = &f->hunks[idx];
	const char *path = patch_file_path(f), *p = h->body ? h->body : "", *s;
	size_t len, want, npre;
	bool trailing;
	struct span *pre = preimage(h, &npre, &trailing);
	long at = find_hunk(old, nold, pre, npre, *done, lines_before(h->old_start, h->old_lines), trailing);
	int error = 0;

	free(pre);
	if (at < 0)
		return err_set(ERR_INPUT, "hunk #%zu of '%s' (line %d) matches nowhere in the file%s", idx + 1,
			       path, h->old_start, trailing ? "" : " (it has no trailing context, so it must "
			       "end at the end of the file)");
	for (; *done < (size_t)at; (*done)++)
		if ((error = buf_add(out, old[*done].s, old[*done].len)) < 0)
			return error;
	*done += npre;
	while (hunk_line(&p, &s, &len, &want))
		if ((s[0] == ' ' || s[0] == '+') && (error = buf_add(out, s + 1, want)) < 0)
			return error;
	return 0;
}

int patch_apply_file(struct buf *out, const struct patch_file *f, const char *old, size_t len)
{
	size_t start = out->len, nold = 0, done = 0;
	struct span *lines = NULL;
	int error = 0;

	if (!old)
		old = "", len = 0;
	if (f->is_binary) {
		error = err_set(ERR_INPUT, "cannot apply the binary patch of '%s'", patch_file_path(f));
		goto done;
	}
	if (f->is_new && len) {
		error = err_set(ERR_INPUT, "'%s' is a new file but already has content",
				patch_file_path(f));
		goto done;
	}
	lines = split_lines(old, len, &nold);
	for (size_t i = 0; i < f->nhunks; i++)
		if ((error = apply_hunk(out, f, i, lines, nold, &done)) < 0)
			goto done;
	for (; done < nold && error == 0; done++)
		error = buf_add(out, lines[done].s, lines[done].len);
done:
	free(lines);
	if (error < 0)
		buf_truncate(out, start);
	return error;
}
