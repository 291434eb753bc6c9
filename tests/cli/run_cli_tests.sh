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
  expect_out "^  memory: +about [0-9]+ bytes per explicit state, [0-9.]+ GB at --max-states 4000000"
  # A counter read only through its low two bits is narrowed without a declaration.
  printf 'cpus 1;\nglobal u32 c = 0;\nvoid t() { while (true) { c++; assert low((c & 3) != 7, "x"); } }\ntask t;\n' \
    >"$WORK/low.ct"
  run parse "$WORK/low.ct"
  expect_rc 0
  expect_out "^    c modulo 2\^2 \(only its low 2 bits are read\)$"
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
  # A trace of another model is refused with a clear error (its model fingerprint differs).
  run replay safe.ct "$dir/balanced.json"
  expect_rc 2
  expect_err "^ctcheck: error: .*balanced\.json is not a trace of safe\.ct: it was written for another model"
  # A trace directory that does not exist is created; one that cannot be is a usage error.
  run check --quiet --trace-dir "$WORK/new/sub" violating.ct
  expect_rc 1
  [ -s "$WORK/new/sub/balanced.json" ] || fail "--trace-dir did not create the directory"
  run check --quiet --trace-dir "$dir/balanced.json/sub" violating.ct
  expect_rc 2
  expect_err "cannot create the trace directory"
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
  expect_out "cases/match\.ct +balanced +holds +(bounded to 12|proved \((k=[0-9]+|all states, diameter [0-9]+, (Z3-checked|not re-checked))\)) *ok"
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
  # A long case path does not run into the property column.
  local long="$WORK/a_directory_name_long_enough_to_overflow_the_first_column/of_the_cases_table"
  mkdir -p "$long"
  cp cases/mismatch.ct "$long/"
  run cases "$long" --quiet
  expect_rc 1
  expect_out "^$long/mismatch\.ct  +balanced  +holds  +violated at 2  +MISMATCH"
  mkdir -p "$WORK/badcases"
  cp malformed.ct "$WORK/badcases/"
  run cases "$WORK/badcases"
  expect_rc 2
  expect_out "LOAD ERROR"
}

# start_bg ARGS...: ctcheck in the background, in its own process group (job
# control on), so it does not inherit the ignored SIGINT of a background job.
start_bg() {
  set -m
  "$CTCHECK" "$@" >"$OUT" 2>"$ERR" &
  BG=$!
  set +m
}
# wait_err PATTERN: up to 30 s until stderr matches.
wait_err() {
  local i
  for i in $(seq 1 150); do
    grep -Eq -- "$1" "$ERR" && return 0
    sleep 0.2
  done
  fail "stderr never matched /$1/"
}
stop_bg() {
  kill "-$1" "$BG"
  wait "$BG"
  RC=$?
}

t_interrupt() {
  # The violation is settled (and printed) at once; the run then goes on for
  # minutes. SIGINT: the violation and its trace are kept, the rest unknown
  # (interrupted), the report marked incomplete, exit 130.
  start_bg check long_run.ct --format json --output "$WORK/int.json"
  wait_err "^balanced: violated at 3 \[explicit, [0-9.]+ s\]$"
  stop_bg INT
  expect_rc 130
  expect_err "interrupted \(SIGINT\)"
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["incomplete"] is True, j.keys()
r = {x["property"]: x for x in j["results"]}
assert r["balanced"]["verdict"] == "violated" and r["balanced"]["trace"]["depth"] == 3, r["balanced"]
assert r["small"]["verdict"] == "unknown" and "interrupted" in r["small"]["reason"], r["small"]
' "$WORK/int.json" || fail "the partial JSON report is wrong"
  # SIGTERM, text report on stdout: the table, the trace, the INCOMPLETE line; 143.
  start_bg check long_run.ct
  wait_err "^balanced: violated"
  stop_bg TERM
  expect_rc 143
  expect_out "^balanced +violated +3"
  expect_out "^small +unknown .*interrupted"
  expect_out "Counterexample for balanced"
  expect_out "^INCOMPLETE: interrupted by SIGTERM"
  # cases: the case being checked keeps what it found, the table is marked incomplete.
  mkdir -p "$WORK/longcases"
  { cat long_run.ct; echo "expect balanced violated at 3;"; } >"$WORK/longcases/long.ct"
  start_bg cases "$WORK/longcases" --jobs 1
  wait_err "case 1/1: .*long\.ct: balanced: violated at 3"
  stop_bg INT
  expect_rc 130
  expect_out "long\.ct +balanced +violated at 3 +violated at 3 +ok"
  expect_out "^INCOMPLETE: interrupted by SIGINT"
  # A command with nothing to report (graph explores for minutes here) ends at once, no partial file.
  start_bg graph long_run.ct --output "$WORK/long.dot"
  sleep 1
  stop_bg INT
  expect_rc 130
  [ ! -e "$WORK/long.dot" ] || fail "an interrupted graph wrote a file"
}

t_timeout_wall() {
  # --timeout is the wall time of the whole command (1 s + 5%; generous margin here for loaded machines).
  local start end
  start=$(date +%s.%N)
  run check --quiet --timeout 3 long_run.ct
  end=$(date +%s.%N)
  expect_rc 1  # the early violation stays; the rest is unknown (timeout)
  expect_out "^small +unknown .*timeout"
  python3 -c "import sys; d = $end - $start; sys.exit(0 if d < 3 + 4 else 1)" || fail "--timeout 3 took $(python3 -c "print(round($end - $start, 1))") s"
}

t_progress_quiet() {
  # --quiet: nothing on stderr even when a violation is settled early in a long run.
  run check --quiet --timeout 3 long_run.ct
  expect_rc 1
  [ ! -s "$ERR" ] || fail "--quiet printed on stderr"
  # Without it, the settled violation and (in a log, not a terminal) no live line.
  run check --timeout 3 long_run.ct
  expect_rc 1
  expect_err "^balanced: violated at 3 \[explicit, [0-9.]+ s\]$"
  grep -q $'\r' "$ERR" && fail "a log got a live (carriage-return) line"
  # A short run prints only its report.
  run check violating.ct
  [ ! -s "$ERR" ] || fail "a short run printed on stderr"
}

t_itf() {
  # Apalache's Informal Trace Format: a valid ITF document, one state more than statements.
  run check --quiet --format itf violating.ct
  expect_rc 1
  cp "$OUT" "$WORK/v.itf.json"
  python3 "$DATA/../../trace/check_itf.py" "$WORK/v.itf.json" >/dev/null || fail "not ITF: $(python3 "$DATA/../../trace/check_itf.py" "$WORK/v.itf.json")"
  python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
v = t["#meta"]["violation"]
assert v["property"] == "balanced" and v["depth"] == 2 and v["step"] == 3, v
assert [s["#meta"]["index"] for s in t["states"]] == [0, 1, 2], t["states"]
assert t["states"][1]["count"] == 1 and t["states"][0]["cpu0.IF"] is True, t["states"][1]
' "$WORK/v.itf.json" || fail "the ITF trace is not the counterexample"
  # The same through --trace-out PROPERTY=FILE.itf.json and --report itf=FILE.
  run check --quiet violating.ct --trace-out "balanced=$WORK/t.itf.json" --report "itf=$WORK/r.itf.json"
  expect_rc 1
  cmp -s "$WORK/t.itf.json" "$WORK/v.itf.json" || fail "--trace-out FILE.itf.json differs from --format itf"
  cmp -s "$WORK/r.itf.json" "$WORK/v.itf.json" || fail "--report itf=FILE differs from --format itf"
  # No counterexample: no output, no file, a note.
  run check safe.ct --format itf --output "$WORK/none.itf.json"
  expect_rc 0
  [ ! -e "$WORK/none.itf.json" ] || fail "an ITF file was written without a counterexample"
  expect_err "no counterexample, so no ITF trace"
  # ITF is one counterexample: not a format of the multi-model reports.
  run cases cases --format itf
  expect_rc 2
}

t_usage_messages() {
  # One prefix for usage errors, a "did you mean" for subcommands, flags, values and properties.
  run chek violating.ct
  expect_rc 2
  expect_err "^ctcheck: error: .*chek \(did you mean 'check'\?\)$"
  run check --jbos 2 violating.ct
  expect_rc 2
  expect_err "did you mean '--jobs'\?"
  expect_err "^Run 'ctcheck check --help' for the options\.$"
  run check --format jsn violating.ct
  expect_rc 2
  expect_err "^ctcheck: error: --format: 'jsn' is not one of itf,json,junit,sarif,text \(did you mean 'json'\?\)$"
  run check --quiet --property balancd violating.ct
  expect_rc 2
  expect_err "has no property 'balancd' \(did you mean 'balanced'\?\)"
  # A directory is not a model.
  run check cases
  expect_rc 2
  expect_err "^ctcheck: error: 'cases' is a directory, not a model file \(every case in it: ctcheck cases cases\)$"
  # An unknown procedure gets a note with the procedure the model declares.
  printf 'cpus 1;\nbound 4;\nglobal int n = 0;\nvoid helper() { n = 1; }\nvoid task_loop() { while (true) { helpr(); } }\ntask task_loop;\n' \
    >"$WORK/typo.ct"
  run check "$WORK/typo.ct"
  expect_rc 2
  expect_err "typo\.ct:5:[0-9]+: error: unknown procedure 'helpr'"
  expect_err "typo\.ct:5:[0-9]+: note: did you mean 'helper'\?"
  # An expect line naming no property: a warning from check (cases reports it as a mismatch).
  { cat violating.ct; echo "expect balancd holds;"; } >"$WORK/expect.ct"
  run check --quiet "$WORK/expect.ct"
  expect_rc 1
  expect_err "expect\.ct:[0-9]+:[0-9]+: warning: \`expect\` names no property 'balancd' \(did you mean 'balanced'\?\)"
}

t_help_per_subcommand() {
  # Each subcommand's help lists its own exit codes and the defaults.
  for sub in parse simulate check replay cases gate merge graph; do
    run "$sub" --help
    expect_rc 0
    expect_out "^Exit codes: "
  done
  run check --help
  expect_out "--max-states UINT=4000000"
  expect_out "auto \(the default"
  expect_out "130/143 interrupted"
  run cases --help
  expect_out "DIR TEXT=cases"
  run replay --help
  expect_out "1 the trace reproduces its violation, 0 it does not reach it"
}

t_limits() {
  # The front end's limits (docs/language.md §7) on every subcommand that loads a model.
  for sub in parse simulate check replay cases gate graph; do
    run "$sub" --help
    expect_out "--max-nesting INT.*=256$"
    expect_out "--max-inline-nodes UINT=100000"
    expect_out "--max-total-nodes UINT=1000000"
    expect_out "--max-context-levels INT.*=16$"
    expect_out "--max-state-bits UINT=1000000"
  done
  # 300 nested additions: over the default nesting, loads with the limit raised.
  { printf 'const s64 X = 1'; for _ in $(seq 300); do printf ' + 1'; done
    printf ';\nglobal s64 x = 0;\nvoid t() { x = X; }\ntask t;\n'; } >"$WORK/deep.ct"
  run parse "$WORK/deep.ct"
  expect_rc 2
  expect_err "nesting too deep \(limit 256; raise it with --max-nesting\)"
  run parse --max-nesting 400 "$WORK/deep.ct"
  expect_rc 0
  run check --quiet --max-nesting 400 "$WORK/deep.ct"
  expect_rc 0
  run simulate --steps 2 --max-nesting 400 "$WORK/deep.ct"
  expect_rc 0
  # Lowering a limit: the error names it and the flag.
  run check --quiet --max-state-bits 10 safe.ct
  expect_rc 2
  expect_err "raise it with --max-state-bits\)"
  run parse --max-context-levels 1 safe.ct
  expect_rc 2
  expect_err "raise it with --max-context-levels\)"
  run parse --max-inline-nodes 2 safe.ct
  expect_rc 2
  expect_err "raise it with --max-inline-nodes\)"
  run parse --max-total-nodes 2 safe.ct
  expect_rc 2
  expect_err "raise it with --max-total-nodes\)"
  run graph --max-state-bits 10 safe.ct
  expect_rc 2
  run parse --max-nesting 0 safe.ct
  expect_rc 2
}

TESTS="help version unknown_flag missing_file malformed_model parse_ok check_violated check_safe
       check_property_filter check_timeout_unknown output_file json_output trace_dir_and_replay
       replay_tampered simulate cases interrupt progress_quiet itf timeout_wall usage_messages
       help_per_subcommand limits"
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
