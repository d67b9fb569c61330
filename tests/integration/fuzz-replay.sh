#!/bin/sh
# The fuzz corpora (tests/fuzz/corpus/<harness>/: seeds from the fixtures, inputs the
# fuzzer kept, and every crash found, kept as a regression) replayed through the
# standalone driver (tests/fuzz/driver.c) in the ASan/UBSan build: one line per harness,
# ending with "fuzz-replay: N passed, N failed". Run by make test (tests/run.sh), which
# sets AIOPS_BIN; the drivers are built beside it in fuzz/.
set -u
bin_dir=$(dirname "${AIOPS_BIN:-build/asan/aiops-agent}")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
passed=0
failed=0
for dir in tests/fuzz/corpus/*/; do
	name=$(basename "$dir")
	driver=$bin_dir/fuzz/$name
	n=$(find "$dir" -type f | wc -l)
	if [ ! -x "$driver" ]; then
		echo "not ok fuzz-replay $name: no driver $driver (make $driver)"
		failed=$((failed + 1))
	elif "$driver" "$dir" >"$out" 2>&1; then
		echo "ok fuzz-replay $name ($n inputs)"
		passed=$((passed + 1))
	else
		# the driver names each input before running it: the last one named is the culprit
		echo "not ok fuzz-replay $name: $(grep '^input ' "$out" | tail -n 1)"
		grep -v '^input ' "$out" | head -30 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
echo "fuzz-replay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
