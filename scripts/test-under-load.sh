#!/usr/bin/env bash
# Proof that the browser suite does not fail by chance: runs it N times in a row (default 5) in
# every engine while two busy loops keep both cores loaded, and prints each run's tallies and the
# time each engine took. The loops are ended however the script stops.
#   bash scripts/test-under-load.sh [runs]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
engines="${PTCE_BROWSERS:-chromium firefox webkit}"

bash scripts/setup.sh || exit 1
npm run --silent build >/dev/null || exit 1

loops=()
for _ in 1 2; do
  node -e 'for(;;){}' &
  loops+=($!)
done
trap 'kill "${loops[@]}" 2>/dev/null' EXIT

failed_runs=0
mkdir -p test-results
for run in $(seq 1 "$runs"); do
  line="run $run:"
  for engine in $engines; do
    start=$(date +%s)
    PTCE_BROWSER="$engine" npx web-test-runner >"test-results/load-$run-$engine.log" 2>&1
    tally=$(node -e "const c=require('./test-results/browser-$engine.json');console.log(c.passed+' passed, '+c.failed+' failed')" 2>/dev/null || echo "no result")
    line="$line $engine $tally in $(( $(date +%s) - start )) s;"
    case "$tally" in *" 0 failed") ;; *) failed_runs=$((failed_runs + 1)) ;; esac
  done
  echo "$line"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$failed_runs" = 0 ]
