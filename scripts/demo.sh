#!/usr/bin/env bash
# The demo: reference endpoint server + SQLite database + a page with every widget, on
# http://localhost:${PORT:-8080}. The database is data/ptce.sqlite, created and seeded from
# demo/data/ on first start, with an admin account and a moderator per region whose passwords are
# printed once (PTCE_DEMO_ACCOUNTS). Ctrl-C to stop.
#
# Quick on a fresh machine: when the development tools are not installed yet it installs only
# what runs the demo (`npm ci --omit=dev`: the widgets' and the server's dependencies), and builds
# the embed bundles with esbuild (scripts/build-demo.mjs, into dist-demo/) instead of the full
# rollup build (dist/).
# `npm test` and CI install everything later (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# npm's own record of what is installed (scripts/npm-installed.mjs): a full install is kept.
if ! node scripts/npm-installed.mjs --omit=dev; then
  echo "demo: installing the demo's dependencies (runtime only)…"
  # JOBS=max: node-gyp compiles better-sqlite3's two sources side by side (no prebuilt binary can
  # be downloaded here), the longest part of a first start.
  JOBS=max npm ci --omit=dev --no-audit --no-fund
fi
node scripts/build-demo.mjs
# The quick bundles are served at /cdn/ from a folder of their own: dist/ keeps the rollup build.
PTCE_CDN_DIR=dist-demo/cdn PTCE_DEMO_CAMPAIGN=${PTCE_DEMO_CAMPAIGN:-1} PTCE_DEMO_ACCOUNTS=${PTCE_DEMO_ACCOUNTS:-1} exec node --import tsx server/src/main.ts
