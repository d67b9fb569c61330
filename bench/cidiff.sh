#!/bin/sh
# CiDiff benchmark: how many of the error lines that people marked in failed CI logs make
# it into a 2,000-token distillation (include/distill.h) of each log's digest.
#
# Data: $AIOPS_CIDIFF, default ../shared/cidiff-breakages: the CiDiff breakage dataset
# (Hubner and Falleri, 2025; Apache-2.0, see its LICENSE and NOTICE). 77 failed logs, each in
# a folder with fail.log and groundtruth (breakages/*, breakages_dump/*/run*, other_cases/*).
# groundtruth's first line names CiDiff's parser (DEFAULT, RAW_GITHUB, FULL_GITHUB); then
# "E a-b" or "E a" lines mark error lines and "C ..." lines context. Line numbers are
# 1-based over the log split at \n, \r\n and a lone \r, as Java's Files.lines() does.
# Only E lines count; C lines are context and are not scored.
#
# What "kept" means, for one labelled line L:
#   1. L's text is what CiDiff's parser makes of the line: the whole line for DEFAULT; for
#      RAW_GITHUB and FULL_GITHUB the 29-byte Actions timestamp prefix goes (FULL_GITHUB's
#      first two tab-separated fields too), and a line no longer than that prefix is empty.
#   2. Both L and every line of the output are normalised the same way, the way the digest
#      stores text: ANSI escapes removed, invalid UTF-8 and NUL bytes as U+FFFD, other
#      control characters as spaces, secrets redacted (redact.h), every run of white space
#      one space, both ends trimmed. An L that is empty after this says nothing and is
#      left out of the count (neither kept nor missed).
#   3. L is kept when (a) it is a substring of one output line (a template shown by its
#      example, a trace line, the first error), or (b) the digest folded L's line into a
#      template (digest.h `assign`) whose example line, without its leading timestamp, is
#      a substring of one output line: the reader sees L's template with its count. A line
#      inside a stack trace has no template, so only (a) can keep it. Masked patterns are
#      never compared: what counts is always a real example line.
#   A clipped line ("head…tail") does not match, so clipping costs its line.
# Share of a log = kept / labelled. "pooled" = all kept / all labelled (the big logs
# weigh most); "mean" = the mean of the per-log shares (each log weighs the same).
# Target: 90% of labelled error lines kept in 2,000 tokens. Nothing here knows the
# dataset: the driver runs the same digest and distill code as the agent, with the
# default options and no per-dataset setting.
#
# The word rule (issue 10), beside the line rule above: a log's labelled lines survive
# when at least 80% of their distinct words (runs of letters, digits and '_' of 2 bytes or
# more, taken after normalising as in 2., with any leading Actions time stamp dropped, for
# every parser) are words of the distilled text. The same rule is applied, in the same
# run, to the last 8,000 characters of the log: the baseline a person gets from `tail`.
# Reported: the share of logs that survive, for the digest and for the baseline.
#
# The same report, second, for the real GitHub Actions job logs in tests/fixtures/actions-logs/
# (copied from ../shared/payloads/actions-logs/; their README says where they come from and
# how their failure lines were labelled, in groundtruth files of the same format).
#
# The digest size columns: the full digest's templates and stack traces, and the size of
# the distilled text in bytes and in estimated tokens (distill_tokens(), which stays above
# what the cl100k and o200k tokenizers count).
#
#   sh bench/cidiff.sh            (AIOPS_CIDIFF_BUDGET=N for another budget)
set -eu
data=${AIOPS_CIDIFF:-../shared/cidiff-breakages}
budget=${AIOPS_CIDIFF_BUDGET:-2000}
driver=build/rel/bench/cidiff

actions=tests/fixtures/actions-logs
make --no-print-directory -s "$driver" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# report TITLE ROOT: the cases under ROOT (folders with a groundtruth), one table
report() {
	find "$2" -name groundtruth -print0 | sort -z | sed -z 's|/groundtruth$||' |
		xargs -0 "$driver" --budget "$budget" > "$tmp/rows"
	echo "$1: share of labelled error lines kept in a $budget-token distillation ($2)"
	echo
	echo "| log | lines | templates | traces | out bytes | out tokens | labelled | kept | share |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	awk -F'\t' -v root="$2/" -v budget="$budget" '
		$1 == "all" || $1 == "mean" || $1 == "words" { last[$1] = $0; next }
		{
			name = substr($1, 1, length(root)) == root ? substr($1, length(root) + 1) : $1
			sub(/\/$/, "", name)
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f%% |\n", name, $3, $4, $5, $6, $7, $8, $9, 100 * $10
		}
		END {
			split(last["all"], a, "\t")
			split(last["mean"], m, "\t")
			printf "| **pooled** (all lines) | | | | %s | %s | %s | %s | **%.1f%%** |\n", a[6], a[7], a[8], a[9], 100 * a[10]
			printf "| **mean** (per log) | | | | %s | %s | | | **%.1f%%** |\n", m[6], m[7], 100 * m[10]
			printf "\ntarget 90%%: pooled %s, mean per log %s\n", (a[10] >= 0.9 ? "met" : "not met"), (m[10] >= 0.9 ? "met" : "not met")
			split(last["words"], w, "\t")
			if (w[2] > 0) {
				printf "\nlogs whose labelled lines survive (>= 80%% of their distinct words shown), of %d:\n", w[2]
				printf "| what | logs | share |\n|---|---:|---:|\n"
				printf "| %s-token digest | %d | **%.1f%%** |\n", budget, w[3], 100 * w[3] / w[2]
				printf "| last 8,000 characters | %d | %.1f%% |\n", w[4], 100 * w[4] / w[2]
				printf "target 95%%: %s\n", (w[3] >= 0.95 * w[2] ? "met" : "not met")
			}
		}' "$tmp/rows"
}

if [ -d "$data" ] && [ -n "$(find "$data" -name groundtruth -print 2>/dev/null | head -n 1)" ]; then
	report CiDiff "$data"
else
	echo "cidiff: no CiDiff data in '$data' (set AIOPS_CIDIFF to the cidiff-breakages folder); skipped"
fi
echo
report "GitHub Actions job logs" "$actions"
