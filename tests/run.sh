#!/bin/sh
# Run every test suite; the last line is always "N passed, N failed".
#   tests/run.sh BUILD_DIR   (BUILD_DIR holds aiops-agent, unit-tests and integration-tests)
# Each suite streams one line per test as it runs (on stderr); the counts come from its last line.
# `tee -a`: stderr reopened for appending, so `make test >log 2>&1` keeps every line (a
# plain reopen would start the file over at each suite).
set -u
build=${1:-build/asan}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export AIOPS_BIN="$PWD/$build/aiops-agent"
passed=0
failed=0
count() {
	# $1: the output of a suite whose last line is "<suite>: N passed, N failed"
	line=$(printf '%s\n' "$1" | tail -n 1)
	p=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
	f=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
	if [ -z "$p" ]; then
		echo "suite ended without a summary line: $line"
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for suite in unit-tests integration-tests; do
	out=$("$build/$suite" 2>&1 | tee -a /dev/stderr)
	count "$out"
done

for t in tests/integration/*.sh; do
	[ -f "$t" ] || continue
	out=$(sh "$t" 2>&1 | tee -a /dev/stderr)
	count "$out"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
