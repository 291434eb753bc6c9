#!/usr/bin/env bash
# Determinism: the same input gives byte-identical text, JSON, SARIF, JUnit,
# VCD and SVG with --jobs 1 and --jobs N (threads race; output must not).
# The only fields excepted are wall-clock timings, masked before comparing:
#   text    the `seconds` column of the table ("2.39", with the spaces that
#           right-align it) and the cases table's "0.12 s"
#   JSON    every "seconds" value
# (SARIF, JUnit, VCD and SVG carry no timing.)
#
# One known exception (docs/trust.md): with --engine bmc, --jobs N > 1 splits
# the properties into groups, one solver each, and Z3 may pick another (as
# short) counterexample than the joint solver of --jobs 1. There the verdict
# table must be identical across --jobs 1 and N, and every output byte-identical
# between two runs with the same N. `auto` (the default) gets its
# counterexamples from the explicit engine's breadth-first search first.
#
# usage: determinism_test.sh CTCHECK DATA_DIR   (DATA_DIR: tests/data/cli)
set -u
CTCHECK=${1:?usage: determinism_test.sh CTCHECK DATA_DIR}
DATA=${2:?usage: determinism_test.sh CTCHECK DATA_DIR}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-det.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$DATA" || exit 2
failed=0

# mask FILE: timings replaced by T.
mask() {
  sed -E -e 's/("seconds": )[0-9.eE+-]+/\1T/g' \
         -e 's/ +[0-9]+\.[0-9]{2}( |$)/ T\1/g' \
         -e 's/\([0-9]+\.[0-9]{2} s\)/(T s)/g' -e 's/ [0-9]+\.[0-9]{2} s$/ T s/' "$1"
}
# same NAME FILE_A FILE_B
same() {
  if ! [ -s "$2" ]; then echo "FAIL: $1: $2 is missing or empty"; failed=1; return; fi
  if ! diff <(mask "$2") <(mask "$3") >"$WORK/diff"; then
    echo "FAIL: $1 differs between --jobs 1 and --jobs N:"
    head -20 "$WORK/diff"
    failed=1
  else
    echo "ok   $1"
  fi
}

# check: every format from one run (--report), and both drawings.
check_run() {  # check_run TAG JOBS ARGS...
  local tag=$1 j=$2
  shift 2
  local d="$WORK/$tag-$j"
  mkdir -p "$d"
  "$CTCHECK" check --quiet --jobs "$j" --report text="$d/r.txt" --report json="$d/r.json" \
    --report sarif="$d/r.sarif" --report junit="$d/r.xml" --trace-out "$d/t.vcd" --trace-out "$d/t.svg" \
    "$@" determinism.ct >"$d/stdout" 2>"$d/stderr"
  echo $? >"$d/rc"
}
# compare TAG A B: every output of two check runs.
compare() {
  local tag=$1 a=$2 b=$3 f
  same "check $tag exit code" "$a/rc" "$b/rc"
  [ "$(cat "$a/rc")" = 1 ] || { echo "FAIL: check $tag: expected a violation (exit 1)"; failed=1; }
  for f in stdout r.txt r.json r.sarif r.xml t.vcd t.svg; do same "check $tag $f" "$a/$f" "$b/$f"; done
  # The drawings of every other violated property (FILE-PROPERTY.ext).
  for f in "$a"/t-*; do
    [ -e "$f" ] && same "check $tag $(basename "$f")" "$f" "$b/$(basename "$f")"
  done
}
check_run auto 1
check_run auto 4
compare "auto, --jobs 1 vs 4" "$WORK/auto-1" "$WORK/auto-4"
check_run bmc 1 --engine bmc --depth 16
check_run bmc 4 --engine bmc --depth 16
check_run bmc-again 4 --engine bmc --depth 16
compare "bmc, --jobs 4 twice" "$WORK/bmc-4" "$WORK/bmc-again-4"
table() { sed -n '1,/^$/p;/^property/,/^$/p' "$1"; }
table "$WORK/bmc-1/r.txt" >"$WORK/bmc-1/table"
table "$WORK/bmc-4/r.txt" >"$WORK/bmc-4/table"
same "check bmc, --jobs 1 vs 4: verdict table" "$WORK/bmc-1/table" "$WORK/bmc-4/table"
grep -q "violated" "$WORK/bmc-1/table" || { echo "FAIL: check bmc: no violation in the table"; failed=1; }

# cases: models in parallel threads, the report in file order.
for j in 1 4; do
  d="$WORK/cases-$j"
  mkdir -p "$d"
  for f in json sarif junit; do
    "$CTCHECK" cases --quiet --jobs "$j" --format "$f" --output "$d/r.$f" cases >"$d/stdout-$f" 2>/dev/null
  done
done
for f in stdout-json r.json r.sarif r.junit; do same "cases $f" "$WORK/cases-1/$f" "$WORK/cases-4/$f"; done

if [ "$failed" -eq 0 ]; then echo "determinism test passed"; else echo "determinism test failed"; fi
exit "$failed"
