#!/usr/bin/env bash
# Installs what ctcheck needs from Debian packages (when missing), then configures
# and builds into ./build. Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake make pkg-config libz3-dev libcli11-dev libgtest-dev nlohmann-json3-dev
          python3 python3-jsonschema spin
          chromium)  # only for the render test of `--trace-out FILE.svg` (tests/vis); ~40 s to install
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" >&2
