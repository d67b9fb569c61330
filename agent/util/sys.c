#include "common.h"
#include "util/sys.h"
#include "util/err.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t sys_read_some(int fd, char *buf, size_t cap)
{
	ssize_t n;

	do
		n = read(fd, buf, cap);
	while (n < 0 && errno == EINTR);
	return n;
}

int sys_read_file(struct buf *out, const char *path, size_t max)
{
	char chunk[65536];
	struct stat st;
	size_t total = 0;
	ssize_t n;
	int fd;
	int error = 0;

	/* O_NONBLOCK: opening a FIFO nobody writes to must not hang; regular files ignore it */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		if (errno == ENOENT)
			return err_set(ERR_NOTFOUND, "cannot read '%s': no such file", path);
		return err_set(ERR_IO, "cannot read '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		error = err_set(ERR_INPUT, "cannot read '%s': is a directory", path);
		goto done;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		error = err_set(ERR_INPUT, "cannot read '%s': not a regular file (a FIFO, socket or "
				"device is never read as input)", path);
		goto done;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		error = err_set(ERR_TOO_BIG, "'%s' is %lld bytes, over the limit of %zu bytes",
				path, (long long)st.st_size, max);
		goto done;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = err_set(ERR_IO, "cannot read '%s': %s", path, strerror(errno));
			goto done;
		}
		total += (size_t)n;
		if (total > max) {
			error = err_set(ERR_TOO_BIG, "'%s' exceeds the limit of %zu bytes", path, max);
			goto done;
		}
		if (buf_add(out, chunk, (size_t)n) < 0) {
			error = err_set(ERR_TOO_BIG, "'%s' exceeds the buffer limit", path);
			goto done;
		}
	}
done:
	close(fd);
	return error;
}

/* A relative path with no ".." part, not under .git/. */
static bool plain_relative(const char *path)
{
	const char *p = path;

	if (!*path || path[0] == '/' || !strncmp(path, ".git/", 5) || !strcmp(path, ".git"))
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n + (p[n] == '/');
	}
	return true;
}

int sys_read_confined(struct buf *out, const char *root, const char *path, size_t max)
{
	char *full, *real = NULL;
	size_t rl = strlen(root);
	int error = ERR_NOTFOUND;

	if (!plain_relative(path))
		return err_set(ERR_NOTFOUND, "no file '%.200s' in the tree: not a plain relative path", path);
	full = sys_path_join(root, path);
	real = realpath(full, NULL);
	/* a link out of the tree is not the tree's file */
	if (!real || strncmp(real, root, rl) || (real[rl] != '/' && real[rl]) || !sys_is_file(real))
		err_set(ERR_NOTFOUND, "no file '%.200s' in the tree", path);
	else
		error = sys_read_file(out, real, max);
	free(full);
	free(real);
	return error;
}

static int parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int error = 0;

	if (slash && slash != dir) {
		*slash = '\0';
		error = sys_mkdir_p(dir, 0755);
	}
	free(dir);
	return error;
}

int sys_write_file(const char *path, const void *data, size_t len)
{
	char *tmp = NULL;
	const char *p = data;
	int fd = -1;
	int error = 0;

	if ((error = parent_dirs(path)) < 0)
		return error;
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		error = err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
			goto done;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0 && errno != EINVAL) {
		error = err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		error = err_set(ERR_IO, "cannot write '%s': %s", path, strerror(errno));
done:
	if (fd >= 0)
		close(fd);
	if (error < 0)
		unlink(tmp);
	free(tmp);
	return error;
}

int sys_mkdir_p(const char *path, unsigned mode)
{
	char *p = xstrdup(path);
	int error = 0;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;

		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST) {
			error = err_set(ERR_IO, "cannot create directory '%s': %s", p, strerror(errno));
			break;
		}
		*s = saved;
		if (!saved)
			break;
	}
	if (!error && !sys_is_dir(path))
		error = err_set(ERR_IO, "cannot create directory '%s': not a directory", path);
	free(p);
	return error;
}

int sys_remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int error = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : err_set(ERR_IO, "cannot remove '%s': %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0)
			return err_set(ERR_IO, "cannot remove '%s': %s", path, strerror(errno));
		return 0;
	}
	if (!(d = opendir(path)))
		return err_set(ERR_IO, "cannot remove '%s': %s", path, strerror(errno));
	while (!error && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *child = sys_path_join(path, e->d_name);

		error = sys_remove_tree(child);
		free(child);
	}
	closedir(d);
	if (!error && rmdir(path) < 0)
		error = err_set(ERR_IO, "cannot remove '%s': %s", path, strerror(errno));
	return error;
}

int sys_copy_tree(const char *from, const char *to)
{
	char **files = NULL;
	size_t count = 0;
	struct buf content = BUF_INIT;
	int error;

	if ((error = sys_list_files(&files, &count, from)) < 0)
		return error;
	if ((error = sys_mkdir_p(to, 0755)) < 0)
		goto done;
	for (size_t i = 0; i < count && !error; i++) {
		char *src = sys_path_join(from, files[i]);
		char *dst = sys_path_join(to, files[i]);

		buf_reset(&content);
		if ((error = sys_read_file(&content, src, TREE_FILE_MAX)) == 0)
			error = sys_write_file(dst, content.ptr, content.len);
		free(src);
		free(dst);
	}
done:
	buf_release(&content);
	sys_free_list(files);
	return error;
}

bool sys_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool sys_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

long long sys_file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

struct list {
	char **items;
	size_t len;
	size_t alloc;
};

static void list_push(struct list *l, char *s)
{
	if (l->len + 2 > l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 16;
		l->items = xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	l->items[l->len++] = s;
	l->items[l->len] = NULL;
}

static int walk(struct list *l, const char *root, const char *rel)
{
	char *dir = rel ? sys_path_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *e;
	int error = 0;

	if (!d) {
		error = err_set(errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
				"cannot list '%s': %s", dir, strerror(errno));
		free(dir);
		return error;
	}
	while (!error && (e = readdir(d))) {
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *child_rel = rel ? sys_path_join(rel, e->d_name) : xstrdup(e->d_name);
		char *child = sys_path_join(root, child_rel);

		if (lstat(child, &st) != 0) {
			free(child_rel); /* gone since readdir */
		} else if (S_ISDIR(st.st_mode)) {
			error = walk(l, root, child_rel);
			free(child_rel);
		} else if (S_ISREG(st.st_mode)) {
			list_push(l, child_rel);
		} else {
			free(child_rel);
		}
		free(child);
	}
	closedir(d);
	free(dir);
	return error;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sys_list_files(char ***out, size_t *count, const char *dir)
{
	struct list l = {0};
	int error;

	list_push(&l, NULL);
	l.len = 0;
	if ((error = walk(&l, dir, NULL)) < 0) {
		sys_free_list(l.items);
		return error;
	}
	qsort(l.items, l.len, sizeof(*l.items), cmp_str);
	*out = l.items;
	*count = l.len;
	return 0;
}

void sys_free_list(char **list)
{
	if (!list)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}

char *sys_path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	while (n > 1 && a[n - 1] == '/')
		n--;
	while (*b == '/')
		b++;
	return xasprintf("%.*s/%s", (int)n, a, b);
}

const char *sys_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

double sys_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int sys_parse_time(time_t *out, const char *s)
{
	struct tm tm = {0};
	int y, mo, d, h, mi, se, oh = 0, om = 0;
	const char *p;
	long long t;

	if (strlen(s) < 19 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &se))
		return err_set(ERR_INPUT, "'%s' is not an RFC 3339 timestamp", s);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return err_set(ERR_INPUT, "'%s' is not a valid date and time", s);
	p = s + 19;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if ((*p == '+' || *p == '-') && !digits(p + 1, 2, &oh) && p[3] == ':' &&
		   !digits(p + 4, 2, &om)) {
		int sign = *p == '-' ? -1 : 1;

		if (oh > 14 || om > 59) /* offsets run from -12:00 to +14:00 */
			return err_set(ERR_INPUT, "'%s' has no valid time zone offset", s);
		oh *= sign;
		om *= sign;
		p += 6;
	} else if (*p) {
		return err_set(ERR_INPUT, "'%s' is not an RFC 3339 timestamp (time zone)", s);
	}
	if (*p)
		return err_set(ERR_INPUT, "'%s' is not an RFC 3339 timestamp (trailing text)", s);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = (long long)timegm(&tm);
	*out = (time_t)(t - oh * 3600LL - om * 60LL);
	return 0;
}

void sys_format_time(char *out, size_t size, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void sys_discard_tree(const char *path)
{
	char *message = xstrdup(err_last());
	int code = err_last_code();

	sys_remove_tree(path);
	err_set(code, "%s", message);
	free(message);
}
