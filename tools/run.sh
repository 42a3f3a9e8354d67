#!/usr/bin/env bash
# Sets up, builds and serves the calculator. This is the README's run command.
# PORT (default 8080) and HOST (default 127.0.0.1) choose where it listens.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh

cmake --preset native >/dev/null
cmake --build --preset native
cmake --preset wasm >/dev/null
cmake --build --preset wasm
exec node web/serve.mjs --dir build/site --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
