#!/bin/sh
# Install one folder's pinned npm dependency, exactly as its package-lock.json says.
#   npm-pinned.sh DIR PACKAGE FILE...
# FILE: paths under node_modules/PACKAGE that must exist once it is installed.
# Idempotent and offline-safe: when node_modules already holds the locked version, nothing
# is fetched and it exits 0 at once; otherwise `npm ci --omit=dev` installs it (the npm
# registry must be reachable).
set -eu
dir=$1
pkg=$2
shift 2
cd "$dir"

installed_matches_lock() {
	node -e '
		const [pkg, ...files] = process.argv.slice(1);
		const want = require("./package-lock.json").packages["node_modules/" + pkg].version;
		const have = require("./node_modules/" + pkg + "/package.json").version;
		for (const f of files) require("fs").accessSync("./node_modules/" + pkg + "/" + f);
		process.exit(have === want ? 0 : 1);
	' "$pkg" "$@" 2>/dev/null
}

if ! command -v node >/dev/null 2>&1; then
	echo "$dir: node (>= 18) is needed for $pkg" >&2
	exit 1
fi
if installed_matches_lock "$@"; then
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "$dir: npm is needed to install $pkg" >&2
	exit 1
fi
npm ci --omit=dev --no-audit --no-fund --loglevel=error
installed_matches_lock "$@" || {
	echo "$dir: $pkg did not install as package-lock.json says" >&2
	exit 1
}
