#!/usr/bin/env bash
# Everything the project needs on a fresh machine: Debian's Chromium for the browser tests and
# the npm dependencies (reinstalled only when package-lock.json changed).
set -euo pipefail
cd "$(dirname "$0")/.."

# The demo does not need a browser: `setup.sh --no-browser` skips it.
if [ "${1:-}" != "--no-browser" ] && [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing Chromium (Debian package)…"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

stamp=node_modules/.ptce-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm dependencies…"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
