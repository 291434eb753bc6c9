#!/usr/bin/env bash
# Renders the counterexample picture (`check --trace-out FILE.svg` and
# `FILE.html`) in headless Chromium and checks the screenshot is not blank and
# shows the red violation column, and that the labels a reader needs are in
# the document (for the HTML: in the DOM Chromium parsed).
#
# usage: render_test.sh CTCHECK SOURCE_DIR
# Exits 77 (ctest SKIP_RETURN_CODE) when chromium or python3 is missing;
# CHROMIUM=/path overrides where chromium is looked for.
set -u

CTCHECK=${1:?usage: render_test.sh CTCHECK SOURCE_DIR}
SRC=${2:?usage: render_test.sh CTCHECK SOURCE_DIR}
case "$CTCHECK" in /*) ;; *) CTCHECK="$PWD/$CTCHECK" ;; esac
cd "$SRC" || exit 2

CHROME=${CHROMIUM:-}
if [ -z "$CHROME" ]; then
  for c in /usr/bin/chromium chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then CHROME=$(command -v "$c"); break; fi
  done
fi
if [ -z "$CHROME" ] || [ ! -x "$CHROME" ]; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed"
  exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-render.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

"$CTCHECK" check --quiet --engine explicit tests/data/vis/mini_entry.ct --property irq_not_in_user \
  --trace-out "$WORK/trace.svg" --trace-out "$WORK/trace.html" >/dev/null 2>"$WORK/check.err"
rc=$?
[ "$rc" -eq 1 ] || { fail "ctcheck check exited $rc, expected 1"; cat "$WORK/check.err"; exit 1; }

chrome() {
  # $1: output flag (--screenshot=FILE or --dump-dom), $2: the file to load.
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
    "$1" --window-size=1400,900 "file://$2" 2>>"$WORK/chrome.err"
}

labels=("task syscall_task" "irq timer_irq" ">IF<" ">mode<" "ct_state = CONTEXT_USER" ">syscalls<" "local_irq_enable();"
        "syscall_task" "timer_irq" "CONTEXT_USER" "Violated: assertion irq_not_in_user")

for kind in svg html; do
  file="$WORK/trace.$kind"
  png="$WORK/trace-$kind.png"
  (cd "$WORK" && chrome "--screenshot=$png" "$file" >/dev/null)
  if [ ! -s "$png" ]; then
    fail "$kind: chromium wrote no screenshot"
    tail -5 "$WORK/chrome.err"
    continue
  fi
  # Not blank, and the violating step's red column (#ffd9d9) is visible.
  python3 "$SRC/tests/trace/png_check.py" "$png" --min-nonwhite 5000 --color ffd9d9:500 || fail "$kind: screenshot check"
  doc="$file"
  if [ "$kind" = html ]; then
    chrome --dump-dom "$file" >"$WORK/dom.html" || fail "html: chromium --dump-dom failed"
    doc="$WORK/dom.html"
  fi
  for l in "${labels[@]}"; do
    grep -qF -- "$l" "$doc" || fail "$kind: label '$l' not in the document"
  done
  echo "rendered $kind: ok"
done

if [ "$failed" -eq 0 ]; then echo "render test passed"; else echo "render test failed"; fi
exit "$failed"
