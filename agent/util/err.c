#include "common.h"
#include "util/err.h"

#include <stdarg.h>

#define ERR_MSG_MAX 1024

static _Thread_local struct {
	int code;
	char msg[ERR_MSG_MAX];
} last;

/*
 * A message quotes file names and bytes of the input (a key, a path, a line): control
 * characters become '?', so a message is one printable line whatever the input holds
 * (escape sequences, a NUL, a newline that would forge another log line).
 */
static void printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

int err_set(int code, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	/* Formatted aside first: an argument may be err_last() itself ("...: %s") */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(last.msg, msg, sizeof(msg));
	printable(last.msg);
	last.code = code;
	return code;
}

void err_prefix(const char *fmt, ...)
{
	char prefix[ERR_MSG_MAX];
	char old[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, last.msg, sizeof(old));
	size_t n = strlen(prefix);

	if (n > sizeof(last.msg) - 3)
		n = sizeof(last.msg) - 3;
	memcpy(last.msg, prefix, n);
	memcpy(last.msg + n, ": ", 2);
	size_t room = sizeof(last.msg) - n - 3;
	size_t m = strlen(old);

	if (m > room)
		m = room;
	memcpy(last.msg + n + 2, old, m);
	last.msg[n + 2 + m] = '\0';
	printable(last.msg);
}

const char *err_last(void)
{
	return last.msg;
}

int err_last_code(void)
{
	return last.code;
}

void err_clear(void)
{
	last.code = 0;
	last.msg[0] = '\0';
}

int err_exit_status(int code)
{
	switch (code) {
	case ERR_OK:
		return EXIT_DONE;
	case ERR_USAGE:
	case ERR_INPUT:
	case ERR_TOO_BIG:
	case ERR_NOTFOUND:
	case ERR_IO:
		return EXIT_BAD_INPUT;
	case ERR_NET:
		return EXIT_UNREACHABLE;
	case ERR_POLICY:
		return EXIT_REFUSED;
	default:
		return EXIT_DEGRADED;
	}
}

const char *err_code_name(int code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_USAGE: return "usage";
	case ERR_INPUT: return "input";
	case ERR_TOO_BIG: return "too-big";
	case ERR_NOTFOUND: return "not-found";
	case ERR_NET: return "network";
	case ERR_POLICY: return "policy";
	case ERR_CONFLICT: return "conflict";
	case ERR_IO: return "io";
	default: return "failure";
	}
}
