#!/usr/bin/env bash
# Sets up, builds and runs every test. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh

# Native: the core, the contract and the CLI (GoogleTest via CTest).
cmake --preset native
cmake --build --preset native
ctest --preset native

# WebAssembly: the module and the site, tested from Node and in Chromium
# (the byte-for-byte comparison uses the native CLI built above).
cmake --preset wasm
cmake --build --preset wasm
ctest --preset wasm

# The native suites again under AddressSanitizer + UndefinedBehaviorSanitizer (clang).
cmake --preset asan
cmake --build --preset asan
ctest --preset asan

# A short run of every libFuzzer harness (fuzz/README.md: longer runs).
bash fuzz/run.sh 15
