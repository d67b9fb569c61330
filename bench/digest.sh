#!/bin/sh
# Digest throughput: a deterministic synthetic application log (bench/genlog.c) of
# $AIOPS_BENCH_LOG_MB MiB (default 1024) is written to a temporary directory, then, in
# the same run, `grep -c ERROR`, `wc -l` and `aiops-agent digest --json` read it, each
# $AIOPS_BENCH_DIGEST_RUNS times (default 3; the median counts). Prints MB/s, peak RSS
# and the ratios digest/grep and digest/wc (wc -l stands for the read-bandwidth limit,
# grep -c ERROR for what an engineer would run by hand). The file is read from the page
# cache after a first warm-up read, so all three see the same conditions.
#
#   AIOPS_BIN   the binary (default bin/aiops-agent, the release build)
#   GENLOG, RSS the bench tools (default build/bench/genlog, build/bench/rss;
#               `make bench-tools` builds them)
#   TMPDIR      where the log is written (it needs the space)
set -eu
bin=${AIOPS_BIN:-bin/aiops-agent}
genlog=${GENLOG:-build/bench/genlog}
rsstool=${RSS:-build/bench/rss}
mb=${AIOPS_BENCH_LOG_MB:-1024}
runs=${AIOPS_BENCH_DIGEST_RUNS:-3}

for tool in "$bin" "$genlog"; do
	if [ ! -x "$tool" ]; then
		echo "digest bench: '$tool' is missing (run 'make bin/aiops-agent bench-tools')" >&2
		exit 2
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aiops-digest-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log="$tmp/app.log"

echo "digest bench: writing a ${mb} MiB synthetic log to $tmp ..."
"$genlog" "$mb" > "$log"
bytes=$(wc -c < "$log")
cat "$log" > /dev/null # warm the page cache

now_ns() { date +%s%N; }

# peak RSS in KiB of a command: GNU time when present, else bench/rss
peak_rss() {
	if [ -x /usr/bin/time ] && /usr/bin/time -f %M true > /dev/null 2>&1; then
		/usr/bin/time -f %M "$@" 2>&1 >"$tmp/out" | tail -n 1
	elif [ -x "$rsstool" ]; then
		"$rsstool" "$@" 2>&1 >"$tmp/out" | tail -n 1
	else
		echo "?"
	fi
}

# measure NAME CMD...: median wall time in ms of $runs runs, written to $tmp/NAME.ms
measure() {
	name=$1
	shift
	: > "$tmp/$name.times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(now_ns)
		"$@" > "$tmp/out" # not /dev/null: GNU grep then stops at the first match
		t1=$(now_ns)
		echo $(( (t1 - t0) / 1000000 )) >> "$tmp/$name.times"
		i=$((i + 1))
	done
	sort -n "$tmp/$name.times" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' > "$tmp/$name.ms"
}

measure grep grep -c ERROR "$log"
measure wc wc -l "$log"
measure digest "$bin" digest "$log" --json
rss_grep=$(peak_rss grep -c ERROR "$log")
rss_wc=$(peak_rss wc -l "$log")
rss_digest=$(peak_rss "$bin" digest "$log" --json)

lines=$(wc -l < "$log")
echo
echo "aiops-agent digest bench: $(awk -v b="$bytes" 'BEGIN { printf "%.0f MiB", b / 1048576 }'), $lines lines, $runs runs each (median), $(nproc) cores, $(uname -m)"
echo
echo "| what | median s | MB/s | peak RSS MiB | digest is x slower |"
echo "|---|---:|---:|---:|---:|"
for name in grep wc digest; do
	case $name in
	grep) what="grep -c ERROR"; rss=$rss_grep ;;
	wc) what="wc -l"; rss=$rss_wc ;;
	digest) what="aiops-agent digest --json"; rss=$rss_digest ;;
	esac
	awk -v what="$what" -v ms="$(cat "$tmp/$name.ms")" -v d="$(cat "$tmp/digest.ms")" -v b="$bytes" -v rss="$rss" '
		BEGIN {
			r = (rss ~ /^[0-9]+$/) ? sprintf("%.1f", rss / 1024) : "?"
			x = (what ~ /digest/) ? "1.0" : sprintf("%.1f", d / (ms > 0 ? ms : 1))
			printf "| %s | %.2f | %.0f | %s | %s |\n", what, ms / 1000, b / 1e6 / (ms > 0 ? ms / 1000 : 1), r, x
		}'
done
echo
awk -v d="$(cat "$tmp/digest.ms")" -v g="$(cat "$tmp/grep.ms")" -v w="$(cat "$tmp/wc.ms")" -v rss="$rss_digest" '
	BEGIN {
		rg = d / (g > 0 ? g : 1)
		printf "digest/grep = %.1fx (target <= 8x: %s), digest/wc = %.1fx, digest peak RSS %s MiB (target <= 64: %s)\n",
			rg, rg <= 8 ? "met" : "NOT met", d / (w > 0 ? w : 1),
			(rss ~ /^[0-9]+$/) ? sprintf("%.1f", rss / 1024) : "?",
			(rss ~ /^[0-9]+$/) ? (rss <= 65536 ? "met" : "NOT met") : "?"
	}'
