#!/usr/bin/env bash
# `cmake --install` and `cpack -G DEB` lay out ctcheck as a tool: the binary,
# the models (which still load from their installed place), the docs, the man
# page, bash completion and editor support.
# usage: install_test.sh BUILD_DIR SOURCE_DIR [deb]
set -u
BUILD=${1:?usage: install_test.sh BUILD_DIR SOURCE_DIR [deb]}
SRC=${2:?usage: install_test.sh BUILD_DIR SOURCE_DIR [deb]}
MODE=${3:-install}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

files=(bin/ctcheck share/ctcheck/cases/linux-4.3.ct share/ctcheck/encodings/x86_64/linux-4.3.ct
       share/ctcheck/spec/properties.ct share/doc/ctcheck/README.md share/doc/ctcheck/language.md
       share/doc/ctcheck/ci.md share/man/man1/ctcheck.1 share/bash-completion/completions/ctcheck
       share/vim/vimfiles/syntax/ctcheck.vim share/vim/vimfiles/ftdetect/ct.vim
       share/ctcheck/editors/vscode/package.json share/ctcheck/editors/vscode/syntaxes/ctcheck.tmLanguage.json)

if [ "$MODE" = deb ]; then
  command -v dpkg-deb >/dev/null 2>&1 || { echo "SKIP: dpkg-deb is not installed"; exit 77; }
  (cd "$WORK" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" >"$WORK/cpack.log" 2>&1) ||
    { cat "$WORK/cpack.log"; fail "cpack failed"; exit 1; }
  deb=$(ls "$WORK"/ctcheck_*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || { fail "no .deb written"; exit 1; }
  dpkg-deb --field "$deb" Package Version Depends >"$WORK/fields"
  grep -q "^Package: ctcheck$" "$WORK/fields" || fail "Package field: $(cat "$WORK/fields")"
  grep -q "^Depends: .*libz3-4" "$WORK/fields" || fail "the package does not depend on libz3-4: $(cat "$WORK/fields")"
  dpkg-deb -x "$deb" "$WORK/root"
  ROOT="$WORK/root/usr"
else
  cmake --install "$BUILD" --prefix "$WORK/root" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "cmake --install failed"; exit 1; }
  ROOT="$WORK/root"
fi

for f in "${files[@]}"; do [ -e "$ROOT/$f" ] || fail "$f is not installed"; done
# The installed binary checks an installed case (imports resolve inside share/ctcheck).
"$ROOT/bin/ctcheck" check --quiet --engine explicit "$ROOT/share/ctcheck/cases/linux-4.3.ct" >"$WORK/out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || { fail "installed ctcheck on the installed 4.3 case exited $rc"; head "$WORK/out"; }
grep -q "irq_not_in_user +violated +5" "$WORK/out" || grep -Eq "irq_not_in_user +violated +5" "$WORK/out" || fail "no 4.3 violation in the output"
# The man page renders.
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$ROOT/share/man/man1/ctcheck.1" 2>"$WORK/man.err" | grep -q "EXIT STATUS" || fail "the man page does not render: $(cat "$WORK/man.err")"
fi
if [ "$failed" -eq 0 ]; then echo "$MODE test passed"; else echo "$MODE test failed"; fi
exit "$failed"
