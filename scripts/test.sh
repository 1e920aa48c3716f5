#!/usr/bin/env bash
# All the tests: browser tests in headless Chromium (web-test-runner) and the reference server's
# tests (node:test, real HTTP and database). Sets up what is missing first and builds dist/ (some
# browser tests load the built bundles), so it works on a fresh clone. Ends with one line
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

rm -rf test-results
status=0
mkdir -p test-results
npm run --silent build >test-results/build.log 2>&1 || { status=1; cat test-results/build.log; }
npx web-test-runner || status=$?
npm run --silent test:server || status=$?
node scripts/count-results.mjs || status=1
exit $status
