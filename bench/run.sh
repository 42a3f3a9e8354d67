#!/usr/bin/env bash
# Runs every benchmark in order and prints their tables (see bench/README.md).
# Figures, not tests: only reference.test.mjs can fail, and it checks
# answers, never speed. Expects the wasm preset already built (build/site);
# native.sh builds its own Release tree in build/bench.
#   bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f build/site/ratings-api.mjs || ! -f build/site/ratings.wasm ]]; then
  echo "bench: build/site is missing: build the site first with" >&2
  echo "  cmake --preset wasm && cmake --build --preset wasm" >&2
  exit 1
fi

bash bench/native.sh                      # writes build/bench/native.json for the ratios below
echo "== JS reference agrees with the core =="
node --test --test-reporter=dot bench/reference.test.mjs
echo
node bench/wasm.mjs
node bench/browser.mjs
node bench/explorer.mjs
node bench/page.mjs
node bench/first-result.mjs               # first result vs the page without scripts; repeat visits
node bench/first-result.mjs --network fast3g --h2 --reps 8   # the same on a "Fast 3G" link, HTTP/2
