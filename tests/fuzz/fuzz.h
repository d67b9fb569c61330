/*
 * fuzz.h - what the libFuzzer harnesses of tests/fuzz/ share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput (and, when it needs one-time set-up,
 * LLVMFuzzerInitialize). The same file links two ways:
 *   - with clang's -fsanitize=fuzzer (make fuzz): libFuzzer's main mutates inputs;
 *   - with driver.c and the ASan build (make test): every file of the corpus is fed once.
 * A harness resets the state it touches on every input and frees everything it made, so
 * leak detection can stay on, and writes only under fuzz_tmpdir().
 */
#ifndef AIOPS_FUZZ_H
#define AIOPS_FUZZ_H

#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * A private temporary folder for this process (made on first use under $TMPDIR or /tmp,
 * removed at exit). Aborts when it cannot be made: the harness cannot run without it.
 */
const char *fuzz_tmpdir(void);
/* fuzz_tmpdir()/name, a new string. */
char *fuzz_path(const char *name);
/* Write `len` bytes to `path`, aborting on failure (the disk, not the input, is at fault). */
void fuzz_write(const char *path, const void *data, size_t len);
/* A NUL-terminated copy of the input; free() it. */
char *fuzz_cstr(const uint8_t *data, size_t size);
/* Abort with a message: an invariant of the code under test does not hold. */
ATTR_NORETURN ATTR_PRINTF(1, 2) void fuzz_fail(const char *fmt, ...);

#endif
