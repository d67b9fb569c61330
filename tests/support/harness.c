#include "common.h"
#include "harness.h"
#include "util/settings.h"

extern char **environ;
#include "util/text.h"
#include "util/sys.h"

#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>

struct test {
	const char *suite;
	const char *name;
	harness_fn fn;
	harness_ctx_fn ctx_fn;
	void *ctx;
};

static struct test *tests;
static size_t ntests;
static bool current_failed;
static char *current_tmp;
static char root[4096];

void harness_register(const char *suite, const char *name, harness_fn fn)
{
	tests = xrealloc(tests, (ntests + 1) * sizeof(*tests));
	tests[ntests++] = (struct test){suite, name, fn, NULL, NULL};
}

void harness_register_ctx(const char *suite, const char *name, harness_ctx_fn fn, void *ctx)
{
	tests = xrealloc(tests, (ntests + 1) * sizeof(*tests));
	tests[ntests++] = (struct test){suite, name, NULL, fn, ctx};
}

int harness_run(struct buf *out, const char *fmt, ...)
{
	char *cmd, *full;
	char chunk[4096];
	size_t n;
	va_list ap;
	FILE *p;
	int status;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	if (buf_vprintf(&b, fmt, ap) < 0)
		xdie("cannot format a command");
	va_end(ap);
	cmd = buf_detach(&b);
	full = xasprintf("(%s) 2>&1", cmd);
	if (!(p = popen(full, "r"))) {
		free(cmd);
		free(full);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out && buf_add(out, chunk, n) < 0)
			break;
	status = pclose(p);
	free(cmd);
	free(full);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

const char *harness_bin(void)
{
	const char *bin = getenv("AIOPS_BIN");
	static char path[4200];

	if (bin && *bin)
		return bin;
	snprintf(path, sizeof(path), "%s/build/asan/aiops-agent", root);
	return path;
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	current_failed = true;
	fprintf(stderr, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *harness_tmpdir(void)
{
	if (!current_tmp) {
		char tmpl[] = "/tmp/aiops-unit-XXXXXX";

		if (!mkdtemp(tmpl))
			xdie("cannot create a temporary directory");
		current_tmp = xstrdup(tmpl);
	}
	return current_tmp;
}

const char *harness_root(void)
{
	return root;
}

static int by_name(const void *a, const void *b)
{
	const struct test *x = a, *y = b;
	int c = strcmp(x->suite, y->suite);

	return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	/* "unit-tests" reports as "unit", "integration-tests" as "integration" */
	const char *label = sys_basename(argv[0]);
	size_t label_len = strcspn(label, "-");
	int passed = 0, failed = 0;
	double started;

	if (!getcwd(root, sizeof(root)))
		xdie("cannot read the working directory");
	qsort(tests, ntests, sizeof(*tests), by_name);
	for (size_t i = 0; i < ntests; i++) {
		char full[256];

		snprintf(full, sizeof(full), "test_%s__%s", tests[i].suite, tests[i].name);
		if (filter && !strstr(full, filter))
			continue;
		current_failed = false;
		err_clear();
		settings_snapshot(environ); /* each test sees the environment as it is now */
		started = sys_now();
		if (tests[i].fn)
			tests[i].fn();
		else
			tests[i].ctx_fn(tests[i].ctx);
		if (chdir(root) < 0)
			xdie("cannot return to '%s'", root);
		if (current_failed) {
			printf("not ok %s (%.0f ms)\n", full, (sys_now() - started) * 1000);
			failed++;
		} else {
			printf("ok %s (%.0f ms)\n", full, (sys_now() - started) * 1000);
			passed++;
		}
		fflush(stdout);
		if (current_tmp) {
			if (!current_failed)
				sys_remove_tree(current_tmp);
			else
				fprintf(stderr, "    (sandbox kept in %s)\n", current_tmp);
			free(current_tmp);
			current_tmp = NULL;
		}
	}
	for (size_t i = 0; i < ntests; i++) {
		if (tests[i].ctx_fn) {
			free((char *)tests[i].name);
			free(tests[i].ctx);
		}
	}
	free(tests);
	printf("%.*s: %d passed, %d failed\n", (int)label_len, label, passed, failed);
	return failed ? 1 : 0;
}

char **harness_planted_secrets(const char *scenario, size_t *count)
{
	char *path = xasprintf("%s/secrets.txt", scenario);
	struct buf text = BUF_INIT;
	char **out = xcalloc(1, sizeof(char *));
	const char *cur, *line;
	size_t n = 0, len;

	if (sys_read_file(&text, path, 1 << 20) < 0)
		err_clear();
	for (cur = text.ptr; text_next_line(&cur, &line, &len);) {
		if (!len || line[0] == '#')
			continue;
		out = xrealloc(out, (n + 2) * sizeof(char *));
		out[n++] = xstrndup(line, len);
		out[n] = NULL;
	}
	buf_release(&text);
	free(path);
	*count = n;
	return out;
}

void test_setenv(const char *name, const char *value)
{
	setenv(name, value, 1);
	settings_snapshot(environ);
}

void test_unsetenv(const char *name)
{
	unsetenv(name);
	settings_snapshot(environ);
}
