#!/usr/bin/env bash
# The demo: endpoint server + database + a page with every widget, on http://localhost:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent build
echo "The demo server comes with the reference endpoint (issue 4): coming soon."
echo "Meanwhile, Storybook shows the widgets on the demo data: npm run storybook"
