#!/bin/sh
# make bench: start-up time and offline replay time of every scenario, measured in one run.
# Prints a markdown table (median and spread over repeated runs). No timing is asserted.
set -eu
bin=${AIOPS_BIN:-bin/aiops-agent}
runs=${AIOPS_BENCH_RUNS:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ns() { date +%s%N; }

# measure NAME CMD...: run CMD $runs times, print
# "| NAME | median ms | min ms | max ms | x floor |" where the floor is /bin/true's median.
floor_us=0
measure() {
	name=$1
	shift
	: > "$tmp/times"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		echo $(( (t1 - t0) / 1000 )) >> "$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk -v name="$name" -v floor="$floor_us" '
		{ v[NR] = $1 }
		END {
			med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			ratio = floor > 0 ? sprintf("%.1f", med / floor) : "1.0"
			printf "| %s | %.2f | %.2f | %.2f | %s |\n", name, med / 1000, v[1] / 1000, v[NR] / 1000, ratio
			print med > "/dev/stderr"
		}'
}

echo "aiops-agent bench: $runs runs each, $(nproc) cores, $(uname -m)"
echo
echo "| what | median ms | min ms | max ms | x floor |"
echo "|---|---:|---:|---:|---:|"
floor_us=$(measure "/bin/true (process floor)" /bin/true 2>&1 >"$tmp/floor.row" | tail -n 1)
cat "$tmp/floor.row"
measure "version (start-up)" "$bin" version 2>/dev/null
for d in incidents/*/; do
	name=$(basename "$d")
	[ -f "$d/expected.json" ] || continue
	measure "replay $name" "$bin" replay "$name" --out "$tmp/out" --quiet 2>/dev/null
done
