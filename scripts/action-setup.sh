#!/bin/sh
# The build steps of action.yml, run in the action's own folder ($GITHUB_ACTION_PATH):
#
#   action-setup.sh key       prints key=<cache key> (for $GITHUB_OUTPUT): the runner image
#                             and a hash of the sources. Not hashFiles(): it only sees files
#                             under the workspace, and an action used from another
#                             repository lives outside it.
#   action-setup.sh packages  prints the Debian packages of the shared libraries that
#                             bin/aiops-agent loads
#   action-setup.sh install   CACHE_HIT=true: install only the runtime libraries the cached
#                             binary needs (bin/runtime-packages, recorded when it was
#                             built), and only those missing; otherwise build it with
#                             `make deps all` and record them.
#
# The runtime packages are read off the built binary (ldd, then dpkg -S) rather than named
# here: they differ between Debian 12 (libgit2-1.5, libmbedcrypto7, libcurl4) and the
# Ubuntu runner images (libgit2-1.7, libmbedcrypto7t64, libcurl4t64).
set -eu
cd "${GITHUB_ACTION_PATH:-.}"

key() {
	sum=$(find agent include prompts Makefile -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-32)
	echo "key=aiops-agent-${ImageOS:-$(uname -s)}-$(uname -m)-$sum"
}

# The Debian packages that own the shared libraries bin/aiops-agent loads.
packages() {
	ldd bin/aiops-agent | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | while read -r lib; do
		real=$(readlink -f "$lib")
		dpkg -S "$real" 2>/dev/null || dpkg -S "/usr$real" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true
	done | cut -d: -f1 | LC_ALL=C sort -u
}

install_runtime() {
	missing=""
	while read -r p; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done <bin/runtime-packages
	if [ -z "$missing" ]; then
		echo "aiops-agent: cached binary, runtime libraries present"
		return 0
	fi
	echo "aiops-agent: cached binary, installing$missing"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing
}

case "${1:-}" in
key) key ;;
packages) packages ;;
install)
	if [ "${CACHE_HIT:-false}" = true ] && [ -x bin/aiops-agent ] && [ -f bin/runtime-packages ]; then
		install_runtime
	else
		make deps all
		packages >bin/runtime-packages
	fi
	bin/aiops-agent version
	;;
*)
	echo "usage: action-setup.sh key|packages|install" >&2
	exit 2
	;;
esac
