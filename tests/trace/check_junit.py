#!/usr/bin/env python3
"""Parses JUnit XML reports of ctcheck and checks their structure.

usage: check_junit.py FILE...   Exit 0 when every file is well-formed and its
counts add up, 1 otherwise.
"""
import sys
import xml.etree.ElementTree as ET


def check(path):
    root = ET.parse(path).getroot()  # raises on malformed XML
    problems = []
    if root.tag != "testsuites":
        problems.append(f"root is <{root.tag}>, not <testsuites>")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(len(c.findall("failure")) for c in cases),
            "errors": sum(len(c.findall("error")) for c in cases),
        }
        for k, v in counts.items():
            if int(suite.get(k, -1)) != v:
                problems.append(f"suite {suite.get('name')}: {k}={suite.get(k)} but {v} found")
            totals[k] += v
        for c in cases:
            if not c.get("name") or not c.get("classname"):
                problems.append(f"suite {suite.get('name')}: a testcase without name/classname")
            for f in c.findall("failure"):
                if not f.get("message"):
                    problems.append(f"{c.get('classname')}/{c.get('name')}: failure without a message")
    for k, v in totals.items():
        if int(root.get(k, -1)) != v:
            problems.append(f"testsuites: {k}={root.get(k)} but {v} found")
    return problems


def main(argv):
    bad = 0
    for path in argv[1:]:
        try:
            problems = check(path)
        except (ET.ParseError, OSError) as e:
            problems = [f"cannot parse: {e}"]
        for p in problems:
            print(f"{path}: {p}")
        if problems:
            bad += 1
        else:
            print(f"{path}: well-formed JUnit XML")
    return 1 if bad or len(argv) < 2 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
