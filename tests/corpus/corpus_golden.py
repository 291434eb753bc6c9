#!/usr/bin/env python3
"""The corpus output pinned byte for byte (timings excepted).

For every case in cases/ this runs `ctcheck check` in the four report formats
and compares the output with tests/data/corpus/<case>.<ext>. Timing fields are
the only thing normalised (they differ from run to run): "seconds" in JSON, the
seconds column of the text table, time= in JUnit. Everything else -- verdicts,
depths, traces, messages, locations -- must match exactly, so a refactoring that
claims "behaviour unchanged" is checked, and an intended change shows up as a
reviewable diff of the golden files (regenerate with --update).

The explicit engine is used for every case (it is deterministic); the two
mutants whose state space is infinite run under a state limit, so their
verdicts are the bounded/violated ones the limit allows, deterministically.

usage: corpus_golden.py CTCHECK ROOT [--update] [CASE-SUBSTRING]
"""
import json
import os
import re
import subprocess
import sys

FORMATS = ["text", "json", "sarif", "junit"]
EXT = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml"}
# Cases whose state space the explicit engine cannot exhaust: a fixed state limit.
LIMITED = {"cases/mutants/b2-no-in-interrupt-check.ct": 150000,
           "cases/mutants/irq-exit-skips-rcu-irq-exit.ct": 150000,
           "cases/linux-4.6-gp.ct": 150000,
           "cases/mutants/linux-4.6-gp-no-plus-2.ct": 150000}


def strip_seconds(node):
    if isinstance(node, dict):
        return {k: strip_seconds(v) for k, v in node.items() if k != "seconds"}
    if isinstance(node, list):
        return [strip_seconds(v) for v in node]
    return node


def normalise(fmt, out):
    if fmt == "json":
        return json.dumps(strip_seconds(json.loads(out)), indent=2, sort_keys=True) + "\n"
    if fmt == "text":
        # the table's seconds column: "<engine>  12.34  note"
        return re.sub(r"(?m)^(\S+\s+\S+\s+\d+\s+\S+\s+)\d+\.\d+", r"\1S", out)
    if fmt == "junit":
        return re.sub(r' time="[^"]*"', ' time="S"', out)
    return out


def cases(root):
    found = []
    for d, _, files in os.walk(os.path.join(root, "cases")):
        for f in files:
            if f.endswith(".ct"):
                found.append(os.path.relpath(os.path.join(d, f), root))
    return sorted(found)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    update = "--update" in sys.argv
    ctcheck, root = os.path.abspath(args[0]), args[1]
    only = args[2] if len(args) > 2 else ""
    golden_dir = os.path.join(root, "tests", "data", "corpus")
    os.makedirs(golden_dir, exist_ok=True)
    failures = 0
    for case in cases(root):
        if only and only not in case:
            continue
        for fmt in FORMATS:
            cmd = [ctcheck, "check", case, "--engine", "explicit", "--quiet", "--format", fmt]
            if case in LIMITED:
                cmd += ["--max-states", str(LIMITED[case])]
            run = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
            if run.returncode not in (0, 1, 3):
                print(f"FAIL {case} {fmt}: exit {run.returncode}\n{run.stderr}")
                failures += 1
                continue
            got = normalise(fmt, run.stdout)
            name = case[len("cases/"):].replace("/", "__")[:-3] + "." + EXT[fmt]
            path = os.path.join(golden_dir, name)
            if update:
                with open(path, "w") as f:
                    f.write(got)
                continue
            try:
                with open(path) as f:
                    want = f.read()
            except FileNotFoundError:
                print(f"FAIL {case} {fmt}: no golden file {path} (run with --update)")
                failures += 1
                continue
            if got != want:
                print(f"FAIL {case} {fmt}: output differs from {path}")
                import difflib
                diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now", lineterm="", n=2)
                for i, line in enumerate(diff):
                    if i > 40:
                        print("  ...")
                        break
                    print("  " + line)
                failures += 1
    print(f"corpus golden: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
