/*
 * driver.c - the standalone driver of the fuzz harnesses (after libgit2's
 * fuzzers/standalone_driver.c): feeds every file of the folders (or files) named on the
 * command line to LLVMFuzzerTestOneInput once, so the corpora replay in the ordinary
 * ASan/UBSan build without clang or libFuzzer.
 *
 *   build/asan/fuzz/<harness> DIR_OR_FILE...
 *
 * Prints "<harness>: N inputs" and exits 0; a crash or an invariant broken aborts with
 * the sanitizer's report, naming the input first on standard error.
 */
#include "common.h"
#include "fuzz.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/sys.h"

#include <stdio.h>
#include <stdlib.h>

/* libFuzzer calls it when a harness defines it; so does this driver. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path)
{
	struct buf data = BUF_INIT;
	uint8_t *copy;

	if (sys_read_file(&data, path, (size_t)64 << 20) < 0) {
		fprintf(stderr, "fuzz driver: %s\n", err_last());
		buf_release(&data);
		return -1;
	}
	/* An exact-size copy, so ASan sees a read one byte past the input as libFuzzer would. */
	copy = malloc(data.len ? data.len : 1);
	if (!copy) {
		buf_release(&data);
		return -1;
	}
	memcpy(copy, data.ptr, data.len);
	fprintf(stderr, "input %s\n", path);
	LLVMFuzzerTestOneInput(copy, data.len);
	free(copy);
	buf_release(&data);
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = sys_basename(argv[0]);
	size_t inputs = 0;
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR_OR_FILE...\n", name);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		char **files = NULL;
		size_t n = 0;

		if (!sys_is_dir(argv[i])) {
			failed |= run_file(argv[i]) < 0;
			inputs++;
			continue;
		}
		if (sys_list_files(&files, &n, argv[i]) < 0) {
			fprintf(stderr, "fuzz driver: %s\n", err_last());
			return 2;
		}
		for (size_t k = 0; k < n; k++) {
			char *path = sys_path_join(argv[i], files[k]);

			failed |= run_file(path) < 0;
			inputs++;
			free(path);
		}
		sys_free_list(files);
	}
	printf("%s: %zu inputs\n", name, inputs);
	return failed ? 1 : 0;
}
