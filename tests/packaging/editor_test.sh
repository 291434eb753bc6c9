#!/usr/bin/env bash
# Editor support loads without errors and highlights what it should:
#   vim:      contrib/vim (ftdetect + syntax) sourced by a bare `vim -es -u NONE`,
#             a .ct file gets filetype ctcheck, `assert` and the property name,
#             a builtin and a comment get their groups;
#   TextMate: contrib/vscode's grammar and package.json are JSON, every regex
#             compiles, and a sample line gets the expected scopes.
# usage: editor_test.sh SOURCE_DIR    (exit 77 = skipped: no vim / python3)
set -u
SRC=${1:?usage: editor_test.sh SOURCE_DIR}
cd "$SRC" || exit 2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctcheck-editor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failed=0

if command -v vim >/dev/null 2>&1; then
  cat >"$WORK/sample.ct" <<'CT'
// a comment
global s64 count = 0;
void timer_irq() {
    assert balanced(count == 0, "IRQ saw a half-done update");
    local_irq_enable();
}
CT
  vim -es -u NONE -N --cmd "set rtp^=$SRC/contrib/vim" -c 'filetype on' -c 'syntax on' -c "edit $WORK/sample.ct" \
    -c "let g:at = [[4, 5], [4, 12], [5, 5], [1, 1], [2, 1], [2, 8]]" \
    -c "call writefile([&filetype] + map(copy(g:at), 'synIDattr(synID(v:val[0], v:val[1], 1), \"name\")'), '$WORK/vim.out')" \
    -c 'qall!' </dev/null >"$WORK/vim.err" 2>&1
  want=$'ctcheck\nctcheckProperty\nctcheckPropName\nctcheckBuiltin\nctcheckComment\nctcheckStorage\nctcheckType'
  if [ "$(cat "$WORK/vim.out" 2>/dev/null)" != "$want" ]; then
    echo "FAIL: vim: got"; cat "$WORK/vim.out" "$WORK/vim.err" 2>/dev/null | sed 's/^/  /'
    failed=1
  else
    echo "vim syntax: ok"
  fi
else
  echo "SKIP: vim is not installed"
fi

if ! command -v python3 >/dev/null 2>&1; then echo "SKIP: python3 is not installed"; exit 77; fi
python3 - "$SRC/contrib/vscode" <<'PY' || failed=1
import json, re, sys
root = sys.argv[1]
pkg = json.load(open(f"{root}/package.json"))
grammar_path = pkg["contributes"]["grammars"][0]["path"]
g = json.load(open(f"{root}/{grammar_path}"))
json.load(open(f"{root}/language-configuration.json"))
assert pkg["contributes"]["languages"][0]["extensions"] == [".ct"]
assert g["scopeName"] == pkg["contributes"]["grammars"][0]["scopeName"]

rules = []  # (regex, name or captures) of every match rule, in order
def walk(node):
    if isinstance(node, dict):
        for key in ("match", "begin", "end"):
            if key in node:
                re.compile(node[key])  # TextMate uses Oniguruma; these need nothing Python lacks
        if "match" in node:
            rules.append(node)
        for v in node.values():
            walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)
walk(g)

def scopes(line):
    found = {}
    for r in rules:
        for m in re.finditer(r["match"], line):
            if "name" in r:
                found.setdefault(m.group(0), r["name"])
            for i, c in r.get("captures", {}).items():
                found.setdefault(m.group(int(i)), c["name"])
    return found

s = scopes('    assert balanced(count == 0, "x"); local_irq_enable(); my_proc(); percpu u2 n = 0x10; // c')
want = {"assert": "keyword.other.property.ctcheck", "balanced": "entity.name.tag.property.ctcheck",
        "local_irq_enable": "support.function.builtin.ctcheck", "my_proc": "entity.name.function.ctcheck",
        "percpu": "storage.modifier.ctcheck", "u2": "storage.type.ctcheck", "0x10": "constant.numeric.hex.ctcheck",
        "// c": "comment.line.double-slash.ctcheck"}
for text, scope in want.items():
    assert s.get(text) == scope, f"{text!r}: {s.get(text)} != {scope}"
print(f"TextMate grammar: ok ({len(rules)} rules)")
PY
if [ "$failed" -eq 0 ]; then echo "editor test passed"; else echo "editor test failed"; fi
exit "$failed"
