#!/usr/bin/env bash
# Counts the claims of every story card of the demo corpus by status, and
# the flags by kind: how much of what the cards say is corroborated,
# single-source or conflicting. Usage: scripts/card-stats.sh [BINARY]
set -euo pipefail
bin=${1:-}
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/storyline
  go build -o "$bin" ./cmd/storyline
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" demo --no-serve --db "$dir/demo.db" >/dev/null 2>&1
for id in $("$bin" stories --db "$dir/demo.db" --json | python3 -c 'import json,sys; print(" ".join(str(s["id"]) for s in json.load(sys.stdin)))'); do
  "$bin" story "$id" --db "$dir/demo.db" --json
  echo
done | python3 -c '
import json, sys
claims, flags, stories = {}, {}, 0
for line in sys.stdin.read().split("\n}\n"):
    line = line.strip()
    if not line:
        continue
    card = json.loads(line if line.endswith("}") else line + "}")
    stories += 1
    for c in card.get("claims") or []:
        claims[c["status"]] = claims.get(c["status"], 0) + 1
    for f in card.get("flags") or []:
        flags[f["kind"]] = flags.get(f["kind"], 0) + 1
print(json.dumps({"stories": stories, "claims": claims, "flags": flags}, sort_keys=True))
'
