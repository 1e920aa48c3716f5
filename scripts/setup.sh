#!/usr/bin/env bash
# Everything the project needs on a fresh machine: Debian's browsers for the browser tests
# (Chromium; Firefox ESR; WebKitGTK's WebDriver with Xvfb) and the npm dependencies (installed
# again only when package-lock.json changed, completed when some are missing). Nothing is
# downloaded from outside the package registries.
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
  # The WordPress plugin's test (test/wordpress/) runs Debian's WordPress on MariaDB and PHP;
  # the build packs the plugin with zip.
  [ -f /usr/share/wordpress/wp-settings.php ] || missing+=(wordpress)
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -qx mysqli || missing+=(php-cli php-mysql)
  command -v zip >/dev/null 2>&1 || missing+=(zip)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (Debian packages)…"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm's own record of what is installed (scripts/npm-installed.mjs), not a stamp of ours.
if ! node scripts/npm-installed.mjs; then
  if node scripts/npm-installed.mjs --omit=dev >/dev/null; then
    # After `npm start`'s runtime-only install: add the development tools, keep the rest.
    echo "setup: installing the development dependencies…"
    JOBS=max npm install --no-save --no-audit --no-fund
  else
    echo "setup: installing npm dependencies…"
    # No browser download: puppeteer's own configuration (.puppeteerrc.cjs) says so.
    JOBS=max npm ci --no-audit --no-fund
  fi
fi
