#!/usr/bin/env bash
# `ctcheck cost` and `ctcheck gate --max-cost-increase` end to end: exit codes,
# error messages, whole-or-nothing output files.
# usage: cost_cli_tests.sh CTCHECK DATA_DIR
set -u
CTCHECK=$1
DATA=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-cost.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$DATA" || exit 2
failed=0
check() {  # check WHAT EXPECTED_RC ARGS...: runs ctcheck, compares the exit code
  local what=$1 want=$2
  shift 2
  "$CTCHECK" "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL $what: exit $rc, expected $want"; sed 's/^/  out: /' "$WORK/out" | head; sed 's/^/  err: /' "$WORK/err" | head
    failed=$((failed + 1))
  else
    echo "ok   $what"
  fi
}
expect() {  # expect WHAT FILE REGEX
  grep -Eq -- "$3" "$2" || { echo "FAIL $1: $2 does not match /$3/"; sed 's/^/  /' "$2" | head; failed=$((failed + 1)); }
}

check "cost of one variant" 0 cost base.ct
expect "the IRQ path is counted" "$WORK/out" "^IRQ from user +2 +2 "
check "side by side" 0 cost head.ct --base base.ct --format csv
expect "csv change of max" "$WORK/out" "^irq_from_user,full_barrier,2,2,3,3,1$"
check "svg to a file" 0 cost head.ct --base base.ct --format svg --output "$WORK/chart.svg"
expect "svg is a picture" "$WORK/chart.svg" "^<svg xmlns"
check "json" 0 cost base.ct --format json
expect "json names the paths" "$WORK/out" '"path": "irq_from_user"'

check "missing file" 2 cost no_such.ct --output "$WORK/none.txt"
[ ! -e "$WORK/none.txt" ] || { echo "FAIL missing file: an output file was written"; failed=$((failed + 1)); }
check "unknown cost name" 2 cost malformed.ct --output "$WORK/none.txt"
expect "error at its place" "$WORK/err" "malformed.ct:2:35: error: unknown cost 'no_such_event'"
[ ! -e "$WORK/none.txt" ] || { echo "FAIL malformed: an output file was written"; failed=$((failed + 1)); }
check "bad format" 2 cost base.ct --format xml

check "gate shows the cost change" 0 gate --base base.ct --head head.ct --quiet
expect "gate cost line" "$WORK/out" "IRQ from user  full_barrier  2 -> 3"
check "gate over the limit" 1 gate --base base.ct --head head.ct --quiet --max-cost-increase full_barrier=0
expect "gate says why" "$WORK/out" "COST REGRESSION"
check "gate within the limit" 0 gate --base base.ct --head head.ct --quiet --max-cost-increase full_barrier=1 --max-cost-increase atomic=0
check "gate: no =N" 2 gate --base base.ct --head head.ct --max-cost-increase full_barrier
check "gate: unknown event" 2 gate --base base.ct --head head.ct --max-cost-increase barrier=1
expect "gate: suggestion" "$WORK/err" "not 'barrier=1'"
check "gate: negative N" 2 gate --base base.ct --head head.ct --max-cost-increase atomic=-1

echo "$failed failed"
[ "$failed" -eq 0 ]
