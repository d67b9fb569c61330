#!/bin/sh
# Install the tokenizers that make bench measures the token estimate against
# (gpt-tokenizer: cl100k_base and o200k_base, pinned in package-lock.json);
# scripts/npm-pinned.sh says how.
here=$(dirname "$0")
exec sh "$here/../../scripts/npm-pinned.sh" "$here" gpt-tokenizer cjs/encoding/cl100k_base.js \
	cjs/encoding/o200k_base.js data/cl100k_base.tiktoken
