#!/usr/bin/env python3
"""The corpus output pinned byte for byte (timings excepted).

For every case in cases/ this runs `ctcheck check` once, writing the text report
to stdout and the JSON, SARIF and JUnit reports with --report, and compares each
with tests/data/corpus/<case>.<ext>. Timing fields are the only thing normalised
(they differ from run to run): "seconds" in JSON, the seconds column of the text
table, time= in JUnit. Everything else -- verdicts, depths, traces, messages,
locations -- must match exactly, so a refactoring that claims "behaviour
unchanged" is checked, and an intended change shows up as a reviewable diff of
the golden files (regenerate with --update).

The explicit engine is used for every case (it is deterministic) under one state
limit (STATE_LIMIT), so the cases whose state spaces are large or infinite end
deterministically too (their full verdicts are checked by `cases.all`), and
without proof certificates (checked by `cases.all` too), to keep it fast.

usage: corpus_golden.py CTCHECK ROOT [--update] [CASE-SUBSTRING]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

STATE_LIMIT = 200000
EXT = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml"}


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
        # the table's seconds column: "<engine>  12.34  note" (its padding
        # depends on the number's width, so it goes too)
        return re.sub(r"(?m)^(\S+\s+\S+\s+\d+\s+\S+)\s+\d+\.\d+", r"\1 S", out)
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


def run_case(ctcheck, root, case, tmp):
    """The four reports of one run: {format: text}, or an error string."""
    files = {fmt: os.path.join(tmp, "report." + EXT[fmt]) for fmt in ("json", "sarif", "junit")}
    cmd = [ctcheck, "check", case, "--engine", "explicit", "--quiet", "--max-states", str(STATE_LIMIT),
           "--certify-states", "0"]
    for fmt, path in files.items():
        cmd += ["--report", f"{fmt}={path}"]
    run = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    if run.returncode not in (0, 1, 3):
        return f"exit {run.returncode}\n{run.stderr}"
    out = {"text": run.stdout}
    for fmt, path in files.items():
        with open(path) as f:
            out[fmt] = f.read()
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    update = "--update" in sys.argv
    ctcheck, root = os.path.abspath(args[0]), args[1]
    only = args[2] if len(args) > 2 else ""
    golden_dir = os.path.join(root, "tests", "data", "corpus")
    os.makedirs(golden_dir, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases(root):
            if only and only not in case:
                continue
            reports = run_case(ctcheck, root, case, tmp)
            if isinstance(reports, str):
                print(f"FAIL {case}: {reports}")
                failures += 1
                continue
            for fmt, text in reports.items():
                got = normalise(fmt, text)
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
