/*
 * model_double - an OpenAI-compatible chat completions server on loopback for
 * bench/model.sh: every request is answered after DELAY_MS, each by its own process, so
 * concurrent requests wait concurrently as they would on a real endpoint.
 *
 *   model_double PORT_FILE [DELAY_MS]
 *
 * Listens on an ephemeral port of 127.0.0.1, writes the port to PORT_FILE, serves until
 * killed. The answer depends on the task the prompt names ("# Task: diagnosis",
 * "# Task: remediation", "# Task: runbook notes") and is the one for
 * incidents/scenario-1-oom-cache. Stand-alone: no project headers.
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char diagnosis[] =
	"{\\\"category\\\": \\\"application\\\", \\\"blame_pr\\\": 214, \\\"remediation_type\\\": "
	"\\\"code_fix\\\", \\\"confidence\\\": \\\"high\\\", \\\"summary\\\": \\\"The JVM heap is "
	"exhausted since pull request #214 cached full-size cover images.\\\", \\\"root_cause\\\": "
	"\\\"BookCoverService keeps every rendered thumbnail in an unbounded map.\\\", "
	"\\\"rationale\\\": \\\"Undo the cache in the service.\\\", \\\"action\\\": null, "
	"\\\"subject\\\": null}";
static const char remediation[] =
	"{\\\"decision\\\": \\\"use_candidate\\\", \\\"diff\\\": \\\"\\\", \\\"description\\\": "
	"\\\"Reverts the unbounded thumbnail cache.\\\"}";
static const char notes[] =
	"{\\\"first_checks\\\": [\\\"Compare heap usage with the last deploy.\\\"], "
	"\\\"prevention\\\": [\\\"Bound every in-memory cache.\\\"], \\\"customer_impact\\\": "
	"\\\"Cover images failed to load.\\\"}";

static int read_request(int fd, char **body)
{
	size_t cap = 1 << 16, len = 0, want = 0;
	char *buf = malloc(cap + 1), *end;

	if (!buf)
		return -1;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *bigger = realloc(buf, cap * 2 + 1);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
		if ((n = recv(fd, buf + len, cap - len, 0)) <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if ((end = strstr(buf, "\r\n\r\n"))) {
			char *cl = NULL;

			for (char *p = buf; p < end; p++)
				if (!strncasecmp(p, "\r\ncontent-length:", 17)) {
					cl = p + 17;
					break;
				}
			want = (size_t)(end - buf) + 4 + (cl ? strtoul(cl, NULL, 10) : 0);
			if (len >= want) {
				*body = buf;
				return 0;
			}
		}
	}
	free(buf);
	return -1;
}

static void answer(int fd, int delay_ms)
{
	char *req = NULL, head[256], *reply;
	const char *content = "{}";
	struct timespec ts = {delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L};
	size_t len;
	int n;

	if (read_request(fd, &req) < 0)
		return;
	if (strstr(req, "# Task: diagnosis"))
		content = diagnosis;
	else if (strstr(req, "# Task: remediation"))
		content = remediation;
	else if (strstr(req, "# Task: runbook notes"))
		content = notes;
	free(req);
	while (nanosleep(&ts, &ts) < 0)
		;
	len = strlen(content) + 256;
	if (!(reply = malloc(len)))
		return;
	n = snprintf(reply, len,
		     "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
		     "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,"
		     "\"completion_tokens\":100,\"total_tokens\":1100}}", content);
	snprintf(head, sizeof(head),
		 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
		 "Connection: close\r\n\r\n", n);
	if (send(fd, head, strlen(head), MSG_NOSIGNAL) > 0)
		(void)send(fd, reply, (size_t)n, MSG_NOSIGNAL);
	free(reply);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int fd, delay_ms = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 1000;
	FILE *f;

	if (argc < 2) {
		fprintf(stderr, "usage: model_double PORT_FILE [DELAY_MS]\n");
		return 2;
	}
	signal(SIGCHLD, SIG_IGN);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 64) < 0 || getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
		perror("model_double");
		return 1;
	}
	if (!(f = fopen(argv[1], "w"))) {
		perror(argv[1]);
		return 1;
	}
	fprintf(f, "%d\n", ntohs(a.sin_port));
	fclose(f);
	for (;;) {
		int c = accept(fd, NULL, NULL);
		pid_t pid;

		if (c < 0)
			continue;
		if ((pid = fork()) == 0) {
			close(fd);
			answer(c, delay_ms);
			shutdown(c, SHUT_RDWR);
			close(c);
			_exit(0);
		}
		close(c);
	}
}
