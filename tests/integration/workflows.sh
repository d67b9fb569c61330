#!/bin/sh
# What actionlint does not check in .github/workflows/ and action.yml: every `uses:` pinned
# to a full commit SHA with its version in a comment; no permissions by default and least
# ones on every job, with a timeout; the plan/apply split (plan: the model, read only;
# apply: write, no model; no job with both); concurrency per incident; and
# incident-response.yml's scenario list equal to the folders of incidents/. Each check is
# also run on a broken copy, so the test can fail. Ends with "workflows: N passed, N failed".
set -u
. "$(dirname "$0")/../support/tap.sh"
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

# The `uses:` lines of FILE... that are neither local (./) nor owner/repo[/path]@SHA # vX.Y.Z
unpinned() {
	grep -Hn 'uses:' "$@" | grep -v 'uses: \./' |
		grep -Ev 'uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+$'
}

# The body of job $2 of workflow $1 (its lines, indentation kept).
job() {
	awk -v job="$2" '/^jobs:/ { in_jobs = 1; next }
		in_jobs && /^  [A-Za-z0-9_-]+:$/ { on = ($0 == "  " job ":"); next }
		in_jobs && /^[^ ]/ { in_jobs = 0; on = 0 }
		on { print }' "$1"
}

jobs_of() {
	awk '/^jobs:/ { on = 1; next } on && /^[^ ]/ { on = 0 } on && /^  [A-Za-z0-9_-]+:$/ { sub(/:$/, ""); sub(/^  /, ""); print }' "$1"
}

# Jobs of workflow $1 without their own permissions or timeout-minutes; and a workflow
# without `permissions: {}` at the top.
unguarded() {
	grep -q '^permissions: {}$' "$1" || echo "$1: no top-level 'permissions: {}'"
	for j in $(jobs_of "$1"); do
		job "$1" "$j" | grep -q '^    permissions:' || echo "$1: job $j has no permissions"
		job "$1" "$j" | grep -q '^    timeout-minutes: [0-9]' || echo "$1: job $j has no timeout-minutes"
	done
}

# Plan/apply split of workflow $1: plan reads and may call the model; apply writes and may not.
split_wrong() {
	plan=$(job "$1" plan)
	apply=$(job "$1" apply)
	[ -n "$plan" ] && [ -n "$apply" ] || {
		echo "$1: no plan and apply jobs"
		return
	}
	printf '%s\n' "$plan" | grep -q '^      models: read' || echo "$1: plan lacks models: read"
	printf '%s\n' "$plan" | grep -q ': write' && echo "$1: plan holds a write permission"
	printf '%s\n' "$plan" | grep -Eq 'mode: .*plan|--plan-only' || echo "$1: plan does not run mode plan"
	printf '%s\n' "$apply" | grep -q 'models:' && echo "$1: apply holds models"
	printf '%s\n' "$apply" | grep -q '^    needs: plan' || echo "$1: apply does not need plan"
	printf '%s\n' "$apply" | grep -Eq 'mode: apply|--apply' || echo "$1: apply does not run mode apply"
	for p in contents issues pull-requests actions; do
		printf '%s\n' "$apply" | grep -q "^      $p: write" || echo "$1: apply lacks $p: write"
	done
}

# Jobs of workflow $1 that hold a model and a write permission at once.
model_and_write() {
	for j in $(jobs_of "$1"); do
		job "$1" "$j" | grep -q '^      models:' && job "$1" "$j" | grep -q '^      [a-z-]*: write' &&
			echo "$1: job $j holds a model and write access"
	done
}

# incident-response.yml's scenario options (after `none`) against incidents/*/.
scenario_options() {
	awk '/^      scenario:$/ { on = 1; next } on && /^      [a-z]/ { on = 0 }
		on && /^          - / { sub(/^          - /, ""); print }' "$1"
}
scenario_diff() {
	ls -d incidents/*/ | sed 's|^incidents/||; s|/$||' | LC_ALL=C sort >"$tmpdir/folders"
	scenario_options "$1" | grep -vx none | LC_ALL=C sort >"$tmpdir/options"
	scenario_options "$1" | head -n 1 | grep -qx none || echo "the first option is not 'none'"
	diff "$tmpdir/options" "$tmpdir/folders" | sed -n 's/^< /listed, no folder: /p; s/^> /folder, not listed: /p'
}

files=".github/workflows/*.yml action.yml"
# shellcheck disable=SC2086
bad=$(unpinned $files)
[ -z "$bad" ] && ok "every uses: is pinned to a commit SHA with its version" || not_ok "unpinned uses:" "$bad"
printf '      - uses: actions/checkout@v4\n      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684\n' >"$tmpdir/unpinned.yml"
[ "$(unpinned "$tmpdir/unpinned.yml" | wc -l)" -eq 2 ] && ok "a tag or an SHA without its version is caught" ||
	not_ok "a tag or an SHA without its version is caught"

for wf in .github/workflows/*.yml; do
	bad=$(unguarded "$wf")
	[ -z "$bad" ] && ok "$wf: least permissions and a timeout on every job" || not_ok "$wf: permissions and timeouts" "$bad"
done
sed 's/^    timeout-minutes: .*//' .github/workflows/ci.yml >"$tmpdir/no-timeout.yml"
[ -n "$(unguarded "$tmpdir/no-timeout.yml")" ] && ok "a job without a timeout is caught" ||
	not_ok "a job without a timeout is caught"

for wf in .github/workflows/incident-response.yml .github/workflows/alert-intake.yml .github/workflows/repair-fix.yml; do
	bad=$(split_wrong "$wf")
	[ -z "$bad" ] && ok "$wf: plan (read, models) and apply (write, no models)" || not_ok "$wf: plan/apply split" "$bad"
done
# shellcheck disable=SC2086
bad=$(for wf in .github/workflows/*.yml; do model_and_write "$wf"; done)
[ -z "$bad" ] && ok "no job holds a model and write access" || not_ok "no job holds a model and write access" "$bad"
sed 's/^      contents: read .*/      contents: write/' .github/workflows/repair-fix.yml >"$tmpdir/both.yml"
[ -n "$(model_and_write "$tmpdir/both.yml")" ] && ok "a job with a model and write access is caught" ||
	not_ok "a job with a model and write access is caught"
sed 's/^      models: read.*//; s/^      issues: write/      issues: read/' .github/workflows/alert-intake.yml >"$tmpdir/split.yml"
[ "$(split_wrong "$tmpdir/split.yml" | wc -l)" -eq 2 ] && ok "a plan without models, an apply without issues: write, are caught" ||
	not_ok "a plan without models, an apply without issues: write, are caught" "$(split_wrong "$tmpdir/split.yml")"

grep -q '^  group: alert-intake-${{ github.event.client_payload.fingerprint' .github/workflows/alert-intake.yml &&
	grep -q '^  cancel-in-progress: false' .github/workflows/alert-intake.yml &&
	ok "alert-intake.yml queues the deliveries of one incident (client_payload.fingerprint)" ||
	not_ok "alert-intake.yml queues the deliveries of one incident (client_payload.fingerprint)"

bad=$(scenario_diff .github/workflows/incident-response.yml)
[ -z "$bad" ] && ok "incident-response.yml lists every scenario of incidents/, and only those" ||
	not_ok "incident-response.yml's scenario list" "$bad"
grep -v '^          - scenario-1-oom-cache$' .github/workflows/incident-response.yml >"$tmpdir/short.yml"
[ "$(scenario_diff "$tmpdir/short.yml")" = "folder, not listed: scenario-1-oom-cache" ] &&
	ok "a scenario missing from the list is caught" || not_ok "a scenario missing from the list is caught"

echo "workflows: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
