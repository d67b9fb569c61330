#include "common.h"
#include "core/diagnose.h"
#include "core/review.h"
#include "util/err.h"
#include "util/jsonx.h"
#include "core/offline.h"
#include "util/patch.h"
#include "core/policy.h"
#include "core/prompt.h"
#include "util/redact.h"
#include "core/remediate.h"
#include "util/sys.h"

#include <pthread.h>
#include <stdarg.h>

/* ---- the engine ---- */

/* The infrastructure actions the remediation workflow knows, when the policy says nothing. */
static char *const builtin_actions[] = {
	(char *)"raise-memory-limit", (char *)"renew-certificate", (char *)"restart-and-scale-out",
	(char *)"free-disk-space", NULL,
};

static void push(char ***list, size_t *n, char *s)
{
	*list = xrealloc(*list, (*n + 2) * sizeof(**list));
	(*list)[(*n)++] = s;
	(*list)[*n] = NULL;
}

int diagnose_engine_init(struct diagnose_engine *e, const struct model_config *cfg)
{
	struct diagnose_engine x = DIAGNOSE_ENGINE_INIT;
	int error;

	x.budget = MODEL_PROMPT_TOKENS;
	if (cfg) {
		if ((error = model_client_new(&x.model, cfg)) < 0)
			return error;
		x.model_name = model_config_describe(cfg);
		x.budget = cfg->max_prompt_tokens ? cfg->max_prompt_tokens : MODEL_PROMPT_TOKENS;
		x.serial = cfg->serial;
	}
	*e = x;
	return 0;
}

void diagnose_engine_release(struct diagnose_engine *e)
{
	model_client_free(e->model);
	free(e->model_name);
	sys_free_list(e->degraded);
	sys_free_list(e->trimmed);
	memset(e, 0, sizeof(*e));
}

void diagnose_engine_usage(struct model_usage *out, const struct diagnose_engine *e)
{
	memset(out, 0, sizeof(*out));
	if (e && e->model)
		model_client_usage(out, e->model);
}

void diagnose_gate(struct diagnosis *dx)
{
	char *why;

	if (dx->confidence != CONFIDENCE_LOW)
		return;
	if (dx->category == CATEGORY_APPLICATION && dx->blame_pr && diagnose_writes_diff(dx->remediation)) {
		why = xasprintf("Confidence is low, so instead of the proposed %s the agent reverts pull "
				"request #%d exactly: a rollback is the safe change while the cause is "
				"uncertain.%s%s", remediation_name(dx->remediation), dx->blame_pr,
				dx->rationale && *dx->rationale ? " " : "", dx->rationale ? dx->rationale : "");
		dx->remediation = REMEDIATION_PR_ROLLBACK;
	} else if (dx->category == CATEGORY_INFRASTRUCTURE &&
		   dx->remediation == REMEDIATION_INFRASTRUCTURE_ACTION) {
		why = xasprintf("Confidence is low, so the agent does not dispatch '%s': a person has to "
				"confirm the cause first.%s%s", dx->action ? dx->action : "the action",
				dx->rationale && *dx->rationale ? " " : "", dx->rationale ? dx->rationale : "");
		dx->remediation = REMEDIATION_ESCALATION;
		free(dx->action);
		dx->action = NULL;
	} else {
		return;
	}
	free(dx->rationale);
	dx->rationale = why;
}

bool diagnose_writes_diff(enum remediation r)
{
	return r == REMEDIATION_CODE_FIX || r == REMEDIATION_CONFIG_FIX ||
	       r == REMEDIATION_FEATURE_FLAG || r == REMEDIATION_DEPENDENCY_UPDATE ||
	       r == REMEDIATION_FLYWAY_MIGRATION;
}

/* ---- checking answers ---- */

static ATTR_PRINTF(2, 3) void complain(struct buf *errors, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(errors, fmt, ap) < 0)
		xdie("cannot format a validation error");
	va_end(ap);
	buf_puts(errors, "\n");
}

const char *diagnose_answer_str(json_t *a, const char *key, bool required, size_t max,
				struct buf *errors)
{
	json_t *v = json_object_get(a, key);
	size_t len;

	if (!v || json_is_null(v)) {
		if (required)
			complain(errors, "field '%s': missing", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		complain(errors, "field '%s': expected a string, got %s", key, jsonx_type_name(v));
		return NULL;
	}
	len = json_string_length(v);
	if (memchr(json_string_value(v), '\0', len)) {
		complain(errors, "field '%s': holds a NUL byte", key);
		return NULL;
	}
	if (required && !len) {
		complain(errors, "field '%s': empty", key);
		return NULL;
	}
	if (len > max) {
		complain(errors, "field '%s': %zu bytes, at most %zu", key, len, max);
		return NULL;
	}
	return json_string_value(v);
}

char *diagnose_answer_text(const char *s, bool one_line)
{
	char *r = redact_strdup(s ? s : "");

	for (char *p = r; *p; p++)
		if ((unsigned char)*p < 0x20 && (one_line || *p != '\n'))
			*p = ' ';
	return r;
}

static void list_names(struct buf *b, char *const *names)
{
	for (size_t i = 0; names && names[i]; i++)
		buf_putf(b, "%s%s", i ? ", " : "", names[i]);
}

static char *recent_pulls(const struct evidence *ev)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < ev->nsuspects; i++)
		if (!ev->suspects[i].after_alert)
			buf_putf(&b, "%s#%d", b.len ? ", " : "", ev->suspects[i].number);
	if (!b.len)
		buf_puts(&b, "none");
	return buf_detach(&b);
}

static bool changed_lines_contain(const struct pull *p, const char *needle)
{
	for (size_t i = 0; i < p->patch.nfiles; i++)
		for (size_t h = 0; h < p->patch.files[i].nhunks; h++) {
			const char *line = p->patch.files[i].hunks[h].body;

			while (*line) {
				const char *nl = strchr(line, '\n');
				size_t len = nl ? (size_t)(nl - line) : strlen(line);

				if ((*line == '+' || *line == '-') && len > 1) {
					char *text = xstrndup(line + 1, len - 1);
					bool hit = strstr(text, needle) != NULL;

					free(text);
					if (hit)
						return true;
				}
				line += len + (nl ? 1 : 0);
			}
		}
	return false;
}

static bool listed(char *const *list, const char *s)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static void check_blame(struct buf *errors, const struct evidence *ev, int category,
			long long blame, int rem)
{
	char *recent = recent_pulls(ev);
	const struct suspect *s;

	if (category == CATEGORY_APPLICATION) {
		if (!blame)
			complain(errors, "field 'blame_pr': an application incident needs the pull "
				 "request that caused it, one of %s", recent);
		else if (blame < 0 || blame > INT32_MAX || !evidence_pull(ev, (int)blame))
			complain(errors, "field 'blame_pr': #%lld is not a recently merged pull request "
				 "(%s)", blame, recent);
		else if ((s = evidence_suspect(ev, (int)blame)) && s->after_alert)
			complain(errors, "field 'blame_pr': #%lld was merged after the alert fired; it "
				 "cannot be the cause", blame);
		if (rem == REMEDIATION_INFRASTRUCTURE_ACTION)
			complain(errors, "field 'remediation_type': infrastructure_action is for "
				 "infrastructure incidents");
	} else if (category == CATEGORY_INFRASTRUCTURE) {
		if (blame)
			complain(errors, "field 'blame_pr': must be null for an infrastructure incident");
		if (rem >= 0 && rem != REMEDIATION_INFRASTRUCTURE_ACTION && rem != REMEDIATION_ESCALATION)
			complain(errors, "field 'remediation_type': %s needs a blamed pull request; an "
				 "infrastructure incident takes infrastructure_action or escalation",
				 remediation_name(rem));
	}
	free(recent);
}

static void copy_signals(struct diagnosis *to, const struct diagnosis *from)
{
	to->signals = xcalloc(from->nsignals + 1, sizeof(*to->signals));
	for (size_t i = 0; i < from->nsignals; i++) {
		to->signals[i] = from->signals[i];
		to->signals[i].example = from->signals[i].example ? xstrdup(from->signals[i].example) : NULL;
	}
	to->nsignals = from->nsignals;
}

/* The enumerated fields category, remediation_type and confidence; -1 when not valid. */
static void parse_kinds(json_t *a, struct buf *errors, int *category, int *rem, int *confidence)
{
	const char *cat, *type, *conf;

	if ((cat = diagnose_answer_str(a, "category", true, 32, errors))) {
		if (!strcmp(cat, "application"))
			*category = CATEGORY_APPLICATION;
		else if (!strcmp(cat, "infrastructure"))
			*category = CATEGORY_INFRASTRUCTURE;
		else
			complain(errors, "field 'category': '%s' is not one of application, infrastructure",
				 cat);
	}
	if ((type = diagnose_answer_str(a, "remediation_type", true, 64, errors)) &&
	    (*rem = remediation_parse(type)) < 0)
		complain(errors, "field 'remediation_type': '%s' is not one of flyway_migration, "
			 "code_fix, config_fix, feature_flag, pr_rollback, dependency_update, "
			 "infrastructure_action, escalation", type);
	if ((conf = diagnose_answer_str(a, "confidence", true, 16, errors))) {
		*confidence = !strcmp(conf, "high") ? CONFIDENCE_HIGH : !strcmp(conf, "medium") ? CONFIDENCE_MEDIUM
			      : !strcmp(conf, "low") ? CONFIDENCE_LOW : -1;
		if (*confidence < 0)
			complain(errors, "field 'confidence': '%s' is not one of high, medium, low", conf);
	}
}

/* The field 'blame_pr': a pull request number, 0 for null or a value that is none. */
static long long parse_blame(json_t *a, struct buf *errors)
{
	json_t *b;

	if (!(b = json_object_get(a, "blame_pr")) || json_is_null(b))
		return 0;
	if (json_is_integer(b) && json_integer_value(b) > 0)
		return json_integer_value(b);
	complain(errors, "field 'blame_pr': expected a pull request number or null, got %s",
		 json_is_integer(b) ? "a number below 1" : jsonx_type_name(b));
	return 0;
}

/* The action of an infrastructure_action: the answer's, else the offline engine's. */
static const char *check_action(struct buf *errors, const char *action, char *const *actions,
				const struct diagnosis *offline)
{
	struct buf names = BUF_INIT;

	if (!action && offline->action)
		action = offline->action;
	if (!action) {
		list_names(&names, actions);
		complain(errors, "field 'action': infrastructure_action needs one of %s", names.ptr);
	} else if (!listed(actions, action)) {
		list_names(&names, actions);
		complain(errors, "field 'action': '%s' is not one of %s", action, names.ptr);
	}
	buf_release(&names);
	return action;
}

/*
 * The subject of a feature_flag or dependency_update fix: the answer's, else the offline
 * engine's for the same fix; one name that the blamed pull request's changed lines hold.
 */
static const char *check_subject(struct buf *errors, const char *subject, const struct evidence *ev,
				 const struct diagnosis *offline, int rem, long long blame)
{
	const struct pull *p = blame > 0 && blame <= INT32_MAX ? evidence_pull(ev, (int)blame) : NULL;

	if (!subject && offline->subject && offline->remediation == (enum remediation)rem)
		subject = offline->subject;
	if (!subject)
		complain(errors, "field 'subject': %s needs the name of the %s", remediation_name(rem),
			 rem == REMEDIATION_FEATURE_FLAG ? "flag" : "dependency");
	else if (strchr(subject, '\n') || !*subject)
		complain(errors, "field 'subject': expected one name on one line");
	else if (p && !changed_lines_contain(p, subject))
		complain(errors, "field 'subject': '%s' does not appear in the changed lines of "
			 "pull request #%lld", subject, blame);
	return subject;
}

/*
 * A model's prose (new string `s`, taken) as the agent may repeat it: the issue, the
 * runbook and the knowledge base quote it, so a sentence that suggests what review.h
 * refuses (a deletion, a download piped into a shell, a protection turned off) is left
 * out whole, and the place says so.
 */
static char *screened(char *s, const char *what)
{
	const char *why = review_refused(s);
	char *out;

	if (!why)
		return s;
	out = xasprintf("(the model's %s is left out: it %s)", what, why);
	free(s);
	return out;
}

int diagnose_parse_answer(struct diagnosis *out, json_t *a, const struct evidence *ev,
			  const struct diagnosis *offline, char *const *actions, struct buf *errors)
{
	size_t before = errors->len;
	const char *summary, *cause, *rationale, *action, *subject;
	int category = -1, rem = -1, confidence = -1;
	long long blame;
	struct diagnosis dx = {0};

	if (!actions)
		actions = builtin_actions;
	if (!json_is_object(a)) {
		complain(errors, "the answer is not a JSON object");
		return ERR_INPUT;
	}
	parse_kinds(a, errors, &category, &rem, &confidence);
	summary = diagnose_answer_str(a, "summary", true, 400, errors);
	cause = diagnose_answer_str(a, "root_cause", true, 4000, errors);
	rationale = diagnose_answer_str(a, "rationale", false, 1000, errors);
	action = diagnose_answer_str(a, "action", false, 64, errors);
	subject = diagnose_answer_str(a, "subject", false, 200, errors);
	blame = parse_blame(a, errors);
	check_blame(errors, ev, category, blame, rem);
	if (rem == REMEDIATION_INFRASTRUCTURE_ACTION)
		action = check_action(errors, action, actions, offline);
	if (rem == REMEDIATION_FEATURE_FLAG || rem == REMEDIATION_DEPENDENCY_UPDATE)
		subject = check_subject(errors, subject, ev, offline, rem, blame);
	if (errors->len > before)
		return ERR_INPUT;
	dx.engine = "model";
	dx.category = (enum category)category;
	dx.blame_pr = category == CATEGORY_APPLICATION ? (int)blame : 0;
	dx.confidence = (enum confidence)confidence;
	dx.remediation = (enum remediation)rem;
	dx.summary = screened(diagnose_answer_text(summary, true), "summary");
	dx.root_cause = screened(diagnose_answer_text(cause, false), "root cause");
	dx.rationale = screened(diagnose_answer_text(rationale ? rationale
				      : offline->remediation == dx.remediation && offline->rationale ? offline->rationale
				      : "", true), "rationale");
	if (rem == REMEDIATION_INFRASTRUCTURE_ACTION)
		dx.action = xstrdup(action);
	if (rem == REMEDIATION_FEATURE_FLAG || rem == REMEDIATION_DEPENDENCY_UPDATE)
		dx.subject = xstrdup(subject);
	copy_signals(&dx, offline);
	*out = dx;
	return 0;
}

/* ---- asking the model ---- */

struct ask {
	const char *prompts_dir;     /* audit folder (diagnose_engine.prompts_dir) or NULL */
	const char *what;            /* "diagnosis", "remediation", "artifacts" (messages) */
	const char *prompt_name;     /* "diagnose", "remediate", "artifacts" */
	json_t *schema;              /* owned */
	int (*render)(struct prompt *out, struct ask *a, size_t budget);
	int (*check)(struct ask *a, json_t *answer, struct buf *errors);
	struct model_client *model;
	size_t budget;
	const struct evidence *ev;
	const struct diagnosis *dx;  /* the diagnosis (follow-ups) or the offline one (diagnosis) */
	const struct plan *candidate;
	const char *candidate_error;
	const struct policy *policy;
	char *const *actions;
	size_t max_files;
	void *result;
	/* what came of it */
	char *degraded;              /* why the answer could not be used, or NULL */
	char **trimmed;
	size_t ntrimmed;
	size_t largest;
	bool refused;                /* an answer broke the safety policy */
	char *audit_error;           /* the audit folder could not be written, or NULL */
	const struct diagnose_question *q; /* diagnose_ask's question, or NULL */
};

static json_t *str_enum(const char *const *names, size_t n)
{
	json_t *e = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(e, json_string(names[i]));
	return json_pack("{s:s, s:o}", "type", "string", "enum", e);
}

static json_t *nullable_string(void)
{
	return json_pack("{s:[s,s]}", "type", "string", "null");
}

static json_t *object_schema(json_t *properties)
{
	json_t *required = json_array();
	const char *key;
	json_t *v;

	json_object_foreach(properties, key, v) {
		json_array_append_new(required, json_string(key));
	}
	return json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", properties,
			 "required", required, "additionalProperties", 0);
}

static json_t *diagnosis_schema(void)
{
	static const char *const categories[] = {"application", "infrastructure"};
	static const char *const confidences[] = {"high", "medium", "low"};
	json_t *p = json_object();

	json_object_set_new(p, "category", str_enum(categories, 2));
	json_object_set_new(p, "blame_pr", json_pack("{s:[s,s]}", "type", "integer", "null"));
	json_object_set_new(p, "remediation_type",
			    str_enum(remediation_names, REMEDIATION_COUNT));
	json_object_set_new(p, "confidence", str_enum(confidences, 3));
	json_object_set_new(p, "summary", json_pack("{s:s}", "type", "string"));
	json_object_set_new(p, "root_cause", json_pack("{s:s}", "type", "string"));
	json_object_set_new(p, "rationale", json_pack("{s:s}", "type", "string"));
	json_object_set_new(p, "action", nullable_string());
	json_object_set_new(p, "subject", nullable_string());
	return object_schema(p);
}

static json_t *fix_schema(void)
{
	static const char *const decisions[] = {"use_candidate", "own_diff"};
	json_t *p = json_object();

	json_object_set_new(p, "decision", str_enum(decisions, 2));
	json_object_set_new(p, "diff", json_pack("{s:s}", "type", "string"));
	json_object_set_new(p, "description", json_pack("{s:s}", "type", "string"));
	return object_schema(p);
}

static json_t *notes_schema(void)
{
	json_t *p = json_object();

	json_object_set_new(p, "first_checks",
			    json_pack("{s:s, s:{s:s}}", "type", "array", "items", "type", "string"));
	json_object_set_new(p, "prevention",
			    json_pack("{s:s, s:{s:s}}", "type", "array", "items", "type", "string"));
	json_object_set_new(p, "customer_impact", json_pack("{s:s}", "type", "string"));
	return object_schema(p);
}

static char *first_line(const char *s)
{
	size_t n = strcspn(s, "\n");

	return xstrndup(s, n > 300 ? 300 : n);
}

/*
 * Audit: DIR/<name>-<attempt>.<kind>; written as it is sent or received (already
 * redacted). A folder that cannot be written is said in `degraded`, once.
 */
static void audit(struct ask *a, int attempt, const char *kind, const struct model_message *msgs,
		  size_t n, const char *text)
{
	struct buf b = BUF_INIT;
	char *path;

	if (!a->prompts_dir)
		return;
	for (size_t i = 0; i < n; i++)
		buf_putf(&b, "<!-- %s -->\n%s\n\n", msgs[i].role, msgs[i].content);
	if (text)
		buf_puts(&b, text);
	path = xasprintf("%s/%s-%d.%s", a->prompts_dir, a->prompt_name, attempt, kind);
	if (sys_mkdir_p(a->prompts_dir, 0755) < 0 || sys_write_file(path, b.ptr, b.len) < 0) {
		if (!a->audit_error)
			a->audit_error = xstrdup(err_last());
		err_clear();
	}
	free(path);
	buf_release(&b);
}

/* Renders the prompt again within `budget`, less `extra` for the re-ask (500 at least). */
static int rerender(struct ask *a, struct prompt *p, size_t budget, size_t extra)
{
	int error;

	prompt_release(p);
	if ((error = a->render(p, a, budget > extra + 500 ? budget - extra : 500)) < 0)
		a->degraded = xstrdup(err_last());
	return error;
}

/* One call to the model: the prompt, then the re-ask when `reasked`; both ways audited. */
static int ask_once(struct ask *a, struct model_answer *ans, const struct prompt *p, bool reasked,
		    char *previous, char *repair, int attempt)
{
	struct model_message msgs[4];
	struct model_call call = {msgs, 2, a->what, a->schema, 0};
	size_t tokens;
	int error;

	msgs[0] = (struct model_message){"system", p->system};
	msgs[1] = (struct model_message){"user", p->user};
	if (reasked) {
		msgs[2] = (struct model_message){"assistant", previous};
		msgs[3] = (struct model_message){"user", repair};
		call.nmessages = 4;
	}
	tokens = model_estimate_messages(msgs, call.nmessages);
	if (tokens > a->largest)
		a->largest = tokens;
	model_answer_release(ans);
	audit(a, attempt, "prompt.md", msgs, call.nmessages, NULL);
	error = model_chat(ans, a->model, &call);
	audit(a, attempt, "answer.txt", NULL, 0, ans->text ? ans->text : "(no answer)");
	return error;
}

/*
 * The re-ask after an invalid answer: the answer (cut, redacted) and the repair request
 * made of `errors`, their size in `*extra`, and the prompt rendered again when they do
 * not fit beside it in `budget`.
 */
static int prepare_reask(struct ask *a, struct prompt *p, const struct model_answer *ans,
			 const char *errors, char **previous, char **repair, size_t budget,
			 size_t *extra)
{
	struct buf prev = BUF_INIT;
	const char *text = ans->text ? ans->text : "";
	int error;

	buf_putf(&prev, "%.2000s", text);
	if (strlen(text) > 2000)
		buf_puts(&prev, "\n[... cut]");
	*previous = redact_strdup(prev.ptr);
	buf_release(&prev);
	if ((error = prompt_repair(repair, errors)) < 0) {
		a->degraded = xstrdup(err_last());
		return error;
	}
	*extra = model_estimate_tokens(*previous, strlen(*previous)) +
		 model_estimate_tokens(*repair, strlen(*repair)) + 8;
	if (p->tokens + *extra > budget)
		return rerender(a, p, budget, *extra);
	return 0;
}

/*
 * Ask, check, re-ask once with the errors; a context-length error halves the budget and
 * asks again, once. 0 when a->check accepted an answer; otherwise a->degraded says why.
 */
static int run_ask(struct ask *a)
{
	struct prompt p = PROMPT_INIT;
	struct model_answer ans = MODEL_ANSWER_INIT;
	struct buf errors = BUF_INIT;
	char *repair = NULL, *previous = NULL;
	size_t budget = a->budget, extra = 0;
	bool shrunk = false, reasked = false;
	int error, attempt = 0;

	if ((error = a->render(&p, a, budget)) < 0) {
		a->degraded = xstrdup(err_last());
		goto done;
	}
	for (;;) {
		error = ask_once(a, &ans, &p, reasked, previous, repair, ++attempt);
		if (ans.outcome == MODEL_CONTEXT_LENGTH && !shrunk) {
			shrunk = true;
			budget /= 2;
			if ((error = rerender(a, &p, budget, extra)) < 0)
				goto done;
			continue;
		}
		buf_reset(&errors);
		if (ans.outcome == MODEL_OK) {
			if ((error = a->check(a, ans.json, &errors)) == 0)
				break;
		} else if (ans.outcome == MODEL_NOT_JSON) {
			buf_puts(&errors, "the answer holds no JSON object: answer with one JSON object and "
				 "nothing else\n");
			error = ERR_INPUT;
		} else {
			a->degraded = xstrdup(err_last());
			goto done;
		}
		if (reasked) {
			char *line = first_line(errors.ptr);

			a->degraded = xasprintf("the model's answer was still invalid after a re-ask (%s)", line);
			free(line);
			goto done;
		}
		reasked = true;
		if ((error = prepare_reask(a, &p, &ans, errors.ptr, &previous, &repair, budget, &extra)) < 0)
			goto done;
	}
	error = 0;
done:
	for (size_t i = 0; i < p.ntrimmed; i++) {
		a->trimmed = xrealloc(a->trimmed, (a->ntrimmed + 2) * sizeof(char *));
		a->trimmed[a->ntrimmed++] = xasprintf("%s prompt: %s", a->prompt_name, p.trimmed[i]);
		a->trimmed[a->ntrimmed] = NULL;
	}
	prompt_release(&p);
	model_answer_release(&ans);
	buf_release(&errors);
	free(repair);
	free(previous);
	err_clear();
	return error ? ERR_FAIL : 0;
}

/* An ask of `e`'s model: the request's names, schema (taken over) and render/check pair. */
static void ask_init(struct ask *a, const struct diagnose_engine *e, const char *what, const char *prompt_name,
		     json_t *schema, int (*render)(struct prompt *, struct ask *, size_t),
		     int (*check)(struct ask *, json_t *, struct buf *))
{
	a->what = what;
	a->prompt_name = prompt_name;
	a->schema = schema;
	a->render = render;
	a->check = check;
	a->model = e->model;
	a->prompts_dir = e->prompts_dir;
	a->budget = e->budget;
}

static void ask_release(struct ask *a)
{
	json_decref(a->schema);
	free(a->degraded);
	free(a->audit_error);
	sys_free_list(a->trimmed);
}

/* Hand what an ask left (trimmed notes, the largest prompt) to the engine. */
static void collect(struct diagnose_engine *e, struct ask *a)
{
	for (size_t i = 0; i < a->ntrimmed; i++) {
		push(&e->trimmed, &e->ntrimmed, a->trimmed[i]);
		a->trimmed[i] = NULL;
	}
	if (a->largest > e->largest_prompt)
		e->largest_prompt = a->largest;
	if (a->audit_error) {
		push(&e->degraded, &e->ndegraded, xasprintf("prompts: %s", a->audit_error));
		free(a->audit_error);
		a->audit_error = NULL;
	}
}

/* With the offline engine, --prompts still shows the diagnosis prompt a model would get. */
static void audit_offline(struct diagnose_engine *e, const struct evidence *ev)
{
	struct ask a = {0};
	struct prompt p = PROMPT_INIT;
	struct model_message msgs[2];

	a.prompts_dir = e->prompts_dir;
	a.prompt_name = "diagnose";
	if (prompt_diagnose(&p, ev, (const char *const *)(e->actions ? e->actions : builtin_actions),
			    e->budget) < 0) {
		a.audit_error = xasprintf("the diagnosis prompt could not be rendered: %s", err_last());
		err_clear();
	} else {
		msgs[0] = (struct model_message){"system", p.system};
		msgs[1] = (struct model_message){"user", p.user};
		audit(&a, 0, "prompt.md", msgs, 2, "<!-- not sent: the offline engine diagnosed -->\n");
		if (p.tokens > e->largest_prompt)
			e->largest_prompt = p.tokens;
	}
	collect(e, &a);
	prompt_release(&p);
	free(a.audit_error);
}

static int render_diagnosis(struct prompt *out, struct ask *a, size_t budget)
{
	return prompt_diagnose(out, a->ev, (const char *const *)a->actions, budget);
}

static int check_diagnosis(struct ask *a, json_t *answer, struct buf *errors)
{
	return diagnose_parse_answer(a->result, answer, a->ev, a->dx, a->actions, errors);
}

/* "application, blame #12, code_fix": a diagnosis in a few words, for people. */
static char *in_words(const struct diagnosis *d)
{
	return xasprintf("%s, %s%d, %s%s%s", category_name(d->category), d->blame_pr ? "blame #" : "no blame",
			 d->blame_pr, remediation_name(d->remediation), d->action ? " " : "",
			 d->action ? d->action : "");
}

/*
 * A model answer is text anyone who writes logs or pull requests can steer. When it moves
 * away from what the offline engine found with high confidence (another category, another
 * culprit, infrastructure instead of code), or asks for an infrastructure action without
 * infrastructure evidence, it does not act: the issue shows both and a person decides.
 */
void diagnose_reconcile(struct diagnosis *model, const struct diagnosis *offline)
{
	bool infra_m = model->remediation == REMEDIATION_INFRASTRUCTURE_ACTION;
	bool infra_o = offline->remediation == REMEDIATION_INFRASTRUCTURE_ACTION;
	bool away = offline->confidence == CONFIDENCE_HIGH &&
		    (model->category != offline->category || model->blame_pr != offline->blame_pr ||
		     infra_m != infra_o);
	bool unfounded = infra_m && offline->category != CATEGORY_INFRASTRUCTURE;
	char *m, *o, *why;

	if (!away && !unfounded)
		return;
	m = in_words(model);
	o = in_words(offline);
	why = xasprintf("The model's diagnosis (%s) %s the offline engine's (%s): no change is made "
			"and a person decides. Model: %s Offline: %s", m,
			away ? "departs from the high-confidence evidence of" : "asks for an infrastructure "
			"action the evidence does not support, unlike", o,
			model->rationale ? model->rationale : "", offline->rationale ? offline->rationale : "");
	model->remediation = REMEDIATION_ESCALATION;
	free(model->action);
	model->action = NULL;
	free(model->rationale);
	model->rationale = why;
	free(m);
	free(o);
}

int diagnose_run(struct diagnosis *out, const struct evidence *ev, struct diagnose_engine *e)
{
	struct diagnosis offline = {0}, model = {0};
	struct ask a = {0};
	int error;

	if ((error = offline_diagnose(&offline, ev)) < 0)
		return error;
	if (!e || !e->model) {
		if (e && e->prompts_dir)
			audit_offline(e, ev);
		diagnose_gate(&offline);
		*out = offline;
		return 0;
	}
	ask_init(&a, e, "diagnosis", "diagnose", diagnosis_schema(), render_diagnosis, check_diagnosis);
	a.ev = ev;
	a.dx = &offline;
	a.actions = e->actions ? e->actions : builtin_actions;
	a.result = &model;
	if (run_ask(&a) == 0) {
		diagnose_gate(&model);
		diagnose_reconcile(&model, &offline);
		diagnosis_release(&offline);
		*out = model;
	} else {
		push(&e->degraded, &e->ndegraded,
		     xasprintf("diagnosis: %s; the offline engine diagnosed instead", a.degraded));
		*out = offline;
		diagnose_gate(out);
	}
	collect(e, &a);
	ask_release(&a);
	return 0;
}

/* ---- the follow-ups: remediation and runbook notes ---- */

void diagnose_fix_release(struct diagnose_fix *f)
{
	buf_release(&f->diff);
	sys_free_list(f->paths);
	free(f->description);
	memset(f, 0, sizeof(*f));
	buf_init(&f->diff, 0);
}

void diagnose_notes_release(struct diagnose_notes *n)
{
	sys_free_list(n->first_checks);
	sys_free_list(n->prevention);
	free(n->customer_impact);
	memset(n, 0, sizeof(*n));
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every path passes the policy, then every hunk applies to the default branch. */
static void check_diff(struct ask *a, const char *text, struct buf *errors, struct diagnose_fix *fix)
{
	const struct evidence *ev = a->ev;
	struct patch p = PATCH_INIT;
	struct buf current = BUF_INIT, result = BUF_INIT;
	size_t before = errors->len;
	char **scope;

	if (patch_parse(&p, text, strlen(text), "the diff") < 0) {
		complain(errors, "field 'diff': %s", err_last());
		goto done;
	}
	if (!p.nfiles) {
		complain(errors, "field 'diff': no file change in it (expected 'diff --git a/PATH b/PATH', "
			 "'--- a/PATH', '+++ b/PATH' and '@@' hunks)");
		goto done;
	}
	if (p.nfiles > a->max_files)
		complain(errors, "field 'diff': changes %zu files, at most %zu", p.nfiles, a->max_files);
	scope = evidence_fix_scope(ev, a->dx ? a->dx->blame_pr : 0);
	for (size_t i = 0; i < p.nfiles; i++) {
		const struct patch_file *f = &p.files[i];

		if ((f->old_path && policy_check_path(a->policy, f->old_path) < 0) ||
		    (f->new_path && policy_check_path(a->policy, f->new_path) < 0) ||
		    policy_check_model_file(a->policy, f, scope) < 0) {
			complain(errors, "field 'diff': %s", err_last());
			a->refused = true;
		}
	}
	sys_free_list(scope);
	if (errors->len > before)
		goto done; /* nothing outside the policy is ever read */
	for (size_t i = 0; i < p.nfiles; i++) {
		const struct patch_file *f = &p.files[i];

		buf_reset(&current);
		buf_reset(&result);
		if (f->is_binary) {
			complain(errors, "field 'diff': '%s' is a binary change", patch_file_path(f));
		} else if (f->is_new) {
			if (ev->gh->ops->read_file(&current, ev->gh, f->new_path) == 0)
				complain(errors, "field 'diff': '%s' is a new file but exists on the default "
					 "branch", f->new_path);
		} else if (ev->gh->ops->read_file(&current, ev->gh, f->old_path) < 0) {
			complain(errors, "field 'diff': '%s' is not on the default branch", f->old_path);
		} else if (patch_apply_file(&result, f, current.ptr, current.len) < 0) {
			complain(errors, "field 'diff': it does not apply to '%s' on the default branch: %s",
				 f->old_path, err_last());
		}
		err_clear();
	}
	if (errors->len > before)
		goto done;
	buf_reset(&fix->diff);
	if (patch_render(&fix->diff, &p, false, NULL, NULL) < 0) {
		complain(errors, "field 'diff': %s", err_last());
		goto done;
	}
	fix->paths = xcalloc(p.nfiles + 1, sizeof(char *));
	for (size_t i = 0; i < p.nfiles; i++)
		fix->paths[fix->npaths++] = xstrdup(patch_file_path(&p.files[i]));
	qsort(fix->paths, fix->npaths, sizeof(char *), by_str);
done:
	patch_release(&p);
	buf_release(&current);
	buf_release(&result);
}

static int check_fix(struct ask *a, json_t *answer, struct buf *errors)
{
	struct diagnose_fix *fix = a->result;
	size_t before = errors->len;
	size_t max_diff = a->policy ? a->policy->max_diff_bytes : 256 * 1024;
	const char *decision, *description, *diff;
	bool own = false;

	diagnose_fix_release(fix);
	if (!json_is_object(answer)) {
		complain(errors, "the answer is not a JSON object");
		return ERR_INPUT;
	}
	decision = diagnose_answer_str(answer, "decision", true, 32, errors);
	description = diagnose_answer_str(answer, "description", false, 3000, errors);
	diff = diagnose_answer_str(answer, "diff", false, max_diff < MODEL_ANSWER_MAX ? max_diff : MODEL_ANSWER_MAX,
			 errors);
	if (decision && strcmp(decision, "use_candidate") && strcmp(decision, "own_diff"))
		complain(errors, "field 'decision': '%s' is not one of use_candidate, own_diff", decision);
	else if (decision && !strcmp(decision, "use_candidate") && !a->candidate)
		complain(errors, "field 'decision': there is no candidate fix (%s): answer own_diff",
			 a->candidate_error ? a->candidate_error : "none was built");
	else if (decision && !strcmp(decision, "own_diff")) {
		own = true;
		if (!diff || !*diff)
			complain(errors, "field 'diff': own_diff needs the diff");
		else if (errors->len == before)
			check_diff(a, diff, errors, fix);
		if (!description || !*description)
			complain(errors, "field 'description': own_diff needs a description of the change");
	}
	if (errors->len > before) {
		diagnose_fix_release(fix);
		return ERR_INPUT;
	}
	fix->valid = true;
	fix->own_diff = own;
	fix->description = description && *description ? diagnose_answer_text(description, false) : NULL;
	return 0;
}

static int render_fix(struct prompt *out, struct ask *a, size_t budget)
{
	return prompt_remediate(out, a->ev, a->dx, a->candidate, a->candidate_error, a->max_files,
				budget);
}

/* A list of at most 8 one-line strings of at most 400 bytes. */
static char **string_list(json_t *answer, const char *key, bool required, struct buf *errors)
{
	json_t *v = json_object_get(answer, key), *item;
	char **out;
	size_t i;

	if (!v || json_is_null(v)) {
		if (required)
			complain(errors, "field '%s': missing", key);
		return xcalloc(1, sizeof(char *));
	}
	if (!json_is_array(v) || json_array_size(v) > 8) {
		complain(errors, "field '%s': expected a list of at most 8 strings", key);
		return NULL;
	}
	json_array_foreach(v, i, item) {
		if (!json_is_string(item) || !json_string_length(item) || json_string_length(item) > 400) {
			complain(errors, "field '%s[%zu]': expected a string of 1 to 400 bytes", key, i);
			return NULL;
		}
	}
	out = xcalloc(json_array_size(v) + 1, sizeof(char *));
	json_array_foreach(v, i, item) {
		out[i] = diagnose_answer_text(json_string_value(item), true);
	}
	return out;
}

static int check_notes(struct ask *a, json_t *answer, struct buf *errors)
{
	struct diagnose_notes *n = a->result;
	size_t before = errors->len;
	const char *impact;

	diagnose_notes_release(n);
	if (!json_is_object(answer)) {
		complain(errors, "the answer is not a JSON object");
		return ERR_INPUT;
	}
	n->first_checks = string_list(answer, "first_checks", true, errors);
	n->prevention = string_list(answer, "prevention", false, errors);
	impact = diagnose_answer_str(answer, "customer_impact", false, 800, errors);
	if (errors->len > before) {
		diagnose_notes_release(n);
		return ERR_INPUT;
	}
	n->customer_impact = diagnose_answer_text(impact ? impact : "", true);
	n->valid = true;
	return 0;
}

static int render_notes(struct prompt *out, struct ask *a, size_t budget)
{
	return prompt_artifacts(out, a->ev, a->dx, a->candidate, budget);
}

static void *ask_thread(void *arg)
{
	run_ask(arg);
	return NULL;
}

void diagnose_follow_up(struct diagnose_fix *fix, struct diagnose_notes *notes,
			struct diagnose_engine *e, const struct evidence *ev,
			const struct diagnosis *dx, const struct plan *candidate,
			const char *candidate_error, const struct policy *policy)
{
	struct ask fa = {0}, na = {0};
	bool want_fix = diagnose_writes_diff(dx->remediation);
	pthread_t thread;
	bool threaded = false;

	memset(fix, 0, sizeof(*fix));
	buf_init(&fix->diff, 0);
	memset(notes, 0, sizeof(*notes));
	if (!e || !e->model)
		return;
	ask_init(&fa, e, "remediation", "remediate", fix_schema(), render_fix, check_fix);
	fa.result = fix;
	ask_init(&na, e, "artifacts", "artifacts", notes_schema(), render_notes, check_notes);
	na.result = notes;
	for (struct ask *a = &fa; a; a = a == &fa ? &na : NULL) {
		a->ev = ev;
		a->dx = dx;
		a->candidate = candidate;
		a->candidate_error = candidate_error;
		a->policy = policy;
		a->actions = e->actions;
		a->max_files = policy ? policy->max_files : e->max_files ? e->max_files : 20;
	}
	if (want_fix) {
		if (!e->serial && pthread_create(&thread, NULL, ask_thread, &fa) == 0)
			threaded = true;
		else
			run_ask(&fa);
	}
	run_ask(&na);
	if (threaded)
		pthread_join(thread, NULL);
	if (want_fix) {
		if (fa.degraded)
			push(&e->degraded, &e->ndegraded,
			     xasprintf("remediation: %s%s; %s", fa.refused ? "the model's fix was refused: " : "",
				       fa.degraded, candidate ? "the offline plan was used"
							      : "no fix could be planned"));
		collect(e, &fa);
	}
	if (na.degraded)
		push(&e->degraded, &e->ndegraded,
		     xasprintf("artifacts: %s; the runbook and recommendations have no model notes",
			       na.degraded));
	collect(e, &na);
	ask_release(&fa);
	ask_release(&na);
}

/* ---- questions of other commands ---- */

static int render_question(struct prompt *out, struct ask *a, size_t budget)
{
	return a->q->render(out, a->q->ctx, budget);
}

static int check_question(struct ask *a, json_t *answer, struct buf *errors)
{
	return a->q->check(a->q->ctx, answer, errors, &a->refused);
}

int diagnose_ask(struct diagnose_engine *e, const struct diagnose_question *q, char **why, bool *refused)
{
	struct ask a = {0};
	int error;

	*why = NULL;
	*refused = false;
	if (!e || !e->model)
		return err_set(ERR_USAGE, "no model is configured");
	ask_init(&a, e, q->what, q->prompt_name, json_incref(q->schema), render_question, check_question);
	a.q = q;
	if ((error = run_ask(&a)) < 0) {
		*why = xstrdup(a.degraded ? a.degraded : "the model gave no usable answer");
		*refused = a.refused;
	}
	collect(e, &a);
	ask_release(&a);
	return error;
}
