#!/usr/bin/env bash
# The targets of "Z3 at kernel scale", measured on the landed baseline and on
# this tree in the same invocation, with the ratio printed.
#
#   bench/z3_scale.sh
#
# Environment:
#   CTCHECK    this tree's binary (default: build/ctcheck)
#   BASELINE   the baseline binary; default: build the landed commit $LANDED
#              (default 09d360f) into .bench-baseline/ (a git worktree) once.
#              It runs on the cases of its own tree (BASELINE_ROOT, default:
#              two levels above the binary), since the models changed with it.
#   SKIP_SLOW  1: leave out the baseline's minutes-long BMC runs
#
# Rows (process CPU seconds, user+sys, and peak RSS from /usr/bin/time):
#   bmc linux-4.2 depth 10, bmc linux-4.3-patch-2015 depth 12   target: 8x / <= 30 s
#   bmc toy depth 80 / depth 40 (bench/models/bmc_toy.ct)         target: <= 2.5
#   explicit on the 4.x cases: states, bytes per state, states/s
# The verdict counts of each run are printed next to it: a speed-up that
# leaves more properties open is not one.
set -euo pipefail
cd "$(dirname "$0")/.."

new=${CTCHECK:-build/ctcheck}
landed=${LANDED:-09d360f}
if [ -z "${BASELINE:-}" ]; then
  if [ ! -x .bench-baseline/build/ctcheck ]; then
    [ -d .bench-baseline ] || git worktree add --detach .bench-baseline "$landed" >/dev/null
    cmake -S .bench-baseline -B .bench-baseline/build -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build .bench-baseline/build -j"$(nproc)" --target ctcheck >/dev/null
  fi
  BASELINE=.bench-baseline/build/ctcheck
fi
base=$BASELINE
base_root=${BASELINE_ROOT:-$(cd "$(dirname "$base")/.." && pwd)}
for b in "$new" "$base"; do
  [ -x "$b" ] || { echo "z3_scale: $b not found" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run BINARY ARGS...: prints "cpu_seconds peak_MiB verdict-counts"
run() {
  local rc=0
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" --format json --quiet >"$tmp/out.json" 2>"$tmp/err" || rc=$?
  [ "$rc" -le 3 ] || { echo "z3_scale: $* exited $rc" >&2; cat "$tmp/err" >&2; exit 1; }
  read -r user sys kib < <(tail -n 1 "$tmp/time")
  python3 - "$tmp/out.json" "$user" "$sys" "$kib" <<'PY'
import collections, json, sys
out, user, sys_, kib = sys.argv[1:]
try:
    res = json.load(open(out))["results"]
    counts = " ".join(f"{v}={n}" for v, n in sorted(collections.Counter(r["verdict"] for r in res).items()))
except Exception:
    counts = "?"
print(f"{float(user) + float(sys_):.2f} {int(kib) / 1024:.0f} {counts}")
PY
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

printf '%-44s %10s %10s %8s   %s\n' run base_cpu_s new_cpu_s ratio "verdicts (base | new)"
bmc_row() {
  local label=$1 model=$2; shift 2
  local b n
  if [ "${SKIP_SLOW:-0}" = 1 ]; then b="- - skipped"; else b=$(run "$base" check "$base_root/$model" "$@"); fi
  n=$(run "$new" check "$model" "$@")
  printf '%-44s %10s %10s %8s   %s | %s\n' "$label" "${b%% *}" "${n%% *}" "$(ratio "${b%% *}" "${n%% *}")" \
    "$(cut -d' ' -f3- <<<"$b")" "$(cut -d' ' -f3- <<<"$n")"
}
bmc_row "bmc linux-4.2 depth 10" cases/linux-4.2.ct --engine bmc --depth 10
bmc_row "bmc linux-4.3-patch-2015 depth 12" cases/linux-4.3-patch-2015.ct --engine bmc --depth 12

for bin in base new; do
  b=${!bin}
  t40=$(run "$b" check bench/models/bmc_toy.ct --engine bmc --depth 40)
  t80=$(run "$b" check bench/models/bmc_toy.ct --engine bmc --depth 80)
  printf '%-44s %10s %10s %8s   (time at depth 80 / time at depth 40)\n' "bmc toy 80/40 ($bin)" "${t40%% *}" "${t80%% *}" \
    "$(ratio "${t80%% *}" "${t40%% *}")"
done

# Explicit: states, stored bytes per state (ctcheck parse), states per CPU second.
printf '\n%-36s %12s %12s %10s %12s\n' "explicit (new)" states bytes/state cpu_s states/s
for c in cases/linux-4.2.ct cases/linux-4.3-patch-2015.ct cases/linux-4.6.ct cases/linux-4.2-idle-nmi.ct; do
  /usr/bin/time -f '%U %S' -o "$tmp/time" "$new" check "$c" --engine explicit --certify-states 0 --verbose \
    >"$tmp/out" 2>&1 || true
  states=$(grep -o 'exhausted: [0-9]* reachable' "$tmp/out" | head -1 | grep -o '[0-9]*' || echo 0)
  bytes=$("$new" parse "$c" | sed -n 's/^ *memory: *about \([0-9]*\) bytes per explicit state.*/\1/p')
  read -r user sys < <(tail -n 1 "$tmp/time")
  cpu=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
  printf '%-36s %12s %12s %10s %12s\n' "$c" "$states" "$bytes" "$cpu" "$(ratio "$states" "$cpu")"
done
