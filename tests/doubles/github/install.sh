#!/bin/sh
# Install the GitHub double's pinned dependencies (@octokit/openapi, see package-lock.json).
#
# Idempotent and offline-safe: when node_modules already holds the locked version,
# nothing is fetched and the script exits 0 at once. Otherwise `npm ci --omit=dev`
# installs exactly what package-lock.json says (the npm registry must be reachable).
set -eu
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1; then
	echo "tests/doubles/github/install.sh: node (>= 18) is needed for the GitHub double" >&2
	exit 1
fi

installed_matches_lock() {
	node -e '
		const lock = require("./package-lock.json");
		const want = lock.packages["node_modules/@octokit/openapi"].version;
		const have = require("./node_modules/@octokit/openapi/package.json").version;
		require("fs").accessSync("./node_modules/@octokit/openapi/generated/api.github.com.json");
		require("fs").accessSync("./node_modules/@octokit/openapi/generated/ghes-3.19.json");
		process.exit(have === want ? 0 : 1);
	' 2>/dev/null
}

if installed_matches_lock; then
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "tests/doubles/github/install.sh: npm is needed to install the GitHub double's dependencies" >&2
	exit 1
fi
npm ci --omit=dev --no-audit --no-fund --loglevel=error
installed_matches_lock || {
	echo "tests/doubles/github/install.sh: @octokit/openapi did not install as package-lock.json says" >&2
	exit 1
}
