#!/bin/sh
# The infrastructure actions the remediation workflow runs (.github/workflows/
# infra-remediation.yml), as one script so that a test can run them against a stub
# kubectl. Usage: remediate.sh ACTION, with SERVICE and NAMESPACE set; DRY_RUN=1 makes
# every change a server-side dry run (kubectl --dry-run=server) and prints what it would do.
#
#   raise-memory-limit     the first container's memory limit (and request, when set)
#                          times 3/2, units kept as Mi (512Mi -> 768Mi, 1Gi -> 1536Mi),
#                          at most MAX_MEMORY_MI (default 8192)
#   restart-and-scale-out  rollout restart; the HPA's maxReplicas doubled, at most
#                          MAX_REPLICAS (default 20), never lowered
#   renew-certificate      every Certificate of the namespace re-issued (as cmctl renew does), then wait
#   free-disk-space        delete the namespace's Failed and Succeeded pods (evicted and
#                          finished ones hold their logs and emptyDir volumes)
set -eu
action=${1:?usage: remediate.sh ACTION}
: "${SERVICE:?SERVICE is not set}" "${NAMESPACE:?NAMESPACE is not set}"
max_mi=${MAX_MEMORY_MI:-8192}
max_replicas=${MAX_REPLICAS:-20}
dry=
[ "${DRY_RUN:-0}" = 1 ] && dry=--dry-run=server

# A Kubernetes memory quantity in Mi (rounded up): 512Mi, 1Gi, 1.5Gi, 800M, 1073741824.
to_mi() {
	awk -v q="$1" 'BEGIN {
		n = q + 0; u = q; sub(/^[0-9.]+/, "", u)
		f["Ki"] = 1 / 1024; f["Mi"] = 1; f["Gi"] = 1024; f["Ti"] = 1048576
		f["k"] = 1000 / 1048576; f["K"] = f["k"]; f["M"] = 1000000 / 1048576
		f["G"] = 1000000000 / 1048576; f["T"] = 1000000000000 / 1048576; f[""] = 1 / 1048576
		if (!(u in f) || n <= 0) { print "bad"; exit }
		mi = n * f[u]; r = int(mi); if (r < mi) r++; print r
	}'
}

# new memory in Mi: 3/2 of the old, capped
raised() {
	awk -v m="$1" -v cap="$max_mi" 'BEGIN { n = int(m * 3 / 2); if (n > cap) n = cap; print n }'
}

memory() {
	path='{.spec.template.spec.containers[0].resources'
	limit=$(kubectl -n "$NAMESPACE" get deployment "$SERVICE" -o jsonpath="$path.limits.memory}")
	request=$(kubectl -n "$NAMESPACE" get deployment "$SERVICE" -o jsonpath="$path.requests.memory}")
	[ -n "$limit" ] || { echo "remediate.sh: $SERVICE has no memory limit to raise" >&2; exit 1; }
	old=$(to_mi "$limit")
	[ "$old" != bad ] || { echo "remediate.sh: cannot read the memory limit '$limit'" >&2; exit 1; }
	new=$(raised "$old")
	[ "$new" -gt "$old" ] || { echo "remediate.sh: $limit is already at the cap (${max_mi}Mi)" >&2; exit 1; }
	set -- --limits="memory=${new}Mi"
	if [ -n "$request" ] && [ "$(to_mi "$request")" != bad ]; then
		set -- "$@" --requests="memory=$(raised "$(to_mi "$request")")Mi"
	fi
	echo "memory limit of $SERVICE: $limit -> ${new}Mi"
	kubectl -n "$NAMESPACE" set resources deployment "$SERVICE" "$@" $dry
	[ -n "$dry" ] || kubectl -n "$NAMESPACE" rollout status deployment "$SERVICE" --timeout=10m
}

scale_out() {
	kubectl -n "$NAMESPACE" rollout restart deployment "$SERVICE" $dry
	max=$(kubectl -n "$NAMESPACE" get hpa "$SERVICE" -o jsonpath='{.spec.maxReplicas}' 2>/dev/null || true)
	if [ -n "$max" ]; then
		new=$((max * 2))
		[ "$new" -le "$max_replicas" ] || new=$max_replicas
		if [ "$new" -gt "$max" ]; then
			echo "maxReplicas of $SERVICE: $max -> $new"
			kubectl -n "$NAMESPACE" patch hpa "$SERVICE" --type merge \
				-p "{\"spec\":{\"maxReplicas\":$new}}" $dry
		else
			echo "maxReplicas of $SERVICE stays $max (cap $max_replicas)"
		fi
	fi
	[ -n "$dry" ] || kubectl -n "$NAMESPACE" rollout status deployment "$SERVICE" --timeout=10m
}

# A renewal is requested as cmctl renew does it: the Certificate's Issuing condition set
# to True through the status subresource (kubectl 1.24+; no cmctl on hosted runners).
renew() {
	issuing='{"status":{"conditions":[{"type":"Issuing","status":"True","reason":"ManuallyTriggered","message":"Certificate re-issuance requested by aiops-agent"}]}}'

	for cert in $(kubectl -n "$NAMESPACE" get certificates -o name); do
		kubectl -n "$NAMESPACE" patch "$cert" --subresource status --type merge -p "$issuing" $dry
	done
	[ -n "$dry" ] || kubectl -n "$NAMESPACE" wait --for=condition=Ready certificates --all --timeout=10m
}

free_disk() {
	kubectl -n "$NAMESPACE" delete pods --field-selector=status.phase==Failed $dry
	kubectl -n "$NAMESPACE" delete pods --field-selector=status.phase==Succeeded $dry
}

case "$action" in
raise-memory-limit) memory ;;
restart-and-scale-out) scale_out ;;
renew-certificate) renew ;;
free-disk-space) free_disk ;;
*) echo "remediate.sh: unknown action '$action'" >&2; exit 2 ;;
esac
