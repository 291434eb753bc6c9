#!/usr/bin/env bash
# End-to-end tests of the ctcheck command line: exit codes (0 ok, 1 violated,
# 2 usage/input error, 3 unknown), messages, files written or not written.
#
# usage: run_cli_tests.sh CTCHECK DATA_DIR [FILTER]
#   CTCHECK   the ctcheck binary
#   DATA_DIR  tests/data/cli (models used below)
#   FILTER    run only the test of that name (e.g. check_safe)
# Prints one line per test and "N passed, M failed"; exits 1 if any failed.
set -u

CTCHECK=${1:?usage: run_cli_tests.sh CTCHECK DATA_DIR [FILTER]}
DATA=${2:?usage: run_cli_tests.sh CTCHECK DATA_DIR [FILTER]}
FILTER=${3:-}
case "$CTCHECK" in /*) ;; *) CTCHECK="$PWD/$CTCHECK" ;; esac
case "$DATA" in /*) ;; *) DATA="$PWD/$DATA" ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Relative model paths in messages: run from the data directory.
cd "$DATA" || exit 2

passed=0
failed=0
current=""
ok=1
OUT="$WORK/stdout"
ERR="$WORK/stderr"
RC=0

# run ARGS...: runs ctcheck, capturing stdout, stderr and the exit code.
run() {
  "$CTCHECK" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
fail() {
  ok=0
  echo "  FAIL [$current]: $*"
  echo "    command exit code: $RC"
  sed 's/^/    stdout: /' "$OUT" | head -20
  sed 's/^/    stderr: /' "$ERR" | head -20
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -Eq -- "$1" "$OUT" || fail "stdout does not match /$1/"; }
expect_no_out() { ! grep -Eq -- "$1" "$OUT" || fail "stdout matches /$1/ but must not"; }
expect_err() { grep -Eq -- "$1" "$ERR" || fail "stderr does not match /$1/"; }

begin() {
  current=$1
  ok=1
}
end() {
  if [ "$ok" -eq 1 ]; then
    passed=$((passed + 1))
    echo "ok   $current"
  else
    failed=$((failed + 1))
    echo "FAIL $current"
  fi
}
want() { [ -z "$FILTER" ] || [ "$1" = "$FILTER" ]; }

# ---------------------------------------------------------------- tests

t_help() {
  run --help
  expect_rc 0
  expect_out "Usage"
  expect_out "Exit codes"
  for sub in parse simulate check replay cases; do expect_out "$sub"; done
}

t_version() {
  run --version
  expect_rc 0
  expect_out "^ctcheck [0-9]+\.[0-9]+\.[0-9]+"
}

t_unknown_flag() {
  run --no-such-flag
  expect_rc 2
  run check --no-such-flag safe.ct
  expect_rc 2
  run check --format xml safe.ct
  expect_rc 2
  run check  # MODEL is required
  expect_rc 2
  run frobnicate
  expect_rc 2
}

t_missing_file() {
  for cmd in parse check simulate; do
    run "$cmd" does-not-exist.ct
    expect_rc 2
    expect_err "cannot open"
    expect_err "does-not-exist.ct"
  done
  run replay safe.ct "$WORK/no-such-trace.json"
  expect_rc 2
  expect_err "cannot open"
}

t_malformed_model() {
  for cmd in parse check simulate; do
    run "$cmd" malformed.ct
    expect_rc 2
    expect_err "^malformed\.ct:3:21: error: expected an expression but found ';'$"
    expect_err "^      count = count \+ ;$"
    expect_err "^ {22}\^$"
    expect_err "^1 error in malformed\.ct$"
  done
}

t_parse_ok() {
  run parse safe.ct
  expect_rc 0
  expect_out "safe\.ct: ok"
  expect_out "cpu0 runs task task_loop"
}

t_check_violated() {
  run check --quiet violating.ct
  expect_rc 1
  expect_out "balanced +violated +2"
  expect_out "Counterexample for balanced"
}

t_check_safe() {
  # Holds: bounded to the model's `bound`, or proved by an engine that can.
  run check --quiet safe.ct
  expect_rc 0
  expect_out "balanced +(bounded +12|proved +[0-9]+) "
  expect_no_out "violated|unknown"
  run check --quiet --depth 3 safe.ct
  expect_rc 0
  expect_out "balanced +(bounded +3|proved +[0-9]+) "
}

t_check_property_filter() {
  run check --quiet --property balanced violating.ct
  expect_rc 1
  run check --quiet --property no_such_property violating.ct
  expect_rc 2
  expect_err "no property 'no_such_property'"
}

t_check_timeout_unknown() {
  run check --quiet --timeout 0.000001 nontrivial.ct
  expect_rc 3
  expect_out "unknown"
  expect_no_out "bounded"
  expect_no_out "violated"
}

t_output_file() {
  rm -f "$WORK/report.txt"
  run check --quiet --output "$WORK/report.txt" malformed.ct
  expect_rc 2
  [ ! -e "$WORK/report.txt" ] || fail "--output wrote a file for a malformed model"
  ls "$WORK" | grep -q ctcheck-tmp && fail "a temporary file was left behind"
  run check --quiet --output "$WORK/report.txt" violating.ct
  expect_rc 1
  [ -s "$WORK/report.txt" ] || fail "--output did not write the report"
  grep -q "balanced" "$WORK/report.txt" || fail "the report does not mention the property"
  [ ! -s "$OUT" ] || fail "with --output, stdout must stay empty"
  run check --quiet --output "$WORK/no-such-dir/report.txt" safe.ct
  expect_rc 2
  expect_err "cannot write"
}

t_json_output() {
  run check --quiet --format json violating.ct
  expect_rc 1
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["tool"] == "ctcheck", j
assert j["format_version"] == 1, j
r = j["results"][0]
assert r["property"] == "balanced" and r["verdict"] == "violated" and r["depth"] == 2, r
assert r["trace"]["depth"] == 2, r
' "$OUT" || fail "JSON output does not parse or lacks the expected fields"
  run check --quiet --format json safe.ct
  expect_rc 0
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["results"][0]["verdict"] in ("bounded", "proved"), j
assert "trace" not in j["results"][0], j
' "$OUT" || fail "JSON output of a safe model is wrong"
}

t_trace_dir_and_replay() {
  local dir="$WORK/traces"
  mkdir -p "$dir"
  run check --quiet --trace-dir "$dir" violating.ct
  expect_rc 1
  [ -s "$dir/balanced.json" ] || { fail "no $dir/balanced.json"; return; }
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/balanced.json" || fail "trace is not JSON"
  run replay violating.ct "$dir/balanced.json"
  expect_rc 1
  expect_out "reproduces the violation of balanced at depth 2"
  # A `check --format json` result file is accepted as well.
  run check --quiet --format json --output "$WORK/result.json" violating.ct
  run replay violating.ct "$WORK/result.json"
  expect_rc 1
  # The trace does not violate anything in the safe model: refused as a trace of it,
  # or replayed without reaching the violation (documented: 0 or 2).
  run replay safe.ct "$dir/balanced.json"
  [ "$RC" -eq 0 ] || [ "$RC" -eq 2 ] || fail "replay on another model must exit 0 or 2"
  # A trace directory that does not exist is a usage error.
  run check --quiet --trace-dir "$WORK/missing" violating.ct
  expect_rc 2
  expect_err "does not exist"
}

t_replay_tampered() {
  local dir="$WORK/tamper"
  mkdir -p "$dir"
  run check --quiet --trace-dir "$dir" violating.ct
  [ -s "$dir/balanced.json" ] || { fail "no trace written"; return; }
  # 1. A recorded value changed: a well-formed trace that does not reproduce: exit 0.
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
j["steps"][0]["changes"]["count"] = 5
json.dump(j, open(sys.argv[2], "w"))
' "$dir/balanced.json" "$dir/value.json"
  run replay violating.ct "$dir/value.json"
  expect_rc 0
  expect_out "does not reach the violation"
  # 2. A step removed: the remaining step cannot produce the recorded state: exit 0.
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
del j["steps"][0]
j["depth"] = 1
for i, s in enumerate(j["steps"]): s["index"] = i + 1
json.dump(j, open(sys.argv[2], "w"))
' "$dir/balanced.json" "$dir/short.json"
  run replay violating.ct "$dir/short.json"
  [ "$RC" -eq 0 ] || [ "$RC" -eq 2 ] || fail "a shortened trace must exit 0 or 2"
  [ "$RC" -ne 1 ] || fail "a shortened trace must not reproduce the violation"
  # 3. Not JSON at all: input error, exit 2.
  printf '{"steps": [' >"$dir/broken.json"
  run replay violating.ct "$dir/broken.json"
  expect_rc 2
  expect_err "not JSON"
  # 4. JSON, but a required field missing or a property the model lacks: exit 2.
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
del j["initial"]
json.dump(j, open(sys.argv[2], "w"))
' "$dir/balanced.json" "$dir/noinit.json"
  run replay violating.ct "$dir/noinit.json"
  expect_rc 2
  expect_err "not a trace of violating.ct"
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
j["violation"]["property"] = "no_such_property"
json.dump(j, open(sys.argv[2], "w"))
' "$dir/balanced.json" "$dir/noprop.json"
  run replay violating.ct "$dir/noprop.json"
  expect_rc 2
}

t_simulate() {
  run simulate --steps 5 --seed 3 safe.ct
  expect_rc 0
  run simulate --steps 5 --seed 3 safe.ct
  cp "$OUT" "$WORK/sim1"
  run simulate --steps 5 --seed 3 safe.ct
  cmp -s "$OUT" "$WORK/sim1" || fail "simulate is not reproducible for a fixed seed"
}

t_cases() {
  run cases cases
  expect_rc 1
  expect_out "cases/match\.ct +balanced +holds +(bounded to 12|proved \((k=[0-9]+|all states, diameter [0-9]+(, Z3-checked)?)\)) *ok"
  expect_out "cases/mismatch\.ct +balanced +holds +violated at 2 +MISMATCH"
  expect_out "2 case\(s\), 1 mismatch\(es\), 0 load error\(s\)"
  mkdir -p "$WORK/goodcases"
  cp cases/match.ct "$WORK/goodcases/"
  run cases "$WORK/goodcases"
  expect_rc 0
  expect_out "1 case\(s\), 0 mismatch\(es\)"
  run cases "$WORK/no-such-dir"
  expect_rc 2
  expect_err "does not exist"
  mkdir -p "$WORK/badcases"
  cp malformed.ct "$WORK/badcases/"
  run cases "$WORK/badcases"
  expect_rc 2
  expect_out "LOAD ERROR"
}

TESTS="help version unknown_flag missing_file malformed_model parse_ok check_violated check_safe
       check_property_filter check_timeout_unknown output_file json_output trace_dir_and_replay
       replay_tampered simulate cases"
if [ -n "$FILTER" ] && ! [[ " $(echo $TESTS) " == *" $FILTER "* ]]; then
  echo "no test named '$FILTER'"
  exit 2
fi
for t in $TESTS; do
  want "$t" || continue
  begin "$t"
  "t_$t"
  end
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
