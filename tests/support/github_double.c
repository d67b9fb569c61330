/*
 * github_double.c - the Node.js GitHub double as a child process of a test (see the header).
 */
#include "common.h"
#include "github_double.h"
#include "harness.h"
#include "io/http.h"
#include "util/jsonx.h"
#include "util/sys.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int gh_double_up(struct gh_double *d, const char *const *args)
{
	static int started;
	char *server = sys_path_join(harness_root(), "tests/doubles/github/server.js");
	char *spec = sys_path_join(harness_root(), "tests/doubles/github/node_modules/@octokit/openapi/"
						   "generated/api.github.com.json");
	char *name = started++ ? xasprintf("double-%d.log", started) : xstrdup("double.log");
	char *log = sys_path_join(harness_tmpdir(), name);
	const char *argv[40];
	int in[2], out[2];
	size_t n = 0;
	struct buf line = BUF_INIT;
	int error = 0;

	memset(d, 0, sizeof(*d));
	d->pid = -1;
	d->in_fd = -1;
	if (!sys_is_file(spec)) {
		error = err_set(ERR_NOTFOUND, "the GitHub double's dependencies are missing ('%s'): run "
			       "tests/doubles/github/install.sh (make test does)", spec);
		goto done;
	}
	argv[n++] = "node";
	argv[n++] = server;
	argv[n++] = "--watch-stdin";
	for (size_t i = 0; args[i] && n + 1 < ARRAY_SIZE(argv); i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if (pipe(in) < 0 || pipe(out) < 0) {
		error = err_set(ERR_IO, "cannot create pipes for the GitHub double");
		goto done;
	}
	if ((d->pid = fork()) == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(in[0], 0);
		dup2(out[1], 1);
		if (fd >= 0)
			dup2(fd, 2);
		close(in[1]);
		close(out[0]);
		execvp("node", (char *const *)argv);
		fprintf(stderr, "cannot run node: is Node.js (>= 18) installed?\n");
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	d->in_fd = in[1];
	fcntl(d->in_fd, F_SETFD, FD_CLOEXEC); /* children of the test must not keep it open */
	for (;;) {
		struct pollfd p = {out[0], POLLIN, 0};
		char c;

		if (poll(&p, 1, 30000) <= 0 || read(out[0], &c, 1) != 1)
			break;
		if (c == '\n')
			break;
		buf_putf(&line, "%c", c);
	}
	close(out[0]);
	if (jsonx_parse(&d->info, line.ptr, line.len, "the double's first line") < 0 ||
	    !(d->url = jsonx_str(d->info, "url"))) {
		struct buf why = BUF_INIT;

		sys_read_file(&why, log, 1 << 16);
		buf_rtrim(&why);
		error = err_set(ERR_FAIL, "the GitHub double did not start (node on PATH? see '%s'): %s",
				log, why.ptr);
		buf_release(&why);
		goto done;
	}
	d->git = jsonx_str(d->info, "git");
	d->repository = jsonx_str(d->info, "repository");
done:
	if (error < 0 && d->pid > 0) {
		close(d->in_fd);
		kill(d->pid, SIGTERM);
		waitpid(d->pid, NULL, 0);
		d->pid = -1;
	}
	buf_release(&line);
	free(server);
	free(spec);
	free(name);
	free(log);
	return error;
}

void gh_double_down(struct gh_double *d)
{
	if (d->pid > 0) {
		close(d->in_fd);
		kill(d->pid, SIGTERM);
		waitpid(d->pid, NULL, 0);
	}
	json_decref(d->info);
	memset(d, 0, sizeof(*d));
}

json_t *gh_double_ctl(struct gh_double *d, const char *method, const char *what, const char *body)
{
	struct http_req req = HTTP_REQ_INIT;
	struct http_resp resp = HTTP_RESP_INIT;
	char *url = xasprintf("%s/__double/%s", d->url, what);
	json_t *v = NULL;

	req.method = method;
	req.url = url;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.max_attempts = 1;
	if (http_perform(&resp, &req) == 0 && resp.status < 300)
		jsonx_parse(&v, resp.body.ptr, resp.body.len, url);
	http_resp_release(&resp);
	free(url);
	return v;
}

size_t gh_double_violations(struct gh_double *d, size_t expected)
{
	json_t *v = gh_double_ctl(d, "GET", "violations", NULL), *e;
	size_t n, i;

	if (!v)
		return 9999;
	n = json_array_size(v);
	if (n != expected)
		json_array_foreach(v, i, e)
			fprintf(stderr, "    violation: %s %s (%s): %s\n", jsonx_str(e, "method"),
				jsonx_str(e, "path"), jsonx_str(e, "operation"), jsonx_str(e, "message"));
	json_decref(v);
	return n;
}

json_t *gh_double_state(struct gh_double *d)
{
	return gh_double_ctl(d, "GET", "state", NULL);
}
