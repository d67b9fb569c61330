/*
 * tokens - print the token estimate (logs/tokens.h) of each file: "<path>\t<tokens>".
 * bench/tokens.sh sets it beside what real tokenizers count.
 *
 *   tokens FILE...
 */
#include "common.h"
#include "logs/tokens.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/sys.h"

#include <stdio.h>

#define FILE_MAX (64u << 20)

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: tokens FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct buf text = BUF_INIT;

		if (sys_read_file(&text, argv[i], FILE_MAX) < 0) {
			fprintf(stderr, "tokens: %s\n", err_last());
			status = 1;
		} else {
			printf("%s\t%zu\n", argv[i], tokens_estimate(text.ptr ? text.ptr : "", text.len));
		}
		buf_release(&text);
	}
	return status;
}
