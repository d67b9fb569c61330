#!/bin/sh
# Install the GitHub double's pinned dependencies (@octokit/openapi, see package-lock.json);
# scripts/npm-pinned.sh says how (idempotent, offline-safe once installed).
here=$(dirname "$0")
exec sh "$here/../../../scripts/npm-pinned.sh" "$here" @octokit/openapi \
	generated/api.github.com.json generated/ghes-3.19.json
