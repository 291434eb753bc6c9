#!/usr/bin/env bash
# ctcheck's engines (explicit, kind, bmc) on the x86-64 cases, side by side
# with Spin on the hand-written Promela model of cases/linux-4.3-patch-2015.ct
# (bench/spin/linux-4.3-patch-2015.pml; see its header for the abstractions).
#
#   bench/engines_vs_spin.sh
#
# Environment:
#   CTCHECK    the binary (default: build/ctcheck)
#   TIMEOUT    seconds per kind/bmc run, passed as --timeout (default: 300)
#   BMC_DEPTH  --depth for bmc (default: 20)
#   CASES      space-separated case files (default: the five x86-64 cases)
#   ENGINES    space-separated engines (default: "explicit kind bmc"; kind only
#              if `ctcheck check --help` lists it)
#   HARD_LIMIT wall-clock seconds after which a ctcheck run is killed (default:
#              TIMEOUT + 120; ctcheck's --timeout is only checked between solver
#              calls, and a depth-20 BMC call can overrun it by minutes).
#              A killed run is reported with exit status 137 and verdicts "-".
#
# Per ctcheck run: verdict counts (proved/bounded/violated/unknown, from
# --format json), wall seconds, peak RSS, and for explicit the reachable states.
# Spin: spin -a; gcc -O2 -DSAFETY -DCOLLAPSE; ./pan -m1000000, twice:
#   spin        Spin's defaults (its dead-variable elimination merges states
#               that differ only in dead locals)
#   spin -o2    dead-variable elimination off: the same state space as
#               ctcheck's explicit engine (which keeps dead locals until iret)
# Sanity check: bench/spin/linux-4.3.pml (the 4.3 SYSCALL hole) must violate
# ct_kernel_when_irqs_on, and with -DNO_INV irq_not_in_user; the trail length
# (shortest, pan -i) is compared with ctcheck's depth.
# Exit status: 0 if Spin verifies the patched model and refutes the 4.3 one,
# 1 otherwise, 2 on setup errors.
set -euo pipefail
cd "$(dirname "$0")/.."

ctcheck=${CTCHECK:-build/ctcheck}
timeout_s=${TIMEOUT:-300}
bmc_depth=${BMC_DEPTH:-20}
hard_limit=${HARD_LIMIT:-$((timeout_s + 120))}
cases=${CASES:-"cases/linux-4.2.ct cases/linux-4.3.ct cases/linux-4.3-patch-2015.ct cases/linux-4.6.ct cases/linux-4.2-idle-nmi.ct"}
spin_model=bench/spin/linux-4.3-patch-2015.pml
spin_hole=bench/spin/linux-4.3.pml
patched_case=cases/linux-4.3-patch-2015.ct
hole_case=cases/linux-4.3.ct

if [ ! -x "$ctcheck" ]; then
  echo "engines_vs_spin: $ctcheck not found; build first or set CTCHECK" >&2
  exit 2
fi
for tool in python3 spin gcc; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "engines_vs_spin: $tool not found" >&2
    exit 2
  fi
done
ctcheck=$(cd "$(dirname "$ctcheck")" && pwd)/$(basename "$ctcheck")
killer=()
if command -v timeout >/dev/null 2>&1; then
  killer=(timeout --signal=KILL "$hard_limit")
fi

if [ -n "${ENGINES:-}" ]; then
  engines=$ENGINES
elif "$ctcheck" check --help 2>&1 | grep -q 'kind'; then
  engines="explicit kind bmc"
else
  engines="explicit bmc"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/engines_vs_spin.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

have_gnu_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$tmp/probe" true 2>/dev/null; then
  have_gnu_time=1
fi

# measure OUT ERR CMD...: run CMD (stdout to OUT, stderr to ERR); sets
# m_rc, m_secs and m_rss_kb ("n/a" without GNU time). Never fails.
measure() {
  local out=$1 err=$2
  shift 2
  m_rc=0
  if [ "$have_gnu_time" = 1 ]; then
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$err" || m_rc=$?
    read -r m_secs m_rss_kb < <(tail -n 1 "$tmp/time")
  else
    local start end
    start=$(date +%s.%N)
    "$@" >"$out" 2>"$err" || m_rc=$?
    end=$(date +%s.%N)
    m_secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$end")
    m_rss_kb=n/a
  fi
}

mb() { # KB -> MB, or n/a
  if [ "$1" = n/a ]; then echo n/a; else python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.1f}')" "$1"; fi
}

ratio() { # a / b with two decimals, or n/a
  python3 - "$1" "$2" <<'EOF'
import sys
try:
    a, b = float(sys.argv[1]), float(sys.argv[2])
    print(f"{a / b:.2f}" if b > 0 else "inf")
except ValueError:
    print("n/a")
EOF
}

# summarise_json FILE: "proved bounded violated unknown states violations"
summarise_json() {
  python3 - "$1" <<'EOF'
import json, re, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("- - - - - parse-error")
    sys.exit(0)
counts = {"proved": 0, "bounded": 0, "violated": 0, "unknown": 0}
states = "-"
viol = []
for r in d.get("results", []):
    v = r.get("verdict", "unknown")
    counts[v if v in counts else "unknown"] += 1
    m = re.search(r"(\d+) reachable states", r.get("reason", ""))
    if m:
        states = m.group(1)
    if v == "violated":
        viol.append(f"{r['property']}@{r.get('depth', '?')}")
print(counts["proved"], counts["bounded"], counts["violated"], counts["unknown"], states,
      ",".join(sorted(viol)) or "-")
EOF
}

# property_depth FILE PROPERTY: depth of a violated property in a JSON report
property_depth() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("?"); sys.exit(0)
for r in d.get("results", []):
    if r.get("property") == sys.argv[2] and r.get("verdict") == "violated":
        print(r.get("depth", "?")); sys.exit(0)
print("-")
EOF
}

summary="$tmp/summary"
: >"$summary"
row() { printf '%-28s %-12s %6s %6s %6s %6s %9s %9s %10s\n' "$@"; }
row case engine proved bound viol unkn seconds peakMB states >>"$summary"

explicit_patched_secs=""
explicit_patched_states=""
explicit_patched_rss=""

echo "== ctcheck: $ctcheck (engines: $engines; kind/bmc --timeout $timeout_s, bmc --depth $bmc_depth, hard limit ${hard_limit}s)"
for c in $cases; do
  if [ ! -f "$c" ]; then
    echo "   skip $c: not found"
    continue
  fi
  name=$(basename "$c" .ct)
  for engine in $engines; do
    args=(check "$c" --engine "$engine" --quiet --format json)
    case $engine in
      kind) args+=(--timeout "$timeout_s") ;;
      bmc) args+=(--depth "$bmc_depth" --timeout "$timeout_s") ;;
    esac
    json="$tmp/$name.$engine.json"
    measure "$json" "$tmp/$name.$engine.err" "${killer[@]}" "$ctcheck" "${args[@]}"
    if [ "$m_rc" -ne 0 ] && [ "$m_rc" -ne 1 ] && [ "$m_rc" -ne 3 ]; then
      what="exit $m_rc"
      [ "$m_rc" -eq 137 ] && what="killed after HARD_LIMIT=${hard_limit}s"
      echo "   $name $engine: ctcheck $what $(head -c 300 "$tmp/$name.$engine.err")"
      row "$name" "$engine" - - - - "$m_secs" "$(mb "$m_rss_kb")" "$what" >>"$summary"
      continue
    fi
    read -r p b v u states viol < <(summarise_json "$json")
    printf '   %-26s %-9s proved %3s bounded %3s violated %3s unknown %3s  %7ss  %7s MB  states %-8s %s\n' \
      "$name" "$engine" "$p" "$b" "$v" "$u" "$m_secs" "$(mb "$m_rss_kb")" "$states" "violated: $viol"
    row "$name" "$engine" "$p" "$b" "$v" "$u" "$m_secs" "$(mb "$m_rss_kb")" "$states" >>"$summary"
    if [ "$c" = "$patched_case" ] && [ "$engine" = explicit ]; then
      explicit_patched_secs=$m_secs
      explicit_patched_states=$states
      explicit_patched_rss=$m_rss_kb
    fi
  done
done

# The ctcheck depths of the 4.3 violations (explicit engine: shortest).
hole_json="$tmp/$(basename "$hole_case" .ct).explicit.json"
if [ ! -f "$hole_json" ]; then
  measure "$hole_json" "$tmp/hole.err" "$ctcheck" check "$hole_case" --engine explicit --quiet --format json
fi
ct_depth_inv=$(property_depth "$hole_json" ct_kernel_when_irqs_on)
ct_depth_irq=$(property_depth "$hole_json" irq_not_in_user)

# ---------------------------------------------------------------- Spin
sd="$tmp/spin"
mkdir -p "$sd"
cp "$spin_model" "$spin_hole" "$sd/"
spin_ok=1

# spin_run LABEL MODEL SPINFLAGS GCCFLAGS PANFLAGS: sets s_* (states, secs, ...)
spin_run() {
  local label=$1 model=$2 spinflags=$3 gccflags=$4 panflags=$5 a_secs
  rm -f "$sd"/pan "$sd"/pan.* "$sd"/*.trail
  pushd "$sd" >/dev/null
  # shellcheck disable=SC2086  # the flag strings are word lists
  measure "$sd/spin.out" "$sd/spin.err" spin $spinflags -a "$model"
  [ "$m_rc" -eq 0 ] || { echo "   $label: spin -a failed"; cat "$sd/spin.out" "$sd/spin.err"; popd >/dev/null; return 1; }
  a_secs=$m_secs
  # shellcheck disable=SC2086
  measure "$sd/gcc.out" "$sd/gcc.err" gcc -O2 $gccflags -o "$sd/pan" "$sd/pan.c"
  [ "$m_rc" -eq 0 ] || { echo "   $label: gcc failed"; head -20 "$sd/gcc.err"; popd >/dev/null; return 1; }
  s_compile=$(python3 -c "import sys; print(f'{float(sys.argv[1]) + float(sys.argv[2]):.2f}')" "$a_secs" "$m_secs")
  # shellcheck disable=SC2086
  measure "$sd/pan.out" "$sd/pan.err" ./pan $panflags
  popd >/dev/null
  s_secs=$m_secs s_rss_kb=$m_rss_kb
  s_states=$(sed -n 's/^ *\([0-9][0-9]*\) states, stored.*/\1/p' "$sd/pan.out" | head -n1)
  s_errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' "$sd/pan.out" | head -n1)
  s_depth=$(sed -n 's/.*depth reached \([0-9][0-9]*\).*/\1/p' "$sd/pan.out" | head -n1)
  s_mem=$(sed -n 's/^ *\([0-9.][0-9.]*\).*total actual memory usage.*/\1/p' "$sd/pan.out" | head -n1)
  s_assert=$(sed -n 's/^pan:1: assertion violated (\([a-z_0-9]*\)&&.*(at depth \([0-9]*\)).*/\1 \2/p' "$sd/pan.out" | head -n1)
  s_trail=-
  if [ -f "$sd/$model.trail" ]; then
    s_trail=$(grep -c '^[0-9]' "$sd/$model.trail" || true)
  fi
  : "${s_states:=?}" "${s_errors:=?}" "${s_depth:=?}" "${s_mem:=?}"
  printf '   %-34s states %-8s errors %-3s depth %-4s pan %6ss  RSS %7s MB  (pan: %s MB)  spin+gcc %ss\n' \
    "$label" "$s_states" "$s_errors" "$s_depth" "$s_secs" "$(mb "$s_rss_kb")" "$s_mem" "$s_compile"
}

echo
echo "== Spin $(spin -V 2>/dev/null | sed -n 's/^Spin Version \([^ ]*\).*/\1/p'): $spin_model (gcc -O2 -DSAFETY -DCOLLAPSE; pan -m1000000)"
for variant in "default" "-o2"; do
  if [ "$variant" = default ]; then
    sflags="" label="spin (patched)" tag=spin
  else
    sflags="-o2" label="spin -o2 (patched, no DVE)" tag="spin_-o2"
  fi
  if spin_run "$label" "$(basename "$spin_model")" "$sflags" "-DSAFETY -DCOLLAPSE" "-m1000000"; then
    if [ "$s_errors" != 0 ]; then
      echo "   FAIL: Spin found an error in the patched model: $s_assert"
      spin_ok=0
    fi
    row "$(basename "$spin_model" .pml)" "$tag" - - "$s_errors" - \
      "$s_secs" "$(mb "$s_rss_kb")" "$s_states" >>"$summary"
    echo "      ratio ctcheck-explicit/spin: seconds $(ratio "$explicit_patched_secs" "$s_secs") (vs pan only), $(ratio "$explicit_patched_secs" "$(python3 -c "print($s_secs + $s_compile)")") (vs spin -a + gcc + pan); states $(ratio "$explicit_patched_states" "$s_states"); peak RSS $(ratio "$explicit_patched_rss" "$s_rss_kb")"
  else
    spin_ok=0
  fi
done

echo
echo "== sanity: Spin on $spin_hole (Linux 4.3 SYSCALL hole) must find the violations"
sanity="$tmp/sanity"
: >"$sanity"
for v in inv noinv; do
  if [ "$v" = inv ]; then sflags=""; want=ct_kernel_when_irqs_on; ctd=$ct_depth_inv; else sflags="-DNO_INV"; want=irq_not_in_user; ctd=$ct_depth_irq; fi
  if spin_run "spin $sflags linux-4.3 (pan -i)" "$(basename "$spin_hole")" "$sflags" "-DSAFETY -DCOLLAPSE -DREACH" "-m1000000 -i"; then
    read -r got spin_depth <<<"${s_assert:-none -}"
    if [ "$got" = "$want" ]; then verdict=found; else verdict="NOT FOUND (got: $got)"; spin_ok=0; fi
    echo "      $want: $verdict; Spin trail $s_trail steps (assertion at depth $spin_depth), ctcheck depth $ctd"
    printf '   %-24s %-12s spin trail %3s steps (pan depth %s)   ctcheck depth %s\n' "$want" "$verdict" "$s_trail" "$spin_depth" "$ctd" >>"$sanity"
  else
    spin_ok=0
  fi
done

echo
echo "== summary (seconds: wall; peakMB: max RSS; states: explicit reachable / Spin stored)"
cat "$summary"
echo "   ctcheck depth = steps before the bad state (invariant) or before the failing assert step;"
echo "   Spin trail = steps including the failing step (the invariant is asserted inside the step that breaks it)."
cat "$sanity"
if [ "$spin_ok" = 1 ]; then
  echo "== OK: Spin verifies the patched model (0 errors) and refutes Linux 4.3"
  exit 0
fi
echo "== FAILED: see above"
exit 1
