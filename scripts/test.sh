#!/usr/bin/env bash
# All the tests: the browser suite in Chromium, Firefox and WebKit in turn (web-test-runner, one
# run per engine), then the reference server's tests (node:test, real HTTP and database) and its
# attack suite (generated hostile requests against real server processes), the package and the
# WordPress plugin. Sets up
# what is missing first and builds dist/ (some browser tests load the built bundles), so it works
# on a fresh clone. Prints each engine's tally, then one line "N passed, N failed" for everything.
#
#   npm test                          # every engine + server
#   npm test -- --browser firefox     # one engine (chromium, firefox or webkit) + server
#   PTCE_BROWSERS="chromium webkit" npm test
set -uo pipefail
cd "$(dirname "$0")/.."

engines="${PTCE_BROWSERS:-chromium firefox webkit}"
while [ $# -gt 0 ]; do
  case "$1" in
    --browser) engines="$2"; shift 2 ;;
    --browser=*) engines="${1#--browser=}"; shift ;;
    *) echo "test.sh: unknown option $1 (use --browser chromium|firefox|webkit)" >&2; exit 2 ;;
  esac
done
engines="${engines//,/ }"

PTCE_BROWSERS="$engines" bash scripts/setup.sh || exit 1

rm -rf test-results
status=0
mkdir -p test-results
npm run --silent build >test-results/build.log 2>&1 || { status=1; cat test-results/build.log; }
for engine in $engines; do
  echo "::: browser tests in $engine"
  start=$(date +%s)
  PTCE_BROWSER="$engine" npx web-test-runner || status=$?
  echo "$engine took $(( $(date +%s) - start )) s"
done
npm run --silent test:server || status=$?
npm run --silent test:attack || status=$?
npm run --silent test:package || status=$?
# The WordPress plugin in Debian's WordPress (MariaDB, PHP's built-in server) read by Chromium.
start=$(date +%s)
npm run --silent test:wordpress || status=$?
echo "wordpress took $(( $(date +%s) - start )) s"
PTCE_BROWSERS="$engines" node scripts/count-results.mjs || status=1
exit $status
