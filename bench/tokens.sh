#!/bin/sh
# Token estimate (include/logs/tokens.h) against real tokenizers: OpenAI's cl100k_base and
# o200k_base (gpt-tokenizer, pinned in bench/tokens/package-lock.json), the larger count of
# the two. For each kind of text: how many samples, the real count as a share of the
# estimate on average and at worst. Above 100% a budget of N estimated tokens would be
# more than N real ones; far below it, a budget is half wasted.
#
# Samples (bench/tokens/corpus.js writes the raw and random ones, the same every run):
#   - distilled digests, what the estimate is used on: every CiDiff log ($AIOPS_CIDIFF,
#     default ../shared/cidiff-breakages) distilled to 800, 2,000 and 4,000 tokens, and the
#     real Actions logs of tests/fixtures/actions-logs/ the same way;
#   - slices of about 4 KB of raw logs: the 16 Loghub systems ($AIOPS_LOGHUB, default
#     ../shared/loghub-2k), the CiDiff logs, the Actions logs;
#   - random base64, hex, mixed-case letters, letters and digits, CJK; and made-up words of
#     random syllables, the one text the estimate is known to count low.
# Needs node (>= 18); without it, or without the npm registry on a first run, it says so
# and stops. Data that is absent is left out and said to be.
#
#   sh bench/tokens.sh
set -eu
cidiff_data=${AIOPS_CIDIFF:-../shared/cidiff-breakages}
loghub=${AIOPS_LOGHUB:-../shared/loghub-2k}
actions=tests/fixtures/actions-logs
driver=build/rel/bench/tokens
cidiff=build/rel/bench/cidiff

if ! command -v node >/dev/null 2>&1; then
	echo "tokens: node is not installed; the token estimate is not measured"
	exit 0
fi
if ! sh bench/tokens/install.sh >&2; then
	echo "tokens: gpt-tokenizer could not be installed (npm registry?); the token estimate is not measured"
	exit 0
fi
make --no-print-directory -s "$driver" "$cidiff" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/s"

# distill KIND ROOT BUDGET: every case under ROOT distilled, as KIND-BUDGET-N.txt
distill() {
	mkdir -p "$tmp/d"
	rm -f "$tmp/d"/*
	find "$2" -name groundtruth -print0 | sort -z | sed -z 's|/groundtruth$||' |
		xargs -0 "$cidiff" --budget "$3" --dump "$tmp/d" >/dev/null
	for f in "$tmp/d"/*.txt; do
		[ -e "$f" ] && mv "$f" "$tmp/s/distilled-$1-$(printf %04d "$3")-$(basename "$f")"
	done
}

# raw KIND ROOT NAME: "KIND<tab>path" for every file called NAME under ROOT
raw() {
	find "$2" -name "$3" | sort | sed "s/^/$1\t/" >> "$tmp/raw"
}

: > "$tmp/raw"
if [ -d "$cidiff_data" ]; then
	for b in 800 2000 4000; do
		distill cidiff "$cidiff_data" "$b"
	done
	raw cidiff "$cidiff_data" fail.log
else
	echo "tokens: no CiDiff data in '$cidiff_data' (AIOPS_CIDIFF); its rows are left out"
fi
for b in 800 2000 4000; do
	distill actions "$actions" "$b"
done
if [ -d "$loghub" ]; then
	raw loghub "$loghub" '*.log'
else
	echo "tokens: no Loghub data in '$loghub' (AIOPS_LOGHUB); its row is left out"
fi
raw actions "$actions" fail.log
node bench/tokens/corpus.js "$tmp/s" < "$tmp/raw"

"$driver" "$tmp/s"/*.txt | sort > "$tmp/est"
node bench/tokens/count.js "$tmp/s"/*.txt | sort > "$tmp/real"
echo "Token estimate against cl100k_base and o200k_base (the larger): real tokens as a share of the estimate"
echo
echo "| text | samples | estimated | real | mean | worst |"
echo "|---|---:|---:|---:|---:|---:|"
join -t "$(printf '\t')" "$tmp/est" "$tmp/real" | awk -F'\t' '
	{
		kind = $1
		sub(/.*\//, "", kind)
		n = split(kind, part, "-")
		kind = part[1] == "distilled" || part[1] == "raw" ? part[1] " " part[2] : part[1]
		if (part[1] == "distilled")
			kind = kind " (" part[3] + 0 " tokens)"
		real = $3 > $4 ? $3 : $4
		if (!(kind in count))
			order[++kinds] = kind
		count[kind]++
		est[kind] += $2
		tok[kind] += real
		r = $2 ? real / $2 : 0
		sum[kind] += r
		if (r > worst[kind])
			worst[kind] = r
	}
	END {
		for (i = 1; i <= kinds; i++) {
			k = order[i]
			printf "| %s | %d | %d | %d | %.1f%% | %.1f%% |\n", k, count[k], est[k], tok[k], 100 * sum[k] / count[k], 100 * worst[k]
		}
	}'
