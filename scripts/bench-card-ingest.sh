#!/usr/bin/env bash
# What analysing every article for its story card adds to an ingest
# (docs/BENCHMARKS.md, "Story card at ingest"): the inputs (by default the
# 924 full-length PolNeAR texts) ingested into a fresh database, plain and
# with --analyze, in turns, N times each; prints each run and the medians of
# wall and CPU time, and the median of the ratios of the runs taken in
# turn (each pair of runs shares the machine's load of the moment, which
# on a shared virtual machine varies by a third within minutes).
#
#   scripts/bench-card-ingest.sh                 # N=5, the PolNeAR texts
#   INPUTS=../shared/data/googlenews-ts.jsonl scripts/bench-card-ingest.sh
#   INPUTS=../shared/data/extraction/html scripts/bench-card-ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5}
DATA=${DATA:-../shared/data/polnear}
INPUTS=${INPUTS:-"$DATA/train/text $DATA/dev/text"}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/storyline" ./cmd/storyline

run() { # mode flags...
	local mode=$1
	shift
	rm -f "$tmp"/p.db*
	/usr/bin/time -f "$mode %e %U %S %M" -a -o "$tmp/times" \
		"$tmp/storyline" ingest --db "$tmp/p.db" --quiet "$@" $INPUTS >/dev/null
}
for _ in $(seq "$N"); do
	run plain
	run analyze --analyze
done
cat "$tmp/times"
awk '
	{ wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4); rss[$1] = rss[$1] " " $5 }
	function median(s,   a, n, i, j, t) {
		n = split(s, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	$1 == "plain" { last = $2 }
	$1 == "analyze" { pairs = pairs " " ($2 / last) }
	END {
		for (m in wall) printf "%-8s median wall %.2f s, CPU %.2f s, peak RSS %d MB\n", m, median(wall[m]), median(cpu[m]), median(rss[m]) / 1024
		printf "ratio (analyze / plain, median wall): %.2f\n", median(wall["analyze"]) / median(wall["plain"])
		printf "ratio (median of the %d pairs):        %.2f\n", split(pairs, _, " "), median(pairs)
	}' "$tmp/times"
