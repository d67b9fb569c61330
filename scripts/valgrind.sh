#!/bin/sh
# make check-valgrind: the integration tests under valgrind, and every agent run they
# make under valgrind too (AIOPS_BIN is a wrapper), on the non-sanitizer debug build.
#   scripts/valgrind.sh BUILD_DIR   (BUILD_DIR holds aiops-agent and integration-tests)
#   scripts/valgrind.sh BUILD_DIR FILTER   (only the integration tests matching FILTER)
# Each process writes its report to BUILD_DIR/valgrind/<pid>.log (not to stderr: the
# tests read the agent's stderr). Fails on any error or definite/indirect leak in any of
# them, and on a failed test; scripts/valgrind.supp holds the few suppressions, each
# with its reason. Prints the wall time at the end.
set -u
build=$1
filter=${2:-}
logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"
start=$(date +%s)
vg="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
--show-leak-kinds=definite,indirect --track-origins=yes --suppressions=$PWD/scripts/valgrind.supp \
--log-file=$PWD/$logs/%p.log"
wrapper=$PWD/$build/aiops-agent-valgrind
cat >"$wrapper" <<WRAP
#!/bin/sh
exec $vg "$PWD/$build/aiops-agent" "\$@"
WRAP
chmod +x "$wrapper"
AIOPS_BIN=$wrapper $vg "$build/integration-tests" $filter
status=$?
bad=0
for log in "$logs"/*.log; do
	[ -f "$log" ] || continue
	if grep -qE 'ERROR SUMMARY: [1-9]' "$log"; then
		echo "check-valgrind: errors in $(sed -n 's/.*Command: //p' "$log" | head -n 1 | cut -c1-160)"
		sed -n '/^==[0-9]*== [A-Z].*\(Invalid\|uninitialised\|Mismatched\|definitely\|indirectly\|overlap\|free\)/,/^==[0-9]*== $/p' "$log" | head -40
		bad=$((bad + 1))
	fi
done
runs=$(ls "$logs" | wc -l)
echo "check-valgrind: $runs valgrind reports (agent runs, the tests and their forks), $bad with errors or leaks, tests exit $status, $(($(date +%s) - start))s"
[ "$status" -eq 0 ] && [ "$bad" -eq 0 ]
