#!/usr/bin/env bash
# The grace-period proofs with IRQs and NMIs together on Linux 6.12 and 4.6
# (bench/models/linux-6.12-gp-proof.ct and linux-4.6-gp-proof.ct: the corpus
# cases with the snapshot explored relative to CPU 0's counter). Too slow for
# the test suite's corpus; measured here, against a baseline tree in the same
# invocation.
#
#   bench/gp_combined.sh [6.12|4.6 ...]     (default: both)
#
# Environment:
#   CTCHECK     the binary (default: build/ctcheck)
#   TIMEOUT     seconds per run, passed as --timeout (default: 1800)
#   BASELINE    a baseline tree with a built binary at BASELINE/build/ctcheck
#               (e.g. a git worktree of the landed commit); the model file is
#               copied into it and run on its own spec and encodings. Unset:
#               no baseline run.
#
# Per model and run: the verdict counts (every property must be proved: --require-proof),
# the classes of states, the certificate's size and queries, wall seconds and
# peak RSS; with a baseline, the ratio of wall seconds (baseline / this tree).
# Exit status: 0 when this tree proves every property, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

ctcheck=${CTCHECK:-build/ctcheck}
timeout_s=${TIMEOUT:-1800}
kernels=("$@")
[ ${#kernels[@]} -gt 0 ] || kernels=(6.12 4.6)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run NAME DIR BINARY: checks $model from DIR; prints one line, leaves
# the wall seconds in $out/NAME.secs and the exit status in $out/NAME.rc.
run() {
  local name=$1 dir=$2 bin=$3 start end rc=0
  start=$(date +%s%N)
  (cd "$dir" && /usr/bin/time -f "%M" -o "$out/$name.rss" "$bin" check --engine explicit --require-proof \
    --max-states 6000000 --certify-states 6000000 --timeout "$timeout_s" --format json --output "$out/$name.json" "$model" >/dev/null 2>"$out/$name.err") || rc=$?
  end=$(date +%s%N)
  echo "$rc" >"$out/$name.rc"
  echo $(((end - start) / 1000000000)) >"$out/$name.secs"
  python3 - "$name" "$out/$name.json" "$(cat "$out/$name.secs")" "$(tail -n1 "$out/$name.rss" 2>/dev/null || echo 0)" "$rc" <<'EOF'
import collections, json, re, sys
name, path, secs, rss_kb, rc = sys.argv[1:]
try:
    results = json.load(open(path))["results"]
except Exception:
    results = []
counts = " ".join(f"{v}={n}" for v, n in sorted(collections.Counter(r["verdict"] for r in results).items()))
classes = cert = ""
for r in results:
    m = re.search(r"([\d,]+) reachable states", r.get("reason", ""))
    if m: classes = m.group(1)
    m = re.search(r"certificate \(([\d,]+)-node invariant, (\d+) queries", r.get("reason", ""))
    if m: cert = f"{m.group(1)} nodes, {m.group(2)} queries"
print(f"{name:9} exit {rc}  {counts or 'no report'}  classes {classes or '-'}  certificate {cert or '-'}  "
      f"{float(secs):.0f} s  {int(rss_kb) // 1024} MB")
EOF
}

[[ $ctcheck = /* ]] || ctcheck=$(pwd)/$ctcheck
status=0
for k in "${kernels[@]}"; do
  model=bench/models/linux-$k-gp-proof.ct
  [ -f "$model" ] || { echo "no model $model" >&2; exit 2; }
  echo "== linux-$k: gp_waits_for_readers with IRQs and NMIs ($model)"
  if [ -n "${BASELINE:-}" ]; then
    mkdir -p "$BASELINE/bench/models"
    cp "$model" "$BASELINE/$model"
    run baseline "$BASELINE" "$(cd "$BASELINE" && pwd)/build/ctcheck"
  fi
  run this . "$ctcheck"
  if [ -n "${BASELINE:-}" ]; then
    python3 -c "import sys; b, t = map(float, sys.argv[1:]); print(f'ratio (baseline / this tree, wall seconds): {b / max(t, 1):.2f}')" \
      "$(cat "$out/baseline.secs")" "$(cat "$out/this.secs")"
  fi
  [ "$(cat "$out/this.rc")" = 0 ] || status=1
done
exit $status
