#!/usr/bin/env python3
"""End-to-end tests of `ctcheck gate`, `cases --jobs/--shard/--format`, `merge`
and `check --format sarif|junit|--jobs`, on the tiny models in tests/data/gate/.

usage: gate_tests.py CTCHECK SOURCE_DIR [TEST]
Runs every test (or only TEST) from SOURCE_DIR, so model paths and SARIF URIs
are relative to the repository. Prints "N passed, M failed"; exit 1 on failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CTCHECK = None
SCHEMA = "tests/data/sarif-schema-2.1.0.json"
D = "tests/data/gate"
TMP = None


class Failure(Exception):
    pass


def run(*args):
    p = subprocess.run([CTCHECK, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        raise Failure(what)


def expect_rc(got, want, out="", err=""):
    check(got == want, f"exit status {got}, wanted {want}\n--- stdout\n{out}\n--- stderr\n{err}")


def sarif_valid(path):
    p = subprocess.run([sys.executable, "tests/trace/validate_sarif.py", SCHEMA, path], capture_output=True, text=True)
    check(p.returncode == 0, f"{path} is not valid SARIF 2.1.0:\n{p.stdout}{p.stderr}")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def junit(text):
    root = ET.fromstring(text)
    check(root.tag == "testsuites", "JUnit root is not <testsuites>")
    return root


def table_rows(out):
    """The rows of the gate table: (model, property, base, head, status...)."""
    return [line.split(None, 4) for line in out.splitlines() if line.startswith("tests/")]


def no_times(out):
    """The table without wall-clock times: "(0.12 s)" lines and "0.12 s" row endings."""
    lines = [line for line in out.splitlines() if not line.rstrip().endswith(" s)")]
    return "\n".join(re.sub(r" [0-9]+\.[0-9]+ s$", "", line.rstrip()) for line in lines)


# --- gate ---------------------------------------------------------------

def t_gate_regression_files():
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/head/counter.ct")
    expect_rc(rc, 1, out, err)
    rows = table_rows(out)
    check(len(rows) == 1, f"one changed property expected:\n{out}")
    model, prop, rest = rows[0][0], rows[0][1], " ".join(rows[0][2:])
    check(model == f"{D}/head/counter.ct" and prop == "balanced", out)
    check("proved (" in rest and "violated at 2" in rest and "REGRESSION" in rest, out)
    check("adds a violation" in out and "weakens proved" in out and "expected proved, got violated at 2" in out, out)
    check("1 regression(s)" in out, out)


def t_gate_good_patch_passes():
    # irq_save/restore instead of disable/enable: still proved (a proof's k is not a verdict change).
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/fixed.ct")
    expect_rc(rc, 0, out, err)
    check("no verdict changed" in out and table_rows(out) == [], out)


def t_gate_improvement_passes():
    rc, out, err = run("gate", "--base", f"{D}/head/counter.ct", "--head", f"{D}/fixed.ct")
    expect_rc(rc, 0, out, err)
    rows = table_rows(out)
    check(len(rows) == 1 and "violated at 2" in " ".join(rows[0]) and rows[0][-1].endswith("improved"), out)
    check("0 regression(s): ok" in out, out)


def t_gate_weakens_proved():
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/weaker.ct")
    expect_rc(rc, 1, out, err)
    check("bounded to 12" in out and "REGRESSION (weakens proved)" in out, out)


def t_gate_broken_expectation():
    # Same verdict on both sides, but the head case expects a violation.
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/wrong_expect.ct")
    expect_rc(rc, 1, out, err)
    check("REGRESSION (expected violated at 2, got proved" in out, out)


def t_gate_plain_models():
    # Models without expect lines: only the verdicts count.
    rc, out, err = run("gate", "--base", "tests/data/cli/violating.ct", "--head", "tests/data/cli/safe.ct")
    expect_rc(rc, 0, out, err)
    rc, out, err = run("gate", "--base", "tests/data/cli/safe.ct", "--head", "tests/data/cli/violating.ct")
    expect_rc(rc, 1, out, err)
    check("adds a violation" in out, out)


def t_gate_directories():
    rc, out, err = run("gate", "--base", f"{D}/base", "--head", f"{D}/head")
    expect_rc(rc, 1, out, err)
    rows = table_rows(out)
    got = [(r[0], r[1]) for r in rows]
    want = [(f"{D}/head/counter.ct", "balanced"), (f"{D}/head/new_case.ct", "(case)"),
            (f"{D}/head/new_expected_bug.ct", "(case)"), (f"{D}/base/old_bug.ct", "(case)")]
    check(got == want, f"rows {got}, wanted {want}\n{out}")
    check("REGRESSION" in " ".join(rows[0]) and "REGRESSION" not in " ".join(sum(rows[1:], [])), out)
    # New cases that meet their expectations (one of them expects a violation) are no regression.
    for r in rows[1:3]:
        check("(absent)" in " ".join(r) and "1 property as expected" in " ".join(r)
              and "new case, matches its expectations" in " ".join(r), out)
    check("(removed)" in " ".join(rows[3]), out)
    check("irqsave" not in out, "an unchanged case is not a change:\n" + out)
    check("4 change(s), 1 regression(s)" in out, out)
    # The order does not depend on the number of threads.
    for jobs in ("1", "3"):
        rc2, out2, _ = run("gate", "--base", f"{D}/base", "--head", f"{D}/head", "--jobs", jobs)
        check(rc2 == rc and out2 == out, f"--jobs {jobs} changed the output:\n{out2}")


def t_gate_sarif():
    path = os.path.join(TMP, "gate.sarif")
    rc, out, err = run("gate", "--base", f"{D}/base", "--head", f"{D}/head", "--format", "sarif", "--output", path)
    expect_rc(rc, 1, out, err)
    check("REGRESSION" in out, "--output keeps the table on stdout:\n" + out)
    doc = sarif_valid(path)
    run0 = doc["runs"][0]
    check(run0["tool"]["driver"]["name"] == "ctcheck", "driver name")
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    check(rules["balanced"]["shortDescription"]["text"] == "IRQ saw a half-done update", "rule description")
    results = [r for r in run0["results"] if not r.get("suppressions")]
    check(len(results) == 1, f"one unsuppressed result (the regression), got {len(results)}")
    r = results[0]
    check(r["ruleId"] == "balanced" and r["level"] == "error" and r["baselineState"] == "new", json.dumps(r)[:500])
    # The primary location is the line the patch changed (the variant's task_loop),
    # which the trace passes through; the failing assert is a related location.
    loc = r["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"]["uri"] == f"{D}/head/counter.ct" and loc["region"]["startLine"] == 6, json.dumps(loc))
    rel = r["relatedLocations"][0]["physicalLocation"]
    check(rel["artifactLocation"]["uri"] == f"{D}/counter.ct" and rel["region"]["startLine"] == 16, json.dumps(rel))
    check("changed line tests/data/gate/head/counter.ct:6 (step 1)" in r["message"]["text"], r["message"]["text"])
    # The new case's expected violation is reported, suppressed, as new.
    expected = [r for r in run0["results"] if r.get("suppressions")]
    check(len(expected) == 1 and expected[0]["baselineState"] == "new"
          and expected[0]["properties"]["model"] == f"{D}/head/new_expected_bug.ct", json.dumps(expected)[:500])
    flow = r["codeFlows"][0]["threadFlows"][0]["locations"]
    lines = [(f["location"]["physicalLocation"]["artifactLocation"]["uri"],
              f["location"]["physicalLocation"].get("region", {}).get("startLine")) for f in flow]
    # count = count + 1 in the head's task_loop, the IRQ arrives, its assert fails.
    check(lines == [(f"{D}/head/counter.ct", 6), (f"{D}/counter.ct", 15), (f"{D}/counter.ct", 16)], f"threadFlow {lines}")
    check(flow[0]["state"]["count"]["text"] == "1", json.dumps(flow[0]))
    check([f["executionOrder"] for f in flow] == [1, 2, 3], "execution order")


def t_gate_junit_and_json():
    rc, out, err = run("gate", "--base", f"{D}/base", "--head", f"{D}/head", "--format", "junit")
    expect_rc(rc, 1, out, err)
    root = junit(out)
    check(root.get("tests") == "4" and root.get("failures") == "1" and root.get("errors") == "0", out[:300])
    fails = root.findall(".//failure")
    check(len(fails) == 1, "one failure")
    msg = fails[0].get("message")
    check("adds a violation" in msg and "Counterexample for balanced: violated at 2" in msg and "\n" in msg,
          "the failure message holds the text trace:\n" + msg)
    rc, out, err = run("gate", "--base", f"{D}/base", "--head", f"{D}/head", "--format", "json")
    expect_rc(rc, 1, out, err)
    doc = json.loads(out)
    check(doc["command"] == "gate" and doc["regressions"] == 1 and len(doc["changes"]) == 4, out[:300])
    check(doc["changes"][0]["regression"] and doc["changes"][0]["status"] == "REGRESSION", json.dumps(doc["changes"][0]))


def t_gate_new_case_files():
    # File mode: a new case file (no base) that meets its expectations is no regression.
    rc, out, err = run("gate", "--base", f"{D}/base/irqsave.ct", "--head", f"{D}/head/new_expected_bug.ct")
    expect_rc(rc, 1, out, err)  # a file pair always has a base: the added violation counts
    rc, out, err = run("gate", "--base", f"{D}/base", "--head", f"{D}/head", "--format", "json")
    doc = json.loads(out)
    new = [c for c in doc["changes"] if c["model"].endswith("new_expected_bug.ct")]
    check(len(new) == 1 and not new[0]["regression"] and new[0]["status"] == "new case, matches its expectations",
          json.dumps(new))


def t_cache():
    import shutil
    tree = os.path.join(TMP, "tree")
    shutil.copytree("tests/data/gate", tree)
    cache = os.path.join(TMP, "cache")

    def gate_json():
        rc, out, err = run("gate", "--base", f"{tree}/base", "--head", f"{tree}/head", "--format", "json",
                           "--cache", cache, "--quiet")
        expect_rc(rc, 1, out, err)
        doc = json.loads(out)
        for m in doc["models"]:
            m.pop("seconds")
        return doc

    first = gate_json()
    check(not any(m.get("cached") for m in first["models"]), "an empty cache holds nothing")
    entries = sorted(os.listdir(cache))
    check(len(entries) == 7 and all(e.endswith(".json") for e in entries), f"one entry per case (3 base, 4 head): {entries}")
    second = gate_json()
    check(all(m.get("cached") for m in second["models"]), "every model from the cache the second time")
    for m in second["models"]:
        m.pop("cached")
    check(first == second, "a cached report is the report")
    # Editing a file every case imports makes every entry stale; the tables say which came from the cache.
    with open(f"{tree}/counter.ct", "a", encoding="utf-8") as f:
        f.write("// touched\n")
    rc, out, err = run("cases", f"{tree}/head", "--cache", cache, "--quiet")
    expect_rc(rc, 1, out, err)
    check("cached" not in out, "an edited import is a miss:\n" + out)
    rc, out, err = run("cases", f"{tree}/head", "--cache", cache, "--quiet")
    check(out.count(", cached)") == 4, "the second run takes all four cases from the cache:\n" + out)
    # Another build of the checker (here: the same binary with one byte more, under the same version)
    # does not take the first build's reports.
    other = os.path.join(TMP, "ctcheck-other-build")
    shutil.copy2(CTCHECK, other)
    with open(other, "ab") as f:
        f.write(b"\0")
    p = subprocess.run([other, "cases", f"{tree}/head", "--cache", cache, "--quiet"], capture_output=True,
                       text=True, timeout=120)
    check("cached" not in p.stdout, "another binary is a miss:\n" + p.stdout + p.stderr)
    # A damaged entry is a miss, and is replaced.
    for e in os.listdir(cache):
        with open(os.path.join(cache, e), "w", encoding="utf-8") as f:
            f.write("{not json")
    rc, out2, err = run("cases", f"{tree}/head", "--cache", cache, "--quiet")
    expect_rc(rc, 1, out2, err)
    check("cached" not in out2 and no_times(out2) == no_times(out.replace(", cached", "")), out2)
    # A cache directory that cannot be made is a usage error.
    rc, out, err = run("cases", f"{tree}/head", "--cache", f"{tree}/counter.ct/sub")
    expect_rc(rc, 2, out, err)
    check("cannot create the cache directory" in err, err)


def t_gate_usage():
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct")
    expect_rc(rc, 2, out, err)
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/no-such.ct")
    expect_rc(rc, 2, out, err)
    check("does not exist" in err, err)
    rc, out, err = run("gate", "--base", f"{D}/base", "--head", f"{D}/fixed.ct")
    expect_rc(rc, 2, out, err)
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/fixed.ct", "--format", "xml")
    expect_rc(rc, 2, out, err)
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/malformed.ct")
    expect_rc(rc, 2, out, err)
    check(f"{D}/malformed.ct:3:20: error:" in err, err)
    check("LOAD ERROR" in out and "0 regression(s): ok" not in out, out)


def t_output_whole_or_nothing():
    path = os.path.join(TMP, "no-such-dir", "gate.sarif")
    rc, out, err = run("gate", "--base", f"{D}/base/counter.ct", "--head", f"{D}/fixed.ct", "--format", "sarif",
                       "--output", path)
    expect_rc(rc, 2, out, err)
    check(not os.path.exists(os.path.dirname(path)), "nothing written")
    left = [f for f in os.listdir(TMP) if "ctcheck-tmp" in f]
    check(not left, f"temporary files left: {left}")


# --- cases: --jobs, --shard, --format; merge -----------------------------

def t_cases_jobs_deterministic():
    outs = []
    for jobs in ("1", "2", "4"):
        rc, out, err = run("cases", f"{D}/head", "--jobs", jobs)
        expect_rc(rc, 1, out, err)
        outs.append(no_times(out))
    check(outs[0] == outs[1] == outs[2], "--jobs changes the table:\n" + "\n----\n".join(outs))
    check(f"{D}/head/counter.ct" in outs[0] and "MISMATCH" in outs[0] and "4 case(s), 1 mismatch(es)" in outs[0], outs[0])


def t_cases_shards_and_merge():
    files = []
    for i in range(3):
        path = os.path.join(TMP, f"shard{i}.json")
        rc, out, err = run("cases", f"{D}/base", "--shard", f"{i}/3", "--format", "json", "--output", path)
        expect_rc(rc, 0, out, err)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        check(doc["shard"] == {"index": i, "count": 3}, json.dumps(doc["shard"]))
        files.append(path)
        check(len(doc["models"]) == 1, f"shard {i}/3 of 3 cases holds one: {[m['model'] for m in doc['models']]}")
    models = [json.load(open(p, encoding="utf-8"))["models"][0]["model"] for p in files]
    check(models == sorted(models) and len(set(models)) == 3, f"index % N slices of the sorted list: {models}")
    rc, out, err = run("merge", *reversed(files), "--format", "json")
    expect_rc(rc, 0, out, err)
    merged = json.loads(out)
    check([m["model"] for m in merged["models"]] == models, "merged in file order")
    rc, whole, err = run("cases", f"{D}/base", "--format", "json")
    expect_rc(rc, 0, whole, err)

    def strip(doc):
        for m in doc["models"]:
            m.pop("seconds")
            for r in m["results"]:
                r.pop("seconds")
        return doc["models"]
    check(strip(merged) == strip(json.loads(whole)), "merge of the shards == the unsharded run")
    rc, out, err = run("merge", *files)
    expect_rc(rc, 0, out, err)
    check("3 case(s), 0 mismatch(es), 0 load error(s)" in out, out)
    # A lost shard cannot pass.
    rc, out, err = run("merge", files[0], files[2])
    expect_rc(rc, 2, out, err)
    check("shard 1/3" in err and "missing" in err, err)
    # A mismatch in any shard fails the merge.
    bad = os.path.join(TMP, "head.json")
    rc, out, err = run("cases", f"{D}/head", "--format", "json", "--output", bad, "--shard", "0/1")
    expect_rc(rc, 1, out, err)
    rc, out, err = run("merge", bad, "--format", "sarif")
    expect_rc(rc, 1, out, err)
    path = os.path.join(TMP, "merged.sarif")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    doc = sarif_valid(path)
    check(any(r["ruleId"] == "balanced" and "codeFlows" in r for r in doc["runs"][0]["results"]),
          "merged SARIF keeps the counterexample")
    rc, out, err = run("merge", os.path.join(TMP, "nothing.json"))
    expect_rc(rc, 2, out, err)
    rc, out, err = run("merge", f"{D}/counter.ct")
    expect_rc(rc, 2, out, err)


def t_cases_bad_shard():
    for spec in ("3/3", "x/2", "1", "-1/2", "0/0"):
        rc, out, err = run("cases", f"{D}/base", "--shard", spec)
        expect_rc(rc, 2, out, err)


def t_cases_sarif_junit():
    path = os.path.join(TMP, "cases.sarif")
    rc, out, err = run("cases", f"{D}/base", "--format", "sarif", "--output", path)
    expect_rc(rc, 0, out, err)
    doc = sarif_valid(path)
    results = doc["runs"][0]["results"]
    # old_bug.ct expects its violation: reported, suppressed in source.
    check(len(results) == 1 and results[0]["suppressions"][0]["kind"] == "inSource", json.dumps(results)[:400])
    rc, out, err = run("cases", f"{D}/base", "--format", "junit")
    expect_rc(rc, 0, out, err)
    root = junit(out)
    check(root.get("tests") == "3" and root.get("failures") == "0", out[:300])
    rc, out, err = run("cases", f"{D}/head", "--format", "junit")
    expect_rc(rc, 1, out, err)
    root = junit(out)
    check(root.get("failures") == "1", out[:300])


# --- check ---------------------------------------------------------------

def t_check_formats():
    rc, out, err = run("check", "--quiet", "tests/data/cli/violating.ct", "--format", "sarif")
    expect_rc(rc, 1, out, err)
    path = os.path.join(TMP, "check.sarif")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    doc = sarif_valid(path)
    check([r["ruleId"] for r in doc["runs"][0]["results"]] == ["balanced"], out[:300])
    rc, out, err = run("check", "--quiet", "tests/data/cli/violating.ct", "--format", "junit")
    expect_rc(rc, 1, out, err)
    check(len(junit(out).findall(".//failure")) == 1, out[:300])
    rc, out, err = run("check", "--quiet", "tests/data/cli/safe.ct", "--format", "junit")
    expect_rc(rc, 0, out, err)
    check(not junit(out).findall(".//failure"), out)


def t_check_jobs():
    # BMC with one solver per property in threads: the same verdicts.
    outs = []
    for jobs in ("1", "2"):
        rc, out, err = run("check", "--quiet", "--engine", "bmc", "--jobs", jobs, f"{D}/two_props.ct", "--format", "json")
        check(rc in (0, 1), f"exit {rc}\n{err}")
        outs.append([(r["property"], r["verdict"], r["depth"]) for r in json.loads(out)["results"]])
    check(outs[0] == outs[1] and len(outs[0]) >= 2, f"--jobs 1 {outs[0]} vs --jobs 2 {outs[1]}")
    rc, out, err = run("check", "--jobs", "0", "tests/data/cli/safe.ct")
    expect_rc(rc, 2, out, err)


TESTS = [name[2:] for name in list(globals()) if name.startswith("t_")]


def main(argv):
    global CTCHECK, TMP
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    CTCHECK = os.path.abspath(argv[1])
    os.chdir(argv[2])
    only = argv[3] if len(argv) > 3 else None
    if only and only not in TESTS:
        print(f"no test named '{only}'", file=sys.stderr)
        return 2
    passed = failed = 0
    for name in TESTS:
        if only and name != only:
            continue
        with tempfile.TemporaryDirectory(prefix="ctcheck-gate-") as tmp:
            TMP = tmp
            try:
                globals()["t_" + name]()
                passed += 1
                print(f"ok   {name}")
            except Failure as e:
                failed += 1
                print(f"FAIL {name}: {e}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
