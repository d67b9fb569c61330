#include "common.h"
#include "core/prompt.h"
#include "logs/ciclass.h"
#include "core/candidates.h"
#include "logs/distill.h"
#include "util/err.h"
#include "io/model.h"
#include "core/offline.h"
#include "core/signals.h"
#include "util/patch.h"
#include "util/redact.h"
#include "util/sys.h"
#include "util/text.h"
#include "util/settings.h"

#include <ctype.h>
#include <unistd.h>

/* Bytes of a section a distilled digest's token budget is counted in (render_digest). */
#define DIGEST_BYTES_PER_TOKEN 5

void prompt_release(struct prompt *p)
{
	free(p->system);
	free(p->user);
	sys_free_list(p->trimmed);
	memset(p, 0, sizeof(*p));
}

/* ---- templates ---- */

static bool has_templates(const char *dir)
{
	char *path = sys_path_join(dir, "diagnose.txt");
	bool ok = sys_is_file(path);

	free(path);
	return ok;
}

int prompt_dir(char **out)
{
	const char *env = settings_get("AIOPS_PROMPTS");
	char exe[4096];
	ssize_t n;

	if (env) {
		if (!has_templates(env))
			return err_set(ERR_NOTFOUND, "no prompt templates in AIOPS_PROMPTS='%s'", env);
		*out = xstrdup(env);
		return 0;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		static const char *const up[] = {"/../prompts", "/../../prompts"};
		char *slash;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		for (size_t i = 0; i < ARRAY_SIZE(up); i++) {
			char *dir = xasprintf("%s%s", exe, up[i]);

			if (has_templates(dir)) {
				*out = dir;
				return 0;
			}
			free(dir);
		}
	}
	if (has_templates("prompts")) {
		*out = xstrdup("prompts");
		return 0;
	}
	return err_set(ERR_NOTFOUND, "no prompt templates found (prompts/ beside the executable or "
		       "in the current folder); set AIOPS_PROMPTS");
}

int prompt_load(char **out, const char *name)
{
	char *dir = NULL, *path = NULL;
	struct buf text = BUF_INIT;
	int error;

	if ((error = prompt_dir(&dir)) < 0)
		return error;
	path = xasprintf("%s/%s.txt", dir, name);
	error = sys_read_file(&text, path, PROMPT_MAX);
	if (error < 0)
		buf_release(&text);
	else
		*out = buf_detach(&text);
	free(path);
	free(dir);
	return error;
}

static bool placeholder_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int prompt_fill(struct buf *out, const char *tmpl, const struct prompt_var *vars, size_t nvars,
		const char *origin)
{
	const char *p = tmpl;

	while (*p) {
		const char *open = strstr(p, "{{"), *name, *end;
		size_t len;
		bool found = false;

		if (!open) {
			buf_puts(out, p);
			break;
		}
		name = open + 2;
		for (end = name; placeholder_char(*end); end++)
			;
		len = (size_t)(end - name);
		if (!len || strncmp(end, "}}", 2)) {
			buf_putf(out, "%.*s", (int)(name - p), p);
			p = name;
			continue;
		}
		buf_putf(out, "%.*s", (int)(open - p), p);
		for (size_t i = 0; i < nvars && !found; i++)
			if (strlen(vars[i].name) == len && !strncmp(vars[i].name, name, len)) {
				buf_puts(out, vars[i].value ? vars[i].value : "");
				found = true;
			}
		if (!found)
			return err_set(ERR_INPUT, "cannot fill '%s': no value for {{%.*s}}", origin,
				       (int)len, name);
		p = end + 2;
	}
	return 0;
}

/* ---- evidence as text ---- */

/* Append at most `max` bytes of `s`: cut at a line end when one is near, never in UTF-8. */
static void put_clipped(struct buf *b, const char *s, size_t max)
{
	size_t len = strlen(s), n;

	if (len <= max) {
		buf_puts(b, s);
		return;
	}
	n = max;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	for (size_t k = n; k > max * 2 / 3; k--)
		if (s[k - 1] == '\n') {
			n = k;
			break;
		}
	buf_putf(b, "%.*s", (int)n, s);
	if (n && s[n - 1] != '\n')
		buf_puts(b, "\n");
	buf_putf(b, "[... %zu more bytes cut]\n", len - n);
}

/* One line: newlines and tabs become spaces, at most `max` bytes. */
static void put_line(struct buf *b, const char *s, size_t max)
{
	size_t n = 0;

	for (; s && *s && n < max; s++, n++)
		if (buf_addch(b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s) < 0)
			return;
	if (s && *s) {
		while (b->len && ((unsigned char)b->ptr[b->len - 1] & 0xc0) == 0x80)
			buf_truncate(b, b->len - 1);
		if (b->len && (unsigned char)b->ptr[b->len - 1] >= 0xc0)
			buf_truncate(b, b->len - 1);
		buf_puts(b, "...");
	}
}

/*
 * A name the alert gave (service, environment) for the templates' own sentences, outside
 * the evidence: only a plain identifier; anything else stays in the evidence, as data.
 */
static void put_name(struct buf *b, const char *s, const char *what)
{
	size_t n = s ? strlen(s) : 0;
	bool plain = n > 0 && n <= 80 && isalnum((unsigned char)s[0]);

	for (size_t i = 0; plain && i < n; i++)
		plain = isalnum((unsigned char)s[i]) || strchr("._-", s[i]);
	if (plain)
		buf_puts(b, s);
	else
		buf_putf(b, "the %s named in the alert", what);
}

static void render_alert(struct buf *b, const struct incident *inc)
{
	const char *key;
	json_t *v;
	size_t k = 0;

	buf_puts(b, "title: ");
	put_line(b, inc->title, 300);
	buf_putf(b, "\nseverity: %s\nservice: ", incident_severity_name(inc->severity));
	put_line(b, inc->service, 120);
	buf_puts(b, "\nenvironment: ");
	put_line(b, inc->environment, 120);
	buf_puts(b, "\nsource: ");
	put_line(b, inc->source, 120);
	buf_puts(b, "\nrule: ");
	put_line(b, inc->rule, 200);
	buf_putf(b, "\nstatus: %s\nfired at: %s\nformat: %s\n", inc->status ? inc->status : "firing",
		 inc->fired_at_text, incident_format_name(inc->format));
	if (inc->description && *inc->description) {
		buf_puts(b, "description: ");
		put_line(b, inc->description, 600);
		buf_puts(b, "\n");
	}
	json_object_foreach(inc->metrics, key, v) {
		if (k++ == 12)
			break;
		buf_puts(b, k == 1 ? "metrics:\n" : "");
		buf_puts(b, "  ");
		put_line(b, key, 80);
		if (json_is_number(json_object_get(v, "value")))
			buf_putf(b, " = %g", json_number_value(json_object_get(v, "value")));
		if (json_is_number(json_object_get(v, "baseline")))
			buf_putf(b, " (baseline %g)", json_number_value(json_object_get(v, "baseline")));
		if (json_is_number(json_object_get(v, "threshold")))
			buf_putf(b, " (threshold %g)", json_number_value(json_object_get(v, "threshold")));
		buf_puts(b, "\n");
	}
	k = 0;
	json_object_foreach(inc->labels, key, v) {
		if (k++ == 16)
			break;
		buf_puts(b, k == 1 ? "labels:\n" : "");
		buf_puts(b, "  ");
		put_line(b, key, 60);
		buf_puts(b, "=");
		put_line(b, json_string_value(v), 120);
		buf_puts(b, "\n");
	}
}

static void render_signals(struct buf *b, const struct signal *sigs, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++) {
		buf_putf(b, "- %s: %s (%zu lines, first at line %zu)\n  ", sigs[i].name, sigs[i].meaning,
			 sigs[i].count, sigs[i].first_line);
		put_line(b, sigs[i].example, 240);
		buf_puts(b, "\n");
	}
	if (!n)
		buf_puts(b, "None of the known failure signatures matched.\n");
	else if (n > max)
		buf_putf(b, "(%zu more signatures matched)\n", n - max);
}

/* The digest text; `*full` gets its size before clipping. */
static void render_digest(struct buf *b, const struct evidence *ev, size_t templates, size_t max,
			  size_t *full)
{
	struct buf text = BUF_INIT;

	if (!ev->have_logs) {
		buf_puts(b, "No logs were given.\n");
		*full = 0;
		return;
	}
	/*
	 * The distilled digest: first error, errors by strength and novelty, traces, change
	 * points, within a token budget that fills about 60% of the byte share (distilled
	 * text runs near 3 bytes an estimated token, tokens.h), the rest left to the pull
	 * requests' lines. The full text digest stands in when distilling fails.
	 */
	{
		struct distill_opts o = DISTILL_OPTS_INIT;
		char lead[CICLASS_LEAD_MAX];

		o.budget_tokens = max / DIGEST_BYTES_PER_TOKEN > DISTILL_MIN_BUDGET
					  ? max / DIGEST_BYTES_PER_TOKEN
					  : DISTILL_MIN_BUDGET;
		o.lead = ciclass_lead(lead, sizeof(lead), &ev->digest) ? lead : NULL;
		if (distill_render(&text, &ev->digest, &o, NULL) < 0) {
			err_clear();
			buf_reset(&text);
			if (digest_render_text(&text, &ev->digest, templates) < 0)
				err_clear();
		}
	}
	*full = text.len;
	put_clipped(b, text.ptr, max);
	buf_release(&text);
}

/*
 * A diff excerpt of at most about `max` bytes: the whole diff when it fits, else an
 * equal share per file (each cut at a line end), so every file is at least named.
 */
static void render_diff(struct buf *b, const struct patch *patch, size_t max, size_t *full)
{
	struct buf text = BUF_INIT;
	const char **starts = NULL;
	size_t n = 0, share, used = 0;

	if (patch_render(&text, patch, false, NULL, NULL) < 0) {
		err_clear();
		for (size_t i = 0; i < patch->nfiles; i++)
			buf_putf(&text, "changed: %s\n", patch_file_path(&patch->files[i]));
	}
	*full = text.len;
	if (text.len <= max) {
		buf_puts(b, text.ptr);
		goto done;
	}
	for (const char *p = text.ptr; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, "diff --git ", 11)) {
			starts = xgrow(starts, n, sizeof(*starts));
			starts[n++] = p;
		}
	if (!n) {
		put_clipped(b, text.ptr, max);
		goto done;
	}
	share = max / n > 300 ? max / n : 300;
	for (size_t i = 0; i < n; i++) {
		size_t len = (size_t)((i + 1 < n ? starts[i + 1] : text.ptr + text.len) - starts[i]);
		char *file = xstrndup(starts[i], len);

		if (used >= max) {
			buf_putf(b, "[... %zu more files cut]\n", n - i);
			free(file);
			break;
		}
		used += len < share ? len : share;
		put_clipped(b, file, share);
		free(file);
	}
done:
	free(starts);
	buf_release(&text);
}

static void render_pulls(struct buf *b, const struct evidence *ev)
{
	size_t n = 0;

	for (size_t i = 0; i < ev->nsuspects; i++)
		if (!ev->suspects[i].after_alert)
			buf_putf(b, "%s#%d", n++ ? ", " : "", ev->suspects[i].number);
	if (!n)
		buf_puts(b, "none (no merged pull request can be blamed)");
}

static void render_sources(struct buf *b, const struct evidence *ev, size_t count)
{
	for (size_t i = 0; i < ev->nsources && i < count; i++) {
		buf_putf(b, "### %s:%d\n```\n", ev->sources[i].path, ev->sources[i].line);
		put_clipped(b, ev->sources[i].text, 1500);
		buf_rtrim(b);
		buf_puts(b, "\n```\n");
	}
	if (!ev->nsources)
		buf_puts(b, "None: no stack frame points at a file of the repository.\n");
}

static void render_similar(struct buf *b, const struct evidence *ev, size_t count)
{
	for (size_t i = 0; i < ev->nsimilar && i < count; i++) {
		const struct kb_entry *e = ev->similar[i].entry;

		buf_putf(b, "- %s (similarity %.2f): ", e->id, ev->similar[i].score);
		put_line(b, e->title, 200);
		buf_puts(b, "\n  category: ");
		put_line(b, e->category ? e->category : "unknown", 40);
		buf_puts(b, "; remediation: ");
		put_line(b, e->remediation ? e->remediation : "unknown", 40);
		buf_puts(b, "\n  root cause: ");
		put_line(b, e->root_cause ? e->root_cause : "not recorded", 300);
		buf_puts(b, "\n  fix: ");
		put_line(b, e->fix ? e->fix : "not recorded", 200);
		buf_puts(b, "\n");
	}
	if (!ev->nsimilar)
		buf_puts(b, "None found.\n");
}

static void render_diagnosis(struct buf *b, const struct evidence *ev, const struct diagnosis *dx)
{
	const struct pull *p = dx->blame_pr ? evidence_pull(ev, dx->blame_pr) : NULL;

	buf_putf(b, "category: %s\nblame: ", category_name(dx->category));
	if (p) {
		buf_putf(b, "#%d \"", p->meta.number);
		put_line(b, p->meta.title, 200);
		buf_puts(b, "\"\n");
	} else {
		buf_puts(b, "none\n");
	}
	buf_putf(b, "remediation: %s\nconfidence: %s\n", remediation_name(dx->remediation),
		 confidence_name(dx->confidence));
	if (dx->subject)
		buf_putf(b, "subject: %s\n", dx->subject);
	if (dx->action)
		buf_putf(b, "action: %s\n", dx->action);
	buf_puts(b, "summary: ");
	put_line(b, dx->summary, 400);
	buf_puts(b, "\nroot cause: ");
	put_line(b, dx->root_cause, 2000);
	buf_puts(b, "\nrationale: ");
	put_line(b, dx->rationale, 600);
	buf_puts(b, "\n");
}

/* ---- fitting a prompt to the budget ---- */

#define MAX_KNOBS 10
#define MAX_VARS 12

struct knob {
	const char *label;
	bool bytes;      /* a size in bytes, else a count of items */
	size_t value;
	size_t full;     /* what the evidence has (items), or the text's size before cutting */
};

struct step {
	int knob;
	size_t value;
};

struct fit {
	const char *name;                 /* the template */
	struct knob knobs[MAX_KNOBS];
	const struct step *steps;
	size_t nsteps;
	const char *const *names;         /* placeholders render() fills, in order */
	size_t nnames;
	void (*render)(struct buf *vals, struct fit *f);
	const void *ev, *dx, *plan;       /* what render() reads */
	const char *candidate_error;
	const char *const *actions;
	size_t max_files;
	const struct signal *sigs;        /* signals_find's, once: every render pass shows them */
	size_t nsigs;
};

/* The placeholders of each prompt, in the order its render() fills them. */
static const char *const diagnose_names[] = {"SERVICE", "ENVIRONMENT", "ALERT", "SIGNALS", "DIGEST", "SUSPECTS", "PULLS", "SOURCES", "SIMILAR", "ACTIONS", "TIMELINE"};
static const char *const remediate_names[] = {"DIAGNOSIS", "CANDIDATE", "BLAME_DIFF", "FILES", "DIGEST", "MAX_FILES", "REPO_FILES"};
static const char *const artifacts_names[] = {"ALERT", "DIAGNOSIS", "PLAN", "SIGNALS", "DIGEST", "SIMILAR", "SERVICE"};
static const char *const ci_fix_names[] = {"FAILURE", "PULL", "FILES", "NEW_PATHS", "MAX_FILES", "ATTEMPT"};

static char *knob_note(const struct knob *k)
{
	if (k->bytes)
		return xasprintf("%s: cut to %zu of %zu bytes", k->label, k->value, k->full);
	if (!k->value)
		return xasprintf("%s: all %zu left out", k->label, k->full);
	return xasprintf("%s: %zu of %zu left out", k->label, k->full - k->value, k->full);
}

static bool knob_cuts(const struct knob *k)
{
	return k->full > k->value;
}

static const char *section_label(const char *name)
{
	static const char *const labels[][2] = {
		{"DIGEST", "log digest"}, {"SUSPECTS", "suspect pull requests"}, {"ALERT", "alert"},
		{"SIGNALS", "failure signatures"}, {"SOURCES", "code excerpts"},
		{"SIMILAR", "knowledge-base matches"}, {"CANDIDATE", "candidate fix"},
		{"BLAME_DIFF", "diff of the blamed pull request"}, {"FILES", "files shown"},
		{"REPO_FILES", "repository file list"}, {"DIAGNOSIS", "diagnosis"},
		{"PLAN", "planned fix"}, {"FAILURE", "CI failure"}, {"PULL", "pull request"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(labels); i++)
		if (!strcmp(labels[i][0], name))
			return labels[i][1];
	return name;
}

#define SECTION_MIN 300 /* the last resort never clips a section below this */
#define NOTES_MAX (MAX_KNOBS + MAX_VARS) /* a note per knob, then one per clipped section */

/* Renders every section into vals, each cut to its clip (SIZE_MAX: whole). */
static void render_sections(struct buf *vals, struct fit *f, const size_t *clip)
{
	for (size_t i = 0; i < f->nnames; i++)
		buf_reset(&vals[i]);
	f->render(vals, f);
	for (size_t i = 0; i < f->nnames; i++)
		if (vals[i].len > clip[i]) {
			char *whole = buf_detach(&vals[i]);

			put_clipped(&vals[i], whole, clip[i]);
			free(whole);
		}
}

/*
 * Fills the template with the sections and the TRIMMED list made of `notes`, and
 * redacts the result into `red`.
 */
static int fill_user(struct buf *red, struct buf *user, struct buf *trimmed, const char *tmpl,
		     const struct fit *f, const struct buf *vals, char *const *notes)
{
	struct prompt_var vars[MAX_VARS + 1];
	char *safe[MAX_VARS] = {0};
	size_t nv = 0;
	int error;

	buf_reset(trimmed);
	for (size_t i = 0; i < NOTES_MAX; i++)
		if (notes[i])
			buf_putf(trimmed, "- %s\n", notes[i]);
	if (!trimmed->len)
		buf_puts(trimmed, "Nothing: all the evidence fits.\n");
	for (size_t i = 0; i < f->nnames; i++) {
		safe[i] = text_unfence(vals[i].ptr, "evidence"); /* data cannot close the section */
		vars[nv].name = f->names[i];
		vars[nv++].value = safe[i];
	}
	vars[nv].name = "TRIMMED";
	vars[nv++].value = trimmed->ptr;
	buf_reset(user);
	buf_reset(red);
	if ((error = prompt_fill(user, tmpl, vars, nv, f->name)) == 0)
		error = redact_text(red, user->ptr, user->len);
	for (size_t i = 0; i < f->nnames; i++)
		free(safe[i]);
	return error < 0 ? error : 0;
}

/* Applies the next step of f to its knob, with a note when the knob now cuts. */
static void apply_step(struct fit *f, size_t step, char **notes)
{
	struct knob *k = &f->knobs[f->steps[step].knob];

	if (f->steps[step].value < k->value)
		k->value = f->steps[step].value;
	if (knob_cuts(k)) {
		free(notes[f->steps[step].knob]);
		notes[f->steps[step].knob] = knob_note(k);
	}
}

/*
 * The last resort: clips the largest section by what is over the budget, with a note.
 * ERR_TOO_BIG when no section is left to clip.
 */
static int clip_widest(size_t *clip, char **notes, const struct fit *f, const struct buf *vals,
		       size_t tokens, size_t budget)
{
	size_t widest = SIZE_MAX, over, len;

	for (size_t i = 0; i < f->nnames; i++)
		if (vals[i].len > SECTION_MIN + 64 &&
		    (widest == SIZE_MAX || vals[i].len > vals[widest].len))
			widest = i;
	if (widest == SIZE_MAX)
		return err_set(ERR_TOO_BIG, "the '%s' prompt needs about %zu tokens with its "
			       "evidence cut to the minimum; the budget (AIOPS_MAX_PROMPT_TOKENS) "
			       "is %zu", f->name, tokens, budget);
	over = (tokens - budget) * 3 + 64;
	len = vals[widest].len;
	clip[widest] = len > over + SECTION_MIN ? len - over : SECTION_MIN;
	if (clip[widest] > len / 2 && len / 2 > SECTION_MIN && over > len / 4)
		clip[widest] = len / 2;
	free(notes[MAX_KNOBS + widest]);
	notes[MAX_KNOBS + widest] = xasprintf("%s: clipped to %zu bytes",
					      section_label(f->names[widest]),
					      clip[widest]);
	return 0;
}

/*
 * Render, measure, and while over the budget apply the next step; when the steps are
 * spent, clip the largest section by what is over (never below SECTION_MIN) until it
 * fits or nothing is left to clip.
 */
static int fit_prompt(struct prompt *out, struct fit *f, size_t budget)
{
	struct buf vals[MAX_VARS], user = BUF_INIT, red = BUF_INIT, trimmed = BUF_INIT;
	char *system = NULL, *tmpl = NULL, *notes[NOTES_MAX] = {0};
	size_t step = 0, clip[MAX_VARS], tokens = 0;
	struct model_message msgs[2];
	int error;

	for (size_t i = 0; i < MAX_VARS; i++) {
		buf_init(&vals[i], 0);
		clip[i] = SIZE_MAX;
	}
	if ((error = prompt_load(&system, "system")) < 0 ||
	    (error = prompt_load(&tmpl, f->name)) < 0)
		goto done;
	for (;;) {
		render_sections(vals, f, clip);
		if ((error = fill_user(&red, &user, &trimmed, tmpl, f, vals, notes)) < 0)
			goto done;
		msgs[0].role = "system";
		msgs[0].content = system;
		msgs[1].role = "user";
		msgs[1].content = red.ptr;
		if ((tokens = model_estimate_messages(msgs, 2)) <= budget)
			break;
		if (step < f->nsteps)
			apply_step(f, step++, notes);
		else if ((error = clip_widest(clip, notes, f, vals, tokens, budget)) < 0)
			goto done;
	}
	out->system = system;
	system = NULL;
	out->user = buf_detach(&red);
	out->tokens = tokens;
	out->trimmed = xcalloc(ARRAY_SIZE(notes) + 1, sizeof(char *));
	for (size_t i = 0; i < ARRAY_SIZE(notes); i++)
		if (notes[i]) {
			out->trimmed[out->ntrimmed++] = notes[i];
			notes[i] = NULL;
		}
done:
	for (size_t i = 0; i < MAX_VARS; i++)
		buf_release(&vals[i]);
	for (size_t i = 0; i < ARRAY_SIZE(notes); i++)
		free(notes[i]);
	buf_release(&user);
	buf_release(&red);
	buf_release(&trimmed);
	free(system);
	free(tmpl);
	return error;
}

/* ---- diagnose ---- */

enum { D_SIMILAR, D_SOURCES, D_LINES, D_BODY, D_TEMPLATES, D_DIGEST, D_SIGNALS, D_TIMELINE };

/*
 * What goes first when the prompt is over its budget: past incidents and code excerpts,
 * then the digest and the candidates' lines in turns, so every candidate stays listed
 * with its most related lines as long as anything can be cut elsewhere.
 */
static const struct step diagnose_steps[] = {
	{D_SIMILAR, 1},    {D_DIGEST, 7000},  {D_BODY, 300},     {D_LINES, 30},    {D_TEMPLATES, 15},
	{D_SOURCES, 1},    {D_TIMELINE, 8},   {D_DIGEST, 5000},  {D_LINES, 20},    {D_SIMILAR, 0},
	{D_BODY, 160},     {D_DIGEST, 3500},  {D_LINES, 12},     {D_SOURCES, 0},   {D_TEMPLATES, 10},
	{D_SIGNALS, 4},    {D_DIGEST, 2500},  {D_LINES, 8},      {D_BODY, 80},     {D_TIMELINE, 4},
	{D_LINES, 5},      {D_DIGEST, 1800},  {D_LINES, 3},      {D_BODY, 0},
};

/* Boundary lines: starts, versions, flags and configuration, where deploys show in logs. */
static bool boundary_line(const char *s)
{
	static const char *const words[] = {"starting ", "started ", "version", "feature flag",
		"flags loaded", "config loaded", "configuration", "booted", "deploy", "release",
		"rollout", "restart", "initialis", "initializ", "listening on"};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (text_contains_ci(s, words[i]))
			return true;
	return false;
}

static void render_timeline(struct buf *b, const struct evidence *ev, size_t max)
{
	size_t n = 0;

	buf_putf(b, "alert fired: %s\n", ev->inc->fired_at_text);
	if (ev->digest.first_error)
		buf_putf(b, "first error: %s (line %zu)\n",
			 ev->digest.first_error_ts[0] ? ev->digest.first_error_ts : "time unknown",
			 ev->digest.first_error_line);
	if (!ev->deployed)
		buf_puts(b, "deployments: none recorded\n");
	for (size_t i = 0; i < ev->digest.ntemplates && n < max; i++) {
		const struct digest_template *t = &ev->digest.templates[i];

		if (t->level > DIGEST_INFO || !boundary_line(t->example))
			continue;
		if (t->first_ts[0])
			buf_putf(b, "- %s to %s, %zux: ", t->first_ts, t->last_ts[0] ? t->last_ts : "?", t->count);
		else
			buf_putf(b, "- line %zu, %zux: ", t->first_line, t->count);
		put_line(b, t->example, 240);
		buf_puts(b, "\n");
		n++;
	}
}

static void render_diagnose(struct buf *v, struct fit *f)
{
	const struct evidence *ev = f->ev;
	struct knob *k = f->knobs;
	size_t full;

	put_name(&v[0], ev->inc->service, "service");
	put_name(&v[1], ev->inc->environment, "environment");
	render_alert(&v[2], ev->inc);
	render_signals(&v[3], f->sigs, f->nsigs, k[D_SIGNALS].value);
	render_digest(&v[4], ev, k[D_TEMPLATES].value, k[D_DIGEST].value, &full);
	k[D_DIGEST].full = full;
	candidates_render(&v[5], ev, k[D_LINES].value, k[D_BODY].value, &full);
	k[D_LINES].full = full;
	render_pulls(&v[6], ev);
	render_sources(&v[7], ev, k[D_SOURCES].value);
	render_similar(&v[8], ev, k[D_SIMILAR].value);
	for (size_t i = 0; f->actions && f->actions[i]; i++)
		buf_putf(&v[9], "%s%s", i ? ", " : "", f->actions[i]);
	render_timeline(&v[10], ev, k[D_TIMELINE].value);
}

int prompt_diagnose(struct prompt *out, const struct evidence *ev, const char *const *actions,
		    size_t budget)
{
	struct fit f = {0};
	size_t signals = 0;
	struct signal *sigs = NULL;
	int error;

	signals_find(&sigs, &signals, &ev->digest);
	f.sigs = sigs;
	f.nsigs = signals;
	f.name = "diagnose";
	f.knobs[D_SIMILAR] = (struct knob){"knowledge-base matches", false, 3, ev->nsimilar};
	f.knobs[D_SOURCES] = (struct knob){"code excerpts around stack frames", false, 3, ev->nsources};
	f.knobs[D_LINES] = (struct knob){"changed lines per pull request", false, 60, 0};
	f.knobs[D_BODY] = (struct knob){"pull request descriptions", true, 600, 600};
	f.knobs[D_TEMPLATES] = (struct knob){"log digest templates", false, 25, ev->digest.ntemplates};
	f.knobs[D_DIGEST] = (struct knob){"log digest", true, 9000, 0};
	f.knobs[D_SIGNALS] = (struct knob){"failure signatures", false, 8, signals};
	f.knobs[D_TIMELINE] = (struct knob){"timeline lines", false, 12, 12};
	f.steps = diagnose_steps;
	f.nsteps = ARRAY_SIZE(diagnose_steps);
	f.names = diagnose_names;
	f.nnames = ARRAY_SIZE(diagnose_names);
	f.render = render_diagnose;
	f.ev = ev;
	f.actions = actions;
	error = fit_prompt(out, &f, budget);
	signals_free(sigs, signals);
	return error;
}

/* ---- remediate ---- */

enum { R_FILES, R_FILE_BYTES, R_BLAME_DIFF, R_TEMPLATES, R_DIGEST, R_CANDIDATE, R_TREE };

static const struct step remediate_steps[] = {
	{R_TREE, 40},      {R_TEMPLATES, 5},   {R_DIGEST, 1500},   {R_FILES, 2},
	{R_FILE_BYTES, 2000}, {R_BLAME_DIFF, 2500}, {R_TREE, 0},   {R_DIGEST, 0},
	{R_FILES, 1},      {R_CANDIDATE, 4000}, {R_BLAME_DIFF, 0}, {R_FILE_BYTES, 1000},
	{R_CANDIDATE, 2000},
};

/*
 * The lines of `text` around the lines `pf` (a blame-diff file) changed on the new side,
 * numbered ("<n>\t<line>"), 8 lines of context, windows merged.
 */
static void render_regions(struct buf *b, const char *text, const struct patch_file *pf)
{
	size_t nlines = 1;
	const char *p;
	bool *want;
	int last = -1;

	for (p = text; *p; p++)
		nlines += *p == '\n';
	want = xcalloc(nlines + 2, sizeof(bool));
	for (size_t h = 0; pf && h < pf->nhunks; h++) {
		long from = pf->hunks[h].new_start - 8, to = pf->hunks[h].new_start + pf->hunks[h].new_lines + 8;

		for (long l = from < 1 ? 1 : from; l <= to && l <= (long)nlines; l++)
			want[l] = true;
	}
	if (!pf)
		for (size_t l = 1; l <= nlines && l <= 80; l++)
			want[l] = true;
	p = text;
	for (size_t l = 1; *p && l <= nlines; l++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (want[l]) {
			if (last >= 0 && (size_t)last + 1 != l)
				buf_puts(b, "...\n");
			buf_putf(b, "%zu\t%.*s\n", l, (int)(len > 300 ? 300 : len), p);
			last = (int)l;
		}
		p += len + (nl ? 1 : 0);
	}
	free(want);
}

static void render_files(struct buf *b, struct fit *f)
{
	const struct evidence *ev = f->ev;
	const struct diagnosis *dx = f->dx;
	const struct plan *plan = f->plan;
	const struct pull *p = dx->blame_pr ? evidence_pull(ev, dx->blame_pr) : NULL;
	struct knob *k = f->knobs;
	struct buf text = BUF_INIT, one = BUF_INIT;
	size_t shown = 0, total = 0;

	k[R_FILE_BYTES].full = 0;
	for (size_t i = 0; p && i < p->patch.nfiles; i++) {
		const struct patch_file *pf = &p->patch.files[i];
		const char *path = patch_file_path(pf);
		bool in_plan = !plan || !plan->npaths;

		for (size_t j = 0; plan && j < plan->npaths; j++)
			in_plan |= !strcmp(plan->paths[j], path);
		if (!in_plan || pf->is_deleted)
			continue;
		buf_reset(&text);
		if (ev->gh->ops->read_file(&text, ev->gh, path) < 0) {
			err_clear();
			continue;
		}
		total++;
		if (shown >= k[R_FILES].value)
			continue;
		buf_reset(&one);
		render_regions(&one, text.ptr, pf);
		if (one.len > k[R_FILE_BYTES].full)
			k[R_FILE_BYTES].full = one.len;
		buf_putf(b, "### %s (%zu bytes; each line is <number><TAB><text>, the number is not part "
			 "of the file)\n```\n", path, text.len);
		put_clipped(b, one.ptr, k[R_FILE_BYTES].value);
		buf_rtrim(b);
		buf_puts(b, "\n```\n");
		shown++;
	}
	k[R_FILES].full = total;
	if (!shown)
		buf_puts(b, total ? "Left out to fit the budget.\n"
				  : "None: the blamed pull request changes no file of the default branch "
				    "that the agent can read.\n");
	buf_release(&text);
	buf_release(&one);
}

static void render_remediate(struct buf *v, struct fit *f)
{
	const struct evidence *ev = f->ev;
	const struct diagnosis *dx = f->dx;
	const struct plan *plan = f->plan;
	const struct pull *p = dx->blame_pr ? evidence_pull(ev, dx->blame_pr) : NULL;
	struct knob *k = f->knobs;
	size_t full = 0;

	render_diagnosis(&v[0], ev, dx);
	if (plan && plan->diff.len) {
		buf_putf(&v[1], "%s\n\n```diff\n", plan->description ? plan->description : "");
		put_clipped(&v[1], plan->diff.ptr, k[R_CANDIDATE].value);
		buf_rtrim(&v[1]);
		buf_puts(&v[1], "\n```\n");
		k[R_CANDIDATE].full = plan->diff.len;
	} else {
		buf_putf(&v[1], "None: %s. Answer own_diff with a diff of your own.\n",
			 f->candidate_error ? f->candidate_error : "no candidate could be built");
	}
	if (p && p->has_diff && k[R_BLAME_DIFF].value) {
		buf_puts(&v[2], "```diff\n");
		render_diff(&v[2], &p->patch, k[R_BLAME_DIFF].value, &full);
		buf_rtrim(&v[2]);
		buf_puts(&v[2], "\n```\n");
		k[R_BLAME_DIFF].full = full;
	} else {
		buf_puts(&v[2], p && p->has_diff ? "Left out to fit the budget.\n" : "None.\n");
	}
	render_files(&v[3], f);
	render_digest(&v[4], ev, k[R_TEMPLATES].value, k[R_DIGEST].value, &full);
	k[R_DIGEST].full = full;
	buf_putf(&v[5], "%zu", f->max_files);
	for (size_t i = 0; i < ev->nfiles && i < k[R_TREE].value; i++)
		buf_putf(&v[6], "%s\n", ev->files[i]);
	if (ev->nfiles > k[R_TREE].value)
		buf_putf(&v[6], "(%zu more files)\n", ev->nfiles - k[R_TREE].value);
	k[R_TREE].full = ev->nfiles;
}

int prompt_remediate(struct prompt *out, const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *candidate, const char *candidate_error, size_t max_files,
		     size_t budget)
{
	struct fit f = {0};

	f.name = "remediate";
	f.knobs[R_FILES] = (struct knob){"files shown from the default branch", false, 3, 0};
	f.knobs[R_FILE_BYTES] = (struct knob){"excerpt of each file", true, 4000, 0};
	f.knobs[R_BLAME_DIFF] = (struct knob){"diff of the blamed pull request", true, 5000, 0};
	f.knobs[R_TEMPLATES] = (struct knob){"log digest templates", false, 10, ev->digest.ntemplates};
	f.knobs[R_DIGEST] = (struct knob){"log digest", true, 3000, 0};
	f.knobs[R_CANDIDATE] = (struct knob){"candidate fix", true, 8000, 0};
	f.knobs[R_TREE] = (struct knob){"repository file list", false, 150, ev->nfiles};
	f.steps = remediate_steps;
	f.nsteps = ARRAY_SIZE(remediate_steps);
	f.names = remediate_names;
	f.nnames = ARRAY_SIZE(remediate_names);
	f.render = render_remediate;
	f.ev = ev;
	f.dx = dx;
	f.plan = candidate;
	f.candidate_error = candidate_error;
	f.max_files = max_files;
	return fit_prompt(out, &f, budget);
}

/* ---- artifacts ---- */

enum { A_SIMILAR, A_TEMPLATES, A_DIGEST, A_SIGNALS };

static const struct step artifacts_steps[] = {
	{A_SIMILAR, 0}, {A_TEMPLATES, 5}, {A_DIGEST, 2000}, {A_SIGNALS, 3}, {A_DIGEST, 1000},
};

static void render_plan(struct buf *b, const struct plan *plan)
{
	if (!plan) {
		buf_puts(b, "No fix was planned.\n");
		return;
	}
	buf_putf(b, "type: %s\n", remediation_name(plan->type));
	if (plan->title) {
		buf_puts(b, "title: ");
		put_line(b, plan->title, 200);
		buf_puts(b, "\n");
	}
	if (plan->branch)
		buf_putf(b, "branch: %s\n", plan->branch);
	for (size_t i = 0; i < plan->npaths && i < 20; i++)
		buf_putf(b, "changes: %s\n", plan->paths[i]);
	if (plan->revert_commit)
		buf_putf(b, "reverts commit %s\n", plan->revert_commit);
	if (plan->dispatch)
		buf_putf(b, "dispatches %s with action %s\n",
			 json_string_value(json_object_get(plan->dispatch, "workflow")),
			 json_string_value(json_object_get(json_object_get(plan->dispatch, "inputs"),
							   "action")));
}

static void render_artifacts(struct buf *v, struct fit *f)
{
	const struct evidence *ev = f->ev;
	struct knob *k = f->knobs;
	size_t full;

	render_alert(&v[0], ev->inc);
	render_diagnosis(&v[1], ev, f->dx);
	render_plan(&v[2], f->plan);
	render_signals(&v[3], f->sigs, f->nsigs, k[A_SIGNALS].value);
	render_digest(&v[4], ev, k[A_TEMPLATES].value, k[A_DIGEST].value, &full);
	k[A_DIGEST].full = full;
	render_similar(&v[5], ev, k[A_SIMILAR].value);
	put_name(&v[6], ev->inc->service, "service");
}

int prompt_artifacts(struct prompt *out, const struct evidence *ev, const struct diagnosis *dx,
		     const struct plan *plan, size_t budget)
{
	struct fit f = {0};
	struct signal *sigs = NULL;
	size_t signals = 0;
	int error;

	signals_find(&sigs, &signals, &ev->digest);
	f.sigs = sigs;
	f.nsigs = signals;
	f.name = "artifacts";
	f.knobs[A_SIMILAR] = (struct knob){"knowledge-base matches", false, 2,
					   ev->nsimilar < 2 ? ev->nsimilar : 2};
	f.knobs[A_TEMPLATES] = (struct knob){"log digest templates", false, 10, ev->digest.ntemplates};
	f.knobs[A_DIGEST] = (struct knob){"log digest", true, 4000, 0};
	f.knobs[A_SIGNALS] = (struct knob){"failure signatures", false, 6, signals};
	f.steps = artifacts_steps;
	f.nsteps = ARRAY_SIZE(artifacts_steps);
	f.names = artifacts_names;
	f.nnames = ARRAY_SIZE(artifacts_names);
	f.render = render_artifacts;
	f.ev = ev;
	f.dx = dx;
	f.plan = plan;
	error = fit_prompt(out, &f, budget);
	signals_free(sigs, signals);
	return error;
}

/* ---- CI fix (repair) ---- */

enum { C_FILES, C_FILE_BYTES, C_FAILURE, C_PULL };

static const struct step ci_fix_steps[] = {
	{C_PULL, 1500}, {C_FILE_BYTES, 6000}, {C_FAILURE, 4000}, {C_FILE_BYTES, 3000},
	{C_FILES, 4},   {C_FAILURE, 2500},    {C_PULL, 600},     {C_FILE_BYTES, 1500},
	{C_FILES, 2},
};

/* The file's lines numbered ("<n>\t<line>"), cut at `max` bytes. */
static void render_numbered(struct buf *b, const char *text, size_t max)
{
	struct buf all = BUF_INIT;
	size_t n = 1;

	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		buf_putf(&all, "%zu\t%.*s\n", n++, (int)len, s);
		s += len + (nl ? 1 : 0);
	}
	put_clipped(b, all.ptr ? all.ptr : "", max);
	buf_release(&all);
}

static void render_ci_fix(struct buf *v, struct fit *f)
{
	const struct prompt_ci_fix *in = f->ev;
	struct knob *k = f->knobs;

	put_clipped(&v[0], in->failure ? in->failure : "(no failure text)", k[C_FAILURE].value);
	k[C_FAILURE].full = in->failure ? strlen(in->failure) : 0;
	put_clipped(&v[1], in->pull ? in->pull : "", k[C_PULL].value);
	k[C_PULL].full = in->pull ? strlen(in->pull) : 0;
	k[C_FILES].full = in->nfiles;
	for (size_t i = 0; i < in->nfiles && i < k[C_FILES].value; i++) {
		const struct prompt_file *pf = &in->files[i];

		buf_putf(&v[2], "### %s\n", pf->path);
		if (!pf->text) {
			buf_puts(&v[2], "(not shown: binary, removed or too big)\n");
			continue;
		}
		buf_puts(&v[2], "```\n");
		render_numbered(&v[2], pf->text, k[C_FILE_BYTES].value);
		buf_rtrim(&v[2]);
		buf_puts(&v[2], "\n```\n");
		if (strlen(pf->text) > k[C_FILE_BYTES].full)
			k[C_FILE_BYTES].full = strlen(pf->text);
	}
	if (in->nfiles > k[C_FILES].value)
		buf_putf(&v[2], "(%zu more files of the pull request not shown)\n", in->nfiles - k[C_FILES].value);
	buf_puts(&v[3], in->new_paths && *in->new_paths ? in->new_paths : "nowhere (no new files)");
	buf_putf(&v[4], "%zu", in->max_files);
	buf_putf(&v[5], "%d of %d", in->attempt, in->max_attempts);
}

int prompt_ci_fix(struct prompt *out, const struct prompt_ci_fix *in, size_t budget)
{
	struct fit f = {0};

	f.name = "ci_fix";
	f.knobs[C_FILES] = (struct knob){"pull request files shown", false, PROMPT_CI_FIX_FILES, 0};
	f.knobs[C_FILE_BYTES] = (struct knob){"text of each file", true, 12000, 0};
	f.knobs[C_FAILURE] = (struct knob){"CI failure", true, 8000, 0};
	f.knobs[C_PULL] = (struct knob){"pull request description", true, 3000, 0};
	f.steps = ci_fix_steps;
	f.nsteps = ARRAY_SIZE(ci_fix_steps);
	f.names = ci_fix_names;
	f.nnames = ARRAY_SIZE(ci_fix_names);
	f.render = render_ci_fix;
	f.ev = in;
	return fit_prompt(out, &f, budget);
}

int prompt_repair(char **out, const char *errors)
{
	char *tmpl = NULL;
	struct buf filled = BUF_INIT, red = BUF_INIT, errs = BUF_INIT;
	struct prompt_var var = {"ERRORS", NULL};
	int error;

	put_clipped(&errs, errors, 1500);
	var.value = errs.ptr;
	if ((error = prompt_load(&tmpl, "repair")) < 0 ||
	    (error = prompt_fill(&filled, tmpl, &var, 1, "repair")) < 0 ||
	    (error = redact_text(&red, filled.ptr, filled.len)) < 0)
		goto done;
	error = 0;
	*out = buf_detach(&red);
done:
	free(tmpl);
	buf_release(&filled);
	buf_release(&red);
	buf_release(&errs);
	return error;
}
