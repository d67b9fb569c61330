#!/bin/sh
# Grouping accuracy of `aiops-agent digest --assign` on the 16 Loghub 2k datasets, beside
# Drain's published GA (Zhu et al., "Tools and Benchmarks for Automated Log Parsing",
# ICSE-SEIP 2019). GA: a line is correct when its predicted group holds exactly the
# lines of its true group (the EventId column of <Name>_2k.log_structured.csv).
#
#   AIOPS_LOGHUB   the data directory (default ../shared/loghub-2k)
#   AIOPS_BIN      the binary (default bin/aiops-agent)
#   GA             the scorer (default build/bench/ga; `make bench-tools` builds it)
#   AIOPS_GA_VERBOSE=1   also list the true groups each dataset got wrong
set -eu
data=${AIOPS_LOGHUB:-../shared/loghub-2k}
bin=${AIOPS_BIN:-bin/aiops-agent}
ga=${GA:-build/bench/ga}
verbose=${AIOPS_GA_VERBOSE:-}

if [ ! -d "$data" ]; then
	echo "loghub: no data at '$data' (set AIOPS_LOGHUB to the loghub-2k directory); skipped"
	exit 0
fi
for tool in "$bin" "$ga"; do
	if [ ! -x "$tool" ]; then
		echo "loghub: '$tool' is missing (run 'make bin/aiops-agent bench-tools')" >&2
		exit 2
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "Loghub 2k grouping accuracy (GA) of aiops-agent digest --assign"
echo
echo "| dataset | GA | Drain GA |"
echo "|---|---:|---:|"
n=0
found=0
for entry in HDFS:0.998 Hadoop:0.948 Spark:0.920 Zookeeper:0.967 BGL:0.963 HPC:0.887 \
	Thunderbird:0.955 Windows:0.997 Linux:0.690 Android:0.911 HealthApp:0.780 \
	Apache:1.000 Proxifier:0.527 OpenSSH:0.788 OpenStack:0.733 Mac:0.787; do
	name=${entry%%:*}
	drain=${entry#*:}
	log="$data/$name/${name}_2k.log"
	csv="$data/$name/${name}_2k.log_structured.csv"
	if [ ! -f "$log" ] || [ ! -f "$csv" ]; then
		echo "| $name | (no data) | $drain |"
		continue
	fi
	found=$((found + 1))
	"$bin" digest "$log" --assign > "$tmp/$name.assign"
	if [ -n "$verbose" ]; then
		"$ga" -v "$tmp/$name.assign" "$csv" > "$tmp/$name.ga"
	else
		"$ga" "$tmp/$name.assign" "$csv" > "$tmp/$name.ga"
	fi
	score=$(head -n 1 "$tmp/$name.ga")
	echo "| $name | $score | $drain |"
	echo "$score $drain" >> "$tmp/scores"
	[ -n "$verbose" ] && tail -n +2 "$tmp/$name.ga" | sed "s/^/    $name /" >> "$tmp/details"
	n=$((n + 1))
done
if [ "$found" -eq 0 ]; then
	echo
	echo "loghub: no dataset found under '$data'; skipped"
	exit 0
fi
# Drain's published average over the 16 datasets is 0.865 (the mean of the column
# rounds to 0.866); with fewer datasets, the mean of those that ran.
awk -v n="$n" '{ a += $1; b += $2 } END {
	printf "| **average (%d datasets)** | **%.3f** | **%.3f** |\n", n, a / n, n == 16 ? 0.865 : b / n
}' "$tmp/scores"
if [ -n "$verbose" ] && [ -f "$tmp/details" ]; then
	echo
	echo "True groups not matched exactly (EventId, size, first line: predicted groups):"
	cat "$tmp/details"
fi
