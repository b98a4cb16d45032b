#!/usr/bin/env bash
# Undated, unsourced reports (docs/QUALITY.md, "Undated and unsourced
# reports"): the 924 PolNeAR texts ingested as plain files, with no
# --source and no --published, into a fresh database. The real publication
# dates sit in the file names (outlet_YYYY-MM-DD_slug.txt); they are read
# here to check the stories, never by storyline to make them. Prints the
# number of grouped articles (in stories of two or more), the largest
# story with the span of its real dates, the share of grouped articles in
# stories whose real dates are more than 7 days apart, and the largest
# "independent sources" count of any story (file names are not outlets:
# it should be 0).
#
#   scripts/eval-undated.sh
#   INPUTS=some/folder scripts/eval-undated.sh   # any files named *_YYYY-MM-DD_*
#
# Needs jq.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/polnear}
INPUTS=${INPUTS:-"$DATA/train/text $DATA/dev/text"}
SL=${SL:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$SL" ]; then
	go build -o "$tmp/storyline" ./cmd/storyline
	SL=$tmp/storyline
fi
# shellcheck disable=SC2086
"$SL" ingest --db "$tmp/u.db" --quiet $INPUTS >/dev/null
"$SL" export --db "$tmp/u.db" --format jsonl | jq -r '[.id, .story] | @tsv' >"$tmp/assign"
"$SL" stories --db "$tmp/u.db" --json | jq -r '.[] | [.id, .articles, .sources] | @tsv' >"$tmp/stories"

awk -F'\t' '
	function day(id,   m, t) {
		if (!match(id, /_[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]_/)) return -1
		t = substr(id, RSTART + 1, 10)
		gsub(/-/, " ", t)
		return int(mktime(t " 12 00 00") / 86400)
	}
	FNR == NR { n[$2]++; d = day($1); if (d < 0) next
		if (!($2 in lo) || d < lo[$2]) lo[$2] = d
		if (!($2 in hi) || d > hi[$2]) hi[$2] = d
		next }
	{ src[$1] = $3 }
	END {
		for (s in n) {
			if (n[s] < 2) continue
			grouped += n[s]; stories++
			span = hi[s] - lo[s]
			if (span > 7) { wide += n[s]; widestories++ }
			if (n[s] > big || (n[s] == big && span > bigspan)) { big = n[s]; bigspan = span; bigid = s }
			if (src[s] > maxsrc) maxsrc = src[s]
		}
		printf "grouped articles: %d in %d stories of 2 or more\n", grouped, stories
		printf "largest story: %d articles (story %s), real dates spanning %d days\n", big, bigid, bigspan
		printf "in stories spanning > 7 days: %d of %d grouped articles (%.1f %%), %d stories\n", wide, grouped, grouped ? 100 * wide / grouped : 0, widestories
		printf "most independent sources in a story: %d\n", maxsrc
	}
' "$tmp/assign" "$tmp/stories"
