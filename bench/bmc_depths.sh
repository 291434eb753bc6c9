#!/usr/bin/env bash
# Seconds and peak memory of `ctcheck check --engine bmc` at depths 10 20 40 80.
#
#   bench/bmc_depths.sh [MODEL]
#
# MODEL defaults to the largest model under cases/ (most state bits according
# to `ctcheck parse`, else the biggest file). Environment:
#   CTCHECK   the binary (default: build/ctcheck)
#   DEPTHS    the depths to run (default: "10 20 40 80")
#   TIMEOUT   seconds per run, passed as --timeout (default: none)
# The incremental BMC should make each depth cost about the same, so seconds
# should grow roughly linearly with the depth, and memory with it.
set -euo pipefail
cd "$(dirname "$0")/.."

ctcheck=${CTCHECK:-build/ctcheck}
depths=${DEPTHS:-"10 20 40 80"}
if [ ! -x "$ctcheck" ]; then
  echo "bmc_depths: $ctcheck not found; build first (bash scripts/setup.sh) or set CTCHECK" >&2
  exit 2
fi

# The model with the most state bits ("state: N bits" in `ctcheck parse`).
largest_model() {
  local best="" best_size=-1 f size
  while IFS= read -r f; do
    size=$("$ctcheck" parse "$f" 2>/dev/null | sed -n 's/^ *state: *\([0-9][0-9]*\) bits.*/\1/p' | head -n1)
    [ -n "$size" ] || size=$(wc -c <"$f")
    if [ "$size" -gt "$best_size" ]; then best=$f best_size=$size; fi
  done < <(find cases -name '*.ct' | sort)
  echo "$best"
}

model=${1:-$(largest_model)}
if [ -z "$model" ] || [ ! -f "$model" ]; then
  echo "bmc_depths: no model (pass one, or put .ct files under cases/)" >&2
  exit 2
fi

# Pass --engine only when this ctcheck has it.
engine=()
if "$ctcheck" check --help 2>/dev/null | grep -q -- '--engine'; then engine=(--engine bmc); fi
extra=()
[ -z "${TIMEOUT:-}" ] || extra=(--timeout "$TIMEOUT")

have_gnu_time=0
if command -v /usr/bin/time >/dev/null 2>&1 && /usr/bin/time -v true >/dev/null 2>&1; then have_gnu_time=1; fi

# Verdict counts from the JSON report, when python3 is there to read it.
summarise() {
  command -v python3 >/dev/null 2>&1 || return 0
  python3 - "$1" <<'EOF' 2>/dev/null || true
import collections, json, sys
try:
    results = json.load(open(sys.argv[1]))["results"]
except Exception:
    sys.exit(0)
print(" ".join(f"{v}={n}" for v, n in sorted(collections.Counter(r["verdict"] for r in results).items())))
EOF
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "model: $model"
printf '%-6s %10s %12s  %-5s %s\n' depth seconds peak_MiB exit verdicts
for d in $depths; do
  cmd=("$ctcheck" check "$model" "${engine[@]}" --depth "$d" --format json --quiet "${extra[@]}")
  rc=0
  if [ "$have_gnu_time" = 1 ]; then
    /usr/bin/time -v -o "$tmp/time" "${cmd[@]}" >"$tmp/out.json" 2>"$tmp/err" || rc=$?
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time" |
           awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
    kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
    mib=$(awk -v k="${kib:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
  else
    # Fallback: bash's own clock; no memory figure.
    start=$(date +%s.%N)
    "${cmd[@]}" >"$tmp/out.json" 2>"$tmp/err" || rc=$?
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    mib="n/a"
  fi
  # 0 bounded/proved, 1 violated, 3 unknown are results; anything else failed.
  if [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 3 ]; then
    printf '%-6s %10s %12s  %-5s %s\n' "$d" "$secs" "$mib" "$rc" "error:"
    sed 's/^/    /' "$tmp/err" >&2
    continue
  fi
  printf '%-6s %10s %12s  %-5s %s\n' "$d" "$secs" "$mib" "$rc" "$(summarise "$tmp/out.json")"
done
