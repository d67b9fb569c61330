#!/bin/sh
# Perturbation tests as data: every scenario of incidents/, told five other ways
# (tests/perturb/perturb.py: service renamed, pull requests renumbered and reordered,
# merges shifted, a cosmetic decoy edit of the failing line, logs as container JSON
# lines), must replay to the same category, blame and remediation as its expected.json.
# Ends with "perturb: N passed, N failed".
set -u
bin=${AIOPS_BIN:-build/asan/aiops-agent}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for s in incidents/*/; do
	name=$(basename "$s")
	[ -f "$s/expected.json" ] || continue
	if ! python3 tests/perturb/perturb.py "$s" "$tmp/$name" "$bin" 2>"$tmp/err"; then
		echo "not ok perturb $name (the variants could not be written: $(head -c 200 "$tmp/err"))"
		failed=$((failed + 1))
		continue
	fi
	for v in "$tmp/$name"/*/; do
		variant=$(basename "$v")
		want=$(jq -c '[.category, .blame_pr, .remediation_type]' "$v/expected.json")
		got=$("$bin" replay "$v" --out "$tmp/out" --json --quiet 2>"$tmp/err" |
			jq -c '[.category, .blame_pr, .remediation_type]' 2>/dev/null)
		if [ "$got" = "$want" ]; then
			echo "ok perturb $name/$variant"
			passed=$((passed + 1))
		else
			echo "not ok perturb $name/$variant: expected $want, got ${got:-nothing} $(head -c 200 "$tmp/err")"
			failed=$((failed + 1))
		fi
		rm -rf "$tmp/out"
	done
	rm -rf "${tmp:?}/$name"
done
echo "perturb: $passed passed, $failed failed"
