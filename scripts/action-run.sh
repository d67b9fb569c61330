#!/bin/sh
# The run step of action.yml: turns the action's inputs into one aiops-agent command, runs
# it, and hands its exit code back. It is a script (not inline YAML) so that a test can run
# it with a fake GITHUB_OUTPUT (tests/integration/action.sh) and so that the outputs
# survive a degraded run: the binary writes incident-id, category, blame-pr,
# remediation-type, issue-url, pr-url, result and status to $GITHUB_OUTPUT whatever its
# exit status; this script adds exit-code, and json (the result object printed on stdout)
# even when the binary stopped before it could write anything.
#
# Inputs (environment, set by action.yml):
#   INPUT_MODE      live | dry-run | offline | plan | apply (default live)
#   INPUT_ALERT     alert path, or the alert's JSON text
#   INPUT_LOGS      logs path
#   INPUT_SCENARIO  a scenario under incidents/ (or a folder) to replay offline
#   INPUT_ENGINE    model | offline (empty: a model when one is configured)
#   INPUT_MODEL     the model name (AIOPS_MODEL)
#   INPUT_PLAN      the plan file (plan: written, apply: read)
#   INPUT_OUT       the output folder (default out)
#   AIOPS_BIN       the binary (default $GITHUB_ACTION_PATH/bin/aiops-agent)
# Exit status: the binary's (DESIGN §3: 0 ok, 1 degraded, 2 usage, 3 unreachable,
# 4 refused); 2 when the inputs themselves are wrong.
set -u
mode=${INPUT_MODE:-live}
alert=${INPUT_ALERT:-}
logs=${INPUT_LOGS:-}
scenario=${INPUT_SCENARIO:-}
engine=${INPUT_ENGINE:-}
plan=${INPUT_PLAN:-}
out=${INPUT_OUT:-out}
bin=${AIOPS_BIN:-${GITHUB_ACTION_PATH:-.}/bin/aiops-agent}
tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}

output() {
	# name value: one line; the values here never hold a newline
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	fi
}

fail() {
	echo "::error title=aiops-agent action::$1"
	output exit-code 2
	exit 2
}

case "$mode" in
live | dry-run | offline | plan | apply) ;;
*) fail "input 'mode': '$mode': expected live, dry-run, offline, plan or apply" ;;
esac
case "$engine" in
"" | model | offline) ;;
*) fail "input 'engine': '$engine': expected model or offline" ;;
esac
[ -x "$bin" ] || fail "no aiops-agent binary at '$bin' (the build step did not run?)"
if [ -n "$scenario" ] && [ -n "$alert" ]; then
	fail "inputs 'scenario' and 'alert' exclude each other: a scenario brings its own alert"
fi
if [ -n "$scenario" ] && { [ "$mode" = plan ] || [ "$mode" = apply ]; }; then
	fail "input 'scenario' replays offline: it has no plan/apply split (mode '$mode')"
fi
if [ "$mode" = plan ] || [ "$mode" = apply ]; then
	[ -n "$plan" ] || plan="$tmp/plan/plan.json"
	mkdir -p "$(dirname "$plan")"
fi
[ -n "${INPUT_MODEL:-}" ] && export AIOPS_MODEL="$INPUT_MODEL"

# An alert given as JSON text (a workflow_dispatch input, a previous step's output) goes
# to a file: the binary takes paths.
case "$alert" in
"{"* | "["*)
	printf '%s\n' "$alert" >"$tmp/aiops-alert.json"
	alert="$tmp/aiops-alert.json"
	;;
esac

set --
if [ -n "$scenario" ]; then
	set -- replay "$scenario"
elif [ "$mode" = apply ]; then
	set -- apply "$plan"
else
	set -- respond
	[ -n "$alert" ] && set -- "$@" --alert "$alert"
	[ -n "$alert" ] && [ -n "$logs" ] && set -- "$@" --logs "$logs"
	[ "$mode" = dry-run ] && set -- "$@" --dry-run
	[ "$mode" = offline ] && set -- "$@" --offline
	[ "$mode" = plan ] && set -- "$@" --plan-only "$plan"
	[ -n "$engine" ] && set -- "$@" --engine "$engine"
	# with no alert, respond reads the triggering event ($GITHUB_EVENT_PATH)
fi
set -- "$@" --out "$out" --json

json="$tmp/aiops-result.json"
"$bin" "$@" >"$json"
rc=$?
output exit-code "$rc"
[ -s "$json" ] && output json "$json"
exit "$rc"
