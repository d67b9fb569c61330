#include "common.h"
#include "cli/config.h"
#include "cli/cmd_adapt.h"
#include "cli/cmd_digest.h"
#include "cli/cmd_repair.h"
#include "cli/cmd_respond.h"
#include "util/err.h"

extern char **environ;

/*
 * The command table. main() is the only place that calls exit(): every command
 * returns an exit status of DESIGN §3.
 */
struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct command commands[] = {
	{"respond", cmd_respond, "respond to an incident: diagnose, fix branch, issue, PR, knowledge base"},
	{"apply", cmd_apply, "carry out a plan of respond --plan-only with the write token (no model)"},
	{"replay", cmd_replay, "replay a recorded scenario offline (respond --offline)"},
	{"adapt", cmd_adapt, "print the normalized alert of a native, Azure Monitor or Alertmanager payload"},
	{"digest", cmd_digest, "print the evidence digest of log files"},
	{"repair", cmd_repair, "self-healing CI: re-run, correct or hand over a failed fix pull request"},
	{"version", cmd_version, "print the version"},
	{"help", cmd_help, "show this help, a command's (help COMMAND) or the environment's (help env)"},
};

static void usage(FILE *f)
{
	fputs("usage: aiops-agent <command> [options]\n\ncommands:\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'aiops-agent <command> --help' explains a command.\n", f);
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "env")) {
		puts("environment variables aiops-agent reads (README.md says more):");
		config_print(stdout);
		return EXIT_DONE;
	}
	if (!(c = find(argv[1])) || c->fn == cmd_help) {
		if (!c) {
			fprintf(stderr, "aiops-agent: unknown command '%s'\n", argv[1]);
			return EXIT_BAD_INPUT;
		}
		usage(stdout);
		return EXIT_DONE;
	}
	{
		char *args[] = {argv[1], (char *)"--help", NULL};

		return c->fn(2, args);
	}
}

static int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: aiops-agent version\n\nPrint the version of aiops-agent.");
		return EXIT_DONE;
	}
	puts("aiops-agent " AIOPS_VERSION);
	return EXIT_DONE;
}

int main(int argc, char **argv)
{
	const struct command *c;

	config_load(environ);
	if (argc < 2) {
		usage(stderr);
		return EXIT_BAD_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv + 1);
	if (!strcmp(argv[1], "--version"))
		return cmd_version(1, argv + 1);
	if (!(c = find(argv[1]))) {
		fprintf(stderr, "aiops-agent: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_BAD_INPUT;
	}
	exit(c->fn(argc - 1, argv + 1));
}
