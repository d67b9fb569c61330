#include "common.h"
#include "double.h"
#include "util/err.h"
#include "util/sys.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct http_double {
	int fd;
	char url[64];
	pthread_t thread;
	pthread_mutex_t lock;
	bool stopping;
	double_handler handler;
	void *ctx;
	struct double_request *reqs;
	size_t nreqs;
};

static char *strcasestr_portable(char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return hay;
	return NULL;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0)
		;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Read one request: headers, then Content-Length bytes of body. */
static bool read_request(int fd, struct double_request *r)
{
	struct buf in = BUF_INIT;
	char chunk[8192];
	char *end = NULL;
	size_t want = 0;
	bool ok = false;

	for (;;) {
		ssize_t n = recv(fd, chunk, sizeof(chunk), 0);

		if (n <= 0)
			goto done;
		if (buf_add(&in, chunk, (size_t)n) < 0)
			goto done;
		/* the buffer may have moved: look for the end of the headers again */
		end = strstr(in.ptr, "\r\n\r\n");
		if (end && !want) {
			char *cl = strcasestr_portable(in.ptr, "\r\ncontent-length:");

			want = (size_t)(end - in.ptr) + 4 + (cl ? strtoul(cl + 17, NULL, 10) : 0);
		}
		if (end && in.len >= want)
			break;
	}
	{
		char *sp1 = strchr(in.ptr, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		char *eol = strstr(in.ptr, "\r\n");
		size_t hdr_end = (size_t)(strstr(in.ptr, "\r\n\r\n") - in.ptr);

		if (!sp1 || !sp2 || !eol)
			goto done;
		r->method = xstrndup(in.ptr, (size_t)(sp1 - in.ptr));
		r->path = xstrndup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
		r->headers = xstrndup(eol + 2, hdr_end - (size_t)(eol + 2 - in.ptr) + 2);
		buf_init(&r->body, 0);
		if (buf_add(&r->body, in.ptr + hdr_end + 4, in.len - hdr_end - 4) < 0)
			goto done;
		ok = true;
	}
done:
	buf_release(&in);
	return ok;
}

static void *serve(void *arg)
{
	struct http_double *d = arg;

	for (;;) {
		struct pollfd p = {d->fd, POLLIN, 0};
		struct double_request req = {0};
		struct double_reply reply = {0};
		struct buf out = BUF_INIT;
		size_t index;
		int c;

		if (poll(&p, 1, 50) <= 0) {
			bool stop;

			pthread_mutex_lock(&d->lock);
			stop = d->stopping;
			pthread_mutex_unlock(&d->lock);
			if (stop)
				return NULL;
			continue;
		}
		if ((c = accept(d->fd, NULL, NULL)) < 0)
			continue;
		if (!read_request(c, &req)) {
			close(c);
			continue;
		}
		pthread_mutex_lock(&d->lock);
		index = d->nreqs;
		d->reqs = xrealloc(d->reqs, (d->nreqs + 1) * sizeof(*d->reqs));
		d->reqs[d->nreqs++] = req;
		pthread_mutex_unlock(&d->lock);
		reply.status = 200;
		d->handler(&d->reqs[index], index, &reply, d->ctx);
		if (reply.delay_ms)
			sleep_ms(reply.delay_ms);
		if (reply.status) {
			size_t len = reply.body ? (reply.body_len ? reply.body_len : strlen(reply.body)) : 0;
			size_t send_len = reply.truncate_at && reply.truncate_at < len ? reply.truncate_at : len;

			buf_putf(&out, "HTTP/1.1 %d X\r\nContent-Length: %zu\r\nConnection: close\r\n%s\r\n",
				 reply.status, len, reply.headers ? reply.headers : "");
			if (write_all(c, out.ptr, out.len) && send_len)
				write_all(c, reply.body, send_len);
		}
		buf_release(&out);
		shutdown(c, SHUT_RDWR);
		close(c);
	}
}

int double_start(struct http_double **out, double_handler handler, void *ctx)
{
	struct http_double *d = xcalloc(1, sizeof(*d));
	struct sockaddr_in a = {0};
	socklen_t len = sizeof(a);

	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((d->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(d->fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(d->fd, 64) < 0 ||
	    getsockname(d->fd, (struct sockaddr *)&a, &len) < 0) {
		if (d->fd >= 0)
			close(d->fd);
		free(d);
		return err_set(ERR_IO, "cannot start the HTTP double on loopback");
	}
	snprintf(d->url, sizeof(d->url), "http://127.0.0.1:%d", ntohs(a.sin_port));
	d->handler = handler;
	d->ctx = ctx;
	pthread_mutex_init(&d->lock, NULL);
	pthread_create(&d->thread, NULL, serve, d);
	*out = d;
	return 0;
}

const char *double_url(const struct http_double *d)
{
	return d->url;
}

size_t double_count(struct http_double *d)
{
	size_t n;

	pthread_mutex_lock(&d->lock);
	n = d->nreqs;
	pthread_mutex_unlock(&d->lock);
	return n;
}

const struct double_request *double_request(struct http_double *d, size_t i)
{
	const struct double_request *r;

	pthread_mutex_lock(&d->lock);
	r = i < d->nreqs ? &d->reqs[i] : NULL;
	pthread_mutex_unlock(&d->lock);
	return r;
}

char *double_header(const struct double_request *r, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = r->headers; p && *p;) {
		const char *eol = strstr(p, "\r\n");

		if (!eol)
			break;
		if (!strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1;

			while (*v == ' ')
				v++;
			return xstrndup(v, (size_t)(eol - v));
		}
		p = eol + 2;
	}
	return NULL;
}

void double_stop(struct http_double *d)
{
	pthread_mutex_lock(&d->lock);
	d->stopping = true;
	pthread_mutex_unlock(&d->lock);
	pthread_join(d->thread, NULL);
	close(d->fd);
	for (size_t i = 0; i < d->nreqs; i++) {
		free(d->reqs[i].method);
		free(d->reqs[i].path);
		free(d->reqs[i].headers);
		buf_release(&d->reqs[i].body);
	}
	free(d->reqs);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

void double_scripted(const struct double_request *req, size_t index, struct double_reply *reply,
		     void *ctx)
{
	const struct double_script *s = ctx;

	(void)req;
	*reply = s->replies[index < s->n ? index : s->n - 1];
}
