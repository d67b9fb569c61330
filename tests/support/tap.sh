# The counters and the ok/not_ok lines of the shell test suites (sourced). A suite ends
# with `echo "NAME: $passed passed, $failed failed"`, which tests/run.sh adds up.
# not_ok TITLE [DETAIL]: DETAIL's first 30 lines follow, indented.
passed=0
failed=0
ok() {
	echo "ok $1"
	passed=$((passed + 1))
}
not_ok() {
	echo "not ok $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /' | head -30
	failed=$((failed + 1))
}
