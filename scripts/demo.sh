#!/usr/bin/env bash
# The demo: reference endpoint server + SQLite database + a page with every widget, on
# http://localhost:${PORT:-8080}. The database is data/ptce.sqlite, created and seeded from
# demo/data/ on first start. Ctrl-C to stop.
#
# Quick on a fresh machine: when the development tools are not installed yet it installs only
# what runs the demo (`npm ci --omit=dev`: the widgets' and the server's dependencies), and builds
# the embed bundles with esbuild (scripts/build-demo.mjs) instead of the full rollup build.
# `npm test` and CI install everything later (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(sha256sum package-lock.json | cut -d' ' -f1)
full=node_modules/.ptce-lock-sha         # written by setup.sh after a full install
runtime=node_modules/.ptce-demo-lock-sha # written here after a runtime-only install
if [ "$(cat "$full" 2>/dev/null)" != "$want" ] && [ "$(cat "$runtime" 2>/dev/null)" != "$want" ]; then
  echo "demo: installing the demo's dependencies (runtime only)…"
  # JOBS=max: node-gyp compiles better-sqlite3's two sources side by side (no prebuilt binary can
  # be downloaded here), the longest part of a first start.
  JOBS=max PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=dev --no-audit --no-fund
  echo "$want" >"$runtime"
fi
node scripts/build-demo.mjs
exec node --import tsx server/src/main.ts
