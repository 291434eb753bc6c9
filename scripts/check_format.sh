#!/usr/bin/env bash
# Fails (exit 1) when a C++ file under checker/ or tests/ differs from what
# clang-format makes of it with the tree's .clang-format; lists the files.
# Fix: git ls-files 'checker/*.cpp' 'checker/*.h' 'tests/*.cpp' 'tests/*.h' | xargs clang-format -i
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
command -v clang-format >/dev/null || { echo "check_format: clang-format not found (scripts/setup.sh installs it)" >&2; exit 2; }
bad=()
while IFS= read -r f; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files 'checker/*.cpp' 'checker/*.h' 'tests/*.cpp' 'tests/*.h')
if [ "${#bad[@]}" -gt 0 ]; then
  printf 'not clang-formatted: %s\n' "${bad[@]}"
  exit 1
fi
echo "every C++ file under checker/ and tests/ is clang-formatted"
