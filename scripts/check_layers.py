#!/usr/bin/env python3
"""Checks that every dependency between the libraries of checker/ points down.

    check_layers.py ROOT [--dot FILE]

The layers (docs/architecture.md), bottom up:

    0  core      results as plain data: Verdict, PropertyResult, Trace
    1  ir        the transition system and its passes (reduction, abstractions)
    2  frontend  .ct text -> ir          sim   the concrete simulator over ir
    3  engines   explicit, BMC, k-induction, the portfolio, certificates
       trace     printers of traces and results
    4  cli       one file per subcommand, the main job

A library may depend only on libraries of a lower layer; two libraries of one
layer are independent of each other (the printers never link Z3, the
simulator never parses). A dependency is a target_link_libraries() entry in
checker/X/CMakeLists.txt naming ctcheck_Y, or an `#include "Y/..."` in a file
of checker/X/. Every include must also be covered by the (transitive) links.

A folder of checker/ missing from LAYERS is reported and checked only for
cycles: add it to the table to have it checked in full.

--dot FILE writes the link graph (with each layer as a rank) for
scripts/arch-graph.sh. Exit 0: all edges point down; 1: not; 2: usage.
"""
import os
import re
import sys

LAYERS = {"core": 0, "ir": 1, "frontend": 2, "sim": 2, "engines": 3, "trace": 3, "cost": 4, "cli": 5}

LINK_RE = re.compile(r"target_link_libraries\s*\(\s*(\S+)([^)]*)\)", re.S)
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([a-z_0-9]+)/', re.M)


def strip_comments(cmake_text):
    return "\n".join(line.split("#", 1)[0] for line in cmake_text.splitlines())


def libraries(root):
    checker = os.path.join(root, "checker")
    return sorted(d for d in os.listdir(checker)
                  if os.path.isfile(os.path.join(checker, d, "CMakeLists.txt")))


def link_edges(root, libs):
    """(from, to) pairs from target_link_libraries of the ctcheck_* targets."""
    edges = set()
    for lib in libs:
        with open(os.path.join(root, "checker", lib, "CMakeLists.txt")) as f:
            text = strip_comments(f.read())
        for m in LINK_RE.finditer(text):
            for word in m.group(2).split():
                if word.startswith("ctcheck_") and word[len("ctcheck_"):] in libs:
                    to = word[len("ctcheck_"):]
                    if to != lib:
                        edges.add((lib, to))
    return edges


def include_edges(root, libs):
    """(from, to) -> first file:line that includes a header of `to`."""
    edges = {}
    for lib in libs:
        folder = os.path.join(root, "checker", lib)
        for dirpath, _, files in os.walk(folder):
            for name in sorted(files):
                if not name.endswith((".h", ".hpp", ".cpp", ".cc")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, errors="replace") as f:
                    text = f.read()
                for m in INCLUDE_RE.finditer(text):
                    to = m.group(1)
                    if to in libs and to != lib and (lib, to) not in edges:
                        line = text.count("\n", 0, m.start()) + 1
                        edges[(lib, to)] = "%s:%d" % (os.path.relpath(path, root), line)
    return edges


def closure(edges, libs):
    reach = {l: set() for l in libs}
    for a, b in edges:
        reach[a].add(b)
    changed = True
    while changed:
        changed = False
        for a in libs:
            extra = set().union(*(reach[b] for b in reach[a])) - reach[a] if reach[a] else set()
            if extra:
                reach[a] |= extra
                changed = True
    return reach


def write_dot(path, libs, edges):
    with open(path, "w") as f:
        f.write("digraph layers {\n  rankdir=BT;\n  node [shape=box];\n")
        for rank in sorted(set(LAYERS.values())):
            names = [l for l in libs if LAYERS.get(l) == rank]
            if names:
                f.write("  { rank=same; %s }\n" % " ".join('"ctcheck_%s";' % n for n in names))
        for a, b in sorted(edges):
            f.write('  "ctcheck_%s" -> "ctcheck_%s";\n' % (a, b))
        f.write("}\n")


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--dot"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = argv[1]
    libs = libraries(root)
    links = link_edges(root, libs)
    includes = include_edges(root, libs)
    problems = []
    for lib in libs:
        if lib not in LAYERS:
            print("note: checker/%s has no layer in scripts/check_layers.py: checked for cycles only" % lib)

    def upward(a, b):
        return a in LAYERS and b in LAYERS and LAYERS[a] <= LAYERS[b]

    for a, b in sorted(links):
        if upward(a, b):
            problems.append("ctcheck_%s links ctcheck_%s (layer %d -> %d): checker/%s/CMakeLists.txt"
                            % (a, b, LAYERS[a], LAYERS[b], a))
    reach = closure(links, libs)
    for (a, b), where in sorted(includes.items()):
        if upward(a, b):
            problems.append("%s includes a header of %s (layer %d -> %d)" % (where, b, LAYERS[a], LAYERS[b]))
        elif b not in reach[a]:
            problems.append("%s includes a header of %s, which ctcheck_%s does not link" % (where, b, a))
    for lib in libs:
        if lib in reach[lib]:
            problems.append("a dependency cycle through ctcheck_%s" % lib)
    if len(argv) == 4:
        write_dot(argv[3], libs, links)
    for p in problems:
        print("error: " + p)
    edges = sorted(links | set(includes))
    print("%d libraries, %d dependency edges (%d links, %d include pairs): %s"
          % (len(libs), len(edges), len(links), len(includes),
             "all point down" if not problems else "%d upward or uncovered" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
