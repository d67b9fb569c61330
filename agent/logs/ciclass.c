#include "common.h"
#include "logs/ciclass.h"
#include "logs/digest_types.h"
#include "util/buf.h"
#include "util/alloc.h"

#include <pthread.h>
#include <regex.h>

/*
 * The patterns. Each row is what a tool really prints when it fails (the messages of
 * Flyway, javac, tsc, go, rustc, pytest, jest, prettier, black, npm, pip, Maven, the
 * Actions runner ...), general enough to hold across versions; no row names a project.
 * `icase` rows ignore case. See ciclass.h for what the ranks mean.
 */
struct row {
	const char *name;
	enum ciclass_kind kind;
	bool infra;
	int rank;
	bool icase;
	const char *re; /* POSIX extended */
};

static const struct row rows[] = {
	/* The runner itself: lost, killed, out of memory or disk. Re-run. */
	{"runner-shutdown", CICLASS_RUNNER, true, 90, false, "runner has received a shutdown signal"},
	{"runner-lost", CICLASS_RUNNER, true, 90, true, "lost communication with the server"},
	{"runner-hosted-error", CICLASS_RUNNER, true, 90, false,
	 "hosted runner encountered an error|runner .*did not connect|Runner .*is offline"},
	{"disk-full", CICLASS_RUNNER, true, 90, true, "no space left on device|ENOSPC"},
	{"oom-killed", CICLASS_RUNNER, true, 90, false,
	 "OOMKilled|Out of memory: Killed process|exit code 137|signal: killed|JavaScript heap out of "
	 "memory|java\\.lang\\.OutOfMemoryError|Cannot allocate memory"},
	/* Migrations that clash or fail validation. */
	{"flyway-duplicate-version", CICLASS_MIGRATION, false, 80, false,
	 "Found more than one migration with version"},
	{"flyway-validate", CICLASS_MIGRATION, false, 80, false,
	 "Migrations? (have )?failed validation|Migration checksum mismatch|Detected resolved migration "
	 "not applied|FlywayException"},
	{"django-migration-conflict", CICLASS_MIGRATION, false, 80, false, "Conflicting migrations detected"},
	{"rails-duplicate-migration", CICLASS_MIGRATION, false, 80, false,
	 "DuplicateMigration(Version|Name)Error|Multiple migrations have the (version|name)"},
	{"alembic-multiple-heads", CICLASS_MIGRATION, false, 80, false, "Multiple head revisions are present"},
	{"liquibase", CICLASS_MIGRATION, false, 80, false, "liquibase\\.exception\\.[A-Za-z]+Exception"},
	/* Files that do not parse. */
	{"yaml-syntax", CICLASS_SYNTAX, false, 75, false,
	 "yaml: line [0-9]+:|mapping values are not allowed|could not find expected ':'|did not find "
	 "expected (key|node)|found character that cannot start any token|YAMLException|while "
	 "parsing a (block|flow) (mapping|sequence)|ParserError|ScannerError"},
	{"json-syntax", CICLASS_SYNTAX, false, 75, false,
	 "Unexpected token .* in JSON|Unexpected end of JSON input|JSONDecodeError|Expecting "
	 "(property name|value|',' delimiter|':' delimiter)|invalid character .* looking for|"
	 "JsonParseException|is not valid JSON"},
	{"toml-syntax", CICLASS_SYNTAX, false, 75, false, "TOML parse error|toml: line [0-9]+"},
	/* The compiler refused the code. */
	/* a formatter speaking in a compiler's diagnostic shape (file:line:col: error:) is a formatter */
	{"clang-format", CICLASS_LINT, false, 72, false,
	 "clang-format-violations|code should be clang-formatted"},
	{"javac", CICLASS_COMPILE, false, 70, false,
	 "error: cannot find symbol|\\.java:\\[[0-9]+,[0-9]+\\] |COMPILATION ERROR|Compilation failed"},
	{"c-family", CICLASS_COMPILE, false, 70, false,
	 "\\.(c|cc|cpp|cxx|h|hpp|m|mm|swift|kt|scala|cs|java):[0-9]+(:[0-9]+)?: (fatal )?error|"
	 "undefined reference to|error CS[0-9]{4}:"},
	{"go", CICLASS_COMPILE, false, 70, false,
	 "\\.go:[0-9]+:[0-9]+: (undefined|cannot use|imported and not used|syntax error|too many|"
	 "not enough|missing return)"},
	{"rust", CICLASS_COMPILE, false, 70, false, "error\\[E[0-9]{4}\\]|could not compile `"},
	{"typescript", CICLASS_COMPILE, false, 70, false, "error TS[0-9]+:"},
	{"python-name", CICLASS_COMPILE, false, 70, false,
	 "NameError: name '[^']+' is not defined|ImportError: cannot import name|SyntaxError: "},
	/* A test ran and failed. */
	{"junit", CICLASS_TEST, false, 60, false,
	 "Tests run: [0-9]+, Failures: [1-9]|Tests run: [0-9]+, Failures: [0-9]+, Errors: [1-9]|"
	 "There (was|were) [0-9]+ failures?|AssertionFailedError|ComparisonFailure"},
	{"assertion", CICLASS_TEST, false, 60, false,
	 "AssertionError|assert_eq!|assertion failed|Assertion failed|expected:? .* (but was|but got|"
	 "to equal|to be|received)"},
	{"pytest", CICLASS_TEST, false, 60, false, "^FAILED [^ ]+::|^E +assert |(^|[^0-9])[1-9][0-9]* failed(,| in )"},
	{"go-test", CICLASS_TEST, false, 60, false, "^--- FAIL: |^FAIL\t"},
	{"jest-mocha", CICLASS_TEST, false, 60, false,
	 "Tests?: +[1-9][0-9]* failed|Test Suites: [1-9][0-9]* failed|[1-9][0-9]* failing$|● .* › "},
	{"gtest", CICLASS_TEST, false, 60, false, "\\[  FAILED  \\]"},
	/* A linter or formatter asked for changes. */
	{"formatter", CICLASS_LINT, false, 50, false,
	 "Code style issues found|would reformat |would be reformatted|format violations|Diff in .* at line [0-9]+|"
	 "gofmt|Run Prettier with --write|cargo fmt"},
	/* `git diff --exit-code` after a formatter: the diff is what the formatter wants */
	{"formatter-diff", CICLASS_LINT, false, 50, false, "^diff --git a/[^ ]+ b/"},
	{"linter", CICLASS_LINT, false, 50, false,
	 "[0-9]+ problems? \\([0-9]+ errors?|offenses? detected|Checkstyle violations|"
	 "\\.py:[0-9]+:[0-9]+: [EFW][0-9]{3} |SC[0-9]{4}(:| \\()|ktlint|golangci-lint|clippy::"},
	/* The network and registries: re-run. */
	{"registry-status", CICLASS_NETWORK, true, 45, false,
	 "(429|500|502|503|504) (Too Many Requests|Internal Server Error|Bad Gateway|Service "
	 "Unavailable|Gateway Time-?out)|status code:? (429|5[0-9][0-9])|returned error: (429|5[0-9][0-9])|"
	 "toomanyrequests|API rate limit exceeded|received HTTP code (429|5[0-9][0-9])"},
	{"connection", CICLASS_NETWORK, true, 45, true,
	 "ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|connection reset by peer|could not resolve "
	 "host|temporary failure in name resolution|TLS handshake timeout|socket hang up|"
	 "npm ERR! network|Connection timed out|Read timed out|i/o timeout"},
	/* A package or version that cannot be found. */
	{"dependency", CICLASS_DEPENDENCY, false, 40, false,
	 "Could not resolve dependencies|Could not find artifact|ERESOLVE|npm ERR! code E404|"
	 "No matching distribution found|Could not find a version that satisfies|failed to select a "
	 "version|NU110[0-9]|unknown revision|Could not resolve all (files|dependencies)|"
	 "Unable to resolve dependency|version solving failed"},
	/* Permissions, then time. */
	{"permission", CICLASS_PERMISSION, false, 35, false,
	 "Resource not accessible by integration|Permission denied \\(publickey\\)|EACCES|"
	 "The requested URL returned error: 403|remote: Permission to .* denied|403 Forbidden"},
	{"timeout", CICLASS_TIMEOUT, false, 30, false,
	 "exceeded the maximum execution time|has timed out|timed out after [0-9]+|Timeout of "
	 "[0-9]+ms exceeded|TimeoutException|deadline exceeded"},
};

#define EVIDENCE_BYTES 160 /* of the line a lead quotes */
#define EVIDENCE_LEAD 60    /* bytes before the match kept, when the line is longer */

static const char *const kind_names[] = {
	[CICLASS_NONE] = "none", [CICLASS_COMPILE] = "compile", [CICLASS_TEST] = "test",
	[CICLASS_LINT] = "lint", [CICLASS_DEPENDENCY] = "dependency", [CICLASS_NETWORK] = "network",
	[CICLASS_RUNNER] = "runner", [CICLASS_TIMEOUT] = "timeout", [CICLASS_PERMISSION] = "permission",
	[CICLASS_MIGRATION] = "migration", [CICLASS_SYNTAX] = "syntax",
};

static regex_t compiled[ARRAY_SIZE(rows)];
static bool usable[ARRAY_SIZE(rows)];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The table is constant, so a row that does not compile is a bug: it is skipped, never fatal. */
static void compile_rows(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		usable[i] = regcomp(&compiled[i], rows[i].re,
				    REG_EXTENDED | REG_NEWLINE | (rows[i].icase ? REG_ICASE : 0)) == 0;
}

const char *ciclass_name(enum ciclass_kind kind)
{
	return (size_t)kind < ARRAY_SIZE(kind_names) && kind_names[kind] ? kind_names[kind] : "none";
}

/* Past "2026-11-18T03:12:00.1234567Z " (the runner's stamp) and Actions' "##[error]". */
static const char *skip_prefix(const char *s, const char *end)
{
	const char *p = s;

	if (end - p > 20 && p[4] == '-' && p[7] == '-' && p[10] == 'T') {
		while (p < end && *p != ' ')
			p++;
		if (p < end && p[-1] == 'Z')
			s = p + 1;
	}
	return s;
}

void ciclass_line(struct ciclass_match *out, const char *line, size_t len)
{
	const char *start = skip_prefix(line, line + len);
	char *text = xstrndup(start, (size_t)(line + len - start));

	pthread_once(&once, compile_rows);
	*out = (struct ciclass_match)CICLASS_MATCH_INIT;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		regmatch_t at;

		if (!usable[i] || rows[i].rank <= out->rank)
			continue;
		if (regexec(&compiled[i], text, 1, &at, 0) == 0) {
			out->kind = rows[i].kind;
			out->infrastructure = rows[i].infra;
			out->rank = rows[i].rank;
			out->rule = rows[i].name;
			out->line = 1;
			out->at = (size_t)(start - line) + (size_t)at.rm_so;
		}
	}
	free(text);
}

void ciclass_text(struct ciclass_match *out, const char *text, size_t len)
{
	const char *line = text, *end = text + len;
	size_t lineno = 0;

	*out = (struct ciclass_match)CICLASS_MATCH_INIT;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		struct ciclass_match m;

		lineno++;
		ciclass_line(&m, line, n);
		if (m.rank > out->rank) {
			*out = m;
			out->line = lineno;
		}
		line += n + 1;
	}
}

/* The lines ciclass_digest() reads, one per line; empty when the log is not a CI job's. */
static void digest_text(struct buf *text, const struct digest *d)
{
	if (!d->nsteps)
		return;
	for (size_t s = 0; s < d->nsteps; s++)
		for (size_t l = 0; l < d->steps[s].nlines; l++)
			buf_putf(text, "%s\n", d->steps[s].lines[l]);
	if (d->first_error)
		buf_putf(text, "%s\n", d->first_error);
	for (size_t t = 0; t < d->ntemplates; t++)
		if (d->templates[t].level == DIGEST_ERROR)
			buf_putf(text, "%s\n", d->templates[t].example);
}

void ciclass_digest(struct ciclass_match *out, const struct digest *d)
{
	struct buf text = BUF_INIT;

	digest_text(&text, d);
	ciclass_text(out, text.ptr ? text.ptr : "", text.len);
	out->line = 0; /* a line of this text, not of the log */
	buf_release(&text);
}

/*
 * The words that matched, with what comes before them on their line, at most
 * EVIDENCE_BYTES: "wrap: java.io.IOException: No space left on device" from a Maven
 * line of 600 bytes whose class is in its last words.
 */
static void put_evidence(struct buf *b, const char *text, const struct ciclass_match *m)
{
	const char *line = text;
	size_t len, from = 0, n;

	if (!line)
		return;
	for (size_t k = 1; k < m->line && (line = strchr(line, '\n')); k++)
		line++;
	if (!line)
		return;
	len = strcspn(line, "\n");
	if (m->at > EVIDENCE_LEAD && len > EVIDENCE_BYTES)
		from = m->at - EVIDENCE_LEAD;
	while (from > 0 && from < len && (line[from] & 0xC0) == 0x80)
		from--; /* not inside a UTF-8 character */
	n = len - from < EVIDENCE_BYTES ? len - from : EVIDENCE_BYTES;
	while (n > 0 && from + n < len && (line[from + n] & 0xC0) == 0x80)
		n--;
	buf_putf(b, ", on \"%s%.*s%s\"", from ? "\xE2\x80\xA6" : "", (int)n, line + from,
		 from + n < len ? "\xE2\x80\xA6" : "");
}

bool ciclass_lead(char *out, size_t size, const struct digest *d)
{
	struct ciclass_match m;
	struct buf text = BUF_INIT, lead = BUF_INIT;

	digest_text(&text, d);
	ciclass_text(&m, text.ptr ? text.ptr : "", text.len);
	if (m.kind != CICLASS_NONE) {
		buf_putf(&lead, "Failure class: %s (rule %s)", ciclass_name(m.kind), m.rule ? m.rule : "?");
		put_evidence(&lead, text.ptr, &m);
		if (m.infrastructure)
			buf_puts(&lead, ": infrastructure, re-run the job rather than change the code");
		snprintf(out, size, "%s", lead.ptr);
	}
	buf_release(&text);
	buf_release(&lead);
	return m.kind != CICLASS_NONE;
}
