#!/usr/bin/env python3
"""Mutation check of the models (docs/trust.md): which mutants does each property catch?

    scripts/mutate.sh [--ctcheck BIN] [--jobs N] [--max N] [--seed S] [--max-states N]
                      [--json FILE] [--files GLOB] CASE.ct...

For each case, every file it loads (the case and its imports, transitively) is
mutated one change at a time, in procedure bodies only:

  drop   delete one statement (not an assert: that removes a property, not code)
  swap   exchange two adjacent statements
  flip   flip one comparison (== !=, < >=, > <=)
  const  change one integer literal (0 -> 1, 1 -> 0, n -> n + 1)

Each mutant is checked with the explicit engine (exhaustive, no certificate:
`check --engine explicit --certify-states 0 --max-states N`) in a private copy
of spec/, encodings/ and cases/. A property *catches* a mutant when its verdict
differs from the unmutated model's (typically: proved -> violated). Mutants
that do not load are `invalid`; mutants whose check hits the state limit with
no verdict change are `limit`; the others that no property notices `survive`
and are listed: each is a change of the code that the properties do not
observe -- an equivalent change, or a gap in the properties.

--max N samples N mutants per case (seeded by --seed); default: all of them.
Exit 0 unless something fails to run (the survivors are a report, not an error).
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREES = ("spec", "encodings", "cases")
IMPORT = re.compile(r'^\s*import\s+"([^"]+)"\s*;')
DECL_WORDS = ("global", "percpu", "pertask", "const", "import", "task", "irq", "nmi", "exception",
              "cpus", "bound", "invariant", "expect", "lemma", "abstract", "enum", "override")
LOCAL_DECL = re.compile(r'^(unsigned\s+|signed\s+)?(long\s+long|long|int|bool|char|short|[us](8|16|32|64)|u4|'
                        r'atomic_t|range<[^>]*>|enum\s+\w+)\s+\w+\s*;$')
COMPARE = re.compile(r'==|!=|<=|>=|(?<![<>\-])<(?![<=])|(?<![<>\-])>(?![>=])')
FLIP = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
INT = re.compile(r'(?<![\w.])(\d+)(?![\w.])')


def load_closure(case):
    """The case and every file it imports (repository-relative paths), in load order."""
    out, todo = [], [os.path.relpath(os.path.abspath(case), ROOT)]
    while todo:
        f = todo.pop(0)
        if f in out:
            continue
        out.append(f)
        with open(os.path.join(ROOT, f)) as fh:
            for line in fh:
                m = IMPORT.match(line)
                if m:
                    todo.append(os.path.normpath(os.path.join(os.path.dirname(f), m.group(1))))
    return out


def mask_strings(line):
    """The line with the inside of every string literal blanked (same length)."""
    return re.sub(r'"(\\.|[^"\\])*"', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', line)


def strip_comment(line):
    i = line.find("//")
    return line if i < 0 else line[:i]


def code_lines(text):
    """Indices of lines inside procedure bodies (brace depth > 0, not an enum), outside block comments."""
    lines = text.split("\n")
    depth, in_enum, in_block, out = 0, False, False, []
    for i, raw in enumerate(lines):
        line = raw
        if in_block:
            if "*/" not in line:
                continue
            line = line[line.index("*/") + 2:]
            in_block = False
        if "/*" in line and "*/" not in line[line.index("/*"):]:
            line = line[:line.index("/*")]
            in_block = True
        line = strip_comment(line)
        stripped = line.strip()
        if depth == 0 and stripped.startswith("enum"):
            in_enum = True
        if depth > 0 and not in_enum and stripped:
            out.append(i)
        depth += line.count("{") - line.count("}")
        if depth <= 0:
            depth, in_enum = 0, False
    return lines, out


def is_simple_statement(code):
    s = code.strip()
    if not s.endswith(";") or s.count(";") != 1:
        return False
    first = re.match(r'\w+', s)
    word = first.group(0) if first else ""
    if word in ("if", "while", "do", "for", "else", "assert", "case", "default", "goto") or word in DECL_WORDS:
        return False
    if "{" in s or "}" in s or LOCAL_DECL.match(s):
        return False
    return True


def mutants_of(path):
    with open(os.path.join(ROOT, path)) as fh:
        text = fh.read()
    lines, code = code_lines(text)
    out = []

    def with_lines(new):
        return "\n".join(new)

    for idx in code:
        raw = lines[idx]
        body = strip_comment(raw)
        comment = raw[len(body):]
        s = body.strip()
        if "assert" in s or "invariant" in s or "lemma" in s:
            continue
        if is_simple_statement(body):
            new = list(lines)
            new[idx] = body[:len(body) - len(body.lstrip())] + comment
            out.append(("drop", path, idx + 1, s, with_lines(new)))
            nxt = idx + 1
            if nxt < len(lines) and nxt in code and is_simple_statement(strip_comment(lines[nxt])):
                a, b = body.strip(), strip_comment(lines[nxt]).strip()
                if a != b and "assert" not in b:
                    new = list(lines)
                    ind_a = body[:len(body) - len(body.lstrip())]
                    ind_b = lines[nxt][:len(lines[nxt]) - len(lines[nxt].lstrip())]
                    new[idx], new[nxt] = ind_a + b, ind_b + a
                    out.append(("swap", path, idx + 1, a + "  <->  " + b, with_lines(new)))
        if '"' in s and not is_simple_statement(body):  # an assert's message on its own line
            continue
        masked = mask_strings(body)
        for m in COMPARE.finditer(masked):
            new = list(lines)
            new[idx] = body[:m.start()] + FLIP[m.group(0)] + body[m.end():] + comment
            out.append(("flip", path, idx + 1, s + "   [" + m.group(0) + " -> " + FLIP[m.group(0)] + "]",
                        with_lines(new)))
        for m in INT.finditer(masked):
            n = int(m.group(1))
            to = 1 if n == 0 else 0 if n == 1 else n + 1
            new = list(lines)
            new[idx] = body[:m.start()] + str(to) + body[m.end():] + comment
            out.append(("const", path, idx + 1, s + "   [" + m.group(1) + " -> " + str(to) + "]", with_lines(new)))
    return out


def run_check(ctcheck, tree, case, max_states):
    p = subprocess.run([ctcheck, "check", "--quiet", "--engine", "explicit", "--certify-states", "0",
                        "--max-states", str(max_states), "--format", "json", os.path.join(tree, case)],
                       capture_output=True, text=True, cwd=tree)
    if p.returncode == 2:
        return None, p.stderr.strip().split("\n")[0] if p.stderr else "does not load"
    try:
        results = json.loads(p.stdout)["results"]
    except (ValueError, KeyError):
        raise RuntimeError("ctcheck exit %d, no JSON: %s" % (p.returncode, p.stderr[:500]))
    return {r["property"]: (r["verdict"], r.get("depth"), space(r.get("reason", ""))) for r in results}, ""


def space(reason):
    """'6747 reachable states, diameter 98' from an explicit proof's reason (None otherwise)."""
    m = re.search(r'(\d+) reachable states, diameter (\d+)', reason)
    return (int(m.group(1)), int(m.group(2))) if m else None


class Trees:
    """One private copy of spec/, encodings/, cases/ per worker thread."""

    def __init__(self, base):
        self.base, self.local, self.n = base, threading.local(), 0
        self.lock = threading.Lock()

    def get(self):
        if not hasattr(self.local, "tree"):
            with self.lock:
                self.n += 1
                tree = os.path.join(self.base, "tree%d" % self.n)
            for t in TREES:
                shutil.copytree(os.path.join(ROOT, t), os.path.join(tree, t))
            self.local.tree = tree
        return self.local.tree


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="+")
    ap.add_argument("--ctcheck", default=os.path.join(ROOT, "build", "ctcheck"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max", type=int, default=0, help="mutants per case (sampled); 0: all")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-states", type=int, default=300000)
    ap.add_argument("--json", help="write every mutant's outcome here")
    ap.add_argument("--files", default="", help="only mutate files whose path contains this")
    args = ap.parse_args()
    ctcheck = os.path.abspath(args.ctcheck)
    report = []
    status = 0
    with tempfile.TemporaryDirectory(prefix="ctcheck-mutate.") as tmp:
        trees = Trees(tmp)
        for case in args.cases:
            case_rel = os.path.relpath(os.path.abspath(case), ROOT)
            base, why = run_check(ctcheck, ROOT, case_rel, args.max_states)
            if base is None:
                print("mutate: %s does not load: %s" % (case, why), file=sys.stderr)
                status = 2
                continue
            files = [f for f in load_closure(case_rel) if args.files in f]
            muts = [m for f in files for m in mutants_of(f)]
            total = len(muts)
            if args.max and len(muts) > args.max:
                muts = random.Random(args.seed).sample(muts, args.max)
                muts.sort(key=lambda m: (m[1], m[2], m[0], m[3]))

            def one(m):
                op, path, line, what, text = m
                tree = trees.get()
                target = os.path.join(tree, path)
                with open(target) as fh:
                    original = fh.read()
                with open(target, "w") as fh:
                    fh.write(text)
                try:
                    got, err = run_check(ctcheck, tree, case_rel, args.max_states)
                finally:
                    with open(target, "w") as fh:
                        fh.write(original)
                if got is None:
                    return dict(op=op, file=path, line=line, change=what, outcome="invalid", caught_by=[], error=err)
                caught = sorted(p for p in base if p in got and got[p][0] != base[p][0] and got[p][0] != "unknown")
                new_props = sorted(set(got) - set(base))
                caught += [p + " (new)" for p in new_props if got[p][0] == "violated"]
                limited = any(v[0] == "unknown" for v in got.values())
                outcome = "caught" if caught else "limit" if limited else "survived"
                spaces = {v[2] for v in got.values() if v[2]}
                same = spaces == {v[2] for v in base.values() if v[2]}
                return dict(op=op, file=path, line=line, change=what, outcome=outcome, caught_by=caught,
                            same_state_space=same, state_space=sorted(spaces))

            with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                results = list(pool.map(one, muts))
            report.append(dict(case=case_rel, files=files, mutants_total=total, mutants_checked=len(results),
                               baseline={p: v[0] for p, v in base.items()}, mutants=results))
            print_case(report[-1])
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(report, fh, indent=1)
    return status


def print_case(r):
    res = r["mutants"]
    count = lambda k: sum(1 for m in res if m["outcome"] == k)
    print("== %s: %d mutants (%d generated) in %d files" % (r["case"], len(res), r["mutants_total"], len(r["files"])))
    print("   caught %d, survived %d, hit the state limit %d, invalid (do not load) %d"
          % (count("caught"), count("survived"), count("limit"), count("invalid")))
    print("   by operator:")
    for op in ("drop", "swap", "flip", "const"):
        ms = [m for m in res if m["op"] == op]
        print("     %-6s %4d mutants: %4d caught, %4d survived, %3d limit, %3d invalid" % (
            op, len(ms), sum(m["outcome"] == "caught" for m in ms), sum(m["outcome"] == "survived" for m in ms),
            sum(m["outcome"] == "limit" for m in ms), sum(m["outcome"] == "invalid" for m in ms)))
    per = {}
    for m in res:
        for p in m["caught_by"]:
            per[p] = per.get(p, 0) + 1
    print("   mutants caught per property:")
    for p in list(r["baseline"]) + sorted(k for k in per if k not in r["baseline"]):
        print("     %-45s %4d" % (p, per.get(p, 0)))
    surv = [m for m in res if m["outcome"] == "survived"]
    changed = [m for m in surv if not m["same_state_space"]]
    print("   survivors: %d, of which %d change the reachable state count or diameter yet no property"
          % (len(surv), len(changed)))
    print("   notices (listed first); the %d others leave them as in the model: most likely equivalent"
          % (len(surv) - len(changed)))
    print("   (dead or overridden code, an order that does not matter)")
    for m in changed:
        print("     %s:%d  %-5s %s" % (m["file"], m["line"], m["op"], m["change"]))
    print("   ---")
    for m in surv:
        if m["same_state_space"]:
            print("     %s:%d  %-5s %s" % (m["file"], m["line"], m["op"], m["change"]))
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
