#!/usr/bin/env bash
# The bash completion (contrib/bash-completion/ctcheck): subcommands, the
# flags of each, flag values, and model files.
# usage: completion_test.sh SOURCE_DIR
set -u
SRC=${1:?usage: completion_test.sh SOURCE_DIR}
cd "$SRC" || exit 2
# shellcheck disable=SC1091
source contrib/bash-completion/ctcheck
failed=0
# complete WORDS...: completes the last word (may be empty) after the others.
complete_words() {
  COMP_WORDS=("ctcheck" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _ctcheck
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() {
  local got
  got=$(complete_words "${@:2}")
  if [ "$got" != "$1" ]; then
    echo "FAIL: ctcheck ${*:2} -> '$got', wanted '$1'"
    failed=1
  fi
}
expect "cases check cost " "c"
expect "gate graph " "g"
got=$(complete_words cases --)
for f in --jobs --shard --format --output --cache --quiet --verbose; do
  case " $got " in *" $f "*) ;; *) echo "FAIL: cases -- lacks $f: $got"; failed=1 ;; esac
done
expect "auto bmc explicit kind " "check" "--engine" ""
expect "itf json junit sarif text " "check" "--format" ""
expect "json junit sarif text " "gate" "--format" ""
expect "--timeout --trace-dir --trace-out " "check" "--t"
got=$(complete_words check cases/linux-4.3)
case "$got" in *"cases/linux-4.3.ct "*) ;; *) echo "FAIL: check MODEL does not complete .ct files: $got"; failed=1 ;; esac
if [ "$failed" -eq 0 ]; then echo "completion test passed"; else echo "completion test failed"; fi
exit "$failed"
