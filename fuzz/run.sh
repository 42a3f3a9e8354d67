#!/usr/bin/env bash
# Builds the libFuzzer harnesses (the fuzz preset) and runs each for SECONDS
# (default 20), one after another, then prints one summary table. Exits
# non-zero if any harness crashes, times out or runs out of memory.
#
#   bash fuzz/run.sh [SECONDS] [HARNESS...]     e.g. bash fuzz/run.sh 15
#                                                    bash fuzz/run.sh 600 fuzz_request
#
# The committed seeds (fuzz/corpus/<harness>/) are copied into a scratch corpus
# under build/fuzz/corpus/<harness>/, which libFuzzer grows and which is kept
# between runs (delete it to start again from the seeds). Crash inputs go to
# build/fuzz/artefacts/, logs to build/fuzz/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_request fuzz_rule_set fuzz_params fuzz_batch_lines fuzz_explore fuzz_ratings_export fuzz_ods fuzz_ods_content)
case "$seconds" in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [HARNESS...]" >&2; exit 2 ;; esac

build=build/fuzz
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz
mkdir -p "$build/artefacts" "$build/logs"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=0
rows=()
for harness in "${harnesses[@]}"; do
  [ -d "fuzz/corpus/$harness" ] || { echo "no such harness: $harness" >&2; exit 2; }
  corpus="$build/corpus/$harness"
  log="$build/logs/$harness.log"
  mkdir -p "$corpus"
  cp -r "fuzz/corpus/$harness/." "$corpus/"
  echo "== $harness: ${seconds}s (log: $log)"
  status=0
  dict=fuzz/json.dict
  [ -f "fuzz/$harness.dict" ] && dict="fuzz/$harness.dict"  # a harness of its own kind of text
  "$build/$harness" "$corpus" -dict="$dict" -max_total_time="$seconds" -max_len=8192 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$build/artefacts/$harness-" \
    > "$log" 2>&1 || status=$?
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  execs="$(stat number_of_executed_units)"
  rate="$(stat average_exec_per_sec)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  files="$(find "$corpus" -type f | wc -l)"
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    failed=1
    artefact="$(grep -o "$build/artefacts/$harness-[^ ]*" "$log" | tail -1 || true)"
    result="FAILED (exit $status) ${artefact:-see $log}"
    grep -E 'ERROR:|check failed|SUMMARY:' "$log" | head -5 >&2 || true
  fi
  rows+=("$(printf '%-17s %8ss %12s %8s %6s %8s  %s' "$harness" "$seconds" "${execs:--}" \
    "${rate:--}" "${cov:--}" "$files" "$result")")
done

echo
printf '%-17s %9s %12s %8s %6s %8s  %s\n' harness time executions exec/s cov corpus result
printf '%s\n' "${rows[@]}"
exit "$failed"
