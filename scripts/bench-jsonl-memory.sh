#!/bin/sh
# Peak memory of a streamed JSON-lines ingest: generates N tiny lines
# (default 1,000,000) in a temporary folder and runs
# `/usr/bin/time -v storyline ingest` on them, printing the peak resident
# set size and the wall time. docs/BENCHMARKS.md records the figure.
#
#   scripts/bench-jsonl-memory.sh [N]
#
# STORYLINE (default: build ./cmd/storyline into the temporary folder)
# names the binary to measure.
set -eu
n=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${STORYLINE:-}
if [ -z "$bin" ]; then
	bin=$tmp/storyline
	go build -o "$bin" ./cmd/storyline
fi
# Tiny reports: a title and one sentence of words drawn from a 50,000-word
# vocabulary, 1,000 outlets, over 28 days (fixed seed: the same file each run).
awk -v n="$n" 'BEGIN {
	srand(16)
	for (i = 0; i < n; i++) {
		t = ""; b = ""
		for (w = 0; w < 4; w++) t = t " w" int(rand() * 50000)
		for (w = 0; w < 12; w++) b = b " w" int(rand() * 50000)
		printf "{\"id\":\"l%d\",\"title\":\"%s\",\"text\":\"%s.\",\"source\":\"Outlet %d\",\"published\":\"2026-02-%02dT%02d:%02d:00Z\"}\n", i, substr(t, 2), substr(b, 2), i % 1000, 1 + int(i * 28 / n), int(i / 60) % 24, i % 60
	}
}' > "$tmp/lines.jsonl"
echo "$n lines, $(du -h "$tmp/lines.jsonl" | cut -f1)"
/usr/bin/time -v "$bin" ingest --db "$tmp/s.db" --quiet "$tmp/lines.jsonl" 2> "$tmp/time.txt"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$tmp/time.txt"
