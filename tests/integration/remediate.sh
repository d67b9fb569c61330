#!/bin/sh
# The remediation workflow's actions (scripts/remediate.sh) against a stub kubectl that
# records what it is asked and answers from the environment: units kept, caps held,
# dry runs change nothing. Ends with "remediate: N passed, N failed".
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
cat > "$tmp/bin/kubectl" <<'STUB'
#!/bin/sh
echo "$*" >> "$KUBECTL_LOG"
case "$*" in
*"limits.memory"*) printf '%s' "$STUB_LIMIT" ;;
*"requests.memory"*) printf '%s' "$STUB_REQUEST" ;;
*"maxReplicas"*) [ -n "$STUB_MAX" ] && printf '%s' "$STUB_MAX" || exit 1 ;;
*"get certificates -o name"*) echo "certificate/api-tls" ;;
esac
exit 0
STUB
chmod +x "$tmp/bin/kubectl"
passed=0
failed=0

# run NAME ACTION "ENV..." EXPECTED-LOG-SUBSTRING [NOT-EXPECTED]
run() {
	name=$1 action=$2 envs=$3 want=$4 unwanted=${5:-}
	: > "$tmp/log"
	if env PATH="$tmp/bin:$PATH" KUBECTL_LOG="$tmp/log" SERVICE=api NAMESPACE=shop STUB_LIMIT= \
		STUB_REQUEST= STUB_MAX= $envs sh scripts/remediate.sh "$action" > "$tmp/out" 2>&1 &&
		grep -qF -- "$want" "$tmp/log" && { [ -z "$unwanted" ] || ! grep -qF -- "$unwanted" "$tmp/log"; }; then
		echo "ok remediate $name"
		passed=$((passed + 1))
	else
		echo "not ok remediate $name: wanted '$want'$( [ -n "$unwanted" ] && echo " and not '$unwanted'")"
		sed 's/^/    /' "$tmp/log" "$tmp/out" | head -20
		failed=$((failed + 1))
	fi
}

run "512Mi becomes 768Mi" raise-memory-limit "STUB_LIMIT=512Mi" "--limits=memory=768Mi"
run "1Gi becomes 1536Mi (no base-8 arithmetic)" raise-memory-limit "STUB_LIMIT=1Gi" "--limits=memory=1536Mi"
run "the request follows the limit" raise-memory-limit "STUB_LIMIT=1Gi STUB_REQUEST=768Mi" "--requests=memory=1152Mi"
run "decimal megabytes" raise-memory-limit "STUB_LIMIT=800M" "--limits=memory=1144Mi"
run "the memory cap holds" raise-memory-limit "STUB_LIMIT=7Gi" "--limits=memory=8192Mi"
run "HPA doubled" restart-and-scale-out "STUB_MAX=4" '"maxReplicas":8'
run "HPA capped" restart-and-scale-out "STUB_MAX=15" '"maxReplicas":20'
run "HPA at the cap is left alone" restart-and-scale-out "STUB_MAX=20" "rollout restart deployment api" "patch hpa"
run "a dry run changes nothing for real" raise-memory-limit "STUB_LIMIT=512Mi DRY_RUN=1" "--dry-run=server" "rollout status"
run "failed and finished pods are deleted" free-disk-space "" "status.phase==Succeeded"
run "a certificate renewal is requested the way cmctl does" renew-certificate "" "patch certificate/api-tls --subresource status"
# refusals: nothing is changed
: > "$tmp/log"
if env PATH="$tmp/bin:$PATH" KUBECTL_LOG="$tmp/log" SERVICE=api NAMESPACE=shop STUB_LIMIT=8Gi STUB_REQUEST= \
	STUB_MAX= sh scripts/remediate.sh raise-memory-limit >/dev/null 2>&1 || grep -q 'set resources' "$tmp/log"; then
	echo "not ok remediate a limit at the cap is refused"
	failed=$((failed + 1))
else
	echo "ok remediate a limit at the cap is refused"
	passed=$((passed + 1))
fi
echo "remediate: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
