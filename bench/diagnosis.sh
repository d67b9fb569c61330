#!/bin/sh
# make bench: how well the offline engine diagnoses the suite (incidents/, or the folders
# named in $AIOPS_SUITE), and what the diagnosis prompt would show a model.
#   blame AC@1      culprit cases where the blamed pull request is the culprit
#   AC@3            culprit cases where the culprit is among the first three suspects
#   abstention      no-culprit cases where nobody is blamed
#   decoys blamed   cases where an innocent pull request is blamed
#   remediation     cases whose remediation type is the expected one
#   culprit in prompt  culprit cases whose diagnosis prompt shows the culprit's changed
#                   lines (at least one; the share of its changed lines shown in brackets)
#   prompt tokens   the largest diagnosis prompt against the cap (AIOPS_MAX_PROMPT_TOKENS)
set -eu
bin=${AIOPS_BIN:-bin/aiops-agent}
suite=${AIOPS_SUITE:-incidents}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases=0 culprits=0 ac1=0 ac3=0 nones=0 abstained=0 decoys=0 remed=0 shown=0 share_sum=0 maxtok=0
for s in $suite/*/; do
	[ -f "$s/expected.json" ] || continue
	name=$(basename "$s")
	"$bin" replay "$s" --out "$tmp/out" --prompts "$tmp/p/$name" --json --quiet >"$tmp/r.json" 2>/dev/null || true
	exp_blame=$(jq -r '.blame_pr // "null"' "$s/expected.json")
	exp_rem=$(jq -r '.remediation_type' "$s/expected.json")
	got_blame=$(jq -r '.blame_pr // "null"' "$tmp/r.json" 2>/dev/null || echo error)
	got_rem=$(jq -r '.remediation_type // "none"' "$tmp/r.json" 2>/dev/null || echo error)
	top3=$(jq -r '[.suspects[:3][].pr] | map(tostring) | join(" ")' "$tmp/r.json" 2>/dev/null || echo "")
	cases=$((cases + 1))
	[ "$got_rem" = "$exp_rem" ] && remed=$((remed + 1))
	if [ "$got_blame" != null ] && [ "$got_blame" != "$exp_blame" ]; then
		decoys=$((decoys + 1))
		echo "  decoy blamed: $name (#$got_blame, expected $exp_blame)" >&2
	fi
	prompt="$tmp/p/$name/diagnose-0.prompt.md"
	tok=$(wc -c <"$prompt" 2>/dev/null || echo 0)
	tok=$((tok / 4))
	[ "$tok" -gt "$maxtok" ] && maxtok=$tok
	if [ "$exp_blame" = null ]; then
		nones=$((nones + 1))
		[ "$got_blame" = null ] && abstained=$((abstained + 1))
		continue
	fi
	culprits=$((culprits + 1))
	[ "$got_blame" = "$exp_blame" ] && ac1=$((ac1 + 1))
	case " $top3 " in *" $exp_blame "*) ac3=$((ac3 + 1)) ;; esac
	# the culprit's changed lines (8+ visible characters) and how many the prompt shows
	grep -E '^[-+]' "$s/github/pulls/$exp_blame.diff" | grep -vE '^(\+\+\+|---) ' |
		sed 's/^[-+]//; s/^[[:space:]]*//; s/[[:space:]]*$//' | awk 'length >= 8' | sort -u >"$tmp/lines"
	total=$(wc -l <"$tmp/lines")
	found=0
	while IFS= read -r l; do
		grep -qF -- "$l" "$prompt" 2>/dev/null && found=$((found + 1))
	done <"$tmp/lines"
	[ "$found" -gt 0 ] && shown=$((shown + 1))
	[ "$total" -gt 0 ] && share_sum=$((share_sum + 100 * found / total))
	rm -rf "$tmp/out"
done
pct() { [ "$2" -gt 0 ] && echo "$((100 * $1 / $2)) % ($1/$2)" || echo "n/a"; }
echo "Diagnosis over $cases scenarios of $suite ($culprits with a culprit, $nones without), offline engine"
echo
echo "| measure | value |"
echo "|---|---:|"
echo "| blame AC@1 (culprit blamed) | $(pct $ac1 $culprits) |"
echo "| blame AC@3 (culprit in the first three suspects) | $(pct $ac3 $culprits) |"
echo "| abstention on no-culprit cases | $(pct $abstained $nones) |"
echo "| decoys blamed | $decoys |"
echo "| remediation type correct | $(pct $remed $cases) |"
echo "| culprit's changed lines in the diagnosis prompt | $(pct $shown $culprits), mean share $([ "$culprits" -gt 0 ] && echo $((share_sum / culprits)) || echo 0) % |"
echo "| largest diagnosis prompt | ~$maxtok tokens (cap ${AIOPS_MAX_PROMPT_TOKENS:-7000}, bytes/4) |"
