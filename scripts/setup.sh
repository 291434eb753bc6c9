#!/usr/bin/env bash
# Installs what ctcheck needs from Debian packages (when missing), then configures
# and builds into ./build. Safe to run again: it only does what is not done yet.
#
# Both commands of the README start with `bash scripts/setup.sh` (build and run,
# or build and test), so this script cannot tell which one follows: it installs
# the packages the test suite uses too. Only the build packages are required;
# chromium (for the render test of `--trace-out FILE.svg`, which is skipped
# without it; ~40 s to install) and clang with its libFuzzer runtime (for the
# short fuzz runs, fuzz.run.*, skipped without it; ~40 MB) are optional: if
# they cannot be installed, the build goes on with a warning. CTCHECK_SETUP=build
# skips them. spin is only for bench/engines_vs_spin.sh: CTCHECK_SETUP=bench adds it.
set -euo pipefail
cd "$(dirname "$0")/.."

required=(g++ cmake make pkg-config libz3-dev libcli11-dev libgtest-dev nlohmann-json3-dev
          python3 python3-jsonschema clang-format)  # python3-jsonschema: the SARIF schema test; clang-format: format.check
optional=()
case "${CTCHECK_SETUP:-test}" in
  build) ;;
  test) optional=(chromium clang libclang-rt-14-dev) ;;
  bench) optional=(chromium clang libclang-rt-14-dev spin) ;;
  *) echo "setup: CTCHECK_SETUP must be build, test or bench" >&2; exit 2 ;;
esac

missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=0
install() {
  if [ "$updated" -eq 0 ]; then
    $sudo apt-get update -qq
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}

mapfile -t need < <(missing "${required[@]}")
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  install "${need[@]}"
fi
mapfile -t want < <(missing "${optional[@]}")
if [ ${#want[@]} -gt 0 ]; then
  echo "setup: installing ${want[*]} (for tests only; CTCHECK_SETUP=build skips them)" >&2
  install "${want[@]}" || echo "setup: warning: could not install ${want[*]}; the tests that need them are skipped" >&2
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" >&2
