#!/bin/sh
# Runs every fuzz target of the module, one after the other, each for a
# fixed time (default 60 s), and reports which found a failure. Not run in
# CI: the seed corpora already run as ordinary tests in `go test ./...`.
# docs/FUZZING.md says what each target checks and how to reproduce a
# failure.
#
#   scripts/fuzz.sh [TIME [PATTERN]]
#
# TIME is a -fuzztime value: 60s, 5m, or 10000x for a number of runs
# (default: $FUZZTIME, else 60s). PATTERN, an extended regular expression,
# keeps the targets whose "package FuzzName" matches it (default: all).
# FUZZ_PARALLEL (default 1) is the number of fuzzing workers per target;
# FUZZ_MINIMIZE (default 10s) bounds the time spent shrinking an input.
# `scripts/fuzz.sh list` only lists the targets.
#
# The output of each run is kept in $FUZZ_LOGS (default: a temporary
# folder, printed at the end). Exits 1 when any target failed.
set -u
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-60s}}
pattern=${2:-.}
parallel=${FUZZ_PARALLEL:-1}
minimize=${FUZZ_MINIMIZE:-10s}

# `go test -list` prints a package's matching tests, then "ok <package>".
targets=$(go test -list '^Fuzz' ./... | awk '
	/^Fuzz/ { names = names " " $1; next }
	/^ok/ { n = split(names, a, " "); for (i = 1; i <= n; i++) print $2, a[i]; names = "" }
	/^FAIL/ { print "cannot list the fuzz targets: " $0 > "/dev/stderr"; failed = 1 }
	END { exit failed }') || exit 1
targets=$(printf '%s\n' "$targets" | grep -E -- "$pattern")
if [ -z "$targets" ]; then
	echo "no fuzz target matches $pattern" >&2
	exit 1
fi
if [ "$fuzztime" = list ]; then
	printf '%s\n' "$targets"
	exit 0
fi

module=$(go list -m)
logs=${FUZZ_LOGS:-$(mktemp -d)}
mkdir -p "$logs"
count=$(printf '%s\n' "$targets" | wc -l)
echo "fuzzing $count targets for $fuzztime each, $parallel worker(s); logs in $logs"
failed=""
printf '%s\n' "$targets" | {
	while read -r pkg name; do
		short=${pkg#"$module"}
		short=${short#/}
		log="$logs/$(echo "${short:-root}" | tr / .).$name.log"
		start=$(date +%s)
		if go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" \
			-fuzzminimizetime "$minimize" -parallel "$parallel" >"$log" 2>&1; then
			result=ok
		else
			result=FAIL
			failed="$failed $pkg.$name"
		fi
		execs=$(grep -o 'execs: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
		printf '%-4s %-16s %-20s %4ss %10s execs\n' "$result" "${short:-.}" "$name" "$(($(date +%s) - start))" "${execs:-0}"
		if [ "$result" = FAIL ]; then
			# The failure, and the command that runs again the input it
			# wrote to the package's testdata/fuzz/FuzzName folder.
			sed -n '/--- FAIL/,/Failing input/p' "$log" | grep -v -e '--- FAIL' -e 'Failing input' -e '^ *$' |
				sed 's/^ */     /' | head -n 12
			grep -o 'go test -run=[^ ]*' "$log" | head -n 1 |
				sed "s|^go test |     reproduce: go test ./${short} |"
		fi
	done
	echo "logs: $logs"
	if [ -n "$failed" ]; then
		echo "failures:$failed"
		exit 1
	fi
	echo "no failures"
}
