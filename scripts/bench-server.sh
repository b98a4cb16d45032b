#!/usr/bin/env bash
# Load benchmark of `storyline serve` over the demo corpus: the top story's
# page and /api/stories, 200 concurrent clients for 30 s each (docs/BENCHMARKS.md,
# "Server"). Uses wrk (Debian package wrk) when installed, and always the Go
# load generator cmd/storyline-load, which fails on any error or a p99 over 50 ms.
#
#   scripts/bench-server.sh            # C=200 D=30s ADDR=127.0.0.1:18080
set -euo pipefail
cd "$(dirname "$0")/.."
ADDR=${ADDR:-127.0.0.1:18080}
C=${C:-200}
D=${D:-30s}

tmp=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/storyline" ./cmd/storyline
go build -o "$tmp/storyline-load" ./cmd/storyline-load
"$tmp/storyline" demo --db "$tmp/demo.db" --addr "$ADDR" --no-poll --log-level warn >"$tmp/demo.out" 2>"$tmp/demo.err" &
pid=$!
for _ in $(seq 100); do
	curl -fs "http://$ADDR/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
top=$(curl -fs "http://$ADDR/api/stories?limit=1" | sed -n 's/^\[{"id":\([0-9]*\).*/\1/p')
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $(go version)"
echo "server: storyline demo on $ADDR, top story $top"

if command -v wrk >/dev/null; then
	for path in "/stories/$top" /api/stories; do
		echo "== wrk -t2 -c$C -d$D --latency http://$ADDR$path"
		wrk -t2 -c"$C" -d"$D" --latency "http://$ADDR$path" | sed -n '/Latency Distribution/,$p'
	done
fi
echo "== storyline-load -c $C -d $D (both paths, alternating)"
"$tmp/storyline-load" -url "http://$ADDR" -c "$C" -d "$D"
