#!/usr/bin/env bash
# The test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
#
#   scripts/sanitize.sh [--build-dir DIR] [--jobs N] [--all] [-- CTEST_ARGS...]
#
# Builds everything with -DCTCHECK_SANITIZE=ON into DIR (default build-asan)
# and runs ctest there. Any sanitizer report fails its test: UBSan does not
# recover (-fno-sanitize-recover), ASan stops at the first error, and leaks are
# reported at exit. Without --all the tests that take minutes even unsanitized
# are left out (the whole case corpus, the golden corpus, the cases'
# explicit-vs-BMC pass, the libFuzzer runs, the .deb), and the random-model
# cross-check runs 25 models per shard (CROSSCHECK_MODELS) instead of 125.
# Z3 itself is not instrumented; our calls into it are.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan jobs=$(nproc) all=0 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --all) all=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: scripts/sanitize.sh [--build-dir DIR] [--jobs N] [--all] [-- CTEST_ARGS...]" >&2; exit 2 ;;
  esac
done
cmake -S . -B "$build" -G 'Unix Makefiles' -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCTCHECK_SANITIZE=ON >/dev/null
cmake --build "$build" -j "$jobs" >&2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exclude=()
if [ "$all" -eq 0 ]; then
  export CROSSCHECK_MODELS=${CROSSCHECK_MODELS:-25}
  exclude=(-E '^(cases\.all|corpus\.golden|crosscheck\.cases_explicit_vs_bmc_shallow|fuzz\.run\..*|packaging\.deb)$')
fi
ctest --test-dir "$build" --output-on-failure -j "$jobs" "${exclude[@]}" "${extra[@]}"
