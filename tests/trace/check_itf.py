#!/usr/bin/env python3
"""Checks a file against Apalache's Informal Trace Format (ADR-015): a trace
object with "vars" and "states" (optional "#meta", "params", "loop"), every
state an object defining every var, every value an ITF expression.

usage: check_itf.py FILE.itf.json   (exit 1 with the first problem)
"""
import json
import sys

MAX_SAFE = 2**53 - 1


def expr(v, where):
    if isinstance(v, bool) or isinstance(v, str):
        return
    if isinstance(v, int):
        assert -MAX_SAFE <= v <= MAX_SAFE, f"{where}: {v} is outside the JSON-safe range (use #bigint)"
        return
    if isinstance(v, list):
        for i, x in enumerate(v):
            expr(x, f"{where}[{i}]")
        return
    assert isinstance(v, dict), f"{where}: {v!r} is not an ITF expression"
    if "#bigint" in v:
        s = v["#bigint"]
        assert len(v) == 1 and isinstance(s, str) and s.lstrip("-").isdigit(), f"{where}: bad #bigint {v}"
        return
    for tag in ("#tup", "#set"):
        if tag in v:
            assert len(v) == 1 and isinstance(v[tag], list), f"{where}: bad {tag}"
            return expr(v[tag], where)
    if "#map" in v:
        assert len(v) == 1 and all(isinstance(p, list) and len(p) == 2 for p in v["#map"]), f"{where}: bad #map"
        return expr(v["#map"], where)
    if "#unserializable" in v:
        return
    for k, x in v.items():  # a record
        assert not k.startswith("#"), f"{where}: record field {k} starts with #"
        expr(x, f"{where}.{k}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        t = json.load(f)
    assert isinstance(t, dict), "a trace is a JSON object"
    assert set(t) <= {"#meta", "params", "vars", "states", "loop"}, f"unknown fields {set(t)}"
    assert isinstance(t.get("#meta", {}), dict), "#meta is an object"
    vars_ = t["vars"]
    assert isinstance(vars_, list) and all(isinstance(v, str) for v in vars_), "vars is an array of strings"
    assert len(set(vars_)) == len(vars_), "vars has duplicates"
    states = t["states"]
    assert isinstance(states, list) and states, "states is a non-empty array"
    for i, s in enumerate(states):
        assert isinstance(s, dict), f"state {i} is not an object"
        assert isinstance(s.get("#meta", {}), dict), f"state {i}: #meta is not an object"
        missing = [v for v in vars_ if v not in s]
        assert not missing, f"state {i} lacks {missing[:3]}"
        extra = [k for k in s if k != "#meta" and k not in vars_ and k not in t.get("params", [])]
        assert not extra, f"state {i} has unknown names {extra[:3]}"
        for v in vars_:
            expr(s[v], f"state {i}: {v}")
    if "loop" in t:
        assert isinstance(t["loop"], int) and 0 <= t["loop"] < len(states), "loop out of range"
    types = t.get("#meta", {}).get("varTypes")
    if types is not None:
        assert set(types) == set(vars_), "varTypes names every var"
    print(f"ITF ok: {len(vars_)} vars, {len(states)} states")


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, KeyError, ValueError) as e:
        print(f"not ITF: {e}")
        sys.exit(1)
