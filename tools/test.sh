#!/usr/bin/env bash
# Sets up, builds and runs every test. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh

cmake --preset native
cmake --build --preset native
ctest --preset native
