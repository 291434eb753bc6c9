#!/usr/bin/env python3
"""Validates SARIF files against the official SARIF 2.1.0 JSON schema.

usage: validate_sarif.py SCHEMA FILE...   Exit 0 when every file is valid, 1 otherwise (each
error printed), 2 when jsonschema is missing or a file cannot be read.
"""
import json
import sys

try:
    import jsonschema
except ImportError:  # Debian: python3-jsonschema (scripts/setup.sh installs it)
    print("validate_sarif: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    bad = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: /{where}: {e.message}")
        # Beyond the schema: what code scanning needs from ctcheck's results.
        for run in doc.get("runs", []):
            rules = [r["id"] for r in run["tool"]["driver"].get("rules", [])]
            for r in run.get("results", []):
                if r.get("ruleId") not in rules or rules.index(r["ruleId"]) != r.get("ruleIndex"):
                    print(f"{path}: result {r.get('ruleId')}: ruleIndex does not name its rule")
                    errors.append(r)
                for loc in r.get("locations", []):
                    uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                    if uri.startswith("/") or "://" in uri:
                        print(f"{path}: result {r.get('ruleId')}: absolute URI {uri}")
                        errors.append(r)
        if errors:
            bad += 1
        else:
            print(f"{path}: valid SARIF 2.1.0")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
