#!/usr/bin/env bash
# Everything the project needs on a fresh machine: Debian's browsers for the browser tests
# (Chromium; Firefox ESR; WebKitGTK's WebDriver with Xvfb) and the npm dependencies (reinstalled
# only when package-lock.json changed). Nothing is downloaded from outside the package registries.
#   setup.sh               the three engines (or those in PTCE_BROWSERS) + npm
#   setup.sh --no-browser  npm only (the demo)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ "${1:-}" != "--no-browser" ]; then
  for engine in ${PTCE_BROWSERS:-chromium firefox webkit}; do
    case "$engine" in
      chromium) [ -n "${CHROME_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
      firefox) [ -n "${FIREFOX_PATH:-}" ] || command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr) ;;
      webkit) command -v WebKitWebDriver >/dev/null 2>&1 && command -v xvfb-run >/dev/null 2>&1 || missing+=(webkit2gtk-driver xvfb xauth) ;;
    esac
  done
  # The server's tests run a throwaway PostgreSQL cluster too (scripts/with-postgres.sh).
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (Debian packages)…"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

stamp=node_modules/.ptce-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm dependencies…"
  # The test runners drive Debian's browsers: no browser download.
  JOBS=max PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
