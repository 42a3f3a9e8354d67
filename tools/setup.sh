#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine lacks for building and testing,
# and nothing when it is all there already. Sourced by run.sh and test.sh.
set -euo pipefail

packages=(build-essential cmake ninja-build python3 nlohmann-json3-dev libgtest-dev googletest
          libcli11-dev libbenchmark-dev zlib1g-dev emscripten chromium clang libclang-rt-14-dev
          nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A newer Node.js (from nodesource, say) provides node and npm without Debian's packages.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node packages (page styles, browser tests), exactly as the lockfile says.
if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The wasm build minifies the modules' JS glue with npm's google-closure-compiler (--closure 1).
# On x86-64 Linux, npm ci installs its native binary (the optional google-closure-compiler-linux);
# elsewhere, or if npm skipped that optional package, its CLI runs the Java version: a JRE then.
if [ -d node_modules/google-closure-compiler ] && [ ! -x node_modules/google-closure-compiler-linux/compiler ] &&
   ! command -v java >/dev/null; then
  echo "setup: no native Closure compiler for this machine; installing a Java runtime for it"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless >/dev/null
fi
