/*
 * rss - run a command and print its peak resident set size, like `/usr/bin/time -f %M`.
 *
 *   rss CMD [ARGS...]
 *
 * The command's output passes through; the peak RSS in KiB (getrusage's ru_maxrss of
 * the child) is the last line on standard error. The exit status is the command's.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 2) {
		fputs("usage: rss CMD [ARGS...]\n", stderr);
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("rss: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror("rss: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("rss: wait");
		return 1;
	}
	fprintf(stderr, "%ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
