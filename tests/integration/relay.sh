#!/bin/sh
# relays/relay.js against the GitHub double and relays/azure-logic-app.json's structure
# (tests/integration/relay.test.js). Ends with "relay: N passed, N failed".
set -u
if [ ! -d tests/doubles/github/node_modules/@octokit/openapi ]; then
	echo "not ok relay (the GitHub double is not installed: run tests/doubles/github/install.sh)"
	echo "relay: 0 passed, 1 failed"
	exit 1
fi
exec node tests/integration/relay.test.js
