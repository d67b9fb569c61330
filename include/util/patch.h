/*
 * patch.h - unified diffs as text: parse, select, reverse, render, create.
 *
 * This is how the offline engine writes fixes that are exact: a fix is a selection of
 * the blame pull request's hunks, applied in reverse, or a new file. Rendering produces
 * git-format diffs that `git apply` and libgit2 accept. No library involved.
 */
#ifndef AIOPS_PATCH_H
#define AIOPS_PATCH_H

#include "common.h"
#include "util/buf.h"

struct patch_hunk {
	int old_start, old_lines;
	int new_start, new_lines;
	char *section;  /* text after the second "@@" (may be ""), e.g. " class Foo {" */
	char *body;     /* the hunk's lines after the "@@" line, each with its ' ', '+', '-'
			   or '\' prefix and its newline */
	size_t added, removed;
};

struct patch_file {
	char *old_path;  /* without "a/"; NULL for a new file */
	char *new_path;  /* without "b/"; NULL for a deleted file */
	char *old_mode, *new_mode; /* "100644" etc. or NULL */
	char *old_index, *new_index; /* abbreviated blob ids from the "index" line, or NULL */
	bool is_new, is_deleted, is_binary, is_rename, is_copy;
	int similarity; /* percent from "similarity index" (renames, copies), 0 when absent */
	struct patch_hunk *hunks;
	size_t nhunks;
	size_t added, removed;
};

struct patch {
	struct patch_file *files;
	size_t nfiles;
	size_t added, removed;
};

#define PATCH_INIT {NULL, 0, 0, 0}

/*
 * Parse a git-style unified diff (several files). Plain "---/+++" diffs without a
 * "diff --git" line are accepted too. ERR_INPUT names `origin` and the line number when
 * a hunk header or a hunk's line counts do not add up, e.g.
 * "cannot parse diff 'pr-42.diff': line 17: malformed hunk header '@@ -1,x +1 @@'".
 *
 * Details: `*out` is assigned only on success (release it with patch_release); text
 * with no diff in it gives zero files. Lines outside files (commit messages, mail
 * headers, a "-- " signature) are skipped. Hunk lines keep their bytes ('\r' included);
 * an empty line inside a hunk is an empty context line and is stored as " \n". Binary
 * patches are marked is_binary and their content is skipped. Hunks of a file must come
 * in order without overlapping. Combined diffs ("diff --cc") are refused.
 */
int patch_parse(struct patch *out, const char *text, size_t len, const char *origin);
void patch_release(struct patch *p);

/* The path a file has after the patch (new_path, or old_path when deleted). */
const char *patch_file_path(const struct patch_file *f);

/*
 * Select hunks to render: return true to keep hunk `h` of file `f`. NULL keeps all.
 */
typedef bool (*patch_keep_fn)(const struct patch_file *f, const struct patch_hunk *h,
			      void *ctx);

/*
 * Render the kept hunks as a git-format diff, forward or reversed. Reversing swaps the
 * sides (paths, modes, index ids, new/deleted), the hunk ranges and the '+'/'-' lines.
 * When only some hunks of a file are kept, the ranges of the kept hunks are recomputed
 * so that the result applies on its own: the side the diff applies to keeps its line
 * numbers and the other side is shifted by the hunks left out. A file with no kept hunk
 * is left out. Renames and binary files are rendered only when all their hunks are kept
 * (binary files cannot be reversed: ERR_INPUT).
 *
 * Details: with `keep` NULL every file is rendered, including those without hunks (mode
 * changes, pure renames, empty new files); with a `keep` function those are left out.
 * A binary file renders forward as its header plus "Binary files ... differ" (git apply
 * cannot apply that). A partial selection leaves out the "index" line (the blob id of
 * the result would be wrong) and is refused (ERR_INPUT) for new, deleted, renamed and
 * copied files; a mode change goes with any kept hunk of its file. Copies cannot be
 * reversed. Ranges are written as git writes them: ",1" omitted, a zero-length range
 * names the line before it ("-0,0" for a new file). On error `out` is left as it was.
 */
int patch_render(struct buf *out, const struct patch *p, bool reverse, patch_keep_fn keep,
		 void *ctx);

/*
 * Append the diff that creates `path` with `content` (new file mode 100644, no index
 * line). Empty content gives the header alone, as git writes it. ERR_INPUT for an empty
 * or absolute path, or content with NUL bytes.
 */
int patch_new_file(struct buf *out, const char *path, const char *content, size_t len);

/*
 * Apply the patch's hunks for one file to `old` content (the side before), strictly
 * (context must match at the stated lines, no fuzz), appending the result to `out`.
 * Used to preview a fix and check it applies; ERR_INPUT when it does not. Like git
 * apply, a hunk without trailing context must end at the end of the file. A deleted
 * file gives empty output; binary patches are refused. On error `out` is left as it was.
 */
int patch_apply_file(struct buf *out, const struct patch_file *f, const char *old, size_t len);

#endif
