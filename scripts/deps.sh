#!/bin/sh
# Install the Debian packages aiops-agent builds and tests with; a no-op when present.
#   scripts/deps.sh [PACKAGE...]   also the packages named (make fuzz: clang; make
#                                  check-valgrind: valgrind)
set -eu
pkgs="libcurl4-openssl-dev libgit2-dev libjansson-dev libyaml-dev libmbedtls-dev zlib1g-dev pkg-config git prometheus jq python3 cppcheck clang-tidy $*"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# The GitHub double of the tests runs on Node.js; any node >= 18 will do.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "deps: missing packages:$missing (run as root or install sudo)" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
