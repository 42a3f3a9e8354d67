#!/usr/bin/env bash
# Builds the native benchmarks (Release, their own tree build/bench, so the
# presets' builds are untouched), runs them and prints the native table.
# Figures, not a test: nothing here fails on speed.
#   BENCH_REPS=5 BENCH_MIN_TIME=0.2 bash bench/native.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Quiet unless it fails (Ninja prints compile errors on stdout).
mkdir -p build/bench
quiet() { "$@" >build/bench/build.log 2>&1 || { cat build/bench/build.log >&2; exit 1; }; }
quiet cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCQC_BUILD_BENCHMARKS=ON -DCQC_BUILD_TESTS=OFF
quiet cmake --build build/bench --target cqc-bench cqc-bench-hierarchy cqc-bench-assessment

echo "== Native (C++) =="
# Repetitions and their median: the machine may be shared, and one unlucky
# run should not become the figure.
build/bench/bench/cqc-bench --benchmark_format=json \
  --benchmark_repetitions="${BENCH_REPS:-5}" --benchmark_report_aggregates_only=true \
  --benchmark_min_time="${BENCH_MIN_TIME:-0.2}" >build/bench/native-raw.json
node bench/native-table.mjs build/bench/native-raw.json

echo "== Levels of ratings: 3 locations x 10 services, evaluation and what would change it =="
build/bench/bench/cqc-bench-hierarchy --benchmark_repetitions="${BENCH_REPS:-5}" \
  --benchmark_report_aggregates_only=true --benchmark_min_time="${BENCH_MIN_TIME:-0.2}" 2>/dev/null |
  grep -E '_median|^Benchmark|^-'

echo "== Assessment contract: a 10 x 12 trust, the answer written directly beside the JSON tree it replaced =="
# The documents of tests/data/large-assessment.mjs: dated, and a 200-character rationale on every rating.
mkdir -p build/bench/assessment
node --input-type=module -e "
  import fs from 'node:fs';
  import { largeAssessment } from './tests/data/large-assessment.mjs';
  fs.writeFileSync('build/bench/assessment/10x12-dated.json', JSON.stringify(largeAssessment()));
  fs.writeFileSync('build/bench/assessment/10x12-r200.json', JSON.stringify(largeAssessment({ rationales: 200 })));"
build/bench/bench/cqc-bench-assessment --benchmark_repetitions="${BENCH_REPS:-5}" \
  --benchmark_report_aggregates_only=true --benchmark_min_time="${BENCH_MIN_TIME:-0.2}" \
  build/bench/assessment/10x12-dated.json build/bench/assessment/10x12-r200.json 2>/dev/null |
  grep -E '_median|_cv|^Benchmark|^-'
