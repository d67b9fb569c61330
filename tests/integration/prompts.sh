#!/bin/sh
# The Copilot Chat prompts (.github/prompts/*.prompt.md) and the MCP configuration
# (.vscode/mcp.json): every prompt has its front matter (description, agent, tools); every
# `bin/aiops-agent COMMAND --flag` a prompt tells Copilot to run names a command that
# `aiops-agent help` lists and flags its `--help` documents (`help env` included); every
# `make TARGET` is a target of the Makefile; mcp.json names the GitHub MCP server. The
# checker is also run on made-up lines, so the test can fail. Ends with
# "prompts: N passed, N failed".
set -u
bin=${AIOPS_BIN:-$PWD/build/asan/aiops-agent}
. "$(dirname "$0")/../support/tap.sh"

# The aiops-agent command lines of FILE, one per line (without the leading bin/).
invocations() {
	grep -o 'bin/aiops-agent [a-z][a-z-]*[^`]*' "$1" | sed 's|^bin/||'
}

# Why command line $1 is wrong, or nothing.
unknown() {
	set -f
	# shellcheck disable=SC2086
	set -- $1
	set +f
	cmd=$2
	shift 2
	if ! "$bin" help 2>&1 | grep -q "^  $cmd "; then
		echo "'aiops-agent $cmd': no such command in 'aiops-agent help'"
		return
	fi
	if [ "$cmd" = help ]; then
		[ $# -eq 0 ] || "$bin" help "$1" >/dev/null 2>&1 || echo "'aiops-agent help $1' fails"
		return
	fi
	usage=$("$bin" "$cmd" --help 2>&1) || {
		echo "'aiops-agent $cmd --help' fails"
		return
	}
	for w in "$@"; do
		case "$w" in
		--*)
			flag=${w%%=*}
			printf '%s\n' "$usage" | grep -q -- "$flag\\b" || echo "'aiops-agent $cmd $flag': not in its --help"
			;;
		esac
	done
}

# `make TARGET` in FILE whose TARGET the Makefile lacks.
unknown_make() {
	grep -o '`make[ a-z-]*`' "$1" | tr -d '`' | while read -r _ target; do
		[ -z "$target" ] && continue
		grep -Eq "^([a-z-]+ )*$target( [a-z-]+)*:" Makefile || echo "'make $target': no such target"
	done
}

expected="review-fix-pr sre-diagnose sre-remediate sre-status"
found=$(for f in .github/prompts/*.prompt.md; do basename "$f" .prompt.md; done | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
[ "$found" = "$expected" ] && ok "the four prompts are there ($found)" || not_ok "the prompts" "expected: $expected; found: $found"

for f in .github/prompts/*.prompt.md; do
	head=$(awk 'NR == 1 && $0 != "---" { exit } NR > 1 && $0 == "---" { exit } NR > 1 { print }' "$f")
	missing=""
	for k in description agent tools; do
		printf '%s\n' "$head" | grep -q "^$k: " || missing="$missing $k"
	done
	[ -z "$missing" ] && ok "$f: front matter (description, agent, tools)" || not_ok "$f: front matter lacks$missing"
	n=$(invocations "$f" | wc -l)
	bad=$(invocations "$f" | while read -r line; do unknown "$line"; done)
	bad="$bad$(unknown_make "$f")"
	if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
		ok "$f: its $n aiops-agent command lines and make targets exist"
	else
		not_ok "$f: commands that do not exist (or none at all)" "$bad"
	fi
done

# the checker catches a made-up flag, command and target
printf '%s\n' '`bin/aiops-agent respond --frobnicate`' '`bin/aiops-agent explode now`' '`make fly`' >"${TMPDIR:-/tmp}/prompts-check.$$"
bad=$(invocations "${TMPDIR:-/tmp}/prompts-check.$$" | while read -r line; do unknown "$line"; done; unknown_make "${TMPDIR:-/tmp}/prompts-check.$$")
rm -f "${TMPDIR:-/tmp}/prompts-check.$$"
[ "$(printf '%s\n' "$bad" | grep -c .)" -eq 3 ] && ok "a made-up flag, command and make target are caught" ||
	not_ok "a made-up flag, command and make target are caught" "$bad"

if [ "$(jq -r '.servers.github.type + " " + .servers.github.url' .vscode/mcp.json 2>/dev/null)" = "http https://api.githubcopilot.com/mcp/" ]; then
	ok ".vscode/mcp.json: the GitHub MCP server (remote, OAuth through VS Code: no token in the file)"
else
	not_ok ".vscode/mcp.json: the GitHub MCP server"
fi
grep -Eq 'gh[pousr]_[A-Za-z0-9]{20,}|github_pat_' .vscode/mcp.json .github/prompts/*.prompt.md &&
	not_ok "no token in the prompts or mcp.json" || ok "no token in the prompts or mcp.json"

echo "prompts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
