#!/usr/bin/env bash
# The demo: reference endpoint server + SQLite database + a page with every widget, on
# http://localhost:${PORT:-8080}. Sets up what is missing first (npm dependencies), builds the
# embed bundle, then starts the server (Ctrl-C to stop). The database is data/ptce.sqlite,
# created and seeded from demo/data/ on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-browser
npm run --silent build
exec node --import tsx server/src/main.ts
