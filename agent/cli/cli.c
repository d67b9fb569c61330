#include "common.h"
#include "cli/cli.h"
#include "util/err.h"
#include "util/redact.h"
#include "util/sys.h"

int cli_parse(const char ***pos, size_t *npos, bool *help, int argc, char **argv,
	      const struct cli_opt *opts, size_t nopts)
{
	const char **out = xcalloc((size_t)argc + 1, sizeof(*out));
	bool only_positional = false;
	size_t n = 0;

	*help = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct cli_opt *o = NULL;
		const char *eq;
		size_t len;

		if (only_positional || arg[0] != '-' || !strcmp(arg, "-")) {
			out[n++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_positional = true;
			continue;
		}
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			*help = true;
			continue;
		}
		if (strncmp(arg, "--", 2)) {
			free(out);
			return err_set(ERR_USAGE, "unknown option '%s'", arg);
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		for (size_t k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == len && !strncmp(opts[k].name, arg, len))
				o = &opts[k];
		if (!o) {
			free(out);
			return err_set(ERR_USAGE, "unknown option '--%.*s'", (int)len, arg);
		}
		if (!o->takes_value) {
			if (eq) {
				free(out);
				return err_set(ERR_USAGE, "option '--%s' takes no value", o->name);
			}
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			free(out);
			return err_set(ERR_USAGE, "option '--%s' needs a value", o->name);
		}
	}
	*pos = out;
	*npos = n;
	return 0;
}

int cli_fail(int code, const char *command)
{
	/* a message may quote what failed: an input's bytes, a server's answer */
	char *message = redact_strdup(err_last());

	fprintf(stderr, "aiops-agent: %s\n", message);
	free(message);
	if (code == ERR_USAGE)
		fprintf(stderr, "see 'aiops-agent %s --help'\n", command);
	return err_exit_status(code);
}
