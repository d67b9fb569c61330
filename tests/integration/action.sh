#!/bin/sh
# action.yml's run step (scripts/action-run.sh) as a runner would run it: fake
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP, the binary under test ($AIOPS_BIN).
# An offline replay, an alert given as JSON text, a live run against the GitHub double
# whose model cannot be reached (degraded, exit 1), a bad alert (exit 2) and bad inputs:
# the outputs are there whatever the exit code, and the exit code is the binary's.
# Nothing beyond loopback. Ends with "action: N passed, N failed".
set -u
bin=${AIOPS_BIN:-$PWD/build/asan/aiops-agent}
root=$PWD
. "$(dirname "$0")/../support/tap.sh"
tmp=$(mktemp -d)
double_pid=""
cleanup() {
	[ -n "$double_pid" ] && kill "$double_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# The value of output $2 in GITHUB_OUTPUT file $1: name=value, or name<<DELIM ... DELIM.
out() {
	awk -v name="$2" '
		delim != "" { if ($0 == delim) { print value; found = 1; delim = "" } else value = (n++ ? value "\n" : "") $0; next }
		index($0, name "<<") == 1 { delim = substr($0, length(name) + 3); value = ""; n = 0; next }
		index($0, name "=") == 1 { print substr($0, length(name) + 2); found = 1 }
		END { exit !found }' "$1"
}

# run NAME VAR=VALUE...: the action's run step in a fresh runner folder $tmp/NAME, with
# only the variables an Actions job would have (and those given); sets $rc.
run() {
	name=$1
	shift
	d="$tmp/$name"
	mkdir -p "$d/runner"
	: >"$d/output"
	: >"$d/summary"
	(cd "$root" && env -i PATH="$PATH" HOME="$tmp" ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
		UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" GITHUB_ACTIONS=true GITHUB_OUTPUT="$d/output" \
		GITHUB_STEP_SUMMARY="$d/summary" RUNNER_TEMP="$d/runner" AIOPS_BIN="$bin" \
		AIOPS_HTTP_BACKOFF_SCALE=0 INPUT_OUT="$d/out" "$@" sh scripts/action-run.sh \
		>"$d/stdout" 2>"$d/stderr")
	rc=$?
}

# check NAME DESCRIPTION CONDITION...: one test line; the run's stderr when it fails.
check() {
	name=$1
	what=$2
	shift 2
	if "$@"; then
		ok "$what"
	else
		not_ok "$what" "exit $rc; outputs: $(tr '\n' ' ' <"$tmp/$name/output" | head -c 600)
stderr: $(tail -n 5 "$tmp/$name/stderr")"
	fi
}

# ---- an offline replay ---------------------------------------------------------------
replay_ok() {
	o="$tmp/replay/output"
	[ "$rc" -eq 0 ] && [ "$(out "$o" exit-code)" = 0 ] && [ "$(out "$o" status)" = 0 ] &&
		[ "$(out "$o" blame-pr)" = 214 ] && [ "$(out "$o" remediation-type)" = code_fix ] &&
		[ "$(out "$o" category)" = application ] && out "$o" incident-id | grep -q '^INC-' &&
		[ -f "$(out "$o" result)/result.json" ] &&
		[ "$(jq -r .blame_pr "$(out "$o" json)")" = 214 ] &&
		grep -q '^## aiops-agent: INC-' "$tmp/replay/summary"
}
run replay INPUT_MODE=offline INPUT_SCENARIO=scenario-1-oom-cache
check replay "an offline replay: exit 0, every output, the summary" replay_ok

# ---- an alert given as JSON text -----------------------------------------------------
# Offline with no recorded GitHub state there is no pull request to blame: the run says
# so as a degraded step (exit 1), and still gives every output.
text_ok() {
	o="$tmp/text/output"
	[ "$rc" -eq 1 ] && [ "$(out "$o" exit-code)" = 1 ] && out "$o" incident-id | grep -q '^INC-' &&
		[ "$(out "$o" remediation-type)" = escalation ] && [ -f "$tmp/text/runner/aiops-alert.json" ] &&
		grep -q '^::warning.*no recorded GitHub state' "$tmp/text/stderr"
}
run text INPUT_MODE=offline INPUT_ALERT="$(cat incidents/scenario-2-500-schema-drift/alert.json)" \
	INPUT_LOGS=incidents/scenario-2-500-schema-drift/logs.txt
check text "an alert as JSON text goes to a file; offline without GitHub state: exit 1, outputs kept" text_ok

# ---- a bad alert: exit 2, the outputs still say so -----------------------------------
printf '{"not": "an alert"}\n' >"$tmp/bad.json"
bad_ok() {
	o="$tmp/bad/output"
	[ "$rc" -eq 2 ] && [ "$(out "$o" exit-code)" = 2 ] && [ "$(out "$o" status)" = 2 ] &&
		out "$o" incident-id >/dev/null && grep -q '^::error' "$tmp/bad/stderr"
}
run bad INPUT_MODE=offline INPUT_ALERT="$tmp/bad.json"
check bad "a bad alert: exit 2, outputs written, an error annotation" bad_ok

# ---- inputs the action refuses before the binary runs --------------------------------
inputs_ok() {
	[ "$rc" -eq 2 ] && [ "$(out "$tmp/$1/output" exit-code)" = 2 ] && grep -q "^::error.*$2" "$tmp/$1/stdout"
}
run mode INPUT_MODE=sideways
check mode "mode 'sideways' is refused (exit 2, names the input)" inputs_ok mode "input 'mode'"
run both INPUT_MODE=offline INPUT_SCENARIO=scenario-1-oom-cache INPUT_ALERT="$tmp/bad.json"
check both "scenario and alert together are refused" inputs_ok both "exclude each other"
run engine INPUT_MODE=offline INPUT_ENGINE=oracle INPUT_SCENARIO=scenario-1-oom-cache
check engine "engine 'oracle' is refused" inputs_ok engine "input 'engine'"

# ---- live against the GitHub double, the model unreachable: degraded, exit 1 ---------
token=ghs_actionShTestToken0123456789abcdefABCDE
if [ ! -d tests/doubles/github/node_modules/@octokit/openapi ]; then
	not_ok "a degraded live run (the GitHub double is not installed: tests/doubles/github/install.sh)"
else
	node tests/doubles/github/server.js --scenario incidents/scenario-1-oom-cache --token "$token" \
		--workflow infra-remediation.yml >"$tmp/double.json" 2>"$tmp/double.log" &
	double_pid=$!
	i=0
	while [ ! -s "$tmp/double.json" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	url=$(head -n 1 "$tmp/double.json" | jq -r .url)
	repo=$(head -n 1 "$tmp/double.json" | jq -r .repository)
	# port 9 (discard) on loopback: nothing listens, the model call fails at once
	run degraded INPUT_MODE=live INPUT_ALERT=incidents/scenario-1-oom-cache/alert.json \
		INPUT_LOGS=incidents/scenario-1-oom-cache/logs.txt GITHUB_API_URL="$url" \
		GITHUB_SERVER_URL="$url" GITHUB_REPOSITORY="$repo" GITHUB_TOKEN="$token" \
		AIOPS_MODEL=test-model AIOPS_MODEL_URL=http://127.0.0.1:9/v1/chat/completions \
		AIOPS_MODEL_ATTEMPTS=1 AIOPS_GITHUB_TIMEOUT=5 INPUT_MODEL=test-model
	degraded_ok() {
		o="$tmp/degraded/output"
		[ "$rc" -eq 1 ] && [ "$(out "$o" exit-code)" = 1 ] && [ "$(out "$o" status)" = 1 ] &&
			out "$o" incident-id | grep -q '^INC-' && out "$o" issue-url | grep -q "/$repo/issues/[0-9]" &&
			[ -f "$(out "$o" result)/result.json" ] && grep -q '^::warning' "$tmp/degraded/stderr" &&
			grep -q "::add-mask::$token" "$tmp/degraded/stderr" && ! grep -q "$token" "$tmp/degraded/summary"
	}
	check degraded "a degraded live run: exit 1 propagated, outputs and a warning kept, the token masked" degraded_ok

	# plan (the alert as JSON text, as a workflow input gives it), then apply from the
	# plan file with the same inputs, as the two jobs of the shipped workflows do
	alert_text=$(cat incidents/scenario-2-500-schema-drift/alert.json)
	run plan INPUT_MODE=plan INPUT_ALERT="$alert_text" INPUT_LOGS=incidents/scenario-2-500-schema-drift/logs.txt \
		INPUT_PLAN="$tmp/plan.json" INPUT_ENGINE=offline GITHUB_API_URL="$url" GITHUB_SERVER_URL="$url" \
		GITHUB_REPOSITORY="$repo" GITHUB_TOKEN="$token" AIOPS_GITHUB_TIMEOUT=5
	plan_ok() {
		[ "$rc" -le 1 ] && [ -s "$tmp/plan.json" ] && [ "$(jq -r .format "$tmp/plan.json")" = aiops-plan/1 ] &&
			[ -z "$(out "$tmp/plan/output" issue-url)" ]
	}
	check plan "mode plan writes the plan file and opens nothing" plan_ok
	run apply INPUT_MODE=apply INPUT_ALERT="$alert_text" INPUT_LOGS=incidents/scenario-2-500-schema-drift/logs.txt \
		INPUT_PLAN="$tmp/plan.json" GITHUB_API_URL="$url" GITHUB_SERVER_URL="$url" \
		GITHUB_REPOSITORY="$repo" GITHUB_TOKEN="$token" AIOPS_GITHUB_TIMEOUT=5
	apply_ok() {
		[ "$rc" -le 1 ] && out "$tmp/apply/output" issue-url | grep -q "/$repo/issues/[0-9]" &&
			[ "$(out "$tmp/apply/output" incident-id)" = "$(jq -r .incident_id "$tmp/plan.json")" ]
	}
	check apply "mode apply carries the plan out with the same inputs: the issue is opened" apply_ok
fi

# ---- the build step: cache key, runtime packages of a cached binary ------------------
mkdir -p "$tmp/action/bin"
cp "$bin" "$tmp/action/bin/aiops-agent"
key1=$(sh scripts/action-setup.sh key)
key2=$(sh scripts/action-setup.sh key)
if printf '%s\n' "$key1" | grep -Eq '^key=aiops-agent-[A-Za-z0-9]+-[a-z0-9_]+-[0-9a-f]{32}$' && [ "$key1" = "$key2" ]; then
	ok "the cache key names the runner image and hashes the sources ($key1)"
else
	not_ok "the cache key names the runner image and hashes the sources" "$key1 / $key2"
fi
GITHUB_ACTION_PATH="$tmp/action" sh scripts/action-setup.sh packages >"$tmp/action/bin/runtime-packages"
missing=""
for p in '^libgit2-1\.' '^libjansson4$' '^libyaml-0-2$' '^libmbedcrypto' '^libcurl4'; do
	grep -q "$p" "$tmp/action/bin/runtime-packages" || missing="$missing $p"
done
[ -z "$missing" ] && ok "the runtime packages are read off the binary (libgit2, jansson, yaml, mbedcrypto, curl)" ||
	not_ok "the runtime packages are read off the binary" "missing:$missing; found: $(tr '\n' ' ' <"$tmp/action/bin/runtime-packages")"
# every one is installed here, so a cache hit installs nothing (and needs no apt)
if msg=$(GITHUB_ACTION_PATH="$tmp/action" CACHE_HIT=true PATH="$PATH" sh scripts/action-setup.sh install 2>&1) &&
	printf '%s\n' "$msg" | grep -q 'runtime libraries present'; then
	ok "a cache hit with the libraries present installs nothing"
else
	not_ok "a cache hit with the libraries present installs nothing" "$msg"
fi

echo "action: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
