#!/usr/bin/env bash
# Sets up, builds and serves the calculator. This is the README's run command.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh

cmake --preset native
cmake --build --preset native
echo "Built build/native/cqc-ratings. Try: build/native/cqc-ratings evaluate --format text '{\"safe\":\"good\",\"effective\":\"good\",\"caring\":\"good\",\"responsive\":\"good\",\"well_led\":\"good\",\"use_of_resources\":\"good\"}'"
