#!/bin/sh
# make fuzz: run each libFuzzer harness for FUZZ_SECONDS (default 600) on its corpus.
#   tests/fuzz/run.sh BUILD_DIR NAME...   (BUILD_DIR holds fuzz-NAME, built by make fuzz)
# Environment:
#   FUZZ_SECONDS  seconds per harness (default 600)
#   FUZZ_JOBS     harnesses run at once (default 1; 2 on an idle two-core machine)
#   FUZZ_ARGS     more libFuzzer options (e.g. -max_len=65536)
# New inputs go to BUILD_DIR/corpus/NAME (tests/fuzz/corpus/NAME is read, not written;
# fold new finds into it with -merge=1, see tests/fuzz/README.md). A crash, a leak, a
# timeout or a broken invariant leaves its reproducer in BUILD_DIR/crashes/ and fails the
# run. The last lines are a table: executions, corpus size and the result per harness.
set -u
build=$1
shift
secs=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-1}
mkdir -p "$build/crashes" "$build/logs"

run_one() {
	name=$1
	mkdir -p "$build/corpus/$name"
	# shellcheck disable=SC2086
	"$build/fuzz-$name" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/crashes/$name-" ${FUZZ_ARGS:-} \
		"$build/corpus/$name" "tests/fuzz/corpus/$name" >"$build/logs/$name.log" 2>&1
	echo $? >"$build/logs/$name.rc"
}

echo "fuzz: $# harnesses, ${secs}s each, $jobs at a time (logs in $build/logs/)"
set -- "$@"
names="$*"
while [ $# -gt 0 ]; do
	batch=""
	i=0
	while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
		run_one "$1" &
		batch="$batch $1"
		shift
		i=$((i + 1))
	done
	wait
	for n in $batch; do
		echo "fuzz: $n done (exit $(cat "$build/logs/$n.rc"))"
	done
done

failed=0
printf '%-8s %14s %9s %8s %10s %7s  %s\n' harness executions exec/s corpus bytes cov result
for n in $names; do
	log=$build/logs/$n.log
	rc=$(cat "$build/logs/$n.rc")
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	files=$(find "$build/corpus/$n" "tests/fuzz/corpus/$n" -type f | wc -l)
	bytes=$(find "$build/corpus/$n" "tests/fuzz/corpus/$n" -type f -exec cat {} + | wc -c)
	if [ "$rc" -eq 0 ]; then
		result=ok
	else
		result="FAILED: $(ls "$build/crashes/$n-"* 2>/dev/null | tail -n 1)"
		failed=$((failed + 1))
	fi
	printf '%-8s %14s %9s %8s %10s %7s  %s\n' "$n" "${execs:-?}" "${rate:-?}" "$files" "$bytes" "${cov:-?}" "$result"
done
echo "fuzz: $(date -u +%Y-%m-%dT%H:%MZ), ${secs}s per harness, $failed failed"
[ "$failed" -eq 0 ]
