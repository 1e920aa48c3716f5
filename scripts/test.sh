#!/usr/bin/env bash
# All the tests: browser tests in headless Chromium (web-test-runner). Sets up what is missing
# first, so it works on a fresh clone. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

rm -rf test-results
status=0
npx web-test-runner || status=$?
node scripts/count-results.mjs || status=1
exit $status
