#!/bin/sh
# The model's critical path: a full `respond` of scenario-1 against a model double that
# answers every call after 1 s. The agent asks for the diagnosis, then for the
# remediation and the runbook notes at the same time, so the run should take about 2 s;
# the same three calls one after another (AIOPS_MODEL_SERIAL=1) take about 3 s. One run
# of each, side by side, printed with their ratio. No timing is asserted.
set -eu
bin=${AIOPS_BIN:-bin/aiops-agent}
double=${AIOPS_MODEL_DOUBLE:-build/bench/model_double}
delay_ms=${AIOPS_BENCH_MODEL_DELAY_MS:-1000}
scenario=${AIOPS_BENCH_MODEL_SCENARIO:-scenario-1-oom-cache}
[ -x "$double" ] || make --no-print-directory -s "$double"
tmp=$(mktemp -d)
"$double" "$tmp/port" "$delay_ms" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
url="http://127.0.0.1:$(cat "$tmp/port")/v1"

# run SERIAL: one full respond (publishing into a sandbox); prints "<ms> <calls>"
run() {
	t0=$(date +%s%N)
	env -u GITHUB_TOKEN -u GH_TOKEN -u AIOPS_MODEL_TOKEN AIOPS_MODEL_URL="$url" \
		AIOPS_MODEL=bench-double AIOPS_MODEL_SERIAL="$1" \
		"$bin" respond --scenario "$scenario" --out "$tmp/out-$1" --json --quiet > "$tmp/result-$1.json" || true
	t1=$(date +%s%N)
	calls=$(sed -n 's/.*"calls": \([0-9]*\).*/\1/p' "$tmp/result-$1.json" | head -n 1)
	echo "$(( (t1 - t0) / 1000000 )) ${calls:-0}"
}

set -- $(run 0)
par=$1 par_calls=$2
set -- $(run 1)
ser=$1 ser_calls=$2
echo
echo "respond with a model double answering each call after ${delay_ms} ms ($scenario):"
echo
echo "| how the model calls are made | calls | ms |"
echo "|---|---:|---:|"
echo "| diagnosis, then remediation ∥ runbook notes | $par_calls | $par |"
echo "| the same calls one after another (AIOPS_MODEL_SERIAL=1) | $ser_calls | $ser |"
echo
awk -v p="$par" -v s="$ser" 'BEGIN { printf "serial / concurrent: %.2fx (ideal 3 calls / 2 waits = 1.50x)\n", s / p }'
if [ "$par_calls" != 3 ] || [ "$ser_calls" != 3 ]; then
	echo "warning: expected 3 model calls per run (is the double answering?)"
fi
