#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang and runs them.
#
#   scripts/fuzz.sh [--seconds N] [--build-dir DIR] [--jobs N] [frontend|sim|all]
#
# --seconds: per target (default 600); --jobs: parallel libFuzzer workers per
# target (default 1); --build-dir: the clang tree (default build-fuzz). The
# working corpus grows in DIR/corpus/TARGET between runs; the seeds are
# tests/data/fuzz/ (small models, diagnostics inputs and every past finding),
# the cases and the cross-check regressions. A finding is written to
# DIR/artifacts/ and the script exits 1: add it to tests/data/fuzz/TARGET/ (the
# fuzz.replay.* tests re-run it in every build) and fix it.
# Exit 77 (skipped, reason on stderr) when clang or libFuzzer is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
seconds=600 build=build-fuzz jobs=1 targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    frontend|sim) targets+=("$1"); shift ;;
    all) targets+=(frontend sim); shift ;;
    *) echo "usage: scripts/fuzz.sh [--seconds N] [--build-dir DIR] [--jobs N] [frontend|sim|all]" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(frontend sim)

cxx=${CTCHECK_FUZZ_CXX:-clang++}
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "fuzz: skipped: $cxx not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 77
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <cstdint>\n#include <cstddef>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }\n' >"$probe/p.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >"$probe/log" 2>&1; then
  echo "fuzz: skipped: $cxx cannot link -fsanitize=fuzzer (libFuzzer runtime missing: apt-get install libclang-rt-14-dev)" >&2
  sed 's/^/fuzz:   /' "$probe/log" | head -5 >&2
  exit 77
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$src" -B "$build" -G 'Unix Makefiles' -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCTCHECK_FUZZ=ON >/dev/null
fi
make_targets=()
for t in "${targets[@]}"; do make_targets+=(--target "fuzz_$t"); done
cmake --build "$build" -j "$(nproc)" "${make_targets[@]}" >&2

build=$(cd "$build" && pwd)
status=0
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  mkdir -p "$corpus" "$build/artifacts" "$build/logs-$t"
  rm -f "$build/logs-$t"/*.log
  log=$build/logs-$t/run.log
  echo "fuzz: $t for ${seconds}s (log: $log)" >&2
  args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1
        -artifact_prefix="$build/artifacts/$t-")
  if [ "$jobs" -gt 1 ]; then args+=(-jobs="$jobs" -workers="$jobs"); fi
  rc=0
  # libFuzzer's workers write fuzz-N.log into the working directory.
  (cd "$build/logs-$t" && "$build/fuzz_$t" "${args[@]}" "$corpus" "$src/tests/data/fuzz" "$src/cases" \
     "$src/tests/data/crosscheck" >"$log" 2>&1) || rc=$?
  runs=$(cat "$build/logs-$t"/*.log | grep -o 'stat::number_of_executed_units: *[0-9]*' |
         awk '{n += $2} END {print n + 0}' || true)
  echo "fuzz: $t: $runs inputs executed in ${seconds}s, corpus $(ls "$corpus" | wc -l) files, exit $rc" >&2
  if [ "$rc" -ne 0 ]; then
    cat "$build/logs-$t"/*.log | grep -E 'ERROR|SUMMARY|fuzz_sim:|Test unit written|runtime error' | head -20 >&2 || true
    status=1
  fi
done
exit "$status"
