#!/usr/bin/env bash
# End-to-end tests of `ctcheck check --trace-out` and `ctcheck graph`: files
# compared byte for byte with the goldens in tests/data/vis/, exit codes, and
# files written or not written.
#
# usage: run_vis_cli.sh CTCHECK SOURCE_DIR [FILTER]
# Runs from SOURCE_DIR so locations in the output read tests/data/vis/...
# Prints one line per test and "N passed, M failed"; exits 1 if any failed.
set -u

CTCHECK=${1:?usage: run_vis_cli.sh CTCHECK SOURCE_DIR [FILTER]}
SRC=${2:?usage: run_vis_cli.sh CTCHECK SOURCE_DIR [FILTER]}
FILTER=${3:-}
case "$CTCHECK" in /*) ;; *) CTCHECK="$PWD/$CTCHECK" ;; esac
cd "$SRC" || exit 2

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-vis.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
MODEL=tests/data/vis/mini_entry.ct
GOLD=tests/data/vis
OUT="$WORK/stdout"
ERR="$WORK/stderr"
RC=0
passed=0
failed=0
current=""
ok=1

run() {
  "$CTCHECK" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
fail() {
  ok=0
  echo "  FAIL [$current]: $*"
  echo "    command exit code: $RC"
  sed 's/^/    stderr: /' "$ERR" | head -10
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -Eq -- "$1" "$OUT" || fail "stdout does not match /$1/"; }
expect_no_out() { ! grep -Eq -- "$1" "$OUT" || fail "stdout matches /$1/ but must not"; }
expect_err() { grep -Eq -- "$1" "$ERR" || fail "stderr does not match /$1/"; }
expect_same() { cmp -s "$1" "$2" || { fail "$1 differs from $2"; diff "$2" "$1" | head -10 | sed 's/^/    /'; }; }
expect_file() { [ -f "$1" ] || fail "$1 was not written"; }
expect_no_file() { [ ! -e "$1" ] || fail "$1 was written but must not be"; }

test_trace_out_all() {
  # Two violations: the assertion (what a reader looks for first, though the
  # invariant comes first in the report) to FILE, the other to FILE-PROPERTY.ext.
  run check --quiet --engine explicit "$MODEL" --trace-out "$WORK/t.vcd" --trace-out "$WORK/t.svg" \
    --trace-out "$WORK/t.html"
  expect_rc 1
  expect_same "$WORK/t.vcd" "$GOLD/irq_not_in_user.vcd"
  expect_same "$WORK/t-watching_in_kernel.vcd" "$GOLD/watching_in_kernel.vcd"
  expect_same "$WORK/t.svg" "$GOLD/irq_not_in_user.svg"
  expect_same "$WORK/t-watching_in_kernel.svg" "$GOLD/watching_in_kernel.svg"
  expect_same "$WORK/t.html" "$GOLD/irq_not_in_user.html"
  expect_file "$WORK/t-watching_in_kernel.html"
  [ "$(ls "$WORK" | grep -c '^t')" -eq 6 ] || fail "expected exactly 6 trace files, got: $(ls "$WORK" | tr '\n' ' ')"
  ls "$WORK" | grep -q 'ctcheck-tmp' && fail "temporary files left behind"
}

test_trace_out_one_property() {
  run check --quiet --engine explicit "$MODEL" --property irq_not_in_user --trace-out "$WORK/one.vcd"
  expect_rc 1
  expect_same "$WORK/one.vcd" "$GOLD/irq_not_in_user.vcd"
  expect_no_file "$WORK/one-irq_not_in_user.vcd"
}

test_trace_out_property() {
  # PROPERTY=FILE: that property only, nothing else written.
  run check --quiet --engine explicit "$MODEL" --trace-out "watching_in_kernel=$WORK/w.svg"
  expect_rc 1
  expect_same "$WORK/w.svg" "$GOLD/watching_in_kernel.svg"
  [ "$(ls "$WORK" | grep -c '^w')" -eq 1 ] || fail "expected only w.svg, got: $(ls "$WORK" | tr '\n' ' ')"
  # A property the model does not have: usage error, nothing written.
  run check --quiet --engine explicit "$MODEL" --trace-out "no_such=$WORK/n.svg"
  expect_rc 2
  expect_err "has no property 'no_such'"
  expect_no_file "$WORK/n.svg"
}

test_trace_out_bad_extension() {
  run check --quiet "$MODEL" --trace-out "$WORK/t.png"
  expect_rc 2
  expect_err "unknown extension"
  expect_no_file "$WORK/t.png"
}

test_trace_out_no_violation() {
  run check --engine explicit tests/data/cli/safe.ct --trace-out "$WORK/safe.vcd"
  expect_rc 0
  expect_no_file "$WORK/safe.vcd"
  expect_err "not written"
}

test_graph_dot() {
  run graph "$MODEL" --format dot
  expect_rc 0
  expect_same "$OUT" "$GOLD/mini_entry.dot"
  run graph "$MODEL" --output "$WORK/g.dot"
  expect_rc 0
  expect_same "$WORK/g.dot" "$GOLD/mini_entry.dot"
}

test_graph_state_vars() {
  run graph "$MODEL" --state-var ct_state --state-var 'dynticks&0x3' --state-var syscalls
  expect_rc 0
  expect_same "$OUT" "$GOLD/mini_entry-state-vars.dot"
}

test_graph_if_and_failures() {
  # Projected on IF: the invariant fails with IF=1 in kernel mode, the assert with IF=0 (in the handler).
  run graph "$MODEL" --state-var ct_state --state-var IF
  expect_rc 0
  expect_out 'ct_state = CONTEXT_USER\\nIF=1\\nkernel\\nfails: watching_in_kernel", color="#d40000"'
  expect_out 'ct_state = CONTEXT_USER\\nIF=0\\nkernel\\nfails: irq_not_in_user"'
  # A bad patch's graph differs from the good one's: only it has a failing node.
  run graph tests/data/gate/head/counter.ct --state-var count
  expect_rc 0
  expect_out "nfails: balanced"
  run graph tests/data/gate/fixed.ct --state-var count
  expect_rc 0
  expect_no_out "nfails: "
}

test_graph_errors() {
  run graph "$MODEL" --state-var no_such_var
  expect_rc 2
  expect_err "no variable 'no_such_var'"
  run graph "$MODEL" --format png
  expect_rc 2
  run graph "$MODEL" --max-states 5 --output "$WORK/part.dot"
  expect_rc 3
  expect_err "incomplete"
  expect_file "$WORK/part.dot"
  grep -q "incomplete: state limit of 5 states" "$WORK/part.dot" || fail "part.dot does not say it is incomplete"
}

tests=(trace_out_all trace_out_property trace_out_one_property trace_out_bad_extension trace_out_no_violation graph_dot
       graph_state_vars graph_if_and_failures graph_errors)
found=0
for t in "${tests[@]}"; do
  [ -n "$FILTER" ] && [ "$FILTER" != "$t" ] && continue
  found=1
  current=$t
  ok=1
  rm -rf "${WORK:?}"/*
  "test_$t"
  if [ "$ok" -eq 1 ]; then
    passed=$((passed + 1))
    echo "ok   $t"
  else
    failed=$((failed + 1))
    echo "FAIL $t"
  fi
done
[ "$found" -eq 1 ] || { echo "no test named '$FILTER'"; exit 2; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
